package tensor

import (
	"fmt"
	"math"
)

// embedding, one_hot and interpolation (nearest, bilinear).

func embeddingKernel(w, idx *Tensor) (*Tensor, error) {
	if len(w.shape) != 2 {
		return nil, fmt.Errorf("'weight' must be 2-D")
	}
	if idx.dtype != Int64 && idx.dtype != Int32 {
		return nil, fmt.Errorf("Expected tensor for argument #1 'indices' to have one of the following scalar types: Long, Int; but got %s instead (while checking arguments for embedding)", idx.dtype.TypeName())
	}
	V, D := w.shape[0], w.shape[1]
	iv := idx.Int64s()
	for _, i := range iv {
		if i < 0 || int(i) >= V {
			return nil, fmt.Errorf("index out of range in self")
		}
	}
	wc := w.contig()
	out := newTensor(w.dtype, append(append([]int(nil), idx.shape...), D))
	for k, i := range iv {
		switch w.dtype {
		case Float32:
			copy(rawData[float32](out)[k*D:(k+1)*D], dataOf[float32](wc)[int(i)*D:int(i+1)*D])
		case Float64:
			copy(rawData[float64](out)[k*D:(k+1)*D], dataOf[float64](wc)[int(i)*D:int(i+1)*D])
		default:
			for j := 0; j < D; j++ {
				out.setFlat(k*D+j, wc.flat(wc.offset+int(i)*D+j))
			}
		}
	}
	return out, nil
}

var opEmbedding = Register(OpDef{
	Schema: "embedding(Tensor weight, Tensor indices, int padding_idx=-1, bool scale_grad_by_freq=False, bool sparse=False) -> Tensor",
	Kernel: func(rt *Runtime, a Args) ([]*Tensor, error) {
		return one(embeddingKernel(a.T(0), a.T(1)))
	},
	Backward: func(c *BackwardCtx, g []*Tensor) ([]*Tensor, error) {
		f := NewF(c.RT)
		w, idx, pad, freq := c.Args.T(0), c.Args.T(1), c.Args.I(2), c.Args.B(3)
		V, D := w.shape[0], w.shape[1]
		iv := idx.Int64s()
		// per-looked-up-row factor: 0 for padding_idx, 1/count with scale_grad_by_freq
		count := map[int64]int{}
		for _, i := range iv {
			count[i]++
		}
		fac := make([]float64, len(iv))
		plain := true
		for k, i := range iv {
			fac[k] = 1
			if pad >= 0 && int(i) == pad {
				fac[k] = 0
			} else if freq {
				fac[k] = 1 / float64(count[i])
			}
			plain = plain && fac[k] == 1
		}
		g2 := f.Reshape(g[0], []int{len(iv), D})
		if !plain {
			ft, _ := FromFloat64As(g[0].dtype, fac, len(iv), 1)
			g2 = f.Mul(g2, ft)
		}
		flat, _ := FromInt64(iv, len(iv))
		z := newTensor(g[0].dtype, []int{V, D})
		return f.Ret(f.Call("index_add", z, 0, flat, g2), nil)
	},
	GradFn: "EmbeddingBackward0", Saves: []string{"indices"},
})

var opOneHot = Register(OpDef{
	Schema: "one_hot(Tensor self, int num_classes=-1) -> Tensor",
	Kernel: func(rt *Runtime, a Args) ([]*Tensor, error) {
		x, n := a.T(0), a.I(1)
		if x.dtype != Int64 {
			return nil, fmt.Errorf("one_hot is only applicable to index tensor.")
		}
		iv := x.Int64s()
		if len(iv) == 0 && n < 0 {
			return nil, fmt.Errorf("Can not infer total number of classes from empty tensor.")
		}
		mx := int64(-1)
		for _, v := range iv {
			if v < 0 {
				return nil, fmt.Errorf("Class values must be non-negative.")
			}
			mx = max(mx, v)
		}
		if n < 0 {
			n = int(mx) + 1
		} else if mx >= int64(n) {
			return nil, fmt.Errorf("Class values must be smaller than num_classes.")
		}
		out := newTensor(Int64, append(append([]int(nil), x.shape...), n))
		od := rawData[int64](out)
		for k, v := range iv {
			od[k*n+int(v)] = 1
		}
		return []*Tensor{out}, nil
	},
})

// interpAxis is the separable interpolation along one axis: output o
// reads input i0[o] with weight l0[o] and i1[o] with l1[o].
type interpAxis struct {
	i0, i1 []int
	l0, l1 []float64
}

