package base

import (
	"fmt"
	"math"
	"strconv"
	"strings"

	"torchr/lang/eval"
)

// Coercion helpers shared by the operator, indexing, vector and math
// builtins.

// vkind orders the vector types as R's coercion hierarchy does.
type vkind int

const (
	kNull vkind = iota
	kRaw
	kLgl
	kInt
	kDbl
	kCplx
	kStr
	kList
	kOther
)

func kindOf(v eval.Value) vkind {
	switch v.(type) {
	case *eval.NullType:
		return kNull
	case *eval.Raw:
		return kRaw
	case *eval.Logical:
		return kLgl
	case *eval.Integer:
		return kInt
	case *eval.Double:
		return kDbl
	case *eval.Complex:
		return kCplx
	case *eval.Character:
		return kStr
	case *eval.List:
		return kList
	}
	return kOther
}

func isAtomicVec(v eval.Value) bool {
	k := kindOf(v)
	return k >= kRaw && k <= kStr
}

func isNumeric(v eval.Value) bool {
	k := kindOf(v)
	return k == kLgl || k == kInt || k == kDbl
}

// hdr returns the attribute header of v, or nil.
func hdr(v eval.Value) *eval.Header {
	if a, ok := v.(eval.Attributed); ok {
		return a.Hdr()
	}
	return nil
}

func attr(v eval.Value, name string) eval.Value {
	if h := hdr(v); h != nil {
		return h.Attr(name)
	}
	return nil
}

func hasAttrs(v eval.Value) bool {
	h := hdr(v)
	return h != nil && len(h.Attributes()) > 0
}

func lenOf(v eval.Value) int { return eval.Length(v) }

// strToDouble converts a string as as.numeric does (NA when invalid).
func strToDouble(s string) float64 {
	if s == eval.NAString {
		return eval.NAReal
	}
	t := strings.TrimSpace(s)
	switch t {
	case "NA":
		return eval.NAReal
	case "Inf", "inf", "+Inf":
		return math.Inf(1)
	case "-Inf", "-inf":
		return math.Inf(-1)
	case "NaN":
		return math.NaN()
	}
	if strings.HasPrefix(t, "0x") || strings.HasPrefix(t, "0X") || strings.HasPrefix(t, "-0x") || strings.HasPrefix(t, "-0X") {
		neg := t[0] == '-'
		if neg {
			t = t[1:]
		}
		u, err := strconv.ParseUint(t[2:], 16, 64)
		if err != nil {
			return eval.NAReal
		}
		f := float64(u)
		if neg {
			f = -f
		}
		return f
	}
	f, err := strconv.ParseFloat(t, 64)
	if err != nil {
		if ne, ok := err.(*strconv.NumError); ok && ne.Err == strconv.ErrRange {
			return f
		}
		return eval.NAReal
	}
	return f
}

func strToLgl(s string) int32 {
	switch s {
	case "TRUE", "true", "T", "True":
		return 1
	case "FALSE", "false", "F", "False":
		return 0
	}
	return eval.NALogical
}

// toDoubles returns the elements of an atomic vector as doubles (NA
// mapped to NA_real_). For a *Double it returns its slice (do not modify).
func toDoubles(v eval.Value) []float64 {
	switch x := v.(type) {
	case *eval.Double:
		return x.V
	case *eval.Integer:
		return intsToDoubles(x.V)
	case *eval.Logical:
		return intsToDoubles(x.V)
	case *eval.Raw:
		r := make([]float64, len(x.V))
		for i, b := range x.V {
			r[i] = float64(b)
		}
		return r
	case *eval.Character:
		r := make([]float64, len(x.V))
		for i, s := range x.V {
			r[i] = strToDouble(s)
		}
		return r
	case *eval.Complex:
		r := make([]float64, len(x.V))
		for i, c := range x.V {
			r[i] = real(c)
		}
		return r
	case *eval.List:
		return listScalars(x, toDoubles, eval.NAReal)
	}
	return nil
}

