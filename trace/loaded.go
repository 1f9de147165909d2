package trace

import (
	"fmt"
	"sort"
	"strconv"
	"strings"
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
	var b strings.Builder
	fmt.Fprintf(&b, "def %s(self: __torch__.%s", m.name, lm.mod.Class)
	for i, p := range m.params {
		b.WriteString(",\n    ")
		b.WriteString(p)
		if i < len(m.types) && m.types[i] != "" {
			b.WriteString(": " + m.types[i])
		}
	}
	b.WriteString("):\n")
	for _, s := range m.body {
		b.WriteString("  ")
		switch {
		case s.ret:
			b.WriteString("return " + exprCode(s.e, true))
		default:
			b.WriteString(strings.Join(s.targets, ", "))
			b.WriteString(" = ")
			b.WriteString(exprCode(s.e, true))
		}
		b.WriteByte('\n')
	}
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
			s := strconv.FormatFloat(v, 'g', -1, 64)
			if !strings.ContainsAny(s, ".eEn") {
				s += "."
			}
			return s
		}
		return fmt.Sprint(e.lit)
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
