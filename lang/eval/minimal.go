package eval

import (
	"cmp"
	"math"
	"strings"
)

// Minimal implementations of operators and a few vector functions so the
// evaluator works (and can be tested) on its own. lang/base registers the
// full, R-exact versions under the same names; being registered later, they
// replace these.

func numSlice(v Value) ([]float64, bool) {
	switch x := v.(type) {
	case *Double:
		return x.V, true
	case *Integer:
		r := make([]float64, len(x.V))
		for i, n := range x.V {
			if n == NAInt {
				r[i] = NAReal
			} else {
				r[i] = float64(n)
			}
		}
		return r, true
	case *Logical:
		r := make([]float64, len(x.V))
		for i, n := range x.V {
			if n == NALogical {
				r[i] = NAReal
			} else {
				r[i] = float64(n)
			}
		}
		return r, true
	}
	return nil, false
}

func minimalArith(op string) func(c *Frame, a []Value) (Value, error) {
	return func(c *Frame, a []Value) (Value, error) {
		if a[1] == nil {
			x, ok := numSlice(a[0])
			if !ok {
				return nil, c.Errorf("invalid argument to unary operator")
			}
			r := make([]float64, len(x))
			for i, f := range x {
				if op == "-" {
					r[i] = -f
				} else {
					r[i] = f
				}
			}
			return NewDouble(r), nil
		}
		x, ok1 := numSlice(a[0])
		y, ok2 := numSlice(a[1])
		if !ok1 || !ok2 {
			return nil, c.Errorf("non-numeric argument to binary operator")
		}
		_, xi := a[0].(*Integer)
		_, yi := a[1].(*Integer)
		n := max(len(x), len(y))
		if len(x) == 0 || len(y) == 0 {
			n = 0
		}
		r := make([]float64, n)
		for i := range r {
			p, q := x[i%len(x)], y[i%len(y)]
			switch op {
			case "+":
				r[i] = p + q
			case "-":
				r[i] = p - q
			case "*":
				r[i] = p * q
			case "/":
				r[i] = p / q
			case "^":
				r[i] = math.Pow(p, q)
			case "%%":
				r[i] = p - math.Floor(p/q)*q
			case "%/%":
				r[i] = math.Floor(p / q)
			}
		}
		if xi && yi && op != "/" && op != "^" {
			ri := make([]int32, n)
			for i, f := range r {
				if f != f {
					ri[i] = NAInt
				} else {
					ri[i] = int32(f)
				}
			}
			return NewInt(ri), nil
		}
		return NewDouble(r), nil
	}
}

// compareOp applies the comparison operator op ("==", "<", ...) to p and q.
func compareOp[T cmp.Ordered](op string, p, q T) bool {
	switch op {
	case "==":
		return p == q
	case "!=":
		return p != q
	case "<":
		return p < q
	case ">":
		return p > q
	case "<=":
		return p <= q
	case ">=":
		return p >= q
	}
	return false
}

func minimalCompare(op string) func(c *Frame, a []Value) (Value, error) {
	return func(c *Frame, a []Value) (Value, error) {
		xs, xok := a[0].(*Character)
		ys, yok := a[1].(*Character)
		if xok || yok {
			if !xok {
				xs = NewStr(AsStrings(a[0]))
			}
			if !yok {
				ys = NewStr(AsStrings(a[1]))
			}
			n := max(len(xs.V), len(ys.V))
			r := make([]int32, n)
			for i := range r {
				p, q := xs.V[i%len(xs.V)], ys.V[i%len(ys.V)]
				if p == NAString || q == NAString {
					r[i] = NALogical
					continue
				}
				r[i] = b2i(compareOp(op, p, q))
			}
			return NewLgl(r), nil
		}
		x, ok1 := numSlice(a[0])
		y, ok2 := numSlice(a[1])
		if !ok1 || !ok2 {
			return nil, c.Errorf("comparison (%s) is possible only for atomic and list types", op)
		}
		n := max(len(x), len(y))
		if len(x) == 0 || len(y) == 0 {
			n = 0
		}
		r := make([]int32, n)
		for i := range r {
			p, q := x[i%len(x)], y[i%len(y)]
			if p != p || q != q {
				r[i] = NALogical
				continue
			}
			r[i] = b2i(compareOp(op, p, q))
		}
		return NewLgl(r), nil
	}
}

func minimalIndexPos(c *Frame, iv Value, n int) (int, error) {
	f, ok := scalarNum(iv)
	if !ok || !(f >= 1) || f > float64(n)+1e6 {
		return 0, c.Errorf("invalid subscript")
	}
	return int(f) - 1, nil
}

