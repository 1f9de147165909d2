package gemm

import "sync/atomic"

// The implementation tables, best first. Public entry points use entry 0;
// the tests run every entry.
var (
	impls32 = append(asmImpls32(), goImpl32)
	impls64 = append(asmImpls64(), goImpl64)
)

func sgemm(stop *atomic.Bool, transA, transB bool, m, n, k int, alpha float32, a []float32, lda int, b []float32, ldb int, beta float32, c []float32, ldc int) bool {
	return impls32[0].gemm(stop, args[float32]{transA, transB, m, n, k, alpha, a, lda, b, ldb, beta, c, ldc})
}

func dgemm(stop *atomic.Bool, transA, transB bool, m, n, k int, alpha float64, a []float64, lda int, b []float64, ldb int, beta float64, c []float64, ldc int) bool {
	return impls64[0].gemm(stop, args[float64]{transA, transB, m, n, k, alpha, a, lda, b, ldb, beta, c, ldc})
}

// Impl reports the name of the float32 implementation in use ("avx512",
// "avx2" or "go"), for benchmark tables.
func Impl() string { return impls32[0].name }
