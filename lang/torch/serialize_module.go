package torch

// torch_save(module) / torch_load for whole modules. R torch saves a
// module's state dict and, after it, R's serialize() of the module object
// (its R6 environment: class, methods, fields, children), so that
// torch_load returns a module that runs. torchr writes PyTorch's zip
// archive as before, so torch.load in Python still reads the state dict
// (archive/data.pkl), and adds a second pickle, archive/torchr/module.pkl,
// describing the module graph: every module's class, parameters, buffers,
// children, fields, private values and training flag; every user-defined
// class (nn_module(...)) with its methods as R source; and the variables
// those methods refer to in the environment they were defined in (R's
// serialize keeps the whole environment; we keep what the code names).
// Classes defined by torch itself (nn_linear, ...) are saved by name.
// Tensors in both pickles share their storages.
//
// Loading evaluates no code but function literals: each saved R value is
// parsed and checked to be a constant, a c()/list()/structure() of
// constants, or a function definition before it is evaluated.

import (
	"fmt"
	"slices"

	"torchr/lang/eval"
	"torchr/lang/syntax"
	"torchr/tensor"
	"torchr/tensor/ptfile"
)

// moduleRecord is the archive record of the module graph.
const moduleRecord = "torchr/module.pkl"

// Environment indices that are not saved records.
const (
	envGlobal  = -1
	envPrelude = -2
	envBase    = -3
)

type modSaver struct {
	in      *eval.Interp
	s       *saver
	prelude *eval.Env
	preGens map[*ModuleGenerator]string
	mods    map[*Module]int
	modRecs []any
	gens    map[*ModuleGenerator]int
	genRecs []any
	envs    map[*eval.Env]int
	envRecs []*ptfile.Dict
	envVars []map[string]bool // names captured (or being captured) per env record
	envFull []bool            // an environment value: all its variables are kept
}

func newModSaver(in *eval.Interp, s *saver) (*modSaver, error) {
	env, err := sessionPrelude(in)
	if err != nil {
		return nil, err
	}
	ms := &modSaver{in: in, s: s, prelude: env, preGens: map[*ModuleGenerator]string{},
		mods: map[*Module]int{}, gens: map[*ModuleGenerator]int{}, envs: map[*eval.Env]int{}}
	for _, n := range env.Names() {
		if v, ok := env.GetLocal(n); ok {
			if g, ok := v.(*ModuleGenerator); ok {
				ms.preGens[g] = n
			}
		}
	}
	return ms, nil
}

// graph is the pickled description of the module graph of v: a module, or
// a (nested) list holding modules (its "root" is v encoded as ms.value
// encodes list elements).
func (ms *modSaver) graph(v eval.Value) (any, error) {
	root, err := ms.value(v)
	if err != nil {
		return nil, err
	}
	envs := make([]any, len(ms.envRecs))
	for i, e := range ms.envRecs {
		envs[i] = e
	}
	d := &ptfile.Dict{}
	d.Set("format", "torchr nn_module")
	d.Set("version", int64(1))
	d.Set("root", root)
	d.Set("modules", &ptfile.List{Items: ms.modRecs})
	d.Set("generators", &ptfile.List{Items: ms.genRecs})
	d.Set("environments", &ptfile.List{Items: envs})
	return d, nil
}

// holdsModule reports whether v is a module or a list holding one.
func holdsModule(v eval.Value) bool {
	switch x := v.(type) {
	case *Module:
		return true
	case *eval.List:
		for _, e := range x.V {
			if holdsModule(e) {
				return true
			}
		}
	}
	return false
}

