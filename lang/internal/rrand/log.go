package rrand

import "math"

// Go's math.Log is accurate to about 1 ulp but not correctly rounded, while
// glibc's log (which GNU R calls) is within 0.52 ulp. glibcLog reproduces
// glibc bit for bit for normal arguments; logCR, log in double-double
// arithmetic (about 100 bits) rounded once, covers the rest.

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

// logCR is log(x) rounded to nearest (up to a ~2^-100 relative error before
// rounding), matching glibc's log.
func logCR(x float64) float64 {
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
	m, e := math.Frexp(x) // x = m * 2^e, m in [0.5, 1)
	if m < math.Sqrt2/2 {
		m *= 2
		e--
	}
	// log(m) = 2 atanh(s), s = (m-1)/(m+1), |s| <= 0.1716
	num := m - 1 // exact
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
	return lm.hi + lm.lo
}
