package tensor

import (
	"errors"
	"fmt"
	"math"
)

var errNilTensor = errors.New("internal error: nil tensor in formula")

func errUnknownOp(name string) error { return fmt.Errorf("unknown op %s", name) }

func one(t *Tensor, err error) ([]*Tensor, error) {
	if err != nil {
		return nil, err
	}
	return []*Tensor{t}, nil
}

func checkAlpha(dt DType, alpha Scalar) error {
	if !dt.IsFloat() && alpha.Kind == Float64 {
		return errors.New("For integral input tensors, argument alpha must not be a floating point number.")
	}
	if dt == Bool && alpha.Kind == Int64 && alpha.I != 1 && alpha.I != 0 {
		return errors.New("Boolean alpha only supported for Boolean results.")
	}
	return nil
}

func addKernel(rt *Runtime, a, b *Tensor, alpha Scalar) (*Tensor, error) {
	dt := ResultType(a, b)
	if err := checkAlpha(dt, alpha); err != nil {
		return nil, err
	}
	if alpha.F == 1 {
		return arith(rt, binAdd, a, b, dt, alpha)
	}
	return arith(rt, binAddAlpha, a, b, dt, alpha)
}

func subKernel(rt *Runtime, a, b *Tensor, alpha Scalar) (*Tensor, error) {
	if a.dtype == Bool && b.dtype == Bool {
		return nil, errors.New("Subtraction, the `-` operator, with two bool tensors is not supported. Use the `^` or `logical_xor()` operator instead.")
	}
	if a.dtype == Bool || b.dtype == Bool {
		return nil, errors.New("Subtraction, the `-` operator, with a bool tensor is not supported. If you are trying to invert a mask, use the `~` or `logical_not()` operator instead.")
	}
	dt := ResultType(a, b)
	if err := checkAlpha(dt, alpha); err != nil {
		return nil, err
	}
	if alpha.F == 1 {
		return arith(rt, binSub, a, b, dt, alpha)
	}
	return arith(rt, binSubAlpha, a, b, dt, alpha)
}

func divKernel(rt *Runtime, a, b *Tensor, mode string) (*Tensor, error) {
	dt := ResultType(a, b)
	switch mode {
	case "":
		return arith(rt, binDiv, a, b, floatResult(dt), Scalar{})
	case "trunc":
		if dt.IsFloat() {
			return binaryF64(rt, a, b, dt, dt, func(x, y float64) float64 { return math.Trunc(x / y) })
		}
		if err := checkIntZeroDiv(b); err != nil {
			return nil, err
		}
		return binaryF64(rt, a, b, dt, dt, func(x, y float64) float64 { return math.Trunc(x / y) })
	case "floor":
		if dt.IsFloat() {
			return binaryF64(rt, a, b, dt, dt, floorDivFloat)
		}
		if err := checkIntZeroDiv(b); err != nil {
			return nil, err
		}
		return binaryF64(rt, a, b, dt, dt, func(x, y float64) float64 { return math.Floor(x / y) })
	}
	return nil, fmt.Errorf("div expected rounding_mode to be one of None, 'trunc', or 'floor' but found '%s'", mode)
}

func checkIntZeroDiv(b *Tensor) error {
	for _, v := range b.Float64s() {
		if v == 0 {
			return errors.New("ZeroDivisionError")
		}
	}
	return nil
}

// floorDivFloat is ATen's div_floor_floating.
func floorDivFloat(a, b float64) float64 {
	if b == 0 {
		return a / b
	}
	mod := math.Mod(a, b)
	div := (a - mod) / b
	if mod != 0 && (b < 0) != (mod < 0) {
		div--
	}
	var fd float64
	if div != 0 {
		fd = math.Floor(div)
		if div-fd > 0.5 {
			fd++
		}
	} else {
		fd = math.Copysign(0, a/b)
	}
	return fd
}

func pyMod(a, b float64) float64 {
	m := math.Mod(a, b)
	if m != 0 && (m < 0) != (b < 0) {
		m += b
	}
	return m
}

func powF(x, y float64) float64 { return math.Pow(x, y) }

