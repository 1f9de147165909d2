package base

import (
	"math"
	"strings"

	"torchr/lang/eval"
)

// Vector construction and reshaping: c, numeric/integer/double/character/
// logical/complex, rep, rep_len, rep.int, rev, head, tail, append, unlist,
// which, which.max, which.min, tabulate.

func init() {
	ctor := func(name string, k vkind) *eval.Builtin {
		return &eval.Builtin{Name: name, Formals: []string{"length = 0L"}, Fn: func(c *eval.Frame, a []eval.Value) (eval.Value, error) {
			n, err := lengthArg(c, a[0])
			if err != nil {
				return nil, err
			}
			return newVec(k, n), nil
		}}
	}
	eval.RegisterAll(
		ctor("numeric", kDbl), ctor("double", kDbl), ctor("integer", kInt),
		ctor("character", kStr), ctor("logical", kLgl), ctor("raw", kRaw),
		&eval.Builtin{Name: "complex", Formals: []string{"length.out = 0L", "real", "imaginary", "modulus", "argument"}, Fn: complexBuiltin},
		&eval.Builtin{Name: "c", Formals: []string{"...", "recursive = FALSE", "use.names = TRUE"}, Generic: true, Fn: func(c *eval.Frame, a []eval.Value) (eval.Value, error) {
			return combine(c, dotsList(a[0]), trueArg(a[1]), a[2] == nil || trueArg(a[2]))
		}},
		&eval.Builtin{Name: "unlist", Generic: true, Formals: []string{"x", "recursive = TRUE", "use.names = TRUE"}, Fn: unlistBuiltin},
		&eval.Builtin{Name: "rep", Formals: []string{"x", "..."}, Generic: true, Fn: repBuiltin},
		&eval.Builtin{Name: "rep.int", Formals: []string{"x", "times"}, Fn: func(c *eval.Frame, a []eval.Value) (eval.Value, error) {
			return repCore(c, a[0], a[1], nil, 1, false)
		}},
		&eval.Builtin{Name: "rep_len", Formals: []string{"x", "length.out"}, Fn: func(c *eval.Frame, a []eval.Value) (eval.Value, error) {
			r, err := repCore(c, a[0], nil, a[1], 1, false)
			if err != nil {
				return nil, err
			}
			setNames(r, nil)
			return r, nil
		}},
		&eval.Builtin{Name: "rev", Formals: []string{"x"}, Generic: true, Fn: func(c *eval.Frame, a []eval.Value) (eval.Value, error) {
			x := a[0]
			if kindOf(x) == kNull {
				return eval.Null, nil
			}
			n := lenOf(x)
			if len(eval.Dim(x)) == 1 {
				// rev.default is x[length(x):1], which keeps a 1-d array
				// (a table) one
				idx := make([]int32, n)
				for i := range idx {
					idx[i] = int32(n - i)
				}
				return vectorSubset(c, x, eval.NewInt(idx))
			}
			pos := make([]int, n)
			for i := range pos {
				pos[i] = n - 1 - i
			}
			r := gather(x, pos)
			if nm := elemNames(x); nm != nil {
				setNames(r, gatherNames(nm, pos))
			}
			if inheritsFrom(x, "factor") {
				hdr(r).SetAttr("levels", attr(x, "levels"))
				hdr(r).SetAttr("class", attr(x, "class"))
			}
			return r, nil
		}},
		&eval.Builtin{Name: "head", Formals: []string{"x", "n = 6L", "..."}, Generic: true, Fn: func(c *eval.Frame, a []eval.Value) (eval.Value, error) {
			return headTail(c, a[0], a[1], true)
		}},
		&eval.Builtin{Name: "tail", Formals: []string{"x", "n = 6L", "..."}, Generic: true, Fn: func(c *eval.Frame, a []eval.Value) (eval.Value, error) {
			return headTail(c, a[0], a[1], false)
		}},
		&eval.Builtin{Name: "append", Generic: true, Formals: []string{"x", "values", "after"}, Fn: appendBuiltin},
		&eval.Builtin{Name: "which", Generic: true, Formals: []string{"x", "arr.ind = FALSE", "useNames = TRUE"}, Fn: whichBuiltin},
		&eval.Builtin{Name: "which.max", Generic: true, Formals: []string{"x"}, Fn: func(c *eval.Frame, a []eval.Value) (eval.Value, error) {
			return whichExt(c, a[0], true)
		}},
		&eval.Builtin{Name: "which.min", Generic: true, Formals: []string{"x"}, Fn: func(c *eval.Frame, a []eval.Value) (eval.Value, error) {
			return whichExt(c, a[0], false)
		}},
		&eval.Builtin{Name: "tabulate", Formals: []string{"bin", "nbins"}, Fn: tabulateBuiltin},
	)
}

