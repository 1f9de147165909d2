package trace

import (
	"errors"
	"fmt"
	"sort"
	"strings"

	"torchr/tensor"
)

// Tuple, List and Dict structure traced inputs and outputs (R's jit_tuple,
// unnamed list and named list). Elements are *tensor.Tensor or nested
// Tuple/List/Dict; a graph run returns values of the same shapes.
type (
	Tuple []any
	List  []any
	Dict  struct {
		Keys   []string
		Values []any
	}
)

// ErrRequiresGradConstant is torch's error for a captured tensor that requires grad.
var ErrRequiresGradConstant = errors.New("Cannot insert a Tensor that requires grad as a constant. Consider making it a parameter or input, or detaching the gradient")

// ValueReadWarning is the warning recorded when a traced tensor is read into a host value.
const ValueReadWarning = "converting a traced tensor to an R value freezes it into the trace: the traced function will always use the value seen while tracing"

// InplaceWarning is recorded when a traced in-place op modifies an input
// or a parameter (torch is silent about it). Buffers are left alone: batch
// norm updates its running statistics in place by design.
const InplaceWarning = "an in-place operation modifies an input or a parameter of the traced function: it will modify it on every call of the traced function"

// Options configure a trace.
type Options struct {
	// Self is the module's TorchScript class ("__torch__.nn_linear"); empty
	// for a function trace (no self input).
	Self string
	// Strict makes a list output a warning and a dict output an error.
	Strict bool
	// OnValueRead, if set, is called when a traced tensor is read into a
	// host value (item(), as.numeric, if (x > 0)), so the caller can warn
	// with its source location. The warning is also recorded in Warnings.
	OnValueRead func(kind string)
	// OnShapeRead, if set, is called when the shape of a traced tensor is
	// read into a host value (rt.ReadShape); it returns the expression
	// that read it, for the error of a call the guard rejects.
	OnShapeRead func() string
}

type attrEntry struct {
	qual   string
	t      *tensor.Tensor
	val    *Value // the GetAttr output (reserved at registration)
	parent string // qualified name of the owning module ("" for self)
	leaf   string
	node   *Node
	idx    int
	used   bool
}

// Tracer records op calls on a runtime into a graph. It is a tensor.Hook.
type Tracer struct {
	rt       *tensor.Runtime
	opt      Options
	g        *Graph
	self     *Value
	vals     map[*tensor.Tensor]*Value
	attrs    []*attrEntry
	attrByT  map[*tensor.Tensor]*attrEntry
	modules  map[string]*attrEntry // submodule path -> its GetAttr
	modOrder []*attrEntry
	classes  map[string]string
	inputs   []any // input structure: *Value or nested
	warnings []string
	err      error
	remove   func()
	done     bool
	pending  []*attrEntry
	guards   []*shapeGuard
}

// Start begins a trace on rt: every top-level op called on rt until Finish
// (or Abort) is recorded.
func Start(rt *tensor.Runtime, opt Options) *Tracer {
	tr := &Tracer{rt: rt, opt: opt, vals: map[*tensor.Tensor]*Value{}, attrByT: map[*tensor.Tensor]*attrEntry{},
		modules: map[string]*attrEntry{}, classes: map[string]string{}}
	if opt.Self != "" {
		tr.g = NewGraph(1)
		tr.self = tr.g.AddInput(&Type{Kind: KModule, Class: opt.Self}, "self")
	} else {
		tr.g = NewGraph(0)
	}
	tr.remove = rt.PushHook(tr)
	return tr
}

// Module declares the TorchScript class of a submodule (path "fc1" or
// "block.0"); undeclared submodules are "__torch__.Module".
func (tr *Tracer) Module(path, class string) { tr.classes[path] = class }

// Param registers a parameter or buffer under its qualified name
// ("fc1.weight"). Uses of t become prim::GetAttr reads.
func (tr *Tracer) Param(qual string, t *tensor.Tensor) {
	if t == nil {
		return
	}
	parent, leaf := "", qual
	if i := strings.LastIndexByte(qual, '.'); i >= 0 {
		parent, leaf = qual[:i], qual[i+1:]
	}
	if parent != "" {
		tr.module(parent)
	}
	e := &attrEntry{qual: qual, t: t, parent: parent, leaf: leaf, idx: len(tr.attrs)}
	e.val = tr.g.newValue(tyTensor, leaf)
	tr.attrs = append(tr.attrs, e)
	if _, dup := tr.attrByT[t]; !dup {
		tr.attrByT[t] = e
	}
}

