package tensor

import (
	"errors"
	"fmt"

	"torchr/tensor/internal/gemm"
)

// matLayout describes a 2-D strided matrix for gemm: data from offset,
// whether it is stored transposed, and the leading dimension.
func matLayout(t *Tensor) (*Tensor, bool, int) {
	r, c := t.shape[0], t.shape[1]
	s0, s1 := t.strides[0], t.strides[1]
	if (s1 == 1 || c == 1) && (s0 >= max(c, 1) || r == 1) {
		return t, false, max(s0, c, 1)
	}
	if (s0 == 1 || r == 1) && (s1 >= max(r, 1) || c == 1) {
		return t, true, max(s1, r, 1)
	}
	t = t.contig()
	return t, false, max(c, 1)
}

// gemmInto computes out = beta*out + alpha*a@b for 2-D float tensors (out
// contiguous), polling the runtime's cancel flag.
func gemmInto(rt *Runtime, out, a, b *Tensor, alpha, beta float64) error {
	m, k, n := a.shape[0], a.shape[1], b.shape[1]
	if m == 0 || n == 0 {
		return nil
	}
	a, ta, lda := matLayout(a)
	b, tb, ldb := matLayout(b)
	switch out.dtype {
	case Float32:
		ad, bd, od := rawData[float32](a)[a.offset:], rawData[float32](b)[b.offset:], rawData[float32](out)[out.offset:]
		if !gemm.SgemmCancel(rt.CancelFlag(), ta, tb, m, n, k, float32(alpha), ad, lda, bd, ldb, float32(beta), od, max(n, 1)) {
			return ErrInterrupted
		}
	case Float64:
		ad, bd, od := rawData[float64](a)[a.offset:], rawData[float64](b)[b.offset:], rawData[float64](out)[out.offset:]
		if !gemm.DgemmCancel(rt.CancelFlag(), ta, tb, m, n, k, alpha, ad, lda, bd, ldb, beta, od, max(n, 1)) {
			return ErrInterrupted
		}
	default:
		// integer matmul: exact for moderate values through float64
		A, B := a.castTo(Float64).contig(), b.castTo(Float64).contig()
		res := newTensor(Float64, []int{m, n})
		gemm.Dgemm(false, false, m, n, k, alpha, dataOf[float64](A), max(k, 1), dataOf[float64](B), max(n, 1), 0, dataOf[float64](res), n)
		if beta != 0 {
			prev := out.castTo(Float64)
			rd, pd := dataOf[float64](res), dataOf[float64](prev)
			for i := range rd {
				rd[i] += beta * pd[i]
			}
		}
		copyInto(out, res)
	}
	return nil
}

func checkSameDType(a, b *Tensor) error {
	if a.dtype != b.dtype {
		return fmt.Errorf("expected scalar type %s but found %s", a.dtype.ScalarTypeName(), b.dtype.ScalarTypeName())
	}
	return nil
}

func mmKernel(rt *Runtime, a, b *Tensor) (*Tensor, error) {
	if len(a.shape) != 2 {
		return nil, errors.New("self must be a matrix")
	}
	if len(b.shape) != 2 {
		return nil, errors.New("mat2 must be a matrix")
	}
	if a.shape[1] != b.shape[0] {
		return nil, fmt.Errorf("mat1 and mat2 shapes cannot be multiplied (%dx%d and %dx%d)", a.shape[0], a.shape[1], b.shape[0], b.shape[1])
	}
	if err := checkSameDType(a, b); err != nil {
		return nil, err
	}
	// beta = 0: the GEMM writes every element without reading C
	out := newTensorNoInit(a.dtype, []int{a.shape[0], b.shape[1]})
	if a.shape[1] == 0 || !a.dtype.IsFloat() {
		out = newTensor(a.dtype, []int{a.shape[0], b.shape[1]})
	}
	return out, gemmInto(rt, out, a, b, 1, 0)
}

