package base

// split, unsplit-free tapply (one grouping factor), and a minimal
// data.frame: construction, names/dim queries through the list, and
// print.data.frame.

import (
	"io"
	"strings"

	"torchr/lang/eval"
	"torchr/lang/internal/rfmt"
)

// groupFactor returns the factor codes and levels of a grouping vector.
func groupFactor(c *eval.Frame, g eval.Value) ([]int32, []string, error) {
	f := g
	if !isFactor(g) {
		fv, err := builtinFactor(c, []eval.Value{g, nil, nil, nil, nil, nil})
		if err != nil {
			return nil, nil, err
		}
		f = fv
	}
	return f.(*eval.Integer).V, factorLevels(f), nil
}

func builtinSplit(c *eval.Frame, a []eval.Value) (eval.Value, error) {
	x := a[0]
	codes, levels, err := groupFactor(c, a[1])
	if err != nil {
		return nil, err
	}
	n := eval.Length(x)
	isDF := isDataFrame(x)
	if isDF {
		// split.data.frame splits the rows
		n = lenOfGroup(x)
	}
	if len(codes) == 0 && n > 0 {
		return nil, c.Errorf("group length is 0 but data length > 0")
	}
	if n > 0 && n%len(codes) != 0 {
		if err := c.Warningf("data length is not a multiple of split variable"); err != nil {
			return nil, err
		}
	}
	idx := make([][]int32, len(levels))
	for i := 0; i < n; i++ {
		k := codes[i%len(codes)]
		if k == eval.NAInt {
			continue
		}
		idx[k-1] = append(idx[k-1], int32(i+1))
	}
	out := make([]eval.Value, len(levels))
	for j, ix := range idx {
		if ix == nil {
			ix = []int32{}
		}
		args := []eval.Arg{{Value: x}, {Value: eval.NewInt(ix)}}
		if isDF {
			args = append(args, eval.Arg{Value: eval.MissingArg}, eval.Arg{Name: "drop", Value: eval.False})
		}
		v, err := c.In.CallFunction("[", args, c.Env)
		if err != nil {
			return nil, err
		}
		out[j] = v
	}
	return eval.NewList(out, append([]string(nil), levels...)), nil
}

// builtinUnsplit is unsplit(value, f): the inverse of split(x, f), putting
// the elements (or data frame rows) of each group back where f has that
// group.
func builtinUnsplit(c *eval.Frame, a []eval.Value) (eval.Value, error) {
	value, ok := a[0].(*eval.List)
	if !ok {
		return nil, c.Errorf("'value' must be a list")
	}
	codes, levels, err := groupFactor(c, a[1])
	if err != nil {
		return nil, err
	}
	if len(value.V) < len(levels) {
		return nil, c.Errorf("subscript out of bounds")
	}
	// perm[i] is the position, in the groups laid end to end, of the
	// element that goes to position i
	start := make([]int, len(levels)+1)
	for j := range levels {
		start[j+1] = start[j] + lenOfGroup(value.V[j])
	}
	next := make([]int, len(levels))
	perm := make([]int32, len(codes))
	for i, k := range codes {
		if k == eval.NAInt {
			perm[i] = eval.NAInt
			continue
		}
		j := int(k) - 1
		n := start[j+1] - start[j]
		if n == 0 {
			perm[i] = eval.NAInt
			continue
		}
		perm[i] = int32(start[j] + next[j]%n + 1)
		next[j]++
	}
	pieces := make([]eval.Arg, len(levels))
	for j := range levels {
		pieces[j] = eval.Arg{Value: value.V[j]}
	}
	if len(levels) > 0 && isDataFrame(value.V[0]) {
		all, err := c.In.CallFunction("rbind", pieces, c.Env)
		if err != nil {
			return nil, err
		}
		return c.In.CallFunction("[", []eval.Arg{{Value: all}, {Value: eval.NewInt(perm)}, {Value: eval.MissingArg}, {Name: "drop", Value: eval.False}}, c.Env)
	}
	vals := make([]eval.Value, len(levels))
	for j := range levels {
		vals[j] = value.V[j]
	}
	all := combineVectors(vals)
	return gather(all, int32sToPos(perm)), nil
}

