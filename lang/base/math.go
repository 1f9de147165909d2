package base

import (
	"math"

	"torchr/lang/eval"
	"torchr/lang/internal/rfmt"
	"torchr/lang/syntax"
)

// Math functions: the Math group (abs sqrt exp log* trig floor ceiling
// trunc gamma ...), round/signif, two-argument functions (atan2 beta
// choose), cumulative functions and pmin/pmax.

func init() {
	math1 := map[string]func(float64) float64{
		"sqrt": math.Sqrt, "exp": math.Exp, "expm1": math.Expm1, "log1p": math.Log1p,
		"log2": math.Log2, "log10": math.Log10,
		"sin": math.Sin, "cos": math.Cos, "tan": math.Tan,
		"asin": math.Asin, "acos": math.Acos, "atan": math.Atan,
		"sinh": math.Sinh, "cosh": math.Cosh, "tanh": math.Tanh,
		"asinh": math.Asinh, "acosh": math.Acosh, "atanh": math.Atanh,
		"floor": math.Floor, "ceiling": math.Ceil, "trunc": math.Trunc,
		"gamma": rGamma, "lgamma": rLgamma,
		"factorial":  func(x float64) float64 { return rGamma(x + 1) },
		"lfactorial": func(x float64) float64 { return rLgamma(x + 1) },
		"sinpi":      func(x float64) float64 { return sinpi(x) },
		"cospi":      func(x float64) float64 { return cospi(x) },
		"digamma":    digamma,
	}
	for name, f := range math1 {
		name, f := name, f
		formals := []string{"x"}
		if name == "trunc" {
			formals = []string{"x", "..."}
		}
		eval.Register(&eval.Builtin{Name: name, Formals: formals, Generic: true, Fn: func(c *eval.Frame, a []eval.Value) (eval.Value, error) {
			return mathApply1(c, a[0], f)
		}})
	}
	eval.RegisterAll(
		&eval.Builtin{Name: "abs", Generic: true, Formals: []string{"x"}, Fn: absBuiltin},
		&eval.Builtin{Name: "sign", Generic: true, Formals: []string{"x"}, Fn: func(c *eval.Frame, a []eval.Value) (eval.Value, error) {
			return mathApply1(c, a[0], func(x float64) float64 {
				switch {
				case x > 0:
					return 1
				case x < 0:
					return -1
				}
				return x
			})
		}},
		&eval.Builtin{Name: "log", Generic: true, Formals: []string{"x", "base"}, Fn: func(c *eval.Frame, a []eval.Value) (eval.Value, error) {
			if a[1] == nil {
				return mathApply1(c, a[0], math.Log)
			}
			if lenOf(a[1]) == 1 && isNumeric(a[1]) {
				b := toDoubles(a[1])[0]
				return math2(c, "log", a[0], eval.NewDouble1(b), logBase, true)
			}
			if !isNumeric(a[1]) {
				return nil, c.Errorf("non-numeric argument to mathematical function")
			}
			if lenOf(a[1]) == 0 {
				if _, err := mathArg(c, a[0]); err != nil {
					return nil, err
				}
				return eval.NewDouble([]float64{}), nil
			}
			return math2(c, "log", a[0], a[1], logBase, true)
		}},
		&eval.Builtin{Name: "round", Generic: true, Formals: []string{"x", "digits = 0"}, Fn: func(c *eval.Frame, a []eval.Value) (eval.Value, error) {
			return math2(c, "round", a[0], a[1], rfmt.Round, false)
		}},
		&eval.Builtin{Name: "signif", Generic: true, Formals: []string{"x", "digits = 6"}, Fn: func(c *eval.Frame, a []eval.Value) (eval.Value, error) {
			return math2(c, "signif", a[0], a[1], rfmt.Signif, false)
		}},
		&eval.Builtin{Name: "atan2", Formals: []string{"y", "x"}, Fn: func(c *eval.Frame, a []eval.Value) (eval.Value, error) {
			return math2(c, "atan2", a[0], a[1], math.Atan2, true)
		}},
		&eval.Builtin{Name: "beta", Formals: []string{"a", "b"}, Fn: func(c *eval.Frame, a []eval.Value) (eval.Value, error) {
			return math2(c, "beta", a[0], a[1], rBeta, true)
		}},
		&eval.Builtin{Name: "lbeta", Formals: []string{"a", "b"}, Fn: func(c *eval.Frame, a []eval.Value) (eval.Value, error) {
			return math2(c, "lbeta", a[0], a[1], rLbeta, true)
		}},
		&eval.Builtin{Name: "choose", Formals: []string{"n", "k"}, Fn: func(c *eval.Frame, a []eval.Value) (eval.Value, error) {
			var warns []string
			r, err := math2(c, "choose", a[0], a[1], func(n, k float64) float64 {
				if k == k && math.Abs(k-rForceInt(k)) > 1e-7 {
					warns = append(warns, sprintf("'k' (%.2f) must be integer, rounded to %.0f", k, rForceInt(k)))
				}
				return rChoose(n, k)
			}, true)
			for _, w := range warns {
				if err := warnf(c, "%s", w); err != nil {
					return nil, err
				}
			}
			return r, err
		}},
		&eval.Builtin{Name: "lchoose", Formals: []string{"n", "k"}, Fn: func(c *eval.Frame, a []eval.Value) (eval.Value, error) {
			return math2(c, "lchoose", a[0], a[1], func(n, k float64) float64 { return math.Log(math.Abs(rChoose(n, k))) }, true)
		}},
		&eval.Builtin{Name: "cumsum", Generic: true, Formals: []string{"x"}, Fn: func(c *eval.Frame, a []eval.Value) (eval.Value, error) {
			return cumulative(c, "cumsum", a[0])
		}},
		&eval.Builtin{Name: "cumprod", Generic: true, Formals: []string{"x"}, Fn: func(c *eval.Frame, a []eval.Value) (eval.Value, error) {
			return cumulative(c, "cumprod", a[0])
		}},
		&eval.Builtin{Name: "cummax", Generic: true, Formals: []string{"x"}, Fn: func(c *eval.Frame, a []eval.Value) (eval.Value, error) {
			return cumulative(c, "cummax", a[0])
		}},
		&eval.Builtin{Name: "cummin", Generic: true, Formals: []string{"x"}, Fn: func(c *eval.Frame, a []eval.Value) (eval.Value, error) {
			return cumulative(c, "cummin", a[0])
		}},
		&eval.Builtin{Name: "pmax", Formals: []string{"...", "na.rm = FALSE"}, Fn: func(c *eval.Frame, a []eval.Value) (eval.Value, error) {
			return pminmax(c, true, dotsList(a[0]).V, trueArg(a[1]))
		}},
		&eval.Builtin{Name: "pmin", Formals: []string{"...", "na.rm = FALSE"}, Fn: func(c *eval.Frame, a []eval.Value) (eval.Value, error) {
			return pminmax(c, false, dotsList(a[0]).V, trueArg(a[1]))
		}},
	)
}

