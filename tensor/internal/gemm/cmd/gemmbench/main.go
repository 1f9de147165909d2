// Command gemmbench times torchr's GEMM on the shapes of the speed goal and
// prints one line per measurement: "go dtype shape threads GFLOP/s CPU-GFLOP/s",
// the second rate by process CPU time (all threads), which other jobs on a
// shared machine disturb much less than wall time.
// bench/gemm/run.sh runs it next to the PyTorch script of the same shapes.
// It lives here, not under bench/, because the gemm package is internal
// to tensor/.
package main

import (
	"flag"
	"fmt"
	"os"
	"runtime"
	"slices"
	"strings"
	"syscall"
	"time"

	"torchr/tensor/internal/gemm"
)

type shape struct {
	name    string
	m, n, k int
	transB  bool
}

// Keep in sync with bench/gemm/torch_gemm.py.
var shapes = []shape{
	{"sq128", 128, 128, 128, false},
	{"sq256", 256, 256, 256, false},
	{"sq512", 512, 512, 512, false},
	{"sq1024", 1024, 1024, 1024, false},
	{"x1·W(784x256)", 1, 256, 784, false},
	{"x1·Wt(256x784)", 1, 256, 784, true},
	{"x64·W(784x256)", 64, 256, 784, false},
	{"x64·Wt(256x784)", 64, 256, 784, true},
	{"A(1024x1024)·x", 1024, 1, 1024, false},
}

func main() {
	threadsFlag := flag.String("threads", "1,2", "thread counts")
	dtypes := flag.String("dtypes", "float32,float64", "dtypes")
	reps := flag.Int("reps", 7, "samples per measurement (median reported)")
	sample := flag.Duration("sample", 100*time.Millisecond, "target duration of one sample")
	flag.Parse()
	fmt.Fprintf(os.Stderr, "gemm implementation: %s, GOMAXPROCS %d\n", gemm.Impl(), runtime.GOMAXPROCS(0))
	for _, dt := range strings.Split(*dtypes, ",") {
		for _, th := range strings.Split(*threadsFlag, ",") {
			var t int
			fmt.Sscan(th, &t)
			gemm.SetThreads(t)
			for _, s := range shapes {
				f := op(dt, s)
				g, c := measure(f, *reps, *sample)
				flop := 2 * float64(s.m*s.n*s.k)
				fmt.Printf("go %s %s %d %.2f %.2f\n", dt, s.name, t, flop/g/1e9, flop/c/1e9)
			}
		}
	}
}

func op(dt string, s shape) func() {
	ldb := s.n
	if s.transB {
		ldb = s.k
	}
	switch dt {
	case "float32":
		a, b, c := make([]float32, s.m*s.k), make([]float32, s.k*s.n), make([]float32, s.m*s.n)
		for i := range a {
			a[i] = float32(i%7) - 3
		}
		for i := range b {
			b[i] = float32(i%5) - 2
		}
		return func() { gemm.Sgemm(false, s.transB, s.m, s.n, s.k, 1, a, s.k, b, ldb, 0, c, s.n) }
	case "float64":
		a, b, c := make([]float64, s.m*s.k), make([]float64, s.k*s.n), make([]float64, s.m*s.n)
		for i := range a {
			a[i] = float64(i%7) - 3
		}
		for i := range b {
			b[i] = float64(i%5) - 2
		}
		return func() { gemm.Dgemm(false, s.transB, s.m, s.n, s.k, 1, a, s.k, b, ldb, 0, c, s.n) }
	}
	panic("unknown dtype " + dt)
}

// measure returns the median wall and CPU seconds per call over reps
// samples, each lasting about target, after a warm-up that also tunes the
// inner count.
func measure(f func(), reps int, target time.Duration) (wall, cpu float64) {
	f()
	inner := 1
	for {
		t0 := time.Now()
		for i := 0; i < inner; i++ {
			f()
		}
		if d := time.Since(t0); d >= target/4 {
			inner = max(1, int(float64(inner)*float64(target)/float64(d)))
			break
		}
		inner *= 4
	}
	ts := make([]float64, reps)
	cs := make([]float64, reps)
	for r := range ts {
		t0, c0 := time.Now(), cpuTime()
		for i := 0; i < inner; i++ {
			f()
		}
		ts[r] = time.Since(t0).Seconds() / float64(inner)
		cs[r] = (cpuTime() - c0).Seconds() / float64(inner)
	}
	slices.Sort(ts)
	slices.Sort(cs)
	return ts[reps/2], cs[reps/2]
}

// cpuTime is the process's user+system CPU time (all threads).
func cpuTime() time.Duration {
	var ru syscall.Rusage
	syscall.Getrusage(syscall.RUSAGE_SELF, &ru)
	return time.Duration(ru.Utime.Nano() + ru.Stime.Nano())
}
