package tensor

import (
	"fmt"
	"math"
)

// Normalisation layers: batch_norm, layer_norm, group_norm, instance_norm.
// The native_* ops are primitives (with PyTorch's grad_fn names); their
// kernels compute statistics in float64, and their backward formulas are
// written with ops (recomputing the statistics from the input), so they
// are differentiable again.

// normXhat recomputes (x - mean) / sqrt(var + eps) over dims with ops.
func normXhat(f *F, x *Tensor, dims []int, eps float64) (xhat, invstd *Tensor) {
	mu := f.Op(registry["aten::mean.dim"], x, dims, true)
	xmu := f.Sub(x, mu)
	v := f.Op(registry["aten::mean.dim"], f.Mul(xmu, xmu), dims, true)
	invstd = f.Pow(f.Add(v, Float(eps)), Float(-0.5))
	return f.Mul(xmu, invstd), invstd
}

// normGradInput is the gradient of the normalisation over dims, given the
// gradient gxhat of its output xhat.
func normGradInput(f *F, x, gxhat *Tensor, dims []int, eps float64) *Tensor {
	xhat, invstd := normXhat(f, x, dims, eps)
	m1 := f.Op(registry["aten::mean.dim"], gxhat, dims, true)
	m2 := f.Op(registry["aten::mean.dim"], f.Mul(gxhat, xhat), dims, true)
	return f.Mul(invstd, f.Sub(f.Sub(gxhat, m1), f.Mul(xhat, m2)))
}

// chanShape is [1, C, 1, ...] for broadcasting per-channel values over x.
func chanShape(x *Tensor) []int {
	s := make([]int, len(x.shape))
	for i := range s {
		s[i] = 1
	}
	s[1] = x.shape[1]
	return s
}

func allButDim1(nd int) []int {
	d := []int{0}
	for i := 2; i < nd; i++ {
		d = append(d, i)
	}
	return d
}

func batchNormKernel(x, w, b, rm, rv *Tensor, training bool, momentum, eps float64) ([]*Tensor, error) {
	if len(x.shape) < 2 {
		return nil, fmt.Errorf("batch_norm: expected input with at least 2 dimensions, but got %d", len(x.shape))
	}
	if !x.dtype.IsFloat() {
		return nil, fmt.Errorf("\"batch_norm\" not implemented for '%s'", x.dtype.ScalarTypeName())
	}
	N, C := x.shape[0], x.shape[1]
	S := numelOf(x.shape[2:])
	for _, p := range []struct {
		t    *Tensor
		name string
	}{{w, "weight"}, {b, "bias"}, {rm, "running_mean"}, {rv, "running_var"}} {
		if p.t != nil && p.t.Numel() != C {
			return nil, fmt.Errorf("%s should contain %d elements not %d", p.name, C, p.t.Numel())
		}
	}
	xc := x.contig()
	// per channel statistics
	mean, invstd := make([]float64, C), make([]float64, C)
	useBatch := training || rm == nil || rv == nil
	if useBatch {
		M := N * S
		varU := make([]float64, C)
		var ms, sq []float64
		if x.dtype == Float32 {
			ms, sq = chanMoments(dataOf[float32](xc), N, C, S)
		} else {
			ms, sq = chanMoments(dataOf[float64](xc), N, C, S)
		}
		for c := 0; c < C; c++ {
			mean[c] = ms[c]
			ss := sq[c]
			if M > 0 {
				invstd[c] = 1 / math.Sqrt(ss/float64(M)+eps)
			}
			if M > 1 {
				varU[c] = ss / float64(M-1)
			} else {
				varU[c] = math.Inf(1)
			}
			if M == 0 {
				mean[c], varU[c] = math.NaN(), math.NaN()
			}
		}
		if training && M > 0 {
			if rm != nil {
				for c, v := range rm.Float64s() {
					rm.setFlat(rm.offset+c*strideOr1(rm), (1-momentum)*v+momentum*mean[c])
				}
				rm.st.version++
			}
			if rv != nil {
				for c, v := range rv.Float64s() {
					rv.setFlat(rv.offset+c*strideOr1(rv), (1-momentum)*v+momentum*varU[c])
				}
				rv.st.version++
			}
		}
	} else {
		copy(mean, rm.Float64s())
		for c, v := range rv.Float64s() {
			invstd[c] = 1 / math.Sqrt(v+eps)
		}
	}
	scale, shift := make([]float64, C), make([]float64, C)
	var wd, bd []float64
	if w != nil {
		wd = w.Float64s()
	}
	if b != nil {
		bd = b.Float64s()
	}
	for c := 0; c < C; c++ {
		scale[c], shift[c] = invstd[c], -mean[c]*invstd[c]
		if wd != nil {
			scale[c], shift[c] = scale[c]*wd[c], shift[c]*wd[c]
		}
		if bd != nil {
			shift[c] += bd[c]
		}
	}
	y := newTensorNoInit(x.dtype, x.shape)
	if x.dtype == Float32 {
		chanAffine(dataOf[float32](xc), rawData[float32](y), N, C, S, scale, shift)
	} else {
		chanAffine(dataOf[float64](xc), rawData[float64](y), N, C, S, scale, shift)
	}
	var sm, si *Tensor
	if useBatch {
		sm, _ = FromFloat64As(x.dtype, mean, C)
		si, _ = FromFloat64As(x.dtype, invstd, C)
	} else {
		sm, si = newTensor(x.dtype, []int{0}), newTensor(x.dtype, []int{0})
	}
	return []*Tensor{y, sm, si}, nil
}

