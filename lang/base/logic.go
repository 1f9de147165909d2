package base

import (
	"torchr/lang/eval"
)

// Logical operators and functions: ! & | xor isTRUE isFALSE any all ifelse.
// (&& and || are evaluated by the evaluator, which short-circuits.)

func init() {
	eval.RegisterAll(
		&eval.Builtin{Name: "!", Formals: []string{"x"}, Fn: notOp},
		&eval.Builtin{Name: "&", Formals: []string{"e1", "e2"}, Fn: func(c *eval.Frame, a []eval.Value) (eval.Value, error) {
			return logicBinary(c, "&", a[0], a[1])
		}},
		&eval.Builtin{Name: "|", Formals: []string{"e1", "e2"}, Fn: func(c *eval.Frame, a []eval.Value) (eval.Value, error) {
			return logicBinary(c, "|", a[0], a[1])
		}},
		&eval.Builtin{Name: "xor", Generic: true, Formals: []string{"x", "y"}, Fn: func(c *eval.Frame, a []eval.Value) (eval.Value, error) {
			or, err := logicBinary(c, "|", a[0], a[1])
			if err != nil {
				return nil, err
			}
			and, err := logicBinary(c, "&", a[0], a[1])
			if err != nil {
				return nil, err
			}
			if orr, ok := or.(*eval.Raw); ok {
				// bitwise for two raw vectors: (x | y) & !(x & y)
				andr := and.(*eval.Raw)
				r := eval.Copy(orr).(*eval.Raw)
				for i := range r.V {
					r.V[i] &^= andr.V[i]
				}
				return r, nil
			}
			o, n := or.(*eval.Logical), and.(*eval.Logical)
			r := eval.Copy(o).(*eval.Logical)
			for i := range r.V {
				switch {
				case o.V[i] == eval.NALogical || n.V[i] == eval.NALogical:
					r.V[i] = eval.NALogical
				default:
					r.V[i] = b2i(o.V[i] == 1 && n.V[i] == 0)
				}
			}
			return r, nil
		}},
		&eval.Builtin{Name: "isTRUE", Formals: []string{"x"}, Fn: func(c *eval.Frame, a []eval.Value) (eval.Value, error) {
			l, ok := a[0].(*eval.Logical)
			return eval.Bool(ok && len(l.V) == 1 && l.V[0] == 1), nil
		}},
		&eval.Builtin{Name: "isFALSE", Formals: []string{"x"}, Fn: func(c *eval.Frame, a []eval.Value) (eval.Value, error) {
			l, ok := a[0].(*eval.Logical)
			return eval.Bool(ok && len(l.V) == 1 && l.V[0] == 0), nil
		}},
		&eval.Builtin{Name: "any", Generic: true, Formals: []string{"...", "na.rm = FALSE"}, Fn: func(c *eval.Frame, a []eval.Value) (eval.Value, error) {
			return anyAll(c, "any", dotsList(a[0]), trueArg(a[1]))
		}},
		&eval.Builtin{Name: "all", Generic: true, Formals: []string{"...", "na.rm = FALSE"}, Fn: func(c *eval.Frame, a []eval.Value) (eval.Value, error) {
			return anyAll(c, "all", dotsList(a[0]), trueArg(a[1]))
		}},
		&eval.Builtin{Name: "ifelse", Generic: true, Formals: []string{"test", "yes", "no"}, Fn: ifelse},
	)
}

