package gemm

import (
	"runtime"
	"sync"
	"sync/atomic"
	"time"
)

type float interface{ ~float32 | ~float64 }

// impl is one GEMM implementation: a register-blocked micro-kernel plus the
// cache-blocking parameters that suit it. The driver below is shared by all
// implementations, so the test suite can run every entry of the tables
// (assembly and pure Go) on the same machine.
type impl[T float] struct {
	name string
	// mr×nr is the tile of C that micro computes; A is packed in panels of
	// mr rows and B in panels of nr columns.
	mr, nr int
	// mc×kc is the block of A packed at once (sized to stay in L2), kc×nc
	// the block of B (sized for L3). kc also bounds the micro-kernel's loop
	// so that one nr-wide panel of B stays in L1.
	mc, kc, nc int
	// micro computes the mr×nr tile acc = Σ_p a[p*mr+i]·b[p*bs+j] over k
	// steps and stores acc (load false; C is not read) or acc + beta·C
	// (load true) into c with row stride ldc. a is a packed panel; b has row
	// stride bs (nr for a packed panel).
	micro func(k int, a, b []T, bs int, c []T, ldc int, beta T, load bool)

	// For products with fewer than mr rows (a batch-1 linear layer is
	// 1×k·k×n) packing B would cost as much as the product itself and the
	// micro-kernel would waste most of its FMAs on zero rows, so they use
	// two unpacked kernels instead:
	// row computes c[j] = Σ_p a[p]·b[p*bs+j] (+ beta·c[j] when load) for
	// j < nr, with B read in place;
	row func(k int, a, b []T, bs int, c []T, beta T, load bool)
	// dot4 computes c[j] = Σ_p a[p]·b[j*ldb+p] for j < 4 (B transposed:
	// its rows are contiguous in p), C not read.
	dot4 func(k int, a, b []T, ldb int, c []T)
	// copyPanel, if not nil, packs one full nr-wide panel of untransposed B:
	// dst[p*nr+j] = src[p*ldb+j].
	copyPanel func(kc int, src []T, ldb int, dst []T)
	// packPanelBT, if not nil, packs one full panel of transposed B:
	// dst[p*nr+j] = src[j*ldb+p]. packPanelA, if not nil, packs one full
	// panel of untransposed A: dst[p*mr+i] = alpha·src[i*lda+p]. These are
	// the transposing packs, slow in scalar code.
	packPanelBT func(kc int, src []T, ldb int, dst []T)
	packPanelA  func(kc int, src []T, lda int, dst []T, alpha T)
	// direct, if not nil, is micro with A read in place: mr rows of a,
	// lda apart, instead of a packed panel (alpha must be 1), followed by
	// a linear layer's epilogue: + bias[j] (bias nil: none), then
	// max(·, 0) if relu. Prepacked products use it, so that they pack
	// nothing per call and do not pass over C again.
	direct func(k int, a []T, lda int, b []T, bs int, c []T, ldc int, beta T, load bool, bias []T, relu bool)
	// directHalf, if not nil, is direct for the left nr/2 columns only
	// (a layer with 10 outputs needs a third of a 32-wide tile).
	directHalf func(k int, a []T, lda int, b []T, bs int, c []T, ldc int, beta T, load bool, bias []T, relu bool)

	wsPool  *sync.Pool // *workspace[T]
	jobPool *sync.Pool // *job[T]
}

// workspace holds one goroutine's packing buffers. They only grow, and are
// recycled through impl.wsPool, so steady-state calls do not allocate.
type workspace[T float] struct {
	a, b, tile []T
}

func grow[T float](s []T, n int) []T {
	if cap(s) < n {
		return make([]T, n)
	}
	return s[:n]
}

// args is one GEMM problem (or a part of one, for a worker).
type args[T float] struct {
	transA, transB bool
	m, n, k        int
	alpha          T
	a              []T
	lda            int
	b              []T
	ldb            int
	beta           T
	c              []T
	ldc            int
}

// parMinFlops is the smallest m·n·k split across goroutines: below it the
// hand-off (~µs) costs more than the second core gains.
const parMinFlops = 96 * 96 * 96

