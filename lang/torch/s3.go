package torch

import (
	"fmt"

	"torchr/lang/eval"
	"torchr/tensor"
)

// S3 methods R torch defines for tensors on R's generics: dim(), t(), the
// Math functions (exp(x), log(x), round(x, 2), ...) and the reductions
// (sum(x), max(x), mean(x)) return tensors.
func init() {
	unary := map[string]string{
		"abs": "abs", "sign": "sign", "sqrt": "sqrt", "ceiling": "ceil", "floor": "floor", "trunc": "trunc",
		"cos": "cos", "sin": "sin", "tan": "tan", "acos": "acos", "asin": "asin", "atan": "atan",
		"cosh": "cosh", "sinh": "sinh", "tanh": "tanh", "exp": "exp", "expm1": "expm1",
		"log2": "log2", "log10": "log10", "log1p": "log1p", "lgamma": "lgamma", "digamma": "digamma",
		"t": "t",
	}
	for r, op := range unary {
		op := op
		name := r + ".torch_tensor"
		eval.Register(&eval.Builtin{Name: name, Formals: []string{"x", "..."}, Fn: func(c *eval.Frame, a []eval.Value) (eval.Value, error) {
			t, ok := a[0].(*Tensor)
			if !ok {
				return nil, fmt.Errorf("not a tensor")
			}
			if t.T == nil {
				return nil, errUndefined(0, "self")
			}
			outs, err := Runtime(c.In).Call(op, t.T)
			if err != nil {
				return nil, err
			}
			return Wrap(outs[0]), nil
		}})
		extraPages[name] = r + "() of a tensor: torch_" + op + "(x)."
	}
	eval.RegisterAll(
		&eval.Builtin{Name: "log.torch_tensor", Formals: []string{"x", "base = NULL"}, Fn: func(c *eval.Frame, a []eval.Value) (eval.Value, error) {
			if err := definedArg(a[0]); err != nil {
				return nil, err
			}
			t := a[0].(*Tensor)
			rt := Runtime(c.In)
			r, err := rt.Log(t.T)
			if err != nil {
				return nil, err
			}
			if a[1] != nil {
				if _, null := a[1].(*eval.NullType); !null {
					b, err := FloatArg(a[1])
					if err != nil {
						return nil, err
					}
					lb := tensor.ScalarTensor(b, tensor.Float64)
					lbl, err := rt.Log(lb)
					if err != nil {
						return nil, err
					}
					f, _ := lbl.Item()
					if r, err = rt.Div(r, f, ""); err != nil {
						return nil, err
					}
				}
			}
			return Wrap(r), nil
		}},
		&eval.Builtin{Name: "round.torch_tensor", Formals: []string{"x", "digits = 0"}, Fn: func(c *eval.Frame, a []eval.Value) (eval.Value, error) {
			if err := definedArg(a[0]); err != nil {
				return nil, err
			}
			t := a[0].(*Tensor)
			d, err := IntArg(a[1])
			if err != nil {
				return nil, err
			}
			rt := Runtime(c.In)
			if d == 0 {
				r, err := rt.Unary("round", t.T)
				return Wrap(r), err
			}
			scale := 1.0
			for i := 0; i < d; i++ {
				scale *= 10
			}
			m, err := rt.Mul(t.T, scale)
			if err != nil {
				return nil, err
			}
			if m, err = rt.Unary("round", m); err != nil {
				return nil, err
			}
			r, err := rt.Div(m, scale, "")
			return Wrap(r), err
		}},
		&eval.Builtin{Name: "dim.torch_tensor", Formals: []string{"x"}, Fn: func(c *eval.Frame, a []eval.Value) (eval.Value, error) {
			if err := definedArg(a[0]); err != nil {
				return nil, err
			}
			Runtime(c.In).ReadShape(a[0].(*Tensor).T, -1)
			return shapeValue(a[0].(*Tensor).T), nil
		}},
	)
	extraPages["log.torch_tensor"] = "log() of a tensor (natural, or in base)."
	extraPages["round.torch_tensor"] = "round() of a tensor to digits decimals."
	extraPages["dim.torch_tensor"] = "dim() of a tensor: its shape."
	// nrow and ncol read one dimension (a trace is specialised to that
	// dimension only)
	for k, name := range []string{"nrow", "ncol"} {
		eval.Register(&eval.Builtin{Name: name + ".torch_tensor", Formals: []string{"x"}, Fn: func(c *eval.Frame, a []eval.Value) (eval.Value, error) {
			if err := definedArg(a[0]); err != nil {
				return nil, err
			}
			t := a[0].(*Tensor).T
			if t.Dim() <= k {
				return eval.Null, nil
			}
			Runtime(c.In).ReadShape(t, k)
			return eval.NewInt1(int32(t.Shape()[k])), nil
		}})
		extraPages[name+".torch_tensor"] = name + "() of a tensor: the size of its dimension " + []string{"1", "2"}[k] + "."
	}
	// NROW and NCOL are base R's, reading dim(x), which R torch's
	// dim.torch_tensor answers: NROW is the first dimension (length(x) for
	// a 0-d tensor), NCOL the second (1 for fewer than two dimensions).
	for k, name := range []string{"NROW", "NCOL"} {
		eval.Register(&eval.Builtin{Name: name + ".torch_tensor", Formals: []string{"x"}, Fn: func(c *eval.Frame, a []eval.Value) (eval.Value, error) {
			if err := definedArg(a[0]); err != nil {
				return nil, err
			}
			t := a[0].(*Tensor).T
			if t.Dim() <= k {
				if k == 0 {
					return eval.NewDouble1(float64(t.Numel())), nil
				}
				return eval.NewInt1(1), nil
			}
			Runtime(c.In).ReadShape(t, k)
			return eval.NewInt1(int32(t.Shape()[k])), nil
		}})
		extraPages[name+".torch_tensor"] = name + "() of a tensor: base R's " + name + " on dim(x)."
	}
	// length() of a tensor is R torch's prod(dim(x)): a double.
	eval.Register(&eval.Builtin{Name: "length.torch_tensor", Formals: []string{"x"}, Fn: func(c *eval.Frame, a []eval.Value) (eval.Value, error) {
		if err := definedArg(a[0]); err != nil {
			return nil, err
		}
		t := a[0].(*Tensor).T
		Runtime(c.In).ReadShape(t, -1)
		return eval.NewDouble1(float64(t.Numel())), nil
	}})
	extraPages["length.torch_tensor"] = "length() of a tensor: its number of elements, prod(dim(x))."
	registerSummaries()
	// rev() of a tensor is R's rev.default, x[length(x):1L], which R torch
	// indexes along the first dimension.
	eval.Register(&eval.Builtin{Name: "rev.torch_tensor", Formals: []string{"x"}, Fn: func(c *eval.Frame, a []eval.Value) (eval.Value, error) {
		if err := definedArg(a[0]); err != nil {
			return nil, err
		}
		t := a[0].(*Tensor)
		n := int32(t.T.Numel())
		idx := make([]int32, n)
		for i := range idx {
			idx[i] = n - int32(i)
		}
		if n == 0 {
			return t, nil
		}
		return t.Index(c.In, &eval.IndexArgs{Args: []eval.Arg{{Value: eval.NewInt(idx)}}, Env: c.Env})
	}})
	extraPages["rev.torch_tensor"] = "rev() of a tensor: R's rev.default, x[length(x):1L] (indexing the first dimension)."
}

