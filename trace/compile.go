package trace

import (
	"torchr/tensor"
)

// plan is a compiled graph for one input signature.
type plan struct{}

// runCompiled runs the optimized graph with grad mode off.
func (f *Function) runCompiled(rt *tensor.Runtime, attrs map[string]*tensor.Tensor, args []any) (any, error) {
	f.mu.Lock()
	if f.opt == nil {
		f.opt = Optimize(f.Graph)
	}
	g := f.opt
	f.mu.Unlock()
	env := make([]any, g.nextID)
	off := len(g.Inputs) - len(args)
	for i, a := range args {
		env[g.Inputs[off+i].id] = a
	}
	err := rt.NoGrad(func() error { return interpret(rt, g, attrs, env) })
	if err != nil {
		return nil, err
	}
	return structured(env[g.Outputs[0].id]), nil
}

// Optimize returns an optimized copy of g for inference: dead code
// elimination and common subexpressions.
func Optimize(g *Graph) *Graph {
	c := g.Clone()
	CSE(c)
	Eliminate(c)
	return c
}
