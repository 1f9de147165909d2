package torch

// nn_module: R torch's module system (R/nn.R) on Go values. A generator
// (nn_module(...)) holds the R methods of one class and its parent; an
// instance (*Module) holds parameters, buffers and children in insertion
// order, public fields, the bound methods (R6 semantics: each method's
// enclosing environment holds self, private and super) and the training flag.

import (
	"fmt"
	"sort"
	"strconv"
	"strings"
	"weak"

	"torchr/lang/eval"
	"torchr/tensor"
)

// ModuleGenerator is what nn_module() returns: calling it makes an instance.
type ModuleGenerator struct {
	Classname string
	classes   []string // c(classname, inherited..., "nn_module")
	parent    *ModuleGenerator
	public    []member // methods and fields given in ...
	private   []member
	active    []member
	env       *eval.Env // parent_env of the bound methods
	dataset   bool      // made by dataset()
}

type member struct {
	name string
	v    eval.Value
}

func (g *ModuleGenerator) TypeName() string { return "closure" }

// Class is c(classname, inherited classes, "nn_module", "nn_module_generator").
func (g *ModuleGenerator) Class() []string {
	return append(append([]string{}, g.classes...), "nn_module_generator")
}

// Call makes a new instance: binds the methods and runs initialize.
func (g *ModuleGenerator) Call(in *eval.Interp, c *eval.Frame, args []eval.Arg) (eval.Value, error) {
	m := newModule(g)
	m.in = in
	m.bind(in, g)
	if init, ok := m.methods["initialize"]; ok {
		if _, err := in.Apply(init, args, c.Call, c.Env); err != nil {
			return nil, err
		}
	} else if len(args) > 0 {
		return nil, fmt.Errorf("unused argument")
	}
	// The new instance is visible whatever initialize ended with (often an
	// assignment), as R6's $new() returns it visibly in R torch.
	in.SetVisible(true)
	return m, nil
}

// PrintText prints the generator like R6's class generator (R torch prints
// the R6 class behind an nn_module generator).
func (g *ModuleGenerator) PrintText(in *eval.Interp) (string, error) {
	var b strings.Builder
	fmt.Fprintf(&b, "<%s> object generator\n", g.Classname)
	b.WriteString("  Inherits from: <inherit>\n  Public:\n")
	fmt.Fprintf(&b, "    .classes: %s\n", strings.Join(g.classes, " "))
	for _, m := range g.public {
		fmt.Fprintf(&b, "    %s: %s\n", m.name, summary(m.v))
	}
	b.WriteString("    clone: function (deep = FALSE, ..., replace_values = TRUE) \n")
	if len(g.active) > 0 {
		b.WriteString("  Active bindings:\n")
		for _, m := range g.active {
			fmt.Fprintf(&b, "    %s: %s\n", m.name, summary(m.v))
		}
	}
	b.WriteString("  Private:\n")
	for _, m := range g.private {
		fmt.Fprintf(&b, "    %s: %s\n", m.name, summary(m.v))
	}
	b.WriteString("    .__clone_r6__: function (deep = FALSE) \n")
	fmt.Fprintf(&b, "  Parent env: <environment: %p>\n", g.env)
	b.WriteString("  Locked objects: FALSE\n  Locked class: FALSE\n  Portable: TRUE\n")
	return b.String(), nil
}

func summary(v eval.Value) string {
	if c, ok := v.(*eval.Closure); ok {
		names := make([]string, len(c.Params))
		for i, p := range c.Params {
			names[i] = p.Name
			if p.Default != nil {
				names[i] += " = " + eval.DeparseExpr(p.Default)
			}
		}
		return "function (" + strings.Join(names, ", ") + ") "
	}
	s := eval.AsStrings(v)
	out := strings.Join(s, " ")
	if len(out) > 60 {
		out = out[:57] + "..."
	}
	return out
}

// Module is an nn_module instance.
type Module struct {
	gen      *ModuleGenerator
	classes  []string
	params   namedTensors
	buffers  namedTensors
	nonPers  map[string]bool
	mods     []*namedModule
	fields   map[string]eval.Value
	forder   []string
	methods  map[string]*eval.Closure
	active   map[string]*eval.Closure
	private  *eval.Env
	training bool
	builtins map[string]*eval.Builtin
	in       *eval.Interp // the session (length() of a dataset calls R)
	fresh    freshOutput  // of a traced module's forward (jit.go)
}

