package torch

// nnf_*: R torch's functional interface (R/nnf-*.R) on the core's ops.

import (
	"fmt"

	"torchr/lang/eval"
	"torchr/tensor"
)

type nnfFn func(c *eval.Frame, rt *tensor.Runtime, a []eval.Value) (*tensor.Tensor, error)

func nnf(name string, formals []string, fn nnfFn) *eval.Builtin {
	return &eval.Builtin{Name: name, Formals: formals, Fn: func(c *eval.Frame, a []eval.Value) (eval.Value, error) {
		t, err := fn(c, Runtime(c.In), a)
		if err != nil {
			return nil, err
		}
		return Wrap(t), nil
	}}
}

func tArg(c *eval.Frame, v eval.Value, what string) (*tensor.Tensor, error) {
	if v == nil {
		return nil, fmt.Errorf("argument \"%s\" is missing, with no default", what)
	}
	return AsTensor(c.In, v, nil)
}

// optT is a tensor or nil for NULL.
func optT(c *eval.Frame, v eval.Value) (*tensor.Tensor, error) {
	if v == nil {
		return nil, nil
	}
	if _, ok := v.(*eval.NullType); ok {
		return nil, nil
	}
	return AsTensor(c.In, v, nil)
}

func isNull(v eval.Value) bool {
	if v == nil {
		return true
	}
	_, ok := v.(*eval.NullType)
	return ok
}

// ntuple reads an int or int vector and expands a single value to n.
func ntuple(v eval.Value, n int) ([]int, error) {
	is, err := IntsArg(v)
	if err != nil {
		return nil, err
	}
	if len(is) == 1 && n > 1 {
		o := make([]int, n)
		for i := range o {
			o[i] = is[0]
		}
		return o, nil
	}
	return is, nil
}

func reductionArg(v eval.Value) (int, error) {
	s := "mean"
	if c, ok := v.(*eval.Character); ok && len(c.V) >= 1 {
		s = c.V[0]
	}
	switch s {
	case "none":
		return 0, nil
	case "mean":
		return 1, nil
	case "sum":
		return 2, nil
	}
	return 0, fmt.Errorf("%s is not a valid value for reduction", s)
}

func call1(rt *tensor.Runtime, op string, pos []any, named map[string]any) (*tensor.Tensor, error) {
	outs, err := rt.CallNamed(op, pos, named)
	if err != nil {
		return nil, err
	}
	return outs[0], nil
}

func unaryNnf(name, op string, extra ...string) *eval.Builtin {
	formals := append([]string{"input"}, extra...)
	return nnf(name, formals, func(c *eval.Frame, rt *tensor.Runtime, a []eval.Value) (*tensor.Tensor, error) {
		x, err := tArg(c, a[0], "input")
		if err != nil {
			return nil, err
		}
		for i, f := range extra {
			if f == "inplace = FALSE" {
				if b, _ := BoolArg(a[i+1]); b {
					if _, ok := tensor.LookupOp(op + "_"); ok {
						return call1(rt, op+"_", []any{x}, nil)
					}
					// no in-place kernel (selu): compute, then copy into x
					r, err := call1(rt, op, []any{x}, nil)
					if err != nil {
						return nil, err
					}
					if err := rt.Copy_(x, r); err != nil {
						return nil, err
					}
					return x, nil
				}
			}
		}
		return call1(rt, op, []any{x}, nil)
	})
}

// lossTarget converts R torch's 1-based class targets to 0-based.
func classTarget(rt *tensor.Runtime, t *tensor.Tensor) (*tensor.Tensor, error) {
	if t.DType() == tensor.Float32 || t.DType() == tensor.Float64 {
		return t, nil
	}
	return rt.Sub(t, int64(1), tensor.Int(1))
}

