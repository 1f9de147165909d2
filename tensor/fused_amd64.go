//go:build amd64 && !purego && !noasm

package tensor

//go:noescape
func dot4F32(x, w *float32, ldw, n int, out *float32)

//go:noescape
func dot1F32(x, w *float32, n int) float32

// gemvF32 computes out[j] = dot(x, w[j*ldw:j*ldw+k]) for j < n with AVX2.
func gemvF32(out, x, w []float32, n, k, ldw int) bool {
	if !hasFMA || k < 8 {
		return false
	}
	m := k &^ 7
	x = x[:k]
	_ = w[(n-1)*ldw+k-1]
	j := 0
	for ; j+4 <= n; j += 4 {
		dot4F32(&x[0], &w[j*ldw], ldw, m, &out[j])
	}
	for ; j < n; j++ {
		out[j] = dot1F32(&x[0], &w[j*ldw], m)
	}
	if m < k {
		for j := 0; j < n; j++ {
			row := w[j*ldw : j*ldw+k]
			s := out[j]
			for i := m; i < k; i++ {
				s += x[i] * row[i]
			}
			out[j] = s
		}
	}
	return true
}
