package torch

// Data: dataset() generators (R6-style classes like nn_module's), tensor
// datasets, and dataloaders with R torch's sampling (torch_randperm from the
// session generator when shuffling, so seeds reproduce) and default collate.

import (
	"fmt"

	"torchr/lang/eval"
	"torchr/tensor"
)

func (m *Module) isDataset() bool { return m.gen != nil && m.gen.dataset }

func (m *Module) dsLength(in *eval.Interp) (int, error) {
	f, ok := m.methods[".length"]
	if !ok {
		return 0, fmt.Errorf("the dataset has no .length() method")
	}
	v, err := in.Apply(f, nil, nil, nil)
	if err != nil {
		return 0, err
	}
	return IntArg(v)
}

func (m *Module) dsGetItem(in *eval.Interp, i eval.Value) (eval.Value, error) {
	f, ok := m.methods[".getitem"]
	if !ok {
		return nil, fmt.Errorf("the dataset has no .getitem() method")
	}
	return in.Apply(f, []eval.Arg{{Value: i}}, nil, nil)
}

// DataLoader is what dataloader() returns.
type DataLoader struct {
	ds        *Module
	batchSize int
	shuffle   bool
	dropLast  bool
	collate   eval.Value
	in        *eval.Interp
}

func (d *DataLoader) TypeName() string { return "environment" }
func (d *DataLoader) Class() []string  { return []string{"dataloader", "R6"} }
func (d *DataLoader) PrintText(in *eval.Interp) (string, error) {
	return "<dataloader>\n  Public:\n    .auto_collation: TRUE\n    .dataset_kind: map\n    .has_getbatch: " +
		fmt.Sprint(d.ds.methods[".getbatch"] != nil) + "\n    .index_sampler: active binding\n    .iter: function () \n    .length: function () \n    batch_size: " +
		fmt.Sprint(d.batchSize) + "\n    dataset: " + d.ds.classes[0] + "\n    drop_last: " + rBool(d.dropLast) + "\n", nil
}

func rBool(b bool) string {
	if b {
		return "TRUE"
	}
	return "FALSE"
}

func (d *DataLoader) n() (int, error) { return d.ds.dsLength(d.in) }

// Length is the number of batches.
func (d *DataLoader) Length() int {
	n, err := d.n()
	if err != nil {
		return 0
	}
	if d.dropLast {
		return n / d.batchSize
	}
	return (n + d.batchSize - 1) / d.batchSize
}

func (d *DataLoader) Dollar(in *eval.Interp, name string) (eval.Value, error) {
	switch name {
	case "dataset":
		return d.ds, nil
	case "batch_size":
		return eval.NewInt1(int32(d.batchSize)), nil
	case "drop_last":
		return eval.Bool(d.dropLast), nil
	case ".length":
		return &eval.Builtin{Name: ".length", Fn: func(c *eval.Frame, a []eval.Value) (eval.Value, error) {
			return eval.NewInt1(int32(d.Length())), nil
		}}, nil
	case ".iter":
		return &eval.Builtin{Name: ".iter", Fn: func(c *eval.Frame, a []eval.Value) (eval.Value, error) {
			return d.newIter(c.In)
		}}, nil
	}
	return eval.Null, nil
}

func (d *DataLoader) DollarNames() []string {
	return []string{"dataset", "batch_size", "drop_last", ".length", ".iter"}
}

func (d *DataLoader) Iterate(in *eval.Interp) (eval.Iterator, error) { return d.newIter(in) }

// DataLoaderIter is one pass over a dataloader.
type DataLoaderIter struct {
	d     *DataLoader
	order []int // 1-based
	pos   int
}

func (it *DataLoaderIter) TypeName() string { return "environment" }
func (it *DataLoaderIter) Class() []string {
	return []string{"single_process_dataloader_iter", "dataloader_iter", "R6"}
}
func (it *DataLoaderIter) PrintText(in *eval.Interp) (string, error) {
	return "<single_process_dataloader_iter>\n", nil
}

func (d *DataLoader) newIter(in *eval.Interp) (*DataLoaderIter, error) {
	n, err := d.n()
	if err != nil {
		return nil, err
	}
	order := make([]int, n)
	if d.shuffle {
		outs, err := Runtime(in).Call("randperm", n)
		if err != nil {
			return nil, err
		}
		for i, v := range outs[0].Int64s() {
			order[i] = int(v) + 1
		}
	} else {
		for i := range order {
			order[i] = i + 1
		}
	}
	return &DataLoaderIter{d: d, order: order}, nil
}

