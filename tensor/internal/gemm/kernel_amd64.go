//go:build amd64 && !purego && !noasm

package gemm

//go:generate python3 asmgen.py

// hasAVX2FMA reports whether the CPU and the OS support AVX2 and FMA3
// (CPUID feature bits plus XGETBV: the OS must save the YMM state).
func hasAVX2FMA() bool {
	maxLeaf, _, _, _ := cpuid(0, 0)
	if maxLeaf < 7 {
		return false
	}
	_, _, ecx1, _ := cpuid(1, 0)
	const (
		fma     = 1 << 12
		osxsave = 1 << 27
		avx     = 1 << 28
	)
	if ecx1&(fma|osxsave|avx) != fma|osxsave|avx {
		return false
	}
	if xcr0, _ := xgetbv(); xcr0&6 != 6 { // XMM and YMM state enabled
		return false
	}
	_, ebx7, _, _ := cpuid(7, 0)
	return ebx7&(1<<5) != 0 // AVX2
}

func cpuid(eaxArg, ecxArg uint32) (eax, ebx, ecx, edx uint32)
func xgetbv() (eax, edx uint32)

// sgemmKernel6x16 is the AVX2+FMA float32 micro-kernel: a 6×16 tile of C
// in twelve YMM accumulators, leaving four registers for two B vectors and
// two broadcasts of A. load != 0 means C = acc + beta·C, else C = acc.
//
//go:noescape
func sgemmKernel6x16(k int, a, b *float32, bs int, c *float32, ldc int, beta float32, load int)

// dgemmKernel6x8 is the float64 analogue: 6×8 doubles in twelve YMM.
//
//go:noescape
func dgemmKernel6x8(k int, a, b *float64, bs int, c *float64, ldc int, beta float64, load int)

//go:noescape
func sgemmRow16(k int, a, b *float32, bs int, c *float32, beta float32, load int)

//go:noescape
func dgemmRow8(k int, a, b *float64, bs int, c *float64, beta float64, load int)

// sdot4 and ddot4 need k to be a multiple of the vector width (8 and 4).
//
//go:noescape
func sdot4(k int, a, b *float32, ldb int, c *float32)

//go:noescape
func ddot4(k int, a, b *float64, ldb int, c *float64)

//go:noescape
func spackB16(kc int, src *float32, ldb int, dst *float32)

//go:noescape
func dpackB8(kc int, src *float64, ldb int, dst *float64)

// spackBT16 and dpackBT8 pack a full panel of transposed B; spackA6 and
// dpackA6 a full panel of untransposed A, times alpha. kc must be a multiple
// of 8 (float32) or 4 (float64).
//
//go:noescape
func spackBT16(kc int, src *float32, ldb int, dst *float32)

//go:noescape
func spackA6(kc int, src *float32, lda int, dst *float32, alpha float32)

//go:noescape
func dpackBT8(kc int, src *float64, ldb int, dst *float64)

//go:noescape
func dpackA6(kc int, src *float64, lda int, dst *float64, alpha float64)

func packBTAVX2s(kc int, src []float32, ldb int, dst []float32) {
	_ = src[15*ldb+kc-1]
	_ = dst[kc*16-1]
	kv := kc &^ 7
	if kv > 0 {
		spackBT16(kv, &src[0], ldb, &dst[0])
	}
	packTail(kv, kc, src, ldb, dst, 16, 1)
}

func packAAVX2s(kc int, src []float32, lda int, dst []float32, alpha float32) {
	_ = src[5*lda+kc-1]
	_ = dst[kc*6-1]
	kv := kc &^ 7
	if kv > 0 {
		spackA6(kv, &src[0], lda, &dst[0], alpha)
	}
	packTail(kv, kc, src, lda, dst, 6, alpha)
}

func packBTAVX2d(kc int, src []float64, ldb int, dst []float64) {
	_ = src[7*ldb+kc-1]
	_ = dst[kc*8-1]
	kv := kc &^ 3
	if kv > 0 {
		dpackBT8(kv, &src[0], ldb, &dst[0])
	}
	packTail(kv, kc, src, ldb, dst, 8, 1)
}

func packAAVX2d(kc int, src []float64, lda int, dst []float64, alpha float64) {
	_ = src[5*lda+kc-1]
	_ = dst[kc*6-1]
	kv := kc &^ 3
	if kv > 0 {
		dpackA6(kv, &src[0], lda, &dst[0], alpha)
	}
	packTail(kv, kc, src, lda, dst, 6, alpha)
}

