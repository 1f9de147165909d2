// Package rng reproduces PyTorch 1.13's CPU random number generator
// (at::CPUGeneratorImpl) and the CPU sampling kernels built on it, bit for
// bit: for the same seed and the same sequence of calls, the numbers drawn
// here equal those drawn by torch on the CPU.
//
// The package holds no global state. The tensor core owns one *Generator per
// session runtime and calls the sampling methods with Go slices; each method
// documents which torch call it reproduces and in which order elements are
// drawn. A Generator is not safe for concurrent use.
//
// Which function reproduces which torch call:
//
//	torch.manual_seed / initial_seed      New, ManualSeed, InitialSeed
//	torch.get_rng_state / set_rng_state   State, SetState (the same 5056 bytes)
//	rand, rand_like, uniform_             UniformFloat32, UniformFloat64
//	randn, randn_like, normal_, normal    NormalFloat32/64 (contiguous),
//	                                      NormalFloat32/64Serial (non-contiguous),
//	                                      NormalTensorsFloat32/64 (tensor mean/std)
//	randint, random_(from, to)            RandomInt64
//	random_()                             RandomDefault, RandomFullInt64
//	randperm                              Randperm, RandpermInto
//	bernoulli_(p), bernoulli(p)           BernoulliScalar, BernoulliFloat32P, BernoulliFloat64P
//	dropout, dropout2d (training)         DropoutNoiseFloat32/64
//	multinomial                           Multinomial
//	exponential_, geometric_              ExponentialFloat32/64, Geometric
//	log_normal_, cauchy_                  LogNormalFloat32/64, CauchyFloat32/64
//	nn_linear/nn_conv*d defaults          DefaultLayerInitFloat32/64
//	nn.init bounds                        KaimingUniformBound, KaimingNormalStd,
//	                                      XavierUniformBound, XavierNormalStd, BiasBound
//
// Elements are drawn in the order ATen's TensorIterator visits them. For a
// contiguous tensor that is index order; for a dense but permuted tensor
// (e.g. a transpose) TensorIterator walks memory (storage) order, so callers
// should pass elements in storage order in that case.
//
// Exactness. Everything above is checked bit for bit against PyTorch
// (testdata/fixtures.json, made by testdata/gen_fixtures.py). The double
// log/sin/cos/exp/tan that ATen takes from glibc are ports of glibc 2.36's
// x86-64 FMA variants (package torchr/internal/libm), and the
// float32 normal sampler follows ATen's AVX2 kernel (with the FMAs its
// compiler formed): that is what PyTorch computes on an x86-64 CPU with
// AVX2 and FMA, where the fixtures were recorded. PyTorch on a CPU without
// AVX2 takes another normal kernel and would differ.
package rng

import (
	crand "crypto/rand"
	"encoding/binary"
	"errors"
	"math"
)

// DefaultSeed is the seed of a freshly constructed torch CPU generator,
// torch.Generator() (c10::detail::default_rng_seed_val). Note that PyTorch's
// global default generator is different: a new process seeds it from the
// operating system's entropy (see NewRandomSeed), so torch.initial_seed()
// varies between runs until torch.manual_seed is called.
const DefaultSeed uint64 = 67280421310721

// NewRandomSeed returns a generator seeded from the operating system's
// entropy, as PyTorch seeds its global default CPU generator at start-up.
func NewRandomSeed() *Generator {
	var b [8]byte
	if _, err := crand.Read(b[:]); err != nil {
		return New(DefaultSeed)
	}
	return New(binary.LittleEndian.Uint64(b[:]))
}

// Generator is PyTorch's CPU generator: an mt19937 engine plus the cached
// second Box–Muller samples used by the scalar normal sampler.
type Generator struct {
	mt            mt19937
	nextDouble    float64
	hasNextDouble bool
	nextFloat     float32
	hasNextFloat  bool
	buf           []uint32 // scratch for bulk draws
}

// New returns a generator seeded like torch.manual_seed(seed).
func New(seed uint64) *Generator {
	g := &Generator{}
	g.ManualSeed(seed)
	return g
}

// ManualSeed reseeds the generator like torch.manual_seed(seed) /
// CPUGeneratorImpl::set_current_seed: the engine is re-initialised and the
// cached normal samples are dropped. Negative seeds in R or Python are
// passed as their two's-complement uint64.
func (g *Generator) ManualSeed(seed uint64) {
	g.mt.init(seed)
	g.hasNextDouble = false
	g.hasNextFloat = false
	g.nextDouble = 0
	g.nextFloat = 0
}

// InitialSeed returns the seed last given to ManualSeed (torch.initial_seed()).
func (g *Generator) InitialSeed() uint64 { return g.mt.seed }

