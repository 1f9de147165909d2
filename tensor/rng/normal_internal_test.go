package rng

import (
	"math"
	"math/big"
	"testing"
)

// TestNormalBlocksMatchReference checks the assembly (when in use) against
// the Go rendering of ATen's AVX2 Box–Muller on many uniforms, including
// the extremes 0 and 1-2^-24.
func TestNormalBlocksMatchReference(t *testing.T) {
	g := New(123)
	const n = 16 * 20000
	u := make([]float32, n)
	g.UniformFloat32(u, 0, 1)
	u[0], u[8], u[1], u[9] = 0, 0, 1-1.0/(1<<24), 1-1.0/(1<<24)
	for _, ms := range [][2]float32{{0, 1}, {3, 0.25}, {-1, 7}} {
		a := append([]float32(nil), u...)
		b := append([]float32(nil), u...)
		normalBlocksF32(a, ms[0], ms[1])
		for i := 0; i < n; i += 16 {
			normalFill16F32(b[i:i+16], ms[0], ms[1])
		}
		for i := range a {
			if math.Float32bits(a[i]) != math.Float32bits(b[i]) {
				t.Fatalf("mean %v std %v: element %d (u=%v): %v vs reference %v", ms[0], ms[1], i, u[i], a[i], b[i])
			}
		}
	}
}

func TestFMA32(t *testing.T) {
	g := New(5)
	check := func(a, b, c float32) {
		x := new(big.Float).SetPrec(200).SetFloat64(float64(a))
		x.Mul(x, new(big.Float).SetPrec(200).SetFloat64(float64(b)))
		x.Add(x, new(big.Float).SetPrec(200).SetFloat64(float64(c)))
		want, _ := x.Float32()
		if got := fma32(a, b, c); math.Float32bits(got) != math.Float32bits(want) {
			t.Fatalf("fma32(%v, %v, %v) = %v, want %v", a, b, c, got, want)
		}
	}
	for i := 0; i < 100000; i++ {
		a := float32(g.uniform01Float64()*4 - 2)
		b := float32(g.uniform01Float64()*4 - 2)
		c := float32(g.uniform01Float64()*4 - 2)
		check(a, b, c)
	}
	// Sums whose double rounding lands exactly on a float32 midpoint.
	for i := 0; i < 20000; i++ {
		a := float32(1 + g.uniform01Float64())
		c := float32(g.uniform01Float64()) * 1e-9
		h := math.Float32frombits(math.Float32bits(a) | 1) // odd significand
		check(h, 1+1.0/(1<<24), c)
		check(h, 1-1.0/(1<<24), -c)
		check(h, 1+1.0/(1<<23), float32(math.Ldexp(1, -60)))
	}
}

// TestNormalSplit checks the documented rule for splitting a fill.
func TestNormalSplit(t *testing.T) {
	for _, n := range []int{16, 17, 100, 1000, 4099} {
		a := make([]float32, n)
		New(9).NormalFloat32(a, 0.5, 2)
		b := make([]float32, n)
		g := New(9)
		rest := b
		for len(rest) >= 32+16 {
			g.NormalFloat32(rest[:32], 0.5, 2)
			rest = rest[32:]
		}
		g.NormalFloat32(rest, 0.5, 2)
		for i := range a {
			if math.Float32bits(a[i]) != math.Float32bits(b[i]) {
				t.Fatalf("n=%d: element %d differs when split", n, i)
			}
		}
		a64 := make([]float64, n)
		New(9).NormalFloat64(a64, 0.5, 2)
		b64 := make([]float64, n)
		g = New(9)
		rest64 := b64
		for len(rest64) >= 48+16 {
			g.NormalFloat64(rest64[:48], 0.5, 2)
			rest64 = rest64[48:]
		}
		g.NormalFloat64(rest64, 0.5, 2)
		for i := range a64 {
			if a64[i] != b64[i] {
				t.Fatalf("n=%d: float64 element %d differs when split", n, i)
			}
		}
	}
}

func TestSetStateErrors(t *testing.T) {
	g := New(1)
	if err := g.SetState(make([]byte, 10)); err == nil || err.Error() != "Expected either a CPUGeneratorImplStateLegacy of size 5048 or a CPUGeneratorImplState of size 5056 but found the input RNG state size to be 10" {
		t.Fatalf("size error: %v", err)
	}
	st := g.State()
	st[offLeft], st[offLeft+1], st[offLeft+2], st[offLeft+3] = 0, 0, 0, 0
	if err := g.SetState(st); err == nil || err.Error() != "Invalid mt19937 state" {
		t.Fatalf("left error: %v", err)
	}
	// The legacy 5048-byte layout is accepted.
	h := New(77)
	h.NormalFloat64Serial(make([]float64, 1), 0, 1) // leaves a cached sample
	if err := g.SetState(h.State()[:legacySize]); err != nil {
		t.Fatal(err)
	}
	a, b := make([]float64, 3), make([]float64, 3)
	g.NormalFloat64Serial(a, 0, 1)
	h.NormalFloat64Serial(b, 0, 1)
	for i := range a {
		if a[i] != b[i] {
			t.Fatalf("legacy state: %v vs %v", a, b)
		}
	}
}
