package eval

import (
	"context"
	"fmt"
	"io"
	"math"
	"strconv"
	"strings"

	"torchr/lang/internal/rfmt"
	"torchr/lang/syntax"
)

// PrintTopCtx is PrintTop as its own top-level evaluation: cancellable
// through ctx, with Go panics turned into R errors and the call stacks
// reset afterwards.
func (in *Interp) PrintTopCtx(ctx context.Context, v Value) (err error) {
	in.ctx = ctx
	in.done = ctx.Done()
	defer func() {
		if r := recover(); r != nil {
			err = in.panicError(r, nil)
		}
		in.frames = in.frames[:0]
		in.handlers = nil
		in.restarts = nil
		in.bdepth = 0
		clear(in.astack)
		in.astack = in.astack[:0]
		clear(in.vstack)
		in.vstack = in.vstack[:0]
	}()
	return in.PrintTop(v)
}

// PrintTop prints a visible top-level value: objects (class attribute,
// Printer values) through print() with S3 dispatch, others directly.
func (in *Interp) PrintTop(v Value) error {
	if IsObject(v) {
		if _, err := in.CallFunction("print", []Arg{{Value: v, Expr: &syntax.Ident{Name: "x"}}}, in.Global); err != nil {
			return err
		}
		return nil
	}
	return in.PrintValue(v, in.Global)
}

// PrintValue prints v without S3 dispatch on v itself (print.default),
// using PrintHook when lang/base installed one.
func (in *Interp) PrintValue(v Value, env *Env) error {
	if in.PrintHook != nil {
		return in.PrintHook(in, v, env)
	}
	return in.printDefault(in.Stdout, v, env)
}

func (in *Interp) printDefault(w io.Writer, v Value, env *Env) error {
	s, err := in.FormatPrint(v, env)
	if err != nil {
		return err
	}
	_, err = io.WriteString(w, s)
	return err
}

// FormatPrint returns the text print(v) writes (print.default), including
// the final newline.
func (in *Interp) FormatPrint(v Value, env *Env) (string, error) {
	var b strings.Builder
	if err := in.formatPrint(&b, v, "", env); err != nil {
		return "", err
	}
	return b.String(), nil
}

// keepSource reports options("keep.source"): closures print their source
// text when TRUE (torchr's default, as at an interactive prompt), R's
// deparse otherwise.
func (in *Interp) keepSource() bool {
	v, ok := in.Options["keep.source"]
	return !ok || truthy(v)
}

// EnvLabel returns how an environment prints: "<environment: R_GlobalEnv>",
// "<environment: 0x...>".
func EnvLabel(e *Env) string {
	switch {
	case e.Name == "R_GlobalEnv":
		return "<environment: R_GlobalEnv>"
	case e.base:
		return "<environment: base>"
	case e.Name != "":
		return "<environment: " + e.Name + ">"
	}
	if e.id == 0 {
		e.id = envCounter.Add(1)
	}
	return fmt.Sprintf("<environment: 0x%012x>", 0x55d5c0000000+e.id*56)
}

