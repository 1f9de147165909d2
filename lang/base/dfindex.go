package base

import (
	"strconv"

	"torchr/lang/eval"
)

// Data frame indexing: df[j], df[i, j], df[[i, j]] and df[i, j] <- v. A data
// frame is a list of equal-length columns with class "data.frame" and a
// row.names attribute (compact c(NA, -n) for automatic names).

func isDataFrame(v eval.Value) bool {
	_, ok := v.(*eval.List)
	return ok && inheritsFrom(v, "data.frame")
}

// dfShape returns the number of rows and the row names (nil when automatic).
func dfShape(df *eval.List) (int, []string) {
	rn := df.Attr("row.names")
	switch t := rn.(type) {
	case *eval.Integer:
		if len(t.V) == 2 && t.V[0] == eval.NAInt {
			n := int(t.V[1])
			if n < 0 {
				n = -n
			}
			return n, nil
		}
		s := make([]string, len(t.V))
		for i, v := range t.V {
			s[i] = strconv.Itoa(int(v))
		}
		return len(t.V), s
	case nil:
		if len(df.V) > 0 {
			return lenOf(df.V[0]), nil
		}
		return 0, nil
	}
	s := toStrs(rn)
	return len(s), s
}

func dfRowNames(df *eval.List) []string {
	n, rn := dfShape(df)
	if rn != nil {
		return rn
	}
	rn = make([]string, n)
	for i := range rn {
		rn[i] = strconv.Itoa(i + 1)
	}
	return rn
}

func dfColumns(c *eval.Frame, df *eval.List, j eval.Value) ([]int, error) {
	s, err := resolveSubscript(c, j, len(df.V), eval.Names(df), subGet)
	if err != nil {
		return nil, err
	}
	for _, p := range s.pos {
		if p < 0 {
			return nil, eval.ErrorWithCall(methodCall(c.Call, "[.data.frame"), "undefined columns selected")
		}
	}
	return s.pos, nil
}

func newDataFrame(cols []eval.Value, names []string, rowNames eval.Value) *eval.List {
	df := eval.NewList(cols, nil)
	if names == nil {
		names = []string{}
	}
	df.SetAttr("names", eval.NewStr(names))
	df.SetAttr("class", eval.NewStr([]string{"data.frame"}))
	df.SetAttr("row.names", rowNames)
	return df
}

func dfSubset(c *eval.Frame, df *eval.List, idx []eval.Value, drop eval.Value) (eval.Value, error) {
	names := eval.Names(df)
	if len(idx) == 1 {
		if _, ok := idx[0].(*eval.MissingArgType); ok {
			return df, nil
		}
		if m := eval.Dim(idx[0]); len(m) == 2 {
			return nil, c.Errorf("matrix subscripts are not supported for data frames")
		}
		cols, err := dfColumns(c, df, idx[0])
		if err != nil {
			return nil, err
		}
		vals := make([]eval.Value, len(cols))
		nn := make([]string, len(cols))
		for k, p := range cols {
			vals[k] = df.V[p]
			nn[k] = names[p]
		}
		return newDataFrame(vals, nn, df.Attr("row.names")), nil
	}
	if len(idx) != 2 {
		return nil, c.Errorf("incorrect number of dimensions")
	}
	nrow, _ := dfShape(df)
	cols := seqInts(0, len(df.V))
	if _, ok := idx[1].(*eval.MissingArgType); !ok {
		var err error
		if cols, err = dfColumns(c, df, idx[1]); err != nil {
			return nil, err
		}
	}
	_, allRows := idx[0].(*eval.MissingArgType)
	var rows []int
	if !allRows {
		iv := idx[0]
		s, err := resolveSubscript(c, iv, nrow, dfRowNames(df), subGet)
		if err != nil {
			return nil, err
		}
		rows = s.pos
	}
	doDrop := len(cols) == 1
	if drop != nil {
		doDrop = trueArg(drop) && len(cols) == 1
	}
	vals := make([]eval.Value, len(cols))
	nn := make([]string, len(cols))
	for k, p := range cols {
		col := df.V[p]
		if !allRows {
			idxv := make([]int32, len(rows))
			for i, r := range rows {
				if r < 0 {
					idxv[i] = eval.NAInt
				} else {
					idxv[i] = int32(r + 1)
				}
			}
			v, err := vectorSubset(c, col, eval.NewInt(idxv))
			if err != nil {
				return nil, err
			}
			setNames(v, nil)
			col = v
		}
		vals[k] = col
		nn[k] = names[p]
	}
	if doDrop {
		return vals[0], nil
	}
	rn := df.Attr("row.names")
	if !allRows {
		_, named := dfShape(df)
		if named != nil {
			r := make([]string, len(rows))
			for i, p := range rows {
				if p < 0 {
					r[i] = "NA"
				} else {
					r[i] = named[p]
				}
			}
			rn = eval.NewStr(r)
		} else {
			r := make([]int32, len(rows))
			for i, p := range rows {
				if p < 0 {
					r[i] = eval.NAInt
				} else {
					r[i] = int32(p + 1)
				}
			}
			rn = eval.NewInt(r)
			if len(r) == 0 {
				rn = eval.NewInt([]int32{})
			}
		}
		// repeated rows get unique names, as [.data.frame's make.unique
		if strs := toStrs(rn); len(strs) > 0 {
			seen := make(map[string]bool, len(strs))
			dup := false
			for _, x := range strs {
				if x == eval.NAString {
					x = "NA"
				}
				dup = dup || seen[x]
				seen[x] = true
			}
			if dup {
				fixed := make([]string, len(strs))
				for i, x := range strs {
					if x == eval.NAString {
						x = "NA"
					}
					fixed[i] = x
				}
				rn = eval.NewStr(makeUnique(fixed, "."))
			}
		}
	}
	return newDataFrame(vals, nn, rn), nil
}