func minimalSubset(c *Frame, a []Value) (Value, error) {
	x := a[0]
	idx := a[1].(*List)
	if len(idx.V) == 0 {
		return x, nil
	}
	iv := idx.V[0]
	var pos []int
	n := Length(x)
	switch t := iv.(type) {
	case *Character:
		nms := Names(x)
		for _, s := range t.V {
			p := -1
			for i, nm := range nms {
				if nm == s {
					p = i
					break
				}
			}
			pos = append(pos, p)
		}
	case *Logical:
		for i := 0; i < n; i++ {
			if t.V[i%len(t.V)] == 1 {
				pos = append(pos, i)
			}
		}
	default:
		fs, ok := numSlice(iv)
		if !ok {
			return nil, c.Errorf("invalid subscript type '%s'", iv.TypeName())
		}
		neg := false
		for _, f := range fs {
			if f < 0 {
				neg = true
			}
		}
		if neg {
			drop := map[int]bool{}
			for _, f := range fs {
				drop[int(-f)-1] = true
			}
			for i := 0; i < n; i++ {
				if !drop[i] {
					pos = append(pos, i)
				}
			}
		} else {
			for _, f := range fs {
				if f >= 1 {
					pos = append(pos, int(f)-1)
				}
			}
		}
	}
	var r Value
	switch t := x.(type) {
	case *Double:
		r = NewDouble(Gather(t.V, pos, NAReal))
	case *Integer:
		r = NewInt(Gather(t.V, pos, NAInt))
	case *Logical:
		r = NewLgl(Gather(t.V, pos, NALogical))
	case *Character:
		r = NewStr(Gather(t.V, pos, NAString))
	case *List:
		r = NewList(Gather(t.V, pos, Value(Null)), nil)
	case *NullType:
		return Null, nil
	default:
		return nil, c.Errorf("object of type '%s' is not subsettable", x.TypeName())
	}
	if nms := Names(x); nms != nil {
		r.(Attributed).Hdr().SetAttr("names", NewStr(Gather(nms, pos, NAString)))
	}
	return r, nil
}

func listIndex(c *Frame, x Value, iv Value, exact bool) (int, error) {
	if s, ok := iv.(*Character); ok && len(s.V) == 1 {
		nms := Names(x)
		for i, nm := range nms {
			if nm == s.V[0] {
				return i, nil
			}
		}
		if !exact {
			found := -1
			for i, nm := range nms {
				if strings.HasPrefix(nm, s.V[0]) {
					if found >= 0 {
						return -1, nil
					}
					found = i
				}
			}
			return found, nil
		}
		return -1, nil
	}
	f, ok := scalarNum(iv)
	if !ok || f != f || f > float64(Length(x))+1e6 {
		return 0, c.Errorf("invalid subscript")
	}
	return int(f) - 1, nil
}

func minimalSubset2(c *Frame, a []Value) (Value, error) {
	x := a[0]
	idx := a[1].(*List)
	if len(idx.V) != 1 {
		return nil, c.Errorf("incorrect number of subscripts")
	}
	i, err := listIndex(c, x, idx.V[0], true)
	if err != nil {
		return nil, err
	}
	if l, ok := x.(*List); ok {
		if i < 0 || i >= len(l.V) {
			if _, ok := idx.V[0].(*Character); ok {
				return Null, nil
			}
			return nil, c.Errorf("subscript out of bounds")
		}
		MarkShared(l.V[i])
		return l.V[i], nil
	}
	if e, ok := x.(*Env); ok {
		s, _ := asString1(idx.V[0])
		v, ok := e.GetLocal(s)
		if !ok {
			return Null, nil
		}
		return c.In.forceArg(v)
	}
	if i < 0 || i >= Length(x) {
		return nil, c.Errorf("subscript out of bounds")
	}
	return elementAt(x, i), nil
}

func minimalDollar(c *Frame, a []Value) (Value, error) {
	x := a[0]
	name, _ := asString1(a[1])
	switch t := x.(type) {
	case *List:
		i, _ := listIndex(c, t, NewStr1(name), false)
		if i < 0 {
			return Null, nil
		}
		MarkShared(t.V[i])
		return t.V[i], nil
	case *Env:
		v, ok := t.GetLocal(name)
		if !ok {
			return Null, nil
		}
		return c.In.forceArg(v)
	case *NullType:
		return Null, nil
	}
	return nil, c.Errorf("$ operator is invalid for atomic vectors")
}

