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
	"math"
	"sort"
	"strings"
	"syscall"
	"time"

	"torchr/tensor"
)

// cpuTime is the process's user+system CPU time.
func cpuTime() time.Duration {
	var ru syscall.Rusage
	syscall.Getrusage(syscall.RUSAGE_SELF, &ru)
	return time.Duration(ru.Utime.Nano() + ru.Stime.Nano())
}

// timeit returns the median wall and CPU time per call, in microseconds,
// over samples of at least target each.
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

func randT(rt *tensor.Runtime, shape ...int) *tensor.Tensor {
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
	x := randT(rt, 32, 3, 32, 32)
	w := randT(rt, 16, 3, 3, 3)
	b := randT(rt, 16)
	x16 := randT(rt, 32, 16, 32, 32)
	w2 := randT(rt, 32, 16, 3, 3)
	b2 := randT(rt, 32)
	g16 := randT(rt, 16)
	ln := randT(rt, 64, 512)
	lw := randT(rt, 512)
	logits := randT(rt, 256, 1000)
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
		us, cpu := timeit(bm.f, *samples, *sample)
		fmt.Printf("go %s %d %.1f %.1f\n", bm.name, *threads, us, cpu)
		for _, t := range []*tensor.Tensor{x, w, b, logits} {
			t.SetRequiresGrad(false)
		}
	}
}
