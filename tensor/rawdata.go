package tensor

// Float32Data returns the elements of a contiguous float32 tensor as a
// slice over its storage (writes change the tensor and its views), or nil
// for any other tensor. For fused in-place updates outside the dispatcher
// (the optimizers of lang/torch): the caller must keep t alive while using
// the slice and call MarkModified after writing.
func (t *Tensor) Float32Data() []float32 {
	if t.dtype != Float32 || !t.IsContiguous() {
		return nil
	}
	d, ok := t.st.data.([]float32)
	if !ok {
		return nil
	}
	return d[t.offset : t.offset+t.Numel() : t.offset+t.Numel()]
}

// MarkModified bumps the storage's version counter, as an in-place op does,
// so that autograd notices saved tensors changed behind its back.
func (t *Tensor) MarkModified() { t.st.version++ }
