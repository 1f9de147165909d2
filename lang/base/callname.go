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
