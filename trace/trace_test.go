package trace

import (
	"bytes"
	"strings"
	"testing"

	"torchr/tensor"
)

func randn(t *testing.T, rt *tensor.Runtime, shape ...int) *tensor.Tensor {
	t.Helper()
	x, err := rt.Randn(tensor.Float32, shape...)
	if err != nil {
		t.Fatal(err)
	}
	return x
}

func param(t *testing.T, rt *tensor.Runtime, shape ...int) *tensor.Tensor {
	x := randn(t, rt, shape...)
	if err := x.SetRequiresGrad(true); err != nil {
		t.Fatal(err)
	}
	return x
}

func TestLinearGraph(t *testing.T) {
	rt := tensor.NewRuntime()
	w, b := param(t, rt, 10, 10), param(t, rt, 10)
	x := randn(t, rt, 10, 10)
	tr := Start(rt, Options{Self: "__torch__.nn_linear", Strict: true})
	tr.Param("weight", w)
	tr.Param("bias", b)
	if err := tr.Input(x); err != nil {
		t.Fatal(err)
	}
	y, err := rt.Linear(x, w, b)
	if err != nil {
		t.Fatal(err)
	}
	f, err := tr.Finish("forward", y)
	if err != nil {
		t.Fatal(err)
	}
	want := `graph(%self : __torch__.nn_linear,
      %4 : Float(10, 10, strides=[10, 1], requires_grad=0, device=cpu)):
  %bias : Tensor = prim::GetAttr[name="bias"](%self)
  %weight : Tensor = prim::GetAttr[name="weight"](%self)
  %5 : Float(10, 10, strides=[10, 1], requires_grad=1, device=cpu) = aten::linear(%4, %weight, %bias)
  return (%5)
`
	if got := f.Graph.String(); got != want {
		t.Errorf("graph:\n%s\nwant:\n%s", got, want)
	}
	attrs := map[string]*tensor.Tensor{"weight": w, "bias": b}
	x2 := randn(t, rt, 3, 10)
	out, err := f.Run(rt, attrs, x2)
	if err != nil {
		t.Fatal(err)
	}
	yt := out.(*tensor.Tensor)
	if yt.GradFn() == nil || !strings.Contains(yt.GradFn().Name(), "Addmm") {
		t.Errorf("grad_fn = %v", yt.GradFn())
	}
	ref, _ := rt.Linear(x2, w, b)
	assertClose(t, rt, yt, ref)
	var out2 any
	rt.NoGrad(func() error { out2, err = f.Run(rt, attrs, x2); return err })
	if err != nil {
		t.Fatal(err)
	}
	if out2.(*tensor.Tensor).RequiresGrad() {
		t.Error("no-grad output requires grad")
	}
	assertClose(t, rt, out2.(*tensor.Tensor), ref)
}

func assertClose(t *testing.T, rt *tensor.Runtime, a, b *tensor.Tensor) {
	t.Helper()
	ok, err := rt.Allclose(a.Detach(), b.Detach(), 1e-5, 1e-5, false)
	if err != nil || !ok {
		t.Errorf("not close (%v):\n%v\n%v", err, a, b)
	}
}

func TestFunctionGraphConstants(t *testing.T) {
	rt := tensor.NewRuntime()
	x := randn(t, rt, 4, 3)
	tr := Start(rt, Options{})
	tr.Input(x)
	a, _ := rt.Mul(x, 2.0)
	b, _ := rt.Add(a, 1.0, tensor.Int(1))
	c, _ := rt.Relu(b)
	s, _ := rt.SumDim(c, []int{1}, true)
	f, err := tr.Finish("forward", Tuple{c, s})
	if err != nil {
		t.Fatal(err)
	}
	got := f.Graph.String()
	t.Log(got)
	for _, want := range []string{"graph(%0 : Float(4, 3, strides=[3, 1], requires_grad=0, device=cpu)):", "aten::mul(%0, %", "prim::TupleConstruct", "int[] = prim::ListConstruct", "aten::sum("} {
		if !strings.Contains(got, want) {
			t.Errorf("graph lacks %q", want)
		}
	}
	out, err := f.Run(rt, nil, randn(t, rt, 7, 3))
	if err != nil {
		t.Fatal(err)
	}
	tu := out.(Tuple)
	if sh := tu[1].(*tensor.Tensor).Shape(); sh[0] != 7 || sh[1] != 1 {
		t.Errorf("shape %v", sh)
	}
}

func TestRequiresGradConstant(t *testing.T) {
	rt := tensor.NewRuntime()
	x := randn(t, rt, 4, 3)
	w := param(t, rt, 4, 3)
	tr := Start(rt, Options{})
	tr.Input(x)
	_, err := rt.Mul(x, w)
	if err == nil || err.Error() != ErrRequiresGradConstant.Error() {
		t.Fatalf("err = %v", err)
	}
	if _, err := tr.Finish("forward", x); err == nil {
		t.Fatal("finish after error")
	}
	// the hook is gone
	if _, err := rt.Mul(x, w); err != nil {
		t.Fatal(err)
	}
}

