package trace

import (
	"fmt"
	"math"
	"slices"
	"sync"

	"torchr/tensor"
)

// FoldConstants evaluates nodes whose inputs are all constants (pure,
// non-random ops) and replaces their outputs by constants.
func FoldConstants(g *Graph) {
	rt := tensor.NewRuntime()
	env := make([]any, g.nextID)
	isConst := map[*Value]bool{}
	for _, n := range g.Nodes {
		switch {
		case n.Kind == "prim::Constant":
			isConst[n.Outputs[0]] = true
			env[n.Outputs[0].id] = n.Attr
			continue
		case n.Kind == "prim::ListConstruct":
			all := true
			for _, in := range n.Inputs {
				all = all && isConst[in]
			}
			if all && step(rt, n, nil, env) == nil {
				isConst[n.Outputs[0]] = true
			}
			continue
		case n.Op == nil || hasSideEffects(n) || len(n.Outputs) != 1:
			continue
		}
		all := true
		for _, in := range n.Inputs {
			all = all && isConst[in]
		}
		if !all {
			continue
		}
		if err := step(rt, n, nil, env); err != nil {
			continue // leave it to fail at run time, with the method's name
		}
		t, ok := env[n.Outputs[0].id].(*tensor.Tensor)
		if !ok || t == nil {
			continue
		}
		n.Kind, n.Op, n.Inputs, n.Attr = "prim::Constant", nil, nil, t
		isConst[n.Outputs[0]] = true
	}
	g.rebuildUses()
	Eliminate(g)
}

// bnFold is the batch norm folded into a trace::linear_act node: inputs
// 3..6 are its weight, bias, running mean and running variance.
type bnFold struct {
	eps float64
	mu  sync.Mutex
	// cache of the folded weight and bias, valid while the source tensors
	// are the same objects at the same versions
	src      [6]*tensor.Tensor
	ver      [6]uint64
	w, b     *tensor.Tensor
	wd, bd   []float32
	hasCache bool
}

// FoldBatchNorm folds eval-mode aten::batch_norm into the preceding
// aten::linear (W' = W·γ/√(σ²+ε) by rows, b' = (b−μ)·γ/√(σ²+ε) + β). It
// runs before FuseLinear, which then sees the folded linear.
func FoldBatchNorm(g *Graph) {
	drop := map[*Node]bool{}
	repl := map[*Node]*Node{}
	for _, n := range g.Nodes {
		if n.Kind != "aten::batch_norm" || len(n.Inputs) != 9 {
			continue
		}
		train, ok := constValue(n.Inputs[5])
		eps, ok2 := constValue(n.Inputs[7])
		if !ok || !ok2 || train != false {
			continue
		}
		in := n.Inputs[0]
		l := in.Node
		if l != nil && len(in.Uses) == 1 && !slices.Contains(g.Outputs, in) && l.Op != nil && len(l.Inputs) >= 3 &&
			(l.Kind == "aten::conv1d" || l.Kind == "aten::conv2d" || l.Kind == "aten::convolution" && len(l.Inputs) == 9 && isFalse(l.Inputs[6])) {
			e, _ := eps.(float64)
			fn := &Node{Kind: "trace::conv_bn", Inputs: append(append([]*Value{}, l.Inputs...), n.Inputs[1:5]...), Outputs: n.Outputs,
				Fused: &convBN{op: l.Op, bn: &bnFold{eps: e}}}
			n.Outputs[0].Node = fn
			repl[n] = fn
			drop[l] = true
			continue
		}
		if l == nil || l.Kind != "aten::linear" || len(in.Uses) != 1 || len(l.Inputs) != 3 {
			continue
		}
		// the input of batch_norm must be 2-D (N, C): features are the
		// linear's outputs
		if t := in.Type; !t.Complete || len(t.Shape) != 2 {
			continue
		}
		e, _ := eps.(float64)
		f := &fusedLinear{bn: &bnFold{eps: e}}
		fn := &Node{Kind: "trace::linear_act", Inputs: append(append([]*Value{}, l.Inputs...), n.Inputs[1:5]...), Outputs: n.Outputs, Fused: f}
		n.Outputs[0].Node = fn
		// the fused node takes the batch norm's place, after all its inputs
		repl[n] = fn
		drop[l] = true
	}
	out := g.Nodes[:0]
	for _, n := range g.Nodes {
		if r, ok := repl[n]; ok {
			out = append(out, r)
		} else if !drop[n] {
			out = append(out, n)
		}
	}
	g.Nodes = out
	g.rebuildUses()
}

