package tensor

import (
	"errors"
	"math"
	"strings"
	"testing"
	"time"
)

type recHook struct {
	calls []string
	known map[*Tensor]string
}

func (h *recHook) AfterOp(c *Call) error {
	desc := c.Op.Name() + "("
	for i, a := range c.Args {
		if i > 0 {
			desc += ","
		}
		if t, ok := a.(*Tensor); ok && t != nil {
			if n, ok := h.known[t]; ok {
				desc += n
			} else {
				desc += "const"
			}
		} else {
			desc += "_"
		}
	}
	desc += ")"
	for _, o := range c.Outputs {
		h.known[o] = "v"
	}
	h.calls = append(h.calls, desc)
	return nil
}

func TestHooksSeeTopLevelCallsOnly(t *testing.T) {
	rt := NewRuntime()
	m := mustT(t)
	x := f32(t, []float32{1, 2, 3, 4, 5, 6}, 2, 3)
	w := f32(t, []float32{1, 0, 0, 0, 1, 0}, 2, 3)
	b := f32(t, []float32{0, 0}, 2)
	w.SetRequiresGrad(true)
	c := f32(t, []float32{1, 1}, 2)
	h := &recHook{known: map[*Tensor]string{x: "input", w: "param", b: "param"}}
	remove := rt.PushHook(h)
	y := m(rt.Linear(x, w, b))
	z := m(rt.Relu(y))
	_ = m(rt.Add(z, c, Int(1)))
	remove()
	_ = m(rt.Relu(z))
	want := []string{"aten::linear(input,param,param)", "aten::relu(v)", "aten::add(v,const,_)"}
	if strings.Join(h.calls, " ") != strings.Join(want, " ") {
		t.Fatalf("hook saw %v, want %v", h.calls, want)
	}
	// backward is not reported either
	h2 := &recHook{known: map[*Tensor]string{}}
	rt.PushHook(h2)
	s := m(rt.Sum(y))
	if err := rt.Backward(s, nil, false, false); err != nil {
		t.Fatal(err)
	}
	if len(h2.calls) != 1 {
		t.Fatalf("backward ops reached the hook: %v", h2.calls)
	}
}

type failHook struct{}

func (failHook) AfterOp(c *Call) error { return errors.New("nope") }

func TestHookErrorFailsCall(t *testing.T) {
	rt := NewRuntime()
	rt.PushHook(failHook{})
	if _, err := rt.Neg(f32(t, []float32{1}, 1)); err == nil || err.Error() != "nope" {
		t.Fatal(err)
	}
}

func TestInterrupt(t *testing.T) {
	rt := NewRuntime()
	m := mustT(t)
	big := m(rt.Zeros(Float32, 1<<27)) // 128M elements
	go func() {
		time.Sleep(5 * time.Millisecond)
		rt.Interrupt()
	}()
	start := time.Now()
	var err error
	for i := 0; i < 50 && err == nil; i++ {
		_, err = rt.Call("exp", big)
	}
	if !errors.Is(err, ErrInterrupted) {
		t.Fatalf("want ErrInterrupted, got %v", err)
	}
	if d := time.Since(start); d > 2*time.Second {
		t.Fatalf("interrupt took %v", d)
	}
	rt.ClearInterrupt()
	if _, err := rt.Neg(f32(t, []float32{1}, 1)); err != nil {
		t.Fatal(err)
	}
}

func TestGradModeAndDetach(t *testing.T) {
	rt := NewRuntime()
	m := mustT(t)
	x := f32(t, []float32{1, 2}, 2)
	x.SetRequiresGrad(true)
	var y *Tensor
	rt.NoGrad(func() error {
		y = m(rt.Mul(x, 2.0))
		return nil
	})
	if y.RequiresGrad() {
		t.Fatal("no_grad output requires grad")
	}
	d := x.Detach()
	if d.RequiresGrad() || !d.SharesStorage(x) {
		t.Fatal("detach")
	}
	if err := (m(rt.Mul(x, 2.0))).SetRequiresGrad(false); err == nil {
		t.Fatal("changing requires_grad of a non-leaf must fail")
	}
	i, _ := FromInt64([]int64{1}, 1)
	if err := i.SetRequiresGrad(true); err == nil || !strings.Contains(err.Error(), "only Tensors of floating point") {
		t.Fatal(err)
	}
	if _, err := rt.Grad([]*Tensor{m(rt.Sum(d))}, []*Tensor{x}, nil, GradOptions{}); err == nil {
		t.Fatal("grad of a non-differentiable output must fail")
	}
}

