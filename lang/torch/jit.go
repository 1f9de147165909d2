package torch

// R torch's JIT surface (R/trace.R, R/script_module.R of mlverse/torch) on
// torchr's tracer (package trace): jit_trace, jit_trace_module, the
// script_function and script_module objects, jit_tuple, jit_scalar.
// Saving and loading are in jit_module.go.

import (
	"errors"
	"fmt"
	"slices"
	"strings"

	"torchr/lang/eval"
	"torchr/lang/syntax"
	"torchr/tensor"
	"torchr/trace"
)

const (
	errMustInit      = "You must initialize the nn_module before tracing."
	errNeedsFn       = "jit_trace needs a function or nn_module."
	errModNotModule  = "`mod` must be a `nn_module()`."
	errDotsNamed     = "Arguments passed trough `...` must be named."
	errReserved      = "Methods `evalforward` and `trainforward` are reserved."
	errSubmodForward = "Forward is not defined. Methods from submodules of traced modules are not traced. Are you trying to call from a submodule?"
	errNotSavable    = "Only `script_function` or `script_module` can be saved with `jit_save`."
)

// jitState is the session's JIT bookkeeping: TorchScript class names are
// made unique per session (nn_linear, nn_linear1, ...) as R torch does.
type jitState struct {
	classes map[string]int
}

type jitKey struct{}

func sessionJIT(in *eval.Interp) *jitState {
	if s, ok := in.Local[jitKey{}].(*jitState); ok {
		return s
	}
	s := &jitState{classes: map[string]int{}}
	if in.Local == nil {
		in.Local = map[any]any{}
	}
	in.Local[jitKey{}] = s
	return s
}

func (s *jitState) uniqueClass(base string) string {
	base = sanitizeIdent(base)
	n := s.classes[base]
	s.classes[base] = n + 1
	if n == 0 {
		return base
	}
	return fmt.Sprintf("%s%d", base, n)
}

func sanitizeIdent(s string) string {
	var b strings.Builder
	for i, r := range s {
		switch {
		case r == '_' || r >= 'a' && r <= 'z' || r >= 'A' && r <= 'Z' || i > 0 && r >= '0' && r <= '9':
			b.WriteRune(r)
		default:
			b.WriteByte('_')
		}
	}
	if b.Len() == 0 {
		return "Module"
	}
	return b.String()
}

// ---------------------------------------------------------------------
// R values <-> trace values

func hasClass(v eval.Value, cls string) bool {
	for _, c := range eval.ImplicitClass(v) {
		if c == cls {
			return true
		}
	}
	return false
}

func allNamed(v *eval.List) bool {
	names := eval.Names(v)
	if len(names) != len(v.V) || len(v.V) == 0 {
		return false
	}
	for _, n := range names {
		if n == "" {
			return false
		}
	}
	return true
}

// traceInput converts an example input or a call argument: tensors,
// jit_tuple()s and unnamed lists (Tensor[] when all elements are tensors,
// else a tuple) and named lists (Dict[str, Tensor] when all values are
// tensors, else a tuple).
func traceInput(v eval.Value) (any, error) {
	switch x := v.(type) {
	case *Tensor:
		return x.T, nil
	case *eval.List:
		if allNamed(x) && !hasClass(x, "jit_tuple") {
			// Dict[str, Tensor] when all values are tensors, else a
			// (named) tuple
			out := make(trace.Tuple, len(x.V))
			tensors := true
			for i, e := range x.V {
				c, err := traceInput(e)
				if err != nil {
					return nil, err
				}
				out[i] = c
				if _, ok := c.(*tensor.Tensor); !ok {
					tensors = false
				}
			}
			if tensors {
				return trace.Dict{Keys: eval.Names(x), Values: []any(out)}, nil
			}
			return out, nil
		}
		elems := make([]any, len(x.V))
		tensors := true
		for i, e := range x.V {
			c, err := traceInput(e)
			if err != nil {
				return nil, err
			}
			elems[i] = c
			if _, ok := c.(*tensor.Tensor); !ok {
				tensors = false
			}
		}
		if tensors && !hasClass(x, "jit_tuple") {
			return trace.List(elems), nil
		}
		return trace.Tuple(elems), nil
	}
	return nil, errors.New("Only Tensors and (possibly nested) Lists, Dicts, and Tuples of Tensors can be traced")
}

type badOutput struct{}

// traceOutput converts what the traced R code returned.
func traceOutput(v eval.Value) any {
	switch x := v.(type) {
	case *Tensor:
		return x.T
	case *eval.List:
		elems := make([]any, len(x.V))
		for i, e := range x.V {
			elems[i] = traceOutput(e)
		}
		if hasClass(x, "jit_tuple") {
			return trace.Tuple(elems)
		}
		if allNamed(x) {
			return trace.Dict{Keys: eval.Names(x), Values: elems}
		}
		return trace.List(elems)
	}
	return badOutput{}
}

