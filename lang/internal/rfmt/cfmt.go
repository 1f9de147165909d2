package rfmt

import (
	"errors"
	"fmt"
	"math"
	"strconv"
	"strings"
	"unicode/utf8"
)

// Spec is one parsed C conversion specification: %[flags][width][.prec]conv.
type Spec struct {
	Minus, Plus, Space, Zero, Hash bool
	Width                          int // -1 when absent
	Prec                           int // -1 when absent
	Conv                           byte
}

// ParseSpec parses a conversion specification such as "%-08.3f" (with the
// leading % and the conversion character; no '*').
func ParseSpec(s string) (Spec, error) {
	sp := Spec{Width: -1, Prec: -1}
	if len(s) < 2 || s[0] != '%' {
		return sp, fmt.Errorf("invalid format '%s'", s)
	}
	i := 1
flags:
	for ; i < len(s); i++ {
		switch s[i] {
		case '-':
			sp.Minus = true
		case '+':
			sp.Plus = true
		case ' ':
			sp.Space = true
		case '0':
			sp.Zero = true
		case '#':
			sp.Hash = true
		default:
			break flags
		}
	}
	j := i
	for i < len(s) && s[i] >= '0' && s[i] <= '9' {
		i++
	}
	if i > j {
		sp.Width, _ = strconv.Atoi(s[j:i])
	}
	if i < len(s) && s[i] == '.' {
		i++
		j = i
		for i < len(s) && s[i] >= '0' && s[i] <= '9' {
			i++
		}
		sp.Prec, _ = strconv.Atoi(s[j:i])
	}
	if i != len(s)-1 {
		return sp, fmt.Errorf("invalid format '%s'", s)
	}
	sp.Conv = s[i]
	return sp, nil
}

// pad applies C's field width: left-justify with '-', zero padding after
// the sign/prefix with '0' (numeric conversions only), else spaces.
func (sp Spec) pad(sign, prefix, body string, numeric bool) string {
	n := utf8.RuneCountInString(sign) + len(prefix) + utf8.RuneCountInString(body)
	if sp.Width <= n {
		return sign + prefix + body
	}
	fill := sp.Width - n
	switch {
	case sp.Minus:
		return sign + prefix + body + strings.Repeat(" ", fill)
	case sp.Zero && numeric:
		return sign + prefix + strings.Repeat("0", fill) + body
	}
	return strings.Repeat(" ", fill) + sign + prefix + body
}

func (sp Spec) signOf(neg bool) string {
	switch {
	case neg:
		return "-"
	case sp.Plus:
		return "+"
	case sp.Space:
		return " "
	}
	return ""
}

// FormatInt formats an integer with a d, i, o, x, X or c conversion as C's
// printf does for an int argument.
func (sp Spec) FormatInt(x int64) string {
	var body, prefix string
	neg := false
	switch sp.Conv {
	case 'd', 'i':
		if x < 0 {
			neg = true
			body = strconv.FormatUint(uint64(-x), 10)
		} else {
			body = strconv.FormatInt(x, 10)
		}
	case 'o', 'x', 'X':
		u := uint64(uint32(int32(x)))
		if x > math.MaxUint32 || x < math.MinInt32 {
			u = uint64(x)
		}
		base := 16
		if sp.Conv == 'o' {
			base = 8
		}
		body = strconv.FormatUint(u, base)
		if sp.Conv == 'X' {
			body = strings.ToUpper(body)
		}
		if sp.Hash && u != 0 {
			switch sp.Conv {
			case 'x':
				prefix = "0x"
			case 'X':
				prefix = "0X"
			case 'o':
				if !strings.HasPrefix(body, "0") {
					body = "0" + body
				}
			}
		}
	default:
		return sp.FormatFloat(float64(x))
	}
	if sp.Prec >= 0 {
		if sp.Prec == 0 && x == 0 {
			body = ""
		}
		if len(body) < sp.Prec {
			body = strings.Repeat("0", sp.Prec-len(body)) + body
		}
		sp.Zero = false
	}
	sign := ""
	if sp.Conv == 'd' || sp.Conv == 'i' {
		sign = sp.signOf(neg)
	}
	return sp.pad(sign, prefix, body, true)
}

