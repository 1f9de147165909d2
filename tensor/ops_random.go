package tensor

import (
	"errors"
	"fmt"

	"torchr/tensor/rng"
)

// Random ops draw from the runtime's generator, in PyTorch's order, so a
// seed gives the numbers PyTorch gives.

func randFill(rt *Runtime, t *Tensor, normal bool, a, b float64) error {
	switch d := t.st.data.(type) {
	case []float32:
		if normal {
			rt.gen.NormalFloat32(d, a, b)
		} else {
			rt.gen.UniformFloat32(d, a, b)
		}
	case []float64:
		if normal {
			rt.gen.NormalFloat64(d, a, b)
		} else {
			rt.gen.UniformFloat64(d, a, b)
		}
	default:
		return fmt.Errorf("\"%s\" not implemented for '%s'", map[bool]string{true: "normal_kernel_cpu", false: "uniform_kernel_cpu"}[normal], t.dtype.ScalarTypeName())
	}
	return nil
}

var (
	opRand = Register(OpDef{
		Schema: "rand(int[] size, *, ScalarType? dtype=None) -> Tensor",
		Kernel: func(rt *Runtime, a Args) ([]*Tensor, error) {
			t, err := fullKernel(a.Is(0), 0, optDType(a, 1, DefaultFloat))
			if err != nil {
				return nil, err
			}
			return one(t, randFill(rt, t, false, 0, 1))
		},
	})
	opRandn = Register(OpDef{
		Schema: "randn(int[] size, *, ScalarType? dtype=None) -> Tensor",
		Kernel: func(rt *Runtime, a Args) ([]*Tensor, error) {
			t, err := fullKernel(a.Is(0), 0, optDType(a, 1, DefaultFloat))
			if err != nil {
				return nil, err
			}
			return one(t, randFill(rt, t, true, 0, 1))
		},
	})
	opRandLike = Register(OpDef{
		Schema: "rand_like(Tensor self, *, ScalarType? dtype=None) -> Tensor",
		Kernel: func(rt *Runtime, a Args) ([]*Tensor, error) {
			t := newTensor(optDType(a, 1, a.T(0).dtype), a.T(0).shape)
			return one(t, randFill(rt, t, false, 0, 1))
		},
	})
	opRandnLike = Register(OpDef{
		Schema: "randn_like(Tensor self, *, ScalarType? dtype=None) -> Tensor",
		Kernel: func(rt *Runtime, a Args) ([]*Tensor, error) {
			t := newTensor(optDType(a, 1, a.T(0).dtype), a.T(0).shape)
			return one(t, randFill(rt, t, true, 0, 1))
		},
	})
	opNormal = Register(OpDef{
		Schema: "normal.float_float(float mean, float std, int[] size, *, ScalarType? dtype=None) -> Tensor",
		Kernel: func(rt *Runtime, a Args) ([]*Tensor, error) {
			if err := rng.CheckNormalStd(a.F(1)); err != nil {
				return nil, err
			}
			t, err := fullKernel(a.Is(2), 0, optDType(a, 3, DefaultFloat))
			if err != nil {
				return nil, err
			}
			return one(t, randFill(rt, t, true, a.F(0), a.F(1)))
		},
	})
	opUniform_ = Register(OpDef{
		Schema: "uniform_(Tensor self, float from=0, float to=1) -> Tensor",
		Kernel: func(rt *Runtime, a Args) ([]*Tensor, error) {
			t := a.T(0)
			if err := rng.CheckUniformRange(a.F(1), a.F(2)); err != nil {
				return nil, err
			}
			tmp := newTensor(t.dtype, t.shape)
			if err := randFill(rt, tmp, false, a.F(1), a.F(2)); err != nil {
				return nil, err
			}
			copyInto(t, tmp)
			return one(t, nil)
		},
		Inplace: true,
	})
	opNormal_ = Register(OpDef{
		Schema: "normal_(Tensor self, float mean=0, float std=1) -> Tensor",
		Kernel: func(rt *Runtime, a Args) ([]*Tensor, error) {
			t := a.T(0)
			if err := rng.CheckNormalStd(a.F(2)); err != nil {
				return nil, err
			}
			tmp := newTensor(t.dtype, t.shape)
			if err := randFill(rt, tmp, true, a.F(1), a.F(2)); err != nil {
				return nil, err
			}
			copyInto(t, tmp)
			return one(t, nil)
		},
		Inplace: true,
	})
	opRandint = Register(OpDef{
		Schema: "randint.low(int low, int high, int[] size, *, ScalarType? dtype=None) -> Tensor",
		Kernel: func(rt *Runtime, a Args) ([]*Tensor, error) {
			lo, hi := a.I(0), a.I(1)
			if lo >= hi {
				return nil, fmt.Errorf("random_ expects 'from' to be less than 'to', but got from=%d >= to=%d", lo, hi)
			}
			size := a.Is(2)
			if err := checkSize(size); err != nil {
				return nil, err
			}
			vals := make([]int64, numelOf(size))
			if err := rt.gen.RandomInt64(vals, int64(lo), int64(hi)); err != nil {
				return nil, err
			}
			t, _ := FromInt64(vals, size...)
			return one(t.castTo(optDType(a, 3, Int64)), nil)
		},
	})
	opRandperm = Register(OpDef{
		Schema: "randperm(int n, *, ScalarType? dtype=None) -> Tensor",
		Kernel: func(rt *Runtime, a Args) ([]*Tensor, error) {
			n := a.I(0)
			if n < 0 {
				return nil, fmt.Errorf("n must be non-negative, got%d", n)
			}
			t, _ := FromInt64(rt.gen.Randperm(n), n)
			return one(t.castTo(optDType(a, 1, Int64)), nil)
		},
	})
	opBernoulli = Register(OpDef{
		Schema: "bernoulli(Tensor self) -> Tensor",
		Kernel: func(rt *Runtime, a Args) ([]*Tensor, error) {
			p := a.T(0).contig()
			out := newTensor(p.dtype, p.shape)
			var err error
			switch p.dtype {
			case Float32:
				err = rng.BernoulliFloat32P(rt.gen, rawData[float32](out), dataOf[float32](p))
			case Float64:
				err = rng.BernoulliFloat64P(rt.gen, rawData[float64](out), dataOf[float64](p))
			default:
				err = errors.New("bernoulli: expected a floating point probability tensor")
			}
			return one(out, err)
		},
	})
	opBernoulliP = Register(OpDef{
		Schema: "bernoulli.p(Tensor self, float p) -> Tensor",
		Kernel: func(rt *Runtime, a Args) ([]*Tensor, error) {
			t := a.T(0)
			out := newTensor(t.dtype, t.shape)
			var err error
			switch d := out.st.data.(type) {
			case []float32:
				err = rng.BernoulliScalar(rt.gen, d, a.F(1))
			case []float64:
				err = rng.BernoulliScalar(rt.gen, d, a.F(1))
			case []int64:
				err = rng.BernoulliScalar(rt.gen, d, a.F(1))
			case []int32:
				err = rng.BernoulliScalar(rt.gen, d, a.F(1))
			case []uint8:
				err = rng.BernoulliScalar(rt.gen, d, a.F(1))
			}
			return one(out, err)
		},
	})
	opMultinomial = Register(OpDef{
		Schema: "multinomial(Tensor self, int num_samples, bool replacement=False) -> Tensor",
		Kernel: func(rt *Runtime, a Args) ([]*Tensor, error) {
			p := a.T(0).contig()
			if len(p.shape) < 1 || len(p.shape) > 2 {
				return nil, errors.New("prob_dist must be 1 or 2 dim")
			}
			rows, k := 1, p.shape[len(p.shape)-1]
			if len(p.shape) == 2 {
				rows = p.shape[0]
			}
			n := a.I(1)
			var idx []int64
			var err error
			switch p.dtype {
			case Float32:
				idx, err = rng.Multinomial(rt.gen, dataOf[float32](p), rows, k, n, a.B(2))
			case Float64:
				idx, err = rng.Multinomial(rt.gen, dataOf[float64](p), rows, k, n, a.B(2))
			default:
				return nil, errors.New("multinomial only supports floating-point dtypes for input")
			}
			if err != nil {
				return nil, err
			}
			shape := []int{n}
			if len(p.shape) == 2 {
				shape = []int{rows, n}
			}
			t, _ := FromInt64(idx, shape...)
			return one(t, nil)
		},
	})
)

