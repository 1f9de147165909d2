package tensor

import (
	"errors"
	"fmt"
)

// forIndex calls fn with every multi-index of shape in row-major order.
func forIndex(shape []int, fn func(idx []int)) {
	n := numelOf(shape)
	if n == 0 {
		return
	}
	idx := make([]int, len(shape))
	for k := 0; k < n; k++ {
		fn(idx)
		for d := len(shape) - 1; d >= 0; d-- {
			idx[d]++
			if idx[d] < shape[d] {
				break
			}
			idx[d] = 0
		}
	}
}

func offsetOf(t *Tensor, idx []int) int {
	o := t.offset
	for i, v := range idx {
		o += v * t.strides[i]
	}
	return o
}

func checkIndexTensor(idx *Tensor, name string) error {
	if idx.dtype != Int64 && idx.dtype != Int32 {
		return fmt.Errorf("%s(): Expected dtype int64 for index", name)
	}
	return nil
}

func catKernel(ts []*Tensor, dim int) (*Tensor, error) {
	if len(ts) == 0 {
		return nil, errors.New("torch.cat(): expected a non-empty list of Tensors")
	}
	var ref *Tensor
	var st resultTypeState
	for _, t := range ts {
		st.addTensor(t)
		if !(len(t.shape) == 1 && t.shape[0] == 0) && ref == nil {
			ref = t
		}
	}
	dt := st.result()
	if ref == nil {
		return newTensor(dt, []int{0}), nil
	}
	if len(ref.shape) == 0 {
		return nil, errors.New("zero-dimensional tensor (at position 0) cannot be concatenated")
	}
	d, err := wrapDim(dim, len(ref.shape))
	if err != nil {
		return nil, err
	}
	total := 0
	for i, t := range ts {
		if len(t.shape) == 1 && t.shape[0] == 0 {
			continue
		}
		if len(t.shape) != len(ref.shape) {
			return nil, fmt.Errorf("Tensors must have same number of dimensions: got %d and %d", len(ref.shape), len(t.shape))
		}
		for k := range t.shape {
			if k != d && t.shape[k] != ref.shape[k] {
				return nil, fmt.Errorf("Sizes of tensors must match except in dimension %d. Expected size %d but got size %d for tensor number %d in the list.", d, ref.shape[k], t.shape[k], i)
			}
		}
		total += t.shape[d]
	}
	shape := ref.Shape()
	shape[d] = total
	out := newTensor(dt, shape)
	pos := 0
	for _, t := range ts {
		if len(t.shape) == 1 && t.shape[0] == 0 {
			continue
		}
		e := pos + t.shape[d]
		v, _ := sliceKernel(out, d, &pos, &e, 1)
		copyInto(v, t)
		pos = e
	}
	return out, nil
}

func gatherKernel(t *Tensor, dim int, index *Tensor) (*Tensor, error) {
	if err := checkIndexTensor(index, "gather"); err != nil {
		return nil, err
	}
	d, err := wrapDim(dim, len(t.shape))
	if err != nil {
		return nil, err
	}
	if len(index.shape) != len(t.shape) && !(len(t.shape) == 0 && len(index.shape) <= 1) {
		return nil, errors.New("Index tensor must have the same number of dimensions as input tensor")
	}
	out := newTensor(t.dtype, index.shape)
	n := 1
	if len(t.shape) > 0 {
		n = t.shape[d]
	}
	var ferr error
	k := 0
	src := make([]int, len(index.shape))
	forIndex(index.shape, func(idx []int) {
		iv := int(index.flat(offsetOf(index, idx)))
		if iv < -n || iv >= n {
			if ferr == nil {
				ferr = fmt.Errorf("index %d is out of bounds for dimension %d with size %d", iv, d, n)
			}
			return
		}
		if iv < 0 {
			iv += n
		}
		copy(src, idx)
		if len(t.shape) > 0 {
			src[d] = iv
			out.setFlat(k, t.flat(offsetOf(t, src)))
		} else {
			out.setFlat(k, t.flat(t.offset))
		}
		k++
	})
	return out, ferr
}

// scatterKernel: reduce "" (replace) or "add"; src or value.
func scatterKernel(self *Tensor, dim int, index *Tensor, src *Tensor, value float64, reduce string) (*Tensor, error) {
	if err := checkIndexTensor(index, "scatter"); err != nil {
		return nil, err
	}
	d, err := wrapDim(dim, len(self.shape))
	if err != nil {
		return nil, err
	}
	if len(index.shape) != len(self.shape) && len(self.shape) > 0 {
		return nil, errors.New("Index tensor must have the same number of dimensions as self tensor")
	}
	out := self.cloneData()
	n := 1
	if len(self.shape) > 0 {
		n = self.shape[d]
	}
	var ferr error
	dst := make([]int, len(index.shape))
	forIndex(index.shape, func(idx []int) {
		iv := int(index.flat(offsetOf(index, idx)))
		if iv < -n || iv >= n {
			if ferr == nil {
				ferr = fmt.Errorf("index %d is out of bounds for dimension %d with size %d", iv, d, n)
			}
			return
		}
		if iv < 0 {
			iv += n
		}
		copy(dst, idx)
		if len(dst) > 0 {
			dst[d] = iv
		}
		v := value
		if src != nil {
			v = src.flat(offsetOf(src, idx))
		}
		o := offsetOf(out, dst)
		if reduce == "add" {
			out.setFlat(o, out.flat(o)+v)
		} else {
			out.setFlat(o, v)
		}
	})
	return out, ferr
}