func nearestAxis(in, out int, scale any) interpAxis {
	ax := interpAxis{make([]int, out), make([]int, out), make([]float64, out), make([]float64, out)}
	var s float32
	if sc, ok := scale.(float64); ok && sc > 0 {
		s = float32(1 / sc)
	} else {
		s = float32(in) / float32(out)
	}
	for o := 0; o < out; o++ {
		var i int
		switch {
		case out == in:
			i = o
		case out == 2*in:
			i = o >> 1
		default:
			i = min(int(float32(math.Floor(float64(float32(o)*s)))), in-1)
		}
		ax.i0[o], ax.i1[o], ax.l0[o] = i, i, 1
	}
	return ax
}

// linearAxis computes the source indices and weights of linear
// interpolation in float32 (float32 inputs) or float64, as PyTorch's
// opmath type does.
func linearAxis(in, out int, alignCorners bool, scale any, dt DType) interpAxis {
	if dt == Float64 {
		return linearAxisT[float64](in, out, alignCorners, scale)
	}
	return linearAxisT[float32](in, out, alignCorners, scale)
}

func linearAxisT[S floatElem](in, out int, alignCorners bool, scale any) interpAxis {
	ax := interpAxis{make([]int, out), make([]int, out), make([]float64, out), make([]float64, out)}
	var s S
	if alignCorners {
		if out > 1 {
			s = S(in-1) / S(out-1)
		}
	} else if sc, ok := scale.(float64); ok && sc > 0 {
		s = S(1 / sc)
	} else {
		s = S(in) / S(out)
	}
	for o := 0; o < out; o++ {
		var src S
		if alignCorners {
			src = s * S(o)
		} else {
			src = s*(S(o)+0.5) - 0.5
			if src < 0 {
				src = 0
			}
		}
		i0 := int(src)
		i1 := i0
		if i0 < in-1 {
			i1 = i0 + 1
		}
		l1 := src - S(i0)
		ax.i0[o], ax.i1[o], ax.l0[o], ax.l1[o] = i0, i1, float64(1-l1), float64(l1)
	}
	return ax
}

// interpPlanes applies (or, with adjoint, accumulates the adjoint of) the
// separable interpolation on P planes: x (P,H,W) -> y (P,Ho,Wo).
func interpPlanes[T floatElem](x []T, y []T, P, H, W int, ah, aw interpAxis, adjoint bool) {
	Ho, Wo := len(ah.i0), len(aw.i0)
	for p := 0; p < P; p++ {
		xp, yp := x[p*H*W:(p+1)*H*W], y[p*Ho*Wo:(p+1)*Ho*Wo]
		for oh := 0; oh < Ho; oh++ {
			r0, r1 := xp[ah.i0[oh]*W:], xp[ah.i1[oh]*W:]
			h0, h1 := ah.l0[oh], ah.l1[oh]
			for ow := 0; ow < Wo; ow++ {
				c0, c1 := aw.i0[ow], aw.i1[ow]
				w0, w1 := aw.l0[ow], aw.l1[ow]
				if adjoint {
					g := float64(yp[oh*Wo+ow])
					r0[c0] += T(g * h0 * w0)
					r0[c1] += T(g * h0 * w1)
					r1[c0] += T(g * h1 * w0)
					r1[c1] += T(g * h1 * w1)
					continue
				}
				v := h0*(w0*float64(r0[c0])+w1*float64(r0[c1])) + h1*(w0*float64(r1[c0])+w1*float64(r1[c1]))
				yp[oh*Wo+ow] = T(v)
			}
		}
	}
}

// scalesOf reads float[]? scale factors (a Scalar, a float or a list).
func scalesOf(v any, n int) ([]any, error) {
	out := make([]any, n)
	switch s := v.(type) {
	case nil:
		return out, nil
	case Scalar:
		for i := range out {
			out[i] = s.F
		}
	case float64:
		for i := range out {
			out[i] = s
		}
	case int:
		for i := range out {
			out[i] = float64(s)
		}
	case []float64:
		if len(s) != n {
			return nil, fmt.Errorf("scale_factors must have %d elements, got %d", n, len(s))
		}
		for i := range out {
			out[i] = s[i]
		}
	case []int:
		if len(s) != n {
			return nil, fmt.Errorf("scale_factors must have %d elements, got %d", n, len(s))
		}
		for i := range out {
			out[i] = float64(s[i])
		}
	default:
		return nil, fmt.Errorf("bad scale_factors %v", v)
	}
	return out, nil
}

