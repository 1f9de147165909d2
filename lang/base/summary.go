package base

import (
	"math"
	"slices"
	"sort"

	"torchr/lang/eval"
	"torchr/lang/syntax"
)

// Summaries: sum prod mean median max min range var sd, with R's result
// types, NA handling and extended-precision accumulation (R uses long
// double; a double-double accumulator matches it on ordinary data).

func init() {
	eval.RegisterAll(
		&eval.Builtin{Name: "sum", Generic: true, Formals: []string{"...", "na.rm = FALSE"}, Fn: sumBuiltin},
		&eval.Builtin{Name: "prod", Generic: true, Formals: []string{"...", "na.rm = FALSE"}, Fn: prodBuiltin},
		&eval.Builtin{Name: "max", Generic: true, Formals: []string{"...", "na.rm = FALSE"}, Fn: func(c *eval.Frame, a []eval.Value) (eval.Value, error) {
			return minMax(c, "max", dotsList(a[0]).V, trueArg(a[1]))
		}},
		&eval.Builtin{Name: "min", Generic: true, Formals: []string{"...", "na.rm = FALSE"}, Fn: func(c *eval.Frame, a []eval.Value) (eval.Value, error) {
			return minMax(c, "min", dotsList(a[0]).V, trueArg(a[1]))
		}},
		&eval.Builtin{Name: "range", Generic: true, Formals: []string{"...", "na.rm = FALSE", "finite = FALSE"}, Fn: rangeBuiltin},
		&eval.Builtin{Name: "mean", Formals: []string{"x", "..."}, Generic: true, Fn: meanBuiltin},
		&eval.Builtin{Name: "median", Formals: []string{"x", "na.rm = FALSE", "..."}, Generic: true, Fn: medianBuiltin},
		&eval.Builtin{Name: "fivenum", Formals: []string{"x", "na.rm = TRUE"}, Fn: fivenumBuiltin},
		&eval.Builtin{Name: "IQR", Formals: []string{"x", "na.rm = FALSE", "type = 7"}, Fn: func(c *eval.Frame, a []eval.Value) (eval.Value, error) {
			// diff(quantile(as.numeric(x), c(0.25, 0.75), na.rm, names = FALSE, type))
			x, err := c.In.CallFunction("as.numeric", []eval.Arg{{Value: a[0]}}, c.Env)
			if err != nil {
				return nil, err
			}
			naRm := a[1]
			if naRm == nil {
				naRm = eval.False
			}
			typ := a[2]
			if typ == nil {
				typ = eval.NewDouble1(7)
			}
			q, err := c.In.CallFunction("quantile", []eval.Arg{{Value: x}, {Value: eval.NewDouble([]float64{0.25, 0.75})},
				{Name: "na.rm", Value: naRm}, {Name: "names", Value: eval.False}, {Name: "type", Value: typ}}, c.Env)
			if err != nil {
				return nil, err
			}
			d := toDoubles(q)
			return eval.NewDouble1(d[1] - d[0]), nil
		}},
		&eval.Builtin{Name: "var", Generic: true, Formals: []string{"x", "y = NULL", "na.rm = FALSE", "use"}, Fn: func(c *eval.Frame, a []eval.Value) (eval.Value, error) {
			return varBuiltin(c, a, false)
		}},
		&eval.Builtin{Name: "sd", Generic: true, Formals: []string{"x", "na.rm = FALSE"}, Fn: func(c *eval.Frame, a []eval.Value) (eval.Value, error) {
			return varBuiltin(c, []eval.Value{a[0], eval.Null, a[1], nil}, true)
		}},
	)
}

// dd is a double-double accumulator (about 106 bits of precision).
type dd struct{ hi, lo float64 }

func (s *dd) add(x float64) {
	t := s.hi + x
	var e float64
	if math.Abs(s.hi) >= math.Abs(x) {
		e = (s.hi - t) + x
	} else {
		e = (x - t) + s.hi
	}
	s.hi = t
	s.lo += e
}

func (s dd) value() float64 {
	if math.IsInf(s.hi, 0) || s.hi != s.hi {
		return s.hi
	}
	return s.hi + s.lo
}

