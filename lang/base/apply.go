package base

// The apply family and functional helpers: lapply, sapply, vapply, mapply,
// Map, Reduce, Filter, Position, Find, match.fun, Vectorize.

import (
	"reflect"
	"sync"

	"torchr/lang/eval"
	"torchr/lang/syntax"
)

var (
	exprOnce     sync.Once
	funCallExpr  syntax.Expr // FUN(X[[i]], ...)
	getFunExpr   syntax.Expr // get(as.character(FUN), mode = "function", envir = envir)
	vectorizeFn  syntax.Expr
	negateFn     syntax.Expr
	matchFunCall syntax.Expr
	xIndex       = mustParse("X[[i]]")
	mustParse    = func(s string) syntax.Expr {
		x, err := syntax.ParseExpr(s)
		if err != nil {
			panic(err)
		}
		return clearPos(x)
	}
)

func initExprs() {
	exprOnce.Do(func() {
		funCallExpr = mustParse("FUN(X[[i]], ...)")
		matchFunCall = mustParse("match.fun(FUN)")
		getFunExpr = mustParse(`get(as.character(FUN), mode = "function", envir = envir)`)
		negateFn = mustParse("function(...) !f(...)")
		vectorizeFn = mustParse(`function(...) {
    args <- list(...)
    do.call(mapply, c(list(FUN = FUN), args, list(SIMPLIFY = SIMPLIFY, USE.NAMES = USE.NAMES)))
}`)
	})
}

// clearPos zeroes the source positions of a synthesized expression, so
// that errors raised through it are reported at the caller's line.
func clearPos(x syntax.Expr) syntax.Expr {
	posType := reflect.TypeOf(syntax.Pos{})
	syntax.Inspect(x, func(n syntax.Node) bool {
		v := reflect.ValueOf(n)
		if v.Kind() != reflect.Pointer || v.IsNil() {
			return true
		}
		v = v.Elem()
		if v.Kind() != reflect.Struct {
			return true
		}
		for i := 0; i < v.NumField(); i++ {
			f := v.Field(i)
			if f.Type() == posType && f.CanSet() {
				f.Set(reflect.Zero(posType))
			}
			if f.Kind() == reflect.Slice && f.Type().Elem().Kind() == reflect.Struct {
				for k := 0; k < f.Len(); k++ {
					el := f.Index(k)
					for m := 0; m < el.NumField(); m++ {
						if g := el.Field(m); g.Type() == posType && g.CanSet() {
							g.Set(reflect.Zero(posType))
						}
					}
				}
			}
		}
		return true
	})
	return x
}

// xIndexExpr returns the expression X[[i]]: what substitute() sees
// inside FUN, as in R.
func xIndexExpr(i int) syntax.Expr {
	return xIndex
}

// findFunction looks name up as a function from env (R's mode =
// "function" lookup).
func findFunction(c *eval.Frame, env *eval.Env, name string) (eval.Value, error) {
	for e := env; e != nil; e = e.Parent {
		v, ok := e.GetLocal(name)
		if !ok {
			continue
		}
		fv, err := c.Force(v)
		if err != nil {
			return nil, err
		}
		if isFunctionValue(fv) {
			return fv, nil
		}
	}
	if b := eval.LookupBuiltin(name); b != nil {
		return b, nil
	}
	return nil, nil
}

// lookupFUN is R's match.fun(FUN).
func lookupFUN(c *eval.Frame, f eval.Value) (eval.Value, error) {
	if f == nil {
		initExprs()
		fr := &eval.Frame{In: c.In, Call: matchFunCall}
		return nil, posAt(c, fr.Errorf("argument \"FUN\" is missing, with no default"))
	}
	if isFunctionValue(f) {
		return f, nil
	}
	var name string
	switch x := f.(type) {
	case *eval.Character:
		if len(x.V) != 1 {
			return nil, c.Errorf("'%s' is not a function, character or symbol", eval.DeparseValue(f))
		}
		name = x.V[0]
	case *eval.Lang:
		id, ok := langIdent(x)
		if !ok {
			return nil, c.Errorf("'%s' is not a function, character or symbol", eval.DeparseValue(f))
		}
		name = id
	default:
		return nil, c.Errorf("'%s' is not a function, character or symbol", eval.DeparseValue(f))
	}
	env := c.Env
	if env == nil {
		env = c.In.Global
	}
	fn, err := findFunction(c, env, name)
	if err != nil {
		return nil, err
	}
	if fn == nil {
		initExprs()
		fr := &eval.Frame{In: c.In, Call: getFunExpr}
		err := fr.Errorf("object '%s' of mode 'function' was not found", name)
		if e, ok := err.(*eval.Error); ok && c.Call != nil {
			e.Pos = c.Call.Pos()
		}
		return nil, err
	}
	return fn, nil
}

