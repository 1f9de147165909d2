package eval

import (
	"errors"
	"strings"

	"torchr/lang/syntax"
)

// LangToList converts a call to a list (R's as.list on a call): the
// function then the arguments, with argument names.
func LangToList(l *Lang) *List {
	parts := langParts(l.X)
	vals := make([]Value, len(parts))
	names := make([]string, len(parts))
	hasNames := false
	var args []syntax.Arg
	if c, ok := l.X.(*syntax.Call); ok {
		args = c.Args
	}
	for i, p := range parts {
		if p == nil {
			vals[i] = NewSymbol("")
		} else {
			vals[i] = LangValue(p)
		}
		if i > 0 && i-1 < len(args) && args[i-1].HasName {
			names[i] = args[i-1].Name
			hasNames = true
		}
	}
	if !hasNames {
		names = nil
	}
	return NewList(vals, names)
}

// ListToLang builds a call from a list (R's as.call): element 1 is the
// function (a symbol, a function or a call), the rest the arguments.
func ListToLang(l *List) (*Lang, error) {
	if len(l.V) == 0 {
		return nil, errors.New("invalid argument list")
	}
	names := Names(l)
	fn := exprOf(l.V[0])
	call := &syntax.Call{Fn: fn}
	for i, v := range l.V[1:] {
		a := syntax.Arg{Value: exprOf(v)}
		if s, ok := v.(*Lang); ok {
			if id, ok := s.X.(*syntax.Ident); ok && id.Name == "" {
				a.Value = nil
			}
		}
		if names != nil && names[i+1] != "" {
			a.Name, a.HasName = names[i+1], true
		}
		call.Args = append(call.Args, a)
	}
	return &Lang{X: normalizeCall(call)}, nil
}

// normalizeCall turns calls of operators back into operator nodes so they
// deparse and evaluate as written (quote(a + b)[[1]] etc.).
func normalizeCall(c *syntax.Call) syntax.Expr {
	id, ok := c.Fn.(*syntax.Ident)
	if !ok {
		return c
	}
	unnamed := true
	for _, a := range c.Args {
		if a.HasName || a.Value == nil {
			unnamed = false
		}
	}
	if !unnamed {
		return c
	}
	if len(c.Args) == 2 {
		if tok, ok := binaryTokens[id.Name]; ok {
			return &syntax.Binary{Op: tok, OpText: id.Name, X: c.Args[0].Value, Y: c.Args[1].Value}
		}
		if strings.HasPrefix(id.Name, "%") && strings.HasSuffix(id.Name, "%") && len(id.Name) > 1 {
			return &syntax.Binary{Op: syntax.SPECIAL, OpText: id.Name, X: c.Args[0].Value, Y: c.Args[1].Value}
		}
		switch id.Name {
		case "<-":
			return &syntax.Assign{Op: syntax.LARROW, Lhs: c.Args[0].Value, Rhs: c.Args[1].Value}
		case "<<-":
			return &syntax.Assign{Op: syntax.SUPERLARROW, Lhs: c.Args[0].Value, Rhs: c.Args[1].Value}
		case "=":
			return &syntax.Assign{Op: syntax.EQ_ASSIGN, Lhs: c.Args[0].Value, Rhs: c.Args[1].Value}
		case "$":
			if n, ok := c.Args[1].Value.(*syntax.Ident); ok {
				return &syntax.Dollar{X: c.Args[0].Value, Name: n.Name}
			}
		}
	}
	if len(c.Args) == 1 {
		switch id.Name {
		case "-":
			return &syntax.Unary{Op: syntax.MINUS, X: c.Args[0].Value}
		case "+":
			return &syntax.Unary{Op: syntax.PLUS, X: c.Args[0].Value}
		case "!":
			return &syntax.Unary{Op: syntax.NOT, X: c.Args[0].Value}
		case "(":
			return &syntax.Paren{X: c.Args[0].Value}
		}
	}
	if id.Name == "{" {
		b := &syntax.Block{}
		for _, a := range c.Args {
			b.Stmts = append(b.Stmts, a.Value)
		}
		return b
	}
	if (id.Name == "[" || id.Name == "[[") && len(c.Args) >= 1 {
		return &syntax.Index{X: c.Args[0].Value, Double: id.Name == "[[", Args: c.Args[1:]}
	}
	return c
}

