package tensor

import (
	"fmt"
	"math"

	"gonum.org/v1/gonum/blas/blas64"
	"gonum.org/v1/gonum/lapack/lapack64"
	"gonum.org/v1/gonum/mat"
)

// Linear algebra of torch.linalg on batches of matrices, computed in
// float64 (float32 inputs are converted and the results cast back): LU
// with partial pivoting here (inverse, det, slogdet, solve, with LAPACK's
// getrf pivoting and singularity reports), gonum for QR and SVD.
// Backward formulas are written with ops (PyTorch's FunctionsManual).

// batchMats returns the float64 matrices of a (..., m, n) tensor.
func batchMats(t *Tensor) (mats [][]float64, batch []int, m, n int) {
	nd := len(t.shape)
	m, n = t.shape[nd-2], t.shape[nd-1]
	batch = t.shape[:nd-2]
	all := t.Float64s()
	B := numelOf(batch)
	mats = make([][]float64, B)
	for b := range mats {
		mats[b] = all[b*m*n : (b+1)*m*n]
	}
	return
}

// fromMats assembles batch matrices (each rows x cols) into a tensor.
func fromMats(mats [][]float64, batch []int, rows, cols int, dt DType) *Tensor {
	all := make([]float64, 0, len(mats)*rows*cols)
	for _, a := range mats {
		all = append(all, a...)
	}
	t, _ := FromFloat64As(dt, all, append(append([]int(nil), batch...), rows, cols)...)
	return t
}

func linalgCheck(t *Tensor, name string, square bool) error {
	if len(t.shape) < 2 {
		return fmt.Errorf("%s: The input tensor A must have at least 2 dimensions.", name)
	}
	if !t.dtype.IsFloat() {
		return fmt.Errorf("%s: Expected a floating point or complex tensor as input. Got %s", name, t.dtype.ScalarTypeName())
	}
	nd := len(t.shape)
	if square && t.shape[nd-1] != t.shape[nd-2] {
		return fmt.Errorf("%s: A must be batches of square matrices, but they are %d by %d matrices", name, t.shape[nd-2], t.shape[nd-1])
	}
	return nil
}

// luDecomp factors a (n x n, row-major, overwritten) as P A = L U with
// LAPACK getrf's partial pivoting. It returns the pivots, the sign of the
// permutation and info (1-based index of the first zero pivot, 0 if none).
func luDecomp(a []float64, n int) (piv []int, sign float64, info int) {
	piv = make([]int, n)
	sign = 1
	for k := 0; k < n; k++ {
		p := k
		mx := math.Abs(a[k*n+k])
		for i := k + 1; i < n; i++ {
			if v := math.Abs(a[i*n+k]); v > mx {
				p, mx = i, v
			}
		}
		piv[k] = p
		if p != k {
			for j := 0; j < n; j++ {
				a[k*n+j], a[p*n+j] = a[p*n+j], a[k*n+j]
			}
			sign = -sign
		}
		if a[k*n+k] == 0 {
			if info == 0 {
				info = k + 1
			}
			continue
		}
		inv := 1 / a[k*n+k]
		for i := k + 1; i < n; i++ {
			l := a[i*n+k] * inv
			a[i*n+k] = l
			if l != 0 {
				for j := k + 1; j < n; j++ {
					a[i*n+j] -= l * a[k*n+j]
				}
			}
		}
	}
	return
}

// luSolve solves A X = B (B n x k row-major, overwritten) from luDecomp's factors.
func luSolve(lu []float64, piv []int, n int, b []float64, k int) {
	for i := 0; i < n; i++ {
		if p := piv[i]; p != i {
			for j := 0; j < k; j++ {
				b[i*k+j], b[p*k+j] = b[p*k+j], b[i*k+j]
			}
		}
	}
	for i := 0; i < n; i++ {
		for r := 0; r < i; r++ {
			l := lu[i*n+r]
			if l != 0 {
				for j := 0; j < k; j++ {
					b[i*k+j] -= l * b[r*k+j]
				}
			}
		}
	}
	for i := n - 1; i >= 0; i-- {
		for r := i + 1; r < n; r++ {
			u := lu[i*n+r]
			if u != 0 {
				for j := 0; j < k; j++ {
					b[i*k+j] -= u * b[r*k+j]
				}
			}
		}
		d := lu[i*n+i]
		for j := 0; j < k; j++ {
			b[i*k+j] /= d
		}
	}
}

func batchPrefix(B, b int) string {
	if B > 1 {
		return fmt.Sprintf("(Batch element %d): ", b)
	}
	return ""
}