func (in *Interp) formatPrint(b *strings.Builder, v Value, prefix string, env *Env) error {
	if p, ok := v.(Printer); ok {
		s, err := p.PrintText(in)
		if err != nil {
			return err
		}
		b.WriteString(s)
		return nil
	}
	switch x := v.(type) {
	case *NullType:
		b.WriteString("NULL\n")
		return nil
	case *Closure:
		if x.Src != "" {
			b.WriteString(x.Src)
		} else {
			b.WriteString(strings.Join(deparseClosure(x), "\n"))
		}
		b.WriteString("\n")
		if x.Env != nil && x.Env != in.Global && !x.Env.base {
			b.WriteString(EnvLabel(x.Env) + "\n")
		}
		in.formatAttrs(b, x, prefix, env, map[string]bool{"srcref": true})
		return nil
	case *Builtin:
		if x.langPrim {
			b.WriteString(".Primitive(\"" + x.Name + "\")\n")
			return nil
		}
		names := x.ParamNames()
		ps := make([]string, len(names))
		x.prepare()
		for i, p := range x.params {
			ps[i] = p.name
			if p.hasDef {
				ps[i] += " = " + p.defSrc
			}
		}
		_ = names
		b.WriteString("function (" + strings.Join(ps, ", ") + ")  .Primitive(\"" + x.Name + "\")\n")
		return nil
	case *Env:
		b.WriteString(EnvLabel(x) + "\n")
		in.formatAttrs(b, x, prefix, env, nil)
		return nil
	case *Lang:
		if id, ok := x.X.(*syntax.Ident); ok {
			if id.Name == "" {
				b.WriteString("\n")
			} else {
				b.WriteString(syntax.QuoteName(id.Name) + "\n")
			}
		} else {
			b.WriteString(DeparseExpr(x.X) + "\n")
		}
		skip := map[string]bool(nil)
		if classMatch(ClassAttr(x), "formula") {
			skip = map[string]bool{"class": true, ".Environment": true}
		}
		in.formatAttrs(b, x, prefix, env, skip)
		return nil
	case *List:
		return in.formatList(b, x, prefix, env)
	case Vector:
		if !in.printAtomic(b, x, in.PrintOptions()) {
			formatAtomic(b, x)
		}
		in.formatAttrs(b, x, prefix, env, map[string]bool{"names": true, "dim": true, "dimnames": true})
		return nil
	}
	b.WriteString("<" + v.TypeName() + ">\n")
	return nil
}

func (in *Interp) formatAttrs(b *strings.Builder, v Attributed, prefix string, env *Env, skip map[string]bool) {
	for _, a := range v.Hdr().Attributes() {
		if skip[a.Name] {
			continue
		}
		tag := "attr(,\"" + a.Name + "\")"
		b.WriteString(tag + "\n")
		_ = in.formatPrint(b, a.Value, prefix+tag, env)
	}
}

func (in *Interp) formatList(b *strings.Builder, x *List, prefix string, env *Env) error {
	// R's printAttributes never shows dim and dimnames: a list matrix
	// prints as a matrix, a 1-d list array as a plain list.
	skip := map[string]bool{"names": true, "dim": true, "dimnames": true}
	if d := Dim(x); len(d) > 1 {
		in.formatListArray(b, x, d)
		in.formatAttrs(b, x, prefix, env, skip)
		return nil
	}
	if len(x.V) == 0 {
		if x.Attr("names") != nil {
			b.WriteString("named list()\n")
		} else {
			b.WriteString("list()\n")
		}
		in.formatAttrs(b, x, prefix, env, skip)
		return nil
	}
	names := Names(x)
	if names == nil {
		// a 1-d list array is tagged by its dimnames, as R's names() sees them
		if dn, ok := x.Attr("dimnames").(*List); ok && len(dn.V) == 1 && dn.V[0] != Value(Null) {
			if nm := AsStrings(dn.V[0]); len(nm) == len(x.V) {
				names = nm
			}
		}
	}
	for i, e := range x.V {
		var tag string
		if names != nil && names[i] == NAString {
			tag = prefix + "$<NA>"
		} else if names != nil && names[i] != "" {
			n := names[i]
			if isSyntacticName(n) {
				tag = prefix + "$" + n
			} else {
				tag = prefix + "$`" + n + "`"
			}
		} else {
			tag = prefix + "[[" + strconv.Itoa(i+1) + "]]"
		}
		b.WriteString(tag + "\n")
		if IsObject(e) {
			var sb strings.Builder
			saved := in.Stdout
			in.Stdout = &sb
			_, err := in.CallFunction("print", []Arg{{Value: e}}, env)
			in.Stdout = saved
			if err != nil {
				return err
			}
			b.WriteString(sb.String())
		} else if err := in.formatPrint(b, e, tag, env); err != nil {
			return err
		}
		b.WriteString("\n")
	}
	in.formatAttrs(b, x, prefix, env, skip)
	return nil
}

