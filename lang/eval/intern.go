package eval

import "torchr/lang/syntax"

// internNames rewrites every name in the tree to a canonical string per
// session, so that environment lookups usually succeed on pointer
// equality. The contents of the tree are unchanged.
func (in *Interp) internNames(x syntax.Expr) {
	if in.names == nil {
		in.names = make(map[string]string, 256)
	}
	in.internExpr(x)
}

func (in *Interp) internStr(s string) string {
	if t, ok := in.names[s]; ok {
		return t
	}
	in.names[s] = s
	return s
}

func (in *Interp) internArgs(args []syntax.Arg) {
	for i := range args {
		if args[i].HasName {
			args[i].Name = in.internStr(args[i].Name)
		}
		if args[i].Value != nil {
			in.internExpr(args[i].Value)
		}
	}
}

func (in *Interp) internExpr(x syntax.Expr) {
	switch x := x.(type) {
	case *syntax.Ident:
		x.Name = in.internStr(x.Name)
	case *syntax.Unary:
		in.internExpr(x.X)
	case *syntax.Binary:
		in.internExpr(x.X)
		in.internExpr(x.Y)
	case *syntax.Assign:
		in.internExpr(x.Lhs)
		in.internExpr(x.Rhs)
	case *syntax.Call:
		in.internExpr(x.Fn)
		in.internArgs(x.Args)
	case *syntax.Index:
		in.internExpr(x.X)
		in.internArgs(x.Args)
	case *syntax.Dollar:
		in.internExpr(x.X)
	case *syntax.Function:
		for i := range x.Params {
			x.Params[i].Name = in.internStr(x.Params[i].Name)
			if x.Params[i].Default != nil {
				in.internExpr(x.Params[i].Default)
			}
		}
		in.internExpr(x.Body)
	case *syntax.If:
		in.internExpr(x.Cond)
		in.internExpr(x.Then)
		if x.Else != nil {
			in.internExpr(x.Else)
		}
	case *syntax.For:
		x.Var.Name = in.internStr(x.Var.Name)
		in.internExpr(x.Seq)
		in.internExpr(x.Body)
	case *syntax.While:
		in.internExpr(x.Cond)
		in.internExpr(x.Body)
	case *syntax.Repeat:
		in.internExpr(x.Body)
	case *syntax.Block:
		for _, s := range x.Stmts {
			in.internExpr(s)
		}
	case *syntax.Paren:
		in.internExpr(x.X)
	}
}
