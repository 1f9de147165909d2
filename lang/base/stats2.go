package base

// combn, expand.grid, sweep, scale, cor, cov, droplevels, relevel, ave:
// small base/stats helpers common in scripts.

import (
	"math"

	"torchr/lang/eval"
)

func init() {
	eval.RegisterAll(
		&eval.Builtin{Name: "combn", Formals: []string{"x", "m", "FUN = NULL", "simplify = TRUE", "..."}, Fn: combnBuiltin},
		&eval.Builtin{Name: "expand.grid", Formals: []string{"...", "KEEP.OUT.ATTRS = TRUE", "stringsAsFactors = TRUE"}, Fn: expandGrid},
		&eval.Builtin{Name: "sweep", Formals: []string{"x", "MARGIN", "STATS", `FUN = "-"`, "check.margin = TRUE", "..."}, Fn: sweepBuiltin},
		&eval.Builtin{Name: "scale", Generic: true, Formals: []string{"x", "center = TRUE", "scale = TRUE"}, Fn: scaleBuiltin},
		&eval.Builtin{Name: "cor", Formals: []string{"x", "y = NULL", `use = "everything"`, `method = "pearson"`}, Fn: func(c *eval.Frame, a []eval.Value) (eval.Value, error) {
			return covCor(c, a[0], a[1], true)
		}},
		&eval.Builtin{Name: "cov", Formals: []string{"x", "y = NULL", `use = "everything"`, `method = "pearson"`}, Fn: func(c *eval.Frame, a []eval.Value) (eval.Value, error) {
			return covCor(c, a[0], a[1], false)
		}},
		&eval.Builtin{Name: "droplevels", Generic: true, Formals: []string{"x", "..."}, Fn: droplevelsBuiltin},
		&eval.Builtin{Name: "relevel", Generic: true, Formals: []string{"x", "ref", "..."}, Fn: relevelBuiltin},
		&eval.Builtin{Name: "ave", Formals: []string{"x", "...", "FUN = mean"}, Fn: aveBuiltin},
	)
}

// combnBuiltin is combn(x, m, FUN, simplify): the m-element combinations
// of x (of seq_len(x) for a single number) in lexicographic order, one per
// column, or FUN of each.
func combnBuiltin(c *eval.Frame, a []eval.Value) (eval.Value, error) {
	x := a[0]
	if isNumeric(x) && lenOf(x) == 1 {
		if n, ok := intArg(x); ok && n > 0 {
			x = eval.NewInt(seqInt32(1, n))
		}
	}
	n := lenOf(x)
	m, ok := intArg(a[1])
	if !ok || m < 0 {
		return nil, c.Errorf("m < 0")
	}
	if m > n {
		return nil, c.Errorf("n < m")
	}
	var combos [][]int
	idx := make([]int, m)
	for i := range idx {
		idx[i] = i
	}
	for {
		combos = append(combos, append([]int(nil), idx...))
		i := m - 1
		for i >= 0 && idx[i] == n-m+i {
			i--
		}
		if i < 0 {
			break
		}
		idx[i]++
		for j := i + 1; j < m; j++ {
			idx[j] = idx[j-1] + 1
		}
	}
	simplify := a[3] == nil || trueArg(a[3])
	vals := make([]eval.Value, len(combos))
	for k, cb := range combos {
		v := gather(x, cb)
		if a[2] != nil && !nullArg(a[2]) {
			fn, err := lookupFUN(c, a[2])
			if err != nil {
				return nil, err
			}
			r, err := c.In.Apply(fn, []eval.Arg{{Value: v}}, nil, c.Env)
			if err != nil {
				return nil, err
			}
			v = r
		}
		vals[k] = v
	}
	if !simplify {
		return eval.NewList(vals, nil), nil
	}
	r := combineVectors(vals)
	if k := lenOf(vals[0]); k > 1 && lenOf(r) == k*len(vals) {
		hdr(r).SetAttr("dim", intDim([]int{k, len(vals)}))
	}
	return r, nil
}

func seqInt32(from, to int) []int32 {
	r := make([]int32, 0, to-from+1)
	for i := from; i <= to; i++ {
		r = append(r, int32(i))
	}
	return r
}

