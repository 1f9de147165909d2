package tensor

import (
	"fmt"
	"sync/atomic"
	"unsafe"

	"torchr/tensor/internal/gemm"
)

// Convolutions. Every convolution (conv1d, conv2d, conv_transpose1d/2d)
// goes through aten::convolution, computed on 2-D planes (1-D inputs are
// planes of height 1) with im2col and the GEMM of internal/gemm.
//
// Three bilinear maps do all the work:
//   F(x, w)      the forward convolution              (N,C,H,W)  -> (N,Co,Ho,Wo)
//   Gx(gy, w)    its adjoint in x (transposed conv)   (N,Co,Ho,Wo) -> (N,C,H,W)
//   Gw(x, gy)    its adjoint in w                     -> (Co,C/g,kh,kw)
// Each one's derivatives are the other two, so the backward formulas are
// written with aten::convolution and aten::_conv_grad_weight and are
// differentiable again (double backward).

// convGeom is the geometry of a forward convolution on planes.
type convGeom struct {
	N, C, H, W     int // input of the forward convolution
	Co, Ho, Wo     int // its output
	kh, kw         int
	sh, sw, ph, pw int
	dh, dw, g      int
	ld             int // row stride of the im2col matrix (0: Ho*Wo)
}

// colLd is the row stride of the im2col matrix.
func (q *convGeom) colLd() int {
	if q.ld > 0 {
		return q.ld
	}
	return q.Ho * q.Wo
}

func (q *convGeom) cg() int  { return q.C / q.g }
func (q *convGeom) cog() int { return q.Co / q.g }
func (q *convGeom) K() int   { return q.cg() * q.kh * q.kw }

// gemmT runs the float32 or float64 GEMM on generic slices.
func gemmT[T floatElem](stop *atomic.Bool, ta, tb bool, m, n, k int, alpha T, a []T, lda int, b []T, ldb int, beta T, c []T, ldc int) bool {
	switch av := any(a).(type) {
	case []float32:
		return gemm.SgemmCancel(stop, ta, tb, m, n, k, float32(alpha), av, lda, any(b).([]float32), ldb, float32(beta), any(c).([]float32), ldc)
	case []float64:
		return gemm.DgemmCancel(stop, ta, tb, m, n, k, float64(alpha), av, lda, any(b).([]float64), ldb, float64(beta), any(c).([]float64), ldc)
	}
	panic("gemmT: bad type")
}

// im2col writes the (Cg*kh*kw) x (Ho*Wo) patch matrix of one image group
// x (Cg planes of H*W) into col.
func im2col[T floatElem](q *convGeom, x, col []T) {
	H, W, Ho, Wo := q.H, q.W, q.Ho, q.Wo
	if q.sh == 1 && q.sw == 1 && Wo == W && Ho <= H+2*q.ph {
		im2colSame(q, x, col)
		return
	}
	r := 0
	for c := 0; c < q.cg(); c++ {
		xc := x[c*H*W : (c+1)*H*W]
		for ki := 0; ki < q.kh; ki++ {
			for kj := 0; kj < q.kw; kj++ {
				row := col[r*q.colLd() : r*q.colLd()+Ho*Wo]
				r++
				// ow range with 0 <= ow*sw - pw + kj*dw < W
				off := kj*q.dw - q.pw
				lo, hi := owRange(off, q.sw, W, Wo)
				for oh := 0; oh < Ho; oh++ {
					ih := oh*q.sh - q.ph + ki*q.dh
					dst := row[oh*Wo : (oh+1)*Wo]
					if ih < 0 || ih >= H {
						clear(dst)
						continue
					}
					src := xc[ih*W : (ih+1)*W]
					clear(dst[:lo])
					if q.sw == 1 {
						copy(dst[lo:hi], src[lo+off:hi+off])
					} else {
						for ow := lo; ow < hi; ow++ {
							dst[ow] = src[ow*q.sw+off]
						}
					}
					clear(dst[hi:])
				}
			}
		}
	}
}

// im2colSame is im2col for stride 1 and output width = input width (the
// common "same" padding): each patch row is the input plane shifted by a
// constant offset, copied in one piece, with the wrapped-around border
// columns zeroed afterwards.
func im2colSame[T floatElem](q *convGeom, x, col []T) {
	H, W, Ho := q.H, q.W, q.Ho
	HW, n := H*W, Ho*W
	r := 0
	for c := 0; c < q.cg(); c++ {
		xc := x[c*HW : (c+1)*HW]
		for ki := 0; ki < q.kh; ki++ {
			for kj := 0; kj < q.kw; kj++ {
				row := col[r*q.colLd() : r*q.colLd()+n]
				r++
				dc := kj*q.dw - q.pw
				shift := (ki*q.dh-q.ph)*W + dc
				lo, hi := max(0, -shift), min(n, HW-shift)
				if hi <= lo {
					clear(row)
					continue
				}
				clear(row[:lo])
				copy(row[lo:hi], xc[lo+shift:hi+shift])
				clear(row[hi:])
				if dc != 0 {
					clo, chi := max(0, -dc), min(W, W-dc)
					for oh := 0; oh < Ho; oh++ {
						rr := row[oh*W : (oh+1)*W]
						for ow := 0; ow < clo; ow++ {
							rr[ow] = 0
						}
						for ow := chi; ow < W; ow++ {
							rr[ow] = 0
						}
					}
				}
			}
		}
	}
}

// owRange returns [lo, hi) of output columns ow with 0 <= ow*s+off < W.
func owRange(off, s, W, Wo int) (int, int) {
	lo := 0
	if off < 0 {
		lo = (-off + s - 1) / s
	}
	hi := 0
	if W-off > 0 {
		hi = (W - off + s - 1) / s
	}
	lo, hi = min(lo, Wo), min(hi, Wo)
	if hi < lo {
		hi = lo
	}
	return lo, hi
}

