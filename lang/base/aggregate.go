package base

// aggregate (R's aggregate.data.frame and aggregate.formula): FUN of the
// values of each group.

import (
	"torchr/lang/eval"
	"torchr/lang/syntax"
)

func init() {
	eval.RegisterAll(&eval.Builtin{Name: "aggregate", Generic: true, Formals: []string{"x", "..."}, Fn: aggregateBuiltin})
}

// aggregateBuiltin is aggregate(x, by, FUN, ...) for a data frame or
// vector x and a list of groupings, and aggregate(y ~ g, data, FUN, ...)
// for a formula (cbind(a, b) or . on the left, terms joined by + or . on
// the right).
func aggregateBuiltin(c *eval.Frame, a []eval.Value) (eval.Value, error) {
	dots := dotsList(a[1])
	dn := eval.Names(dots)
	named := map[string]eval.Value{}
	var pos []eval.Value
	var extra []eval.Arg
	for i, v := range dots.V {
		n := ""
		if dn != nil {
			n = dn[i]
		}
		switch n {
		case "by", "FUN", "data":
			named[n] = v
		case "":
			pos = append(pos, v)
		default:
			extra = append(extra, eval.Arg{Name: n, Value: v})
		}
	}
	take := func(name string) eval.Value {
		if v, ok := named[name]; ok {
			return v
		}
		if len(pos) > 0 {
			v := pos[0]
			pos = pos[1:]
			return v
		}
		return nil
	}
	if f, ok := a[0].(*eval.Lang); ok && classMatchAny(f, "formula") {
		data := take("data")
		fun := take("FUN")
		extra = append(extra, posArgs(pos)...)
		return aggregateFormula(c, f, data, fun, extra)
	}
	by := take("by")
	fun := take("FUN")
	extra = append(extra, posArgs(pos)...)
	bl, ok := by.(*eval.List)
	if !ok {
		return nil, c.Errorf("'by' must be a list")
	}
	var vals []eval.Value
	var valNames []string
	if df, ok := a[0].(*eval.List); ok && isDataFrame(a[0]) {
		vals, valNames = df.V, eval.Names(df)
	} else {
		vals, valNames = []eval.Value{a[0]}, []string{"x"}
	}
	gn := eval.Names(bl)
	groupNames := make([]string, len(bl.V))
	for i := range groupNames {
		if gn != nil && gn[i] != "" {
			groupNames[i] = gn[i]
		} else {
			groupNames[i] = "Group." + itoaInt(i+1)
		}
	}
	return aggregateCore(c, vals, valNames, bl.V, groupNames, fun, extra)
}

func posArgs(vs []eval.Value) []eval.Arg {
	out := make([]eval.Arg, len(vs))
	for i, v := range vs {
		out[i] = eval.Arg{Value: v}
	}
	return out
}

func aggregateFormula(c *eval.Frame, f *eval.Lang, data, fun eval.Value, extra []eval.Arg) (eval.Value, error) {
	bin, ok := f.X.(*syntax.Binary)
	if !ok || bin.Op != syntax.TILDE {
		return nil, c.Errorf("'formula' missing or incorrect")
	}
	df, ok := data.(*eval.List)
	if !ok || !isDataFrame(data) {
		return nil, c.Errorf("'data' must be a data.frame")
	}
	env := eval.NewEnv(c.Env)
	names := eval.Names(df)
	for i, n := range names {
		env.Assign(n, df.V[i])
	}
	var terms func(e syntax.Expr) []syntax.Expr
	terms = func(e syntax.Expr) []syntax.Expr {
		if b, ok := e.(*syntax.Binary); ok && b.Op == syntax.PLUS {
			return append(terms(b.X), terms(b.Y)...)
		}
		return []syntax.Expr{e}
	}
	isDot := func(e syntax.Expr) bool {
		id, ok := e.(*syntax.Ident)
		return ok && id.Name == "."
	}
	evalTerms := func(es []syntax.Expr) ([]eval.Value, []string, error) {
		var vs []eval.Value
		var ns []string
		for _, e := range es {
			v, err := c.In.Eval(e, env)
			if err != nil {
				return nil, nil, err
			}
			vs = append(vs, v)
			ns = append(ns, eval.DeparseExpr(e))
		}
		return vs, ns, nil
	}
	var lhs []syntax.Expr
	if call, ok := bin.X.(*syntax.Call); ok {
		if id, ok := call.Fn.(*syntax.Ident); ok && id.Name == "cbind" {
			for _, ar := range call.Args {
				lhs = append(lhs, ar.Value)
			}
		}
	}
	if lhs == nil {
		lhs = []syntax.Expr{bin.X}
	}
	rhs := terms(bin.Y)
	used := map[string]bool{}
	for _, e := range append(append([]syntax.Expr{}, lhs...), rhs...) {
		if id, ok := e.(*syntax.Ident); ok {
			used[id.Name] = true
		}
	}
	rest := func() []syntax.Expr {
		var out []syntax.Expr
		for _, n := range names {
			if !used[n] {
				out = append(out, &syntax.Ident{Name: n})
			}
		}
		return out
	}
	if len(rhs) == 1 && isDot(rhs[0]) {
		rhs = rest()
	}
	if len(lhs) == 1 && isDot(lhs[0]) {
		lhs = rest()
	}
	groups, gnames, err := evalTerms(rhs)
	if err != nil {
		return nil, err
	}
	vals, vnames, err := evalTerms(lhs)
	if err != nil {
		return nil, err
	}
	return aggregateCore(c, vals, vnames, groups, gnames, fun, extra)
}

