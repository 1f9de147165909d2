package tensor

import (
	"fmt"
	"strings"
)

// In-place variants ("relu_", "mul_", ...) of functional ops: the result
// is computed by the functional kernel and written into self (which may
// be a view). Autograd records the functional op's backward under the
// same grad_fn name, as PyTorch does.

func registerInplaceOf(key string) {
	fn := registry["aten::"+key]
	if fn == nil {
		panic("registerInplaceOf: unknown op " + key)
	}
	schema := fn.def.Schema
	name, rest, _ := strings.Cut(schema, "(")
	base, ov, hasOv := strings.Cut(name, ".")
	iname := base + "_"
	if hasOv {
		iname += "." + ov
	}
	if _, dup := registry["aten::"+iname]; dup {
		return
	}
	grad := fn.gradName
	if grad == "" && fn.def.GradFnFor == nil {
		grad = defaultGradName(fn)
	}
	kernel := fn.def.Kernel
	Register(OpDef{
		Schema: iname + "(" + rest,
		Kernel: inplaceKernel(func(rt *Runtime, a Args) (*Tensor, error) {
			outs, err := kernel(rt, a)
			if err != nil {
				return nil, err
			}
			return outs[0], nil
		}),
		Backward:  fn.def.Backward,
		GradFn:    grad,
		GradFnFor: fn.def.GradFnFor,
		Inplace:   true,
		Saves:     savesOf(fn),
	})
}

func savesOf(op *Op) []string {
	var out []string
	for _, s := range op.def.Saves {
		if s != "self" { // the snapshot of self is private to the node
			out = append(out, s)
		}
	}
	return out
}

func init() {
	for _, k := range []string{
		"abs", "neg", "sign", "exp", "exp2", "expm1", "log", "log2", "log10", "log1p", "sqrt", "rsqrt",
		"reciprocal", "sin", "cos", "tan", "asin", "acos", "atan", "sinh", "cosh", "tanh", "sigmoid", "logit",
		"relu", "gelu", "silu", "mish", "elu", "leaky_relu", "hardtanh", "floor", "ceil", "round", "trunc",
		"frac", "erf", "erfc", "lgamma", "digamma", "clamp", "nan_to_num", "square",
		"pow.Tensor_Scalar", "pow.Tensor_Tensor", "remainder.Tensor", "fmod.Tensor", "atan2", "div.Tensor_mode",
		"lerp.Scalar", "lerp.Tensor", "eq.Tensor", "ne.Tensor", "lt.Tensor", "le.Tensor", "gt.Tensor", "ge.Tensor",
		"logical_and", "logical_or", "logical_xor", "logical_not", "tril", "triu", "index_add", "scatter.src",
		"scatter.value", "scatter_add", "addcmul", "addcdiv",
	} {
		registerInplaceOf(k)
	}
}

