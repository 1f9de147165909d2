package trace

import (
	"errors"
	"fmt"
	"io"
	"regexp"
	"slices"
	"sort"
	"strconv"
	"strings"

	"torchr/tensor"
	"torchr/tensor/ptfile"
)

// Loading a TorchScript archive never runs code from it: data.pkl is read
// by a restricted unpickler (only the globals below and __torch__ classes),
// and the methods in code/ are parsed into a small AST of the subset that
// tracing produces (attribute reads, torch.<op>(...) calls, submodule
// method calls, tuples, lists, literals) and evaluated through the
// dispatcher. A loaded method is traced from that evaluation on its first
// call with each input signature and then runs like a traced one.

// allowGlobal accepts TorchScript's class objects besides ptfile's
// built-in globals (the tensor rebuild, OrderedDict, the storage types).
func allowGlobal(g ptfile.Global) bool {
	return g.Module == "__torch__" || strings.HasPrefix(g.Module, "__torch__.")
}

var storageDTypes = map[string]tensor.DType{"FloatStorage": tensor.Float32, "DoubleStorage": tensor.Float64,
	"LongStorage": tensor.Int64, "IntStorage": tensor.Int32, "ByteStorage": tensor.Uint8, "BoolStorage": tensor.Bool}

// Load reads a TorchScript archive (as torch.jit.save or Save wrote it).
func Load(r io.Reader) (*Module, error) {
	data, err := io.ReadAll(io.LimitReader(r, 1<<34))
	if err != nil {
		return nil, err
	}
	zr, err := ptfile.OpenArchive(data)
	if err != nil {
		return nil, fmt.Errorf("not a TorchScript archive (%v)", err)
	}
	if _, err := zr.Version(); err == ptfile.ErrNoVersion {
		return nil, errors.New("not a TorchScript archive: no version record")
	} else if err != nil {
		return nil, fmt.Errorf("TorchScript archive: %v", err)
	}
	if !zr.Has("data.pkl") {
		return nil, errors.New("not a TorchScript archive: no data.pkl")
	}
	ld := &loader{zr: zr, classes: map[string]*class{}}
	root, err := zr.Unpickle("data.pkl", "data/", allowGlobal)
	if err != nil {
		return nil, err
	}
	if zr.Has("constants.pkl") {
		cv, err := zr.Unpickle("constants.pkl", "constants/", allowGlobal)
		if err != nil {
			return nil, err
		}
		ct, _ := cv.(ptfile.Tuple)
		for _, c := range ct {
			t, err := ld.tensor(c)
			if err != nil {
				return nil, fmt.Errorf("constants.pkl: %v", err)
			}
			ld.consts = append(ld.consts, t)
		}
	}
	obj, ok := root.(*ptfile.Object)
	if !ok {
		return nil, errors.New("data.pkl does not hold a module object")
	}
	m, err := ld.module(obj, 0)
	if err != nil {
		return nil, err
	}
	if zr.Has(GuardsRecord) {
		data, err := zr.Read(GuardsRecord)
		if err != nil {
			return nil, err
		}
		if err := restoreGuards(data, m); err != nil {
			return nil, fmt.Errorf("%s: %v", GuardsRecord, err)
		}
	}
	return m, nil
}

type loader struct {
	zr      *ptfile.Archive
	classes map[string]*class
	consts  []*tensor.Tensor
}

// tensor converts a tensor read by ptfile (its extent already checked
// against its storage).
func (ld *loader) tensor(v any) (*tensor.Tensor, error) {
	pt, ok := v.(*ptfile.Tensor)
	if !ok {
		return nil, errors.New("expected a tensor (_rebuild_tensor_v2)")
	}
	dt, known := storageDTypes[pt.Storage.Type]
	if !known {
		return nil, fmt.Errorf("unsupported storage type %s", pt.Storage.Type)
	}
	t, err := tensor.FromStorageBytes(dt, pt.Storage.Data, pt.Size, pt.Stride, pt.Offset)
	if err != nil {
		return nil, err
	}
	if pt.RequiresGrad && dt.IsFloat() {
		t.SetRequiresGrad(true)
	}
	return t, nil
}

func (ld *loader) module(o *ptfile.Object, depth int) (*Module, error) {
	if depth > 64 {
		return nil, errors.New("modules nested too deeply")
	}
	qual := o.Callable.Module + "." + o.Callable.Name
	cl, err := ld.class(o.Callable)
	if err != nil {
		return nil, err
	}
	st, ok := o.State.(*ptfile.Dict)
	if !ok {
		return nil, fmt.Errorf("module %s has no state", qual)
	}
	m := &Module{Class: o.Callable.Name, script: cl, qual: qual}
	for i, k := range st.Keys {
		name, _ := k.(string)
		v := st.Values[i]
		switch x := v.(type) {
		case *ptfile.Tensor:
			t, err := ld.tensor(x)
			if err != nil {
				return nil, fmt.Errorf("%s.%s: %v", qual, name, err)
			}
			if cl.isParam[name] {
				m.Params = append(m.Params, Named{name, t})
			} else {
				m.Buffers = append(m.Buffers, Named{name, t})
			}
		case *ptfile.Object:
			c, err := ld.module(x, depth+1)
			if err != nil {
				return nil, err
			}
			m.Children = append(m.Children, NamedModule{name, c})
		case bool:
			if name == "training" {
				m.Training = x
			}
		}
	}
	for _, meth := range cl.methods {
		m.Methods = append(m.Methods, &Function{Name: meth.name, loaded: &loadedMethod{mod: m, meth: meth, consts: ld.consts}})
	}
	return m, nil
}

