package eval

import (
	"fmt"
	"math"
	"slices"

	"torchr/lang/syntax"
)

// callByName evaluates name(sargs...) as a normal call (used when an
// operator is redefined by the user, and for %op% operators).
func (in *Interp) callByName(name string, call syntax.Expr, sargs []syntax.Arg, env *Env) (Value, error) {
	fn, err := in.lookupFunction(name, env)
	if err != nil {
		return nil, err
	}
	if fn == nil {
		return nil, in.raise(&Error{Msg: fmt.Sprintf("could not find function \"%s\"", name), hasCall: true, Call: call}, call)
	}
	switch f := fn.(type) {
	case *Closure:
		args, err := in.promiseArgs(sargs, env)
		if err != nil {
			return nil, err
		}
		return in.applyClosure(f, call, args, env, name, nil)
	case *Builtin:
		if f.Special {
			args, err := in.promiseArgs(sargs, env)
			if err != nil {
				return nil, err
			}
			return in.callBuiltin(f, call, args, env)
		}
		args, err := in.evalArgs(sargs, env)
		if err != nil {
			return nil, err
		}
		return in.callOp(name, call, args, env)
	case Callable:
		args, err := in.evalArgs(sargs, env)
		if err != nil {
			return nil, err
		}
		return in.callCallable(f, call, args, env)
	}
	return nil, in.raise(&Error{Msg: "attempt to apply non-function"}, call)
}

// userOp reports whether the operator name is bound to something other
// than the registered builtin (only checked once the user has assigned any
// operator name).
func (in *Interp) userOp(name string, env *Env) bool {
	if !in.userOps {
		return false
	}
	fn, _ := in.lookupFunction(name, env)
	b, ok := fn.(*Builtin)
	return !ok || b != LookupBuiltin(name)
}

func (in *Interp) evalBinary(x *syntax.Binary, env *Env) (Value, error) {
	// The scalar fast paths below stay as lean as they were before
	// temporaries (see Temporary): a mark is looked at only when one is
	// set, identifiers are borrowed only once some binding owns a
	// temporary, and a scalar result needs no mark (takeTemp checks the
	// value, not just the expression).
	switch x.Op {
	case syntax.ANDAND, syntax.OROR:
		if in.userOp(x.OpText, env) {
			break
		}
		return in.evalAndOr(x, env)
	case syntax.SPECIAL, syntax.TILDE, syntax.QUESTION, syntax.WALRUS:
		if x.Op == syntax.TILDE && !in.userOps {
			in.visible = true
			l := &Lang{X: x}
			l.SetAttr("class", NewStr1("formula"))
			return l, nil
		}
		v, err := in.callByName(x.OpText, x, []syntax.Arg{{Value: x.X}, {Value: x.Y}}, env)
		in.markTemp(nil, x)
		return v, err
	}
	if in.userOp(x.OpText, env) {
		v, err := in.callByName(x.OpText, x, []syntax.Arg{{Value: x.X}, {Value: x.Y}}, env)
		in.markTemp(nil, x)
		return v, err
	}
	var lhs Value
	var lOwner *Env
	var err error
	if in.owning {
		lhs, lOwner, err = in.evalOperand(x.X, env)
	} else {
		lhs, err = in.Eval(x.X, env)
	}
	if err != nil {
		return nil, err
	}
	var lt Temporary
	if in.freshTemp != nil {
		lt = in.takeTemp(x.X, lhs)
	}
	if lOwner != nil && !isLiteral(x.Y) {
		// evaluating the right operand may run code that reads or
		// assigns the binding
		lOwner.disown(x.X.(*syntax.Ident).Name)
		lOwner = nil
	}
	var rhs Value
	var rOwner *Env
	if n, ok := x.Y.(*syntax.Num); ok {
		// Avoid boxing a literal right operand on the fast path.
		if l, ok := lhs.(*Double); ok && len(l.V) == 1 && l.attrs == nil {
			if v := arithDD(x.Op, l.V[0], n.Value); v != nil {
				in.visible = true
				return v, nil
			}
		}
		if l, ok := lhs.(*Integer); ok && len(l.V) == 1 && l.attrs == nil && l.V[0] != NAInt {
			if v := arithDD(x.Op, float64(l.V[0]), n.Value); v != nil {
				in.visible = true
				return v, nil
			}
		}
		rhs = NewDouble1(n.Value)
	} else {
		if in.owning {
			rhs, rOwner, err = in.evalOperand(x.Y, env)
		} else {
			rhs, err = in.Eval(x.Y, env)
		}
		if err != nil {
			return nil, err
		}
	}
	var rt Temporary
	if in.freshTemp != nil {
		rt = in.takeTemp(x.Y, rhs)
	}
	if v := arithFast(x.Op, lhs, rhs); v != nil {
		in.visible = true
		return v, nil
	}
	return in.binaryCall(x, env, operand{lhs, lt, lOwner}, operand{rhs, rt, rOwner})
}

