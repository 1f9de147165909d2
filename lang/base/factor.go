package base

// Factors and tables: factor, as.factor, levels, levels<-, nlevels, droplevels
// (minimal), print.factor, table (one or two factors), print.table; and a
// minimal str().

import (
	"io"
	"sort"
	"strings"

	"torchr/lang/eval"
	"torchr/lang/internal/rfmt"
	"torchr/lang/syntax"
)

// sortedUnique returns the distinct non-NA values of x as strings, in
// R's sort order for x's type.
func sortedUnique(x eval.Value) []string {
	switch v := x.(type) {
	case *eval.Double, *eval.Integer, *eval.Logical:
		d, _ := coDoubles(v, nil)
		seen := map[float64]bool{}
		var u []float64
		for _, f := range d {
			if f != f || seen[f] {
				continue
			}
			seen[f] = true
			u = append(u, f)
		}
		sort.Float64s(u)
		r := make([]string, len(u))
		src := eval.NewDouble(u)
		var s []string
		switch x.(type) {
		case *eval.Integer:
			iv := make([]int32, len(u))
			for i, f := range u {
				iv[i] = int32(f)
			}
			s, _ = coStrings(eval.NewInt(iv))
		case *eval.Logical:
			iv := make([]int32, len(u))
			for i, f := range u {
				iv[i] = int32(f)
			}
			s, _ = coStrings(eval.NewLgl(iv))
		default:
			s, _ = coStrings(src)
		}
		copy(r, s)
		return r
	}
	s, _ := coStrings(x)
	seen := map[string]bool{}
	var u []string
	for _, e := range s {
		if eval.IsNAString(e) || seen[e] {
			continue
		}
		seen[e] = true
		u = append(u, e)
	}
	sort.SliceStable(u, func(i, j int) bool { return collate(u[i], u[j]) < 0 })
	return u
}

func makeFactor(codes []int32, levels []string, ordered bool) *eval.Integer {
	f := eval.NewInt(codes)
	f.SetAttr("levels", eval.NewStr(levels))
	if ordered {
		f.SetAttr("class", eval.NewStr([]string{"ordered", "factor"}))
	} else {
		f.SetAttr("class", eval.NewStr1("factor"))
	}
	return f
}

func builtinFactor(c *eval.Frame, a []eval.Value) (eval.Value, error) {
	x := a[0]
	if x == nil || isNull(x) {
		x = eval.NewStr(nil)
	}
	var levels []string
	if a[1] == nil {
		levels = sortedUnique(x)
	} else {
		l, ok := coStrings(a[1])
		if !ok {
			return nil, c.Errorf("invalid 'levels' argument")
		}
		levels = l
	}
	xs, ok := coStrings(x)
	if !ok {
		return nil, c.Errorf("invalid 'x' argument")
	}
	index := make(map[string]int32, len(levels))
	for i, l := range levels {
		if _, dup := index[l]; !dup {
			index[l] = int32(i + 1)
		}
	}
	codes := make([]int32, len(xs))
	for i, s := range xs {
		if k, ok := index[s]; ok && !eval.IsNAString(s) {
			codes[i] = k
		} else {
			codes[i] = eval.NAInt
		}
	}
	labels := levels
	if a[2] != nil {
		l, ok := coStrings(a[2])
		if !ok {
			return nil, c.Errorf("invalid 'labels'; length %d should be 1 or %d", eval.Length(a[2]), len(levels))
		}
		switch {
		case len(l) == len(levels):
			labels = l
		case len(l) == 1 && len(levels) > 1:
			labels = make([]string, len(levels))
			for i := range labels {
				labels[i] = l[0] + itoaInt(i+1)
			}
		case len(l) == 1:
			labels = l
		default:
			return nil, c.Errorf("invalid 'labels'; length %d should be 1 or %d", len(l), len(levels))
		}
	}
	ordered := false
	if a[4] != nil {
		ordered, _ = argBool(c, a[4], "ordered")
	}
	f := makeFactor(codes, append([]string(nil), labels...), ordered)
	if n := namesOf(x); n != nil {
		f.SetAttr("names", n)
	}
	return f, nil
}

func itoaInt(i int) string { return rfmt.EncodeInteger(i, 0, "NA") }