// col2im accumulates the patch matrix col into the image group x.
func col2im[T floatElem](q *convGeom, col, x []T) {
	H, W, Ho, Wo := q.H, q.W, q.Ho, q.Wo
	r := 0
	for c := 0; c < q.cg(); c++ {
		xc := x[c*H*W : (c+1)*H*W]
		for ki := 0; ki < q.kh; ki++ {
			for kj := 0; kj < q.kw; kj++ {
				row := col[r*Ho*Wo : (r+1)*Ho*Wo]
				r++
				off := kj*q.dw - q.pw
				lo, hi := owRange(off, q.sw, W, Wo)
				for oh := 0; oh < Ho; oh++ {
					ih := oh*q.sh - q.ph + ki*q.dh
					if ih < 0 || ih >= H {
						continue
					}
					src := row[oh*Wo : (oh+1)*Wo]
					dst := xc[ih*W : (ih+1)*W]
					if q.sw == 1 {
						d := dst[lo+off : hi+off]
						s := src[lo:hi]
						for i := range d {
							d[i] += s[i]
						}
					} else {
						for ow := lo; ow < hi; ow++ {
							dst[ow*q.sw+off] += src[ow]
						}
					}
				}
			}
		}
	}
}

// isPointwise: 1x1 kernel, stride 1, no padding: the image is its own
// patch matrix.
func (q *convGeom) isPointwise() bool {
	return q.kh == 1 && q.kw == 1 && q.sh == 1 && q.sw == 1 && q.ph == 0 && q.pw == 0
}

// perImage runs fn for every image, over goroutines when the per-image
// products are too small for the GEMM to split them itself.
func (q *convGeom) perImage(rt *Runtime, flops int, fn func(worker, lo, hi int) error) error {
	if q.parallel(rt, flops) {
		w := int32(-1)
		return parallelRange(rt, q.N, func(lo, hi int) error {
			return fn(int(atomic.AddInt32(&w, 1)), lo, hi)
		})
	}
	return fn(0, 0, q.N)
}

func (q *convGeom) parallel(rt *Runtime, flops int) bool {
	return q.N >= 2 && rt.threads() > 1 && flops < 96*96*96
}

func (q *convGeom) workers(rt *Runtime, flops int) int {
	if q.parallel(rt, flops) {
		return min(rt.threads(), q.N)
	}
	return 1
}

// scratch returns a buffer of n elements of T (recycled through the
// storage pool for large sizes); its contents are unspecified.
func scratch[T floatElem](n int) []T {
	var z T
	if _, ok := any(z).(float32); ok {
		return allocStorage(Float32, n, false).data.([]T)
	}
	return allocStorage(Float64, n, false).data.([]T)
}

// tileT and microT reach the GEMM's micro-kernel for T.
func tileT[T floatElem]() (int, int) {
	var z T
	if _, ok := any(z).(float32); ok {
		return gemm.Tile32()
	}
	return gemm.Tile64()
}

func microT[T floatElem](k int, a, b []T, bs int, c []T, ldc int) {
	switch av := any(a).(type) {
	case []float32:
		gemm.Micro32(k, av, any(b).([]float32), bs, any(c).([]float32), ldc, false)
	case []float64:
		gemm.Micro64(k, av, any(b).([]float64), bs, any(c).([]float64), ldc, false)
	}
}

// tileStarts are the starts of tiles of size t covering [0, n) (n >= t);
// the last tile is moved back to end at n, overlapping its neighbour (the
// overlap is computed twice, with identical results).
func tileStarts(n, t int) []int {
	var s []int
	for i := 0; i+t <= n; i += t {
		s = append(s, i)
	}
	if n%t != 0 {
		s = append(s, n-t)
	}
	return s
}

// convDirect computes the forward convolution with the GEMM's
// micro-kernel reading the im2col rows in place: no B packing, the bias as
// one more row of ones, C written straight into y. It needs at least mr
// output channels per group and nr output pixels.
func convDirect[T floatElem](rt *Runtime, q *convGeom, x, w, bias, y []T) error {
	K, HW, HoWo, cg, cog := q.K(), q.H*q.W, q.Ho*q.Wo, q.cg(), q.cog()
	mr, nr := tileT[T]()
	Kb := K
	if bias != nil {
		Kb++
	}
	rows, cols := tileStarts(cog, mr), tileStarts(HoWo, nr)
	// packed weight panels: per group and row tile, Kb groups of mr values
	panels := make([]T, q.g*len(rows)*Kb*mr)
	for g := 0; g < q.g; g++ {
		for ti, r0 := range rows {
			pnl := panels[(g*len(rows)+ti)*Kb*mr:]
			for i := 0; i < mr; i++ {
				o := g*cog + r0 + i
				for p := 0; p < K; p++ {
					pnl[p*mr+i] = w[o*K+p]
				}
				if bias != nil {
					pnl[K*mr+i] = bias[o]
				}
			}
		}
	}
	// rows of the patch matrix are padded by a cache line so that a
	// power-of-two Ho*Wo does not put every row in the same cache set
	qq := *q
	qq.ld = HoWo + 64/int(unsafe.Sizeof(T(0)))
	q, ld := &qq, qq.ld
	return q.perImage(rt, cog*K*HoWo, func(_, lo, hi int) error {
		col := scratch[T](Kb * ld)
		if bias != nil {
			fillT(col[K*ld:K*ld+HoWo], 1)
		}
		for n := lo; n < hi; n++ {
			for g := 0; g < q.g; g++ {
				im2col(q, x[(n*q.C+g*cg)*HW:(n*q.C+(g+1)*cg)*HW], col)
				yg := y[(n*q.Co+g*cog)*HoWo : (n*q.Co+(g+1)*cog)*HoWo]
				for ti, r0 := range rows {
					pnl := panels[(g*len(rows)+ti)*Kb*mr : (g*len(rows)+ti+1)*Kb*mr]
					for _, j0 := range cols {
						microT(Kb, pnl, col[j0:], ld, yg[r0*HoWo+j0:], HoWo)
					}
				}
			}
			if rt.interrupted() {
				return ErrInterrupted
			}
		}
		return nil
	})
}

