package torch

import (
	"fmt"

	"torchr/lang/eval"
	"torchr/tensor"
)

// autograd_function: custom differentiable functions written in R. Each
// call runs one core op, aten::r_autograd_function, whose kernel calls
// the R forward (grad mode off) and whose backward formula calls the R
// backward with ctx; the call's record travels in the op's arguments
// (an "Any" parameter), so it lives exactly as long as the graph.

// rCall is one call of an autograd_function.
type rCall struct {
	in      *eval.Interp
	fn      *rFunction
	args    []eval.Arg // tensor arguments replaced at kernel time
	tensorI []int      // positions in args of the tensor inputs
	ctx     *eval.Env
}

type rFunction struct {
	forward, backward eval.Value
}

func (f *rFunction) TypeName() string { return "closure" }
func (f *rFunction) Class() []string  { return []string{"autograd_function", "function"} }
func (f *rFunction) PrintText(in *eval.Interp) (string, error) {
	return "<autograd_function>\n", nil
}

var opRFunction = tensor.Register(tensor.OpDef{
	Schema: "r_autograd_function(Tensor[] inputs, Any call) -> Tensor[]",
	GradFn: "torch::autograd::LanternNode", // R torch's node (lantern)
	Kernel: func(rt *tensor.Runtime, a tensor.Args) ([]*tensor.Tensor, error) {
		rc, ok := a[1].(*rCall)
		if !ok {
			return nil, fmt.Errorf("r_autograd_function: bad call record")
		}
		ins := a.Ts(0)
		args := make([]eval.Arg, 0, len(rc.args)+1)
		args = append(args, eval.Arg{Name: "ctx", Value: rc.ctx})
		for i, x := range rc.args {
			args = append(args, x)
			_ = i
		}
		for k, pos := range rc.tensorI {
			args[pos+1].Value = Wrap(ins[k])
		}
		v, err := rc.in.Apply(rc.fn.forward, args, nil, nil)
		if err != nil {
			return nil, err
		}
		ts, err := tensorList(rc.in, v)
		if err != nil {
			return nil, fmt.Errorf("forward must return a tensor or a list of tensors")
		}
		out := make([]*tensor.Tensor, len(ts))
		for i, t := range ts {
			out[i] = t.Detach() // a fresh tensor object over the same data
		}
		return out, nil
	},
	Backward: func(c *tensor.BackwardCtx, grads []*tensor.Tensor) ([]*tensor.Tensor, error) {
		rc := c.Args[1].(*rCall)
		in := rc.in
		var g eval.Value
		if len(grads) == 1 {
			g = gradOrZeros(c, grads, 0)
		} else {
			vs := make([]eval.Value, len(grads))
			for i := range grads {
				vs[i] = gradOrZeros(c, grads, i)
			}
			g = eval.NewList(vs, nil)
		}
		// R torch passes the output gradient(s) as the second argument
		v, err := in.Apply(rc.fn.backward, []eval.Arg{{Value: rc.ctx}, {Value: g}}, nil, nil)
		if err != nil {
			return nil, err
		}
		out := make([]*tensor.Tensor, len(rc.tensorI))
		l, isList := v.(*eval.List)
		if !isList {
			if t, ok := v.(*Tensor); ok && len(out) == 1 {
				out[0] = t.T
				return out, nil
			}
			return nil, fmt.Errorf("backward must return a list of gradients, one per input")
		}
		names := eval.Names(l)
		for k, pos := range rc.tensorI {
			name := rc.args[pos].Name
			var gv eval.Value
			if names != nil && name != "" {
				for j, n := range names {
					if n == name {
						gv = l.V[j]
					}
				}
			} else if k < len(l.V) {
				gv = l.V[k]
			}
			switch t := gv.(type) {
			case *Tensor:
				out[k] = t.T
			case nil, *eval.NullType:
				// no gradient for this input
			default:
				return nil, fmt.Errorf("backward returned a %s as the gradient of `%s`: gradients must be tensors (or NULL)", eval.ImplicitClass(gv)[0], name)
			}
		}
		return out, nil
	},
})