var (
	opAddcmul = Register(OpDef{
		Schema: "addcmul(Tensor self, Tensor tensor1, Tensor tensor2, *, Scalar value=1) -> Tensor",
		Kernel: func(rt *Runtime, a Args) ([]*Tensor, error) {
			f := NewF(rt)
			return f.Ret(f.Add(a.T(0), f.Mul(f.Mul(a.T(1), a.T(2)), a.S(3))))
		},
		Backward: func(c *BackwardCtx, g []*Tensor) ([]*Tensor, error) {
			f := NewF(c.RT)
			v := c.Args.S(3)
			var g1, g2 *Tensor
			if c.NeedsGrad(1) {
				g1 = f.Mul(f.Mul(g[0], c.Inputs[2]), v)
			}
			if c.NeedsGrad(2) {
				g2 = f.Mul(f.Mul(g[0], c.Inputs[1]), v)
			}
			return f.Ret(g[0], g1, g2)
		},
		Saves: []string{"tensor1", "tensor2"},
	})
	opAddcdiv = Register(OpDef{
		Schema: "addcdiv(Tensor self, Tensor tensor1, Tensor tensor2, *, Scalar value=1) -> Tensor",
		Kernel: func(rt *Runtime, a Args) ([]*Tensor, error) {
			f := NewF(rt)
			return f.Ret(f.Add(a.T(0), f.Mul(f.Div(a.T(1), a.T(2)), a.S(3))))
		},
		Backward: func(c *BackwardCtx, g []*Tensor) ([]*Tensor, error) {
			f := NewF(c.RT)
			v := c.Args.S(3)
			t1, t2 := c.Inputs[1], c.Inputs[2]
			var g1, g2 *Tensor
			if c.NeedsGrad(1) {
				g1 = f.Mul(f.Div(g[0], t2), v)
			}
			if c.NeedsGrad(2) {
				g2 = f.Neg(f.Mul(f.Div(f.Mul(g[0], t1), f.Mul(t2, t2)), v))
			}
			return f.Ret(g[0], g1, g2)
		},
		Saves: []string{"tensor1", "tensor2"},
	})
	opCopy_ = Register(OpDef{
		Schema: "copy_(Tensor(a!) self, Tensor src, bool non_blocking=False) -> Tensor(a!)",
		Kernel: func(rt *Runtime, a Args) ([]*Tensor, error) {
			self, src := a.T(0), a.T(1)
			if _, err := broadcastShapes(self.shape, src.shape); err != nil {
				return nil, err
			}
			shape, _ := broadcastShapes(self.shape, src.shape)
			if !sameShape(shape, self.shape) {
				return nil, fmt.Errorf("output with shape %s doesn't match the broadcast shape %s", fmtShape(self.shape), fmtShape(shape))
			}
			if self.st == src.st {
				src = src.cloneData()
			}
			return one(self, copyIntoRT(rt, self, src))
		},
		Backward: func(c *BackwardCtx, g []*Tensor) ([]*Tensor, error) {
			f := NewF(c.RT)
			var gs *Tensor
			if c.NeedsGrad(1) {
				gs = g[0]
			}
			return f.Ret(f.ZerosLike(g[0]), gs)
		},
		GradFn: "CopyBackwards", Inplace: true,
	})
	opFill_ = Register(OpDef{
		Schema: "fill_.Scalar(Tensor(a!) self, Scalar value) -> Tensor(a!)",
		Kernel: func(rt *Runtime, a Args) ([]*Tensor, error) {
			self := a.T(0)
			return one(self, copyIntoRT(rt, self, wrapScalar(a.S(1))))
		},
		Backward: func(c *BackwardCtx, g []*Tensor) ([]*Tensor, error) {
			f := NewF(c.RT)
			return f.Ret(f.ZerosLike(g[0]))
		},
		Inplace: true,
	})
	opZero_ = Register(OpDef{
		Schema: "zero_(Tensor(a!) self) -> Tensor(a!)",
		Kernel: func(rt *Runtime, a Args) ([]*Tensor, error) {
			self := a.T(0)
			return one(self, copyIntoRT(rt, self, ScalarTensor(0, self.dtype)))
		},
		Backward: func(c *BackwardCtx, g []*Tensor) ([]*Tensor, error) {
			f := NewF(c.RT)
			return f.Ret(f.ZerosLike(g[0]))
		},
		Inplace: true,
	})
)

// Copy_ is tensor$copy_(src).
func (rt *Runtime) Copy_(self, src *Tensor) error {
	_, err := rt.call1(opCopy_, self, src)
	return err
}

// Fill_ is tensor$fill_(v).
func (rt *Runtime) Fill_(self *Tensor, v any) error {
	_, err := rt.call1(opFill_, self, v)
	return err
}

// Zero_ is tensor$zero_().
func (rt *Runtime) Zero_(self *Tensor) error {
	_, err := rt.call1(opZero_, self)
	return err
}

var _ = []*Op{opAddcmul, opAddcdiv}
