package base

// rbind and cbind of data frames (R's rbind.data.frame and
// cbind.data.frame), and make.unique.

import (
	"strconv"
	"strings"
	"unicode"

	"torchr/lang/eval"
	"torchr/lang/internal/rfmt"
)

func init() {
	eval.RegisterAll(
		&eval.Builtin{Name: "make.unique", Formals: []string{"names", `sep = "."`}, Fn: func(c *eval.Frame, a []eval.Value) (eval.Value, error) {
			s, ok := a[0].(*eval.Character)
			if !ok {
				return nil, c.Errorf("'names' must be a character vector")
			}
			sep := "."
			if a[1] != nil {
				v, ok := a[1].(*eval.Character)
				if !ok || len(v.V) != 1 {
					return nil, c.Errorf("'sep' must be a character string")
				}
				sep = v.V[0]
			}
			return eval.NewStr(makeUnique(s.V, sep)), nil
		}},
		&eval.Builtin{Name: "as.data.frame", Generic: true, Formals: []string{"x", "row.names = NULL", "optional = FALSE", "...", "stringsAsFactors = FALSE", `responseName = "Freq"`}, Fn: asDataFrame},
		&eval.Builtin{Name: "prop.table", Formals: []string{"x", "margin = NULL"}, Fn: propTable},
		&eval.Builtin{Name: "proportions", Formals: []string{"x", "margin = NULL"}, Fn: propTable},
		&eval.Builtin{Name: "make.names", Formals: []string{"names", "unique = FALSE", "allow_ = TRUE"}, Fn: func(c *eval.Frame, a []eval.Value) (eval.Value, error) {
			s, ok := coStrings(a[0])
			if !ok {
				return nil, c.Errorf("non-character names")
			}
			allow := a[2] == nil || trueArg(a[2])
			out := make([]string, len(s))
			for i, n := range s {
				out[i] = makeName(n, allow)
			}
			if a[1] != nil && trueArg(a[1]) {
				out = makeUnique(out, ".")
			}
			return eval.NewStr(out), nil
		}},
	)
}

// makeUnique is R's make.unique: the second and later copies of a name get
// sep and the smallest counter (from 1) that makes them unique.
func makeUnique(names []string, sep string) []string {
	out := append([]string(nil), names...)
	seen := make(map[string]bool, len(names))
	for _, n := range names {
		seen[n] = true
	}
	first := make(map[string]bool, len(names))
	cnt := make(map[string]int)
	for i, n := range names {
		if !first[n] {
			first[n] = true
			continue
		}
		k := cnt[n]
		for {
			k++
			cand := n + sep + strconv.Itoa(k)
			if !seen[cand] {
				out[i] = cand
				seen[cand] = true
				break
			}
		}
		cnt[n] = k
	}
	return out
}

// anyDataFrame reports whether one of the bind arguments is a data frame
// (R dispatches rbind and cbind to the data frame methods then).
func anyDataFrame(args []eval.Value) bool {
	for _, v := range args {
		if isDataFrame(v) {
			return true
		}
	}
	return false
}

// cbindDataFrame is cbind.data.frame: data.frame(..., check.names = FALSE).
func cbindDataFrame(c *eval.Frame, dots *eval.List) (eval.Value, error) {
	names := eval.Names(dots)
	args := make([]eval.Arg, 0, len(dots.V)+1)
	for i, v := range dots.V {
		ar := eval.Arg{Value: v}
		if names != nil && names[i] != "" {
			ar.Name = names[i]
		}
		args = append(args, ar)
	}
	args = append(args, eval.Arg{Name: "check.names", Value: eval.False})
	return c.In.CallFunction("data.frame", args, c.Env)
}

