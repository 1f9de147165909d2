package torch

// Optimizers: R torch's optim_* with PyTorch 1.13's single-tensor update
// formulas (torch/optim/*.py, foreach = False), written with the core's
// in-place ops in the same order, and run with grad mode off.

import (
	"fmt"
	"math"
	"strings"
	"sync"

	"torchr/lang/eval"
	"torchr/tensor"
)

type optSpec struct {
	name     string
	formals  []string // after params; R torch's defaults
	required map[string]bool
	step     func(o *Optimizer, rt *tensor.Runtime, g *paramGroup, p *tensor.Tensor, st map[string]*tensor.Tensor) error
}

type paramGroup struct {
	params []*tensor.Tensor
	names  []string // hyperparameter names, in R torch's order
	vals   map[string]eval.Value
}

func (g *paramGroup) f(name string) float64 {
	v, err := FloatArg(g.vals[name])
	if err != nil {
		return math.NaN()
	}
	return v
}

func (g *paramGroup) b(name string) bool {
	v, _ := BoolArg(g.vals[name])
	return v
}

// Optimizer is an optim_* object.
type Optimizer struct {
	spec     *optSpec
	defaults []string
	defVals  map[string]eval.Value
	groups   []*paramGroup
	state    map[*tensor.Tensor]map[string]*tensor.Tensor
	order    []*tensor.Tensor // params in first-seen order (state_dict ids)
}

func (o *Optimizer) TypeName() string { return "environment" }
func (o *Optimizer) Class() []string {
	return []string{o.spec.name, "torch_optimizer", "R6"}
}

func (o *Optimizer) PrintText(in *eval.Interp) (string, error) {
	var b strings.Builder
	fmt.Fprintf(&b, "<%s>\n  Inherits from: <torch_optimizer>\n  Public:\n", o.spec.name)
	for _, n := range []string{"add_param_group", "clone", "defaults", "initialize", "load_state_dict", "param_groups", "state", "state_dict", "step", "zero_grad"} {
		fmt.Fprintf(&b, "    %s\n", n)
	}
	return b.String(), nil
}

func (o *Optimizer) groupList(g *paramGroup) *eval.List {
	ps := make([]eval.Value, len(g.params))
	for i, p := range g.params {
		ps[i] = Wrap(p)
	}
	vals := []eval.Value{eval.NewList(ps, nil)}
	names := []string{"params"}
	for _, n := range g.names {
		vals = append(vals, g.vals[n])
		names = append(names, n)
	}
	return eval.NewList(vals, names)
}

func (o *Optimizer) Dollar(in *eval.Interp, name string) (eval.Value, error) {
	switch name {
	case "param_groups":
		vals := make([]eval.Value, len(o.groups))
		for i, g := range o.groups {
			vals[i] = o.groupList(g)
		}
		return eval.NewList(vals, nil), nil
	case "defaults":
		vals := make([]eval.Value, len(o.defaults))
		for i, n := range o.defaults {
			vals[i] = o.defVals[n]
		}
		return eval.NewList(vals, o.defaults), nil
	case "state":
		return o.stateList(false), nil
	}
	if b := o.method(name); b != nil {
		return b, nil
	}
	return eval.Null, nil
}

func (o *Optimizer) DollarNames() []string {
	return []string{"param_groups", "defaults", "state", "step", "zero_grad", "state_dict", "load_state_dict", "add_param_group"}
}

func (o *Optimizer) SetDollar(in *eval.Interp, name string, v eval.Value) (eval.Value, error) {
	if name != "param_groups" {
		return nil, fmt.Errorf("cannot add bindings to a locked environment")
	}
	l, ok := v.(*eval.List)
	if !ok || len(l.V) != len(o.groups) {
		return nil, fmt.Errorf("`param_groups` must be a list of %d groups", len(o.groups))
	}
	for i, gv := range l.V {
		gl, ok := gv.(*eval.List)
		if !ok {
			return nil, fmt.Errorf("a param group must be a list")
		}
		g := o.groups[i]
		for j, n := range eval.Names(gl) {
			if n == "params" {
				ps, err := tensorList(in, gl.V[j])
				if err != nil {
					return nil, err
				}
				g.params = ps
				continue
			}
			if _, ok := g.vals[n]; !ok {
				g.names = append(g.names, n)
			}
			eval.Ref(gl.V[j])
			g.vals[n] = gl.V[j]
		}
	}
	return o, nil
}

