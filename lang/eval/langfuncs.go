package eval

import (
	"fmt"
	"io"
	"sort"
	"strconv"
	"strings"

	"torchr/lang/internal/rfmt"
	"torchr/lang/syntax"
)

// Collate compares two strings in R's collation order (used by ls()).
// lang/base sets it to its ICU-root collation; the default is byte order.
var Collate = strings.Compare

// Language-level builtins owned by lang/eval: quoting, environments,
// control of calls, conditions.

func promiseExpr(v Value) syntax.Expr {
	if p, ok := v.(*Promise); ok {
		return p.Expr
	}
	if v == nil {
		return nil
	}
	return exprOf(v)
}

// AsStrings converts an atomic vector to strings as as.character does
// (doubles with up to 15 significant digits). lang/base may replace it with
// R's exact rules.
var AsStrings func(v Value) []string

func init() { AsStrings = asStringsDefault }

func asStringsDefault(v Value) []string {
	switch x := v.(type) {
	case *Character:
		return x.V
	case *Double:
		r := make([]string, len(x.V))
		for i, f := range x.V {
			switch {
			default:
				if cs, ok := rfmt.AsCharacterReal(f, 0); ok {
					r[i] = cs
				} else {
					r[i] = NAString
				}
			}
		}
		return r
	case *Integer:
		r := make([]string, len(x.V))
		for i, n := range x.V {
			if n == NAInt {
				r[i] = NAString
			} else {
				r[i] = strconv.Itoa(int(n))
			}
		}
		return r
	case *Logical:
		r := make([]string, len(x.V))
		for i, n := range x.V {
			switch n {
			case NALogical:
				r[i] = NAString
			case 0:
				r[i] = "FALSE"
			default:
				r[i] = "TRUE"
			}
		}
		return r
	case *Raw:
		r := make([]string, len(x.V))
		for i, b := range x.V {
			r[i] = fmt.Sprintf("%02x", b)
		}
		return r
	case *Lang:
		return []string{DeparseExpr(x.X)}
	case *List:
		r := make([]string, len(x.V))
		for i, e := range x.V {
			s := AsStrings(e)
			if len(s) == 1 {
				r[i] = s[0]
			} else {
				r[i] = DeparseValue(e)
			}
		}
		return r
	case *NullType:
		return nil
	}
	return []string{DeparseValue(v)}
}

// pasteArgs concatenates the elements of the dots list as paste0 would for
// messages.
func pasteArgs(l *List) string {
	var b strings.Builder
	for _, v := range l.V {
		for _, s := range AsStrings(v) {
			if s == NAString {
				s = "NA"
			}
			b.WriteString(s)
		}
	}
	return b.String()
}

func truthy(v Value) bool {
	switch x := v.(type) {
	case *Logical:
		return len(x.V) > 0 && x.V[0] == 1
	case *Integer:
		return len(x.V) > 0 && x.V[0] != 0 && x.V[0] != NAInt
	case *Double:
		return len(x.V) > 0 && x.V[0] != 0 && x.V[0] == x.V[0]
	}
	return false
}

func asString1(v Value) (string, bool) {
	if c, ok := v.(*Character); ok && len(c.V) >= 1 {
		return c.V[0], true
	}
	if l, ok := v.(*Lang); ok {
		if id, ok := l.X.(*syntax.Ident); ok {
			return id.Name, true
		}
	}
	return "", false
}

// callerCall returns the call of the closure from which a builtin was
// called (the frame whose env is c.Env), or nil at top level.
func (c *Frame) callerFrame() *Frame { return c.In.frameOf(c.Env) }

// ContextCall returns the call of the innermost closure being evaluated
// (nil at top level). R reports errors and warnings raised with C's
// error()/warning() (rather than errorcall) with this call, e.g. "In f(x) :
// NAs introduced by coercion" for as.numeric inside f. Use it with
// ErrorWithCall or Interp.Warning.
func (c *Frame) ContextCall() syntax.Expr { return c.callerCall() }

// callerCall is the call of the innermost closure context (R's
// "Error in <call>" for stop() and warning()): by evaluation order, not
// lexical scope, so stop() inside an argument of f() reports f(...).
func (c *Frame) callerCall() syntax.Expr {
	if n := len(c.In.frames); n > 0 {
		return c.In.frames[n-1].Call
	}
	return nil
}

// envArg converts an envir= argument.
func (c *Frame) envArg(v Value, def *Env) (*Env, error) {
	switch e := v.(type) {
	case nil:
		return def, nil
	case *Env:
		return e, nil
	case *NullType:
		return def, nil
	case *Double, *Integer:
		n := int(asIntScalar(v))
		if n <= 0 {
			return c.In.Global, nil
		}
		return c.In.sysFrame(c.Env, n), nil
	}
	return nil, c.Errorf("invalid 'envir' argument")
}

// sysFrame returns parent.frame(n) seen from env.
// OnExit adds x to the exit expressions of the running function whose
// evaluation environment is env, as on.exit(x, add = TRUE, after = after)
// evaluated there would (withr-style local_* helpers: local_no_grad()
// restores the grad mode when its caller returns). It reports false when
// env is no running function's environment (top level).
func (in *Interp) OnExit(env *Env, x syntax.Expr, after bool) bool {
	fr := in.frameOf(env)
	if fr == nil {
		return false
	}
	if after {
		fr.onExit = append(fr.onExit, x)
	} else {
		fr.onExit = append([]syntax.Expr{x}, fr.onExit...)
	}
	return true
}

func (in *Interp) sysFrame(env *Env, n int) *Env {
	e := env
	for i := 0; i < n; i++ {
		fr := in.frameOf(e)
		if fr == nil {
			return in.Global
		}
		e = fr.CallerEnv
	}
	return e
}

