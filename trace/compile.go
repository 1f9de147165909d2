package trace

import (
	"errors"
	"fmt"
	"slices"

	"torchr/tensor"
)

// A compiled plan runs the optimized graph for one input signature (dtypes,
// shapes and strides of the inputs): the shapes of every value are known
// up front, float32 linear layers (with their bias and activation) and
// elementwise chains run as fused kernels writing into buffers planned by
// liveness and reused across calls, and the remaining ops go through the
// dispatcher with grad mode off. Only the outputs the caller keeps are
// allocated per call.

// errReplan means a step found its inputs not as planned (a parameter was
// replaced by a non-contiguous tensor, say): the call falls back to the
// interpreter.
var errReplan = errors.New("trace: plan does not match")

type plan struct {
	sig   []int
	g     *Graph
	steps []func(p *plan, rt *tensor.Runtime, attrs map[string]*tensor.Tensor) error
	env   []any
	busy  bool
}

// signature encodes the dtypes, shapes and strides of the arguments.
func signature(dst []int, args []any) []int {
	for _, a := range args {
		switch x := a.(type) {
		case *tensor.Tensor:
			dst = append(dst, int(x.DType()), x.Dim())
			dst = append(dst, x.Shape()...)
			dst = append(dst, x.Strides()...)
		case Tuple:
			dst = append(dst, -1, len(x))
			dst = signature(dst, x)
		case List:
			dst = append(dst, -2, len(x))
			dst = signature(dst, x)
		case Dict:
			dst = append(dst, -3, len(x.Keys))
			for _, k := range x.Keys {
				dst = append(dst, len(k))
				for _, c := range []byte(k) {
					dst = append(dst, int(c))
				}
			}
			dst = signature(dst, x.Values)
		}
	}
	return dst
}

// runCompiled runs the plan for the arguments' signature, making it on the
// first call with that signature.
func (f *Function) runCompiled(rt *tensor.Runtime, attrs map[string]*tensor.Tensor, args []any) (any, error) {
	var sigBuf [32]int
	sig := signature(sigBuf[:0], args)
	f.mu.Lock()
	if f.opt == nil {
		f.opt = Optimize(f.Graph)
	}
	if f.plans == nil {
		f.plans = map[string]*plan{}
	}
	var p *plan
	if f.last != nil && slices.Equal(f.last.sig, sig) {
		p = f.last
	} else {
		p = f.plans[sigKey(sig)]
	}
	g := f.opt
	if p != nil && !p.busy {
		p.busy = true
		f.last = p
		f.mu.Unlock()
		out, err := p.run(rt, attrs, args)
		f.mu.Lock()
		p.busy = false
		f.mu.Unlock()
		if err != errReplan {
			return out, err
		}
		return runInterpreted(rt, g, attrs, args)
	}
	if p == nil && f.deepGuards && !f.checked[sigKey(sig)] {
		// a new signature of a method with guards on intermediate
		// values: run the traced graph checking them; the plan is made
		// on the next call with this signature
		f.mu.Unlock()
		env := make([]any, f.Graph.nextID)
		setInputs(f.Graph, env, args)
		if err := rt.NoGrad(func() error { return f.interpretGuarded(rt, f.Graph, attrs, env) }); err != nil {
			return nil, err
		}
		f.mu.Lock()
		if f.checked == nil {
			f.checked = map[string]bool{}
		}
		f.checked[sigKey(sig)] = true
		f.mu.Unlock()
		return structured(env[f.Graph.Outputs[0].id]), nil
	}
	f.mu.Unlock()
	// first call with this signature: run the graph, recording every
	// value, and compile from what it saw
	env := make([]any, g.nextID)
	setInputs(g, env, args)
	if err := rt.NoGrad(func() error { return interpret(rt, g, attrs, env) }); err != nil {
		return nil, err
	}
	if p == nil {
		np, err := compile(g, env)
		if err == nil {
			np.sig = append([]int(nil), sig...)
			f.mu.Lock()
			f.plans[sigKey(sig)] = np
			f.last = np
			f.mu.Unlock()
		}
	}
	return structured(env[g.Outputs[0].id]), nil
}

func sigKey(sig []int) string { return fmt.Sprint(sig) }

func setInputs(g *Graph, env []any, args []any) {
	off := len(g.Inputs) - len(args)
	for i, a := range args {
		env[g.Inputs[off+i].id] = a
	}
}