// fromTrace converts a traced method's result to R: tensors, unnamed lists
// (lists and tuples) and named lists (dicts).
func fromTrace(v any) eval.Value {
	switch x := v.(type) {
	case *tensor.Tensor:
		return Wrap(x)
	case trace.Tuple:
		return listOf(x, nil)
	case trace.List:
		return listOf(x, nil)
	case []*tensor.Tensor:
		vals := make([]eval.Value, len(x))
		for i, t := range x {
			vals[i] = Wrap(t)
		}
		return eval.NewList(vals, nil)
	case trace.Dict:
		return listOf(x.Values, x.Keys)
	case nil:
		return eval.Null
	}
	return eval.Null
}

func listOf(xs []any, names []string) eval.Value {
	vals := make([]eval.Value, len(xs))
	for i, e := range xs {
		vals[i] = fromTrace(e)
	}
	return eval.NewList(vals, names)
}

// callArgs converts the arguments of a call to a traced function.
func callArgs(args []eval.Value) ([]any, error) {
	out := make([]any, len(args))
	for i, a := range args {
		c, err := traceInput(a)
		if err != nil {
			return nil, err
		}
		out[i] = c
	}
	return out, nil
}

// ---------------------------------------------------------------------
// tracing

// readLocator is a second hook active during a trace: it remembers where
// (which R call) each traced tensor was made, so that a value read can be
// reported with its source line.
type readLocator struct {
	in    *eval.Interp
	base  int
	last  syntax.Expr
	reads []string
	seen  map[string]bool
}

func (l *readLocator) current() syntax.Expr {
	call, depth := eval.CurrentBuiltinCall(l.in)
	if depth > l.base && call != nil && call.Pos().IsValid() {
		return call
	}
	return nil
}

func (l *readLocator) AfterOp(c *tensor.Call) error {
	if call := l.current(); call != nil {
		l.last = call
	}
	return nil
}

func (l *readLocator) ValueRead(t *tensor.Tensor, kind string) {}

// note records the location of a value read the tracer reported.
func (l *readLocator) note() {
	where := l.where()
	if !l.seen[where] {
		l.seen[where] = true
		l.reads = append(l.reads, where)
	}
}

// shapeRead describes the R expression reading a shape, for the error of
// a call its guard rejects: "`x$size(1)`, line 2".
func (l *readLocator) shapeRead() string {
	// the innermost builtin call written in the source (nrow(x) of a
	// data frame method calling dim(x) has none of its own)
	var call syntax.Expr
	_, depth := eval.CurrentBuiltinCall(l.in)
	for i := depth - 1; i >= l.base && call == nil; i-- {
		if c := eval.BuiltinCallAt(l.in, i); c != nil && c.Pos().IsValid() {
			call = c
		}
	}
	if call == nil {
		fr := l.in.Frames()
		for i := len(fr) - 1; i >= 0; i-- {
			if c := fr[i].Call; c != nil && c.Pos().IsValid() {
				call = c
				break
			}
		}
	}
	if call == nil {
		return ""
	}
	text := deparse1(call)
	if isMethodCall(call) {
		// a generic dispatched to the tensor method (nrow.torch_tensor(x)):
		// show the call as written
		text = strings.Replace(text, ".torch_tensor(", "(", 1)
	}
	if call.Pos().IsValid() {
		return fmt.Sprintf("`%s`, line %d", text, call.Pos().Line)
	}
	return "`" + text + "`"
}

// isMethodCall reports a call of an S3 method of tensors (the generic's
// call is the one the user wrote).
func isMethodCall(c syntax.Expr) bool {
	call, ok := c.(*syntax.Call)
	if !ok {
		return false
	}
	id, ok := call.Fn.(*syntax.Ident)
	return ok && strings.HasSuffix(id.Name, ".torch_tensor")
}

// where is the location of the current R call: "line 3: `x$item()`".
func (l *readLocator) where() string {
	call := l.current()
	if call == nil {
		call = l.last
	}
	var where string
	switch {
	case call != nil && call.Pos().IsValid():
		where = fmt.Sprintf("line %d: `%s`", call.Pos().Line, deparse1(call))
	default:
		fr := l.in.Frames()
		if n := len(fr); n > 0 && fr[n-1].Call != nil {
			where = fmt.Sprintf("in `%s`", deparse1(fr[n-1].Call))
		} else {
			where = "in the traced code"
		}
	}
	return where
}

func deparse1(x syntax.Expr) string {
	s := eval.DeparseExpr(x)
	if i := strings.IndexByte(s, '\n'); i >= 0 {
		s = s[:i] + " ..."
	}
	return s
}

