package rfmt

import (
	"fmt"
	"math"
	"strconv"
	"strings"
)

// StrAtomic reproduces utils:::str.default for an atomic vector (no dim,
// no class) with the default strOptions (vec.len 4, digits.d 3): the line
// " num [1:3] 1 2 3" (or " Named int ...", " chr(0) ", " logi NA"),
// followed for a named vector by the " - attr(*, \"names\")=" line. indent
// is str's indent.str (" " at top level, " .." one list level down) and
// nestLev its nest.lev; width is getOption("width"). The result ends with
// a newline.
//
// For a list the caller prints "List of n" and, for each component,
// indent + "$ " + the name padded to the longest + ":" followed by the
// component's str with nestLev+1 and indent + " ..".
func StrAtomic(v Vec, names []string, indent string, nestLev, width int) string {
	return StrAtomicOpts(v, names, indent, nestLev, width, StrOpts{})
}

// StrOpts are str()'s layout choices beyond StrAtomic's defaults.
type StrOpts struct {
	// Dims, when set, shows an array's extents: "[1:2, 1:3]" ("[1:3(1d)]").
	Dims []int
	// NoLength drops the "[1:n]" (str.data.frame's give.length = FALSE).
	NoLength bool
	// Class, when set, is shown quoted before the type (" 'difftime' num").
	Class string
}

// StrAtomicOpts is StrAtomic with the layout choices of o.
func StrAtomicOpts(v Vec, names []string, indent string, nestLev, width int, o StrOpts) string {
	var b strings.Builder
	le := v.Len()
	mod := [...]string{"logi", "int", "num", "chr", "raw"}[v.Kind]
	if names != nil {
		mod = "Named " + mod
	}
	if o.Class != "" {
		mod = "'" + o.Class + "' " + mod
	}
	leStr := "(0)"
	if le > 0 {
		leStr = "[1:" + strconv.Itoa(le) + "]"
	}
	switch {
	case len(o.Dims) == 1:
		leStr = "[1:" + strconv.Itoa(o.Dims[0]) + "(1d)]"
	case len(o.Dims) > 1:
		parts := make([]string, len(o.Dims))
		for i, d := range o.Dims {
			parts[i] = "1:" + strconv.Itoa(d)
		}
		leStr = "[" + strings.Join(parts, ", ") + "]"
	}
	if o.NoLength {
		leStr = ""
	}
	var str1 string
	if le == 1 && o.Dims == nil {
		str1 = " " + mod
	} else {
		str1 = " " + mod
		if le > 0 {
			str1 += " "
		}
		str1 += leStr
	}
	const vecLen = 4
	var vLen float64 = vecLen
	var body string
	ile := 0
	switch v.Kind {
	case Character:
		maxLen := max(100, width/3+1)
		n := min(le, maxLen)
		enc := make([]string, n)
		for i := 0; i < n; i++ {
			if v.strNA(i) {
				enc[i] = "NA"
			} else {
				enc[i] = escapeString(v.S[i], '"')
				if displayWidth(enc[i]) > 128 {
					enc[i] = truncateWidth(enc[i], 128-len("\"| __truncated__")) + "\"| __truncated__"
				}
			}
		}
		limit := width - (4 + 5*nestLev + displayWidth(str1))
		cum, cnt := 0, 0
		for _, e := range enc {
			cum += 1 + displayWidth(e)
			if cum < limit {
				cnt++
			}
		}
		if n == 0 {
			cnt = 0
		}
		vLen = float64(max(1, cnt))
		ile = min(n, int(vLen))
		body = strings.Join(enc[:ile], " ")
	case Raw:
		ile = min(vecLen, le)
		parts := make([]string, ile)
		for i := range parts {
			parts[i] = fmt.Sprintf("%02x", v.R[i])
		}
		body = strings.Join(parts, " ")
	default:
		switch v.Kind {
		case Logical:
			vLen = 1.5 * vecLen
		case Integer:
			vLen = math.Round(2.5 * vecLen)
		case Double:
			ivLen := int(math.Round(2.5 * vecLen))
			ob := v.D
			if le > ivLen {
				ob = ob[:ivLen]
			}
			simple := true
			for _, x := range ob {
				if math.IsNaN(x) {
					continue
				}
				ax := math.Abs(x)
				if !((ax > 1e-10 || ax == 0) && (ax < 1e10 || ax == 0) && math.Abs(x-Signif(x, 3)) <= 9e-16*ax) {
					simple = false
					break
				}
			}
			if simple {
				vLen = float64(ivLen)
			} else {
				vLen = math.Round(1.25 * vecLen)
			}
		}
		ile = min(int(vLen), le)
		part := v.slice(0, ile)
		a := DefaultFormatArgs()
		a.Digits = 3
		a.Trim = true
		parts := Format(part, a)
		if v.Kind == Double {
			for i := range parts {
				parts[i] = drop0trailing(parts[i])
			}
		}
		body = strings.Join(parts, " ")
	}
	b.WriteString(str1)
	b.WriteByte(' ')
	b.WriteString(body)
	if float64(le) > vLen {
		b.WriteString(" ...")
	}
	b.WriteByte('\n')
	if names != nil {
		b.WriteString(indent)
		b.WriteString("- attr(*, \"names\")=")
		b.WriteString(StrAtomic(Vec{Kind: Character, S: names}, nil, indent+" ..", nestLev+1, width))
	}
	return b.String()
}

// drop0trailing is prettyNum's drop0trailing for one formatted number:
// "1.50" -> "1.5", "2.00" -> "2", "1.0e+00" -> "1.0"; a number without a
// decimal point is left alone.
func drop0trailing(s string) string {
	i := strings.IndexByte(s, '.')
	if i < 0 {
		return s
	}
	b, a := s[:i], s[i+1:]
	if strings.Contains(a, "e") {
		if j := strings.IndexByte(a, 'e'); j >= 0 {
			ex := a[j:]
			if len(ex) > 2 && strings.Trim(ex[2:], "0") == "" {
				a = a[:j]
			}
		}
	} else {
		a = strings.TrimRight(a, "0")
	}
	if a == "" {
		return b
	}
	return b + "." + a
}

// truncateWidth cuts s to at most w columns.
func truncateWidth(s string, w int) string {
	n := 0
	for i, r := range s {
		n += runeWidth(r)
		if n > w {
			return s[:i]
		}
	}
	return s
}
