package tensor

import (
	"errors"
	"fmt"
	"math"
	"sort"
)

// reduction describes a reduction over some dims: src holds the input
// with kept dims first and reduced dims last, contiguous, as float32 or
// float64 rows of length R (M rows).
type reduction struct {
	M, R      int
	outShape  []int // result shape (keepdim applied)
	keepShape []int // result shape with reduced dims kept as 1
	dims      []int // reduced dims (wrapped, sorted)
	f32       []float32
	f64       []float64
	src       *Tensor
	rt        *Runtime
}

func prepReduce(rt *Runtime, t *Tensor, dims []int, keepdim bool, needFloat bool) (*reduction, error) {
	nd := len(t.shape)
	var rd []int
	if len(dims) == 0 {
		for i := 0; i < nd; i++ {
			rd = append(rd, i)
		}
	} else {
		w, err := wrapDims(dims, nd)
		if err != nil {
			return nil, err
		}
		if nd == 0 {
			w = nil
		}
		rd = w
	}
	sort.Ints(rd)
	isRed := make([]bool, nd)
	for _, d := range rd {
		isRed[d] = true
	}
	var perm, outShape, keepShape []int
	M, R := 1, 1
	for i := 0; i < nd; i++ {
		if !isRed[i] {
			perm = append(perm, i)
			outShape = append(outShape, t.shape[i])
			keepShape = append(keepShape, t.shape[i])
			M *= t.shape[i]
		} else {
			keepShape = append(keepShape, 1)
			if keepdim {
				outShape = append(outShape, 1)
			}
		}
	}
	keepShape = keepShape[:0]
	for i := 0; i < nd; i++ {
		if isRed[i] {
			keepShape = append(keepShape, 1)
		} else {
			keepShape = append(keepShape, t.shape[i])
		}
	}
	for _, d := range rd {
		perm = append(perm, d)
		R *= t.shape[d]
	}
	if outShape == nil {
		outShape = []int{}
	}
	r := &reduction{M: M, R: R, outShape: outShape, keepShape: keepShape, dims: rd, rt: rt}
	src := t
	if nd > 0 {
		src, _ = permuteKernel(t, perm)
	}
	if t.dtype == Float32 {
		if !src.IsContiguous() {
			c := newTensorNoInit(Float32, src.shape)
			if err := copyIntoRT(rt, c, src); err != nil {
				return nil, err
			}
			src = c
		}
		r.f32 = dataOf[float32](src)
	} else {
		if src.dtype != Float64 || !src.IsContiguous() {
			c := newTensorNoInit(Float64, src.shape)
			if err := copyIntoRT(rt, c, src); err != nil {
				return nil, err
			}
			src = c
		}
		r.f64 = dataOf[float64](src)
	}
	r.src = src
	return r, nil
}

// rows applies fn to each reduced row, writing float64 results.
func (r *reduction) rows(fn32 func([]float32) float64, fn64 func([]float64) float64) []float64 {
	out := make([]float64, r.M)
	done := 0
	for m := 0; m < r.M; m++ {
		if done += r.R; done >= blockSize {
			done = 0
			if r.rt.interrupted() {
				return out // Run reports ErrInterrupted
			}
		}
		if r.src.dtype == Float32 {
			out[m] = fn32(r.f32[m*r.R : (m+1)*r.R])
		} else {
			out[m] = fn64(r.f64[m*r.R : (m+1)*r.R])
		}
	}
	return out
}

func sumSlice[T floatElem](x []T) float64 {
	if f, ok := any(x).([]float32); ok {
		if s, ok := simdSumF32(f); ok {
			return s
		}
	}
	var s0, s1, s2, s3 float64
	i := 0
	for ; i+4 <= len(x); i += 4 {
		s0 += float64(x[i])
		s1 += float64(x[i+1])
		s2 += float64(x[i+2])
		s3 += float64(x[i+3])
	}
	for ; i < len(x); i++ {
		s0 += float64(x[i])
	}
	return (s0 + s1) + (s2 + s3)
}

func sumParallel[T floatElem](rt *Runtime, x []T) (float64, error) {
	if len(x) < parallelThreshold || rt.threads() < 2 {
		return sumSlice(x), nil
	}
	p := rt.threads()
	parts := make([]float64, p)
	err := parallelRange(rt, p, func(lo, hi int) error {
		for i := lo; i < hi; i++ {
			a, b := len(x)*i/p, len(x)*(i+1)/p
			s := 0.0
			for c := a; c < b; c += blockSize {
				if rt.interrupted() {
					return ErrInterrupted
				}
				s += sumSlice(x[c:min(c+blockSize, b)])
			}
			parts[i] = s
		}
		return nil
	})
	s := 0.0
	for _, v := range parts {
		s += v
	}
	return s, err
}

func prodSlice[T floatElem](x []T) float64 {
	p := 1.0
	for _, v := range x {
		p *= float64(v)
	}
	return p
}

func fromFloat64s(vals []float64, shape []int, dt DType) *Tensor {
	t := &Tensor{dtype: Float64, shape: shape, strides: contiguousStrides(shape), st: &storage{data: vals}}
	return t.castTo(dt)
}

func sumKernel(rt *Runtime, t *Tensor, dims []int, keepdim bool, dtype any) (*Tensor, error) {
	odt := t.dtype
	if !odt.IsFloat() {
		odt = Int64
	}
	if d, ok := dtype.(DType); ok {
		odt = d
		t = t.castTo(d)
	}
	if len(dims) == 0 && t.IsContiguous() && t.dtype.IsFloat() {
		var s float64
		var err error
		if t.dtype == Float32 {
			s, err = sumParallel(rt, dataOf[float32](t))
		} else {
			s, err = sumParallel(rt, dataOf[float64](t))
		}
		if err != nil {
			return nil, err
		}
		shape := []int{}
		if keepdim {
			shape = make([]int, len(t.shape))
			for i := range shape {
				shape[i] = 1
			}
		}
		return fromFloat64s([]float64{s}, shape, odt), nil
	}
	if out := sumLeadingDims(t, dims, keepdim, odt); out != nil {
		return out, nil
	}
	if !t.dtype.IsFloat() {
		// exact integer sums
		r, err := prepReduce(rt, t.castTo(Int64), dims, keepdim, false)
		if err != nil {
			return nil, err
		}
		src := t.castTo(Int64)
		_ = src
		vals := r.rows(nil, func(x []float64) float64 {
			var s float64
			for _, v := range x {
				s += v
			}
			return s
		})
		return fromFloat64s(vals, r.outShape, odt), nil
	}
	r, err := prepReduce(rt, t, dims, keepdim, true)
	if err != nil {
		return nil, err
	}
	return fromFloat64s(r.rows(sumSlice[float32], sumSlice[float64]), r.outShape, odt), nil
}