// rbindDataFrame is rbind.data.frame: the rows of data frames (columns
// matched by name), lists and vectors (one row each, by position) stacked,
// factor columns taking the union of the levels.
func rbindDataFrame(c *eval.Frame, dots *eval.List) (eval.Value, error) {
	argNames := eval.Names(dots)
	type piece struct {
		cols  []eval.Value // one value per template column
		n     int
		rn    []string // row names, nil when automatic
		seq   bool     // the row names are 1..n (automatic or integer)
		name  string
		isRow bool
	}
	var colNames []string
	var template *eval.List
	var pieces []piece
	for i, v := range dots.V {
		name := ""
		if argNames != nil {
			name = argNames[i]
		}
		if isDataFrame(v) {
			df := v.(*eval.List)
			if len(df.V) == 0 {
				continue
			}
			n, rn := dfShape(df)
			seq := rn == nil
			if iv, ok := df.Attr("row.names").(*eval.Integer); ok && !seq {
				seq = true
				for k, x := range iv.V {
					seq = seq && int(x) == k+1
				}
			}
			if rn == nil {
				rn = make([]string, n)
				for k := range rn {
					rn[k] = strconv.Itoa(k + 1)
				}
			}
			if template == nil {
				template = df
				colNames = eval.Names(df)
				pieces = append(pieces, piece{cols: df.V, n: n, rn: rn, seq: seq, name: name})
				continue
			}
			if len(df.V) != len(colNames) {
				return nil, eval.ErrorWithCall(methodCall(c.Call, "rbind"), "numbers of columns of arguments do not match")
			}
			nm := eval.Names(df)
			cols := make([]eval.Value, len(colNames))
			for j, cn := range colNames {
				k := -1
				for q, x := range nm {
					if x == cn {
						k = q
						break
					}
				}
				if k < 0 {
					return nil, errorInCall(c, "match.names(clabs, names(xi))", "names do not match previous names")
				}
				cols[j] = df.V[k]
			}
			pieces = append(pieces, piece{cols: cols, n: n, rn: rn, seq: seq, name: name})
			continue
		}
		if lenOf(v) == 0 {
			continue
		}
		if template == nil {
			return nil, c.Errorf("cannot rbind a vector before any data frame")
		}
		// a list or vector is one row, its elements taken by position
		m := lenOf(v)
		cols := make([]eval.Value, len(colNames))
		for j := range cols {
			e := elemAt(v, j%m)
			if l, ok := v.(*eval.List); ok {
				e = l.V[j%m]
			}
			cols[j] = e
		}
		pieces = append(pieces, piece{cols: cols, n: 1, name: name, isRow: true})
	}
	if template == nil {
		return eval.Null, nil
	}
	total := 0
	for _, p := range pieces {
		total += p.n
	}
	out := make([]eval.Value, len(colNames))
	for j := range colNames {
		parts := make([]eval.Value, len(pieces))
		factor := isFactor(template.V[j])
		for k, p := range pieces {
			parts[k] = p.cols[j]
		}
		if factor {
			out[j] = rbindFactor(parts)
			continue
		}
		plain := make([]eval.Value, len(parts))
		for k, p := range parts {
			if isFactor(p) {
				s, _ := coStrings(p)
				p = eval.NewStr(s)
			}
			plain[k] = p
		}
		r := combineVectors(plain)
		if h := hdr(template.V[j]); h != nil {
			// keep the template column's class (Dates and the like)
			if cl := h.Attr("class"); cl != nil {
				if rh := hdr(r); rh != nil {
					rh.SetAttr("class", cl)
				}
			}
		}
		out[j] = r
	}
	// row names as R's Make.row.names: the argument name (with the
	// piece's own row names when it has several rows), else the piece's
	// row names, numbered on from the rows so far while all are automatic;
	// made unique with sep "" at the end.
	auto := true
	rn := make([]string, 0, total)
	nrow := 0
	for _, p := range pieces {
		switch {
		case p.name != "":
			auto = false
			if p.n == 1 {
				rn = append(rn, p.name)
			} else {
				for _, r := range p.rn {
					rn = append(rn, p.name+"."+r)
				}
			}
		case p.isRow:
			rn = append(rn, strconv.Itoa(nrow+1))
		case auto && nrow > 0 && p.seq:
			for i := 0; i < p.n; i++ {
				rn = append(rn, strconv.Itoa(nrow+i+1))
			}
		default:
			if auto && (nrow > 0 || !p.seq) {
				auto = false
			}
			rn = append(rn, p.rn...)
		}
		nrow += p.n
	}
	var rowNames eval.Value = eval.NewInt([]int32{eval.NAInt, -int32(total)})
	if !auto {
		rowNames = eval.NewStr(makeUnique(rn, ""))
	}
	return newDataFrame(out, append([]string(nil), colNames...), rowNames), nil
}

