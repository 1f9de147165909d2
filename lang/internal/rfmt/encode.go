package rfmt

import (
	"strconv"
	"strings"
	"unicode"
	"unicode/utf8"
)

// IndexWidth reproduces R's IndexWidth(n): the number of decimal digits of n.
func IndexWidth(n int) int {
	w := 1
	for n >= 10 {
		n /= 10
		w++
	}
	return w
}

// FormatInteger reproduces R's formatInteger: the common width of an
// integer vector (NA counts as naWidth).
func FormatInteger(x []int, naWidth int) int {
	xmin, xmax := int(^uint(0)>>1), -int(^uint(0)>>1)-1
	naflag := false
	for _, v := range x {
		if v == NAInt {
			naflag = true
			continue
		}
		if v < xmin {
			xmin = v
		}
		if v > xmax {
			xmax = v
		}
	}
	w := 1
	if naflag {
		w = naWidth
	}
	if xmin < 0 {
		if l := IndexWidth(-xmin) + 1; l > w {
			w = l
		}
	}
	if xmax > 0 {
		if l := IndexWidth(xmax); l > w {
			w = l
		}
	}
	return w
}

// EncodeInteger reproduces R's EncodeInteger(x, w).
func EncodeInteger(x, w int, naString string) string {
	if x == NAInt {
		return padLeft(naString, w)
	}
	return padLeft(strconv.Itoa(x), w)
}

// FormatLogical reproduces R's formatLogical: 5 if any FALSE, else 4 if any
// TRUE, at least naWidth if any NA, else 1.
func FormatLogical(x []int, naWidth int) int {
	w := 1
	for _, v := range x {
		if v == NAInt {
			if w < naWidth {
				w = naWidth
			}
		} else if v != 0 && w < 4 {
			w = 4
		} else if v == 0 && w < 5 {
			w = 5
			break
		}
	}
	return w
}

// EncodeLogical reproduces R's EncodeLogical(x, w).
func EncodeLogical(x, w int, naString string) string {
	switch {
	case x == NAInt:
		return padLeft(naString, w)
	case x != 0:
		return padLeft("TRUE", w)
	default:
		return padLeft("FALSE", w)
	}
}

// runeWidth is the terminal width R gives a character (Ri18n_wcwidth):
// 0 for combining marks and zero-width characters, 2 for East Asian wide
// and fullwidth characters and most emoji, else 1.
func runeWidth(r rune) int {
	if r < 0x300 {
		return 1
	}
	if unicode.Is(unicode.Mn, r) || unicode.Is(unicode.Me, r) || (unicode.Is(unicode.Cf, r) && r != 0xAD) {
		return 0
	}
	for _, rg := range wideRanges {
		if r < rg[0] {
			break
		}
		if r <= rg[1] {
			return 2
		}
	}
	return 1
}

var wideRanges = [][2]rune{
	{0x1100, 0x115F}, {0x231A, 0x231B}, {0x2329, 0x232A}, {0x23E9, 0x23EC},
	{0x23F0, 0x23F0}, {0x23F3, 0x23F3}, {0x25FD, 0x25FE}, {0x2614, 0x2615},
	{0x2648, 0x2653}, {0x267F, 0x267F}, {0x2693, 0x2693}, {0x26A1, 0x26A1},
	{0x26AA, 0x26AB}, {0x26BD, 0x26BE}, {0x26C4, 0x26C5}, {0x26CE, 0x26CE},
	{0x26D4, 0x26D4}, {0x26EA, 0x26EA}, {0x26F2, 0x26F3}, {0x26F5, 0x26F5},
	{0x26FA, 0x26FA}, {0x26FD, 0x26FD}, {0x2705, 0x2705}, {0x270A, 0x270B},
	{0x2728, 0x2728}, {0x274C, 0x274C}, {0x274E, 0x274E}, {0x2753, 0x2755},
	{0x2757, 0x2757}, {0x2795, 0x2797}, {0x27B0, 0x27B0}, {0x27BF, 0x27BF},
	{0x2B1B, 0x2B1C}, {0x2B50, 0x2B50}, {0x2B55, 0x2B55}, {0x2E80, 0x303E},
	{0x3041, 0x33FF}, {0x3400, 0x4DBF}, {0x4E00, 0x9FFF}, {0xA000, 0xA4CF},
	{0xA960, 0xA97F}, {0xAC00, 0xD7A3}, {0xF900, 0xFAFF}, {0xFE10, 0xFE19},
	{0xFE30, 0xFE6F}, {0xFF00, 0xFF60}, {0xFFE0, 0xFFE6}, {0x16FE0, 0x16FE4},
	{0x17000, 0x18AFF}, {0x1B000, 0x1B16F}, {0x1F004, 0x1F004}, {0x1F0CF, 0x1F0CF},
	{0x1F18E, 0x1F18E}, {0x1F191, 0x1F19A}, {0x1F200, 0x1F251}, {0x1F300, 0x1F64F},
	{0x1F680, 0x1F6FF}, {0x1F7E0, 0x1F7EB}, {0x1F90C, 0x1F9FF}, {0x1FA70, 0x1FAFF},
	{0x20000, 0x2FFFD}, {0x30000, 0x3FFFD},
}

