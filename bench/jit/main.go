// Command jit times torchr's traced and compiled execution (package trace)
// against the same models run eagerly through the dispatcher, and prints
// one line per measurement: "go MODEL VARIANT WALL_µs".
// Run through bench/jit/run.sh, which also runs PyTorch and prints ratios.
package main

import (
	"flag"
	"fmt"
	"math"
	"time"

	"torchr/bench/internal/harness"
	"torchr/tensor"
	"torchr/trace"
)

func must[T any](v T, err error) T {
	if err != nil {
		panic(err)
	}
	return v
}

// model is a forward function over named parameters.
type model struct {
	name   string
	class  string
	params map[string]*tensor.Tensor
	order  []string
	fwd    func(rt *tensor.Runtime, p map[string]*tensor.Tensor, x *tensor.Tensor) *tensor.Tensor
	x      *tensor.Tensor
}

func linearParams(p map[string]*tensor.Tensor, order *[]string, prefix string, in, out int) {
	w, b := harness.Input(out, in), harness.Input(out)
	s := 1 / math.Sqrt(float64(in))
	w = must(tensor.NewRuntime().Mul(w, s))
	for _, t := range []*tensor.Tensor{w, b} {
		t.SetRequiresGrad(true) // as nn_linear's parameters
	}
	p[prefix+"weight"], p[prefix+"bias"] = w, b
	*order = append(*order, prefix+"weight", prefix+"bias")
}

func mlp(name string, batch int) *model {
	m := &model{name: name, class: "__torch__.MLP", params: map[string]*tensor.Tensor{}, x: harness.Input(batch, 784)}
	linearParams(m.params, &m.order, "fc1.", 784, 256)
	linearParams(m.params, &m.order, "fc2.", 256, 256)
	linearParams(m.params, &m.order, "fc3.", 256, 10)
	m.fwd = func(rt *tensor.Runtime, p map[string]*tensor.Tensor, x *tensor.Tensor) *tensor.Tensor {
		h := must(rt.Relu(must(rt.Linear(x, p["fc1.weight"], p["fc1.bias"]))))
		h = must(rt.Relu(must(rt.Linear(h, p["fc2.weight"], p["fc2.bias"]))))
		return must(rt.Linear(h, p["fc3.weight"], p["fc3.bias"]))
	}
	return m
}

func traceModel(rt *tensor.Runtime, m *model) *trace.Function {
	tr := trace.Start(rt, trace.Options{Self: m.class, Strict: true})
	for _, q := range m.order {
		tr.Param(q, m.params[q])
	}
	if err := tr.Input(m.x); err != nil {
		panic(err)
	}
	y := m.fwd(rt, m.params, m.x)
	return must(tr.Finish("forward", y))
}

func main() {
	samples := flag.Int("reps", 7, "samples per measurement")
	sample := flag.Duration("sample", 100*time.Millisecond, "length of one sample")
	flag.Parse()
	rt := tensor.NewRuntime()
	rt.SetThreads(1)

	lin := &model{name: "linear10x1", class: "__torch__.nn_linear", params: map[string]*tensor.Tensor{}, x: harness.Input(10, 10)}
	linearParams(lin.params, &lin.order, "", 10, 1)
	lin.fwd = func(rt *tensor.Runtime, p map[string]*tensor.Tensor, x *tensor.Tensor) *tensor.Tensor {
		return must(rt.Linear(x, p["weight"], p["bias"]))
	}
	ew := &model{name: "relu(x*2+1)_1e6", params: map[string]*tensor.Tensor{}, x: harness.Input(1000000)}
	ew.fwd = func(rt *tensor.Runtime, p map[string]*tensor.Tensor, x *tensor.Tensor) *tensor.Tensor {
		// intermediates released when dropped, as in PyTorch eager (and
		// as the language does for x * 2 + 1); refused while tracing
		a := must(rt.Mul(x, 2.0))
		b := must(rt.Add(a, 1.0, tensor.Int(1)))
		rt.Release(a)
		y := must(rt.Relu(b))
		rt.Release(b)
		return y
	}
	models := []*model{lin, mlp("mlp_b1", 1), mlp("mlp_b64", 64), ew}
	for _, m := range models {
		f := traceModel(rt, m)
		rt.NoGrad(func() error {
			w, c := harness.Time(func() { m.fwd(rt, m.params, m.x) }, *samples, *sample)
			fmt.Printf("go %s eager %.3f %.3f\n", m.name, w, c)
			f.NoCompile = true
			w, c = harness.Time(func() { must(f.Run(rt, m.params, m.x)) }, *samples, *sample)
			fmt.Printf("go %s interpreted %.3f %.3f\n", m.name, w, c)
			f.NoCompile = false
			w, c = harness.Time(func() { must(f.Run(rt, m.params, m.x)) }, *samples, *sample)
			fmt.Printf("go %s compiled %.3f %.3f\n", m.name, w, c)
			// the output released as soon as it is dropped, as PyTorch's
			// refcount frees it (and the language frees temporaries)
			w, c = harness.Time(func() {
				if t, ok := must(f.Run(rt, m.params, m.x)).(*tensor.Tensor); ok {
					rt.Release(t)
				}
			}, *samples, *sample)
			fmt.Printf("go %s compiled_released %.3f %.3f\n", m.name, w, c)
			return nil
		})
	}
	m := mlp("mlp_b1", 1)
	w, c := harness.Time(func() {
		f := traceModel(rt, m)
		rt.NoGrad(func() error { _, err := f.Run(rt, m.params, m.x); return err })
	}, 5, 200*time.Millisecond)
	fmt.Printf("go trace_mlp trace+compile %.3f %.3f\n", w, c)
}
