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