// convF computes y = F(x, w) (+ bias) for contiguous x (N,C,H,W) and w
// (Co,Cg,kh,kw); y need not be initialised.
func convF[T floatElem](rt *Runtime, q *convGeom, x, w, bias, y []T) error {
	K, HW, HoWo, cg, cog := q.K(), q.H*q.W, q.Ho*q.Wo, q.cg(), q.cog()
	if mr, nr := tileT[T](); !q.isPointwise() && cog >= mr && HoWo >= nr && K > 0 && K <= 512 {
		return convDirect(rt, q, x, w, bias, y)
	}
	stop := rt.CancelFlag()
	return q.perImage(rt, cog*K*HoWo, func(_, lo, hi int) error {
		var col []T
		if !q.isPointwise() {
			col = scratch[T](K * HoWo)
		}
		for n := lo; n < hi; n++ {
			for g := 0; g < q.g; g++ {
				xg := x[(n*q.C+g*cg)*HW : (n*q.C+(g+1)*cg)*HW]
				c := xg
				if col != nil {
					im2col(q, xg, col)
					c = col
				}
				yg := y[(n*q.Co+g*cog)*HoWo : (n*q.Co+(g+1)*cog)*HoWo]
				var beta T
				if bias != nil {
					for o := 0; o < cog; o++ {
						fillT(yg[o*HoWo:(o+1)*HoWo], bias[g*cog+o])
					}
					beta = 1
				}
				if !gemmT(stop, false, false, cog, HoWo, K, 1, w[g*cog*K:(g+1)*cog*K], K, c, HoWo, beta, yg, HoWo) {
					return ErrInterrupted
				}
			}
			if rt.interrupted() {
				return ErrInterrupted
			}
		}
		return nil
	})
}

// convGx computes dx = Gx(gy, w): gy (N,Co,Ho,Wo) -> dx (N,C,H,W), dx zeroed.
func convGx[T floatElem](rt *Runtime, q *convGeom, gy, w, dx []T) error {
	K, HW, HoWo, cg, cog := q.K(), q.H*q.W, q.Ho*q.Wo, q.cg(), q.cog()
	stop := rt.CancelFlag()
	return q.perImage(rt, cog*K*HoWo, func(_, lo, hi int) error {
		var col []T
		if !q.isPointwise() {
			col = make([]T, K*HoWo)
		}
		for n := lo; n < hi; n++ {
			for g := 0; g < q.g; g++ {
				xg := dx[(n*q.C+g*cg)*HW : (n*q.C+(g+1)*cg)*HW]
				c := xg
				if col != nil {
					c = col
				}
				gg := gy[(n*q.Co+g*cog)*HoWo : (n*q.Co+(g+1)*cog)*HoWo]
				if !gemmT(stop, true, false, K, HoWo, cog, 1, w[g*cog*K:(g+1)*cog*K], K, gg, HoWo, 0, c, HoWo) {
					return ErrInterrupted
				}
				if col != nil {
					col2im(q, col, xg)
				}
			}
			if rt.interrupted() {
				return ErrInterrupted
			}
		}
		return nil
	})
}

// convGw computes dw = Gw(x, gy) (Co,Cg,kh,kw).
func convGw[T floatElem](rt *Runtime, q *convGeom, x, gy, dw []T) error {
	K, HW, HoWo, cg, cog := q.K(), q.H*q.W, q.Ho*q.Wo, q.cg(), q.cog()
	stop := rt.CancelFlag()
	nw := q.workers(rt, cog*K*HoWo)
	acc := make([][]T, nw)
	acc[0] = dw
	for i := 1; i < nw; i++ {
		acc[i] = make([]T, len(dw))
	}
	err := q.perImage(rt, cog*K*HoWo, func(wk, lo, hi int) error {
		a := acc[wk]
		var col []T
		if !q.isPointwise() {
			col = make([]T, K*HoWo)
		}
		for n := lo; n < hi; n++ {
			for g := 0; g < q.g; g++ {
				xg := x[(n*q.C+g*cg)*HW : (n*q.C+(g+1)*cg)*HW]
				c := xg
				if col != nil {
					im2col(q, xg, col)
					c = col
				}
				gg := gy[(n*q.Co+g*cog)*HoWo : (n*q.Co+(g+1)*cog)*HoWo]
				if !gemmT(stop, false, true, cog, K, HoWo, 1, gg, HoWo, c, HoWo, 1, a[g*cog*K:(g+1)*cog*K], K) {
					return ErrInterrupted
				}
			}
			if rt.interrupted() {
				return ErrInterrupted
			}
		}
		return nil
	})
	for i := 1; i < nw; i++ {
		for j, v := range acc[i] {
			dw[j] += v
		}
	}
	return err
}

// convArgs holds a convolution's normalized parameters, always 2-D.
type convArgs struct {
	nd                          int // spatial dims of the call (1 or 2)
	stride, pad, dil, outPad    [2]int
	transposed                  bool
	groups                      int
	strideL, padL, dilL, opadL  []int
	weightShape, inputShapeOrig []int
}

