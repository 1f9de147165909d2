package libm

import "math"

// Double-precision sin and cos exactly as GNU libm 2.36 computes them on
// an x86-64 CPU with FMA (__sin_fma, __cos_fma: IBM's table-driven
// algorithm, with the fused multiply-adds where that build has them). Only
// |x| < 105414350 is reproduced; larger or non-finite arguments fall back
// to math.Sin/math.Cos (the samplers only use [0, 2*pi)).

const (
	scBig    = 0x1.8p45 // 52776558133248: big + |x| rounds |x| to 1/128
	scSn3    = -0x1.5555555555515p-3
	scSn5    = 0x1.11110e829872fp-7
	scCs2    = 0.5
	scCs4    = -0x1.5555555555535p-5
	scCs6    = 0x1.6c16bedd9e239p-10
	scS1     = -0x1.5555555555555p-3
	scS2     = 0x1.1111111110ecep-7
	scS3     = -0x1.a01a019db08b8p-13
	scS4     = 0x1.71de27b9a7ed9p-19
	scS5     = -0x1.addffc2fcdf59p-26
	scHp0    = 0x1.921fb54442d18p0   // pi/2, high part
	scHp1    = 0x1.1a62633145c07p-54 // pi/2, low part
	scHpinv  = 0x1.45f306dc9c883p-1  // 2/pi
	scToint  = 0x1.8p52
	scMp1    = 0x1.921fb58p0
	scMp2    = -0x1.dde973cp-27
	scPp3    = -0x1.cb3b398p-55
	scPp4    = -0x1.d747f23e32ed7p-83
	scTaylor = 0x1.020c49ba5e354p-3 // 0.126
)

func hiWord(x float64) uint32 { return uint32(math.Float64bits(x)>>32) & 0x7fffffff }

// scLookup splits |x| into the table point i/128 nearest to it and the
// remainder, and returns the remainder and the table index.
func scLookup(ax float64) (float64, int) {
	u := scBig + ax
	k := int(uint32(math.Float64bits(u))) << 2
	return ax - (u - scBig), k
}

func glibcDoSin(x, dx float64) float64 {
	if math.Abs(x) < scTaylor {
		xx := x * x
		p := math.FMA(xx, scS5, scS4)
		p = math.FMA(xx, p, scS3)
		p = math.FMA(xx, p, scS2)
		p = math.FMA(xx, p, scS1)
		t := math.FMA(p, x, -(dx * 0.5))
		t = math.FMA(xx, t, dx)
		return x + t
	}
	if !(x > 0) {
		dx = -dx
	}
	xr, k := scLookup(math.Abs(x))
	T := &glibcSinCosTab
	sn, ssn, cs, ccs := T[k], T[k+1], T[k+2], T[k+3]
	xx := xr * xr
	s := xr + math.FMA(xr*xx, math.FMA(xx, scSn5, scSn3), dx)
	c := math.FMA(xr, dx, xx*math.FMA(xx, math.FMA(xx, scCs6, scCs4), scCs2))
	cor := math.FMA(s, cs, math.FMA(-c, sn, math.FMA(s, ccs, ssn)))
	return math.Copysign(sn+cor, x)
}

func glibcDoCos(x, dx float64) float64 {
	if x < 0 {
		dx = -dx
	}
	xr, k := scLookup(math.Abs(x))
	xr += dx
	T := &glibcSinCosTab
	sn, ssn, cs, ccs := T[k], T[k+1], T[k+2], T[k+3]
	xx := xr * xr
	s := math.FMA(xr*xx, math.FMA(xx, scSn5, scSn3), xr)
	c := xx * math.FMA(xx, math.FMA(xx, scCs6, scCs4), scCs2)
	cor := math.FMA(-s, sn, math.FMA(-c, cs, math.FMA(-s, ssn, ccs)))
	return cs + cor
}

// glibcReduce reduces x by a multiple n of pi/2: x - n*pi/2 = a + da.
func glibcReduce(x float64) (a, da float64, n int) {
	t := math.FMA(x, scHpinv, scToint)
	xn := t - scToint
	n = int(uint32(math.Float64bits(t)) & 3)
	y := math.FMA(-xn, scMp2, math.FMA(-xn, scMp1, x))
	t2 := math.FMA(-xn, scPp3, y)
	db := math.FMA(-xn, scPp3, y-t2)
	b := math.FMA(-xn, scPp4, t2)
	db += math.FMA(-xn, scPp4, t2-b)
	return b, db, n
}

func glibcDoSinCos(a, da float64, n int) float64 {
	var r float64
	if n&1 != 0 {
		r = glibcDoCos(a, da)
	} else {
		r = glibcDoSin(a, da)
	}
	if n&2 != 0 {
		r = -r
	}
	return r
}

// Sin is glibc's sin (see above).
func Sin(x float64) float64 {
	k := hiWord(x)
	switch {
	case k < 0x3e500000:
		return x
	case k < 0x3feb6000:
		return glibcDoSin(x, 0)
	case k < 0x400368fd:
		return math.Copysign(glibcDoCos(scHp0-math.Abs(x), scHp1), x)
	case k < 0x419921fb:
		a, da, n := glibcReduce(x)
		return glibcDoSinCos(a, da, n)
	}
	return math.Sin(x)
}

// Cos is glibc's cos (see above).
func Cos(x float64) float64 {
	k := hiWord(x)
	switch {
	case k < 0x3e400000:
		return 1
	case k < 0x3feb6000:
		return glibcDoCos(x, 0)
	case k < 0x400368fd:
		y := scHp0 - math.Abs(x)
		a := y + scHp1
		da := (y - a) + scHp1
		return glibcDoSin(a, da)
	case k < 0x419921fb:
		a, da, n := glibcReduce(x)
		return glibcDoSinCos(a, da, n+1)
	}
	return math.Cos(x)
}
