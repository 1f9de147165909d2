package base

import (
	"fmt"
	"math"
	"math/cmplx"

	"torchr/lang/eval"
	"torchr/lang/syntax"
)

// Arithmetic operators: + - * / ^ %% %/% (binary and unary), following
// R's arithmetic.c: coercion logical < integer < double < complex,
// recycling with a warning, integer overflow to NA, and the attribute rules
// (dims must conform, names and other attributes from the operands whose
// length equals the result's).

const warnRecycle = "longer object length is not a multiple of shorter object length"

func init() {
	for _, op := range []string{"+", "-", "*", "/", "^", "%%", "%/%"} {
		op := op
		eval.Register(&eval.Builtin{Name: op, Formals: []string{"e1", "e2"}, Fn: func(c *eval.Frame, a []eval.Value) (eval.Value, error) {
			if a[1] == nil {
				return unaryArith(c, op, a[0])
			}
			return binaryArith(c, op, a[0], a[1])
		}})
	}
}

func unaryArith(c *eval.Frame, op string, x eval.Value) (eval.Value, error) {
	if inheritsFrom(x, "factor") {
		return factorNotMeaningful(c, op, x, eval.Null)
	}
	if op != "+" && op != "-" {
		if a, ok := x.(eval.Attributed); ok {
			_ = a
		}
		return nil, c.Errorf("invalid unary operator")
	}
	var r eval.Value
	switch t := x.(type) {
	case *eval.Logical:
		v := make([]int32, len(t.V))
		for i, n := range t.V {
			if n == eval.NAInt || op == "+" {
				v[i] = n
			} else {
				v[i] = -n
			}
		}
		r = eval.NewInt(v)
	case *eval.Integer:
		if op == "+" {
			return t, nil
		}
		v := make([]int32, len(t.V))
		for i, n := range t.V {
			if n == eval.NAInt {
				v[i] = n
			} else {
				v[i] = -n
			}
		}
		r = eval.NewInt(v)
	case *eval.Double:
		if op == "+" {
			return t, nil
		}
		v := make([]float64, len(t.V))
		for i, f := range t.V {
			v[i] = -f
		}
		r = eval.NewDouble(v)
	case *eval.Complex:
		if op == "+" {
			return t, nil
		}
		v := make([]complex128, len(t.V))
		for i, f := range t.V {
			v[i] = -f
		}
		r = eval.NewComplex(v)
	default:
		return nil, c.Errorf("invalid argument to unary operator")
	}
	if h := hdr(x); h != nil && len(h.Attributes()) > 0 {
		hdr(r).SetAttributes(append([]eval.Attr(nil), h.Attributes()...))
	}
	return r, nil
}

// binShape is the attribute bookkeeping of a binary vectorised operation.
type binShape struct {
	nx, ny, n      int
	xattr, yattr   bool
	dims           eval.Value
	xnames, ynames eval.Value // names or dimnames
	mismatch       bool
}

func isArray(v eval.Value) bool { return attr(v, "dim") != nil }

