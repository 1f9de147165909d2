package torch

import (
	"fmt"

	"torchr/lang/eval"
	"torchr/tensor"
)

// scalarOrTensor converts the other operand of an operator: tensors stay,
// single R numbers become Go scalars (PyTorch's wrapped numbers: they do
// not promote a tensor within its category), other R vectors become tensors.
func scalarOrTensor(in *eval.Interp, v eval.Value) (any, bool, error) {
	switch x := v.(type) {
	case *Tensor:
		if x.T == nil {
			return nil, false, errUndefined(1, "other")
		}
		return x.T, true, nil
	case *eval.Double:
		if len(x.V) == 1 && eval.Dim(x) == nil {
			return x.V[0], true, nil
		}
	case *eval.Integer:
		if len(x.V) == 1 && eval.Dim(x) == nil {
			return int64(x.V[0]), true, nil
		}
	case *eval.Logical:
		if len(x.V) == 1 && eval.Dim(x) == nil {
			return x.V[0] != 0, true, nil
		}
	default:
		return nil, false, nil
	}
	t, err := fromR(in, v, nil)
	return t, err == nil, err
}

var binOps = map[string]string{
	"+": "add", "-": "sub", "*": "mul", "/": "div", "^": "pow", "%%": "remainder",
	"==": "eq", "!=": "ne", "<": "lt", ">": "gt", "<=": "le", ">=": "ge",
	"&": "logical_and", "|": "logical_or", "%*%": "matmul",
}

// Binary implements the R operators on tensors, with R numbers on either side.
func (t *Tensor) Binary(in *eval.Interp, op string, other eval.Value, side eval.Side) (eval.Value, error) {
	if _, known := binOps[op]; !known && op != "%/%" {
		return nil, nil // e.g. ":": R's own rules (via as.numeric)
	}
	if t.T == nil {
		return nil, errUndefined(0, "self")
	}
	o, ok, err := scalarOrTensor(in, other)
	if err != nil || !ok {
		return nil, err
	}
	rt := Runtime(in)
	var a, b any = t.T, o
	if side == eval.Right {
		a, b = o, t.T
	}
	var r *tensor.Tensor
	at, aIsT := a.(*tensor.Tensor)
	switch op {
	case "+":
		if aIsT {
			r, err = rt.Add(at, b, tensor.Int(1))
		} else {
			r, err = rt.Add(b.(*tensor.Tensor), a, tensor.Int(1))
		}
	case "-":
		if aIsT {
			r, err = rt.Sub(at, b, tensor.Int(1))
		} else {
			var outs []*tensor.Tensor
			outs, err = rt.Call("rsub", b, a)
			if err == nil {
				r = outs[0]
			}
		}
	case "*":
		if aIsT {
			r, err = rt.Mul(at, b)
		} else {
			r, err = rt.Mul(b.(*tensor.Tensor), a)
		}
	case "%/%":
		var outs []*tensor.Tensor
		outs, err = rt.CallNamed("div", []any{a, b}, map[string]any{"rounding_mode": "floor"})
		if err == nil {
			r = outs[0]
		}
	default:
		name, ok := binOps[op]
		if !ok {
			return nil, fmt.Errorf("operator %s is not defined for tensors", op)
		}
		var outs []*tensor.Tensor
		outs, err = rt.Call(name, a, b)
		if err == nil {
			r = outs[0]
		}
	}
	if err != nil {
		return nil, err
	}
	return &Tensor{T: r}, nil
}

// Unary implements -x, +x and !x.
func (t *Tensor) Unary(in *eval.Interp, op string) (eval.Value, error) {
	if t.T == nil {
		return nil, errUndefined(0, "self")
	}
	rt := Runtime(in)
	switch op {
	case "-":
		r, err := rt.Neg(t.T)
		if err != nil {
			return nil, err
		}
		return &Tensor{T: r}, nil
	case "+":
		return t, nil
	case "!":
		outs, err := rt.Call("logical_not", t.T)
		if err != nil {
			return nil, err
		}
		return &Tensor{T: outs[0]}, nil
	}
	return nil, nil
}