// chanMoments returns per channel means and sums of squared deviations
// (two passes, float64 accumulation) of a contiguous (N, C, S) array.
func chanMoments[T floatElem](x []T, N, C, S int) (mean, ss []float64) {
	mean, ss = make([]float64, C), make([]float64, C)
	M := float64(N * S)
	for c := 0; c < C; c++ {
		s := 0.0
		for n := 0; n < N; n++ {
			for _, v := range x[(n*C+c)*S : (n*C+c+1)*S] {
				s += float64(v)
			}
		}
		m := s / M
		q := 0.0
		for n := 0; n < N; n++ {
			for _, v := range x[(n*C+c)*S : (n*C+c+1)*S] {
				d := float64(v) - m
				q += d * d
			}
		}
		mean[c], ss[c] = m, q
	}
	return
}

// chanAffine writes y = x*scale[c] + shift[c] for a contiguous (N, C, S) array.
func chanAffine[T floatElem](x, y []T, N, C, S int, scale, shift []float64) {
	for n := 0; n < N; n++ {
		for c := 0; c < C; c++ {
			sc, sh := scale[c], shift[c]
			o := y[(n*C+c)*S : (n*C+c+1)*S]
			for i, v := range x[(n*C+c)*S : (n*C+c+1)*S] {
				o[i] = T(float64(v)*sc + sh)
			}
		}
	}
}

// rowNorm normalises R rows of length M of x into y: (x-mean)*invstd,
// then times w[i] and plus b[i] (i the index in the row) when given, and
// returns the row means and invstds (statistics in float64, two passes).
func rowNorm[T floatElem](x, y []T, R, M int, eps float64, w, b []float64) (mean, invstd []float64) {
	mean, invstd = make([]float64, R), make([]float64, R)
	var wt, bt []T
	if w != nil {
		wt = make([]T, M)
		for i, v := range w {
			wt[i] = T(v)
		}
	}
	if b != nil {
		bt = make([]T, M)
		for i, v := range b {
			bt[i] = T(v)
		}
	}
	for r := 0; r < R; r++ {
		row, o := x[r*M:(r+1)*M], y[r*M:(r+1)*M]
		var s0, s1, s2, s3 float64
		i := 0
		for ; i+4 <= len(row); i += 4 {
			s0 += float64(row[i])
			s1 += float64(row[i+1])
			s2 += float64(row[i+2])
			s3 += float64(row[i+3])
		}
		for ; i < len(row); i++ {
			s0 += float64(row[i])
		}
		m := (s0 + s1 + s2 + s3) / float64(M)
		s0, s1, s2, s3 = 0, 0, 0, 0
		i = 0
		for ; i+4 <= len(row); i += 4 {
			d0, d1, d2, d3 := float64(row[i])-m, float64(row[i+1])-m, float64(row[i+2])-m, float64(row[i+3])-m
			s0 += d0 * d0
			s1 += d1 * d1
			s2 += d2 * d2
			s3 += d3 * d3
		}
		for ; i < len(row); i++ {
			d := float64(row[i]) - m
			s0 += d * d
		}
		is := 1 / math.Sqrt((s0+s1+s2+s3)/float64(M)+eps)
		mean[r], invstd[r] = m, is
		// y = x*sc + sh in T arithmetic, per element scale with a weight
		sc, sh := T(is), T(-m*is)
		switch {
		case wt != nil && bt != nil:
			for i, v := range row {
				o[i] = (v*sc+sh)*wt[i] + bt[i]
			}
		case wt != nil:
			for i, v := range row {
				o[i] = (v*sc + sh) * wt[i]
			}
		case bt != nil:
			for i, v := range row {
				o[i] = v*sc + sh + bt[i]
			}
		default:
			for i, v := range row {
				o[i] = v*sc + sh
			}
		}
	}
	return
}

