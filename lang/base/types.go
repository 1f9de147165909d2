package base

// Types and coercion: is.*, as.*, class, oldClass, inherits, typeof, mode,
// storage.mode, structure, attr, attributes, unclass; and the co* helpers
// other files of this package use to coerce arguments the way R does.

import (
	"fmt"
	"math"
	"strconv"
	"strings"

	"torchr/lang/eval"
	"torchr/lang/internal/rfmt"
	"torchr/lang/syntax"
)

// ---- coercion helpers -------------------------------------------------

// coWarn collects coercion problems so the caller can raise R's warning
// once per call.
type coWarn struct {
	na    bool // "NAs introduced by coercion"
	irang bool // "NAs introduced by coercion to integer range"
}

// emit raises the collected warnings. Like R's C-level warning(), they
// carry the call of the innermost closure (none at top level).
func (w *coWarn) emit(c *eval.Frame) error {
	if w.na {
		if err := c.In.Warning(closureCall(c), "NAs introduced by coercion"); err != nil {
			return err
		}
	}
	if w.irang {
		if err := c.In.Warning(closureCall(c), "NAs introduced by coercion to integer range"); err != nil {
			return err
		}
	}
	return nil
}

// closureCall returns the call of the innermost closure being evaluated,
// or nil at top level: what R's C-level warning() and error() report for
// a primitive.
func closureCall(c *eval.Frame) syntax.Expr {
	fr := c.In.Frames()
	if len(fr) == 0 {
		return nil
	}
	return fr[len(fr)-1].Call
}

// isFactor reports whether v is a factor (integer codes with levels).
func isFactor(v eval.Value) bool {
	_, ok := v.(*eval.Integer)
	return ok && hasClass(v, "factor")
}

func hasClass(v eval.Value, cl string) bool {
	for _, c := range eval.ClassAttr(v) {
		if c == cl {
			return true
		}
	}
	return false
}

func factorLevels(v eval.Value) []string {
	if a, ok := v.(eval.Attributed); ok {
		if l, ok := a.Hdr().Attr("levels").(*eval.Character); ok {
			return l.V
		}
	}
	return nil
}

// realString is as.character for one double.
func realString(x float64) string {
	s, ok := rfmt.AsCharacterReal(x, 0)
	if !ok {
		return eval.NAString
	}
	return s
}

func intString(x int32) string {
	if x == eval.NAInt {
		return eval.NAString
	}
	return strconv.Itoa(int(x))
}

func lglString(x int32) string {
	switch x {
	case eval.NALogical:
		return eval.NAString
	case 0:
		return "FALSE"
	}
	return "TRUE"
}

// coStrings is as.character(v) without attributes. Factors give their
// labels; list elements of length one give their value, others their
// deparse. ok is false for values that cannot be coerced.
func coStrings(v eval.Value) ([]string, bool) {
	switch x := v.(type) {
	case *eval.Character:
		return x.V, true
	case *eval.Raw:
		r := make([]string, len(x.V))
		for i, b := range x.V {
			r[i] = fmt.Sprintf("%02x", b)
		}
		return r, true
	case *eval.Double:
		r := make([]string, len(x.V))
		for i, f := range x.V {
			r[i] = realString(f)
		}
		return r, true
	case *eval.Integer:
		if isFactor(v) {
			lev := factorLevels(v)
			r := make([]string, len(x.V))
			for i, k := range x.V {
				if k == eval.NAInt || int(k) < 1 || int(k) > len(lev) {
					r[i] = eval.NAString
				} else {
					r[i] = lev[k-1]
				}
			}
			return r, true
		}
		r := make([]string, len(x.V))
		for i, k := range x.V {
			r[i] = intString(k)
		}
		return r, true
	case *eval.Logical:
		r := make([]string, len(x.V))
		for i, k := range x.V {
			r[i] = lglString(k)
		}
		return r, true
	case *eval.NullType:
		return nil, true
	case *eval.List:
		r := make([]string, len(x.V))
		for i, e := range x.V {
			r[i] = listElemString(e)
		}
		return r, true
	case *eval.Lang:
		if id, ok := langIdent(x); ok {
			return []string{id}, true
		}
		return []string{eval.DeparseValue(x)}, true
	case *eval.Complex:
		r := make([]string, len(x.V))
		for i, z := range x.V {
			r[i] = strconv.FormatComplex(z, 'g', 15, 128)
		}
		return r, true
	}
	return nil, false
}

func listElemString(e eval.Value) string {
	switch y := e.(type) {
	case *eval.Character:
		if len(y.V) == 1 {
			return y.V[0]
		}
	case *eval.Double, *eval.Integer, *eval.Logical:
		if eval.Length(y) == 1 && !isFactor(y) {
			s, _ := coStrings(y)
			if eval.IsNAString(s[0]) {
				return "NA"
			}
			return s[0]
		}
	case *eval.NullType:
		return "NULL"
	}
	return eval.DeparseValue(e)
}

