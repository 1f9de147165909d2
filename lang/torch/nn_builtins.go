package torch

import (
	"embed"
	"fmt"
	"sort"
	"strings"
	"sync"

	"torchr/lang/eval"
	"torchr/lang/syntax"
	"torchr/tensor"
)

// The modules of R torch written in R (lang/torch/prelude/*.R), evaluated
// once per session on first use, in an environment whose parent is the
// session's base environment. Every top-level name they define is
// registered as a base variable that resolves to the session's value.

//go:embed prelude/*.R
var preludeFS embed.FS

type preludeKey struct{}

type preludeState struct {
	env     *eval.Env
	loading bool
}

func preludeFiles() []string {
	ents, _ := preludeFS.ReadDir("prelude")
	var out []string
	for _, e := range ents {
		out = append(out, "prelude/"+e.Name())
	}
	sort.Strings(out)
	return out
}

// preludeDecls is the prelude parsed once, for what start-up reads from it
// (the names it defines, the formals for help pages); each session still
// evaluates its own parse (sessionPrelude), so nothing shares the trees
// the evaluator runs.
var preludeDecls = sync.OnceValue(func() []*syntax.File {
	var files []*syntax.File
	for _, f := range preludeFiles() {
		src, _ := preludeFS.ReadFile(f)
		file, err := syntax.ParseFile(f, string(src))
		if err != nil {
			panic(fmt.Sprintf("torch prelude %s: %v", f, err))
		}
		files = append(files, file)
	}
	return files
})

func sessionPrelude(in *eval.Interp) (*eval.Env, error) {
	if st, ok := in.Local[preludeKey{}].(*preludeState); ok {
		return st.env, nil
	}
	st := &preludeState{env: eval.NewEnv(in.Base), loading: true}
	if in.Local == nil {
		in.Local = map[any]any{}
	}
	in.Local[preludeKey{}] = st
	for _, f := range preludeFiles() {
		src, _ := preludeFS.ReadFile(f)
		file, err := syntax.ParseFile(f, string(src))
		if err != nil {
			return nil, fmt.Errorf("torch prelude: %v", err)
		}
		for _, x := range file.Exprs {
			if _, err := in.Eval(x.X, st.env); err != nil {
				return nil, fmt.Errorf("torch prelude %s:%d: %v", f, x.Line, err)
			}
		}
	}
	st.loading = false
	return st.env, nil
}

// preludeMethods are the torch_<name> functions written in the prelude:
// x$<name>(...) calls them with x first, as R torch's methods do.
var preludeMethods = map[string]bool{}

// preludeRef is the base variable of a prelude definition.
type preludeRef struct{ name string }

func (p *preludeRef) resolve(in *eval.Interp) (eval.Value, error) {
	env, err := sessionPrelude(in)
	if err != nil {
		return nil, err
	}
	v, ok := env.GetLocal(p.name)
	if !ok {
		return nil, fmt.Errorf("object '%s' not found", p.name)
	}
	if pr, ok := v.(*eval.Promise); ok {
		return in.Force(pr)
	}
	return v, nil
}

func (p *preludeRef) TypeName() string { return "closure" }
func (p *preludeRef) Class() []string {
	if strings.HasPrefix(p.name, "nn_") {
		return []string{p.name, "nn_module", "nn_module_generator"}
	}
	return []string{"function"}
}
func (p *preludeRef) Call(in *eval.Interp, c *eval.Frame, args []eval.Arg) (eval.Value, error) {
	v, err := p.resolve(in)
	if err != nil {
		return nil, err
	}
	return in.Apply(v, args, c.Call, c.Env)
}
func (p *preludeRef) PrintText(in *eval.Interp) (string, error) {
	v, err := p.resolve(in)
	if err != nil {
		return "", err
	}
	return in.FormatPrint(v, in.Global)
}

func preludeGen(in *eval.Interp, name string) (*ModuleGenerator, error) {
	v, err := (&preludeRef{name}).resolve(in)
	if err != nil {
		return nil, err
	}
	g, ok := v.(*ModuleGenerator)
	if !ok {
		return nil, fmt.Errorf("%s is not an nn_module generator", name)
	}
	return g, nil
}