func invKernel(A *Tensor, check bool) ([]*Tensor, error) {
	if err := linalgCheck(A, "linalg.inv", true); err != nil {
		return nil, err
	}
	mats, batch, n, _ := batchMats(A)
	out := make([][]float64, len(mats))
	infos := make([]float64, len(mats))
	for b, a := range mats {
		lu := append([]float64(nil), a...)
		piv, _, info := luDecomp(lu, n)
		infos[b] = float64(info)
		if info != 0 {
			if check {
				return nil, fmt.Errorf("linalg.inv: %sThe diagonal element %d is zero, the inversion could not be completed because the input matrix is singular.", batchPrefix(len(mats), b), info)
			}
			out[b] = make([]float64, n*n)
			for i := range out[b] {
				out[b][i] = math.NaN()
			}
			continue
		}
		x := make([]float64, n*n)
		for i := 0; i < n; i++ {
			x[i*n+i] = 1
		}
		luSolve(lu, piv, n, x, n)
		out[b] = x
	}
	info, _ := FromFloat64As(Int32, infos, batch...)
	return []*Tensor{fromMats(out, batch, n, n, A.dtype), info}, nil
}

func detKernel(A *Tensor, name string) (sign, logabs, det []float64, batch []int, err error) {
	if err = linalgCheck(A, name, true); err != nil {
		return
	}
	mats, batch, n, _ := batchMats(A)
	for _, a := range mats {
		lu := append([]float64(nil), a...)
		_, s, _ := luDecomp(lu, n)
		la, d := 0.0, s
		for i := 0; i < n; i++ {
			u := lu[i*n+i]
			d *= u
			la += math.Log(math.Abs(u))
			if u < 0 {
				s = -s
			}
		}
		if math.IsInf(la, -1) {
			s = 0
		}
		sign, logabs, det = append(sign, s), append(logabs, la), append(det, d)
	}
	return
}

// mT is the transpose of the last two dimensions, with ops.
func mT(f *F, t *Tensor) *Tensor { return f.Transpose(t, -2, -1) }

func matmulF(f *F, a, b *Tensor) *Tensor { return f.Call("matmul", a, b) }

var (
	opLinalgInvEx = Register(OpDef{
		Schema: "linalg_inv_ex(Tensor A, *, bool check_errors=False) -> (Tensor inverse, Tensor info)",
		Kernel: func(rt *Runtime, a Args) ([]*Tensor, error) { return invKernel(a.T(0), a.B(1)) },
		Backward: func(c *BackwardCtx, g []*Tensor) ([]*Tensor, error) {
			f := NewF(c.RT)
			invT := mT(f, c.Outputs[0])
			return f.Ret(f.Neg(matmulF(f, invT, matmulF(f, g[0], invT))))
		},
		GradFn: "LinalgInvExBackward0", Saves: []string{"result"}, NonDiffOutputs: []int{1},
	})
	opLinalgDet = Register(OpDef{
		Schema: "linalg_det(Tensor A) -> Tensor",
		Kernel: func(rt *Runtime, a Args) ([]*Tensor, error) {
			_, _, det, batch, err := detKernel(a.T(0), "linalg.det")
			if err != nil {
				return nil, err
			}
			return one(FromFloat64As(a.T(0).dtype, det, batch...))
		},
		Backward: func(c *BackwardCtx, g []*Tensor) ([]*Tensor, error) {
			f := NewF(c.RT)
			A, det := c.Inputs[0], c.Outputs[0]
			s := f.Unsqueeze(f.Unsqueeze(f.Mul(g[0], det), -1), -1)
			return f.Ret(f.Mul(s, mT(f, f.Call("linalg_inv", A))))
		},
		GradFn: "LinalgDetBackward0", Saves: []string{"A", "result"},
	})
	opLinalgSlogdet = Register(OpDef{
		Schema: "linalg_slogdet(Tensor A) -> (Tensor sign, Tensor logabsdet)",
		Kernel: func(rt *Runtime, a Args) ([]*Tensor, error) {
			sign, la, _, batch, err := detKernel(a.T(0), "linalg.slogdet")
			if err != nil {
				return nil, err
			}
			st, _ := FromFloat64As(a.T(0).dtype, sign, batch...)
			lt, _ := FromFloat64As(a.T(0).dtype, la, batch...)
			return []*Tensor{st, lt}, nil
		},
		Backward: func(c *BackwardCtx, g []*Tensor) ([]*Tensor, error) {
			f := NewF(c.RT)
			s := f.Unsqueeze(f.Unsqueeze(g[1], -1), -1)
			return f.Ret(f.Mul(s, mT(f, f.Call("linalg_inv", c.Inputs[0]))))
		},
		GradFn: "LinalgSlogdetBackward0", Saves: []string{"A"},
	})
)

