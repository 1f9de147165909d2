package rng

import "math"

// Single-precision log, sin and cos exactly as the AVX2 build of ATen
// computes them in its vectorised normal sampler (avx_mathfun.h: Cephes
// polynomials, after Julien Pommier's sse_mathfun). Each lane of the AVX2
// code is an independent float32 computation, so a scalar Go rendering of
// the same operation sequence reproduces it bit for bit. Products are
// wrapped in float32(...) so that Go never fuses them into FMAs.

const (
	cephesSQRTHF = float32(0.707106781186547524)
	logP0        = float32(7.0376836292e-2)
	logP1        = float32(-1.1514610310e-1)
	logP2        = float32(1.1676998740e-1)
	logP3        = float32(-1.2420140846e-1)
	logP4        = float32(+1.4249322787e-1)
	logP5        = float32(-1.6668057665e-1)
	logP6        = float32(+2.0000714765e-1)
	logP7        = float32(-2.4999993993e-1)
	logP8        = float32(+3.3333331174e-1)
	logQ1        = float32(-2.12194440e-4)
	logQ2        = float32(0.693359375)

	minusDP1   = float32(-0.78515625)
	minusDP2   = float32(-2.4187564849853515625e-4)
	minusDP3   = float32(-3.77489497744594108e-8)
	sincofP0   = float32(-1.9515295891e-4)
	sincofP1   = float32(8.3321608736e-3)
	sincofP2   = float32(-1.6666654611e-1)
	coscofP0   = float32(2.443315711809948e-005)
	coscofP1   = float32(-1.388731625493765e-003)
	coscofP2   = float32(4.166664568298827e-002)
	cephesFOPI = float32(1.27323954473516) // 4/pi

	minNormPos = float32(1.17549435e-38) // smallest normal float32
)

// mulAdd32 is a*b+c in float32 with the product rounded first, or, when
// fuse is set, with a single rounding (an FMA).
func mulAdd32(a, b, c float32) float32 {
	if fuseAVX {
		return fma32(a, b, c)
	}
	return float32(a*b) + c
}

// fma32 returns a*b+c rounded once to float32.
func fma32(a, b, c float32) float32 {
	p := float64(a) * float64(b) // exact: 48 significant bits at most
	cc := float64(c)
	s := p + cc
	// Rounding s to float32 is a second rounding; it can only differ from
	// rounding the exact sum when s lies exactly halfway between two
	// float32 values, which the low 29 bits of s reveal.
	if math.Float64bits(s)&(1<<29-1) != 1<<28 {
		return float32(s)
	}
	bb := s - p
	err := (p - (s - bb)) + (cc - bb) // exact error of p + cc (TwoSum)
	if err > 0 {
		s = math.Nextafter(s, math.Inf(1))
	} else if err < 0 {
		s = math.Nextafter(s, math.Inf(-1))
	}
	return float32(s)
}

// avxLog is log256_ps for one lane. Inputs are in (0, 1] here.
func avxLog(x float32) float32 {
	invalid := x <= 0
	if !(x >= minNormPos) { // _mm256_max_ps(x, min_norm_pos)
		x = minNormPos
	}
	bits := math.Float32bits(x)
	imm0 := int32(bits>>23) - 0x7f
	x = math.Float32frombits(bits&^0x7f800000 | math.Float32bits(0.5))
	e := float32(imm0) + 1
	var tmp float32
	mask := x < cephesSQRTHF
	if mask {
		tmp = x
	}
	x = x - 1
	if mask {
		e = e - 1
	}
	x = x + tmp
	z := float32(x * x)
	y := logP0
	y = mulAdd32(y, x, logP1)
	y = mulAdd32(y, x, logP2)
	y = mulAdd32(y, x, logP3)
	y = mulAdd32(y, x, logP4)
	y = mulAdd32(y, x, logP5)
	y = mulAdd32(y, x, logP6)
	y = mulAdd32(y, x, logP7)
	y = mulAdd32(y, x, logP8)
	y = float32(y * x)
	// GCC contracts y*z + e*q1 with the first product fused and the second
	// rounded (each product is fused into its single add/sub use, in
	// statement order, when fusing is on).
	y = mulAdd32(y, z, float32(e*logQ1))
	y = mulSub32(z, 0.5, y) // y - z*0.5
	x = x + y
	x = mulAdd32(e, logQ2, x)
	if invalid {
		return float32(math.NaN())
	}
	return x
}

// mulSub32 is c - a*b (a product subtracted from c), fused like mulAdd32.
func mulSub32(a, b, c float32) float32 {
	if fuseAVX {
		return fma32(-a, b, c)
	}
	return c - float32(a*b)
}

// avxSinCos is sincos256_ps for one lane.
func avxSinCos(x float32) (s, c float32) {
	signSin := math.Float32bits(x) & 0x80000000
	x = math.Float32frombits(math.Float32bits(x) &^ 0x80000000)
	y := float32(x * cephesFOPI)
	j := int32(y) // truncation, as cvttps
	j = (j + 1) &^ 1
	y = float32(j)
	swapSin := uint32(j&4) << 29
	polyMask := j&2 == 0
	x = mulAdd32(y, minusDP1, x)
	x = mulAdd32(y, minusDP2, x)
	x = mulAdd32(y, minusDP3, x)
	signCos := uint32(^(j-2)&4) << 29
	signSin ^= swapSin

	z := float32(x * x)
	yc := coscofP0
	yc = mulAdd32(yc, z, coscofP1)
	yc = mulAdd32(yc, z, coscofP2)
	yc = float32(yc * z)
	yc = mulAdd32(yc, z, -float32(z*0.5))
	yc = yc + 1

	ys := sincofP0
	ys = mulAdd32(ys, z, sincofP1)
	ys = mulAdd32(ys, z, sincofP2)
	ys = float32(ys * z)
	ys = mulAdd32(ys, x, x)

	// Blend exactly as the vector code does, including its additions of
	// zeros (which matter for the sign of zero results).
	var ysin1, ysin2 float32
	if polyMask {
		ysin2 = ys
	} else {
		ysin1 = yc
	}
	sinv := ysin1 + ysin2
	cosv := (yc - ysin1) + (ys - ysin2)
	s = math.Float32frombits(math.Float32bits(sinv) ^ signSin)
	c = math.Float32frombits(math.Float32bits(cosv) ^ signCos)
	return s, c
}
