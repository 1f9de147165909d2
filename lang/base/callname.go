package base

import "torchr/lang/syntax"

type syntaxCall = syntax.Call

// renameCall returns a copy of call with the function renamed (R reports
// some conditions from the method, e.g. mean.default, seq.default).
func renameCall(call *syntax.Call, name string) *syntax.Call {
	cp := *call
	cp.Fn = &syntax.Ident{NamePos: call.Fn.Pos(), Name: name}
	return &cp
}

// methodCall returns the call R shows for an error or warning raised
// inside an S3 method of `[` or `[<-` (e.g. `[.data.frame`(df, , "z") or
// `[<-.factor`(`*tmp*`, 1, value = "z")), or the builtin's own call.
func methodCall(call syntax.Expr, method string) syntax.Expr {
	switch x := call.(type) {
	case *syntax.Index:
		args := append([]syntax.Arg{{Value: x.X}}, x.Args...)
		return &syntax.Call{Fn: &syntax.Ident{NamePos: x.Pos(), Name: method}, Args: args}
	case *syntax.Assign:
		if ix, ok := x.Lhs.(*syntax.Index); ok {
			args := append([]syntax.Arg{{Value: &syntax.Ident{Name: "*tmp*"}}}, ix.Args...)
			args = append(args, syntax.Arg{Name: "value", HasName: true, Value: x.Rhs})
			return &syntax.Call{Fn: &syntax.Ident{NamePos: x.Pos(), Name: method}, Args: args}
		}
	}
	return call
}
