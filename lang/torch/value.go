// Package torch is R torch (mlverse/torch) on torchr's tensor core: the
// tensor value of the language, torch_* functions generated from the core's
// op schemas, tensor $ methods, operators, R torch indexing, printing in
// libtorch's format, autograd from R (including autograd_function) and a
// small testthat (test_that, expect_*, skip_if; lang.RunTests runs a
// directory of test-*.tr files for `torchr test DIR`).
//
// # Go API for other packages (nn_module, optimizers, datasets)
//
//   - *Tensor is the language value of a tensor (class torch_tensor, R7):
//     Wrap(t) makes one, Unwrap(v) gets the core tensor back (nil if v is
//     not a tensor), AsTensor(in, v, dtype) also converts R numbers,
//     vectors and arrays as torch_tensor() does.
//   - Runtime(in) is the session's *tensor.Runtime (created on first use,
//     one per Interp): call ops with it (rt.Call, rt.CallNamed, typed
//     wrappers) from any builtin via c.In.
//   - R-side argument helpers: DimArg (R torch dim: 1-based, negative from
//     the end -> 0-based), IntsArg / IntArg (sizes), FloatArg, BoolArg,
//     DTypeArg (a dtype object or a name).
//   - Call(in, op, pos, named) runs a core op and wraps its outputs; CallR
//     calls a registered builtin (torch_add, ...) with R arguments, so R
//     torch's argument conventions (1-based dims, index shifts) apply.
//   - *DType (torch_float() ...), *Device (torch_device("cpu")), *GradFn
//     (x$grad_fn) are the other values; FormatTensor is libtorch's text,
//     StrText the "Float [1:10, 1:10]" summary.
//   - Stats(in) are the session's testthat counts.
//
// # Conventions
//
// torch_<op> exists for every op of the core (tensor.Ops()), with the
// union of the overloads' argument names as formals; the overload is
// chosen from the names and types supplied. Arguments named dim, dims,
// dim0, dim1, start_dim, end_dim are 1-based; index arguments of gather,
// scatter, index_select, index_add/copy/fill, take, select and narrow's
// start are 1-based; index outputs (argmax, argmin, argsort, nonzero, and
// the indices of max, min, median, mode, sort, topk) are 1-based. Every op
// whose first argument is self is also a $ method. Creation functions
// (torch_zeros, torch_randn, torch_arange — end included —, ...) are written
// by hand with R torch's size/dtype arguments.
package torch

import (
	"fmt"
	"math"
	"strings"

	"torchr/lang/eval"
	"torchr/tensor"
)

// Tensor is a torch tensor as a language value (class torch_tensor, R7).
type Tensor struct {
	T *tensor.Tensor
}

// Wrap makes the language value of t (nil stays nil → NULL).
func Wrap(t *tensor.Tensor) eval.Value {
	if t == nil {
		return eval.Null
	}
	return &Tensor{T: t}
}

// undefinedTensor is R torch's undefined tensor (libtorch's Tensor()):
// what x$grad is before any backward. It prints as "[ Tensor (undefined) ]"
// and every operation on it is an error, as in R torch.
func undefinedTensor() *Tensor { return &Tensor{} }

// Undefined reports whether t is the undefined tensor.
func (t *Tensor) Undefined() bool { return t.T == nil }

// errUndefined is libtorch's error for an undefined tensor given to an
// operation (argument k, 0-based as libtorch counts).
func errUndefined(k int, name string) error {
	return fmt.Errorf("Expected a proper Tensor but got None (or an undefined Tensor in C++) for argument #%d '%s'", k, name)
}

// definedArg is the error for an undefined tensor given as the self
// argument of a tensor method.
func definedArg(v eval.Value) error {
	if t, ok := v.(*Tensor); ok && t.T == nil {
		return errUndefined(0, "self")
	}
	return nil
}

// Unwrap returns the core tensor of a tensor value, or nil.
func Unwrap(v eval.Value) *tensor.Tensor {
	if t, ok := v.(*Tensor); ok {
		return t.T
	}
	return nil
}

func (t *Tensor) TypeName() string { return "externalptr" }

// Class is R torch's class vector.
func (t *Tensor) Class() []string { return []string{"torch_tensor", "R7"} }

type rtKey struct{}