// listScalars converts a list element by element with conv: elements that
// are atomic vectors of length one give their value, others na.
func listScalars[T any](l *eval.List, conv func(eval.Value) []T, na T) []T {
	r := make([]T, len(l.V))
	for i, e := range l.V {
		if lenOf(e) == 1 && isAtomicVec(e) {
			r[i] = conv(e)[0]
		} else {
			r[i] = na
		}
	}
	return r
}

func intsToDoubles(v []int32) []float64 {
	r := make([]float64, len(v))
	for i, n := range v {
		if n == eval.NAInt {
			r[i] = eval.NAReal
		} else {
			r[i] = float64(n)
		}
	}
	return r
}

// doubleToInt converts as as.integer does; ok is false when the value was
// out of range (NA produced with a warning in R).
func doubleToInt(f float64) (int32, bool) {
	if f != f {
		return eval.NAInt, true
	}
	if f >= 2147483648 || f <= -2147483649 {
		return eval.NAInt, false
	}
	return int32(f), true
}

// toInts returns the elements as integers (logical/integer slices are
// returned as is; do not modify).
func toInts(v eval.Value) []int32 {
	switch x := v.(type) {
	case *eval.Integer:
		return x.V
	case *eval.Logical:
		return x.V
	case *eval.Raw:
		r := make([]int32, len(x.V))
		for i, b := range x.V {
			r[i] = int32(b)
		}
		return r
	case *eval.Double:
		r := make([]int32, len(x.V))
		for i, f := range x.V {
			r[i], _ = doubleToInt(f)
		}
		return r
	case *eval.Character, *eval.Complex, *eval.List:
		d := toDoubles(v)
		r := make([]int32, len(d))
		for i, f := range d {
			r[i], _ = doubleToInt(f)
		}
		return r
	}
	return nil
}

// toLgls returns the elements as logicals (1, 0, NA).
func toLgls(v eval.Value) []int32 {
	switch x := v.(type) {
	case *eval.Logical:
		return x.V
	case *eval.Raw:
		r := make([]int32, len(x.V))
		for i, b := range x.V {
			r[i] = b2i(b != 0)
		}
		return r
	case *eval.Integer:
		r := make([]int32, len(x.V))
		for i, n := range x.V {
			switch {
			case n == eval.NAInt:
				r[i] = eval.NALogical
			case n != 0:
				r[i] = 1
			}
		}
		return r
	case *eval.Double:
		r := make([]int32, len(x.V))
		for i, f := range x.V {
			switch {
			case f != f:
				r[i] = eval.NALogical
			case f != 0:
				r[i] = 1
			}
		}
		return r
	case *eval.Character:
		r := make([]int32, len(x.V))
		for i, s := range x.V {
			r[i] = strToLgl(s)
		}
		return r
	case *eval.Complex:
		r := make([]int32, len(x.V))
		for i, c := range x.V {
			switch {
			case real(c) != real(c) || imag(c) != imag(c):
				r[i] = eval.NALogical
			case c != 0:
				r[i] = 1
			}
		}
		return r
	case *eval.List:
		return listScalars(x, toLgls, eval.NALogical)
	}
	return nil
}

// toStrs returns the elements as strings, as as.character does.
func toStrs(v eval.Value) []string {
	switch x := v.(type) {
	case *eval.Character:
		return x.V
	case *eval.NullType:
		return nil
	case *eval.List:
		r := make([]string, len(x.V))
		for i, e := range x.V {
			if c, ok := e.(*eval.Character); ok && len(c.V) == 1 {
				r[i] = c.V[0]
			} else if isAtomicVec(e) && lenOf(e) == 1 {
				r[i] = eval.AsStrings(e)[0]
			} else {
				r[i] = eval.DeparseValue(e)
			}
		}
		return r
	}
	return eval.AsStrings(v)
}

func toComplex(v eval.Value) []complex128 {
	if c, ok := v.(*eval.Complex); ok {
		return c.V
	}
	d := toDoubles(v)
	r := make([]complex128, len(d))
	for i, f := range d {
		if f != f {
			r[i] = complex(f, 0)
		} else {
			r[i] = complex(f, 0)
		}
	}
	return r
}

