package tensor

import (
	"fmt"
	"sync"
)

// parallelThreshold is the number of elements above which elementwise
// kernels split their work over two goroutines.
const parallelThreshold = 1 << 16

// blockSize is the number of elements processed between two polls of the
// runtime's cancel flag.
const blockSize = 1 << 16

// broadcastShapes computes the broadcast shape of a and b, with PyTorch's
// error text.
func broadcastShapes(a, b []int) ([]int, error) {
	n := max(len(a), len(b))
	out := make([]int, n)
	for i := n - 1; i >= 0; i-- {
		ia, ib := i-n+len(a), i-n+len(b)
		da, db := 1, 1
		if ia >= 0 {
			da = a[ia]
		}
		if ib >= 0 {
			db = b[ib]
		}
		switch {
		case da == db || db == 1:
			out[i] = da
		case da == 1:
			out[i] = db
		default:
			return nil, fmt.Errorf("The size of tensor a (%d) must match the size of tensor b (%d) at non-singleton dimension %d", da, db, i)
		}
	}
	return out, nil
}

// broadcastStrides returns t's strides for iterating over shape (which t
// broadcasts to): stride 0 on broadcast dimensions.
func broadcastStrides(t *Tensor, shape []int) []int {
	st := make([]int, len(shape))
	off := len(shape) - len(t.shape)
	for i := range t.shape {
		if t.shape[i] != 1 || shape[off+i] == 1 {
			st[off+i] = t.strides[i]
		}
	}
	return st
}

// expandTo returns a view of t broadcast to shape (no checks).
func expandTo(t *Tensor, shape []int) *Tensor {
	t.st.shared.Store(true)
	return &Tensor{dtype: t.dtype, shape: append([]int(nil), shape...), strides: broadcastStrides(t, shape), offset: t.offset, st: t.st}
}

// coalesce merges adjacent dimensions that are contiguous for every
// operand and drops size-1 dimensions. It returns new slices.
func coalesce(shape []int, strides [][]int) ([]int, [][]int) {
	ns := make([]int, 0, len(shape))
	nst := make([][]int, len(strides))
	for k := range strides {
		nst[k] = make([]int, 0, len(shape))
	}
	for i := range shape {
		if shape[i] == 1 {
			continue
		}
		if len(ns) > 0 {
			last := len(ns) - 1
			ok := true
			for k := range strides {
				if nst[k][last] != strides[k][i]*shape[i] {
					ok = false
					break
				}
			}
			if ok {
				ns[last] *= shape[i]
				for k := range strides {
					nst[k][last] = strides[k][i]
				}
				continue
			}
		}
		ns = append(ns, shape[i])
		for k := range strides {
			nst[k] = append(nst[k], strides[k][i])
		}
	}
	if len(ns) == 0 {
		ns = append(ns, 1)
		for k := range strides {
			nst[k] = append(nst[k], 0)
		}
	}
	return ns, nst
}

// rowFunc processes one innermost run of n elements: offs are the starting
// storage offsets of each operand, inner their strides along the run.
type rowFunc func(offs []int, inner []int, n int)

// forRows walks shape (already including all operands' broadcast strides),
// calling fn once per innermost run. It splits the work over two
// goroutines when it is large. It polls stop between blocks and returns
// ErrInterrupted if it fired.
func forRows(rt *Runtime, shape []int, strides [][]int, offs []int, fn rowFunc) error {
	total := numelOf(shape)
	if total == 0 {
		return nil
	}
	shape, strides = coalesce(shape, strides)
	nd := len(shape)
	nops := len(strides)
	inner := make([]int, nops)
	for k := range strides {
		inner[k] = strides[k][nd-1]
	}
	if nd == 1 {
		n := shape[0]
		if n >= parallelThreshold && rt.threads() > 1 {
			return parallelRange(rt, n, func(lo, hi int) error {
				o := make([]int, nops)
				for s := lo; s < hi; s += blockSize {
					if rt.interrupted() {
						return ErrInterrupted
					}
					e := min(s+blockSize, hi)
					for k := range o {
						o[k] = offs[k] + s*inner[k]
					}
					fn(o, inner, e-s)
				}
				return nil
			})
		}
		o := make([]int, nops)
		for s := 0; s < n; s += blockSize {
			if rt.interrupted() {
				return ErrInterrupted
			}
			e := min(s+blockSize, n)
			for k := range o {
				o[k] = offs[k] + s*inner[k]
			}
			fn(o, inner, e-s)
		}
		return nil
	}
	rowLen := shape[nd-1]
	outerShape := shape[:nd-1]
	nrows := numelOf(outerShape)
	work := func(lo, hi int) error {
		idx := make([]int, nd-1)
		o := make([]int, nops)
		// position idx at row lo
		r := lo
		for d := nd - 2; d >= 0; d-- {
			idx[d] = r % outerShape[d]
			r /= outerShape[d]
		}
		for k := range o {
			o[k] = offs[k]
			for d := 0; d < nd-1; d++ {
				o[k] += idx[d] * strides[k][d]
			}
		}
		done := 0
		for row := lo; row < hi; row++ {
			fn(o, inner, rowLen)
			done += rowLen
			if done >= blockSize {
				done = 0
				if rt.interrupted() {
					return ErrInterrupted
				}
			}
			for d := nd - 2; d >= 0; d-- {
				idx[d]++
				for k := range o {
					o[k] += strides[k][d]
				}
				if idx[d] < outerShape[d] {
					break
				}
				for k := range o {
					o[k] -= strides[k][d] * idx[d]
				}
				idx[d] = 0
			}
		}
		return nil
	}
	if total >= parallelThreshold && nrows >= 2 && rt.threads() > 1 {
		return parallelRange(rt, nrows, work)
	}
	return work(0, nrows)
}