type namedModule struct {
	name string
	m    *Module
}

type namedTensors struct {
	names []string
	ts    []*tensor.Tensor
}

func (n *namedTensors) get(name string) (*tensor.Tensor, bool) {
	for i, s := range n.names {
		if s == name {
			return n.ts[i], true
		}
	}
	return nil, false
}

func (n *namedTensors) set(name string, t *tensor.Tensor) {
	for i, s := range n.names {
		if s == name {
			n.ts[i] = t
			return
		}
	}
	n.names = append(n.names, name)
	n.ts = append(n.ts, t)
}

func (n *namedTensors) remove(name string) {
	for i, s := range n.names {
		if s == name {
			n.names = append(n.names[:i:i], n.names[i+1:]...)
			n.ts = append(n.ts[:i:i], n.ts[i+1:]...)
			return
		}
	}
}

func newModule(g *ModuleGenerator) *Module {
	return &Module{gen: g, classes: g.classes, fields: map[string]eval.Value{}, methods: map[string]*eval.Closure{},
		active: map[string]*eval.Closure{}, training: true, nonPers: map[string]bool{}}
}

// superObj is `super` inside a method: the parent class's methods bound to
// the same instance, then nn_Module's.
type superObj struct {
	m       *Module
	methods map[string]*eval.Closure
}

func (s *superObj) TypeName() string { return "environment" }
func (s *superObj) Dollar(in *eval.Interp, name string) (eval.Value, error) {
	if f, ok := s.methods[name]; ok {
		return f, nil
	}
	if b := s.m.baseMethod(name); b != nil {
		return b, nil
	}
	return eval.Null, nil
}
func (s *superObj) DollarNames() []string { return nil }

// bind binds g's methods (after its parents') to m and returns them.
func (m *Module) bind(in *eval.Interp, g *ModuleGenerator) map[string]*eval.Closure {
	var sup map[string]*eval.Closure
	if g.parent != nil {
		sup = m.bind(in, g.parent)
	}
	if m.private == nil {
		m.private = eval.NewEnv(in.Base)
	}
	parentEnv := g.env
	if parentEnv == nil {
		parentEnv = in.Global
	}
	enclos := eval.NewEnv(parentEnv)
	enclos.Assign("self", m)
	enclos.Assign("private", m.private)
	// super: the parent class's methods, then nn_Module's (Go).
	enclos.Assign("super", &superObj{m: m, methods: sup})
	own := map[string]*eval.Closure{}
	for k, v := range sup {
		own[k] = v
	}
	bindFn := func(v eval.Value) eval.Value {
		if c, ok := v.(*eval.Closure); ok {
			return &eval.Closure{Params: c.Params, Body: c.Body, Env: enclos, Src: c.Src, Fn: c.Fn}
		}
		return v
	}
	for _, mb := range g.public {
		v := bindFn(mb.v)
		if c, ok := v.(*eval.Closure); ok {
			m.methods[mb.name] = c
			own[mb.name] = c
		} else {
			m.setField(mb.name, v)
		}
	}
	for _, mb := range g.private {
		m.private.Assign(mb.name, bindFn(mb.v))
	}
	for _, mb := range g.active {
		if c, ok := bindFn(mb.v).(*eval.Closure); ok {
			m.active[mb.name] = c
		}
	}
	return own
}

func (m *Module) setField(name string, v eval.Value) {
	if _, ok := m.fields[name]; !ok {
		m.forder = append(m.forder, name)
	}
	eval.Ref(v)
	m.fields[name] = v
}

func (m *Module) TypeName() string { return "closure" }

// Class is R torch's class of an instance: c(classname, ..., "nn_module").
func (m *Module) Class() []string { return m.classes }

