package tensor

import (
	"fmt"
	"math"
	"testing"
)

// naiveConv2d is the direct definition of a 2-d convolution (cross-correlation).
func naiveConv2d(x []float64, N, C, H, W int, w []float64, Co, kh, kw int, b []float64, s, p, d [2]int, g int) ([]float64, int, int) {
	Ho := (H+2*p[0]-d[0]*(kh-1)-1)/s[0] + 1
	Wo := (W+2*p[1]-d[1]*(kw-1)-1)/s[1] + 1
	cg, cog := C/g, Co/g
	y := make([]float64, N*Co*Ho*Wo)
	for n := 0; n < N; n++ {
		for o := 0; o < Co; o++ {
			gi := o / cog
			for i := 0; i < Ho; i++ {
				for j := 0; j < Wo; j++ {
					acc := 0.0
					if b != nil {
						acc = b[o]
					}
					for c := 0; c < cg; c++ {
						for ki := 0; ki < kh; ki++ {
							for kj := 0; kj < kw; kj++ {
								ih, iw := i*s[0]-p[0]+ki*d[0], j*s[1]-p[1]+kj*d[1]
								if ih < 0 || ih >= H || iw < 0 || iw >= W {
									continue
								}
								acc += x[((n*C+gi*cg+c)*H+ih)*W+iw] * w[((o*cg+c)*kh+ki)*kw+kj]
							}
						}
					}
					y[((n*Co+o)*Ho+i)*Wo+j] = acc
				}
			}
		}
	}
	return y, Ho, Wo
}

// naiveConvT2d is the direct definition of a transposed convolution:
// every input element scatters weight*value into the output.
func naiveConvT2d(x []float64, N, Ci, H, W int, w []float64, cog, kh, kw int, s, p, op, d [2]int, g int) ([]float64, int, int) {
	Ho := (H-1)*s[0] - 2*p[0] + d[0]*(kh-1) + op[0] + 1
	Wo := (W-1)*s[1] - 2*p[1] + d[1]*(kw-1) + op[1] + 1
	Co := cog * g
	cig := Ci / g
	y := make([]float64, N*Co*Ho*Wo)
	for n := 0; n < N; n++ {
		for ci := 0; ci < Ci; ci++ {
			gi := ci / cig
			for i := 0; i < H; i++ {
				for j := 0; j < W; j++ {
					v := x[((n*Ci+ci)*H+i)*W+j]
					for oc := 0; oc < cog; oc++ {
						for ki := 0; ki < kh; ki++ {
							for kj := 0; kj < kw; kj++ {
								oh, ow := i*s[0]-p[0]+ki*d[0], j*s[1]-p[1]+kj*d[1]
								if oh < 0 || oh >= Ho || ow < 0 || ow >= Wo {
									continue
								}
								y[((n*Co+gi*cog+oc)*Ho+oh)*Wo+ow] += v * w[((ci*cog+oc)*kh+ki)*kw+kj]
							}
						}
					}
				}
			}
		}
	}
	return y, Ho, Wo
}

func seqData(n int, seed float64) []float64 {
	out := make([]float64, n)
	for i := range out {
		out[i] = math.Sin(float64(i)*0.731+seed) * 1.3
	}
	return out
}

type convCase struct {
	N, C, H, W, Co, kh, kw int
	s, p, d                [2]int
	g                      int
	bias                   bool
}

var convCases = []convCase{
	{2, 3, 7, 6, 4, 3, 3, [2]int{1, 1}, [2]int{0, 0}, [2]int{1, 1}, 1, true},
	{1, 4, 8, 9, 6, 3, 2, [2]int{2, 1}, [2]int{1, 2}, [2]int{1, 2}, 2, false},
	{3, 2, 5, 5, 2, 1, 1, [2]int{1, 1}, [2]int{0, 0}, [2]int{1, 1}, 1, true},
	{2, 6, 6, 7, 6, 3, 3, [2]int{2, 3}, [2]int{2, 1}, [2]int{2, 1}, 3, true},
	{5, 1, 4, 11, 3, 1, 4, [2]int{1, 2}, [2]int{0, 3}, [2]int{1, 3}, 1, false},
	{4, 3, 9, 9, 8, 5, 5, [2]int{3, 3}, [2]int{2, 2}, [2]int{1, 1}, 1, true},
	{2, 3, 6, 5, 4, 3, 3, [2]int{1, 1}, [2]int{1, 1}, [2]int{1, 1}, 1, true},  // same
	{1, 2, 7, 7, 3, 3, 3, [2]int{1, 1}, [2]int{2, 2}, [2]int{2, 2}, 1, false}, // same, dilated
	{2, 4, 5, 6, 4, 3, 1, [2]int{1, 1}, [2]int{2, 0}, [2]int{1, 1}, 2, true},  // taller output
	// micro-kernel path (>= 6 output channels per group, >= 16 output pixels)
	{2, 4, 9, 10, 12, 3, 3, [2]int{1, 1}, [2]int{1, 1}, [2]int{1, 1}, 2, true},
	{1, 3, 8, 8, 7, 3, 2, [2]int{2, 1}, [2]int{1, 0}, [2]int{1, 1}, 1, true},
	{3, 2, 6, 9, 13, 2, 3, [2]int{1, 2}, [2]int{0, 1}, [2]int{2, 1}, 1, false},
}

