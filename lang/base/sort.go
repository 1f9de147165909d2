package base

import (
	"math"
	"slices"

	"torchr/lang/eval"
)

// Sorting and uniqueness: sort, order, unique, duplicated, anyDuplicated,
// rank-free helpers. Orders are stable (R's radix and shell methods both
// keep ties in their original order); strings use the collation.

func init() {
	eval.RegisterAll(
		&eval.Builtin{Name: "sort", Formals: []string{"x", "decreasing = FALSE", "na.last = NA", "..."}, Generic: true, Fn: sortBuiltin},
		&eval.Builtin{Name: "order", Generic: true, Formals: []string{"...", "na.last = TRUE", "decreasing = FALSE", "method"}, Fn: orderBuiltin},
		&eval.Builtin{Name: "unique", Formals: []string{"x", "incomparables = FALSE", "..."}, Generic: true, Fn: func(c *eval.Frame, a []eval.Value) (eval.Value, error) {
			return uniqueOf(c, a[0])
		}},
		&eval.Builtin{Name: "duplicated", Formals: []string{"x", "incomparables = FALSE", "..."}, Generic: true, Fn: func(c *eval.Frame, a []eval.Value) (eval.Value, error) {
			d, err := dupFlags(c, a[0])
			if err != nil {
				return nil, err
			}
			r := make([]int32, len(d))
			for i, b := range d {
				r[i] = b2i(b)
			}
			res := eval.NewLgl(r)
			if dm := eval.Dim(a[0]); len(dm) == 2 {
				if rn := dimnamesAt(dimnamesOf(a[0]), 0); rn != nil {
					setNames(res, rn)
				}
			}
			return res, nil
		}},
		&eval.Builtin{Name: "anyDuplicated", Formals: []string{"x", "incomparables = FALSE", "..."}, Generic: true, Fn: func(c *eval.Frame, a []eval.Value) (eval.Value, error) {
			d, err := dupFlags(c, a[0])
			if err != nil {
				return nil, err
			}
			for i, b := range d {
				if b {
					return eval.NewInt1(int32(i + 1)), nil
				}
			}
			return eval.NewInt1(0), nil
		}},
	)
}

// sortKey compares elements i and j of one key vector: -1, 0, 1; NAs are
// handled by the caller.
type sortKey struct {
	isNA func(i int) bool
	cmp  func(i, j int) int
}

func makeSortKey(c *eval.Frame, v eval.Value) (*sortKey, error) {
	switch t := v.(type) {
	case *eval.Double:
		return &sortKey{
			isNA: func(i int) bool { return t.V[i] != t.V[i] },
			cmp: func(i, j int) int {
				a, b := t.V[i], t.V[j]
				switch {
				case a < b:
					return -1
				case a > b:
					return 1
				}
				return 0
			},
		}, nil
	case *eval.Integer, *eval.Logical:
		x := intsOf(t)
		return &sortKey{
			isNA: func(i int) bool { return x[i] == eval.NAInt },
			cmp: func(i, j int) int {
				a, b := x[i], x[j]
				switch {
				case a < b:
					return -1
				case a > b:
					return 1
				}
				return 0
			},
		}, nil
	case *eval.Character:
		return &sortKey{
			isNA: func(i int) bool { return t.V[i] == eval.NAString },
			cmp:  func(i, j int) int { return collate(t.V[i], t.V[j]) },
		}, nil
	}
	return nil, c.Errorf("argument is not a vector")
}

// orderIndex returns the stable ordering permutation (0-based) for the
// keys. naLast: 1 last, 0 first, NA remove.
func orderIndex(c *eval.Frame, keys []eval.Value, decreasing []bool, naLast int32) ([]int, error) {
	if len(keys) == 0 {
		return nil, nil
	}
	n := lenOf(keys[0])
	sk := make([]*sortKey, len(keys))
	for k, v := range keys {
		if lenOf(v) != n {
			return nil, c.Errorf("argument lengths differ")
		}
		s, err := makeSortKey(c, v)
		if err != nil {
			return nil, c.Errorf("argument %d is not a vector", k+1)
		}
		sk[k] = s
	}
	idx := make([]int, 0, n)
	for i := 0; i < n; i++ {
		if naLast == eval.NALogical {
			drop := false
			for _, s := range sk {
				if s.isNA(i) {
					drop = true
					break
				}
			}
			if drop {
				continue
			}
		}
		idx = append(idx, i)
	}
	if len(keys) == 1 {
		if fast := orderOneKey(keys[0], idx, decreasing[0], naLast); fast {
			return idx, nil
		}
	}
	// Ties are broken by position, which makes the order stable.
	slices.SortFunc(idx, func(i, j int) int {
		for k, s := range sk {
			ni, nj := s.isNA(i), s.isNA(j)
			if ni || nj {
				if ni && nj {
					continue
				}
				// NA placement does not depend on decreasing.
				if (naLast == 0) == ni {
					return -1
				}
				return 1
			}
			r := s.cmp(i, j)
			if r == 0 {
				continue
			}
			if decreasing[k] {
				return -r
			}
			return r
		}
		return i - j
	})
	return idx, nil
}

