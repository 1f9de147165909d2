package tensor

import (
	"fmt"
	"math"
	"runtime/debug"
	"sort"
	"strconv"
	"strings"
)

// Op is a registered operation: a name, a schema, a kernel and (for
// differentiable primitives) a backward formula. Ops are created once, at
// package initialisation, by Register; the registry never changes after.
type Op struct {
	def      OpDef
	name     string // "aten::add" (no overload)
	key      string // "aten::add" or "aten::max.dim"
	Params   []Param
	Returns  []string // return types, e.g. ["Tensor", "Tensor"]
	inplace  bool
	saves    []int // indexes of args (or -1-i for output i) saved for backward
	gradName string
}

// Param is one argument of a schema.
type Param struct {
	Name       string
	Type       string // Tensor, Tensor?, Tensor[], Scalar, Scalar?, int, int?, int[], int[]?, float, float?, bool, bool?, str, str?, ScalarType?
	HasDefault bool
	Default    any // normalized default value
	KwargOnly  bool
}

// Kernel computes an op's outputs from normalized arguments.
type Kernel func(rt *Runtime, a Args) ([]*Tensor, error)

// BackwardFunc computes the gradients of an op's inputs. It receives the
// gradients of the outputs (never nil; zeros are filled in) and returns
// one gradient per tensor input, in the order of Inputs (nil where there
// is none). Formulas are written with Runtime ops, so they are themselves
// differentiable (double backward) when the graph is being created. A
// gradient whose shape differs from its input's (broadcasting) is summed
// to the input's shape, and cast to its dtype, by the engine.
type BackwardFunc func(ctx *BackwardCtx, grads []*Tensor) ([]*Tensor, error)

// OpDef is what a file passes to Register to define an op.
type OpDef struct {
	// Schema in PyTorch's notation, with the aten:: prefix optional and an
	// optional overload name:
	//   "add(Tensor self, Tensor other, *, Scalar alpha=1) -> Tensor"
	//   "max.dim(Tensor self, int dim, bool keepdim=False) -> (Tensor, Tensor)"
	Schema string
	Kernel Kernel
	// Backward is the derivative formula of a primitive op. Leave it nil
	// for ops without a derivative (their outputs never require grad) and
	// for composite ops.
	Backward BackwardFunc
	// GradFn is the node name PyTorch shows ("AddBackward0"); GradFnFor,
	// if set, chooses it from the arguments (SumBackward0 vs SumBackward1).
	GradFn    string
	GradFnFor func(a Args) string
	// Composite ops compute their result by calling other ops through the
	// runtime; autograd then records those inner ops (as PyTorch does for
	// CompositeImplicitAutograd ops such as linear or matmul).
	Composite bool
	// Inplace ops modify and return their first argument; the kernel
	// writes into it. Autograd checks leaves, bumps the version counter
	// and rebases self's history on the new node.
	Inplace bool
	// Saves names the arguments (and "result", "result1", ...) the backward
	// formula reads; they are checked for in-place modification before it
	// runs ("one of the variables needed for gradient computation has been
	// modified by an inplace operation").
	Saves []string
	// NonDiffOutputs marks outputs that never require grad (indices).
	NonDiffOutputs []int
}

var registry = map[string]*Op{}

// overloads lists the ops of each base name ("aten::max") in registration order.
var overloads = map[string][]*Op{}

// Register adds an op to the registry. It panics on malformed schemas and
// duplicates: registration happens in package initialisation, so such a
// panic is a programming error caught by any test run.
func Register(def OpDef) *Op {
	op, err := parseSchema(def.Schema)
	if err != nil {
		panic(fmt.Sprintf("tensor.Register(%q): %v", def.Schema, err))
	}
	if _, dup := registry[op.key]; dup {
		panic("tensor.Register: duplicate op " + op.key)
	}
	op.def = def
	op.inplace = def.Inplace
	op.gradName = def.GradFn
	for _, s := range def.Saves {
		found := false
		if strings.HasPrefix(s, "result") {
			n := 0
			if len(s) > 6 {
				n, _ = strconv.Atoi(s[6:])
			}
			op.saves = append(op.saves, -1-n)
			found = true
		}
		for i, p := range op.Params {
			if p.Name == s {
				op.saves = append(op.saves, i)
				found = true
			}
		}
		if !found {
			panic("tensor.Register: unknown saved argument " + s + " in " + op.key)
		}
	}
	registry[op.key] = op
	overloads[op.name] = append(overloads[op.name], op)
	return op
}