// lenOfGroup is the number of elements (rows for a data frame) in one
// group of split().
func lenOfGroup(v eval.Value) int {
	if isDataFrame(v) {
		if l, ok := v.(*eval.List); ok && len(l.V) > 0 {
			return eval.Length(l.V[0])
		}
		return 0
	}
	return eval.Length(v)
}

// int32sToPos turns 1-based positions (NA allowed) into gather's 0-based
// ones (-1 for NA).
func int32sToPos(p []int32) []int {
	r := make([]int, len(p))
	for i, k := range p {
		if k == eval.NAInt {
			r[i] = -1
		} else {
			r[i] = int(k) - 1
		}
	}
	return r
}

func init() {
	eval.RegisterAll(
		&eval.Builtin{Name: "split", Formals: []string{"x", "f", "drop = FALSE", "..."}, Generic: true, Fn: builtinSplit},
		&eval.Builtin{Name: "unsplit", Formals: []string{"value", "f", "drop = FALSE"}, Fn: builtinUnsplit},
		&eval.Builtin{Name: "tapply", Formals: []string{"X", "INDEX", "FUN = NULL", "...", "default = NA", "simplify = TRUE"}, Fn: func(c *eval.Frame, a []eval.Value) (eval.Value, error) {
			if l, ok := a[1].(*eval.List); ok && !isDataFrame(a[1]) && len(l.V) > 1 && a[2] != nil && !isNull(a[2]) {
				return tapplyMulti(c, a[0], l, a[2], dotsArgs(a[3].(*eval.List)))
			}
			if l, ok := a[1].(*eval.List); ok && len(l.V) == 1 {
				a[1] = l.V[0]
			}
			groups, err := builtinSplit(c, []eval.Value{a[0], a[1]})
			if err != nil {
				return nil, err
			}
			g := groups.(*eval.List)
			levels := eval.Names(g)
			if isNull(a[2]) {
				codes, _, err := groupFactor(c, a[1])
				if err != nil {
					return nil, err
				}
				return eval.NewInt(append([]int32(nil), codes...)), nil
			}
			fn, err := lookupFUN(c, a[2])
			if err != nil {
				return nil, err
			}
			extra := dotsArgs(a[3].(*eval.List))
			out := make([]eval.Value, len(g.V))
			for i, grp := range g.V {
				args := append([]eval.Arg{{Value: grp}}, extra...)
				v, err := c.In.Apply(fn, args, nil, c.Env)
				if err != nil {
					return nil, err
				}
				out[i] = v
			}
			simplify, _ := argBool(c, a[5], "simplify")
			all1 := simplify
			for _, v := range out {
				if !isAtomic(v) || eval.Length(v) != 1 {
					all1 = false
				}
			}
			var r eval.Attributed
			if all1 {
				r = combineVectors(out).(eval.Attributed)
			} else {
				r = eval.NewList(out, nil)
			}
			r.Hdr().SetAttr("dim", eval.NewInt([]int32{int32(len(out))}))
			r.Hdr().SetAttr("dimnames", eval.NewList([]eval.Value{eval.NewStr(levels)}, nil))
			return r, nil
		}},
		&eval.Builtin{Name: "data.frame", Formals: []string{"...", "row.names = NULL", "check.rows = FALSE", "check.names = TRUE", "fix.empty.names = TRUE", "stringsAsFactors = FALSE"}, Fn: builtinDataFrame},
		&eval.Builtin{Name: "print.data.frame", Invisible: true, Formals: []string{"x", "...", "digits = NULL", "quote = FALSE", "right = TRUE", "row.names = TRUE", "max = NULL"}, Fn: printDataFrame},
		&eval.Builtin{Name: "dim.data.frame", Formals: []string{"x"}, Fn: func(c *eval.Frame, a []eval.Value) (eval.Value, error) {
			l, _ := a[0].(*eval.List)
			if l == nil {
				return eval.Null, nil
			}
			return eval.NewInt([]int32{int32(dfRows(l)), int32(len(l.V))}), nil
		}},
	)
}