var binaryTokens = map[string]syntax.Token{
	"+": syntax.PLUS, "-": syntax.MINUS, "*": syntax.STAR, "/": syntax.SLASH, "^": syntax.CARET,
	":": syntax.COLON, "==": syntax.EQ, "!=": syntax.NE, "<": syntax.LT, ">": syntax.GT,
	"<=": syntax.LE, ">=": syntax.GE, "&": syntax.AND, "&&": syntax.ANDAND, "|": syntax.OR,
	"||": syntax.OROR, "~": syntax.TILDE,
}

// LangSetElement returns a copy of call l with element i (0 = function)
// replaced by v (R's cl[[i+1]] <- v).
func LangSetElement(l *Lang, i int, v Value) (*Lang, error) {
	lst := LangToList(l)
	for len(lst.V) <= i {
		lst.V = append(lst.V, Null)
	}
	lst.V[i] = v
	return ListToLang(lst)
}

// langIndex handles x[[i]], x[i] and x$name on language objects.
func (in *Interp) langIndex(l *Lang, args []Arg, double bool) (Value, error) {
	if len(args) != 1 {
		return nil, errors.New("incorrect number of subscripts")
	}
	lst := LangToList(l)
	if s, ok := args[0].Value.(*Character); ok && len(s.V) == 1 {
		for i, n := range Names(lst) {
			if n == s.V[0] {
				return lst.V[i], nil
			}
		}
		return Null, nil
	}
	if double {
		f, ok := scalarNum(args[0].Value)
		if !ok || f < 1 || int(f) > len(lst.V) {
			return nil, errors.New("subscript out of bounds")
		}
		return lst.V[int(f)-1], nil
	}
	fs, ok := numSlice(args[0].Value)
	if !ok {
		return nil, errors.New("invalid subscript type")
	}
	var vals []Value
	var names []string
	lnames := Names(lst)
	neg := len(fs) > 0 && fs[0] < 0
	keep := make([]bool, len(lst.V))
	if neg {
		for i := range keep {
			keep[i] = true
		}
		for _, f := range fs {
			if j := int(-f) - 1; j >= 0 && j < len(keep) {
				keep[j] = false
			}
		}
		for i, k := range keep {
			if k {
				vals = append(vals, lst.V[i])
				if lnames != nil {
					names = append(names, lnames[i])
				}
			}
		}
	} else {
		for _, f := range fs {
			j := int(f) - 1
			if j >= 0 && j < len(lst.V) {
				vals = append(vals, lst.V[j])
				if lnames != nil {
					names = append(names, lnames[j])
				}
			}
		}
	}
	return ListToLang(NewList(vals, names))
}

func (in *Interp) langSetIndex(l *Lang, args []Arg, v Value) (Value, error) {
	if len(args) != 1 {
		return nil, errors.New("incorrect number of subscripts")
	}
	lst := LangToList(l)
	if s, ok := args[0].Value.(*Character); ok && len(s.V) == 1 {
		names := Names(lst)
		if names == nil {
			names = make([]string, len(lst.V))
		}
		for i, n := range names {
			if n == s.V[0] {
				lst.V[i] = v
				return ListToLang(lst)
			}
		}
		lst.V = append(lst.V, v)
		lst.SetAttr("names", NewStr(append(append([]string{}, names...), s.V[0])))
		return ListToLang(lst)
	}
	f, ok := scalarNum(args[0].Value)
	if !ok || f < 1 {
		return nil, errors.New("invalid subscript")
	}
	return LangSetElement(l, int(f)-1, v)
}

