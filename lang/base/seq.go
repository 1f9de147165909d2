package base

import (
	"math"
	"strconv"
	"strings"
	"time"

	"torchr/lang/eval"
)

// Sequences: `:`, seq (R's seq.default), seq_len, seq_along.

func init() {
	eval.RegisterAll(
		&eval.Builtin{Name: ":", Formals: []string{"from", "to"}, Fn: colonBuiltin},
		&eval.Builtin{Name: "seq_len", Formals: []string{"length.out"}, Fn: seqLenBuiltin},
		&eval.Builtin{Name: "seq_along", Formals: []string{"along.with"}, Fn: func(c *eval.Frame, a []eval.Value) (eval.Value, error) {
			return seqN(lenOf(a[0])), nil
		}},
		&eval.Builtin{Name: "seq", Formals: []string{"from", "to", "by", "length.out", "along.with", "..."}, Generic: true, Fn: seqBuiltin},
		&eval.Builtin{Name: "seq.int", Formals: []string{"from", "to", "by", "length.out", "along.with", "..."}, Fn: seqBuiltin},
	)
}

func seqN(n int) eval.Value {
	r := make([]int32, n)
	for i := range r {
		r[i] = int32(i + 1)
	}
	return eval.NewInt(r)
}

func colonBuiltin(c *eval.Frame, a []eval.Value) (eval.Value, error) {
	x, y := a[0], a[1]
	var err error
	if x, err = plainValue(c, x); err != nil {
		return nil, err
	}
	if y, err = plainValue(c, y); err != nil {
		return nil, err
	}
	n1, n2 := lenOf(x), lenOf(y)
	if n1 == 0 || n2 == 0 {
		return nil, c.Errorf("argument of length 0")
	}
	if n1 > 1 {
		if err := warnf(c, "numerical expression has %d elements: only the first used", n1); err != nil {
			return nil, err
		}
	}
	if n2 > 1 {
		if err := warnf(c, "numerical expression has %d elements: only the first used", n2); err != nil {
			return nil, err
		}
	}
	if !isAtomicVec(x) || !isAtomicVec(y) {
		return nil, c.Errorf("NA/NaN argument")
	}
	from, to := toDoubles(x)[0], toDoubles(y)[0]
	if from != from || to != to {
		return nil, c.Errorf("NA/NaN argument")
	}
	return seqColon(c, from, to)
}

func seqColon(c *eval.Frame, from, to float64) (eval.Value, error) {
	r := math.Abs(to - from)
	if r >= 1<<52 {
		return nil, c.Errorf("result would be too long a vector")
	}
	n := int(r + 1 + 1.1920928955078125e-07)
	useInt := from <= math.MaxInt32 && from >= math.MinInt32
	if useInt {
		if from == math.Trunc(from) {
			dn := float64(n)
			var last float64
			if from <= to {
				last = from + dn - 1
			} else {
				last = from - (dn - 1)
			}
			if last <= math.MinInt32 || last > math.MaxInt32 {
				useInt = false
			}
		} else {
			useInt = false
		}
	}
	if useInt {
		v := make([]int32, n)
		f := int32(from)
		if from <= to {
			for i := range v {
				v[i] = f + int32(i)
			}
		} else {
			for i := range v {
				v[i] = f - int32(i)
			}
		}
		return eval.NewInt(v), nil
	}
	v := make([]float64, n)
	if from <= to {
		for i := range v {
			v[i] = from + float64(i)
		}
	} else {
		for i := range v {
			v[i] = from - float64(i)
		}
	}
	return eval.NewDouble(v), nil
}

func seqLenBuiltin(c *eval.Frame, a []eval.Value) (eval.Value, error) {
	v := a[0]
	if v == nil {
		return nil, c.Errorf("argument \"length.out\" is missing, with no default")
	}
	if lenOf(v) == 0 {
		return nil, c.Errorf("argument of length 0")
	}
	if lenOf(v) > 1 {
		if err := warnf(c, "first element used of '%s' argument", "length.out"); err != nil {
			return nil, err
		}
	}
	f, ok := floatArg(v)
	if !ok || f < 0 {
		return nil, c.Errorf("argument must be coercible to non-negative integer")
	}
	return seqN(int(f)), nil
}

