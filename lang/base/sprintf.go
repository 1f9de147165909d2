package base

// sprintf, format, formatC, prettyNum (on lang/internal/rfmt).

import (
	"strings"

	"torchr/lang/eval"
	"torchr/lang/internal/rfmt"
)

// toVec converts an atomic value to an rfmt.Vec (factors become their
// labels, lists of scalars their as.character).
func toVec(v eval.Value) (rfmt.Vec, bool) {
	switch x := v.(type) {
	case *eval.Logical:
		l := make([]int, len(x.V))
		for i, k := range x.V {
			l[i] = int(k)
		}
		return rfmt.Vec{Kind: rfmt.Logical, L: l}, true
	case *eval.Integer:
		if isFactor(v) {
			s, _ := coStrings(v)
			return strVecOf(s), true
		}
		l := make([]int, len(x.V))
		for i, k := range x.V {
			l[i] = int(k)
		}
		return rfmt.Vec{Kind: rfmt.Integer, I: l}, true
	case *eval.Double:
		return rfmt.Vec{Kind: rfmt.Double, D: x.V}, true
	case *eval.Character:
		return strVecOf(x.V), true
	case *eval.NullType:
		return rfmt.Vec{Kind: rfmt.Logical}, true
	case *eval.List:
		s, _ := coStrings(v)
		return strVecOf(s), true
	}
	return rfmt.Vec{}, false
}

func strVecOf(s []string) rfmt.Vec {
	var na []bool
	for i, x := range s {
		if eval.IsNAString(x) {
			if na == nil {
				na = make([]bool, len(s))
			}
			na[i] = true
		}
	}
	return rfmt.Vec{Kind: rfmt.Character, S: s, SNA: na}
}

// vecElem returns element i of v as a length-one Vec.
func vecElem(v rfmt.Vec, i int) rfmt.Vec {
	switch v.Kind {
	case rfmt.Logical:
		return rfmt.Vec{Kind: v.Kind, L: v.L[i : i+1]}
	case rfmt.Integer:
		return rfmt.Vec{Kind: v.Kind, I: v.I[i : i+1]}
	case rfmt.Double:
		return rfmt.Vec{Kind: v.Kind, D: v.D[i : i+1]}
	}
	r := rfmt.Vec{Kind: v.Kind, S: v.S[i : i+1]}
	if v.SNA != nil {
		r.SNA = v.SNA[i : i+1]
	}
	return r
}

func init() {
	eval.RegisterAll(
		&eval.Builtin{Name: "sprintf", Formals: []string{"fmt", "..."}, Fn: builtinSprintf},
		&eval.Builtin{Name: "gettextf", Formals: []string{"fmt", "...", "domain = NULL", "trim = TRUE"}, Fn: func(c *eval.Frame, a []eval.Value) (eval.Value, error) {
			return builtinSprintf(c, a[:2])
		}},
		&eval.Builtin{Name: "format", Generic: true, Formals: []string{"x", "trim = FALSE", "digits = NULL", "nsmall = 0L", `justify = c("left", "right", "centre", "none")`, "width = NULL", "na.encode = TRUE", "scientific = NA", `big.mark = ""`, "..."}, Fn: builtinFormat},
		&eval.Builtin{Name: "formatC", Formals: []string{"x", "width = 0L", "digits = NULL", "format = NULL", `flag = ""`, "mode = NULL", `big.mark = ""`, "..."}, Fn: builtinFormatC},
		&eval.Builtin{Name: "prettyNum", Formals: []string{"x", `big.mark = ""`, "..."}, Fn: func(c *eval.Frame, a []eval.Value) (eval.Value, error) {
			bm, err := argStr(c, a[1], "big.mark")
			if err != nil {
				return nil, err
			}
			var s []string
			if _, ok := a[0].(*eval.Character); ok {
				s, _ = coStrings(a[0])
			} else {
				vec, ok := toVec(a[0])
				if !ok {
					return nil, c.Errorf("invalid 'x' argument")
				}
				fa := formatDefaults(c)
				s = make([]string, vec.Len())
				for i := range s {
					s[i] = rfmt.Format(vecElem(vec, i), fa)[0]
				}
			}
			out := make([]string, len(s))
			for i, x := range s {
				if bm == "" {
					out[i] = x
				} else {
					out[i] = rfmt.PrettyNum(x, bm)
				}
			}
			return keepAttrs(eval.NewStr(out), a[0], true), nil
		}},
	)
}

