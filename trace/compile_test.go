package trace

import (
	"strings"
	"testing"

	"torchr/tensor"
)

// mlp is a 3-layer perceptron with dropout, as the R layer would trace it.
type mlp struct {
	params map[string]*tensor.Tensor
	order  []string
	train  bool
}

func newMLP(t testing.TB, rt *tensor.Runtime, sizes ...int) *mlp {
	m := &mlp{params: map[string]*tensor.Tensor{}}
	for i := 0; i+1 < len(sizes); i++ {
		w, _ := rt.Randn(tensor.Float32, sizes[i+1], sizes[i])
		w, _ = rt.Mul(w, 0.05)
		b, _ := rt.Randn(tensor.Float32, sizes[i+1])
		w.SetRequiresGrad(true)
		b.SetRequiresGrad(true)
		name := "fc" + string(rune('1'+i))
		m.params[name+".weight"], m.params[name+".bias"] = w, b
		m.order = append(m.order, name+".weight", name+".bias")
	}
	return m
}

func (m *mlp) forward(rt *tensor.Runtime, x *tensor.Tensor) (*tensor.Tensor, error) {
	n := len(m.order) / 2
	for i := 0; i < n; i++ {
		name := "fc" + string(rune('1'+i))
		var err error
		x, err = rt.Linear(x, m.params[name+".weight"], m.params[name+".bias"])
		if err != nil {
			return nil, err
		}
		if i < n-1 {
			if x, err = rt.Relu(x); err != nil {
				return nil, err
			}
			if x, err = rt.Dropout(x, 0.5, m.train); err != nil {
				return nil, err
			}
		}
	}
	return x, nil
}

func (m *mlp) trace(t testing.TB, rt *tensor.Runtime, x *tensor.Tensor) *Function {
	tr := Start(rt, Options{Self: "__torch__.MLP", Strict: true})
	for i := 0; i < len(m.order)/2; i++ {
		tr.Module("fc"+string(rune('1'+i)), "__torch__.nn_linear")
	}
	for _, q := range m.order {
		tr.Param(q, m.params[q])
	}
	tr.Input(x)
	y, err := m.forward(rt, x)
	if err != nil {
		t.Fatal(err)
	}
	f, err := tr.Finish("forward", y)
	if err != nil {
		t.Fatal(err)
	}
	return f
}

func TestMLPCompiled(t *testing.T) {
	rt := tensor.NewRuntime()
	rt.SetThreads(1) // packed weights for batches >= 6
	m := newMLP(t, rt, 20, 16, 16, 3)
	f := m.trace(t, rt, randn(t, rt, 4, 20))
	g := f.Graph.String()
	for _, want := range []string{
		"%fc3 : __torch__.nn_linear = prim::GetAttr[name=\"fc3\"](%self)\n  %fc2 : __torch__.nn_linear = prim::GetAttr[name=\"fc2\"](%self)",
		"%bias : Tensor = prim::GetAttr[name=\"bias\"](%fc1)\n  %weight : Tensor = prim::GetAttr[name=\"weight\"](%fc1)",
		"aten::dropout(", "%weight.1 : Tensor = prim::GetAttr[name=\"weight\"](%fc2)",
	} {
		if !strings.Contains(g, want) {
			t.Errorf("graph lacks %q:\n%s", want, g)
		}
	}
	opt := Optimize(f.Graph).String()
	if strings.Contains(opt, "dropout") || strings.Count(opt, "trace::linear_act[act=\"relu\"]") != 2 || strings.Count(opt, "trace::linear_act[act=\"none\"]") != 1 {
		t.Errorf("optimized:\n%s", opt)
	}
	for _, batch := range []int{1, 4, 7, 1, 64, 4} {
		for rep := 0; rep < 2; rep++ {
			x := randn(t, rt, batch, 20)
			var got any
			var ref *tensor.Tensor
			err := rt.NoGrad(func() error {
				var err error
				if got, err = f.Run(rt, m.params, x); err != nil {
					return err
				}
				ref, err = m.forward(rt, x)
				return err
			})
			if err != nil {
				t.Fatal(err)
			}
			assertClose(t, rt, got.(*tensor.Tensor), ref)
		}
	}
	if len(f.plans) != 4 {
		t.Errorf("%d plans", len(f.plans))
	}
	// an in-place update of a weight is seen by the packed copy
	x64 := randn(t, rt, 64, 20)
	rt.NoGrad(func() error {
		f.Run(rt, m.params, x64)
		if err := rt.Fill_(m.params["fc1.weight"], 0.01); err != nil {
			t.Fatal(err)
		}
		got, err := f.Run(rt, m.params, x64)
		if err != nil {
			t.Fatal(err)
		}
		ref, _ := m.forward(rt, x64)
		assertClose(t, rt, got.(*tensor.Tensor), ref)
		return nil
	})
	// outputs are not reused buffers
	x := randn(t, rt, 2, 20)
	var a, b any
	rt.NoGrad(func() error { a, _ = f.Run(rt, m.params, x); b, _ = f.Run(rt, m.params, x); return nil })
	if a.(*tensor.Tensor).SharesStorage(b.(*tensor.Tensor)) {
		t.Error("two calls share an output buffer")
	}
	// with grad: backward reaches the parameters
	out, err := f.Run(rt, m.params, x)
	if err != nil {
		t.Fatal(err)
	}
	s, _ := rt.Sum(out.(*tensor.Tensor))
	if err := rt.Backward(s, nil, false, false); err != nil {
		t.Fatal(err)
	}
	if m.params["fc1.weight"].Grad() == nil {
		t.Error("no gradient")
	}
}