func runInterpreted(rt *tensor.Runtime, g *Graph, attrs map[string]*tensor.Tensor, args []any) (any, error) {
	env := make([]any, g.nextID)
	setInputs(g, env, args)
	if err := rt.NoGrad(func() error { return interpret(rt, g, attrs, env) }); err != nil {
		return nil, err
	}
	return structured(env[g.Outputs[0].id]), nil
}

func (p *plan) run(rt *tensor.Runtime, attrs map[string]*tensor.Tensor, args []any) (any, error) {
	setInputs(p.g, p.env, args)
	was := rt.SetGradEnabled(false)
	tensor.BeginOp()
	defer func() {
		tensor.EndOp()
		rt.SetGradEnabled(was)
	}()
	for _, s := range p.steps {
		if err := s(p, rt, attrs); err != nil {
			return nil, err
		}
	}
	out := structured(p.env[p.g.Outputs[0].id])
	clear(p.env)
	return out, nil
}

// Optimize returns an optimized copy of g for inference (no autograd):
// common subexpressions merged, eval-mode dropout removed, linear layers
// fused with a following activation, elementwise chains fused, dead code
// removed.
func Optimize(g *Graph) *Graph {
	c := g.Clone()
	CSE(c)
	RemoveDropout(c)
	FoldConstants(c)
	CSE(c)
	Eliminate(c)
	FoldBatchNorm(c)
	FuseLinear(c)
	Eliminate(c)
	return c
}

// constValue is the Go value of a constant node input, or nil.
func constValue(v *Value) (any, bool) {
	if v.Node == nil || v.Node.Kind != "prim::Constant" {
		return nil, false
	}
	return v.Node.Attr, true
}

// RemoveDropout replaces dropout nodes with train=false by their input.
func RemoveDropout(g *Graph) {
	for _, n := range g.Nodes {
		if n.Kind != "aten::dropout" && n.Kind != "aten::feature_dropout" && n.Kind != "aten::alpha_dropout" {
			continue
		}
		if len(n.Inputs) == 3 {
			if train, ok := constValue(n.Inputs[2]); ok && train == false {
				g.replaceAll(n.Outputs[0], n.Inputs[0])
				n.Kind, n.Op = "prim::Dead", nil
			}
		}
	}
	out := g.Nodes[:0]
	for _, n := range g.Nodes {
		if n.Kind != "prim::Dead" {
			out = append(out, n)
		}
	}
	g.Nodes = out
	g.rebuildUses()
}

// fusedLinear is the payload of a trace::linear_act node: linear(x, w, b)
// followed by an activation.
type fusedLinear struct {
	act int
	bn  *bnFold // batch norm folded in (inputs 3..6), or nil
}

var actNames = []string{"none", "relu", "sigmoid", "tanh"}

func (f *fusedLinear) attr() string {
	if f.bn != nil {
		return fmt.Sprintf("[act=%q, batch_norm_eps=%s]", actNames[f.act], fmtFloat(f.bn.eps))
	}
	return fmt.Sprintf("[act=%q]", actNames[f.act])
}

func (f *fusedLinear) interpret(rt *tensor.Runtime, n *Node, env []any) error {
	x, _ := env[n.Inputs[0].id].(*tensor.Tensor)
	w, _ := env[n.Inputs[1].id].(*tensor.Tensor)
	b, _ := env[n.Inputs[2].id].(*tensor.Tensor)
	y, err := rt.Linear(x, w, b)
	if err != nil {
		return err
	}
	if f.bn != nil {
		var in [4]*tensor.Tensor
		for i := range in {
			in[i], _ = env[n.Inputs[3+i].id].(*tensor.Tensor)
		}
		outs, err := rt.Call("batch_norm", y, in[0], in[1], in[2], in[3], false, 0.1, f.bn.eps, true)
		if err != nil {
			return err
		}
		y = outs[0]
	}
	switch f.act {
	case tensor.ActRelu:
		y, err = rt.Relu(y)
	case tensor.ActSigmoid:
		y, err = rt.Sigmoid(y)
	case tensor.ActTanh:
		y, err = rt.Tanh(y)
	}
	env[n.Outputs[0].id] = y
	return err
}

