package base

import (
	"torchr/lang/eval"
)

// Replacement: `[<-`, `[[<-`, `$<-`, `names<-`, `length<-`.

func init() {
	eval.RegisterAll(
		&eval.Builtin{Name: "[<-", Formals: []string{"x", "...", "value"}, Generic: true, Fn: subassignBuiltin},
		&eval.Builtin{Name: "[[<-", Formals: []string{"x", "...", "value"}, Generic: true, Fn: subassign2Builtin},
		&eval.Builtin{Name: "$<-", Formals: []string{"x", "name", "value"}, Generic: true, Fn: dollarAssignBuiltin},
		&eval.Builtin{Name: "names<-", Formals: []string{"x", "value"}, Generic: true, Fn: setNamesBuiltin},
		&eval.Builtin{Name: "setNames", Formals: []string{"object", "nm"}, Fn: func(c *eval.Frame, a []eval.Value) (eval.Value, error) {
			obj, nm := a[0], a[1]
			if nm == nil {
				nm = eval.Null
			}
			if obj == nil {
				obj = nm
			}
			// names<- on a copy: setNames never changes its argument
			return c.In.CallFunction("names<-", []eval.Arg{{Value: eval.Copy(obj)}, {Value: nm}}, c.Env)
		}},
		&eval.Builtin{Name: "length<-", Formals: []string{"x", "value"}, Generic: true, Fn: setLengthBuiltin},
	)
}

// extendVec returns x (of kind k, owned) grown to length n with NA (NULL
// for lists); names are extended with "".
func extendVec(x eval.Value, n int) eval.Value {
	old := lenOf(x)
	if n <= old {
		return x
	}
	pad := newNAVec(kindOf(x), n-old)
	var r eval.Value
	switch t := x.(type) {
	case *eval.Logical:
		t.V = append(t.V, pad.(*eval.Logical).V...)
		r = t
	case *eval.Integer:
		t.V = append(t.V, pad.(*eval.Integer).V...)
		r = t
	case *eval.Double:
		t.V = append(t.V, pad.(*eval.Double).V...)
		r = t
	case *eval.Complex:
		t.V = append(t.V, pad.(*eval.Complex).V...)
		r = t
	case *eval.Character:
		t.V = append(t.V, pad.(*eval.Character).V...)
		r = t
	case *eval.Raw:
		t.V = append(t.V, pad.(*eval.Raw).V...)
		r = t
	case *eval.List:
		t.V = append(t.V, pad.(*eval.List).V...)
		r = t
	default:
		return x
	}
	h := hdr(r)
	if nm := eval.Names(r); nm != nil {
		nn := make([]string, n)
		copy(nn, nm)
		h.SetAttr("names", eval.NewStr(nn))
	}
	h.SetAttr("dim", nil)
	h.SetAttr("dimnames", nil)
	return r
}

// prepareTarget returns x coerced (if needed) to kind k and owned.
// rawMix is R's refusal to mix raw and other atomic types in a
// subassignment (a list target takes anything).
func rawMix(c *eval.Frame, x, value eval.Value) error {
	kx, kv := kindOf(x), kindOf(value)
	if (kx == kRaw) != (kv == kRaw) && kx != kList && kv != kList && kx != kNull && kv != kNull {
		return c.Errorf("incompatible types (from %s to %s) in subassignment type fix", value.TypeName(), x.TypeName())
	}
	return nil
}

func prepareTarget(x eval.Value, k vkind) eval.Value {
	if kindOf(x) == k {
		return eval.Modifiable(x)
	}
	r := coerceVec(x, k)
	if kindOf(x) == k || r == x {
		r = eval.Copy(r)
	}
	if h := hdr(x); h != nil && len(h.Attributes()) > 0 {
		hdr(r).SetAttributes(append([]eval.Attr(nil), h.Attributes()...))
	}
	return r
}

