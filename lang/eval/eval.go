package eval

import (
	"context"
	"fmt"
	"math"
	"runtime/debug"
	"slices"

	"torchr/lang/syntax"
)

// opTokenNames maps operator tokens to the builtin implementing them.
var opTokenNames = func() [256]string {
	var t [256]string
	t[syntax.PLUS] = "+"
	t[syntax.MINUS] = "-"
	t[syntax.STAR] = "*"
	t[syntax.SLASH] = "/"
	t[syntax.CARET] = "^"
	t[syntax.COLON] = ":"
	t[syntax.EQ] = "=="
	t[syntax.NE] = "!="
	t[syntax.LT] = "<"
	t[syntax.GT] = ">"
	t[syntax.LE] = "<="
	t[syntax.GE] = ">="
	t[syntax.AND] = "&"
	t[syntax.OR] = "|"
	t[syntax.NOT] = "!"
	t[syntax.LBRACK] = "["
	t[syntax.LBB] = "[["
	t[syntax.DOLLAR] = "$"
	t[syntax.AT] = "@"
	return t
}()

var opNameSet = map[string]bool{
	"+": true, "-": true, "*": true, "/": true, "^": true, ":": true, "==": true, "!=": true,
	"<": true, ">": true, "<=": true, ">=": true, "&": true, "|": true, "!": true, "[": true,
	"[[": true, "$": true, "@": true, "&&": true, "||": true, "(": true, "{": true,
	"if": true, "for": true, "while": true, "repeat": true, "<-": true, "=": true, "<<-": true,
	"function": true, "return": true,
}

func isOpName(n string) bool {
	if len(n) == 0 || len(n) > 8 {
		return false
	}
	c := n[0]
	if c >= 'a' && c <= 'z' && c != 'i' && c != 'f' && c != 'w' && c != 'r' {
		return false
	}
	return opNameSet[n] || (c == '%' && len(n) > 1)
}

// EvalTop evaluates one top-level expression with cancellation through ctx.
// It does not print.
func (in *Interp) EvalTop(ctx context.Context, x syntax.Expr) (v Value, err error) {
	in.ctx = ctx
	in.done = ctx.Done()
	in.steps = 0
	in.visible = true
	defer func() {
		if r := recover(); r != nil {
			err = in.panicError(r, nil)
		}
		in.frames = in.frames[:0]
		in.handlers = nil
		in.restarts = nil
		in.bdepth = 0
		in.evalDepth = 0
		clear(in.astack)
		in.astack = in.astack[:0]
		clear(in.vstack)
		in.vstack = in.vstack[:0]
		in.freshTemp, in.freshExpr = nil, nil // let the collector have it
	}()
	in.internNames(x)
	v, err = in.Eval(x, in.Global)
	if err != nil {
		switch err.(type) {
		case *ctrlSignal:
			if err == errReturn {
				// return() at top level: R returns the value.
				return in.retVal, nil
			}
			return nil, in.raise(&Error{Msg: "no loop for break/next, jumping to top level", hasCall: true}, nil)
		case *condJump, *restartJump:
			return nil, &Error{Msg: "no handler found", hasCall: true}
		}
	}
	return v, err
}

func (in *Interp) panicError(r any, call syntax.Expr) error {
	if e, ok := r.(error); ok && isSignal(e) {
		return e
	}
	msg := fmt.Sprint(r)
	if _, ok := r.(runtimeError); ok {
		msg = "internal error: " + msg
	}
	if debugPanics {
		msg += "\n" + string(debug.Stack())
	}
	return &Error{Msg: msg, Call: call, hasCall: true}
}

type runtimeError interface{ RuntimeError() }

var debugPanics = false