// maxParts bounds the number of parts of one product.
const maxParts = 64

func (im *impl[T]) gemm(stop *atomic.Bool, p args[T]) bool {
	checkArgs(p.transA, p.transB, p.m, p.n, p.k, p.lda, p.ldb, p.ldc, len(p.a), len(p.b), len(p.c))
	if p.m == 0 || p.n == 0 {
		return true
	}
	if p.k == 0 || p.alpha == 0 {
		// BLAS semantics: A and B are not referenced.
		scaleC(p.m, p.n, p.beta, p.c, p.ldc)
		return true
	}
	t := min(Threads(), maxParts)
	if t > 1 && p.m*p.n*p.k >= parMinFlops {
		// Split the larger of m and n: each part packs its own copy of the
		// other operand, so this keeps the duplicated packing small
		// relative to the work, and the parts need no synchronisation.
		splitM := p.m >= p.n
		// Parts are whole tiles (mr rows or nr columns; nr rows for
		// smallN, which works on the transposed product), and the
		// remainder goes to the last part, so every part computes each
		// element with the same kernel as a serial call would: results
		// do not depend on the number of threads.
		unit, total := im.nr, p.n
		if splitM {
			unit, total = im.mr, p.m
			if p.n < im.mr {
				unit = im.nr
			}
		}
		units := total / unit
		t = min(t, units)
		if t > 1 {
			return im.parallel(stop, p, t, splitM, unit, units)
		}
	}
	ws := im.wsPool.Get().(*workspace[T])
	ok := im.serial(stop, ws, p)
	im.wsPool.Put(ws)
	return ok
}

func scaleC[T float](m, n int, beta T, c []T, ldc int) {
	for i := 0; i < m; i++ {
		row := c[i*ldc : i*ldc+n]
		if beta == 0 {
			clear(row)
			continue
		}
		if beta == 1 {
			continue
		}
		for j := range row {
			row[j] *= beta
		}
	}
}

// serial runs the blocked algorithm (the Goto/BLIS loop nest) on one
// goroutine.
func (im *impl[T]) serial(stop *atomic.Bool, ws *workspace[T], p args[T]) bool {
	mr, nr := im.mr, im.nr
	if p.m < mr {
		return im.small(stop, ws, p, 1)
	}
	if p.n < mr {
		return im.smallN(stop, ws, p)
	}
	kcMax := min(im.kc, p.k)
	mcMax := min(im.mc, roundUp(p.m, mr))
	ncMax := min(im.nc, roundUp(p.n, nr))
	ws.a = grow(ws.a, mcMax*kcMax)
	ws.b = grow(ws.b, ncMax*kcMax)
	ws.tile = grow(ws.tile, mr*nr)
	for jc := 0; jc < p.n; jc += im.nc {
		nc := min(im.nc, p.n-jc)
		for pc := 0; pc < p.k; pc += im.kc {
			kc := min(im.kc, p.k-pc)
			// Only the first pass over k applies the caller's beta; the
			// later ones accumulate onto what the first wrote.
			beta, load := p.beta, p.beta != 0
			if pc > 0 {
				beta, load = 1, true
			}
			packB(ws.b, p.transB, p.b, p.ldb, pc, jc, kc, nc, nr, im.copyPanel, im.packPanelBT)
			for ic := 0; ic < p.m; ic += im.mc {
				if stop != nil && stop.Load() {
					return false
				}
				mc := min(im.mc, p.m-ic)
				packA(ws.a, p.transA, p.a, p.lda, ic, pc, mc, kc, mr, p.alpha, im.packPanelA)
				im.macro(ws, mc, nc, kc, p.c[ic*p.ldc+jc:], p.ldc, beta, load)
			}
		}
	}
	return true
}

