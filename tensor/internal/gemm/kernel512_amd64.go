//go:build amd64 && !purego && !noasm

package gemm

//go:generate python3 asmgen512.py

// hasAVX512F reports whether the CPU supports AVX-512 Foundation (besides
// AVX2 and FMA, which the implementation also uses) and the OS saves the
// full ZMM state: XCR0 must enable SSE (bit 1), AVX (2), the opmask
// registers (5), the upper halves of ZMM0–15 (6) and ZMM16–31 (7).
func hasAVX512F() bool {
	if !hasAVX2FMA() {
		return false
	}
	if xcr0, _ := xgetbv(); xcr0&0xe6 != 0xe6 {
		return false
	}
	_, ebx7, _, _ := cpuid(7, 0)
	return ebx7&(1<<16) != 0
}

// sgemmKernel8x32 is the AVX-512 float32 micro-kernel: an 8×32 tile of C
// in sixteen ZMM accumulators (two per row). Same contract as
// sgemmKernel6x16.
//
//go:noescape
func sgemmKernel8x32(k int, a, b *float32, bs int, c *float32, ldc int, beta float32, load int)

// dgemmKernel8x16 is the float64 analogue: 8×16 doubles in sixteen ZMM.
//
//go:noescape
func dgemmKernel8x16(k int, a, b *float64, bs int, c *float64, ldc int, beta float64, load int)

// sgemmKernel8x32Direct is sgemmKernel8x32 reading A in place (8 rows,
// lda apart, k values each) and then, before the store, adding bias[j]
// (unless bias is nil) and taking max(·, 0) if relu != 0.
//
//go:noescape
func sgemmKernel8x32Direct(k int, a *float32, lda int, b *float32, bs int, c *float32, ldc int, beta float32, load int, bias *float32, relu int)

// sgemmKernel8x16Direct computes the left half (8×16) of the tile, for
// the last panel of B when at most 16 of its columns are real.
//
//go:noescape
func sgemmKernel8x16Direct(k int, a *float32, lda int, b *float32, bs int, c *float32, ldc int, beta float32, load int, bias *float32, relu int)

//go:noescape
func sgemmRow32(k int, a, b *float32, bs int, c *float32, beta float32, load int)

//go:noescape
func dgemmRow16(k int, a, b *float64, bs int, c *float64, beta float64, load int)

//go:noescape
func spackB32(kc int, src *float32, ldb int, dst *float32)

//go:noescape
func dpackB16(kc int, src *float64, ldb int, dst *float64)

// spackBT32 and dpackBT16 pack a full panel of transposed B; spackA8 and
// dpackA8 a full panel of untransposed A, times alpha. kc must be a
// multiple of 8 (float32) or 4 (float64).
//
//go:noescape
func spackBT32(kc int, src *float32, ldb int, dst *float32)

//go:noescape
func spackA8(kc int, src *float32, lda int, dst *float32, alpha float32)

//go:noescape
func dpackBT16(kc int, src *float64, ldb int, dst *float64)

//go:noescape
func dpackA8(kc int, src *float64, lda int, dst *float64, alpha float64)

func microAVX512s(k int, a, b []float32, bs int, c []float32, ldc int, beta float32, load bool) {
	sgemmKernel8x32(k, &a[0], &b[0], bs, &c[0], ldc, beta, b2i(load))
}

func microAVX512d(k int, a, b []float64, bs int, c []float64, ldc int, beta float64, load bool) {
	dgemmKernel8x16(k, &a[0], &b[0], bs, &c[0], ldc, beta, b2i(load))
}

func directAVX512s(k int, a []float32, lda int, b []float32, bs int, c []float32, ldc int, beta float32, load bool, bias []float32, relu bool) {
	_ = a[7*lda+k-1]
	_ = b[(k-1)*bs+31]
	_ = c[7*ldc+31]
	sgemmKernel8x32Direct(k, &a[0], lda, &b[0], bs, &c[0], ldc, beta, b2i(load), biasPtr(bias, 32), b2i(relu))
}

func directHalfAVX512s(k int, a []float32, lda int, b []float32, bs int, c []float32, ldc int, beta float32, load bool, bias []float32, relu bool) {
	_ = a[7*lda+k-1]
	_ = b[(k-1)*bs+15]
	_ = c[7*ldc+15]
	sgemmKernel8x16Direct(k, &a[0], lda, &b[0], bs, &c[0], ldc, beta, b2i(load), biasPtr(bias, 16), b2i(relu))
}

// biasPtr is the address of bias[0] (n elements are read), or nil.
func biasPtr(bias []float32, n int) *float32 {
	if bias == nil {
		return nil
	}
	_ = bias[n-1]
	return &bias[0]
}