func init() {
	RegisterAll(
		&Builtin{Name: "quote", Formals: []string{"expr"}, Special: true, Fn: func(c *Frame, a []Value) (Value, error) {
			if a[0] == nil || a[0] == MissingArg {
				if a[0] == MissingArg {
					return NewSymbol(""), nil
				}
				return nil, c.Errorf("0 arguments passed to 'quote' which requires 1")
			}
			return LangValue(promiseExpr(a[0])), nil
		}},
		&Builtin{Name: "substitute", Formals: []string{"expr", "env"}, Special: true, Fn: func(c *Frame, a []Value) (Value, error) {
			x := promiseExpr(a[0])
			if x == nil {
				return MissingArg, nil
			}
			env := c.Env
			if a[1] != nil {
				ev, err := c.Force(a[1])
				if err != nil {
					return nil, err
				}
				switch e := ev.(type) {
				case *Env:
					env = e
				case *List:
					env = NewEnv(nil)
					env.in = c.In
					for i, n := range Names(e) {
						env.Set(n, e.V[i])
					}
				default:
					return nil, c.Errorf("invalid environment specified")
				}
			}
			return LangValue(c.In.substitute(x, env)), nil
		}},
		&Builtin{Name: "missing", Formals: []string{"x"}, Special: true, Fn: builtinMissing},
		&Builtin{Name: "on.exit", Formals: []string{"expr = NULL", "add = FALSE", "after = TRUE"}, Special: true, Invisible: true, Fn: func(c *Frame, a []Value) (Value, error) {
			fr := c.callerFrame()
			add, err := c.Force(a[1])
			if err != nil {
				return nil, err
			}
			after, err := c.Force(a[2])
			if err != nil {
				return nil, err
			}
			if fr == nil {
				return Null, nil
			}
			var x syntax.Expr
			if p, ok := a[0].(*Promise); ok && p.Env != c.In.Base {
				x = p.Expr
			}
			switch {
			case !truthy(add):
				fr.onExit = nil
				if x != nil {
					fr.onExit = []syntax.Expr{x}
				}
			case x == nil:
			case truthy(after):
				fr.onExit = append(fr.onExit, x)
			default:
				fr.onExit = append([]syntax.Expr{x}, fr.onExit...)
			}
			return Null, nil
		}},
		&Builtin{Name: "return", Formals: []string{"value = NULL"}, Special: true, Fn: func(c *Frame, a []Value) (Value, error) {
			v, err := c.Force(a[0])
			if err != nil {
				return nil, err
			}
			vis := c.In.visible
			if p, ok := a[0].(*Promise); !ok || p.Env == c.In.Base {
				vis = true
			}
			c.In.retVal = v
			c.In.retTarget = c.callerFrame()
			c.In.retVis = vis
			return nil, errReturn
		}},
		&Builtin{Name: "invisible", Formals: []string{"x = NULL"}, Invisible: true, Fn: func(c *Frame, a []Value) (Value, error) {
			return a[0], nil
		}},
		&Builtin{Name: "force", Formals: []string{"x"}, Fn: func(c *Frame, a []Value) (Value, error) {
			if a[0] == nil {
				return nil, c.Errorf("argument \"x\" is missing, with no default")
			}
			return a[0], nil
		}},
		&Builtin{Name: "identity", Formals: []string{"x"}, Fn: func(c *Frame, a []Value) (Value, error) {
			return a[0], nil
		}},
		&Builtin{Name: "Recall", KeepVisible: true, Formals: []string{"..."}, Fn: func(c *Frame, a []Value) (Value, error) {
			fr := c.callerFrame()
			if fr == nil {
				return nil, c.Errorf("Recall called from outside a closure")
			}
			return c.In.Apply(fr.Fn, listArgs(a[0].(*List)), fr.Call, fr.CallerEnv)
		}},
		&Builtin{Name: "sys.call", Formals: []string{"which = 0"}, Fn: func(c *Frame, a []Value) (Value, error) {
			fr := c.In.frameAt(c.Env, int(asIntScalar(a[0])))
			if fr == nil || fr.Call == nil {
				return Null, nil
			}
			return &Lang{X: fr.Call}, nil
		}},
		&Builtin{Name: "sys.function", Formals: []string{"which = 0"}, Fn: func(c *Frame, a []Value) (Value, error) {
			w := int(asIntScalar(a[0]))
			fr := c.In.frameAt(c.Env, w)
			if w == 0 && fr == nil && len(c.In.frames) > 0 {
				fr = c.In.frames[len(c.In.frames)-1]
			}
			if fr == nil {
				return nil, c.Errorf("not that many frames on the stack")
			}
			return fr.Fn, nil
		}},
		&Builtin{Name: "parent.frame", Formals: []string{"n = 1"}, Fn: func(c *Frame, a []Value) (Value, error) {
			n := int(asIntScalar(a[0]))
			if n < 1 {
				return nil, c.Errorf("invalid 'n' value")
			}
			return c.In.sysFrame(c.Env, n), nil
		}},
		&Builtin{Name: "nargs", Fn: func(c *Frame, a []Value) (Value, error) {
			fr := c.callerFrame()
			if fr == nil {
				return NewInt1(0), nil
			}
			n := 0
			for _, x := range fr.Args {
				if x.Value != MissingArg {
					n++
				}
			}
			return NewInt1(int32(n)), nil
		}},
		&Builtin{Name: "...length", Fn: func(c *Frame, a []Value) (Value, error) {
			v, ok := c.Env.Lookup("...")
			d, _ := v.(*Dots)
			if !ok {
				return nil, c.Errorf("incorrect context: the current call has no '...' to look in")
			}
			if d == nil {
				return NewInt1(0), nil
			}
			return NewInt1(int32(len(d.Args))), nil
		}},
		&Builtin{Name: "...elt", KeepVisible: true, Formals: []string{"n"}, Fn: func(c *Frame, a []Value) (Value, error) {
			return c.In.dotDot(int(asIntScalar(a[0])), c.Env)
		}},
		&Builtin{Name: "environment", Formals: []string{"fun = NULL"}, Fn: func(c *Frame, a []Value) (Value, error) {
			switch f := a[0].(type) {
			case *NullType:
				return c.Env, nil
			case *Closure:
				return f.Env, nil
			}
			return Null, nil
		}},
		&Builtin{Name: "environment<-", Formals: []string{"fun", "value"}, Fn: func(c *Frame, a []Value) (Value, error) {
			f, ok := a[0].(*Closure)
			e, ok2 := a[1].(*Env)
			if !ok || !ok2 {
				return nil, c.Errorf("replacement object is not an environment")
			}
			nf := Copy(f).(*Closure)
			nf.Env = e
			return nf, nil
		}},
		&Builtin{Name: "new.env", Formals: []string{"hash = TRUE", "parent", "size = 29L"}, Fn: func(c *Frame, a []Value) (Value, error) {
			parent := c.Env
			if a[1] != nil {
				p, ok := a[1].(*Env)
				if !ok {
					return nil, c.Errorf("'enclos' must be an environment")
				}
				parent = p
			}
			return NewEnv(parent), nil
		}},
		&Builtin{Name: "as.environment", Formals: []string{"x"}, Fn: func(c *Frame, a []Value) (Value, error) {
			switch x := a[0].(type) {
			case *Env:
				return x, nil
			case *List:
				// a list becomes an environment whose parent is the empty one
				env := NewEnv(c.In.emptyEnv())
				for i, n := range Names(x) {
					if n != "" {
						MarkShared(x.V[i])
						env.Assign(n, x.V[i])
					}
				}
				return env, nil
			case *Character:
				if len(x.V) == 1 {
					switch x.V[0] {
					case ".GlobalEnv":
						return c.In.Global, nil
					case "package:base":
						return c.In.Base, nil
					}
					return nil, c.Errorf("no item called \"%s\" on the search list", x.V[0])
				}
			case *Double, *Integer:
				if n, ok := asString1(x); ok && n == "1" {
					return c.In.Global, nil
				}
			}
			return nil, c.Errorf("invalid object for 'as.environment'")
		}},
		&Builtin{Name: "list2env", Formals: []string{"x", "envir = NULL", "parent", "hash", "size"}, Fn: func(c *Frame, a []Value) (Value, error) {
			l, ok := a[0].(*List)
			if !ok {
				if a[0] != Value(Null) {
					return nil, c.Errorf("first argument must be a named list")
				}
				l = NewList(nil, nil)
			}
			names := Names(l)
			if len(l.V) > 0 && names == nil {
				return nil, c.Errorf("names(x) must be a character vector of the same length as x")
			}
			env, _ := a[1].(*Env)
			if env == nil {
				parent := c.Env
				if a[2] != nil {
					p, ok := a[2].(*Env)
					if !ok {
						return nil, c.Errorf("'parent' must be an environment")
					}
					parent = p
				}
				env = NewEnv(parent)
			}
			for i, v := range l.V {
				if names[i] == "" {
					return nil, c.Errorf("attempt to use zero-length variable name")
				}
				MarkShared(v)
				env.Assign(names[i], v)
			}
			return env, nil
		}},
		&Builtin{Name: "globalenv", Fn: func(c *Frame, a []Value) (Value, error) { return c.In.Global, nil }},
		&Builtin{Name: "baseenv", Fn: func(c *Frame, a []Value) (Value, error) { return c.In.Base, nil }},
		&Builtin{Name: "emptyenv", Fn: func(c *Frame, a []Value) (Value, error) { return c.In.emptyEnv(), nil }},
		&Builtin{Name: "topenv", Formals: []string{"envir", "matchThisEnv"}, Fn: func(c *Frame, a []Value) (Value, error) { return c.In.Global, nil }},
		&Builtin{Name: "parent.env", Formals: []string{"env"}, Fn: func(c *Frame, a []Value) (Value, error) {
			e, ok := a[0].(*Env)
			if !ok {
				return nil, c.Errorf("argument is not an environment")
			}
			if e.Parent == nil {
				return c.In.emptyEnv(), nil
			}
			return e.Parent, nil
		}},
		&Builtin{Name: "parent.env<-", Formals: []string{"env", "value"}, Fn: func(c *Frame, a []Value) (Value, error) {
			e, ok := a[0].(*Env)
			p, ok2 := a[1].(*Env)
			if !ok || !ok2 {
				return nil, c.Errorf("argument is not an environment")
			}
			e.Parent = p
			return e, nil
		}},
		&Builtin{Name: "environmentName", Formals: []string{"env"}, Fn: func(c *Frame, a []Value) (Value, error) {
			if e, ok := a[0].(*Env); ok {
				return NewStr1(e.Name), nil
			}
			return NewStr1(""), nil
		}},
		&Builtin{Name: "local", Formals: []string{"expr", "envir"}, Special: true, Fn: func(c *Frame, a []Value) (Value, error) {
			env := NewEnv(c.Env)
			if a[1] != nil {
				ev, err := c.Force(a[1])
				if err != nil {
					return nil, err
				}
				e, ok := ev.(*Env)
				if !ok {
					return nil, c.Errorf("invalid 'envir' argument")
				}
				env = e
			}
			return c.In.Eval(promiseExpr(a[0]), env)
		}},
		&Builtin{Name: "eval", KeepVisible: true, Formals: []string{"expr", "envir = parent.frame()", "enclos"}, Fn: builtinEval},
		&Builtin{Name: "evalq", Formals: []string{"expr", "envir", "enclos"}, Special: true, Fn: func(c *Frame, a []Value) (Value, error) {
			env := c.Env
			if a[1] != nil {
				ev, err := c.Force(a[1])
				if err != nil {
					return nil, err
				}
				env, err = c.envArg(ev, c.Env)
				if err != nil {
					return nil, err
				}
			}
			return c.In.Eval(promiseExpr(a[0]), env)
		}},
		&Builtin{Name: "assign", Formals: []string{"x", "value", "pos = -1", "envir", "inherits = FALSE", "immediate = TRUE"}, Invisible: true, Fn: func(c *Frame, a []Value) (Value, error) {
			name, ok := asString1(a[0])
			if !ok {
				return nil, c.Errorf("invalid first argument")
			}
			envir := a[3]
			if _, isEnv := a[2].(*Env); isEnv && envir == nil {
				// assign(x, value, env): pos given as an environment
				envir = a[2]
			}
			env, err := c.envArg(envir, c.Env)
			if err != nil {
				return nil, err
			}
			if truthy(a[4]) {
				if e := env.LookupEnv(name); e != nil && !e.base {
					env = e
				}
			}
			env.Assign(name, a[1])
			return a[1], nil
		}},
		&Builtin{Name: "get", Formals: []string{"x", "pos = -1L", "envir", "mode = \"any\"", "inherits = TRUE"}, Fn: func(c *Frame, a []Value) (Value, error) {
			envir := a[2]
			if _, isEnv := a[1].(*Env); isEnv && envir == nil {
				// get(x, env): pos given as an environment
				envir = a[1]
			}
			return getVar(c, a[0], envir, a[3], a[4], nil)
		}},
		&Builtin{Name: "get0", Formals: []string{"x", "envir", "mode = \"any\"", "inherits = TRUE", "ifnotfound = NULL"}, Fn: func(c *Frame, a []Value) (Value, error) {
			return getVar(c, a[0], a[1], a[2], a[3], a[4])
		}},
		&Builtin{Name: "exists", Formals: []string{"x", "where = -1", "envir", "frame", "mode = \"any\"", "inherits = TRUE"}, Fn: func(c *Frame, a []Value) (Value, error) {
			envir := a[2]
			if _, isEnv := a[1].(*Env); isEnv && envir == nil {
				// exists(x, env): where given as an environment
				envir = a[1]
			}
			v, err := getVar(c, a[0], envir, a[4], a[5], Null)
			if err != nil {
				return nil, err
			}
			_ = v
			name, _ := asString1(a[0])
			env, _ := c.envArg(envir, c.Env)
			var ok bool
			if truthy(a[5]) {
				_, ok = env.Lookup(name)
			} else {
				_, ok = env.GetLocal(name)
			}
			if ok && a[4] != nil {
				if m, _ := asString1(a[4]); m == "function" {
					fv, _ := c.In.lookupFunction(name, env)
					ok = fv != nil
				}
			}
			return Bool(ok), nil
		}},
		&Builtin{Name: "rm", Formals: []string{"...", "list = character()", "pos = -1", "envir", "inherits = FALSE"}, Special: true, Invisible: true, Fn: func(c *Frame, a []Value) (Value, error) {
			envv, err := c.Force(a[3])
			if err != nil {
				return nil, err
			}
			env, err := c.envArg(envv, c.Env)
			if err != nil {
				return nil, err
			}
			var names []string
			for _, p := range a[0].(*List).V {
				x := promiseExpr(p)
				switch id := x.(type) {
				case *syntax.Ident:
					names = append(names, id.Name)
				case *syntax.Str:
					names = append(names, id.Value)
				default:
					return nil, c.Errorf("... must contain names or character strings")
				}
			}
			lv, err := c.Force(a[1])
			if err != nil {
				return nil, err
			}
			if s, ok := lv.(*Character); ok {
				names = append(names, s.V...)
			}
			for _, n := range names {
				if !env.Remove(n) {
					if err := c.In.Warning(c.Call, fmt.Sprintf("object '%s' not found", n)); err != nil {
						return nil, err
					}
				}
			}
			return Null, nil
		}},
		&Builtin{Name: "ls", Formals: []string{"name", "pos = -1L", "envir", "all.names = FALSE", "pattern", "sorted = TRUE"}, Fn: func(c *Frame, a []Value) (Value, error) {
			ev := a[2]
			if ev == nil {
				ev = a[0]
			}
			env, err := c.envArg(ev, c.Env)
			if err != nil {
				return nil, err
			}
			all := truthy(a[3])
			var r []string
			for _, n := range env.Names() {
				if !all && strings.HasPrefix(n, ".") {
					continue
				}
				r = append(r, n)
			}
			if r == nil {
				r = []string{}
			}
			sort.SliceStable(r, func(i, j int) bool { return Collate(r[i], r[j]) < 0 })
			return NewStr(r), nil
		}},
		&Builtin{Name: "deparse", Formals: []string{"expr", "width.cutoff = 60L", "backtick", "control", "nlines = -1L"}, Fn: func(c *Frame, a []Value) (Value, error) {
			w := int(asIntScalar(a[1]))
			return NewStr(DeparseValueLines(a[0], w)), nil
		}},
		&Builtin{Name: "dput", Invisible: true, Formals: []string{"x", `file = ""`, "control"}, Fn: func(c *Frame, a []Value) (Value, error) {
			if f, ok := a[1].(*Character); !ok || len(f.V) != 1 || f.V[0] != "" {
				return nil, c.Errorf("dput() writes to the console only (file = \"\")")
			}
			x := a[0]
			if x == nil {
				x = Null
			}
			lines := DeparseValueLines(x, 60)
			if _, err := io.WriteString(c.In.Stdout, strings.Join(lines, "\n")+"\n"); err != nil {
				return nil, err
			}
			return x, nil
		}},
		&Builtin{Name: "body", Formals: []string{"fun"}, Fn: func(c *Frame, a []Value) (Value, error) {
			if f, ok := a[0].(*Closure); ok {
				return LangValue(f.Body), nil
			}
			return Null, nil
		}},
		&Builtin{Name: "formals", Formals: []string{"fun", "envir"}, Fn: func(c *Frame, a []Value) (Value, error) {
			fv := a[0]
			if s, ok := fv.(*Character); ok && len(s.V) == 1 {
				fv, _ = c.In.lookupFunction(s.V[0], c.Env)
			}
			f, ok := fv.(*Closure)
			if !ok || len(f.Params) == 0 {
				return Null, nil
			}
			vals := make([]Value, len(f.Params))
			names := make([]string, len(f.Params))
			for i, p := range f.Params {
				names[i] = p.Name
				if p.Default == nil {
					vals[i] = NewSymbol("")
				} else {
					vals[i] = LangValue(p.Default)
				}
			}
			return NewList(vals, names), nil
		}},
		&Builtin{Name: "as.name", Formals: []string{"x"}, Fn: asName},
		&Builtin{Name: "as.symbol", Formals: []string{"x"}, Fn: asName},
		&Builtin{Name: "call", Formals: []string{"name", "..."}, Fn: func(c *Frame, a []Value) (Value, error) {
			name, ok := a[0].(*Character)
			if !ok || len(name.V) != 1 {
				return nil, c.Errorf("first argument must be a character string")
			}
			l := a[1].(*List)
			nms := Names(l)
			call := &syntax.Call{Fn: &syntax.Ident{Name: name.V[0]}}
			for i, v := range l.V {
				arg := syntax.Arg{Value: exprOf(v)}
				if nms != nil && nms[i] != "" {
					arg.Name, arg.HasName = nms[i], true
				}
				call.Args = append(call.Args, arg)
			}
			return &Lang{X: call}, nil
		}},
		&Builtin{Name: "as.call", Formals: []string{"x"}, Fn: func(c *Frame, a []Value) (Value, error) {
			l, ok := a[0].(*List)
			if !ok || len(l.V) == 0 {
				if lg, ok := a[0].(*Lang); ok {
					return lg, nil
				}
				return nil, c.Errorf("invalid argument list")
			}
			nms := Names(l)
			call := &syntax.Call{Fn: exprOf(l.V[0])}
			for i, v := range l.V[1:] {
				arg := syntax.Arg{Value: exprOf(v)}
				if nms != nil && nms[i+1] != "" {
					arg.Name, arg.HasName = nms[i+1], true
				}
				call.Args = append(call.Args, arg)
			}
			return &Lang{X: call}, nil
		}},
		&Builtin{Name: "match.arg", Formals: []string{"arg", "choices", "several.ok = FALSE"}, Special: true, Fn: builtinMatchArg},
		&Builtin{Name: "match.call", Formals: []string{"definition = sys.function(sys.parent())", "call = sys.call(sys.parent())", "expand.dots = TRUE", "envir = parent.frame(2L)"}, Special: true, Fn: builtinMatchCall},
		&Builtin{Name: "sys.parent", Formals: []string{"n = 1L"}, Fn: func(c *Frame, a []Value) (Value, error) {
			e := c.In.sysFrame(c.Env, int(asIntScalar(a[0])))
			for i, f := range c.In.frames {
				if f.Env == e {
					return NewInt1(int32(i + 1)), nil
				}
			}
			return NewInt1(0), nil
		}},
		&Builtin{Name: "sys.nframe", Fn: func(c *Frame, a []Value) (Value, error) {
			for i, f := range c.In.frames {
				if f.Env == c.Env {
					return NewInt1(int32(i + 1)), nil
				}
			}
			return NewInt1(0), nil
		}},
		&Builtin{Name: "sys.calls", Fn: func(c *Frame, a []Value) (Value, error) {
			if len(c.In.frames) == 0 {
				return Null, nil
			}
			var vals []Value
			for _, f := range c.In.frames {
				if f.Call != nil {
					vals = append(vals, &Lang{X: f.Call})
				} else {
					vals = append(vals, Null)
				}
			}
			return NewList(vals, nil), nil
		}},
		&Builtin{Name: "interactive", Fn: func(c *Frame, a []Value) (Value, error) { return False, nil }},
		&Builtin{Name: "print", Formals: []string{"x", "..."}, Generic: true, Invisible: true, Fn: builtinPrintDefault},
		&Builtin{Name: "print.default", Formals: []string{"x", "digits = NULL", "quote = TRUE", "na.print = NULL", "print.gap = NULL", "right = FALSE", "max = NULL", "width = NULL", "useSource = TRUE", "..."}, Invisible: true, Fn: builtinPrintDefault},
		&Builtin{Name: "switch", Formals: []string{"EXPR", "..."}, Special: true, Fn: builtinSwitch},
		&Builtin{Name: "do.call", KeepVisible: true, Formals: []string{"what", "args = list()", "quote = FALSE", "envir = parent.frame()"}, Fn: builtinDoCall},
		&Builtin{Name: "quit", Formals: []string{"save = \"default\"", "status = 0", "runLast = TRUE"}, Fn: builtinQuit},
		&Builtin{Name: "q", Formals: []string{"save = \"default\"", "status = 0", "runLast = TRUE"}, Fn: builtinQuit},
		&Builtin{Name: "commandArgs", Formals: []string{"trailingOnly = FALSE"}, Fn: func(c *Frame, a []Value) (Value, error) {
			if truthy(a[0]) {
				return NewStr(append([]string{}, c.In.Args...)), nil
			}
			return NewStr(append([]string{"torchr"}, c.In.Args...)), nil
		}},
	)
}

