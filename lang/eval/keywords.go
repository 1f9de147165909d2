package eval

import (
	"torchr/lang/syntax"
)

// Language constructs callable as functions (`if`(c, a, b), `(`(x),
// `{`(a, b), `<-`(x, 1), ...): each builds the syntax node from its
// unevaluated arguments and evaluates it in the calling environment.

func dotsExprs(a []Value) []syntax.Expr {
	l := a[0].(*List)
	r := make([]syntax.Expr, len(l.V))
	for i, p := range l.V {
		if p == MissingArg {
			continue
		}
		r[i] = promiseExpr(p)
	}
	return r
}

func keyword(name string, build func(xs []syntax.Expr) (syntax.Expr, bool)) *Builtin {
	return &Builtin{Name: name, Formals: []string{"..."}, Special: true, langPrim: true, Fn: func(c *Frame, a []Value) (Value, error) {
		x, ok := build(dotsExprs(a))
		if !ok {
			return nil, c.Errorf("invalid use of `%s`", name)
		}
		return c.In.Eval(x, c.Env)
	}}
}

func init() {
	RegisterAll(
		keyword("if", func(xs []syntax.Expr) (syntax.Expr, bool) {
			if len(xs) < 2 || len(xs) > 3 || xs[0] == nil || xs[1] == nil {
				return nil, false
			}
			x := &syntax.If{Cond: xs[0], Then: xs[1]}
			if len(xs) == 3 {
				x.Else = xs[2]
			}
			return x, true
		}),
		keyword("for", func(xs []syntax.Expr) (syntax.Expr, bool) {
			if len(xs) != 3 {
				return nil, false
			}
			id, ok := xs[0].(*syntax.Ident)
			if !ok {
				return nil, false
			}
			return &syntax.For{Var: id, Seq: xs[1], Body: xs[2]}, true
		}),
		keyword("while", func(xs []syntax.Expr) (syntax.Expr, bool) {
			if len(xs) != 2 {
				return nil, false
			}
			return &syntax.While{Cond: xs[0], Body: xs[1]}, true
		}),
		keyword("repeat", func(xs []syntax.Expr) (syntax.Expr, bool) {
			if len(xs) != 1 {
				return nil, false
			}
			return &syntax.Repeat{Body: xs[0]}, true
		}),
		keyword("break", func(xs []syntax.Expr) (syntax.Expr, bool) { return &syntax.Break{}, len(xs) == 0 }),
		keyword("next", func(xs []syntax.Expr) (syntax.Expr, bool) { return &syntax.Next{}, len(xs) == 0 }),
		keyword("(", func(xs []syntax.Expr) (syntax.Expr, bool) {
			if len(xs) != 1 {
				return nil, false
			}
			return &syntax.Paren{X: xs[0]}, true
		}),
		keyword("{", func(xs []syntax.Expr) (syntax.Expr, bool) {
			return &syntax.Block{Stmts: xs}, true
		}),
		keyword("<-", assignKeyword(syntax.LARROW)),
		keyword("=", assignKeyword(syntax.EQ_ASSIGN)),
		keyword("<<-", assignKeyword(syntax.SUPERLARROW)),
		keyword("&&", logicKeyword(syntax.ANDAND, "&&")),
		keyword("||", logicKeyword(syntax.OROR, "||")),
	)
}

func assignKeyword(op syntax.Token) func(xs []syntax.Expr) (syntax.Expr, bool) {
	return func(xs []syntax.Expr) (syntax.Expr, bool) {
		if len(xs) != 2 || xs[0] == nil || xs[1] == nil {
			return nil, false
		}
		return &syntax.Assign{Op: op, Lhs: xs[0], Rhs: xs[1]}, true
	}
}

func logicKeyword(op syntax.Token, text string) func(xs []syntax.Expr) (syntax.Expr, bool) {
	return func(xs []syntax.Expr) (syntax.Expr, bool) {
		if len(xs) != 2 {
			return nil, false
		}
		return &syntax.Binary{Op: op, OpText: text, X: xs[0], Y: xs[1]}, true
	}
}
