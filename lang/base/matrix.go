package base

import (
	"math"

	"torchr/lang/eval"
	"torchr/lang/syntax"
)

// Matrices and arrays: matrix array dim dim<- dimnames dimnames<- nrow ncol
// NROW NCOL t cbind rbind diag %*% crossprod outer %o% apply rowSums
// colSums rowMeans colMeans.

func init() {
	eval.RegisterAll(
		&eval.Builtin{Name: "matrix", Generic: true, Formals: []string{"data = NA", "nrow", "ncol", "byrow = FALSE", "dimnames = NULL"}, Fn: matrixBuiltin},
		&eval.Builtin{Name: "array", Formals: []string{"data = NA", "dim", "dimnames = NULL"}, Fn: arrayBuiltin},
		&eval.Builtin{Name: "dim", Formals: []string{"x"}, Generic: true, Fn: func(c *eval.Frame, a []eval.Value) (eval.Value, error) {
			if v := attr(a[0], "dim"); v != nil {
				return v, nil
			}
			return eval.Null, nil
		}},
		&eval.Builtin{Name: "dim<-", Formals: []string{"x", "value"}, Generic: true, Fn: setDim},
		&eval.Builtin{Name: "dimnames", Formals: []string{"x"}, Generic: true, Fn: func(c *eval.Frame, a []eval.Value) (eval.Value, error) {
			if v := attr(a[0], "dimnames"); v != nil {
				return v, nil
			}
			return eval.Null, nil
		}},
		&eval.Builtin{Name: "dimnames<-", Formals: []string{"x", "value"}, Generic: true, Fn: setDimnames},
		&eval.Builtin{Name: "nrow", Generic: true, Formals: []string{"x"}, Fn: func(c *eval.Frame, a []eval.Value) (eval.Value, error) {
			if d, ok, err := goDim(c, a[0]); ok || err != nil {
				return dimElt(d, 0), err
			}
			return dimK(a[0], 0), nil
		}},
		&eval.Builtin{Name: "ncol", Generic: true, Formals: []string{"x"}, Fn: func(c *eval.Frame, a []eval.Value) (eval.Value, error) {
			if d, ok, err := goDim(c, a[0]); ok || err != nil {
				return dimElt(d, 1), err
			}
			return dimK(a[0], 1), nil
		}},
		&eval.Builtin{Name: "NROW", Generic: true, Formals: []string{"x"}, Fn: func(c *eval.Frame, a []eval.Value) (eval.Value, error) {
			if d := eval.Dim(a[0]); len(d) > 0 {
				return eval.NewInt1(int32(d[0])), nil
			}
			return eval.NewInt1(int32(lenOf(a[0]))), nil
		}},
		&eval.Builtin{Name: "NCOL", Generic: true, Formals: []string{"x"}, Fn: func(c *eval.Frame, a []eval.Value) (eval.Value, error) {
			if d := eval.Dim(a[0]); len(d) > 1 {
				return eval.NewInt1(int32(d[1])), nil
			}
			return eval.NewInt1(1), nil
		}},
		&eval.Builtin{Name: "t", Formals: []string{"x"}, Generic: true, Fn: transpose},
		&eval.Builtin{Name: "cbind", Generic: true, Formals: []string{"...", "deparse.level = 1"}, Fn: func(c *eval.Frame, a []eval.Value) (eval.Value, error) {
			if d := dotsList(a[0]); anyDataFrame(d.V) {
				return cbindDataFrame(c, d)
			}
			return bind(c, dotsList(a[0]), false)
		}},
		&eval.Builtin{Name: "rbind", Generic: true, Formals: []string{"...", "deparse.level = 1"}, Fn: func(c *eval.Frame, a []eval.Value) (eval.Value, error) {
			if d := dotsList(a[0]); anyDataFrame(d.V) {
				return rbindDataFrame(c, d)
			}
			return bind(c, dotsList(a[0]), true)
		}},
		&eval.Builtin{Name: "diag", Generic: true, Formals: []string{"x = 1", "nrow", "ncol", "names = TRUE"}, Fn: diagBuiltin},
		&eval.Builtin{Name: "%*%", Formals: []string{"x", "y"}, Fn: func(c *eval.Frame, a []eval.Value) (eval.Value, error) {
			return matmul(c, a[0], a[1], false)
		}},
		&eval.Builtin{Name: "crossprod", Generic: true, Formals: []string{"x", "y = NULL"}, Fn: func(c *eval.Frame, a []eval.Value) (eval.Value, error) {
			y := a[1]
			if nullArg(y) {
				y = a[0]
			}
			return matmul(c, a[0], y, true)
		}},
		&eval.Builtin{Name: "outer", Generic: true, Formals: []string{"X", "Y", "FUN = \"*\"", "..."}, Fn: outerBuiltin},
		&eval.Builtin{Name: "%o%", Formals: []string{"X", "Y"}, Fn: func(c *eval.Frame, a []eval.Value) (eval.Value, error) {
			return outerBuiltin(c, []eval.Value{a[0], a[1], eval.NewStr1("*"), &eval.List{}})
		}},
		&eval.Builtin{Name: "apply", Generic: true, Formals: []string{"X", "MARGIN", "FUN", "...", "simplify = TRUE"}, Fn: applyBuiltin},
		&eval.Builtin{Name: "rowSums", Generic: true, Formals: []string{"x", "na.rm = FALSE", "dims = 1"}, Fn: func(c *eval.Frame, a []eval.Value) (eval.Value, error) {
			return rowColSums(c, a[0], trueArg(a[1]), true, false)
		}},
		&eval.Builtin{Name: "colSums", Generic: true, Formals: []string{"x", "na.rm = FALSE", "dims = 1"}, Fn: func(c *eval.Frame, a []eval.Value) (eval.Value, error) {
			return rowColSums(c, a[0], trueArg(a[1]), false, false)
		}},
		&eval.Builtin{Name: "rowMeans", Generic: true, Formals: []string{"x", "na.rm = FALSE", "dims = 1"}, Fn: func(c *eval.Frame, a []eval.Value) (eval.Value, error) {
			return rowColSums(c, a[0], trueArg(a[1]), true, true)
		}},
		&eval.Builtin{Name: "colMeans", Generic: true, Formals: []string{"x", "na.rm = FALSE", "dims = 1"}, Fn: func(c *eval.Frame, a []eval.Value) (eval.Value, error) {
			return rowColSums(c, a[0], trueArg(a[1]), false, true)
		}},
	)
}

