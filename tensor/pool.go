package tensor

import (
	"math/bits"
	"sync"
	"sync/atomic"
	"weak"
)

// Large storages are recycled. Each size class keeps a few buffers, each
// with a weak pointer to the storage currently using it; once the garbage
// collector finds that storage unreachable (the weak pointer reads nil),
// the next large allocation of that class takes the buffer over. This
// reuses memory that is mapped and in cache instead of faulting in fresh
// pages for every op (which costs more than the op itself), and unlike a
// finalizer or cleanup it does not wait for a background goroutine. It is
// a memory cache, not state: nothing observable depends on it.

const (
	poolMinElems   = 1 << 15
	poolClassBytes = 256 << 20 // buffers kept per class, in bytes
	poolTotalBytes = 1 << 30   // all classes together
)

type poolKey struct {
	dt    DType
	class int
}

type poolEntry struct {
	owner     weak.Pointer[storage]
	buf       any    // full-capacity slice
	lastUse   uint64 // allocation tick of the last reuse
	deadSeen  bool   // owner observed collected
	deadEpoch uint64 // quiescent epoch at that observation
}

// A buffer whose storage was collected may still be in use through a data
// slice inside a running kernel (kernels take slices and may drop the
// tensor). Such slices never outlive the op that took them, so a buffer is
// reused only after a moment when no op was running anywhere since its
// owner was seen dead: Run counts ops in flight and bumps the quiescent
// epoch whenever the count drops to zero.
var (
	opsInFlight    atomic.Int64
	quiescentEpoch atomic.Uint64
)

func opStart() { opsInFlight.Add(1) }

func opEnd() {
	if opsInFlight.Add(-1) == 0 {
		quiescentEpoch.Add(1)
	}
}

type sizePool struct {
	entries []poolEntry
	tick    uint64
}

var (
	poolMu    sync.Mutex
	poolMap   = map[poolKey]*sizePool{}
	poolBytes int
)

func sizeClass(n int) int { return bits.Len(uint(n - 1)) }

func storageKind(dt DType) DType {
	if dt == Bool {
		return Uint8
	}
	return dt
}

func makeBuf(dt DType, n int) any {
	switch dt {
	case Float32:
		return make([]float32, n)
	case Float64:
		return make([]float64, n)
	case Int64:
		return make([]int64, n)
	case Int32:
		return make([]int32, n)
	}
	return make([]uint8, n)
}

func sliceBuf(buf any, n int, zero bool) any {
	switch d := buf.(type) {
	case []float32:
		if zero {
			clear(d[:n])
		}
		return d[:n]
	case []float64:
		if zero {
			clear(d[:n])
		}
		return d[:n]
	case []int64:
		if zero {
			clear(d[:n])
		}
		return d[:n]
	case []int32:
		if zero {
			clear(d[:n])
		}
		return d[:n]
	case []uint8:
		if zero {
			clear(d[:n])
		}
		return d[:n]
	}
	return buf
}

// allocStorage returns a storage of n elements; if zero is false the
// contents are unspecified (the caller overwrites every element).
func allocStorage(dt DType, n int, zero bool) *storage {
	if n < poolMinElems {
		return newStorage(dt, n)
	}
	kind := storageKind(dt)
	c := sizeClass(n)
	k := poolKey{kind, c}
	s := &storage{}
	poolMu.Lock()
	p := poolMap[k]
	if p == nil {
		p = &sizePool{}
		poolMap[k] = p
	}
	// reuse the most recently used free buffer: the likeliest in cache
	p.tick++
	best := -1
	epoch := quiescentEpoch.Load()
	for i := range p.entries {
		e := &p.entries[i]
		if e.owner.Value() != nil {
			continue
		}
		if !e.deadSeen {
			e.deadSeen, e.deadEpoch = true, epoch
			continue
		}
		if epoch > e.deadEpoch && (best < 0 || e.lastUse > p.entries[best].lastUse) {
			best = i
		}
	}
	if best >= 0 {
		e := &p.entries[best]
		e.owner, e.lastUse, e.deadSeen = weak.Make(s), p.tick, false
		buf := e.buf
		poolMu.Unlock()
		s.data = sliceBuf(buf, n, zero)
		return s
	}
	classBytes := (1 << c) * kind.ItemSize()
	track := (len(p.entries)+1)*classBytes <= poolClassBytes && poolBytes+classBytes <= poolTotalBytes
	if track {
		poolBytes += classBytes
	}
	poolMu.Unlock()
	if !track {
		return newStorage(dt, n)
	}
	buf := offHeapBuf(kind, 1<<c)
	s.data = sliceBuf(buf, n, false)
	poolMu.Lock()
	p.entries = append(p.entries, poolEntry{owner: weak.Make(s), buf: buf, lastUse: p.tick})
	poolMu.Unlock()
	return s
}

// newTensorNoInit allocates a contiguous tensor whose elements the
// caller will all overwrite.
func newTensorNoInit(dt DType, shape []int) *Tensor {
	shape = append([]int(nil), shape...)
	return &Tensor{dtype: dt, shape: shape, strides: contiguousStrides(shape), st: allocStorage(dt, numelOf(shape), false)}
}
