package trace

import (
	"errors"
	"fmt"
	"math"
	"slices"
	"strconv"
	"strings"

	"torchr/tensor"
)

// Compilation units (R torch's jit_compile, PyTorch's
// torch.jit.CompilationUnit): TorchScript functions compiled from source
// text. The source is parsed by the same parser as the code of loaded
// archives, extended with what hand-written straight-line TorchScript
// uses: typed arguments with defaults (Tensor, int, float, bool, str,
// List[int], List[float], List[Tensor], Optional[T]), arithmetic and
// comparison operators with Python's semantics for numbers, tensor methods
// (x.sum(), x.view(-1), x.size(0), x.shape), calls of the unit's other
// functions, int()/float()/len(), tuples and augmented assignment.
// Control flow (if, for, while) is not supported: Compile fails naming the
// line. Problems that PyTorch finds at compile time (syntax, undefined
// names, unknown types) are compile errors naming the line too.
//
// A compiled function runs like a loaded method: called with tensors, it
// is traced per input signature on its first call and then runs the trace
// (a compiled plan, or the dispatcher when gradients are needed). Called
// with numbers or lists, or when its result is not made of tensors or its
// code reads a tensor's value into a number (float(x.sum())), it is
// evaluated through the dispatcher on every call instead, so the result
// never depends on values frozen into a trace.

// Unit is a compilation unit: the functions of one source text, in order.
type Unit struct {
	Functions []*Function
	methods   map[string]*method
}

// Function returns the function called name, or nil.
func (u *Unit) Function(name string) *Function {
	for _, f := range u.Functions {
		if f.Name == name {
			return f
		}
	}
	return nil
}

// lineError is an error at a line of the compiled source.
type lineError struct {
	line int
	err  error
}

func (e *lineError) Error() string { return fmt.Sprintf("line %d: %v", e.line, e.err) }
func (e *lineError) Unwrap() error { return e.err }

// CompileError is the error of Compile: the message names the source line.
type CompileError struct {
	Line int
	Msg  string
}

func (e *CompileError) Error() string { return fmt.Sprintf("line %d: %s", e.Line, e.Msg) }

func compileErr(line int, format string, a ...any) error {
	return &CompileError{line, fmt.Sprintf(format, a...)}
}

// logicalLine is a statement of the source: continuation lines joined,
// comments removed; line is where it starts (from 1).
type logicalLine struct {
	text   string
	indent int
	line   int
}

// unsupportedStmt names the statements that jit_compile does not support.
var unsupportedStmt = map[string]string{
	"if": "`if` statements", "elif": "`elif` branches", "else": "`else` branches", "for": "`for` loops",
	"while": "`while` loops", "with": "`with` statements", "try": "`try` statements", "except": "`except` clauses",
	"finally": "`finally` clauses", "raise": "`raise` statements", "assert": "`assert` statements",
	"break": "`break`", "continue": "`continue`", "del": "`del` statements", "global": "`global` declarations",
	"nonlocal": "`nonlocal` declarations", "import": "`import` statements", "from": "`from ... import` statements",
	"class": "classes", "def": "nested functions", "async": "`async` functions", "yield": "`yield`", "lambda": "lambdas",
}