func (it *DataLoaderIter) Next(in *eval.Interp) (eval.Value, bool, error) {
	d := it.d
	rest := len(it.order) - it.pos
	if rest <= 0 || (d.dropLast && rest < d.batchSize) {
		return nil, false, nil
	}
	k := min(d.batchSize, rest)
	idx := it.order[it.pos : it.pos+k]
	it.pos += k
	iv := make([]int32, len(idx))
	for i, x := range idx {
		iv[i] = int32(x)
	}
	if gb, ok := d.ds.methods[".getbatch"]; ok && isNull(d.collate) {
		v, err := in.Apply(gb, []eval.Arg{{Value: eval.NewInt(iv)}}, nil, nil)
		return v, err == nil, err
	}
	items := make([]eval.Value, len(idx))
	for i, x := range iv {
		v, err := d.ds.dsGetItem(in, eval.NewInt1(x))
		if err != nil {
			return nil, false, err
		}
		items[i] = v
	}
	batch := eval.NewList(items, nil)
	if !isNull(d.collate) {
		v, err := in.Apply(d.collate, []eval.Arg{{Value: batch}}, nil, nil)
		return v, err == nil, err
	}
	v, err := defaultCollate(in, items)
	return v, err == nil, err
}

// defaultCollate is R torch's utils_data_default_collate: tensors are
// stacked along a new first dimension, numbers become a tensor, lists are
// collated element by element (names kept).
func defaultCollate(in *eval.Interp, batch []eval.Value) (eval.Value, error) {
	if len(batch) == 0 {
		return eval.Null, nil
	}
	rt := Runtime(in)
	switch e := batch[0].(type) {
	case *Tensor:
		ts := make([]*tensor.Tensor, len(batch))
		for i, b := range batch {
			t := Unwrap(b)
			if t == nil {
				return nil, fmt.Errorf("cannot collate a tensor with a %s", b.TypeName())
			}
			ts[i] = t
		}
		o, err := rt.Stack(ts, 0)
		if err != nil {
			return nil, err
		}
		return Wrap(o), nil
	case *eval.Double, *eval.Integer, *eval.Logical:
		if eval.Length(e) == 1 {
			vals := make([]eval.Value, len(batch))
			copy(vals, batch)
			c, err := in.CallFunction("c", argsOf(vals), in.Base)
			if err != nil {
				return nil, err
			}
			t, err := AsTensor(in, c, nil)
			if err != nil {
				return nil, err
			}
			return Wrap(t), nil
		}
		ts := make([]*tensor.Tensor, len(batch))
		for i, b := range batch {
			t, err := AsTensor(in, b, nil)
			if err != nil {
				return nil, err
			}
			ts[i] = t
		}
		o, err := rt.Stack(ts, 0)
		if err != nil {
			return nil, err
		}
		return Wrap(o), nil
	case *eval.Character:
		vals := make([]eval.Value, len(batch))
		copy(vals, batch)
		return in.CallFunction("c", argsOf(vals), in.Base)
	case *eval.List:
		names := eval.Names(e)
		out := make([]eval.Value, len(e.V))
		for j := range e.V {
			col := make([]eval.Value, len(batch))
			for i, b := range batch {
				l, ok := b.(*eval.List)
				if !ok || len(l.V) != len(e.V) {
					return nil, fmt.Errorf("each element in list of batch should be of equal size")
				}
				col[i] = l.V[j]
			}
			v, err := defaultCollate(in, col)
			if err != nil {
				return nil, err
			}
			out[j] = v
		}
		return eval.NewList(out, names), nil
	}
	return eval.NewList(batch, nil), nil
}

func argsOf(vs []eval.Value) []eval.Arg {
	out := make([]eval.Arg, len(vs))
	for i, v := range vs {
		out[i] = eval.Arg{Value: v}
	}
	return out
}

