package tensor

import (
	"errors"
	"fmt"
)

// inferSize resolves a -1 in shape for numel elements.
func inferSize(shape []int, numel int) ([]int, error) {
	out := append([]int(nil), shape...)
	infer := -1
	prod := 1
	for i, s := range out {
		if s == -1 {
			if infer >= 0 {
				return nil, errors.New("only one dimension can be inferred")
			}
			infer = i
		} else if s < 0 {
			return nil, fmt.Errorf("invalid shape dimension %d", s)
		} else {
			prod *= s
		}
	}
	if infer >= 0 {
		if prod == 0 {
			if numel == 0 {
				return nil, fmt.Errorf("cannot reshape tensor of 0 elements into shape %s because the unspecified dimension size -1 can be any value and is ambiguous", fmtShape(shape))
			}
		} else if numel%prod == 0 {
			out[infer] = numel / prod
			return out, nil
		}
		return nil, fmt.Errorf("shape '%s' is invalid for input of size %d", fmtShape(shape), numel)
	}
	if prod != numel {
		return nil, fmt.Errorf("shape '%s' is invalid for input of size %d", fmtShape(shape), numel)
	}
	return out, nil
}

// computeStride is ATen's computeStride: strides for viewing (oldshape,
// oldstride) as newshape without copying, or nil if impossible.
func computeStride(oldshape, oldstride, newshape []int) []int {
	if len(oldshape) == 0 {
		return contiguousStrides(newshape)
	}
	numel := numelOf(oldshape)
	if numel == 0 {
		if sameShape(oldshape, newshape) {
			return append([]int(nil), oldstride...)
		}
		return contiguousStrides(newshape)
	}
	newstride := make([]int, len(newshape))
	viewD := len(newshape) - 1
	chunkBase := oldstride[len(oldstride)-1]
	tensorNumel, viewNumel := 1, 1
	for td := len(oldshape) - 1; td >= 0; td-- {
		tensorNumel *= oldshape[td]
		if td == 0 || (oldshape[td-1] != 1 && oldstride[td-1] != tensorNumel*chunkBase) {
			for viewD >= 0 && (viewNumel < tensorNumel || newshape[viewD] == 1) {
				newstride[viewD] = viewNumel * chunkBase
				viewNumel *= newshape[viewD]
				viewD--
			}
			if viewNumel != tensorNumel {
				return nil
			}
			if td > 0 {
				chunkBase = oldstride[td-1]
				tensorNumel, viewNumel = 1, 1
			}
		}
	}
	if viewD != -1 {
		return nil
	}
	return newstride
}

func (t *Tensor) makeView(shape, strides []int, offset int) *Tensor {
	t.st.shared.Store(true)
	return &Tensor{dtype: t.dtype, shape: shape, strides: strides, offset: offset, st: t.st, base: t.viewBase()}
}

func viewKernel(t *Tensor, shape []int) (*Tensor, error) {
	shape, err := inferSize(shape, t.Numel())
	if err != nil {
		return nil, err
	}
	st := computeStride(t.shape, t.strides, shape)
	if st == nil {
		return nil, errors.New("view size is not compatible with input tensor's size and stride (at least one dimension spans across two contiguous subspaces). Use .reshape(...) instead.")
	}
	return t.makeView(shape, st, t.offset), nil
}

func wrapDims(dims []int, nd int) ([]int, error) {
	out := make([]int, len(dims))
	seen := map[int]bool{}
	for i, d := range dims {
		w, err := wrapDim(d, nd)
		if err != nil {
			return nil, err
		}
		if seen[w] {
			return nil, fmt.Errorf("dim %d appears multiple times in the list of dims", w)
		}
		seen[w] = true
		out[i] = w
	}
	return out, nil
}

