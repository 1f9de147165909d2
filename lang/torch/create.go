package torch

import (
	"fmt"
	"math"

	"torchr/lang/eval"
	"torchr/tensor"
)

var createTail = []string{"names = NULL", "dtype = NULL", "layout = NULL", "device = NULL", "requires_grad = FALSE"}

// sizeDots reads R torch's size arguments: torch_zeros(2, 3),
// torch_zeros(c(2, 3)), torch_zeros(size = c(2, 3)), torch_zeros(list(2, 3)).
func sizeDots(v eval.Value) ([]int, error) {
	l, ok := v.(*eval.List)
	if !ok {
		return IntsArg(v)
	}
	var out []int
	for _, e := range l.V {
		is, err := IntsArg(e)
		if err != nil {
			return nil, err
		}
		out = append(out, is...)
	}
	return out, nil
}

func finish(c *eval.Frame, t *tensor.Tensor, err error, requiresGrad eval.Value) (eval.Value, error) {
	if err != nil {
		return nil, err
	}
	if rg, _ := BoolArg(requiresGrad); rg {
		if err := t.SetRequiresGrad(true); err != nil {
			return nil, err
		}
	}
	return Wrap(t), nil
}

func dtypeOr(v eval.Value, def tensor.DType) (tensor.DType, error) {
	d, ok, err := DTypeArg(v)
	if err != nil {
		return 0, err
	}
	if !ok {
		return def, nil
	}
	return d, nil
}

func checkDevice(v eval.Value) error {
	switch x := v.(type) {
	case *Device:
		if x.Type != "cpu" {
			return fmt.Errorf("device %s is not available (only cpu)", x.Type)
		}
	case *eval.Character:
		if len(x.V) == 1 && x.V[0] != "cpu" {
			return fmt.Errorf("device %s is not available (only cpu)", x.V[0])
		}
	}
	return nil
}

func sizeCreator(name string, mk func(rt *tensor.Runtime, d tensor.DType, size []int) (*tensor.Tensor, error)) *eval.Builtin {
	return &eval.Builtin{Name: name, Formals: append([]string{"..."}, createTail...), Fn: func(c *eval.Frame, a []eval.Value) (eval.Value, error) {
		size, err := sizeDots(a[0])
		if err != nil {
			return nil, err
		}
		d, err := dtypeOr(a[2], defaultFloat(c.In))
		if err != nil {
			return nil, err
		}
		if err := checkDevice(a[4]); err != nil {
			return nil, err
		}
		t, err := mk(Runtime(c.In), d, size)
		return finish(c, t, err, a[5])
	}}
}

