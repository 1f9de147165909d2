package torch

// torch_save / torch_load in PyTorch's zip format (tensor/ptfile), so that
// torch.load in Python reads what torchr saves and torchr loads what
// PyTorch saves: tensors, (named) lists of tensors and numbers, and module
// modules: their state_dict (an OrderedDict, what torch.load in Python
// reads) and the module graph that torch_load rebuilds (serialize_module.go).

import (
	"bytes"
	"fmt"
	"io"
	"os"

	"torchr/lang/eval"
	"torchr/tensor"
	"torchr/tensor/ptfile"
)

var storageTypes = map[tensor.DType]string{
	tensor.Float32: "FloatStorage", tensor.Float64: "DoubleStorage", tensor.Int64: "LongStorage",
	tensor.Int32: "IntStorage", tensor.Bool: "BoolStorage", tensor.Uint8: "ByteStorage",
}

func dtypeOfStorage(s string) (tensor.DType, bool) {
	for d, n := range storageTypes {
		if n == s {
			return d, true
		}
	}
	return 0, false
}

type saver struct {
	in       *eval.Interp
	storages map[any]*ptfile.Storage
}

func (s *saver) tensor(t *tensor.Tensor) (*ptfile.Tensor, error) {
	typ, ok := storageTypes[t.DType()]
	if !ok {
		return nil, fmt.Errorf("torch_save: unsupported dtype %s", t.DType())
	}
	st := s.storages[t.StorageKey()]
	if st == nil {
		st = &ptfile.Storage{Type: typ, Location: "cpu", Numel: t.StorageLen(), Data: t.StorageBytes()}
		s.storages[t.StorageKey()] = st
	}
	return &ptfile.Tensor{Storage: st, Offset: t.Offset(), Size: t.Shape(), Stride: t.Strides(), RequiresGrad: t.RequiresGrad()}, nil
}

func (s *saver) value(v eval.Value) (any, error) {
	switch x := v.(type) {
	case *Tensor:
		return s.tensor(x.T)
	case *Module:
		d := &ptfile.Dict{Ordered: true}
		for _, e := range x.stateDict("") {
			t, err := s.tensor(e.t.Detach())
			if err != nil {
				return nil, err
			}
			d.Keys = append(d.Keys, e.name)
			d.Values = append(d.Values, t)
		}
		return d, nil
	case *eval.NullType:
		return nil, nil
	case *eval.List:
		names := eval.Names(x)
		named := false
		for _, n := range names {
			named = named || n != ""
		}
		items := make([]any, len(x.V))
		for i, e := range x.V {
			c, err := s.value(e)
			if err != nil {
				return nil, err
			}
			items[i] = c
		}
		if !named {
			return &ptfile.List{Items: items}, nil
		}
		d := &ptfile.Dict{Ordered: true, Values: items}
		for i := range items {
			n := ""
			if i < len(names) {
				n = names[i]
			}
			d.Keys = append(d.Keys, n)
		}
		return d, nil
	case *eval.Double, *eval.Integer, *eval.Logical, *eval.Character:
		n := eval.Length(x)
		items := make([]any, n)
		for i := 0; i < n; i++ {
			switch y := x.(type) {
			case *eval.Double:
				items[i] = y.V[i]
			case *eval.Integer:
				items[i] = int64(y.V[i])
			case *eval.Logical:
				items[i] = y.V[i] != 0
			case *eval.Character:
				items[i] = y.V[i]
			}
		}
		if n == 1 && eval.Names(x) == nil {
			return items[0], nil
		}
		return &ptfile.List{Items: items}, nil
	}
	return nil, fmt.Errorf("torch_save: cannot save a value of class %s", eval.ImplicitClass(v)[0])
}

type loader struct {
	in    *eval.Interp
	bases map[*ptfile.Storage]*tensor.Tensor
}

func (l *loader) value(v any) (eval.Value, error) {
	switch x := v.(type) {
	case nil:
		return eval.Null, nil
	case bool:
		return eval.Bool(x), nil
	case int64:
		if x >= -2147483647 && x <= 2147483647 {
			return eval.NewInt1(int32(x)), nil
		}
		return eval.NewDouble1(float64(x)), nil
	case float64:
		return eval.NewDouble1(x), nil
	case string:
		return eval.NewStr1(x), nil
	case *ptfile.Tensor:
		base := l.bases[x.Storage]
		if base == nil {
			dt, ok := dtypeOfStorage(x.Storage.Type)
			if !ok {
				return nil, fmt.Errorf("torch_load: unsupported storage type %s", x.Storage.Type)
			}
			var err error
			base, err = tensor.FromStorageBytes(dt, x.Storage.Data, []int{x.Storage.Numel}, []int{1}, 0)
			if err != nil {
				return nil, err
			}
			l.bases[x.Storage] = base
		}
		t, err := base.ViewOfStorage(x.Size, x.Stride, x.Offset)
		if err != nil {
			return nil, err
		}
		if x.RequiresGrad {
			if err := t.SetRequiresGrad(true); err != nil {
				return nil, err
			}
		}
		return Wrap(t), nil
	case *ptfile.List:
		return l.list(x.Items, nil)
	case ptfile.Tuple:
		return l.list(x, nil)
	case *ptfile.Dict:
		names := make([]string, len(x.Keys))
		for i, k := range x.Keys {
			switch kk := k.(type) {
			case string:
				names[i] = kk
			case int64:
				names[i] = fmt.Sprint(kk)
			default:
				return nil, fmt.Errorf("torch_load: unsupported dict key %T", k)
			}
		}
		return l.list(x.Values, names)
	}
	return nil, fmt.Errorf("torch_load: unsupported object %T", v)
}