// Random32 returns the next 32 random bits (CPUGeneratorImpl::random).
func (g *Generator) Random32() uint32 { return g.mt.next32() }

// Random64 returns 64 random bits made of two consecutive 32-bit draws, the
// first one as the high half (CPUGeneratorImpl::random64).
func (g *Generator) Random64() uint64 {
	hi := g.mt.next32()
	lo := g.mt.next32()
	return uint64(hi)<<32 | uint64(lo)
}

// Clone returns an independent copy of the generator, at the same point of
// its stream (torch.Generator.clone_state).
func (g *Generator) Clone() *Generator {
	c := *g
	c.buf = nil
	return &c
}

// draw32 returns n consecutive 32-bit draws in a scratch buffer that stays
// valid until the next call.
func (g *Generator) draw32(n int) []uint32 {
	if cap(g.buf) < n {
		g.buf = make([]uint32, n)
	}
	b := g.buf[:n]
	g.mt.fill32(b)
	return b
}

// StateSize is the length in bytes of the serialized state, the size of the
// ByteTensor returned by torch.get_rng_state() on the CPU.
const StateSize = 5056

// Layout of the serialized state: ATen's CPUGeneratorImplStateLegacy
// followed by the float normal cache (CPUGeneratorImplState), as x86-64
// little-endian structs with their padding.
const (
	offSeed        = 0
	offLeft        = 8
	offSeeded      = 12
	offNext        = 16
	offMT          = 24
	offNormalX     = offMT + 8*mtN // 5016
	offNormalY     = offNormalX + 8
	offNormalRho   = offNormalY + 8
	offNormalValid = offNormalRho + 8 // 5040
	legacySize     = offNormalValid + 8
	offNextFloat   = legacySize // 5048
	offFloatValid  = offNextFloat + 4
)

// State returns the generator state serialized exactly as
// torch.get_rng_state() does (StateSize bytes), so that it can be saved and
// compared with PyTorch's.
func (g *Generator) State() []byte {
	b := make([]byte, StateSize)
	le := binary.LittleEndian
	le.PutUint64(b[offSeed:], g.mt.seed)
	le.PutUint32(b[offLeft:], uint32(int32(g.mt.left)))
	if g.mt.seeded {
		le.PutUint32(b[offSeeded:], 1)
	}
	le.PutUint64(b[offNext:], uint64(g.mt.next))
	for i, w := range g.mt.state {
		le.PutUint64(b[offMT+8*i:], uint64(w))
	}
	if g.hasNextDouble {
		le.PutUint64(b[offNormalY:], math.Float64bits(g.nextDouble))
		le.PutUint32(b[offNormalValid:], 1)
	}
	if g.hasNextFloat {
		le.PutUint32(b[offNextFloat:], math.Float32bits(g.nextFloat))
		b[offFloatValid] = 1
	}
	return b
}

// SetState restores a state produced by State or by torch.get_rng_state()
// (torch.set_rng_state). Like PyTorch it also accepts the older legacy
// layout without the float normal cache (5048 bytes).
func (g *Generator) SetState(b []byte) error {
	if len(b) != StateSize && len(b) != legacySize {
		return errors.New("Expected either a CPUGeneratorImplStateLegacy of size 5048 or a CPUGeneratorImplState of size 5056 but found the input RNG state size to be " + itoa(len(b)))
	}
	le := binary.LittleEndian
	left := int(int32(le.Uint32(b[offLeft:])))
	next := le.Uint64(b[offNext:])
	if left < 1 || left > mtN || next > mtN {
		return errors.New("Invalid mt19937 state")
	}
	var m mt19937
	m.seed = le.Uint64(b[offSeed:])
	m.left = left
	m.seeded = le.Uint32(b[offSeeded:]) != 0
	m.next = int(next)
	for i := range m.state {
		m.state[i] = uint32(le.Uint64(b[offMT+8*i:]))
	}
	g.mt = m
	g.hasNextDouble = le.Uint32(b[offNormalValid:]) != 0
	g.nextDouble = 0
	if g.hasNextDouble {
		g.nextDouble = math.Float64frombits(le.Uint64(b[offNormalY:]))
	}
	g.hasNextFloat = false
	g.nextFloat = 0
	if len(b) == StateSize && b[offFloatValid] != 0 {
		g.hasNextFloat = true
		g.nextFloat = math.Float32frombits(le.Uint32(b[offNextFloat:]))
	}
	return nil
}

func itoa(n int) string {
	if n == 0 {
		return "0"
	}
	neg := n < 0
	if neg {
		n = -n
	}
	var d [20]byte
	i := len(d)
	for n > 0 {
		i--
		d[i] = byte('0' + n%10)
		n /= 10
	}
	if neg {
		i--
		d[i] = '-'
	}
	return string(d[i:])
}