func init() {
	eval.KnownPackages["torch"] = true
	eval.RegisterAll(
		&eval.Builtin{Name: "torch_is_installed", Fn: func(c *eval.Frame, a []eval.Value) (eval.Value, error) { return eval.Bool(true), nil }},
		&eval.Builtin{Name: "cuda_is_available", Fn: func(c *eval.Frame, a []eval.Value) (eval.Value, error) { return eval.Bool(false), nil }},
		&eval.Builtin{Name: "cuda_device_count", Fn: func(c *eval.Frame, a []eval.Value) (eval.Value, error) { return eval.NewInt1(0), nil }},
		&eval.Builtin{Name: "torch_manual_seed", Formals: []string{"seed"}, Invisible: true, Fn: func(c *eval.Frame, a []eval.Value) (eval.Value, error) {
			s, err := IntArg(a[0])
			if err != nil {
				return nil, err
			}
			Runtime(c.In).ManualSeed(uint64(int64(s)))
			return eval.Null, nil
		}},
		&eval.Builtin{Name: "torch_set_num_threads", Formals: []string{"num_threads"}, Invisible: true, Fn: func(c *eval.Frame, a []eval.Value) (eval.Value, error) {
			n, err := IntArg(a[0])
			if err != nil {
				return nil, err
			}
			Runtime(c.In).SetThreads(n)
			return eval.Null, nil
		}},
		&eval.Builtin{Name: "torch_get_num_threads", Fn: func(c *eval.Frame, a []eval.Value) (eval.Value, error) {
			return eval.NewInt1(int32(Runtime(c.In).Threads())), nil
		}},
		&eval.Builtin{Name: "torch_device", Formals: []string{"type", "index = NULL"}, Fn: func(c *eval.Frame, a []eval.Value) (eval.Value, error) {
			s, ok := str1(a[0])
			if !ok {
				return nil, fmt.Errorf("type must be a string")
			}
			idx := -1
			if a[1] != nil {
				if _, null := a[1].(*eval.NullType); !null {
					i, err := IntArg(a[1])
					if err != nil {
						return nil, err
					}
					idx = i
				}
			}
			if len(s) > 4 && s[:4] == "cpu:" {
				s, idx = "cpu", int(s[4]-'0')
			}
			return &Device{Type: s, Index: idx}, nil
		}},
		&eval.Builtin{Name: "torch_tensor", Formals: []string{"data", "dtype = NULL", "device = NULL", "requires_grad = FALSE", "pin_memory = FALSE"}, Fn: func(c *eval.Frame, a []eval.Value) (eval.Value, error) {
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
				return nil, fmt.Errorf("argument \"data\" is missing, with no default")
			}
			if dt == nil && defaultFloat(c.In) != tensor.Float32 {
				if _, dbl := a[0].(*eval.Double); dbl {
					d := defaultFloat(c.In)
					dt = &d
				}
			}
			t, err := fromR(c.In, a[0], dt)
			return finish(c, t, err, a[3])
		}},
		&eval.Builtin{Name: "as_array", Formals: []string{"x"}, Fn: func(c *eval.Frame, a []eval.Value) (eval.Value, error) {
			t, ok := a[0].(*Tensor)
			if !ok {
				return nil, fmt.Errorf("as_array: x must be a tensor")
			}
			return t.AsR(c.In)
		}},
		&eval.Builtin{Name: "is_torch_tensor", Formals: []string{"x"}, Fn: func(c *eval.Frame, a []eval.Value) (eval.Value, error) {
			_, ok := a[0].(*Tensor)
			return eval.Bool(ok), nil
		}},
		&eval.Builtin{Name: "is_torch_dtype", Formals: []string{"x"}, Fn: func(c *eval.Frame, a []eval.Value) (eval.Value, error) {
			_, ok := a[0].(*DType)
			return eval.Bool(ok), nil
		}},
		&eval.Builtin{Name: "is_undefined_tensor", Formals: []string{"x"}, Fn: func(c *eval.Frame, a []eval.Value) (eval.Value, error) {
			t, ok := a[0].(*Tensor)
			if !ok {
				return nil, fmt.Errorf("$ operator is invalid for atomic vectors")
			}
			return eval.Bool(t.T == nil), nil
		}},
		// the generator's state as torch.get_rng_state() gives it: a uint8
		// tensor of 5056 bytes (PyTorch's layout, so states can be swapped)
		&eval.Builtin{Name: "torch_get_rng_state", Fn: func(c *eval.Frame, a []eval.Value) (eval.Value, error) {
			b := Runtime(c.In).Generator().State()
			t, err := tensor.FromStorageBytes(tensor.Uint8, b, []int{len(b)}, []int{1}, 0)
			return Wrap(t), err
		}},
		&eval.Builtin{Name: "torch_set_rng_state", Formals: []string{"state"}, Invisible: true, Fn: func(c *eval.Frame, a []eval.Value) (eval.Value, error) {
			t := Unwrap(a[0])
			if t == nil || t.DType() != tensor.Uint8 {
				return nil, fmt.Errorf("`state` must be a uint8 tensor from torch_get_rng_state()")
			}
			vs := t.Float64s()
			b := make([]byte, len(vs))
			for i, v := range vs {
				b[i] = byte(v)
			}
			return eval.Null, Runtime(c.In).Generator().SetState(b)
		}},
		&eval.Builtin{Name: "torch_get_default_dtype", Fn: func(c *eval.Frame, a []eval.Value) (eval.Value, error) {
			return DTypeValue(defaultFloat(c.In)), nil
		}},
		sizeCreator("torch_zeros", func(rt *tensor.Runtime, d tensor.DType, s []int) (*tensor.Tensor, error) { return rt.Zeros(d, s...) }),
		sizeCreator("torch_ones", func(rt *tensor.Runtime, d tensor.DType, s []int) (*tensor.Tensor, error) { return rt.Ones(d, s...) }),
		sizeCreator("torch_empty", func(rt *tensor.Runtime, d tensor.DType, s []int) (*tensor.Tensor, error) { return rt.Zeros(d, s...) }),
		sizeCreator("torch_randn", func(rt *tensor.Runtime, d tensor.DType, s []int) (*tensor.Tensor, error) { return rt.Randn(d, s...) }),
		sizeCreator("torch_rand", func(rt *tensor.Runtime, d tensor.DType, s []int) (*tensor.Tensor, error) { return rt.Rand(d, s...) }),
		&eval.Builtin{Name: "torch_full", Formals: append([]string{"size", "fill_value"}, createTail...), Fn: func(c *eval.Frame, a []eval.Value) (eval.Value, error) {
			size, err := IntsArg(a[0])
			if err != nil {
				return nil, err
			}
			var fill any
			def := defaultFloat(c.In)
			switch x := a[1].(type) {
			case *eval.Integer:
				fill, def = int64(x.V[0]), tensor.Int64
			case *eval.Logical:
				fill, def = x.V[0] != 0, tensor.Bool
			default:
				f, err := FloatArg(a[1])
				if err != nil {
					return nil, err
				}
				fill = f
			}
			d, err := dtypeOr(a[3], def)
			if err != nil {
				return nil, err
			}
			t, err := Runtime(c.In).Full(size, fill, &d)
			return finish(c, t, err, a[6])
		}},
		&eval.Builtin{Name: "torch_arange", Formals: []string{"start = 0L", "end", "step = 1L", "dtype = NULL", "layout = NULL", "device = NULL", "requires_grad = FALSE"}, Fn: func(c *eval.Frame, a []eval.Value) (eval.Value, error) {
			if a[1] == nil {
				return nil, fmt.Errorf("argument \"end\" is missing, with no default")
			}
			allInt := true
			for _, v := range a[:3] {
				if _, ok := v.(*eval.Integer); !ok {
					allInt = false
				}
			}
			start, err := FloatArg(a[0])
			if err != nil {
				return nil, err
			}
			end, err := FloatArg(a[1])
			if err != nil {
				return nil, err
			}
			step, err := FloatArg(a[2])
			if err != nil {
				return nil, err
			}
			if step == 0 {
				return nil, fmt.Errorf("step must be nonzero")
			}
			def := defaultFloat(c.In)
			if allInt {
				def = tensor.Int64
			}
			d, err := dtypeOr(a[3], def)
			if err != nil {
				return nil, err
			}
			// R torch's arange includes end
			n := int(math.Floor((end-start)/step+1e-7)) + 1
			if n < 0 {
				return nil, fmt.Errorf("upper bound and larger bound inconsistent with step sign")
			}
			vals := make([]float64, n)
			for i := range vals {
				vals[i] = start + float64(i)*step
			}
			t, err := tensor.FromFloat64As(d, vals, n)
			return finish(c, t, err, a[6])
		}},
		&eval.Builtin{Name: "torch_eye", Formals: append([]string{"n", "m = NULL"}, createTail[1:]...), Fn: func(c *eval.Frame, a []eval.Value) (eval.Value, error) {
			n, err := IntArg(a[0])
			if err != nil {
				return nil, err
			}
			m := n
			if _, null := a[1].(*eval.NullType); !null {
				if m, err = IntArg(a[1]); err != nil {
					return nil, err
				}
			}
			d, err := dtypeOr(a[2], defaultFloat(c.In))
			if err != nil {
				return nil, err
			}
			outs, err := Runtime(c.In).CallNamed("eye", []any{n, m}, map[string]any{"dtype": d})
			if err != nil {
				return nil, err
			}
			return finish(c, outs[0], nil, a[5])
		}},
		&eval.Builtin{Name: "torch_randint", Formals: append([]string{"low", "high", "size", "generator = NULL"}, createTail...), Fn: func(c *eval.Frame, a []eval.Value) (eval.Value, error) {
			low, err := IntArg(a[0])
			if err != nil {
				return nil, err
			}
			high, err := IntArg(a[1])
			if err != nil {
				return nil, err
			}
			size, err := IntsArg(a[2])
			if err != nil {
				return nil, err
			}
			d, err := dtypeOr(a[5], tensor.Int64)
			if err != nil {
				return nil, err
			}
			outs, err := Runtime(c.In).CallNamed("randint", []any{low, high, size}, map[string]any{"dtype": d})
			if err != nil {
				return nil, err
			}
			return finish(c, outs[0], nil, a[8])
		}},
		&eval.Builtin{Name: "torch_randperm", Formals: append([]string{"n"}, createTail...), Fn: func(c *eval.Frame, a []eval.Value) (eval.Value, error) {
			n, err := IntArg(a[0])
			if err != nil {
				return nil, err
			}
			d, err := dtypeOr(a[2], tensor.Int64)
			if err != nil {
				return nil, err
			}
			outs, err := Runtime(c.In).CallNamed("randperm", []any{n}, map[string]any{"dtype": d})
			if err != nil {
				return nil, err
			}
			return finish(c, outs[0], nil, a[5])
		}},
		&eval.Builtin{Name: "torch_linspace", Formals: append([]string{"start", "end", "steps = 100"}, createTail...), Fn: func(c *eval.Frame, a []eval.Value) (eval.Value, error) {
			s, err1 := FloatArg(a[0])
			e, err2 := FloatArg(a[1])
			n, err3 := IntArg(a[2])
			if err := firstErr(err1, err2, err3); err != nil {
				return nil, err
			}
			d, err := dtypeOr(a[4], defaultFloat(c.In))
			if err != nil {
				return nil, err
			}
			outs, err := Runtime(c.In).CallNamed("linspace", []any{s, e, n}, map[string]any{"dtype": d})
			if err != nil {
				return nil, err
			}
			return finish(c, outs[0], nil, a[7])
		}},
		&eval.Builtin{Name: "torch_logspace", Formals: append([]string{"start", "end", "steps = 100", "base = 10"}, createTail...), Fn: func(c *eval.Frame, a []eval.Value) (eval.Value, error) {
			s, err1 := FloatArg(a[0])
			e, err2 := FloatArg(a[1])
			n, err3 := IntArg(a[2])
			b, err4 := FloatArg(a[3])
			if err := firstErr(err1, err2, err3, err4); err != nil {
				return nil, err
			}
			d, err := dtypeOr(a[5], defaultFloat(c.In))
			if err != nil {
				return nil, err
			}
			outs, err := Runtime(c.In).CallNamed("logspace", []any{s, e, n, b}, map[string]any{"dtype": d})
			if err != nil {
				return nil, err
			}
			return finish(c, outs[0], nil, a[8])
		}},
		&eval.Builtin{Name: "torch_normal", Formals: append([]string{"mean", "std = 1", "size = NULL", "generator = NULL"}, createTail...), Fn: func(c *eval.Frame, a []eval.Value) (eval.Value, error) {
			// a tensor mean or std: one draw per element (normal.Tensor_float,
			// float_Tensor, Tensor_Tensor), shaped like the tensor(s)
			if mt, st := Unwrap(a[0]), Unwrap(a[1]); mt != nil || st != nil {
				var margs [2]any
				for i, v := range a[:2] {
					if t := Unwrap(v); t != nil {
						margs[i] = t
					} else {
						f, err := FloatArg(v)
						if err != nil {
							return nil, err
						}
						margs[i] = f
					}
				}
				outs, err := Runtime(c.In).CallNamed("normal", margs[:], nil)
				if err != nil {
					return nil, err
				}
				return finish(c, outs[0], nil, a[8])
			}
			m, err1 := FloatArg(a[0])
			s, err2 := FloatArg(a[1])
			size, err3 := IntsArg(a[2])
			if err := firstErr(err1, err2, err3); err != nil {
				return nil, err
			}
			d, err := dtypeOr(a[5], defaultFloat(c.In))
			if err != nil {
				return nil, err
			}
			outs, err := Runtime(c.In).CallNamed("normal", []any{m, s, size}, map[string]any{"dtype": d})
			if err != nil {
				return nil, err
			}
			return finish(c, outs[0], nil, a[8])
		}},
	)
	for _, d := range []struct {
		names []string
		d     tensor.DType
	}{
		{[]string{"torch_float", "torch_float32"}, tensor.Float32},
		{[]string{"torch_double", "torch_float64"}, tensor.Float64},
		{[]string{"torch_long", "torch_int64"}, tensor.Int64},
		{[]string{"torch_int", "torch_int32"}, tensor.Int32},
		{[]string{"torch_bool"}, tensor.Bool},
		{[]string{"torch_uint8"}, tensor.Uint8},
	} {
		v := DTypeValue(d.d)
		for _, n := range d.names {
			eval.Register(&eval.Builtin{Name: n, Fn: func(c *eval.Frame, a []eval.Value) (eval.Value, error) { return v, nil }})
		}
	}
}

