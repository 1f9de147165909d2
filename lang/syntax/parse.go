package syntax

import "strconv"

// Precedence levels, lowest first (see ?Syntax).
const (
	precNone    = iota
	precHelp    // ?
	precEq      // =          right
	precLeft    // <- <<- :=  right
	precRight   // -> ->>     left
	precTilde   // ~
	precOr      // | ||
	precAnd     // & &&
	precNot     // ! (unary)
	precCmp     // == != < > <= >=  non-associative
	precAdd     // + -
	precMul     // * /
	precSpecial // %any% |>
	precColon   // :
	precUnary   // unary + -
	precPow     // ^          right
)

var binPrec = [maxToken]int8{
	QUESTION:    precHelp,
	EQ_ASSIGN:   precEq,
	LARROW:      precLeft,
	SUPERLARROW: precLeft,
	WALRUS:      precLeft,
	RARROW:      precRight,
	SUPERRARROW: precRight,
	TILDE:       precTilde,
	OR:          precOr,
	OROR:        precOr,
	AND:         precAnd,
	ANDAND:      precAnd,
	EQ:          precCmp,
	NE:          precCmp,
	LT:          precCmp,
	GT:          precCmp,
	LE:          precCmp,
	GE:          precCmp,
	PLUS:        precAdd,
	MINUS:       precAdd,
	STAR:        precMul,
	SLASH:       precMul,
	SPECIAL:     precSpecial,
	PIPE:        precSpecial,
	COLON:       precColon,
	CARET:       precPow,
}

// contextStackSize mirrors R's limit on nested brackets ("contextstack
// overflow").
const contextStackSize = 50

// maxDepth bounds recursion for pathological input (deeply nested unary
// operators, if/else chains, right-associative operators).
const maxDepth = 20000

type parser struct {
	sc       scanner
	tok      token
	file     string
	src      string
	ctx      []byte // '(' '[' '{' contexts: newlines are ignored inside ( and [
	prevEnd  int    // byte offset just after the last consumed token
	endPos   Pos    // position just after the last consumed token
	exprBeg  int    // start of the current top-level expression's context text
	depth    int
	holes    int // unsubstituted pipe placeholders
	warnings []Warning
}

func newParser(filename, src string) *parser {
	p := &parser{file: filename, src: src}
	p.sc = scanner{src: src, line: 1, col: 1, p: p}
	return p
}

func (p *parser) recoverErr(err *error) {
	if r := recover(); r != nil {
		e, ok := r.(*Error)
		if !ok {
			panic(r)
		}
		*err = e
	}
}

func parseFile(filename, src string) (f *File, err error) {
	p := newParser(filename, src)
	f = &File{Name: filename, Src: src}
	defer func() { f.Warnings = p.warnings }()
	defer p.recoverErr(&err)
	p.next()
	for {
		for p.tok.tok == NEWLINE {
			p.exprBeg = p.tok.end
			p.next()
		}
		if p.tok.tok == EOF {
			break
		}
		start := p.tok.start
		startPos := p.tok.pos
		x := p.parseExprTop()
		end := p.prevEnd
		endPos := p.prevEndPos()
		switch p.tok.tok {
		case NEWLINE, EOF:
		case SEMI:
			p.exprBeg = p.tok.end
			p.next()
		default:
			p.unexpected()
		}
		p.checkHoles(x)
		f.Exprs = append(f.Exprs, &TopExpr{
			X: x, Start: start, End: end, Text: src[start:end],
			Line: int(startPos.Line), EndPos: endPos,
		})
	}
	return f, nil
}

func parseExpr(src string) (x Expr, err error) {
	p := newParser("<text>", src)
	defer p.recoverErr(&err)
	p.next()
	for p.tok.tok == NEWLINE {
		p.exprBeg = p.tok.end
		p.next()
	}
	if p.tok.tok == EOF {
		p.unexpected()
	}
	x = p.parseExprTop()
	switch p.tok.tok {
	case NEWLINE, EOF, SEMI:
	default:
		p.unexpected()
	}
	p.checkHoles(x)
	if p.tok.tok == SEMI {
		p.next()
	}
	for p.tok.tok == NEWLINE {
		p.next()
	}
	if p.tok.tok != EOF {
		p.unexpected()
	}
	return x, nil
}

