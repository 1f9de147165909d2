package syntax

import (
	"math"
	"strconv"
	"strings"
	"unicode"
	"unicode/utf8"
)

// DeparseOptions controls Deparse.
type DeparseOptions struct {
	// Width is R's width.cutoff: a line is broken after an argument
	// separator or binary operator once it is longer than Width bytes.
	// Zero means 60 (R's default). Negative means never break.
	Width int
	// Value renders *Value nodes; nil renders them as "<value>".
	Value func(v any) string
}

// Deparse renders x the way R's deparse() does, with the lines of a
// multi-line result (braces, long calls) joined by "\n".
func Deparse(x Expr) string {
	return strings.Join(DeparseLines(x, nil), "\n")
}

// DeparseLines renders x the way R's deparse(x, width.cutoff) does and
// returns the lines of R's character vector result.
func DeparseLines(x Expr, opts *DeparseOptions) []string {
	d := &deparser{cutoff: 60}
	if opts != nil {
		if opts.Width > 0 {
			d.cutoff = opts.Width
		} else if opts.Width < 0 {
			d.cutoff = math.MaxInt32
		}
		d.value = opts.Value
	}
	d.startLine = true
	if id, ok := x.(*Ident); ok {
		// A bare symbol deparses without backticks (R's backtick = FALSE
		// for mode "name").
		d.print(id.Name)
	} else {
		d.expr(x)
	}
	d.writeLine()
	return d.lines
}

// DeparseOneLine renders x on a single line (lines joined with " "), as R
// does for call labels in error messages when the call is short.
func DeparseOneLine(x Expr) string {
	lines := DeparseLines(x, &DeparseOptions{Width: -1})
	return strings.Join(lines, " ")
}

type deparser struct {
	buf       strings.Builder
	lines     []string
	len       int
	indent    int
	cutoff    int
	startLine bool
	incurly   int
	inlist    int // inside the arguments of a call to a primitive
	value     func(any) string
}

func (d *deparser) print(s string) {
	if d.startLine {
		d.startLine = false
		for i := 1; i <= d.indent; i++ {
			if i <= 4 {
				d.buf.WriteString("    ")
				d.len += 4
			} else {
				d.buf.WriteString("  ")
				d.len += 2
			}
		}
	}
	d.buf.WriteString(s)
	d.len += len(s)
}

func (d *deparser) writeLine() {
	d.lines = append(d.lines, d.buf.String())
	d.buf.Reset()
	d.len = 0
	d.startLine = true
}

// linebreak breaks the line if it is longer than the cutoff; the first
// break in a construct increases the indent.
func (d *deparser) linebreak(lbreak *bool) {
	if d.len > d.cutoff {
		if !*lbreak {
			*lbreak = true
			d.indent++
		}
		d.writeLine()
	}
}

// binary operators deparsed without surrounding spaces.
var noSpaceOps = map[string]bool{"/": true, "^": true, ":": true, "%%": true, "%/%": true}

// opPrec gives the precedence of operators by R function name, for
// parenthesization of constructed trees.
var binOpPrec = map[string]int{
	"?": precHelp, "=": precEq, "<-": precLeft, "<<-": precLeft, ":=": precLeft,
	"~": precTilde, "||": precOr, "|": precOr, "&&": precAnd, "&": precAnd,
	"==": precCmp, "!=": precCmp, "<": precCmp, ">": precCmp, "<=": precCmp, ">=": precCmp,
	"+": precAdd, "-": precAdd, "*": precMul, "/": precMul, ":": precColon, "^": precPow,
}

func isBinaryOpName(name string) bool {
	if _, ok := binOpPrec[name]; ok {
		return name != "?" && name != ":="
	}
	return len(name) >= 2 && name[0] == '%' && name[len(name)-1] == '%'
}

func isUnaryOpName(name string) bool {
	return name == "-" || name == "+" || name == "!" || name == "~"
}

func binPrecOf(name string) int {
	if p, ok := binOpPrec[name]; ok {
		return p
	}
	return precSpecial
}

