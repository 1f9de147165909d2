// Command nn times torchr's nn kernels on the shapes of bench/nn/torch_nn.py
// and prints one line per measurement: "go NAME THREADS WALL_µs CPU_µs"
// (medians per call; CPU is the process's user+system time).
// Run through bench/nn/run.sh, which also runs PyTorch and prints the table.
//
//	GOMAXPROCS=1 go run ./bench/nn -threads 1
package main

import (
	"flag"
	"fmt"
	"strings"
	"time"

	"torchr/bench/internal/harness"
	"torchr/tensor"
)

func main() {
	threads := flag.Int("threads", 1, "threads for torchr's kernels")
	samples := flag.Int("reps", 7, "samples per measurement")
	sample := flag.Duration("sample", 100*time.Millisecond, "length of one sample")
	only := flag.String("only", "", "comma-separated benchmark names (default: all)")
	flag.Parse()
	rt := tensor.NewRuntime()
	rt.SetThreads(*threads)
	must := func(o []*tensor.Tensor, err error) []*tensor.Tensor {
		if err != nil {
			panic(err)
		}
		return o
	}
	x := harness.Input(32, 3, 32, 32)
	w := harness.Input(16, 3, 3, 3)
	b := harness.Input(16)
	x16 := harness.Input(32, 16, 32, 32)
	w2 := harness.Input(32, 16, 3, 3)
	b2 := harness.Input(32)
	g16 := harness.Input(16)
	ln := harness.Input(64, 512)
	lw := harness.Input(512)
	logits := harness.Input(256, 1000)
	tv := make([]int64, 256)
	for i := range tv {
		tv[i] = int64(i * 37 % 1000)
	}
	target, _ := tensor.FromInt64(tv, 256)
	backward := func(out *tensor.Tensor, inputs ...*tensor.Tensor) {
		s := must(rt.Call("sum", out))[0]
		if _, err := rt.Grad([]*tensor.Tensor{s}, inputs, nil, tensor.GradOptions{}); err != nil {
			panic(err)
		}
	}
	benches := []struct {
		name string
		grad bool
		f    func()
	}{
		{"conv2d_3to16_32x32_b32", false, func() { must(rt.Call("conv2d", x, w, b, []int{1}, []int{1})) }},
		{"conv2d_16to32_32x32_b32", false, func() { must(rt.Call("conv2d", x16, w2, b2, []int{1}, []int{1})) }},
		{"conv2d_3to16_fwd_bwd", true, func() {
			backward(must(rt.Call("conv2d", x, w, b, []int{1}, []int{1}))[0], x, w, b)
		}},
		{"max_pool2d_16x32x32_b32", false, func() { must(rt.Call("max_pool2d", x16, []int{2})) }},
		{"avg_pool2d_16x32x32_b32", false, func() { must(rt.Call("avg_pool2d", x16, []int{2})) }},
		{"batch_norm_train_16x32x32_b32", false, func() {
			must(rt.Call("batch_norm", x16, g16, g16, nil, nil, true, 0.1, 1e-5, false))
		}},
		{"layer_norm_64x512", false, func() { must(rt.Call("layer_norm", ln, []int{512}, lw, lw)) }},
		{"cross_entropy_256x1000_fwd_bwd", true, func() {
			backward(must(rt.Call("cross_entropy_loss", logits, target))[0], logits)
		}},
	}
	want := map[string]bool{}
	for _, n := range strings.Split(*only, ",") {
		if n != "" {
			want[n] = true
		}
	}
	for _, bm := range benches {
		if len(want) > 0 && !want[bm.name] {
			continue
		}
		if bm.grad {
			for _, t := range []*tensor.Tensor{x, w, b, logits} {
				t.SetRequiresGrad(true)
			}
			rt.SetGradEnabled(true)
		} else {
			rt.SetGradEnabled(false)
		}
		us, cpu := harness.Time(bm.f, *samples, *sample)
		fmt.Printf("go %s %d %.1f %.1f\n", bm.name, *threads, us, cpu)
		for _, t := range []*tensor.Tensor{x, w, b, logits} {
			t.SetRequiresGrad(false)
		}
	}
}
