package syntax

import (
	"strconv"
	"strings"
)

// Error is a syntax error.
//
// Msg is R's wording: "unexpected symbol", "unexpected end of input",
// "unexpected 'else'", ... for errors tied to a token, or a plain message
// such as "repeated formal argument 'x' on line 1" (Plain is then set).
// Pos is the position R reports: the first character of the offending
// token, or (last line + 1, 0) at the end of input.
type Error struct {
	File       string
	Pos        Pos
	Msg        string
	Plain      bool // no source context is shown (R prints Msg alone)
	Incomplete bool // input ended inside an unfinished expression

	src       string
	exprStart int // byte offset where the current top-level expression's text starts
	tokEnd    int // byte offset just after the offending token
}

// Error returns "file:line:col: msg".
func (e *Error) Error() string {
	file := e.File
	if file == "" {
		file = "<text>"
	}
	if e.Plain {
		return e.Msg
	}
	return file + ":" + strconv.Itoa(int(e.Pos.Line)) + ":" + strconv.Itoa(int(e.Pos.Col)) + ": " + e.Msg
}

// Is reports whether target is ErrIncomplete and e is an incomplete-input
// error, so that errors.Is(err, ErrIncomplete) works.
func (e *Error) Is(target error) bool {
	return target == ErrIncomplete && e.Incomplete
}

// ScriptMessage returns the message R prints after "Error: " when a
// script (Rscript file.R) or the REPL hits a syntax error, e.g.
//
//	unexpected symbol in "x y"
//	unexpected symbol in:
//	"f <- function(x) {
//	  x y"
//	unexpected end of input
//
// The quoted context is the source of the current top-level expression up
// to and including the offending token, limited to its last two lines.
func (e *Error) ScriptMessage() string {
	if e.Plain {
		return e.Msg
	}
	if e.Incomplete {
		return "unexpected end of input"
	}
	start, end := e.exprStart, e.tokEnd
	if start < 0 || end > len(e.src) || start > end {
		return e.Msg
	}
	ctx := expandTabs(e.src[start:end])
	// Keep the last two lines.
	if i := strings.LastIndexByte(ctx, '\n'); i >= 0 {
		if j := strings.LastIndexByte(ctx[:i], '\n'); j >= 0 {
			ctx = ctx[j+1:]
		}
		return e.Msg + " in:\n\"" + ctx + "\""
	}
	return e.Msg + " in \"" + ctx + "\""
}

// ParseMessage returns the message R's parse(text=) gives (after "Error in
// parse(...) : "), e.g.
//
//	<text>:1:3: unexpected symbol
//	1: x y
//	      ^
//
// It shows the offending line (cut after the offending token) and the
// line before it, with a caret.
func (e *Error) ParseMessage() string {
	if e.Plain {
		return e.Msg
	}
	var b strings.Builder
	b.WriteString(e.Error())
	end := e.tokEnd
	if end > len(e.src) {
		end = len(e.src)
	}
	if end < 0 {
		end = 0
	}
	text := e.src[:end]
	if e.Incomplete {
		// End of input: R shows the last two source lines.
		text = e.src
	}
	lines := strings.Split(expandTabs(text), "\n")
	n := len(lines)
	first := n - 2
	if first < 0 {
		first = 0
	}
	width := 0
	for i := first; i < n; i++ {
		prefix := strconv.Itoa(i+1) + ": "
		width = len(prefix)
		b.WriteString("\n")
		b.WriteString(prefix)
		b.WriteString(lines[i])
	}
	b.WriteString("\n")
	b.WriteString(strings.Repeat(" ", width+int(e.Pos.Col)))
	b.WriteString("^")
	return b.String()
}

// Warning is a parse-time warning, such as R's "integer literal 1.5L
// contains decimal; using numeric value".
type Warning struct {
	Pos Pos
	Msg string
}

// expandTabs replaces tabs by spaces up to the next multiple of 8 columns,
// as R's parse context does.
func expandTabs(s string) string {
	if !strings.Contains(s, "\t") {
		return s
	}
	var b strings.Builder
	col := 0
	for _, r := range s {
		switch r {
		case '\t':
			n := 8 - col%8
			b.WriteString(strings.Repeat(" ", n))
			col += n
		case '\n':
			b.WriteRune(r)
			col = 0
		default:
			b.WriteRune(r)
			col++
		}
	}
	return b.String()
}
