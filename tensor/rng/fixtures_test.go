package rng

import (
	"crypto/sha256"
	"encoding/binary"
	"encoding/hex"
	"encoding/json"
	"fmt"
	"math"
	"os"
	"testing"

	"torchr/internal/libm"
)

type fixtureStep struct {
	Op          string    `json:"op"`
	Dtype       string    `json:"dtype"`
	N           int       `json:"n"`
	From        float64   `json:"from"`
	To          float64   `json:"to"`
	Mean        float64   `json:"mean"`
	Std         float64   `json:"std"`
	Rows        int       `json:"rows"`
	Cols        int       `json:"cols"`
	K           int       `json:"k"`
	Low         int64     `json:"low"`
	High        int64     `json:"high"`
	P           float64   `json:"p"`
	Num         int       `json:"num"`
	Replacement bool      `json:"replacement"`
	ZeroEvery   int       `json:"zero_every"`
	Lambd       float64   `json:"lambd"`
	Median      float64   `json:"median"`
	Sigma       float64   `json:"sigma"`
	MeanT       bool      `json:"mean_t"`
	StdT        bool      `json:"std_t"`
	Gain        float64   `json:"gain"`
	Kind        string    `json:"kind"`
	FanIn       int       `json:"fanin"`
	Shapes      []int     `json:"shapes"`
	Module      string    `json:"module"`
	Probs       []float64 `json:"probs"`
	In          int       `json:"fin"`
	OutF        int       `json:"fout"`
	Out         []uint64  `json:"out"`
	Hex         string    `json:"hex"`
	RawOut      json.RawMessage
}

type fixtureCase struct {
	Name        string        `json:"name"`
	Seed        uint64        `json:"seed"`
	InitialSeed uint64        `json:"initial_seed"`
	Steps       []fixtureStep `json:"steps"`
}

type fixtureDoc struct {
	TorchVersion string                 `json:"torch_version"`
	Cases        []fixtureCase          `json:"cases"`
	Libm         map[string][][2]uint64 `json:"libm"`
}

// TestGlibcMath checks the ports of glibc's log, sin, cos, exp and tan
// (torchr/internal/libm) against the system libm's results recorded in the
// fixtures.
func TestGlibcMath(t *testing.T) {
	d := loadFixtures(t, "testdata/fixtures.json")
	fns := map[string]func(float64) float64{"log": libm.Log, "sin": libm.Sin, "cos": libm.Cos, "exp": libm.Exp, "tan": libm.Tan}
	for name, f := range fns {
		pairs := d.Libm[name]
		if len(pairs) == 0 {
			t.Fatalf("no %s cases in fixtures", name)
		}
		for _, p := range pairs {
			x := math.Float64frombits(p[0])
			if got := f(x); math.Float64bits(got) != p[1] {
				t.Fatalf("%s(%v) = %v, glibc %v", name, x, got, math.Float64frombits(p[1]))
			}
		}
	}
}

// UnmarshalJSON decodes the step's "out" list, whose int64 results may be
// negative while float results are unsigned bit patterns.
func (s *fixtureStep) UnmarshalJSON(b []byte) error {
	type plain fixtureStep
	var raw map[string]json.RawMessage
	if err := json.Unmarshal(b, &raw); err != nil {
		return err
	}
	out := raw["out"]
	delete(raw, "out")
	b2, _ := json.Marshal(raw)
	var p plain
	if err := json.Unmarshal(b2, &p); err != nil {
		return err
	}
	*s = fixtureStep(p)
	if len(out) > 0 && out[0] == '[' {
		// int64 results may be negative: decode through int64 then reinterpret.
		var vals []json.Number
		if err := json.Unmarshal(out, &vals); err != nil {
			return err
		}
		s.Out = make([]uint64, len(vals))
		for i, v := range vals {
			var u uint64
			if _, err := fmt.Sscan(string(v), &u); err != nil {
				var n int64
				if _, err := fmt.Sscan(string(v), &n); err != nil {
					return err
				}
				u = uint64(n)
			}
			s.Out[i] = u
		}
	}
	return nil
}

func loadFixtures(t testing.TB, path string) *fixtureDoc {
	t.Helper()
	b, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	var d fixtureDoc
	if err := json.Unmarshal(b, &d); err != nil {
		t.Fatal(err)
	}
	return &d
}

func bits32(v []float32) []uint64 {
	o := make([]uint64, len(v))
	for i, x := range v {
		o[i] = uint64(math.Float32bits(x))
	}
	return o
}

func bits64(v []float64) []uint64 {
	o := make([]uint64, len(v))
	for i, x := range v {
		o[i] = math.Float64bits(x)
	}
	return o
}

func ints(v []int64) []uint64 {
	o := make([]uint64, len(v))
	for i, x := range v {
		o[i] = uint64(x)
	}
	return o
}

