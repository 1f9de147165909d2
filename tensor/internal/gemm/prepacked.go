package gemm

// Prepacked right operands: a product that reuses the same B (a layer's
// weights in a compiled graph) packs it once in the micro-kernel's panel
// layout, and each call then packs only A.

// PackedB32 is op(B), k×n float32, packed block by block in the order the
// serial loop nest visits them.
type PackedB32 struct {
	im     *impl[float32] // the implementation whose layout it is in
	k, n   int
	blocks [][]float32
}

// PackB32 packs op(B) (B is k×n, or n×k if transB, with row stride ldb).
func PackB32(transB bool, k, n int, b []float32, ldb int) *PackedB32 {
	return packB32(impls32[0], transB, k, n, b, ldb)
}

func packB32(im *impl[float32], transB bool, k, n int, b []float32, ldb int) *PackedB32 {
	checkArgs(false, transB, 1, n, k, max(k, 1), ldb, max(n, 1), k, len(b), n)
	p := &PackedB32{im: im, k: k, n: n}
	for jc := 0; jc < n; jc += im.nc {
		nc := min(im.nc, n-jc)
		for pc := 0; pc < k; pc += im.kc {
			kc := min(im.kc, k-pc)
			buf := make([]float32, roundUp(nc, im.nr)*kc)
			packB(buf, transB, b, ldb, pc, jc, kc, nc, im.nr, im.copyPanel, im.packPanelBT)
			p.blocks = append(p.blocks, buf)
		}
	}
	return p
}

// SgemmPacked computes C = A·op(B) + beta·C on one goroutine, A m×k
// (row stride lda), C m×n (row stride ldc), with op(B) prepacked. It
// returns false (doing nothing) for shapes the packed path does not take
// (m below half the kernel's tile height, where the unpacked row kernels
// waste fewer FMAs than a tile mostly of zero rows; k == 0); the caller
// then uses Sgemm. Rows and columns past the last full tile go through the
// macro-kernel's edge tiles.
func SgemmPacked(m int, a []float32, lda int, pb *PackedB32, beta float32, c []float32, ldc int) bool {
	im := pb.im
	k, n := pb.k, pb.n
	if 2*m < im.mr || n == 0 || k == 0 {
		return false
	}
	checkArgs(false, false, m, n, k, lda, max(n, 1), ldc, len(a), k*n, len(c))
	ws := im.wsPool.Get().(*workspace[float32])
	saved := ws.b
	ws.a = grow(ws.a, min(im.mc, roundUp(m, im.mr))*min(im.kc, k))
	ws.tile = grow(ws.tile, im.mr*im.nr)
	bi := 0
	for jc := 0; jc < n; jc += im.nc {
		nc := min(im.nc, n-jc)
		for pc := 0; pc < k; pc += im.kc {
			kc := min(im.kc, k-pc)
			b, load := beta, beta != 0
			if pc > 0 {
				b, load = 1, true
			}
			ws.b = pb.blocks[bi]
			bi++
			for ic := 0; ic < m; ic += im.mc {
				mc := min(im.mc, m-ic)
				packA(ws.a, false, a, lda, ic, pc, mc, kc, im.mr, 1, im.packPanelA)
				im.macro(ws, mc, nc, kc, c[ic*ldc+jc:], ldc, b, load)
			}
		}
	}
	ws.b = saved
	im.wsPool.Put(ws)
	return true
}