// LookupOp finds a registered op by name ("aten::add", "add", "aten::max.dim").
func LookupOp(name string) (*Op, bool) {
	if !strings.HasPrefix(name, "aten::") {
		name = "aten::" + name
	}
	if op, ok := registry[name]; ok {
		return op, true
	}
	if ops := overloads[name]; len(ops) > 0 {
		return ops[0], true
	}
	return nil, false
}

// resolve picks the overload of name that best fits the arguments: exact
// key first; else, among overloads whose schema accepts the arguments, the
// one converting the fewest Go scalars into tensors.
func resolve(name string, pos []any, named map[string]any) (*Op, Args, error) {
	if !strings.HasPrefix(name, "aten::") {
		name = "aten::" + name
	}
	var exactErr error
	if op, ok := registry[name]; ok {
		a, err := op.normalize(pos, named)
		if err == nil || len(overloads[name]) <= 1 {
			return op, a, err
		}
		exactErr = err
	}
	ops := overloads[name]
	if len(ops) == 0 {
		return nil, nil, fmt.Errorf("unknown op %s", name)
	}
	var best *Op
	var bestArgs Args
	var firstErr error
	bestScore := 1 << 30
	for _, op := range ops {
		a, err := op.normalize(pos, named)
		if err != nil {
			if firstErr == nil {
				firstErr = err
			}
			continue
		}
		score := 0
		for i, p := range op.Params {
			if i < len(pos) && strings.HasPrefix(p.Type, "Tensor") {
				if _, isT := pos[i].(*Tensor); !isT && pos[i] != nil {
					score++
				}
			}
		}
		if score < bestScore {
			best, bestArgs, bestScore = op, a, score
		}
	}
	if best == nil {
		if exactErr != nil {
			return nil, nil, exactErr
		}
		return nil, nil, firstErr
	}
	return best, bestArgs, nil
}

// Ops returns the names of all registered ops, sorted.
func Ops() []string {
	out := make([]string, 0, len(registry))
	for k := range registry {
		out = append(out, k)
	}
	sort.Strings(out)
	return out
}

// Name is the op's name without overload ("aten::add").
func (op *Op) Name() string { return op.name }

// Key is the registry key (name plus overload, "aten::max.dim").
func (op *Op) Key() string { return op.key }

// Schema is the schema string the op was registered with.
func (op *Op) Schema() string { return op.def.Schema }

// IsInplace reports whether the op modifies its first argument.
func (op *Op) IsInplace() bool { return op.inplace }

// IsComposite reports whether the op is implemented with other ops.
func (op *Op) IsComposite() bool { return op.def.Composite }