// goDim is dim(x) for a classed Go value (a tensor): R's nrow and ncol
// are dim(x)[1L] and dim(x)[2L], so the class's dim method answers.
func goDim(c *eval.Frame, x eval.Value) ([]int, bool, error) {
	if _, attr := x.(eval.Attributed); attr || !eval.IsObject(x) {
		return nil, false, nil
	}
	d, err := c.In.CallFunction("dim", []eval.Arg{{Value: x}}, c.Env)
	if err != nil {
		return nil, true, err
	}
	var out []int
	switch v := d.(type) {
	case *eval.Integer:
		for _, e := range v.V {
			out = append(out, int(e))
		}
	case *eval.Double:
		for _, e := range v.V {
			out = append(out, int(e))
		}
	}
	return out, true, nil
}

func dimElt(d []int, k int) eval.Value {
	if len(d) > k {
		return eval.NewInt1(int32(d[k]))
	}
	return eval.Null
}

func dimK(x eval.Value, k int) eval.Value {
	if isDataFrame(x) {
		n, _ := dfShape(x.(*eval.List))
		if k == 0 {
			return eval.NewInt1(int32(n))
		}
		return eval.NewInt1(int32(len(x.(*eval.List).V)))
	}
	if d := eval.Dim(x); len(d) > k {
		return eval.NewInt1(int32(d[k]))
	}
	return eval.Null
}

// fillVec returns a vector of kind k and length n whose elements are v's,
// recycled (v must be non-empty), in column order, or by rows for a
// nr x nc matrix when byrow.
func fillVec(v eval.Value, k vkind, n, nr, nc int, byrow bool) eval.Value {
	src := coerceVec(v, k)
	m := lenOf(src)
	pos := make([]int, n)
	for i := range pos {
		if byrow {
			r, col := i%nr, i/nr
			pos[i] = (r*nc + col) % m
		} else {
			pos[i] = i % m
		}
	}
	return gather(src, pos)
}

func matrixBuiltin(c *eval.Frame, a []eval.Value) (eval.Value, error) {
	data := a[0]
	if l, ok := data.(eval.ToR); ok {
		if v, err := l.AsR(c.In); err == nil {
			data = v
		}
	}
	k := kindOf(data)
	if k == kNull {
		k = kLgl
	}
	if k > kList {
		return nil, c.Errorf("'data' must be of a vector type, was '%s'", data.TypeName())
	}
	lendat := lenOf(data)
	missNr, missNc := a[1] == nil, a[2] == nil
	nr, nc := 1, 1
	if !missNr {
		if !isNumeric(a[1]) {
			return nil, c.Errorf("non-numeric matrix extent")
		}
		v, ok := intArg(a[1])
		if !ok {
			return nil, c.Errorf("invalid 'nrow' value (too large or NA)")
		}
		if v < 0 {
			return nil, c.Errorf("invalid 'nrow' value (< 0)")
		}
		nr = v
	}
	if !missNc {
		if !isNumeric(a[2]) {
			return nil, c.Errorf("non-numeric matrix extent")
		}
		v, ok := intArg(a[2])
		if !ok {
			return nil, c.Errorf("invalid 'ncol' value (too large or NA)")
		}
		if v < 0 {
			return nil, c.Errorf("invalid 'ncol' value (< 0)")
		}
		nc = v
	}
	switch {
	case missNr && missNc:
		nr = lendat
	case missNr:
		if nc == 0 {
			if lendat > 0 {
				return nil, c.Errorf("nc = 0 for non-null data")
			}
			nr = 0
		} else {
			nr = int(math.Ceil(float64(lendat) / float64(nc)))
		}
	case missNc:
		if nr == 0 {
			if lendat > 0 {
				return nil, c.Errorf("nr = 0 for non-null data")
			}
			nc = 0
		} else {
			nc = int(math.Ceil(float64(lendat) / float64(nr)))
		}
	}
	nrc := nr * nc
	if lendat > 0 {
		var msg string
		if lendat > 1 && nrc%lendat != 0 {
			switch {
			case (lendat > nr && (lendat/nr)*nr != lendat) || (lendat < nr && (nr/lendat)*lendat != lendat):
				msg = sprintf("data length [%d] is not a sub-multiple or multiple of the number of rows [%d]", lendat, nr)
			case (lendat > nc && (lendat/nc)*nc != lendat) || (lendat < nc && (nc/lendat)*lendat != lendat):
				msg = sprintf("data length [%d] is not a sub-multiple or multiple of the number of columns [%d]", lendat, nc)
			case nrc != lendat:
				msg = sprintf("data length differs from size of matrix: [%d != %d x %d]", lendat, nr, nc)
			}
		} else if lendat > 1 && nrc == 0 {
			msg = "data length exceeds size of matrix"
		}
		if msg != "" {
			if err := warnf(c, "%s", msg); err != nil {
				return nil, err
			}
		}
	}
	var r eval.Value
	if lendat == 0 {
		r = newNAVec(k, nrc)
	} else {
		r = fillVec(data, k, nrc, nr, nc, trueArg(a[3]))
	}
	hdr(r).SetAttr("dim", intDim([]int{nr, nc}))
	if !nullArg(a[4]) {
		if err := checkDimnames(c, a[4], []int{nr, nc}); err != nil {
			return nil, err
		}
		hdr(r).SetAttr("dimnames", normDimnames(a[4]))
	}
	return r, nil
}