func (ms *modSaver) module(m *Module) (int64, error) {
	if i, ok := ms.mods[m]; ok {
		return int64(i), nil
	}
	if m.gen == scriptGen {
		return 0, fmt.Errorf("torch_save: a traced module (script_module) is saved with jit_save()")
	}
	if m.isDataset() {
		return 0, fmt.Errorf("torch_save: saving a dataset is not supported")
	}
	idx := len(ms.modRecs)
	ms.mods[m] = idx
	rec := &ptfile.Dict{}
	ms.modRecs = append(ms.modRecs, rec)
	gi, err := ms.generator(m.gen)
	if err != nil {
		return 0, err
	}
	rec.Set("generator", gi)
	rec.Set("classes", strList(m.classes))
	rec.Set("training", m.training)
	tensors := func(nt namedTensors) (*ptfile.Dict, error) {
		d := &ptfile.Dict{Ordered: true}
		for i, n := range nt.names {
			var v any
			if t := nt.ts[i]; t != nil {
				pt, err := ms.s.tensor(t)
				if err != nil {
					return nil, err
				}
				v = pt
			}
			d.Set(n, v)
		}
		return d, nil
	}
	ps, err := tensors(m.params)
	if err != nil {
		return 0, err
	}
	rec.Set("parameters", ps)
	bs, err := tensors(m.buffers)
	if err != nil {
		return 0, err
	}
	rec.Set("buffers", bs)
	var np []string
	for _, n := range m.buffers.names {
		if m.nonPers[n] {
			np = append(np, n)
		}
	}
	rec.Set("nonpersistent", strList(np))
	children := &ptfile.Dict{Ordered: true}
	for _, c := range m.mods {
		ci, err := ms.module(c.m)
		if err != nil {
			return 0, err
		}
		children.Set(c.name, ci)
	}
	rec.Set("children", children)
	fields := &ptfile.Dict{Ordered: true}
	for _, n := range m.forder {
		v, err := ms.value(m.fields[n])
		if err != nil {
			return 0, fmt.Errorf("torch_save: field `%s` of the module: %v", n, err)
		}
		fields.Set(n, v)
	}
	rec.Set("fields", fields)
	private := &ptfile.Dict{Ordered: true}
	for _, n := range m.private.Names() {
		v, _ := m.private.GetLocal(n)
		if c, ok := v.(*eval.Closure); ok && boundTo(c, m) {
			continue // a method of the class, bound again on load
		}
		if p, ok := v.(*eval.Promise); ok {
			if v, err = ms.in.Force(p); err != nil {
				return 0, err
			}
		}
		ev, err := ms.value(v)
		if err != nil {
			return 0, fmt.Errorf("torch_save: private field `%s` of the module: %v", n, err)
		}
		private.Set(n, ev)
	}
	rec.Set("private", private)
	return int64(idx), nil
}

// boundTo reports whether c is one of m's methods (its environment holds
// self = m).
func boundTo(c *eval.Closure, m *Module) bool {
	if c.Env == nil {
		return false
	}
	self, ok := c.Env.GetLocal("self")
	return ok && self == eval.Value(m)
}

func (ms *modSaver) generator(g *ModuleGenerator) (int64, error) {
	if i, ok := ms.gens[g]; ok {
		return int64(i), nil
	}
	if g.dataset {
		return 0, fmt.Errorf("torch_save: saving a dataset is not supported")
	}
	idx := len(ms.genRecs)
	ms.gens[g] = idx
	if name, ok := ms.preGens[g]; ok {
		ms.genRecs = append(ms.genRecs, ptfile.Tuple{"torch", name})
		return int64(idx), nil
	}
	rec := &ptfile.Dict{}
	ms.genRecs = append(ms.genRecs, rec)
	rec.Set("classname", g.Classname)
	rec.Set("classes", strList(g.classes))
	var parent any
	if g.parent != nil {
		pi, err := ms.generator(g.parent)
		if err != nil {
			return 0, err
		}
		parent = pi
	}
	rec.Set("parent", parent)
	ei, err := ms.env(g.env)
	if err != nil {
		return 0, err
	}
	rec.Set("env", ei)
	for _, part := range []struct {
		key     string
		members []member
	}{{"public", g.public}, {"private", g.private}, {"active", g.active}} {
		d := &ptfile.Dict{Ordered: true}
		for _, mb := range part.members {
			v, err := ms.value(mb.v)
			if err != nil {
				return 0, fmt.Errorf("torch_save: `%s` of class %s: %v", mb.name, g.Classname, err)
			}
			d.Set(mb.name, v)
		}
		rec.Set(part.key, d)
	}
	return int64(idx), nil
}

