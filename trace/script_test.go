package trace

import (
	"bytes"
	"encoding/json"
	"fmt"
	"math"
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"time"

	"torchr/tensor"
)

// compileCase is one source of testdata/compile_fixtures.json
// (gen_compile.py: PyTorch's torch.jit.CompilationUnit on the same source).
type compileCase struct {
	Name   string
	Source string
	Calls  []struct {
		Fn   string
		Args []json.RawMessage
		Out  json.RawMessage
	}
	GraphInputs map[string][]string `json:"graph_inputs"`
}

var fixtureDTypes = map[string]tensor.DType{"float32": tensor.Float32, "float64": tensor.Float64, "int64": tensor.Int64, "bool": tensor.Bool}

// decodeValue turns an encoded fixture value into an argument or result.
func decodeValue(t *testing.T, raw json.RawMessage) any {
	t.Helper()
	var obj map[string]json.RawMessage
	if json.Unmarshal(raw, &obj) == nil {
		if tu, ok := obj["tuple"]; ok {
			var elems []json.RawMessage
			json.Unmarshal(tu, &elems)
			out := Tuple{}
			for _, e := range elems {
				out = append(out, decodeValue(t, e))
			}
			return out
		}
		var enc struct {
			DType string
			Shape []int
			Data  []float64
		}
		json.Unmarshal(raw, &enc)
		x, err := tensor.FromFloat64As(fixtureDTypes[enc.DType], enc.Data, enc.Shape...)
		if err != nil {
			t.Fatal(err)
		}
		return x
	}
	var ints []int
	if json.Unmarshal(raw, &ints) == nil {
		return ints
	}
	var b bool
	if json.Unmarshal(raw, &b) == nil {
		return b
	}
	s := strings.TrimSpace(string(raw))
	var f float64
	if err := json.Unmarshal(raw, &f); err != nil {
		t.Fatalf("fixture value %s", raw)
	}
	if !strings.ContainsAny(s, ".eE") {
		return int(f)
	}
	return f
}

func sameValue(t *testing.T, rt *tensor.Runtime, what string, got, want any) {
	t.Helper()
	switch w := want.(type) {
	case *tensor.Tensor:
		g, ok := got.(*tensor.Tensor)
		if !ok {
			t.Errorf("%s: got %T, want a tensor", what, got)
			return
		}
		if g.DType() != w.DType() || !slices.Equal(g.Shape(), w.Shape()) {
			t.Errorf("%s: got %s%v, want %s%v", what, g.DType(), g.Shape(), w.DType(), w.Shape())
			return
		}
		gv, wv := g.Float64s(), w.Float64s()
		for i := range wv {
			if math.Abs(gv[i]-wv[i]) > 1e-5*(1+math.Abs(wv[i])) {
				t.Errorf("%s: got %v, want %v", what, gv, wv)
				return
			}
		}
	case Tuple:
		g, ok := got.(Tuple)
		if !ok || len(g) != len(w) {
			t.Errorf("%s: got %#v, want a tuple of %d", what, got, len(w))
			return
		}
		for i := range w {
			sameValue(t, rt, fmt.Sprintf("%s[%d]", what, i), g[i], w[i])
		}
	case float64:
		if g, ok := got.(float64); !ok || math.Abs(g-w) > 1e-12 {
			t.Errorf("%s: got %#v, want %v", what, got, w)
		}
	default:
		if fmt.Sprintf("%#v", got) != fmt.Sprintf("%#v", want) {
			t.Errorf("%s: got %#v, want %#v", what, got, want)
		}
	}
}

