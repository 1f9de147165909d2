package trace

import (
	"os"
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
