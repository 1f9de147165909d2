package tensor

import (
	"fmt"
	"math"
	"strings"
	"sync/atomic"
)

// storage is a flat buffer shared by a tensor and its views. data is one of
// []float32, []float64, []int64, []int32 or []uint8 (bool and uint8 share
// the []uint8 representation, bools being 0 or 1).
type storage struct {
	data    any
	version uint64 // bumped by every in-place modification
	// shared is set once a second tensor object views this storage
	// (views, detach, broadcasting): Release then leaves it alone.
	shared atomic.Bool
	// pooled: data is a buffer of the pool (pool.go), which Release can
	// hand back at once.
	pooled bool
	// released: the tensor owning this (empty) storage was released.
	released bool
	// seq orders pooled storages by allocation (AllocatedSince).
	seq uint64
}

// Tensor is a strided view over a storage. A *Tensor's identity (its
// pointer) is stable: hooks may map tensors to their own values by pointer.
type Tensor struct {
	dtype   DType
	shape   []int
	strides []int
	offset  int
	st      *storage
	ag      *autogradMeta
	name    string  // optional name (parameters), for tracing and debugging
	base    *Tensor // for views: the tensor whose storage this views
	wrapped bool    // a Go scalar wrapped into a 0-dim tensor (type promotion)
	// kept is set when something beyond the caller may hold this tensor
	// object: an autograd node recorded with it, or a hook saw it.
	// Release then leaves it alone.
	kept atomic.Bool
}

// elem is the set of Go element types of storages.
type elem interface {
	~float32 | ~float64 | ~int64 | ~int32 | ~uint8
}

type floatElem interface{ ~float32 | ~float64 }

func newStorage(dt DType, n int) *storage {
	switch dt {
	case Float32:
		return &storage{data: make([]float32, n)}
	case Float64:
		return &storage{data: make([]float64, n)}
	case Int64:
		return &storage{data: make([]int64, n)}
	case Int32:
		return &storage{data: make([]int32, n)}
	default:
		return &storage{data: make([]uint8, n)}
	}
}

func contiguousStrides(shape []int) []int {
	st := make([]int, len(shape))
	s := 1
	for i := len(shape) - 1; i >= 0; i-- {
		st[i] = s
		if shape[i] > 1 {
			s *= shape[i]
		}
	}
	return st
}

func numelOf(shape []int) int {
	n := 1
	for _, s := range shape {
		n *= s
	}
	return n
}

// newTensor allocates a contiguous, zero-filled tensor.
func newTensor(dt DType, shape []int) *Tensor {
	shape = append([]int(nil), shape...)
	return &Tensor{dtype: dt, shape: shape, strides: contiguousStrides(shape), st: allocStorage(dt, numelOf(shape), true)}
}

// Empty returns a new zero-filled contiguous tensor (it is cheap, and
// deterministic, to zero memory in Go).
func Empty(dt DType, shape ...int) *Tensor { return newTensor(dt, shape) }

// FromFloat32 makes a tensor from data (copied) with the given shape.
func FromFloat32(data []float32, shape ...int) (*Tensor, error) {
	return fromSlice(Float32, data, shape)
}

// FromFloat64 makes a float64 tensor.
func FromFloat64(data []float64, shape ...int) (*Tensor, error) {
	return fromSlice(Float64, data, shape)
}

// FromInt64 makes an int64 tensor.
func FromInt64(data []int64, shape ...int) (*Tensor, error) { return fromSlice(Int64, data, shape) }

// FromInt32 makes an int32 tensor.
func FromInt32(data []int32, shape ...int) (*Tensor, error) { return fromSlice(Int32, data, shape) }

// FromUint8 makes a uint8 tensor.
func FromUint8(data []uint8, shape ...int) (*Tensor, error) { return fromSlice(Uint8, data, shape) }

// FromBool makes a bool tensor.
func FromBool(data []bool, shape ...int) (*Tensor, error) {
	u := make([]uint8, len(data))
	for i, b := range data {
		if b {
			u[i] = 1
		}
	}
	return fromSlice(Bool, u, shape)
}