func arrayBuiltin(c *eval.Frame, a []eval.Value) (eval.Value, error) {
	data := a[0]
	k := kindOf(data)
	if k == kNull {
		k = kLgl
	}
	var dims []int
	if a[1] == nil {
		dims = []int{lenOf(data)}
	} else {
		for _, d := range toInts(a[1]) {
			if d == eval.NAInt || d < 0 {
				return nil, c.Errorf("negative length vectors are not allowed")
			}
			dims = append(dims, int(d))
		}
		if len(dims) == 0 {
			return nil, c.Errorf("'dims' cannot be of length 0")
		}
	}
	n := 1
	for _, d := range dims {
		n *= d
	}
	var r eval.Value
	if lenOf(data) == 0 {
		r = newNAVec(k, n)
	} else {
		r = fillVec(data, k, n, 0, 0, false)
	}
	hdr(r).SetAttr("dim", intDim(dims))
	if !nullArg(a[2]) {
		if err := checkDimnames(c, a[2], dims); err != nil {
			return nil, err
		}
		hdr(r).SetAttr("dimnames", normDimnames(a[2]))
	}
	return r, nil
}

// normDimnames converts the components of a dimnames list to character
// vectors (NULL stays NULL).
func normDimnames(v eval.Value) eval.Value {
	l, ok := v.(*eval.List)
	if !ok {
		return v
	}
	r := make([]eval.Value, len(l.V))
	for i, e := range l.V {
		switch e.(type) {
		case *eval.NullType, *eval.Character:
			r[i] = e
		default:
			if lenOf(e) == 0 {
				r[i] = eval.Null
			} else {
				r[i] = eval.NewStr(toStrs(e))
			}
		}
	}
	out := eval.NewList(r, nil)
	if nm := attr(l, "names"); nm != nil {
		out.SetAttr("names", nm)
	}
	return out
}

func checkDimnames(c *eval.Frame, v eval.Value, dims []int) error {
	l, ok := v.(*eval.List)
	if !ok {
		return c.Errorf("'dimnames' must be a list")
	}
	if len(l.V) != len(dims) {
		return c.Errorf("length of 'dimnames' [%d] must match that of 'dims' [%d]", len(l.V), len(dims))
	}
	for i, e := range l.V {
		if nullArg(e) {
			continue
		}
		if m := lenOf(e); m != dims[i] && m != 0 {
			return c.Errorf("length of 'dimnames' [%d] not equal to array extent", i+1)
		}
	}
	return nil
}

func setDim(c *eval.Frame, a []eval.Value) (eval.Value, error) {
	x := a[0]
	if nullArg(a[1]) {
		if attr(x, "dim") == nil && attr(x, "names") == nil {
			return x, nil
		}
		x = eval.Modifiable(x)
		h := hdr(x)
		h.SetAttr("dim", nil)
		h.SetAttr("dimnames", nil)
		h.SetAttr("names", nil)
		return x, nil
	}
	if kindOf(x) == kNull {
		return nil, c.Errorf("invalid first argument, must be vector (list or atomic)")
	}
	if hdr(x) == nil {
		return nil, c.Errorf("invalid first argument, must be vector (list or atomic)")
	}
	d := toInts(a[1])
	if len(d) == 0 {
		return nil, c.Errorf("length-0 dimension vector is invalid")
	}
	p := 1
	for _, v := range d {
		if v == eval.NAInt {
			return nil, c.Errorf("the dims contain missing or negative values")
		}
		if v < 0 {
			return nil, c.Errorf("the dims contain missing or negative values")
		}
		p *= int(v)
	}
	if p != lenOf(x) {
		return nil, c.Errorf("dims [product %d] do not match the length of object [%d]", p, lenOf(x))
	}
	x = eval.Modifiable(x)
	h := hdr(x)
	h.SetAttr("names", nil)
	h.SetAttr("dimnames", nil)
	h.SetAttr("dim", eval.NewInt(append([]int32(nil), d...)))
	return x, nil
}

