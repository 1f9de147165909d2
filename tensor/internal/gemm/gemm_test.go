package gemm

import (
	"math"
	"testing"
)

func TestSgemmSmoke(t *testing.T) {
	a := []float32{1, 2, 3, 4, 5, 6} // 2x3
	b := []float32{1, 0, 0, 1, 1, 1} // 3x2
	c := []float32{float32(math.NaN()), 0, 0, 0}
	Sgemm(false, false, 2, 2, 3, 1, a, 3, b, 2, 0, c, 2)
	want := []float32{4, 5, 10, 11}
	for i := range want {
		if c[i] != want[i] {
			t.Fatalf("c = %v, want %v", c, want)
		}
	}
}