func (l *loader) list(items []any, names []string) (eval.Value, error) {
	vals := make([]eval.Value, len(items))
	for i, it := range items {
		v, err := l.value(it)
		if err != nil {
			return nil, err
		}
		vals[i] = v
	}
	return eval.NewList(vals, names), nil
}

// saveTo writes obj as torch_save does: PyTorch's zip archive, with a
// module's graph next to its state dict.
func saveTo(c *eval.Frame, v eval.Value, w io.Writer) error {
	s := &saver{in: c.In, storages: map[any]*ptfile.Storage{}}
	obj, err := s.value(v)
	if err != nil {
		return err
	}
	// a module (or a list holding modules) also gets its graph (class,
	// fields, children) so that torch_load returns modules, as in R torch
	var graph any
	if holdsModule(v) {
		ms, err := newModSaver(c.In, s)
		if err != nil {
			return err
		}
		if graph, err = ms.graph(v); err != nil {
			return err
		}
	}
	p := &ptfile.Pickler{}
	pkl, err := p.Pickle(obj)
	if err != nil {
		return err
	}
	recs := []ptfile.Record{{Name: "archive/data.pkl", Data: pkl}}
	if graph != nil {
		gpkl, err := p.Pickle(graph)
		if err != nil {
			return err
		}
		recs = append(recs, ptfile.Record{Name: "archive/" + moduleRecord, Data: gpkl})
	}
	for _, r := range p.Storages() {
		recs = append(recs, ptfile.Record{Name: "archive/data/" + r.Name, Data: r.Data})
	}
	recs = append(recs, ptfile.Record{Name: "archive/version", Data: []byte("3\n")})
	return ptfile.WriteArchive(w, recs)
}

func init() {
	eval.RegisterAll(
		&eval.Builtin{Name: "torch_save", Formals: []string{"obj", "path", "...", "compress = TRUE"}, Invisible: true, Fn: func(c *eval.Frame, a []eval.Value) (eval.Value, error) {
			path, ok := str1(a[1])
			if !ok {
				return nil, fmt.Errorf("`path` must be a file name")
			}
			var buf bytes.Buffer
			if err := saveTo(c, a[0], &buf); err != nil {
				return nil, err
			}
			return a[0], os.WriteFile(path, buf.Bytes(), 0o644)
		}},
		&eval.Builtin{Name: "torch_serialize", Formals: []string{"obj", "..."}, Fn: func(c *eval.Frame, a []eval.Value) (eval.Value, error) {
			var buf bytes.Buffer
			if err := saveTo(c, a[0], &buf); err != nil {
				return nil, err
			}
			return eval.NewRaw(buf.Bytes()), nil
		}},
		&eval.Builtin{Name: "torch_load", Formals: []string{"path", "device = \"cpu\""}, Fn: func(c *eval.Frame, a []eval.Value) (eval.Value, error) {
			// a raw vector is what torch_serialize returned
			var b []byte
			if r, isRaw := a[0].(*eval.Raw); isRaw {
				b = r.V
			} else {
				path, ok := str1(a[0])
				if !ok {
					return nil, fmt.Errorf("`path` must be a file name or a raw vector")
				}
				var err error
				if b, err = os.ReadFile(path); err != nil {
					return nil, err
				}
			}
			l := &loader{in: c.In, bases: map[*ptfile.Storage]*tensor.Tensor{}}
			if ptfile.IsZip(b) {
				if ar, err := ptfile.OpenArchive(b); err == nil && ar.Has(moduleRecord) {
					g, err := ar.Unpickle(moduleRecord, "data/", nil)
					if err != nil {
						return nil, err
					}
					return loadModuleGraph(c.In, l, g)
				}
			}
			obj, err := ptfile.Load(b)
			if err != nil {
				return nil, err
			}
			return l.value(obj)
		}},
	)
	extraPages["torch_save"] = "Saves a tensor, a (named) list of tensors, numbers and modules, or a whole nn_module in PyTorch's zip format (torch.load in Python reads a module as its state_dict); torch_load returns modules whole."
	extraPages["torch_serialize"] = "torch_save into a raw vector (torch_load reads it back)."
	extraPages["torch_load"] = "Loads a file written by torch_save (a module comes back as a working module) or by PyTorch's torch.save (zip format): tensors, lists, dicts (named lists) and numbers. Only known types are accepted."
}