// Runtime returns the session's tensor runtime, creating it on first use.
func Runtime(in *eval.Interp) *tensor.Runtime {
	if rt, ok := in.Local[rtKey{}].(*tensor.Runtime); ok {
		return rt
	}
	rt := tensor.NewRuntime()
	if in.Local == nil {
		in.Local = map[any]any{}
	}
	in.Local[rtKey{}] = rt
	return rt
}

// DType is a dtype value (prints torch_Float).
type DType struct{ D tensor.DType }

func (d *DType) TypeName() string                           { return "externalptr" }
func (d *DType) Class() []string                            { return []string{"torch_dtype", "R7"} }
func (d *DType) String() string                             { return "torch_" + d.D.ScalarTypeName() }
func (d *DType) Length() int                                { return 1 }
func (d *DType) PrintText(in *eval.Interp) (string, error)  { return d.String() + "\n", nil }
func (d *DType) FormatText(in *eval.Interp) (string, error) { return d.String(), nil }

// Dollar gives R torch's dtype fields: is_floating_point.
func (d *DType) Dollar(in *eval.Interp, name string) (eval.Value, error) {
	switch name {
	case "is_floating_point":
		return eval.Bool(d.D.IsFloat()), nil
	}
	return nil, fmt.Errorf("$ operator is invalid for a dtype: no member '%s'", name)
}
func (d *DType) DollarNames() []string { return []string{"is_floating_point"} }
func (d *DType) Binary(in *eval.Interp, op string, other eval.Value, side eval.Side) (eval.Value, error) {
	o, ok := other.(*DType)
	if !ok {
		return nil, nil
	}
	switch op {
	case "==":
		return eval.Bool(o.D == d.D), nil
	case "!=":
		return eval.Bool(o.D != d.D), nil
	}
	return nil, nil
}

var dtypeValues = [...]*DType{{tensor.Bool}, {tensor.Uint8}, {tensor.Int32}, {tensor.Int64}, {tensor.Float32}, {tensor.Float64}}

// DTypeValue returns the canonical value of d (so identical() holds
// between x$dtype and torch_float()).
func DTypeValue(d tensor.DType) *DType {
	if int(d) < len(dtypeValues) {
		return dtypeValues[d]
	}
	return &DType{d}
}

// Device is a device value; only "cpu" exists.
type Device struct {
	Type  string
	Index int // -1: none
}

func (d *Device) TypeName() string { return "externalptr" }
func (d *Device) Class() []string  { return []string{"torch_device", "R7"} }
func (d *Device) PrintText(in *eval.Interp) (string, error) {
	if d.Index >= 0 {
		return fmt.Sprintf("torch_device(type='%s', index=%d)\n", d.Type, d.Index), nil
	}
	return fmt.Sprintf("torch_device(type='%s')\n", d.Type), nil
}
func (d *Device) Dollar(in *eval.Interp, name string) (eval.Value, error) {
	switch name {
	case "type":
		return eval.NewStr1(d.Type), nil
	case "index":
		if d.Index < 0 {
			return eval.Null, nil
		}
		return eval.NewInt1(int32(d.Index)), nil
	}
	return eval.Null, nil
}
func (d *Device) DollarNames() []string { return []string{"type", "index"} }

var cpuDevice = &Device{Type: "cpu", Index: -1}

// DimArg converts an R torch dimension (1-based; negative counts from the
// end, -1 the last) to the core's 0-based convention.
func DimArg(d int) (int, error) {
	if d == 0 {
		return 0, fmt.Errorf("Indexing starts at 1 but found a 0.")
	}
	if d > 0 {
		return d - 1, nil
	}
	return d, nil
}

// IntsArg reads an R numeric vector (or NULL) as Go ints.
func IntsArg(v eval.Value) ([]int, error) {
	switch x := v.(type) {
	case nil, *eval.NullType:
		return nil, nil
	case *eval.Integer:
		o := make([]int, len(x.V))
		for i, y := range x.V {
			if y == eval.NAInt {
				return nil, fmt.Errorf("NA in integer argument")
			}
			o[i] = int(y)
		}
		return o, nil
	case *eval.Double:
		o := make([]int, len(x.V))
		for i, y := range x.V {
			if math.IsNaN(y) {
				return nil, fmt.Errorf("NA in integer argument")
			}
			o[i] = int(y)
		}
		return o, nil
	case *eval.Logical:
		o := make([]int, len(x.V))
		for i, y := range x.V {
			o[i] = int(y)
		}
		return o, nil
	case *Tensor:
		fs := x.T.Float64s()
		o := make([]int, len(fs))
		for i, f := range fs {
			o[i] = int(f)
		}
		return o, nil
	case *eval.List:
		var o []int
		for _, e := range x.V {
			is, err := IntsArg(e)
			if err != nil {
				return nil, err
			}
			o = append(o, is...)
		}
		return o, nil
	}
	return nil, fmt.Errorf("expected a numeric vector, got %s", v.TypeName())
}