func asGenerator(in *eval.Interp, v eval.Value) (*ModuleGenerator, error) {
	switch x := v.(type) {
	case *ModuleGenerator:
		return x, nil
	case *preludeRef:
		r, err := x.resolve(in)
		if err != nil {
			return nil, err
		}
		return asGenerator(in, r)
	case *Module:
		return x.gen, nil
	}
	return nil, fmt.Errorf("`inherit` must be an nn_module generator")
}

func init() {
	for _, file := range preludeDecls() {
		for _, x := range file.Exprs {
			if a, ok := x.X.(*syntax.Assign); ok {
				if id, ok := a.Lhs.(*syntax.Ident); ok && !strings.HasPrefix(id.Name, ".") {
					eval.RegisterVar(id.Name, &preludeRef{id.Name})
					if strings.HasPrefix(id.Name, "torch_") {
						preludeMethods[strings.TrimPrefix(id.Name, "torch_")] = true
					}
				}
			}
		}
	}

	eval.RegisterAll(
		&eval.Builtin{Name: "nn_module", Formals: []string{"classname = NULL", "inherit = NULL", "...", "private = NULL", "active = NULL", "parent_env = NULL"},
			Fn: func(c *eval.Frame, a []eval.Value) (eval.Value, error) {
				g := &ModuleGenerator{Classname: "nn_module", env: c.Env}
				if e, ok := a[5].(*eval.Env); ok {
					g.env = e
				}
				if s, ok := str1(a[0]); ok {
					g.Classname = s
				}
				var inherited []string
				if _, isNull := a[1].(*eval.NullType); a[1] != nil && !isNull {
					p, err := asGenerator(c.In, a[1])
					if err != nil {
						return nil, err
					}
					g.parent = p
					for _, cl := range p.classes {
						if cl != "nn_module" {
							inherited = append(inherited, cl)
						}
					}
				}
				cls := []string{}
				if _, ok := str1(a[0]); ok {
					cls = append(cls, g.Classname)
				}
				cls = append(cls, inherited...)
				cls = append(cls, "nn_module")
				if len(cls) == 1 {
					g.Classname = "nn_module"
				} else {
					g.Classname = cls[0]
				}
				g.classes = dedupLast(cls)
				dots := a[2].(*eval.List)
				names := eval.Names(dots)
				for i, v := range dots.V {
					if i >= len(names) || names[i] == "" {
						return nil, fmt.Errorf("all arguments in `...` must be named")
					}
					g.public = append(g.public, member{names[i], v})
				}
				readList := func(v eval.Value) []member {
					l, ok := v.(*eval.List)
					if !ok {
						return nil
					}
					ns := eval.Names(l)
					var out []member
					for i, x := range l.V {
						if i < len(ns) {
							out = append(out, member{ns[i], x})
						}
					}
					return out
				}
				g.private = readList(a[3])
				g.active = readList(a[4])
				return g, nil
			}},
		&eval.Builtin{Name: "nn_parameter", Formals: []string{"x", "requires_grad = TRUE"}, Fn: func(c *eval.Frame, a []eval.Value) (eval.Value, error) {
			t := Unwrap(a[0])
			if t == nil {
				return nil, fmt.Errorf("`x` must be a tensor.")
			}
			rg, err := BoolArg(a[1])
			if err != nil {
				return nil, err
			}
			if err := t.SetRequiresGrad(rg); err != nil {
				return nil, err
			}
			sessionMarks(c.In).set(t, markKind{})
			return a[0], nil
		}},
		&eval.Builtin{Name: "nn_buffer", Formals: []string{"x", "persistent = TRUE"}, Fn: func(c *eval.Frame, a []eval.Value) (eval.Value, error) {
			t := Unwrap(a[0])
			if t == nil {
				return nil, fmt.Errorf("`x` must be a tensor.")
			}
			p, err := BoolArg(a[1])
			if err != nil {
				return nil, err
			}
			sessionMarks(c.In).set(t, markKind{buffer: true, persistent: p})
			return a[0], nil
		}},
		&eval.Builtin{Name: "is_nn_parameter", Formals: []string{"x"}, Fn: func(c *eval.Frame, a []eval.Value) (eval.Value, error) {
			t := Unwrap(a[0])
			return eval.Bool(t != nil && IsParameter(c.In, t)), nil
		}},
		&eval.Builtin{Name: "is_nn_buffer", Formals: []string{"x"}, Fn: func(c *eval.Frame, a []eval.Value) (eval.Value, error) {
			t := Unwrap(a[0])
			if t == nil {
				return eval.False, nil
			}
			k, ok := sessionMarks(c.In).get(t)
			return eval.Bool(ok && k.buffer), nil
		}},
		&eval.Builtin{Name: "is_nn_module", Formals: []string{"x"}, Fn: func(c *eval.Frame, a []eval.Value) (eval.Value, error) {
			_, ok := a[0].(*Module)
			return eval.Bool(ok), nil
		}},
	)
}