// Length is the number of children of containers (nn_sequential,
// nn_module_list), 1 otherwise (an nn_module is a function in R torch).
func (m *Module) Length() int {
	if m.isDataset() && m.in != nil {
		n, err := m.dsLength(m.in)
		if err != nil {
			return 0
		}
		return n
	}
	for _, c := range m.classes {
		if c == "nn_sequential" || c == "nn_module_list" {
			return len(m.mods)
		}
	}
	return 1
}

// Call runs forward.
func (m *Module) Call(in *eval.Interp, c *eval.Frame, args []eval.Arg) (eval.Value, error) {
	m.fresh.t = nil
	if m.gen == scriptGen { // a traced module (jit.go)
		seq := tensor.AllocSeq()
		if v, ok, err := callScript(in, c, m, args); ok {
			m.fresh.note(v, err, seq)
			return v, err
		}
	}
	f, ok := m.methods["forward"]
	if !ok {
		return nil, fmt.Errorf("Forward method is not implemented")
	}
	return in.Apply(f, args, c.Call, c.Env)
}

// FreshResult makes modules eval.FreshCallable: the output of a traced
// module's forward, when the call allocated it, is a temporary (y <-
// tr(x) in a loop frees the previous output). An nn_module's R forward may
// return anything it keeps, so its results never are.
func (m *Module) FreshResult(v eval.Value) eval.Temporary { return m.fresh.take(v) }

// --- marks for nn_parameter / nn_buffer ---

type markKind struct {
	buffer     bool
	persistent bool
}

type markKey struct{}

type marks struct {
	m    map[weak.Pointer[tensor.Tensor]]markKind
	last int
}

func sessionMarks(in *eval.Interp) *marks {
	if mk, ok := in.Local[markKey{}].(*marks); ok {
		return mk
	}
	mk := &marks{m: map[weak.Pointer[tensor.Tensor]]markKind{}, last: 64}
	if in.Local == nil {
		in.Local = map[any]any{}
	}
	in.Local[markKey{}] = mk
	return mk
}

func (mk *marks) set(t *tensor.Tensor, k markKind) {
	mk.m[weak.Make(t)] = k
	if len(mk.m) > 2*mk.last {
		for p := range mk.m {
			if p.Value() == nil {
				delete(mk.m, p)
			}
		}
		mk.last = max(64, len(mk.m))
	}
}

func (mk *marks) get(t *tensor.Tensor) (markKind, bool) {
	k, ok := mk.m[weak.Make(t)]
	return k, ok
}

// IsParameter reports whether t was made a parameter (nn_parameter).
func IsParameter(in *eval.Interp, t *tensor.Tensor) bool {
	k, ok := sessionMarks(in).get(t)
	return ok && !k.buffer
}

// --- $ access ---

// Dollar looks name up as R torch does: parameters, buffers, children,
// then fields, methods and active bindings.
func (m *Module) Dollar(in *eval.Interp, name string) (eval.Value, error) {
	if t, ok := m.params.get(name); ok {
		return Wrap(t), nil
	}
	if t, ok := m.buffers.get(name); ok {
		return Wrap(t), nil
	}
	for _, c := range m.mods {
		if c.name == name {
			return c.m, nil
		}
	}
	if f, ok := m.active[name]; ok {
		return in.Apply(f, nil, nil, nil)
	}
	if v, ok := m.fields[name]; ok {
		return v, nil
	}
	if f, ok := m.methods[name]; ok {
		return f, nil
	}
	switch name {
	case "training":
		return eval.Bool(m.training), nil
	case "parameters":
		return m.paramList(in), nil
	case "buffers":
		return m.bufferList(in), nil
	case "children":
		vals := make([]eval.Value, len(m.mods))
		names := make([]string, len(m.mods))
		for i, c := range m.mods {
			vals[i], names[i] = c.m, c.name
		}
		return eval.NewList(vals, names), nil
	case "modules":
		var vals []eval.Value
		seen := map[*Module]bool{}
		var walk func(x *Module)
		walk = func(x *Module) {
			if seen[x] {
				return
			}
			seen[x] = true
			vals = append(vals, x)
			for _, c := range x.mods {
				walk(c.m)
			}
		}
		walk(m)
		return eval.NewList(vals, nil), nil
	case ".classes":
		return eval.NewStr(m.classes), nil
	}
	if b := m.baseMethod(name); b != nil {
		return b, nil
	}
	return eval.Null, nil
}