// factorSummaryError is Summary.factor: sum, max, ... of a factor.
func factorSummaryError(c *eval.Frame, name string, args []eval.Value) error {
	for _, v := range args {
		if inheritsFrom(v, "factor") && !(inheritsFrom(v, "ordered") && (name == "max" || name == "min" || name == "range")) {
			return eval.ErrorWithCall(&syntax.Call{Fn: &syntax.Ident{Name: "Summary.factor"},
				Args: []syntax.Arg{{Value: &syntax.Ident{Name: "..."}}, {Name: "na.rm", HasName: true, Value: &syntax.Ident{Name: "na.rm"}}}},
				"\u2018"+name+"\u2019 not meaningful for factors")
		}
	}
	return nil
}

func summaryTypeError(c *eval.Frame, v eval.Value) error {
	return c.Errorf("invalid 'type' (%s) of argument", v.TypeName())
}

func sumBuiltin(c *eval.Frame, a []eval.Value) (eval.Value, error) {
	args := dotsList(a[0]).V
	naRm := trueArg(a[1])
	if err := factorSummaryError(c, "sum", args); err != nil {
		return nil, err
	}
	isDouble, isCplx := false, false
	for i, v := range args {
		var err error
		if v, err = plainValue(c, v); err != nil {
			return nil, err
		}
		args[i] = v
		switch v.(type) {
		case *eval.NullType, *eval.Logical, *eval.Integer:
		case *eval.Double:
			isDouble = true
		case *eval.Complex:
			isCplx = true
		default:
			return nil, summaryTypeError(c, v)
		}
	}
	if isCplx {
		var s complex128
		for _, v := range args {
			for _, z := range toComplex(v) {
				if naRm && (real(z) != real(z) || imag(z) != imag(z)) {
					continue
				}
				s += z
			}
		}
		return eval.NewComplex([]complex128{s}), nil
	}
	if !isDouble {
		var s int64
		for _, v := range args {
			for _, n := range intsOf(v) {
				if n == eval.NAInt {
					if naRm {
						continue
					}
					return eval.NewInt1(eval.NAInt), nil
				}
				s += int64(n)
			}
		}
		if s > rIntMax || s < rIntMin {
			return eval.NewDouble1(float64(s)), nil
		}
		return eval.NewInt1(int32(s)), nil
	}
	var s dd
	for _, v := range args {
		if d, ok := v.(*eval.Double); ok {
			for _, f := range d.V {
				if naRm && f != f {
					continue
				}
				s.add(f)
			}
			continue
		}
		for _, n := range intsOf(v) {
			if n == eval.NAInt {
				if naRm {
					continue
				}
				s.add(eval.NAReal)
				continue
			}
			s.add(float64(n))
		}
	}
	return eval.NewDouble1(s.value()), nil
}

func prodBuiltin(c *eval.Frame, a []eval.Value) (eval.Value, error) {
	args := dotsList(a[0]).V
	naRm := trueArg(a[1])
	p := 1.0
	for _, v := range args {
		var err error
		if v, err = plainValue(c, v); err != nil {
			return nil, err
		}
		switch v.(type) {
		case *eval.NullType, *eval.Logical, *eval.Integer, *eval.Double:
		default:
			return nil, summaryTypeError(c, v)
		}
		for _, f := range toDoubles(v) {
			if naRm && f != f {
				continue
			}
			p *= f
		}
	}
	return eval.NewDouble1(p), nil
}

