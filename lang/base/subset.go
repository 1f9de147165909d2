package base

import (
	"math"
	"strings"

	"torchr/lang/eval"
)

// Indexing: `[`, `[[` and `$` on vectors, lists, matrices, arrays and
// environments (R's subset.c and subscript.c).

func init() {
	eval.RegisterAll(
		&eval.Builtin{Name: "[", Formals: []string{"x", "...", "drop = TRUE"}, Generic: true, Fn: subsetBuiltin},
		&eval.Builtin{Name: "[[", Formals: []string{"x", "...", "exact = TRUE"}, Generic: true, Fn: subset2Builtin},
		&eval.Builtin{Name: "$", Formals: []string{"x", "name"}, Generic: true, Fn: dollarBuiltin},
	)
}

// subscript is a resolved index: 0-based positions, -1 for NA.
type subscript struct {
	pos []int
	// newNames holds, for assignment, the names of positions >= n created
	// by character subscripts (newNames[p-n]).
	newNames []string
	// hasNA reports whether pos contains -1.
	hasNA bool
	// max is 1 + the largest position.
	max int
}

type subMode int

const (
	subGet    subMode = iota // out of range -> NA
	subAssign                // out of range -> extend
	subBounds                // out of range -> error (matrix dims)
)

// resolveSubscript resolves idx against an extent n with optional names.
func resolveSubscript(c *eval.Frame, idx eval.Value, n int, names []string, mode subMode) (*subscript, error) {
	s := &subscript{}
	add := func(p int) {
		if p < 0 {
			s.hasNA = true
		} else if p+1 > s.max {
			s.max = p + 1
		}
		s.pos = append(s.pos, p)
	}
	oob := func() error { return c.Errorf("subscript out of bounds") }
	switch t := idx.(type) {
	case *eval.MissingArgType:
		s.pos = make([]int, n)
		for i := range s.pos {
			s.pos[i] = i
		}
		s.max = n
		return s, nil
	case *eval.NullType:
		return s, nil
	case *eval.Logical:
		m := len(t.V)
		N := n
		if m > N {
			N = m
		}
		if m == 0 {
			return s, nil
		}
		s.pos = make([]int, 0, N)
		if mode == subAssign && m > n {
			s.max = m
		}
		for i := 0; i < N; i++ {
			b := t.V[i%m]
			switch {
			case b == eval.NALogical:
				add(-1)
			case b != 0:
				if i >= n {
					switch mode {
					case subGet:
						add(-1)
						continue
					case subBounds:
						return nil, c.Errorf("(subscript) logical subscript too long")
					}
				}
				add(i)
			}
		}
		return s, nil
	case *eval.Character:
		var created map[string]int
		for _, name := range t.V {
			p := -1
			if name != eval.NAString && name != "" {
				for j, nm := range names {
					if nm == name {
						p = j
						break
					}
				}
			}
			if p < 0 {
				switch mode {
				case subBounds:
					return nil, oob()
				case subAssign:
					if created == nil {
						created = map[string]int{}
					}
					if q, ok := created[name]; ok && name != eval.NAString {
						p = q
					} else {
						p = n + len(s.newNames)
						created[name] = p
						s.newNames = append(s.newNames, name)
					}
				}
			}
			add(p)
		}
		return s, nil
	case *eval.Integer, *eval.Double:
		var f []float64
		if d, ok := t.(*eval.Double); ok {
			f = d.V
		} else {
			f = intsToDoubles(t.(*eval.Integer).V)
		}
		neg, pos, hasNA := false, false, false
		if hasNonFinite(f) {
			g := make([]float64, len(f))
			for i, v := range f {
				if math.IsInf(v, 0) {
					v = math.NaN()
				}
				g[i] = v
			}
			f = g
		}
		for _, v := range f {
			switch {
			case v != v:
				hasNA = true
			case v <= -1:
				neg = true
			case v >= 1:
				pos = true
			}
		}
		if neg {
			if pos || hasNA {
				return nil, c.Errorf("only 0's may be mixed with negative subscripts")
			}
			drop := make([]bool, n)
			for _, v := range f {
				k := int(-v) - 1
				if k >= 0 && k < n {
					drop[k] = true
				}
			}
			s.pos = make([]int, 0, n)
			for i := 0; i < n; i++ {
				if !drop[i] {
					add(i)
				}
			}
			return s, nil
		}
		s.pos = make([]int, 0, len(f))
		for _, v := range f {
			switch {
			case v != v:
				add(-1)
			case v >= 1:
				if v >= 1<<53 {
					return nil, c.Errorf("subscript too large")
				}
				p := int(v) - 1
				if p >= n {
					switch mode {
					case subGet:
						add(-1)
						continue
					case subBounds:
						return nil, oob()
					}
				}
				add(p)
			}
		}
		return s, nil
	case *eval.Complex:
		return nil, c.Errorf("invalid subscript type 'complex'")
	}
	return nil, c.Errorf("invalid subscript type '%s'", idx.TypeName())
}