// runStep performs one fixture step on g and returns the encoded result, or
// ok=false for an op this package does not provide.
func runStep(g *Generator, s *fixtureStep) (got []uint64, hexState string, ok bool) {
	f32 := s.Dtype == "float32" || s.Dtype == ""
	switch s.Op {
	case "state":
		return nil, hex.EncodeToString(g.State()), true
	case "normal_hash":
		d := make([]float32, s.N)
		g.NormalFloat32(d, s.Mean, s.Std)
		b := make([]byte, 4*len(d))
		for i, v := range d {
			binary.LittleEndian.PutUint32(b[4*i:], math.Float32bits(v))
		}
		h := sha256.Sum256(b)
		return nil, hex.EncodeToString(h[:]), true
	case "rand", "uniform":
		from, to := 0.0, 1.0
		if s.Op == "uniform" {
			from, to = s.From, s.To
		}
		if f32 {
			d := make([]float32, s.N)
			g.UniformFloat32(d, from, to)
			return bits32(d), "", true
		}
		d := make([]float64, s.N)
		g.UniformFloat64(d, from, to)
		return bits64(d), "", true
	case "randn", "normal":
		mean, std := 0.0, 1.0
		if s.Op == "normal" {
			mean, std = s.Mean, s.Std
		}
		if f32 {
			d := make([]float32, s.N)
			g.NormalFloat32(d, mean, std)
			return bits32(d), "", true
		}
		d := make([]float64, s.N)
		g.NormalFloat64(d, mean, std)
		return bits64(d), "", true
	case "normal_t", "normal_strided":
		n := s.N
		if s.Op == "normal_t" {
			n = s.Rows * s.Cols
		}
		if f32 {
			d := make([]float32, n)
			g.NormalFloat32Serial(d, s.Mean, s.Std)
			return bits32(d), "", true
		}
		d := make([]float64, n)
		g.NormalFloat64Serial(d, s.Mean, s.Std)
		return bits64(d), "", true
	}
	return runStep2(g, s)
}

func TestFixtures(t *testing.T) {
	d := loadFixtures(t, "testdata/fixtures.json")
	for _, c := range d.Cases {
		c := c
		t.Run(fmt.Sprintf("%s/seed=%d", c.Name, c.Seed), func(t *testing.T) {
			g := New(c.Seed)
			if g.InitialSeed() != c.InitialSeed {
				t.Fatalf("initial seed %d, torch %d", g.InitialSeed(), c.InitialSeed)
			}
			for i := range c.Steps {
				s := &c.Steps[i]
				got, st, ok := runStep(g, s)
				if !ok {
					t.Fatalf("step %d: op %q has no Go counterpart", i, s.Op)
				}
				if s.Op == "normal_hash" {
					if st != s.Hex {
						t.Fatalf("step %d: normal_ of %d float32 values differs from torch (sha256)", i, s.N)
					}
					continue
				}
				if s.Op == "state" {
					if st != s.Hex {
						t.Fatalf("step %d: state differs from torch.get_rng_state()", i)
					}
					// Continue from torch's own bytes: SetState must restore
					// everything the later steps depend on.
					raw, err := hex.DecodeString(s.Hex)
					if err != nil {
						t.Fatal(err)
					}
					g2 := New(0)
					if err := g2.SetState(raw); err != nil {
						t.Fatal(err)
					}
					if hex.EncodeToString(g2.State()) != s.Hex {
						t.Fatalf("step %d: SetState/State round trip changed the state", i)
					}
					g = g2
					continue
				}
				if len(got) != len(s.Out) {
					t.Fatalf("step %d (%s): %d values, torch %d", i, s.Op, len(got), len(s.Out))
				}
				bad := 0
				first := -1
				for j := range got {
					if got[j] != s.Out[j] {
						bad++
						if first < 0 {
							first = j
						}
					}
				}
				if bad > 0 {
					t.Fatalf("step %d (%s %s n=%d): %d of %d values differ; first at %d: got %s, torch %s",
						i, s.Op, s.Dtype, len(got), bad, len(got), first, show(s, got[first]), show(s, s.Out[first]))
				}
			}
		})
	}
}

func show(s *fixtureStep, v uint64) string {
	switch s.Dtype {
	case "float32", "":
		if s.Op == "randperm" || s.Op == "multinomial" || s.Op == "multinomial_list" {
			return fmt.Sprint(int64(v))
		}
		return fmt.Sprintf("%v (%#08x)", math.Float32frombits(uint32(v)), v)
	case "float64":
		if s.Op == "multinomial" || s.Op == "multinomial_list" {
			return fmt.Sprint(int64(v))
		}
		return fmt.Sprintf("%v (%#016x)", math.Float64frombits(v), v)
	}
	return fmt.Sprint(int64(v))
}