func (o *Optimizer) addGroup(in *eval.Interp, v eval.Value) error {
	g := &paramGroup{vals: map[string]eval.Value{}}
	var ps []*tensor.Tensor
	var err error
	if l, ok := v.(*eval.List); ok && hasName(l, "params") {
		for j, n := range eval.Names(l) {
			if n == "params" {
				if ps, err = paramsOf(in, l.V[j]); err != nil {
					return err
				}
				continue
			}
			g.vals[n] = l.V[j]
		}
	} else if ps, err = paramsOf(in, v); err != nil {
		return err
	}
	g.params = ps
	for _, n := range o.defaults {
		g.names = append(g.names, n)
		if _, ok := g.vals[n]; !ok {
			if o.spec.required[n] && isNull(o.defVals[n]) {
				return fmt.Errorf("parameter group didn't specify a value of required optimization parameter %s", n)
			}
			g.vals[n] = o.defVals[n]
		}
	}
	for n := range g.vals {
		found := false
		for _, m := range g.names {
			found = found || m == n
		}
		if !found {
			g.names = append(g.names, n)
		}
	}
	for _, p := range ps {
		for _, og := range o.groups {
			for _, q := range og.params {
				if q == p {
					return fmt.Errorf("some parameters appear in more than one parameter group")
				}
			}
		}
	}
	o.groups = append(o.groups, g)
	o.order = append(o.order, ps...)
	return nil
}

func hasName(l *eval.List, n string) bool {
	for _, s := range eval.Names(l) {
		if s == n {
			return true
		}
	}
	return false
}

// paramsOf reads a tensor, a list of tensors or a module's parameters.
func paramsOf(in *eval.Interp, v eval.Value) ([]*tensor.Tensor, error) {
	if t := Unwrap(v); t != nil {
		return []*tensor.Tensor{t}, nil
	}
	if m, ok := v.(*Module); ok {
		_, ts := m.Parameters()
		return ts, nil
	}
	return tensorList(in, v)
}

func (o *Optimizer) method(name string) *eval.Builtin {
	mk := func(formals []string, fn func(c *eval.Frame, a []eval.Value) (eval.Value, error)) *eval.Builtin {
		return &eval.Builtin{Name: name, Formals: formals, Fn: fn, Invisible: name != "state_dict"}
	}
	switch name {
	case "zero_grad":
		return mk([]string{"set_to_none = FALSE"}, func(c *eval.Frame, a []eval.Value) (eval.Value, error) {
			rt := Runtime(c.In)
			none, _ := BoolArg(a[0])
			for _, g := range o.groups {
				for _, p := range g.params {
					if gr := p.Grad(); gr != nil {
						if none {
							p.SetGrad(nil)
						} else if err := rt.Zero_(gr); err != nil {
							return nil, err
						}
					}
				}
			}
			c.In.SetVisible(false)
			return eval.Null, nil
		})
	case "step":
		return mk([]string{"closure = NULL"}, func(c *eval.Frame, a []eval.Value) (eval.Value, error) {
			rt := Runtime(c.In)
			var loss eval.Value = eval.Null
			if !isNull(a[0]) {
				old := rt.SetGradEnabled(true)
				v, err := c.In.Apply(a[0], nil, nil, nil)
				rt.SetGradEnabled(old)
				if err != nil {
					return nil, err
				}
				loss = v
			}
			if err := rt.NoGrad(func() error { return o.Step(rt) }); err != nil {
				return nil, err
			}
			c.In.SetVisible(!isNull(a[0]))
			return loss, nil
		})
	case "add_param_group":
		return mk([]string{"param_group"}, func(c *eval.Frame, a []eval.Value) (eval.Value, error) {
			c.In.SetVisible(false)
			return eval.Null, o.addGroup(c.In, a[0])
		})
	case "state_dict":
		return mk(nil, func(c *eval.Frame, a []eval.Value) (eval.Value, error) {
			gs := make([]eval.Value, len(o.groups))
			for i, g := range o.groups {
				ids := make([]int32, len(g.params))
				for j, p := range g.params {
					ids[j] = int32(o.index(p) + 1)
				}
				vals := []eval.Value{eval.NewInt(ids)}
				names := []string{"params"}
				for _, n := range g.names {
					vals = append(vals, g.vals[n])
					names = append(names, n)
				}
				gs[i] = eval.NewList(vals, names)
			}
			return eval.NewList([]eval.Value{o.stateList(true), eval.NewList(gs, nil)}, []string{"state", "param_groups"}), nil
		})
	case "load_state_dict":
		return mk([]string{"state_dict"}, func(c *eval.Frame, a []eval.Value) (eval.Value, error) {
			c.In.SetVisible(false)
			return eval.Null, o.loadStateDict(c.In, a[0])
		})
	}
	return nil
}

func (o *Optimizer) index(p *tensor.Tensor) int {
	for i, q := range o.order {
		if q == p {
			return i
		}
	}
	return -1
}

func (o *Optimizer) stateList(byID bool) *eval.List {
	var vals []eval.Value
	var names []string
	for i, p := range o.order {
		st, ok := o.state[p]
		if !ok {
			continue
		}
		var sv []eval.Value
		var sn []string
		for _, k := range stateKeys(st) {
			sv = append(sv, Wrap(st[k]))
			sn = append(sn, k)
		}
		vals = append(vals, eval.NewList(sv, sn))
		names = append(names, fmt.Sprint(i+1))
	}
	if len(vals) == 0 {
		return eval.NewList(nil, nil)
	}
	return eval.NewList(vals, names)
}