// tracing collects the warnings of one jit_trace/jit_trace_module call.
type tracing struct {
	in       *eval.Interp
	call     syntax.Expr
	loc      *readLocator
	warnings []string
}

func newTracing(c *eval.Frame) *tracing {
	_, depth := eval.CurrentBuiltinCall(c.In)
	return &tracing{in: c.In, call: c.Call, loc: &readLocator{in: c.In, base: depth, seen: map[string]bool{}}}
}

// flush emits the warnings: torch's list-output warning once, and one
// warning for all value reads, naming their R source lines.
func (t *tracing) flush() error {
	seen := map[string]bool{}
	for _, w := range t.warnings {
		if w == trace.ValueReadWarning || seen[w] {
			continue
		}
		seen[w] = true
		if err := t.in.Warning(t.call, w); err != nil {
			return err
		}
	}
	if len(t.loc.reads) > 0 {
		msg := trace.ValueReadWarning + " (" + strings.Join(t.loc.reads, "; ") + ")"
		if err := t.in.Warning(t.call, msg); err != nil {
			return err
		}
	}
	return nil
}

// run traces one call: start the tracer with the module's parameters and
// buffers registered (mod may be nil for a function), feed the inputs, call
// the R code, and finish.
func (t *tracing) run(mod *Module, class string, classes map[*Module]string, name string, strict bool,
	inputs []eval.Value, call func(args []eval.Value) (eval.Value, error)) (*trace.Function, error) {
	rt := Runtime(t.in)
	opt := trace.Options{Strict: strict, OnValueRead: func(string) { t.loc.note() }, OnShapeRead: t.loc.shapeRead}
	if mod != nil {
		opt.Self = "__torch__." + class
	}
	ins := make([]any, len(inputs))
	for i, v := range inputs {
		c, err := traceInput(v)
		if err != nil {
			return nil, err
		}
		ins[i] = c
	}
	tr := trace.Start(rt, opt)
	removeLoc := rt.PushHook(t.loc)
	defer removeLoc()
	if mod != nil {
		registerAttrs(tr, mod, "", classes)
	}
	for _, c := range ins {
		if err := tr.Input(c); err != nil {
			tr.Abort()
			return nil, err
		}
	}
	out, err := call(inputs)
	if err != nil {
		tr.Abort()
		return nil, err
	}
	fn, err := tr.Finish(name, traceOutput(out))
	if err != nil {
		return nil, err
	}
	t.warnings = append(t.warnings, fn.Warnings...)
	return fn, nil
}

func registerAttrs(tr *trace.Tracer, m *Module, prefix string, classes map[*Module]string) {
	for _, c := range m.mods {
		if cls, ok := classes[c.m]; ok {
			tr.Module(prefix+c.name, "__torch__."+cls)
		}
		registerAttrs(tr, c.m, prefix+c.name+".", classes)
	}
	for i, n := range m.params.names {
		tr.Param(prefix+n, m.params.ts[i])
	}
	for i, n := range m.buffers.names {
		tr.Param(prefix+n, m.buffers.ts[i])
	}
}

// ---------------------------------------------------------------------
// script_function

// ScriptFunction is a traced R function (class script_function).
type ScriptFunction struct {
	fn    *trace.Function
	fresh freshOutput
}

func (f *ScriptFunction) TypeName() string { return "closure" }
func (f *ScriptFunction) Class() []string  { return []string{"script_function"} }
func (f *ScriptFunction) PrintText(in *eval.Interp) (string, error) {
	return "<script_function>\n", nil
}

// Call runs the traced function (R torch: arguments are passed as a list).
func (f *ScriptFunction) Call(in *eval.Interp, c *eval.Frame, args []eval.Arg) (eval.Value, error) {
	seq := tensor.AllocSeq()
	var v eval.Value
	var err error
	if f.fn.Compiled() {
		v, err = callCompiled(in, f.fn, args)
	} else {
		vals := make([]eval.Value, len(args))
		for i, a := range args {
			vals[i] = a.Value
		}
		v, err = runTraced(in, f.fn, nil, vals)
	}
	f.fresh.note(v, err, seq)
	return v, err
}

// FreshResult makes the function an eval.FreshCallable: y <- f(x) in a
// loop gives the previous output back as soon as y is assigned again.
func (f *ScriptFunction) FreshResult(v eval.Value) eval.Temporary { return f.fresh.take(v) }

// freshOutput remembers the output of a traced call when the call
// allocated it (not an input, a parameter, a buffer, a constant of the
// graph or a view of one): for the language, a temporary.
type freshOutput struct{ t *Tensor }

// note records the result v of a call that started at allocation mark
// seq (tensor.AllocSeq).
func (o *freshOutput) note(v eval.Value, err error, seq uint64) {
	o.t = nil
	if t, ok := v.(*Tensor); ok && err == nil && t.T != nil && t.T.AllocatedSince(seq) {
		o.t = t
	}
}