// parseRNumber parses a string as R's as.numeric does (R_strtod after
// trimming white space): decimal, hex, Inf, NA, NaN. ok false means NA with
// a coercion warning.
func parseRNumber(s string) (float64, bool) {
	t := strings.TrimSpace(s)
	switch t {
	case "NA":
		return eval.NAReal, true
	case "NaN":
		return math.NaN(), true
	case "Inf", "inf", "+Inf", "+inf", "Infinity", "infinity":
		return math.Inf(1), true
	case "-Inf", "-inf", "-Infinity", "-infinity":
		return math.Inf(-1), true
	}
	if t == "" {
		return eval.NAReal, false
	}
	neg := false
	u := t
	if u[0] == '+' || u[0] == '-' {
		neg = u[0] == '-'
		u = u[1:]
	}
	if len(u) > 2 && u[0] == '0' && (u[1] == 'x' || u[1] == 'X') {
		n, err := strconv.ParseUint(u[2:], 16, 64)
		if err != nil {
			f, err2 := strconv.ParseFloat(t, 64) // hex float with p exponent
			if err2 != nil {
				return eval.NAReal, false
			}
			return f, true
		}
		f := float64(n)
		if neg {
			f = -f
		}
		return f, true
	}
	for i := 0; i < len(u); i++ {
		c := u[i]
		if !(c >= '0' && c <= '9' || c == '.' || c == 'e' || c == 'E' || c == '+' || c == '-') {
			return eval.NAReal, false
		}
	}
	f, err := strconv.ParseFloat(t, 64)
	if err != nil {
		if ne, ok := err.(*strconv.NumError); ok && ne.Err == strconv.ErrRange {
			return f, true
		}
		return eval.NAReal, false
	}
	return f, true
}

// coDoubles is as.double(v) without attributes.
func coDoubles(v eval.Value, w *coWarn) ([]float64, bool) {
	switch x := v.(type) {
	case *eval.Double:
		return x.V, true
	case *eval.Raw:
		r := make([]float64, len(x.V))
		for i, b := range x.V {
			r[i] = float64(b)
		}
		return r, true
	case *eval.Integer:
		r := make([]float64, len(x.V))
		for i, k := range x.V {
			if k == eval.NAInt {
				r[i] = eval.NAReal
			} else {
				r[i] = float64(k)
			}
		}
		return r, true
	case *eval.Logical:
		r := make([]float64, len(x.V))
		for i, k := range x.V {
			if k == eval.NALogical {
				r[i] = eval.NAReal
			} else {
				r[i] = float64(k)
			}
		}
		return r, true
	case *eval.Character:
		r := make([]float64, len(x.V))
		for i, s := range x.V {
			if eval.IsNAString(s) {
				r[i] = eval.NAReal
				continue
			}
			f, ok := parseRNumber(s)
			if !ok && w != nil {
				w.na = true
			}
			r[i] = f
		}
		return r, true
	case *eval.NullType:
		return nil, true
	case *eval.List:
		r := make([]float64, len(x.V))
		for i, e := range x.V {
			if eval.Length(e) != 1 {
				return nil, false
			}
			d, ok := coDoubles(e, w)
			if !ok {
				return nil, false
			}
			r[i] = d[0]
		}
		return r, true
	case *eval.Complex:
		r := make([]float64, len(x.V))
		for i, z := range x.V {
			r[i] = real(z)
		}
		return r, true
	}
	return nil, false
}

// coInts is as.integer(v) without attributes.
func coInts(v eval.Value, w *coWarn) ([]int32, bool) {
	switch x := v.(type) {
	case *eval.Integer:
		return x.V, true
	case *eval.Logical:
		return x.V, true
	}
	d, ok := coDoubles(v, w)
	if !ok {
		return nil, false
	}
	r := make([]int32, len(d))
	for i, f := range d {
		switch {
		case f != f:
			r[i] = eval.NAInt
		case f >= 2147483648 || f <= -2147483649:
			r[i] = eval.NAInt
			if w != nil {
				w.irang = true
			}
		default:
			r[i] = int32(f)
		}
	}
	return r, true
}

// coLogicals is as.logical(v) without attributes.
func coLogicals(v eval.Value) ([]int32, bool) {
	switch x := v.(type) {
	case *eval.Logical:
		return x.V, true
	case *eval.Raw:
		r := make([]int32, len(x.V))
		for i, b := range x.V {
			if b != 0 {
				r[i] = 1
			}
		}
		return r, true
	case *eval.Integer:
		if isFactor(v) {
			s, _ := coStrings(v)
			return strLogicals(s), true
		}
		r := make([]int32, len(x.V))
		for i, k := range x.V {
			switch k {
			case eval.NAInt:
				r[i] = eval.NALogical
			case 0:
				r[i] = 0
			default:
				r[i] = 1
			}
		}
		return r, true
	case *eval.Double:
		r := make([]int32, len(x.V))
		for i, f := range x.V {
			switch {
			case f != f:
				r[i] = eval.NALogical
			case f == 0:
				r[i] = 0
			default:
				r[i] = 1
			}
		}
		return r, true
	case *eval.Character:
		return strLogicals(x.V), true
	case *eval.NullType:
		return nil, true
	case *eval.List:
		r := make([]int32, len(x.V))
		for i, e := range x.V {
			if eval.Length(e) != 1 {
				return nil, false
			}
			l, ok := coLogicals(e)
			if !ok {
				return nil, false
			}
			r[i] = l[0]
		}
		return r, true
	}
	return nil, false
}

func strLogicals(s []string) []int32 {
	r := make([]int32, len(s))
	for i, x := range s {
		switch x {
		case "TRUE", "true", "T", "True":
			r[i] = 1
		case "FALSE", "false", "F", "False":
			r[i] = 0
		default:
			r[i] = eval.NALogical
		}
	}
	return r
}

