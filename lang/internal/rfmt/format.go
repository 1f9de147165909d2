package rfmt

import (
	"math"
	"regexp"
	"strconv"
	"strings"
)

// FormatArgs are format.default's arguments.
type FormatArgs struct {
	Trim     bool
	Digits   int // getOption("digits") when not given
	Nsmall   int
	Width    int
	Justify  Justify // character vectors only; default left
	Scipen   int     // scientific=TRUE is -100, FALSE 100, NA getOption("scipen")
	BigMark  string
	NAEncode bool
}

// DefaultFormatArgs are format()'s defaults with R's default options.
func DefaultFormatArgs() FormatArgs {
	return FormatArgs{Digits: 7, Justify: JustifyLeft, NAEncode: true}
}

// Format reproduces format.default (and .Internal(format())) for an atomic
// vector: a common width for all elements, formatReal's common
// fixed/scientific choice for doubles with nsmall, width as a minimum,
// strings justified, and big.mark inserted as prettyNum does.
func Format(v Vec, a FormatArgs) []string {
	n := v.Len()
	out := make([]string, n)
	naw := 2
	switch v.Kind {
	case Logical:
		w := 0
		if !a.Trim {
			w = FormatLogical(v.L, naw)
		}
		w = max(w, a.Width)
		for i, x := range v.L {
			out[i] = EncodeLogical(x, w, "NA")
		}
	case Integer:
		w := 0
		if !a.Trim {
			w = FormatInteger(v.I, naw)
		}
		w = max(w, a.Width)
		for i, x := range v.I {
			out[i] = EncodeInteger(x, w, "NA")
		}
	case Double:
		f := FormatReal(v.D, a.Digits, a.Nsmall, a.Scipen, naw)
		if a.Trim {
			f.W = 0
		}
		f.W = max(f.W, a.Width)
		for i, x := range v.D {
			out[i] = EncodeReal(x, f, "NA")
		}
	default:
		w := 0
		if a.Justify != JustifyNone {
			for i, s := range v.S {
				var l int
				if v.strNA(i) {
					if a.NAEncode {
						l = 2
					}
				} else {
					l = StringWidth(s, false)
				}
				w = max(w, l)
			}
			w = max(w, a.Width)
		}
		for i, s := range v.S {
			if v.strNA(i) {
				if a.NAEncode {
					out[i] = EncodeString("NA", false, w, false, a.Justify, "NA")
				} else {
					out[i] = "NA"
				}
				continue
			}
			// the raw string, padded by the width of its escaped form
			out[i] = justifyRaw(s, StringWidth(s, false), w, a.Justify)
		}
		return out
	}
	if a.BigMark != "" {
		preserve := "common"
		if a.Trim {
			preserve = "individual"
		}
		out = prettyNumVec(out, a.BigMark, preserve)
	}
	return out
}

var bigRe = regexp.MustCompile(`[0-9]{4,}`)

// PrettyNum inserts big.mark every three digits into the integer part of
// one formatted number, as prettyNum(x, big.mark=) does for a string:
// "1234567" -> "1,234,567", "1234.5678" -> "1,234.5678"; "1e+06" stays.
func PrettyNum(s, bigMark string) string {
	if bigMark == "" {
		return s
	}
	b, rest := s, ""
	if i := strings.IndexByte(s, '.'); i >= 0 {
		b, rest = s[:i], s[i:]
	}
	if !bigRe.MatchString(b) {
		return s
	}
	// reverse, mark every 3 digits followed by a digit, reverse back
	r := []rune(b)
	var out []rune
	run := 0
	for i := len(r) - 1; i >= 0; i-- {
		c := r[i]
		isDigit := c >= '0' && c <= '9'
		if isDigit && run == 3 {
			mark := []rune(bigMark)
			for k := len(mark) - 1; k >= 0; k-- {
				out = append(out, mark[k])
			}
			run = 0
		}
		if isDigit {
			run++
		} else {
			run = 0
		}
		out = append(out, c)
	}
	for i, j := 0, len(out)-1; i < j; i, j = i+1, j-1 {
		out[i], out[j] = out[j], out[i]
	}
	return string(out) + rest
}

