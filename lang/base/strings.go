package base

// String functions: nchar, substr, substring, strsplit, paste, paste0,
// toupper, tolower, casefold, trimws, startsWith, endsWith, toString,
// chartr, strtoi, strrep, utf8ToInt, intToUtf8, sQuote, dQuote, shQuote,
// noquote, encodeString.

import (
	"strconv"
	"strings"
	"unicode/utf8"

	"torchr/lang/eval"
	"torchr/lang/internal/rfmt"
)

// charArg coerces a string-vector argument (as.character semantics).
func charArg(c *eval.Frame, v eval.Value, fn string) ([]string, error) {
	if v == nil {
		return nil, nil
	}
	s, ok := coStrings(v)
	if !ok {
		return nil, c.Errorf("non-character argument")
	}
	return s, nil
}

// requireChar demands a character vector (strsplit, startsWith, ...).
func requireChar(c *eval.Frame, v eval.Value, msg string) ([]string, error) {
	x, ok := v.(*eval.Character)
	if !ok {
		return nil, c.Errorf("%s", msg)
	}
	return x.V, nil
}

// intsArg coerces an integer-vector argument.
func intsArg(c *eval.Frame, v eval.Value, name string) ([]int32, error) {
	r, ok := coInts(v, nil)
	if !ok {
		return nil, c.Errorf("invalid '%s' argument", name)
	}
	return r, nil
}

// keepNames gives r the names of x (and dim/dimnames when keepDim).
func keepAttrs(r eval.Attributed, x eval.Value, keepDim bool) eval.Value {
	at, ok := x.(eval.Attributed)
	if !ok {
		return r
	}
	for _, k := range []string{"names", "dim", "dimnames"} {
		if k != "names" && !keepDim {
			continue
		}
		if v := at.Hdr().Attr(k); v != nil {
			r.Hdr().SetAttr(k, v)
		}
	}
	return r
}

// runeSlice returns the characters [from, to) (0-based, clamped).
func runeSub(s string, from, to int) string {
	if from < 0 {
		from = 0
	}
	if to <= from {
		return ""
	}
	i, start, end := 0, -1, len(s)
	for off := range s {
		if i == from {
			start = off
		}
		if i == to {
			end = off
			break
		}
		i++
	}
	if start < 0 {
		return ""
	}
	return s[start:end]
}