// Compile compiles TorchScript source text: top-level `def` functions of
// straight-line code. Errors name the line of the source (from 1).
func Compile(src string) (*Unit, error) {
	lines, err := logicalLines(src)
	if err != nil {
		return nil, err
	}
	if len(lines) == 0 {
		return &Unit{methods: map[string]*method{}}, nil
	}
	u := &Unit{methods: map[string]*method{}}
	base := lines[0].indent
	var order []*method
	for k := 0; k < len(lines); {
		l := lines[k]
		k++
		if l.indent != base {
			return nil, compileErr(l.line, "unexpected indentation")
		}
		kw := firstWord(l.text)
		if kw != "def" {
			if what, ok := unsupportedStmt[kw]; ok {
				return nil, compileErr(l.line, "%s are not supported by jit_compile at the top level: the source can only define functions (def)", what)
			}
			return nil, compileErr(l.line, "expected a function definition (def), got `%s`", l.text)
		}
		header, rest, err := splitDef(l.text)
		if err != nil {
			return nil, compileErr(l.line, "%v", err)
		}
		m, err := parseSig(header, false)
		if err != nil {
			return nil, compileErr(l.line, "%v", err)
		}
		m.line = l.line
		for i, t := range m.types {
			if !knownType(t) {
				return nil, compileErr(l.line, "unknown type annotation '%s' of argument '%s' (jit_compile supports Tensor, int, float, bool, str, List[int], List[float], List[Tensor] and Optional[...] of them)", t, m.params[i])
			}
		}
		if _, dup := u.methods[m.name]; dup {
			return nil, compileErr(l.line, "function '%s' is defined twice", m.name)
		}
		var body []logicalLine
		if rest != "" {
			body = append(body, logicalLine{rest, base + 1, l.line})
		}
		for k < len(lines) && lines[k].indent > base {
			body = append(body, lines[k])
			k++
		}
		if len(body) == 0 {
			return nil, compileErr(l.line, "function '%s' has no body", m.name)
		}
		ind := body[0].indent
		for _, b := range body {
			if b.indent > ind {
				return nil, compileErr(b.line, "unexpected indentation")
			}
			if b.indent < ind {
				return nil, compileErr(b.line, "unindent does not match any outer indentation level")
			}
			kw := firstWord(b.text)
			if what, ok := unsupportedStmt[kw]; ok {
				return nil, compileErr(b.line, "%s are not supported by jit_compile: a function can only hold assignments, expressions and return (no control flow)", what)
			}
			if b.text == "pass" || isStringLiteral(b.text) {
				continue // a docstring
			}
			s, err := parseStmt(b.text)
			if err != nil {
				return nil, compileErr(b.line, "%v", err)
			}
			s.line = b.line
			m.body = append(m.body, s)
		}
		u.methods[m.name] = m
		order = append(order, m)
	}
	for _, m := range order {
		if err := checkNames(u, m); err != nil {
			return nil, err
		}
		u.Functions = append(u.Functions, &Function{Name: m.name, loaded: &loadedMethod{meth: m, unit: u}})
	}
	return u, nil
}

// logicalLines splits the source into statements: comments removed, lines
// inside brackets or after a backslash joined, blank lines dropped.
func logicalLines(src string) ([]logicalLine, error) {
	raw := strings.Split(strings.ReplaceAll(src, "\r\n", "\n"), "\n")
	var out []logicalLine
	for i := 0; i < len(raw); i++ {
		text, err := stripComment(raw[i])
		if err != nil {
			return nil, compileErr(i+1, "%v", err)
		}
		if strings.TrimSpace(text) == "" {
			continue
		}
		start := i
		ind := indentWidth(text)
		text = strings.TrimSpace(text)
		for {
			depth := bracketDepth(text)
			cont := strings.HasSuffix(text, "\\")
			if depth < 0 {
				return nil, compileErr(start+1, "unbalanced closing bracket")
			}
			if depth == 0 && !cont {
				break
			}
			if i+1 >= len(raw) {
				return nil, compileErr(start+1, "unexpected end of source: unclosed bracket")
			}
			i++
			next, err := stripComment(raw[i])
			if err != nil {
				return nil, compileErr(i+1, "%v", err)
			}
			text = strings.TrimSuffix(text, "\\") + " " + strings.TrimSpace(next)
		}
		out = append(out, logicalLine{text, ind, start + 1})
	}
	return out, nil
}

// stripComment removes a # comment outside string literals.
func stripComment(s string) (string, error) {
	var q byte
	for i := 0; i < len(s); i++ {
		c := s[i]
		switch {
		case q != 0 && c == '\\':
			i++
		case q != 0 && c == q:
			q = 0
		case q != 0:
		case c == '"' || c == '\'':
			if strings.HasPrefix(s[i:], `"""`) || strings.HasPrefix(s[i:], "'''") {
				if strings.Count(s[i:], s[i:i+3]) < 2 {
					return "", errors.New("multi-line string literals are not supported")
				}
			}
			q = c
		case c == '#':
			return s[:i], nil
		}
	}
	return s, nil
}

// indentWidth is the width of the leading white space (tabs to multiples of 8, as Python).
func indentWidth(s string) int {
	w := 0
	for _, c := range s {
		switch c {
		case ' ':
			w++
		case '\t':
			w = (w/8 + 1) * 8
		default:
			return w
		}
	}
	return w
}