// formatListArray prints a list with a dim attribute as R's
// PrintGenericVector does: a matrix (or array) of one-cell summaries, a
// length-one atomic cell by its value and any other by "type,length",
// unquoted and left-aligned unless print(right = TRUE).
func (in *Interp) formatListArray(b *strings.Builder, x *List, d []int) {
	o := in.PrintOptions()
	cells := make([]string, len(x.V))
	for i, e := range x.V {
		cells[i] = listCellSummary(e, o)
	}
	var dn *rfmt.Dimnames
	if l, ok := x.Attr("dimnames").(*List); ok {
		dn = &rfmt.Dimnames{Names: make([][]string, len(l.V))}
		for i, e := range l.V {
			if e != Value(Null) {
				dn.Names[i] = naNamesForPrint(AsStrings(e))
			}
		}
		if nm := Names(l); nm != nil {
			dn.Titles = nm
		}
	}
	o.Quote = false
	v := rfmt.Vec{Kind: rfmt.Character, S: cells}
	if len(d) == 2 {
		b.WriteString(rfmt.PrintMatrix(v, d[0], d[1], dn, o))
	} else {
		// R's printArray of the summaries is always left-aligned.
		o.Right = false
		b.WriteString(rfmt.PrintArray(v, d, dn, o))
	}
}

// listCellSummary is one cell of a printed list matrix (the switch in R's
// PrintGenericVector).
func listCellSummary(e Value, o rfmt.Options) string {
	one := func(v Vector) string {
		if rv, ok := ToRfmt(v); ok && rv.Kind != rfmt.Raw {
			s := strings.TrimSpace(strings.TrimPrefix(rfmt.PrintVector(rv, nil, o), "[1]"))
			return s
		}
		return FormatElements(v, false)[0]
	}
	switch v := e.(type) {
	case *NullType:
		return "NULL"
	case *Logical:
		if len(v.V) == 1 {
			return one(v)
		}
		return "logical," + strconv.Itoa(len(v.V))
	case *Integer:
		if classMatch(ClassAttr(v), "factor") {
			if lev, ok := v.Attr("levels").(*Character); ok && len(v.V) == 1 && v.V[0] != NAInt && int(v.V[0]) <= len(lev.V) {
				return lev.V[v.V[0]-1]
			}
			return "factor," + strconv.Itoa(len(v.V))
		}
		if len(v.V) == 1 {
			return one(v)
		}
		return "integer," + strconv.Itoa(len(v.V))
	case *Double:
		if len(v.V) == 1 {
			return one(v)
		}
		return "numeric," + strconv.Itoa(len(v.V))
	case *Complex:
		if len(v.V) == 1 {
			return one(v)
		}
		return "complex," + strconv.Itoa(len(v.V))
	case *Character:
		if len(v.V) == 1 {
			s := v.V[0]
			if s == NAString {
				s = "NA"
			}
			if len(s) < 100 {
				return "\"" + s + "\""
			}
			return "\"" + s[:99] + "\" [truncated]"
		}
		return "character," + strconv.Itoa(len(v.V))
	case *Raw:
		return "raw," + strconv.Itoa(len(v.V))
	case *List:
		if classMatch(ClassAttr(v), "expression") {
			return "?"
		}
		return "list," + strconv.Itoa(len(v.V))
	case *Lang:
		if _, ok := v.X.(*syntax.Ident); !ok {
			return "expression"
		}
	}
	return "?"
}

