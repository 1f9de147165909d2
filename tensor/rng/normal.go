package rng

import (
	"fmt"
	"math"

	"torchr/internal/libm"
)

// fuseAVX tells whether the AVX2 build of ATen had its separate vector
// multiplies and adds in avx_mathfun.h contracted into FMAs by the compiler.
// It was settled against PyTorch's own output (see the fixture tests).
const fuseAVX = true

// fuseScalar tells the same for the scalar double-precision code
// (normal_fill<double> and transformation::normal).
const fuseScalar = true

// mulAdd64 is a*b+c in float64, fused or not as ATen's build did it.
func mulAdd64(a, b, c float64) float64 {
	if fuseScalar {
		return math.FMA(a, b, c)
	}
	return float64(a*b) + c
}

const twoPi = 2 * math.Pi

// normalScalar draws one sample of at::normal_distribution<double>(mean,
// std): Box–Muller on two double uniforms; the sine half is cached in the
// generator and returned by the next call.
func (g *Generator) normalScalar(mean, std float64) float64 {
	if g.hasNextDouble {
		g.hasNextDouble = false
		return mulAdd64(g.nextDouble, std, mean)
	}
	u1 := g.uniform01Float64()
	u2 := g.uniform01Float64()
	r := math.Sqrt(-2 * dlog(1-u2))
	theta := twoPi * u1
	s, c := dsincos(theta)
	g.nextDouble = r * s
	g.hasNextDouble = true
	return mulAdd64(r*c, std, mean)
}

// NormalFloat32 fills dst like torch.Tensor.normal_(mean, std) on a
// contiguous float32 tensor (torch.randn is mean 0, std 1; torch.normal and
// nn.init.normal_ go through the same kernel).
//
// As in ATen, a tensor with at least 16 elements takes the vectorised path:
// len(dst) float uniforms are drawn, Box–Muller turns each block of 16 into
// 16 normals, and when len(dst) is not a multiple of 16 the last 16
// elements are drawn afresh and recomputed. Shorter tensors take the scalar
// path (NormalFloat32Serial). For a non-contiguous tensor call
// NormalFloat32Serial whatever its size.
//
// A long fill may be split to poll for cancellation: calling NormalFloat32
// on consecutive pieces of dst gives the same values as one call when every
// piece but the last has a length that is a multiple of 16 and the last
// piece has at least 16 elements (the draws happen in the same order).
// The same holds for NormalFloat64.
func (g *Generator) NormalFloat32(dst []float32, mean, std float64) {
	if len(dst) < 16 {
		g.NormalFloat32Serial(dst, mean, std)
		return
	}
	g.UniformFloat32(dst, 0, 1)
	m, s := float32(mean), float32(std)
	n := len(dst)
	normalBlocksF32(dst, m, s)
	if n%16 != 0 {
		tail := dst[n-16:]
		g.UniformFloat32(tail, 0, 1)
		normalBlocksF32(tail, m, s)
	}
}

// normalFill16F32 is ATen's normal_fill_16_AVX2: data[0:8] are the first
// uniforms, data[8:16] the second ones.
func normalFill16F32(d []float32, mean, std float32) {
	const twoPi32 = float32(twoPi)
	_ = d[15]
	for j := 0; j < 8; j++ {
		u1 := 1 - d[j]
		u2 := d[j+8]
		radius := float32(math.Sqrt(float64(float32(-2 * avxLog(u1)))))
		theta := float32(twoPi32 * u2)
		sn, cs := avxSinCos(theta)
		d[j] = fma32(float32(radius*cs), std, mean)
		d[j+8] = fma32(float32(radius*sn), std, mean)
	}
}

// NormalFloat32Serial fills dst with the scalar sampler, the path ATen takes
// for tensors with fewer than 16 elements or that are not contiguous: each
// element is at::normal_distribution<double>(mean, std) rounded to float32,
// with the cached second sample used for every other element.
func (g *Generator) NormalFloat32Serial(dst []float32, mean, std float64) {
	for i := range dst {
		dst[i] = float32(g.normalScalar(mean, std))
	}
}