// bracketDepth is the nesting depth of brackets open at the end of s.
func bracketDepth(s string) int {
	depth := 0
	var q byte
	for i := 0; i < len(s); i++ {
		c := s[i]
		switch {
		case q != 0 && c == '\\':
			i++
		case q != 0 && c == q:
			q = 0
		case q != 0:
		case c == '"' || c == '\'':
			q = c
		case c == '(' || c == '[' || c == '{':
			depth++
		case c == ')' || c == ']' || c == '}':
			depth--
		}
	}
	return depth
}

func firstWord(s string) string {
	end := 0
	for end < len(s) && (s[end] == '_' || s[end] >= 'a' && s[end] <= 'z' || s[end] >= 'A' && s[end] <= 'Z' || end > 0 && s[end] >= '0' && s[end] <= '9') {
		end++
	}
	return s[:end]
}

func isStringLiteral(s string) bool {
	if len(s) < 2 || (s[0] != '"' && s[0] != '\'') {
		return false
	}
	toks, err := tokenize(s)
	return err == nil && len(toks) == 1
}

// splitDef splits "def f(x) -> T: body" into the header (up to the colon)
// and the statement after it, if any.
func splitDef(s string) (string, string, error) {
	open := strings.IndexByte(s, '(')
	if open < 0 {
		return "", "", errors.New("expected ( after the function name")
	}
	depth := 0
	for i := open; i < len(s); i++ {
		switch s[i] {
		case '(', '[':
			depth++
		case ')', ']':
			depth--
		case ':':
			if depth == 0 {
				return s[:i+1], strings.TrimSpace(s[i+1:]), nil
			}
		}
	}
	return "", "", errors.New("expected : at the end of the def line")
}

// knownType reports a type annotation jit_compile's functions accept.
func knownType(t string) bool {
	t = strings.ReplaceAll(t, " ", "")
	if strings.HasPrefix(t, "Optional[") && strings.HasSuffix(t, "]") {
		t = t[len("Optional[") : len(t)-1]
	}
	switch t {
	case "", "Tensor", "torch.Tensor", "int", "float", "bool", "str", "List[int]", "List[float]", "List[Tensor]", "List[torch.Tensor]":
		return true
	}
	return false
}

// scriptBuiltins are the Python builtins compiled code may call.
var scriptBuiltins = map[string]bool{"int": true, "float": true, "bool": true, "len": true, "abs": true, "min": true, "max": true}

// checkNames finds names used before they are assigned and calls of
// unknown functions (PyTorch's "undefined value x" at compile time).
func checkNames(u *Unit, m *method) error {
	defined := map[string]bool{}
	for _, p := range m.params {
		defined[p] = true
	}
	var check func(e *expr, line int) error
	check = func(e *expr, line int) error {
		if e == nil {
			return nil
		}
		switch e.kind {
		case eName:
			if !defined[e.name] {
				return compileErr(line, "undefined value %s", e.name)
			}
			return nil
		case eConst:
			return compileErr(line, "undefined value CONSTANTS")
		case eAttr:
			if root := e.x; root.kind == eName && root.name == "torch" {
				return nil
			}
			return check(e.x, line)
		case eCall:
			switch f := e.x; {
			case f.kind == eName && !defined[f.name]:
				if u.methods[f.name] == nil && !scriptBuiltins[f.name] {
					return compileErr(line, "undefined value %s", f.name)
				}
			case f.kind == eAttr && (f.x.kind == eName && f.x.name == "torch" || isFunctional(f.x)):
			default:
				if err := check(f, line); err != nil {
					return err
				}
			}
		default:
			if err := check(e.x, line); err != nil {
				return err
			}
		}
		for _, a := range e.args {
			if err := check(a, line); err != nil {
				return err
			}
		}
		return nil
	}
	for _, d := range m.defaults {
		if d == nil {
			continue
		}
		if err := check(d, m.line); err != nil {
			return err
		}
	}
	for _, s := range m.body {
		if s.aug != "" && !defined[s.targets[0]] {
			return compileErr(s.line, "undefined value %s", s.targets[0])
		}
		if err := check(s.e, s.line); err != nil {
			return err
		}
		for _, t := range s.targets {
			defined[t] = true
		}
	}
	return nil
}

// isFunctional reports the expression torch.nn.functional.
func isFunctional(e *expr) bool {
	return e.kind == eAttr && e.name == "functional" && e.x.kind == eAttr && e.x.name == "nn" &&
		e.x.x.kind == eName && e.x.x.name == "torch"
}

