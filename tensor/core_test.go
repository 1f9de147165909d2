package tensor

import (
	"math"
	"runtime"
	"strings"
	"testing"
)

func mustT(t *testing.T) func(*Tensor, error) *Tensor {
	return func(x *Tensor, err error) *Tensor {
		t.Helper()
		if err != nil {
			t.Fatal(err)
		}
		return x
	}
}

func f32(t *testing.T, data []float32, shape ...int) *Tensor {
	x, err := FromFloat32(data, shape...)
	if err != nil {
		t.Fatal(err)
	}
	return x
}

func closeAll(a, b []float64, tol float64) bool {
	if len(a) != len(b) {
		return false
	}
	for i := range a {
		if math.IsNaN(a[i]) && math.IsNaN(b[i]) {
			continue
		}
		if math.Abs(a[i]-b[i]) > tol*(1+math.Abs(b[i])) {
			return false
		}
	}
	return true
}

func TestBroadcastAddAndPromotion(t *testing.T) {
	rt := NewRuntime()
	m := mustT(t)
	a := f32(t, []float32{1, 2, 3, 4, 5, 6}, 2, 3)
	b := f32(t, []float32{10, 20, 30}, 3)
	c := m(rt.Add(a, b, Int(1)))
	if got := c.Float64s(); !closeAll(got, []float64{11, 22, 33, 14, 25, 36}, 0) {
		t.Fatal(got)
	}
	i, _ := FromInt64([]int64{1, 2}, 2)
	if d := m(rt.Add(i, 2.5, Int(1))); d.DType() != Float32 {
		t.Fatal(d.DType())
	}
	if d := m(rt.Add(i, 2, Int(1))); d.DType() != Int64 {
		t.Fatal(d.DType())
	}
	d64, _ := FromFloat64([]float64{1, 2, 3}, 3)
	if d := m(rt.Add(b, d64, Int(1))); d.DType() != Float64 {
		t.Fatal(d.DType())
	}
	bo, _ := FromBool([]bool{true, false}, 2)
	if d := m(rt.Add(bo, i, Int(1))); d.DType() != Int64 {
		t.Fatal(d.DType())
	}
	x := f32(t, []float32{1, 2, 3, 4}, 4)
	_, err := rt.Add(a, x, Int(1))
	if err == nil || err.Error() != "The size of tensor a (3) must match the size of tensor b (4) at non-singleton dimension 1" {
		t.Fatal(err)
	}
}

func TestViews(t *testing.T) {
	rt := NewRuntime()
	m := mustT(t)
	a := m(rt.Arange(0, 24, 1, nil))
	v := m(rt.View(a, 2, 3, 4))
	tr := m(rt.Transpose(v, 0, 2))
	if !v.SharesStorage(a) || !tr.SharesStorage(a) {
		t.Fatal("views must share storage")
	}
	if _, err := rt.View(tr, 24); err == nil || !strings.Contains(err.Error(), "view size is not compatible") {
		t.Fatal(err)
	}
	r := m(rt.Reshape(tr, 24))
	if r.SharesStorage(a) {
		t.Fatal("reshape of a transposed tensor must copy")
	}
	if got := r.Float64s()[:4]; !closeAll(got, []float64{0, 12, 4, 16}, 0) {
		t.Fatal(got)
	}
	// in-place through a view
	s := m(rt.Select(v, 1, 1))
	if _, err := rt.Call("add_", s, 100); err != nil {
		t.Fatal(err)
	}
	if got := a.Float64s()[4:6]; !closeAll(got, []float64{104, 105}, 0) {
		t.Fatal(got)
	}
}

func TestAutogradMLP(t *testing.T) {
	rt := NewRuntime()
	m := mustT(t)
	x := f32(t, []float32{1, 2, 3, 4, 5, 6}, 2, 3)
	w := f32(t, []float32{0.1, 0.2, 0.3, -0.1, -0.2, 0.5}, 2, 3)
	b := f32(t, []float32{0.5, -0.5}, 2)
	w.SetRequiresGrad(true)
	b.SetRequiresGrad(true)
	y := m(rt.Linear(x, w, b))
	if y.GradFn().Name() != "AddmmBackward0" {
		t.Fatal(y.GradFn().Name())
	}
	r := m(rt.Relu(y))
	s := m(rt.Sum(r))
	if s.GradFn().Name() != "SumBackward0" {
		t.Fatal(s.GradFn().Name())
	}
	if err := rt.Backward(s, nil, false, false); err != nil {
		t.Fatal(err)
	}
	// y = [[1.9, 1.6],[3.7, 2.2]]: all positive, so dW = sum of x rows, db = 2
	if got := w.Grad().Float64s(); !closeAll(got, []float64{5, 7, 9, 5, 7, 9}, 1e-6) {
		t.Fatal(got)
	}
	if got := b.Grad().Float64s(); !closeAll(got, []float64{2, 2}, 1e-6) {
		t.Fatal(got)
	}
	if err := rt.Backward(s, nil, false, false); err == nil || !strings.Contains(err.Error(), "second time") {
		t.Fatal(err)
	}
	if _, err := rt.Call("add_", w, 1); err == nil || err.Error() != "a leaf Variable that requires grad is being used in an in-place operation." {
		t.Fatal(err)
	}
}

func TestStorageBytesRoundTrip(t *testing.T) {
	for _, dt := range []DType{Float32, Float64, Int64, Int32, Uint8, Bool} {
		x, _ := FromFloat64As(dt, []float64{1, 0, 3, 4, 5, 6}, 2, 3)
		b := x.StorageBytes()
		y, err := FromStorageBytes(dt, b, []int{3, 2}, []int{1, 3}, 0)
		if err != nil {
			t.Fatal(err)
		}
		xt, _ := transposeKernel(x, 0, 1)
		if !closeAll(y.Float64s(), xt.Float64s(), 0) {
			t.Fatalf("%s: %v vs %v", dt, y.Float64s(), xt.Float64s())
		}
		v, err := y.ViewOfStorage([]int{2}, []int{1}, 4)
		want, _ := FromFloat64As(dt, []float64{5, 6}, 2)
		if err != nil || !v.SharesStorage(y) || !closeAll(v.Float64s(), want.Float64s(), 0) {
			t.Fatalf("%s: view %v %v", dt, v, err)
		}
	}
	if _, err := FromStorageBytes(Float32, make([]byte, 8), []int{3}, []int{1}, 0); err == nil {
		t.Fatal("out-of-bounds view must fail")
	}
}

// TestPoolNeverAliasesLiveTensors keeps some large results alive while
// others die and are recycled, then checks the survivors' contents.
func TestPoolNeverAliasesLiveTensors(t *testing.T) {
	rt := NewRuntime()
	m := mustT(t)
	x := m(rt.Randn(Float32, 1<<16))
	var keep []*Tensor
	var want [][]float32
	for i := 0; i < 200; i++ {
		y := m(rt.Mul(x, float64(i)))
		if i%10 == 0 {
			keep = append(keep, y)
			want = append(want, y.Float32s())
		}
		if i%50 == 0 {
			runtime.GC()
		}
	}
	for i, k := range keep {
		got := k.Float32s()
		for j := range got {
			if got[j] != want[i][j] {
				t.Fatalf("kept tensor %d changed at %d", i, j)
			}
		}
	}
}