// minMax implements max() and min() over all arguments.
func minMax(c *eval.Frame, name string, args []eval.Value, naRm bool) (eval.Value, error) {
	if err := factorSummaryError(c, name, args); err != nil {
		return nil, err
	}
	isMax := name == "max"
	k := kNull
	for i, v := range args {
		var err error
		if v, err = plainValue(c, v); err != nil {
			return nil, err
		}
		args[i] = v
		switch v.(type) {
		case *eval.NullType:
		case *eval.Logical, *eval.Integer:
			k = max(k, kInt)
		case *eval.Double:
			k = max(k, kDbl)
		case *eval.Character:
			k = max(k, kStr)
		default:
			return nil, summaryTypeError(c, v)
		}
	}
	switch k {
	case kStr:
		found := false
		var s string
		for _, v := range args {
			for _, x := range toStrs(v) {
				if x == eval.NAString {
					if !naRm {
						return eval.NewStr1(eval.NAString), nil
					}
					continue
				}
				if !found || (isMax && collate(x, s) > 0) || (!isMax && collate(x, s) < 0) {
					s = x
					found = true
				}
			}
		}
		if !found {
			return nil, c.Errorf("no non-missing arguments to %s; returning %s", name, map[bool]string{true: "-Inf", false: "Inf"}[isMax])
		}
		return eval.NewStr1(s), nil
	case kInt:
		found := false
		var s int32
		for _, v := range args {
			for _, x := range intsOf(v) {
				if x == eval.NAInt {
					if !naRm {
						return eval.NewInt1(eval.NAInt), nil
					}
					continue
				}
				if !found || (isMax && x > s) || (!isMax && x < s) {
					s = x
					found = true
				}
			}
		}
		if found {
			return eval.NewInt1(s), nil
		}
	case kDbl:
		s := math.Inf(1)
		if isMax {
			s = math.Inf(-1)
		}
		updated := false
		for _, v := range args {
			for _, x := range toDoubles(v) {
				if x != x {
					if !naRm {
						if !eval.IsNA(s) {
							s = x
						}
						updated = true
					}
				} else if (isMax && x > s) || (!isMax && x < s) || !updated {
					if s != s {
						continue
					}
					s = x
					updated = true
				}
			}
		}
		if updated {
			return eval.NewDouble1(s), nil
		}
	}
	inf := "Inf"
	r := math.Inf(1)
	if isMax {
		inf, r = "-Inf", math.Inf(-1)
	}
	if err := warnf(c, "no non-missing arguments to %s; returning %s", name, inf); err != nil {
		return nil, err
	}
	return eval.NewDouble1(r), nil
}

func rangeBuiltin(c *eval.Frame, a []eval.Value) (eval.Value, error) {
	args := dotsList(a[0]).V
	if err := factorSummaryError(c, "range", args); err != nil {
		return nil, err
	}
	naRm := trueArg(a[1])
	finite := trueArg(a[2])
	if finite {
		naRm = true
		for i, v := range args {
			if d, ok := v.(*eval.Double); ok {
				var keep []float64
				for _, f := range d.V {
					if !math.IsInf(f, 0) && f == f {
						keep = append(keep, f)
					}
				}
				args[i] = eval.NewDouble(keep)
			}
		}
	}
	cp := append([]eval.Value(nil), args...)
	lo, err := minMax(c, "min", cp, naRm)
	if err != nil {
		return nil, err
	}
	hi, err := minMax(c, "max", append([]eval.Value(nil), args...), naRm)
	if err != nil {
		return nil, err
	}
	k := max(kindOf(lo), kindOf(hi))
	r := newVec(k, 2)
	setElemFrom(r, 0, coerceVec(lo, k), 0)
	setElemFrom(r, 1, coerceVec(hi, k), 0)
	return r, nil
}

func meanDoubles(x []float64) float64 {
	n := float64(len(x))
	var s dd
	for _, f := range x {
		s.add(f)
	}
	if math.IsInf(s.hi, 0) {
		// R accumulates in long double, whose range avoids this overflow.
		finite := true
		for _, f := range x {
			if math.IsInf(f, 0) {
				finite = false
				break
			}
		}
		if finite {
			var t dd
			for _, f := range x {
				t.add(f / n)
			}
			return t.value()
		}
	}
	m := s.value() / n
	if s.lo != 0 {
		// Refine the quotient of the double-double sum.
		m = (s.hi + s.lo) / n
		r := math.FMA(-m, n, s.hi) + s.lo
		m += r / n
	}
	if !math.IsInf(m, 0) && m == m {
		var t dd
		for _, f := range x {
			t.add(f)
			t.add(-m)
		}
		m += t.value() / n
	}
	return m
}

