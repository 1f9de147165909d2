package tensor

import (
	"container/heap"
	"errors"
	"fmt"
	"runtime/debug"
	"strings"
)

type autogradMeta struct {
	requiresGrad bool // set by the user on leaves
	grad         *Tensor
	gradFn       *Node
	outputNr     int
	retainsGrad  bool
	hooks        []GradHook // leaf hooks (non-leaf hooks live on the node)
	acc          *Node      // AccumulateGrad node of a leaf
}

// GradHook is a tensor hook (tensor$register_hook): it sees the gradient
// flowing into the tensor and may return a replacement (nil keeps it).
type GradHook func(grad *Tensor) (*Tensor, error)

// Node is a backward node (a grad_fn).
type Node struct {
	name     string
	op       *Op
	ctx      *BackwardCtx
	next     []edge
	outMeta  []outMeta
	saved    []savedRef
	released bool
	preHooks map[int][]GradHook
	retain   map[int]*Tensor
	leaf     *Tensor // AccumulateGrad
	seq      uint64
}

type edge struct {
	node *Node
	nr   int
}

type outMeta struct {
	shape []int
	dtype DType
}

type savedRef struct {
	t       *Tensor
	version uint64
	output  int // -1 for inputs
}

// BackwardCtx is what a backward formula sees.
type BackwardCtx struct {
	RT      *Runtime
	Op      *Op
	Args    Args      // the call's normalized arguments
	Inputs  []*Tensor // tensor inputs, flattened (see tensorInputs)
	Outputs []*Tensor // the call's outputs
	needs   []bool
}

// NeedsGrad reports whether tensor input i needs a gradient (formulas
// may skip the others and return nil for them).
func (c *BackwardCtx) NeedsGrad(i int) bool { return i < len(c.needs) && c.needs[i] }

// Name is the node's name as PyTorch prints it ("AddBackward0").
func (n *Node) Name() string { return n.name }

// NextFunctions returns the nodes this node sends gradients to (nil
// entries for inputs that do not require grad), with their input numbers.
func (n *Node) NextFunctions() ([]*Node, []int) {
	ns := make([]*Node, len(n.next))
	nr := make([]int, len(n.next))
	for i, e := range n.next {
		ns[i], nr[i] = e.node, e.nr
	}
	return ns, nr
}

// Variable returns the leaf tensor of an AccumulateGrad node.
func (n *Node) Variable() *Tensor { return n.leaf }

func (n *Node) String() string { return "<" + n.name + ">" }

func defaultGradName(op *Op) string {
	base := strings.TrimPrefix(op.name, "aten::")
	base = strings.TrimSuffix(base, "_")
	var b strings.Builder
	up := true
	for _, c := range base {
		if c == '_' {
			up = true
			continue
		}
		if up && c >= 'a' && c <= 'z' {
			c -= 'a' - 'A'
		}
		up = false
		b.WriteRune(c)
	}
	return b.String() + "Backward0"
}

// RequiresGrad reports whether gradients flow into t.
func (t *Tensor) RequiresGrad() bool {
	return t.ag != nil && (t.ag.requiresGrad || t.ag.gradFn != nil)
}

// IsLeaf reports whether t has no grad_fn.
func (t *Tensor) IsLeaf() bool { return t.ag == nil || t.ag.gradFn == nil }

// GradFn is the node that produced t (nil for leaves).
func (t *Tensor) GradFn() *Node {
	if t.ag == nil {
		return nil
	}
	return t.ag.gradFn
}

// SetRequiresGrad is requires_grad_(): only for leaves of floating dtype.
func (t *Tensor) SetRequiresGrad(on bool) error {
	if !t.IsLeaf() {
		if !on {
			return errors.New("you can only change requires_grad flags of leaf variables. If you want to use a computed variable in a subgraph that doesn't require differentiation use var_no_grad = var.detach().")
		}
		return nil
	}
	if on && !t.dtype.IsFloat() {
		return errors.New("only Tensors of floating point and complex dtype can require gradients")
	}
	if t.ag == nil {
		if !on {
			return nil
		}
		t.ag = &autogradMeta{}
	}
	t.ag.requiresGrad = on
	return nil
}

