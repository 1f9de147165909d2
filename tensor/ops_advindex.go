package tensor

import (
	"errors"
	"fmt"
)

// Advanced indexing (aten::index / aten::index_put): index tensors in some
// dimensions are broadcast together and select elements pointwise; bool
// masks stand for their nonzero positions. R's orthogonal indexing is the
// special case where the index vectors are shaped to broadcast against
// each other (i as [n, 1], j as [1, m]).

type indexPlan struct {
	outShape []int
	bshape   []int // broadcast shape of the index tensors
	pos      []int // indexed dims of self, in order
	idx      []*Tensor
	first    int  // output position of the broadcast dims
	adjacent bool // indexed dims are consecutive
	rest     []int
}

func planIndex(self *Tensor, indices []*Tensor) (*indexPlan, error) {
	// expand bool masks into one int64 index per masked dim
	var idx []*Tensor
	for k, t := range indices {
		if t != nil && (t.dtype == Bool || t.dtype == Uint8) {
			d := len(idx)
			if d+len(t.shape) > len(self.shape) {
				return nil, fmt.Errorf("too many indices for tensor of dimension %d", len(self.shape))
			}
			for j, s := range t.shape {
				if s != self.shape[d+j] {
					return nil, fmt.Errorf("The shape of the mask %s at index %d does not match the shape of the indexed tensor %s at index %d", fmtShape(t.shape), j, fmtShape(self.shape), d+j)
				}
			}
			nz := nonzeroKernel(t)
			for j := range t.shape {
				col, _ := selectKernel(nz, 1, j)
				idx = append(idx, col.contig())
			}
			continue
		}
		if t != nil && t.dtype != Int64 && t.dtype != Int32 {
			return nil, errors.New("tensors used as indices must be long, int, byte or bool tensors")
		}
		_ = k
		idx = append(idx, t)
	}
	if len(idx) > len(self.shape) {
		return nil, fmt.Errorf("too many indices for tensor of dimension %d (got %d)", len(self.shape), len(idx))
	}
	for len(idx) < len(self.shape) {
		idx = append(idx, nil)
	}
	p := &indexPlan{idx: idx, bshape: []int{}}
	for d, t := range idx {
		if t == nil {
			p.rest = append(p.rest, d)
			continue
		}
		p.pos = append(p.pos, d)
		bs, err := broadcastShapes(p.bshape, t.shape)
		if err != nil {
			return nil, fmt.Errorf("shape mismatch: indexing tensors could not be broadcast together with shapes %s, %s", fmtShape(p.bshape), fmtShape(t.shape))
		}
		p.bshape = bs
		n := self.shape[d]
		for _, v := range t.Int64s() {
			if v < -int64(n) || v >= int64(n) {
				return nil, fmt.Errorf("index %d is out of bounds for dimension %d with size %d", v, d, n)
			}
		}
	}
	if len(p.pos) == 0 {
		p.outShape = self.Shape()
		return p, nil
	}
	p.adjacent = p.pos[len(p.pos)-1]-p.pos[0] == len(p.pos)-1
	if p.adjacent {
		p.first = p.pos[0]
		p.outShape = append(append(append([]int{}, self.shape[:p.pos[0]]...), p.bshape...), self.shape[p.pos[len(p.pos)-1]+1:]...)
	} else {
		p.first = 0
		p.outShape = append([]int{}, p.bshape...)
		for _, d := range p.rest {
			p.outShape = append(p.outShape, self.shape[d])
		}
	}
	return p, nil
}

// each calls fn(outIndex, selfIndex) for every output element.
func (p *indexPlan) each(self *Tensor, fn func(out, src []int)) {
	nb := len(p.bshape)
	src := make([]int, len(self.shape))
	exp := make([]*Tensor, len(p.idx))
	for d, t := range p.idx {
		if t != nil {
			exp[d] = expandTo(t, p.bshape)
		}
	}
	bidx := make([]int, nb)
	forIndex(p.outShape, func(o []int) {
		// split o into the broadcast part and the remaining dims
		var restVals []int
		if len(p.pos) == 0 {
			restVals = o
		} else {
			copy(bidx, o[p.first:p.first+nb])
			restVals = append(append(restVals, o[:p.first]...), o[p.first+nb:]...)
		}
		for k, d := range p.rest {
			src[d] = restVals[k]
		}
		for _, d := range p.pos {
			v := int(exp[d].flat(offsetOf(exp[d], bidx)))
			if v < 0 {
				v += self.shape[d]
			}
			src[d] = v
		}
		fn(o, src)
	})
}