func bmmKernel(rt *Runtime, a, b *Tensor) (*Tensor, error) {
	if len(a.shape) != 3 {
		return nil, fmt.Errorf("batch1 must be a 3D tensor")
	}
	if len(b.shape) != 3 {
		return nil, fmt.Errorf("batch2 must be a 3D tensor")
	}
	if a.shape[0] != b.shape[0] || a.shape[2] != b.shape[1] {
		return nil, fmt.Errorf("Expected size for first two dimensions of batch2 tensor to be: [%d, %d] but got: [%d, %d].", a.shape[0], a.shape[2], b.shape[0], b.shape[1])
	}
	if err := checkSameDType(a, b); err != nil {
		return nil, err
	}
	B, m, n := a.shape[0], a.shape[1], b.shape[2]
	out := newTensor(a.dtype, []int{B, m, n})
	for i := 0; i < B; i++ {
		ai, _ := selectKernel(a, 0, i)
		bi, _ := selectKernel(b, 0, i)
		oi, _ := selectKernel(out, 0, i)
		if err := gemmInto(rt, oi, ai, bi, 1, 0); err != nil {
			return nil, err
		}
	}
	return out, nil
}

func addmmKernel(rt *Runtime, self, a, b *Tensor, beta, alpha Scalar) (*Tensor, error) {
	if len(a.shape) != 2 || len(b.shape) != 2 {
		return nil, errors.New("mat1 must be a matrix, got " + fmt.Sprint(len(a.shape)) + "-D tensor")
	}
	if a.shape[1] != b.shape[0] {
		return nil, fmt.Errorf("mat1 and mat2 shapes cannot be multiplied (%dx%d and %dx%d)", a.shape[0], a.shape[1], b.shape[0], b.shape[1])
	}
	if err := checkSameDType(a, b); err != nil {
		return nil, err
	}
	if err := checkSameDType(self, a); err != nil {
		return nil, err
	}
	shape := []int{a.shape[0], b.shape[1]}
	if _, err := broadcastShapes(self.shape, shape); err != nil {
		return nil, err
	}
	out := newTensor(a.dtype, shape)
	bt := 0.0
	if beta.F != 0 {
		copyInto(out, expandTo(self, shape))
		bt = beta.F
	}
	return out, gemmInto(rt, out, a, b, alpha.F, bt)
}

func mmBackward(c *BackwardCtx, g []*Tensor) ([]*Tensor, error) {
	f := NewF(c.RT)
	a, b := c.Inputs[0], c.Inputs[1]
	var ga, gb *Tensor
	if c.NeedsGrad(0) {
		ga = f.MM(g[0], f.T(b))
	}
	if c.NeedsGrad(1) {
		gb = f.MM(f.T(a), g[0])
	}
	return f.Ret(ga, gb)
}

