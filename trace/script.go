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
// archives, extended with what hand-written TorchScript uses: typed
// arguments with defaults (Tensor, int, float, bool, str, List[int],
// List[float], List[Tensor], Optional[T]), arithmetic and comparison
// operators with Python's semantics for numbers, tensor methods (x.sum(),
// x.view(-1), x.size(0), x.shape), calls of the unit's other functions,
// int()/float()/len()/range(), tuples, augmented assignment, and if/elif/
// else, for and while with break and continue. Other statements (with,
// try, raise, nested functions) fail to compile naming the line, as do the
// problems PyTorch finds at compile time (syntax, undefined names, unknown
// types).
//
// A compiled function runs like a loaded method: called with tensors, it
// is traced per input signature on its first call and then runs the trace
// (a compiled plan, or the dispatcher when gradients are needed); loops and
// branches on sizes are unrolled into the trace of each signature. Called
// with numbers or lists, or when its result is not made of tensors or its
// code reads a tensor's value (float(x.sum()), a condition on a tensor), it
// is evaluated through the dispatcher on every call instead, so the result
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

// stmtNames names statements for errors.
var stmtNames = map[string]string{
	"if": "`if` statements", "elif": "`elif` branches", "else": "`else` branches", "for": "`for` loops",
	"while": "`while` loops", "with": "`with` statements", "try": "`try` statements", "except": "`except` clauses",
	"finally": "`finally` clauses", "raise": "`raise` statements", "assert": "`assert` statements",
	"break": "`break`", "continue": "`continue`", "del": "`del` statements", "global": "`global` declarations",
	"nonlocal": "`nonlocal` declarations", "import": "`import` statements", "from": "`from ... import` statements",
	"class": "classes", "def": "nested functions", "async": "`async` functions", "yield": "`yield`", "lambda": "lambdas",
}

// controlFlow are the statements a function body may use besides
// assignments, expressions and return.
var controlFlow = map[string]bool{"if": true, "elif": true, "else": true, "for": true, "while": true, "break": true, "continue": true}

// statement kinds
const (
	sSimple = iota // assignment, expression or return
	sIf
	sWhile
	sFor
	sBreak
	sContinue
)

// flow is how a block of statements ended.
type flow int