// posAt gives an error raised with a synthesized call the position of the
// builtin's own call.
func posAt(c *eval.Frame, err error) error {
	if e, ok := err.(*eval.Error); ok && c.Call != nil {
		e.Pos = c.Call.Pos()
	}
	return err
}

// errorWithCall returns an R error reported as "Error in <call> : msg".
func errorWithCall(c *eval.Frame, call syntax.Expr, format string, args ...any) error {
	fr := &eval.Frame{In: c.In, Call: call}
	return posAt(c, fr.Errorf(format, args...))
}

// listElems returns the elements of X as lapply sees them (as.list).
func listElems(c *eval.Frame, x eval.Value) ([]eval.Value, eval.Value, error) {
	if isNull(x) {
		return nil, nil, nil
	}
	if eval.IsObject(x) && !isFactor(x) {
		if _, ok := x.(*eval.List); !ok {
			r, err := c.In.CallFunction("as.list", []eval.Arg{{Value: x}}, c.Env)
			if err != nil {
				return nil, nil, err
			}
			x = r
		}
	}
	switch v := x.(type) {
	case *eval.List:
		return v.V, namesOf(x), nil
	case *eval.Env:
		l := asList(x).(*eval.List)
		return l.V, namesOf(l), nil
	}
	if it, ok := x.(eval.Iterable); ok && !isAtomic(x) {
		iter, err := it.Iterate(c.In)
		if err != nil {
			return nil, nil, err
		}
		var out []eval.Value
		for {
			v, ok, err := iter.Next(c.In)
			if err != nil {
				return nil, nil, err
			}
			if !ok {
				break
			}
			out = append(out, v)
		}
		return out, nil, nil
	}
	n := eval.Length(x)
	out := make([]eval.Value, n)
	for i := range out {
		out[i] = elemValue(x, i)
	}
	return out, namesOf(x), nil
}

// lapplyCore calls FUN on every element.
func lapplyCore(c *eval.Frame, x, fn eval.Value, extra []eval.Arg) ([]eval.Value, eval.Value, error) {
	initExprs()
	elems, names, err := listElems(c, x)
	if err != nil {
		return nil, nil, err
	}
	out := make([]eval.Value, len(elems))
	args := make([]eval.Arg, 1+len(extra))
	copy(args[1:], extra)
	for i, e := range elems {
		args[0] = eval.Arg{Value: e, Expr: xIndexExpr(i)}
		v, err := c.In.Apply(fn, args, funCallExpr, c.Env)
		if err != nil {
			return nil, nil, err
		}
		out[i] = v
	}
	return out, names, nil
}

