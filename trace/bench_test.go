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