// builtinPrintDefault implements print.default: print(x, digits=,
// quote=, right=, width=) for either formals layout (print's "x, ..." or
// print.default's full list).
func builtinPrintDefault(c *Frame, a []Value) (Value, error) {
	in := c.In
	ov := &printOverrides{}
	set := func(name string, v Value) {
		if v == nil || v == Value(Null) {
			return
		}
		switch name {
		case "digits":
			n := int(asIntScalar(v))
			ov.digits = &n
		case "quote":
			q := truthy(v)
			ov.quote = &q
		case "right":
			r := truthy(v)
			ov.right = &r
		case "width":
			n := int(asIntScalar(v))
			ov.width = &n
		}
	}
	b := c.Fn.(*Builtin)
	names := b.ParamNames()
	for i, n := range names {
		if n == "..." {
			if l, ok := a[i].(*List); ok {
				for j, dn := range Names(l) {
					set(dn, l.V[j])
				}
			}
			continue
		}
		if i > 0 {
			set(n, a[i])
		}
	}
	saved := in.printOv
	in.printOv = ov
	err := in.PrintValue(a[0], c.Env)
	in.printOv = saved
	if err != nil {
		return nil, err
	}
	return a[0], nil
}

func asName(c *Frame, a []Value) (Value, error) {
	if l, ok := a[0].(*Lang); ok {
		if _, ok := l.X.(*syntax.Ident); ok {
			return l, nil
		}
	}
	s := AsStrings(a[0])
	if len(s) == 0 {
		return nil, c.Errorf("invalid type/length (symbol/0) in vector allocation")
	}
	return NewSymbol(s[0]), nil
}

