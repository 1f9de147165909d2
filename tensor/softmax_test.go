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
