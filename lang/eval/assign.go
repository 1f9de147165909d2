package eval

import (
	"fmt"

	"torchr/lang/syntax"
)

func (in *Interp) evalAssign(x *syntax.Assign, env *Env) (Value, error) {
	discard := in.discard
	in.discard = false
	super := x.Op == syntax.SUPERLARROW
	var name string
	switch l := x.Lhs.(type) {
	case *syntax.Ident:
		name = l.Name
	case *syntax.Str:
		name = l.Value
	default:
		if ix, ok := x.Lhs.(*syntax.Index); ok && !super && !in.userOps {
			if _, isBin := x.Rhs.(*syntax.Binary); isBin {
				if f, isInt, ok := in.peekScalar(x.Rhs, env); ok && in.assignIndexNum(ix, env, f, isInt) {
					in.visible = false
					if discard {
						return Null, nil
					}
					if isInt {
						return NewInt1(int32(f)), nil
					}
					return double1(f), nil
				}
			}
		}
		v, err := in.Eval(x.Rhs, env)
		if err != nil {
			return nil, err
		}
		if ix, ok := x.Lhs.(*syntax.Index); ok && !super && !in.userOps && in.assignIndexFast(ix, env, v) {
			in.visible = false
			return v, nil
		}
		if err := in.assignComplex(x, x.Lhs, v, env, super); err != nil {
			return nil, err
		}
		in.visible = false
		return v, nil
	}
	if !super {
		if v, ok, err := in.assignInPlace(name, x.Rhs, env); ok || err != nil {
			in.visible = false
			return v, err
		}
	}
	v, err := in.Eval(x.Rhs, env)
	if err != nil {
		return nil, err
	}
	if super {
		in.superAssign(name, v, env)
	} else {
		// y <- x * 2 + 1 in a loop: the binding is the only holder of
		// the temporary, so when it is assigned again (and was not read
		// in between) the old value can go at once
		fresh := in.takeTemp(x.Rhs, v)
		if old := env.assignOwned(name, v, fresh != nil && discard); old != nil && old != fresh && !old.SharesMemory(v) {
			old.ReleaseTemp(in)
		}
	}
	in.visible = false
	return v, nil
}

// assignInPlace handles s <- s op y for a plain scalar s referenced only by
// its binding, updating it without allocating.
func (in *Interp) assignInPlace(name string, rhs syntax.Expr, env *Env) (Value, bool, error) {
	b, ok := rhs.(*syntax.Binary)
	if !ok || in.userOps {
		return nil, false, nil
	}
	switch b.Op {
	case syntax.PLUS, syntax.MINUS, syntax.STAR, syntax.SLASH:
	default:
		return nil, false, nil
	}
	id, ok := b.X.(*syntax.Ident)
	if !ok || !sameString(id.Name, name) {
		return nil, false, nil
	}
	cur, ok := env.GetLocal(name)
	if !ok {
		return nil, false, nil
	}
	d, ok := cur.(*Double)
	if !ok || len(d.V) != 1 || d.attrs != nil || d.named != 1 {
		return nil, false, nil
	}
	a := d.V[0]
	gen := env.gen
	var y float64
	peeked := false
	if yb, ok := b.Y.(*syntax.Binary); ok {
		if f, _, ok := in.peekScalar(yb, env); ok {
			y, peeked = f, true
		}
	}
	switch yx := b.Y.(type) {
	case *syntax.Num:
		y = yx.Value
	default:
		if peeked {
			break
		}
		var yv Value
		var err error
		if id, ok := yx.(*syntax.Ident); ok {
			if lv, ok := env.GetLocal(id.Name); ok {
				switch lv.(type) {
				case *Double, *Integer:
					yv = lv
				}
			}
		}
		if yv == nil {
			yv, err = in.Eval(b.Y, env)
		}
		if err != nil {
			return nil, true, err
		}
		switch t := yv.(type) {
		case *Double:
			if len(t.V) != 1 || t.attrs != nil {
				return in.finishAssign(name, b, d, yv, env)
			}
			y = t.V[0]
		case *Integer:
			if len(t.V) != 1 || t.attrs != nil || t.V[0] == NAInt {
				return in.finishAssign(name, b, d, yv, env)
			}
			y = float64(t.V[0])
		default:
			return in.finishAssign(name, b, d, yv, env)
		}
		// The binding may have changed while evaluating y.
		if env.gen != gen || d.named != 1 {
			return in.finishAssign(name, b, NewDouble1(a), yv, env)
		}
	}
	var r float64
	switch b.Op {
	case syntax.PLUS:
		r = a + y
	case syntax.MINUS:
		r = a - y
	case syntax.STAR:
		r = a * y
	case syntax.SLASH:
		r = a / y
	}
	d.V[0] = r
	return d, true, nil
}