// solveKernel solves A X = B (left) for batches, B broadcast over batch.
func solveKernel(A, B *Tensor, check bool) ([]*Tensor, error) {
	if err := linalgCheck(A, "linalg.solve", true); err != nil {
		return nil, err
	}
	if !B.dtype.IsFloat() {
		return nil, fmt.Errorf("linalg.solve: Expected a floating point or complex tensor as input. Got %s", B.dtype.ScalarTypeName())
	}
	if A.dtype != B.dtype {
		return nil, fmt.Errorf("linalg.solve: Expected A and B to have the same dtype, but found A of type %s and B of type %s instead", A.dtype.ScalarTypeName(), B.dtype.ScalarTypeName())
	}
	nd := len(A.shape)
	n := A.shape[nd-1]
	vec := len(B.shape) == 1 || (len(B.shape) == nd-1 && sameShape(B.shape, A.shape[:nd-1]))
	Bm := B
	if vec {
		Bm, _ = unsqueezeKernel(B, -1)
	}
	if Bm.shape[len(Bm.shape)-2] != n {
		return nil, fmt.Errorf("linalg.solve: Incompatible shapes of A and B for the equation AX = B (%s and %s)", fmtShape2(A.shape), fmtShape2(Bm.shape))
	}
	k := Bm.shape[len(Bm.shape)-1]
	batch, err := broadcastShapes(A.shape[:nd-2], Bm.shape[:len(Bm.shape)-2])
	if err != nil {
		return nil, err
	}
	Ae := expandTo(A, append(append([]int(nil), batch...), n, n))
	Be := expandTo(Bm, append(append([]int(nil), batch...), n, k))
	am, _, _, _ := batchMats(Ae)
	bm, _, _, _ := batchMats(Be)
	out := make([][]float64, len(am))
	infos := make([]float64, len(am))
	for b := range am {
		lu := append([]float64(nil), am[b]...)
		piv, _, info := luDecomp(lu, n)
		infos[b] = float64(info)
		x := append([]float64(nil), bm[b]...)
		if info != 0 {
			if check {
				return nil, fmt.Errorf("torch.linalg.solve: %sThe solver failed because the input matrix is singular.", batchPrefix(len(am), b))
			}
			for i := range x {
				x[i] = math.NaN()
			}
		} else {
			luSolve(lu, piv, n, x, k)
		}
		out[b] = x
	}
	X := fromMats(out, batch, n, k, A.dtype)
	if vec {
		X, _ = squeezeKernel(X, intp(len(X.shape)-1))
	}
	info, _ := FromFloat64As(Int32, infos, batch...)
	return []*Tensor{X, info}, nil
}

func intp(i int) *int { return &i }

func fmtShape2(s []int) string {
	n := len(s)
	return fmt.Sprintf("%dx%d", s[n-2], s[n-1])
}

var opLinalgSolveEx = Register(OpDef{
	Schema: "linalg_solve_ex(Tensor A, Tensor B, *, bool left=True, bool check_errors=False) -> (Tensor result, Tensor info)",
	Kernel: func(rt *Runtime, a Args) ([]*Tensor, error) {
		A, B := a.T(0), a.T(1)
		if !a.B(2) {
			// X A = B  <=>  A^T X^T = B^T
			At, _ := transposeKernel(A, -2, -1)
			Bt, _ := transposeKernel(B, -2, -1)
			outs, err := solveKernel(At, Bt, a.B(3))
			if err != nil {
				return nil, err
			}
			outs[0], _ = transposeKernel(outs[0], -2, -1)
			outs[0] = outs[0].contig()
			return outs, nil
		}
		return solveKernel(A, B, a.B(3))
	},
	Backward: func(c *BackwardCtx, g []*Tensor) ([]*Tensor, error) {
		f := NewF(c.RT)
		A, X, left := c.Inputs[0], c.Outputs[0], c.Args.B(2)
		if !left {
			// X = B A^{-1}: gB = g A^{-T} (solve from the right), gA = -X^T gB
			gB := f.Op(registry["aten::linalg_solve"], mT(f, A), g[0], false)
			var gA *Tensor
			if c.NeedsGrad(0) {
				gA = f.Neg(matmulF(f, mT(f, X), gB))
			}
			return f.Ret(gA, gB)
		}
		vec := len(X.shape) < len(A.shape)
		gB := f.Op(registry["aten::linalg_solve"], mT(f, A), g[0], true)
		var gA *Tensor
		if c.NeedsGrad(0) {
			if vec {
				gA = f.Neg(matmulF(f, f.Unsqueeze(gB, -1), f.Unsqueeze(X, -2)))
			} else {
				gA = f.Neg(matmulF(f, gB, mT(f, X)))
			}
		}
		return f.Ret(gA, gB)
	},
	GradFn: "LinalgSolveExBackward0", Saves: []string{"A", "result"}, NonDiffOutputs: []int{1},
})