var (
	opMM = Register(OpDef{
		Schema:   "mm(Tensor self, Tensor mat2) -> Tensor",
		Kernel:   func(rt *Runtime, a Args) ([]*Tensor, error) { return one(mmKernel(rt, a.T(0), a.T(1))) },
		Backward: mmBackward, Saves: []string{"self", "mat2"},
	})
	opBmm = Register(OpDef{
		Schema: "bmm(Tensor self, Tensor mat2) -> Tensor",
		Kernel: func(rt *Runtime, a Args) ([]*Tensor, error) { return one(bmmKernel(rt, a.T(0), a.T(1))) },
		Backward: func(c *BackwardCtx, g []*Tensor) ([]*Tensor, error) {
			f := NewF(c.RT)
			a, b := c.Inputs[0], c.Inputs[1]
			var ga, gb *Tensor
			if c.NeedsGrad(0) {
				ga = f.Call("bmm", g[0], f.Transpose(b, 1, 2))
			}
			if c.NeedsGrad(1) {
				gb = f.Call("bmm", f.Transpose(a, 1, 2), g[0])
			}
			return f.Ret(ga, gb)
		},
		Saves: []string{"self", "mat2"},
	})
	opAddmm = Register(OpDef{
		Schema: "addmm(Tensor self, Tensor mat1, Tensor mat2, *, Scalar beta=1, Scalar alpha=1) -> Tensor",
		Kernel: func(rt *Runtime, a Args) ([]*Tensor, error) {
			return one(addmmKernel(rt, a.T(0), a.T(1), a.T(2), a.S(3), a.S(4)))
		},
		Backward: func(c *BackwardCtx, g []*Tensor) ([]*Tensor, error) {
			f := NewF(c.RT)
			a, b := c.Inputs[1], c.Inputs[2]
			beta, alpha := c.Args.S(3), c.Args.S(4)
			var gs, ga, gb *Tensor
			if c.NeedsGrad(0) {
				gs = g[0]
				if beta.F != 1 {
					gs = f.Mul(g[0], beta)
				}
			}
			if c.NeedsGrad(1) {
				ga = f.MM(g[0], f.T(b))
				if alpha.F != 1 {
					ga = f.Mul(ga, alpha)
				}
			}
			if c.NeedsGrad(2) {
				gb = f.MM(f.T(a), g[0])
				if alpha.F != 1 {
					gb = f.Mul(gb, alpha)
				}
			}
			return f.Ret(gs, ga, gb)
		},
		Saves: []string{"mat1", "mat2"},
	})
	opBaddbmm = Register(OpDef{
		Schema: "baddbmm(Tensor self, Tensor batch1, Tensor batch2, *, Scalar beta=1, Scalar alpha=1) -> Tensor",
		Kernel: func(rt *Runtime, a Args) ([]*Tensor, error) {
			p, err := bmmKernel(rt, a.T(1), a.T(2))
			if err != nil {
				return nil, err
			}
			self := a.T(0)
			if err := checkSameDType(self, p); err != nil {
				return nil, err
			}
			beta, alpha := a.S(3), a.S(4)
			if _, err := broadcastShapes(self.shape, p.shape); err != nil {
				return nil, err
			}
			if beta.F == 0 {
				self = newTensor(p.dtype, p.shape)
			} else if beta.F != 1 {
				var err error
				self, err = arith(rt, binMul, self, wrapScalar(beta), p.dtype, Scalar{})
				if err != nil {
					return nil, err
				}
			}
			return one(arith(rt, binAddAlpha, expandTo(self, p.shape), p, p.dtype, alpha))
		},
		Backward: func(c *BackwardCtx, g []*Tensor) ([]*Tensor, error) {
			f := NewF(c.RT)
			a, b := c.Inputs[1], c.Inputs[2]
			beta, alpha := c.Args.S(3), c.Args.S(4)
			gs := f.Mul(g[0], beta)
			ga := f.Mul(f.Call("bmm", g[0], f.Transpose(b, 1, 2)), alpha)
			gb := f.Mul(f.Call("bmm", f.Transpose(a, 1, 2), g[0]), alpha)
			return f.Ret(gs, ga, gb)
		},
		Saves: []string{"batch1", "batch2"},
	})
	opMv = Register(OpDef{
		Schema: "mv(Tensor self, Tensor vec) -> Tensor",
		Kernel: func(rt *Runtime, a Args) ([]*Tensor, error) {
			m, v := a.T(0), a.T(1)
			if len(m.shape) != 2 || len(v.shape) != 1 {
				return nil, fmt.Errorf("vector + matrix @ vector expected, got 1, %d, %d", len(m.shape), len(v.shape))
			}
			if m.shape[1] != v.shape[0] {
				return nil, fmt.Errorf("size mismatch, got input (%d), mat (%dx%d), vec (%d)", m.shape[0], m.shape[0], m.shape[1], v.shape[0])
			}
			vv, _ := unsqueezeKernel(v, 1)
			r, err := mmKernel(rt, m, vv)
			if err != nil {
				return nil, err
			}
			return one(viewKernel(r, []int{m.shape[0]}))
		},
		Backward: func(c *BackwardCtx, g []*Tensor) ([]*Tensor, error) {
			f := NewF(c.RT)
			m, v := c.Inputs[0], c.Inputs[1]
			var gm, gv *Tensor
			if c.NeedsGrad(0) {
				gm = f.Call("outer", g[0], v)
			}
			if c.NeedsGrad(1) {
				gv = f.Call("mv", f.T(m), g[0])
			}
			return f.Ret(gm, gv)
		},
		Saves: []string{"self", "vec"},
	})
	opDot = Register(OpDef{
		Schema: "dot(Tensor self, Tensor tensor) -> Tensor",
		Kernel: func(rt *Runtime, a Args) ([]*Tensor, error) {
			x, y := a.T(0), a.T(1)
			if len(x.shape) != 1 || len(y.shape) != 1 {
				return nil, fmt.Errorf("1D tensors expected, but got %dD and %dD tensors", len(x.shape), len(y.shape))
			}
			if x.shape[0] != y.shape[0] {
				return nil, fmt.Errorf("inconsistent tensor size, expected tensor [%d] and src [%d] to have the same number of elements, but got %d and %d elements respectively", x.shape[0], y.shape[0], x.shape[0], y.shape[0])
			}
			if x.dtype != y.dtype {
				return nil, fmt.Errorf("dot : expected both vectors to have same dtype, but found %s and %s", x.dtype.ScalarTypeName(), y.dtype.ScalarTypeName())
			}
			xv, _ := unsqueezeKernel(x, 0)
			yv, _ := unsqueezeKernel(y, 1)
			r, err := mmKernel(rt, xv, yv)
			if err != nil {
				return nil, err
			}
			return one(viewKernel(r, []int{}))
		},
		Backward: func(c *BackwardCtx, g []*Tensor) ([]*Tensor, error) {
			f := NewF(c.RT)
			return f.Ret(f.Mul(g[0], c.Inputs[1]), f.Mul(g[0], c.Inputs[0]))
		},
		Saves: []string{"self", "tensor"},
	})
	opOuter = Register(OpDef{
		Schema:    "outer(Tensor self, Tensor vec2) -> Tensor",
		Composite: true,
		Kernel: func(rt *Runtime, a Args) ([]*Tensor, error) {
			f := NewF(rt)
			if len(a.T(0).shape) != 1 || len(a.T(1).shape) != 1 {
				return nil, fmt.Errorf("outer: Expected 1-D argument self, but got %d-D", len(a.T(0).shape))
			}
			return f.Ret(f.Mul(f.Unsqueeze(a.T(0), 1), a.T(1)))
		},
	})
	opMatmul = Register(OpDef{
		Schema:    "matmul(Tensor self, Tensor other) -> Tensor",
		Composite: true,
		Kernel: func(rt *Runtime, a Args) ([]*Tensor, error) {
			return one(matmulComposite(rt, a.T(0), a.T(1)))
		},
	})
	opLinear = Register(OpDef{
		Schema:    "linear(Tensor input, Tensor weight, Tensor? bias=None) -> Tensor",
		Composite: true,
		Kernel: func(rt *Runtime, a Args) ([]*Tensor, error) {
			f := NewF(rt)
			x, w, b := a.T(0), a.T(1), a.T(2)
			if len(x.shape) == 2 && b != nil {
				return f.Ret(f.Op(registry["aten::addmm"], b, x, f.T(w)))
			}
			if len(x.shape) >= 3 && b != nil && x.IsContiguous() {
				// PyTorch's _flatten_nd_linear
				k := x.shape[len(x.shape)-1]
				flat := f.Reshape(x, []int{-1, k})
				r := f.Op(registry["aten::addmm"], b, flat, f.T(w))
				shape := append(append([]int(nil), x.shape[:len(x.shape)-1]...), w.shape[0])
				return f.Ret(f.Call("view", r, shape))
			}
			out := f.Op(registry["aten::matmul"], x, f.T(w))
			if b != nil {
				out = f.Add(out, b)
			}
			return f.Ret(out)
		},
	})
)