func init() {
	eval.RegisterAll(
		&eval.Builtin{Name: "lapply", Formals: []string{"X", "FUN", "..."}, Fn: func(c *eval.Frame, a []eval.Value) (eval.Value, error) {
			fn, err := lookupFUN(c, a[1])
			if err != nil {
				return nil, err
			}
			out, names, err := lapplyCore(c, a[0], fn, dotsArgs(a[2].(*eval.List)))
			if err != nil {
				return nil, err
			}
			l := eval.NewList(out, nil)
			if names != nil {
				l.SetAttr("names", names)
			}
			return l, nil
		}},
		&eval.Builtin{Name: "sapply", Formals: []string{"X", "FUN", "...", "simplify = TRUE", "USE.NAMES = TRUE"}, Fn: func(c *eval.Frame, a []eval.Value) (eval.Value, error) {
			fn, err := lookupFUN(c, a[1])
			if err != nil {
				return nil, err
			}
			out, names, err := lapplyCore(c, a[0], fn, dotsArgs(a[2].(*eval.List)))
			if err != nil {
				return nil, err
			}
			useNames, err := argBool(c, a[4], "USE.NAMES")
			if err != nil {
				return nil, err
			}
			if useNames {
				if s, ok := a[0].(*eval.Character); ok && names == nil {
					names = eval.NewStr(append([]string(nil), s.V...))
				}
			} else {
				names = nil
			}
			simplify := true
			if l, ok := a[3].(*eval.Logical); ok && len(l.V) == 1 {
				simplify = l.V[0] != 0
			}
			return simplifyList(c, out, names, simplify)
		}},
		&eval.Builtin{Name: "vapply", Formals: []string{"X", "FUN", "FUN.VALUE", "...", "USE.NAMES = TRUE"}, Fn: builtinVapply},
		&eval.Builtin{Name: "mapply", Formals: []string{"FUN", "...", "MoreArgs = NULL", "SIMPLIFY = TRUE", "USE.NAMES = TRUE"}, Fn: func(c *eval.Frame, a []eval.Value) (eval.Value, error) {
			simplify := true
			if l, ok := a[3].(*eval.Logical); ok && len(l.V) == 1 {
				simplify = l.V[0] != 0
			}
			useNames, err := argBool(c, a[4], "USE.NAMES")
			if err != nil {
				return nil, err
			}
			return mapply(c, a[0], a[1].(*eval.List), a[2], simplify, useNames)
		}},
		&eval.Builtin{Name: "Map", Formals: []string{"f", "..."}, Fn: func(c *eval.Frame, a []eval.Value) (eval.Value, error) {
			return mapply(c, a[0], a[1].(*eval.List), eval.Null, false, true)
		}},
		&eval.Builtin{Name: "Reduce", Formals: []string{"f", "x", "init", "right = FALSE", "accumulate = FALSE"}, Fn: builtinReduce},
		&eval.Builtin{Name: "Filter", Formals: []string{"f", "x"}, Fn: func(c *eval.Frame, a []eval.Value) (eval.Value, error) {
			fn, err := lookupFUN(c, a[0])
			if err != nil {
				return nil, err
			}
			out, _, err := lapplyCore(c, a[1], fn, nil)
			if err != nil {
				return nil, err
			}
			var idx []int32
			for i, v := range out {
				l, ok := coLogicals(v)
				if ok && len(l) > 0 && l[0] == 1 {
					idx = append(idx, int32(i+1))
				}
			}
			if idx == nil {
				idx = []int32{}
			}
			return c.In.CallFunction("[", []eval.Arg{{Value: a[1]}, {Value: eval.NewInt(idx)}}, c.Env)
		}},
		&eval.Builtin{Name: "Position", Formals: []string{"f", "x", "right = FALSE", "nomatch = NA_integer_"}, Fn: func(c *eval.Frame, a []eval.Value) (eval.Value, error) {
			i, err := position(c, a[0], a[1], a[2])
			if err != nil {
				return nil, err
			}
			if i < 0 {
				return a[3], nil
			}
			return eval.NewInt1(int32(i + 1)), nil
		}},
		&eval.Builtin{Name: "Find", Formals: []string{"f", "x", "right = FALSE", "nomatch = NULL"}, Fn: func(c *eval.Frame, a []eval.Value) (eval.Value, error) {
			i, err := position(c, a[0], a[1], a[2])
			if err != nil {
				return nil, err
			}
			if i < 0 {
				return a[3], nil
			}
			elems, _, err := listElems(c, a[1])
			if err != nil {
				return nil, err
			}
			return elems[i], nil
		}},
		&eval.Builtin{Name: "match.fun", Formals: []string{"FUN", "descend = TRUE"}, Fn: func(c *eval.Frame, a []eval.Value) (eval.Value, error) {
			return lookupFUN(c, a[0])
		}},
		&eval.Builtin{Name: "Negate", Formals: []string{"f"}, Fn: func(c *eval.Frame, a []eval.Value) (eval.Value, error) {
			initExprs()
			fn, err := lookupFUN(c, a[0])
			if err != nil {
				return nil, err
			}
			env := eval.NewEnv(c.In.Global)
			env.Set("f", fn)
			return c.Eval(negateFn, env)
		}},
		&eval.Builtin{Name: "Vectorize", Formals: []string{"FUN", "vectorize.args = NULL", "SIMPLIFY = TRUE", "USE.NAMES = TRUE"}, Fn: func(c *eval.Frame, a []eval.Value) (eval.Value, error) {
			initExprs()
			fn, err := lookupFUN(c, a[0])
			if err != nil {
				return nil, err
			}
			env := eval.NewEnv(c.In.Global)
			env.Set("FUN", fn)
			env.Set("SIMPLIFY", a[2])
			env.Set("USE.NAMES", a[3])
			return c.Eval(vectorizeFn, env)
		}},
	)
}