// interpPlan resolves the output size of a 2-d upsampling.
func interpPlan(x *Tensor, size []int, scales any, mode string, alignCorners bool, name string) (interpAxis, interpAxis, []int, error) {
	var z interpAxis
	if len(x.shape) != 4 {
		return z, z, nil, fmt.Errorf("Expected 4D input for %s, but got %dD input", name, len(x.shape))
	}
	sc, err := scalesOf(scales, 2)
	if err != nil {
		return z, z, nil, err
	}
	H, W := x.shape[2], x.shape[3]
	var oh, ow int
	switch {
	case size != nil && scales != nil:
		return z, z, nil, fmt.Errorf("Must specify exactly one of output_size and scale_factors")
	case size != nil:
		if len(size) != 2 {
			return z, z, nil, fmt.Errorf("It is expected output_size equals to 2, but got size %d", len(size))
		}
		oh, ow = size[0], size[1]
	case scales != nil:
		oh = int(math.Floor(float64(H) * sc[0].(float64)))
		ow = int(math.Floor(float64(W) * sc[1].(float64)))
	default:
		return z, z, nil, fmt.Errorf("Must specify exactly one of output_size and scale_factors")
	}
	if H <= 0 || W <= 0 || oh <= 0 || ow <= 0 {
		return z, z, nil, fmt.Errorf("Input and output sizes should be greater than 0, but got input (H: %d, W: %d) output (H: %d, W: %d)", H, W, oh, ow)
	}
	if !x.dtype.IsFloat() {
		return z, z, nil, fmt.Errorf("\"%s\" not implemented for '%s'", name, x.dtype.ScalarTypeName())
	}
	if mode == "nearest" {
		return nearestAxis(H, oh, sc[0]), nearestAxis(W, ow, sc[1]), []int{oh, ow}, nil
	}
	return linearAxis(H, oh, alignCorners, sc[0], x.dtype), linearAxis(W, ow, alignCorners, sc[1], x.dtype), []int{oh, ow}, nil
}

func interpForward(x *Tensor, ah, aw interpAxis, out []int) *Tensor {
	xc := x.contig()
	N, C, H, W := x.shape[0], x.shape[1], x.shape[2], x.shape[3]
	y := newTensor(x.dtype, []int{N, C, out[0], out[1]})
	if x.dtype == Float32 {
		interpPlanes(dataOf[float32](xc), rawData[float32](y), N*C, H, W, ah, aw, false)
	} else {
		interpPlanes(dataOf[float64](xc), rawData[float64](y), N*C, H, W, ah, aw, false)
	}
	return y
}

func interpAdjoint(g *Tensor, inShape []int, ah, aw interpAxis) *Tensor {
	gc := g.contig()
	gx := newTensor(g.dtype, inShape)
	N, C, H, W := inShape[0], inShape[1], inShape[2], inShape[3]
	if g.dtype == Float32 {
		interpPlanes(rawData[float32](gx), dataOf[float32](gc), N*C, H, W, ah, aw, true)
	} else {
		interpPlanes(rawData[float64](gx), dataOf[float64](gc), N*C, H, W, ah, aw, true)
	}
	return gx
}

var (
	opUpsampleNearest2d = Register(OpDef{
		Schema: "upsample_nearest2d.vec(Tensor input, int[]? output_size, float[]? scale_factors) -> Tensor",
		Kernel: func(rt *Runtime, a Args) ([]*Tensor, error) {
			ah, aw, out, err := interpPlan(a.T(0), a.Is(1), a[2], "nearest", false, "upsample_nearest2d")
			if err != nil {
				return nil, err
			}
			return []*Tensor{interpForward(a.T(0), ah, aw, out)}, nil
		},
		Backward: func(c *BackwardCtx, g []*Tensor) ([]*Tensor, error) {
			f := NewF(c.RT)
			return f.Ret(f.Op(registry["aten::_upsample2d_backward"], g[0], c.Args.T(0).shape, c.Args.Is(1), "nearest", false, c.Args[2]))
		},
		GradFn: "UpsampleNearest2DBackward1",
	})
	opUpsampleBilinear2d = Register(OpDef{
		Schema: "upsample_bilinear2d.vec(Tensor input, int[]? output_size, bool align_corners, float[]? scale_factors) -> Tensor",
		Kernel: func(rt *Runtime, a Args) ([]*Tensor, error) {
			ah, aw, out, err := interpPlan(a.T(0), a.Is(1), a[3], "bilinear", a.B(2), "upsample_bilinear2d")
			if err != nil {
				return nil, err
			}
			return []*Tensor{interpForward(a.T(0), ah, aw, out)}, nil
		},
		Backward: func(c *BackwardCtx, g []*Tensor) ([]*Tensor, error) {
			f := NewF(c.RT)
			return f.Ret(f.Op(registry["aten::_upsample2d_backward"], g[0], c.Args.T(0).shape, c.Args.Is(1), "bilinear", c.Args.B(2), c.Args[3]))
		},
		GradFn: "UpsampleBilinear2DBackward1",
	})
	// _upsample2d_backward is the adjoint of the upsamplings (linear in grad).
	opUpsample2dBackward = Register(OpDef{
		Schema: "_upsample2d_backward(Tensor grad_output, int[] input_size, int[]? output_size, str mode, bool align_corners, float[]? scale_factors) -> Tensor",
		Kernel: func(rt *Runtime, a Args) ([]*Tensor, error) {
			in := a.Is(1)
			probe := &Tensor{dtype: a.T(0).dtype, shape: in}
			ah, aw, _, err := interpPlan(probe, a.Is(2), a[5], a.Str(3), a.B(4), "upsample_"+a.Str(3)+"2d_backward")
			if err != nil {
				return nil, err
			}
			return []*Tensor{interpAdjoint(a.T(0), in, ah, aw)}, nil
		},
		Backward: func(c *BackwardCtx, g []*Tensor) ([]*Tensor, error) {
			f := NewF(c.RT)
			if c.Args.Str(3) == "nearest" {
				return f.Ret(f.Op(opUpsampleNearest2d, g[0], c.Args[2], c.Args[5]))
			}
			return f.Ret(f.Op(opUpsampleBilinear2d, g[0], c.Args[2], c.Args.B(4), c.Args[5]))
		},
	})
)

