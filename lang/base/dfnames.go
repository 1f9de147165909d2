package base

// Row and column names of matrices and data frames (rownames, colnames,
// row.names and their replacement forms) and as.matrix.

import (
	"torchr/lang/eval"
)

func init() {
	eval.RegisterAll(
		&eval.Builtin{Name: "rownames", Formals: []string{"x", "do.NULL = TRUE", `prefix = "row"`}, Fn: func(c *eval.Frame, a []eval.Value) (eval.Value, error) {
			if df, ok := a[0].(*eval.List); ok && isDataFrame(df) {
				return eval.NewStr(dfRowNames(df)), nil
			}
			return dimnamesElt(a[0], 0), nil
		}},
		&eval.Builtin{Name: "colnames", Formals: []string{"x", "do.NULL = TRUE", `prefix = "col"`}, Fn: func(c *eval.Frame, a []eval.Value) (eval.Value, error) {
			if df, ok := a[0].(*eval.List); ok && isDataFrame(df) {
				return eval.NewStr(append([]string(nil), eval.Names(df)...)), nil
			}
			return dimnamesElt(a[0], 1), nil
		}},
		&eval.Builtin{Name: "rownames<-", Formals: []string{"x", "value"}, Fn: func(c *eval.Frame, a []eval.Value) (eval.Value, error) {
			if isDataFrame(a[0]) {
				return setRowNames(c, a[0], a[1])
			}
			return setDimnamesElt(c, a[0], 0, a[1])
		}},
		&eval.Builtin{Name: "row.names<-", Formals: []string{"x", "value"}, Fn: func(c *eval.Frame, a []eval.Value) (eval.Value, error) {
			if isDataFrame(a[0]) {
				return setRowNames(c, a[0], a[1])
			}
			return setDimnamesElt(c, a[0], 0, a[1])
		}},
		&eval.Builtin{Name: "colnames<-", Formals: []string{"x", "value"}, Fn: func(c *eval.Frame, a []eval.Value) (eval.Value, error) {
			if isDataFrame(a[0]) {
				return c.In.CallFunction("names<-", []eval.Arg{{Value: a[0]}, {Value: a[1]}}, c.Env)
			}
			return setDimnamesElt(c, a[0], 1, a[1])
		}},
		&eval.Builtin{Name: "as.matrix", Generic: true, Formals: []string{"x", "..."}, Fn: asMatrix},
	)
}

// dimnamesElt is dimnames(x)[[k]], or NULL.
func dimnamesElt(x eval.Value, k int) eval.Value {
	if dn, ok := attr(x, "dimnames").(*eval.List); ok && k < len(dn.V) {
		return dn.V[k]
	}
	return eval.Null
}

// setDimnamesElt is dimnames(x)[[k]] <- value for a matrix or array.
func setDimnamesElt(c *eval.Frame, x eval.Value, k int, value eval.Value) (eval.Value, error) {
	d := eval.Dim(x)
	if k >= len(d) {
		if k == 0 {
			return nil, c.Errorf("attempt to set 'rownames' on an object with no dimensions")
		}
		return nil, c.Errorf("attempt to set 'colnames' on an object with less than two dimensions")
	}
	elts := make([]eval.Value, len(d))
	for i := range elts {
		elts[i] = eval.Null
	}
	var dnn []string
	if dn, ok := attr(x, "dimnames").(*eval.List); ok {
		copy(elts, dn.V)
		dnn = eval.Names(dn)
	}
	if value != nil && !nullArg(value) {
		s, _ := coStrings(value)
		elts[k] = eval.NewStr(append([]string(nil), s...))
	} else {
		elts[k] = eval.Null
	}
	allNull := true
	for _, e := range elts {
		allNull = allNull && nullArg(e)
	}
	var nv eval.Value = eval.Null
	if !allNull {
		l := eval.NewList(elts, nil)
		if dnn != nil {
			l.SetAttr("names", eval.NewStr(dnn))
		}
		nv = l
	}
	return c.In.CallFunction("dimnames<-", []eval.Arg{{Value: x}, {Value: nv}}, c.Env)
}