// class parses the code file of a class.
func (ld *loader) class(g ptfile.Global) (*class, error) {
	qual := g.Module + "." + g.Name
	if c, ok := ld.classes[qual]; ok {
		return c, nil
	}
	file := "code/" + strings.ReplaceAll(g.Module, ".", "/") + ".py"
	src, err := ld.zr.Read(file)
	if err != nil {
		return nil, fmt.Errorf("class %s: %v", qual, err)
	}
	classes, err := parseClasses(string(src))
	if err != nil {
		return nil, fmt.Errorf("%s: %v", file, err)
	}
	for _, c := range classes {
		ld.classes[g.Module+"."+c.name] = c
	}
	c, ok := ld.classes[qual]
	if !ok {
		return nil, fmt.Errorf("%s does not define class %s", file, g.Name)
	}
	return c, nil
}

// ---- the code subset ----

type class struct {
	name    string
	isParam map[string]bool
	methods []*method
}

type method struct {
	name     string
	params   []string // after self
	types    []string
	defaults []*expr // per parameter; nil: none
	ret      string  // the return annotation, if any
	body     []*stmt
	free     bool   // a function of a compilation unit (no self)
	self     string // the name of self (scripted code may call it s)
	line     int    // the line of its def (compiled source), from 1
}

type stmt struct {
	kind    int // sSimple, sIf, sWhile, sFor, sBreak, sContinue
	body    []*stmt
	orelse  []*stmt // sIf: the else branch (an elif is an sIf in it)
	targets []string
	unpack  bool
	ret     bool
	e       *expr
	aug     string // augmented assignment operator ("+" for x += e)
	line    int    // source line (compiled source; 0 in archives)
}

const (
	eName = iota
	eLit
	eList
	eTuple
	eDict
	eAttr
	eCall
	eConst
	eIndex
	eBin   // binary operator name, args[0] op args[1]
	eUnary // unary operator name, args[0]
)

type expr struct {
	kind int
	name string // eName, eAttr attribute, eCall keyword names in kw
	lit  any
	x    *expr   // eAttr object, eCall callee
	args []*expr // elements or call arguments
	kw   []string
	idx  int // eConst
}

func indentOf(s string) int { return len(s) - len(strings.TrimLeft(s, " ")) }

func parseClasses(src string) ([]*class, error) {
	lines := strings.Split(src, "\n")
	var out []*class
	var cur *class
	for i := 0; i < len(lines); i++ {
		line := strings.TrimRight(lines[i], " \r")
		t := strings.TrimSpace(line)
		if t == "" || strings.HasPrefix(t, "#") {
			continue
		}
		ind := indentOf(line)
		switch {
		case ind == 0 && strings.HasPrefix(t, "class "):
			name := strings.TrimPrefix(t, "class ")
			if j := strings.IndexAny(name, "(:"); j >= 0 {
				name = name[:j]
			}
			cur = &class{name: name, isParam: map[string]bool{}}
			out = append(out, cur)
		case cur == nil:
			return nil, fmt.Errorf("line %d: statement outside a class", i+1)
		case strings.HasPrefix(t, "__parameters__ = "):
			for _, p := range strings.Split(strings.Trim(strings.TrimPrefix(t, "__parameters__ = "), "[] "), ",") {
				if p = strings.TrimSpace(p); p != "" {
					s, err := strconv.Unquote(p)
					if err != nil {
						return nil, fmt.Errorf("line %d: bad __parameters__", i+1)
					}
					cur.isParam[s] = true
				}
			}
		case strings.HasPrefix(t, "def "):
			sig := t
			for !strings.HasSuffix(sig, ":") && i+1 < len(lines) {
				i++
				sig += " " + strings.TrimSpace(lines[i])
			}
			m, err := parseSig(sig, true)
			if err != nil {
				return nil, fmt.Errorf("line %d: %v", i+1, err)
			}
			first := i + 1
			for i+1 < len(lines) && (strings.TrimSpace(lines[i+1]) == "" || indentOf(lines[i+1]) > ind) {
				i++
			}
			// the body: statements, blocks of if/for/while (scripted code)
			body, err := logicalFrom(lines[first:i+1], first)
			if err != nil {
				return nil, err
			}
			if len(body) > 0 {
				k := 0
				if m.body, err = parseBlock(body, &k, body[0].indent); err != nil {
					return nil, err
				}
				if k < len(body) {
					return nil, compileErr(body[k].line, "unindent does not match any outer indentation level")
				}
			}
			cur.methods = append(cur.methods, m)
		}
	}
	return out, nil
}

// parseSig parses "def name(self, x: T, n: int = 2) -> R:"; with
// hasSelf the first parameter (self) is dropped.
func parseSig(sig string, hasSelf bool) (*method, error) {
	open, close := strings.IndexByte(sig, '('), strings.LastIndex(sig, ")")
	if open < 4 || close < open {
		return nil, errors.New("bad def: expected def name(arguments):")
	}
	m := &method{name: strings.TrimSpace(sig[4:open]), free: !hasSelf}
	if !isIdent(m.name) {
		return nil, fmt.Errorf("bad function name %q", m.name)
	}
	if rest := strings.TrimSpace(strings.TrimSuffix(strings.TrimSpace(sig[close+1:]), ":")); strings.HasPrefix(rest, "->") {
		m.ret = strings.TrimSpace(rest[2:])
	}
	for i, p := range splitTop(sig[open+1 : close]) {
		p = strings.TrimSpace(p)
		if p == "" {
			continue
		}
		if i == 0 && hasSelf {
			m.self, _, _ = strings.Cut(p, ":")
			m.self = strings.TrimSpace(m.self)
			continue
		}
		decl, def, hasDef := cutAssign(p)
		if !hasDef {
			decl = p
		}
		name, typ, _ := strings.Cut(decl, ":")
		name = strings.TrimSpace(name)
		if !isIdent(name) {
			return nil, fmt.Errorf("bad parameter %q", p)
		}
		var d *expr
		if hasDef {
			var err error
			if d, err = parseExpr(def); err != nil {
				return nil, fmt.Errorf("default of %s: %v", name, err)
			}
		} else if len(m.defaults) > 0 && m.defaults[len(m.defaults)-1] != nil {
			return nil, fmt.Errorf("parameter %s without a default follows parameters with defaults", name)
		}
		m.params = append(m.params, name)
		m.types = append(m.types, strings.TrimSpace(typ))
		m.defaults = append(m.defaults, d)
	}
	return m, nil
}

