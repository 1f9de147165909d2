package eval

import (
	"fmt"

	"torchr/lang/syntax"
)

// maxDepth is R's default expressions limit.
const maxDepth = 5000

// lookupFunction finds a function binding by name, skipping non-function
// bindings as R does.
func (in *Interp) lookupFunction(name string, env *Env) (Value, error) {
	for e := env; e != nil; e = e.Parent {
		v, ok := e.GetLocal(name)
		if !ok {
			continue
		}
		if p, ok := v.(*Promise); ok {
			fv, err := in.Force(p)
			if err != nil {
				return nil, err
			}
			v = fv
		}
		if isFunction(v) {
			return v, nil
		}
	}
	return nil, nil
}

func isFunction(v Value) bool {
	switch v.(type) {
	case *Closure, *Builtin:
		return true
	case Callable:
		return true
	}
	return false
}

func (in *Interp) evalCall(x *syntax.Call, env *Env) (Value, error) {
	var fn Value
	name := ""
	switch f := x.Fn.(type) {
	case *syntax.Ident:
		name = f.Name
		v, err := in.lookupFunction(name, env)
		if err != nil {
			return nil, err
		}
		if v == nil {
			return nil, in.raise(&Error{Msg: fmt.Sprintf("could not find function \"%s\"", name), hasCall: true, Call: x}, x)
		}
		fn = v
	case *syntax.Str:
		name = f.Value
		v, err := in.lookupFunction(name, env)
		if err != nil {
			return nil, err
		}
		if v == nil {
			return nil, in.raise(&Error{Msg: fmt.Sprintf("could not find function \"%s\"", name), hasCall: true, Call: x}, x)
		}
		fn = v
	default:
		v, err := in.Eval(x.Fn, env)
		if err != nil {
			return nil, err
		}
		fn = v
	}
	switch f := fn.(type) {
	case *Closure:
		args, err := in.promiseArgs(x.Args, env)
		if err != nil {
			return nil, err
		}
		return in.applyClosure(f, x, args, env, name, nil)
	case *Builtin:
		if f.Special {
			args, err := in.promiseArgs(x.Args, env)
			if err != nil {
				return nil, err
			}
			return in.callBuiltin(f, x, args, env)
		}
		if f.Temps {
			v, fresh, err := in.callTemps(f, x, env)
			in.markTemp(fresh, x)
			return v, err
		}
		abase := len(in.astack)
		if err := in.pushEvalArgs(x.Args, env); err != nil {
			in.popArgs(abase)
			return nil, err
		}
		v, _, err := in.applyBuiltin(f, x, in.astack[abase:len(in.astack):len(in.astack)], env)
		in.popArgs(abase)
		return v, err
	case Callable:
		tm, ok := f.(TempMethod)
		if ok && tm.Temps() {
			return in.callTempMethod(tm, x, env)
		}
		args, err := in.evalArgs(x.Args, env)
		if err != nil {
			return nil, err
		}
		v, err := in.callCallable(f, x, args, env)
		if fc, ok := f.(FreshCallable); ok && err == nil {
			in.markTemp(fc.FreshResult(v), x)
		}
		return v, err
	}
	return nil, in.raise(&Error{Msg: "attempt to apply non-function"}, in.currentCall())
}

// callTempMethod calls recv$name(...) for a method running a Temps
// builtin: a receiver that is a temporary (the value of x$mul(2) in
// x$mul(2)$add(1), computed by Go code and seen by nothing else, since the
// receiver's $ is Go code too) is released once the result does not share
// its memory, and the result is a temporary itself.
func (in *Interp) callTempMethod(tm TempMethod, x *syntax.Call, env *Env) (Value, error) {
	recv := tm.Receiver()
	var self Temporary
	if d, ok := x.Fn.(*syntax.Dollar); ok && !in.userOp("$", env) {
		self = in.takeTemp(d.X, recv)
	}
	args, err := in.evalArgs(x.Args, env)
	if err != nil {
		return nil, err
	}
	v, err := in.callCallable(tm, x, args, env)
	if err != nil {
		return nil, err
	}
	ops := []operand{{v: recv, temp: self}}
	for _, a := range args {
		ops = append(ops, operand{v: a.Value})
	}
	in.markTemp(in.settleTemps(v, ops), x)
	return v, nil
}

