package trace

import (
	"strings"
	"testing"

	"torchr/tensor"
)

func traceFn(t *testing.T, rt *tensor.Runtime, params map[string]*tensor.Tensor, fwd func(x *tensor.Tensor) *tensor.Tensor, x *tensor.Tensor) *Function {
	t.Helper()
	tr := Start(rt, Options{Self: "__torch__.M"})
	for _, q := range sortedKeys(params) {
		tr.Param(q, params[q])
	}
	tr.Input(x)
	f, err := tr.Finish("forward", fwd(x))
	if err != nil {
		t.Fatal(err)
	}
	return f
}

func sortedKeys(m map[string]*tensor.Tensor) []string {
	var ks []string
	for k := range m {
		ks = append(ks, k)
	}
	for i := range ks {
		for j := i + 1; j < len(ks); j++ {
			if ks[j] < ks[i] {
				ks[i], ks[j] = ks[j], ks[i]
			}
		}
	}
	return ks
}

func kinds(g *Graph) string {
	var ks []string
	for _, n := range g.Nodes {
		if n.Kind != "prim::Constant" && n.Kind != "prim::GetAttr" && n.Kind != "prim::ListConstruct" {
			ks = append(ks, n.Kind)
		}
	}
	return strings.Join(ks, " ")
}

// equivalent checks the compiled method against eager code on random inputs.
func equivalent(t *testing.T, rt *tensor.Runtime, f *Function, params map[string]*tensor.Tensor, fwd func(x *tensor.Tensor) *tensor.Tensor, shapes ...[]int) {
	t.Helper()
	rt.NoGrad(func() error {
		for _, sh := range shapes {
			for rep := 0; rep < 2; rep++ {
				x := randn(t, rt, sh...)
				got, err := f.Run(rt, params, x)
				if err != nil {
					t.Fatal(err)
				}
				assertClose(t, rt, got.(*tensor.Tensor), fwd(x))
			}
		}
		return nil
	})
}

func TestPassDCEAndCSE(t *testing.T) {
	rt := tensor.NewRuntime()
	fwd := func(x *tensor.Tensor) *tensor.Tensor {
		a, _ := rt.Relu(x)
		b, _ := rt.Relu(x) // same as a
		rt.Exp(x)          // unused
		c, _ := rt.Add(a, b, tensor.Int(1))
		return c
	}
	f := traceFn(t, rt, nil, fwd, randn(t, rt, 3, 4))
	if got := kinds(f.Graph); got != "aten::relu aten::relu aten::add" {
		t.Errorf("traced: %s", got)
	}
	o := Optimize(f.Graph)
	if got := kinds(o); got != "aten::relu aten::add" {
		t.Errorf("optimized: %s\n%s", got, o)
	}
	if !strings.Contains(o.String(), "aten::add(%3, %3, %") {
		t.Errorf("CSE did not merge:\n%s", o)
	}
	equivalent(t, rt, f, nil, fwd, []int{3, 4}, []int{5, 4})
}

func TestPassConstantFolding(t *testing.T) {
	rt := tensor.NewRuntime()
	fwd := func(x *tensor.Tensor) *tensor.Tensor {
		c, _ := rt.Ones(tensor.Float32, 4)
		c2, _ := rt.Mul(c, 3.0)
		c3, _ := rt.Exp(c2)
		y, _ := rt.Mul(x, c3)
		return y
	}
	f := traceFn(t, rt, nil, fwd, randn(t, rt, 3, 4))
	if got := kinds(f.Graph); got != "aten::ones aten::mul aten::exp aten::mul" {
		t.Errorf("traced: %s", got)
	}
	o := Optimize(f.Graph)
	if got := kinds(o); got != "aten::mul" {
		t.Errorf("optimized: %s\n%s", got, o)
	}
	equivalent(t, rt, f, nil, fwd, []int{3, 4}, []int{7, 4})
}

func TestPassDropoutAndBatchNormFolding(t *testing.T) {
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
		r, _ := rt.Relu(o[0])
		d, _ := rt.Dropout(r, 0.3, false)
		return d
	}
	f := traceFn(t, rt, params, fwd, randn(t, rt, 4, 6))
	if got := kinds(f.Graph); got != "aten::linear aten::batch_norm aten::relu aten::dropout" {
		t.Errorf("traced: %s", got)
	}
	o := Optimize(f.Graph)
	if got := kinds(o); got != "trace::linear_act" || !strings.Contains(o.String(), `trace::linear_act[act="relu", batch_norm_eps=1e-05](%`) {
		t.Errorf("optimized: %s\n%s", got, o)
	}
	equivalent(t, rt, f, params, fwd, []int{4, 6}, []int{1, 6}, []int{33, 6})
	// an in-place update of a running statistic is seen by the folded plan
	rt.NoGrad(func() error { return rt.Fill_(params["bn.running_mean"], 0.25) })
	equivalent(t, rt, f, params, fwd, []int{4, 6})
}

func TestPassConvBatchNormFolding(t *testing.T) {
	rt := tensor.NewRuntime()
	params := map[string]*tensor.Tensor{
		"c.weight": param(t, rt, 4, 2, 3, 3), "c.bias": param(t, rt, 4),
		"bn.weight": param(t, rt, 4), "bn.bias": param(t, rt, 4),
		"bn.running_mean": randn(t, rt, 4),
	}
	rv, _ := rt.Rand(tensor.Float32, 4)
	params["bn.running_var"], _ = rt.Add(rv, 0.5, tensor.Int(1))
	fwd := func(x *tensor.Tensor) *tensor.Tensor {
		o, err := rt.Call("conv2d", x, params["c.weight"], params["c.bias"], []int{1, 1}, []int{1, 1})
		if err != nil {
			t.Fatal(err)
		}
		b, err := rt.Call("batch_norm", o[0], params["bn.weight"], params["bn.bias"], params["bn.running_mean"], params["bn.running_var"], false, 0.1, 1e-5, true)
		if err != nil {
			t.Fatal(err)
		}
		r, _ := rt.Relu(b[0])
		return r
	}
	f := traceFn(t, rt, params, fwd, randn(t, rt, 2, 2, 6, 6))
	if got := kinds(f.Graph); got != "aten::conv2d aten::batch_norm aten::relu" {
		t.Errorf("traced: %s", got)
	}
	o := Optimize(f.Graph)
	if got := kinds(o); got != "trace::conv_bn aten::relu" || !strings.Contains(o.String(), `trace::conv_bn[op="aten::conv2d", batch_norm_eps=1e-05](%`) {
		t.Errorf("optimized: %s\n%s", got, o)
	}
	equivalent(t, rt, f, params, fwd, []int{2, 2, 6, 6}, []int{1, 2, 5, 7})
	rt.NoGrad(func() error { return rt.Fill_(params["bn.running_var"], 2) })
	equivalent(t, rt, f, params, fwd, []int{2, 2, 6, 6})
}
