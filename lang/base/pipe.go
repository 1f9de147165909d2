package base

// magrittr's pipe, built in as R users expect it (library(magrittr) is
// accepted and changes nothing).

import (
	"torchr/lang/eval"
	"torchr/lang/syntax"
)

func init() {
	eval.KnownPackages["magrittr"] = true
	eval.Register(&eval.Builtin{Name: "%>%", Formals: []string{"lhs", "rhs"}, Special: true, KeepVisible: true, Fn: builtinPipe})
}

// builtinPipe is lhs %>% rhs with magrittr's rules: rhs is called with lhs
// as its first argument (f, f(y), pkg::f) unless . appears as one of its
// arguments (f(y, .)); a {...} block or an expression with . as an operand
// (.$a, .[1]) is evaluated with . bound to lhs; a parenthesised expression or
// a function literal is evaluated to a function and called with lhs.
func builtinPipe(c *eval.Frame, a []eval.Value) (eval.Value, error) {
	lhs, err := c.Force(a[0])
	if err != nil {
		return nil, err
	}
	p, ok := a[1].(*eval.Promise)
	if !ok || p.Expr == nil {
		return nil, c.Errorf("RHS must be a function or a call")
	}
	penv := p.Env
	if penv == nil {
		penv = c.Env
	}
	env := eval.NewEnv(penv)
	env.Set(".", lhs)
	dot := &syntax.Ident{Name: "."}
	var x syntax.Expr
	switch r := p.Expr.(type) {
	case *syntax.Ident, *syntax.Str, *syntax.Namespace:
		x = &syntax.Call{Fn: r, Args: []syntax.Arg{{Value: dot}}}
	case *syntax.Paren, *syntax.Function:
		x = &syntax.Call{Fn: r, Args: []syntax.Arg{{Value: dot}}}
	case *syntax.Call:
		for _, arg := range r.Args {
			if id, ok := arg.Value.(*syntax.Ident); ok && id.Name == "." {
				x = r
				break
			}
		}
		if x == nil {
			cp := *r
			cp.Args = append([]syntax.Arg{{Value: dot}}, r.Args...)
			x = &cp
		}
	default:
		x = r
	}
	return c.Eval(x, env)
}