func indexSelectKernel(t *Tensor, dim int, index *Tensor) (*Tensor, error) {
	if err := checkIndexTensor(index, "index_select"); err != nil {
		return nil, errors.New("index_select(): Expected dtype int32 or int64 for index")
	}
	if len(index.shape) > 1 {
		return nil, errors.New("index_select(): Index is supposed to be a vector")
	}
	d, err := wrapDim(dim, len(t.shape))
	if err != nil {
		return nil, err
	}
	iv := index.Int64s()
	if len(t.shape) == 0 {
		return t.cloneData(), nil
	}
	shape := t.Shape()
	shape[d] = len(iv)
	out := newTensor(t.dtype, shape)
	for i, v := range iv {
		if v < 0 || int(v) >= t.shape[d] {
			return nil, fmt.Errorf("index out of range in self")
		}
		src, _ := selectKernel(t, d, int(v))
		dst, _ := selectKernel(out, d, i)
		copyInto(dst, src)
	}
	return out, nil
}

func indexAddKernel(self *Tensor, dim int, index, source *Tensor, alpha float64) (*Tensor, error) {
	d, err := wrapDim(dim, len(self.shape))
	if err != nil {
		return nil, err
	}
	out := self.cloneData()
	iv := index.Int64s()
	if len(self.shape) == 0 {
		out.setFlat(0, out.flat(0)+alpha*source.flat(source.offset))
		return out, nil
	}
	if len(source.shape) > 0 && source.shape[d] != len(iv) {
		return nil, errors.New("index_add_(): Number of indices should be equal to source.size(dim)")
	}
	for i, v := range iv {
		if v < 0 || int(v) >= self.shape[d] {
			return nil, fmt.Errorf("index out of range in self")
		}
		dst, _ := selectKernel(out, d, int(v))
		src, _ := selectKernel(source, d, i)
		dd := dst
		forIndex(dd.shape, func(idx []int) {
			o := offsetOf(dd, idx)
			dd.setFlat(o, dd.flat(o)+alpha*src.flat(offsetOf(src, idx)))
		})
	}
	return out, nil
}

func maskedFillKernel(t, mask *Tensor, v float64) (*Tensor, error) {
	if mask.dtype != Bool {
		return nil, fmt.Errorf("masked_fill_ only supports boolean masks, but got mask with dtype %s", mask.dtype)
	}
	shape, err := broadcastShapes(t.shape, mask.shape)
	if err != nil {
		return nil, err
	}
	if !sameShape(shape, t.shape) {
		return nil, fmt.Errorf("output with shape %s doesn't match the broadcast shape %s", fmtShape(t.shape), fmtShape(shape))
	}
	out := t.cloneData()
	m := expandTo(mask, shape)
	k := 0
	m.forOffsets(func(o int) {
		if m.flat(o) != 0 {
			out.setFlat(k, v)
		}
		k++
	})
	return out, nil
}

func flipKernel(t *Tensor, dims []int) (*Tensor, error) {
	w, err := wrapDims(dims, len(t.shape))
	if err != nil {
		return nil, err
	}
	v := t.makeView(t.Shape(), t.Strides(), t.offset)
	for _, d := range w {
		if len(v.shape) == 0 || v.shape[d] == 0 {
			continue
		}
		v.offset += (v.shape[d] - 1) * v.strides[d]
		v.strides[d] = -v.strides[d]
	}
	return v.cloneData(), nil
}

func rollKernel(t *Tensor, shifts, dims []int) (*Tensor, error) {
	if len(dims) == 0 {
		flat := t.contig()
		fv, _ := viewKernel(flat, []int{-1})
		r, err := rollKernel(fv, shifts, []int{0})
		if err != nil {
			return nil, err
		}
		return viewKernel(r, t.shape)
	}
	if len(shifts) != len(dims) {
		return nil, fmt.Errorf("shifts and dimensions must align. shifts: %d, dims:%d", len(shifts), len(dims))
	}
	cur := t
	for i, dim := range dims {
		d, err := wrapDim(dim, len(cur.shape))
		if err != nil {
			return nil, err
		}
		n := cur.shape[d]
		if n == 0 {
			continue
		}
		s := ((shifts[i] % n) + n) % n
		if s == 0 {
			cur = cur.cloneData()
			continue
		}
		a, b := n-s, n
		z := 0
		p1, _ := sliceKernel(cur, d, &a, &b, 1)
		p2, _ := sliceKernel(cur, d, &z, &a, 1)
		cur, err = catKernel([]*Tensor{p1, p2}, d)
		if err != nil {
			return nil, err
		}
	}
	return cur, nil
}

func nonzeroKernel(t *Tensor) *Tensor {
	var rows [][]int
	forIndex(t.shape, func(idx []int) {
		if t.flat(offsetOf(t, idx)) != 0 {
			rows = append(rows, append([]int(nil), idx...))
		}
	})
	out := newTensor(Int64, []int{len(rows), len(t.shape)})
	d := rawData[int64](out)
	for i, r := range rows {
		for j, v := range r {
			d[i*len(t.shape)+j] = int64(v)
		}
	}
	return out
}

func repeatKernel(t *Tensor, reps []int) (*Tensor, error) {
	if len(reps) < len(t.shape) {
		return nil, errors.New("Number of dimensions of repeat dims can not be smaller than number of dimensions of tensor")
	}
	lead := len(reps) - len(t.shape)
	xs := make([]int, len(reps))
	for i := range xs {
		if i < lead {
			xs[i] = 1
		} else {
			xs[i] = t.shape[i-lead]
		}
	}
	x, _ := viewKernel(t.contig(), xs)
	// expanded view [r0, s0, r1, s1, ...] then copy
	var es, est, out []int
	for i := range reps {
		es = append(es, reps[i], xs[i])
		est = append(est, 0, x.strides[i])
		out = append(out, reps[i]*xs[i])
	}
	ev := x.makeView(es, est, x.offset)
	res := ev.cloneData()
	return viewKernel(res, out)
}

