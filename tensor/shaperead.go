package tensor

// ShapeReadHook is an optional interface of hooks: it is told when a
// tensor's shape is read into host values through ReadShape (x$size(1),
// x$shape, dim(x), nrow(x), x$numel()). A tracer records such reads as
// guards: the traced code may have used the size in host arithmetic, so
// the trace is only valid for inputs giving the same sizes.
type ShapeReadHook interface {
	// ShapeRead reports that dimension dim (0-based) of t was read; dim
	// is -1 when the whole shape (or the element count) was read.
	ShapeRead(t *Tensor, dim int)
}

// ReadShape notifies ShapeReadHooks that dimension dim of t (0-based, -1
// for the whole shape) is being read into a host value. Reads made inside
// an op's kernel or by the autograd engine are not reported.
func (rt *Runtime) ReadShape(t *Tensor, dim int) {
	if rt == nil || len(rt.hooks) == 0 || rt.depth > 0 || rt.inBackward > 0 {
		return
	}
	for _, h := range rt.hooks {
		if v, ok := h.(ShapeReadHook); ok {
			v.ShapeRead(t, dim)
		}
	}
}