// small computes products with m < mr row by row with the unpacked row and
// dot4 kernels. Element (i, j) of C is c[i*ldc+j*cs]: cs is 1 except for
// the transposed products of smallN.
func (im *impl[T]) small(stop *atomic.Bool, ws *workspace[T], p args[T], cs int) bool {
	nr := im.nr
	ws.a = grow(ws.a, p.k)
	ws.tile = grow(ws.tile, max(nr, 4))
	tile := ws.tile
	load := p.beta != 0
	nfull := p.n / nr * nr
	if !p.transB && nfull < p.n {
		// The last, partial panel is packed (zero-padded) so the kernel
		// never reads past the end of B.
		ws.b = grow(ws.b, p.k*nr)
		packB(ws.b, false, p.b, p.ldb, 0, nfull, p.k, p.n-nfull, nr, nil, nil)
	}
	for i := 0; i < p.m; i++ {
		if stop != nil && stop.Load() {
			return false
		}
		// The row of alpha·op(A), contiguous.
		arow := ws.a[:p.k]
		if p.transA {
			for l := range arow {
				arow[l] = p.alpha * p.a[l*p.lda+i]
			}
		} else {
			for l, v := range p.a[i*p.lda : i*p.lda+p.k] {
				arow[l] = p.alpha * v
			}
		}
		crow := p.c[i*p.ldc:]
		if !p.transB {
			for j := 0; j < nfull; j += nr {
				if j%(256*nr) == 0 && stop != nil && stop.Load() {
					return false
				}
				if cs == 1 {
					im.row(p.k, arow, p.b[j:], p.ldb, crow[j:], p.beta, load)
					continue
				}
				im.row(p.k, arow, p.b[j:], p.ldb, tile, 0, false)
				merge(crow[j*cs:], cs, nr, tile, p.beta, load)
			}
			if nfull < p.n {
				im.row(p.k, arow, ws.b, nr, tile, 0, false)
				merge(crow[nfull*cs:], cs, p.n-nfull, tile, p.beta, load)
			}
			continue
		}
		j := 0
		for ; j+4 <= p.n; j += 4 {
			if j%1024 == 0 && stop != nil && stop.Load() {
				return false
			}
			im.dot4(p.k, arow, p.b[j*p.ldb:], p.ldb, tile)
			merge(crow[j*cs:], cs, 4, tile, p.beta, load)
		}
		for ; j < p.n; j++ {
			var s T
			for l, v := range p.b[j*p.ldb : j*p.ldb+p.k] {
				s += arow[l] * v
			}
			tile[0] = s
			merge(crow[j*cs:], cs, 1, tile, p.beta, load)
		}
	}
	return true
}

// smallN computes products with n < mr (a matrix-vector product is
// m×k·k×1) as the transposed product Cᵀ = op(B)ᵀ·op(A)ᵀ, which has fewer
// than mr rows, so small applies; Cᵀ is C read with swapped strides.
func (im *impl[T]) smallN(stop *atomic.Bool, ws *workspace[T], p args[T]) bool {
	q := args[T]{
		transA: !p.transB, transB: !p.transA,
		m: p.n, n: p.m, k: p.k, alpha: p.alpha,
		a: p.b, lda: p.ldb, b: p.a, ldb: p.lda,
		beta: p.beta, c: p.c, ldc: 1,
	}
	return im.small(stop, ws, q, p.ldc)
}

// merge sets c[j*cs] = t[j] (+ beta·c[j*cs] when load) for j < n.
func merge[T float](c []T, cs, n int, t []T, beta T, load bool) {
	t = t[:n]
	if cs == 1 {
		c = c[:n]
		if !load {
			copy(c, t)
			return
		}
		for j := range c {
			c[j] = t[j] + beta*c[j]
		}
		return
	}
	for j, v := range t {
		if load {
			v += beta * c[j*cs]
		}
		c[j*cs] = v
	}
}

