package tensor

import (
	"bytes"
	"encoding/json"
	"fmt"
	"math"
	"os"
	"os/exec"
	"sort"
	"strings"
	"testing"
)

// nnCase is a case of testdata/nn.json (gen_nn_fixtures.py): a fixture
// case plus the input gradients PyTorch computed.
type nnCase struct {
	fixtureCase
	Grads       []json.RawMessage `json:"grads"`
	After       []json.RawMessage `json:"after"`
	NoGrad      []int             `json:"nograd"`
	NoGradcheck bool              `json:"no_gradcheck"`
	Canon       string            `json:"canon"`
}

func loadNNFixtures(t *testing.T) []nnCase {
	b, err := os.ReadFile("testdata/nn.json")
	if err != nil {
		t.Fatal(err)
	}
	var f struct {
		Cases []nnCase `json:"cases"`
	}
	if err := json.Unmarshal(b, &f); err != nil {
		t.Fatal(err)
	}
	return f.Cases
}

// decodeNNCase decodes a case's arguments; with grad, floating inputs
// require grad and are returned in the generator's order (positional,
// then keyword arguments sorted by name).
func decodeNNCase(c *nnCase, grad bool) ([]any, map[string]any, []*Tensor) {
	args := make([]any, len(c.Args))
	for k, a := range c.Args {
		args[k] = decodeArg(a)
	}
	kw := map[string]any{}
	keys := make([]string, 0, len(c.Kwargs))
	for k, a := range c.Kwargs {
		kw[k] = decodeArg(a)
		keys = append(keys, k)
	}
	sort.Strings(keys)
	var inputs []*Tensor
	mark := func(v any) {
		if x, ok := v.(*Tensor); ok && x.dtype.IsFloat() && grad {
			x.SetRequiresGrad(true)
			inputs = append(inputs, x)
		}
	}
	for i, a := range args {
		skip := false
		for _, j := range c.NoGrad {
			skip = skip || i == j
		}
		if !skip {
			mark(a)
		}
	}
	for _, k := range keys {
		mark(kw[k])
	}
	return args, kw, inputs
}

// weightedLoss is L = sum_k sum_i out_k[i] * (sin(3i+k+1) + 0.5), as in the generator.
func weightedLoss(rt *Runtime, outs []*Tensor) (*Tensor, error) {
	var L *Tensor
	for k, o := range outs {
		if !o.dtype.IsFloat() || !o.RequiresGrad() {
			continue
		}
		w := make([]float64, o.Numel())
		for i := range w {
			w[i] = math.Sin(float64(3*i+k+1)) + 0.5
		}
		wt, _ := FromFloat64As(o.dtype, w, o.shape...)
		p, err := rt.Mul(o, wt)
		if err != nil {
			return nil, err
		}
		s, err := rt.Sum(p)
		if err != nil {
			return nil, err
		}
		if L == nil {
			L = s
		} else if L, err = rt.Add(L, s, Int(1)); err != nil {
			return nil, err
		}
	}
	return L, nil
}

func nnTol(c *nnCase, outs []*Tensor) float64 {
	if c.Tol != 0 {
		return c.Tol
	}
	for _, o := range outs {
		if o.dtype == Float64 {
			return 1e-10
		}
	}
	return 1e-5
}

// TestNNAgainstPyTorch runs every case of testdata/nn.json: outputs,
// errors, grad_fn names and input gradients.
func TestNNAgainstPyTorch(t *testing.T) {
	cases := loadNNFixtures(t)
	for i := range cases {
		c := &cases[i]
		name := fmt.Sprintf("#%d %s", i, c.Op)
		rt := NewRuntime()
		args, kw, inputs := decodeNNCase(c, c.GradFn != nil)
		outs, err := rt.CallNamed(c.Op, args, kw)
		if c.Error != "" {
			if err == nil {
				t.Errorf("%s: want error %q, got none", name, c.Error)
			} else if err.Error() != c.Error {
				t.Errorf("%s: error %q, want %q", name, err.Error(), c.Error)
			}
			continue
		}
		if err != nil {
			t.Errorf("%s: unexpected error %v", name, err)
			continue
		}
		tol := nnTol(c, outs)
		if c.Canon != "" {
			compareOut(t, name, canonical(c.Canon, outs), c.Out, tol)
		} else {
			compareOut(t, name, outs, c.Out, tol)
		}
		for k, raw := range c.After {
			if string(raw) != "null" {
				compareOut(t, fmt.Sprintf("%s argument %d after the call", name, k), []*Tensor{args[k].(*Tensor)}, raw, tol)
			}
		}
		if c.GradFn == nil {
			continue
		}
		got := ""
		if gf := outs[0].GradFn(); gf != nil {
			got = gf.Name()
		}
		if *c.GradFn != "" && got != *c.GradFn {
			t.Errorf("%s: grad_fn %s, want %s", name, got, *c.GradFn)
		}
		if c.Grads == nil {
			continue
		}
		L, err := weightedLoss(rt, outs)
		if err != nil || L == nil {
			t.Errorf("%s: loss: %v", name, err)
			continue
		}
		gs, err := rt.Grad([]*Tensor{L}, inputs, nil, GradOptions{AllowUnused: true})
		if err != nil {
			t.Errorf("%s: backward: %v", name, err)
			continue
		}
		if len(c.Grads) != len(gs) {
			t.Errorf("%s: %d gradients, want %d", name, len(gs), len(c.Grads))
			continue
		}
		for k, raw := range c.Grads {
			if string(raw) == "null" {
				continue
			}
			g := gs[k]
			if g == nil {
				g = newTensor(inputs[k].dtype, inputs[k].shape)
			}
			compareOut(t, fmt.Sprintf("%s grad %d", name, k), []*Tensor{g}, raw, tol*4)
		}
	}
	t.Logf("%d cases", len(cases))
}

