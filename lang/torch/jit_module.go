package torch

// jit_save, jit_load, jit_serialize, jit_unserialize: TorchScript archives
// (trace.Save), so that PyTorch's torch.jit.load reads what torchr saves.

import (
	"bytes"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"strings"

	"torchr/lang/eval"
	"torchr/trace"
)

// scriptModuleOf builds the trace.Module of a script module (tensors
// shared) or wraps a script function as __torch__.PlaceholderModule.
func toTraceModule(v eval.Value) (*trace.Module, error) {
	switch x := v.(type) {
	case *ScriptFunction:
		if x.fn.Compiled() {
			// saved as the forward method (its callees as more methods)
			return &trace.Module{Class: "PlaceholderModule", Training: true, Methods: []*trace.Function{x.fn}}, nil
		}
		return &trace.Module{Class: "PlaceholderModule", Training: true, Methods: []*trace.Function{withSelf(x.fn, "__torch__.PlaceholderModule")}}, nil
	case *Module:
		info := scriptOf(x)
		if info == nil {
			break
		}
		tm := traceModuleTree(x)
		for _, n := range info.order {
			tm.Methods = append(tm.Methods, info.methods[n])
		}
		return tm, nil
	}
	return nil, errors.New(errNotSavable)
}

func traceModuleTree(m *Module) *trace.Module {
	cls := "Module"
	if info := scriptOf(m); info != nil {
		cls = info.class
	}
	tm := &trace.Module{Class: cls, Training: m.training}
	for i, n := range m.params.names {
		tm.Params = append(tm.Params, trace.Named{Name: n, Tensor: m.params.ts[i]})
	}
	for i, n := range m.buffers.names {
		tm.Buffers = append(tm.Buffers, trace.Named{Name: n, Tensor: m.buffers.ts[i]})
	}
	for _, c := range m.mods {
		tm.Children = append(tm.Children, trace.NamedModule{Name: c.name, Module: traceModuleTree(c.m)})
	}
	return tm
}

// withSelf returns a copy of a function's graph with a self input first
// (a traced function saved as a module method).
func withSelf(fn *trace.Function, class string) *trace.Function {
	g := fn.Graph.Clone()
	if len(g.Inputs) > 0 && g.Inputs[0].Type.Kind == trace.KModule {
		return fn
	}
	self := g.AddInput(&trace.Type{Kind: trace.KModule, Class: class}, "self")
	g.Inputs = append([]*trace.Value{self}, g.Inputs[:len(g.Inputs)-1]...)
	return fn.WithGraph(g)
}

func jitSaveBytes(v eval.Value, name string) ([]byte, error) {
	tm, err := toTraceModule(v)
	if err != nil {
		return nil, err
	}
	var b bytes.Buffer
	if err := trace.Save(&b, name, tm); err != nil {
		return nil, err
	}
	return b.Bytes(), nil
}

func jitSaveFile(in *eval.Interp, v eval.Value, pathV eval.Value) error {
	path, ok := str1(pathV)
	if !ok {
		return fmt.Errorf("`path` must be a file name")
	}
	stem := strings.TrimSuffix(filepath.Base(path), filepath.Ext(path))
	if stem == "" || strings.ContainsAny(stem, "/\\") {
		stem = "archive"
	}
	b, err := jitSaveBytes(v, stem)
	if err != nil {
		return err
	}
	return os.WriteFile(path, b, 0o644)
}

func init() {
	eval.RegisterAll(
		&eval.Builtin{Name: "jit_save", Formals: []string{"obj", "path", "..."}, Invisible: true, Fn: func(c *eval.Frame, a []eval.Value) (eval.Value, error) {
			if _, err := toTraceModule(a[0]); err != nil {
				return nil, err
			}
			return eval.Null, jitSaveFile(c.In, a[0], a[1])
		}},
		&eval.Builtin{Name: "jit_serialize", Formals: []string{"obj"}, Fn: func(c *eval.Frame, a []eval.Value) (eval.Value, error) {
			b, err := jitSaveBytes(a[0], "archive")
			if err != nil {
				return nil, err
			}
			return &rawVector{b: b}, nil
		}},
	)
	eval.RegisterAll(
		&eval.Builtin{Name: "jit_load", Formals: []string{"path", "..."}, Fn: func(c *eval.Frame, a []eval.Value) (eval.Value, error) {
			path, ok := str1(a[0])
			if !ok {
				return nil, fmt.Errorf("`path` must be a file name")
			}
			f, err := os.Open(path)
			if err != nil {
				return nil, err
			}
			defer f.Close()
			tm, err := trace.Load(f)
			if err != nil {
				return nil, err
			}
			return fromTraceModule(c.In, tm, true), nil
		}},
		&eval.Builtin{Name: "jit_unserialize", Formals: []string{"obj"}, Fn: func(c *eval.Frame, a []eval.Value) (eval.Value, error) {
			r, ok := a[0].(*rawVector)
			if !ok {
				return nil, fmt.Errorf("`obj` must be a raw vector made by jit_serialize")
			}
			tm, err := trace.Load(bytes.NewReader(r.b))
			if err != nil {
				return nil, err
			}
			return fromTraceModule(c.In, tm, true), nil
		}},
	)
}

// rawVector is an R raw vector (jit_serialize's result).
type rawVector struct {
	b []byte
}

func (r *rawVector) TypeName() string { return "raw" }
func (r *rawVector) Class() []string  { return []string{"raw"} }
func (r *rawVector) Length() int      { return len(r.b) }

// PrintText prints like R: two hex digits per byte, [i] labels, lines
// filled to width 80.
func (r *rawVector) PrintText(in *eval.Interp) (string, error) {
	if len(r.b) == 0 {
		return "raw(0)\n", nil
	}
	width := 80
	if w, err := IntArg(in.Option("width")); err == nil && w > 0 {
		width = w
	}
	lab := len(fmt.Sprintf("[%d]", len(r.b)))
	per := max(1, (width-lab)/3)
	var s strings.Builder
	for i := 0; i < len(r.b); i += per {
		fmt.Fprintf(&s, "%*s", lab, fmt.Sprintf("[%d]", i+1))
		for _, c := range r.b[i:min(i+per, len(r.b))] {
			fmt.Fprintf(&s, " %02x", c)
		}
		s.WriteByte('\n')
	}
	return s.String(), nil
}

// fromTraceModule makes a script module of a loaded archive: parameters,
// buffers, children and methods.
func fromTraceModule(in *eval.Interp, tm *trace.Module, top bool) *Module {
	sm := newModule(scriptGen)
	sm.in = in
	sm.private = eval.NewEnv(in.Base)
	info := &scriptInfo{class: tm.Class, methods: map[string]*trace.Function{}}
	sm.private.Assign(scriptInfoVar, info)
	mk := sessionMarks(in)
	for _, p := range tm.Params {
		sm.params.set(p.Name, p.Tensor)
		if p.Tensor != nil {
			mk.set(p.Tensor, markKind{})
		}
	}
	for _, b := range tm.Buffers {
		sm.buffers.set(b.Name, b.Tensor)
		if b.Tensor != nil {
			mk.set(b.Tensor, markKind{buffer: true, persistent: true})
		}
	}
	sm.training = tm.Training
	for _, c := range tm.Children {
		sm.mods = append(sm.mods, &namedModule{c.Name, fromTraceModule(in, c.Module, false)})
	}
	installCommon(in, sm, info)
	if top {
		for _, f := range tm.Methods {
			addMethod(in, sm, f)
		}
		finishMethods(in, sm)
	}
	return sm
}
