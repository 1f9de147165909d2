package torch

import (
	"fmt"
	"strings"

	"torchr/lang/eval"
	"torchr/lang/syntax"
	"torchr/tensor"
)

// marker is one of R torch's index helpers: N (the size of the indexed
// dimension), .. (all remaining dimensions) and newaxis.
type marker struct{ name string }

func (m *marker) TypeName() string { return "externalptr" }
func (m *marker) PrintText(in *eval.Interp) (string, error) {
	return "<torch index marker " + m.name + ">\n", nil
}

// Binary makes a:N and N-1 work: ":" gives a slice, arithmetic on N is
// kept as an offset from the size.
func (m *marker) Binary(in *eval.Interp, op string, other eval.Value, side eval.Side) (eval.Value, error) {
	if m != markN {
		return nil, nil
	}
	if op == ":" {
		o, err := sliceEnd(other)
		if err != nil {
			return nil, err
		}
		if side == eval.Right {
			return &sliceSpec{start: o, end: endN{0}, step: 1}, nil
		}
		return &sliceSpec{start: endN{0}, end: o, step: 1}, nil
	}
	f, err := FloatArg(other)
	if err != nil {
		return nil, nil
	}
	switch {
	case op == "-" && side == eval.Left:
		return &offsetN{-int(f)}, nil
	case op == "+":
		return &offsetN{int(f)}, nil
	}
	return nil, nil
}

// offsetN is N + k.
type offsetN struct{ k int }

func (o *offsetN) TypeName() string { return "externalptr" }
func (o *offsetN) Binary(in *eval.Interp, op string, other eval.Value, side eval.Side) (eval.Value, error) {
	if op != ":" {
		return nil, nil
	}
	e, err := sliceEnd(other)
	if err != nil {
		return nil, err
	}
	if side == eval.Right {
		return &sliceSpec{start: e, end: endN{o.k}, step: 1}, nil
	}
	return &sliceSpec{start: endN{o.k}, end: e, step: 1}, nil
}

// endN is a position relative to the size N of the dimension.
type endN struct{ k int }

// sliceSpec is start:end(:step), 1-based and inclusive; start and end are
// int or endN.
type sliceSpec struct {
	start, end any
	step       int
}

func (s *sliceSpec) TypeName() string { return "externalptr" }

// Binary: (a:N):step.
func (s *sliceSpec) Binary(in *eval.Interp, op string, other eval.Value, side eval.Side) (eval.Value, error) {
	if op != ":" || side != eval.Left {
		return nil, nil
	}
	st, err := IntArg(other)
	if err != nil {
		return nil, err
	}
	return &sliceSpec{start: s.start, end: s.end, step: st}, nil
}

func sliceEnd(v eval.Value) (any, error) {
	switch x := v.(type) {
	case *offsetN:
		return endN{x.k}, nil
	case *marker:
		if x == markN {
			return endN{0}, nil
		}
	}
	return IntArg(v)
}

var (
	markN       = &marker{"N"}
	markDots    = &marker{".."}
	markNewaxis = &marker{"newaxis"}
)

func init() {
	eval.Register(&eval.Builtin{Name: "slc", Formals: []string{"start", "end", "step = 1"}, Fn: func(c *eval.Frame, a []eval.Value) (eval.Value, error) {
		s, err := sliceEnd(a[0])
		if err != nil {
			return nil, err
		}
		e, err := sliceEnd(a[1])
		if err != nil {
			return nil, err
		}
		st, err := IntArg(a[2])
		if err != nil {
			return nil, err
		}
		return &sliceSpec{start: s, end: e, step: st}, nil
	}})
	extraPages["slc"] = "A slice for tensor indexing: x[slc(start = 1, end = 5, step = 2)] is x[1:5:2] (end included; N is the size of the dimension)."
	eval.RegisterVar("N", markN)
	eval.RegisterVar("..", markDots)
	eval.RegisterVar("newaxis", markNewaxis)
}

