package trace

import (
	"fmt"
	"strings"
	"sync"

	"torchr/tensor"
)

// Function is a traced method: its graph as traced, the qualified names of
// the parameters and buffers it reads, and the compiled plans made for it.
type Function struct {
	Name     string
	Graph    *Graph
	Attrs    []string // qualified names read by prim::GetAttr, sorted
	Warnings []string // recorded while tracing (value reads, list outputs)
	inputs   []any    // input structure: *Value, Tuple, List

	mu    sync.Mutex
	opt   *Graph           // optimized graph (no grad), made on first compiled run
	plans map[string]*plan // per input signature
	last  *plan            // the plan used last
	// NoCompile makes Run always use the dispatcher (for tests and debugging).
	NoCompile bool

	guards     []*shapeGuard   // shapes read into R while tracing (guard.go)
	deepGuards bool            // some guard is on an intermediate value
	checked    map[string]bool // signatures whose deep guards passed

	loaded *loadedMethod        // a method of a loaded archive (Graph is nil)
	traced map[string]*Function // its traces per input signature
	direct map[string]bool      // signatures evaluated without a trace
	// lastTraced is the trace of the latest call (CurrentGraph)
	lastTraced *Function
}

// NumInputs is the number of arguments the method takes (self excluded).
func (f *Function) NumInputs() int {
	if f.loaded != nil {
		return len(f.loaded.meth.params)
	}
	return len(f.inputs)
}

// Run calls the method. attrs maps the qualified names in f.Attrs to the
// module's current tensors; args are tensors or Tuple/List of tensors, as
// traced. The result is a *tensor.Tensor, Tuple, List or Dict.
func (f *Function) Run(rt *tensor.Runtime, attrs map[string]*tensor.Tensor, args ...any) (any, error) {
	if f.loaded != nil {
		args = f.loaded.meth.withDefaults(args)
		if err := f.checkInputGuards(args); err != nil {
			return nil, err
		}
		out, err := f.runLoaded(rt, attrs, args)
		if err == nil {
			f.noteLoadedCall(args)
		}
		return out, err
	}
	if len(args) != len(f.inputs) {
		return nil, fmt.Errorf("%s() expected %d argument(s) but got %d", f.Name, len(f.inputs), len(args))
	}
	g := f.Graph
	off := 0
	if len(g.Inputs) > 0 && g.Inputs[0].Type.Kind == KModule {
		off = 1
	}
	needGrad := len(rt.Hooks()) > 0
	for i, a := range args {
		if err := f.checkArg(i, a, g.Inputs[off+i].Type, &needGrad, rt.GradEnabled()); err != nil {
			return nil, err
		}
	}
	if err := f.checkInputGuards(args); err != nil {
		return nil, err
	}
	for _, q := range f.Attrs {
		t, ok := attrs[q]
		if !ok || t == nil {
			return nil, fmt.Errorf("traced method '%s': the module has no parameter or buffer '%s'", f.Name, q)
		}
		if t.RequiresGrad() && rt.GradEnabled() {
			needGrad = true
		}
	}
	if needGrad || f.NoCompile {
		env := make([]any, g.nextID)
		for i, a := range args {
			env[g.Inputs[off+i].id] = a
		}
		if err := f.interpretGuarded(rt, g, attrs, env); err != nil {
			return nil, f.wrap(err)
		}
		return structured(env[g.Outputs[0].id]), nil
	}
	out, err := f.runCompiled(rt, attrs, args)
	if err != nil {
		return nil, f.wrap(err)
	}
	return out, nil
}

func (f *Function) wrap(err error) error {
	if _, ok := err.(*guardError); ok {
		return err
	}
	return fmt.Errorf("in traced method '%s': %w", f.Name, err)
}

func (f *Function) checkArg(i int, a any, t *Type, needGrad *bool, gradOn bool) error {
	bad := func(got string) error {
		return fmt.Errorf("traced method '%s' expects argument %d to be %s, got %s", f.Name, i+1, t.short(), got)
	}
	switch x := a.(type) {
	case *tensor.Tensor:
		if t.Kind != KTensor || x == nil {
			return bad("a tensor")
		}
		if x.DType() != t.DType {
			return fmt.Errorf("traced method '%s' expects argument %d of dtype %s (traced with %s), got %s", f.Name, i+1, t.DType, t, x.DType())
		}
		if x.Dim() != len(t.Shape) {
			return fmt.Errorf("traced method '%s' expects argument %d with %d dimensions (traced with %s), got shape %v", f.Name, i+1, len(t.Shape), t, x.Shape())
		}
		if x.RequiresGrad() && gradOn {
			*needGrad = true
		}
	case Tuple:
		if t.Kind != KTuple || len(x) != len(t.Elems) {
			return bad(fmt.Sprintf("a tuple of %d", len(x)))
		}
		for j, e := range x {
			if err := f.checkArg(i, e, t.Elems[j], needGrad, gradOn); err != nil {
				return err
			}
		}
	case Dict:
		if t.Kind != KDict {
			return bad("a named list")
		}
		for _, e := range x.Values {
			tt, ok := e.(*tensor.Tensor)
			if !ok || tt == nil {
				return bad("a named list with a non-tensor element")
			}
			if tt.RequiresGrad() && gradOn {
				*needGrad = true
			}
		}
	case List:
		if t.Kind != KTensorList {
			return bad("a list")
		}
		for _, e := range x {
			tt, ok := e.(*tensor.Tensor)
			if !ok || tt == nil {
				return bad("a list with a non-tensor element")
			}
			if tt.RequiresGrad() && gradOn {
				*needGrad = true
			}
		}
	default:
		return bad(fmt.Sprintf("%T", a))
	}
	return nil
}

