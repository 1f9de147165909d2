package eval

// subset, transform and within: the data-masking helpers of base R, which
// evaluate their arguments with a data frame's (or list's) columns in scope.

func init() {
	RegisterAll(
		&Builtin{Name: "subset", Formals: []string{"x", "subset", "select", "drop = FALSE", "..."}, Special: true, Fn: builtinSubsetFn},
		&Builtin{Name: "transform", Formals: []string{"_data", "..."}, Special: true, Fn: builtinTransform},
		&Builtin{Name: "within", Formals: []string{"data", "expr", "..."}, Special: true, Fn: builtinWithin},
	)
}

// dataEnv is a new environment (child of parent) holding the named
// elements of a list or data frame.
func dataEnv(d *List, parent *Env) *Env {
	env := NewEnv(parent)
	for i, n := range Names(d) {
		if n != "" {
			env.Assign(n, d.V[i])
		}
	}
	return env
}

func isDataFrameValue(v Value) bool {
	_, ok := v.(*List)
	return ok && classMatch(ClassAttr(v), "data.frame")
}

// builtinSubsetFn is subset(x, subset, select, drop): the rows (elements)
// where the condition, evaluated among x's columns, is TRUE, and for a
// data frame the columns that select names (evaluated with each column
// name standing for its position, so select = c(a, b) and -c works).
func builtinSubsetFn(c *Frame, a []Value) (Value, error) {
	x, err := c.Force(a[0])
	if err != nil {
		return nil, err
	}
	var rows Value = MissingArg
	if a[1] != nil && a[1] != MissingArg && promiseExpr(a[1]) != nil {
		env := c.Env
		if l, ok := x.(*List); ok {
			env = dataEnv(l, c.Env)
		}
		cond, err := c.In.Eval(promiseExpr(a[1]), env)
		if err != nil {
			return nil, err
		}
		l, ok := cond.(*Logical)
		if !ok {
			return nil, c.Errorf("'subset' must be logical")
		}
		var idx []int32
		for i, b := range l.V {
			if b == 1 {
				idx = append(idx, int32(i+1))
			}
		}
		if idx == nil {
			idx = []int32{}
		}
		rows = NewInt(idx)
	}
	if !isDataFrameValue(x) {
		if rows == Value(MissingArg) {
			return x, nil
		}
		return c.In.CallFunction("[", []Arg{{Value: x}, {Value: rows}}, c.Env)
	}
	df := x.(*List)
	var cols Value = MissingArg
	if a[2] != nil && a[2] != MissingArg && promiseExpr(a[2]) != nil {
		pos := NewEnv(c.Env)
		for i, n := range Names(df) {
			if n != "" {
				pos.Assign(n, NewInt1(int32(i+1)))
			}
		}
		cols, err = c.In.Eval(promiseExpr(a[2]), pos)
		if err != nil {
			return nil, err
		}
	}
	drop := Value(False)
	if a[3] != nil {
		if drop, err = c.Force(a[3]); err != nil {
			return nil, err
		}
	}
	return c.In.CallFunction("[", []Arg{{Value: df}, {Value: rows}, {Value: cols}, {Name: "drop", Value: drop}}, c.Env)
}

// builtinTransform is transform(`_data`, name = value, ...): the data frame
// with each value (evaluated among its columns) set as column name.
func builtinTransform(c *Frame, a []Value) (Value, error) {
	d, err := c.Force(a[0])
	if err != nil {
		return nil, err
	}
	df, ok := d.(*List)
	if !ok || !isDataFrameValue(d) {
		return nil, c.Errorf("transform() needs a data frame")
	}
	dots, _ := a[1].(*List)
	if dots == nil || len(dots.V) == 0 {
		return df, nil
	}
	env := dataEnv(df, c.Env)
	names := Names(dots)
	out := Value(df)
	for i, p := range dots.V {
		v, err := c.In.Eval(promiseExpr(p), env)
		if err != nil {
			return nil, err
		}
		n := ""
		if names != nil {
			n = names[i]
		}
		if n == "" {
			n = DeparseExpr(promiseExpr(p))
		}
		out, err = c.In.CallFunction("$<-", []Arg{{Value: out}, {Value: NewStr1(n)}, {Value: v}}, c.Env)
		if err != nil {
			return nil, err
		}
	}
	return out, nil
}

// builtinWithin is within(data, expr): expr evaluated among data's columns;
// the columns it changed are updated, the ones it removed dropped, and the
// variables it created appended (in name order: R's order is that of
// as.list(environment), which R does not define).
func builtinWithin(c *Frame, a []Value) (Value, error) {
	d, err := c.Force(a[0])
	if err != nil {
		return nil, err
	}
	df, ok := d.(*List)
	if !ok {
		return nil, c.Errorf("within() needs a data frame or list")
	}
	env := dataEnv(df, c.Env)
	if _, err := c.In.Eval(promiseExpr(a[1]), env); err != nil {
		return nil, err
	}
	old := Names(df)
	have := map[string]bool{}
	for _, n := range old {
		have[n] = true
	}
	out := Value(df)
	// new variables: R lists an environment's bindings newest first
	vars := env.Names()
	var added []string
	for _, n := range vars {
		if !have[n] {
			added = append(added, n)
		}
	}
	for _, n := range old {
		v, ok := env.GetLocal(n)
		if !ok {
			out, err = c.In.CallFunction("$<-", []Arg{{Value: out}, {Value: NewStr1(n)}, {Value: Null}}, c.Env)
		} else {
			out, err = c.In.CallFunction("$<-", []Arg{{Value: out}, {Value: NewStr1(n)}, {Value: v}}, c.Env)
		}
		if err != nil {
			return nil, err
		}
	}
	for _, n := range added {
		v, _ := env.GetLocal(n)
		out, err = c.In.CallFunction("$<-", []Arg{{Value: out}, {Value: NewStr1(n)}, {Value: v}}, c.Env)
		if err != nil {
			return nil, err
		}
	}
	return out, nil
}