// operand is an evaluated operand of a binary operator: its value, whether
// it is a temporary, and where a borrowed identifier is bound.
type operand struct {
	v     Value
	temp  Temporary
	owner *Env
}

// binaryCall calls the operator x on evaluated operands (the general path,
// kept out of evalBinary so that its scalar paths stay small), then
// settles temporaries and borrows.
func (in *Interp) binaryCall(x *syntax.Binary, env *Env, l, r operand) (Value, error) {
	abase := len(in.astack)
	in.astack = append(in.astack, Arg{Value: l.v, Expr: x.X}, Arg{Value: r.v, Expr: x.Y})
	v, byGo, err := in.callOpCap(x.OpText, x, in.astack[abase:abase+2:abase+2], env)
	in.popArgs(abase)
	escaped(l, x.X, v, err == nil && byGo)
	escaped(r, x.Y, v, err == nil && byGo)
	if err != nil || !byGo {
		in.markTemp(nil, x)
		return v, err
	}
	in.markTemp(in.settleTemps(v, []operand{l, r}), x)
	return v, nil
}

// evalOperand evaluates an operand of an operator computed by Go code; an
// identifier is borrowed (see borrowIdent), and owner is where it was.
func (in *Interp) evalOperand(e syntax.Expr, env *Env) (v Value, owner *Env, err error) {
	if id, ok := e.(*syntax.Ident); ok {
		return in.borrowIdent(id, env)
	}
	v, err = in.Eval(e, env)
	return v, nil, err
}

// escaped ends the borrow of an operand, the identifier e: its binding
// loses its mark unless Go code consumed the operand and the result r does
// not share its memory.
func escaped(o operand, e syntax.Expr, r Value, byGo bool) {
	if o.owner == nil {
		return
	}
	if rt, ok := r.(Temporary); byGo && (!ok || !rt.SharesMemory(o.v)) {
		return
	}
	o.owner.disown(e.(*syntax.Ident).Name)
}

// isLiteral reports whether evaluating e runs no code.
func isLiteral(e syntax.Expr) bool {
	switch e.(type) {
	case *syntax.Num, *syntax.Int, *syntax.Str, *syntax.Const:
		return true
	}
	return false
}

// markTemp records the temporary (or none) that evaluating e produced.
// Scalar arithmetic, where there is none, stores nothing.
func (in *Interp) markTemp(fresh Temporary, e syntax.Expr) {
	if fresh != nil {
		in.freshTemp, in.freshExpr = fresh, e
	} else if in.freshTemp != nil {
		in.freshTemp, in.freshExpr = nil, nil
	}
}

// takeTemp returns v when it is the temporary that evaluating the operator
// expression e just produced (see Temporary), and forgets the mark.
func (in *Interp) takeTemp(e syntax.Expr, v Value) Temporary {
	t, te := in.freshTemp, in.freshExpr
	if t == nil {
		return nil
	}
	in.freshTemp, in.freshExpr = nil, nil
	for {
		p, ok := e.(*syntax.Paren)
		if !ok {
			break
		}
		e = p.X
	}
	if e != te {
		return nil
	}
	if vt, ok := v.(Temporary); ok && vt == t {
		return t
	}
	return nil
}

