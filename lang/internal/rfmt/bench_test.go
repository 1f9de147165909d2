package rfmt

import (
	"math/rand"
	"testing"
)

func BenchmarkPrintVector1e5(b *testing.B) {
	r := rand.New(rand.NewSource(1))
	x := make([]float64, 100000)
	for i := range x {
		x[i] = r.NormFloat64()
	}
	for i := 0; i < b.N; i++ {
		PrintVector(Vec{Kind: Double, D: x}, nil, DefaultOptions())
	}
}

func BenchmarkFormatRealScalar(b *testing.B) {
	x := []float64{3.14159}
	for i := 0; i < b.N; i++ {
		FormatReal(x, 7, 0, 0, 2)
	}
}