func (in *Interp) callCallable(f Callable, call syntax.Expr, args []Arg, env *Env) (v Value, err error) {
	fr := &Frame{In: in, Call: call, Fn: f, Env: env, CallerEnv: env, Args: args}
	defer func() {
		if r := recover(); r != nil {
			err = in.raise(in.panicError(r, call), call)
		}
	}()
	in.visible = true
	v, err = f.Call(in, fr, args)
	if err != nil {
		return nil, in.raise(err, call)
	}
	if v == nil {
		v = Null
	}
	return v, nil
}

// promiseArgs turns call arguments into promises (constants are passed as
// values), expanding "...".
type argBlock1 struct {
	a [1]Arg
	p [1]Promise
}

type argBlock2 struct {
	a [2]Arg
	p [2]Promise
}

// promiseArgsSmall handles one or two plain arguments in one allocation.
func promiseArgsSmall(sargs []syntax.Arg, env *Env) []Arg {
	var args []Arg
	var ps []Promise
	switch len(sargs) {
	case 1:
		b := &argBlock1{}
		args, ps = b.a[:], b.p[:]
	case 2:
		b := &argBlock2{}
		args, ps = b.a[:], b.p[:]
	default:
		return nil
	}
	for i := range sargs {
		a := &sargs[i]
		ps[i] = Promise{Expr: a.Value, Env: env}
		args[i] = Arg{Name: a.Name, Value: &ps[i], Expr: a.Value}
	}
	return args
}

func (in *Interp) promiseArgs(sargs []syntax.Arg, env *Env) ([]Arg, error) {
	if n := len(sargs); n == 1 || n == 2 {
		plain := true
		for i := range sargs {
			switch x := sargs[i].Value.(type) {
			case nil, *syntax.Num, *syntax.Int, *syntax.Str, *syntax.Const:
				plain = false
			case *syntax.Ident:
				if x.Name == "..." {
					plain = false
				}
			}
		}
		if plain {
			return promiseArgsSmall(sargs, env), nil
		}
	}
	args := make([]Arg, 0, len(sargs))
	for i := range sargs {
		a := &sargs[i]
		if a.Value == nil {
			args = append(args, Arg{Name: a.Name, Value: MissingArg})
			continue
		}
		if id, ok := a.Value.(*syntax.Ident); ok && id.Name == "..." {
			d, err := in.lookupDots(env)
			if err != nil {
				return nil, err
			}
			if d != nil {
				args = append(args, d.Args...)
			}
			continue
		}
		if v := literalValue(a.Value); v != nil {
			MarkShared(v)
			args = append(args, Arg{Name: a.Name, Value: v, Expr: a.Value})
			continue
		}
		args = append(args, Arg{Name: a.Name, Value: &Promise{Expr: a.Value, Env: env}, Expr: a.Value})
	}
	return args, nil
}

func (in *Interp) lookupDots(env *Env) (*Dots, error) {
	v, ok := env.Lookup("...")
	if !ok {
		return nil, in.raise(&Error{Msg: "'...' used in an incorrect context"}, in.currentCall())
	}
	d, _ := v.(*Dots)
	return d, nil
}

// popArgs truncates the argument stack to base.
func (in *Interp) popArgs(base int) {
	clear(in.astack[base:])
	in.astack = in.astack[:base]
}

// pushEvalArgs evaluates call arguments onto the argument stack (see
// evalArgs). Entries below the current top are never overwritten by nested
// evaluations, and a slice taken after pushing stays valid even if the
// stack grows later.
func (in *Interp) pushEvalArgs(sargs []syntax.Arg, env *Env) error {
	for i := range sargs {
		a := &sargs[i]
		if a.Value == nil {
			in.astack = append(in.astack, Arg{Name: a.Name, Value: MissingArg})
			continue
		}
		if id, ok := a.Value.(*syntax.Ident); ok && id.Name == "..." {
			d, err := in.lookupDots(env)
			if err != nil {
				return err
			}
			if d == nil {
				continue
			}
			for _, da := range d.Args {
				v := da.Value
				if p, ok := v.(*Promise); ok {
					fv, err := in.Force(p)
					if err != nil {
						return err
					}
					v = fv
				}
				in.astack = append(in.astack, Arg{Name: da.Name, Value: v, Expr: da.Expr})
			}
			continue
		}
		v, err := in.Eval(a.Value, env)
		if err != nil {
			return err
		}
		in.astack = append(in.astack, Arg{Name: a.Name, Value: v, Expr: a.Value})
	}
	return nil
}