// DollarNames lists the members.
func (m *Module) DollarNames() []string {
	var out []string
	out = append(out, m.params.names...)
	out = append(out, m.buffers.names...)
	for _, c := range m.mods {
		out = append(out, c.name)
	}
	out = append(out, m.forder...)
	var ms []string
	for k := range m.methods {
		ms = append(ms, k)
	}
	for k := range m.active {
		ms = append(ms, k)
	}
	sort.Strings(ms)
	out = append(out, ms...)
	out = append(out, "training", "parameters", "buffers", "children", "modules")
	out = append(out, baseMethodNames...)
	return out
}

// SetDollar registers parameters, buffers and modules; other values become
// fields.
func (m *Module) SetDollar(in *eval.Interp, name string, v eval.Value) (eval.Value, error) {
	if err := m.assign(in, name, v); err != nil {
		return nil, err
	}
	return m, nil
}

func (m *Module) assign(in *eval.Interp, name string, v eval.Value) error {
	switch x := v.(type) {
	case *Tensor:
		if k, ok := sessionMarks(in).get(x.T); ok {
			if k.buffer {
				m.registerBuffer(name, x.T, k.persistent)
			} else {
				m.registerParameter(name, x.T)
			}
			return nil
		}
		if _, ok := m.params.get(name); ok {
			m.registerParameter(name, x.T)
			return nil
		}
		if _, ok := m.buffers.get(name); ok {
			m.buffers.set(name, x.T)
			return nil
		}
	case *Module:
		m.registerModule(name, x)
		return nil
	case *eval.NullType:
		m.params.remove(name)
		m.buffers.remove(name)
		m.removeModule(name)
	}
	if f, ok := m.active[name]; ok {
		_, err := in.Apply(f, []eval.Arg{{Value: v}}, nil, nil)
		return err
	}
	if name == "training" {
		b, ok := v.(*eval.Logical)
		if !ok || len(b.V) != 1 || b.V[0] == eval.NALogical {
			return fmt.Errorf("Field `training` must be a logical flag.")
		}
		m.training = b.V[0] != 0
		return nil
	}
	m.setField(name, v)
	return nil
}

func (m *Module) registerParameter(name string, t *tensor.Tensor) {
	m.buffers.remove(name)
	m.removeModule(name)
	m.dropField(name)
	m.params.set(name, t)
}

func (m *Module) registerBuffer(name string, t *tensor.Tensor, persistent bool) {
	m.params.remove(name)
	m.removeModule(name)
	m.dropField(name)
	m.buffers.set(name, t)
	if persistent {
		delete(m.nonPers, name)
	} else {
		m.nonPers[name] = true
	}
}

func (m *Module) registerModule(name string, c *Module) {
	m.params.remove(name)
	m.buffers.remove(name)
	m.dropField(name)
	for _, nm := range m.mods {
		if nm.name == name {
			nm.m = c
			return
		}
	}
	m.mods = append(m.mods, &namedModule{name, c})
}

func (m *Module) removeModule(name string) {
	for i, nm := range m.mods {
		if nm.name == name {
			m.mods = append(m.mods[:i:i], m.mods[i+1:]...)
			return
		}
	}
}

func (m *Module) dropField(name string) {
	if _, ok := m.fields[name]; ok {
		delete(m.fields, name)
		for i, s := range m.forder {
			if s == name {
				m.forder = append(m.forder[:i:i], m.forder[i+1:]...)
				break
			}
		}
	}
}

