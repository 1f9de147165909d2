package rfmt

import (
	"math"
	"math/bits"
)

// Fast exact emulation of the x87 long double steps of scientific():
// r_prec = r * 10^k or r / 10^k rounded to a 64-bit mantissa (ties to
// even), an optional *10, then nearbyintl. A long double here is m * 2^e
// with m < 2^64 (normalised: bit 63 set, or m == 0).

type ld struct {
	m uint64
	e int
}

var pow10u64 = func() [20]uint64 {
	var p [20]uint64
	p[0] = 1
	for i := 1; i < 20; i++ {
		p[i] = p[i-1] * 10
	}
	return p
}()

// round128 rounds (hi*2^64 + lo + f) * 2^e to a 64-bit mantissa, ties to
// even, where 0 < f < 1 when sticky (nonzero bits were discarded) and f = 0
// otherwise. Callers guarantee more than 64 significant bits when sticky.
func round128(hi, lo uint64, e int, sticky bool) ld {
	if hi == 0 {
		if lo == 0 {
			return ld{0, 0}
		}
		s := bits.LeadingZeros64(lo)
		return ld{lo << uint(s), e - s}
	}
	s := 64 - bits.LeadingZeros64(hi) // shift = bit length - 64, 1..64
	var m, rem, half uint64
	if s == 64 {
		m, rem, half = hi, lo, 1<<63
	} else {
		m = hi<<uint(64-s) | lo>>uint(s)
		rem = lo & (1<<uint(s) - 1)
		half = 1 << uint(s-1)
	}
	e += s
	if rem > half || (rem == half && (sticky || m&1 == 1)) {
		m++
		if m == 0 {
			m = 1 << 63
			e++
		}
	}
	return ld{m, e}
}

// ldFromFloat converts a positive finite double exactly.
func ldFromFloat(x float64) ld {
	fr, ex := math.Frexp(x) // x = fr * 2^ex, fr in [0.5, 1)
	m := uint64(fr * (1 << 53))
	s := bits.LeadingZeros64(m)
	return ld{m << uint(s), ex - 53 - s}
}

// mulPow10 returns x * 10^k (0 <= k <= 19) rounded to a long double.
func (x ld) mulPow10(k int) ld {
	hi, lo := bits.Mul64(x.m, pow10u64[k])
	return round128(hi, lo, x.e, false)
}

// divPow10 returns x / 10^k (1 <= k <= 19) rounded to a long double.
func (x ld) divPow10(k int) ld {
	d := pow10u64[k]
	// long division of x.m * 2^128 by d: q2 q1 q0 (q2 <= 1 word)
	q2, r2 := bits.Div64(0, x.m, d)
	q1, r1 := bits.Div64(r2, 0, d)
	q0, r0 := bits.Div64(r1, 0, d)
	if q2 != 0 {
		// 65..128 significant bits in q2:q1; q0, r0 are sticky
		return round128(q2, q1, x.e-64, q0 != 0 || r0 != 0)
	}
	return round128(q1, q0, x.e-128, r0 != 0)
}

// lessThanInt reports x < v for an integer v < 2^63.
func (x ld) lessThanInt(v uint64) bool {
	if x.m == 0 {
		return v > 0
	}
	if x.e >= 0 {
		return false // x >= 2^63
	}
	if -x.e >= 64 {
		return v > 0 // x < 1
	}
	return x.m>>uint(-x.e) < v // x < v iff floor(x) < v
}

// nearbyint rounds x to an integer, ties to even (x < 2^63 assumed).
func (x ld) nearbyint() float64 {
	if x.e >= 0 {
		return math.Ldexp(float64(x.m), x.e)
	}
	if -x.e > 64 {
		return 0
	}
	var ip, frac, half uint64
	if -x.e == 64 {
		ip, frac, half = 0, x.m, 1<<63
	} else {
		sh := uint(-x.e)
		ip = x.m >> sh
		frac = x.m & (1<<sh - 1)
		half = 1 << (sh - 1)
	}
	if frac > half || (frac == half && ip&1 == 1) {
		ip++
	}
	return float64(ip)
}

// scaledAlpha computes, for 1 <= digits <= 15 and |kp| <= 19, the
// (kp', alpha) that scientific() gets from long double arithmetic; ok is
// false when the fast path does not apply.
func scaledAlpha(r float64, kp, digits int) (int, float64, bool) {
	if kp < -19 || kp > 19 || digits < 1 || digits > 15 || r < 2.2250738585072014e-308 {
		return 0, 0, false
	}
	x := ldFromFloat(r)
	switch {
	case kp > 0:
		x = x.divPow10(kp)
	case kp < 0:
		x = x.mulPow10(-kp)
	}
	if x.lessThanInt(pow10u64[digits-1]) {
		x = x.mulPow10(1)
		kp--
	}
	return kp, x.nearbyint(), true
}
