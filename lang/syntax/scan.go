package syntax

import (
	"math"
	"strconv"
	"strings"
	"unicode"
	"unicode/utf8"
)

// token is one scanned token.
type token struct {
	tok        Token
	pos        Pos
	start, end int    // byte offsets in src
	sval       string // decoded string, identifier name, operator text
	num        float64
	ival       int32
	ckind      ConstKind
}

// scanner splits R source into tokens. Errors panic with *Error and are
// recovered by the parser's entry points.
type scanner struct {
	src       string
	off       int   // byte offset of the next unread character
	line, col int32 // position of src[off]
	p         *parser
}

type scanState struct {
	off       int
	line, col int32
}

func (s *scanner) save() scanState      { return scanState{s.off, s.line, s.col} }
func (s *scanner) restore(st scanState) { s.off, s.line, s.col = st.off, st.line, st.col }

func (s *scanner) pos() Pos { return Pos{s.line, s.col} }

// peekByte returns the byte at off+n, or 0 at end of input.
func (s *scanner) peekByte(n int) byte {
	if s.off+n < len(s.src) {
		return s.src[s.off+n]
	}
	return 0
}

// advanceByte moves past one byte, keeping line and (rune) column.
func (s *scanner) advanceByte() {
	c := s.src[s.off]
	s.off++
	switch {
	case c == '\n':
		s.line++
		s.col = 1
	case c == '\t':
		s.col = tabStop(s.col)
	case c&0xC0 != 0x80:
		s.col++
	}
}

// tabStop returns the column after a tab at column col: like R, tabs
// advance to the next multiple of 8 (columns 9, 17, ...).
func tabStop(col int32) int32 { return ((col-1)/8+1)*8 + 1 }

// advance moves past n bytes.
func (s *scanner) advance(n int) {
	for i := 0; i < n; i++ {
		s.advanceByte()
	}
}

func isDigit(c byte) bool    { return '0' <= c && c <= '9' }
func isHexDigit(c byte) bool { return isDigit(c) || 'a' <= c && c <= 'f' || 'A' <= c && c <= 'F' }
func isIdentStartByte(c byte) bool {
	return 'a' <= c && c <= 'z' || 'A' <= c && c <= 'Z' || c == '.'
}
func isIdentByte(c byte) bool {
	return isIdentStartByte(c) || isDigit(c) || c == '_'
}

var keywords = map[string]Token{
	"if": IF, "else": ELSE, "repeat": REPEAT, "while": WHILE, "function": FUNCTION,
	"for": FOR, "next": NEXT, "break": BREAK, "in": IN,
}

var constKeywords = map[string]ConstKind{
	"TRUE": ConstTrue, "FALSE": ConstFalse, "NULL": ConstNull, "NA": ConstNA,
	"NA_integer_": ConstNAInteger, "NA_real_": ConstNAReal, "NA_character_": ConstNACharacter,
	"Inf": ConstInf, "NaN": ConstNaN, "NA_complex_": ConstNAComplex,
}

