package gemm

import "testing"

// TestMicroExported checks the exported micro-kernel entry points against
// a naive product, B read in place with a row stride.
func TestMicroExported(t *testing.T) {
	mr, nr := Tile32()
	k, bs := 7, nr+5
	a := make([]float32, k*mr)
	b := make([]float32, k*bs)
	for i := range a {
		a[i] = float32(i%5) - 2
	}
	for i := range b {
		b[i] = float32(i%7) - 3
	}
	ldc := nr + 3
	c := make([]float32, mr*ldc)
	for i := range c {
		c[i] = 1
	}
	Micro32(k, a, b, bs, c, ldc, true)
	for i := 0; i < mr; i++ {
		for j := 0; j < nr; j++ {
			want := float32(1)
			for p := 0; p < k; p++ {
				want += a[p*mr+i] * b[p*bs+j]
			}
			if c[i*ldc+j] != want {
				t.Fatalf("Micro32 (%d,%d) = %v, want %v", i, j, c[i*ldc+j], want)
			}
		}
	}
	mr, nr = Tile64()
	a64 := make([]float64, k*mr)
	b64 := make([]float64, k*bs)
	for i := range a64 {
		a64[i] = float64(i%5) - 2
	}
	for i := range b64 {
		b64[i] = float64(i%7) - 3
	}
	c64 := make([]float64, mr*ldc)
	Micro64(k, a64, b64, bs, c64, ldc, false)
	for i := 0; i < mr; i++ {
		for j := 0; j < nr; j++ {
			want := 0.0
			for p := 0; p < k; p++ {
				want += a64[p*mr+i] * b64[p*bs+j]
			}
			if c64[i*ldc+j] != want {
				t.Fatalf("Micro64 (%d,%d) = %v, want %v", i, j, c64[i*ldc+j], want)
			}
		}
	}
}
