package base

// Bitwise operations on integer vectors: bitwAnd, bitwOr, bitwXor,
// bitwNot, bitwShiftL, bitwShiftR (R's do_bitwise).

import (
	"torchr/lang/eval"
)

func init() {
	bin := func(name string, op func(a, b uint32) uint32) *eval.Builtin {
		return &eval.Builtin{Name: name, Formals: []string{"a", "b"}, Fn: func(c *eval.Frame, a []eval.Value) (eval.Value, error) {
			x, err := bitwInts(c, "a", a[0])
			if err != nil {
				return nil, err
			}
			y, err := bitwInts(c, "b", a[1])
			if err != nil {
				return nil, err
			}
			if kindOf(x) != kindOf(y) {
				return nil, c.Errorf("'a' and 'b' must have the same type")
			}
			if kindOf(x) != kInt {
				return nil, c.Errorf("unimplemented type '%s' in '%s'", x.TypeName(), name)
			}
			xv, yv := x.(*eval.Integer).V, y.(*eval.Integer).V
			n := 0
			if len(xv) > 0 && len(yv) > 0 {
				n = max(len(xv), len(yv))
			}
			r := make([]int32, n)
			for i := range r {
				p, q := xv[i%len(xv)], yv[i%len(yv)]
				if p == eval.NAInt || q == eval.NAInt {
					r[i] = eval.NAInt
					continue
				}
				r[i] = int32(op(uint32(p), uint32(q)))
			}
			return eval.NewInt(r), nil
		}}
	}
	shift := func(name string, left bool) *eval.Builtin {
		return &eval.Builtin{Name: name, Formals: []string{"a", "n"}, Fn: func(c *eval.Frame, a []eval.Value) (eval.Value, error) {
			x, err := bitwInts(c, "a", a[0])
			if err != nil {
				return nil, err
			}
			s, err := bitwInts(c, "n", a[1])
			if err != nil {
				return nil, err
			}
			if kindOf(x) != kInt {
				return nil, c.Errorf("unimplemented type '%s' in '%s'", x.TypeName(), name)
			}
			xv, sv := x.(*eval.Integer).V, toInts(s)
			n := 0
			if len(xv) > 0 && len(sv) > 0 {
				n = max(len(xv), len(sv))
			}
			r := make([]int32, n)
			for i := range r {
				p, k := xv[i%len(xv)], sv[i%len(sv)]
				switch {
				case p == eval.NAInt || k == eval.NAInt || k < 0 || k > 31:
					r[i] = eval.NAInt
				case left:
					r[i] = int32(uint32(p) << k)
				default:
					r[i] = int32(uint32(p) >> k)
				}
			}
			return eval.NewInt(r), nil
		}}
	}
	eval.RegisterAll(
		bin("bitwAnd", func(a, b uint32) uint32 { return a & b }),
		bin("bitwOr", func(a, b uint32) uint32 { return a | b }),
		bin("bitwXor", func(a, b uint32) uint32 { return a ^ b }),
		shift("bitwShiftL", true),
		shift("bitwShiftR", false),
		&eval.Builtin{Name: "bitwNot", Formals: []string{"a"}, Fn: func(c *eval.Frame, a []eval.Value) (eval.Value, error) {
			x, err := bitwInts(c, "a", a[0])
			if err != nil {
				return nil, err
			}
			if kindOf(x) != kInt {
				return nil, c.Errorf("unimplemented type '%s' in '%s'", x.TypeName(), "bitwNot")
			}
			xv := x.(*eval.Integer).V
			r := make([]int32, len(xv))
			for i, p := range xv {
				if p == eval.NAInt {
					r[i] = eval.NAInt
				} else {
					r[i] = ^p
				}
			}
			return eval.NewInt(r), nil
		}},
	)
}

// bitwInts coerces a double argument to integer (warning when out of
// range) as R's bitwise functions do; other types are returned as they
// are for the caller's type checks.
func bitwInts(c *eval.Frame, arg string, v eval.Value) (eval.Value, error) {
	if v == nil {
		return nil, c.Errorf("argument \"%s\" is missing, with no default", arg)
	}
	d, ok := v.(*eval.Double)
	if !ok {
		return v, nil
	}
	r := make([]int32, len(d.V))
	bad := false
	for i, f := range d.V {
		n, inRange := doubleToInt(f)
		bad = bad || !inRange
		r[i] = n
	}
	if bad {
		if err := c.Warningf("NAs introduced by coercion to integer range"); err != nil {
			return nil, err
		}
	}
	return eval.NewInt(r), nil
}