func init() {
	eval.RegisterAll(
		&eval.Builtin{Name: "factor", Formals: []string{"x", "levels", "labels", "exclude = NA", "ordered = FALSE", "nmax = NA"}, Fn: builtinFactor},
		&eval.Builtin{Name: "as.factor", Formals: []string{"x"}, Fn: func(c *eval.Frame, a []eval.Value) (eval.Value, error) {
			if isFactor(a[0]) {
				return a[0], nil
			}
			return builtinFactor(c, []eval.Value{a[0], nil, nil, nil, nil, nil})
		}},
		&eval.Builtin{Name: "levels", Formals: []string{"x"}, Generic: true, Fn: func(c *eval.Frame, a []eval.Value) (eval.Value, error) {
			if at, ok := a[0].(eval.Attributed); ok {
				if l := at.Hdr().Attr("levels"); l != nil {
					return l, nil
				}
			}
			return eval.Null, nil
		}},
		&eval.Builtin{Name: "levels<-", Formals: []string{"x", "value"}, Generic: true, Fn: func(c *eval.Frame, a []eval.Value) (eval.Value, error) {
			return setAttr(c, a[0], "levels", a[1])
		}},
		&eval.Builtin{Name: "nlevels", Formals: []string{"x"}, Fn: func(c *eval.Frame, a []eval.Value) (eval.Value, error) {
			return eval.NewInt1(int32(len(factorLevels(a[0])))), nil
		}},
		&eval.Builtin{Name: "is.ordered", Formals: []string{"x"}, Fn: func(c *eval.Frame, a []eval.Value) (eval.Value, error) {
			return eval.Bool(hasClass(a[0], "ordered")), nil
		}},
		&eval.Builtin{Name: "print.factor", Invisible: true, Formals: []string{"x", "quote = FALSE", "max.levels = NULL", "width = getOption(\"width\")", "..."}, Fn: printFactor},
		&eval.Builtin{Name: "as.character.factor", Formals: []string{"x", "..."}, Fn: func(c *eval.Frame, a []eval.Value) (eval.Value, error) {
			s, _ := coStrings(a[0])
			return withNames(eval.NewStr(s), a[0]), nil
		}},
		&eval.Builtin{Name: "table", Formals: []string{"...", "exclude = NULL", `useNA = "no"`, "dnn = NULL", "deparse.level = 1"}, Fn: builtinTable},
		&eval.Builtin{Name: "print.table", Invisible: true, Formals: []string{"x", "..."}, Fn: printTable},
		&eval.Builtin{Name: "str", Invisible: true, Generic: true, Formals: []string{"object", "..."}, Fn: func(c *eval.Frame, a []eval.Value) (eval.Value, error) {
			var b strings.Builder
			if err := strValue(c, &b, a[0], " ", 0); err != nil {
				return nil, err
			}
			_, err := io.WriteString(c.In.Stdout, b.String())
			return eval.Null, err
		}},
	)
}

func printFactor(c *eval.Frame, a []eval.Value) (eval.Value, error) {
	x := a[0]
	lev := factorLevels(x)
	s, _ := coStrings(x)
	o := printOptions(c.In)
	o.Quote = false
	var b strings.Builder
	if len(s) == 0 {
		b.WriteString("factor(0)\n")
	} else {
		na := make([]bool, len(s))
		anyNA := false
		for i, v := range s {
			na[i] = eval.IsNAString(v)
			anyNA = anyNA || na[i]
		}
		vec := rfmt.Vec{Kind: rfmt.Character, S: s}
		if anyNA {
			vec.SNA = na
		}
		b.WriteString(rfmt.PrintVector(vec, eval.Names(x), o))
	}
	ordered := hasClass(x, "ordered")
	sep := " "
	if ordered {
		sep = " < "
	}
	line := "Levels:"
	if ordered {
		line = "Levels:"
	}
	width := o.Width
	lev = append([]string(nil), lev...)
	for i, l := range lev {
		if l == eval.NAString {
			// an NA level (addNA) shows as <NA>
			lev[i] = "<NA>"
		}
	}
	// R wraps the levels line at the width; keep it simple when it fits.
	all := line + " " + strings.Join(lev, sep)
	if rfmt.DisplayWidth(all) <= width {
		b.WriteString(all + "\n")
	} else {
		cur := line
		for _, l := range lev {
			if rfmt.DisplayWidth(cur)+len(sep)+rfmt.DisplayWidth(l) > width {
				b.WriteString(cur + "\n")
				cur = l
				continue
			}
			cur += sep + l
		}
		b.WriteString(cur + "\n")
	}
	_, err := io.WriteString(c.In.Stdout, b.String())
	return x, err
}