// rbindFactor stacks factor (and character) pieces into one factor whose
// levels are the first piece's followed by any new ones in order.
func rbindFactor(parts []eval.Value) eval.Value {
	var levels []string
	seen := map[string]int{}
	add := func(s string) {
		if _, ok := seen[s]; !ok && s != eval.NAString {
			seen[s] = len(levels) + 1
			levels = append(levels, s)
		}
	}
	var all []string
	for _, p := range parts {
		if isFactor(p) {
			for _, l := range factorLevels(p) {
				add(l)
			}
		}
	}
	for _, p := range parts {
		s, _ := coStrings(p)
		for _, x := range s {
			add(x)
		}
		all = append(all, s...)
	}
	codes := make([]int32, len(all))
	for i, s := range all {
		if s == eval.NAString {
			codes[i] = eval.NAInt
		} else {
			codes[i] = int32(seen[s])
		}
	}
	return makeFactor(codes, levels, false)
}

// makeName is one name of R's make.names: invalid characters become ".",
// a name not starting with a letter (or a dot not followed by a digit)
// gets an "X" prefix, a reserved word a "." suffix, NA becomes "NA.".
func makeName(n string, allowUnderscore bool) string {
	if n == eval.NAString {
		return "NA."
	}
	rs := []rune(n)
	if len(rs) == 0 || !(unicode.IsLetter(rs[0]) || rs[0] == '.') || (rs[0] == '.' && len(rs) > 1 && unicode.IsDigit(rs[1])) {
		rs = append([]rune{'X'}, rs...)
	}
	var b strings.Builder
	for _, r := range rs {
		switch {
		case unicode.IsLetter(r) || unicode.IsDigit(r) || r == '.':
			b.WriteRune(r)
		case r == '_' && allowUnderscore:
			b.WriteRune(r)
		default:
			b.WriteByte('.')
		}
	}
	out := b.String()
	if !rfmt.IsValidName(out) {
		out += "."
	}
	return out
}

// asDataFrame is as.data.frame for data frames (unchanged), tables (one
// factor column per dimension and the counts), matrices (one column per
// matrix column, V1... when unnamed), lists (data.frame(x)) and vectors
// (one column named by the argument's text).
func asDataFrame(c *eval.Frame, a []eval.Value) (eval.Value, error) {
	x, err := c.Force(a[0])
	if err != nil {
		return nil, err
	}
	saf := eval.Value(eval.False)
	if a[4] != nil {
		saf = a[4]
	}
	rowNames := a[1]
	withRowNames := func(args []eval.Arg) []eval.Arg {
		if rowNames != nil && !nullArg(rowNames) {
			args = append(args, eval.Arg{Name: "row.names", Value: rowNames})
		}
		return append(args, eval.Arg{Name: "stringsAsFactors", Value: saf})
	}
	switch {
	case isDataFrame(x):
		return x, nil
	case inheritsFrom(x, "table"):
		counts := toInts(x)
		dims := eval.Dim(x)
		if dims == nil {
			dims = []int{len(counts)}
		}
		dnl, _ := attr(x, "dimnames").(*eval.List)
		dnNames := eval.Names(dnl)
		var cols []eval.Value
		var names []string
		stride := 1
		for k, d := range dims {
			var lev []string
			if dnl != nil && k < len(dnl.V) {
				lev, _ = coStrings(dnl.V[k])
			}
			if lev == nil {
				lev = make([]string, d)
				for i := range lev {
					lev[i] = strconv.Itoa(i + 1)
				}
			}
			codes := make([]int32, len(counts))
			for i := range codes {
				codes[i] = int32((i/stride)%d + 1)
			}
			stride *= d
			cols = append(cols, makeFactor(codes, lev, false))
			n := ""
			if dnNames != nil {
				n = dnNames[k]
			}
			if n == "" {
				n = "Var" + strconv.Itoa(k+1)
			}
			names = append(names, n)
		}
		resp := "Freq"
		if r, ok := a[5].(*eval.Character); ok && len(r.V) == 1 {
			resp = r.V[0]
		}
		cols = append(cols, eval.NewInt(append([]int32(nil), counts...)))
		names = append(names, resp)
		return newDataFrame(cols, names, eval.NewInt([]int32{eval.NAInt, -int32(len(counts))})), nil
	case isAtomic(x) && len(eval.Dim(x)) == 2:
		d := eval.Dim(x)
		dn := dimnamesOf(x)
		colNames := dimnamesAt(dn, 1)
		var args []eval.Arg
		for k := 0; k < d[1]; k++ {
			pos := make([]int, d[0])
			for r := range pos {
				pos[r] = k*d[0] + r
			}
			n := "V" + strconv.Itoa(k+1)
			if colNames != nil {
				n = colNames[k]
			}
			args = append(args, eval.Arg{Name: n, Value: gather(x, pos)})
		}
		if rn := dimnamesAt(dn, 0); rn != nil && (rowNames == nil || nullArg(rowNames)) {
			rowNames = eval.NewStr(rn)
		}
		args = append(withRowNames(args), eval.Arg{Name: "check.names", Value: eval.False})
		return c.In.CallFunction("data.frame", args, c.Env)
	case kindOf(x) == kList:
		return c.In.CallFunction("data.frame", withRowNames([]eval.Arg{{Value: x}}), c.Env)
	case isAtomic(x):
		name := "x"
		if len(c.Args) > 0 && c.Args[0].Expr != nil {
			name = eval.DeparseValue(eval.LangValue(c.Args[0].Expr))
		}
		return c.In.CallFunction("data.frame", withRowNames([]eval.Arg{{Name: name, Value: x}, {Name: "check.names", Value: eval.False}}), c.Env)
	}
	return nil, c.Errorf("cannot coerce class ‘\"%s\"’ to a data.frame", eval.ImplicitClass(x)[0])
}

