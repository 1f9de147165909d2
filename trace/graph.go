// Package trace is torchr's JIT: a TorchScript-like SSA graph IR, a tracer
// (a tensor.Hook) that records a forward pass into a graph, printers of
// TorchScript IR text (Graph.String, torch's format) and TorchScript source
// (Function.Code), passes, execution, and TorchScript archives.
//
// Tracing (what the R layer does for jit_trace / jit_trace_module):
//
//	tr := trace.Start(rt, trace.Options{Self: "__torch__.nn_linear", Strict: true, OnValueRead: warn})
//	tr.Module("fc1", "__torch__.nn_linear")   // classes of submodules (optional)
//	tr.Param("fc1.weight", w)                 // parameters and buffers, by qualified name
//	tr.Input(x)                               // a tensor, Tuple, List or Dict of tensors
//	... run the R code on rt ...
//	fn, err := tr.Finish("forward", out)      // out: *tensor.Tensor, Tuple, List or Dict
//	fn.Graph.String(); fn.Code(); fn.Warnings
//
// A captured tensor that requires grad fails the op with
// ErrRequiresGradConstant; other unknown tensors become constants; value
// reads (rt.ReadValue) are warnings. Random ops stay random nodes.
//
// Shape reads (rt.ReadShape: x$size(1), x$shape, dim(x), nrow(x),
// x$numel() in R) become guards of the traced function: R arithmetic on a
// size is invisible to the tracer and ends up as a constant of the graph,
// so the trace is valid only for inputs giving the sizes read. A call
// whose input (or an intermediate tensor computed from it) has another
// size in a read dimension fails with an error naming the method, the
// input or tensor, the dimension and the R expression that read it (see
// guard.go); traces that read no shape accept other batch sizes. Shape
// reads do not warn at trace time (unlike value reads): the trace is never
// silently wrong, and PyTorch's dynamic x.size(0) has no R equivalent
// since the arithmetic happens in R. Options.OnShapeRead names the reading
// expression.
//
// Running: fn.Run(rt, attrs, args...) with attrs mapping the qualified names
// in fn.Attrs to the module's current tensors (Module.Attrs builds it). When
// grad mode is on and an input or parameter requires grad, or a hook (an
// outer trace) is active, the graph runs node by node through the
// dispatcher (autograd records, outputs carry grad_fn). Otherwise Optimize
// (CSE, dropout removal, constant folding, batch-norm folding into linear and
// conv, linear+bias+activation fusion, DCE) and a compiled plan per input
// signature run it: fused float32 kernels (tensor/fused.go) writing into
// buffers planned by liveness, weights packed once, elementwise chains
// evaluated block by block, the other ops through the dispatcher.
//
// Files: Save(w, name, *Module) writes a TorchScript archive that PyTorch's
// torch.jit.load reads; Load(r) reads one (ours, torch.jit.trace's, or
// torch.jit.script's within the supported subset: statements, if/for/while,
// numbers) with a restricted unpickler and a parser of that code, and its
// methods are traced from that code per input signature on first call
// (Code prints the archive's code of a loaded method; CurrentGraph is the
// graph traced for its latest call, nil before the first). The graph of a
// method traced from code names its inputs and the values the code assigns
// to variables as PyTorch names those of the code's own graph (%x.1,
// %bias.1).
//
// Compile (script.go) compiles TorchScript source text into a Unit of
// functions (jit_compile) with the same parser and evaluator, extended with
// operators, typed arguments and calls between the unit's functions.
package trace

import (
	"fmt"
	"math"
	"strconv"
	"strings"

	"torchr/tensor"
)

// Kind is the kind of a value's type.
type Kind uint8

const (
	KTensor     Kind = iota // a tensor; Complete says whether dtype/shape are known
	KInt                    // int
	KFloat                  // float
	KBool                   // bool
	KStr                    // str
	KNone                   // NoneType
	KIntList                // int[]
	KFloatList              // float[]
	KBoolList               // bool[]
	KTensorList             // Tensor[]
	KTuple                  // (T1, T2)
	KDict                   // Dict(str, Tensor)
	KModule                 // __torch__.name
	KDevice                 // Device
	KScalarType             // int (a dtype constant)
)

// Type is a value's type.
type Type struct {
	Kind Kind
	// Complete tensors print as Float(2, 3, strides=[3, 1], requires_grad=0, device=cpu).
	Complete     bool
	DType        tensor.DType
	Shape        []int
	Strides      []int
	RequiresGrad bool
	Class        string  // KModule: "__torch__.nn_linear"
	Elems        []*Type // KTuple elements, or the element type of a list / dict value
}

// TensorType is the complete type of t.
func TensorType(t *tensor.Tensor) *Type {
	return &Type{Kind: KTensor, Complete: true, DType: t.DType(), Shape: append([]int(nil), t.Shape()...),
		Strides: append([]int(nil), t.Strides()...), RequiresGrad: t.RequiresGrad()}
}