func setDimnames(c *eval.Frame, a []eval.Value) (eval.Value, error) {
	x := a[0]
	if nullArg(a[1]) {
		if attr(x, "dimnames") == nil {
			return x, nil
		}
		x = eval.Modifiable(x)
		hdr(x).SetAttr("dimnames", nil)
		return x, nil
	}
	dims := eval.Dim(x)
	if dims == nil {
		return nil, c.Errorf("'dimnames' applied to non-array")
	}
	if _, ok := a[1].(*eval.List); !ok {
		return nil, c.Errorf("'dimnames' must be a list")
	}
	if err := checkDimnames(c, a[1], dims); err != nil {
		return nil, err
	}
	x = eval.Modifiable(x)
	hdr(x).SetAttr("dimnames", normDimnames(a[1]))
	return x, nil
}

func transpose(c *eval.Frame, a []eval.Value) (eval.Value, error) {
	x := a[0]
	if isDataFrame(x) {
		// t.data.frame transposes as.matrix(x)
		m, err := asMatrix(c, []eval.Value{x})
		if err != nil {
			return nil, err
		}
		x = m
	}
	if !isAtomicVec(x) && kindOf(x) != kList {
		if v, err := plainValue(c, x); err == nil && v != x {
			x = v
		} else {
			return nil, c.Errorf("argument is not a matrix")
		}
	}
	d := eval.Dim(x)
	var nr, nc int
	var rn, cn eval.Value = eval.Null, eval.Null
	var dnn []string
	switch len(d) {
	case 0:
		nr, nc = lenOf(x), 1
		if nm := attr(x, "names"); nm != nil {
			rn = nm
		}
	case 1:
		nr, nc = d[0], 1
		if dn := dimnamesOf(x); dn != nil {
			rn = dn.V[0]
			dnn = eval.Names(dn)
		}
	case 2:
		nr, nc = d[0], d[1]
		if dn := dimnamesOf(x); dn != nil {
			rn, cn = dn.V[0], dn.V[1]
			dnn = eval.Names(dn)
		}
	default:
		return nil, c.Errorf("argument is not a matrix")
	}
	pos := make([]int, nr*nc)
	for i := 0; i < nr; i++ {
		for j := 0; j < nc; j++ {
			pos[j+i*nc] = i + j*nr
		}
	}
	r := gather(x, pos)
	copyMostAttrib(x, r)
	h := hdr(r)
	h.SetAttr("dim", intDim([]int{nc, nr}))
	if !nullArg(rn) || !nullArg(cn) {
		dl := eval.NewList([]eval.Value{cn, rn}, nil)
		if dnn != nil {
			if len(dnn) == 1 {
				dnn = []string{"", dnn[0]}
			} else {
				dnn = []string{dnn[1], dnn[0]}
			}
			setNames(dl, dnn)
		}
		h.SetAttr("dimnames", dl)
	}
	return r, nil
}

// bindArgName is the column (row) name an unnamed vector argument gets:
// the symbol it was written as (deparse.level = 1).
func bindArgNames(c *eval.Frame, dots *eval.List) []string {
	names := eval.Names(dots)
	out := make([]string, len(dots.V))
	// Match the supplied argument expressions to the dots (in order,
	// skipping deparse.level).
	var exprs []syntax.Expr
	for _, a := range c.Args {
		if a.Name == "deparse.level" {
			continue
		}
		exprs = append(exprs, a.Expr)
	}
	for i := range out {
		if names != nil && names[i] != "" {
			out[i] = names[i]
			continue
		}
		if len(exprs) == len(dots.V) {
			if id, ok := exprs[i].(*syntax.Ident); ok {
				out[i] = id.Name
			}
		}
	}
	return out
}