// FormatElements formats the elements of an atomic vector with common
// formatting (numbers right-aligned to a common width by the caller).
// This is a minimal formatter; lang/internal/rfmt provides R's exact rules.
var FormatElements = func(v Value, quote bool) []string {
	switch x := v.(type) {
	case *Double:
		return formatDoubles(x.V, 7)
	case *Integer:
		r := make([]string, len(x.V))
		for i, n := range x.V {
			if n == NAInt {
				r[i] = "NA"
			} else {
				r[i] = strconv.Itoa(int(n))
			}
		}
		return r
	case *Logical:
		r := make([]string, len(x.V))
		for i, n := range x.V {
			switch n {
			case NALogical:
				r[i] = "NA"
			case 0:
				r[i] = "FALSE"
			default:
				r[i] = "TRUE"
			}
		}
		return r
	case *Character:
		r := make([]string, len(x.V))
		for i, s := range x.V {
			switch {
			case s == NAString && quote:
				r[i] = "NA"
			case s == NAString:
				r[i] = "<NA>"
			case quote:
				r[i] = syntax.Quote(s)
			default:
				r[i] = s
			}
		}
		return r
	case *Raw:
		r := make([]string, len(x.V))
		for i, c := range x.V {
			r[i] = fmt.Sprintf("%02x", c)
		}
		return r
	case *Complex:
		r := make([]string, len(x.V))
		copy(r, rfmt.FormatComplex(x.V, 7, 0))
		return r
	}
	return nil
}

// formatDoubles formats with up to digits significant digits, the same
// number of decimals for all (R's common formatting, simplified).
func formatDoubles(v []float64, digits int) []string {
	r := make([]string, len(v))
	maxDec := 0
	sci := false
	for _, f := range v {
		if f != f || math.IsInf(f, 0) || f == 0 {
			continue
		}
		a := math.Abs(f)
		if a >= 1e15 || a < 1e-4 {
			sci = true
		}
		s := strconv.FormatFloat(f, 'g', digits, 64)
		if strings.ContainsAny(s, "e") {
			if a >= 1e15 || a < 1e-4 {
				sci = true
			}
			s = strconv.FormatFloat(f, 'f', -1, 64)
		}
		p, _ := strconv.ParseFloat(strconv.FormatFloat(f, 'g', digits, 64), 64)
		s = strconv.FormatFloat(p, 'f', -1, 64)
		if i := strings.IndexByte(s, '.'); i >= 0 {
			if d := len(s) - i - 1; d > maxDec {
				maxDec = d
			}
		}
	}
	for i, f := range v {
		switch {
		case IsNA(f):
			r[i] = "NA"
		case f != f:
			r[i] = "NaN"
		case math.IsInf(f, 1):
			r[i] = "Inf"
		case math.IsInf(f, -1):
			r[i] = "-Inf"
		case sci:
			s := strconv.FormatFloat(f, 'e', digits-1, 64)
			mant, exp, _ := strings.Cut(s, "e")
			if strings.Contains(mant, ".") {
				mant = strings.TrimRight(strings.TrimRight(mant, "0"), ".")
			}
			if len(exp) == 2 {
				exp = exp[:1] + "0" + exp[1:]
			}
			r[i] = mant + "e" + exp
		default:
			p, _ := strconv.ParseFloat(strconv.FormatFloat(f, 'g', digits, 64), 64)
			r[i] = strconv.FormatFloat(p, 'f', maxDec, 64)
		}
	}
	return r
}

