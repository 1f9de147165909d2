package torch

import (
	"fmt"
	"slices"
	"sort"

	"torchr/lang/eval"
	"torchr/tensor"
)

// method is a tensor's bound $ method: calling it calls fn with self first.
type method struct {
	self *Tensor
	name string
	fn   eval.Value // *eval.Builtin, or a prelude function
	// positional: self is passed as the first argument, unnamed (prelude
	// functions name it self, a, input, ...)
	positional bool
}

func (m *method) TypeName() string { return "closure" }
func (m *method) Call(in *eval.Interp, c *eval.Frame, args []eval.Arg) (eval.Value, error) {
	all := make([]eval.Arg, 0, len(args)+1)
	if m.positional {
		all = append(all, eval.Arg{Value: m.self})
	} else {
		all = append(all, eval.Arg{Name: "self", Value: m.self})
	}
	all = append(all, args...)
	return in.Apply(m.fn, all, c.Call, c.Env)
}

// Receiver and Temps make the method an eval.TempMethod: generated op
// methods (not in-place updates of fields, not prelude functions) run a
// Temps builtin.
func (m *method) Receiver() eval.Value { return m.self }
func (m *method) Temps() bool {
	b, ok := m.fn.(*eval.Builtin)
	return ok && b.Temps
}

func (m *method) PrintText(in *eval.Interp) (string, error) {
	return fmt.Sprintf("<tensor method $%s>\n", m.name), nil
}

// methodBuiltins are $ methods implemented here (not generated ops); each
// takes self as its first formal.
var methodBuiltins = map[string]*eval.Builtin{}

func defMethod(name string, formals []string, fn func(c *eval.Frame, self *Tensor, a []eval.Value) (eval.Value, error)) {
	methodBuiltins[name] = &eval.Builtin{Name: "tensor$" + name, Formals: append([]string{"self"}, formals...), Fn: func(c *eval.Frame, a []eval.Value) (eval.Value, error) {
		self, ok := a[0].(*Tensor)
		if !ok {
			return nil, fmt.Errorf("self is not a tensor")
		}
		if self.T == nil && name != "print" {
			return nil, errUndefined(0, "self")
		}
		return fn(c, self, a[1:])
	}, Invisible: invisibleMethods[name]}
}

// invisibleMethods return invisibly (as R torch's do).
var invisibleMethods = map[string]bool{"backward": true, "requires_grad_": true, "retain_grad": true, "register_hook": true, "print": true}

var fieldNames = []string{"shape", "dtype", "device", "requires_grad", "grad", "grad_fn", "is_leaf", "ndim", "is_cuda"}

var memberNames []string

// memberList is computed once, after every init of the package ran (from
// zz_help.go), so concurrent sessions only read it.
func memberList() []string {
	if memberNames != nil {
		return memberNames
	}
	set := map[string]bool{}
	for _, f := range fieldNames {
		set[f] = true
	}
	for n := range methodBuiltins {
		set[n] = true
	}
	for n, s := range specs {
		if s.method {
			set[n] = true
		}
	}
	out := make([]string, 0, len(set))
	for n := range set {
		out = append(out, n)
	}
	sort.Strings(out)
	memberNames = out
	return out
}

func (t *Tensor) DollarNames() []string { return memberList() }

