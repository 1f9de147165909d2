package base

// Raw vectors (minimal): as.raw, is.raw, charToRaw, rawToChar.

import (
	"math"

	"torchr/lang/eval"
)

func init() {
	eval.RegisterAll(
		&eval.Builtin{Name: "is.raw", Formals: []string{"x"}, Fn: func(c *eval.Frame, a []eval.Value) (eval.Value, error) {
			_, ok := a[0].(*eval.Raw)
			return eval.Bool(ok), nil
		}},
		&eval.Builtin{Name: "as.raw", Formals: []string{"x"}, Fn: builtinAsRaw},
		&eval.Builtin{Name: "charToRaw", Formals: []string{"x"}, Fn: builtinCharToRaw},
		&eval.Builtin{Name: "rawToChar", Formals: []string{"x", "multiple = FALSE"}, Fn: builtinRawToChar},
	)
}

func builtinAsRaw(c *eval.Frame, a []eval.Value) (eval.Value, error) {
	x := a[0]
	if x == nil {
		return nil, c.Errorf("argument \"x\" is missing, with no default")
	}
	switch r := x.(type) {
	case *eval.Raw:
		return eval.NewRaw(append([]byte(nil), r.V...)), nil
	case *eval.NullType:
		return eval.NewRaw([]byte{}), nil
	case *eval.Logical, *eval.Integer, *eval.Double, *eval.Character:
	default:
		return nil, c.Errorf("cannot coerce type '%s' to vector of type 'raw'", x.TypeName())
	}
	var d []float64
	if s, ok := x.(*eval.Character); ok {
		d = make([]float64, len(s.V))
		for i, v := range s.V {
			d[i] = strToDouble(v)
		}
	} else {
		d = toDoubles(x)
	}
	out := make([]byte, len(d))
	bad := false
	for i, f := range d {
		if math.IsNaN(f) || f < 0 || f >= 256 {
			bad = true
			continue
		}
		out[i] = byte(int(f))
	}
	if bad {
		if err := c.In.Warning(nil, "out-of-range values treated as 0 in coercion to raw"); err != nil {
			return nil, err
		}
	}
	return eval.NewRaw(out), nil
}

func builtinCharToRaw(c *eval.Frame, a []eval.Value) (eval.Value, error) {
	s, ok := a[0].(*eval.Character)
	if !ok {
		return nil, c.Errorf("argument must be a character vector of length 1")
	}
	if len(s.V) == 0 {
		return eval.NewRaw([]byte{}), nil
	}
	if len(s.V) > 1 {
		if err := c.Warningf("argument should be a character vector of length 1\nall but the first element will be ignored"); err != nil {
			return nil, err
		}
	}
	if s.V[0] == eval.NAString {
		return eval.NewRaw([]byte("NA")), nil
	}
	return eval.NewRaw([]byte(s.V[0])), nil
}

func builtinRawToChar(c *eval.Frame, a []eval.Value) (eval.Value, error) {
	r, ok := a[0].(*eval.Raw)
	if !ok {
		return nil, c.Errorf("argument 'x' must be a raw vector")
	}
	multiple := a[1] != nil && lglArg(a[1]) == 1
	for i, b := range r.V {
		if b == 0 && !multiple {
			_ = i
			return nil, c.Errorf("embedded nul in string: '%s'", rawNulString(r.V))
		}
	}
	if multiple {
		out := make([]string, len(r.V))
		for i, b := range r.V {
			out[i] = string([]byte{b})
		}
		return eval.NewStr(out), nil
	}
	return eval.NewStr1(string(r.V)), nil
}

func rawNulString(v []byte) string {
	var b []byte
	for _, x := range v {
		if x == 0 {
			b = append(b, `\0`...)
		} else {
			b = append(b, x)
		}
	}
	return string(b)
}
