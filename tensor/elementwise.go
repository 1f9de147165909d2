package tensor

import (
	"fmt"
	"math"
)

//go:generate /usr/bin/python3 gen_kernels.py

func b2u(b bool) uint8 {
	if b {
		return 1
	}
	return 0
}

func absT[T elem](x T) T {
	if x < 0 {
		return -x
	}
	return x
}

type binRow[T, O elem] func(o []O, a, b []T, c T, oo, ao, bo, os, as, bs, n int)

// binImpl holds one op's row kernels per dtype.
type binImpl struct {
	simd int // SIMD kernel code (see simdBinF32), -1 for none
	f32  binRow[float32, float32]
	f64  binRow[float64, float64]
	i64  binRow[int64, int64]
	i32  binRow[int32, int32]
	u8   binRow[uint8, uint8]
}

type cmpImpl struct {
	f32 binRow[float32, uint8]
	f64 binRow[float64, uint8]
	i64 binRow[int64, uint8]
	i32 binRow[int32, uint8]
	u8  binRow[uint8, uint8]
}

var (
	binAdd      = binImpl{0, addRow[float32], addRow[float64], addRow[int64], addRow[int32], addRow[uint8]}
	binAddAlpha = binImpl{-1, addAlphaRow[float32], addAlphaRow[float64], addAlphaRow[int64], addAlphaRow[int32], addAlphaRow[uint8]}
	binSub      = binImpl{1, subRow[float32], subRow[float64], subRow[int64], subRow[int32], subRow[uint8]}
	binSubAlpha = binImpl{-1, subAlphaRow[float32], subAlphaRow[float64], subAlphaRow[int64], subAlphaRow[int32], subAlphaRow[uint8]}
	binMul      = binImpl{2, mulRow[float32], mulRow[float64], mulRow[int64], mulRow[int32], mulRow[uint8]}
	binDiv      = binImpl{3, divRow[float32], divRow[float64], nil, nil, nil}
	binMax      = binImpl{-1, maximumRow[float32], maximumRow[float64], maximumRow[int64], maximumRow[int32], maximumRow[uint8]}
	binMin      = binImpl{-1, minimumRow[float32], minimumRow[float64], minimumRow[int64], minimumRow[int32], minimumRow[uint8]}
	cmpEq       = cmpImpl{eqRow[float32], eqRow[float64], eqRow[int64], eqRow[int32], eqRow[uint8]}
	cmpNe       = cmpImpl{neRow[float32], neRow[float64], neRow[int64], neRow[int32], neRow[uint8]}
	cmpLt       = cmpImpl{ltRow[float32], ltRow[float64], ltRow[int64], ltRow[int32], ltRow[uint8]}
	cmpLe       = cmpImpl{leRow[float32], leRow[float64], leRow[int64], leRow[int32], leRow[uint8]}
	cmpGt       = cmpImpl{gtRow[float32], gtRow[float64], gtRow[int64], gtRow[int32], gtRow[uint8]}
	cmpGe       = cmpImpl{geRow[float32], geRow[float64], geRow[int64], geRow[int32], geRow[uint8]}
)

func runBin[T, O elem](rt *Runtime, out, a, b *Tensor, c T, row binRow[T, O]) error {
	shape := out.shape
	od, ad, bd := rawData[O](out), rawData[T](a), rawData[T](b)
	if a.IsContiguous() && b.IsContiguous() && out.IsContiguous() && sameShape(a.shape, shape) && sameShape(b.shape, shape) {
		n := out.Numel()
		oo, ao, bo := out.offset, a.offset, b.offset
		if n >= parallelThreshold && rt.threads() > 1 {
			return parallelRange(rt, n, func(lo, hi int) error {
				for s := lo; s < hi; s += blockSize {
					if rt.interrupted() {
						return ErrInterrupted
					}
					e := min(s+blockSize, hi)
					row(od, ad, bd, c, oo+s, ao+s, bo+s, 1, 1, 1, e-s)
				}
				return nil
			})
		}
		row(od, ad, bd, c, oo, ao, bo, 1, 1, 1, n)
		return nil
	}
	strides := [][]int{out.strides, broadcastStrides(a, shape), broadcastStrides(b, shape)}
	offs := []int{out.offset, a.offset, b.offset}
	return forRows(rt, shape, strides, offs, func(o, in []int, n int) {
		row(od, ad, bd, c, o[0], o[1], o[2], in[0], in[1], in[2], n)
	})
}

