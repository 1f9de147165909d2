package torch

// nn_init_*: torch.nn.init's formulas (PyTorch 1.13), drawing from the
// session generator in the same order, so seeded weights equal PyTorch's.

import (
	"fmt"
	"math"

	"torchr/lang/eval"
	"torchr/tensor"
)

func fans(t *tensor.Tensor) (int, int, error) {
	sh := t.Shape()
	if len(sh) < 2 {
		return 0, 0, fmt.Errorf("Fan in and fan out can not be computed for tensor with fewer than 2 dimensions")
	}
	rf := 1
	for _, s := range sh[2:] {
		rf *= s
	}
	return sh[1] * rf, sh[0] * rf, nil
}

func calculateGain(nonlinearity string, param eval.Value) (float64, error) {
	switch nonlinearity {
	case "linear", "conv1d", "conv2d", "conv3d", "conv_transpose1d", "conv_transpose2d", "conv_transpose3d", "sigmoid":
		return 1, nil
	case "tanh":
		return 5.0 / 3, nil
	case "relu":
		return math.Sqrt(2.0), nil
	case "leaky_relu":
		slope := 0.01
		if !isNull(param) {
			f, err := FloatArg(param)
			if err != nil {
				return 0, err
			}
			slope = f
		}
		return math.Sqrt(2.0 / (1 + slope*slope)), nil
	case "selu":
		return 3.0 / 4, nil
	}
	return 0, fmt.Errorf("Unsupported nonlinearity %s", nonlinearity)
}

// initFn makes an nn_init_* function: it fills tensor without recording
// gradients and returns it visibly (R torch's end in with_no_grad(tensor$...),
// so nn_init_normal_(w) at top level prints w).
func initFn(name string, formals []string, fn func(c *eval.Frame, rt *tensor.Runtime, t *tensor.Tensor, a []eval.Value) error) *eval.Builtin {
	return &eval.Builtin{Name: name, Formals: append([]string{"tensor"}, formals...), Fn: func(c *eval.Frame, a []eval.Value) (eval.Value, error) {
		t := Unwrap(a[0])
		if t == nil {
			return nil, fmt.Errorf("`tensor` must be a tensor")
		}
		rt := Runtime(c.In)
		if err := rt.NoGrad(func() error { return fn(c, rt, t, a[1:]) }); err != nil {
			return nil, err
		}
		return a[0], nil
	}}
}

func uniform_(rt *tensor.Runtime, t *tensor.Tensor, lo, hi float64) error {
	_, err := rt.Call("uniform_", t, lo, hi)
	return err
}

func normal_(rt *tensor.Runtime, t *tensor.Tensor, mean, std float64) error {
	_, err := rt.Call("normal_", t, mean, std)
	return err
}

func kaimingStd(t *tensor.Tensor, a []eval.Value) (float64, error) {
	fi, fo, err := fans(t)
	if err != nil {
		return 0, err
	}
	mode, _ := str1(a[1])
	fan := fi
	switch mode {
	case "fan_in":
	case "fan_out":
		fan = fo
	default:
		return 0, fmt.Errorf("Mode %s not supported, please use one of fan_in, fan_out", mode)
	}
	nl, _ := str1(a[2])
	gain, err := calculateGain(nl, a[0])
	if err != nil {
		return 0, err
	}
	return gain / math.Sqrt(float64(fan)), nil
}