// take returns v as a temporary when it is the noted output, and forgets it.
func (o *freshOutput) take(v eval.Value) eval.Temporary {
	t := o.t
	o.t = nil
	if t == nil || v != eval.Value(t) {
		return nil
	}
	return t
}

func (f *ScriptFunction) Dollar(in *eval.Interp, name string) (eval.Value, error) {
	switch name {
	case "graph":
		g := f.fn.CurrentGraph()
		if g == nil {
			return &jitText{fmt.Sprintf("<%s is traced per input signature on its first call with tensors: $graph shows the graph of the latest such call; see $code for its TorchScript source>", f.fn.Name), "script_graph"}, nil
		}
		return &jitText{g.String(), "script_graph"}, nil
	case "code":
		return &jitText{f.fn.Code(), "script_code"}, nil
	case "save", "save_for_mobile":
		return &eval.Builtin{Name: name, Formals: []string{"path"}, Invisible: true, Fn: func(c *eval.Frame, a []eval.Value) (eval.Value, error) {
			return eval.Null, jitSaveFile(c.In, f, a[0])
		}}, nil
	}
	return eval.Null, nil
}

func (f *ScriptFunction) DollarNames() []string {
	return []string{"graph", "code", "save", "save_for_mobile"}
}

// jitText is a graph or code text: it prints as is; as.character gives it.
type jitText struct {
	text, class string
}

func (t *jitText) TypeName() string { return "externalptr" }
func (t *jitText) Class() []string  { return []string{t.class} }
func (t *jitText) PrintText(in *eval.Interp) (string, error) {
	if strings.HasSuffix(t.text, "\n") {
		return t.text, nil
	}
	return t.text + "\n", nil
}
func (t *jitText) AsR(in *eval.Interp) (eval.Value, error) {
	return eval.NewStr([]string{t.text}), nil
}

func runTraced(in *eval.Interp, fn *trace.Function, attrs map[string]*tensor.Tensor, args []eval.Value) (eval.Value, error) {
	var xs []any
	var err error
	if fn.Loaded() {
		xs, err = loadedArgs(fn, args)
	} else {
		xs, err = callArgs(args)
	}
	if err != nil {
		return nil, err
	}
	out, err := fn.Run(Runtime(in), attrs, xs...)
	if err != nil {
		return nil, err
	}
	return fromScript(out), nil
}

// loadedArgs converts the arguments of a loaded method by the types its
// code declares (scripted code takes numbers too).
func loadedArgs(fn *trace.Function, args []eval.Value) ([]any, error) {
	params := fn.Params()
	out := make([]any, len(args))
	for i, a := range args {
		typ := ""
		if i < len(params) {
			typ = params[i].Type
		}
		v, err := scriptArg(a, typ)
		if err != nil {
			return nil, err
		}
		out[i] = v
	}
	return out, nil
}

// ---------------------------------------------------------------------
// script_module: an nn_module instance (class c("script_module",
// "nn_module")) whose parameters and buffers are the original module's
// tensors, whose children are script modules, and whose methods run traced
// graphs.

type scriptInfo struct {
	class       string                     // TorchScript class (without __torch__.)
	methods     map[string]*trace.Function // traced methods (top module only)
	order       []string
	respectMode bool

	// forward runs the traced forward; fwdClosure is the R closure that
	// does the same (Module.Call takes the direct path while it is the
	// module's forward).
	forward    func(in *eval.Interp, args []eval.Value) (eval.Value, error)
	fwdClosure *eval.Closure

	// attrs caches scriptAttrs while the module's tensors stay the same.
	attrs   map[string]*tensor.Tensor
	attrTs  []*tensor.Tensor
	scratch []*tensor.Tensor
}

func (s *scriptInfo) TypeName() string { return "externalptr" }

const scriptInfoVar = ".__script_module__"

var scriptGen = &ModuleGenerator{Classname: "script_module", classes: []string{"script_module", "nn_module"}}

// scriptOf returns the script-module information of m, or nil when m is a
// plain nn_module.
func scriptOf(m *Module) *scriptInfo {
	if m == nil || m.private == nil || m.gen != scriptGen {
		return nil
	}
	v, _ := m.private.GetLocal(scriptInfoVar)
	s, _ := v.(*scriptInfo)
	return s
}

var methodBody = func() *syntax.Function {
	x, err := syntax.ParseExpr("function(...) NULL")
	if err != nil {
		panic(err)
	}
	return x.(*syntax.Function)
}()