func TestRetainGradHooksAndAccumulation(t *testing.T) {
	rt := NewRuntime()
	m := mustT(t)
	x := f32(t, []float32{1, 2, 3}, 3)
	x.SetRequiresGrad(true)
	y := m(rt.Mul(x, x))
	if err := y.RetainGrad(); err != nil {
		t.Fatal(err)
	}
	seen := 0
	y.RegisterHook(func(g *Tensor) (*Tensor, error) {
		seen++
		return m(rt.Mul(g, 10.0)), nil
	})
	s := m(rt.Sum(y))
	if err := rt.Backward(s, nil, true, false); err != nil {
		t.Fatal(err)
	}
	if seen != 1 {
		t.Fatal("hook not called")
	}
	if got := x.Grad().Float64s(); !closeAll(got, []float64{20, 40, 60}, 1e-6) {
		t.Fatal(got)
	}
	if got := y.Grad().Float64s(); !closeAll(got, []float64{10, 10, 10}, 1e-6) {
		t.Fatal(got)
	}
	// accumulation across calls
	if err := rt.Backward(s, nil, false, false); err != nil {
		t.Fatal(err)
	}
	if got := x.Grad().Float64s(); !closeAll(got, []float64{40, 80, 120}, 1e-6) {
		t.Fatal(got)
	}
}

func TestInplaceVersionCheck(t *testing.T) {
	rt := NewRuntime()
	m := mustT(t)
	x := f32(t, []float32{1, -2, 3}, 3)
	x.SetRequiresGrad(true)
	y := m(rt.Mul(x, 1.0))
	z := m(rt.Exp(y))
	if _, err := rt.Call("mul_", z, 2); err != nil {
		t.Fatal(err)
	}
	if z.GradFn().Name() != "MulBackward0" {
		t.Fatal(z.GradFn().Name())
	}
	err := rt.Backward(m(rt.Sum(z)), nil, false, false)
	if err == nil || !strings.Contains(err.Error(), "modified by an inplace operation") || !strings.Contains(err.Error(), "output 0 of ExpBackward0, is at version 1; expected version 0") {
		t.Fatal(err)
	}
	// in-place through a view of a leaf
	v := m(rt.Select(x, 0, 0))
	if _, err := rt.Call("add_", v, 1); err == nil || err.Error() != "a view of a leaf Variable that requires grad is being used in an in-place operation." {
		t.Fatal(err)
	}
	// in-place ops on non-leaves keep the graph correct
	a := f32(t, []float32{1, 2}, 2)
	a.SetRequiresGrad(true)
	b := m(rt.Mul(a, 3.0))
	if _, err := rt.Call("add_", b, a); err != nil {
		t.Fatal(err)
	}
	if err := rt.Backward(m(rt.Sum(b)), nil, false, false); err != nil {
		t.Fatal(err)
	}
	if got := a.Grad().Float64s(); !closeAll(got, []float64{4, 4}, 1e-6) {
		t.Fatal(got)
	}
}

func TestRuntimesAreIndependent(t *testing.T) {
	a, b := NewRuntime(), NewRuntime()
	a.ManualSeed(42)
	b.ManualSeed(42)
	a.SetGradEnabled(false)
	if !b.GradEnabled() {
		t.Fatal("grad mode leaked")
	}
	x, _ := a.Randn(Float32, 5)
	y, _ := b.Randn(Float32, 5)
	if !closeAll(x.Float64s(), y.Float64s(), 0) {
		t.Fatal("same seed, different numbers")
	}
	a.Interrupt()
	if _, err := b.Randn(Float32, 5); err != nil {
		t.Fatal("interrupt leaked")
	}
}

// TestKernelsAgainstNaiveLoops checks the fast elementwise and reduction
// paths on contiguous, strided and broadcast inputs against plain loops.
func TestKernelsAgainstNaiveLoops(t *testing.T) {
	rt := NewRuntime()
	m := mustT(t)
	shapes := [][2][]int{
		{{300, 301}, {300, 301}}, {{300, 301}, {301}}, {{300, 1}, {1, 301}}, {{7}, {1}}, {{70000}, {70000}}, {{2, 70000}, {70000}},
	}
	for _, sh := range shapes {
		a := m(rt.Randn(Float32, sh[0]...))
		b := m(rt.Randn(Float32, sh[1]...))
		out, err := broadcastShapes(sh[0], sh[1])
		if err != nil {
			t.Fatal(err)
		}
		ea, eb := expandTo(a, out).Float64s(), expandTo(b, out).Float64s()
		for _, op := range []struct {
			name string
			f    func(x, y float64) float64
		}{
			{"add", func(x, y float64) float64 { return x + y }},
			{"sub", func(x, y float64) float64 { return x - y }},
			{"mul", func(x, y float64) float64 { return x * y }},
			{"div", func(x, y float64) float64 { return x / y }},
			{"maximum", math.Max},
		} {
			r := m(func() (*Tensor, error) {
				o, err := rt.Call(op.name, a, b)
				if err != nil {
					return nil, err
				}
				return o[0], nil
			}())
			got := r.Float64s()
			for i := range got {
				want := float64(float32(op.f(float64(float32(ea[i])), float64(float32(eb[i])))))
				if got[i] != want && !(math.IsNaN(got[i]) && math.IsNaN(want)) {
					t.Fatalf("%s %v: element %d = %v, want %v", op.name, sh, i, got[i], want)
				}
			}
		}
		// transposed (strided) operand
		if len(sh[0]) == 2 && sh[0][0] == 300 && sh[0][1] == 301 {
			tr := m(rt.T(m(rt.Randn(Float32, 301, 300))))
			r := m(rt.Add(tr, a, Int(1)))
			et, ea2, got := tr.Float64s(), a.Float64s(), r.Float64s()
			for i := range got {
				if got[i] != float64(float32(et[i])+float32(ea2[i])) {
					t.Fatalf("strided add element %d", i)
				}
			}
		}
		s := m(rt.Sum(a))
		naive := 0.0
		for _, v := range a.Float64s() {
			naive += v
		}
		if g, _ := s.Item(); math.Abs(g-naive) > 1e-5*math.Max(1, math.Abs(naive)) {
			t.Fatalf("sum %v: %v vs %v", sh[0], g, naive)
		}
	}
}