func bind(c *eval.Frame, dots *eval.List, rows bool) (eval.Value, error) {
	argNames := bindArgNames(c, dots)
	what, other := "rows", "columns"
	if rows {
		what, other = "columns", "rows"
	}
	_ = other
	// Find the common extent (rows for cbind, columns for rbind).
	k := kNull
	n := -1
	haveMatrix := false
	maxLen := 0
	for i, v := range dots.V {
		var err error
		if v, err = plainValue(c, v); err != nil {
			return nil, err
		}
		dots.V[i] = v
		vk := kindOf(v)
		if vk > kList {
			return nil, c.Errorf("cannot create a matrix from type '%s' (arg %d)", v.TypeName(), i+1)
		}
		if vk > k {
			k = vk
		}
		if d := eval.Dim(v); len(d) == 2 {
			ext := d[0]
			if rows {
				ext = d[1]
			}
			if haveMatrix && ext != n {
				return nil, c.Errorf("number of %s of matrices must match (see arg %d)", what, i+1)
			}
			n = ext
			haveMatrix = true
		} else if l := lenOf(v); l > maxLen {
			maxLen = l
		}
	}
	if k == kNull {
		return eval.Null, nil
	}
	if !haveMatrix {
		n = maxLen
	}
	// Collect the pieces: each contributes m columns of length n.
	type piece struct {
		v    eval.Value
		cols int
		mat  bool
	}
	var pieces []piece
	total := 0
	var colNames []string
	hasColNames := false
	var rowNames eval.Value
	for i, v := range dots.V {
		d := eval.Dim(v)
		if len(d) == 2 {
			cols := d[1]
			src := v
			if rows {
				cols = d[0]
				tv, err := transpose(c, []eval.Value{v})
				if err != nil {
					return nil, err
				}
				src = tv
			}
			pieces = append(pieces, piece{src, cols, true})
			total += cols
			dn := dimnamesOf(src)
			cn := dimnamesAt(dn, 1)
			for j := 0; j < cols; j++ {
				if cn != nil {
					colNames = append(colNames, cn[j])
					hasColNames = true
				} else {
					colNames = append(colNames, "")
				}
			}
			if rowNames == nil {
				if rn := dimnamesAt(dn, 0); rn != nil {
					rowNames = eval.NewStr(rn)
				}
			}
			continue
		}
		l := lenOf(v)
		if l == 0 && (haveMatrix || n > 0) {
			continue
		}
		if l > 0 && n%l != 0 {
			if err := warnf(c, "number of %s of result is not a multiple of vector length (arg %d)", what, i+1); err != nil {
				return nil, err
			}
		}
		pieces = append(pieces, piece{v, 1, false})
		total++
		colNames = append(colNames, argNames[i])
		if argNames[i] != "" {
			hasColNames = true
		}
		if rowNames == nil {
			if nm := eval.Names(v); nm != nil && len(nm) == n {
				rowNames = eval.NewStr(nm)
			}
		}
	}
	res := newVec(k, n*total)
	off := 0
	for _, p := range pieces {
		src := coerceVec(p.v, k)
		m := lenOf(src)
		cnt := n * p.cols
		pos := make([]int, cnt)
		for i := range pos {
			if p.mat {
				pos[i] = i
			} else if m > 0 {
				pos[i] = i % m
			} else {
				pos[i] = -1
			}
		}
		g := gather(src, pos)
		for i := 0; i < cnt; i++ {
			setElemFrom(res, off+i, g, i)
		}
		off += cnt
	}
	h := hdr(res)
	var dn []eval.Value
	if hasColNames || rowNames != nil {
		var cn eval.Value = eval.Null
		if hasColNames {
			cn = eval.NewStr(colNames)
		}
		var rn eval.Value = eval.Null
		if rowNames != nil {
			rn = rowNames
		}
		dn = []eval.Value{rn, cn}
	}
	if rows {
		h.SetAttr("dim", intDim([]int{n, total}))
		if dn != nil {
			h.SetAttr("dimnames", eval.NewList(dn, nil))
		}
		return transpose(c, []eval.Value{res})
	}
	h.SetAttr("dim", intDim([]int{n, total}))
	if dn != nil {
		h.SetAttr("dimnames", eval.NewList(dn, nil))
	}
	return res, nil
}

func diagBuiltin(c *eval.Frame, a []eval.Value) (eval.Value, error) {
	x := a[0]
	if d := eval.Dim(x); len(d) == 2 {
		m := min(d[0], d[1])
		pos := make([]int, m)
		for i := range pos {
			pos[i] = i + i*d[0]
		}
		r := gather(x, pos)
		if trueArg(a[3]) {
			dn := dimnamesOf(x)
			rn, cn := dimnamesAt(dn, 0), dimnamesAt(dn, 1)
			if rn != nil && cn != nil {
				same := true
				for i := 0; i < m; i++ {
					if rn[i] != cn[i] {
						same = false
					}
				}
				if same {
					setNames(r, rn[:m])
				}
			}
		}
		return r, nil
	}
	if len(eval.Dim(x)) > 2 {
		return nil, c.Errorf("'x' is an array, but not one-dimensional.")
	}
	var n, p int
	lx := lenOf(x)
	if a[1] == nil && a[2] == nil && lx == 1 && (kindOf(x) == kDbl || kindOf(x) == kInt || kindOf(x) == kLgl) && eval.Dim(x) == nil {
		v, ok := intArg(x)
		if !ok {
			return nil, c.Errorf("invalid 'nrow' value (too large or NA)")
		}
		if v < 0 {
			return nil, c.Errorf("invalid 'nrow' value (< 0)")
		}
		n = v
		x = eval.NewDouble1(1)
		lx = 1
	} else if a[1] != nil {
		v, ok := intArg(a[1])
		if !ok {
			return nil, c.Errorf("invalid 'nrow' value (too large or NA)")
		}
		if v < 0 {
			return nil, c.Errorf("invalid 'nrow' value (< 0)")
		}
		n = v
	} else {
		n = lx
	}
	p = n
	if a[2] != nil {
		v, ok := intArg(a[2])
		if !ok || v < 0 {
			return nil, c.Errorf("invalid 'ncol' value (< 0)")
		}
		p = v
	}
	if float64(n)*float64(p) > math.MaxInt32 {
		return nil, c.Errorf("vector is too large")
	}
	k := kindOf(x)
	if k != kInt && k != kLgl && k != kCplx {
		k = kDbl
	}
	r := newVec(k, n*p)
	src := coerceVec(x, k)
	m := min(n, p)
	if lx > 0 {
		for i := 0; i < m; i++ {
			setElemFrom(r, i+i*n, src, i%lx)
		}
	}
	hdr(r).SetAttr("dim", intDim([]int{n, p}))
	return r, nil
}

