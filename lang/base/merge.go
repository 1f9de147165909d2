package base

// merge (R's merge.data.frame): a database join of two data frames on
// their common (or given) columns.

import (
	"torchr/lang/eval"
)

func init() {
	eval.RegisterAll(&eval.Builtin{Name: "merge", Generic: true,
		Formals: []string{"x", "y", "by", "by.x", "by.y", "all = FALSE", "all.x", "all.y", "sort = TRUE", `suffixes = c(".x", ".y")`, "..."},
		Fn:      mergeBuiltin})
}

// mergeBuiltin joins x and y: one row per pair of rows with equal by
// values (plus, with all.x / all.y, the unmatched rows padded with NA),
// the by columns first, then x's other columns, then y's (suffixed where
// names clash), sorted on the by columns unless sort = FALSE.
func mergeBuiltin(c *eval.Frame, a []eval.Value) (eval.Value, error) {
	toDF := func(v eval.Value) (*eval.List, error) {
		if isDataFrame(v) {
			return v.(*eval.List), nil
		}
		r, err := c.In.CallFunction("as.data.frame", []eval.Arg{{Value: v}}, c.Env)
		if err != nil {
			return nil, err
		}
		return r.(*eval.List), nil
	}
	x, err := toDF(a[0])
	if err != nil {
		return nil, err
	}
	y, err := toDF(a[1])
	if err != nil {
		return nil, err
	}
	xn, yn := eval.Names(x), eval.Names(y)
	var byX, byY []string
	switch {
	case a[3] != nil && a[4] != nil:
		byX, byY = toStrs(a[3]), toStrs(a[4])
	case a[2] != nil:
		byX = toStrs(a[2])
		byY = byX
	default:
		for _, n := range xn {
			for _, m := range yn {
				if n == m {
					byX = append(byX, n)
				}
			}
		}
		byY = byX
	}
	if len(byX) != len(byY) {
		return nil, c.Errorf("'by.x' and 'by.y' specify different numbers of columns")
	}
	colIdx := func(names []string, n string) int {
		for i, m := range names {
			if m == n {
				return i
			}
		}
		return -1
	}
	bxIdx, byIdx := make([]int, len(byX)), make([]int, len(byY))
	for i := range byX {
		bxIdx[i], byIdx[i] = colIdx(xn, byX[i]), colIdx(yn, byY[i])
		if bxIdx[i] < 0 || byIdx[i] < 0 {
			return nil, c.Errorf("'by' must specify a uniquely valid column")
		}
	}
	all := a[5] != nil && trueArg(a[5])
	allX, allY := all, all
	if a[6] != nil {
		allX = trueArg(a[6])
	}
	if a[7] != nil {
		allY = trueArg(a[7])
	}
	doSort := a[8] == nil || trueArg(a[8])
	suffixes := []string{".x", ".y"}
	if a[9] != nil {
		if s := toStrs(a[9]); len(s) == 2 {
			suffixes = s
		}
	}
	nx, _ := dfShape(x)
	ny, _ := dfShape(y)
	keys := func(df *eval.List, idx []int, n int) []string {
		k := make([]string, n)
		for _, j := range idx {
			s, _ := coStrings(df.V[j])
			for i := range k {
				k[i] += s[i] + "\r"
			}
		}
		return k
	}
	kx, ky := keys(x, bxIdx, nx), keys(y, byIdx, ny)
	yRows := map[string][]int{}
	for i, k := range ky {
		yRows[k] = append(yRows[k], i)
	}
	var xi, yi []int // -1 for a missing side
	matchedY := make([]bool, ny)
	for i, k := range kx {
		for _, j := range yRows[k] {
			xi, yi = append(xi, i), append(yi, j)
			matchedY[j] = true
		}
	}
	if doSort && !allX && !allY {
		// sort.list(bx[m$xi]) on the key values
		keyCol := x.V[bxIdx[0]]
		if len(bxIdx) > 1 {
			kv := make([]string, len(xi))
			for r, i := range xi {
				kv[r] = kx[i]
			}
			keyCol = eval.NewStr(kv)
		} else {
			keyCol = gather(keyCol, xi)
		}
		ord, err := orderIndex(c, []eval.Value{keyCol}, []bool{false}, 1)
		if err != nil {
			return nil, err
		}
		xi, yi = permute(xi, ord), permute(yi, ord)
	}
	if allX {
		for i, k := range kx {
			if len(yRows[k]) == 0 {
				xi, yi = append(xi, i), append(yi, -1)
			}
		}
	}
	if allY {
		for j := range ky {
			if !matchedY[j] {
				xi, yi = append(xi, -1), append(yi, j)
			}
		}
	}

	// the columns: by (from x, or y for y-only rows), x's rest, y's rest
	var cols []eval.Value
	var names []string
	for b := range bxIdx {
		xv, yv := x.V[bxIdx[b]], y.V[byIdx[b]]
		col := combineVectors([]eval.Value{gather(xv, xi), gather(yv, yi)})
		pos := make([]int, len(xi))
		for r := range pos {
			if xi[r] >= 0 {
				pos[r] = r
			} else {
				pos[r] = len(xi) + r
			}
		}
		col = gather(col, pos)
		if isFactor(xv) {
			col = gatherFactor(xv, xi)
		}
		cols = append(cols, col)
		names = append(names, byX[b])
	}
	isBy := func(idx []int, j int) bool {
		for _, k := range idx {
			if k == j {
				return true
			}
		}
		return false
	}
	var restX, restY []int
	for j := range x.V {
		if !isBy(bxIdx, j) {
			restX = append(restX, j)
		}
	}
	for j := range y.V {
		if !isBy(byIdx, j) {
			restY = append(restY, j)
		}
	}
	clash := map[string]bool{}
	for _, j := range restX {
		for _, k := range restY {
			if xn[j] == yn[k] {
				clash[xn[j]] = true
			}
		}
	}
	for _, j := range restX {
		cols = append(cols, gatherKeep(x.V[j], xi))
		n := xn[j]
		if clash[n] {
			n += suffixes[0]
		}
		names = append(names, n)
	}
	for _, k := range restY {
		cols = append(cols, gatherKeep(y.V[k], yi))
		n := yn[k]
		if clash[n] {
			n += suffixes[1]
		}
		names = append(names, n)
	}
	res := newDataFrame(cols, names, eval.NewInt([]int32{eval.NAInt, -int32(len(xi))}))
	if doSort && (allX || allY) && len(bxIdx) > 0 {
		keyCols := make([]eval.Value, len(bxIdx))
		dec := make([]bool, len(bxIdx))
		copy(keyCols, cols[:len(bxIdx)])
		ord, err := orderIndex(c, keyCols, dec, 1)
		if err != nil {
			return nil, err
		}
		rows := make([]int32, len(ord))
		for i, p := range ord {
			rows[i] = int32(p + 1)
		}
		r, err := dfSubset(c, res, []eval.Value{eval.NewInt(rows), eval.MissingArg}, eval.False)
		if err != nil {
			return nil, err
		}
		rdf := r.(*eval.List)
		rdf.SetAttr("row.names", eval.NewInt([]int32{eval.NAInt, -int32(len(ord))}))
		return rdf, nil
	}
	return res, nil
}

func permute(v []int, ord []int) []int {
	out := make([]int, len(ord))
	for i, p := range ord {
		out[i] = v[p]
	}
	return out
}

// gatherKeep is gather keeping a factor's levels and class.
func gatherKeep(v eval.Value, pos []int) eval.Value {
	if isFactor(v) {
		return gatherFactor(v, pos)
	}
	return gather(v, pos)
}

func gatherFactor(v eval.Value, pos []int) eval.Value {
	r := gather(v, pos)
	hdr(r).SetAttr("levels", attr(v, "levels"))
	hdr(r).SetAttr("class", attr(v, "class"))
	return r
}