func listArgs(l *List) []Arg {
	nms := Names(l)
	r := make([]Arg, len(l.V))
	for i, v := range l.V {
		r[i].Value = v
		if nms != nil {
			r[i].Name = nms[i]
		}
	}
	return r
}

// frameAt returns sys.function/sys.call's frame for which (0: current).
func (in *Interp) frameAt(env *Env, which int) *Frame {
	cur := in.frameOf(env)
	if which == 0 {
		return cur
	}
	if which > 0 {
		if which-1 < len(in.frames) {
			return in.frames[which-1]
		}
		return nil
	}
	idx := -1
	for i := len(in.frames) - 1; i >= 0; i-- {
		if in.frames[i] == cur {
			idx = i
			break
		}
	}
	idx += which
	if idx >= 0 && idx < len(in.frames) {
		return in.frames[idx]
	}
	return nil
}

func (in *Interp) emptyEnv() *Env {
	if e, ok := in.Local["emptyenv"].(*Env); ok {
		return e
	}
	e := &Env{Name: "R_EmptyEnv", in: in}
	in.Local["emptyenv"] = e
	return e
}

func builtinMissing(c *Frame, a []Value) (Value, error) {
	x := promiseExpr(a[0])
	var name string
	switch id := x.(type) {
	case *syntax.Ident:
		name = id.Name
	case *syntax.Str:
		name = id.Value
	default:
		return nil, c.Errorf("invalid use of 'missing'")
	}
	return Bool(c.In.isMissing(c.Env, name, 0)), nil
}