// env returns the index of e: a record of the variables that saved code
// names (filled in as closures are saved), or one of the shared
// environments.
func (ms *modSaver) env(e *eval.Env) (int64, error) {
	switch {
	case e == nil || e == ms.in.Global:
		return envGlobal, nil
	case e == ms.prelude:
		return envPrelude, nil
	case e == ms.in.Base:
		return envBase, nil
	}
	if i, ok := ms.envs[e]; ok {
		return int64(i), nil
	}
	idx := len(ms.envRecs)
	ms.envs[e] = idx
	rec := &ptfile.Dict{}
	ms.envRecs = append(ms.envRecs, rec)
	ms.envVars = append(ms.envVars, map[string]bool{})
	ms.envFull = append(ms.envFull, false)
	pi, err := ms.env(e.Parent)
	if err != nil {
		return 0, err
	}
	rec.Set("parent", pi)
	rec.Set("vars", &ptfile.Dict{Ordered: true})
	return int64(idx), nil
}

// capture keeps variable name of the saved environment that holds it as
// seen from e. Values that cannot be saved are left out: the name may be
// a local variable of the code rather than the captured one.
func (ms *modSaver) capture(e *eval.Env, name string) error {
	h := e.LookupEnv(name)
	if h == nil {
		return nil
	}
	hi, err := ms.env(h)
	if err != nil || hi < 0 {
		return err
	}
	if ms.envVars[hi][name] {
		return nil
	}
	ms.envVars[hi][name] = true
	v, _ := h.GetLocal(name)
	if p, ok := v.(*eval.Promise); ok {
		if v, err = ms.in.Force(p); err != nil {
			return nil
		}
	}
	ev, err := ms.value(v)
	if err != nil {
		return nil
	}
	vars, _ := ms.envRecs[hi].Get("vars")
	vars.(*ptfile.Dict).Set(name, ev)
	return nil
}

// value encodes an R value: tensors as tensors, constants as their R
// source, the rest as tagged tuples.
func (ms *modSaver) value(v eval.Value) (any, error) {
	if plainValue(v) {
		return ptfile.Tuple{"r", eval.DeparseValue(v)}, nil
	}
	switch x := v.(type) {
	case *Tensor:
		if x.T == nil {
			return ptfile.Tuple{"undefined"}, nil
		}
		return ms.s.tensor(x.T)
	case *Module:
		i, err := ms.module(x)
		return ptfile.Tuple{"module", i}, err
	case *ModuleGenerator:
		i, err := ms.generator(x)
		return ptfile.Tuple{"generator", i}, err
	case *preludeRef:
		return ptfile.Tuple{"torch", x.name}, nil
	case *DType:
		return ptfile.Tuple{"dtype", x.String()}, nil
	case *Device:
		return ptfile.Tuple{"device", x.Type, int64(x.Index)}, nil
	case *eval.Builtin:
		if eval.LookupBuiltin(x.Name) != x {
			return nil, fmt.Errorf("cannot save the function %s", x.Name)
		}
		return ptfile.Tuple{"builtin", x.Name}, nil
	case *eval.Closure:
		ei, err := ms.env(x.Env)
		if err != nil {
			return nil, err
		}
		if ei >= 0 {
			for _, n := range freeNames(x) {
				if err := ms.capture(x.Env, n); err != nil {
					return nil, err
				}
			}
		}
		return ptfile.Tuple{"closure", eval.DeparseValue(x), ei}, nil
	case *eval.Env:
		ei, err := ms.env(x)
		if err != nil {
			return nil, err
		}
		if ei >= 0 && !ms.envFull[ei] {
			ms.envFull[ei] = true
			for _, n := range x.Names() {
				if err := ms.capture(x, n); err != nil {
					return nil, err
				}
			}
		}
		return ptfile.Tuple{"environment", ei}, nil
	case *eval.List:
		items := make([]any, len(x.V))
		for i, e := range x.V {
			ev, err := ms.value(e)
			if err != nil {
				return nil, err
			}
			items[i] = ev
		}
		var names any
		if ns := eval.Names(x); ns != nil {
			names = strList(ns)
		}
		var class any
		if cl, ok := x.Hdr().Attr("class").(*eval.Character); ok {
			class = strList(cl.V)
		}
		return ptfile.Tuple{"list", names, &ptfile.List{Items: items}, class}, nil
	}
	return nil, fmt.Errorf("cannot save a value of class %s", eval.ImplicitClass(v)[0])
}