// Grad is t.grad (nil if none).
func (t *Tensor) Grad() *Tensor {
	if t.ag == nil {
		return nil
	}
	return t.ag.grad
}

// SetGrad replaces t.grad (nil clears it, as optimizer zero_grad does).
func (t *Tensor) SetGrad(g *Tensor) {
	if t.ag == nil {
		if g == nil {
			return
		}
		t.ag = &autogradMeta{}
	}
	t.ag.grad = g
}

// RetainsGrad reports whether retain_grad() was called on a non-leaf.
func (t *Tensor) RetainsGrad() bool { return t.ag != nil && t.ag.retainsGrad }

// RetainGrad makes a non-leaf tensor keep its .grad during backward.
func (t *Tensor) RetainGrad() error {
	if !t.RequiresGrad() {
		return errors.New("can't retain_grad on Tensor that has requires_grad=False")
	}
	if t.IsLeaf() || t.ag.retainsGrad {
		return nil
	}
	t.ag.retainsGrad = true
	n := t.ag.gradFn
	if n.retain == nil {
		n.retain = map[int]*Tensor{}
	}
	n.retain[t.ag.outputNr] = t
	return nil
}

// RegisterHook adds a gradient hook; remove unregisters it.
func (t *Tensor) RegisterHook(h GradHook) (remove func(), err error) {
	if !t.RequiresGrad() {
		return nil, errors.New("cannot register a hook on a tensor that doesn't require gradient")
	}
	if t.IsLeaf() {
		t.ag.hooks = append(t.ag.hooks, h)
		idx := len(t.ag.hooks) - 1
		ag := t.ag
		return func() {
			if idx < len(ag.hooks) {
				ag.hooks[idx] = nil
			}
		}, nil
	}
	n := t.ag.gradFn
	if n.preHooks == nil {
		n.preHooks = map[int][]GradHook{}
	}
	nr := t.ag.outputNr
	n.preHooks[nr] = append(n.preHooks[nr], h)
	idx := len(n.preHooks[nr]) - 1
	return func() { n.preHooks[nr][idx] = nil }, nil
}

// Detach returns a view of t's data outside the graph.
func (t *Tensor) Detach() *Tensor {
	t.st.shared.Store(true)
	return &Tensor{dtype: t.dtype, shape: t.shape, strides: t.strides, offset: t.offset, st: t.st, name: t.name}
}

// alias makes a new tensor object over the same data and strides, without
// autograd history.
func (t *Tensor) alias() *Tensor {
	t.st.shared.Store(true)
	return &Tensor{dtype: t.dtype, shape: t.shape, strides: t.strides, offset: t.offset, st: t.st, base: t.viewBase()}
}

func (t *Tensor) viewBase() *Tensor {
	if t.base != nil {
		return t.base
	}
	return t
}

func gradEdge(t *Tensor) edge {
	if t == nil || !t.RequiresGrad() {
		return edge{}
	}
	if t.ag.gradFn != nil {
		return edge{t.ag.gradFn, t.ag.outputNr}
	}
	if t.ag.acc == nil {
		t.ag.acc = &Node{name: "AccumulateGrad", leaf: t, outMeta: []outMeta{{t.shape, t.dtype}}}
	}
	return edge{t.ag.acc, 0}
}

func checkInplace(self *Tensor) error {
	if self.RequiresGrad() && self.IsLeaf() {
		return errors.New("a leaf Variable that requires grad is being used in an in-place operation.")
	}
	if b := self.base; b != nil && b.RequiresGrad() && b.IsLeaf() {
		return errors.New("a view of a leaf Variable that requires grad is being used in an in-place operation.")
	}
	return nil
}

// snapshotForInplace keeps self's current values and history for the
// backward of an in-place op that is about to overwrite them.
func snapshotForInplace(self *Tensor) *Tensor {
	c := newTensor(self.dtype, self.shape)
	copyInto(c, self)
	if self.ag != nil {
		m := *self.ag
		m.hooks, m.retainsGrad, m.grad = nil, false, nil
		c.ag = &m
	}
	return c
}