// FormatFloat formats a double with an f, F, e, E, g, G, a or A conversion
// exactly as C's printf (glibc): %g picks %e or %f from the exponent after
// rounding and drops trailing zeros unless '#'.
func (sp Spec) FormatFloat(x float64) string {
	neg := math.Signbit(x) && !math.IsNaN(x)
	ax := math.Abs(x)
	if math.IsInf(x, 0) || math.IsNaN(x) {
		body := "inf"
		if math.IsNaN(x) {
			body = "nan"
		}
		if sp.Conv >= 'A' && sp.Conv <= 'Z' {
			body = strings.ToUpper(body)
		}
		return sp.pad(sp.signOf(neg), "", body, false)
	}
	prec := sp.Prec
	var body string
	switch sp.Conv {
	case 'f', 'F':
		if prec < 0 {
			prec = 6
		}
		body = strconv.FormatFloat(ax, 'f', prec, 64)
		if sp.Hash && prec == 0 {
			body += "."
		}
	case 'e', 'E':
		if prec < 0 {
			prec = 6
		}
		body = cExp(ax, prec, sp.Hash)
		if sp.Conv == 'E' {
			body = strings.ToUpper(body)
		}
	case 'g', 'G':
		if prec < 0 {
			prec = 6
		}
		if prec == 0 {
			prec = 1
		}
		body = cG(ax, prec, sp.Hash)
		if sp.Conv == 'G' {
			body = strings.ToUpper(body)
		}
	case 'a', 'A':
		body = cHex(ax, prec)
		if sp.Conv == 'A' {
			body = strings.ToUpper(body)
		}
		if strings.HasPrefix(body, "0x") || strings.HasPrefix(body, "0X") {
			return sp.pad(sp.signOf(neg), body[:2], body[2:], true)
		}
	default:
		body = strconv.FormatFloat(ax, 'g', -1, 64)
	}
	return sp.pad(sp.signOf(neg), "", body, true)
}

// cExp is C's %.{prec}e of a non-negative finite number.
func cExp(ax float64, prec int, hash bool) string {
	s := strconv.FormatFloat(ax, 'e', prec, 64)
	if hash && prec == 0 {
		i := strings.IndexByte(s, 'e')
		s = s[:i] + "." + s[i:]
	}
	return s
}

// cG is C's %.{prec}g (prec >= 1) of a non-negative finite number.
func cG(ax float64, prec int, hash bool) string {
	e := strconv.FormatFloat(ax, 'e', prec-1, 64)
	i := strings.IndexByte(e, 'e')
	x, _ := strconv.Atoi(e[i+1:])
	var s string
	if prec > x && x >= -4 {
		s = strconv.FormatFloat(ax, 'f', prec-1-x, 64)
		if hash {
			if !strings.Contains(s, ".") {
				s += "."
			}
		} else if strings.Contains(s, ".") {
			s = strings.TrimRight(s, "0")
			s = strings.TrimSuffix(s, ".")
		}
		return s
	}
	m, ex := e[:i], e[i:]
	if hash {
		if !strings.Contains(m, ".") {
			m += "."
		}
	} else if strings.Contains(m, ".") {
		m = strings.TrimRight(m, "0")
		m = strings.TrimSuffix(m, ".")
	}
	return m + ex
}

// cHex is C's %a of a non-negative finite number (glibc's form, which
// shows subnormals as 0x0.xxxp-1022).
func cHex(ax float64, prec int) string {
	if ax != 0 && ax < 2.2250738585072014e-308 && prec < 0 {
		m := strconv.FormatUint(math.Float64bits(ax)&(1<<52-1), 16)
		m = strings.Repeat("0", 13-len(m)) + m
		return "0x0." + strings.TrimRight(m, "0") + "p-1022"
	}
	s := strconv.FormatFloat(ax, 'x', prec, 64) // 0x1.8p+01
	i := strings.IndexByte(s, 'p')
	mant, ex := s[:i], s[i+1:]
	sign := ex[:1]
	digits := strings.TrimLeft(ex[1:], "0")
	if digits == "" {
		digits = "0"
	}
	if ax == 0 {
		return "0x0p+0"
	}
	return mant + "p" + sign + digits
}

