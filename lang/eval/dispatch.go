package eval

import (
	"fmt"
	"strings"

	"torchr/lang/syntax"
)

// dispatchInfo records an S3 dispatch for NextMethod.
type dispatchInfo struct {
	generic string
	group   string
	classes []string // classes after the one dispatched on
	object  Value
	defEnv  *Env
	callEnv *Env
}

func (d *dispatchInfo) define(env *Env) {
	g := NewStr1(d.generic)
	MarkShared(g)
	env.Set(".Generic", g)
}

// ImplicitClass returns class(x): the class attribute, or R's implicit
// class (c("matrix", "array"), "numeric", "function", ...).
func ImplicitClass(v Value) []string {
	if c := ClassAttr(v); c != nil {
		return c
	}
	var r []string
	if d := Dim(v); d != nil {
		if len(d) == 2 {
			return []string{"matrix", "array"}
		}
		return []string{"array"}
	}
	switch v.(type) {
	case *Double:
		r = append(r, "numeric")
	case *Integer:
		r = append(r, "integer")
	case *Closure, *Builtin, Callable:
		r = append(r, "function")
	case *Lang:
		switch x := v.(*Lang).X.(type) {
		case *syntax.Ident:
			r = append(r, "name")
		case *syntax.If:
			r = append(r, "if")
		case *syntax.For:
			r = append(r, "for")
		case *syntax.While:
			r = append(r, "while")
		case *syntax.Assign:
			r = append(r, "<-")
		case *syntax.Block:
			r = append(r, "{")
		case *syntax.Paren:
			r = append(r, "(")
		default:
			_ = x
			r = append(r, "call")
		}
	default:
		r = append(r, v.TypeName())
	}
	return r
}

// dispatchClasses is the class vector UseMethod dispatches on (implicit
// class with "double"/"integer" before "numeric", "function").
func dispatchClasses(v Value) []string {
	if c := ClassAttr(v); c != nil {
		return c
	}
	var r []string
	if d := Dim(v); d != nil {
		if len(d) == 2 {
			r = append(r, "matrix", "array")
		} else {
			r = append(r, "array")
		}
	}
	switch v.(type) {
	case *Double:
		r = append(r, "double", "numeric")
	case *Integer:
		r = append(r, "integer", "numeric")
	case *Closure, *Builtin:
		r = append(r, "function")
	default:
		r = append(r, ImplicitClass(v)...)
	}
	return r
}

// methodCall returns the call an S3 method sees (sys.call, error
// messages): the generic's call with the method's name, as R does
// ("Error in f.default(1)", "`+.money`(x, 1)").
func methodCall(call syntax.Expr, name string) syntax.Expr {
	fn := &syntax.Ident{Name: name}
	switch c := call.(type) {
	case *syntax.Call:
		cp := *c
		fn.NamePos = c.Fn.Pos()
		cp.Fn = fn
		return &cp
	case *syntax.Binary:
		fn.NamePos = c.Pos()
		return &syntax.Call{Fn: fn, Args: []syntax.Arg{{Value: c.X}, {Value: c.Y}}}
	case *syntax.Unary:
		fn.NamePos = c.Pos()
		return &syntax.Call{Fn: fn, Args: []syntax.Arg{{Value: c.X}}}
	case *syntax.Index:
		fn.NamePos = c.Pos()
		return &syntax.Call{Fn: fn, Args: append([]syntax.Arg{{Value: c.X}}, c.Args...)}
	case *syntax.Dollar:
		fn.NamePos = c.Pos()
		return &syntax.Call{Fn: fn, Args: []syntax.Arg{{Value: c.X}, {Value: &syntax.Ident{Name: c.Name}}}}
	}
	return call
}

