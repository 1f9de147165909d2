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
	return sgemmPacked(m, a, lda, pb, beta, c, ldc, nil, false)
}

// SgemmPackedBias is SgemmPacked with beta 0 followed by a linear layer's
// epilogue: c[i*ldc+j] += bias[j] for j < n (no bias when bias is nil),
// then, if relu, max(c, 0) (NaN stays NaN, as torch's relu). The
// AVX-512 kernels apply it while the tile is still in registers; the
// results are the bits of the separate passes.
func SgemmPackedBias(m int, a []float32, lda int, pb *PackedB32, bias []float32, relu bool, c []float32, ldc int) bool {
	if bias != nil && len(bias) < pb.n {
		panic("gemm: bias too short")
	}
	return sgemmPacked(m, a, lda, pb, 0, c, ldc, bias, relu)
}

func sgemmPacked(m int, a []float32, lda int, pb *PackedB32, beta float32, c []float32, ldc int, bias []float32, relu bool) bool {
	im := pb.im
	k, n := pb.k, pb.n
	if 2*m < im.mr || n == 0 || k == 0 {
		return false
	}
	checkArgs(false, false, m, n, k, lda, max(n, 1), ldc, len(a), k*n, len(c))
	epi := bias != nil || relu
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
			// The epilogue goes with the last pass over k.
			var eb []float32
			er := false
			if pc+kc == k && epi && im.direct != nil {
				if bias != nil {
					eb = bias[jc : jc+nc]
				}
				er = relu
			}
			ws.b = pb.blocks[bi]
			bi++
			for ic := 0; ic < m; ic += im.mc {
				mc := min(im.mc, m-ic)
				if im.direct != nil {
					// Whole panels of rows are read in place; only the
					// last few rows (fewer than mr) are packed.
					full := mc / im.mr * im.mr
					im.macroDirect(ws, a[ic*lda+pc:], lda, full, nc, kc, c[ic*ldc+jc:], ldc, b, load, eb, er)
					if full == mc {
						continue
					}
					ic, mc = ic+full, mc-full
				}
				packA(ws.a, false, a, lda, ic, pc, mc, kc, im.mr, 1, im.packPanelA)
				im.macro(ws, mc, nc, kc, c[ic*ldc+jc:], ldc, b, load)
				if eb != nil || er {
					for i := ic; i < ic+mc; i++ {
						epilogueT(c[i*ldc+jc:i*ldc+jc+nc], eb, er)
					}
				}
			}
		}
	}
	if epi && im.direct == nil {
		for i := 0; i < m; i++ {
			epilogueT(c[i*ldc:i*ldc+n], bias, relu)
		}
	}
	ws.b = saved
	im.wsPool.Put(ws)
	return true
}

// macroDirect is macro with A read in place (m rows, a multiple of mr,
// with row stride lda) by the direct micro-kernel instead of packed, and
// the epilogue (bias, relu; see SgemmPackedBias) applied to every tile.
func (im *impl[T]) macroDirect(ws *workspace[T], a []T, lda, m, nc, kc int, c []T, ldc int, beta T, load bool, bias []T, relu bool) {
	mr, nr := im.mr, im.nr
	tile := ws.tile
	for jr := 0; jr < nc; jr += nr {
		nrr := min(nr, nc-jr)
		bp := ws.b[jr*kc:]
		var bj []T
		if bias != nil {
			bj = bias[jr : jr+nrr]
		}
		for ir := 0; ir < m; ir += mr {
			ap := a[ir*lda:]
			ci := ir*ldc + jr
			if nrr == nr {
				im.direct(kc, ap, lda, bp, nr, c[ci:], ldc, beta, load, bj, relu)
				continue
			}
			// Edge tile: the epilogue runs here, after the merge, so
			// that it sees the final sums.
			if 2*nrr <= nr && im.directHalf != nil {
				im.directHalf(kc, ap, lda, bp, nr, tile, nr, 0, false, nil, false)
			} else {
				im.direct(kc, ap, lda, bp, nr, tile, nr, 0, false, nil, false)
			}
			for i := 0; i < mr; i++ {
				row := c[ci+i*ldc : ci+i*ldc+nrr]
				merge(row, 1, nrr, tile[i*nr:], beta, load)
				if bj != nil || relu {
					epilogueT(row, bj, relu)
				}
			}
		}
	}
}

// epilogueT sets c[j] = c[j] + bias[j] (bias nil: c[j]) and then, if
// relu, 0 where that is below 0: what the kernels' VMAXPS does, keeping
// NaN and -0.
func epilogueT[T float](c, bias []T, relu bool) {
	if bias != nil {
		bias = bias[:len(c)]
	}
	for j, x := range c {
		if bias != nil {
			x += bias[j]
		}
		if relu && x < 0 {
			x = 0
		}
		c[j] = x
	}
}