var stateOrder = []string{"step", "momentum_buffer", "exp_avg", "exp_avg_sq", "max_exp_avg_sq", "square_avg", "grad_avg", "sum"}

func stateKeys(st map[string]*tensor.Tensor) []string {
	var out []string
	for _, k := range stateOrder {
		if _, ok := st[k]; ok {
			out = append(out, k)
		}
	}
	return out
}

func (o *Optimizer) loadStateDict(in *eval.Interp, v eval.Value) error {
	l, ok := v.(*eval.List)
	if !ok {
		return fmt.Errorf("`state_dict` must be a list")
	}
	var stV, gV eval.Value
	for i, n := range eval.Names(l) {
		switch n {
		case "state":
			stV = l.V[i]
		case "param_groups":
			gV = l.V[i]
		}
	}
	gl, ok := gV.(*eval.List)
	if !ok || len(gl.V) != len(o.groups) {
		return fmt.Errorf("loaded state dict has a different number of parameter groups")
	}
	rt := Runtime(in)
	for i, x := range gl.V {
		g, ok := x.(*eval.List)
		if !ok {
			return fmt.Errorf("invalid parameter group")
		}
		for j, n := range eval.Names(g) {
			if n == "params" {
				if eval.Length(g.V[j]) != len(o.groups[i].params) {
					return fmt.Errorf("loaded state dict contains a parameter group that doesn't match the size of optimizer's group")
				}
				continue
			}
			if _, ok := o.groups[i].vals[n]; !ok {
				o.groups[i].names = append(o.groups[i].names, n)
			}
			o.groups[i].vals[n] = g.V[j]
		}
	}
	o.state = map[*tensor.Tensor]map[string]*tensor.Tensor{}
	sl, _ := stV.(*eval.List)
	if sl == nil {
		return nil
	}
	for i, n := range eval.Names(sl) {
		var id int
		if _, err := fmt.Sscan(n, &id); err != nil || id < 1 || id > len(o.order) {
			return fmt.Errorf("invalid parameter id %q in the optimizer state", n)
		}
		entry, ok := sl.V[i].(*eval.List)
		if !ok {
			return fmt.Errorf("invalid optimizer state")
		}
		st := map[string]*tensor.Tensor{}
		for j, k := range eval.Names(entry) {
			t, err := AsTensor(in, entry.V[j], nil)
			if err != nil {
				return err
			}
			c, err := rt.Clone(t)
			if err != nil {
				return err
			}
			st[k] = c.Detach()
		}
		o.state[o.order[id-1]] = st
	}
	return nil
}

// Step runs one update of every parameter that has a gradient.
func (o *Optimizer) Step(rt *tensor.Runtime) error {
	for _, g := range o.groups {
		for _, p := range g.params {
			if p.Grad() == nil {
				continue
			}
			st := o.state[p]
			if st == nil {
				st = map[string]*tensor.Tensor{}
				o.state[p] = st
			}
			if err := o.spec.step(o, rt, g, p, st); err != nil {
				return err
			}
		}
	}
	return nil
}

// --- update formulas ---

func sc(x float64) tensor.Scalar { return tensor.Float(x) }

func inplace(rt *tensor.Runtime, op string, pos []any, named map[string]any) error {
	_, err := rt.CallNamed(op, pos, named)
	return err
}

func zerosLike(rt *tensor.Runtime, p *tensor.Tensor) (*tensor.Tensor, error) {
	return call1(rt, "zeros_like", []any{p}, nil)
}

// incStep adds 1 to the float32 step tensor and returns its value.
func incStep(rt *tensor.Runtime, st map[string]*tensor.Tensor) (float64, error) {
	s := st["step"]
	if s == nil {
		s = tensor.ScalarTensor(0, tensor.Float32)
		st["step"] = s
	}
	if err := inplace(rt, "add_", []any{s, 1.0}, nil); err != nil {
		return 0, err
	}
	return s.Item()
}

func weightDecay(rt *tensor.Runtime, grad, p *tensor.Tensor, wd float64) (*tensor.Tensor, error) {
	if wd == 0 {
		return grad, nil
	}
	return rt.Add(grad, p, sc(wd))
}

