package base

// cut (R's cut.default) and findInterval-free binning (.bincode).

import (
	"math"
	"slices"
	"strings"

	"torchr/lang/eval"
	"torchr/lang/syntax"
)

func init() {
	eval.RegisterAll(
		&eval.Builtin{Name: "cut", Generic: true, Formals: []string{"x", "breaks", "labels = NULL", "include.lowest = FALSE", "right = TRUE", "dig.lab = 3L", "ordered_result = FALSE", "..."}, Fn: cutBuiltin},
	)
}

// cutBuiltin is cut.default: the interval of breaks each x falls in, as a
// factor labelled "(a,b]" (or "[a,b)" with right = FALSE), the break
// labels printed with the fewest digits from dig.lab that tell them apart.
func cutBuiltin(c *eval.Frame, a []eval.Value) (eval.Value, error) {
	call := c.Call
	if cl, ok := call.(*syntax.Call); ok {
		call = renameCall(cl, "cut.default")
	}
	fail := func(msg string) error { return eval.ErrorWithCall(call, msg) }
	x, err := plainValue(c, a[0])
	if err != nil {
		return nil, err
	}
	if !isNumeric(x) || isFactor(x) {
		return nil, fail("'x' must be numeric")
	}
	if a[1] == nil {
		return nil, eval.ErrorWithCall(call, "argument \"breaks\" is missing, with no default")
	}
	xv := toDoubles(x)
	right := a[4] == nil || trueArg(a[4])
	inclLowest := a[3] != nil && trueArg(a[3])
	digLab := 3
	if a[5] != nil {
		if d, ok := intArg(a[5]); ok {
			digLab = d
		}
	}
	var breaks []float64
	if lenOf(a[1]) == 1 {
		nbf := toDoubles(a[1])[0]
		if nbf != nbf || nbf < 2 {
			return nil, fail("invalid number of intervals")
		}
		nb := int(nbf + 1)
		lo, hi := math.Inf(1), math.Inf(-1)
		for _, f := range xv {
			if f == f {
				lo, hi = math.Min(lo, f), math.Max(hi, f)
			}
		}
		dx := hi - lo
		breaks = make([]float64, nb)
		if dx == 0 {
			dx = math.Abs(lo)
			if lo == 0 {
				dx = 1
			}
			from, to := lo-dx/1000, hi+dx/1000
			for i := range breaks {
				breaks[i] = from + float64(i)*(to-from)/float64(nb-1)
			}
		} else {
			for i := range breaks {
				breaks[i] = lo + float64(i)*dx/float64(nb-1)
			}
			breaks[0], breaks[nb-1] = lo-dx/1000, hi+dx/1000
		}
	} else {
		breaks = slices.Clone(toDoubles(a[1]))
		slices.Sort(breaks)
	}
	nb := len(breaks)
	for i := 1; i < nb; i++ {
		if breaks[i] == breaks[i-1] {
			return nil, fail("'breaks' are not unique")
		}
	}
	codesOnly := false
	var labels []string
	switch l := a[2].(type) {
	case nil, *eval.NullType:
		ok := false
		var ch []string
		for dig := digLab; dig <= max(12, digLab); dig++ {
			r, err := c.In.CallFunction("formatC", []eval.Arg{{Value: eval.NewDouble(breaks)}, {Name: "digits", Value: eval.NewInt1(int32(dig))}, {Name: "width", Value: eval.NewInt1(1)}}, c.Env)
			if err != nil {
				return nil, err
			}
			ch = toStrs(r)
			ok = true
			for i := 1; i < nb; i++ {
				ok = ok && ch[i] != ch[i-1]
			}
			if ok {
				break
			}
		}
		labels = make([]string, nb-1)
		for i := range labels {
			if !ok {
				labels[i] = "Range_" + itoaInt(i+1)
				continue
			}
			if right {
				labels[i] = "(" + ch[i] + "," + ch[i+1] + "]"
			} else {
				labels[i] = "[" + ch[i] + "," + ch[i+1] + ")"
			}
		}
		if ok && inclLowest && len(labels) > 0 {
			if right {
				labels[0] = "[" + labels[0][1:]
			} else {
				last := labels[nb-2]
				labels[nb-2] = strings.TrimSuffix(last, ")") + "]"
			}
		}
	case *eval.Logical:
		if len(l.V) == 1 && l.V[0] == 0 {
			codesOnly = true
			break
		}
		labels = toStrs(l)
	default:
		labels = toStrs(l)
	}
	if !codesOnly && len(labels) != nb-1 {
		return nil, fail("lengths of 'breaks' and 'labels' differ")
	}
	// .bincode
	codes := make([]int32, len(xv))
	for i, f := range xv {
		codes[i] = eval.NAInt
		if f != f {
			continue
		}
		for k := 0; k < nb-1; k++ {
			lo, hi := breaks[k], breaks[k+1]
			in := false
			if right {
				in = f > lo && f <= hi || inclLowest && k == 0 && f == lo
			} else {
				in = f >= lo && f < hi || inclLowest && k == nb-2 && f == hi
			}
			if in {
				codes[i] = int32(k + 1)
				break
			}
		}
	}
	if codesOnly {
		return eval.NewInt(codes), nil
	}
	// repeated labels name one level (levels<- merges them)
	var levels []string
	at := map[string]int32{}
	remap := make([]int32, len(labels))
	for k, l := range labels {
		if p, ok := at[l]; ok {
			remap[k] = p
			continue
		}
		levels = append(levels, l)
		at[l] = int32(len(levels))
		remap[k] = int32(len(levels))
	}
	for i, k := range codes {
		if k != eval.NAInt {
			codes[i] = remap[k-1]
		}
	}
	return makeFactor(codes, levels, a[6] != nil && trueArg(a[6])), nil
}

