package tensor

import (
	"errors"
	"fmt"
	"math"
)

func iscloseKernel(rt *Runtime, a, b *Tensor, rtol, atol float64, equalNan bool) (*Tensor, error) {
	if a.dtype != b.dtype {
		return nil, fmt.Errorf("%s did not match %s", a.dtype.ScalarTypeName(), b.dtype.ScalarTypeName())
	}
	if rtol < 0 {
		return nil, fmt.Errorf("rtol must be greater than or equal to zero, but got %v", rtol)
	}
	if atol < 0 {
		return nil, fmt.Errorf("atol must be greater than or equal to zero, but got %v", atol)
	}
	return binaryF64(rt, a, b, a.dtype, Bool, func(x, y float64) float64 {
		if x == y {
			return 1
		}
		if math.IsNaN(x) || math.IsNaN(y) {
			if equalNan && math.IsNaN(x) && math.IsNaN(y) {
				return 1
			}
			return 0
		}
		if math.IsInf(x, 0) || math.IsInf(y, 0) {
			return 0
		}
		if math.Abs(x-y) <= atol+rtol*math.Abs(y) {
			return 1
		}
		return 0
	})
}

var (
	opIsclose = Register(OpDef{
		Schema: "isclose(Tensor self, Tensor other, float rtol=1e-05, float atol=1e-08, bool equal_nan=False) -> Tensor",
		Kernel: func(rt *Runtime, a Args) ([]*Tensor, error) {
			return one(iscloseKernel(rt, a.T(0), a.T(1), a.F(2), a.F(3), a.B(4)))
		},
	})
	opAllclose = Register(OpDef{
		Schema: "allclose(Tensor self, Tensor other, float rtol=1e-05, float atol=1e-08, bool equal_nan=False) -> bool",
		Kernel: func(rt *Runtime, a Args) ([]*Tensor, error) {
			c, err := iscloseKernel(rt, a.T(0), a.T(1), a.F(2), a.F(3), a.B(4))
			if err != nil {
				return nil, err
			}
			all := 1.0
			for _, v := range rawData[uint8](c) {
				if v == 0 {
					all = 0
					break
				}
			}
			return one(ScalarTensor(all, Bool), nil)
		},
	})
	opEqual = Register(OpDef{
		Schema: "equal(Tensor self, Tensor other) -> bool",
		Kernel: func(rt *Runtime, a Args) ([]*Tensor, error) {
			x, y := a.T(0), a.T(1)
			if !sameShape(x.shape, y.shape) {
				return one(ScalarTensor(0, Bool), nil)
			}
			dt := PromoteTypes(x.dtype, y.dtype)
			xv, yv := x.castTo(dt).Float64s(), y.castTo(dt).Float64s()
			for i := range xv {
				if xv[i] != yv[i] {
					return one(ScalarTensor(0, Bool), nil)
				}
			}
			return one(ScalarTensor(1, Bool), nil)
		},
	})
	opMaxOther = Register(OpDef{
		Schema:    "max.other(Tensor self, Tensor other) -> Tensor",
		Composite: true,
		Kernel: func(rt *Runtime, a Args) ([]*Tensor, error) {
			return rt.Call("maximum", a.T(0), a.T(1))
		},
	})
	opMinOther = Register(OpDef{
		Schema:    "min.other(Tensor self, Tensor other) -> Tensor",
		Composite: true,
		Kernel: func(rt *Runtime, a Args) ([]*Tensor, error) {
			return rt.Call("minimum", a.T(0), a.T(1))
		},
	})
	opIndexCopy = Register(OpDef{
		Schema: "index_copy(Tensor self, int dim, Tensor index, Tensor source) -> Tensor",
		Kernel: func(rt *Runtime, a Args) ([]*Tensor, error) {
			self, idx, src := a.T(0), a.T(2), a.T(3)
			if self.dtype != src.dtype {
				return nil, fmt.Errorf("index_copy_(): self and source expected to have the same dtype, but got (self) %s and (source) %s", self.dtype.ScalarTypeName(), src.dtype.ScalarTypeName())
			}
			d, err := wrapDim(a.I(1), len(self.shape))
			if err != nil {
				return nil, err
			}
			out := self.cloneData()
			iv := idx.Int64s()
			if len(self.shape) == 0 {
				copyInto(out, src)
				return one(out, nil)
			}
			if len(src.shape) == 0 || src.shape[d] != len(iv) {
				return nil, errors.New("index_copy_(): Number of indices should be equal to source.size(dim)")
			}
			for i, v := range iv {
				if v < 0 || int(v) >= self.shape[d] {
					return nil, fmt.Errorf("index_copy_(): index %d is out of bounds for dimension %d with size %d", v, d, self.shape[d])
				}
				dst, _ := selectKernel(out, d, int(v))
				s, _ := selectKernel(src, d, i)
				copyInto(dst, s)
			}
			return one(out, nil)
		},
		Backward: func(c *BackwardCtx, g []*Tensor) ([]*Tensor, error) {
			f := NewF(c.RT)
			d, idx := c.Args.I(1), c.Inputs[1]
			var gs, gsrc *Tensor
			if c.NeedsGrad(0) {
				gs = f.Call("index_fill", g[0], d, idx, 0)
			}
			if c.NeedsGrad(2) {
				gsrc = f.Call("index_select", g[0], d, idx)
			}
			return f.Ret(gs, nil, gsrc)
		},
		Saves: []string{"index"},
	})
	opIndexFill = Register(OpDef{
		Schema: "index_fill.int_Scalar(Tensor self, int dim, Tensor index, Scalar value) -> Tensor",
		Kernel: func(rt *Runtime, a Args) ([]*Tensor, error) {
			self, idx := a.T(0), a.T(2)
			d, err := wrapDim(a.I(1), len(self.shape))
			if err != nil {
				return nil, err
			}
			out := self.cloneData()
			v := wrapScalar(a.S(3))
			if len(self.shape) == 0 {
				copyInto(out, v)
				return one(out, nil)
			}
			for _, i := range idx.Int64s() {
				if i < -int64(self.shape[d]) || i >= int64(self.shape[d]) {
					return nil, fmt.Errorf("index %d is out of bounds for dimension %d with size %d", i, d, self.shape[d])
				}
				if i < 0 {
					i += int64(self.shape[d])
				}
				dst, _ := selectKernel(out, d, int(i))
				copyInto(dst, v)
			}
			return one(out, nil)
		},
		Backward: func(c *BackwardCtx, g []*Tensor) ([]*Tensor, error) {
			f := NewF(c.RT)
			return f.Ret(f.Call("index_fill", g[0], c.Args.I(1), c.Inputs[1], 0), nil)
		},
		GradFn: "IndexFillBackward0", Saves: []string{"index"},
	})
	opMaskedScatter = Register(OpDef{
		Schema: "masked_scatter(Tensor self, Tensor mask, Tensor source) -> Tensor",
		Kernel: func(rt *Runtime, a Args) ([]*Tensor, error) {
			self, m, src := a.T(0), a.T(1), a.T(2)
			if m.dtype != Bool {
				return nil, errors.New("masked_scatter_ only supports boolean masks")
			}
			shape, err := broadcastShapes(self.shape, m.shape)
			if err != nil {
				return nil, err
			}
			out := newTensor(self.dtype, shape)
			copyInto(out, self)
			me := expandTo(m, shape)
			sv := src.Float64s()
			j, k := 0, 0
			var ferr error
			forIndex(shape, func(idx []int) {
				if me.flat(offsetOf(me, idx)) != 0 {
					if j >= len(sv) {
						if ferr == nil {
							ferr = errors.New("masked_scatter: expected source to have at least as many elements as ones in mask")
						}
					} else {
						out.setFlat(k, sv[j])
					}
					j++
				}
				k++
			})
			return one(out, ferr)
		},
		Backward: func(c *BackwardCtx, g []*Tensor) ([]*Tensor, error) {
			f := NewF(c.RT)
			m, src := c.Inputs[1], c.Inputs[2]
			var gs, gsrc *Tensor
			if c.NeedsGrad(0) {
				gs = f.Call("masked_fill.Scalar", g[0], m, 0)
			}
			if c.NeedsGrad(2) {
				sel := f.Call("masked_select", g[0], m)
				n := src.Numel()
				if f.err == nil && sel.Numel() < n {
					sel = f.Call("constant_pad_nd", sel, []int{0, n - sel.Numel()}, 0)
				}
				gsrc = f.Reshape(sel, src.shape)
			}
			return f.Ret(gs, nil, gsrc)
		},
		Saves: []string{"mask"},
	})
)

func init() {
	for _, k := range []string{"index_copy", "index_fill.int_Scalar", "masked_scatter"} {
		registerInplaceOf(k)
	}
}

// Allclose is torch.allclose.
func (rt *Runtime) Allclose(a, b *Tensor, rtol, atol float64, equalNan bool) (bool, error) {
	r, err := rt.call1(opAllclose, a, b, rtol, atol, equalNan)
	if err != nil {
		return false, err
	}
	return rawData[uint8](r)[r.offset] != 0, nil
}

// Equal is torch.equal.
func (rt *Runtime) Equal(a, b *Tensor) (bool, error) {
	r, err := rt.call1(opEqual, a, b)
	if err != nil {
		return false, err
	}
	return rawData[uint8](r)[r.offset] != 0, nil
}

var _ = []*Op{opIsclose, opMaxOther, opMinOther, opIndexCopy, opIndexFill, opMaskedScatter}
