package rfmt

import (
	"bytes"
	"encoding/json"
	"fmt"
	"math"
	"os"
	"os/exec"
	"strconv"
	"strings"
	"testing"
)

type rcase struct {
	Op       string            `json:"op"`
	Kind     string            `json:"kind"`
	X        []json.RawMessage `json:"x"`
	Names    []string          `json:"names"`
	Dim      []int             `json:"dim"`
	Dimnames []json.RawMessage `json:"dimnames"`
	Dnn      []string          `json:"dnn"`
	Digits   *int              `json:"digits"`
	Width    *int              `json:"width"`
	Scipen   *int              `json:"scipen"`
	Quote    *bool             `json:"quote"`
	Right    *bool             `json:"right"`
	Fmt      string            `json:"fmt"`
	Args     []*rcase          `json:"args"`
	MaxPrint *int              `json:"maxprint"`
	NAPrint  *string           `json:"naprint"`
	Levels   []string          `json:"levels"`
	Ordered  bool              `json:"ordered"`
	Cols     []*rcase          `json:"cols"`
	ColNames []string          `json:"colnames"`
	RowNames []string          `json:"rownames"`
	Nrow     int               `json:"nrow"`
	DNames   []json.RawMessage `json:"dnames"`
	Want     json.RawMessage   `json:"want"`
	raw      map[string]json.RawMessage
}

func (c *rcase) vec(t *testing.T) Vec {
	var v Vec
	switch c.Kind {
	case "double":
		v.Kind = Double
		v.D = []float64{}
		for _, m := range c.X {
			var s string
			if err := json.Unmarshal(m, &s); err != nil {
				t.Fatal(err)
			}
			var f float64
			switch s {
			case "NA":
				f = NAReal
			case "NaN":
				f = math.NaN()
			case "Inf":
				f = math.Inf(1)
			case "-Inf":
				f = math.Inf(-1)
			default:
				var err error
				f, err = strconv.ParseFloat(s, 64)
				if err != nil {
					t.Fatal(err)
				}
			}
			v.D = append(v.D, f)
		}
	case "integer", "logical":
		v.Kind = Integer
		if c.Kind == "logical" {
			v.Kind = Logical
		}
		xs := []int{}
		for _, m := range c.X {
			if string(m) == "null" {
				xs = append(xs, NAInt)
				continue
			}
			var i int
			if err := json.Unmarshal(m, &i); err != nil {
				t.Fatal(err)
			}
			xs = append(xs, i)
		}
		if v.Kind == Logical {
			v.L = xs
		} else {
			v.I = xs
		}
	default:
		v.Kind = Character
		v.S = []string{}
		na := make([]bool, len(c.X))
		anyNA := false
		for i, m := range c.X {
			if string(m) == "null" {
				na[i] = true
				anyNA = true
				v.S = append(v.S, "")
				continue
			}
			var s string
			if err := json.Unmarshal(m, &s); err != nil {
				t.Fatal(err)
			}
			v.S = append(v.S, s)
		}
		if anyNA {
			v.SNA = na
		}
	}
	return v
}

func (c *rcase) want(t *testing.T) []string {
	var s string
	if err := json.Unmarshal(c.Want, &s); err == nil {
		return []string{s}
	}
	var ss []string
	if err := json.Unmarshal(c.Want, &ss); err != nil {
		t.Fatalf("want: %v", err)
	}
	return ss
}

func (c *rcase) dimnames(t *testing.T) *Dimnames {
	if c.Dimnames == nil {
		return nil
	}
	dn := &Dimnames{}
	for _, m := range c.Dimnames {
		if string(m) == "null" {
			dn.Names = append(dn.Names, nil)
			continue
		}
		var ss []string
		if err := json.Unmarshal(m, &ss); err != nil {
			t.Fatal(err)
		}
		dn.Names = append(dn.Names, ss)
	}
	dn.Titles = c.Dnn
	return dn
}

func (c *rcase) arg(name string, dst any) bool {
	m, ok := c.raw["a_"+name]
	if !ok {
		return false
	}
	return json.Unmarshal(m, dst) == nil
}

