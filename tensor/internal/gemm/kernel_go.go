package gemm

// microGo is the portable micro-kernel: a 4×4 tile held in sixteen scalar
// locals, which the Go compiler keeps in registers. It is the fallback on
// machines without AVX2+FMA, under the purego/noasm tags, and on other
// architectures.
func microGo[T float](k int, a, b []T, bs int, c []T, ldc int, beta T, load bool) {
	var c00, c01, c02, c03 T
	var c10, c11, c12, c13 T
	var c20, c21, c22, c23 T
	var c30, c31, c32, c33 T
	a = a[:4*k]
	for p := 0; p < k; p++ {
		ap := a[4*p : 4*p+4 : 4*p+4]
		bp := b[p*bs : p*bs+4 : p*bs+4]
		b0, b1, b2, b3 := bp[0], bp[1], bp[2], bp[3]
		a0 := ap[0]
		c00 += a0 * b0
		c01 += a0 * b1
		c02 += a0 * b2
		c03 += a0 * b3
		a1 := ap[1]
		c10 += a1 * b0
		c11 += a1 * b1
		c12 += a1 * b2
		c13 += a1 * b3
		a2 := ap[2]
		c20 += a2 * b0
		c21 += a2 * b1
		c22 += a2 * b2
		c23 += a2 * b3
		a3 := ap[3]
		c30 += a3 * b0
		c31 += a3 * b1
		c32 += a3 * b2
		c33 += a3 * b3
	}
	store4(c[0:4:4], c00, c01, c02, c03, beta, load)
	store4(c[ldc:ldc+4:ldc+4], c10, c11, c12, c13, beta, load)
	store4(c[2*ldc:2*ldc+4:2*ldc+4], c20, c21, c22, c23, beta, load)
	store4(c[3*ldc:3*ldc+4:3*ldc+4], c30, c31, c32, c33, beta, load)
}

func store4[T float](c []T, x0, x1, x2, x3, beta T, load bool) {
	if load {
		x0 += beta * c[0]
		x1 += beta * c[1]
		x2 += beta * c[2]
		x3 += beta * c[3]
	}
	c[0], c[1], c[2], c[3] = x0, x1, x2, x3
}

// rowGo4 is the portable row kernel (see impl.row) for nr = 4.
func rowGo4[T float](k int, a, b []T, bs int, c []T, beta T, load bool) {
	var c0, c1, c2, c3 T
	for p, ap := range a[:k] {
		bp := b[p*bs : p*bs+4 : p*bs+4]
		c0 += ap * bp[0]
		c1 += ap * bp[1]
		c2 += ap * bp[2]
		c3 += ap * bp[3]
	}
	store4(c[:4:4], c0, c1, c2, c3, beta, load)
}

// dot4Go is the portable dot4 kernel (see impl.dot4).
func dot4Go[T float](k int, a, b []T, ldb int, c []T) {
	a = a[:k]
	b0, b1, b2, b3 := b[:k], b[ldb:ldb+k], b[2*ldb:2*ldb+k], b[3*ldb:3*ldb+k]
	var c0, c1, c2, c3 T
	for p, ap := range a {
		c0 += ap * b0[p]
		c1 += ap * b1[p]
		c2 += ap * b2[p]
		c3 += ap * b3[p]
	}
	c[0], c[1], c[2], c[3] = c0, c1, c2, c3
}

var (
	goImpl32 = newImpl[float32]("go", 4, 4, 128, 256, 4096, microGo[float32])
	goImpl64 = newImpl[float64]("go", 4, 4, 128, 256, 4096, microGo[float64])
)
