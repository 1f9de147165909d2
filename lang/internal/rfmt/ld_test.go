package rfmt

import (
	"math"
	"math/rand"
	"testing"
)

// The fast integer emulation of long double scaling must agree with the
// math/big reference on every input it accepts.
func TestScaledAlphaFastMatchesBig(t *testing.T) {
	r := rand.New(rand.NewSource(7))
	n := 0
	for i := 0; i < 200000; i++ {
		var x float64
		switch i % 4 {
		case 0:
			x = r.Float64() * math.Pow(10, float64(r.Intn(40)-20))
		case 1:
			x = math.Float64frombits(r.Uint64() & 0x7fffffffffffffff)
		case 2:
			// near decimal rounding boundaries
			d := r.Intn(15) + 1
			x = (math.Floor(r.Float64()*math.Pow10(d)) + 0.5) / math.Pow10(r.Intn(20))
		default:
			x = float64(r.Int63n(1<<53)) * math.Pow(2, float64(r.Intn(60)-30))
		}
		if x == 0 || math.IsInf(x, 0) || math.IsNaN(x) {
			continue
		}
		digits := r.Intn(15) + 1
		kp := int(math.Floor(log10CR(x))) - digits + 1
		k1, a1, ok := scaledAlpha(x, kp, digits)
		if !ok {
			continue
		}
		n++
		k2, a2 := scaledAlphaBig(x, kp, digits)
		if k1 != k2 || a1 != a2 {
			t.Fatalf("x=%v digits=%d kp=%d: fast (%d, %v) big (%d, %v)", x, digits, kp, k1, a1, k2, a2)
		}
	}
	if n < 50000 {
		t.Fatalf("fast path taken only %d times", n)
	}
}
