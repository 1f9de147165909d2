package tensor

import (
	"fmt"
	"math"
	"runtime"
)

func softmaxKernel(rt *Runtime, t *Tensor, dim int, dtype any, log bool) (*Tensor, error) {
	odt := floatResult(t.dtype)
	if d, ok := dtype.(DType); ok {
		odt = d
	}
	if !odt.IsFloat() {
		return nil, fmt.Errorf("\"softmax_lastdim_kernel_impl\" not implemented for '%s'", odt.ScalarTypeName())
	}
	nd := len(t.shape)
	d, err := wrapDim(dim, nd)
	if err != nil {
		return nil, err
	}
	x := t.castTo(odt)
	if nd == 0 {
		if log {
			return ScalarTensor(0, odt), nil
		}
		return ScalarTensor(1, odt), nil
	}
	return rowKernel(rt, d, []*Tensor{x}, func(in [][]float32, o, tmp []float32) { softmaxRowF32(in[0], o, tmp, log) },
		func(in [][]float64, o []float64) { softmaxRowF64(in[0], o, log) }), nil
}

// rowKernel applies a kernel to the rows along dim d of same-shaped float
// tensors of one dtype: the dim is moved last and made contiguous (no copy
// when it is the last dim of contiguous tensors), rows are split between
// goroutines when there are many, and the result is moved back.
func rowKernel(rt *Runtime, d int, ins []*Tensor, f32 func(in [][]float32, o, tmp []float32), f64 func(in [][]float64, o []float64)) *Tensor {
	nd := len(ins[0].shape)
	srcs := make([]*Tensor, len(ins))
	for i, x := range ins {
		mv, _ := transposeKernel(x, d, nd-1)
		srcs[i] = mv.contig()
	}
	dt := srcs[0].dtype
	out := newTensorNoInit(dt, srcs[0].shape)
	R := srcs[0].shape[nd-1]
	n := out.Numel()
	if R > 0 && n > 0 {
		rows := n / R
		work := func(lo, hi int) error {
			if dt == Float32 {
				in := make([][]float32, len(srcs))
				for i := range srcs {
					in[i] = dataOf[float32](srcs[i])
				}
				o := rawData[float32](out)
				part := make([][]float32, len(in))
				tmp := make([]float32, R)
				for r := lo; r < hi; r++ {
					for i := range in {
						part[i] = in[i][r*R : (r+1)*R]
					}
					f32(part, o[r*R:(r+1)*R], tmp)
				}
			} else {
				in := make([][]float64, len(srcs))
				for i := range srcs {
					in[i] = dataOf[float64](srcs[i])
				}
				o := rawData[float64](out)
				part := make([][]float64, len(in))
				for r := lo; r < hi; r++ {
					for i := range in {
						part[i] = in[i][r*R : (r+1)*R]
					}
					f64(part, o[r*R:(r+1)*R])
				}
			}
			return nil
		}
		if n >= parallelThreshold && rows >= 2 && rt != nil && rt.threads() > 1 {
			_ = parallelRange(rt, rows, work)
		} else {
			_ = work(0, rows)
		}
	}
	runtime.KeepAlive(srcs)
	back, _ := transposeKernel(out, d, nd-1)
	return back.contig()
}

// softmaxRowF32 is one row of (log_)softmax in float32: the row's maximum
// subtracted, the vectorised exp, the sum accumulated in float64, then
// x - max - log(sum) or exp(x - max) * (1/sum), as PyTorch's vectorised
// CPU kernel computes them.
// tmp is scratch of the row's length (simdTransF32 must not work in place).
func softmaxRowF32(x, o, tmp []float32, log bool) {
	if !simdRowOK {
		softmaxRowF64Of(x, o, log)
		return
	}
	mx := simdMaxF32(x)
	if math.IsInf(float64(mx), -1) {
		mx = 0
	}
	if log {
		simdBinScalarF32(1, o, x, mx)
		simdTransF32(0, tmp, o)
		s, _ := simdSumF32(tmp)
		simdBinScalarF32(1, o, o, float32(math.Log(s)))
		return
	}
	simdBinScalarF32(1, tmp, x, mx)
	simdTransF32(0, o, tmp)
	s, _ := simdSumF32(o)
	simdBinScalarF32(2, o, o, float32(1/s))
}

func softmaxRowF64(x, o []float64, log bool) { softmaxRowF64Of(x, o, log) }