// colonSlice recognises a:b and a:b:c written in an index (R torch's
// non-standard evaluation: R parses a:b:c as (a:b):c) and evaluates them as
// an inclusive slice: 2:5, 1:(-7) (up to the 7th from the end), 1:10:2,
// 5:N. A decreasing a:b of positive numbers is left to R's `:`.
func colonSlice(in *eval.Interp, x syntax.Expr, env *eval.Env) (*sliceSpec, bool, error) {
	for {
		p, ok := x.(*syntax.Paren)
		if !ok {
			break
		}
		x = p.X
	}
	b, ok := x.(*syntax.Binary)
	if !ok || b.Op != syntax.COLON {
		return nil, false, nil
	}
	ev := func(e syntax.Expr) (any, error) {
		v, err := in.Eval(e, env)
		if err != nil {
			return nil, err
		}
		return sliceEnd(v)
	}
	startX, endX, stepX := b.X, b.Y, syntax.Expr(nil)
	if inner, ok := b.X.(*syntax.Binary); ok && inner.Op == syntax.COLON {
		startX, endX, stepX = inner.X, inner.Y, b.Y
	}
	s, err := ev(startX)
	if err != nil {
		return nil, true, err
	}
	e, err := ev(endX)
	if err != nil {
		return nil, true, err
	}
	step := 1
	if stepX != nil {
		stv, err := in.Eval(stepX, env)
		if err != nil {
			return nil, true, err
		}
		if step, err = IntArg(stv); err != nil {
			return nil, true, err
		}
	}
	si, sInt := s.(int)
	ei, eInt := e.(int)
	if sInt && eInt && stepX == nil && si > 0 && ei > 0 && si > ei {
		return nil, false, nil
	}
	if sInt && si == 0 || eInt && ei == 0 {
		return nil, true, fmt.Errorf("Indexing starts at 1 but found a 0.")
	}
	return &sliceSpec{start: s, end: e, step: step}, true, nil
}

// dropColonWarnings removes the "numerical expression has n elements"
// warning R's `:` gave while evaluating a:b:c.
func dropColonWarnings(in *eval.Interp) {
	ws := in.TakeWarnings()
	for _, w := range ws {
		if strings.Contains(w.Msg, "numerical expression has") {
			continue
		}
		in.Warning(w.Call, w.Msg)
	}
}

// idx is one resolved index item.
type idxItem struct {
	kind  byte // 'a' all, 's' select, 'r' range, 'v' vector (long tensor), 'm' mask, 'n' newaxis, 'd' dots
	i     int
	r     *sliceSpec
	t     *tensor.Tensor
	ndims int // dims a mask covers
}

func (t *Tensor) items(in *eval.Interp, a *eval.IndexArgs) ([]idxItem, error) {
	rt := Runtime(in)
	var items []idxItem
	hadSteps := false
	for _, arg := range a.Args {
		v := arg.Value
		if arg.Expr != nil {
			if s, ok, err := colonSlice(in, arg.Expr, a.Env); ok {
				if err != nil {
					return nil, err
				}
				hadSteps = true
				items = append(items, idxItem{kind: 'r', r: s})
				continue
			}
		}
		switch x := v.(type) {
		case *eval.MissingArgType:
			items = append(items, idxItem{kind: 'a'})
		case *marker:
			switch x {
			case markDots:
				items = append(items, idxItem{kind: 'd'})
			case markNewaxis:
				items = append(items, idxItem{kind: 'n'})
			default:
				items = append(items, idxItem{kind: 's', r: &sliceSpec{start: endN{0}}})
			}
		case *offsetN:
			items = append(items, idxItem{kind: 's', r: &sliceSpec{start: endN{x.k}}})
		case *sliceSpec:
			items = append(items, idxItem{kind: 'r', r: x})
		case *eval.NullType:
			items = append(items, idxItem{kind: 'n'})
		case *Tensor:
			switch x.T.DType() {
			case tensor.Bool, tensor.Uint8:
				items = append(items, idxItem{kind: 'm', t: x.T, ndims: x.T.Dim()})
			default:
				if x.T.Dim() == 0 {
					f, _ := x.T.Item()
					items = append(items, idxItem{kind: 's', i: int(f)})
					continue
				}
				// 1-based indices; negative ones count from the end
				items = append(items, idxItem{kind: 'v', t: x.T})
			}
		case *eval.Logical:
			if len(x.V) == 1 && x.V[0] != 0 {
				items = append(items, idxItem{kind: 'a'})
				continue
			}
			// an R logical vector selects its TRUE positions (R semantics:
			// x[c(TRUE, FALSE), c(TRUE, FALSE)] is 1x1, as in R torch)
			var pos []int64
			for k, b := range x.V {
				if b == eval.NALogical {
					return nil, fmt.Errorf("NA in a logical index")
				}
				if b != 0 {
					pos = append(pos, int64(k+1))
				}
			}
			vt, _ := tensor.FromInt64(pos, len(pos))
			items = append(items, idxItem{kind: 'v', t: vt})
		case *eval.Integer, *eval.Double:
			is, err := IntsArg(x)
			if err != nil {
				return nil, err
			}
			if len(is) == 1 {
				if is[0] == 0 {
					return nil, fmt.Errorf("Indexing starts at 1 but found a 0.")
				}
				items = append(items, idxItem{kind: 's', i: is[0]})
				continue
			}
			consecutive := len(is) > 1 && is[0] > 0
			for k := 1; k < len(is) && consecutive; k++ {
				consecutive = is[k] == is[k-1]+1
			}
			if consecutive {
				items = append(items, idxItem{kind: 'r', r: &sliceSpec{start: is[0], end: is[len(is)-1], step: 1}})
				continue
			}
			vs := make([]int64, len(is))
			for k, q := range is {
				vs[k] = int64(q)
			}
			vt, _ := tensor.FromInt64(vs, len(vs))
			items = append(items, idxItem{kind: 'v', t: vt})
		default:
			return nil, fmt.Errorf("invalid index of type %s", v.TypeName())
		}
	}
	if hadSteps {
		dropColonWarnings(in)
	}
	_ = rt
	// expand .. (or pad missing trailing dims)
	used := 0
	for _, it := range items {
		switch it.kind {
		case 'n', 'd':
		case 'm':
			used += it.ndims
		default:
			used++
		}
	}
	nd := t.T.Dim()
	if used > nd {
		return nil, fmt.Errorf("incorrect number of dimensions: the tensor has %d but %d indices were given", nd, used)
	}
	var out []idxItem
	for _, it := range items {
		if it.kind == 'd' {
			for k := 0; k < nd-used; k++ {
				out = append(out, idxItem{kind: 'a'})
			}
			used = nd
			continue
		}
		out = append(out, it)
	}
	return out, nil
}