func loadCases(t *testing.T, data []byte) []*rcase {
	var raws []map[string]json.RawMessage
	if err := json.Unmarshal(data, &raws); err != nil {
		t.Fatal(err)
	}
	var cases []*rcase
	for _, r := range raws {
		b, _ := json.Marshal(r)
		c := &rcase{}
		if err := json.Unmarshal(b, c); err != nil {
			t.Fatal(err)
		}
		c.raw = r
		cases = append(cases, c)
	}
	return cases
}

// run computes rfmt's answer for a case.
func run(t *testing.T, c *rcase) []string {
	v := c.vec(t)
	o := DefaultOptions()
	if c.Digits != nil {
		o.Digits = *c.Digits
	}
	if c.Width != nil {
		o.Width = *c.Width
	}
	if c.Scipen != nil {
		o.Scipen = *c.Scipen
	}
	if c.Quote != nil {
		o.Quote = *c.Quote
	}
	if c.Right != nil {
		o.Right = *c.Right
	}
	if c.MaxPrint != nil {
		o.MaxPrint = *c.MaxPrint
	}
	if c.NAPrint != nil {
		o.NAString = *c.NAPrint
	}
	switch c.Op {
	case "print":
		var out string
		if c.Dim != nil {
			out = PrintArray(v, c.Dim, c.dimnames(t), o)
		} else {
			out = PrintVector(v, c.Names, o)
		}
		return []string{strings.TrimSuffix(out, "\n")}
	case "ascharacter":
		var out []string
		for _, x := range v.D {
			s, _ := AsCharacterReal(x, 0)
			out = append(out, s)
		}
		return out
	case "cat":
		var out []string
		for _, x := range v.D {
			out = append(out, FormatRealAlone(x, 7, 0))
		}
		return []string{strings.Join(out, " ")}
	case "format":
		a := DefaultFormatArgs()
		c.arg("nsmall", &a.Nsmall)
		c.arg("width", &a.Width)
		var d int
		if c.arg("digits", &d) {
			a.Digits = d
		}
		var sci bool
		if c.arg("scientific", &sci) {
			if sci {
				a.Scipen = -100
			} else {
				a.Scipen = 100
			}
		} else {
			var sp int
			if c.arg("scientific", &sp) {
				a.Scipen = sp
			}
		}
		c.arg("big_mark", &a.BigMark)
		var j string
		if c.arg("justify", &j) {
			a.Justify = map[string]Justify{"left": JustifyLeft, "right": JustifyRight, "centre": JustifyCentre, "none": JustifyNone}[j]
		}
		return Format(v, a)
	case "formatC":
		var a FormatCArgs
		a.WidthSet = c.arg("width", &a.Width)
		a.DigitsSet = c.arg("digits", &a.Digits)
		c.arg("format", &a.Format)
		c.arg("flag", &a.Flag)
		c.arg("big_mark", &a.BigMark)
		return FormatC(v, a)
	case "prettyNum":
		var out []string
		for _, x := range v.D {
			a := DefaultFormatArgs()
			a.BigMark = ","
			out = append(out, Format(Vec{Kind: Double, D: []float64{x}}, a)...)
		}
		return out
	case "round", "signif":
		var out []string
		x := v.D[0]
		ds := []float64{-2, -1, 0, 1, 2, 3, 4, 5, 6, 7, 8}
		f := Round
		if c.Op == "signif" {
			ds = []float64{1, 2, 3, 4, 5, 6, 7, 8, 15, 22}
			f = Signif
		}
		for _, d := range ds {
			out = append(out, Spec{Width: -1, Prec: -1, Conv: 'a'}.FormatFloat(f(x, d)))
		}
		return out
	case "deparse":
		var names []string
		var nna []bool
		if c.DNames != nil {
			nc := &rcase{Kind: "character", X: c.DNames}
			nv := nc.vec(t)
			names, nna = nv.S, nv.SNA
		}
		return DeparseAtomic(v, names, nna, 60)
	case "str":
		return []string{strings.TrimSuffix(StrAtomic(v, c.Names, " ", 0, 80), "\n")}
	case "factor":
		return []string{strings.TrimSuffix(PrintFactor(Factor{Codes: v.I, Levels: c.Levels, Ordered: c.Ordered}, c.Names, o), "\n")}
	case "dataframe":
		var cols []DFColumn
		for _, cc := range c.Cols {
			cv := cc.vec(t)
			if cc.Levels != nil {
				cols = append(cols, DFColumn{IsFactor: true, Factor: &Factor{Codes: cv.I, Levels: cc.Levels, Ordered: cc.Ordered}})
			} else {
				cols = append(cols, DFColumn{Vec: cv})
			}
		}
		rn := c.RowNames
		if rn == nil && len(cols) == 0 {
			rn = make([]string, c.Nrow)
		}
		return []string{strings.TrimSuffix(PrintDataFrame(cols, c.ColNames, rn, o), "\n")}
	case "prettyNumVec":
		return PrettyNumVec(v, ",")
	case "sprintfv":
		var args []Vec
		for _, a := range c.Args {
			args = append(args, a.vec(t))
		}
		out, err := SprintfVec(v.S, args, 0)
		if err != nil {
			return []string{"ERROR: " + err.Error()}
		}
		return out
	case "sprintf", "sprintf2":
		args := []Vec{}
		if v.Len() > 0 || c.Op == "sprintf2" {
			args = append(args, v)
		}
		if c.Op == "sprintf2" {
			args = append(args, Vec{Kind: Integer, I: []int{30}})
		}
		out, err := Sprintf(c.Fmt, args, 0)
		if err != nil {
			return []string{"ERROR: " + err.Error()}
		}
		return out
	}
	t.Fatalf("unknown op %q", c.Op)
	return nil
}