// gather returns x[pos] (no attributes); -1 gives NA (NULL for lists).
func gather(x eval.Value, pos []int) eval.Value {
	switch t := x.(type) {
	case *eval.Logical:
		return eval.NewLgl(eval.Gather(t.V, pos, eval.NALogical))
	case *eval.Integer:
		return eval.NewInt(eval.Gather(t.V, pos, eval.NAInt))
	case *eval.Double:
		return eval.NewDouble(eval.Gather(t.V, pos, eval.NAReal))
	case *eval.Complex:
		return eval.NewComplex(eval.Gather(t.V, pos, complex(eval.NAReal, 0)))
	case *eval.Character:
		return eval.NewStr(eval.Gather(t.V, pos, eval.NAString))
	case *eval.Raw:
		return eval.NewRaw(eval.Gather(t.V, pos, 0))
	case *eval.List:
		r := eval.Gather(t.V, pos, eval.Value(eval.Null))
		for _, v := range r {
			eval.MarkShared(v)
		}
		return &eval.List{V: r}
	}
	return eval.Null
}

func gatherNames(names []string, pos []int) []string {
	return eval.Gather(names, pos, eval.NAString)
}

func inheritsFrom(v eval.Value, cl string) bool {
	for _, c := range eval.ClassAttr(v) {
		if c == cl {
			return true
		}
	}
	return false
}

func notSubsettable(c *eval.Frame, x eval.Value) error {
	return c.Errorf("object of type '%s' is not subsettable", x.TypeName())
}

func subsetBuiltin(c *eval.Frame, a []eval.Value) (eval.Value, error) {
	x := a[0]
	dots := dotsList(a[1])
	drop := a[2] == nil || lglArg(a[2]) != 0
	var idx []eval.Value
	for i, v := range dots.V {
		if nm := eval.Names(dots); nm != nil && nm[i] == "exact" {
			continue
		}
		idx = append(idx, v)
	}
	switch x.(type) {
	case *eval.NullType:
		return eval.Null, nil
	case *eval.Logical, *eval.Integer, *eval.Double, *eval.Complex, *eval.Character, *eval.List, *eval.Raw:
	default:
		if v, err := plainValue(c, x); err == nil && v != x {
			x = v
			break
		}
		return nil, notSubsettable(c, x)
	}
	if len(idx) == 0 {
		return x, nil
	}
	if isDataFrame(x) {
		return dfSubset(c, x.(*eval.List), idx, a[2])
	}
	dims := eval.Dim(x)
	if len(idx) == 1 {
		if len(dims) >= 2 {
			if m := eval.Dim(idx[0]); len(m) == 2 && m[1] == len(dims) && (kindOf(idx[0]) == kInt || kindOf(idx[0]) == kDbl || kindOf(idx[0]) == kStr) {
				return matrixIndexGet(c, x, idx[0], dims)
			}
		}
		return vectorSubset(c, x, idx[0])
	}
	if len(idx) != len(dims) {
		return nil, c.Errorf("incorrect number of dimensions")
	}
	if len(dims) == 2 && isAtomicVec(x) && attr(x, "dimnames") == nil {
		if i, ok := scalarIndex(idx[0], dims[0]); ok {
			if j, ok := scalarIndex(idx[1], dims[1]); ok && drop {
				return elemAt(x, i+j*dims[0]), nil
			}
		}
	}
	return arraySubset(c, x, idx, dims, drop)
}