// tableArgNames returns the dimnames names table() uses for its
// arguments (deparse.level = 1: symbol arguments only).
func tableArgNames(c *eval.Frame, dots *eval.List) []string {
	names := eval.Names(dots)
	out := make([]string, len(dots.V))
	k := 0
	for _, arg := range c.Args {
		if k >= len(out) {
			break
		}
		if arg.Name != "" && arg.Name != "..." {
			switch arg.Name {
			case "exclude", "useNA", "dnn", "deparse.level":
				continue
			}
		}
		if names != nil && names[k] != "" {
			out[k] = names[k]
		} else if id, ok := arg.Expr.(*syntax.Ident); ok {
			out[k] = id.Name
		}
		k++
	}
	return out
}

func builtinTable(c *eval.Frame, a []eval.Value) (eval.Value, error) {
	dots := a[0].(*eval.List)
	if len(dots.V) == 0 {
		return nil, c.Errorf("nothing to tabulate")
	}
	if len(dots.V) > 2 {
		return nil, c.Errorf("table() of more than two factors is not supported")
	}
	dn := tableArgNames(c, dots)
	var facs []*eval.Integer
	n := -1
	for _, v := range dots.V {
		f := v
		if !isFactor(v) {
			fv, err := builtinFactor(c, []eval.Value{v, nil, nil, nil, nil, nil})
			if err != nil {
				return nil, err
			}
			f = fv
		}
		fi := f.(*eval.Integer)
		if n >= 0 && len(fi.V) != n {
			return nil, c.Errorf("all arguments must have the same length")
		}
		n = len(fi.V)
		facs = append(facs, fi)
	}
	useNA := "no"
	if u, ok := a[2].(*eval.Character); ok && len(u.V) > 0 {
		useNA = u.V[0]
	}
	switch useNA {
	case "no", "ifany", "always":
	default:
		return nil, errorInCall(c, "match.arg(useNA)", "'arg' should be one of \u201cno\u201d, \u201cifany\u201d, \u201calways\u201d")
	}
	dims := make([]int32, len(facs))
	dimnames := make([]eval.Value, len(facs))
	for i, f := range facs {
		lev := append([]string(nil), factorLevels(f)...)
		hasNA := false
		for _, code := range f.V {
			hasNA = hasNA || code == eval.NAInt
		}
		if useNA == "always" || useNA == "ifany" && hasNA {
			// NA counts in an extra last level named NA
			codes := make([]int32, len(f.V))
			for k, code := range f.V {
				if code == eval.NAInt {
					code = int32(len(lev) + 1)
				}
				codes[k] = code
			}
			lev = append(lev, eval.NAString)
			facs[i] = eval.NewInt(codes)
		}
		dims[i] = int32(len(lev))
		dimnames[i] = eval.NewStr(lev)
	}
	total := 1
	for _, d := range dims {
		total *= int(d)
	}
	counts := make([]int32, total)
	for i := 0; i < n; i++ {
		idx, mult := 0, 1
		skip := false
		for k, f := range facs {
			code := f.V[i]
			if code == eval.NAInt {
				skip = true
				break
			}
			idx += int(code-1) * mult
			mult *= int(dims[k])
		}
		if !skip {
			counts[idx]++
		}
	}
	r := eval.NewInt(counts)
	r.SetAttr("dim", eval.NewInt(dims))
	r.SetAttr("dimnames", eval.NewList(dimnames, dn))
	r.SetAttr("class", eval.NewStr1("table"))
	return r, nil
}