// R torch's Summary methods (R/operators.R): sum and prod take a dim, and
// several arguments combine (sum(x, y) is torch_sum(x) + torch_sum(y));
// max and min of several arguments are their elementwise max/min; mean
// takes a dim. na.rm = TRUE is an error, as in R torch.
func registerSummaries() {
	arg := func(v eval.Value) eval.Arg { return eval.Arg{Value: v} }
	noNA := func(c *eval.Frame, v eval.Value) error {
		if na, err := BoolArg(v); err != nil || na {
			return c.Errorf("Torch tensors do not have NAs!")
		}
		return nil
	}
	for _, r := range []struct{ name, combine string }{{"sum", "torch_add"}, {"prod", "torch_mul"}} {
		r := r
		name := r.name + ".torch_tensor"
		eval.Register(&eval.Builtin{Name: name, Formals: []string{"...", "dim", "keepdim = FALSE", "na.rm = FALSE"}, Fn: func(c *eval.Frame, a []eval.Value) (eval.Value, error) {
			if err := noNA(c, a[3]); err != nil {
				return nil, err
			}
			l := a[0].(*eval.List).V
			if len(l) == 1 {
				if a[1] != nil {
					return CallR(c.In, "torch_"+r.name, arg(l[0]), eval.Arg{Name: "dim", Value: a[1]}, eval.Arg{Name: "keepdim", Value: a[2]})
				}
				return CallR(c.In, "torch_"+r.name, arg(l[0]))
			}
			if a[1] != nil {
				return nil, c.Errorf("missing(dim) is not TRUE")
			}
			var acc eval.Value
			for _, x := range l {
				v, err := CallR(c.In, "torch_"+r.name, arg(x))
				if err != nil {
					return nil, err
				}
				if acc == nil {
					acc = v
				} else if acc, err = CallR(c.In, r.combine, arg(acc), arg(v)); err != nil {
					return nil, err
				}
			}
			return acc, nil
		}})
		extraPages[name] = r.name + "() of tensors: torch_" + r.name + "(x) (a 0-dim tensor), or along dim (keepdim); several tensors are combined."
	}
	for _, r := range []string{"max", "min"} {
		r := r
		name := r + ".torch_tensor"
		eval.Register(&eval.Builtin{Name: name, Formals: []string{"...", "na.rm = FALSE"}, Fn: func(c *eval.Frame, a []eval.Value) (eval.Value, error) {
			if err := noNA(c, a[1]); err != nil {
				return nil, err
			}
			var acc eval.Value
			for _, x := range a[0].(*eval.List).V {
				v, err := CallR(c.In, "torch_"+r, arg(x))
				if err != nil {
					return nil, err
				}
				if acc == nil {
					acc = v
				} else if acc, err = CallR(c.In, "torch_"+r, arg(acc), eval.Arg{Name: "other", Value: v}); err != nil {
					return nil, err
				}
			}
			return acc, nil
		}})
		extraPages[name] = r + "() of tensors: a 0-dim tensor (torch_" + r + "); of several, the " + r + " of their " + r + "s."
	}
	eval.Register(&eval.Builtin{Name: "mean.torch_tensor", Formals: []string{"x", "dim", "keepdim = FALSE", "na.rm = FALSE", "..."}, Fn: func(c *eval.Frame, a []eval.Value) (eval.Value, error) {
		if err := noNA(c, a[3]); err != nil {
			return nil, err
		}
		if a[1] != nil {
			return CallR(c.In, "torch_mean", arg(a[0]), eval.Arg{Name: "dim", Value: a[1]}, eval.Arg{Name: "keepdim", Value: a[2]})
		}
		return CallR(c.In, "torch_mean", arg(a[0]))
	}})
	extraPages["mean.torch_tensor"] = "mean() of a tensor: torch_mean(x), or along dim (keepdim)."
	eval.Register(&eval.Builtin{Name: "cumsum.torch_tensor", Formals: []string{"x"}, Fn: func(c *eval.Frame, a []eval.Value) (eval.Value, error) {
		return CallR(c.In, "torch_cumsum", arg(a[0]), eval.Arg{Name: "dim", Value: eval.NewDouble1(1)})
	}})
	extraPages["cumsum.torch_tensor"] = "cumsum() of a tensor: torch_cumsum(x, dim = 1)."
}