func sgdStep(o *Optimizer, rt *tensor.Runtime, g *paramGroup, p *tensor.Tensor, st map[string]*tensor.Tensor) error {
	lr, mom, damp, wd := g.f("lr"), g.f("momentum"), g.f("dampening"), g.f("weight_decay")
	if ok, err := fusedSGD(rt, p, st, lr, mom, damp, wd, g.b("nesterov")); ok || err != nil {
		return err
	}
	dp, err := weightDecay(rt, p.Grad(), p, wd)
	if err != nil {
		return err
	}
	if mom != 0 {
		buf := st["momentum_buffer"]
		if buf == nil {
			c, err := rt.Clone(dp)
			if err != nil {
				return err
			}
			buf = c.Detach()
			st["momentum_buffer"] = buf
		} else {
			if err := inplace(rt, "mul_", []any{buf, mom}, nil); err != nil {
				return err
			}
			if err := inplace(rt, "add_", []any{buf, dp}, map[string]any{"alpha": sc(1 - damp)}); err != nil {
				return err
			}
		}
		if g.b("nesterov") {
			if dp, err = rt.Add(dp, buf, sc(mom)); err != nil {
				return err
			}
		} else {
			dp = buf
		}
	}
	return inplace(rt, "add_", []any{p, dp}, map[string]any{"alpha": sc(-lr)})
}

func betas(g *paramGroup) (float64, float64, error) {
	bs, err := FloatsOf(g.vals["betas"])
	if err != nil || len(bs) != 2 {
		return 0, 0, fmt.Errorf("`betas` must be a numeric vector of length 2")
	}
	return bs[0], bs[1], nil
}

// FloatsOf reads an R numeric vector.
func FloatsOf(v eval.Value) ([]float64, error) {
	switch x := v.(type) {
	case *eval.Double:
		return append([]float64(nil), x.V...), nil
	case *eval.Integer:
		o := make([]float64, len(x.V))
		for i, y := range x.V {
			o[i] = float64(y)
		}
		return o, nil
	case *eval.List:
		var o []float64
		for _, e := range x.V {
			f, err := FloatArg(e)
			if err != nil {
				return nil, err
			}
			o = append(o, f)
		}
		return o, nil
	}
	f, err := FloatArg(v)
	return []float64{f}, err
}

func adamStep(decoupled bool) func(o *Optimizer, rt *tensor.Runtime, g *paramGroup, p *tensor.Tensor, st map[string]*tensor.Tensor) error {
	return func(o *Optimizer, rt *tensor.Runtime, g *paramGroup, p *tensor.Tensor, st map[string]*tensor.Tensor) error {
		lr, eps, wd, ams := g.f("lr"), g.f("eps"), g.f("weight_decay"), g.b("amsgrad")
		b1, b2, err := betas(g)
		if err != nil {
			return err
		}
		if st["exp_avg"] == nil {
			for _, k := range []string{"exp_avg", "exp_avg_sq"} {
				if st[k], err = zerosLike(rt, p); err != nil {
					return err
				}
			}
			if ams {
				if st["max_exp_avg_sq"], err = zerosLike(rt, p); err != nil {
					return err
				}
			}
		}
		step, err := incStep(rt, st)
		if err != nil {
			return err
		}
		grad := p.Grad()
		if fusedAdam(p, grad, st, lr, b1, b2, eps, wd, ams, decoupled, step, rt.Threads()) {
			return nil
		}
		if decoupled {
			if err := inplace(rt, "mul_", []any{p, 1 - lr*wd}, nil); err != nil {
				return err
			}
		} else if grad, err = weightDecay(rt, grad, p, wd); err != nil {
			return err
		}
		ea, eas := st["exp_avg"], st["exp_avg_sq"]
		if err := inplace(rt, "mul_", []any{ea, b1}, nil); err != nil {
			return err
		}
		if err := inplace(rt, "add_", []any{ea, grad}, map[string]any{"alpha": sc(1 - b1)}); err != nil {
			return err
		}
		if err := inplace(rt, "mul_", []any{eas, b2}, nil); err != nil {
			return err
		}
		if err := inplace(rt, "addcmul_", []any{eas, grad, grad}, map[string]any{"value": sc(1 - b2)}); err != nil {
			return err
		}
		bc1 := 1 - math.Pow(b1, step)
		bc2 := 1 - math.Pow(b2, step)
		stepSize := lr / bc1
		bc2s := math.Sqrt(bc2)
		src := eas
		if ams {
			mx, err := call1(rt, "maximum", []any{st["max_exp_avg_sq"], eas}, nil)
			if err != nil {
				return err
			}
			if err := rt.Copy_(st["max_exp_avg_sq"], mx); err != nil {
				return err
			}
			src = st["max_exp_avg_sq"]
		}
		denom, err := rt.Unary("sqrt", src)
		if err != nil {
			return err
		}
		if denom, err = rt.Div(denom, bc2s, ""); err != nil {
			return err
		}
		if err := inplace(rt, "add_", []any{denom, eps}, nil); err != nil {
			return err
		}
		return inplace(rt, "addcdiv_", []any{p, ea, denom}, map[string]any{"value": sc(-stepSize)})
	}
}