func (t *Tensor) Dollar(in *eval.Interp, name string) (eval.Value, error) {
	if t.T == nil && slices.Contains(fieldNames, name) {
		return nil, errUndefined(0, "self")
	}
	switch name {
	case "shape":
		Runtime(in).ReadShape(t.T, -1)
		return shapeValue(t.T), nil
	case "dtype":
		return DTypeValue(t.T.DType()), nil
	case "device":
		return cpuDevice, nil
	case "is_cuda":
		return eval.Bool(false), nil
	case "requires_grad":
		return eval.Bool(t.T.RequiresGrad()), nil
	case "grad":
		if g := t.T.Grad(); g != nil {
			return Wrap(g), nil
		}
		return undefinedTensor(), nil
	case "grad_fn":
		if fn := t.T.GradFn(); fn != nil {
			return &GradFn{fn}, nil
		}
		return eval.Null, nil
	case "is_leaf":
		return eval.Bool(t.T.IsLeaf()), nil
	case "ndim":
		return eval.NewInt1(int32(t.T.Dim())), nil
	}
	if b := methodBuiltins[name]; b != nil {
		return &method{self: t, name: name, fn: b}, nil
	}
	if s := specs[name]; s != nil && s.method {
		if b := eval.LookupBuiltin("torch_" + name); b != nil {
			return &method{self: t, name: name, fn: b}, nil
		}
	}
	if preludeMethods[name] {
		return &method{self: t, name: name, fn: &preludeRef{"torch_" + name}, positional: true}, nil
	}
	return nil, fmt.Errorf("$ operator is invalid for this tensor: no member '%s'", name)
}

func (t *Tensor) SetDollar(in *eval.Interp, name string, v eval.Value) (eval.Value, error) {
	if t.T == nil {
		return nil, errUndefined(0, "self")
	}
	switch name {
	case "requires_grad":
		b, err := BoolArg(v)
		if err != nil {
			return nil, err
		}
		if err := t.T.SetRequiresGrad(b); err != nil {
			return nil, err
		}
		return t, nil
	case "grad":
		if _, ok := v.(*eval.NullType); ok {
			t.T.SetGrad(nil)
			return t, nil
		}
		g, err := AsTensor(in, v, nil)
		if err != nil {
			return nil, err
		}
		t.T.SetGrad(g)
		return t, nil
	}
	return nil, fmt.Errorf("cannot set member '%s' of a tensor", name)
}

func shapeValue(t *tensor.Tensor) eval.Value {
	s := t.Shape()
	v := make([]int32, len(s))
	for i, x := range s {
		v[i] = int32(x)
	}
	return eval.NewInt(v)
}

// GradFn is a grad_fn value (prints its node name).
type GradFn struct{ N *tensor.Node }

func (g *GradFn) TypeName() string { return "externalptr" }
func (g *GradFn) Class() []string  { return []string{"autograd_function", "R7"} }
func (g *GradFn) PrintText(in *eval.Interp) (string, error) {
	return g.N.Name() + "\n", nil
}
func (g *GradFn) Dollar(in *eval.Interp, name string) (eval.Value, error) {
	switch name {
	case "name":
		return &method{name: "name", fn: &eval.Builtin{Name: "name", Formals: []string{"self"}, Fn: func(c *eval.Frame, a []eval.Value) (eval.Value, error) {
			return eval.NewStr1(g.N.Name()), nil
		}}}, nil
	case "next_functions":
		fns, _ := g.N.NextFunctions()
		vs := make([]eval.Value, len(fns))
		for i, f := range fns {
			if f == nil {
				vs[i] = eval.Null
			} else {
				vs[i] = &GradFn{f}
			}
		}
		return eval.NewList(vs, nil), nil
	}
	return eval.Null, nil
}
func (g *GradFn) DollarNames() []string { return []string{"name", "next_functions"} }