// module reserves the GetAttr value of a submodule path (and its parents).
func (tr *Tracer) module(path string) *attrEntry {
	if e, ok := tr.modules[path]; ok {
		return e
	}
	parent, leaf := "", path
	if i := strings.LastIndexByte(path, '.'); i >= 0 {
		parent, leaf = path[:i], path[i+1:]
		tr.module(parent)
	}
	e := &attrEntry{qual: path, parent: parent, leaf: leaf, idx: len(tr.modOrder)}
	e.val = tr.g.newValue(&Type{Kind: KModule, Class: "__torch__.Module"}, leaf)
	tr.modules[path] = e
	tr.modOrder = append(tr.modOrder, e)
	return e
}

// Input adds a graph input: a tensor, or a Tuple/List of them (unpacked
// with prim::TupleUnpack / prim::ListUnpack).
func (tr *Tracer) Input(v any) error {
	s, err := tr.input(v, true)
	if err != nil {
		return err
	}
	tr.inputs = append(tr.inputs, s)
	return nil
}

func inputType(v any) (*Type, error) {
	switch x := v.(type) {
	case *tensor.Tensor:
		return TensorType(x), nil
	case Tuple:
		t := &Type{Kind: KTuple}
		for _, e := range x {
			et, err := inputType(e)
			if err != nil {
				return nil, err
			}
			t.Elems = append(t.Elems, et)
		}
		return t, nil
	case List:
		for _, e := range x {
			if _, ok := e.(*tensor.Tensor); !ok {
				return nil, errors.New("Only Tensors and (possibly nested) Lists, Dicts, and Tuples of Tensors can be traced")
			}
		}
		return &Type{Kind: KTensorList}, nil
	case Dict:
		for _, e := range x.Values {
			if _, ok := e.(*tensor.Tensor); !ok {
				return nil, errors.New("Only Tensors and (possibly nested) Lists, Dicts, and Tuples of Tensors can be traced")
			}
		}
		return &Type{Kind: KDict}, nil
	}
	return nil, errors.New("Only Tensors and (possibly nested) Lists, Dicts, and Tuples of Tensors can be traced")
}

// input returns the structure of an input: *Value for a tensor, Tuple/List of structures.
func (tr *Tracer) input(v any, top bool) (any, error) {
	t, err := inputType(v)
	if err != nil {
		return nil, err
	}
	val := tr.g.AddInput(t, "")
	return tr.unpack(v, val)
}

func (tr *Tracer) unpack(v any, val *Value) (any, error) {
	switch x := v.(type) {
	case *tensor.Tensor:
		tr.vals[x] = val
		return val, nil
	case Dict:
		// read with aten::__getitem__(dict, key), as torch does
		out := Dict{Keys: x.Keys}
		for i, k := range x.Keys {
			key := tr.g.Constant(k)
			n := tr.g.Append("aten::__getitem__", []*Value{val, key}, TensorType(x.Values[i].(*tensor.Tensor)))
			s, err := tr.unpack(x.Values[i], n.Outputs[0])
			if err != nil {
				return nil, err
			}
			out.Values = append(out.Values, s)
		}
		return out, nil
	case Tuple, List:
		var elems []any
		kind := "prim::TupleUnpack"
		var types []*Type
		if t, ok := x.(Tuple); ok {
			elems = t
			types = val.Type.Elems
		} else {
			elems = x.(List)
			kind = "prim::ListUnpack"
			for _, e := range elems {
				types = append(types, TensorType(e.(*tensor.Tensor)))
			}
		}
		n := tr.g.Append(kind, []*Value{val}, types...)
		out := make([]any, len(elems))
		for i, e := range elems {
			s, err := tr.unpack(e, n.Outputs[i])
			if err != nil {
				return nil, err
			}
			out[i] = s
		}
		if _, ok := x.(Tuple); ok {
			return Tuple(out), nil
		}
		return List(out), nil
	}
	return nil, fmt.Errorf("trace: input of type %T", v)
}

// AfterOp records one op call (tensor.Hook).
func (tr *Tracer) AfterOp(c *tensor.Call) error {
	if tr.err != nil || tr.done {
		return tr.err
	}
	at := len(tr.g.Nodes)
	ins := make([]*Value, 0, len(c.Args))
	for i, a := range c.Args {
		ptype := ""
		if i < len(c.Op.Params) {
			ptype = c.Op.Params[i].Type
		}
		v, err := tr.argValue(a, ptype)
		if err != nil {
			tr.err = err
			return err
		}
		ins = append(ins, v)
	}
	types := make([]*Type, len(c.Outputs))
	for i, o := range c.Outputs {
		types[i] = TensorType(o)
	}
	tr.flushAttrs(at)
	if c.Op.IsInplace() && len(ins) > 0 {
		v := ins[0]
		// buffers are state that forward updates on purpose (batch
		// norm's running statistics and num_batches_tracked in train
		// mode): only inputs and parameters are worth a warning
		isBuffer := v.Node != nil && v.Node.Kind == "prim::GetAttr" && !c.Outputs[0].RequiresGrad()
		if !isBuffer && (v.Node == nil || v.Node.Kind == "prim::GetAttr" || v.Node.Kind == "prim::TupleUnpack" ||
			v.Node.Kind == "prim::ListUnpack" || v.Node.Kind == "aten::__getitem__") {
			tr.warnings = append(tr.warnings, InplaceWarning)
		}
	}
	n := tr.g.Append(c.Op.Name(), ins, types...)
	n.Op = c.Op
	for i, o := range c.Outputs {
		tr.vals[o] = n.Outputs[i]
	}
	return nil
}