func rowAVX512s(k int, a, b []float32, bs int, c []float32, beta float32, load bool) {
	if k == 0 {
		store0(c[:32], beta, load)
		return
	}
	_ = b[(k-1)*bs+31]
	_ = c[31]
	sgemmRow32(k, &a[0], &b[0], bs, &c[0], beta, b2i(load))
}

func rowAVX512d(k int, a, b []float64, bs int, c []float64, beta float64, load bool) {
	if k == 0 {
		store0(c[:16], beta, load)
		return
	}
	_ = b[(k-1)*bs+15]
	_ = c[15]
	dgemmRow16(k, &a[0], &b[0], bs, &c[0], beta, b2i(load))
}

func copyPanelAVX512s(kc int, src []float32, ldb int, dst []float32) {
	_ = src[(kc-1)*ldb+31]
	_ = dst[kc*32-1]
	spackB32(kc, &src[0], ldb, &dst[0])
}

func copyPanelAVX512d(kc int, src []float64, ldb int, dst []float64) {
	_ = src[(kc-1)*ldb+15]
	_ = dst[kc*16-1]
	dpackB16(kc, &src[0], ldb, &dst[0])
}

func packBTAVX512s(kc int, src []float32, ldb int, dst []float32) {
	_ = src[31*ldb+kc-1]
	_ = dst[kc*32-1]
	kv := kc &^ 7
	if kv > 0 {
		spackBT32(kv, &src[0], ldb, &dst[0])
	}
	packTail(kv, kc, src, ldb, dst, 32, 1)
}

func packAAVX512s(kc int, src []float32, lda int, dst []float32, alpha float32) {
	_ = src[7*lda+kc-1]
	_ = dst[kc*8-1]
	kv := kc &^ 7
	if kv > 0 {
		spackA8(kv, &src[0], lda, &dst[0], alpha)
	}
	packTail(kv, kc, src, lda, dst, 8, alpha)
}

func packBTAVX512d(kc int, src []float64, ldb int, dst []float64) {
	_ = src[15*ldb+kc-1]
	_ = dst[kc*16-1]
	kv := kc &^ 3
	if kv > 0 {
		dpackBT16(kv, &src[0], ldb, &dst[0])
	}
	packTail(kv, kc, src, ldb, dst, 16, 1)
}

func packAAVX512d(kc int, src []float64, lda int, dst []float64, alpha float64) {
	_ = src[7*lda+kc-1]
	_ = dst[kc*8-1]
	kv := kc &^ 3
	if kv > 0 {
		dpackA8(kv, &src[0], lda, &dst[0], alpha)
	}
	packTail(kv, kc, src, lda, dst, 8, alpha)
}

// Register blocking for Zen 5 (two 512-bit FMA pipes, 4-cycle latency, 32
// ZMM registers), measured with the macro-kernel on packed blocks: 8×32,
// 12×32, 14×32, 8×48, 6×64 and 4×64 tiles all reach 265–280 GFLOP/s per
// core (the FMA peak), against 135 for the AVX2 6×16. 8 rows is chosen
// because batches are usually multiples of 8 (a batch of 64 has no edge
// tiles, where 12 or 14 rows would waste 9–12% of the FMAs on the zero
// rows of the last panel) and an 8×8 transpose packs A.
//
// Cache blocking for Zen 5 (48 KiB L1d, 1 MiB L2 per core, 32 MiB L3),
// measured by thread CPU time over mc 64–384 and kc 128–512 on square
// 256–1024 and batch-64 linear products: the choices are within 1–3% of
// the best cell of every shape. float32: a kc×nr panel of B is 32 KiB and
// stays in L1, the mc×kc block of A (192 KiB) in L2. float64: kc = 384
// (a 48 KiB B panel, streamed in part from L2) gained 5% on 1024² over
// 256; mc = 64 keeps the A block at 192 KiB.
func avx512Impls32() []*impl[float32] {
	if !hasAVX512F() {
		return nil
	}
	im := newImpl[float32]("avx512", 8, 32, 192, 256, 4096, microAVX512s)
	im.row, im.dot4, im.copyPanel = rowAVX512s, dot4AVX2s, copyPanelAVX512s
	im.packPanelA, im.packPanelBT = packAAVX512s, packBTAVX512s
	im.direct, im.directHalf = directAVX512s, directHalfAVX512s
	return []*impl[float32]{im}
}

func avx512Impls64() []*impl[float64] {
	if !hasAVX512F() {
		return nil
	}
	im := newImpl[float64]("avx512", 8, 16, 64, 384, 4096, microAVX512d)
	im.row, im.dot4, im.copyPanel = rowAVX512d, dot4AVX2d, copyPanelAVX512d
	im.packPanelA, im.packPanelBT = packAAVX512d, packBTAVX512d
	return []*impl[float64]{im}
}
