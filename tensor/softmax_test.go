package tensor

import (
	"math"
	"testing"
)

// The float32 softmax kernels (vectorised exp, max subtraction, float64
// sums) against the float64 path, on rows long enough for the vector
// loops, with large, tiny, infinite and NaN entries.
func TestSoftmaxFloat32Accuracy(t *testing.T) {
	rt := NewRuntime()
	for _, R := range []int{1, 7, 33, 100, 1000, 1031} {
		rows := 5
		v := make([]float64, rows*R)
		for i := range v {
			v[i] = 30 * math.Sin(float64(i)*0.7+float64(i%13))
		}
		v[R/2] = math.Inf(-1) // row 0: one -inf
		for i := R; i < 2*R; i++ {
			v[i] = math.Inf(-1) // row 1: all -inf
		}
		v[2*R+R/3] = math.NaN() // row 2: a NaN
		for i := 3 * R; i < 4*R; i++ {
			v[i] = 1e4 + float64(i%5) // row 3: large values
		}
		x32, _ := FromFloat64As(Float32, v, rows, R)
		x64, _ := FromFloat64As(Float64, x32.Float64s(), rows, R)
		for _, log := range []bool{false, true} {
			var y32, y64 *Tensor
			var err error
			if log {
				y32, err = rt.LogSoftmax(x32, 1)
				if err == nil {
					y64, err = rt.LogSoftmax(x64, 1)
				}
			} else {
				y32, err = rt.Softmax(x32, 1)
				if err == nil {
					y64, err = rt.Softmax(x64, 1)
				}
			}
			if err != nil {
				t.Fatal(err)
			}
			got, want := y32.Float64s(), y64.Float64s()
			for i := range got {
				g, w := got[i], want[i]
				if math.IsNaN(w) || math.IsNaN(g) {
					if math.IsNaN(w) != math.IsNaN(g) {
						t.Fatalf("R=%d log=%v [%d]: got %v want %v", R, log, i, g, w)
					}
					continue
				}
				if math.IsInf(w, 0) || math.IsInf(g, 0) {
					if g != w {
						t.Fatalf("R=%d log=%v [%d]: got %v want %v", R, log, i, g, w)
					}
					continue
				}
				// a few float32 ulps; x - max is rounded to float32 (as in
				// PyTorch), which exp turns into a relative error of up to
				// |x - max| * 2^-24, and |x - max| is about -log(softmax)
				tol := 8 * math.Abs(w) * 0x1p-23
				if log {
					tol = max(tol, 4*0x1p-23)
				} else {
					tol = max(tol+math.Abs(w*math.Log(w))*0x1p-23, 1e-37)
				}
				if math.Abs(g-w) > tol {
					t.Fatalf("R=%d log=%v [%d]: got %v want %v (diff %g > %g)", R, log, i, g, w, math.Abs(g-w), tol)
				}
			}
		}
	}
}

// The fused float32 backward kernels against the float64 ones.
func TestSoftmaxBackwardFloat32(t *testing.T) {
	rt := NewRuntime()
	const rows, R = 3, 1000
	v := make([]float64, rows*R)
	gv := make([]float64, rows*R)
	for i := range v {
		v[i] = 5 * math.Sin(float64(i)*0.37)
		gv[i] = math.Cos(float64(i) * 0.11)
	}
	for _, log := range []bool{false, true} {
		var outs [2][]float64
		for k, dt := range []DType{Float32, Float64} {
			x, _ := FromFloat64As(dt, v, rows, R)
			g, _ := FromFloat64As(dt, gv, rows, R)
			x.SetRequiresGrad(true)
			var y *Tensor
			var err error
			if log {
				y, err = rt.LogSoftmax(x, 1)
			} else {
				y, err = rt.Softmax(x, 1)
			}
			if err != nil {
				t.Fatal(err)
			}
			gr, err := rt.Grad([]*Tensor{y}, []*Tensor{x}, []*Tensor{g}, GradOptions{})
			if err != nil {
				t.Fatal(err)
			}
			outs[k] = gr[0].Float64s()
		}
		for i := range outs[0] {
			if d := math.Abs(outs[0][i] - outs[1][i]); d > 1e-5*(1+math.Abs(outs[1][i])) {
				t.Fatalf("log=%v [%d]: float32 %v float64 %v", log, i, outs[0][i], outs[1][i])
			}
		}
	}
}