func notOp(c *eval.Frame, a []eval.Value) (eval.Value, error) {
	if inheritsFrom(a[0], "factor") {
		return factorNotMeaningful(c, "!", a[0], eval.Null)
	}
	x, err := plainValue(c, a[0])
	if err != nil {
		return nil, err
	}
	var r []int32
	switch t := x.(type) {
	case *eval.Raw:
		// ! on raw is bitwise complement
		rb := make([]byte, len(t.V))
		for i, b := range t.V {
			rb[i] = ^b
		}
		res := eval.NewRaw(rb)
		for _, n := range []string{"names", "dim", "dimnames"} {
			if v := attr(x, n); v != nil {
				res.SetAttr(n, v)
			}
		}
		return res, nil
	case *eval.Logical:
		r = make([]int32, len(t.V))
		for i, v := range t.V {
			if v == eval.NALogical {
				r[i] = v
			} else {
				r[i] = 1 - v
			}
		}
		res := eval.NewLgl(r)
		if h := t.Hdr(); len(h.Attributes()) > 0 {
			res.SetAttributes(append([]eval.Attr(nil), h.Attributes()...))
		}
		return res, nil
	case *eval.Integer, *eval.Double, *eval.Complex:
		l := toLgls(x)
		r = make([]int32, len(l))
		for i, v := range l {
			if v == eval.NALogical {
				r[i] = v
			} else {
				r[i] = 1 - v
			}
		}
	default:
		return nil, c.Errorf("invalid argument type")
	}
	res := eval.NewLgl(r)
	for _, n := range []string{"names", "dim", "dimnames"} {
		if v := attr(x, n); v != nil {
			res.SetAttr(n, v)
		}
	}
	return res, nil
}

func logicBinary(c *eval.Frame, op string, x, y eval.Value) (eval.Value, error) {
	if inheritsFrom(x, "factor") || inheritsFrom(y, "factor") {
		return factorNotMeaningful(c, op, x, y)
	}
	var err error
	if x, err = plainValue(c, x); err != nil {
		return nil, err
	}
	if y, err = plainValue(c, y); err != nil {
		return nil, err
	}
	_, xRaw := x.(*eval.Raw)
	_, yRaw := y.(*eval.Raw)
	if xRaw && yRaw {
		// raw & raw and raw | raw are bitwise
		s, err := shapeOf(c, &x, &y)
		if err != nil {
			return nil, err
		}
		xr, yr := x.(*eval.Raw), y.(*eval.Raw)
		r := make([]byte, s.n)
		for i := range r {
			p, q := xr.V[i%len(xr.V)], yr.V[i%len(yr.V)]
			if op == "&" {
				r[i] = p & q
			} else {
				r[i] = p | q
			}
		}
		return s.finish(c, x, y, eval.NewRaw(r), false)
	}
	if _, ok := arithKind(x); !ok {
		return nil, c.Errorf("operations are possible only for numeric, logical or complex types")
	}
	if _, ok := arithKind(y); !ok {
		return nil, c.Errorf("operations are possible only for numeric, logical or complex types")
	}
	s, err := shapeOf(c, &x, &y)
	if err != nil {
		return nil, err
	}
	a, b := toLgls(x), toLgls(y)
	r := make([]int32, s.n)
	na, nb := len(a), len(b)
	const NA = eval.NALogical
	for i := range r {
		p, q := a[i%na], b[i%nb]
		if op == "&" {
			switch {
			case p == 0 || q == 0:
				r[i] = 0
			case p == NA || q == NA:
				r[i] = NA
			default:
				r[i] = 1
			}
		} else {
			switch {
			case p == 1 || q == 1:
				r[i] = 1
			case p == NA || q == NA:
				r[i] = NA
			default:
				r[i] = 0
			}
		}
	}
	return s.finish(c, x, y, eval.NewLgl(r), false)
}

func anyAll(c *eval.Frame, name string, args *eval.List, naRm bool) (eval.Value, error) {
	isAny := name == "any"
	sawNA := false
	for _, v := range args.V {
		var l []int32
		switch t := v.(type) {
		case *eval.Logical:
			l = t.V
		case *eval.Integer:
			l = toLgls(t)
		case *eval.NullType:
			continue
		case *eval.Double, *eval.Complex, *eval.List:
			if lenOf(v) > 0 || kindOf(v) == kList {
				if err := warnf(c, "coercing argument of type '%s' to logical", v.TypeName()); err != nil {
					return nil, err
				}
			}
			l = toLgls(v)
		default:
			return nil, c.Errorf("invalid 'type' (%s) of argument", v.TypeName())
		}
		for _, b := range l {
			switch {
			case b == eval.NALogical:
				sawNA = true
			case isAny && b == 1:
				return eval.True, nil
			case !isAny && b == 0:
				return eval.False, nil
			}
		}
	}
	if sawNA && !naRm {
		return eval.NALgl, nil
	}
	return eval.Bool(!isAny), nil
}