// settleTemps runs after Go code computed v from the operands: a
// temporary operand is released once v is known to be a value sharing none
// of its memory, and v is returned when it is a temporary sharing no
// operand's memory.
func (in *Interp) settleTemps(v Value, ops []operand) Temporary {
	vt, _ := v.(Temporary)
	fresh := vt
	for i, o := range ops {
		shares := vt != nil && vt.SharesMemory(o.v)
		if shares {
			fresh = nil
		}
		if o.temp != nil && vt != nil && !shares && !slices.ContainsFunc(ops[:i], func(p operand) bool { return p.temp == o.temp }) {
			o.temp.ReleaseTemp(in)
		}
	}
	return fresh
}

// arithFast computes scalar arithmetic/comparison on plain double/integer
// scalars; nil means "take the general path".
func arithFast(op syntax.Token, a, b Value) Value {
	switch x := a.(type) {
	case *Double:
		if len(x.V) != 1 || x.attrs != nil {
			return nil
		}
		switch y := b.(type) {
		case *Double:
			if len(y.V) != 1 || y.attrs != nil {
				return nil
			}
			return arithDD(op, x.V[0], y.V[0])
		case *Integer:
			if len(y.V) != 1 || y.attrs != nil || y.V[0] == NAInt {
				return nil
			}
			return arithDD(op, x.V[0], float64(y.V[0]))
		}
	case *Integer:
		if len(x.V) != 1 || x.attrs != nil || x.V[0] == NAInt {
			return nil
		}
		switch y := b.(type) {
		case *Double:
			if len(y.V) != 1 || y.attrs != nil {
				return nil
			}
			return arithDD(op, float64(x.V[0]), y.V[0])
		case *Integer:
			if len(y.V) != 1 || y.attrs != nil || y.V[0] == NAInt {
				return nil
			}
			return arithII(op, x.V[0], y.V[0])
		}
	}
	return nil
}

// smallDoubles are shared, never-modified boxes for the integral doubles
// -1..1023 that scalar arithmetic produces (loop counters, n - 1): they
// save an allocation per operation. Named is 2, so any modification
// copies first.
var smallDoubles = func() []*Double {
	r := make([]*Double, 1025)
	for i := range r {
		r[i] = NewDouble1(float64(i - 1))
		r[i].named = 2
	}
	return r
}()

func double1(x float64) *Double {
	if x >= -1 && x <= 1023 {
		if i := int(x); float64(i) == x && (i != 0 || !math.Signbit(x)) {
			return smallDoubles[i+1]
		}
	}
	return NewDouble1(x)
}

func arithDD(op syntax.Token, a, b float64) Value {
	switch op {
	case syntax.PLUS:
		return double1(a + b)
	case syntax.MINUS:
		return double1(a - b)
	case syntax.STAR:
		return double1(a * b)
	case syntax.SLASH:
		return NewDouble1(a / b)
	case syntax.CARET:
		if b == 2 {
			return NewDouble1(a * a)
		}
		return nil
	}
	if a != a || b != b {
		switch op {
		case syntax.LT, syntax.GT, syntax.LE, syntax.GE, syntax.EQ, syntax.NE:
			return NALgl
		}
		return nil
	}
	switch op {
	case syntax.LT:
		return Bool(a < b)
	case syntax.GT:
		return Bool(a > b)
	case syntax.LE:
		return Bool(a <= b)
	case syntax.GE:
		return Bool(a >= b)
	case syntax.EQ:
		return Bool(a == b)
	case syntax.NE:
		return Bool(a != b)
	}
	return nil
}