func expandParam(name string, v []int, nd int) ([2]int, error) {
	var out [2]int
	if len(v) == 1 && nd == 2 {
		v = []int{v[0], v[0]}
	}
	if len(v) != nd {
		return out, fmt.Errorf("expected %s to be a single integer value or a list of %d values to match the convolution dimensions, but got %s=%s", name, nd, name, fmtShape(v))
	}
	if nd == 1 {
		return [2]int{0, v[0]}, nil
	}
	return [2]int{v[0], v[1]}, nil
}

// planes views a (N,C,L) or (N,C,H,W) tensor as (N,C,H,W) contiguous.
func planes(t *Tensor) *Tensor {
	t = t.contig()
	if len(t.shape) == 3 {
		return t.makeView([]int{t.shape[0], t.shape[1], 1, t.shape[2]}, contiguousStrides([]int{t.shape[0], t.shape[1], 1, t.shape[2]}), t.offset)
	}
	return t
}

func convolutionKernel(rt *Runtime, x, w, b *Tensor, strideL, padL, dilL []int, transposed bool, opadL []int, groups int) (*Tensor, error) {
	nd := len(w.shape) - 2
	if nd < 1 || nd > 2 {
		return nil, fmt.Errorf("convolution: only 1-d and 2-d convolutions are supported, got weight of size %s", fmtShape(w.shape))
	}
	if len(x.shape) != nd+2 {
		return nil, fmt.Errorf("Expected %d-dimensional input for %d-dimensional weight %s, but got %d-dimensional input of size %s instead", nd+2, nd+2, fmtShape(w.shape), len(x.shape), fmtShape(x.shape))
	}
	if !x.dtype.IsFloat() {
		return nil, fmt.Errorf("\"slow_conv2d_cpu\" not implemented for '%s'", x.dtype.ScalarTypeName())
	}
	if x.dtype != w.dtype {
		return nil, fmt.Errorf("Input type (%s) and weight type (%s) should be the same", x.dtype.TypeName(), w.dtype.TypeName())
	}
	stride, err := expandParam("stride", strideL, nd)
	if err != nil {
		return nil, err
	}
	pad, err := expandParam("padding", padL, nd)
	if err != nil {
		return nil, err
	}
	dil, err := expandParam("dilation", dilL, nd)
	if err != nil {
		return nil, err
	}
	opad, err := expandParam("output_padding", opadL, nd)
	if err != nil {
		return nil, err
	}
	for i := 0; i < 2; i++ {
		if stride[i] <= 0 && (nd == 2 || i == 1) {
			return nil, fmt.Errorf("non-positive stride is not supported")
		}
		if pad[i] < 0 {
			return nil, fmt.Errorf("negative padding is not supported")
		}
		if opad[i] < 0 {
			return nil, fmt.Errorf("negative output_padding is not supported")
		}
		if dil[i] <= 0 && (nd == 2 || i == 1) {
			return nil, fmt.Errorf("dilation should be greater than zero")
		}
	}
	if nd == 1 {
		stride[0], dil[0] = 1, 1
	}
	if groups <= 0 {
		return nil, fmt.Errorf("non-positive groups is not supported")
	}
	if w.shape[0]%groups != 0 && !transposed {
		return nil, fmt.Errorf("Given groups=%d, expected weight to be divisible by %d at dimension 0, but got weight of size [%s] instead", groups, groups, fmtShape(w.shape))
	}
	N := x.shape[0]
	xp, wp := planes(x), planes(w)
	H, W := xp.shape[2], xp.shape[3]
	kh, kw := wp.shape[2], wp.shape[3]
	var q convGeom
	if !transposed {
		if x.shape[1] != w.shape[1]*groups {
			return nil, fmt.Errorf("Given groups=%d, weight of size %s, expected input%s to have %d channels, but got %d channels instead", groups, fmtShape(w.shape), fmtShape(x.shape), w.shape[1]*groups, x.shape[1])
		}
		if b != nil && (len(b.shape) != 1 || b.shape[0] != w.shape[0]) {
			return nil, fmt.Errorf("Given weight of size %s, expected bias to be 1-dimensional with %d elements, but got bias of size %s instead", fmtShape(w.shape), w.shape[0], fmtShape(b.shape))
		}
		eh, ew := dil[0]*(kh-1)+1, dil[1]*(kw-1)+1
		if H+2*pad[0] < eh || W+2*pad[1] < ew {
			if nd == 1 {
				return nil, fmt.Errorf("Calculated padded input size per channel: (%d). Kernel size: (%d). Kernel size can't be greater than actual input size", W+2*pad[1], ew)
			}
			return nil, fmt.Errorf("Calculated padded input size per channel: (%d x %d). Kernel size: (%d x %d). Kernel size can't be greater than actual input size", H+2*pad[0], W+2*pad[1], eh, ew)
		}
		q = convGeom{N: N, C: x.shape[1], H: H, W: W, Co: w.shape[0], kh: kh, kw: kw,
			sh: stride[0], sw: stride[1], ph: pad[0], pw: pad[1], dh: dil[0], dw: dil[1], g: groups}
		q.Ho = (H+2*pad[0]-eh)/stride[0] + 1
		q.Wo = (W+2*pad[1]-ew)/stride[1] + 1
	} else {
		if x.shape[1] != w.shape[0] {
			return nil, fmt.Errorf("Given transposed=1, weight of size %s, expected input%s to have %d channels, but got %d channels instead", fmtShape(w.shape), fmtShape(x.shape), w.shape[0], x.shape[1])
		}
		if w.shape[0]%groups != 0 {
			return nil, fmt.Errorf("Given groups=%d, expected weight to be divisible by %d at dimension 0, but got weight of size [%s] instead", groups, groups, fmtShape(w.shape))
		}
		co := w.shape[1] * groups
		if b != nil && (len(b.shape) != 1 || b.shape[0] != co) {
			return nil, fmt.Errorf("Given transposed=1, weight of size %s, expected bias to be 1-dimensional with %d elements, but got bias of size %s instead", fmtShape(w.shape), co, fmtShape(b.shape))
		}
		for i := 0; i < 2; i++ {
			if (nd == 2 || i == 1) && opad[i] >= stride[i] && opad[i] >= dil[i] {
				if nd == 1 {
					return nil, fmt.Errorf("output padding must be smaller than either stride or dilation, but got output_padding_width: %d stride_width: %d dilation_width: %d", opad[1], stride[1], dil[1])
				}
				return nil, fmt.Errorf("output padding must be smaller than either stride or dilation, but got output_padding_height: %d output_padding_width: %d stride_height: %d stride_width: %d dilation_height: %d dilation_width: %d", opad[0], opad[1], stride[0], stride[1], dil[0], dil[1])
			}
		}
		// the transposed convolution is Gx of a forward convolution from
		// (N, co, Hout, Wout) to (N, Cin, H, W)
		Hout := (H-1)*stride[0] - 2*pad[0] + dil[0]*(kh-1) + opad[0] + 1
		Wout := (W-1)*stride[1] - 2*pad[1] + dil[1]*(kw-1) + opad[1] + 1
		if Hout <= 0 || Wout <= 0 {
			return nil, fmt.Errorf("Given input size per channel: (%d x %d). Calculated output size per channel: (%d x %d). Output size is too small", H, W, Hout, Wout)
		}
		q = convGeom{N: N, C: co, H: Hout, W: Wout, Co: x.shape[1], Ho: H, Wo: W, kh: kh, kw: kw,
			sh: stride[0], sw: stride[1], ph: pad[0], pw: pad[1], dh: dil[0], dw: dil[1], g: groups}
	}
	var out *Tensor
	if !transposed {
		out = newTensorNoInit(x.dtype, []int{N, q.Co, q.Ho, q.Wo})
		if q.K() == 0 {
			out = newTensor(x.dtype, out.shape)
		}
		if N > 0 && q.Co > 0 {
			var bc *Tensor
			if b != nil {
				bc = b.castTo(x.dtype).contig()
			}
			if x.dtype == Float32 {
				var bd []float32
				if bc != nil {
					bd = dataOf[float32](bc)
				}
				err = convF(rt, &q, dataOf[float32](xp), dataOf[float32](wp), bd, dataOf[float32](out))
			} else {
				var bd []float64
				if bc != nil {
					bd = dataOf[float64](bc)
				}
				err = convF(rt, &q, dataOf[float64](xp), dataOf[float64](wp), bd, dataOf[float64](out))
			}
		}
		b = nil // added by convF
	} else {
		out = newTensor(x.dtype, []int{N, q.C, q.H, q.W})
		if N > 0 && q.C > 0 {
			if x.dtype == Float32 {
				err = convGx(rt, &q, dataOf[float32](xp), dataOf[float32](wp), dataOf[float32](out))
			} else {
				err = convGx(rt, &q, dataOf[float64](xp), dataOf[float64](wp), dataOf[float64](out))
			}
		}
	}
	if err != nil {
		return nil, err
	}
	if b != nil {
		addChannelBias(out, b.castTo(out.dtype).contig())
	}
	if nd == 1 {
		out = out.makeView([]int{out.shape[0], out.shape[1], out.shape[3]}, contiguousStrides([]int{out.shape[0], out.shape[1], out.shape[3]}), 0)
	}
	return out, nil
}