func TestConvAgainstNaiveLoops(t *testing.T) {
	for _, threads := range []int{1, 2} {
		rt := NewRuntime()
		rt.SetThreads(threads)
		for ci, c := range convCases {
			for _, dt := range []DType{Float32, Float64} {
				xd := seqData(c.N*c.C*c.H*c.W, 0.1)
				wd := seqData(c.Co*(c.C/c.g)*c.kh*c.kw, 0.7)
				bd := seqData(c.Co, 1.9)
				x, _ := FromFloat64As(dt, xd, c.N, c.C, c.H, c.W)
				w, _ := FromFloat64As(dt, wd, c.Co, c.C/c.g, c.kh, c.kw)
				var b *Tensor
				var bref []float64
				if c.bias {
					b, _ = FromFloat64As(dt, bd, c.Co)
					bref = bd
				}
				y, err := rt.Call("conv2d", x, w, b, c.s[:], c.p[:], c.d[:], c.g)
				if err != nil {
					t.Fatalf("case %d: %v", ci, err)
				}
				want, Ho, Wo := naiveConv2d(xd, c.N, c.C, c.H, c.W, wd, c.Co, c.kh, c.kw, bref, c.s, c.p, c.d, c.g)
				if !sameShape(y[0].shape, []int{c.N, c.Co, Ho, Wo}) {
					t.Fatalf("case %d: shape %v", ci, y[0].shape)
				}
				tol := 1e-12
				if dt == Float32 {
					tol = 1e-5
				}
				if !closeAll(y[0].Float64s(), want, tol) {
					t.Errorf("case %d %s threads %d: conv2d differs from the naive loop", ci, dt, threads)
				}
				// transposed: input channels c.Co... use x with C channels as input, weight (C, cog, kh, kw)
				cog := 2
				wt := seqData(c.C*cog*c.kh*c.kw, 0.3)
				wT, _ := FromFloat64As(dt, wt, c.C, cog, c.kh, c.kw)
				op := [2]int{0, 0}
				if c.s[1] > 1 {
					op[1] = 1
				}
				yt, err := rt.Call("conv_transpose2d", x, wT, nil, c.s[:], c.p[:], op[:], c.g, c.d[:])
				if err != nil {
					t.Fatalf("case %d transposed: %v", ci, err)
				}
				wantT, Ho, Wo := naiveConvT2d(xd, c.N, c.C, c.H, c.W, wt, cog, c.kh, c.kw, c.s, c.p, op, c.d, c.g)
				if Ho <= 0 || Wo <= 0 {
					continue
				}
				if !sameShape(yt[0].shape, []int{c.N, cog * c.g, Ho, Wo}) {
					t.Fatalf("case %d transposed: shape %v want %v", ci, yt[0].shape, []int{c.N, cog * c.g, Ho, Wo})
				}
				if !closeAll(yt[0].Float64s(), wantT, tol) {
					t.Errorf("case %d %s threads %d: conv_transpose2d differs from the naive loop", ci, dt, threads)
				}
			}
		}
	}
}

func TestConvGradcheck(t *testing.T) {
	cases := []struct {
		op   string
		args []any
	}{
		{"conv2d", []any{seqT(2, 3, 5, 4), seqT(4, 3, 3, 2), seqT(4), []int{1}, []int{1, 0}, []int{1}, 1}},
		{"conv2d", []any{seqT(1, 4, 6, 6), seqT(4, 2, 2, 3), nil, []int{2, 1}, []int{1, 1}, []int{2, 1}, 2}},
		{"conv1d", []any{seqT(2, 2, 7), seqT(3, 2, 3), seqT(3), []int{2}, []int{1}, []int{1}, 1}},
		{"conv_transpose2d", []any{seqT(2, 4, 3, 3), seqT(4, 1, 3, 2), seqT(2), []int{2, 1}, []int{1, 0}, []int{1, 0}, 2, []int{1, 2}}},
		{"conv_transpose1d", []any{seqT(1, 2, 4), seqT(2, 3, 3), nil, []int{3}, []int{1}, []int{2}, 1, []int{1}}},
	}
	for i, c := range cases {
		rt := NewRuntime()
		if err := gradcheck(rt, c.op, c.args, nil, true); err != nil {
			t.Errorf("%d %s: %v", i, c.op, err)
		}
	}
}

// seqT is a float64 tensor of deterministic values.
func seqT(shape ...int) *Tensor {
	n := numelOf(shape)
	x, _ := FromFloat64(seqData(n, float64(n)*0.37), shape...)
	return x
}

var _ = fmt.Sprint

// BenchmarkConv2d is the reference shape: batch 32, 3x32x32 -> 16
// channels, 3x3, padding 1 (float32, forward).
func BenchmarkConv2d(b *testing.B) {
	rt := NewRuntime()
	x, _ := FromFloat64As(Float32, seqData(32*3*32*32, 0.1), 32, 3, 32, 32)
	w, _ := FromFloat64As(Float32, seqData(16*3*3*3, 0.2), 16, 3, 3, 3)
	bias, _ := FromFloat64As(Float32, seqData(16, 0.3), 16)
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		if _, err := rt.Call("conv2d", x, w, bias, []int{1}, []int{1}); err != nil {
			b.Fatal(err)
		}
	}
}