func position(c *eval.Frame, f, x, rightV eval.Value) (int, error) {
	fn, err := lookupFUN(c, f)
	if err != nil {
		return 0, err
	}
	right, err := argBool(c, rightV, "right")
	if err != nil {
		return 0, err
	}
	elems, _, err := listElems(c, x)
	if err != nil {
		return 0, err
	}
	for k := range elems {
		i := k
		if right {
			i = len(elems) - 1 - k
		}
		v, err := c.In.Apply(fn, []eval.Arg{{Value: elems[i]}}, nil, c.Env)
		if err != nil {
			return 0, err
		}
		if l, ok := coLogicals(v); ok && len(l) > 0 && l[0] == 1 {
			return i, nil
		}
	}
	return -1, nil
}

// typeRank orders the types for coercion (R's hierarchy: NULL < raw <
// logical < integer < double < complex < character < list); a factor
// ranks as character, anything not a vector as list.
func typeRank(v eval.Value) vkind {
	if isFactor(v) {
		return kStr
	}
	if k := kindOf(v); k <= kList {
		return k
	}
	return kList
}

// combineVectors concatenates atomic vectors (or makes a list) with R's
// coercion, like unlist of a list of atomic vectors.
func combineVectors(vals []eval.Value) eval.Value {
	rank := kNull
	for _, v := range vals {
		rank = max(rank, typeRank(v))
	}
	if rank == kNull {
		return eval.Null
	}
	if rank < kList {
		return concatAtomic(vals, rank)
	}
	var r []eval.Value
	for _, v := range vals {
		if l, ok := v.(*eval.List); ok {
			r = append(r, l.V...)
		} else if isAtomic(v) {
			for i := 0; i < eval.Length(v); i++ {
				r = append(r, elemValue(v, i))
			}
		} else {
			r = append(r, v)
		}
	}
	return eval.NewList(r, nil)
}

// simplifyList is sapply's simplify2array(answer, higher = FALSE).
func simplifyList(c *eval.Frame, out []eval.Value, names eval.Value, simplify bool) (eval.Value, error) {
	mk := func() eval.Value {
		l := eval.NewList(out, nil)
		if names != nil {
			l.SetAttr("names", names)
		}
		return l
	}
	if !simplify || len(out) == 0 {
		return mk(), nil
	}
	common := -1
	for _, v := range out {
		n := eval.Length(v)
		if _, ok := v.(*eval.List); !ok && !isAtomic(v) {
			return mk(), nil
		}
		if common == -1 {
			common = n
		} else if common != n {
			return mk(), nil
		}
	}
	var outerNames []string
	if names != nil {
		outerNames, _ = coStrings(names)
	}
	if common == 1 {
		r := combineVectors(out)
		at, ok := r.(eval.Attributed)
		if !ok {
			return r, nil
		}
		nm := make([]string, len(out))
		any := false
		for i, v := range out {
			inner := eval.Names(v)
			o := ""
			if outerNames != nil {
				o = outerNames[i]
			}
			switch {
			case o != "" && inner != nil && inner[0] != "":
				nm[i] = o + "." + inner[0]
			case o != "":
				nm[i] = o
			case inner != nil:
				nm[i] = inner[0]
			}
			any = any || nm[i] != ""
		}
		if any {
			at.Hdr().SetAttr("names", eval.NewStr(nm))
		}
		if len(out) > 0 && isFactor(out[0]) {
			// unlist of factors keeps codes; rare in sapply results
		}
		return r, nil
	}
	if common > 1 {
		r := combineVectors(out)
		at, ok := r.(eval.Attributed)
		if !ok {
			return r, nil
		}
		at.Hdr().SetAttr("dim", eval.NewInt([]int32{int32(common), int32(len(out))}))
		rowNames := namesOf(out[0])
		if rowNames != nil || names != nil {
			rn := eval.Value(eval.Null)
			cn := eval.Value(eval.Null)
			if rowNames != nil {
				rn = rowNames
			}
			if names != nil {
				cn = names
			}
			at.Hdr().SetAttr("dimnames", eval.NewList([]eval.Value{rn, cn}, nil))
		}
		return r, nil
	}
	return mk(), nil
}