// sumLeadingDims sums a contiguous float tensor over its leading dims
// (dims 0..k-1, k < rank: the bias gradient of a linear layer, sum over
// dim 0) by adding whole rows, without the transposing copy of the
// general path; nil if the case does not apply. float32 rows are added in
// float32 vectors in groups of 8, the groups accumulated in float64.
func sumLeadingDims(t *Tensor, dims []int, keepdim bool, odt DType) *Tensor {
	nd := len(t.shape)
	if len(dims) == 0 || len(dims) >= nd || !t.IsContiguous() || (t.dtype != Float32 && t.dtype != Float64) {
		return nil
	}
	w, err := wrapDims(dims, nd)
	if err != nil {
		return nil
	}
	seen := make([]bool, nd)
	for _, d := range w {
		if seen[d] {
			return nil
		}
		seen[d] = true
	}
	k := len(w)
	for i := 0; i < k; i++ {
		if !seen[i] {
			return nil
		}
	}
	R, M := numelOf(t.shape[:k]), numelOf(t.shape[k:])
	if R == 0 || M == 0 {
		return nil
	}
	acc := make([]float64, M)
	if t.dtype == Float32 {
		x := dataOf[float32](t)
		tmp := make([]float32, M)
		for r0 := 0; r0 < R; r0 += 8 {
			copy(tmp, x[r0*M:(r0+1)*M])
			for r := r0 + 1; r < min(r0+8, R); r++ {
				row := x[r*M : (r+1)*M]
				if !simdBinF32(0, tmp, tmp, row) {
					for j, v := range row {
						tmp[j] += v
					}
				}
			}
			for j, v := range tmp {
				acc[j] += float64(v)
			}
		}
	} else {
		x := dataOf[float64](t)
		for r := 0; r < R; r++ {
			for j, v := range x[r*M : (r+1)*M] {
				acc[j] += v
			}
		}
	}
	var shape []int
	if keepdim {
		for i := 0; i < k; i++ {
			shape = append(shape, 1)
		}
	}
	shape = append(shape, t.shape[k:]...)
	return fromFloat64s(acc, shape, odt)
}

// expandGrad brings a reduction's gradient back to the input's shape.
func expandGrad(f *F, g *Tensor, in *Tensor, dims []int, keepdim bool) *Tensor {
	if f.err != nil {
		return nil
	}
	if !keepdim && len(in.shape) > 0 {
		r, err := prepReduceShape(in.shape, dims)
		if err != nil {
			f.err = err
			return nil
		}
		g = f.Reshape(g, r)
	}
	return f.Expand(g, in.shape)
}

// prepReduceShape is the keepdim shape of reducing shape over dims.
func prepReduceShape(shape []int, dims []int) ([]int, error) {
	out := append([]int(nil), shape...)
	if len(dims) == 0 {
		for i := range out {
			out[i] = 1
		}
		return out, nil
	}
	w, err := wrapDims(dims, len(shape))
	if err != nil {
		return nil, err
	}
	for _, d := range w {
		if len(out) > 0 {
			out[d] = 1
		}
	}
	return out, nil
}

func reducedCount(shape []int, dims []int) int {
	if len(dims) == 0 {
		return numelOf(shape)
	}
	w, _ := wrapDims(dims, len(shape))
	n := 1
	for _, d := range w {
		if len(shape) > 0 {
			n *= shape[d]
		}
	}
	return n
}

func meanCheck(t *Tensor, dtype any) (DType, error) {
	dt := t.dtype
	if d, ok := dtype.(DType); ok {
		dt = d
	}
	if !dt.IsFloat() {
		return 0, fmt.Errorf("mean(): could not infer output dtype. Input dtype must be either a floating point or complex dtype. Got: %s", dt.ScalarTypeName())
	}
	return dt, nil
}

func optDims(a Args, i int) []int {
	if a.None(i) {
		return nil
	}
	return a.Is(i)
}