// qrKernel: reduced (k = min(m,n) columns of Q), complete (m x m Q) or r (R only).
func qrKernel(A *Tensor, mode string) ([]*Tensor, error) {
	if err := linalgCheck(A, "linalg.qr", false); err != nil {
		return nil, err
	}
	if mode != "reduced" && mode != "complete" && mode != "r" {
		return nil, fmt.Errorf("qr received unrecognized mode '%s' but expected one of 'reduced' (default), 'r', or 'complete'", mode)
	}
	mats, batch, m, n := batchMats(A)
	k := min(m, n)
	qc := k
	if mode == "complete" {
		qc = m
	}
	rr := k
	if mode == "complete" {
		rr = m
	}
	qs, rs := make([][]float64, len(mats)), make([][]float64, len(mats))
	for b, a := range mats {
		q := make([]float64, m*qc)
		r := make([]float64, rr*n)
		if m > 0 && n > 0 {
			// LAPACK's geqrf + orgqr (gonum's port): same Householder
			// convention as PyTorch's CPU kernels
			ag := blas64.General{Rows: m, Cols: n, Stride: n, Data: append([]float64(nil), a...)}
			tau := make([]float64, k)
			work := []float64{0}
			lapack64.Geqrf(ag, tau, work, -1)
			work = make([]float64, max(int(work[0]), 1))
			lapack64.Geqrf(ag, tau, work, len(work))
			for i := 0; i < rr && i < m; i++ {
				for j := i; j < n; j++ {
					r[i*n+j] = ag.Data[i*n+j]
				}
			}
			qg := blas64.General{Rows: m, Cols: qc, Stride: qc, Data: q}
			for i := 0; i < m; i++ {
				for j := 0; j < min(qc, n); j++ {
					q[i*qc+j] = ag.Data[i*n+j]
				}
			}
			work = []float64{0}
			lapack64.Orgqr(qg, tau, work, -1)
			work = make([]float64, max(int(work[0]), 1))
			lapack64.Orgqr(qg, tau, work, len(work))
		} else if mode == "complete" {
			for i := 0; i < m; i++ {
				q[i*qc+i] = 1
			}
		}
		qs[b], rs[b] = q, r
	}
	Q := fromMats(qs, batch, m, qc, A.dtype)
	if mode == "r" {
		Q = newTensor(A.dtype, []int{0})
	}
	return []*Tensor{Q, fromMats(rs, batch, rr, n, A.dtype)}, nil
}

var opLinalgQr = Register(OpDef{
	Schema: "linalg_qr(Tensor A, str mode='reduced') -> (Tensor Q, Tensor R)",
	Kernel: func(rt *Runtime, a Args) ([]*Tensor, error) { return qrKernel(a.T(0), a.Str(1)) },
	Backward: func(c *BackwardCtx, g []*Tensor) ([]*Tensor, error) {
		f := NewF(c.RT)
		A, Q, R := c.Inputs[0], c.Outputs[0], c.Outputs[1]
		mode := c.Args.Str(1)
		nd := len(A.shape)
		m, n := A.shape[nd-2], A.shape[nd-1]
		if mode == "r" {
			return nil, fmt.Errorf("The derivative of linalg.qr depends on Q, which is not computed when mode='r'. Please use linalg.qr(A, mode='reduced') if you are going to differentiate through linalg.qr.")
		}
		if mode == "complete" && m > n {
			return nil, fmt.Errorf("The QR decomposition is not differentiable when mode='complete' and nrows > ncols.")
		}
		if m < n {
			return nil, fmt.Errorf("linalg_qr_backward: the case nrows < ncols is not implemented")
		}
		gQ, gR := g[0], g[1]
		// M = gR R^T - Q^T gQ; gA = (gQ + Q copyltu(M)) R^{-T}
		M := f.Sub(matmulF(f, gR, mT(f, R)), matmulF(f, mT(f, Q), gQ))
		Mt := f.Call("triu", M)
		S := f.Add(Mt, mT(f, Mt))
		k := min(m, n)
		S = f.Sub(S, f.Mul(Mt, eyeT(k, Q.dtype)))
		Y := f.Add(gQ, matmulF(f, Q, S))
		return f.Ret(f.Op(registry["aten::linalg_solve"], mT(f, R), Y, false))
	},
	GradFn: "LinalgQrBackward0", Saves: []string{"result", "result1"},
})