// expandGrid is expand.grid(...): a data frame with a row for every
// combination of the arguments, the first varying fastest; character
// vectors become factors unless stringsAsFactors = FALSE.
func expandGrid(c *eval.Frame, a []eval.Value) (eval.Value, error) {
	dots := dotsList(a[0])
	names := eval.Names(dots)
	saf := a[2] == nil || trueArg(a[2])
	total := 1
	for _, v := range dots.V {
		total *= lenOf(v)
	}
	cols := make([]eval.Value, len(dots.V))
	cn := make([]string, len(dots.V))
	rep := 1
	for j, v := range dots.V {
		n := lenOf(v)
		pos := make([]int, total)
		for i := range pos {
			pos[i] = (i / rep) % n
		}
		rep *= n
		col := gather(v, pos)
		if isFactor(v) {
			hdr(col).SetAttr("levels", attr(v, "levels"))
			hdr(col).SetAttr("class", attr(v, "class"))
		} else if s, ok := v.(*eval.Character); ok && saf {
			f, err := builtinFactor(c, []eval.Value{col, eval.NewStr(uniqueStrings(s.V)), nil, nil, nil, nil})
			if err != nil {
				return nil, err
			}
			col = f
		}
		cols[j] = col
		if names != nil && names[j] != "" {
			cn[j] = names[j]
		} else {
			cn[j] = "Var" + itoaInt(j+1)
		}
	}
	return newDataFrame(cols, cn, eval.NewInt([]int32{eval.NAInt, -int32(total)})), nil
}

func uniqueStrings(s []string) []string {
	seen := map[string]bool{}
	var out []string
	for _, x := range s {
		if !seen[x] {
			seen[x] = true
			out = append(out, x)
		}
	}
	return out
}

// sweepBuiltin is sweep(x, MARGIN, STATS, FUN) for a matrix: FUN(x, s)
// with STATS laid along rows (MARGIN 1) or columns (MARGIN 2).
func sweepBuiltin(c *eval.Frame, a []eval.Value) (eval.Value, error) {
	x := a[0]
	d := eval.Dim(x)
	m, ok := intArg(a[1])
	if len(d) != 2 || !ok || m < 1 || m > 2 {
		return nil, c.Errorf("sweep() supports a matrix with MARGIN 1 or 2")
	}
	stats := a[2]
	ns := lenOf(stats)
	if ns == 0 {
		return nil, c.Errorf("'STATS' must not be empty")
	}
	pos := make([]int, d[0]*d[1])
	for i := range pos {
		k := i % d[0]
		if m == 2 {
			k = i / d[0]
		}
		pos[i] = k % ns
	}
	expanded := gather(stats, pos)
	hdr(expanded).SetAttr("dim", intDim(d))
	fun := a[3]
	if fun == nil {
		fun = eval.NewStr1("-")
	}
	fn, err := lookupFUN(c, fun)
	if err != nil {
		return nil, err
	}
	return c.In.Apply(fn, []eval.Arg{{Value: x}, {Value: expanded}}, nil, c.Env)
}

// scaleBuiltin is scale(x, center, scale): each column centred by its
// mean (or center) and divided by its standard deviation (or scale),
// with the "scaled:center" and "scaled:scale" attributes.
func scaleBuiltin(c *eval.Frame, a []eval.Value) (eval.Value, error) {
	x := a[0]
	d := eval.Dim(x)
	if len(d) != 2 {
		d = []int{lenOf(x), 1}
	}
	v := append([]float64(nil), toDoubles(x)...)
	nr, nc := d[0], d[1]
	colVals := func(j int) []float64 { return v[j*nr : (j+1)*nr] }
	var centers, scales []float64
	doCenter, doScale := true, true
	if a[1] != nil {
		if l, ok := a[1].(*eval.Logical); ok && len(l.V) == 1 {
			doCenter = l.V[0] == 1
		} else {
			centers = toDoubles(a[1])
		}
	}
	if a[2] != nil {
		if l, ok := a[2].(*eval.Logical); ok && len(l.V) == 1 {
			doScale = l.V[0] == 1
		} else {
			scales = toDoubles(a[2])
		}
	}
	if doCenter && centers == nil {
		centers = make([]float64, nc)
		for j := range centers {
			s, k := 0.0, 0
			for _, f := range colVals(j) {
				if f == f {
					s += f
					k++
				}
			}
			centers[j] = s / float64(k)
		}
	}
	if centers != nil {
		for j := 0; j < nc; j++ {
			col := colVals(j)
			for i := range col {
				col[i] -= centers[j%len(centers)]
			}
		}
	}
	if doScale && scales == nil {
		scales = make([]float64, nc)
		for j := range scales {
			s, k := 0.0, 0
			for _, f := range colVals(j) {
				if f == f {
					s += f * f
					k++
				}
			}
			scales[j] = math.Sqrt(s / float64(k-1))
		}
	}
	if scales != nil {
		for j := 0; j < nc; j++ {
			col := colVals(j)
			for i := range col {
				col[i] /= scales[j%len(scales)]
			}
		}
	}
	r := eval.NewDouble(v)
	r.SetAttr("dim", intDim([]int{nr, nc}))
	if dn := attr(x, "dimnames"); dn != nil {
		r.SetAttr("dimnames", dn)
	}
	named := func(vals []float64) eval.Value {
		out := eval.NewDouble(vals)
		if cn := dimnamesAt(dimnamesOf(x), 1); cn != nil {
			out.SetAttr("names", eval.NewStr(cn))
		}
		return out
	}
	if centers != nil {
		r.SetAttr("scaled:center", named(centers))
	}
	if scales != nil {
		r.SetAttr("scaled:scale", named(scales))
	}
	return r, nil
}