func gradOrZeros(c *tensor.BackwardCtx, grads []*tensor.Tensor, i int) eval.Value {
	if grads[i] != nil {
		return Wrap(grads[i])
	}
	z, err := c.RT.Zeros(c.Outputs[i].DType(), c.Outputs[i].Shape()...)
	if err != nil {
		return eval.Null
	}
	return Wrap(z)
}

// Call runs the function: tensor arguments become the op's inputs.
func (f *rFunction) Call(in *eval.Interp, c *eval.Frame, args []eval.Arg) (eval.Value, error) {
	rc := &rCall{in: in, fn: f, ctx: eval.NewEnv(in.Base)}
	// name positional arguments after forward's formals (after ctx)
	var params []string
	if cl, ok := f.forward.(*eval.Closure); ok {
		for _, p := range cl.Params {
			params = append(params, p.Name)
		}
	}
	used := map[string]bool{"ctx": true}
	for _, a := range args {
		if a.Name != "" {
			used[a.Name] = true
		}
	}
	next := 0
	var ins []*tensor.Tensor
	var needs []eval.Value
	var needNames []string
	for _, a := range args {
		v := a.Value
		if p, ok := v.(*eval.Promise); ok {
			fv, err := in.Force(p)
			if err != nil {
				return nil, err
			}
			v = fv
		}
		name := a.Name
		if name == "" {
			for next < len(params) && (used[params[next]] || params[next] == "...") {
				next++
			}
			if next < len(params) {
				name = params[next]
				used[name] = true
				next++
			}
		}
		rc.args = append(rc.args, eval.Arg{Name: name, Value: v, Expr: a.Expr})
		if t, ok := v.(*Tensor); ok {
			rc.tensorI = append(rc.tensorI, len(rc.args)-1)
			ins = append(ins, t.T)
			needs = append(needs, eval.Bool(t.T.RequiresGrad()))
			needNames = append(needNames, name)
		}
	}
	ctx := rc.ctx
	ctx.Assign("needs_input_grad", eval.NewList(needs, needNames))
	ctx.Assign("saved_variables", eval.NewList(nil, nil))
	ctx.Assign("save_for_backward", &eval.Builtin{Name: "save_for_backward", Formals: []string{"..."}, Invisible: true, Fn: func(c *eval.Frame, a []eval.Value) (eval.Value, error) {
		ctx.Assign("saved_variables", a[0])
		return eval.Null, nil
	}})
	ctx.Assign("mark_dirty", &eval.Builtin{Name: "mark_dirty", Formals: []string{"..."}, Invisible: true, Fn: func(c *eval.Frame, a []eval.Value) (eval.Value, error) { return eval.Null, nil }})
	ctx.Assign("mark_non_differentiable", &eval.Builtin{Name: "mark_non_differentiable", Formals: []string{"..."}, Invisible: true, Fn: func(c *eval.Frame, a []eval.Value) (eval.Value, error) { return eval.Null, nil }})
	outs, err := Runtime(in).CallOp(opRFunction, []any{ins, rc}, nil)
	if err != nil {
		return nil, err
	}
	if len(outs) == 1 {
		return Wrap(outs[0]), nil
	}
	vs := make([]eval.Value, len(outs))
	for i, t := range outs {
		vs[i] = Wrap(t)
	}
	return eval.NewList(vs, nil), nil
}

func init() {
	eval.Register(&eval.Builtin{Name: "autograd_function", Formals: []string{"forward", "backward"}, Fn: func(c *eval.Frame, a []eval.Value) (eval.Value, error) {
		if a[0] == nil || a[1] == nil {
			return nil, fmt.Errorf("autograd_function needs forward and backward")
		}
		return &rFunction{forward: a[0], backward: a[1]}, nil
	}})
	extraPages["autograd_function"] = "Defines a differentiable function in R: forward(ctx, ...) computes the result (ctx$save_for_backward(...) keeps tensors, read back as ctx$saved_variables); backward(ctx, grad_output) returns a named list with one gradient per tensor input."
}