// TestCompileAgainstPyTorch compiles the sources of gen_compile.py and
// checks every function's results (twice: traced or evaluated, then from
// the trace) and, for calls with tensors, the input names of the graph.
func TestCompileAgainstPyTorch(t *testing.T) {
	raw, err := os.ReadFile("testdata/compile_fixtures.json")
	if err != nil {
		t.Fatal(err)
	}
	var cases []compileCase
	if err := json.Unmarshal(raw, &cases); err != nil {
		t.Fatal(err)
	}
	for _, c := range cases {
		t.Run(c.Name, func(t *testing.T) {
			u, err := Compile(c.Source)
			if err != nil {
				t.Fatal(err)
			}
			rt := tensor.NewRuntime()
			for i, call := range c.Calls {
				f := u.Function(call.Fn)
				if f == nil {
					t.Fatalf("no function %s", call.Fn)
				}
				var args []any
				for _, a := range call.Args {
					args = append(args, decodeValue(t, a))
				}
				want := decodeValue(t, call.Out)
				for rep := 0; rep < 2; rep++ {
					got, err := f.Call(rt, args, nil)
					if err != nil {
						t.Fatalf("call %d: %v", i, err)
					}
					sameValue(t, rt, fmt.Sprintf("%s call %d", call.Fn, i), got, want)
				}
				g := f.CurrentGraph()
				if g == nil && tensorArgs(args) && len(args) == len(c.GraphInputs[call.Fn]) && c.Name != "valueread" {
					t.Errorf("%s: no graph after a call with tensors", call.Fn)
				}
				if g != nil && tensorArgs(args) {
					var names []string
					for _, in := range g.Inputs {
						names = append(names, in.Name())
					}
					if w := c.GraphInputs[call.Fn]; !slices.Equal(names, w) {
						t.Errorf("%s: graph inputs %v, PyTorch's %v", call.Fn, names, w)
					}
				}
			}
		})
	}
}

func TestCompileErrors(t *testing.T) {
	for _, c := range []struct{ src, want string }{
		{"\ndef f(x):\n  with x:\n    return x\n  return -x\n", "line 3: `with` statements are not supported by jit_compile"},
		{"def f(x):\n  y = x\n  try:\n    y = y + 1\n  except:\n    pass\n  return y\n", "line 3: `try` statements are not supported"},
		{"def f(x):\n  raise ValueError()\n", "line 2: `raise` statements are not supported"},
		{"def f(x):\n  if x > 0:\n  return x\n", "line 2: expected an indented block"},
		{"def f(x):\n  else:\n    return x\n", "line 2: `else` without a matching if"},
		{"def f(x):\n  if x > 0\n    return x\n", "line 2: expected : at the end of the if line"},
		{"def f(x):\n  for i range(3):\n    x = x + 1\n  return x\n", "line 2: expected `for name in iterable:`"},
		{"if True:\n  x = 1\n", "line 1: `if` statements are not supported by jit_compile at the top level"},
		{"def f(x):\n  return x + y\n", "line 2: undefined value y"},
		{"def f(x):\n  return g(x)\n", "line 2: undefined value g"},
		{"def f(x: Dict[str, int]):\n  return x\n", "line 1: unknown type annotation 'Dict[str, int]' of argument 'x'"},
		{"x = 1\n", "line 1: expected a function definition (def), got `x = 1`"},
		{"import torch\ndef f(x):\n  return x\n", "line 1: `import` statements are not supported by jit_compile at the top level"},
		{"def f(x):\n  return x\n    y = 2\n", "line 3: unexpected indentation"},
		{"def f(x):\n  return torch.sum(x,\n", "line 2: unexpected end of source: unclosed bracket"},
		{"def f(x):\n  return x[1:2]\n", "line 2: slices and multi-dimensional subscripts (x[a:b], x[i, j]) are not supported"},
		{"def f(x):\n  return x[:, 1]\n", "line 2: slices (x[a:b]) are not supported"},
		{"def f(x):\n  return x\ndef f(y):\n  return y\n", "line 3: function 'f' is defined twice"},
		{"def f(x):\n", "line 1: function 'f' has no body"},
		{"def f(x, n: int = 1, m: int):\n  return x\n", "line 1: parameter m without a default follows parameters with defaults"},
		{"def f(x):\n  return lambda: x\n", "line 2: `lambda` is not supported"},
		{"def f(x):\n  return 1 < x < 2\n", "line 2: chained comparisons are not supported"},
	} {
		_, err := Compile(c.src)
		if err == nil || !strings.HasPrefix(err.Error(), c.want) {
			t.Errorf("%q: got %v, want %q", c.src, err, c.want)
		}
	}
}