// FormatString formats a string with an s conversion. Width and precision
// count bytes, not characters, as C's sprintf (and so R's) does: "%5s" pads
// "é" (two bytes in UTF-8) with three spaces.
func (sp Spec) FormatString(s string) string {
	if sp.Prec >= 0 && len(s) > sp.Prec {
		s = s[:sp.Prec]
	}
	if sp.Width <= len(s) {
		return s
	}
	if sp.Minus {
		return s + strings.Repeat(" ", sp.Width-len(s))
	}
	return strings.Repeat(" ", sp.Width-len(s)) + s
}

// Sprintf reproduces R's sprintf(fmt, ...) for one format string; see
// SprintfVec.
func Sprintf(format string, args []Vec, scipen int) ([]string, error) {
	return SprintfVec([]string{format}, args, scipen)
}

// SprintfVec reproduces R's sprintf(fmt, ...) for atomic arguments: the
// result is vectorised over the formats and the arguments, which are
// recycled to the longest; %d/%i need integer-valued numbers (a double
// vector of whole numbers is accepted), %s formats numbers as
// as.character does (15 significant digits), NA prints as NA in the field
// width, "*" takes a width from the next argument and %n$ selects argument
// n. A zero-length format or argument gives a zero-length result.
func SprintfVec(formats []string, args []Vec, scipen int) ([]string, error) {
	if len(formats) == 0 {
		return []string{}, nil
	}
	n := len(formats)
	for _, a := range args {
		if a.Len() == 0 {
			return []string{}, nil
		}
		if a.Len() > n {
			n = a.Len()
		}
	}
	out := make([]string, n)
	for i := 0; i < n; i++ {
		s, err := sprintfOne(formats[i%len(formats)], args, i, scipen)
		if err != nil {
			return nil, err
		}
		out[i] = s
	}
	return out, nil
}

const maxLine = 8192 // R's MAXLINE for one sprintf conversion

func sprintfOne(format string, args []Vec, row int, scipen int) (string, error) {
	var b strings.Builder
	nextArg := 0
	for i := 0; i < len(format); {
		c := format[i]
		if c != '%' {
			j := strings.IndexByte(format[i:], '%')
			if j < 0 {
				b.WriteString(format[i:])
				break
			}
			b.WriteString(format[i : i+j])
			i += j
			continue
		}
		if i+1 < len(format) && format[i+1] == '%' {
			b.WriteByte('%')
			i += 2
			continue
		}
		// find the conversion character
		j := i + 1
		for j < len(format) && strings.IndexByte("aAdifeEgGosxX%", format[j]) < 0 {
			j++
		}
		if j >= len(format) {
			return "", fmt.Errorf("unrecognised format specification '%s'", format[i:])
		}
		chunk := format[i : j+1]
		i = j + 1
		// %n$ positional argument
		argIdx := -1
		if k := strings.IndexByte(chunk, '$'); k > 0 {
			p, err := strconv.Atoi(chunk[1:k])
			if err != nil || p < 1 {
				return "", fmt.Errorf("invalid format '%s'; use format %%s for character objects", chunk)
			}
			argIdx = p - 1
			chunk = "%" + chunk[k+1:]
		}
		// '*' width/precision from arguments
		for strings.Contains(chunk, "*") {
			if nextArg >= len(args) {
				return "", errors.New("too few arguments")
			}
			a := args[nextArg]
			nextArg++
			var w int
			switch a.Kind {
			case Integer:
				w = a.I[row%len(a.I)]
			case Double:
				w = int(a.D[row%len(a.D)])
			case Logical:
				w = a.L[row%len(a.L)]
			default:
				return "", errors.New("argument for '*' conversion specification must be a number")
			}
			k := strings.IndexByte(chunk, '*')
			chunk = chunk[:k] + strconv.Itoa(w) + chunk[k+1:]
			if w < 0 && k > 0 && chunk[k-1] != '.' {
				// negative width means left-justify
				chunk = chunk[:k] + "-" + strconv.Itoa(-w) + chunk[k+len(strconv.Itoa(w)):]
			}
		}
		if argIdx < 0 {
			argIdx = nextArg
			nextArg++
		}
		if argIdx >= len(args) {
			return "", errors.New("too few arguments")
		}
		sp, err := ParseSpec(chunk)
		if err != nil {
			return "", err
		}
		// R formats each conversion into a buffer of 8192 bytes
		if sp.Width > maxLine || sp.Prec > maxLine {
			return "", fmt.Errorf("required resulting string length %d is greater than maximal %d", max(sp.Width, sp.Prec), maxLine)
		}
		s, err := formatArg(sp, chunk, args[argIdx], row, scipen)
		if err == nil && len(s) > maxLine {
			err = fmt.Errorf("required resulting string length %d is greater than maximal %d", len(s), maxLine)
		}
		if err != nil {
			return "", err
		}
		b.WriteString(s)
	}
	return b.String(), nil
}