func langIdent(l *eval.Lang) (string, bool) {
	if id, ok := l.X.(*syntax.Ident); ok {
		return id.Name, true
	}
	return "", false
}

// langAsList is as.list() of a call: the function and the arguments
// (named as written).
func langAsList(l *eval.Lang) eval.Value {
	call, ok := l.X.(*syntax.Call)
	if !ok {
		return eval.NewList([]eval.Value{l}, nil)
	}
	vals := []eval.Value{eval.LangValue(call.Fn)}
	names := []string{""}
	named := false
	for _, a := range call.Args {
		if a.Value == nil {
			vals = append(vals, eval.MissingArg)
		} else {
			vals = append(vals, eval.LangValue(a.Value))
		}
		names = append(names, a.Name)
		named = named || a.Name != ""
	}
	if !named {
		names = nil
	}
	return eval.NewList(vals, names)
}

// ---- argument helpers --------------------------------------------------

// argStr returns a scalar string argument (first element), or an error
// "invalid 'name' argument".
func argStr(c *eval.Frame, v eval.Value, name string) (string, error) {
	s, ok := coStrings(v)
	if !ok || len(s) < 1 {
		return "", c.Errorf("invalid '%s' argument", name)
	}
	return s[0], nil
}

// argBool returns a scalar logical argument; NA or an invalid value is an
// error "invalid 'name' argument".
func argBool(c *eval.Frame, v eval.Value, name string) (bool, error) {
	if v == nil || v == eval.Value(eval.Null) {
		return false, c.Errorf("invalid '%s' argument", name)
	}
	l, ok := coLogicals(v)
	if !ok || len(l) < 1 || l[0] == eval.NALogical {
		return false, c.Errorf("invalid '%s' argument", name)
	}
	return l[0] == 1, nil
}

// argInt returns a scalar integer argument (NA as eval.NAInt).
func argInt(c *eval.Frame, v eval.Value, name string) (int, error) {
	d, ok := coDoubles(v, nil)
	if !ok || len(d) < 1 {
		return 0, c.Errorf("invalid '%s' argument", name)
	}
	if d[0] != d[0] {
		return int(eval.NAInt), nil
	}
	return int(d[0]), nil
}

// argNum returns a scalar double argument.
func argNum(c *eval.Frame, v eval.Value, name string) (float64, error) {
	d, ok := coDoubles(v, nil)
	if !ok || len(d) < 1 {
		return 0, c.Errorf("invalid '%s' argument", name)
	}
	return d[0], nil
}

func isNull(v eval.Value) bool { return v == nil || v == eval.Value(eval.Null) }

// namesOf returns the names attribute as a Value (nil if none).
func namesOf(v eval.Value) eval.Value {
	if a, ok := v.(eval.Attributed); ok {
		return a.Hdr().Attr("names")
	}
	return nil
}

// withNames sets the names of r (a fresh value) from src's names.
func withNames(r eval.Attributed, src eval.Value) eval.Value {
	if n := namesOf(src); n != nil {
		r.Hdr().SetAttr("names", n)
	}
	return r
}

// ---- builtins ------------------------------------------------------------

func isType(name string, f func(v eval.Value) bool) *eval.Builtin {
	return &eval.Builtin{Name: name, Formals: []string{"x"}, Fn: func(c *eval.Frame, a []eval.Value) (eval.Value, error) {
		if a[0] == nil {
			return nil, c.Errorf("argument \"x\" is missing, with no default")
		}
		return eval.Bool(f(a[0])), nil
	}}
}

func isFunctionValue(v eval.Value) bool {
	switch v.(type) {
	case *eval.Closure, *eval.Builtin:
		return true
	}
	_, ok := v.(eval.Callable)
	return ok
}

func attrCount(v eval.Value) []eval.Attr {
	if a, ok := v.(eval.Attributed); ok {
		return a.Hdr().Attributes()
	}
	return nil
}

func isAtomic(v eval.Value) bool {
	switch v.(type) {
	case *eval.Logical, *eval.Integer, *eval.Double, *eval.Character, *eval.Complex, *eval.Raw:
		return true
	}
	return false
}

// isAtomicR is R 4.2's is.atomic (TRUE for NULL as well).
func isAtomicR(v eval.Value) bool {
	switch v.(type) {
	case *eval.NullType, *eval.Logical, *eval.Integer, *eval.Double, *eval.Character, *eval.Complex, *eval.Raw:
		return true
	}
	return false
}

// isVectorMode is R's is.vector(x, mode).
func isVectorMode(v eval.Value, mode string) bool {
	for _, a := range attrCount(v) {
		if a.Name != "names" {
			return false
		}
	}
	t := v.TypeName()
	switch mode {
	case "any":
		return isAtomic(v) || t == "list" || t == "expression"
	case "numeric":
		return (t == "integer" || t == "double") && !isFactor(v)
	case "list":
		return t == "list"
	}
	return t == mode
}