func lengthArg(c *eval.Frame, v eval.Value) (int, error) {
	if v == nil {
		return 0, nil
	}
	if lenOf(v) != 1 {
		return 0, c.Errorf("invalid 'length' argument")
	}
	f, ok := floatArg(v)
	if !ok || f < 0 {
		return 0, c.Errorf("invalid 'length' argument")
	}
	return int(f), nil
}

// ---- c() and unlist(): R's bind.c.

type nameData struct {
	seqno int
	count int
}

type binder struct {
	names    []string
	anyNames bool
}

func newBase(base, tag string) string {
	switch {
	case base != "" && tag != "":
		return base + "." + tag
	case tag != "":
		return tag
	}
	return base
}

func newName(base, tag string, seqno, count int) string {
	switch {
	case base != "" && tag != "":
		return base + "." + tag
	case base != "":
		if count == 1 {
			return base
		}
		return base + itoa(seqno)
	}
	return tag
}

func itemName(names []string, i int) string {
	if names == nil || names[i] == eval.NAString {
		if names != nil && names[i] == eval.NAString {
			return "NA"
		}
		return ""
	}
	return names[i]
}

func namesCount(v eval.Value, recurse bool, nd *nameData) {
	names := elemNames(v)
	switch t := v.(type) {
	case *eval.List:
		if recurse {
			// Named elements do not count (R: list(a = list(x = 1, 2))
			// unlists to names "a.x" "a").
			for i := 0; i < len(t.V) && nd.count <= 1; i++ {
				if itemName(names, i) == "" {
					namesCount(t.V[i], recurse, nd)
				}
			}
			return
		}
		for i := 0; i < len(t.V) && nd.count <= 1; i++ {
			nd.count++
		}
	case *eval.NullType:
	default:
		n := 1
		if isAtomicVec(v) {
			n = lenOf(v)
		}
		for i := 0; i < n && nd.count <= 1; i++ {
			nd.count++
		}
	}
}

func (b *binder) extractNames(v eval.Value, base, tag string, hasTag, recurse bool, nd *nameData) {
	var saveseqno, savecount int
	if hasTag && tag != "" {
		base = newBase(base, tag)
		saveseqno, savecount = nd.seqno, nd.count
		nd.count, nd.seqno = 0, 0
		namesCount(v, recurse, nd)
	} else {
		hasTag = false
	}
	names := elemNames(v)
	switch t := v.(type) {
	case *eval.NullType:
	case *eval.List:
		for i := range t.V {
			namei := itemName(names, i)
			if recurse {
				b.extractNames(t.V[i], base, namei, true, recurse, nd)
			} else {
				nd.seqno++
				b.add(newName(base, namei, nd.seqno, nd.count))
			}
		}
	default:
		n := 1
		if isAtomicVec(v) {
			n = lenOf(v)
		}
		for i := 0; i < n; i++ {
			namei := ""
			if isAtomicVec(v) {
				namei = itemName(names, i)
			}
			nd.seqno++
			b.add(newName(base, namei, nd.seqno, nd.count))
		}
	}
	if hasTag {
		nd.count = savecount
	}
	nd.seqno += saveseqno
}

func (b *binder) add(s string) {
	if s != "" {
		b.anyNames = true
	}
	b.names = append(b.names, s)
}

// hasNames reports whether names would be produced (R's HasNames).
func hasNamesDeep(v eval.Value, recurse bool) bool {
	if elemNames(v) != nil {
		return true
	}
	if l, ok := v.(*eval.List); ok && recurse {
		for _, e := range l.V {
			if hasNamesDeep(e, recurse) {
				return true
			}
		}
	}
	return false
}

// leafKind returns the result kind of flattening v (kList when some leaf
// is not an atomic vector).
func leafKind(v eval.Value, recurse bool) vkind {
	switch t := v.(type) {
	case *eval.NullType:
		return kNull
	case *eval.List:
		if !recurse {
			return kList
		}
		k := kNull
		for _, e := range t.V {
			k = max(k, leafKind(e, true))
		}
		return k
	}
	if isAtomicVec(v) {
		return kindOf(v)
	}
	return kList
}