// propTable is prop.table(x, margin): x divided by its total, or by the
// sums of its rows (margin 1) or columns (margin 2); attributes kept.
func propTable(c *eval.Frame, a []eval.Value) (eval.Value, error) {
	x := a[0]
	if !isNumeric(x) {
		return nil, c.Errorf("'x' is not an array")
	}
	v := toDoubles(x)
	out := make([]float64, len(v))
	if a[1] == nil || nullArg(a[1]) {
		sum := 0.0
		for _, f := range v {
			sum += f
		}
		for i, f := range v {
			out[i] = f / sum
		}
	} else {
		d := eval.Dim(x)
		m, ok := intArg(a[1])
		if len(d) != 2 || !ok || m < 1 || m > 2 {
			return nil, c.Errorf("'margin' must be 1 or 2 for a matrix")
		}
		sums := make([]float64, d[m-1])
		for i, f := range v {
			k := i % d[0]
			if m == 2 {
				k = i / d[0]
			}
			sums[k] += f
		}
		for i, f := range v {
			k := i % d[0]
			if m == 2 {
				k = i / d[0]
			}
			out[i] = f / sums[k]
		}
	}
	r := eval.NewDouble(out)
	if h := hdr(x); h != nil {
		r.SetAttributes(append([]eval.Attr(nil), h.Attributes()...))
	}
	return r, nil
}

func init() {
	eval.RegisterAll(&eval.Builtin{Name: "modifyList", Formals: []string{"x", "val", "keep.null = FALSE"}, Fn: modifyList})
}

// modifyList is modifyList(x, val, keep.null): x with each named element
// of val put in (replacing, or merged into a list element recursively);
// a NULL in val removes the element unless keep.null.
func modifyList(c *eval.Frame, a []eval.Value) (eval.Value, error) {
	x, ok1 := a[0].(*eval.List)
	val, ok2 := a[1].(*eval.List)
	if !ok1 || !ok2 {
		if !ok1 {
			return nil, c.Errorf("is.list(x) is not TRUE")
		}
		return nil, c.Errorf("is.list(val) is not TRUE")
	}
	keepNull := a[2] != nil && trueArg(a[2])
	vnames := eval.Names(val)
	var out eval.Value = x
	for i, v := range vnames {
		if v == "" {
			continue
		}
		nv := val.V[i]
		cur := eval.Names(out.(*eval.List))
		idx := -1
		for k, n := range cur {
			if n == v {
				idx = k
				break
			}
		}
		if idx >= 0 {
			if xl, ok := out.(*eval.List).V[idx].(*eval.List); ok {
				if vl, ok := nv.(*eval.List); ok {
					m, err := modifyList(c, []eval.Value{xl, vl, a[2]})
					if err != nil {
						return nil, err
					}
					nv = m
				}
			}
		}
		var err error
		if keepNull && nv == eval.Value(eval.Null) {
			out, err = c.In.CallFunction("[<-", []eval.Arg{{Value: out}, {Value: eval.NewStr1(v)}, {Name: "value", Value: eval.NewList([]eval.Value{eval.Null}, nil)}}, c.Env)
		} else {
			out, err = c.In.CallFunction("[[<-", []eval.Arg{{Value: out}, {Value: eval.NewStr1(v)}, {Name: "value", Value: nv}}, c.Env)
		}
		if err != nil {
			return nil, err
		}
	}
	return out, nil
}