func builtinBquote(c *Frame, a []Value) (Value, error) {
	x := promiseExpr(a[0])
	env := c.Env
	if a[1] != nil {
		ev, err := c.Force(a[1])
		if err != nil {
			return nil, err
		}
		switch e := ev.(type) {
		case *Env:
			env = e
		case *List:
			// a list of values, looked up before the caller's frame (as
			// eval(expr, where) does with a list)
			le := NewEnv(c.Env)
			for i, n := range Names(e) {
				if n != "" {
					le.Assign(n, e.V[i])
				}
			}
			env = le
		}
	}
	splice := false
	if a[2] != nil {
		sv, err := c.Force(a[2])
		if err != nil {
			return nil, err
		}
		l, ok := sv.(*Logical)
		splice = ok && len(l.V) == 1 && l.V[0] == 1
	}
	// macro reports whether x is the call name(arg), R's .() or ..().
	macro := func(x syntax.Expr, name string) (syntax.Expr, bool) {
		call, ok := x.(*syntax.Call)
		if !ok || len(call.Args) != 1 {
			return nil, false
		}
		id, ok := call.Fn.(*syntax.Ident)
		if !ok || id.Name != name {
			return nil, false
		}
		return call.Args[0].Value, true
	}
	var ferr error
	s := &substituter{ident: func(*syntax.Ident) (syntax.Expr, bool) { return nil, false }}
	s.call = func(call *syntax.Call) (syntax.Expr, bool) {
		arg, ok := macro(call, ".")
		if !ok || ferr != nil {
			return nil, false
		}
		v, err := c.In.Eval(arg, env)
		if err != nil {
			ferr = err
			return call, true
		}
		return exprOf(v), true
	}
	if splice {
		s.splice = func(a syntax.Arg) ([]syntax.Arg, bool) {
			arg, ok := macro(a.Value, "..")
			if !ok || ferr != nil {
				return nil, false
			}
			v, err := c.In.Eval(arg, env)
			if err != nil {
				ferr = err
				return nil, false
			}
			var out []syntax.Arg
			switch x := v.(type) {
			case *List:
				names := Names(x)
				for i, e := range x.V {
					ar := syntax.Arg{Value: exprOf(e)}
					if names != nil && names[i] != "" {
						ar.Name, ar.HasName = names[i], true
					}
					out = append(out, ar)
				}
			case Vector:
				names := Names(x)
				for i := 0; i < Length(x); i++ {
					ar := syntax.Arg{Value: exprOf(elementAt(x, i))}
					if names != nil && names[i] != "" {
						ar.Name, ar.HasName = names[i], true
					}
					out = append(out, ar)
				}
			case *NullType:
			default:
				ferr = c.Errorf("can only splice vectors")
				return nil, false
			}
			return out, true
		}
	}
	walk := s.expr
	r := walk(x)
	if ferr != nil {
		return nil, ferr
	}
	return LangValue(r), nil
}

// NewExpression returns an expression vector (a list with class
// "expression") of the given expressions.
func NewExpression(xs []syntax.Expr) *List {
	vals := make([]Value, len(xs))
	for i, x := range xs {
		vals[i] = LangValue(x)
	}
	l := NewList(vals, nil)
	l.SetAttr("class", NewStr1("expression"))
	return l
}

