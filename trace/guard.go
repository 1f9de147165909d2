package trace

import (
	"encoding/json"
	"errors"
	"fmt"

	"torchr/tensor"
)

// Shape guards. A size read into R while tracing (x$size(1), x$shape,
// dim(x), nrow(x), x$numel(); rt.ReadShape) may have been used in R
// arithmetic whose result the trace holds as a constant (x$view(c(x$size(1),
// -1)) records view(x, [10, -1])). The tracer cannot see that arithmetic,
// so it records a guard instead: the value whose shape was read, the
// dimension and the size seen. A call whose inputs give another size fails
// with an error naming the traced method, the input (or the intermediate
// tensor), the dimension and the R expression that read it, instead of
// computing something wrong. Traces that read no shape keep accepting
// other sizes (other batch sizes) wherever their ops do.
//
// Guards on inputs are checked on every call (a few integer compares).
// Guards on intermediate values are checked by running the traced graph
// node by node once per new input signature (the compiled plan for a
// signature is only made after its guards passed); on the autograd path
// every call checks them.
//
// A shape read is not a warning at trace time, unlike a value read: the
// trace stays correct for the shapes it accepts and says so clearly for
// the others. (PyTorch's tracer records x.size(0) as a dynamic aten::size
// node when it flows into other tensor ops; R arithmetic on the size is
// outside any trace, so torchr cannot keep it dynamic.)

// ShapeReadHint ends the error of a failed shape guard.
const ShapeReadHint = "a size read into R is a constant of the trace; compute it with tensor ops instead (e.g. torch_flatten(x, start_dim = 2) for x$view(c(x$size(1), -1))) or trace again with inputs of this shape"

type shapeGuard struct {
	val   *Value // the value whose shape was read; nil: the value is not in the graph
	input int    // index of val among the method's arguments (from 0), or -1
	dim   int    // 0-based; -1 for the whole shape
	shape []int  // the shape seen while tracing
	where string // the R expression that read it
	// inputs, for a guard restored from an archive whose value is not an
	// input (Load): the traced shapes of the tensor arguments, all of
	// which a call must match (nil entries: not a tensor)
	inputs [][]int
}

// ShapeRead records a guard (tensor.ShapeReadHook).
func (tr *Tracer) ShapeRead(t *tensor.Tensor, dim int) {
	if tr.done || tr.err != nil {
		return
	}
	v, ok := tr.vals[t]
	if !ok {
		return // a parameter, buffer or constant: fixed by the module
	}
	for _, g := range tr.guards {
		if g.val == v && (g.dim == dim || g.dim == -1) {
			return
		}
	}
	where := ""
	if tr.opt.OnShapeRead != nil {
		where = tr.opt.OnShapeRead()
	}
	tr.guards = append(tr.guards, &shapeGuard{val: v, input: -1, dim: dim, shape: append([]int(nil), t.Shape()...), where: where})
}

// finishGuards resolves the guards of a finished trace: their input index,
// or nil for values the graph no longer computes (checked against the
// shapes of all tensor inputs instead).
func (tr *Tracer) finishGuards(f *Function) {
	if len(tr.guards) == 0 {
		return
	}
	g := tr.g
	live := map[*Value]bool{}
	for _, n := range g.Nodes {
		for _, o := range n.Outputs {
			live[o] = true
		}
	}
	off := 0
	if len(g.Inputs) > 0 && g.Inputs[0].Type.Kind == KModule {
		off = 1
	}
	for _, gd := range tr.guards {
		for i, in := range g.Inputs[off:] {
			if in == gd.val {
				gd.input = i
			}
		}
		if gd.input < 0 && !live[gd.val] {
			gd.val = nil
		}
		if gd.input < 0 {
			f.deepGuards = true
		}
	}
	f.guards = tr.guards
}

func (g *shapeGuard) read() string {
	if g.where == "" {
		return ""
	}
	return " (read into R by " + g.where + ")"
}

// mismatch reports the first dimension where shape differs from the
// guard's, or -1.
func (g *shapeGuard) mismatch(shape []int) int {
	if len(shape) != len(g.shape) {
		return 0
	}
	if g.dim >= 0 {
		if g.dim < len(shape) && shape[g.dim] != g.shape[g.dim] {
			return g.dim
		}
		return -1
	}
	for d := range shape {
		if shape[d] != g.shape[d] {
			return d
		}
	}
	return -1
}

