package tensor

import (
	"fmt"
	"math"
)

// Losses. reduction is aten's int: 0 none, 1 mean, 2 sum. Ops that are
// primitives in PyTorch (mse_loss, smooth_l1_loss, huber_loss, nll_loss,
// binary_cross_entropy[_with_logits]) are primitives here too, with
// PyTorch's grad_fn names and backward formulas written with ops; the
// others (l1_loss, cross_entropy, kl_div) are composites, as in PyTorch.

const (
	reductionNone = 0
	reductionMean = 1
	reductionSum  = 2
)

func checkReduction(r int) error {
	if r < 0 || r > 2 {
		return fmt.Errorf("%d is not a valid value for reduction", r)
	}
	return nil
}

// reduceLoss applies the reduction to elementwise losses with ops.
func reduceLoss(f *F, l *Tensor, r int) *Tensor {
	switch r {
	case reductionMean:
		return f.Call("mean", l)
	case reductionSum:
		return f.Sum(l)
	}
	return l
}

// lossGradScale turns the output gradient g of a reduced loss into the
// factor of the elementwise derivative (g / n for mean).
func lossGradScale(f *F, g *Tensor, r int, n int) *Tensor {
	if r == reductionMean {
		return f.Div(g, Float(float64(n)))
	}
	return g
}

// lossShape is the broadcast shape of input and target.
func lossShape(x, t *Tensor) ([]int, error) {
	return broadcastShapes(x.shape, t.shape)
}

// pointwiseLoss registers a primitive loss l(x, t) with d = x - t; its
// kernel and backward are written with ops.
func pointwiseLoss(schema, gradFn string, fwd func(f *F, d *Tensor, p float64) *Tensor, dd func(f *F, d *Tensor, p float64) *Tensor) *Op {
	return Register(OpDef{
		Schema: schema,
		Kernel: func(rt *Runtime, a Args) ([]*Tensor, error) {
			x, t, r := a.T(0), a.T(1), a.I(2)
			if err := checkReduction(r); err != nil {
				return nil, err
			}
			if _, err := lossShape(x, t); err != nil {
				return nil, err
			}
			p := 0.0
			if len(a) > 3 {
				p = a.F(3)
			}
			f := NewF(rt)
			return f.Ret(reduceLoss(f, fwd(f, f.Sub(x, t), p), r))
		},
		Backward: func(c *BackwardCtx, g []*Tensor) ([]*Tensor, error) {
			f := NewF(c.RT)
			x, t, r := c.Args.T(0), c.Args.T(1), c.Args.I(2)
			p := 0.0
			if len(c.Args) > 3 {
				p = c.Args.F(3)
			}
			shape, _ := lossShape(x, t)
			gd := f.Mul(dd(f, f.Sub(x, t), p), lossGradScale(f, g[0], r, numelOf(shape)))
			var gx, gt *Tensor
			if c.NeedsGrad(0) {
				gx = gd
			}
			if c.NeedsGrad(1) {
				gt = f.Neg(gd)
			}
			return f.Ret(gx, gt)
		},
		GradFn: gradFn, Saves: []string{"self", "target"},
	})
}

var (
	opMseLoss = pointwiseLoss("mse_loss(Tensor self, Tensor target, int reduction=1) -> Tensor", "MseLossBackward0",
		func(f *F, d *Tensor, _ float64) *Tensor { return f.Mul(d, d) },
		func(f *F, d *Tensor, _ float64) *Tensor { return f.Mul(d, Float(2)) })
	opSmoothL1Loss = pointwiseLoss("smooth_l1_loss(Tensor self, Tensor target, int reduction=1, float beta=1.0) -> Tensor", "SmoothL1LossBackward0",
		func(f *F, d *Tensor, beta float64) *Tensor {
			z := f.Call("abs", d)
			if beta == 0 {
				return z
			}
			return f.Where(f.Lt(z, Float(beta)), f.Div(f.Mul(f.Mul(d, d), Float(0.5)), Float(beta)), f.Sub(z, Float(0.5*beta)))
		},
		func(f *F, d *Tensor, beta float64) *Tensor {
			if beta == 0 {
				return f.Sign(d)
			}
			return f.Where(f.Lt(f.Call("abs", d), Float(beta)), f.Div(d, Float(beta)), f.Sign(d))
		})
	opHuberLoss = pointwiseLoss("huber_loss(Tensor self, Tensor target, int reduction=1, float delta=1.0) -> Tensor", "HuberLossBackward0",
		func(f *F, d *Tensor, delta float64) *Tensor {
			z := f.Call("abs", d)
			return f.Where(f.Lt(z, Float(delta)), f.Mul(f.Mul(d, d), Float(0.5)), f.Mul(f.Sub(z, Float(0.5*delta)), Float(delta)))
		},
		func(f *F, d *Tensor, delta float64) *Tensor {
			return f.Where(f.Le(f.Call("abs", d), Float(delta)), d, f.Mul(f.Sign(d), Float(delta)))
		})
)