func vectorSubset(c *eval.Frame, x, idx eval.Value) (eval.Value, error) {
	if _, ok := idx.(*eval.MissingArgType); ok {
		return x, nil
	}
	n := lenOf(x)
	names := eval.Names(x)
	if names == nil && len(eval.Dim(x)) == 1 {
		if dn, ok := attr(x, "dimnames").(*eval.List); ok && len(dn.V) == 1 {
			names = toStrs(dn.V[0])
		}
	}
	// Fast path: one positive in-range index.
	s, err := resolveSubscript(c, idx, n, names, subGet)
	if err != nil {
		return nil, err
	}
	r := gather(x, s.pos)
	if names != nil {
		setNames(r, gatherNames(names, s.pos))
	} else if _, isList := x.(*eval.List); isList && s.hasNA && kindOf(idx) == kStr {
		// R names NA elements of an unnamed list selected by name "<NA>".
		nm := make([]string, len(s.pos))
		for i, p := range s.pos {
			if p < 0 {
				nm[i] = eval.NAString
			}
		}
		setNames(r, nm)
	}
	if inheritsFrom(x, "factor") {
		hdr(r).SetAttr("levels", attr(x, "levels"))
		hdr(r).SetAttr("class", attr(x, "class"))
	}
	// A one-dimensional array stays one unless the result has length one.
	if d := eval.Dim(x); len(d) == 1 && len(s.pos) != 1 {
		h := hdr(r)
		h.SetAttr("dim", intDim([]int{len(s.pos)}))
		if dn := dimnamesOf(x); dn != nil {
			var nv eval.Value = eval.Null
			if nm := h.Attr("names"); nm != nil {
				nv = nm
			}
			l := eval.NewList([]eval.Value{nv}, nil)
			if dnn := attr(dn, "names"); dnn != nil {
				l.SetAttr("names", dnn)
			}
			h.SetAttr("names", nil)
			h.SetAttr("dimnames", l)
		}
		if inheritsFrom(x, "table") {
			h.SetAttr("class", attr(x, "class"))
		}
	}
	return r, nil
}

func dimnamesOf(x eval.Value) *eval.List {
	dn, _ := attr(x, "dimnames").(*eval.List)
	return dn
}

func dimnamesAt(dn *eval.List, k int) []string {
	if dn == nil || k >= len(dn.V) {
		return nil
	}
	if _, ok := dn.V[k].(*eval.NullType); ok {
		return nil
	}
	return toStrs(dn.V[k])
}