func convNnf(name, op string, nd int, transposed bool) *eval.Builtin {
	formals := []string{"input", "weight", "bias = NULL", "stride = 1", "padding = 0", "dilation = 1", "groups = 1"}
	if transposed {
		formals = []string{"input", "weight", "bias = NULL", "stride = 1", "padding = 0", "output_padding = 0", "groups = 1", "dilation = 1"}
	}
	return nnf(name, formals, func(c *eval.Frame, rt *tensor.Runtime, a []eval.Value) (*tensor.Tensor, error) {
		x, err := tArg(c, a[0], "input")
		if err != nil {
			return nil, err
		}
		w, err := tArg(c, a[1], "weight")
		if err != nil {
			return nil, err
		}
		b, err := optT(c, a[2])
		if err != nil {
			return nil, err
		}
		stride, err := ntuple(a[3], nd)
		if err != nil {
			return nil, err
		}
		if s, ok := str1(a[4]); ok && !transposed {
			dil, err := ntuple(a[5], nd)
			if err != nil {
				return nil, err
			}
			g, err := IntArg(a[6])
			if err != nil {
				return nil, err
			}
			return call1(rt, op+".padding", []any{x, w, b, stride, s, dil, g}, nil)
		}
		pad, err := ntuple(a[4], nd)
		if err != nil {
			return nil, err
		}
		if transposed {
			opad, err := ntuple(a[5], nd)
			if err != nil {
				return nil, err
			}
			g, err := IntArg(a[6])
			if err != nil {
				return nil, err
			}
			dil, err := ntuple(a[7], nd)
			if err != nil {
				return nil, err
			}
			return call1(rt, op, []any{x, w, b, stride, pad, opad, g, dil}, nil)
		}
		dil, err := ntuple(a[5], nd)
		if err != nil {
			return nil, err
		}
		g, err := IntArg(a[6])
		if err != nil {
			return nil, err
		}
		return call1(rt, op, []any{x, w, b, stride, pad, dil, g}, nil)
	})
}

// poolWindow converts the kernel_size, stride and padding arguments of a
// pooling function to nd-tuples; a NULL stride defaults to the kernel size,
// as in R torch.
func poolWindow(kernel, stride, padding eval.Value, nd int) (k, st, pad []int, err error) {
	if k, err = ntuple(kernel, nd); err != nil {
		return nil, nil, nil, err
	}
	st = k
	if !isNull(stride) {
		if st, err = ntuple(stride, nd); err != nil {
			return nil, nil, nil, err
		}
	}
	if pad, err = ntuple(padding, nd); err != nil {
		return nil, nil, nil, err
	}
	return k, st, pad, nil
}

func maxPoolNnf(name string, nd int) *eval.Builtin {
	return &eval.Builtin{Name: name, Formals: []string{"input", "kernel_size", "stride = NULL", "padding = 0", "dilation = 1", "ceil_mode = FALSE", "return_indices = FALSE"},
		Fn: func(c *eval.Frame, a []eval.Value) (eval.Value, error) {
			rt := Runtime(c.In)
			x, err := tArg(c, a[0], "input")
			if err != nil {
				return nil, err
			}
			k, stride, pad, err := poolWindow(a[1], a[2], a[3], nd)
			if err != nil {
				return nil, err
			}
			dil, err := ntuple(a[4], nd)
			if err != nil {
				return nil, err
			}
			ceil, err := BoolArg(a[5])
			if err != nil {
				return nil, err
			}
			ri, err := BoolArg(a[6])
			if err != nil {
				return nil, err
			}
			op := fmt.Sprintf("max_pool%dd", nd)
			if ri {
				outs, err := rt.CallNamed(op+"_with_indices", []any{x, k, stride, pad, dil, ceil}, nil)
				if err != nil {
					return nil, err
				}
				idx, err := rt.Add(outs[1], int64(1), tensor.Int(1))
				if err != nil {
					return nil, err
				}
				return eval.NewList([]eval.Value{Wrap(outs[0]), Wrap(idx)}, nil), nil
			}
			o, err := call1(rt, op, []any{x, k, stride, pad, dil, ceil}, nil)
			if err != nil {
				return nil, err
			}
			return Wrap(o), nil
		}}
}