var (
	opAdd = Register(OpDef{
		Schema: "add.Tensor(Tensor self, Tensor other, *, Scalar alpha=1) -> Tensor",
		Kernel: func(rt *Runtime, a Args) ([]*Tensor, error) { return one(addKernel(rt, a.T(0), a.T(1), a.S(2))) },
		Backward: func(c *BackwardCtx, g []*Tensor) ([]*Tensor, error) {
			f := NewF(c.RT)
			gb := g[0]
			if al := c.Args.S(2); al.F != 1 && c.NeedsGrad(1) {
				gb = f.Mul(g[0], al)
			}
			return f.Ret(g[0], gb)
		},
		GradFn: "AddBackward0",
	})
	opAdd_ = Register(OpDef{
		Schema:   "add_.Tensor(Tensor self, Tensor other, *, Scalar alpha=1) -> Tensor",
		Kernel:   inplaceKernel(func(rt *Runtime, a Args) (*Tensor, error) { return addKernel(rt, a.T(0), a.T(1), a.S(2)) }),
		Backward: opAdd.def.Backward, GradFn: "AddBackward0", Inplace: true,
	})
	opSub = Register(OpDef{
		Schema: "sub.Tensor(Tensor self, Tensor other, *, Scalar alpha=1) -> Tensor",
		Kernel: func(rt *Runtime, a Args) ([]*Tensor, error) { return one(subKernel(rt, a.T(0), a.T(1), a.S(2))) },
		Backward: func(c *BackwardCtx, g []*Tensor) ([]*Tensor, error) {
			f := NewF(c.RT)
			var gb *Tensor
			if c.NeedsGrad(1) {
				al := c.Args.S(2)
				al.F, al.I = -al.F, -al.I
				gb = f.Mul(g[0], al)
			}
			return f.Ret(g[0], gb)
		},
		GradFn: "SubBackward0",
	})
	opSub_ = Register(OpDef{
		Schema:   "sub_.Tensor(Tensor self, Tensor other, *, Scalar alpha=1) -> Tensor",
		Kernel:   inplaceKernel(func(rt *Runtime, a Args) (*Tensor, error) { return subKernel(rt, a.T(0), a.T(1), a.S(2)) }),
		Backward: opSub.def.Backward, GradFn: "SubBackward0", Inplace: true,
	})
	opRsub = Register(OpDef{
		Schema: "rsub.Tensor(Tensor self, Tensor other, *, Scalar alpha=1) -> Tensor",
		Kernel: func(rt *Runtime, a Args) ([]*Tensor, error) { return one(subKernel(rt, a.T(1), a.T(0), a.S(2))) },
		Backward: func(c *BackwardCtx, g []*Tensor) ([]*Tensor, error) {
			f := NewF(c.RT)
			var ga *Tensor
			if c.NeedsGrad(0) {
				al := c.Args.S(2)
				al.F, al.I = -al.F, -al.I
				ga = f.Mul(g[0], al)
			}
			return f.Ret(ga, g[0])
		},
		GradFn: "RsubBackward1",
	})
	opMul = Register(OpDef{
		Schema: "mul.Tensor(Tensor self, Tensor other) -> Tensor",
		Kernel: func(rt *Runtime, a Args) ([]*Tensor, error) {
			return one(arith(rt, binMul, a.T(0), a.T(1), ResultType(a.T(0), a.T(1)), Scalar{}))
		},
		Backward: func(c *BackwardCtx, g []*Tensor) ([]*Tensor, error) {
			f := NewF(c.RT)
			var ga, gb *Tensor
			if c.NeedsGrad(0) {
				ga = f.Mul(g[0], c.Inputs[1])
			}
			if c.NeedsGrad(1) {
				gb = f.Mul(g[0], c.Inputs[0])
			}
			return f.Ret(ga, gb)
		},
		GradFn: "MulBackward0", Saves: []string{"self", "other"},
	})
	opMul_ = Register(OpDef{
		Schema: "mul_.Tensor(Tensor self, Tensor other) -> Tensor",
		Kernel: inplaceKernel(func(rt *Runtime, a Args) (*Tensor, error) {
			return arith(rt, binMul, a.T(0), a.T(1), ResultType(a.T(0), a.T(1)), Scalar{})
		}),
		Backward: opMul.def.Backward, GradFn: "MulBackward0", Inplace: true, Saves: []string{"other"},
	})
	opDiv = Register(OpDef{
		Schema: "div.Tensor(Tensor self, Tensor other) -> Tensor",
		Kernel: func(rt *Runtime, a Args) ([]*Tensor, error) { return one(divKernel(rt, a.T(0), a.T(1), "")) },
		Backward: func(c *BackwardCtx, g []*Tensor) ([]*Tensor, error) {
			f := NewF(c.RT)
			var ga, gb *Tensor
			if c.NeedsGrad(0) {
				ga = f.Div(g[0], c.Inputs[1])
			}
			if c.NeedsGrad(1) {
				gb = f.Neg(f.Div(f.Mul(g[0], c.Inputs[0]), f.Mul(c.Inputs[1], c.Inputs[1])))
			}
			return f.Ret(ga, gb)
		},
		GradFn: "DivBackward0", Saves: []string{"self", "other"},
	})
	opDiv_ = Register(OpDef{
		Schema:   "div_.Tensor(Tensor self, Tensor other) -> Tensor",
		Kernel:   inplaceKernel(func(rt *Runtime, a Args) (*Tensor, error) { return divKernel(rt, a.T(0), a.T(1), "") }),
		Backward: opDiv.def.Backward, GradFn: "DivBackward0", Inplace: true, Saves: []string{"other"},
	})
	opDivMode = Register(OpDef{
		Schema: "div.Tensor_mode(Tensor self, Tensor other, *, str? rounding_mode) -> Tensor",
		Kernel: func(rt *Runtime, a Args) ([]*Tensor, error) { return one(divKernel(rt, a.T(0), a.T(1), a.Str(2))) },
		Backward: func(c *BackwardCtx, g []*Tensor) ([]*Tensor, error) {
			if c.Args.Str(2) == "" {
				return registry["aten::div.Tensor"].def.Backward(c, g)
			}
			f := NewF(c.RT)
			return f.Ret(f.ZerosLike(g[0]), f.ZerosLike(g[0]))
		},
		GradFn: "DivBackward2", Saves: []string{"self", "other"},
	})
	opPow = Register(OpDef{
		Schema: "pow.Tensor_Tensor(Tensor self, Tensor exponent) -> Tensor",
		Kernel: func(rt *Runtime, a Args) ([]*Tensor, error) {
			dt := ResultType(a.T(0), a.T(1))
			return one(binaryF64(rt, a.T(0), a.T(1), dt, dt, powF))
		},
		Backward: func(c *BackwardCtx, g []*Tensor) ([]*Tensor, error) {
			f := NewF(c.RT)
			x, e, r := c.Inputs[0], c.Inputs[1], c.Outputs[0]
			var ga, gb *Tensor
			if c.NeedsGrad(0) {
				ga = f.Mul(g[0], f.Mul(e, f.Call("pow.Tensor_Tensor", x, f.Sub(e, 1))))
			}
			if c.NeedsGrad(1) {
				cond := f.Call("logical_and", f.Eq(x, 0), f.Ge(e, 0))
				gb = f.Mul(g[0], f.Where(cond, f.ZerosLike(r), f.Mul(r, f.Log(x))))
			}
			return f.Ret(ga, gb)
		},
		GradFn: "PowBackward1", Saves: []string{"self", "exponent", "result"},
	})
	opPowScalar = Register(OpDef{
		Schema: "pow.Tensor_Scalar(Tensor self, Scalar exponent) -> Tensor",
		Kernel: func(rt *Runtime, a Args) ([]*Tensor, error) {
			e := a.S(1)
			dt := ResultType(a.T(0), e)
			if !dt.IsFloat() && e.Kind == Int64 && e.I < 0 {
				return nil, errors.New("Integers to negative integer powers are not allowed.")
			}
			switch {
			case e.F == 2 && dt == a.T(0).dtype:
				return one(unSquare.apply(rt, a.T(0)))
			case e.F == 1 && dt == a.T(0).dtype:
				return one(a.T(0).contig().cloneData(), nil)
			}
			ef := e.F
			return one(unaryF64(rt, a.T(0).castTo(dt), dt, func(x float64) float64 { return math.Pow(x, ef) }))
		},
		Backward: func(c *BackwardCtx, g []*Tensor) ([]*Tensor, error) {
			f := NewF(c.RT)
			e := c.Args.S(1)
			if e.F == 0 {
				return f.Ret(f.ZerosLike(g[0]))
			}
			em1 := e
			em1.F, em1.I = e.F-1, e.I-1
			return f.Ret(f.Mul(g[0], f.Mul(f.Pow(c.Inputs[0], em1), e)))
		},
		GradFn: "PowBackward0", Saves: []string{"self"},
	})
	opPowSelfScalar = Register(OpDef{
		Schema: "pow.Scalar(Scalar self, Tensor exponent) -> Tensor",
		Kernel: func(rt *Runtime, a Args) ([]*Tensor, error) {
			b := wrapScalar(a.S(0))
			dt := ResultType(b, a.T(1))
			return one(binaryF64(rt, b, a.T(1), dt, dt, powF))
		},
		Backward: func(c *BackwardCtx, g []*Tensor) ([]*Tensor, error) {
			f := NewF(c.RT)
			base := c.Args.S(0)
			return f.Ret(f.Mul(g[0], f.Mul(c.Outputs[0], math.Log(base.F))))
		},
		GradFn: "PowBackward2", Saves: []string{"result"},
	})
	opRemainder = Register(OpDef{
		Schema: "remainder.Tensor(Tensor self, Tensor other) -> Tensor",
		Kernel: func(rt *Runtime, a Args) ([]*Tensor, error) {
			dt := ResultType(a.T(0), a.T(1))
			if !dt.IsFloat() {
				if err := checkIntZeroDiv(a.T(1)); err != nil {
					return nil, err
				}
			}
			return one(binaryF64(rt, a.T(0), a.T(1), dt, dt, pyMod))
		},
		Backward: func(c *BackwardCtx, g []*Tensor) ([]*Tensor, error) {
			f := NewF(c.RT)
			var gb *Tensor
			if c.NeedsGrad(1) {
				gb = f.Neg(f.Mul(g[0], f.Call("div.Tensor_mode", c.Inputs[0], c.Inputs[1], "floor")))
			}
			return f.Ret(g[0], gb)
		},
		GradFn: "RemainderBackward1", Saves: []string{"self", "other"},
	})
	opFmod = Register(OpDef{
		Schema: "fmod.Tensor(Tensor self, Tensor other) -> Tensor",
		Kernel: func(rt *Runtime, a Args) ([]*Tensor, error) {
			dt := ResultType(a.T(0), a.T(1))
			if !dt.IsFloat() {
				if err := checkIntZeroDiv(a.T(1)); err != nil {
					return nil, err
				}
			}
			return one(binaryF64(rt, a.T(0), a.T(1), dt, dt, math.Mod))
		},
		Backward: func(c *BackwardCtx, g []*Tensor) ([]*Tensor, error) {
			f := NewF(c.RT)
			var gb *Tensor
			if c.NeedsGrad(1) {
				gb = f.Neg(f.Mul(g[0], f.Call("div.Tensor_mode", c.Inputs[0], c.Inputs[1], "trunc")))
			}
			return f.Ret(g[0], gb)
		},
		GradFn: "FmodBackward1", Saves: []string{"self", "other"},
	})
	opMaximum = Register(OpDef{
		Schema: "maximum(Tensor self, Tensor other) -> Tensor",
		Kernel: func(rt *Runtime, a Args) ([]*Tensor, error) {
			return one(arith(rt, binMax, a.T(0), a.T(1), ResultType(a.T(0), a.T(1)), Scalar{}))
		},
		Backward: minmaxBackward(true), Saves: []string{"self", "other"},
	})
	opMinimum = Register(OpDef{
		Schema: "minimum(Tensor self, Tensor other) -> Tensor",
		Kernel: func(rt *Runtime, a Args) ([]*Tensor, error) {
			return one(arith(rt, binMin, a.T(0), a.T(1), ResultType(a.T(0), a.T(1)), Scalar{}))
		},
		Backward: minmaxBackward(false), Saves: []string{"self", "other"},
	})
	opAtan2 = Register(OpDef{
		Schema: "atan2(Tensor self, Tensor other) -> Tensor",
		Kernel: func(rt *Runtime, a Args) ([]*Tensor, error) {
			dt := floatResult(ResultType(a.T(0), a.T(1)))
			return one(binaryF64(rt, a.T(0), a.T(1), dt, dt, math.Atan2))
		},
		Backward: func(c *BackwardCtx, g []*Tensor) ([]*Tensor, error) {
			f := NewF(c.RT)
			x, y := c.Inputs[0], c.Inputs[1]
			den := f.Add(f.Mul(x, x), f.Mul(y, y))
			return f.Ret(f.Mul(g[0], f.Div(y, den)), f.Mul(g[0], f.Div(f.Neg(x), den)))
		},
		Saves: []string{"self", "other"},
	})
	opEq = registerCmp("eq", cmpEq)
	opNe = registerCmp("ne", cmpNe)
	opLt = registerCmp("lt", cmpLt)
	opLe = registerCmp("le", cmpLe)
	opGt = registerCmp("gt", cmpGt)
	opGe = registerCmp("ge", cmpGe)

	opLogicalAnd = registerLogical("logical_and", func(x, y bool) bool { return x && y })
	opLogicalOr  = registerLogical("logical_or", func(x, y bool) bool { return x || y })
	opLogicalXor = registerLogical("logical_xor", func(x, y bool) bool { return x != y })

	opWhere = Register(OpDef{
		Schema: "where.self(Tensor condition, Tensor self, Tensor other) -> Tensor",
		Kernel: func(rt *Runtime, a Args) ([]*Tensor, error) { return one(whereKernel(rt, a.T(0), a.T(1), a.T(2))) },
		Backward: func(c *BackwardCtx, g []*Tensor) ([]*Tensor, error) {
			f := NewF(c.RT)
			cond := c.Inputs[0]
			z := f.ZerosLike(g[0])
			var ga, gb *Tensor
			if c.NeedsGrad(1) {
				ga = f.Where(cond, g[0], z)
			}
			if c.NeedsGrad(2) {
				gb = f.Where(cond, z, g[0])
			}
			return f.Ret(nil, ga, gb)
		},
		Saves: []string{"condition"},
	})
	opLerp = Register(OpDef{
		Schema: "lerp.Scalar(Tensor self, Tensor end, Scalar weight) -> Tensor",
		Kernel: func(rt *Runtime, a Args) ([]*Tensor, error) {
			w := a.S(2).F
			dt := ResultType(a.T(0), a.T(1))
			if a.T(0).dtype != a.T(1).dtype {
				return nil, fmt.Errorf("expected dtype %s for `end` but got dtype %s", a.T(0).dtype, a.T(1).dtype)
			}
			return one(binaryF64(rt, a.T(0), a.T(1), dt, dt, func(x, y float64) float64 { return lerp(x, y, w) }))
		},
		Backward: func(c *BackwardCtx, g []*Tensor) ([]*Tensor, error) {
			f := NewF(c.RT)
			w := c.Args.S(2).F
			return f.Ret(f.Mul(g[0], 1-w), f.Mul(g[0], w))
		},
		GradFn: "LerpBackward0",
	})
	opLerpT = Register(OpDef{
		Schema: "lerp.Tensor(Tensor self, Tensor end, Tensor weight) -> Tensor",
		Kernel: func(rt *Runtime, a Args) ([]*Tensor, error) {
			x, y, w := a.T(0), a.T(1), a.T(2)
			dt := ResultType(x, y)
			s1, err := broadcastShapes(x.shape, y.shape)
			if err != nil {
				return nil, err
			}
			shape, err := broadcastShapes(s1, w.shape)
			if err != nil {
				return nil, err
			}
			xe, ye, we := expandTo(x, shape).castTo(Float64).contig(), expandTo(y, shape).castTo(Float64).contig(), expandTo(w, shape).castTo(Float64).contig()
			xd, yd, wd := dataOf[float64](xe), dataOf[float64](ye), dataOf[float64](we)
			out := make([]float64, len(xd))
			for i := range out {
				out[i] = lerp(xd[i], yd[i], wd[i])
			}
			return one(fromFloat64s(out, shape, dt), nil)
		},
		Backward: func(c *BackwardCtx, g []*Tensor) ([]*Tensor, error) {
			f := NewF(c.RT)
			x, y, w := c.Inputs[0], c.Inputs[1], c.Inputs[2]
			return f.Ret(f.Mul(g[0], f.Call("rsub", w, 1)), f.Mul(g[0], w), f.Mul(g[0], f.Sub(y, x)))
		},
		GradFn: "LerpBackward1", Saves: []string{"self", "end", "weight"},
	})
)