func indexKernel(self *Tensor, indices []*Tensor) (*Tensor, error) {
	p, err := planIndex(self, indices)
	if err != nil {
		return nil, err
	}
	out := newTensor(self.dtype, p.outShape)
	k := 0
	p.each(self, func(o, src []int) {
		out.setFlat(k, self.flat(offsetOf(self, src)))
		k++
	})
	return out, nil
}

func indexPutKernel(self *Tensor, indices []*Tensor, values *Tensor, accumulate bool) (*Tensor, error) {
	p, err := planIndex(self, indices)
	if err != nil {
		return nil, err
	}
	if _, err := broadcastShapes(p.outShape, values.shape); err != nil {
		return nil, fmt.Errorf("shape mismatch: value tensor of shape %s cannot be broadcast to indexing result of shape %s", fmtShape(values.shape), fmtShape(p.outShape))
	}
	bs, _ := broadcastShapes(p.outShape, values.shape)
	if !sameShape(bs, p.outShape) {
		return nil, fmt.Errorf("shape mismatch: value tensor of shape %s cannot be broadcast to indexing result of shape %s", fmtShape(values.shape), fmtShape(p.outShape))
	}
	out := self.cloneData()
	ve := expandTo(values, p.outShape)
	p.each(self, func(o, src []int) {
		v := ve.flat(offsetOf(ve, o))
		off := offsetOf(out, src)
		if accumulate {
			out.setFlat(off, out.flat(off)+v)
		} else {
			out.setFlat(off, v)
		}
	})
	return out, nil
}

var (
	opIndex = Register(OpDef{
		Schema: "index.Tensor(Tensor self, Tensor?[] indices) -> Tensor",
		Kernel: func(rt *Runtime, a Args) ([]*Tensor, error) { return one(indexKernel(a.T(0), a.Ts(1))) },
		Backward: func(c *BackwardCtx, g []*Tensor) ([]*Tensor, error) {
			f := NewF(c.RT)
			z := f.ZerosLike(c.Inputs[0])
			return f.Ret(f.Call("index_put", z, c.Args.Ts(1), g[0], true))
		},
	})
	opIndexPut = Register(OpDef{
		Schema: "index_put(Tensor self, Tensor?[] indices, Tensor values, bool accumulate=False) -> Tensor",
		Kernel: func(rt *Runtime, a Args) ([]*Tensor, error) {
			self, v := a.T(0), a.T(1+1)
			if v.dtype != self.dtype {
				return nil, fmt.Errorf("Index put requires the source and destination dtypes match, got %s for the destination and %s for the source.", self.dtype.ScalarTypeName(), v.dtype.ScalarTypeName())
			}
			return one(indexPutKernel(self, a.Ts(1), v, a.B(3)))
		},
		Backward: func(c *BackwardCtx, g []*Tensor) ([]*Tensor, error) {
			f := NewF(c.RT)
			idx := c.Args.Ts(1)
			var gs, gv *Tensor
			if c.NeedsGrad(0) {
				if c.Args.B(3) {
					gs = g[0]
				} else {
					gs = f.Call("index_put", g[0], idx, f.ZerosLike(c.Inputs[1]), false)
				}
			}
			if c.NeedsGrad(1) {
				gv = f.Call("index.Tensor", g[0], idx)
			}
			return f.Ret(gs, gv)
		},
	})
)

func init() { registerInplaceOf("index_put") }

// Index is tensor[indices] with advanced (tensor) indices; nil entries
// take whole dimensions.
func (rt *Runtime) Index(t *Tensor, indices []*Tensor) (*Tensor, error) {
	return rt.call1(opIndex, t, indices)
}

// IndexPut_ is tensor$index_put_(indices, values, accumulate).
func (rt *Runtime) IndexPut_(t *Tensor, indices []*Tensor, values *Tensor, accumulate bool) error {
	_, err := rt.Run(opIndexPut_(), Args{t, indices, values, accumulate})
	return err
}

func opIndexPut_() *Op { return registry["aten::index_put_"] }