func builtinSprintf(c *eval.Frame, a []eval.Value) (eval.Value, error) {
	f, ok := a[0].(*eval.Character)
	if !ok {
		if isNull(a[0]) {
			return eval.NewStr([]string{}), nil
		}
		return nil, c.Errorf("'fmt' is not a character vector")
	}
	dots := a[1].(*eval.List)
	args := make([]rfmt.Vec, len(dots.V))
	n := len(f.V)
	for i, v := range dots.V {
		if eval.IsObject(v) && !isFactor(v) {
			r, err := c.In.CallFunction("as.character", []eval.Arg{{Value: v}}, c.Env)
			if err != nil {
				return nil, err
			}
			v = r
		}
		vec, ok := toVec(v)
		if !ok {
			return nil, c.Errorf("invalid type of argument[%d]: '%s'", i+1, typeofValue(v))
		}
		if isFactor(v) {
			codes := v.(*eval.Integer).V
			ci := make([]int, len(codes))
			for k, x := range codes {
				ci[k] = int(x)
			}
			vec = rfmt.Vec{Kind: rfmt.Integer, I: ci, Labels: factorLevels(v)}
		}
		args[i] = vec
		if vec.Len() == 0 {
			return eval.NewStr([]string{}), nil
		}
		n = max(n, vec.Len())
	}
	if len(f.V) == 0 {
		return eval.NewStr([]string{}), nil
	}
	scipen := optInt(c.In, "scipen")
	if len(f.V) == 1 {
		if eval.IsNAString(f.V[0]) {
			r := make([]string, n)
			for i := range r {
				r[i] = eval.NAString
			}
			return eval.NewStr(r), nil
		}
		out, err := rfmt.Sprintf(f.V[0], args, scipen)
		if err != nil {
			return nil, c.Errorf("%s", err.Error())
		}
		return eval.NewStr(out), nil
	}
	out := make([]string, n)
	el := make([]rfmt.Vec, len(args))
	for i := 0; i < n; i++ {
		fs := f.V[i%len(f.V)]
		if eval.IsNAString(fs) {
			out[i] = eval.NAString
			continue
		}
		for j, v := range args {
			el[j] = vecElem(v, i%v.Len())
		}
		r, err := rfmt.Sprintf(fs, el, scipen)
		if err != nil {
			return nil, c.Errorf("%s", err.Error())
		}
		out[i] = r[0]
	}
	return eval.NewStr(out), nil
}

func formatDefaults(c *eval.Frame) rfmt.FormatArgs {
	fa := rfmt.DefaultFormatArgs()
	if d := optInt(c.In, "digits"); d > 0 {
		fa.Digits = d
	}
	fa.Scipen = optInt(c.In, "scipen")
	return fa
}