func subassignBuiltin(c *eval.Frame, a []eval.Value) (eval.Value, error) {
	x, value := a[0], a[2]
	idx := dotsList(a[1]).V
	if value == nil {
		return nil, c.Errorf("argument \"value\" is missing, with no default")
	}
	var err error
	if value, err = plainValue(c, value); err != nil {
		return nil, err
	}
	if inheritsFrom(x, "factor") && kindOf(x) == kInt {
		if value, err = factorCodes(c, x, value, "[<-.factor"); err != nil {
			return nil, err
		}
	}
	switch x.(type) {
	case *eval.NullType:
		if kindOf(value) == kNull {
			return eval.Null, nil
		}
		k := kindOf(value)
		if k > kList {
			return nil, c.Errorf("incompatible types (from %s to %s) in subassignment type fix", value.TypeName(), "NULL")
		}
		x = newVec(k, 0)
	case *eval.Logical, *eval.Integer, *eval.Double, *eval.Complex, *eval.Character, *eval.List, *eval.Raw:
	default:
		return nil, notSubsettable(c, x)
	}
	if isDataFrame(x) && len(idx) == 2 {
		return dfSubassign(c, x.(*eval.List), idx, value)
	}
	_, isList := x.(*eval.List)
	// x[i] <- NULL on a list deletes.
	if kindOf(value) == kNull {
		if !isList {
			if len(idx) == 1 {
				if s, err := resolveSubscript(c, idx[0], lenOf(x), eval.Names(x), subAssign); err == nil && len(s.pos) == 0 {
					return x, nil
				}
			}
			return nil, c.Errorf("replacement has length zero")
		}
		if len(idx) != 1 {
			return nil, c.Errorf("replacement has length zero")
		}
		s, err := resolveSubscript(c, idx[0], lenOf(x), eval.Names(x), subAssign)
		if err != nil {
			return nil, err
		}
		return deleteElems(x.(*eval.List), s.pos), nil
	}
	vk := kindOf(value)
	if vk > kList {
		if isList {
			value = eval.NewList([]eval.Value{value}, nil)
			vk = kList
		} else {
			return nil, c.Errorf("incompatible types (from %s to %s) in subassignment type fix", value.TypeName(), x.TypeName())
		}
	}
	if err := rawMix(c, x, value); err != nil {
		return nil, err
	}
	dims := eval.Dim(x)
	if len(idx) == 2 && len(dims) == 2 {
		if r := matrixSetFast(x, idx, dims, value); r != nil {
			return r, nil
		}
	}
	if len(idx) >= 2 || (len(idx) == 1 && len(dims) >= 2 && isIndexMatrix(idx[0], dims)) {
		return arrayAssign(c, x, idx, dims, value)
	}
	if len(idx) == 0 {
		idx = []eval.Value{eval.MissingArg}
	}
	n := lenOf(x)
	names := eval.Names(x)
	s, err := resolveSubscript(c, idx[0], n, names, subAssign)
	if err != nil {
		return nil, err
	}
	m := lenOf(value)
	if len(s.pos) == 0 {
		if k := max(kindOf(x), vk); k != kindOf(x) && m > 0 {
			return prepareTarget(x, k), nil
		}
		return x, nil
	}
	if m == 0 {
		return nil, c.Errorf("replacement has length zero")
	}
	if s.hasNA && m > 1 {
		return nil, c.Errorf("NAs are not allowed in subscripted assignments")
	}
	if len(s.pos)%m != 0 {
		if err := warnf(c, "number of items to replace is not a multiple of replacement length"); err != nil {
			return nil, err
		}
	}
	k := max(kindOf(x), vk)
	if k == kLgl && kindOf(x) == kLgl && vk == kLgl {
		k = kLgl
	}
	x = prepareTarget(x, k)
	src := value
	if vk != k {
		src = coerceVec(value, k)
	}
	if s.max > n {
		if float64(s.max)*8 > 4<<30 {
			return nil, c.Errorf("cannot allocate vector of size %.1f Gb", float64(s.max)*8/(1<<30))
		}
		x = extendVec(x, s.max)
		if len(s.newNames) > 0 {
			nm := eval.Names(x)
			if nm == nil {
				nm = make([]string, s.max)
			} else {
				nm = append([]string(nil), nm...)
			}
			for i, name := range s.newNames {
				nm[n+i] = name
			}
			hdr(x).SetAttr("names", eval.NewStr(nm))
		}
	}
	assignPositions(x, s.pos, src)
	return x, nil
}

