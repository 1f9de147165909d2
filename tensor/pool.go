package tensor

import (
	"math/bits"
	"runtime"
	"sync"
)

// Large storages are recycled: when a storage becomes unreachable, a
// cleanup returns its buffer to a pool of its power-of-two size class, so
// the next large op reuses memory that is already mapped and in cache
// instead of faulting in fresh pages. This is a memory cache, not state:
// nothing observable depends on it.

const poolMinElems = 1 << 15

type poolKey struct {
	dt    DType
	class int
}

// freeList is a bounded stack of buffers of one size class. Unlike a
// sync.Pool it survives garbage collections, which matters because the
// buffers come back only after a collection.
type freeList struct {
	mu   sync.Mutex
	bufs []any
}

const maxFreePerClass = 32

func (f *freeList) Get() any {
	f.mu.Lock()
	defer f.mu.Unlock()
	if len(f.bufs) == 0 {
		return nil
	}
	b := f.bufs[len(f.bufs)-1]
	f.bufs = f.bufs[:len(f.bufs)-1]
	return b
}

func (f *freeList) Put(b any) {
	f.mu.Lock()
	defer f.mu.Unlock()
	if len(f.bufs) < maxFreePerClass {
		f.bufs = append(f.bufs, b)
	}
}

var pools sync.Map // poolKey -> *freeList

func poolFor(k poolKey) *freeList {
	if p, ok := pools.Load(k); ok {
		return p.(*freeList)
	}
	p, _ := pools.LoadOrStore(k, &freeList{})
	return p.(*freeList)
}

func sizeClass(n int) int { return bits.Len(uint(n - 1)) }

// allocStorage returns a storage of n elements; if zero is false the
// contents are unspecified (the caller overwrites every element).
func allocStorage(dt DType, n int, zero bool) *storage {
	if n < poolMinElems {
		return newStorage(dt, n)
	}
	c := sizeClass(n)
	k := poolKey{storageKind(dt), c}
	var data any
	if v := poolFor(k).Get(); v != nil {

		data = v
		switch d := data.(type) {
		case []float32:
			data = d[:n]
			if zero {
				clear(d[:n])
			}
		case []float64:
			data = d[:n]
			if zero {
				clear(d[:n])
			}
		case []int64:
			data = d[:n]
			if zero {
				clear(d[:n])
			}
		case []int32:
			data = d[:n]
			if zero {
				clear(d[:n])
			}
		case []uint8:
			data = d[:n]
			if zero {
				clear(d[:n])
			}
		}
	} else {

		full := 1 << c
		switch storageKind(dt) {
		case Float32:
			data = make([]float32, full)[:n]
		case Float64:
			data = make([]float64, full)[:n]
		case Int64:
			data = make([]int64, full)[:n]
		case Int32:
			data = make([]int32, full)[:n]
		default:
			data = make([]uint8, full)[:n]
		}
	}
	s := &storage{data: data}
	runtime.AddCleanup(s, func(d any) { poolFor(k).Put(fullSlice(d)) }, data)
	return s
}

func fullSlice(d any) any {
	switch x := d.(type) {
	case []float32:
		return x[:cap(x)]
	case []float64:
		return x[:cap(x)]
	case []int64:
		return x[:cap(x)]
	case []int32:
		return x[:cap(x)]
	case []uint8:
		return x[:cap(x)]
	}
	return d
}

func storageKind(dt DType) DType {
	if dt == Bool {
		return Uint8
	}
	return dt
}

// newTensorNoInit allocates a contiguous tensor whose elements the
// caller will all overwrite.
func newTensorNoInit(dt DType, shape []int) *Tensor {
	shape = append([]int(nil), shape...)
	return &Tensor{dtype: dt, shape: shape, strides: contiguousStrides(shape), st: allocStorage(dt, numelOf(shape), false)}
}
