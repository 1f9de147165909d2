package eval

import (
	"fmt"
	"io"
	"strings"

	"torchr/lang/syntax"
)

func isCondition(v Value) bool {
	return classMatch(ClassAttr(v), "condition")
}

func builtinStop(c *Frame, a []Value) (Value, error) {
	in := c.In
	dots := a[0].(*List)
	withCall := a[1] == nil || truthy(a[1])
	var call syntax.Expr
	if withCall {
		call = c.callerCall()
	}
	if len(dots.V) == 1 && isCondition(dots.V[0]) {
		cond := dots.V[0]
		msg := ConditionMessage(cond)
		return nil, &Error{Msg: msg, Call: conditionCallExpr(cond), Cond: cond, hasCall: true, Pos: c.posOf(), File: in.Filename}
	}
	msg := pasteArgs(dots)
	return nil, &Error{Msg: msg, Call: call, hasCall: true, Pos: c.posOf()}
}

func (c *Frame) posOf() syntax.Pos {
	if c.Call != nil {
		return c.Call.Pos()
	}
	return syntax.Pos{}
}

func builtinWarning(c *Frame, a []Value) (Value, error) {
	in := c.In
	dots := a[0].(*List)
	withCall := a[1] == nil || truthy(a[1])
	var call syntax.Expr
	if withCall {
		call = c.callerCall()
	}
	if len(dots.V) == 1 && isCondition(dots.V[0]) {
		cond := dots.V[0]
		msg := ConditionMessage(cond)
		if err := in.warningCond(cond, conditionCallExpr(cond), msg); err != nil {
			return nil, err
		}
		return NewStr1(msg), nil
	}
	msg := pasteArgs(dots)
	if truthy(a[2]) {
		// immediate. = TRUE: printed now, as with options(warn = 1).
		saved := in.Options["warn"]
		in.Options["warn"] = NewInt1(1)
		err := in.Warning(call, msg)
		if saved == nil {
			delete(in.Options, "warn")
		} else {
			in.Options["warn"] = saved
		}
		if err != nil {
			return nil, err
		}
		return NewStr1(msg), nil
	}
	if err := in.Warning(call, msg); err != nil {
		return nil, err
	}
	return NewStr1(msg), nil
}

func builtinMessage(c *Frame, a []Value) (Value, error) {
	in := c.In
	dots := a[0].(*List)
	if len(dots.V) == 1 && isCondition(dots.V[0]) {
		return Null, in.messageCond(dots.V[0])
	}
	msg := pasteArgs(dots)
	if a[2] == nil || truthy(a[2]) {
		msg += "\n"
	}
	return Null, in.Message(c.callerCall(), msg)
}

func condCtor(classes ...string) func(c *Frame, a []Value) (Value, error) {
	return func(c *Frame, a []Value) (Value, error) {
		msg := ""
		if s := AsStrings(a[0]); len(s) > 0 {
			msg = s[0]
		}
		var call syntax.Expr
		if l, ok := a[1].(*Lang); ok {
			call = l.X
		}
		return MakeCondition(msg, call, classes...), nil
	}
}

func typedCondCtor(base ...string) func(c *Frame, a []Value) (Value, error) {
	return func(c *Frame, a []Value) (Value, error) {
		msg := ""
		if s := AsStrings(a[0]); len(s) > 0 {
			msg = s[0]
		}
		var call syntax.Expr
		if l, ok := a[3].(*Lang); ok {
			call = l.X
		}
		var cls []string
		if s, ok := a[2].(*Character); ok {
			cls = append(cls, s.V...)
		}
		cls = append(cls, base...)
		cond := MakeCondition(msg, call, cls...)
		if l, ok := a[1].(*List); ok {
			nms := Names(l)
			for i, v := range l.V {
				if nms != nil && nms[i] != "" {
					cond.V = append(cond.V, v)
					names := append(append([]string{}, Names(cond)...), nms[i])
					cond.SetAttr("names", NewStr(names))
					Ref(v)
				}
			}
			cls := cond.Attr("class")
			cond.SetAttr("class", nil)
			cond.SetAttr("class", cls)
		}
		return cond, nil
	}
}

// handlerArgs returns (class, handler) pairs from a special builtin's dots.
func handlerArgs(c *Frame, dots *List) ([]string, []Value, error) {
	nms := Names(dots)
	var cls []string
	var fns []Value
	for i, p := range dots.V {
		if nms == nil || nms[i] == "" {
			continue
		}
		f, err := c.Force(p)
		if err != nil {
			return nil, nil, err
		}
		cls = append(cls, nms[i])
		fns = append(fns, f)
	}
	return cls, fns, nil
}

