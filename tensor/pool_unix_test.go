//go:build unix

package tensor

import (
	"fmt"
	"syscall"
	"testing"
)

// processCPU is the process's user+system CPU time in ns.
func processCPU() int64 {
	var ru syscall.Rusage
	if syscall.Getrusage(syscall.RUSAGE_SELF, &ru) != nil {
		return 0
	}
	return ru.Utime.Nano() + ru.Stime.Nano()
}

// A 1e6-element float32 add (4 MB results) under pool limits, in wall
// and process CPU time,: 0 (every
// result from the Go heap), 16 MB, the default 64 MB and 256 MB.
func BenchmarkAdd1e6PoolLimit(b *testing.B) {
	for _, lim := range []int{0, 16 << 20, DefaultPoolLimit, 256 << 20} {
		b.Run(fmt.Sprintf("%dMB", lim>>20), func(b *testing.B) {
			defer SetPoolLimit(SetPoolLimit(lim))
			x := f32T(1000, 1000)
			rt := NewRuntime()
			c0 := processCPU()
			b.ResetTimer()
			for i := 0; i < b.N; i++ {
				if _, err := rt.Add(x, x, Int(1)); err != nil {
					b.Fatal(err)
				}
			}
			b.StopTimer()
			b.ReportMetric(float64(processCPU()-c0)/float64(b.N), "cpu-ns/op")
			b.ReportMetric(float64(PoolBytes()>>20), "poolMB")
		})
	}
}