// flatten appends the leaves of v to out (atomic leaves element by element
// as length-one vectors when k is kList, else collected).
func flattenInto(v eval.Value, recurse bool, k vkind, out *[]eval.Value) {
	switch t := v.(type) {
	case *eval.NullType:
		return
	case *eval.List:
		for _, e := range t.V {
			if recurse {
				flattenInto(e, recurse, k, out)
			} else {
				*out = append(*out, e)
			}
		}
		return
	}
	if isAtomicVec(v) {
		if k == kList {
			for i := 0; i < lenOf(v); i++ {
				*out = append(*out, elemAt(v, i))
			}
			return
		}
		*out = append(*out, v)
		return
	}
	*out = append(*out, v)
}

func concatAtomic(parts []eval.Value, k vkind) eval.Value {
	n := 0
	for _, p := range parts {
		n += lenOf(p)
	}
	switch k {
	case kRaw:
		return eval.NewRaw(concatAs(parts, n, func(v eval.Value) []byte { r, _ := toRaw(v); return r }))
	case kLgl:
		r := make([]int32, 0, n)
		for _, p := range parts {
			r = append(r, toLgls(p)...)
		}
		return eval.NewLgl(r)
	case kInt:
		r := make([]int32, 0, n)
		for _, p := range parts {
			if l, ok := p.(*eval.Logical); ok {
				r = append(r, l.V...)
			} else {
				r = append(r, toInts(p)...)
			}
		}
		return eval.NewInt(r)
	case kDbl:
		return eval.NewDouble(concatAs(parts, n, toDoubles))
	case kCplx:
		return eval.NewComplex(concatAs(parts, n, toComplex))
	case kStr:
		return eval.NewStr(concatAs(parts, n, toStrs))
	}
	return eval.Null
}

// concatAs converts each part with conv and concatenates the results (n
// elements in all).
func concatAs[T any](parts []eval.Value, n int, conv func(eval.Value) []T) []T {
	r := make([]T, 0, n)
	for _, p := range parts {
		r = append(r, conv(p)...)
	}
	return r
}

// combine is c(...).
func combine(c *eval.Frame, args *eval.List, recursive, useNames bool) (eval.Value, error) {
	argNames := eval.Names(args)
	if allFactors(args.V) {
		r := combineFactors(args.V)
		if useNames && argNames != nil {
			b := &binder{}
			for i, v := range args.V {
				b.extractNames(gather(v, seqInts(0, lenOf(v))), "", argNames[i], true, false, &nameData{})
			}
			if b.anyNames {
				setNames(r, b.names)
			}
		}
		return r, nil
	}
	k := kNull
	for i, v := range args.V {
		if v == eval.Value(eval.MissingArg) {
			continue
		}
		if _, ok := v.(eval.Vector); !ok && kindOf(v) != kNull {
			if p, err := plainValue(c, v); err == nil && p != v {
				args.V[i] = p
				v = p
			}
		}
		k = max(k, leafKind(v, recursive))
	}
	if k == kNull {
		return eval.Null, nil
	}
	var res eval.Value
	if k == kList {
		var out []eval.Value
		for _, v := range args.V {
			if v == eval.Value(eval.MissingArg) {
				continue
			}
			flattenInto(v, recursive, kList, &out)
		}
		if out == nil {
			out = []eval.Value{}
		}
		res = eval.NewList(out, nil)
	} else {
		var parts []eval.Value
		for _, v := range args.V {
			if v == eval.Value(eval.MissingArg) {
				continue
			}
			flattenInto(v, true, k, &parts)
		}
		res = concatAtomic(parts, k)
	}
	if useNames {
		want := argNames != nil
		if !want {
			for _, v := range args.V {
				if hasNamesDeep(v, recursive) {
					want = true
					break
				}
			}
		}
		if want {
			b := &binder{}
			for i, v := range args.V {
				if v == eval.Value(eval.MissingArg) {
					continue
				}
				nd := &nameData{}
				tag := ""
				if argNames != nil {
					tag = argNames[i]
				}
				b.extractNames(v, "", tag, true, recursive || k != kList, nd)
			}
			if len(b.names) == lenOf(res) && lenOf(res) > 0 {
				setNames(res, b.names)
			}
		}
	}
	return res, nil
}

