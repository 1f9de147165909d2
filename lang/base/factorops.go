package base

import (
	"torchr/lang/eval"
)

// Factor support inside the indexing and vector builtins: assigning labels
// into a factor, rev and c() of factors.

// factorCodes converts replacement values for factor x into level codes,
// warning "invalid factor level, NA generated" for unknown labels.
func factorCodes(c *eval.Frame, x, value eval.Value, method string) (eval.Value, error) {
	levels := toStrs(attr(x, "levels"))
	var labels []string
	if inheritsFrom(value, "factor") {
		labels = toFactorStrings(value)
	} else if kindOf(value) == kNull {
		return value, nil
	} else {
		labels = toStrs(value)
	}
	idx := make(map[string]int32, len(levels))
	for i, l := range levels {
		if _, ok := idx[l]; !ok {
			idx[l] = int32(i + 1)
		}
	}
	r := make([]int32, len(labels))
	bad := false
	for i, s := range labels {
		if s == eval.NAString {
			r[i] = eval.NAInt
			continue
		}
		k, ok := idx[s]
		if !ok {
			bad = true
			r[i] = eval.NAInt
			continue
		}
		r[i] = k
	}
	if bad {
		if err := c.In.Warning(methodCall(c.Call, method), "invalid factor level, NA generated"); err != nil {
			return nil, err
		}
	}
	return eval.NewInt(r), nil
}

// combineFactors is c() of factors: the union of the levels in order.
func combineFactors(args []eval.Value) eval.Value {
	var levels []string
	seen := map[string]bool{}
	for _, f := range args {
		for _, l := range toStrs(attr(f, "levels")) {
			if !seen[l] {
				seen[l] = true
				levels = append(levels, l)
			}
		}
	}
	pos := make(map[string]int32, len(levels))
	for i, l := range levels {
		pos[l] = int32(i + 1)
	}
	var codes []int32
	for _, f := range args {
		for _, s := range toFactorStrings(f) {
			if s == eval.NAString {
				codes = append(codes, eval.NAInt)
			} else {
				codes = append(codes, pos[s])
			}
		}
	}
	if codes == nil {
		codes = []int32{}
	}
	r := eval.NewInt(codes)
	r.SetAttr("levels", eval.NewStr(levels))
	r.SetAttr("class", eval.NewStr([]string{"factor"}))
	return r
}

func allFactors(args []eval.Value) bool {
	if len(args) == 0 {
		return false
	}
	for _, a := range args {
		if !inheritsFrom(a, "factor") {
			return false
		}
	}
	return true
}
