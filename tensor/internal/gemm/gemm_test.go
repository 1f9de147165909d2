package gemm

import (
	"fmt"
	"math"
	"math/rand/v2"
	"sync/atomic"
	"testing"
	"time"
)

// refGemm is the naive triple loop, accumulating in float64. It also
// returns, per element, the magnitude Σ|alpha·a·b| + |beta·c| that bounds
// the rounding error of any summation order.
func refGemm[T float](p args[T]) (want, mag []float64) {
	want = make([]float64, p.m*p.n)
	mag = make([]float64, p.m*p.n)
	for i := 0; i < p.m; i++ {
		for j := 0; j < p.n; j++ {
			var s, sa float64
			for l := 0; l < p.k; l++ {
				var x, y float64
				if p.transA {
					x = float64(p.a[l*p.lda+i])
				} else {
					x = float64(p.a[i*p.lda+l])
				}
				if p.transB {
					y = float64(p.b[j*p.ldb+l])
				} else {
					y = float64(p.b[l*p.ldb+j])
				}
				s += x * y
				sa += math.Abs(x * y)
			}
			alpha := float64(p.alpha)
			s *= alpha
			sa *= math.Abs(alpha)
			if p.beta != 0 {
				cv := float64(p.beta) * float64(p.c[i*p.ldc+j])
				s += cv
				sa += math.Abs(cv)
			}
			want[i*p.n+j] = s
			mag[i*p.n+j] = sa
		}
	}
	return want, mag
}

type tcase struct {
	m, n, k        int
	transA, transB bool
	padA, padB     int // extra row stride
	padC           int
	alpha, beta    float64
}

func (tc tcase) String() string {
	return fmt.Sprintf("m%d_n%d_k%d_tA%v_tB%v_pad%d.%d.%d_a%g_b%g", tc.m, tc.n, tc.k, tc.transA, tc.transB, tc.padA, tc.padB, tc.padC, tc.alpha, tc.beta)
}

func cases() []tcase {
	var cs []tcase
	tf := []bool{false, true}
	// All small shapes, exercising every edge-tile combination of the
	// kernels (mr 4, 6, 8; nr 4, 16, 32: sizes below, at and past one and
	// two tiles) and k below and around the unroll.
	for _, m := range []int{0, 1, 2, 3, 5, 6, 7, 8, 9, 13, 16, 17} {
		for _, n := range []int{0, 1, 4, 7, 8, 15, 16, 17, 31, 32, 33, 63, 65} {
			for _, k := range []int{0, 1, 3, 4, 5, 9, 37} {
				for _, ta := range tf {
					for _, tb := range tf {
						cs = append(cs, tcase{m: m, n: n, k: k, transA: ta, transB: tb, alpha: 1, beta: 0})
					}
				}
			}
		}
	}
	for s := 1; s <= 37; s++ {
		cs = append(cs, tcase{m: s, n: s, k: s, alpha: 1, beta: 0})
		cs = append(cs, tcase{m: s, n: 37 - s + 1, k: (s * 7) % 37, transA: s%2 == 0, transB: s%3 == 0, padA: s % 3, padB: s % 5, padC: s % 2, alpha: 1.5, beta: -0.5})
	}
	for _, ab := range [][2]float64{{1, 0}, {1, 1}, {2, 0}, {-1, 1}, {0.5, 2}, {0, 0}, {0, 3}, {1, -1}} {
		for _, ta := range tf {
			for _, tb := range tf {
				cs = append(cs, tcase{m: 23, n: 29, k: 31, transA: ta, transB: tb, padA: 3, padB: 1, padC: 5, alpha: ab[0], beta: ab[1]})
			}
		}
	}
	// Larger than one cache block in each dimension (mc, kc, nc of the Go
	// kernel are 128, 256, 4096), and the linear-layer shapes.
	cs = append(cs,
		tcase{m: 1, n: 256, k: 784, alpha: 1},
		tcase{m: 1, n: 256, k: 784, transB: true, alpha: 1},
		tcase{m: 64, n: 256, k: 784, alpha: 1},
		tcase{m: 64, n: 256, k: 784, transB: true, alpha: 1, beta: 1},
		tcase{m: 300, n: 70, k: 600, transA: true, padA: 2, padC: 3, alpha: 1, beta: 0.5},
		tcase{m: 150, n: 4100, k: 3, transB: true, alpha: 1},
		tcase{m: 2, n: 300, k: 1000, alpha: 1, beta: 1},
	)
	return cs
}