// nllPlan is the per-element bookkeeping of nll_loss: for each sample
// (and spatial position) the target class and its weight (0 if ignored).
type nllPlan struct {
	N, C, S   int   // samples, classes, spatial positions per sample
	cls       []int // target class per (n, s), -1 if ignored
	w         []float64
	total     float64 // sum of weights of the counted targets
	outShape  []int   // shape of the unreduced loss
	scalarOut bool
}

func nllPrep(x, t, weight *Tensor, ignore int) (*nllPlan, error) {
	nd := len(x.shape)
	if nd < 1 {
		return nil, fmt.Errorf("input tensor should be 1D or 2D")
	}
	if t.dtype != Int64 && t.dtype != Uint8 && t.dtype != Int32 {
		return nil, fmt.Errorf("expected scalar type Long but found %s", t.dtype.ScalarTypeName())
	}
	p := &nllPlan{}
	if nd == 1 {
		if len(t.shape) > 1 {
			return nil, fmt.Errorf("0D or 1D target tensor expected, multi-target not supported")
		}
		if len(t.shape) == 1 && t.shape[0] != 1 {
			return nil, fmt.Errorf("Expected input batch_size (1) to match target batch_size (%d).", t.shape[0])
		}
		p.N, p.C, p.S = 1, x.shape[0], 1
		p.outShape = []int{}
		p.scalarOut = true
	} else {
		p.N, p.C = x.shape[0], x.shape[1]
		p.S = numelOf(x.shape[2:])
		if nd == 2 && len(t.shape) != 1 {
			return nil, fmt.Errorf("0D or 1D target tensor expected, multi-target not supported")
		}
		if len(t.shape) < 1 || t.shape[0] != p.N {
			tb := 0
			if len(t.shape) > 0 {
				tb = t.shape[0]
			}
			return nil, fmt.Errorf("Expected input batch_size (%d) to match target batch_size (%d).", p.N, tb)
		}
		if nd > 2 && (len(t.shape) != nd-1 || !sameShape(t.shape[1:], x.shape[2:])) {
			return nil, fmt.Errorf("Expected target size %s, got %s", fmtShape(append([]int{p.N}, x.shape[2:]...)), fmtShape(t.shape))
		}
		p.outShape = append([]int(nil), t.shape...)
	}
	if weight != nil && (weight.Numel() != p.C) {
		return nil, fmt.Errorf("weight tensor should be defined either for all %d classes or no classes but got weight tensor of shape: %s", p.C, fmtShape(weight.shape))
	}
	var wd []float64
	if weight != nil {
		wd = weight.Float64s()
	}
	tv := t.Int64s()
	p.cls = make([]int, len(tv))
	p.w = make([]float64, len(tv))
	for i, c := range tv {
		if int(c) == ignore {
			p.cls[i] = -1
			continue
		}
		if c < 0 || int(c) >= p.C {
			return nil, fmt.Errorf("Target %d is out of bounds.", c)
		}
		p.cls[i] = int(c)
		p.w[i] = 1
		if wd != nil {
			p.w[i] = wd[c]
		}
		p.total += p.w[i]
	}
	return p, nil
}