// pushPseudo pushes a context frame showing call, as R's closure
// implementations of tryCatch/try/withCallingHandlers would; it returns the
// function that pops it.
func (c *Frame) pushPseudo(call syntax.Expr) func() {
	in := c.In
	fr := &Frame{In: in, Call: call, Fn: c.Fn, Env: &Env{in: in}, CallerEnv: c.Env, Name: "pseudo"}
	in.frames = append(in.frames, fr)
	n := len(in.frames)
	return func() {
		if len(in.frames) >= n {
			in.frames = in.frames[:n-1]
		}
	}
}

var doTryCatchCall = func() syntax.Expr {
	x, _ := syntax.ParseExpr("doTryCatch(return(expr), name, parentenv, handler)")
	return x
}()

func builtinTryCatch(c *Frame, a []Value) (Value, error) {
	in := c.In
	cls, fns, err := handlerArgs(c, a[1].(*List))
	if err != nil {
		return nil, err
	}
	pcall := c.Call
	if len(cls) > 0 {
		pcall = doTryCatchCall
	}
	pop := c.pushPseudo(pcall)
	base := len(in.handlers)
	target := &handlerEntry{}
	for i := len(cls) - 1; i >= 0; i-- {
		in.handlers = append(in.handlers, &handlerEntry{class: cls[i], fn: fns[i], exiting: true, target: target})
	}
	var v Value = Null
	if a[0] != nil {
		v, err = c.Force(a[0])
	}
	pop()
	in.handlers = in.handlers[:base]
	if err != nil {
		if cj, ok := err.(*condJump); ok && cj.target == target {
			v, err = in.Apply(cj.handler, []Arg{{Value: cj.cond}}, nil, c.Env)
		}
	}
	if a[2] != nil {
		vis := in.visible
		if _, ferr := c.Force(a[2]); ferr != nil {
			return nil, ferr
		}
		in.visible = vis
	}
	if err != nil {
		return nil, err
	}
	return v, nil
}

func builtinWithCallingHandlers(c *Frame, a []Value) (Value, error) {
	in := c.In
	cls, fns, err := handlerArgs(c, a[1].(*List))
	if err != nil {
		return nil, err
	}
	base := len(in.handlers)
	for i := len(cls) - 1; i >= 0; i-- {
		in.handlers = append(in.handlers, &handlerEntry{class: cls[i], fn: fns[i]})
	}
	pop := c.pushPseudo(c.Call)
	var v Value = Null
	if a[0] != nil {
		v, err = c.Force(a[0])
	}
	pop()
	in.handlers = in.handlers[:base]
	return v, err
}

func builtinTry(c *Frame, a []Value) (Value, error) {
	in := c.In
	silentV, err := c.Force(a[1])
	if err != nil {
		return nil, err
	}
	silent := truthy(silentV)
	base := len(in.handlers)
	target := &handlerEntry{}
	in.handlers = append(in.handlers, &handlerEntry{class: "error", exiting: true, target: target})
	pop := c.pushPseudo(doTryCatchCall)
	v, err := c.Force(a[0])
	pop()
	in.handlers = in.handlers[:base]
	if err == nil {
		return v, nil
	}
	cj, ok := err.(*condJump)
	if !ok || cj.target != target {
		return nil, err
	}
	msg := ConditionMessage(cj.cond)
	call := conditionCallExpr(cj.cond)
	var text string
	if call != nil {
		dcall := deparseFirstLine(call)
		if call == doTryCatchCall {
			dcall = deparseFirstLine(c.Call)
		}
		if 14+runeLen(dcall)+runeLen(firstLine(msg)) > LongWarn {
			text = "Error in " + dcall + " : \n  " + msg + "\n"
		} else {
			text = "Error in " + dcall + " : " + msg + "\n"
		}
	} else {
		text = "Error : " + msg + "\n"
	}
	in.Local["errmsg"] = text
	if !silent {
		fmt.Fprint(in.Stderr, text)
	}
	r := NewStr1(text)
	r.SetAttr("class", NewStr1("try-error"))
	r.SetAttr("condition", cj.cond)
	in.visible = false
	return r, nil
}

func findRestart(in *Interp, name string) *restartEntry {
	for i := len(in.restarts) - 1; i >= 0; i-- {
		if in.restarts[i].name == name {
			return in.restarts[i]
		}
	}
	return nil
}

func builtinInvokeRestart(c *Frame, a []Value) (Value, error) {
	name, ok := asString1(a[0])
	if !ok {
		if l, ok := a[0].(*List); ok {
			name, _ = asString1(condField(l, "name"))
		}
	}
	r := findRestart(c.In, name)
	if r == nil {
		return nil, c.Errorf("no 'restart' '%s' found", name)
	}
	var args []Value
	if l, ok := a[1].(*List); ok {
		args = l.V
	}
	return nil, &restartJump{target: r, args: args}
}