// NormalFloat64 fills dst like torch.Tensor.normal_(mean, std) on a
// contiguous float64 tensor: the 16-element Box–Muller blocks in double
// precision when len(dst) >= 16 (with the same tail rule as NormalFloat32),
// the scalar sampler otherwise.
func (g *Generator) NormalFloat64(dst []float64, mean, std float64) {
	if len(dst) < 16 {
		g.NormalFloat64Serial(dst, mean, std)
		return
	}
	g.UniformFloat64(dst, 0, 1)
	n := len(dst)
	for i := 0; i+16 <= n; i += 16 {
		normalFill16F64(dst[i:i+16], mean, std)
	}
	if n%16 != 0 {
		tail := dst[n-16:]
		g.UniformFloat64(tail, 0, 1)
		normalFill16F64(tail, mean, std)
	}
}

func normalFill16F64(d []float64, mean, std float64) {
	_ = d[15]
	for j := 0; j < 8; j++ {
		u1 := 1 - d[j]
		u2 := d[j+8]
		radius := math.Sqrt(-2 * dlog(u1))
		theta := twoPi * u2
		sn, cs := dsincos(theta)
		d[j] = mulAdd64(radius*cs, std, mean)
		d[j+8] = mulAdd64(radius*sn, std, mean)
	}
}

// NormalFloat64Serial fills dst with the scalar sampler (non-contiguous
// float64 tensors, or fewer than 16 elements).
func (g *Generator) NormalFloat64Serial(dst []float64, mean, std float64) {
	for i := range dst {
		dst[i] = g.normalScalar(mean, std)
	}
}

// dlog, dsincos: double-precision log, sin and cos as glibc computes them
// (ATen's std::log/std::sin/std::cos on Linux).
func dlog(x float64) float64 { return libm.Log(x) }

func dsincos(x float64) (s, c float64) { return libm.Sin(x), libm.Cos(x) }

// dexp and dtan are glibc's exp and tan (torchr/internal/libm).
func dexp(x float64) float64 { return libm.Exp(x) }

func dtan(x float64) float64 { return libm.Tan(x) }

// CheckNormalStd returns PyTorch's error for normal_(mean, std) with a
// negative std (nil otherwise).
func CheckNormalStd(std float64) error {
	if !(std >= 0) {
		return fmt.Errorf("normal expects std >= 0.0, but found std %g", std)
	}
	return nil
}

// NormalTensorsFloat32 reproduces torch.normal(mean, std) where mean and/or
// std are float32 tensors (already broadcast to len(dst)); a nil slice
// means that argument is the scalar meanS / stdS. As in ATen 1.13:
//   - tensor mean and std: dst = normal_(0, 1), then dst*std, then + mean;
//   - tensor mean, scalar std: dst = normal_(0, stdS), then + mean;
//   - scalar mean, tensor std: dst = normal_(0, 1), then dst*std + meanS
//     (a product and a sum, each rounded to float32).
//
// dst must be contiguous (the vectorised rule of NormalFloat32 applies).
func (g *Generator) NormalTensorsFloat32(dst, mean, std []float32, meanS, stdS float64) {
	switch {
	case mean != nil && std == nil:
		g.NormalFloat32(dst, 0, stdS)
		for i := range dst {
			dst[i] += mean[i]
		}
	default:
		g.NormalFloat32(dst, 0, 1)
		for i := range dst {
			v := float32(dst[i] * std[i])
			if mean != nil {
				dst[i] = v + mean[i]
			} else {
				dst[i] = v + float32(meanS)
			}
		}
	}
}

// NormalTensorsFloat64 is NormalTensorsFloat32 for float64 tensors.
func (g *Generator) NormalTensorsFloat64(dst, mean, std []float64, meanS, stdS float64) {
	switch {
	case mean != nil && std == nil:
		g.NormalFloat64(dst, 0, stdS)
		for i := range dst {
			dst[i] += mean[i]
		}
	default:
		g.NormalFloat64(dst, 0, 1)
		for i := range dst {
			v := float64(dst[i] * std[i])
			if mean != nil {
				dst[i] = v + mean[i]
			} else {
				dst[i] = v + meanS
			}
		}
	}
}
