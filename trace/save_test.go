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