func (in *Interp) isMissing(env *Env, name string, depth int) bool {
	v, ok := env.GetLocal(name)
	if !ok {
		if n, ok := dotDotIndex(name); ok && len(name) > 2 && name[:2] == ".." {
			dv, _ := env.GetLocal("...")
			d, _ := dv.(*Dots)
			return d == nil || n > len(d.Args) || d.Args[n-1].Value == MissingArg
		}
		return false
	}
	switch p := v.(type) {
	case *MissingArgType:
		return true
	case *Dots:
		return len(p.Args) == 0
	case *Promise:
		if p.isDefault {
			return true
		}
		if depth < 100 && p.Env != nil {
			if id, ok := p.Expr.(*syntax.Ident); ok {
				if _, ok := p.Env.GetLocal(id.Name); ok && in.frameOf(p.Env) != nil {
					return in.isMissing(p.Env, id.Name, depth+1)
				}
			}
		}
	}
	return false
}

func getVar(c *Frame, xv, envv, modev, inhv, ifnot Value) (Value, error) {
	name, ok := asString1(xv)
	if !ok {
		return nil, c.Errorf("invalid first argument")
	}
	env, err := c.envArg(envv, c.Env)
	if err != nil {
		return nil, err
	}
	mode := "any"
	if modev != nil {
		mode, _ = asString1(modev)
	}
	if mode == "function" {
		f, err := c.In.lookupFunction(name, env)
		if err != nil {
			return nil, err
		}
		if f != nil {
			return f, nil
		}
	} else {
		var v Value
		var ok bool
		if inhv == nil || truthy(inhv) {
			v, ok = env.Lookup(name)
		} else {
			v, ok = env.GetLocal(name)
		}
		if ok {
			return c.In.forceArg(v)
		}
	}
	if ifnot != nil {
		return ifnot, nil
	}
	if mode == "function" {
		return nil, c.Errorf("object '%s' of mode 'function' was not found", name)
	}
	return nil, c.Errorf("object '%s' not found", name)
}