// softmaxRowF64Of computes one row in float64 with math.Exp.
func softmaxRowF64Of[T floatElem](row, o []T, log bool) {
	mx := math.Inf(-1)
	for _, v := range row {
		if float64(v) > mx || v != v {
			mx = float64(v)
		}
	}
	if math.IsInf(mx, -1) {
		mx = 0
	}
	s := 0.0
	for _, v := range row {
		s += math.Exp(float64(v) - mx)
	}
	if log {
		ls := math.Log(s)
		for i, v := range row {
			o[i] = T(float64(v) - mx - ls)
		}
	} else {
		for i, v := range row {
			o[i] = T(math.Exp(float64(v)-mx) / s)
		}
	}
}

// softmaxBackwardKernel is _softmax_backward_data (log false: g*y -
// y*sum(g*y)) and _log_softmax_backward_data (g - exp(y)*sum(g)), one
// fused pass per row instead of four ops.
func softmaxBackwardKernel(rt *Runtime, g, y *Tensor, dim int, idt any, log bool) (*Tensor, error) {
	nd := len(y.shape)
	if !sameShape(g.shape, y.shape) {
		return nil, fmt.Errorf("grad_output and output must have the same shape, got %s and %s", fmtShape(g.shape), fmtShape(y.shape))
	}
	if !y.dtype.IsFloat() {
		return nil, fmt.Errorf("softmax backward: expected a floating point output")
	}
	var out *Tensor
	if nd == 0 {
		out = newTensor(y.dtype, nil)
	} else {
		d, err := wrapDim(dim, nd)
		if err != nil {
			return nil, err
		}
		out = rowKernel(rt, d, []*Tensor{g.castTo(y.dtype), y},
			func(in [][]float32, o, _ []float32) { softmaxBackRowF32(in[0], in[1], o, log) },
			func(in [][]float64, o []float64) { softmaxBackRow(in[0], in[1], o, log) })
	}
	if dt, ok := idt.(DType); ok && dt.IsFloat() && dt != out.dtype {
		out = out.castTo(dt)
	}
	return out, nil
}

func softmaxBackRowF32(g, y, o []float32, log bool) {
	if !simdRowOK {
		softmaxBackRow(g, y, o, log)
		return
	}
	if log {
		s, _ := simdSumF32(g)
		simdTransF32(0, o, y)
		simdBinScalarF32(2, o, o, float32(s))
		simdBinF32(1, o, g, o)
		return
	}
	simdBinF32(2, o, g, y)
	s, _ := simdSumF32(o)
	simdBinScalarF32(1, o, g, float32(s))
	simdBinF32(2, o, o, y)
}

func softmaxBackRow[T floatElem](g, y, o []T, log bool) {
	s := 0.0
	if log {
		for _, v := range g {
			s += float64(v)
		}
		for i, v := range y {
			o[i] = T(float64(g[i]) - math.Exp(float64(v))*s)
		}
		return
	}
	for i, v := range g {
		s += float64(v) * float64(y[i])
	}
	for i, v := range g {
		o[i] = T((float64(v) - s) * float64(y[i]))
	}
}

