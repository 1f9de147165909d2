package eval

import (
	"fmt"
	"math"
	"strconv"
	"strings"
	"sync"

	"torchr/lang/syntax"
)

// Builtin is a function implemented in Go.
//
// Formals are R-style parameter specs: "x", "times = 1", "...", "na.rm =
// FALSE". Defaults must be constants (numbers, strings, TRUE/FALSE/NA/NULL,
// possibly negative); any other default is parsed and evaluated in the base
// environment on each call. Before Fn runs, the supplied arguments are
// matched to the formals by R's rules (exact names, partial names for
// formals before "...", positional, the rest into "..."; "unused argument"
// errors otherwise), and Fn receives one slot per formal, in order:
//   - a matched argument: its value (evaluated, unless Special);
//   - an unmatched formal with a default: the default's value;
//   - an unmatched formal without default: nil;
//   - the "..." formal: a *List of the collected arguments (names attribute
//     set when any is named; MissingArg for empty arguments such as in
//     x[1, ]), never nil.
//
// Fn must not keep the args slice or the *Frame after returning. It reports
// R errors by returning an error: Errorf (message only; the evaluator adds
// the call), or any error (its text becomes the message). A Go panic inside
// Fn is recovered and becomes an R error naming the call.
type Builtin struct {
	Header
	Name    string
	Formals []string
	Fn      func(c *Frame, args []Value) (Value, error)
	// Special builtins receive their matched arguments unevaluated, as
	// *Promise values (Expr and Env set; force with c.Force). Used for
	// quote, substitute, missing, on.exit, switch, tryCatch...
	Special bool
	// Generic builtins dispatch S3 methods (name.class) on the class of the
	// first argument before running Fn (R's internal generics: print,
	// format, length, as.character, `[`, `$`, ...).
	Generic bool
	// Invisible marks results invisible (like invisible()). Fn may also
	// call c.In.SetVisible(false).
	Invisible bool
	// KeepVisible keeps the visibility set while Fn evaluated R code (eval,
	// do.call); otherwise results of non-special builtins are visible
	// unless Invisible. Special builtins always keep it.
	KeepVisible bool
	// NoDispatch disables the automatic Ops/capability dispatch the
	// evaluator does for operator builtins (rarely needed).
	NoDispatch bool
	// Temps marks builtins that neither keep their arguments nor return
	// them, and whose result is a new value (the torch_* ops): temporaries
	// passed to them are released once they return, and their result is
	// a temporary itself (see Temporary).
	Temps bool

	// langPrim marks language constructs (`if`, `for`, `(`...), printed as
	// .Primitive("if").
	langPrim bool

	once   sync.Once
	params []bparam
	dots   int // index of "..." in params, or -1
}

type bparam struct {
	name   string
	def    Value       // constant default, or nil
	defX   syntax.Expr // non-constant default
	defSrc string
	hasDef bool
}

// TypeName is R's typeof: "builtin" or "special" for R's primitives,
// "closure" for builtins that are R closures in GNU R (paste, lapply...).
func (b *Builtin) TypeName() string {
	if !IsPrimitive(b) {
		return "closure"
	}
	if b.Special || b.langPrim {
		return "special"
	}
	return "builtin"
}

// builtinTable is written only by Register during package initialization
// and read-only afterwards, so lookups need no lock.
var builtinTable = map[string]*Builtin{}

// Register adds b to the global builtin table, visible in every session's
// base environment. It must only be called from package init functions
// (the table is read without locking afterwards);
// a later registration of the same name replaces the earlier one (so
// lang/base can replace the minimal operators of this package).
func Register(b *Builtin) {
	if b.Fn == nil {
		panic("eval.Register: nil Fn for " + b.Name)
	}
	builtinTable[b.Name] = b
}

// RegisterAll registers several builtins.
func RegisterAll(bs ...*Builtin) {
	for _, b := range bs {
		Register(b)
	}
}

// LookupBuiltin returns the registered builtin called name, or nil.
func LookupBuiltin(name string) *Builtin {
	return builtinTable[name]
}

// BuiltinNames returns the names of all registered builtins.
func BuiltinNames() []string {
	r := make([]string, 0, len(builtinTable))
	for n := range builtinTable {
		r = append(r, n)
	}
	return r
}

