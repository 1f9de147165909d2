package rng

import "math"

// The samplers below all draw one double uniform (a 64-bit draw) per
// element and compute in double precision, whatever the tensor dtype; a
// float32 tensor receives the double result rounded to float32. This is how
// ATen's CPU kernels use at::*_distribution<double>.

// exponential01 is transformation::exponential<double>(u, lambda).
func exponentialOf(u, lambda float64) float64 { return (-1 / lambda) * dlog(1-u) }

// ExponentialFloat32 fills dst like Tensor.exponential_(lambda) on a float32 tensor.
func (g *Generator) ExponentialFloat32(dst []float32, lambda float64) {
	for i := range dst {
		dst[i] = float32(exponentialOf(g.uniform01Float64(), lambda))
	}
}

// ExponentialFloat64 fills dst like Tensor.exponential_(lambda) on a float64 tensor.
func (g *Generator) ExponentialFloat64(dst []float64, lambda float64) {
	for i := range dst {
		dst[i] = exponentialOf(g.uniform01Float64(), lambda)
	}
}

func cauchyOf(u, median, sigma float64) float64 {
	return mulAdd64(sigma, dtan(math.Pi*(u-0.5)), median)
}

// CauchyFloat32 fills dst like Tensor.cauchy_(median, sigma) on a float32 tensor.
func (g *Generator) CauchyFloat32(dst []float32, median, sigma float64) {
	for i := range dst {
		dst[i] = float32(cauchyOf(g.uniform01Float64(), median, sigma))
	}
}

// CauchyFloat64 fills dst like Tensor.cauchy_(median, sigma) on a float64 tensor.
func (g *Generator) CauchyFloat64(dst []float64, median, sigma float64) {
	for i := range dst {
		dst[i] = cauchyOf(g.uniform01Float64(), median, sigma)
	}
}

// LogNormalFloat32 fills dst like Tensor.log_normal_(mean, std) on a float32
// tensor: exp of the scalar normal sampler (which shares the generator's
// cached second Box–Muller sample).
func (g *Generator) LogNormalFloat32(dst []float32, mean, std float64) {
	for i := range dst {
		dst[i] = float32(dexp(g.normalScalar(mean, std)))
	}
}

// LogNormalFloat64 fills dst like Tensor.log_normal_(mean, std) on a float64 tensor.
func (g *Generator) LogNormalFloat64(dst []float64, mean, std float64) {
	for i := range dst {
		dst[i] = dexp(g.normalScalar(mean, std))
	}
}

// Geometric fills dst like Tensor.geometric_(p) on a tensor of any dtype:
// ceil(log(u) / log(1-p)).
func Geometric[T Number](g *Generator, dst []T, p float64) {
	lq := dlog(1 - p)
	for i := range dst {
		dst[i] = T(math.Ceil(dlog(g.uniform01Float64()) / lq))
	}
}