// rowNormF32 is rowNorm for float32 with the vector kernels: the mean and
// the variance (of the differences from the mean: two passes, sums in
// float64 lanes) per row, then (x - mean) * invstd [* w] [+ b].
func rowNormF32(x, y []float32, R, M int, eps float64, w, b []float64) (mean, invstd []float64) {
	if !simdRowOK {
		return rowNorm(x, y, R, M, eps, w, b)
	}
	mean, invstd = make([]float64, R), make([]float64, R)
	var wt, bt []float32
	if w != nil {
		wt = make([]float32, M)
		for i, v := range w {
			wt[i] = float32(v)
		}
	}
	if b != nil {
		bt = make([]float32, M)
		for i, v := range b {
			bt[i] = float32(v)
		}
	}
	d := make([]float32, M)
	for r := 0; r < R; r++ {
		row, o := x[r*M:(r+1)*M], y[r*M:(r+1)*M]
		s, _ := simdSumF32(row)
		m := float32(s / float64(M))
		simdBinScalarF32(1, d, row, m)
		simdBinF32(2, o, d, d)
		v, _ := simdSumF32(o)
		is := 1 / math.Sqrt(v/float64(M)+eps)
		mean[r], invstd[r] = float64(m), is
		simdBinScalarF32(2, o, d, float32(is))
		if wt != nil {
			simdBinF32(2, o, o, wt)
		}
		if bt != nil {
			simdBinF32(0, o, o, bt)
		}
	}
	return
}

func strideOr1(t *Tensor) int {
	if len(t.shape) == 0 {
		return 0
	}
	return t.strides[0]
}