const (
	flowNormal flow = iota
	flowReturn
	flowBreak
	flowContinue
)

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
			if what, ok := stmtNames[kw]; ok {
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
		k2 := 0
		stmts, err := parseBlock(body, &k2, body[0].indent)
		if err != nil {
			return nil, err
		}
		if k2 < len(body) {
			return nil, compileErr(body[k2].line, "unindent does not match any outer indentation level")
		}
		m.body = stmts
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

// parseBlock parses the statements at indentation ind from body[*k] on.
func parseBlock(body []logicalLine, k *int, ind int) ([]*stmt, error) {
	var out []*stmt
	for *k < len(body) {
		b := body[*k]
		if b.indent < ind {
			break
		}
		if b.indent > ind {
			return nil, compileErr(b.line, "unexpected indentation")
		}
		*k++
		kw := firstWord(b.text)
		switch {
		case kw == "if" || kw == "while":
			s, err := parseCompound(body, k, ind, b, kw)
			if err != nil {
				return nil, err
			}
			cur := s
			for kw == "if" && *k < len(body) && body[*k].indent == ind {
				nb := body[*k]
				nk := firstWord(nb.text)
				if nk != "elif" && nk != "else" {
					break
				}
				*k++
				if nk == "else" {
					cond, inline, err := blockHeader(nb.text, "else")
					if err == nil && cond != "" {
						err = errors.New("expected : after else")
					}
					if err != nil {
						return nil, compileErr(nb.line, "%v", err)
					}
					if cur.orelse, err = parseSuite(body, k, ind, inline, nb.line); err != nil {
						return nil, err
					}
					break
				}
				ns, err := parseCompound(body, k, ind, nb, "elif")
				if err != nil {
					return nil, err
				}
				cur.orelse = []*stmt{ns}
				cur = ns
			}
			out = append(out, s)
		case kw == "for":
			s, err := parseCompound(body, k, ind, b, kw)
			if err != nil {
				return nil, err
			}
			out = append(out, s)
		case kw == "elif" || kw == "else":
			return nil, compileErr(b.line, "`%s` without a matching if", kw)
		case b.text == "break":
			out = append(out, &stmt{kind: sBreak, line: b.line})
		case b.text == "continue":
			out = append(out, &stmt{kind: sContinue, line: b.line})
		case b.text == "pass" || isStringLiteral(b.text):
			// nothing to do (pass, a docstring)
		default:
			if what, ok := stmtNames[kw]; ok && !controlFlow[kw] {
				return nil, compileErr(b.line, "%s are not supported by jit_compile", what)
			}
			s, err := parseStmt(b.text)
			if err != nil {
				return nil, compileErr(b.line, "%v", err)
			}
			s.line = b.line
			out = append(out, s)
		}
	}
	return out, nil
}

// parseCompound parses "if c:", "elif c:", "while c:" or "for v in e:"
// and its suite.
func parseCompound(body []logicalLine, k *int, ind int, b logicalLine, kw string) (*stmt, error) {
	head, inline, err := blockHeader(b.text, kw)
	if err != nil {
		return nil, compileErr(b.line, "%v", err)
	}
	s := &stmt{kind: sIf, line: b.line}
	switch kw {
	case "while":
		s.kind = sWhile
	case "for":
		s.kind = sFor
		vars, iter, ok := cutIn(head)
		if !ok {
			return nil, compileErr(b.line, "expected `for name in iterable:`")
		}
		for _, v := range splitTop(vars) {
			if v = strings.TrimSpace(v); !isIdent(v) {
				return nil, compileErr(b.line, "unsupported loop variable %q", v)
			}
			s.targets = append(s.targets, strings.TrimSpace(v))
		}
		s.unpack = len(s.targets) > 1
		head = iter
	}
	if strings.TrimSpace(head) == "" {
		return nil, compileErr(b.line, "expected a condition after %s", kw)
	}
	if s.e, err = parseExpr(head); err != nil {
		return nil, compileErr(b.line, "%v", err)
	}
	if s.body, err = parseSuite(body, k, ind, inline, b.line); err != nil {
		return nil, err
	}
	return s, nil
}

// parseSuite parses the block of a compound statement: the statement on
// its own line (inline) or the lines indented under it.
func parseSuite(body []logicalLine, k *int, ind int, inline string, line int) ([]*stmt, error) {
	if inline != "" {
		one := []logicalLine{{inline, ind + 1, line}}
		j := 0
		return parseBlock(one, &j, ind+1)
	}
	if *k >= len(body) || body[*k].indent <= ind {
		return nil, compileErr(line, "expected an indented block")
	}
	return parseBlock(body, k, body[*k].indent)
}

// blockHeader splits "kw head: inline" at the first colon outside brackets.
func blockHeader(text, kw string) (string, string, error) {
	rest := text[len(kw):]
	depth := 0
	var q byte
	for i := 0; i < len(rest); i++ {
		c := rest[i]
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
		case c == ':' && depth == 0:
			return strings.TrimSpace(rest[:i]), strings.TrimSpace(rest[i+1:]), nil
		}
	}
	return "", "", fmt.Errorf("expected : at the end of the %s line", kw)
}

// cutIn splits "a, b in xs" at the keyword in.
func cutIn(s string) (string, string, bool) {
	toks := strings.Fields(s)
	for i, t := range toks {
		if t == "in" && i > 0 {
			return strings.Join(toks[:i], " "), strings.Join(toks[i+1:], " "), true
		}
	}
	return "", "", false
}

// truth is the truth value of a condition: a bool, a number, a
// one-element tensor (its value read, as Python's bool(tensor)), a list.
func truth(rt *tensor.Runtime, v any) (any, error) {
	switch x := v.(type) {
	case bool:
		return x, nil
	case nil:
		return false, nil
	case *tensor.Tensor:
		n := 1
		for _, d := range x.Shape() {
			n *= d
		}
		if n != 1 {
			return nil, errors.New("Boolean value of Tensor with more than one value is ambiguous")
		}
		rt.ReadValue(x, "bool")
		f, err := x.Item()
		if err != nil {
			return nil, err
		}
		return f != 0, nil
	case []int:
		return len(x) > 0, nil
	case []float64:
		return len(x) > 0, nil
	case List:
		return len(x) > 0, nil
	case Tuple:
		return len(x) > 0, nil
	}
	if f, _, ok := number(v); ok {
		return f != 0, nil
	}
	return nil, fmt.Errorf("a %s cannot be a condition", typeName(v))
}