// scan reads the next token into t.
func (s *scanner) scan(t *token) {
	t.sval = ""
	// Skip white space and comments.
	for s.off < len(s.src) {
		c := s.src[s.off]
		if c == ' ' || c == '\f' || c == '\r' || c == '\v' {
			s.off++
			s.col++
			continue
		}
		if c == '\t' {
			s.off++
			s.col = tabStop(s.col)
			continue
		}
		if c == '#' {
			for s.off < len(s.src) && s.src[s.off] != '\n' {
				s.advanceByte()
			}
			continue
		}
		if c == 0xC2 && s.peekByte(1) == 0xA0 { // non-breaking space
			s.advanceByte()
			continue
		}
		break
	}
	t.pos = s.pos()
	t.start = s.off
	defer func() { t.end = s.off }()
	if s.off >= len(s.src) {
		t.tok = EOF
		return
	}
	c := s.src[s.off]
	switch {
	case c == '\n':
		s.advanceByte()
		t.tok = NEWLINE
		return
	case isDigit(c) || c == '.' && isDigit(s.peekByte(1)):
		s.scanNumber(t)
		return
	case (c == 'r' || c == 'R') && (s.peekByte(1) == '"' || s.peekByte(1) == '\''):
		s.scanRawString(t)
		return
	case isIdentStartByte(c):
		s.scanIdent(t)
		return
	case c >= utf8.RuneSelf:
		r, n := utf8.DecodeRuneInString(s.src[s.off:])
		if unicode.IsLetter(r) {
			s.scanIdent(t)
			return
		}
		s.advance(n)
		t.tok = ILLEGAL
		return
	case c == '"' || c == '\'':
		t.sval = s.scanString(c, t.pos)
		t.tok = STR
		return
	case c == '`':
		t.sval = s.scanString(c, t.pos)
		if t.sval == "" {
			s.p.errorPlain(t.pos, "attempt to use zero-length variable name")
		}
		t.tok = IDENT
		return
	case c == '_':
		s.advanceByte()
		t.tok = PLACEHOLDER
		t.sval = "_"
		return
	}
	// Operators and punctuation.
	s.advanceByte()
	next := s.peekByte(0)
	switch c {
	case '(':
		t.tok = LPAREN
	case ')':
		t.tok = RPAREN
	case '{':
		t.tok = LBRACE
	case '}':
		t.tok = RBRACE
	case '[':
		if next == '[' {
			s.advanceByte()
			t.tok = LBB
		} else {
			t.tok = LBRACK
		}
	case ']':
		t.tok = RBRACK
	case ',':
		t.tok = COMMA
	case ';':
		t.tok = SEMI
	case '\\':
		t.tok = LAMBDA
	case '+':
		t.tok = PLUS
	case '/':
		t.tok = SLASH
	case '^':
		t.tok = CARET
	case '~':
		t.tok = TILDE
	case '?':
		t.tok = QUESTION
	case '$':
		t.tok = DOLLAR
	case '@':
		t.tok = AT
	case '*':
		if next == '*' {
			s.advanceByte()
			t.tok = CARET
		} else {
			t.tok = STAR
		}
	case '<':
		switch {
		case next == '<' && s.peekByte(1) == '-':
			s.advance(2)
			t.tok = SUPERLARROW
		case next == '-':
			s.advanceByte()
			t.tok = LARROW
		case next == '=':
			s.advanceByte()
			t.tok = LE
		default:
			t.tok = LT
		}
	case '-':
		switch {
		case next == '>' && s.peekByte(1) == '>':
			s.advance(2)
			t.tok = SUPERRARROW
		case next == '>':
			s.advanceByte()
			t.tok = RARROW
		default:
			t.tok = MINUS
		}
	case '>':
		if next == '=' {
			s.advanceByte()
			t.tok = GE
		} else {
			t.tok = GT
		}
	case '!':
		if next == '=' {
			s.advanceByte()
			t.tok = NE
		} else {
			t.tok = NOT
		}
	case '=':
		switch next {
		case '=':
			s.advanceByte()
			t.tok = EQ
		case '>':
			s.advanceByte()
			s.p.errorPlain(t.pos, "'=>' is disabled; set '_R_USE_PIPEBIND_' envvar to a true value to enable it")
		default:
			t.tok = EQ_ASSIGN
		}
	case '&':
		if next == '&' {
			s.advanceByte()
			t.tok = ANDAND
		} else {
			t.tok = AND
		}
	case '|':
		switch next {
		case '|':
			s.advanceByte()
			t.tok = OROR
		case '>':
			s.advanceByte()
			t.tok = PIPE
		default:
			t.tok = OR
		}
	case ':':
		switch {
		case next == ':' && s.peekByte(1) == ':':
			s.advance(2)
			t.tok = NS_GET_INT
		case next == ':':
			s.advanceByte()
			t.tok = NS_GET
		case next == '=':
			s.advanceByte()
			t.tok = WALRUS
		default:
			t.tok = COLON
		}
	case '%':
		i := s.off
		for i < len(s.src) && s.src[i] != '%' && s.src[i] != '\n' {
			i++
		}
		if i >= len(s.src) || s.src[i] != '%' {
			s.advance(i - s.off)
			t.tok = ILLEGAL
			return
		}
		t.sval = s.src[s.off-1 : i+1]
		s.advance(i + 1 - s.off)
		t.tok = SPECIAL
	default:
		t.tok = ILLEGAL
	}
}

