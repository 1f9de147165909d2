package base

// Dense linear algebra on numeric matrices: solve, det, chol, and the
// index helpers upper.tri, lower.tri, row, col, aperm, tcrossprod.

import (
	"math"

	"torchr/lang/eval"
)

func init() {
	eval.RegisterAll(
		&eval.Builtin{Name: "solve", Generic: true, Formals: []string{"a", "b", "..."}, Fn: solveBuiltin},
		&eval.Builtin{Name: "det", Formals: []string{"x", "..."}, Fn: detBuiltin},
		&eval.Builtin{Name: "chol", Generic: true, Formals: []string{"x", "..."}, Fn: cholBuiltin},
		&eval.Builtin{Name: "upper.tri", Formals: []string{"x", "diag = FALSE"}, Fn: func(c *eval.Frame, a []eval.Value) (eval.Value, error) {
			return triBuiltin(c, a, true)
		}},
		&eval.Builtin{Name: "lower.tri", Formals: []string{"x", "diag = FALSE"}, Fn: func(c *eval.Frame, a []eval.Value) (eval.Value, error) {
			return triBuiltin(c, a, false)
		}},
		&eval.Builtin{Name: "row", Formals: []string{"x", "as.factor = FALSE"}, Fn: func(c *eval.Frame, a []eval.Value) (eval.Value, error) {
			return rowColIndex(c, a[0], true)
		}},
		&eval.Builtin{Name: "col", Formals: []string{"x", "as.factor = FALSE"}, Fn: func(c *eval.Frame, a []eval.Value) (eval.Value, error) {
			return rowColIndex(c, a[0], false)
		}},
		&eval.Builtin{Name: "tcrossprod", Formals: []string{"x", "y = NULL"}, Fn: func(c *eval.Frame, a []eval.Value) (eval.Value, error) {
			y := a[1]
			if y == nil || nullArg(y) {
				y = a[0]
			}
			ty, err := transpose(c, []eval.Value{y})
			if err != nil {
				return nil, err
			}
			return c.In.CallFunction("%*%", []eval.Arg{{Value: a[0]}, {Value: ty}}, c.Env)
		}},
		&eval.Builtin{Name: "aperm", Generic: true, Formals: []string{"a", "perm = NULL", "..."}, Fn: apermBuiltin},
	)
}

// squareMatrix returns x's values (column-major) and order, or an error
// in R's words.
func squareMatrix(c *eval.Frame, x eval.Value, what string) ([]float64, int, error) {
	d := eval.Dim(x)
	if len(d) != 2 {
		if lenOf(x) == 1 && isNumeric(x) {
			return append([]float64(nil), toDoubles(x)...), 1, nil
		}
		return nil, 0, c.Errorf("'%s' must be a numeric matrix", what)
	}
	if !isNumeric(x) {
		return nil, 0, c.Errorf("'%s' must be a numeric matrix", what)
	}
	if d[0] != d[1] {
		return nil, 0, c.Errorf("'%s' (%d x %d) must be square", what, d[0], d[1])
	}
	return append([]float64(nil), toDoubles(x)...), d[0], nil
}

// luDecompose factors the column-major n×n matrix a in place with partial
// pivoting (LAPACK's dgetrf); piv[k] is the row swapped with k. It
// reports the first zero pivot (1-based), 0 when none.
func luDecompose(a []float64, n int) (piv []int, sign float64, zero int) {
	piv = make([]int, n)
	sign = 1
	at := func(i, j int) *float64 { return &a[i+j*n] }
	for k := 0; k < n; k++ {
		p := k
		for i := k + 1; i < n; i++ {
			if math.Abs(*at(i, k)) > math.Abs(*at(p, k)) {
				p = i
			}
		}
		piv[k] = p
		if p != k {
			sign = -sign
			for j := 0; j < n; j++ {
				*at(k, j), *at(p, j) = *at(p, j), *at(k, j)
			}
		}
		if *at(k, k) == 0 {
			if zero == 0 {
				zero = k + 1
			}
			continue
		}
		for i := k + 1; i < n; i++ {
			*at(i, k) /= *at(k, k)
			for j := k + 1; j < n; j++ {
				*at(i, j) -= *at(i, k) * *at(k, j)
			}
		}
	}
	return piv, sign, zero
}

