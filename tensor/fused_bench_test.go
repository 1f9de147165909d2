package tensor

import "testing"

func BenchmarkGemvVsSgemm(b *testing.B) {
	rt := NewRuntime()
	for _, c := range [][3]int{{1, 256, 784}, {1, 1, 10}, {10, 1, 10}, {64, 256, 784}} {
		m, n, k := c[0], c[1], c[2]
		x, _ := rt.Randn(Float32, m, k)
		w, _ := rt.Randn(Float32, n, k)
		out := NewFloat32(m, n)
		xd, wd, od := Float32Data(x), Float32Data(w), Float32Data(out)
		b.Run("gemv", func(b *testing.B) {
			for i := 0; i < b.N; i++ {
				for r := 0; r < m; r++ {
					gemvF32(od[r*n:], xd[r*k:], wd, n, k, k)
				}
			}
		})
		b.Run("sgemm", func(b *testing.B) {
			for i := 0; i < b.N; i++ {
				Sgemm(false, true, m, n, k, 1, xd, k, wd, k, 0, od, n)
			}
		})
	}
}

func BenchmarkChainBlocks(b *testing.B) {
	x := make([]float32, 1000000)
	o := make([]float32, 1000000)
	for i := range x {
		x[i] = float32(i%7) - 3
	}
	b.Run("prealloc", func(b *testing.B) {
		for i := 0; i < b.N; i++ {
			for lo := 0; lo < len(x); lo += 2048 {
				hi := min(lo+2048, len(x))
				BinScalarF32(2, o[lo:hi], x[lo:hi], 2)
				BinScalarF32(0, o[lo:hi], o[lo:hi], 1)
				UnF32(0, o[lo:hi], o[lo:hi])
			}
		}
	})
	b.Run("gomake", func(b *testing.B) {
		for i := 0; i < b.N; i++ {
			o := make([]float32, 1000000)
			for lo := 0; lo < len(x); lo += 2048 {
				hi := min(lo+2048, len(x))
				BinScalarF32(2, o[lo:hi], x[lo:hi], 2)
				BinScalarF32(0, o[lo:hi], o[lo:hi], 1)
				UnF32(0, o[lo:hi], o[lo:hi])
			}
			fusedBenchSink = o
		}
	})
	b.Run("alloc", func(b *testing.B) {
		for i := 0; i < b.N; i++ {
			t := NewFloat32(1000000)
			o := Float32Data(t)
			for lo := 0; lo < len(x); lo += 2048 {
				hi := min(lo+2048, len(x))
				BinScalarF32(2, o[lo:hi], x[lo:hi], 2)
				BinScalarF32(0, o[lo:hi], o[lo:hi], 1)
				UnF32(0, o[lo:hi], o[lo:hi])
			}
		}
	})
}

var fusedBenchSink []float32