func avgPoolNnf(name string, nd int) *eval.Builtin {
	return nnf(name, []string{"input", "kernel_size", "stride = NULL", "padding = 0", "ceil_mode = FALSE", "count_include_pad = TRUE", "divisor_override = NULL"},
		func(c *eval.Frame, rt *tensor.Runtime, a []eval.Value) (*tensor.Tensor, error) {
			x, err := tArg(c, a[0], "input")
			if err != nil {
				return nil, err
			}
			k, stride, pad, err := poolWindow(a[1], a[2], a[3], nd)
			if err != nil {
				return nil, err
			}
			ceil, err := BoolArg(a[4])
			if err != nil {
				return nil, err
			}
			cip, err := BoolArg(a[5])
			if err != nil {
				return nil, err
			}
			pos := []any{x, k, stride, pad, ceil, cip}
			if nd == 2 {
				var div any
				if !isNull(a[6]) {
					d, err := IntArg(a[6])
					if err != nil {
						return nil, err
					}
					div = d
				}
				pos = append(pos, div)
			}
			return call1(rt, fmt.Sprintf("avg_pool%dd", nd), pos, nil)
		})
}

func lossNnf(name, op string, extra ...string) *eval.Builtin {
	formals := append([]string{"input", "target", "reduction = \"mean\""}, extra...)
	return nnf(name, formals, func(c *eval.Frame, rt *tensor.Runtime, a []eval.Value) (*tensor.Tensor, error) {
		x, err := tArg(c, a[0], "input")
		if err != nil {
			return nil, err
		}
		y, err := tArg(c, a[1], "target")
		if err != nil {
			return nil, err
		}
		r, err := reductionArg(a[2])
		if err != nil {
			return nil, err
		}
		pos := []any{x, y, r}
		for i := range extra {
			f, err := FloatArg(a[3+i])
			if err != nil {
				return nil, err
			}
			pos = append(pos, f)
		}
		return call1(rt, op, pos, nil)
	})
}