// solveBuiltin is solve(a, b): the solution of a %*% x = b (the inverse
// of a when b is missing), by LU decomposition as LAPACK's dgesv.
func solveBuiltin(c *eval.Frame, a []eval.Value) (eval.Value, error) {
	// R reports solve's errors from solve.default
	if cl, ok := c.Call.(*syntaxCall); ok {
		saved := c.Call
		c.Call = renameCall(cl, "solve.default")
		defer func() { c.Call = saved }()
	}
	m, n, err := squareMatrix(c, a[0], "a")
	if err != nil {
		return nil, err
	}
	var b []float64
	nrhs := n
	bIsVec := false
	var bDimnames eval.Value
	if a[1] == nil {
		b = make([]float64, n*n)
		for i := 0; i < n; i++ {
			b[i+i*n] = 1
		}
	} else {
		if !isNumeric(a[1]) {
			return nil, c.Errorf("'b' must be a numeric matrix")
		}
		b = append([]float64(nil), toDoubles(a[1])...)
		if d := eval.Dim(a[1]); len(d) == 2 {
			if d[0] != n {
				return nil, c.Errorf("'b' (%d x %d) must be compatible with 'a' (%d x %d)", d[0], d[1], n, n)
			}
			nrhs = d[1]
			bDimnames = attr(a[1], "dimnames")
		} else {
			if len(b) != n {
				return nil, c.Errorf("'b' (%d x 1) must be compatible with 'a' (%d x %d)", len(b), n, n)
			}
			nrhs, bIsVec = 1, true
		}
	}
	piv, _, zero := luDecompose(m, n)
	if zero > 0 {
		return nil, c.Errorf("Lapack routine dgesv: system is exactly singular: U[%d,%d] = 0", zero, zero)
	}
	for col := 0; col < nrhs; col++ {
		x := b[col*n : (col+1)*n]
		for k := 0; k < n; k++ {
			x[k], x[piv[k]] = x[piv[k]], x[k]
		}
		for i := 0; i < n; i++ {
			for k := 0; k < i; k++ {
				x[i] -= m[i+k*n] * x[k]
			}
		}
		for i := n - 1; i >= 0; i-- {
			for k := i + 1; k < n; k++ {
				x[i] -= m[i+k*n] * x[k]
			}
			x[i] /= m[i+i*n]
		}
	}
	// R warns for a nearly singular system (reciprocal condition number)
	r := eval.NewDouble(b)
	if bIsVec {
		if cn := dimnamesAt(dimnamesOf(a[0]), 1); cn != nil {
			r.SetAttr("names", eval.NewStr(cn))
		}
		return r, nil
	}
	r.SetAttr("dim", intDim([]int{n, nrhs}))
	rowNames := eval.Value(eval.Null)
	if cn := dimnamesAt(dimnamesOf(a[0]), 1); cn != nil {
		rowNames = eval.NewStr(cn)
	}
	colNames := eval.Value(eval.Null)
	if a[1] == nil {
		if rn := dimnamesAt(dimnamesOf(a[0]), 0); rn != nil {
			colNames = eval.NewStr(rn)
		}
	} else if dl, ok := bDimnames.(*eval.List); ok && len(dl.V) == 2 {
		colNames = dl.V[1]
	}
	if rowNames != eval.Value(eval.Null) || colNames != eval.Value(eval.Null) {
		r.SetAttr("dimnames", eval.NewList([]eval.Value{rowNames, colNames}, nil))
	}
	return r, nil
}

// detBuiltin is det(x): the determinant, from the LU decomposition.
func detBuiltin(c *eval.Frame, a []eval.Value) (eval.Value, error) {
	m, n, err := squareMatrix(c, a[0], "a")
	if err != nil {
		return nil, err
	}
	_, sign, _ := luDecompose(m, n)
	d := sign
	for i := 0; i < n; i++ {
		d *= m[i+i*n]
	}
	return eval.NewDouble1(d), nil
}