// Eval evaluates expression x in env.
func (in *Interp) Eval(x syntax.Expr, env *Env) (Value, error) {
	switch x := x.(type) {
	case *syntax.Num:
		in.visible = true
		return NewDouble1(x.Value), nil
	case *syntax.Ident:
		in.visible = true
		return in.evalIdent(x, env)
	case *syntax.Call:
		return in.evalCall(x, env)
	case *syntax.Binary:
		return in.evalBinary(x, env)
	case *syntax.Assign:
		return in.evalAssign(x, env)
	case *syntax.Block:
		in.visible = true
		var v Value = Null
		last := len(x.Stmts) - 1
		for i, s := range x.Stmts {
			var err error
			if as, ok := s.(*syntax.Assign); ok && i < last {
				in.discard = true
				_, err = in.evalAssign(as, env)
			} else {
				v, err = in.Eval(s, env)
			}
			if err != nil {
				return nil, err
			}
		}
		return v, nil
	case *syntax.If:
		return in.evalIf(x, env)
	case *syntax.Paren:
		v, err := in.Eval(x.X, env)
		in.visible = true
		return v, err
	case *syntax.Int:
		in.visible = true
		return NewInt1(x.Value), nil
	case *syntax.Imag:
		in.visible = true
		return NewComplex([]complex128{complex(0, x.Value)}), nil
	case *syntax.Str:
		in.visible = true
		return NewStr1(x.Value), nil
	case *syntax.Const:
		in.visible = true
		return constValue(x.Kind), nil
	case *syntax.Unary:
		return in.evalUnary(x, env)
	case *syntax.Index:
		return in.evalIndex(x, env)
	case *syntax.Dollar:
		return in.evalDollar(x, env)
	case *syntax.For:
		return in.evalFor(x, env)
	case *syntax.While:
		return in.evalWhile(x, env)
	case *syntax.Repeat:
		return in.evalRepeat(x, env)
	case *syntax.Break:
		in.loopEnv = env
		return nil, errBreak
	case *syntax.Next:
		in.loopEnv = env
		return nil, errNext
	case *syntax.Function:
		in.visible = true
		cl := &Closure{Params: x.Params, Body: x.Body, Env: env, Fn: x}
		if in.keepSource() {
			cl.Src = x.Src
		}
		return cl, nil
	case *syntax.Namespace:
		in.visible = true
		// packages' objects live in the base environment (builtins, base
		// variables, the torch prelude): pkg::name must not find a user's
		// global binding of the same name
		v, ok := in.Base.Lookup(x.Name)
		if !ok {
			v, ok = in.Global.Lookup(x.Name)
		}
		if !ok {
			return nil, in.raise(&Error{Msg: fmt.Sprintf("'%s' is not an exported object from 'namespace:%s'", x.Name, x.Pkg), hasCall: true}, nil)
		}
		if p, ok := v.(*Promise); ok {
			return in.Force(p)
		}
		return v, nil
	case *syntax.Value:
		in.visible = true
		if v, ok := x.V.(Value); ok {
			return v, nil
		}
		return Null, nil
	}
	return nil, in.raise(fmt.Errorf("cannot evaluate %T", x), nil)
}

func constValue(k syntax.ConstKind) Value {
	switch k {
	case syntax.ConstTrue:
		return NewLgl1(1)
	case syntax.ConstFalse:
		return NewLgl1(0)
	case syntax.ConstNull:
		return Null
	case syntax.ConstNA:
		return NewLgl1(NALogical)
	case syntax.ConstNAInteger:
		return NewInt1(NAInt)
	case syntax.ConstNAReal:
		return NewDouble1(NAReal)
	case syntax.ConstNACharacter:
		return NewStr1(NAString)
	case syntax.ConstInf:
		return NewDouble1(math.Inf(1))
	case syntax.ConstNaN:
		return NewDouble1(math.NaN())
	}
	return Null
}

// literalValue returns the value of a literal node without evaluation
// machinery, or nil.
func literalValue(x syntax.Expr) Value {
	switch x := x.(type) {
	case *syntax.Num:
		return NewDouble1(x.Value)
	case *syntax.Int:
		return NewInt1(x.Value)
	case *syntax.Imag:
		return NewComplex([]complex128{complex(0, x.Value)})
	case *syntax.Str:
		return NewStr1(x.Value)
	case *syntax.Const:
		return constValue(x.Kind)
	}
	return nil
}