// guardError is the error of a failed shape guard (not wrapped by Run).
type guardError struct{ msg string }

func (e *guardError) Error() string { return e.msg }

// method names the traced method in errors: "forward (trainforward)".
func (f *Function) method() string {
	if f.Name == "trainforward" || f.Name == "evalforward" {
		return "forward (" + f.Name + ")"
	}
	return f.Name
}

func (f *Function) guardError(g *shapeGuard, what string, d int, got []int) error {
	if len(got) != len(g.shape) {
		return errorf("%s was traced with %s of shape %v%s; got shape %v: %s", f.method(), what, g.shape, g.read(), got, ShapeReadHint)
	}
	return errorf("%s was traced with %s of size %d in dimension %d%s; got %d: %s", f.method(), what, g.shape[d], d+1, g.read(), got[d], ShapeReadHint)
}

// checkInputGuards checks the guards on the method's arguments (and, for
// guards whose value left the graph, the shapes of all tensor arguments).
func (f *Function) checkInputGuards(args []any) error {
	for _, g := range f.guards {
		switch {
		case g.input >= 0:
			if g.input >= len(args) {
				continue // the call's argument count error comes later
			}
			t, ok := args[g.input].(*tensor.Tensor)
			if !ok || t == nil {
				continue
			}
			if d := g.mismatch(t.Shape()); d >= 0 {
				return f.guardError(g, fmt.Sprintf("input %d", g.input+1), d, t.Shape())
			}
		case g.val == nil:
			for i, a := range args {
				t, ok := a.(*tensor.Tensor)
				if !ok || t == nil {
					continue
				}
				var want []int
				if g.inputs != nil {
					if i >= len(g.inputs) || g.inputs[i] == nil {
						continue
					}
					want = g.inputs[i]
				} else {
					wt := f.Graph.Inputs[len(f.Graph.Inputs)-len(args)+i].Type
					if wt.Kind != KTensor || !wt.Complete {
						continue
					}
					want = wt.Shape
				}
				if !equalInts(t.Shape(), want) {
					return errorf("%s was traced with input %d of shape %v, and a size read into R%s depends on the input shapes; got shape %v: %s",
						f.method(), i+1, want, g.read(), t.Shape(), ShapeReadHint)
				}
			}
		}
	}
	return nil
}

func errorf(format string, a ...any) error { return &guardError{fmt.Sprintf(format, a...)} }

func equalInts(a, b []int) bool {
	if len(a) != len(b) {
		return false
	}
	for i := range a {
		if a[i] != b[i] {
			return false
		}
	}
	return true
}

// checkNodeGuards checks the guards on the outputs of n, just computed in env.
func (f *Function) checkNodeGuards(n *Node, env []any) error {
	for _, g := range f.guards {
		if g.val == nil || g.input >= 0 || g.val.Node != n {
			continue
		}
		t, ok := env[g.val.id].(*tensor.Tensor)
		if !ok || t == nil {
			continue
		}
		if d := g.mismatch(t.Shape()); d >= 0 {
			return f.guardError(g, "a tensor", d, t.Shape())
		}
	}
	return nil
}

// interpretGuarded is interpret checking the guards on intermediate values.
func (f *Function) interpretGuarded(rt *tensor.Runtime, g *Graph, attrs map[string]*tensor.Tensor, env []any) error {
	if !f.deepGuards || g != f.Graph {
		return interpret(rt, g, attrs, env)
	}
	for _, n := range g.Nodes {
		if err := step(rt, n, attrs, env); err != nil {
			return err
		}
		if err := f.checkNodeGuards(n, env); err != nil {
			return err
		}
	}
	return nil
}

// Guards in archives. Save writes the guards of each method to the record
// extra/torchr_shape_guards.json (torch.jit.load ignores records it does
// not know, and reads this one with _extra_files); Load restores them on
// the loaded methods, so a saved specialised trace still rejects inputs of
// other sizes with the same error. A guard on an intermediate tensor
// cannot be located in the graph traced again from the code, so it comes
// back as a guard on the shapes of all tensor inputs (stricter, never
// wrong).