func describe(c *rcase) string {
	var xs []string
	for i, m := range c.X {
		if i == 6 {
			xs = append(xs, "...")
			break
		}
		xs = append(xs, string(m))
	}
	s := fmt.Sprintf("%s %s x=%s", c.Op, c.Kind, strings.Join(xs, ","))
	if c.Fmt != "" {
		s += " fmt=" + strconv.Quote(c.Fmt)
	}
	for k, v := range c.raw {
		if strings.HasPrefix(k, "a_") {
			s += " " + k[2:] + "=" + string(v)
		}
	}
	if c.Digits != nil && *c.Digits != 7 {
		s += fmt.Sprintf(" digits=%d", *c.Digits)
	}
	if c.Width != nil && *c.Width != 80 {
		s += fmt.Sprintf(" width=%d", *c.Width)
	}
	if c.Scipen != nil && *c.Scipen != 0 {
		s += fmt.Sprintf(" scipen=%d", *c.Scipen)
	}
	return s
}

func checkCases(t *testing.T, data []byte) {
	cases := loadCases(t, data)
	if len(cases) < 500 {
		t.Fatalf("only %d cases", len(cases))
	}
	fails := 0
	for _, c := range cases {
		got := run(t, c)
		want := c.want(t)
		if strings.Join(got, "\x00") != strings.Join(want, "\x00") {
			fails++
			if fails <= 40 {
				t.Errorf("%s\n got: %q\nwant: %q", describe(c), got, want)
			}
		}
	}
	if fails > 0 {
		t.Errorf("%d of %d cases differ from R", fails, len(cases))
	}
}

func TestGolden(t *testing.T) {
	data, err := os.ReadFile("testdata/cases.json")
	if err != nil {
		t.Fatal(err)
	}
	checkCases(t, data)
}

// TestLiveR re-runs the generator with GNU R when Rscript is installed:
// the committed golden file must be current, and rfmt must agree.
func TestLiveR(t *testing.T) {
	rs, err := exec.LookPath("Rscript")
	if err != nil {
		t.Skip("Rscript not installed")
	}
	cmd := exec.Command(rs, "testdata/gen.R")
	cmd.Env = append(os.Environ(), "LANG=C.UTF-8", "LC_ALL=C.UTF-8")
	out, err := cmd.Output()
	if err != nil {
		t.Fatalf("Rscript gen.R: %v", err)
	}
	committed, _ := os.ReadFile("testdata/cases.json")
	if !bytes.Equal(out, committed) {
		t.Errorf("testdata/cases.json differs from a fresh Rscript run; regenerate: (cd testdata && Rscript gen.R > cases.json)")
	}
	checkCases(t, out)
}
