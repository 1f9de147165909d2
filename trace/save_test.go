package trace

import (
	"bytes"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"
	"testing"

	"torchr/tensor"
)

func hasTorch() bool {
	if testing.Short() {
		return false
	}
	return exec.Command("/usr/bin/python3", "-c", "import torch").Run() == nil
}

// torchRun loads an archive with torch.jit.load and runs method on x
// (float32, shape), returning the flattened output.
func torchRun(t *testing.T, path, method string, train bool, x *tensor.Tensor) []float32 {
	t.Helper()
	var sh []string
	for _, d := range x.Shape() {
		sh = append(sh, strconv.Itoa(d))
	}
	var vals []string
	for _, v := range x.Float32s() {
		vals = append(vals, strconv.FormatFloat(float64(v), 'g', -1, 32))
	}
	mode := "m.eval()"
	if train {
		mode = "m.train()"
	}
	src := fmt.Sprintf(`import torch
m = torch.jit.load(%q)
%s
x = torch.tensor([%s], dtype=torch.float32).reshape([%s])
with torch.no_grad():
    y = m.%s(x)
print(" ".join(repr(float(v)) for v in y.reshape(-1).tolist()))
`, path, mode, strings.Join(vals, ","), strings.Join(sh, ","), method)
	out, err := exec.Command("/usr/bin/python3", "-c", src).CombinedOutput()
	if err != nil {
		t.Fatalf("torch.jit.load: %v\n%s", err, out)
	}
	var res []float32
	for _, f := range strings.Fields(string(out)) {
		v, err := strconv.ParseFloat(f, 64)
		if err != nil {
			t.Fatalf("bad output %q", out)
		}
		res = append(res, float32(v))
	}
	return res
}

func closeSlices(a, b []float32) bool {
	if len(a) != len(b) {
		return false
	}
	for i := range a {
		d := a[i] - b[i]
		if d < 0 {
			d = -d
		}
		if d > 1e-4*(1+max(a[i], -a[i])) {
			return false
		}
	}
	return true
}

func mlpModule(t *testing.T, rt *tensor.Runtime, m *mlp, f *Function) *Module {
	root := &Module{Class: "MLP", Methods: []*Function{f}}
	for i := 0; i < len(m.order)/2; i++ {
		name := "fc" + string(rune('1'+i))
		root.Children = append(root.Children, NamedModule{name, &Module{Class: "nn_linear", Params: []Named{
			{"weight", m.params[name+".weight"]}, {"bias", m.params[name+".bias"]}}}})
	}
	return root
}

func TestSaveLoadsInTorch(t *testing.T) {
	if !hasTorch() {
		t.Skip("no torch")
	}
	rt := tensor.NewRuntime()
	dir := t.TempDir()
	// an MLP with dropout, eval mode
	m := newMLP(t, rt, 6, 5, 3)
	f := m.trace(t, rt, randn(t, rt, 2, 6))
	mod := mlpModule(t, rt, m, f)
	var buf bytes.Buffer
	if err := Save(&buf, "mlp", mod); err != nil {
		t.Fatal(err)
	}
	path := filepath.Join(dir, "mlp.pt")
	os.WriteFile(path, buf.Bytes(), 0o644)
	x := randn(t, rt, 4, 6)
	var want any
	rt.NoGrad(func() error { var err error; want, err = f.Run(rt, mod.Attrs(), x); return err })
	got := torchRun(t, path, "forward", false, x)
	if !closeSlices(got, want.(*tensor.Tensor).Float32s()) {
		t.Errorf("torch %v, torchr %v", got, want.(*tensor.Tensor).Float32s())
	}
	// a function with constants, as PlaceholderModule
	tr := Start(rt, Options{Self: "__torch__.PlaceholderModule"})
	xx := randn(t, rt, 3, 4)
	tr.Input(xx)
	c, _ := tensor.FromFloat32([]float32{1, 2, 3, 4}, 4)
	a, _ := rt.Mul(xx, c)
	b, _ := rt.Add(a, 0.5, tensor.Int(1))
	s, _ := rt.Tanh(b)
	fn, err := tr.Finish("forward", s)
	if err != nil {
		t.Fatal(err)
	}
	buf.Reset()
	if err := Save(&buf, "fn", &Module{Class: "PlaceholderModule", Methods: []*Function{fn}}); err != nil {
		t.Fatal(err)
	}
	path = filepath.Join(dir, "fn.pt")
	os.WriteFile(path, buf.Bytes(), 0o644)
	x = randn(t, rt, 3, 4)
	want, _ = fn.Run(rt, nil, x)
	got = torchRun(t, path, "forward", false, x)
	if !closeSlices(got, want.(*tensor.Tensor).Float32s()) {
		t.Errorf("torch %v, torchr %v", got, want.(*tensor.Tensor).Float32s())
	}
}

