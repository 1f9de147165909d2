package eval

import (
	"math"
	"unsafe"

	"torchr/lang/syntax"
)

// Value is any R value. TypeName returns R's typeof() of the value
// ("double", "list", "closure", ...); Go types added by other packages
// usually return "externalptr" or "environment".
type Value interface {
	TypeName() string
}

// NA values.
const (
	// NAInt is NA_integer_ and also the NA of logical vectors.
	NAInt int32 = math.MinInt32
	// NALogical is NA for *Logical.
	NALogical int32 = math.MinInt32
	// NAString is NA_character_ as stored in *Character. R strings cannot
	// contain NUL, so the sentinel cannot collide with a real string; use
	// IsNAString or compare with NAString.
	NAString = "\x00NA\x00"
)

// naRealBits is R's NA_real_: a NaN whose low word is 1954.
const naRealBits = 0x7FF00000000007A2

// NAReal is R's NA_real_ (distinct from NaN: IsNA reports true only for it).
var NAReal = math.Float64frombits(naRealBits)

// IsNA reports whether x is R's NA_real_ (not just any NaN).
func IsNA(x float64) bool {
	return x != x && uint32(math.Float64bits(x)) == 1954
}

// IsNaNorNA reports whether x is NA or NaN (R's is.na on doubles).
func IsNaNorNA(x float64) bool { return x != x }

// IsNAString reports whether s is NA_character_.
func IsNAString(s string) bool { return s == NAString }

// Attr is one attribute: a name and a value.
type Attr struct {
	Name  string
	Value Value
}

// Header is embedded in every vector and list. It holds the attributes in
// R's order and the sharing count.
//
// Sharing (R's NAMED): Named is 0 for a fresh temporary, 1 when the value is
// referenced once (bound to one variable or stored in one list slot), 2 when
// it may be referenced more than once. Whoever stores a value into a
// variable or container calls Ref on it. A function that wants to modify its
// argument in place (replacement functions such as `[<-`, `names<-`) calls
// Modifiable first, which returns the value itself when Named is 0 and a
// copy otherwise. The evaluator lowers Named to 0 for the target of
// `x[i] <- v` when x is referenced only by its binding, so loops modify in
// place instead of copying.
type Header struct {
	attrs *[]Attr // nil when there are no attributes
	named uint8
}

// Hdr returns the header itself; it makes every type that embeds Header an
// Attributed.
func (h *Header) Hdr() *Header { return h }

// Attributes returns the attributes in order. The slice must not be
// modified.
func (h *Header) Attributes() []Attr {
	if h.attrs == nil {
		return nil
	}
	return *h.attrs
}

// Attr returns the attribute called name, or nil.
func (h *Header) Attr(name string) Value {
	if h.attrs == nil {
		return nil
	}
	for _, a := range *h.attrs {
		if a.Name == name {
			return a.Value
		}
	}
	return nil
}

func (h *Header) setList(a []Attr) {
	if len(a) == 0 {
		h.attrs = nil
		return
	}
	h.attrs = &a
}

// SetAttr sets (or, with v == nil or Null, removes) an attribute in place.
// The caller must own the value (see Modifiable). The value stored is Ref'd.
func (h *Header) SetAttr(name string, v Value) {
	cur := h.Attributes()
	if v == nil || v == Value(Null) {
		for i := range cur {
			if cur[i].Name == name {
				na := make([]Attr, 0, len(cur)-1)
				na = append(na, cur[:i]...)
				h.setList(append(na, cur[i+1:]...))
				return
			}
		}
		return
	}
	Ref(v)
	for i := range cur {
		if cur[i].Name == name {
			na := make([]Attr, len(cur))
			copy(na, cur)
			na[i].Value = v
			h.setList(na)
			return
		}
	}
	na := make([]Attr, len(cur), len(cur)+1)
	copy(na, cur)
	h.setList(append(na, Attr{name, v}))
}

// ClearAttrs removes all attributes.
func (h *Header) ClearAttrs() { h.attrs = nil }

// SetAttributes replaces all attributes (the slice is not copied).
func (h *Header) SetAttributes(a []Attr) {
	for _, x := range a {
		Ref(x.Value)
	}
	h.setList(a)
}

// Named returns the sharing count (0, 1 or 2).
func (h *Header) Named() uint8 { return h.named }