func arraySubset(c *eval.Frame, x eval.Value, idx []eval.Value, dims []int, drop bool) (eval.Value, error) {
	nd := len(dims)
	dn := dimnamesOf(x)
	subs := make([]*subscript, nd)
	total := 1
	for k := 0; k < nd; k++ {
		s, err := resolveSubscript(c, idx[k], dims[k], dimnamesAt(dn, k), subBounds)
		if err != nil {
			return nil, err
		}
		subs[k] = s
		total *= len(s.pos)
	}
	pos := make([]int, total)
	strides := make([]int, nd)
	st := 1
	for k := 0; k < nd; k++ {
		strides[k] = st
		st *= dims[k]
	}
	if total > 0 {
		ctr := make([]int, nd)
		for i := 0; i < total; i++ {
			off := 0
			for k := 0; k < nd; k++ {
				p := subs[k].pos[ctr[k]]
				if p < 0 {
					off = -1
					break
				}
				off += p * strides[k]
			}
			pos[i] = off
			for k := 0; k < nd; k++ {
				ctr[k]++
				if ctr[k] < len(subs[k].pos) {
					break
				}
				ctr[k] = 0
			}
		}
	}
	r := gather(x, pos)
	// Result dims and dimnames.
	newDims := make([]int, nd)
	var newDn []eval.Value
	hasDn := false
	for k := 0; k < nd; k++ {
		newDims[k] = len(subs[k].pos)
	}
	if dn != nil {
		newDn = make([]eval.Value, nd)
		for k := 0; k < nd; k++ {
			if nm := dimnamesAt(dn, k); nm != nil {
				newDn[k] = eval.NewStr(gatherNames(nm, subs[k].pos))
				hasDn = true
			} else {
				newDn[k] = eval.Null
			}
		}
	}
	keep := make([]int, 0, nd)
	for k := 0; k < nd; k++ {
		if !drop || newDims[k] != 1 {
			keep = append(keep, k)
		}
	}
	h := hdr(r)
	if len(keep) <= 1 && drop {
		if len(keep) == 1 && hasDn {
			if nm, ok := newDn[keep[0]].(*eval.Character); ok {
				h.SetAttr("names", nm)
			}
		}
		return r, nil
	}
	d := make([]int, len(keep))
	for i, k := range keep {
		d[i] = newDims[k]
	}
	h.SetAttr("dim", intDim(d))
	if hasDn {
		l := make([]eval.Value, len(keep))
		any := false
		for i, k := range keep {
			l[i] = newDn[k]
			if _, ok := l[i].(*eval.NullType); !ok {
				any = true
			}
		}
		if any {
			dl := eval.NewList(l, nil)
			if dnn := eval.Names(dn); dnn != nil {
				nn := make([]string, len(keep))
				for i, k := range keep {
					nn[i] = dnn[k]
				}
				setNames(dl, nn)
			}
			h.SetAttr("dimnames", dl)
		}
	}
	return r, nil
}

// matrixOffsets converts an index matrix (one row per element) to linear
// offsets; -1 for NA rows.
func matrixOffsets(c *eval.Frame, x, m eval.Value, dims []int, mode subMode) ([]int, error) {
	md := eval.Dim(m)
	nr, nc := md[0], md[1]
	strides := make([]int, len(dims))
	st := 1
	for k := range dims {
		strides[k] = st
		st *= dims[k]
	}
	offs := make([]int, nr)
	if kindOf(m) == kStr {
		dn := dimnamesOf(x)
		sv := toStrs(m)
		for i := 0; i < nr; i++ {
			off := 0
			for k := 0; k < nc; k++ {
				s, err := resolveSubscript(c, eval.NewStr1(sv[i+k*nr]), dims[k], dimnamesAt(dn, k), subBounds)
				if err != nil {
					return nil, err
				}
				off += s.pos[0] * strides[k]
			}
			offs[i] = off
		}
		return offs, nil
	}
	f := toDoubles(m)
	for i := 0; i < nr; i++ {
		off := 0
		for k := 0; k < nc; k++ {
			v := f[i+k*nr]
			if v != v {
				off = -1
				break
			}
			p := int(v) - 1
			if v < 1 {
				if v <= -1 {
					return nil, c.Errorf("negative values are not allowed in a matrix subscript")
				}
				off = -2
				break
			}
			if p >= dims[k] {
				return nil, c.Errorf("subscript out of bounds")
			}
			off += p * strides[k]
		}
		offs[i] = off
	}
	// Rows with a zero are dropped.
	out := offs[:0]
	for _, o := range offs {
		if o != -2 {
			out = append(out, o)
		}
	}
	return out, nil
}

func matrixIndexGet(c *eval.Frame, x, m eval.Value, dims []int) (eval.Value, error) {
	offs, err := matrixOffsets(c, x, m, dims, subGet)
	if err != nil {
		return nil, err
	}
	return gather(x, offs), nil
}

// ---- [[

func exactMode(v eval.Value) int32 {
	if v == nil {
		return 1
	}
	return lglArg(v)
}

