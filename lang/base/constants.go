package base

import (
	"math"

	"torchr/lang/eval"
)

// Base constants: pi, letters, LETTERS, month names, T, F, .Machine.

func init() {
	eval.RegisterVar("pi", eval.NewDouble1(math.Pi))
	lower := make([]string, 26)
	upper := make([]string, 26)
	for i := range lower {
		lower[i] = string(rune('a' + i))
		upper[i] = string(rune('A' + i))
	}
	eval.RegisterVar("letters", eval.NewStr(lower))
	eval.RegisterVar("LETTERS", eval.NewStr(upper))
	eval.RegisterVar("month.name", eval.NewStr([]string{"January", "February", "March", "April", "May", "June",
		"July", "August", "September", "October", "November", "December"}))
	eval.RegisterVar("month.abb", eval.NewStr([]string{"Jan", "Feb", "Mar", "Apr", "May", "Jun",
		"Jul", "Aug", "Sep", "Oct", "Nov", "Dec"}))
	eval.RegisterVar("T", eval.NewLgl1(1))
	eval.RegisterVar("F", eval.NewLgl1(0))
	names := []string{"double.eps", "double.neg.eps", "double.xmin", "double.xmax", "double.base",
		"double.digits", "double.rounding", "double.guard", "double.ulp.digits", "double.neg.ulp.digits",
		"double.exponent", "double.min.exp", "double.max.exp", "integer.max", "sizeof.long",
		"sizeof.longlong", "sizeof.longdouble", "sizeof.pointer", "sizeof.time_t",
		"longdouble.eps", "longdouble.neg.eps", "longdouble.digits"}
	vals := []eval.Value{
		eval.NewDouble1(dblEps), eval.NewDouble1(1.110223e-16), eval.NewDouble1(2.2250738585072014e-308),
		eval.NewDouble1(math.MaxFloat64), eval.NewInt1(2), eval.NewInt1(53), eval.NewInt1(5), eval.NewInt1(0),
		eval.NewInt1(-52), eval.NewInt1(-53), eval.NewInt1(11), eval.NewInt1(-1022), eval.NewInt1(1024),
		eval.NewInt1(math.MaxInt32), eval.NewInt1(8), eval.NewInt1(8), eval.NewInt1(16), eval.NewInt1(8),
		eval.NewInt1(8), eval.NewDouble1(1.084202172485504434e-19), eval.NewDouble1(5.42101086242752217e-20),
		eval.NewInt1(64),
	}
	vals[1] = eval.NewDouble1(math.Ldexp(1, -53))
	eval.RegisterVar(".Machine", eval.NewList(vals, names))
}