// borrowIdent evaluates an identifier whose value Go code will only read:
// when the binding found holds an unseen temporary (Env.owned), it stays
// marked and owner is its environment. The caller disowns it there if the
// value escapes after all.
func (in *Interp) borrowIdent(x *syntax.Ident, env *Env) (v Value, owner *Env, err error) {
	for e := env; e != nil; e = e.Parent {
		if len(e.owned) > 0 && slices.Contains(e.owned, x.Name) {
			if v, ok := e.rawLocal(x.Name); ok {
				return v, e, nil
			}
		}
		if v, ok := e.GetLocal(x.Name); ok {
			v, err := in.identValue(x.Name, v)
			return v, nil, err
		}
	}
	v, err = in.evalIdent(x, env)
	return v, nil, err
}

func (in *Interp) evalIdent(x *syntax.Ident, env *Env) (Value, error) {
	name := x.Name
	for e := env; e != nil; e = e.Parent {
		v, ok := e.GetLocal(name)
		if !ok {
			continue
		}
		return in.identValue(name, v)
	}
	if len(name) > 2 && name[0] == '.' && name[1] == '.' {
		if n, ok := dotDotIndex(name); ok {
			return in.dotDot(n, env)
		}
	}
	return nil, in.raise(&Error{Msg: fmt.Sprintf("object '%s' not found", name), Pos: x.NamePos}, in.currentCall())
}

// identValue is the value of a binding found for name: promises forced,
// missing arguments and misplaced dots are errors.
func (in *Interp) identValue(name string, v Value) (Value, error) {
	switch v.(type) {
	case *Promise, *MissingArgType, *Dots:
		return in.identSpecial(name, v)
	}
	return v, nil
}

func (in *Interp) identSpecial(name string, v Value) (Value, error) {
	switch p := v.(type) {
	case *Promise:
		if p.Env == nil {
			return p.Value, nil
		}
		return in.Force(p)
	case *MissingArgType:
		return nil, in.raise(&Error{Msg: fmt.Sprintf("argument \"%s\" is missing, with no default", name)}, in.currentCall())
	}
	return nil, in.raise(&Error{Msg: "'...' used in an incorrect context"}, in.currentCall())
}

func dotDotIndex(name string) (int, bool) {
	n := 0
	for _, c := range name[2:] {
		if c < '0' || c > '9' {
			return 0, false
		}
		n = n*10 + int(c-'0')
	}
	return n, n > 0
}

func (in *Interp) dotDot(n int, env *Env) (Value, error) {
	v, ok := env.Lookup("...")
	d, _ := v.(*Dots)
	if !ok || d == nil || n > len(d.Args) {
		return nil, in.raise(&Error{Msg: fmt.Sprintf("the ... list does not contain %d elements", n)}, in.currentCall())
	}
	return in.forceArg(d.Args[n-1].Value)
}

func (in *Interp) forceArg(v Value) (Value, error) {
	if p, ok := v.(*Promise); ok {
		return in.Force(p)
	}
	return v, nil
}

// currentCall returns the call of the innermost closure frame (nil at top
// level): R's default call for errors raised by the evaluator.
func (in *Interp) currentCall() syntax.Expr {
	if n := len(in.frames); n > 0 {
		return in.frames[n-1].Call
	}
	return nil
}

// Force evaluates a promise once.
func (in *Interp) Force(p *Promise) (Value, error) {
	if p.Env == nil {
		return p.Value, nil
	}
	if p.forcing {
		return nil, in.raise(&Error{Msg: "promise already under evaluation: recursive default argument reference or earlier problems?"}, in.currentCall())
	}
	p.forcing = true
	v, err := in.Eval(p.Expr, p.Env)
	p.forcing = false
	if err != nil {
		return nil, err
	}
	MarkShared(v)
	p.Value = v
	p.Env = nil
	return v, nil
}

func (in *Interp) evalIf(x *syntax.If, env *Env) (Value, error) {
	c, err := in.Eval(x.Cond, env)
	if err != nil {
		return nil, err
	}
	b, err := in.condTruth(c, x, "if")
	if err != nil {
		return nil, err
	}
	if b {
		return in.Eval(x.Then, env)
	}
	if x.Else != nil {
		return in.Eval(x.Else, env)
	}
	in.visible = false
	return Null, nil
}