func transposeKernel(t *Tensor, d0, d1 int) (*Tensor, error) {
	nd := len(t.shape)
	a, err := wrapDim(d0, nd)
	if err != nil {
		return nil, err
	}
	b, err := wrapDim(d1, nd)
	if err != nil {
		return nil, err
	}
	if nd == 0 {
		return t.makeView(nil, nil, t.offset), nil
	}
	sh, st := t.Shape(), t.Strides()
	sh[a], sh[b] = sh[b], sh[a]
	st[a], st[b] = st[b], st[a]
	return t.makeView(sh, st, t.offset), nil
}

func permuteKernel(t *Tensor, dims []int) (*Tensor, error) {
	nd := len(t.shape)
	if len(dims) != nd {
		return nil, fmt.Errorf("permute(sparse_coo): number of dimensions in the tensor input does not match the length of the desired ordering of dimensions i.e. input.dim() = %d is not equal to len(dims) = %d", nd, len(dims))
	}
	w, err := wrapDims(dims, nd)
	if err != nil {
		return nil, errors.New("permute(): duplicate dims are not allowed.")
	}
	sh, st := make([]int, nd), make([]int, nd)
	for i, d := range w {
		sh[i], st[i] = t.shape[d], t.strides[d]
	}
	return t.makeView(sh, st, t.offset), nil
}

func sliceKernel(t *Tensor, dim int, start, end *int, step int) (*Tensor, error) {
	if len(t.shape) == 0 {
		return nil, errors.New("slice() cannot be applied to a 0-dim tensor.")
	}
	d, err := wrapDim(dim, len(t.shape))
	if err != nil {
		return nil, err
	}
	if step <= 0 {
		return nil, errors.New("slice step must be positive")
	}
	n := t.shape[d]
	s, e := 0, n
	if start != nil {
		s = *start
	}
	if end != nil {
		e = *end
	}
	if s < 0 {
		s += n
	}
	if e < 0 {
		e += n
	}
	s = min(max(s, 0), n)
	e = min(max(e, s), n)
	sh, st := t.Shape(), t.Strides()
	sh[d] = (e - s + step - 1) / step
	st[d] = t.strides[d] * step
	return t.makeView(sh, st, t.offset+s*t.strides[d]), nil
}

func selectKernel(t *Tensor, dim, index int) (*Tensor, error) {
	if len(t.shape) == 0 {
		return nil, errors.New("select() cannot be applied to a 0-dim tensor.")
	}
	d, err := wrapDim(dim, len(t.shape))
	if err != nil {
		return nil, err
	}
	n := t.shape[d]
	if index < -n || index >= n {
		return nil, fmt.Errorf("select(): index %d out of range for tensor of size %s at dimension %d", index, fmtShape(t.shape), d)
	}
	if index < 0 {
		index += n
	}
	sh := append(append([]int(nil), t.shape[:d]...), t.shape[d+1:]...)
	st := append(append([]int(nil), t.strides[:d]...), t.strides[d+1:]...)
	return t.makeView(sh, st, t.offset+index*t.strides[d]), nil
}

func expandKernel(t *Tensor, size []int) (*Tensor, error) {
	if len(size) < len(t.shape) {
		return nil, fmt.Errorf("expand(%s{%s}, size=%s): the number of sizes provided (%d) must be greater or equal to the number of dimensions in the tensor (%d)",
			t.dtype.TypeName(), fmtShape(t.shape)[1:len(fmtShape(t.shape))-1], fmtShape(size), len(size), len(t.shape))
	}
	nd := len(size)
	sh, st := make([]int, nd), make([]int, nd)
	off := nd - len(t.shape)
	for i := nd - 1; i >= 0; i-- {
		j := i - off
		if j < 0 {
			if size[i] < 0 {
				return nil, fmt.Errorf("The expanded size of the tensor (%d) isn't allowed in a leading, non-existing dimension %d", size[i], i)
			}
			sh[i], st[i] = size[i], 0
			continue
		}
		want := size[j+off]
		if want == -1 {
			want = t.shape[j]
		}
		if t.shape[j] == want {
			sh[i], st[i] = want, t.strides[j]
		} else if t.shape[j] == 1 {
			sh[i], st[i] = want, 0
		} else {
			return nil, fmt.Errorf("The expanded size of the tensor (%d) must match the existing size (%d) at non-singleton dimension %d.  Target sizes: %s.  Tensor sizes: %s", want, t.shape[j], i, fmtShape(size), fmtShape(t.shape))
		}
	}
	return t.makeView(sh, st, t.offset), nil
}