func (in *Interp) finishAssign(name string, b *syntax.Binary, lhs *Double, rhs Value, env *Env) (Value, bool, error) {
	v := arithFast(b.Op, lhs, rhs)
	if v == nil {
		var err error
		v, err = in.callOp(b.OpText, b, []Arg{{Value: lhs, Expr: b.X}, {Value: rhs, Expr: b.Y}}, env)
		if err != nil {
			return nil, true, err
		}
	}
	env.Assign(name, v)
	return v, true, nil
}

func (in *Interp) superAssign(name string, v Value, env *Env) {
	for e := env.Parent; e != nil; e = e.Parent {
		if e.base {
			break
		}
		if _, ok := e.GetLocal(name); ok {
			e.Assign(name, v)
			return
		}
	}
	in.Global.Assign(name, v)
}

// lvalue level: one step of a complex assignment target.
type lvLevel struct {
	expr  syntax.Expr // the target at this level (Index, Dollar or Call)
	obj   Value       // current value of the inner target
	owned bool
	args  []Arg // evaluated extra arguments (indices, names)
}

// assignComplex performs target <- value for targets like x[i], x$a$b,
// names(x)[2], attr(x, "a").
func (in *Interp) assignComplex(whole *syntax.Assign, target syntax.Expr, value Value, env *Env, super bool) error {
	// Collect the chain from the outermost target down to the root symbol.
	var chain []syntax.Expr
	t := target
	var root string
	for {
		switch x := t.(type) {
		case *syntax.Ident:
			root = x.Name
		case *syntax.Str:
			root = x.Value
		case *syntax.Index:
			chain = append(chain, x)
			t = x.X
			continue
		case *syntax.Dollar:
			chain = append(chain, x)
			t = x.X
			continue
		case *syntax.Call:
			if len(x.Args) == 0 || x.Args[0].Value == nil {
				return in.raise(&Error{Msg: "invalid assignment target"}, whole)
			}
			if _, ok := x.Fn.(*syntax.Ident); !ok {
				if _, ok := x.Fn.(*syntax.Str); !ok {
					return in.raise(&Error{Msg: "invalid function in complex assignment"}, whole)
				}
			}
			chain = append(chain, x)
			t = x.Args[0].Value
			continue
		case *syntax.Paren:
			t = x.X
			continue
		default:
			return in.raise(&Error{Msg: "invalid assignment target"}, whole)
		}
		break
	}
	// Root value.
	var rootVal Value
	owned := false
	var targetEnv *Env
	if super {
		for e := env.Parent; e != nil; e = e.Parent {
			if v, ok := e.GetLocal(root); ok {
				rootVal = v
				targetEnv = e
				break
			}
		}
		if rootVal == nil {
			return in.raise(&Error{Msg: fmt.Sprintf("object '%s' not found", root)}, whole)
		}
		if targetEnv.base {
			targetEnv = in.Global
		}
	} else {
		targetEnv = env
		if v, ok := env.GetLocal(root); ok {
			rootVal = v
			if _, isP := v.(*Promise); !isP {
				if a, ok := v.(Attributed); ok && a.Hdr().named <= 1 {
					owned = true
				}
			}
		} else if v, ok := env.Lookup(root); ok {
			rootVal = v
		} else {
			return in.raise(&Error{Msg: fmt.Sprintf("object '%s' not found", root)}, whole)
		}
	}
	if p, ok := rootVal.(*Promise); ok {
		v, err := in.Force(p)
		if err != nil {
			return err
		}
		rootVal = v
	}
	if rootVal == MissingArg {
		return in.raise(&Error{Msg: fmt.Sprintf("argument \"%s\" is missing, with no default", root)}, whole)
	}
	// Evaluate extra arguments and getters from the root outwards.
	levels := make([]lvLevel, len(chain))
	cur := rootVal
	for k := len(chain) - 1; k >= 0; k-- {
		lv := &levels[k]
		lv.expr = chain[k]
		lv.obj = cur
		lv.owned = owned
		args, err := in.lvalueArgs(chain[k], env)
		if err != nil {
			return err
		}
		lv.args = args
		if k > 0 {
			inner, err := in.getterValue(chain[k], cur, args, env)
			if err != nil {
				return err
			}
			if owned {
				if a, ok := inner.(Attributed); !ok || a.Hdr().named > 1 {
					owned = false
				}
			}
			cur = inner
		}
	}
	// Apply setters from the outermost level inwards.
	v := value
	for k := 0; k < len(chain); k++ {
		lv := &levels[k]
		var saved uint8
		var hdr *Header
		if lv.owned {
			if a, ok := lv.obj.(Attributed); ok {
				hdr = a.Hdr()
				saved = hdr.named
				hdr.named = 0
			}
		}
		nv, err := in.setterValue(whole, lv.expr, lv.obj, lv.args, v, env)
		if err != nil {
			if hdr != nil {
				hdr.named = saved
			}
			return err
		}
		v = nv
	}
	if targetEnv == env || !super {
		env.Assign(root, v)
	} else {
		targetEnv.Assign(root, v)
	}
	return nil
}

