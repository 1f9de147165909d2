package trace

import (
	"testing"

	"torchr/tensor"
)

func TestCodeLinear(t *testing.T) {
	rt := tensor.NewRuntime()
	w, b := param(t, rt, 3, 4), param(t, rt, 3)
	x := randn(t, rt, 2, 4)
	tr := Start(rt, Options{Self: "__torch__.nn_linear"})
	tr.Param("weight", w)
	tr.Param("bias", b)
	tr.Input(x)
	y, _ := rt.Linear(x, w, b)
	f, err := tr.Finish("forward", y)
	if err != nil {
		t.Fatal(err)
	}
	want := `def forward(self,
    argument_1: Tensor) -> Tensor:
  bias = self.bias
  weight = self.weight
  return torch.linear(argument_1, weight, bias)
`
	if got := f.Code(); got != want {
		t.Errorf("code:\n%s\nwant:\n%s", got, want)
	}
}

func TestCodeMLP(t *testing.T) {
	rt := tensor.NewRuntime()
	m := newMLP(t, rt, 20, 16, 3)
	f := m.trace(t, rt, randn(t, rt, 4, 20))
	t.Log("\n" + f.Code())
	x := randn(t, rt, 4)
	tr := Start(rt, Options{})
	tr.Input(Tuple{x, x})
	a, _ := rt.Mul(x, 2.0)
	c, _ := rt.Add(a, 1.0, tensor.Int(1))
	s, _ := rt.SumDim(c, []int{0}, true)
	f2, err := tr.Finish("forward", Tuple{c, s})
	if err != nil {
		t.Fatal(err)
	}
	t.Log("\n" + f2.Graph.String() + "\n" + f2.Code())
}
