package tensor

import (
	"errors"
	"fmt"
	"math"
)

// unaryDef registers a float-valued unary op computed elementwise in
// float64 (integer inputs give the default float dtype).
func unaryDef(schema string, mk func(a Args) func(float64) float64, bw BackwardFunc, saves ...string) *Op {
	return Register(OpDef{
		Schema: schema,
		Kernel: func(rt *Runtime, a Args) ([]*Tensor, error) {
			x := a.T(0)
			return one(unaryF64(rt, x, floatResult(x.dtype), mk(a)))
		},
		Backward: bw,
		Saves:    saves,
	})
}

func simpleUnary(name string, fn func(float64) float64, grad func(f *F, x, r, g *Tensor) *Tensor, saves ...string) *Op {
	fast := map[string]int{"exp": 0, "sigmoid": 1, "tanh": 2}
	k, hasFast := fast[name]
	return Register(OpDef{
		Schema: name + "(Tensor self) -> Tensor",
		Kernel: func(rt *Runtime, a Args) ([]*Tensor, error) {
			x := a.T(0)
			if hasFast && x.dtype == Float32 {
				return one(fastF32(rt, x, k))
			}
			return one(unaryF64(rt, x, floatResult(x.dtype), fn))
		},
		Backward: func(c *BackwardCtx, g []*Tensor) ([]*Tensor, error) {
			f := NewF(c.RT)
			return f.Ret(grad(f, c.Inputs[0], c.Outputs[0], g[0]))
		},
		Saves: saves,
	})
}

// dtype-preserving ops with fast kernels
func fastUnary(name string, k unImpl, bw BackwardFunc, saves ...string) *Op {
	return Register(OpDef{
		Schema: name + "(Tensor self) -> Tensor",
		Kernel: func(rt *Runtime, a Args) ([]*Tensor, error) {
			x := a.T(0)
			if x.dtype == Bool {
				switch name {
				case "neg":
					return nil, errors.New("Negation, the `-` operator, on a bool tensor is not supported. If you are trying to invert a mask, use the `~` or `logical_not()` operator instead.")
				case "relu":
					return nil, errors.New("Boolean inputs not supported for relu")
				case "abs":
					return nil, errors.New("\"abs_cpu\" not implemented for 'Bool'")
				}
			}
			return one(k.apply(rt, x))
		},
		Backward: bw,
		Saves:    saves,
	})
}

// zeroGrad is the backward of piecewise-constant ops.
func zeroGrad(c *BackwardCtx, g []*Tensor) ([]*Tensor, error) {
	f := NewF(c.RT)
	return f.Ret(f.ZerosLike(g[0]))
}

// intPreserving registers rounding ops: integer inputs are returned as is.
func roundingOp(name string, fn func(float64) float64) *Op {
	return Register(OpDef{
		Schema: name + "(Tensor self) -> Tensor",
		Kernel: func(rt *Runtime, a Args) ([]*Tensor, error) {
			x := a.T(0)
			if x.dtype == Bool {
				return nil, fmt.Errorf("\"%s_vml_cpu\" not implemented for 'Bool'", name)
			}
			if !x.dtype.IsFloat() {
				return one(x.cloneData(), nil)
			}
			return one(unaryF64(rt, x, x.dtype, fn))
		},
		Backward: zeroGrad,
	})
}

func boolUnary(name string, fn func(float64) bool) *Op {
	return Register(OpDef{
		Schema: name + "(Tensor self) -> Tensor",
		Kernel: func(rt *Runtime, a Args) ([]*Tensor, error) {
			return one(unaryF64(rt, a.T(0), Bool, func(x float64) float64 {
				if fn(x) {
					return 1
				}
				return 0
			}))
		},
	})
}

const (
	ln2      = math.Ln2
	ln10     = math.Ln10
	seluA    = 1.6732632423543772848170429916717
	seluS    = 1.0507009873554804934193349852946
	sqrt2    = math.Sqrt2
	sqrt2pi  = 2.5066282746310002
	invSqrtP = 1.1283791670955126 // 2/sqrt(pi)
)

func sigmoid(x float64) float64 {
	if x >= 0 {
		return 1 / (1 + math.Exp(-x))
	}
	e := math.Exp(x)
	return e / (1 + e)
}

func signF(x float64) float64 {
	switch {
	case x > 0:
		return 1
	case x < 0:
		return -1
	}
	return 0 // zero and NaN
}