func init() {
	eval.RegisterAll(
		&eval.Builtin{Name: "findInterval", Formals: []string{"x", "vec", "rightmost.closed = FALSE", "all.inside = FALSE", "left.open = FALSE"}, Fn: findIntervalBuiltin},
	)
}

// findIntervalBuiltin is findInterval(x, vec, ...): for each x the number
// of elements of the sorted vec that are <= x (< x with left.open).
func findIntervalBuiltin(c *eval.Frame, a []eval.Value) (eval.Value, error) {
	if !isNumeric(a[0]) || !isNumeric(a[1]) {
		return nil, c.Errorf("'x' and 'vec' must be numeric")
	}
	xv, vec := toDoubles(a[0]), toDoubles(a[1])
	for i, v := range vec {
		if v != v || i > 0 && v < vec[i-1] {
			return nil, c.Errorf("'vec' must be sorted non-decreasingly and not contain NAs")
		}
	}
	rightmost := a[2] != nil && trueArg(a[2])
	inside := a[3] != nil && trueArg(a[3])
	leftOpen := a[4] != nil && trueArg(a[4])
	n := len(vec)
	out := make([]int32, len(xv))
	for i, f := range xv {
		if f != f {
			out[i] = eval.NAInt
			continue
		}
		var k int
		if leftOpen {
			k = sortSearch(vec, func(v float64) bool { return v >= f })
			if rightmost && n > 0 && f == vec[0] {
				k = 1
			}
		} else {
			k = sortSearch(vec, func(v float64) bool { return v > f })
			if rightmost && n > 0 && f == vec[n-1] {
				k = n - 1
			}
		}
		if inside {
			k = max(1, min(k, n-1))
		}
		out[i] = int32(k)
	}
	return eval.NewInt(out), nil
}

// sortSearch is the number of leading elements of the sorted v for which
// stop is false.
func sortSearch(v []float64, stop func(float64) bool) int {
	lo, hi := 0, len(v)
	for lo < hi {
		m := (lo + hi) / 2
		if stop(v[m]) {
			hi = m
		} else {
			lo = m + 1
		}
	}
	return lo
}