func nllKernel(rt *Runtime, x, t, weight *Tensor, r, ignore int) (*Tensor, error) {
	if err := checkReduction(r); err != nil {
		return nil, err
	}
	p, err := nllPrep(x, t, weight, ignore)
	if err != nil {
		return nil, err
	}
	xc := x.contig()
	xat := func(i int) float64 { return xc.flat(xc.offset + i) }
	if r == reductionNone {
		out := make([]float64, p.N*p.S)
		for i := range out {
			n, s := i/p.S, i%p.S
			if c := p.cls[i]; c >= 0 {
				out[i] = -p.w[i] * xat((n*p.C+c)*p.S+s)
			}
		}
		return FromFloat64As(x.dtype, out, p.outShape...)
	}
	sum := 0.0
	for i, c := range p.cls {
		if c >= 0 {
			n, s := i/p.S, i%p.S
			sum += -p.w[i] * xat((n*p.C+c)*p.S+s)
		}
	}
	if r == reductionMean {
		sum /= p.total
	}
	return ScalarTensor(sum, x.dtype), nil
}

var opNllLoss = Register(OpDef{
	Schema: "nll_loss_nd(Tensor self, Tensor target, Tensor? weight=None, int reduction=1, int ignore_index=-100) -> Tensor",
	Kernel: func(rt *Runtime, a Args) ([]*Tensor, error) {
		return one(nllKernel(rt, a.T(0), a.T(1), a.T(2), a.I(3), a.I(4)))
	},
	Backward: func(c *BackwardCtx, g []*Tensor) ([]*Tensor, error) {
		f := NewF(c.RT)
		a := c.Args
		return f.Ret(f.Op(registry["aten::_nll_loss_backward"], g[0], a.T(0), a.T(1), optT(a.T(2)), a.I(3), a.I(4)), nil, nil)
	},
	GradFnFor: func(a Args) string {
		switch nd := len(a.T(0).shape); {
		case nd <= 2:
			return "NllLossBackward0"
		case nd == 4 || a.I(3) != reductionNone:
			return "NllLoss2DBackward0"
		}
		return "ViewBackward0"
	},
	Saves: []string{"self"},
})

// _nll_loss_backward writes -weight[t]*grad (/ total weight for mean) at
// each target's position of a zero tensor shaped like self. It is linear
// in grad; its adjoint is nll_loss itself.
var opNllLossBackward = Register(OpDef{
	Schema: "_nll_loss_backward(Tensor grad_output, Tensor self, Tensor target, Tensor? weight, int reduction, int ignore_index) -> Tensor",
	Kernel: func(rt *Runtime, a Args) ([]*Tensor, error) {
		gy, x, t, w, r, ig := a.T(0), a.T(1), a.T(2), a.T(3), a.I(4), a.I(5)
		p, err := nllPrep(x, t, w, ig)
		if err != nil {
			return nil, err
		}
		denom := 1.0
		if r == reductionMean {
			denom = p.total
		}
		gx := newTensor(x.dtype, x.shape)
		gv := 0.0
		var gs []float64
		if r == reductionNone {
			gs = gy.Float64s()
		} else {
			gv, _ = gy.Item()
		}
		for i, cl := range p.cls {
			if cl < 0 {
				continue
			}
			n, sp := i/p.S, i%p.S
			g := gv
			if gs != nil {
				g = gs[i]
			}
			gx.setFlat((n*p.C+cl)*p.S+sp, -p.w[i]/denom*g)
		}
		return []*Tensor{gx}, nil
	},
	Backward: func(c *BackwardCtx, g []*Tensor) ([]*Tensor, error) {
		f := NewF(c.RT)
		a := c.Args
		return f.Ret(f.Op(opNllLoss, g[0], a.T(2), optT(a.T(3)), a.I(4), a.I(5)), nil, nil, nil)
	},
	Saves: []string{"target"},
})

