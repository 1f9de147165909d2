//go:build amd64 && !purego && !noasm

package gemm

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
	return []*impl[float32]{newImpl[float32]("avx2", 6, 16, 144, 256, 4080, microAVX2s)}
}

func asmImpls64() []*impl[float64] {
	if !hasAVX2FMA() {
		return nil
	}
	return []*impl[float64]{newImpl[float64]("avx2", 6, 8, 72, 256, 4080, microAVX2d)}
}