func (s *scanner) scanIdent(t *token) {
	start := s.off
	for s.off < len(s.src) {
		c := s.src[s.off]
		if c < utf8.RuneSelf {
			if !isIdentByte(c) {
				break
			}
			s.off++
			s.col++
			continue
		}
		r, n := utf8.DecodeRuneInString(s.src[s.off:])
		if !(unicode.IsLetter(r) || unicode.IsDigit(r) || unicode.IsMark(r)) {
			break
		}
		s.off += n
		s.col++
	}
	name := s.src[start:s.off]
	t.sval = name
	if kw, ok := keywords[name]; ok {
		t.tok = kw
		return
	}
	if k, ok := constKeywords[name]; ok {
		t.tok = CONST
		t.ckind = k
		return
	}
	t.tok = IDENT
}

// scanNumber scans a numeric constant: decimal or hex, with optional
// exponent and L (integer) or i (complex, rejected) suffix.
func (s *scanner) scanNumber(t *token) {
	start := s.off
	src := s.src
	i := s.off
	hex := false
	hasDot := false
	bad := false
	if src[i] == '0' && i+1 < len(src) && (src[i+1] == 'x' || src[i+1] == 'X') {
		hex = true
		i += 2
		nd := 0
		for i < len(src) && isHexDigit(src[i]) {
			i++
			nd++
		}
		if i < len(src) && src[i] == '.' {
			hasDot = true
			i++
			for i < len(src) && isHexDigit(src[i]) {
				i++
				nd++
			}
		}
		if nd == 0 {
			bad = true
		}
		if i < len(src) && (src[i] == 'p' || src[i] == 'P') {
			i++
			if i < len(src) && (src[i] == '+' || src[i] == '-') {
				i++
			}
			nd := 0
			for i < len(src) && isDigit(src[i]) {
				i++
				nd++
			}
			if nd == 0 {
				bad = true
			}
		} else if hasDot {
			bad = true // hex fraction requires an exponent
		}
	} else {
		for i < len(src) && isDigit(src[i]) {
			i++
		}
		if i < len(src) && src[i] == '.' {
			hasDot = true
			i++
			for i < len(src) && isDigit(src[i]) {
				i++
			}
		}
		if i < len(src) && (src[i] == 'e' || src[i] == 'E') {
			i++
			if i < len(src) && (src[i] == '+' || src[i] == '-') {
				i++
			}
			nd := 0
			for i < len(src) && isDigit(src[i]) {
				i++
				nd++
			}
			if nd == 0 {
				bad = true
			}
		}
	}
	if bad {
		// R reports "unexpected input" at the start of the number.
		s.advance(i - s.off)
		s.p.errorAt(t.pos, s.off, "unexpected input")
	}
	text := src[start:i]
	var v float64
	if hex {
		v = parseHex(text)
	} else {
		var err error
		v, err = strconv.ParseFloat(text, 64)
		if err != nil {
			// Out of range parses to ±Inf or 0 with an error; keep the value.
			if ne, ok := err.(*strconv.NumError); !ok || ne.Err != strconv.ErrRange {
				v = math.NaN()
			}
		}
	}
	suffix := byte(0)
	if i < len(src) && (src[i] == 'L' || src[i] == 'i') {
		suffix = src[i]
		i++
	}
	s.col += int32(i - s.off)
	s.off = i
	t.num = v
	switch suffix {
	case 'L':
		if v == math.Trunc(v) && v <= math.MaxInt32 && v >= -math.MaxInt32 {
			if hasDot && !hex {
				s.p.warn(t.pos, "integer literal "+src[start:i]+" contains unnecessary decimal point")
			}
			t.tok = INT
			t.ival = int32(v)
			return
		}
		if hasDot && v != math.Trunc(v) {
			s.p.warn(t.pos, "integer literal "+src[start:i]+" contains decimal; using numeric value")
		} else {
			s.p.warn(t.pos, "non-integer value "+src[start:i]+" qualified with L; using numeric value")
		}
		t.tok = NUM
	case 'i':
		t.tok = IMAG
	default:
		t.tok = NUM
	}
}

