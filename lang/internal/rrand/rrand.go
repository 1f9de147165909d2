// Package rrand reproduces GNU R's default random number generation bit
// for bit: RNGkind("Mersenne-Twister", "Inversion", "Rejection").
//
// It knows nothing about interpreter values; it works on Go numbers and
// slices. Each RNG value is an independent generator (one per interpreter
// session), so two sessions never share state.
//
// What it reproduces:
//   - set.seed(seed): R's initial scrambling of the seed with the 69069 LCG
//     and FixupSeeds (RNG_Init in R's src/main/RNG.c);
//   - unif_rand(): Mersenne-Twister MT19937 as R runs it (dummy[0] = mti),
//     with fixup() keeping values in the open interval (0, 1);
//   - norm_rand(): the INVERSION method (two uniforms combined with
//     BIG = 2^27, then qnorm5);
//   - exp_rand(): Ahrens & Dieter (1972) as in R's sexp.c;
//   - R_unif_index(): sample.kind = "Rejection" (R >= 3.6.0);
//   - sample()/sample.int(): uniform with and without replacement, the
//     hashed path for large n, ProbSampleReplace, Walker's alias method,
//     ProbSampleNoReplace;
//   - runif(), rnorm(), rexp() element generators.
package rrand

import (
	"errors"
	"math"
	"os"
	"time"
)

const (
	mtN         = 624
	mtM         = 397
	matrixA     = 0x9908b0df
	upperMask   = 0x80000000
	lowerMask   = 0x7fffffff
	temperingB  = 0x9d2c5680
	temperingC  = 0xefc60000
	i2_32m1     = 2.328306437080797e-10 // 1/(2^32 - 1)
	big         = 134217728             // 2^27, used by norm_rand's INVERSION
	kindsMTInvR = 3 + 100*4 + 10000*1   // .Random.seed[1]: MT (3), Inversion (4), Rejection (1)
)

// RNG is one GNU R random number generator state (the equivalent of
// .Random.seed for the default kinds). The zero value is not seeded; use New.
type RNG struct {
	// seed is R's dummy[] array: seed[0] is mti, seed[1:] the MT state.
	seed [mtN + 1]uint32
	// rounding is sample.kind = "Rounding" (R < 3.6.0 sampling).
	rounding bool
}

// SetSampleKind selects R's sample.kind: "Rejection" (the default, R >=
// 3.6.0) or, with rounding = true, "Rounding" (set.seed(s, sample.kind =
// "Rounding"), reproducing R < 3.6.0 sample()). The setting survives
// SetSeed, as in R.
func (r *RNG) SetSampleKind(rounding bool) { r.rounding = rounding }

// SampleKindRounding reports whether sample.kind is "Rounding".
func (r *RNG) SampleKindRounding() bool { return r.rounding }

// SeedFromDouble converts set.seed's argument as R's asInteger does:
// truncation toward zero; NaN or out of the int range is not a valid seed
// (R: "supplied seed is not a valid integer").
func SeedFromDouble(x float64) (int32, bool) {
	if math.IsNaN(x) || x >= 2147483648 || x <= -2147483649 {
		return 0, false
	}
	v := int64(x) // truncates toward zero
	if v == math.MinInt32 {
		return 0, false // NA_integer_
	}
	return int32(v), true
}

// New returns a generator seeded the way R seeds itself when there is no
// .Random.seed: from the time of day and the process id (TimeToSeed).
func New() *RNG {
	r := &RNG{}
	r.SetSeed(int32(TimeToSeed()))
	return r
}

// Randomize re-seeds from the clock and process id, as set.seed(NULL)
// does.
func (r *RNG) Randomize() { r.SetSeed(int32(TimeToSeed())) }

// NewSeeded returns a generator in the state set.seed(seed) leaves.
func NewSeeded(seed int32) *RNG {
	r := &RNG{}
	r.SetSeed(seed)
	return r
}

// TimeToSeed reproduces R's TimeToSeed(): microseconds and seconds of the
// current time mixed with the process id. It is what set.seed(NULL) and an
// unseeded session use.
func TimeToSeed() uint32 {
	now := time.Now()
	sec := uint64(now.Unix())
	usec := uint64(now.Nanosecond() / 1000)
	seed := uint32((usec << 16) ^ sec)
	pid := uint32(os.Getpid())
	seed ^= pid << 16
	return seed
}

// SetSeed reproduces set.seed(seed) for the default generator kinds
// (RNG_Init: 50 rounds of seed = 69069*seed+1, then the 625 words of
// .Random.seed[-1] filled from the same LCG, then FixupSeeds).
func (r *RNG) SetSeed(seed int32) {
	s := uint32(seed)
	for j := 0; j < 50; j++ {
		s = 69069*s + 1
	}
	for j := 0; j < mtN+1; j++ {
		s = 69069*s + 1
		r.seed[j] = s
	}
	r.fixupSeeds(true)
}

