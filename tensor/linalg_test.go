package tensor

import (
	"math"
	"testing"
)

// lcgT is a float64 tensor of pseudo-random values in [-1, 1) (full rank,
// unlike seqT's sine sequences).
func lcgT(seed uint64, shape ...int) *Tensor {
	v := make([]float64, numelOf(shape))
	for i := range v {
		seed = seed*6364136223846793005 + 1442695040888963407
		v[i] = float64(seed>>11)/float64(1<<53)*2 - 1
	}
	t, _ := FromFloat64(v, shape...)
	return t
}

// matAt returns matrix b of a batch as rows.
func matAt(t *Tensor, b int) [][]float64 {
	nd := len(t.shape)
	m, n := t.shape[nd-2], t.shape[nd-1]
	v := t.Float64s()[b*m*n : (b+1)*m*n]
	out := make([][]float64, m)
	for i := range out {
		out[i] = v[i*n : (i+1)*n]
	}
	return out
}

func matMul(a, b [][]float64) [][]float64 {
	out := make([][]float64, len(a))
	for i := range a {
		out[i] = make([]float64, len(b[0]))
		for j := range b[0] {
			for k := range b {
				out[i][j] += a[i][k] * b[k][j]
			}
		}
	}
	return out
}

func matT(a [][]float64) [][]float64 {
	if len(a) == 0 {
		return nil
	}
	out := make([][]float64, len(a[0]))
	for j := range out {
		out[j] = make([]float64, len(a))
		for i := range a {
			out[j][i] = a[i][j]
		}
	}
	return out
}

func matClose(t *testing.T, what string, a, b [][]float64, tol float64) {
	t.Helper()
	for i := range a {
		for j := range a[i] {
			if math.Abs(a[i][j]-b[i][j]) > tol {
				t.Fatalf("%s: element (%d,%d) %v, want %v", what, i, j, a[i][j], b[i][j])
			}
		}
	}
}

func eyeRows(n int) [][]float64 {
	out := make([][]float64, n)
	for i := range out {
		out[i] = make([]float64, n)
		out[i][i] = 1
	}
	return out
}

// TestLinalgFactorizations checks QR and SVD by their defining
// properties (reconstruction, orthogonality, triangularity, ordering) in
// every mode, including the completion columns the fixtures cannot
// compare.
func TestLinalgFactorizations(t *testing.T) {
	rt := NewRuntime()
	for _, shape := range [][]int{{5, 3}, {3, 5}, {4, 4}, {2, 6, 2}, {1, 1}} {
		A := lcgT(1, shape...)
		nd := len(shape)
		m, n := shape[nd-2], shape[nd-1]
		nb := numelOf(shape[:nd-2])
		for _, mode := range []string{"reduced", "complete"} {
			outs, err := rt.Call("linalg_qr", A, mode)
			if err != nil {
				t.Fatal(err)
			}
			for b := 0; b < nb; b++ {
				Q, R := matAt(outs[0], b), matAt(outs[1], b)
				matClose(t, "QR = A", matMul(Q, R), matAt(A, b), 1e-12)
				matClose(t, "Q^T Q = I", matMul(matT(Q), Q), eyeRows(len(Q[0])), 1e-12)
				for i := range R {
					for j := 0; j < i && j < len(R[i]); j++ {
						if R[i][j] != 0 {
							t.Fatalf("R not upper triangular")
						}
					}
				}
			}
		}
		for _, full := range []bool{false, true} {
			outs, err := rt.Call("linalg_svd", A, full)
			if err != nil {
				t.Fatal(err)
			}
			k := min(m, n)
			sv := outs[1].Float64s()
			for b := 0; b < nb; b++ {
				U, Vh := matAt(outs[0], b), matAt(outs[2], b)
				s := sv[b*k : (b+1)*k]
				for i := 1; i < k; i++ {
					if s[i] > s[i-1] || s[i] < 0 {
						t.Fatalf("singular values not sorted: %v", s)
					}
				}
				US := make([][]float64, m)
				for i := range US {
					US[i] = make([]float64, k)
					for j := 0; j < k; j++ {
						US[i][j] = U[i][j] * s[j]
					}
				}
				matClose(t, "U S Vh = A", matMul(US, Vh[:k]), matAt(A, b), 1e-12)
				matClose(t, "U^T U = I", matMul(matT(U), U), eyeRows(len(U[0])), 1e-12)
				matClose(t, "Vh Vh^T = I", matMul(Vh, matT(Vh)), eyeRows(len(Vh)), 1e-12)
			}
		}
	}
}

