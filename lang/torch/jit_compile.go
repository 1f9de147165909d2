package torch

// jit_compile (R torch's R/jit-compile.R, R/compilation_unit.R): TorchScript
// source compiled by trace.Compile into a compilation unit whose functions
// are script_functions, called with R values converted by their declared
// types.

import (
	"errors"
	"fmt"
	"math"
	"slices"
	"strings"

	"torchr/lang/eval"
	"torchr/trace"
)

// CompilationUnit is the value of jit_compile (class torch_compilation_unit).
type CompilationUnit struct {
	u *trace.Unit
}

func (c *CompilationUnit) TypeName() string { return "externalptr" }
func (c *CompilationUnit) Class() []string  { return []string{"torch_compilation_unit"} }

// PrintText prints as R torch (which writes no newline after it; one is
// added so that what follows starts on its own line).
func (c *CompilationUnit) PrintText(in *eval.Interp) (string, error) {
	return "<torch_compilation_unit>\n", nil
}

// Dollar gives the unit's function called name (NULL for other names).
func (c *CompilationUnit) Dollar(in *eval.Interp, name string) (eval.Value, error) {
	if f := c.u.Function(name); f != nil {
		return &ScriptFunction{fn: f}, nil
	}
	return eval.Null, nil
}

// DollarNames are the function names, sorted (R torch's .DollarNames).
func (c *CompilationUnit) DollarNames() []string {
	var names []string
	for _, f := range c.u.Functions {
		names = append(names, f.Name)
	}
	slices.Sort(names)
	return names
}

// callCompiled calls a compiled function with R arguments: each converted
// by the declared type of the parameter it binds to.
func callCompiled(in *eval.Interp, fn *trace.Function, args []eval.Arg) (eval.Value, error) {
	params := fn.Params()
	typeOf := func(i int, name string) string {
		if name != "" {
			for _, p := range params {
				if p.Name == name {
					return p.Type
				}
			}
			return ""
		}
		if i < len(params) {
			return params[i].Type
		}
		return ""
	}
	var pos []any
	var named map[string]any
	for _, a := range args {
		v, err := scriptArg(a.Value, typeOf(len(pos), a.Name))
		if err != nil {
			return nil, err
		}
		if a.Name != "" {
			if named == nil {
				named = map[string]any{}
			}
			named[a.Name] = v
		} else {
			pos = append(pos, v)
		}
	}
	out, err := fn.Call(Runtime(in), pos, named)
	if err != nil {
		return nil, err
	}
	return fromScript(out), nil
}

// scriptArg converts an R value for a parameter of TorchScript type typ:
// tensors (and lists of them) as for traced functions, numbers as int
// where the type wants ints and they are whole, else as float, logical as
// bool, character as str, NULL as None. A value of the wrong kind is
// converted as it is, for the call's type error.
func scriptArg(v eval.Value, typ string) (any, error) {
	typ = strings.ReplaceAll(typ, " ", "")
	if strings.HasPrefix(typ, "Optional[") && strings.HasSuffix(typ, "]") {
		typ = typ[len("Optional[") : len(typ)-1]
	}
	wantInt := typ == "int" || typ == "List[int]"
	wantList := strings.HasPrefix(typ, "List[")
	scalar := func(n int) bool { return n == 1 && !wantList }
	switch x := v.(type) {
	case *Tensor, *eval.List:
		return traceInput(v)
	case *eval.NullType:
		return nil, nil
	case *eval.Double:
		if slices.ContainsFunc(x.V, math.IsNaN) {
			return nil, errors.New("NA or NaN cannot be passed to a TorchScript function")
		}
		whole := !slices.ContainsFunc(x.V, func(f float64) bool { return f != math.Trunc(f) || math.Abs(f) > 1<<53 })
		if wantInt && whole {
			ints := make([]int, len(x.V))
			for i, f := range x.V {
				ints[i] = int(f)
			}
			if scalar(len(ints)) {
				return ints[0], nil
			}
			return ints, nil
		}
		if scalar(len(x.V)) {
			return x.V[0], nil
		}
		return slices.Clone(x.V), nil
	case *eval.Integer:
		if slices.Contains(x.V, eval.NAInt) {
			return nil, errors.New("NA cannot be passed to a TorchScript function")
		}
		if typ == "float" || typ == "List[float]" {
			fs := make([]float64, len(x.V))
			for i, e := range x.V {
				fs[i] = float64(e)
			}
			if scalar(len(fs)) {
				return fs[0], nil
			}
			return fs, nil
		}
		ints := make([]int, len(x.V))
		for i, e := range x.V {
			ints[i] = int(e)
		}
		if scalar(len(ints)) {
			return ints[0], nil
		}
		return ints, nil
	case *eval.Logical:
		if len(x.V) == 1 && x.V[0] != eval.NALogical {
			return x.V[0] != 0, nil
		}
	case *eval.Character:
		if len(x.V) == 1 {
			return x.V[0], nil
		}
	}
	return nil, fmt.Errorf("cannot pass a %s to a TorchScript function", deparseValue(v))
}

// fromScript converts a compiled function's result to R: tensors and
// structures as traced results, numbers as R vectors.
func fromScript(v any) eval.Value {
	switch x := v.(type) {
	case int:
		return eval.NewInt1(int32(x))
	case float64:
		return eval.NewDouble1(x)
	case bool:
		if x {
			return eval.NewLgl1(1)
		}
		return eval.NewLgl1(0)
	case string:
		return eval.NewStr1(x)
	case []int:
		out := make([]int32, len(x))
		for i, e := range x {
			out[i] = int32(e)
		}
		return eval.NewInt(out)
	case []float64:
		return eval.NewDouble(slices.Clone(x))
	case trace.Tuple:
		return scriptList(x)
	case trace.List:
		return scriptList(x)
	}
	return fromTrace(v)
}

func scriptList(xs []any) eval.Value {
	vals := make([]eval.Value, len(xs))
	for i, e := range xs {
		vals[i] = fromScript(e)
	}
	return eval.NewList(vals, nil)
}

func init() {
	eval.RegisterAll(
		&eval.Builtin{Name: "jit_compile", Formals: []string{"source"}, Fn: func(c *eval.Frame, a []eval.Value) (eval.Value, error) {
			src, ok := str1(a[0])
			if !ok {
				return nil, errors.New("`source` must be a character string holding TorchScript code")
			}
			u, err := trace.Compile(src)
			if err != nil {
				return nil, err
			}
			return &CompilationUnit{u: u}, nil
		}},
	)
}
