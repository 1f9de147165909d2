package gemm

import (
	"fmt"
	"testing"
)

// benchShapes are the shapes of the speed goal: square 128–1024 and the
// linear-layer products (x·Wᵀ with W stored out×in, as nn_linear does, and
// x·W).
var benchShapes = []struct {
	name    string
	m, n, k int
	transB  bool
}{
	{"sq64", 64, 64, 64, false},
	{"sq128", 128, 128, 128, false},
	{"sq256", 256, 256, 256, false},
	{"sq512", 512, 512, 512, false},
	{"sq1024", 1024, 1024, 1024, false},
	{"lin1x784x256", 1, 256, 784, false},
	{"lin1x784x256T", 1, 256, 784, true},
	{"lin64x784x256", 64, 256, 784, false},
	{"lin64x784x256T", 64, 256, 784, true},
	{"mv1024", 1024, 1, 1024, false},
}

func benchGemm[T float](b *testing.B, im *impl[T], m, n, k int, transB bool, threads int) {
	SetThreads(threads)
	defer SetThreads(0)
	a := make([]T, m*k)
	bb := make([]T, k*n)
	c := make([]T, m*n)
	for i := range a {
		a[i] = T(i%7) - 3
	}
	for i := range bb {
		bb[i] = T(i%5) - 2
	}
	ldb := n
	if transB {
		ldb = k
	}
	p := args[T]{false, transB, m, n, k, 1, a, k, bb, ldb, 0, c, n}
	im.gemm(nil, p)
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		im.gemm(nil, p)
	}
	b.ReportMetric(2*float64(m)*float64(n)*float64(k)*float64(b.N)/b.Elapsed().Seconds()/1e9, "GFLOP/s")
}

func BenchmarkSgemm(b *testing.B) {
	for _, im := range impls32 {
		for _, s := range benchShapes {
			for _, th := range []int{1, 2} {
				b.Run(fmt.Sprintf("%s/%s/t%d", im.name, s.name, th), func(b *testing.B) {
					benchGemm(b, im, s.m, s.n, s.k, s.transB, th)
				})
			}
		}
	}
}

func BenchmarkDgemm(b *testing.B) {
	for _, im := range impls64 {
		for _, s := range benchShapes {
			for _, th := range []int{1, 2} {
				b.Run(fmt.Sprintf("%s/%s/t%d", im.name, s.name, th), func(b *testing.B) {
					benchGemm(b, im, s.m, s.n, s.k, s.transB, th)
				})
			}
		}
	}
}

// BenchmarkBlocking times the first implementation with other cache
// blockings (mc×kc; nc as configured) on the shapes its blocking was
// chosen for, one goroutine. On a shared machine run it with -count and
// compare medians.
func BenchmarkBlocking(b *testing.B) {
	shapes := []struct {
		name    string
		m, n, k int
		transB  bool
	}{{"sq256", 256, 256, 256, false}, {"sq1024", 1024, 1024, 1024, false}, {"lin64x784x256T", 64, 256, 784, true}}
	for _, mc := range []int{64, 128, 192, 256} {
		for _, kc := range []int{128, 256, 384} {
			im32 := *impls32[0]
			im32.mc, im32.kc = roundUp(mc, im32.mr), kc
			im64 := *impls64[0]
			im64.mc, im64.kc = roundUp(mc, im64.mr), kc
			for _, s := range shapes {
				b.Run(fmt.Sprintf("float32/%s/mc%d/kc%d", s.name, mc, kc), func(b *testing.B) {
					benchGemm(b, &im32, s.m, s.n, s.k, s.transB, 1)
				})
				b.Run(fmt.Sprintf("float64/%s/mc%d/kc%d", s.name, mc, kc), func(b *testing.B) {
					benchGemm(b, &im64, s.m, s.n, s.k, s.transB, 1)
				})
			}
		}
	}
}