func minimalSetList(c *Frame, x Value, iv Value, v Value) (Value, error) {
	l, ok := x.(*List)
	if !ok {
		if x == Value(Null) {
			l = &List{}
		} else {
			return nil, c.Errorf("minimal [[<- supports lists only")
		}
	} else {
		l = Modifiable(l).(*List)
	}
	i, err := listIndex(c, l, iv, true)
	if err != nil {
		return nil, err
	}
	if i < 0 {
		if s, ok := iv.(*Character); ok {
			nms := Names(l)
			if nms == nil {
				nms = make([]string, len(l.V))
			}
			if v == Value(Null) {
				return l, nil
			}
			Ref(v)
			l.V = append(l.V, v)
			l.SetAttr("names", NewStr(append(append([]string{}, nms...), s.V[0])))
			return l, nil
		}
		return nil, c.Errorf("invalid subscript")
	}
	if v == Value(Null) {
		if i < len(l.V) {
			nv := append(append([]Value{}, l.V[:i]...), l.V[i+1:]...)
			nms := Names(l)
			l.V = nv
			if nms != nil {
				l.SetAttr("names", NewStr(append(append([]string{}, nms[:i]...), nms[i+1:]...)))
			}
		}
		return l, nil
	}
	for len(l.V) <= i {
		l.V = append(l.V, Null)
	}
	Ref(v)
	l.V[i] = v
	return l, nil
}