func init() {
	RegisterAll(
		&Builtin{Name: "bquote", Formals: []string{"expr", "where = parent.frame()", "splice = FALSE"}, Special: true, Fn: builtinBquote},
		&Builtin{Name: "expression", Formals: []string{"..."}, Special: true, Fn: func(c *Frame, a []Value) (Value, error) {
			var xs []syntax.Expr
			for _, p := range a[0].(*List).V {
				xs = append(xs, promiseExpr(p))
			}
			return NewExpression(xs), nil
		}},
		&Builtin{Name: "parse", Formals: []string{"file = \"\"", "n = NULL", "text = NULL", "prompt = \"?\"", "keep.source", "srcfile", "encoding = \"unknown\""}, Fn: func(c *Frame, a []Value) (Value, error) {
			txt := AsStrings(a[2])
			f, err := syntax.ParseFile("<text>", strings.Join(txt, "\n"))
			if err != nil {
				var se *syntax.Error
				if errors.As(err, &se) {
					return nil, c.Errorf("%s", se.Error())
				}
				return nil, err
			}
			var xs []syntax.Expr
			for _, t := range f.Exprs {
				xs = append(xs, t.X)
			}
			return NewExpression(xs), nil
		}},
		&Builtin{Name: "str2lang", Formals: []string{"s"}, Fn: func(c *Frame, a []Value) (Value, error) {
			s, _ := asString1(a[0])
			x, err := syntax.ParseExpr(s)
			if err != nil {
				return nil, c.Errorf("%s", err.Error())
			}
			return LangValue(x), nil
		}},
		&Builtin{Name: "with", Formals: []string{"data", "expr", "..."}, Special: true, Fn: func(c *Frame, a []Value) (Value, error) {
			d, err := c.Force(a[0])
			if err != nil {
				return nil, err
			}
			env := NewEnv(c.Env)
			switch t := d.(type) {
			case *List:
				for i, n := range Names(t) {
					if n != "" {
						env.Assign(n, t.V[i])
					}
				}
			case *Env:
				env = t
			}
			return c.In.Eval(promiseExpr(a[1]), env)
		}},
		&Builtin{Name: "mget", Formals: []string{"x", "envir", "mode = \"any\"", "ifnotfound", "inherits = FALSE"}, Fn: func(c *Frame, a []Value) (Value, error) {
			env, err := c.envArg(a[1], c.Env)
			if err != nil {
				return nil, err
			}
			names := AsStrings(a[0])
			vals := make([]Value, len(names))
			for i, n := range names {
				var v Value
				var ok bool
				if truthy(a[4]) {
					v, ok = env.Lookup(n)
				} else {
					v, ok = env.GetLocal(n)
				}
				if !ok {
					if a[3] != nil {
						vals[i] = a[3]
						if l, ok := a[3].(*List); ok && len(l.V) > 0 {
							vals[i] = l.V[0]
						}
						continue
					}
					return nil, c.Errorf("value for %s not found", "\u2018"+n+"\u2019")
				}
				fv, err := c.In.forceArg(v)
				if err != nil {
					return nil, err
				}
				vals[i] = fv
			}
			return NewList(vals, names), nil
		}},
		&Builtin{Name: "args", Formals: []string{"name"}, Fn: func(c *Frame, a []Value) (Value, error) {
			switch f := a[0].(type) {
			case *Closure:
				return &Closure{Params: f.Params, Body: &syntax.Const{Kind: syntax.ConstNull}, Env: f.Env}, nil
			case *Builtin:
				f.prepare()
				var ps []syntax.Param
				for _, p := range f.params {
					pp := syntax.Param{Name: p.name}
					if p.hasDef {
						pp.Default, _ = syntax.ParseExpr(p.defSrc)
					}
					ps = append(ps, pp)
				}
				return &Closure{Params: ps, Body: &syntax.Const{Kind: syntax.ConstNull}, Env: c.In.Global}, nil
			}
			return Null, nil
		}},
		&Builtin{Name: "delayedAssign", Formals: []string{"x", "value", "eval.env", "assign.env"}, Special: true, Invisible: true, Fn: func(c *Frame, a []Value) (Value, error) {
			nv, err := c.Force(a[0])
			if err != nil {
				return nil, err
			}
			name, ok := asString1(nv)
			if !ok {
				return nil, c.Errorf("invalid first argument")
			}
			evalEnv, assignEnv := c.Env, c.Env
			for i, target := range []**Env{&evalEnv, &assignEnv} {
				if a[2+i] == nil {
					continue
				}
				ev, err := c.Force(a[2+i])
				if err != nil {
					return nil, err
				}
				e, ok := ev.(*Env)
				if !ok {
					return nil, c.Errorf("invalid '%s' argument", []string{"eval.env", "assign.env"}[i])
				}
				*target = e
			}
			assignEnv.Set(name, &Promise{Expr: promiseExpr(a[1]), Env: evalEnv})
			return Null, nil
		}},
		&Builtin{Name: "body<-", Formals: []string{"fun", "envir", "value"}, Fn: func(c *Frame, a []Value) (Value, error) {
			f, ok := a[0].(*Closure)
			if !ok {
				return nil, c.Errorf("'fun' must be a function")
			}
			nf := &Closure{Params: f.Params, Body: exprOf(a[2]), Env: f.Env}
			if e, ok := a[1].(*Env); ok {
				nf.Env = e
			}
			return nf, nil
		}},
		&Builtin{Name: "alist", Formals: []string{"..."}, Special: true, Fn: func(c *Frame, a []Value) (Value, error) {
			// alist(...): the arguments unevaluated, an empty one as the
			// empty symbol (as in formals)
			dots := a[0].(*List)
			vals := make([]Value, len(dots.V))
			for i, p := range dots.V {
				x := promiseExpr(p)
				if x == nil || p == Value(MissingArg) {
					vals[i] = NewSymbol("")
					continue
				}
				vals[i] = LangValue(x)
			}
			l := NewList(vals, nil)
			if nm := Names(dots); nm != nil {
				l.SetAttr("names", NewStr(append([]string(nil), nm...)))
			}
			return l, nil
		}},
		&Builtin{Name: "formals<-", Formals: []string{"fun", "envir", "value"}, Fn: func(c *Frame, a []Value) (Value, error) {
			f, ok := a[0].(*Closure)
			if !ok {
				return nil, c.Errorf("'fun' must be a function")
			}
			l, ok := a[2].(*List)
			if !ok && a[2] != Value(Null) {
				return nil, c.Errorf("'value' must be a list")
			}
			nf := &Closure{Body: f.Body, Env: f.Env}
			if l != nil {
				names := Names(l)
				for i, v := range l.V {
					p := syntax.Param{}
					if names != nil {
						p.Name = names[i]
					}
					if s, ok := v.(*Lang); !ok || func() bool { id, isID := s.X.(*syntax.Ident); return !isID || id.Name != "" }() {
						p.Default = exprOf(v)
					}
					nf.Params = append(nf.Params, p)
				}
			}
			return nf, nil
		}},
		&Builtin{Name: "is.call", Formals: []string{"x"}, Fn: func(c *Frame, a []Value) (Value, error) {
			l, ok := a[0].(*Lang)
			return Bool(ok && l.TypeName() == "language"), nil
		}},
		&Builtin{Name: "is.name", Formals: []string{"x"}, Fn: isSymbol},
		&Builtin{Name: "is.symbol", Formals: []string{"x"}, Fn: isSymbol},
		&Builtin{Name: "is.language", Formals: []string{"x"}, Fn: func(c *Frame, a []Value) (Value, error) {
			_, ok := a[0].(*Lang)
			return Bool(ok || classMatch(ClassAttr(a[0]), "expression")), nil
		}},
		&Builtin{Name: "is.function", Formals: []string{"x"}, Fn: func(c *Frame, a []Value) (Value, error) {
			return Bool(isFunction(a[0])), nil
		}},
		&Builtin{Name: "is.primitive", Formals: []string{"x"}, Fn: func(c *Frame, a []Value) (Value, error) {
			b, ok := a[0].(*Builtin)
			return Bool(ok && IsPrimitive(b)), nil
		}},
		&Builtin{Name: "is.environment", Formals: []string{"x"}, Fn: func(c *Frame, a []Value) (Value, error) {
			_, ok := a[0].(*Env)
			return Bool(ok), nil
		}},
		&Builtin{Name: "typeof", Formals: []string{"x"}, Fn: func(c *Frame, a []Value) (Value, error) {
			if b, ok := a[0].(*Builtin); ok && b.Special {
				return NewStr1("special"), nil
			}
			if l, ok := a[0].(*List); ok && classMatch(ClassAttr(l), "expression") {
				return NewStr1("expression"), nil
			}
			return NewStr1(a[0].TypeName()), nil
		}},
	)
}

func isSymbol(c *Frame, a []Value) (Value, error) {
	l, ok := a[0].(*Lang)
	return Bool(ok && l.TypeName() == "symbol"), nil
}