func parseSchema(s string) (*Op, error) {
	s = strings.TrimSpace(s)
	lp := strings.IndexByte(s, '(')
	if lp < 0 {
		return nil, fmt.Errorf("missing parentheses")
	}
	rp, depth := -1, 0
	for i := lp; i < len(s) && rp < 0; i++ {
		switch s[i] {
		case '(':
			depth++
		case ')':
			depth--
			if depth == 0 {
				rp = i
			}
		}
	}
	if rp < 0 {
		return nil, fmt.Errorf("unbalanced parentheses")
	}
	arrow := strings.Index(s[rp:], "->")
	if arrow >= 0 {
		arrow += rp
	}
	full := strings.TrimSpace(s[:lp])
	full = strings.TrimPrefix(full, "aten::")
	op := &Op{key: "aten::" + full}
	base := full
	if i := strings.IndexByte(full, '.'); i >= 0 {
		base = full[:i]
	}
	op.name = "aten::" + base
	kw := false
	for _, part := range splitTop(s[lp+1 : rp]) {
		part = strings.TrimSpace(part)
		if part == "" {
			continue
		}
		if part == "*" {
			kw = true
			continue
		}
		p := Param{KwargOnly: kw}
		def := ""
		if i := strings.IndexByte(part, '='); i >= 0 {
			def = strings.TrimSpace(part[i+1:])
			part = strings.TrimSpace(part[:i])
			p.HasDefault = true
		}
		f := strings.Fields(stripAlias(part))
		if len(f) != 2 {
			return nil, fmt.Errorf("bad parameter %q", part)
		}
		p.Type, p.Name = stripAlias(f[0]), f[1]
		if strings.HasPrefix(p.Type, "int[") {
			p.Type = "int[]" + strings.TrimLeft(p.Type[4:], "0123456789]")
		}
		if p.HasDefault {
			v, err := parseDefault(p.Type, def)
			if err != nil {
				return nil, fmt.Errorf("parameter %s: %v", p.Name, err)
			}
			p.Default = v
		}
		op.Params = append(op.Params, p)
	}
	if arrow >= 0 {
		r := strings.TrimSpace(s[arrow+2:])
		r = strings.TrimSuffix(strings.TrimPrefix(r, "("), ")")
		for _, x := range splitTop(r) {
			if x = strings.TrimSpace(x); x != "" {
				op.Returns = append(op.Returns, stripAlias(strings.Fields(x)[0]))
			}
		}
	}
	return op, nil
}