func matmulComposite(rt *Runtime, a, b *Tensor) (*Tensor, error) {
	f := NewF(rt)
	da, db := len(a.shape), len(b.shape)
	if da == 0 || db == 0 {
		return nil, fmt.Errorf("both arguments to matmul need to be at least 1D, but they are %dD and %dD", da, db)
	}
	switch {
	case da == 1 && db == 1:
		return f.Op(registry["aten::dot"], a, b), f.err
	case da == 2 && db == 1:
		return f.Op(registry["aten::mv"], a, b), f.err
	case da == 1 && db == 2:
		if a.shape[0] != b.shape[0] {
			return nil, fmt.Errorf("mat1 and mat2 shapes cannot be multiplied (1x%d and %dx%d)", a.shape[0], b.shape[0], b.shape[1])
		}
		r := f.Op(registry["aten::squeeze.dim"], f.MM(f.Unsqueeze(a, 0), b), 0)
		if r != nil && r.ag != nil && r.ag.gradFn != nil {
			r.ag.gradFn.name = "SqueezeBackward3" // PyTorch squeezes in place here
		}
		return r, f.err
	case da == 2 && db == 2:
		return f.MM(a, b), f.err
	case da >= 3 && (db == 1 || db == 2):
		// fold the batch into the rows
		bb := b
		if db == 1 {
			bb = f.Unsqueeze(b, 1)
		}
		k := a.shape[da-1]
		if f.err == nil && k != bb.shape[0] {
			return nil, fmt.Errorf("mat1 and mat2 shapes cannot be multiplied (%dx%d and %dx%d)", numelOf(a.shape[:da-1]), k, bb.shape[0], bb.shape[1])
		}
		a2 := f.Reshape(a, []int{-1, k})
		r := f.MM(a2, bb)
		shape := append([]int(nil), a.shape[:da-1]...)
		if db == 2 {
			shape = append(shape, b.shape[1])
		}
		return f.Op(registry["aten::_unsafe_view"], r, shape), f.err
	}
	// batched, with broadcasting of the batch dims
	aa, bb := a, b
	if da == 1 {
		aa = f.Unsqueeze(a, 0)
	}
	if db == 1 {
		bb = f.Unsqueeze(b, 1)
	}
	if f.err != nil {
		return nil, f.err
	}
	n, m1 := aa.shape[len(aa.shape)-2], aa.shape[len(aa.shape)-1]
	m2, p := bb.shape[len(bb.shape)-2], bb.shape[len(bb.shape)-1]
	if m1 != m2 {
		return nil, fmt.Errorf("Expected size for first two dimensions of batch2 tensor to be: [%d, %d] but got: [%d, %d].", numelOf(aa.shape[:len(aa.shape)-2]), m1, numelOf(bb.shape[:len(bb.shape)-2]), m2)
	}
	batch, err := broadcastShapes(aa.shape[:len(aa.shape)-2], bb.shape[:len(bb.shape)-2])
	if err != nil {
		return nil, err
	}
	nb := numelOf(batch)
	ea := f.Reshape(f.Expand(aa, append(append([]int(nil), batch...), n, m1)), []int{nb, n, m1})
	eb := f.Reshape(f.Expand(bb, append(append([]int(nil), batch...), m2, p)), []int{nb, m2, p})
	r := f.Call("bmm", ea, eb)
	shape := append([]int(nil), batch...)
	if da > 1 {
		shape = append(shape, n)
	}
	if db > 1 {
		shape = append(shape, p)
	}
	return f.Op(registry["aten::_unsafe_view"], r, shape), f.err
}