func TestCompiledCallErrors(t *testing.T) {
	u, err := Compile("def f(x, n: int = 2):\n  y = x * n\n  return torch.matmul(y, y)\n")
	if err != nil {
		t.Fatal(err)
	}
	rt := tensor.NewRuntime()
	f := u.Function("f")
	x := randn(t, rt, 2, 3)
	for _, c := range []struct {
		pos   []any
		named map[string]any
		want  string
	}{
		{[]any{x}, nil, "in function 'f', line 3: "},
		{[]any{x, 2.5}, nil, "f() Expected a value of type 'int' for argument 'n' but instead found type 'float'.\nDeclaration: f(Tensor x, int n=2)"},
		{[]any{3}, nil, "f() Expected a value of type 'Tensor' for argument 'x' but instead found type 'int'."},
		{[]any{x, 1, 2}, nil, "f() expected at most 2 argument(s) but received 3 argument(s). Declaration: f(Tensor x, int n=2)"},
		{nil, nil, "f() is missing value for argument 'x'. Declaration: f(Tensor x, int n=2)"},
		{[]any{x}, map[string]any{"m": 1}, "Unknown keyword argument 'm' for operator 'f'. Schema: f(Tensor x, int n=2)"},
	} {
		_, err := f.Call(rt, c.pos, c.named)
		if err == nil || !strings.HasPrefix(err.Error(), c.want) {
			t.Errorf("got %v, want %q", err, c.want)
		}
	}
	// a compiled function's code prints as written, with types
	if got, want := f.Code(), "def f(x: Tensor,\n    n: int=2):\n  y = x * n\n  return torch.matmul(y, y)\n"; got != want {
		t.Errorf("code:\n%s\nwant:\n%s", got, want)
	}
}

// TestCompileFixturesCurrent re-runs the generators with PyTorch and checks
// that the committed fixtures are what they write (skipped without PyTorch).
func TestCompileFixturesCurrent(t *testing.T) {
	if exec.Command("/usr/bin/python3", "-c", "import torch").Run() != nil {
		t.Skip("PyTorch (/usr/bin/python3 with torch) is not installed")
	}
	dir := t.TempDir()
	script, err := os.ReadFile("testdata/gen_compile.py")
	if err != nil {
		t.Fatal(err)
	}
	os.WriteFile(filepath.Join(dir, "gen_compile.py"), script, 0o644)
	cmd := exec.Command("/usr/bin/python3", "gen_compile.py")
	cmd.Dir = dir
	if out, err := cmd.CombinedOutput(); err != nil {
		t.Fatalf("gen_compile.py: %v\n%s", err, out)
	}
	got, _ := os.ReadFile(filepath.Join(dir, "compile_fixtures.json"))
	want, _ := os.ReadFile("testdata/compile_fixtures.json")
	if string(got) != string(want) {
		t.Error("testdata/compile_fixtures.json differs from gen_compile.py's output: regenerate it")
	}
	script, err = os.ReadFile("testdata/gen_scripted.py")
	if err != nil {
		t.Fatal(err)
	}
	os.WriteFile(filepath.Join(dir, "gen_scripted.py"), script, 0o644)
	cmd = exec.Command("/usr/bin/python3", "gen_scripted.py")
	cmd.Dir = dir
	if out, err := cmd.CombinedOutput(); err != nil {
		t.Fatalf("gen_scripted.py: %v\n%s", err, out)
	}
	got, _ = os.ReadFile(filepath.Join(dir, "scripted_fixtures.json"))
	want, _ = os.ReadFile("testdata/scripted_fixtures.json")
	if string(got) != string(want) {
		t.Error("testdata/scripted_fixtures.json differs from gen_scripted.py's output: regenerate it")
	}
	cmd = exec.Command("/usr/bin/python3", "gen_loaded_graphs.py")
	cmd.Dir = "testdata"
	out, err := cmd.Output()
	if err != nil {
		t.Fatalf("gen_loaded_graphs.py: %v", err)
	}
	if want, _ := os.ReadFile("testdata/loaded_graphs.txt"); string(out) != string(want) {
		t.Errorf("testdata/loaded_graphs.txt differs from gen_loaded_graphs.py's output:\n%s", out)
	}
}