// ValueRead records a host read of a traced tensor (tensor.ValueReadHook).
func (tr *Tracer) ValueRead(t *tensor.Tensor, kind string) {
	if _, ok := tr.vals[t]; !ok {
		if _, ok := tr.attrByT[t]; !ok {
			return
		}
	}
	tr.warnings = append(tr.warnings, ValueReadWarning)
	if tr.opt.OnValueRead != nil {
		tr.opt.OnValueRead(kind)
	}
}

// Warnings are the warnings recorded so far.
func (tr *Tracer) Warnings() []string { return tr.warnings }

func (tr *Tracer) tensorValue(t *tensor.Tensor) (*Value, error) {
	if v, ok := tr.vals[t]; ok {
		return v, nil
	}
	if e, ok := tr.attrByT[t]; ok {
		return tr.getAttr(e), nil
	}
	if t.RequiresGrad() {
		return nil, ErrRequiresGradConstant
	}
	v := tr.g.Constant(t)
	tr.vals[t] = v
	return v, nil
}

// getAttr emits the GetAttr node of a parameter (and of the parameters of
// the same module used by the same op, in reverse registration order, as
// torch prints them) before the node being built.
func (tr *Tracer) getAttr(e *attrEntry) *Value {
	if e.node != nil {
		return e.val
	}
	from := tr.self
	if e.parent != "" {
		m := tr.modules[e.parent]
		for p := m; p != nil && !p.used; p = tr.modules[p.parent] {
			p.used = true
		}
		from = m.val
	}
	n := &Node{Kind: "prim::GetAttr", Inputs: []*Value{from}, Outputs: []*Value{e.val}, Attr: e.leaf, Qual: e.qual}
	e.val.Node = n
	e.val.Type = TensorType(e.t)
	e.val.Type.Complete = false
	e.node = n
	tr.pending = append(tr.pending, e)
	return e.val
}

// flushAttrs inserts the GetAttr nodes requested while building a node at
// position at, in reverse registration order.
func (tr *Tracer) flushAttrs(at int) {
	if len(tr.pending) == 0 {
		return
	}
	sort.Slice(tr.pending, func(i, j int) bool { return tr.pending[i].idx > tr.pending[j].idx })
	ns := make([]*Node, 0, len(tr.g.Nodes)+len(tr.pending))
	ns = append(ns, tr.g.Nodes[:at]...)
	for _, e := range tr.pending {
		ns = append(ns, e.node)
	}
	ns = append(ns, tr.g.Nodes[at:]...)
	tr.g.Nodes = ns
	tr.pending = tr.pending[:0]
}

// placeAttrs puts the GetAttr nodes of the used submodules at the top:
// outer modules first, siblings in reverse registration order.
func (tr *Tracer) placeAttrs() {
	var used []*attrEntry
	for _, m := range tr.modOrder {
		if m.used {
			used = append(used, m)
		}
	}
	depth := func(e *attrEntry) int { return strings.Count(e.qual, ".") }
	sort.SliceStable(used, func(i, j int) bool {
		if di, dj := depth(used[i]), depth(used[j]); di != dj {
			return di < dj
		}
		return used[i].idx > used[j].idx
	})
	var top []*Node
	for _, m := range used {
		from := tr.self
		if m.parent != "" {
			from = tr.modules[m.parent].val
		}
		if c, ok := tr.classes[m.qual]; ok {
			m.val.Type = &Type{Kind: KModule, Class: c}
		}
		n := &Node{Kind: "prim::GetAttr", Inputs: []*Value{from}, Outputs: []*Value{m.val}, Attr: m.leaf, Qual: m.qual}
		m.val.Node = n
		top = append(top, n)
	}
	tr.g.Nodes = append(top, tr.g.Nodes...)
	tr.g.rebuildUses()
}