var (
	opSum = Register(OpDef{
		Schema: "sum(Tensor self, *, ScalarType? dtype=None) -> Tensor",
		Kernel: func(rt *Runtime, a Args) ([]*Tensor, error) { return one(sumKernel(rt, a.T(0), nil, false, a[1])) },
		Backward: func(c *BackwardCtx, g []*Tensor) ([]*Tensor, error) {
			f := NewF(c.RT)
			return f.Ret(f.Expand(g[0], c.Inputs[0].shape))
		},
		GradFn: "SumBackward0",
	})
	opSumDim = Register(OpDef{
		Schema: "sum.dim_IntList(Tensor self, int[]? dim, bool keepdim=False, *, ScalarType? dtype=None) -> Tensor",
		Kernel: func(rt *Runtime, a Args) ([]*Tensor, error) {
			return one(sumKernel(rt, a.T(0), optDims(a, 1), a.B(2), a[3]))
		},
		Backward: func(c *BackwardCtx, g []*Tensor) ([]*Tensor, error) {
			f := NewF(c.RT)
			return f.Ret(expandGrad(f, g[0], c.Inputs[0], optDims(c.Args, 1), c.Args.B(2)))
		},
		GradFn: "SumBackward1",
	})
	opMean = Register(OpDef{
		Schema: "mean(Tensor self, *, ScalarType? dtype=None) -> Tensor",
		Kernel: func(rt *Runtime, a Args) ([]*Tensor, error) {
			dt, err := meanCheck(a.T(0), a[1])
			if err != nil {
				return nil, err
			}
			s, err := sumKernel(rt, a.T(0).castTo(dt), nil, false, nil)
			if err != nil {
				return nil, err
			}
			v := s.flat(0) / float64(a.T(0).Numel())
			return one(ScalarTensor(v, dt), nil)
		},
		Backward: func(c *BackwardCtx, g []*Tensor) ([]*Tensor, error) {
			f := NewF(c.RT)
			return f.Ret(f.Div(f.Expand(g[0], c.Inputs[0].shape), float64(c.Inputs[0].Numel())))
		},
		GradFn: "MeanBackward0",
	})
	opMeanDim = Register(OpDef{
		Schema: "mean.dim(Tensor self, int[]? dim, bool keepdim=False, *, ScalarType? dtype=None) -> Tensor",
		Kernel: func(rt *Runtime, a Args) ([]*Tensor, error) {
			dt, err := meanCheck(a.T(0), a[3])
			if err != nil {
				return nil, err
			}
			t := a.T(0).castTo(dt)
			r, err := prepReduce(rt, t, optDims(a, 1), a.B(2), true)
			if err != nil {
				return nil, err
			}
			n := float64(r.R)
			vals := r.rows(func(x []float32) float64 { return sumSlice(x) / n }, func(x []float64) float64 { return sumSlice(x) / n })
			return one(fromFloat64s(vals, r.outShape, dt), nil)
		},
		Backward: func(c *BackwardCtx, g []*Tensor) ([]*Tensor, error) {
			f := NewF(c.RT)
			n := reducedCount(c.Inputs[0].shape, optDims(c.Args, 1))
			return f.Ret(f.Div(expandGrad(f, g[0], c.Inputs[0], optDims(c.Args, 1), c.Args.B(2)), float64(n)))
		},
		GradFn: "MeanBackward1",
	})
	opProd = Register(OpDef{
		Schema: "prod(Tensor self, *, ScalarType? dtype=None) -> Tensor",
		Kernel: func(rt *Runtime, a Args) ([]*Tensor, error) {
			return one(prodKernel(rt, a.T(0), nil, false, a[1], true))
		},
		Backward: func(c *BackwardCtx, g []*Tensor) ([]*Tensor, error) {
			f := NewF(c.RT)
			x := c.Inputs[0]
			if len(x.shape) == 0 {
				return f.Ret(g[0])
			}
			flat := f.Reshape(x, []int{-1})
			others := prodOthers(f, flat, 0)
			return f.Ret(f.Mul(f.Expand(g[0], x.shape), f.Reshape(others, x.shape)))
		},
		GradFn: "ProdBackward0", Saves: []string{"self", "result"},
	})
	opProdDim = Register(OpDef{
		Schema: "prod.dim_int(Tensor self, int dim, bool keepdim=False, *, ScalarType? dtype=None) -> Tensor",
		Kernel: func(rt *Runtime, a Args) ([]*Tensor, error) {
			return one(prodKernel(rt, a.T(0), []int{a.I(1)}, a.B(2), a[3], false))
		},
		Backward: func(c *BackwardCtx, g []*Tensor) ([]*Tensor, error) {
			f := NewF(c.RT)
			x := c.Inputs[0]
			if len(x.shape) == 0 {
				return f.Ret(g[0])
			}
			dims := []int{c.Args.I(1)}
			ge := expandGrad(f, g[0], x, dims, c.Args.B(2))
			d, _ := wrapDim(c.Args.I(1), len(x.shape))
			return f.Ret(f.Mul(ge, prodOthers(f, x, d)))
		},
		GradFn: "ProdBackward1", Saves: []string{"self", "result"},
	})
)

// prodOthers is, for every element along dim, the product of the other
// elements (exclusive cumulative products from both ends), which stays
// correct when some elements are zero.
func prodOthers(f *F, x *Tensor, d int) *Tensor {
	if f.err != nil {
		return nil
	}
	n := x.shape[d]
	if n == 1 {
		return f.OnesLike(x)
	}
	oneShape := x.Shape()
	oneShape[d] = 1
	ones := f.Op(registry["aten::ones"], oneShape, x.dtype)
	left := f.Call("cat", []*Tensor{ones, f.Call("cumprod", f.Call("narrow", x, d, 0, n-1), d)}, d)
	fx := f.Call("flip", x, []int{d})
	right := f.Call("flip", f.Call("cat", []*Tensor{ones, f.Call("cumprod", f.Call("narrow", fx, d, 0, n-1), d)}, d), []int{d})
	return f.Mul(left, right)
}

func prodKernel(rt *Runtime, t *Tensor, dims []int, keepdim bool, dtype any, all bool) (*Tensor, error) {
	odt := t.dtype
	if !odt.IsFloat() {
		odt = Int64
	}
	if d, ok := dtype.(DType); ok {
		odt = d
	}
	r, err := prepReduce(rt, t, dims, keepdim, false)
	if err != nil {
		return nil, err
	}
	return fromFloat64s(r.rows(prodSlice[float32], prodSlice[float64]), r.outShape, odt), nil
}

// ---- max/min family

func argExt[T floatElem](x []T, isMax bool) (float64, int) {
	if len(x) == 0 {
		return math.NaN(), -1
	}
	best, bi := x[0], 0
	if best != best {
		return float64(best), 0
	}
	for i, v := range x {
		if v != v {
			return float64(v), i
		}
		if (isMax && v > best) || (!isMax && v < best) {
			best, bi = v, i
		}
	}
	return float64(best), bi
}

func extKernel(rt *Runtime, t *Tensor, dim *int, keepdim bool, isMax bool, name string) (*Tensor, *Tensor, error) {
	var dims []int
	if dim != nil {
		dims = []int{*dim}
		if len(t.shape) > 0 {
			d, err := wrapDim(*dim, len(t.shape))
			if err != nil {
				return nil, nil, err
			}
			if t.shape[d] == 0 {
				return nil, nil, fmt.Errorf("%s(): Expected reduction dim %d to have non-zero size.", name, d)
			}
		}
	} else if t.Numel() == 0 {
		return nil, nil, fmt.Errorf("%s(): Expected reduction dim to be specified for input.numel() == 0. Specify the reduction dim with the 'dim' argument.", name)
	}
	r, err := prepReduce(rt, t, dims, keepdim, false)
	if err != nil {
		return nil, nil, err
	}
	idx := make([]float64, r.M)
	m := 0
	vals := r.rows(func(x []float32) float64 {
		v, i := argExt(x, isMax)
		idx[m] = float64(i)
		m++
		return v
	}, func(x []float64) float64 {
		v, i := argExt(x, isMax)
		idx[m] = float64(i)
		m++
		return v
	})
	return fromFloat64s(vals, r.outShape, t.dtype), fromFloat64s(idx, r.outShape, Int64), nil
}