func TestElementwiseChainCompiled(t *testing.T) {
	rt := tensor.NewRuntime()
	x := randn(t, rt, 3000)
	y := randn(t, rt, 3000)
	fwd := func(x, y *tensor.Tensor) (*tensor.Tensor, *tensor.Tensor) {
		a, _ := rt.Mul(x, 2.0)
		b, _ := rt.Add(a, 1.0, tensor.Int(1))
		c, _ := rt.Relu(b)
		d, _ := rt.Mul(c, y)
		e, _ := rt.Sub(d, x, tensor.Int(1))
		r, _ := rt.Sigmoid(e)
		v, _ := rt.View(r, 30, 100)
		w, _ := rt.Tanh(v)
		return r, w
	}
	tr := Start(rt, Options{})
	tr.Input(x)
	tr.Input(y)
	r, w := fwd(x, y)
	f, err := tr.Finish("forward", Tuple{r, w})
	if err != nil {
		t.Fatal(err)
	}
	for rep := 0; rep < 3; rep++ {
		x2, y2 := randn(t, rt, 3000), randn(t, rt, 3000)
		out, err := f.Run(rt, nil, x2, y2)
		if err != nil {
			t.Fatal(err)
		}
		r2, w2 := fwd(x2, y2)
		assertClose(t, rt, out.(Tuple)[0].(*tensor.Tensor), r2)
		assertClose(t, rt, out.(Tuple)[1].(*tensor.Tensor), w2)
	}
	p := f.last
	if p == nil || len(p.steps) >= len(f.opt.Nodes) {
		t.Errorf("chain not fused: %v", f.opt)
	}
}

func TestTrainDropoutStaysRandom(t *testing.T) {
	rt := tensor.NewRuntime()
	m := newMLP(t, rt, 8, 32, 2)
	m.train = true
	f := m.trace(t, rt, randn(t, rt, 4, 8))
	x := randn(t, rt, 4, 8)
	var a, b any
	rt.NoGrad(func() error { a, _ = f.Run(rt, m.params, x); b, _ = f.Run(rt, m.params, x); return nil })
	if eq, _ := rt.Equal(a.(*tensor.Tensor), b.(*tensor.Tensor)); eq {
		t.Error("dropout in train mode gave the same output twice")
	}
}

func TestPrintMLP(t *testing.T) {
	rt := tensor.NewRuntime()
	m := newMLP(t, rt, 20, 16, 3)
	f := m.trace(t, rt, randn(t, rt, 4, 20))
	t.Log("\n" + f.Graph.String() + "\n" + Optimize(f.Graph).String())
}
