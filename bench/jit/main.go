// Command jit times torchr's traced and compiled execution (package trace)
// against the same models run eagerly through the dispatcher, and prints
// one line per measurement: "go MODEL VARIANT WALL_µs".
// Run through bench/jit/run.sh, which also runs PyTorch and prints ratios.
package main

import (
	"flag"
	"fmt"
	"math"
	"sort"
	"syscall"
	"time"

	"torchr/tensor"
	"torchr/trace"
)

// cpuTime is the process's user+system CPU time.
func cpuTime() time.Duration {
	var ru syscall.Rusage
	syscall.Getrusage(syscall.RUSAGE_SELF, &ru)
	return time.Duration(ru.Utime.Nano() + ru.Stime.Nano())
}

// timeit returns the median wall and CPU time per call in µs (CPU time is
// much less disturbed by other jobs on a shared machine).
func timeit(f func(), samples int, target time.Duration) (float64, float64) {
	f()
	reps := 1
	for {
		t := time.Now()
		for i := 0; i < reps; i++ {
			f()
		}
		if d := time.Since(t); d > target/4 {
			reps = max(1, int(float64(reps)*float64(target)/float64(d)))
			break
		}
		reps *= 4
	}
	res, cpu := make([]float64, samples), make([]float64, samples)
	for s := range res {
		t, c := time.Now(), cpuTime()
		for i := 0; i < reps; i++ {
			f()
		}
		res[s] = float64(time.Since(t).Nanoseconds()) / 1e3 / float64(reps)
		cpu[s] = float64((cpuTime() - c).Nanoseconds()) / 1e3 / float64(reps)
	}
	sort.Float64s(res)
	sort.Float64s(cpu)
	return res[samples/2], cpu[samples/2]
}

func randT(shape ...int) *tensor.Tensor {
	n := 1
	for _, s := range shape {
		n *= s
	}
	v := make([]float32, n)
	for i := range v {
		v[i] = float32(math.Sin(float64(i)*0.7311 + float64(i*i%97)))
	}
	t, err := tensor.FromFloat32(v, shape...)
	if err != nil {
		panic(err)
	}
	return t
}

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
	w, b := randT(out, in), randT(out)
	s := 1 / math.Sqrt(float64(in))
	w = must(tensor.NewRuntime().Mul(w, s))
	for _, t := range []*tensor.Tensor{w, b} {
		t.SetRequiresGrad(true) // as nn_linear's parameters
	}
	p[prefix+"weight"], p[prefix+"bias"] = w, b
	*order = append(*order, prefix+"weight", prefix+"bias")
}

func mlp(name string, batch int) *model {
	m := &model{name: name, class: "__torch__.MLP", params: map[string]*tensor.Tensor{}, x: randT(batch, 784)}
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

	lin := &model{name: "linear10x1", class: "__torch__.nn_linear", params: map[string]*tensor.Tensor{}, x: randT(10, 10)}
	linearParams(lin.params, &lin.order, "", 10, 1)
	lin.fwd = func(rt *tensor.Runtime, p map[string]*tensor.Tensor, x *tensor.Tensor) *tensor.Tensor {
		return must(rt.Linear(x, p["weight"], p["bias"]))
	}
	ew := &model{name: "relu(x*2+1)_1e6", params: map[string]*tensor.Tensor{}, x: randT(1000000)}
	ew.fwd = func(rt *tensor.Runtime, p map[string]*tensor.Tensor, x *tensor.Tensor) *tensor.Tensor {
		return must(rt.Relu(must(rt.Add(must(rt.Mul(x, 2.0)), 1.0, tensor.Int(1)))))
	}
	models := []*model{lin, mlp("mlp_b1", 1), mlp("mlp_b64", 64), ew}
	for _, m := range models {
		f := traceModel(rt, m)
		rt.NoGrad(func() error {
			w, c := timeit(func() { m.fwd(rt, m.params, m.x) }, *samples, *sample)
			fmt.Printf("go %s eager %.3f %.3f\n", m.name, w, c)
			f.NoCompile = true
			w, c = timeit(func() { must(f.Run(rt, m.params, m.x)) }, *samples, *sample)
			fmt.Printf("go %s interpreted %.3f %.3f\n", m.name, w, c)
			f.NoCompile = false
			w, c = timeit(func() { must(f.Run(rt, m.params, m.x)) }, *samples, *sample)
			fmt.Printf("go %s compiled %.3f %.3f\n", m.name, w, c)
			return nil
		})
	}
	m := mlp("mlp_b1", 1)
	w, c := timeit(func() {
		f := traceModel(rt, m)
		rt.NoGrad(func() error { _, err := f.Run(rt, m.params, m.x); return err })
	}, 5, 200*time.Millisecond)
	fmt.Printf("go trace_mlp trace+compile %.3f %.3f\n", w, c)
}