// plainValue reports whether v is a constant that deparse() writes as R
// source which reads back the same: atomic vectors, NULL and lists of
// them (with attributes of the same kind).
func plainValue(v eval.Value) bool {
	switch x := v.(type) {
	case *eval.NullType:
		return true
	case *eval.Logical, *eval.Integer, *eval.Double, *eval.Complex, *eval.Character:
	case *eval.List:
		for _, e := range x.V {
			if !plainValue(e) {
				return false
			}
		}
	default:
		return false
	}
	for _, a := range v.(eval.Attributed).Hdr().Attributes() {
		if !plainValue(a.Value) {
			return false
		}
	}
	return true
}

// freeNames lists the identifiers a closure's code mentions (a superset of
// its free variables).
func freeNames(c *eval.Closure) []string {
	seen := map[string]bool{}
	var out []string
	visit := func(n syntax.Node) bool {
		if id, ok := n.(*syntax.Ident); ok && !seen[id.Name] {
			seen[id.Name] = true
			out = append(out, id.Name)
		}
		return true
	}
	for _, p := range c.Params {
		if p.Default != nil {
			syntax.Inspect(p.Default, visit)
		}
	}
	if c.Body != nil {
		syntax.Inspect(c.Body, visit)
	}
	return out
}

func strList(s []string) *ptfile.List {
	items := make([]any, len(s))
	for i, x := range s {
		items[i] = x
	}
	return &ptfile.List{Items: items}
}

// --- loading ---

type modLoader struct {
	in      *eval.Interp
	l       *loader
	rec     *ptfile.Dict
	mods    []*Module
	modRecs []any
	gens    []*ModuleGenerator
	genRecs []any
	envs    []*eval.Env
	envRecs []any
}

func errBadModule(what string) error {
	return fmt.Errorf("torch_load: the saved module is damaged (%s)", what)
}

// loadModuleGraph rebuilds the module saved in the archive's module record.
func loadModuleGraph(in *eval.Interp, l *loader, g any) (eval.Value, error) {
	rec, ok := g.(*ptfile.Dict)
	if !ok {
		return nil, errBadModule("not a dict")
	}
	if f, _ := rec.Get("format"); f != "torchr nn_module" {
		return nil, errBadModule("unknown format")
	}
	if v, _ := rec.Get("version"); v != int64(1) {
		return nil, fmt.Errorf("torch_load: this version of torchr can't load modules saved with format version %v", v)
	}
	ml := &modLoader{in: in, l: l, rec: rec}
	for _, k := range []string{"modules", "generators", "environments"} {
		v, _ := rec.Get(k)
		lst, ok := v.(*ptfile.List)
		if !ok {
			return nil, errBadModule("no " + k)
		}
		switch k {
		case "modules":
			ml.modRecs, ml.mods = lst.Items, make([]*Module, len(lst.Items))
		case "generators":
			ml.genRecs, ml.gens = lst.Items, make([]*ModuleGenerator, len(lst.Items))
		default:
			ml.envRecs, ml.envs = lst.Items, make([]*eval.Env, len(lst.Items))
		}
	}
	if len(ml.modRecs) == 0 {
		return nil, errBadModule("no modules")
	}
	if root, ok := rec.Get("root"); ok {
		return ml.value(root)
	}
	return ml.module(int64(0))
}