func init() {
	eval.RegisterAll(
		nnf("nnf_linear", []string{"input", "weight", "bias = NULL"}, func(c *eval.Frame, rt *tensor.Runtime, a []eval.Value) (*tensor.Tensor, error) {
			x, err := tArg(c, a[0], "input")
			if err != nil {
				return nil, err
			}
			w, err := tArg(c, a[1], "weight")
			if err != nil {
				return nil, err
			}
			b, err := optT(c, a[2])
			if err != nil {
				return nil, err
			}
			return rt.Linear(x, w, b)
		}),
		nnf("nnf_bilinear", []string{"input1", "input2", "weight", "bias = NULL"}, func(c *eval.Frame, rt *tensor.Runtime, a []eval.Value) (*tensor.Tensor, error) {
			x1, err := tArg(c, a[0], "input1")
			if err != nil {
				return nil, err
			}
			x2, err := tArg(c, a[1], "input2")
			if err != nil {
				return nil, err
			}
			w, err := tArg(c, a[2], "weight")
			if err != nil {
				return nil, err
			}
			o, err := rt.Einsum("...i,oij,...j->...o", x1, w, x2)
			if err != nil {
				return nil, err
			}
			b, err := optT(c, a[3])
			if err != nil || b == nil {
				return o, err
			}
			return rt.Add(o, b, tensor.Int(1))
		}),
		unaryNnf("nnf_relu", "relu", "inplace = FALSE"),
		unaryNnf("nnf_relu6", "relu6", "inplace = FALSE"),
		unaryNnf("nnf_silu", "silu", "inplace = FALSE"),
		unaryNnf("nnf_selu", "selu", "inplace = FALSE"),
		unaryNnf("nnf_sigmoid", "sigmoid"),
		unaryNnf("nnf_tanh", "tanh"),
		unaryNnf("nnf_mish", "mish"),
		nnf("nnf_leaky_relu", []string{"input", "negative_slope = 0.01", "inplace = FALSE"}, func(c *eval.Frame, rt *tensor.Runtime, a []eval.Value) (*tensor.Tensor, error) {
			x, err := tArg(c, a[0], "input")
			if err != nil {
				return nil, err
			}
			s, err := FloatArg(a[1])
			if err != nil {
				return nil, err
			}
			op := "leaky_relu"
			if b, _ := BoolArg(a[2]); b {
				op += "_"
			}
			return call1(rt, op, []any{x, s}, nil)
		}),
		nnf("nnf_elu", []string{"input", "alpha = 1", "inplace = FALSE"}, func(c *eval.Frame, rt *tensor.Runtime, a []eval.Value) (*tensor.Tensor, error) {
			x, err := tArg(c, a[0], "input")
			if err != nil {
				return nil, err
			}
			s, err := FloatArg(a[1])
			if err != nil {
				return nil, err
			}
			op := "elu"
			if b, _ := BoolArg(a[2]); b {
				op += "_"
			}
			return call1(rt, op, []any{x, s}, nil)
		}),
		nnf("nnf_gelu", []string{"input", "approximate = \"none\""}, func(c *eval.Frame, rt *tensor.Runtime, a []eval.Value) (*tensor.Tensor, error) {
			x, err := tArg(c, a[0], "input")
			if err != nil {
				return nil, err
			}
			s, _ := str1(a[1])
			return call1(rt, "gelu", []any{x}, map[string]any{"approximate": s})
		}),
		nnf("nnf_softplus", []string{"input", "beta = 1", "threshold = 20"}, func(c *eval.Frame, rt *tensor.Runtime, a []eval.Value) (*tensor.Tensor, error) {
			x, err := tArg(c, a[0], "input")
			if err != nil {
				return nil, err
			}
			b, err := FloatArg(a[1])
			if err != nil {
				return nil, err
			}
			th, err := FloatArg(a[2])
			if err != nil {
				return nil, err
			}
			return call1(rt, "softplus", []any{x, b, th}, nil)
		}),
		softmaxNnf("nnf_softmax", "softmax"),
		softmaxNnf("nnf_log_softmax", "log_softmax"),
		nnf("nnf_dropout", []string{"input", "p = 0.5", "training = TRUE", "inplace = FALSE"}, func(c *eval.Frame, rt *tensor.Runtime, a []eval.Value) (*tensor.Tensor, error) {
			x, err := tArg(c, a[0], "input")
			if err != nil {
				return nil, err
			}
			p, err := FloatArg(a[1])
			if err != nil {
				return nil, err
			}
			if p < 0 || p > 1 {
				return nil, fmt.Errorf("dropout probability has to be between 0 and 1, but got %g", p)
			}
			tr, err := BoolArg(a[2])
			if err != nil {
				return nil, err
			}
			return rt.Dropout(x, p, tr)
		}),
		convNnf("nnf_conv1d", "conv1d", 1, false),
		convNnf("nnf_conv2d", "conv2d", 2, false),
		convNnf("nnf_conv_transpose1d", "conv_transpose1d.input", 1, true),
		convNnf("nnf_conv_transpose2d", "conv_transpose2d.input", 2, true),
		maxPoolNnf("nnf_max_pool1d", 1),
		maxPoolNnf("nnf_max_pool2d", 2),
		avgPoolNnf("nnf_avg_pool1d", 1),
		avgPoolNnf("nnf_avg_pool2d", 2),
		nnf("nnf_adaptive_avg_pool1d", []string{"input", "output_size"}, func(c *eval.Frame, rt *tensor.Runtime, a []eval.Value) (*tensor.Tensor, error) {
			x, err := tArg(c, a[0], "input")
			if err != nil {
				return nil, err
			}
			s, err := ntuple(a[1], 1)
			if err != nil {
				return nil, err
			}
			return call1(rt, "adaptive_avg_pool1d", []any{x, s}, nil)
		}),
		nnf("nnf_adaptive_avg_pool2d", []string{"input", "output_size"}, func(c *eval.Frame, rt *tensor.Runtime, a []eval.Value) (*tensor.Tensor, error) {
			x, err := tArg(c, a[0], "input")
			if err != nil {
				return nil, err
			}
			s, err := ntuple(a[1], 2)
			if err != nil {
				return nil, err
			}
			return call1(rt, "adaptive_avg_pool2d", []any{x, s}, nil)
		}),
		nnf("nnf_batch_norm", []string{"input", "running_mean", "running_var", "weight = NULL", "bias = NULL", "training = FALSE", "momentum = 0.1", "eps = 1e-05"},
			func(c *eval.Frame, rt *tensor.Runtime, a []eval.Value) (*tensor.Tensor, error) {
				x, err := tArg(c, a[0], "input")
				if err != nil {
					return nil, err
				}
				var ts [4]*tensor.Tensor
				for i := range ts {
					if ts[i], err = optT(c, a[1+i]); err != nil {
						return nil, err
					}
				}
				tr, err := BoolArg(a[5])
				if err != nil {
					return nil, err
				}
				mom, err := FloatArg(a[6])
				if err != nil {
					return nil, err
				}
				eps, err := FloatArg(a[7])
				if err != nil {
					return nil, err
				}
				return call1(rt, "batch_norm", []any{x, ts[2], ts[3], ts[0], ts[1], tr, mom, eps, false}, nil)
			}),
		nnf("nnf_layer_norm", []string{"input", "normalized_shape", "weight = NULL", "bias = NULL", "eps = 1e-05"},
			func(c *eval.Frame, rt *tensor.Runtime, a []eval.Value) (*tensor.Tensor, error) {
				x, err := tArg(c, a[0], "input")
				if err != nil {
					return nil, err
				}
				ns, err := IntsArg(a[1])
				if err != nil {
					return nil, err
				}
				w, err := optT(c, a[2])
				if err != nil {
					return nil, err
				}
				b, err := optT(c, a[3])
				if err != nil {
					return nil, err
				}
				eps, err := FloatArg(a[4])
				if err != nil {
					return nil, err
				}
				return call1(rt, "layer_norm", []any{x, ns, w, b, eps}, nil)
			}),
		nnf("nnf_group_norm", []string{"input", "num_groups", "weight = NULL", "bias = NULL", "eps = 1e-05"},
			func(c *eval.Frame, rt *tensor.Runtime, a []eval.Value) (*tensor.Tensor, error) {
				x, err := tArg(c, a[0], "input")
				if err != nil {
					return nil, err
				}
				g, err := IntArg(a[1])
				if err != nil {
					return nil, err
				}
				w, err := optT(c, a[2])
				if err != nil {
					return nil, err
				}
				b, err := optT(c, a[3])
				if err != nil {
					return nil, err
				}
				eps, err := FloatArg(a[4])
				if err != nil {
					return nil, err
				}
				return call1(rt, "group_norm", []any{x, g, w, b, eps}, nil)
			}),
		nnf("nnf_embedding", []string{"input", "weight", "padding_idx = NULL", "max_norm = NULL", "norm_type = 2", "scale_grad_by_freq = FALSE", "sparse = FALSE"},
			func(c *eval.Frame, rt *tensor.Runtime, a []eval.Value) (*tensor.Tensor, error) {
				x, err := tArg(c, a[0], "input")
				if err != nil {
					return nil, err
				}
				w, err := tArg(c, a[1], "weight")
				if err != nil {
					return nil, err
				}
				idx, err := rt.Sub(x, int64(1), tensor.Int(1))
				if err != nil {
					return nil, err
				}
				pad := -1
				if !isNull(a[2]) {
					p, err := IntArg(a[2])
					if err != nil {
						return nil, err
					}
					pad = p - 1
				}
				sg, _ := BoolArg(a[5])
				return call1(rt, "embedding", []any{w, idx, pad, sg, false}, nil)
			}),
		lossNnf("nnf_mse_loss", "mse_loss"),
		lossNnf("nnf_l1_loss", "l1_loss"),
		lossNnf("nnf_smooth_l1_loss", "smooth_l1_loss", "beta = 1"),
		lossNnf("nnf_huber_loss", "huber_loss", "delta = 1"),
		nnf("nnf_kl_div", []string{"input", "target", "reduction = \"mean\"", "log_target = FALSE"}, func(c *eval.Frame, rt *tensor.Runtime, a []eval.Value) (*tensor.Tensor, error) {
			x, err := tArg(c, a[0], "input")
			if err != nil {
				return nil, err
			}
			y, err := tArg(c, a[1], "target")
			if err != nil {
				return nil, err
			}
			rs, _ := str1(a[2])
			lt, _ := BoolArg(a[3])
			if rs == "batchmean" {
				o, err := call1(rt, "kl_div", []any{x, y, 2}, map[string]any{"log_target": lt})
				if err != nil {
					return nil, err
				}
				return rt.Div(o, float64(x.Shape()[0]), "")
			}
			r, err := reductionArg(a[2])
			if err != nil {
				return nil, err
			}
			return call1(rt, "kl_div", []any{x, y, r}, map[string]any{"log_target": lt})
		}),
		nnf("nnf_cross_entropy", []string{"input", "target", "weight = NULL", "ignore_index = -100", "reduction = \"mean\""}, classLoss("cross_entropy")),
		nnf("nnf_nll_loss", []string{"input", "target", "weight = NULL", "ignore_index = -100", "reduction = \"mean\""}, classLoss("nll_loss_nd")),
		nnf("nnf_binary_cross_entropy", []string{"input", "target", "weight = NULL", "reduction = \"mean\""}, func(c *eval.Frame, rt *tensor.Runtime, a []eval.Value) (*tensor.Tensor, error) {
			x, err := tArg(c, a[0], "input")
			if err != nil {
				return nil, err
			}
			y, err := tArg(c, a[1], "target")
			if err != nil {
				return nil, err
			}
			w, err := optT(c, a[2])
			if err != nil {
				return nil, err
			}
			r, err := reductionArg(a[3])
			if err != nil {
				return nil, err
			}
			return call1(rt, "binary_cross_entropy", []any{x, y, w, r}, nil)
		}),
		nnf("nnf_binary_cross_entropy_with_logits", []string{"input", "target", "weight = NULL", "reduction = \"mean\"", "pos_weight = NULL"}, func(c *eval.Frame, rt *tensor.Runtime, a []eval.Value) (*tensor.Tensor, error) {
			x, err := tArg(c, a[0], "input")
			if err != nil {
				return nil, err
			}
			y, err := tArg(c, a[1], "target")
			if err != nil {
				return nil, err
			}
			w, err := optT(c, a[2])
			if err != nil {
				return nil, err
			}
			r, err := reductionArg(a[3])
			if err != nil {
				return nil, err
			}
			pw, err := optT(c, a[4])
			if err != nil {
				return nil, err
			}
			return call1(rt, "binary_cross_entropy_with_logits", []any{x, y, w, pw, r}, nil)
		}),
	)
}