func init() {
	defMethod("size", []string{"dim"}, func(c *eval.Frame, self *Tensor, a []eval.Value) (eval.Value, error) {
		if a[0] == nil {
			Runtime(c.In).ReadShape(self.T, -1)
			return shapeValue(self.T), nil
		}
		d, err := IntArg(a[0])
		if err != nil {
			return nil, err
		}
		if d, err = DimArg(d); err != nil {
			return nil, err
		}
		n, err := self.T.Size(d)
		if err != nil {
			return nil, err
		}
		if d < 0 {
			d += self.T.Dim()
		}
		Runtime(c.In).ReadShape(self.T, d)
		return eval.NewInt1(int32(n)), nil
	})
	// random_(from, to): integers uniform in [from, to), or [0, from)
	// given one bound, drawn as torch_randint draws them (PyTorch's
	// randint is empty().random_(low, high)).
	defMethod("random_", []string{"from", "to"}, func(c *eval.Frame, self *Tensor, a []eval.Value) (eval.Value, error) {
		if isNull(a[0]) {
			return nil, fmt.Errorf("random_() needs `from` (and `to`): the bounds of the integers drawn")
		}
		lo, err := IntArg(a[0])
		if err != nil {
			return nil, err
		}
		var hi int
		if isNull(a[1]) {
			lo, hi = 0, lo
		} else if hi, err = IntArg(a[1]); err != nil {
			return nil, err
		}
		if lo >= hi {
			return nil, fmt.Errorf("random_ expects 'from' to be less than 'to', but got from=%d >= to=%d", lo, hi)
		}
		rt := Runtime(c.In)
		outs, err := rt.CallNamed("randint", []any{lo, hi, self.T.Shape()}, map[string]any{"dtype": self.T.DType()})
		if err != nil {
			return nil, err
		}
		if err := rt.NoGrad(func() error { return rt.Copy_(self.T, outs[0]) }); err != nil {
			return nil, err
		}
		return self, nil
	})
	defMethod("numel", nil, func(c *eval.Frame, self *Tensor, a []eval.Value) (eval.Value, error) {
		Runtime(c.In).ReadShape(self.T, -1)
		return eval.NewInt1(int32(self.T.Numel())), nil
	})
	defMethod("dim", nil, func(c *eval.Frame, self *Tensor, a []eval.Value) (eval.Value, error) {
		return eval.NewInt1(int32(self.T.Dim())), nil
	})
	defMethod("element_size", nil, func(c *eval.Frame, self *Tensor, a []eval.Value) (eval.Value, error) {
		return eval.NewInt1(int32(self.T.DType().ItemSize())), nil
	})
	defMethod("is_contiguous", nil, func(c *eval.Frame, self *Tensor, a []eval.Value) (eval.Value, error) {
		return eval.Bool(self.T.IsContiguous()), nil
	})
	defMethod("stride", []string{"dim"}, func(c *eval.Frame, self *Tensor, a []eval.Value) (eval.Value, error) {
		st := self.T.Strides()
		if a[0] == nil {
			v := make([]int32, len(st))
			for i, x := range st {
				v[i] = int32(x)
			}
			return eval.NewInt(v), nil
		}
		d, err := IntArg(a[0])
		if err != nil {
			return nil, err
		}
		if d, err = DimArg(d); err != nil {
			return nil, err
		}
		if d < 0 {
			d += len(st)
		}
		if d < 0 || d >= len(st) {
			return nil, fmt.Errorf("Dimension out of range")
		}
		return eval.NewInt1(int32(st[d])), nil
	})
	defMethod("item", nil, func(c *eval.Frame, self *Tensor, a []eval.Value) (eval.Value, error) {
		if self.T.Numel() != 1 {
			return nil, fmt.Errorf("a Tensor with %d elements cannot be converted to Scalar", self.T.Numel())
		}
		kind := "float"
		switch {
		case self.T.DType() == tensor.Bool:
			kind = "bool"
		case !self.T.DType().IsFloat():
			kind = "int"
		}
		rt := Runtime(c.In)
		rt.ReadValue(self.T, kind)
		var v eval.Value
		switch kind {
		case "bool":
			f, _ := self.T.Item()
			v = eval.NewBool(f != 0)
		case "int":
			f, _ := self.T.Item()
			v = eval.NewInt1(int32(f))
		default:
			f, _ := self.T.Item()
			v = eval.NewDouble1(f)
		}
		if h, ok := v.(eval.Attributed); ok {
			h.Hdr().SetAttr("dim", eval.Null)
		}
		return v, nil
	})
	toDtype := func(d tensor.DType) func(c *eval.Frame, self *Tensor, a []eval.Value) (eval.Value, error) {
		return func(c *eval.Frame, self *Tensor, a []eval.Value) (eval.Value, error) {
			t, err := Runtime(c.In).To(self.T, d)
			if err != nil {
				return nil, err
			}
			return Wrap(t), nil
		}
	}
	defMethod("float", nil, toDtype(tensor.Float32))
	defMethod("double", nil, toDtype(tensor.Float64))
	defMethod("long", nil, toDtype(tensor.Int64))
	defMethod("int", nil, toDtype(tensor.Int32))
	defMethod("bool", nil, toDtype(tensor.Bool))
	defMethod("byte", nil, toDtype(tensor.Uint8))
	defMethod("to", []string{"dtype", "device", "other", "non_blocking = FALSE", "copy = FALSE", "memory_format"}, func(c *eval.Frame, self *Tensor, a []eval.Value) (eval.Value, error) {
		d, ok, err := DTypeArg(a[0])
		if err != nil {
			// x$to(torch_float()) positional, or a device string
			if _, isDev := a[0].(*Device); !isDev {
				if s, isS := str1(a[0]); !isS || s != "cpu" {
					return nil, err
				}
			}
		}
		if o, isT := a[2].(*Tensor); isT {
			d, ok = o.T.DType(), true
		}
		if dev, isDev := a[1].(*Device); isDev && dev.Type != "cpu" {
			return nil, fmt.Errorf("device %s is not available (only cpu)", dev.Type)
		}
		if s, isS := str1(a[1]); isS && s != "cpu" {
			return nil, fmt.Errorf("device %s is not available (only cpu)", s)
		}
		if !ok || d == self.T.DType() {
			cp, _ := BoolArg(a[4])
			if cp {
				t, err := Runtime(c.In).Clone(self.T)
				return Wrap(t), err
			}
			return self, nil
		}
		t, err := Runtime(c.In).To(self.T, d)
		if err != nil {
			return nil, err
		}
		return Wrap(t), nil
	})
	defMethod("type", []string{"dtype"}, func(c *eval.Frame, self *Tensor, a []eval.Value) (eval.Value, error) {
		d, ok, err := DTypeArg(a[0])
		if err != nil || !ok {
			return DTypeValue(self.T.DType()), err
		}
		t, err := Runtime(c.In).To(self.T, d)
		return Wrap(t), err
	})
	defMethod("type_as", []string{"other"}, func(c *eval.Frame, self *Tensor, a []eval.Value) (eval.Value, error) {
		o, ok := a[0].(*Tensor)
		if !ok {
			return nil, fmt.Errorf("other must be a tensor")
		}
		t, err := Runtime(c.In).To(self.T, o.T.DType())
		return Wrap(t), err
	})
	defMethod("cpu", nil, func(c *eval.Frame, self *Tensor, a []eval.Value) (eval.Value, error) { return self, nil })
	defMethod("cuda", nil, func(c *eval.Frame, self *Tensor, a []eval.Value) (eval.Value, error) {
		return nil, fmt.Errorf("Torch not compiled with CUDA enabled")
	})
	defMethod("detach", nil, func(c *eval.Frame, self *Tensor, a []eval.Value) (eval.Value, error) {
		return Wrap(self.T.Detach()), nil
	})
	defMethod("requires_grad_", []string{"requires_grad = TRUE"}, func(c *eval.Frame, self *Tensor, a []eval.Value) (eval.Value, error) {
		b, err := BoolArg(a[0])
		if err != nil {
			return nil, err
		}
		if err := self.T.SetRequiresGrad(b); err != nil {
			return nil, err
		}
		c.In.SetVisible(false)
		return self, nil
	})
	defMethod("retain_grad", nil, func(c *eval.Frame, self *Tensor, a []eval.Value) (eval.Value, error) {
		if err := self.T.RetainGrad(); err != nil {
			return nil, err
		}
		c.In.SetVisible(false)
		return self, nil
	})
	defMethod("backward", []string{"gradient = NULL", "retain_graph", "create_graph = FALSE", "inputs = NULL"}, func(c *eval.Frame, self *Tensor, a []eval.Value) (eval.Value, error) {
		var g *tensor.Tensor
		if a[0] != nil {
			if _, null := a[0].(*eval.NullType); !null {
				var err error
				if g, err = AsTensor(c.In, a[0], nil); err != nil {
					return nil, err
				}
			}
		}
		create, _ := BoolArg(a[2])
		retain := create
		if a[1] != nil {
			retain, _ = BoolArg(a[1])
		}
		if err := Runtime(c.In).Backward(self.T, g, retain, create); err != nil {
			return nil, err
		}
		c.In.SetVisible(false)
		return eval.Null, nil
	})
	defMethod("register_hook", []string{"hook"}, func(c *eval.Frame, self *Tensor, a []eval.Value) (eval.Value, error) {
		fn := a[0]
		in := c.In
		remove, err := self.T.RegisterHook(func(g *tensor.Tensor) (*tensor.Tensor, error) {
			v, err := in.Call(fn, Wrap(g))
			if err != nil {
				return nil, err
			}
			if t, ok := v.(*Tensor); ok {
				return t.T, nil
			}
			return nil, nil
		})
		if err != nil {
			return nil, err
		}
		h := eval.NewEnv(nil)
		h.Assign("remove", &eval.Builtin{Name: "remove", Invisible: true, Fn: func(c *eval.Frame, a []eval.Value) (eval.Value, error) {
			remove()
			return eval.Null, nil
		}})
		c.In.SetVisible(false)
		return h, nil
	})
	defMethod("print", []string{"n = 30"}, func(c *eval.Frame, self *Tensor, a []eval.Value) (eval.Value, error) {
		n, _ := IntArg(a[0])
		fmt.Fprint(c.In.Stdout, printText(self.T, n))
		c.In.SetVisible(false)
		return self, nil
	})
	defMethod("view_as", []string{"other"}, func(c *eval.Frame, self *Tensor, a []eval.Value) (eval.Value, error) {
		o, ok := a[0].(*Tensor)
		if !ok {
			return nil, fmt.Errorf("other must be a tensor")
		}
		t, err := Runtime(c.In).View(self.T, o.T.Shape()...)
		return Wrap(t), err
	})
	defMethod("reshape_as", []string{"other"}, func(c *eval.Frame, self *Tensor, a []eval.Value) (eval.Value, error) {
		o, ok := a[0].(*Tensor)
		if !ok {
			return nil, fmt.Errorf("other must be a tensor")
		}
		t, err := Runtime(c.In).Reshape(self.T, o.T.Shape()...)
		return Wrap(t), err
	})
	defMethod("numpy", nil, func(c *eval.Frame, self *Tensor, a []eval.Value) (eval.Value, error) {
		return toR(c.In, self.T)
	})
	for _, nm := range []string{"new_zeros", "new_ones", "new_empty"} {
		nm := nm
		defMethod(nm, []string{"size", "dtype = NULL"}, func(c *eval.Frame, self *Tensor, a []eval.Value) (eval.Value, error) {
			size, err := IntsArg(a[0])
			if err != nil {
				return nil, err
			}
			d := self.T.DType()
			if dd, ok, _ := DTypeArg(a[1]); ok {
				d = dd
			}
			rt := Runtime(c.In)
			var t *tensor.Tensor
			if nm == "new_ones" {
				t, err = rt.Ones(d, size...)
			} else {
				t, err = rt.Zeros(d, size...)
			}
			return Wrap(t), err
		})
	}
	defMethod("new_full", []string{"size", "fill_value", "dtype = NULL"}, func(c *eval.Frame, self *Tensor, a []eval.Value) (eval.Value, error) {
		size, err := IntsArg(a[0])
		if err != nil {
			return nil, err
		}
		d := self.T.DType()
		if dd, ok, _ := DTypeArg(a[2]); ok {
			d = dd
		}
		f, err := FloatArg(a[1])
		if err != nil {
			return nil, err
		}
		t, err := Runtime(c.In).Full(size, f, &d)
		return Wrap(t), err
	})
	defMethod("new_tensor", []string{"data"}, func(c *eval.Frame, self *Tensor, a []eval.Value) (eval.Value, error) {
		d := self.T.DType()
		t, err := AsTensor(c.In, a[0], &d)
		return Wrap(t), err
	})
}
