package tensor

import (
	"math"
	"testing"
)

// TestFastMathAccuracy compares the float32 kernels with float64 math over
// a dense sweep of inputs: at most 4 float32 ulps apart.
func TestFastMathAccuracy(t *testing.T) {
	ulps := func(a, b float32) float64 {
		if a == b {
			return 0
		}
		if math.IsNaN(float64(a)) && math.IsNaN(float64(b)) {
			return 0
		}
		d := math.Abs(float64(a) - float64(b))
		u := math.Abs(float64(math.Nextafter32(b, float32(math.Inf(1))) - b))
		if u == 0 {
			return math.Inf(1)
		}
		return d / u
	}
	for x := float32(-100); x < 100; x += 0.00937 {
		for _, c := range []struct {
			name string
			got  float32
			want float32
		}{
			{"exp", expF32(x), float32(math.Exp(float64(x)))},
			{"sigmoid", sigmoidF32(x), float32(sigmoid(float64(x)))},
			{"tanh", tanhF32(x), float32(math.Tanh(float64(x)))},
		} {
			if u := ulps(c.got, c.want); u > 4 {
				t.Fatalf("%s(%v) = %v, want %v (%v ulps)", c.name, x, c.got, c.want, u)
			}
		}
	}
	for _, x := range []float32{float32(math.NaN()), float32(math.Inf(1)), float32(math.Inf(-1)), 0, 1e-30, -88, 88.5} {
		if a, b := expF32(x), float32(math.Exp(float64(x))); !(a == b || (a != a && b != b)) {
			t.Fatalf("exp(%v) = %v, want %v", x, a, b)
		}
		if a, b := tanhF32(x), float32(math.Tanh(float64(x))); !(a == b || (a != a && b != b)) {
			t.Fatalf("tanh(%v) = %v, want %v", x, a, b)
		}
	}
}

// TestSimdKernels checks the AVX2 loops against scalar Go on odd lengths,
// NaNs, infinities and signed zeros.
func TestSimdKernels(t *testing.T) {
	if !hasAVX2 {
		t.Skip("no AVX2")
	}
	for _, n := range []int{0, 1, 7, 8, 9, 31, 32, 33, 100, 1027} {
		a := make([]float32, n)
		b := make([]float32, n)
		for i := range a {
			a[i] = float32(math.Sin(float64(i)*1.7)) * 10
			b[i] = float32(math.Cos(float64(i)*0.3)) + 0.5
			switch i % 11 {
			case 3:
				a[i] = float32(math.NaN())
			case 5:
				a[i] = float32(math.Inf(-1))
			case 7:
				b[i] = 0
			}
		}
		o := make([]float32, n)
		same := func(x, y float32) bool { return x == y || (x != x && y != y) }
		for op := 0; op < 4; op++ {
			simdBinF32(op, o, a, b)
			for i := range o {
				if w := scalarOp(op, a[i], b[i]); !same(o[i], w) {
					t.Fatalf("op %d n %d i %d: %v want %v", op, n, i, o[i], w)
				}
			}
			simdBinScalarF32(op, o, a, 1.25)
			for i := range o {
				if w := scalarOp(op, a[i], 1.25); !same(o[i], w) {
					t.Fatalf("scalar op %d n %d i %d: %v want %v", op, n, i, o[i], w)
				}
			}
		}
		for op := 0; op < 3; op++ {
			simdUnF32(op, o, a)
			for i := range o {
				var w float32
				switch op {
				case 0:
					w = a[i]
					if w < 0 {
						w = 0
					}
				case 1:
					w = -a[i]
				case 2:
					w = float32(math.Abs(float64(a[i])))
				}
				if !same(o[i], w) {
					t.Fatalf("unary %d n %d i %d: %v want %v", op, n, i, o[i], w)
				}
			}
		}
		c := make([]float32, n)
		for i := range c {
			c[i] = b[i] * 3
		}
		s, _ := simdSumF32(c)
		w := 0.0
		for _, v := range c {
			w += float64(v)
		}
		if math.Abs(s-w) > 1e-6*math.Max(1, math.Abs(w)) {
			t.Fatalf("sum n %d: %v want %v", n, s, w)
		}
	}
}

// TestSimdTranscendentals checks the AVX2 exp/sigmoid/tanh against
// float64 math on a sweep (at most 4 float32 ulps, a little more for tanh
// near its small-|x| switch point).
func TestSimdTranscendentals(t *testing.T) {
	if !hasAVX2 {
		t.Skip("no AVX2")
	}
	var xs []float32
	for x := float32(-100); x < 100; x += 0.00731 {
		xs = append(xs, x)
	}
	xs = append(xs, float32(math.NaN()), float32(math.Inf(1)), float32(math.Inf(-1)), 0, -87.5, 88.5, 1e-20)
	o := make([]float32, len(xs))
	for op, ref := range []func(float64) float64{math.Exp, sigmoid, math.Tanh} {
		if !simdTransF32(op, o, xs) {
			t.Skip("no FMA")
		}
		for i, x := range xs {
			w := float32(ref(float64(x)))
			g := o[i]
			if g == w || (g != g && w != w) {
				continue
			}
			u := math.Abs(float64(math.Nextafter32(w, float32(math.Inf(1))) - w))
			if math.Abs(float64(g-w)) > 6*u && math.Abs(float64(g-w)) > 1e-7 {
				t.Fatalf("op %d x=%v: %v want %v", op, x, g, w)
			}
		}
	}
}