// macro multiplies the packed mc×kc block of A by the packed kc×nc block of
// B into C. The B panel is the outer loop so that it stays in L1 while the
// A panels stream from L2.
func (im *impl[T]) macro(ws *workspace[T], mc, nc, kc int, c []T, ldc int, beta T, load bool) {
	mr, nr := im.mr, im.nr
	tile := ws.tile
	for jr := 0; jr < nc; jr += nr {
		nrr := min(nr, nc-jr)
		bp := ws.b[jr*kc:]
		for ir := 0; ir < mc; ir += mr {
			mrr := min(mr, mc-ir)
			ap := ws.a[ir*kc:]
			ci := ir*ldc + jr
			if mrr == mr && nrr == nr {
				im.micro(kc, ap, bp, nr, c[ci:], ldc, beta, load)
				continue
			}
			// Edge tile: compute the full tile into scratch, then merge
			// the valid part, so the kernel never writes outside C.
			im.micro(kc, ap, bp, nr, tile, nr, 0, false)
			for i := 0; i < mrr; i++ {
				row := c[ci+i*ldc : ci+i*ldc+nrr]
				t := tile[i*nr : i*nr+nrr]
				if load {
					for j := range row {
						row[j] = t[j] + beta*row[j]
					}
				} else {
					copy(row, t)
				}
			}
		}
	}
}

func roundUp(x, m int) int { return (x + m - 1) / m * m }

// packA copies the mc×kc block of alpha·op(A) starting at (ic, pc) into
// panels of mr rows, each stored k-major (mr values per k step) so the
// micro-kernel reads it sequentially. Rows past mc are zero, so edge tiles
// need no special kernel. Scaling by alpha here costs nothing extra and
// keeps alpha out of the kernels.
func packA[T float](dst []T, trans bool, a []T, lda, ic, pc, mc, kc, mr int, alpha T, fast func(kc int, src []T, lda int, dst []T, alpha T)) {
	for ir := 0; ir < mc; ir += mr {
		mrr := min(mr, mc-ir)
		d := dst[ir*kc : ir*kc+mr*kc]
		if !trans && mrr == mr && fast != nil {
			fast(kc, a[(ic+ir)*lda+pc:], lda, d, alpha)
			continue
		}
		if trans {
			// op(A)[i][p] = A[p][i]: each k step is a contiguous run.
			for p := 0; p < kc; p++ {
				src := a[(pc+p)*lda+ic+ir:]
				src = src[:mrr]
				dp := d[p*mr : p*mr+mr]
				for i, v := range src {
					dp[i] = alpha * v
				}
				clear(dp[mrr:])
			}
			continue
		}
		for i := 0; i < mrr; i++ {
			src := a[(ic+ir+i)*lda+pc:]
			src = src[:kc]
			for p, v := range src {
				d[p*mr+i] = alpha * v
			}
		}
		for i := mrr; i < mr; i++ {
			for p := 0; p < kc; p++ {
				d[p*mr+i] = 0
			}
		}
	}
}

// packB copies the kc×nc block of op(B) starting at (pc, jc) into panels of
// nr columns, each stored k-major (nr values per k step), zero-padded past
// nc.
func packB[T float](dst []T, trans bool, b []T, ldb, pc, jc, kc, nc, nr int, copyPanel, transPanel func(kc int, src []T, ldb int, dst []T)) {
	for jr := 0; jr < nc; jr += nr {
		nrr := min(nr, nc-jr)
		d := dst[jr*kc : jr*kc+nr*kc]
		if trans && nrr == nr && transPanel != nil {
			transPanel(kc, b[(jc+jr)*ldb+pc:], ldb, d)
			continue
		}
		if !trans && nrr == nr && copyPanel != nil {
			copyPanel(kc, b[pc*ldb+jc+jr:], ldb, d)
			continue
		}
		if !trans {
			for p := 0; p < kc; p++ {
				src := b[(pc+p)*ldb+jc+jr:]
				dp := d[p*nr : p*nr+nr]
				copy(dp, src[:nrr])
				clear(dp[nrr:])
			}
			continue
		}
		// op(B)[p][j] = B[j][p]: read each row of B contiguously.
		for j := 0; j < nrr; j++ {
			src := b[(jc+jr+j)*ldb+pc:]
			src = src[:kc]
			for p, v := range src {
				d[p*nr+j] = v
			}
		}
		for j := nrr; j < nr; j++ {
			for p := 0; p < kc; p++ {
				d[p*nr+j] = 0
			}
		}
	}
}

// job is one parallel product; workers run its parts. Jobs are recycled
// through impl.jobPool so a parallel call does not allocate.
type job[T float] struct {
	im      *impl[T]
	stop    *atomic.Bool
	p       args[T]
	splitM  bool
	bounds  [maxParts + 1]int
	stopped atomic.Bool
	pending atomic.Int32 // parts not yet finished, for spinning
	wg      sync.WaitGroup
}