func dedupLast(xs []string) []string {
	var out []string
	for i, x := range xs {
		dup := false
		for _, y := range xs[i+1:] {
			if y == x {
				dup = true
			}
		}
		if !dup {
			out = append(out, x)
		}
	}
	return out
}

// --- nn_Module's methods (Go) ---

var baseMethodNames = []string{"initialize", "forward", "add_module", "register_module", "register_parameter",
	"register_buffer", "train", "eval", ".apply", "cuda", "cpu", "to", "state_dict", "load_state_dict",
	"zero_grad", "apply", "named_parameters", "named_buffers", "print", "clone"}

func (m *Module) baseMethod(name string) *eval.Builtin {
	if b, ok := m.builtins[name]; ok {
		return b
	}
	b := m.makeBaseMethod(name)
	if b != nil {
		if m.builtins == nil {
			m.builtins = map[string]*eval.Builtin{}
		}
		m.builtins[name] = b
	}
	return b
}

func (m *Module) makeBaseMethod(name string) *eval.Builtin {
	invisible := map[string]bool{"add_module": true, "register_module": true, "register_parameter": true, "register_buffer": true,
		"train": true, "eval": true, "cuda": true, "cpu": true, "to": true, ".apply": true, "apply": true, "load_state_dict": true,
		"zero_grad": true, "print": true}
	mk := func(formals []string, fn func(c *eval.Frame, a []eval.Value) (eval.Value, error)) *eval.Builtin {
		return &eval.Builtin{Name: name, Formals: formals, Fn: fn, Invisible: invisible[name]}
	}
	self := func(c *eval.Frame) (eval.Value, error) { c.In.SetVisible(false); return m, nil }
	switch name {
	case "initialize":
		return mk([]string{"..."}, func(c *eval.Frame, a []eval.Value) (eval.Value, error) { return eval.Null, nil })
	case "forward":
		return mk([]string{"..."}, func(c *eval.Frame, a []eval.Value) (eval.Value, error) {
			return nil, fmt.Errorf("Forward method is not implemented")
		})
	case "add_module", "register_module":
		return mk([]string{"name", "module"}, func(c *eval.Frame, a []eval.Value) (eval.Value, error) {
			n := nameArg(a[0])
			switch x := a[1].(type) {
			case *Module:
				m.registerModule(n, x)
			case *eval.NullType:
				m.removeModule(n)
			case *ModuleGenerator, *preludeRef:
				return nil, fmt.Errorf("Module \"%s\" must be initialized", n)
			default:
				return nil, fmt.Errorf("Expected <nn_module> but got object of type <%s>", strings.Join(eval.ImplicitClass(a[1]), "/"))
			}
			c.In.SetVisible(false)
			return a[1], nil
		})
	case "register_parameter":
		return mk([]string{"name", "param"}, func(c *eval.Frame, a []eval.Value) (eval.Value, error) {
			t := Unwrap(a[1])
			if t == nil {
				m.params.remove(nameArg(a[0]))
				return self(c)
			}
			sessionMarks(c.In).set(t, markKind{})
			m.registerParameter(nameArg(a[0]), t)
			return self(c)
		})
	case "register_buffer":
		return mk([]string{"name", "tensor", "persistent = TRUE"}, func(c *eval.Frame, a []eval.Value) (eval.Value, error) {
			p, err := BoolArg(a[2])
			if err != nil {
				return nil, err
			}
			t := Unwrap(a[1])
			if t == nil {
				m.buffers.remove(nameArg(a[0]))
				return self(c)
			}
			m.registerBuffer(nameArg(a[0]), t, p)
			return self(c)
		})
	case "train":
		return mk([]string{"mode = TRUE"}, func(c *eval.Frame, a []eval.Value) (eval.Value, error) {
			on, err := BoolArg(a[0])
			if err != nil {
				return nil, err
			}
			m.setTraining(on)
			return self(c)
		})
	case "eval":
		return mk(nil, func(c *eval.Frame, a []eval.Value) (eval.Value, error) {
			m.setTraining(false)
			return self(c)
		})
	case "cuda", "cpu":
		return mk([]string{"..."}, func(c *eval.Frame, a []eval.Value) (eval.Value, error) { return self(c) })
	case "to":
		return mk([]string{"dtype = NULL", "device = NULL", "tensor = NULL", "non_blocking = FALSE", "copy = FALSE", "memory_format = NULL"}, func(c *eval.Frame, a []eval.Value) (eval.Value, error) {
			dt, ok, err := DTypeArg(a[0])
			if err != nil {
				return nil, err
			}
			if t := Unwrap(a[2]); t != nil && !ok {
				dt, ok = t.DType(), true
			}
			if !ok {
				return self(c)
			}
			if dt != tensor.Float32 && dt != tensor.Float64 {
				return nil, fmt.Errorf("nn.Module.to only accepts floating point dtypes, but got desired dtype %s", (&DType{dt}).String())
			}
			rt := Runtime(c.In)
			err = m.applyTensors(c.In, func(t *tensor.Tensor) (*tensor.Tensor, error) {
				if t.DType() != tensor.Float32 && t.DType() != tensor.Float64 || t.DType() == dt {
					return t, nil
				}
				return rt.To(t, dt)
			})
			if err != nil {
				return nil, err
			}
			return self(c)
		})
	case ".apply":
		return mk([]string{"fn"}, func(c *eval.Frame, a []eval.Value) (eval.Value, error) {
			err := m.applyTensors(c.In, func(t *tensor.Tensor) (*tensor.Tensor, error) {
				v, err := c.In.Apply(a[0], []eval.Arg{{Value: Wrap(t)}}, nil, nil)
				if err != nil {
					return nil, err
				}
				if u := Unwrap(v); u != nil {
					return u, nil
				}
				return nil, fmt.Errorf("`fn` must return a tensor")
			})
			if err != nil {
				return nil, err
			}
			return self(c)
		})
	case "apply":
		return mk([]string{"fn"}, func(c *eval.Frame, a []eval.Value) (eval.Value, error) {
			var walk func(x *Module) error
			walk = func(x *Module) error {
				for _, ch := range x.mods {
					if err := walk(ch.m); err != nil {
						return err
					}
				}
				_, err := c.In.Apply(a[0], []eval.Arg{{Value: x}}, nil, nil)
				return err
			}
			if err := walk(m); err != nil {
				return nil, err
			}
			return self(c)
		})
	case "state_dict":
		return mk([]string{"prefix = \"\"", "keepvars = FALSE"}, func(c *eval.Frame, a []eval.Value) (eval.Value, error) {
			prefix, _ := str1(a[0])
			keep, err := BoolArg(a[1])
			if err != nil {
				return nil, err
			}
			sd := m.stateDict(prefix)
			if !keep {
				for i := range sd {
					d := sd[i].t.Detach()
					if sd[i].t.RequiresGrad() {
						d.SetRequiresGrad(true)
					}
					sd[i].t = d
				}
			}
			return namedTensorList(c.In, sd), nil
		})
	case "load_state_dict":
		return mk([]string{"state_dict", "...", ".refer_to_state_dict = FALSE"}, func(c *eval.Frame, a []eval.Value) (eval.Value, error) {
			l, ok := a[0].(*eval.List)
			if !ok {
				return nil, fmt.Errorf("`state_dict` must be a named list of tensors")
			}
			sd := map[string]*tensor.Tensor{}
			ns := eval.Names(l)
			for i, v := range l.V {
				t, err := AsTensor(c.In, v, nil)
				if err != nil {
					return nil, err
				}
				if i < len(ns) {
					sd[ns[i]] = t
				}
			}
			if err := m.loadStateDict(c.In, sd, ""); err != nil {
				return nil, err
			}
			return self(c)
		})
	case "zero_grad":
		return mk([]string{"set_to_none = FALSE"}, func(c *eval.Frame, a []eval.Value) (eval.Value, error) {
			rt := Runtime(c.In)
			for _, p := range m.namedParameters() {
				if g := p.t.Grad(); g != nil {
					if err := rt.Zero_(g); err != nil {
						return nil, err
					}
				}
			}
			c.In.SetVisible(false)
			return eval.Null, nil
		})
	case "named_parameters", "named_buffers":
		return mk([]string{"recursive = TRUE"}, func(c *eval.Frame, a []eval.Value) (eval.Value, error) {
			rec, err := BoolArg(a[0])
			if err != nil {
				return nil, err
			}
			src := &m.params
			if name == "named_buffers" {
				src = &m.buffers
			}
			if rec {
				if name == "named_buffers" {
					return m.bufferList(c.In), nil
				}
				return m.paramList(c.In), nil
			}
			var xs []namedT
			for i, n := range src.names {
				xs = append(xs, namedT{n, src.ts[i]})
			}
			return namedTensorList(c.In, xs), nil
		})
	case "clone":
		return mk([]string{"deep = FALSE", "...", "replace_values = TRUE"}, func(c *eval.Frame, a []eval.Value) (eval.Value, error) {
			deep, err := BoolArg(a[0])
			if err != nil {
				return nil, err
			}
			return m.clone(c.In, deep, map[*Module]*Module{}, map[*tensor.Tensor]*tensor.Tensor{})
		})
	case "print":
		return mk([]string{"..."}, func(c *eval.Frame, a []eval.Value) (eval.Value, error) {
			s, err := m.PrintText(c.In)
			if err != nil {
				return nil, err
			}
			fmt.Fprint(c.In.Stdout, s)
			return self(c)
		})
	}
	return nil
}