func logBase(x, b float64) float64 {
	switch b {
	case 10:
		return math.Log10(x)
	case 2:
		return math.Log2(x)
	case math.E:
		return math.Log(x)
	}
	return math.Log(x) / math.Log(b)
}

func sinpi(x float64) float64 {
	x = math.Mod(x, 2)
	if x <= -1 {
		x += 2
	} else if x > 1 {
		x -= 2
	}
	switch x {
	case 0, 1:
		return 0
	case 0.5:
		return 1
	case -0.5:
		return -1
	}
	return math.Sin(math.Pi * x)
}

func cospi(x float64) float64 {
	x = math.Mod(math.Abs(x), 2)
	if math.Mod(x, 1) == 0.5 {
		return 0
	}
	switch x {
	case 1:
		return -1
	case 0:
		return 1
	}
	return math.Cos(math.Pi * x)
}

func digamma(x float64) float64 {
	if x != x {
		return x
	}
	if x <= 0 && x == math.Floor(x) {
		return math.NaN()
	}
	r := 0.0
	for x < 6 {
		r -= 1 / x
		x++
	}
	f := 1 / (x * x)
	t := f * (-1.0/12 + f*(1.0/120+f*(-1.0/252+f*(1.0/240+f*(-1.0/132)))))
	return r + math.Log(x) - 0.5/x + t
}

// mathArg checks that x is numeric; it returns x's doubles.
func mathArg(c *eval.Frame, x eval.Value) (eval.Value, error) {
	x, err := plainValue(c, x)
	if err != nil {
		return nil, err
	}
	switch x.(type) {
	case *eval.Logical, *eval.Integer, *eval.Double:
		return x, nil
	}
	return nil, c.Errorf("non-numeric argument to mathematical function")
}

func copyAllAttrs(src, dst eval.Value) eval.Value {
	if h := hdr(src); h != nil && len(h.Attributes()) > 0 {
		hdr(dst).SetAttributes(append([]eval.Attr(nil), h.Attributes()...))
	}
	return dst
}