func asVectorResult(c *eval.Frame, v eval.Value, mode string) (eval.Value, error) {
	var w coWarn
	var r eval.Value
	switch mode {
	case "character":
		s, ok := coStrings(v)
		if !ok {
			return nil, c.Errorf("cannot coerce type '%s' to vector of type 'character'", v.TypeName())
		}
		if _, same := v.(*eval.Character); same {
			s = append([]string(nil), s...)
		}
		r = eval.NewStr(s)
	case "double", "numeric":
		if isFactor(v) {
			x := v.(*eval.Integer)
			d := make([]float64, len(x.V))
			for i, k := range x.V {
				if k == eval.NAInt {
					d[i] = eval.NAReal
				} else {
					d[i] = float64(k)
				}
			}
			return eval.NewDouble(d), nil
		}
		d, ok := coDoubles(v, &w)
		if !ok {
			return nil, c.Errorf("'list' object cannot be coerced to type 'double'")
		}
		if _, same := v.(*eval.Double); same {
			d = append([]float64(nil), d...)
		}
		r = eval.NewDouble(d)
	case "integer":
		d, ok := coInts(v, &w)
		if !ok {
			return nil, c.Errorf("'list' object cannot be coerced to type 'integer'")
		}
		switch v.(type) {
		case *eval.Integer, *eval.Logical:
			d = append([]int32(nil), d...)
		}
		r = eval.NewInt(d)
	case "logical":
		l, ok := coLogicals(v)
		if !ok {
			return nil, c.Errorf("'list' object cannot be coerced to type 'logical'")
		}
		if _, same := v.(*eval.Logical); same {
			l = append([]int32(nil), l...)
		}
		r = eval.NewLgl(l)
	case "list":
		return asList(v), nil
	case "complex":
		var z []complex128
		switch t := v.(type) {
		case *eval.Character:
			z = make([]complex128, len(t.V))
			for i, e := range t.V {
				if e == eval.NAString {
					z[i] = complex(eval.NAReal, 0)
					continue
				}
				p, err := strconv.ParseComplex(strings.TrimSpace(e), 128)
				if err != nil {
					w.na = true
					p = complex(eval.NAReal, 0)
				}
				z[i] = p
			}
		case *eval.List:
			return nil, c.Errorf("'list' object cannot be coerced to type 'complex'")
		default:
			if !isAtomic(v) && v != eval.Value(eval.Null) {
				return nil, c.Errorf("cannot coerce type '%s' to vector of type 'complex'", typeofValue(v))
			}
			z = append([]complex128(nil), toComplex(v)...)
		}
		r = eval.NewComplex(z)
	case "raw":
		if _, ok := v.(*eval.List); ok {
			for _, e := range v.(*eval.List).V {
				if eval.Length(e) != 1 || !isAtomic(e) {
					return nil, c.Errorf("'list' object cannot be coerced to type 'raw'")
				}
			}
		} else if !isAtomic(v) && v != eval.Value(eval.Null) {
			return nil, c.Errorf("cannot coerce type '%s' to vector of type 'raw'", v.TypeName())
		}
		b, bad := toRaw(v)
		if bad {
			if err := c.Warningf("out-of-range values treated as 0 in coercion to raw"); err != nil {
				return nil, err
			}
		}
		r = eval.NewRaw(b)
	case "any":
		switch x := v.(type) {
		case *eval.List:
			if len(x.Attributes()) == 0 {
				return v, nil
			}
			l := eval.NewList(append([]eval.Value(nil), x.V...), nil)
			return withNames(l, v), nil
		case *eval.Logical, *eval.Integer, *eval.Double, *eval.Character, *eval.Complex, *eval.Raw:
			if isFactor(v) {
				s, _ := coStrings(v)
				return eval.NewStr(s), nil
			}
			// as.vector drops every attribute of an atomic vector,
			// names included.
			if len(attrCount(v)) == 0 {
				return v, nil
			}
			cp := eval.Copy(v).(eval.Attributed)
			cp.Hdr().ClearAttrs()
			return cp, nil
		case *eval.NullType:
			return eval.Null, nil
		}
		return v, nil
	default:
		return nil, c.Errorf("vector: cannot make a vector of mode '%s'.", mode)
	}
	if err := w.emit(c); err != nil {
		return nil, err
	}
	return r, nil
}

func asList(v eval.Value) eval.Value {
	switch x := v.(type) {
	case *eval.List:
		if hasClass(v, "data.frame") || len(x.Attributes()) > 0 {
			l := eval.NewList(append([]eval.Value(nil), x.V...), nil)
			return withNames(l, v)
		}
		return v
	case *eval.NullType:
		return eval.NewList(nil, nil)
	case *eval.Env:
		names := x.Names()
		vals := make([]eval.Value, len(names))
		for i, n := range names {
			vals[i], _ = x.GetLocal(n)
		}
		return eval.NewList(vals, names)
	case *eval.Lang:
		return langAsList(x)
	}
	n := eval.Length(v)
	vals := make([]eval.Value, n)
	for i := 0; i < n; i++ {
		vals[i] = elemValue(v, i)
	}
	l := eval.NewList(vals, nil)
	return withNames(l, v)
}

// elemValue returns element i of an atomic vector as a length-one vector
// (factors keep their class and levels).
func elemValue(v eval.Value, i int) eval.Value {
	switch x := v.(type) {
	case *eval.Double:
		return eval.NewDouble1(x.V[i])
	case *eval.Integer:
		r := eval.NewInt1(x.V[i])
		if isFactor(v) {
			r.SetAttr("levels", x.Attr("levels"))
			r.SetAttr("class", x.Attr("class"))
		}
		return r
	case *eval.Logical:
		return eval.NewLgl1(x.V[i])
	case *eval.Character:
		return eval.NewStr1(x.V[i])
	case *eval.Complex:
		return eval.NewComplex([]complex128{x.V[i]})
	case *eval.Raw:
		return eval.NewRaw([]byte{x.V[i]})
	case *eval.List:
		return x.V[i]
	}
	return eval.Null
}