func init() {
	eval.RegisterAll(
		&eval.Builtin{Name: "nchar", Formals: []string{"x", `type = "chars"`, "allowNA = FALSE", "keepNA = NA"}, Fn: builtinNchar},
		&eval.Builtin{Name: "nzchar", Formals: []string{"x", "keepNA = FALSE"}, Fn: func(c *eval.Frame, a []eval.Value) (eval.Value, error) {
			s, err := charArg(c, a[0], "nzchar")
			if err != nil {
				return nil, err
			}
			keep, _ := argBool(c, a[1], "keepNA")
			r := make([]int32, len(s))
			for i, x := range s {
				switch {
				case eval.IsNAString(x) && keep:
					r[i] = eval.NALogical
				case x != "":
					r[i] = 1
				}
			}
			return keepAttrs(eval.NewLgl(r), a[0], false), nil
		}},
		&eval.Builtin{Name: "substr", Formals: []string{"x", "start", "stop"}, Fn: builtinSubstr},
		&eval.Builtin{Name: "substring", Formals: []string{"text", "first", "last = 1000000L"}, Fn: builtinSubstring},
		&eval.Builtin{Name: "substr<-", Formals: []string{"x", "start", "stop", "value"}, Fn: builtinSubstrAssign},
		&eval.Builtin{Name: "substring<-", Formals: []string{"text", "first", "last = 1000000L", "value"}, Fn: builtinSubstrAssign},
		&eval.Builtin{Name: "strsplit", Formals: []string{"x", "split", "fixed = FALSE", "perl = FALSE", "useBytes = FALSE"}, Fn: builtinStrsplit},
		&eval.Builtin{Name: "paste", Formals: []string{"...", `sep = " "`, "collapse = NULL", "recycle0 = FALSE"}, Fn: func(c *eval.Frame, a []eval.Value) (eval.Value, error) {
			sep, err := argStr(c, a[1], "sep")
			if err != nil {
				return nil, c.Errorf("invalid separator")
			}
			return paste(c, a[0].(*eval.List), sep, a[2], a[3])
		}},
		&eval.Builtin{Name: "paste0", Formals: []string{"...", "collapse = NULL", "recycle0 = FALSE"}, Fn: func(c *eval.Frame, a []eval.Value) (eval.Value, error) {
			return paste(c, a[0].(*eval.List), "", a[1], a[2])
		}},
		caseBuiltin("toupper", strings.ToUpper),
		caseBuiltin("tolower", strings.ToLower),
		&eval.Builtin{Name: "casefold", Formals: []string{"x", "upper = FALSE"}, Fn: func(c *eval.Frame, a []eval.Value) (eval.Value, error) {
			up, err := argBool(c, a[1], "upper")
			if err != nil {
				return nil, err
			}
			if up {
				return mapStrings(c, a[0], strings.ToUpper)
			}
			return mapStrings(c, a[0], strings.ToLower)
		}},
		&eval.Builtin{Name: "trimws", Formals: []string{"x", `which = c("both", "left", "right")`, `whitespace = "[ \t\r\n]"`}, Fn: builtinTrimws},
		prefixBuiltin("startsWith", "prefix", strings.HasPrefix),
		prefixBuiltin("endsWith", "suffix", strings.HasSuffix),
		&eval.Builtin{Name: "toString", Formals: []string{"x", "..."}, Generic: true, Fn: func(c *eval.Frame, a []eval.Value) (eval.Value, error) {
			// toString.default ignores collapse in "...".
			return paste(c, eval.NewList([]eval.Value{a[0]}, nil), " ", eval.NewStr1(", "), eval.False)
		}},
		&eval.Builtin{Name: "chartr", Formals: []string{"old", "new", "x"}, Fn: builtinChartr},
		&eval.Builtin{Name: "strtoi", Formals: []string{"x", "base = 10L"}, Fn: func(c *eval.Frame, a []eval.Value) (eval.Value, error) {
			s, err := charArg(c, a[0], "strtoi")
			if err != nil {
				return nil, err
			}
			base, err := argInt(c, a[1], "base")
			if err != nil || base == 1 || base > 36 || base < 0 {
				return nil, c.Errorf("invalid '%s' argument", "base")
			}
			r := make([]int32, len(s))
			for i, x := range s {
				// C's strtol: leading space and sign, "0x" allowed for
				// base 16, base 0 picks 8/10/16 from the prefix
				t := strings.TrimLeft(x, " \t\n")
				neg := false
				if strings.HasPrefix(t, "-") || strings.HasPrefix(t, "+") {
					neg = t[0] == '-'
					t = t[1:]
				}
				b := base
				hasHex := len(t) > 2 && t[0] == '0' && (t[1] == 'x' || t[1] == 'X')
				switch {
				case (b == 16 || b == 0) && hasHex:
					t, b = t[2:], 16
				case b == 0 && len(t) > 1 && t[0] == '0':
					b = 8
				case b == 0:
					b = 10
				}
				n, err := strconv.ParseInt(t, b, 64)
				if neg {
					n = -n
				}
				if eval.IsNAString(x) || t == "" || err != nil || n > 2147483647 || n < -2147483647 {
					r[i] = eval.NAInt
				} else {
					r[i] = int32(n)
				}
			}
			return eval.NewInt(r), nil
		}},
		&eval.Builtin{Name: "strrep", Formals: []string{"x", "times"}, Fn: func(c *eval.Frame, a []eval.Value) (eval.Value, error) {
			s, err := charArg(c, a[0], "strrep")
			if err != nil {
				return nil, err
			}
			t, err := intsArg(c, a[1], "times")
			if err != nil {
				return nil, err
			}
			if len(s) == 0 || len(t) == 0 {
				return eval.NewStr(nil), nil
			}
			n := max(len(s), len(t))
			r := make([]string, n)
			for i := range r {
				x, k := s[i%len(s)], t[i%len(t)]
				switch {
				case eval.IsNAString(x) || k == eval.NAInt:
					r[i] = eval.NAString
				case k < 0:
					return nil, c.Errorf("invalid '%s' value", "times")
				case float64(len(x))*float64(k) > maxAllocBytes:
					return nil, c.Errorf("R character strings are limited to 2^31-1 bytes")
				default:
					r[i] = strings.Repeat(x, int(k))
				}
			}
			res := eval.NewStr(r)
			if len(s) >= len(t) {
				keepAttrs(res, a[0], false)
			}
			return res, nil
		}},
		&eval.Builtin{Name: "utf8ToInt", Formals: []string{"x"}, Fn: func(c *eval.Frame, a []eval.Value) (eval.Value, error) {
			s, err := requireChar(c, a[0], "argument must be a character vector of length 1")
			if err != nil || len(s) != 1 {
				return nil, c.Errorf("argument should be a character vector of length 1")
			}
			if eval.IsNAString(s[0]) {
				return eval.NewInt1(eval.NAInt), nil
			}
			var r []int32
			for _, ch := range s[0] {
				r = append(r, int32(ch))
			}
			return eval.NewInt(r), nil
		}},
		&eval.Builtin{Name: "intToUtf8", Formals: []string{"x", "multiple = FALSE", "allow_surrogate_pairs = FALSE"}, Fn: func(c *eval.Frame, a []eval.Value) (eval.Value, error) {
			x, err := intsArg(c, a[0], "x")
			if err != nil {
				return nil, err
			}
			mult, err := argBool(c, a[1], "multiple")
			if err != nil {
				return nil, err
			}
			if mult {
				r := make([]string, len(x))
				for i, k := range x {
					if k == eval.NAInt {
						r[i] = eval.NAString
					} else if k != 0 {
						r[i] = string(rune(k))
					}
				}
				return eval.NewStr(r), nil
			}
			var b strings.Builder
			for _, k := range x {
				if k == eval.NAInt {
					return eval.NewStr1(eval.NAString), nil
				}
				if k != 0 {
					b.WriteRune(rune(k))
				}
			}
			return eval.NewStr1(b.String()), nil
		}},
		quoteBuiltin("sQuote", "‘", "’", "'"),
		quoteBuiltin("dQuote", "“", "”", "\""),
		&eval.Builtin{Name: "shQuote", Formals: []string{"string", `type = "sh"`}, Fn: func(c *eval.Frame, a []eval.Value) (eval.Value, error) {
			return mapStrings(c, a[0], func(s string) string {
				if !strings.Contains(s, "'") {
					return "'" + s + "'"
				}
				r := strings.NewReplacer(`\`, `\\`, `"`, `\"`, "$", `\$`, "`", "\\`").Replace(s)
				return `"` + r + `"`
			})
		}},
		&eval.Builtin{Name: "noquote", Formals: []string{"obj", "right = FALSE"}, Fn: func(c *eval.Frame, a []eval.Value) (eval.Value, error) {
			x := eval.Copy(a[0])
			at, ok := x.(eval.Attributed)
			if !ok {
				return x, nil
			}
			cl := append([]string{}, eval.ClassAttr(x)...)
			if !hasClass(x, "noquote") {
				cl = append([]string{"noquote"}, cl...)
			}
			at.Hdr().SetAttr("class", eval.NewStr(cl))
			return x, nil
		}},
		&eval.Builtin{Name: "print.noquote", Formals: []string{"x", "..."}, Invisible: true, Fn: func(c *eval.Frame, a []eval.Value) (eval.Value, error) {
			x := eval.Copy(a[0]).(eval.Attributed)
			var cl []string
			for _, k := range eval.ClassAttr(x) {
				if k != "noquote" {
					cl = append(cl, k)
				}
			}
			if cl == nil {
				x.Hdr().SetAttr("class", nil)
			} else {
				x.Hdr().SetAttr("class", eval.NewStr(cl))
			}
			if err := printNoQuote(c, x); err != nil {
				return nil, err
			}
			return a[0], nil
		}},
		&eval.Builtin{Name: "encodeString", Formals: []string{"x", "width = 0L", `quote = ""`, "na.encode = TRUE", `justify = "left"`}, Fn: func(c *eval.Frame, a []eval.Value) (eval.Value, error) {
			q, err := argStr(c, a[2], "quote")
			if err != nil {
				return nil, err
			}
			w, _ := argInt(c, a[1], "width")
			s, err := charArg(c, a[0], "encodeString")
			if err != nil {
				return nil, err
			}
			r := make([]string, len(s))
			for i, x := range s {
				if eval.IsNAString(x) {
					r[i] = "NA"
					continue
				}
				e := rfmt.EncodeString(x, false, 0, q != "", rfmt.JustifyNone, "NA")
				if q == "'" {
					e = "'" + strings.ReplaceAll(e[1:len(e)-1], `\"`, `"`) + "'"
				}
				if pad := w - rfmt.DisplayWidth(e); w > 0 && pad > 0 {
					e += strings.Repeat(" ", pad)
				}
				r[i] = e
			}
			return keepAttrs(eval.NewStr(r), a[0], true), nil
		}},
	)
}

// printNoQuote prints a character vector (or other atomic) without quotes.
func printNoQuote(c *eval.Frame, x eval.Value) error {
	if s, ok := x.(*eval.Character); ok && eval.Dim(x) == nil {
		o := printOptions(c.In)
		o.Quote = false
		na := make([]bool, len(s.V))
		anyNA := false
		for i, v := range s.V {
			na[i] = eval.IsNAString(v)
			anyNA = anyNA || na[i]
		}
		vec := rfmt.Vec{Kind: rfmt.Character, S: s.V}
		if anyNA {
			vec.SNA = na
		}
		_, err := c.In.Stdout.Write([]byte(rfmt.PrintVector(vec, eval.Names(x), o)))
		return err
	}
	return c.In.PrintValue(x, c.Env)
}

// printOptions returns rfmt options from the session's options().
func printOptions(in *eval.Interp) rfmt.Options {
	o := rfmt.DefaultOptions()
	if d := optInt(in, "digits"); d > 0 {
		o.Digits = d
	}
	if w := optInt(in, "width"); w > 0 {
		o.Width = w
	}
	o.Scipen = optInt(in, "scipen")
	return o
}

func optInt(in *eval.Interp, name string) int {
	v := in.Option(name)
	if v == nil {
		return 0
	}
	d, ok := coDoubles(v, nil)
	if !ok || len(d) == 0 || d[0] != d[0] {
		return 0
	}
	return int(d[0])
}

func quoteBuiltin(name, l, r, plainQ string) *eval.Builtin {
	return &eval.Builtin{Name: name, Formals: []string{"x", "q = TRUE"}, Fn: func(c *eval.Frame, a []eval.Value) (eval.Value, error) {
		fancy := true
		if l, ok := a[1].(*eval.Logical); ok && len(l.V) == 1 {
			fancy = l.V[0] == 1
		}
		lq, rq := l, r
		if !fancy {
			lq, rq = plainQ, plainQ
		}
		s, err := charArg(c, a[0], name)
		if err != nil {
			return nil, err
		}
		out := make([]string, len(s))
		for i, x := range s {
			if eval.IsNAString(x) {
				x = "NA"
			}
			out[i] = lq + x + rq
		}
		return keepAttrs(eval.NewStr(out), a[0], true), nil
	}}
}

func builtinNchar(c *eval.Frame, a []eval.Value) (eval.Value, error) {
	typ, err := argStr(c, a[1], "type")
	if err != nil {
		return nil, err
	}
	switch {
	case strings.HasPrefix("chars", typ) && typ != "":
		typ = "chars"
	case strings.HasPrefix("bytes", typ) && typ != "":
		typ = "bytes"
	case strings.HasPrefix("width", typ) && typ != "":
		typ = "width"
	default:
		return nil, c.Errorf("invalid '%s' argument", "type")
	}
	if isFactor(a[0]) {
		return nil, c.Errorf("'nchar()' requires a character vector")
	}
	keepNA := int32(eval.NALogical)
	if l, ok := a[3].(*eval.Logical); ok && len(l.V) == 1 {
		keepNA = l.V[0]
	}
	x := a[0]
	s, ok := coStrings(x)
	if !ok {
		return nil, c.Errorf("'nchar()' requires a character vector")
	}
	r := make([]int32, len(s))
	for i, v := range s {
		if eval.IsNAString(v) {
			if keepNA == 1 || (keepNA == eval.NALogical && typ != "width") {
				r[i] = eval.NAInt
			} else {
				r[i] = 2
			}
			continue
		}
		switch typ {
		case "chars":
			r[i] = int32(utf8.RuneCountInString(v))
		case "bytes":
			r[i] = int32(len(v))
		default:
			r[i] = int32(rfmt.DisplayWidth(v))
		}
	}
	return keepAttrs(eval.NewInt(r), x, true), nil
}

func builtinSubstr(c *eval.Frame, a []eval.Value) (eval.Value, error) {
	if a[1] == nil || a[2] == nil {
		return nil, c.Errorf("argument \"%s\" is missing, with no default", map[bool]string{true: "start", false: "stop"}[a[1] == nil])
	}
	x := a[0]
	s, ok := x.(*eval.Character)
	if !ok {
		if _, ok := coStrings(x); !ok || isNull(x) {
			return nil, c.Errorf("extracting substrings from a non-character object")
		}
		v, _ := coStrings(x)
		s = eval.NewStr(v)
	}
	start, err := intsArg(c, a[1], "start")
	if err != nil {
		return nil, err
	}
	stop, err := intsArg(c, a[2], "stop")
	if err != nil {
		return nil, err
	}
	n := len(s.V)
	if n > 0 && (len(start) == 0 || len(stop) == 0) {
		return nil, c.Errorf("invalid substring arguments")
	}
	r := make([]string, n)
	for i, v := range s.V {
		st, sp := start[i%len(start)], stop[i%len(stop)]
		if eval.IsNAString(v) || st == eval.NAInt || sp == eval.NAInt {
			r[i] = eval.NAString
			continue
		}
		r[i] = runeSub(v, int(st)-1, int(sp))
	}
	return keepAttrs(eval.NewStr(r), x, true), nil
}

func builtinSubstring(c *eval.Frame, a []eval.Value) (eval.Value, error) {
	s, ok := coStrings(a[0])
	if !ok {
		return nil, c.Errorf("extracting substrings from a non-character object")
	}
	first, err := intsArg(c, a[1], "first")
	if err != nil {
		return nil, err
	}
	last, err := intsArg(c, a[2], "last")
	if err != nil {
		return nil, err
	}
	if len(s) == 0 || len(first) == 0 || len(last) == 0 {
		return eval.NewStr(nil), nil
	}
	n := max(len(s), len(first), len(last))
	r := make([]string, n)
	for i := range r {
		v, st, sp := s[i%len(s)], first[i%len(first)], last[i%len(last)]
		if eval.IsNAString(v) || st == eval.NAInt || sp == eval.NAInt {
			r[i] = eval.NAString
			continue
		}
		r[i] = runeSub(v, int(st)-1, int(sp))
	}
	res := eval.NewStr(r)
	if n == len(s) {
		keepAttrs(res, a[0], false)
	}
	return res, nil
}

func builtinSubstrAssign(c *eval.Frame, a []eval.Value) (eval.Value, error) {
	x, ok := a[0].(*eval.Character)
	if !ok {
		return nil, c.Errorf("replacing substrings in a non-character object")
	}
	start, err := intsArg(c, a[1], "start")
	if err != nil {
		return nil, err
	}
	stop, err := intsArg(c, a[2], "stop")
	if err != nil {
		return nil, err
	}
	val, ok := coStrings(a[3])
	if !ok || len(val) == 0 {
		return nil, c.Errorf("invalid value")
	}
	r := eval.Copy(x).(*eval.Character)
	for i, v := range r.V {
		st, sp, nv := int(start[i%len(start)]), int(stop[i%len(stop)]), val[i%len(val)]
		if eval.IsNAString(v) || eval.IsNAString(nv) || int32(st) == eval.NAInt || int32(sp) == eval.NAInt {
			r.V[i] = eval.NAString
			continue
		}
		rs := []rune(v)
		nr := []rune(nv)
		if st < 1 {
			st = 1
		}
		if sp > len(rs) {
			sp = len(rs)
		}
		if st > sp {
			continue
		}
		k := min(sp-st+1, len(nr))
		copy(rs[st-1:st-1+k], nr[:k])
		r.V[i] = string(rs)
	}
	return r, nil
}

func builtinStrsplit(c *eval.Frame, a []eval.Value) (eval.Value, error) {
	x, ok := a[0].(*eval.Character)
	if !ok {
		return nil, c.Errorf("non-character argument")
	}
	split, ok := coStrings(a[1])
	if !ok {
		return nil, c.Errorf("non-character argument")
	}
	fixed, _ := argBool(c, a[2], "fixed")
	perl, _ := argBool(c, a[3], "perl")
	if len(split) == 0 {
		split = []string{""}
	}
	out := make([]eval.Value, len(x.V))
	for i, s := range x.V {
		if eval.IsNAString(s) {
			out[i] = eval.NewStr1(eval.NAString)
			continue
		}
		sp := split[i%len(split)]
		if sp == "" || eval.IsNAString(sp) {
			var r []string
			for _, ch := range s {
				r = append(r, string(ch))
			}
			if r == nil {
				r = []string{}
			}
			out[i] = eval.NewStr(r)
			continue
		}
		p, err := rxCompile(sp, rxOpts{fixed: fixed, perl: perl})
		if err != nil {
			return nil, c.Errorf("%s", err.Error())
		}
		r := []string{}
		rest := s
		for rest != "" {
			loc := p.find(rest, 0)
			if loc == nil {
				break
			}
			if loc[1] > 0 {
				r = append(r, rest[:loc[0]])
				rest = rest[loc[1]:]
			} else {
				_, w := utf8.DecodeRuneInString(rest)
				r = append(r, rest[:w])
				rest = rest[w:]
			}
		}
		if rest != "" {
			r = append(r, rest)
		}
		out[i] = eval.NewStr(r)
	}
	l := eval.NewList(out, nil)
	if n := x.Attr("names"); n != nil {
		l.SetAttr("names", n)
	}
	return l, nil
}

// paste implements paste and paste0.
func paste(c *eval.Frame, dots *eval.List, sep string, collapseV, recycle0V eval.Value) (eval.Value, error) {
	var collapse string
	hasCollapse := !isNull(collapseV)
	if hasCollapse {
		s, ok := coStrings(collapseV)
		if !ok || len(s) == 0 || eval.IsNAString(s[0]) {
			return nil, c.Errorf("invalid '%s' argument", "collapse")
		}
		collapse = s[0]
	}
	recycle0 := false
	if l, ok := recycle0V.(*eval.Logical); ok && len(l.V) == 1 {
		recycle0 = l.V[0] == 1
	}
	vecs := make([][]string, 0, len(dots.V))
	n := 0
	anyZero := false
	for _, v := range dots.V {
		s, err := pasteStrings(c, v)
		if err != nil {
			return nil, err
		}
		if len(s) == 0 {
			anyZero = true
		}
		vecs = append(vecs, s)
		n = max(n, len(s))
	}
	if recycle0 && anyZero {
		n = 0
	}
	r := make([]string, n)
	var b strings.Builder
	for i := 0; i < n; i++ {
		b.Reset()
		for j, v := range vecs {
			if j > 0 {
				b.WriteString(sep)
			}
			s := ""
			if len(v) > 0 {
				s = v[i%len(v)]
			}
			if eval.IsNAString(s) {
				s = "NA"
			}
			b.WriteString(s)
		}
		r[i] = b.String()
	}
	if hasCollapse {
		return eval.NewStr1(strings.Join(r, collapse)), nil
	}
	return eval.NewStr(r), nil
}

// pasteStrings is as.character for paste's arguments (objects go through
// the as.character generic).
func pasteStrings(c *eval.Frame, v eval.Value) ([]string, error) {
	if eval.IsObject(v) && !isFactor(v) {
		r, err := c.In.CallFunction("as.character", []eval.Arg{{Value: v}}, c.Env)
		if err != nil {
			return nil, err
		}
		v = r
	}
	if tr, ok := v.(eval.ToR); ok {
		r, err := tr.AsR(c.In)
		if err != nil {
			return nil, err
		}
		v = r
	}
	s, ok := coStrings(v)
	if !ok {
		switch v.(type) {
		case *eval.Closure, *eval.Builtin:
			return nil, c.Errorf("cannot coerce type '%s' to vector of type 'character'", typeofValue(v))
		}
		return nil, c.Errorf("non-string argument to .Internal(paste)")
	}
	return s, nil
}

func mapStrings(c *eval.Frame, x eval.Value, f func(string) string) (eval.Value, error) {
	s, ok := coStrings(x)
	if !ok {
		return nil, c.Errorf("non-character argument")
	}
	r := make([]string, len(s))
	for i, v := range s {
		if eval.IsNAString(v) {
			r[i] = v
		} else {
			r[i] = f(v)
		}
	}
	return keepAttrs(eval.NewStr(r), x, true), nil
}

func caseBuiltin(name string, f func(string) string) *eval.Builtin {
	return &eval.Builtin{Name: name, Formals: []string{"x"}, Fn: func(c *eval.Frame, a []eval.Value) (eval.Value, error) {
		return mapStrings(c, a[0], f)
	}}
}

func prefixBuiltin(name, arg string, f func(s, p string) bool) *eval.Builtin {
	return &eval.Builtin{Name: name, Formals: []string{"x", arg}, Fn: func(c *eval.Frame, a []eval.Value) (eval.Value, error) {
		x, ok1 := a[0].(*eval.Character)
		p, ok2 := a[1].(*eval.Character)
		if !ok1 || !ok2 {
			return nil, c.Errorf("non-character object(s)")
		}
		if len(x.V) == 0 || len(p.V) == 0 {
			return eval.NewLgl(nil), nil
		}
		n := max(len(x.V), len(p.V))
		r := make([]int32, n)
		for i := range r {
			s, q := x.V[i%len(x.V)], p.V[i%len(p.V)]
			switch {
			case eval.IsNAString(s) || eval.IsNAString(q):
				r[i] = eval.NALogical
			case f(s, q):
				r[i] = 1
			}
		}
		return eval.NewLgl(r), nil
	}}
}

func builtinTrimws(c *eval.Frame, a []eval.Value) (eval.Value, error) {
	which := "both"
	if s, ok := coStrings(a[1]); ok && len(s) > 0 {
		which = s[0]
		switch {
		case which != "" && strings.HasPrefix("both", which):
			which = "both"
		case which != "" && strings.HasPrefix("left", which):
			which = "left"
		case which != "" && strings.HasPrefix("right", which):
			which = "right"
		default:
			return nil, c.Errorf("'arg' should be one of “both”, “left”, “right”")
		}
	}
	ws, err := argStr(c, a[2], "whitespace")
	if err != nil {
		return nil, err
	}
	left, err := rxCompile("^"+ws+"+", rxOpts{})
	if err != nil {
		return nil, c.Errorf("%s", err.Error())
	}
	right, err := rxCompile(ws+"+$", rxOpts{})
	if err != nil {
		return nil, c.Errorf("%s", err.Error())
	}
	return mapStrings(c, a[0], func(s string) string {
		if which != "right" {
			s = rxSub(left, "", s, false, false, false)
		}
		if which != "left" {
			s = rxSub(right, "", s, false, false, false)
		}
		return s
	})
}

func builtinChartr(c *eval.Frame, a []eval.Value) (eval.Value, error) {
	old, err := argStr(c, a[0], "old")
	if err != nil {
		return nil, err
	}
	nw, err := argStr(c, a[1], "new")
	if err != nil {
		return nil, err
	}
	or, nr := expandRange([]rune(old)), expandRange([]rune(nw))
	if len(or) > len(nr) {
		return nil, c.Errorf("'old' is longer than 'new'")
	}
	m := map[rune]rune{}
	for i, ch := range or {
		m[ch] = nr[i]
	}
	return mapStrings(c, a[2], func(s string) string {
		return strings.Map(func(r rune) rune {
			if t, ok := m[r]; ok {
				return t
			}
			return r
		}, s)
	})
}

// expandRange expands chartr's a-z ranges.
func expandRange(r []rune) []rune {
	var out []rune
	for i := 0; i < len(r); i++ {
		if i+2 < len(r) && r[i+1] == '-' && r[i] <= r[i+2] {
			for ch := r[i]; ch <= r[i+2]; ch++ {
				out = append(out, ch)
			}
			i += 2
			continue
		}
		out = append(out, r[i])
	}
	return out
}