// splitTop splits s at commas outside brackets.
func splitTop(s string) []string {
	var out []string
	depth, start := 0, 0
	for i, r := range s {
		switch r {
		case '(', '[', '{':
			depth++
		case ')', ']', '}':
			depth--
		case ',':
			if depth == 0 {
				out = append(out, s[start:i])
				start = i + 1
			}
		}
	}
	return append(out, s[start:])
}

func parseStmt(s string) (*stmt, error) {
	if strings.HasPrefix(s, "return ") || s == "return" {
		e, err := parseExpr(strings.TrimPrefix(s, "return"))
		if err != nil {
			return nil, err
		}
		return &stmt{ret: true, e: e}, nil
	}
	if m := augAssign.FindStringSubmatch(s); m != nil {
		e, err := parseExpr(m[3])
		if err != nil {
			return nil, err
		}
		return &stmt{targets: []string{m[1]}, aug: m[2], e: e}, nil
	}
	lhs, rhs, ok := cutAssign(s)
	if !ok {
		// an expression evaluated for its effect (x.add_(1))
		e, err := parseExpr(s)
		if err != nil {
			return nil, err
		}
		if e.kind != eCall {
			return nil, fmt.Errorf("unsupported statement %q", s)
		}
		return &stmt{e: e}, nil
	}
	st := &stmt{}
	for _, t := range splitTop(lhs) {
		if t = strings.TrimSpace(t); t != "" {
			if !isIdent(t) {
				return nil, fmt.Errorf("unsupported assignment target %q", t)
			}
			st.targets = append(st.targets, t)
		}
	}
	st.unpack = strings.Contains(lhs, ",")
	e, err := parseExpr(rhs)
	if err != nil {
		return nil, err
	}
	st.e = e
	return st, nil
}

// augAssign matches an augmented assignment "x += e".
var augAssign = regexp.MustCompile(`^([A-Za-z_][A-Za-z0-9_]*)\s*(\*\*|//|[-+*/%@])=(.*)$`)

// cutAssign splits "a, b = expr" at the first top-level "=" that is not
// part of "==", "<=", ">=", "!=" or a keyword argument.
func cutAssign(s string) (string, string, bool) {
	depth := 0
	inStr := false
	for i := 0; i < len(s); i++ {
		c := s[i]
		switch {
		case c == '"' || c == '\'':
			inStr = !inStr
		case inStr:
		case c == '(' || c == '[' || c == '{':
			depth++
		case c == ')' || c == ']' || c == '}':
			depth--
		case c == '=' && depth == 0:
			if i+1 < len(s) && s[i+1] == '=' || i > 0 && strings.ContainsRune("<>!=", rune(s[i-1])) {
				continue
			}
			return s[:i], s[i+1:], true
		}
	}
	return "", "", false
}

func isIdent(s string) bool {
	for i, r := range s {
		if !(r == '_' || r >= 'a' && r <= 'z' || r >= 'A' && r <= 'Z' || i > 0 && r >= '0' && r <= '9') {
			return false
		}
	}
	return s != ""
}

// a tiny tokenizer and recursive-descent parser for expressions

type parser struct {
	toks []string
	pos  int
}

func tokenize(s string) ([]string, error) {
	var toks []string
	for i := 0; i < len(s); {
		c := s[i]
		switch {
		case c == ' ' || c == '\t':
			i++
		case c == '"' || c == '\'':
			j := i + 1
			for j < len(s) && s[j] != c {
				if s[j] == '\\' {
					j++
				}
				j++
			}
			if j >= len(s) {
				return nil, errors.New("unterminated string")
			}
			toks = append(toks, s[i:j+1])
			i = j + 1
		case c >= '0' && c <= '9' || c == '.' && i+1 < len(s) && s[i+1] >= '0' && s[i+1] <= '9':
			j := i + 1
			for j < len(s) && (s[j] >= '0' && s[j] <= '9' || s[j] == '.' || s[j] == 'e' || s[j] == 'E' ||
				(s[j] == '-' || s[j] == '+') && (s[j-1] == 'e' || s[j-1] == 'E')) {
				j++
			}
			toks = append(toks, s[i:j])
			i = j
		case c == '_' || c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z':
			j := i + 1
			for j < len(s) && (s[j] == '_' || s[j] >= 'a' && s[j] <= 'z' || s[j] >= 'A' && s[j] <= 'Z' || s[j] >= '0' && s[j] <= '9') {
				j++
			}
			toks = append(toks, s[i:j])
			i = j
		case i+1 < len(s) && (s[i:i+2] == "**" || s[i:i+2] == "//" || s[i:i+2] == "<=" || s[i:i+2] == ">=" ||
			s[i:i+2] == "==" || s[i:i+2] == "!=" || s[i:i+2] == "->"):
			toks = append(toks, s[i:i+2])
			i += 2
		case strings.IndexByte("()[]{},.:=+-*/%@<>~", c) >= 0:
			toks = append(toks, string(c))
			i++
		default:
			return nil, fmt.Errorf("unsupported character %q", c)
		}
	}
	return toks, nil
}

