package tensor

import (
	"fmt"
	"math"
)

func softmaxKernel(t *Tensor, dim int, dtype any, log bool) (*Tensor, error) {
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
	mv, _ := transposeKernel(x, d, nd-1)
	src := mv.contig()
	out := newTensor(odt, src.shape)
	R := src.shape[nd-1]
	if R > 0 {
		switch odt {
		case Float32:
			softmaxRows(dataOf[float32](src), rawData[float32](out), R, log)
		default:
			softmaxRows(dataOf[float64](src), rawData[float64](out), R, log)
		}
	}
	back, _ := transposeKernel(out, d, nd-1)
	return back.contig(), nil
}

func softmaxRows[T floatElem](x, y []T, R int, log bool) {
	for m := 0; m+R <= len(x); m += R {
		row, o := x[m:m+R], y[m:m+R]
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
}

var (
	opSoftmax = Register(OpDef{
		Schema: "softmax.int(Tensor self, int dim, ScalarType? dtype=None) -> Tensor",
		Kernel: func(rt *Runtime, a Args) ([]*Tensor, error) { return one(softmaxKernel(a.T(0), a.I(1), a[2], false)) },
		Backward: func(c *BackwardCtx, g []*Tensor) ([]*Tensor, error) {
			f := NewF(c.RT)
			y := c.Outputs[0]
			d := c.Args.I(1)
			if len(y.shape) == 0 {
				return f.Ret(f.ZerosLike(g[0]))
			}
			gy := f.Mul(g[0], y)
			return f.Ret(f.Sub(gy, f.Mul(y, f.SumDim(gy, []int{d}, true))))
		},
		GradFn: "SoftmaxBackward0", Saves: []string{"result"},
	})
	opLogSoftmax = Register(OpDef{
		Schema: "log_softmax.int(Tensor self, int dim, ScalarType? dtype=None) -> Tensor",
		Kernel: func(rt *Runtime, a Args) ([]*Tensor, error) { return one(softmaxKernel(a.T(0), a.I(1), a[2], true)) },
		Backward: func(c *BackwardCtx, g []*Tensor) ([]*Tensor, error) {
			f := NewF(c.RT)
			y := c.Outputs[0]
			d := c.Args.I(1)
			if len(y.shape) == 0 {
				return f.Ret(f.ZerosLike(g[0]))
			}
			return f.Ret(f.Sub(g[0], f.Mul(f.Exp(y), f.SumDim(g[0], []int{d}, true))))
		},
		GradFn: "LogSoftmaxBackward0", Saves: []string{"result"},
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
