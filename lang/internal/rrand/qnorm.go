package rrand

import (
	"math"

	"torchr/internal/libm"
)

// QNorm reproduces R's qnorm(p, mean, sd, lower.tail, log.p) (qnorm5 in
// nmath, Wichura's algorithm AS 241), which norm_rand's INVERSION method
// relies on. Out-of-range p gives NaN; p at the boundaries gives -Inf/Inf.
func QNorm(p, mu, sigma float64, lowerTail, logP bool) float64 {
	if math.IsNaN(p) || math.IsNaN(mu) || math.IsNaN(sigma) {
		return p + mu + sigma
	}
	// R_Q_P01_boundaries(p, -Inf, Inf)
	left, right := math.Inf(-1), math.Inf(1)
	if logP {
		if p > 0 {
			return math.NaN()
		}
		if p == 0 {
			if lowerTail {
				return right
			}
			return left
		}
		if math.IsInf(p, -1) {
			if lowerTail {
				return left
			}
			return right
		}
	} else {
		if p < 0 || p > 1 {
			return math.NaN()
		}
		if p == 0 {
			if lowerTail {
				return left
			}
			return right
		}
		if p == 1 {
			if lowerTail {
				return right
			}
			return left
		}
	}
	if sigma < 0 {
		return math.NaN()
	}
	if sigma == 0 {
		return mu
	}

	// p_ = R_DT_qIv(p): the lower-tail probability
	var p_ float64
	switch {
	case logP && lowerTail:
		p_ = math.Exp(p)
	case logP:
		p_ = -math.Expm1(p)
	case lowerTail:
		p_ = p
	default:
		p_ = 0.5 - p + 0.5
	}
	q := p_ - 0.5
	var r, val float64
	if math.Abs(q) <= .425 {
		r = .180625 - q*q
		val = q * horner(r, 2509.0809287301226727, 33430.575583588128105,
			67265.770927008700853, 45921.953931549871457, 13731.693765509461125,
			1971.5909503065514427, 133.14166789178437745, 3.387132872796366608) /
			horner(r, 5226.495278852854561, 28729.085735721942674,
				39307.89580009271061, 21213.794301586595867, 5394.1960214247511077,
				687.1870074920579083, 42.313330701600911252, 1.)
		return mu + float64(sigma*val)
	}
	// r = min(p, 1-p) < 0.075
	if q < 0 {
		r = p_
	} else {
		// R_DT_CIv(p)
		switch {
		case logP && lowerTail:
			r = -math.Expm1(p)
		case logP:
			r = math.Exp(p)
		case lowerTail:
			r = 0.5 - p + 0.5
		default:
			r = p
		}
	}
	if logP && ((lowerTail && q <= 0) || (!lowerTail && q > 0)) {
		r = math.Sqrt(-p)
	} else {
		r = math.Sqrt(-libm.Log(r))
	}
	if r <= 5. {
		r += -1.6
		val = horner(r, 7.7454501427834140764e-4, .0227238449892691845833,
			.24178072517745061177, 1.27045825245236838258, 3.64784832476320460504,
			5.7694972214606914055, 4.6303378461565452959, 1.42343711074968357734) /
			horner(r, 1.05075007164441684324e-9, 5.475938084995344946e-4,
				.0151986665636164571966, .14810397642748007459, .68976733498510000455,
				1.6763848301838038494, 2.05319162663775882187, 1.)
	} else if logP && r >= 816 {
		val = r * math.Sqrt2
	} else {
		r += -5.
		val = horner(r, 2.01033439929228813265e-7, 2.71155556874348757815e-5,
			.0012426609473880784386, .026532189526576123093, .29656057182850489123,
			1.7848265399172913358, 5.4637849111641143699, 6.6579046435011037772) /
			horner(r, 2.04426310338993978564e-15, 1.4215117583164458887e-7,
				1.8463183175100546818e-5, 7.868691311456132591e-4, .0148753612908506148525,
				.13692988092273580531, .59983220655588793769, 1.)
	}
	if q < 0.0 {
		val = -val
	}
	return mu + float64(sigma*val)
}

// horner evaluates ((c[0]*x + c[1])*x + c[2])... rounding every product to
// float64 (the explicit conversion forbids fused multiply-add), as R's C
// code does on x86-64.
func horner(x float64, c ...float64) float64 {
	v := c[0]
	for _, ci := range c[1:] {
		v = float64(v*x) + ci
	}
	return v
}