// getIndex1 resolves a [[ subscript of length one to a position; -1 when a
// name is not found (or NA); error for out of bounds numbers.
func getIndex1(c *eval.Frame, x eval.Value, iv eval.Value, n int, names []string, exact int32) (int, error) {
	if lenOf(iv) != 1 {
		if lenOf(iv) == 0 {
			return 0, c.Errorf("attempt to select less than one element in get1index")
		}
		if kindOf(x) == kList {
			return 0, c.Errorf("attempt to select more than one element in get1index")
		}
		return 0, c.Errorf("attempt to select more than one element in vectorIndex")
	}
	switch t := iv.(type) {
	case *eval.Character:
		s := t.V[0]
		if s == eval.NAString {
			return -1, nil
		}
		for i, nm := range names {
			if nm == s {
				return i, nil
			}
		}
		if exact != 1 {
			p := -1
			for i, nm := range names {
				if strings.HasPrefix(nm, s) {
					if p >= 0 {
						return -1, nil
					}
					p = i
				}
			}
			if p >= 0 && exact == eval.NALogical {
				if err := warnf(c, "partial match of '%s' to '%s'", s, names[p]); err != nil {
					return 0, err
				}
			}
			return p, nil
		}
		return -1, nil
	case *eval.Logical:
		if t.V[0] == eval.NALogical {
			return -1, nil
		}
		if t.V[0] == 1 {
			return 0, nil
		}
		return 0, c.Errorf("attempt to select less than one element in get1index <logical>")
	case *eval.Integer, *eval.Double:
		f := toDoubles(iv)[0]
		if f != f {
			return -1, nil
		}
		if f <= -1 {
			if n == 2 && (f == -1 || f == -2) {
				return 2 + int(f), nil
			}
			tn := "real"
			if _, ok := iv.(*eval.Integer); ok {
				tn = "integer"
			}
			if n > 2 || n < 1 {
				return 0, c.Errorf("invalid negative subscript in get1index <%s>", tn)
			}
			return 0, c.Errorf("attempt to select more than one element in get1index <%s>", tn)
		}
		if f < 1 {
			if _, ok := iv.(*eval.Integer); ok {
				return 0, c.Errorf("attempt to select less than one element in integerOneIndex")
			}
			return 0, c.Errorf("attempt to select less than one element in get1index <real>")
		}
		return int(f) - 1, nil
	}
	return 0, c.Errorf("invalid subscript type '%s'", iv.TypeName())
}

func subset2Builtin(c *eval.Frame, a []eval.Value) (eval.Value, error) {
	x := a[0]
	dots := dotsList(a[1])
	exact := exactMode(a[2])
	idx := dots.V
	if nm := eval.Names(dots); nm != nil {
		idx = nil
		for i, v := range dots.V {
			if nm[i] != "drop" {
				idx = append(idx, v)
			}
		}
	}
	if e, ok := x.(*eval.Env); ok {
		if len(idx) != 1 {
			return nil, c.Errorf("wrong arguments for subsetting an environment")
		}
		s, ok := idx[0].(*eval.Character)
		if !ok || len(s.V) != 1 {
			return nil, c.Errorf("wrong arguments for subsetting an environment")
		}
		v, found := e.GetLocal(s.V[0])
		if !found {
			return eval.Null, nil
		}
		return c.Force(v)
	}
	switch x.(type) {
	case *eval.NullType:
		return eval.Null, nil
	case *eval.Logical, *eval.Integer, *eval.Double, *eval.Complex, *eval.Character, *eval.List, *eval.Raw:
	default:
		if v, err := plainValue(c, x); err == nil && v != x {
			x = v
			break
		}
		return nil, notSubsettable(c, x)
	}
	if len(idx) == 0 {
		return nil, c.Errorf("invalid subscript type 'symbol'")
	}
	if len(idx) == 1 {
		iv := idx[0]
		if _, ok := iv.(*eval.MissingArgType); ok {
			return nil, c.Errorf("invalid subscript type 'symbol'")
		}
		// Recursive indexing of lists.
		if l, ok := x.(*eval.List); ok && lenOf(iv) > 1 {
			cur := eval.Value(l)
			m := lenOf(iv)
			for k := 0; k < m; k++ {
				sub := elemAt(iv, k)
				if k < m-1 {
					if _, ok := cur.(*eval.List); !ok {
						if k == m-2 && isAtomicVec(cur) {
							// last step on an atomic vector
						} else {
							return nil, c.Errorf("subscript out of bounds")
						}
					}
				}
				v, err := subset2One(c, cur, sub, exact)
				if err != nil {
					return nil, err
				}
				cur = v
			}
			return cur, nil
		}
		return subset2One(c, x, iv, exact)
	}
	if isDataFrame(x) && len(idx) == 2 {
		col, err := subset2One(c, x, idx[1], exact)
		if err != nil {
			return nil, err
		}
		return subset2One(c, col, idx[0], exact)
	}
	dims := eval.Dim(x)
	if len(idx) != len(dims) {
		return nil, c.Errorf("incorrect number of subscripts")
	}
	dn := dimnamesOf(x)
	off, st := 0, 1
	for k := range dims {
		p, err := getIndex1(c, x, idx[k], dims[k], dimnamesAt(dn, k), exact)
		if err != nil {
			return nil, err
		}
		if p < 0 || p >= dims[k] {
			return nil, c.Errorf("subscript out of bounds")
		}
		off += p * st
		st *= dims[k]
	}
	return element1(x, off), nil
}

