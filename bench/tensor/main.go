// Command tensor compares torchr's elementwise and reduction ops on 1e6
// float32 elements with PyTorch eager, in one run, and prints the ratios.
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

func main() {
	threads := flag.Int("threads", 0, "threads for both sides (0: Go uses GOMAXPROCS, torch its default)")
	flag.Parse()
	rt := tensor.NewRuntime()
	if *threads > 0 {
		rt.SetThreads(*threads)
	}
	x, _ := rt.Randn(tensor.Float32, 1000000)
	y, _ := rt.Randn(tensor.Float32, 1000000)
	call := func(name string, args ...any) func() {
		return func() {
			if _, err := rt.Call(name, args...); err != nil {
				panic(err)
			}
		}
	}
	ops := []struct {
		name string
		f    func()
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
	goUS := map[string]float64{}
	for _, op := range ops {
		goUS[op.name], _ = harness.Time(op.f, 7, 50*time.Millisecond)
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
	}
	if err := json.Unmarshal(raw, &py); err != nil {
		fmt.Fprintln(os.Stderr, err)
		os.Exit(1)
	}
	fmt.Printf("1e6 float32 elements; Go threads %d, torch threads %d; median of 7 samples, µs per op\n", rt.Threads(), py.Threads)
	fmt.Printf("| op | torchr µs | torch µs | ratio |\n|---|---|---|---|\n")
	for _, op := range ops {
		g, p := goUS[op.name], py.US[op.name]
		fmt.Printf("| %s | %.0f | %.0f | %.2f |\n", op.name, g, p, g/p)
	}
}
