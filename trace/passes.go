package trace

import (
	"fmt"
	"strings"

	"torchr/tensor"
)

// isRandom reports whether n draws random numbers (it is neither removed
// when unused nor merged with an identical node, and its output is never a
// constant).
func isRandom(n *Node) bool {
	if n.Op == nil {
		return false
	}
	name := strings.TrimPrefix(n.Kind, "aten::")
	switch name {
	case "dropout", "dropout_", "feature_dropout", "alpha_dropout", "feature_alpha_dropout", "bernoulli", "bernoulli_",
		"normal", "normal_", "uniform_", "multinomial", "rrelu", "rrelu_", "exponential_", "geometric_", "cauchy_", "log_normal_", "random_":
		return true
	}
	return strings.HasPrefix(name, "rand")
}

// hasSideEffects: in-place ops (they mutate a value that may be visible
// outside) and random ops.
func hasSideEffects(n *Node) bool {
	return (n.Op != nil && n.Op.IsInplace()) || isRandom(n)
}

// Eliminate removes nodes whose outputs are unused (dead-code elimination),
// keeping in-place and random ops.
func Eliminate(g *Graph) {
	live := map[*Value]bool{}
	for _, o := range g.Outputs {
		live[o] = true
	}
	keep := make([]bool, len(g.Nodes))
	for i := len(g.Nodes) - 1; i >= 0; i-- {
		n := g.Nodes[i]
		k := hasSideEffects(n)
		for _, o := range n.Outputs {
			if live[o] {
				k = true
			}
		}
		if k {
			keep[i] = true
			for _, in := range n.Inputs {
				live[in] = true
			}
		}
	}
	out := g.Nodes[:0]
	for i, n := range g.Nodes {
		if keep[i] {
			out = append(out, n)
		}
	}
	for i := len(out); i < len(g.Nodes); i++ {
		g.Nodes[i] = nil
	}
	g.Nodes = out
	g.rebuildUses()
}

// replaceAll makes every use of a refer to b.
func (g *Graph) replaceAll(a, b *Value) {
	for _, n := range g.Nodes {
		for i, in := range n.Inputs {
			if in == a {
				n.Inputs[i] = b
			}
		}
	}
	for i, o := range g.Outputs {
		if o == a {
			g.Outputs[i] = b
		}
	}
}

// constKey is a hashable description of a constant for pooling.
func constKey(v any) (string, bool) {
	switch x := v.(type) {
	case *tensor.Tensor:
		if x.Dim() == 0 && !x.IsWrappedNumber() {
			return "", false
		}
		if x.Dim() == 0 {
			f, _ := x.Item()
			return fmt.Sprintf("w%v:%v", x.DType(), f), true
		}
		return "", false
	case tensor.Scalar:
		return fmt.Sprintf("s%d:%v:%v", x.Kind, x.I, x.F), true
	}
	return fmt.Sprintf("%T:%v", v, v), true
}

// CSE merges identical pure nodes (common-subexpression elimination) and
// pools equal constants.
func CSE(g *Graph) {
	seen := map[string]*Node{}
	out := g.Nodes[:0]
	for _, n := range g.Nodes {
		if hasSideEffects(n) {
			out = append(out, n)
			continue
		}
		var b strings.Builder
		b.WriteString(n.Kind)
		switch n.Kind {
		case "prim::Constant":
			k, ok := constKey(n.Attr)
			if !ok {
				// tensor constants are pooled by identity
				k = fmt.Sprintf("%p", n.Attr)
			}
			b.WriteString("[" + k + "]")
		case "prim::GetAttr":
			b.WriteString("[" + n.Qual + "]")
		}
		if n.Fused != nil {
			out = append(out, n)
			continue
		}
		for _, in := range n.Inputs {
			fmt.Fprintf(&b, ",%d", in.id)
		}
		for _, o := range n.Outputs {
			b.WriteString("|" + o.Type.String())
		}
		k := b.String()
		if prev, ok := seen[k]; ok {
			for i, o := range n.Outputs {
				g.replaceAll(o, prev.Outputs[i])
			}
			continue
		}
		seen[k] = n
		out = append(out, n)
	}
	g.Nodes = out
	g.rebuildUses()
}

// Clone copies g (nodes and values; constants and ops are shared).
func (g *Graph) Clone() *Graph {
	c := &Graph{nextID: g.nextID, names: map[string]int{}}
	for k, v := range g.names {
		c.names[k] = v
	}
	m := map[*Value]*Value{}
	cp := func(v *Value) *Value {
		if nv, ok := m[v]; ok {
			return nv
		}
		nv := &Value{id: v.id, name: v.name, Type: v.Type}
		m[v] = nv
		return nv
	}
	for _, in := range g.Inputs {
		c.Inputs = append(c.Inputs, cp(in))
	}
	for _, n := range g.Nodes {
		nn := *n
		nn.Inputs = make([]*Value, len(n.Inputs))
		for i, in := range n.Inputs {
			nn.Inputs[i] = cp(in)
		}
		nn.Outputs = make([]*Value, len(n.Outputs))
		for i, o := range n.Outputs {
			nn.Outputs[i] = cp(o)
			nn.Outputs[i].Node = &nn
		}
		c.Nodes = append(c.Nodes, &nn)
	}
	for _, o := range g.Outputs {
		c.Outputs = append(c.Outputs, cp(o))
	}
	c.rebuildUses()
	return c
}
