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