func factorMathError(c *eval.Frame, x eval.Value) error {
	if inheritsFrom(x, "factor") {
		name := "Math"
		if cl, ok := c.Call.(*syntax.Call); ok {
			if id, ok := cl.Fn.(*syntax.Ident); ok {
				name = id.Name
			}
		}
		return eval.ErrorWithCall(&syntax.Call{Fn: &syntax.Ident{Name: "Math.factor"}, Args: []syntax.Arg{{Value: &syntax.Ident{Name: "x"}}}},
			"\u2018"+name+"\u2019 not meaningful for factors")
	}
	return nil
}

func mathApply1(c *eval.Frame, x eval.Value, f func(float64) float64) (eval.Value, error) {
	if err := factorMathError(c, x); err != nil {
		return nil, err
	}
	x, err := mathArg(c, x)
	if err != nil {
		return nil, err
	}
	in := toDoubles(x)
	r := make([]float64, len(in))
	naflag := false
	for i, v := range in {
		y := f(v)
		if y != y && v == v {
			naflag = true
		}
		if v != v {
			y = v
		}
		r[i] = y
	}
	if naflag {
		if err := warnf(c, "NaNs produced"); err != nil {
			return nil, err
		}
	}
	return copyAllAttrs(x, eval.NewDouble(r)), nil
}

func absBuiltin(c *eval.Frame, a []eval.Value) (eval.Value, error) {
	if err := factorMathError(c, a[0]); err != nil {
		return nil, err
	}
	x, err := mathArg(c, a[0])
	if err != nil {
		return nil, err
	}
	switch t := x.(type) {
	case *eval.Integer, *eval.Logical:
		v := intsOf(t)
		r := make([]int32, len(v))
		for i, n := range v {
			if n < 0 && n != eval.NAInt {
				n = -n
			}
			r[i] = n
		}
		return copyAllAttrs(x, eval.NewInt(r)), nil
	}
	return mathApply1(c, x, math.Abs)
}

// math2 applies a two-argument function with recycling; attributes come
// from the longer argument (x when equal).
func math2(c *eval.Frame, name string, x, y eval.Value, f func(a, b float64) float64, warnNaN bool) (eval.Value, error) {
	x, err := mathArg(c, x)
	if err != nil {
		return nil, err
	}
	if (name == "round" || name == "signif") && kindOf(y) == kNull {
		return nil, c.Errorf("invalid second argument of length 0")
	}
	if y, err = mathArg(c, y); err != nil {
		return nil, err
	}
	a, b := toDoubles(x), toDoubles(y)
	na, nb := len(a), len(b)
	if nb == 0 && (name == "round" || name == "signif") {
		return nil, c.Errorf("invalid second argument of length 0")
	}
	if na == 0 || nb == 0 {
		return eval.NewDouble(nil), nil
	}
	n := max(na, nb)
	r := make([]float64, n)
	naflag := false
	for i := range r {
		p, q := a[i%na], b[i%nb]
		v := f(p, q)
		if v != v && p == p && q == q {
			naflag = true
		}
		if p != p {
			v = p
		} else if q != q && name != "round" && name != "signif" {
			v = q
		}
		r[i] = v
	}
	if naflag && warnNaN {
		if name == "log" {
			// R's log(x, base) warns without a call.
			if err := c.In.Warning(nil, "NaNs produced"); err != nil {
				return nil, err
			}
		} else if err := warnf(c, "NaNs produced"); err != nil {
			return nil, err
		}
	}
	res := eval.NewDouble(r)
	if na == n {
		return copyAllAttrs(x, res), nil
	}
	return copyAllAttrs(y, res), nil
}

func cumulative(c *eval.Frame, name string, x eval.Value) (eval.Value, error) {
	if err := factorMathError(c, x); err != nil {
		return nil, err
	}
	x, err := plainValue(c, x)
	if err != nil {
		return nil, err
	}
	names := attr(x, "names")
	if d := eval.Dim(x); names == nil && len(d) == 1 {
		if nm := dimnamesAt(dimnamesOf(x), 0); nm != nil {
			names = eval.NewStr(nm)
		}
	}
	var res eval.Value
	switch t := x.(type) {
	case *eval.NullType:
		return eval.NewDouble(nil), nil
	case *eval.Logical, *eval.Integer:
		v := intsOf(t)
		if name == "cumprod" {
			res = cumDouble(name, intsToDoubles(v))
			break
		}
		r := make([]int32, len(v))
		for i := range r {
			r[i] = eval.NAInt
		}
		var s int64
		for i, n := range v {
			if n == eval.NAInt {
				break
			}
			switch name {
			case "cumsum":
				s += int64(n)
				if s > rIntMax || s < rIntMin {
					if err := c.In.Warning(nil, "integer overflow in 'cumsum'; use 'cumsum(as.numeric(.))'"); err != nil {
						return nil, err
					}
					goto done
				}
			case "cummax":
				if i == 0 || int64(n) > s {
					s = int64(n)
				}
			case "cummin":
				if i == 0 || int64(n) < s {
					s = int64(n)
				}
			}
			r[i] = int32(s)
		}
	done:
		res = eval.NewInt(r)
	case *eval.Double:
		res = cumDouble(name, t.V)
	case *eval.Character:
		v := toDoubles(t)
		res = cumDouble(name, v)
	case *eval.List:
		return nil, c.Errorf("'list' object cannot be coerced to type 'double'")
	default:
		return nil, c.Errorf("invalid 'type' (%s) of argument", x.TypeName())
	}
	if names != nil {
		hdr(res).SetAttr("names", names)
	}
	return res, nil
}

