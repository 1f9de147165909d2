//go:build amd64 && !purego && !noasm

package tensor

import "math"

//go:generate /usr/bin/python3 gen_simd.py

func cpuidT(eaxArg, ecxArg uint32) (eax, ebx, ecx, edx uint32)
func xgetbvT() (eax, edx uint32)

//go:noescape
func vaddF32(o, a, b *float32, n int)

//go:noescape
func vsubF32(o, a, b *float32, n int)

//go:noescape
func vmulF32(o, a, b *float32, n int)

//go:noescape
func vdivF32(o, a, b *float32, n int)

//go:noescape
func vaddSF32(o, a *float32, s float32, n int)

//go:noescape
func vsubSF32(o, a *float32, s float32, n int)

//go:noescape
func vmulSF32(o, a *float32, s float32, n int)

//go:noescape
func vdivSF32(o, a *float32, s float32, n int)

//go:noescape
func vreluF32(o, a *float32, n int)

//go:noescape
func vnegF32(o, a *float32, n int)

//go:noescape
func vabsF32(o, a *float32, n int)

//go:noescape
func vsumBlockF32(a *float32, n int) float64

//go:noescape
func vexpF32(o, a *float32, n int)

//go:noescape
func vsigmoidF32(o, a *float32, n int)

//go:noescape
func vtanhF32(o, a *float32, n int)

var hasFMA = detectFMA()

func detectFMA() bool {
	_, _, ecx1, _ := cpuidT(1, 0)
	return hasAVX2 && ecx1&(1<<12) != 0
}

// simdTransF32 computes exp (0), sigmoid (1) or tanh (2) of a into o
// with AVX2+FMA; elements the vector polynomial does not cover (NaN,
// overflow, underflow, small |x| for tanh) are redone by the scalar
// kernels. False if there is no SIMD path. o and a must not overlap
// (the scalar redo reads a after the vector loop wrote o).
func simdTransF32(op int, o, a []float32) bool {
	if !hasFMA {
		return false
	}
	n := len(o)
	a = a[:n]
	m := n &^ 7
	// one vector pass finds whether any element needs the scalar redo:
	// usually none does, and the scan below costs more than the exp
	lim := float32(87)
	if op == 2 {
		lim = 40
	}
	if m > 0 && math.Float32frombits(vmaxAbsBitsF32(&a[0], m)) < lim {
		switch op {
		case 0:
			vexpF32(&o[0], &a[0], m)
			for i := m; i < n; i++ {
				o[i] = expF32(a[i])
			}
		case 1:
			vsigmoidF32(&o[0], &a[0], m)
			for i := m; i < n; i++ {
				o[i] = sigmoidF32(a[i])
			}
		default:
			vtanhF32(&o[0], &a[0], m)
			for i := m; i < n; i++ {
				o[i] = tanhF32(a[i])
			}
		}
		return true
	}
	switch op {
	case 0:
		if m > 0 {
			vexpF32(&o[0], &a[0], m)
		}
		for i, x := range a {
			if i >= m || !(x > -87 && x < 88) {
				o[i] = expF32(x)
			}
		}
	case 1:
		if m > 0 {
			vsigmoidF32(&o[0], &a[0], m)
		}
		for i, x := range a {
			if i >= m || !(x > -87 && x < 87) {
				o[i] = sigmoidF32(x)
			}
		}
	case 2:
		// tanh(x) = 2 sigmoid(2x) - 1 for |x| >= 0.625, a polynomial
		// below; scalar for |x| >= 40 and NaN
		if m > 0 {
			vtanhF32(&o[0], &a[0], m)
		}
		for i, x := range a {
			if i >= m || !(x > -40 && x < 40) {
				o[i] = tanhF32(x)
			}
		}
	}
	return true
}

var hasAVX2 = detectAVX2()

func detectAVX2() bool {
	maxLeaf, _, _, _ := cpuidT(0, 0)
	if maxLeaf < 7 {
		return false
	}
	_, _, ecx1, _ := cpuidT(1, 0)
	const osxsave, avx = 1 << 27, 1 << 28
	if ecx1&osxsave == 0 || ecx1&avx == 0 {
		return false
	}
	if lo, _ := xgetbvT(); lo&6 != 6 {
		return false
	}
	_, ebx7, _, _ := cpuidT(7, 0)
	return ebx7&(1<<5) != 0
}

