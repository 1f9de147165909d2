package syntax

// Inspect traverses the tree rooted at n in depth-first order, calling f
// for each node (Arg and Param values included, nil children skipped). If
// f returns false, the children of that node are not visited.
func Inspect(n Node, f func(Node) bool) {
	if n == nil || !f(n) {
		return
	}
	visit := func(x Expr) {
		if x != nil {
			Inspect(x, f)
		}
	}
	switch n := n.(type) {
	case *Unary:
		visit(n.X)
	case *Binary:
		visit(n.X)
		visit(n.Y)
	case *Assign:
		visit(n.Lhs)
		visit(n.Rhs)
	case *Call:
		visit(n.Fn)
		for i := range n.Args {
			visit(n.Args[i].Value)
		}
	case *Index:
		visit(n.X)
		for i := range n.Args {
			visit(n.Args[i].Value)
		}
	case *Dollar:
		visit(n.X)
	case *Function:
		for i := range n.Params {
			visit(n.Params[i].Default)
		}
		visit(n.Body)
	case *If:
		visit(n.Cond)
		visit(n.Then)
		visit(n.Else)
	case *For:
		visit(n.Var)
		visit(n.Seq)
		visit(n.Body)
	case *While:
		visit(n.Cond)
		visit(n.Body)
	case *Repeat:
		visit(n.Body)
	case *Block:
		for _, s := range n.Stmts {
			visit(s)
		}
	case *Paren:
		visit(n.X)
	}
}
