package eval

import "torchr/lang/syntax"

// rewrite returns a copy of x where identifiers for which f returns a
// replacement are substituted. f may return a list of expressions for "..."
// inside call arguments (via the dots callback).
type substituter struct {
	ident func(id *syntax.Ident) (syntax.Expr, bool)
	dots  func() ([]syntax.Arg, bool)
	// call, when set, may replace a whole call (bquote's .(x)).
	call func(c *syntax.Call) (syntax.Expr, bool)
	// splice, when set, may replace one call argument by several
	// (bquote's ..(x) with splice = TRUE).
	splice func(a syntax.Arg) ([]syntax.Arg, bool)
}

func (s *substituter) expr(x syntax.Expr) syntax.Expr {
	switch x := x.(type) {
	case nil:
		return nil
	case *syntax.Ident:
		if r, ok := s.ident(x); ok {
			return r
		}
		return x
	case *syntax.Unary:
		c := *x
		c.X = s.expr(x.X)
		return &c
	case *syntax.Binary:
		c := *x
		c.X = s.expr(x.X)
		c.Y = s.expr(x.Y)
		return &c
	case *syntax.Assign:
		c := *x
		c.Lhs = s.expr(x.Lhs)
		c.Rhs = s.expr(x.Rhs)
		return &c
	case *syntax.Call:
		if s.call != nil {
			if r, ok := s.call(x); ok {
				return r
			}
		}
		c := *x
		c.Fn = s.expr(x.Fn)
		c.Args = s.args(x.Args)
		return &c
	case *syntax.Index:
		c := *x
		c.X = s.expr(x.X)
		c.Args = s.args(x.Args)
		return &c
	case *syntax.Dollar:
		c := *x
		c.X = s.expr(x.X)
		return &c
	case *syntax.Function:
		c := *x
		c.Body = s.expr(x.Body)
		ps := make([]syntax.Param, len(x.Params))
		for i, p := range x.Params {
			ps[i] = p
			ps[i].Default = s.expr(p.Default)
		}
		c.Params = ps
		c.Src = ""
		return &c
	case *syntax.If:
		c := *x
		c.Cond = s.expr(x.Cond)
		c.Then = s.expr(x.Then)
		c.Else = s.expr(x.Else)
		return &c
	case *syntax.For:
		c := *x
		c.Seq = s.expr(x.Seq)
		c.Body = s.expr(x.Body)
		return &c
	case *syntax.While:
		c := *x
		c.Cond = s.expr(x.Cond)
		c.Body = s.expr(x.Body)
		return &c
	case *syntax.Repeat:
		c := *x
		c.Body = s.expr(x.Body)
		return &c
	case *syntax.Block:
		c := *x
		c.Stmts = make([]syntax.Expr, len(x.Stmts))
		for i, st := range x.Stmts {
			c.Stmts[i] = s.expr(st)
		}
		return &c
	case *syntax.Paren:
		c := *x
		c.X = s.expr(x.X)
		return &c
	}
	return x
}

func (s *substituter) args(args []syntax.Arg) []syntax.Arg {
	r := make([]syntax.Arg, 0, len(args))
	for _, a := range args {
		if s.splice != nil {
			if d, ok := s.splice(a); ok {
				r = append(r, d...)
				continue
			}
		}
		if id, ok := a.Value.(*syntax.Ident); ok && id.Name == "..." && s.dots != nil {
			if d, ok := s.dots(); ok {
				r = append(r, d...)
				continue
			}
		}
		a.Value = s.expr(a.Value)
		r = append(r, a)
	}
	return r
}

// exprOf returns the syntax for a value: literals for simple scalars, the
// wrapped expression for language objects, or an embedded value.
func exprOf(v Value) syntax.Expr {
	switch x := v.(type) {
	case *Lang:
		return x.X
	case *Double:
		if len(x.V) == 1 && x.attrs == nil && !(x.V[0] < 0) && !IsNA(x.V[0]) {
			return &syntax.Num{Value: x.V[0]}
		}
	case *Integer:
		if len(x.V) == 1 && x.attrs == nil && x.V[0] >= 0 {
			return &syntax.Int{Value: x.V[0]}
		}
	case *Character:
		if len(x.V) == 1 && x.attrs == nil && x.V[0] != NAString {
			return &syntax.Str{Value: x.V[0]}
		}
	case *Logical:
		if len(x.V) == 1 && x.attrs == nil {
			switch x.V[0] {
			case 1:
				return &syntax.Const{Kind: syntax.ConstTrue}
			case 0:
				return &syntax.Const{Kind: syntax.ConstFalse}
			}
			return &syntax.Const{Kind: syntax.ConstNA}
		}
	case *NullType:
		return &syntax.Const{Kind: syntax.ConstNull}
	case *Promise:
		return x.Expr
	}
	return &syntax.Value{V: v}
}