func index(v any, n int, what string) (int, error) {
	i, ok := v.(int64)
	if !ok || i < 0 || i >= int64(n) {
		return 0, errBadModule("bad " + what + " index")
	}
	return int(i), nil
}

func dictOf(d *ptfile.Dict, key string) (*ptfile.Dict, error) {
	v, _ := d.Get(key)
	r, ok := v.(*ptfile.Dict)
	if !ok {
		return nil, errBadModule("no " + key)
	}
	return r, nil
}

func strsOf(v any) ([]string, error) {
	l, ok := v.(*ptfile.List)
	if !ok {
		return nil, errBadModule("not a list of strings")
	}
	out := make([]string, len(l.Items))
	for i, x := range l.Items {
		s, ok := x.(string)
		if !ok {
			return nil, errBadModule("not a list of strings")
		}
		out[i] = s
	}
	return out, nil
}

func (ml *modLoader) module(v any) (*Module, error) {
	i, err := index(v, len(ml.modRecs), "module")
	if err != nil {
		return nil, err
	}
	if m := ml.mods[i]; m != nil {
		return m, nil
	}
	rec, ok := ml.modRecs[i].(*ptfile.Dict)
	if !ok {
		return nil, errBadModule("module record")
	}
	gv, _ := rec.Get("generator")
	g, err := ml.generator(gv)
	if err != nil {
		return nil, err
	}
	in := ml.in
	m := newModule(g)
	m.in = in
	ml.mods[i] = m
	m.bind(in, g)
	// the saved fields replace the class's defaults, in their saved order
	m.fields, m.forder = map[string]eval.Value{}, nil
	cv, _ := rec.Get("classes")
	if m.classes, err = strsOf(cv); err != nil {
		return nil, err
	}
	tr, _ := rec.Get("training")
	m.training = tr == true
	mk := sessionMarks(in)
	for _, part := range []string{"parameters", "buffers"} {
		d, err := dictOf(rec, part)
		if err != nil {
			return nil, err
		}
		for k, key := range d.Keys {
			name, _ := key.(string)
			var t *tensor.Tensor
			if d.Values[k] != nil {
				tv, err := ml.l.value(d.Values[k])
				if err != nil {
					return nil, err
				}
				if t = Unwrap(tv); t == nil {
					return nil, errBadModule(part + " that are not tensors")
				}
			}
			if part == "parameters" {
				m.params.set(name, t)
				if t != nil {
					mk.set(t, markKind{})
				}
			} else {
				m.buffers.set(name, t)
			}
		}
	}
	np, _ := rec.Get("nonpersistent")
	nps, err := strsOf(np)
	if err != nil {
		return nil, err
	}
	for i, n := range m.buffers.names {
		pers := !slices.Contains(nps, n)
		if !pers {
			m.nonPers[n] = true
		}
		if t := m.buffers.ts[i]; t != nil {
			mk.set(t, markKind{buffer: true, persistent: pers})
		}
	}
	children, err := dictOf(rec, "children")
	if err != nil {
		return nil, err
	}
	for k, key := range children.Keys {
		c, err := ml.module(children.Values[k])
		if err != nil {
			return nil, err
		}
		name, _ := key.(string)
		m.mods = append(m.mods, &namedModule{name, c})
	}
	fields, err := dictOf(rec, "fields")
	if err != nil {
		return nil, err
	}
	for k, key := range fields.Keys {
		v, err := ml.value(fields.Values[k])
		if err != nil {
			return nil, err
		}
		name, _ := key.(string)
		m.setField(name, v)
	}
	private, err := dictOf(rec, "private")
	if err != nil {
		return nil, err
	}
	for k, key := range private.Keys {
		v, err := ml.value(private.Values[k])
		if err != nil {
			return nil, err
		}
		name, _ := key.(string)
		m.private.Assign(name, v)
	}
	return m, nil
}