func parseExpr(s string) (*expr, error) {
	toks, err := tokenize(s)
	if err != nil {
		return nil, err
	}
	p := &parser{toks: toks}
	e, err := p.tupleOrExpr()
	if err != nil {
		return nil, err
	}
	if p.pos != len(p.toks) {
		return nil, fmt.Errorf("unexpected %q in %q", p.toks[p.pos], s)
	}
	return e, nil
}

func (p *parser) peek() string {
	if p.pos < len(p.toks) {
		return p.toks[p.pos]
	}
	return ""
}

func (p *parser) next() string { t := p.peek(); p.pos++; return t }

func (p *parser) expect(t string) error {
	if p.next() != t {
		return fmt.Errorf("expected %q", t)
	}
	return nil
}

// pyKeywords are Python keywords that cannot start an operand here.
var pyKeywords = map[string]bool{"not": true, "and": true, "or": true, "if": true, "else": true, "lambda": true,
	"in": true, "is": true, "for": true, "while": true, "yield": true, "await": true, "del": true, "pass": true,
	"def": true, "class": true, "import": true, "from": true, "global": true, "return": true}

// binary operators by precedence level (Python's, lowest first).
var binLevels = [][]string{
	{"<", ">", "<=", ">=", "==", "!="},
	{"+", "-"},
	{"*", "/", "//", "%", "@"},
}

// expr parses an expression with binary and unary operators.
func (p *parser) expr() (*expr, error) { return p.logic(0) }

// logic parses "a or b", "a and b" and "not a" (lower than comparisons).
func (p *parser) logic(level int) (*expr, error) {
	switch level {
	case 0, 1:
		op := [...]string{"or", "and"}[level]
		e, err := p.logic(level + 1)
		if err != nil {
			return nil, err
		}
		for p.peek() == op {
			p.next()
			r, err := p.logic(level + 1)
			if err != nil {
				return nil, err
			}
			e = &expr{kind: eBin, name: op, args: []*expr{e, r}}
		}
		return e, nil
	}
	if p.peek() == "not" {
		p.next()
		x, err := p.logic(2)
		if err != nil {
			return nil, err
		}
		return &expr{kind: eUnary, name: "not", args: []*expr{x}}, nil
	}
	return p.binary(0)
}

// compareOp reads a comparison operator ("is", "is not" included), or "".
func (p *parser) compareOp() string {
	t := p.peek()
	if slices.Contains(binLevels[0], t) {
		p.next()
		return t
	}
	if t == "is" {
		p.next()
		if p.peek() == "not" {
			p.next()
			return "is not"
		}
		return "is"
	}
	return ""
}

func (p *parser) binary(level int) (*expr, error) {
	if level == len(binLevels) {
		return p.unary()
	}
	e, err := p.binary(level + 1)
	if err != nil {
		return nil, err
	}
	if level == 0 {
		if op := p.compareOp(); op != "" {
			r, err := p.binary(level + 1)
			if err != nil {
				return nil, err
			}
			if slices.Contains(binLevels[0], p.peek()) || p.peek() == "is" {
				return nil, errors.New("chained comparisons are not supported")
			}
			e = &expr{kind: eBin, name: op, args: []*expr{e, r}}
		}
		return e, nil
	}
	for slices.Contains(binLevels[level], p.peek()) {
		op := p.next()
		r, err := p.binary(level + 1)
		if err != nil {
			return nil, err
		}
		e = &expr{kind: eBin, name: op, args: []*expr{e, r}}
	}
	return e, nil
}

// unary parses -x, +x and the power operator (which binds tighter than a
// unary minus on its left: -2 ** 2 is -(2 ** 2)).
func (p *parser) unary() (*expr, error) {
	if op := p.peek(); op == "-" || op == "+" || op == "~" {
		p.next()
		x, err := p.unary()
		if err != nil {
			return nil, err
		}
		if op == "-" && x.kind == eLit {
			switch v := x.lit.(type) {
			case int:
				return &expr{kind: eLit, lit: -v}, nil
			case float64:
				return &expr{kind: eLit, lit: -v}, nil
			}
		}
		if op == "+" {
			return x, nil
		}
		return &expr{kind: eUnary, name: op, args: []*expr{x}}, nil
	}
	e, err := p.primary()
	if err != nil {
		return nil, err
	}
	if p.peek() == "**" {
		p.next()
		r, err := p.unary()
		if err != nil {
			return nil, err
		}
		e = &expr{kind: eBin, name: "**", args: []*expr{e, r}}
	}
	return e, nil
}

// tupleOrExpr parses "a" or "a, b" (a bare tuple).
func (p *parser) tupleOrExpr() (*expr, error) {
	e, err := p.expr()
	if err != nil {
		return nil, err
	}
	if p.peek() != "," {
		return e, nil
	}
	t := &expr{kind: eTuple, args: []*expr{e}}
	for p.peek() == "," {
		p.next()
		if p.peek() == "" {
			break
		}
		e, err := p.expr()
		if err != nil {
			return nil, err
		}
		t.args = append(t.args, e)
	}
	return t, nil
}

func (p *parser) seq(closer string) ([]*expr, []string, error) {
	var args []*expr
	var kw []string
	for p.peek() != closer {
		if p.peek() == "" {
			return nil, nil, errors.New("unexpected end")
		}
		name := ""
		if p.pos+1 < len(p.toks) && p.toks[p.pos+1] == "=" && isIdent(p.peek()) {
			name = p.next()
			p.next()
		}
		e, err := p.expr()
		if err != nil {
			return nil, nil, err
		}
		args, kw = append(args, e), append(kw, name)
		if p.peek() == "," {
			p.next()
		} else if p.peek() != closer {
			return nil, nil, fmt.Errorf("expected , or %s", closer)
		}
	}
	p.next()
	return args, kw, nil
}