// parseHex parses a hexadecimal literal 0xHHH, 0xH.HpN.
func parseHex(text string) float64 {
	if !strings.ContainsAny(text, ".pP") {
		var v float64
		for _, c := range text[2:] {
			v = v*16 + float64(hexVal(byte(c)))
		}
		return v
	}
	if !strings.ContainsAny(text, "pP") {
		text += "p0"
	}
	v, err := strconv.ParseFloat(text, 64)
	if err != nil {
		if ne, ok := err.(*strconv.NumError); !ok || ne.Err != strconv.ErrRange {
			return math.NaN()
		}
	}
	return v
}

func hexVal(c byte) int {
	switch {
	case isDigit(c):
		return int(c - '0')
	case 'a' <= c && c <= 'f':
		return int(c-'a') + 10
	default:
		return int(c-'A') + 10
	}
}

// scanString scans a quoted string or backtick name starting at the
// opening quote q, decoding R escapes.
func (s *scanner) scanString(q byte, pos Pos) string {
	start := s.off
	s.advanceByte() // opening quote
	// Fast path: no escapes.
	i := s.off
	for i < len(s.src) && s.src[i] != q && s.src[i] != '\\' && s.src[i] != 0 {
		i++
	}
	if i < len(s.src) && s.src[i] == q {
		v := s.src[s.off:i]
		s.advance(i + 1 - s.off)
		return v
	}
	var b strings.Builder
	usedHex, usedUnicode := false, false
	for {
		if s.off >= len(s.src) {
			s.p.incompleteString(pos, start)
		}
		c := s.src[s.off]
		if c == q {
			s.advanceByte()
			return b.String()
		}
		if c == 0 {
			s.p.errorPlain(pos, "nul character not allowed (line "+itoa(int(s.line))+")")
		}
		if c != '\\' {
			b.WriteByte(c)
			s.advanceByte()
			continue
		}
		// Escape.
		s.advanceByte()
		if s.off >= len(s.src) {
			s.p.incompleteString(pos, start)
		}
		e := s.src[s.off]
		switch e {
		case 'n':
			b.WriteByte('\n')
		case 't':
			b.WriteByte('\t')
		case 'r':
			b.WriteByte('\r')
		case 'a':
			b.WriteByte('\a')
		case 'b':
			b.WriteByte('\b')
		case 'f':
			b.WriteByte('\f')
		case 'v':
			b.WriteByte('\v')
		case '\\', '"', '\'', '`', ' ', '\n':
			b.WriteByte(e)
		case '0', '1', '2', '3', '4', '5', '6', '7':
			v := 0
			n := 0
			for n < 3 && s.off < len(s.src) && s.src[s.off] >= '0' && s.src[s.off] <= '7' {
				v = v*8 + int(s.src[s.off]-'0')
				s.advanceByte()
				n++
			}
			usedHex = true
			if usedUnicode {
				s.p.errorPlain(pos, "mixing Unicode and octal/hex escapes in a string is not allowed")
			}
			if v > 0377 {
				s.p.errorPlain(pos, "exceeded maximum allowed octal value \\377 (line "+itoa(int(s.line))+")")
			}
			if v == 0 {
				s.p.errorPlain(pos, "nul character not allowed (line "+itoa(int(s.line))+")")
			}
			b.WriteByte(byte(v))
			continue
		case 'x':
			s.advanceByte()
			v, n := 0, 0
			for n < 2 && s.off < len(s.src) && isHexDigit(s.src[s.off]) {
				v = v*16 + hexVal(s.src[s.off])
				s.advanceByte()
				n++
			}
			if n == 0 {
				s.p.errorPlain(pos, "'\\x' used without hex digits in character string starting \""+s.src[start:s.off]+"\"")
			}
			usedHex = true
			if usedUnicode {
				s.p.errorPlain(pos, "mixing Unicode and octal/hex escapes in a string is not allowed")
			}
			if v == 0 {
				s.p.errorPlain(pos, "nul character not allowed (line "+itoa(int(pos.Line))+")")
			}
			b.WriteByte(byte(v))
			continue
		case 'u', 'U':
			s.advanceByte()
			v := s.unicodeEscape(e, pos, start)
			usedUnicode = true
			if usedHex {
				s.p.errorPlain(pos, "mixing Unicode and octal/hex escapes in a string is not allowed")
			}
			if v >= 0xD800 && v <= 0xDBFF && strings.HasPrefix(s.src[s.off:], "\\u") {
				// A surrogate pair written as two escapes.
				st := s.save()
				s.advance(2)
				if lo := s.unicodeEscape('u', pos, start); lo >= 0xDC00 && lo <= 0xDFFF {
					v = 0x10000 + (v-0xD800)<<10 + (lo - 0xDC00)
				} else {
					s.restore(st)
				}
			}
			if v >= 0xD800 && v <= 0xDFFF {
				s.p.warn(pos, "unpaired surrogate Unicode point "+strconv.FormatInt(int64(v), 16))
				b.WriteByte(byte(0xE0 | v>>12))
				b.WriteByte(byte(0x80 | (v>>6)&0x3F))
				b.WriteByte(byte(0x80 | v&0x3F))
				continue
			}
			b.WriteRune(rune(v))
			continue
		default:
			_, n := utf8.DecodeRuneInString(s.src[s.off:])
			s.p.errorPlain(pos, "'\\"+s.src[s.off:s.off+n]+"' is an unrecognized escape in character string starting \""+s.src[start:s.off+n]+"\"")
		}
		s.advanceByte()
	}
}

