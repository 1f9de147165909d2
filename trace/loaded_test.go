package trace

import (
	"encoding/json"
	"os"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"testing"

	"torchr/tensor"
)

func TestLoadedCodeAndGraph(t *testing.T) {
	f, err := os.Open("testdata/conv.pt")
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	m, err := Load(f)
	if err != nil {
		t.Fatal(err)
	}
	fwd := m.Methods[0]
	if fwd.CurrentGraph() != nil {
		t.Fatal("a graph before the first call")
	}
	code := fwd.Code()
	if !strings.HasPrefix(code, "def forward(self: __torch__."+m.Class+",\n    x: Tensor):\n") || !strings.Contains(code, "\n  return ") {
		t.Errorf("code:\n%s", code)
	}
	// the printed code parses back to the same statements
	classes, err := parseClasses("class C(Module):\n  " + strings.ReplaceAll(strings.TrimSuffix(code, "\n"), "\n", "\n  ") + "\n")
	if err != nil {
		t.Fatal(err)
	}
	again := &Function{Name: "forward", loaded: &loadedMethod{mod: m, meth: classes[0].methods[0]}}
	if got := again.Code(); got != code {
		t.Errorf("reprinted:\n%s\nwant:\n%s", got, code)
	}
	rt := tensor.NewRuntime()
	for _, b := range []int{2, 3} {
		x := randn(t, rt, b, 2, 8, 8)
		if _, err := fwd.Run(rt, nil, x); err != nil {
			t.Fatal(err)
		}
		g := fwd.CurrentGraph()
		if g == nil || !strings.Contains(g.String(), "aten::_convolution") && !strings.Contains(g.String(), "aten::conv") {
			t.Fatalf("graph %v", g)
		}
		if s := g.Inputs[1].Type.Shape; s[0] != b {
			t.Errorf("the graph of the latest call has input shape %v", s)
		}
	}
	if n := len(fwd.tracedSignatures()); n != 2 {
		t.Errorf("%d traced signatures", n)
	}
}

// graphValue is a value of a printed graph: its type and the node kind
// (with attribute) defining it ("input" for graph inputs).
type graphValue struct{ typ, def string }

var (
	valueHead = regexp.MustCompile(`^\s*(?:graph\()?%([\w.]+) : (.*)$`)
	nodeKind  = regexp.MustCompile(`^([\w:]+(?:\[[^\]]*\])?)\(`)
)

// parseGraph reads the values of a printed graph, and its input names in order.
func parseGraph(text string) (map[string]graphValue, []string) {
	vals := map[string]graphValue{}
	var inputs []string
	for _, line := range strings.Split(text, "\n") {
		m := valueHead.FindStringSubmatch(line)
		if m == nil {
			continue
		}
		typ, rest, isNode := strings.Cut(m[2], " = ")
		if !isNode {
			inputs = append(inputs, m[1])
			vals[m[1]] = graphValue{strings.TrimSuffix(strings.TrimSuffix(typ, ","), "):"), "input"}
			continue
		}
		def := rest
		if k := nodeKind.FindStringSubmatch(rest); k != nil {
			def = k[1]
		}
		vals[m[1]] = graphValue{typ, def}
	}
	return vals, inputs
}

// hasTensors reports whether a module holds parameters or buffers.
func hasTensors(m *Module) bool {
	return len(m.Attrs()) > 0
}

// TestLoadedGraphNames checks the names in the graphs of loaded archives
// against PyTorch's (testdata/loaded_graphs.txt, gen_loaded_graphs.py):
// the inputs are named after the code's arguments (%x.1, %self.1) and the
// values the code assigns to variables after them (%bias.1, %input0.1),
// defined by the same kind of node. PyTorch's graph calls submodules
// (prim::CallMethod) where ours has their operations inlined, so values of
// those calls and the GetAttrs of submodules without tensors (never read
// in ours) are not compared.
func TestLoadedGraphNames(t *testing.T) {
	raw, err := os.ReadFile("testdata/loaded_graphs.txt")
	if err != nil {
		t.Fatal(err)
	}
	want := map[string]string{}
	var cur string
	for _, line := range strings.SplitAfter(string(raw), "\n") {
		if strings.HasPrefix(line, "== ") {
			cur = strings.TrimSpace(line[3:])
			continue
		}
		want[cur] += line
	}
	shapes := map[string][][]int{"linear": {{2, 4}}, "mlp": {{4, 6}}, "conv": {{2, 2, 8, 8}}, "tuple": {{3, 4}, {3, 4}}}
	for _, name := range []string{"linear", "mlp", "conv", "tuple"} {
		t.Run(name, func(t *testing.T) {
			f, err := os.Open("testdata/" + name + ".pt")
			if err != nil {
				t.Fatal(err)
			}
			defer f.Close()
			m, err := Load(f)
			if err != nil {
				t.Fatal(err)
			}
			rt := tensor.NewRuntime()
			var args []any
			for _, s := range shapes[name] {
				args = append(args, randn(t, rt, s...))
			}
			fwd := m.Method("forward")
			if _, err := fwd.Run(rt, nil, args...); err != nil {
				t.Fatal(err)
			}
			got := fwd.CurrentGraph().String()
			gv, gin := parseGraph(got)
			wv, win := parseGraph(want[name])
			if !slices.Equal(gin, win) {
				t.Errorf("inputs %v, PyTorch's %v", gin, win)
			}
			if gv[gin[0]].typ != wv[win[0]].typ {
				t.Errorf("self is %s, PyTorch's %s", gv[gin[0]].typ, wv[win[0]].typ)
			}
			for n, w := range wv {
				if _, err := strconv.Atoi(n); err == nil || w.def == "input" || strings.HasPrefix(w.def, "prim::CallMethod") {
					continue
				}
				g, ok := gv[n]
				if !ok && strings.HasPrefix(w.def, "prim::GetAttr") && strings.HasPrefix(w.typ, "__torch__.") {
					attr := strings.TrimSuffix(strings.TrimPrefix(w.def, `prim::GetAttr[name="`), `"]`)
					for _, c := range m.Children {
						if c.Name == attr && !hasTensors(c.Module) {
							ok, g = true, w
						}
					}
				}
				if !ok {
					t.Errorf("no %%%s (PyTorch: %s = %s) in\n%s", n, w.typ, w.def, got)
					continue
				}
				if g.def != w.def || strings.HasPrefix(w.typ, "__torch__.") && g.typ != w.typ {
					t.Errorf("%%%s is %s = %s, PyTorch's %s = %s", n, g.typ, g.def, w.typ, w.def)
				}
			}
		})
	}
}