func (p *parser) primary() (*expr, error) {
	t := p.next()
	var e *expr
	switch {
	case t == "":
		return nil, errors.New("unexpected end of expression")
	case t == "(":
		args, _, err := p.seq(")")
		if err != nil {
			return nil, err
		}
		if len(args) == 1 && p.toks[p.pos-2] != "," {
			e = args[0]
		} else {
			e = &expr{kind: eTuple, args: args}
		}
	case t == "[":
		args, _, err := p.seq("]")
		if err != nil {
			return nil, err
		}
		e = &expr{kind: eList, args: args}
	case t[0] == '"' || t[0] == '\'':
		s, err := strconv.Unquote("\"" + t[1:len(t)-1] + "\"")
		if err != nil {
			return nil, err
		}
		e = &expr{kind: eLit, lit: s}
	case t[0] >= '0' && t[0] <= '9' || t[0] == '.':
		if n, err := strconv.Atoi(t); err == nil {
			e = &expr{kind: eLit, lit: n}
		} else if f, err := strconv.ParseFloat(t, 64); err == nil {
			e = &expr{kind: eLit, lit: f}
		} else {
			return nil, fmt.Errorf("bad number %q", t)
		}
	case t == "True" || t == "False":
		e = &expr{kind: eLit, lit: t == "True"}
	case t == "None":
		e = &expr{kind: eLit, lit: nil}
	case pyKeywords[t]:
		return nil, fmt.Errorf("`%s` is not supported", t)
	case isIdent(t):
		e = &expr{kind: eName, name: t}
	default:
		return nil, fmt.Errorf("unexpected %q", t)
	}
	for {
		switch p.peek() {
		case ".":
			p.next()
			a := p.next()
			if !isIdent(a) {
				return nil, fmt.Errorf("bad attribute %q", a)
			}
			if e.kind == eName && e.name == "CONSTANTS" && strings.HasPrefix(a, "c") {
				n, err := strconv.Atoi(a[1:])
				if err != nil {
					return nil, fmt.Errorf("bad constant %q", a)
				}
				e = &expr{kind: eConst, idx: n}
				continue
			}
			e = &expr{kind: eAttr, x: e, name: a}
		case "(":
			p.next()
			args, kw, err := p.seq(")")
			if err != nil {
				return nil, err
			}
			e = &expr{kind: eCall, x: e, args: args, kw: kw}
		case "[":
			p.next()
			if p.peek() == ":" {
				return nil, errors.New("slices (x[a:b]) are not supported")
			}
			idx, err := p.expr()
			if err != nil {
				return nil, err
			}
			if p.peek() == ":" || p.peek() == "," {
				return nil, errors.New("slices and multi-dimensional subscripts (x[a:b], x[i, j]) are not supported")
			}
			if err := p.expect("]"); err != nil {
				return nil, err
			}
			e = &expr{kind: eIndex, x: e, args: []*expr{idx}}
		default:
			return e, nil
		}
	}
}

// ---- evaluation ----

// loadedMethod is a method of a loaded module, evaluated from its code.
type loadedMethod struct {
	mod    *Module // nil for a function of a compilation unit
	meth   *method
	consts []*tensor.Tensor
	unit   *Unit // the compilation unit of a compiled function
}

// modRef is a submodule (with its qualified path) during evaluation.
type modRef struct {
	m    *Module
	path string
}

// opAliases maps ops that tracing writes but torchr names differently.
func callOp(rt *tensor.Runtime, name string, pos []any, named map[string]any) (any, error) {
	switch name {
	case "_convolution":
		if len(pos) >= 9 {
			pos = pos[:9]
			named = nil
			name = "convolution"
		}
	case "size":
		if t, ok := pos[0].(*tensor.Tensor); ok && len(pos) == 2 {
			d, _ := pos[1].(int)
			return t.Size(d)
		}
	}
	if _, ok := tensor.LookupOp("aten::" + name); !ok {
		if _, ok := lookupAny(name); !ok {
			return nil, fmt.Errorf("unsupported operation torch.%s in the archive's code", name)
		}
	}
	outs, err := rt.CallNamed(name, pos, named)
	if err != nil {
		return nil, err
	}
	if len(outs) == 1 {
		return outs[0], nil
	}
	t := make(Tuple, len(outs))
	for i, o := range outs {
		t[i] = o
	}
	return t, nil
}

func lookupAny(name string) (*tensor.Op, bool) {
	for _, k := range tensor.Ops() {
		if strings.HasPrefix(k, "aten::"+name+".") {
			return tensor.LookupOp(k)
		}
	}
	return nil, false
}