var (
	opCat = Register(OpDef{
		Schema: "cat(Tensor[] tensors, int dim=0) -> Tensor",
		Kernel: func(rt *Runtime, a Args) ([]*Tensor, error) { return one(catKernel(a.Ts(0), a.I(1))) },
		Backward: func(c *BackwardCtx, g []*Tensor) ([]*Tensor, error) {
			f := NewF(c.RT)
			ts := c.Inputs
			var ref *Tensor
			for _, t := range ts {
				if !(len(t.shape) == 1 && t.shape[0] == 0) {
					ref = t
					break
				}
			}
			out := make([]*Tensor, len(ts))
			if ref == nil {
				return out, nil
			}
			d, _ := wrapDim(c.Args.I(1), len(ref.shape))
			pos := 0
			for i, t := range ts {
				if len(t.shape) == 1 && t.shape[0] == 0 {
					continue
				}
				if c.NeedsGrad(i) {
					out[i] = f.Call("narrow", g[0], d, pos, t.shape[d])
				}
				pos += t.shape[d]
			}
			return out, f.err
		},
	})
	opStack = Register(OpDef{
		Schema: "stack(Tensor[] tensors, int dim=0) -> Tensor",
		Kernel: func(rt *Runtime, a Args) ([]*Tensor, error) {
			ts := a.Ts(0)
			if len(ts) == 0 {
				return nil, errors.New("stack expects a non-empty TensorList")
			}
			d, err := wrapDim(a.I(1), len(ts[0].shape)+1)
			if err != nil {
				return nil, err
			}
			us := make([]*Tensor, len(ts))
			for i, t := range ts {
				if !sameShape(t.shape, ts[0].shape) {
					return nil, fmt.Errorf("stack expects each tensor to be equal size, but got %s at entry 0 and %s at entry %d", fmtShape(ts[0].shape), fmtShape(t.shape), i)
				}
				us[i], _ = unsqueezeKernel(t, d)
			}
			return one(catKernel(us, d))
		},
		Backward: func(c *BackwardCtx, g []*Tensor) ([]*Tensor, error) {
			f := NewF(c.RT)
			d, _ := wrapDim(c.Args.I(1), len(c.Inputs[0].shape)+1)
			out := make([]*Tensor, len(c.Inputs))
			for i := range out {
				if c.NeedsGrad(i) {
					out[i] = f.Call("select.int", g[0], d, i)
				}
			}
			return out, f.err
		},
	})
	opSplit = Register(OpDef{
		Schema: "split.Tensor(Tensor(a -> *) self, int split_size, int dim=0) -> Tensor(a)[]",
		Kernel: func(rt *Runtime, a Args) ([]*Tensor, error) {
			t := a.T(0)
			d, err := wrapDim(a.I(2), len(t.shape))
			if err != nil {
				return nil, err
			}
			s := a.I(1)
			if s <= 0 && t.shape[d] > 0 {
				return nil, fmt.Errorf("split_size can only be 0 if dimension size is 0, but got dimension size of %d", t.shape[d])
			}
			var sizes []int
			for p := 0; p < t.shape[d]; p += s {
				sizes = append(sizes, min(s, t.shape[d]-p))
			}
			if len(sizes) == 0 {
				sizes = []int{0}
			}
			return splitViews(t, sizes, d), nil
		},
		Backward: splitBackward, GradFn: "SplitBackward0",
	})
	opSplitSizes = Register(OpDef{
		Schema: "split_with_sizes(Tensor(a -> *) self, int[] split_sizes, int dim=0) -> Tensor(a)[]",
		Kernel: func(rt *Runtime, a Args) ([]*Tensor, error) {
			t := a.T(0)
			d, err := wrapDim(a.I(2), len(t.shape))
			if err != nil {
				return nil, err
			}
			sum := 0
			for _, s := range a.Is(1) {
				sum += s
			}
			if sum != t.shape[d] {
				return nil, fmt.Errorf("split_with_sizes expects split_sizes to sum exactly to %d (input tensor's size at dimension %d), but got split_sizes=%s", t.shape[d], d, fmtShape(a.Is(1)))
			}
			return splitViews(t, a.Is(1), d), nil
		},
		Backward: splitBackward, GradFn: "SplitWithSizesBackward0",
	})
	opChunk = Register(OpDef{
		Schema:    "chunk(Tensor(a -> *) self, int chunks, int dim=0) -> Tensor(a)[]",
		Composite: true,
		Kernel: func(rt *Runtime, a Args) ([]*Tensor, error) {
			t := a.T(0)
			if a.I(1) <= 0 {
				return nil, errors.New("chunk expects `chunks` to be greater than 0, got: " + fmt.Sprint(a.I(1)))
			}
			d, err := wrapDim(a.I(2), len(t.shape))
			if err != nil {
				return nil, err
			}
			n := t.shape[d]
			s := (n + a.I(1) - 1) / a.I(1)
			if s == 0 {
				s = 1
			}
			outs, err := rt.Call("split.Tensor", t, s, d)
			return outs, err
		},
	})
	opUnbind = Register(OpDef{
		Schema: "unbind.int(Tensor(a -> *) self, int dim=0) -> Tensor(a)[]",
		Kernel: func(rt *Runtime, a Args) ([]*Tensor, error) {
			t := a.T(0)
			if len(t.shape) == 0 {
				return nil, errors.New("Dimension specified as 0 but tensor has no dimensions")
			}
			d, err := wrapDim(a.I(1), len(t.shape))
			if err != nil {
				return nil, err
			}
			out := make([]*Tensor, t.shape[d])
			for i := range out {
				out[i], _ = selectKernel(t, d, i)
			}
			return out, nil
		},
		Backward: func(c *BackwardCtx, g []*Tensor) ([]*Tensor, error) {
			f := NewF(c.RT)
			d, _ := wrapDim(c.Args.I(1), len(c.Inputs[0].shape))
			return f.Ret(f.Call("stack", g, d))
		},
		GradFn: "UnbindBackward0",
	})
	opGather = Register(OpDef{
		Schema: "gather(Tensor self, int dim, Tensor index, *, bool sparse_grad=False) -> Tensor",
		Kernel: func(rt *Runtime, a Args) ([]*Tensor, error) { return one(gatherKernel(a.T(0), a.I(1), a.T(2))) },
		Backward: func(c *BackwardCtx, g []*Tensor) ([]*Tensor, error) {
			f := NewF(c.RT)
			z := f.Op(registry["aten::zeros"], c.Inputs[0].shape, g[0].dtype)
			return f.Ret(f.Call("scatter_add", z, c.Args.I(1), c.Inputs[1], g[0]), nil)
		},
		Saves: []string{"index"},
	})
	opScatter = Register(OpDef{
		Schema: "scatter.src(Tensor self, int dim, Tensor index, Tensor src) -> Tensor",
		Kernel: func(rt *Runtime, a Args) ([]*Tensor, error) {
			if a.T(0).dtype != a.T(3).dtype {
				return nil, fmt.Errorf("scatter(): Expected self.dtype to be equal to src.dtype")
			}
			return one(scatterKernel(a.T(0), a.I(1), a.T(2), a.T(3), 0, ""))
		},
		Backward: func(c *BackwardCtx, g []*Tensor) ([]*Tensor, error) {
			f := NewF(c.RT)
			var gs, gsrc *Tensor
			if c.NeedsGrad(0) {
				gs = f.Call("scatter.value", g[0], c.Args.I(1), c.Inputs[1], 0)
			}
			if c.NeedsGrad(2) {
				gsrc = f.Call("gather", g[0], c.Args.I(1), c.Inputs[1])
			}
			return f.Ret(gs, nil, gsrc)
		},
		Saves: []string{"index"},
	})
	opScatterValue = Register(OpDef{
		Schema: "scatter.value(Tensor self, int dim, Tensor index, Scalar value) -> Tensor",
		Kernel: func(rt *Runtime, a Args) ([]*Tensor, error) {
			return one(scatterKernel(a.T(0), a.I(1), a.T(2), nil, a.S(3).F, ""))
		},
		Backward: func(c *BackwardCtx, g []*Tensor) ([]*Tensor, error) {
			f := NewF(c.RT)
			return f.Ret(f.Call("scatter.value", g[0], c.Args.I(1), c.Inputs[1], 0), nil)
		},
		GradFn: "ScatterBackward1", Saves: []string{"index"},
	})
	opScatterAdd = Register(OpDef{
		Schema: "scatter_add(Tensor self, int dim, Tensor index, Tensor src) -> Tensor",
		Kernel: func(rt *Runtime, a Args) ([]*Tensor, error) {
			if a.T(0).dtype != a.T(3).dtype {
				return nil, fmt.Errorf("scatter(): Expected self.dtype to be equal to src.dtype")
			}
			return one(scatterKernel(a.T(0), a.I(1), a.T(2), a.T(3), 0, "add"))
		},
		Backward: func(c *BackwardCtx, g []*Tensor) ([]*Tensor, error) {
			f := NewF(c.RT)
			var gsrc *Tensor
			if c.NeedsGrad(2) {
				gsrc = f.Call("gather", g[0], c.Args.I(1), c.Inputs[1])
			}
			return f.Ret(g[0], nil, gsrc)
		},
		Saves: []string{"index"},
	})
	opIndexSelect = Register(OpDef{
		Schema: "index_select(Tensor self, int dim, Tensor index) -> Tensor",
		Kernel: func(rt *Runtime, a Args) ([]*Tensor, error) { return one(indexSelectKernel(a.T(0), a.I(1), a.T(2))) },
		Backward: func(c *BackwardCtx, g []*Tensor) ([]*Tensor, error) {
			f := NewF(c.RT)
			z := f.Op(registry["aten::zeros"], c.Inputs[0].shape, g[0].dtype)
			return f.Ret(f.Call("index_add", z, c.Args.I(1), c.Inputs[1], g[0]), nil)
		},
		Saves: []string{"index"},
	})
	opIndexAdd = Register(OpDef{
		Schema: "index_add(Tensor self, int dim, Tensor index, Tensor source, *, Scalar alpha=1) -> Tensor",
		Kernel: func(rt *Runtime, a Args) ([]*Tensor, error) {
			return one(indexAddKernel(a.T(0), a.I(1), a.T(2), a.T(3), a.S(4).F))
		},
		Backward: func(c *BackwardCtx, g []*Tensor) ([]*Tensor, error) {
			f := NewF(c.RT)
			var gsrc *Tensor
			if c.NeedsGrad(2) {
				gsrc = f.Call("index_select", g[0], c.Args.I(1), c.Inputs[1])
				if len(c.Inputs[2].shape) == 0 {
					gsrc = f.Reshape(gsrc, []int{})
				}
				if al := c.Args.S(4); al.F != 1 {
					gsrc = f.Mul(gsrc, al)
				}
			}
			return f.Ret(g[0], nil, gsrc)
		},
		Saves: []string{"index"},
	})
	opMaskedFill = Register(OpDef{
		Schema: "masked_fill.Scalar(Tensor self, Tensor mask, Scalar value) -> Tensor",
		Kernel: func(rt *Runtime, a Args) ([]*Tensor, error) { return one(maskedFillKernel(a.T(0), a.T(1), a.S(2).F)) },
		Backward: func(c *BackwardCtx, g []*Tensor) ([]*Tensor, error) {
			f := NewF(c.RT)
			return f.Ret(f.Call("masked_fill.Scalar", g[0], c.Inputs[1], 0), nil)
		},
		Saves: []string{"mask"},
	})
	opMaskedFill_ = Register(OpDef{
		Schema: "masked_fill_.Scalar(Tensor self, Tensor mask, Scalar value) -> Tensor",
		Kernel: inplaceKernel(func(rt *Runtime, a Args) (*Tensor, error) {
			return maskedFillKernel(a.T(0), a.T(1), a.S(2).F)
		}),
		Backward: func(c *BackwardCtx, g []*Tensor) ([]*Tensor, error) {
			f := NewF(c.RT)
			return f.Ret(f.Call("masked_fill.Scalar", g[0], c.Inputs[1], 0), nil)
		},
		GradFn: "MaskedFillBackward0", Inplace: true,
	})
	opMaskedSelect = Register(OpDef{
		Schema: "masked_select(Tensor self, Tensor mask) -> Tensor",
		Kernel: func(rt *Runtime, a Args) ([]*Tensor, error) {
			t, m := a.T(0), a.T(1)
			if m.dtype != Bool {
				return nil, fmt.Errorf("masked_select: expected BoolTensor for mask")
			}
			shape, err := broadcastShapes(t.shape, m.shape)
			if err != nil {
				return nil, err
			}
			te, me := expandTo(t, shape), expandTo(m, shape)
			var vals []float64
			forIndex(shape, func(idx []int) {
				if me.flat(offsetOf(me, idx)) != 0 {
					vals = append(vals, te.flat(offsetOf(te, idx)))
				}
			})
			if vals == nil {
				vals = []float64{}
			}
			return one(fromFloat64s(vals, []int{len(vals)}, t.dtype), nil)
		},
		Backward: func(c *BackwardCtx, g []*Tensor) ([]*Tensor, error) {
			f := NewF(c.RT)
			return f.Ret(f.Call("masked_select_backward", g[0], c.Inputs[0], c.Inputs[1]), nil)
		},
		Saves: []string{"mask"},
	})
	opMaskedSelectBackward = Register(OpDef{
		Schema: "masked_select_backward(Tensor grad, Tensor input, Tensor mask) -> Tensor",
		Kernel: func(rt *Runtime, a Args) ([]*Tensor, error) {
			g, in, m := a.T(0), a.T(1), a.T(2)
			shape, err := broadcastShapes(in.shape, m.shape)
			if err != nil {
				return nil, err
			}
			out := newTensor(g.dtype, shape)
			me := expandTo(m, shape)
			k := 0
			gv := g.Float64s()
			j := 0
			forIndex(shape, func(idx []int) {
				if me.flat(offsetOf(me, idx)) != 0 {
					out.setFlat(k, gv[j])
					j++
				}
				k++
			})
			return one(out, nil)
		},
	})
	opNonzero = Register(OpDef{
		Schema: "nonzero(Tensor self) -> Tensor",
		Kernel: func(rt *Runtime, a Args) ([]*Tensor, error) { return one(nonzeroKernel(a.T(0)), nil) },
	})
	opFlip = Register(OpDef{
		Schema: "flip(Tensor self, int[] dims) -> Tensor",
		Kernel: func(rt *Runtime, a Args) ([]*Tensor, error) { return one(flipKernel(a.T(0), a.Is(1))) },
		Backward: func(c *BackwardCtx, g []*Tensor) ([]*Tensor, error) {
			f := NewF(c.RT)
			return f.Ret(f.Call("flip", g[0], c.Args.Is(1)))
		},
	})
	opRoll = Register(OpDef{
		Schema: "roll(Tensor self, int[1] shifts, int[1] dims=[]) -> Tensor",
		Kernel: func(rt *Runtime, a Args) ([]*Tensor, error) { return one(rollKernel(a.T(0), a.Is(1), a.Is(2))) },
		Backward: func(c *BackwardCtx, g []*Tensor) ([]*Tensor, error) {
			f := NewF(c.RT)
			sh := c.Args.Is(1)
			neg := make([]int, len(sh))
			for i, s := range sh {
				neg[i] = -s
			}
			return f.Ret(f.Call("roll", g[0], neg, c.Args.Is(2)))
		},
	})
	opRepeat = Register(OpDef{
		Schema: "repeat(Tensor self, int[] repeats) -> Tensor",
		Kernel: func(rt *Runtime, a Args) ([]*Tensor, error) { return one(repeatKernel(a.T(0), a.Is(1))) },
		Backward: func(c *BackwardCtx, g []*Tensor) ([]*Tensor, error) {
			f := NewF(c.RT)
			in := c.Inputs[0]
			reps := c.Args.Is(1)
			lead := len(reps) - len(in.shape)
			var split, dims []int
			for i, r := range reps {
				s := 1
				if i >= lead {
					s = in.shape[i-lead]
				}
				dims = append(dims, len(split))
				split = append(split, r, s)
			}
			gs := f.SumDim(f.Reshape(g[0], split), dims, false)
			return f.Ret(f.Reshape(gs, in.shape))
		},
	})
	opTile = Register(OpDef{
		Schema:    "tile(Tensor self, int[] dims) -> Tensor",
		Composite: true,
		Kernel: func(rt *Runtime, a Args) ([]*Tensor, error) {
			t, reps := a.T(0), a.Is(1)
			for len(reps) < len(t.shape) {
				reps = append([]int{1}, reps...)
			}
			f := NewF(rt)
			return f.Ret(f.Call("repeat", t, reps))
		},
	})
	opRepeatInterleave = Register(OpDef{
		Schema:    "repeat_interleave.self_int(Tensor self, int repeats, int? dim=None) -> Tensor",
		Composite: true,
		Kernel: func(rt *Runtime, a Args) ([]*Tensor, error) {
			t, r := a.T(0), a.I(1)
			f := NewF(rt)
			d := 0
			if a.None(2) {
				t = f.Reshape(t, []int{-1})
			} else {
				var err error
				d, err = wrapDim(a.I(2), len(t.shape))
				if err != nil {
					return nil, err
				}
			}
			if f.err != nil {
				return nil, f.err
			}
			n := 1
			if len(t.shape) > 0 {
				n = t.shape[d]
			}
			idx := make([]int64, 0, n*r)
			for i := 0; i < n; i++ {
				for j := 0; j < r; j++ {
					idx = append(idx, int64(i))
				}
			}
			it, _ := FromInt64(idx, len(idx))
			return f.Ret(f.Call("index_select", t, d, it))
		},
	})
	opTake = Register(OpDef{
		Schema: "take(Tensor self, Tensor index) -> Tensor",
		Kernel: func(rt *Runtime, a Args) ([]*Tensor, error) {
			t, idx := a.T(0), a.T(1)
			n := t.Numel()
			flat := t.contig()
			iv := idx.Int64s()
			out := newTensor(t.dtype, idx.shape)
			for i, v := range iv {
				if v < -int64(n) || v >= int64(n) {
					return nil, fmt.Errorf("out of range: tried to access index %d on a tensor of %d elements.", v, n)
				}
				if v < 0 {
					v += int64(n)
				}
				out.setFlat(i, flat.flat(flat.offset+int(v)))
			}
			return one(out, nil)
		},
		Backward: func(c *BackwardCtx, g []*Tensor) ([]*Tensor, error) {
			f := NewF(c.RT)
			x, idx := c.Inputs[0], c.Inputs[1]
			n := int64(x.Numel())
			iv := idx.Int64s()
			for i, v := range iv {
				if v < 0 {
					iv[i] = v + n
				}
			}
			it, _ := FromInt64(iv, len(iv))
			z := f.Op(registry["aten::zeros"], []int{x.Numel()}, g[0].dtype)
			r := f.Call("index_add", z, 0, it, f.Reshape(g[0], []int{-1}))
			return f.Ret(f.Reshape(r, x.shape), nil)
		},
		Saves: []string{"index"},
	})
	opDiff = Register(OpDef{
		Schema:    "diff(Tensor self, int n=1, int dim=-1, Tensor? prepend=None, Tensor? append=None) -> Tensor",
		Composite: true,
		Kernel: func(rt *Runtime, a Args) ([]*Tensor, error) {
			t := a.T(0)
			f := NewF(rt)
			d, err := wrapDim(a.I(2), len(t.shape))
			if err != nil {
				return nil, err
			}
			if len(t.shape) == 0 {
				return nil, errors.New("diff expects input to be at least one-dimensional")
			}
			parts := []*Tensor{}
			if p := a.T(3); p != nil {
				parts = append(parts, p)
			}
			parts = append(parts, t)
			if p := a.T(4); p != nil {
				parts = append(parts, p)
			}
			if len(parts) > 1 {
				t = f.Call("cat", parts, d)
			}
			for i := 0; i < a.I(1) && f.err == nil; i++ {
				n := t.shape[d]
				if n == 0 {
					break
				}
				t = f.Sub(f.Call("narrow", t, d, 1, n-1), f.Call("narrow", t, d, 0, n-1))
			}
			return f.Ret(t)
		},
	})
	opBroadcastTensors = Register(OpDef{
		Schema:    "broadcast_tensors(Tensor[] tensors) -> Tensor[]",
		Composite: true,
		Kernel: func(rt *Runtime, a Args) ([]*Tensor, error) {
			ts := a.Ts(0)
			shape := []int{}
			for _, t := range ts {
				var err error
				shape, err = broadcastShapes(shape, t.shape)
				if err != nil {
					return nil, err
				}
			}
			f := NewF(rt)
			out := make([]*Tensor, len(ts))
			for i, t := range ts {
				out[i] = f.Expand(t, shape)
			}
			return out, f.err
		},
	})
	opMeshgrid = Register(OpDef{
		Schema:    "meshgrid.indexing(Tensor[] tensors, *, str indexing='ij') -> Tensor[]",
		Composite: true,
		Kernel: func(rt *Runtime, a Args) ([]*Tensor, error) {
			ts := a.Ts(0)
			xy := a.Str(1) == "xy"
			if a.Str(1) != "xy" && a.Str(1) != "ij" {
				return nil, fmt.Errorf("torch.meshgrid: indexing must be one of \"xy\" or \"ij\", but received: %s", a.Str(1))
			}
			n := len(ts)
			shape := make([]int, n)
			for i, t := range ts {
				if len(t.shape) > 1 {
					return nil, errors.New("torch.meshgrid: Expected 0D or 1D tensor in the tensor list")
				}
				shape[i] = t.Numel()
			}
			if xy && n >= 2 {
				shape[0], shape[1] = shape[1], shape[0]
			}
			f := NewF(rt)
			out := make([]*Tensor, n)
			for i, t := range ts {
				pos := i
				if xy && n >= 2 && i < 2 {
					pos = 1 - i
				}
				vs := make([]int, n)
				for k := range vs {
					vs[k] = 1
				}
				vs[pos] = t.Numel()
				out[i] = f.Expand(f.Reshape(t, vs), shape)
			}
			return out, f.err
		},
	})
	opCartesianProd = Register(OpDef{
		Schema:    "cartesian_prod(Tensor[] tensors) -> Tensor",
		Composite: true,
		Kernel: func(rt *Runtime, a Args) ([]*Tensor, error) {
			ts := a.Ts(0)
			if len(ts) == 1 {
				return []*Tensor{ts[0]}, nil
			}
			outs, err := rt.CallNamed("meshgrid.indexing", []any{ts}, map[string]any{"indexing": "ij"})
			if err != nil {
				return nil, err
			}
			f := NewF(rt)
			flat := make([]*Tensor, len(outs))
			for i, o := range outs {
				flat[i] = f.Reshape(o, []int{-1})
			}
			return f.Ret(f.Call("stack", flat, 1))
		},
	})
	opHstack = Register(OpDef{
		Schema:    "hstack(Tensor[] tensors) -> Tensor",
		Composite: true,
		Kernel: func(rt *Runtime, a Args) ([]*Tensor, error) {
			ts, err := atleast(rt, a.Ts(0), 1)
			if err != nil {
				return nil, err
			}
			f := NewF(rt)
			d := 1
			if len(ts) > 0 && len(ts[0].shape) == 1 {
				d = 0
			}
			return f.Ret(f.Call("cat", ts, d))
		},
	})
	opVstack = Register(OpDef{
		Schema:    "vstack(Tensor[] tensors) -> Tensor",
		Composite: true,
		Kernel: func(rt *Runtime, a Args) ([]*Tensor, error) {
			ts, err := atleast(rt, a.Ts(0), 2)
			if err != nil {
				return nil, err
			}
			f := NewF(rt)
			return f.Ret(f.Call("cat", ts, 0))
		},
	})
	opPad = Register(OpDef{
		Schema:    "pad(Tensor self, int[] pad, str mode='constant', float? value=None) -> Tensor",
		Composite: true,
		Kernel: func(rt *Runtime, a Args) ([]*Tensor, error) {
			t, pad, mode := a.T(0), a.Is(1), a.Str(2)
			if len(pad)%2 != 0 {
				return nil, errors.New("Padding length must be divisible by 2")
			}
			if len(pad)/2 > len(t.shape) {
				return nil, errors.New("Padding length too large")
			}
			f := NewF(rt)
			switch mode {
			case "constant":
				v := 0.0
				if !a.None(3) {
					v = a.F(3)
				}
				return f.Ret(f.Call("constant_pad_nd", t, pad, v))
			case "reflect", "replicate":
				k := len(pad) / 2
				name := map[string]string{"reflect": "reflection", "replicate": "replication"}[mode]
				return f.Ret(f.Call(fmt.Sprintf("%s_pad%dd", name, k), t, pad))
			case "circular":
				cur := t
				for i := 0; i < len(pad)/2; i++ {
					d := len(t.shape) - 1 - i
					lo, hi := pad[2*i], pad[2*i+1]
					n := cur.shape[d]
					if mode == "reflect" && (lo >= n || hi >= n) {
						return nil, fmt.Errorf("Argument #4: Padding size should be less than the corresponding input dimension, but got: padding (%d, %d) at dimension %d of input %s", lo, hi, d, fmtShape(t.shape))
					}
					idx := make([]int64, 0, n+lo+hi)
					for j := -lo; j < n+hi; j++ {
						k := j
						switch mode {
						case "reflect":
							if k < 0 {
								k = -k
							}
							if k >= n {
								k = 2*(n-1) - k
							}
						case "replicate":
							k = min(max(k, 0), n-1)
						case "circular":
							k = ((k % n) + n) % n
						}
						idx = append(idx, int64(k))
					}
					it, _ := FromInt64(idx, len(idx))
					cur = f.Call("index_select", cur, d, it)
					if f.err != nil {
						return nil, f.err
					}
				}
				return f.Ret(cur)
			}
			return nil, fmt.Errorf("Unrecognised padding mode %s", mode)
		},
	})
	opConstantPad = Register(OpDef{
		Schema: "constant_pad_nd(Tensor self, int[] pad, Scalar value=0) -> Tensor",
		Kernel: func(rt *Runtime, a Args) ([]*Tensor, error) {
			t, pad := a.T(0), a.Is(1)
			shape := t.Shape()
			for i := 0; i < len(pad)/2; i++ {
				d := len(shape) - 1 - i
				shape[d] += pad[2*i] + pad[2*i+1]
				if shape[d] < 0 {
					return nil, fmt.Errorf("The input size %d, plus negative padding %d and %d resulted in a negative output size, which is invalid. Check dimension %d of your input.", t.shape[d], pad[2*i], pad[2*i+1], d)
				}
			}
			out := newTensor(t.dtype, shape)
			fillScalar(out, a.S(2).F)
			src, dst := t, out
			for i := 0; i < len(pad)/2; i++ {
				d := len(shape) - 1 - i
				lo, hi := pad[2*i], pad[2*i+1]
				// crop negative pads from src, skip positive pads in dst
				s0, s1 := max(-lo, 0), t.shape[d]-max(-hi, 0)
				src, _ = sliceKernel(src, d, &s0, &s1, 1)
				d0 := max(lo, 0)
				d1 := d0 + (s1 - s0)
				dst, _ = sliceKernel(dst, d, &d0, &d1, 1)
			}
			if src.Numel() > 0 {
				copyInto(dst, src)
			}
			return one(out, nil)
		},
		Backward: func(c *BackwardCtx, g []*Tensor) ([]*Tensor, error) {
			f := NewF(c.RT)
			pad := c.Args.Is(1)
			neg := make([]int, len(pad))
			for i, p := range pad {
				neg[i] = -p
			}
			return f.Ret(f.Call("constant_pad_nd", g[0], neg, 0))
		},
		GradFn: "ConstantPadNdBackward0",
	})
)