// digamma is ATen's calc_digamma.
func digamma(x float64) float64 {
	if x == 0 {
		return math.Copysign(math.Inf(1), -x)
	}
	if x < 0 {
		if x == math.Trunc(x) {
			return math.NaN()
		}
		// reflection: digamma(1-x) - pi/tan(pi*x)
		r := math.Pi / math.Tan(math.Pi*x)
		return digamma(1-x) - r
	}
	result := 0.0
	for x < 10 {
		result -= 1 / x
		x++
	}
	if x == 10 {
		return result + 2.25175258906672110764
	}
	A := []float64{8.33333333333333333333e-2, -2.10927960927960927961e-2, 7.57575757575757575758e-3,
		-4.16666666666666666667e-3, 3.96825396825396825397e-3, -8.33333333333333333333e-3, 8.33333333333333333333e-2}
	y := 0.0
	if x < 1e17 {
		z := 1 / (x * x)
		p := 0.0
		for _, a := range A {
			p = p*z + a
		}
		y = z * p
	}
	return result + math.Log(x) - 0.5/x - y
}

// trigamma is ATen's calc_trigamma.
func trigamma(x float64) float64 {
	sign := 1.0
	result := 0.0
	if x < 0.5 {
		sign = -1
		s := math.Sin(math.Pi * x)
		result -= math.Pi * math.Pi / (s * s)
		x = 1 - x
	}
	for i := 0; i < 6; i++ {
		result += 1 / (x * x)
		x++
	}
	ixx := 1 / (x * x)
	result += (1 + 1/(2*x) + ixx*(1.0/6-ixx*(1.0/30-ixx*(1.0/42)))) / x
	return sign * result
}

func geluF(x float64) float64 { return x * 0.5 * (1 + math.Erf(x/sqrt2)) }

func geluTanhF(x float64) float64 {
	const kBeta = 0.7978845608028654 // sqrt(2/pi)
	const kKappa = 0.044715
	inner := kBeta * (x + kKappa*x*x*x)
	return 0.5 * x * (1 + math.Tanh(inner))
}

func softplusF(beta, threshold float64) func(float64) float64 {
	return func(x float64) float64 {
		if x*beta > threshold {
			return x
		}
		return math.Log1p(math.Exp(x*beta)) / beta
	}
}