func arithII(op syntax.Token, a, b int32) Value {
	switch op {
	case syntax.PLUS:
		r := int64(a) + int64(b)
		if r > math.MaxInt32 || r <= math.MinInt32 {
			return nil
		}
		return NewInt1(int32(r))
	case syntax.MINUS:
		r := int64(a) - int64(b)
		if r > math.MaxInt32 || r <= math.MinInt32 {
			return nil
		}
		return NewInt1(int32(r))
	case syntax.STAR:
		r := int64(a) * int64(b)
		if r > math.MaxInt32 || r <= math.MinInt32 {
			return nil
		}
		return NewInt1(int32(r))
	case syntax.SLASH:
		return NewDouble1(float64(a) / float64(b))
	case syntax.LT:
		return Bool(a < b)
	case syntax.GT:
		return Bool(a > b)
	case syntax.LE:
		return Bool(a <= b)
	case syntax.GE:
		return Bool(a >= b)
	case syntax.EQ:
		return Bool(a == b)
	case syntax.NE:
		return Bool(a != b)
	}
	return nil
}

func (in *Interp) evalAndOr(x *syntax.Binary, env *Env) (Value, error) {
	and := x.Op == syntax.ANDAND
	a, err := in.Eval(x.X, env)
	if err != nil {
		return nil, err
	}
	av, err := in.logical1(a, x, "x")
	if err != nil {
		return nil, err
	}
	in.visible = true
	if and && av == 0 {
		return False, nil
	}
	if !and && av == 1 {
		return True, nil
	}
	b, err := in.Eval(x.Y, env)
	if err != nil {
		return nil, err
	}
	bv, err := in.logical1(b, x, "y")
	if err != nil {
		return nil, err
	}
	in.visible = true
	if and {
		if bv == 0 {
			return False, nil
		}
		if av == NALogical || bv == NALogical {
			return NALgl, nil
		}
		return True, nil
	}
	if bv == 1 {
		return True, nil
	}
	if av == NALogical || bv == NALogical {
		return NALgl, nil
	}
	return False, nil
}

func (in *Interp) logical1(v Value, x *syntax.Binary, which string) (int32, error) {
	opname := x.OpText
	n := 0
	switch t := v.(type) {
	case *Logical:
		n = len(t.V)
		if n >= 1 {
			if n > 1 {
				if err := in.Warning(x, fmt.Sprintf("'length(x) = %d > 1' in coercion to 'logical(1)'", n)); err != nil {
					return 0, err
				}
			}
			return t.V[0], nil
		}
	case *Integer:
		n = len(t.V)
		if n >= 1 {
			if n > 1 {
				if err := in.Warning(x, fmt.Sprintf("'length(x) = %d > 1' in coercion to 'logical(1)'", n)); err != nil {
					return 0, err
				}
			}
			if t.V[0] == NAInt {
				return NALogical, nil
			}
			return b2i(t.V[0] != 0), nil
		}
	case *Double:
		n = len(t.V)
		if n >= 1 {
			if n > 1 {
				if err := in.Warning(x, fmt.Sprintf("'length(x) = %d > 1' in coercion to 'logical(1)'", n)); err != nil {
					return 0, err
				}
			}
			if t.V[0] != t.V[0] {
				return NALogical, nil
			}
			return b2i(t.V[0] != 0), nil
		}
	case ToR:
		r, err := t.AsR(in)
		if err != nil {
			return 0, in.raise(err, x)
		}
		return in.logical1(r, x, which)
	default:
		return 0, in.raise(&Error{Msg: fmt.Sprintf("invalid '%s' type in 'x %s y'", which, opname)}, x)
	}
	return NALogical, nil
}

func b2i(b bool) int32 {
	if b {
		return 1
	}
	return 0
}