func fromSlice[T elem](dt DType, data []T, shape []int) (*Tensor, error) {
	if shape == nil {
		shape = []int{len(data)}
	}
	if numelOf(shape) != len(data) {
		return nil, fmt.Errorf("shape '%s' is invalid for input of size %d", fmtShape(shape), len(data))
	}
	t := newTensor(dt, shape)
	copy(t.st.data.([]T), data)
	return t, nil
}

// FromFloat64As makes a tensor of dtype dt from float64 values (converted
// as PyTorch casts: truncation toward zero for integers, != 0 for bool).
func FromFloat64As(dt DType, data []float64, shape ...int) (*Tensor, error) {
	t, err := FromFloat64(data, shape...)
	if err != nil {
		return nil, err
	}
	return t.castTo(dt), nil
}

// ScalarTensor makes a 0-dim tensor.
func ScalarTensor(v float64, dt DType) *Tensor {
	t := newTensor(dt, nil)
	t.setFlat(0, v)
	return t
}

// DType returns the element type.
func (t *Tensor) DType() DType { return t.dtype }

// Shape returns a copy of the shape.
func (t *Tensor) Shape() []int { return append([]int(nil), t.shape...) }

// Strides returns a copy of the strides (in elements).
func (t *Tensor) Strides() []int { return append([]int(nil), t.strides...) }

// Offset is the storage offset in elements.
func (t *Tensor) Offset() int { return t.offset }

// Dim is the number of dimensions.
func (t *Tensor) Dim() int { return len(t.shape) }

// Size returns the size of dimension d (negative d counts from the end).
func (t *Tensor) Size(d int) (int, error) {
	d, err := wrapDim(d, len(t.shape))
	if err != nil {
		return 0, err
	}
	return t.shape[d], nil
}

// Numel is the number of elements.
func (t *Tensor) Numel() int { return numelOf(t.shape) }

// Name is the optional name given with SetName.
func (t *Tensor) Name() string { return t.name }

// SetName names the tensor (e.g. a parameter's qualified name).
func (t *Tensor) SetName(s string) { t.name = s }

// SharesStorage reports whether t and u are views of the same storage.
func (t *Tensor) SharesStorage(u *Tensor) bool { return t.st == u.st }

// Version is the storage's in-place modification counter (t._version).
func (t *Tensor) Version() uint64 { return t.st.version }

// DataPtr is a stable identity of the storage plus offset (for printing and tests).
func (t *Tensor) IsContiguous() bool {
	s := 1
	for i := len(t.shape) - 1; i >= 0; i-- {
		if t.shape[i] != 1 {
			if t.strides[i] != s {
				return false
			}
			s *= t.shape[i]
		}
	}
	return true
}

// flat reads storage element i as float64.
func (t *Tensor) flat(i int) float64 {
	switch d := t.st.data.(type) {
	case []float32:
		return float64(d[i])
	case []float64:
		return d[i]
	case []int64:
		return float64(d[i])
	case []int32:
		return float64(d[i])
	case []uint8:
		return float64(d[i])
	}
	return 0
}

// setFlat writes storage element i from float64 (with PyTorch's cast rules).
func (t *Tensor) setFlat(i int, v float64) {
	switch d := t.st.data.(type) {
	case []float32:
		d[i] = float32(v)
	case []float64:
		d[i] = v
	case []int64:
		d[i] = int64(v)
	case []int32:
		d[i] = int32(v)
	case []uint8:
		if t.dtype == Bool {
			if v != 0 {
				d[i] = 1
			} else {
				d[i] = 0
			}
		} else {
			d[i] = uint8(int64(v))
		}
	}
}

// offsets calls fn with the storage offset of every element in row-major order.
func (t *Tensor) forOffsets(fn func(off int)) {
	n := t.Numel()
	if n == 0 {
		return
	}
	nd := len(t.shape)
	if nd == 0 {
		fn(t.offset)
		return
	}
	idx := make([]int, nd)
	off := t.offset
	last := nd - 1
	for {
		ls, lst := t.shape[last], t.strides[last]
		for j := 0; j < ls; j++ {
			fn(off + j*lst)
		}
		d := last - 1
		for ; d >= 0; d-- {
			idx[d]++
			off += t.strides[d]
			if idx[d] < t.shape[d] {
				break
			}
			off -= t.strides[d] * idx[d]
			idx[d] = 0
		}
		if d < 0 {
			return
		}
	}
}