func classLoss(op string) nnfFn {
	return func(c *eval.Frame, rt *tensor.Runtime, a []eval.Value) (*tensor.Tensor, error) {
		x, err := tArg(c, a[0], "input")
		if err != nil {
			return nil, err
		}
		y, err := tArg(c, a[1], "target")
		if err != nil {
			return nil, err
		}
		if y, err = classTarget(rt, y); err != nil {
			return nil, err
		}
		w, err := optT(c, a[2])
		if err != nil {
			return nil, err
		}
		ii, err := IntArg(a[3])
		if err != nil {
			return nil, err
		}
		if ii > 0 {
			ii--
		}
		r, err := reductionArg(a[4])
		if err != nil {
			return nil, err
		}
		return call1(rt, op, []any{x, y, w, r, ii}, nil)
	}
}

func softmaxNnf(name, op string) *eval.Builtin {
	return nnf(name, []string{"input", "dim = NULL", "dtype = NULL"}, func(c *eval.Frame, rt *tensor.Runtime, a []eval.Value) (*tensor.Tensor, error) {
		x, err := tArg(c, a[0], "input")
		if err != nil {
			return nil, err
		}
		var d int
		if isNull(a[1]) {
			// PyTorch's legacy implicit dim: 0 for 0/1/3-d inputs, else 1.
			switch x.Dim() {
			case 0, 1, 3:
				d = 0
			default:
				d = 1
			}
		} else {
			i, err := IntArg(a[1])
			if err != nil {
				return nil, err
			}
			if d, err = DimArg(i); err != nil {
				return nil, err
			}
		}
		var dt any
		if t, ok, err := DTypeArg(a[2]); err != nil {
			return nil, err
		} else if ok {
			dt = t
		}
		return call1(rt, op, []any{x, d, dt}, nil)
	})
}