func lerp(x, y, w float64) float64 {
	if math.Abs(w) < 0.5 {
		return x + w*(y-x)
	}
	return y - (y-x)*(1-w)
}

func registerCmp(name string, k cmpImpl) *Op {
	return Register(OpDef{
		Schema: name + ".Tensor(Tensor self, Tensor other) -> Tensor",
		Kernel: func(rt *Runtime, a Args) ([]*Tensor, error) { return one(compare(rt, k, a.T(0), a.T(1))) },
	})
}

func registerLogical(name string, fn func(x, y bool) bool) *Op {
	return Register(OpDef{
		Schema: name + "(Tensor self, Tensor other) -> Tensor",
		Kernel: func(rt *Runtime, a Args) ([]*Tensor, error) {
			return one(binaryF64(rt, a.T(0), a.T(1), Float64, Bool, func(x, y float64) float64 {
				if fn(x != 0, y != 0) {
					return 1
				}
				return 0
			}))
		},
	})
}

func minmaxBackward(isMax bool) BackwardFunc {
	return func(c *BackwardCtx, g []*Tensor) ([]*Tensor, error) {
		f := NewF(c.RT)
		x, y := c.Inputs[0], c.Inputs[1]
		var win *Tensor
		if isMax {
			win = f.Gt(x, y)
		} else {
			win = f.Lt(x, y)
		}
		half := f.Mul(f.To(f.Eq(x, y), g[0].dtype), 0.5)
		wa := f.Add(f.To(win, g[0].dtype), half)
		ga := f.Mul(g[0], wa)
		gb := f.Sub(g[0], ga)
		return f.Ret(ga, gb)
	}
}

