package torch

import (
	"fmt"
	"sort"
	"strings"

	"torchr/lang/eval"
	"torchr/tensor"
)

// opSpec is one torch_<name> function generated from the core's op
// schemas: all overloads of aten::<name>, with the union of their argument
// names as formals (the longest overload's order first).
type opSpec struct {
	name    string
	ops     []*tensor.Op
	formals []string
	types   map[string]map[string]bool // param name -> schema types
	method  bool                       // has a Tensor self first: a $ method
	// outIdx lists outputs that are 0-based indices (made 1-based).
	outIdx []int
}

var specs = map[string]*opSpec{}

// dimParams are converted from R torch's 1-based dims.
var dimParams = map[string]bool{"dim": true, "dims": true, "dim0": true, "dim1": true, "start_dim": true, "end_dim": true}

// indexOutputs: ops whose given outputs hold 0-based indices.
var indexOutputs = map[string][]int{
	"argmax": {0}, "argmin": {0}, "argsort": {0}, "nonzero": {0}, "multinomial": {0},
	"max": {1}, "min": {1}, "median": {1}, "mode": {1}, "sort": {1}, "topk": {1},
	"adaptive_max_pool2d": {1},
}

// indexInputs: Tensor/int arguments that are 1-based indices in R torch.
var indexInputs = map[string]map[string]bool{
	"gather": {"index": true}, "scatter": {"index": true}, "scatter_": {"index": true},
	"scatter_add": {"index": true}, "scatter_add_": {"index": true},
	"index_select": {"index": true}, "index_add": {"index": true}, "index_add_": {"index": true},
	"index_copy": {"index": true}, "index_copy_": {"index": true},
	"index_fill": {"index": true}, "index_fill_": {"index": true},
	"take": {"index": true}, "select": {"index": true}, "narrow": {"start": true},
	"one_hot": {"self": true}, // R torch's classes start at 1 (mlverse/torch#410)
}

// skipOps are not exposed as torch_* functions.
func skipOp(name string) bool {
	// to: x$to() is written by hand (dtype objects, devices, other=)
	return strings.HasPrefix(name, "_") || name == "r_autograd_function" || strings.HasSuffix(name, "_backward") ||
		name == "to"
}

func init() {
	for _, key := range tensor.Ops() {
		op, _ := tensor.LookupOp(key)
		name := strings.TrimPrefix(op.Name(), "aten::")
		if skipOp(name) {
			continue
		}
		s := specs[name]
		if s == nil {
			s = &opSpec{name: name, types: map[string]map[string]bool{}, outIdx: indexOutputs[name]}
			specs[name] = s
		}
		s.ops = append(s.ops, op)
	}
	for _, s := range specs {
		ops := append([]*tensor.Op(nil), s.ops...)
		sort.SliceStable(ops, func(i, j int) bool { return len(ops[i].Params) > len(ops[j].Params) })
		seen := map[string]bool{}
		for _, op := range ops {
			if len(op.Params) > 0 && op.Params[0].Name == "self" && strings.HasPrefix(op.Params[0].Type, "Tensor") {
				s.method = true
			}
			for _, p := range op.Params {
				if s.types[p.Name] == nil {
					s.types[p.Name] = map[string]bool{}
				}
				s.types[p.Name][strings.TrimSuffix(p.Type, "?")] = true
				if !seen[p.Name] {
					seen[p.Name] = true
					s.formals = append(s.formals, p.Name)
				}
			}
		}
		if _, ok := s.types["correction"]; ok {
			// R torch's std/var take unbiased = TRUE/FALSE
			s.formals = append(s.formals, "unbiased")
			s.types["unbiased"] = map[string]bool{"bool": true}
		}
		if hand[s.name] {
			continue
		}
		spec := s
		// Temps: the generated functions convert their arguments and
		// return new tensors (in-place ops and views share memory with an
		// argument, which the evaluator checks)
		eval.Register(&eval.Builtin{Name: "torch_" + s.name, Formals: s.formals, Temps: true, Fn: func(c *eval.Frame, args []eval.Value) (eval.Value, error) {
			return spec.call(c.In, args)
		}})
	}
}

// hand lists ops whose torch_* function is written by hand (creation
// functions with R torch's size/dtype arguments).
var hand = map[string]bool{
	"zeros": true, "ones": true, "empty": true, "rand": true, "randn": true, "full": true,
	"arange": true, "eye": true, "randint": true, "randperm": true, "linspace": true,
	"logspace": true, "normal": true, "to": true,
}