func nameArg(v eval.Value) string {
	if s, ok := str1(v); ok {
		return s
	}
	if i, err := IntArg(v); err == nil {
		return fmt.Sprint(i)
	}
	return ""
}

// clone is $clone(deep): a new instance with the same fields, bound
// methods and private values; a deep clone also copies parameters, buffers
// and children (shared ones stay shared), a shallow one shares them.
func (m *Module) clone(in *eval.Interp, deep bool, mods map[*Module]*Module, ts map[*tensor.Tensor]*tensor.Tensor) (*Module, error) {
	if c, ok := mods[m]; ok {
		return c, nil
	}
	c := newModule(m.gen)
	c.in = in
	c.bind(in, m.gen)
	mods[m] = c
	for _, n := range m.private.Names() {
		if v, ok := m.private.GetLocal(n); ok {
			if _, isClosure := v.(*eval.Closure); !isClosure {
				c.private.Assign(n, v)
			}
		}
	}
	for _, n := range m.forder {
		c.setField(n, m.fields[n])
	}
	c.training = m.training
	for k, v := range m.nonPers {
		c.nonPers[k] = v
	}
	rt := Runtime(in)
	cp := func(t *tensor.Tensor) (*tensor.Tensor, error) {
		if t == nil || !deep {
			return t, nil
		}
		if u, ok := ts[t]; ok {
			return u, nil
		}
		u, err := rt.Clone(t.Detach())
		if err != nil {
			return nil, err
		}
		u = u.Detach()
		if t.RequiresGrad() {
			if err := u.SetRequiresGrad(true); err != nil {
				return nil, err
			}
		}
		if k, ok := sessionMarks(in).get(t); ok {
			sessionMarks(in).set(u, k)
		}
		ts[t] = u
		return u, nil
	}
	for i, n := range m.params.names {
		u, err := cp(m.params.ts[i])
		if err != nil {
			return nil, err
		}
		c.params.set(n, u)
	}
	for i, n := range m.buffers.names {
		u, err := cp(m.buffers.ts[i])
		if err != nil {
			return nil, err
		}
		c.buffers.set(n, u)
	}
	for _, ch := range m.mods {
		x := ch.m
		if deep {
			var err error
			if x, err = ch.m.clone(in, deep, mods, ts); err != nil {
				return nil, err
			}
		}
		c.mods = append(c.mods, &namedModule{ch.name, x})
	}
	return c, nil
}
