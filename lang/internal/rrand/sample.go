package rrand

import (
	"errors"
	"math"
)

// Errors with R's wording (the evaluator prefixes the call).
var (
	ErrInvalidFirst   = errors.New("invalid first argument")
	ErrInvalidSize    = errors.New("invalid 'size' argument")
	ErrTooLarge       = errors.New("cannot take a sample larger than the population when 'replace = FALSE'")
	ErrProbLength     = errors.New("incorrect number of probabilities")
	ErrProbNA         = errors.New("NA in probability vector")
	ErrProbNegative   = errors.New("negative probability")
	ErrTooFewPositive = errors.New("too few positive probabilities")
)

// Sample reproduces R's sample.int(n, size, replace, prob) (and therefore
// sample(n, ...) for a single number n >= 1; sample(x, ...) for a vector x
// is x[Sample(length(x), ...)]). Results are 1-based as in R.
//
// prob == nil means uniform sampling; otherwise len(prob) must be n and the
// weights are normalised as R's FixupProb does. The algorithm chosen is the
// one R chooses:
//   - uniform, n > 1e7, !replace, size <= n/2: .Internal(sample2()) (rejection
//     of duplicates);
//   - uniform with replacement or size < 2: R_unif_index(n) + 1 per draw;
//   - uniform without replacement: partial Fisher-Yates with R_unif_index;
//   - prob, replacement, more than 200 "large" weights (n*p > 0.1): Walker's
//     alias method; otherwise ProbSampleReplace (heap sort + inversion);
//   - prob, no replacement: ProbSampleNoReplace.
//
// prob is not modified.
func (r *RNG) Sample(n, size int, replace bool, prob []float64) ([]int, error) {
	if prob != nil {
		if n < 0 || (size > 0 && n == 0) {
			return nil, ErrInvalidFirst
		}
		if size < 0 {
			return nil, ErrInvalidSize
		}
		if !replace && size > n {
			return nil, ErrTooLarge
		}
		if len(prob) != n {
			return nil, ErrProbLength
		}
		p := append([]float64(nil), prob...)
		if err := fixupProb(p, size, replace); err != nil {
			return nil, err
		}
		ans := make([]int, size)
		if replace {
			nc := 0
			for i := 0; i < n; i++ {
				if float64(n)*p[i] > 0.1 {
					nc++
				}
			}
			if nc > 200 {
				r.walkerProbSampleReplace(p, ans)
			} else {
				r.probSampleReplace(p, ans)
			}
		} else {
			r.probSampleNoReplace(p, ans)
		}
		return ans, nil
	}
	if n < 0 || (size > 0 && n == 0) || float64(n) > 4.5e15 {
		return nil, ErrInvalidFirst
	}
	if size < 0 {
		return nil, ErrInvalidSize
	}
	if !replace && size > n {
		return nil, ErrTooLarge
	}
	dn := float64(n)
	ans := make([]int, size)
	switch {
	case !replace && dn > 1e7 && float64(size) <= dn/2:
		// sample.int's useHash path: .Internal(sample2(n, size))
		seen := make(map[int]struct{}, size)
		for i := 0; i < size; i++ {
			for j := 0; j < 100; j++ {
				ans[i] = int(r.UnifIndex(dn) + 1)
				if _, dup := seen[ans[i]]; !dup {
					break
				}
			}
			seen[ans[i]] = struct{}{}
		}
	case replace || size < 2:
		for i := range ans {
			ans[i] = int(r.UnifIndex(dn) + 1)
		}
	default:
		x := make([]int32, n)
		for i := range x {
			x[i] = int32(i)
		}
		m := n
		for i := range ans {
			j := int(r.UnifIndex(float64(m)))
			ans[i] = int(x[j]) + 1
			m--
			x[j] = x[m]
		}
	}
	return ans, nil
}

// fixupProb is R's FixupProb: validates and normalises p in place.
func fixupProb(p []float64, requireK int, replace bool) error {
	sum := 0.0
	npos := 0
	for _, v := range p {
		if math.IsNaN(v) || math.IsInf(v, 0) {
			return ErrProbNA
		}
		if v < 0 {
			return ErrProbNegative
		}
		if v > 0 {
			npos++
			sum += v
		}
	}
	if npos == 0 || (!replace && requireK > npos) {
		return ErrTooFewPositive
	}
	for i := range p {
		p[i] /= sum
	}
	return nil
}