// SetNamed sets the sharing count; only the evaluator should lower it.
func (h *Header) SetNamed(n uint8) { h.named = n }

// Attributed is implemented by every value that embeds Header.
type Attributed interface {
	Value
	Hdr() *Header
}

// Ref records one more reference to v (a binding or a container slot).
func Ref(v Value) {
	if a, ok := v.(Attributed); ok {
		h := a.Hdr()
		if h.named < 2 {
			h.named++
		}
	}
}

// Gather returns v[pos]: na where a position is out of range (-1 for an
// NA subscript).
func Gather[T any](v []T, pos []int, na T) []T {
	r := make([]T, len(pos))
	for k, i := range pos {
		if i < 0 || i >= len(v) {
			r[k] = na
		} else {
			r[k] = v[i]
		}
	}
	return r
}

// MarkShared sets v's sharing count to 2 (it may be referenced from several
// places), so any later modification copies it first.
func MarkShared(v Value) {
	if a, ok := v.(Attributed); ok {
		if h := a.Hdr(); h.named != 2 {
			h.named = 2
		}
	}
}

// Shared reports whether v may be referenced from more than one place.
func Shared(v Value) bool {
	if a, ok := v.(Attributed); ok {
		return a.Hdr().named >= 2
	}
	return false
}

// Modifiable returns v itself if nobody else references it (Named == 0),
// otherwise a shallow copy (data and attributes copied, list elements
// shared and Ref'd). Replacement functions call it before modifying their
// first argument.
func Modifiable(v Value) Value {
	if a, ok := v.(Attributed); ok && a.Hdr().named == 0 {
		return v
	}
	return Copy(v)
}

func (h *Header) copyAttrs() *[]Attr {
	if h.attrs == nil {
		return nil
	}
	na := make([]Attr, len(*h.attrs))
	copy(na, *h.attrs)
	for _, a := range na {
		MarkShared(a.Value)
	}
	return &na
}

// Copy returns a fresh copy of a vector or list (Named 0) with its
// attributes. Other values are returned unchanged.
func Copy(v Value) Value {
	switch x := v.(type) {
	case *Double:
		r := &Double{V: append([]float64(nil), x.V...)}
		r.attrs = x.copyAttrs()
		return r
	case *Integer:
		r := &Integer{V: append([]int32(nil), x.V...)}
		r.attrs = x.copyAttrs()
		return r
	case *Logical:
		r := &Logical{V: append([]int32(nil), x.V...)}
		r.attrs = x.copyAttrs()
		return r
	case *Character:
		r := &Character{V: append([]string(nil), x.V...)}
		r.attrs = x.copyAttrs()
		return r
	case *Complex:
		r := &Complex{V: append([]complex128(nil), x.V...)}
		r.attrs = x.copyAttrs()
		return r
	case *Raw:
		r := &Raw{V: append([]byte(nil), x.V...)}
		r.attrs = x.copyAttrs()
		return r
	case *List:
		r := &List{V: append([]Value(nil), x.V...)}
		for _, e := range r.V {
			MarkShared(e)
		}
		r.attrs = x.copyAttrs()
		return r
	case *Closure:
		r := *x
		r.attrs = x.copyAttrs()
		r.named = 0
		return &r
	case *Lang:
		r := *x
		r.attrs = x.copyAttrs()
		r.named = 0
		return &r
	}
	return v
}

// Logical is a logical vector: 1 TRUE, 0 FALSE, NALogical NA.
type Logical struct {
	Header
	V []int32
}

// Integer is an integer vector; NAInt is NA.
type Integer struct {
	Header
	V []int32
}

// Double is a double (numeric) vector; NAReal is NA.
type Double struct {
	Header
	V []float64
}

// Complex is a complex vector (minimal support).
type Complex struct {
	Header
	V []complex128
}

// Raw is a raw (byte) vector (minimal support).
type Raw struct {
	Header
	V []byte
}

// Character is a character vector; NAString is NA.
type Character struct {
	Header
	V []string
}

// List is a generic vector (R list).
type List struct {
	Header
	V []Value
}

// NullType is the type of Null.
type NullType struct{}

// Null is R's NULL.
var Null = &NullType{}