func firstErr(errs ...error) error {
	for _, e := range errs {
		if e != nil {
			return e
		}
	}
	return nil
}

func init() {
	eval.Register(&eval.Builtin{Name: "str.torch_tensor", Formals: []string{"object", "..."}, Invisible: true, Fn: func(c *eval.Frame, a []eval.Value) (eval.Value, error) {
		t, ok := a[0].(*Tensor)
		if !ok {
			return nil, fmt.Errorf("not a tensor")
		}
		if t.T == nil {
			return nil, errUndefined(0, "self")
		}
		fmt.Fprintln(c.In.Stdout, StrText(t.T))
		return eval.Null, nil
	}})
	extraPages["str.torch_tensor"] = "str() of a tensor: its dtype and dims, e.g. Float [1:10, 1:10]."
}

func init() {
	asR := func(name string) *eval.Builtin {
		return &eval.Builtin{Name: name, Formals: []string{"x", "..."}, Fn: func(c *eval.Frame, a []eval.Value) (eval.Value, error) {
			t, ok := a[0].(*Tensor)
			if !ok {
				return nil, fmt.Errorf("not a tensor")
			}
			if t.T == nil {
				return nil, errUndefined(0, "self")
			}
			v, err := toR(c.In, t.T)
			if err != nil {
				return nil, err
			}
			if name == "as.vector.torch_tensor" {
				if h, ok := v.(eval.Attributed); ok {
					h.Hdr().SetAttr("dim", eval.Null)
				}
			}
			if name == "as.matrix.torch_tensor" && t.T.Dim() != 2 {
				h := v.(eval.Attributed).Hdr()
				h.SetAttr("dim", eval.NewInt([]int32{int32(t.T.Numel()), 1}))
			}
			return v, nil
		}}
	}
	eval.RegisterAll(asR("as.vector.torch_tensor"), asR("as.array.torch_tensor"), asR("as.matrix.torch_tensor"),
		&eval.Builtin{Name: "print.torch_tensor", Formals: []string{"x", "n = 30", "..."}, Invisible: true, Fn: func(c *eval.Frame, a []eval.Value) (eval.Value, error) {
			t, ok := a[0].(*Tensor)
			if !ok {
				return nil, fmt.Errorf("not a tensor")
			}
			n, err := IntArg(a[1])
			if err != nil {
				return nil, err
			}
			fmt.Fprint(c.In.Stdout, printText(t.T, n))
			return a[0], nil
		}})
	extraPages["as.vector.torch_tensor"] = "as.vector() of a tensor: its values as an R vector."
	extraPages["as.array.torch_tensor"] = "as.array() of a tensor: an R array with the tensor's dims."
	extraPages["as.matrix.torch_tensor"] = "as.matrix() of a tensor."
	extraPages["print.torch_tensor"] = "Prints a tensor as R torch does; n limits the lines (n = -1: all)."
}
