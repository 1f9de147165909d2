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
func offHeapBuf(dt DType, n int) any {
	b, err := syscall.Mmap(-1, 0, n*dt.ItemSize(), syscall.PROT_READ|syscall.PROT_WRITE, syscall.MAP_ANON|syscall.MAP_PRIVATE)
	if err != nil {
		return makeBuf(dt, n)
	}
	p := unsafe.Pointer(&b[0])
	switch dt {
	case Float32:
		return unsafe.Slice((*float32)(p), n)
	case Float64:
		return unsafe.Slice((*float64)(p), n)
	case Int64:
		return unsafe.Slice((*int64)(p), n)
	case Int32:
		return unsafe.Slice((*int32)(p), n)
	}
	return b
}
