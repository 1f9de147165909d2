// Command alloc measures where the compiled relu(x*2+1) on 1e6 floats
// spends its time beyond the kernel: the fresh 4 MB output of every call
// (BENCHMARKS.md, JIT). One thread; CPU µs per call (getrusage), minor
// page faults and collections per call, for the pool as is ("default"),
// the pool off ("nopool"), and a runtime.GC() forced every N calls
// ("gcN": what immediate reuse of dead outputs would buy).
//
//	GOMAXPROCS=1 go run ./bench/jit/alloc default nopool gc2 gc4 gc8 gc16
package main

import (
	"fmt"
	"os"
	"runtime"
	"strconv"
	"strings"
	"syscall"
	"time"

	"torchr/tensor"
	"torchr/trace"
)

func must[T any](v T, err error) T {
	if err != nil {
		panic(err)
	}
	return v
}

func usage() (cpu time.Duration, minflt int64) {
	var ru syscall.Rusage
	if err := syscall.Getrusage(0, &ru); err != nil {
		panic(err)
	}
	return time.Duration(ru.Utime.Nano() + ru.Stime.Nano()), ru.Minflt
}

func main() {
	modes := os.Args[1:]
	if len(modes) == 0 {
		modes = []string{"default", "gc8", "nopool"}
	}
	rt := tensor.NewRuntime()
	rt.SetThreads(1)
	x := must(rt.Randn(tensor.Float32, 1000000))
	tr := trace.Start(rt, trace.Options{})
	if err := tr.Input(x); err != nil {
		panic(err)
	}
	y := must(rt.Relu(must(rt.Add(must(rt.Mul(x, 2.0)), 1.0, tensor.Int(1)))))
	f := must(tr.Finish("forward", y))
	limit := tensor.SetPoolLimit(tensor.DefaultPoolLimit)
	for _, mode := range modes {
		every := 0
		tensor.SetPoolLimit(limit)
		switch {
		case mode == "nopool":
			tensor.SetPoolLimit(0)
		case strings.HasPrefix(mode, "gc"):
			every = must(strconv.Atoi(mode[2:]))
		}
		runtime.GC()
		err := rt.NoGrad(func() error {
			const n = 2000
			for i := 0; i < n/10; i++ { // warm up
				must(f.Run(rt, nil, x))
			}
			var ms runtime.MemStats
			runtime.ReadMemStats(&ms)
			gc0 := ms.NumGC
			c0, f0 := usage()
			t0 := time.Now()
			for i := 0; i < n; i++ {
				must(f.Run(rt, nil, x))
				if every > 0 && i%every == 0 {
					runtime.GC()
				}
			}
			wall := time.Since(t0)
			c1, f1 := usage()
			runtime.ReadMemStats(&ms)
			fmt.Printf("%-8s cpu %6.1f µs/call  wall %6.1f µs/call  faults/call %5.1f  GCs/call %.3f\n", mode,
				float64((c1-c0).Microseconds())/n, float64(wall.Microseconds())/n, float64(f1-f0)/n, float64(ms.NumGC-gc0)/n)
			return nil
		})
		if err != nil {
			panic(err)
		}
	}
}