// setRowNames is row.names(df) <- value: NULL gives automatic names.
func setRowNames(c *eval.Frame, x, value eval.Value) (eval.Value, error) {
	df := eval.Copy(x).(*eval.List)
	n, _ := dfShape(df)
	if value == nil || nullArg(value) {
		df.SetAttr("row.names", eval.NewInt([]int32{eval.NAInt, -int32(n)}))
		return df, nil
	}
	if lenOf(value) != n {
		return nil, errorInCall(c, "`.rowNamesDF<-`(x, value = value)", "invalid 'row.names' length")
	}
	s, _ := coStrings(value)
	seen := make(map[string]bool, len(s))
	for _, r := range s {
		if seen[r] {
			if err := c.In.Warning(nil, "non-unique value when setting 'row.names': \u2018"+r+"\u2019"); err != nil {
				return nil, err
			}
			return nil, errorInCall(c, "`.rowNamesDF<-`(x, value = value)", "duplicate 'row.names' are not allowed")
		}
		seen[r] = true
	}
	if iv, ok := value.(*eval.Integer); ok {
		df.SetAttr("row.names", eval.NewInt(append([]int32(nil), iv.V...)))
	} else {
		df.SetAttr("row.names", eval.NewStr(append([]string(nil), s...)))
	}
	return df, nil
}

// asMatrix is as.matrix: a matrix stays one, a vector becomes a one-column
// matrix (its names the row names), a data frame the matrix of its
// columns (character if any column is not numeric or logical).
func asMatrix(c *eval.Frame, a []eval.Value) (eval.Value, error) {
	x := a[0]
	if df, ok := x.(*eval.List); ok && isDataFrame(x) {
		n, rn := dfShape(df)
		cols := make([]eval.Value, len(df.V))
		allNum := true
		for j, col := range df.V {
			if isFactor(col) {
				s, _ := coStrings(col)
				col = eval.NewStr(s)
			}
			cols[j] = col
			allNum = allNum && (isNumeric(col) || kindOf(col) == kCplx)
		}
		if !allNum {
			// R's as.matrix.data.frame formats non-character columns
			for j, col := range cols {
				if kindOf(col) != kStr {
					f, err := c.In.CallFunction("format", []eval.Arg{{Value: col}}, c.Env)
					if err != nil {
						return nil, err
					}
					cols[j] = f
				}
			}
		}
		r := combineVectors(cols)
		if lenOf(r) == 0 {
			r = newVec(kLgl, 0)
		}
		h := hdr(r)
		h.SetAttr("dim", intDim([]int{n, len(df.V)}))
		var rv eval.Value = eval.Null
		if rn != nil {
			rv = eval.NewStr(rn)
		}
		h.SetAttr("dimnames", eval.NewList([]eval.Value{rv, eval.NewStr(append([]string(nil), eval.Names(df)...))}, nil))
		return r, nil
	}
	if len(eval.Dim(x)) == 2 {
		return x, nil
	}
	if !isAtomic(x) && kindOf(x) != kList {
		return nil, c.Errorf("cannot coerce to matrix")
	}
	n := lenOf(x)
	r := eval.Copy(x)
	h := hdr(r)
	names := eval.Names(x)
	h.ClearAttrs()
	h.SetAttr("dim", intDim([]int{n, 1}))
	if names != nil {
		h.SetAttr("dimnames", eval.NewList([]eval.Value{eval.NewStr(names), eval.Null}, nil))
	}
	return r, nil
}

func init() {
	eval.RegisterAll(&eval.Builtin{Name: "diag<-", Formals: []string{"x", "value"}, Fn: func(c *eval.Frame, a []eval.Value) (eval.Value, error) {
		x, value := a[0], a[1]
		d := eval.Dim(x)
		if len(d) != 2 {
			return nil, c.Errorf("only matrix diagonals can be replaced")
		}
		m := min(d[0], d[1])
		if nv := lenOf(value); nv != 1 && nv != m {
			return nil, c.Errorf("replacement diagonal has wrong length")
		}
		// x[cbind(i, i)] <- value
		idx := make([]int32, 2*m)
		for i := 0; i < m; i++ {
			idx[i], idx[m+i] = int32(i+1), int32(i+1)
		}
		im := eval.NewInt(idx)
		im.SetAttr("dim", intDim([]int{m, 2}))
		return c.In.CallFunction("[<-", []eval.Arg{{Value: x}, {Value: im}, {Name: "value", Value: value}}, c.Env)
	}})
}