// FuseLinear turns aten::linear, and an activation consuming only its
// result, into one trace::linear_act node.
func FuseLinear(g *Graph) {
	out := g.Nodes[:0]
	drop := map[*Node]bool{}
	for _, n := range g.Nodes {
		if drop[n] {
			continue
		}
		var f *fusedLinear
		switch {
		case n.Kind == "aten::linear" && len(n.Inputs) == 3:
			f = &fusedLinear{}
		case n.Kind == "trace::linear_act" && n.Fused.(*fusedLinear).act == tensor.ActNone:
			f = n.Fused.(*fusedLinear)
		default:
			out = append(out, n)
			continue
		}
		res := n.Outputs[0]
		if len(res.Uses) == 1 && !slices.Contains(g.Outputs, res) {
			u := res.Uses[0]
			act := map[string]int{"aten::relu": tensor.ActRelu, "aten::sigmoid": tensor.ActSigmoid, "aten::tanh": tensor.ActTanh}
			if a, ok := act[u.Kind]; ok && len(u.Inputs) == 1 {
				f.act = a
				drop[u] = true
				res = u.Outputs[0]
			}
		}
		fn := &Node{Kind: "trace::linear_act", Inputs: n.Inputs, Outputs: []*Value{res}, Fused: f}
		res.Node = fn
		out = append(out, fn)
	}
	g.Nodes = out
	g.rebuildUses()
}

// elementwise op codes of a fused chain
type ewOp struct {
	code   int     // 0-3 add/sub/mul/div with operand, 10+k unary k (tensor.UnF32 codes)
	scalar bool    // operand is a scalar
	s      float32 // the scalar
	in     *Value  // tensor operand
	rev    bool    // operand is on the left (s - x, s / x)
}

var unaryCodes = map[string]int{"aten::relu": 0, "aten::neg": 1, "aten::abs": 2, "aten::exp": 3, "aten::sigmoid": 4, "aten::tanh": 5}

