package base

// identical, all.equal.

import (
	"fmt"
	"math"
	"slices"
	"sort"
	"strings"

	"torchr/lang/eval"
	"torchr/lang/internal/rfmt"
)

func init() {
	eval.RegisterAll(
		&eval.Builtin{Name: "identical", Formals: []string{"x", "y", "num.eq = TRUE", "single.NA = TRUE", "attrib.as.set = TRUE", "ignore.bytecode = TRUE", "ignore.environment = FALSE", "ignore.srcref = TRUE", "extptr.as.ref = FALSE"}, Fn: func(c *eval.Frame, a []eval.Value) (eval.Value, error) {
			return eval.Bool(identical(a[0], a[1])), nil
		}},
		&eval.Builtin{Name: "all.equal", Generic: true, Formals: []string{"target", "current", "..."}, Fn: func(c *eval.Frame, a []eval.Value) (eval.Value, error) {
			o := aeOpts{tol: 1.5e-8, checkAttr: true}
			dots := a[2].(*eval.List)
			for i, n := range eval.Names(dots) {
				switch n {
				case "tolerance":
					t, err := argNum(c, dots.V[i], "tolerance")
					if err != nil {
						return nil, err
					}
					o.tol = t
				case "check.attributes":
					b, err := argBool(c, dots.V[i], "check.attributes")
					if err != nil {
						return nil, err
					}
					o.checkAttr = b
				case "check.names":
					b, err := argBool(c, dots.V[i], "check.names")
					if err != nil {
						return nil, err
					}
					o.noNames = !b
				case "scale":
					if !isNull(dots.V[i]) {
						s, err := argNum(c, dots.V[i], "scale")
						if err != nil {
							return nil, err
						}
						o.scale = &s
					}
				}
			}
			msgs := allEqual(c, a[0], a[1], o)
			if len(msgs) == 0 {
				return eval.True, nil
			}
			return eval.NewStr(msgs), nil
		}},
	)
}

// identical is R's identical() with the default arguments.
func identical(x, y eval.Value) bool {
	if x == y {
		return true
	}
	if typeofValue(x) != typeofValue(y) {
		return false
	}
	if !identicalAttrs(x, y) {
		return false
	}
	switch a := x.(type) {
	case *eval.NullType:
		return true
	case *eval.Logical:
		return slices.Equal(a.V, y.(*eval.Logical).V)
	case *eval.Integer:
		return slices.Equal(a.V, y.(*eval.Integer).V)
	case *eval.Double:
		b := y.(*eval.Double)
		if len(a.V) != len(b.V) {
			return false
		}
		for i, f := range a.V {
			g := b.V[i]
			if f != f || g != g {
				if (f != f) != (g != g) || eval.IsNA(f) != eval.IsNA(g) {
					return false
				}
				continue
			}
			if f != g {
				return false
			}
		}
		return true
	case *eval.Complex:
		return slices.Equal(a.V, y.(*eval.Complex).V)
	case *eval.Character:
		return slices.Equal(a.V, y.(*eval.Character).V)
	case *eval.Raw:
		return slices.Equal(a.V, y.(*eval.Raw).V)
	case *eval.List:
		return slices.EqualFunc(a.V, y.(*eval.List).V, identical)
	case *eval.Lang:
		return eval.DeparseValue(x) == eval.DeparseValue(y)
	case *eval.Closure:
		b := y.(*eval.Closure)
		if a.Env != b.Env {
			return false
		}
		if a.Body == b.Body {
			return true
		}
		return eval.DeparseValue(a) == eval.DeparseValue(b)
	case *eval.Builtin:
		return a.Name == y.(*eval.Builtin).Name
	}
	return false
}

func identicalAttrs(x, y eval.Value) bool {
	ax, ay := attrCount(x), attrCount(y)
	if len(ax) != len(ay) {
		return false
	}
	for _, at := range ax {
		if at.Name == "srcref" {
			continue
		}
		found := false
		for _, bt := range ay {
			if bt.Name == at.Name {
				if !identical(at.Value, bt.Value) {
					return false
				}
				found = true
				break
			}
		}
		if !found {
			return false
		}
	}
	return true
}

type aeOpts struct {
	tol       float64
	scale     *float64
	checkAttr bool
	noNames   bool
}

// dataClass is R's data.class().
func dataClass(v eval.Value) string {
	if cl := eval.ClassAttr(v); len(cl) > 0 {
		return cl[0]
	}
	if d := eval.Dim(v); d != nil {
		if len(d) == 2 {
			return "matrix"
		}
		return "array"
	}
	return modeOf(v)
}