func dfRows(l *eval.List) int {
	if rn := l.Attr("row.names"); rn != nil {
		if iv, ok := rn.(*eval.Integer); ok && len(iv.V) == 2 && iv.V[0] == eval.NAInt {
			if iv.V[1] < 0 {
				return int(-iv.V[1])
			}
			return int(iv.V[1])
		}
		return eval.Length(rn)
	}
	if len(l.V) > 0 {
		return eval.Length(l.V[0])
	}
	return 0
}

func builtinDataFrame(c *eval.Frame, a []eval.Value) (eval.Value, error) {
	dots := a[0].(*eval.List)
	names := eval.Names(dots)
	saf, _ := argBool(c, a[5], "stringsAsFactors")
	var cols []eval.Value
	var cn []string
	nrow := 0
	var rowNames eval.Value // from the first component that has them
	add := func(v eval.Value, n string) error {
		if saf {
			if _, ok := v.(*eval.Character); ok {
				fv, err := builtinFactor(c, []eval.Value{v, nil, nil, nil, nil, nil})
				if err != nil {
					return err
				}
				v = fv
			}
		}
		cols = append(cols, v)
		cn = append(cn, n)
		nrow = max(nrow, eval.Length(v))
		return nil
	}
	for i, v := range dots.V {
		argName := ""
		if names != nil {
			argName = names[i]
		}
		switch {
		case isDataFrame(v) || kindOf(v) == kList && !isDataFrame(v) && !classMatchAny(v, "AsIs"):
			// a data frame or list gives its columns
			l := v.(*eval.List)
			ln := eval.Names(l)
			if isDataFrame(v) && rowNames == nil {
				if _, rn := dfShape(l); rn != nil {
					rowNames = l.Attr("row.names")
				}
			}
			for k, col := range l.V {
				n := ""
				if ln != nil {
					n = ln[k]
				}
				if argName != "" && len(l.V) > 1 {
					n = argName + "." + n
				} else if n == "" {
					n = argName
				}
				if n == "" {
					n = "V" + itoaInt(len(cols)+1)
				}
				if err := add(col, n); err != nil {
					return nil, err
				}
			}
			continue
		case isAtomic(v) && len(eval.Dim(v)) == 2:
			// a matrix gives its columns
			d := eval.Dim(v)
			colNames := dimnamesAt(dimnamesOf(v), 1)
			for k := 0; k < d[1]; k++ {
				pos := make([]int, d[0])
				for r := range pos {
					pos[r] = k*d[0] + r
				}
				var n string
				switch {
				case argName != "":
					if colNames != nil {
						n = argName + "." + colNames[k]
					} else {
						n = argName + "." + itoaInt(k+1)
					}
				case colNames != nil:
					n = colNames[k]
				default:
					n = "X" + itoaInt(k+1)
				}
				if err := add(gather(v, pos), n); err != nil {
					return nil, err
				}
			}
			continue
		}
		n := argName
		if n == "" && i < len(c.Args) && c.Args[i].Expr != nil {
			n = eval.DeparseValue(eval.LangValue(c.Args[i].Expr))
		}
		if n == "" {
			n = "V" + itoaInt(i+1)
		}
		if !isAtomic(v) && !classMatchAny(v, "AsIs") {
			return nil, c.Errorf("cannot coerce class ‘\"%s\"’ to a data.frame", eval.ImplicitClass(v)[0])
		}
		if nm := eval.Names(v); nm != nil && rowNames == nil && !isFactor(v) {
			rowNames = eval.NewStr(append([]string(nil), nm...))
			v = withoutNames(v)
		}
		if err := add(v, n); err != nil {
			return nil, err
		}
	}
	if a[3] == nil || trueArg(a[3]) {
		for i, n := range cn {
			cn[i] = makeName(n, true)
		}
		cn = makeUnique(cn, ".")
	}
	for i, v := range cols {
		if l := eval.Length(v); l != nrow {
			if l == 0 || nrow%l != 0 {
				return nil, c.Errorf("arguments imply differing number of rows: %d, %d", nrow, l)
			}
			idx := make([]int32, nrow)
			for k := range idx {
				idx[k] = int32(k%l + 1)
			}
			r, err := c.In.CallFunction("[", []eval.Arg{{Value: v}, {Value: eval.NewInt(idx)}}, c.Env)
			if err != nil {
				return nil, err
			}
			cols[i] = r
		}
	}
	df := eval.NewList(cols, cn)
	if cn == nil {
		df.SetAttr("names", eval.NewStr([]string{}))
	}
	df.SetAttr("class", eval.NewStr1("data.frame"))
	switch {
	case !isNull(a[1]):
		df.SetAttr("row.names", a[1])
	case rowNames != nil && eval.Length(rowNames) == nrow:
		df.SetAttr("row.names", rowNames)
	default:
		df.SetAttr("row.names", eval.NewInt([]int32{eval.NAInt, int32(-nrow)}))
	}
	return df, nil
}