func (in *Interp) evalUnary(x *syntax.Unary, env *Env) (Value, error) {
	name := x.Op.String()
	switch x.Op {
	case syntax.TILDE:
		in.visible = true
		l := &Lang{X: x}
		l.SetAttr("class", NewStr1("formula"))
		return l, nil
	case syntax.QUESTION:
		// ?topic calls the help system's `?` when one is registered
		if LookupBuiltin("?") != nil || in.userOp(name, env) {
			v, err := in.callByName(name, x, []syntax.Arg{{Value: x.X}}, env)
			in.markTemp(nil, x)
			return v, err
		}
		in.visible = false
		return Null, nil
	}
	if in.userOp(name, env) {
		v, err := in.callByName(name, x, []syntax.Arg{{Value: x.X}}, env)
		in.markTemp(nil, x)
		return v, err
	}
	var v Value
	var owner *Env
	var err error
	if in.owning {
		v, owner, err = in.evalOperand(x.X, env)
	} else {
		v, err = in.Eval(x.X, env)
	}
	if err != nil {
		return nil, err
	}
	in.visible = true
	switch t := v.(type) {
	case *Double:
		if len(t.V) == 1 && t.attrs == nil {
			switch x.Op {
			case syntax.MINUS:
				return NewDouble1(-t.V[0]), nil
			case syntax.PLUS:
				return t, nil
			}
		}
	case *Integer:
		if len(t.V) == 1 && t.attrs == nil && t.V[0] != NAInt && x.Op == syntax.MINUS {
			return NewInt1(-t.V[0]), nil
		}
	case *Logical:
		if len(t.V) == 1 && t.attrs == nil && x.Op == syntax.NOT {
			if t.V[0] == NALogical {
				return NALgl, nil
			}
			return Bool(t.V[0] == 0), nil
		}
	}
	vt := in.takeTemp(x.X, v)
	r, byGo, err := in.callOpCap(name, x, []Arg{{Value: v, Expr: x.X}}, env)
	escaped(operand{v: v, owner: owner}, x.X, r, err == nil && byGo)
	if err != nil || !byGo {
		in.markTemp(nil, x)
		return r, err
	}
	in.markTemp(in.settleTemps(r, []operand{{v: v, temp: vt}}), x)
	return r, nil
}

// callOp calls the operator builtin name with evaluated args, after
// capability (HasBinary/HasUnary/HasIndex/HasDollar) and S3 (Ops group or
// name.class) dispatch.
func (in *Interp) callOp(name string, call syntax.Expr, args []Arg, env *Env) (Value, error) {
	v, _, err := in.callOpCap(name, call, args, env)
	return v, err
}

// callOpCap is callOp that also reports whether a capability method
// (HasBinary/HasUnary, Go code) computed the value: then no R code saw the
// arguments.
func (in *Interp) callOpCap(name string, call syntax.Expr, args []Arg, env *Env) (Value, bool, error) {
	b := LookupBuiltin(name)
	if b == nil || !b.NoDispatch {
		if v, ok, err := in.dispatchCap(name, call, args); ok {
			return v, err == nil, err
		}
		if v, ok, err := in.dispatchOp(name, call, args, env); ok {
			return v, false, err
		}
	}
	if b == nil {
		fn, _ := in.lookupFunction(name, env)
		if fn == nil {
			return nil, false, in.raise(&Error{Msg: fmt.Sprintf("could not find function \"%s\"", name)}, call)
		}
		v, err := in.Apply(fn, args, call, env)
		return v, false, err
	}
	v, err := in.callBuiltin(b, call, args, env)
	return v, false, err
}

var opsGroup = map[string]bool{
	"+": true, "-": true, "*": true, "/": true, "^": true, "%%": true, "%/%": true,
	"==": true, "!=": true, "<": true, ">": true, "<=": true, ">=": true, "&": true, "|": true, "!": true,
}

// dispatchCap offers an operator to the operands' HasUnary/HasBinary
// methods.
func (in *Interp) dispatchCap(name string, call syntax.Expr, args []Arg) (Value, bool, error) {
	if len(args) == 0 {
		return nil, false, nil
	}
	a := args[0].Value
	switch len(args) {
	case 1:
		if u, ok := a.(HasUnary); ok && opsGroup[name] {
			v, err := u.Unary(in, name)
			if err != nil {
				return nil, true, in.raise(err, call)
			}
			if v != nil {
				in.visible = true
				return v, true, nil
			}
		}
	case 2:
		if opsGroup[name] || name == "%*%" || name == ":" {
			bv := args[1].Value
			if h, ok := a.(HasBinary); ok {
				v, err := h.Binary(in, name, bv, Left)
				if err != nil {
					return nil, true, in.raise(err, call)
				}
				if v != nil {
					in.visible = true
					return v, true, nil
				}
			}
			if h, ok := bv.(HasBinary); ok {
				v, err := h.Binary(in, name, a, Right)
				if err != nil {
					return nil, true, in.raise(err, call)
				}
				if v != nil {
					in.visible = true
					return v, true, nil
				}
			}
		}
	}
	return nil, false, nil
}