// ---- triangular, trace, diag

func triKernel(t *Tensor, k int, lower bool) (*Tensor, error) {
	if len(t.shape) < 2 {
		name := "triu"
		if lower {
			name = "tril"
		}
		return nil, fmt.Errorf("%s: input tensor must have at least 2 dimensions", name)
	}
	out := t.cloneData()
	r, c := t.shape[len(t.shape)-2], t.shape[len(t.shape)-1]
	for b := 0; b < out.Numel()/max(r*c, 1); b++ {
		for i := 0; i < r; i++ {
			for j := 0; j < c; j++ {
				keep := j-i <= k
				if !lower {
					keep = j-i >= k
				}
				if !keep {
					out.setFlat(b*r*c+i*c+j, 0)
				}
			}
		}
	}
	return out, nil
}

var (
	opTril = Register(OpDef{
		Schema: "tril(Tensor self, int diagonal=0) -> Tensor",
		Kernel: func(rt *Runtime, a Args) ([]*Tensor, error) { return one(triKernel(a.T(0), a.I(1), true)) },
		Backward: func(c *BackwardCtx, g []*Tensor) ([]*Tensor, error) {
			f := NewF(c.RT)
			return f.Ret(f.Call("tril", g[0], c.Args.I(1)))
		},
	})
	opTriu = Register(OpDef{
		Schema: "triu(Tensor self, int diagonal=0) -> Tensor",
		Kernel: func(rt *Runtime, a Args) ([]*Tensor, error) { return one(triKernel(a.T(0), a.I(1), false)) },
		Backward: func(c *BackwardCtx, g []*Tensor) ([]*Tensor, error) {
			f := NewF(c.RT)
			return f.Ret(f.Call("triu", g[0], c.Args.I(1)))
		},
	})
	opTrace = Register(OpDef{
		Schema: "trace(Tensor self) -> Tensor",
		Kernel: func(rt *Runtime, a Args) ([]*Tensor, error) {
			t := a.T(0)
			if len(t.shape) != 2 {
				return nil, errors.New("trace: expected a matrix, but got tensor with dim " + fmt.Sprint(len(t.shape)))
			}
			s := 0.0
			for i := 0; i < min(t.shape[0], t.shape[1]); i++ {
				s += t.flat(t.offset + i*t.strides[0] + i*t.strides[1])
			}
			odt := t.dtype
			if !odt.IsFloat() {
				odt = Int64
			}
			return one(ScalarTensor(s, odt), nil)
		},
		Backward: func(c *BackwardCtx, g []*Tensor) ([]*Tensor, error) {
			f := NewF(c.RT)
			sh := c.Inputs[0].shape
			eye := f.Op(registry["aten::eye.m"], sh[0], sh[1], g[0].dtype)
			return f.Ret(f.Mul(eye, g[0]))
		},
	})
	opDiag = Register(OpDef{
		Schema: "diag(Tensor self, int diagonal=0) -> Tensor",
		Kernel: func(rt *Runtime, a Args) ([]*Tensor, error) { return one(diagKernel(a.T(0), a.I(1), nil)) },
		Backward: func(c *BackwardCtx, g []*Tensor) ([]*Tensor, error) {
			f := NewF(c.RT)
			in := c.Inputs[0]
			if len(in.shape) == 1 {
				return f.Ret(f.Call("diag", g[0], c.Args.I(1)))
			}
			return f.Ret(f.Call("diag_embed_to", g[0], in.shape, c.Args.I(1)))
		},
	})
	opDiagEmbedTo = Register(OpDef{
		Schema: "diag_embed_to(Tensor self, int[] size, int diagonal=0) -> Tensor",
		Kernel: func(rt *Runtime, a Args) ([]*Tensor, error) { return one(diagKernel(a.T(0), a.I(2), a.Is(1))) },
		Backward: func(c *BackwardCtx, g []*Tensor) ([]*Tensor, error) {
			f := NewF(c.RT)
			return f.Ret(f.Call("diag", g[0], c.Args.I(2)))
		},
		GradFn: "DiagBackward0",
	})
)