// cholBuiltin is chol(x): the upper triangular R with t(R) %*% R == x.
func cholBuiltin(c *eval.Frame, a []eval.Value) (eval.Value, error) {
	m, n, err := squareMatrix(c, a[0], "a")
	if err != nil {
		return nil, err
	}
	r := make([]float64, n*n)
	for j := 0; j < n; j++ {
		s := m[j+j*n]
		for k := 0; k < j; k++ {
			s -= r[k+j*n] * r[k+j*n]
		}
		if s <= 0 {
			return nil, c.Errorf("the leading minor of order %d is not positive", j+1)
		}
		r[j+j*n] = math.Sqrt(s)
		for i := j + 1; i < n; i++ {
			t := m[j+i*n]
			for k := 0; k < j; k++ {
				t -= r[k+j*n] * r[k+i*n]
			}
			r[j+i*n] = t / r[j+j*n]
		}
	}
	out := eval.NewDouble(r)
	out.SetAttr("dim", intDim([]int{n, n}))
	if dn := attr(a[0], "dimnames"); dn != nil {
		out.SetAttr("dimnames", dn)
	}
	return out, nil
}

func triBuiltin(c *eval.Frame, a []eval.Value, upper bool) (eval.Value, error) {
	d := eval.Dim(a[0])
	if len(d) != 2 {
		d = []int{lenOf(a[0]), 1}
	}
	diag := a[1] != nil && trueArg(a[1])
	out := make([]int32, d[0]*d[1])
	for j := 0; j < d[1]; j++ {
		for i := 0; i < d[0]; i++ {
			in := i < j
			if !upper {
				in = i > j
			}
			out[i+j*d[0]] = b2i(in || diag && i == j)
		}
	}
	r := eval.NewLgl(out)
	r.SetAttr("dim", intDim(d))
	return r, nil
}

func rowColIndex(c *eval.Frame, x eval.Value, row bool) (eval.Value, error) {
	d := eval.Dim(x)
	if len(d) != 2 {
		return nil, c.Errorf("a matrix-like object is required as argument to '%s'", map[bool]string{true: "row", false: "col"}[row])
	}
	out := make([]int32, d[0]*d[1])
	for j := 0; j < d[1]; j++ {
		for i := 0; i < d[0]; i++ {
			if row {
				out[i+j*d[0]] = int32(i + 1)
			} else {
				out[i+j*d[0]] = int32(j + 1)
			}
		}
	}
	r := eval.NewInt(out)
	r.SetAttr("dim", intDim(d))
	return r, nil
}

// apermBuiltin is aperm(a, perm): the array with its dimensions permuted
// (reversed by default), dimnames following.
func apermBuiltin(c *eval.Frame, a []eval.Value) (eval.Value, error) {
	x := a[0]
	d := eval.Dim(x)
	if d == nil {
		return nil, c.Errorf("invalid first argument, must be an array")
	}
	k := len(d)
	perm := make([]int, k)
	if a[1] == nil || nullArg(a[1]) {
		for i := range perm {
			perm[i] = k - 1 - i
		}
	} else {
		p := toInts(a[1])
		if len(p) != k {
			return nil, c.Errorf("'perm' is of wrong length %d (!= %d)", len(p), k)
		}
		seen := make([]bool, k)
		for i, v := range p {
			if v < 1 || int(v) > k || seen[v-1] {
				return nil, c.Errorf("invalid '%s' argument", "perm")
			}
			seen[v-1] = true
			perm[i] = int(v) - 1
		}
	}
	nd := make([]int, k)
	for i, p := range perm {
		nd[i] = d[p]
	}
	stride := make([]int, k)
	s := 1
	for i := range d {
		stride[i] = s
		s *= d[i]
	}
	total := s
	pos := make([]int, total)
	idx := make([]int, k)
	for o := 0; o < total; o++ {
		off := 0
		for i := range idx {
			off += idx[i] * stride[perm[i]]
		}
		pos[o] = off
		for i := range idx {
			idx[i]++
			if idx[i] < nd[i] {
				break
			}
			idx[i] = 0
		}
	}
	r := gather(x, pos)
	hdr(r).SetAttr("dim", intDim(nd))
	if dn := dimnamesOf(x); dn != nil {
		nl := make([]eval.Value, k)
		for i, p := range perm {
			nl[i] = eval.Null
			if p < len(dn.V) {
				nl[i] = dn.V[p]
			}
		}
		l := eval.NewList(nl, nil)
		if nm := eval.Names(dn); nm != nil {
			pn := make([]string, k)
			for i, p := range perm {
				pn[i] = nm[p]
			}
			l.SetAttr("names", eval.NewStr(pn))
		}
		hdr(r).SetAttr("dimnames", l)
	}
	return r, nil
}

