package base

// summary() for vectors and factors, quantile() (type 7) and zapsmall().

import (
	"io"
	"math"
	"sort"
	"strconv"
	"strings"

	"torchr/lang/eval"
	"torchr/lang/internal/rfmt"
	"torchr/lang/syntax"
)

// renamedCall returns call with its function name replaced (the call R
// reports when the error comes from a method, e.g. quantile.default).
func renamedCall(call syntax.Expr, name string) syntax.Expr {
	c, ok := call.(*syntax.Call)
	if !ok {
		return call
	}
	r := *c
	r.Fn = &syntax.Ident{Name: name}
	return &r
}

// quantile7 is R's default quantile (type 7) of sorted, NA-free x.
func quantile7(x []float64, p float64) float64 {
	n := len(x)
	if n == 0 {
		return eval.NAReal
	}
	h := float64(n-1) * p
	lo := math.Floor(h)
	hi := math.Ceil(h)
	q := x[int(lo)]
	if hi > lo {
		q += (h - lo) * (x[int(hi)] - x[int(lo)])
	}
	return q
}

func zapsmall(x []float64, digits int) []float64 {
	mx := 0.0
	for _, v := range x {
		if !math.IsNaN(v) && !math.IsInf(v, 0) {
			mx = math.Max(mx, math.Abs(v))
		}
	}
	// R 4.2: round(x, digits - log10(mx)), and round() takes the
	// nearest integer number of digits.
	d := digits
	if mx > 0 {
		d = int(math.Floor(math.Max(0, float64(digits)-math.Log10(mx)) + 0.5))
	}
	r := make([]float64, len(x))
	p := math.Pow(10, float64(d))
	for i, v := range x {
		if math.IsNaN(v) || math.IsInf(v, 0) {
			r[i] = v
			continue
		}
		r[i] = math.RoundToEven(v*p) / p
		if s, err := strconv.ParseFloat(strconv.FormatFloat(v, 'f', d, 64), 64); err == nil {
			r[i] = s
		}
	}
	return r
}

func finiteSorted(d []float64) ([]float64, int) {
	var x []float64
	nas := 0
	for _, v := range d {
		if v != v {
			nas++
			continue
		}
		x = append(x, v)
	}
	sort.Float64s(x)
	return x, nas
}

func init() {
	eval.RegisterAll(
		&eval.Builtin{Name: "quantile", Generic: true, Formals: []string{"x", "probs = seq(0, 1, 0.25)", "na.rm = FALSE", "names = TRUE", "type = 7", "..."}, Fn: func(c *eval.Frame, a []eval.Value) (eval.Value, error) {
			d, ok := coDoubles(a[0], nil)
			if !ok || isFactor(a[0]) {
				return nil, c.Errorf("non-numeric argument")
			}
			probs, ok := coDoubles(a[1], nil)
			if !ok {
				return nil, c.Errorf("invalid 'probs'")
			}
			narm, _ := argBool(c, a[2], "na.rm")
			x, nas := finiteSorted(d)
			if nas > 0 && !narm {
				// R raises it from the method quantile.default.
				return nil, errorWithCall(c, renamedCall(c.Call, "quantile.default"), "missing values and NaN's not allowed if 'na.rm' is FALSE")
			}
			r := make([]float64, len(probs))
			names := make([]string, len(probs))
			for i, p := range probs {
				if p < 0 || p > 1 {
					return nil, c.Errorf("'probs' outside [0,1]")
				}
				r[i] = quantile7(x, p)
				names[i] = rfmt.FormatRealAlone(100*p, 7, 0) + "%"
			}
			res := eval.NewDouble(r)
			if useNames, _ := argBool(c, a[3], "names"); useNames {
				res.SetAttr("names", eval.NewStr(names))
			}
			return res, nil
		}},
		&eval.Builtin{Name: "zapsmall", Formals: []string{"x", "digits = getOption(\"digits\")"}, Fn: func(c *eval.Frame, a []eval.Value) (eval.Value, error) {
			d, ok := coDoubles(a[0], nil)
			if !ok {
				return nil, c.Errorf("non-numeric argument")
			}
			digits := optInt(c.In, "digits")
			if !isNull(a[1]) {
				digits, _ = argInt(c, a[1], "digits")
			}
			return keepAttrs(eval.NewDouble(zapsmall(d, digits)), a[0], true), nil
		}},
		&eval.Builtin{Name: "summary", Generic: true, Formals: []string{"object", "..."}, Fn: builtinSummary},
		&eval.Builtin{Name: "print.summaryDefault", Invisible: true, Formals: []string{"x", "digits", "..."}, Fn: printSummaryDefault},
	)
}