func (tr *Tracer) argValue(a any, ptype string) (*Value, error) {
	switch x := a.(type) {
	case *tensor.Tensor:
		if x == nil {
			return tr.g.Constant(nil), nil
		}
		return tr.tensorValue(x)
	case []*tensor.Tensor:
		var vs []*Value
		for _, t := range x {
			v, err := tr.tensorValue(t)
			if err != nil {
				return nil, err
			}
			vs = append(vs, v)
		}
		return tr.g.Append("prim::ListConstruct", vs, &Type{Kind: KTensorList}).Outputs[0], nil
	case []int:
		var vs []*Value
		for _, i := range x {
			vs = append(vs, tr.g.Constant(i))
		}
		return tr.g.Append("prim::ListConstruct", vs, &Type{Kind: KIntList}).Outputs[0], nil
	case nil:
		return tr.g.Constant(nil), nil
	}
	return tr.g.Constant(a), nil
}

// Finish stops the trace and returns the traced method. out is the value
// the traced code returned: a tensor, or a Tuple/List/Dict of them.
func (tr *Tracer) Finish(name string, out any) (*Function, error) {
	tr.stop()
	if tr.err != nil {
		return nil, tr.err
	}
	at := len(tr.g.Nodes)
	ov, err := tr.output(out)
	if err != nil {
		return nil, err
	}
	tr.flushAttrs(at)
	tr.g.Outputs = []*Value{ov}
	tr.placeAttrs()
	Eliminate(tr.g)
	f := &Function{Name: name, Graph: tr.g, inputs: tr.inputs, Warnings: tr.warnings}
	for _, e := range tr.attrs {
		if e.node != nil {
			f.Attrs = append(f.Attrs, e.qual)
		}
	}
	sort.Strings(f.Attrs)
	tr.finishGuards(f)
	return f, nil
}

// Abort stops the trace without a result.
func (tr *Tracer) Abort() { tr.stop() }

func (tr *Tracer) stop() {
	if !tr.done {
		tr.done = true
		tr.remove()
	}
}

func (tr *Tracer) output(out any) (*Value, error) {
	switch x := out.(type) {
	case *tensor.Tensor:
		if x == nil {
			break
		}
		v, ok := tr.vals[x]
		if !ok {
			if e, isAttr := tr.attrByT[x]; isAttr {
				return tr.getAttr(e), nil
			}
			return nil, errors.New("output of traced function did not have observable data dependence with trace inputs; this probably indicates your program cannot be understood by the tracer")
		}
		return v, nil
	case Tuple, List:
		var elems []any
		kind, t := "prim::TupleConstruct", &Type{Kind: KTuple}
		if tu, ok := x.(Tuple); ok {
			elems = tu
		} else {
			elems, kind, t = x.(List), "prim::ListConstruct", &Type{Kind: KTensorList}
			if tr.opt.Strict {
				tr.warnings = append(tr.warnings, "Encountering a list at the output of the tracer might cause the trace to be incorrect, this is only valid if the container structure does not change based on the module's inputs. Consider using a constant container instead (e.g. for `list`, use a `tuple` instead. for `dict`, use a `NamedTuple` instead). If you absolutely need this and know the side effects, pass strict=False to trace() to allow this behavior.")
			}
		}
		var vs []*Value
		for _, e := range elems {
			v, err := tr.output(e)
			if err != nil {
				return nil, err
			}
			if kind == "prim::ListConstruct" && v.Type.Kind != KTensor {
				return nil, errors.New("Only tensors, lists, tuples of tensors, or dictionary of tensors can be output from traced functions")
			}
			vs = append(vs, v)
			t.Elems = append(t.Elems, v.Type)
		}
		if kind == "prim::ListConstruct" {
			t.Elems = nil
		}
		return tr.g.Append(kind, vs, t).Outputs[0], nil
	case Dict:
		if tr.opt.Strict {
			return nil, errors.New("Encountering a dict at the output of the tracer might cause the trace to be incorrect, this is only valid if the container structure does not change based on the module's inputs. Consider using a constant container instead (e.g. for `list`, use a `tuple` instead. for `dict`, use a `NamedTuple` instead). If you absolutely need this and know the side effects, pass strict=False to trace() to allow this behavior.")
		}
		var vs []*Value
		for i, k := range x.Keys {
			v, err := tr.output(x.Values[i])
			if err != nil {
				return nil, err
			}
			if v.Type.Kind != KTensor {
				return nil, errors.New("Only tensors, lists, tuples of tensors, or dictionary of tensors can be output from traced functions")
			}
			vs = append(vs, tr.g.Constant(k), v)
		}
		return tr.g.Append("prim::DictConstruct", vs, &Type{Kind: KDict}).Outputs[0], nil
	}
	return nil, errors.New("Only tensors, lists, tuples of tensors, or dictionary of tensors can be output from traced functions")
}