func selectingBackward(f *F, g, indices *Tensor, in *Tensor, dim int, keepdim bool) *Tensor {
	if f.err != nil {
		return nil
	}
	if len(in.shape) == 0 {
		return g
	}
	if !keepdim {
		g = f.Unsqueeze(g, dim)
		indices = f.Unsqueeze(indices, dim)
	}
	z := f.Op(registry["aten::zeros"], in.shape, g.dtype)
	return f.Call("scatter.src", z, dim, indices, g)
}

func evenlyDistribute(f *F, g, x, result *Tensor) *Tensor {
	mask := f.Eq(x, result)
	cnt := f.Sum(f.To(mask, g.dtype))
	return f.Div(f.Mul(f.To(mask, g.dtype), g), cnt)
}

func registerExt(name string, isMax bool) {
	Register(OpDef{
		Schema: name + "(Tensor self) -> Tensor",
		Kernel: func(rt *Runtime, a Args) ([]*Tensor, error) {
			v, _, err := extKernel(rt, a.T(0), nil, false, isMax, name)
			return one(v, err)
		},
		Backward: func(c *BackwardCtx, g []*Tensor) ([]*Tensor, error) {
			f := NewF(c.RT)
			return f.Ret(evenlyDistribute(f, g[0], c.Inputs[0], c.Outputs[0]))
		},
		GradFn: map[bool]string{true: "MaxBackward1", false: "MinBackward1"}[isMax],
		Saves:  []string{"self", "result"},
	})
	Register(OpDef{
		Schema: name + ".dim(Tensor self, int dim, bool keepdim=False) -> (Tensor values, Tensor indices)",
		Kernel: func(rt *Runtime, a Args) ([]*Tensor, error) {
			d := a.I(1)
			v, i, err := extKernel(rt, a.T(0), &d, a.B(2), isMax, name)
			if err != nil {
				return nil, err
			}
			return []*Tensor{v, i}, nil
		},
		Backward: func(c *BackwardCtx, g []*Tensor) ([]*Tensor, error) {
			f := NewF(c.RT)
			d, _ := wrapDim(c.Args.I(1), len(c.Inputs[0].shape))
			return f.Ret(selectingBackward(f, g[0], c.Outputs[1], c.Inputs[0], d, c.Args.B(2)))
		},
		GradFn:         map[bool]string{true: "MaxBackward0", false: "MinBackward0"}[isMax],
		NonDiffOutputs: []int{1},
		Saves:          []string{"result1"},
	})
	Register(OpDef{
		Schema: "arg" + name + "(Tensor self, int? dim=None, bool keepdim=False) -> Tensor",
		Kernel: func(rt *Runtime, a Args) ([]*Tensor, error) {
			t := a.T(0)
			if a.None(1) {
				flat, _ := viewKernel(t.contig(), []int{-1})
				d := 0
				_, i, err := extKernel(rt, flat, &d, false, isMax, "arg"+name)
				if err != nil {
					return nil, err
				}
				if a.B(2) {
					sh := make([]int, len(t.shape))
					for k := range sh {
						sh[k] = 1
					}
					i, _ = viewKernel(i, sh)
				}
				return one(i, nil)
			}
			d := a.I(1)
			_, i, err := extKernel(rt, t, &d, a.B(2), isMax, "arg"+name)
			return one(i, err)
		},
	})
	Register(OpDef{
		Schema: "a" + name + "(Tensor self, int[] dim=[], bool keepdim=False) -> Tensor",
		Kernel: func(rt *Runtime, a Args) ([]*Tensor, error) {
			t := a.T(0)
			if t.Numel() == 0 {
				return nil, fmt.Errorf("a%s(): Expected reduction dim to be specified for input.numel() == 0. Specify the reduction dim with the 'dim' argument.", name)
			}
			r, err := prepReduce(rt, t, a.Is(1), a.B(2), false)
			if err != nil {
				return nil, err
			}
			vals := r.rows(func(x []float32) float64 { v, _ := argExt(x, isMax); return v },
				func(x []float64) float64 { v, _ := argExt(x, isMax); return v })
			return one(fromFloat64s(vals, r.outShape, t.dtype), nil)
		},
		Backward: func(c *BackwardCtx, g []*Tensor) ([]*Tensor, error) {
			f := NewF(c.RT)
			x := c.Inputs[0]
			dims := c.Args.Is(1)
			re := expandGrad(f, c.Outputs[0], x, dims, c.Args.B(2))
			mask := f.To(f.Eq(x, re), g[0].dtype)
			cnt := expandGrad(f, f.SumDim(mask, dims, true), x, dims, true)
			ge := expandGrad(f, g[0], x, dims, c.Args.B(2))
			return f.Ret(f.Div(f.Mul(ge, mask), cnt))
		},
		Saves: []string{"self", "result"},
	})
}

func init() {
	registerExt("max", true)
	registerExt("min", false)
}

// ---- var / std

func varSlice[T floatElem](x []T, correction float64) float64 {
	n := float64(len(x))
	m := sumSlice(x) / n
	s := 0.0
	for _, v := range x {
		d := float64(v) - m
		s += d * d
	}
	return s / math.Max(0, n-correction)
}

func varKernel(rt *Runtime, t *Tensor, dims []int, correction float64, keepdim, sqrt bool) (*Tensor, error) {
	if !t.dtype.IsFloat() {
		return nil, errors.New("std and var only support floating point and complex dtypes")
	}
	r, err := prepReduce(rt, t, dims, keepdim, true)
	if err != nil {
		return nil, err
	}
	vals := r.rows(func(x []float32) float64 { return varSlice(x, correction) }, func(x []float64) float64 { return varSlice(x, correction) })
	if sqrt {
		for i := range vals {
			vals[i] = math.Sqrt(vals[i])
		}
	}
	return fromFloat64s(vals, r.outShape, t.dtype), nil
}