func benchSoftmax(b *testing.B, grad, log bool) {
	x := f32T(256, 1000)
	x.SetRequiresGrad(grad)
	g := f32T(256, 1000)
	benchNN(b, grad, func(rt *Runtime) error {
		var y *Tensor
		var err error
		if log {
			y, err = rt.LogSoftmax(x, 1)
		} else {
			y, err = rt.Softmax(x, 1)
		}
		if err != nil || !grad {
			return err
		}
		_, err = rt.Grad([]*Tensor{y}, []*Tensor{x}, []*Tensor{g}, GradOptions{})
		return err
	})
}

func BenchmarkSoftmax(b *testing.B)          { benchSoftmax(b, false, false) }
func BenchmarkLogSoftmax(b *testing.B)       { benchSoftmax(b, false, true) }
func BenchmarkSoftmaxFwdBwd(b *testing.B)    { benchSoftmax(b, true, false) }
func BenchmarkLogSoftmaxFwdBwd(b *testing.B) { benchSoftmax(b, true, true) }

// sum over dim 0 (a linear layer's bias gradient) takes the row-adding
// path; it must agree with the general reduction.
func TestSumLeadingDims(t *testing.T) {
	rt := NewRuntime()
	for _, dt := range []DType{Float32, Float64} {
		x, _ := FromFloat64As(dt, seqData(37*3*20, 0.3), 37, 3, 20)
		for _, dims := range [][]int{{0}, {0, 1}, {1, 0}, {-3}} {
			gs, err := rt.Call("sum", x, dims, true)
			if err != nil {
				t.Fatal(err)
			}
			got := gs[0]
			// the general path: the same values in a non-contiguous layout
			xt, _ := rt.Call("transpose", x, 1, 2)
			xt[0] = xt[0].contig()
			xn, _ := rt.Call("transpose", xt[0], 1, 2)
			ws, err := rt.Call("sum", xn[0], dims, true)
			if err != nil {
				t.Fatal(err)
			}
			want := ws[0]
			g, w := got.Float64s(), want.Float64s()
			if !sameShape(got.Shape(), want.Shape()) {
				t.Fatalf("%v %v: shape %v, want %v", dt, dims, got.Shape(), want.Shape())
			}
			for i := range g {
				if math.Abs(g[i]-w[i]) > 1e-5*(1+math.Abs(w[i])) {
					t.Fatalf("%v %v [%d]: %v, want %v", dt, dims, i, g[i], w[i])
				}
			}
		}
	}
}

func BenchmarkSumDim0(b *testing.B) {
	x := f32T(64, 256)
	benchNN(b, false, func(rt *Runtime) error { _, err := rt.Call("sum", x, []int{0}); return err })
}

// The backward of a 64×784 · 784×256 linear layer with bias (addmm):
// mm with transposed operands read in place, sum over dim 0.
func BenchmarkLinearFwdBwd(b *testing.B) {
	x, w, bias := f32T(64, 784), f32T(784, 256), f32T(256)
	w.SetRequiresGrad(true)
	bias.SetRequiresGrad(true)
	x.SetRequiresGrad(true)
	benchNN(b, true, func(rt *Runtime) error {
		y, err := rt.Call("addmm", bias, x, w)
		if err != nil {
			return err
		}
		_, err = rt.Grad(y, []*Tensor{x, w, bias}, []*Tensor{f32T(64, 256)}, GradOptions{})
		return err
	})
}
