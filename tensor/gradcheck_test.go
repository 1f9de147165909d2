package tensor

import (
	"fmt"
	"math"
	"slices"
	"strings"
	"testing"
)

// gradcheck compares autograd gradients of L = sum_k w_k . out_k with
// central finite differences, in float64, for every float input of the
// call. With double it also checks the gradient of the gradient
// (S = sum_i v_i . dL/dx_i) against finite differences of first-order
// gradients. It returns a description of the first mismatch.
func gradcheck(rt *Runtime, op string, args []any, kw map[string]any, double bool) error {
	return gradcheckFixed(rt, op, args, kw, double, nil)
}

// gradcheckFixed is gradcheck with the positional arguments listed in
// fixed held constant (class weights, running statistics: PyTorch refuses
// gradients for them).
func gradcheckFixed(rt *Runtime, op string, args []any, kw map[string]any, double bool, fixed []int) error {
	var inputs []*Tensor
	conv := func(a any) any {
		switch x := a.(type) {
		case *Tensor:
			if x.dtype.IsFloat() {
				y := x.castTo(Float64).cloneData()
				y.SetRequiresGrad(true)
				inputs = append(inputs, y)
				return y
			}
		case []*Tensor:
			out := make([]*Tensor, len(x))
			for i, t := range x {
				out[i] = t
				if t != nil && t.dtype.IsFloat() {
					y := t.castTo(Float64).cloneData()
					y.SetRequiresGrad(true)
					inputs = append(inputs, y)
					out[i] = y
				}
			}
			return out
		}
		return a
	}
	cargs := make([]any, len(args))
	for i, a := range args {
		if x, ok := a.(*Tensor); ok && slices.Contains(fixed, i) && x.dtype.IsFloat() {
			cargs[i] = x.castTo(Float64).cloneData()
			continue
		}
		cargs[i] = conv(a)
	}
	ckw := map[string]any{}
	for k, a := range kw {
		ckw[k] = conv(a)
	}
	if len(inputs) == 0 {
		return nil
	}
	// fixed pseudo-random weights for the outputs
	weights := map[int][]float64{}
	loss := func() (*Tensor, error) {
		outs, err := rt.CallNamed(op, cargs, ckw)
		if err != nil {
			return nil, err
		}
		var total *Tensor
		for k, o := range outs {
			if !o.dtype.IsFloat() {
				continue
			}
			w := weights[k]
			if w == nil {
				w = make([]float64, o.Numel())
				for i := range w {
					w[i] = math.Sin(float64(3*i+k+1)) + 0.5
				}
				weights[k] = w
			}
			wt, _ := FromFloat64(w, o.shape...)
			p, err := rt.Mul(o.castTo(Float64), wt)
			if err != nil {
				return nil, err
			}
			s, err := rt.Sum(p)
			if err != nil {
				return nil, err
			}
			if total == nil {
				total = s
			} else if total, err = rt.Add(total, s, Int(1)); err != nil {
				return nil, err
			}
		}
		if total == nil {
			return nil, fmt.Errorf("no float outputs")
		}
		return total, nil
	}
	L, err := loss()
	if err != nil {
		return err
	}
	if !L.RequiresGrad() {
		return nil
	}
	grads, err := rt.Grad([]*Tensor{L}, inputs, nil, GradOptions{CreateGraph: double, RetainGraph: double, AllowUnused: true})
	if err != nil {
		return fmt.Errorf("backward: %v", err)
	}
	const eps = 1e-6
	numeric := func(f func() (float64, error)) ([][]float64, error) {
		out := make([][]float64, len(inputs))
		for i, in := range inputs {
			d := rawData[float64](in)
			out[i] = make([]float64, len(d))
			for j := range d {
				old := d[j]
				d[j] = old + eps
				lp, err := f()
				if err != nil {
					return nil, err
				}
				d[j] = old - eps
				lm, err := f()
				if err != nil {
					return nil, err
				}
				d[j] = old
				out[i][j] = (lp - lm) / (2 * eps)
			}
		}
		return out, nil
	}
	num, err := numeric(func() (float64, error) {
		var v float64
		err := rt.NoGrad(func() error {
			l, err := loss()
			if err != nil {
				return err
			}
			v, _ = l.Item()
			return nil
		})
		return v, err
	})
	if err != nil {
		return err
	}
	cmp := func(what string, got []*Tensor, want [][]float64) error {
		for i := range inputs {
			var gv []float64
			if got[i] != nil {
				gv = got[i].Float64s()
			} else {
				gv = make([]float64, len(want[i]))
			}
			for j := range want[i] {
				if math.IsNaN(gv[j]) != math.IsNaN(want[i][j]) || math.Abs(gv[j]-want[i][j]) > 1e-5+1e-4*math.Abs(want[i][j]) {
					return fmt.Errorf("%s of input %d element %d: autograd %v, numeric %v", what, i, j, gv[j], want[i][j])
				}
			}
		}
		return nil
	}
	if err := cmp("gradient", grads, num); err != nil {
		return err
	}
	if !double {
		return nil
	}
	// second order: S = sum_i v_i . g_i
	vs := make([]*Tensor, len(inputs))
	for i, in := range inputs {
		v := make([]float64, in.Numel())
		for j := range v {
			v[j] = math.Cos(float64(2*j+i)) + 0.25
		}
		vs[i], _ = FromFloat64(v, in.shape...)
	}
	sOf := func(gs []*Tensor) (*Tensor, error) {
		var s *Tensor
		for i, g := range gs {
			if g == nil {
				continue
			}
			p, err := rt.Mul(g, vs[i])
			if err != nil {
				return nil, err
			}
			ps, err := rt.Sum(p)
			if err != nil {
				return nil, err
			}
			if s == nil {
				s = ps
			} else if s, err = rt.Add(s, ps, Int(1)); err != nil {
				return nil, err
			}
		}
		return s, nil
	}
	S, err := sOf(grads)
	if err != nil || S == nil || !S.RequiresGrad() {
		return err // gradient does not depend on the inputs (linear op)
	}
	gg, err := rt.Grad([]*Tensor{S}, inputs, nil, GradOptions{AllowUnused: true})
	if err != nil {
		return fmt.Errorf("double backward: %v", err)
	}
	num2, err := numeric(func() (float64, error) {
		l, err := loss()
		if err != nil {
			return 0, err
		}
		g1, err := rt.Grad([]*Tensor{l}, inputs, nil, GradOptions{AllowUnused: true})
		if err != nil {
			return 0, err
		}
		s, err := sOf(g1)
		if err != nil || s == nil {
			return 0, err
		}
		return s.Item()
	})
	if err != nil {
		return err
	}
	return cmp("second derivative", gg, num2)
}

// TestGradcheck runs gradcheck (first and second order) on every fixture
// case that PyTorch differentiates.
func TestGradcheck(t *testing.T) {
	f := loadFixtures(t, "testdata/ops.json")
	n := 0
	for i, c := range f.Cases {
		if c.GradFn == nil || c.Error != "" {
			continue
		}
		name := fmt.Sprintf("#%d %s", i, c.Op)
		rt := NewRuntime()
		args, kw := c.decodeArgs()
		double := !noDoubleBackward[strings.SplitN(c.Op, ".", 2)[0]] && !c.NoDouble
		if err := gradcheck(rt, c.Op, args, kw, double); err != nil {
			t.Errorf("%s: %v", name, err)
		}
		n++
	}
	t.Logf("gradchecked %d cases", n)
}

// ops whose second derivative is not checked: piecewise-linear selection
// ops have zero second derivatives but finite differences across their
// kinks are noisy, and a few formulas are not twice differentiable here.
var noDoubleBackward = map[string]bool{}
