package base

// Raw vectors: as.raw, is.raw, charToRaw, rawToChar, rawToBits,
// intToBits, packBits, rawShift. (Coercion, c(), indexing, comparison and
// the bitwise & | ! on raw live with the other types' code.)

import (
	"encoding/binary"
	"math"

	"torchr/lang/eval"
	"torchr/lang/syntax"
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
		&eval.Builtin{Name: "rawToBits", Formals: []string{"x"}, Fn: builtinRawToBits},
		&eval.Builtin{Name: "intToBits", Formals: []string{"x"}, Fn: builtinIntToBits},
		&eval.Builtin{Name: "packBits", Formals: []string{"x", `type = c("raw", "integer", "double")`}, Fn: builtinPackBits},
		&eval.Builtin{Name: "rawShift", Formals: []string{"x", "n"}, Fn: builtinRawShift},
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
	case *eval.List:
		for _, e := range r.V {
			if eval.Length(e) != 1 || !isAtomic(e) {
				return nil, eval.ErrorWithCall(c.ContextCall(), "'list' object cannot be coerced to type 'raw'")
			}
		}
	case *eval.Logical, *eval.Integer, *eval.Double, *eval.Character, *eval.Complex:
	default:
		return nil, c.Errorf("cannot coerce type '%s' to vector of type 'raw'", typeofValue(x))
	}
	out, bad := toRaw(x)
	if bad {
		// R's coerceVector warns without a call
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

// builtinRawToBits is rawToBits(x): 8 raw 00/01 values per byte, least
// significant bit first.
func builtinRawToBits(c *eval.Frame, a []eval.Value) (eval.Value, error) {
	r, ok := a[0].(*eval.Raw)
	if !ok {
		return nil, c.Errorf("argument 'x' must be a raw vector")
	}
	out := make([]byte, 0, 8*len(r.V))
	for _, b := range r.V {
		for k := 0; k < 8; k++ {
			out = append(out, (b>>k)&1)
		}
	}
	return eval.NewRaw(out), nil
}

// builtinIntToBits is intToBits(x): 32 raw 00/01 values per integer
// (two's complement, NA being the most negative integer), low bit first.
func builtinIntToBits(c *eval.Frame, a []eval.Value) (eval.Value, error) {
	x := a[0]
	if x == nil {
		return nil, c.Errorf("argument \"x\" is missing, with no default")
	}
	if !isAtomicVec(x) && kindOf(x) != kNull {
		return nil, c.Errorf("argument 'x' must be an integer vector")
	}
	v := toInts(x)
	out := make([]byte, 0, 32*len(v))
	for _, n := range v {
		u := uint32(n)
		for k := 0; k < 32; k++ {
			out = append(out, byte(u>>k)&1)
		}
	}
	return eval.NewRaw(out), nil
}

// builtinPackBits is packBits(x, type): the inverse of rawToBits and
// intToBits (and of the bits of a double), using the low bit of each
// element of a raw, logical or integer x.
func builtinPackBits(c *eval.Frame, a []eval.Value) (eval.Value, error) {
	typ := "raw"
	if a[1] != nil {
		s, ok := a[1].(*eval.Character)
		if !ok || len(s.V) < 1 {
			return nil, c.Errorf("'arg' must be of length 1")
		}
		if len(s.V) == 1 || len(s.V) == 3 && s.V[0] == "raw" && s.V[1] == "integer" && s.V[2] == "double" {
			typ = s.V[0]
		} else {
			return nil, c.Errorf("'arg' must be of length 1")
		}
		switch typ {
		case "raw", "integer", "double":
		default:
			return nil, errorInCall(c, "match.arg(type)", "'arg' should be one of \u201craw\u201d, \u201cinteger\u201d, \u201cdouble\u201d")
		}
	}
	var bits []byte
	switch x := a[0].(type) {
	case *eval.Raw:
		bits = x.V
	case *eval.Logical, *eval.Integer:
		v := toInts(x)
		bits = make([]byte, len(v))
		for i, n := range v {
			if n == eval.NAInt {
				return nil, c.Errorf("argument 'x' must not contain NAs")
			}
			bits[i] = byte(n & 1)
		}
	default:
		return nil, c.Errorf("argument 'x' must be raw, integer or logical")
	}
	width := map[string]int{"raw": 8, "integer": 32, "double": 64}[typ]
	if len(bits)%width != 0 {
		return nil, c.Errorf("argument 'x' must be a multiple of %d long", width)
	}
	n := len(bits) / width
	word := func(i int) uint64 {
		var u uint64
		for k := 0; k < width; k++ {
			u |= uint64(bits[i*width+k]&1) << k
		}
		return u
	}
	switch typ {
	case "raw":
		out := make([]byte, n)
		for i := range out {
			out[i] = byte(word(i))
		}
		return eval.NewRaw(out), nil
	case "integer":
		out := make([]int32, n)
		for i := range out {
			out[i] = int32(uint32(word(i)))
		}
		return eval.NewInt(out), nil
	}
	out := make([]float64, n)
	var buf [8]byte
	for i := range out {
		binary.LittleEndian.PutUint64(buf[:], word(i))
		out[i] = math.Float64frombits(binary.LittleEndian.Uint64(buf[:]))
	}
	return eval.NewDouble(out), nil
}

// builtinRawShift is rawShift(x, n): each byte shifted left by n bits
// (right for negative n), |n| <= 8.
func builtinRawShift(c *eval.Frame, a []eval.Value) (eval.Value, error) {
	r, ok := a[0].(*eval.Raw)
	if !ok {
		return nil, c.Errorf("argument 'x' must be a raw vector")
	}
	n, ok := intArg(a[1])
	if !ok || n < -8 || n > 8 {
		return nil, c.Errorf("argument 'n' must be a small integer")
	}
	out := make([]byte, len(r.V))
	for i, b := range r.V {
		if n >= 0 {
			out[i] = b << n
		} else {
			out[i] = b >> -n
		}
	}
	return eval.NewRaw(out), nil
}

// errorInCall is an R error reported as raised in the call src (R code
// the builtin stands for, such as "match.arg(type)"), placed at the
// builtin's own call in the script.
func errorInCall(c *eval.Frame, src, msg string) error {
	call, err := syntax.ParseExpr(src)
	if err != nil {
		return c.Errorf("%s", msg)
	}
	e := eval.ErrorWithCall(call, msg)
	if re, ok := e.(*eval.Error); ok && c.Call != nil {
		re.Pos = c.Call.Pos()
	}
	return e
}