// LangValue returns the R value for an unevaluated expression: constants
// become vectors, everything else a *Lang.
func LangValue(x syntax.Expr) Value {
	if v := literalValue(x); v != nil {
		return v
	}
	if sv, ok := x.(*syntax.Value); ok {
		if v, ok := sv.V.(Value); ok {
			return v
		}
	}
	if p, ok := x.(*syntax.Paren); ok {
		_ = p
	}
	return &Lang{X: x}
}

// substitute implements substitute(expr, env).
func (in *Interp) substitute(x syntax.Expr, env *Env) syntax.Expr {
	if env == in.Global || env == nil {
		return x
	}
	s := &substituter{
		ident: func(id *syntax.Ident) (syntax.Expr, bool) {
			v, ok := env.GetLocal(id.Name)
			if !ok || env.base {
				return nil, false
			}
			switch p := v.(type) {
			case *Promise:
				return p.Expr, true
			case *MissingArgType, *Dots:
				return nil, false
			}
			return exprOf(v), true
		},
		dots: func() ([]syntax.Arg, bool) {
			v, ok := env.GetLocal("...")
			if !ok {
				return nil, false
			}
			d, ok := v.(*Dots)
			if !ok {
				return nil, false
			}
			r := make([]syntax.Arg, len(d.Args))
			for i, a := range d.Args {
				x := a.Expr
				if p, ok := a.Value.(*Promise); ok {
					x = p.Expr
				}
				if x == nil {
					x = exprOf(a.Value)
				}
				r[i] = syntax.Arg{Name: a.Name, HasName: a.Name != "", Value: x}
			}
			return r, true
		},
	}
	return s.expr(x)
}

// langElement returns element i of a call as R's x[[i+1]] would.
func langElement(l *Lang, i int) Value {
	parts := langParts(l.X)
	if i < len(parts) {
		if parts[i] == nil {
			return MissingArg
		}
		return LangValue(parts[i])
	}
	return Null
}

// langParts returns the function and arguments of a call-like expression.
func langParts(x syntax.Expr) []syntax.Expr {
	switch c := x.(type) {
	case *syntax.Call:
		r := []syntax.Expr{c.Fn}
		for _, a := range c.Args {
			r = append(r, a.Value)
		}
		return r
	case *syntax.Binary:
		return []syntax.Expr{&syntax.Ident{Name: c.OpText}, c.X, c.Y}
	case *syntax.Unary:
		return []syntax.Expr{&syntax.Ident{Name: c.Op.String()}, c.X}
	case *syntax.Assign:
		return []syntax.Expr{&syntax.Ident{Name: c.Op.String()}, c.Lhs, c.Rhs}
	case *syntax.Paren:
		return []syntax.Expr{&syntax.Ident{Name: "("}, c.X}
	case *syntax.Block:
		r := []syntax.Expr{&syntax.Ident{Name: "{"}}
		return append(r, c.Stmts...)
	case *syntax.If:
		r := []syntax.Expr{&syntax.Ident{Name: "if"}, c.Cond, c.Then}
		if c.Else != nil {
			r = append(r, c.Else)
		}
		return r
	case *syntax.Dollar:
		return []syntax.Expr{&syntax.Ident{Name: "$"}, c.X, &syntax.Ident{Name: c.Name}}
	case *syntax.Index:
		n := "["
		if c.Double {
			n = "[["
		}
		r := []syntax.Expr{&syntax.Ident{Name: n}, c.X}
		for _, a := range c.Args {
			r = append(r, a.Value)
		}
		return r
	}
	return []syntax.Expr{x}
}