// folded returns the folded weight and bias for the current parameter
// values (recomputed when a source tensor changed).
func (bn *bnFold) folded(src [6]*tensor.Tensor) ([]float32, []float32, bool) {
	bn.mu.Lock()
	defer bn.mu.Unlock()
	same := bn.hasCache
	for i, t := range src {
		var v uint64
		if t != nil {
			v = t.Version()
		}
		if bn.src[i] != t || bn.ver[i] != v {
			same = false
		}
	}
	if same {
		return bn.wd, bn.bd, true
	}
	w, gamma, beta, mean, vr := src[0], src[2], src[3], src[4], src[5]
	if w == nil || mean == nil || vr == nil || w.Dim() < 2 || w.Shape()[0] == 0 {
		return nil, nil, false
	}
	n := w.Shape()[0]
	k := w.Numel() / n
	if mean.Numel() != n || vr.Numel() != n {
		return nil, nil, false
	}
	wv := w.Float64s()
	var bv, gv, betav []float64
	if src[1] != nil {
		bv = src[1].Float64s()
	}
	if gamma != nil {
		gv = gamma.Float64s()
	}
	if beta != nil {
		betav = beta.Float64s()
	}
	mv, vv := mean.Float64s(), vr.Float64s()
	wd, bd := make([]float32, n*k), make([]float32, n)
	for j := 0; j < n; j++ {
		s := 1 / math.Sqrt(vv[j]+bn.eps)
		if gv != nil {
			s *= gv[j]
		}
		for i := 0; i < k; i++ {
			wd[j*k+i] = float32(wv[j*k+i] * s)
		}
		b := 0.0
		if bv != nil {
			b = bv[j]
		}
		b = (b - mv[j]) * s
		if betav != nil {
			b += betav[j]
		}
		bd[j] = float32(b)
	}
	bn.src = src
	for i, t := range src {
		bn.ver[i] = 0
		if t != nil {
			bn.ver[i] = t.Version()
		}
	}
	bn.wd, bn.bd, bn.hasCache = wd, bd, true
	bn.w, _ = tensor.FromFloat32(wd, w.Shape()...)
	bn.b, _ = tensor.FromFloat32(bd, n)
	return wd, bd, true
}

// convBN is the payload of a trace::conv_bn node: a convolution (inputs
// 0..len-5, its op) followed by an eval-mode batch norm (the last four
// inputs), run as one convolution with folded weights.
type convBN struct {
	op *tensor.Op
	bn *bnFold
}

func (c *convBN) attr() string {
	return fmt.Sprintf("[op=%q, batch_norm_eps=%s]", c.op.Name(), fmtFloat(c.bn.eps))
}

func (c *convBN) interpret(rt *tensor.Runtime, n *Node, env []any) error {
	nc := len(n.Inputs) - 4
	var src [6]*tensor.Tensor
	src[0], _ = env[n.Inputs[1].id].(*tensor.Tensor)
	src[1], _ = env[n.Inputs[2].id].(*tensor.Tensor)
	for i := 0; i < 4; i++ {
		src[2+i], _ = env[n.Inputs[nc+i].id].(*tensor.Tensor)
	}
	if src[0] == nil || src[0].DType() != tensor.Float32 {
		return fmt.Errorf("%s: folded batch norm needs float32 weights", c.op.Name())
	}
	if _, _, ok := c.bn.folded(src); !ok {
		return fmt.Errorf("%s: cannot fold the batch norm", c.op.Name())
	}
	args := make(tensor.Args, nc)
	for i := range args {
		args[i] = env[n.Inputs[i].id]
	}
	c.bn.mu.Lock()
	args[1], args[2] = c.bn.w, c.bn.b
	c.bn.mu.Unlock()
	outs, err := rt.Run(c.op, args)
	if err != nil {
		return err
	}
	env[n.Outputs[0].id] = outs[0]
	return nil
}

func isFalse(v *Value) bool {
	c, ok := constValue(v)
	return ok && c == false
}