func formatAtomic(b *strings.Builder, v Vector) {
	n := v.Len()
	if n == 0 {
		switch v.(type) {
		case *Double:
			b.WriteString("numeric(0)\n")
		case *Integer:
			b.WriteString("integer(0)\n")
		case *Logical:
			b.WriteString("logical(0)\n")
		case *Character:
			b.WriteString("character(0)\n")
		case *Complex:
			b.WriteString("complex(0)\n")
		case *Raw:
			b.WriteString("raw(0)\n")
		}
		return
	}
	elems := FormatElements(v, true)
	if d := Dim(v); len(d) == 2 {
		formatMatrix(b, v, elems, d[0], d[1])
		return
	}
	_, isStr := v.(*Character)
	names := Names(v)
	if names != nil {
		w := 0
		for i := range elems {
			if l := runeLen(elems[i]); l > w {
				w = l
			}
			nm := names[i]
			if nm == NAString {
				nm = "<NA>"
			}
			if l := runeLen(nm); l > w {
				w = l
			}
		}
		perLine := 80 / (w + 1)
		if perLine < 1 {
			perLine = 1
		}
		for start := 0; start < n; start += perLine {
			end := min(start+perLine, n)
			for i := start; i < end; i++ {
				nm := names[i]
				if nm == NAString {
					nm = "<NA>"
				}
				b.WriteString(pad(nm, w, false))
				if i < end-1 {
					b.WriteString(" ")
				}
			}
			b.WriteString("\n")
			for i := start; i < end; i++ {
				b.WriteString(pad(elems[i], w, false))
				if i < end-1 {
					b.WriteString(" ")
				}
			}
			b.WriteString("\n")
		}
		return
	}
	w := 0
	for _, e := range elems {
		if l := runeLen(e); l > w {
			w = l
		}
	}
	lab := len(strconv.Itoa(n)) + 2
	perLine := (80 - lab) / (w + 1)
	if perLine < 1 {
		perLine = 1
	}
	for start := 0; start < n; start += perLine {
		end := min(start+perLine, n)
		l := "[" + strconv.Itoa(start+1) + "]"
		b.WriteString(strings.Repeat(" ", lab-len(l)) + l)
		for i := start; i < end; i++ {
			b.WriteString(" ")
			b.WriteString(pad(elems[i], w, isStr))
		}
		b.WriteString("\n")
	}
}

func pad(s string, w int, left bool) string {
	n := runeLen(s)
	if n >= w {
		return s
	}
	if left {
		return s + strings.Repeat(" ", w-n)
	}
	return strings.Repeat(" ", w-n) + s
}

func formatMatrix(b *strings.Builder, v Vector, elems []string, nr, nc int) {
	var rn, cn []string
	if dn, ok := v.Hdr().Attr("dimnames").(*List); ok && len(dn.V) == 2 {
		if c, ok := dn.V[0].(*Character); ok {
			rn = c.V
		}
		if c, ok := dn.V[1].(*Character); ok {
			cn = c.V
		}
	}
	_, isStr := v.(*Character)
	rl := make([]string, nr)
	rw := 0
	for i := 0; i < nr; i++ {
		if rn != nil {
			rl[i] = rn[i]
		} else {
			rl[i] = "[" + strconv.Itoa(i+1) + ",]"
		}
		if l := runeLen(rl[i]); l > rw {
			rw = l
		}
	}
	cl := make([]string, nc)
	cw := make([]int, nc)
	for j := 0; j < nc; j++ {
		if cn != nil {
			cl[j] = cn[j]
		} else {
			cl[j] = "[," + strconv.Itoa(j+1) + "]"
		}
		cw[j] = runeLen(cl[j])
		for i := 0; i < nr; i++ {
			if l := runeLen(elems[j*nr+i]); l > cw[j] {
				cw[j] = l
			}
		}
	}
	for start := 0; start < nc || (nc == 0 && start == 0); {
		width := rw
		end := start
		for end < nc && (end == start || width+1+cw[end] <= 80) {
			width += 1 + cw[end]
			end++
		}
		b.WriteString(strings.Repeat(" ", rw))
		for j := start; j < end; j++ {
			b.WriteString(" ")
			b.WriteString(pad(cl[j], cw[j], isStr && cn != nil))
		}
		b.WriteString("\n")
		for i := 0; i < nr; i++ {
			b.WriteString(pad(rl[i], rw, true))
			for j := start; j < end; j++ {
				b.WriteString(" ")
				b.WriteString(pad(elems[j*nr+i], cw[j], isStr))
			}
			b.WriteString("\n")
		}
		if nc == 0 {
			break
		}
		start = end
	}
}