var (
	tyTensor = &Type{Kind: KTensor}
	tyInt    = &Type{Kind: KInt}
	tyFloat  = &Type{Kind: KFloat}
	tyBool   = &Type{Kind: KBool}
	tyStr    = &Type{Kind: KStr}
	tyNone   = &Type{Kind: KNone}
)

func (t *Type) String() string {
	switch t.Kind {
	case KTensor:
		if !t.Complete {
			return "Tensor"
		}
		var parts []string
		for _, s := range t.Shape {
			parts = append(parts, strconv.Itoa(s))
		}
		if len(t.Shape) > 0 {
			parts = append(parts, "strides="+intList(t.Strides))
		}
		rg := 0
		if t.RequiresGrad {
			rg = 1
		}
		parts = append(parts, fmt.Sprintf("requires_grad=%d", rg), "device=cpu")
		return t.DType.ScalarTypeName() + "(" + strings.Join(parts, ", ") + ")"
	case KInt, KScalarType:
		return "int"
	case KFloat:
		return "float"
	case KBool:
		return "bool"
	case KStr:
		return "str"
	case KNone:
		return "NoneType"
	case KIntList:
		return "int[]"
	case KFloatList:
		return "float[]"
	case KBoolList:
		return "bool[]"
	case KTensorList:
		return "Tensor[]"
	case KDevice:
		return "Device"
	case KTuple:
		var parts []string
		for _, e := range t.Elems {
			parts = append(parts, e.String())
		}
		return "(" + strings.Join(parts, ", ") + ")"
	case KDict:
		return "Dict(str, Tensor)"
	case KModule:
		return t.Class
	}
	return "?"
}

// short is the type as TorchScript source writes it (Tensor, int, List[int], ...).
func (t *Type) short() string {
	switch t.Kind {
	case KTensor:
		return "Tensor"
	case KIntList:
		return "List[int]"
	case KFloatList:
		return "List[float]"
	case KBoolList:
		return "List[bool]"
	case KTensorList:
		return "List[Tensor]"
	case KTuple:
		var parts []string
		for _, e := range t.Elems {
			parts = append(parts, e.short())
		}
		return "Tuple[" + strings.Join(parts, ", ") + "]"
	case KDict:
		return "Dict[str, Tensor]"
	case KNone:
		return "NoneType"
	}
	return t.String()
}

func intList(s []int) string {
	parts := make([]string, len(s))
	for i, v := range s {
		parts[i] = strconv.Itoa(v)
	}
	return "[" + strings.Join(parts, ", ") + "]"
}

// Value is an SSA value: a graph input or a node output.
type Value struct {
	id   int
	name string // debug name ("weight", "x"); empty: printed as its number
	Type *Type
	Node *Node // producer (nil for graph inputs)
	Uses []*Node
}

// Name is the value's printed name without the %.
func (v *Value) Name() string {
	if v.name != "" {
		return v.name
	}
	return strconv.Itoa(v.id)
}

// Node is one operation.
type Node struct {
	Kind    string     // "aten::linear", "prim::Constant", "prim::GetAttr", ...
	Op      *tensor.Op // the op for aten:: nodes
	Inputs  []*Value
	Outputs []*Value
	// Attr is the node attribute: the name of a GetAttr, the value of a
	// Constant (int, float64, bool, string, nil, tensor.DType, *tensor.Tensor).
	Attr any
	// Qual is the qualified name a prim::GetAttr reads ("fc1.weight").
	Qual string
	// Fused nodes (trace::*) carry their own payload.
	Fused any
}

// Graph is a traced method's graph.
type Graph struct {
	Inputs  []*Value
	Nodes   []*Node
	Outputs []*Value
	nextID  int
	names   map[string]int
}

// NewGraph returns an empty graph whose unnamed values are numbered from first.
func NewGraph(first int) *Graph {
	return &Graph{nextID: first, names: map[string]int{}}
}

func (g *Graph) newValue(t *Type, name string) *Value {
	v := &Value{id: g.nextID, Type: t}
	g.nextID++
	if name != "" {
		v.name = g.uniqueName(name)
	}
	return v
}

// uniqueName returns name, or name.N if name is taken (torch's scheme).
func (g *Graph) uniqueName(name string) string {
	n, ok := g.names[name]
	if !ok {
		g.names[name] = 1
		return name
	}
	for {
		cand := fmt.Sprintf("%s.%d", name, n)
		n++
		if _, taken := g.names[cand]; !taken {
			g.names[name] = n
			g.names[cand] = 1
			return cand
		}
	}
}

// AddInput appends a graph input.
func (g *Graph) AddInput(t *Type, name string) *Value {
	v := g.newValue(t, name)
	g.Inputs = append(g.Inputs, v)
	return v
}

// NewNode makes a node (not yet inserted) with outputs of the given types.
func (g *Graph) NewNode(kind string, inputs []*Value, outTypes ...*Type) *Node {
	n := &Node{Kind: kind, Inputs: inputs}
	for _, t := range outTypes {
		o := g.newValue(t, "")
		o.Node = n
		n.Outputs = append(n.Outputs, o)
	}
	for _, in := range inputs {
		in.Uses = append(in.Uses, n)
	}
	return n
}