func meanBuiltin(c *eval.Frame, a []eval.Value) (eval.Value, error) {
	x := a[0]
	if x == nil {
		if cl, ok := c.Call.(*syntaxCall); ok {
			return nil, eval.ErrorWithCall(renameCall(cl, "mean.default"), "argument \"x\" is missing, with no default")
		}
		return nil, c.Errorf("argument \"x\" is missing, with no default")
	}
	var err error
	if x, err = plainValue(c, x); err != nil {
		return nil, err
	}
	naRm := false
	trim := 0.0
	dots := dotsList(a[1])
	for i, nm := range eval.Names(dots) {
		switch nm {
		case "na.rm":
			naRm = trueArg(dots.V[i])
		case "trim":
			trim, _ = floatArg(dots.V[i])
		}
	}
	if inheritsFrom(x, "factor") {
		x = eval.NewStr(nil)
	}
	switch x.(type) {
	case *eval.Logical, *eval.Integer, *eval.Double:
	case *eval.Complex:
		z := toComplex(x)
		var s complex128
		for _, v := range z {
			s += v
		}
		return eval.NewComplex([]complex128{s / complex(float64(len(z)), 0)}), nil
	default:
		call := c.Call
		if cl, ok := call.(*syntaxCall); ok {
			call = renameCall(cl, "mean.default")
		}
		if err := c.In.Warning(call, "argument is not numeric or logical: returning NA"); err != nil {
			return nil, err
		}
		return eval.NewDouble1(eval.NAReal), nil
	}
	v := toDoubles(x)
	if naRm {
		var keep []float64
		for _, f := range v {
			if f == f {
				keep = append(keep, f)
			}
		}
		v = keep
	}
	if len(v) == 0 {
		return eval.NewDouble1(math.NaN()), nil
	}
	if trim > 0 {
		for _, f := range v {
			if f != f {
				return eval.NewDouble1(eval.NAReal), nil
			}
		}
		if trim >= 0.5 {
			return medianOf(c, eval.NewDouble(v))
		}
		n := len(v)
		lo := int(math.Floor(float64(n)*trim)) + 1
		hi := n + 1 - lo
		s := append([]float64(nil), v...)
		sort.Float64s(s)
		v = s[lo-1 : hi]
	}
	if _, isD := x.(*eval.Double); !isD {
		var s dd
		for _, f := range v {
			s.add(f)
		}
		return eval.NewDouble1(s.value() / float64(len(v))), nil
	}
	return eval.NewDouble1(meanDoubles(v)), nil
}

func medianBuiltin(c *eval.Frame, a []eval.Value) (eval.Value, error) {
	x := a[0]
	var err error
	if x, err = plainValue(c, x); err != nil {
		return nil, err
	}
	naRm := trueArg(a[1])
	switch x.(type) {
	case *eval.Logical, *eval.Integer, *eval.Double:
	case *eval.NullType:
		return eval.Null, nil
	default:
		return nil, c.Errorf("need numeric data")
	}
	if naRm {
		keep := make([]int, 0, lenOf(x))
		for i, f := range toDoubles(x) {
			if f == f {
				keep = append(keep, i)
			}
		}
		x = gather(x, keep)
	} else {
		for _, f := range toDoubles(x) {
			if f != f {
				return newNAVec(kindOf(x), 1), nil
			}
		}
	}
	return medianOf(c, x)
}

func medianOf(c *eval.Frame, x eval.Value) (eval.Value, error) {
	n := lenOf(x)
	if n == 0 {
		return newNAVec(kindOf(x), 1), nil
	}
	v := append([]float64(nil), toDoubles(x)...)
	sort.Float64s(v)
	half := (n + 1) / 2
	if n%2 == 1 {
		switch kindOf(x) {
		case kInt:
			return eval.NewInt1(int32(v[half-1])), nil
		case kLgl:
			return eval.NewLgl1(int32(v[half-1])), nil
		}
		return eval.NewDouble1(v[half-1]), nil
	}
	return eval.NewDouble1(meanDoubles(v[half-1 : half+1])), nil
}