func unlistBuiltin(c *eval.Frame, a []eval.Value) (eval.Value, error) {
	x := a[0]
	l, ok := x.(*eval.List)
	if !ok {
		return x, nil
	}
	recursive := a[1] == nil || trueArg(a[1])
	useNames := a[2] == nil || trueArg(a[2])
	k := kNull
	for _, v := range l.V {
		k = max(k, leafKind(v, recursive))
	}
	if k == kNull {
		return eval.Null, nil
	}
	if k == kList && recursive {
		// Some leaves are not vectors: R returns the list unchanged
		// unless flattening gives a list anyway.
		var out []eval.Value
		for _, v := range l.V {
			flattenInto(v, recursive, kList, &out)
		}
		res := eval.NewList(out, nil)
		if useNames && hasNamesDeep(l, true) {
			b := &binder{}
			names := eval.Names(l)
			for i, v := range l.V {
				nd := &nameData{}
				b.extractNames(v, "", itemName(names, i), true, true, nd)
			}
			if b.anyNames && len(b.names) == len(out) {
				setNames(res, b.names)
			}
		}
		return res, nil
	}
	// Reuse c() with the list elements as arguments.
	args := &eval.List{V: l.V}
	if nm := attr(l, "names"); nm != nil {
		args.SetAttr("names", nm)
	}
	return combine(c, args, recursive, useNames)
}

// ---- rep

func repBuiltin(c *eval.Frame, a []eval.Value) (eval.Value, error) {
	x := a[0]
	dots := dotsList(a[1])
	var times, lengthOut, each eval.Value
	names := eval.Names(dots)
	pos := 0
	for i, v := range dots.V {
		nm := ""
		if names != nil {
			nm = names[i]
		}
		switch {
		case nm == "times" || (nm == "" && pos == 0 && times == nil):
			times = v
			if nm == "" {
				pos++
			}
		case nm == "length.out" || nm == "length" || nm == "len" || (nm == "" && pos == 1):
			lengthOut = v
			if nm == "" {
				pos++
			}
		case nm == "each" || (nm == "" && pos == 2):
			each = v
			if nm == "" {
				pos++
			}
		default:
			if len(nm) > 0 && len(nm) <= len("length.out") && "length.out"[:len(nm)] == nm {
				lengthOut = v
			} else if len(nm) > 0 && len(nm) <= len("times") && "times"[:len(nm)] == nm {
				times = v
			} else if len(nm) > 0 && len(nm) <= len("each") && "each"[:len(nm)] == nm {
				each = v
			}
		}
	}
	e := 1
	if each != nil && !nullArg(each) {
		f, ok := floatArg(each)
		if !ok || f < 0 {
			return nil, c.Errorf("invalid 'each' argument")
		}
		e = int(f)
	}
	return repCore(c, x, times, lengthOut, e, true)
}

