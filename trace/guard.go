package trace

import (
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
			t, ok := args[g.input].(*tensor.Tensor)
			if !ok || t == nil {
				continue
			}
			if d := g.mismatch(t.Shape()); d >= 0 {
				return f.guardError(g, fmt.Sprintf("input %d", g.input+1), d, t.Shape())
			}
		case g.val == nil:
			off := len(f.Graph.Inputs) - len(args)
			for i, a := range args {
				t, ok := a.(*tensor.Tensor)
				want := f.Graph.Inputs[off+i].Type
				if !ok || t == nil || want.Kind != KTensor || !want.Complete {
					continue
				}
				if !equalInts(t.Shape(), want.Shape) {
					return errorf("%s was traced with input %d of shape %v, and a size read into R%s depends on the input shapes; got shape %v: %s",
						f.method(), i+1, want.Shape, g.read(), t.Shape(), ShapeReadHint)
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