// iterate gives the items of a for loop: range()'s ints, the elements of
// a list or tuple, the rows of a tensor.
func iterate(rt *tensor.Runtime, v any) ([]any, error) {
	switch x := v.(type) {
	case rangeValue:
		var out []any
		for i := x.start; (x.step > 0 && i < x.stop) || (x.step < 0 && i > x.stop); i += x.step {
			if len(out) >= 1<<24 {
				return nil, errors.New("range too long")
			}
			out = append(out, i)
		}
		return out, nil
	case *tensor.Tensor:
		if x.Dim() == 0 {
			return nil, errors.New("iteration over a 0-d tensor")
		}
		out := make([]any, x.Shape()[0])
		for i := range out {
			r, err := callOp(rt, "select", []any{x, 0, i}, nil)
			if err != nil {
				return nil, err
			}
			out[i] = r
		}
		return out, nil
	case []float64:
		out := make([]any, len(x))
		for i, e := range x {
			out[i] = e
		}
		return out, nil
	}
	if elems, err := unpackValue(v); err == nil {
		return elems, nil
	}
	return nil, fmt.Errorf("'%s' object is not iterable", typeName(v))
}

// rangeValue is range(start, stop, step).
type rangeValue struct{ start, stop, step int }

// logicalLines splits the source into statements: comments removed, lines
// inside brackets or after a backslash joined, blank lines dropped.
func logicalLines(src string) ([]logicalLine, error) {
	return logicalFrom(strings.Split(strings.ReplaceAll(src, "\r\n", "\n"), "\n"), 0)
}