func init() {
	Register(OpDef{
		Schema:    "nll_loss(Tensor self, Tensor target, Tensor? weight=None, int reduction=1, int ignore_index=-100) -> Tensor",
		Composite: true,
		Kernel: func(rt *Runtime, a Args) ([]*Tensor, error) {
			x, t := a.T(0), a.T(1)
			if len(x.shape) < 1 || len(x.shape) > 2 {
				return nil, fmt.Errorf("input tensor should be 1D or 2D")
			}
			if len(t.shape) > 1 {
				return nil, fmt.Errorf("0D or 1D target tensor expected, multi-target not supported")
			}
			if len(x.shape) == 2 && (len(t.shape) != 1 || t.shape[0] != x.shape[0]) {
				return nil, fmt.Errorf("size mismatch (got input: %s, target: %s)", fmtShape(x.shape), fmtShape(t.shape))
			}
			return rt.Run(opNllLoss, a)
		},
	})
	Register(OpDef{
		Schema:    "l1_loss(Tensor self, Tensor target, int reduction=1) -> Tensor",
		Composite: true,
		Kernel: func(rt *Runtime, a Args) ([]*Tensor, error) {
			if err := checkReduction(a.I(2)); err != nil {
				return nil, err
			}
			f := NewF(rt)
			return f.Ret(reduceLoss(f, f.Call("abs", f.Sub(a.T(0), a.T(1))), a.I(2)))
		},
	})
	Register(OpDef{
		Schema:    "kl_div(Tensor self, Tensor target, int reduction=1, *, bool log_target=False) -> Tensor",
		Composite: true,
		Kernel: func(rt *Runtime, a Args) ([]*Tensor, error) {
			x, t, r := a.T(0), a.T(1), a.I(2)
			if err := checkReduction(r); err != nil {
				return nil, err
			}
			f := NewF(rt)
			var out *Tensor
			if a.B(3) {
				out = f.Mul(f.Exp(t), f.Sub(t, x))
			} else {
				out = f.Sub(xlogx(f, t), f.Mul(t, x))
			}
			return f.Ret(reduceLoss(f, out, r))
		},
	})
	Register(OpDef{
		Schema:    "cross_entropy(Tensor self, Tensor target, Tensor? weight=None, int reduction=1, int ignore_index=-100, float label_smoothing=0.0) -> Tensor",
		Composite: true,
		Kernel: func(rt *Runtime, a Args) ([]*Tensor, error) {
			return one(crossEntropy(rt, a.T(0), a.T(1), a.T(2), a.I(3), a.I(4), a.F(5)))
		},
	})
	Register(OpDef{
		Schema:    "cross_entropy_loss(Tensor self, Tensor target, Tensor? weight=None, int reduction=1, int ignore_index=-100, float label_smoothing=0.0) -> Tensor",
		Composite: true,
		Kernel: func(rt *Runtime, a Args) ([]*Tensor, error) {
			return one(crossEntropy(rt, a.T(0), a.T(1), a.T(2), a.I(3), a.I(4), a.F(5)))
		},
	})
}

// xlogx is x*log(x) with 0 where x == 0 (xlogy(x, x)).
func xlogx(f *F, t *Tensor) *Tensor {
	if f.Err() != nil {
		return nil
	}
	zero := f.Eq(t, Float(0))
	safe := f.Where(zero, Float(1), t)
	return f.Where(zero, Float(0), f.Mul(t, f.Log(safe)))
}