func init() {
	eval.RegisterAll(
		&eval.Builtin{Name: "rowsum", Generic: true, Formals: []string{"x", "group", "reorder = TRUE", "..."}, Fn: rowsumBuiltin},
		&eval.Builtin{Name: "interaction", Formals: []string{"...", "drop = FALSE", `sep = "."`, "lex.order = FALSE"}, Fn: interactionBuiltin},
		&eval.Builtin{Name: "addNA", Formals: []string{"x", "ifany = FALSE"}, Fn: addNABuiltin},
		&eval.Builtin{Name: "norm", Formals: []string{"x", `type = "O"`}, Fn: normBuiltin},
	)
}

// rowsumBuiltin is rowsum(x, group): the column sums of the rows of x (a
// vector being one column) in each group, groups sorted, as a matrix
// with the groups as row names.
func rowsumBuiltin(c *eval.Frame, a []eval.Value) (eval.Value, error) {
	x := a[0]
	d := eval.Dim(x)
	if len(d) != 2 {
		d = []int{lenOf(x), 1}
	}
	if !isNumeric(x) {
		return nil, c.Errorf("'x' must be numeric")
	}
	if lenOf(a[1]) != d[0] {
		return nil, c.Errorf("incorrect length for 'group'")
	}
	f, err := builtinFactor(c, []eval.Value{a[1], nil, nil, nil, nil, nil})
	if err != nil {
		return nil, err
	}
	codes := f.(*eval.Integer).V
	lev := factorLevels(f)
	g := len(lev)
	_, isInt := x.(*eval.Integer)
	v := toDoubles(x)
	out := make([]float64, g*d[1])
	for j := 0; j < d[1]; j++ {
		for i := 0; i < d[0]; i++ {
			if codes[i] != eval.NAInt {
				out[int(codes[i]-1)+j*g] += v[i+j*d[0]]
			}
		}
	}
	var r eval.Value
	if isInt {
		iv := make([]int32, len(out))
		for i, f := range out {
			iv[i] = int32(f)
		}
		r = eval.NewInt(iv)
	} else {
		r = eval.NewDouble(out)
	}
	hdr(r).SetAttr("dim", intDim([]int{g, d[1]}))
	var cn eval.Value = eval.Null
	if names := dimnamesAt(dimnamesOf(x), 1); names != nil {
		cn = eval.NewStr(names)
	}
	hdr(r).SetAttr("dimnames", eval.NewList([]eval.Value{eval.NewStr(append([]string(nil), lev...)), cn}, nil))
	return r, nil
}