// padIndices are the source positions along one dim for reflect or
// replicate padding.
func padIndices(n, lo, hi int, mode string) []int64 {
	idx := make([]int64, 0, n+lo+hi)
	for j := -lo; j < n+hi; j++ {
		k := j
		if mode == "reflect" {
			if k < 0 {
				k = -k
			}
			if k >= n {
				k = 2*(n-1) - k
			}
		} else {
			k = min(max(k, 0), n-1)
		}
		idx = append(idx, int64(k))
	}
	return idx
}

func registerPad(mode string, k int) {
	name := map[string]string{"reflect": "reflection", "replicate": "replication"}[mode]
	Register(OpDef{
		Schema: fmt.Sprintf("%s_pad%dd(Tensor self, int[%d] padding) -> Tensor", name, k, 2*k),
		Kernel: func(rt *Runtime, a Args) ([]*Tensor, error) {
			t, pad := a.T(0), a.Is(1)
			if len(pad) != 2*k || len(t.shape) < k {
				return nil, fmt.Errorf("%s_pad%dd: expected padding of length %d and a %dD or %dD input", name, k, 2*k, k+1, k+2)
			}
			cur := t
			for i := 0; i < k; i++ {
				d := len(t.shape) - 1 - i
				lo, hi := pad[2*i], pad[2*i+1]
				n := cur.shape[d]
				if mode == "reflect" && (lo >= n || hi >= n) {
					return nil, fmt.Errorf("Argument #4: Padding size should be less than the corresponding input dimension, but got: padding (%d, %d) at dimension %d of input %s", lo, hi, d, fmtShape(t.shape))
				}
				it, _ := FromInt64(padIndices(n, lo, hi, mode), n+lo+hi)
				var err error
				cur, err = indexSelectKernel(cur, d, it)
				if err != nil {
					return nil, err
				}
			}
			return one(cur, nil)
		},
		Backward: func(c *BackwardCtx, g []*Tensor) ([]*Tensor, error) {
			f := NewF(c.RT)
			t, pad := c.Inputs[0], c.Args.Is(1)
			// shapes after each padded dim, then undo in reverse
			shapes := [][]int{t.Shape()}
			for i := 0; i < k; i++ {
				d := len(t.shape) - 1 - i
				sh := append([]int(nil), shapes[i]...)
				sh[d] += pad[2*i] + pad[2*i+1]
				shapes = append(shapes, sh)
			}
			cur := g[0]
			for i := k - 1; i >= 0; i-- {
				d := len(t.shape) - 1 - i
				n := shapes[i][d]
				it, _ := FromInt64(padIndices(n, pad[2*i], pad[2*i+1], mode), n+pad[2*i]+pad[2*i+1])
				z := f.Op(registry["aten::zeros"], shapes[i], g[0].dtype)
				cur = f.Call("index_add", z, d, it, cur)
			}
			return f.Ret(cur)
		},
		GradFn: fmt.Sprintf("%sPad%dDBackward0", map[string]string{"reflect": "Reflection", "replicate": "Replication"}[mode], k),
	})
}

