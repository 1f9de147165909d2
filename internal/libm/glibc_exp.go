package libm

import "math"

// glibcExp computes exp(x) exactly as GNU libm 2.36's __ieee754_exp_fma
// does for 2^-54 <= |x| < 512 (a 128-entry table of 2^(i/128) and a
// degree-5 polynomial, with that build's fused multiply-adds). Other
// arguments fall back to 1+x (tiny |x|, as glibc) or math.Exp.
func Exp(x float64) float64 {
	abstop := (math.Float64bits(x) >> 52) & 0x7ff
	special := false
	if abstop-0x3c9 >= 0x3f {
		if int64(abstop)-0x3c9 < 0 {
			return 1 + x
		}
		if abstop >= 0x409 { // |x| >= 1024, inf or nan
			return math.Exp(x)
		}
		special = true // 512 <= |x| < 1024: the scale may over/underflow
	}
	kd := math.FMA(x, glibcExpInvLn2N, glibcExpShift)
	ki := math.Float64bits(kd)
	kd -= glibcExpShift
	r := math.FMA(kd, glibcExpNegLn2hiN, x)
	r = math.FMA(kd, glibcExpNegLn2loN, r)
	idx := 2 * (ki % 128)
	top := ki << 45
	tail := math.Float64frombits(glibcExpTab[idx])
	sbits := glibcExpTab[idx+1] + top
	p23 := math.FMA(r, glibcExpC3, glibcExpC2)
	tr := r + tail
	r2 := r * r
	p45 := math.FMA(r, glibcExpC5, glibcExpC4)
	tmp := math.FMA(p23, r2, tr)
	tmp = math.FMA(r2*r2, p45, tmp)
	if special {
		return glibcExpSpecial(tmp, sbits, ki)
	}
	scale := math.Float64frombits(sbits)
	return math.FMA(scale, tmp, scale)
}

// glibcExpSpecial is glibc's specialcase for results near overflow or in
// the subnormal range.
func glibcExpSpecial(tmp float64, sbits, ki uint64) float64 {
	if ki&0x80000000 == 0 {
		scale := math.Float64frombits(sbits - 1009<<52)
		return math.FMA(scale, tmp, scale) * 0x1p1009
	}
	scale := math.Float64frombits(sbits + 1022<<52)
	st := scale * tmp
	y := scale + st
	if y < 1 {
		lo := (scale - y) + st
		hi := 1 + y
		lo = ((1 - hi) + y) + lo
		y = (lo + hi) - 1
		if y == 0 {
			y = 0
		}
	}
	return y * 0x1p-1022
}