func builtinSummary(c *eval.Frame, a []eval.Value) (eval.Value, error) {
	x := a[0]
	if df, ok := x.(*eval.List); ok && isDataFrame(x) {
		return summaryDataFrame(c, df)
	}
	if isFactor(x) {
		lev := factorLevels(x)
		counts := make([]int32, len(lev))
		nas := int32(0)
		for _, k := range x.(*eval.Integer).V {
			if k == eval.NAInt {
				nas++
			} else {
				counts[k-1]++
			}
		}
		names := append([]string(nil), lev...)
		if nas > 0 {
			counts = append(counts, nas)
			names = append(names, "NA's")
		}
		r := eval.NewInt(counts)
		r.SetAttr("names", eval.NewStr(names))
		return r, nil
	}
	switch v := x.(type) {
	case *eval.Logical:
		var f, t, na int
		for _, k := range v.V {
			switch k {
			case 0:
				f++
			case 1:
				t++
			default:
				na++
			}
		}
		vals := []string{"logical"}
		names := []string{"Mode"}
		if f > 0 {
			vals, names = append(vals, strconv.Itoa(f)), append(names, "FALSE")
		}
		if t > 0 {
			vals, names = append(vals, strconv.Itoa(t)), append(names, "TRUE")
		}
		if na > 0 {
			vals, names = append(vals, strconv.Itoa(na)), append(names, "NA's")
		}
		r := eval.NewStr(vals)
		r.SetAttr("names", eval.NewStr(names))
		r.SetAttr("class", eval.NewStr([]string{"summaryDefault", "table"}))
		return r, nil
	case *eval.Character, *eval.List:
		r := eval.NewStr([]string{strconv.Itoa(eval.Length(x)), eval.ImplicitClass(x)[0], modeOf(x)})
		r.SetAttr("names", eval.NewStr([]string{"Length", "Class", "Mode"}))
		r.SetAttr("class", eval.NewStr([]string{"summaryDefault", "table"}))
		return r, nil
	case *eval.Double, *eval.Integer:
		d, _ := coDoubles(x, nil)
		s, nas := finiteSorted(d)
		mean := eval.NAReal
		if len(s) > 0 {
			sum := 0.0
			for _, v := range s {
				sum += v
			}
			mean = sum / float64(len(s))
		}
		vals := []float64{quantile7(s, 0), quantile7(s, 0.25), quantile7(s, 0.5), mean, quantile7(s, 0.75), quantile7(s, 1)}
		names := []string{"Min.", "1st Qu.", "Median", "Mean", "3rd Qu.", "Max."}
		if nas > 0 {
			vals = append(vals, float64(nas))
			names = append(names, "NA's")
		}
		r := eval.NewDouble(vals)
		r.SetAttr("names", eval.NewStr(names))
		r.SetAttr("class", eval.NewStr([]string{"summaryDefault", "table"}))
		return r, nil
	}
	return nil, c.Errorf("summary() of this object is not supported")
}

func printSummaryDefault(c *eval.Frame, a []eval.Value) (eval.Value, error) {
	x := a[0]
	digits := max(3, optInt(c.In, "digits")-3)
	if a[1] != nil {
		digits, _ = argInt(c, a[1], "digits")
	}
	names := eval.Names(x)
	o := printOptions(c.In)
	o.Quote = false
	o.Right = true
	var s []string
	switch v := x.(type) {
	case *eval.Double:
		naIdx := -1
		for i, n := range names {
			if n == "NA's" {
				naIdx = i
			}
		}
		var main []float64
		var mainNames []string
		for i, f := range v.V {
			if i != naIdx {
				main = append(main, f)
				mainNames = append(mainNames, names[i])
			}
		}
		main = zapsmall(main, optInt(c.In, "digits"))
		anyNA := false
		for _, f := range main {
			anyNA = anyNA || f != f
		}
		if naIdx < 0 && !anyNA {
			o.Digits = digits
			_, err := io.WriteString(c.In.Stdout, rfmt.PrintVector(rfmt.Vec{Kind: rfmt.Double, D: main}, mainNames, o))
			return x, err
		}
		fa := formatDefaults(c)
		fa.Digits = digits
		s = rfmt.Format(rfmt.Vec{Kind: rfmt.Double, D: main}, fa)
		for i, f := range main {
			if f != f {
				// print.summaryDefault shows NA (an empty sample) blank
				s[i] = ""
			}
		}
		if naIdx >= 0 {
			s = append(s, strconv.Itoa(int(v.V[naIdx])))
		}
	default:
		s, _ = coStrings(x)
	}
	_, err := io.WriteString(c.In.Stdout, rfmt.PrintVector(strVecOf(s), names, o))
	return x, err
}

