package base

// split, unsplit-free tapply (one grouping factor), and a minimal
// data.frame: construction, names/dim queries through the list, and
// print.data.frame.

import (
	"io"

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
		v, err := c.In.CallFunction("[", []eval.Arg{{Value: x}, {Value: eval.NewInt(ix)}}, c.Env)
		if err != nil {
			return nil, err
		}
		out[j] = v
	}
	return eval.NewList(out, append([]string(nil), levels...)), nil
}

func init() {
	eval.RegisterAll(
		&eval.Builtin{Name: "split", Formals: []string{"x", "f", "drop = FALSE", "..."}, Generic: true, Fn: builtinSplit},
		&eval.Builtin{Name: "tapply", Formals: []string{"X", "INDEX", "FUN = NULL", "...", "default = NA", "simplify = TRUE"}, Fn: func(c *eval.Frame, a []eval.Value) (eval.Value, error) {
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
	for i, v := range dots.V {
		n := ""
		if names != nil {
			n = names[i]
		}
		if n == "" && i < len(c.Args) && c.Args[i].Expr != nil {
			n = eval.DeparseValue(eval.LangValue(c.Args[i].Expr))
		}
		if n == "" {
			n = "V" + itoaInt(i+1)
		}
		if !isAtomic(v) {
			return nil, c.Errorf("cannot coerce class ‘\"%s\"’ to a data.frame", eval.ImplicitClass(v)[0])
		}
		if saf {
			if _, ok := v.(*eval.Character); ok {
				fv, err := builtinFactor(c, []eval.Value{v, nil, nil, nil, nil, nil})
				if err != nil {
					return nil, err
				}
				v = fv
			}
		}
		cols = append(cols, v)
		cn = append(cn, n)
		nrow = max(nrow, eval.Length(v))
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
	if !isNull(a[1]) {
		df.SetAttr("row.names", a[1])
	} else {
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
		var s []string
		if _, isChr := col.(*eval.Character); isChr {
			s, _ = coStrings(col)
			s = append([]string(nil), s...)
			for i := range s {
				if eval.IsNAString(s[i]) {
					s[i] = "<NA>"
				}
			}
		} else if isFactor(col) {
			s, _ = coStrings(col)
			s = append([]string(nil), s...)
			for i := range s {
				if eval.IsNAString(s[i]) {
					s[i] = "<NA>"
				}
			}
		} else {
			vec, ok := toVec(col)
			if !ok {
				return nil, c.Errorf("cannot print this data frame column")
			}
			s = rfmt.Format(vec, fa)
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
	o := printOptions(c.In)
	o.Quote = false
	o.Right = true
	out := rfmt.PrintMatrix(rfmt.Vec{Kind: rfmt.Character, S: cells}, nrow, len(df.V), &rfmt.Dimnames{Names: [][]string{rn, names}}, o)
	_, err := io.WriteString(c.In.Stdout, out)
	return a[0], err
}