func whereKernel(rt *Runtime, cond, x, y *Tensor) (*Tensor, error) {
	if cond.dtype != Bool && cond.dtype != Uint8 {
		return nil, fmt.Errorf("where expected condition to be a boolean tensor, but got a tensor with dtype %s", cond.dtype.ScalarTypeName())
	}
	dt := ResultType(x, y)
	s1, err := broadcastShapes(cond.shape, x.shape)
	if err != nil {
		return nil, err
	}
	shape, err := broadcastShapes(s1, y.shape)
	if err != nil {
		return nil, err
	}
	x2, y2 := x.castTo(dt), y.castTo(dt)
	out := newTensor(dt, shape)
	cd := rawData[uint8](cond)
	strides := [][]int{out.strides, broadcastStrides(cond, shape), broadcastStrides(x2, shape), broadcastStrides(y2, shape)}
	offs := []int{0, cond.offset, x2.offset, y2.offset}
	switch od := out.st.data.(type) {
	case []float32:
		return out, forRows(rt, shape, strides, offs, whereRow(od, cd, rawData[float32](x2), rawData[float32](y2)))
	case []float64:
		return out, forRows(rt, shape, strides, offs, whereRow(od, cd, rawData[float64](x2), rawData[float64](y2)))
	case []int64:
		return out, forRows(rt, shape, strides, offs, whereRow(od, cd, rawData[int64](x2), rawData[int64](y2)))
	case []int32:
		return out, forRows(rt, shape, strides, offs, whereRow(od, cd, rawData[int32](x2), rawData[int32](y2)))
	case []uint8:
		return out, forRows(rt, shape, strides, offs, whereRow(od, cd, rawData[uint8](x2), rawData[uint8](y2)))
	}
	return out, nil
}