// nnNoDouble lists ops whose second derivatives are not gradchecked
// (piecewise-linear selections: finite differences across kinks are noisy).
var nnNoDouble = map[string]bool{}

// nnNoGradcheck lists ops not gradchecked directly: their statistics
// outputs are floating but not differentiable (the public ops built on
// them are checked).
var nnNoGradcheck = map[string]bool{"native_batch_norm": true, "native_layer_norm": true, "native_group_norm": true}

// TestNNGradcheck checks every differentiable case's backward (and, for
// most, double backward) against finite differences in float64.
func TestNNGradcheck(t *testing.T) {
	cases := loadNNFixtures(t)
	n := 0
	for i := range cases {
		c := &cases[i]
		if c.GradFn == nil || c.Error != "" || c.NoGradcheck {
			continue
		}
		args, kw, _ := decodeNNCase(c, false)
		base := strings.SplitN(c.Op, ".", 2)[0]
		if nnNoGradcheck[base] {
			continue
		}
		if err := gradcheckFixed(NewRuntime(), c.Op, args, kw, !nnNoDouble[base], c.NoGrad); err != nil {
			t.Errorf("#%d %s: %v", i, c.Op, err)
		}
		// first order alone: backward formulas may take a direct path
		// when no graph of the gradient is being built
		args, kw, _ = decodeNNCase(c, false)
		if err := gradcheckFixed(NewRuntime(), c.Op, args, kw, false, c.NoGrad); err != nil {
			t.Errorf("#%d %s (first order): %v", i, c.Op, err)
		}
		n++
	}
	t.Logf("gradchecked %d cases", n)
}

// TestNNFixturesLive re-runs gen_nn_fixtures.py when PyTorch is installed
// and checks the committed nn.json is what it produces.
func TestNNFixturesLive(t *testing.T) {
	if testing.Short() {
		t.Skip("short")
	}
	if err := exec.Command("/usr/bin/python3", "-c", "import torch").Run(); err != nil {
		t.Skip("torch not installed")
	}
	out, err := exec.Command("/usr/bin/python3", "testdata/gen_nn_fixtures.py").Output()
	if err != nil {
		t.Fatal(err)
	}
	committed, err := os.ReadFile("testdata/nn.json")
	if err != nil {
		t.Fatal(err)
	}
	if !bytes.Equal(bytes.TrimSpace(out), bytes.TrimSpace(committed)) {
		t.Fatal("testdata/nn.json differs from a fresh run of gen_nn_fixtures.py; regenerate it")
	}
}

// gradcheckFixed is gradcheck (gradcheck_test.go) with the positional
// arguments listed in fixed held constant (class weights, running
// statistics: PyTorch refuses gradients for them).
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
				if t.dtype.IsFloat() {
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
		isFixed := false
		for _, j := range fixed {
			isFixed = isFixed || i == j
		}
		if x, ok := a.(*Tensor); ok && isFixed && x.dtype.IsFloat() {
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
				if math.Abs(gv[j]-want[i][j]) > 1e-5+1e-4*math.Abs(want[i][j]) {
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

// canonical fixes the signs of QR and SVD factors like the generator's
// canonical(): R's diagonal non-negative (QR); each column of U with its
// largest-magnitude entry positive (SVD), the same flip applied to Vh; the
// arbitrary completion columns of complete/full factors zeroed.
func canonical(kind string, outs []*Tensor) []*Tensor {
	if kind == "svd_v" { // torch.svd's V: canonicalise V^T as Vh
		vh, _ := transposeKernel(outs[2], -2, -1)
		res := canonical("svd", []*Tensor{outs[0], outs[1], vh})
		v, _ := transposeKernel(res[2], -2, -1)
		res[2] = v.contig()
		return res
	}
	res := make([]*Tensor, len(outs))
	for i, o := range outs {
		res[i] = o.contig().cloneData()
	}
	A, B := res[0], res[len(res)-1] // Q, R or U, Vh
	nd := len(A.shape)
	m, ac := A.shape[nd-2], A.shape[nd-1]
	br, bc := B.shape[nd-2], B.shape[nd-1]
	k := min(br, bc)
	if kind == "svd" {
		k = res[1].shape[len(res[1].shape)-1]
	}
	nb := numelOf(A.shape[:nd-2])
	for b := 0; b < nb; b++ {
		ao, bo := b*m*ac, b*br*bc
		at := func(i, j int) int { return ao + i*ac + j }
		bt := func(i, j int) int { return bo + i*bc + j }
		for j := 0; j < ac; j++ {
			if j >= k {
				for i := 0; i < m; i++ {
					A.setFlat(at(i, j), 0)
				}
				continue
			}
			flip := false
			if kind == "qr" {
				flip = B.flat(bt(j, j)) < 0
			} else {
				bi, bv := 0, -1.0
				for i := 0; i < m; i++ {
					if v := math.Abs(A.flat(at(i, j))); v > bv {
						bi, bv = i, v
					}
				}
				flip = A.flat(at(bi, j)) < 0
			}
			if flip {
				for i := 0; i < m; i++ {
					A.setFlat(at(i, j), -A.flat(at(i, j)))
				}
				for c := 0; c < bc; c++ {
					B.setFlat(bt(j, c), -B.flat(bt(j, c)))
				}
			}
		}
		if kind == "svd" {
			for i := k; i < br; i++ {
				for c := 0; c < bc; c++ {
					B.setFlat(bt(i, c), 0)
				}
			}
		}
	}
	return res
}
