package eval

import "torchr/lang/syntax"

// CurrentBuiltinCall returns the call of the innermost builtin being run
// (nil when none) and how many builtin calls are active. The JIT uses it
// to name the R source line where a traced tensor is read into R.
func CurrentBuiltinCall(in *Interp) (syntax.Expr, int) {
	if in.bdepth == 0 {
		return nil, 0
	}
	return in.bframes[in.bdepth-1].Call, in.bdepth
}

// BuiltinCallAt returns the call of the i-th active builtin (0 is the
// outermost, CurrentBuiltinCall's depth-1 the innermost).
func BuiltinCallAt(in *Interp, i int) syntax.Expr {
	if i < 0 || i >= in.bdepth {
		return nil
	}
	return in.bframes[i].Call
}