// Float64s returns the elements in row-major order converted to float64.
func (t *Tensor) Float64s() []float64 {
	out := make([]float64, 0, t.Numel())
	t.forOffsets(func(o int) { out = append(out, t.flat(o)) })
	return out
}

// Float32s returns the elements as float32 (converted).
func (t *Tensor) Float32s() []float32 {
	if t.dtype == Float32 && t.IsContiguous() {
		d := t.st.data.([]float32)
		return append([]float32(nil), d[t.offset:t.offset+t.Numel()]...)
	}
	f := t.Float64s()
	out := make([]float32, len(f))
	for i, v := range f {
		out[i] = float32(v)
	}
	return out
}

// Int64s returns the elements as int64 (floats truncated).
func (t *Tensor) Int64s() []int64 {
	out := make([]int64, 0, t.Numel())
	switch d := t.st.data.(type) {
	case []int64:
		t.forOffsets(func(o int) { out = append(out, d[o]) })
	default:
		t.forOffsets(func(o int) { out = append(out, int64(t.flat(o))) })
	}
	return out
}

// Bools returns the elements as bools (!= 0).
func (t *Tensor) Bools() []bool {
	out := make([]bool, 0, t.Numel())
	t.forOffsets(func(o int) { out = append(out, t.flat(o) != 0) })
	return out
}

// Item returns the single element of a one-element tensor as float64.
func (t *Tensor) Item() (float64, error) {
	if t.Numel() != 1 {
		return 0, fmt.Errorf("a Tensor with %d elements cannot be converted to Scalar", t.Numel())
	}
	return t.flat(t.offset), nil
}

// Contiguous data access for kernels: contiguous elements of t (t must be contiguous).
func dataOf[T elem](t *Tensor) []T {
	d := t.st.data.([]T)
	return d[t.offset : t.offset+t.Numel()]
}

// rawData returns the full storage slice.
func rawData[T elem](t *Tensor) []T { return t.st.data.([]T) }

func fmtShape(s []int) string {
	parts := make([]string, len(s))
	for i, v := range s {
		parts[i] = fmt.Sprint(v)
	}
	return "[" + strings.Join(parts, ", ") + "]"
}

func wrapDim(d, ndim int) (int, error) {
	n := ndim
	if n == 0 {
		n = 1 // scalars accept dim 0 and -1
	}
	if d < -n || d >= n {
		return 0, fmt.Errorf("Dimension out of range (expected to be in range of [%d, %d], but got %d)", -n, n-1, d)
	}
	if d < 0 {
		d += n
	}
	return d, nil
}

// String is a short description; the language does R-style printing.
func (t *Tensor) String() string {
	var b strings.Builder
	b.WriteString("tensor(")
	vals := t.Float64s()
	if len(vals) > 20 {
		vals = vals[:20]
	}
	for i, v := range vals {
		if i > 0 {
			b.WriteString(", ")
		}
		if t.dtype.IsFloat() {
			b.WriteString(formatFloat(v))
		} else if t.dtype == Bool {
			b.WriteString(map[bool]string{true: "True", false: "False"}[v != 0])
		} else {
			fmt.Fprint(&b, int64(v))
		}
	}
	if t.Numel() > 20 {
		b.WriteString(", ...")
	}
	fmt.Fprintf(&b, ", shape=%s, dtype=%s)", fmtShape(t.shape), t.dtype)
	return b.String()
}

// castTo returns a contiguous copy of t converted to dt (t itself if dt
// matches and t is contiguous with zero offset and full storage).
func (t *Tensor) castTo(dt DType) *Tensor {
	if dt == t.dtype {
		return t
	}
	out := newTensorNoInit(dt, t.shape)
	copyInto(out, t)
	return out
}

// contig returns t if contiguous, else a contiguous copy.
func (t *Tensor) contig() *Tensor {
	if t.IsContiguous() {
		return t
	}
	out := newTensorNoInit(t.dtype, t.shape)
	copyInto(out, t)
	return out
}

var _ = math.NaN

// IsWrappedNumber reports whether t is a Go scalar that an op wrapped into
// a 0-dim tensor (a tracer records it as a scalar constant).
func (t *Tensor) IsWrappedNumber() bool { return t.wrapped }