// goMethod makes an R closure function(...) that runs fn with the
// evaluated arguments (module methods are closures). Its body calls the Go
// function directly (embedded in the tree), so it prints as
// <script_method>.
func goMethod(in *eval.Interp, name string, fn func(c *eval.Frame, args []eval.Value) (eval.Value, error)) *eval.Closure {
	b := &eval.Builtin{Name: name, Formals: []string{"..."}, Fn: func(c *eval.Frame, a []eval.Value) (eval.Value, error) {
		l, _ := a[0].(*eval.List)
		var vals []eval.Value
		if l != nil {
			vals = l.V
		}
		v, err := fn(c, vals)
		var ee *eval.Error
		if err != nil && !errors.As(err, &ee) {
			// report the error from the method's call (m$forward(x), m(x))
			if fr := c.In.Frames(); len(fr) > 0 && fr[len(fr)-1].Call != nil {
				return nil, eval.ErrorWithCall(fr[len(fr)-1].Call, err.Error())
			}
		}
		return v, err
	}}
	body := &syntax.Call{Fn: &syntax.Value{V: eval.Value(b)}, Args: []syntax.Arg{{Value: &syntax.Ident{Name: "..."}}}}
	return &eval.Closure{Params: methodBody.Params, Body: body, Env: in.Base, Src: "<script_method>"}
}

// newScriptModule converts m (recursively; existing script modules are
// reused) without methods.
func newScriptModule(in *eval.Interp, m *Module, memo map[*Module]*Module, classes map[*Module]string) *Module {
	if info := scriptOf(m); info != nil {
		classes[m] = info.class
		for _, c := range m.mods {
			newScriptModule(in, c.m, memo, classes)
		}
		return m
	}
	if s, ok := memo[m]; ok {
		return s
	}
	st := sessionJIT(in)
	sm := newModule(scriptGen)
	sm.in = in
	sm.private = eval.NewEnv(in.Base)
	memo[m] = sm
	info := &scriptInfo{class: st.uniqueClass(m.Classname()), methods: map[string]*trace.Function{}}
	classes[m] = info.class
	classes[sm] = info.class
	sm.private.Assign(scriptInfoVar, info)
	sm.params = namedTensors{names: append([]string{}, m.params.names...), ts: append([]*tensor.Tensor{}, m.params.ts...)}
	sm.buffers = namedTensors{names: append([]string{}, m.buffers.names...), ts: append([]*tensor.Tensor{}, m.buffers.ts...)}
	for k, v := range m.nonPers {
		sm.nonPers[k] = v
	}
	sm.training = m.training
	for _, c := range m.mods {
		sm.mods = append(sm.mods, &namedModule{c.name, newScriptModule(in, c.m, memo, classes)})
	}
	installCommon(in, sm, info)
	return sm
}

// installCommon installs what every script module has: forward (the
// submodule error until methods are traced), $graph, $code, $save.
func installCommon(in *eval.Interp, sm *Module, info *scriptInfo) {
	if sm.builtins == nil {
		sm.builtins = map[string]*eval.Builtin{}
	}
	if cl := sm.makeBaseMethod("clone"); cl != nil {
		sm.builtins["clone"] = &eval.Builtin{Name: cl.Name, Formals: cl.Formals, Fn: func(c *eval.Frame, a []eval.Value) (eval.Value, error) {
			v, err := cl.Fn(c, a)
			if err != nil {
				return nil, err
			}
			if cm, ok := v.(*Module); ok {
				rebindScript(c.In, cm, map[*Module]bool{})
			}
			return v, nil
		}}
	}
	if rb := sm.makeBaseMethod("register_buffer"); rb != nil {
		sm.builtins["register_buffer"] = &eval.Builtin{Name: rb.Name, Formals: rb.Formals, Invisible: rb.Invisible, Fn: func(c *eval.Frame, a []eval.Value) (eval.Value, error) {
			if p, err := BoolArg(a[2]); err == nil && !p {
				return nil, errors.New("ScriptModule does not support non persistent buffers.")
			}
			return rb.Fn(c, a)
		}}
	}
	sm.methods["forward"] = goMethod(in, "forward", func(c *eval.Frame, args []eval.Value) (eval.Value, error) {
		if len(info.methods) > 0 {
			return nil, fmt.Errorf("Forward is not defined.")
		}
		return nil, errors.New(errSubmodForward)
	})
	sm.active["graph"] = goMethod(in, "graph", func(c *eval.Frame, args []eval.Value) (eval.Value, error) {
		f := currentForward(sm, info)
		if f == nil {
			return eval.Null, nil
		}
		g := f.CurrentGraph()
		if g == nil {
			return &jitText{fmt.Sprintf("<%s of a module loaded from a file is traced per input signature on its first call: $graph shows the graph of the latest call; see $code for its TorchScript source>", f.Name), "script_graph"}, nil
		}
		return &jitText{g.String(), "script_graph"}, nil
	})
	sm.active["code"] = goMethod(in, "code", func(c *eval.Frame, args []eval.Value) (eval.Value, error) {
		var parts []string
		for _, n := range info.order {
			parts = append(parts, info.methods[n].Code())
		}
		return &jitText{strings.Join(parts, ""), "script_code"}, nil
	})
	sm.methods["graph_for"] = goMethod(in, "graph_for", func(c *eval.Frame, args []eval.Value) (eval.Value, error) {
		f := currentForward(sm, info)
		if f == nil {
			return eval.Null, nil
		}
		if _, err := runTraced(c.In, f, info.attrsOf(sm), args); err != nil {
			return nil, err
		}
		g := f.CurrentGraph()
		if g == nil {
			return eval.Null, nil
		}
		return &jitText{trace.Optimize(g).String(), "script_graph"}, nil
	})
	sm.methods["save"] = goMethod(in, "save", func(c *eval.Frame, args []eval.Value) (eval.Value, error) {
		if len(args) != 1 {
			return nil, fmt.Errorf("argument \"path\" is missing, with no default")
		}
		c.In.SetVisible(false)
		return eval.Null, jitSaveFile(c.In, sm, args[0])
	})
}

