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
	poolMinElems = 1 << 15
	// DefaultPoolLimit is the default bound on the bytes of recycled
	// buffers the pool keeps mapped, live and free together (SetPoolLimit).
	DefaultPoolLimit = 64 << 20
	// poolClassEntries bounds the buffers kept per size class.
	poolClassEntries = 64
)

// poolLimit bounds poolBytes; one size class may use all of it.
var poolLimit = DefaultPoolLimit

// SetPoolLimit bounds the memory (in bytes) that the process-wide buffer
// pool keeps mapped for recycled tensor storage, and returns the previous
// bound. 0 turns recycling off; allocations beyond the bound come from
// the Go heap as usual. Lowering it unmaps free buffers at once (buffers
// still in use are dropped from the pool as they die). The pool is shared
// by all runtimes of the process; see BENCHMARKS.md for the trade-off.
func SetPoolLimit(bytes int) int {
	poolMu.Lock()
	old := poolLimit
	poolLimit = max(bytes, 0)
	poolMu.Unlock()
	trimPool()
	return old
}

// SetPoolLimit is the package-level SetPoolLimit, for callers that hold a
// runtime: the bound is process-wide.
func (rt *Runtime) SetPoolLimit(bytes int) int { return SetPoolLimit(bytes) }

// PoolBytes reports the bytes the buffer pool keeps mapped.
func PoolBytes() int {
	poolMu.Lock()
	defer poolMu.Unlock()
	return poolBytes
}

// trimPool unmaps free buffers while the pool is above its limit.
func trimPool() {
	poolMu.Lock()
	defer poolMu.Unlock()
	epoch := quiescentEpoch.Load()
	for k, p := range poolMap {
		for i := 0; i < len(p.entries) && poolBytes > poolLimit; {
			if p.entries[i].free(epoch) {
				p.evict(k, i)
				continue
			}
			i++
		}
	}
}

type poolKey struct {
	dt    DType
	class int
}