func builtinWithRestarts(c *Frame, a []Value) (Value, error) {
	in := c.In
	cls, fns, err := handlerArgs(c, a[1].(*List))
	if err != nil {
		return nil, err
	}
	base := len(in.restarts)
	entries := make([]*restartEntry, len(cls))
	for i := range cls {
		entries[i] = &restartEntry{name: cls[i]}
		in.restarts = append(in.restarts, entries[i])
	}
	v, err := c.Force(a[0])
	in.restarts = in.restarts[:base]
	if rj, ok := err.(*restartJump); ok {
		for i, e := range entries {
			if rj.target == e {
				args := make([]Arg, len(rj.args))
				for k, x := range rj.args {
					args[k] = Arg{Value: x}
				}
				return in.Apply(fns[i], args, nil, c.Env)
			}
		}
	}
	return v, err
}

func muffler(restart string) *Builtin {
	return &Builtin{Name: "muffle", Formals: []string{"c"}, Fn: func(c *Frame, a []Value) (Value, error) {
		r := findRestart(c.In, restart)
		if r == nil {
			return Null, nil
		}
		return nil, &restartJump{target: r}
	}}
}

var (
	muffleWarningFn = muffler("muffleWarning")
	muffleMessageFn = muffler("muffleMessage")
)

func suppress(class string, fn *Builtin) func(c *Frame, a []Value) (Value, error) {
	return func(c *Frame, a []Value) (Value, error) {
		in := c.In
		base := len(in.handlers)
		in.handlers = append(in.handlers, &handlerEntry{class: class, fn: fn})
		v, err := c.Force(a[0])
		in.handlers = in.handlers[:base]
		return v, err
	}
}

func builtinStopifnot(c *Frame, a []Value) (Value, error) {
	in := c.In
	dots := a[0].(*List)
	nms := Names(dots)
	for i, p := range dots.V {
		v, err := c.Force(p)
		if err != nil {
			return nil, err
		}
		ok := true
		n := Length(v)
		switch x := v.(type) {
		case *Logical:
			for _, b := range x.V {
				if b != 1 {
					ok = false
					break
				}
			}
		default:
			ok = false
		}
		if ok {
			continue
		}
		var msg string
		px := promiseExpr(p)
		if ce, ok := px.(*syntax.Call); ok && callName(ce) == "all.equal" && len(ce.Args) >= 2 && (nms == nil || nms[i] == "") {
			if s, ok := v.(*Character); ok {
				lines := []string{deparseFirstLine(ce.Args[0].Value) + " and " + deparseFirstLine(ce.Args[1].Value) + " are not equal:"}
				for _, r := range s.V {
					lines = append(lines, "  "+r)
				}
				msg = strings.Join(lines, "\n")
			}
		}
		if msg != "" {
		} else if nms != nil && nms[i] != "" {
			msg = nms[i]
		} else {
			d := deparseFirstLine(promiseExpr(p))
			if n == 1 || (!isLogical(v)) {
				msg = d + " is not TRUE"
			} else {
				msg = d + " are not all TRUE"
			}
			if _, isL := v.(*Logical); !isL || n == 1 {
				msg = d + " is not TRUE"
			}
			if l, isL := v.(*Logical); isL && n > 1 {
				_ = l
				msg = d + " are not all TRUE"
			}
		}
		var call syntax.Expr
		if fr := c.callerFrame(); fr != nil {
			call = fr.Call
		}
		_ = in
		return nil, &Error{Msg: msg, Call: call, hasCall: true, Pos: c.posOf()}
	}
	return Null, nil
}

func isLogical(v Value) bool { _, ok := v.(*Logical); return ok }