// parseExprTop parses one complete top-level (or brace-level) expression
// and checks that no pipe placeholder was left over.
func (p *parser) parseExprTop() Expr {
	p.holes = 0
	return p.parseBinary(precHelp, false)
}

// checkHoles reports a pipe placeholder left outside a pipe call.
func (p *parser) checkHoles(x Expr) {
	if p.holes > 0 {
		p.errorPlain(x.Pos(), "invalid use of pipe placeholder (<input>:"+strconv.Itoa(int(x.Pos().Line))+":0)")
	}
}

// prevEndPos returns the position just after the last consumed token.
func (p *parser) prevEndPos() Pos { return p.endPos }

// next advances to the next token, skipping newlines inside ( and [.
func (p *parser) next() {
	p.prevEnd = p.tok.end
	p.endPos = p.sc.pos()
	if p.tok.tok == NEWLINE {
		p.endPos = p.tok.pos
	}
	for {
		p.sc.scan(&p.tok)
		if p.tok.tok == NEWLINE && len(p.ctx) > 0 && p.ctx[len(p.ctx)-1] != '{' {
			continue
		}
		return
	}
}

// skipNL skips newline tokens (after an operator or keyword that needs
// more input).
func (p *parser) skipNL() {
	for p.tok.tok == NEWLINE {
		p.next()
	}
}

func (p *parser) push(c byte) {
	if len(p.ctx) >= contextStackSize {
		p.errorPlain(p.tok.pos, "contextstack overflow at line "+strconv.Itoa(int(p.tok.pos.Line)))
	}
	p.ctx = append(p.ctx, c)
}

func (p *parser) pop() { p.ctx = p.ctx[:len(p.ctx)-1] }

// peek returns the kind of the token after the current one, without
// consuming anything.
func (p *parser) peek() Token {
	st := p.sc.save()
	var t token
	for {
		p.sc.scan(&t)
		if t.tok == NEWLINE && len(p.ctx) > 0 && p.ctx[len(p.ctx)-1] != '{' {
			continue
		}
		break
	}
	p.sc.restore(st)
	return t.tok
}

func (p *parser) expect(t Token) {
	if p.tok.tok != t {
		p.unexpected()
	}
}

// ---- errors ----

func (p *parser) newError(pos Pos, tokEnd int, msg string) *Error {
	return &Error{File: p.file, Pos: pos, Msg: msg, src: p.src, exprStart: p.exprBeg, tokEnd: tokEnd}
}

// unexpected reports the current token as unexpected.
func (p *parser) unexpected() {
	t := &p.tok
	var msg string
	switch t.tok {
	case EOF:
		e := p.newError(p.eofPos(), len(p.src), "unexpected end of input")
		e.Incomplete = true
		panic(e)
	case NEWLINE:
		panic(p.newError(Pos{t.pos.Line + 1, 0}, t.start, "unexpected end of line"))
	case NUM, INT, IMAG:
		msg = "numeric constant"
	case CONST:
		if t.ckind == ConstNull {
			msg = "'NULL'"
		} else {
			msg = "numeric constant"
		}
	case STR:
		msg = "string constant"
	case IDENT:
		msg = "symbol"
	case LARROW, SUPERLARROW, WALRUS:
		msg = "assignment"
	case RARROW, SUPERRARROW:
		msg = "'->'"
	case SPECIAL:
		msg = "SPECIAL"
	case ILLEGAL:
		msg = "input"
	case PLACEHOLDER:
		msg = "'_'"
	case LAMBDA:
		msg = "'\\\\'"
	default:
		msg = "'" + t.tok.String() + "'"
	}
	panic(p.newError(t.pos, t.end, "unexpected "+msg))
}

func (p *parser) eofPos() Pos {
	// R reports end of input at (number of lines + 1, 0), counting a
	// final newline as starting an empty line.
	n := int32(1)
	for i := 0; i < len(p.src); i++ {
		if p.src[i] == '\n' {
			n++
		}
	}
	return Pos{n + 1, 0}
}