func formatNum7(x float64) string {
	return rfmt.FormatRealAlone(x, 7, 0)
}

// attrAllEqual is R's attr.all.equal.
func attrAllEqual(c *eval.Frame, t, u eval.Value, o aeOpts) []string {
	var msg []string
	if mt, mc := modeOf(t), modeOf(u); mt != mc {
		msg = append(msg, fmt.Sprintf("Modes: %s, %s", mt, mc))
	}
	if lt, lc := eval.Length(t), eval.Length(u); lt != lc {
		msg = append(msg, fmt.Sprintf("Lengths: %d, %d", lt, lc))
	}
	if !o.noNames {
		nt, nc := namesOf(t), namesOf(u)
		switch {
		case nt != nil && nc != nil:
			if m := allEqual(c, nt, nc, o); len(m) > 0 {
				for _, s := range m {
					msg = append(msg, "Names: "+s)
				}
			}
		case nt != nil:
			msg = append(msg, "names for target but not for current")
		case nc != nil:
			msg = append(msg, "names for current but not for target")
		}
	}
	if o.checkAttr {
		at := otherAttrs(t)
		ac := otherAttrs(u)
		var keys []string
		for k := range at {
			keys = append(keys, k)
		}
		for k := range ac {
			if _, ok := at[k]; !ok {
				keys = append(keys, k)
			}
		}
		sort.Strings(keys)
		if len(at) != len(ac) || !sameKeys(at, ac) {
			if len(at) > 0 || len(ac) > 0 {
				msg = append(msg, fmt.Sprintf("Attributes: < %s >", attrLenMsg(at, ac)))
			}
		} else {
			for _, k := range keys {
				if m := allEqual(c, at[k], ac[k], o); len(m) > 0 {
					for _, s := range m {
						msg = append(msg, fmt.Sprintf("Attributes: < Component “%s”: %s >", k, s))
					}
				}
			}
		}
	}
	return msg
}

func sameKeys(a, b map[string]eval.Value) bool {
	for k := range a {
		if _, ok := b[k]; !ok {
			return false
		}
	}
	return true
}

func attrLenMsg(a, b map[string]eval.Value) string {
	if len(a) != len(b) {
		if len(a) == 0 {
			return "target is NULL, current is list"
		}
		if len(b) == 0 {
			return "Modes: list, NULL"
		}
		return fmt.Sprintf("Length mismatch: comparison on first %d components", min(len(a), len(b)))
	}
	return "names for target but not for current"
}

func otherAttrs(v eval.Value) map[string]eval.Value {
	m := map[string]eval.Value{}
	for _, a := range attrCount(v) {
		if a.Name != "names" && a.Name != "srcref" {
			m[a.Name] = a.Value
		}
	}
	return m
}

// allEqual returns all.equal's messages (empty when equal).
func allEqual(c *eval.Frame, t, u eval.Value, o aeOpts) []string {
	if isFactor(t) {
		if !isFactor(u) {
			return []string{"'current' is not a factor"}
		}
		var msg []string
		if o.checkAttr {
			msg = attrAllEqual(c, t, u, o)
		}
		ts, _ := coStrings(t)
		us, _ := coStrings(u)
		o2 := o
		o2.checkAttr = false
		return append(msg, allEqualCharacter(c, eval.NewStr(ts), eval.NewStr(us), o2, "string")...)
	}
	switch t.(type) {
	case *eval.Double, *eval.Integer:
		return allEqualNumeric(c, t, u, o)
	case *eval.Character:
		return allEqualCharacter(c, t, u, o, "string")
	case *eval.Logical:
		return allEqualCharacter(c, t, u, o, "element")
	case *eval.List:
		return allEqualList(c, t, u, o)
	case *eval.NullType:
		if isNull(u) {
			return nil
		}
		return []string{fmt.Sprintf("target is NULL, current is %s", dataClass(u))}
	case *eval.Env:
		if t == u {
			return nil
		}
	}
	if identical(t, u) {
		return nil
	}
	if eval.DeparseValue(t) == eval.DeparseValue(u) {
		return nil
	}
	return []string{"target, current do not match when deparsed"}
}

