package tensor

import (
	"encoding/binary"
	"fmt"
	"math"
)

// Raw storage access, for serialization (TorchScript archives store each
// storage once, as little-endian bytes, and tensors as views into it).

// StorageKey identifies t's storage: views of one storage share the key.
func (t *Tensor) StorageKey() any { return t.st }

// StorageLen is the number of elements of t's storage.
func (t *Tensor) StorageLen() int { return storageLen(t.st.data) }

// StorageBytes returns the whole storage of t as little-endian bytes
// (bools as 0/1 bytes), as PyTorch writes it.
func (t *Tensor) StorageBytes() []byte {
	n := t.StorageLen()
	isz := t.dtype.ItemSize()
	out := make([]byte, n*isz)
	switch d := t.st.data.(type) {
	case []float32:
		for i, v := range d {
			binary.LittleEndian.PutUint32(out[4*i:], math.Float32bits(v))
		}
	case []float64:
		for i, v := range d {
			binary.LittleEndian.PutUint64(out[8*i:], math.Float64bits(v))
		}
	case []int64:
		for i, v := range d {
			binary.LittleEndian.PutUint64(out[8*i:], uint64(v))
		}
	case []int32:
		for i, v := range d {
			binary.LittleEndian.PutUint32(out[4*i:], uint32(v))
		}
	case []uint8:
		copy(out, d)
	}
	return out
}

// FromStorageBytes builds a tensor viewing a storage decoded from
// little-endian bytes, with the given shape, strides and offset (in
// elements). The view must fit in the storage.
func FromStorageBytes(dt DType, b []byte, shape, strides []int, offset int) (*Tensor, error) {
	isz := dt.ItemSize()
	if len(b)%isz != 0 {
		return nil, fmt.Errorf("storage of %d bytes is not a whole number of %s elements", len(b), dt)
	}
	n := len(b) / isz
	if len(shape) != len(strides) {
		return nil, fmt.Errorf("shape %s and strides %s differ in length", fmtShape(shape), fmtShape(strides))
	}
	last := offset
	for i, s := range shape {
		if s < 0 || strides[i] < 0 {
			return nil, fmt.Errorf("negative size or stride in %s / %s", fmtShape(shape), fmtShape(strides))
		}
		if s > 0 {
			last += (s - 1) * strides[i]
		}
	}
	if numelOf(shape) > 0 && (offset < 0 || last >= n) {
		return nil, fmt.Errorf("view (size %s, stride %s, offset %d) is out of bounds for a storage of %d elements", fmtShape(shape), fmtShape(strides), offset, n)
	}
	st := newStorage(dt, n)
	switch d := st.data.(type) {
	case []float32:
		for i := range d {
			d[i] = math.Float32frombits(binary.LittleEndian.Uint32(b[4*i:]))
		}
	case []float64:
		for i := range d {
			d[i] = math.Float64frombits(binary.LittleEndian.Uint64(b[8*i:]))
		}
	case []int64:
		for i := range d {
			d[i] = int64(binary.LittleEndian.Uint64(b[8*i:]))
		}
	case []int32:
		for i := range d {
			d[i] = int32(binary.LittleEndian.Uint32(b[4*i:]))
		}
	case []uint8:
		copy(d, b)
		if dt == Bool {
			for i, v := range d {
				if v != 0 {
					d[i] = 1
				}
			}
		}
	}
	return &Tensor{dtype: dt, shape: append([]int{}, shape...), strides: append([]int{}, strides...), offset: offset, st: st}, nil
}

// ViewOfStorage makes another view of t's storage (as_strided), sharing
// memory with t; used to rebuild views that shared a storage.
func (t *Tensor) ViewOfStorage(shape, strides []int, offset int) (*Tensor, error) {
	n := t.StorageLen()
	last := offset
	for i, s := range shape {
		if s > 0 {
			last += (s - 1) * strides[i]
		}
	}
	if numelOf(shape) > 0 && (offset < 0 || last >= n) {
		return nil, fmt.Errorf("view (size %s, stride %s, offset %d) is out of bounds for a storage of %d elements", fmtShape(shape), fmtShape(strides), offset, n)
	}
	return t.makeView(append([]int{}, shape...), append([]int{}, strides...), offset), nil
}