// GuardsRecord is the archive record (under the archive's folder) holding the shape guards.
const GuardsRecord = "extra/torchr_shape_guards.json"

// maxGuardsRecord bounds the record Load reads.
const maxGuardsRecord = 1 << 20

type savedGuard struct {
	Input  int     `json:"input"`            // argument index from 0, or -1
	Dim    int     `json:"dim"`              // from 0; -1 for the whole shape
	Shape  []int   `json:"shape"`            // the shape seen while tracing
	Inputs [][]int `json:"inputs,omitempty"` // input == -1: every tensor argument's traced shape
	Where  string  `json:"where,omitempty"`  // the R expression that read it
}

type savedGuards struct {
	Version int                     `json:"version"`
	Methods map[string][]savedGuard `json:"methods"`
}

// encodeGuards returns the guards record of the methods, or nil when none
// has guards.
func encodeGuards(methods []*Function) ([]byte, error) {
	out := savedGuards{Version: 1, Methods: map[string][]savedGuard{}}
	for _, f := range methods {
		for _, g := range f.guards {
			sg := savedGuard{Input: g.input, Dim: g.dim, Shape: g.shape, Where: g.where}
			if g.input < 0 {
				sg.Dim, sg.Shape = -1, nil
				sg.Inputs = g.inputs
				if sg.Inputs == nil && f.Graph != nil {
					sg.Inputs = inputShapes(f.Graph)
				}
			}
			out.Methods[f.Name] = append(out.Methods[f.Name], sg)
		}
	}
	if len(out.Methods) == 0 {
		return nil, nil
	}
	return json.MarshalIndent(out, "", " ")
}

// restoreGuards puts the guards of an archive's record on the loaded
// methods of m (methods it does not name keep none).
func restoreGuards(data []byte, m *Module) error {
	if len(data) > maxGuardsRecord {
		return errors.New("record too large")
	}
	var sg savedGuards
	if err := json.Unmarshal(data, &sg); err != nil {
		return err
	}
	if sg.Version != 1 {
		return fmt.Errorf("unknown version %d", sg.Version)
	}
	for name, gs := range sg.Methods {
		f := m.Method(name)
		if f == nil {
			continue
		}
		n := f.NumInputs()
		var guards []*shapeGuard
		for _, g := range gs {
			switch {
			case g.Input >= n || g.Input < -1:
				return fmt.Errorf("method %s: guard on argument %d of %d", name, g.Input+1, n)
			case g.Input >= 0 && (g.Dim < -1 || g.Dim >= len(g.Shape)):
				return fmt.Errorf("method %s: guard on dimension %d of a shape of %d", name, g.Dim+1, len(g.Shape))
			case g.Input < 0 && len(g.Inputs) != n:
				return fmt.Errorf("method %s: guard with %d input shapes for %d arguments", name, len(g.Inputs), n)
			}
			guards = append(guards, &shapeGuard{input: g.Input, dim: g.Dim, shape: g.Shape, where: g.Where, inputs: g.Inputs})
		}
		f.guards = guards
	}
	return nil
}

// inputShapes are the traced shapes of a graph's arguments (nil for those
// that are not tensors).
func inputShapes(g *Graph) [][]int {
	off := 0
	if len(g.Inputs) > 0 && g.Inputs[0].Type.Kind == KModule {
		off = 1
	}
	out := make([][]int, 0, len(g.Inputs)-off)
	for _, in := range g.Inputs[off:] {
		var s []int
		if in.Type.Kind == KTensor && in.Type.Complete {
			s = append([]int{}, in.Type.Shape...)
		}
		out = append(out, s)
	}
	return out
}

// WithGraph returns a copy of f over g (f's graph with other inputs, as a
// traced function saved as a module method), keeping f's shape guards; a
// guard on an intermediate value becomes one on the input shapes.
func (f *Function) WithGraph(g *Graph) *Function {
	nf := &Function{Name: f.Name, Graph: g, Attrs: f.Attrs, inputs: f.inputs}
	for _, gd := range f.guards {
		c := *gd
		if c.input < 0 {
			c.val = nil
			if c.inputs == nil && f.Graph != nil {
				c.inputs = inputShapes(f.Graph)
			}
		}
		nf.guards = append(nf.guards, &c)
	}
	return nf
}