func builtinVapply(c *eval.Frame, a []eval.Value) (eval.Value, error) {
	fn, err := lookupFUN(c, a[1])
	if err != nil {
		return nil, err
	}
	fv := a[2]
	if fv == nil {
		return nil, c.Errorf("argument \"FUN.VALUE\" is missing, with no default")
	}
	if !isAtomic(fv) {
		if _, ok := fv.(*eval.List); !ok {
			return nil, c.Errorf("'FUN.VALUE' must be a vector")
		}
	}
	useNames, err := argBool(c, a[4], "USE.NAMES")
	if err != nil {
		return nil, err
	}
	out, names, err := lapplyCore(c, a[0], fn, dotsArgs(a[3].(*eval.List)))
	if err != nil {
		return nil, err
	}
	want := eval.Length(fv)
	wantType := typeofValue(fv)
	wr := typeRank(fv)
	for i, v := range out {
		if n := eval.Length(v); n != want {
			return nil, c.Errorf("values must be length %d,\n but FUN(X[[%d]]) result is length %d", want, i+1, n)
		}
		vr := typeRank(v)
		ok := vr == wr || (wr == kInt && vr == kLgl) || (wr == kDbl && (vr == kLgl || vr == kInt))
		if _, isList := fv.(*eval.List); isList {
			ok = true
		}
		if !ok {
			return nil, c.Errorf("values must be type '%s',\n but FUN(X[[%d]]) result is type '%s'", wantType, i+1, typeofValue(v))
		}
	}
	if useNames {
		if s, ok := a[0].(*eval.Character); ok && names == nil {
			names = eval.NewStr(append([]string(nil), s.V...))
		}
	} else {
		names = nil
	}
	vals := append([]eval.Value{}, out...)
	vals = append(vals, sliceZero(fv))
	r := combineVectors(vals)
	if _, isList := fv.(*eval.List); isList {
		r = eval.NewList(out, nil)
	}
	at, ok := r.(eval.Attributed)
	if !ok {
		return r, nil
	}
	if want == 1 {
		if names != nil {
			at.Hdr().SetAttr("names", names)
		}
		return r, nil
	}
	at.Hdr().SetAttr("dim", eval.NewInt([]int32{int32(want), int32(len(out))}))
	rowNames := namesOf(fv)
	if rowNames == nil && len(out) > 0 {
		rowNames = namesOf(out[0])
	}
	if rowNames != nil || names != nil {
		rn, cn := eval.Value(eval.Null), eval.Value(eval.Null)
		if rowNames != nil {
			rn = rowNames
		}
		if names != nil {
			cn = names
		}
		at.Hdr().SetAttr("dimnames", eval.NewList([]eval.Value{rn, cn}, nil))
	}
	return r, nil
}

// sliceZero returns a zero-length vector of v's type (to fix the result
// type in combineVectors).
func sliceZero(v eval.Value) eval.Value {
	switch v.(type) {
	case *eval.Logical:
		return eval.NewLgl(nil)
	case *eval.Integer:
		return eval.NewInt(nil)
	case *eval.Double:
		return eval.NewDouble(nil)
	case *eval.Character:
		return eval.NewStr(nil)
	case *eval.Complex:
		return eval.NewComplex(nil)
	case *eval.Raw:
		return eval.NewRaw(nil)
	}
	return eval.Null
}