func printDataFrame(c *eval.Frame, a []eval.Value) (eval.Value, error) {
	df, ok := a[0].(*eval.List)
	if !ok {
		return a[0], c.In.PrintValue(a[0], c.Env)
	}
	nrow := dfRows(df)
	names := eval.Names(df)
	if len(df.V) == 0 {
		_, err := io.WriteString(c.In.Stdout, "data frame with 0 columns and "+itoaInt(nrow)+" rows\n")
		return a[0], err
	}
	if nrow == 0 {
		s := "[1] "
		for i, n := range names {
			if i > 0 {
				s += " "
			}
			s += n
		}
		_, err := io.WriteString(c.In.Stdout, s+"\n<0 rows> (or 0-length row.names)\n")
		return a[0], err
	}
	fa := formatDefaults(c)
	cells := make([]string, 0, nrow*len(df.V))
	for _, col := range df.V {
		s, err := dfColumnStrings(c, col, fa)
		if err != nil {
			return nil, err
		}
		cells = append(cells, s...)
	}
	rn := make([]string, nrow)
	if v := df.Attr("row.names"); v != nil {
		if iv, ok := v.(*eval.Integer); ok && len(iv.V) == 2 && iv.V[0] == eval.NAInt {
			for i := range rn {
				rn[i] = itoaInt(i + 1)
			}
		} else {
			s, _ := coStrings(v)
			copy(rn, s)
		}
	}
	if a[5] != nil && !trueArg(a[5]) {
		// print(df, row.names = FALSE)
		for i := range rn {
			rn[i] = ""
		}
	}
	o := printOptions(c.In)
	o.Quote = false
	o.Right = true
	out := rfmt.PrintMatrix(rfmt.Vec{Kind: rfmt.Character, S: cells}, nrow, len(df.V), &rfmt.Dimnames{Names: [][]string{rn, names}}, o)
	_, err := io.WriteString(c.In.Stdout, out)
	return a[0], err
}

// withoutNames returns v without its names attribute (a copy when it had
// one): data.frame() moves a column's names to the row names.
func withoutNames(v eval.Value) eval.Value {
	if eval.Names(v) == nil {
		return v
	}
	r := eval.Copy(v)
	if h := hdr(r); h != nil {
		h.SetAttr("names", nil)
	}
	return r
}