func init() {
	Register(OpDef{
		Schema:    "interpolate(Tensor input, int[]? size=None, float[]? scale_factor=None, str mode='nearest', bool? align_corners=None, bool? recompute_scale_factor=None, bool antialias=False) -> Tensor",
		Composite: true,
		Kernel: func(rt *Runtime, a Args) ([]*Tensor, error) {
			x, size, mode := a.T(0), a.Is(1), a.Str(3)
			ac, acGiven := a[4].(bool)
			if a.B(6) {
				return nil, fmt.Errorf("interpolate: antialias is not supported")
			}
			if (mode == "nearest" || mode == "area") && acGiven {
				return nil, fmt.Errorf("align_corners option can only be set with the interpolating modes: linear | bilinear | bicubic | trilinear")
			}
			nd := len(x.shape) - 2
			if nd < 1 || nd > 2 {
				return nil, fmt.Errorf("Input Error: Only 3D and 4D input Tensors supported (got %dD) for the modes: nearest | linear | bilinear (got %s)", len(x.shape), mode)
			}
			if size != nil && a[2] != nil {
				return nil, fmt.Errorf("only one of size or scale_factor should be defined")
			}
			if size == nil && a[2] == nil {
				return nil, fmt.Errorf("either size or scale_factor should be defined")
			}
			if size != nil && len(size) == 1 && nd == 2 {
				size = []int{size[0], size[0]}
			}
			if size != nil && len(size) != nd {
				return nil, fmt.Errorf("Input and output must have the same number of spatial dimensions, but got input with spatial dimensions of %s and output size of %s. Please provide input tensor in (N, C, d1, d2, ...,dK) format and output size in (o1, o2, ...,oK) format.", fmtShape(x.shape[2:]), fmtShape(size))
			}
			scales := a[2]
			if rs, ok := a[5].(bool); ok && rs && scales != nil {
				sc, err := scalesOf(scales, nd)
				if err != nil {
					return nil, err
				}
				size = make([]int, nd)
				for i := range size {
					size[i] = int(math.Floor(float64(x.shape[i+2]) * sc[i].(float64)))
				}
				scales = nil
			}
			f := NewF(rt)
			if nd == 1 {
				x = f.Unsqueeze(x, 2)
				if size != nil {
					size = []int{1, size[0]}
				}
				if scales != nil {
					sc, err := scalesOf(scales, 1)
					if err != nil {
						return nil, err
					}
					scales = []float64{1, sc[0].(float64)}
				}
			}
			if sc, ok := scales.([]float64); ok && len(sc) == 1 && nd == 2 {
				scales = []float64{sc[0], sc[0]}
			}
			var y *Tensor
			switch {
			case mode == "nearest":
				y = f.Op(opUpsampleNearest2d, x, optInts(size), scales)
			case (mode == "bilinear" && nd == 2) || (mode == "linear" && nd == 1):
				y = f.Op(opUpsampleBilinear2d, x, optInts(size), ac, scales)
			default:
				return nil, fmt.Errorf("interpolate: mode '%s' is not supported for %dD input", mode, nd+2)
			}
			if nd == 1 {
				y = f.Call("squeeze.dim", y, 2)
			}
			return f.Ret(y)
		},
	})
}

func optInts(v []int) any {
	if v == nil {
		return nil
	}
	return v
}