func rmspropStep(o *Optimizer, rt *tensor.Runtime, g *paramGroup, p *tensor.Tensor, st map[string]*tensor.Tensor) error {
	lr, alpha, eps, wd, mom, centered := g.f("lr"), g.f("alpha"), g.f("eps"), g.f("weight_decay"), g.f("momentum"), g.b("centered")
	var err error
	if st["square_avg"] == nil {
		if st["square_avg"], err = zerosLike(rt, p); err != nil {
			return err
		}
		if mom > 0 {
			if st["momentum_buffer"], err = zerosLike(rt, p); err != nil {
				return err
			}
		}
		if centered {
			if st["grad_avg"], err = zerosLike(rt, p); err != nil {
				return err
			}
		}
	}
	if _, err := incStep(rt, st); err != nil {
		return err
	}
	grad, err := weightDecay(rt, p.Grad(), p, wd)
	if err != nil {
		return err
	}
	sa := st["square_avg"]
	if err := inplace(rt, "mul_", []any{sa, alpha}, nil); err != nil {
		return err
	}
	if err := inplace(rt, "addcmul_", []any{sa, grad, grad}, map[string]any{"value": sc(1 - alpha)}); err != nil {
		return err
	}
	var avg *tensor.Tensor
	if centered {
		ga := st["grad_avg"]
		if err := inplace(rt, "mul_", []any{ga, alpha}, nil); err != nil {
			return err
		}
		if err := inplace(rt, "add_", []any{ga, grad}, map[string]any{"alpha": sc(1 - alpha)}); err != nil {
			return err
		}
		a, err := call1(rt, "addcmul", []any{sa, ga, ga}, map[string]any{"value": sc(-1)})
		if err != nil {
			return err
		}
		if avg, err = rt.Unary("sqrt", a); err != nil {
			return err
		}
	} else if avg, err = rt.Unary("sqrt", sa); err != nil {
		return err
	}
	if err := inplace(rt, "add_", []any{avg, eps}, nil); err != nil {
		return err
	}
	if mom > 0 {
		buf := st["momentum_buffer"]
		if err := inplace(rt, "mul_", []any{buf, mom}, nil); err != nil {
			return err
		}
		if err := inplace(rt, "addcdiv_", []any{buf, grad, avg}, nil); err != nil {
			return err
		}
		return inplace(rt, "add_", []any{p, buf}, map[string]any{"alpha": sc(-lr)})
	}
	return inplace(rt, "addcdiv_", []any{p, grad, avg}, map[string]any{"value": sc(-lr)})
}

func adagradStep(o *Optimizer, rt *tensor.Runtime, g *paramGroup, p *tensor.Tensor, st map[string]*tensor.Tensor) error {
	lr, lrd, wd, iav, eps := g.f("lr"), g.f("lr_decay"), g.f("weight_decay"), g.f("initial_accumulator_value"), g.f("eps")
	if st["sum"] == nil {
		s, err := call1(rt, "full_like", []any{p, iav}, nil)
		if err != nil {
			return err
		}
		st["sum"] = s
	}
	step, err := incStep(rt, st)
	if err != nil {
		return err
	}
	grad, err := weightDecay(rt, p.Grad(), p, wd)
	if err != nil {
		return err
	}
	clr := lr / (1 + (step-1)*lrd)
	if err := inplace(rt, "addcmul_", []any{st["sum"], grad, grad}, map[string]any{"value": sc(1)}); err != nil {
		return err
	}
	std, err := rt.Unary("sqrt", st["sum"])
	if err != nil {
		return err
	}
	if err := inplace(rt, "add_", []any{std, eps}, nil); err != nil {
		return err
	}
	return inplace(rt, "addcdiv_", []any{p, grad, std}, map[string]any{"value": sc(-clr)})
}

// f32 rounds x to float32, as PyTorch keeps ASGD's eta and mu in float32
// tensors.
func f32round(x float64) float64 { return float64(float32(x)) }

func adadeltaStep(o *Optimizer, rt *tensor.Runtime, g *paramGroup, p *tensor.Tensor, st map[string]*tensor.Tensor) error {
	lr, rho, eps, wd := g.f("lr"), g.f("rho"), g.f("eps"), g.f("weight_decay")
	var err error
	if st["square_avg"] == nil {
		if st["square_avg"], err = zerosLike(rt, p); err != nil {
			return err
		}
		if st["acc_delta"], err = zerosLike(rt, p); err != nil {
			return err
		}
	}
	if _, err := incStep(rt, st); err != nil {
		return err
	}
	grad, err := weightDecay(rt, p.Grad(), p, wd)
	if err != nil {
		return err
	}
	sa, ad := st["square_avg"], st["acc_delta"]
	if err := inplace(rt, "mul_", []any{sa, rho}, nil); err != nil {
		return err
	}
	if err := inplace(rt, "addcmul_", []any{sa, grad, grad}, map[string]any{"value": sc(1 - rho)}); err != nil {
		return err
	}
	std, err := rt.Add(sa, eps, sc(1))
	if err != nil {
		return err
	}
	if std, err = rt.Unary("sqrt", std); err != nil {
		return err
	}
	delta, err := rt.Add(ad, eps, sc(1))
	if err != nil {
		return err
	}
	if delta, err = rt.Unary("sqrt", delta); err != nil {
		return err
	}
	if delta, err = rt.Div(delta, std, ""); err != nil {
		return err
	}
	if delta, err = rt.Mul(delta, grad); err != nil {
		return err
	}
	if err := inplace(rt, "mul_", []any{ad, rho}, nil); err != nil {
		return err
	}
	if err := inplace(rt, "addcmul_", []any{ad, delta, delta}, map[string]any{"value": sc(1 - rho)}); err != nil {
		return err
	}
	return inplace(rt, "add_", []any{p, delta}, map[string]any{"alpha": sc(-lr)})
}