// applyBuiltin calls a non-special builtin with evaluated arguments; an
// internal generic first tries S3 methods (dispatched reports one ran).
func (in *Interp) applyBuiltin(f *Builtin, x *syntax.Call, args []Arg, env *Env) (v Value, dispatched bool, err error) {
	if f.Generic && len(args) > 0 {
		v, dispatched, err = in.tryDispatch(f.Name, x, args, env)
	}
	if !dispatched {
		v, err = in.callBuiltin(f, x, args, env)
	}
	return v, dispatched, err
}

// callTemps calls a Temps builtin: it evaluates the arguments noting the
// temporaries among them, releases those once the builtin returned a
// tensor that shares none of their memory, and returns the result as a
// temporary when it shares no argument's memory.
func (in *Interp) callTemps(f *Builtin, x *syntax.Call, env *Env) (Value, Temporary, error) {
	abase := len(in.astack)
	var ops []operand // one per pushed argument
	// an identifier argument is borrowed only when evaluating the
	// arguments after it runs no code
	borrowFrom := len(x.Args)
	for borrowFrom > 0 && (x.Args[borrowFrom-1].Value == nil || isLiteral(x.Args[borrowFrom-1].Value) || isIdent(x.Args[borrowFrom-1].Value)) {
		borrowFrom--
		if isIdent(x.Args[borrowFrom].Value) {
			break
		}
	}
	for i := range x.Args {
		a := &x.Args[i]
		if id, ok := a.Value.(*syntax.Ident); a.Value == nil || ok && id.Name == "..." {
			n := len(in.astack)
			if err := in.pushEvalArgs(x.Args[i:i+1], env); err != nil {
				in.popArgs(abase)
				return nil, nil, err
			}
			for _, pushed := range in.astack[n:] {
				ops = append(ops, operand{v: pushed.Value})
			}
			continue
		}
		var o operand
		var err error
		if i >= borrowFrom {
			o.v, o.owner, err = in.evalOperand(a.Value, env)
		} else {
			o.v, err = in.Eval(a.Value, env)
		}
		if err != nil {
			in.popArgs(abase)
			return nil, nil, err
		}
		o.temp = in.takeTemp(a.Value, o.v)
		ops = append(ops, o)
		in.astack = append(in.astack, Arg{Name: a.Name, Value: o.v, Expr: a.Value})
	}
	args := in.astack[abase:len(in.astack):len(in.astack)]
	v, dispatched, err := in.applyBuiltin(f, x, args, env)
	for i, o := range ops {
		escaped(o, args[i].Expr, v, err == nil && !dispatched)
	}
	in.popArgs(abase)
	if err != nil || dispatched {
		return v, nil, err
	}
	return v, in.settleTemps(v, ops), nil
}

func isIdent(e syntax.Expr) bool {
	_, ok := e.(*syntax.Ident)
	return ok
}

// evalArgs evaluates call arguments for a builtin, expanding "...".
func (in *Interp) evalArgs(sargs []syntax.Arg, env *Env) ([]Arg, error) {
	args := make([]Arg, 0, len(sargs))
	for i := range sargs {
		a := &sargs[i]
		if a.Value == nil {
			args = append(args, Arg{Name: a.Name, Value: MissingArg})
			continue
		}
		if id, ok := a.Value.(*syntax.Ident); ok && id.Name == "..." {
			d, err := in.lookupDots(env)
			if err != nil {
				return nil, err
			}
			if d == nil {
				continue
			}
			for _, da := range d.Args {
				v := da.Value
				if p, ok := v.(*Promise); ok {
					fv, err := in.Force(p)
					if err != nil {
						return nil, err
					}
					v = fv
				}
				args = append(args, Arg{Name: da.Name, Value: v, Expr: da.Expr})
			}
			continue
		}
		v, err := in.Eval(a.Value, env)
		if err != nil {
			return nil, err
		}
		args = append(args, Arg{Name: a.Name, Value: v, Expr: a.Value})
	}
	return args, nil
}

