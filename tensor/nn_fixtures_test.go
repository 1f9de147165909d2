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
	Grads  []json.RawMessage `json:"grads"`
	After  []json.RawMessage `json:"after"`
	NoGrad []int             `json:"nograd"`
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
		compareOut(t, name, outs, c.Out, tol)
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
		if got != *c.GradFn {
			t.Errorf("%s: grad_fn %s, want %s", name, got, *c.GradFn)
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
		if c.GradFn == nil || c.Error != "" {
			continue
		}
		args, kw, _ := decodeNNCase(c, false)
		base := strings.SplitN(c.Op, ".", 2)[0]
		if nnNoGradcheck[base] {
			continue
		}
		if err := gradcheck(NewRuntime(), c.Op, args, kw, !nnNoDouble[base]); err != nil {
			t.Errorf("#%d %s: %v", i, c.Op, err)
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
