package tensor

import (
	"math"
	"testing"
)

func TestLinearF32(t *testing.T) {
	rt := NewRuntime()
	for _, c := range [][3]int{{1, 10, 10}, {1, 256, 784}, {3, 7, 13}, {2, 5, 3}, {64, 33, 17}, {5, 1, 10}} {
		m, n, k := c[0], c[1], c[2]
		x, _ := rt.Randn(Float32, m, k)
		w, _ := rt.Randn(Float32, n, k)
		b, _ := rt.Randn(Float32, n)
		for act := ActNone; act <= ActTanh; act++ {
			ref, _ := rt.Linear(x, w, b)
			switch act {
			case ActRelu:
				ref, _ = rt.Relu(ref)
			case ActSigmoid:
				ref, _ = rt.Sigmoid(ref)
			case ActTanh:
				ref, _ = rt.Tanh(ref)
			}
			out := NewFloat32(m, n)
			LinearF32(Float32Data(out), Float32Data(x), Float32Data(w), Float32Data(b), m, n, k, act)
			r, o := ref.Float32s(), out.Float32s()
			for i := range r {
				if math.Abs(float64(r[i]-o[i])) > 1e-4*(1+math.Abs(float64(r[i]))) {
					t.Fatalf("%v act %d: [%d] %v vs %v", c, act, i, o[i], r[i])
				}
			}
		}
	}
}

func BenchmarkLinearF32(b *testing.B) {
	rt := NewRuntime()
	for _, c := range [][3]int{{1, 256, 784}, {64, 256, 784}} {
		m, n, k := c[0], c[1], c[2]
		x, _ := rt.Randn(Float32, m, k)
		w, _ := rt.Randn(Float32, n, k)
		bb, _ := rt.Randn(Float32, n)
		out := NewFloat32(m, n)
		b.Run("", func(b *testing.B) {
			for i := 0; i < b.N; i++ {
				LinearF32(Float32Data(out), Float32Data(x), Float32Data(w), Float32Data(bb), m, n, k, ActRelu)
			}
		})
	}
}

func TestLinearPackedF32(t *testing.T) {
	rt := NewRuntime()
	acts := []struct {
		act int
		f   func(*Tensor) (*Tensor, error)
	}{{ActNone, nil}, {ActRelu, rt.Relu}, {ActTanh, rt.Tanh}}
	for _, c := range [][3]int{{64, 256, 784}, {6, 7, 13}, {33, 10, 300}, {100, 600, 20}} {
		m, n, k := c[0], c[1], c[2]
		x, _ := rt.Randn(Float32, m, k)
		w, _ := rt.Randn(Float32, n, k)
		b, _ := rt.Randn(Float32, n)
		pw := PackLinearWeight(Float32Data(w), n, k)
		for _, withBias := range []bool{true, false} {
			for _, a := range acts {
				bt, bd := b, Float32Data(b)
				if !withBias {
					bt, bd = nil, nil
				}
				ref, _ := rt.Linear(x, w, bt)
				if a.f != nil {
					ref, _ = a.f(ref)
				}
				out := NewFloat32(m, n)
				if !LinearPackedF32(Float32Data(out), Float32Data(x), pw, bd, m, a.act) {
					t.Fatalf("%v: packed path declined", c)
				}
				r, o := ref.Float32s(), out.Float32s()
				for i := range r {
					if math.Abs(float64(r[i]-o[i])) > 1e-4*(1+math.Abs(float64(r[i]))) {
						t.Fatalf("%v bias %v act %d: [%d] %v vs %v", c, withBias, a.act, i, o[i], r[i])
					}
				}
			}
		}
	}
}