func (*Logical) TypeName() string   { return "logical" }
func (*Integer) TypeName() string   { return "integer" }
func (*Double) TypeName() string    { return "double" }
func (*Complex) TypeName() string   { return "complex" }
func (*Raw) TypeName() string       { return "raw" }
func (*Character) TypeName() string { return "character" }
func (*List) TypeName() string      { return "list" }
func (*NullType) TypeName() string  { return "NULL" }

// Len returns the number of elements.
func (x *Logical) Len() int   { return len(x.V) }
func (x *Integer) Len() int   { return len(x.V) }
func (x *Double) Len() int    { return len(x.V) }
func (x *Complex) Len() int   { return len(x.V) }
func (x *Raw) Len() int       { return len(x.V) }
func (x *Character) Len() int { return len(x.V) }
func (x *List) Len() int      { return len(x.V) }
func (*NullType) Len() int    { return 0 }

// Vector is implemented by the atomic vectors and lists.
type Vector interface {
	Attributed
	Len() int
}

// scalar allocation helpers: one allocation per scalar.
type dblBox struct {
	d Double
	a [1]float64
}
type intBox struct {
	d Integer
	a [1]int32
}
type strBox struct {
	d Character
	a [1]string
}

// Scalar constructors (fresh values, Named 0).

// NewDouble1 returns a length-one double vector.
func NewDouble1(x float64) *Double {
	b := &dblBox{}
	b.a[0] = x
	b.d.V = b.a[:]
	return &b.d
}

// NewInt1 returns a length-one integer vector.
func NewInt1(x int32) *Integer {
	b := &intBox{}
	b.a[0] = x
	b.d.V = b.a[:]
	return &b.d
}

// NewLgl1 returns a length-one logical vector (x is 1, 0 or NALogical).
func NewLgl1(x int32) *Logical {
	return &Logical{V: []int32{x}}
}

// NewBool returns TRUE or FALSE as a fresh logical vector.
func NewBool(b bool) *Logical {
	if b {
		return NewLgl1(1)
	}
	return NewLgl1(0)
}

// NewStr1 returns a length-one character vector.
func NewStr1(s string) *Character {
	b := &strBox{}
	b.a[0] = s
	b.d.V = b.a[:]
	return &b.d
}

// NewDouble, NewInt, NewLgl, NewStr wrap a slice (not copied).
func NewDouble(v []float64) *Double      { return &Double{V: v} }
func NewInt(v []int32) *Integer          { return &Integer{V: v} }
func NewLgl(v []int32) *Logical          { return &Logical{V: v} }
func NewStr(v []string) *Character       { return &Character{V: v} }
func NewComplex(v []complex128) *Complex { return &Complex{V: v} }

// NewRaw returns a raw vector holding v.
func NewRaw(v []byte) *Raw { return &Raw{V: v} }

// NewList returns a list of vals (Ref'd) with the given names (nil for
// none).
func NewList(vals []Value, names []string) *List {
	for _, v := range vals {
		Ref(v)
	}
	l := &List{V: vals}
	if names != nil {
		l.SetAttr("names", NewStr(names))
	}
	return l
}

// True and False are shared constant logical scalars; never modify them.
var (
	True  = sharedLgl(1)
	False = sharedLgl(0)
	NALgl = sharedLgl(NALogical)
)

func sharedLgl(x int32) *Logical {
	l := NewLgl1(x)
	l.named = 2
	return l
}

// Bool returns the shared True or False.
func Bool(b bool) *Logical {
	if b {
		return True
	}
	return False
}

// Names returns the names attribute as a []string (nil if none).
func Names(v Value) []string {
	if a, ok := v.(Attributed); ok {
		if n, ok := a.Hdr().Attr("names").(*Character); ok {
			return n.V
		}
	}
	if e, ok := v.(*Env); ok {
		_ = e
	}
	return nil
}

// ClassAttr returns the class attribute (nil if none). For capability
// types implementing HasClass it returns their class vector.
func ClassAttr(v Value) []string {
	switch x := v.(type) {
	case Attributed:
		if c, ok := x.Hdr().Attr("class").(*Character); ok {
			return c.V
		}
		if hc, ok := v.(HasClass); ok {
			return hc.Class()
		}
		return nil
	case HasClass:
		return x.Class()
	}
	return nil
}

// IsObject reports whether v has a class attribute (R's is.object).
func IsObject(v Value) bool { return ClassAttr(v) != nil }