func (b *Builtin) prepare() {
	b.once.Do(func() {
		b.dots = -1
		for i, f := range b.Formals {
			p := bparam{}
			if eq := strings.Index(f, "="); eq >= 0 {
				p.name = strings.TrimSpace(f[:eq])
				p.defSrc = strings.TrimSpace(f[eq+1:])
				p.hasDef = true
				p.def = constDefault(p.defSrc)
				if p.def == nil {
					p.defX, _ = syntax.ParseExpr(p.defSrc)
				}
			} else {
				p.name = strings.TrimSpace(f)
			}
			if p.name == "..." {
				b.dots = i
			}
			b.params = append(b.params, p)
		}
	})
}

// IsPrimitive reports whether b is a primitive in GNU R (is.primitive);
// other builtins stand for R closures of base.
func IsPrimitive(b *Builtin) bool { return b.langPrim || rPrimitives[b.Name] }

// ParamNames returns the formal names of b.
func (b *Builtin) ParamNames() []string {
	b.prepare()
	r := make([]string, len(b.params))
	for i, p := range b.params {
		r[i] = p.name
	}
	return r
}

func constDefault(s string) Value {
	var v Value
	switch s {
	case "TRUE", "T":
		v = NewLgl1(1)
	case "FALSE", "F":
		v = NewLgl1(0)
	case "NA":
		v = NewLgl1(NALogical)
	case "NULL":
		return Null
	case "NA_integer_":
		v = NewInt1(NAInt)
	case "NA_real_":
		v = NewDouble1(NAReal)
	case "NA_character_":
		v = NewStr1(NAString)
	case "Inf":
		v = NewDouble1(math.Inf(1))
	case "-Inf":
		v = NewDouble1(math.Inf(-1))
	default:
		if len(s) >= 2 && (s[0] == '"' || s[0] == '\'') && s[len(s)-1] == s[0] {
			if u, err := strconv.Unquote(`"` + strings.ReplaceAll(s[1:len(s)-1], `"`, `\"`) + `"`); err == nil {
				v = NewStr1(u)
				break
			}
			return nil
		}
		if strings.HasSuffix(s, "L") {
			if n, err := strconv.ParseInt(s[:len(s)-1], 10, 32); err == nil {
				v = NewInt1(int32(n))
				break
			}
			return nil
		}
		if f, err := strconv.ParseFloat(s, 64); err == nil {
			v = NewDouble1(f)
			break
		}
		return nil
	}
	MarkShared(v)
	return v
}

// errMatch is an argument-matching error (message only).
type errMatch struct{ msg string }

func (e *errMatch) Error() string { return e.msg }

// matchArgs matches supplied args to formal names by R's rules. It returns,
// for each formal, the index of the matched arg (-1 if none), and the
// indices of the args that go to "..." (in order). dots is the index of
// "..." among formals or -1.
func matchArgs(names []string, dots int, args []Arg, fm []int, dotArgs []int) ([]int, []int, error) {
	nf := len(names)
	for i := range fm {
		fm[i] = -1
	}
	named := false
	for i := range args {
		if args[i].Name != "" {
			named = true
			break
		}
	}
	if !named {
		// Positional fast path.
		fi := 0
		for ai := range args {
			if fi < nf && fi != dots {
				fm[fi] = ai
				fi++
				continue
			}
			if dots >= 0 {
				dotArgs = append(dotArgs, ai)
				continue
			}
			var unused []int
			for k := ai; k < len(args); k++ {
				unused = append(unused, k)
			}
			return fm, dotArgs, unusedErr(args, unused, nil)
		}
		return fm, dotArgs, nil
	}
	var amBuf [16]int8
	var am []int8 // per arg: 1 matched
	if len(args) <= len(amBuf) {
		am = amBuf[:len(args)]
	} else {
		am = make([]int8, len(args))
	}
	// 1. exact
	for ai := range args {
		n := args[ai].Name
		if n == "" {
			continue
		}
		for fi, f := range names {
			if fi != dots && f == n {
				if fm[fi] >= 0 {
					return fm, dotArgs, &errMatch{fmt.Sprintf("formal argument %q matched by multiple actual arguments", f)}
				}
				fm[fi] = ai
				am[ai] = 1
				break
			}
		}
	}
	// 2. partial (formals before ...)
	lim := nf
	if dots >= 0 {
		lim = dots
	}
	for ai := range args {
		n := args[ai].Name
		if n == "" || am[ai] != 0 {
			continue
		}
		found := -1
		for fi := 0; fi < lim; fi++ {
			if fm[fi] < 0 && strings.HasPrefix(names[fi], n) {
				if found >= 0 {
					return fm, dotArgs, &errMatch{fmt.Sprintf("argument %d matches multiple formal arguments", ai+1)}
				}
				found = fi
			}
		}
		if found >= 0 {
			fm[found] = ai
			am[ai] = 1
		}
	}
	// 3. positional
	fi := 0
	var unused []int
	for ai := range args {
		if am[ai] != 0 {
			continue
		}
		if args[ai].Name == "" {
			for fi < nf && (fm[fi] >= 0 || fi == dots) {
				if fi == dots {
					break
				}
				fi++
			}
			if fi < nf && fi != dots {
				fm[fi] = ai
				fi++
				continue
			}
		}
		if dots >= 0 {
			dotArgs = append(dotArgs, ai)
		} else {
			unused = append(unused, ai)
		}
	}
	if unused != nil {
		return fm, dotArgs, unusedErr(args, unused, nil)
	}
	return fm, dotArgs, nil
}