// asMatrixOperand returns the data and shape of a %*% operand.
func matmul(c *eval.Frame, x, y eval.Value, cross bool) (eval.Value, error) {
	var err error
	if x, err = plainValue(c, x); err != nil {
		return nil, err
	}
	if y, err = plainValue(c, y); err != nil {
		return nil, err
	}
	kx, okx := arithKind(x)
	ky, oky := arithKind(y)
	if !okx || !oky || kx == kCplx || ky == kCplx || kindOf(x) == kNull || kindOf(y) == kNull {
		return nil, c.Errorf("requires numeric/complex matrix/vector arguments")
	}
	dx, dy := eval.Dim(x), eval.Dim(y)
	lx, ly := lenOf(x), lenOf(y)
	var xr, xc, yr, yc int
	if cross {
		// t(x) %*% y
		if len(dx) == 2 {
			xr, xc = dx[1], dx[0]
		} else {
			xr, xc = 1, lx
		}
		if len(dy) == 2 {
			yr, yc = dy[0], dy[1]
		} else {
			yr, yc = ly, 1
		}
	} else {
		switch {
		case len(dx) == 2 && len(dy) == 2:
			xr, xc, yr, yc = dx[0], dx[1], dy[0], dy[1]
		case len(dx) == 2:
			xr, xc = dx[0], dx[1]
			if ly == xc {
				yr, yc = ly, 1
			} else if xc == 1 {
				yr, yc = 1, ly
			} else {
				yr, yc = ly, 1
			}
		case len(dy) == 2:
			yr, yc = dy[0], dy[1]
			if lx == yr {
				xr, xc = 1, lx
			} else if yr == 1 {
				xr, xc = lx, 1
			} else {
				xr, xc = 1, lx
			}
		default:
			switch {
			case lx == ly:
				xr, xc, yr, yc = 1, lx, ly, 1
			case lx == 1:
				xr, xc, yr, yc = 1, 1, 1, ly
			case ly == 1:
				xr, xc, yr, yc = lx, 1, 1, 1
			default:
				xr, xc, yr, yc = 1, lx, ly, 1
			}
		}
	}
	if xc != yr {
		return nil, c.Errorf("non-conformable arguments")
	}
	a, b := toDoubles(x), toDoubles(y)
	r := make([]float64, xr*yc)
	// r[i,j] = sum_k A[i,k] B[k,j]; A is x (or t(x) when cross).
	if cross {
		// x is stored xc-by-xr: column i of x is row i of A.
		for j := 0; j < yc; j++ {
			bj := b[j*yr : (j+1)*yr]
			for i := 0; i < xr; i++ {
				ai := a[i*xc : (i+1)*xc]
				var s float64
				for k, v := range ai {
					s += v * bj[k]
				}
				r[i+j*xr] = s
			}
		}
	} else {
		for j := 0; j < yc; j++ {
			rj := r[j*xr : (j+1)*xr]
			for k := 0; k < xc; k++ {
				bkj := b[k+j*yr]
				if bkj == 0 {
					// R's matprod does not skip zeros; keep NaN propagation.
					if !hasNaN(a[k*xr : (k+1)*xr]) {
						continue
					}
				}
				ak := a[k*xr : (k+1)*xr]
				for i, v := range ak {
					rj[i] += v * bkj
				}
			}
		}
	}
	res := eval.NewDouble(r)
	res.SetAttr("dim", intDim([]int{xr, yc}))
	var rn, cn eval.Value = eval.Null, eval.Null
	if len(dx) == 2 {
		dn := dimnamesOf(x)
		k := 0
		if cross {
			k = 1
		}
		if v := dimnamesAt(dn, k); v != nil {
			rn = eval.NewStr(v)
		}
	}
	if len(dy) == 2 {
		if v := dimnamesAt(dimnamesOf(y), 1); v != nil {
			cn = eval.NewStr(v)
		}
	}
	if !nullArg(rn) || !nullArg(cn) {
		res.SetAttr("dimnames", eval.NewList([]eval.Value{rn, cn}, nil))
	}
	return res, nil
}

// matchFun resolves FUN (a function or a function name).
func matchFun(c *eval.Frame, f eval.Value) (eval.Value, error) {
	if s, ok := f.(*eval.Character); ok && len(s.V) == 1 {
		v, found := c.Env.Lookup(s.V[0])
		for found {
			v, _ = c.Force(v)
			switch v.(type) {
			case *eval.Closure, *eval.Builtin, eval.Callable:
				return v, nil
			}
			break
		}
		if b := eval.LookupBuiltin(s.V[0]); b != nil {
			return b, nil
		}
		return nil, c.Errorf("object '%s' of mode 'function' was not found", s.V[0])
	}
	switch f.(type) {
	case *eval.Closure, *eval.Builtin, eval.Callable:
		return f, nil
	}
	return nil, c.Errorf("'%s' is not a function, character or symbol", eval.DeparseValue(f))
}

func dotsArgs(dots *eval.List) []eval.Arg {
	names := eval.Names(dots)
	args := make([]eval.Arg, len(dots.V))
	for i, v := range dots.V {
		args[i].Value = v
		if names != nil {
			args[i].Name = names[i]
		}
	}
	return args
}