func varBackward(sqrt bool) BackwardFunc {
	return func(c *BackwardCtx, g []*Tensor) ([]*Tensor, error) {
		f := NewF(c.RT)
		x := c.Inputs[0]
		dims := optDims(c.Args, 1)
		corr := 1.0
		if !c.Args.None(2) {
			corr = c.Args.S(2).F
		}
		n := float64(reducedCount(x.shape, dims))
		mean := f.Op(registry["aten::mean.dim"], x, dims, true)
		ge := expandGrad(f, g[0], x, dims, c.Args.B(3))
		d := f.Sub(x, mean)
		if sqrt {
			re := expandGrad(f, c.Outputs[0], x, dims, c.Args.B(3))
			return f.Ret(f.Div(f.Mul(ge, d), f.Mul(re, n-corr)))
		}
		return f.Ret(f.Mul(ge, f.Mul(d, 2/(n-corr))))
	}
}

var (
	opVar = Register(OpDef{
		Schema: "var.correction(Tensor self, int[]? dim=None, *, Scalar? correction=None, bool keepdim=False) -> Tensor",
		Kernel: func(rt *Runtime, a Args) ([]*Tensor, error) {
			corr := 1.0
			if !a.None(2) {
				corr = a.S(2).F
			}
			return one(varKernel(rt, a.T(0), optDims(a, 1), corr, a.B(3), false))
		},
		Backward: varBackward(false), GradFn: "VarBackward0", Saves: []string{"self"},
	})
	opStd = Register(OpDef{
		Schema: "std.correction(Tensor self, int[]? dim=None, *, Scalar? correction=None, bool keepdim=False) -> Tensor",
		Kernel: func(rt *Runtime, a Args) ([]*Tensor, error) {
			corr := 1.0
			if !a.None(2) {
				corr = a.S(2).F
			}
			return one(varKernel(rt, a.T(0), optDims(a, 1), corr, a.B(3), true))
		},
		Backward: varBackward(true), GradFn: "StdBackward0", Saves: []string{"self", "result"},
	})
	opNorm = Register(OpDef{
		Schema: "norm.ScalarOpt_dim(Tensor self, Scalar? p=2, int[] dim=[], bool keepdim=False) -> Tensor",
		Kernel: func(rt *Runtime, a Args) ([]*Tensor, error) {
			t := a.T(0)
			if !t.dtype.IsFloat() {
				return nil, fmt.Errorf("linalg.vector_norm: Expected a floating point or complex tensor as input. Got %s", t.dtype.ScalarTypeName())
			}
			p := 2.0
			if !a.None(1) {
				p = a.S(1).F
			}
			r, err := prepReduce(rt, t, a.Is(2), a.B(3), true)
			if err != nil {
				return nil, err
			}
			fn := func(x []float64) float64 { return vecNorm(x, p) }
			vals := r.rows(func(x []float32) float64 {
				y := make([]float64, len(x))
				for i, v := range x {
					y[i] = float64(v)
				}
				return vecNorm(y, p)
			}, fn)
			return one(fromFloat64s(vals, r.outShape, t.dtype), nil)
		},
		Backward: func(c *BackwardCtx, g []*Tensor) ([]*Tensor, error) {
			f := NewF(c.RT)
			x := c.Inputs[0]
			p := 2.0
			if !c.Args.None(1) {
				p = c.Args.S(1).F
			}
			dims := c.Args.Is(2)
			ge := expandGrad(f, g[0], x, dims, c.Args.B(3))
			re := expandGrad(f, c.Outputs[0], x, dims, c.Args.B(3))
			var d *Tensor
			switch {
			case p == 0:
				d = f.ZerosLike(x)
			case p == 1:
				d = f.Mul(f.Sign(x), ge)
			case p == 2:
				d = f.Mul(f.Div(x, re), ge)
				d = f.Where(f.Eq(re, 0), f.ZerosLike(d), d)
			case math.IsInf(p, 0):
				mask := f.To(f.Eq(f.Op(opAbs, x), re), x.dtype)
				cnt := expandGrad(f, f.SumDim(mask, dims, true), x, dims, true)
				d = f.Div(f.Mul(f.Mul(f.Sign(x), mask), ge), cnt)
			default:
				ax := f.Op(opAbs, x)
				d = f.Div(f.Mul(f.Mul(x, f.Pow(ax, p-2)), ge), f.Pow(re, p-1))
				d = f.Where(f.Eq(re, 0), f.ZerosLike(d), d)
			}
			return f.Ret(d)
		},
		GradFn: "NormBackward1", Saves: []string{"self", "result"},
	})
	opNormAll = Register(OpDef{
		Schema:    "norm.Scalar(Tensor self, Scalar p=2) -> Tensor",
		Composite: true,
		Kernel: func(rt *Runtime, a Args) ([]*Tensor, error) {
			return rt.Call("norm.ScalarOpt_dim", a.T(0), a.S(1), []int{}, false)
		},
	})
	opLogsumexp = Register(OpDef{
		Schema: "logsumexp(Tensor self, int[1] dim, bool keepdim=False) -> Tensor",
		Kernel: func(rt *Runtime, a Args) ([]*Tensor, error) {
			t := a.T(0)
			odt := floatResult(t.dtype)
			r, err := prepReduce(rt, t.castTo(odt), a.Is(1), a.B(2), true)
			if err != nil {
				return nil, err
			}
			vals := r.rows(lseSlice[float32], lseSlice[float64])
			return one(fromFloat64s(vals, r.outShape, odt), nil)
		},
		Backward: func(c *BackwardCtx, g []*Tensor) ([]*Tensor, error) {
			f := NewF(c.RT)
			x := c.Inputs[0]
			dims := c.Args.Is(1)
			ge := expandGrad(f, g[0], x, dims, c.Args.B(2))
			re := expandGrad(f, c.Outputs[0], x, dims, c.Args.B(2))
			return f.Ret(f.Mul(ge, f.Exp(f.Sub(x, re))))
		},
		Saves: []string{"self", "result"},
	})
)

func lseSlice[T floatElem](x []T) float64 {
	m := math.Inf(-1)
	for _, v := range x {
		if float64(v) > m {
			m = float64(v)
		}
	}
	if math.IsInf(m, 0) {
		m = 0
	}
	s := 0.0
	for _, v := range x {
		s += math.Exp(float64(v) - m)
	}
	return m + math.Log(s)
}

