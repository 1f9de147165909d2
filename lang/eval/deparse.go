package eval

import (
	"strconv"
	"strings"

	"torchr/lang/internal/rfmt"
	"torchr/lang/syntax"
)

var deparseOpts = &syntax.DeparseOptions{}

func init() {
	deparseOpts.Value = func(v any) string {
		if rv, ok := v.(Value); ok {
			return DeparseValue(rv)
		}
		return "<value>"
	}
}

// DeparseExpr renders an expression as R's deparse() would, lines joined
// with "\n". Embedded values (syntax.Value) are deparsed with DeparseValue.
func DeparseExpr(x syntax.Expr) string {
	return strings.Join(syntax.DeparseLines(x, deparseOpts), "\n")
}

// DeparseLines renders an expression as R's deparse(x, width.cutoff).
func DeparseLines(x syntax.Expr, width int) []string {
	o := *deparseOpts
	o.Width = width
	return syntax.DeparseLines(x, &o)
}

// DeparseValue renders a value as R source, as deparse() does for
// vectors and lists (c(1, 2), 1:3, "a", list(a = 1), structure(...)).
func DeparseValue(v Value) string {
	return strings.Join(DeparseValueLines(v, 0), "\n")
}

// DeparseValueLines renders a value as deparse(v, width.cutoff) lines.
func DeparseValueLines(v Value, width int) []string {
	switch x := v.(type) {
	case *Lang:
		if width == 0 {
			return syntax.DeparseLines(x.X, deparseOpts)
		}
		return DeparseLines(x.X, width)
	case *Closure:
		if x.Src != "" {
			return strings.Split(x.Src, "\n")
		}
		return deparseClosure(x)
	}
	if vec, ok := ToRfmt(v); ok && width > 0 && onlyNames(v) {
		// deparse()/dput() of a plain vector: R's line breaking
		names := Names(v)
		var na []bool
		if names != nil {
			na = make([]bool, len(names))
			for i, s := range names {
				na[i] = s == NAString
			}
		}
		return rfmt.DeparseAtomic(vec, names, na, width)
	}
	return []string{deparseValue(v)}
}

// onlyNames reports whether v has no attributes but names.
func onlyNames(v Value) bool {
	a, ok := v.(Attributed)
	if !ok {
		return true
	}
	for _, at := range a.Hdr().Attributes() {
		if at.Name != "names" {
			return false
		}
	}
	return true
}

// deparseClosure renders a closure without source as R does: a header
// line "function (x, y = 2) " and the body on the following lines.
func deparseClosure(f *Closure) []string {
	ps := make([]string, len(f.Params))
	for i, p := range f.Params {
		ps[i] = syntax.QuoteName(p.Name)
		if p.Name == "..." {
			ps[i] = "..."
		}
		if p.Default != nil {
			ps[i] += " = " + strings.Join(syntax.DeparseLines(p.Default, deparseOpts), " ")
		}
	}
	lines := []string{"function (" + strings.Join(ps, ", ") + ") "}
	return append(lines, syntax.DeparseLines(f.Body, deparseOpts)...)
}

func deparseValue(v Value) string {
	s := deparseNoAttr(v)
	a, ok := v.(Attributed)
	if !ok {
		return s
	}
	attrs := a.Hdr().Attributes()
	var extra []string
	for _, at := range attrs {
		if at.Name == "names" {
			if _, isList := v.(*List); isList {
				continue
			}
			if _, isVec := v.(Vector); isVec {
				continue
			}
		}
		n := at.Name
		switch n {
		}
		extra = append(extra, quoteArgName(n)+" = "+deparseValue(at.Value))
	}
	if len(extra) == 0 {
		return s
	}
	return "structure(" + s + ", " + strings.Join(extra, ", ") + ")"
}

func quoteArgName(n string) string {
	if isSyntacticName(n) {
		return n
	}
	return syntax.Quote(n)
}

func deparseNoAttr(v Value) string {
	names := Names(v)
	item := func(i int, s string) string {
		if names != nil && names[i] != "" {
			return quoteArgName(names[i]) + " = " + s
		}
		return s
	}
	join := func(n int, f func(i int) string, empty string, forceC bool) string {
		if n == 0 {
			return empty
		}
		parts := make([]string, n)
		for i := 0; i < n; i++ {
			parts[i] = item(i, f(i))
		}
		if n == 1 && names == nil && !forceC {
			return parts[0]
		}
		return "c(" + strings.Join(parts, ", ") + ")"
	}
	switch x := v.(type) {
	case *NullType:
		return "NULL"
	case *Double:
		allNA := true
		for _, f := range x.V {
			if !IsNA(f) {
				allNA = false
			}
		}
		return join(len(x.V), func(i int) string {
			f := x.V[i]
			if IsNA(f) {
				if allNA {
					return "NA_real_"
				}
				return "NA"
			}
			return syntax.FormatNum(f)
		}, "numeric(0)", false)
	case *Integer:
		if len(x.V) > 1 && names == nil {
			ok := true
			for i := 1; i < len(x.V); i++ {
				if x.V[i-1] == NAInt || x.V[i] != x.V[i-1]+1 {
					ok = false
					break
				}
			}
			if ok {
				return strconv.Itoa(int(x.V[0])) + ":" + strconv.Itoa(int(x.V[len(x.V)-1]))
			}
		}
		allNA := true
		for _, f := range x.V {
			if f != NAInt {
				allNA = false
			}
		}
		return join(len(x.V), func(i int) string {
			if x.V[i] == NAInt {
				if allNA {
					return "NA_integer_"
				}
				return "NA"
			}
			return strconv.Itoa(int(x.V[i])) + "L"
		}, "integer(0)", false)
	case *Logical:
		return join(len(x.V), func(i int) string {
			switch x.V[i] {
			case 0:
				return "FALSE"
			case NALogical:
				return "NA"
			}
			return "TRUE"
		}, "logical(0)", false)
	case *Character:
		allNA := true
		for _, s := range x.V {
			if s != NAString {
				allNA = false
			}
		}
		return join(len(x.V), func(i int) string {
			if x.V[i] == NAString {
				if allNA {
					return "NA_character_"
				}
				return "NA"
			}
			return syntax.Quote(x.V[i])
		}, "character(0)", false)
	case *Complex:
		return join(len(x.V), func(i int) string {
			c := x.V[i]
			return syntax.FormatNum(real(c)) + "+" + syntax.FormatNum(imag(c)) + "i"
		}, "complex(0)", false)
	case *List:
		parts := make([]string, len(x.V))
		for i, e := range x.V {
			parts[i] = item(i, deparseValue(e))
		}
		return "list(" + strings.Join(parts, ", ") + ")"
	case *Lang:
		return syntax.DeparseOneLine(x.X)
	case *Closure:
		if x.Src != "" {
			return x.Src
		}
		return strings.Join(deparseClosure(x), "\n")
	case *Builtin:
		return ".Primitive(\"" + x.Name + "\")"
	case *Env:
		return "<environment>"
	case *MissingArgType:
		return ""
	case *Promise:
		return DeparseExpr(x.Expr)
	}
	if f, ok := v.(Formatter); ok {
		if s, err := f.FormatText(nil); err == nil {
			return s
		}
	}
	return "<" + v.TypeName() + ">"
}