// fixupSeeds is R's FixupSeeds for MERSENNE_TWISTER.
func (r *RNG) fixupSeeds(initial bool) {
	if initial {
		r.seed[0] = mtN
	}
	if int32(r.seed[0]) <= 0 {
		r.seed[0] = mtN
	}
	for j := 1; j <= mtN; j++ {
		if r.seed[j] != 0 {
			return
		}
	}
	// all zero: R re-randomizes from the clock
	r.SetSeed(int32(TimeToSeed()))
}

// State returns what R stores in .Random.seed: 626 integers, the first
// being the kind code 10403 (Mersenne-Twister, Inversion, Rejection).
func (r *RNG) State() []int32 {
	out := make([]int32, mtN+2)
	out[0] = kindsMTInvR
	if r.rounding {
		out[0] = kindsMTInvR - 10000
	}
	for i, v := range r.seed {
		out[i+1] = int32(v)
	}
	return out
}

// SetState restores a state produced by State (assigning .Random.seed).
// It accepts the 626-integer form with kind code 10403 and applies R's
// FixupSeeds; anything else is an error.
func (r *RNG) SetState(s []int32) error {
	if len(s) < 1 || (s[0] != kindsMTInvR && s[0] != kindsMTInvR-10000) {
		return errors.New("'.Random.seed' is not a valid Mersenne-Twister/Inversion state")
	}
	r.rounding = s[0] != kindsMTInvR
	if len(s) != mtN+2 {
		return errors.New("'.Random.seed' has wrong length")
	}
	for i := range r.seed {
		r.seed[i] = uint32(s[i+1])
	}
	r.fixupSeeds(false)
	return nil
}

// mtGenrand is R's MT_genrand(): one tempered 32-bit word scaled to [0,1).
func (r *RNG) mtGenrand() float64 {
	mt := r.seed[1:]
	mti := int(int32(r.seed[0]))
	if mti >= mtN {
		if mti == mtN+1 {
			r.sgenrand(4357)
		}
		var kk int
		for kk = 0; kk < mtN-mtM; kk++ {
			y := (mt[kk] & upperMask) | (mt[kk+1] & lowerMask)
			mt[kk] = mt[kk+mtM] ^ (y >> 1) ^ ((y & 1) * matrixA)
		}
		for ; kk < mtN-1; kk++ {
			y := (mt[kk] & upperMask) | (mt[kk+1] & lowerMask)
			mt[kk] = mt[kk+(mtM-mtN)] ^ (y >> 1) ^ ((y & 1) * matrixA)
		}
		y := (mt[mtN-1] & upperMask) | (mt[0] & lowerMask)
		mt[mtN-1] = mt[mtM-1] ^ (y >> 1) ^ ((y & 1) * matrixA)
		mti = 0
	}
	y := mt[mti]
	mti++
	y ^= y >> 11
	y ^= (y << 7) & temperingB
	y ^= (y << 15) & temperingC
	y ^= y >> 18
	r.seed[0] = uint32(mti)
	return float64(y) * 2.3283064365386963e-10
}

// sgenrand is R's MT_sgenrand (only reached if the state says mti == N+1).
func (r *RNG) sgenrand(seed uint32) {
	mt := r.seed[1:]
	for i := 0; i < mtN; i++ {
		mt[i] = seed & 0xffff0000
		seed = 69069*seed + 1
		mt[i] |= (seed & 0xffff0000) >> 16
		seed = 69069*seed + 1
	}
	r.seed[0] = mtN
}

// Unif reproduces R's unif_rand(): a uniform on the open interval (0, 1).
func (r *RNG) Unif() float64 {
	x := r.mtGenrand()
	if x <= 0 {
		return 0.5 * i2_32m1
	}
	if 1-x <= 0 {
		return 1 - 0.5*i2_32m1
	}
	return x
}

// Norm reproduces R's norm_rand() with the default INVERSION method.
func (r *RNG) Norm() float64 {
	u := r.Unif()
	u = float64(int32(big*u)) + r.Unif()
	return QNorm(u/big, 0, 1, true, false)
}

var expQ = [...]float64{
	0.6931471805599453,
	0.9333736875190459,
	0.9888777961838675,
	0.9984959252914960040,
	0.9998292811061389,
	0.9999833164100727,
	0.9999985691438767,
	0.9999998906925558,
	0.9999999924734159,
	0.9999999995283275,
	0.9999999999728814,
	0.9999999999985598,
	0.9999999999999289,
	0.9999999999999968,
	0.9999999999999999,
	1.0000000000000000,
}