// eyeT is a constant identity matrix.
func eyeT(n int, dt DType) *Tensor {
	t := newTensor(dt, []int{n, n})
	for i := 0; i < n; i++ {
		t.setFlat(i*n+i, 1)
	}
	return t
}

func svdKernel(A *Tensor, full bool) ([]*Tensor, error) {
	if err := linalgCheck(A, "linalg.svd", false); err != nil {
		return nil, err
	}
	mats, batch, m, n := batchMats(A)
	k := min(m, n)
	uc, vr := k, k
	if full {
		uc, vr = m, n
	}
	us, ss, vs := make([][]float64, len(mats)), make([][]float64, len(mats)), make([][]float64, len(mats))
	for b, a := range mats {
		u, s, vh := make([]float64, m*uc), make([]float64, k), make([]float64, vr*n)
		if k > 0 {
			var svd mat.SVD
			kind := mat.SVDThin
			if full {
				kind = mat.SVDFull
			}
			if !svd.Factorize(mat.NewDense(m, n, append([]float64(nil), a...)), kind) {
				return nil, fmt.Errorf("linalg.svd: The algorithm failed to converge because the input matrix is ill-conditioned or has too many repeated singular values")
			}
			var U, V mat.Dense
			svd.UTo(&U)
			svd.VTo(&V)
			sv := svd.Values(nil)
			copy(s, sv)
			for i := 0; i < m; i++ {
				for j := 0; j < uc; j++ {
					u[i*uc+j] = U.At(i, j)
				}
			}
			for i := 0; i < vr; i++ {
				for j := 0; j < n; j++ {
					vh[i*n+j] = V.At(j, i)
				}
			}
		} else {
			for i := 0; i < min(m, uc); i++ {
				u[i*uc+i] = 1
			}
			for i := 0; i < min(vr, n); i++ {
				vh[i*n+i] = 1
			}
		}
		us[b], ss[b], vs[b] = u, s, vh
	}
	S := fromMats(ss, batch, 1, k, A.dtype)
	S, _ = squeezeKernel(S, intp(len(S.shape)-2))
	return []*Tensor{fromMats(us, batch, m, uc, A.dtype), S.contig(), fromMats(vs, batch, vr, n, A.dtype)}, nil
}

var opLinalgSvd = Register(OpDef{
	Schema: "linalg_svd(Tensor A, bool full_matrices=True, *, str? driver=None) -> (Tensor U, Tensor S, Tensor Vh)",
	Kernel: func(rt *Runtime, a Args) ([]*Tensor, error) { return svdKernel(a.T(0), a.B(1)) },
	Backward: func(c *BackwardCtx, g []*Tensor) ([]*Tensor, error) {
		f := NewF(c.RT)
		U, S, Vh := c.Outputs[0], c.Outputs[1], c.Outputs[2]
		gU, gS, gVh := g[0], g[1], g[2]
		k := S.shape[len(S.shape)-1]
		if c.Args.B(1) {
			U = f.Call("narrow", U, -1, 0, k)
			gU = f.Call("narrow", gU, -1, 0, k)
			Vh = f.Call("narrow", Vh, -2, 0, k)
			gVh = f.Call("narrow", gVh, -2, 0, k)
		}
		V, gV := mT(f, Vh), mT(f, gVh)
		S2 := f.Mul(S, S)
		E := f.Sub(f.Unsqueeze(S2, -2), f.Unsqueeze(S2, -1))
		eye := eyeT(k, S.dtype)
		E = f.Add(E, eye)
		UtgU := matmulF(f, mT(f, U), gU)
		VtgV := matmulF(f, mT(f, V), gV)
		skewU := f.Div(f.Sub(UtgU, mT(f, UtgU)), E)
		skewV := f.Div(f.Sub(VtgV, mT(f, VtgV)), E)
		inner := f.Add(f.Mul(skewU, f.Unsqueeze(S, -2)), f.Mul(f.Unsqueeze(S, -1), skewV))
		inner = f.Add(inner, f.Mul(eye, f.Unsqueeze(gS, -1)))
		gA := matmulF(f, U, matmulF(f, inner, Vh))
		invS := f.Reciprocal(S)
		// (I - U U^T) gU S^{-1} V^T
		pu := f.Sub(gU, matmulF(f, U, UtgU))
		gA = f.Add(gA, matmulF(f, f.Mul(pu, f.Unsqueeze(invS, -2)), Vh))
		// U S^{-1} gV^T (I - V V^T)
		pv := f.Sub(gVh, matmulF(f, mT(f, VtgV), Vh))
		gA = f.Add(gA, matmulF(f, U, f.Mul(f.Unsqueeze(invS, -1), pv)))
		return f.Ret(gA)
	},
	GradFn: "LinalgSvdBackward0", Saves: []string{"result", "result1", "result2"},
})