func (k binImpl) run(rt *Runtime, dt DType, out, a, b *Tensor, c Scalar) error {
	switch dt {
	case Float32:
		return runBin(rt, out, a, b, float32(c.F), k.f32)
	case Float64:
		return runBin(rt, out, a, b, c.F, k.f64)
	case Int64:
		return runBin(rt, out, a, b, c.I, k.i64)
	case Int32:
		return runBin(rt, out, a, b, int32(c.I), k.i32)
	default:
		return runBin(rt, out, a, b, uint8(c.I), k.u8)
	}
}

func (k cmpImpl) run(rt *Runtime, dt DType, out, a, b *Tensor) error {
	switch dt {
	case Float32:
		return runBin(rt, out, a, b, 0, k.f32)
	case Float64:
		return runBin(rt, out, a, b, 0, k.f64)
	case Int64:
		return runBin(rt, out, a, b, 0, k.i64)
	case Int32:
		return runBin(rt, out, a, b, 0, k.i32)
	default:
		return runBin(rt, out, a, b, 0, k.u8)
	}
}

// binaryPrep computes the broadcast shape and converts both operands to
// the compute dtype (a copy only when the dtype differs).
func binaryPrep(a, b *Tensor, dt DType) (*Tensor, *Tensor, []int, error) {
	shape, err := broadcastShapes(a.shape, b.shape)
	if err != nil {
		return nil, nil, nil, err
	}
	return a.castTo(dt), b.castTo(dt), shape, nil
}

// arith runs a fast binary kernel in dtype dt (the result dtype).
func arith(rt *Runtime, k binImpl, a, b *Tensor, dt DType, c Scalar) (*Tensor, error) {
	a2, b2, shape, err := binaryPrep(a, b, dt)
	if err != nil {
		return nil, err
	}
	out := newTensorNoInit(dt, shape)
	if dt == Float32 && k.simd >= 0 && simdBinary(rt, k.simd, out, a2, b2) {
		return out, nil
	}
	if err := k.run(rt, dt, out, a2, b2, c); err != nil {
		return nil, err
	}
	if dt == Bool {
		normBool(out)
	}
	return out, nil
}

func normBool(t *Tensor) {
	d := rawData[uint8](t)
	for i, v := range d {
		if v != 0 {
			d[i] = 1
		}
	}
}

func compare(rt *Runtime, k cmpImpl, a, b *Tensor) (*Tensor, error) {
	dt := ResultType(a, b)
	a2, b2, shape, err := binaryPrep(a, b, dt)
	if err != nil {
		return nil, err
	}
	out := newTensorNoInit(Bool, shape)
	return out, k.run(rt, dt, out, a2, b2)
}

// binaryF64 is the general path: f is applied in float64 to elements
// converted from the compute dtype; the result is stored in outDT.
func binaryF64(rt *Runtime, a, b *Tensor, computeDT, outDT DType, f func(x, y float64) float64) (*Tensor, error) {
	shape, err := broadcastShapes(a.shape, b.shape)
	if err != nil {
		return nil, err
	}
	// round inputs through the compute dtype, then widen to float64
	a2 := a.castTo(computeDT).castTo(Float64)
	b2 := b.castTo(computeDT).castTo(Float64)
	out := newTensor(Float64, shape)
	od, ad, bd := rawData[float64](out), rawData[float64](a2), rawData[float64](b2)
	strides := [][]int{out.strides, broadcastStrides(a2, shape), broadcastStrides(b2, shape)}
	err = forRows(rt, shape, strides, []int{0, a2.offset, b2.offset}, func(o, in []int, n int) {
		for i := 0; i < n; i++ {
			od[o[0]+i*in[0]] = f(ad[o[1]+i*in[1]], bd[o[2]+i*in[2]])
		}
	})
	if err != nil {
		return nil, err
	}
	return out.castTo(outDT), nil
}

