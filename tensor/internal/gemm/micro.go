package gemm

// Direct access to the micro-kernels, for callers that lay out their own
// operands (convolutions: im2col rows are read in place instead of being
// copied into a matrix and packed again).

// Tile32 reports the tile (mr rows × nr columns of C) that Micro32 computes.
func Tile32() (mr, nr int) { return impls32[0].mr, impls32[0].nr }

// Tile64 reports the tile that Micro64 computes.
func Tile64() (mr, nr int) { return impls64[0].mr, impls64[0].nr }

// Micro32 computes one mr×nr tile with the float32 GEMM's micro-kernel:
// c[i*ldc+j] = Σ_{p<k} a[p*mr+i]·b[p*bs+j] (plus c[i*ldc+j] when
// accumulate), for i < mr and j < nr (see Tile32). a is a packed panel of A
// (k groups of mr values); B is read in place, nr values from each of its
// k rows, which are bs apart. k must be at least 1.
func Micro32(k int, a, b []float32, bs int, c []float32, ldc int, accumulate bool) {
	impls32[0].micro(k, a, b, bs, c, ldc, 1, accumulate)
}

// Micro64 is Micro32 for float64 (see Tile64).
func Micro64(k int, a, b []float64, bs int, c []float64, ldc int, accumulate bool) {
	impls64[0].micro(k, a, b, bs, c, ldc, 1, accumulate)
}
