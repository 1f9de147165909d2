//go:build amd64 && !purego

package rng

//go:noescape
func normalFill16AVX2(d *float32, blocks int, mean, std float32)

func cpuid(eaxArg, ecxArg uint32) (eax, ebx, ecx, edx uint32)

func xgetbv() (eax, edx uint32)

// haveAVX2FMA reports whether the CPU and OS support AVX2 and FMA.
var haveAVX2FMA = func() bool {
	maxLeaf, _, _, _ := cpuid(0, 0)
	if maxLeaf < 7 {
		return false
	}
	_, _, ecx1, _ := cpuid(1, 0)
	const fma, osxsave, avx = 1 << 12, 1 << 27, 1 << 28
	if ecx1&(fma|osxsave|avx) != fma|osxsave|avx {
		return false
	}
	if xcr0, _ := xgetbv(); xcr0&6 != 6 {
		return false
	}
	_, ebx7, _, _ := cpuid(7, 0)
	return ebx7&(1<<5) != 0
}()

// normalBlocksF32 runs normalFill16F32 over len(d)/16 whole blocks.
func normalBlocksF32(d []float32, mean, std float32) {
	nb := len(d) / 16
	if nb == 0 {
		return
	}
	if haveAVX2FMA {
		normalFill16AVX2(&d[0], nb, mean, std)
		return
	}
	for i := 0; i < nb; i++ {
		normalFill16F32(d[16*i:16*i+16], mean, std)
	}
}

// cpuMatchesFixtures reports whether this CPU takes the same code paths in
// PyTorch (its AVX2 kernels) and glibc (its FMA variants) as the machine the
// fixtures were recorded on.
func cpuMatchesFixtures() bool { return haveAVX2FMA }