// tryDispatch looks for an S3 method name.class for the class of the first
// argument (objects only) and calls it.
func (in *Interp) tryDispatch(name string, call syntax.Expr, args []Arg, env *Env) (Value, bool, error) {
	obj := args[0].Value
	if p, ok := obj.(*Promise); ok {
		v, err := in.Force(p)
		if err != nil {
			return nil, true, err
		}
		obj = v
	}
	cls := ClassAttr(obj)
	if cls == nil {
		return nil, false, nil
	}
	for i, c := range cls {
		m, _ := in.lookupFunction(name+"."+c, env)
		if m == nil {
			continue
		}
		if b, ok := m.(*Builtin); ok && b.Name == name {
			continue
		}
		d := &dispatchInfo{generic: name, classes: cls[i+1:], object: obj, defEnv: env, callEnv: env}
		v, err := in.applyMethod(m, methodCall(call, name+"."+c), args, env, d)
		return v, true, err
	}
	return nil, false, nil
}

// applyMethod calls an S3 method with already evaluated (or promised)
// arguments.
func (in *Interp) applyMethod(m Value, call syntax.Expr, args []Arg, env *Env, d *dispatchInfo) (Value, error) {
	switch f := m.(type) {
	case *Closure:
		pargs := make([]Arg, len(args))
		for i, a := range args {
			if a.Value == MissingArg {
				pargs[i] = a
				continue
			}
			if _, ok := a.Value.(*Promise); ok {
				pargs[i] = a
				continue
			}
			x := a.Expr
			if x == nil {
				x = &syntax.Value{V: a.Value}
			}
			pargs[i] = Arg{Name: a.Name, Value: NewForcedPromise(x, a.Value), Expr: x}
		}
		return in.applyClosure(f, call, pargs, env, d.generic, d)
	case *Builtin:
		fargs := make([]Arg, len(args))
		for i, a := range args {
			v, err := in.forceArg(a.Value)
			if err != nil {
				return nil, err
			}
			fargs[i] = Arg{Name: a.Name, Value: v, Expr: a.Expr}
		}
		return in.callBuiltin(f, call, fargs, env)
	}
	return in.Apply(m, args, call, env)
}

// frameOf returns the closure frame whose environment is env.
func (in *Interp) frameOf(env *Env) *Frame {
	for i := len(in.frames) - 1; i >= 0; i-- {
		if in.frames[i].Env == env {
			return in.frames[i]
		}
	}
	return nil
}

func classDesc(cls []string) string {
	if len(cls) == 1 {
		return cls[0]
	}
	q := make([]string, len(cls))
	for i, c := range cls {
		q[i] = "'" + c + "'"
	}
	return "c(" + strings.Join(q, ", ") + ")"
}

func builtinUseMethod(c *Frame, args []Value) (Value, error) {
	in := c.In
	gv, err := c.Force(args[0])
	if err != nil {
		return nil, err
	}
	gs, ok := gv.(*Character)
	if !ok || len(gs.V) != 1 {
		return nil, c.Errorf("'generic' argument must be a character string")
	}
	generic := gs.V[0]
	fr := in.frameOf(c.Env)
	if fr == nil {
		return nil, c.Errorf("UseMethod called from outside a function")
	}
	var obj Value
	if args[1] != nil {
		obj, err = c.Force(args[1])
		if err != nil {
			return nil, err
		}
	} else {
		obj, err = in.dispatchObject(fr)
		if err != nil {
			return nil, err
		}
	}
	cls := dispatchClasses(obj)
	defEnv := in.Global
	if cl, ok := fr.Fn.(*Closure); ok {
		defEnv = cl.Env
	}
	var method Value
	mname := ""
	rest := []string(nil)
	for i, cn := range cls {
		m, _ := in.lookupFunction(generic+"."+cn, fr.CallerEnv)
		if m == nil {
			m, _ = in.lookupFunction(generic+"."+cn, defEnv)
		}
		if m != nil {
			method = m
			mname = generic + "." + cn
			rest = cls[i+1:]
			break
		}
	}
	if method == nil {
		m, _ := in.lookupFunction(generic+".default", fr.CallerEnv)
		if m == nil {
			m, _ = in.lookupFunction(generic+".default", defEnv)
		}
		method = m
		mname = generic + ".default"
	}
	if method == nil {
		return nil, ErrorNoCall(fmt.Sprintf("no applicable method for '%s' applied to an object of class \"%s\"", generic, classDesc(ImplicitClass(obj))))
	}
	d := &dispatchInfo{generic: generic, classes: rest, object: obj, defEnv: defEnv, callEnv: fr.CallerEnv}
	v, err := in.applyMethod(method, methodCall(fr.Call, mname), fr.Args, fr.CallerEnv, d)
	if err != nil {
		return nil, err
	}
	in.retVal = v
	in.retTarget = fr
	in.retVis = in.visible
	return nil, errReturn
}