var (
	opNativeBatchNorm = Register(OpDef{
		Schema: "native_batch_norm(Tensor input, Tensor? weight, Tensor? bias, Tensor? running_mean, Tensor? running_var, bool training, float momentum, float eps) -> (Tensor, Tensor, Tensor)",
		Kernel: func(rt *Runtime, a Args) ([]*Tensor, error) {
			return batchNormKernel(a.T(0), a.T(1), a.T(2), a.T(3), a.T(4), a.B(5), a.F(6), a.F(7))
		},
		Backward: func(c *BackwardCtx, g []*Tensor) ([]*Tensor, error) {
			f := NewF(c.RT)
			x, w, b, rm, rv := c.Args.T(0), c.Args.T(1), c.Args.T(2), c.Args.T(3), c.Args.T(4)
			training, eps := c.Args.B(5), c.Args.F(7)
			gy := g[0]
			if (training || rm == nil || rv == nil) && !c.RT.GradEnabled() && x.Numel() > 0 {
				// first-order gradients only: one direct pass per channel
				return batchNormBackwardDirect(x, w, gy, eps, c.NeedsGrad(0), w != nil && c.NeedsGrad(1), b != nil && c.NeedsGrad(2))
			}
			dims := allButDim1(len(x.shape))
			cs := chanShape(x)
			var gx, gw, gb *Tensor
			if training || rm == nil || rv == nil {
				gxhat := gy
				if w != nil {
					gxhat = f.Mul(gy, f.Reshape(w, cs))
				}
				if c.NeedsGrad(0) {
					gx = normGradInput(f, x, gxhat, dims, eps)
				}
				if w != nil && c.NeedsGrad(1) {
					xhat, _ := normXhat(f, x, dims, eps)
					gw = f.SumDim(f.Mul(gy, xhat), dims, false)
				}
			} else {
				invstd := f.Reshape(f.Pow(f.Add(rv, Float(eps)), Float(-0.5)), cs)
				if c.NeedsGrad(0) {
					gx = f.Mul(gy, invstd)
					if w != nil {
						gx = f.Mul(gx, f.Reshape(w, cs))
					}
				}
				if w != nil && c.NeedsGrad(1) {
					xhat := f.Mul(f.Sub(x, f.Reshape(rm, cs)), invstd)
					gw = f.SumDim(f.Mul(gy, xhat), dims, false)
				}
			}
			var grm, grv *Tensor
			if !(training || rm == nil || rv == nil) && (c.NeedsGrad(3) || c.NeedsGrad(4)) {
				// PyTorch refuses gradients for running statistics; these
				// are the mathematical ones (for gradcheck).
				gs := gy
				if w != nil {
					gs = f.Mul(gy, f.Reshape(w, cs))
				}
				inv := f.Pow(f.Add(rv, Float(eps)), Float(-0.5))
				if c.NeedsGrad(3) {
					grm = f.Neg(f.Mul(f.SumDim(gs, dims, false), inv))
				}
				if c.NeedsGrad(4) {
					xm := f.Sub(x, f.Reshape(rm, cs))
					grv = f.Mul(f.SumDim(f.Mul(gs, xm), dims, false), f.Mul(f.Pow(inv, Float(3)), Float(-0.5)))
				}
			}
			if b != nil && c.NeedsGrad(2) {
				gb = f.SumDim(gy, dims, false)
			}
			return f.Ret(gx, gw, gb, grm, grv)
		},
		GradFn: "NativeBatchNormBackward0", Saves: []string{"input", "weight"},
		NonDiffOutputs: []int{1, 2},
	})
	opNativeLayerNorm = Register(OpDef{
		Schema: "native_layer_norm(Tensor input, int[] normalized_shape, Tensor? weight, Tensor? bias, float eps) -> (Tensor, Tensor, Tensor)",
		Kernel: func(rt *Runtime, a Args) ([]*Tensor, error) {
			return layerNormKernel(a.T(0), a.Is(1), a.T(2), a.T(3), a.F(4))
		},
		Backward: func(c *BackwardCtx, g []*Tensor) ([]*Tensor, error) {
			f := NewF(c.RT)
			x, ns, w, b, eps := c.Args.T(0), c.Args.Is(1), c.Args.T(2), c.Args.T(3), c.Args.F(4)
			gy := g[0]
			nd, k := len(x.shape), len(ns)
			var dims, lead []int
			for i := nd - k; i < nd; i++ {
				dims = append(dims, i)
			}
			for i := 0; i < nd-k; i++ {
				lead = append(lead, i)
			}
			if !c.RT.GradEnabled() && x.Numel() > 0 {
				return layerNormBackwardDirect(x, w, gy, ns, eps, c.NeedsGrad(0), w != nil && c.NeedsGrad(1), b != nil && c.NeedsGrad(2))
			}
			var gx, gw, gb *Tensor
			gxhat := gy
			if w != nil {
				gxhat = f.Mul(gy, w)
			}
			if c.NeedsGrad(0) {
				gx = normGradInput(f, x, gxhat, dims, eps)
			}
			if w != nil && c.NeedsGrad(1) {
				xhat, _ := normXhat(f, x, dims, eps)
				gw = sumLead(f, f.Mul(gy, xhat), lead)
			}
			if b != nil && c.NeedsGrad(2) {
				gb = sumLead(f, gy, lead)
			}
			return f.Ret(gx, gw, gb)
		},
		GradFn: "NativeLayerNormBackward0", Saves: []string{"input", "weight"},
		NonDiffOutputs: []int{1, 2},
	})
	opNativeGroupNorm = Register(OpDef{
		Schema: "native_group_norm(Tensor input, Tensor? weight, Tensor? bias, int N, int C, int HxW, int group, float eps) -> (Tensor, Tensor, Tensor)",
		Kernel: func(rt *Runtime, a Args) ([]*Tensor, error) {
			return groupNormKernel(a.T(0), a.T(1), a.T(2), a.I(6), a.F(7))
		},
		Backward: func(c *BackwardCtx, g []*Tensor) ([]*Tensor, error) {
			f := NewF(c.RT)
			x, w, b, G, eps := c.Args.T(0), c.Args.T(1), c.Args.T(2), c.Args.I(6), c.Args.F(7)
			gy := g[0]
			N := x.shape[0]
			cs := chanShape(x)
			dims := allButDim1(len(x.shape))
			var gx, gw, gb *Tensor
			xg := f.Reshape(x, []int{N, G, -1})
			if c.NeedsGrad(0) {
				gxhat := gy
				if w != nil {
					gxhat = f.Mul(gy, f.Reshape(w, cs))
				}
				gx = f.Reshape(normGradInput(f, xg, f.Reshape(gxhat, []int{N, G, -1}), []int{2}, eps), x.shape)
			}
			if w != nil && c.NeedsGrad(1) {
				xhat, _ := normXhat(f, xg, []int{2}, eps)
				gw = f.SumDim(f.Mul(gy, f.Reshape(xhat, x.shape)), dims, false)
			}
			if b != nil && c.NeedsGrad(2) {
				gb = f.SumDim(gy, dims, false)
			}
			return f.Ret(gx, gw, gb)
		},
		GradFn: "NativeGroupNormBackward0", Saves: []string{"input", "weight"},
		NonDiffOutputs: []int{1, 2},
	})
)

