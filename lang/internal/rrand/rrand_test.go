package rrand

import (
	"bufio"
	"bytes"
	"fmt"
	"math"
	"os"
	"os/exec"
	"strconv"
	"strings"
	"testing"
)

func ints(v []int) []float64 {
	out := make([]float64, len(v))
	for i, x := range v {
		out[i] = float64(x)
	}
	return out
}

func must(v []int, err error) []int {
	if err != nil {
		panic(err)
	}
	return v
}

func seq(from, to float64) []float64 {
	var out []float64
	for x := from; x <= to; x++ {
		out = append(out, x)
	}
	return out
}

func scale(v []float64, by float64) []float64 {
	out := make([]float64, len(v))
	for i, x := range v {
		out[i] = x / by
	}
	return out
}

func first(v []float64, _ bool) []float64 { return v }

// goCases mirrors testdata/gen.R: the same calls, name by name.
var goCases = map[string]func(r *RNG) []float64{
	"runif10":   func(r *RNG) []float64 { return first(r.RunifN(10, 0, 1)) },
	"runif_ab":  func(r *RNG) []float64 { return first(r.RunifN(7, -3, 5.5)) },
	"rnorm10":   func(r *RNG) []float64 { return first(r.RnormN(10, 0, 1)) },
	"rnorm_ms":  func(r *RNG) []float64 { return first(r.RnormN(7, 10, 0.25)) },
	"rexp10":    func(r *RNG) []float64 { return first(r.RexpN(10, 1)) },
	"rexp_rate": func(r *RNG) []float64 { return first(r.RexpN(6, 3)) },
	"sample10":  func(r *RNG) []float64 { return ints(must(r.Sample(10, 10, false, nil))) },
	"sample100_5": func(r *RNG) []float64 {
		return ints(must(r.Sample(100, 5, false, nil)))
	},
	"sample5_20r": func(r *RNG) []float64 { return ints(must(r.Sample(5, 20, true, nil))) },
	"sample3_prob": func(r *RNG) []float64 {
		return ints(must(r.Sample(3, 10, true, []float64{.2, .5, .3})))
	},
	"sample300_walker": func(r *RNG) []float64 {
		return ints(must(r.Sample(300, 15, true, scale(seq(1, 300), 7))))
	},
	"sample10_probnr": func(r *RNG) []float64 {
		return ints(must(r.Sample(10, 6, false, []float64{5, 1, 1, 2, 3, 1, 0.5, 4, 4, 1})))
	},
	"sample_big":  func(r *RNG) []float64 { return ints(must(r.Sample(1e9, 5, false, nil))) },
	"sample_hash": func(r *RNG) []float64 { return ints(must(r.Sample(2e7, 8, false, nil))) },
	"sample_mid":  func(r *RNG) []float64 { return ints(must(r.Sample(70000, 12, true, nil))) },
	"interleave": func(r *RNG) []float64 {
		var out []float64
		out = append(out, first(r.RunifN(2, 0, 1))...)
		out = append(out, first(r.RnormN(3, 0, 1))...)
		out = append(out, ints(must(r.Sample(7, 2, false, nil)))...)
		out = append(out, first(r.RexpN(2, 1))...)
		out = append(out, r.Runif(2, 3))
		out = append(out, ints(must(r.Sample(4, 4, true, []float64{1, 1, 2, 0})))...)
		return out
	},
	"rnorm_many": func(r *RNG) []float64 { return first(r.RnormN(500, 0, 1)) },
	"sample1": func(r *RNG) []float64 {
		var out []float64
		out = append(out, ints(must(r.Sample(1, 1, false, nil)))...)
		out = append(out, ints(must(r.Sample(2, 1, false, nil)))...)
		out = append(out, ints(must(r.Sample(1e6, 1, false, nil)))...)
		return out
	},
	"sample_ties": func(r *RNG) []float64 {
		return ints(must(r.Sample(8, 8, false, []float64{1, 1, 1, 1, 1, 1, 1, 1})))
	},
	"rounding": func(r *RNG) []float64 {
		r.SetSampleKind(true)
		var out []float64
		out = append(out, ints(must(r.Sample(10, 10, false, nil)))...)
		out = append(out, ints(must(r.Sample(300, 5, true, scale(seq(1, 300), 7))))...)
		out = append(out, ints(must(r.Sample(5, 3, true, nil)))...)
		out = append(out, r.UnifIndex(3e9)+1, r.UnifIndex(3e9)+1)
		out = append(out, float64(r.State()[0]))
		return out
	},
	"sample_ties_r": func(r *RNG) []float64 {
		return ints(must(r.Sample(8, 12, true, []float64{2, 1, 2, 1, 2, 1, 2, 1})))
	},
}