// ---- calling ----

// Param is a declared parameter of a compiled function.
type Param struct {
	Name string
	Type string // as written ("Tensor" when not annotated)
}

// Compiled reports whether f is a function of a compilation unit.
func (f *Function) Compiled() bool { return f.loaded != nil && f.loaded.meth.free }

// Params are the function's parameters (self excluded).
func (f *Function) Params() []Param {
	if f.loaded == nil {
		ps := make([]Param, len(f.inputs))
		for i := range ps {
			ps[i] = Param{Name: fmt.Sprintf("input%d", i+1), Type: "Tensor"}
		}
		return ps
	}
	m := f.loaded.meth
	ps := make([]Param, len(m.params))
	for i, p := range m.params {
		t := ""
		if i < len(m.types) {
			t = m.types[i]
		}
		if t == "" {
			t = "Tensor"
		}
		ps[i] = Param{p, t}
	}
	return ps
}

// Call calls a compiled function with positional and named arguments:
// missing arguments take their defaults, and each is checked against its
// declared type (ints are accepted for float and List[float]).
func (f *Function) Call(rt *tensor.Runtime, pos []any, named map[string]any) (any, error) {
	if f.loaded == nil || !f.loaded.meth.free {
		if len(named) > 0 {
			return nil, fmt.Errorf("%s() takes no named arguments", f.Name)
		}
		return f.Run(rt, nil, pos...)
	}
	args, err := f.loaded.meth.bind(pos, named)
	if err != nil {
		return nil, err
	}
	return f.Run(rt, nil, args...)
}

// declaration is the function's schema as PyTorch prints it in errors:
// fn(Tensor x, int n=2) -> Tensor.
func (m *method) declaration() string {
	parts := make([]string, len(m.params))
	for i, p := range m.params {
		t := "Tensor"
		if i < len(m.types) && m.types[i] != "" {
			t = schemaType(m.types[i])
		}
		parts[i] = t + " " + p
		if i < len(m.defaults) && m.defaults[i] != nil {
			parts[i] += "=" + exprCode(m.defaults[i], false)
		}
	}
	s := m.name + "(" + strings.Join(parts, ", ") + ")"
	if m.ret != "" {
		s += " -> " + schemaType(m.ret)
	}
	return s
}

// schemaType is a type as schemas write it (List[int] is int[]).
func schemaType(t string) string {
	t = strings.ReplaceAll(strings.ReplaceAll(t, " ", ""), "torch.Tensor", "Tensor")
	if strings.HasPrefix(t, "Optional[") && strings.HasSuffix(t, "]") {
		return schemaType(t[len("Optional["):len(t)-1]) + "?"
	}
	if strings.HasPrefix(t, "List[") && strings.HasSuffix(t, "]") {
		return schemaType(t[len("List["):len(t)-1]) + "[]"
	}
	return t
}

// bind orders the arguments of a call by parameter, evaluates missing
// ones' defaults and checks the types (PyTorch's messages).
func (m *method) bind(pos []any, named map[string]any) ([]any, error) {
	if len(pos) > len(m.params) {
		return nil, fmt.Errorf("%s() expected at most %d argument(s) but received %d argument(s). Declaration: %s", m.name, len(m.params), len(pos), m.declaration())
	}
	args := make([]any, len(m.params))
	set := make([]bool, len(m.params))
	for i, a := range pos {
		args[i], set[i] = a, true
	}
	for k, v := range named {
		i := slices.Index(m.params, k)
		if i < 0 {
			return nil, fmt.Errorf("Unknown keyword argument '%s' for operator '%s'. Schema: %s", k, m.name, m.declaration())
		}
		if set[i] {
			return nil, fmt.Errorf("Argument '%s' specified both as positional and keyword argument. Schema: %s", k, m.declaration())
		}
		args[i], set[i] = v, true
	}
	for i, p := range m.params {
		if !set[i] {
			if i >= len(m.defaults) || m.defaults[i] == nil {
				return nil, fmt.Errorf("%s() is missing value for argument '%s'. Declaration: %s", m.name, p, m.declaration())
			}
			v, err := defaultValue(m.defaults[i])
			if err != nil {
				return nil, fmt.Errorf("default of argument '%s': %v", p, err)
			}
			args[i] = v
		}
		t := "Tensor"
		if i < len(m.types) && m.types[i] != "" {
			t = m.types[i]
		}
		v, ok := conform(args[i], strings.ReplaceAll(strings.ReplaceAll(t, " ", ""), "torch.Tensor", "Tensor"))
		if !ok {
			return nil, fmt.Errorf("%s() Expected a value of type '%s' for argument '%s' but instead found type '%s'.\nDeclaration: %s",
				m.name, strings.ReplaceAll(t, "torch.Tensor", "Tensor"), p, typeName(args[i]), m.declaration())
		}
		args[i] = v
	}
	return args, nil
}

