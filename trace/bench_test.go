package trace

import (
	"testing"

	"torchr/tensor"
)

func BenchmarkElementwiseChain(b *testing.B) {
	rt := tensor.NewRuntime()
	rt.SetThreads(1)
	x, _ := rt.Randn(tensor.Float32, 1000000)
	tr := Start(rt, Options{})
	tr.Input(x)
	a, _ := rt.Mul(x, 2.0)
	c, _ := rt.Add(a, 1.0, tensor.Int(1))
	y, _ := rt.Relu(c)
	f, _ := tr.Finish("forward", y)
	rt.SetGradEnabled(false)
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		if _, err := f.Run(rt, nil, x); err != nil {
			b.Fatal(err)
		}
	}
}

func benchMLP(b *testing.B, batch int, compiled bool) {
	rt := tensor.NewRuntime()
	rt.SetThreads(1)
	m := newMLP(b, rt, 784, 256, 256, 10)
	x, _ := rt.Randn(tensor.Float32, batch, 784)
	f := m.trace(b, rt, x)
	rt.SetGradEnabled(false)
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		if compiled {
			f.Run(rt, m.params, x)
		} else {
			m.forward(rt, x)
		}
	}
}

func BenchmarkMLP64Compiled(b *testing.B) { benchMLP(b, 64, true) }
func BenchmarkMLP64Eager(b *testing.B)    { benchMLP(b, 64, false) }
func BenchmarkMLP1Compiled(b *testing.B)  { benchMLP(b, 1, true) }
func BenchmarkMLP1Eager(b *testing.B)     { benchMLP(b, 1, false) }