// rebindScript gives the script modules of a cloned tree their own
// methods (the clone copied the original's private state, not its
// closures).
func rebindScript(in *eval.Interp, m *Module, seen map[*Module]bool) {
	if seen[m] {
		return
	}
	seen[m] = true
	for _, c := range m.mods {
		rebindScript(in, c.m, seen)
	}
	if m.gen != scriptGen || m.private == nil {
		return
	}
	v, _ := m.private.GetLocal(scriptInfoVar)
	old, _ := v.(*scriptInfo)
	if old == nil {
		return
	}
	info := &scriptInfo{class: old.class, methods: map[string]*trace.Function{}}
	m.private.Assign(scriptInfoVar, info)
	installCommon(in, m, info)
	for _, n := range old.order {
		addMethod(in, m, old.methods[n])
	}
	if len(old.order) > 0 {
		finishMethods(in, m)
	}
}

// currentForward is the method $graph shows: trainforward/evalforward by
// the module's mode, or forward.
func currentForward(sm *Module, info *scriptInfo) *trace.Function {
	if info.respectMode {
		if sm.training {
			return info.methods["trainforward"]
		}
		return info.methods["evalforward"]
	}
	if f := info.methods["forward"]; f != nil {
		return f
	}
	if len(info.order) > 0 {
		return info.methods[info.order[0]]
	}
	return nil
}

// attrsOf is scriptAttrs(m), cached while m's parameters and buffers
// (recursively) are the same tensors.
func (info *scriptInfo) attrsOf(m *Module) map[string]*tensor.Tensor {
	info.scratch = appendTensors(info.scratch[:0], m)
	if info.attrs != nil && slices.Equal(info.scratch, info.attrTs) {
		return info.attrs
	}
	info.attrs = scriptAttrs(m)
	info.attrTs = append(info.attrTs[:0], info.scratch...)
	return info.attrs
}

func appendTensors(dst []*tensor.Tensor, m *Module) []*tensor.Tensor {
	dst = append(dst, m.params.ts...)
	dst = append(dst, m.buffers.ts...)
	dst = append(dst, nil) // separates modules
	for _, c := range m.mods {
		dst = appendTensors(dst, c.m)
	}
	return dst
}

// callScript is Module.Call for script modules: it runs the traced forward
// directly (ok is false when forward was replaced from R).
func callScript(in *eval.Interp, c *eval.Frame, m *Module, args []eval.Arg) (v eval.Value, ok bool, err error) {
	info := scriptOf(m)
	if info == nil || info.forward == nil || m.methods["forward"] != info.fwdClosure {
		return nil, false, nil
	}
	vals := make([]eval.Value, len(args))
	for i, a := range args {
		vals[i] = a.Value
	}
	v, err = info.forward(in, vals)
	var ee *eval.Error
	if err != nil && !errors.As(err, &ee) && c != nil && c.Call != nil {
		err = eval.ErrorWithCall(c.Call, err.Error())
	}
	return v, true, err
}

// scriptAttrs maps qualified names to the module's current parameters and
// buffers.
func scriptAttrs(m *Module) map[string]*tensor.Tensor {
	out := map[string]*tensor.Tensor{}
	var walk func(prefix string, m *Module)
	walk = func(prefix string, m *Module) {
		for i, n := range m.params.names {
			out[prefix+n] = m.params.ts[i]
		}
		for i, n := range m.buffers.names {
			out[prefix+n] = m.buffers.ts[i]
		}
		for _, c := range m.mods {
			walk(prefix+c.name+".", c.m)
		}
	}
	walk("", m)
	return out
}