func builtinEval(c *Frame, a []Value) (Value, error) {
	env := c.Env
	switch e := a[1].(type) {
	case *Env:
		env = e
	case *List:
		parent := c.Env
		if pe, ok := a[2].(*Env); ok {
			parent = pe
		}
		env = NewEnv(parent)
		for i, n := range Names(e) {
			if n != "" {
				env.Assign(n, e.V[i])
			}
		}
	case *NullType:
		env = NewEnv(c.Env)
	case *Double, *Integer:
		env = c.In.sysFrame(c.Env, int(asIntScalar(e)))
	case nil:
	default:
		return nil, c.Errorf("invalid 'envir' argument of type '%s'", e.TypeName())
	}
	switch x := a[0].(type) {
	case *Lang:
		return c.In.Eval(x.X, env)
	case *Promise:
		return c.In.Force(x)
	case *List:
		if cls := ClassAttr(x); len(cls) > 0 && cls[0] == "expression" {
			var v Value = Null
			for _, e := range x.V {
				if l, ok := e.(*Lang); ok {
					r, err := c.In.Eval(l.X, env)
					if err != nil {
						return nil, err
					}
					v = r
				} else {
					v = e
				}
			}
			return v, nil
		}
	}
	return a[0], nil
}

func builtinSwitch(c *Frame, a []Value) (Value, error) {
	in := c.In
	if a[0] == nil {
		return nil, c.Errorf("'EXPR' is missing")
	}
	ev, err := c.Force(a[0])
	if err != nil {
		return nil, err
	}
	alts := a[1].(*List)
	nms := Names(alts)
	if Length(ev) != 1 {
		return nil, c.Errorf("EXPR must be a length 1 vector")
	}
	evalAlt := func(i int) (Value, error) {
		for ; i < len(alts.V); i++ {
			p := alts.V[i]
			if p == MissingArg {
				continue
			}
			if pr, ok := p.(*Promise); ok && pr.Expr == nil {
				continue
			}
			return c.Force(p)
		}
		return Null, nil
	}
	if s, ok := ev.(*Character); ok {
		// R rejects a second unnamed alternative whether or not EXPR
		// matches a name (do_switch's setDflt sees every default).
		def := -1
		for i := range alts.V {
			if nms == nil || nms[i] == "" {
				if def >= 0 {
					return nil, ErrorWithCall(c.ContextCall(), fmt.Sprintf("duplicate 'switch' defaults: '%s' and '%s'",
						switchDefaultText(alts.V[def]), switchDefaultText(alts.V[i])))
				}
				def = i
			}
		}
		key := s.V[0]
		for i := range alts.V {
			if nms != nil && nms[i] == key {
				return evalAlt(i)
			}
		}
		if def >= 0 {
			return evalAlt(def)
		}
		in.visible = false
		return Null, nil
	}
	f, ok := scalarNum(ev)
	if !ok {
		return nil, c.Errorf("EXPR must be a length 1 vector")
	}
	i := int(f)
	if i >= 1 && i <= len(alts.V) {
		p := alts.V[i-1]
		if p == MissingArg {
			in.visible = false
			return Null, nil
		}
		return c.Force(p)
	}
	in.visible = false
	return Null, nil
}