// eval evaluates a method's body. rec, if set, hears every assignment to
// a variable (for naming the traced graph's values as PyTorch does).
func (lm *loadedMethod) eval(rt *tensor.Runtime, self modRef, meth *method, args []any, depth int, rec func(name string, v any)) (any, error) {
	if depth > 100 {
		return nil, errors.New("method calls nested too deeply")
	}
	if len(args) != len(meth.params) {
		return nil, fmt.Errorf("%s() expected %d argument(s) but got %d", meth.name, len(meth.params), len(args))
	}
	env := map[string]any{}
	if !meth.free {
		name := meth.self
		if name == "" {
			name = "self"
		}
		env[name] = self
	}
	for i, p := range meth.params {
		env[p] = args[i]
	}
	var ev func(e *expr) (any, error)
	ev = func(e *expr) (any, error) {
		switch e.kind {
		case eBin:
			a, err := ev(e.args[0])
			if err != nil {
				return nil, err
			}
			if e.name == "and" || e.name == "or" { // short-circuit, on truth values
				ta, err := truth(rt, a)
				if err != nil || ta.(bool) == (e.name == "or") {
					return ta, err
				}
				b, err := ev(e.args[1])
				if err != nil {
					return nil, err
				}
				return truth(rt, b)
			}
			b, err := ev(e.args[1])
			if err != nil {
				return nil, err
			}
			return binop(rt, e.name, a, b)
		case eUnary:
			a, err := ev(e.args[0])
			if err != nil {
				return nil, err
			}
			if e.name == "not" {
				t, err := truth(rt, a)
				if err != nil {
					return nil, err
				}
				return !t.(bool), nil
			}
			return unop(rt, e.name, a)
		case eLit:
			return e.lit, nil
		case eConst:
			if e.idx < 0 || e.idx >= len(lm.consts) {
				return nil, fmt.Errorf("CONSTANTS.c%d is missing", e.idx)
			}
			return lm.consts[e.idx], nil
		case eName:
			v, ok := env[e.name]
			if !ok {
				return nil, fmt.Errorf("undefined name %q", e.name)
			}
			return v, nil
		case eList, eTuple:
			vals := make([]any, len(e.args))
			allInt, allT := true, true
			for i, a := range e.args {
				v, err := ev(a)
				if err != nil {
					return nil, err
				}
				vals[i] = v
				_, isInt := v.(int)
				_, isT := v.(*tensor.Tensor)
				allInt, allT = allInt && isInt, allT && isT
			}
			if e.kind == eTuple {
				return Tuple(vals), nil
			}
			if allInt {
				l := make([]int, len(vals))
				for i, v := range vals {
					l[i] = v.(int)
				}
				return l, nil
			}
			if allT {
				l := make([]*tensor.Tensor, len(vals))
				for i, v := range vals {
					l[i] = v.(*tensor.Tensor)
				}
				return l, nil
			}
			return List(vals), nil
		case eIndex:
			o, err := ev(e.x)
			if err != nil {
				return nil, err
			}
			k, err := ev(e.args[0])
			if err != nil {
				return nil, err
			}
			switch x := o.(type) {
			case Dict:
				for i, kk := range x.Keys {
					if kk == k {
						return x.Values[i], nil
					}
				}
				return nil, fmt.Errorf("no key %v in the dict input", k)
			case Tuple:
				if i, ok := k.(int); ok && i >= 0 && i < len(x) {
					return x[i], nil
				}
			case List:
				if i, ok := k.(int); ok && i >= 0 && i < len(x) {
					return x[i], nil
				}
			case []int:
				if i, ok := k.(int); ok {
					if i < 0 {
						i += len(x)
					}
					if i >= 0 && i < len(x) {
						return x[i], nil
					}
					return nil, errors.New("list index out of range")
				}
			case []*tensor.Tensor:
				if i, ok := k.(int); ok {
					if i < 0 {
						i += len(x)
					}
					if i >= 0 && i < len(x) {
						return x[i], nil
					}
					return nil, errors.New("list index out of range")
				}
			case *tensor.Tensor:
				if i, ok := k.(int); ok {
					return callOp(rt, "select", []any{x, 0, i}, nil)
				}
			}
			return nil, fmt.Errorf("unsupported subscript of a %s", typeName(o))
		case eAttr:
			o, err := ev(e.x)
			if err != nil {
				return nil, err
			}
			if t, ok := o.(*tensor.Tensor); ok {
				return tensorAttr(t, e.name)
			}
			mr, ok := o.(modRef)
			if !ok || mr.m == nil {
				return nil, fmt.Errorf("attribute %s of a %s is not supported", e.name, typeName(o))
			}
			for _, c := range mr.m.Children {
				if c.Name == e.name {
					return modRef{c.Module, mr.path + c.Name + "."}, nil
				}
			}
			for _, p := range append(append([]Named{}, mr.m.Params...), mr.m.Buffers...) {
				if p.Name == e.name {
					return p.Tensor, nil
				}
			}
			if e.name == "training" {
				return mr.m.Training, nil
			}
			return nil, fmt.Errorf("module has no attribute %q", e.name)
		case eCall:
			// annotate(T, v) and unchecked_cast(T, v) of scripted code: v
			if f := e.x; f.kind == eName && (f.name == "annotate" || f.name == "unchecked_cast") && len(e.args) == 2 {
				if _, local := env[f.name]; !local {
					return ev(e.args[1])
				}
			}
			var pos []any
			named := map[string]any{}
			for i, a := range e.args {
				v, err := ev(a)
				if err != nil {
					return nil, err
				}
				if e.kw[i] != "" {
					named[e.kw[i]] = v
				} else {
					pos = append(pos, v)
				}
			}
			f := e.x
			if f.kind == eName && f.name == "getattr" && len(e.args) == 2 && e.args[1].kind == eLit {
				a, ok := e.args[1].lit.(string)
				if !ok {
					return nil, errors.New("getattr needs a constant name")
				}
				return ev(&expr{kind: eAttr, x: e.args[0], name: a})
			}
			if f.kind == eAttr && f.x.kind == eName && f.x.name == "torch" {
				if (f.name == "__is__" || f.name == "__isnot__") && len(pos) == 2 {
					return binop(rt, map[string]string{"__is__": "is", "__isnot__": "is not"}[f.name], pos[0], pos[1])
				}
				return callOp(rt, f.name, pos, named)
			}
			if f.kind == eAttr && isFunctional(f.x) {
				return callOp(rt, f.name, pos, named)
			}
			if f.kind == eName && lm.unit != nil {
				if m := lm.unit.methods[f.name]; m != nil {
					full, err := m.bind(pos, named)
					if err != nil {
						return nil, err
					}
					return lm.eval(rt, modRef{}, m, full, depth+1, nil)
				}
			}
			if f.kind == eName && (meth.free || scriptBuiltins[f.name]) {
				if _, local := env[f.name]; !local {
					return builtinCall(rt, f.name, pos, named)
				}
			}
			if f.kind == eAttr && f.x.kind == eAttr && f.x.x.kind == eName && f.x.x.name == "ops" && f.x.name == "prim" && f.name == "NumToTensor" {
				if n, ok := pos[0].(int); ok {
					return tensor.ScalarTensor(float64(n), tensor.Int64), nil
				}
				return pos[0], nil
			}
			if f.kind == eName && (f.name == "int" || f.name == "float") && len(pos) == 1 {
				if t, ok := pos[0].(*tensor.Tensor); ok {
					rt.ReadValue(t, f.name)
					v, err := t.Item()
					if f.name == "int" {
						return int(v), err
					}
					return v, err
				}
				return pos[0], nil
			}
			if f.kind == eAttr {
				o, err := ev(f.x)
				if err != nil {
					return nil, err
				}
				if t, ok := o.(*tensor.Tensor); ok {
					return tensorMethod(rt, t, f.name, pos, named)
				}
				if mr, ok := o.(modRef); ok && mr.m != nil && mr.m.script != nil {
					for _, m := range mr.m.script.methods {
						if m.name == f.name {
							return lm.eval(rt, mr, m, pos, depth+1, nil)
						}
					}
				}
			}
			if meth.free {
				return nil, fmt.Errorf("unsupported call %s(...)", exprCode(f, false))
			}
			return nil, errors.New("unsupported call in the archive's code")
		}
		return nil, errors.New("unsupported expression")
	}
	lineErr := func(s *stmt, err error) error {
		if s.line > 0 {
			var le *lineError
			if !errors.As(err, &le) {
				err = &lineError{s.line, err}
			}
		}
		return err
	}
	assign := func(s *stmt, v any) error {
		if !s.unpack {
			env[s.targets[0]] = v
			if rec != nil {
				rec(s.targets[0], v)
			}
			return nil
		}
		elems, err := unpackValue(v)
		if err != nil {
			return err
		}
		if len(elems) != len(s.targets) {
			return fmt.Errorf("cannot unpack %d values into %d names", len(elems), len(s.targets))
		}
		for i, t := range s.targets {
			env[t] = elems[i]
			if rec != nil {
				rec(t, elems[i])
			}
		}
		return nil
	}
	var exec func(body []*stmt) (flow, any, error)
	exec = func(body []*stmt) (flow, any, error) {
		for _, s := range body {
			switch s.kind {
			case sBreak:
				return flowBreak, nil, nil
			case sContinue:
				return flowContinue, nil, nil
			case sIf:
				c, err := ev(s.e)
				if err == nil {
					c, err = truth(rt, c)
				}
				if err != nil {
					return 0, nil, lineErr(s, err)
				}
				branch := s.orelse
				if c.(bool) {
					branch = s.body
				}
				if f, v, err := exec(branch); err != nil || f != flowNormal {
					return f, v, err
				}
				continue
			case sWhile, sFor:
				var items []any
				if s.kind == sFor {
					it, err := ev(s.e)
					if err == nil {
						items, err = iterate(rt, it)
					}
					if err != nil {
						return 0, nil, lineErr(s, err)
					}
				}
				for i := 0; ; i++ {
					if cf := rt.CancelFlag(); cf != nil && cf.Load() {
						return 0, nil, tensor.ErrInterrupted
					}
					if s.kind == sFor {
						if i >= len(items) {
							break
						}
						if err := assign(s, items[i]); err != nil {
							return 0, nil, lineErr(s, err)
						}
					} else {
						c, err := ev(s.e)
						if err == nil {
							c, err = truth(rt, c)
						}
						if err != nil {
							return 0, nil, lineErr(s, err)
						}
						if !c.(bool) {
							break
						}
					}
					f, v, err := exec(s.body)
					if err != nil || f == flowReturn {
						return f, v, err
					}
					if f == flowBreak {
						break
					}
				}
				continue
			}
			v, err := ev(s.e)
			if err == nil && s.aug != "" {
				v, err = augment(rt, s.aug, env[s.targets[0]], v)
			}
			if err != nil {
				return 0, nil, lineErr(s, err)
			}
			if s.ret {
				return flowReturn, v, nil
			}
			if len(s.targets) == 0 {
				continue // an expression statement
			}
			if err := assign(s, v); err != nil {
				return 0, nil, lineErr(s, err)
			}
		}
		return flowNormal, nil, nil
	}
	f, v, err := exec(meth.body)
	if err != nil {
		return nil, err
	}
	if f == flowReturn {
		return v, nil
	}
	if meth.free {
		return nil, nil // a function without return returns None
	}
	return nil, errors.New("method ends without return")
}

