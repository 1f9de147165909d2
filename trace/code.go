package trace

import (
	"fmt"
	"slices"
	"strconv"
	"strings"

	"torchr/tensor"
)

// Code prints the method as TorchScript source (`$code`, and the body of
// code/__torch__.py in saved archives). Tensor constants that are not
// numbers are printed as CONSTANTS.cN; Constants lists them in order. A
// method loaded from an archive prints the archive's code.
func (f *Function) Code() string {
	if f.loaded != nil {
		return f.loadedCode()
	}
	s, _ := f.code("")
	return s
}

// code prints the method; selfType, if set, annotates self (archives do).
// It returns the source and the tensor constants it refers to.
func (f *Function) code(selfType string) (string, []*tensor.Tensor) {
	p := &coder{g: f.Graph, names: map[*Value]string{}, inline: map[*Value]string{}, used: map[string]bool{}}
	return p.method(f.Name, selfType), p.consts
}

type coder struct {
	g      *Graph
	names  map[*Value]string
	inline map[*Value]string // expressions of inlined values
	used   map[string]bool
	tmp    int
	consts []*tensor.Tensor
	b      strings.Builder
}

func (p *coder) name(v *Value) string {
	if s, ok := p.inline[v]; ok {
		return s
	}
	if s, ok := p.names[v]; ok {
		return s
	}
	var s string
	if v.name != "" {
		s = strings.ReplaceAll(v.name, ".", "")
		if !isIdent(s) {
			s = "_" + s
		}
		if p.used[s] {
			for i := 0; ; i++ {
				if c := fmt.Sprintf("%s%d", s, i); !p.used[c] {
					s = c
					break
				}
			}
		}
	} else {
		for {
			s = fmt.Sprintf("_%d", p.tmp)
			p.tmp++
			if !p.used[s] {
				break
			}
		}
	}
	p.used[s] = true
	p.names[v] = s
	return s
}

func pyLiteral(v any) string {
	switch x := v.(type) {
	case nil:
		return "None"
	case bool:
		if x {
			return "True"
		}
		return "False"
	case int:
		return strconv.Itoa(x)
	case float64:
		return fmtFloat(x)
	case string:
		return strconv.Quote(x)
	case tensor.DType:
		return strconv.Itoa(scalarTypeCode(x))
	case tensor.Scalar:
		switch x.Kind {
		case tensor.Bool:
			return pyLiteral(x.I != 0)
		case tensor.Int64:
			return strconv.FormatInt(x.I, 10)
		}
		return fmtFloat(x.F)
	case []int:
		parts := make([]string, len(x))
		for i, e := range x {
			parts[i] = strconv.Itoa(e)
		}
		return "[" + strings.Join(parts, ", ") + "]"
	}
	return fmt.Sprint(v)
}

// literal returns the Go value of a constant (or a list of constants) input.
func literal(v *Value) (any, bool) {
	if v.Node == nil {
		return nil, false
	}
	switch v.Node.Kind {
	case "prim::Constant":
		if t, ok := v.Node.Attr.(*tensor.Tensor); ok && !(t.IsWrappedNumber() && t.Dim() == 0) {
			return nil, false
		}
		return v.Node.Attr, true
	case "prim::ListConstruct":
		if v.Type.Kind != KIntList {
			return nil, false
		}
		l := make([]int, len(v.Node.Inputs))
		for i, in := range v.Node.Inputs {
			c, ok := literal(in)
			n, isInt := c.(int)
			if !ok || !isInt {
				return nil, false
			}
			l[i] = n
		}
		return l, true
	}
	return nil, false
}

func sameLiteral(a, b any) bool {
	if al, ok := a.([]int); ok {
		bl, ok := b.([]int)
		return ok && slices.Equal(al, bl)
	}
	if as, ok := a.(tensor.Scalar); ok {
		switch bv := b.(type) {
		case tensor.Scalar:
			return as == bv
		case int:
			return as.Kind == tensor.Int64 && as.I == int64(bv)
		}
		return false
	}
	return a == b
}

func (p *coder) expr(v *Value) string {
	if c, ok := literal(v); ok {
		if t, isT := c.(*tensor.Tensor); isT {
			f, _ := t.Item()
			if t.DType().IsFloat() {
				return fmtFloat(f)
			}
			return strconv.FormatInt(int64(f), 10)
		}
		return pyLiteral(c)
	}
	if v.Node != nil && v.Node.Kind == "prim::Constant" {
		if t, ok := v.Node.Attr.(*tensor.Tensor); ok {
			if s, done := p.inline[v]; done {
				return s
			}
			s := fmt.Sprintf("CONSTANTS.c%d", len(p.consts))
			p.consts = append(p.consts, t)
			p.inline[v] = s
			return s
		}
	}
	return p.name(v)
}