func mapply(c *eval.Frame, f eval.Value, dots *eval.List, more eval.Value, simplify, useNames bool) (eval.Value, error) {
	fn, err := lookupFUN(c, f)
	if err != nil {
		return nil, err
	}
	dnames := eval.Names(dots)
	elems := make([][]eval.Value, len(dots.V))
	n := 0
	for j, v := range dots.V {
		e, _, err := listElems(c, v)
		if err != nil {
			return nil, err
		}
		elems[j] = e
		n = max(n, len(e))
	}
	for _, e := range elems {
		if len(e) == 0 {
			n = 0 // R 4.2: any zero-length argument gives list()
		}
	}
	for _, e := range elems {
		if len(e) > 0 && n%len(e) != 0 {
			if err := c.Warningf("longer argument not a multiple of length of shorter"); err != nil {
				return nil, err
			}
			break
		}
	}
	var moreArgs []eval.Arg
	if l, ok := more.(*eval.List); ok {
		moreArgs = dotsArgs(l)
	} else if !isNull(more) {
		return nil, c.Errorf("argument 'MoreArgs' of 'mapply' is not a list")
	}
	initExprs()
	out := make([]eval.Value, n)
	for i := 0; i < n; i++ {
		args := make([]eval.Arg, 0, len(elems)+len(moreArgs))
		for j, e := range elems {
			ar := eval.Arg{Value: e[i%len(e)]}
			if dnames != nil {
				ar.Name = dnames[j]
			}
			args = append(args, ar)
		}
		args = append(args, moreArgs...)
		v, err := c.In.Apply(fn, args, nil, c.Env)
		if err != nil {
			return nil, err
		}
		out[i] = v
	}
	var names eval.Value
	if useNames && len(dots.V) > 0 {
		first := dots.V[0]
		if nm := namesOf(first); nm != nil {
			names = nm
		} else if s, ok := first.(*eval.Character); ok {
			names = eval.NewStr(append([]string(nil), s.V...))
		}
	}
	return simplifyList(c, out, names, simplify)
}

func builtinReduce(c *eval.Frame, a []eval.Value) (eval.Value, error) {
	fn, err := lookupFUN(c, a[0])
	if err != nil {
		return nil, err
	}
	right, err := argBool(c, a[3], "right")
	if err != nil {
		return nil, err
	}
	accumulate, err := argBool(c, a[4], "accumulate")
	if err != nil {
		return nil, err
	}
	elems, _, err := listElems(c, a[1])
	if err != nil {
		return nil, err
	}
	items := append([]eval.Value(nil), elems...)
	if a[2] != nil {
		if right {
			items = append(items, a[2])
		} else {
			items = append([]eval.Value{a[2]}, items...)
		}
	}
	if len(items) == 0 {
		return eval.Null, nil
	}
	call := func(x, y eval.Value) (eval.Value, error) {
		return c.In.Apply(fn, []eval.Arg{{Value: x}, {Value: y}}, nil, c.Env)
	}
	n := len(items)
	acc := make([]eval.Value, n)
	if !right {
		cur := items[0]
		acc[0] = cur
		for i := 1; i < n; i++ {
			if cur, err = call(cur, items[i]); err != nil {
				return nil, err
			}
			acc[i] = cur
		}
		if !accumulate {
			return cur, nil
		}
	} else {
		cur := items[n-1]
		acc[n-1] = cur
		for i := n - 2; i >= 0; i-- {
			if cur, err = call(items[i], cur); err != nil {
				return nil, err
			}
			acc[i] = cur
		}
		if !accumulate {
			return cur, nil
		}
	}
	{
		all1 := true
		for _, v := range acc {
			if eval.Length(v) != 1 || !isAtomic(v) {
				all1 = false
			}
		}
		if all1 {
			return combineVectors(acc), nil
		}
	}
	return eval.NewList(acc, nil), nil
}