func crossEntropy(rt *Runtime, x, t, w *Tensor, r, ignore int, ls float64) (*Tensor, error) {
	if err := checkReduction(r); err != nil {
		return nil, err
	}
	if ls < 0 || ls > 1 {
		return nil, fmt.Errorf("label_smoothing must be between 0.0 and 1.0. Got: %v", ls)
	}
	if len(x.shape) < 1 {
		return nil, fmt.Errorf("cross_entropy: expected input with at least 1 dimension")
	}
	f := NewF(rt)
	classDim := 1
	if len(x.shape) == 1 {
		classDim = 0
	}
	C := x.shape[classDim]
	wShape := make([]int, len(x.shape))
	for i := range wShape {
		wShape[i] = 1
	}
	wShape[classDim] = C
	logp := f.Op(opLogSoftmax, x, classDim)
	if t.dtype.IsFloat() {
		// class probabilities
		if !sameShape(x.shape, t.shape) {
			return nil, fmt.Errorf("Expected target size %s, got %s", fmtShape(x.shape), fmtShape(t.shape))
		}
		if ls > 0 {
			t = f.Add(f.Mul(t, Float(1-ls)), Float(ls/float64(C)))
		}
		prod := f.Mul(logp, t)
		if w != nil {
			prod = f.Mul(prod, f.Reshape(w, wShape))
		}
		switch r {
		case reductionMean:
			n := x.Numel() / max(C, 1)
			return fret(f, f.Div(f.Neg(f.Sum(prod)), Float(float64(n))))
		case reductionSum:
			return fret(f, f.Neg(f.Sum(prod)))
		}
		return fret(f, f.Neg(f.SumDim(prod, []int{classDim}, false)))
	}
	nll := f.Op(opNllLoss, logp, t, optT(w), r, ignore)
	if ls == 0 {
		return fret(f, nll)
	}
	ignoreMask := f.Eq(t, Int(int64(ignore)))
	var smooth *Tensor
	if w != nil {
		smooth = f.Neg(f.SumDim(f.Mul(logp, f.Reshape(w, wShape)), []int{classDim}, false))
	} else {
		smooth = f.Neg(f.SumDim(logp, []int{classDim}, false))
	}
	smooth = f.Call("masked_fill.Scalar", smooth, ignoreMask, Float(0))
	if f.Err() != nil {
		return nil, f.Err()
	}
	var ret *Tensor
	switch r {
	case reductionMean:
		if w != nil {
			// normalised by the weights of the counted targets, like nll_loss
			total := 0.0
			wd := w.Float64s()
			for _, c := range t.Int64s() {
				if int(c) != ignore && c >= 0 && int(c) < C {
					total += wd[c]
				}
			}
			ret = f.Div(f.Sum(smooth), Float(total))
		} else {
			cnt := 0
			for _, c := range t.Int64s() {
				if int(c) != ignore {
					cnt++
				}
			}
			ret = f.Div(f.Sum(smooth), Float(float64(cnt)))
		}
	case reductionSum:
		ret = f.Sum(smooth)
	default:
		ret = smooth
	}
	return fret(f, f.Add(f.Mul(nll, Float(1-ls)), f.Mul(ret, Float(ls/float64(C)))))
}

// fret returns t with f's first error.
func fret(f *F, t *Tensor) (*Tensor, error) {
	if f.Err() != nil {
		return nil, f.Err()
	}
	return t, nil
}

