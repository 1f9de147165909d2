package rng

import (
	"fmt"
	"math"
)

// Uniform conversions, as ATen's transformation::uniform_real: a float32
// takes the low 24 bits of one 32-bit draw, a float64 the low 53 bits of a
// 64-bit draw (two 32-bit draws); the integer is scaled by 2^-24 or 2^-53
// and mapped to from + x*(to-from) in the target precision.

const (
	mask24 = 1<<24 - 1
	mask53 = 1<<53 - 1
	inv24  = float32(1.0 / (1 << 24))
	inv53  = 1.0 / (1 << 53)
)

// unitFloat32 maps 32 random bits to [0, 1) like uniform_real<float>(v, 0, 1).
func unitFloat32(v uint32) float32 { return float32(v&mask24) * inv24 }

// unitFloat64 maps 64 random bits to [0, 1) like uniform_real<double>(v, 0, 1).
func unitFloat64(v uint64) float64 { return float64(v&mask53) * inv53 }

// UniformFloat32 fills dst like torch.Tensor.uniform_(from, to) on a float32
// tensor (torch.rand is from=0, to=1; nn.init.uniform_ and
// kaiming_uniform_ are uniform_(-bound, bound)). from and to are first
// rounded to float32, as ATen does; one 32-bit draw per element.
func (g *Generator) UniformFloat32(dst []float32, from, to float64) {
	f, t := float32(from), float32(to)
	span := t - f
	const chunk = 4096
	for len(dst) > 0 {
		n := min(len(dst), chunk)
		bits := g.draw32(n)
		d := dst[:n]
		for i, v := range bits {
			d[i] = fma32(unitFloat32(v), span, f)
		}
		dst = dst[n:]
	}
}

// UniformFloat64 fills dst like torch.Tensor.uniform_(from, to) on a float64
// tensor; two 32-bit draws per element.
func (g *Generator) UniformFloat64(dst []float64, from, to float64) {
	span := to - from
	const chunk = 4096
	for len(dst) > 0 {
		n := min(len(dst), chunk)
		bits := g.draw32(2 * n)
		d := dst[:n]
		for i := range d {
			v := uint64(bits[2*i])<<32 | uint64(bits[2*i+1])
			d[i] = math.FMA(unitFloat64(v), span, from)
		}
		dst = dst[n:]
	}
}

// uniform01Float32 / uniform01Float64 are single draws of
// uniform_real_distribution<T>(0, 1).
func (g *Generator) uniform01Float32() float32 { return unitFloat32(g.mt.next32()) }
func (g *Generator) uniform01Float64() float64 { return unitFloat64(g.Random64()) }

// CheckUniformRange returns PyTorch's error for uniform_(from, to) with an
// invalid range (nil when the range is valid).
func CheckUniformRange(from, to float64) error {
	if !(from <= to) {
		return fmt.Errorf("uniform_ expects to return a [from, to) range, but found from=%g > to=%g", from, to)
	}
	if to-from > math.MaxFloat64 {
		return fmt.Errorf("uniform_ expects to-from <= std::numeric_limits<double>::max(), but found to=%g and from=%g which result in to-from to exceed the limit", to, from)
	}
	return nil
}