func typeofValue(v eval.Value) string {
	switch v.(type) {
	case *eval.Closure:
		return "closure"
	case *eval.Builtin:
		return "builtin"
	}
	return v.TypeName()
}

func modeOf(v eval.Value) string {
	switch t := typeofValue(v); t {
	case "integer", "double":
		return "numeric"
	case "closure", "builtin", "special":
		return "function"
	case "symbol":
		return "name"
	case "language":
		if l, ok := v.(*eval.Lang); ok {
			if _, par := l.X.(*syntax.Paren); par {
				return "("
			}
		}
		return "call"
	default:
		return t
	}
}

func init() {
	eval.AsStrings = func(v eval.Value) []string {
		s, _ := coStrings(v)
		return s
	}
	eval.RegisterAll(
		isType("is.null", func(v eval.Value) bool { return v == eval.Value(eval.Null) }),
		isType("is.numeric", func(v eval.Value) bool {
			switch v.(type) {
			case *eval.Double:
				return true
			case *eval.Integer:
				return !isFactor(v)
			}
			return false
		}),
		isType("is.character", func(v eval.Value) bool { _, ok := v.(*eval.Character); return ok }),
		isType("is.logical", func(v eval.Value) bool { _, ok := v.(*eval.Logical); return ok }),
		isType("is.integer", func(v eval.Value) bool { _, ok := v.(*eval.Integer); return ok }),
		isType("is.double", func(v eval.Value) bool { _, ok := v.(*eval.Double); return ok }),
		isType("is.complex", func(v eval.Value) bool { _, ok := v.(*eval.Complex); return ok }),
		isType("is.list", func(v eval.Value) bool { _, ok := v.(*eval.List); return ok }),
		isType("is.atomic", isAtomicR),
		isType("is.object", eval.IsObject),
		isType("is.factor", isFactor),
		&eval.Builtin{Name: "is.vector", Formals: []string{"x", `mode = "any"`}, Fn: func(c *eval.Frame, a []eval.Value) (eval.Value, error) {
			mode, err := argStr(c, a[1], "mode")
			if err != nil {
				return nil, err
			}
			return eval.Bool(isVectorMode(a[0], mode)), nil
		}},
		&eval.Builtin{Name: "is.element", Formals: []string{"el", "table"}, Fn: func(c *eval.Frame, a []eval.Value) (eval.Value, error) {
			return c.In.CallFunction("%in%", []eval.Arg{{Value: a[0]}, {Value: a[1]}}, c.Env)
		}},
		&eval.Builtin{Name: "is.na", Formals: []string{"x"}, Generic: true, Fn: isNA},
		&eval.Builtin{Name: "anyNA", Formals: []string{"x", "recursive = FALSE"}, Fn: func(c *eval.Frame, a []eval.Value) (eval.Value, error) {
			r, err := isNA(c, a[:1])
			if err != nil {
				return nil, err
			}
			for _, x := range r.(*eval.Logical).V {
				if x == 1 {
					return eval.True, nil
				}
			}
			return eval.False, nil
		}},
		&eval.Builtin{Name: "is.nan", Formals: []string{"x"}, Fn: func(c *eval.Frame, a []eval.Value) (eval.Value, error) {
			return mapDouble(c, a[0], "is.nan", func(f float64) bool { return f != f && !eval.IsNA(f) })
		}},
		&eval.Builtin{Name: "is.finite", Formals: []string{"x"}, Fn: func(c *eval.Frame, a []eval.Value) (eval.Value, error) {
			if _, ok := a[0].(*eval.Character); ok {
				return withNames(eval.NewLgl(make([]int32, eval.Length(a[0]))), a[0]), nil
			}
			return mapDouble(c, a[0], "is.finite", func(f float64) bool { return !math.IsInf(f, 0) && f == f })
		}},
		&eval.Builtin{Name: "is.infinite", Formals: []string{"x"}, Fn: func(c *eval.Frame, a []eval.Value) (eval.Value, error) {
			if _, ok := a[0].(*eval.Character); ok {
				return withNames(eval.NewLgl(make([]int32, eval.Length(a[0]))), a[0]), nil
			}
			return mapDouble(c, a[0], "is.infinite", func(f float64) bool { return math.IsInf(f, 0) })
		}},
		asBuiltin("as.character", "character"),
		asBuiltin("as.numeric", "double"),
		asBuiltin("as.double", "double"),
		asBuiltin("as.integer", "integer"),
		asBuiltin("as.complex", "complex"),
		asBuiltin("as.logical", "logical"),
		&eval.Builtin{Name: "as.vector", Formals: []string{"x", `mode = "any"`}, Generic: true, Fn: func(c *eval.Frame, a []eval.Value) (eval.Value, error) {
			mode, err := argStr(c, a[1], "mode")
			if err != nil {
				return nil, err
			}
			return asVectorResult(c, a[0], mode)
		}},
		&eval.Builtin{Name: "as.list", Formals: []string{"x", "..."}, Generic: true, Fn: func(c *eval.Frame, a []eval.Value) (eval.Value, error) {
			return asList(a[0]), nil
		}},
		&eval.Builtin{Name: "mode", Formals: []string{"x"}, Fn: func(c *eval.Frame, a []eval.Value) (eval.Value, error) {
			return eval.NewStr1(modeOf(a[0])), nil
		}},
		&eval.Builtin{Name: "storage.mode", Formals: []string{"x"}, Fn: func(c *eval.Frame, a []eval.Value) (eval.Value, error) {
			return eval.NewStr1(typeofValue(a[0])), nil
		}},
		&eval.Builtin{Name: "storage.mode<-", Formals: []string{"x", "value"}, Fn: setMode},
		&eval.Builtin{Name: "mode<-", Formals: []string{"x", "value"}, Fn: setMode},
		&eval.Builtin{Name: "class", Formals: []string{"x"}, Fn: func(c *eval.Frame, a []eval.Value) (eval.Value, error) {
			return eval.NewStr(append([]string(nil), eval.ImplicitClass(a[0])...)), nil
		}},
		&eval.Builtin{Name: "oldClass", Formals: []string{"x"}, Fn: func(c *eval.Frame, a []eval.Value) (eval.Value, error) {
			if at, ok := a[0].(eval.Attributed); ok {
				if cl := at.Hdr().Attr("class"); cl != nil {
					return cl, nil
				}
			}
			return eval.Null, nil
		}},
		&eval.Builtin{Name: "class<-", Formals: []string{"x", "value"}, Fn: setClass},
		&eval.Builtin{Name: "oldClass<-", Formals: []string{"x", "value"}, Fn: setClass},
		&eval.Builtin{Name: "unclass", Formals: []string{"x"}, Fn: func(c *eval.Frame, a []eval.Value) (eval.Value, error) {
			at, ok := a[0].(eval.Attributed)
			if !ok || at.Hdr().Attr("class") == nil {
				return a[0], nil
			}
			r := eval.Copy(a[0]).(eval.Attributed)
			r.Hdr().SetAttr("class", nil)
			return r, nil
		}},
		&eval.Builtin{Name: "inherits", Formals: []string{"x", "what", "which = FALSE"}, Fn: func(c *eval.Frame, a []eval.Value) (eval.Value, error) {
			what, ok := coStrings(a[1])
			if _, isStr := a[1].(*eval.Character); !isStr || !ok {
				return nil, c.Errorf("'what' must be a character vector")
			}
			which, err := argBool(c, a[2], "which")
			if err != nil {
				return nil, c.Errorf("'which' must be a length 1 logical vector")
			}
			cls := eval.ImplicitClass(a[0])
			if which {
				r := make([]int32, len(what))
				for i, w := range what {
					for j, cl := range cls {
						if cl == w {
							r[i] = int32(j + 1)
							break
						}
					}
				}
				return eval.NewInt(r), nil
			}
			for _, w := range what {
				for _, cl := range cls {
					if cl == w {
						return eval.True, nil
					}
				}
			}
			return eval.False, nil
		}},
		&eval.Builtin{Name: "attr", Formals: []string{"x", "which", "exact = FALSE"}, Fn: func(c *eval.Frame, a []eval.Value) (eval.Value, error) {
			which, err := argStr(c, a[1], "which")
			if err != nil {
				return nil, c.Errorf("exactly one attribute 'which' must be given")
			}
			exact, _ := argBool(c, a[2], "exact")
			at, ok := a[0].(eval.Attributed)
			if !ok {
				return eval.Null, nil
			}
			if v := at.Hdr().Attr(which); v != nil {
				return v, nil
			}
			if !exact {
				var found eval.Value
				n := 0
				for _, x := range at.Hdr().Attributes() {
					if strings.HasPrefix(x.Name, which) {
						found = x.Value
						n++
					}
				}
				if n == 1 {
					return found, nil
				}
			}
			return eval.Null, nil
		}},
		&eval.Builtin{Name: "attr<-", Formals: []string{"x", "which", "value"}, Fn: func(c *eval.Frame, a []eval.Value) (eval.Value, error) {
			which, err := argStr(c, a[1], "which")
			if err != nil {
				return nil, c.Errorf("'name' must be non-null character string")
			}
			return setAttr(c, a[0], which, a[2])
		}},
		&eval.Builtin{Name: "attributes", Formals: []string{"x"}, Fn: func(c *eval.Frame, a []eval.Value) (eval.Value, error) {
			attrs := attrCount(a[0])
			if len(attrs) == 0 {
				return eval.Null, nil
			}
			vals := make([]eval.Value, len(attrs))
			names := make([]string, len(attrs))
			// R lists names first.
			k := 0
			for _, x := range attrs {
				if x.Name == "names" {
					vals[k], names[k] = x.Value, x.Name
					k++
				}
			}
			for _, x := range attrs {
				if x.Name != "names" {
					vals[k], names[k] = x.Value, x.Name
					k++
				}
			}
			return eval.NewList(vals, names), nil
		}},
		&eval.Builtin{Name: "attributes<-", Formals: []string{"x", "value"}, Fn: func(c *eval.Frame, a []eval.Value) (eval.Value, error) {
			x := eval.Modifiable(a[0])
			at, ok := x.(eval.Attributed)
			if !ok {
				return x, nil
			}
			at.Hdr().ClearAttrs()
			if l, ok := a[1].(*eval.List); ok {
				names := eval.Names(l)
				// dim first, as R does
				for i, v := range l.V {
					if names[i] == "dim" {
						if _, err := setAttr(c, x, "dim", v); err != nil {
							return nil, err
						}
					}
				}
				for i, v := range l.V {
					if names[i] != "dim" {
						if _, err := setAttr(c, x, names[i], v); err != nil {
							return nil, err
						}
					}
				}
			}
			return x, nil
		}},
		&eval.Builtin{Name: "structure", Formals: []string{".Data", "..."}, Fn: func(c *eval.Frame, a []eval.Value) (eval.Value, error) {
			if a[0] == nil {
				return nil, c.Errorf("argument \".Data\" is missing, with no default")
			}
			x := eval.Copy(a[0])
			dots := a[1].(*eval.List)
			names := eval.Names(dots)
			for i, v := range dots.V {
				n := ""
				if names != nil {
					n = names[i]
				}
				switch n {
				case ".Names":
					n = "names"
				case ".Dim":
					n = "dim"
				case ".Dimnames":
					n = "dimnames"
				}
				var err error
				if x, err = setAttr(c, x, n, v); err != nil {
					return nil, err
				}
			}
			return x, nil
		}},
		&eval.Builtin{Name: "vector", Formals: []string{`mode = "logical"`, "length = 0L"}, Fn: func(c *eval.Frame, a []eval.Value) (eval.Value, error) {
			mode, err := argStr(c, a[0], "mode")
			if err != nil {
				return nil, err
			}
			n, err := argInt(c, a[1], "length")
			if err != nil || n < 0 || n == int(eval.NAInt) {
				return nil, c.Errorf("vector: cannot make a vector of negative length")
			}
			if err := checkAlloc(c, float64(n), 8); err != nil {
				return nil, err
			}
			return makeVector(c, mode, n)
		}},
	)
}