func naSpec(sp Spec) Spec {
	s := sp
	s.Conv = 's'
	s.Prec = -1
	s.Zero = false
	return s
}

func formatArg(sp Spec, chunk string, a Vec, row int, scipen int) (string, error) {
	conv := sp.Conv
	switch a.Kind {
	case Logical, Integer:
		var x int
		if a.Kind == Logical {
			x = a.L[row%len(a.L)]
		} else {
			x = a.I[row%len(a.I)]
		}
		switch conv {
		case 'd', 'i', 'o', 'x', 'X':
			if x == NAInt {
				s := sp
				s.Conv = 's'
				s.Zero = false
				return s.FormatString("NA"), nil
			}
			return sp.FormatInt(int64(x)), nil
		case 's':
			if x == NAInt {
				return sp.FormatString("NA"), nil
			}
			if a.Labels != nil && x >= 1 && x <= len(a.Labels) {
				// a factor: %s shows its level, %d its code
				return sp.FormatString(a.Labels[x-1]), nil
			}
			if a.Kind == Logical {
				if x != 0 {
					return sp.FormatString("TRUE"), nil
				}
				return sp.FormatString("FALSE"), nil
			}
			return sp.FormatString(strconv.Itoa(x)), nil
		default:
			if a.Kind == Logical {
				return "", fmt.Errorf("invalid format '%s'; use format %%d or %%i for logical objects", chunk)
			}
			if x == NAInt {
				return formatArg(sp, chunk, Vec{Kind: Double, D: []float64{NAReal}}, 0, scipen)
			}
			return formatArg(sp, chunk, Vec{Kind: Double, D: []float64{float64(x)}}, 0, scipen)
		}
	case Double:
		x := a.D[row%len(a.D)]
		switch conv {
		case 'd', 'i', 'o', 'x', 'X':
			// R converts a double vector that is all whole numbers
			// as.integer() when every value is integer-valued (non-finite
			// values count as such and become NA)
			for _, v := range a.D {
				finite := !math.IsNaN(v) && !math.IsInf(v, 0)
				if finite && (v != math.Trunc(v) || v > math.MaxInt32 || v < math.MinInt32+1) {
					return "", fmt.Errorf("invalid format '%s'; use format %%f, %%e, %%g or %%a for numeric objects", chunk)
				}
			}
			if math.IsNaN(x) || math.IsInf(x, 0) {
				return naSpec(sp).FormatString("NA"), nil
			}
			return sp.FormatInt(int64(x)), nil
		case 's':
			if IsNA(x) {
				return sp.FormatString("NA"), nil
			}
			s, _ := AsCharacterReal(x, scipen)
			if !math.IsNaN(x) && !math.IsInf(x, 0) {
				// as.character gives 15 significant digits
				return sp.FormatString(s), nil
			}
			return sp.FormatString(s), nil
		}
		if !math.IsNaN(x) && !math.IsInf(x, 0) {
			return sp.FormatFloat(x), nil
		}
		ns := naSpec(sp)
		var word string
		switch {
		case IsNA(x):
			word = "NA"
			if sp.Space {
				word = " NA"
			}
		case math.IsNaN(x):
			word = "NaN"
			if sp.Space {
				word = " NaN"
			}
		case x > 0:
			word = "Inf"
			if sp.Plus {
				word = "+Inf"
			} else if sp.Space {
				word = " Inf"
			}
		default:
			word = "-Inf"
		}
		ns.Plus, ns.Space = false, false
		return ns.FormatString(word), nil
	default:
		s := a.S[row%len(a.S)]
		if a.strNA(row % len(a.S)) {
			s = "NA"
		}
		if conv != 's' {
			return "", fmt.Errorf("invalid format '%s'; use format %%s for character objects", chunk)
		}
		return sp.FormatString(s), nil
	}
}