// logicalFrom is logicalLines of raw lines whose first is line first+1.
func logicalFrom(raw []string, first int) ([]logicalLine, error) {
	var out []logicalLine
	for i := 0; i < len(raw); i++ {
		text, err := stripComment(raw[i])
		if err != nil {
			return nil, compileErr(first+i+1, "%v", err)
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
				return nil, compileErr(first+start+1, "unbalanced closing bracket")
			}
			if depth == 0 && !cont {
				break
			}
			if i+1 >= len(raw) {
				return nil, compileErr(first+start+1, "unexpected end of source: unclosed bracket")
			}
			i++
			next, err := stripComment(raw[i])
			if err != nil {
				return nil, compileErr(first+i+1, "%v", err)
			}
			text = strings.TrimSuffix(text, "\\") + " " + strings.TrimSpace(next)
		}
		out = append(out, logicalLine{text, ind, first + start + 1})
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
var scriptBuiltins = map[string]bool{"annotate": true, "range": true, "int": true, "float": true, "bool": true, "len": true, "abs": true, "min": true, "max": true}

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
			if f := e.x; f.kind == eName && f.name == "annotate" && !defined[f.name] && len(e.args) == 2 {
				return check(e.args[1], line) // annotate(Type, value)
			}
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
	// names assigned in any branch count as defined after it (a name
	// missing at run time is an error then)
	var block func(body []*stmt) error
	block = func(body []*stmt) error {
		for _, s := range body {
			if s.aug != "" && !defined[s.targets[0]] {
				return compileErr(s.line, "undefined value %s", s.targets[0])
			}
			if err := check(s.e, s.line); err != nil {
				return err
			}
			for _, t := range s.targets {
				defined[t] = true
			}
			if err := block(s.body); err != nil {
				return err
			}
			if err := block(s.orelse); err != nil {
				return err
			}
		}
		return nil
	}
	return block(m.body)
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
	case rangeValue:
		return "range"
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
	if op == "is" || op == "is not" {
		return identical(a, b) == (op == "is"), nil
	}
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

// identical is Python's "is" for the values compiled code has: None is
// None, a tensor is itself, equal numbers and strings are the same.
func identical(a, b any) bool {
	switch x := a.(type) {
	case nil:
		return b == nil
	case *tensor.Tensor:
		y, ok := b.(*tensor.Tensor)
		return ok && x == y
	case int, float64, bool, string:
		return a == b
	}
	return false
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
	case "range":
		ints := make([]int, len(pos))
		for i, p := range pos {
			n, ok := p.(int)
			if !ok {
				return nil, fmt.Errorf("range() takes ints, got a %s", typeName(p))
			}
			ints[i] = n
		}
		switch len(ints) {
		case 1:
			return rangeValue{0, ints[0], 1}, nil
		case 2:
			return rangeValue{ints[0], ints[1], 1}, nil
		case 3:
			if ints[2] == 0 {
				return nil, errors.New("range() arg 3 must not be zero")
			}
			return rangeValue{ints[0], ints[1], ints[2]}, nil
		}
		return nil, fmt.Errorf("range expected 1 to 3 arguments, got %d", len(pos))
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

func writeBody(b *strings.Builder, body []*stmt) { writeBlock(b, body, "  ") }

func writeBlock(b *strings.Builder, body []*stmt, ind string) {
	for _, s := range body {
		b.WriteString(ind)
		switch {
		case s.kind == sIf:
			b.WriteString("if " + exprCode(s.e, true) + ":\n")
			writeBlock(b, s.body, ind+"  ")
			for len(s.orelse) > 0 {
				if len(s.orelse) == 1 && s.orelse[0].kind == sIf {
					s = s.orelse[0]
					b.WriteString(ind + "elif " + exprCode(s.e, true) + ":\n")
					writeBlock(b, s.body, ind+"  ")
					continue
				}
				b.WriteString(ind + "else:\n")
				writeBlock(b, s.orelse, ind+"  ")
				break
			}
			continue
		case s.kind == sWhile:
			b.WriteString("while " + exprCode(s.e, true) + ":\n")
			writeBlock(b, s.body, ind+"  ")
			continue
		case s.kind == sFor:
			b.WriteString("for " + strings.Join(s.targets, ", ") + " in " + exprCode(s.e, true) + ":\n")
			writeBlock(b, s.body, ind+"  ")
			continue
		case s.kind == sBreak:
			b.WriteString("break")
		case s.kind == sContinue:
			b.WriteString("continue")
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

// ---- saving ----

// compiledMethods prints a compiled function as the forward method of a
// module class (selfType), followed by the unit's functions it calls as
// methods (their calls become self.name(...)), for a TorchScript archive
// that torch.jit.load and Load read. It also returns the archive version
// its operators need.
func (f *Function) compiledMethods(selfType string) (string, int, error) {
	lm := f.loaded
	u := lm.unit
	order := []*method{lm.meth}
	seen := map[string]bool{lm.meth.name: true}
	version := 3
	var visit func(e *expr)
	visit = func(e *expr) {
		if e == nil {
			return
		}
		switch {
		case e.kind == eCall && e.x.kind == eName && u.methods[e.x.name] != nil && !seen[e.x.name]:
			seen[e.x.name] = true
			order = append(order, u.methods[e.x.name])
		case e.kind == eBin && (e.name == "/" || e.name == "//"):
			version = max(version, 4)
		case e.kind == eCall && e.x.kind == eAttr && (e.x.name == "div" || e.x.name == "div_"):
			version = max(version, 4)
		case e.kind == eCall && e.x.kind == eAttr && e.x.name == "full":
			version = max(version, 5)
		}
		visit(e.x)
		for _, a := range e.args {
			visit(a)
		}
	}
	var walk func(body []*stmt)
	walk = func(body []*stmt) {
		for _, s := range body {
			visit(s.e)
			if s.aug == "/" || s.aug == "//" {
				version = max(version, 4)
			}
			walk(s.body)
			walk(s.orelse)
		}
	}
	for i := 0; i < len(order); i++ {
		walk(order[i].body)
	}
	var b strings.Builder
	for i, m := range order {
		name := m.name
		if i == 0 {
			name = "forward"
		} else if name == "forward" {
			return "", 0, errors.New("cannot save: the function calls a function named forward")
		}
		if slices.Contains(m.params, "self") {
			return "", 0, fmt.Errorf("cannot save: function %s has an argument named self", m.name)
		}
		fmt.Fprintf(&b, "def %s(self: %s", name, selfType)
		for j, p := range m.params {
			t := "Tensor"
			if j < len(m.types) && m.types[j] != "" {
				t = m.types[j]
			}
			b.WriteString(",\n    " + p + ": " + t)
			if j < len(m.defaults) && m.defaults[j] != nil {
				b.WriteString("=" + exprCode(m.defaults[j], false))
			}
		}
		b.WriteString(")")
		if m.ret != "" {
			b.WriteString(" -> " + m.ret)
		}
		b.WriteString(":\n")
		writeBlock(&b, asMethods(m.body, u), "  ")
	}
	return b.String(), version, nil
}

// asMethods copies statements with calls of the unit's functions made
// calls of self's methods, and torch.nn.functional.op as torch.op (the
// names archives use).
func asMethods(body []*stmt, u *Unit) []*stmt {
	var ex func(e *expr) *expr
	ex = func(e *expr) *expr {
		if e == nil {
			return nil
		}
		c := *e
		c.x = ex(e.x)
		c.args = make([]*expr, len(e.args))
		for i, a := range e.args {
			c.args[i] = ex(a)
		}
		if e.kind == eCall && e.x.kind == eName && u.methods[e.x.name] != nil {
			c.x = &expr{kind: eAttr, x: &expr{kind: eName, name: "self"}, name: e.x.name}
		}
		if e.kind == eAttr && isFunctional(e.x) {
			c.x = &expr{kind: eName, name: "torch"}
		}
		return &c
	}
	if len(body) == 0 {
		return nil
	}
	out := make([]*stmt, len(body))
	for i, s := range body {
		c := *s
		c.e = ex(s.e)
		c.body = asMethods(s.body, u)
		c.orelse = asMethods(s.orelse, u)
		out[i] = &c
	}
	return out
}