// addMethod installs a traced method on the script module.
func addMethod(in *eval.Interp, sm *Module, fn *trace.Function) {
	info := scriptOf(sm)
	if _, ok := info.methods[fn.Name]; !ok {
		info.order = append(info.order, fn.Name)
	}
	info.methods[fn.Name] = fn
	name := fn.Name
	run := func(in *eval.Interp, args []eval.Value) (eval.Value, error) {
		return runTraced(in, info.methods[name], info.attrsOf(sm), args)
	}
	sm.methods[name] = goMethod(in, name, func(c *eval.Frame, args []eval.Value) (eval.Value, error) {
		return run(c.In, args)
	})
	if name == "forward" {
		info.forward, info.fwdClosure = run, sm.methods[name]
	}
}

// finishMethods sets forward: by the mode with respect_mode, else the
// traced forward (or the submodule error when none was traced).
func finishMethods(in *eval.Interp, sm *Module) {
	info := scriptOf(sm)
	_, tf := info.methods["trainforward"]
	_, ef := info.methods["evalforward"]
	_, f := info.methods["forward"]
	info.respectMode = tf && ef && !f
	if info.respectMode {
		run := func(in *eval.Interp, args []eval.Value) (eval.Value, error) {
			name := "evalforward"
			if sm.training {
				name = "trainforward"
			}
			return runTraced(in, info.methods[name], info.attrsOf(sm), args)
		}
		sm.methods["forward"] = goMethod(in, "forward", func(c *eval.Frame, args []eval.Value) (eval.Value, error) {
			return run(c.In, args)
		})
		info.forward, info.fwdClosure = run, sm.methods["forward"]
	} else if !f {
		sm.methods["forward"] = goMethod(in, "forward", func(c *eval.Frame, args []eval.Value) (eval.Value, error) {
			return nil, fmt.Errorf("Forward is not defined.")
		})
	}
}

// ---------------------------------------------------------------------
// builtins

func dotsArgs(v eval.Value) ([]eval.Value, []string) {
	l, _ := v.(*eval.List)
	if l == nil {
		return nil, nil
	}
	names := eval.Names(l)
	if len(names) != len(l.V) {
		names = make([]string, len(l.V))
	}
	return l.V, names
}

func jitTraceModule(c *eval.Frame, modV eval.Value, vals []eval.Value, names []string, strictV, respectV eval.Value) (eval.Value, error) {
	mod, ok := modV.(*Module)
	if !ok {
		return nil, errors.New(errModNotModule)
	}
	strict, err := BoolArg(strictV)
	if err != nil {
		return nil, err
	}
	respect, err := BoolArg(respectV)
	if err != nil {
		return nil, err
	}
	for _, n := range names {
		if n == "" {
			return nil, errors.New(errDotsNamed)
		}
	}
	for _, n := range names {
		if n == "evalforward" || n == "trainforward" {
			return nil, errors.New(errReserved)
		}
	}
	for _, n := range names {
		if !mod.HasMethod(n) {
			return nil, fmt.Errorf("Method '%s' does not exist in `mod` and therefore can't be traced.", n)
		}
	}
	in := c.In
	classes := map[*Module]string{}
	var sm *Module
	if old := scriptOf(mod); old != nil {
		// tracing a script module again: a new top module over the same
		// tensors and (script) children
		sm = newModule(scriptGen)
		sm.in = in
		sm.private = eval.NewEnv(in.Base)
		info := &scriptInfo{class: sessionJIT(in).uniqueClass(old.class), methods: map[string]*trace.Function{}}
		sm.private.Assign(scriptInfoVar, info)
		sm.params = namedTensors{names: append([]string{}, mod.params.names...), ts: append([]*tensor.Tensor{}, mod.params.ts...)}
		sm.buffers = namedTensors{names: append([]string{}, mod.buffers.names...), ts: append([]*tensor.Tensor{}, mod.buffers.ts...)}
		sm.training = mod.training
		memo := map[*Module]*Module{}
		for _, ch := range mod.mods {
			sm.mods = append(sm.mods, &namedModule{ch.name, newScriptModule(in, ch.m, memo, classes)})
		}
		installCommon(in, sm, info)
		classes[mod] = info.class
		classes[sm] = info.class
	} else {
		sm = newScriptModule(in, mod, map[*Module]*Module{}, classes)
	}
	info := scriptOf(sm)
	t := newTracing(c)
	wasTraining := mod.Training()
	defer mod.setTraining(wasTraining)
	for i, name := range names {
		inputs := []eval.Value{vals[i]}
		if l, ok := vals[i].(*eval.List); ok && !hasClass(l, "jit_tuple") {
			inputs = l.V
		}
		call := func(args []eval.Value) (eval.Value, error) {
			as := make([]eval.Arg, len(args))
			for j, a := range args {
				as[j] = eval.Arg{Value: a}
			}
			return mod.CallMethod(in, name, as)
		}
		if name == "forward" && respect {
			for _, mode := range []struct {
				train bool
				name  string
			}{{true, "trainforward"}, {false, "evalforward"}} {
				mod.setTraining(mode.train)
				fn, err := t.run(mod, info.class, classes, mode.name, strict, inputs, call)
				if err != nil {
					return nil, err
				}
				addMethod(in, sm, fn)
			}
			mod.setTraining(wasTraining)
			continue
		}
		fn, err := t.run(mod, info.class, classes, name, strict, inputs, call)
		if err != nil {
			return nil, err
		}
		addMethod(in, sm, fn)
	}
	finishMethods(in, sm)
	sm.setTraining(wasTraining)
	if err := t.flush(); err != nil {
		return nil, err
	}
	return sm, nil
}

