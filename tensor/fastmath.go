package tensor

import "math"

// Fast float32 transcendental kernels (Cephes-style range reduction and
// polynomials, evaluated in float64 and rounded once), used for the
// float32 exp, sigmoid and tanh. They are within a few float32 ulps of the
// correctly rounded result; inputs outside the polynomial's range fall
// back to the math package.

const (
	log2e = 1.4426950408889634
	expC1 = 0.693359375
	expC2 = -2.12194440e-4
)

// expPoly computes exp(x) for x in [-87, 88] with float32 accuracy.
func expPoly(x float64) float64 {
	const magic = 6755399441055744.0 // 1.5 * 2^52: adding it rounds to an integer
	n := (x*log2e + magic) - magic
	r := x - n*expC1 - n*expC2
	p := 1.9875691500e-4
	p = p*r + 1.3981999507e-3
	p = p*r + 8.3334519073e-3
	p = p*r + 4.1665795894e-2
	p = p*r + 1.6666665459e-1
	p = p*r + 5.0000001201e-1
	p = p*r*r + r + 1
	return p * math.Float64frombits(uint64(int64(n)+1023)<<52)
}

func expF32(x float32) float32 {
	xf := float64(x)
	if xf > -87 && xf < 88 {
		return float32(expPoly(xf))
	}
	return float32(math.Exp(xf))
}

func sigmoidF32(x float32) float32 {
	xf := float64(x)
	if xf > -87 && xf < 87 {
		return float32(1 / (1 + expPoly(-xf)))
	}
	return float32(sigmoid(xf))
}

func tanhF32(x float32) float32 {
	xf := float64(x)
	ax := math.Abs(xf)
	if ax < 0.625 {
		// tanh(x) = x + x^3 P(x^2), Cephes tanhf
		z := xf * xf
		p := -5.70498872745e-3
		p = p*z + 2.06390887954e-2
		p = p*z - 5.37397155531e-2
		p = p*z + 1.33314422036e-1
		p = p*z - 3.33332819422e-1
		return float32(xf + xf*z*p)
	}
	if ax < 40 {
		e := expPoly(2 * ax)
		r := 1 - 2/(e+1)
		if xf < 0 {
			r = -r
		}
		return float32(r)
	}
	return float32(math.Tanh(xf))
}

func mapF32(o, a []float32, f func(float32) float32) {
	a = a[:len(o)]
	for i := range o {
		o[i] = f(a[i])
	}
}

// fastF32 applies one of the fast kernels to a float32 tensor, splitting
// the work over the runtime's threads.
func fastF32(rt *Runtime, t *Tensor, which int) (*Tensor, error) {
	x := t.contig()
	out := newTensorNoInit(Float32, t.shape)
	od, xd := rawData[float32](out), dataOf[float32](x)
	err := parallelRange(rt, max(1, len(xd)/blockSize+boolInt(len(xd)%blockSize != 0)), func(lo, hi int) error {
		for b := lo; b < hi; b++ {
			if rt.interrupted() {
				return ErrInterrupted
			}
			s, e := b*blockSize, min((b+1)*blockSize, len(xd))
			if simdTransF32(which, od[s:e], xd[s:e]) {
				continue
			}
			switch which {
			case 0:
				mapF32(od[s:e], xd[s:e], expF32)
			case 1:
				mapF32(od[s:e], xd[s:e], sigmoidF32)
			default:
				mapF32(od[s:e], xd[s:e], tanhF32)
			}
		}
		return nil
	})
	return out, err
}

func boolInt(b bool) int {
	if b {
		return 1
	}
	return 0
}

func scalarOp(op int, x, y float32) float32 {
	switch op {
	case 0:
		return x + y
	case 1:
		return x - y
	case 2:
		return x * y
	}
	return x / y
}
