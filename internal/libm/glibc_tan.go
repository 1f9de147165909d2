package libm

import "math"

// glibcTan computes tan(x) exactly as GNU libm 2.36's __tan_fma does for
// |x| <= 25 (IBM's table-driven algorithm without its old slow paths, with
// that build's fused multiply-adds); larger or non-finite arguments fall
// back to math.Tan. cauchy_ only needs |x| < pi/2.
func Tan(x float64) float64 {
	const (
		g1   = 0x1.b096cp-27 // 1.259e-8
		g2   = 0x1.f212dp-5  // 0.0608
		g3   = 0x1.92f1ap-1  // 0.787
		g4   = 25
		mp3  = -0x1.cb3b399d747f2p-55
		d3   = 0x1.5555555555555p-2
		d5   = 0x1.11111111107c6p-3
		d7   = 0x1.ba1ba1cdb8745p-5
		d9   = 0x1.664ed49cfc666p-6
		d11  = 0x1.2385a3cf2e4eap-7
		e0   = 0x1.5555555554dbdp-2
		e1   = 0x1.11112e0a6b45fp-3
		half = -15.5 // index offset of the table
	)
	if math.IsNaN(x) || math.IsInf(x, 0) {
		return math.Tan(x)
	}
	w := math.Abs(x)
	if w <= g1 {
		return x
	}
	odd := func(v, v2 float64) float64 { // d3 + v2*(d5 + v2*(d7 + ...))
		p := math.FMA(v2, d11, d9)
		p = math.FMA(v2, p, d7)
		p = math.FMA(v2, p, d5)
		return math.FMA(v2, p, d3)
	}
	if w <= g2 {
		x2 := x * x
		return math.FMA(x*x2, odd(x, x2), x)
	}
	T := &glibcTanTab
	if w <= g3 {
		i := int(math.FMA(w, 256, half))
		s := 1.0
		if x < 0 {
			s = -1
		}
		z := w - T[i][0]
		z2 := z * z
		pz := math.FMA(z*z2, math.FMA(z2, e1, e0), z)
		fi, gi := T[i][1], T[i][2]
		t2 := ((fi + gi) * pz) / (gi - pz)
		return (t2 + fi) * s
	}
	if w > g4 {
		return math.Tan(x)
	}
	t := math.FMA(x, scHpinv, scToint)
	xn := t - scToint
	n := math.Float64bits(t) & 1
	t1 := math.FMA(-xn, scMp2, math.FMA(-xn, scMp1, x))
	a := math.FMA(-xn, mp3, t1)
	da := math.FMA(-xn, mp3, t1-a)
	ya, yya, sy := a, da, 1.0
	if a < 0 {
		ya, yya, sy = -a, -da, -1
	}
	if !(g2 < ya) {
		a2 := a * a
		t2 := math.FMA(a*a2, odd(a, a2), da)
		y := a + t2
		if n == 0 {
			return y
		}
		// -cot: 1/(a + t2) in double-double.
		var db float64
		if math.Abs(a) > math.Abs(t2) {
			db = (a - y) + t2
		} else {
			db = (t2 - y) + a
		}
		c := 1 / y
		u := c * y
		uu := math.FMA(c, y, -u)
		num := math.FMA(-db, c, ((1-u)-uu)+0)
		cc := num / y
		z := c + cc
		zz := (c - z) + cc
		return -(zz + z)
	}
	i := int(math.FMA(ya, 256, half))
	z := (ya - T[i][0]) + yya
	z2 := z * z
	pz := math.FMA(z*z2, math.FMA(z2, e1, e0), z)
	fi, gi := T[i][1], T[i][2]
	num := (fi + gi) * pz
	if n == 0 {
		return (num/(gi-pz) + fi) * sy
	}
	return (gi - num/(pz+fi)) * -sy
}