// Append makes a node and appends it to the graph.
func (g *Graph) Append(kind string, inputs []*Value, outTypes ...*Type) *Node {
	n := g.NewNode(kind, inputs, outTypes...)
	g.Nodes = append(g.Nodes, n)
	return n
}

// Constant appends a prim::Constant node holding v.
func (g *Graph) Constant(v any) *Value {
	var t *Type
	switch x := v.(type) {
	case nil:
		t = tyNone
	case int:
		t = tyInt
	case float64:
		t = tyFloat
	case bool:
		t = tyBool
	case string:
		t = tyStr
	case tensor.DType:
		t = &Type{Kind: KScalarType}
	case tensor.Scalar:
		t = map[tensor.DType]*Type{tensor.Bool: tyBool, tensor.Int64: tyInt, tensor.Float64: tyFloat}[x.Kind]
	case *tensor.Tensor:
		t = TensorType(x)
	default:
		panic(fmt.Sprintf("trace: constant of type %T", v))
	}
	n := g.Append("prim::Constant", nil, t)
	n.Attr = v
	return n.Outputs[0]
}

// rebuildUses recomputes every value's uses after a pass.
func (g *Graph) rebuildUses() {
	for _, v := range g.Inputs {
		v.Uses = nil
	}
	for _, n := range g.Nodes {
		for _, o := range n.Outputs {
			o.Uses = nil
		}
	}
	for _, n := range g.Nodes {
		for _, in := range n.Inputs {
			in.Uses = append(in.Uses, n)
		}
	}
}

// String prints the graph in TorchScript's IR text format.
func (g *Graph) String() string {
	var b strings.Builder
	b.WriteString("graph(")
	for i, in := range g.Inputs {
		if i > 0 {
			b.WriteString(",\n      ")
		}
		fmt.Fprintf(&b, "%%%s : %s", in.Name(), in.Type)
	}
	b.WriteString("):\n")
	for _, n := range g.Nodes {
		b.WriteString("  ")
		b.WriteString(n.String())
		b.WriteString("\n")
	}
	var outs []string
	for _, o := range g.Outputs {
		outs = append(outs, "%"+o.Name())
	}
	fmt.Fprintf(&b, "  return (%s)\n", strings.Join(outs, ", "))
	return b.String()
}

// String prints one node: %out : T = kind[attr](%in, ...).
func (n *Node) String() string {
	var b strings.Builder
	for i, o := range n.Outputs {
		if i > 0 {
			b.WriteString(", ")
		}
		fmt.Fprintf(&b, "%%%s : %s", o.Name(), o.Type)
	}
	if len(n.Outputs) > 0 {
		b.WriteString(" = ")
	}
	b.WriteString(n.Kind)
	switch n.Kind {
	case "prim::GetAttr":
		fmt.Fprintf(&b, "[name=%q]", n.Attr)
	case "prim::Constant":
		if s := constAttr(n.Attr); s != "" {
			b.WriteString("[value=" + s + "]")
		}
	default:
		if f, ok := n.Fused.(interface{ attr() string }); ok {
			b.WriteString(f.attr())
		}
	}
	b.WriteString("(")
	for i, in := range n.Inputs {
		if i > 0 {
			b.WriteString(", ")
		}
		b.WriteString("%" + in.Name())
	}
	b.WriteString(")")
	return b.String()
}

func constAttr(v any) string {
	switch x := v.(type) {
	case nil:
		return ""
	case int:
		return strconv.Itoa(x)
	case bool:
		if x {
			return "1"
		}
		return "0"
	case float64:
		return fmtFloat(x)
	case string:
		return strconv.Quote(x)
	case tensor.DType:
		return strconv.Itoa(scalarTypeCode(x))
	case tensor.Scalar:
		switch x.Kind {
		case tensor.Bool:
			return constAttr(x.I != 0)
		case tensor.Int64:
			return strconv.FormatInt(x.I, 10)
		}
		return fmtFloat(x.F)
	case *tensor.Tensor:
		if x.Dim() == 0 {
			f, _ := x.Item()
			return "{" + strconv.FormatFloat(f, 'g', -1, 64) + "}"
		}
		return "<Tensor>"
	}
	return fmt.Sprint(v)
}

// fmtFloat prints a float as TorchScript does (0.5, 1., 1.0000000000000001e-05).
func fmtFloat(f float64) string {
	switch {
	case math.IsInf(f, 1):
		return "inf"
	case math.IsInf(f, -1):
		return "-inf"
	case math.IsNaN(f):
		return "nan"
	}
	s := strconv.FormatFloat(f, 'g', -1, 64)
	if !strings.ContainsAny(s, ".eEn") {
		s += "."
	}
	return s
}

// scalarTypeCode is c10::ScalarType's number for d.
func scalarTypeCode(d tensor.DType) int {
	switch d {
	case tensor.Uint8:
		return 0
	case tensor.Int32:
		return 3
	case tensor.Int64:
		return 4
	case tensor.Float32:
		return 6
	case tensor.Float64:
		return 7
	case tensor.Bool:
		return 11
	}
	return -1
}