// covCor is cov/cor (Pearson) of two vectors, or of the columns of a
// matrix or data frame (a matrix result named by the columns).
func covCor(c *eval.Frame, x, y eval.Value, cor bool) (eval.Value, error) {
	cols := func(v eval.Value) ([][]float64, []string, bool, error) {
		if isDataFrame(v) {
			m, err := asMatrix(c, []eval.Value{v})
			if err != nil {
				return nil, nil, false, err
			}
			v = m
		}
		if !isNumeric(v) {
			return nil, nil, false, c.Errorf("'x' must be numeric")
		}
		d := eval.Dim(v)
		f := toDoubles(v)
		if len(d) != 2 {
			return [][]float64{f}, nil, false, nil
		}
		out := make([][]float64, d[1])
		for j := range out {
			out[j] = f[j*d[0] : (j+1)*d[0]]
		}
		return out, dimnamesAt(dimnamesOf(v), 1), true, nil
	}
	xc, xn, xm, err := cols(x)
	if err != nil {
		return nil, err
	}
	yc, yn, ym := xc, xn, xm
	if y != nil && !nullArg(y) {
		if yc, yn, ym, err = cols(y); err != nil {
			return nil, err
		}
	}
	stat := func(p, q []float64) float64 {
		if len(p) != len(q) {
			return math.NaN()
		}
		n := float64(len(p))
		mp, mq := 0.0, 0.0
		for i := range p {
			mp += p[i]
			mq += q[i]
		}
		mp /= n
		mq /= n
		var spq, spp, sqq float64
		for i := range p {
			spq += (p[i] - mp) * (q[i] - mq)
			spp += (p[i] - mp) * (p[i] - mp)
			sqq += (q[i] - mq) * (q[i] - mq)
		}
		if cor {
			return spq / math.Sqrt(spp*sqq)
		}
		return spq / (n - 1)
	}
	if len(xc[0]) != len(yc[0]) {
		return nil, c.Errorf("incompatible dimensions")
	}
	if !xm && !ym {
		return eval.NewDouble1(stat(xc[0], yc[0])), nil
	}
	out := make([]float64, len(xc)*len(yc))
	for j := range yc {
		for i := range xc {
			out[i+j*len(xc)] = stat(xc[i], yc[j])
		}
	}
	r := eval.NewDouble(out)
	r.SetAttr("dim", intDim([]int{len(xc), len(yc)}))
	if xn != nil || yn != nil {
		rv, cv := eval.Value(eval.Null), eval.Value(eval.Null)
		if xn != nil {
			rv = eval.NewStr(xn)
		}
		if yn != nil {
			cv = eval.NewStr(yn)
		}
		r.SetAttr("dimnames", eval.NewList([]eval.Value{rv, cv}, nil))
	}
	return r, nil
}