var (
	opNeg = fastUnary("neg", unNeg, func(c *BackwardCtx, g []*Tensor) ([]*Tensor, error) {
		f := NewF(c.RT)
		return f.Ret(f.Neg(g[0]))
	})
	opAbs = fastUnary("abs", unAbs, func(c *BackwardCtx, g []*Tensor) ([]*Tensor, error) {
		f := NewF(c.RT)
		return f.Ret(f.Mul(g[0], f.Sign(c.Inputs[0])))
	}, "self")
	opRelu = fastUnary("relu", unRelu, func(c *BackwardCtx, g []*Tensor) ([]*Tensor, error) {
		f := NewF(c.RT)
		r := c.Outputs[0]
		return f.Ret(f.Where(f.Le(r, 0), f.ZerosLike(g[0]), g[0]))
	}, "result")
	opSign = Register(OpDef{
		Schema: "sign(Tensor self) -> Tensor",
		Kernel: func(rt *Runtime, a Args) ([]*Tensor, error) {
			x := a.T(0)
			if x.dtype == Bool {
				return one(x.cloneData(), nil)
			}
			return one(unaryF64(rt, x, x.dtype, signF))
		},
		Backward: zeroGrad,
	})
	opSquare = Register(OpDef{
		Schema:    "square(Tensor self) -> Tensor",
		Composite: true,
		Kernel: func(rt *Runtime, a Args) ([]*Tensor, error) {
			f := NewF(rt)
			x := a.T(0)
			if x.dtype == Bool {
				x = f.To(x, Int64)
			}
			return f.Ret(f.Pow(x, Int(2)))
		},
	})
	opExp   = simpleUnary("exp", math.Exp, func(f *F, x, r, g *Tensor) *Tensor { return f.Mul(g, r) }, "result")
	_       = simpleUnary("exp2", math.Exp2, func(f *F, x, r, g *Tensor) *Tensor { return f.Mul(g, f.Mul(r, ln2)) }, "result")
	_       = simpleUnary("expm1", math.Expm1, func(f *F, x, r, g *Tensor) *Tensor { return f.Mul(g, f.Add(r, 1)) }, "result")
	opLog   = simpleUnary("log", math.Log, func(f *F, x, r, g *Tensor) *Tensor { return f.Div(g, x) }, "self")
	_       = simpleUnary("log2", math.Log2, func(f *F, x, r, g *Tensor) *Tensor { return f.Div(g, f.Mul(x, ln2)) }, "self")
	_       = simpleUnary("log10", math.Log10, func(f *F, x, r, g *Tensor) *Tensor { return f.Div(g, f.Mul(x, ln10)) }, "self")
	opLog1p = simpleUnary("log1p", math.Log1p, func(f *F, x, r, g *Tensor) *Tensor { return f.Div(g, f.Add(x, 1)) }, "self")
	opSqrt  = simpleUnary("sqrt", math.Sqrt, func(f *F, x, r, g *Tensor) *Tensor { return f.Div(g, f.Mul(r, 2)) }, "result")
	_       = simpleUnary("rsqrt", func(x float64) float64 { return 1 / math.Sqrt(x) }, func(f *F, x, r, g *Tensor) *Tensor {
		return f.Mul(g, f.Mul(f.Pow(r, Int(3)), -0.5))
	}, "result")
	opReciprocal = simpleUnary("reciprocal", func(x float64) float64 { return 1 / x }, func(f *F, x, r, g *Tensor) *Tensor {
		return f.Mul(g, f.Neg(f.Mul(r, r)))
	}, "result")
	opSin = simpleUnary("sin", math.Sin, func(f *F, x, r, g *Tensor) *Tensor { return f.Mul(g, f.Cos(x)) }, "self")
	opCos = simpleUnary("cos", math.Cos, func(f *F, x, r, g *Tensor) *Tensor { return f.Mul(g, f.Neg(f.Sin(x))) }, "self")
	_     = simpleUnary("tan", math.Tan, func(f *F, x, r, g *Tensor) *Tensor { return f.Mul(g, f.Add(f.Mul(r, r), 1)) }, "result")
	_     = simpleUnary("asin", math.Asin, func(f *F, x, r, g *Tensor) *Tensor {
		return f.Div(g, f.Sqrt(f.Neg(f.Sub(f.Mul(x, x), 1))))
	}, "self")
	_ = simpleUnary("acos", math.Acos, func(f *F, x, r, g *Tensor) *Tensor {
		return f.Neg(f.Div(g, f.Sqrt(f.Neg(f.Sub(f.Mul(x, x), 1)))))
	}, "self")
	_ = simpleUnary("atan", math.Atan, func(f *F, x, r, g *Tensor) *Tensor {
		return f.Div(g, f.Add(f.Mul(x, x), 1))
	}, "self")
	_      = simpleUnary("sinh", math.Sinh, func(f *F, x, r, g *Tensor) *Tensor { return f.Mul(g, f.Call("cosh", x)) }, "self")
	_      = simpleUnary("cosh", math.Cosh, func(f *F, x, r, g *Tensor) *Tensor { return f.Mul(g, f.Call("sinh", x)) }, "self")
	opTanh = simpleUnary("tanh", math.Tanh, func(f *F, x, r, g *Tensor) *Tensor {
		return f.Mul(g, f.Neg(f.Sub(f.Mul(r, r), 1)))
	}, "result")
	opSigmoid = simpleUnary("sigmoid", sigmoid, func(f *F, x, r, g *Tensor) *Tensor {
		return f.Mul(g, f.Mul(r, f.Neg(f.Sub(r, 1))))
	}, "result")
	_ = unaryDef("logit(Tensor self, float? eps=None) -> Tensor", func(a Args) func(float64) float64 {
		if a.None(1) {
			return func(x float64) float64 { return math.Log(x / (1 - x)) }
		}
		e := a.F(1)
		return func(x float64) float64 {
			x = math.Min(math.Max(x, e), 1-e)
			return math.Log(x / (1 - x))
		}
	}, func(c *BackwardCtx, g []*Tensor) ([]*Tensor, error) {
		f := NewF(c.RT)
		x := c.Inputs[0]
		d := f.Div(g[0], f.Mul(x, f.Neg(f.Sub(x, 1))))
		if !c.Args.None(1) {
			e := c.Args.F(1)
			in := f.Call("logical_and", f.Ge(x, e), f.Le(x, 1-e))
			d = f.Where(in, d, f.ZerosLike(d))
		}
		return f.Ret(d)
	}, "self")
	_ = unaryDef("gelu(Tensor self, *, str approximate='none') -> Tensor", func(a Args) func(float64) float64 {
		if a.Str(1) == "tanh" {
			return geluTanhF
		}
		return geluF
	}, func(c *BackwardCtx, g []*Tensor) ([]*Tensor, error) {
		f := NewF(c.RT)
		x := c.Inputs[0]
		if c.Args.Str(1) == "tanh" {
			const kBeta = 0.7978845608028654
			const kKappa = 0.044715
			xsq := f.Mul(x, x)
			inner := f.Mul(f.Add(x, f.Mul(f.Mul(xsq, x), kKappa)), kBeta)
			th := f.Tanh(inner)
			left := f.Mul(x, 0.5)
			right := f.Add(th, 1)
			ld := f.Mul(right, 0.5)
			td := f.Neg(f.Sub(f.Mul(th, th), 1))
			id := f.Mul(f.Add(f.Mul(xsq, 3*kKappa), 1), kBeta)
			rd := f.Mul(f.Mul(left, td), id)
			return f.Ret(f.Mul(g[0], f.Add(ld, rd)))
		}
		cdf := f.Mul(f.Add(f.Call("erf", f.Mul(x, 1/sqrt2)), 1), 0.5)
		pdf := f.Mul(f.Exp(f.Mul(f.Mul(x, x), -0.5)), 1/sqrt2pi)
		return f.Ret(f.Mul(g[0], f.Add(cdf, f.Mul(x, pdf))))
	}, "self")
	_ = simpleUnary("silu", func(x float64) float64 { return x * sigmoid(x) }, func(f *F, x, r, g *Tensor) *Tensor {
		s := f.Sigmoid(x)
		return f.Mul(g, f.Mul(s, f.Add(f.Mul(x, f.Neg(f.Sub(s, 1))), 1)))
	}, "self")
	_ = simpleUnary("mish", func(x float64) float64 { return x * math.Tanh(softplusF(1, 20)(x)) }, func(f *F, x, r, g *Tensor) *Tensor {
		s := f.Sigmoid(x)
		t := f.Tanh(f.Call("softplus", x, 1, 20))
		return f.Mul(g, f.Add(t, f.Mul(f.Mul(x, s), f.Neg(f.Sub(f.Mul(t, t), 1)))))
	}, "self")
	opElu = unaryDef("elu(Tensor self, Scalar alpha=1, Scalar scale=1, Scalar input_scale=1) -> Tensor", func(a Args) func(float64) float64 {
		al, sc, is := a.S(1).F, a.S(2).F, a.S(3).F
		return func(x float64) float64 {
			if x > 0 {
				return sc * x
			}
			return sc * al * math.Expm1(x*is)
		}
	}, func(c *BackwardCtx, g []*Tensor) ([]*Tensor, error) {
		f := NewF(c.RT)
		x := c.Inputs[0]
		al, sc, is := c.Args.S(1).F, c.Args.S(2).F, c.Args.S(3).F
		neg := f.Mul(g[0], f.Mul(f.Exp(f.Mul(x, is)), is*sc*al))
		return f.Ret(f.Where(f.Gt(x, 0), f.Mul(g[0], sc), neg))
	}, "self")
	_ = Register(OpDef{
		Schema:    "selu(Tensor self) -> Tensor",
		Composite: true,
		Kernel: func(rt *Runtime, a Args) ([]*Tensor, error) {
			f := NewF(rt)
			return f.Ret(f.Call("elu", a.T(0), seluA, seluS, 1))
		},
	})
	_ = unaryDef("leaky_relu(Tensor self, Scalar negative_slope=0.01) -> Tensor", func(a Args) func(float64) float64 {
		s := a.S(1).F
		return func(x float64) float64 {
			if x > 0 {
				return x
			}
			return x * s
		}
	}, func(c *BackwardCtx, g []*Tensor) ([]*Tensor, error) {
		f := NewF(c.RT)
		return f.Ret(f.Where(f.Gt(c.Inputs[0], 0), g[0], f.Mul(g[0], c.Args.S(1))))
	}, "self")
	opHardtanh = Register(OpDef{
		Schema: "hardtanh(Tensor self, Scalar min_val=-1, Scalar max_val=1) -> Tensor",
		Kernel: func(rt *Runtime, a Args) ([]*Tensor, error) {
			lo, hi := a.S(1).F, a.S(2).F
			x := a.T(0)
			return one(unaryF64(rt, x, x.dtype, func(v float64) float64 {
				if v < lo {
					return lo
				}
				if v > hi {
					return hi
				}
				return v
			}))
		},
		Backward: func(c *BackwardCtx, g []*Tensor) ([]*Tensor, error) {
			f := NewF(c.RT)
			x := c.Inputs[0]
			in := f.Call("logical_and", f.Gt(x, c.Args.S(1)), f.Lt(x, c.Args.S(2)))
			return f.Ret(f.Where(in, g[0], f.ZerosLike(g[0])))
		},
		Saves: []string{"self"},
	})
	_ = Register(OpDef{
		Schema:    "relu6(Tensor self) -> Tensor",
		Composite: true,
		Kernel: func(rt *Runtime, a Args) ([]*Tensor, error) {
			f := NewF(rt)
			return f.Ret(f.Call("hardtanh", a.T(0), 0, 6))
		},
	})
	_ = unaryDef("softplus(Tensor self, Scalar beta=1, Scalar threshold=20) -> Tensor", func(a Args) func(float64) float64 {
		return softplusF(a.S(1).F, a.S(2).F)
	}, func(c *BackwardCtx, g []*Tensor) ([]*Tensor, error) {
		f := NewF(c.RT)
		x := c.Inputs[0]
		beta, th := c.Args.S(1).F, c.Args.S(2).F
		z := f.Exp(f.Mul(x, beta))
		return f.Ret(f.Where(f.Gt(f.Mul(x, beta), th), g[0], f.Mul(g[0], f.Div(z, f.Add(z, 1)))))
	}, "self")
	_ = roundingOp("floor", math.Floor)
	_ = roundingOp("ceil", math.Ceil)
	_ = roundingOp("round", math.RoundToEven)
	_ = roundingOp("trunc", math.Trunc)
	_ = Register(OpDef{
		Schema: "frac(Tensor self) -> Tensor",
		Kernel: func(rt *Runtime, a Args) ([]*Tensor, error) {
			if err := checkFloatOrErr("frac_cpu", a.T(0)); err != nil {
				return nil, err
			}
			return one(unaryF64(rt, a.T(0), a.T(0).dtype, func(x float64) float64 { return x - math.Trunc(x) }))
		},
		Backward: func(c *BackwardCtx, g []*Tensor) ([]*Tensor, error) { return g[:1], nil },
	})
	_ = simpleUnary("erf", math.Erf, func(f *F, x, r, g *Tensor) *Tensor {
		return f.Mul(g, f.Mul(f.Exp(f.Neg(f.Mul(x, x))), invSqrtP))
	}, "self")
	_ = simpleUnary("erfc", math.Erfc, func(f *F, x, r, g *Tensor) *Tensor {
		return f.Mul(g, f.Mul(f.Exp(f.Neg(f.Mul(x, x))), -invSqrtP))
	}, "self")
	_ = simpleUnary("lgamma", func(x float64) float64 {
		if math.IsInf(x, -1) {
			return math.Inf(1)
		}
		v, _ := math.Lgamma(x)
		return v
	}, func(f *F, x, r, g *Tensor) *Tensor {
		return f.Mul(g, f.Call("digamma", x))
	}, "self")
	_ = simpleUnary("digamma", digamma, func(f *F, x, r, g *Tensor) *Tensor {
		return f.Mul(g, f.Call("polygamma", 1, x))
	}, "self")
	_ = Register(OpDef{
		Schema: "polygamma(int n, Tensor self) -> Tensor",
		Kernel: func(rt *Runtime, a Args) ([]*Tensor, error) {
			x := a.T(1)
			switch a.I(0) {
			case 0:
				return one(unaryF64(rt, x, floatResult(x.dtype), digamma))
			case 1:
				return one(unaryF64(rt, x, floatResult(x.dtype), trigamma))
			}
			return nil, fmt.Errorf("polygamma(n) is implemented for n = 0 and 1 only")
		},
	})
	_       = boolUnary("isnan", math.IsNaN)
	_       = boolUnary("isinf", func(x float64) bool { return math.IsInf(x, 0) })
	_       = boolUnary("isfinite", func(x float64) bool { return !math.IsInf(x, 0) && !math.IsNaN(x) })
	_       = boolUnary("logical_not", func(x float64) bool { return x == 0 })
	opClamp = Register(OpDef{
		Schema: "clamp(Tensor self, Scalar? min=None, Scalar? max=None) -> Tensor",
		Kernel: func(rt *Runtime, a Args) ([]*Tensor, error) {
			x := a.T(0)
			if a.None(1) && a.None(2) {
				return nil, errors.New("torch.clamp: At least one of 'min' or 'max' must not be None")
			}
			lo, hi := math.Inf(-1), math.Inf(1)
			dt := x.dtype
			if !a.None(1) {
				lo = a.S(1).F
				dt = ResultType(x, a.S(1))
			}
			if !a.None(2) {
				hi = a.S(2).F
				dt = PromoteTypes(dt, ResultType(x, a.S(2)))
			}
			return one(unaryF64(rt, x, dt, func(v float64) float64 {
				if math.IsNaN(v) {
					return v
				}
				return math.Min(math.Max(v, lo), hi)
			}))
		},
		Backward: func(c *BackwardCtx, g []*Tensor) ([]*Tensor, error) {
			f := NewF(c.RT)
			x := c.Inputs[0]
			m := f.OnesLike(x)
			if !c.Args.None(1) {
				m = f.Call("logical_and", m, f.Ge(x, c.Args.S(1)))
			}
			if !c.Args.None(2) {
				m = f.Call("logical_and", m, f.Le(x, c.Args.S(2)))
			}
			return f.Ret(f.Where(m, g[0], f.ZerosLike(g[0])))
		},
		GradFn: "ClampBackward1", Saves: []string{"self"},
	})
	_ = Register(OpDef{
		Schema: "nan_to_num(Tensor self, float? nan=None, float? posinf=None, float? neginf=None) -> Tensor",
		Kernel: func(rt *Runtime, a Args) ([]*Tensor, error) {
			x := a.T(0)
			if !x.dtype.IsFloat() {
				return one(x.cloneData(), nil)
			}
			nan := 0.0
			if !a.None(1) {
				nan = a.F(1)
			}
			big := math.MaxFloat64
			if x.dtype == Float32 {
				big = math.MaxFloat32
			}
			pinf, ninf := big, -big
			if !a.None(2) {
				pinf = a.F(2)
			}
			if !a.None(3) {
				ninf = a.F(3)
			}
			return one(unaryF64(rt, x, x.dtype, func(v float64) float64 {
				switch {
				case math.IsNaN(v):
					return nan
				case math.IsInf(v, 1):
					return pinf
				case math.IsInf(v, -1):
					return ninf
				}
				return v
			}))
		},
		Backward: func(c *BackwardCtx, g []*Tensor) ([]*Tensor, error) {
			f := NewF(c.RT)
			return f.Ret(f.Where(f.Call("isfinite", c.Inputs[0]), g[0], f.ZerosLike(g[0])))
		},
		Saves: []string{"self"},
	})
)