// errorAt reports msg at pos, with the source up to end as context.
func (p *parser) errorAt(pos Pos, end int, msg string) {
	panic(p.newError(pos, end, msg))
}

func (p *parser) errorPlain(pos Pos, msg string) {
	e := p.newError(pos, p.sc.off, msg)
	e.Plain = true
	panic(e)
}

func (p *parser) incompleteString(pos Pos, start int) {
	e := p.newError(pos, len(p.src), "unexpected INCOMPLETE_STRING")
	e.Incomplete = true
	panic(e)
}

func (p *parser) warn(pos Pos, msg string) {
	p.warnings = append(p.warnings, Warning{Pos: pos, Msg: msg})
}

// ---- expressions ----

// parseBinary parses an expression whose binary operators all have
// precedence >= min. If noEq, '=' is not an operator (call arguments,
// conditions, defaults).
func (p *parser) parseBinary(min int, noEq bool) Expr {
	p.depth++
	if p.depth > maxDepth {
		p.errorPlain(p.tok.pos, "expression nested too deeply")
	}
	x := p.parseUnary(noEq)
	for {
		t := p.tok.tok
		prec := int(binPrec[t])
		if prec == 0 || prec < min || (t == EQ_ASSIGN && noEq) {
			p.depth--
			return x
		}
		opPos := p.tok.pos
		opText := p.tok.sval
		p.next()
		p.skipNL()
		var y Expr
		switch t {
		case EQ_ASSIGN, LARROW, SUPERLARROW, WALRUS, CARET:
			y = p.parseBinary(prec, noEq)
		default:
			y = p.parseBinary(prec+1, noEq)
		}
		switch t {
		case EQ_ASSIGN, LARROW, SUPERLARROW:
			x = &Assign{OpPos: opPos, Op: t, Lhs: x, Rhs: y}
		case RARROW:
			x = &Assign{OpPos: opPos, Op: LARROW, Lhs: y, Rhs: x, Right: true}
		case SUPERRARROW:
			x = &Assign{OpPos: opPos, Op: SUPERLARROW, Lhs: y, Rhs: x, Right: true}
		case PIPE:
			x = p.pipe(x, y, opPos)
		default:
			if t != SPECIAL {
				opText = opString(t)
			}
			x = &Binary{OpPos: opPos, Op: t, OpText: opText, X: x, Y: y}
		}
		if prec == precCmp && binPrec[p.tok.tok] == precCmp {
			p.unexpected()
		}
	}
}

// opString returns the R function name of an operator token.
func opString(t Token) string {
	return tokenNames[t]
}

func (p *parser) parseUnary(noEq bool) Expr {
	t := p.tok.tok
	var prec int
	switch t {
	case MINUS, PLUS:
		prec = precUnary
	case NOT:
		prec = precNot
	case TILDE:
		prec = precTilde
	case QUESTION:
		prec = precHelp
	default:
		return p.parsePostfix()
	}
	pos := p.tok.pos
	p.next()
	p.skipNL()
	x := p.parseBinary(prec+1, noEq)
	return &Unary{OpPos: pos, Op: t, X: x}
}

func (p *parser) parsePostfix() Expr {
	x := p.parsePrimary()
	for {
		switch p.tok.tok {
		case LPAREN:
			lp := p.tok.pos
			p.push('(')
			p.next()
			args := p.parseArgs(RPAREN, true)
			rp := p.tok.pos
			p.pop()
			p.next()
			if s, ok := x.(*Str); ok {
				if s.Value == "" {
					p.errorPlain(s.ValuePos, "attempt to use zero-length variable name")
				}
				x = &Ident{NamePos: s.ValuePos, Name: s.Value}
			}
			x = &Call{Fn: x, Lparen: lp, Args: args, Rparen: rp}
		case LBRACK, LBB:
			double := p.tok.tok == LBB
			lb := p.tok.pos
			p.push('[')
			if double {
				p.push('[')
			}
			p.next()
			args := p.parseArgs(RBRACK, false)
			rb := p.tok.pos
			p.pop()
			if double {
				p.next()
				p.expect(RBRACK)
				p.pop()
			}
			p.next()
			x = &Index{X: x, Lbrack: lb, Double: double, Args: args, Rbrack: rb}
		case DOLLAR, AT:
			at := p.tok.tok == AT
			opPos := p.tok.pos
			p.next()
			p.skipNL()
			d := &Dollar{X: x, OpPos: opPos, At: at, NamePos: p.tok.pos}
			switch p.tok.tok {
			case IDENT:
				d.Name = p.tok.sval
			case STR:
				d.Name = p.tok.sval
				d.NameStr = true
			default:
				p.unexpected()
			}
			p.next()
			x = d
		default:
			return x
		}
	}
}