// defaultValue evaluates a default: a literal, a negated literal, a list or tuple of them.
func defaultValue(e *expr) (any, error) {
	switch e.kind {
	case eLit:
		return e.lit, nil
	case eList, eTuple:
		vals := make([]any, len(e.args))
		ints, floats := true, true
		for i, a := range e.args {
			v, err := defaultValue(a)
			if err != nil {
				return nil, err
			}
			vals[i] = v
			_, isInt := v.(int)
			_, isFloat := v.(float64)
			ints, floats = ints && isInt, floats && (isFloat || isInt)
		}
		switch {
		case e.kind == eTuple:
			return Tuple(vals), nil
		case ints:
			out := make([]int, len(vals))
			for i, v := range vals {
				out[i] = v.(int)
			}
			return out, nil
		case floats:
			out := make([]float64, len(vals))
			for i, v := range vals {
				out[i], _ = toFloat(v)
			}
			return out, nil
		}
		return List(vals), nil
	}
	return nil, errors.New("a default must be a constant")
}

// conform checks v against a declared type, converting where TorchScript
// does (an int for a float).
func conform(v any, t string) (any, bool) {
	if strings.HasPrefix(t, "Optional[") && strings.HasSuffix(t, "]") {
		if v == nil {
			return nil, true
		}
		t = t[len("Optional[") : len(t)-1]
	}
	switch t {
	case "", "Tensor":
		x, ok := v.(*tensor.Tensor)
		return v, ok && x != nil
	case "int":
		_, ok := v.(int)
		return v, ok
	case "float":
		switch x := v.(type) {
		case float64:
			return x, true
		case int:
			return float64(x), true
		}
	case "bool":
		_, ok := v.(bool)
		return v, ok
	case "str":
		_, ok := v.(string)
		return v, ok
	case "List[int]":
		switch x := v.(type) {
		case []int:
			return x, true
		case int:
			return []int{x}, true
		}
	case "List[float]":
		switch x := v.(type) {
		case []float64:
			return x, true
		case []int:
			out := make([]float64, len(x))
			for i, e := range x {
				out[i] = float64(e)
			}
			return out, true
		case float64:
			return []float64{x}, true
		}
	case "List[Tensor]":
		switch x := v.(type) {
		case []*tensor.Tensor:
			return List(anys(x)), true
		case List:
			for _, e := range x {
				if _, ok := e.(*tensor.Tensor); !ok {
					return nil, false
				}
			}
			return x, true
		}
	}
	return nil, false
}

func anys(ts []*tensor.Tensor) []any {
	out := make([]any, len(ts))
	for i, t := range ts {
		out[i] = t
	}
	return out
}

// typeName is the TorchScript type of a value, for errors.
func typeName(v any) string {
	switch x := v.(type) {
	case *tensor.Tensor:
		return "Tensor"
	case int:
		return "int"
	case float64:
		return "float"
	case bool:
		return "bool"
	case string:
		return "str"
	case nil:
		return "NoneType"
	case []int:
		return "List[int]"
	case []float64:
		return "List[float]"
	case []*tensor.Tensor:
		return "List[Tensor]"
	case Tuple:
		parts := make([]string, len(x))
		for i, e := range x {
			parts[i] = typeName(e)
		}
		return "Tuple[" + strings.Join(parts, ", ") + "]"
	case List:
		if len(x) > 0 {
			return "List[" + typeName(x[0]) + "]"
		}
		return "List[Tensor]"
	case Dict:
		return "Dict[str, Tensor]"
	case modRef:
		return "module"
	}
	return fmt.Sprintf("%T", v)
}

// ---- operators ----

// number converts an int, float or bool to float64, reporting whether it
// is integral (int or bool).
func number(v any) (f float64, isInt, ok bool) {
	switch x := v.(type) {
	case int:
		return float64(x), true, true
	case bool:
		if x {
			return 1, true, true
		}
		return 0, true, true
	case float64:
		return x, false, true
	}
	return 0, false, false
}