func repCore(c *eval.Frame, x, times, lengthOut eval.Value, each int, keepNames bool) (eval.Value, error) {
	var err error
	if x, err = plainValue(c, x); err != nil {
		return nil, err
	}
	if kindOf(x) == kNull {
		if lengthOut != nil && !nullArg(lengthOut) {
			if f, ok := floatArg(lengthOut); ok && f > 0 {
				return nil, c.Errorf("cannot replicate NULL to a non-zero length")
			}
		}
		return eval.Null, nil
	}
	if kindOf(x) > kList {
		return nil, c.Errorf("attempt to replicate an object of type '%s'", x.TypeName())
	}
	n := lenOf(x)
	// each
	base := make([]int, 0, n*each)
	for i := 0; i < n; i++ {
		for j := 0; j < each; j++ {
			base = append(base, i)
		}
	}
	lo := -1
	if lengthOut != nil && !nullArg(lengthOut) {
		f, ok := floatArg(lengthOut)
		if ok {
			if f < 0 {
				return nil, c.Errorf("invalid 'length.out' argument")
			}
			lo = int(f)
		} else if lenOf(lengthOut) != 1 {
			return nil, c.Errorf("invalid 'length.out' argument")
		}
	}
	// Refuse results that cannot be allocated (R: "cannot allocate vector").
	want := float64(lo)
	if lo < 0 && times != nil && !nullArg(times) {
		want = 0
		tv := toDoubles(times)
		if len(tv) == 1 {
			want = float64(len(base)) * tv[0]
		} else {
			for _, t := range tv {
				want += t
			}
		}
	}
	if want*8 > 4<<30 {
		return nil, c.Errorf("cannot allocate vector of size %.1f Gb", want*8/(1<<30))
	}
	var pos []int
	switch {
	case lo >= 0:
		pos = make([]int, lo)
		if len(base) > 0 {
			for i := range pos {
				pos[i] = base[i%len(base)]
			}
		} else {
			for i := range pos {
				pos[i] = -1
			}
		}
	case times == nil:
		pos = base
	case nullArg(times) || lenOf(times) == 0:
		return nil, c.Errorf("invalid 'times' argument")
	case len(base) == 0 && lenOf(times) != 1:
		pos = []int{}
	default:
		tv := toDoubles(times)
		if len(tv) == 1 {
			t := tv[0]
			if t != t || t < 0 {
				return nil, c.Errorf("invalid 'times' argument")
			}
			ti := int(t)
			pos = make([]int, 0, len(base)*ti)
			for k := 0; k < ti; k++ {
				pos = append(pos, base...)
			}
		} else {
			if len(tv) != len(base) {
				return nil, c.Errorf("invalid 'times' argument")
			}
			for i, t := range tv {
				if t != t || t < 0 {
					return nil, c.Errorf("invalid 'times' argument")
				}
				for k := 0; k < int(t); k++ {
					pos = append(pos, base[i])
				}
			}
		}
	}
	r := gather(x, pos)
	if keepNames {
		if nm := elemNames(x); nm != nil {
			setNames(r, gatherNames(nm, pos))
		}
	}
	if inheritsFrom(x, "factor") {
		hdr(r).SetAttr("levels", attr(x, "levels"))
		hdr(r).SetAttr("class", attr(x, "class"))
	}
	return r, nil
}

// ---- head / tail

func headTail(c *eval.Frame, x, nv eval.Value, head bool) (eval.Value, error) {
	if df, ok := x.(*eval.List); ok && isDataFrame(x) {
		// head.data.frame: x[rows, , drop = FALSE]
		nrow, _ := dfShape(df)
		nf, ok := floatArg(nv)
		if !ok {
			return nil, c.Errorf("invalid 'n' - must contain at least one non-missing element, got none.")
		}
		k := int(nf)
		cnt := k
		if k < 0 {
			cnt = max(nrow+k, 0)
		} else if k > nrow {
			cnt = nrow
		}
		idx := make([]int32, cnt)
		for i := range idx {
			if head {
				idx[i] = int32(i + 1)
			} else {
				idx[i] = int32(nrow - cnt + i + 1)
			}
		}
		return dfSubset(c, df, []eval.Value{eval.NewInt(idx), eval.MissingArg}, eval.False)
	}
	var err error
	if x, err = plainValue(c, x); err != nil {
		return nil, err
	}
	if lenOf(nv) != 1 && eval.Dim(x) == nil {
		return nil, c.Errorf("invalid 'n' - must have length one when dim(x) is NULL, got %d", lenOf(nv))
	}
	nf, ok := floatArg(nv)
	if !ok {
		return nil, c.Errorf("invalid 'n' - must contain at least one non-missing element, got none.")
	}
	k := int(nf)
	d := eval.Dim(x)
	total := lenOf(x)
	if len(d) >= 2 {
		total = d[0]
	}
	cnt := k
	if k < 0 {
		cnt = max(total+k, 0)
	} else if k > total {
		cnt = total
	}
	var pos []int
	if head {
		pos = seqInts(0, cnt)
	} else {
		pos = seqInts(total-cnt, total)
	}
	if len(d) >= 2 {
		idx := make([]int32, len(pos))
		for i, p := range pos {
			idx[i] = int32(p + 1)
		}
		sub := []eval.Value{eval.NewInt(idx)}
		for range d[1:] {
			sub = append(sub, eval.MissingArg)
		}
		r, err := arraySubset(c, x, sub, d, false)
		if err != nil {
			return nil, err
		}
		if !head && dimnamesAt(dimnamesOf(x), 0) == nil && len(pos) > 0 {
			rn := make([]string, len(pos))
			w := 0
			for i, p := range pos {
				rn[i] = "[" + itoa(p+1) + ",]"
				w = max(w, len(rn[i]))
			}
			// tail.matrix: format(sprintf("[%d,]", i), justify = "right")
			for i := range rn {
				rn[i] = strings.Repeat(" ", w-len(rn[i])) + rn[i]
			}
			dl := []eval.Value{eval.NewStr(rn)}
			for k := 1; k < len(d); k++ {
				if v := dimnamesAt(dimnamesOf(x), k); v != nil {
					dl = append(dl, eval.NewStr(v))
				} else {
					dl = append(dl, eval.Null)
				}
			}
			hdr(r).SetAttr("dimnames", eval.NewList(dl, nil))
		}
		return r, nil
	}
	if kindOf(x) == kNull {
		return eval.Null, nil
	}
	r := gather(x, pos)
	if nm := elemNames(x); nm != nil {
		setNames(r, gatherNames(nm, pos))
	}
	if inheritsFrom(x, "factor") {
		hdr(r).SetAttr("levels", attr(x, "levels"))
		hdr(r).SetAttr("class", attr(x, "class"))
	}
	return r, nil
}