func vecNorm(x []float64, p float64) float64 {
	switch {
	case p == 2:
		s := 0.0
		for _, v := range x {
			s += v * v
		}
		return math.Sqrt(s)
	case p == 1:
		s := 0.0
		for _, v := range x {
			s += math.Abs(v)
		}
		return s
	case math.IsInf(p, 1):
		m := 0.0
		for _, v := range x {
			if a := math.Abs(v); a > m || a != a {
				m = a
			}
		}
		return m
	case math.IsInf(p, -1):
		m := math.Inf(1)
		for _, v := range x {
			if a := math.Abs(v); a < m || a != a {
				m = a
			}
		}
		return m
	case p == 0:
		n := 0.0
		for _, v := range x {
			if v != 0 {
				n++
			}
		}
		return n
	}
	s := 0.0
	for _, v := range x {
		s += math.Pow(math.Abs(v), p)
	}
	return math.Pow(s, 1/p)
}

// ---- boolean reductions

func boolReduce(rt *Runtime, t *Tensor, dims []int, keepdim bool, isAll bool) (*Tensor, error) {
	r, err := prepReduce(rt, t, dims, keepdim, false)
	if err != nil {
		return nil, err
	}
	vals := r.rows(func(x []float32) float64 { return boolRow(x, isAll) }, func(x []float64) float64 { return boolRow(x, isAll) })
	odt := Bool
	if t.dtype == Uint8 {
		odt = Uint8
	}
	return fromFloat64s(vals, r.outShape, odt), nil
}

func boolRow[T floatElem](x []T, isAll bool) float64 {
	for _, v := range x {
		if isAll && v == 0 {
			return 0
		}
		if !isAll && v != 0 {
			return 1
		}
	}
	if isAll {
		return 1
	}
	return 0
}

func init() {
	for _, isAll := range []bool{true, false} {
		name := map[bool]string{true: "all", false: "any"}[isAll]
		isAll := isAll
		Register(OpDef{
			Schema: name + "(Tensor self) -> Tensor",
			Kernel: func(rt *Runtime, a Args) ([]*Tensor, error) { return one(boolReduce(rt, a.T(0), nil, false, isAll)) },
		})
		Register(OpDef{
			Schema: name + ".dim(Tensor self, int dim, bool keepdim=False) -> Tensor",
			Kernel: func(rt *Runtime, a Args) ([]*Tensor, error) {
				return one(boolReduce(rt, a.T(0), []int{a.I(1)}, a.B(2), isAll))
			},
		})
	}
	Register(OpDef{
		Schema: "count_nonzero.dim_IntList(Tensor self, int[] dim) -> Tensor",
		Kernel: func(rt *Runtime, a Args) ([]*Tensor, error) {
			r, err := prepReduce(rt, a.T(0), a.Is(1), false, false)
			if err != nil {
				return nil, err
			}
			cnt := func(x []float64) float64 { return vecNorm(x, 0) }
			vals := r.rows(func(x []float32) float64 {
				n := 0.0
				for _, v := range x {
					if v != 0 {
						n++
					}
				}
				return n
			}, cnt)
			return one(fromFloat64s(vals, r.outShape, Int64), nil)
		},
	})
}

// ---- cumulative ops

func cumKernel(t *Tensor, dim int, dtype any, isProd bool) (*Tensor, error) {
	odt := t.dtype
	if !odt.IsFloat() {
		odt = Int64
	}
	if d, ok := dtype.(DType); ok {
		odt = d
	}
	nd := len(t.shape)
	d, err := wrapDim(dim, nd)
	if err != nil {
		return nil, err
	}
	if nd == 0 {
		return t.castTo(odt).cloneData(), nil
	}
	// move dim last, work in float64 (int64 for integer results)
	mv, _ := transposeKernel(t, d, nd-1)
	src := mv.castTo(Float64).contig()
	x := dataOf[float64](src)
	out := make([]float64, len(x))
	R := t.shape[d]
	for m := 0; R > 0 && m < len(x)/R; m++ {
		acc := 0.0
		if isProd {
			acc = 1
		}
		for i := 0; i < R; i++ {
			if isProd {
				acc *= x[m*R+i]
			} else {
				acc += x[m*R+i]
			}
			out[m*R+i] = acc
		}
	}
	res := fromFloat64s(out, src.shape, odt)
	back, _ := transposeKernel(res, d, nd-1)
	return back.contig(), nil
}

var (
	opCumsum = Register(OpDef{
		Schema: "cumsum(Tensor self, int dim, *, ScalarType? dtype=None) -> Tensor",
		Kernel: func(rt *Runtime, a Args) ([]*Tensor, error) { return one(cumKernel(a.T(0), a.I(1), a[2], false)) },
		Backward: func(c *BackwardCtx, g []*Tensor) ([]*Tensor, error) {
			f := NewF(c.RT)
			d := c.Args.I(1)
			if len(c.Inputs[0].shape) == 0 {
				return g[:1], nil
			}
			return f.Ret(f.Call("flip", f.Call("cumsum", f.Call("flip", g[0], []int{d}), d), []int{d}))
		},
	})
	opCumprod = Register(OpDef{
		Schema: "cumprod(Tensor self, int dim, *, ScalarType? dtype=None) -> Tensor",
		Kernel: func(rt *Runtime, a Args) ([]*Tensor, error) { return one(cumKernel(a.T(0), a.I(1), a[2], true)) },
		Backward: func(c *BackwardCtx, g []*Tensor) ([]*Tensor, error) {
			f := NewF(c.RT)
			d := c.Args.I(1)
			x := c.Inputs[0]
			if len(x.shape) == 0 {
				return g[:1], nil
			}
			for _, v := range x.Float64s() {
				if v == 0 {
					// exact for zeros, but not differentiable again
					return f.Ret(f.Call("_cumprod_backward_exact", g[0], x, d))
				}
			}
			gy := f.Mul(g[0], c.Outputs[0])
			rc := f.Call("flip", f.Call("cumsum", f.Call("flip", gy, []int{d}), d), []int{d})
			return f.Ret(f.Div(rc, x))
		},
		Saves: []string{"self", "result"},
	})
)