func init() {
	for _, op := range []string{"+", "-", "*", "/", "^", "%%", "%/%"} {
		Register(&Builtin{Name: op, Formals: []string{"e1", "e2"}, Fn: minimalArith(op)})
	}
	for _, op := range []string{"==", "!=", "<", ">", "<=", ">="} {
		Register(&Builtin{Name: op, Formals: []string{"e1", "e2"}, Fn: minimalCompare(op)})
	}
	RegisterAll(
		&Builtin{Name: "!", Formals: []string{"x"}, Fn: func(c *Frame, a []Value) (Value, error) {
			l, ok := a[0].(*Logical)
			if !ok {
				f, ok := numSlice(a[0])
				if !ok {
					return nil, c.Errorf("invalid argument type")
				}
				r := make([]int32, len(f))
				for i, x := range f {
					if x != x {
						r[i] = NALogical
					} else {
						r[i] = b2i(x == 0)
					}
				}
				return NewLgl(r), nil
			}
			r := make([]int32, len(l.V))
			for i, x := range l.V {
				if x == NALogical {
					r[i] = NALogical
				} else {
					r[i] = 1 - x
				}
			}
			return NewLgl(r), nil
		}},
		&Builtin{Name: ":", Formals: []string{"from", "to"}, Fn: func(c *Frame, a []Value) (Value, error) {
			f, ok1 := scalarNum(a[0])
			t, ok2 := scalarNum(a[1])
			if !ok1 || !ok2 {
				return nil, c.Errorf("NA/NaN argument")
			}
			if math.Abs(t-f) >= 1e7 {
				// The minimal version does not allocate huge ranges.
				return nil, c.Errorf("result would be too long a vector")
			}
			n := int(math.Floor(math.Abs(t-f)+1e-10)) + 1
			if f == math.Trunc(f) && math.Abs(f) < math.MaxInt32 && math.Abs(t) < math.MaxInt32 {
				r := make([]int32, n)
				for i := range r {
					if t >= f {
						r[i] = int32(f) + int32(i)
					} else {
						r[i] = int32(f) - int32(i)
					}
				}
				return NewInt(r), nil
			}
			r := make([]float64, n)
			for i := range r {
				if t >= f {
					r[i] = f + float64(i)
				} else {
					r[i] = f - float64(i)
				}
			}
			return NewDouble(r), nil
		}},
		&Builtin{Name: "[", Formals: []string{"x", "..."}, Generic: true, Fn: minimalSubset},
		&Builtin{Name: "[[", Formals: []string{"x", "..."}, Generic: true, Fn: minimalSubset2},
		&Builtin{Name: "$", Formals: []string{"x", "name"}, Generic: true, Fn: minimalDollar},
		&Builtin{Name: "[<-", Formals: []string{"x", "...", "value"}, Generic: true, Fn: func(c *Frame, a []Value) (Value, error) {
			idx := a[1].(*List)
			if len(idx.V) != 1 {
				return nil, c.Errorf("minimal [<- supports one index")
			}
			if _, ok := a[0].(*List); ok {
				return minimalSetList(c, a[0], idx.V[0], a[2])
			}
			i, err := minimalIndexPos(c, idx.V[0], Length(a[0]))
			if err != nil {
				return nil, err
			}
			x := Modifiable(a[0])
			switch t := x.(type) {
			case *Double:
				f, _ := numSlice(a[2])
				for len(t.V) <= i {
					t.V = append(t.V, NAReal)
				}
				t.V[i] = f[0]
			case *Integer:
				if v, ok := a[2].(*Integer); ok {
					for len(t.V) <= i {
						t.V = append(t.V, NAInt)
					}
					t.V[i] = v.V[0]
				} else {
					f, _ := numSlice(t)
					d := NewDouble(append([]float64{}, f...))
					g, _ := numSlice(a[2])
					for len(d.V) <= i {
						d.V = append(d.V, NAReal)
					}
					d.V[i] = g[0]
					return d, nil
				}
			case *Character:
				s := AsStrings(a[2])
				for len(t.V) <= i {
					t.V = append(t.V, NAString)
				}
				t.V[i] = s[0]
			case *Logical:
				l, _ := a[2].(*Logical)
				if l == nil {
					return nil, c.Errorf("minimal [<-: type change")
				}
				for len(t.V) <= i {
					t.V = append(t.V, NALogical)
				}
				t.V[i] = l.V[0]
			default:
				return nil, c.Errorf("minimal [<-: unsupported type")
			}
			return x, nil
		}},
		&Builtin{Name: "[[<-", Formals: []string{"x", "...", "value"}, Generic: true, Fn: func(c *Frame, a []Value) (Value, error) {
			idx := a[1].(*List)
			if len(idx.V) != 1 {
				return nil, c.Errorf("minimal [[<- supports one index")
			}
			if e, ok := a[0].(*Env); ok {
				s, _ := asString1(idx.V[0])
				e.Assign(s, a[2])
				return e, nil
			}
			return minimalSetList(c, a[0], idx.V[0], a[2])
		}},
		&Builtin{Name: "$<-", Formals: []string{"x", "name", "value"}, Generic: true, Fn: func(c *Frame, a []Value) (Value, error) {
			return minimalSetList(c, a[0], a[1], a[2])
		}},
		&Builtin{Name: "c", Formals: []string{"..."}, Fn: minimalC},
		&Builtin{Name: "list", Formals: []string{"..."}, Fn: func(c *Frame, a []Value) (Value, error) {
			l := a[0].(*List)
			for i, v := range l.V {
				if v == MissingArg {
					l.V[i] = NewSymbol("")
				}
			}
			return l, nil
		}},
		&Builtin{Name: "length", Formals: []string{"x"}, Generic: true, Fn: func(c *Frame, a []Value) (Value, error) {
			return NewInt1(int32(Length(a[0]))), nil
		}},
		&Builtin{Name: "names", Formals: []string{"x"}, Generic: true, Fn: func(c *Frame, a []Value) (Value, error) {
			if e, ok := a[0].(*Env); ok {
				return NewStr(e.Names()), nil
			}
			if l, ok := a[0].(*Lang); ok {
				if l.TypeName() == "symbol" {
					return Null, nil
				}
				lst := LangToList(l)
				if n := Names(lst); n != nil {
					return NewStr(n), nil
				}
				return Null, nil
			}
			if h, ok := a[0].(HasDollar); ok {
				return NewStr(h.DollarNames()), nil
			}
			if at, ok := a[0].(Attributed); ok {
				if n := at.Hdr().Attr("names"); n != nil {
					return n, nil
				}
			}
			return Null, nil
		}},
		&Builtin{Name: "names<-", Formals: []string{"x", "value"}, Generic: true, Fn: func(c *Frame, a []Value) (Value, error) {
			x, ok := Modifiable(a[0]).(Attributed)
			if !ok {
				return nil, c.Errorf("names() applied to a non-vector")
			}
			if a[1] == Value(Null) {
				x.Hdr().SetAttr("names", nil)
			} else {
				x.Hdr().SetAttr("names", NewStr(AsStrings(a[1])))
			}
			return x, nil
		}},
		&Builtin{Name: "class", Formals: []string{"x"}, Fn: func(c *Frame, a []Value) (Value, error) {
			return NewStr(ImplicitClass(a[0])), nil
		}},
		&Builtin{Name: "class<-", Formals: []string{"x", "value"}, Fn: func(c *Frame, a []Value) (Value, error) {
			x, ok := Modifiable(a[0]).(Attributed)
			if !ok {
				return nil, c.Errorf("cannot set class")
			}
			if a[1] == Value(Null) {
				x.Hdr().SetAttr("class", nil)
			} else {
				x.Hdr().SetAttr("class", NewStr(AsStrings(a[1])))
			}
			return x, nil
		}},
		&Builtin{Name: "inherits", Formals: []string{"x", "what", "which = FALSE"}, Fn: func(c *Frame, a []Value) (Value, error) {
			cls := ImplicitClass(a[0])
			for _, w := range AsStrings(a[1]) {
				if classMatch(cls, w) {
					return True, nil
				}
			}
			return False, nil
		}},
		&Builtin{Name: "cat", Formals: []string{"...", "file = \"\"", "sep = \" \"", "fill = FALSE", "labels = NULL", "append = FALSE"}, Invisible: true, Fn: func(c *Frame, a []Value) (Value, error) {
			sep := AsStrings(a[2])[0]
			var parts []string
			for _, v := range a[0].(*List).V {
				for _, s := range AsStrings(v) {
					if s == NAString {
						s = "NA"
					}
					parts = append(parts, s)
				}
			}
			var b strings.Builder
			for i, p := range parts {
				if i > 0 {
					b.WriteString(sep)
				}
				b.WriteString(p)
			}
			_, err := c.In.Stdout.Write([]byte(b.String()))
			return Null, err
		}},
		&Builtin{Name: "paste0", Formals: []string{"...", "collapse = NULL"}, Fn: func(c *Frame, a []Value) (Value, error) {
			return NewStr1(pasteArgs(a[0].(*List))), nil
		}},
	)
}