// Dim returns the dim attribute as ints (nil if none).
func Dim(v Value) []int {
	a, ok := v.(Attributed)
	if !ok {
		return nil
	}
	switch d := a.Hdr().Attr("dim").(type) {
	case *Integer:
		r := make([]int, len(d.V))
		for i, x := range d.V {
			r[i] = int(x)
		}
		return r
	case *Double:
		r := make([]int, len(d.V))
		for i, x := range d.V {
			r[i] = int(x)
		}
		return r
	}
	return nil
}

// Length returns R's length(v) without dispatch: vector length, 1 for
// functions/symbols, the number of bindings for environments, HasLength for
// capability types.
func Length(v Value) int {
	switch x := v.(type) {
	case Vector:
		return x.Len()
	case *NullType:
		return 0
	case *Env:
		return x.Len()
	case HasLength:
		return x.Length()
	case *Lang:
		return x.Len()
	}
	return 1
}

// MissingArgType is the type of MissingArg.
type MissingArgType struct{}

func (*MissingArgType) TypeName() string { return "symbol" }

// MissingArg marks an empty argument (x[1, ]) and an unmatched formal
// without default (R's R_MissingArg).
var MissingArg = &MissingArgType{}

// Closure is an R function: formals, body and the defining environment.
type Closure struct {
	Header
	Params []syntax.Param
	Body   syntax.Expr
	Env    *Env
	// Src is the source text shown by print (may be empty: then deparsed).
	Src string
	// Fn is the syntax node the closure came from (nil if built otherwise).
	Fn *syntax.Function

	pnames []string // cached formal names
	pdots  int
}

func (*Closure) TypeName() string { return "closure" }

// Lang is a language object: a symbol (X is *syntax.Ident), a call or any
// other unevaluated syntax (quote(), substitute(), body()).
type Lang struct {
	Header
	X syntax.Expr
}

// TypeName is "symbol" for a name and "language" otherwise.
func (l *Lang) TypeName() string {
	if _, ok := l.X.(*syntax.Ident); ok {
		return "symbol"
	}
	return "language"
}

// Len returns the length of a call as R counts it (function + arguments).
func (l *Lang) Len() int {
	switch x := l.X.(type) {
	case *syntax.Call:
		return 1 + len(x.Args)
	case *syntax.Binary, *syntax.Assign:
		return 3
	case *syntax.Unary, *syntax.Paren:
		return 2
	case *syntax.Index:
		return 2 + len(x.Args)
	case *syntax.Dollar:
		return 3
	case *syntax.Block:
		return 1 + len(x.Stmts)
	case *syntax.If:
		if x.Else != nil {
			return 4
		}
		return 3
	case *syntax.For:
		return 4
	case *syntax.While:
		return 3
	case *syntax.Function:
		return 4
	}
	return 1
}

// NewSymbol returns the symbol name as a language object.
func NewSymbol(name string) *Lang { return &Lang{X: &syntax.Ident{Name: name}} }

// Promise is a lazily evaluated argument. It appears only inside
// environments and argument lists; Force evaluates it once.
type Promise struct {
	Expr  syntax.Expr
	Env   *Env // nil once forced
	Value Value
	// forcing detects recursive default argument references.
	forcing bool
	// isDefault marks the promise of a default argument (missing() is TRUE).
	isDefault bool
}

func (*Promise) TypeName() string { return "promise" }

// NewForcedPromise returns a promise that already has a value (used for
// arguments supplied from Go, e.g. by do.call or S3 dispatch).
func NewForcedPromise(expr syntax.Expr, v Value) *Promise {
	return &Promise{Expr: expr, Value: v}
}

// Dots is the value bound to "..." in a closure's environment.
type Dots struct {
	Args []Arg
}

func (*Dots) TypeName() string { return "..." }

// Arg is one supplied argument of a call: its name ("" if unnamed), its
// value (evaluated, a *Promise for closures, or MissingArg when empty) and,
// when known, the expression as written (used by deparse, substitute and
// error messages).
type Arg struct {
	Name  string
	Value Value
	Expr  syntax.Expr
}

// stringHeader avoids an import of reflect for a quick pointer-equality
// check of two strings.
func sameString(a, b string) bool {
	if len(a) != len(b) {
		return false
	}
	if len(a) == 0 || unsafe.StringData(a) == unsafe.StringData(b) {
		return true
	}
	return a[0] == b[0] && a == b
}
