package rng

import "testing"

func BenchmarkUniformFloat32_1e6(b *testing.B) {
	g := New(0)
	d := make([]float32, 1e6)
	b.SetBytes(4e6)
	for b.Loop() {
		g.UniformFloat32(d, 0, 1)
	}
}

func BenchmarkUniformFloat64_1e6(b *testing.B) {
	g := New(0)
	d := make([]float64, 1e6)
	b.SetBytes(8e6)
	for b.Loop() {
		g.UniformFloat64(d, 0, 1)
	}
}

func BenchmarkNormalFloat32_1e6(b *testing.B) {
	g := New(0)
	d := make([]float32, 1e6)
	b.SetBytes(4e6)
	for b.Loop() {
		g.NormalFloat32(d, 0, 1)
	}
}

func BenchmarkNormalFloat64_1e6(b *testing.B) {
	g := New(0)
	d := make([]float64, 1e6)
	b.SetBytes(8e6)
	for b.Loop() {
		g.NormalFloat64(d, 0, 1)
	}
}

func BenchmarkRandperm_1e5(b *testing.B) {
	g := New(0)
	d := make([]int64, 1e5)
	for b.Loop() {
		g.RandpermInto(d)
	}
}

func BenchmarkBernoulliScalar_1e6(b *testing.B) {
	g := New(0)
	d := make([]float32, 1e6)
	for b.Loop() {
		_ = BernoulliScalar(g, d, 0.3)
	}
}