// Index: m[[i]] is the i-th child, m[["name"]] is m$name.
func (m *Module) Index(in *eval.Interp, a *eval.IndexArgs) (eval.Value, error) {
	if m.isDataset() && len(a.Args) >= 1 && !a.Double {
		if gb, ok := m.methods[".getbatch"]; ok && eval.Length(a.Args[0].Value) > 1 {
			return in.Apply(gb, []eval.Arg{{Value: a.Args[0].Value}}, nil, nil)
		}
		return m.dsGetItem(in, a.Args[0].Value)
	}
	if len(a.Args) != 1 {
		return nil, fmt.Errorf("incorrect number of subscripts")
	}
	switch x := a.Args[0].Value.(type) {
	case *eval.Character:
		if len(x.V) == 1 {
			return m.Dollar(in, x.V[0])
		}
	case *eval.Double, *eval.Integer:
		is, err := IntsArg(x)
		if err != nil {
			return nil, err
		}
		if !a.Double {
			if !m.isSequential() {
				return nil, fmt.Errorf("object of type 'closure' is not subsettable")
			}
			var picked []*Module
			for _, i := range is {
				if i < 0 {
					i = len(m.mods) + 1 + i
				}
				if i < 1 || i > len(m.mods) {
					return nil, fmt.Errorf("subscript out of bounds")
				}
				picked = append(picked, m.mods[i-1].m)
			}
			return newSequential(in, picked)
		}
		if len(is) == 1 {
			i := is[0]
			if i < 0 {
				i = len(m.mods) + 1 + i
			}
			if i < 1 || i > len(m.mods) {
				return nil, fmt.Errorf("subscript out of bounds")
			}
			return m.mods[i-1].m, nil
		}
	}
	return nil, fmt.Errorf("invalid subscript")
}

func (m *Module) isSequential() bool {
	for _, c := range m.classes {
		if c == "nn_sequential" {
			return true
		}
	}
	return false
}

func newSequential(in *eval.Interp, ms []*Module) (eval.Value, error) {
	g, err := preludeGen(in, "nn_sequential")
	if err != nil {
		return nil, err
	}
	args := make([]eval.Arg, len(ms))
	for i, x := range ms {
		args[i] = eval.Arg{Value: x}
	}
	return in.Apply(g, args, nil, nil)
}

// SetIndex: m[["name"]] <- v is m$name <- v.
func (m *Module) SetIndex(in *eval.Interp, a *eval.IndexArgs, v eval.Value) (eval.Value, error) {
	if len(a.Args) == 1 {
		if s, ok := str1(a.Args[0].Value); ok {
			return m.SetDollar(in, s, v)
		}
		if i, err := IntArg(a.Args[0].Value); err == nil && i >= 1 && i <= len(m.mods) {
			if c, ok := v.(*Module); ok {
				m.mods[i-1].m = c
				return m, nil
			}
		}
	}
	return nil, fmt.Errorf("invalid subscript for an nn_module")
}

// --- collections ---

type namedT struct {
	name string
	t    *tensor.Tensor
}

// namedParameters returns all parameters, children first (R torch's
// $parameters order), with flattened names ("linear1.weight"),
// without duplicates.
func (m *Module) namedParameters() []namedT {
	var out []namedT
	seen := map[*tensor.Tensor]bool{}
	m.collect(&out, "", seen, false)
	return out
}

// namedBuffers is namedParameters for buffers.
func (m *Module) namedBuffers() []namedT {
	var out []namedT
	seen := map[*tensor.Tensor]bool{}
	m.collect(&out, "", seen, true)
	return out
}

func (m *Module) collect(out *[]namedT, prefix string, seen map[*tensor.Tensor]bool, buffers bool) {
	for _, c := range m.mods {
		c.m.collect(out, prefix+c.name+".", seen, buffers)
	}
	src := &m.params
	if buffers {
		src = &m.buffers
	}
	for i, n := range src.names {
		t := src.ts[i]
		if t == nil || seen[t] {
			continue
		}
		seen[t] = true
		*out = append(*out, namedT{prefix + n, t})
	}
}

func namedTensorList(in *eval.Interp, xs []namedT) *eval.List {
	vals := make([]eval.Value, len(xs))
	names := make([]string, len(xs))
	for i, x := range xs {
		vals[i], names[i] = Wrap(x.t), x.name
	}
	if len(xs) == 0 {
		return eval.NewList(nil, nil)
	}
	return eval.NewList(vals, names)
}

func (m *Module) paramList(in *eval.Interp) *eval.List {
	return namedTensorList(in, m.namedParameters())
}
func (m *Module) bufferList(in *eval.Interp) *eval.List {
	return namedTensorList(in, m.namedBuffers())
}