// PrettyNumVec reproduces prettyNum(x, big.mark = bigMark) for a vector:
// numbers are formatted one by one (format(x[i], big.mark = bigMark), as
// prettyNum's vapply does), strings get the marks inserted and keep a
// common width (preserve.width = "common").
func PrettyNumVec(v Vec, bigMark string) []string {
	if v.Kind == Character {
		s := make([]string, len(v.S))
		for i := range v.S {
			if v.strNA(i) {
				s[i] = "NA"
			} else {
				s[i] = v.S[i]
			}
		}
		if bigMark == "" {
			return s
		}
		return prettyNumVec(s, bigMark, "common")
	}
	n := v.Len()
	out := make([]string, n)
	a := DefaultFormatArgs()
	a.BigMark = bigMark
	for i := 0; i < n; i++ {
		out[i] = Format(v.slice(i, i+1), a)[0]
	}
	return out
}

// prettyNumVec applies PrettyNum to formatted strings and keeps widths as
// preserve.width does ("common": right-justify to the widest; "individual":
// drop as many leading blanks as characters were added).
func prettyNumVec(x []string, bigMark, preserve string) []string {
	out := make([]string, len(x))
	grew := false
	for i, s := range x {
		out[i] = PrettyNum(s, bigMark)
		if len(out[i]) > len(s) {
			grew = true
		}
	}
	if !grew {
		return out
	}
	switch preserve {
	case "individual":
		for i := range out {
			d := len([]rune(out[i])) - len([]rune(x[i]))
			for d > 0 && strings.HasPrefix(out[i], " ") {
				out[i] = out[i][1:]
				d--
			}
		}
	case "common":
		w := 0
		for _, s := range out {
			w = max(w, displayWidth(s))
		}
		for i := range out {
			out[i] = padLeft(out[i], w)
		}
	}
	return out
}

// FormatCArgs are formatC's arguments. WidthSet/DigitsSet false mean the
// argument was not given (NULL); Format "" means the default for the type
// ("d" for integers, "g" for doubles, "s" for strings).
type FormatCArgs struct {
	Width     int
	WidthSet  bool
	Digits    int
	DigitsSet bool
	Format    string
	Flag      string
	BigMark   string
}

// FormatC reproduces formatC(x, width, digits, format, flag, big.mark) for
// an atomic vector (C-style formatting of each element, no common width).
func FormatC(v Vec, a FormatCArgs) []string {
	n := v.Len()
	if n == 0 {
		return []string{}
	}
	widthNull := !a.WidthSet
	flag := a.Flag
	if v.Kind == Character || a.Format == "s" {
		strs := make([]string, n)
		for i := 0; i < n; i++ {
			switch v.Kind {
			case Character:
				strs[i] = v.S[i]
				if v.strNA(i) {
					strs[i] = "NA"
				}
			case Double:
				strs[i], _ = AsCharacterReal(v.D[i], 0)
			case Integer:
				strs[i] = EncodeInteger(v.I[i], 0, "NA")
			case Logical:
				strs[i] = EncodeLogical(v.L[i], 0, "NA")
			}
		}
		return formatChar(strs, a.Width, flag)
	}
	format := a.Format
	mode := "double"
	var xs []float64
	switch v.Kind {
	case Integer, Logical:
		mode = "integer"
		src := v.I
		if v.Kind == Logical {
			src = v.L
		}
		for _, x := range src {
			if x == NAInt {
				xs = append(xs, NAReal)
			} else {
				xs = append(xs, float64(x))
			}
		}
	default:
		xs = append(xs, v.D...)
	}
	if format == "" {
		if mode == "integer" {
			format = "d"
		} else {
			format = "g"
		}
	} else if format == "d" && mode != "integer" {
		mode = "integer"
		for i, x := range xs {
			if !math.IsNaN(x) && !math.IsInf(x, 0) {
				xs[i] = math.RoundToEven(x)
			}
		}
	} else if format != "d" {
		mode = "double"
	}
	ok := make([]bool, n)
	special := make([]string, n)
	for i, x := range xs {
		ok[i] = !math.IsNaN(x) && !math.IsInf(x, 0)
		if !ok[i] {
			switch {
			case math.IsInf(x, 1):
				special[i] = "Inf"
			case math.IsInf(x, -1):
				special[i] = "-Inf"
			case IsNA(x):
				special[i] = "NA"
			default:
				special[i] = "NaN"
			}
			xs[i] = 0
		}
	}
	width, digits := a.Width, a.Digits
	if widthNull && !a.DigitsSet {
		width = 1
		widthNull = false
	}
	if !a.DigitsSet {
		if mode == "integer" {
			digits = 2
		} else {
			digits = 4
		}
	} else if digits < 0 {
		digits = 6
	}
	if widthNull {
		width = digits + 1
	} else if width == 0 {
		width = digits
	}
	rmTrailing0 := !strings.Contains(flag, "#")
	out := make([]string, n)
	for i, x := range xs {
		if !ok[i] {
			continue
		}
		if format == "d" {
			sp, _ := ParseSpec("%" + flag + "d")
			sp.Width = width
			if sp.Width < 0 {
				sp.Minus = true
				sp.Width = -sp.Width
			}
			out[i] = sp.FormatInt(int64(x))
			continue
		}
		if format == "fg" {
			out[i] = formatFG(x, width, digits, flag, rmTrailing0)
			continue
		}
		sp, err := ParseSpec("%" + flag + format)
		if err != nil {
			out[i] = ""
			continue
		}
		sp.Width = width
		if sp.Width < 0 {
			sp.Minus = true
			sp.Width = -sp.Width
		}
		sp.Prec = digits
		out[i] = sp.FormatFloat(x)
	}
	var specials []string
	for i := range xs {
		if !ok[i] {
			specials = append(specials, special[i])
		}
	}
	if len(specials) > 0 {
		f := formatChar(specials, width, flag)
		k := 0
		for i := range xs {
			if !ok[i] {
				out[i] = f[k]
				k++
			}
		}
	}
	if a.BigMark != "" {
		out = prettyNumVec(out, a.BigMark, "individual")
	}
	return out
}