func fill[T float](r *rand.Rand, s []T) {
	for i := range s {
		s[i] = T(r.Float64()*2 - 1)
	}
}

func checkImpl[T float](t *testing.T, im *impl[T], tc tcase, eps float64) {
	r := rand.New(rand.NewPCG(uint64(tc.m*1000003+tc.n*1009+tc.k), 7))
	ar, ac := tc.m, tc.k
	if tc.transA {
		ar, ac = ac, ar
	}
	br, bc := tc.k, tc.n
	if tc.transB {
		br, bc = bc, br
	}
	lda, ldb, ldc := max(1, ac+tc.padA), max(1, bc+tc.padB), max(1, tc.n+tc.padC)
	a := make([]T, ar*lda)
	b := make([]T, br*ldb)
	c := make([]T, tc.m*ldc)
	fill(r, a)
	fill(r, b)
	if tc.beta == 0 {
		// beta == 0 must not read C: NaNs in it must not propagate.
		for i := range c {
			c[i] = T(math.NaN())
		}
	} else {
		fill(r, c)
	}
	p := args[T]{tc.transA, tc.transB, tc.m, tc.n, tc.k, T(tc.alpha), a, lda, b, ldb, T(tc.beta), c, ldc}
	orig := append([]T(nil), c...)
	want, mag := refGemm(p)
	if !im.gemm(nil, p) {
		t.Fatalf("%s %v: returned false without stop", im.name, tc)
	}
	for i := 0; i < tc.m; i++ {
		for j := 0; j < ldc; j++ {
			got := float64(c[i*ldc+j])
			if j >= tc.n {
				// Padding between rows must be untouched.
				if o := float64(orig[i*ldc+j]); got != o && !(math.IsNaN(got) && math.IsNaN(o)) {
					t.Fatalf("%s %v: padding C[%d,%d] changed to %v", im.name, tc, i, j, got)
				}
				continue
			}
			w, tol := want[i*tc.n+j], eps*float64(tc.k+2)*mag[i*tc.n+j]
			if math.IsNaN(got) || math.Abs(got-w) > tol {
				t.Fatalf("%s %v: C[%d,%d] = %v, want %v (tol %g)", im.name, tc, i, j, got, w, tol)
			}
		}
	}
}

func TestGemm(t *testing.T) {
	cs := cases()
	for _, threads := range []int{1, 2, 3} {
		SetThreads(threads)
		for _, im := range impls32 {
			for _, tc := range cs {
				checkImpl(t, im, tc, 1.2e-7)
			}
		}
		for _, im := range impls64 {
			for _, tc := range cs {
				checkImpl(t, im, tc, 2.3e-16)
			}
		}
	}
	SetThreads(0)
}

// TestThreadsSameResult checks that the number of goroutines does not change
// a single bit of the result. The shapes are above parMinFlops, with edges
// in every dimension, and cover the packed path and both small paths.
func TestThreadsSameResult(t *testing.T) {
	defer SetThreads(0)
	r := rand.New(rand.NewPCG(1, 2))
	shapes := [][3]int{{13, 200, 400}, {200, 13, 400}, {3, 501, 701}, {501, 3, 701}, {97, 101, 103}, {7, 500, 300}}
	for _, im := range impls32 {
		for _, s := range shapes {
			for _, tr := range [][2]bool{{false, false}, {false, true}, {true, false}, {true, true}} {
				m, n, k := s[0], s[1], s[2]
				if m*n*k < parMinFlops {
					t.Fatalf("shape %v too small to be split", s)
				}
				lda, ldb := k, n
				if tr[0] {
					lda = m
				}
				if tr[1] {
					ldb = k
				}
				a := make([]float32, m*k)
				b := make([]float32, k*n)
				c0 := make([]float32, m*n)
				fill(r, a)
				fill(r, b)
				fill(r, c0)
				var first []float32
				for _, th := range []int{1, 2, 3, 5} {
					SetThreads(th)
					c := append([]float32(nil), c0...)
					im.gemm(nil, args[float32]{tr[0], tr[1], m, n, k, 1.5, a, lda, b, ldb, 0.7, c, n})
					if first == nil {
						first = c
						continue
					}
					for i := range c {
						if c[i] != first[i] {
							t.Fatalf("%s %v trans %v: threads=%d differs from threads=1 at %d: %v vs %v", im.name, s, tr, th, i, c[i], first[i])
						}
					}
				}
			}
		}
	}
}