func dfSubassign(c *eval.Frame, df *eval.List, idx []eval.Value, value eval.Value) (eval.Value, error) {
	if len(idx) != 2 {
		// df[j] <- value: list semantics on columns.
		return nil, nil
	}
	nrow, _ := dfShape(df)
	names := eval.Names(df)
	out := eval.Copy(df).(*eval.List)
	var cols []int
	newNames := []string{}
	if _, ok := idx[1].(*eval.MissingArgType); ok {
		cols = seqInts(0, len(df.V))
	} else {
		s, err := resolveSubscript(c, idx[1], len(df.V), names, subAssign)
		if err != nil {
			return nil, err
		}
		cols = s.pos
		newNames = s.newNames
	}
	vcols := 1
	if isDataFrame(value) {
		vcols = len(value.(*eval.List).V)
	}
	for k, p := range cols {
		if p < 0 {
			return nil, c.Errorf("missing values are not allowed in subscripted assignments of data frames")
		}
		var v eval.Value
		if isDataFrame(value) {
			v = value.(*eval.List).V[k%vcols]
		} else if kindOf(value) == kList {
			l := value.(*eval.List)
			v = l.V[k%len(l.V)]
		} else {
			v = value
			if lenOf(value) == len(cols)*rowCount(idx[0], nrow) && len(cols) > 1 {
				per := lenOf(value) / len(cols)
				v = gather(value, seqInts(k*per, (k+1)*per))
			}
		}
		var col eval.Value
		if p < len(out.V) {
			col = out.V[p]
		} else {
			col = newNAVec(max(kindOf(v), kLgl), nrow)
			for len(out.V) <= p {
				out.V = append(out.V, eval.Null)
			}
		}
		nc, err := subassignBuiltin(c, []eval.Value{col, eval.NewList([]eval.Value{idx[0]}, nil), v})
		if err != nil {
			return nil, err
		}
		eval.Ref(nc)
		out.V[p] = nc
	}
	if len(newNames) > 0 {
		nn := append([]string(nil), names...)
		nn = append(nn, newNames...)
		out.SetAttr("names", eval.NewStr(nn))
	}
	return out, nil
}

func rowCount(i eval.Value, nrow int) int {
	if _, ok := i.(*eval.MissingArgType); ok {
		return nrow
	}
	if l, ok := i.(*eval.Logical); ok {
		n := 0
		for k := 0; k < nrow; k++ {
			if l.V[k%len(l.V)] == 1 {
				n++
			}
		}
		return n
	}
	return lenOf(i)
}
