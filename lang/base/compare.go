package base

import (
	"torchr/lang/eval"
)

// Comparison operators == != < > <= >= (R's relop.c): strings compare by
// the collation, numbers numerically; NA gives NA; names and dims follow
// the arithmetic rules (no other attributes).

func init() {
	for _, op := range []string{"==", "!=", "<", ">", "<=", ">="} {
		op := op
		eval.Register(&eval.Builtin{Name: op, Formals: []string{"e1", "e2"}, Fn: func(c *eval.Frame, a []eval.Value) (eval.Value, error) {
			if a[1] == nil {
				return nil, c.Errorf("invalid argument to unary operator")
			}
			return compare(c, op, a[0], a[1])
		}})
	}
}

func relopKind(v eval.Value) (vkind, bool) {
	switch v.(type) {
	case *eval.NullType, *eval.Logical:
		return kLgl, true
	case *eval.Integer, *eval.Raw:
		// raw compares as integer (or as its hex text against strings)
		return kInt, true
	case *eval.Double:
		return kDbl, true
	case *eval.Complex:
		return kCplx, true
	case *eval.Character:
		return kStr, true
	case *eval.List:
		return kList, true
	case *eval.Lang:
		return kStr, true
	}
	return 0, false
}

func compare(c *eval.Frame, op string, x, y eval.Value) (eval.Value, error) {
	if inheritsFrom(x, "factor") || inheritsFrom(y, "factor") {
		ordered := inheritsFrom(x, "ordered") || inheritsFrom(y, "ordered")
		if op != "==" && op != "!=" && !ordered {
			return factorNotMeaningful(c, op, x, y)
		}
		if ordered && op != "==" && op != "!=" {
			// Ops.ordered: compare level positions.
			lv := attr(x, "levels")
			if !inheritsFrom(x, "ordered") {
				lv = attr(y, "levels")
			}
			levels := toStrs(lv)
			codes := func(v eval.Value) eval.Value {
				if inheritsFrom(v, "factor") {
					return eval.NewInt(append([]int32(nil), toInts(v)...))
				}
				s := toStrs(v)
				r := make([]int32, len(s))
				for i, e := range s {
					r[i] = eval.NAInt
					for k, l := range levels {
						if l == e {
							r[i] = int32(k + 1)
							break
						}
					}
				}
				return eval.NewInt(r)
			}
			x, y = codes(x), codes(y)
		} else {
			if inheritsFrom(x, "factor") {
				x = eval.NewStr(toFactorStrings(x))
			}
			if inheritsFrom(y, "factor") {
				y = eval.NewStr(toFactorStrings(y))
			}
		}
	}
	var err error
	if x, err = plainValue(c, x); err != nil {
		return nil, err
	}
	if y, err = plainValue(c, y); err != nil {
		return nil, err
	}
	kx, okx := relopKind(x)
	ky, oky := relopKind(y)
	if !okx || !oky {
		return nil, c.Errorf("comparison (%s) is possible only for atomic and list types", op)
	}
	if l, ok := x.(*eval.Lang); ok {
		x = eval.NewStr1(eval.DeparseValue(l))
	}
	if l, ok := y.(*eval.Lang); ok {
		y = eval.NewStr1(eval.DeparseValue(l))
	}
	if kx == kList || ky == kList {
		// R compares lists whose elements are length-one atomics.
		x, kx, err = flattenListOperand(c, x, kx)
		if err != nil {
			return nil, err
		}
		y, ky, err = flattenListOperand(c, y, ky)
		if err != nil {
			return nil, err
		}
	}
	s, err := shapeOf(c, &x, &y)
	if err != nil {
		return nil, err
	}
	n := s.n
	r := make([]int32, n)
	switch {
	case kx == kStr || ky == kStr:
		a, b := toStrs(x), toStrs(y)
		na, nb := len(a), len(b)
		for i := range r {
			p, q := a[i%na], b[i%nb]
			if p == eval.NAString || q == eval.NAString {
				r[i] = eval.NALogical
				continue
			}
			var res bool
			switch op {
			case "==":
				res = p == q
			case "!=":
				res = p != q
			default:
				cmp := collate(p, q)
				switch op {
				case "<":
					res = cmp < 0
				case ">":
					res = cmp > 0
				case "<=":
					res = cmp <= 0
				case ">=":
					res = cmp >= 0
				}
			}
			r[i] = b2i(res)
		}
	case kx == kCplx || ky == kCplx:
		if op != "==" && op != "!=" {
			return nil, c.Errorf("invalid comparison with complex values")
		}
		a, b := toComplex(x), toComplex(y)
		for i := range r {
			p, q := a[i%len(a)], b[i%len(b)]
			if p != p || q != q {
				r[i] = eval.NALogical
				continue
			}
			r[i] = b2i((p == q) == (op == "=="))
		}
	case kx == kDbl || ky == kDbl:
		compareDoubles(op, toDoubles(x), toDoubles(y), r)
	default:
		compareInts(op, toInts(x), toInts(y), r)
	}
	val := eval.NewLgl(r)
	return s.finish(c, x, y, val, false)
}

func flattenListOperand(c *eval.Frame, v eval.Value, k vkind) (eval.Value, vkind, error) {
	if k != kList {
		return v, k, nil
	}
	l := v.(*eval.List)
	best := kLgl
	for _, e := range l.V {
		ek, ok := relopKind(e)
		if !ok || ek == kList || lenOf(e) != 1 {
			return nil, 0, c.Errorf("comparison of these types is not implemented")
		}
		best = max(best, ek)
	}
	r := coerceVec(v, best)
	if h := hdr(v); h != nil {
		hdr(r).SetAttributes(append([]eval.Attr(nil), h.Attributes()...))
	}
	return r, best, nil
}

func compareDoubles(op string, a, b []float64, r []int32) {
	na, nb := len(a), len(b)
	ia, ib := 0, 0
	for i := range r {
		p, q := a[ia], b[ib]
		if ia++; ia == na {
			ia = 0
		}
		if ib++; ib == nb {
			ib = 0
		}
		if p != p || q != q {
			r[i] = eval.NALogical
			continue
		}
		var res bool
		switch op {
		case "==":
			res = p == q
		case "!=":
			res = p != q
		case "<":
			res = p < q
		case ">":
			res = p > q
		case "<=":
			res = p <= q
		case ">=":
			res = p >= q
		}
		r[i] = b2i(res)
	}
}

func compareInts(op string, a, b []int32, r []int32) {
	na, nb := len(a), len(b)
	ia, ib := 0, 0
	for i := range r {
		p, q := a[ia], b[ib]
		if ia++; ia == na {
			ia = 0
		}
		if ib++; ib == nb {
			ib = 0
		}
		if p == eval.NAInt || q == eval.NAInt {
			r[i] = eval.NALogical
			continue
		}
		var res bool
		switch op {
		case "==":
			res = p == q
		case "!=":
			res = p != q
		case "<":
			res = p < q
		case ">":
			res = p > q
		case "<=":
			res = p <= q
		case ">=":
			res = p >= q
		}
		r[i] = b2i(res)
	}
}
