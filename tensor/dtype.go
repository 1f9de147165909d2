package tensor

import (
	"fmt"
	"math"
)

// DType is the element type of a tensor.
type DType uint8

// The supported dtypes, in promotion order: each promotes to any later one
// (bool < uint8 < int32 < int64 < float32 < float64), which is PyTorch's
// promotion lattice restricted to these types.
const (
	Bool DType = iota
	Uint8
	Int32
	Int64
	Float32
	Float64
)

// DefaultFloat is the default floating dtype (torch.get_default_dtype()).
const DefaultFloat = Float32

var dtypeNames = [...]string{"bool", "uint8", "int32", "int64", "float32", "float64"}

func (d DType) String() string {
	if int(d) < len(dtypeNames) {
		return dtypeNames[d]
	}
	return fmt.Sprintf("DType(%d)", d)
}

// TorchName is the name PyTorch prints, e.g. "torch.float32".
func (d DType) TorchName() string { return "torch." + d.String() }

// ScalarTypeName is the C++ ScalarType name ("Float", "Long", ...), used in
// error messages such as "expected scalar type Float but found Double".
func (d DType) ScalarTypeName() string {
	return [...]string{"Bool", "Byte", "Int", "Long", "Float", "Double"}[d]
}

// TypeName is the legacy tensor type name ("torch.FloatTensor"), used by
// autograd error messages.
func (d DType) TypeName() string {
	return "torch." + [...]string{"Bool", "Byte", "Int", "Long", "Float", "Double"}[d] + "Tensor"
}

// ParseDType accepts "float32", "float", "torch.float32", "double", "long", ...
func ParseDType(s string) (DType, error) {
	if len(s) > 6 && s[:6] == "torch." {
		s = s[6:]
	}
	switch s {
	case "bool":
		return Bool, nil
	case "uint8":
		return Uint8, nil
	case "int32", "int":
		return Int32, nil
	case "int64", "long":
		return Int64, nil
	case "float32", "float":
		return Float32, nil
	case "float64", "double":
		return Float64, nil
	}
	return 0, fmt.Errorf("unknown dtype %q", s)
}

// IsFloat reports whether d is a floating dtype.
func (d DType) IsFloat() bool { return d == Float32 || d == Float64 }

// IsInt reports whether d is an integral dtype (bool excluded).
func (d DType) IsInt() bool { return d == Uint8 || d == Int32 || d == Int64 }

// ItemSize is the size of one element in bytes.
func (d DType) ItemSize() int { return [...]int{1, 1, 4, 8, 4, 8}[d] }

// PromoteTypes is torch.promote_types.
func PromoteTypes(a, b DType) DType {
	if a > b {
		return a
	}
	return b
}

// Scalar is a Go number passed to an op (PyTorch's Scalar): it keeps
// whether it was a bool, an integer or a float, which matters for type
// promotion (an int64 tensor plus 2 stays int64; plus 2.5 becomes float32).
type Scalar struct {
	Kind DType // Bool, Int64 or Float64
	F    float64
	I    int64
}

// Float makes a floating Scalar.
func Float(f float64) Scalar { return Scalar{Kind: Float64, F: f, I: int64(f)} }

// Int makes an integral Scalar.
func Int(i int64) Scalar { return Scalar{Kind: Int64, F: float64(i), I: i} }

// BoolScalar makes a boolean Scalar.
func BoolScalar(b bool) Scalar {
	if b {
		return Scalar{Kind: Bool, F: 1, I: 1}
	}
	return Scalar{Kind: Bool}
}

func (s Scalar) String() string {
	switch s.Kind {
	case Bool:
		if s.I != 0 {
			return "True"
		}
		return "False"
	case Float64:
		return formatFloat(s.F)
	}
	return fmt.Sprint(s.I)
}

func formatFloat(f float64) string {
	if math.IsInf(f, 1) {
		return "inf"
	}
	if math.IsInf(f, -1) {
		return "-inf"
	}
	if math.IsNaN(f) {
		return "nan"
	}
	if f == math.Trunc(f) && math.Abs(f) < 1e16 {
		return fmt.Sprintf("%.1f", f)
	}
	return fmt.Sprint(f)
}

// toScalar converts a Go value to a Scalar.
func toScalar(v any) (Scalar, bool) {
	switch x := v.(type) {
	case Scalar:
		return x, true
	case float64:
		return Float(x), true
	case float32:
		return Float(float64(x)), true
	case int:
		return Int(int64(x)), true
	case int64:
		return Int(x), true
	case int32:
		return Int(int64(x)), true
	case uint8:
		return Int(int64(x)), true
	case bool:
		return BoolScalar(x), true
	}
	return Scalar{}, false
}

// resultTypeState mirrors c10's ResultTypeState: dimensioned tensors,
// zero-dim tensors and wrapped numbers (Go scalars) are promoted separately
// and combined by category.
type resultTypeState struct {
	dim, zero, wrapped          DType
	hasDim, hasZero, hasWrapped bool
}

func (s *resultTypeState) addTensor(t *Tensor) {
	if t == nil {
		return
	}
	if t.wrapped {
		d := t.dtype
		if d.IsFloat() {
			d = DefaultFloat
		}
		if s.hasWrapped {
			s.wrapped = PromoteTypes(s.wrapped, d)
		} else {
			s.wrapped, s.hasWrapped = d, true
		}
		return
	}
	if len(t.shape) > 0 {
		if s.hasDim {
			s.dim = PromoteTypes(s.dim, t.dtype)
		} else {
			s.dim, s.hasDim = t.dtype, true
		}
		return
	}
	if s.hasZero {
		s.zero = PromoteTypes(s.zero, t.dtype)
	} else {
		s.zero, s.hasZero = t.dtype, true
	}
}

func (s *resultTypeState) addScalar(sc Scalar) {
	d := sc.Kind
	if d == Float64 {
		d = DefaultFloat
	}
	if s.hasWrapped {
		s.wrapped = PromoteTypes(s.wrapped, d)
	} else {
		s.wrapped, s.hasWrapped = d, true
	}
}

// combineCategories is c10's combine_categories over optional dtypes.
func combineCategories(higher DType, hasHigher bool, lower DType, hasLower bool) (DType, bool) {
	if !hasHigher {
		return lower, hasLower
	}
	if !hasLower {
		return higher, true
	}
	if higher.IsFloat() {
		return higher, true
	}
	if higher == Bool || lower.IsFloat() {
		return PromoteTypes(higher, lower), true
	}
	return higher, true
}

func (s *resultTypeState) result() DType {
	d, ok := combineCategories(s.zero, s.hasZero, s.wrapped, s.hasWrapped)
	d, ok = combineCategories(s.dim, s.hasDim, d, ok)
	if !ok {
		return DefaultFloat
	}
	return d
}

// ResultType is torch.result_type over tensors and scalars (nil entries are
// skipped). Arguments must be *Tensor or Go numbers/Scalar.
func ResultType(args ...any) DType {
	var s resultTypeState
	for _, a := range args {
		switch x := a.(type) {
		case *Tensor:
			s.addTensor(x)
		default:
			if sc, ok := toScalar(a); ok {
				s.addScalar(sc)
			}
		}
	}
	return s.result()
}