func normalTT(rt *Runtime, mean, std *Tensor) (*Tensor, error) {
	if std != nil {
		for _, v := range std.Float64s() {
			if v < 0 {
				return nil, errors.New("normal expects all elements of std >= 0.0")
			}
		}
	}
	var shape []int
	dt := DefaultFloat
	switch {
	case mean != nil && std != nil:
		s, err := broadcastShapes(mean.shape, std.shape)
		if err != nil {
			return nil, err
		}
		shape, dt = s, ResultType(mean, std)
	case mean != nil:
		shape, dt = mean.shape, mean.dtype
	default:
		shape, dt = std.shape, std.dtype
	}
	out := newTensor(dt, shape)
	if err := randFill(rt, out, true, 0, 1); err != nil {
		return nil, err
	}
	var err error
	if std != nil {
		if out, err = arith(rt, binMul, out, std, dt, Scalar{}); err != nil {
			return nil, err
		}
	}
	if mean != nil {
		out, err = arith(rt, binAdd, out, mean, dt, Scalar{})
	}
	return out, err
}

var (
	_ = Register(OpDef{
		Schema: "normal.Tensor_float(Tensor mean, float std=1) -> Tensor",
		Kernel: func(rt *Runtime, a Args) ([]*Tensor, error) {
			if err := rng.CheckNormalStd(a.F(1)); err != nil {
				return nil, err
			}
			m := a.T(0)
			out := newTensor(m.dtype, m.shape)
			if err := randFill(rt, out, true, 0, a.F(1)); err != nil {
				return nil, err
			}
			return one(arith(rt, binAdd, out, m, m.dtype, Scalar{}))
		},
	})
	_ = Register(OpDef{
		Schema: "normal.float_Tensor(float mean, Tensor std) -> Tensor",
		Kernel: func(rt *Runtime, a Args) ([]*Tensor, error) {
			r, err := normalTT(rt, nil, a.T(1))
			if err != nil {
				return nil, err
			}
			return one(arith(rt, binAdd, r, wrapScalar(Float(a.F(0))), r.dtype, Scalar{}))
		},
	})
	_ = Register(OpDef{
		Schema: "normal.Tensor_Tensor(Tensor mean, Tensor std) -> Tensor",
		Kernel: func(rt *Runtime, a Args) ([]*Tensor, error) { return one(normalTT(rt, a.T(0), a.T(1))) },
	})
	_ = Register(OpDef{
		Schema: "randint(int high, int[] size, *, ScalarType? dtype=None) -> Tensor",
		Kernel: func(rt *Runtime, a Args) ([]*Tensor, error) {
			outs, err := rt.Call("randint.low", 0, a.I(0), a.Is(1))
			if err != nil {
				return nil, err
			}
			return one(outs[0].castTo(optDType(a, 2, Int64)), nil)
		},
	})
	_ = Register(OpDef{
		Schema: "randint_like.low_dtype(Tensor self, int low, int high, *, ScalarType? dtype=None) -> Tensor",
		Kernel: func(rt *Runtime, a Args) ([]*Tensor, error) {
			outs, err := rt.Call("randint.low", a.I(1), a.I(2), a.T(0).shape)
			if err != nil {
				return nil, err
			}
			return one(outs[0].castTo(optDType(a, 3, a.T(0).dtype)), nil)
		},
	})
)

// Rand is torch.rand.
func (rt *Runtime) Rand(dt DType, size ...int) (*Tensor, error) { return rt.call1(opRand, size, dt) }

// Randn is torch.randn.
func (rt *Runtime) Randn(dt DType, size ...int) (*Tensor, error) { return rt.call1(opRandn, size, dt) }

var _ = []*Op{opRandLike, opRandnLike, opNormal, opUniform_, opNormal_, opRandint, opRandperm, opBernoulli, opBernoulliP, opMultinomial}