func resolvePos(p any, size int) int {
	switch x := p.(type) {
	case endN:
		return size + x.k // 1-based position of N+k
	case int:
		if x < 0 {
			return size + x + 1
		}
		return x
	}
	return 0
}

// basic applies selects, ranges and newaxis, returning the view and, per
// remaining dim of the view, the advanced index (nil for none).
func (t *Tensor) basic(in *eval.Interp, items []idxItem, drop bool) (*tensor.Tensor, []*tensor.Tensor, error) {
	rt := Runtime(in)
	cur := t.T
	var adv []*tensor.Tensor
	d := 0
	var err error
	for _, it := range items {
		switch it.kind {
		case 'a':
			adv = append(adv, nil)
			d++
		case 'n':
			if cur, err = rt.Unsqueeze(cur, d); err != nil {
				return nil, nil, err
			}
			adv = append(adv, nil)
			d++
		case 's':
			size, err := cur.Size(d)
			if err != nil {
				return nil, nil, err
			}
			i := it.i
			if it.r != nil {
				i = resolvePos(it.r.start, size)
			} else if i < 0 {
				i = size + i + 1
			}
			if i < 1 || i > size {
				return nil, nil, fmt.Errorf("index %d is out of bounds for dimension %d with size %d", it.i, d+1, size)
			}
			if drop {
				cur, err = rt.Select(cur, d, i-1)
			} else {
				s, e := i-1, i
				cur, err = rt.Slice(cur, d, &s, &e, 1)
				adv = append(adv, nil)
				d++
			}
			if err != nil {
				return nil, nil, err
			}
		case 'r':
			size, err := cur.Size(d)
			if err != nil {
				return nil, nil, err
			}
			s := resolvePos(it.r.start, size) - 1
			e := resolvePos(it.r.end, size)
			step := it.r.step
			if step <= 0 {
				step = 1
			}
			if cur, err = rt.Slice(cur, d, &s, &e, step); err != nil {
				return nil, nil, err
			}
			adv = append(adv, nil)
			d++
		case 'v':
			size, err := cur.Size(d)
			if err != nil {
				return nil, nil, err
			}
			// 1-based, negative from the end -> 0-based
			vs := it.t.Int64s()
			o := make([]int64, len(vs))
			for k, q := range vs {
				switch {
				case q > 0:
					o[k] = q - 1
				case q < 0:
					o[k] = int64(size) + q
				default:
					return nil, nil, fmt.Errorf("Indexing starts at 1 but found a 0.")
				}
			}
			ot, _ := tensor.FromInt64(o, it.t.Shape()...)
			adv = append(adv, ot)
			d++
		case 'm':
			adv = append(adv, it.t) // a mask covers it.ndims dims
			d += it.ndims
		}
	}
	return cur, adv, nil
}

func hasAdv(adv []*tensor.Tensor) bool {
	for _, a := range adv {
		if a != nil {
			return true
		}
	}
	return false
}