func element1(x eval.Value, i int) eval.Value {
	if l, ok := x.(*eval.List); ok {
		eval.MarkShared(l.V[i])
		return l.V[i]
	}
	return elemAt(x, i)
}

func subset2One(c *eval.Frame, x, iv eval.Value, exact int32) (eval.Value, error) {
	n := lenOf(x)
	names := eval.Names(x)
	if names == nil && len(eval.Dim(x)) == 1 {
		names = dimnamesAt(dimnamesOf(x), 0)
	}
	_, isList := x.(*eval.List)
	if kindOf(x) == kNull {
		return eval.Null, nil
	}
	p, err := getIndex1(c, x, iv, n, names, exact)
	if err != nil {
		return nil, err
	}
	if p < 0 {
		if isList {
			return eval.Null, nil
		}
		if kindOf(iv) != kStr && lenOf(iv) == 1 {
			if f := toDoubles(iv)[0]; f != f {
				return newNAVec(kindOf(x), 1), nil
			}
		}
		return nil, c.Errorf("subscript out of bounds")
	}
	if p >= n {
		return nil, c.Errorf("subscript out of bounds")
	}
	r := element1(x, p)
	if inheritsFrom(x, "factor") {
		r = eval.Copy(r)
		hdr(r).SetAttr("levels", attr(x, "levels"))
		hdr(r).SetAttr("class", attr(x, "class"))
	}
	return r, nil
}

// ---- $

func dollarBuiltin(c *eval.Frame, a []eval.Value) (eval.Value, error) {
	x := a[0]
	name, _ := strArg(a[1])
	if l, ok := a[1].(*eval.Lang); ok {
		name = eval.DeparseValue(l)
	}
	switch t := x.(type) {
	case *eval.List:
		names := eval.Names(t)
		for i, nm := range names {
			if nm == name {
				eval.MarkShared(t.V[i])
				return t.V[i], nil
			}
		}
		p := -1
		for i, nm := range names {
			if strings.HasPrefix(nm, name) {
				if p >= 0 {
					return eval.Null, nil
				}
				p = i
			}
		}
		if p >= 0 {
			eval.MarkShared(t.V[p])
			return t.V[p], nil
		}
		return eval.Null, nil
	case *eval.Env:
		v, ok := t.GetLocal(name)
		if !ok {
			return eval.Null, nil
		}
		return c.Force(v)
	case *eval.NullType:
		return eval.Null, nil
	case *eval.Logical, *eval.Integer, *eval.Double, *eval.Complex, *eval.Character, *eval.Raw:
		return nil, c.Errorf("$ operator is invalid for atomic vectors")
	}
	if h, ok := x.(eval.HasDollar); ok {
		return h.Dollar(c.In, name)
	}
	return nil, notSubsettable(c, x)
}

func hasNonFinite(f []float64) bool {
	for _, v := range f {
		if math.IsInf(v, 0) {
			return true
		}
	}
	return false
}