// condTruth implements the condition rules of if/while.
func (in *Interp) condTruth(c Value, x syntax.Expr, what string) (bool, error) {
	switch v := c.(type) {
	case *Logical:
		if len(v.V) == 1 {
			if v.V[0] == NALogical {
				return false, in.raise(&Error{Msg: "missing value where TRUE/FALSE needed"}, x)
			}
			return v.V[0] != 0, nil
		}
	case *Double:
		if len(v.V) == 1 {
			if v.V[0] != v.V[0] {
				return false, in.raise(&Error{Msg: "missing value where TRUE/FALSE needed"}, x)
			}
			return v.V[0] != 0, nil
		}
	case *Integer:
		if len(v.V) == 1 {
			if v.V[0] == NAInt {
				return false, in.raise(&Error{Msg: "missing value where TRUE/FALSE needed"}, x)
			}
			return v.V[0] != 0, nil
		}
	}
	n := Length(c)
	if n == 0 {
		return false, in.raise(&Error{Msg: "argument is of length zero"}, x)
	}
	if n > 1 {
		return false, in.raise(&Error{Msg: "the condition has length > 1"}, x)
	}
	switch v := c.(type) {
	case *Character:
		switch v.V[0] {
		case "TRUE", "true", "T", "True":
			return true, nil
		case "FALSE", "false", "F", "False":
			return false, nil
		}
		if v.V[0] == NAString {
			return false, in.raise(&Error{Msg: "missing value where TRUE/FALSE needed"}, x)
		}
		return false, in.raise(&Error{Msg: fmt.Sprintf("argument is not interpretable as logical")}, x)
	case ToR:
		r, err := v.AsR(in)
		if err != nil {
			return false, err
		}
		return in.condTruth(r, x, what)
	}
	return false, in.raise(&Error{Msg: fmt.Sprintf("argument is of length zero")}, x)
}

func (in *Interp) evalWhile(x *syntax.While, env *Env) (Value, error) {
	for {
		if err := in.check(); err != nil {
			return nil, in.raise(err, nil)
		}
		c, err := in.Eval(x.Cond, env)
		if err != nil {
			return nil, err
		}
		b, err := in.condTruth(c, x, "while")
		if err != nil {
			return nil, err
		}
		if !b {
			break
		}
		if _, err := in.Eval(x.Body, env); err != nil {
			if err == errBreak {
				break
			}
			if err == errNext {
				continue
			}
			return nil, err
		}
	}
	in.visible = false
	return Null, nil
}

func (in *Interp) evalRepeat(x *syntax.Repeat, env *Env) (Value, error) {
	for {
		if err := in.check(); err != nil {
			return nil, in.raise(err, nil)
		}
		if _, err := in.Eval(x.Body, env); err != nil {
			if err == errBreak {
				break
			}
			if err == errNext {
				continue
			}
			return nil, err
		}
	}
	in.visible = false
	return Null, nil
}

func (in *Interp) evalFor(x *syntax.For, env *Env) (Value, error) {
	name := x.Var.Name
	// for (i in a:b) without materializing the sequence.
	if b, ok := x.Seq.(*syntax.Binary); ok && b.Op == syntax.COLON && !in.userOps {
		lo, err := in.Eval(b.X, env)
		if err != nil {
			return nil, err
		}
		hi, err := in.Eval(b.Y, env)
		if err != nil {
			return nil, err
		}
		if from, to, isInt, ok := colonRange(lo, hi); ok && isInt {
			return in.forIntRange(x, env, name, from, to)
		}
		seq, err := in.callOp(":", b, []Arg{{Value: lo, Expr: b.X}, {Value: hi, Expr: b.Y}}, env)
		if err != nil {
			return nil, err
		}
		return in.forSeq(x, env, name, seq)
	}
	seq, err := in.Eval(x.Seq, env)
	if err != nil {
		return nil, err
	}
	return in.forSeq(x, env, name, seq)
}

