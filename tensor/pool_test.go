package tensor

import (
	"fmt"
	"runtime"
	"sync"
	"testing"
)

// The pool never keeps more than its limit mapped, and lowering the
// limit unmaps buffers once they are free.
func TestPoolLimit(t *testing.T) {
	defer SetPoolLimit(SetPoolLimit(4 << 20))
	rt := NewRuntime()
	f32 := Float32
	// buffers of earlier tests' dead tensors: seen dead, then (after a
	// quiescent moment) unmapped
	runtime.GC()
	SetPoolLimit(4 << 20)
	if _, err := rt.Add(ScalarTensor(1, Float32), 1, Int(1)); err != nil {
		t.Fatal(err)
	}
	SetPoolLimit(4 << 20)
	if b := PoolBytes(); b > 4<<20 {
		t.Fatalf("pool holds %d bytes after trimming, limit %d", b, 4<<20)
	}
	for i := 0; i < 200; i++ {
		n := []int{40000, 100000, 300000}[i%3] // 256 KB, 512 KB and 2 MB classes
		x, err := rt.Full([]int{n}, float64(i), &f32)
		if err != nil {
			t.Fatal(err)
		}
		if _, err := rt.Add(x, x, Int(1)); err != nil {
			t.Fatal(err)
		}
		if b := PoolBytes(); b > 4<<20 {
			t.Fatalf("pool holds %d bytes, limit %d", b, 4<<20)
		}
		if i%17 == 0 {
			runtime.GC()
		}
	}
	runtime.GC()
	SetPoolLimit(0)                                                        // sees the dead owners
	if _, err := rt.Add(ScalarTensor(1, Float32), 1, Int(1)); err != nil { // a quiescent moment
		t.Fatal(err)
	}
	SetPoolLimit(0) // now unmaps them
	if b := PoolBytes(); b != 0 {
		t.Fatalf("pool holds %d bytes after SetPoolLimit(0)", b)
	}
}

// Runtimes on several goroutines allocate, compute and drop pooled
// tensors while the collector runs, with a pool small enough that
// buffers are reused and evicted all the time: no op may see another's
// data (a buffer is reused only once no op was running since its tensor
// died).
func TestPoolConcurrentRuntimes(t *testing.T) {
	defer SetPoolLimit(SetPoolLimit(2 << 20))
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
			f32 := Float32
			for i := 0; i < iters; i++ {
				v := float64(w*1000 + i%7)
				x, err := rt.Full([]int{n + i%3*30000}, v, &f32) // 256 KB and 512 KB classes
				if err == nil {
					x, err = rt.Add(x, x, Int(1)) // 2v
				}
				if err == nil {
					x, err = rt.Mul(x, 0.5) // v
				}
				if err == nil {
					x, err = rt.Exp(rt.must(rt.Sub(x, v, Int(1)))) // 1
				}
				var s *Tensor
				if err == nil {
					s, err = rt.Sum(x)
				}
				if err != nil {
					errs <- err
					return
				}
				if got, _ := s.Item(); got != float64(x.Numel()) {
					errs <- fmt.Errorf("worker %d iteration %d: sum %v, want %d", w, i, got, x.Numel())
					return
				}
			}
		}(w)
	}
	wg.Wait()
	close(stop)
	close(errs)
	for err := range errs {
		t.Fatal(err)
	}
	if b := PoolBytes(); b > 2<<20 {
		t.Fatalf("pool holds %d bytes, limit %d", b, 2<<20)
	}
}

func (rt *Runtime) must(t *Tensor, err error) *Tensor {
	if err != nil {
		panic(err)
	}
	return t
}

// collectUntil runs the collector continuously until stop is closed, so
// that dead tensors are found (and their buffers recycled) all the time.
func collectUntil(stop chan struct{}) {
	for {
		select {
		case <-stop:
			return
		default:
			runtime.GC()
			runtime.Gosched()
		}
	}
}