// callBuiltin binds args to b's formals and runs it. Errors are raised with
// call as the call.
func (in *Interp) callBuiltin(b *Builtin, call syntax.Expr, args []Arg, env *Env) (v Value, err error) {
	fr := in.pushBuiltinFrame(b, call, env)
	fr.Args = args
	b.prepare()
	vbase := len(in.vstack)
	for range b.params {
		in.vstack = append(in.vstack, nil)
	}
	out := in.vstack[vbase:len(in.vstack):len(in.vstack)]
	nframes, nhandlers, nrestarts := len(in.frames), len(in.handlers), len(in.restarts)
	defer func() {
		if r := recover(); r != nil {
			// Unwind what the panicking code left on the stacks.
			in.frames = in.frames[:nframes]
			in.handlers = in.handlers[:nhandlers]
			in.restarts = in.restarts[:nrestarts]
			err = in.raise(in.panicError(r, call), call)
			v = nil
		}
		clear(in.vstack[vbase:])
		in.vstack = in.vstack[:vbase]
		in.popBuiltinFrame(fr)
	}()
	if err := in.bindBuiltin(b, fr, args, out); err != nil {
		return nil, in.raise(err, call)
	}
	in.visible = true
	v, err = b.Fn(fr, out)
	if err != nil {
		return nil, in.raise(err, call)
	}
	if b.Invisible {
		in.visible = false
	} else if !b.Special && !b.KeepVisible {
		in.visible = true
	}
	if v == nil {
		v = Null
	}
	return v, nil
}

func (f *Closure) info() ([]string, int) {
	if len(f.Params) == 0 {
		return nil, -1
	}
	if f.pnames != nil {
		return f.pnames, f.pdots
	}
	names := make([]string, len(f.Params))
	dots := -1
	for i, p := range f.Params {
		names[i] = p.Name
		if p.Name == "..." {
			dots = i
		}
	}
	f.pnames, f.pdots = names, dots
	return names, dots
}

// applyClosure calls f with supplied args (promises or values).
func (in *Interp) applyClosure(f *Closure, call syntax.Expr, args []Arg, caller *Env, name string, disp *dispatchInfo) (Value, error) {
	if err := in.check(); err != nil {
		return nil, in.raise(err, nil)
	}
	if len(in.frames) >= maxDepth {
		return nil, in.raise(&Error{Msg: "evaluation nested too deeply: infinite recursion / options(expressions=)?", hasCall: true}, nil)
	}
	fr, fenv, defs := newCallBlock(f.Env, len(f.Params))
	if err := in.bindClosureArgs(f, fenv, args, defs); err != nil {
		return nil, in.raise(err, call)
	}
	*fr = Frame{In: in, Call: call, Fn: f, Env: fenv, CallerEnv: caller, Args: args, Name: name, dispatch: disp}
	if disp != nil {
		disp.define(fenv)
	}
	in.frames = append(in.frames, fr)
	v, err := in.Eval(f.Body, fenv)
	if err == errReturn && in.retTarget == fr {
		v, err = in.retVal, nil
		in.visible = in.retVis
		in.retVal, in.retTarget = nil, nil
	} else if (err == errBreak || err == errNext) && in.loopEnv == fenv {
		// break/next in this function's own body but outside any loop of
		// it (a promise forced here may still break a caller's loop).
		in.loopEnv = nil
		err = in.raise(&Error{Msg: "no loop for break/next, jumping to top level", Call: call, hasCall: true}, nil)
	}
	if len(fr.onExit) > 0 {
		vis := in.visible
		exits := fr.onExit
		fr.onExit = nil
		for _, x := range exits {
			if _, e2 := in.Eval(x, fenv); e2 != nil {
				if e2 == errReturn && in.retTarget == fr {
					// return() inside on.exit overrides the value
					v, err = in.retVal, nil
					continue
				}
				err = e2
				v = nil
				break
			}
		}
		in.visible = vis
	}
	in.frames = in.frames[:len(in.frames)-1]
	if err != nil {
		return nil, err
	}
	return v, nil
}

func (in *Interp) bindClosureArgs(f *Closure, fenv *Env, args []Arg, defs []Promise) error {
	names, dots := f.info()
	var fmBuf [8]int
	var fm []int
	if len(names) <= len(fmBuf) {
		fm = fmBuf[:len(names)]
	} else {
		fm = make([]int, len(names))
	}
	fm, dotIdx, err := matchArgs(names, dots, args, fm, nil)
	if err != nil {
		return err
	}
	for fi := range f.Params {
		p := &f.Params[fi]
		if fi == dots {
			d := &Dots{}
			if len(dotIdx) > 0 {
				d.Args = make([]Arg, len(dotIdx))
				for k, ai := range dotIdx {
					d.Args[k] = args[ai]
				}
			}
			fenv.Set("...", d)
			continue
		}
		if ai := fm[fi]; ai >= 0 && args[ai].Value != MissingArg {
			v := args[ai].Value
			if _, ok := v.(*Promise); !ok {
				MarkShared(v)
			}
			fenv.Set(p.Name, v)
			continue
		}
		if p.Default != nil {
			if len(defs) > 0 {
				defs[0] = Promise{Expr: p.Default, Env: fenv, isDefault: true}
				fenv.Set(p.Name, &defs[0])
				defs = defs[1:]
			} else {
				fenv.Set(p.Name, &Promise{Expr: p.Default, Env: fenv, isDefault: true})
			}
		} else {
			fenv.Set(p.Name, MissingArg)
		}
	}
	return nil
}

