package torch

import (
	"fmt"

	"torchr/lang/eval"
	"torchr/lang/syntax"
	"torchr/tensor"
)

// R torch's withr-style helpers and the session's default dtype.

type defaultDTypeKey struct{}

// defaultFloat is the session's default floating dtype
// (torch_set_default_dtype), float32 unless changed.
func defaultFloat(in *eval.Interp) tensor.DType {
	if d, ok := in.Local[defaultDTypeKey{}].(tensor.DType); ok {
		return d
	}
	return tensor.Float32
}

// localGrad is local_no_grad / local_enable_grad: it sets the grad mode
// and restores the previous one when the function it was called from (or
// the one whose environment is .env) returns. At top level the mode stays
// set.
func localGrad(name string, on bool) *eval.Builtin {
	return &eval.Builtin{Name: name, Formals: []string{".env = parent.frame()"}, Special: true, Invisible: true, Fn: func(c *eval.Frame, a []eval.Value) (eval.Value, error) {
		env := c.CallerEnv
		if a[0] != nil {
			v, err := c.Force(a[0])
			if err != nil {
				return nil, err
			}
			e, ok := v.(*eval.Env)
			if !ok {
				return nil, c.Errorf("'.env' must be an environment")
			}
			env = e
		}
		rt := Runtime(c.In)
		old := rt.SetGradEnabled(on)
		restore := &eval.Builtin{Name: name, Fn: func(*eval.Frame, []eval.Value) (eval.Value, error) {
			rt.SetGradEnabled(old)
			return eval.Null, nil
		}}
		c.In.OnExit(env, &syntax.Call{Fn: &syntax.Value{V: restore}}, false)
		return eval.Null, nil
	}}
}

func init() {
	eval.RegisterAll(
		localGrad("local_no_grad", false),
		localGrad("local_enable_grad", true),
		&eval.Builtin{Name: "torch_set_default_dtype", Formals: []string{"d"}, Invisible: true, Fn: func(c *eval.Frame, a []eval.Value) (eval.Value, error) {
			d, ok, err := DTypeArg(a[0])
			if err != nil {
				return nil, err
			}
			if !ok || d != tensor.Float32 && d != tensor.Float64 {
				return nil, fmt.Errorf("only floating-point types are supported as the default type")
			}
			c.In.Local[defaultDTypeKey{}] = d
			return eval.Null, nil
		}},
		&eval.Builtin{Name: "torch_scalar_tensor", Formals: []string{"value", "dtype = NULL", "device = NULL", "requires_grad = FALSE"}, Fn: func(c *eval.Frame, a []eval.Value) (eval.Value, error) {
			var dt *tensor.DType
			if d, ok, err := DTypeArg(a[1]); err != nil {
				return nil, err
			} else if ok {
				dt = &d
			}
			if err := checkDevice(a[2]); err != nil {
				return nil, err
			}
			if a[0] == nil {
				return nil, fmt.Errorf("argument \"value\" is missing, with no default")
			}
			if dt == nil {
				if _, dbl := a[0].(*eval.Double); dbl {
					d := defaultFloat(c.In)
					dt = &d
				}
			}
			t, err := AsTensor(c.In, a[0], dt)
			if err != nil {
				return nil, err
			}
			if t.Numel() != 1 {
				return nil, fmt.Errorf("values should have length 1, got %d", t.Numel())
			}
			t, err = Runtime(c.In).Reshape(t)
			return finish(c, t, err, a[3])
		}},
	)
	extraPages["local_no_grad"] = "Turns gradient recording off until the calling function returns (withr style; .env chooses the function)."
	extraPages["local_enable_grad"] = "Turns gradient recording on until the calling function returns (withr style; .env chooses the function)."
	extraPages["torch_set_default_dtype"] = "Sets the session's default floating dtype (torch_float() or torch_double()) used by torch_tensor() on doubles and the creation functions."
	extraPages["torch_scalar_tensor"] = "A 0-dim tensor holding one value."
}