// parseArgs parses call or index arguments up to the closing token
// (which is left as the current token).
func (p *parser) parseArgs(close Token, call bool) []Arg {
	if call && p.tok.tok == close {
		return nil
	}
	var args []Arg
	for {
		a := Arg{NamePos: p.tok.pos}
		switch p.tok.tok {
		case IDENT, STR, CONST:
			if (p.tok.tok != CONST || p.tok.ckind == ConstNull) && p.peek() == EQ_ASSIGN {
				a.HasName = true
				a.Name = p.tok.sval
				a.NameStr = p.tok.tok == STR
				if a.Name == "" {
					p.errorPlain(a.NamePos, "attempt to use zero-length variable name")
				}
				p.next() // name
				p.next() // =
				if p.tok.tok != COMMA && p.tok.tok != close {
					a.Value = p.parseBinary(precHelp, true)
				}
			} else {
				a.Value = p.parseBinary(precHelp, true)
			}
		case COMMA:
		default:
			if p.tok.tok != close {
				a.Value = p.parseBinary(precHelp, true)
			}
		}
		args = append(args, a)
		switch p.tok.tok {
		case COMMA:
			p.next()
		case close:
			return args
		default:
			p.unexpected()
		}
	}
}

func (p *parser) parsePrimary() Expr {
	t := &p.tok
	switch t.tok {
	case NUM:
		x := &Num{ValuePos: t.pos, Value: t.num, Raw: p.src[t.start:t.end]}
		p.next()
		return x
	case IMAG:
		x := &Imag{ValuePos: t.pos, Value: t.num, Raw: p.src[t.start:t.end]}
		p.next()
		return x
	case INT:
		x := &Int{ValuePos: t.pos, Value: t.ival, Raw: p.src[t.start:t.end]}
		p.next()
		return x
	case CONST:
		x := &Const{ValuePos: t.pos, Kind: t.ckind}
		p.next()
		return x
	case STR:
		x := &Str{ValuePos: t.pos, Value: t.sval, Raw: p.src[t.start:t.end]}
		p.next()
		if p.tok.tok == NS_GET || p.tok.tok == NS_GET_INT {
			return p.parseNamespace(x.ValuePos, x.Value)
		}
		return x
	case IDENT:
		x := &Ident{NamePos: t.pos, Name: t.sval}
		p.next()
		if p.tok.tok == NS_GET || p.tok.tok == NS_GET_INT {
			return p.parseNamespace(x.NamePos, x.Name)
		}
		return x
	case PLACEHOLDER:
		x := &Ident{NamePos: t.pos, Name: "_"}
		p.holes++
		p.next()
		return x
	case LPAREN:
		lp := t.pos
		p.push('(')
		p.next()
		x := p.parseBinary(precHelp, false)
		p.expect(RPAREN)
		rp := p.tok.pos
		p.pop()
		p.next()
		return &Paren{Lparen: lp, X: x, Rparen: rp}
	case LBRACE:
		return p.parseBlock()
	case FUNCTION, LAMBDA:
		return p.parseFunction()
	case IF:
		return p.parseIf()
	case FOR:
		return p.parseFor()
	case WHILE:
		pos := t.pos
		p.next()
		p.skipNL()
		cond := p.parseCond()
		body := p.parseBody()
		return &While{WhilePos: pos, Cond: cond, Body: body}
	case REPEAT:
		pos := t.pos
		p.next()
		p.skipNL()
		body := p.parseBody()
		return &Repeat{RepeatPos: pos, Body: body}
	case BREAK:
		x := &Break{BreakPos: t.pos}
		p.next()
		return x
	case NEXT:
		x := &Next{NextPos: t.pos}
		p.next()
		return x
	}
	p.unexpected()
	return nil
}