// simdBinF32 computes o = a op b elementwise (op: 0 add, 1 sub, 2 mul,
// 3 div) for equal-length slices; false if there is no SIMD path.
func simdBinF32(op int, o, a, b []float32) bool {
	if !hasAVX2 {
		return false
	}
	n := len(o)
	a, b = a[:n], b[:n]
	m := n &^ 7
	if m > 0 {
		switch op {
		case 0:
			vaddF32(&o[0], &a[0], &b[0], m)
		case 1:
			vsubF32(&o[0], &a[0], &b[0], m)
		case 2:
			vmulF32(&o[0], &a[0], &b[0], m)
		case 3:
			vdivF32(&o[0], &a[0], &b[0], m)
		}
	}
	for i := m; i < n; i++ {
		o[i] = scalarOp(op, a[i], b[i])
	}
	return true
}

// simdBinScalarF32 computes o = a op s.
func simdBinScalarF32(op int, o, a []float32, s float32) bool {
	if !hasAVX2 {
		return false
	}
	n := len(o)
	a = a[:n]
	m := n &^ 7
	if m > 0 {
		switch op {
		case 0:
			vaddSF32(&o[0], &a[0], s, m)
		case 1:
			vsubSF32(&o[0], &a[0], s, m)
		case 2:
			vmulSF32(&o[0], &a[0], s, m)
		case 3:
			vdivSF32(&o[0], &a[0], s, m)
		}
	}
	for i := m; i < n; i++ {
		o[i] = scalarOp(op, a[i], s)
	}
	return true
}

// simdUnF32 computes relu (0), neg (1) or abs (2).
func simdUnF32(op int, o, a []float32) bool {
	if !hasAVX2 {
		return false
	}
	n := len(o)
	a = a[:n]
	m := n &^ 7
	if m > 0 {
		switch op {
		case 0:
			vreluF32(&o[0], &a[0], m)
		case 1:
			vnegF32(&o[0], &a[0], m)
		case 2:
			vabsF32(&o[0], &a[0], m)
		}
	}
	for i := m; i < n; i++ {
		switch op {
		case 0:
			o[i] = max(a[i], 0)
		case 1:
			o[i] = -a[i]
		default:
			o[i] = absT(a[i])
		}
	}
	return true
}

// simdSumF32 sums a in float64; false if there is no SIMD path.
func simdSumF32(a []float32) (float64, bool) {
	if !hasAVX2 {
		return 0, false
	}
	// blocks of 2048 summed in 64 float32 lanes (32 values per lane),
	// the blocks and the lanes added in float64
	const blk = 2048
	s := 0.0
	i := 0
	for ; i+blk <= len(a); i += blk {
		s += vsumBlockF32(&a[i], blk)
	}
	if m := (len(a) - i) &^ 63; m > 0 {
		s += vsumBlockF32(&a[i], m)
		i += m
	}
	for _, v := range a[i:] {
		s += float64(v)
	}
	return s, true
}

//go:noescape
func vmaxAbsBitsF32(a *float32, n int) uint32

//go:noescape
func vmaxF32(a *float32, n int) float32

// simdRowOK tells whether the row kernels of softmax and its backward
// (simdMaxF32, simdTransF32, simdBin*F32, simdSumF32) all have SIMD paths.
var simdRowOK = hasFMA

// simdMaxF32 returns the maximum of a; a NaN in a may be missed (callers
// whose result a NaN makes NaN anyway need not care). -Inf if a is empty.
func simdMaxF32(a []float32) float32 {
	mx := float32(math.Inf(-1))
	m := len(a) &^ 31
	if m > 0 && hasAVX2 {
		mx = vmaxF32(&a[0], m)
	} else {
		m = 0
	}
	for _, v := range a[m:] {
		if v > mx {
			mx = v
		}
	}
	return mx
}
