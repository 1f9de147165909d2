package tensor

import "testing"

func benchNN(b *testing.B, grad bool, f func(rt *Runtime) error) {
	rt := NewRuntime()
	rt.SetGradEnabled(grad)
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		if err := f(rt); err != nil {
			b.Fatal(err)
		}
	}
}

func f32T(shape ...int) *Tensor {
	x, _ := FromFloat64As(Float32, seqData(numelOf(shape), 0.4), shape...)
	return x
}

func BenchmarkMaxPool2d(b *testing.B) {
	x := f32T(32, 16, 32, 32)
	benchNN(b, false, func(rt *Runtime) error { _, err := rt.Call("max_pool2d", x, []int{2}); return err })
}

func BenchmarkBatchNormTrain(b *testing.B) {
	x, g := f32T(32, 16, 32, 32), f32T(16)
	benchNN(b, false, func(rt *Runtime) error {
		_, err := rt.Call("batch_norm", x, g, g, nil, nil, true, 0.1, 1e-5, false)
		return err
	})
}

func BenchmarkLayerNorm(b *testing.B) {
	x, w := f32T(64, 512), f32T(512)
	benchNN(b, false, func(rt *Runtime) error { _, err := rt.Call("layer_norm", x, []int{512}, w, w); return err })
}

func BenchmarkCrossEntropyFwdBwd(b *testing.B) {
	x := f32T(256, 1000)
	x.SetRequiresGrad(true)
	tv := make([]int64, 256)
	for i := range tv {
		tv[i] = int64(i * 37 % 1000)
	}
	t, _ := FromInt64(tv, 256)
	benchNN(b, true, func(rt *Runtime) error {
		l, err := rt.Call("cross_entropy_loss", x, t)
		if err != nil {
			return err
		}
		_, err = rt.Grad(l, []*Tensor{x}, nil, GradOptions{})
		return err
	})
}
