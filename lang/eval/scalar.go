package eval

import (
	"math"

	"torchr/lang/syntax"
)

// Unboxed evaluation of small scalar arithmetic for the in-place fast
// paths. Everything here is free of side effects: an expression it cannot
// handle (a promise to force, a call, NA integers, integer overflow,
// attributes) makes it report false before anything is evaluated for real,
// and the caller falls back to Eval.

// peekScalar returns the value of a plain scalar variable or literal.
func (in *Interp) peekScalar(x syntax.Expr, env *Env) (f float64, isInt bool, ok bool) {
	switch t := x.(type) {
	case *syntax.Num:
		return t.Value, false, true
	case *syntax.Int:
		return float64(t.Value), true, true
	case *syntax.Paren:
		return in.peekScalar(t.X, env)
	case *syntax.Ident:
		for e := env; e != nil; e = e.Parent {
			v, found := e.GetLocal(t.Name)
			if !found {
				continue
			}
			switch d := v.(type) {
			case *Double:
				if len(d.V) == 1 && d.attrs == nil {
					return d.V[0], false, true
				}
			case *Integer:
				if len(d.V) == 1 && d.attrs == nil && d.V[0] != NAInt {
					return float64(d.V[0]), true, true
				}
			}
			return 0, false, false
		}
	case *syntax.Binary:
		a, ai, ok1 := in.peekScalar(t.X, env)
		if !ok1 {
			return 0, false, false
		}
		b, bi, ok2 := in.peekScalar(t.Y, env)
		if !ok2 {
			return 0, false, false
		}
		bothInt := ai && bi
		var r float64
		switch t.Op {
		case syntax.PLUS:
			r = a + b
		case syntax.MINUS:
			r = a - b
		case syntax.STAR:
			r = a * b
		case syntax.SLASH:
			return a / b, false, true
		default:
			return 0, false, false
		}
		if bothInt && (r > math.MaxInt32 || r <= math.MinInt32) {
			return 0, false, false // R: NA with a warning
		}
		return r, bothInt, true
	}
	return 0, false, false
}

// assignIndexNum is assignIndexFast for an unboxed numeric value (from
// peekScalar): x must be a double vector, or an integer vector and the
// value an integer.
func (in *Interp) assignIndexNum(ix *syntax.Index, env *Env, f float64, isInt bool) bool {
	if len(ix.Args) != 1 || ix.Args[0].HasName || ix.Args[0].Value == nil {
		return false
	}
	id, ok := ix.X.(*syntax.Ident)
	if !ok {
		return false
	}
	cur, ok := env.GetLocal(id.Name)
	if !ok {
		return false
	}
	a, ok := cur.(Attributed)
	if !ok || a.Hdr().named != 1 || a.Hdr().Attr("class") != nil {
		return false
	}
	p, _, ok := in.peekScalar(ix.Args[0].Value, env)
	if !ok || !(p >= 1) || p >= 1<<31 {
		return false
	}
	i := int(p) - 1
	switch x := cur.(type) {
	case *Double:
		if i < len(x.V) {
			x.V[i] = f
			return true
		}
	case *Integer:
		if isInt && i < len(x.V) {
			x.V[i] = int32(f)
			return true
		}
	}
	return false
}

// assignIndexFast performs x[i] <- v (or x[[i]] <- v) in place for a local,
// unshared, unclassed atomic vector x, an in-range scalar index that is a
// literal or a plain variable, and a scalar value of x's type (or an
// integer into a double vector). It reports whether it did.
func (in *Interp) assignIndexFast(ix *syntax.Index, env *Env, value Value) bool {
	if len(ix.Args) != 1 || ix.Args[0].HasName || ix.Args[0].Value == nil {
		return false
	}
	id, ok := ix.X.(*syntax.Ident)
	if !ok {
		return false
	}
	cur, ok := env.GetLocal(id.Name)
	if !ok {
		return false
	}
	a, ok := cur.(Attributed)
	if !ok || a.Hdr().named != 1 || a.Hdr().Attr("class") != nil {
		return false
	}
	f, _, ok := in.peekScalar(ix.Args[0].Value, env)
	if !ok || !(f >= 1) || f >= 1<<31 {
		return false
	}
	i := int(f) - 1
	switch x := cur.(type) {
	case *Double:
		if i >= len(x.V) {
			return false
		}
		switch v := value.(type) {
		case *Double:
			if len(v.V) == 1 && v.attrs == nil {
				x.V[i] = v.V[0]
				return true
			}
		case *Integer:
			if len(v.V) == 1 && v.attrs == nil && v.V[0] != NAInt {
				x.V[i] = float64(v.V[0])
				return true
			}
		}
	case *Integer:
		if v, ok := value.(*Integer); ok && i < len(x.V) && len(v.V) == 1 && v.attrs == nil {
			x.V[i] = v.V[0]
			return true
		}
	case *Logical:
		if v, ok := value.(*Logical); ok && i < len(x.V) && len(v.V) == 1 && v.attrs == nil {
			x.V[i] = v.V[0]
			return true
		}
	case *Character:
		if v, ok := value.(*Character); ok && i < len(x.V) && len(v.V) == 1 && v.attrs == nil {
			x.V[i] = v.V[0]
			return true
		}
	}
	return false
}