// assignPositions sets x[pos[i]] = src[i %% len(src)], skipping -1.
func assignPositions(x eval.Value, pos []int, src eval.Value) {
	m := lenOf(src)
	switch t := x.(type) {
	case *eval.Double:
		sv := src.(*eval.Double).V
		for i, p := range pos {
			if p >= 0 {
				t.V[p] = sv[i%m]
			}
		}
	case *eval.Integer:
		sv := src.(*eval.Integer).V
		for i, p := range pos {
			if p >= 0 {
				t.V[p] = sv[i%m]
			}
		}
	case *eval.Logical:
		sv := src.(*eval.Logical).V
		for i, p := range pos {
			if p >= 0 {
				t.V[p] = sv[i%m]
			}
		}
	case *eval.Character:
		sv := src.(*eval.Character).V
		for i, p := range pos {
			if p >= 0 {
				t.V[p] = sv[i%m]
			}
		}
	case *eval.Complex:
		sv := src.(*eval.Complex).V
		for i, p := range pos {
			if p >= 0 {
				t.V[p] = sv[i%m]
			}
		}
	case *eval.Raw:
		sv := src.(*eval.Raw).V
		for i, p := range pos {
			if p >= 0 {
				t.V[p] = sv[i%m]
			}
		}
	case *eval.List:
		sv := src.(*eval.List).V
		for i, p := range pos {
			if p >= 0 {
				v := sv[i%m]
				eval.MarkShared(v)
				t.V[p] = v
			}
		}
	}
}

func deleteElems(l *eval.List, pos []int) eval.Value {
	n := len(l.V)
	del := make([]bool, n)
	any := false
	for _, p := range pos {
		if p >= 0 && p < n {
			del[p] = true
			any = true
		}
	}
	if !any {
		return l
	}
	names := eval.Names(l)
	var vals []eval.Value
	var nn []string
	for i, v := range l.V {
		if !del[i] {
			vals = append(vals, v)
			if names != nil {
				nn = append(nn, names[i])
			}
		}
	}
	r := &eval.List{V: vals}
	for _, at := range l.Attributes() {
		switch at.Name {
		case "names", "dim", "dimnames":
			continue
		}
		r.SetAttr(at.Name, at.Value)
	}
	if names != nil {
		if nn == nil {
			nn = []string{}
		}
		r.SetAttr("names", eval.NewStr(nn))
	}
	if vals == nil {
		r.V = []eval.Value{}
	}
	return r
}

func isIndexMatrix(v eval.Value, dims []int) bool {
	m := eval.Dim(v)
	k := kindOf(v)
	return len(m) == 2 && m[1] == len(dims) && (k == kInt || k == kDbl || k == kStr)
}

func arrayAssign(c *eval.Frame, x eval.Value, idx []eval.Value, dims []int, value eval.Value) (eval.Value, error) {
	var pos []int
	if len(idx) == 1 {
		offs, err := matrixOffsets(c, x, idx[0], dims, subBounds)
		if err != nil {
			return nil, err
		}
		pos = offs
	} else {
		if len(idx) != len(dims) {
			if len(idx) == 2 {
				return nil, c.Errorf("incorrect number of subscripts on matrix")
			}
			return nil, c.Errorf("incorrect number of subscripts")
		}
		dn := dimnamesOf(x)
		subs := make([]*subscript, len(dims))
		total := 1
		for k := range dims {
			s, err := resolveSubscript(c, idx[k], dims[k], dimnamesAt(dn, k), subBounds)
			if err != nil {
				return nil, err
			}
			subs[k] = s
			total *= len(s.pos)
		}
		strides := make([]int, len(dims))
		st := 1
		for k := range dims {
			strides[k] = st
			st *= dims[k]
		}
		pos = make([]int, total)
		if total > 0 {
			ctr := make([]int, len(dims))
			for i := 0; i < total; i++ {
				off := 0
				for k := range dims {
					p := subs[k].pos[ctr[k]]
					if p < 0 {
						off = -1
						break
					}
					off += p * strides[k]
				}
				pos[i] = off
				for k := range dims {
					ctr[k]++
					if ctr[k] < len(subs[k].pos) {
						break
					}
					ctr[k] = 0
				}
			}
		}
	}
	if len(pos) == 0 {
		return x, nil
	}
	m := lenOf(value)
	if m == 0 {
		return nil, c.Errorf("replacement has length zero")
	}
	hasNA := false
	for _, p := range pos {
		if p < 0 {
			hasNA = true
		}
	}
	if hasNA && m > 1 {
		return nil, c.Errorf("NAs are not allowed in subscripted assignments")
	}
	if len(pos)%m != 0 {
		return nil, c.Errorf("number of items to replace is not a multiple of replacement length")
	}
	if err := rawMix(c, x, value); err != nil {
		return nil, err
	}
	k := max(kindOf(x), kindOf(value))
	x = prepareTarget(x, k)
	src := value
	if kindOf(value) != k {
		src = coerceVec(value, k)
	}
	assignPositions(x, pos, src)
	return x, nil
}

