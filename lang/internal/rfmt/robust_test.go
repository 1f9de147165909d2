package rfmt

import (
	"math"
	"math/rand"
	"testing"
)

func randVec(r *rand.Rand) Vec {
	n := r.Intn(6)
	switch r.Intn(4) {
	case 0:
		v := Vec{Kind: Logical, L: make([]int, n)}
		for i := range v.L {
			v.L[i] = []int{0, 1, NAInt}[r.Intn(3)]
		}
		return v
	case 1:
		v := Vec{Kind: Integer, I: make([]int, n)}
		for i := range v.I {
			v.I[i] = []int{0, -1, 7, math.MaxInt32, -math.MaxInt32, NAInt}[r.Intn(6)]
		}
		return v
	case 2:
		v := Vec{Kind: Double, D: make([]float64, n)}
		for i := range v.D {
			v.D[i] = []float64{0, -0.0, 1.5, 1e300, -1e-300, 5e-324, math.MaxFloat64, math.Inf(1), math.Inf(-1), math.NaN(), NAReal, r.NormFloat64() * math.Pow(10, float64(r.Intn(40)-20))}[r.Intn(12)]
		}
		return v
	}
	v := Vec{Kind: Character, S: make([]string, n), SNA: make([]bool, n)}
	for i := range v.S {
		v.S[i] = []string{"", "a", "日本", "\x00\xff", "\n\"\\", "é"}[r.Intn(6)]
		v.SNA[i] = r.Intn(5) == 0
	}
	return v
}

// Nothing in rfmt may panic, whatever the input.
func TestNoPanics(t *testing.T) {
	r := rand.New(rand.NewSource(3))
	frags := []string{"%", "d", "s", "5", ".", "*", "$", "1$", "-", "+", " ", "#", "0", "f", "e", "g", "x", "X", "o", "i", "a", "%%", "abc", "2$", "99", ".0", "E", "G"}
	for i := 0; i < 5000; i++ {
		v := randVec(r)
		o := DefaultOptions()
		o.Digits = r.Intn(23)
		o.Width = 10 + r.Intn(100)
		o.Quote = r.Intn(2) == 0
		o.Right = r.Intn(2) == 0
		o.Scipen = r.Intn(21) - 10
		var names []string
		if r.Intn(3) == 0 {
			names = make([]string, v.Len())
			for k := range names {
				names[k] = []string{"a", "", "long_name", "é"}[r.Intn(4)]
			}
		}
		PrintVector(v, names, o)
		if n := v.Len(); n > 0 {
			PrintMatrix(v, 1, n, nil, o)
			PrintArray(v, []int{1, n, 1}, nil, o)
			StrAtomic(v, names, " ", 0, 80)
		}
		a := DefaultFormatArgs()
		a.Digits = 1 + r.Intn(22)
		a.Nsmall = r.Intn(5)
		a.Width = r.Intn(12)
		if r.Intn(3) == 0 {
			a.BigMark = ","
		}
		Format(v, a)
		FormatC(v, FormatCArgs{Width: r.Intn(20) - 10, WidthSet: r.Intn(2) == 0, Digits: r.Intn(20) - 2, DigitsSet: r.Intn(2) == 0,
			Format: []string{"", "d", "f", "e", "g", "fg", "s", "E", "G"}[r.Intn(9)], Flag: []string{"", "-", "0", "+", " ", "#"}[r.Intn(6)]})
		f := ""
		for k := r.Intn(5); k >= 0; k-- {
			f += frags[r.Intn(len(frags))]
		}
		SprintfVec([]string{f}, []Vec{v, randVec(r)}, 0)
		if v.Kind == Double {
			for _, x := range v.D {
				AsCharacterReal(x, 0)
				FormatRealAlone(x, 1+r.Intn(22), 0)
				Round(x, float64(r.Intn(40)-20))
				Signif(x, float64(r.Intn(30)-5))
			}
		}
	}
	PrintFactor(Factor{Codes: []int{1, 5, NAInt, -3}, Levels: []string{"a", "b"}}, nil, DefaultOptions())
	PrintDataFrame(nil, nil, nil, DefaultOptions())
}