// Apply calls an R function (closure, builtin or Callable) with evaluated
// arguments from Go. call is the call expression used in error messages
// and sys.call() (nil: a call is synthesized from the function name), env
// the calling environment (nil: global).
func (in *Interp) Apply(fn Value, args []Arg, call syntax.Expr, env *Env) (Value, error) {
	if env == nil {
		env = in.Global
	}
	if call == nil {
		call = synthCall(fn, args)
	}
	switch f := fn.(type) {
	case *Closure:
		pargs := make([]Arg, len(args))
		for i, a := range args {
			x := a.Expr
			if x == nil {
				x = &syntax.Value{V: a.Value}
			}
			if a.Value == MissingArg {
				pargs[i] = Arg{Name: a.Name, Value: MissingArg}
				continue
			}
			if p, ok := a.Value.(*Promise); ok {
				pargs[i] = Arg{Name: a.Name, Value: p, Expr: p.Expr}
				continue
			}
			pargs[i] = Arg{Name: a.Name, Value: NewForcedPromise(x, a.Value), Expr: x}
		}
		return in.applyClosure(f, call, pargs, env, "", nil)
	case *Builtin:
		if f.Special {
			pargs := make([]Arg, len(args))
			for i, a := range args {
				x := a.Expr
				if x == nil {
					x = &syntax.Value{V: a.Value}
				}
				pargs[i] = Arg{Name: a.Name, Value: &Promise{Expr: x, Env: env}, Expr: x}
			}
			return in.callBuiltin(f, call, pargs, env)
		}
		fargs := make([]Arg, len(args))
		for i, a := range args {
			v, err := in.forceArg(a.Value)
			if err != nil {
				return nil, err
			}
			fargs[i] = Arg{Name: a.Name, Value: v, Expr: a.Expr}
		}
		if f.Generic && len(fargs) > 0 {
			if v, ok, err := in.tryDispatch(f.Name, call, fargs, env); ok {
				return v, err
			}
		}
		return in.callBuiltin(f, call, fargs, env)
	case Callable:
		return in.callCallable(f, call, args, env)
	}
	return nil, in.raise(&Error{Msg: "attempt to apply non-function"}, call)
}

// Call is Apply with positional values.
func (in *Interp) Call(fn Value, args ...Value) (Value, error) {
	a := make([]Arg, len(args))
	for i, v := range args {
		a[i] = Arg{Value: v}
	}
	return in.Apply(fn, a, nil, nil)
}

// CallFunction calls the function called name (looked up from env, nil for
// global) with evaluated args.
func (in *Interp) CallFunction(name string, args []Arg, env *Env) (Value, error) {
	if env == nil {
		env = in.Global
	}
	fn, err := in.lookupFunction(name, env)
	if err != nil {
		return nil, err
	}
	if fn == nil {
		return nil, in.raise(&Error{Msg: fmt.Sprintf("could not find function \"%s\"", name)}, nil)
	}
	return in.Apply(fn, args, synthNamedCall(name, args), env)
}

func synthCall(fn Value, args []Arg) syntax.Expr {
	name := "FUN"
	if b, ok := fn.(*Builtin); ok {
		name = b.Name
	}
	return synthNamedCall(name, args)
}

func synthNamedCall(name string, args []Arg) syntax.Expr {
	c := &syntax.Call{Fn: &syntax.Ident{Name: name}}
	for _, a := range args {
		x := a.Expr
		if x == nil {
			x = valueExpr(a.Value)
		}
		c.Args = append(c.Args, syntax.Arg{Name: a.Name, HasName: a.Name != "", Value: x})
	}
	return c
}

// valueExpr embeds a value in syntax (literal when possible).
func valueExpr(v Value) syntax.Expr {
	if p, ok := v.(*Promise); ok {
		return p.Expr
	}
	if l, ok := v.(*Lang); ok {
		return l.X
	}
	return &syntax.Value{V: v}
}