// ---- [[<-

func subassign2Builtin(c *eval.Frame, a []eval.Value) (eval.Value, error) {
	x, value := a[0], a[2]
	idx := dotsList(a[1]).V
	if value == nil {
		return nil, c.Errorf("argument \"value\" is missing, with no default")
	}
	if inheritsFrom(x, "factor") && kindOf(x) == kInt {
		var err error
		if value, err = factorCodes(c, x, value, "[[<-.factor"); err != nil {
			return nil, err
		}
	}
	if e, ok := x.(*eval.Env); ok {
		if len(idx) != 1 {
			return nil, c.Errorf("wrong args for environment subassignment")
		}
		s, ok := idx[0].(*eval.Character)
		if !ok || len(s.V) != 1 {
			return nil, c.Errorf("wrong args for environment subassignment")
		}
		e.Assign(s.V[0], value)
		return e, nil
	}
	switch x.(type) {
	case *eval.NullType:
		if kindOf(value) == kNull {
			return eval.Null, nil
		}
		x = &eval.List{V: []eval.Value{}}
	case *eval.Logical, *eval.Integer, *eval.Double, *eval.Complex, *eval.Character, *eval.List, *eval.Raw:
	default:
		return nil, notSubsettable(c, x)
	}
	if len(idx) == 0 {
		return nil, c.Errorf("[[ ]] with missing subscript")
	}
	if len(idx) >= 2 {
		dims := eval.Dim(x)
		if len(idx) != len(dims) {
			return nil, c.Errorf("[[ ]] improper number of subscripts")
		}
		dn := dimnamesOf(x)
		off, st := 0, 1
		for k := range dims {
			p, err := getIndex1(c, x, idx[k], dims[k], dimnamesAt(dn, k), 1)
			if err != nil {
				return nil, err
			}
			if p < 0 || p >= dims[k] {
				return nil, c.Errorf("[[ ]] subscript out of bounds")
			}
			off += p * st
			st *= dims[k]
		}
		return setElement1(c, x, off, -1, "", value)
	}
	iv := idx[0]
	if _, ok := iv.(*eval.MissingArgType); ok {
		return nil, c.Errorf("[[ ]] with missing subscript")
	}
	if l, ok := x.(*eval.List); ok && lenOf(iv) > 1 {
		// Recursive: x[[c(i, j)]] <- v is x[[i]][[j]] <- v.
		first := elemAt(iv, 0)
		rest := gather(iv, seqInts(1, lenOf(iv)))
		inner, err := subset2One(c, l, first, 1)
		if err != nil {
			return nil, err
		}
		nv, err := subassign2Builtin(c, []eval.Value{inner, eval.NewList([]eval.Value{rest}, nil), value})
		if err != nil {
			return nil, err
		}
		return subassign2Builtin(c, []eval.Value{x, eval.NewList([]eval.Value{first}, nil), nv})
	}
	if lenOf(iv) != 1 {
		if lenOf(iv) == 0 {
			return nil, c.Errorf("attempt to select less than one element in OneIndex")
		}
		return nil, c.Errorf("attempt to select more than one element in vectorIndex")
	}
	n := lenOf(x)
	names := eval.Names(x)
	p := -1
	newName := ""
	switch t := iv.(type) {
	case *eval.Character:
		s := t.V[0]
		for i, nm := range names {
			if nm == s {
				p = i
				break
			}
		}
		if p < 0 {
			newName = s
			p = n
		}
	default:
		f, ok := floatArg(iv)
		if !ok {
			return nil, c.Errorf("[[ ]] subscript out of bounds")
		}
		if f < 1 {
			_, isInt := iv.(*eval.Integer)
			if f <= -1 {
				switch {
				case n == 2 && (f == -1 || f == -2):
					return setElement1(c, x, 2+int(f), n, "", value)
				case isInt && n <= 1:
					return nil, c.Errorf("attempt to select less than one element in integerOneIndex")
				case isInt:
					return nil, c.Errorf("attempt to select more than one element in integerOneIndex")
				}
				return nil, c.Errorf("invalid negative subscript in get1index <real>")
			}
			if isInt {
				return nil, c.Errorf("attempt to select less than one element in integerOneIndex")
			}
			return nil, c.Errorf("attempt to select less than one element in OneIndex <real>")
		}
		p = int(f) - 1
	}
	return setElement1(c, x, p, n, newName, value)
}

func seqInts(from, to int) []int {
	r := make([]int, 0, to-from)
	for i := from; i < to; i++ {
		r = append(r, i)
	}
	return r
}