// lstsqKernel: minimum-norm least squares through the SVD, with rank
// determined by rcond (default eps * max(m, n)), like gelsy's results.
func lstsqKernel(A, B *Tensor, rcond any) ([]*Tensor, error) {
	if err := linalgCheck(A, "torch.linalg.lstsq", false); err != nil {
		return nil, err
	}
	if A.dtype != B.dtype {
		return nil, fmt.Errorf("torch.linalg.lstsq: Expected input and other to have the same dtype, but got input's dtype %s and other's dtype %s", A.dtype.TorchName(), B.dtype.TorchName())
	}
	nd := len(A.shape)
	m, n := A.shape[nd-2], A.shape[nd-1]
	vec := len(B.shape) == nd-1
	Bm := B
	if vec {
		Bm, _ = unsqueezeKernel(B, -1)
	}
	if len(Bm.shape) < 2 || Bm.shape[len(Bm.shape)-2] != m {
		return nil, fmt.Errorf("torch.linalg.lstsq: input.size(-2) should match other.size(-2)")
	}
	k := Bm.shape[len(Bm.shape)-1]
	batch, err := broadcastShapes(A.shape[:nd-2], Bm.shape[:len(Bm.shape)-2])
	if err != nil {
		return nil, err
	}
	rc := 2.220446049250313e-16
	if A.dtype == Float32 {
		rc = 1.1920928955078125e-07
	}
	rc *= float64(max(m, n))
	if r, ok := rcond.(float64); ok && r > 0 {
		rc = r
	}
	am, _, _, _ := batchMats(expandTo(A, append(append([]int(nil), batch...), m, n)))
	bm, _, _, _ := batchMats(expandTo(Bm, append(append([]int(nil), batch...), m, k)))
	out := make([][]float64, len(am))
	ranks := make([]float64, len(am))
	for b := range am {
		x := make([]float64, n*k)
		if m > 0 && n > 0 {
			var svd mat.SVD
			if !svd.Factorize(mat.NewDense(m, n, append([]float64(nil), am[b]...)), mat.SVDThin) {
				return nil, fmt.Errorf("torch.linalg.lstsq: The algorithm failed to converge")
			}
			var U, V mat.Dense
			svd.UTo(&U)
			svd.VTo(&V)
			s := svd.Values(nil)
			Bd := mat.NewDense(m, k, append([]float64(nil), bm[b]...))
			var UtB mat.Dense
			UtB.Mul(U.T(), Bd)
			r := 0
			for i, sv := range s {
				if sv > rc*s[0] {
					r++
					for j := 0; j < k; j++ {
						UtB.Set(i, j, UtB.At(i, j)/sv)
					}
				} else {
					for j := 0; j < k; j++ {
						UtB.Set(i, j, 0)
					}
				}
			}
			var X mat.Dense
			X.Mul(&V, &UtB)
			for i := 0; i < n; i++ {
				for j := 0; j < k; j++ {
					x[i*k+j] = X.At(i, j)
				}
			}
			ranks[b] = float64(r)
		}
		out[b] = x
	}
	X := fromMats(out, batch, n, k, A.dtype)
	if vec {
		X, _ = squeezeKernel(X, intp(len(X.shape)-1))
		X = X.contig()
	}
	rank, _ := FromFloat64As(Int64, ranks, batch...)
	return []*Tensor{X, newTensor(A.dtype, []int{0}), rank, newTensor(A.dtype, []int{0})}, nil
}