// Exp reproduces R's exp_rand(): a standard exponential variate
// (Ahrens & Dieter 1972, algorithm SA).
func (r *RNG) Exp() float64 {
	a := 0.0
	u := r.Unif()
	for u <= 0 || u >= 1 {
		u = r.Unif()
	}
	for {
		u += u
		if u > 1 {
			break
		}
		a += expQ[0]
	}
	u -= 1
	if u <= expQ[0] {
		return a + u
	}
	i := 0
	ustar := r.Unif()
	umin := ustar
	for {
		ustar = r.Unif()
		if umin > ustar {
			umin = ustar
		}
		i++
		if u <= expQ[i] {
			break
		}
	}
	return a + float64(umin*expQ[0])
}

// rbits is R's rbits(): a non-negative integer below 2^bits, built from
// 16-bit chunks of unif_rand().
func (r *RNG) rbits(bits int) float64 {
	var v uint64
	for n := 0; n <= bits; n += 16 {
		v1 := uint64(int(math.Floor(r.Unif() * 65536)))
		v = 65536*v + v1
	}
	return float64(v & ((uint64(1) << uint(bits)) - 1))
}

// UnifIndex reproduces R_unif_index(dn): a uniformly distributed integer in
// [0, dn), returned as a double; with sample.kind = "Rejection" by
// rejection sampling of rbits, with "Rounding" as floor(dn * unif_rand()).
func (r *RNG) UnifIndex(dn float64) float64 {
	if r.rounding {
		var u float64
		if dn > math.MaxInt32 {
			// ru(): more bits for large n
			const U = 33554432.0
			u = (math.Floor(U*r.Unif()) + r.Unif()) / U
		} else {
			u = r.Unif()
		}
		return math.Floor(dn * u)
	}
	if dn <= 0 {
		return 0
	}
	bits := int(math.Ceil(math.Log2(dn)))
	for {
		dv := r.rbits(bits)
		if dn > dv {
			return dv
		}
	}
}

// Runif reproduces one draw of R's runif(1, a, b) (nmath runif): NaN if a
// or b is not finite or b < a, a if a == b, else a + (b-a)*unif_rand().
func (r *RNG) Runif(a, b float64) float64 {
	if math.IsInf(a, 0) || math.IsNaN(a) || math.IsInf(b, 0) || math.IsNaN(b) || b < a {
		return math.NaN()
	}
	if a == b {
		return a
	}
	u := r.Unif()
	for u <= 0 || u >= 1 {
		u = r.Unif()
	}
	return a + float64((b-a)*u)
}

// Rnorm reproduces one draw of R's rnorm(1, mu, sigma) (nmath rnorm): NaN
// if mu is NaN or sigma is not finite or negative, mu if sigma == 0 or mu
// is infinite, else mu + sigma*norm_rand().
func (r *RNG) Rnorm(mu, sigma float64) float64 {
	if math.IsNaN(mu) || math.IsInf(sigma, 0) || math.IsNaN(sigma) || sigma < 0 {
		return math.NaN()
	}
	if sigma == 0 || math.IsInf(mu, 0) {
		return mu
	}
	return mu + float64(sigma*r.Norm())
}

// Rexp reproduces one draw of R's rexp(1, rate) (nmath rexp with
// scale = 1/rate): 0 for an infinite rate, NaN for a non-positive or NaN
// rate, else exp_rand()/rate.
func (r *RNG) Rexp(rate float64) float64 {
	scale := 1 / rate
	if math.IsInf(scale, 0) || math.IsNaN(scale) || scale <= 0 {
		if scale == 0 {
			return 0
		}
		return math.NaN()
	}
	return scale * r.Exp()
}

// RunifN is runif(n, a, b) for scalar a and b. R warns "NAs produced" when
// any result is NaN; the second result reports that.
func (r *RNG) RunifN(n int, a, b float64) ([]float64, bool) {
	out := make([]float64, n)
	na := false
	for i := range out {
		out[i] = r.Runif(a, b)
		if math.IsNaN(out[i]) {
			na = true
		}
	}
	return out, na
}

// RnormN is rnorm(n, mean, sd) for scalar mean and sd; the second result
// reports whether R would warn "NAs produced".
func (r *RNG) RnormN(n int, mean, sd float64) ([]float64, bool) {
	out := make([]float64, n)
	na := false
	for i := range out {
		out[i] = r.Rnorm(mean, sd)
		if math.IsNaN(out[i]) {
			na = true
		}
	}
	return out, na
}

// RexpN is rexp(n, rate) for a scalar rate; the second result reports
// whether R would warn "NAs produced".
func (r *RNG) RexpN(n int, rate float64) ([]float64, bool) {
	out := make([]float64, n)
	na := false
	for i := range out {
		out[i] = r.Rexp(rate)
		if math.IsNaN(out[i]) {
			na = true
		}
	}
	return out, na
}