// dispatchObject returns the value of the first argument of a closure frame.
func (in *Interp) dispatchObject(fr *Frame) (Value, error) {
	cl, ok := fr.Fn.(*Closure)
	if !ok || len(cl.Params) == 0 {
		return Null, nil
	}
	p := cl.Params[0]
	if p.Name == "..." {
		v, _ := fr.Env.GetLocal("...")
		if d, ok := v.(*Dots); ok && len(d.Args) > 0 {
			return in.forceArg(d.Args[0].Value)
		}
		return Null, nil
	}
	v, _ := fr.Env.GetLocal(p.Name)
	if v == MissingArg {
		return Null, nil
	}
	return in.forceArg(v)
}

var nextMethodCall = &syntax.Call{Fn: &syntax.Ident{Name: "NextMethod"}}

func builtinNextMethod(c *Frame, args []Value) (Value, error) {
	in := c.In
	fr := in.frameOf(c.Env)
	if fr == nil || fr.dispatch == nil {
		return nil, c.Errorf("NextMethod called from outside a method dispatch")
	}
	d := fr.dispatch
	var method Value
	mname := d.generic
	rest := []string(nil)
	for i, cn := range d.classes {
		m, _ := in.lookupFunction(d.generic+"."+cn, d.callEnv)
		mname = d.generic + "." + cn
		if m == nil && d.group != "" {
			m, _ = in.lookupFunction(d.group+"."+cn, d.callEnv)
			mname = d.group + "." + cn
		}
		if m != nil {
			method = m
			rest = d.classes[i+1:]
			break
		}
	}
	if method == nil {
		m, _ := in.lookupFunction(d.generic+".default", d.callEnv)
		method = m
		mname = d.generic + ".default"
	}
	if method == nil {
		if b := LookupBuiltin(d.generic); b != nil {
			method = b
		}
	}
	if method == nil {
		return nil, c.Errorf("no more methods for '%s'", d.generic)
	}
	// Arguments: the method's formals' current promises, in order, plus ...
	callArgs := fr.Args
	extra, err := c.Force(args[2])
	_ = err
	if l, ok := extra.(*List); ok && len(l.V) > 0 {
		nms := Names(l)
		callArgs = append(append([]Arg(nil), callArgs...), func() []Arg {
			r := make([]Arg, len(l.V))
			for i, v := range l.V {
				n := ""
				if nms != nil {
					n = nms[i]
				}
				pv, _ := c.Force(v)
				r[i] = Arg{Name: n, Value: pv}
			}
			return r
		}()...)
	}
	nd := &dispatchInfo{generic: d.generic, group: d.group, classes: rest, object: d.object, defEnv: d.defEnv, callEnv: d.callEnv}
	// NextMethod is a closure in R: it shows in tracebacks.
	pop := c.pushPseudo(nextMethodCall)
	defer pop()
	if b, ok := method.(*Builtin); ok {
		fargs := make([]Arg, len(callArgs))
		for i, a := range callArgs {
			v, err := in.forceArg(a.Value)
			if err != nil {
				return nil, err
			}
			fargs[i] = Arg{Name: a.Name, Value: v, Expr: a.Expr}
		}
		return in.callBuiltin(b, fr.Call, fargs, fr.CallerEnv)
	}
	return in.applyMethod(method, methodCall(fr.Call, mname), callArgs, fr.CallerEnv, nd)
}

func init() {
	RegisterAll(
		&Builtin{Name: "UseMethod", Formals: []string{"generic", "object"}, Special: true, Fn: builtinUseMethod},
		&Builtin{Name: "NextMethod", Formals: []string{"generic = NULL", "object = NULL", "..."}, Special: true, Fn: builtinNextMethod},
	)
}