func sumLead(f *F, t *Tensor, lead []int) *Tensor {
	if len(lead) == 0 {
		return t
	}
	return f.SumDim(t, lead, false)
}

func layerNormKernel(x *Tensor, ns []int, w, b *Tensor, eps float64) ([]*Tensor, error) {
	nd, k := len(x.shape), len(ns)
	ok := k >= 1 && k <= nd
	if ok {
		for i := 0; i < k; i++ {
			if x.shape[nd-k+i] != ns[i] {
				ok = false
			}
		}
	}
	if k < 1 {
		return nil, fmt.Errorf("Expected normalized_shape to be at least 1-dimensional, i.e., containing at least one element, but got normalized_shape = %s", fmtShape(ns))
	}
	if w != nil && !sameShape(w.shape, ns) {
		return nil, fmt.Errorf("Expected weight to be of same shape as normalized_shape, but got weight of shape %s and normalized_shape = %s", fmtShape(w.shape), fmtShape(ns))
	}
	if b != nil && !sameShape(b.shape, ns) {
		return nil, fmt.Errorf("Expected bias to be of same shape as normalized_shape, but got bias of shape %s and normalized_shape = %s", fmtShape(b.shape), fmtShape(ns))
	}
	if !ok {
		want := "[*"
		for _, s := range ns {
			want += fmt.Sprintf(", %d", s)
		}
		return nil, fmt.Errorf("Given normalized_shape=%s, expected input with shape %s], but got input of size%s", fmtShape(ns), want, fmtShape(x.shape))
	}
	if !x.dtype.IsFloat() {
		return nil, fmt.Errorf("\"LayerNormKernelImpl\" not implemented for '%s'", x.dtype.ScalarTypeName())
	}
	M := numelOf(ns)
	R := numelOf(x.shape[:nd-k])
	var wd, bd []float64
	if w != nil {
		wd = w.Float64s()
	}
	if b != nil {
		bd = b.Float64s()
	}
	xc := x.contig()
	y := newTensorNoInit(x.dtype, x.shape)
	var mean, invstd []float64
	if x.dtype == Float32 {
		mean, invstd = rowNormF32(dataOf[float32](xc), rawData[float32](y), R, M, eps, wd, bd)
	} else {
		mean, invstd = rowNorm(dataOf[float64](xc), rawData[float64](y), R, M, eps, wd, bd)
	}
	sshape := append(append([]int(nil), x.shape[:nd-k]...), make([]int, k)...)
	for i := nd - k; i < nd; i++ {
		sshape[i] = 1
	}
	sm, _ := FromFloat64As(x.dtype, mean, sshape...)
	si, _ := FromFloat64As(x.dtype, invstd, sshape...)
	return []*Tensor{y, sm, si}, nil
}