// summaryDataFrame is summary.data.frame: a character table with one
// column per data frame column, each cell "label:value  " from that
// column's summary (numbers formatted together with 4 significant digits),
// blank where a column has fewer entries, headed by the centred names.
func summaryDataFrame(c *eval.Frame, df *eval.List) (eval.Value, error) {
	const digits = 4
	names := eval.Names(df)
	cols := make([][]string, len(df.V))
	lw := make([]int, len(df.V))
	nr := 0
	for j, col := range df.V {
		sms, err := c.In.CallFunction("summary", []eval.Arg{{Value: col}}, c.Env)
		if err != nil {
			return nil, err
		}
		labs := eval.Names(sms)
		if labs == nil {
			labs = make([]string, lenOf(sms))
		}
		var vals []string
		if d, ok := sms.(*eval.Double); ok {
			naIdx := -1
			for i, n := range labs {
				if n == "NA's" {
					naIdx = i
				}
			}
			var main []float64
			for i, f := range d.V {
				if i != naIdx {
					main = append(main, f)
				}
			}
			fa := formatDefaults(c)
			fa.Digits = digits
			vals = rfmt.Format(rfmt.Vec{Kind: rfmt.Double, D: zapsmall(main, digits)}, fa)
			if naIdx >= 0 {
				// R: c(zapsmall(x[-m]), "NA's" = as.character(x[m])) is
				// character, so format() pads it left-justified
				vals = append(vals, strconv.Itoa(int(d.V[naIdx])))
				w := 0
				for _, v := range vals {
					w = max(w, rfmt.DisplayWidth(v))
				}
				for i, v := range vals {
					vals[i] = v + strings.Repeat(" ", w-rfmt.DisplayWidth(v))
				}
			}
		} else {
			f, err := c.In.CallFunction("format", []eval.Arg{{Value: stripClass(sms)}}, c.Env)
			if err != nil {
				return nil, err
			}
			vals = toStrs(f)
		}
		lw[j] = 0
		for _, l := range labs {
			lw[j] = max(lw[j], rfmt.DisplayWidth(l))
		}
		cells := make([]string, len(vals))
		for i, v := range vals {
			l := labs[i]
			cells[i] = l + strings.Repeat(" ", lw[j]-rfmt.DisplayWidth(l)) + ":" + v + "  "
		}
		cols[j] = cells
		nr = max(nr, len(cells))
	}
	out := make([]string, 0, nr*len(cols))
	for _, cells := range cols {
		for i := 0; i < nr; i++ {
			if i < len(cells) {
				out = append(out, cells[i])
			} else {
				out = append(out, eval.NAString)
			}
		}
	}
	header := make([]string, len(cols))
	for j := range cols {
		n := ""
		if names != nil {
			n = names[j]
		}
		pad := int(math.Floor(float64(lw[j]) - float64(rfmt.DisplayWidth(n))/2))
		header[j] = strings.Repeat(" ", max(pad, 0)) + n
	}
	rows := make([]string, nr)
	z := eval.NewStr(out)
	z.SetAttr("dim", intDim([]int{nr, len(cols)}))
	z.SetAttr("dimnames", eval.NewList([]eval.Value{eval.NewStr(rows), eval.NewStr(header)}, nil))
	z.SetAttr("class", eval.NewStr1("table"))
	return z, nil
}

// stripClass returns v without its class attribute (a copy when it had
// one), so format() treats a summary as a plain vector.
func stripClass(v eval.Value) eval.Value {
	if attr(v, "class") == nil {
		return v
	}
	r := eval.Copy(v)
	hdr(r).SetAttr("class", nil)
	return r
}