func ifelse(c *eval.Frame, a []eval.Value) (eval.Value, error) {
	test, yes, no := a[0], a[1], a[2]
	var err error
	if test, err = plainValue(c, test); err != nil {
		return nil, err
	}
	var t []int32
	if isAtomicVec(test) || kindOf(test) == kNull {
		t = toLgls(test)
	} else if kindOf(test) == kList {
		t = toLgls(test)
	} else {
		return nil, c.Errorf("cannot coerce type '%s' to vector of type 'logical'", test.TypeName())
	}
	n := len(t)
	if n == 1 && !hasAttrs(test) {
		// R's ifelse returns a length-one yes/no without attributes
		// as it is, whatever its type
		switch {
		case t[0] == eval.NALogical:
			return eval.NewLgl1(eval.NALogical), nil
		case t[0] == 1 && yes != nil && lenOf(yes) == 1 && !hasAttrs(yes):
			return yes, nil
		case t[0] == 0 && no != nil && lenOf(no) == 1 && !hasAttrs(no):
			return no, nil
		}
	}
	anyYes, anyNo := false, false
	for _, b := range t {
		if b == 1 {
			anyYes = true
		} else if b == 0 {
			anyNo = true
		}
	}
	k := kLgl
	if anyYes {
		if yes == nil {
			return nil, c.Errorf("argument \"yes\" is missing, with no default")
		}
		k = max(k, kindOf(yes))
	}
	if anyNo {
		if no == nil {
			return nil, c.Errorf("argument \"no\" is missing, with no default")
		}
		k = max(k, kindOf(no))
	}
	if k > kList {
		return nil, c.Errorf("cannot coerce type to vector")
	}
	res := coerceVec(eval.NewLgl(append([]int32(nil), t...)), k)
	if k == kLgl {
		res = eval.Copy(res)
	}
	fill := func(src eval.Value, want int32) error {
		m := lenOf(src)
		if m == 0 {
			src, m = newNAVec(k, 1), 1
		}
		sv := coerceVec(src, k)
		for i, b := range t {
			if b == want {
				setElemFrom(res, i, sv, i%m)
			}
		}
		return nil
	}
	if anyYes {
		if err := fill(yes, 1); err != nil {
			return nil, err
		}
	}
	if anyNo {
		if err := fill(no, 0); err != nil {
			return nil, err
		}
	}
	_ = n
	if h := hdr(test); h != nil && len(h.Attributes()) > 0 {
		hdr(res).SetAttributes(append([]eval.Attr(nil), h.Attributes()...))
	}
	return res, nil
}

// setElemFrom sets dst[i] = src[j]; dst and src have the same type.
func setElemFrom(dst eval.Value, i int, src eval.Value, j int) {
	switch d := dst.(type) {
	case *eval.Logical:
		d.V[i] = src.(*eval.Logical).V[j]
	case *eval.Integer:
		d.V[i] = src.(*eval.Integer).V[j]
	case *eval.Double:
		d.V[i] = src.(*eval.Double).V[j]
	case *eval.Complex:
		d.V[i] = src.(*eval.Complex).V[j]
	case *eval.Character:
		d.V[i] = src.(*eval.Character).V[j]
	case *eval.Raw:
		d.V[i] = src.(*eval.Raw).V[j]
	case *eval.List:
		v := src.(*eval.List).V[j]
		eval.Ref(v)
		d.V[i] = v
	}
}