func TestSaveConvAndModesLoadInTorch(t *testing.T) {
	if !hasTorch() {
		t.Skip("no torch")
	}
	rt := tensor.NewRuntime()
	dir := t.TempDir()
	params := map[string]*tensor.Tensor{
		"c.weight": param(t, rt, 3, 2, 3, 3), "c.bias": param(t, rt, 3),
		"fc.weight": param(t, rt, 2, 48), "fc.bias": param(t, rt, 2),
	}
	fwd := func(train bool) func(x *tensor.Tensor) *tensor.Tensor {
		return func(x *tensor.Tensor) *tensor.Tensor {
			o, err := rt.Call("conv2d", x, params["c.weight"], params["c.bias"], []int{1, 1}, []int{1, 1})
			if err != nil {
				t.Fatal(err)
			}
			h, _ := rt.Relu(o[0])
			p, err := rt.Call("max_pool2d", h, []int{2, 2})
			if err != nil {
				t.Fatal(err)
			}
			fl, _ := rt.Flatten(p[0], 1, -1)
			d, _ := rt.Dropout(fl, 0.5, train)
			y, _ := rt.Linear(d, params["fc.weight"], params["fc.bias"])
			return y
		}
	}
	x := randn(t, rt, 2, 2, 8, 8)
	mod := &Module{Class: "convnet", Training: false, Children: []NamedModule{
		{"c", &Module{Class: "nn_conv2d", Params: []Named{{"weight", params["c.weight"]}, {"bias", params["c.bias"]}}}},
		{"fc", &Module{Class: "nn_linear", Params: []Named{{"weight", params["fc.weight"]}, {"bias", params["fc.bias"]}}}},
	}}
	for _, mode := range []struct {
		name  string
		train bool
	}{{"trainforward", true}, {"evalforward", false}} {
		tr := Start(rt, Options{Self: "__torch__.convnet"})
		tr.Module("c", "__torch__.nn_conv2d")
		tr.Module("fc", "__torch__.nn_linear")
		for _, q := range sortedKeys(params) {
			tr.Param(q, params[q])
		}
		tr.Input(x)
		f, err := tr.Finish(mode.name, fwd(mode.train)(x))
		if err != nil {
			t.Fatal(err)
		}
		mod.Methods = append(mod.Methods, f)
	}
	var buf bytes.Buffer
	if err := Save(&buf, "convnet", mod); err != nil {
		t.Fatal(err)
	}
	path := filepath.Join(dir, "convnet.pt")
	os.WriteFile(path, buf.Bytes(), 0o644)
	x2 := randn(t, rt, 3, 2, 8, 8)
	var want *tensor.Tensor
	rt.NoGrad(func() error { want = fwd(false)(x2); return nil })
	got := torchRun(t, path, "evalforward", false, x2)
	if !closeSlices(got, want.Float32s()) {
		t.Errorf("torch %v\ntorchr %v", got, want.Float32s())
	}
	// and back
	l, err := Load(bytes.NewReader(buf.Bytes()))
	if err != nil {
		t.Fatal(err)
	}
	rt.SetGradEnabled(false)
	out, err := l.Method("evalforward").Run(rt, nil, x2)
	if err != nil {
		t.Fatal(err)
	}
	assertClose(t, rt, out.(*tensor.Tensor), want)
}

// TestFixturesLive regenerates the PyTorch archives and checks that they
// still load and match (when torch is installed).
func TestFixturesLive(t *testing.T) {
	if testing.Short() || !hasTorch() {
		t.Skip("no torch")
	}
	dir := t.TempDir()
	src, _ := filepath.Abs("testdata/gen_fixtures.py")
	cmd := exec.Command("/usr/bin/python3", src)
	cmd.Dir = dir
	if out, err := cmd.CombinedOutput(); err != nil {
		t.Fatalf("%v\n%s", err, out)
	}
	for _, name := range []string{"linear", "mlp", "conv", "tuple"} {
		f, err := os.Open(filepath.Join(dir, name+".pt"))
		if err != nil {
			t.Fatal(err)
		}
		m, err := Load(f)
		f.Close()
		if err != nil {
			t.Fatalf("%s: %v", name, err)
		}
		if m.Method("forward") == nil {
			t.Errorf("%s: no forward", name)
		}
	}
}

func TestSaveBatchNormLoadsInTorch(t *testing.T) {
	if !hasTorch() {
		t.Skip("no torch")
	}
	rt := tensor.NewRuntime()
	params := map[string]*tensor.Tensor{
		"fc.weight": param(t, rt, 5, 6), "fc.bias": param(t, rt, 5),
		"bn.weight": param(t, rt, 5), "bn.bias": param(t, rt, 5),
		"bn.running_mean": randn(t, rt, 5),
	}
	rv, _ := rt.Rand(tensor.Float32, 5)
	params["bn.running_var"], _ = rt.Add(rv, 0.5, tensor.Int(1))
	fwd := func(x *tensor.Tensor) *tensor.Tensor {
		y, _ := rt.Linear(x, params["fc.weight"], params["fc.bias"])
		o, err := rt.Call("batch_norm", y, params["bn.weight"], params["bn.bias"], params["bn.running_mean"], params["bn.running_var"], false, 0.1, 1e-5, true)
		if err != nil {
			t.Fatal(err)
		}
		d, _ := rt.Dropout(o[0], 0.5, false)
		return d
	}
	f := traceFn(t, rt, params, fwd, randn(t, rt, 4, 6))
	mod := &Module{Class: "M", Methods: []*Function{f}, Children: []NamedModule{
		{"bn", &Module{Class: "nn_batch_norm1d", Params: []Named{{"weight", params["bn.weight"]}, {"bias", params["bn.bias"]}},
			Buffers: []Named{{"running_mean", params["bn.running_mean"]}, {"running_var", params["bn.running_var"]}}}},
		{"fc", &Module{Class: "nn_linear", Params: []Named{{"weight", params["fc.weight"]}, {"bias", params["fc.bias"]}}}},
	}}
	var buf bytes.Buffer
	if err := Save(&buf, "bn", mod); err != nil {
		t.Fatal(err)
	}
	path := filepath.Join(t.TempDir(), "bn.pt")
	os.WriteFile(path, buf.Bytes(), 0o644)
	x := randn(t, rt, 3, 6)
	var want *tensor.Tensor
	rt.NoGrad(func() error { want = fwd(x); return nil })
	if got := torchRun(t, path, "forward", false, x); !closeSlices(got, want.Float32s()) {
		t.Errorf("torch %v\ntorchr %v", got, want.Float32s())
	}
}