// TestInplaceOnView checks that modifying a view in place rebases the
// base's history (CopySlices): gradients match the out-of-place result.
func TestInplaceOnView(t *testing.T) {
	rt := NewRuntime()
	m := mustT(t)
	x := f32(t, []float32{1, 2, 3, 4, 5, 6}, 2, 3)
	x.SetRequiresGrad(true)
	y := m(rt.Mul(x, 2.0))
	row := m(rt.Select(y, 0, 1))                       // y[1, :]
	if _, err := rt.Call("pow_", row, 2); err != nil { // y[1,:] = y[1,:]^2
		t.Fatal(err)
	}
	if y.GradFn().Name() != "CopySlices" {
		t.Fatal(y.GradFn().Name())
	}
	if got := y.Float64s(); !closeAll(got, []float64{2, 4, 6, 64, 100, 144}, 0) {
		t.Fatal(got)
	}
	s := m(rt.Sum(y))
	if err := rt.Backward(s, nil, false, false); err != nil {
		t.Fatal(err)
	}
	// d/dx of 2x is 2; of (2x)^2 is 8x
	if got := x.Grad().Float64s(); !closeAll(got, []float64{2, 2, 2, 32, 40, 48}, 1e-6) {
		t.Fatal(got)
	}
	// a view of a tensor that did not require grad, filled from one that does
	z := m(rt.Zeros(Float32, 2, 2))
	w := f32(t, []float32{3, 4}, 2)
	w.SetRequiresGrad(true)
	col := m(rt.Select(z, 1, 0))
	if err := rt.Copy_(col, w); err != nil {
		t.Fatal(err)
	}
	if !z.RequiresGrad() {
		t.Fatal("base must require grad after copy_ into its view")
	}
	zz := m(rt.Mul(z, z))
	if err := rt.Backward(m(rt.Sum(zz)), nil, false, false); err != nil {
		t.Fatal(err)
	}
	if got := w.Grad().Float64s(); !closeAll(got, []float64{6, 8}, 1e-6) {
		t.Fatal(got)
	}
}

func TestInterruptReduction(t *testing.T) {
	rt := NewRuntime()
	m := mustT(t)
	big := m(rt.Zeros(Float32, 4096, 8192))
	tr := m(rt.T(big))
	go func() {
		time.Sleep(5 * time.Millisecond)
		rt.Interrupt()
	}()
	var err error
	for i := 0; i < 200 && err == nil; i++ {
		_, err = rt.Call("sum", tr, []int{0})
	}
	if !errors.Is(err, ErrInterrupted) {
		t.Fatalf("want ErrInterrupted, got %v", err)
	}
}

// TestConcurrentRuntimes runs two sessions at once (as two notebooks in
// one process would) and checks each computes its own numbers.
func TestConcurrentRuntimes(t *testing.T) {
	done := make(chan error, 2)
	for g := 0; g < 2; g++ {
		go func(g int) {
			rt := NewRuntime()
			rt.ManualSeed(uint64(g))
			x, err := rt.Randn(Float32, 1<<16)
			if err != nil {
				done <- err
				return
			}
			want := x.Float64s()
			for i := 0; i < 50; i++ {
				y, err := rt.Mul(x, 2.0)
				if err != nil {
					done <- err
					return
				}
				z, err := rt.Div(y, 2.0, "")
				if err != nil {
					done <- err
					return
				}
				if got := z.Float64s(); !closeAll(got, want, 0) {
					done <- errors.New("wrong result under concurrency")
					return
				}
			}
			done <- nil
		}(g)
	}
	for i := 0; i < 2; i++ {
		if err := <-done; err != nil {
			t.Fatal(err)
		}
	}
}