// dispatchOp dispatches an operator on S3 classes (name.class, Ops.class)
// or internal generics, after dispatchCap declined.
func (in *Interp) dispatchOp(name string, call syntax.Expr, args []Arg, env *Env) (Value, bool, error) {
	if len(args) == 0 {
		return nil, false, nil
	}
	a := args[0].Value
	if opsGroup[name] {
		for _, av := range args {
			cls := ClassAttr(av.Value)
			if cls == nil {
				continue
			}
			for i, c := range cls {
				m, _ := in.lookupFunction(name+"."+c, env)
				group := ""
				mname := name + "." + c
				if m == nil {
					m, _ = in.lookupFunction("Ops."+c, env)
					group = "Ops"
					mname = "Ops." + c
				}
				if m != nil {
					d := &dispatchInfo{generic: name, group: group, classes: cls[i+1:], object: av.Value, defEnv: env, callEnv: env}
					v, err := in.applyMethod(m, methodCall(call, mname), args, env, d)
					return v, true, err
				}
			}
		}
		return nil, false, nil
	}
	if IsObject(a) {
		return in.tryDispatch(name, call, args, env)
	}
	return nil, false, nil
}

func (in *Interp) evalIndex(x *syntax.Index, env *Env) (Value, error) {
	name := "["
	if x.Double {
		name = "[["
	}
	if in.userOp(name, env) {
		sargs := append([]syntax.Arg{{Value: x.X}}, x.Args...)
		return in.callByName(name, x, sargs, env)
	}
	obj, err := in.Eval(x.X, env)
	if err != nil {
		return nil, err
	}
	// Fast path: plain vector, one scalar numeric index.
	if len(x.Args) == 1 && x.Args[0].Value != nil && !x.Args[0].HasName {
		if _, ok := x.Args[0].Value.(*syntax.Ident); !ok || x.Args[0].Value.(*syntax.Ident).Name != "..." {
			iv, err := in.Eval(x.Args[0].Value, env)
			if err != nil {
				return nil, err
			}
			if v := indexFast(obj, iv); v != nil {
				in.visible = true
				return v, nil
			}
			return in.indexGeneral(name, x, obj, []Arg{{Value: obj, Expr: x.X}, {Value: iv, Expr: x.Args[0].Value}}, env, x.Double)
		}
	}
	args, err := in.evalArgs(x.Args, env)
	if err != nil {
		return nil, err
	}
	all := make([]Arg, 0, len(args)+1)
	all = append(all, Arg{Value: obj, Expr: x.X})
	all = append(all, args...)
	return in.indexGeneral(name, x, obj, all, env, x.Double)
}

func (in *Interp) indexGeneral(name string, call syntax.Expr, obj Value, all []Arg, env *Env, double bool) (Value, error) {
	if e, ok := obj.(*Env); ok && double && len(all) == 2 && !in.userOps {
		if s, ok := all[1].Value.(*Character); ok && len(s.V) == 1 {
			if IsObject(e) {
				if v, ok, err := in.tryDispatch("[[", call, all, env); ok {
					return v, err
				}
			}
			in.visible = true
			v, ok := e.GetLocal(s.V[0])
			if !ok {
				return Null, nil
			}
			return in.forceArg(v)
		}
	}
	if l, ok := obj.(*Lang); ok && !in.userOps {
		if l.TypeName() == "symbol" {
			return nil, in.raise(&Error{Msg: "object of type 'symbol' is not subsettable"}, call)
		}
		v, err := in.langIndex(l, all[1:], double)
		if err != nil {
			return nil, in.raise(err, call)
		}
		in.visible = true
		return v, nil
	}
	if h, ok := obj.(HasIndex); ok {
		ia := splitIndexArgs(all[1:], double, env)
		v, err := h.Index(in, ia)
		if err != nil {
			return nil, in.raise(err, call)
		}
		if v != nil {
			in.visible = true
			return v, nil
		}
	}
	return in.callOp(name, call, all, env)
}

