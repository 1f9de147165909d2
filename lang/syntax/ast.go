package syntax

import "strconv"

// Pos is a 1-based source position. Col counts runes, except that a tab
// advances to the next tab stop (columns 9, 17, ...) as R counts columns.
// The zero Pos means "no position" (for nodes built by the evaluator).
type Pos struct {
	Line, Col int32
}

// IsValid reports whether p is a real position.
func (p Pos) IsValid() bool { return p.Line > 0 }

// String returns "line:col".
func (p Pos) String() string {
	return strconv.Itoa(int(p.Line)) + ":" + strconv.Itoa(int(p.Col))
}

// Node is any syntax tree node.
type Node interface {
	// Pos returns the position of the first character of the node.
	Pos() Pos
}

// Expr is an R expression. Every node except Arg, Param and File is an Expr.
type Expr interface {
	Node
	exprNode()
}

// Num is a double literal such as 1, 1.5, 1e-10, 0x1F or Inf written as a
// number. Raw is the literal text as written.
type Num struct {
	ValuePos Pos
	Value    float64
	Raw      string
}

// Int is an integer literal such as 1L or 0x10L. Raw includes the L.
type Int struct {
	ValuePos Pos
	Value    int32
	Raw      string
}

// Imag is an imaginary literal such as 1i or 2.5e-3i: the complex number
// with real part 0 and imaginary part Value. Raw includes the i.
type Imag struct {
	ValuePos Pos
	Value    float64
	Raw      string
}

// Str is a string literal; Value is the decoded string. Raw is the
// literal as written, including quotes.
type Str struct {
	ValuePos Pos
	Value    string
	Raw      string
}

// ConstKind identifies a reserved constant.
type ConstKind uint8

// Reserved constants. T and F are ordinary identifiers in R, not constants.
const (
	ConstTrue ConstKind = iota
	ConstFalse
	ConstNull
	ConstNA          // NA (logical)
	ConstNAInteger   // NA_integer_
	ConstNAReal      // NA_real_
	ConstNACharacter // NA_character_
	ConstInf
	ConstNaN
	ConstNAComplex // NA_complex_
)

var constNames = [...]string{
	ConstTrue:        "TRUE",
	ConstFalse:       "FALSE",
	ConstNull:        "NULL",
	ConstNA:          "NA",
	ConstNAInteger:   "NA_integer_",
	ConstNAReal:      "NA_real_",
	ConstNACharacter: "NA_character_",
	ConstInf:         "Inf",
	ConstNaN:         "NaN",
	ConstNAComplex:   "NA_complex_",
}

// String returns the constant as written in R ("TRUE", "NA_integer_", ...).
func (k ConstKind) String() string { return constNames[k] }

// Const is one of the reserved constants TRUE FALSE NULL NA NA_integer_
// NA_real_ NA_character_ NA_complex_ Inf NaN.
type Const struct {
	ValuePos Pos
	Kind     ConstKind
}

// Ident is a symbol: a name, a backtick-quoted name (Name holds the text
// between the backticks, unescaped), `...`, or `..1`.
type Ident struct {
	NamePos Pos
	Name    string
}

// Unary is a prefix operator: Op is one of MINUS, PLUS, NOT, TILDE, QUESTION.
type Unary struct {
	OpPos Pos
	Op    Token
	X     Expr
}

// Binary is an infix operator X Op Y. Op is one of PLUS MINUS STAR SLASH
// CARET SPECIAL COLON EQ NE LT GT LE GE AND ANDAND OR OROR TILDE QUESTION
// WALRUS. OpText is the operator as R names the function: "+", "^" (also
// for **), "%in%", "%>%", ":=", and so on.
//
// The native pipe x |> f(y) never appears as a Binary: it is rewritten to
// the Call f(x, y) by the parser.
type Binary struct {
	OpPos  Pos
	Op     Token
	OpText string
	X, Y   Expr
}

// Assign is an assignment Lhs Op Rhs. Op is LARROW (<-), SUPERLARROW (<<-)
// or EQ_ASSIGN (=). Right-pointing assignments are normalised: 1 -> x is
// Assign{Op: LARROW, Lhs: x, Rhs: 1, Right: true}, ->> becomes SUPERLARROW.
// R itself treats 1 -> x as x <- 1 (Deparse prints the left form).
type Assign struct {
	OpPos Pos
	Op    Token
	Lhs   Expr
	Rhs   Expr
	Right bool // written as -> or ->>
}

// Arg is one argument of a Call or Index. Value is nil for an empty
// argument, as in x[1, ] or f(a = ). HasName is set when the argument was
// written name = value; Name may come from an identifier, a string or a
// backtick name (NameStr records that it was a string literal).
type Arg struct {
	NamePos Pos // position of the name, or of the value if unnamed
	Name    string
	HasName bool
	NameStr bool // name was written as a string literal: f("a" = 1)
	Value   Expr
}

// Pos returns the position of the argument.
func (a *Arg) Pos() Pos {
	if a.HasName || a.Value == nil {
		return a.NamePos
	}
	return a.Value.Pos()
}

// Call is a function call Fn(Args...).
type Call struct {
	Fn     Expr
	Lparen Pos
	Args   []Arg
	Rparen Pos
}

// Index is X[Args] or, when Double, X[[Args]].
type Index struct {
	X      Expr
	Lbrack Pos
	Double bool
	Args   []Arg
	Rbrack Pos
}