func printTable(c *eval.Frame, a []eval.Value) (eval.Value, error) {
	x := a[0]
	dims := eval.Dim(x)
	at, ok := x.(eval.Attributed)
	if !ok || len(dims) != 1 {
		// Two-way tables print as print.table does: the cells formatted
		// together (format(unclass(x))), NA shown blank, numbers
		// right-aligned.
		y := eval.Copy(x).(eval.Attributed)
		y.Hdr().SetAttr("class", nil)
		var cells *eval.Character
		switch {
		case ok && isNumeric(y):
			fx, err := c.In.CallFunction("format", []eval.Arg{{Value: y}}, c.Env)
			if err != nil {
				return nil, err
			}
			f, isStr := fx.(*eval.Character)
			if !isStr {
				return x, c.In.PrintValue(y, c.Env)
			}
			cells = eval.Copy(f).(*eval.Character)
			for i, f := range toDoubles(y) {
				if f != f && i < len(cells.V) {
					cells.V[i] = ""
				}
			}
		case ok && kindOf(y) == kStr:
			cells = eval.Copy(y).(*eval.Character)
			for i, v := range cells.V {
				if v == eval.NAString {
					cells.V[i] = ""
				}
			}
		default:
			return x, c.In.PrintValue(y, c.Env)
		}
		_, err := c.In.CallFunction("print", []eval.Arg{{Value: cells}, {Name: "quote", Value: eval.False}, {Name: "right", Value: eval.Bool(isNumeric(y))}}, c.Env)
		return x, err
	}
	dnl, _ := at.Hdr().Attr("dimnames").(*eval.List)
	var labels []string
	title := ""
	if dnl != nil && len(dnl.V) == 1 {
		labels, _ = coStrings(dnl.V[0])
		labels = append([]string(nil), labels...)
		for i, l := range labels {
			if l == eval.NAString {
				labels[i] = "<NA>"
			}
		}
		if n := eval.Names(dnl); n != nil {
			title = n[0]
		}
	}
	vec, _ := toVec(x)
	var b strings.Builder
	b.WriteString(title + "\n")
	if len(labels) == 0 {
		b.WriteString("< table of extent 0 >\n")
	} else {
		b.WriteString(rfmt.PrintVector(vec, labels, printOptions(c.In)))
	}
	_, err := io.WriteString(c.In.Stdout, b.String())
	return x, err
}

// strValue is str(): atomic vectors and arrays through rfmt.StrAtomicOpts,
// factors, lists and data frames recursively (components indented by
// " .."), functions, symbols and calls, then the attributes str.default
// shows (" - attr(*, \"name\")=").
func strValue(c *eval.Frame, b *strings.Builder, v eval.Value, indent string, nest int) error {
	return strValueOpts(c, b, v, indent, nest, false)
}