func init() {
	eval.RegisterAll(
		&eval.Builtin{Name: "jit_trace", Formals: []string{"func", "...", "strict = TRUE", "respect_mode = TRUE"}, Fn: func(c *eval.Frame, a []eval.Value) (eval.Value, error) {
			vals, names := dotsArgs(a[1])
			var bad []string
			for i, n := range names {
				if n != "" {
					bad = append(bad, "• "+n+" = "+deparseValue(vals[i]))
				}
			}
			if len(bad) > 0 {
				arg := "argument"
				if len(bad) > 1 {
					arg = "arguments"
				}
				return nil, fmt.Errorf("Arguments in `...` must be passed by position, not name.\n✖ Problematic %s:\n%s", arg, strings.Join(bad, "\n"))
			}
			switch f := a[0].(type) {
			case *Module:
				return jitTraceModule(c, f, []eval.Value{eval.NewList(vals, nil)}, []string{"forward"}, a[2], a[3])
			case *ModuleGenerator, *preludeRef:
				return nil, errors.New(errMustInit)
			case *eval.Closure, *eval.Builtin:
				strict, err := BoolArg(a[2])
				if err != nil {
					return nil, err
				}
				t := newTracing(c)
				fn, err := t.run(nil, "", nil, "forward", strict, vals, func(args []eval.Value) (eval.Value, error) {
					as := make([]eval.Arg, len(args))
					for j, x := range args {
						as[j] = eval.Arg{Value: x}
					}
					return c.In.Apply(f, as, nil, c.Env)
				})
				if err != nil {
					return nil, err
				}
				if err := t.flush(); err != nil {
					return nil, err
				}
				return &ScriptFunction{fn: fn}, nil
			}
			return nil, errors.New(errNeedsFn)
		}},
		&eval.Builtin{Name: "jit_trace_module", Formals: []string{"mod", "...", "strict = TRUE", "respect_mode = TRUE"}, Fn: func(c *eval.Frame, a []eval.Value) (eval.Value, error) {
			if _, ok := a[0].(*Module); !ok {
				return nil, errors.New(errModNotModule)
			}
			vals, names := dotsArgs(a[1])
			return jitTraceModule(c, a[0], vals, names, a[2], a[3])
		}},
		&eval.Builtin{Name: "jit_tuple", Formals: []string{"x"}, Fn: func(c *eval.Frame, a []eval.Value) (eval.Value, error) {
			l, ok := a[0].(*eval.List)
			if !ok {
				return nil, fmt.Errorf("x must be a list.")
			}
			return addClass(l, "jit_tuple"), nil
		}},
		&eval.Builtin{Name: "jit_scalar", Formals: []string{"x"}, Fn: func(c *eval.Frame, a []eval.Value) (eval.Value, error) {
			if eval.Length(a[0]) != 1 {
				return nil, fmt.Errorf("jit_scalar: x must have length 1")
			}
			switch a[0].(type) {
			case *eval.Double, *eval.Integer, *eval.Logical:
			default:
				return nil, fmt.Errorf("jit_scalar: x must be a number or a logical")
			}
			return addClass(a[0], "jit_scalar"), nil
		}},
	)
}

func addClass(v eval.Value, cls string) eval.Value {
	x := eval.Modifiable(v)
	old := eval.ImplicitClass(v)
	if a, ok := x.(eval.Attributed); ok {
		h := a.Hdr()
		if h.Attr("class") == nil {
			h.SetAttr("class", eval.NewStr([]string{cls}))
		} else {
			h.SetAttr("class", eval.NewStr(append([]string{cls}, old...)))
		}
	}
	return x
}

func deparseValue(v eval.Value) string {
	switch x := v.(type) {
	case *Tensor:
		return "<torch_tensor>"
	case *eval.Double, *eval.Integer, *eval.Character, *eval.Logical:
		if eval.Length(x) == 1 {
			return strings.Join(eval.AsStrings(x), "")
		}
	}
	cls := eval.ImplicitClass(v)
	if len(cls) > 0 {
		return "<" + cls[0] + ">"
	}
	return "<" + v.TypeName() + ">"
}