func builtinFormat(c *eval.Frame, a []eval.Value) (eval.Value, error) {
	fa := formatDefaults(c)
	var err error
	if fa.Trim, err = argBool(c, a[1], "trim"); err != nil {
		return nil, err
	}
	if !isNull(a[2]) {
		d, err := argInt(c, a[2], "digits")
		if err != nil {
			return nil, err
		}
		if d < 0 || d > 22 {
			return nil, c.Errorf("invalid value %d for 'digits' argument", d)
		}
		fa.Digits = d
	}
	if fa.Nsmall, err = argInt(c, a[3], "nsmall"); err != nil {
		return nil, err
	}
	if fa.Nsmall < 0 || fa.Nsmall > 20 {
		return nil, c.Errorf("invalid 'nsmall' argument")
	}
	js, ok := coStrings(a[4])
	if !ok || len(js) == 0 {
		return nil, c.Errorf("invalid 'justify' argument")
	}
	switch j := js[0]; {
	case strings.HasPrefix("left", j):
		fa.Justify = rfmt.JustifyLeft
	case strings.HasPrefix("right", j):
		fa.Justify = rfmt.JustifyRight
	case strings.HasPrefix("centre", j):
		fa.Justify = rfmt.JustifyCentre
	case strings.HasPrefix("none", j):
		fa.Justify = rfmt.JustifyNone
	default:
		return nil, c.Errorf("'arg' should be one of “left”, “right”, “centre”, “none”")
	}
	if !isNull(a[5]) {
		if fa.Width, err = argInt(c, a[5], "width"); err != nil {
			return nil, err
		}
	}
	if fa.NAEncode, err = argBool(c, a[6], "na.encode"); err != nil {
		return nil, err
	}
	switch sc := a[7].(type) {
	case *eval.Logical:
		if len(sc.V) > 0 && sc.V[0] != eval.NALogical {
			if sc.V[0] == 1 {
				fa.Scipen = -100
			} else {
				fa.Scipen = 100
			}
		}
	case *eval.Double, *eval.Integer:
		fa.Scipen, _ = argInt(c, sc, "scientific")
	}
	if fa.BigMark, err = argStr(c, a[8], "big.mark"); err != nil {
		return nil, err
	}
	x := a[0]
	if df, ok := x.(*eval.List); ok && isDataFrame(x) {
		// format.data.frame: each column as print shows it
		cols := make([]eval.Value, len(df.V))
		for j, col := range df.V {
			s, err := dfColumnStrings(c, col, fa)
			if err != nil {
				return nil, err
			}
			cols[j] = eval.NewStr(s)
		}
		return newDataFrame(cols, append([]string(nil), eval.Names(df)...), df.Attr("row.names")), nil
	}
	switch v := x.(type) {
	case *eval.NullType:
		return eval.NewStr1("NULL"), nil
	case *eval.List:
		out := make([]string, len(v.V))
		for i, e := range v.V {
			out[i], err = formatListElem(c, e, fa)
			if err != nil {
				return nil, err
			}
		}
		return keepAttrs(eval.NewStr(out), x, true), nil
	case *eval.Closure, *eval.Builtin:
		s, err := c.In.FormatPrint(x, c.Env)
		if err != nil {
			return nil, err
		}
		return eval.NewStr(strings.Split(strings.TrimSuffix(s, "\n"), "\n")), nil
	case *eval.Lang:
		return eval.NewStr1(eval.DeparseValue(x)), nil
	case *eval.Raw:
		s, _ := coStrings(v)
		return keepAttrs(eval.NewStr(append([]string(nil), s...)), x, true), nil
	case *eval.Complex:
		s := rfmt.FormatComplex(v.V, fa.Digits, fa.Scipen)
		if !fa.Trim {
			w := 0
			for _, e := range s {
				w = max(w, len(e))
			}
			for i, e := range s {
				s[i] = strings.Repeat(" ", w-len(e)) + e
			}
		}
		return keepAttrs(eval.NewStr(s), x, true), nil
	}
	vec, ok := toVec(x)
	if !ok {
		if s, ok := x.(eval.Formatter); ok {
			_ = s
		}
		return nil, c.Errorf("Found no format() method for class \"%s\"", strings.Join(eval.ImplicitClass(x), "\", \""))
	}
	out := rfmt.Format(vec, fa)
	if !fa.NAEncode && vec.Kind == rfmt.Character {
		for i := range out {
			if vec.SNA != nil && vec.SNA[i] {
				out[i] = eval.NAString
			}
		}
	}
	if isFactor(x) {
		return keepAttrs(eval.NewStr(out), x, false), nil
	}
	return keepAttrs(eval.NewStr(out), x, true), nil
}

func formatListElem(c *eval.Frame, e eval.Value, fa rfmt.FormatArgs) (string, error) {
	switch e.(type) {
	case *eval.NullType:
		return "NULL", nil
	case *eval.Logical, *eval.Integer, *eval.Double, *eval.Character:
		vec, _ := toVec(e)
		fa.Trim = true
		fa.Width = 0
		fa.Justify = rfmt.JustifyNone
		s := rfmt.Format(vec, fa)
		return strings.Join(s, ", "), nil
	}
	return eval.DeparseValue(e), nil
}

func builtinFormatC(c *eval.Frame, a []eval.Value) (eval.Value, error) {
	var fa rfmt.FormatCArgs
	var err error
	if !isNull(a[1]) {
		if fa.Width, err = argInt(c, a[1], "width"); err != nil {
			return nil, err
		}
		fa.WidthSet = fa.Width != 0
	}
	if !isNull(a[2]) {
		if fa.Digits, err = argInt(c, a[2], "digits"); err != nil {
			return nil, err
		}
		fa.DigitsSet = true
	}
	if !isNull(a[3]) {
		if fa.Format, err = argStr(c, a[3], "format"); err != nil {
			return nil, err
		}
		switch fa.Format {
		case "d", "f", "e", "E", "g", "G", "fg", "s":
		default:
			return nil, c.Errorf("'format' must be one of {\"f\",\"e\",\"E\",\"g\",\"G\", \"fg\", \"s\"}")
		}
	}
	if fa.Flag, err = argStr(c, a[4], "flag"); err != nil {
		return nil, err
	}
	if fa.BigMark, err = argStr(c, a[6], "big.mark"); err != nil {
		return nil, err
	}
	x := a[0]
	if !isNull(a[5]) {
		mode, err := argStr(c, a[5], "mode")
		if err != nil {
			return nil, err
		}
		if x, err = asVectorResult(c, x, mode); err != nil {
			return nil, err
		}
	}
	if _, isLgl := x.(*eval.Logical); isLgl {
		return nil, c.Errorf("unsupported type ")
	}
	vec, ok := toVec(x)
	if !ok {
		return nil, c.Errorf("unsupported type ")
	}
	out := rfmt.FormatC(vec, fa)
	return keepAttrs(eval.NewStr(out), a[0], true), nil
}
