package trace

import (
	"fmt"
	"sort"
	"strconv"
	"strings"

	"torchr/tensor"
)

// Graphs and code of methods loaded from an archive. A loaded method is
// evaluated from its TorchScript code and traced per input signature on
// its first call with that signature (runLoaded); before a call it has no
// graph, since the archive's code carries no shapes.

// CurrentGraph is the method's graph: the traced graph, or for a loaded
// method the graph traced for the input signature of its latest call (nil
// before the first call).
func (f *Function) CurrentGraph() *Graph {
	if f.loaded == nil {
		return f.Graph
	}
	f.mu.Lock()
	defer f.mu.Unlock()
	if f.lastTraced != nil {
		return f.lastTraced.Graph
	}
	return nil
}

// Loaded reports whether f is a method of a module read by Load.
func (f *Function) Loaded() bool { return f.loaded != nil }

// noteLoadedCall remembers the trace used by a call of a loaded method.
func (f *Function) noteLoadedCall(args []any) {
	key := sigKey(signature(nil, args))
	f.mu.Lock()
	if tf := f.traced[key]; tf != nil {
		f.lastTraced = tf
	}
	f.mu.Unlock()
}

// loadedCode prints a loaded method's TorchScript code as the archive
// holds it (re-printed from the parsed statements: the same code, in
// torch's layout, without comments).
func (f *Function) loadedCode() string {
	lm := f.loaded
	m := lm.meth
	if m.free {
		return m.freeCode()
	}
	var b strings.Builder
	self := m.self
	if self == "" {
		self = "self"
	}
	fmt.Fprintf(&b, "def %s(%s: __torch__.%s", m.name, self, lm.mod.Class)
	for i, p := range m.params {
		b.WriteString(",\n    ")
		b.WriteString(p)
		if i < len(m.types) && m.types[i] != "" {
			b.WriteString(": " + m.types[i])
		}
		if i < len(m.defaults) && m.defaults[i] != nil {
			b.WriteString("=" + exprCode(m.defaults[i], false))
		}
	}
	b.WriteString("):\n")
	writeBody(&b, m.body)
	return b.String()
}

func exprCode(e *expr, top bool) string {
	if e == nil {
		return ""
	}
	list := func(args []*expr, kw []string) string {
		parts := make([]string, len(args))
		for i, a := range args {
			parts[i] = exprCode(a, false)
			if i < len(kw) && kw[i] != "" {
				parts[i] = kw[i] + "=" + parts[i]
			}
		}
		return strings.Join(parts, ", ")
	}
	switch e.kind {
	case eName:
		return e.name
	case eLit:
		switch v := e.lit.(type) {
		case nil:
			return "None"
		case bool:
			if v {
				return "True"
			}
			return "False"
		case string:
			return strconv.Quote(v)
		case int:
			return strconv.Itoa(v)
		case float64:
			return floatLit(v)
		}
		return fmt.Sprint(e.lit)
	case eBin:
		return opCode(e.args[0]) + " " + e.name + " " + opCode(e.args[1])
	case eUnary:
		if e.name == "not" {
			return "not " + opCode(e.args[0])
		}
		return e.name + opCode(e.args[0])
	case eList:
		return "[" + list(e.args, nil) + "]"
	case eTuple:
		s := list(e.args, nil)
		if len(e.args) == 1 {
			s += ","
		}
		if top {
			return s
		}
		return "(" + s + ")"
	case eDict:
		var parts []string
		for i := 0; i+1 < len(e.args); i += 2 {
			parts = append(parts, exprCode(e.args[i], false)+": "+exprCode(e.args[i+1], false))
		}
		return "{" + strings.Join(parts, ", ") + "}"
	case eAttr:
		return exprCode(e.x, false) + "." + e.name
	case eCall:
		return exprCode(e.x, false) + "(" + list(e.args, e.kw) + ")"
	case eConst:
		return "CONSTANTS.c" + strconv.Itoa(e.idx)
	case eIndex:
		return exprCode(e.x, false) + "[" + list(e.args, nil) + "]"
	}
	return "?"
}

