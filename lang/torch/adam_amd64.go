//go:build amd64 && !purego && !noasm

package torch

func adamCPUID(eaxArg, ecxArg uint32) (eax, ebx, ecx, edx uint32)
func adamXGETBV() (eax, edx uint32)

//go:noescape
func adamAVX2(p, gr, ea, eas *float32, n int, c *[8]float32)

var adamHasAVX2 = func() bool {
	maxLeaf, _, _, _ := adamCPUID(0, 0)
	if maxLeaf < 7 {
		return false
	}
	_, _, ecx1, _ := adamCPUID(1, 0)
	const osxsave, avx = 1 << 27, 1 << 28
	if ecx1&osxsave == 0 || ecx1&avx == 0 {
		return false
	}
	if lo, _ := adamXGETBV(); lo&6 != 6 {
		return false
	}
	_, ebx7, _, _ := adamCPUID(7, 0)
	return ebx7&(1<<5) != 0
}()

// adamVec runs the AVX2 kernel on the first multiple of 8 elements and
// returns how many it did.
func adamVec(p, g, m, v []float32, c *[8]float32) int {
	n := len(p) &^ 7
	if !adamHasAVX2 || n == 0 {
		return 0
	}
	adamAVX2(&p[0], &g[0], &m[0], &v[0], n, c)
	return n
}

// adamHasAVX2Enabled switches the kernel (tests); returns the old setting.
func adamHasAVX2Enabled(on bool) bool {
	old := adamHasAVX2
	adamHasAVX2 = on && adamDetected
	return old
}

var adamDetected = adamHasAVX2