// addChannelBias adds b[c] to every element of channel c of a contiguous (N,C,...) tensor.
func addChannelBias(out, b *Tensor) {
	N, C := out.shape[0], out.shape[1]
	S := 1
	for _, s := range out.shape[2:] {
		S *= s
	}
	if out.dtype == Float32 {
		o, bd := dataOf[float32](out), dataOf[float32](b)
		for n := 0; n < N; n++ {
			for c := 0; c < C; c++ {
				r := o[(n*C+c)*S : (n*C+c+1)*S]
				v := bd[c]
				for i := range r {
					r[i] += v
				}
			}
		}
		return
	}
	o, bd := dataOf[float64](out), dataOf[float64](b)
	for n := 0; n < N; n++ {
		for c := 0; c < C; c++ {
			r := o[(n*C+c)*S : (n*C+c+1)*S]
			v := bd[c]
			for i := range r {
				r[i] += v
			}
		}
	}
}

// convGradWeightKernel computes Gw(x, gy) for a forward convolution of x
// with a weight of shape wshape.
func convGradWeightKernel(rt *Runtime, x, gy *Tensor, wshape, strideL, padL, dilL []int, groups int) (*Tensor, error) {
	nd := len(wshape) - 2
	stride, _ := expandParam("stride", strideL, nd)
	pad, _ := expandParam("padding", padL, nd)
	dil, _ := expandParam("dilation", dilL, nd)
	if nd == 1 {
		stride[0], dil[0] = 1, 1
	}
	if x.dtype != gy.dtype {
		return nil, fmt.Errorf("expected scalar type %s but found %s", x.dtype.ScalarTypeName(), gy.dtype.ScalarTypeName())
	}
	xp, gp := planes(x), planes(gy)
	w4 := wshape
	if nd == 1 {
		w4 = []int{wshape[0], wshape[1], 1, wshape[2]}
	}
	q := convGeom{N: xp.shape[0], C: xp.shape[1], H: xp.shape[2], W: xp.shape[3], Co: w4[0], Ho: gp.shape[2], Wo: gp.shape[3],
		kh: w4[2], kw: w4[3], sh: stride[0], sw: stride[1], ph: pad[0], pw: pad[1], dh: dil[0], dw: dil[1], g: groups}
	out := newTensor(x.dtype, wshape)
	if q.N == 0 {
		return out, nil
	}
	var err error
	if x.dtype == Float32 {
		err = convGw(rt, &q, dataOf[float32](xp), dataOf[float32](gp), dataOf[float32](out))
	} else {
		err = convGw(rt, &q, dataOf[float64](xp), dataOf[float64](gp), dataOf[float64](out))
	}
	return out, err
}

