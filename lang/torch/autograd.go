package torch

import (
	"fmt"

	"torchr/lang/eval"
	"torchr/tensor"
)

func tensorList(in *eval.Interp, v eval.Value) ([]*tensor.Tensor, error) {
	switch x := v.(type) {
	case nil, *eval.NullType:
		return nil, nil
	case *Tensor:
		return []*tensor.Tensor{x.T}, nil
	case *eval.List:
		out := make([]*tensor.Tensor, len(x.V))
		for i, e := range x.V {
			if _, null := e.(*eval.NullType); null {
				continue
			}
			t, err := AsTensor(in, e, nil)
			if err != nil {
				return nil, err
			}
			out[i] = t
		}
		return out, nil
	}
	return nil, fmt.Errorf("expected a tensor or a list of tensors")
}

func init() {
	withGrad := func(name string, on bool) *eval.Builtin {
		return &eval.Builtin{Name: name, Formals: []string{"code"}, Special: true, Fn: func(c *eval.Frame, a []eval.Value) (eval.Value, error) {
			rt := Runtime(c.In)
			old := rt.SetGradEnabled(on)
			defer rt.SetGradEnabled(old)
			return c.Force(a[0])
		}}
	}
	eval.RegisterAll(
		withGrad("with_no_grad", false),
		withGrad("with_enable_grad", true),
		&eval.Builtin{Name: "torch_is_grad_enabled", Fn: func(c *eval.Frame, a []eval.Value) (eval.Value, error) {
			return eval.Bool(Runtime(c.In).GradEnabled()), nil
		}},
		&eval.Builtin{Name: "autograd_set_grad_mode", Formals: []string{"enabled"}, Invisible: true, Fn: func(c *eval.Frame, a []eval.Value) (eval.Value, error) {
			b, err := BoolArg(a[0])
			if err != nil {
				return nil, err
			}
			Runtime(c.In).SetGradEnabled(b)
			return eval.Null, nil
		}},
		&eval.Builtin{Name: "autograd_backward", Formals: []string{"tensors", "grad_tensors = NULL", "retain_graph = NULL", "create_graph = FALSE", "inputs = NULL"}, Invisible: true, Fn: func(c *eval.Frame, a []eval.Value) (eval.Value, error) {
			ts, err := tensorList(c.In, a[0])
			if err != nil {
				return nil, err
			}
			gs, err := tensorList(c.In, a[1])
			if err != nil {
				return nil, err
			}
			create, _ := BoolArg(a[3])
			retain := create
			if _, null := a[2].(*eval.NullType); !null && a[2] != nil {
				retain, _ = BoolArg(a[2])
			}
			rt := Runtime(c.In)
			for i, t := range ts {
				var g *tensor.Tensor
				if i < len(gs) {
					g = gs[i]
				}
				r := retain || i < len(ts)-1
				if err := rt.Backward(t, g, r, create); err != nil {
					return nil, err
				}
			}
			return eval.Null, nil
		}},
		&eval.Builtin{Name: "autograd_grad", Formals: []string{"outputs", "inputs", "grad_outputs = NULL", "retain_graph = NULL", "create_graph = FALSE", "allow_unused = FALSE"}, Fn: func(c *eval.Frame, a []eval.Value) (eval.Value, error) {
			outs, err := tensorList(c.In, a[0])
			if err != nil {
				return nil, err
			}
			ins, err := tensorList(c.In, a[1])
			if err != nil {
				return nil, err
			}
			gos, err := tensorList(c.In, a[2])
			if err != nil {
				return nil, err
			}
			if len(gos) == 0 {
				gos = nil
			}
			create, _ := BoolArg(a[4])
			retain := create
			if _, null := a[3].(*eval.NullType); !null && a[3] != nil {
				retain, _ = BoolArg(a[3])
			}
			unused, _ := BoolArg(a[5])
			gr, err := Runtime(c.In).Grad(outs, ins, gos, tensor.GradOptions{RetainGraph: retain || create, CreateGraph: create, AllowUnused: unused})
			if err != nil {
				return nil, err
			}
			vs := make([]eval.Value, len(gr))
			for i, g := range gr {
				if g == nil {
					vs[i] = Wrap(nil)
				} else {
					vs[i] = Wrap(g)
				}
			}
			return eval.NewList(vs, nil), nil
		}},
	)
	extraPages["with_no_grad"] = "Evaluates code with gradient recording off."
	extraPages["with_enable_grad"] = "Evaluates code with gradient recording on."
	extraPages["torch_is_grad_enabled"] = "TRUE when gradients are being recorded."
	extraPages["autograd_set_grad_mode"] = "Turns gradient recording on or off."
	extraPages["autograd_backward"] = "Accumulates the gradients of tensors (sums of) into the leaves' $grad."
	extraPages["autograd_grad"] = "Computes and returns the gradients of outputs with respect to inputs, as a list."
}
