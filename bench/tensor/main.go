// Command tensor compares torchr's elementwise and reduction ops on 1e6
// float32 elements with PyTorch eager, in one run, and prints the ratios.
//
// Each op is timed with two lifecycles of its result, on both sides alike:
// "temporary" (the result is dropped at once: PyTorch frees it when its
// refcount drops, torchr when the caller releases it, as the language does
// for temporaries such as x * 2 in x * 2 + 1) and "held" (the result lives
// until the next call replaces it, y = op(x) in a loop: PyTorch frees the
// old one after allocating the new one, torchr's collector finds it).
//
//	go run ./bench/tensor            # Go with GOMAXPROCS threads, torch default
//	go run ./bench/tensor -threads 1 # both on one thread
package main

import (
	"encoding/json"
	"flag"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"runtime"
	"strconv"
	"time"

	"torchr/bench/internal/harness"
	"torchr/tensor"
)

// held keeps the latest result in the held lifecycle until the next call
// replaces it.
var held []*tensor.Tensor

func main() {
	threads := flag.Int("threads", 0, "threads for both sides (0: Go uses GOMAXPROCS, torch its default)")
	flag.Parse()
	rt := tensor.NewRuntime()
	if *threads > 0 {
		rt.SetThreads(*threads)
	}
	x, _ := rt.Randn(tensor.Float32, 1000000)
	y, _ := rt.Randn(tensor.Float32, 1000000)
	call := func(name string, args ...any) func(release bool) {
		return func(release bool) {
			out, err := rt.Call(name, args...)
			if err != nil {
				panic(err)
			}
			if release {
				for _, t := range out {
					rt.Release(t)
				}
				return
			}
			held = out
		}
	}
	ops := []struct {
		name string
		f    func(release bool)
	}{
		{"add", call("add", x, y)},
		{"mul", call("mul", x, y)},
		{"mul_scalar", call("mul", x, 2.0)},
		{"div", call("div", x, y)},
		{"neg", call("neg", x)},
		{"relu", call("relu", x)},
		{"exp", call("exp", x)},
		{"sigmoid", call("sigmoid", x)},
		{"tanh", call("tanh", x)},
		{"sum", call("sum", x)},
		{"mean", call("mean", x)},
	}
	rt.SetGradEnabled(false)
	goTemp, goHeld := map[string]float64{}, map[string]float64{}
	for _, op := range ops {
		goTemp[op.name], _ = harness.Time(func() { op.f(true) }, 7, 50*time.Millisecond)
		goHeld[op.name], _ = harness.Time(func() { op.f(false) }, 7, 50*time.Millisecond)
	}
	_, file, _, _ := runtime.Caller(0)
	script := filepath.Join(filepath.Dir(file), "bench_torch.py")
	args := []string{script}
	if *threads > 0 {
		args = append(args, strconv.Itoa(*threads))
	}
	cmd := exec.Command("/usr/bin/python3", args...)
	if *threads > 0 {
		cmd.Env = append(os.Environ(), "OMP_NUM_THREADS="+strconv.Itoa(*threads))
	}
	raw, err := cmd.Output()
	if err != nil {
		fmt.Fprintln(os.Stderr, "torch side failed:", err)
		os.Exit(1)
	}
	var py struct {
		Threads int                `json:"threads"`
		US      map[string]float64 `json:"us"`
		Held    map[string]float64 `json:"held"`
	}
	if err := json.Unmarshal(raw, &py); err != nil {
		fmt.Fprintln(os.Stderr, err)
		os.Exit(1)
	}
	fmt.Printf("1e6 float32 elements; Go threads %d, torch threads %d; median of 7 samples, µs per op\n", rt.Threads(), py.Threads)
	fmt.Printf("| op | temporary: torchr µs | torch µs | ratio | held: torchr µs | torch µs | ratio |\n|---|---|---|---|---|---|---|\n")
	for _, op := range ops {
		g, p := goTemp[op.name], py.US[op.name]
		gh, ph := goHeld[op.name], py.Held[op.name]
		fmt.Printf("| %s | %.0f | %.0f | %.2f | %.0f | %.0f | %.2f |\n", op.name, g, p, g/p, gh, ph, gh/ph)
	}
}