// shapeOf computes the result length and attributes source; it reports
// "non-conformable arrays". x and y may be replaced (a length-one array
// loses its dim).
func shapeOf(c *eval.Frame, x, y *eval.Value) (*binShape, error) {
	s := &binShape{nx: lenOf(*x), ny: lenOf(*y)}
	s.xattr, s.yattr = hasAttrs(*x), hasAttrs(*y)
	xarray, yarray := s.xattr && isArray(*x), s.yattr && isArray(*y)
	if xarray != yarray {
		if xarray && s.nx == 1 && s.ny != 1 {
			if s.ny != 0 {
				if err := warnf(c, "Recycling array of length 1 in array-vector arithmetic is deprecated.\n  Use c() or as.vector() instead.\n"); err != nil {
					return nil, err
				}
			}
			*x = dropDim(*x)
			xarray = false
		}
		if yarray && s.ny == 1 && s.nx != 1 {
			if s.nx != 0 {
				if err := warnf(c, "Recycling array of length 1 in array-vector arithmetic is deprecated.\n  Use c() or as.vector() instead.\n"); err != nil {
					return nil, err
				}
			}
			*y = dropDim(*y)
			yarray = false
		}
	}
	if xarray || yarray {
		switch {
		case xarray && yarray:
			if !conformable(*x, *y) {
				return nil, c.Errorf("non-conformable arrays")
			}
			s.dims = attr(*x, "dim")
		case xarray && (s.ny != 0 || s.nx == 0):
			s.dims = attr(*x, "dim")
		case yarray && (s.nx != 0 || s.ny == 0):
			s.dims = attr(*y, "dim")
		}
		if s.xattr {
			s.xnames = attr(*x, "dimnames")
		}
		if s.yattr {
			s.ynames = attr(*y, "dimnames")
		}
	} else {
		if s.xattr {
			s.xnames = attr(*x, "names")
		}
		if s.yattr {
			s.ynames = attr(*y, "names")
		}
	}
	if s.nx > 0 && s.ny > 0 {
		s.n = max(s.nx, s.ny)
		if s.nx != s.ny && s.nx != 1 && s.ny != 1 {
			if s.nx > s.ny {
				s.mismatch = s.nx%s.ny != 0
			} else {
				s.mismatch = s.ny%s.nx != 0
			}
		}
	}
	return s, nil
}

func dropDim(v eval.Value) eval.Value {
	v = eval.Copy(v)
	h := hdr(v)
	h.SetAttr("dim", nil)
	h.SetAttr("dimnames", nil)
	return v
}

func conformable(x, y eval.Value) bool {
	dx, dy := eval.Dim(x), eval.Dim(y)
	if len(dx) != len(dy) {
		return false
	}
	for i := range dx {
		if dx[i] != dy[i] {
			return false
		}
	}
	return true
}

// finish sets the result attributes (and warns about recycling).
func (s *binShape) finish(c *eval.Frame, x, y, val eval.Value, most bool) (eval.Value, error) {
	if s.mismatch {
		if err := warnf(c, warnRecycle); err != nil {
			return nil, err
		}
	}
	if !s.xattr && !s.yattr {
		return val, nil
	}
	h := hdr(val)
	if most {
		if s.yattr && s.ny == s.n {
			copyMostAttrib(y, val)
		}
		if s.xattr && s.nx == s.n {
			copyMostAttrib(x, val)
		}
	}
	if s.dims != nil {
		if p := dimProduct(s.dims); p != s.n {
			return nil, c.Errorf("dims [product %d] do not match the length of object [%d]", p, s.n)
		}
		h.SetAttr("dim", s.dims)
		if s.xnames != nil {
			h.SetAttr("dimnames", s.xnames)
		} else if s.ynames != nil {
			h.SetAttr("dimnames", s.ynames)
		}
	} else {
		if s.xnames != nil && lenOf(s.xnames) == s.n {
			h.SetAttr("names", s.xnames)
		} else if s.ynames != nil && lenOf(s.ynames) == s.n {
			h.SetAttr("names", s.ynames)
		}
	}
	return val, nil
}

func dimProduct(d eval.Value) int {
	p := 1
	for _, n := range toInts(d) {
		p *= int(n)
	}
	return p
}

func arithKind(v eval.Value) (vkind, bool) {
	switch v.(type) {
	case *eval.Logical, *eval.NullType:
		return kLgl, true
	case *eval.Integer:
		return kInt, true
	case *eval.Double:
		return kDbl, true
	case *eval.Complex:
		return kCplx, true
	}
	return 0, false
}