func squeezeKernel(t *Tensor, dim *int) (*Tensor, error) {
	var sh, st []int
	if dim == nil {
		for i, s := range t.shape {
			if s != 1 {
				sh, st = append(sh, s), append(st, t.strides[i])
			}
		}
	} else {
		d, err := wrapDim(*dim, len(t.shape))
		if err != nil {
			return nil, err
		}
		for i, s := range t.shape {
			if i != d || s != 1 {
				sh, st = append(sh, s), append(st, t.strides[i])
			}
		}
	}
	if sh == nil {
		sh, st = []int{}, []int{}
	}
	return t.makeView(sh, st, t.offset), nil
}

func unsqueezeKernel(t *Tensor, dim int) (*Tensor, error) {
	d, err := wrapDim(dim, len(t.shape)+1)
	if err != nil {
		return nil, err
	}
	sh := append(append(append([]int(nil), t.shape[:d]...), 1), t.shape[d:]...)
	ns := 1
	if d < len(t.shape) {
		ns = t.strides[d] * t.shape[d]
	}
	st := append(append(append([]int(nil), t.strides[:d]...), ns), t.strides[d:]...)
	return t.makeView(sh, st, t.offset), nil
}

func optInt(a Args, i int) *int {
	if a.None(i) {
		return nil
	}
	v := a.I(i)
	return &v
}