func TestImplsPresent(t *testing.T) {
	names := ""
	for _, im := range impls32 {
		names += im.name + " "
	}
	t.Logf("float32 implementations: %s", names)
	if impls32[len(impls32)-1].name != "go" || impls64[len(impls64)-1].name != "go" {
		t.Fatal("pure-Go implementation missing from the tables")
	}
}

func TestPublic(t *testing.T) {
	a := []float32{1, 2, 3, 4, 5, 6} // 2x3
	b := []float32{1, 0, 0, 1, 1, 1} // 3x2
	c := []float32{float32(math.NaN()), 0, 0, 0}
	Sgemm(false, false, 2, 2, 3, 1, a, 3, b, 2, 0, c, 2)
	if want := []float32{4, 5, 10, 11}; fmt.Sprint(c) != fmt.Sprint(want) {
		t.Fatalf("Sgemm: c = %v, want %v", c, want)
	}
	cd := []float64{1, 1, 1, 1}
	Dgemm(true, true, 2, 2, 1, 2, []float64{1, 2}, 2, []float64{3, 4}, 1, 1, cd, 2)
	if want := []float64{7, 9, 13, 17}; fmt.Sprint(cd) != fmt.Sprint(want) {
		t.Fatalf("Dgemm: c = %v, want %v", cd, want)
	}
}

func TestCancel(t *testing.T) {
	const n = 1024
	a := make([]float32, n*n)
	b := make([]float32, n*n)
	c := make([]float32, n*n)
	var stop atomic.Bool
	stop.Store(true)
	if SgemmCancel(&stop, false, false, n, n, n, 1, a, n, b, n, 0, c, n) {
		t.Fatal("SgemmCancel with stop set returned true")
	}
	stop.Store(false)
	if !SgemmCancel(&stop, false, false, 8, 8, 8, 1, a, n, b, n, 0, c, n) {
		t.Fatal("SgemmCancel without stop returned false")
	}
	// Stopping mid-way: the call must return promptly.
	ad := make([]float64, n*n)
	bd := make([]float64, n*n)
	cd := make([]float64, n*n)
	stop.Store(false)
	done := make(chan bool)
	start := time.Now()
	go func() { done <- DgemmCancel(&stop, false, false, n, n, n, 1, ad, n, bd, n, 0, cd, n) }()
	time.Sleep(2 * time.Millisecond)
	stop.Store(true)
	ok := <-done
	t.Logf("DgemmCancel returned %v after %v", ok, time.Since(start))
}

func TestNoAlloc(t *testing.T) {
	const n = 200
	a := make([]float32, n*n)
	b := make([]float32, n*n)
	c := make([]float32, n*n)
	for _, th := range []int{1, 2} {
		SetThreads(th)
		Sgemm(false, true, n, n, n, 1, a, n, b, n, 0, c, n) // warm the pools
		allocs := testing.AllocsPerRun(20, func() {
			Sgemm(false, true, n, n, n, 1, a, n, b, n, 0, c, n)
		})
		if allocs > 0.5 {
			t.Errorf("threads=%d: %v allocations per Sgemm", th, allocs)
		}
	}
	SetThreads(0)
}

func TestBadArgsPanic(t *testing.T) {
	buf := make([]float32, 100)
	for name, f := range map[string]func(){
		"negative m":            func() { Sgemm(false, false, -1, 2, 2, 1, buf, 2, buf, 2, 0, buf, 2) },
		"lda < k":               func() { Sgemm(false, false, 2, 2, 3, 1, buf, 2, buf, 2, 0, buf, 2) },
		"ldb < n":               func() { Sgemm(false, false, 2, 3, 2, 1, buf, 2, buf, 2, 0, buf, 3) },
		"ldc < n":               func() { Sgemm(false, false, 2, 3, 2, 1, buf, 2, buf, 3, 0, buf, 2) },
		"short A":               func() { Sgemm(false, false, 20, 2, 10, 1, buf, 10, buf, 2, 0, buf, 2) },
		"short C":               func() { Sgemm(false, false, 2, 60, 2, 1, buf, 2, buf, 60, 0, buf, 60) },
		"lda < m, A transposed": func() { Sgemm(true, false, 3, 2, 2, 1, buf, 2, buf, 2, 0, buf, 2) },
	} {
		func() {
			defer func() {
				if recover() == nil {
					t.Errorf("%s: no panic", name)
				}
			}()
			f()
		}()
	}
}