// orderOneKey sorts idx (positions, NAs possibly included) by one double
// or integer key without per-comparison indirection. It reports false for
// other key types.
func orderOneKey(key eval.Value, idx []int, decreasing bool, naLast int32) bool {
	type pair struct {
		v float64
		i int
	}
	var vals []float64
	switch t := key.(type) {
	case *eval.Double:
		vals = t.V
	case *eval.Integer, *eval.Logical:
		vals = intsToDoubles(intsOf(t))
	default:
		return false
	}
	ps := make([]pair, 0, len(idx))
	var nas []int
	for _, i := range idx {
		if vals[i] != vals[i] {
			nas = append(nas, i)
			continue
		}
		ps = append(ps, pair{vals[i], i})
	}
	slices.SortFunc(ps, func(a, b pair) int {
		switch {
		case a.v < b.v:
			if decreasing {
				return 1
			}
			return -1
		case a.v > b.v:
			if decreasing {
				return -1
			}
			return 1
		}
		return a.i - b.i
	})
	out := idx[:0]
	if naLast == 0 {
		out = append(out, nas...)
	}
	for _, p := range ps {
		out = append(out, p.i)
	}
	if naLast == 1 {
		out = append(out, nas...)
	}
	return true
}

func sortBuiltin(c *eval.Frame, a []eval.Value) (eval.Value, error) {
	x := a[0]
	var err error
	if x, err = plainValue(c, x); err != nil {
		return nil, err
	}
	if kindOf(x) == kNull {
		return eval.Null, nil
	}
	if !isAtomicVec(x) {
		return nil, c.Errorf("'x' must be atomic")
	}
	dec := lglArg(a[1])
	if dec == eval.NALogical {
		return nil, c.Errorf("'decreasing' must be a length-1 logical vector.\nDid you intend to set 'partial'?")
	}
	naLast := eval.NALogical
	if a[2] != nil {
		naLast = lglArg(a[2])
	}
	if !hasAttrs(x) {
		if d, ok := x.(*eval.Double); ok {
			return eval.NewDouble(sortFloats(d.V, dec == 1, naLast)), nil
		}
	}
	idx, err := orderIndex(c, []eval.Value{x}, []bool{dec == 1}, naLast)
	if err != nil {
		return nil, err
	}
	r := gather(x, idx)
	if nm := elemNames(x); nm != nil {
		setNames(r, gatherNames(nm, idx))
	}
	if inheritsFrom(x, "factor") {
		hdr(r).SetAttr("levels", attr(x, "levels"))
		hdr(r).SetAttr("class", attr(x, "class"))
	}
	return r, nil
}

func orderBuiltin(c *eval.Frame, a []eval.Value) (eval.Value, error) {
	keys := dotsList(a[0]).V
	for i, k := range keys {
		var err error
		if keys[i], err = plainValue(c, k); err != nil {
			return nil, err
		}
	}
	if len(keys) == 0 {
		return eval.NewInt([]int32{}), nil
	}
	naLast := int32(1)
	if a[1] != nil {
		naLast = lglArg(a[1])
	}
	decV := toLgls(a[2])
	dec := make([]bool, len(keys))
	for k := range dec {
		if len(decV) == 1 {
			dec[k] = decV[0] == 1
		} else if len(decV) == len(keys) {
			dec[k] = decV[k] == 1
		} else {
			return nil, c.Errorf("length(decreasing) must match the number of order arguments")
		}
	}
	idx, err := orderIndex(c, keys, dec, naLast)
	if err != nil {
		return nil, err
	}
	r := make([]int32, len(idx))
	for i, p := range idx {
		r[i] = int32(p + 1)
	}
	return eval.NewInt(r), nil
}

func sortFloats(v []float64, decreasing bool, naLast int32) []float64 {
	r := make([]float64, 0, len(v))
	var nas []float64
	for _, f := range v {
		if f != f {
			nas = append(nas, f)
		} else {
			r = append(r, f)
		}
	}
	slices.Sort(r)
	if decreasing {
		slices.Reverse(r)
	}
	switch naLast {
	case 1:
		r = append(r, nas...)
	case 0:
		r = append(nas, r...)
	}
	return r
}