var (
	opSoftmax = Register(OpDef{
		Schema: "softmax.int(Tensor self, int dim, ScalarType? dtype=None) -> Tensor",
		Kernel: func(rt *Runtime, a Args) ([]*Tensor, error) {
			return one(softmaxKernel(rt, a.T(0), a.I(1), a[2], false))
		},
		Backward: func(c *BackwardCtx, g []*Tensor) ([]*Tensor, error) {
			f := NewF(c.RT)
			y := c.Outputs[0]
			d := c.Args.I(1)
			if len(y.shape) == 0 {
				return f.Ret(f.ZerosLike(g[0]))
			}
			return f.Ret(f.Op(opSoftmaxBackward, g[0], y, d, c.Args.T(0).dtype))
		},
		GradFn: "SoftmaxBackward0", Saves: []string{"result"},
	})
	opLogSoftmax = Register(OpDef{
		Schema: "log_softmax.int(Tensor self, int dim, ScalarType? dtype=None) -> Tensor",
		Kernel: func(rt *Runtime, a Args) ([]*Tensor, error) {
			return one(softmaxKernel(rt, a.T(0), a.I(1), a[2], true))
		},
		Backward: func(c *BackwardCtx, g []*Tensor) ([]*Tensor, error) {
			f := NewF(c.RT)
			y := c.Outputs[0]
			d := c.Args.I(1)
			if len(y.shape) == 0 {
				return f.Ret(f.ZerosLike(g[0]))
			}
			return f.Ret(f.Op(opLogSoftmaxBackward, g[0], y, d, c.Args.T(0).dtype))
		},
		GradFn: "LogSoftmaxBackward0", Saves: []string{"result"},
	})
	// the backward ops, with their own derivatives for double backward
	opSoftmaxBackward = Register(OpDef{
		Schema: "_softmax_backward_data(Tensor grad_output, Tensor output, int dim, ScalarType input_dtype) -> Tensor",
		Kernel: func(rt *Runtime, a Args) ([]*Tensor, error) {
			return one(softmaxBackwardKernel(rt, a.T(0), a.T(1), a.I(2), a[3], false))
		},
		Backward: func(c *BackwardCtx, g []*Tensor) ([]*Tensor, error) {
			// gx = y*go - y*S(go*y), S the sum over dim (kept)
			f := NewF(c.RT)
			gg, gOut, y := g[0], c.Args.T(0), c.Args.T(1)
			if len(y.shape) == 0 {
				return f.Ret(f.ZerosLike(gOut), f.ZerosLike(y))
			}
			d := []int{c.Args.I(2)}
			var dg, dy *Tensor
			if c.NeedsGrad(0) {
				dg = f.Op(registry["aten::_softmax_backward_data"], gg, y, c.Args.I(2), y.dtype)
			}
			if c.NeedsGrad(1) {
				dy = f.Sub(f.Sub(f.Mul(gOut, gg), f.Mul(gg, f.SumDim(f.Mul(gOut, y), d, true))),
					f.Mul(gOut, f.SumDim(f.Mul(y, gg), d, true)))
			}
			return f.Ret(dg, dy)
		},
		GradFn: "SoftmaxBackwardDataBackward0", Saves: []string{"grad_output", "output"},
	})
	opLogSoftmaxBackward = Register(OpDef{
		Schema: "_log_softmax_backward_data(Tensor grad_output, Tensor output, int dim, ScalarType input_dtype) -> Tensor",
		Kernel: func(rt *Runtime, a Args) ([]*Tensor, error) {
			return one(softmaxBackwardKernel(rt, a.T(0), a.T(1), a.I(2), a[3], true))
		},
		Backward: func(c *BackwardCtx, g []*Tensor) ([]*Tensor, error) {
			// gx = go - exp(y)*S(go)
			f := NewF(c.RT)
			gg, gOut, y := g[0], c.Args.T(0), c.Args.T(1)
			if len(y.shape) == 0 {
				return f.Ret(f.ZerosLike(gOut), f.ZerosLike(y))
			}
			d := []int{c.Args.I(2)}
			e := f.Exp(y)
			var dg, dy *Tensor
			if c.NeedsGrad(0) {
				dg = f.Sub(gg, f.SumDim(f.Mul(e, gg), d, true))
			}
			if c.NeedsGrad(1) {
				dy = f.Neg(f.Mul(f.Mul(e, f.SumDim(gOut, d, true)), gg))
			}
			return f.Ret(dg, dy)
		},
		GradFn: "LogSoftmaxBackwardDataBackward0", Saves: []string{"grad_output", "output"},
	})
	opDropout = Register(OpDef{
		Schema:    "dropout(Tensor input, float p, bool train) -> Tensor",
		Composite: true,
		Kernel: func(rt *Runtime, a Args) ([]*Tensor, error) {
			x, p, train := a.T(0), a.F(1), a.B(2)
			if p < 0 || p > 1 {
				return nil, fmt.Errorf("dropout probability has to be between 0 and 1, but got %v", p)
			}
			if !train || p == 0 || x.Numel() == 0 {
				return []*Tensor{x}, nil
			}
			f := NewF(rt)
			if p == 1 {
				return f.Ret(f.Mul(x, f.ZerosLike(x)))
			}
			if !x.dtype.IsFloat() {
				return nil, fmt.Errorf("dropout: expected a floating point input")
			}
			noise := newTensor(x.dtype, x.shape)
			var err error
			if x.dtype == Float32 {
				err = rt.gen.DropoutNoiseFloat32(rawData[float32](noise), p)
			} else {
				err = rt.gen.DropoutNoiseFloat64(rawData[float64](noise), p)
			}
			if err != nil {
				return nil, err
			}
			return f.Ret(f.Mul(x, noise))
		},
	})
)

// Softmax is torch.softmax.
func (rt *Runtime) Softmax(t *Tensor, dim int) (*Tensor, error) { return rt.call1(opSoftmax, t, dim) }

// LogSoftmax is torch.log_softmax.
func (rt *Runtime) LogSoftmax(t *Tensor, dim int) (*Tensor, error) {
	return rt.call1(opLogSoftmax, t, dim)
}

// Dropout is nnf_dropout.
func (rt *Runtime) Dropout(t *Tensor, p float64, train bool) (*Tensor, error) {
	return rt.call1(opDropout, t, p, train)
}