// tapplyMulti is tapply(X, list(f1, f2, ...), FUN): an array indexed by
// the levels of each factor, FUN of each cell's values (NA where a cell
// is empty), or a list array when FUN's results are not all scalars.
func tapplyMulti(c *eval.Frame, x eval.Value, index *eval.List, fun eval.Value, extra []eval.Arg) (eval.Value, error) {
	fn, err := lookupFUN(c, fun)
	if err != nil {
		return nil, err
	}
	n := lenOf(x)
	dims := make([]int, len(index.V))
	codes := make([][]int32, len(index.V))
	dn := make([]eval.Value, len(index.V))
	for k, g := range index.V {
		f := g
		if !isFactor(g) {
			if f, err = builtinFactor(c, []eval.Value{g, nil, nil, nil, nil, nil}); err != nil {
				return nil, err
			}
		}
		if lenOf(f) != n {
			return nil, c.Errorf("arguments must have same length")
		}
		codes[k] = f.(*eval.Integer).V
		lev := factorLevels(f)
		dims[k] = len(lev)
		dn[k] = eval.NewStr(append([]string(nil), lev...))
	}
	total := 1
	for _, d := range dims {
		total *= d
	}
	members := make([][]int, total)
	for i := 0; i < n; i++ {
		cell, mult := 0, 1
		na := false
		for k := range dims {
			if codes[k][i] == eval.NAInt {
				na = true
				break
			}
			cell += int(codes[k][i]-1) * mult
			mult *= dims[k]
		}
		if !na {
			members[cell] = append(members[cell], i)
		}
	}
	out := make([]eval.Value, total)
	allScalar := true
	for cell, m := range members {
		if m == nil {
			out[cell] = nil
			continue
		}
		v, err := c.In.Apply(fn, append([]eval.Arg{{Value: gather(x, m)}}, extra...), nil, c.Env)
		if err != nil {
			return nil, err
		}
		out[cell] = v
		allScalar = allScalar && isAtomic(v) && lenOf(v) == 1
	}
	var r eval.Attributed
	if allScalar {
		var vals []eval.Value
		var k vkind = kLgl
		for _, v := range out {
			if v != nil {
				k = max(k, kindOf(v))
			}
		}
		for _, v := range out {
			if v == nil {
				v = newNAVec(k, 1)
			}
			vals = append(vals, v)
		}
		r = combineVectors(vals).(eval.Attributed)
	} else {
		for i, v := range out {
			if v == nil {
				out[i] = eval.Null
			}
		}
		r = eval.NewList(out, nil)
	}
	r.Hdr().SetAttr("dim", intDim(dims))
	l := eval.NewList(dn, nil)
	if nm := eval.Names(index); nm != nil {
		l.SetAttr("names", eval.NewStr(nm))
	}
	r.Hdr().SetAttr("dimnames", l)
	return r, nil
}

// dfColumnStrings is how print.data.frame (format.data.frame) shows one
// column: strings and factors as they are (NA as <NA>), numbers formatted
// together, classed columns (Dates, times) by their format() method, list
// columns by each element's values joined with ", ".
func dfColumnStrings(c *eval.Frame, col eval.Value, fa rfmt.FormatArgs) ([]string, error) {
	na := func(s []string) []string {
		s = append([]string(nil), s...)
		for i := range s {
			if eval.IsNAString(s[i]) {
				s[i] = "<NA>"
			}
		}
		return s
	}
	switch {
	case kindOf(col) == kStr || isFactor(col):
		s, _ := coStrings(col)
		return na(s), nil
	case kindOf(col) == kList:
		l := col.(*eval.List)
		out := make([]string, len(l.V))
		for i, e := range l.V {
			if e == eval.Value(eval.Null) {
				out[i] = "NULL"
				continue
			}
			f, err := c.In.CallFunction("format", []eval.Arg{{Value: e}}, c.Env)
			if err != nil {
				return nil, err
			}
			parts := toStrs(f)
			for k := range parts {
				parts[k] = strings.TrimSpace(parts[k])
			}
			out[i] = strings.Join(parts, ", ")
		}
		return out, nil
	case eval.IsObject(col) || kindOf(col) == kCplx:
		f, err := c.In.CallFunction("format", []eval.Arg{{Value: col}}, c.Env)
		if err != nil {
			return nil, err
		}
		return na(toStrs(f)), nil
	}
	vec, ok := toVec(col)
	if !ok {
		return nil, c.Errorf("cannot print this data frame column")
	}
	return rfmt.Format(vec, fa), nil
}