// switchDefaultText is how R's switch() shows a default alternative in its
// "duplicate defaults" error: the first line of its deparse, cut to 10
// bytes with "..." appended.
func switchDefaultText(p Value) string {
	var e syntax.Expr
	if pr, ok := p.(*Promise); ok {
		e = pr.Expr
	}
	var txt string
	if e != nil {
		txt = DeparseExpr(e)
	} else {
		txt = DeparseValue(forcedValue(p))
	}
	txt, _, _ = strings.Cut(txt, "\n")
	if len(txt) > 10 {
		txt = txt[:10] + "..."
	}
	return txt
}

func builtinDoCall(c *Frame, a []Value) (Value, error) {
	in := c.In
	env, _ := a[3].(*Env)
	if env == nil {
		env = c.Env
	}
	fn := a[0]
	var call syntax.Expr
	if s, ok := fn.(*Character); ok && len(s.V) == 1 {
		f, err := in.lookupFunction(s.V[0], env)
		if err != nil {
			return nil, err
		}
		if f == nil {
			return nil, c.Errorf("could not find function \"%s\"", s.V[0])
		}
		fn = f
	}
	var args []Arg
	switch l := a[1].(type) {
	case *List:
		args = listArgs(l)
	case *NullType:
	case Vector:
		n := l.Len()
		nms := Names(l)
		for i := 0; i < n; i++ {
			ar := Arg{Value: elementAt(l, i)}
			if nms != nil {
				ar.Name = nms[i]
			}
			args = append(args, ar)
		}
	default:
		return nil, c.Errorf("second argument must be a list")
	}
	name := "FUN"
	if s, ok := a[0].(*Character); ok {
		name = s.V[0]
	} else if b, ok := fn.(*Builtin); ok {
		name = b.Name
	}
	quote := truthy(a[2])
	for i := range args {
		if l, ok := args[i].Value.(*Lang); ok && !quote {
			args[i].Expr = l.X
		}
	}
	if !quote {
		// Language arguments are evaluated, as in R.
		for i := range args {
			if l, ok := args[i].Value.(*Lang); ok {
				v, err := in.Eval(l.X, env)
				if err != nil {
					return nil, err
				}
				args[i].Value = v
			}
		}
	}
	call = synthNamedCall(name, args)
	return in.Apply(fn, args, call, env)
}

func builtinQuit(c *Frame, a []Value) (Value, error) {
	st := int(asIntScalar(a[1]))
	if c.In.QuitHook != nil {
		c.In.QuitHook(st)
	}
	return nil, &quitSignal{status: st}
}