// parseBody parses the body of if/for/while/repeat/function.
func (p *parser) parseBody() Expr {
	p.depth++
	if p.depth > maxDepth {
		p.errorPlain(p.tok.pos, "expression nested too deeply")
	}
	x := p.parseBinary(precHelp, false)
	p.depth--
	return x
}

// parseCond parses "( expr )" followed by optional newlines.
func (p *parser) parseCond() Expr {
	p.expect(LPAREN)
	p.push('(')
	p.next()
	x := p.parseBinary(precHelp, true)
	p.expect(RPAREN)
	p.pop()
	p.next()
	p.skipNL()
	return x
}

func (p *parser) parseNamespace(pos Pos, pkg string) Expr {
	internal := p.tok.tok == NS_GET_INT
	p.next()
	ns := &Namespace{PkgPos: pos, Pkg: pkg, Internal: internal, NamePos: p.tok.pos}
	switch p.tok.tok {
	case IDENT, STR:
		ns.Name = p.tok.sval
	default:
		p.unexpected()
	}
	p.next()
	return ns
}

func (p *parser) parseBlock() Expr {
	b := &Block{Lbrace: p.tok.pos}
	p.push('{')
	p.next()
	for {
		for p.tok.tok == NEWLINE || p.tok.tok == SEMI {
			p.next()
		}
		if p.tok.tok == RBRACE {
			break
		}
		saved := p.holes
		p.holes = 0
		x := p.parseBinary(precHelp, false)
		switch p.tok.tok {
		case NEWLINE, SEMI, RBRACE:
		default:
			p.unexpected()
		}
		p.checkHoles(x)
		p.holes = saved
		b.Stmts = append(b.Stmts, x)
	}
	b.Rbrace = p.tok.pos
	p.pop()
	p.next()
	return b
}

func (p *parser) parseFunction() Expr {
	f := &Function{FuncPos: p.tok.pos, Lambda: p.tok.tok == LAMBDA}
	start := p.tok.start
	p.next()
	p.skipNL()
	p.expect(LPAREN)
	p.push('(')
	p.next()
	if p.tok.tok != RPAREN {
		for {
			if p.tok.tok != IDENT {
				p.unexpected()
			}
			prm := Param{NamePos: p.tok.pos, Name: p.tok.sval}
			for _, q := range f.Params {
				if q.Name == prm.Name {
					p.errorPlain(prm.NamePos, "repeated formal argument '"+prm.Name+"' on line "+strconv.Itoa(int(prm.NamePos.Line)))
				}
			}
			p.next()
			if p.tok.tok == EQ_ASSIGN {
				p.next()
				prm.Default = p.parseBinary(precHelp, true)
			}
			f.Params = append(f.Params, prm)
			if p.tok.tok == COMMA {
				p.next()
				continue
			}
			break
		}
	}
	p.expect(RPAREN)
	p.pop()
	p.next()
	p.skipNL()
	f.Body = p.parseBody()
	f.Src = p.src[start:p.prevEnd]
	return f
}

func (p *parser) parseIf() Expr {
	x := &If{IfPos: p.tok.pos}
	p.next()
	p.skipNL()
	x.Cond = p.parseCond()
	x.Then = p.parseBody()
	if p.tok.tok == NEWLINE && len(p.ctx) > 0 && p.ctx[len(p.ctx)-1] == '{' {
		// Inside braces, "else" may start a following line.
		st := p.sc.save()
		tok := p.tok
		prevEnd, endPos := p.prevEnd, p.endPos
		for p.tok.tok == NEWLINE {
			p.sc.scan(&p.tok)
		}
		if p.tok.tok != ELSE {
			p.sc.restore(st)
			p.tok = tok
			p.prevEnd, p.endPos = prevEnd, endPos
		}
	}
	if p.tok.tok == ELSE {
		p.next()
		p.skipNL()
		x.Else = p.parseBody()
	}
	return x
}