var (
	opBCE = Register(OpDef{
		Schema: "binary_cross_entropy(Tensor self, Tensor target, Tensor? weight=None, int reduction=1) -> Tensor",
		Kernel: func(rt *Runtime, a Args) ([]*Tensor, error) {
			x, t, w, r := a.T(0), a.T(1), a.T(2), a.I(3)
			if err := checkReduction(r); err != nil {
				return nil, err
			}
			if !sameShape(x.shape, t.shape) {
				return nil, fmt.Errorf("Using a target size (%s) that is different to the input size (%s) is deprecated. Please ensure they have the same size.", fmtShape(t.shape), fmtShape(x.shape))
			}
			xd, td := x.Float64s(), t.Float64s()
			out := make([]float64, len(xd))
			for i, v := range xd {
				if !(v >= 0 && v <= 1) {
					return nil, fmt.Errorf("all elements of input should be between 0 and 1")
				}
				out[i] = -(td[i]*math.Max(math.Log(v), -100) + (1-td[i])*math.Max(math.Log1p(-v), -100))
			}
			l, _ := FromFloat64As(x.dtype, out, x.shape...)
			f := NewF(rt)
			if w != nil {
				l = f.Mul(l, w)
			}
			return f.Ret(reduceLoss(f, l, r))
		},
		Backward: func(c *BackwardCtx, g []*Tensor) ([]*Tensor, error) {
			f := NewF(c.RT)
			x, t, w, r := c.Args.T(0), c.Args.T(1), c.Args.T(2), c.Args.I(3)
			s := lossGradScale(f, g[0], r, x.Numel())
			if w != nil {
				s = f.Mul(s, w)
			}
			var gx, gt *Tensor
			if c.NeedsGrad(0) {
				den := f.Call("clamp", f.Mul(f.Sub(f.OnesLike(x), x), x), Float(1e-12), nil)
				gx = f.Mul(f.Div(f.Sub(x, t), den), s)
			}
			if c.NeedsGrad(1) {
				l1 := f.Call("clamp", f.Call("log1p", f.Neg(x)), Float(-100), nil)
				l0 := f.Call("clamp", f.Log(x), Float(-100), nil)
				gt = f.Mul(f.Sub(l1, l0), s)
			}
			return f.Ret(gx, gt, nil)
		},
		GradFn: "BinaryCrossEntropyBackward0", Saves: []string{"self", "target", "weight"},
	})
	opBCEWithLogits = Register(OpDef{
		Schema: "binary_cross_entropy_with_logits(Tensor self, Tensor target, Tensor? weight=None, Tensor? pos_weight=None, int reduction=1) -> Tensor",
		Kernel: func(rt *Runtime, a Args) ([]*Tensor, error) {
			x, t, r := a.T(0), a.T(1), a.I(4)
			if err := checkReduction(r); err != nil {
				return nil, err
			}
			if !sameShape(x.shape, t.shape) {
				return nil, fmt.Errorf("Target size (%s) must be the same as input size (%s)", fmtShape(t.shape), fmtShape(x.shape))
			}
			f := NewF(rt)
			return f.Ret(reduceLoss(f, bceLogits(f, x, t, a.T(2), a.T(3)), r))
		},
		Backward: func(c *BackwardCtx, g []*Tensor) ([]*Tensor, error) {
			f := NewF(c.RT)
			x, t, w, pw, r := c.Args.T(0), c.Args.T(1), c.Args.T(2), c.Args.T(3), c.Args.I(4)
			s := lossGradScale(f, g[0], r, x.Numel())
			if w != nil {
				s = f.Mul(s, w)
			}
			var gx, gt, gw, gpw *Tensor
			sig := f.Sigmoid(x)
			if c.NeedsGrad(0) {
				if pw != nil {
					// (1-t) - lw*(1-sigmoid(x)), lw = (pw-1)*t + 1
					lw := f.Add(f.Mul(f.Sub(pw, Float(1)), t), Float(1))
					gx = f.Mul(f.Sub(f.Sub(f.OnesLike(x), t), f.Mul(lw, f.Sub(f.OnesLike(x), sig))), s)
				} else {
					gx = f.Mul(f.Sub(sig, t), s)
				}
			}
			spm := softplusNeg(f, x)
			if c.NeedsGrad(1) {
				d := f.Neg(x)
				if pw != nil {
					d = f.Add(d, f.Mul(f.Sub(pw, Float(1)), spm))
				}
				gt = f.Mul(d, s)
			}
			if w != nil && c.NeedsGrad(2) {
				gw = f.Mul(bceLogits(f, x, t, nil, pw), lossGradScale(f, g[0], r, x.Numel()))
			}
			if pw != nil && c.NeedsGrad(3) {
				gpw = f.Mul(f.Mul(t, spm), s)
			}
			return f.Ret(gx, gt, gw, gpw)
		},
		GradFn: "BinaryCrossEntropyWithLogitsBackward0", Saves: []string{"self", "target", "weight", "pos_weight"},
	})
)

// softplusNeg is log(1 + exp(-x)) = relu(-x) + log1p(exp(-|x|)), with ops.
func softplusNeg(f *F, x *Tensor) *Tensor {
	return f.Add(f.Call("relu", f.Neg(x)), f.Call("log1p", f.Exp(f.Neg(f.Call("abs", x)))))
}

// bceLogits is the elementwise loss (1-t)*x + lw*softplus(-x), times weight.
func bceLogits(f *F, x, t, w, pw *Tensor) *Tensor {
	sp := softplusNeg(f, x)
	if pw != nil {
		sp = f.Mul(f.Add(f.Mul(f.Sub(pw, Float(1)), t), Float(1)), sp)
	}
	l := f.Add(f.Mul(f.Sub(f.OnesLike(t), t), x), sp)
	if w != nil {
		l = f.Mul(l, w)
	}
	return l
}