func recordNode(rt *Runtime, op *Op, a Args, outs []*Tensor) {
	inputs := tensorInputs(op, a)
	rt.seq++
	n := &Node{op: op, seq: rt.seq}
	if op.def.GradFnFor != nil {
		n.name = op.def.GradFnFor(a)
	} else if op.gradName != "" {
		n.name = op.gradName
	} else {
		n.name = defaultGradName(op)
	}
	n.next = make([]edge, len(inputs))
	needs := make([]bool, len(inputs))
	for i, t := range inputs {
		n.next[i] = gradEdge(t)
		needs[i] = n.next[i].node != nil
	}
	n.ctx = &BackwardCtx{RT: rt, Op: op, Args: a, Inputs: inputs, Outputs: outs, needs: needs}
	n.outMeta = make([]outMeta, len(outs))
	nondiff := map[int]bool{}
	for _, i := range op.def.NonDiffOutputs {
		nondiff[i] = true
	}
	for i, o := range outs {
		n.outMeta[i] = outMeta{o.shape, o.dtype}
		if o.dtype.IsFloat() && !nondiff[i] {
			if op.inplace && i == 0 && o.ag != nil {
				o.ag.gradFn, o.ag.outputNr, o.ag.requiresGrad, o.ag.retainsGrad, o.ag.hooks = n, 0, false, false, nil
			} else {
				o.ag = &autogradMeta{gradFn: n, outputNr: i}
			}
		}
	}
	for _, s := range op.saves {
		if s >= 0 {
			if t := a.T(s); t != nil {
				n.saved = append(n.saved, savedRef{t: t, version: t.st.version, output: -1})
			}
			for _, t := range a.Ts(s) {
				n.saved = append(n.saved, savedRef{t: t, version: t.st.version, output: -1})
			}
		} else if o := -1 - s; o < len(outs) {
			v := outs[o].st.version
			if op.inplace && o == 0 {
				v++ // self is bumped right after recording
			}
			n.saved = append(n.saved, savedRef{t: outs[o], version: v, output: o})
		}
	}
}

// ---------------------------------------------------------------- engine

type nodeHeap []*Node

func (h nodeHeap) Len() int           { return len(h) }
func (h nodeHeap) Less(i, j int) bool { return h[i].seq > h[j].seq }
func (h nodeHeap) Swap(i, j int)      { h[i], h[j] = h[j], h[i] }
func (h *nodeHeap) Push(x any)        { *h = append(*h, x.(*Node)) }
func (h *nodeHeap) Pop() any {
	old := *h
	x := old[len(old)-1]
	*h = old[:len(old)-1]
	return x
}

// Backward computes gradients of t (tensor$backward) and accumulates them
// into the .grad of the leaves. gradient may be nil for a one-element t.
func (rt *Runtime) Backward(t *Tensor, gradient *Tensor, retainGraph, createGraph bool) error {
	var g []*Tensor
	if gradient != nil {
		g = []*Tensor{gradient}
	}
	_, err := rt.runBackward([]*Tensor{t}, g, retainGraph, createGraph, nil, false)
	return err
}

// GradOptions are the options of autograd_grad.
type GradOptions struct {
	RetainGraph bool
	CreateGraph bool
	AllowUnused bool
}

// Grad computes and returns the gradients of outputs with respect to
// inputs (torch.autograd.grad), without touching any .grad.
func (rt *Runtime) Grad(outputs, inputs, gradOutputs []*Tensor, o GradOptions) ([]*Tensor, error) {
	if len(inputs) == 0 {
		return nil, errors.New("grad requires non-empty inputs.")
	}
	for i, in := range inputs {
		if !in.RequiresGrad() {
			return nil, fmt.Errorf("One of the differentiated Tensors does not require grad")
		}
		_ = i
	}
	return rt.runBackward(outputs, gradOutputs, o.RetainGraph, o.CreateGraph, inputs, o.AllowUnused)
}