func (ml *modLoader) generator(v any) (*ModuleGenerator, error) {
	i, err := index(v, len(ml.genRecs), "class")
	if err != nil {
		return nil, err
	}
	if g := ml.gens[i]; g != nil {
		return g, nil
	}
	switch rec := ml.genRecs[i].(type) {
	case ptfile.Tuple:
		name, _ := rec[len(rec)-1].(string)
		g, err := preludeGen(ml.in, name)
		if err != nil {
			return nil, fmt.Errorf("torch_load: the module's class %s is not known to this torchr", name)
		}
		ml.gens[i] = g
		return g, nil
	case *ptfile.Dict:
		g := &ModuleGenerator{}
		ml.gens[i] = g
		cn, _ := rec.Get("classname")
		g.Classname, _ = cn.(string)
		cv, _ := rec.Get("classes")
		if g.classes, err = strsOf(cv); err != nil {
			return nil, err
		}
		if pv, _ := rec.Get("parent"); pv != nil {
			if g.parent, err = ml.generator(pv); err != nil {
				return nil, err
			}
		}
		ev, _ := rec.Get("env")
		if g.env, err = ml.env(ev); err != nil {
			return nil, err
		}
		for _, part := range []string{"public", "private", "active"} {
			d, err := dictOf(rec, part)
			if err != nil {
				return nil, err
			}
			var ms []member
			for k, key := range d.Keys {
				v, err := ml.value(d.Values[k])
				if err != nil {
					return nil, err
				}
				name, _ := key.(string)
				ms = append(ms, member{name, v})
			}
			switch part {
			case "public":
				g.public = ms
			case "private":
				g.private = ms
			default:
				g.active = ms
			}
		}
		return g, nil
	}
	return nil, errBadModule("class record")
}

func (ml *modLoader) env(v any) (*eval.Env, error) {
	switch v {
	case int64(envGlobal):
		return ml.in.Global, nil
	case int64(envPrelude):
		return sessionPrelude(ml.in)
	case int64(envBase):
		return ml.in.Base, nil
	}
	i, err := index(v, len(ml.envRecs), "environment")
	if err != nil {
		return nil, err
	}
	if e := ml.envs[i]; e != nil {
		return e, nil
	}
	rec, ok := ml.envRecs[i].(*ptfile.Dict)
	if !ok {
		return nil, errBadModule("environment record")
	}
	pv, _ := rec.Get("parent")
	if pi, ok := pv.(int64); ok && pi >= int64(i) {
		return nil, errBadModule("environment parent")
	}
	parent, err := ml.env(pv)
	if err != nil {
		return nil, err
	}
	e := eval.NewEnv(parent)
	ml.envs[i] = e
	vars, err := dictOf(rec, "vars")
	if err != nil {
		return nil, err
	}
	for k, key := range vars.Keys {
		val, err := ml.value(vars.Values[k])
		if err != nil {
			return nil, err
		}
		name, _ := key.(string)
		e.Assign(name, val)
	}
	return e, nil
}