func rpropStep(o *Optimizer, rt *tensor.Runtime, g *paramGroup, p *tensor.Tensor, st map[string]*tensor.Tensor) error {
	lr := g.f("lr")
	etas, err := FloatsOf(g.vals["etas"])
	if err != nil || len(etas) != 2 {
		return fmt.Errorf("etas must be a vector of 2 numbers")
	}
	sizes, err := FloatsOf(g.vals["step_sizes"])
	if err != nil || len(sizes) != 2 {
		return fmt.Errorf("step_sizes must be a vector of 2 numbers")
	}
	grad := p.Grad()
	if st["prev"] == nil {
		if st["prev"], err = zerosLike(rt, p); err != nil {
			return err
		}
		if st["step_size"], err = call1(rt, "full_like", []any{grad, lr}, nil); err != nil {
			return err
		}
	}
	if _, err := incStep(rt, st); err != nil {
		return err
	}
	prod, err := rt.Mul(grad, st["prev"])
	if err != nil {
		return err
	}
	sign, err := rt.Unary("sign", prod)
	if err != nil {
		return err
	}
	// sign > 0: etaplus, < 0: etaminus, 0: 1
	factor, err := call1(rt, "ones_like", []any{grad}, nil)
	if err != nil {
		return err
	}
	for _, c := range []struct {
		op  string
		val float64
	}{{"gt", etas[1]}, {"lt", etas[0]}} {
		m, err := call1(rt, c.op, []any{sign, 0.0}, nil)
		if err != nil {
			return err
		}
		if err := inplace(rt, "masked_fill_", []any{factor, m, c.val}, nil); err != nil {
			return err
		}
	}
	ss := st["step_size"]
	if err := inplace(rt, "mul_", []any{ss, factor}, nil); err != nil {
		return err
	}
	if err := inplace(rt, "clamp_", []any{ss, sizes[0], sizes[1]}, nil); err != nil {
		return err
	}
	// where the sign flipped, no step and no memory of this gradient
	neg, err := call1(rt, "lt", []any{sign, 0.0}, nil)
	if err != nil {
		return err
	}
	g2, err := call1(rt, "masked_fill", []any{grad, neg, 0.0}, nil)
	if err != nil {
		return err
	}
	gs, err := rt.Unary("sign", g2)
	if err != nil {
		return err
	}
	if err := inplace(rt, "addcmul_", []any{p, gs, ss}, map[string]any{"value": sc(-1)}); err != nil {
		return err
	}
	return rt.Copy_(st["prev"], g2)
}

func asgdStep(o *Optimizer, rt *tensor.Runtime, g *paramGroup, p *tensor.Tensor, st map[string]*tensor.Tensor) error {
	lr, lambd, alpha, t0, wd := g.f("lr"), g.f("lambda"), g.f("alpha"), g.f("t0"), g.f("weight_decay")
	var err error
	if st["ax"] == nil {
		if st["ax"], err = zerosLike(rt, p); err != nil {
			return err
		}
		st["eta"] = tensor.ScalarTensor(lr, tensor.Float32)
		st["mu"] = tensor.ScalarTensor(1, tensor.Float32)
	}
	step, err := incStep(rt, st)
	if err != nil {
		return err
	}
	grad, err := weightDecay(rt, p.Grad(), p, wd)
	if err != nil {
		return err
	}
	eta, _ := st["eta"].Item()
	mu, _ := st["mu"].Item()
	if err := inplace(rt, "mul_", []any{p, 1 - lambd*eta}, nil); err != nil {
		return err
	}
	if err := inplace(rt, "add_", []any{p, grad}, map[string]any{"alpha": sc(-eta)}); err != nil {
		return err
	}
	ax := st["ax"]
	if mu != 1 {
		d, err := rt.Sub(p, ax, sc(1))
		if err != nil {
			return err
		}
		if d, err = rt.Mul(d, st["mu"]); err != nil {
			return err
		}
		if err := inplace(rt, "add_", []any{ax, d}, nil); err != nil {
			return err
		}
	} else if err := rt.Copy_(ax, p); err != nil {
		return err
	}
	st["eta"] = tensor.ScalarTensor(f32round(lr/math.Pow(1+lambd*lr*step, alpha)), tensor.Float32)
	st["mu"] = tensor.ScalarTensor(f32round(1/math.Max(1, step-t0)), tensor.Float32)
	return nil
}