func splitTop(s string) []string {
	var out []string
	depth, start := 0, 0
	for i, c := range s {
		switch c {
		case '[', '(':
			depth++
		case ']', ')':
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

func parseDefault(typ, d string) (any, error) {
	if d == "None" {
		return nil, nil
	}
	base := strings.TrimSuffix(typ, "?")
	switch base {
	case "Scalar":
		if strings.ContainsAny(d, ".e") || d == "inf" || d == "-inf" {
			f, err := strconv.ParseFloat(d, 64)
			return Float(f), err
		}
		if d == "True" || d == "False" {
			return BoolScalar(d == "True"), nil
		}
		i, err := strconv.ParseInt(d, 10, 64)
		return Int(i), err
	case "float":
		return strconv.ParseFloat(d, 64)
	case "int":
		return strconv.Atoi(d)
	case "bool":
		return d == "True", nil
	case "str":
		return strings.Trim(d, "\"'"), nil
	case "ScalarType":
		return ParseDType(d)
	case "int[]":
		d = strings.Trim(d, "[]")
		out := []int{}
		for _, x := range strings.Split(d, ",") {
			if x = strings.TrimSpace(x); x != "" {
				n, err := strconv.Atoi(x)
				if err != nil {
					return nil, err
				}
				out = append(out, n)
			}
		}
		return out, nil
	}
	return nil, fmt.Errorf("cannot parse default %q for type %s", d, typ)
}

// Args are an op's arguments normalized to the schema: *Tensor (nil for
// None), []*Tensor, Scalar, int, []int, float64, bool, string, DType, or
// nil for None.
type Args []any

// T returns argument i as a tensor (nil for None).
func (a Args) T(i int) *Tensor { t, _ := a[i].(*Tensor); return t }

// Ts returns argument i as a tensor list.
func (a Args) Ts(i int) []*Tensor { t, _ := a[i].([]*Tensor); return t }

// S returns argument i as a Scalar.
func (a Args) S(i int) Scalar { s, _ := a[i].(Scalar); return s }

// I returns argument i as an int.
func (a Args) I(i int) int { n, _ := a[i].(int); return n }

// Is returns argument i as an int list (nil for None).
func (a Args) Is(i int) []int { n, _ := a[i].([]int); return n }

// F returns argument i as a float64.
func (a Args) F(i int) float64 { f, _ := a[i].(float64); return f }

// B returns argument i as a bool.
func (a Args) B(i int) bool { b, _ := a[i].(bool); return b }

// Str returns argument i as a string.
func (a Args) Str(i int) string { s, _ := a[i].(string); return s }

// D returns argument i as a DType and whether it was given.
func (a Args) D(i int) (DType, bool) { d, ok := a[i].(DType); return d, ok }

// None reports whether argument i is None.
func (a Args) None(i int) bool { return a[i] == nil }

// wrapScalar turns a Go number into a 0-dim "wrapped number" tensor, as
// PyTorch does for scalars passed where a Tensor is expected: it does not
// take part in type promotion as a tensor.
func wrapScalar(s Scalar) *Tensor {
	var t *Tensor
	switch s.Kind {
	case Bool:
		t = ScalarTensor(s.F, Bool)
	case Int64:
		t = newTensor(Int64, nil)
		t.st.data.([]int64)[0] = s.I
	default:
		t = ScalarTensor(s.F, Float64)
	}
	t.wrapped = true
	return t
}

func normalizeArg(p *Param, v any) (any, error) {
	opt := strings.HasSuffix(p.Type, "?")
	if v == nil {
		if opt || p.Type == "Tensor?" {
			return nil, nil
		}
		if p.Type == "Tensor" {
			return nil, fmt.Errorf("expected Tensor for argument '%s' but got None", p.Name)
		}
		return nil, fmt.Errorf("argument '%s' must not be None", p.Name)
	}
	bad := func() error {
		return fmt.Errorf("argument '%s' must be %s, not %T", p.Name, p.Type, v)
	}
	switch strings.TrimSuffix(p.Type, "?") {
	case "Tensor":
		switch x := v.(type) {
		case *Tensor:
			if x == nil && !opt {
				return nil, fmt.Errorf("expected Tensor for argument '%s' but got None", p.Name)
			}
			if x == nil {
				return nil, nil
			}
			return x, nil
		}
		if s, ok := toScalar(v); ok {
			return wrapScalar(s), nil
		}
		return nil, bad()
	case "Tensor[]", "Tensor?[]":
		if x, ok := v.([]*Tensor); ok {
			if p.Type == "Tensor[]" {
				for _, t := range x {
					if t == nil {
						return nil, fmt.Errorf("expected Tensor for argument '%s' but got None", p.Name)
					}
				}
			}
			return x, nil
		}
		return nil, bad()
	case "Scalar":
		if s, ok := toScalar(v); ok {
			return s, nil
		}
		if t, ok := v.(*Tensor); ok && t.Numel() == 1 {
			f, _ := t.Item()
			if t.dtype.IsFloat() {
				return Float(f), nil
			} else if t.dtype == Bool {
				return BoolScalar(f != 0), nil
			}
			return Int(int64(f)), nil
		}
		return nil, bad()
	case "int":
		switch x := v.(type) {
		case int:
			return x, nil
		case int64:
			return int(x), nil
		case int32:
			return int(x), nil
		case float64:
			if x == math.Trunc(x) {
				return int(x), nil
			}
		case Scalar:
			if x.Kind != Float64 || x.F == math.Trunc(x.F) {
				return int(x.F), nil
			}
		case bool:
			if x {
				return 1, nil
			}
			return 0, nil
		}
		return nil, bad()
	case "int[]":
		switch x := v.(type) {
		case []int:
			return x, nil
		case int:
			return []int{x}, nil
		case []int64:
			o := make([]int, len(x))
			for i, y := range x {
				o[i] = int(y)
			}
			return o, nil
		case []float64:
			o := make([]int, len(x))
			for i, y := range x {
				o[i] = int(y)
			}
			return o, nil
		}
		return nil, bad()
	case "float":
		if s, ok := toScalar(v); ok {
			return s.F, nil
		}
		return nil, bad()
	case "bool":
		if b, ok := v.(bool); ok {
			return b, nil
		}
		return nil, bad()
	case "str":
		if s, ok := v.(string); ok {
			return s, nil
		}
		return nil, bad()
	case "ScalarType":
		switch x := v.(type) {
		case DType:
			return x, nil
		case string:
			return ParseDType(x)
		}
		return nil, bad()
	}
	return v, nil
}

// normalize maps positional and named Go values onto the schema.
func (op *Op) normalize(pos []any, named map[string]any) (Args, error) {
	if len(pos) > len(op.Params) {
		return nil, fmt.Errorf("%s() takes %d arguments but %d were given", op.name[6:], len(op.Params), len(pos))
	}
	a := make(Args, len(op.Params))
	for i := range op.Params {
		p := &op.Params[i]
		var v any
		have := false
		if i < len(pos) {
			v, have = pos[i], true
		}
		if nv, ok := named[p.Name]; ok {
			if have {
				return nil, fmt.Errorf("%s() got multiple values for argument '%s'", op.name[6:], p.Name)
			}
			v, have = nv, true
		}
		if !have {
			if !p.HasDefault {
				return nil, fmt.Errorf("%s() missing required argument '%s' (pos %d)", op.name[6:], p.Name, i+1)
			}
			a[i] = p.Default
			continue
		}
		nv, err := normalizeArg(p, v)
		if err != nil {
			return nil, fmt.Errorf("%s(): %v", op.name[6:], err)
		}
		a[i] = nv
	}
	for k := range named {
		found := false
		for _, p := range op.Params {
			if p.Name == k {
				found = true
			}
		}
		if !found {
			return nil, fmt.Errorf("%s() got an unexpected keyword argument '%s'", op.name[6:], k)
		}
	}
	return a, nil
}

// Call runs the named op ("aten::add" or "add") with positional arguments.
// An overloaded name ("max", "pow") picks the overload that fits the
// arguments; a full key ("aten::max.dim") selects one.
func (rt *Runtime) Call(name string, args ...any) ([]*Tensor, error) {
	op, a, err := resolve(name, args, nil)
	if err != nil {
		return nil, err
	}
	return rt.Run(op, a)
}

// CallNamed runs an op with positional and named arguments.
func (rt *Runtime) CallNamed(name string, pos []any, named map[string]any) ([]*Tensor, error) {
	op, a, err := resolve(name, pos, named)
	if err != nil {
		return nil, err
	}
	return rt.Run(op, a)
}

// CallOp runs op with arguments normalized against its schema.
func (rt *Runtime) CallOp(op *Op, pos []any, named map[string]any) ([]*Tensor, error) {
	a, err := op.normalize(pos, named)
	if err != nil {
		return nil, err
	}
	return rt.Run(op, a)
}

// call1 runs op and returns its single output.
func (rt *Runtime) call1(op *Op, args ...any) (*Tensor, error) {
	a, err := op.normalize(args, nil)
	if err != nil {
		return nil, err
	}
	outs, err := rt.Run(op, a)
	if err != nil {
		return nil, err
	}
	return outs[0], nil
}

// Run is the single path every op call takes: kernel, autograd recording,
// hooks. Panics inside kernels are turned into errors.
func (rt *Runtime) Run(op *Op, a Args) (outs []*Tensor, err error) {
	if rt.interrupted() {
		return nil, ErrInterrupted
	}
	if usesReleased(a) {
		// checked here, not left to the kernel: a kernel split over
		// goroutines would panic outside Run's recover
		return nil, fmt.Errorf("%s(): a tensor argument was released (Runtime.Release) and has no data", op.name[6:])
	}
	opStart()
	defer opEnd()
	d := &op.def
	record := false
	if !d.Composite && d.Backward != nil && rt.gradEnabled {
		record = anyRequiresGrad(a)
	}
	var self *Tensor
	var oldSelf *Tensor
	if d.Inplace {
		self = a.T(0)
		if rt.gradEnabled {
			if err := checkInplace(self); err != nil {
				return nil, err
			}
		}
		if record {
			oldSelf = snapshotForInplace(self)
			a[0] = oldSelf
		}
	}
	func() {
		oldGrad, oldDepth := rt.gradEnabled, rt.depth
		defer func() {
			rt.gradEnabled, rt.depth = oldGrad, oldDepth
			if oldSelf != nil {
				a[0] = oldSelf
			}
			if r := recover(); r != nil {
				outs = nil
				err = fmt.Errorf("internal error in %s: %v\n%s", op.key, r, debug.Stack())
			}
		}()
		rt.depth++
		if !d.Composite {
			rt.gradEnabled = false
		}
		if d.Inplace && oldSelf != nil {
			a[0] = self // the kernel writes into self
		}
		outs, err = d.Kernel(rt, a)
	}()
	if err != nil {
		return nil, err
	}
	if rt.interrupted() {
		// a kernel that noticed the interrupt may have stopped early
		return nil, ErrInterrupted
	}
	if record {
		var base *Tensor
		var baseEdge edge
		if d.Inplace && self.base != nil {
			base, baseEdge = self.base, gradEdge(self.base)
		}
		keepAll(a, outs) // the node holds them
		recordNode(rt, op, a, outs)
		if base != nil && self.ag != nil && self.ag.gradFn != nil {
			rebaseOnView(rt, base, baseEdge, self)
		}
	}
	if d.Inplace {
		// after recording: saved inputs aliasing self keep the old version
		// and fail the check in backward, as in PyTorch
		self.st.version++
	}
	if rt.depth == 0 && rt.inBackward == 0 && len(rt.hooks) > 0 {
		if d.Inplace {
			a[0] = self
		}
		keepAll(a, outs) // hooks may map them
		c := &Call{Op: op, Args: a, Outputs: outs}
		rt.depth++ // ops a hook runs itself are not reported
		defer func() { rt.depth-- }()
		for _, h := range rt.hooks {
			if err := h.AfterOp(c); err != nil {
				return nil, err
			}
		}
	}
	return outs, nil
}

// anyTensor reports whether f holds for some tensor among an op call's
// arguments (tensor arguments and tensor lists).
func anyTensor(a Args, f func(*Tensor) bool) bool {
	for _, v := range a {
		switch x := v.(type) {
		case *Tensor:
			if x != nil && f(x) {
				return true
			}
		case []*Tensor:
			for _, t := range x {
				if t != nil && f(t) {
					return true
				}
			}
		}
	}
	return false
}

func usesReleased(a Args) bool {
	return anyTensor(a, func(t *Tensor) bool { return t.st.released })
}

// keepAll marks the tensors of an op call as kept (see Release).
func keepAll(a Args, outs []*Tensor) {
	anyTensor(a, func(t *Tensor) bool { t.kept.Store(true); return false })
	for _, t := range outs {
		if t != nil {
			t.kept.Store(true)
		}
	}
}

func anyRequiresGrad(a Args) bool {
	return anyTensor(a, (*Tensor).RequiresGrad)
}

// tensorInputs flattens the tensor arguments: every Tensor/Tensor? slot
// (nil for None) and every element of Tensor[] slots, in order.
func tensorInputs(op *Op, a Args) []*Tensor {
	var out []*Tensor
	for i, p := range op.Params {
		switch p.Type {
		case "Tensor", "Tensor?":
			out = append(out, a.T(i))
		case "Tensor[]":
			out = append(out, a.Ts(i)...)
		}
	}
	return out
}

// stripAlias removes alias annotations: "Tensor(a!)" -> "Tensor".
func stripAlias(t string) string {
	for {
		i := strings.IndexByte(t, '(')
		if i < 0 {
			return t
		}
		j := strings.IndexByte(t[i:], ')')
		if j < 0 {
			return t
		}
		t = t[:i] + t[i+j+1:]
	}
}