// lvalueArgs evaluates the extra arguments of one target level.
func (in *Interp) lvalueArgs(t syntax.Expr, env *Env) ([]Arg, error) {
	switch x := t.(type) {
	case *syntax.Index:
		return in.evalArgs(x.Args, env)
	case *syntax.Dollar:
		return []Arg{{Value: NewStr1(x.Name), Expr: &syntax.Str{Value: x.Name}}}, nil
	case *syntax.Call:
		return in.evalArgs(x.Args[1:], env)
	}
	return nil, nil
}

func (in *Interp) getterValue(t syntax.Expr, obj Value, args []Arg, env *Env) (Value, error) {
	all := make([]Arg, 0, len(args)+1)
	all = append(all, Arg{Value: obj, Expr: &syntax.Ident{Name: "*tmp*"}})
	all = append(all, args...)
	switch x := t.(type) {
	case *syntax.Index:
		name := "["
		if x.Double {
			name = "[["
		}
		if len(args) == 1 {
			if v := indexFast(obj, args[0].Value); v != nil {
				return v, nil
			}
		}
		return in.indexGeneral(name, x, obj, all, env, x.Double)
	case *syntax.Dollar:
		if h, ok := obj.(HasDollar); ok {
			v, err := h.Dollar(in, x.Name)
			if err != nil {
				return nil, in.raise(err, x)
			}
			if v != nil {
				return v, nil
			}
		}
		if e, ok := obj.(*Env); ok {
			if IsObject(e) {
				if v, ok, err := in.tryDispatch("$", x, all, env); ok {
					return v, err
				}
			}
			v, ok := e.GetLocal(x.Name)
			if !ok {
				return Null, nil
			}
			return in.forceArg(v)
		}
		return in.callOp("$", x, all, env)
	case *syntax.Call:
		fname := callName(x)
		fn, err := in.lookupFunction(fname, env)
		if err != nil {
			return nil, err
		}
		if fn == nil {
			return nil, in.raise(&Error{Msg: fmt.Sprintf("could not find function \"%s\"", fname)}, x)
		}
		return in.Apply(fn, all, x, env)
	}
	return nil, in.raise(&Error{Msg: "invalid assignment target"}, t)
}

func callName(x *syntax.Call) string {
	switch f := x.Fn.(type) {
	case *syntax.Ident:
		return f.Name
	case *syntax.Str:
		return f.Value
	}
	return ""
}

