package tensor

import (
	"torchr/tensor/internal/gemm"
)

// Entry points for compiled graphs (package trace): raw float32 buffers,
// fused linear + bias + activation into a preallocated output, and the
// SIMD elementwise kernels on slices. They run no hooks, record no
// autograd history and check nothing beyond what they document: callers
// plan shapes up front.

// Activations fused into LinearF32 and applied by ActF32.
const (
	ActNone = iota
	ActRelu
	ActSigmoid
	ActTanh
)

// Float32Data returns the elements of a contiguous float32 tensor, sharing
// its storage (writes are visible in t), or nil if t is not contiguous
// float32.
func Float32Data(t *Tensor) []float32 {
	if t == nil || t.dtype != Float32 || !t.IsContiguous() {
		return nil
	}
	return dataOf[float32](t)
}

// NewFloat32 returns a contiguous float32 tensor whose contents are
// unspecified (it may reuse a recycled buffer).
func NewFloat32(shape ...int) *Tensor { return newTensorNoInit(Float32, shape) }

// Sgemm computes C = alpha*op(A)*op(B) + beta*C on row-major float32
// slices (see internal/gemm); beta == 0 never reads C.
func Sgemm(transA, transB bool, m, n, k int, alpha float32, a []float32, lda int, b []float32, ldb int, beta float32, c []float32, ldc int) {
	gemm.Sgemm(transA, transB, m, n, k, alpha, a, lda, b, ldb, beta, c, ldc)
}

// LinearF32 computes out = act(x @ wᵀ + b) for row-major x (m×k), w (n×k),
// b (n, or nil) and out (m×n). Small batches use dot products along the
// weight rows; larger ones the GEMM, then bias and activation row by row
// while the row is in cache.
func LinearF32(out, x, w, b []float32, m, n, k, act int) {
	if m <= 4 && gemvF32(out, x, w, n, k, k) {
		for i := 1; i < m; i++ {
			gemvF32(out[i*n:(i+1)*n], x[i*k:(i+1)*k], w, n, k, k)
		}
	} else {
		gemm.Sgemm(false, true, m, n, k, 1, x, max(k, 1), w, max(k, 1), 0, out, max(n, 1))
	}
	for i := 0; i < m; i++ {
		row := out[i*n : (i+1)*n]
		if b != nil {
			AddF32(row, row, b[:n])
		}
		ActF32(act, row, row)
	}
}

// AddF32 computes o = a + b elementwise.
func AddF32(o, a, b []float32) { BinF32(0, o, a, b) }

// BinF32 computes o = a op b elementwise (op: 0 add, 1 sub, 2 mul, 3 div).
func BinF32(op int, o, a, b []float32) {
	if simdBinF32(op, o, a, b) {
		return
	}
	b = b[:len(o)]
	for i, x := range a[:len(o)] {
		o[i] = scalarOp(op, x, b[i])
	}
}

// BinScalarF32 computes o = a op s (op: 0 add, 1 sub, 2 mul, 3 div).
func BinScalarF32(op int, o, a []float32, s float32) {
	if simdBinScalarF32(op, o, a, s) {
		return
	}
	for i, x := range a[:len(o)] {
		o[i] = scalarOp(op, x, s)
	}
}

// ActF32 applies an activation (ActNone copies when o and a differ).
func ActF32(act int, o, a []float32) {
	switch act {
	case ActNone:
		if &o[0] != &a[0] {
			copy(o, a)
		}
	case ActRelu:
		UnF32(0, o, a)
	case ActSigmoid:
		UnF32(4, o, a)
	case ActTanh:
		UnF32(5, o, a)
	}
}

// UnF32 computes a unary function elementwise: 0 relu, 1 neg, 2 abs,
// 3 exp, 4 sigmoid, 5 tanh.
func UnF32(op int, o, a []float32) {
	if len(o) == 0 {
		return
	}
	switch op {
	case 0, 1, 2:
		if simdUnF32(op, o, a) {
			return
		}
		for i, x := range a[:len(o)] {
			switch op {
			case 0:
				o[i] = max(x, 0)
			case 1:
				o[i] = -x
			default:
				if x < 0 {
					x = -x
				}
				o[i] = x
			}
		}
	case 3, 4, 5:
		if &o[0] == &a[0] {
			// the SIMD kernels redo out-of-range elements from a: keep a copy
			var buf [256]float32
			for i := 0; i < len(o); i += len(buf) {
				j := min(i+len(buf), len(o))
				copy(buf[:j-i], a[i:j])
				UnF32(op, o[i:j], buf[:j-i])
			}
			return
		}
		if simdTransF32(op-3, o, a) {
			return
		}
		for i, x := range a[:len(o)] {
			switch op {
			case 3:
				o[i] = expF32(x)
			case 4:
				o[i] = sigmoidF32(x)
			default:
				o[i] = tanhF32(x)
			}
		}
	}
}

// BeginOp and EndOp bracket work done on raw slices outside Run (a
// compiled plan): while any op is in flight, recycled buffers are not
// handed out again, and the end of the last one lets buffers of collected
// tensors be reused (see pool.go). Callers must keep the tensors whose
// slices they use reachable until EndOp.
func BeginOp() { opStart() }

// EndOp ends what BeginOp started.
func EndOp() { opEnd() }

// PackedWeight is a linear layer's weight (n×k, nn_linear's layout) packed
// once for the GEMM, for batches of at least PackedMinRows rows.
type PackedWeight struct {
	p    *gemm.PackedB32
	n, k int
}

// PackedMinRows is the smallest batch LinearPackedF32 takes.
const PackedMinRows = 6

// PackLinearWeight packs w (n×k, row-major).
func PackLinearWeight(w []float32, n, k int) *PackedWeight {
	return &PackedWeight{p: gemm.PackB32(true, k, n, w, k), n: n, k: k}
}

// LinearPackedF32 is LinearF32 with a packed weight, on one goroutine. It
// returns false (doing nothing) when the shapes do not suit the packed path.
func LinearPackedF32(out, x []float32, pw *PackedWeight, b []float32, m, act int) bool {
	n := pw.n
	if m < PackedMinRows {
		return false
	}
	if act == ActNone || act == ActRelu {
		// bias and ReLU in the GEMM's epilogue, while C is in registers
		var bias []float32
		if b != nil {
			bias = b[:n]
		}
		return gemm.SgemmPackedBias(m, x, pw.k, pw.p, bias, act == ActRelu, out, n)
	}
	if !gemm.SgemmPacked(m, x, pw.k, pw.p, 0, out, n) {
		return false
	}
	for i := 0; i < m; i++ {
		row := out[i*n : (i+1)*n]
		if b != nil {
			AddF32(row, row, b[:n])
		}
		ActF32(act, row, row)
	}
	return true
}
