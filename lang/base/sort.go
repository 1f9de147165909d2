package base

import (
	"fmt"
	"math"
	"slices"
	"strings"

	"torchr/lang/eval"
)

// Sorting and uniqueness: sort, order, unique, duplicated, anyDuplicated,
// rank-free helpers. Orders are stable (R's radix and shell methods both
// keep ties in their original order); strings use the collation.

func init() {
	eval.RegisterAll(
		&eval.Builtin{Name: "sort", Formals: []string{"x", "decreasing = FALSE", "na.last = NA", "..."}, Generic: true, Fn: sortBuiltin},
		&eval.Builtin{Name: "sort.int", Formals: []string{"x", "partial = NULL", "na.last = NA", "decreasing = FALSE", "method", "index.return = FALSE"}, Fn: sortIntBuiltin},
		&eval.Builtin{Name: "rank", Formals: []string{"x", "na.last = TRUE", `ties.method = c("average", "first", "last", "random", "max", "min")`}, Fn: rankBuiltin},
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
		if _, ok := v.(*eval.Raw); ok {
			return nil, c.Errorf("unimplemented type 'raw' in 'orderVector1'")
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
	if _, ok := x.(*eval.Raw); ok {
		// R's sort.default hands raw to sort.int, which refuses it
		return nil, errorInCall(c, "sort.int(x, na.last = na.last, decreasing = decreasing, ...)", "raw vectors cannot be sorted")
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
	if len(eval.Dim(x)) == 1 {
		// sort.default of a classed 1-d array (a table) is x[order(x)]
		ix := make([]int32, len(idx))
		for i, p := range idx {
			ix[i] = int32(p + 1)
		}
		return vectorSubset(c, x, eval.NewInt(ix))
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
	case *eval.Raw:
		k := make([]any, len(t.V))
		for i, b := range t.V {
			k[i] = b
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
	if df, ok := x.(*eval.List); ok && isDataFrame(x) {
		// duplicated.data.frame: rows compared by all their values
		n, _ := dfShape(df)
		cols := make([][]any, len(df.V))
		for j, col := range df.V {
			k, ok := elemKeys(col)
			if !ok {
				return nil, c.Errorf("duplicated() applies only to vectors")
			}
			cols[j] = k
		}
		seen := make(map[string]bool, n)
		d := make([]bool, n)
		for i := 0; i < n; i++ {
			var key strings.Builder
			for j := range cols {
				fmt.Fprintf(&key, "%v\x00", cols[j][i])
			}
			d[i] = seen[key.String()]
			seen[key.String()] = true
		}
		return d, nil
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
	if df, ok := x.(*eval.List); ok && isDataFrame(x) {
		rows := make([]int32, len(pos))
		for i, p := range pos {
			rows[i] = int32(p + 1)
		}
		return dfSubset(c, df, []eval.Value{eval.NewInt(rows), eval.MissingArg}, eval.False)
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

// rankBuiltin is rank(x, na.last, ties.method): the sample ranks, ties
// averaged (a double result) or broken as ties.method says (an integer
// result); NAs ranked last (na.last = TRUE), first (FALSE), kept as NA
// ("keep") or dropped (NA).
func rankBuiltin(c *eval.Frame, a []eval.Value) (eval.Value, error) {
	x, err := plainValue(c, a[0])
	if err != nil {
		return nil, err
	}
	ties := "average"
	if s, ok := a[2].(*eval.Character); ok && len(s.V) == 1 {
		ties = s.V[0]
	}
	switch ties {
	case "average", "first", "last", "random", "max", "min":
	default:
		return nil, errorInCall(c, "match.arg(ties.method)", "'arg' should be one of \u201caverage\u201d, \u201cfirst\u201d, \u201clast\u201d, \u201crandom\u201d, \u201cmax\u201d, \u201cmin\u201d")
	}
	switch x.(type) {
	case *eval.Raw:
		return nil, c.Errorf("raw vectors cannot be sorted")
	case *eval.NullType:
		x = eval.NewLgl(nil)
	case *eval.Logical, *eval.Integer, *eval.Double, *eval.Character:
	default:
		return nil, c.Errorf("unimplemented type '%s' in 'greater'", x.TypeName())
	}
	keep, naLast := false, int32(1)
	switch v := a[1].(type) {
	case *eval.Character:
		if len(v.V) == 1 && v.V[0] == "keep" {
			keep = true
		}
	case nil:
	default:
		naLast = lglArg(v)
	}
	key, err := makeSortKey(c, x)
	if err != nil {
		return nil, err
	}
	n := lenOf(x)
	names := elemNames(x)
	var ok []int // positions of the non-NA elements
	var nas []int
	for i := 0; i < n; i++ {
		if key.isNA(i) {
			nas = append(nas, i)
		} else {
			ok = append(ok, i)
		}
	}
	// the ranks of the non-NA elements among themselves
	ord := slices.Clone(ok)
	slices.SortStableFunc(ord, key.cmp)
	m := len(ord)
	if ties == "random" {
		// break ties at random, as R's order(xx, runif(sum(!nas))) does
		u, err := c.In.CallFunction("runif", []eval.Arg{{Value: eval.NewInt1(int32(m))}}, c.Env)
		if err != nil {
			return nil, err
		}
		rnd := toDoubles(u)
		at := make(map[int]float64, m)
		for i, p := range ok {
			at[p] = rnd[i]
		}
		slices.SortStableFunc(ord, func(i, j int) int {
			if r := key.cmp(i, j); r != 0 {
				return r
			}
			switch {
			case at[i] < at[j]:
				return -1
			case at[i] > at[j]:
				return 1
			}
			return 0
		})
	}
	rk := make([]float64, n)
	for lo := 0; lo < m; {
		hi := lo + 1
		for hi < m && key.cmp(ord[lo], ord[hi]) == 0 {
			hi++
		}
		for k := lo; k < hi; k++ {
			var r float64
			switch ties {
			case "average":
				r = float64(lo+1+hi) / 2
			case "min":
				r = float64(lo + 1)
			case "max":
				r = float64(hi)
			case "first", "random":
				r = float64(k + 1)
			case "last":
				r = float64(hi - (k - lo))
			}
			rk[ord[k]] = r
		}
		lo = hi
	}
	var pos []int // the elements kept in the result
	switch {
	case keep:
		for _, p := range nas {
			rk[p] = eval.NAReal
		}
		pos = seqInts(0, n)
	case naLast == eval.NALogical:
		pos = ok
	case naLast == 1:
		for i, p := range nas {
			rk[p] = float64(m + i + 1)
		}
		pos = seqInts(0, n)
	default:
		for i, p := range nas {
			rk[p] = float64(i + 1)
		}
		for _, p := range ok {
			rk[p] += float64(len(nas))
		}
		pos = seqInts(0, n)
	}
	var res eval.Value
	if ties == "average" {
		d := make([]float64, len(pos))
		for i, p := range pos {
			d[i] = rk[p]
		}
		res = eval.NewDouble(d)
	} else {
		v := make([]int32, len(pos))
		for i, p := range pos {
			if eval.IsNA(rk[p]) {
				v[i] = eval.NAInt
			} else {
				v[i] = int32(rk[p])
			}
		}
		res = eval.NewInt(v)
	}
	if names != nil {
		setNames(res, gatherNames(names, pos))
	}
	return res, nil
}

// sortIntBuiltin is sort.int(x, partial, na.last, decreasing, method,
// index.return): sort() without dispatch; index.return = TRUE gives
// list(x = sorted, ix = order).
func sortIntBuiltin(c *eval.Frame, a []eval.Value) (eval.Value, error) {
	sorted, err := sortBuiltin(c, []eval.Value{a[0], a[3], a[2]})
	if err != nil {
		return nil, err
	}
	if a[5] == nil || !trueArg(a[5]) {
		return sorted, nil
	}
	naLast := eval.NALogical
	if a[2] != nil {
		naLast = lglArg(a[2])
	}
	if naLast != eval.NALogical {
		return nil, c.Errorf("'index.return' only for 'na.last = NA'")
	}
	dec := a[3] != nil && trueArg(a[3])
	idx, err := orderIndex(c, []eval.Value{a[0]}, []bool{dec}, naLast)
	if err != nil {
		return nil, err
	}
	ix := make([]int32, len(idx))
	for i, p := range idx {
		ix[i] = int32(p + 1)
	}
	if nm := eval.Names(sorted); nm != nil {
		// R's index.return result drops names
		sorted = eval.Copy(sorted)
		setNames(sorted, nil)
	}
	return eval.NewList([]eval.Value{sorted, eval.NewInt(ix)}, []string{"x", "ix"}), nil
}