// unpackValue gives the elements of a tuple or list being unpacked.
func unpackValue(v any) ([]any, error) {
	switch x := v.(type) {
	case Tuple:
		return x, nil
	case List:
		return x, nil
	case []*tensor.Tensor:
		return anys(x), nil
	case []int:
		out := make([]any, len(x))
		for i, e := range x {
			out[i] = e
		}
		return out, nil
	}
	return nil, fmt.Errorf("cannot unpack a %s", typeName(v))
}

// runLoaded traces the method's evaluation for this input signature (once)
// and runs the trace. A compiled function called with non-tensor
// arguments, or whose trace would be wrong for other values of its inputs
// (it read a tensor's value into a number) or cannot hold its result (a
// number), is evaluated directly instead.
func (f *Function) runLoaded(rt *tensor.Runtime, attrs map[string]*tensor.Tensor, args []any) (any, error) {
	lm := f.loaded
	if !tensorArgs(args) {
		return f.runDirect(rt, attrs, args)
	}
	key := sigKey(signature(nil, args))
	f.mu.Lock()
	tf, direct := f.traced[key], f.direct[key]
	f.mu.Unlock()
	if direct {
		return f.runDirect(rt, attrs, args)
	}
	if tf == nil {
		opt := Options{}
		if lm.mod != nil {
			opt.Self = "__torch__." + lm.mod.Class
			if lm.mod.qual != "" {
				opt.Self = lm.mod.qual
			}
		}
		tr := Start(rt, opt)
		if lm.mod != nil {
			all := lm.mod.Attrs()
			qs := make([]string, 0, len(all))
			for q := range all {
				qs = append(qs, q)
			}
			sort.Strings(qs)
			for _, q := range qs {
				tr.Param(q, all[q])
			}
			declareClasses(tr, lm.mod, "")
		}
		for _, a := range args {
			if err := tr.Input(a); err != nil {
				tr.Abort()
				return nil, err
			}
		}
		var out any
		var assigns []assignment
		err := rt.NoGrad(func() error {
			var err error
			out, err = lm.eval(rt, modRef{lm.mod, ""}, lm.meth, args, 0, func(name string, v any) {
				assigns = append(assigns, assignment{name, v})
			})
			return err
		})
		if err != nil {
			tr.Abort()
			return nil, f.evalError(err)
		}
		tf, err = tr.Finish(f.Name, tensorList(out))
		if err != nil || slices.Contains(tf.Warnings, ValueReadWarning) {
			f.mu.Lock()
			if f.direct == nil {
				f.direct = map[string]bool{}
			}
			f.direct[key] = true
			f.mu.Unlock()
			return f.runDirect(rt, attrs, args)
		}
		if err != nil {
			return nil, err
		}
		nameInputs(tf.Graph, lm.meth)
		nameLocals(tr, tf.Graph, lm.meth, assigns)
		f.mu.Lock()
		if f.traced == nil {
			f.traced = map[string]*Function{}
		}
		f.traced[key] = tf
		f.mu.Unlock()
	}
	if attrs == nil && lm.mod != nil {
		attrs = lm.mod.Attrs()
	}
	return tf.Run(rt, attrs, args...)
}

