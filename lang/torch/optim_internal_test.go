package torch

import (
	"math"
	"math/rand"
	"testing"

	"torchr/tensor"
)

// The AVX2 Adam kernel computes exactly what the scalar loop computes.
func TestFusedAdamVectorMatchesScalar(t *testing.T) {
	r := rand.New(rand.NewSource(1))
	n := 1003
	mk := func(scale float32, pos bool) []float32 {
		x := make([]float32, n)
		for i := range x {
			x[i] = float32(r.NormFloat64()) * scale
			if pos {
				x[i] = float32(math.Abs(float64(x[i])))
			}
		}
		return x
	}
	p, g, m, v := mk(1, false), mk(0.1, false), mk(0.01, false), mk(0.001, true)
	run := func(vec bool) ([]float32, []float32, []float32) {
		pt, _ := tensor.FromFloat32(p)
		gt, _ := tensor.FromFloat32(g)
		mt, _ := tensor.FromFloat32(m)
		vt, _ := tensor.FromFloat32(v)
		st := map[string]*tensor.Tensor{"exp_avg": mt, "exp_avg_sq": vt}
		old := adamHasAVX2Enabled(vec)
		defer adamHasAVX2Enabled(old)
		if !fusedAdam(pt, gt, st, 0.01, 0.9, 0.999, 1e-8, 0.05, false, true, 3, 1) {
			t.Fatal("fused path not taken")
		}
		return pt.Float32s(), mt.Float32s(), vt.Float32s()
	}
	p1, m1, v1 := run(false)
	p2, m2, v2 := run(true)
	for i := range p1 {
		if p1[i] != p2[i] || m1[i] != m2[i] || v1[i] != v2[i] {
			t.Fatalf("element %d: scalar (%g %g %g) vector (%g %g %g)", i, p1[i], m1[i], v1[i], p2[i], m2[i], v2[i])
		}
	}
}

// Splitting a large update over goroutines changes nothing.
func TestFusedAdamParallel(t *testing.T) {
	n := 200003
	r := rand.New(rand.NewSource(2))
	mk := func(pos bool) []float32 {
		x := make([]float32, n)
		for i := range x {
			x[i] = float32(r.NormFloat64())
			if pos {
				x[i] *= x[i]
			}
		}
		return x
	}
	p, g, m, v := mk(false), mk(false), mk(false), mk(true)
	run := func(threads int, ams bool) []float32 {
		pt, _ := tensor.FromFloat32(p)
		gt, _ := tensor.FromFloat32(g)
		mt, _ := tensor.FromFloat32(m)
		vt, _ := tensor.FromFloat32(v)
		mx, _ := tensor.FromFloat32(v)
		st := map[string]*tensor.Tensor{"exp_avg": mt, "exp_avg_sq": vt, "max_exp_avg_sq": mx}
		if !fusedAdam(pt, gt, st, 0.01, 0.9, 0.999, 1e-8, 0, ams, false, 2, threads) {
			t.Fatal("fused path not taken")
		}
		return pt.Float32s()
	}
	for _, ams := range []bool{false, true} {
		a, b := run(1, ams), run(3, ams)
		for i := range a {
			if a[i] != b[i] {
				t.Fatalf("amsgrad %v: element %d differs: %g vs %g", ams, i, a[i], b[i])
			}
		}
	}
}