// call prints an aten op call, omitting trailing defaults.
func (p *coder) call(n *Node) string {
	name := strings.TrimPrefix(n.Kind, "aten::")
	if name == "__getitem__" && len(n.Inputs) == 2 {
		return p.expr(n.Inputs[0]) + "[" + p.expr(n.Inputs[1]) + "]"
	}
	var args []string
	kw := false
	for i, in := range n.Inputs {
		var par tensor.Param
		if n.Op != nil && i < len(n.Op.Params) {
			par = n.Op.Params[i]
		}
		if par.HasDefault {
			if c, ok := literal(in); ok && sameLiteral(c, par.Default) {
				kw = true
				continue
			}
		}
		e := p.expr(in)
		if (kw || par.KwargOnly) && par.Name != "" {
			e = par.Name + "=" + e
		}
		args = append(args, e)
	}
	return "torch." + name + "(" + strings.Join(args, ", ") + ")"
}

func (p *coder) method(name, selfType string) string {
	g := p.g
	var params []string
	self := "self"
	if selfType != "" {
		self = "self: " + selfType
	}
	start := 0
	if len(g.Inputs) > 0 && g.Inputs[0].Type.Kind == KModule {
		params = append(params, self)
		p.names[g.Inputs[0]] = "self"
		p.used["self"] = true
		start = 1
	} else if selfType != "" {
		// a function saved as a module's method
		params = append(params, self)
		p.used["self"] = true
	}
	for i, in := range g.Inputs[start:] {
		if in.name == "" {
			p.names[in] = fmt.Sprintf("argument_%d", i+1)
			p.used[p.names[in]] = true
		}
		params = append(params, p.name(in)+": "+in.Type.short())
	}
	ret := "Tensor"
	if len(g.Outputs) == 1 {
		ret = g.Outputs[0].Type.short()
	}
	fmt.Fprintf(&p.b, "def %s(%s) -> %s:\n", name, strings.Join(params, ",\n    "), ret)
	// statements; an op result used once by the next statement is inlined
	var stmts []*Node
	for _, n := range g.Nodes {
		if n.Kind == "prim::Constant" || (n.Kind == "prim::ListConstruct" && n.Outputs[0].Type.Kind == KIntList) {
			if _, ok := literal(n.Outputs[0]); ok {
				continue
			}
		}
		stmts = append(stmts, n)
	}
	for i, n := range stmts {
		var rhs string
		switch n.Kind {
		case "prim::Constant":
			continue
		case "prim::GetAttr":
			if a := n.Attr.(string); isIdent(a) {
				rhs = p.expr(n.Inputs[0]) + "." + a
			} else {
				rhs = "getattr(" + p.expr(n.Inputs[0]) + ", " + strconv.Quote(a) + ")"
			}
		case "prim::ListConstruct", "prim::TupleConstruct":
			var parts []string
			for _, in := range n.Inputs {
				parts = append(parts, p.expr(in))
			}
			if n.Kind == "prim::ListConstruct" {
				rhs = "[" + strings.Join(parts, ", ") + "]"
			} else {
				rhs = "(" + strings.Join(parts, ", ")
				if len(parts) == 1 {
					rhs += ","
				}
				rhs += ")"
			}
		case "prim::DictConstruct":
			var parts []string
			for j := 0; j+1 < len(n.Inputs); j += 2 {
				parts = append(parts, p.expr(n.Inputs[j])+": "+p.expr(n.Inputs[j+1]))
			}
			rhs = "{" + strings.Join(parts, ", ") + "}"
		case "prim::TupleUnpack", "prim::ListUnpack":
			var lhs []string
			for _, o := range n.Outputs {
				lhs = append(lhs, p.name(o))
			}
			fmt.Fprintf(&p.b, "  %s, = %s\n", strings.Join(lhs, ", "), p.expr(n.Inputs[0]))
			continue
		default:
			if f, ok := n.Fused.(*fusedLinear); ok {
				rhs = fmt.Sprintf("torch.linear(%s, %s, %s)", p.expr(n.Inputs[0]), p.expr(n.Inputs[1]), p.expr(n.Inputs[2]))
				if f.act != tensor.ActNone {
					rhs = "torch." + actNames[f.act] + "(" + rhs + ")"
				}
			} else {
				rhs = p.call(n)
			}
		}
		if len(n.Outputs) != 1 {
			var lhs []string
			for _, o := range n.Outputs {
				lhs = append(lhs, p.name(o))
			}
			fmt.Fprintf(&p.b, "  %s = %s\n", strings.Join(lhs, ", "), rhs)
			continue
		}
		o := n.Outputs[0]
		if n.Kind != "prim::GetAttr" && !hasSideEffects(n) && len(o.Uses) == 1 && !slices.Contains(g.Outputs, o) &&
			i+1 < len(stmts) && stmts[i+1] == o.Uses[0] {
			p.inline[o] = rhs
			continue
		}
		if slices.Contains(g.Outputs, o) && i == len(stmts)-1 && len(o.Uses) == 0 && n.Kind != "prim::GetAttr" {
			fmt.Fprintf(&p.b, "  return %s\n", rhs)
			return p.b.String()
		}
		fmt.Fprintf(&p.b, "  %s = %s\n", p.name(o), rhs)
	}
	var outs []string
	for _, o := range g.Outputs {
		outs = append(outs, p.expr(o))
	}
	fmt.Fprintf(&p.b, "  return %s\n", strings.Join(outs, ", "))
	return p.b.String()
}
