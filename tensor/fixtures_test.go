package tensor

import (
	"bytes"
	"encoding/json"
	"fmt"
	"math"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
)

type fixtureFile struct {
	Torch string        `json:"torch"`
	Cases []fixtureCase `json:"cases"`
}

type fixtureCase struct {
	Op     string                     `json:"op"`
	Args   []json.RawMessage          `json:"args"`
	Kwargs map[string]json.RawMessage `json:"kwargs"`
	Out    json.RawMessage            `json:"out"`
	Error  string                     `json:"error"`
	GradFn *string                    `json:"grad_fn"`
	Seed   *uint64                    `json:"seed"`
	Tol    float64                    `json:"tol"`
	// NoDouble skips the second-order gradcheck of this case.
	NoDouble bool `json:"nodouble"`
}

type encTensor struct {
	DType string `json:"dtype"`
	Shape []int  `json:"shape"`
	Data  []any  `json:"data"`
	Perm  []int  `json:"perm"`
}

func jnum(v any) float64 {
	switch x := v.(type) {
	case float64:
		return x
	case bool:
		if x {
			return 1
		}
		return 0
	case string:
		switch x {
		case "nan":
			return math.NaN()
		case "inf":
			return math.Inf(1)
		case "-inf":
			return math.Inf(-1)
		}
	}
	panic(fmt.Sprintf("bad number %v", v))
}

func decodeTensor(e encTensor) *Tensor {
	dt, err := ParseDType(e.DType)
	if err != nil {
		panic(err)
	}
	shape := e.Shape
	if e.Perm != nil {
		shape = make([]int, len(e.Perm))
		for i, p := range e.Perm {
			shape[i] = e.Shape[p]
		}
	}
	t := newTensor(dt, shape)
	for i, v := range e.Data {
		if dt == Int64 {
			rawData[int64](t)[i] = int64(jnum(v))
		} else {
			t.setFlat(i, jnum(v))
		}
	}
	if e.Perm != nil {
		inv := make([]int, len(e.Perm))
		for i, p := range e.Perm {
			inv[p] = i
		}
		t, _ = permuteKernel(t, inv)
	}
	return t
}

func decodeArg(raw json.RawMessage) any {
	var v any
	d := json.NewDecoder(bytes.NewReader(raw))
	d.UseNumber()
	if err := d.Decode(&v); err != nil {
		panic(err)
	}
	return decodeValue(v)
}

func decodeValue(v any) any {
	switch x := v.(type) {
	case nil:
		return nil
	case bool, string:
		return x
	case json.Number:
		if i, err := x.Int64(); err == nil {
			return int(i)
		}
		f, _ := x.Float64()
		return f
	case []any:
		out := make([]int, len(x))
		for i, e := range x {
			out[i] = decodeValue(e).(int)
		}
		return out
	case map[string]any:
		if t, ok := x["tensor"]; ok {
			b, _ := json.Marshal(t)
			var e encTensor
			json.Unmarshal(b, &e)
			return decodeTensor(e)
		}
		if f, ok := x["float"]; ok {
			switch y := f.(type) {
			case json.Number:
				v, _ := y.Float64()
				return Float(v)
			default:
				return Float(jnum(y))
			}
		}
		if d, ok := x["dtype"]; ok {
			dt, _ := ParseDType(d.(string))
			return dt
		}
		if ts, ok := x["tensors"]; ok {
			var out []*Tensor
			for _, e := range ts.([]any) {
				if e == nil {
					out = append(out, nil)
				} else {
					out = append(out, decodeValue(e).(*Tensor))
				}
			}
			return out
		}
	}
	panic(fmt.Sprintf("cannot decode %v", v))
}

// compareOut checks a Go result against an encoded PyTorch output.
func compareOut(t *testing.T, name string, got []*Tensor, raw json.RawMessage, tol float64) {
	t.Helper()
	var out map[string]any
	d := json.NewDecoder(bytes.NewReader(raw))
	d.UseNumber()
	d.Decode(&out)
	var want []map[string]any
	if l, ok := out["list"]; ok {
		for _, e := range l.([]any) {
			want = append(want, e.(map[string]any)["tensor"].(map[string]any))
		}
	} else if tt, ok := out["tensor"]; ok {
		want = []map[string]any{tt.(map[string]any)}
	}
	if len(got) != len(want) {
		t.Errorf("%s: got %d outputs, want %d", name, len(got), len(want))
		return
	}
	for k, w := range want {
		g := got[k]
		if g.dtype.String() != w["dtype"].(string) {
			t.Errorf("%s: output %d dtype %s, want %s", name, k, g.dtype, w["dtype"])
			continue
		}
		var ws []int
		for _, s := range w["shape"].([]any) {
			n, _ := s.(json.Number).Int64()
			ws = append(ws, int(n))
		}
		if !sameShape(g.shape, ws) && !(len(g.shape) == 0 && len(ws) == 0) {
			t.Errorf("%s: output %d shape %v, want %v", name, k, g.shape, ws)
			continue
		}
		gv := g.Float64s()
		for i, e := range w["data"].([]any) {
			var wv float64
			if n, ok := e.(json.Number); ok {
				wv, _ = n.Float64()
			} else {
				wv = jnum(e)
			}
			if !closeEnough(gv[i], wv, tol) {
				t.Errorf("%s: output %d element %d = %v, want %v", name, k, i, gv[i], wv)
				break
			}
		}
	}
}