func makeVector(c *eval.Frame, mode string, n int) (eval.Value, error) {
	switch mode {
	case "logical":
		return eval.NewLgl(make([]int32, n)), nil
	case "integer":
		return eval.NewInt(make([]int32, n)), nil
	case "numeric", "double":
		return eval.NewDouble(make([]float64, n)), nil
	case "raw":
		return eval.NewRaw(make([]byte, n)), nil
	case "character":
		return eval.NewStr(make([]string, n)), nil
	case "complex":
		return eval.NewComplex(make([]complex128, n)), nil
	case "list":
		vals := make([]eval.Value, n)
		for i := range vals {
			vals[i] = eval.Null
		}
		return eval.NewList(vals, nil), nil
	}
	return nil, c.Errorf("vector: cannot make a vector of mode '%s'.", mode)
}

func asBuiltin(name, mode string) *eval.Builtin {
	return &eval.Builtin{Name: name, Formals: []string{"x", "..."}, Generic: true, Fn: func(c *eval.Frame, a []eval.Value) (eval.Value, error) {
		x := a[0]
		if x == nil {
			x = eval.Null
		}
		if tr, ok := x.(eval.ToR); ok {
			v, err := tr.AsR(c.In)
			if err != nil {
				return nil, err
			}
			x = v
		}
		if l, ok := x.(*eval.List); ok && mode != "character" {
			for _, e := range l.V {
				if eval.Length(e) != 1 {
					return nil, errorWithCall(c, closureCall(c), "'list' object cannot be coerced to type '%s'", mode)
				}
			}
		}
		switch x.(type) {
		case *eval.Closure, *eval.Builtin, *eval.Env:
			return nil, c.Errorf("cannot coerce type '%s' to vector of type '%s'", typeofValue(x), mode)
		}
		r, err := asVectorResult(c, x, mode)
		if err != nil {
			return nil, err
		}
		// as.vector-style coercions drop all attributes, but
		// as.character/as.numeric... on a plain vector keep nothing either.
		if at, ok := r.(eval.Attributed); ok && r != x {
			if len(at.Hdr().Attributes()) > 0 {
				at.Hdr().ClearAttrs()
			}
		} else if r == x {
			if at, ok := r.(eval.Attributed); ok && len(at.Hdr().Attributes()) > 0 {
				cp := eval.Copy(r).(eval.Attributed)
				cp.Hdr().ClearAttrs()
				r = cp
			}
		}
		return r, nil
	}}
}