// scanRawString scans r"(...)", R'[...]', r"{...}" with optional dashes.
func (s *scanner) scanRawString(t *token) {
	start := s.off
	pos := t.pos
	s.advance(2) // r and quote
	q := s.src[start+1]
	dashes := 0
	for s.off < len(s.src) && s.src[s.off] == '-' {
		s.advanceByte()
		dashes++
	}
	if s.off >= len(s.src) {
		s.p.incompleteString(pos, start)
	}
	var closer byte
	switch s.src[s.off] {
	case '(':
		closer = ')'
	case '[':
		closer = ']'
	case '{':
		closer = '}'
	default:
		s.advanceByte()
		s.p.errorPlain(pos, "malformed raw string literal at line "+itoa(int(pos.Line)))
	}
	s.advanceByte()
	term := string(closer) + strings.Repeat("-", dashes) + string(q)
	k := strings.Index(s.src[s.off:], term)
	if k < 0 {
		s.advance(len(s.src) - s.off)
		s.p.incompleteString(pos, start)
	}
	t.sval = s.src[s.off : s.off+k]
	if strings.IndexByte(t.sval, 0) >= 0 {
		s.p.errorPlain(pos, "nul character not allowed (line "+itoa(int(pos.Line))+")")
	}
	s.advance(k + len(term))
	t.tok = STR
}

func itoa(i int) string { return strconv.Itoa(i) }

// unicodeEscape reads the digits of a \u or \U escape (the scanner is just
// past the letter) and returns the code point.
func (s *scanner) unicodeEscape(e byte, pos Pos, start int) int {
	max := 4
	braces := "{xxxx}"
	if e == 'U' {
		max = 8
		braces = "{xxxxxxxx}"
	}
	braced := false
	if s.off < len(s.src) && s.src[s.off] == '{' {
		braced = true
		s.advanceByte()
	}
	v, n := 0, 0
	for n < max && s.off < len(s.src) && isHexDigit(s.src[s.off]) {
		v = v*16 + hexVal(s.src[s.off])
		s.advanceByte()
		n++
	}
	if n == 0 {
		s.p.errorPlain(pos, "'\\"+string(e)+"' used without hex digits in character string starting \""+s.src[start:s.off]+"\"")
	}
	if braced {
		if s.off >= len(s.src) || s.src[s.off] != '}' {
			s.p.errorPlain(pos, "invalid \\"+string(e)+braces+" sequence (line "+itoa(int(s.line))+")")
		}
		s.advanceByte()
	}
	if v == 0 {
		s.p.errorPlain(pos, "nul character not allowed (line "+itoa(int(s.line))+")")
	}
	if v > unicode.MaxRune {
		s.p.errorPlain(pos, "invalid \\"+string(e)+braces+" value "+strconv.FormatInt(int64(v), 16)+" (line "+itoa(int(s.line))+")")
	}
	return v
}