var (
	opView = Register(OpDef{
		Schema: "view(Tensor(a) self, int[] size) -> Tensor(a)",
		Kernel: func(rt *Runtime, a Args) ([]*Tensor, error) { return one(viewKernel(a.T(0), a.Is(1))) },
		Backward: func(c *BackwardCtx, g []*Tensor) ([]*Tensor, error) {
			f := NewF(c.RT)
			return f.Ret(f.Reshape(g[0], c.Inputs[0].shape))
		},
	})
	opUnsafeView = Register(OpDef{
		Schema: "_unsafe_view(Tensor self, int[] size) -> Tensor",
		Kernel: func(rt *Runtime, a Args) ([]*Tensor, error) { return one(viewKernel(a.T(0), a.Is(1))) },
		Backward: func(c *BackwardCtx, g []*Tensor) ([]*Tensor, error) {
			f := NewF(c.RT)
			return f.Ret(f.Reshape(g[0], c.Inputs[0].shape))
		},
		GradFn: "UnsafeViewBackward0",
	})
	opReshapeAlias = Register(OpDef{
		Schema: "_reshape_alias(Tensor(a) self, int[] size) -> Tensor(a)",
		Kernel: func(rt *Runtime, a Args) ([]*Tensor, error) { return one(viewKernel(a.T(0), a.Is(1))) },
		Backward: func(c *BackwardCtx, g []*Tensor) ([]*Tensor, error) {
			f := NewF(c.RT)
			return f.Ret(f.Reshape(g[0], c.Inputs[0].shape))
		},
		GradFn: "ReshapeAliasBackward0",
	})
	opReshape = Register(OpDef{
		Schema:    "reshape(Tensor(a) self, int[] shape) -> Tensor(a)",
		Composite: true,
		Kernel: func(rt *Runtime, a Args) ([]*Tensor, error) {
			t := a.T(0)
			shape, err := inferSize(a.Is(1), t.Numel())
			if err != nil {
				return nil, err
			}
			f := NewF(rt)
			if computeStride(t.shape, t.strides, shape) != nil {
				return f.Ret(f.Call("_reshape_alias", t, shape))
			}
			return f.Ret(f.Call("_unsafe_view", f.Clone(t), shape))
		},
	})
	opTranspose = Register(OpDef{
		Schema: "transpose.int(Tensor(a) self, int dim0, int dim1) -> Tensor(a)",
		Kernel: func(rt *Runtime, a Args) ([]*Tensor, error) { return one(transposeKernel(a.T(0), a.I(1), a.I(2))) },
		Backward: func(c *BackwardCtx, g []*Tensor) ([]*Tensor, error) {
			f := NewF(c.RT)
			return f.Ret(f.Transpose(g[0], c.Args.I(1), c.Args.I(2)))
		},
	})
	opT = Register(OpDef{
		Schema: "t(Tensor(a) self) -> Tensor(a)",
		Kernel: func(rt *Runtime, a Args) ([]*Tensor, error) {
			t := a.T(0)
			if len(t.shape) > 2 {
				return nil, fmt.Errorf("t() expects a tensor with <= 2 dimensions, but self is %dD", len(t.shape))
			}
			if len(t.shape) < 2 {
				return one(t.alias(), nil)
			}
			return one(transposeKernel(t, 0, 1))
		},
		Backward: func(c *BackwardCtx, g []*Tensor) ([]*Tensor, error) {
			f := NewF(c.RT)
			return f.Ret(f.T(g[0]))
		},
	})
	opPermute = Register(OpDef{
		Schema: "permute(Tensor(a) self, int[] dims) -> Tensor(a)",
		Kernel: func(rt *Runtime, a Args) ([]*Tensor, error) { return one(permuteKernel(a.T(0), a.Is(1))) },
		Backward: func(c *BackwardCtx, g []*Tensor) ([]*Tensor, error) {
			dims, _ := wrapDims(c.Args.Is(1), len(c.Inputs[0].shape))
			inv := make([]int, len(dims))
			for i, d := range dims {
				inv[d] = i
			}
			f := NewF(c.RT)
			return f.Ret(f.Permute(g[0], inv))
		},
	})
	opSlice = Register(OpDef{
		Schema: "slice.Tensor(Tensor(a) self, int dim=0, int? start=None, int? end=None, int step=1) -> Tensor(a)",
		Kernel: func(rt *Runtime, a Args) ([]*Tensor, error) {
			return one(sliceKernel(a.T(0), a.I(1), optInt(a, 2), optInt(a, 3), a.I(4)))
		},
		Backward: func(c *BackwardCtx, g []*Tensor) ([]*Tensor, error) {
			f := NewF(c.RT)
			return f.Ret(f.Call("slice_backward", g[0], c.Inputs[0].shape, c.Args.I(1), c.Args[2], c.Args[3], c.Args.I(4)))
		},
	})
	opSliceBackward = Register(OpDef{
		Schema: "slice_backward(Tensor grad_output, int[] input_sizes, int dim, int? start, int? end, int step) -> Tensor",
		Kernel: func(rt *Runtime, a Args) ([]*Tensor, error) {
			out := newTensor(a.T(0).dtype, a.Is(1))
			v, err := sliceKernel(out, a.I(2), optInt(a, 3), optInt(a, 4), a.I(5))
			if err != nil {
				return nil, err
			}
			copyInto(v, a.T(0))
			return one(out, nil)
		},
		Backward: func(c *BackwardCtx, g []*Tensor) ([]*Tensor, error) {
			f := NewF(c.RT)
			return f.Ret(f.Call("slice.Tensor", g[0], c.Args.I(2), c.Args[3], c.Args[4], c.Args.I(5)))
		},
	})
	opNarrow = Register(OpDef{
		Schema:    "narrow(Tensor(a) self, int dim, int start, int length) -> Tensor(a)",
		Composite: true,
		Kernel: func(rt *Runtime, a Args) ([]*Tensor, error) {
			t := a.T(0)
			d, err := wrapDim(a.I(1), len(t.shape))
			if err != nil {
				return nil, err
			}
			s, l := a.I(2), a.I(3)
			if s < 0 {
				s += t.shape[d]
			}
			if s < 0 || l < 0 || s+l > t.shape[d] {
				return nil, fmt.Errorf("start (%d) + length (%d) exceeds dimension size (%d).", a.I(2), l, t.shape[d])
			}
			f := NewF(rt)
			return f.Ret(f.Call("slice.Tensor", t, d, s, s+l, 1))
		},
	})
	opSelect = Register(OpDef{
		Schema: "select.int(Tensor(a) self, int dim, int index) -> Tensor(a)",
		Kernel: func(rt *Runtime, a Args) ([]*Tensor, error) { return one(selectKernel(a.T(0), a.I(1), a.I(2))) },
		Backward: func(c *BackwardCtx, g []*Tensor) ([]*Tensor, error) {
			f := NewF(c.RT)
			return f.Ret(f.Call("select_backward", g[0], c.Inputs[0].shape, c.Args.I(1), c.Args.I(2)))
		},
	})
	opSelectBackward = Register(OpDef{
		Schema: "select_backward(Tensor grad_output, int[] input_sizes, int dim, int index) -> Tensor",
		Kernel: func(rt *Runtime, a Args) ([]*Tensor, error) {
			out := newTensor(a.T(0).dtype, a.Is(1))
			v, err := selectKernel(out, a.I(2), a.I(3))
			if err != nil {
				return nil, err
			}
			copyInto(v, a.T(0))
			return one(out, nil)
		},
		Backward: func(c *BackwardCtx, g []*Tensor) ([]*Tensor, error) {
			f := NewF(c.RT)
			return f.Ret(f.Call("select.int", g[0], c.Args.I(2), c.Args.I(3)))
		},
	})
	opExpand = Register(OpDef{
		Schema: "expand(Tensor(a) self, int[] size, *, bool implicit=False) -> Tensor(a)",
		Kernel: func(rt *Runtime, a Args) ([]*Tensor, error) { return one(expandKernel(a.T(0), a.Is(1))) },
		Backward: func(c *BackwardCtx, g []*Tensor) ([]*Tensor, error) {
			f := NewF(c.RT)
			return f.Ret(f.Call("sum_to_size", g[0], c.Inputs[0].shape))
		},
	})
	opExpandAs = Register(OpDef{
		Schema:    "expand_as(Tensor(a) self, Tensor other) -> Tensor(a)",
		Composite: true,
		Kernel: func(rt *Runtime, a Args) ([]*Tensor, error) {
			f := NewF(rt)
			return f.Ret(f.Expand(a.T(0), a.T(1).shape))
		},
	})
	opSqueeze = Register(OpDef{
		Schema: "squeeze(Tensor(a) self) -> Tensor(a)",
		Kernel: func(rt *Runtime, a Args) ([]*Tensor, error) { return one(squeezeKernel(a.T(0), nil)) },
		Backward: func(c *BackwardCtx, g []*Tensor) ([]*Tensor, error) {
			f := NewF(c.RT)
			return f.Ret(f.Reshape(g[0], c.Inputs[0].shape))
		},
	})
	opSqueezeDim = Register(OpDef{
		Schema: "squeeze.dim(Tensor(a) self, int dim) -> Tensor(a)",
		Kernel: func(rt *Runtime, a Args) ([]*Tensor, error) { return one(squeezeKernel(a.T(0), optInt(a, 1))) },
		Backward: func(c *BackwardCtx, g []*Tensor) ([]*Tensor, error) {
			f := NewF(c.RT)
			return f.Ret(f.Reshape(g[0], c.Inputs[0].shape))
		},
		GradFn: "SqueezeBackward1",
	})
	opUnsqueeze = Register(OpDef{
		Schema: "unsqueeze(Tensor(a) self, int dim) -> Tensor(a)",
		Kernel: func(rt *Runtime, a Args) ([]*Tensor, error) { return one(unsqueezeKernel(a.T(0), a.I(1))) },
		Backward: func(c *BackwardCtx, g []*Tensor) ([]*Tensor, error) {
			f := NewF(c.RT)
			return f.Ret(f.Reshape(g[0], c.Inputs[0].shape))
		},
	})
	opFlatten = Register(OpDef{
		Schema:    "flatten.using_ints(Tensor(a) self, int start_dim=0, int end_dim=-1) -> Tensor(a)",
		Composite: true,
		Kernel: func(rt *Runtime, a Args) ([]*Tensor, error) {
			t := a.T(0)
			nd := len(t.shape)
			if nd == 0 {
				return NewF(rt).Ret(NewF(rt).Reshape(t, []int{1}))
			}
			s, err := wrapDim(a.I(1), nd)
			if err != nil {
				return nil, err
			}
			e, err := wrapDim(a.I(2), nd)
			if err != nil {
				return nil, err
			}
			if s > e {
				return nil, errors.New("flatten() has invalid args: start_dim cannot come after end_dim")
			}
			if s == e {
				return []*Tensor{t}, nil
			}
			sh := append([]int(nil), t.shape[:s]...)
			sh = append(sh, numelOf(t.shape[s:e+1]))
			sh = append(sh, t.shape[e+1:]...)
			f := NewF(rt)
			return f.Ret(f.Reshape(t, sh))
		},
	})
	opUnflatten = Register(OpDef{
		Schema:    "unflatten.int(Tensor(a) self, int dim, int[] sizes) -> Tensor(a)",
		Composite: true,
		Kernel: func(rt *Runtime, a Args) ([]*Tensor, error) {
			t := a.T(0)
			d, err := wrapDim(a.I(1), len(t.shape))
			if err != nil {
				return nil, err
			}
			sizes, err := inferSize(a.Is(2), t.shape[d])
			if err != nil {
				return nil, fmt.Errorf("unflatten: Provided sizes %s don't multiply up to the size of dim %d (%d) in the input tensor", fmtShape(a.Is(2)), a.I(1), t.shape[d])
			}
			sh := append(append(append([]int(nil), t.shape[:d]...), sizes...), t.shape[d+1:]...)
			f := NewF(rt)
			return f.Ret(f.Call("view", t, sh))
		},
	})
	opContiguous = Register(OpDef{
		Schema:    "contiguous(Tensor(a) self) -> Tensor(a)",
		Composite: true,
		Kernel: func(rt *Runtime, a Args) ([]*Tensor, error) {
			if a.T(0).IsContiguous() {
				return []*Tensor{a.T(0)}, nil
			}
			f := NewF(rt)
			return f.Ret(f.Clone(a.T(0)))
		},
	})
	opClone = Register(OpDef{
		Schema: "clone(Tensor self, *, int? memory_format=None) -> Tensor",
		Kernel: func(rt *Runtime, a Args) ([]*Tensor, error) {
			out := newTensor(a.T(0).dtype, a.T(0).shape)
			return one(out, copyIntoRT(rt, out, a.T(0)))
		},
		Backward: func(c *BackwardCtx, g []*Tensor) ([]*Tensor, error) { return g[:1], nil },
	})
	opToCopy = Register(OpDef{
		Schema: "_to_copy(Tensor self, ScalarType? dtype=None) -> Tensor",
		Kernel: func(rt *Runtime, a Args) ([]*Tensor, error) {
			dt, ok := a.D(1)
			if !ok {
				dt = a.T(0).dtype
			}
			out := newTensor(dt, a.T(0).shape)
			return one(out, copyIntoRT(rt, out, a.T(0)))
		},
		Backward: func(c *BackwardCtx, g []*Tensor) ([]*Tensor, error) {
			f := NewF(c.RT)
			return f.Ret(f.To(g[0], c.Inputs[0].dtype))
		},
		GradFn: "ToCopyBackward0",
	})
	opTo = Register(OpDef{
		Schema:    "to.dtype(Tensor(a) self, ScalarType dtype, bool non_blocking=False, bool copy=False) -> Tensor(a)",
		Composite: true,
		Kernel: func(rt *Runtime, a Args) ([]*Tensor, error) {
			dt, _ := a.D(1)
			if dt == a.T(0).dtype && !a.B(3) {
				return []*Tensor{a.T(0)}, nil
			}
			f := NewF(rt)
			return f.Ret(f.To(a.T(0), dt))
		},
	})
	opSumToSize = Register(OpDef{
		Schema:    "sum_to_size(Tensor self, int[] size) -> Tensor",
		Composite: true,
		Kernel: func(rt *Runtime, a Args) ([]*Tensor, error) {
			t, size := a.T(0), a.Is(1)
			if sameShape(t.shape, size) {
				return []*Tensor{t}, nil
			}
			lead := len(t.shape) - len(size)
			if lead < 0 {
				return nil, fmt.Errorf("size {%s} is not expandable to size {%s}.", fmtShape(size), fmtShape(t.shape))
			}
			var dims []int
			for i := range t.shape {
				if i < lead {
					dims = append(dims, i)
				} else if size[i-lead] == 1 && t.shape[i] != 1 {
					dims = append(dims, i)
				} else if size[i-lead] != t.shape[i] {
					return nil, fmt.Errorf("size {%s} is not expandable to size {%s}.", fmtShape(size), fmtShape(t.shape))
				}
			}
			f := NewF(rt)
			r := t
			if len(dims) > 0 {
				r = f.SumDim(t, dims, true)
			}
			if lead > 0 || !sameShape(r.shape, size) {
				r = f.Reshape(r, size)
			}
			return f.Ret(r)
		},
	})
)