// as.matrix and as.array, when the base library has none yet: generics
// that dispatch (as.matrix.torch_tensor) and otherwise give an R vector a
// dim attribute.
func init() {
	for _, name := range []string{"as.matrix", "as.array"} {
		if eval.LookupBuiltin(name) != nil {
			continue
		}
		name := name
		eval.Register(&eval.Builtin{Name: name, Formals: []string{"x", "..."}, Generic: true, Fn: func(c *eval.Frame, a []eval.Value) (eval.Value, error) {
			if t, ok := a[0].(*Tensor); ok {
				return toR(c.In, t.T)
			}
			v := eval.Copy(a[0])
			h, ok := v.(eval.Attributed)
			if !ok {
				return nil, fmt.Errorf("%s: cannot convert an object of type %s", name, v.TypeName())
			}
			d := eval.Dim(v)
			if name == "as.matrix" && len(d) != 2 || name == "as.array" && len(d) == 0 {
				n := int32(eval.Length(v))
				nm := h.Hdr().Attr("names")
				if name == "as.matrix" {
					h.Hdr().SetAttr("dim", eval.NewInt([]int32{n, 1}))
				} else {
					h.Hdr().SetAttr("dim", eval.NewInt([]int32{n}))
				}
				if nm != nil {
					h.Hdr().SetAttr("names", eval.Null)
					h.Hdr().SetAttr("dimnames", eval.NewList([]eval.Value{nm, eval.Null}[:map[bool]int{true: 2, false: 1}[name == "as.matrix"]], nil))
				}
			}
			return v, nil
		}})
		extraPages[name] = name + "(): an R " + map[bool]string{true: "matrix", false: "array"}[name == "as.matrix"] + " (tensors: their values with the tensor's dims)."
	}
}
