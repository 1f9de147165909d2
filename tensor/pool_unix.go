//go:build unix

package tensor

import (
	"syscall"
	"unsafe"
)

// offHeapBuf maps an anonymous region for a pooled buffer. Pooled buffers
// live outside the Go heap so that they do not count as live heap: if they
// did, the collector would run less often the more buffers are pooled,
// and dead tensors would be found too late to recycle theirs.
func offHeapBuf(dt DType, n int) (buf any, mapped bool) {
	b, err := syscall.Mmap(-1, 0, n*dt.ItemSize(), syscall.PROT_READ|syscall.PROT_WRITE, syscall.MAP_ANON|syscall.MAP_PRIVATE)
	if err != nil {
		return makeBuf(dt, n), false
	}
	p := unsafe.Pointer(&b[0])
	switch dt {
	case Float32:
		return unsafe.Slice((*float32)(p), n), true
	case Float64:
		return unsafe.Slice((*float64)(p), n), true
	case Int64:
		return unsafe.Slice((*int64)(p), n), true
	case Int32:
		return unsafe.Slice((*int32)(p), n), true
	}
	return b, true
}

// freeOffHeapBuf unmaps a buffer offHeapBuf mapped.
func freeOffHeapBuf(buf any) {
	var p unsafe.Pointer
	var n int
	switch d := buf.(type) {
	case []float32:
		p, n = unsafe.Pointer(unsafe.SliceData(d)), cap(d)*4
	case []float64:
		p, n = unsafe.Pointer(unsafe.SliceData(d)), cap(d)*8
	case []int64:
		p, n = unsafe.Pointer(unsafe.SliceData(d)), cap(d)*8
	case []int32:
		p, n = unsafe.Pointer(unsafe.SliceData(d)), cap(d)*4
	case []uint8:
		p, n = unsafe.Pointer(unsafe.SliceData(d)), cap(d)
	}
	if p == nil || n == 0 {
		return
	}
	_ = syscall.Munmap(unsafe.Slice((*byte)(p), n))
}