// printable is glibc's iswprint as R uses it: everything assigned except
// control characters and the line and paragraph separators.
func printable(r rune) bool {
	if unicode.Is(unicode.Cc, r) || r == 0x2028 || r == 0x2029 {
		return false
	}
	return unicode.In(r, unicode.L, unicode.M, unicode.N, unicode.P, unicode.S, unicode.Zs,
		unicode.Cf, unicode.Co, unicode.Cs)
}

// displayWidth is the number of terminal columns s occupies.
func displayWidth(s string) int {
	n := 0
	for i := 0; i < len(s); i++ {
		if s[i] >= 0x80 {
			// slow path
			n = 0
			for _, r := range s {
				n += runeWidth(r)
			}
			return n
		}
	}
	return len(s)
}

// DisplayWidth reports the columns R counts for s when padding (nchar(s,
// "width") for printable text).
func DisplayWidth(s string) int { return displayWidth(s) }

// escapeString is the body of R's EncodeString for a non-NA string: with
// quote != 0, backslash escapes for control characters, the quote
// character and backslash; printable characters (including non-ASCII) are
// kept. Without quote only non-printable characters are escaped.
func escapeString(s string, quote byte) string {
	simple := true
	for i := 0; i < len(s); i++ {
		c := s[i]
		if c < 0x20 || c == 0x7f || c >= 0x80 || c == '\\' || (quote != 0 && c == quote) {
			simple = false
			break
		}
	}
	if simple {
		if quote != 0 {
			return string(quote) + s + string(quote)
		}
		return s
	}
	var b strings.Builder
	if quote != 0 {
		b.WriteByte(quote)
	}
	for i := 0; i < len(s); {
		r, size := utf8.DecodeRuneInString(s[i:])
		if r == utf8.RuneError && size == 1 {
			// invalid byte: R prints \xNN
			b.WriteString("\\x")
			b.WriteString(strconv.FormatUint(uint64(s[i]), 16))
			i++
			continue
		}
		i += size
		switch r {
		case '\a':
			b.WriteString(`\a`)
		case '\b':
			b.WriteString(`\b`)
		case '\f':
			b.WriteString(`\f`)
		case '\n':
			b.WriteString(`\n`)
		case '\r':
			b.WriteString(`\r`)
		case '\t':
			b.WriteString(`\t`)
		case '\v':
			b.WriteString(`\v`)
		case '\\':
			b.WriteString(`\\`)
		case 0:
			b.WriteString(`\0`)
		default:
			if quote != 0 && r == rune(quote) {
				b.WriteByte('\\')
				b.WriteRune(r)
			} else if r < 0x20 || r == 0x7f {
				b.WriteString("\\")
				o := strconv.FormatInt(int64(r), 8)
				b.WriteString(strings.Repeat("0", 3-len(o)) + o)
			} else if r >= 0x80 && !printable(r) {
				if r <= 0xFFFF {
					h := strconv.FormatInt(int64(r), 16)
					b.WriteString(`\u` + strings.Repeat("0", 4-len(h)) + h)
				} else {
					h := strconv.FormatInt(int64(r), 16)
					b.WriteString(`\U` + strings.Repeat("0", 8-len(h)) + h)
				}
			} else {
				b.WriteRune(r)
			}
		}
	}
	if quote != 0 {
		b.WriteByte(quote)
	}
	return b.String()
}

// StringWidth reproduces R's Rstrlen(s, quote) + (quote ? 2 : 0): the width
// the encoded string occupies.
func StringWidth(s string, quote bool) int {
	var q byte
	if quote {
		q = '"'
	}
	return displayWidth(escapeString(s, q))
}

// FormatString reproduces R's formatString: the common width of a
// character vector, an NA counting as naWidth (R's na.width when quoting,
// na.width_noquote, i.e. 4 for "<NA>", when not).
func FormatString(x []string, na []bool, quote bool, naWidth int) int {
	w := 0
	for i, s := range x {
		var l int
		if na != nil && na[i] {
			l = naWidth
		} else {
			l = StringWidth(s, quote)
		}
		if l > w {
			w = l
		}
	}
	return w
}

// Justify is R's justification code for EncodeString.
type Justify int

// Justification values (Rprt_adj_left, Rprt_adj_right, centre, none).
const (
	JustifyLeft Justify = iota
	JustifyRight
	JustifyCentre
	JustifyNone
)

// EncodeString reproduces R's EncodeString(s, w, quote, justify): escaped
// (and quoted when quote) and padded to width w. An NA string prints as
// naString (print uses "NA" when quoting and "<NA>" when not, unless
// na.print is set).
func EncodeString(s string, isNA bool, w int, quote bool, just Justify, naString string) string {
	var body string
	if isNA {
		body = naString
	} else {
		var q byte
		if quote {
			q = '"'
		}
		body = escapeString(s, q)
	}
	switch just {
	case JustifyLeft:
		return padRight(body, w)
	case JustifyRight:
		return padLeft(body, w)
	case JustifyCentre:
		n := displayWidth(body)
		if n >= w {
			return body
		}
		l := (w - n) / 2
		return strings.Repeat(" ", l) + body + strings.Repeat(" ", w-n-l)
	}
	return body
}