// unaryF64 applies f elementwise, reading t's elements as float64 and
// writing outDT.
func unaryF64(rt *Runtime, t *Tensor, outDT DType, f func(float64) float64) (*Tensor, error) {
	out := newTensorNoInit(outDT, t.shape)
	var err error
	switch o := out.st.data.(type) {
	case []float32:
		err = unaryMap(rt, o, out, t, f)
	case []float64:
		err = unaryMap(rt, o, out, t, f)
	default:
		tmp := newTensor(Float64, t.shape)
		err = unaryMap(rt, rawData[float64](tmp), tmp, t, f)
		if err == nil {
			copyInto(out, tmp)
		}
	}
	return out, err
}

func unaryMap[O elem](rt *Runtime, od []O, out, t *Tensor, f func(float64) float64) error {
	switch s := t.st.data.(type) {
	case []float32:
		return unaryMap2(rt, od, out, s, t, f)
	case []float64:
		return unaryMap2(rt, od, out, s, t, f)
	case []int64:
		return unaryMap2(rt, od, out, s, t, f)
	case []int32:
		return unaryMap2(rt, od, out, s, t, f)
	case []uint8:
		return unaryMap2(rt, od, out, s, t, f)
	}
	return nil
}

func unaryMap2[O, S elem](rt *Runtime, od []O, out *Tensor, sd []S, t *Tensor, f func(float64) float64) error {
	return forRows(rt, t.shape, [][]int{out.strides, t.strides}, []int{out.offset, t.offset}, func(o, in []int, n int) {
		if in[0] == 1 && in[1] == 1 {
			oo := od[o[0] : o[0]+n]
			ss := sd[o[1] : o[1]+n]
			ss = ss[:len(oo)]
			for i := range oo {
				oo[i] = O(f(float64(ss[i])))
			}
			return
		}
		for i := 0; i < n; i++ {
			od[o[0]+i*in[0]] = O(f(float64(sd[o[1]+i*in[1]])))
		}
	})
}

type unRow[T elem] func(o, a []T, oo, ao, os, as, n int)

type unImpl struct {
	simd int // SIMD kernel code (see simdUnF32), -1 for none
	f32  unRow[float32]
	f64  unRow[float64]
	i64  unRow[int64]
	i32  unRow[int32]
	u8   unRow[uint8]
}

var (
	unNeg    = unImpl{1, negURow[float32], negURow[float64], negURow[int64], negURow[int32], negURow[uint8]}
	unAbs    = unImpl{2, absURow[float32], absURow[float64], absURow[int64], absURow[int32], absURow[uint8]}
	unRelu   = unImpl{0, reluURow[float32], reluURow[float64], reluURow[int64], reluURow[int32], reluURow[uint8]}
	unSquare = unImpl{-1, squareURow[float32], squareURow[float64], squareURow[int64], squareURow[int32], squareURow[uint8]}
)

func runUn[T elem](rt *Runtime, out, a *Tensor, row unRow[T]) error {
	od, ad := rawData[T](out), rawData[T](a)
	if a.IsContiguous() {
		n := a.Numel()
		oo, ao := out.offset, a.offset
		if n >= parallelThreshold && rt.threads() > 1 {
			return parallelRange(rt, n, func(lo, hi int) error {
				for s := lo; s < hi; s += blockSize {
					if rt.interrupted() {
						return ErrInterrupted
					}
					e := min(s+blockSize, hi)
					row(od, ad, oo+s, ao+s, 1, 1, e-s)
				}
				return nil
			})
		}
		row(od, ad, oo, ao, 1, 1, n)
		return nil
	}
	return forRows(rt, a.shape, [][]int{out.strides, a.strides}, []int{out.offset, a.offset}, func(o, in []int, n int) {
		row(od, ad, o[0], o[1], in[0], in[1], n)
	})
}