func (j *job[T]) runPart(i int) {
	defer j.wg.Done()
	defer j.pending.Add(-1)
	lo, hi := j.bounds[i], j.bounds[i+1]
	q := j.p
	if j.splitM {
		q.m = hi - lo
		if q.transA {
			q.a = q.a[lo:]
		} else {
			q.a = q.a[lo*q.lda:]
		}
		q.c = q.c[lo*q.ldc:]
	} else {
		q.n = hi - lo
		if q.transB {
			q.b = q.b[lo*q.ldb:]
		} else {
			q.b = q.b[lo:]
		}
		q.c = q.c[lo:]
	}
	ws := j.im.wsPool.Get().(*workspace[T])
	if !j.im.serial(j.stop, ws, q) {
		j.stopped.Store(true)
	}
	j.im.wsPool.Put(ws)
}

func (im *impl[T]) parallel(stop *atomic.Bool, p args[T], t int, splitM bool, unit, units int) bool {
	j := im.jobPool.Get().(*job[T])
	j.im, j.stop, j.p, j.splitM = im, stop, p, splitM
	j.stopped.Store(false)
	total := p.n
	if splitM {
		total = p.m
	}
	for i := 0; i < t; i++ {
		j.bounds[i] = (units * i / t) * unit
	}
	j.bounds[t] = total
	j.wg.Add(t)
	j.pending.Store(int32(t))
	startWorkers(t - 1)
	for i := 1; i < t; i++ {
		workCh <- work{j, i}
	}
	j.runPart(0)
	// The parts are about equal, so the others usually finish within
	// microseconds: spin briefly before parking, since waking a parked
	// goroutine costs more than that.
	spinUntil(func() bool { return j.pending.Load() == 0 })
	j.wg.Wait()
	ok := !j.stopped.Load()
	j.p = args[T]{} // drop references to the caller's slices
	j.stop = nil
	im.jobPool.Put(j)
	return ok
}

type part interface{ runPart(i int) }

type work struct {
	p part
	i int
}

// Workers are long-lived goroutines fed through workCh, so a parallel
// product costs a channel hand-off rather than goroutine creation.
var (
	workCh     = make(chan work, maxParts)
	workersMu  sync.Mutex
	numWorkers int
)

func startWorkers(n int) {
	workersMu.Lock()
	for numWorkers < n {
		numWorkers++
		go worker()
	}
	workersMu.Unlock()
}

// worker runs parts until the process exits. After each part it polls for
// the next one for a short while before blocking: products often come in
// quick succession (the layers of a network), and a parked worker takes
// tens of microseconds to wake up, as long as a whole 128² product.
func worker() {
	for {
		w := <-workCh
		for {
			w.p.runPart(w.i)
			var ok bool
			spinUntil(func() bool {
				select {
				case w = <-workCh:
					ok = true
				default:
				}
				return ok
			})
			if !ok {
				break
			}
		}
	}
}

// spinTime bounds spinUntil.
const spinTime = 50 * time.Microsecond

// spinUntil polls cond, yielding the processor between polls, until it
// holds or spinTime has passed.
func spinUntil(cond func() bool) {
	if cond() {
		return
	}
	start := time.Now()
	for i := 0; ; i++ {
		runtime.Gosched()
		if cond() {
			return
		}
		if i%16 == 15 && time.Since(start) > spinTime {
			return
		}
	}
}

func newImpl[T float](name string, mr, nr, mc, kc, nc int, micro func(k int, a, b []T, bs int, c []T, ldc int, beta T, load bool)) *impl[T] {
	return &impl[T]{
		name: name, mr: mr, nr: nr, mc: mc, kc: kc, nc: nc, micro: micro,
		row: rowGo4[T], dot4: dot4Go[T],
		wsPool:  &sync.Pool{New: func() any { return new(workspace[T]) }},
		jobPool: &sync.Pool{New: func() any { return new(job[T]) }},
	}
}