// exprPrec returns the precedence of the outermost operator of x, or a
// large value for primaries (which never need parentheses).
func exprPrec(x Expr) (prec int, leftAssoc bool) {
	switch x := x.(type) {
	case *Binary:
		p := binPrecOf(x.OpText)
		return p, p != precPow && p != precLeft && p != precEq
	case *Assign:
		if x.Op == EQ_ASSIGN {
			return precEq, false
		}
		return precLeft, false
	case *Unary:
		switch x.Op {
		case MINUS, PLUS:
			return precUnary, true
		case NOT:
			return precNot, true
		case TILDE:
			return precTilde, true
		}
		return precHelp, true
	case *Call:
		if isKeywordCall(x) {
			return precHelp - 1, true
		}
		if id, ok := x.Fn.(*Ident); ok {
			if len(x.Args) == 2 && isBinaryOpName(id.Name) {
				p := binPrecOf(id.Name)
				return p, p != precPow && p != precLeft && p != precEq
			}
			if len(x.Args) == 1 && isUnaryOpName(id.Name) {
				switch id.Name {
				case "!":
					return precNot, true
				case "~":
					return precTilde, true
				}
				return precUnary, true
			}
		}
	case *Function, *If, *For, *While, *Repeat:
		return precHelp - 1, true // extends as far as possible
	case *Imag:
		return precAdd, true // 1i deparses as 0+1i
	}
	return 100, true
}

// operand deparses x, parenthesized if its precedence is below min. As in
// R, prefix constructs (unary operators, if, function, ...) on the right
// of an operator are never parenthesized.
func (d *deparser) operand(x Expr, min int, left bool) {
	p, _ := exprPrec(x)
	if p < min && (left || !isPrefix(x)) {
		d.print("(")
		d.expr(x)
		d.print(")")
		return
	}
	d.expr(x)
}

func (d *deparser) binary(op string, x, y Expr) {
	prec := binPrecOf(op)
	left, right := prec, prec+1
	switch prec {
	case precPow, precLeft, precEq:
		left, right = prec+1, prec
	case precCmp: // non-associative: a < b < c is not valid syntax
		left = prec + 1
	}
	d.operand(x, left, true)
	if noSpaceOps[op] {
		d.print(op)
		d.operand(y, right, false)
		return
	}
	d.print(" " + op + " ")
	lbreak := false
	if prec != precLeft && prec != precEq {
		d.linebreak(&lbreak)
	}
	d.operand(y, right, false)
	if lbreak {
		d.indent--
	}
}

func (d *deparser) unary(op string, x Expr) {
	d.print(op)
	var min int
	switch op {
	case "!":
		min = precNot + 1
	case "~":
		min = precTilde + 1
	default:
		min = precUnary + 1
	}
	d.operand(x, min, false)
}

func (d *deparser) expr(x Expr) {
	switch x := x.(type) {
	case nil:
	case *Num:
		d.print(FormatNum(x.Value))
	case *Int:
		d.print(strconv.Itoa(int(x.Value)) + "L")
	case *Imag:
		d.print("0+" + FormatNum(x.Value) + "i")
	case *Str:
		d.print(Quote(x.Value))
	case *Const:
		d.print(x.Kind.String())
	case *Ident:
		d.print(QuoteName(x.Name))
	case *Unary:
		switch x.Op {
		case QUESTION:
			d.call(&Ident{Name: "?"}, []Arg{{Value: x.X}})
		default:
			d.unary(x.Op.String(), x.X)
		}
	case *Binary:
		switch x.Op {
		case QUESTION, WALRUS:
			d.call(&Ident{Name: x.OpText}, []Arg{{Value: x.X}, {Value: x.Y}})
		default:
			d.binary(x.OpText, x.X, x.Y)
		}
	case *Assign:
		d.binary(x.Op.String(), x.Lhs, x.Rhs)
	case *Call:
		d.callExpr(x)
	case *Index:
		d.operand(x.X, 100, true)
		if x.Double {
			d.print("[[")
		} else {
			d.print("[")
		}
		d.args(x.Args)
		if x.Double {
			d.print("]]")
		} else {
			d.print("]")
		}
	case *Dollar:
		d.operand(x.X, 100, true)
		if x.At {
			d.print("@")
		} else {
			d.print("$")
		}
		if x.NameStr && !IsSyntacticName(x.Name) {
			d.print(Quote(x.Name))
		} else {
			d.print(QuoteName(x.Name))
		}
	case *Namespace:
		d.print(nsName(x.Pkg))
		if x.Internal {
			d.print(":::")
		} else {
			d.print("::")
		}
		d.print(nsName(x.Name))
	case *Function:
		d.print("function(")
		d.params(x.Params)
		d.print(") ")
		d.expr(x.Body)
	case *If:
		d.print("if (")
		d.expr(x.Cond)
		d.print(") ")
		if d.incurly > 0 && d.inlist == 0 {
			_, lookahead := x.Then.(*Block)
			if !lookahead {
				d.writeLine()
				d.indent++
			}
			d.expr(x.Then)
			if !lookahead {
				d.indent--
			}
			if x.Else != nil {
				d.writeLine()
				d.print("else ")
				d.expr(x.Else)
			}
		} else {
			d.expr(x.Then)
			if x.Else != nil {
				d.print(" else ")
				d.expr(x.Else)
			}
		}
	case *For:
		d.print("for (")
		d.expr(x.Var)
		d.print(" in ")
		d.expr(x.Seq)
		d.print(") ")
		d.expr(x.Body)
	case *While:
		d.print("while (")
		d.expr(x.Cond)
		d.print(") ")
		d.expr(x.Body)
	case *Repeat:
		d.print("repeat ")
		d.expr(x.Body)
	case *Break:
		d.print("break")
	case *Next:
		d.print("next")
	case *Block:
		d.block(x.Stmts)
	case *Paren:
		d.print("(")
		d.expr(x.X)
		d.print(")")
	case *Value:
		if d.value != nil {
			d.print(d.value(x.V))
		} else {
			d.print("<value>")
		}
	default:
		d.print("<?>")
	}
}