var optSpecs = []*optSpec{
	{name: "optim_sgd", formals: []string{"lr = optim_required()", "momentum = 0", "dampening = 0", "weight_decay = 0", "nesterov = FALSE"}, required: map[string]bool{"lr": true}, step: sgdStep},
	{name: "optim_adam", formals: []string{"lr = 0.001", "betas = c(0.9, 0.999)", "eps = 1e-08", "weight_decay = 0", "amsgrad = FALSE"}, step: adamStep(false)},
	{name: "optim_adamw", formals: []string{"lr = 0.001", "betas = c(0.9, 0.999)", "eps = 1e-08", "weight_decay = 0.01", "amsgrad = FALSE"}, step: adamStep(true)},
	{name: "optim_rmsprop", formals: []string{"lr = 0.01", "alpha = 0.99", "eps = 1e-08", "weight_decay = 0", "momentum = 0", "centered = FALSE"}, step: rmspropStep},
	{name: "optim_adadelta", formals: []string{"lr = 1", "rho = 0.9", "eps = 1e-06", "weight_decay = 0"}, step: adadeltaStep},
	{name: "optim_rprop", formals: []string{"lr = 0.01", "etas = c(0.5, 1.2)", "step_sizes = c(1e-06, 50)"}, step: rpropStep},
	{name: "optim_asgd", formals: []string{"lr = 0.01", "lambda = 1e-04", "alpha = 0.75", "t0 = 1e+06", "weight_decay = 0"}, step: asgdStep},
	{name: "optim_adagrad", formals: []string{"lr = 0.01", "lr_decay = 0", "weight_decay = 0", "initial_accumulator_value = 0", "eps = 1e-10"}, step: adagradStep},
}

type optRequired struct{}

func (optRequired) TypeName() string { return "NULL" }
func (optRequired) Class() []string  { return []string{"optim_required"} }
func (optRequired) PrintText(in *eval.Interp) (string, error) {
	return "<optim_required>\n", nil
}

func init() {
	eval.Register(&eval.Builtin{Name: "optim_required", Fn: func(c *eval.Frame, a []eval.Value) (eval.Value, error) {
		return optRequired{}, nil
	}})
	for _, s := range optSpecs {
		s := s
		eval.Register(&eval.Builtin{Name: s.name, Formals: append([]string{"params"}, s.formals...), Fn: func(c *eval.Frame, a []eval.Value) (eval.Value, error) {
			o := &Optimizer{spec: s, defVals: map[string]eval.Value{}, state: map[*tensor.Tensor]map[string]*tensor.Tensor{}}
			for i, f := range s.formals {
				n := strings.TrimSpace(strings.SplitN(f, "=", 2)[0])
				o.defaults = append(o.defaults, n)
				v := a[i+1]
				if _, ok := v.(optRequired); ok {
					if s.required[n] {
						return nil, fmt.Errorf("argument \"%s\" is missing, with no default", n)
					}
				}
				eval.Ref(v)
				o.defVals[n] = v
			}
			for n, v := range o.defVals {
				if f, err := FloatArg(v); err == nil && f < 0 && n != "momentum" {
					return nil, fmt.Errorf("Invalid %s value: %v", strings.ReplaceAll(n, "_", " "), f)
				}
			}
			if s.name == "optim_sgd" && o.defVals["nesterov"] != nil {
				if nest, _ := BoolArg(o.defVals["nesterov"]); nest {
					mom, _ := FloatArg(o.defVals["momentum"])
					damp, _ := FloatArg(o.defVals["dampening"])
					if mom <= 0 || damp != 0 {
						return nil, fmt.Errorf("Nesterov momentum requires a momentum and zero dampening")
					}
				}
			}
			pv := a[0]
			if l, ok := pv.(*eval.List); ok && len(l.V) > 0 {
				if gl, ok := l.V[0].(*eval.List); ok && hasName(gl, "params") {
					for _, x := range l.V {
						if err := o.addGroup(c.In, x); err != nil {
							return nil, err
						}
					}
					return o, nil
				}
			}
			if err := o.addGroup(c.In, pv); err != nil {
				return nil, err
			}
			if len(o.order) == 0 {
				return nil, fmt.Errorf("optimizer got an empty parameter list")
			}
			return o, nil
		}})
	}
}

// Fused float32 updates: one pass over contiguous float32 parameters,
// gradients and state, with PyTorch's operations in the same order, each
// rounded to float32 (the op-by-op path above is the reference and handles
// every other case).