// accum describes a loop body "target <- target op y" with y the loop
// variable or a number.
type accum struct {
	target  string
	op      syntax.Token
	loopVar bool
	num     float64
	y       syntax.Expr // general right operand, computed with peekScalar
}

func accumPattern(body syntax.Expr, loopVar string) *accum {
	if b, ok := body.(*syntax.Block); ok && len(b.Stmts) == 1 {
		body = b.Stmts[0]
	}
	as, ok := body.(*syntax.Assign)
	if !ok || (as.Op != syntax.LARROW && as.Op != syntax.EQ_ASSIGN) {
		return nil
	}
	lhs, ok := as.Lhs.(*syntax.Ident)
	if !ok || lhs.Name == loopVar {
		return nil
	}
	bin, ok := as.Rhs.(*syntax.Binary)
	if !ok {
		return nil
	}
	switch bin.Op {
	case syntax.PLUS, syntax.MINUS, syntax.STAR, syntax.SLASH:
	default:
		return nil
	}
	if x, ok := bin.X.(*syntax.Ident); !ok || x.Name != lhs.Name {
		return nil
	}
	a := &accum{target: lhs.Name, op: bin.Op}
	switch y := bin.Y.(type) {
	case *syntax.Ident:
		if y.Name != loopVar {
			return nil
		}
		a.loopVar = true
	case *syntax.Num:
		a.num = y.Value
	case *syntax.Binary, *syntax.Paren:
		a.y = y
	default:
		return nil
	}
	return a
}

// colonRange reports the integer range of from:to when both are scalars
// representable as integers.
func colonRange(lo, hi Value) (from, to int64, isInt, ok bool) {
	f, ok1 := scalarNum(lo)
	t, ok2 := scalarNum(hi)
	if !ok1 || !ok2 || f != f || t != t {
		return 0, 0, false, false
	}
	if f != math.Trunc(f) || math.Abs(f) > math.MaxInt32 || math.Abs(t) > math.MaxInt32 {
		return 0, 0, false, false
	}
	n := math.Floor(math.Abs(t-f) + 1e-10)
	if t >= f {
		return int64(f), int64(f + n), true, true
	}
	return int64(f), int64(f - n), true, true
}

func scalarNum(v Value) (float64, bool) {
	switch x := v.(type) {
	case *Double:
		if len(x.V) == 1 && x.attrs == nil {
			return x.V[0], true
		}
	case *Integer:
		if len(x.V) == 1 && x.attrs == nil && x.V[0] != NAInt {
			return float64(x.V[0]), true
		}
	case *Logical:
		if len(x.V) == 1 && x.attrs == nil && x.V[0] != NALogical {
			return float64(x.V[0]), true
		}
	}
	return 0, false
}

func (in *Interp) forIntRange(x *syntax.For, env *Env, name string, from, to int64) (Value, error) {
	step := int64(1)
	if to < from {
		step = -1
	}
	var box *Integer
	var gen uint32
	// Accumulation bodies (s <- s + i, s <- s * 2) update s in place
	// without evaluating the tree while nothing else touches the frame.
	acc := accumPattern(x.Body, name)
	if in.userOps {
		acc = nil
	}
	var accum *Double
	accGen := ^uint32(0)
	for i := from; ; i += step {
		if err := in.check(); err != nil {
			return nil, in.raise(err, nil)
		}
		// Reuse the loop variable's box when nobody else holds it.
		if box != nil && box.named == 1 && env.gen == gen {
			box.V[0] = int32(i)
		} else if box != nil && box.named == 1 {
			if cur, ok := env.GetLocal(name); ok && cur == Value(box) {
				box.V[0] = int32(i)
			} else {
				box = NewInt1(int32(i))
				env.Assign(name, box)
			}
		} else {
			box = NewInt1(int32(i))
			env.Assign(name, box)
		}
		gen = env.gen
		if acc != nil {
			if env.gen != accGen {
				accum = nil
				if cur, ok := env.GetLocal(acc.target); ok {
					if d, ok := cur.(*Double); ok && d.named == 1 && len(d.V) == 1 && d.attrs == nil {
						accum = d
					}
				}
				accGen = env.gen
			}
			y, yok := acc.num, true
			if acc.loopVar {
				y = float64(i)
			} else if acc.y != nil {
				y, _, yok = in.peekScalar(acc.y, env)
			}
			if accum != nil && accum.named == 1 && yok {
				switch acc.op {
				case syntax.PLUS:
					accum.V[0] += y
				case syntax.MINUS:
					accum.V[0] -= y
				case syntax.STAR:
					accum.V[0] *= y
				case syntax.SLASH:
					accum.V[0] /= y
				}
				if i == to {
					break
				}
				continue
			}
		}
		var err error
		if as, ok := x.Body.(*syntax.Assign); ok {
			in.discard = true
			_, err = in.evalAssign(as, env)
		} else {
			_, err = in.Eval(x.Body, env)
		}
		if err != nil {
			if err == errBreak {
				break
			}
			if err != errNext {
				return nil, err
			}
		}
		if i == to {
			break
		}
	}
	in.visible = false
	return Null, nil
}