type poolEntry struct {
	owner     weak.Pointer[storage]
	buf       any    // full-capacity slice
	mapped    bool   // buf is an anonymous mapping (else on the Go heap)
	lastUse   uint64 // allocation tick of the last reuse
	deadSeen  bool   // owner observed collected
	deadEpoch uint64 // quiescent epoch at that observation
	released  bool   // given back by Release: free at once
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

// free reports whether the entry's buffer may be reused: its owner was
// collected and no op has been running everywhere since that was seen.
// Call with poolMu held.
func (e *poolEntry) free(epoch uint64) bool {
	if e.released {
		return true
	}
	if e.owner.Value() != nil {
		return false
	}
	if !e.deadSeen {
		e.deadSeen, e.deadEpoch = true, epoch
		return false
	}
	return epoch > e.deadEpoch
}

// evict unmaps entry i's buffer (free) and forgets it. Call with poolMu held.
func (p *sizePool) evict(k poolKey, i int) {
	e := p.entries[i]
	poolBytes -= (1 << k.class) * k.dt.ItemSize()
	p.entries[i] = p.entries[len(p.entries)-1]
	p.entries = p.entries[:len(p.entries)-1]
	if e.mapped {
		freeOffHeapBuf(e.buf)
	}
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
	s := &storage{seq: allocSeq.Add(1)}
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
	for i := 0; i < len(p.entries); i++ {
		if !p.entries[i].free(epoch) {
			continue
		}
		if poolBytes > poolLimit {
			// over a lowered limit: drop free buffers instead of reusing
			p.evict(k, i)
			i--
			continue
		}
		if best < 0 || p.entries[i].lastUse > p.entries[best].lastUse {
			best = i
		}
	}
	if best >= 0 {
		e := &p.entries[best]
		e.owner, e.lastUse, e.deadSeen, e.released = weak.Make(s), p.tick, false, false
		buf := e.buf
		poolMu.Unlock()
		poolReused.Add(1)
		s.data = sliceBuf(buf, n, zero)
		s.pooled = true
		return s
	}
	classBytes := (1 << c) * kind.ItemSize()
	if poolBytes+classBytes > poolLimit && classBytes <= poolLimit {
		// make room by unmapping free buffers of other classes (shapes
		// that are no longer used)
		for ok, op := range poolMap {
			for i := 0; i < len(op.entries) && poolBytes+classBytes > poolLimit; {
				if op.entries[i].free(epoch) {
					op.evict(ok, i)
					continue
				}
				i++
			}
		}
	}
	// at most poolClassEntries buffers per class: each allocation scans
	// its class's entries
	track := poolBytes+classBytes <= poolLimit && len(p.entries) < poolClassEntries
	if track {
		poolBytes += classBytes
	}
	poolMu.Unlock()
	if !track {
		return newStorage(dt, n)
	}
	buf, mapped := offHeapBuf(kind, 1<<c)
	s.data = sliceBuf(buf, n, false)
	s.pooled = true
	poolMu.Lock()
	p.entries = append(p.entries, poolEntry{owner: weak.Make(s), buf: buf, mapped: mapped, lastUse: p.tick})
	poolMu.Unlock()
	return s
}

// newTensorNoInit allocates a contiguous tensor whose elements the
// caller will all overwrite.
func newTensorNoInit(dt DType, shape []int) *Tensor {
	shape = append([]int(nil), shape...)
	return &Tensor{dtype: dt, shape: shape, strides: contiguousStrides(shape), st: allocStorage(dt, numelOf(shape), false)}
}

// allocSeq numbers pooled storages as they are allocated.
var allocSeq atomic.Uint64

// AllocSeq returns a mark of the allocations made so far, for
// AllocatedSince.
func AllocSeq() uint64 { return allocSeq.Load() }

// AllocatedSince reports whether t's storage is a pooled buffer allocated
// after the mark seq (AllocSeq): a caller that ran code returning t can tell
// a new result from a tensor the code held before (an input, a parameter,
// a constant), which is what makes t a candidate for Release.
func (t *Tensor) AllocatedSince(seq uint64) bool { return t.st.pooled && t.st.seq > seq }

// Counters of the pool's traffic, for benchmarks and tests.
var poolReused, poolReleased atomic.Int64

// PoolStats reports how many allocations took a recycled buffer and how
// many buffers Release handed back, since the process started.
func PoolStats() (reused, released int64) { return poolReused.Load(), poolReleased.Load() }

// Release tells the runtime that the caller holds the only reference to t
// and will not use t again, so that t's memory can serve the next
// allocation at once. PyTorch frees a temporary the moment its last
// reference goes and hands the same, cache-warm block to the next op; Go's
// collector would find t dead only at its next cycle, and until then every
// new result lands in colder memory. The language calls Release on
// temporaries it can prove nobody else sees (the value of x * 2 in
// x * 2 + 1).
//
// Release is safe against callers that are wrong about other references
// inside the tensor core: it does nothing (and returns false) unless t's
// storage is a pooled buffer (large tensors), no other tensor object views
// it (views, detach, broadcasting mark it shared) and t was never kept by
// autograd (a recorded node saves its inputs and outputs) or by a hook (the
// tracer maps tensors). After a successful Release, t reads as an empty
// storage: using it is an error, never someone else's data.
func (rt *Runtime) Release(t *Tensor) bool {
	if t == nil || t.ag != nil || t.kept.Load() {
		return false
	}
	s := t.st
	if s == nil || !s.pooled || s.shared.Load() {
		return false
	}
	n := storageLen(s.data)
	kind := storageKind(t.dtype)
	k := poolKey{kind, sizeClass(n)}
	poolMu.Lock()
	p := poolMap[k]
	found := false
	if p != nil {
		for i := range p.entries {
			e := &p.entries[i]
			if !e.released && e.owner.Value() == s {
				p.tick++
				e.owner, e.released, e.lastUse = weak.Pointer[storage]{}, true, p.tick
				found = true
				break
			}
		}
	}
	poolMu.Unlock()
	if !found {
		return false
	}
	poolReleased.Add(1)
	gone := &storage{data: makeBuf(kind, 0), released: true}
	gone.shared.Store(true)
	t.st = gone
	return true
}

func storageLen(data any) int {
	switch d := data.(type) {
	case []float32:
		return len(d)
	case []float64:
		return len(d)
	case []int64:
		return len(d)
	case []int32:
		return len(d)
	case []uint8:
		return len(d)
	}
	return 0
}