func outerBuiltin(c *eval.Frame, a []eval.Value) (eval.Value, error) {
	X, Y := a[0], a[1]
	fn, err := matchFun(c, a[2])
	if err != nil {
		return nil, err
	}
	dX, dY := eval.Dim(X), eval.Dim(Y)
	if dX == nil {
		dX = []int{lenOf(X)}
	}
	if dY == nil {
		dY = []int{lenOf(Y)}
	}
	nx, ny := lenOf(X), lenOf(Y)
	px := make([]int, nx*ny)
	py := make([]int, nx*ny)
	for j := 0; j < ny; j++ {
		for i := 0; i < nx; i++ {
			px[i+j*nx] = i
			py[i+j*nx] = j
		}
	}
	xa, ya := gather(X, px), gather(Y, py)
	args := append([]eval.Arg{{Value: xa}, {Value: ya}}, dotsArgs(dotsList(a[3]))...)
	var r eval.Value
	if s, ok := a[2].(*eval.Character); ok && len(s.V) == 1 && s.V[0] == "*" {
		// R computes X %o% Y as tcrossprod(as.vector(X), as.vector(Y)).
		kx, okx := arithKind(X)
		ky, oky := arithKind(Y)
		if !okx || !oky || kx == kCplx || ky == kCplx || kindOf(X) == kNull || kindOf(Y) == kNull {
			return nil, c.Errorf("requires numeric/complex matrix/vector arguments")
		}
		xd, yd := toDoubles(xa), toDoubles(ya)
		p := make([]float64, len(xd))
		for i := range p {
			p[i] = xd[i] * yd[i]
		}
		r = eval.NewDouble(p)
	} else {
		r, err = c.In.Apply(fn, args, nil, c.Env)
	}
	if err != nil {
		return nil, err
	}
	if lenOf(r) != nx*ny {
		return nil, c.Errorf("dims [product %d] do not match the length of object [%d]", nx*ny, lenOf(r))
	}
	r = eval.Modifiable(r)
	h := hdr(r)
	if h == nil {
		return r, nil
	}
	h.SetAttr("names", nil)
	h.SetAttr("dim", intDim(append(append([]int(nil), dX...), dY...)))
	var dn []eval.Value
	hasDn := false
	addDn := func(v eval.Value, d []int) {
		if eval.Dim(v) != nil {
			l := dimnamesOf(v)
			for k := range d {
				if l != nil && k < len(l.V) {
					dn = append(dn, l.V[k])
					if !nullArg(l.V[k]) {
						hasDn = true
					}
				} else {
					dn = append(dn, eval.Null)
				}
			}
			return
		}
		if nm := attr(v, "names"); nm != nil {
			dn = append(dn, nm)
			hasDn = true
		} else {
			dn = append(dn, eval.Null)
		}
	}
	addDn(X, dX)
	addDn(Y, dY)
	if hasDn {
		h.SetAttr("dimnames", eval.NewList(dn, nil))
	} else {
		h.SetAttr("dimnames", nil)
	}
	return r, nil
}