// packTail packs steps p in [from, kc) of a transposing pack:
// dst[p*w+i] = alpha·src[i*ld+p] for i < w.
func packTail[T float](from, kc int, src []T, ld int, dst []T, w int, alpha T) {
	for p := from; p < kc; p++ {
		d := dst[p*w : p*w+w]
		for i := range d {
			d[i] = alpha * src[i*ld+p]
		}
	}
}

func b2i(b bool) int {
	if b {
		return 1
	}
	return 0
}

func rowAVX2s(k int, a, b []float32, bs int, c []float32, beta float32, load bool) {
	if k == 0 {
		store0(c[:16], beta, load)
		return
	}
	_ = b[(k-1)*bs+15]
	sgemmRow16(k, &a[0], &b[0], bs, &c[0], beta, b2i(load))
}

func rowAVX2d(k int, a, b []float64, bs int, c []float64, beta float64, load bool) {
	if k == 0 {
		store0(c[:8], beta, load)
		return
	}
	_ = b[(k-1)*bs+7]
	dgemmRow8(k, &a[0], &b[0], bs, &c[0], beta, b2i(load))
}

func dot4AVX2s(k int, a, b []float32, ldb int, c []float32) {
	_ = b[3*ldb+k-1]
	kv := k &^ 7
	if kv > 0 {
		sdot4(kv, &a[0], &b[0], ldb, &c[0])
	} else {
		c[0], c[1], c[2], c[3] = 0, 0, 0, 0
	}
	for p := kv; p < k; p++ {
		c[0] += a[p] * b[p]
		c[1] += a[p] * b[ldb+p]
		c[2] += a[p] * b[2*ldb+p]
		c[3] += a[p] * b[3*ldb+p]
	}
}

func dot4AVX2d(k int, a, b []float64, ldb int, c []float64) {
	_ = b[3*ldb+k-1]
	kv := k &^ 3
	if kv > 0 {
		ddot4(kv, &a[0], &b[0], ldb, &c[0])
	} else {
		c[0], c[1], c[2], c[3] = 0, 0, 0, 0
	}
	for p := kv; p < k; p++ {
		c[0] += a[p] * b[p]
		c[1] += a[p] * b[ldb+p]
		c[2] += a[p] * b[2*ldb+p]
		c[3] += a[p] * b[3*ldb+p]
	}
}

func copyPanelAVX2s(kc int, src []float32, ldb int, dst []float32) {
	_ = src[(kc-1)*ldb+15]
	_ = dst[kc*16-1]
	spackB16(kc, &src[0], ldb, &dst[0])
}

func copyPanelAVX2d(kc int, src []float64, ldb int, dst []float64) {
	_ = src[(kc-1)*ldb+7]
	_ = dst[kc*8-1]
	dpackB8(kc, &src[0], ldb, &dst[0])
}

// store0 is the k == 0 case of a row kernel: c = beta·c or 0.
func store0[T float](c []T, beta T, load bool) {
	for j := range c {
		if load {
			c[j] *= beta
		} else {
			c[j] = 0
		}
	}
}

func microAVX2s(k int, a, b []float32, bs int, c []float32, ldc int, beta float32, load bool) {
	l := 0
	if load {
		l = 1
	}
	sgemmKernel6x16(k, &a[0], &b[0], bs, &c[0], ldc, beta, l)
}

func microAVX2d(k int, a, b []float64, bs int, c []float64, ldc int, beta float64, load bool) {
	l := 0
	if load {
		l = 1
	}
	dgemmKernel6x8(k, &a[0], &b[0], bs, &c[0], ldc, beta, l)
}

// Blocking for Zen 3 (32 KiB L1d, 512 KiB L2, 32 MiB L3), as in BLIS's
// Zen configuration: a kc×nr panel of B is 16 KiB, an mc×kc block of A
// 144 KiB (float32) so both stay in cache while they are reused.
func asmImpls32() []*impl[float32] {
	if !hasAVX2FMA() {
		return nil
	}
	ims := avx512Impls32()
	im := newImpl[float32]("avx2", 6, 16, 144, 256, 4080, microAVX2s)
	im.row, im.dot4, im.copyPanel = rowAVX2s, dot4AVX2s, copyPanelAVX2s
	im.packPanelA, im.packPanelBT = packAAVX2s, packBTAVX2s
	return append(ims, im)
}

func asmImpls64() []*impl[float64] {
	if !hasAVX2FMA() {
		return nil
	}
	ims := avx512Impls64()
	im := newImpl[float64]("avx2", 6, 8, 72, 256, 4080, microAVX2d)
	im.row, im.dot4, im.copyPanel = rowAVX2d, dot4AVX2d, copyPanelAVX2d
	im.packPanelA, im.packPanelBT = packAAVX2d, packBTAVX2d
	return append(ims, im)
}
