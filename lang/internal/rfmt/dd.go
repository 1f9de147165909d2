package rfmt

import "math"

// R decides a number's decimal exponent with floor(log10(x)) from glibc,
// which is (practically) correctly rounded; Go's math.Log10 is not (it
// gives 2.9999999999999996 for 1000). log10CR computes log10 in
// double-double arithmetic and rounds once.

type dd struct{ hi, lo float64 }

func twoSum(a, b float64) dd {
	s := a + b
	bb := s - a
	e := (a - (s - bb)) + (b - bb)
	return dd{s, e}
}

func quickTwoSum(a, b float64) dd {
	s := a + b
	return dd{s, b - (s - a)}
}

func twoProd(a, b float64) dd {
	p := a * b
	return dd{p, math.FMA(a, b, -p)}
}

func ddAdd(a, b dd) dd {
	s := twoSum(a.hi, b.hi)
	t := twoSum(a.lo, b.lo)
	s.lo += t.hi
	s = quickTwoSum(s.hi, s.lo)
	s.lo += t.lo
	return quickTwoSum(s.hi, s.lo)
}

func ddMul(a, b dd) dd {
	p := twoProd(a.hi, b.hi)
	p.lo += a.hi*b.lo + a.lo*b.hi
	return quickTwoSum(p.hi, p.lo)
}

// ddDiv returns a/b for a double a and a double-double b.
func ddDiv(a float64, b dd) dd {
	q1 := a / b.hi
	// r = a - q1*b
	r := ddAdd(dd{a, 0}, ddMul(dd{-q1, 0}, b))
	q2 := r.hi / b.hi
	r = ddAdd(r, ddMul(dd{-q2, 0}, b))
	q3 := r.hi / b.hi
	q := quickTwoSum(q1, q2)
	return ddAdd(q, dd{q3, 0})
}

var (
	ln2dd = dd{0.6931471805599453, 2.3190468138462996e-17}
	// invOdd[k] = 1/(2k+1) as double-double
	invOdd [24]dd
)

func init() {
	for k := range invOdd {
		invOdd[k] = ddDiv(1, dd{float64(2*k + 1), 0})
	}
}

// log10CR is log10(x) correctly rounded (up to a ~2^-100 relative error
// before the final rounding).
func log10CR(x float64) float64 {
	switch {
	case math.IsNaN(x) || x < 0:
		return math.NaN()
	case x == 0:
		return math.Inf(-1)
	case math.IsInf(x, 1):
		return x
	case x == 1:
		return 0
	}
	m, e := math.Frexp(x)
	if m < math.Sqrt2/2 {
		m *= 2
		e--
	}
	num := m - 1
	s := ddDiv(num, twoSum(m, 1))
	t := ddMul(s, s)
	sum := invOdd[len(invOdd)-1]
	for k := len(invOdd) - 2; k >= 0; k-- {
		sum = ddAdd(ddMul(sum, t), invOdd[k])
	}
	lm := ddMul(sum, s)
	lm = dd{2 * lm.hi, 2 * lm.lo}
	if e != 0 {
		fe := float64(e)
		el := twoProd(fe, ln2dd.hi)
		el = ddAdd(el, dd{fe * ln2dd.lo, 0})
		lm = ddAdd(el, lm)
	}
	// divide by ln(10)
	r := ddMul(lm, invLn10)
	return r.hi + r.lo
}

var invLn10 = ddDiv(1, dd{2.302585092994046, -2.1707562233822494e-16})
