package libm

import "math"

// Log computes log(x) exactly as GNU libm 2.36 does on an x86-64 CPU with
// FMA (its __ieee754_log_fma variant, which is what ATen's calls to
// std::log and GNU R's calls to log reach on this class of machine): a
// 128-entry table of 1/c, log(c) and short polynomials, with the fused
// multiply-adds placed where that build places them. Like glibc, it
// normalizes subnormal arguments and gives -Inf for ±0, +Inf for +Inf and
// NaN for negative or NaN arguments.
func Log(x float64) float64 {
	ix := math.Float64bits(x)
	const lo1 = 0x3fee000000000000 // 1 - 2^-4
	const hi1 = 0x3ff1090000000000 // 1 + 0x1.09p-4
	if ix-lo1 < hi1-lo1 {
		if ix == 0x3ff0000000000000 {
			return 0
		}
		B := &glibcLogB
		r := x - 1
		p1 := math.FMA(r, B[2], B[1])
		p2 := math.FMA(r, B[5], B[4])
		r2 := r * r
		p3 := math.FMA(r, B[8], B[7])
		p1 = math.FMA(r2, B[3], p1)
		p2 = math.FMA(r2, B[6], p2)
		r3 := r * r2
		p3 = math.FMA(r2, B[9], p3)
		p3 = math.FMA(r3, B[10], p3)
		q := math.FMA(p3, r3, p2)
		q = math.FMA(q, r3, p1)
		// Split r into rhi + rlo with rhi exactly squarable.
		t := math.FMA(r, 0x1p27, r)
		rhi := math.FMA(-0x1p27, r, t)
		rr := rhi * rhi
		rlo := r - rhi
		hi := math.FMA(rr, B[0], r)
		lo := math.FMA(rr, B[0], r-hi)
		lo = math.FMA(B[0]*rlo, r+rhi, lo)
		y := math.FMA(q, r3, lo)
		return hi + y
	}
	if top := ix >> 48; top-0x0010 >= 0x7ff0-0x0010 {
		// x < 0x1p-1022, inf or nan.
		switch {
		case ix<<1 == 0:
			return math.Inf(-1)
		case x == math.Inf(1):
			return x
		case top&0x8000 != 0 || top&0x7ff0 == 0x7ff0:
			return math.NaN()
		}
		// Subnormal: normalize.
		ix = math.Float64bits(x*0x1p52) - 52<<52
	}
	tmp := ix - 0x3fe6000000000000
	i := (tmp >> 45) % 128
	k := int64(tmp) >> 52
	z := math.Float64frombits(ix - tmp&(0xfff<<52))
	invc, logc := glibcLogTab[i][0], glibcLogTab[i][1]
	kd := float64(k)
	A := &glibcLogA
	w := math.FMA(kd, glibcLn2hi, logc)
	r := math.FMA(z, invc, -1)
	p12 := math.FMA(r, A[2], A[1])
	hi := r + w
	r2 := r * r
	lo := (w - hi) + r
	lo = math.FMA(kd, glibcLn2lo, lo)
	r3 := r * r2
	p34 := math.FMA(r, A[4], A[3])
	lo = math.FMA(r2, A[0], lo)
	p := math.FMA(p34, r2, p12)
	y := math.FMA(r3, p, lo)
	return y + hi
}