func allEqualNumeric(c *eval.Frame, t, u eval.Value, o aeOpts) []string {
	var msg []string
	if o.checkAttr {
		msg = attrAllEqual(c, t, u, o)
	}
	if dt, dc := dataClass(t), dataClass(u); dt != dc {
		return append(msg, fmt.Sprintf("target is %s, current is %s", dt, dc))
	}
	tv, _ := coDoubles(t, nil)
	cv, ok := coDoubles(u, nil)
	if !ok {
		return append(msg, fmt.Sprintf("target is %s, current is %s", dataClass(t), dataClass(u)))
	}
	if len(tv) != len(cv) {
		var m2 []string
		for _, s := range msg {
			if !strings.Contains(s, "Lengths") {
				m2 = append(m2, s)
			}
		}
		return append(m2, fmt.Sprintf("Numeric: lengths (%d, %d) differ", len(tv), len(cv)))
	}
	nat, nac := 0, 0
	mismatch := false
	for i := range tv {
		a, b := tv[i] != tv[i], cv[i] != cv[i]
		if a {
			nat++
		}
		if b {
			nac++
		}
		if a != b {
			mismatch = true
		}
	}
	if mismatch {
		return append(msg, fmt.Sprintf("'is.NA' value mismatch: %d in current %d in target", nac, nat))
	}
	var sumDiff, sumAbs float64
	n := 0
	for i := range tv {
		if tv[i] != tv[i] || tv[i] == cv[i] {
			continue
		}
		sumDiff += math.Abs(tv[i] - cv[i])
		sumAbs += math.Abs(tv[i])
		n++
	}
	if n == 0 {
		return msg
	}
	xy := sumDiff / float64(n)
	what := "absolute"
	if o.scale != nil {
		xy /= *o.scale
		if *o.scale != 1 {
			what = "scaled"
		}
	} else {
		xn := sumAbs / float64(n)
		if !math.IsInf(xn, 0) && xn > o.tol {
			xy /= xn
			what = "relative"
		}
	}
	if xy != xy || xy > o.tol {
		msg = append(msg, fmt.Sprintf("Mean %s difference: %s", what, formatNum7(xy)))
	}
	return msg
}

func allEqualCharacter(c *eval.Frame, t, u eval.Value, o aeOpts, unit string) []string {
	var msg []string
	if o.checkAttr {
		msg = attrAllEqual(c, t, u, o)
	}
	if dt, dc := dataClass(t), dataClass(u); dt != dc {
		return append(msg, fmt.Sprintf("target is %s, current is %s", dt, dc))
	}
	tv, _ := coStrings(t)
	cv, _ := coStrings(u)
	n := len(tv)
	if len(tv) != len(cv) {
		n = min(len(tv), len(cv))
		var m2 []string
		for _, s := range msg {
			if !strings.Contains(s, "Lengths") {
				m2 = append(m2, s)
			}
		}
		msg = append(m2, fmt.Sprintf("Lengths (%d, %d) differ (%s compare on first %d)", len(tv), len(cv), unit, n))
	}
	nat, nac := 0, 0
	mismatch := false
	for i := 0; i < n; i++ {
		a, b := eval.IsNAString(tv[i]), eval.IsNAString(cv[i])
		if a {
			nat++
		}
		if b {
			nac++
		}
		mismatch = mismatch || a != b
	}
	if mismatch {
		return append(msg, fmt.Sprintf("'is.NA' value mismatch: %d in current %d in target", nac, nat))
	}
	ne := 0
	for i := 0; i < n; i++ {
		if tv[i] != cv[i] {
			ne++
		}
	}
	switch {
	case ne == 1:
		msg = append(msg, "1 "+unit+" mismatch")
	case ne > 1:
		msg = append(msg, fmt.Sprintf("%d %s mismatches", ne, unit))
	}
	return msg
}

func allEqualList(c *eval.Frame, t, u eval.Value, o aeOpts) []string {
	var msg []string
	if o.checkAttr {
		msg = attrAllEqual(c, t, u, o)
	}
	tl := t.(*eval.List)
	ul, ok := u.(*eval.List)
	if !ok {
		return append(msg, fmt.Sprintf("current is not list-like"))
	}
	n := min(len(tl.V), len(ul.V))
	if len(tl.V) != len(ul.V) {
		var m2 []string
		for _, s := range msg {
			if !strings.Contains(s, "Lengths") {
				m2 = append(m2, s)
			}
		}
		msg = append(m2, fmt.Sprintf("Length mismatch: comparison on first %d components", n))
	}
	names := eval.Names(t)
	for i := 0; i < n; i++ {
		label := fmt.Sprintf("Component %d", i+1)
		if names != nil && names[i] != "" {
			label = fmt.Sprintf("Component “%s”", names[i])
		}
		for _, s := range allEqual(c, tl.V[i], ul.V[i], o) {
			msg = append(msg, label+": "+s)
		}
	}
	return msg
}