// diagKernel: 1-D -> matrix with the vector on diagonal k (of shape size
// if given), 2-D -> the diagonal k.
func diagKernel(t *Tensor, k int, size []int) (*Tensor, error) {
	switch len(t.shape) {
	case 1:
		n := t.shape[0]
		m := n + abs(k)
		shape := []int{m, m}
		if size != nil {
			shape = size
		}
		out := newTensor(t.dtype, shape)
		for i := 0; i < n; i++ {
			r, c := i, i+k
			if k < 0 {
				r, c = i-k, i
			}
			if r < shape[0] && c < shape[1] {
				out.setFlat(r*shape[1]+c, t.flat(t.offset+i*t.strides[0]))
			}
		}
		return out, nil
	case 2:
		r, c := t.shape[0], t.shape[1]
		var n int
		if k >= 0 {
			n = max(0, min(r, c-k))
		} else {
			n = max(0, min(r+k, c))
		}
		out := newTensor(t.dtype, []int{n})
		for i := 0; i < n; i++ {
			ri, ci := i, i+k
			if k < 0 {
				ri, ci = i-k, i
			}
			out.setFlat(i, t.flat(t.offset+ri*t.strides[0]+ci*t.strides[1]))
		}
		return out, nil
	}
	return nil, errors.New("diag(): Supports 1D or 2D tensors. Got " + fmt.Sprint(len(t.shape)) + "D")
}

func abs(x int) int {
	if x < 0 {
		return -x
	}
	return x
}

// MM is torch.mm.
func (rt *Runtime) MM(a, b *Tensor) (*Tensor, error) { return rt.call1(opMM, a, b) }

// Matmul is torch.matmul.
func (rt *Runtime) Matmul(a, b *Tensor) (*Tensor, error) { return rt.call1(opMatmul, a, b) }

// Linear is nnf_linear: x @ w^T + b (b may be nil).
func (rt *Runtime) Linear(x, w, b *Tensor) (*Tensor, error) { return rt.call1(opLinear, x, w, b) }

// Addmm is torch.addmm.
func (rt *Runtime) Addmm(self, a, b *Tensor, beta, alpha Scalar) (*Tensor, error) {
	return rt.call1(opAddmm, self, a, b, beta, alpha)
}

var _ = []*Op{opBmm, opBaddbmm, opMv, opDot, opOuter, opTril, opTriu, opTrace, opDiag, opDiagEmbedTo}
