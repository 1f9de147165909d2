package tensor

import (
	"encoding/json"
	"fmt"
	"maps"
	"math"
	"slices"
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
	return loadJSON[struct {
		Cases []nnCase `json:"cases"`
	}](t, "testdata/nn.json").Cases
}

// decodeNNCase decodes a case's arguments; with grad, floating inputs
// require grad and are returned in the generator's order (positional,
// then keyword arguments sorted by name).
func decodeNNCase(c *nnCase, grad bool) ([]any, map[string]any, []*Tensor) {
	args, kw := c.decodeArgs()
	keys := slices.Sorted(maps.Keys(kw))
	var inputs []*Tensor
	mark := func(v any) {
		if x, ok := v.(*Tensor); ok && x.dtype.IsFloat() && grad {
			x.SetRequiresGrad(true)
			inputs = append(inputs, x)
		}
	}
	for i, a := range args {
		if !slices.Contains(c.NoGrad, i) {
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
	checkGenerator(t, "testdata/gen_nn_fixtures.py", "testdata/nn.json")
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