// toList returns the elements as a slice of values (atomic elements
// become length-one vectors).
func toList(v eval.Value) []eval.Value {
	switch x := v.(type) {
	case *eval.List:
		return x.V
	case *eval.NullType:
		return nil
	}
	n := lenOf(v)
	r := make([]eval.Value, n)
	for i := range r {
		r[i] = elemAt(v, i)
	}
	return r
}

// elemAt returns element i of an atomic vector as a length-one vector
// without attributes, or the i-th element of a list.
func elemAt(v eval.Value, i int) eval.Value {
	switch x := v.(type) {
	case *eval.Logical:
		return eval.NewLgl1(x.V[i])
	case *eval.Integer:
		return eval.NewInt1(x.V[i])
	case *eval.Double:
		return eval.NewDouble1(x.V[i])
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

// coerceVec returns the elements of v as a new vector of kind k, without
// attributes. The result may share storage with v when k is v's kind.
func coerceVec(v eval.Value, k vkind) eval.Value {
	switch k {
	case kRaw:
		r, _ := toRaw(v)
		return eval.NewRaw(r)
	case kLgl:
		return eval.NewLgl(toLgls(v))
	case kInt:
		if _, ok := v.(*eval.Logical); ok {
			return eval.NewInt(toLgls(v))
		}
		return eval.NewInt(toInts(v))
	case kDbl:
		return eval.NewDouble(toDoubles(v))
	case kCplx:
		return eval.NewComplex(toComplex(v))
	case kStr:
		return eval.NewStr(toStrs(v))
	case kList:
		return eval.NewList(toList(v), nil)
	case kNull:
		return eval.Null
	}
	return v
}

// coerceKeep is coerceVec that keeps v's attributes (copying the data).
func coerceKeep(v eval.Value, k vkind) eval.Value {
	if kindOf(v) == k {
		return v
	}
	r := coerceVec(v, k)
	if kindOf(v) == k {
		r = eval.Copy(r)
	}
	if h := hdr(v); h != nil && len(h.Attributes()) > 0 {
		if rh := hdr(r); rh != nil {
			for _, a := range h.Attributes() {
				rh.SetAttr(a.Name, a.Value)
			}
		}
	}
	return r
}

// newVec allocates a vector of kind k and length n filled with R's
// default (FALSE, 0, "", NULL).
func newVec(k vkind, n int) eval.Value {
	switch k {
	case kRaw:
		return eval.NewRaw(make([]byte, n))
	case kLgl:
		return eval.NewLgl(make([]int32, n))
	case kInt:
		return eval.NewInt(make([]int32, n))
	case kDbl:
		return eval.NewDouble(make([]float64, n))
	case kCplx:
		return eval.NewComplex(make([]complex128, n))
	case kStr:
		return eval.NewStr(make([]string, n))
	case kList:
		l := make([]eval.Value, n)
		for i := range l {
			l[i] = eval.Null
		}
		return &eval.List{V: l}
	}
	return eval.Null
}

// newNAVec allocates a vector of kind k and length n filled with NA.
func newNAVec(k vkind, n int) eval.Value {
	switch k {
	case kLgl:
		r := make([]int32, n)
		for i := range r {
			r[i] = eval.NALogical
		}
		return eval.NewLgl(r)
	case kInt:
		r := make([]int32, n)
		for i := range r {
			r[i] = eval.NAInt
		}
		return eval.NewInt(r)
	case kDbl:
		r := make([]float64, n)
		for i := range r {
			r[i] = eval.NAReal
		}
		return eval.NewDouble(r)
	case kCplx:
		r := make([]complex128, n)
		for i := range r {
			r[i] = complex(eval.NAReal, 0)
		}
		return eval.NewComplex(r)
	case kStr:
		r := make([]string, n)
		for i := range r {
			r[i] = eval.NAString
		}
		return eval.NewStr(r)
	}
	return newVec(k, n)
}

// toRaw converts the elements as as.raw does: values that are NA or
// outside 0..255 become 0 and set bad (R warns "out-of-range values
// treated as 0 in coercion to raw").
func toRaw(v eval.Value) (r []byte, bad bool) {
	if x, ok := v.(*eval.Raw); ok {
		return append([]byte(nil), x.V...), false
	}
	d := toDoubles(v)
	r = make([]byte, len(d))
	for i, f := range d {
		if f != f || f < 0 || f >= 256 {
			bad = true
			continue
		}
		r[i] = byte(f)
	}
	return r, bad
}

// ---- scalar arguments

func nullArg(v eval.Value) bool {
	if v == nil {
		return true
	}
	_, ok := v.(*eval.NullType)
	return ok
}

// argInt returns v as one integer; NA when v is NA or empty.
func intArg(v eval.Value) (int, bool) {
	if v == nil || lenOf(v) < 1 || !isAtomicVec(v) {
		return 0, false
	}
	switch x := v.(type) {
	case *eval.Integer:
		if x.V[0] == eval.NAInt {
			return 0, false
		}
		return int(x.V[0]), true
	case *eval.Logical:
		if x.V[0] == eval.NALogical {
			return 0, false
		}
		return int(x.V[0]), true
	}
	f := toDoubles(v)[0]
	if f != f || math.IsInf(f, 0) {
		return 0, false
	}
	return int(f), true
}

func floatArg(v eval.Value) (float64, bool) {
	if v == nil || lenOf(v) < 1 || !isAtomicVec(v) {
		return 0, false
	}
	f := toDoubles(v)[0]
	return f, f == f
}

// argBool returns v as one logical: 1, 0 or NA.
func lglArg(v eval.Value) int32 {
	if v == nil || lenOf(v) < 1 || !isAtomicVec(v) {
		return eval.NALogical
	}
	return toLgls(v)[0]
}

func trueArg(v eval.Value) bool { return lglArg(v) == 1 }

func strArg(v eval.Value) (string, bool) {
	if v == nil || lenOf(v) < 1 || !isAtomicVec(v) {
		return "", false
	}
	s := toStrs(v)[0]
	return s, s != eval.NAString
}

// dotsList returns the "..." argument slot as a list.
func dotsList(v eval.Value) *eval.List {
	if l, ok := v.(*eval.List); ok {
		return l
	}
	return &eval.List{}
}

// forceValue converts a Go value with ToR to a plain R value.
func plainValue(c *eval.Frame, v eval.Value) (eval.Value, error) {
	if t, ok := v.(eval.ToR); ok {
		if _, isVec := v.(eval.Vector); !isVec {
			return t.AsR(c.In)
		}
	}
	return v, nil
}

// warnf signals a warning from the current builtin's call.
func warnf(c *eval.Frame, format string, args ...any) error {
	return c.Warningf(format, args...)
}

// copyMostAttrib copies all attributes except names, dim and dimnames from
// src to dst (R's copyMostAttrib).
func copyMostAttrib(src, dst eval.Value) {
	sh, dh := hdr(src), hdr(dst)
	if sh == nil || dh == nil {
		return
	}
	for _, a := range sh.Attributes() {
		switch a.Name {
		case "names", "dim", "dimnames":
			continue
		}
		dh.SetAttr(a.Name, a.Value)
	}
}

func setNames(v eval.Value, names []string) {
	if h := hdr(v); h != nil {
		if names == nil {
			h.SetAttr("names", nil)
		} else {
			h.SetAttr("names", eval.NewStr(names))
		}
	}
}

func intDim(d []int) eval.Value {
	r := make([]int32, len(d))
	for i, x := range d {
		r[i] = int32(x)
	}
	return eval.NewInt(r)
}

func b2i(b bool) int32 {
	if b {
		return 1
	}
	return 0
}

func itoa(i int) string { return strconv.Itoa(i) }

func sprintf(format string, args ...any) string { return fmt.Sprintf(format, args...) }

// elemNames returns names(x) as R's getAttrib does: the names attribute,
// or dimnames[[1]] for a one-dimensional array.
func elemNames(x eval.Value) []string {
	if nm := eval.Names(x); nm != nil {
		return nm
	}
	if d := eval.Dim(x); len(d) == 1 {
		if dn, ok := attr(x, "dimnames").(*eval.List); ok && len(dn.V) == 1 {
			if _, isNull := dn.V[0].(*eval.NullType); !isNull {
				return toStrs(dn.V[0])
			}
		}
	}
	return nil
}