func diagonalKernel(t *Tensor, offset, dim1, dim2 int) (*Tensor, error) {
	nd := len(t.shape)
	d1, err := wrapDim(dim1, nd)
	if err != nil {
		return nil, err
	}
	d2, err := wrapDim(dim2, nd)
	if err != nil {
		return nil, err
	}
	if d1 == d2 {
		return nil, fmt.Errorf("diagonal dimensions cannot be identical %d, %d", dim1, dim2)
	}
	off := t.offset
	n := 0
	if offset >= 0 {
		n = max(0, min(t.shape[d1], t.shape[d2]-offset))
		if n > 0 {
			off += offset * t.strides[d2]
		}
	} else {
		n = max(0, min(t.shape[d1]+offset, t.shape[d2]))
		if n > 0 {
			off -= offset * t.strides[d1]
		}
	}
	var sh, st []int
	for i := 0; i < nd; i++ {
		if i != d1 && i != d2 {
			sh, st = append(sh, t.shape[i]), append(st, t.strides[i])
		}
	}
	sh, st = append(sh, n), append(st, t.strides[d1]+t.strides[d2])
	return t.makeView(sh, st, off), nil
}

var (
	opDiagonal = Register(OpDef{
		Schema: "diagonal(Tensor(a) self, int offset=0, int dim1=0, int dim2=1) -> Tensor(a)",
		Kernel: func(rt *Runtime, a Args) ([]*Tensor, error) {
			return one(diagonalKernel(a.T(0), a.I(1), a.I(2), a.I(3)))
		},
		Backward: func(c *BackwardCtx, g []*Tensor) ([]*Tensor, error) {
			f := NewF(c.RT)
			return f.Ret(f.Call("diagonal_backward", g[0], c.Inputs[0].shape, c.Args.I(1), c.Args.I(2), c.Args.I(3)))
		},
	})
	opDiagonalBackward = Register(OpDef{
		Schema: "diagonal_backward(Tensor grad_output, int[] input_sizes, int offset, int dim1, int dim2) -> Tensor",
		Kernel: func(rt *Runtime, a Args) ([]*Tensor, error) {
			out := newTensor(a.T(0).dtype, a.Is(1))
			v, err := diagonalKernel(out, a.I(2), a.I(3), a.I(4))
			if err != nil {
				return nil, err
			}
			copyInto(v, a.T(0))
			return one(out, nil)
		},
		Backward: func(c *BackwardCtx, g []*Tensor) ([]*Tensor, error) {
			f := NewF(c.RT)
			return f.Ret(f.Call("diagonal", g[0], c.Args.I(2), c.Args.I(3), c.Args.I(4)))
		},
	})
)