// Index implements R torch's x[...].
func (t *Tensor) Index(in *eval.Interp, a *eval.IndexArgs) (eval.Value, error) {
	if t.T == nil {
		return nil, errUndefined(0, "self")
	}
	if a.Double {
		name, err := memberIndex(a)
		if err != nil {
			return nil, err
		}
		return t.Dollar(in, name)
	}
	drop := true
	if a.Drop != nil {
		drop, _ = BoolArg(a.Drop)
	}
	items, err := t.items(in, a)
	if err != nil {
		return nil, err
	}
	cur, adv, err := t.basic(in, items, drop)
	if err != nil {
		return nil, err
	}
	if !hasAdv(adv) {
		return Wrap(cur), nil
	}
	rt := Runtime(in)
	// one advanced index: PyTorch's index; several 1-D vectors: R's
	// outer semantics, one dimension at a time
	nAdv := 0
	for _, x := range adv {
		if x != nil {
			nAdv++
		}
	}
	if nAdv == 1 {
		outs, err := rt.Call("index", cur, adv)
		if err != nil {
			return nil, err
		}
		return Wrap(outs[0]), nil
	}
	for _, x := range adv {
		if x == nil {
			continue
		}
		if x.Dim() != 1 || x.DType() == tensor.Bool {
			outs, err := rt.Call("index", cur, adv)
			if err != nil {
				return nil, err
			}
			return Wrap(outs[0]), nil
		}
	}
	for d, x := range adv {
		if x == nil {
			continue
		}
		if cur, err = rt.IndexSelect(cur, d, x); err != nil {
			return nil, err
		}
	}
	return Wrap(cur), nil
}

// memberIndex reads x[["name"]]: on a tensor (an R7 object in R torch)
// [[ is $, so x[["shape"]] is x$shape and x[["requires_grad"]] <- TRUE
// sets it.
func memberIndex(a *eval.IndexArgs) (string, error) {
	if len(a.Args) == 1 {
		if s, ok := a.Args[0].Value.(*eval.Character); ok && len(s.V) == 1 {
			return s.V[0], nil
		}
	}
	return "", fmt.Errorf("invalid first argument: x[[name]] on a tensor is x$name; index elements with [")
}

// SetIndex implements x[...] <- value (in place, as R torch).
func (t *Tensor) SetIndex(in *eval.Interp, a *eval.IndexArgs, v eval.Value) (eval.Value, error) {
	if t.T == nil {
		return nil, errUndefined(0, "self")
	}
	if a.Double {
		name, err := memberIndex(a)
		if err != nil {
			return nil, err
		}
		return t.SetDollar(in, name, v)
	}
	items, err := t.items(in, a)
	if err != nil {
		return nil, err
	}
	cur, adv, err := t.basic(in, items, true)
	if err != nil {
		return nil, err
	}
	rt := Runtime(in)
	val, err := AsTensor(in, v, nil)
	if err != nil {
		return nil, err
	}
	if val.DType() != cur.DType() {
		if val, err = rt.To(val, cur.DType()); err != nil {
			return nil, err
		}
	}
	if hasAdv(adv) {
		if adv, err = outerIndices(cur, adv); err != nil {
			return nil, err
		}
		if _, err := rt.Call("index_put_", cur, adv, val); err != nil {
			return nil, err
		}
		return t, nil
	}
	if val.Numel() == 1 && val.Dim() <= 1 {
		f, _ := val.Item()
		if err := rt.Fill_(cur, f); err != nil {
			return nil, err
		}
		return t, nil
	}
	if err := rt.Copy_(cur, val); err != nil {
		return nil, err
	}
	return t, nil
}

// outerIndices rewrites several 1-D index vectors (x[c(1, 3), c(3, 1)] <-
// v) into broadcasting indices over every dimension, so that index_put_
// assigns the outer selection R semantics (and x[c(1, 3), c(3, 1)]) mean,
// with the value laid out in the selection's shape.
func outerIndices(cur *tensor.Tensor, adv []*tensor.Tensor) ([]*tensor.Tensor, error) {
	n := 0
	for _, x := range adv {
		if x == nil {
			continue
		}
		if x.Dim() != 1 || x.DType() == tensor.Bool || x.DType() == tensor.Uint8 {
			return adv, nil
		}
		n++
	}
	if n < 2 {
		return adv, nil
	}
	nd := cur.Dim()
	out := make([]*tensor.Tensor, nd)
	copy(out, adv)
	adv = out
	for d := 0; d < nd; d++ {
		var vs []int64
		if adv[d] == nil {
			size, err := cur.Size(d)
			if err != nil {
				return nil, err
			}
			vs = make([]int64, size)
			for k := range vs {
				vs[k] = int64(k)
			}
		} else {
			vs = adv[d].Int64s()
		}
		shape := make([]int, nd)
		for k := range shape {
			shape[k] = 1
		}
		shape[d] = len(vs)
		t, err := tensor.FromInt64(vs, shape...)
		if err != nil {
			return nil, err
		}
		adv[d] = t
	}
	return adv, nil
}