func whereRow[T elem](od []T, cd []uint8, xd, yd []T) rowFunc {
	return func(o, in []int, n int) {
		for i := 0; i < n; i++ {
			if cd[o[1]+i*in[1]] != 0 {
				od[o[0]+i*in[0]] = xd[o[2]+i*in[2]]
			} else {
				od[o[0]+i*in[0]] = yd[o[3]+i*in[3]]
			}
		}
	}
}

// inplaceKernel makes an in-place kernel from an out-of-place one: the
// result is computed, checked against self's shape and dtype, and copied
// into self (which may be a non-contiguous view).
func inplaceKernel(fn func(rt *Runtime, a Args) (*Tensor, error)) Kernel {
	return func(rt *Runtime, a Args) ([]*Tensor, error) {
		self := a.T(0)
		r, err := fn(rt, a)
		if err != nil {
			return nil, err
		}
		if !sameShape(r.shape, self.shape) {
			return nil, fmt.Errorf("output with shape %s doesn't match the broadcast shape %s", fmtShape(self.shape), fmtShape(r.shape))
		}
		if r.dtype != self.dtype && !canCast(r.dtype, self.dtype) {
			return nil, fmt.Errorf("result type %s can't be cast to the desired output type %s", r.dtype.ScalarTypeName(), self.dtype.ScalarTypeName())
		}
		if err := copyIntoRT(rt, self, r); err != nil {
			return nil, err
		}
		return []*Tensor{self}, nil
	}
}

