package trace

import (
	"errors"
	"fmt"
	"io"
	"strconv"
	"strings"

	"torchr/tensor"
	"torchr/tensor/ptfile"
)

// Module is a script module as saved and loaded: a class name, parameters,
// buffers and submodules (in registration order), the training flag, and
// the traced methods (on the top module only; their graphs read nested
// parameters through prim::GetAttr chains).
type Module struct {
	Class    string // TorchScript class without "__torch__." ("nn_linear", "PlaceholderModule")
	Params   []Named
	Buffers  []Named
	Children []NamedModule
	Training bool
	Methods  []*Function

	script *class // parsed code of a loaded module
	qual   string
}

// Named is a named tensor.
type Named struct {
	Name   string
	Tensor *tensor.Tensor
}

// NamedModule is a named submodule.
type NamedModule struct {
	Name   string
	Module *Module
}

// Attrs returns the qualified names and tensors of every parameter and
// buffer, as Function.Run wants them.
func (m *Module) Attrs() map[string]*tensor.Tensor {
	out := map[string]*tensor.Tensor{}
	var walk func(prefix string, m *Module)
	walk = func(prefix string, m *Module) {
		for _, p := range m.Params {
			out[prefix+p.Name] = p.Tensor
		}
		for _, b := range m.Buffers {
			out[prefix+b.Name] = b.Tensor
		}
		for _, c := range m.Children {
			walk(prefix+c.Name+".", c.Module)
		}
	}
	walk("", m)
	return out
}

// Method returns the method called name, or nil.
func (m *Module) Method(name string) *Function {
	for _, f := range m.Methods {
		if f.Name == name {
			return f
		}
	}
	return nil
}

func storageClass(d tensor.DType) (string, error) {
	switch d {
	case tensor.Float32:
		return "FloatStorage", nil
	case tensor.Float64:
		return "DoubleStorage", nil
	case tensor.Int64:
		return "LongStorage", nil
	case tensor.Int32:
		return "IntStorage", nil
	case tensor.Uint8:
		return "ByteStorage", nil
	case tensor.Bool:
		return "BoolStorage", nil
	}
	return "", fmt.Errorf("cannot save tensors of dtype %s", d)
}

// saver gives each tensor storage one ptfile storage (the pickler writes
// each once, keyed by the order met).
type saver struct {
	storages map[any]*ptfile.Storage
}

func (s *saver) tensor(t *tensor.Tensor) (*ptfile.Tensor, error) {
	cls, err := storageClass(t.DType())
	if err != nil {
		return nil, err
	}
	st, ok := s.storages[t.StorageKey()]
	if !ok {
		st = &ptfile.Storage{Type: cls, Location: "cpu", Numel: t.StorageLen(), Data: t.StorageBytes()}
		s.storages[t.StorageKey()] = st
	}
	return &ptfile.Tensor{Storage: st, Offset: t.Offset(), Size: t.Shape(), Stride: t.Strides(), RequiresGrad: t.RequiresGrad()}, nil
}

// classes assigns a TorchScript class name to every module (mangling
// names shared by modules of different structure) and returns the class
// definitions in dependency order (children first).
type classDef struct {
	name string
	m    *Module
	sig  string
}

func structure(m *Module, cls func(*Module) string) string {
	var b strings.Builder
	for _, p := range m.Params {
		b.WriteString("p" + p.Name + ",")
	}
	for _, p := range m.Buffers {
		b.WriteString("b" + p.Name + ",")
	}
	for _, c := range m.Children {
		b.WriteString("c" + c.Name + ":" + cls(c.Module) + ",")
	}
	return b.String()
}