func init() { opLog1p.gradName = "Log1PBackward0" }

// Unary runs a one-argument op by name ("exp", "relu", ...).
func (rt *Runtime) Unary(name string, x *Tensor) (*Tensor, error) {
	op, ok := LookupOp(name)
	if !ok {
		return nil, errUnknownOp(name)
	}
	return rt.call1(op, x)
}

// Neg is torch.neg.
func (rt *Runtime) Neg(x *Tensor) (*Tensor, error) { return rt.call1(opNeg, x) }

// Relu is torch.relu.
func (rt *Runtime) Relu(x *Tensor) (*Tensor, error) { return rt.call1(opRelu, x) }

// Exp is torch.exp.
func (rt *Runtime) Exp(x *Tensor) (*Tensor, error) { return rt.call1(opExp, x) }

// Log is torch.log.
func (rt *Runtime) Log(x *Tensor) (*Tensor, error) { return rt.call1(opLog, x) }

// Sigmoid is torch.sigmoid.
func (rt *Runtime) Sigmoid(x *Tensor) (*Tensor, error) { return rt.call1(opSigmoid, x) }

// Tanh is torch.tanh.
func (rt *Runtime) Tanh(x *Tensor) (*Tensor, error) { return rt.call1(opTanh, x) }

// Clamp is torch.clamp; nil bounds are absent.
func (rt *Runtime) Clamp(x *Tensor, min, max any) (*Tensor, error) {
	return rt.call1(opClamp, x, min, max)
}

var _, _, _, _, _ = opAbs, opSquare, opElu, opHardtanh, opSign
