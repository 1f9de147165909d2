package tensor

import (
	"fmt"
	"runtime"
	"strings"
	"sync"
	"testing"
	"unsafe"
)

var float32DT = Float32

func dataPtr(t *Tensor) unsafe.Pointer {
	return unsafe.Pointer(unsafe.SliceData(t.st.data.([]float32)))
}

// A released temporary's buffer serves the very next allocation of its
// size, and the result computed into it is right.
func TestReleaseReusesAtOnce(t *testing.T) {
	// earlier tests' dead tensors found, so the pool has room: a result
	// that had to come from the Go heap cannot be released early
	runtime.GC()
	rt := NewRuntime()
	n := 1 << 16
	x, _ := rt.Full([]int{n}, 3, &float32DT)
	tmp, err := rt.Mul(x, 2.0)
	if err != nil {
		t.Fatal(err)
	}
	p := dataPtr(tmp)
	_, rel0 := PoolStats()
	if !rt.Release(tmp) {
		t.Fatal("Release of a fresh pooled result returned false")
	}
	if _, rel1 := PoolStats(); rel1 != rel0+1 {
		t.Fatalf("released counter %d -> %d", rel0, rel1)
	}
	y, err := rt.Add(x, 1.0, Int(1))
	if err != nil {
		t.Fatal(err)
	}
	if dataPtr(y) != p {
		t.Fatal("the next result of the same size did not reuse the released buffer")
	}
	for i, v := range y.Float32s() {
		if v != 4 {
			t.Fatalf("y[%d] = %v, want 4", i, v)
		}
	}
	// using the released tensor is an error, not a crash or stale data
	if _, err := rt.Add(tmp, 1.0, Int(1)); err == nil || !strings.Contains(err.Error(), "released") {
		t.Fatalf("op on a released tensor: err = %v", err)
	}
	if rt.Release(tmp) {
		t.Fatal("second Release succeeded")
	}
}

// Release leaves alone every tensor whose memory something else may hold.
func TestReleaseRefusesShared(t *testing.T) {
	rt := NewRuntime()
	n := 1 << 16
	x, _ := rt.Full([]int{n}, 3, &float32DT)
	fresh := func() *Tensor {
		y, err := rt.Mul(x, 2.0)
		if err != nil {
			t.Fatal(err)
		}
		return y
	}
	check := func(name string, y *Tensor, keepAlive ...*Tensor) {
		t.Helper()
		if rt.Release(y) {
			t.Errorf("%s: Release succeeded", name)
		}
		if got := y.Float32s()[n-1]; got != 6 {
			t.Errorf("%s: data changed to %v", name, got)
		}
	}
	y := fresh()
	v, _ := rt.View(y, 256, 256)
	check("viewed", y)
	check("the view", v)
	y = fresh()
	d := y.Detach()
	check("detached", y)
	check("the detached copy", d)
	y = fresh()
	if err := y.SetRequiresGrad(true); err != nil {
		t.Fatal(err)
	}
	check("requires grad", y)
	// saved by an autograd node as an input of an op recorded for backward
	w, _ := rt.Full([]int{n}, 1, &float32DT)
	if err := w.SetRequiresGrad(true); err != nil {
		t.Fatal(err)
	}
	y = fresh()
	if _, err := rt.Mul(w, y); err != nil {
		t.Fatal(err)
	}
	check("saved for backward", y)
	// small tensors are not pooled
	s, _ := rt.Mul(ScalarTensor(2, Float32), 2.0)
	if rt.Release(s) {
		t.Error("small tensor released")
	}
}

// A hook (the tracer) sees every tensor of the ops it watches: none of
// them may be released.
type nopHook struct{}

func (nopHook) AfterOp(*Call) error { return nil }

func TestReleaseRefusesHooked(t *testing.T) {
	rt := NewRuntime()
	x, _ := rt.Full([]int{1 << 16}, 3, &float32DT)
	remove := rt.PushHook(nopHook{})
	y, _ := rt.Mul(x, 2.0)
	remove()
	if rt.Release(y) {
		t.Fatal("a tensor a hook saw was released")
	}
}

// Runtimes on several goroutines release their temporaries while others
// allocate and the collector runs: every result stays right (a released
// buffer is handed to one new owner at a time).
func TestReleaseConcurrentRuntimes(t *testing.T) {
	defer SetPoolLimit(SetPoolLimit(4 << 20))
	const workers, iters, n = 4, 150, 40000
	var wg sync.WaitGroup
	errs := make(chan error, workers)
	stop := make(chan struct{})
	go collectUntil(stop)
	for w := 0; w < workers; w++ {
		wg.Add(1)
		go func(w int) {
			defer wg.Done()
			rt := NewRuntime()
			rt.SetThreads(2)
			v := float64(w + 1)
			x, err := rt.Full([]int{n}, v, &float32DT)
			if err != nil {
				errs <- err
				return
			}
			for i := 0; i < iters; i++ {
				a := rt.must(rt.Mul(x, 2.0))         // 2v
				b := rt.must(rt.Add(a, 1.0, Int(1))) // 2v+1
				rt.Release(a)
				c := rt.must(rt.Mul(b, b)) // (2v+1)²
				rt.Release(b)
				d := rt.must(rt.Sub(c, 1.0, Int(1))) // 4v²+4v
				if i%2 == 0 {
					rt.Release(c)
				}
				want := float32(4*v*v + 4*v)
				for j, got := range d.Float32s() {
					if got != want {
						errs <- fmt.Errorf("worker %d iteration %d: d[%d] = %v, want %v", w, i, j, got, want)
						return
					}
				}
				rt.Release(d)
			}
		}(w)
	}
	wg.Wait()
	close(stop)
	close(errs)
	for err := range errs {
		t.Fatal(err)
	}
}