func varBuiltin(c *eval.Frame, a []eval.Value, sd bool) (eval.Value, error) {
	x, y := a[0], a[1]
	naRm := trueArg(a[2])
	var err error
	if x, err = plainValue(c, x); err != nil {
		return nil, err
	}
	if !isNumeric(x) {
		if kindOf(x) == kNull {
			if sd {
				return eval.NewDouble1(eval.NAReal), nil
			}
			return nil, c.Errorf("'x' is NULL")
		}
		return nil, c.Errorf("is.atomic(x) is not TRUE")
	}
	if d := eval.Dim(x); len(d) == 2 && !sd {
		return covMatrix(c, x, d, naRm)
	}
	xv := toDoubles(x)
	yv := xv
	if !nullArg(y) {
		if !isNumeric(y) {
			return nil, c.Errorf("is.atomic(y) is not TRUE")
		}
		yv = toDoubles(y)
		if len(yv) != len(xv) {
			return nil, c.Errorf("incompatible dimensions")
		}
	}
	if sd && !isNumeric(x) {
		return nil, c.Errorf("is.atomic(x) is not TRUE")
	}
	r := covPair(xv, yv, naRm)
	if sd {
		r = math.Sqrt(r)
	}
	return eval.NewDouble1(r), nil
}

func covPair(xv, yv []float64, naRm bool) float64 {
	var xs, ys []float64
	for i := range xv {
		if xv[i] != xv[i] || yv[i] != yv[i] {
			if !naRm {
				return eval.NAReal
			}
			continue
		}
		xs = append(xs, xv[i])
		ys = append(ys, yv[i])
	}
	n := len(xs)
	if n < 2 {
		return eval.NAReal
	}
	xm, ym := meanDoubles(xs), meanDoubles(ys)
	var s dd
	for i := range xs {
		s.add((xs[i] - xm) * (ys[i] - ym))
	}
	return s.value() / float64(n-1)
}

func covMatrix(c *eval.Frame, x eval.Value, d []int, naRm bool) (eval.Value, error) {
	v := toDoubles(x)
	nr, nc := d[0], d[1]
	r := make([]float64, nc*nc)
	for i := 0; i < nc; i++ {
		for j := 0; j < nc; j++ {
			r[i+j*nc] = covPair(v[i*nr:(i+1)*nr], v[j*nr:(j+1)*nr], naRm)
		}
	}
	res := eval.NewDouble(r)
	res.SetAttr("dim", intDim([]int{nc, nc}))
	if cn := dimnamesAt(dimnamesOf(x), 1); cn != nil {
		res.SetAttr("dimnames", eval.NewList([]eval.Value{eval.NewStr(cn), eval.NewStr(cn)}, nil))
	}
	return res, nil
}

// fivenumBuiltin is fivenum(x, na.rm): Tukey's five-number summary
// (minimum, lower hinge, median, upper hinge, maximum).
func fivenumBuiltin(c *eval.Frame, a []eval.Value) (eval.Value, error) {
	x, err := plainValue(c, a[0])
	if err != nil {
		return nil, err
	}
	if !isNumeric(x) {
		return nil, c.Errorf("'x' must be numeric")
	}
	naRm := a[1] == nil || trueArg(a[1])
	na := []float64{eval.NAReal, eval.NAReal, eval.NAReal, eval.NAReal, eval.NAReal}
	var v []float64
	for _, f := range toDoubles(x) {
		if f != f {
			if !naRm {
				return eval.NewDouble(na), nil
			}
			continue
		}
		v = append(v, f)
	}
	n := len(v)
	if n == 0 {
		return eval.NewDouble(na), nil
	}
	slices.Sort(v)
	n4 := math.Floor(float64(n+3)/2) / 2
	d := []float64{1, n4, float64(n+1) / 2, float64(n) + 1 - n4, float64(n)}
	out := make([]float64, 5)
	for i, p := range d {
		out[i] = 0.5 * (v[int(math.Floor(p))-1] + v[int(math.Ceil(p))-1])
	}
	return eval.NewDouble(out), nil
}