func (d *deparser) block(stmts []Expr) {
	d.print("{")
	d.incurly++
	d.indent++
	d.writeLine()
	for _, s := range stmts {
		d.expr(s)
		d.writeLine()
	}
	d.indent--
	d.print("}")
	d.incurly--
}

// callExpr deparses a call, using operator syntax for calls to operators
// (as R does: quote(`+`(1, 2)) deparses as 1 + 2).
func (d *deparser) callExpr(x *Call) {
	if id, ok := x.Fn.(*Ident); ok && !hasEmpty(x.Args) {
		switch {
		case len(x.Args) == 2 && isBinaryOpName(id.Name):
			if id.Name == "=" {
				d.binary("=", x.Args[0].Value, x.Args[1].Value)
			} else {
				d.binary(id.Name, x.Args[0].Value, x.Args[1].Value)
			}
			return
		case len(x.Args) == 1 && isUnaryOpName(id.Name):
			d.unary(id.Name, x.Args[0].Value)
			return
		case len(x.Args) == 1 && id.Name == "(":
			d.print("(")
			d.expr(x.Args[0].Value)
			d.print(")")
			return
		case id.Name == "{":
			stmts := make([]Expr, len(x.Args))
			for i, a := range x.Args {
				stmts[i] = a.Value
			}
			d.block(stmts)
			return
		case len(x.Args) == 2 && (id.Name == "$" || id.Name == "@"):
			var name string
			switch n := x.Args[1].Value.(type) {
			case *Ident:
				name = n.Name
			case *Str:
				name = n.Value
			default:
				d.call(x.Fn, x.Args)
				return
			}
			d.expr(&Dollar{X: x.Args[0].Value, At: id.Name == "@", Name: name})
			return
		}
	}
	if id, ok := x.Fn.(*Ident); ok && !hasEmpty(x.Args) {
		// Calls to keywords by name deparse as the construct, as in R.
		arg := func(i int) Expr { return x.Args[i].Value }
		switch {
		case id.Name == "if" && (len(x.Args) == 2 || len(x.Args) == 3):
			n := &If{Cond: arg(0), Then: arg(1)}
			if len(x.Args) == 3 {
				n.Else = arg(2)
			}
			d.expr(n)
			return
		case id.Name == "while" && len(x.Args) == 2:
			d.expr(&While{Cond: arg(0), Body: arg(1)})
			return
		case id.Name == "repeat" && len(x.Args) == 1:
			d.expr(&Repeat{Body: arg(0)})
			return
		case id.Name == "for" && len(x.Args) == 3:
			if v, ok := arg(0).(*Ident); ok {
				d.expr(&For{Var: v, Seq: arg(1), Body: arg(2)})
				return
			}
		case id.Name == "break" && len(x.Args) == 0:
			d.print("break")
			return
		case id.Name == "next" && len(x.Args) == 0:
			d.print("next")
			return
		}
	}
	if id, ok := x.Fn.(*Ident); ok && len(x.Args) >= 1 && (id.Name == "[" || id.Name == "[[") && x.Args[0].Value != nil && !x.Args[0].HasName {
		d.expr(&Index{X: x.Args[0].Value, Double: id.Name == "[[", Args: x.Args[1:]})
		return
	}
	d.call(x.Fn, x.Args)
}