// droplevelsBuiltin is droplevels: a factor without its unused levels (or
// every factor column of a data frame so).
func droplevelsBuiltin(c *eval.Frame, a []eval.Value) (eval.Value, error) {
	x := a[0]
	if df, ok := x.(*eval.List); ok && isDataFrame(x) {
		out := eval.Copy(df).(*eval.List)
		for j, col := range out.V {
			if isFactor(col) {
				out.V[j] = dropFactorLevels(col)
			}
		}
		return out, nil
	}
	if !isFactor(x) {
		return nil, c.Errorf("no applicable method for 'droplevels' applied to an object of class \"%s\"", eval.ImplicitClass(x)[0])
	}
	return dropFactorLevels(x), nil
}

func dropFactorLevels(x eval.Value) eval.Value {
	f := x.(*eval.Integer)
	lev := factorLevels(x)
	used := make([]bool, len(lev))
	for _, k := range f.V {
		if k != eval.NAInt {
			used[k-1] = true
		}
	}
	remap := make([]int32, len(lev))
	var nl []string
	for i, u := range used {
		if u {
			nl = append(nl, lev[i])
			remap[i] = int32(len(nl))
		}
	}
	codes := make([]int32, len(f.V))
	for i, k := range f.V {
		if k == eval.NAInt {
			codes[i] = k
		} else {
			codes[i] = remap[k-1]
		}
	}
	r := eval.NewInt(codes)
	r.SetAttr("levels", eval.NewStr(nl))
	r.SetAttr("class", attr(x, "class"))
	if nm := eval.Names(x); nm != nil {
		r.SetAttr("names", eval.NewStr(nm))
	}
	return r
}

// relevelBuiltin is relevel(x, ref): the factor with level ref moved first.
func relevelBuiltin(c *eval.Frame, a []eval.Value) (eval.Value, error) {
	x := a[0]
	if !isFactor(x) || inheritsFrom(x, "ordered") {
		return nil, c.Errorf("'relevel' only for (unordered) factors")
	}
	lev := factorLevels(x)
	ref := -1
	if s, ok := a[1].(*eval.Character); ok && len(s.V) == 1 {
		for i, l := range lev {
			if l == s.V[0] {
				ref = i
			}
		}
		if ref < 0 {
			return nil, c.Errorf("'ref' must be an existing level")
		}
	} else if k, ok := intArg(a[1]); ok && k >= 1 && k <= len(lev) {
		ref = k - 1
	} else {
		return nil, c.Errorf("ref = %s must be in 1L:%d", eval.DeparseValue(a[1]), len(lev))
	}
	order := append([]int{ref}, func() []int {
		var o []int
		for i := range lev {
			if i != ref {
				o = append(o, i)
			}
		}
		return o
	}()...)
	newPos := make([]int32, len(lev))
	nl := make([]string, len(lev))
	for p, i := range order {
		newPos[i] = int32(p + 1)
		nl[p] = lev[i]
	}
	f := x.(*eval.Integer)
	codes := make([]int32, len(f.V))
	for i, k := range f.V {
		if k == eval.NAInt {
			codes[i] = k
		} else {
			codes[i] = newPos[k-1]
		}
	}
	r := eval.NewInt(codes)
	r.SetAttr("levels", eval.NewStr(nl))
	r.SetAttr("class", attr(x, "class"))
	return r, nil
}

// aveBuiltin is ave(x, ..., FUN = mean): each element replaced by FUN of
// its group (the interaction of the grouping arguments).
func aveBuiltin(c *eval.Frame, a []eval.Value) (eval.Value, error) {
	x := a[0]
	groups := dotsList(a[1]).V
	fun := a[2]
	if fun == nil {
		fun = eval.NewStr1("mean")
	}
	fn, err := lookupFUN(c, fun)
	if err != nil {
		return nil, err
	}
	n := lenOf(x)
	keys := make([]string, n)
	for _, g := range groups {
		s, _ := coStrings(g)
		for i := range keys {
			keys[i] += s[i%len(s)] + "\x00"
		}
	}
	members := map[string][]int{}
	var order []string
	for i, k := range keys {
		if _, ok := members[k]; !ok {
			order = append(order, k)
		}
		members[k] = append(members[k], i)
	}
	out := eval.Copy(x)
	for _, k := range order {
		pos := members[k]
		r, err := c.In.Apply(fn, []eval.Arg{{Value: gather(x, pos)}}, nil, c.Env)
		if err != nil {
			return nil, err
		}
		if lenOf(r) == 0 {
			continue
		}
		idx := make([]int32, len(pos))
		for i, p := range pos {
			idx[i] = int32(p + 1)
		}
		out, err = c.In.CallFunction("[<-", []eval.Arg{{Value: out}, {Value: eval.NewInt(idx)}, {Name: "value", Value: r}}, c.Env)
		if err != nil {
			return nil, err
		}
	}
	return out, nil
}