func (in *Interp) setterValue(whole *syntax.Assign, t syntax.Expr, obj Value, args []Arg, value Value, env *Env) (Value, error) {
	all := make([]Arg, 0, len(args)+2)
	all = append(all, Arg{Value: obj, Expr: &syntax.Ident{Name: "*tmp*"}})
	all = append(all, args...)
	all = append(all, Arg{Name: "value", Value: value, Expr: valueExpr(value)})
	switch x := t.(type) {
	case *syntax.Index:
		name := "[<-"
		if x.Double {
			name = "[[<-"
		}
		if len(args) == 1 && args[0].Name == "" {
			if v := setIndexFast(obj, args[0].Value, value); v != nil {
				return v, nil
			}
		}
		if e, ok := obj.(*Env); ok && x.Double && len(args) == 1 {
			if s, ok := args[0].Value.(*Character); ok && len(s.V) == 1 {
				if IsObject(e) {
					if v, ok, err := in.tryDispatch("[[<-", whole, all, env); ok {
						return v, err
					}
				}
				e.Assign(s.V[0], value)
				return e, nil
			}
		}
		if l, ok := obj.(*Lang); ok {
			v, err := in.langSetIndex(l, args, value)
			if err != nil {
				return nil, in.raise(err, whole)
			}
			return v, nil
		}
		if h, ok := obj.(HasSetIndex); ok {
			v, err := h.SetIndex(in, splitIndexArgs(args, x.Double, env), value)
			if err != nil {
				return nil, in.raise(err, whole)
			}
			if v != nil {
				return v, nil
			}
		}
		if in.userOp(name, env) {
			fn, _ := in.lookupFunction(name, env)
			return in.Apply(fn, all, whole, env)
		}
		return in.callOp(name, whole, all, env)
	case *syntax.Dollar:
		if h, ok := obj.(HasSetDollar); ok {
			v, err := h.SetDollar(in, x.Name, value)
			if err != nil {
				return nil, in.raise(err, whole)
			}
			if v != nil {
				return v, nil
			}
		}
		if e, ok := obj.(*Env); ok {
			if IsObject(e) {
				if v, ok, err := in.tryDispatch("$<-", whole, all, env); ok {
					return v, err
				}
			}
			e.Assign(x.Name, value)
			return e, nil
		}
		if in.userOp("$<-", env) {
			fn, _ := in.lookupFunction("$<-", env)
			return in.Apply(fn, all, whole, env)
		}
		return in.callOp("$<-", whole, all, env)
	case *syntax.Call:
		fname := callName(x) + "<-"
		fn, err := in.lookupFunction(fname, env)
		if err != nil {
			return nil, err
		}
		if fn == nil {
			return nil, in.raise(&Error{Msg: fmt.Sprintf("could not find function \"%s\"", fname)}, whole)
		}
		if b, ok := fn.(*Builtin); ok && !b.Special {
			if b.Generic {
				if v, ok, err := in.tryDispatch(fname, whole, all, env); ok {
					return v, err
				}
			}
			return in.callBuiltin(b, whole, all, env)
		}
		return in.Apply(fn, all, whole, env)
	}
	return nil, in.raise(&Error{Msg: "invalid assignment target"}, whole)
}

// setIndexFast does x[i] <- v in place for a plain owned vector, an
// in-range positive scalar index and a scalar value of the same type (or
// integer/logical into double).
func setIndexFast(obj, iv, value Value) Value {
	if a, ok := obj.(Attributed); !ok || a.Hdr().named != 0 || a.Hdr().Attr("class") != nil {
		return nil
	}
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
		if i >= len(x.V) {
			return nil
		}
		switch v := value.(type) {
		case *Double:
			if len(v.V) == 1 && v.attrs == nil {
				x.V[i] = v.V[0]
				return x
			}
		case *Integer:
			if len(v.V) == 1 && v.attrs == nil && v.V[0] != NAInt {
				x.V[i] = float64(v.V[0])
				return x
			}
		}
	case *Integer:
		if i >= len(x.V) {
			return nil
		}
		if v, ok := value.(*Integer); ok && len(v.V) == 1 && v.attrs == nil {
			x.V[i] = v.V[0]
			return x
		}
	case *Logical:
		if i >= len(x.V) {
			return nil
		}
		if v, ok := value.(*Logical); ok && len(v.V) == 1 && v.attrs == nil {
			x.V[i] = v.V[0]
			return x
		}
	case *Character:
		if i >= len(x.V) {
			return nil
		}
		if v, ok := value.(*Character); ok && len(v.V) == 1 && v.attrs == nil {
			x.V[i] = v.V[0]
			return x
		}
	}
	return nil
}
