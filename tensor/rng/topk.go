package rng

import "math"

// topk of ATen 1.13's CPU kernel (largest = true, sorted = true), including
// its order among equal values, which comes from libstdc++'s
// std::partial_sort (when k*64 <= n) or std::nth_element followed by
// std::sort of the first k-1 elements. Multinomial sampling without
// replacement uses it; ties arise there when categories have probability 0.

type qelem struct {
	v float64
	i int64
}

// greaterNaN is ATen's comparator for largest: NaN first, then larger.
func greaterNaN(x, y qelem) bool {
	xn, yn := math.IsNaN(x.v), math.IsNaN(y.v)
	return (xn && !yn) || x.v > y.v
}

// topkLargest returns the indices of the k largest values, as torch.topk.
func topkLargest(vals []float64, k int) []int64 {
	n := len(vals)
	q := make([]qelem, n)
	for j, v := range vals {
		q[j] = qelem{v, int64(j)}
	}
	if k*64 <= n {
		stlPartialSort(q, k)
	} else {
		stlNthElement(q, k-1)
		stlSort(q[:k-1])
	}
	out := make([]int64, k)
	for j := range out {
		out[j] = q[j].i
	}
	return out
}

func floorLog2(n int) int {
	l := -1
	for n > 0 {
		n >>= 1
		l++
	}
	return l
}

// The functions below follow libstdc++'s algorithms (bits/stl_algo.h,
// bits/stl_heap.h) step for step, with greaterNaN as the comparator.

func stlAdjustHeap(q []qelem, hole, length int, v qelem) {
	top := hole
	child := hole
	for child < (length-1)/2 {
		child = 2 * (child + 1)
		if greaterNaN(q[child], q[child-1]) {
			child--
		}
		q[hole] = q[child]
		hole = child
	}
	if length&1 == 0 && child == (length-2)/2 {
		child = 2 * (child + 1)
		q[hole] = q[child-1]
		hole = child - 1
	}
	// push_heap
	parent := (hole - 1) / 2
	for hole > top && greaterNaN(q[parent], v) {
		q[hole] = q[parent]
		hole = parent
		parent = (hole - 1) / 2
	}
	q[hole] = v
}

func stlMakeHeap(q []qelem) {
	length := len(q)
	if length < 2 {
		return
	}
	for parent := (length - 2) / 2; ; parent-- {
		stlAdjustHeap(q, parent, length, q[parent])
		if parent == 0 {
			return
		}
	}
}

// stlPopHeap moves the heap top of q[:last] to position result.
func stlPopHeap(q []qelem, last, result int) {
	v := q[result]
	q[result] = q[0]
	stlAdjustHeap(q, 0, last, v)
}

func stlHeapSelect(q []qelem, middle int) {
	stlMakeHeap(q[:middle])
	for i := middle; i < len(q); i++ {
		if greaterNaN(q[i], q[0]) {
			stlPopHeap(q, middle, i)
		}
	}
}

func stlSortHeap(q []qelem) {
	for last := len(q); last > 1; {
		last--
		stlPopHeap(q, last, last)
	}
}

func stlPartialSort(q []qelem, middle int) {
	stlHeapSelect(q, middle)
	stlSortHeap(q[:middle])
}

func stlMoveMedianToFirst(q []qelem, result, a, b, c int) {
	switch {
	case greaterNaN(q[a], q[b]):
		switch {
		case greaterNaN(q[b], q[c]):
			q[result], q[b] = q[b], q[result]
		case greaterNaN(q[a], q[c]):
			q[result], q[c] = q[c], q[result]
		default:
			q[result], q[a] = q[a], q[result]
		}
	case greaterNaN(q[a], q[c]):
		q[result], q[a] = q[a], q[result]
	case greaterNaN(q[b], q[c]):
		q[result], q[c] = q[c], q[result]
	default:
		q[result], q[b] = q[b], q[result]
	}
}

func stlUnguardedPartition(q []qelem, first, last, pivot int) int {
	for {
		for greaterNaN(q[first], q[pivot]) {
			first++
		}
		last--
		for greaterNaN(q[pivot], q[last]) {
			last--
		}
		if !(first < last) {
			return first
		}
		q[first], q[last] = q[last], q[first]
		first++
	}
}

func stlUnguardedPartitionPivot(q []qelem, first, last int) int {
	mid := first + (last-first)/2
	stlMoveMedianToFirst(q, first, first+1, mid, last-1)
	return stlUnguardedPartition(q, first+1, last, first)
}

func stlUnguardedLinearInsert(q []qelem, last int) {
	v := q[last]
	next := last - 1
	for greaterNaN(v, q[next]) {
		q[last] = q[next]
		last = next
		next--
	}
	q[last] = v
}

func stlInsertionSort(q []qelem, first, last int) {
	if first == last {
		return
	}
	for i := first + 1; i != last; i++ {
		if greaterNaN(q[i], q[first]) {
			v := q[i]
			copy(q[first+1:i+1], q[first:i])
			q[first] = v
		} else {
			stlUnguardedLinearInsert(q, i)
		}
	}
}

func stlNthElement(q []qelem, nth int) {
	first, last := 0, len(q)
	if first == last || nth == last {
		return
	}
	depth := floorLog2(last-first) * 2
	for last-first > 3 {
		if depth == 0 {
			stlHeapSelect(q[first:last], nth+1-first)
			q[first], q[nth] = q[nth], q[first]
			return
		}
		depth--
		cut := stlUnguardedPartitionPivot(q, first, last)
		if cut <= nth {
			first = cut
		} else {
			last = cut
		}
	}
	stlInsertionSort(q, first, last)
}

const stlThreshold = 16

func stlIntrosortLoop(q []qelem, first, last, depth int) {
	for last-first > stlThreshold {
		if depth == 0 {
			stlPartialSort(q[first:last], last-first)
			return
		}
		depth--
		cut := stlUnguardedPartitionPivot(q, first, last)
		stlIntrosortLoop(q, cut, last, depth)
		last = cut
	}
}

func stlSort(q []qelem) {
	n := len(q)
	if n == 0 {
		return
	}
	stlIntrosortLoop(q, 0, n, floorLog2(n)*2)
	if n > stlThreshold {
		stlInsertionSort(q, 0, stlThreshold)
		for i := stlThreshold; i < n; i++ {
			stlUnguardedLinearInsert(q, i)
		}
	} else {
		stlInsertionSort(q, 0, n)
	}
}