func strValueOpts(c *eval.Frame, b *strings.Builder, v eval.Value, indent string, nest int, noLength bool) error {
	width := optInt(c.In, "width")
	if width <= 0 {
		width = 80
	}
	components := func(x *eval.List, noLen bool) error {
		names := eval.Names(x)
		w := 0
		for _, n := range names {
			w = max(w, rfmt.DisplayWidth(n))
		}
		for i, e := range x.V {
			n := ""
			if names != nil {
				n = names[i]
			}
			b.WriteString(indent + "$ " + n + strings.Repeat(" ", w-rfmt.DisplayWidth(n)) + ":")
			if err := strValueOpts(c, b, e, indent+" ..", nest+1, noLen); err != nil {
				return err
			}
		}
		return nil
	}
	attrs := func(x eval.Value, skip ...string) error {
		h := hdr(x)
		if h == nil {
			return nil
		}
	next:
		for _, at := range h.Attributes() {
			for _, k := range skip {
				if at.Name == k {
					continue next
				}
			}
			b.WriteString(indent + "- attr(*, \"" + at.Name + "\")=")
			if err := strValueOpts(c, b, at.Value, indent+" ..", nest+1, false); err != nil {
				return err
			}
		}
		return nil
	}
	switch x := v.(type) {
	case *eval.NullType:
		b.WriteString(" NULL\n")
		return nil
	case *eval.List:
		if isDataFrame(x) {
			nrow, _ := dfShape(x)
			plural := "s"
			if len(x.V) == 1 {
				plural = ""
			}
			b.WriteString("'data.frame':\t" + itoaInt(nrow) + " obs. of  " + itoaInt(len(x.V)) + " variable" + plural)
			if len(x.V) == 0 {
				b.WriteString("\n")
				return nil
			}
			b.WriteString(":\n")
			return components(x, true)
		}
		if classMatchAny(x, "expression") {
			break
		}
		if len(x.V) == 0 {
			b.WriteString(" list()\n")
		} else {
			b.WriteString("List of " + itoaInt(len(x.V)) + "\n")
			if err := components(x, false); err != nil {
				return err
			}
		}
		return attrs(x, "names")
	case *eval.Closure:
		ps := make([]string, len(x.Params))
		for i, p := range x.Params {
			ps[i] = p.Name
			if p.Default != nil {
				ps[i] += " = " + eval.DeparseExpr(p.Default)
			}
		}
		b.WriteString("function (" + strings.Join(ps, ", ") + ")  \n")
		return nil
	case *eval.Builtin:
		b.WriteString("function (" + ")  \n")
		return nil
	case *eval.Lang:
		if id, ok := x.X.(*syntax.Ident); ok {
			b.WriteString(" symbol " + id.Name + "\n")
		} else {
			b.WriteString(" language " + eval.DeparseValue(x) + "\n")
		}
		return nil
	case *eval.Complex:
		n := len(x.V)
		k := min(n, 3)
		f, err := c.In.CallFunction("format", []eval.Arg{{Value: eval.NewComplex(x.V[:k])}, {Name: "digits", Value: eval.NewInt1(3)}}, c.Env)
		if err != nil {
			return err
		}
		parts := toStrs(f)
		for i := range parts {
			parts[i] = strings.TrimSpace(parts[i])
		}
		head := " cplx"
		if n != 1 {
			head += " [1:" + itoaInt(n) + "]"
		}
		b.WriteString(head + " " + strings.Join(parts, " "))
		if n > k {
			b.WriteString(" ...")
		}
		b.WriteString("\n")
		return nil
	}
	if isFactor(v) {
		lev := factorLevels(v)
		fx := v.(*eval.Integer)
		var sb strings.Builder
		sb.WriteString(" Factor w/ " + itoaInt(len(lev)) + " level")
		if len(lev) != 1 {
			sb.WriteString("s")
		}
		if len(lev) > 0 {
			sb.WriteString(" ")
		}
		for i, l := range lev {
			if i > 0 {
				sb.WriteString(",")
			}
			sb.WriteString("\"" + l + "\"")
		}
		sb.WriteString(": ")
		for i, k := range fx.V {
			if i >= 10 {
				sb.WriteString(" ...")
				break
			}
			if i > 0 {
				sb.WriteString(" ")
			}
			sb.WriteString(rfmt.EncodeInteger(int(k), 0, "NA"))
		}
		b.WriteString(sb.String() + "\n")
		return nil
	}
	vec, ok := toVec(v)
	if r, isRaw := v.(*eval.Raw); isRaw {
		vec, ok = rfmt.Vec{Kind: rfmt.Raw, R: r.V}, true
	}
	if !ok || kindOf(v) == kList {
		if out, found, err := strMethod(c, v); found || err != nil {
			b.WriteString(out)
			return err
		}
		b.WriteString(" " + typeofValue(v) + "\n")
		return nil
	}
	o := rfmt.StrOpts{Dims: eval.Dim(v), NoLength: noLength}
	if cl := eval.ClassAttr(v); len(cl) > 0 {
		o.Class = cl[0]
	}
	names := eval.Names(v)
	if o.Dims != nil {
		names = nil
	}
	b.WriteString(rfmt.StrAtomicOpts(vec, names, indent, nest, width, o))
	return attrs(v, "names", "dim", "class")
}

// classMatchAny reports whether v's class attribute includes cl.
func classMatchAny(v eval.Value, cl string) bool {
	for _, c := range eval.ClassAttr(v) {
		if c == cl {
			return true
		}
	}
	return false
}

// strMethod runs the str() S3 method of a classed value that has no
// layout here (a tensor inside a list), as R's str.default does by calling
// str() on each element, and returns what the method printed.
func strMethod(c *eval.Frame, v eval.Value) (string, bool, error) {
	for _, cl := range eval.ClassAttr(v) {
		fn, err := c.In.Get(c.Env, "str."+cl)
		if err != nil {
			return "", false, err
		}
		switch fn.(type) {
		case *eval.Closure, *eval.Builtin:
		default:
			continue
		}
		var out strings.Builder
		stdout := c.In.Stdout
		c.In.Stdout = &out
		_, err = c.In.Apply(fn, []eval.Arg{{Value: v}}, nil, c.Env)
		c.In.Stdout = stdout
		return out.String(), true, err
	}
	return "", false, nil
}

// names() of a one-dimensional array (a table, a tapply result) is its
// dimnames[[1]], as in R. The evaluator's names() handles everything else.
func init() {
	prev := eval.LookupBuiltin("names")
	if prev == nil {
		return
	}
	prevFn := prev.Fn
	prev.Fn = func(c *eval.Frame, a []eval.Value) (eval.Value, error) {
		if at, ok := a[0].(eval.Attributed); ok && len(eval.Dim(a[0])) == 1 && at.Hdr().Attr("names") == nil {
			if dn, ok := at.Hdr().Attr("dimnames").(*eval.List); ok && len(dn.V) == 1 {
				return dn.V[0], nil
			}
		}
		return prevFn(c, a)
	}
}