func builtinMatchArg(c *Frame, a []Value) (Value, error) {
	in := c.In
	argv, err := c.Force(a[0])
	if err != nil {
		return nil, err
	}
	var choices Value
	usedDefault := false
	if a[1] != nil {
		choices, err = c.Force(a[1])
		if err != nil {
			return nil, err
		}
	} else {
		// choices from the formal default of arg in the calling function.
		id, ok := promiseExpr(a[0]).(*syntax.Ident)
		fr := c.callerFrame()
		if !ok || fr == nil {
			return nil, c.Errorf("'match.arg' without 'choices' must be called from a function")
		}
		cl, _ := fr.Fn.(*Closure)
		if cl == nil {
			return nil, c.Errorf("'match.arg' without 'choices' must be called from a function")
		}
		for _, p := range cl.Params {
			if p.Name == id.Name && p.Default != nil {
				choices, err = in.Eval(p.Default, fr.Env)
				if err != nil {
					return nil, err
				}
			}
		}
		if choices == nil {
			return nil, c.Errorf("'arg' must be of length 1")
		}
		usedDefault = in.isMissing(fr.Env, id.Name, 0)
	}
	ch, ok := choices.(*Character)
	if !ok {
		ch = NewStr(AsStrings(choices))
	}
	several := a[2] != nil && truthy(forcedValue(a[2]))
	if sv, err := c.Force(a[2]); err == nil {
		several = truthy(sv)
	}
	if argv == Value(Null) || usedDefault {
		if several {
			return ch, nil
		}
		return NewStr1(ch.V[0]), nil
	}
	as, ok := argv.(*Character)
	if !ok {
		return nil, c.Errorf("'arg' must be NULL or a character vector")
	}
	if !several {
		if len(as.V) != 1 {
			if len(as.V) == len(ch.V) {
				same := true
				for i := range as.V {
					if as.V[i] != ch.V[i] {
						same = false
					}
				}
				if same {
					return NewStr1(ch.V[0]), nil
				}
			}
			return nil, c.Errorf("'arg' must be of length 1")
		}
	}
	var res []string
	for _, s := range as.V {
		idx := -1
		for i, cc := range ch.V {
			if cc == s {
				idx = i
				break
			}
		}
		if idx < 0 {
			for i, cc := range ch.V {
				if strings.HasPrefix(cc, s) && s != "" {
					if idx >= 0 {
						idx = -2
						break
					}
					idx = i
				}
			}
		}
		if idx < 0 {
			q := make([]string, len(ch.V))
			for i, cc := range ch.V {
				q[i] = "\u201c" + cc + "\u201d"
			}
			return nil, c.Errorf("'arg' should be one of %s", strings.Join(q, ", "))
		}
		res = append(res, ch.V[idx])
	}
	return NewStr(res), nil
}

func builtinMatchCall(c *Frame, a []Value) (Value, error) {
	in := c.In
	fr := c.callerFrame()
	if a[1] != nil || a[0] != nil {
		// Explicit definition/call.
		var def Value
		var callv Value
		var err error
		if a[0] != nil {
			def, err = c.Force(a[0])
			if err != nil {
				return nil, err
			}
		}
		if a[1] != nil {
			callv, err = c.Force(a[1])
			if err != nil {
				return nil, err
			}
		}
		if fr != nil {
			if def == nil {
				def = fr.Fn
			}
			if callv == nil && fr.Call != nil {
				callv = &Lang{X: fr.Call}
			}
		}
		cl, ok := def.(*Closure)
		lc, ok2 := callv.(*Lang)
		if !ok || !ok2 {
			return nil, c.Errorf("invalid 'definition' argument")
		}
		ce, ok := lc.X.(*syntax.Call)
		if !ok {
			return lc, nil
		}
		args := make([]Arg, len(ce.Args))
		for i, sa := range ce.Args {
			args[i] = Arg{Name: sa.Name, Value: &Promise{Expr: sa.Value}, Expr: sa.Value}
		}
		return matchedCall(cl, ce.Fn, args, truthy(forcedValue(a[2])))
	}
	if fr == nil {
		return nil, c.Errorf("match.call() was called from outside a function")
	}
	cl, ok := fr.Fn.(*Closure)
	if !ok {
		return nil, c.Errorf("invalid 'definition' argument")
	}
	var fnx syntax.Expr = &syntax.Ident{Name: fr.Name}
	if ce, ok := fr.Call.(*syntax.Call); ok {
		fnx = ce.Fn
	}
	expand := true
	if a[2] != nil {
		ev, err := c.Force(a[2])
		if err == nil {
			expand = truthy(ev)
		}
	}
	_ = in
	return matchedCall(cl, fnx, fr.Args, expand)
}

func matchedCall(cl *Closure, fn syntax.Expr, args []Arg, expand bool) (Value, error) {
	names, dots := cl.info()
	fm := make([]int, len(names))
	fm, dotIdx, err := matchArgs(names, dots, args, fm, nil)
	if err != nil {
		return nil, err
	}
	call := &syntax.Call{Fn: fn}
	argExpr := func(a Arg) syntax.Expr {
		if p, ok := a.Value.(*Promise); ok {
			return p.Expr
		}
		if a.Expr != nil {
			return a.Expr
		}
		return exprOf(a.Value)
	}
	for fi, n := range names {
		if fi == dots {
			if expand {
				for _, ai := range dotIdx {
					call.Args = append(call.Args, syntax.Arg{Name: args[ai].Name, HasName: args[ai].Name != "", Value: argExpr(args[ai])})
				}
			} else if len(dotIdx) > 0 {
				lc := &syntax.Call{Fn: &syntax.Ident{Name: "pairlist"}}
				for _, ai := range dotIdx {
					lc.Args = append(lc.Args, syntax.Arg{Name: args[ai].Name, HasName: args[ai].Name != "", Value: argExpr(args[ai])})
				}
				call.Args = append(call.Args, syntax.Arg{Name: "...", HasName: true, Value: lc})
			}
			continue
		}
		if ai := fm[fi]; ai >= 0 && args[ai].Value != MissingArg {
			call.Args = append(call.Args, syntax.Arg{Name: n, HasName: true, Value: argExpr(args[ai])})
		}
	}
	return &Lang{X: call}, nil
}