// gradOutPadding is the output_padding that makes the transposed
// convolution of a (.., Ho) gradient come back to size H.
func gradOutPadding(inSize, outSize, k []int, stride, pad, dil []int) []int {
	nd := len(inSize)
	op := make([]int, nd)
	get := func(v []int, i int) int {
		if len(v) == 1 {
			return v[0]
		}
		return v[i]
	}
	for i := 0; i < nd; i++ {
		op[i] = inSize[i] - ((outSize[i]-1)*get(stride, i) - 2*get(pad, i) + get(dil, i)*(k[i]-1) + 1)
	}
	return op
}

var (
	opConvolution = Register(OpDef{
		Schema: "convolution(Tensor input, Tensor weight, Tensor? bias, int[] stride, int[] padding, int[] dilation, bool transposed, int[] output_padding, int groups) -> Tensor",
		Kernel: func(rt *Runtime, a Args) ([]*Tensor, error) {
			return one(convolutionKernel(rt, a.T(0), a.T(1), a.T(2), a.Is(3), a.Is(4), a.Is(5), a.B(6), a.Is(7), a.I(8)))
		},
		Backward: func(c *BackwardCtx, g []*Tensor) ([]*Tensor, error) {
			f := NewF(c.RT)
			x, w, b := c.Args.T(0), c.Args.T(1), c.Args.T(2)
			stride, pad, dil, transposed, groups := c.Args.Is(3), c.Args.Is(4), c.Args.Is(5), c.Args.B(6), c.Args.I(8)
			gy := g[0]
			nd := len(w.shape) - 2
			var gx, gw, gb *Tensor
			if !transposed {
				if c.NeedsGrad(0) {
					op := gradOutPadding(x.shape[2:], gy.shape[2:], w.shape[2:], stride, pad, dil)
					gx = f.Op(registry["aten::convolution"], gy, w, nil, stride, pad, dil, true, op, groups)
				}
				if c.NeedsGrad(1) {
					gw = f.Op(registry["aten::_conv_grad_weight"], x, gy, w.shape, stride, pad, dil, groups)
				}
			} else {
				// y = Gx(x, w): dx = F(gy, w), dw = Gw(gy, x)
				if c.NeedsGrad(0) {
					gx = f.Op(registry["aten::convolution"], gy, w, nil, stride, pad, dil, false, make([]int, nd), groups)
				}
				if c.NeedsGrad(1) {
					gw = f.Op(registry["aten::_conv_grad_weight"], gy, x, w.shape, stride, pad, dil, groups)
				}
			}
			if b != nil && c.NeedsGrad(2) {
				dims := []int{0}
				for i := 2; i < len(gy.shape); i++ {
					dims = append(dims, i)
				}
				gb = f.SumDim(gy, dims, false)
			}
			return f.Ret(gx, gw, gb)
		},
		GradFn: "ConvolutionBackward0", Saves: []string{"input", "weight"},
	})
	// _conv_grad_weight(x, gy) is the weight gradient of a forward
	// convolution; <Gw(x, gy), G> = <gy, F(x, G)>.
	opConvGradWeight = Register(OpDef{
		Schema: "_conv_grad_weight(Tensor input, Tensor grad_output, int[] weight_size, int[] stride, int[] padding, int[] dilation, int groups) -> Tensor",
		Kernel: func(rt *Runtime, a Args) ([]*Tensor, error) {
			return one(convGradWeightKernel(rt, a.T(0), a.T(1), a.Is(2), a.Is(3), a.Is(4), a.Is(5), a.I(6)))
		},
		Backward: func(c *BackwardCtx, g []*Tensor) ([]*Tensor, error) {
			f := NewF(c.RT)
			x, gy := c.Args.T(0), c.Args.T(1)
			stride, pad, dil, groups := c.Args.Is(3), c.Args.Is(4), c.Args.Is(5), c.Args.I(6)
			G := g[0]
			var gx, ggy *Tensor
			if c.NeedsGrad(0) {
				op := gradOutPadding(x.shape[2:], gy.shape[2:], G.shape[2:], stride, pad, dil)
				gx = f.Op(registry["aten::convolution"], gy, G, nil, stride, pad, dil, true, op, groups)
			}
			if c.NeedsGrad(1) {
				ggy = f.Op(registry["aten::convolution"], x, G, nil, stride, pad, dil, false, make([]int, len(G.shape)-2), groups)
			}
			return f.Ret(gx, ggy)
		},
		GradFn: "ConvolutionBackwardBackward0", Saves: []string{"input", "grad_output"},
	})
)