func hasEmpty(args []Arg) bool {
	for i := range args {
		if args[i].Value == nil {
			return true
		}
	}
	return false
}

func (d *deparser) call(fn Expr, args []Arg) {
	parens := false
	if p, _ := exprPrec(fn); p < 100 {
		parens = true
	} else if f, ok := fn.(*Call); ok {
		// R writes (pkg::f(x))(y) but f(x)(y).
		switch f.Fn.(type) {
		case *Ident, *Str:
		default:
			parens = true
		}
	}
	if parens {
		d.print("(")
		d.expr(fn)
		d.print(")")
	} else {
		d.expr(fn)
	}
	d.print("(")
	prim := false
	if id, ok := fn.(*Ident); ok && primitives[id.Name] {
		prim = true
		d.inlist++
	}
	d.args(args)
	if prim {
		d.inlist--
	}
	d.print(")")
}

func (d *deparser) args(args []Arg) {
	lbreak := false
	for i := range args {
		a := &args[i]
		if a.HasName {
			d.print(QuoteName(a.Name))
			d.print(" = ")
		}
		if a.Value == nil {
			d.print("") // starts the line (indentation) like R's empty argument
		} else {
			if isEqAssign(a.Value) {
				d.print("(")
				d.expr(a.Value)
				d.print(")")
			} else {
				d.expr(a.Value)
			}
		}
		if i < len(args)-1 {
			d.print(", ")
			d.linebreak(&lbreak)
		}
	}
	if lbreak {
		d.indent--
	}
}

func (d *deparser) params(params []Param) {
	lbreak := false
	for i := range params {
		p := &params[i]
		d.print(QuoteName(p.Name))
		if p.Default != nil {
			d.print(" = ")
			d.expr(p.Default)
		}
		if i < len(params)-1 {
			d.print(", ")
			d.linebreak(&lbreak)
		}
	}
	if lbreak {
		d.indent--
	}
}

// reserved words, which are not syntactic names.
var reserved = map[string]bool{
	"if": true, "else": true, "repeat": true, "while": true, "function": true,
	"for": true, "next": true, "break": true, "in": true, "TRUE": true, "FALSE": true,
	"NULL": true, "Inf": true, "NaN": true, "NA": true, "NA_integer_": true,
	"NA_real_": true, "NA_character_": true, "NA_complex_": true,
}

// IsSyntacticName reports whether name can be written without backticks.
func IsSyntacticName(name string) bool {
	if name == "" || reserved[name] {
		return false
	}
	if name == "..." {
		return true
	}
	c := name[0]
	switch {
	case c == '.':
		if len(name) > 1 && isDigit(name[1]) {
			return false
		}
	case c < utf8.RuneSelf:
		if !isIdentStartByte(c) {
			return false
		}
	default:
		r, _ := utf8.DecodeRuneInString(name)
		if !unicode.IsLetter(r) {
			return false
		}
	}
	for _, r := range name {
		if r < utf8.RuneSelf {
			if !isIdentByte(byte(r)) {
				return false
			}
		} else if !(unicode.IsLetter(r) || unicode.IsDigit(r) || unicode.IsMark(r)) {
			return false
		}
	}
	return true
}

// QuoteName returns name, or name in backticks if it is not syntactic.
func QuoteName(name string) string {
	if IsSyntacticName(name) {
		return name
	}
	return quoteWith(name, '`')
}

// Quote returns s as an R double-quoted string literal, escaped as R's
// deparse() does.
func Quote(s string) string { return quoteWith(s, '"') }

