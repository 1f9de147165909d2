// Package gemm implements the dense matrix products (general matrix
// multiply, "GEMM") that every matmul, linear layer and convolution of
// torchr reduces to.
//
// Matrices are row-major slices with an explicit row stride, as in BLAS
// with CblasRowMajor. Each routine computes
//
//	C = alpha*op(A)*op(B) + beta*C
//
// where op(X) is X or its transpose. When beta is zero C is only written,
// never read, so NaNs already in C do not propagate (the BLAS convention,
// which PyTorch's addmm relies on for out= buffers).
//
// The kernels do not allocate in steady state: packing buffers are reused
// through a sync.Pool. Large products are split across up to Threads()
// goroutines.
package gemm

import (
	"runtime"
	"sync/atomic"
)

// threads is the process-wide number of goroutines a large product may
// use. It is a knob, not state that changes results: any value gives the
// same numbers (each C element is always accumulated by one goroutine in
// the same order).
var threads atomic.Int32

func init() {
	threads.Store(int32(defaultThreads()))
}

func defaultThreads() int {
	n := runtime.GOMAXPROCS(0)
	if n < 1 {
		n = 1
	}
	return n
}

// SetThreads sets the number of goroutines large products may use.
// n <= 0 restores the default, runtime.GOMAXPROCS(0); 1 means serial.
func SetThreads(n int) {
	if n <= 0 {
		n = defaultThreads()
	}
	threads.Store(int32(n))
}

// Threads reports the number of goroutines large products may use.
func Threads() int { return int(threads.Load()) }

// Sgemm computes C = alpha*op(A)*op(B) + beta*C for float32, row-major.
// A is m×k (k×m if transA) with row stride lda; B is k×n (n×k if transB)
// with row stride ldb; C is m×n with row stride ldc. beta == 0 means C is
// overwritten without being read.
func Sgemm(transA, transB bool, m, n, k int, alpha float32, a []float32, lda int, b []float32, ldb int, beta float32, c []float32, ldc int) {
	sgemm(nil, transA, transB, m, n, k, alpha, a, lda, b, ldb, beta, c, ldc)
}

// Dgemm is Sgemm for float64.
func Dgemm(transA, transB bool, m, n, k int, alpha float64, a []float64, lda int, b []float64, ldb int, beta float64, c []float64, ldc int) {
	dgemm(nil, transA, transB, m, n, k, alpha, a, lda, b, ldb, beta, c, ldc)
}

// SgemmCancel is Sgemm that polls stop between blocks of work. It returns
// false if it stopped early, in which case C holds partial results and must
// be discarded. A nil stop never stops.
func SgemmCancel(stop *atomic.Bool, transA, transB bool, m, n, k int, alpha float32, a []float32, lda int, b []float32, ldb int, beta float32, c []float32, ldc int) bool {
	return sgemm(stop, transA, transB, m, n, k, alpha, a, lda, b, ldb, beta, c, ldc)
}

// DgemmCancel is SgemmCancel for float64.
func DgemmCancel(stop *atomic.Bool, transA, transB bool, m, n, k int, alpha float64, a []float64, lda int, b []float64, ldb int, beta float64, c []float64, ldc int) bool {
	return dgemm(stop, transA, transB, m, n, k, alpha, a, lda, b, ldb, beta, c, ldc)
}

// checkArgs panics with a readable message on inconsistent arguments, like
// gonum's BLAS does; callers in tensor/ validate shapes before calling, so
// a panic here is a bug in torchr, not a user error.
func checkArgs(transA, transB bool, m, n, k, lda, ldb, ldc, la, lb, lc int) {
	if m < 0 || n < 0 || k < 0 {
		panic("gemm: negative dimension")
	}
	ar, ac := m, k
	if transA {
		ar, ac = k, m
	}
	br, bc := k, n
	if transB {
		br, bc = n, k
	}
	if lda < max(1, ac) {
		panic("gemm: bad lda")
	}
	if ldb < max(1, bc) {
		panic("gemm: bad ldb")
	}
	if ldc < max(1, n) {
		panic("gemm: bad ldc")
	}
	if ar > 0 && ac > 0 && la < (ar-1)*lda+ac {
		panic("gemm: A too short")
	}
	if br > 0 && bc > 0 && lb < (br-1)*ldb+bc {
		panic("gemm: B too short")
	}
	if m > 0 && n > 0 && lc < (m-1)*ldc+n {
		panic("gemm: C too short")
	}
}