func (in *Interp) forSeq(x *syntax.For, env *Env, name string, seq Value) (Value, error) {
	if it, ok := seq.(Iterable); ok {
		iter, err := it.Iterate(in)
		if err != nil {
			return nil, in.raise(err, x)
		}
		for {
			if err := in.check(); err != nil {
				return nil, in.raise(err, nil)
			}
			v, ok, err := iter.Next(in)
			if err != nil {
				return nil, in.raise(err, x)
			}
			if !ok {
				break
			}
			env.Assign(name, v)
			if _, err := in.Eval(x.Body, env); err != nil {
				if err == errBreak {
					break
				}
				if err != errNext {
					return nil, err
				}
			}
		}
		in.visible = false
		return Null, nil
	}
	if e, ok := seq.(*Env); ok {
		_ = e
		return nil, in.raise(&Error{Msg: "invalid for() loop sequence"}, x)
	}
	if iv, ok := seq.(*Integer); ok && classMatch(ClassAttr(iv), "factor") {
		// R loops over a factor's labels.
		if lv, ok := iv.Attr("levels").(*Character); ok {
			s := make([]string, len(iv.V))
			for i, code := range iv.V {
				if code == NAInt || int(code) < 1 || int(code) > len(lv.V) {
					s[i] = NAString
				} else {
					s[i] = lv.V[code-1]
				}
			}
			seq = NewStr(s)
		}
	}
	n := Length(seq)
	if _, ok := seq.(Vector); !ok && seq != Value(Null) {
		if _, ok := seq.(*Lang); !ok {
			return nil, in.raise(&Error{Msg: "invalid for() loop sequence"}, x)
		}
	}
	for i := 0; i < n; i++ {
		if err := in.check(); err != nil {
			return nil, in.raise(err, nil)
		}
		env.Assign(name, elementAt(seq, i))
		if _, err := in.Eval(x.Body, env); err != nil {
			if err == errBreak {
				break
			}
			if err != errNext {
				return nil, err
			}
		}
	}
	in.visible = false
	return Null, nil
}

// elementAt returns element i of a vector as a length-one vector without
// attributes (list: the element itself).
func elementAt(v Value, i int) Value {
	switch x := v.(type) {
	case *Double:
		return NewDouble1(x.V[i])
	case *Integer:
		if f := x.Attr("class"); f != nil {
			// factors iterate as their codes' labels in R? No: as codes
			// converted by as.vector -> character. Keep codes.
		}
		return NewInt1(x.V[i])
	case *Logical:
		return NewLgl1(x.V[i])
	case *Character:
		return NewStr1(x.V[i])
	case *Complex:
		return NewComplex([]complex128{x.V[i]})
	case *Raw:
		return NewRaw([]byte{x.V[i]})
	case *List:
		MarkShared(x.V[i])
		return x.V[i]
	case *Lang:
		return langElement(x, i)
	}
	return Null
}