func isNA(c *eval.Frame, a []eval.Value) (eval.Value, error) {
	x := a[0]
	if df, ok := x.(*eval.List); ok && isDataFrame(x) {
		// is.na.data.frame: a logical matrix, one column per column
		n, rn := dfShape(df)
		out := make([]int32, 0, n*len(df.V))
		for _, col := range df.V {
			r, err := isNA(c, []eval.Value{col})
			if err != nil {
				return nil, err
			}
			out = append(out, toLgls(r)...)
		}
		m := eval.NewLgl(out)
		m.SetAttr("dim", intDim([]int{n, len(df.V)}))
		var rv eval.Value = eval.Null
		if rn != nil {
			rv = eval.NewStr(rn)
		}
		m.SetAttr("dimnames", eval.NewList([]eval.Value{rv, eval.NewStr(append([]string(nil), eval.Names(df)...))}, nil))
		return m, nil
	}
	var r []int32
	b := func(t bool) int32 {
		if t {
			return 1
		}
		return 0
	}
	switch v := x.(type) {
	case *eval.Double:
		r = make([]int32, len(v.V))
		for i, f := range v.V {
			r[i] = b(f != f)
		}
	case *eval.Integer:
		r = make([]int32, len(v.V))
		for i, k := range v.V {
			r[i] = b(k == eval.NAInt)
		}
	case *eval.Logical:
		r = make([]int32, len(v.V))
		for i, k := range v.V {
			r[i] = b(k == eval.NALogical)
		}
	case *eval.Character:
		r = make([]int32, len(v.V))
		for i, s := range v.V {
			r[i] = b(eval.IsNAString(s))
		}
	case *eval.Complex:
		r = make([]int32, len(v.V))
		for i, z := range v.V {
			r[i] = b(real(z) != real(z) || imag(z) != imag(z))
		}
	case *eval.Raw:
		// raw has no NA
		r = make([]int32, len(v.V))
	case *eval.List:
		r = make([]int32, len(v.V))
		for i, e := range v.V {
			if eval.Length(e) == 1 && isAtomic(e) {
				sub, _ := isNA(c, []eval.Value{e})
				r[i] = sub.(*eval.Logical).V[0]
			}
		}
	case *eval.NullType:
		return eval.NewLgl(nil), nil
	default:
		if err := c.Warningf("is.na() applied to non-(list or vector) of type '%s'", typeofValue(x)); err != nil {
			return nil, err
		}
		return eval.False, nil
	}
	res := eval.NewLgl(r)
	if at, ok := x.(eval.Attributed); ok {
		for _, k := range []string{"names", "dim", "dimnames"} {
			if v := at.Hdr().Attr(k); v != nil {
				res.SetAttr(k, v)
			}
		}
	}
	return res, nil
}