// _cumprod_backward_exact computes sum_{k>=i} g_k prod_{j<=k, j!=i} x_j
// directly (quadratic in the length of dim), which is right with zeros.
var opCumprodBackwardExact = Register(OpDef{
	Schema: "_cumprod_backward_exact(Tensor grad, Tensor input, int dim) -> Tensor",
	Kernel: func(rt *Runtime, a Args) ([]*Tensor, error) {
		g, x := a.T(0), a.T(1)
		nd := len(x.shape)
		d, err := wrapDim(a.I(2), nd)
		if err != nil {
			return nil, err
		}
		gm, _ := transposeKernel(g, d, nd-1)
		xm, _ := transposeKernel(x, d, nd-1)
		gv, xv := gm.castTo(Float64).contig().Float64s(), xm.castTo(Float64).contig().Float64s()
		n := x.shape[d]
		out := make([]float64, len(xv))
		for r := 0; n > 0 && r < len(xv)/n; r++ {
			xs, gs, os := xv[r*n:(r+1)*n], gv[r*n:(r+1)*n], out[r*n:(r+1)*n]
			left := 1.0
			for i := 0; i < n; i++ {
				acc, tot := left, 0.0
				for k := i; k < n; k++ {
					if k > i {
						acc *= xs[k]
					}
					tot += gs[k] * acc
				}
				os[i] = tot
				left *= xs[i]
			}
		}
		res := fromFloat64s(out, xm.Shape(), x.dtype)
		back, _ := transposeKernel(res, d, nd-1)
		return one(back.contig(), nil)
	},
})

// ---- sort family

type sortPair struct {
	v float64
	i int
}

// sortLess orders NaN as the largest value, as PyTorch does.
func sortLess(a, b float64) bool {
	if b != b {
		return a == a
	}
	return a < b
}

func sortKernel(t *Tensor, dim int, descending bool, stable bool) (*Tensor, *Tensor, error) {
	nd := len(t.shape)
	d, err := wrapDim(dim, nd)
	if err != nil {
		return nil, nil, err
	}
	if nd == 0 {
		return t.cloneData(), newTensor(Int64, nil), nil
	}
	mv, _ := transposeKernel(t, d, nd-1)
	src := mv.castTo(Float64).contig()
	x := dataOf[float64](src)
	R := t.shape[d]
	vals := make([]float64, len(x))
	idx := make([]float64, len(x))
	ps := make([]sortPair, R)
	for m := 0; R > 0 && m < len(x)/R; m++ {
		for i := 0; i < R; i++ {
			ps[i] = sortPair{x[m*R+i], i}
		}
		sort.SliceStable(ps, func(i, j int) bool {
			if descending {
				return sortLess(ps[j].v, ps[i].v)
			}
			return sortLess(ps[i].v, ps[j].v)
		})
		for i, p := range ps {
			vals[m*R+i], idx[m*R+i] = p.v, float64(p.i)
		}
	}
	vt := fromFloat64s(vals, src.shape, t.dtype)
	it := fromFloat64s(idx, src.shape, Int64)
	vt, _ = transposeKernel(vt, d, nd-1)
	it, _ = transposeKernel(it, d, nd-1)
	return vt.contig(), it.contig(), nil
}

func valuesBackward(c *BackwardCtx, g []*Tensor) ([]*Tensor, error) {
	f := NewF(c.RT)
	x := c.Inputs[0]
	if len(x.shape) == 0 {
		return g[:1], nil
	}
	d, _ := wrapDim(c.Args.I(1), len(x.shape))
	z := f.Op(registry["aten::zeros"], x.shape, g[0].dtype)
	return f.Ret(f.Call("scatter.src", z, d, c.Outputs[1], g[0]))
}