// setElement1 sets element p of x to value (x[[p+1]] <- value). n is the
// length before (or -1 for array indexing); newName names a new element.
func setElement1(c *eval.Frame, x eval.Value, p, n int, newName string, value eval.Value) (eval.Value, error) {
	if float64(p)*8 > 4<<30 {
		return nil, c.Errorf("cannot allocate vector of size %.1f Gb", float64(p+1)*8/(1<<30))
	}
	if l, ok := x.(*eval.List); ok {
		if kindOf(value) == kNull {
			if p >= len(l.V) {
				return x, nil
			}
			return deleteElems(l, []int{p}), nil
		}
		r := eval.Modifiable(l).(*eval.List)
		if p >= len(r.V) {
			r = extendVec(r, p+1).(*eval.List)
			if newName != "" {
				nm := eval.Names(r)
				if nm == nil {
					nm = make([]string, p+1)
				} else {
					nm = append([]string(nil), nm...)
				}
				nm[p] = newName
				r.SetAttr("names", eval.NewStr(nm))
			}
		}
		eval.Ref(value)
		r.V[p] = value
		return r, nil
	}
	// Atomic x.
	vk := kindOf(value)
	if vk == kNull {
		return nil, c.Errorf("replacement has length zero")
	}
	if vk == kList || vk > kList {
		// x becomes a list.
		lx := coerceKeep(x, kList)
		return setElement1(c, eval.Copy(lx), p, n, newName, value)
	}
	if err := rawMix(c, x, value); err != nil {
		return nil, err
	}
	m := lenOf(value)
	if m == 0 {
		return nil, c.Errorf("replacement has length zero")
	}
	if m > 1 {
		return nil, c.Errorf("more elements supplied than there are to replace")
	}
	k := max(kindOf(x), vk)
	x = prepareTarget(x, k)
	if p >= lenOf(x) {
		old := lenOf(x)
		x = extendVec(x, p+1)
		if newName != "" {
			nm := eval.Names(x)
			if nm == nil {
				nm = make([]string, p+1)
			} else {
				nm = append([]string(nil), nm...)
			}
			nm[p] = newName
			hdr(x).SetAttr("names", eval.NewStr(nm))
		}
		_ = old
	}
	src := value
	if vk != k {
		src = coerceVec(value, k)
	}
	assignPositions(x, []int{p}, src)
	return x, nil
}

// ---- $<-

func dollarAssignBuiltin(c *eval.Frame, a []eval.Value) (eval.Value, error) {
	x, value := a[0], a[2]
	name, _ := strArg(a[1])
	if l, ok := a[1].(*eval.Lang); ok {
		name = eval.DeparseValue(l)
	}
	switch t := x.(type) {
	case *eval.Env:
		t.Assign(name, value)
		return t, nil
	case *eval.NullType:
		if kindOf(value) == kNull {
			return eval.Null, nil
		}
		x = &eval.List{V: []eval.Value{}}
	case *eval.List:
	case *eval.Logical, *eval.Integer, *eval.Double, *eval.Complex, *eval.Character, *eval.Raw:
		if err := warnf(c, "Coercing LHS to a list"); err != nil {
			return nil, err
		}
		x = eval.Copy(coerceKeep(x, kList))
	default:
		if h, ok := x.(eval.HasSetDollar); ok {
			return h.SetDollar(c.In, name, value)
		}
		return nil, c.Errorf("invalid type '%s' for $<-", x.TypeName())
	}
	l := x.(*eval.List)
	names := eval.Names(l)
	p := -1
	for i, nm := range names {
		if nm == name {
			p = i
			break
		}
	}
	if p < 0 {
		return setElement1(c, l, len(l.V), len(l.V), name, value)
	}
	return setElement1(c, l, p, len(l.V), "", value)
}

// ---- names<- and length<-