// StateDict is $state_dict(): own parameters, own persistent buffers, then
// the children's, with prefixed names (the module's own tensors, not
// detached copies).
func (m *Module) StateDict(prefix string) (names []string, ts []*tensor.Tensor) {
	for _, e := range m.stateDict(prefix) {
		names = append(names, e.name)
		ts = append(ts, e.t)
	}
	return
}

func (m *Module) stateDict(prefix string) []namedT {
	var out []namedT
	for i, n := range m.params.names {
		if t := m.params.ts[i]; t != nil {
			out = append(out, namedT{prefix + n, t})
		}
	}
	for i, n := range m.buffers.names {
		if t := m.buffers.ts[i]; t != nil && !m.nonPers[n] {
			out = append(out, namedT{prefix + n, t})
		}
	}
	for _, c := range m.mods {
		out = append(out, c.m.stateDict(prefix+c.name+".")...)
	}
	return out
}

func (m *Module) loadStateDict(in *eval.Interp, sd map[string]*tensor.Tensor, prefix string) error {
	rt := Runtime(in)
	load := func(names []string, ts []*tensor.Tensor, skip map[string]bool) error {
		for i, n := range names {
			if ts[i] == nil || skip[n] {
				continue
			}
			src, ok := sd[prefix+n]
			if !ok {
				return fmt.Errorf("Could not find %s in the state_dict.", prefix+n)
			}
			if err := rt.NoGrad(func() error { return rt.Copy_(ts[i], src) }); err != nil {
				return err
			}
		}
		return nil
	}
	if err := load(m.params.names, m.params.ts, nil); err != nil {
		return err
	}
	if err := load(m.buffers.names, m.buffers.ts, m.nonPers); err != nil {
		return err
	}
	for _, c := range m.mods {
		if err := c.m.loadStateDict(in, sd, prefix+c.name+"."); err != nil {
			return err
		}
	}
	return nil
}

func (m *Module) setTraining(on bool) {
	m.training = on
	for _, c := range m.mods {
		c.m.setTraining(on)
	}
}

// apply replaces every parameter and buffer (recursively) by fn(t).
func (m *Module) applyTensors(in *eval.Interp, fn func(t *tensor.Tensor) (*tensor.Tensor, error)) error {
	for _, c := range m.mods {
		if err := c.m.applyTensors(in, fn); err != nil {
			return err
		}
	}
	rt := Runtime(in)
	mk := sessionMarks(in)
	for i, t := range m.params.ts {
		if t == nil {
			continue
		}
		var nt *tensor.Tensor
		err := rt.NoGrad(func() error {
			var err error
			nt, err = fn(t)
			return err
		})
		if err != nil {
			return err
		}
		if nt != t {
			nt = nt.Detach()
			if err := nt.SetRequiresGrad(t.RequiresGrad()); err != nil {
				return err
			}
			mk.set(nt, markKind{})
			m.params.ts[i] = nt
		}
	}
	for i, t := range m.buffers.ts {
		if t == nil {
			continue
		}
		nt, err := fn(t)
		if err != nil {
			return err
		}
		m.buffers.ts[i] = nt
	}
	return nil
}

// --- printing ---

func comma(n int) string {
	s := strconv.Itoa(n)
	var b strings.Builder
	for i, c := range s {
		if i > 0 && (len(s)-i)%3 == 0 {
			b.WriteByte(',')
		}
		b.WriteRune(c)
	}
	return b.String()
}

func (m *Module) parameterCount() int {
	n := 0
	for _, p := range m.namedParameters() {
		n += p.t.Numel()
	}
	return n
}

func rule(in *eval.Interp, label string) string {
	width := 80
	if w, err := IntArg(in.Option("width")); err == nil && w > 0 {
		width = w
	}
	s := "── " + label + " "
	n := width - len([]rune(s))
	if n < 0 {
		n = 0
	}
	return s + strings.Repeat("─", n) + "\n"
}