// TestLinalgSolveInverseConsistency: inverse, det, solve and lstsq agree
// with one another on random well-conditioned batches.
func TestLinalgSolveInverseConsistency(t *testing.T) {
	rt := NewRuntime()
	A := lcgT(2, 3, 4, 4)
	B := lcgT(3, 3, 4, 2)
	inv, err := rt.Call("inverse", A)
	if err != nil {
		t.Fatal(err)
	}
	X, err := rt.Call("linalg_solve", A, B)
	if err != nil {
		t.Fatal(err)
	}
	L, err := rt.Call("linalg_lstsq", A, B)
	if err != nil {
		t.Fatal(err)
	}
	for b := 0; b < 3; b++ {
		matClose(t, "A A^-1 = I", matMul(matAt(A, b), matAt(inv[0], b)), eyeRows(4), 1e-10)
		matClose(t, "A^-1 B = solve", matMul(matAt(inv[0], b), matAt(B, b)), matAt(X[0], b), 1e-10)
		matClose(t, "lstsq = solve", matAt(L[0], b), matAt(X[0], b), 1e-9)
	}
}

// TestCholeskyGradSymmetric checks cholesky's backward along symmetric
// perturbations: the factorization reads only the lower triangle, and
// PyTorch's gradient is the symmetrised one, so finite differences in
// single elements do not apply, but <gA, E> = d/dt f(A + tE) for
// symmetric E does. It also checks the second derivative the same way.
func TestCholeskyGradSymmetric(t *testing.T) {
	rt := NewRuntime()
	n := 4
	B := lcgT(5, n, n)
	a := make([]float64, n*n)
	bv := B.Float64s()
	for i := 0; i < n; i++ {
		for j := 0; j < n; j++ {
			for k := 0; k < n; k++ {
				a[i*n+j] += bv[i*n+k] * bv[j*n+k]
			}
		}
		a[i*n+i] += float64(n)
	}
	loss := func(A *Tensor) *Tensor {
		L, err := rt.Call("linalg_cholesky", A)
		if err != nil {
			t.Fatal(err)
		}
		w := make([]float64, n*n)
		for i := range w {
			w[i] = math.Sin(float64(3*i+1)) + 0.5
		}
		wt, _ := FromFloat64(w, n, n)
		p, _ := rt.Mul(L[0], wt)
		s, _ := rt.Sum(p)
		return s
	}
	for _, upper := range []bool{false, true} {
		A, _ := FromFloat64(append([]float64(nil), a...), n, n)
		A.SetRequiresGrad(true)
		var l *Tensor
		if upper {
			L, _ := rt.CallNamed("linalg_cholesky", []any{A}, map[string]any{"upper": true})
			l, _ = rt.Sum(L[0])
		} else {
			l = loss(A)
		}
		g, err := rt.Grad([]*Tensor{l}, []*Tensor{A}, nil, GradOptions{})
		if err != nil {
			t.Fatal(err)
		}
		gv := g[0].Float64s()
		for i := 0; i < n; i++ {
			for j := 0; j <= i; j++ {
				f := func(eps float64) float64 {
					b := append([]float64(nil), a...)
					b[i*n+j] += eps
					if i != j {
						b[j*n+i] += eps
					}
					At, _ := FromFloat64(b, n, n)
					var v float64
					rt.NoGrad(func() error {
						if upper {
							L, _ := rt.CallNamed("linalg_cholesky", []any{At}, map[string]any{"upper": true})
							s, _ := rt.Sum(L[0])
							v, _ = s.Item()
						} else {
							v, _ = loss(At).Item()
						}
						return nil
					})
					return v
				}
				num := (f(1e-6) - f(-1e-6)) / 2e-6
				got := gv[i*n+j]
				if i != j {
					got += gv[j*n+i]
				}
				if math.Abs(got-num) > 1e-5+1e-4*math.Abs(num) {
					t.Errorf("upper=%v: direction (%d,%d): autograd %v, numeric %v", upper, i, j, got, num)
				}
			}
		}
	}
}
