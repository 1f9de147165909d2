package base

// as.hexmode / as.octmode: integers shown in hexadecimal or octal
// (format.hexmode pads to a common width with zeros).

import (
	"fmt"
	"strconv"
	"strings"

	"torchr/lang/eval"
	"torchr/lang/internal/rfmt"
)

func init() {
	mode := func(cls string, base int) []*eval.Builtin {
		as := &eval.Builtin{Name: "as." + cls, Formals: []string{"x"}, Fn: func(c *eval.Frame, a []eval.Value) (eval.Value, error) {
			x := a[0]
			var v []int32
			switch t := x.(type) {
			case *eval.Character:
				v = make([]int32, len(t.V))
				for i, s := range t.V {
					n, err := strconv.ParseInt(s, base, 64)
					if s == eval.NAString || err != nil {
						v[i] = eval.NAInt
					} else {
						v[i] = int32(n)
					}
				}
			default:
				if !isNumeric(x) {
					return nil, c.Errorf("'x' cannot be coerced to class \"%s\"", cls)
				}
				v = append([]int32(nil), toInts(x)...)
			}
			r := eval.NewInt(v)
			r.SetAttr("class", eval.NewStr1(cls))
			return r, nil
		}}
		format := &eval.Builtin{Name: "format." + cls, Formals: []string{"x", "width = NULL", "upper.case = FALSE", "..."}, Fn: func(c *eval.Frame, a []eval.Value) (eval.Value, error) {
			return eval.NewStr(formatMode(a[0], base, a[1], a[2] != nil && trueArg(a[2]))), nil
		}}
		print := &eval.Builtin{Name: "print." + cls, Invisible: true, Formals: []string{"x", "..."}, Fn: func(c *eval.Frame, a []eval.Value) (eval.Value, error) {
			s := eval.NewStr(formatMode(a[0], base, nil, false))
			if nm := eval.Names(a[0]); nm != nil {
				s.SetAttr("names", eval.NewStr(nm))
			}
			return a[0], c.In.PrintValue(s, c.Env)
		}}
		return []*eval.Builtin{as, format, print}
	}
	eval.RegisterAll(mode("hexmode", 16)...)
	eval.RegisterAll(mode("octmode", 8)...)
}

// formatMode formats integers in base 16 or 8, zero-padded to the widest
// (or to width).
func formatMode(x eval.Value, base int, width eval.Value, upper bool) []string {
	v := toInts(x)
	out := make([]string, len(v))
	w := 0
	for i, n := range v {
		if n == eval.NAInt {
			out[i] = "NA"
			continue
		}
		if base == 16 {
			out[i] = fmt.Sprintf("%x", uint32(n))
		} else {
			out[i] = fmt.Sprintf("%o", uint32(n))
		}
		if upper {
			out[i] = strings.ToUpper(out[i])
		}
		w = max(w, len(out[i]))
	}
	if width != nil && !nullArg(width) {
		if k, ok := intArg(width); ok {
			w = k
		}
	}
	for i, s := range out {
		if s != "NA" && len(s) < w {
			out[i] = strings.Repeat("0", w-len(s)) + s
		}
	}
	return out
}

func init() {
	eval.RegisterAll(&eval.Builtin{Name: "strtrim", Formals: []string{"x", "width"}, Fn: func(c *eval.Frame, a []eval.Value) (eval.Value, error) {
		// strtrim(x, width): each string cut to at most width display
		// columns (width recycled)
		s, ok := coStrings(a[0])
		if !ok {
			return nil, c.Errorf("strtrim() requires a character vector")
		}
		w := toInts(a[1])
		if len(w) == 0 && len(s) > 0 {
			return nil, c.Errorf("invalid 'width' argument")
		}
		out := make([]string, len(s))
		for i, x := range s {
			k := int(w[i%len(w)])
			if k < 0 || w[i%len(w)] == eval.NAInt {
				return nil, c.Errorf("invalid 'width' argument")
			}
			if x == eval.NAString {
				out[i] = x
				continue
			}
			var b strings.Builder
			used := 0
			for _, r := range x {
				rw := rfmt.DisplayWidth(string(r))
				if used+rw > k {
					break
				}
				b.WriteRune(r)
				used += rw
			}
			out[i] = b.String()
		}
		return keepAttrs(eval.NewStr(out), a[0], true), nil
	}})
}