// compile builds a plan from a graph and the values one run produced.
func compile(g *Graph, seen []any) (*plan, error) {
	p := &plan{g: g, env: make([]any, g.nextID)}
	isF32 := func(v *Value) bool {
		t, ok := seen[v.id].(*tensor.Tensor)
		return ok && t != nil && t.DType() == tensor.Float32 && t.IsContiguous() && !t.IsWrappedNumber()
	}
	shapeOf := func(v *Value) []int { return seen[v.id].(*tensor.Tensor).Shape() }
	isOutput := map[*Value]bool{}
	var markOut func(v *Value)
	markOut = func(v *Value) {
		isOutput[v] = true
		if v.Node != nil && (v.Node.Kind == "prim::TupleConstruct" || v.Node.Kind == "prim::ListConstruct" || v.Node.Kind == "prim::DictConstruct") {
			for _, in := range v.Node.Inputs {
				markOut(in)
			}
		}
	}
	for _, o := range g.Outputs {
		markOut(o)
	}

	// Which nodes run natively, and the elementwise chains.
	type native struct {
		n     *Node
		chain []ewOp // elementwise chain (first op reads src)
		src   *Value
		out   *Value
		nodes []*Node
	}
	natives := map[*Node]*native{}
	absorbed := map[*Node]bool{}
	ewStep := func(n *Node, cur *Value) (ewOp, bool) {
		if !isF32(n.Outputs[0]) {
			return ewOp{}, false
		}
		if c, ok := unaryCodes[n.Kind]; ok && len(n.Inputs) == 1 && n.Inputs[0] == cur {
			return ewOp{code: 10 + c}, true
		}
		code := map[string]int{"aten::add": 0, "aten::sub": 1, "aten::mul": 2, "aten::div": 3}
		c, ok := code[n.Kind]
		if !ok || len(n.Inputs) < 2 {
			return ewOp{}, false
		}
		if len(n.Inputs) == 3 { // alpha must be 1
			a, isConst := constValue(n.Inputs[2])
			if s, ok := a.(tensor.Scalar); !isConst || !ok || (s.Kind == tensor.Float64 && s.F != 1) || (s.Kind != tensor.Float64 && s.I != 1) {
				return ewOp{}, false
			}
		}
		a, b := n.Inputs[0], n.Inputs[1]
		other, rev := b, false
		if a != cur {
			if b != cur {
				return ewOp{}, false
			}
			other, rev = a, true
		}
		if ot, ok := seen[other.id].(*tensor.Tensor); ok && ot != nil && ot.Dim() == 0 && (ot.IsWrappedNumber() || other.Node != nil && other.Node.Kind == "prim::Constant") {
			f, _ := ot.Item()
			return ewOp{code: c, scalar: true, s: float32(f), rev: rev}, true
		}
		if isF32(other) && slices.Equal(shapeOf(other), shapeOf(cur)) {
			return ewOp{code: c, in: other, rev: rev}, true
		}
		return ewOp{}, false
	}
	for i, n := range g.Nodes {
		if absorbed[n] {
			continue
		}
		if n.Kind == "trace::linear_act" {
			x := n.Inputs[0]
			if isF32(x) && len(shapeOf(x)) >= 1 && isF32(n.Outputs[0]) {
				natives[n] = &native{n: n, out: n.Outputs[0]}
			}
			continue
		}
		if n.Op == nil || len(n.Inputs) == 0 || !isF32(n.Inputs[0]) {
			continue
		}
		op, ok := ewStep(n, n.Inputs[0])
		if !ok {
			continue
		}
		nv := &native{n: n, chain: []ewOp{op}, src: n.Inputs[0], out: n.Outputs[0], nodes: []*Node{n}}
		// extend the chain while the result has one use, the next node
		for j := i + 1; j < len(g.Nodes); j++ {
			cur := nv.out
			if len(cur.Uses) != 1 || isOutput[cur] {
				break
			}
			m := cur.Uses[0]
			if m != g.Nodes[j] {
				break
			}
			op, ok := ewStep(m, cur)
			if !ok {
				break
			}
			nv.chain = append(nv.chain, op)
			nv.nodes = append(nv.nodes, m)
			nv.out = m.Outputs[0]
			absorbed[m] = true
		}
		natives[n] = nv
	}

	// Liveness with aliasing: a value produced by a dispatcher op may alias
	// any planned buffer its inputs alias.
	index := map[*Node]int{}
	for i, n := range g.Nodes {
		index[n] = i
	}
	type buf struct {
		t     *tensor.Tensor
		numel int
		last  int
		fresh bool
	}
	aliases := map[*Value][]*buf{}
	bufOf := map[*Value]*buf{}
	var bufs []*buf
	for i, n := range g.Nodes {
		if absorbed[n] {
			continue
		}
		if nv, ok := natives[n]; ok {
			b := &buf{numel: seen[nv.out.id].(*tensor.Tensor).Numel(), last: i}
			bufs = append(bufs, b)
			bufOf[nv.out] = b
			aliases[nv.out] = []*buf{b}
			for _, m := range nv.nodes {
				for _, in := range m.Inputs {
					for _, a := range aliases[in] {
						a.last = max(a.last, i)
					}
				}
			}
			for _, in := range n.Inputs {
				for _, a := range aliases[in] {
					a.last = max(a.last, i)
				}
			}
			continue
		}
		var union []*buf
		for _, in := range n.Inputs {
			for _, a := range aliases[in] {
				a.last = max(a.last, i)
				if !slices.Contains(union, a) {
					union = append(union, a)
				}
			}
		}
		for _, o := range n.Outputs {
			aliases[o] = union
		}
	}
	for o := range isOutput {
		for _, a := range aliases[o] {
			a.fresh = true
		}
	}
	// assign storage: reuse a free buffer of the same size
	free := map[int][]*tensor.Tensor{}
	type release struct {
		at int
		b  *buf
	}
	var pending []release
	for i, n := range g.Nodes {
		for k := 0; k < len(pending); {
			if pending[k].at < i {
				b := pending[k].b
				free[b.numel] = append(free[b.numel], b.t)
				pending = append(pending[:k], pending[k+1:]...)
				continue
			}
			k++
		}
		nv, ok := natives[n]
		if !ok {
			continue
		}
		b := bufOf[nv.out]
		if b.fresh {
			continue
		}
		sh := seen[nv.out.id].(*tensor.Tensor).Shape()
		if l := free[b.numel]; len(l) > 0 {
			b.t, free[b.numel] = l[len(l)-1], l[:len(l)-1]
			if !slices.Equal(b.t.Shape(), sh) {
				v, err := b.t.ViewOfStorage(sh, contiguousStrides(sh), 0)
				if err != nil {
					return nil, err
				}
				b.t = v
			}
		} else {
			b.t = tensor.Empty(tensor.Float32, sh...)
		}
		pending = append(pending, release{b.last, b})
	}

	// steps
	for _, n := range g.Nodes {
		if absorbed[n] {
			continue
		}
		nv, ok := natives[n]
		if !ok {
			n := n
			p.steps = append(p.steps, func(p *plan, rt *tensor.Runtime, attrs map[string]*tensor.Tensor) error {
				return step(rt, n, attrs, p.env)
			})
			continue
		}
		b := bufOf[nv.out]
		outShape := seen[nv.out.id].(*tensor.Tensor).Shape()
		outID := nv.out.id
		outT := func() *tensor.Tensor {
			if b.fresh {
				return tensor.NewFloat32(outShape...)
			}
			return b.t
		}
		if nv.chain == nil {
			// fused linear
			xs := shapeOf(n.Inputs[0])
			k := xs[len(xs)-1]
			m := 1
			for _, d := range xs[:len(xs)-1] {
				m *= d
			}
			nOut := outShape[len(outShape)-1]
			act := n.Fused.(*fusedLinear).act
			xi, wi, bi := n.Inputs[0].id, n.Inputs[1].id, n.Inputs[2].id
			bn := n.Fused.(*fusedLinear).bn
			var srcIDs [6]int
			for i := range srcIDs {
				if bn != nil {
					srcIDs[i] = n.Inputs[1+i].id
				}
			}
			var packed *tensor.PackedWeight
			var packedFrom *tensor.Tensor
			var packedVer uint64
			p.steps = append(p.steps, func(p *plan, rt *tensor.Runtime, attrs map[string]*tensor.Tensor) error {
				x := tensor.Float32Data(p.env[xi].(*tensor.Tensor))
				var w, bias []float32
				if bn != nil {
					var src [6]*tensor.Tensor
					for i, id := range srcIDs {
						src[i], _ = p.env[id].(*tensor.Tensor)
					}
					var ok bool
					if w, bias, ok = bn.folded(src); !ok {
						return errReplan
					}
				} else {
					wt, _ := p.env[wi].(*tensor.Tensor)
					if wt == nil || wt.Dim() != 2 {
						return errReplan
					}
					w = tensor.Float32Data(wt)
					if bt, _ := p.env[bi].(*tensor.Tensor); bt != nil {
						bias = tensor.Float32Data(bt)
					}
					if len(x) == m*k && len(w) == nOut*k && (bias == nil || len(bias) == nOut) && m >= tensor.PackedMinRows && rt.Threads() <= 1 {
						// the weight packed once, repacked when it changes
						if packed == nil || packedFrom != wt || packedVer != wt.Version() {
							packed, packedFrom, packedVer = tensor.PackLinearWeight(w, nOut, k), wt, wt.Version()
						}
						o := outT()
						if tensor.LinearPackedF32(tensor.Float32Data(o), x, packed, bias, m, act) {
							p.env[outID] = o
							return nil
						}
					}
				}
				if len(x) != m*k || len(w) != nOut*k || bias != nil && len(bias) != nOut {
					return errReplan
				}
				o := outT()
				tensor.LinearF32(tensor.Float32Data(o), x, w, bias, m, nOut, k, act)
				p.env[outID] = o
				return nil
			})
			continue
		}
		srcID := nv.src.id
		chain := nv.chain
		numel := seen[outID].(*tensor.Tensor).Numel()
		p.steps = append(p.steps, func(p *plan, rt *tensor.Runtime, attrs map[string]*tensor.Tensor) error {
			src := tensor.Float32Data(p.env[srcID].(*tensor.Tensor))
			if len(src) != numel {
				return errReplan
			}
			o := outT()
			od := tensor.Float32Data(o)
			var operands [8][]float32
			for j, op := range chain {
				if op.in != nil && j < len(operands) {
					operands[j] = tensor.Float32Data(p.env[op.in.id].(*tensor.Tensor))
				}
			}
			if len(chain) > len(operands) {
				return errReplan
			}
			const blk = 2048
			for lo := 0; lo < numel; lo += blk {
				hi := min(lo+blk, numel)
				cur := src[lo:hi]
				dst := od[lo:hi]
				for j, op := range chain {
					switch {
					case op.code >= 10:
						tensor.UnF32(op.code-10, dst, cur)
					case op.scalar && !op.rev:
						tensor.BinScalarF32(op.code, dst, cur, op.s)
					case op.scalar:
						revScalar(op.code, dst, cur, op.s)
					case !op.rev:
						tensor.BinF32(op.code, dst, cur, operands[j][lo:hi])
					default:
						tensor.BinF32(op.code, dst, operands[j][lo:hi], cur)
					}
					cur = dst
				}
			}
			p.env[outID] = o
			return nil
		})
	}
	return p, nil
}

// revScalar computes o = s op a.
func revScalar(op int, o, a []float32, s float32) {
	switch op {
	case 0:
		tensor.BinScalarF32(0, o, a, s)
	case 2:
		tensor.BinScalarF32(2, o, a, s)
	case 1:
		tensor.UnF32(1, o, a)
		tensor.BinScalarF32(0, o, o, s)
	default:
		for i, x := range a {
			o[i] = s / x
		}
	}
}

func contiguousStrides(sh []int) []int {
	st := make([]int, len(sh))
	acc := 1
	for i := len(sh) - 1; i >= 0; i-- {
		st[i] = acc
		acc *= max(sh[i], 1)
	}
	return st
}