// interactionBuiltin is interaction(...): the factor of the combined
// levels "a.x", the first factor varying fastest in the levels.
func interactionBuiltin(c *eval.Frame, a []eval.Value) (eval.Value, error) {
	args := dotsList(a[0]).V
	if len(args) == 1 {
		if l, ok := args[0].(*eval.List); ok {
			args = l.V
		}
	}
	if len(args) == 0 {
		return nil, c.Errorf("No factors specified")
	}
	sep := "."
	if a[2] != nil {
		sep, _ = strArg(a[2])
	}
	drop := a[1] != nil && trueArg(a[1])
	var codes []int32
	var levels []string
	for k, v := range args {
		f := v
		if !isFactor(v) {
			var err error
			if f, err = builtinFactor(c, []eval.Value{v, nil, nil, nil, nil, nil}); err != nil {
				return nil, err
			}
		}
		fc := f.(*eval.Integer).V
		fl := factorLevels(f)
		if k == 0 {
			codes = append([]int32(nil), fc...)
			levels = append([]string(nil), fl...)
			continue
		}
		n := max(len(codes), len(fc))
		nc := make([]int32, n)
		for i := range nc {
			p, q := codes[i%len(codes)], fc[i%len(fc)]
			if p == eval.NAInt || q == eval.NAInt {
				nc[i] = eval.NAInt
			} else {
				nc[i] = p + int32(len(levels))*(q-1)
			}
		}
		nl := make([]string, 0, len(levels)*len(fl))
		for _, q := range fl {
			for _, p := range levels {
				nl = append(nl, p+sep+q)
			}
		}
		codes, levels = nc, nl
	}
	r := makeFactor(codes, levels, false)
	if drop {
		return dropFactorLevels(r), nil
	}
	return r, nil
}

// addNABuiltin is addNA(x, ifany): the factor with NA as a level (only
// when it has NAs, with ifany = TRUE).
func addNABuiltin(c *eval.Frame, a []eval.Value) (eval.Value, error) {
	x := a[0]
	if !isFactor(x) {
		f, err := builtinFactor(c, []eval.Value{x, nil, nil, nil, nil, nil})
		if err != nil {
			return nil, err
		}
		x = f
	}
	fx := x.(*eval.Integer)
	lev := factorLevels(x)
	hasNA := false
	for _, k := range fx.V {
		hasNA = hasNA || k == eval.NAInt
	}
	ifany := a[1] != nil && trueArg(a[1])
	if ifany && !hasNA {
		return x, nil
	}
	for _, l := range lev {
		if l == eval.NAString {
			return x, nil
		}
	}
	codes := make([]int32, len(fx.V))
	for i, k := range fx.V {
		if k == eval.NAInt {
			k = int32(len(lev) + 1)
		}
		codes[i] = k
	}
	r := eval.NewInt(codes)
	r.SetAttr("levels", eval.NewStr(append(append([]string(nil), lev...), eval.NAString)))
	r.SetAttr("class", attr(x, "class"))
	return r, nil
}

// normBuiltin is norm(x, type): the one ("O"), infinity ("I"), maximum
// modulus ("M"), Frobenius ("F") or spectral ("2", for vectors/one
// column only) norm of a matrix.
func normBuiltin(c *eval.Frame, a []eval.Value) (eval.Value, error) {
	x := a[0]
	d := eval.Dim(x)
	if len(d) != 2 {
		d = []int{lenOf(x), 1}
	}
	if !isNumeric(x) {
		return nil, c.Errorf("'A' must be a numeric matrix")
	}
	typ := "O"
	if a[1] != nil {
		typ, _ = strArg(a[1])
	}
	v := toDoubles(x)
	var r float64
	switch typ {
	case "O", "o", "1":
		for j := 0; j < d[1]; j++ {
			s := 0.0
			for i := 0; i < d[0]; i++ {
				s += math.Abs(v[i+j*d[0]])
			}
			r = math.Max(r, s)
		}
	case "I", "i":
		for i := 0; i < d[0]; i++ {
			s := 0.0
			for j := 0; j < d[1]; j++ {
				s += math.Abs(v[i+j*d[0]])
			}
			r = math.Max(r, s)
		}
	case "M", "m":
		for _, f := range v {
			r = math.Max(r, math.Abs(f))
		}
	case "F", "f", "E", "e":
		for _, f := range v {
			r += f * f
		}
		r = math.Sqrt(r)
	case "2":
		if d[1] != 1 && d[0] != 1 {
			return nil, c.Errorf("norm(type = \"2\") is only supported for vectors and one-row or one-column matrices")
		}
		for _, f := range v {
			r += f * f
		}
		r = math.Sqrt(r)
	default:
		return nil, c.Errorf("argument type[1]='%s' must be one of 'M','1','O','I','F' or 'E'", typ)
	}
	return eval.NewDouble1(r), nil
}