func splitIndexArgs(args []Arg, double bool, env *Env) *IndexArgs {
	ia := &IndexArgs{Double: double, Env: env}
	for _, a := range args {
		switch a.Name {
		case "drop":
			ia.Drop = a.Value
			continue
		case "exact":
			ia.Exact = a.Value
			continue
		}
		ia.Args = append(ia.Args, a)
	}
	return ia
}

// indexFast handles x[i] and x[[i]] for a plain vector and an in-range
// positive scalar index.
func indexFast(obj, iv Value) Value {
	var i int
	switch t := iv.(type) {
	case *Double:
		if len(t.V) != 1 || t.attrs != nil || !(t.V[0] >= 1) || t.V[0] > 1<<31 {
			return nil
		}
		i = int(t.V[0]) - 1
	case *Integer:
		if len(t.V) != 1 || t.attrs != nil || t.V[0] < 1 {
			return nil
		}
		i = int(t.V[0]) - 1
	default:
		return nil
	}
	switch x := obj.(type) {
	case *Double:
		if x.attrs == nil && i < len(x.V) {
			return NewDouble1(x.V[i])
		}
	case *Integer:
		if x.attrs == nil && i < len(x.V) {
			return NewInt1(x.V[i])
		}
	case *Logical:
		if x.attrs == nil && i < len(x.V) {
			return NewLgl1(x.V[i])
		}
	case *Character:
		if x.attrs == nil && i < len(x.V) {
			return NewStr1(x.V[i])
		}
	}
	return nil
}

func (in *Interp) evalDollar(x *syntax.Dollar, env *Env) (Value, error) {
	name := "$"
	if x.At {
		name = "@"
	}
	if in.userOp(name, env) {
		return in.callByName(name, x, []syntax.Arg{{Value: x.X}, {Value: &syntax.Str{Value: x.Name}}}, env)
	}
	obj, err := in.Eval(x.X, env)
	if err != nil {
		return nil, err
	}
	in.visible = true
	if h, ok := obj.(HasDollar); ok && !x.At {
		v, err := h.Dollar(in, x.Name)
		if err != nil {
			return nil, in.raise(err, x)
		}
		if v != nil {
			return v, nil
		}
	}
	if e, ok := obj.(*Env); ok && !x.At {
		if IsObject(e) {
			args := []Arg{{Value: obj, Expr: x.X}, {Value: NewStr1(x.Name), Expr: &syntax.Str{Value: x.Name}}}
			if v, ok, err := in.tryDispatch("$", x, args, env); ok {
				return v, err
			}
		}
		v, ok := e.GetLocal(x.Name)
		if !ok {
			return Null, nil
		}
		return in.forceArg(v)
	}
	return in.callOp(name, x, []Arg{{Value: obj, Expr: x.X}, {Value: NewStr1(x.Name), Expr: &syntax.Str{Value: x.Name}}}, env)
}

// CheckSharedConstants reports whether the process-wide shared constant
// values (True, False, NA, the small integral doubles) are intact. A
// builtin that modifies its argument without Modifiable would corrupt
// them; tests call this after running R code.
func CheckSharedConstants() error {
	for i, d := range smallDoubles {
		if len(d.V) != 1 || d.V[0] != float64(i-1) || d.named != 2 || d.attrs != nil {
			return fmt.Errorf("shared double %d modified: %v", i-1, d.V)
		}
	}
	for _, c := range []struct {
		l *Logical
		v int32
	}{{True, 1}, {False, 0}, {NALgl, NALogical}} {
		if len(c.l.V) != 1 || c.l.V[0] != c.v || c.l.named != 2 || c.l.attrs != nil {
			return fmt.Errorf("shared logical constant modified: %v", c.l.V)
		}
	}
	return nil
}