// factorNotMeaningful is Ops.factor for operators other than == and !=.
func factorNotMeaningful(c *eval.Frame, op string, x, y eval.Value) (eval.Value, error) {
	call := c.Call
	switch b := call.(type) {
	case *syntax.Binary:
		call = &syntax.Call{Fn: &syntax.Ident{NamePos: b.Pos(), Name: "Ops.factor"}, Args: []syntax.Arg{{Value: b.X}, {Value: b.Y}}}
	case *syntax.Unary:
		call = &syntax.Call{Fn: &syntax.Ident{NamePos: b.Pos(), Name: "Ops.factor"}, Args: []syntax.Arg{{Value: b.X}}}
	}
	if err := c.In.Warning(call, "\u2018"+op+"\u2019 not meaningful for factors"); err != nil {
		return nil, err
	}
	return newNAVec(kLgl, max(lenOf(x), lenOf(y))), nil
}

func binaryArith(c *eval.Frame, op string, x, y eval.Value) (eval.Value, error) {
	if inheritsFrom(x, "factor") || inheritsFrom(y, "factor") {
		return factorNotMeaningful(c, op, x, y)
	}
	kx, okx := arithKind(x)
	ky, oky := arithKind(y)
	if !okx || !oky {
		var err error
		if x, err = plainValue(c, x); err != nil {
			return nil, err
		}
		if y, err = plainValue(c, y); err != nil {
			return nil, err
		}
		kx, okx = arithKind(x)
		ky, oky = arithKind(y)
		if !okx || !oky {
			return nil, c.Errorf("non-numeric argument to binary operator")
		}
	}
	// Fast path: two plain doubles of equal length.
	if xd, ok := x.(*eval.Double); ok && !hasAttrs(x) {
		if yd, ok := y.(*eval.Double); ok && !hasAttrs(y) && len(xd.V) == len(yd.V) {
			if r := arithDoubleSame(op, xd.V, yd.V); r != nil {
				return eval.NewDouble(r), nil
			}
		}
	}
	s, err := shapeOf(c, &x, &y)
	if err != nil {
		return nil, err
	}
	var val eval.Value
	switch {
	case kx == kCplx || ky == kCplx:
		val, err = arithComplex(c, op, toComplex(x), toComplex(y), s.n)
	case kx == kDbl || ky == kDbl || op == "/" || op == "^":
		xd, yd := toDoubles(x), toDoubles(y)
		val = eval.NewDouble(arithDouble(op, xd, yd, s.n))
		if op == "%%" {
			for i := 0; i < s.n; i++ {
				a, b := xd[i%len(xd)], yd[i%len(yd)]
				if q := a / b; !math.IsInf(q, 0) && q == q && b != 0 && math.Abs(q)*dblEps > 1 &&
					!(math.Abs(b)*dblEps > 1 && math.Abs(a) <= math.Abs(b)) {
					if err := warnf(c, "probable complete loss of accuracy in modulus"); err != nil {
						return nil, err
					}
				}
			}
		}
	default:
		var ov bool
		val, ov = arithInt(op, intsOf(x), intsOf(y), s.n)
		if ov {
			if err := warnf(c, "NAs produced by integer overflow"); err != nil {
				return nil, err
			}
		}
	}
	if err != nil {
		return nil, err
	}
	return s.finish(c, x, y, val, true)
}

// intsOf returns the integer data of a logical/integer/NULL vector.
func intsOf(v eval.Value) []int32 {
	switch t := v.(type) {
	case *eval.Integer:
		return t.V
	case *eval.Logical:
		return t.V
	}
	return nil
}

func arithDoubleSame(op string, x, y []float64) []float64 {
	r := make([]float64, len(x))
	y = y[:len(x)]
	switch op {
	case "+":
		for i := range r {
			r[i] = x[i] + y[i]
		}
	case "-":
		for i := range r {
			r[i] = x[i] - y[i]
		}
	case "*":
		for i := range r {
			r[i] = x[i] * y[i]
		}
	case "/":
		for i := range r {
			r[i] = x[i] / y[i]
		}
	default:
		return nil
	}
	return r
}

