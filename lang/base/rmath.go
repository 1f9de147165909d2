package base

import "math"

// This file holds R's scalar numeric algorithms (nmath, arithmetic.c)
// rewritten in Go, with no dependence on the value types: the operators
// and math builtins call them element by element.

const (
	rIntMax = math.MaxInt32
	rIntMin = -math.MaxInt32 // math.MinInt32 is NA_integer_
	dblEps  = 2.220446049250313e-16
)

// rPow is R_pow, the double `^`.
func rPow(x, y float64) float64 {
	if y == 2 {
		return x * x
	}
	if x == 1 || y == 0 {
		return 1
	}
	if x == 0 {
		if y > 0 {
			return 0
		} else if y < 0 {
			return math.Inf(1)
		}
		return y
	}
	xf, yf := !math.IsInf(x, 0) && !math.IsNaN(x), !math.IsInf(y, 0) && !math.IsNaN(y)
	if xf && yf {
		return math.Pow(x, y)
	}
	if math.IsNaN(x) || math.IsNaN(y) {
		return x + y
	}
	if !xf {
		if x > 0 {
			if y < 0 {
				return 0
			}
			return math.Inf(1)
		}
		if yf && y == math.Floor(y) {
			if y < 0 {
				return 0
			}
			if rFmod(y, 2) != 0 {
				return x
			}
			return -x
		}
	}
	if !yf {
		if x >= 0 {
			if y > 0 {
				if x >= 1 {
					return math.Inf(1)
				}
				return 0
			}
			if x < 1 {
				return math.Inf(1)
			}
			return 0
		}
	}
	return math.NaN()
}

// rFmod is R's myfmod: x1 %% x2 for doubles, with the sign of x2.
func rFmod(x1, x2 float64) float64 {
	if x2 == 0 {
		return math.NaN()
	}
	if math.Abs(x2)*dblEps > 1 && !math.IsInf(x1, 0) && !math.IsNaN(x1) && math.Abs(x1) <= math.Abs(x2) {
		if math.Abs(x1) == math.Abs(x2) {
			return 0
		}
		if (x1 < 0 && x2 > 0) || (x2 < 0 && x1 > 0) {
			return x1 + x2
		}
		return x1
	}
	q := x1 / x2
	fq := math.Floor(q)
	tmp := math.FMA(-fq, x2, x1)
	return tmp - math.Floor(tmp/x2)*x2
}

// rFloorDiv is R's myfloor: x1 %/% x2 for doubles.
func rFloorDiv(x1, x2 float64) float64 {
	q := x1 / x2
	if x2 == 0 || math.Abs(q)*dblEps > 1 || math.IsInf(q, 0) || math.IsNaN(q) {
		return q
	}
	if math.Abs(q) < 1 {
		if q < 0 {
			return -1
		}
		if (x1 < 0 && x2 > 0) || (x1 > 0 && x2 < 0) {
			return -1
		}
		return 0
	}
	fq := math.Floor(q)
	tmp := math.FMA(-fq, x2, x1)
	return fq + math.Floor(tmp/x2)
}

func rForceInt(x float64) float64 { return math.RoundToEven(x) }

func rIsInt(x float64) bool {
	return math.Abs(x-rForceInt(x)) <= 1e-7*math.Max(1, math.Abs(x))
}

// rGamma is gammafn; ok is false when the result is NaN from a finite
// argument (R then warns "NaNs produced").
func rGamma(x float64) float64 {
	if math.IsNaN(x) {
		return x
	}
	if x == 0 || (x < 0 && x == math.Floor(x)) || math.IsInf(x, -1) {
		return math.NaN()
	}
	return math.Gamma(x)
}

func rLgamma(x float64) float64 {
	if math.IsNaN(x) {
		return x
	}
	if x <= 0 && x == math.Trunc(x) {
		return math.Inf(1)
	}
	v, _ := math.Lgamma(x)
	return v
}

func rLbeta(a, b float64) float64 {
	la, _ := math.Lgamma(a)
	lb, _ := math.Lgamma(b)
	lab, _ := math.Lgamma(a + b)
	return la + lb - lab
}

func rBeta(a, b float64) float64 {
	if math.IsNaN(a) || math.IsNaN(b) {
		return a + b
	}
	if a < 0 || b < 0 {
		return math.NaN()
	}
	if a == 0 || b == 0 {
		return math.Inf(1)
	}
	if math.IsInf(a, 0) || math.IsInf(b, 0) {
		return 0
	}
	if a+b < 171.61447887182298 {
		return (1 / math.Gamma(a+b)) * (math.Gamma(a) * math.Gamma(b))
	}
	return math.Exp(rLbeta(a, b))
}

func lfastchoose(n, k float64) float64 {
	return -math.Log(n+1) - rLbeta(n-k+1, k+1)
}

// rChoose is R's choose(n, k).
func rChoose(n, k float64) float64 {
	const kSmallMax = 30
	if math.IsNaN(n) || math.IsNaN(k) {
		return n + k
	}
	k = rForceInt(k)
	if k < kSmallMax {
		if n-k < k && n >= 0 && rIsInt(n) {
			k = rForceInt(n - k)
		}
		if k < 0 {
			return 0
		}
		if k == 0 {
			return 1
		}
		r := n
		for j := 2.0; j <= k; j++ {
			r *= (n - j + 1) / j
		}
		if rIsInt(n) {
			return rForceInt(r)
		}
		return r
	}
	if n < 0 {
		r := rChoose(-n+k-1, k)
		if math.Mod(k, 2) != 0 {
			r = -r
		}
		return r
	}
	if rIsInt(n) {
		n = rForceInt(n)
		if n < k {
			return 0
		}
		if n-k < kSmallMax {
			return rChoose(n, n-k)
		}
		return rForceInt(math.Exp(lfastchoose(n, k)))
	}
	if n < k-1 {
		// lfastchoose2: the sign comes from gamma(n-k+1).
		lg, sign := math.Lgamma(n - k + 1)
		a, _ := math.Lgamma(n + 1)
		b, _ := math.Lgamma(k + 1)
		return float64(sign) * math.Exp(a-b-lg)
	}
	return math.Exp(lfastchoose(n, k))
}
