package syntax

import "errors"

// ErrIncomplete is reported (wrapped, test with errors.Is) when the input
// ends inside an unfinished expression, string or bracket: more input
// could complete it. The REPL uses it to show the "+" continuation prompt.
var ErrIncomplete = errors.New("incomplete input")

// ParseFile parses a whole script. filename is used in error messages
// (R uses "<text>" for parse(text=)). On a syntax error the returned File
// holds the expressions parsed before the error.
func ParseFile(filename, src string) (*File, error) {
	return parseFile(filename, src)
}

// ParseExpr parses src, which must contain exactly one expression
// (surrounding blank lines, comments and a trailing ';' are allowed).
func ParseExpr(src string) (Expr, error) {
	return parseExpr(src)
}