// formatChar is formatC's format.char: format.default with the width,
// right-justified unless flag is "-" (or width < 0).
func formatChar(x []string, width int, flag string) []string {
	just := JustifyRight
	if width < 0 {
		flag = "-"
		width = -width
	}
	if flag == "-" {
		just = JustifyLeft
	}
	a := DefaultFormatArgs()
	a.Width = width
	a.Justify = just
	return Format(Vec{Kind: Character, S: x}, a)
}

// formatFG is formatC's "fg" format: digits significant digits in fixed
// notation (str_signif's "smart f").
func formatFG(xx float64, width, dig int, flag string, rmTrailing0 bool) string {
	if xx == 0 {
		return "0"
	}
	xxx := math.Abs(xx)
	iex := int(math.Floor(log10CR(xxx) + 1e-12))
	X := roundDigits(xxx/math.Pow(10, float64(iex))+1e-12, dig-1)
	if iex > 0 && X >= 10 {
		xx = X * math.Pow(10, float64(iex))
		iex++
	}
	if iex == -4 && math.Abs(xx) < 1e-4 {
		iex = -5
	}
	if iex < -4 {
		sp, _ := ParseSpec("%" + flag + "f")
		sp.Width = -1
		sp.Prec = dig - 1 - iex
		s := sp.FormatFloat(xx)
		if rmTrailing0 {
			s = strings.TrimRight(s, "0")
		}
		return s
	}
	sp, _ := ParseSpec("%" + flag + "g")
	sp.Width = width
	if iex >= dig {
		sp.Prec = iex + 1
	} else {
		sp.Prec = dig
	}
	return sp.FormatFloat(xx)
}

// roundDigits rounds x to d decimal places (R's round(x, d) for the
// moderate values formatC needs).
func roundDigits(x float64, d int) float64 {
	s := strconv.FormatFloat(x, 'f', d, 64)
	v, _ := strconv.ParseFloat(s, 64)
	return v
}

// justifyRaw pads s (whose counted width is n) to width w.
func justifyRaw(s string, n, w int, just Justify) string {
	if n >= w {
		return s
	}
	switch just {
	case JustifyLeft:
		return s + strings.Repeat(" ", w-n)
	case JustifyRight:
		return strings.Repeat(" ", w-n) + s
	case JustifyCentre:
		l := (w - n) / 2
		return strings.Repeat(" ", l) + s + strings.Repeat(" ", w-n-l)
	}
	return s
}