func (p *parser) parseFor() Expr {
	x := &For{ForPos: p.tok.pos}
	p.next()
	p.skipNL()
	p.expect(LPAREN)
	p.push('(')
	p.next()
	p.expect(IDENT)
	x.Var = &Ident{NamePos: p.tok.pos, Name: p.tok.sval}
	p.next()
	p.expect(IN)
	p.next()
	x.Seq = p.parseBinary(precHelp, true)
	p.expect(RPAREN)
	p.pop()
	p.next()
	p.skipNL()
	x.Body = p.parseBody()
	return x
}

// specialSymbols are the function names that R refuses as the head of
// the right-hand side of |>.
var specialSymbols = map[string]bool{
	"if": true, "while": true, "repeat": true, "for": true, "break": true, "next": true,
	"return": true, "function": true, "(": true, "{": true, "+": true, "-": true, "*": true,
	"/": true, "^": true, "%%": true, "%/%": true, "%*%": true, ":": true, "::": true,
	":::": true, "?": true, "|>": true, "~": true, "@": true, "=>": true, "==": true,
	"!=": true, "<": true, ">": true, "<=": true, ">=": true, "&": true, "|": true,
	"&&": true, "||": true, "!": true, "<-": true, "<<-": true, "=": true, "$": true,
	"[": true, "[[": true, "$<-": true, "[<-": true, "[[<-": true,
}

// pipe rewrites lhs |> rhs into a call.
func (p *parser) pipe(lhs, rhs Expr, opPos Pos) Expr {
	notSupported := func(name string) {
		p.errorPlain(opPos, "function '"+name+"' not supported in RHS call of a pipe")
	}
	switch r := rhs.(type) {
	case *Call:
		switch fn := r.Fn.(type) {
		case *Ident:
			if specialSymbols[fn.Name] {
				notSupported(fn.Name)
			}
			if fn.Name == "_" {
				p.errorPlain(opPos, "pipe placeholder can only be used as a named argument")
			}
		case *Function:
			notSupported("function")
		}
		hole := -1
		for i := range r.Args {
			if id, ok := r.Args[i].Value.(*Ident); ok && id.Name == "_" {
				if !r.Args[i].HasName {
					p.errorPlain(opPos, "pipe placeholder can only be used as a named argument")
				}
				if hole >= 0 {
					p.errorPlain(opPos, "pipe placeholder may only appear once")
				}
				hole = i
			}
		}
		if hole >= 0 {
			r.Args[hole].Value = lhs
			p.holes--
			return r
		}
		args := make([]Arg, 0, len(r.Args)+1)
		args = append(args, Arg{NamePos: lhs.Pos(), Value: lhs})
		r.Args = append(args, r.Args...)
		return r
	case *Unary:
		notSupported(r.Op.String())
	case *Binary:
		notSupported(r.OpText)
	case *Assign:
		notSupported(r.Op.String())
	case *Index:
		if id, ok := r.X.(*Ident); ok && id.Name == "_" {
			p.errorPlain(opPos, "pipe placeholder can only be used as a named argument")
		}
		if r.Double {
			notSupported("[[")
		}
		notSupported("[")
	case *Dollar:
		if id, ok := r.X.(*Ident); ok && id.Name == "_" {
			p.errorPlain(opPos, "pipe placeholder can only be used as a named argument")
		}
		if r.At {
			notSupported("@")
		}
		notSupported("$")
	case *Function:
		notSupported("function")
	case *Paren:
		notSupported("(")
	case *Block:
		notSupported("{")
	case *If:
		notSupported("if")
	case *For:
		notSupported("for")
	case *While:
		notSupported("while")
	case *Repeat:
		notSupported("repeat")
	}
	p.errorPlain(opPos, "The pipe operator requires a function call as RHS")
	return nil
}