func f32(ts ...*tensor.Tensor) ([][]float32, bool) {
	out := make([][]float32, len(ts))
	for i, t := range ts {
		if t == nil {
			return nil, false
		}
		d := t.Float32Data()
		if d == nil || (i > 0 && len(d) != len(out[0])) {
			return nil, false
		}
		out[i] = d
	}
	return out, true
}

func fusedAdam(p, grad *tensor.Tensor, st map[string]*tensor.Tensor, lr, b1, b2, eps, wd float64, ams, decoupled bool, step float64, threads int) bool {
	ts := []*tensor.Tensor{p, grad, st["exp_avg"], st["exp_avg_sq"]}
	if ams {
		ts = append(ts, st["max_exp_avg_sq"])
	}
	d, ok := f32(ts...)
	if !ok || p.SharesStorage(grad) {
		return false
	}
	pp, gr, ea, eas := d[0], d[1], d[2], d[3]
	var mx0 []float32
	if ams {
		mx0 = d[4]
	}
	bc1 := 1 - math.Pow(b1, step)
	bc2 := 1 - math.Pow(b2, step)
	ssf := float32(-(lr / bc1))
	bc2sf := float32(math.Sqrt(bc2))
	b1f, b2f, a1, a2 := float32(b1), float32(b2), float32(1-b1), float32(1-b2)
	epsf, wdf, decay := float32(eps), float32(wd), float32(1-lr*wd)
	run := func(lo, hi int) {
		pp, gr, ea, eas := pp[lo:hi], gr[lo:hi], ea[lo:hi], eas[lo:hi]
		var mx []float32
		if ams {
			mx = mx0[lo:hi]
		}
		start := 0
		if !ams && (decoupled || wd == 0) {
			dec := decay
			if !decoupled {
				dec = 1
			}
			start = adamVec(pp, gr, ea, eas, &[8]float32{b1f, a1, b2f, a2, bc2sf, epsf, ssf, dec})
		}
		for i := start; i < len(pp); i++ {
			g := gr[i]
			x := pp[i]
			if decoupled {
				x *= decay
			} else if wd != 0 {
				g = g + wdf*x
			}
			m := ea[i] * b1f
			m = m + a1*g
			v := eas[i] * b2f
			v = v + a2*g*g
			ea[i], eas[i] = m, v
			if ams {
				if v > mx[i] {
					mx[i] = v
				}
				v = mx[i]
			}
			den := float32(math.Sqrt(float64(v)))/bc2sf + epsf
			pp[i] = x + ssf*m/den
		}
	}
	parallel(len(pp), threads, run)
	for _, t := range ts {
		if t != grad {
			t.MarkModified()
		}
	}
	return true
}

func fusedSGD(rt *tensor.Runtime, p *tensor.Tensor, st map[string]*tensor.Tensor, lr, mom, damp, wd float64, nesterov bool) (bool, error) {
	grad := p.Grad()
	d, ok := f32(p, grad)
	if !ok || p.SharesStorage(grad) {
		return false, nil
	}
	pp, gr := d[0], d[1]
	var buf []float32
	first := false
	if mom != 0 {
		b := st["momentum_buffer"]
		if b == nil {
			var err error
			if b, err = zerosLike(rt, p); err != nil {
				return false, err
			}
			st["momentum_buffer"] = b
			first = true
		}
		if buf = b.Float32Data(); len(buf) != len(pp) {
			return false, nil
		}
		defer b.MarkModified()
	}
	lrf, wdf, momf, dampf := float32(-lr), float32(wd), float32(mom), float32(1-damp)
	for i := range pp {
		g := gr[i]
		if wd != 0 {
			g = g + wdf*pp[i]
		}
		if buf != nil {
			if first {
				buf[i] = g
			} else {
				buf[i] = buf[i]*momf + dampf*g
			}
			if nesterov {
				g = g + momf*buf[i]
			} else {
				g = buf[i]
			}
		}
		pp[i] = pp[i] + lrf*g
	}
	p.MarkModified()
	return true, nil
}

// parallel runs fn over [0, n) in up to threads chunks (multiples of 64
// elements) when n is large enough to pay for the goroutines.
func parallel(n, threads int, fn func(lo, hi int)) {
	if threads < 2 || n < 1<<16 {
		fn(0, n)
		return
	}
	chunk := (n/threads + 63) &^ 63
	var wg sync.WaitGroup
	var mu sync.Mutex
	var failure any // a panic of a chunk, raised again here once all stopped
	for lo := 0; lo < n; lo += chunk {
		hi := min(lo+chunk, n)
		wg.Add(1)
		go func() {
			defer wg.Done()
			defer func() {
				if r := recover(); r != nil {
					mu.Lock()
					failure = r
					mu.Unlock()
				}
			}()
			fn(lo, hi)
		}()
	}
	wg.Wait()
	if failure != nil {
		panic(failure)
	}
}