// convFront is the shared front of conv1d/conv2d/conv_transpose: the
// unbatched form and the string paddings.
func convFront(rt *Runtime, name string, nd int, x, w, b *Tensor, stride []int, pad any, dil []int, transposed bool, opad []int, groups int) (*Tensor, error) {
	if len(x.shape) != nd+1 && len(x.shape) != nd+2 {
		return nil, fmt.Errorf("Expected %dD (unbatched) or %dD (batched) input to %s, but got input of size: %s", nd+1, nd+2, name, fmtShape(x.shape))
	}
	f := NewF(rt)
	unbatched := len(x.shape) == nd+1
	if unbatched {
		x = f.Unsqueeze(x, 0)
	}
	var padL []int
	switch p := pad.(type) {
	case []int:
		padL = p
	case string:
		switch p {
		case "valid":
			padL = make([]int, nd)
		case "same":
			for _, s := range stride {
				if s != 1 {
					return nil, fmt.Errorf("padding='same' is not supported for strided convolutions")
				}
			}
			padL = make([]int, nd)
			var extra []int // F.pad list, last dim first
			asym := false
			for i := 0; i < nd; i++ {
				d := dil[0]
				if len(dil) > 1 {
					d = dil[i]
				}
				k := 0
				if i+2 < len(w.shape) {
					k = w.shape[i+2]
				}
				total := d * (k - 1)
				lp := total / 2
				padL[i] = lp
				if total%2 != 0 {
					asym = true
				}
			}
			if asym {
				for i := nd - 1; i >= 0; i-- {
					d := dil[0]
					if len(dil) > 1 {
						d = dil[i]
					}
					total := d * (w.shape[i+2] - 1)
					extra = append(extra, 0, total-2*(total/2))
				}
				x = f.Call("constant_pad_nd", x, extra, 0)
			}
		default:
			return nil, fmt.Errorf("Invalid padding string: '%s'", p)
		}
	}
	if f.Err() != nil {
		return nil, f.Err()
	}
	if len(opad) == 0 {
		opad = make([]int, nd)
	}
	y := f.Op(opConvolution, x, w, optT(b), stride, padL, dil, transposed, opad, groups)
	if unbatched {
		y = f.Call("squeeze.dim", y, 0)
	}
	if f.Err() != nil {
		return nil, f.Err()
	}
	return y, nil
}

func init() {
	for _, nd := range []int{1, 2} {
		nd := nd
		name := fmt.Sprintf("conv%dd", nd)
		Register(OpDef{
			Schema:    fmt.Sprintf("%s(Tensor input, Tensor weight, Tensor? bias=None, int[%d] stride=1, int[%d] padding=0, int[%d] dilation=1, int groups=1) -> Tensor", name, nd, nd, nd),
			Composite: true,
			Kernel: func(rt *Runtime, a Args) ([]*Tensor, error) {
				return one(convFront(rt, name, nd, a.T(0), a.T(1), a.T(2), a.Is(3), a.Is(4), a.Is(5), false, nil, a.I(6)))
			},
		})
		Register(OpDef{
			Schema:    fmt.Sprintf("%s.padding(Tensor input, Tensor weight, Tensor? bias=None, int[%d] stride=1, str padding=\"valid\", int[%d] dilation=1, int groups=1) -> Tensor", name, nd, nd),
			Composite: true,
			Kernel: func(rt *Runtime, a Args) ([]*Tensor, error) {
				return one(convFront(rt, name, nd, a.T(0), a.T(1), a.T(2), a.Is(3), a.Str(4), a.Is(5), false, nil, a.I(6)))
			},
		})
		tname := fmt.Sprintf("conv_transpose%dd", nd)
		Register(OpDef{
			Schema:    fmt.Sprintf("%s.input(Tensor input, Tensor weight, Tensor? bias=None, int[%d] stride=1, int[%d] padding=0, int[%d] output_padding=0, int groups=1, int[%d] dilation=1) -> Tensor", tname, nd, nd, nd, nd),
			Composite: true,
			Kernel: func(rt *Runtime, a Args) ([]*Tensor, error) {
				return one(convFront(rt, tname, nd, a.T(0), a.T(1), a.T(2), a.Is(3), a.Is(4), a.Is(7), true, a.Is(5), a.I(6)))
			},
		})
	}
}

// optT passes an optional tensor to F.Op: a nil *Tensor as None.
func optT(t *Tensor) any {
	if t == nil {
		return nil
	}
	return t
}

// im2col / col2im (nnf_unfold / nnf_fold): the patch matrix of a batch,
// (N, C, H, W) <-> (N, C*kh*kw, L); each is the other's adjoint.

// unfoldGeom is the geometry of the patch matrix of (C, H, W) planes.
func unfoldGeom(C, H, W int, k, d, p, s []int) (convGeom, error) {
	kh, kw := pair(k, nil)
	dh, dw := pair(d, nil)
	ph, pw := pair(p, nil)
	sh, sw := pair(s, nil)
	if kh <= 0 || kw <= 0 {
		return convGeom{}, fmt.Errorf("kernel size should be greater than zero, but got kernel_height: %d kernel_width: %d", kh, kw)
	}
	if sh <= 0 || sw <= 0 {
		return convGeom{}, fmt.Errorf("stride should be greater than zero, but got stride_height: %d stride_width: %d", sh, sw)
	}
	if dh <= 0 || dw <= 0 {
		return convGeom{}, fmt.Errorf("dilation should be greater than zero, but got dilation_height: %d dilation_width: %d", dh, dw)
	}
	if ph < 0 || pw < 0 {
		return convGeom{}, fmt.Errorf("padding should be non-negative, but got pad_height: %d pad_width: %d", ph, pw)
	}
	q := convGeom{N: 1, C: C, H: H, W: W, Co: 1, kh: kh, kw: kw, sh: sh, sw: sw, ph: ph, pw: pw, dh: dh, dw: dw, g: 1}
	q.Ho = (H+2*ph-(dh*(kh-1)+1))/sh + 1
	q.Wo = (W+2*pw-(dw*(kw-1)+1))/sw + 1
	return q, nil
}