func toFloat(v any) (float64, bool) {
	f, _, ok := number(v)
	return f, ok
}

var tensorOps = map[string]string{"+": "add", "-": "sub", "*": "mul", "/": "div", "%": "remainder", "**": "pow",
	"@": "matmul", "<": "lt", ">": "gt", "<=": "le", ">=": "ge", "==": "eq", "!=": "ne"}

// mirrored are the comparisons with their operands swapped.
var mirrored = map[string]string{"<": ">", ">": "<", "<=": ">=", ">=": "<=", "==": "==", "!=": "!="}

// binop applies a binary operator: to tensors as the aten op TorchScript
// calls, to numbers with Python's semantics.
func binop(rt *tensor.Runtime, op string, a, b any) (any, error) {
	_, aT := a.(*tensor.Tensor)
	_, bT := b.(*tensor.Tensor)
	if aT || bT {
		if !aT {
			if _, _, ok := number(a); !ok {
				return nil, fmt.Errorf("unsupported operand types for %s: '%s' and 'Tensor'", op, typeName(a))
			}
			switch op {
			case "+", "*":
				a, b = b, a
			case "-":
				return callOp(rt, "rsub", []any{b, a}, nil)
			case "<", ">", "<=", ">=", "==", "!=":
				a, b, op = b, a, mirrored[op]
			default:
				a = scalarTensor(a)
			}
		} else if !bT {
			if _, _, ok := number(b); !ok {
				return nil, fmt.Errorf("unsupported operand types for %s: 'Tensor' and '%s'", op, typeName(b))
			}
		}
		if op == "//" {
			return callOp(rt, "div", []any{a, b}, map[string]any{"rounding_mode": "floor"})
		}
		name, ok := tensorOps[op]
		if !ok {
			return nil, fmt.Errorf("unsupported operator %s for tensors", op)
		}
		return callOp(rt, name, []any{a, b}, nil)
	}
	if la, ok := a.([]int); ok && op == "+" {
		if lb, ok := b.([]int); ok {
			return append(append([]int{}, la...), lb...), nil
		}
	}
	x, xi, okA := number(a)
	y, yi, okB := number(b)
	if !okA || !okB {
		if op == "==" || op == "!=" {
			if sa, ok := a.(string); ok {
				if sb, ok := b.(string); ok {
					return (sa == sb) == (op == "=="), nil
				}
			}
		}
		return nil, fmt.Errorf("unsupported operand types for %s: '%s' and '%s'", op, typeName(a), typeName(b))
	}
	ints := xi && yi
	switch op {
	case "<":
		return x < y, nil
	case ">":
		return x > y, nil
	case "<=":
		return x <= y, nil
	case ">=":
		return x >= y, nil
	case "==":
		return x == y, nil
	case "!=":
		return x != y, nil
	case "/":
		if y == 0 {
			return nil, errors.New("ZeroDivisionError: division by zero")
		}
		return x / y, nil
	}
	if ints {
		i, j := int(x), int(y)
		switch op {
		case "+":
			return i + j, nil
		case "-":
			return i - j, nil
		case "*":
			return i * j, nil
		case "//", "%":
			if j == 0 {
				return nil, errors.New("ZeroDivisionError: integer division or modulo by zero")
			}
			q := i / j
			if (i%j != 0) && ((i < 0) != (j < 0)) {
				q--
			}
			if op == "//" {
				return q, nil
			}
			return i - q*j, nil
		case "**":
			return math.Pow(x, y), nil // TorchScript's pow(int, int) -> float
		}
	} else {
		switch op {
		case "+":
			return x + y, nil
		case "-":
			return x - y, nil
		case "*":
			return x * y, nil
		case "//":
			if y == 0 {
				return nil, errors.New("ZeroDivisionError: float divmod()")
			}
			return math.Floor(x / y), nil
		case "%":
			if y == 0 {
				return nil, errors.New("ZeroDivisionError: float modulo")
			}
			return pyMod(x, y), nil
		case "**":
			return math.Pow(x, y), nil
		}
	}
	return nil, fmt.Errorf("unsupported operand types for %s: '%s' and '%s'", op, typeName(a), typeName(b))
}

func pyMod(a, b float64) float64 {
	m := math.Mod(a, b)
	if m != 0 && (m < 0) != (b < 0) {
		m += b
	}
	return m
}