var (
	opSort = Register(OpDef{
		Schema: "sort(Tensor self, int dim=-1, bool descending=False) -> (Tensor values, Tensor indices)",
		Kernel: func(rt *Runtime, a Args) ([]*Tensor, error) {
			v, i, err := sortKernel(a.T(0), a.I(1), a.B(2), true)
			if err != nil {
				return nil, err
			}
			return []*Tensor{v, i}, nil
		},
		Backward: valuesBackward, NonDiffOutputs: []int{1}, Saves: []string{"result1"},
	})
	opArgsort = Register(OpDef{
		Schema: "argsort(Tensor self, int dim=-1, bool descending=False) -> Tensor",
		Kernel: func(rt *Runtime, a Args) ([]*Tensor, error) {
			_, i, err := sortKernel(a.T(0), a.I(1), a.B(2), true)
			return one(i, err)
		},
	})
	opTopk = Register(OpDef{
		Schema: "topk(Tensor self, int k, int dim=-1, bool largest=True, bool sorted=True) -> (Tensor values, Tensor indices)",
		Kernel: func(rt *Runtime, a Args) ([]*Tensor, error) {
			t := a.T(0)
			d, err := wrapDim(a.I(2), len(t.shape))
			if err != nil {
				return nil, err
			}
			n := 1
			if len(t.shape) > 0 {
				n = t.shape[d]
			}
			k := a.I(1)
			if k < 0 || k > n {
				return nil, errors.New("selected index k out of range")
			}
			v, i, err := sortKernel(t, d, a.B(3), true)
			if err != nil {
				return nil, err
			}
			if len(t.shape) == 0 {
				return []*Tensor{v, i}, nil
			}
			v, _ = sliceKernel(v, d, nil, &k, 1)
			i, _ = sliceKernel(i, d, nil, &k, 1)
			return []*Tensor{v.contig(), i.contig()}, nil
		},
		Backward: func(c *BackwardCtx, g []*Tensor) ([]*Tensor, error) {
			f := NewF(c.RT)
			x := c.Inputs[0]
			if len(x.shape) == 0 {
				return g[:1], nil
			}
			d, _ := wrapDim(c.Args.I(2), len(x.shape))
			z := f.Op(registry["aten::zeros"], x.shape, g[0].dtype)
			return f.Ret(f.Call("scatter.src", z, d, c.Outputs[1], g[0]))
		},
		NonDiffOutputs: []int{1}, Saves: []string{"result1"},
	})
	opMedianAll = Register(OpDef{
		Schema: "median(Tensor self) -> Tensor",
		Kernel: func(rt *Runtime, a Args) ([]*Tensor, error) {
			t := a.T(0)
			if t.Numel() == 0 {
				return one(ScalarTensor(math.NaN(), t.dtype), nil)
			}
			flat, _ := viewKernel(t.contig(), []int{-1})
			v, _, err := medianKernel(rt, flat, 0, false)
			return one(v, err)
		},
		Backward: func(c *BackwardCtx, g []*Tensor) ([]*Tensor, error) {
			f := NewF(c.RT)
			return f.Ret(evenlyDistribute(f, g[0], c.Inputs[0], c.Outputs[0]))
		},
		GradFn: "MedianBackward0", Saves: []string{"self", "result"},
	})
	opMedian = Register(OpDef{
		Schema: "median.dim(Tensor self, int dim, bool keepdim=False) -> (Tensor values, Tensor indices)",
		Kernel: func(rt *Runtime, a Args) ([]*Tensor, error) {
			v, i, err := medianKernel(rt, a.T(0), a.I(1), a.B(2))
			if err != nil {
				return nil, err
			}
			return []*Tensor{v, i}, nil
		},
		Backward: func(c *BackwardCtx, g []*Tensor) ([]*Tensor, error) {
			f := NewF(c.RT)
			d, _ := wrapDim(c.Args.I(1), len(c.Inputs[0].shape))
			return f.Ret(selectingBackward(f, g[0], c.Outputs[1], c.Inputs[0], d, c.Args.B(2)))
		},
		GradFn: "MedianBackward1", NonDiffOutputs: []int{1}, Saves: []string{"result1"},
	})
	opMode = Register(OpDef{
		Schema: "mode(Tensor self, int dim=-1, bool keepdim=False) -> (Tensor values, Tensor indices)",
		Kernel: func(rt *Runtime, a Args) ([]*Tensor, error) {
			v, i, err := modeKernel(rt, a.T(0), a.I(1), a.B(2))
			if err != nil {
				return nil, err
			}
			return []*Tensor{v, i}, nil
		},
		Backward: func(c *BackwardCtx, g []*Tensor) ([]*Tensor, error) {
			f := NewF(c.RT)
			d, _ := wrapDim(c.Args.I(1), len(c.Inputs[0].shape))
			return f.Ret(selectingBackward(f, g[0], c.Outputs[1], c.Inputs[0], d, c.Args.B(2)))
		},
		NonDiffOutputs: []int{1}, Saves: []string{"result1"},
	})
)

// medianKernel returns the lower median along dim (NaN if any NaN) and its index.
func medianKernel(rt *Runtime, t *Tensor, dim int, keepdim bool) (*Tensor, *Tensor, error) {
	r, err := prepReduce(rt, t, []int{dim}, keepdim, false)
	if err != nil {
		return nil, nil, err
	}
	if r.R == 0 {
		return nil, nil, fmt.Errorf("median() cannot compute median for a dimension of size 0 because the operation does not have an identity")
	}
	idx := make([]float64, r.M)
	m := 0
	ps := make([]sortPair, r.R)
	row := func(x []float64) float64 {
		for i, v := range x {
			ps[i] = sortPair{v, i}
			if v != v {
				idx[m] = float64(i)
				m++
				return v
			}
		}
		sort.SliceStable(ps, func(i, j int) bool { return ps[i].v < ps[j].v })
		p := ps[(len(ps)-1)/2]
		idx[m] = float64(p.i)
		m++
		return p.v
	}
	vals := r.rows(func(x []float32) float64 {
		y := make([]float64, len(x))
		for i, v := range x {
			y[i] = float64(v)
		}
		return row(y)
	}, row)
	return fromFloat64s(vals, r.outShape, t.dtype), fromFloat64s(idx, r.outShape, Int64), nil
}

func modeKernel(rt *Runtime, t *Tensor, dim int, keepdim bool) (*Tensor, *Tensor, error) {
	r, err := prepReduce(rt, t, []int{dim}, keepdim, false)
	if err != nil {
		return nil, nil, err
	}
	idx := make([]float64, r.M)
	m := 0
	ps := make([]sortPair, r.R)
	row := func(x []float64) float64 {
		for i, v := range x {
			ps[i] = sortPair{v, i}
		}
		sort.SliceStable(ps, func(i, j int) bool { return sortLess(ps[i].v, ps[j].v) })
		best, bestN, bestI := math.NaN(), 0, -1
		for i := 0; i < len(ps); {
			j := i
			last := ps[i].i
			for j < len(ps) && (ps[j].v == ps[i].v || (ps[j].v != ps[j].v && ps[i].v != ps[i].v)) {
				last = max(last, ps[j].i)
				j++
			}
			if j-i > bestN {
				best, bestN, bestI = ps[i].v, j-i, last
			}
			i = j
		}
		idx[m] = float64(bestI)
		m++
		return best
	}
	vals := r.rows(func(x []float32) float64 {
		y := make([]float64, len(x))
		for i, v := range x {
			y[i] = float64(v)
		}
		return row(y)
	}, row)
	return fromFloat64s(vals, r.outShape, t.dtype), fromFloat64s(idx, r.outShape, Int64), nil
}

// Sum is torch.sum over all elements.
func (rt *Runtime) Sum(t *Tensor) (*Tensor, error) { return rt.call1(opSum, t) }

// SumDim is torch.sum(t, dims, keepdim).
func (rt *Runtime) SumDim(t *Tensor, dims []int, keepdim bool) (*Tensor, error) {
	return rt.call1(opSumDim, t, dims, keepdim)
}

// Mean is torch.mean over all elements.
func (rt *Runtime) Mean(t *Tensor) (*Tensor, error) { return rt.call1(opMean, t) }

// MeanDim is torch.mean(t, dims, keepdim).
func (rt *Runtime) MeanDim(t *Tensor, dims []int, keepdim bool) (*Tensor, error) {
	return rt.call1(opMeanDim, t, dims, keepdim)
}

var _ = []*Op{opProd, opProdDim, opVar, opStd, opNorm, opLogsumexp, opCumsum, opCumprod, opSort, opArgsort, opTopk, opMedianAll, opMedian, opMode}