func im2colKernel(x *Tensor, k, d, p, s []int) (*Tensor, error) {
	unbatched := len(x.shape) == 3
	if !unbatched && len(x.shape) != 4 {
		return nil, fmt.Errorf("Expected 3D or 4D (batch mode) tensor for input with possibly 0 batch size and non-zero dimensions for input, but got: %s", fmtShape(x.shape))
	}
	if !x.dtype.IsFloat() {
		return nil, fmt.Errorf("\"im2col_out_cpu\" not implemented for '%s'", x.dtype.ScalarTypeName())
	}
	xp := x.contig()
	if unbatched {
		xp = xp.makeView(append([]int{1}, x.shape...), contiguousStrides(append([]int{1}, x.shape...)), xp.offset)
	}
	N, C, H, W := xp.shape[0], xp.shape[1], xp.shape[2], xp.shape[3]
	q, err := unfoldGeom(C, H, W, k, d, p, s)
	if err != nil {
		return nil, err
	}
	if q.Ho < 1 || q.Wo < 1 {
		return nil, fmt.Errorf("Given input with spatial size (%d, %d), kernel_size=(%d, %d), dilation=(%d, %d), padding=(%d, %d), calculated shape of the array of sliding blocks as (%d, %d), but its components must be at least one.", H, W, q.kh, q.kw, q.dh, q.dw, q.ph, q.pw, q.Ho, q.Wo)
	}
	K, L := q.K(), q.Ho*q.Wo
	out := newTensor(x.dtype, []int{N, K, L})
	for n := 0; n < N; n++ {
		if x.dtype == Float32 {
			im2col(&q, dataOf[float32](xp)[n*C*H*W:(n+1)*C*H*W], rawData[float32](out)[n*K*L:(n+1)*K*L])
		} else {
			im2col(&q, dataOf[float64](xp)[n*C*H*W:(n+1)*C*H*W], rawData[float64](out)[n*K*L:(n+1)*K*L])
		}
	}
	if unbatched {
		out = out.makeView([]int{K, L}, contiguousStrides([]int{K, L}), 0)
	}
	return out, nil
}

func col2imKernel(x *Tensor, size, k, d, p, s []int) (*Tensor, error) {
	unbatched := len(x.shape) == 2
	if !unbatched && len(x.shape) != 3 {
		return nil, fmt.Errorf("Expected 2D or 3D (batch mode) tensor for input with possibly 0 batch size and non-zero dimensions for input, but got: %s", fmtShape(x.shape))
	}
	if !x.dtype.IsFloat() {
		return nil, fmt.Errorf("\"col2im_out_cpu\" not implemented for '%s'", x.dtype.ScalarTypeName())
	}
	if len(size) != 2 {
		return nil, fmt.Errorf("It is expected output_size equals to 2, but got size %d", len(size))
	}
	xp := x.contig()
	if unbatched {
		xp = xp.makeView(append([]int{1}, x.shape...), contiguousStrides(append([]int{1}, x.shape...)), xp.offset)
	}
	N, KC, L := xp.shape[0], xp.shape[1], xp.shape[2]
	kh, kw := pair(k, nil)
	if kh <= 0 || kw <= 0 || KC%(kh*kw) != 0 {
		return nil, fmt.Errorf("Expected size of input's dimension 1 to be divisible by the product of kernel_size, but got input.size(1)=%d and kernel_size=(%d, %d).", KC, kh, kw)
	}
	C := KC / (kh * kw)
	q, err := unfoldGeom(C, size[0], size[1], k, d, p, s)
	if err != nil {
		return nil, err
	}
	if q.Ho*q.Wo != L {
		return nil, fmt.Errorf("Given output_size=(%d, %d), kernel_size=(%d, %d), dilation=(%d, %d), padding=(%d, %d), stride=(%d, %d), expected size of input's dimension 2 to match the calculated number of sliding blocks %d * %d = %d, but got input.size(2)=%d.", size[0], size[1], q.kh, q.kw, q.dh, q.dw, q.ph, q.pw, q.sh, q.sw, q.Ho, q.Wo, q.Ho*q.Wo, L)
	}
	HW := size[0] * size[1]
	out := newTensor(x.dtype, []int{N, C, size[0], size[1]})
	for n := 0; n < N; n++ {
		if x.dtype == Float32 {
			col2im(&q, dataOf[float32](xp)[n*KC*L:(n+1)*KC*L], rawData[float32](out)[n*C*HW:(n+1)*C*HW])
		} else {
			col2im(&q, dataOf[float64](xp)[n*KC*L:(n+1)*KC*L], rawData[float64](out)[n*C*HW:(n+1)*C*HW])
		}
	}
	if unbatched {
		out = out.makeView([]int{C, size[0], size[1]}, contiguousStrides([]int{C, size[0], size[1]}), 0)
	}
	return out, nil
}

var (
	opIm2col = Register(OpDef{
		Schema: "im2col(Tensor self, int[2] kernel_size, int[2] dilation, int[2] padding, int[2] stride) -> Tensor",
		Kernel: func(rt *Runtime, a Args) ([]*Tensor, error) {
			return one(im2colKernel(a.T(0), a.Is(1), a.Is(2), a.Is(3), a.Is(4)))
		},
		Backward: func(c *BackwardCtx, g []*Tensor) ([]*Tensor, error) {
			f := NewF(c.RT)
			x := c.Args.T(0)
			return f.Ret(f.Op(registry["aten::col2im"], g[0], x.shape[len(x.shape)-2:], c.Args.Is(1), c.Args.Is(2), c.Args.Is(3), c.Args.Is(4)))
		},
		GradFn: "Im2ColBackward0",
	})
	opCol2im = Register(OpDef{
		Schema: "col2im(Tensor self, int[2] output_size, int[2] kernel_size, int[2] dilation, int[2] padding, int[2] stride) -> Tensor",
		Kernel: func(rt *Runtime, a Args) ([]*Tensor, error) {
			return one(col2imKernel(a.T(0), a.Is(1), a.Is(2), a.Is(3), a.Is(4), a.Is(5)))
		},
		Backward: func(c *BackwardCtx, g []*Tensor) ([]*Tensor, error) {
			f := NewF(c.RT)
			return f.Ret(f.Op(opIm2col, g[0], c.Args.Is(2), c.Args.Is(3), c.Args.Is(4), c.Args.Is(5)))
		},
		GradFn: "Col2ImBackward0",
	})
)
