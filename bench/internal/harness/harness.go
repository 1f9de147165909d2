// Package harness is what the bench commands (bench/jit, bench/nn,
// bench/mlp, bench/tensor) share: the measuring loop (a repetition count
// calibrated so that one sample lasts about a target duration, then the
// median wall and CPU time per call over several samples) and their
// deterministic input tensors.
package harness

import (
	"math"
	"sort"
	"syscall"
	"time"

	"torchr/tensor"
)

// CPUTime is the process's user+system CPU time (all threads).
func CPUTime() time.Duration {
	var ru syscall.Rusage
	syscall.Getrusage(syscall.RUSAGE_SELF, &ru)
	return time.Duration(ru.Utime.Nano() + ru.Stime.Nano())
}

// Measure times run(n), which makes n calls of the measured operation. It
// warms up with run(1), multiplies n by 4 until a run lasts more than
// target/4, scales n so that a run lasts about target, and returns the
// median wall and CPU time per call, in microseconds, over samples runs
// (CPU time is much less disturbed by other jobs on a shared machine).
func Measure(run func(n int), samples int, target time.Duration) (wall, cpu float64) {
	run(1)
	reps := 1
	for {
		t := time.Now()
		run(reps)
		if d := time.Since(t); d > target/4 {
			reps = max(1, int(float64(reps)*float64(target)/float64(d)))
			break
		}
		reps *= 4
	}
	ws, cs := make([]float64, samples), make([]float64, samples)
	for s := range ws {
		t, c := time.Now(), CPUTime()
		run(reps)
		ws[s] = float64(time.Since(t).Nanoseconds()) / 1e3 / float64(reps)
		cs[s] = float64((CPUTime() - c).Nanoseconds()) / 1e3 / float64(reps)
	}
	return Median(ws), Median(cs)
}

// Time is Measure for a function that makes one call.
func Time(f func(), samples int, target time.Duration) (wall, cpu float64) {
	return Measure(func(n int) {
		for i := 0; i < n; i++ {
			f()
		}
	}, samples, target)
}

// Median sorts xs and returns its middle element (the upper one of two).
func Median(xs []float64) float64 {
	sort.Float64s(xs)
	return xs[len(xs)/2]
}

// Input is a float32 tensor of the given shape with the deterministic
// values sin(0.7311 i + (i² mod 97)) that the PyTorch sides (torch_*.py)
// build too.
func Input(shape ...int) *tensor.Tensor {
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