// aggregateCore computes FUN(values[group]) for each combination of the
// groupings present (rows with an NA grouping are dropped), the groups
// ordered with the first grouping varying fastest.
func aggregateCore(c *eval.Frame, vals []eval.Value, valNames []string, groups []eval.Value, groupNames []string, fun eval.Value, extra []eval.Arg) (eval.Value, error) {
	if fun == nil {
		return nil, c.Errorf("argument \"FUN\" is missing, with no default")
	}
	fn, err := lookupFUN(c, fun)
	if err != nil {
		return nil, err
	}
	if len(groups) == 0 {
		return nil, c.Errorf("'by' must be a list")
	}
	n := lenOf(groups[0])
	codes := make([][]int32, len(groups))
	nlev := make([]int, len(groups))
	for k, g := range groups {
		if lenOf(g) != n {
			return nil, c.Errorf("arguments must have same length")
		}
		f := g
		if !isFactor(g) {
			if f, err = builtinFactor(c, []eval.Value{g, nil, nil, nil, nil, nil}); err != nil {
				return nil, err
			}
		}
		codes[k] = f.(*eval.Integer).V
		nlev[k] = len(factorLevels(f))
	}
	combined := make([]int, n)
	first := map[int]int{}
	var keys []int
	for i := 0; i < n; i++ {
		key, mult, na := 0, 1, false
		for k := range groups {
			if codes[k][i] == eval.NAInt {
				na = true
				break
			}
			key += int(codes[k][i]-1) * mult
			mult *= nlev[k]
		}
		if na {
			combined[i] = -1
			continue
		}
		combined[i] = key
		if _, ok := first[key]; !ok {
			first[key] = i
			keys = append(keys, key)
		}
	}
	sortInts(keys)
	var cols []eval.Value
	var names []string
	firstRows := make([]int, len(keys))
	for i, k := range keys {
		firstRows[i] = first[k]
	}
	for k, g := range groups {
		cols = append(cols, gatherKeep(g, firstRows))
		names = append(names, groupNames[k])
	}
	members := map[int][]int{}
	for i, k := range combined {
		if k >= 0 {
			members[k] = append(members[k], i)
		}
	}
	for j, v := range vals {
		res := make([]eval.Value, len(keys))
		allScalar := true
		for i, k := range keys {
			r, err := c.In.Apply(fn, append([]eval.Arg{{Value: gatherKeep(v, members[k])}}, extra...), nil, c.Env)
			if err != nil {
				return nil, err
			}
			res[i] = r
			allScalar = allScalar && lenOf(r) == 1
		}
		if allScalar {
			cols = append(cols, combineVectors(res))
		} else {
			cols = append(cols, eval.NewList(res, nil))
		}
		names = append(names, valNames[j])
	}
	return newDataFrame(cols, names, eval.NewInt([]int32{eval.NAInt, -int32(len(keys))})), nil
}

func sortInts(v []int) {
	for i := 1; i < len(v); i++ {
		for j := i; j > 0 && v[j] < v[j-1]; j-- {
			v[j], v[j-1] = v[j-1], v[j]
		}
	}
}

func init() {
	eval.RegisterAll(
		&eval.Builtin{Name: "I", Formals: []string{"x"}, Fn: func(c *eval.Frame, a []eval.Value) (eval.Value, error) {
			// I(x): x with class "AsIs" in front (kept as is by
			// data.frame and formulas)
			x := a[0]
			if x == nil || nullArg(x) {
				return eval.Null, nil
			}
			r := eval.Copy(x)
			h := hdr(r)
			if h == nil {
				return x, nil
			}
			cl := append([]string{"AsIs"}, eval.ClassAttr(x)...)
			if classMatchAny(x, "AsIs") {
				cl = eval.ClassAttr(x)
			}
			h.SetAttr("class", eval.NewStr(cl))
			return r, nil
		}},
		&eval.Builtin{Name: "print.AsIs", Invisible: true, Formals: []string{"x", "..."}, Fn: func(c *eval.Frame, a []eval.Value) (eval.Value, error) {
			r := eval.Copy(a[0])
			cl := eval.ClassAttr(a[0])
			var rest []string
			for _, s := range cl {
				if s != "AsIs" {
					rest = append(rest, s)
				}
			}
			if len(rest) == 0 {
				hdr(r).SetAttr("class", nil)
			} else {
				hdr(r).SetAttr("class", eval.NewStr(rest))
			}
			_, err := c.In.CallFunction("print", []eval.Arg{{Value: r}}, c.Env)
			return a[0], err
		}},
	)
}