// PrintText is R torch's print_nn_module.
func (m *Module) PrintText(in *eval.Interp) (string, error) {
	if f, ok := m.methods["print"]; ok {
		_, err := in.Apply(f, nil, nil, nil)
		in.SetVisible(false)
		return "", err
	}
	var b strings.Builder
	if m.isDataset() {
		fmt.Fprintf(&b, "<%s>\n  Inherits from: <dataset>\n  Public:\n", m.classes[0])
		for _, n := range m.Methods() {
			fmt.Fprintf(&b, "    %s: %s\n", n, summary(m.methods[n]))
		}
		for _, n := range m.forder {
			fmt.Fprintf(&b, "    %s: %s\n", n, summary(m.fields[n]))
		}
		return b.String(), nil
	}
	fmt.Fprintf(&b, "An `nn_module` containing %s parameters.\n", comma(m.parameterCount()))
	if len(m.mods) > 0 {
		b.WriteString("\n" + rule(in, "Modules"))
		for _, c := range m.mods {
			fmt.Fprintf(&b, "• %s: <%s> #%s parameters\n", c.name, c.m.classes[0], comma(c.m.parameterCount()))
		}
	}
	item := func(names []string, ts []*tensor.Tensor) {
		for i, n := range names {
			if ts[i] != nil {
				fmt.Fprintf(&b, "• %s: %s\n", n, StrText(ts[i]))
			}
		}
	}
	if len(m.params.names) > 0 {
		b.WriteString("\n" + rule(in, "Parameters"))
		item(m.params.names, m.params.ts)
	}
	if len(m.buffers.names) > 0 {
		b.WriteString("\n" + rule(in, "Buffers"))
		item(m.buffers.names, m.buffers.ts)
	}
	return b.String(), nil
}

// --- Go API for other packages (the JIT) ---

// AsModule returns the module of an nn_module value.
func AsModule(v eval.Value) (*Module, bool) {
	m, ok := v.(*Module)
	return m, ok
}

// Classname is the module's class (class(m)[1]).
func (m *Module) Classname() string { return m.classes[0] }

// Training reports the training flag.
func (m *Module) Training() bool { return m.training }

// SetTraining sets the flag on m and its children ($train(mode)).
func (m *Module) SetTraining(on bool) { m.setTraining(on) }

// Methods lists the R methods of the module (initialize, forward and the
// others given to nn_module, inherited ones included), sorted.
func (m *Module) Methods() []string {
	var out []string
	for k := range m.methods {
		out = append(out, k)
	}
	sort.Strings(out)
	return out
}

// HasMethod reports whether the module defines an R method name.
func (m *Module) HasMethod(name string) bool { _, ok := m.methods[name]; return ok }

// CallMethod calls an R method by name with evaluated arguments.
func (m *Module) CallMethod(in *eval.Interp, name string, args []eval.Arg) (eval.Value, error) {
	f, ok := m.methods[name]
	if !ok {
		return nil, fmt.Errorf("Method '%s' does not exist in `mod`", name)
	}
	return in.Apply(f, args, nil, nil)
}

// OwnParameters returns the module's own parameters (not its children's),
// in registration order: the same *tensor.Tensor objects the module uses.
func (m *Module) OwnParameters() (names []string, ts []*tensor.Tensor) {
	return append([]string{}, m.params.names...), append([]*tensor.Tensor{}, m.params.ts...)
}

// OwnBuffers returns the module's own buffers and whether each is
// persistent.
func (m *Module) OwnBuffers() (names []string, ts []*tensor.Tensor, persistent []bool) {
	for i, n := range m.buffers.names {
		names = append(names, n)
		ts = append(ts, m.buffers.ts[i])
		persistent = append(persistent, !m.nonPers[n])
	}
	return
}

// Children returns the direct submodules in order.
func (m *Module) Children() (names []string, mods []*Module) {
	for _, c := range m.mods {
		names = append(names, c.name)
		mods = append(mods, c.m)
	}
	return
}

// Fields returns the plain (non-tensor, non-module) public fields.
func (m *Module) Fields() (names []string, vals []eval.Value) {
	for _, n := range m.forder {
		names = append(names, n)
		vals = append(vals, m.fields[n])
	}
	return
}

// Parameters returns all parameters with flattened names, children first
// ($parameters).
func (m *Module) Parameters() (names []string, ts []*tensor.Tensor) {
	for _, p := range m.namedParameters() {
		names = append(names, p.name)
		ts = append(ts, p.t)
	}
	return
}