func mapDouble(c *eval.Frame, x eval.Value, name string, f func(float64) bool) (eval.Value, error) {
	var d []float64
	switch v := x.(type) {
	case *eval.Double:
		d = v.V
	case *eval.Integer, *eval.Logical:
		d, _ = coDoubles(v, nil)
		if name == "is.nan" {
			return withNames(eval.NewLgl(make([]int32, len(d))), x), nil
		}
	case *eval.NullType:
		return eval.NewLgl(nil), nil
	default:
		return nil, c.Errorf("default method not implemented for type '%s'", typeofValue(x))
	}
	r := make([]int32, len(d))
	for i, v := range d {
		if f(v) {
			r[i] = 1
		}
	}
	res := eval.NewLgl(r)
	if at, ok := x.(eval.Attributed); ok {
		for _, k := range []string{"names", "dim", "dimnames"} {
			if v := at.Hdr().Attr(k); v != nil {
				res.SetAttr(k, v)
			}
		}
	}
	return res, nil
}

func setMode(c *eval.Frame, a []eval.Value) (eval.Value, error) {
	mode, err := argStr(c, a[1], "value")
	if err != nil {
		return nil, err
	}
	r, err := asVectorResult(c, a[0], mode)
	if err != nil {
		return nil, err
	}
	if at, ok := a[0].(eval.Attributed); ok && r != a[0] {
		if rt, ok := r.(eval.Attributed); ok {
			rt.Hdr().SetAttributes(append([]eval.Attr(nil), at.Hdr().Attributes()...))
		}
	}
	return r, nil
}

func setClass(c *eval.Frame, a []eval.Value) (eval.Value, error) {
	return setAttr(c, a[0], "class", a[1])
}

// setAttr sets attribute which of (a modifiable copy of) x, with R's
// checks for names, dim and class.
func setAttr(c *eval.Frame, x eval.Value, which string, v eval.Value) (eval.Value, error) {
	if x == eval.Value(eval.Null) {
		if isNull(v) {
			return x, nil
		}
		x = eval.NewList(nil, nil)
	}
	x = eval.Modifiable(x)
	at, ok := x.(eval.Attributed)
	if !ok {
		return nil, c.Errorf("cannot set attribute on a '%s'", typeofValue(x))
	}
	h := at.Hdr()
	if isNull(v) {
		h.SetAttr(which, nil)
		return x, nil
	}
	switch which {
	case "names":
		s, ok := coStrings(v)
		if !ok {
			return nil, c.Errorf("invalid 'names' value")
		}
		n := eval.Length(x)
		if len(s) > n {
			return nil, c.Errorf("'names' attribute [%d] must be the same length as the vector [%d]", len(s), n)
		}
		ns := make([]string, n)
		for i := range ns {
			if i < len(s) {
				ns[i] = s[i]
			} else {
				ns[i] = eval.NAString
			}
		}
		h.SetAttr("names", eval.NewStr(ns))
		return x, nil
	case "dim":
		d, ok := coInts(v, nil)
		if !ok {
			return nil, c.Errorf("invalid second argument, must be vector or NULL")
		}
		p := 1
		for _, k := range d {
			p *= int(k)
		}
		if p != eval.Length(x) {
			return nil, c.Errorf("dims [product %d] do not match the length of object [%d]", p, eval.Length(x))
		}
		h.SetAttr("names", nil)
		h.SetAttr("dim", eval.NewInt(append([]int32(nil), d...)))
		return x, nil
	case "class":
		s, ok := coStrings(v)
		if !ok {
			return nil, c.Errorf("attempt to set invalid 'class' attribute")
		}
		if len(s) == 0 {
			h.SetAttr("class", nil)
			return x, nil
		}
		h.SetAttr("class", eval.NewStr(append([]string(nil), s...)))
		return x, nil
	}
	h.SetAttr(which, v)
	return x, nil
}