func (k unImpl) apply(rt *Runtime, a *Tensor) (*Tensor, error) {
	out := newTensorNoInit(a.dtype, a.shape)
	if a.dtype == Float32 && k.simd >= 0 && hasAVX2 && a.IsContiguous() {
		od, ad := rawData[float32](out), dataOf[float32](a)
		err := blocks(rt, len(od), func(s, e int) { simdUnF32(k.simd, od[s:e], ad[s:e]) })
		return out, err
	}
	var err error
	switch a.dtype {
	case Float32:
		err = runUn(rt, out, a, k.f32)
	case Float64:
		err = runUn(rt, out, a, k.f64)
	case Int64:
		err = runUn(rt, out, a, k.i64)
	case Int32:
		err = runUn(rt, out, a, k.i32)
	default:
		err = runUn(rt, out, a, k.u8)
	}
	return out, err
}

// floatResult is the dtype of a float-valued op on t (ints promote to the
// default float dtype).
func floatResult(dt DType) DType {
	if dt.IsFloat() {
		return dt
	}
	return DefaultFloat
}

// fillScalar sets every element of a contiguous tensor to v.
func fillScalar(t *Tensor, v float64) {
	switch d := t.st.data.(type) {
	case []float32:
		fillT(d, float32(v))
	case []float64:
		fillT(d, v)
	case []int64:
		fillT(d, int64(v))
	case []int32:
		fillT(d, int32(v))
	case []uint8:
		if t.dtype == Bool {
			fillT(d, b2u(v != 0))
		} else {
			fillT(d, uint8(int64(v)))
		}
	}
}

func fillT[T elem](d []T, v T) {
	for i := range d {
		d[i] = v
	}
}

func checkFloatOrErr(name string, t *Tensor) error {
	if !t.dtype.IsFloat() {
		return fmt.Errorf("\"%s\" not implemented for '%s'", name, t.dtype.ScalarTypeName())
	}
	return nil
}

var _ = math.Abs

// blocks runs fn over [0, n) in blockSize pieces, split over the
// runtime's threads when large, polling for interrupts between blocks.
func blocks(rt *Runtime, n int, fn func(s, e int)) error {
	nb := (n + blockSize - 1) / blockSize
	if nb <= 1 {
		fn(0, n)
		return nil
	}
	body := func(lo, hi int) error {
		for b := lo; b < hi; b++ {
			if rt.interrupted() {
				return ErrInterrupted
			}
			fn(b*blockSize, min((b+1)*blockSize, n))
		}
		return nil
	}
	if n < parallelThreshold || rt.threads() < 2 {
		return body(0, nb)
	}
	return parallelRange(rt, nb, body)
}

// simdBinary runs a float32 SIMD kernel when the operands allow it: both
// contiguous with the output's shape, or b a single broadcast element.
func simdBinary(rt *Runtime, code int, out, a, b *Tensor) bool {
	if !hasAVX2 || !a.IsContiguous() || !sameShape(a.shape, out.shape) {
		return false
	}
	od, ad := rawData[float32](out), dataOf[float32](a)
	if b.IsContiguous() && sameShape(b.shape, out.shape) {
		bd := dataOf[float32](b)
		return blocks(rt, len(od), func(s, e int) { simdBinF32(code, od[s:e], ad[s:e], bd[s:e]) }) == nil
	}
	if b.Numel() == 1 {
		v := rawData[float32](b)[b.offset]
		return blocks(rt, len(od), func(s, e int) { simdBinScalarF32(code, od[s:e], ad[s:e], v) }) == nil
	}
	return false
}
