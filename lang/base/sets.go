package base

import (
	"torchr/lang/eval"
)

// Matching and sets: match, %in%, setdiff, union, intersect, is.na<-.

func init() {
	eval.RegisterAll(
		&eval.Builtin{Name: "match", Generic: true, Formals: []string{"x", "table", "nomatch = NA_integer_", "incomparables = NULL"}, Fn: func(c *eval.Frame, a []eval.Value) (eval.Value, error) {
			nomatch := eval.NAInt
			if v, ok := intArg(a[2]); ok {
				nomatch = int32(v)
			}
			return matchValues(c, a[0], a[1], nomatch)
		}},
		&eval.Builtin{Name: "%in%", Generic: true, Formals: []string{"x", "table"}, Fn: func(c *eval.Frame, a []eval.Value) (eval.Value, error) {
			m, err := matchValues(c, a[0], a[1], 0)
			if err != nil {
				return nil, err
			}
			v := m.(*eval.Integer).V
			r := make([]int32, len(v))
			for i, p := range v {
				r[i] = b2i(p > 0)
			}
			return eval.NewLgl(r), nil
		}},
		&eval.Builtin{Name: "union", Generic: true, Formals: []string{"x", "y"}, Fn: func(c *eval.Frame, a []eval.Value) (eval.Value, error) {
			u, err := combine(c, &eval.List{V: []eval.Value{asPlainVector(a[0]), asPlainVector(a[1])}}, false, false)
			if err != nil {
				return nil, err
			}
			return uniqueOf(c, u)
		}},
		&eval.Builtin{Name: "setdiff", Generic: true, Formals: []string{"x", "y"}, Fn: func(c *eval.Frame, a []eval.Value) (eval.Value, error) {
			x, y := asPlainVector(a[0]), asPlainVector(a[1])
			if lenOf(x) == 0 && lenOf(y) == 0 {
				return uniqueOf(c, x)
			}
			m, err := matchValues(c, x, y, 0)
			if err != nil {
				return nil, err
			}
			var pos []int
			for i, p := range m.(*eval.Integer).V {
				if p == 0 {
					pos = append(pos, i)
				}
			}
			if pos == nil {
				pos = []int{}
			}
			return uniqueOf(c, gather(x, pos))
		}},
		&eval.Builtin{Name: "intersect", Generic: true, Formals: []string{"x", "y"}, Fn: func(c *eval.Frame, a []eval.Value) (eval.Value, error) {
			if kindOf(a[0]) == kNull || kindOf(a[1]) == kNull {
				return eval.Null, nil
			}
			x, y := asPlainVector(a[0]), asPlainVector(a[1])
			d, err := dupFlags(c, x)
			if err != nil {
				return nil, err
			}
			m, err := matchValues(c, x, y, 0)
			if err != nil {
				return nil, err
			}
			pos := []int{}
			for i, p := range m.(*eval.Integer).V {
				if !d[i] && p > 0 {
					pos = append(pos, i)
				}
			}
			return combine(c, &eval.List{V: []eval.Value{gather(x, pos), gather(y, nil)}}, false, false)
		}},
		&eval.Builtin{Name: "is.na<-", Formals: []string{"x", "value"}, Fn: func(c *eval.Frame, a []eval.Value) (eval.Value, error) {
			na := newNAVec(max(kindOf(a[0]), kLgl), 1)
			if kindOf(a[0]) == kList {
				na = eval.NewList([]eval.Value{eval.NewLgl1(eval.NALogical)}, nil)
			}
			return subassignBuiltin(c, []eval.Value{a[0], eval.NewList([]eval.Value{a[1]}, nil), na})
		}},
	)
}

// asPlainVector drops attributes (as.vector).
func asPlainVector(v eval.Value) eval.Value {
	if !hasAttrs(v) {
		return v
	}
	if inheritsFrom(v, "factor") {
		return eval.NewStr(toFactorStrings(v))
	}
	r := gather(v, seqInts(0, lenOf(v)))
	if nm := eval.Names(v); nm != nil && kindOf(v) == kList {
		setNames(r, nm)
	}
	return r
}

func toFactorStrings(v eval.Value) []string {
	lv := toStrs(attr(v, "levels"))
	codes := toInts(v)
	r := make([]string, len(codes))
	for i, k := range codes {
		if k == eval.NAInt || int(k) > len(lv) || k < 1 {
			r[i] = eval.NAString
		} else {
			r[i] = lv[k-1]
		}
	}
	return r
}

func matchValues(c *eval.Frame, x, table eval.Value, nomatch int32) (eval.Value, error) {
	var err error
	if x, err = plainValue(c, x); err != nil {
		return nil, err
	}
	if table, err = plainValue(c, table); err != nil {
		return nil, err
	}
	if inheritsFrom(x, "factor") {
		x = eval.NewStr(toFactorStrings(x))
	}
	if inheritsFrom(table, "factor") {
		table = eval.NewStr(toFactorStrings(table))
	}
	n := lenOf(x)
	r := make([]int32, n)
	if kindOf(x) == kNull {
		return eval.NewInt(r), nil
	}
	if !isAtomicVec(x) && kindOf(x) != kList {
		return nil, c.Errorf("'match' requires vector arguments")
	}
	if !isAtomicVec(table) && kindOf(table) != kList && kindOf(table) != kNull {
		return nil, c.Errorf("'match' requires vector arguments")
	}
	k := max(kindOf(x), kindOf(table))
	if k == kLgl {
		k = kInt
	}
	xs, ts := coerceVec(x, k), coerceVec(table, k)
	switch k {
	case kInt:
		xv, tv := intsOf(xs), intsOf(ts)
		pos := make(map[int32]int32, len(tv))
		for i := len(tv) - 1; i >= 0; i-- {
			pos[tv[i]] = int32(i + 1)
		}
		for i, key := range xv {
			if p, ok := pos[key]; ok {
				r[i] = p
			} else {
				r[i] = nomatch
			}
		}
		return eval.NewInt(r), nil
	case kDbl:
		xv, tv := toDoubles(xs), toDoubles(ts)
		pos := make(map[uint64]int32, len(tv))
		for i := len(tv) - 1; i >= 0; i-- {
			pos[dblBits(tv[i])] = int32(i + 1)
		}
		for i, f := range xv {
			if p, ok := pos[dblBits(f)]; ok {
				r[i] = p
			} else {
				r[i] = nomatch
			}
		}
		return eval.NewInt(r), nil
	case kStr:
		xv, tv := toStrs(xs), toStrs(ts)
		pos := make(map[string]int32, len(tv))
		for i := len(tv) - 1; i >= 0; i-- {
			pos[tv[i]] = int32(i + 1)
		}
		for i, s := range xv {
			if p, ok := pos[s]; ok {
				r[i] = p
			} else {
				r[i] = nomatch
			}
		}
		return eval.NewInt(r), nil
	}
	xk, _ := elemKeys(xs)
	tk, _ := elemKeys(ts)
	pos := make(map[any]int32, len(tk))
	for i := len(tk) - 1; i >= 0; i-- {
		pos[tk[i]] = int32(i + 1)
	}
	for i, key := range xk {
		if p, ok := pos[key]; ok {
			r[i] = p
		} else {
			r[i] = nomatch
		}
	}
	return eval.NewInt(r), nil
}