// scalarTensor wraps a number as a 0-dim tensor (which, like a Python
// number, does not raise a tensor's dtype within its category).
func scalarTensor(v any) *tensor.Tensor {
	switch x := v.(type) {
	case int:
		return tensor.ScalarTensor(float64(x), tensor.Int64)
	case bool:
		f := 0.0
		if x {
			f = 1
		}
		return tensor.ScalarTensor(f, tensor.Bool)
	}
	f, _ := toFloat(v)
	return tensor.ScalarTensor(f, tensor.Float64)
}

func unop(rt *tensor.Runtime, op string, a any) (any, error) {
	if t, ok := a.(*tensor.Tensor); ok {
		switch op {
		case "-":
			return callOp(rt, "neg", []any{t}, nil)
		case "~":
			return callOp(rt, "bitwise_not", []any{t}, nil)
		}
	}
	switch x := a.(type) {
	case int:
		if op == "-" {
			return -x, nil
		}
		return ^x, nil
	case float64:
		if op == "-" {
			return -x, nil
		}
	case bool:
		i := 0
		if x {
			i = 1
		}
		if op == "-" {
			return -i, nil
		}
		return ^i, nil
	}
	return nil, fmt.Errorf("bad operand type for unary %s: '%s'", op, typeName(a))
}

// augment is x op= v: in place for a tensor (as TorchScript), else x op v.
func augment(rt *tensor.Runtime, op string, x, v any) (any, error) {
	if t, ok := x.(*tensor.Tensor); ok {
		if name, ok := map[string]string{"+": "add_", "-": "sub_", "*": "mul_", "/": "div_"}[op]; ok {
			if _, _, isNum := number(v); isNum || isTensor(v) {
				return callOp(rt, name, []any{t, v}, nil)
			}
		}
	}
	return binop(rt, op, x, v)
}

func isTensor(v any) bool { _, ok := v.(*tensor.Tensor); return ok }

// tensorAttr reads x.shape and the like.
func tensorAttr(t *tensor.Tensor, name string) (any, error) {
	switch name {
	case "shape":
		return append([]int(nil), t.Shape()...), nil
	case "ndim":
		return t.Dim(), nil
	case "requires_grad":
		return t.RequiresGrad(), nil
	}
	return nil, fmt.Errorf("unsupported tensor attribute '%s'", name)
}

// listMethods take their sizes as varargs (x.view(2, 3)) or as one list.
var listMethods = map[string]bool{"view": true, "reshape": true, "permute": true, "expand": true, "repeat": true, "flip": true}

// tensorMethod calls x.name(args): the aten op with x first.
func tensorMethod(rt *tensor.Runtime, t *tensor.Tensor, name string, pos []any, named map[string]any) (any, error) {
	switch name {
	case "size":
		if len(pos) == 0 && len(named) == 0 {
			return append([]int(nil), t.Shape()...), nil
		}
	case "dim":
		if len(pos) == 0 {
			return t.Dim(), nil
		}
	case "numel":
		if len(pos) == 0 {
			n := 1
			for _, s := range t.Shape() {
				n *= s
			}
			return n, nil
		}
	case "item":
		if len(pos) == 0 {
			rt.ReadValue(t, "item")
			v, err := t.Item()
			if err != nil {
				return nil, err
			}
			if t.DType().IsFloat() {
				return v, nil
			}
			if t.DType() == tensor.Bool {
				return v != 0, nil
			}
			return int(v), nil
		}
	}
	if listMethods[name] && len(pos) > 0 {
		ints := make([]int, 0, len(pos))
		for _, p := range pos {
			if i, ok := p.(int); ok {
				ints = append(ints, i)
			}
		}
		if len(ints) == len(pos) {
			pos = []any{ints}
		}
	}
	return callOp(rt, name, append([]any{t}, pos...), named)
}