func isLogInt(v eval.Value) bool {
	k := kindOf(v)
	return (k == kInt || k == kLgl) && !eval.IsObject(v)
}

func seqBuiltin(c *eval.Frame, a []eval.Value) (eval.Value, error) {
	from, to, by, lengthOut, alongWith := a[0], a[1], a[2], a[3], a[4]
	if from != nil && inheritsFrom(from, "Date") && lenOf(from) == 1 {
		return seqDate(c, from, to, by, lengthOut)
	}
	fail := func(format string, args ...any) error {
		msg := sprintf(format, args...)
		if cl, ok := c.Call.(*syntaxCall); ok {
			return eval.ErrorWithCall(renameCall(cl, "seq.default"), msg)
		}
		return c.Errorf("%s", msg)
	}
	nargs := 0
	for _, v := range a[:5] {
		if v != nil {
			nargs++
		}
	}
	nargs += lenOf(a[5])
	one := nargs == 1
	if one && from != nil {
		lf := lenOf(from)
		if (kindOf(from) == kInt || kindOf(from) == kDbl) && lf == 1 {
			f := toDoubles(from)[0]
			if math.IsInf(f, 0) || f != f {
				return nil, fail("'from' must be a finite number")
			}
			return seqColon(c, 1, f)
		}
		if lf > 0 {
			return seqN(lf), nil
		}
		return eval.NewInt([]int32{}), nil
	}
	var lout float64
	haveLout := false
	intn1 := false
	if alongWith != nil {
		lout = float64(lenOf(alongWith))
		haveLout = true
		if one {
			return seqN(int(lout)), nil
		}
		intn1 = true
	} else if lengthOut != nil && !nullArg(lengthOut) {
		if lenOf(lengthOut) == 0 {
			return nil, fail("argument 'length.out' must be of length 1")
		}
		if lenOf(lengthOut) > 1 {
			if err := c.In.Warning(c.Call, "first element used of 'length.out' argument"); err != nil {
				return nil, err
			}
		}
		intn1 = isLogInt(lengthOut)
		lout = toDoubles(lengthOut)[0]
		if !intn1 {
			lout = math.Ceil(lout)
		}
		haveLout = true
	}
	if from != nil && lenOf(from) != 1 {
		return nil, fail("'from' must be of length 1")
	}
	if to != nil && lenOf(to) != 1 {
		return nil, fail("'to' must be of length 1")
	}
	var fromV, toV float64 = 1, 1
	if from != nil {
		fromV = toDoubles(from)[0]
		if math.IsInf(fromV, 0) || fromV != fromV {
			return nil, fail("'from' must be a finite number")
		}
	}
	if to != nil {
		toV = toDoubles(to)[0]
		if math.IsInf(toV, 0) || toV != toV {
			return nil, fail("'to' must be a finite number")
		}
	}
	fromInt := from == nil || isLogInt(from)
	if from == nil {
		fromInt = false // default from = 1 is double
	}
	if !haveLout {
		if by == nil {
			return seqColon(c, fromV, toV)
		}
		if lenOf(by) != 1 {
			return nil, fail("'by' must be of length 1")
		}
		byV := toDoubles(by)[0]
		isInt := (from == nil || isLogInt(from)) && (to == nil || isLogInt(to))
		if from == nil || to == nil {
			isInt = false
		}
		del := toV - fromV
		if del == 0 && toV == 0 {
			if to != nil {
				return to, nil
			}
			return eval.NewDouble1(toV), nil
		}
		n := del / byV
		if math.IsInf(n, 0) || n != n {
			if byV == 0 && del == 0 {
				if from != nil {
					return from, nil
				}
				return eval.NewDouble1(fromV), nil
			}
			return nil, fail("invalid '(to - from)/by' in seq(.)")
		}
		if n < 0 {
			return nil, fail("wrong sign in 'by' argument")
		}
		if n > math.MaxInt32 {
			return nil, fail("'by' argument is much too small")
		}
		dd := math.Abs(del) / math.Max(math.Abs(toV), math.Abs(fromV))
		if dd < 100*dblEps {
			if from != nil {
				return from, nil
			}
			return eval.NewDouble1(fromV), nil
		}
		if isInt && isLogInt(by) {
			ni := int(n)
			r := make([]int32, ni+1)
			for i := range r {
				r[i] = int32(float64(i)*byV + fromV)
			}
			return eval.NewInt(r), nil
		}
		if isInt {
			ni := int(n)
			r := make([]float64, ni+1)
			for i := range r {
				r[i] = float64(i)*byV + fromV
			}
			return eval.NewDouble(r), nil
		}
		ni := int(n + 1e-10)
		r := make([]float64, ni+1)
		for i := range r {
			x := fromV + float64(i)*byV
			if byV > 0 {
				x = math.Min(x, toV)
			} else {
				x = math.Max(x, toV)
			}
			r[i] = x
		}
		return eval.NewDouble(r), nil
	}
	if math.IsInf(lout, 0) || lout != lout || lout < 0 {
		return nil, fail("'length.out' must be a non-negative number")
	}
	if lout == 0 {
		return eval.NewInt([]int32{}), nil
	}
	if one {
		return seqN(int(lout)), nil
	}
	nOut := int(lout)
	if by == nil {
		intdel := false
		fInt, tInt := false, false
		if to == nil {
			toV = fromV + lout - 1
			intdel = intn1 && fromInt && toV <= math.MaxInt32
			if intdel {
				tInt = true
			}
		} else {
			intdel = isLogInt(to)
			tInt = intdel
		}
		if from == nil {
			fromV = toV - lout + 1
			if intdel {
				intdel = intn1 && fromV >= -math.MaxInt32
				fInt = intdel
			}
		} else {
			if intdel {
				intdel = isLogInt(from)
			}
			fInt = isLogInt(from)
		}
		if nOut > 2 {
			if fromV == toV {
				return repScalar(fromV, nOut, fInt), nil
			}
			n1 := float64(nOut - 1)
			if intdel && intn1 && rFmod(fromV, n1) == rFmod(toV, n1) {
				byI := math.Floor(toV/n1) - math.Floor(fromV/n1)
				r := make([]int32, nOut)
				for i := range r {
					r[i] = int32(fromV + float64(i)*byI)
				}
				r[nOut-1] = int32(toV)
				return eval.NewInt(r), nil
			}
			r := make([]float64, nOut)
			step := (toV - fromV) / n1
			r[0] = fromV
			for i := 1; i < nOut-1; i++ {
				r[i] = fromV + float64(i)*step
			}
			r[nOut-1] = toV
			return eval.NewDouble(r), nil
		}
		// c(from, to)[seq_len(length.out)]
		if fInt && tInt {
			r := []int32{int32(fromV), int32(toV)}
			return eval.NewInt(r[:nOut]), nil
		}
		r := []float64{fromV, toV}
		return eval.NewDouble(r[:nOut]), nil
	}
	if lenOf(by) != 1 {
		return nil, fail("'by' must be of length 1")
	}
	byV := toDoubles(by)[0]
	if to == nil {
		isInt := isLogInt(by) && (from == nil || isLogInt(from)) && from != nil
		if isInt && intn1 {
			r := make([]int32, nOut)
			for i := range r {
				r[i] = int32(fromV + float64(i)*byV)
			}
			return eval.NewInt(r), nil
		}
		r := make([]float64, nOut)
		for i := range r {
			r[i] = fromV + float64(i)*byV
		}
		return eval.NewDouble(r), nil
	}
	if from == nil {
		isInt := isLogInt(by) && isLogInt(to)
		if isInt && intn1 {
			r := make([]int32, nOut)
			for i := range r {
				r[i] = int32(toV - float64(nOut-1-i)*byV)
			}
			return eval.NewInt(r), nil
		}
		r := make([]float64, nOut)
		for i := range r {
			r[i] = toV - float64(nOut-1-i)*byV
		}
		return eval.NewDouble(r), nil
	}
	return nil, fail("too many arguments")
}