// hashKey returns a map key identifying element i for unique/match.
func elemKeys(v eval.Value) ([]any, bool) {
	switch t := v.(type) {
	case *eval.Double:
		k := make([]any, len(t.V))
		for i, f := range t.V {
			k[i] = dblKey(f)
		}
		return k, true
	case *eval.Integer, *eval.Logical:
		x := intsOf(t)
		k := make([]any, len(x))
		for i, n := range x {
			k[i] = n
		}
		return k, true
	case *eval.Character:
		k := make([]any, len(t.V))
		for i, s := range t.V {
			k[i] = s
		}
		return k, true
	case *eval.Complex:
		k := make([]any, len(t.V))
		for i, z := range t.V {
			k[i] = [2]any{dblKey(real(z)), dblKey(imag(z))}
		}
		return k, true
	case *eval.List:
		k := make([]any, len(t.V))
		for i, e := range t.V {
			k[i] = e.TypeName() + "\x00" + eval.DeparseValue(e)
		}
		return k, true
	}
	return nil, false
}

type naKey struct{ nan bool }

func dblKey(f float64) any {
	if f != f {
		return naKey{nan: !eval.IsNA(f)}
	}
	if f == 0 {
		f = 0 // fold -0
	}
	return math.Float64bits(f)
}

// rowKeys returns one key per row of a matrix.
func rowKeys(x eval.Value, d []int) ([]any, bool) {
	keys, ok := elemKeys(x)
	if !ok {
		return nil, false
	}
	nr, nc := d[0], d[1]
	r := make([]any, nr)
	for i := 0; i < nr; i++ {
		row := make([]any, nc)
		for j := 0; j < nc; j++ {
			row[j] = keys[i+j*nr]
		}
		r[i] = eval.DeparseValue(eval.NewStr([]string{sprintf("%v", row)}))
	}
	return r, true
}

// dblBits canonicalises a double for hashing: -0 as 0, one NA, one NaN.
func dblBits(f float64) uint64 {
	switch {
	case f != f:
		if eval.IsNA(f) {
			return 1
		}
		return 2
	case f == 0:
		return 0
	}
	return math.Float64bits(f)
}

func dupFlags(c *eval.Frame, x eval.Value) ([]bool, error) {
	if kindOf(x) == kNull {
		return nil, nil
	}
	if eval.Dim(x) == nil {
		switch t := x.(type) {
		case *eval.Integer, *eval.Logical:
			v := intsOf(t)
			seen := make(map[int32]struct{}, 64)
			d := make([]bool, len(v))
			for i, k := range v {
				if _, ok := seen[k]; ok {
					d[i] = true
				} else {
					seen[k] = struct{}{}
				}
			}
			return d, nil
		case *eval.Double:
			seen := make(map[uint64]struct{}, 64)
			d := make([]bool, len(t.V))
			for i, f := range t.V {
				k := dblBits(f)
				if _, ok := seen[k]; ok {
					d[i] = true
				} else {
					seen[k] = struct{}{}
				}
			}
			return d, nil
		case *eval.Character:
			seen := make(map[string]struct{}, 64)
			d := make([]bool, len(t.V))
			for i, s := range t.V {
				if _, ok := seen[s]; ok {
					d[i] = true
				} else {
					seen[s] = struct{}{}
				}
			}
			return d, nil
		}
	}
	keys, ok := elemKeys(x)
	if d := eval.Dim(x); len(d) == 2 && kindOf(x) != kList {
		keys, ok = rowKeys(x, d)
	}
	if !ok {
		return nil, c.Errorf("%s() applies only to vectors", "duplicated")
	}
	seen := make(map[any]bool, len(keys))
	d := make([]bool, len(keys))
	for i, k := range keys {
		if seen[k] {
			d[i] = true
		}
		seen[k] = true
	}
	return d, nil
}

func uniqueOf(c *eval.Frame, x eval.Value) (eval.Value, error) {
	var err error
	if x, err = plainValue(c, x); err != nil {
		return nil, err
	}
	if kindOf(x) == kNull {
		return eval.Null, nil
	}
	d, err := dupFlags(c, x)
	if err != nil {
		return nil, c.Errorf("unique() applies only to vectors")
	}
	pos := make([]int, 0, len(d))
	for i, b := range d {
		if !b {
			pos = append(pos, i)
		}
	}
	if dm := eval.Dim(x); len(dm) == 2 && kindOf(x) != kList {
		rows := make([]int32, len(pos))
		for i, p := range pos {
			rows[i] = int32(p + 1)
		}
		return arraySubset(c, x, []eval.Value{eval.NewInt(rows), eval.MissingArg}, dm, false)
	}
	r := gather(x, pos)
	if inheritsFrom(x, "factor") {
		hdr(r).SetAttr("levels", attr(x, "levels"))
		hdr(r).SetAttr("class", attr(x, "class"))
	}
	return r, nil
}