// canCast is c10::canCast: no float->int, no non-bool->bool.
func canCast(from, to DType) bool {
	if from.IsFloat() && !to.IsFloat() {
		return false
	}
	if from != Bool && to == Bool {
		return false
	}
	return true
}

func (t *Tensor) cloneData() *Tensor {
	out := newTensorNoInit(t.dtype, t.shape)
	copyInto(out, t)
	return out
}

// ---- typed wrappers

// Add is torch.add(a, b, alpha = alpha); b is a *Tensor or a Go number.
func (rt *Runtime) Add(a *Tensor, b any, alpha Scalar) (*Tensor, error) {
	return rt.call1(opAdd, a, b, alpha)
}

// Sub is torch.sub.
func (rt *Runtime) Sub(a *Tensor, b any, alpha Scalar) (*Tensor, error) {
	return rt.call1(opSub, a, b, alpha)
}

// Mul is torch.mul.
func (rt *Runtime) Mul(a *Tensor, b any) (*Tensor, error) { return rt.call1(opMul, a, b) }

// Div is torch.div with rounding_mode "" (true division), "trunc" or "floor".
func (rt *Runtime) Div(a *Tensor, b any, roundingMode string) (*Tensor, error) {
	if roundingMode == "" {
		return rt.call1(opDiv, a, b)
	}
	return rt.call1(opDivMode, a, b, roundingMode)
}

// Pow is torch.pow with a tensor or scalar exponent.
func (rt *Runtime) Pow(a *Tensor, e any) (*Tensor, error) {
	if t, ok := e.(*Tensor); ok {
		return rt.call1(opPow, a, t)
	}
	return rt.call1(opPowScalar, a, e)
}

// Where is torch.where(cond, x, y).
func (rt *Runtime) Where(cond *Tensor, x, y any) (*Tensor, error) {
	return rt.call1(opWhere, cond, x, y)
}

// Compare runs eq, ne, lt, le, gt or ge.
func (rt *Runtime) Compare(op string, a *Tensor, b any) (*Tensor, error) {
	o, ok := LookupOp(op + ".Tensor")
	if !ok {
		return nil, errUnknownOp(op)
	}
	return rt.call1(o, a, b)
}

var _ = opAdd_