func init() {
	RegisterAll(
		&Builtin{Name: "stop", Formals: []string{"...", "call. = TRUE", "domain = NULL"}, Fn: builtinStop},
		&Builtin{Name: "warning", Formals: []string{"...", "call. = TRUE", "immediate. = FALSE", "noBreaks. = FALSE", "domain = NULL"}, Invisible: true, Fn: builtinWarning},
		&Builtin{Name: "message", Formals: []string{"...", "domain = NULL", "appendLF = TRUE"}, Invisible: true, Fn: builtinMessage},
		&Builtin{Name: "signalCondition", Formals: []string{"cond", "message", "call"}, Fn: func(c *Frame, a []Value) (Value, error) {
			if err := c.In.signal(a[0]); err != nil {
				return nil, err
			}
			return Null, nil
		}},
		&Builtin{Name: "simpleError", Formals: []string{"message", "call = NULL"}, Fn: condCtor("simpleError", "error", "condition")},
		&Builtin{Name: "simpleWarning", Formals: []string{"message", "call = NULL"}, Fn: condCtor("simpleWarning", "warning", "condition")},
		&Builtin{Name: "simpleMessage", Formals: []string{"message", "call = NULL"}, Fn: condCtor("simpleMessage", "message", "condition")},
		&Builtin{Name: "simpleCondition", Formals: []string{"message", "call = NULL"}, Fn: condCtor("simpleCondition", "condition")},
		&Builtin{Name: "errorCondition", Formals: []string{"message", "...", "class = character()", "call = NULL"}, Fn: typedCondCtor("error", "condition")},
		&Builtin{Name: "warningCondition", Formals: []string{"message", "...", "class = character()", "call = NULL"}, Fn: typedCondCtor("warning", "condition")},
		&Builtin{Name: "conditionMessage", Formals: []string{"c"}, Generic: true, Fn: func(c *Frame, a []Value) (Value, error) {
			m := condField(a[0], "message")
			if m == nil {
				return nil, c.Errorf("no applicable method for 'conditionMessage' applied to an object of class \"%s\"", classDesc(ImplicitClass(a[0])))
			}
			return m, nil
		}},
		&Builtin{Name: "conditionCall", Formals: []string{"c"}, Generic: true, Fn: func(c *Frame, a []Value) (Value, error) {
			m := condField(a[0], "call")
			if m == nil {
				return Null, nil
			}
			return m, nil
		}},
		&Builtin{Name: "tryCatch", Formals: []string{"expr", "...", "finally"}, Special: true, Fn: builtinTryCatch},
		&Builtin{Name: "withCallingHandlers", Formals: []string{"expr", "..."}, Special: true, Fn: builtinWithCallingHandlers},
		&Builtin{Name: "try", Formals: []string{"expr", "silent = FALSE", "outFile"}, Special: true, Fn: builtinTry},
		&Builtin{Name: "invokeRestart", Formals: []string{"r", "..."}, Fn: builtinInvokeRestart},
		&Builtin{Name: "withRestarts", Formals: []string{"expr", "..."}, Special: true, Fn: builtinWithRestarts},
		&Builtin{Name: "computeRestarts", Formals: []string{"cond = NULL"}, Fn: func(c *Frame, a []Value) (Value, error) {
			var vals []Value
			for i := len(c.In.restarts) - 1; i >= 0; i-- {
				r := NewList([]Value{NewStr1(c.In.restarts[i].name)}, []string{"name"})
				r.SetAttr("class", NewStr1("restart"))
				vals = append(vals, r)
			}
			return NewList(vals, nil), nil
		}},
		&Builtin{Name: "suppressWarnings", Formals: []string{"expr", "classes = \"warning\""}, Special: true, Fn: suppress("warning", muffleWarningFn)},
		&Builtin{Name: "suppressMessages", Formals: []string{"expr", "classes = \"message\""}, Special: true, Fn: suppress("message", muffleMessageFn)},
		&Builtin{Name: "stopifnot", Invisible: true, Formals: []string{"...", "exprs", "exprObject", "local = TRUE"}, Special: true, Fn: builtinStopifnot},
		&Builtin{Name: "warnings", Invisible: true, Formals: []string{"..."}, Fn: func(c *Frame, a []Value) (Value, error) {
			ws := c.In.LastWarnings
			if len(ws) == 0 {
				c.In.visible = false
				return Null, nil
			}
			var b strings.Builder
			b.WriteString("Warning message")
			if len(ws) > 1 {
				b.WriteString("s")
			}
			b.WriteString(":\n")
			for i, w := range ws {
				if len(ws) > 1 {
					fmt.Fprintf(&b, "%d: ", i+1)
				}
				if w.Call != nil {
					b.WriteString("In " + deparseFirstLine(w.Call) + " : ")
				}
				b.WriteString(w.Msg + "\n")
			}
			fmt.Fprint(c.In.Stdout, b.String())
			c.In.visible = false
			return Null, nil
		}},
		&Builtin{Name: "print.condition", Formals: []string{"x", "..."}, Invisible: true, Fn: func(c *Frame, a []Value) (Value, error) {
			x := a[0]
			cls := ClassAttr(x)
			name := "condition"
			if len(cls) > 0 {
				name = cls[0]
			}
			msg := ConditionMessage(x)
			var s string
			if call := conditionCallExpr(x); call != nil {
				s = "<" + name + " in " + deparseFirstLine(call) + ": " + msg + ">\n"
			} else {
				s = "<" + name + ": " + msg + ">\n"
			}
			_, err := io.WriteString(c.In.Stdout, s)
			return x, err
		}},
		&Builtin{Name: "geterrmessage", Fn: func(c *Frame, a []Value) (Value, error) {
			if s, ok := c.In.Local["errmsg"].(string); ok {
				return NewStr1(s), nil
			}
			return NewStr1(""), nil
		}},
	)
}