func fixedCase(name string) ([]float64, bool) {
	switch name {
	case "qnorm":
		ps := []float64{1e-300, 1e-20, 1e-10, 1e-5, 0.001, 0.01, 0.05, 0.075, 0.0751, 0.1, 0.3, 0.5, 0.7, 0.9, 0.925, 0.99, 1 - 1e-10, 0, 1}
		var out []float64
		for _, p := range ps {
			out = append(out, QNorm(p, 0, 1, true, false))
		}
		return out, true
	case "qnorm_args":
		return []float64{QNorm(0.3, 2, 3, true, false), QNorm(0.3, 0, 1, false, false),
			QNorm(-2, 0, 1, true, true), QNorm(-1e-5, 0, 1, true, true), QNorm(-50, 0, 1, true, true),
			QNorm(-1000, 0, 1, true, true), QNorm(-2, 0, 1, false, true)}, true
	case "rnorm_tails_idx", "rnorm_tails_val":
		x, _ := NewSeeded(3).RnormN(20000, 0, 1)
		var out []float64
		for i, v := range x {
			if math.Abs(v) > 1.44 {
				if name == "rnorm_tails_idx" {
					out = append(out, float64(i+1))
				} else {
					out = append(out, v)
				}
			}
		}
		return out, true
	case "state_head", "state_tail":
		r := NewSeeded(7)
		r.RunifN(3, 0, 1)
		st := r.State()
		var out []float64
		lo, hi := 0, 8
		if name == "state_tail" {
			lo, hi = 619, 626
		}
		for _, v := range st[lo:hi] {
			out = append(out, float64(v))
		}
		return out, true
	}
	return nil, false
}

func parseFixtures(t *testing.T, data []byte) [][2]string {
	var out [][2]string
	sc := bufio.NewScanner(bytes.NewReader(data))
	sc.Buffer(make([]byte, 1<<20), 1<<24)
	for sc.Scan() {
		line := sc.Text()
		if line == "" {
			continue
		}
		i := strings.Index(line, ": ")
		if i < 0 {
			t.Fatalf("bad fixture line %q", line)
		}
		out = append(out, [2]string{line[:i], line[i+2:]})
	}
	return out
}

func checkFixtures(t *testing.T, data []byte) {
	cases := parseFixtures(t, data)
	if len(cases) < 100 {
		t.Fatalf("only %d fixture lines", len(cases))
	}
	for _, c := range cases {
		name, want := c[0], strings.Fields(c[1])
		got, ok := fixedCase(name)
		if !ok {
			parts := strings.Fields(name)
			if len(parts) != 2 {
				t.Fatalf("bad case name %q", name)
			}
			fn := goCases[parts[0]]
			if fn == nil {
				t.Fatalf("no Go case for %q", name)
			}
			seed, err := strconv.ParseFloat(parts[1], 64)
			if err != nil {
				t.Fatal(err)
			}
			got = fn(NewSeeded(int32(seed)))
		}
		if len(got) != len(want) {
			t.Errorf("%s: got %d values, want %d", name, len(got), len(want))
			continue
		}
		bad := 0
		for i := range got {
			w, err := strconv.ParseFloat(want[i], 64)
			if err != nil {
				t.Fatalf("%s: %v", name, err)
			}
			if math.Float64bits(w) != math.Float64bits(got[i]) && !(math.IsNaN(w) && math.IsNaN(got[i])) {
				if bad < 3 {
					t.Errorf("%s[%d]: got %.17g, want %.17g", name, i, got[i], w)
				}
				bad++
			}
		}
		if bad > 3 {
			t.Errorf("%s: %d mismatches in total", name, bad)
		}
	}
}

func TestFixtures(t *testing.T) {
	data, err := os.ReadFile("testdata/rng.txt")
	if err != nil {
		t.Fatal(err)
	}
	checkFixtures(t, data)
}

// TestLiveR re-runs the committed generator with GNU R when Rscript is
// installed, checks the committed fixtures are current, and compares.
func TestLiveR(t *testing.T) {
	rs, err := exec.LookPath("Rscript")
	if err != nil {
		t.Skip("Rscript not installed")
	}
	out, err := exec.Command(rs, "testdata/gen.R").Output()
	if err != nil {
		t.Fatalf("Rscript gen.R: %v", err)
	}
	committed, _ := os.ReadFile("testdata/rng.txt")
	if !bytes.Equal(out, committed) {
		t.Errorf("testdata/rng.txt differs from a fresh Rscript run; regenerate with: Rscript testdata/gen.R > testdata/rng.txt")
	}
	checkFixtures(t, out)
}

func TestSampleErrors(t *testing.T) {
	r := NewSeeded(1)
	for _, c := range []struct {
		n, size int
		replace bool
		prob    []float64
		want    error
	}{
		{5, 6, false, nil, ErrTooLarge},
		{0, 1, true, nil, ErrInvalidFirst},
		{3, -1, true, nil, ErrInvalidSize},
		{3, 2, true, []float64{1, 2}, ErrProbLength},
		{3, 2, true, []float64{1, math.NaN(), 2}, ErrProbNA},
		{3, 2, true, []float64{1, -1, 2}, ErrProbNegative},
		{3, 3, false, []float64{1, 0, 2}, ErrTooFewPositive},
	} {
		if _, err := r.Sample(c.n, c.size, c.replace, c.prob); err != c.want {
			t.Errorf("Sample(%d, %d, %v, %v) = %v, want %v", c.n, c.size, c.replace, c.prob, err, c.want)
		}
	}
	if v, err := r.Sample(0, 0, false, nil); err != nil || len(v) != 0 {
		t.Errorf("sample(0, 0) = %v, %v", v, err)
	}
}

func TestStateRoundTrip(t *testing.T) {
	a := NewSeeded(99)
	a.RunifN(5, 0, 1)
	b := New()
	if err := b.SetState(a.State()); err != nil {
		t.Fatal(err)
	}
	x, _ := a.RnormN(700, 0, 1)
	y, _ := b.RnormN(700, 0, 1)
	if fmt.Sprint(x) != fmt.Sprint(y) {
		t.Error("restored state diverges")
	}
}
