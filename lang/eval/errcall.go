package eval

import "torchr/lang/syntax"

// ErrorWithCall returns an R error shown as "Error in <call> : msg" with the
// given call instead of the builtin's own (R reports some errors from an
// inner function, e.g. seq.default for seq). A nil call shows "Error: msg".
func ErrorWithCall(call syntax.Expr, msg string) error {
	return &Error{Msg: msg, Call: call, hasCall: true}
}