// Save writes m as a TorchScript archive that torch.jit.load reads. The
// records sit under the folder name (any name works).
func Save(w io.Writer, name string, m *Module) error {
	if len(m.Methods) == 0 {
		return errors.New("jit_save: the module has no traced methods")
	}
	var check func(m *Module) error
	check = func(m *Module) error {
		for _, f := range m.Methods {
			if f.Graph == nil && !f.Compiled() {
				return errors.New("jit_save: saving a module loaded from a file is not supported yet")
			}
		}
		return nil
	}
	if err := check(m); err != nil {
		return err
	}
	names := map[*Module]string{}
	var defs []*classDef
	taken := map[string]string{} // class name -> structure signature
	var assign func(m *Module) string
	assign = func(m *Module) string {
		if n, ok := names[m]; ok {
			return n
		}
		for _, c := range m.Children {
			assign(c.Module)
		}
		sig := structure(m, func(c *Module) string { return names[c] })
		base := sanitizeClass(m.Class)
		n := base
		for i := 1; ; i++ {
			prev, ok := taken[n]
			if !ok || (prev == sig && len(m.Methods) == 0) {
				break
			}
			n = fmt.Sprintf("%s_%d", base, i)
		}
		if _, ok := taken[n]; !ok {
			taken[n] = sig
			defs = append(defs, &classDef{name: n, m: m, sig: sig})
		}
		names[m] = n
		return n
	}
	assign(m)

	// code
	var code strings.Builder
	var consts []*tensor.Tensor
	version := 3
	for _, d := range defs {
		fmt.Fprintf(&code, "class %s(Module):\n", d.name)
		var ps, bs []string
		for _, p := range d.m.Params {
			ps = append(ps, strconv.Quote(p.Name)+", ")
		}
		for _, p := range d.m.Buffers {
			bs = append(bs, strconv.Quote(p.Name)+", ")
		}
		fmt.Fprintf(&code, "  __parameters__ = [%s]\n  __buffers__ = [%s]\n", strings.Join(ps, ""), strings.Join(bs, ""))
		decl := func(name, typ string) {
			if isIdent(name) {
				fmt.Fprintf(&code, "  %s : %s\n", name, typ)
			} else {
				fmt.Fprintf(&code, "  __annotations__[%s] = %s\n", strconv.Quote(name), typ)
			}
		}
		for _, p := range d.m.Params {
			decl(p.Name, "Tensor")
		}
		for _, p := range d.m.Buffers {
			decl(p.Name, "Tensor")
		}
		code.WriteString("  training : bool\n")
		for _, c := range d.m.Children {
			decl(c.Name, "__torch__."+names[c.Module])
		}
		for _, f := range d.m.Methods {
			if f.Compiled() {
				src, v, err := f.compiledMethods("__torch__." + d.name)
				if err != nil {
					return err
				}
				version = max(version, v)
				for _, line := range strings.Split(strings.TrimRight(src, "\n"), "\n") {
					code.WriteString("  " + line + "\n")
				}
				continue
			}
			src, cs := f.code("__torch__." + d.name)
			src = renumberConstants(src, len(consts))
			consts = append(consts, cs...)
			for _, line := range strings.Split(strings.TrimRight(src, "\n"), "\n") {
				code.WriteString("  " + line + "\n")
			}
			for _, n := range f.Graph.Nodes {
				switch n.Kind {
				case "aten::div", "aten::div_":
					version = max(version, 4)
				case "aten::full":
					version = max(version, 5)
				}
			}
		}
	}

	s := &saver{storages: map[any]*ptfile.Storage{}}
	var obj func(m *Module) (any, error)
	obj = func(m *Module) (any, error) {
		st := &ptfile.Dict{}
		for _, p := range append(append([]Named{}, m.Params...), m.Buffers...) {
			if p.Tensor == nil {
				st.Set(p.Name, nil)
				continue
			}
			t, err := s.tensor(p.Tensor)
			if err != nil {
				return nil, err
			}
			st.Set(p.Name, t)
		}
		st.Set("training", m.Training)
		for _, c := range m.Children {
			o, err := obj(c.Module)
			if err != nil {
				return nil, err
			}
			st.Set(c.Name, o)
		}
		return &ptfile.Object{Callable: ptfile.Global{Module: "__torch__", Name: names[m]}, Args: ptfile.Tuple{}, State: st, NewObj: true}, nil
	}
	root, err := obj(m)
	if err != nil {
		return err
	}
	dp := &ptfile.Pickler{}
	data, err := dp.Pickle(root)
	if err != nil {
		return err
	}
	cs := &saver{storages: map[any]*ptfile.Storage{}}
	ct := ptfile.Tuple{}
	for _, c := range consts {
		t, err := cs.tensor(c)
		if err != nil {
			return err
		}
		ct = append(ct, t)
	}
	cp := &ptfile.Pickler{}
	constData, err := cp.Pickle(ct)
	if err != nil {
		return err
	}
	if name == "" {
		name = "archive"
	}
	recs := []ptfile.Record{
		{Name: name + "/data.pkl", Data: data},
		{Name: name + "/code/__torch__.py", Data: []byte(code.String())},
		{Name: name + "/constants.pkl", Data: constData},
	}
	for _, r := range dp.Storages() {
		recs = append(recs, ptfile.Record{Name: name + "/data/" + r.Name, Data: r.Data})
	}
	for _, r := range cp.Storages() {
		recs = append(recs, ptfile.Record{Name: name + "/constants/" + r.Name, Data: r.Data})
	}
	guards, err := encodeGuards(m.Methods)
	if err != nil {
		return err
	}
	if guards != nil {
		recs = append(recs, ptfile.Record{Name: name + "/" + GuardsRecord, Data: guards})
	}
	recs = append(recs, ptfile.Record{Name: name + "/version", Data: []byte(fmt.Sprintf("%d\n", version))})
	return ptfile.WriteArchive(w, recs)
}

// renumberConstants shifts CONSTANTS.cN by off.
func renumberConstants(src string, off int) string {
	if off == 0 {
		return src
	}
	var b strings.Builder
	for {
		i := strings.Index(src, "CONSTANTS.c")
		if i < 0 {
			b.WriteString(src)
			return b.String()
		}
		b.WriteString(src[:i+len("CONSTANTS.c")])
		src = src[i+len("CONSTANTS.c"):]
		j := 0
		for j < len(src) && src[j] >= '0' && src[j] <= '9' {
			j++
		}
		n, _ := strconv.Atoi(src[:j])
		b.WriteString(strconv.Itoa(n + off))
		src = src[j:]
	}
}

// sanitizeClass turns an R class name into a Python identifier.
func sanitizeClass(s string) string {
	s = strings.TrimPrefix(s, "__torch__.")
	var b strings.Builder
	for i, r := range s {
		switch {
		case r == '_' || r >= 'a' && r <= 'z' || r >= 'A' && r <= 'Z' || (i > 0 && r >= '0' && r <= '9'):
			b.WriteRune(r)
		default:
			b.WriteByte('_')
		}
	}
	if b.Len() == 0 {
		return "Module"
	}
	return b.String()
}