func groupNormKernel(x, w, b *Tensor, G int, eps float64) ([]*Tensor, error) {
	if len(x.shape) < 2 {
		return nil, fmt.Errorf("Expected at least 2 dimensions for input tensor but received %d", len(x.shape))
	}
	N, C := x.shape[0], x.shape[1]
	if G <= 0 || C%G != 0 {
		return nil, fmt.Errorf("Expected number of channels in input to be divisible by num_groups, but got input of shape %s and num_groups=%d", fmtShape(x.shape), G)
	}
	if w != nil && (len(w.shape) != 1 || w.shape[0] != C) {
		return nil, fmt.Errorf("Expected weight to be a vector of size equal to the number of channels in input, but got weight of shape %s and input of shape %s", fmtShape(w.shape), fmtShape(x.shape))
	}
	if b != nil && (len(b.shape) != 1 || b.shape[0] != C) {
		return nil, fmt.Errorf("Expected bias to be a vector of size equal to the number of channels in input, but got bias of shape %s and input of shape %s", fmtShape(b.shape), fmtShape(x.shape))
	}
	if !x.dtype.IsFloat() {
		return nil, fmt.Errorf("\"GroupNormKernelImpl\" not implemented for '%s'", x.dtype.ScalarTypeName())
	}
	S := numelOf(x.shape[2:])
	M := C / G * S
	xc := x.contig()
	y := newTensorNoInit(x.dtype, x.shape)
	var mean, invstd []float64
	if x.dtype == Float32 {
		mean, invstd = rowNormF32(dataOf[float32](xc), rawData[float32](y), N*G, M, eps, nil, nil)
	} else {
		mean, invstd = rowNorm(dataOf[float64](xc), rawData[float64](y), N*G, M, eps, nil, nil)
	}
	if w != nil || b != nil {
		scale, shift := make([]float64, C), make([]float64, C)
		for c := range scale {
			scale[c] = 1
		}
		if w != nil {
			copy(scale, w.Float64s())
		}
		if b != nil {
			copy(shift, b.Float64s())
		}
		if x.dtype == Float32 {
			chanAffine(rawData[float32](y), rawData[float32](y), N, C, S, scale, shift)
		} else {
			chanAffine(rawData[float64](y), rawData[float64](y), N, C, S, scale, shift)
		}
	}
	sm, _ := FromFloat64As(x.dtype, mean, N, G)
	si, _ := FromFloat64As(x.dtype, invstd, N, G)
	return []*Tensor{y, sm, si}, nil
}

