package tensor

import (
	"errors"
	"fmt"
	"math"
)

func optDType(a Args, i int, def DType) DType {
	if d, ok := a.D(i); ok {
		return d
	}
	return def
}

func checkSize(size []int) error {
	for _, s := range size {
		if s < 0 {
			return fmt.Errorf("Trying to create tensor with negative dimension %d: %s", s, fmtShape(size))
		}
	}
	return nil
}

func scalarDType(s Scalar) DType {
	switch s.Kind {
	case Bool:
		return Bool
	case Int64:
		return Int64
	}
	return DefaultFloat
}

func fullKernel(size []int, v float64, dt DType) (*Tensor, error) {
	if err := checkSize(size); err != nil {
		return nil, err
	}
	t := newTensor(dt, size)
	if v != 0 {
		fillScalar(t, v)
	}
	return t, nil
}

func linspaceT[T floatElem](out []T, start, end T) {
	n := len(out)
	if n == 1 {
		out[0] = start
		return
	}
	step := (end - start) / T(n-1)
	half := n / 2
	for i := range out {
		if i < half {
			out[i] = start + step*T(i)
		} else {
			out[i] = end - step*T(n-i-1)
		}
	}
}

var (
	opZeros = Register(OpDef{
		Schema: "zeros(int[] size, *, ScalarType? dtype=None) -> Tensor",
		Kernel: func(rt *Runtime, a Args) ([]*Tensor, error) {
			return one(fullKernel(a.Is(0), 0, optDType(a, 1, DefaultFloat)))
		},
	})
	opOnes = Register(OpDef{
		Schema: "ones(int[] size, *, ScalarType? dtype=None) -> Tensor",
		Kernel: func(rt *Runtime, a Args) ([]*Tensor, error) {
			return one(fullKernel(a.Is(0), 1, optDType(a, 1, DefaultFloat)))
		},
	})
	opEmpty = Register(OpDef{
		Schema: "empty.memory_format(int[] size, *, ScalarType? dtype=None) -> Tensor",
		Kernel: func(rt *Runtime, a Args) ([]*Tensor, error) {
			return one(fullKernel(a.Is(0), 0, optDType(a, 1, DefaultFloat)))
		},
	})
	opFull = Register(OpDef{
		Schema: "full(int[] size, Scalar fill_value, *, ScalarType? dtype=None) -> Tensor",
		Kernel: func(rt *Runtime, a Args) ([]*Tensor, error) {
			s := a.S(1)
			return one(fullKernel(a.Is(0), s.F, optDType(a, 2, scalarDType(s))))
		},
	})
	opZerosLike = Register(OpDef{
		Schema: "zeros_like(Tensor self, *, ScalarType? dtype=None) -> Tensor",
		Kernel: func(rt *Runtime, a Args) ([]*Tensor, error) {
			return one(fullKernel(a.T(0).shape, 0, optDType(a, 1, a.T(0).dtype)))
		},
	})
	opOnesLike = Register(OpDef{
		Schema: "ones_like(Tensor self, *, ScalarType? dtype=None) -> Tensor",
		Kernel: func(rt *Runtime, a Args) ([]*Tensor, error) {
			return one(fullKernel(a.T(0).shape, 1, optDType(a, 1, a.T(0).dtype)))
		},
	})
	opEmptyLike = Register(OpDef{
		Schema: "empty_like(Tensor self, *, ScalarType? dtype=None) -> Tensor",
		Kernel: func(rt *Runtime, a Args) ([]*Tensor, error) {
			return one(fullKernel(a.T(0).shape, 0, optDType(a, 1, a.T(0).dtype)))
		},
	})
	opFullLike = Register(OpDef{
		Schema: "full_like(Tensor self, Scalar fill_value, *, ScalarType? dtype=None) -> Tensor",
		Kernel: func(rt *Runtime, a Args) ([]*Tensor, error) {
			return one(fullKernel(a.T(0).shape, a.S(1).F, optDType(a, 2, a.T(0).dtype)))
		},
	})
	opEye = Register(OpDef{
		Schema: "eye.m(int n, int? m=None, *, ScalarType? dtype=None) -> Tensor",
		Kernel: func(rt *Runtime, a Args) ([]*Tensor, error) {
			n := a.I(0)
			m := n
			if !a.None(1) {
				m = a.I(1)
			}
			if n < 0 {
				return nil, fmt.Errorf("n must be greater or equal to 0, got %d", n)
			}
			if m < 0 {
				return nil, fmt.Errorf("m must be greater or equal to 0, got %d", m)
			}
			t := newTensor(optDType(a, 2, DefaultFloat), []int{n, m})
			for i := 0; i < min(n, m); i++ {
				t.setFlat(i*m+i, 1)
			}
			return one(t, nil)
		},
	})
	opArange = Register(OpDef{
		Schema: "arange.start_step(Scalar start, Scalar end, Scalar step=1, *, ScalarType? dtype=None) -> Tensor",
		Kernel: func(rt *Runtime, a Args) ([]*Tensor, error) {
			s, e, st := a.S(0), a.S(1), a.S(2)
			dt := Int64
			if s.Kind == Float64 || e.Kind == Float64 || st.Kind == Float64 {
				dt = DefaultFloat
			}
			dt = optDType(a, 3, dt)
			if st.F == 0 {
				return nil, errors.New("step must be nonzero")
			}
			if math.IsInf(s.F, 0) || math.IsInf(e.F, 0) || math.IsNaN(s.F) || math.IsNaN(e.F) {
				return nil, fmt.Errorf("unsupported range: %s -> %s", s, e)
			}
			if (st.F > 0 && s.F > e.F) || (st.F < 0 && s.F < e.F) {
				return nil, errors.New("upper bound and larger bound inconsistent with step sign")
			}
			var n int
			if dt.IsFloat() || s.Kind == Float64 || e.Kind == Float64 || st.Kind == Float64 {
				n = int(math.Ceil((e.F - s.F) / st.F))
			} else {
				d := e.I - s.I
				n = int((d + st.I - sign64(st.I)) / st.I)
			}
			t := newTensor(dt, []int{n})
			for i := 0; i < n; i++ {
				if dt.IsFloat() || s.Kind == Float64 || st.Kind == Float64 {
					t.setFlat(i, s.F+float64(i)*st.F)
				} else {
					t.setFlat(i, float64(s.I+int64(i)*st.I))
				}
			}
			return one(t, nil)
		},
	})
	opLinspace = Register(OpDef{
		Schema: "linspace(Scalar start, Scalar end, int steps, *, ScalarType? dtype=None) -> Tensor",
		Kernel: func(rt *Runtime, a Args) ([]*Tensor, error) {
			n := a.I(2)
			if n < 0 {
				return nil, errors.New("number of steps must be non-negative")
			}
			dt := optDType(a, 3, DefaultFloat)
			t := newTensor(dt, []int{n})
			switch d := t.st.data.(type) {
			case []float32:
				linspaceT(d, float32(a.S(0).F), float32(a.S(1).F))
			default:
				tmp := make([]float64, n)
				linspaceT(tmp, a.S(0).F, a.S(1).F)
				for i, v := range tmp {
					t.setFlat(i, v)
				}
			}
			return one(t, nil)
		},
	})
	opLogspace = Register(OpDef{
		Schema: "logspace(Scalar start, Scalar end, int steps=100, float base=10.0, *, ScalarType? dtype=None) -> Tensor",
		Kernel: func(rt *Runtime, a Args) ([]*Tensor, error) {
			n := a.I(2)
			if n < 0 {
				return nil, errors.New("number of steps must be non-negative")
			}
			dt := optDType(a, 4, DefaultFloat)
			t := newTensor(dt, []int{n})
			base := a.F(3)
			s, e := a.S(0).F, a.S(1).F
			step := 0.0
			if n > 1 {
				step = (e - s) / float64(n-1)
			}
			for i := 0; i < n; i++ {
				var v float64
				if i < n/2 {
					v = math.Pow(base, s+step*float64(i))
				} else {
					v = math.Pow(base, e-step*float64(n-i-1))
				}
				t.setFlat(i, v)
			}
			return one(t, nil)
		},
	})
)

func sign64(x int64) int64 {
	if x < 0 {
		return -1
	}
	return 1
}

// Zeros is torch.zeros.
func (rt *Runtime) Zeros(dt DType, size ...int) (*Tensor, error) { return rt.call1(opZeros, size, dt) }

// Ones is torch.ones.
func (rt *Runtime) Ones(dt DType, size ...int) (*Tensor, error) { return rt.call1(opOnes, size, dt) }

// Full is torch.full.
func (rt *Runtime) Full(size []int, v any, dt *DType) (*Tensor, error) {
	if dt == nil {
		return rt.call1(opFull, size, v)
	}
	return rt.call1(opFull, size, v, *dt)
}

// Arange is torch.arange(start, end, step); dt nil infers it.
func (rt *Runtime) Arange(start, end, step any, dt *DType) (*Tensor, error) {
	if dt == nil {
		return rt.call1(opArange, start, end, step)
	}
	return rt.call1(opArange, start, end, step, *dt)
}

var _ = []*Op{opZeros, opOnes, opEmpty, opFull, opZerosLike, opOnesLike, opEmptyLike, opFullLike, opEye, opArange, opLinspace, opLogspace}