func repScalar(v float64, n int, isInt bool) eval.Value {
	if isInt {
		r := make([]int32, n)
		for i := range r {
			r[i] = int32(v)
		}
		return eval.NewInt(r)
	}
	r := make([]float64, n)
	for i := range r {
		r[i] = v
	}
	return eval.NewDouble(r)
}

// seqDate is seq.Date(from, to, by, length.out): by a number of days, or
// "N day(s)/week(s)/month(s)/quarter(s)/year(s)" (months step the
// calendar as R's POSIXlt does, so Jan 31 + 1 month is Mar 2).
func seqDate(c *eval.Frame, from, to, by, lengthOut eval.Value) (eval.Value, error) {
	fail := func(msg string) error {
		if cl, ok := c.Call.(*syntaxCall); ok {
			return eval.ErrorWithCall(renameCall(cl, "seq.Date"), msg)
		}
		return c.Errorf("%s", msg)
	}
	start := toDoubles(from)[0]
	hasTo := to != nil && !nullArg(to)
	var end float64
	if hasTo {
		end = toDoubles(to)[0]
	}
	n := -1
	if lengthOut != nil && !nullArg(lengthOut) {
		f, ok := floatArg(lengthOut)
		if !ok || f < 0 {
			return nil, fail("'length.out' must be a non-negative number")
		}
		n = int(math.Ceil(f))
	}
	mk := func(days []float64) eval.Value {
		r := eval.NewDouble(days)
		r.SetAttr("class", eval.NewStr1("Date"))
		return r
	}
	if by == nil || nullArg(by) {
		if !hasTo || n < 0 {
			return nil, fail("exactly two of 'to', 'by' and 'length.out' / 'along.with' must be specified")
		}
		out := make([]float64, n)
		for i := range out {
			if n == 1 {
				out[i] = start
			} else {
				out[i] = start + float64(i)*(end-start)/float64(n-1)
			}
		}
		return mk(out), nil
	}
	step, unit := 0.0, "day"
	if s, ok := by.(*eval.Character); ok && len(s.V) == 1 {
		parts := strings.Fields(s.V[0])
		k := 1
		switch len(parts) {
		case 1:
		case 2:
			v, err := strconv.Atoi(parts[0])
			if err != nil {
				return nil, fail("invalid 'by' string")
			}
			k = v
		default:
			return nil, fail("invalid 'by' string")
		}
		unit = strings.TrimSuffix(parts[len(parts)-1], "s")
		switch unit {
		case "day", "DSTday":
			step, unit = float64(k), "day"
		case "week":
			step, unit = float64(7*k), "day"
		case "month", "year", "quarter":
			step = float64(k)
		default:
			return nil, fail("invalid string for 'by'")
		}
	} else {
		f, ok := floatArg(by)
		if !ok {
			return nil, fail("invalid 'by' string")
		}
		step = f
	}
	var out []float64
	if unit == "day" {
		if step == 0 {
			return nil, fail("invalid '(to - from)/by' in seq(.)")
		}
		if n >= 0 {
			for i := 0; i < n; i++ {
				out = append(out, start+float64(i)*step)
			}
		} else if hasTo {
			for i := 0; ; i++ {
				v := start + float64(i)*step
				if step > 0 && v > end+1e-10 || step < 0 && v < end-1e-10 {
					break
				}
				out = append(out, v)
			}
		} else {
			return nil, fail("exactly two of 'to', 'by' and 'length.out' / 'along.with' must be specified")
		}
		return mk(out), nil
	}
	months := int(step)
	switch unit {
	case "year":
		months *= 12
	case "quarter":
		months *= 3
	}
	base := time.Unix(int64(start)*86400, 0).UTC()
	for i := 0; ; i++ {
		if n >= 0 && i >= n {
			break
		}
		d := base.AddDate(0, i*months, 0)
		v := float64(d.Unix() / 86400)
		if n < 0 {
			if !hasTo {
				return nil, fail("exactly two of 'to', 'by' and 'length.out' / 'along.with' must be specified")
			}
			if months > 0 && v > end || months < 0 && v < end || months == 0 {
				break
			}
		}
		out = append(out, v)
	}
	return mk(out), nil
}