// toGo converts an R argument for the schema types of param.
func (s *opSpec) toGo(in *eval.Interp, param string, v eval.Value) (any, error) {
	types := s.types[param]
	if dimParams[param] && (types["int"] || types["int[]"]) {
		is, err := IntsArg(v)
		if err != nil {
			return nil, fmt.Errorf("argument '%s': %v", param, err)
		}
		for i := range is {
			if is[i], err = DimArg(is[i]); err != nil {
				return nil, err
			}
		}
		if types["int[]"] || types["int[1]"] || len(is) != 1 {
			return is, nil
		}
		return is[0], nil
	}
	if idx := indexInputs[s.name]; idx[param] {
		if t, ok := v.(*Tensor); ok {
			return Runtime(in).Sub(t.T, int64(1), tensor.Int(1))
		}
		if types["int"] {
			i, err := IntArg(v)
			if err != nil {
				return nil, err
			}
			return DimArg(i)
		}
	}
	switch x := v.(type) {
	case *Tensor:
		if types["Tensor"] || types["Scalar"] {
			return x.T, nil
		}
		if types["int[]"] {
			return IntsArg(x)
		}
		return x.T, nil
	case *DType:
		return x.D, nil
	case *eval.NullType:
		return nil, nil
	case *eval.Character:
		if len(x.V) == 1 {
			return x.V[0], nil
		}
	case *eval.List:
		// list(2, 2) for a size or list(2, 1) for shifts: R torch users
		// write int[] arguments as lists of numbers too
		if intList := types["int[]"] || types["int[1]"] || types["int[2]"]; intList && !types["Tensor[]"] {
			var is []int
			for _, e := range x.V {
				n, err := IntArg(e)
				if err != nil {
					return nil, fmt.Errorf("argument '%s': %v", param, err)
				}
				is = append(is, n)
			}
			return is, nil
		}
		ts := make([]*tensor.Tensor, len(x.V))
		for i, e := range x.V {
			t, err := AsTensor(in, e, nil)
			if err != nil {
				return nil, err
			}
			ts[i] = t
		}
		return ts, nil
	case *eval.Logical:
		if len(x.V) == 1 && !(types["Tensor"] && eval.Dim(x) != nil) {
			if types["Tensor"] && !types["bool"] {
				return tensor.BoolScalar(x.V[0] != 0), nil
			}
			return x.V[0] != 0, nil
		}
		if types["Tensor"] {
			return fromR(in, x, nil)
		}
	case *eval.Integer, *eval.Double:
		isList := false
		for t := range types {
			if strings.HasPrefix(t, "int[") || strings.HasPrefix(t, "float[") {
				isList = true
			}
		}
		n := eval.Length(x)
		if isList && !types["Tensor"] {
			if types["float[]"] {
				d, _ := x.(*eval.Double)
				if d != nil {
					return append([]float64(nil), d.V...), nil
				}
			}
			return IntsArg(x)
		}
		if n == 1 && eval.Dim(x) == nil {
			if i, ok := x.(*eval.Integer); ok {
				return int64(i.V[0]), nil
			}
			return x.(*eval.Double).V[0], nil
		}
		if types["Tensor"] {
			return fromR(in, x, nil)
		}
		return IntsArg(x)
	}
	return nil, fmt.Errorf("argument '%s': unsupported value of type %s", param, v.TypeName())
}

func (s *opSpec) call(in *eval.Interp, args []eval.Value) (eval.Value, error) {
	for i, v := range args {
		if t, ok := v.(*Tensor); ok && t.T == nil {
			return nil, errUndefined(i, s.formals[i])
		}
	}
	named := make(map[string]any, len(args))
	// torch_max(x, y): a tensor given positionally for an integer
	// parameter (dim) is the "other" tensor of the binary overload
	if _, hasOther := s.types["other"]; hasOther {
		oi := -1
		for i, f := range s.formals {
			if f == "other" {
				oi = i
			}
		}
		for i, v := range args {
			if t, ok := v.(*Tensor); ok && i > 0 && s.formals[i] != "other" && !s.types[s.formals[i]]["Tensor"] && oi >= 0 && args[oi] == nil && (t.T.Numel() != 1 || t.T.DType().IsFloat()) {
				args[oi], args[i] = v, nil
			}
		}
	}
	// x$scatter(dim, index, 1): a number given as src is the value (R
	// torch's scatter methods pass non-tensors as value)
	if s.name == "scatter" || s.name == "scatter_" {
		si, vi := -1, -1
		for i, f := range s.formals {
			switch f {
			case "src":
				si = i
			case "value":
				vi = i
			}
		}
		if si >= 0 && vi >= 0 && si < len(args) && vi < len(args) && args[vi] == nil {
			if _, isT := args[si].(*Tensor); !isT && args[si] != nil && args[si] != eval.MissingArg {
				args[si], args[vi] = nil, args[si]
			}
		}
	}
	for i, v := range args {
		if v == nil || v == eval.MissingArg {
			continue
		}
		if _, isNull := v.(*eval.NullType); isNull {
			continue
		}
		g, err := s.toGo(in, s.formals[i], v)
		if err != nil {
			return nil, err
		}
		named[s.formals[i]] = g
	}
	// count_nonzero(x) counts over all dimensions (the core has only the
	// dim overload)
	if _, given := named["dim"]; s.name == "count_nonzero" && !given {
		if t, ok := named["self"].(*tensor.Tensor); ok {
			all := make([]int, t.Dim())
			for i := range all {
				all[i] = i
			}
			named["dim"] = all
		}
	}
	if u, ok := named["unbiased"]; ok {
		delete(named, "unbiased")
		if b, _ := u.(bool); b {
			named["correction"] = int64(1)
		} else {
			named["correction"] = int64(0)
		}
	}
	if len(s.ops) == 1 && len(named) <= 4 {
		// one overload: arguments in schema order, defaults in the gaps
		op := s.ops[0]
		var buf [4]any
		last, matched := -1, 0
		for i, p := range op.Params {
			if v, ok := named[p.Name]; ok {
				if i >= len(buf) {
					last = -2
					break
				}
				buf[i], last = v, i
				matched++
			}
		}
		if last >= -1 && matched == len(named) {
			pos := buf[:last+1]
			ok := true
			for i := range pos {
				if _, given := named[op.Params[i].Name]; !given {
					if !op.Params[i].HasDefault {
						ok = false
						break
					}
					pos[i] = op.Params[i].Default
				}
			}
			if ok {
				outs, err := Runtime(in).CallOp(op, pos, nil)
				if err != nil {
					return nil, err
				}
				return s.wrapOuts(in, op, outs)
			}
		}
	}
	op := s.pick(named)
	outs, err := Runtime(in).CallOp(op, nil, named)
	if err != nil {
		return nil, err
	}
	return s.wrapOuts(in, op, outs)
}