func appendBuiltin(c *eval.Frame, a []eval.Value) (eval.Value, error) {
	x, values := a[0], a[1]
	n := lenOf(x)
	after := n
	if a[2] != nil {
		f, ok := floatArg(a[2])
		if ok {
			after = int(f)
		}
	}
	if after <= 0 {
		return combine(c, &eval.List{V: []eval.Value{values, x}}, false, true)
	}
	if after >= n {
		return combine(c, &eval.List{V: []eval.Value{x, values}}, false, true)
	}
	head, err := vectorSubset(c, x, intRange(1, after))
	if err != nil {
		return nil, err
	}
	tail, err := vectorSubset(c, x, intRange(after+1, n))
	if err != nil {
		return nil, err
	}
	return combine(c, &eval.List{V: []eval.Value{head, values, tail}}, false, true)
}

// intRange returns from:to (1-based, inclusive) as an integer vector.
func intRange(from, to int) eval.Value {
	r := make([]int32, 0, to-from+1)
	for i := from; i <= to; i++ {
		r = append(r, int32(i))
	}
	return eval.NewInt(r)
}

// ---- which

func whichBuiltin(c *eval.Frame, a []eval.Value) (eval.Value, error) {
	l, ok := a[0].(*eval.Logical)
	if !ok {
		return nil, c.Errorf("argument to 'which' is not logical")
	}
	var r []int32
	for i, b := range l.V {
		if b == 1 {
			r = append(r, int32(i+1))
		}
	}
	if r == nil {
		r = []int32{}
	}
	res := eval.NewInt(r)
	useNames := a[2] == nil || trueArg(a[2])
	if trueArg(a[1]) {
		if d := eval.Dim(l); len(d) >= 2 {
			return arrayInd(r, d, dimnamesOf(l)), nil
		}
	}
	if nm := elemNames(l); nm != nil && useNames {
		pos := make([]int, len(r))
		for i, p := range r {
			pos[i] = int(p) - 1
		}
		setNames(res, gatherNames(nm, pos))
	}
	return res, nil
}

func arrayInd(idx []int32, d []int, dn *eval.List) eval.Value {
	m := len(idx)
	r := make([]int32, m*len(d))
	for i, p := range idx {
		off := int(p) - 1
		for k, dk := range d {
			r[i+k*m] = int32(off%dk + 1)
			off /= dk
		}
	}
	res := eval.NewInt(r)
	res.SetAttr("dim", intDim([]int{m, len(d)}))
	cn := make([]string, len(d))
	for k := range cn {
		if len(d) == 2 {
			cn[k] = []string{"row", "col"}[k]
		} else {
			cn[k] = "dim" + itoa(k+1)
		}
	}
	var rn eval.Value = eval.Null
	if rnames := dimnamesAt(dn, 0); rnames != nil {
		s := make([]string, m)
		for i, p := range idx {
			s[i] = rnames[(int(p)-1)%d[0]]
		}
		rn = eval.NewStr(s)
	}
	res.SetAttr("dimnames", eval.NewList([]eval.Value{rn, eval.NewStr(cn)}, nil))
	return res
}

