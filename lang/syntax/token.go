package syntax

// Token is a lexical token kind. Operator tokens double as the operator of
// Unary, Binary and Assign nodes.
type Token uint8

// Token kinds.
const (
	ILLEGAL Token = iota
	EOF
	NEWLINE
	SEMI     // ;
	COMMA    // ,
	NUM      // 1, 1.5, 0x1F
	INT      // 1L
	STR      // "a", 'a', r"(a)"
	IDENT    // x, `x y`, ..., ..1
	CONST    // TRUE FALSE NULL NA NA_integer_ NA_real_ NA_character_ Inf NaN
	LPAREN   // (
	RPAREN   // )
	LBRACE   // {
	RBRACE   // }
	LBRACK   // [
	LBB      // [[
	RBRACK   // ]
	IF       // if
	ELSE     // else
	FOR      // for
	IN       // in
	WHILE    // while
	REPEAT   // repeat
	BREAK    // break
	NEXT     // next
	FUNCTION // function
	LAMBDA   // \

	// Operators.
	PLUS        // +
	MINUS       // -
	STAR        // *
	SLASH       // /
	CARET       // ^ (and **)
	SPECIAL     // %any%, including %% %/% %in% %*% %o% %>%
	PIPE        // |>
	COLON       // :
	EQ          // ==
	NE          // !=
	LT          // <
	GT          // >
	LE          // <=
	GE          // >=
	AND         // &
	ANDAND      // &&
	OR          // |
	OROR        // ||
	NOT         // !
	TILDE       // ~
	QUESTION    // ?
	LARROW      // <-
	SUPERLARROW // <<-
	RARROW      // ->
	SUPERRARROW // ->>
	EQ_ASSIGN   // =
	WALRUS      // := (parsed as a call to `:=`)
	DOLLAR      // $
	AT          // @
	NS_GET      // ::
	NS_GET_INT  // :::
	PLACEHOLDER // _ (pipe placeholder, valid only as a named argument of the call right of |>)
	IMAG        // 1i

	maxToken
)

var tokenNames = [...]string{
	ILLEGAL:     "illegal token",
	EOF:         "end of input",
	NEWLINE:     "newline",
	SEMI:        ";",
	COMMA:       ",",
	NUM:         "numeric constant",
	INT:         "numeric constant",
	STR:         "string constant",
	IDENT:       "symbol",
	CONST:       "constant",
	LPAREN:      "(",
	RPAREN:      ")",
	LBRACE:      "{",
	RBRACE:      "}",
	LBRACK:      "[",
	LBB:         "[[",
	RBRACK:      "]",
	IF:          "if",
	ELSE:        "else",
	FOR:         "for",
	IN:          "in",
	WHILE:       "while",
	REPEAT:      "repeat",
	BREAK:       "break",
	NEXT:        "next",
	FUNCTION:    "function",
	LAMBDA:      "\\",
	PLUS:        "+",
	MINUS:       "-",
	STAR:        "*",
	SLASH:       "/",
	CARET:       "^",
	SPECIAL:     "%%",
	PIPE:        "|>",
	COLON:       ":",
	EQ:          "==",
	NE:          "!=",
	LT:          "<",
	GT:          ">",
	LE:          "<=",
	GE:          ">=",
	AND:         "&",
	ANDAND:      "&&",
	OR:          "|",
	OROR:        "||",
	NOT:         "!",
	TILDE:       "~",
	QUESTION:    "?",
	LARROW:      "<-",
	SUPERLARROW: "<<-",
	RARROW:      "->",
	SUPERRARROW: "->>",
	EQ_ASSIGN:   "=",
	WALRUS:      ":=",
	DOLLAR:      "$",
	AT:          "@",
	NS_GET:      "::",
	NS_GET_INT:  ":::",
	PLACEHOLDER: "_",
	IMAG:        "numeric constant",
}

// String returns the operator text of an operator token ("+", "<-", "[[")
// or a description of other tokens ("symbol", "numeric constant").
// For SPECIAL it returns "%%"; the actual operator text is in Binary.OpText.
func (t Token) String() string {
	if int(t) < len(tokenNames) {
		return tokenNames[t]
	}
	return "?"
}