// TestPacked checks prepacked products (PackB32, SgemmPacked) of every
// implementation against the naive reference: edge tiles in m and n, k
// over several kc blocks, both layouts of B, beta 0 (C not read) and not.
func TestPacked(t *testing.T) {
	r := rand.New(rand.NewPCG(3, 4))
	for _, im := range impls32 {
		for _, s := range [][3]int{{64, 256, 784}, {1, 5, 3}, {2, 40, 9}, {3, 33, 17}, {5, 7, 13}, {6, 7, 13}, {8, 32, 8}, {9, 31, 300}, {17, 65, 37}, {33, 10, 300}, {100, 600, 20}, {200, 4100, 3}} {
			for _, tb := range []bool{false, true} {
				for _, beta := range []float32{0, 0.5} {
					m, n, k := s[0], s[1], s[2]
					ldb := n
					if tb {
						ldb = k
					}
					a := make([]float32, m*k)
					b := make([]float32, k*n)
					c := make([]float32, m*(n+3))
					fill(r, a)
					fill(r, b)
					if beta == 0 {
						for i := range c {
							c[i] = float32(math.NaN())
						}
					} else {
						fill(r, c)
					}
					orig := append([]float32(nil), c...)
					p := args[float32]{false, tb, m, n, k, 1, a, k, b, ldb, beta, orig, n + 3}
					want, mag := refGemm(p)
					pb := packB32(im, tb, k, n, b, ldb)
					if !SgemmPacked(m, a, k, pb, beta, c, n+3) {
						if 2*m >= im.mr {
							t.Fatalf("%s %v transB %v: declined", im.name, s, tb)
						}
						continue
					}
					for i := 0; i < m; i++ {
						for j := 0; j < n+3; j++ {
							got := float64(c[i*(n+3)+j])
							if j >= n {
								if o := float64(orig[i*(n+3)+j]); got != o && !(math.IsNaN(got) && math.IsNaN(o)) {
									t.Fatalf("%s %v: padding C[%d,%d] changed", im.name, s, i, j)
								}
								continue
							}
							w, tol := want[i*n+j], 1.2e-7*float64(k+2)*mag[i*n+j]
							if math.IsNaN(got) || math.Abs(got-w) > tol {
								t.Fatalf("%s %v transB %v beta %v: C[%d,%d] = %v, want %v", im.name, s, tb, beta, i, j, got, w)
							}
						}
					}
				}
			}
		}
	}
}

// TestPackedBias checks that the fused epilogue (SgemmPackedBias) gives
// the same bits as SgemmPacked followed by separate bias and ReLU passes,
// for every implementation, with edge tiles, several k blocks, NaN and
// -0 in the bias.
func TestPackedBias(t *testing.T) {
	r := rand.New(rand.NewPCG(5, 6))
	for _, im := range impls32 {
		for _, s := range [][3]int{{64, 256, 784}, {64, 10, 256}, {5, 7, 13}, {9, 31, 300}, {17, 65, 37}, {100, 600, 20}, {200, 4100, 3}} {
			m, n, k := s[0], s[1], s[2]
			a := make([]float32, m*k)
			b := make([]float32, n*k)
			bias := make([]float32, n)
			fill(r, a)
			fill(r, b)
			fill(r, bias)
			bias[0] = float32(math.NaN())
			bias[n-1] = float32(math.Copysign(0, -1))
			pb := packB32(im, true, k, n, b, k)
			for _, withBias := range []bool{false, true} {
				for _, relu := range []bool{false, true} {
					bb := bias
					if !withBias {
						bb = nil
					}
					want := make([]float32, m*n)
					got := make([]float32, m*n)
					for i := range got {
						got[i] = float32(math.NaN()) // beta is 0: C must not be read
					}
					if !SgemmPacked(m, a, k, pb, 0, want, n) {
						t.Fatalf("%s %v: declined", im.name, s)
					}
					for i := range want {
						x := want[i]
						if bb != nil {
							x += bb[i%n]
						}
						if relu && x < 0 {
							x = 0
						}
						want[i] = x
					}
					if !SgemmPackedBias(m, a, k, pb, bb, relu, got, n) {
						t.Fatalf("%s %v: declined", im.name, s)
					}
					for i := range want {
						if math.Float32bits(got[i]) != math.Float32bits(want[i]) && !(got[i] != got[i] && want[i] != want[i]) {
							t.Fatalf("%s %v bias %v relu %v: [%d,%d] = %v, want %v", im.name, s, withBias, relu, i/n, i%n, got[i], want[i])
						}
					}
				}
			}
		}
	}
}