func quoteWith(s string, q byte) string {
	var b strings.Builder
	b.Grow(len(s) + 2)
	b.WriteByte(q)
	for i := 0; i < len(s); {
		c := s[i]
		if c < utf8.RuneSelf {
			i++
			switch c {
			case '\\':
				b.WriteString(`\\`)
			case '\n':
				b.WriteString(`\n`)
			case '\t':
				b.WriteString(`\t`)
			case '\r':
				b.WriteString(`\r`)
			case '\a':
				b.WriteString(`\a`)
			case '\b':
				b.WriteString(`\b`)
			case '\f':
				b.WriteString(`\f`)
			case '\v':
				b.WriteString(`\v`)
			case 0:
				b.WriteString(`\0`)
			default:
				if c == q {
					b.WriteByte('\\')
					b.WriteByte(c)
				} else if c < 0x20 || c == 0x7f {
					b.WriteString(`\` + strconv.FormatInt(int64(c)+01000, 8)[1:])
				} else {
					b.WriteByte(c)
				}
			}
			continue
		}
		r, n := utf8.DecodeRuneInString(s[i:])
		if r == utf8.RuneError && n == 1 {
			b.WriteString(`\x` + strconv.FormatInt(int64(c)+0x100, 16)[1:])
			i++
			continue
		}
		if !unicode.Is(unicode.Cc, r) {
			b.WriteString(s[i : i+n])
		} else if r <= 0xFFFF {
			b.WriteString(`\u` + strconv.FormatInt(int64(r)+0x10000, 16)[1:])
		} else {
			b.WriteString(`\U` + strconv.FormatInt(int64(r)+0x100000000, 16)[1:])
		}
		i += n
	}
	b.WriteByte(q)
	return b.String()
}

// FormatNum formats a double as R's deparse() does: up to 15 significant
// digits, choosing fixed or scientific notation by width (1e+05, 123456,
// 0.001, 1e-04), and Inf, -Inf, NaN.
func FormatNum(v float64) string {
	switch {
	case math.IsNaN(v):
		return "NaN"
	case math.IsInf(v, 1):
		return "Inf"
	case math.IsInf(v, -1):
		return "-Inf"
	case v == 0:
		return "0"
	}
	neg := v < 0
	a := math.Abs(v)
	// Significant digits and decimal exponent at 15 digits.
	e := strconv.FormatFloat(a, 'e', 14, 64) // d.dddddddddddddde±XX
	mant, expStr, _ := strings.Cut(e, "e")
	kp, _ := strconv.Atoi(expStr)
	digits := strings.TrimRight(strings.Replace(mant, ".", "", 1), "0")
	if digits == "" {
		digits = "0"
	}
	nsig := len(digits)
	// Fixed width.
	var fixedW int
	rgt := nsig - kp - 1
	if rgt < 0 {
		rgt = 0
	}
	if kp >= 0 {
		fixedW = kp + 1
	} else {
		fixedW = 1
	}
	if rgt > 0 {
		fixedW += rgt + 1
	}
	// Scientific width.
	sciW := nsig
	if nsig > 1 {
		sciW++
	}
	if kp >= 100 || kp <= -100 {
		sciW += 5
	} else {
		sciW += 4
	}
	var s string
	if fixedW <= sciW {
		s = strconv.FormatFloat(a, 'f', rgt, 64)
	} else {
		s = digits[:1]
		if nsig > 1 {
			s += "." + digits[1:]
		}
		if kp < 0 {
			s += "e-"
			kp = -kp
		} else {
			s += "e+"
		}
		if kp < 10 {
			s += "0"
		}
		s += strconv.Itoa(kp)
	}
	if neg {
		return "-" + s
	}
	return s
}

// isPrefix reports whether x starts with a prefix operator or keyword.
func isPrefix(x Expr) bool {
	switch x := x.(type) {
	case *Unary, *Function, *If, *For, *While, *Repeat:
		return true
	case *Call:
		if id, ok := x.Fn.(*Ident); ok && len(x.Args) == 1 && isUnaryOpName(id.Name) {
			return true
		}
		return isKeywordCall(x)
	}
	return false
}

// isKeywordCall reports whether x is a call to if, for, while or repeat
// by name that deparses as the construct (`if`(a, b) is if (a) b).
func isKeywordCall(x *Call) bool {
	id, ok := x.Fn.(*Ident)
	if !ok || hasEmpty(x.Args) {
		return false
	}
	switch id.Name {
	case "if":
		return len(x.Args) == 2 || len(x.Args) == 3
	case "while":
		return len(x.Args) == 2
	case "repeat":
		return len(x.Args) == 1
	case "for":
		if len(x.Args) == 3 {
			_, ok := x.Args[0].Value.(*Ident)
			return ok
		}
	}
	return false
}

// nsName renders one side of pkg::name; an empty name (only possible as
// a string, ""::x) is written as a string.
func nsName(s string) string {
	if s == "" {
		return `""`
	}
	return QuoteName(s)
}

// primitives are the names bound to primitive functions in R's base
// environment (R 4.2). R's deparse writes if/else on one line inside the
// arguments of calls to these (c(if (a) b else c)), but on several lines
// inside calls to other functions when within braces.
var primitives = map[string]bool{
	"-": true, ":": true, "::": true, ":::": true, "!": true, "!=": true, "...elt": true,
	"...length": true, "...names": true, ".C": true, ".cache_class": true, ".Call": true,
	".Call.graphics": true, ".class2": true, ".External": true, ".External.graphics": true,
	".External2": true, ".Fortran": true, ".Internal": true, ".isMethodsDispatchOn": true,
	".Primitive": true, ".primTrace": true, ".primUntrace": true, ".subset": true, ".subset2": true,
	"(": true, "[": true, "[[": true, "[[<-": true, "[<-": true, "{": true, "@": true, "@<-": true,
	"*": true, "/": true, "&": true, "&&": true, "%*%": true, "%/%": true, "%%": true, "^": true,
	"+": true, "<": true, "<-": true, "<<-": true, "<=": true, "=": true, "==": true, ">": true,
	">=": true, "|": true, "||": true, "~": true, "$": true, "$<-": true, "abs": true, "acos": true,
	"acosh": true, "all": true, "any": true, "anyNA": true, "Arg": true, "as.call": true,
	"as.character": true, "as.complex": true, "as.double": true, "as.environment": true,
	"as.integer": true, "as.logical": true, "as.numeric": true, "as.raw": true, "asin": true,
	"asinh": true, "atan": true, "atanh": true, "attr": true, "attr<-": true, "attributes": true,
	"attributes<-": true, "baseenv": true, "break": true, "browser": true, "c": true, "call": true,
	"ceiling": true, "class": true, "class<-": true, "Conj": true, "cos": true, "cosh": true,
	"cospi": true, "cummax": true, "cummin": true, "cumprod": true, "cumsum": true, "digamma": true,
	"dim": true, "dim<-": true, "dimnames": true, "dimnames<-": true, "emptyenv": true,
	"enc2native": true, "enc2utf8": true, "environment<-": true, "exp": true, "expm1": true,
	"expression": true, "floor": true, "for": true, "forceAndCall": true, "function": true,
	"gamma": true, "gc.time": true, "globalenv": true, "if": true, "Im": true, "interactive": true,
	"invisible": true, "is.array": true, "is.atomic": true, "is.call": true, "is.character": true,
	"is.complex": true, "is.double": true, "is.environment": true, "is.expression": true,
	"is.finite": true, "is.function": true, "is.infinite": true, "is.integer": true,
	"is.language": true, "is.list": true, "is.logical": true, "is.matrix": true, "is.na": true,
	"is.name": true, "is.nan": true, "is.null": true, "is.numeric": true, "is.object": true,
	"is.pairlist": true, "is.raw": true, "is.recursive": true, "is.single": true, "is.symbol": true,
	"isS4": true, "lazyLoadDBfetch": true, "length": true, "length<-": true, "levels<-": true,
	"lgamma": true, "list": true, "log": true, "log10": true, "log1p": true, "log2": true,
	"max": true, "min": true, "missing": true, "Mod": true, "names": true, "names<-": true,
	"nargs": true, "next": true, "nzchar": true, "oldClass": true, "oldClass<-": true,
	"on.exit": true, "pos.to.env": true, "proc.time": true, "prod": true, "quote": true,
	"range": true, "Re": true, "rep": true, "repeat": true, "retracemem": true, "return": true,
	"round": true, "seq_along": true, "seq_len": true, "seq.int": true, "sign": true, "signif": true,
	"sin": true, "sinh": true, "sinpi": true, "sqrt": true, "standardGeneric": true,
	"storage.mode<-": true, "substitute": true, "sum": true, "switch": true, "tan": true,
	"tanh": true, "tanpi": true, "tracemem": true, "trigamma": true, "trunc": true, "unclass": true,
	"untracemem": true, "UseMethod": true, "while": true, "xtfrm": true,
}

// isEqAssign reports whether x is an assignment with =, which must be
// parenthesized as a call argument (f((a = 1))).
func isEqAssign(x Expr) bool {
	switch x := x.(type) {
	case *Assign:
		return x.Op == EQ_ASSIGN
	case *Call:
		if id, ok := x.Fn.(*Ident); ok && id.Name == "=" && len(x.Args) == 2 && !hasEmpty(x.Args) {
			return true
		}
	}
	return false
}