func init() {
	for k := 1; k <= 3; k++ {
		registerPad("reflect", k)
		registerPad("replicate", k)
	}
}

func splitViews(t *Tensor, sizes []int, d int) []*Tensor {
	out := make([]*Tensor, len(sizes))
	pos := 0
	for i, s := range sizes {
		e := pos + s
		out[i], _ = sliceKernel(t, d, &pos, &e, 1)
		pos = e
	}
	return out
}

func splitBackward(c *BackwardCtx, g []*Tensor) ([]*Tensor, error) {
	f := NewF(c.RT)
	d, _ := wrapDim(c.Args.I(2), len(c.Inputs[0].shape))
	return f.Ret(f.Call("cat", g, d))
}

func atleast(rt *Runtime, ts []*Tensor, n int) ([]*Tensor, error) {
	f := NewF(rt)
	out := make([]*Tensor, len(ts))
	for i, t := range ts {
		out[i] = f.Call(fmt.Sprintf("atleast_%dd", n), t)
	}
	return out, f.err
}

func init() {
	for n := 1; n <= 3; n++ {
		n := n
		Register(OpDef{
			Schema:    fmt.Sprintf("atleast_%dd(Tensor self) -> Tensor", n),
			Composite: true,
			Kernel: func(rt *Runtime, a Args) ([]*Tensor, error) {
				t := a.T(0)
				if len(t.shape) >= n {
					return []*Tensor{t}, nil
				}
				var shape []int
				switch {
				case n == 1:
					shape = []int{1}
				case n == 2 && len(t.shape) == 0:
					shape = []int{1, 1}
				case n == 2:
					shape = []int{1, t.shape[0]}
				case len(t.shape) == 0:
					shape = []int{1, 1, 1}
				case len(t.shape) == 1:
					shape = []int{1, t.shape[0], 1}
				default:
					shape = []int{t.shape[0], t.shape[1], 1}
				}
				f := NewF(rt)
				return f.Ret(f.Reshape(t, shape))
			},
		})
	}
}

// Cat is torch.cat.
func (rt *Runtime) Cat(ts []*Tensor, dim int) (*Tensor, error) { return rt.call1(opCat, ts, dim) }

// Stack is torch.stack.
func (rt *Runtime) Stack(ts []*Tensor, dim int) (*Tensor, error) { return rt.call1(opStack, ts, dim) }

// IndexSelect is torch.index_select.
func (rt *Runtime) IndexSelect(t *Tensor, dim int, index *Tensor) (*Tensor, error) {
	return rt.call1(opIndexSelect, t, dim, index)
}

// Gather is torch.gather.
func (rt *Runtime) Gather(t *Tensor, dim int, index *Tensor) (*Tensor, error) {
	return rt.call1(opGather, t, dim, index)
}

var _ = []*Op{opSplitSizes, opChunk, opUnbind, opScatter, opScatterValue, opScatterAdd, opIndexAdd, opMaskedFill, opMaskedFill_,
	opMaskedSelect, opMaskedSelectBackward, opNonzero, opFlip, opRoll, opRepeat, opTile, opRepeatInterleave, opTake, opDiff,
	opBroadcastTensors, opMeshgrid, opCartesianProd, opHstack, opVstack, opPad, opConstantPad, opSplit}