func (rt *Runtime) runBackward(roots, rootGrads []*Tensor, retain, create bool, inputs []*Tensor, allowUnused bool) ([]*Tensor, error) {
	if rootGrads != nil && len(rootGrads) != len(roots) {
		return nil, fmt.Errorf("grad requires %d gradients but got %d", len(roots), len(rootGrads))
	}
	oldGrad := rt.gradEnabled
	rt.gradEnabled = create
	rt.inBackward++
	defer func() {
		rt.gradEnabled = oldGrad
		rt.inBackward--
	}()
	buffers := map[*Node][]*Tensor{}
	var rootNodes []*Node
	for i, r := range roots {
		if !r.RequiresGrad() {
			return nil, fmt.Errorf("element %d of tensors does not require grad and does not have a grad_fn", i)
		}
		var g *Tensor
		if rootGrads != nil && rootGrads[i] != nil {
			g = rootGrads[i]
			if !sameShape(g.shape, r.shape) {
				return nil, fmt.Errorf("Mismatch in shape: grad_output[%d] has a shape of torch.Size(%s) and output[%d] has a shape of torch.Size(%s).", i, fmtShape(g.shape), i, fmtShape(r.shape))
			}
		} else {
			if r.Numel() != 1 {
				return nil, errors.New("grad can be implicitly created only for scalar outputs")
			}
			g = onesLike(r)
		}
		e := gradEdge(r)
		if err := rt.accumulateBuffer(buffers, e, g); err != nil {
			return nil, err
		}
		rootNodes = append(rootNodes, e.node)
	}
	// discover the graph, counting dependencies
	deps := map[*Node]int{}
	seen := map[*Node]bool{}
	stack := append([]*Node(nil), rootNodes...)
	for _, n := range rootNodes {
		seen[n] = true
	}
	for len(stack) > 0 {
		n := stack[len(stack)-1]
		stack = stack[:len(stack)-1]
		for _, e := range n.next {
			if e.node == nil {
				continue
			}
			deps[e.node]++
			if !seen[e.node] {
				seen[e.node] = true
				stack = append(stack, e.node)
			}
		}
	}
	// for grad(): which nodes lead to a captured edge
	var capture map[edge][]int
	var needed map[*Node]bool
	results := make([]*Tensor, len(inputs))
	if inputs != nil {
		capture = map[edge][]int{}
		for i, in := range inputs {
			e := gradEdge(in)
			capture[e] = append(capture[e], i)
		}
		needed = map[*Node]bool{}
		var visit func(n *Node) bool
		state := map[*Node]int{}
		visit = func(n *Node) bool {
			if s, ok := state[n]; ok {
				return s == 2
			}
			state[n] = 1
			ok := false
			for e := range capture {
				if e.node == n {
					ok = true
				}
			}
			for _, e := range n.next {
				if e.node != nil && visit(e.node) {
					ok = true
				}
			}
			if ok {
				state[n] = 2
				needed[n] = true
			} else {
				state[n] = 3
			}
			return ok
		}
		for _, n := range rootNodes {
			visit(n)
		}
	}
	ready := &nodeHeap{}
	for _, n := range rootNodes {
		if deps[n] == 0 && !inHeap(*ready, n) {
			heap.Push(ready, n)
		}
	}
	for ready.Len() > 0 {
		n := heap.Pop(ready).(*Node)
		grads := buffers[n]
		delete(buffers, n)
		// tensor hooks and retain_grad
		for nr := range grads {
			if grads[nr] == nil {
				continue
			}
			g, err := runHooks(n.preHooks[nr], grads[nr])
			if err != nil {
				return nil, err
			}
			if n.leaf != nil {
				g, err = runHooks(n.leaf.ag.hooks, g)
				if err != nil {
					return nil, err
				}
			}
			grads[nr] = g
			if t := n.retain[nr]; t != nil {
				accumulateGrad(rt, t, g, create)
			}
			if idx, ok := capture[edge{n, nr}]; ok {
				for _, i := range idx {
					results[i] = g
				}
			}
		}
		if n.leaf != nil {
			if inputs == nil && len(grads) > 0 && grads[0] != nil {
				accumulateGrad(rt, n.leaf, grads[0], create)
			}
		} else if needed == nil || needed[n] {
			if err := rt.applyNode(n, grads, buffers, retain); err != nil {
				return nil, err
			}
		}
		for _, e := range n.next {
			if e.node == nil {
				continue
			}
			deps[e.node]--
			if deps[e.node] == 0 {
				heap.Push(ready, e.node)
			}
		}
	}
	if inputs != nil {
		for i, r := range results {
			if r == nil && !allowUnused {
				return nil, errors.New("One of the differentiated Tensors appears to not have been used in the graph. Set allow_unused=True if this is the desired behavior.")
			}
			_ = i
		}
	}
	return results, nil
}