// View is tensor$view.
func (rt *Runtime) View(t *Tensor, shape ...int) (*Tensor, error) { return rt.call1(opView, t, shape) }

// Reshape is torch.reshape (a view when possible, else a copy).
func (rt *Runtime) Reshape(t *Tensor, shape ...int) (*Tensor, error) {
	return rt.call1(opReshape, t, shape)
}

// Transpose is torch.transpose.
func (rt *Runtime) Transpose(t *Tensor, d0, d1 int) (*Tensor, error) {
	return rt.call1(opTranspose, t, d0, d1)
}

// T is torch.t.
func (rt *Runtime) T(t *Tensor) (*Tensor, error) { return rt.call1(opT, t) }

// Permute is torch.permute.
func (rt *Runtime) Permute(t *Tensor, dims ...int) (*Tensor, error) {
	return rt.call1(opPermute, t, dims)
}

// Slice is t[start:end:step] along dim; nil bounds are open.
func (rt *Runtime) Slice(t *Tensor, dim int, start, end *int, step int) (*Tensor, error) {
	var s, e any
	if start != nil {
		s = *start
	}
	if end != nil {
		e = *end
	}
	return rt.call1(opSlice, t, dim, s, e, step)
}

// Narrow is torch.narrow.
func (rt *Runtime) Narrow(t *Tensor, dim, start, length int) (*Tensor, error) {
	return rt.call1(opNarrow, t, dim, start, length)
}

