package rfmt

import "math"

// powDi reproduces R_pow_di(x, n): x^n by repeated squaring (which is what
// R's round and signif use, so the rounding of 10^n must match).
func powDi(x float64, n int) float64 {
	if math.IsNaN(x) {
		return x
	}
	pow := 1.0
	if n == 0 {
		return pow
	}
	if math.IsInf(x, 0) {
		return math.Pow(x, float64(n))
	}
	neg := n < 0
	if neg {
		n = -n
	}
	for {
		if n&1 != 0 {
			pow *= x
		}
		n >>= 1
		if n == 0 {
			break
		}
		x *= x
	}
	if neg {
		pow = 1 / pow
	}
	return pow
}

// Round reproduces R (>= 4.0.0) round(x, digits): of the two candidates
// floor(x*10^d)/10^d and ceil(x*10^d)/10^d it returns the one closer to x
// in double arithmetic, ties to the even last digit; so round(0.15, 1) is
// 0.1 and round(2.675, 2) is 2.67 (their doubles lie below the midpoint),
// and round(0.5) is 0, round(2.5) is 2.
func Round(x, digits float64) float64 {
	const maxDigits = 308
	if math.IsNaN(x) || math.IsNaN(digits) {
		return x + digits
	}
	if math.IsInf(x, 0) || digits > maxDigits+15 || x == 0 {
		return x
	}
	if digits < -maxDigits {
		return 0
	}
	if digits == 0 {
		return math.RoundToEven(x)
	}
	dig := int(math.Floor(digits + 0.5))
	sgn := 1.0
	if x < 0 {
		sgn = -1
		x = -x
	}
	// ~ log10(x), as R computes it: x has no digits left to round
	if l10x := 0.301029995663981195213738894724493 * (0.5 + math.Logb(x)); l10x+float64(dig) > 15 {
		return sgn * x
	}
	var xd, xu, i10 float64
	if dig > 0 {
		p10 := powDi(10, dig)
		x10 := p10 * x
		i10 = math.Floor(x10)
		xd = i10 / p10
		xu = math.Ceil(x10) / p10
	} else {
		p10 := powDi(10, -dig)
		x10 := x / p10
		i10 = math.Floor(x10)
		xd = i10 * p10
		xu = math.Ceil(x10) * p10
	}
	du := xu - x
	dd := x - xd
	if dd < du || (dd == du && math.Mod(i10, 2) == 0) {
		return sgn * xd
	}
	return sgn * xu
}

const maxDigitsSignif = 22

// Signif reproduces R's signif(x, digits) (nmath fprec): x rounded to
// digits significant digits (1 <= digits <= 22; more returns x).
func Signif(x, digits float64) float64 {
	const maxDigits = 22
	max10e := int(float64(1024) * math.Log10(2)) // 308
	if math.IsNaN(x) || math.IsNaN(digits) {
		return x + digits
	}
	if math.IsInf(x, 0) {
		return x
	}
	if math.IsInf(digits, 0) {
		if digits > 0 {
			return x
		}
		digits = 1
	}
	if x == 0 {
		return x
	}
	dig := int(math.Round(digits))
	if dig > maxDigits {
		return x
	} else if dig < 1 {
		dig = 1
	}
	sgn := 1.0
	if x < 0 {
		sgn = -1
		x = -x
	}
	l10 := log10CR(x)
	e10 := dig - 1 - int(math.Floor(l10))
	if math.Abs(l10) < float64(max10e-2) {
		p10 := 1.0
		if e10 > max10e {
			p10 = powDi(10, e10-max10e)
			e10 = max10e
		}
		if e10 > 0 {
			pow10 := powDi(10, e10)
			return sgn * (math.RoundToEven(float64(x*pow10)*p10) / pow10) / p10
		}
		pow10 := powDi(10, -e10)
		return sgn * (math.RoundToEven(x/pow10) * pow10)
	}
	doRound := float64(max10e)-l10 >= powDi(10, -dig)
	e2 := dig - maxDigitsSignif
	if e10 > 0 {
		e2 = dig + maxDigitsSignif
	}
	p10 := powDi(10, e2)
	x *= p10
	P10 := powDi(10, e10-e2)
	x *= P10
	if doRound {
		x += 0.5
	}
	x = math.Floor(x) / p10
	return sgn * x / P10
}