// Dollar is X$Name or, when At, X@Name. Name may have been written as a
// symbol, a backtick name or a string literal (NameStr; R keeps the
// string in the tree and deparses x$"a" as x$a, x$"a b" as x$"a b").
type Dollar struct {
	X       Expr
	OpPos   Pos
	At      bool
	Name    string
	NamePos Pos
	NameStr bool
}

// Namespace is Pkg::Name or, when Internal, Pkg:::Name.
type Namespace struct {
	PkgPos   Pos
	Pkg      string
	Internal bool
	Name     string
	NamePos  Pos
}

// Param is a formal parameter of a Function. Default is nil when the
// parameter has no default. Name may be "...".
type Param struct {
	NamePos Pos
	Name    string
	Default Expr
}

// Function is function(Params) Body, or \(Params) Body when Lambda.
// Src is the exact source text of the whole function expression, from
// "function" (or "\") to the end of the body, as R keeps in srcref and
// shows when printing a closure.
type Function struct {
	FuncPos Pos
	Lambda  bool
	Params  []Param
	Body    Expr
	Src     string
}

// If is if (Cond) Then else Else; Else is nil when absent.
type If struct {
	IfPos Pos
	Cond  Expr
	Then  Expr
	Else  Expr
}

// For is for (Var in Seq) Body.
type For struct {
	ForPos Pos
	Var    *Ident
	Seq    Expr
	Body   Expr
}

// While is while (Cond) Body.
type While struct {
	WhilePos Pos
	Cond     Expr
	Body     Expr
}

// Repeat is repeat Body.
type Repeat struct {
	RepeatPos Pos
	Body      Expr
}

// Break is the break statement.
type Break struct{ BreakPos Pos }

// Next is the next statement.
type Next struct{ NextPos Pos }

// Block is { Stmts }.
type Block struct {
	Lbrace Pos
	Stmts  []Expr
	Rbrace Pos
}

// Paren is ( X ).
type Paren struct {
	Lparen Pos
	X      Expr
	Rparen Pos
}

// Value wraps a value that is not syntax (a vector, an environment, ...)
// embedded in a tree by the evaluator, e.g. by substitute() or bquote().
// The parser never produces it. Deparse renders it with
// DeparseOptions.Value if set, otherwise as "<value>".
type Value struct {
	ValuePos Pos
	V        any
}

func (x *Num) Pos() Pos       { return x.ValuePos }
func (x *Int) Pos() Pos       { return x.ValuePos }
func (x *Imag) Pos() Pos      { return x.ValuePos }
func (x *Str) Pos() Pos       { return x.ValuePos }
func (x *Const) Pos() Pos     { return x.ValuePos }
func (x *Ident) Pos() Pos     { return x.NamePos }
func (x *Unary) Pos() Pos     { return x.OpPos }
func (x *Binary) Pos() Pos    { return x.X.Pos() }
func (x *Assign) Pos() Pos    { return x.Lhs.Pos() }
func (x *Call) Pos() Pos      { return x.Fn.Pos() }
func (x *Index) Pos() Pos     { return x.X.Pos() }
func (x *Dollar) Pos() Pos    { return x.X.Pos() }
func (x *Namespace) Pos() Pos { return x.PkgPos }
func (x *Function) Pos() Pos  { return x.FuncPos }
func (x *If) Pos() Pos        { return x.IfPos }
func (x *For) Pos() Pos       { return x.ForPos }
func (x *While) Pos() Pos     { return x.WhilePos }
func (x *Repeat) Pos() Pos    { return x.RepeatPos }
func (x *Break) Pos() Pos     { return x.BreakPos }
func (x *Next) Pos() Pos      { return x.NextPos }
func (x *Block) Pos() Pos     { return x.Lbrace }
func (x *Paren) Pos() Pos     { return x.Lparen }
func (x *Value) Pos() Pos     { return x.ValuePos }

func (*Num) exprNode()       {}
func (*Int) exprNode()       {}
func (*Imag) exprNode()      {}
func (*Str) exprNode()       {}
func (*Const) exprNode()     {}
func (*Ident) exprNode()     {}
func (*Unary) exprNode()     {}
func (*Binary) exprNode()    {}
func (*Assign) exprNode()    {}
func (*Call) exprNode()      {}
func (*Index) exprNode()     {}
func (*Dollar) exprNode()    {}
func (*Namespace) exprNode() {}
func (*Function) exprNode()  {}
func (*If) exprNode()        {}
func (*For) exprNode()       {}
func (*While) exprNode()     {}
func (*Repeat) exprNode()    {}
func (*Break) exprNode()     {}
func (*Next) exprNode()      {}
func (*Block) exprNode()     {}
func (*Paren) exprNode()     {}
func (*Value) exprNode()     {}

// File is a parsed script.
type File struct {
	Name     string
	Src      string
	Exprs    []*TopExpr
	Warnings []Warning // parse-time warnings (e.g. 1.5L), in source order
}

// TopExpr is one top-level expression of a File with its source span.
// Start/End are byte offsets into File.Src ([Start, End)); Text is
// Src[Start:End]. Line is the 1-based line on which the expression starts.
type TopExpr struct {
	X          Expr
	Start, End int
	Text       string
	Line       int
	EndPos     Pos // position just after the last character
}