var opLinalgLstsq = Register(OpDef{
	Schema: "linalg_lstsq(Tensor self, Tensor b, float? rcond=None, *, str? driver=None) -> (Tensor solution, Tensor residuals, Tensor rank, Tensor singular_values)",
	Kernel: func(rt *Runtime, a Args) ([]*Tensor, error) {
		if d, ok := a[3].(string); ok && d != "gelsy" && d != "gelsd" && d != "gelss" && d != "gels" {
			return nil, fmt.Errorf("torch.linalg.lstsq: parameter `driver` should be one of (gels, gelsy, gelsd, gelss)")
		}
		return lstsqKernel(a.T(0), a.T(1), a[2])
	},
	Backward: func(c *BackwardCtx, g []*Tensor) ([]*Tensor, error) {
		f := NewF(c.RT)
		A, B, X := c.Inputs[0], c.Inputs[1], c.Outputs[0]
		nd := len(A.shape)
		if A.shape[nd-2] < A.shape[nd-1] {
			return nil, fmt.Errorf("linalg_lstsq_backward: underdetermined systems (m < n) are not implemented")
		}
		vec := len(B.shape) == nd-1
		gX := g[0]
		if vec {
			gX, X, B = f.Unsqueeze(gX, -1), f.Unsqueeze(X, -1), f.Unsqueeze(B, -1)
		}
		// full column rank: Y = (A^T A)^{-1} gX; gB = A Y; gA = (B - A X) Y^T - gB X^T
		Y := f.Op(registry["aten::linalg_solve"], matmulF(f, mT(f, A), A), gX, true)
		gB := matmulF(f, A, Y)
		gA := f.Sub(matmulF(f, f.Sub(B, matmulF(f, A, X)), mT(f, Y)), matmulF(f, gB, mT(f, X)))
		if vec {
			gB = f.Call("squeeze.dim", gB, -1)
		}
		return f.Ret(gA, gB)
	},
	GradFn: "LinalgLstsqBackward0", Saves: []string{"self", "b", "result"}, NonDiffOutputs: []int{1, 2, 3},
})

// choleskyKernel factors A = L L^T from A's lower triangle (potrf with
// uplo 'L'); info is the order of the first leading minor that is not
// positive definite.
func choleskyKernel(A *Tensor, upper, check bool) ([]*Tensor, error) {
	if err := linalgCheck(A, "linalg.cholesky", true); err != nil {
		return nil, err
	}
	mats, batch, n, _ := batchMats(A)
	out := make([][]float64, len(mats))
	infos := make([]float64, len(mats))
	for b, a := range mats {
		L := make([]float64, n*n)
		info := 0
		for j := 0; j < n && info == 0; j++ {
			d := a[j*n+j]
			for k := 0; k < j; k++ {
				d -= L[j*n+k] * L[j*n+k]
			}
			if !(d > 0) {
				info = j + 1
				break
			}
			d = math.Sqrt(d)
			L[j*n+j] = d
			for i := j + 1; i < n; i++ {
				v := a[i*n+j]
				for k := 0; k < j; k++ {
					v -= L[i*n+k] * L[j*n+k]
				}
				L[i*n+j] = v / d
			}
		}
		infos[b] = float64(info)
		if info != 0 && check {
			return nil, fmt.Errorf("linalg.cholesky: %sThe factorization could not be completed because the input is not positive-definite (the leading minor of order %d is not positive-definite).", batchPrefix(len(mats), b), info)
		}
		if upper {
			for i := 0; i < n; i++ {
				for j := i + 1; j < n; j++ {
					L[i*n+j], L[j*n+i] = L[j*n+i], 0
				}
			}
		}
		out[b] = L
	}
	info, _ := FromFloat64As(Int32, infos, batch...)
	return []*Tensor{fromMats(out, batch, n, n, A.dtype), info}, nil
}

var opLinalgCholeskyEx = Register(OpDef{
	Schema: "linalg_cholesky_ex(Tensor self, *, bool upper=False, bool check_errors=False) -> (Tensor L, Tensor info)",
	Kernel: func(rt *Runtime, a Args) ([]*Tensor, error) { return choleskyKernel(a.T(0), a.B(1), a.B(2)) },
	Backward: func(c *BackwardCtx, g []*Tensor) ([]*Tensor, error) {
		// gA = sym(L^{-T} phi(L^T gL) L^{-1}), phi = tril with halved diagonal
		f := NewF(c.RT)
		L, gL := c.Outputs[0], g[0]
		if c.Args.B(1) {
			L, gL = mT(f, L), mT(f, gL)
		}
		n := c.Inputs[0].shape[len(c.Inputs[0].shape)-1]
		Linv := f.Call("linalg_inv", L)
		M := matmulF(f, mT(f, L), gL)
		phi := f.Sub(f.Call("tril", M), f.Mul(f.Mul(M, eyeT(n, L.dtype)), Float(0.5)))
		gA := matmulF(f, matmulF(f, mT(f, Linv), phi), Linv)
		return f.Ret(f.Mul(f.Add(gA, mT(f, gA)), Float(0.5)))
	},
	GradFn: "LinalgCholeskyExBackward0", Saves: []string{"result"}, NonDiffOutputs: []int{1},
})

