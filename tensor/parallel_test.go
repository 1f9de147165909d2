package tensor

import (
	"strings"
	"testing"
)

// A panic inside one part of a parallel kernel becomes the op's error on
// the caller (Run recovers it) instead of ending the process.
func TestParallelRangePanicReachesCaller(t *testing.T) {
	rt := NewRuntime()
	rt.SetThreads(2)
	defer func() {
		r := recover()
		if r == nil || !strings.Contains(r.(string), "part 1") {
			t.Fatalf("recovered %v, want the worker's panic", r)
		}
	}()
	parallelRange(rt, 100, func(lo, hi int) error {
		if lo > 0 {
			panic("part 1")
		}
		return nil
	})
	t.Fatal("parallelRange returned")
}