func setNamesBuiltin(c *eval.Frame, a []eval.Value) (eval.Value, error) {
	x, value := a[0], a[1]
	if kindOf(x) == kNull {
		if nullArg(value) {
			return eval.Null, nil
		}
		return nil, c.Errorf("attempt to set an attribute on NULL")
	}
	if _, ok := x.(eval.Attributed); !ok {
		return nil, c.Errorf("names() applied to a non-vector")
	}
	if nullArg(value) {
		if attr(x, "names") == nil {
			return x, nil
		}
		x = eval.Modifiable(x)
		hdr(x).SetAttr("names", nil)
		return x, nil
	}
	n := lenOf(x)
	if lenOf(value) > n {
		return nil, c.Errorf("'names' attribute [%d] must be the same length as the vector [%d]", lenOf(value), n)
	}
	var nv []string
	if inheritsFrom(value, "factor") {
		nv = toStrs(value)
	} else {
		nv = toStrs(value)
	}
	nn := make([]string, n)
	for i := range nn {
		if i < len(nv) {
			nn[i] = nv[i]
		} else {
			nn[i] = eval.NAString
		}
	}
	x = eval.Modifiable(x)
	if d := eval.Dim(x); len(d) == 1 {
		hdr(x).SetAttr("dimnames", eval.NewList([]eval.Value{eval.NewStr(nn)}, nil))
		return x, nil
	}
	hdr(x).SetAttr("names", eval.NewStr(nn))
	return x, nil
}

func setLengthBuiltin(c *eval.Frame, a []eval.Value) (eval.Value, error) {
	x := a[0]
	if lenOf(a[1]) != 1 {
		return nil, c.Errorf("wrong length for argument")
	}
	nv, ok := floatArg(a[1])
	if !ok {
		return nil, c.Errorf("vector size cannot be NA")
	}
	if nv < 0 {
		return nil, c.Errorf("invalid value")
	}
	n := int(nv)
	if kindOf(x) == kNull {
		if n != 0 {
			if err := warnf(c, "length of NULL cannot be changed"); err != nil {
				return nil, err
			}
		}
		return eval.Null, nil
	}
	if kindOf(x) > kList {
		return nil, c.Errorf("invalid argument")
	}
	old := lenOf(x)
	names := eval.Names(x)
	var r eval.Value
	if n <= old {
		r = gather(x, seqInts(0, n))
	} else {
		r = extendVec(eval.Copy(gather(x, seqInts(0, old))), n)
	}
	if names != nil {
		nn := make([]string, n)
		for i := range nn {
			if i < old {
				nn[i] = names[i]
			}
		}
		setNames(r, nn)
	}
	if inheritsFrom(x, "factor") {
		hdr(r).SetAttr("levels", attr(x, "levels"))
		hdr(r).SetAttr("class", attr(x, "class"))
	}
	return r, nil
}

// scalarIndex returns a plain in-range positive scalar subscript (0-based).
func scalarIndex(v eval.Value, n int) (int, bool) {
	switch t := v.(type) {
	case *eval.Double:
		if len(t.V) == 1 && !hasAttrs(t) && t.V[0] >= 1 && t.V[0] < float64(n)+1 {
			return int(t.V[0]) - 1, true
		}
	case *eval.Integer:
		if len(t.V) == 1 && !hasAttrs(t) && t.V[0] >= 1 && int(t.V[0]) <= n {
			return int(t.V[0]) - 1, true
		}
	}
	return 0, false
}

// matrixSetFast does m[i, j] <- v for scalar subscripts and a scalar value
// that needs no coercion of m; nil means "take the general path".
func matrixSetFast(x eval.Value, idx []eval.Value, dims []int, value eval.Value) eval.Value {
	i, ok1 := scalarIndex(idx[0], dims[0])
	j, ok2 := scalarIndex(idx[1], dims[1])
	if !ok1 || !ok2 || lenOf(value) != 1 || hasAttrs(value) {
		return nil
	}
	p := i + j*dims[0]
	switch v := value.(type) {
	case *eval.Double:
		if _, ok := x.(*eval.Double); ok {
			m := eval.Modifiable(x).(*eval.Double)
			m.V[p] = v.V[0]
			return m
		}
	case *eval.Integer:
		switch x.(type) {
		case *eval.Double:
			m := eval.Modifiable(x).(*eval.Double)
			if v.V[0] == eval.NAInt {
				m.V[p] = eval.NAReal
			} else {
				m.V[p] = float64(v.V[0])
			}
			return m
		case *eval.Integer:
			m := eval.Modifiable(x).(*eval.Integer)
			m.V[p] = v.V[0]
			return m
		}
	case *eval.Logical:
		if _, ok := x.(*eval.Logical); ok {
			m := eval.Modifiable(x).(*eval.Logical)
			m.V[p] = v.V[0]
			return m
		}
	case *eval.Character:
		if _, ok := x.(*eval.Character); ok {
			m := eval.Modifiable(x).(*eval.Character)
			m.V[p] = v.V[0]
			return m
		}
	}
	return nil
}
