package base

// rbinom and rpois. For the common small cases they follow R's nmath
// algorithms draw for draw (binomial inversion when n*p < 30, the
// table-lookup inversion for Poisson means below 10), so set.seed gives
// GNU R's numbers. Larger parameters use Hörmann's transformed-rejection
// samplers (BTRS, PTRS): the distribution is exact but the stream differs
// from R's BTPE / Ahrens-Dieter code.

import (
	"math"

	"torchr/lang/eval"
	"torchr/lang/internal/rrand"
)

// rbinom1 draws one binomial(n, pp) variate; NaN for invalid parameters.
func rbinom1(r *rrand.RNG, nin, pp float64) float64 {
	if math.IsInf(nin, 0) || nin != nin || pp != pp || math.IsInf(pp, 0) {
		return math.NaN()
	}
	rn := math.Round(nin)
	if rn != nin || rn < 0 || pp < 0 || pp > 1 {
		return math.NaN()
	}
	if rn == 0 || pp == 0 {
		return 0
	}
	if pp == 1 {
		return rn
	}
	n := int(rn)
	p := math.Min(pp, 1-pp)
	q := 1 - p
	np := float64(n) * p
	var ix int
	if np < 30 {
		qn := math.Pow(q, float64(n))
		rr := p / q
		g := rr * float64(n+1)
	outer:
		for {
			ix = 0
			f := qn
			u := r.Unif()
			for {
				if u < f {
					break outer
				}
				if ix > 110 {
					break
				}
				u -= f
				ix++
				f *= g/float64(ix) - rr
			}
		}
	} else {
		ix = btrs(r, n, p)
	}
	if pp > 0.5 {
		ix = n - ix
	}
	return float64(ix)
}

func lfact(k float64) float64 {
	v, _ := math.Lgamma(k + 1)
	return v
}

// btrs is Hörmann's BTRS binomial sampler (p <= 0.5, n*p >= 10).
func btrs(r *rrand.RNG, n int, p float64) int {
	q := 1 - p
	nf := float64(n)
	spq := math.Sqrt(nf * p * q)
	b := 1.15 + 2.53*spq
	a := -0.0873 + 0.0248*b + 0.01*p
	c := nf*p + 0.5
	vr := 0.92 - 4.2/b
	alpha := (2.83 + 5.1/b) * spq
	lpq := math.Log(p / q)
	m := math.Floor((nf + 1) * p)
	h := lfact(m) + lfact(nf-m)
	for {
		u := r.Unif() - 0.5
		v := r.Unif()
		us := 0.5 - math.Abs(u)
		k := math.Floor((2*a/us+b)*u + c)
		if k < 0 || k > nf {
			continue
		}
		if us >= 0.07 && v <= vr {
			return int(k)
		}
		v = math.Log(v * alpha / (a/(us*us) + b))
		if v <= h-lfact(k)-lfact(nf-k)+(k-m)*lpq {
			return int(k)
		}
	}
}

// rpois1 draws one Poisson(mu) variate; NaN for invalid mu.
func rpois1(r *rrand.RNG, mu float64) float64 {
	if mu != mu || math.IsInf(mu, 0) || mu < 0 {
		return math.NaN()
	}
	if mu == 0 {
		return 0
	}
	if mu >= 10 {
		return ptrs(r, mu)
	}
	// R's case B: inversion against the cumulative table pp[1..35].
	p0 := math.Exp(-mu)
	for {
		u := r.Unif()
		if u <= p0 {
			return 0
		}
		p, q := p0, p0
		for k := 1; k <= 35; k++ {
			p *= mu / float64(k)
			q += p
			if u <= q {
				return float64(k)
			}
		}
	}
}

// ptrs is Hörmann's PTRS Poisson sampler (mu >= 10).
func ptrs(r *rrand.RNG, mu float64) float64 {
	smu := math.Sqrt(mu)
	b := 0.931 + 2.53*smu
	a := -0.059 + 0.02483*b
	invAlpha := 1.1239 + 1.1328/(b-3.4)
	vr := 0.9277 - 3.6224/(b-2)
	lmu := math.Log(mu)
	for {
		u := r.Unif() - 0.5
		v := r.Unif()
		us := 0.5 - math.Abs(u)
		k := math.Floor((2*a/us+b)*u + mu + 0.43)
		if us >= 0.07 && v <= vr {
			return k
		}
		if k < 0 || (us < 0.013 && v > us) {
			continue
		}
		if math.Log(v)+math.Log(invAlpha)-math.Log(a/(us*us)+b) <= -mu+k*lmu-lfact(k) {
			return k
		}
	}
}

// intResult returns draws as an integer vector (R's rbinom/rpois), or as
// doubles when a value does not fit.
func intResult(c *eval.Frame, d []float64) (eval.Value, error) {
	nan := false
	fits := true
	for _, x := range d {
		if x != x {
			nan = true
		} else if x > math.MaxInt32 {
			fits = false
		}
	}
	if nan {
		if err := c.Warningf("NAs produced"); err != nil {
			return nil, err
		}
	}
	if !fits {
		return eval.NewDouble(d), nil
	}
	r := make([]int32, len(d))
	for i, x := range d {
		if x != x {
			r[i] = eval.NAInt
		} else {
			r[i] = int32(x)
		}
	}
	return eval.NewInt(r), nil
}

func init() {
	eval.RegisterAll(
		&eval.Builtin{Name: "rbinom", Formals: []string{"n", "size", "prob"}, Fn: func(c *eval.Frame, a []eval.Value) (eval.Value, error) {
			n, err := countArg(c, a[0])
			if err != nil {
				return nil, err
			}
			size, err := numVec(c, a[1], "size")
			if err != nil {
				return nil, err
			}
			prob, err := numVec(c, a[2], "prob")
			if err != nil {
				return nil, err
			}
			out := make([]float64, n)
			r := sessionRNG(c.In)
			for i := range out {
				if len(size) == 0 || len(prob) == 0 {
					out[i] = math.NaN()
					continue
				}
				out[i] = rbinom1(r, size[i%len(size)], prob[i%len(prob)])
			}
			return intResult(c, out)
		}},
		&eval.Builtin{Name: "rpois", Formals: []string{"n", "lambda"}, Fn: func(c *eval.Frame, a []eval.Value) (eval.Value, error) {
			n, err := countArg(c, a[0])
			if err != nil {
				return nil, err
			}
			lambda, err := numVec(c, a[1], "lambda")
			if err != nil {
				return nil, err
			}
			out := make([]float64, n)
			r := sessionRNG(c.In)
			for i := range out {
				if len(lambda) == 0 {
					out[i] = math.NaN()
					continue
				}
				out[i] = rpois1(r, lambda[i%len(lambda)])
			}
			return intResult(c, out)
		}},
	)
}