func unusedErr(args []Arg, idx []int, _ any) error {
	var parts []string
	for _, i := range idx {
		a := args[i]
		s := ""
		if a.Expr != nil {
			s = DeparseExpr(a.Expr)
		} else if a.Value == MissingArg {
			s = ""
		} else {
			s = DeparseValue(forcedValue(a.Value))
		}
		if a.Name != "" {
			s = quoteName(a.Name) + " = " + s
		}
		parts = append(parts, s)
	}
	if len(parts) == 1 {
		return &errMatch{"unused argument (" + parts[0] + ")"}
	}
	return &errMatch{"unused arguments (" + strings.Join(parts, ", ") + ")"}
}

func forcedValue(v Value) Value {
	if p, ok := v.(*Promise); ok {
		if p.Env == nil && p.Value != nil {
			return p.Value
		}
		return &Lang{X: p.Expr}
	}
	return v
}

// quoteName backquotes a name that is not syntactic.
func quoteName(n string) string {
	if isSyntacticName(n) {
		return n
	}
	return "`" + strings.ReplaceAll(n, "`", "\\`") + "`"
}

var reservedWords = map[string]bool{
	"if": true, "else": true, "repeat": true, "while": true, "function": true, "for": true,
	"next": true, "break": true, "TRUE": true, "FALSE": true, "NULL": true, "Inf": true,
	"NaN": true, "NA": true, "NA_integer_": true, "NA_real_": true, "NA_character_": true, "in": true,
}

func isSyntacticName(n string) bool {
	if n == "" || reservedWords[n] {
		return false
	}
	if n == "..." {
		return true
	}
	c := n[0]
	if !(c == '.' || c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= 0x80) {
		return false
	}
	if c == '.' && len(n) > 1 && n[1] >= '0' && n[1] <= '9' {
		return false
	}
	for i := 1; i < len(n); i++ {
		c := n[i]
		if !(c == '.' || c == '_' || c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9' || c >= 0x80) {
			return false
		}
	}
	return true
}

// bind matches args to b's formals and fills out (len(out) == len(params)).
func (in *Interp) bindBuiltin(b *Builtin, c *Frame, args []Arg, out []Value) error {
	b.prepare()
	nf := len(b.params)
	var fmBuf [12]int
	var fm []int
	if nf <= len(fmBuf) {
		fm = fmBuf[:nf]
	} else {
		fm = make([]int, nf)
	}
	var names [12]string
	var nm []string
	if nf <= len(names) {
		nm = names[:nf]
	} else {
		nm = make([]string, nf)
	}
	for i := range b.params {
		nm[i] = b.params[i].name
	}
	fm, dotIdx, err := matchArgs(nm, b.dots, args, fm, nil)
	if err != nil {
		return err
	}
	for fi := range b.params {
		if fi == b.dots {
			vals := make([]Value, len(dotIdx))
			var dn []string
			for k, ai := range dotIdx {
				vals[k] = args[ai].Value
				if args[ai].Name != "" {
					if dn == nil {
						dn = make([]string, len(dotIdx))
					}
					dn[k] = args[ai].Name
				}
			}
			out[fi] = NewList(vals, dn)
			continue
		}
		if ai := fm[fi]; ai >= 0 {
			v := args[ai].Value
			if v == MissingArg && !b.Special {
				v = nil
			}
			if v != nil {
				out[fi] = v
				continue
			}
		}
		p := &b.params[fi]
		if !p.hasDef {
			out[fi] = nil
			continue
		}
		if p.def != nil {
			out[fi] = p.def
			continue
		}
		if p.defX == nil {
			return fmt.Errorf("bad default %q for %s", p.defSrc, b.Name)
		}
		if b.Special {
			// Non-constant defaults of special builtins are left to Fn.
			out[fi] = nil
			continue
		}
		v, err := in.Eval(p.defX, in.Base)
		if err != nil {
			return err
		}
		out[fi] = v
	}
	return nil
}