func dblOp(op string) func(a, b float64) float64 {
	switch op {
	case "+":
		return func(a, b float64) float64 { return a + b }
	case "-":
		return func(a, b float64) float64 { return a - b }
	case "*":
		return func(a, b float64) float64 { return a * b }
	case "/":
		return func(a, b float64) float64 { return a / b }
	case "^":
		return rPow
	case "%%":
		return func(a, b float64) float64 {
			if b == 0 {
				return math.NaN()
			}
			if eval.IsNA(a) || eval.IsNA(b) {
				return eval.NAReal
			}
			return rFmod(a, b)
		}
	case "%/%":
		return func(a, b float64) float64 {
			if eval.IsNA(a) || eval.IsNA(b) {
				return eval.NAReal
			}
			return rFloorDiv(a, b)
		}
	}
	panic("bad op " + op)
}

func arithDouble(op string, x, y []float64, n int) []float64 {
	r := make([]float64, n)
	if n == 0 {
		return r
	}
	nx, ny := len(x), len(y)
	if nx == n && ny == n {
		if s := arithDoubleSame(op, x, y); s != nil {
			return s
		}
	}
	if ny == 1 {
		b := y[0]
		switch op {
		case "+":
			for i := range r {
				r[i] = x[i] + b
			}
			return r
		case "-":
			for i := range r {
				r[i] = x[i] - b
			}
			return r
		case "*":
			for i := range r {
				r[i] = x[i] * b
			}
			return r
		case "/":
			for i := range r {
				r[i] = x[i] / b
			}
			return r
		case "^":
			if b == 2 {
				for i := range r {
					r[i] = x[i] * x[i]
				}
				return r
			}
		}
	}
	f := dblOp(op)
	ix, iy := 0, 0
	for i := range r {
		r[i] = f(x[ix], y[iy])
		if ix++; ix == nx {
			ix = 0
		}
		if iy++; iy == ny {
			iy = 0
		}
	}
	return r
}

// arithInt computes integer + - * %% %/%; ov reports an overflow to NA.
func arithInt(op string, x, y []int32, n int) (eval.Value, bool) {
	r := make([]int32, n)
	nx, ny := len(x), len(y)
	ix, iy := 0, 0
	ov := false
	const na = eval.NAInt
	for i := range r {
		a, b := x[ix], y[iy]
		if ix++; ix == nx {
			ix = 0
		}
		if iy++; iy == ny {
			iy = 0
		}
		if a == na || b == na {
			r[i] = na
			continue
		}
		var v int64
		switch op {
		case "+":
			v = int64(a) + int64(b)
		case "-":
			v = int64(a) - int64(b)
		case "*":
			v = int64(a) * int64(b)
		case "%%":
			if b == 0 {
				r[i] = na
				continue
			}
			if a >= 0 && b > 0 {
				v = int64(a % b)
			} else {
				v = int64(rFmod(float64(a), float64(b)))
			}
		case "%/%":
			if b == 0 {
				r[i] = na
				continue
			}
			v = int64(math.Floor(float64(a) / float64(b)))
		}
		if v > rIntMax || v < rIntMin {
			r[i] = na
			ov = true
			continue
		}
		r[i] = int32(v)
	}
	return eval.NewInt(r), ov
}

func arithComplex(c *eval.Frame, op string, x, y []complex128, n int) (eval.Value, error) {
	r := make([]complex128, n)
	nx, ny := len(x), len(y)
	for i := range r {
		a, b := x[i%nx], y[i%ny]
		switch op {
		case "+":
			r[i] = a + b
		case "-":
			r[i] = a - b
		case "*":
			r[i] = a * b
		case "/":
			r[i] = a / b
		case "^":
			r[i] = cmplx.Pow(a, b)
		default:
			return nil, c.Errorf("invalid operation on complex numbers")
		}
	}
	return eval.NewComplex(r), nil
}

var _ = fmt.Sprintf
