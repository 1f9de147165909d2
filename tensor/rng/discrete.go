package rng

import (
	"errors"
	"fmt"
)

// Number is the element types the generic samplers can write; bool tensors
// are passed as []uint8 (0 or 1).
type Number interface {
	~float32 | ~float64 | ~int64 | ~int32 | ~int16 | ~int8 | ~uint8
}

// RandomInt64 fills dst like torch.randint(from, to, ...) /
// Tensor.random_(from, to): values in [from, to). Ranges below 2^32 use one
// 32-bit draw per element, wider ranges one 64-bit draw, each reduced
// modulo the range (ATen's random_from_to). The same draws serve every
// dtype: a float or int32 tensor gets these values converted.
func (g *Generator) RandomInt64(dst []int64, from, to int64) error {
	if from >= to {
		return fmt.Errorf("random_ expects 'from' to be less than 'to', but got from=%d >= to=%d", from, to)
	}
	rng := uint64(to) - uint64(from)
	if rng >= 1<<32 {
		for i := range dst {
			dst[i] = int64(g.Random64()%rng + uint64(from))
		}
		return nil
	}
	const chunk = 4096
	for len(dst) > 0 {
		n := min(len(dst), chunk)
		bits := g.draw32(n)
		for i, v := range bits {
			dst[i] = int64(uint64(v)%rng + uint64(from))
		}
		dst = dst[n:]
	}
	return nil
}

// RandomFullInt64 fills dst like Tensor.random_(-2^63, None) on an int64
// tensor: every int64 value is possible (one 64-bit draw each).
func (g *Generator) RandomFullInt64(dst []int64) {
	for i := range dst {
		dst[i] = int64(g.Random64())
	}
}

// RandomDefaultKind selects the dtype rule of Tensor.random_() called
// without bounds (ATen's uniform_int_distribution).
type RandomDefaultKind int

const (
	RandomDefaultInt64   RandomDefaultKind = iota // [0, 2^63), 64-bit draws
	RandomDefaultInt32                            // [0, 2^31)
	RandomDefaultInt16                            // [0, 2^15)
	RandomDefaultInt8                             // [0, 2^7)
	RandomDefaultUint8                            // [0, 2^8)
	RandomDefaultBool                             // low bit of the draw
	RandomDefaultFloat32                          // [0, 2^24], 32-bit draws
	RandomDefaultFloat64                          // [0, 2^53], 64-bit draws
)

// RandomDefault fills dst like Tensor.random_() with no bounds on a tensor
// of the given kind; values are returned as int64 for the caller to store.
func (g *Generator) RandomDefault(dst []int64, kind RandomDefaultKind) {
	for i := range dst {
		var v uint64
		switch kind {
		case RandomDefaultInt64:
			v = g.Random64() % (1 << 63)
		case RandomDefaultFloat64:
			v = g.Random64() % (1<<53 + 1)
		case RandomDefaultFloat32:
			v = uint64(g.Random32()) % (1<<24 + 1)
		case RandomDefaultInt32:
			v = uint64(g.Random32()) % (1 << 31)
		case RandomDefaultInt16:
			v = uint64(g.Random32()) % (1 << 15)
		case RandomDefaultInt8:
			v = uint64(g.Random32()) % (1 << 7)
		case RandomDefaultUint8:
			v = uint64(g.Random32()) % (1 << 8)
		case RandomDefaultBool:
			v = uint64(g.Random32()) & 1
		}
		dst[i] = int64(v)
	}
}

// Randperm returns torch.randperm(n): a Fisher–Yates shuffle of 0..n-1
// where step i swaps element i with element i + Random32() % (n-i).
func (g *Generator) Randperm(n int) []int64 {
	p := make([]int64, n)
	g.RandpermInto(p)
	return p
}

// RandpermInto writes torch.randperm(len(dst)) into dst.
func (g *Generator) RandpermInto(dst []int64) {
	n := int64(len(dst))
	for i := range dst {
		dst[i] = int64(i)
	}
	for i := int64(0); i < n-1; i++ {
		z := int64(g.Random32()) % (n - i)
		dst[i], dst[z+i] = dst[z+i], dst[i]
	}
}