func closeEnough(g, w, tol float64) bool {
	if math.IsNaN(w) {
		return math.IsNaN(g)
	}
	if math.IsInf(w, 0) {
		return g == w
	}
	return math.Abs(g-w) <= tol*math.Max(1, math.Abs(w))
}

func loadFixtures(t *testing.T, path string) fixtureFile {
	return loadJSON[fixtureFile](t, path)
}

// loadJSON decodes the JSON file at path into a T.
func loadJSON[T any](t *testing.T, path string) T {
	t.Helper()
	b, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	var v T
	if err := json.Unmarshal(b, &v); err != nil {
		t.Fatal(err)
	}
	return v
}

// decodeArgs decodes the case's positional and keyword arguments.
func (c *fixtureCase) decodeArgs() ([]any, map[string]any) {
	args := make([]any, len(c.Args))
	for k, a := range c.Args {
		args[k] = decodeArg(a)
	}
	kw := map[string]any{}
	for k, a := range c.Kwargs {
		kw[k] = decodeArg(a)
	}
	return args, kw
}

// TestOpsAgainstPyTorch runs every case of testdata/ops.json.
func TestOpsAgainstPyTorch(t *testing.T) {
	f := loadFixtures(t, "testdata/ops.json")
	covered := map[string]bool{}
	for i, c := range f.Cases {
		name := fmt.Sprintf("#%d %s", i, c.Op)
		rt := NewRuntime()
		if c.Seed != nil {
			rt.ManualSeed(*c.Seed)
		}
		args, kw := c.decodeArgs()
		if c.GradFn != nil {
			for _, a := range args {
				switch x := a.(type) {
				case *Tensor:
					if x.dtype.IsFloat() {
						x.SetRequiresGrad(true)
					}
				case []*Tensor:
					for _, y := range x {
						if y != nil && y.dtype.IsFloat() {
							y.SetRequiresGrad(true)
						}
					}
				}
			}
		}
		outs, err := rt.CallNamed(c.Op, args, kw)
		covered[strings.SplitN(c.Op, ".", 2)[0]] = true
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
		tol := c.Tol
		if tol == 0 {
			tol = 1e-6
			for _, o := range outs {
				if o.dtype == Float64 {
					tol = 1e-12
				}
			}
			if strings.HasPrefix(c.Op, "lgamma") || strings.HasPrefix(c.Op, "digamma") || strings.HasPrefix(c.Op, "polygamma") {
				tol = 1e-5
			}
		}
		compareOut(t, name, outs, c.Out, tol)
		if c.GradFn != nil && *c.GradFn != "" && len(outs) > 0 && !gradFnDiffers[c.Op] {
			got := ""
			if gf := outs[0].GradFn(); gf != nil {
				got = gf.Name()
			}
			if got != *c.GradFn {
				t.Errorf("%s: grad_fn %s, want %s", name, got, *c.GradFn)
			}
		}
	}
	t.Logf("%d cases, %d op names", len(f.Cases), len(covered))
}

// gradFnDiffers lists composite ops built from different primitive ops
// than PyTorch's, so the last node's name can differ (values and
// gradients still match).
var gradFnDiffers = map[string]bool{"einsum": true}

// TestFixturesLive re-runs the generator when PyTorch is installed and
// checks the committed JSON is what it produces.
func TestFixturesLive(t *testing.T) {
	checkGenerator(t, "testdata/gen_fixtures.py", "testdata/ops.json")
}

// checkGenerator runs a fixture generator (a Python script printing JSON)
// when /usr/bin/python3 has torch, and checks that the committed file is
// what it prints.
func checkGenerator(t *testing.T, script, committedPath string) {
	if testing.Short() {
		t.Skip("short")
	}
	if _, err := os.Stat("/usr/bin/python3"); err != nil {
		t.Skip("no /usr/bin/python3")
	}
	if err := exec.Command("/usr/bin/python3", "-c", "import torch").Run(); err != nil {
		t.Skip("torch not installed")
	}
	out, err := exec.Command("/usr/bin/python3", script).Output()
	if err != nil {
		t.Fatal(err)
	}
	committed, err := os.ReadFile(committedPath)
	if err != nil {
		t.Fatal(err)
	}
	if !bytes.Equal(bytes.TrimSpace(out), bytes.TrimSpace(committed)) {
		t.Fatalf("%s differs from a fresh run of %s; regenerate it", committedPath, filepath.Base(script))
	}
}