func init() {
	Register(OpDef{
		Schema:    "batch_norm(Tensor input, Tensor? weight, Tensor? bias, Tensor? running_mean, Tensor? running_var, bool training, float momentum, float eps, bool cudnn_enabled) -> Tensor",
		Composite: true,
		Kernel: func(rt *Runtime, a Args) ([]*Tensor, error) {
			outs, err := rt.Run(opNativeBatchNorm, a[:8])
			if err != nil {
				return nil, err
			}
			return outs[:1], nil
		},
	})
	Register(OpDef{
		Schema:    "layer_norm(Tensor input, int[] normalized_shape, Tensor? weight=None, Tensor? bias=None, float eps=1e-05, bool cudnn_enable=True) -> Tensor",
		Composite: true,
		Kernel: func(rt *Runtime, a Args) ([]*Tensor, error) {
			outs, err := rt.Run(opNativeLayerNorm, a[:5])
			if err != nil {
				return nil, err
			}
			return outs[:1], nil
		},
	})
	Register(OpDef{
		Schema:    "group_norm(Tensor input, int num_groups, Tensor? weight=None, Tensor? bias=None, float eps=1e-05, bool cudnn_enabled=True) -> Tensor",
		Composite: true,
		Kernel: func(rt *Runtime, a Args) ([]*Tensor, error) {
			x := a.T(0)
			if len(x.shape) < 2 {
				return nil, fmt.Errorf("Expected at least 2 dimensions for input tensor but received %d", len(x.shape))
			}
			N, C := x.shape[0], x.shape[1]
			outs, err := rt.Run(opNativeGroupNorm, Args{x, a[2], a[3], N, C, numelOf(x.shape[2:]), a.I(1), a.F(4)})
			if err != nil {
				return nil, err
			}
			return outs[:1], nil
		},
	})
	Register(OpDef{
		Schema:    "instance_norm(Tensor input, Tensor? weight, Tensor? bias, Tensor? running_mean, Tensor? running_var, bool use_input_stats, float momentum, float eps, bool cudnn_enabled) -> Tensor",
		Composite: true,
		Kernel: func(rt *Runtime, a Args) ([]*Tensor, error) {
			x, w, b, rm, rv := a.T(0), a.T(1), a.T(2), a.T(3), a.T(4)
			if len(x.shape) < 2 {
				return nil, fmt.Errorf("instance_norm: expected input with at least 2 dimensions, but got %d", len(x.shape))
			}
			N, C := x.shape[0], x.shape[1]
			f := NewF(rt)
			shape := append([]int{1, N * C}, x.shape[2:]...)
			xr := f.Reshape(x, shape)
			rep := func(t *Tensor) any {
				if t == nil {
					return nil
				}
				return f.Call("repeat", t, []int{N})
			}
			var rmr, rvr any
			if a.B(5) {
				// updated in place, then averaged back into the originals
				if rm != nil {
					rmr = rm.repeatN(N)
				}
				if rv != nil {
					rvr = rv.repeatN(N)
				}
			} else {
				rmr, rvr = rep(rm), rep(rv)
			}
			outs := []*Tensor{nil}
			if f.Err() == nil {
				var err error
				outs, err = rt.Run(opNativeBatchNorm, Args{xr, rep(w), rep(b), rmr, rvr, a.B(5), a.F(6), a.F(7)})
				if err != nil {
					return nil, err
				}
			}
			if f.Err() != nil {
				return nil, f.Err()
			}
			if a.B(5) {
				for _, p := range [][2]any{{rm, rmr}, {rv, rvr}} {
					orig, _ := p[0].(*Tensor)
					upd, _ := p[1].(*Tensor)
					if orig == nil {
						continue
					}
					u := upd.Float64s()
					for c := 0; c < C; c++ {
						s := 0.0
						for n := 0; n < N; n++ {
							s += u[n*C+c]
						}
						orig.setFlat(orig.offset+c*strideOr1(orig), s/float64(N))
					}
					orig.st.version++
				}
			}
			return f.Ret(f.Op(registry["aten::view"], outs[0], x.shape))
		},
	})
}

// repeatN returns a 1-d tensor of t's values repeated n times.
func (t *Tensor) repeatN(n int) *Tensor {
	v := t.Float64s()
	out := make([]float64, 0, len(v)*n)
	for i := 0; i < n; i++ {
		out = append(out, v...)
	}
	r, _ := FromFloat64As(t.dtype, out, len(out))
	return r
}

// batchNormBackwardDirect computes the training-mode gradients of
// batch_norm without building ops (used when no graph of the gradient is
// needed): per channel, with xhat = (x - mean) * invstd,
//
//	gx = w * invstd * (g - mean(g) - xhat * mean(g * xhat)),
//	gw = sum(g * xhat), gb = sum(g).
func batchNormBackwardDirect(x, w, gy *Tensor, eps float64, needX, needW, needB bool) ([]*Tensor, error) {
	N, C := x.shape[0], x.shape[1]
	S := numelOf(x.shape[2:])
	var wd []float64
	if w != nil {
		wd = w.Float64s()
	}
	var gx, gw, gb *Tensor
	if needX {
		gx = newTensorNoInit(x.dtype, x.shape)
	}
	gwv, gbv := make([]float64, C), make([]float64, C)
	xc, gc := x.contig(), gy.castTo(x.dtype).contig()
	if x.dtype == Float32 {
		bnBackward(dataOf[float32](xc), dataOf[float32](gc), gx, N, C, S, eps, wd, gwv, gbv)
	} else {
		bnBackward(dataOf[float64](xc), dataOf[float64](gc), gx, N, C, S, eps, wd, gwv, gbv)
	}
	if needW {
		gw, _ = FromFloat64As(w.dtype, gwv, C)
	}
	if needB {
		gb, _ = FromFloat64As(x.dtype, gbv, C)
	}
	return []*Tensor{gx, gw, gb, nil, nil}, nil
}