var errBernoulliP = errors.New("Expected p_in >= 0 && p_in <= 1 to be true, but got false.  (Could this error message be improved?  If so, please report an enhancement request to PyTorch.)")

// BernoulliScalar fills dst like Tensor.bernoulli_(p) with a float p on a
// tensor of any dtype (and so the masks of dropout): one double uniform
// (a 64-bit draw) per element, 1 when it is below p.
func BernoulliScalar[T Number](g *Generator, dst []T, p float64) error {
	if !(p >= 0 && p <= 1) {
		return fmt.Errorf("bernoulli_ expects p to be in [0, 1], but got p=%g", p)
	}
	const chunk = 2048
	for len(dst) > 0 {
		n := min(len(dst), chunk)
		bits := g.draw32(2 * n)
		d := dst[:n]
		for i := range d {
			u := unitFloat64(uint64(bits[2*i])<<32 | uint64(bits[2*i+1]))
			if u < p {
				d[i] = 1
			} else {
				d[i] = 0
			}
		}
		dst = dst[n:]
	}
	return nil
}

// BernoulliFloat32P fills dst like torch.bernoulli(p) / Tensor.bernoulli_(p)
// with a float32 probability tensor p (same length, already broadcast):
// one float uniform (a 32-bit draw) per element compared in float32.
func BernoulliFloat32P[T Number](g *Generator, dst []T, p []float32) error {
	if len(p) != len(dst) {
		return errors.New("rng: bernoulli probabilities and output differ in length")
	}
	for i := range dst {
		pi := p[i]
		if !(pi >= 0 && pi <= 1) {
			return errBernoulliP
		}
		if g.uniform01Float32() < pi {
			dst[i] = 1
		} else {
			dst[i] = 0
		}
	}
	return nil
}

// BernoulliFloat64P is BernoulliFloat32P for a float64 probability tensor:
// one double uniform (a 64-bit draw) per element.
func BernoulliFloat64P[T Number](g *Generator, dst []T, p []float64) error {
	if len(p) != len(dst) {
		return errors.New("rng: bernoulli probabilities and output differ in length")
	}
	for i := range dst {
		pi := p[i]
		if !(pi >= 0 && pi <= 1) {
			return errBernoulliP
		}
		if g.uniform01Float64() < pi {
			dst[i] = 1
		} else {
			dst[i] = 0
		}
	}
	return nil
}

// DropoutNoiseFloat32 fills noise with the multiplier of
// nnf_dropout(input, p, training = TRUE) for a float32 input of the same
// number of elements (ATen's _dropout_impl: empty_like(input).bernoulli_(1-p)
// then div_(1-p)): 0 for dropped elements and 1/float32(1-p) for kept ones.
// The output is input * noise. For p == 0 or p == 1 torch draws nothing
// (the input is returned, or multiplied by 0), and neither does this.
// Feature dropout (dropout2d) draws the same way over a noise tensor of
// shape (N, C, 1, ...), i.e. len(noise) = N*C.
func (g *Generator) DropoutNoiseFloat32(noise []float32, p float64) error {
	return dropoutNoise(g, noise, p)
}

// DropoutNoiseFloat64 is DropoutNoiseFloat32 for float64 inputs.
func (g *Generator) DropoutNoiseFloat64(noise []float64, p float64) error {
	return dropoutNoise(g, noise, p)
}

func dropoutNoise[T float32 | float64](g *Generator, noise []T, p float64) error {
	if !(p >= 0 && p <= 1) {
		return fmt.Errorf("dropout probability has to be between 0 and 1, but got %v", p)
	}
	if p == 0 {
		for i := range noise {
			noise[i] = 1
		}
		return nil
	}
	if p == 1 {
		clear(noise)
		return nil
	}
	if err := BernoulliScalar(g, noise, 1-p); err != nil {
		return err
	}
	keep := 1 / T(1-p)
	for i, v := range noise {
		noise[i] = v * keep // 0 or 1/(1-p), as noise.div_(1-p) in T
	}
	return nil
}