func init() {
	eval.RegisterAll(&eval.Builtin{Name: "rapply", Formals: []string{"object", "f", `classes = "ANY"`, "deflt = NULL", `how = c("unlist", "replace", "list")`, "..."}, Fn: rapplyBuiltin})
}

// rapplyBuiltin is rapply(object, f, classes, deflt, how): f applied to
// every non-list leaf of a nested list whose class is in classes; how =
// "replace" keeps the other leaves, "list" puts deflt there, "unlist"
// flattens the "list" result.
func rapplyBuiltin(c *eval.Frame, a []eval.Value) (eval.Value, error) {
	obj, ok := a[0].(*eval.List)
	if !ok {
		return nil, c.Errorf("'object' must be a list or expression")
	}
	fn, err := lookupFUN(c, a[1])
	if err != nil {
		return nil, err
	}
	classes := []string{"ANY"}
	if a[2] != nil {
		classes = toStrs(a[2])
	}
	var deflt eval.Value = eval.Null
	if a[3] != nil {
		deflt = a[3]
	}
	how := "unlist"
	if s, ok := a[4].(*eval.Character); ok && len(s.V) >= 1 {
		how = s.V[0]
	}
	switch how {
	case "unlist", "replace", "list":
	default:
		return nil, errorInCall(c, "match.arg(how)", "'arg' should be one of \\u201cunlist\\u201d, \\u201creplace\\u201d, \\u201clist\\u201d")
	}
	extra := dotsArgs(a[5].(*eval.List))
	matches := func(v eval.Value) bool {
		for _, cl := range classes {
			if cl == "ANY" {
				return true
			}
			for _, k := range eval.ImplicitClass(v) {
				if k == cl {
					return true
				}
			}
		}
		return false
	}
	var walk func(l *eval.List) (*eval.List, error)
	walk = func(l *eval.List) (*eval.List, error) {
		out := make([]eval.Value, len(l.V))
		for i, e := range l.V {
			if sub, ok := e.(*eval.List); ok && !isDataFrame(e) {
				r, err := walk(sub)
				if err != nil {
					return nil, err
				}
				out[i] = r
				continue
			}
			switch {
			case matches(e):
				r, err := c.In.Apply(fn, append([]eval.Arg{{Value: e}}, extra...), nil, c.Env)
				if err != nil {
					return nil, err
				}
				out[i] = r
			case how == "replace":
				out[i] = e
			default:
				out[i] = deflt
			}
		}
		r := eval.NewList(out, nil)
		if nm := eval.Names(l); nm != nil {
			r.SetAttr("names", eval.NewStr(append([]string(nil), nm...)))
		}
		return r, nil
	}
	r, err := walk(obj)
	if err != nil {
		return nil, err
	}
	if how == "unlist" {
		return c.In.CallFunction("unlist", []eval.Arg{{Value: r}}, c.Env)
	}
	return r, nil
}

func init() {
	eval.RegisterAll(&eval.Builtin{Name: "eapply", Formals: []string{"env", "FUN", "...", "all.names = FALSE", "USE.NAMES = TRUE"}, Fn: func(c *eval.Frame, a []eval.Value) (eval.Value, error) {
		// eapply(env, FUN): FUN of each variable of env, as a named list
		env, ok := a[0].(*eval.Env)
		if !ok {
			return nil, c.Errorf("argument must be an environment")
		}
		fn, err := lookupFUN(c, a[1])
		if err != nil {
			return nil, err
		}
		extra := dotsArgs(a[2].(*eval.List))
		all := a[3] != nil && trueArg(a[3])
		var names []string
		var vals []eval.Value
		for _, n := range env.Names() {
			if !all && len(n) > 0 && n[0] == '.' {
				continue
			}
			v, _ := env.GetLocal(n)
			v, err := c.Force(v)
			if err != nil {
				return nil, err
			}
			r, err := c.In.Apply(fn, append([]eval.Arg{{Value: v}}, extra...), nil, c.Env)
			if err != nil {
				return nil, err
			}
			names = append(names, n)
			vals = append(vals, r)
		}
		return eval.NewList(vals, names), nil
	}})
}