func bnBackward[T floatElem](x, g []T, gx *Tensor, N, C, S int, eps float64, w, gw, gb []float64) {
	mean, ss := chanMoments(x, N, C, S)
	M := float64(N * S)
	var out []T
	if gx != nil {
		out = rawData[T](gx)
	}
	for c := 0; c < C; c++ {
		m, is := mean[c], 1/math.Sqrt(ss[c]/M+eps)
		sg, sgx := 0.0, 0.0
		for n := 0; n < N; n++ {
			o := (n*C + c) * S
			for i := 0; i < S; i++ {
				gv := float64(g[o+i])
				sg += gv
				sgx += gv * (float64(x[o+i]) - m)
			}
		}
		gb[c], gw[c] = sg, sgx*is
		if out == nil {
			continue
		}
		k := is
		if w != nil {
			k *= w[c]
		}
		mg, mgx := sg/M, sgx*is*is/M
		for n := 0; n < N; n++ {
			o := (n*C + c) * S
			for i := 0; i < S; i++ {
				out[o+i] = T(k * (float64(g[o+i]) - mg - (float64(x[o+i])-m)*mgx))
			}
		}
	}
}

// layerNormBackwardDirect is layer_norm's first-order backward over rows
// of M elements: gx = invstd * (gxhat - mean(gxhat) - xhat*mean(gxhat*xhat))
// with gxhat = g*w; gw = sum over rows of g*xhat, gb = sum of g.
func layerNormBackwardDirect(x, w, gy *Tensor, ns []int, eps float64, needX, needW, needB bool) ([]*Tensor, error) {
	M := numelOf(ns)
	R := x.Numel() / M
	var wd []float64
	if w != nil {
		wd = w.Float64s()
	}
	var gx *Tensor
	if needX {
		gx = newTensorNoInit(x.dtype, x.shape)
	}
	gwv, gbv := make([]float64, M), make([]float64, M)
	xc, gc := x.contig(), gy.castTo(x.dtype).contig()
	if x.dtype == Float32 {
		lnBackward(dataOf[float32](xc), dataOf[float32](gc), gx, R, M, eps, wd, gwv, gbv)
	} else {
		lnBackward(dataOf[float64](xc), dataOf[float64](gc), gx, R, M, eps, wd, gwv, gbv)
	}
	var gw, gb *Tensor
	if needW {
		gw, _ = FromFloat64As(w.dtype, gwv, w.shape...)
	}
	if needB {
		gb, _ = FromFloat64As(x.dtype, gbv, ns...)
	}
	return []*Tensor{gx, gw, gb}, nil
}

func lnBackward[T floatElem](x, g []T, gx *Tensor, R, M int, eps float64, w, gw, gb []float64) {
	var out []T
	if gx != nil {
		out = rawData[T](gx)
	}
	xh := make([]float64, M)
	gh := make([]float64, M)
	for r := 0; r < R; r++ {
		row, gr := x[r*M:(r+1)*M], g[r*M:(r+1)*M]
		s := 0.0
		for _, v := range row {
			s += float64(v)
		}
		m := s / float64(M)
		q := 0.0
		for _, v := range row {
			d := float64(v) - m
			q += d * d
		}
		is := 1 / math.Sqrt(q/float64(M)+eps)
		s1, s2 := 0.0, 0.0
		for i, v := range row {
			xh[i] = (float64(v) - m) * is
			gv := float64(gr[i])
			gw[i] += gv * xh[i]
			gb[i] += gv
			if w != nil {
				gv *= w[i]
			}
			gh[i] = gv
			s1 += gv
			s2 += gv * xh[i]
		}
		if out == nil {
			continue
		}
		m1, m2 := s1/float64(M), s2/float64(M)
		o := out[r*M : (r+1)*M]
		for i := range o {
			o[i] = T(is * (gh[i] - m1 - xh[i]*m2))
		}
	}
}