func (ml *modLoader) value(v any) (eval.Value, error) {
	if _, ok := v.(*ptfile.Tensor); ok {
		return ml.l.value(v)
	}
	t, ok := v.(ptfile.Tuple)
	if !ok || len(t) == 0 {
		return nil, errBadModule("value")
	}
	tag, _ := t[0].(string)
	arg := func(k int) any {
		if k < len(t) {
			return t[k]
		}
		return nil
	}
	switch tag {
	case "r":
		src, _ := arg(1).(string)
		return ml.source(src, ml.in.Global, false)
	case "closure":
		e, err := ml.env(arg(2))
		if err != nil {
			return nil, err
		}
		src, _ := arg(1).(string)
		return ml.source(src, e, true)
	case "undefined":
		return undefinedTensor(), nil
	case "module":
		return ml.module(arg(1))
	case "generator":
		return ml.generator(arg(1))
	case "torch":
		name, _ := arg(1).(string)
		return (&preludeRef{name}).resolve(ml.in)
	case "dtype":
		name, _ := arg(1).(string)
		for _, d := range dtypeValues {
			if d.String() == name {
				return d, nil
			}
		}
		return nil, fmt.Errorf("torch_load: unknown dtype %s", name)
	case "device":
		typ, _ := arg(1).(string)
		idx, _ := arg(2).(int64)
		if typ == cpuDevice.Type && int(idx) == cpuDevice.Index {
			return cpuDevice, nil
		}
		return &Device{Type: typ, Index: int(idx)}, nil
	case "builtin":
		name, _ := arg(1).(string)
		if b := eval.LookupBuiltin(name); b != nil {
			return b, nil
		}
		return nil, fmt.Errorf("torch_load: unknown function %s", name)
	case "environment":
		return ml.env(arg(1))
	case "list":
		items, ok := arg(2).(*ptfile.List)
		if !ok {
			return nil, errBadModule("list")
		}
		vals := make([]eval.Value, len(items.Items))
		for i, it := range items.Items {
			val, err := ml.value(it)
			if err != nil {
				return nil, err
			}
			vals[i] = val
		}
		var names []string
		if nv := arg(1); nv != nil {
			ns, err := strsOf(nv)
			if err != nil || len(ns) != len(vals) {
				return nil, errBadModule("list names")
			}
			names = ns
		}
		l := eval.NewList(vals, names)
		if cv := arg(3); cv != nil {
			cl, err := strsOf(cv)
			if err != nil {
				return nil, err
			}
			l.Hdr().SetAttr("class", eval.NewStr(cl))
		}
		return l, nil
	}
	return nil, errBadModule("value tag " + tag)
}

// source evaluates saved R source in env after checking that it is a
// function definition (fn) or a constant.
func (ml *modLoader) source(src string, env *eval.Env, fn bool) (eval.Value, error) {
	file, err := syntax.ParseFile("<torch_load>", src)
	if err != nil || len(file.Exprs) != 1 {
		return nil, errBadModule("R source")
	}
	x := file.Exprs[0].X
	if _, isFn := x.(*syntax.Function); isFn != fn || (!fn && !constantExpr(x)) {
		return nil, errBadModule("R source that is not a constant")
	}
	return ml.in.Eval(x, env)
}

// constantFns are the calls deparse() writes for constants.
var constantFns = map[string]bool{"c": true, "list": true, "structure": true, "character": true,
	"numeric": true, "integer": true, "logical": true, "complex": true, "as.integer": true, "as.double": true}

func constantExpr(x syntax.Expr) bool {
	switch x := x.(type) {
	case *syntax.Num, *syntax.Int, *syntax.Imag, *syntax.Str, *syntax.Const:
		return true
	case *syntax.Unary:
		return (x.Op == syntax.MINUS || x.Op == syntax.PLUS) && constantExpr(x.X)
	case *syntax.Binary:
		return x.OpText == ":" && constantExpr(x.X) && constantExpr(x.Y)
	case *syntax.Paren:
		return constantExpr(x.X)
	case *syntax.Call:
		id, ok := x.Fn.(*syntax.Ident)
		if !ok || !constantFns[id.Name] {
			return false
		}
		for _, a := range x.Args {
			if a.Value != nil && !constantExpr(a.Value) {
				return false
			}
		}
		return true
	}
	return false
}