func init() {
	kformals := []string{"a = 0", "mode = \"fan_in\"", "nonlinearity = \"leaky_relu\""}
	eval.RegisterAll(
		initFn("nn_init_uniform_", []string{"a = 0", "b = 1"}, func(c *eval.Frame, rt *tensor.Runtime, t *tensor.Tensor, a []eval.Value) error {
			lo, err := FloatArg(a[0])
			if err != nil {
				return err
			}
			hi, err := FloatArg(a[1])
			if err != nil {
				return err
			}
			return uniform_(rt, t, lo, hi)
		}),
		initFn("nn_init_normal_", []string{"mean = 0", "std = 1"}, func(c *eval.Frame, rt *tensor.Runtime, t *tensor.Tensor, a []eval.Value) error {
			m, err := FloatArg(a[0])
			if err != nil {
				return err
			}
			s, err := FloatArg(a[1])
			if err != nil {
				return err
			}
			return normal_(rt, t, m, s)
		}),
		initFn("nn_init_constant_", []string{"val"}, func(c *eval.Frame, rt *tensor.Runtime, t *tensor.Tensor, a []eval.Value) error {
			v, err := FloatArg(a[0])
			if err != nil {
				return err
			}
			return rt.Fill_(t, v)
		}),
		initFn("nn_init_zeros_", nil, func(c *eval.Frame, rt *tensor.Runtime, t *tensor.Tensor, a []eval.Value) error {
			return rt.Zero_(t)
		}),
		initFn("nn_init_ones_", nil, func(c *eval.Frame, rt *tensor.Runtime, t *tensor.Tensor, a []eval.Value) error {
			return rt.Fill_(t, 1.0)
		}),
		initFn("nn_init_eye_", nil, func(c *eval.Frame, rt *tensor.Runtime, t *tensor.Tensor, a []eval.Value) error {
			if t.Dim() != 2 {
				return fmt.Errorf("Only tensors with 2 dimensions are supported")
			}
			e, err := call1(rt, "eye", []any{t.Shape()[0], t.Shape()[1]}, map[string]any{"dtype": t.DType()})
			if err != nil {
				return err
			}
			return rt.Copy_(t, e)
		}),
		initFn("nn_init_kaiming_uniform_", kformals, func(c *eval.Frame, rt *tensor.Runtime, t *tensor.Tensor, a []eval.Value) error {
			std, err := kaimingStd(t, a)
			if err != nil {
				return err
			}
			bound := math.Sqrt(3.0) * std
			return uniform_(rt, t, -bound, bound)
		}),
		initFn("nn_init_kaiming_normal_", kformals, func(c *eval.Frame, rt *tensor.Runtime, t *tensor.Tensor, a []eval.Value) error {
			std, err := kaimingStd(t, a)
			if err != nil {
				return err
			}
			return normal_(rt, t, 0, std)
		}),
		initFn("nn_init_xavier_uniform_", []string{"gain = 1"}, func(c *eval.Frame, rt *tensor.Runtime, t *tensor.Tensor, a []eval.Value) error {
			fi, fo, err := fans(t)
			if err != nil {
				return err
			}
			g, err := FloatArg(a[0])
			if err != nil {
				return err
			}
			std := g * math.Sqrt(2.0/float64(fi+fo))
			b := math.Sqrt(3.0) * std
			return uniform_(rt, t, -b, b)
		}),
		initFn("nn_init_xavier_normal_", []string{"gain = 1"}, func(c *eval.Frame, rt *tensor.Runtime, t *tensor.Tensor, a []eval.Value) error {
			fi, fo, err := fans(t)
			if err != nil {
				return err
			}
			g, err := FloatArg(a[0])
			if err != nil {
				return err
			}
			return normal_(rt, t, 0, g*math.Sqrt(2.0/float64(fi+fo)))
		}),
		initFn("nn_init_orthogonal_", []string{"gain = 1"}, func(c *eval.Frame, rt *tensor.Runtime, t *tensor.Tensor, a []eval.Value) error {
			if t.Dim() < 2 {
				return fmt.Errorf("Only tensors with 2 or more dimensions are supported")
			}
			g, err := FloatArg(a[0])
			if err != nil {
				return err
			}
			rows := t.Shape()[0]
			cols := t.Numel() / rows
			flat, err := rt.Randn(t.DType(), rows, cols)
			if err != nil {
				return err
			}
			if rows < cols {
				if flat, err = rt.T(flat); err != nil {
					return err
				}
			}
			qr, err := rt.Call("linalg_qr", flat, "reduced")
			if err != nil {
				return err
			}
			d, err := call1(rt, "diagonal", []any{qr[1], 0, 0, 1}, nil)
			if err != nil {
				return err
			}
			ph, err := call1(rt, "sign", []any{d}, nil)
			if err != nil {
				return err
			}
			q, err := rt.Mul(qr[0], ph)
			if err != nil {
				return err
			}
			if rows < cols {
				if q, err = rt.T(q); err != nil {
					return err
				}
			}
			if q, err = rt.Reshape(q, t.Shape()...); err != nil {
				return err
			}
			if q, err = rt.Mul(q, g); err != nil {
				return err
			}
			return rt.Copy_(t, q)
		}),
		&eval.Builtin{Name: "nn_init_calculate_gain", Formals: []string{"nonlinearity", "param = NULL"}, Fn: func(c *eval.Frame, a []eval.Value) (eval.Value, error) {
			s, _ := str1(a[0])
			g, err := calculateGain(s, a[1])
			if err != nil {
				return nil, err
			}
			return eval.NewDouble1(g), nil
		}},
		&eval.Builtin{Name: ".nn_fan_in", Formals: []string{"tensor"}, Fn: func(c *eval.Frame, a []eval.Value) (eval.Value, error) {
			t := Unwrap(a[0])
			if t == nil {
				return nil, fmt.Errorf("`tensor` must be a tensor")
			}
			fi, _, err := fans(t)
			if err != nil {
				return nil, err
			}
			return eval.NewDouble1(float64(fi)), nil
		}},
		&eval.Builtin{Name: "nn_utils_clip_grad_norm_", Formals: []string{"parameters", "max_norm", "norm_type = 2"}, Fn: clipGradNorm},
	)
}