func inHeap(h nodeHeap, n *Node) bool {
	for _, x := range h {
		if x == n {
			return true
		}
	}
	return false
}

func runHooks(hs []GradHook, g *Tensor) (*Tensor, error) {
	for _, h := range hs {
		if h == nil {
			continue
		}
		r, err := h(g)
		if err != nil {
			return nil, err
		}
		if r != nil {
			g = r
		}
	}
	return g, nil
}

func accumulateGrad(rt *Runtime, t *Tensor, g *Tensor, create bool) {
	old := t.ag.grad
	if !create {
		g = g.Detach()
	}
	if old == nil {
		if create {
			t.ag.grad = g
		} else {
			c := newTensor(g.dtype, g.shape)
			copyInto(c, g)
			t.ag.grad = c
		}
		return
	}
	if create || old.RequiresGrad() {
		s, err := rt.Add(old, g, Int(1))
		if err == nil {
			t.ag.grad = s
		}
		return
	}
	if addIntoF32(old, g) {
		old.st.version++
		return
	}
	s, err := rt.Add(old, g, Int(1))
	if err == nil {
		copyInto(old, s)
		old.st.version++
	}
}

// addIntoF32 adds g into old in place when both are contiguous float32
// tensors of the same shape (the common case of accumulating into .grad):
// one pass instead of an add and a copy.
func addIntoF32(old, g *Tensor) bool {
	od := old.Float32Data()
	if od == nil || g.dtype != Float32 || len(old.shape) != len(g.shape) || old.st == g.st {
		return false
	}
	for i, s := range old.shape {
		if g.shape[i] != s {
			return false
		}
	}
	gd := g.Float32Data()
	if gd == nil {
		// A transposed gradient (mm backward): add column by column.
		src, ok := g.st.data.([]float32)
		if !ok || len(g.shape) != 2 {
			return false
		}
		rows, cols := g.shape[0], g.shape[1]
		s0, s1 := g.strides[0], g.strides[1]
		const blk = 32 // tiles, so that both sides stay in cache
		for ib := 0; ib < rows; ib += blk {
			ie := min(ib+blk, rows)
			for jb := 0; jb < cols; jb += blk {
				je := min(jb+blk, cols)
				for i := ib; i < ie; i++ {
					row := od[i*cols : i*cols+je]
					base := g.offset + i*s0
					for j := jb; j < je; j++ {
						row[j] += src[base+j*s1]
					}
				}
			}
		}
		return true
	}
	if !simdBinF32(0, od, od, gd) {
		for i := range od {
			od[i] += gd[i]
		}
	}
	return true
}

func (rt *Runtime) accumulateBuffer(buffers map[*Node][]*Tensor, e edge, g *Tensor) error {
	buf := buffers[e.node]
	if buf == nil {
		buf = make([]*Tensor, len(e.node.outMeta))
		buffers[e.node] = buf
	}
	if buf[e.nr] == nil {
		buf[e.nr] = g
		return nil
	}
	s, err := rt.Add(buf[e.nr], g, Int(1))
	if err != nil {
		return err
	}
	buf[e.nr] = s
	return nil
}

var errFreed = errors.New("Trying to backward through the graph a second time (or directly access saved tensors after they have already been freed). Saved intermediate values of the graph are freed when you call .backward() or autograd.grad(). Specify retain_graph=True if you need to backward through the graph a second time or if you need to access saved tensors after calling backward.")