// builtinCall calls int(), float(), bool(), len(), abs(), min(), max().
func builtinCall(rt *tensor.Runtime, name string, pos []any, named map[string]any) (any, error) {
	if len(named) > 0 {
		return nil, fmt.Errorf("%s() takes no keyword arguments", name)
	}
	one := func() (any, error) {
		if len(pos) != 1 {
			return nil, fmt.Errorf("%s() takes exactly one argument (%d given)", name, len(pos))
		}
		if t, ok := pos[0].(*tensor.Tensor); ok && name != "len" && name != "abs" {
			rt.ReadValue(t, name)
			v, err := t.Item()
			if err != nil {
				return nil, err
			}
			return v, nil
		}
		return pos[0], nil
	}
	switch name {
	case "int", "float", "bool":
		v, err := one()
		if err != nil {
			return nil, err
		}
		f, _, ok := number(v)
		if !ok {
			return nil, fmt.Errorf("%s() of a %s is not supported", name, typeName(v))
		}
		switch name {
		case "int":
			return int(f), nil
		case "float":
			return f, nil
		}
		return f != 0, nil
	case "len":
		v, err := one()
		if err != nil {
			return nil, err
		}
		switch x := v.(type) {
		case []int:
			return len(x), nil
		case []float64:
			return len(x), nil
		case []*tensor.Tensor:
			return len(x), nil
		case List:
			return len(x), nil
		case Tuple:
			return len(x), nil
		case string:
			return len(x), nil
		case *tensor.Tensor:
			if x.Dim() == 0 {
				return nil, errors.New("len() of a 0-d tensor")
			}
			return x.Shape()[0], nil
		}
		return nil, fmt.Errorf("object of type '%s' has no len()", typeName(v))
	case "abs":
		v, err := one()
		if err != nil {
			return nil, err
		}
		if t, ok := v.(*tensor.Tensor); ok {
			return callOp(rt, "abs", []any{t}, nil)
		}
		return unopAbs(v)
	case "min", "max":
		if len(pos) != 2 {
			return nil, fmt.Errorf("%s() of %d arguments is not supported (give two numbers)", name, len(pos))
		}
		less, err := binop(rt, "<", pos[0], pos[1])
		if err != nil {
			return nil, err
		}
		if b, ok := less.(bool); ok {
			if b == (name == "min") {
				return pos[0], nil
			}
			return pos[1], nil
		}
		return nil, fmt.Errorf("%s() of tensors is not supported: use torch.%s", name, map[string]string{"min": "minimum", "max": "maximum"}[name])
	}
	return nil, fmt.Errorf("undefined value %s", name)
}

func unopAbs(v any) (any, error) {
	switch x := v.(type) {
	case int:
		if x < 0 {
			return -x, nil
		}
		return x, nil
	case float64:
		return math.Abs(x), nil
	}
	return nil, fmt.Errorf("bad operand type for abs(): '%s'", typeName(v))
}

// ---- printing ----

// freeCode prints a compiled function's code.
func (m *method) freeCode() string {
	var b strings.Builder
	fmt.Fprintf(&b, "def %s(", m.name)
	for i, p := range m.params {
		if i > 0 {
			b.WriteString(",\n    ")
		}
		t := "Tensor"
		if i < len(m.types) && m.types[i] != "" {
			t = m.types[i]
		}
		b.WriteString(p + ": " + t)
		if i < len(m.defaults) && m.defaults[i] != nil {
			b.WriteString("=" + exprCode(m.defaults[i], false))
		}
	}
	b.WriteString(")")
	if m.ret != "" {
		b.WriteString(" -> " + m.ret)
	}
	b.WriteString(":\n")
	writeBody(&b, m.body)
	return b.String()
}

func writeBody(b *strings.Builder, body []*stmt) {
	for _, s := range body {
		b.WriteString("  ")
		switch {
		case s.ret:
			b.WriteString("return " + exprCode(s.e, true))
		case s.aug != "":
			b.WriteString(s.targets[0] + " " + s.aug + "= " + exprCode(s.e, true))
		case len(s.targets) == 0:
			b.WriteString(exprCode(s.e, true))
		default:
			b.WriteString(strings.Join(s.targets, ", "))
			b.WriteString(" = ")
			b.WriteString(exprCode(s.e, true))
		}
		b.WriteByte('\n')
	}
}

// opCode prints an operand of a binary or unary operator, parenthesized
// when it is itself an operation.
func opCode(e *expr) string {
	s := exprCode(e, false)
	if e.kind == eBin || e.kind == eUnary {
		return "(" + s + ")"
	}
	return s
}

// floatLit prints a float literal as Python reads it back.
func floatLit(v float64) string {
	s := strconv.FormatFloat(v, 'g', -1, 64)
	if !strings.ContainsAny(s, ".eEn") {
		s += "."
	}
	return s
}
