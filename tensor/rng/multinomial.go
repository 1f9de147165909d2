package rng

import (
	"errors"
	"math"
)

// Multinomial reproduces torch.multinomial(probs, n, replacement) on a
// float32 or float64 probability tensor of rows x k (row-major; a 1-d
// tensor is rows = 1). It returns rows x n category indices.
//
// As in PyTorch 1.13, sampling without replacement, and any sampling of a
// single draw, uses the exponential trick: q = empty_like(probs).exponential_(1)
// over all rows*k elements, then the indices of the n largest probs/q per
// row (topk, largest first, with ATen's order among ties; argmax when
// n == 1). Sampling n > 1 with
// replacement walks each row's normalised cumulative sums (kept in the
// probability dtype) with one double uniform per sample and a binary search.
func Multinomial[F float32 | float64](g *Generator, probs []F, rows, k, n int, replacement bool) ([]int64, error) {
	if rows < 1 || k < 1 || len(probs) != rows*k {
		return nil, errors.New("rng: multinomial probabilities do not match rows x k")
	}
	if n <= 0 {
		return nil, errors.New("cannot sample n_sample <= 0 samples")
	}
	if !replacement && n > k {
		return nil, errors.New("cannot sample n_sample > prob_dist.size(-1) samples without replacement")
	}
	out := make([]int64, rows*n)
	if !replacement {
		for _, v := range probs {
			if !(v >= 0) || math.IsInf(float64(v), 1) {
				return nil, errors.New("probability tensor contains either `inf`, `nan` or element < 0")
			}
		}
		for r := 0; r < rows; r++ {
			var s F
			for _, v := range probs[r*k : (r+1)*k] {
				s += v
			}
			if s == 0 {
				return nil, errors.New("invalid multinomial distribution (sum of probabilities <= 0)")
			}
		}
		q := make([]F, len(probs))
		for i := range q {
			q[i] = F(exponentialOf(g.uniform01Float64(), 1))
		}
		for i := range q {
			q[i] = probs[i] / q[i]
		}
		vals := make([]float64, k)
		for r := 0; r < rows; r++ {
			row := q[r*k : (r+1)*k]
			if n == 1 {
				best := 0
				for j := 1; j < k; j++ {
					if row[j] > row[best] || (row[j] != row[j] && row[best] == row[best]) {
						best = j
					}
				}
				out[r] = int64(best)
				continue
			}
			for j, v := range row {
				vals[j] = float64(v)
			}
			copy(out[r*n:(r+1)*n], topkLargest(vals, n))
		}
		return out, nil
	}
	cum := make([]F, k)
	for r := 0; r < rows; r++ {
		var sum F
		for j, v := range probs[r*k : (r+1)*k] {
			if v < 0 {
				return nil, errors.New("invalid multinomial distribution (encountering probability entry < 0)")
			}
			if math.IsInf(float64(v), 0) || v != v {
				return nil, errors.New("invalid multinomial distribution (encountering probability entry = infinity or NaN)")
			}
			sum += v
			cum[j] = sum
		}
		if !(sum > 0) {
			return nil, errors.New("invalid multinomial distribution (sum of probabilities <= 0)")
		}
		for j := range cum {
			cum[j] /= sum
		}
		cum[k-1] = 1
		for s := 0; s < n; s++ {
			u := g.uniform01Float64()
			lo, hi := 0, k
			for hi-lo > 0 {
				mid := lo + (hi-lo)/2
				if float64(cum[mid]) < u {
					lo = mid + 1
				} else {
					hi = mid
				}
			}
			out[r*n+s] = int64(lo)
		}
	}
	return out, nil
}