// IntArg reads one integer from an R value.
func IntArg(v eval.Value) (int, error) {
	is, err := IntsArg(v)
	if err != nil {
		return 0, err
	}
	if len(is) != 1 {
		return 0, fmt.Errorf("expected a single integer, got %d values", len(is))
	}
	return is[0], nil
}

// FloatArg reads one number from an R value.
func FloatArg(v eval.Value) (float64, error) {
	switch x := v.(type) {
	case *eval.Double:
		if len(x.V) == 1 {
			return x.V[0], nil
		}
	case *eval.Integer:
		if len(x.V) == 1 {
			return float64(x.V[0]), nil
		}
	case *eval.Logical:
		if len(x.V) == 1 {
			return float64(x.V[0]), nil
		}
	case *Tensor:
		if x.T.Numel() == 1 {
			return x.T.Item()
		}
	}
	return 0, fmt.Errorf("expected a single number")
}

// BoolArg reads TRUE/FALSE.
func BoolArg(v eval.Value) (bool, error) {
	switch x := v.(type) {
	case nil, *eval.NullType:
		return false, nil
	case *eval.Logical:
		if len(x.V) == 1 && x.V[0] != eval.NALogical {
			return x.V[0] != 0, nil
		}
	case *eval.Double:
		if len(x.V) == 1 {
			return x.V[0] != 0, nil
		}
	case *eval.Integer:
		if len(x.V) == 1 {
			return x.V[0] != 0, nil
		}
	case *Tensor:
		if x.T.Numel() == 1 {
			f, err := x.T.Item()
			return f != 0, err
		}
	}
	return false, fmt.Errorf("expected TRUE or FALSE")
}

// DTypeArg reads a dtype argument (a dtype value or a name such as
// "float32"); ok is false for NULL or missing.
func DTypeArg(v eval.Value) (d tensor.DType, ok bool, err error) {
	switch x := v.(type) {
	case nil, *eval.NullType:
		return 0, false, nil
	case *DType:
		return x.D, true, nil
	case *eval.Character:
		if len(x.V) == 1 {
			d, err := tensor.ParseDType(strings.ToLower(x.V[0]))
			return d, err == nil, err
		}
	}
	return 0, false, fmt.Errorf("invalid dtype")
}

// AsTensor converts an R value to a core tensor: a tensor itself, or R
// numbers/logicals/arrays as torch_tensor() would (dtype nil: R's type).
func AsTensor(in *eval.Interp, v eval.Value, dt *tensor.DType) (*tensor.Tensor, error) {
	if t, ok := v.(*Tensor); ok {
		if t.T == nil {
			return nil, errUndefined(0, "self")
		}
		if dt != nil && t.T.DType() != *dt {
			return Runtime(in).To(t.T, *dt)
		}
		return t.T, nil
	}
	return fromR(in, v, dt)
}

func str1(v eval.Value) (string, bool) {
	if c, ok := v.(*eval.Character); ok && len(c.V) == 1 {
		return c.V[0], true
	}
	return "", false
}

// SharesMemory reports whether v is a tensor over the same storage as t
// (eval.Temporary).
func (t *Tensor) SharesMemory(v eval.Value) bool {
	o := Unwrap(v)
	return o != nil && t.T != nil && (o == t.T || o.StorageKey() == t.T.StorageKey())
}

// ReleaseTemp hands the memory of a temporary tensor back to the tensor
// core's pool (eval.Temporary); the core declines for any tensor that
// autograd, a hook or a view may still reach.
func (t *Tensor) ReleaseTemp(in *eval.Interp) {
	if t.T != nil {
		Runtime(in).Release(t.T)
	}
}