func cumDouble(name string, v []float64) eval.Value {
	r := make([]float64, len(v))
	switch name {
	case "cumsum":
		var s dd
		for i, f := range v {
			s.add(f)
			r[i] = s.value()
		}
	case "cumprod":
		p := 1.0
		for i, f := range v {
			p *= f
			r[i] = p
		}
	case "cummax", "cummin":
		isMax := name == "cummax"
		// R: once NA or NaN is met it propagates (the first one wins).
		s := math.Inf(1)
		if isMax {
			s = math.Inf(-1)
		}
		for i, f := range v {
			switch {
			case s != s:
			case f != f:
				s = f
			case (isMax && f > s) || (!isMax && f < s):
				s = f
			}
			r[i] = s
		}
	}
	return eval.NewDouble(r)
}

func pminmax(c *eval.Frame, isMax bool, args []eval.Value, naRm bool) (eval.Value, error) {
	if len(args) == 0 {
		return nil, c.Errorf("no arguments")
	}
	k := kNull
	n := 0
	for i, v := range args {
		var err error
		if v, err = plainValue(c, v); err != nil {
			return nil, err
		}
		args[i] = v
		switch v.(type) {
		case *eval.Logical, *eval.Integer:
			k = max(k, kInt)
		case *eval.Double:
			k = max(k, kDbl)
		case *eval.Character:
			k = max(k, kStr)
		case *eval.NullType:
		default:
			return nil, c.Errorf("invalid input type")
		}
		n = max(n, lenOf(v))
	}
	for _, v := range args {
		if lenOf(v) == 0 {
			return newVec(max(k, kLgl), 0), nil
		}
	}
	for i, v := range args {
		if l := lenOf(v); l > 0 && n%l != 0 {
			_ = i
			if err := warnf(c, "an argument will be fractionally recycled"); err != nil {
				return nil, err
			}
			break
		}
	}
	if k == kNull {
		k = kInt
	}
	var res eval.Value
	switch k {
	case kInt:
		r := make([]int32, n)
		for i := range r {
			have, na := false, false
			var s int32
			for _, v := range args {
				x := intsOf(v)[i%lenOf(v)]
				if x == eval.NAInt {
					na = true
					continue
				}
				if !have || (isMax && x > s) || (!isMax && x < s) {
					s, have = x, true
				}
			}
			if (na && !naRm) || !have {
				s = eval.NAInt
			}
			r[i] = s
		}
		res = eval.NewInt(r)
	case kDbl:
		r := make([]float64, n)
		for i := range r {
			have := false
			na := 0.0
			isNA := false
			var s float64
			for _, v := range args {
				x := toDoubles(v)[i%lenOf(v)]
				if x != x {
					if !isNA {
						na, isNA = x, true
					}
					continue
				}
				if !have || (isMax && x > s) || (!isMax && x < s) {
					s, have = x, true
				}
			}
			if (isNA && !naRm) || !have {
				s = na
				if !isNA {
					s = eval.NAReal
				}
			}
			r[i] = s
		}
		res = eval.NewDouble(r)
	default:
		r := make([]string, n)
		for i := range r {
			have, na := false, false
			var s string
			for _, v := range args {
				x := toStrs(v)[i%lenOf(v)]
				if x == eval.NAString {
					na = true
					continue
				}
				if !have || (isMax && collate(x, s) > 0) || (!isMax && collate(x, s) < 0) {
					s, have = x, true
				}
			}
			if (na && !naRm) || !have {
				s = eval.NAString
			}
			r[i] = s
		}
		res = eval.NewStr(r)
	}
	if h := hdr(args[0]); h != nil {
		for _, at := range h.Attributes() {
			switch at.Name {
			case "names", "dim", "dimnames":
				if lenOf(args[0]) != n {
					continue
				}
			}
			hdr(res).SetAttr(at.Name, at.Value)
		}
	}
	return res, nil
}