// tracedSignatures is the number of input signatures a loaded method was
// traced for (for tests).
func (f *Function) tracedSignatures() []string {
	f.mu.Lock()
	defer f.mu.Unlock()
	var ks []string
	for k := range f.traced {
		ks = append(ks, k)
	}
	sort.Strings(ks)
	return ks
}

// nameInputs names the inputs of a graph traced from code as PyTorch names
// those of the code's own graph: the argument names, with ".1" for those
// the body reads (TorchScript's SSA conversion renames a variable's first
// value when the variable is read: `%x.1 : Tensor`, `%self.1`).
func nameInputs(g *Graph, m *method) {
	read := namesRead(m)
	off := 0
	if len(g.Inputs) > 0 && g.Inputs[0].Type.Kind == KModule {
		if read["self"] {
			g.setName(g.Inputs[0], "self.1")
		}
		off = 1
	}
	for i, p := range m.params {
		if off+i >= len(g.Inputs) {
			break
		}
		if read[p] {
			p += ".1"
		}
		g.setName(g.Inputs[off+i], p)
	}
}

// setName gives v a (unique) debug name.
func (g *Graph) setName(v *Value, name string) {
	if v.name == name {
		return
	}
	v.name = g.uniqueName(name)
}

// namesRead is the set of variable names the method's body reads.
func namesRead(m *method) map[string]bool {
	read := map[string]bool{}
	var walk func(e *expr)
	walk = func(e *expr) {
		if e == nil {
			return
		}
		if e.kind == eName {
			read[e.name] = true
		}
		walk(e.x)
		for _, a := range e.args {
			walk(a)
		}
	}
	var block func(body []*stmt)
	block = func(body []*stmt) {
		for _, s := range body {
			walk(s.e)
			if s.aug != "" {
				read[s.targets[0]] = true
			}
			block(s.body)
			block(s.orelse)
		}
	}
	block(m.body)
	return read
}

// assignment is a variable assigned while evaluating a method's code.
type assignment struct {
	name string
	val  any
}

// nameLocals names the graph values that the method's code assigns to
// variables, as PyTorch names the values of the code's own graph: the
// variable's name, with ".N" for its N-th assignment when the variable is
// read (`bias = self.bias` gives %bias.1). Names starting with "_" are
// temporaries PyTorch leaves numbered.
func nameLocals(tr *Tracer, g *Graph, m *method, assigns []assignment) {
	read := namesRead(m)
	inputs := map[*Value]bool{}
	for _, in := range g.Inputs {
		inputs[in] = true
	}
	named := map[*Value]bool{}
	count := map[string]int{}
	for _, a := range assigns {
		if strings.HasPrefix(a.name, "_") {
			continue
		}
		v := tr.valueOf(a.val)
		if v == nil || inputs[v] || named[v] {
			continue
		}
		named[v] = true
		count[a.name]++
		name := a.name
		if read[a.name] {
			name = fmt.Sprintf("%s.%d", a.name, count[a.name])
		}
		g.takeName(v, name)
	}
}

// valueOf is the graph value of a tensor or submodule the trace saw.
func (tr *Tracer) valueOf(x any) *Value {
	switch t := x.(type) {
	case *tensor.Tensor:
		if v, ok := tr.vals[t]; ok {
			return v
		}
		if e, ok := tr.attrByT[t]; ok && e.node != nil {
			return e.val
		}
	case modRef:
		if e, ok := tr.modules[strings.TrimSuffix(t.path, ".")]; ok && e.used {
			return e.val
		}
	}
	return nil
}

// takeName names v; a value that had the name gets another (as torch's
// Value::setDebugName does).
func (g *Graph) takeName(v *Value, name string) {
	if v.name == name {
		return
	}
	var owner *Value
	for _, in := range g.Inputs {
		if in.name == name {
			owner = in
		}
	}
	for _, n := range g.Nodes {
		for _, o := range n.Outputs {
			if o.name == name {
				owner = o
			}
		}
	}
	if owner != nil {
		base := name
		if i := strings.LastIndexByte(name, '.'); i > 0 {
			if _, err := strconv.Atoi(name[i+1:]); err == nil {
				base = name[:i]
			}
		}
		owner.name = g.uniqueName(base)
		for owner.name == name {
			owner.name = g.uniqueName(base)
		}
	}
	g.names[name]++
	v.name = name
}