// pick chooses the overload for named arguments: every supplied name must
// be a parameter and every required parameter supplied; prefer overloads
// taking tensors where tensors were given and scalars where numbers were.
func (s *opSpec) pick(named map[string]any) *tensor.Op {
	if len(s.ops) == 1 {
		return s.ops[0]
	}
	best, bestScore := s.ops[0], 1<<30
	for _, op := range s.ops {
		score := 0
		matched := 0
		for _, p := range op.Params {
			v, ok := named[p.Name]
			if !ok {
				if !p.HasDefault {
					score += 1000
				}
				continue
			}
			matched++
			_, isT := v.(*tensor.Tensor)
			typ := strings.TrimSuffix(p.Type, "?")
			switch {
			case strings.HasPrefix(typ, "Tensor") && typ != "Tensor[]" && !isT:
				score++
			case !strings.HasPrefix(typ, "Tensor") && isT:
				score += 2
			}
		}
		score += 1000 * (len(named) - matched) // names this overload lacks
		if score < bestScore {
			best, bestScore = op, score
		}
	}
	return best
}

func (s *opSpec) wrapOuts(in *eval.Interp, op *tensor.Op, outs []*tensor.Tensor) (eval.Value, error) {
	rt := Runtime(in)
	if len(s.outIdx) > 0 {
		outs = append([]*tensor.Tensor(nil), outs...)
		for _, i := range s.outIdx {
			if i < len(outs) && len(op.Returns) > i || (len(op.Returns) == 1 && i == 0) {
				if i >= len(outs) || outs[i].DType().IsFloat() {
					continue
				}
				t, err := rt.Add(outs[i], int64(1), tensor.Int(1))
				if err != nil {
					return nil, err
				}
				outs[i] = t
			}
		}
	}
	if len(op.Returns) == 1 {
		switch r := op.Returns[0]; {
		case r == "bool":
			f, _ := outs[0].Item()
			return eval.Bool(f != 0), nil
		case strings.HasSuffix(strings.Fields(r)[0], "[]"):
			vs := make([]eval.Value, len(outs))
			for i, t := range outs {
				vs[i] = Wrap(t)
			}
			return eval.NewList(vs, nil), nil
		}
		return Wrap(outs[0]), nil
	}
	vs := make([]eval.Value, len(outs))
	for i, t := range outs {
		vs[i] = Wrap(t)
	}
	return eval.NewList(vs, nil), nil
}

// Call runs a core op with Go arguments and wraps a single output (or a
// list for several).
func Call(in *eval.Interp, op string, pos []any, named map[string]any) (eval.Value, error) {
	outs, err := Runtime(in).CallNamed(op, pos, named)
	if err != nil {
		return nil, err
	}
	if len(outs) == 1 {
		return Wrap(outs[0]), nil
	}
	vs := make([]eval.Value, len(outs))
	for i, t := range outs {
		vs[i] = Wrap(t)
	}
	return eval.NewList(vs, nil), nil
}

// CallR calls a registered builtin (torch_add, ...) with R arguments.
func CallR(in *eval.Interp, name string, args ...eval.Arg) (eval.Value, error) {
	b := eval.LookupBuiltin(name)
	if b == nil {
		return nil, fmt.Errorf("could not find function \"%s\"", name)
	}
	return in.Apply(b, args, nil, nil)
}