// parallelRange splits [0, n) in rt.threads() parts run concurrently.
func parallelRange(rt *Runtime, n int, fn func(lo, hi int) error) error {
	p := rt.threads()
	if p > n {
		p = n
	}
	if p <= 1 {
		return fn(0, n)
	}
	var wg sync.WaitGroup
	errs := make([]error, p)
	// A panic in a part (a kernel bug) must reach Run's recover on the
	// calling goroutine, after every part stopped using its slices: a
	// panic on a worker goroutine would end the process.
	panics := make([]any, p)
	part := func(i, lo, hi int) {
		defer func() { panics[i] = recover() }()
		errs[i] = fn(lo, hi)
	}
	for i := 1; i < p; i++ {
		lo, hi := n*i/p, n*(i+1)/p
		wg.Add(1)
		go func(i int) {
			defer wg.Done()
			part(i, lo, hi)
		}(i)
	}
	part(0, 0, n/p)
	wg.Wait()
	for _, r := range panics {
		if r != nil {
			panic(r)
		}
	}
	for _, e := range errs {
		if e != nil {
			return e
		}
	}
	return nil
}

// copyInto copies src (broadcastable to dst's shape) into dst, converting
// dtypes. It never fails except for interruption, which cannot happen
// with a nil runtime.
func copyInto(dst, src *Tensor) {
	_ = copyIntoRT(nil, dst, src)
}

func copyIntoRT(rt *Runtime, dst, src *Tensor) error {
	shape := dst.shape
	strides := [][]int{dst.strides, broadcastStrides(src, shape)}
	offs := []int{dst.offset, src.offset}
	if dst.dtype == src.dtype || (dst.dtype == Uint8 && src.dtype == Bool) {
		switch d := dst.st.data.(type) {
		case []float32:
			return forRows(rt, shape, strides, offs, copyRow(d, src.st.data.([]float32)))
		case []float64:
			return forRows(rt, shape, strides, offs, copyRow(d, src.st.data.([]float64)))
		case []int64:
			return forRows(rt, shape, strides, offs, copyRow(d, src.st.data.([]int64)))
		case []int32:
			return forRows(rt, shape, strides, offs, copyRow(d, src.st.data.([]int32)))
		case []uint8:
			return forRows(rt, shape, strides, offs, copyRow(d, src.st.data.([]uint8)))
		}
	}
	if dst.dtype == Bool {
		return forRows(rt, shape, strides, offs, func(o, in []int, n int) {
			d := dst.st.data.([]uint8)
			for i := 0; i < n; i++ {
				if src.flat(o[1]+i*in[1]) != 0 {
					d[o[0]+i*in[0]] = 1
				} else {
					d[o[0]+i*in[0]] = 0
				}
			}
		})
	}
	switch d := dst.st.data.(type) {
	case []float32:
		return convertRows(rt, d, src, shape, strides, offs)
	case []float64:
		return convertRows(rt, d, src, shape, strides, offs)
	case []int64:
		return convertRows(rt, d, src, shape, strides, offs)
	case []int32:
		return convertRows(rt, d, src, shape, strides, offs)
	case []uint8:
		return convertRows(rt, d, src, shape, strides, offs)
	}
	return nil
}

func copyRow[T elem](d, s []T) rowFunc {
	return func(o, in []int, n int) {
		if in[0] == 1 && in[1] == 1 {
			copy(d[o[0]:o[0]+n], s[o[1]:o[1]+n])
			return
		}
		if in[0] == 1 && in[1] == 0 {
			v := s[o[1]]
			dd := d[o[0] : o[0]+n]
			for i := range dd {
				dd[i] = v
			}
			return
		}
		for i := 0; i < n; i++ {
			d[o[0]+i*in[0]] = s[o[1]+i*in[1]]
		}
	}
}

func convertRows[D elem](rt *Runtime, d []D, src *Tensor, shape []int, strides [][]int, offs []int) error {
	switch s := src.st.data.(type) {
	case []float32:
		return forRows(rt, shape, strides, offs, convRow(d, s))
	case []float64:
		return forRows(rt, shape, strides, offs, convRow(d, s))
	case []int64:
		return forRows(rt, shape, strides, offs, convRow(d, s))
	case []int32:
		return forRows(rt, shape, strides, offs, convRow(d, s))
	case []uint8:
		return forRows(rt, shape, strides, offs, convRow(d, s))
	}
	return nil
}

func convRow[D, S elem](d []D, s []S) rowFunc {
	return func(o, in []int, n int) {
		for i := 0; i < n; i++ {
			d[o[0]+i*in[0]] = convElem[D](s[o[1]+i*in[1]])
		}
	}
}

// convElem converts like a C cast, with float->int going through int64 so
// that out-of-range values wrap as PyTorch's do on x86.
func convElem[D, S elem](v S) D {
	var z D
	switch any(z).(type) {
	case uint8:
		switch any(v).(type) {
		case float32, float64:
			return D(int64(v))
		}
	}
	return D(v)
}