func init() {
	first := func(rt *Runtime, op *Op, a Args) ([]*Tensor, error) {
		outs, err := rt.Run(op, a)
		if err != nil {
			return nil, err
		}
		return outs[:1], nil
	}
	Register(OpDef{
		Schema:    "svd(Tensor self, bool some=True, bool compute_uv=True) -> (Tensor U, Tensor S, Tensor V)",
		Composite: true,
		Kernel: func(rt *Runtime, a Args) ([]*Tensor, error) {
			x := a.T(0)
			outs, err := rt.Run(opLinalgSvd, Args{x, !a.B(1), nil})
			if err != nil {
				return nil, err
			}
			f := NewF(rt)
			U, S, V := outs[0], outs[1], mT(f, outs[2])
			if !a.B(2) {
				// zero-filled U and V of the shapes torch.svd returns
				nd := len(x.shape)
				m, n := x.shape[nd-2], x.shape[nd-1]
				bs := x.shape[:nd-2]
				U = newTensor(x.dtype, append(append([]int(nil), bs...), m, m))
				V = newTensor(x.dtype, append(append([]int(nil), bs...), n, n))
				S = S.Detach()
			}
			return f.Ret(U, S, V)
		},
	})
	Register(OpDef{
		Schema:    "qr(Tensor self, bool some=True) -> (Tensor Q, Tensor R)",
		Composite: true,
		Kernel: func(rt *Runtime, a Args) ([]*Tensor, error) {
			mode := "reduced"
			if !a.B(1) {
				mode = "complete"
			}
			return rt.Run(opLinalgQr, Args{a.T(0), mode})
		},
	})
	Register(OpDef{
		Schema:    "linalg_vector_norm(Tensor self, Scalar ord=2, int[1]? dim=None, bool keepdim=False, *, ScalarType? dtype=None) -> Tensor",
		Composite: true,
		Kernel: func(rt *Runtime, a Args) ([]*Tensor, error) {
			x := a.T(0)
			if !x.dtype.IsFloat() {
				return nil, fmt.Errorf("linalg.vector_norm: Expected a floating point or complex tensor as input. Got %s", x.dtype.ScalarTypeName())
			}
			f := NewF(rt)
			if d, ok := a.D(4); ok {
				x = f.To(x, d)
			}
			dims := a.Is(2)
			if dims == nil {
				dims = []int{}
			}
			return f.Ret(f.Call("norm.ScalarOpt_dim", x, a.S(1), dims, a.B(3)))
		},
	})
	Register(OpDef{
		Schema:    "linalg_cholesky(Tensor self, *, bool upper=False) -> Tensor",
		Composite: true,
		Kernel: func(rt *Runtime, a Args) ([]*Tensor, error) {
			return first(rt, opLinalgCholeskyEx, Args{a.T(0), a.B(1), true})
		},
	})
	Register(OpDef{
		Schema:    "cholesky(Tensor self, bool upper=False) -> Tensor",
		Composite: true,
		Kernel: func(rt *Runtime, a Args) ([]*Tensor, error) {
			return first(rt, opLinalgCholeskyEx, Args{a.T(0), a.B(1), true})
		},
	})
	Register(OpDef{
		Schema:    "linalg_inv(Tensor A) -> Tensor",
		Composite: true,
		Kernel:    func(rt *Runtime, a Args) ([]*Tensor, error) { return first(rt, opLinalgInvEx, Args{a.T(0), true}) },
	})
	Register(OpDef{
		Schema:    "inverse(Tensor self) -> Tensor",
		Composite: true,
		Kernel:    func(rt *Runtime, a Args) ([]*Tensor, error) { return first(rt, opLinalgInvEx, Args{a.T(0), true}) },
	})
	Register(OpDef{
		Schema:    "det(Tensor self) -> Tensor",
		Composite: true,
		Kernel:    func(rt *Runtime, a Args) ([]*Tensor, error) { return rt.Run(opLinalgDet, a) },
	})
	Register(OpDef{
		Schema:    "slogdet(Tensor self) -> (Tensor sign, Tensor logabsdet)",
		Composite: true,
		Kernel:    func(rt *Runtime, a Args) ([]*Tensor, error) { return rt.Run(opLinalgSlogdet, a) },
	})
	Register(OpDef{
		Schema:    "logdet(Tensor self) -> Tensor",
		Composite: true,
		Kernel: func(rt *Runtime, a Args) ([]*Tensor, error) {
			outs, err := rt.Run(opLinalgSlogdet, a)
			if err != nil {
				return nil, err
			}
			f := NewF(rt)
			return f.Ret(f.Where(f.Lt(outs[0], Float(0)), Float(math.NaN()), outs[1]))
		},
	})
	Register(OpDef{
		Schema:    "linalg_solve(Tensor A, Tensor B, *, bool left=True) -> Tensor",
		Composite: true,
		Kernel: func(rt *Runtime, a Args) ([]*Tensor, error) {
			return first(rt, opLinalgSolveEx, Args{a.T(0), a.T(1), a.B(2), true})
		},
	})

}