// declareClasses gives the tracer the TorchScript classes of the loaded
// submodules (their GetAttr values print with them, as in PyTorch).
func declareClasses(tr *Tracer, m *Module, prefix string) {
	for _, c := range m.Children {
		if c.Module.qual != "" {
			tr.Module(prefix+c.Name, c.Module.qual)
		}
		declareClasses(tr, c.Module, prefix+c.Name+".")
	}
}

// runDirect evaluates a loaded or compiled method through the dispatcher
// without tracing it.
func (f *Function) runDirect(rt *tensor.Runtime, attrs map[string]*tensor.Tensor, args []any) (any, error) {
	lm := f.loaded
	if lm.mod != nil && attrs != nil {
		lm.mod.setAttrs("", attrs) // the module's current tensors, as a trace would read them
	}
	out, err := lm.eval(rt, modRef{lm.mod, ""}, lm.meth, args, 0, nil)
	if err != nil {
		return nil, f.evalError(err)
	}
	return tensorList(out), nil
}

// setAttrs points the module's parameters and buffers at the tensors of
// attrs (by qualified name).
func (m *Module) setAttrs(prefix string, attrs map[string]*tensor.Tensor) {
	for i, p := range m.Params {
		if t, ok := attrs[prefix+p.Name]; ok {
			m.Params[i].Tensor = t
		}
	}
	for i, b := range m.Buffers {
		if t, ok := attrs[prefix+b.Name]; ok {
			m.Buffers[i].Tensor = t
		}
	}
	for _, c := range m.Children {
		c.Module.setAttrs(prefix+c.Name+".", attrs)
	}
}

// withDefaults completes the arguments of a call of a loaded method with
// the defaults of the parameters left out.
func (m *method) withDefaults(args []any) []any {
	if len(args) >= len(m.params) {
		return args
	}
	out := append([]any{}, args...)
	for i := len(args); i < len(m.params); i++ {
		if i >= len(m.defaults) || m.defaults[i] == nil {
			return args // the call's argument count error follows
		}
		v, err := defaultValue(m.defaults[i])
		if err != nil {
			return args
		}
		out = append(out, v)
	}
	return out
}

// tensorList makes a Tensor[] result a List (the structure traces return).
func tensorList(out any) any {
	if l, ok := out.([]*tensor.Tensor); ok {
		ll := make(List, len(l))
		for i, t := range l {
			ll[i] = t
		}
		return ll
	}
	return out
}

// tensorArgs reports whether every argument is a tensor or a structure of
// tensors (what a trace takes as inputs).
func tensorArgs(args []any) bool {
	for _, a := range args {
		if _, err := inputType(a); err != nil {
			return false
		}
	}
	return true
}

func (f *Function) evalError(err error) error {
	if f.loaded.mod != nil {
		return fmt.Errorf("in loaded method '%s': %w", f.Name, err)
	}
	var le *lineError
	if errors.As(err, &le) {
		return fmt.Errorf("in function '%s', line %d: %w", f.Name, le.line, le.err)
	}
	return fmt.Errorf("in function '%s': %w", f.Name, err)
}