func whichExt(c *eval.Frame, x eval.Value, isMax bool) (eval.Value, error) {
	var err error
	if x, err = plainValue(c, x); err != nil {
		return nil, err
	}
	if kindOf(x) == kList {
		return nil, c.Errorf("'list' object cannot be coerced to type 'double'")
	}
	v := toDoubles(x)
	best := -1
	var s float64
	for i, f := range v {
		if f != f {
			continue
		}
		if best < 0 || (isMax && f > s) || (!isMax && f < s) {
			best, s = i, f
		}
	}
	if best < 0 {
		return eval.NewInt([]int32{}), nil
	}
	r := eval.NewInt1(int32(best + 1))
	if nm := elemNames(x); nm != nil {
		setNames(r, []string{nm[best]})
	}
	return r, nil
}

func tabulateBuiltin(c *eval.Frame, a []eval.Value) (eval.Value, error) {
	if k := kindOf(a[0]); (k != kInt && k != kDbl) && !inheritsFrom(a[0], "factor") {
		return nil, c.Errorf("'bin' must be numeric or a factor")
	}
	bin := toInts(a[0])
	nb := 1
	if a[1] != nil {
		f, ok := floatArg(a[1])
		if !ok || f < 0 {
			return nil, c.Errorf("invalid '%s' argument", "nbins")
		}
		nb = int(f)
	} else {
		for _, b := range bin {
			if b != eval.NAInt && int(b) > nb {
				nb = int(b)
			}
		}
	}
	r := make([]int32, nb)
	for _, b := range bin {
		if b != eval.NAInt && b >= 1 && int(b) <= nb {
			r[b-1]++
		}
	}
	return eval.NewInt(r), nil
}

var _ = math.Inf

// complexBuiltin is complex(length.out, real, imaginary, modulus,
// argument): from real and imaginary parts (recycled to the longest or
// length.out), or from polar coordinates when modulus or argument is given.
func complexBuiltin(c *eval.Frame, a []eval.Value) (eval.Value, error) {
	n, err := lengthArg(c, a[0])
	if err != nil {
		return nil, err
	}
	num := func(v eval.Value, def []float64) []float64 {
		if v == nil {
			return def
		}
		return toDoubles(v)
	}
	re, im := num(a[1], nil), num(a[2], nil)
	if a[3] != nil || a[4] != nil {
		mod, arg := num(a[3], []float64{1}), num(a[4], []float64{0})
		m := max(n, len(mod), len(arg))
		out := make([]complex128, m)
		for i := range out {
			r, t := mod[i%len(mod)], arg[i%len(arg)]
			out[i] = complex(r*math.Cos(t), r*math.Sin(t))
		}
		return eval.NewComplex(out), nil
	}
	m := max(n, len(re), len(im))
	out := make([]complex128, m)
	for i := range out {
		var r, t float64
		if len(re) > 0 {
			r = re[i%len(re)]
		}
		if len(im) > 0 {
			t = im[i%len(im)]
		}
		out[i] = complex(r, t)
	}
	return eval.NewComplex(out), nil
}

func init() {
	part := func(name string, f func(complex128) float64) *eval.Builtin {
		return &eval.Builtin{Name: name, Formals: []string{"z"}, Fn: func(c *eval.Frame, a []eval.Value) (eval.Value, error) {
			if !isNumeric(a[0]) && kindOf(a[0]) != kCplx {
				return nil, c.Errorf("non-numeric argument to function")
			}
			z := toComplex(a[0])
			out := make([]float64, len(z))
			for i, v := range z {
				if eval.IsNA(real(v)) || eval.IsNA(imag(v)) {
					out[i] = eval.NAReal
					continue
				}
				out[i] = f(v)
			}
			return keepAttrs(eval.NewDouble(out), a[0], true), nil
		}}
	}
	eval.RegisterAll(
		part("Re", func(z complex128) float64 { return real(z) }),
		part("Im", func(z complex128) float64 { return imag(z) }),
		part("Mod", func(z complex128) float64 { return math.Hypot(real(z), imag(z)) }),
		part("Arg", func(z complex128) float64 { return math.Atan2(imag(z), real(z)) }),
		&eval.Builtin{Name: "Conj", Formals: []string{"z"}, Fn: func(c *eval.Frame, a []eval.Value) (eval.Value, error) {
			if isNumeric(a[0]) {
				return a[0], nil
			}
			if kindOf(a[0]) != kCplx {
				return nil, c.Errorf("non-numeric argument to function")
			}
			z := toComplex(a[0])
			out := make([]complex128, len(z))
			for i, v := range z {
				out[i] = complex(real(v), -imag(v))
			}
			return keepAttrs(eval.NewComplex(out), a[0], true), nil
		}},
	)
}