func TestValueReadWarning(t *testing.T) {
	rt := tensor.NewRuntime()
	x := randn(t, rt, 4)
	n := 0
	tr := Start(rt, Options{OnValueRead: func(string) { n++ }})
	tr.Input(x)
	s, _ := rt.Sum(x)
	rt.ReadValue(s, "item")
	y, _ := rt.Mul(x, 2.0)
	f, err := tr.Finish("forward", y)
	if err != nil {
		t.Fatal(err)
	}
	if n != 1 || len(f.Warnings) != 1 {
		t.Errorf("warnings %d %v", n, f.Warnings)
	}
	if strings.Contains(f.Graph.String(), "aten::sum") {
		t.Errorf("dead sum kept:\n%s", f.Graph)
	}
}

func TestBadInput(t *testing.T) {
	rt := tensor.NewRuntime()
	x := randn(t, rt, 4, 3)
	tr := Start(rt, Options{})
	tr.Input(x)
	y, _ := rt.Relu(x)
	f, _ := tr.Finish("forward", y)
	if _, err := f.Run(rt, nil, randn(t, rt, 4)); err == nil || !strings.Contains(err.Error(), "traced method 'forward'") {
		t.Errorf("err = %v", err)
	}
	if _, err := f.Run(rt, nil); err == nil {
		t.Error("no error for missing argument")
	}
}

func TestDictInput(t *testing.T) {
	rt := tensor.NewRuntime()
	a, b := randn(t, rt, 3), randn(t, rt, 3)
	tr := Start(rt, Options{Self: "__torch__.PlaceholderModule"})
	if err := tr.Input(Dict{Keys: []string{"a", "b"}, Values: []any{a, b}}); err != nil {
		t.Fatal(err)
	}
	y, _ := rt.Sub(a, b, tensor.Int(1))
	f, err := tr.Finish("forward", y)
	if err != nil {
		t.Fatal(err)
	}
	g := f.Graph.String()
	if !strings.Contains(g, `%2 : Dict(str, Tensor)`) || !strings.Contains(g, "aten::__getitem__(%2, %") {
		t.Errorf("graph:\n%s", g)
	}
	if c := f.Code(); !strings.Contains(c, `argument_1["a"]`) {
		t.Errorf("code:\n%s", c)
	}
	a2, b2 := randn(t, rt, 5), randn(t, rt, 5)
	ref, _ := rt.Sub(a2, b2, tensor.Int(1))
	for _, grad := range []bool{true, false} {
		rt.SetGradEnabled(grad)
		out, err := f.Run(rt, nil, Dict{Keys: []string{"b", "a"}, Values: []any{b2, a2}})
		if err != nil {
			t.Fatal(err)
		}
		assertClose(t, rt, out.(*tensor.Tensor), ref)
	}
	var buf bytes.Buffer
	if err := Save(&buf, "d", &Module{Class: "PlaceholderModule", Methods: []*Function{f}}); err != nil {
		t.Fatal(err)
	}
	l, err := Load(&buf)
	if err != nil {
		t.Fatal(err)
	}
	out, err := l.Method("forward").Run(rt, nil, Dict{Keys: []string{"a", "b"}, Values: []any{a2, b2}})
	if err != nil {
		t.Fatal(err)
	}
	assertClose(t, rt, out.(*tensor.Tensor), ref)
}

func TestInplaceOnInputWarns(t *testing.T) {
	rt := tensor.NewRuntime()
	x := randn(t, rt, 3)
	tr := Start(rt, Options{})
	tr.Input(x)
	if _, err := rt.Call("relu_", x); err != nil {
		t.Fatal(err)
	}
	y, _ := rt.Mul(x, 2.0)
	f, err := tr.Finish("forward", y)
	if err != nil {
		t.Fatal(err)
	}
	if len(f.Warnings) != 1 || f.Warnings[0] != InplaceWarning {
		t.Errorf("warnings %q", f.Warnings)
	}
	if !strings.Contains(f.Graph.String(), "aten::relu_(%0)") {
		t.Errorf("graph:\n%s", f.Graph)
	}
	// the traced function mutates its argument, as the R code did
	x2, _ := tensor.FromFloat32([]float32{-1, 2, -3}, 3)
	out, err := f.Run(rt, nil, x2)
	if err != nil {
		t.Fatal(err)
	}
	if got := out.(*tensor.Tensor).Float32s(); got[0] != 0 || got[1] != 4 || x2.Float32s()[2] != 0 {
		t.Errorf("out %v, x %v", got, x2.Float32s())
	}
}