func minimalC(c *Frame, a []Value) (Value, error) {
	l := a[0].(*List)
	kind := 0 // 0 null 1 lgl 2 int 3 dbl 4 str 5 list
	for _, v := range l.V {
		k := 0
		switch v.(type) {
		case *Logical:
			k = 1
		case *Integer:
			k = 2
		case *Double:
			k = 3
		case *Character:
			k = 4
		case *NullType:
			k = 0
		default:
			k = 5
		}
		kind = max(kind, k)
	}
	argNames := Names(l)
	var names []string
	hasNames := false
	addName := func(outer string, inner []string, n, i int) {
		nm := ""
		switch {
		case outer != "" && n == 1:
			nm = outer
		case outer != "" && inner != nil:
			nm = outer + "." + inner[i]
		case outer != "":
			nm = outer + itoa(i+1)
		case inner != nil:
			nm = inner[i]
		}
		if nm != "" {
			hasNames = true
		}
		names = append(names, nm)
	}
	var out Value
	switch kind {
	case 0:
		return Null, nil
	case 5:
		var vals []Value
		for i, v := range l.V {
			outer := ""
			if argNames != nil {
				outer = argNames[i]
			}
			if lv, ok := v.(*List); ok {
				inner := Names(lv)
				for j, e := range lv.V {
					vals = append(vals, e)
					addName(outer, inner, len(lv.V), j)
				}
				continue
			}
			vals = append(vals, v)
			addName(outer, nil, 1, 0)
		}
		out = NewList(vals, nil)
	case 4:
		var r []string
		for i, v := range l.V {
			s := AsStrings(v)
			r = append(r, s...)
			outer := ""
			if argNames != nil {
				outer = argNames[i]
			}
			for j := range s {
				addName(outer, Names(v), len(s), j)
			}
		}
		out = NewStr(r)
	case 3:
		var r []float64
		for i, v := range l.V {
			f, _ := numSlice(v)
			r = append(r, f...)
			outer := ""
			if argNames != nil {
				outer = argNames[i]
			}
			for j := range f {
				addName(outer, Names(v), len(f), j)
			}
		}
		out = NewDouble(r)
	default:
		var r []int32
		for i, v := range l.V {
			var s []int32
			switch t := v.(type) {
			case *Integer:
				s = t.V
			case *Logical:
				s = t.V
			}
			r = append(r, s...)
			outer := ""
			if argNames != nil {
				outer = argNames[i]
			}
			for j := range s {
				addName(outer, Names(v), len(s), j)
			}
		}
		if kind == 1 {
			out = NewLgl(r)
		} else {
			out = NewInt(r)
		}
	}
	if hasNames {
		out.(Attributed).Hdr().SetAttr("names", NewStr(names))
	}
	return out, nil
}

func itoa(i int) string {
	return strings.TrimSpace(strings.Repeat(" ", 0) + fmtInt(i))
}

func fmtInt(i int) string {
	if i == 0 {
		return "0"
	}
	var b []byte
	neg := i < 0
	if neg {
		i = -i
	}
	for i > 0 {
		b = append([]byte{byte('0' + i%10)}, b...)
		i /= 10
	}
	if neg {
		b = append([]byte{'-'}, b...)
	}
	return string(b)
}