func init() {
	eval.RegisterAll(
		&eval.Builtin{Name: "dataset", Formals: []string{"name = NULL", "inherit = NULL", "...", "private = NULL", "active = NULL", "parent_env = NULL"},
			Fn: func(c *eval.Frame, a []eval.Value) (eval.Value, error) {
				v, err := eval.LookupBuiltin("nn_module").Fn(c, a)
				if err != nil {
					return nil, err
				}
				g := v.(*ModuleGenerator)
				g.dataset = true
				var cls []string
				if s, ok := str1(a[0]); ok {
					cls = append(cls, s)
				}
				if g.parent != nil {
					for _, x := range g.parent.classes {
						if x != "dataset" && x != "R6" {
							cls = append(cls, x)
						}
					}
				}
				g.classes = dedupLast(append(cls, "dataset", "R6"))
				g.Classname = g.classes[0]
				return g, nil
			}},
		&eval.Builtin{Name: "is_dataset", Formals: []string{"x"}, Fn: func(c *eval.Frame, a []eval.Value) (eval.Value, error) {
			m, ok := a[0].(*Module)
			return eval.Bool(ok && m.isDataset()), nil
		}},
		&eval.Builtin{Name: "dataloader", Formals: []string{"dataset", "batch_size = 1", "shuffle = FALSE", "sampler = NULL", "batch_sampler = NULL",
			"num_workers = 0", "collate_fn = NULL", "pin_memory = FALSE", "drop_last = FALSE", "timeout = -1", "worker_init_fn = NULL",
			"worker_globals = NULL", "worker_packages = NULL"},
			Fn: func(c *eval.Frame, a []eval.Value) (eval.Value, error) {
				ds, ok := a[0].(*Module)
				if !ok || !ds.isDataset() {
					return nil, fmt.Errorf("`dataset` must be a dataset()")
				}
				bs, err := IntArg(a[1])
				if err != nil || bs < 1 {
					return nil, fmt.Errorf("`batch_size` must be a positive integer")
				}
				sh, err := BoolArg(a[2])
				if err != nil {
					return nil, err
				}
				dl, err := BoolArg(a[8])
				if err != nil {
					return nil, err
				}
				if !isNull(a[3]) || !isNull(a[4]) {
					return nil, fmt.Errorf("custom samplers are not supported")
				}
				return &DataLoader{ds: ds, batchSize: bs, shuffle: sh, dropLast: dl, collate: a[6], in: c.In}, nil
			}},
		&eval.Builtin{Name: "dataloader_make_iter", Formals: []string{"dataloader"}, Fn: func(c *eval.Frame, a []eval.Value) (eval.Value, error) {
			d, ok := a[0].(*DataLoader)
			if !ok {
				return nil, fmt.Errorf("`dataloader` must be a dataloader()")
			}
			return d.newIter(c.In)
		}},
		&eval.Builtin{Name: "dataloader_next", Formals: []string{"iter", "completed = NULL"}, Fn: func(c *eval.Frame, a []eval.Value) (eval.Value, error) {
			it, ok := a[0].(*DataLoaderIter)
			if !ok {
				return nil, fmt.Errorf("`iter` must be a dataloader iterator (dataloader_make_iter())")
			}
			v, ok, err := it.Next(c.In)
			if err != nil {
				return nil, err
			}
			if !ok {
				return a[1], nil
			}
			return v, nil
		}},
		&eval.Builtin{Name: "loop", Formals: []string{"loop"}, Special: true, Invisible: true, Fn: func(c *eval.Frame, a []eval.Value) (eval.Value, error) {
			if _, err := c.Force(a[0]); err != nil {
				return nil, err
			}
			return eval.Null, nil
		}},
	)
	for k, v := range map[string]string{
		"dataset":              "Defines a dataset class (initialize, .getitem, .length, optionally .getbatch); calling the generator makes an instance; ds[i] and length(ds) call .getitem and .length.",
		"is_dataset":           "TRUE for a dataset instance.",
		"dataloader":           "Batches a dataset: batch_size, shuffle (torch_randperm from the session generator, so torch_manual_seed reproduces the order), drop_last, collate_fn. Iterate with for (b in dl) or coro::loop; length(dl) is the number of batches.",
		"dataloader_make_iter": "Starts a pass over a dataloader.",
		"dataloader_next":      "The next batch of a dataloader iterator, or `completed` at the end.",
		"loop":                 "coro::loop(for (x in it) ...): runs the for loop over an iterable (dataloaders).",
	} {
		extraPages[k] = v
	}
}