// structured turns interpreter values into the public output shapes.
func structured(v any) any {
	switch x := v.(type) {
	case []*tensor.Tensor:
		l := make(List, len(x))
		for i, t := range x {
			l[i] = t
		}
		return l
	case Tuple:
		out := make(Tuple, len(x))
		for i, e := range x {
			out[i] = structured(e)
		}
		return out
	}
	return v
}

// interpret runs g node by node through the dispatcher (autograd records,
// hooks see the calls). env is indexed by value id and holds the inputs.
func interpret(rt *tensor.Runtime, g *Graph, attrs map[string]*tensor.Tensor, env []any) error {
	for _, n := range g.Nodes {
		if err := step(rt, n, attrs, env); err != nil {
			return err
		}
	}
	return nil
}

func step(rt *tensor.Runtime, n *Node, attrs map[string]*tensor.Tensor, env []any) error {
	switch n.Kind {
	case "prim::Constant":
		env[n.Outputs[0].id] = n.Attr
	case "prim::GetAttr":
		if n.Outputs[0].Type.Kind == KModule {
			return nil
		}
		env[n.Outputs[0].id] = attrs[n.Qual]
	case "prim::ListConstruct":
		switch n.Outputs[0].Type.Kind {
		case KIntList:
			l := make([]int, len(n.Inputs))
			for i, in := range n.Inputs {
				l[i] = env[in.id].(int)
			}
			env[n.Outputs[0].id] = l
		default:
			l := make([]*tensor.Tensor, len(n.Inputs))
			for i, in := range n.Inputs {
				l[i], _ = env[in.id].(*tensor.Tensor)
			}
			env[n.Outputs[0].id] = l
		}
	case "prim::TupleConstruct":
		t := make(Tuple, len(n.Inputs))
		for i, in := range n.Inputs {
			t[i] = env[in.id]
		}
		env[n.Outputs[0].id] = t
	case "prim::DictConstruct":
		d := Dict{}
		for i := 0; i+1 < len(n.Inputs); i += 2 {
			d.Keys = append(d.Keys, env[n.Inputs[i].id].(string))
			d.Values = append(d.Values, env[n.Inputs[i+1].id])
		}
		env[n.Outputs[0].id] = d
	case "aten::__getitem__":
		d, ok := env[n.Inputs[0].id].(Dict)
		key, _ := env[n.Inputs[1].id].(string)
		if !ok {
			return fmt.Errorf("expected a dict input")
		}
		for i, k := range d.Keys {
			if k == key {
				env[n.Outputs[0].id] = d.Values[i]
				return nil
			}
		}
		return fmt.Errorf("the dict input has no key %q", key)
	case "prim::TupleUnpack", "prim::ListUnpack":
		var elems []any
		switch x := env[n.Inputs[0].id].(type) {
		case Tuple:
			elems = x
		case List:
			elems = x
		}
		if len(elems) != len(n.Outputs) {
			return fmt.Errorf("expected a %s of %d elements, got %d", strings.TrimSuffix(strings.TrimPrefix(n.Kind, "prim::"), "Unpack"), len(n.Outputs), len(elems))
		}
		for i, o := range n.Outputs {
			env[o.id] = elems[i]
		}
	default:
		if n.Op == nil {
			if r, ok := n.Fused.(interpreted); ok {
				return r.interpret(rt, n, env)
			}
			return fmt.Errorf("cannot run node %s", n.Kind)
		}
		args := make(tensor.Args, len(n.Inputs))
		for i, in := range n.Inputs {
			args[i] = env[in.id]
		}
		outs, err := rt.Run(n.Op, args)
		if err != nil {
			return err
		}
		if len(outs) != len(n.Outputs) {
			return fmt.Errorf("%s returned %d outputs, the trace has %d", n.Kind, len(outs), len(n.Outputs))
		}
		for i, o := range n.Outputs {
			env[o.id] = outs[i]
		}
	}
	return nil
}

// interpreted is implemented by fused node payloads that can run through
// the dispatcher (by expanding into their original ops).
type interpreted interface {
	interpret(rt *tensor.Runtime, n *Node, env []any) error
}
