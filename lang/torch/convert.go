package torch

import (
	"fmt"
	"math"

	"torchr/lang/eval"
	"torchr/tensor"
)

// fromR builds a tensor from an R vector/matrix/array the way R torch does:
// doubles are Float, integers Long, logicals Bool; an array with dim d is
// laid out as a tensor of dims rev(d) and permuted, so x[i, j] in R is
// x[i, j] in torch.
func fromR(in *eval.Interp, v eval.Value, dt *tensor.DType) (*tensor.Tensor, error) {
	var t *tensor.Tensor
	var err error
	dims := eval.Dim(v)
	n := eval.Length(v)
	shape := []int{n}
	if len(dims) >= 2 {
		shape = make([]int, len(dims))
		for i := range dims {
			shape[i] = dims[len(dims)-1-i]
		}
	}
	switch x := v.(type) {
	case *eval.Double:
		want := tensor.Float32
		if dt != nil {
			want = *dt
		}
		t, err = tensor.FromFloat64As(want, x.V, shape...)
	case *eval.Integer:
		d := make([]int64, len(x.V))
		for i, y := range x.V {
			d[i] = int64(y)
		}
		t, err = tensor.FromInt64(d, shape...)
	case *eval.Logical:
		d := make([]bool, len(x.V))
		for i, y := range x.V {
			d[i] = y != 0
		}
		t, err = tensor.FromBool(d, shape...)
	case *eval.NullType:
		t, err = tensor.FromFloat64As(tensor.Float32, nil, 0)
	case *eval.List:
		// a list of R scalars: a vector; a list of tensors: stacked
		allScalar := len(x.V) > 0
		for _, e := range x.V {
			switch e.(type) {
			case *eval.Double, *eval.Integer, *eval.Logical:
				allScalar = allScalar && eval.Length(e) == 1
			default:
				allScalar = false
			}
		}
		if allScalar {
			u, err := in.CallFunction("unlist", []eval.Arg{{Value: x}}, nil)
			if err != nil {
				return nil, err
			}
			return fromR(in, u, dt)
		}
		ts := make([]*tensor.Tensor, len(x.V))
		for i, e := range x.V {
			if ts[i], err = AsTensor(in, e, nil); err != nil {
				return nil, err
			}
		}
		if len(ts) == 0 {
			return tensor.FromFloat64As(tensor.Float32, nil, 0)
		}
		t, err = Runtime(in).Stack(ts, 0)
	case *Tensor:
		t, err = Runtime(in).Clone(x.T)
		if err == nil {
			t = t.Detach()
		}
	default:
		return nil, fmt.Errorf("cannot convert an object of type %s to a tensor", v.TypeName())
	}
	if err != nil {
		return nil, err
	}
	rt := Runtime(in)
	if len(dims) >= 2 {
		perm := make([]int, len(dims))
		for i := range perm {
			perm[i] = len(dims) - 1 - i
		}
		if t, err = rt.Permute(t, perm...); err != nil {
			return nil, err
		}
		if t, err = rt.Contiguous(t); err != nil {
			return nil, err
		}
	}
	if dt != nil && t.DType() != *dt {
		t, err = rt.To(t, *dt)
	}
	return t, err
}

// toR converts a tensor to an R vector (1-D, 0-D) or array (dims kept,
// element [i, j] of the tensor at [i, j] of the array).
func toR(in *eval.Interp, t *tensor.Tensor) (eval.Value, error) {
	rt := Runtime(in)
	rt.ReadValue(t, "list")
	shape := t.Shape()
	src := t
	if len(shape) >= 2 {
		perm := make([]int, len(shape))
		for i := range perm {
			perm[i] = len(shape) - 1 - i
		}
		var err error
		if src, err = rt.Permute(t.Detach(), perm...); err != nil {
			return nil, err
		}
	}
	var out eval.Value
	switch t.DType() {
	case tensor.Float32, tensor.Float64:
		out = eval.NewDouble(src.Float64s())
	case tensor.Bool:
		bs := src.Bools()
		l := make([]int32, len(bs))
		for i, b := range bs {
			if b {
				l[i] = 1
			}
		}
		out = eval.NewLgl(l)
	default:
		is := src.Int64s()
		o := make([]int32, len(is))
		for i, x := range is {
			if x > math.MaxInt32 || x < -math.MaxInt32 {
				o[i] = eval.NAInt
			} else {
				o[i] = int32(x)
			}
		}
		out = eval.NewInt(o)
	}
	if len(shape) >= 2 {
		d := make([]int32, len(shape))
		for i, s := range shape {
			d[i] = int32(s)
		}
		out.(eval.Attributed).Hdr().SetAttr("dim", eval.NewInt(d))
	}
	return out, nil
}

// AsR converts the tensor for as.numeric, as.vector, as.array.
func (t *Tensor) AsR(in *eval.Interp) (eval.Value, error) {
	if t.T == nil {
		return nil, errUndefined(0, "self")
	}
	return toR(in, t.T)
}

// Length is the number of elements (length(x)).
func (t *Tensor) Length() int {
	if t.T == nil {
		return 0
	}
	return t.T.Numel()
}