// clipGradNorm is torch.nn.utils.clip_grad_norm_ (1.13): the total norm of
// the norms of the gradients; gradients scaled by max_norm/(total+1e-6)
// clamped to 1.
func clipGradNorm(c *eval.Frame, a []eval.Value) (eval.Value, error) {
	rt := Runtime(c.In)
	var ps []*tensor.Tensor
	if t := Unwrap(a[0]); t != nil {
		ps = []*tensor.Tensor{t}
	} else {
		var err error
		if ps, err = tensorList(c.In, a[0]); err != nil {
			return nil, err
		}
	}
	maxNorm, err := FloatArg(a[1])
	if err != nil {
		return nil, err
	}
	normType, err := FloatArg(a[2])
	if err != nil {
		return nil, err
	}
	var total *tensor.Tensor
	err = rt.NoGrad(func() error {
		var norms []*tensor.Tensor
		for _, p := range ps {
			if g := p.Grad(); g != nil {
				var n *tensor.Tensor
				var err error
				if math.IsInf(normType, 1) {
					ab, err := rt.Unary("abs", g)
					if err != nil {
						return err
					}
					n, err = call1(rt, "amax", []any{ab}, nil)
					if err != nil {
						return err
					}
				} else if n, err = call1(rt, "norm", []any{g, normType}, nil); err != nil {
					return err
				}
				norms = append(norms, n)
			}
		}
		if len(norms) == 0 {
			total = tensor.ScalarTensor(0, tensor.Float32)
			return nil
		}
		st, err := rt.Stack(norms, 0)
		if err != nil {
			return err
		}
		if math.IsInf(normType, 1) {
			total, err = call1(rt, "amax", []any{st}, nil)
		} else {
			total, err = call1(rt, "norm", []any{st, normType}, nil)
		}
		if err != nil {
			return err
		}
		den, err := rt.Add(total, 1e-6, tensor.Int(1))
		if err != nil {
			return err
		}
		coef, err := rt.Div(tensor.ScalarTensor(maxNorm, total.DType()), den, "")
		if err != nil {
			return err
		}
		coef, err = rt.Clamp(coef, nil, 1.0)
		if err != nil {
			return err
		}
		for _, p := range ps {
			if g := p.Grad(); g != nil {
				if _, err := rt.Call("mul_", g, coef); err != nil {
					return err
				}
			}
		}
		return nil
	})
	if err != nil {
		return nil, err
	}
	return Wrap(total), nil
}