// revsort is R's revsort(): heap sort of a into descending order, carrying
// ib along. The exact order of ties matters for reproducing R's samples.
func revsort(a0 []float64, ib0 []int) {
	n := len(a0)
	if n <= 1 {
		return
	}
	// 1-based views as in the original algorithm
	a := func(i int) *float64 { return &a0[i-1] }
	ib := func(i int) *int { return &ib0[i-1] }
	l := (n >> 1) + 1
	ir := n
	for {
		var ra float64
		var ii int
		if l > 1 {
			l--
			ra = *a(l)
			ii = *ib(l)
		} else {
			ra = *a(ir)
			ii = *ib(ir)
			*a(ir) = *a(1)
			*ib(ir) = *ib(1)
			ir--
			if ir == 1 {
				*a(1) = ra
				*ib(1) = ii
				return
			}
		}
		i := l
		j := l << 1
		for j <= ir {
			if j < ir && *a(j) > *a(j + 1) {
				j++
			}
			if ra > *a(j) {
				*a(i) = *a(j)
				*ib(i) = *ib(j)
				i = j
				j += j
			} else {
				j = ir + 1
			}
		}
		*a(i) = ra
		*ib(i) = ii
	}
}

// probSampleReplace is R's ProbSampleReplace (p is consumed).
func (r *RNG) probSampleReplace(p []float64, ans []int) {
	n := len(p)
	perm := make([]int, n)
	for i := range perm {
		perm[i] = i + 1
	}
	revsort(p, perm)
	for i := 1; i < n; i++ {
		p[i] += p[i-1]
	}
	nm1 := n - 1
	for i := range ans {
		rU := r.Unif()
		j := 0
		for j = 0; j < nm1; j++ {
			if rU <= p[j] {
				break
			}
		}
		ans[i] = perm[j]
	}
}

// walkerProbSampleReplace is R's walker_ProbSampleReplace (Walker's alias
// method, Ripley 1987 Alg 3.13B).
func (r *RNG) walkerProbSampleReplace(p []float64, ans []int) {
	n := len(p)
	q := make([]float64, n)
	a := make([]int, n)
	hl := make([]int, n)
	h := -1 // index of last "low" entry (H in R, relative to HL)
	l := n  // index of first "high" entry (L in R)
	for i := 0; i < n; i++ {
		q[i] = p[i] * float64(n)
		if q[i] < 1 {
			h++
			hl[h] = i
		} else {
			l--
			hl[l] = i
		}
	}
	if h >= 0 && l < n {
		for k := 0; k < n-1; k++ {
			i := hl[k]
			j := hl[l]
			a[i] = j
			q[j] += q[i] - 1
			if q[j] < 1 {
				l++
			}
			if l >= n {
				break
			}
		}
	}
	for i := 0; i < n; i++ {
		q[i] += float64(i)
	}
	for i := range ans {
		var k int
		var rU float64
		if r.rounding {
			rU = r.Unif() * float64(n)
			k = int(rU)
		} else {
			// R >= 3.6.0 with sample.kind = "Rejection": the column comes
			// from R_unif_index, the position inside it from one more
			// uniform.
			k = int(r.UnifIndex(float64(n)))
			rU = float64(k) + r.Unif()
		}
		if rU < q[k] {
			ans[i] = k + 1
		} else {
			ans[i] = a[k] + 1
		}
	}
}

// probSampleNoReplace is R's ProbSampleNoReplace (p is consumed).
func (r *RNG) probSampleNoReplace(p []float64, ans []int) {
	n := len(p)
	perm := make([]int, n)
	for i := range perm {
		perm[i] = i + 1
	}
	revsort(p, perm)
	totalmass := 1.0
	n1 := n - 1
	for i := range ans {
		rT := totalmass * r.Unif()
		mass := 0.0
		j := 0
		for j = 0; j < n1; j++ {
			mass += p[j]
			if rT <= mass {
				break
			}
		}
		ans[i] = perm[j]
		totalmass -= p[j]
		for k := j; k < n1; k++ {
			p[k] = p[k+1]
			perm[k] = perm[k+1]
		}
		n1--
	}
}