// TestLoadScriptedModule loads a module compiled by torch.jit.script
// (testdata/scripted.pt, gen_scripted.py: a for loop, an if on a tensor's
// value, a defaulted int argument, self named by the code) and checks its
// outputs against PyTorch's, in both branches; the method is evaluated on
// every call since its branch depends on values.
func TestLoadScriptedModule(t *testing.T) {
	raw, err := os.ReadFile("testdata/scripted_fixtures.json")
	if err != nil {
		t.Fatal(err)
	}
	var calls []struct {
		X struct {
			Shape []int
			Data  []float64
		}
		N   *int
		Out struct {
			Shape []int
			Data  []float64
		}
	}
	if err := json.Unmarshal(raw, &calls); err != nil {
		t.Fatal(err)
	}
	f, err := os.Open("testdata/scripted.pt")
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	m, err := Load(f)
	if err != nil {
		t.Fatal(err)
	}
	fwd := m.Method("forward")
	if code := fwd.Code(); !strings.Contains(code, "    n: int=2):\n") || !strings.Contains(code, "  for i in range(n):\n    y0 = torch.mul(y0, 2)\n") {
		t.Errorf("code:\n%s", code)
	}
	rt := tensor.NewRuntime()
	for i, c := range calls {
		x, _ := tensor.FromFloat64As(tensor.Float32, c.X.Data, c.X.Shape...)
		args := []any{x}
		if c.N != nil {
			args = append(args, *c.N)
		}
		want, _ := tensor.FromFloat64As(tensor.Float32, c.Out.Data, c.Out.Shape...)
		for rep := 0; rep < 2; rep++ {
			out, err := fwd.Run(rt, nil, args...)
			if err != nil {
				t.Fatalf("call %d: %v", i, err)
			}
			assertClose(t, rt, out.(*tensor.Tensor), want)
		}
	}
}

// TestScriptedCodeIdioms runs code in the form torch.jit.script prints
// Optional arguments and typed lists in: torch.__isnot__, unchecked_cast,
// annotate.
func TestScriptedCodeIdioms(t *testing.T) {
	src := `class C(Module):
  __parameters__ = []
  __buffers__ = []
  training : bool
  def forward(s,
    x: Tensor,
    mask: Optional[Tensor]=None) -> Tensor:
    sizes = annotate(List[int], [])
    if torch.__isnot__(mask, None):
      mask0 = unchecked_cast(Tensor, mask)
      h = torch.mul(x, mask0)
    else:
      h = x
    if torch.__is__(mask, None) or not s.training:
      h = torch.add(h, 1)
    return h
`
	classes, err := parseClasses(src)
	if err != nil {
		t.Fatal(err)
	}
	m := &Module{Class: "C", script: classes[0], Training: true}
	fwd := &Function{Name: "forward", loaded: &loadedMethod{mod: m, meth: classes[0].methods[0]}}
	rt := tensor.NewRuntime()
	x, _ := tensor.FromFloat64As(tensor.Float32, []float64{1, 2}, 2)
	mask, _ := tensor.FromFloat64As(tensor.Float32, []float64{0, 3}, 2)
	for _, c := range []struct {
		args []any
		want []float64
	}{{[]any{x}, []float64{2, 3}}, {[]any{x, mask}, []float64{0, 6}}} {
		out, err := fwd.Run(rt, nil, c.args...)
		if err != nil {
			t.Fatal(err)
		}
		if got := out.(*tensor.Tensor).Float64s(); !slices.Equal(got, c.want) {
			t.Errorf("got %v, want %v", got, c.want)
		}
	}
}