// Select is torch.select.
func (rt *Runtime) Select(t *Tensor, dim, index int) (*Tensor, error) {
	return rt.call1(opSelect, t, dim, index)
}

// Expand is tensor$expand.
func (rt *Runtime) Expand(t *Tensor, size ...int) (*Tensor, error) {
	return rt.call1(opExpand, t, size)
}

// Squeeze is torch.squeeze; dim nil squeezes all size-1 dimensions.
func (rt *Runtime) Squeeze(t *Tensor, dim *int) (*Tensor, error) {
	if dim == nil {
		return rt.call1(opSqueeze, t)
	}
	return rt.call1(opSqueezeDim, t, *dim)
}

// Unsqueeze is torch.unsqueeze.
func (rt *Runtime) Unsqueeze(t *Tensor, dim int) (*Tensor, error) {
	return rt.call1(opUnsqueeze, t, dim)
}

// Flatten is torch.flatten.
func (rt *Runtime) Flatten(t *Tensor, start, end int) (*Tensor, error) {
	return rt.call1(opFlatten, t, start, end)
}

// Contiguous is tensor$contiguous.
func (rt *Runtime) Contiguous(t *Tensor) (*Tensor, error) { return rt.call1(opContiguous, t) }

// Clone is torch.clone.
func (rt *Runtime) Clone(t *Tensor) (*Tensor, error) { return rt.call1(opClone, t) }

// To converts to dtype (a copy only if the dtype differs).
func (rt *Runtime) To(t *Tensor, dt DType) (*Tensor, error) { return rt.call1(opTo, t, dt) }

// SumToSize sums t down to a shape it was broadcast from.
func (rt *Runtime) SumToSize(t *Tensor, size []int) (*Tensor, error) {
	return rt.call1(opSumToSize, t, size)
}

var _, _ = opDiagonal, opDiagonalBackward
var _, _, _, _, _ = opUnsafeView, opSliceBackward, opSelectBackward, opExpandAs, opUnflatten