func applyBuiltin(c *eval.Frame, a []eval.Value) (eval.Value, error) {
	X := a[0]
	var err error
	if X, err = plainValue(c, X); err != nil {
		return nil, err
	}
	fn, err := matchFun(c, a[2])
	if err != nil {
		return nil, err
	}
	dims := eval.Dim(X)
	if dims == nil {
		return nil, c.Errorf("dim(X) must have a positive length")
	}
	dn := dimnamesOf(X)
	var margin []int
	if s, ok := a[1].(*eval.Character); ok {
		dnn := eval.Names(dn)
		for _, m := range s.V {
			found := false
			for k, nm := range dnn {
				if nm == m {
					margin = append(margin, k)
					found = true
				}
			}
			if !found {
				return nil, c.Errorf("not all elements of 'MARGIN' are names of dimensions")
			}
		}
	} else {
		for _, m := range toInts(a[1]) {
			if m < 1 || int(m) > len(dims) {
				return nil, c.Errorf("'MARGIN' does not match dim(X)")
			}
			margin = append(margin, int(m)-1)
		}
	}
	isMargin := make([]bool, len(dims))
	for _, m := range margin {
		isMargin[m] = true
	}
	var rest []int
	for k := range dims {
		if !isMargin[k] {
			rest = append(rest, k)
		}
	}
	strides := make([]int, len(dims))
	st := 1
	for k := range dims {
		strides[k] = st
		st *= dims[k]
	}
	nOut := 1
	for _, m := range margin {
		nOut *= dims[m]
	}
	nIn := 1
	for _, k := range rest {
		nIn *= dims[k]
	}
	extra := dotsArgs(dotsList(a[3]))
	// Names and dims of each slice.
	var sliceDim []int
	var sliceDn []eval.Value
	for _, k := range rest {
		sliceDim = append(sliceDim, dims[k])
		if dn != nil {
			sliceDn = append(sliceDn, dn.V[k])
		}
	}
	results := make([]eval.Value, nOut)
	outCtr := make([]int, len(margin))
	for o := 0; o < nOut; o++ {
		base := 0
		for i, m := range margin {
			base += outCtr[i] * strides[m]
		}
		pos := make([]int, nIn)
		inCtr := make([]int, len(rest))
		for i := 0; i < nIn; i++ {
			off := base
			for j, k := range rest {
				off += inCtr[j] * strides[k]
			}
			pos[i] = off
			for j := range rest {
				inCtr[j]++
				if inCtr[j] < dims[rest[j]] {
					break
				}
				inCtr[j] = 0
			}
		}
		slice := gather(X, pos)
		if len(sliceDim) > 1 {
			hdr(slice).SetAttr("dim", intDim(sliceDim))
			if dn != nil {
				hdr(slice).SetAttr("dimnames", eval.NewList(sliceDn, nil))
			}
		} else if len(sliceDim) == 1 && dn != nil && !nullArg(sliceDn[0]) {
			hdr(slice).SetAttr("names", sliceDn[0])
		}
		args := append([]eval.Arg{{Value: slice}}, extra...)
		v, err := c.In.Apply(fn, args, nil, c.Env)
		if err != nil {
			return nil, err
		}
		results[o] = v
		for i := range margin {
			outCtr[i]++
			if outCtr[i] < dims[margin[i]] {
				break
			}
			outCtr[i] = 0
		}
	}
	// Dimnames of the margin.
	var marginDn []eval.Value
	hasMarginDn := false
	var marginDims []int
	for _, m := range margin {
		marginDims = append(marginDims, dims[m])
		if dn != nil {
			marginDn = append(marginDn, dn.V[m])
			if !nullArg(dn.V[m]) {
				hasMarginDn = true
			}
		} else {
			marginDn = append(marginDn, eval.Null)
		}
	}
	// Simplify.
	simplify := a[4] == nil || trueArg(a[4])
	common := -1
	k := kNull
	for _, r := range results {
		if !isAtomicVec(r) && kindOf(r) != kList {
			common = -2
			break
		}
		l := lenOf(r)
		if common == -1 {
			common = l
		} else if common != l {
			common = -2
		}
		if kindOf(r) > k {
			k = kindOf(r)
		}
	}
	if !simplify || common < 0 || k == kList {
		out := eval.NewList(results, nil)
		if len(margin) == 1 {
			if hasMarginDn {
				out.SetAttr("names", marginDn[0])
			}
		} else {
			out.SetAttr("dim", intDim(marginDims))
			if hasMarginDn {
				out.SetAttr("dimnames", eval.NewList(marginDn, nil))
			}
		}
		return out, nil
	}
	if nOut == 0 {
		return newVec(max(k, kLgl), 0), nil
	}
	out := newVec(k, nOut*common)
	for o, r := range results {
		rv := coerceVec(r, k)
		for i := 0; i < common; i++ {
			setElemFrom(out, o*common+i, rv, i)
		}
	}
	h := hdr(out)
	if common == 1 {
		if len(margin) == 1 {
			if hasMarginDn {
				h.SetAttr("names", marginDn[0])
			}
		} else {
			h.SetAttr("dim", intDim(marginDims))
			if hasMarginDn {
				h.SetAttr("dimnames", eval.NewList(marginDn, nil))
			}
		}
		return out, nil
	}
	if common == 0 {
		return out, nil
	}
	h.SetAttr("dim", intDim(append([]int{common}, marginDims...)))
	rn := attr(results[0], "names")
	if rn != nil || hasMarginDn {
		if rn == nil {
			rn = eval.Null
		}
		h.SetAttr("dimnames", eval.NewList(append([]eval.Value{rn}, marginDn...), nil))
	}
	return out, nil
}

func rowColSums(c *eval.Frame, x eval.Value, naRm, rows, mean bool) (eval.Value, error) {
	var err error
	if isDataFrame(x) {
		// R: if (is.data.frame(x)) x <- as.matrix(x)
		if x, err = asMatrix(c, []eval.Value{x}); err != nil {
			return nil, err
		}
	}
	if x, err = plainValue(c, x); err != nil {
		return nil, err
	}
	d := eval.Dim(x)
	if len(d) < 2 {
		return nil, c.Errorf("'x' must be an array of at least two dimensions")
	}
	if !isNumeric(x) {
		return nil, c.Errorf("'x' must be numeric")
	}
	nr := d[0]
	nc := lenOf(x) / max(nr, 1)
	if nr == 0 {
		nc = 1
		for _, v := range d[1:] {
			nc *= v
		}
	}
	v := toDoubles(x)
	// sum (or mean) of the n elements v[off], v[off+stride], ...
	sum := func(off, stride, n int) float64 {
		s, cnt := 0.0, 0
		for k := 0; k < n; k++ {
			f := v[off+k*stride]
			if naRm && f != f {
				continue
			}
			s += f
			cnt++
		}
		if mean {
			s /= float64(cnt)
		}
		return s
	}
	var r []float64
	if rows {
		r = make([]float64, nr)
		for i := range r {
			r[i] = sum(i, nr, nc)
		}
	} else {
		r = make([]float64, nc)
		for j := range r {
			r[j] = sum(j*nr, 1, nr)
		}
	}
	res := eval.NewDouble(r)
	dn := dimnamesOf(x)
	if rows {
		if nm := dimnamesAt(dn, 0); nm != nil {
			setNames(res, nm)
		}
	} else if len(d) == 2 {
		if nm := dimnamesAt(dn, 1); nm != nil {
			setNames(res, nm)
		}
	} else {
		res.SetAttr("dim", intDim(d[1:]))
	}
	return res, nil
}

func hasNaN(v []float64) bool {
	for _, f := range v {
		if f != f || math.IsInf(f, 0) {
			return true
		}
	}
	return false
}