func (rt *Runtime) applyNode(n *Node, grads []*Tensor, buffers map[*Node][]*Tensor, retain bool) error {
	any := false
	for _, g := range grads {
		if g != nil {
			any = true
		}
	}
	if !any {
		return nil
	}
	if n.released {
		return errFreed
	}
	for _, s := range n.saved {
		if s.t.st.version != s.version {
			what := "an input of " + n.name
			if s.output >= 0 {
				what = fmt.Sprintf("output %d of %s", s.output, n.name)
			} else if s.t.ag != nil && s.t.ag.gradFn != nil {
				what = fmt.Sprintf("output %d of %s", s.t.ag.outputNr, s.t.ag.gradFn.name)
			}
			return fmt.Errorf("one of the variables needed for gradient computation has been modified by an inplace operation: [%s %s], which is %s, is at version %d; expected version %d instead. Hint: enable anomaly detection to find the operation that failed to compute its gradient, with torch.autograd.set_detect_anomaly(True).",
				s.t.dtype.TypeName(), fmtShape(s.t.shape), what, s.t.st.version, s.version)
		}
	}
	full := make([]*Tensor, len(grads))
	for i, g := range grads {
		if g == nil {
			m := n.outMeta[i]
			g = newTensor(m.dtype, m.shape)
		}
		full[i] = g
	}
	ctx := n.ctx
	ig, err := func() (ig []*Tensor, err error) {
		defer func() {
			if r := recover(); r != nil {
				err = fmt.Errorf("internal error in %s: %v\n%s", n.name, r, debug.Stack())
			}
		}()
		return n.op.def.Backward(ctx, full)
	}()
	if err != nil {
		return err
	}
	if !retain {
		n.ctx = nil
		n.released = true
		n.saved = nil
	}
	for i, e := range n.next {
		if e.node == nil || i >= len(ig) || ig[i] == nil {
			continue
		}
		g := ig[i]
		in := ctx.Inputs[i]
		if !sameShape(g.shape, in.shape) {
			g, err = rt.SumToSize(g, in.shape)
			if err != nil {
				return fmt.Errorf("%s: %v", n.name, err)
			}
		}
		if g.dtype != in.dtype {
			g, err = rt.To(g, in.dtype)
			if err != nil {
				return err
			}
		}
		if err := rt.accumulateBuffer(buffers, e, g); err != nil {
			return err
		}
	}
	return nil
}

func sameShape(a, b []int) bool {
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

func onesLike(t *Tensor) *Tensor {
	o := newTensor(t.dtype, t.shape)
	fillScalar(o, 1)
	return o
}

// ------------------------------------------------------------ CopySlices

// rebaseOnView gives base, whose view v was just modified in place, a
// CopySlices node (as PyTorch does): the gradient of the new base goes to
// the in-place node for the elements v covers and to the old base's
// history for the others.
func rebaseOnView(rt *Runtime, base *Tensor, baseEdge edge, v *Tensor) {
	rt.seq++
	n := &Node{name: "CopySlices", op: opCopySlices, seq: rt.seq}
	n.next = []edge{baseEdge, {v.ag.gradFn, v.ag.outputNr}}
	standIn := func(t *Tensor) *Tensor {
		return &Tensor{dtype: t.dtype, shape: t.shape, strides: t.strides, offset: t.offset}
	}
	extent := 1 + base.offset
	for i, s := range base.shape {
		if s > 0 {
			extent += (s - 1) * abs(base.strides[i])
		}
	}
	n.ctx = &BackwardCtx{RT: rt, Op: opCopySlices, Inputs: []*Tensor{standIn(base), standIn(v)},
		needs: []bool{baseEdge.node != nil, true}, Args: Args{extent}}
	n.outMeta = []outMeta{{base.shape, base.dtype}}
	if base.ag == nil {
		base.ag = &autogradMeta{}
	}
	base.ag.gradFn, base.ag.outputNr = n, 0
}

var opCopySlices = Register(OpDef{
	Schema: "_copy_slices(Tensor self) -> Tensor",
	Kernel: func(rt *Runtime, a Args) ([]*Tensor, error) {
		return nil, errors.New("_copy_slices is internal to autograd")
	},
	Backward: func(c *BackwardCtx, g []*Tensor) ([]*Tensor, error) {
		b, v := c.Inputs[0], c.Inputs[1]
		extent := c.Args.I(0)
		st := newStorage(g[0].dtype, extent)
		full := &Tensor{dtype: g[0].dtype, shape: b.shape, strides: b.strides, offset: b.offset, st: st}
		copyInto(full, g[0])
		region := &Tensor{dtype: g[0].dtype, shape: v.shape, strides: v.strides, offset: v.offset, st: st}
		gv := region.cloneData()
		copyInto(region, ScalarTensor(0, g[0].dtype))
		rest := full.cloneData()
		return []*Tensor{rest, gv}, nil
	},
	GradFn: "CopySlices",
})