// FuzzCompile: no source makes Compile or a call of what it compiled panic.
func FuzzCompile(f *testing.F) {
	raw, _ := os.ReadFile("testdata/compile_fixtures.json")
	var cases []compileCase
	json.Unmarshal(raw, &cases)
	for _, c := range cases {
		f.Add(c.Source)
	}
	f.Add("def f(x):\n  return x[0] + x.shape[-1] * len([1, 2]) // 0\n")
	f.Add("def f(n: int):\n  while True:\n    n += 1\n  return n\n")
	f.Fuzz(func(t *testing.T, src string) {
		u, err := Compile(src)
		if err != nil {
			return
		}
		rt := tensor.NewRuntime()
		x, _ := tensor.FromFloat64As(tensor.Float32, []float64{1, -2, 3, 4, 5, 6}, 2, 3)
		for _, fn := range u.Functions {
			var args []any
			for _, p := range fn.Params() {
				switch p.Type {
				case "int":
					args = append(args, 2)
				case "float":
					args = append(args, 0.5)
				case "bool":
					args = append(args, true)
				case "List[int]":
					args = append(args, []int{3, 2})
				default:
					args = append(args, x)
				}
			}
			stop := time.AfterFunc(50*time.Millisecond, rt.Interrupt) // endless loops stop
			fn.Call(rt, args, nil)
			fn.Call(rt, args[:len(args)/2], nil)
			stop.Stop()
			rt.ClearInterrupt()
		}
	})
}

// TestCompiledSaveLoad saves a compiled function (with a callee, a loop, a
// branch and defaults) as a module's forward, loads it back, and checks
// with PyTorch's torch.jit.load that it gives the same outputs.
func TestCompiledSaveLoad(t *testing.T) {
	u, err := Compile(`
def sq(x):
    return x * x

def f(x, n: int = 2, s: float = 0.5):
    y = torch.nn.functional.relu(x) + s
    for i in range(n):
        y = y + sq(x) / 2
    if bool(y.sum() > 100):
        return -y
    return y
`)
	if err != nil {
		t.Fatal(err)
	}
	f := u.Function("f")
	var buf bytes.Buffer
	if err := Save(&buf, "fn", &Module{Class: "PlaceholderModule", Training: true, Methods: []*Function{f}}); err != nil {
		t.Fatal(err)
	}
	m, err := Load(bytes.NewReader(buf.Bytes()))
	if err != nil {
		t.Fatal(err)
	}
	code := m.Method("forward").Code()
	for _, want := range []string{"    s: float=0.5):\n", "    y = y + (self.sq(x) / 2)\n", "  y = torch.relu(x) + s\n"} {
		if !strings.Contains(code, want) {
			t.Errorf("code lacks %q:\n%s", want, code)
		}
	}
	rt := tensor.NewRuntime()
	for _, scale := range []float64{1, 20} { // both branches
		x, _ := tensor.FromFloat64As(tensor.Float32, []float64{-1 * scale, 0.5 * scale, 2 * scale}, 3)
		want, err := f.Call(rt, []any{x}, nil)
		if err != nil {
			t.Fatal(err)
		}
		got, err := m.Method("forward").Run(rt, nil, x)
		if err != nil {
			t.Fatal(err)
		}
		assertClose(t, rt, got.(*tensor.Tensor), want.(*tensor.Tensor))
		if hasTorch() {
			path := filepath.Join(t.TempDir(), "fn.pt")
			os.WriteFile(path, buf.Bytes(), 0o644)
			if py := torchRun(t, path, "forward", false, x); !closeSlices(py, want.(*tensor.Tensor).Float32s()) {
				t.Errorf("torch.jit.load: %v, torchr %v", py, want.(*tensor.Tensor).Float32s())
			}
		}
	}
}
