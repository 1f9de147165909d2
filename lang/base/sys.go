package base

// System functions: Sys.time, Sys.Date, Sys.getenv, Sys.setenv,
// Sys.unsetenv, Sys.sleep, system.time, proc.time (and its print method),
// options, getOption.

import (
	"io"
	"math"
	"os"
	"sort"
	"strings"
	"syscall"
	"time"

	"torchr/lang/eval"
	"torchr/lang/internal/rfmt"
)

// Environment variables set by Sys.setenv live in the session (an overlay
// over the process environment), so sessions do not see each other's.
type envKey struct{}

type envOverlay struct {
	set   map[string]string
	unset map[string]bool
}

func sessionEnv(in *eval.Interp) *envOverlay {
	if e, ok := in.Local[envKey{}].(*envOverlay); ok {
		return e
	}
	e := &envOverlay{set: map[string]string{}, unset: map[string]bool{}}
	in.Local[envKey{}] = e
	return e
}

func (e *envOverlay) get(name string) (string, bool) {
	if v, ok := e.set[name]; ok {
		return v, true
	}
	if e.unset[name] {
		return "", false
	}
	return os.LookupEnv(name)
}

func (e *envOverlay) all() map[string]string {
	m := map[string]string{}
	for _, kv := range os.Environ() {
		k, v, _ := strings.Cut(kv, "=")
		if !e.unset[k] {
			m[k] = v
		}
	}
	for k, v := range e.set {
		m[k] = v
	}
	return m
}

var processStart = time.Now()

// cpuTimes returns user and system CPU seconds of the process.
func cpuTimes() (float64, float64) {
	var ru syscall.Rusage
	if err := syscall.Getrusage(syscall.RUSAGE_SELF, &ru); err != nil {
		return 0, 0
	}
	tv := func(t syscall.Timeval) float64 { return float64(t.Sec) + float64(t.Usec)/1e6 }
	return tv(ru.Utime), tv(ru.Stime)
}

func procTime() *eval.Double {
	u, s := cpuTimes()
	el := time.Since(processStart).Seconds()
	round := func(x float64) float64 { return float64(int64(x*1000+0.5)) / 1000 }
	d := eval.NewDouble([]float64{round(u), round(s), round(el), eval.NAReal, eval.NAReal})
	d.SetAttr("names", eval.NewStr([]string{"user.self", "sys.self", "elapsed", "user.child", "sys.child"}))
	d.SetAttr("class", eval.NewStr1("proc_time"))
	return d
}

func init() {
	eval.RegisterAll(
		&eval.Builtin{Name: "Sys.time", Fn: func(c *eval.Frame, a []eval.Value) (eval.Value, error) {
			now := time.Now()
			d := eval.NewDouble1(float64(now.UnixMicro()) / 1e6)
			d.SetAttr("class", eval.NewStr([]string{"POSIXct", "POSIXt"}))
			return d, nil
		}},
		&eval.Builtin{Name: "Sys.Date", Fn: func(c *eval.Frame, a []eval.Value) (eval.Value, error) {
			now := time.Now().UTC()
			days := float64(now.Unix() / 86400)
			d := eval.NewDouble1(days)
			d.SetAttr("class", eval.NewStr1("Date"))
			return d, nil
		}},
		&eval.Builtin{Name: "Sys.getenv", Formals: []string{"x = NULL", `unset = ""`, "names = NA"}, Fn: func(c *eval.Frame, a []eval.Value) (eval.Value, error) {
			env := sessionEnv(c.In)
			if isNull(a[0]) {
				m := env.all()
				keys := make([]string, 0, len(m))
				for k := range m {
					keys = append(keys, k)
				}
				sort.Strings(keys)
				vals := make([]string, len(keys))
				for i, k := range keys {
					vals[i] = m[k]
				}
				r := eval.NewStr(vals)
				r.SetAttr("names", eval.NewStr(keys))
				r.SetAttr("class", eval.NewStr1("Dlist"))
				return r, nil
			}
			ns, ok := coStrings(a[0])
			if !ok {
				return nil, c.Errorf("wrong type for argument")
			}
			names := eval.NewStr(ns)
			unset, ok := coStrings(a[1])
			if !ok || len(unset) != 1 {
				return nil, c.Errorf("wrong type for argument")
			}
			r := make([]string, len(names.V))
			for i, n := range names.V {
				if v, ok := env.get(n); ok {
					r[i] = v
				} else {
					r[i] = unset[0]
				}
			}
			res := eval.NewStr(r)
			useNames := len(names.V) > 1
			if l, ok := a[2].(*eval.Logical); ok && len(l.V) == 1 && l.V[0] != eval.NALogical {
				useNames = l.V[0] == 1
			}
			if useNames {
				res.SetAttr("names", eval.NewStr(append([]string(nil), names.V...)))
			}
			return res, nil
		}},
		&eval.Builtin{Name: "Sys.setenv", Invisible: true, Formals: []string{"..."}, Fn: func(c *eval.Frame, a []eval.Value) (eval.Value, error) {
			dots := a[0].(*eval.List)
			names := eval.Names(dots)
			env := sessionEnv(c.In)
			r := make([]int32, len(dots.V))
			for i, v := range dots.V {
				if names == nil || names[i] == "" {
					return nil, c.Errorf("all arguments must be named")
				}
				s, ok := coStrings(v)
				if !ok || len(s) != 1 {
					return nil, c.Errorf("wrong length for argument")
				}
				env.set[names[i]] = s[0]
				delete(env.unset, names[i])
				r[i] = 1
			}
			return eval.NewLgl(r), nil
		}},
		&eval.Builtin{Name: "Sys.unsetenv", Invisible: true, Formals: []string{"x"}, Fn: func(c *eval.Frame, a []eval.Value) (eval.Value, error) {
			s, err := charArg(c, a[0], "x")
			if err != nil {
				return nil, err
			}
			env := sessionEnv(c.In)
			r := make([]int32, len(s))
			for i, n := range s {
				delete(env.set, n)
				env.unset[n] = true
				r[i] = 1
			}
			return eval.NewLgl(r), nil
		}},
		&eval.Builtin{Name: "Sys.sleep", Invisible: true, Formals: []string{"time"}, Fn: func(c *eval.Frame, a []eval.Value) (eval.Value, error) {
			t, err := argNum(c, a[0], "time")
			if err != nil || t != t || t < 0 {
				return nil, c.Errorf("invalid '%s' value", "time")
			}
			if t == 0 {
				return eval.Null, nil
			}
			d := time.Duration(math.MaxInt64)
			if t < float64(math.MaxInt64)/float64(time.Second) {
				d = time.Duration(t * float64(time.Second))
			}
			timer := time.NewTimer(d)
			defer timer.Stop()
			select {
			case <-timer.C:
			case <-c.In.Context().Done():
				return nil, &eval.Error{Interrupt: true}
			}
			return eval.Null, nil
		}},
		&eval.Builtin{Name: "proc.time", Fn: func(c *eval.Frame, a []eval.Value) (eval.Value, error) {
			return procTime(), nil
		}},
		&eval.Builtin{Name: "system.time", Special: true, Formals: []string{"expr", "gcFirst = TRUE"}, Fn: func(c *eval.Frame, a []eval.Value) (eval.Value, error) {
			u0, s0 := cpuTimes()
			t0 := time.Now()
			if p, ok := a[0].(*eval.Promise); ok {
				if _, err := c.Force(p); err != nil {
					return nil, err
				}
			}
			u1, s1 := cpuTimes()
			el := time.Since(t0).Seconds()
			round := func(x float64) float64 { return float64(int64(x*1000+0.5)) / 1000 }
			d := eval.NewDouble([]float64{round(u1 - u0), round(s1 - s0), round(el), 0, 0})
			d.SetAttr("names", eval.NewStr([]string{"user.self", "sys.self", "elapsed", "user.child", "sys.child"}))
			d.SetAttr("class", eval.NewStr1("proc_time"))
			c.In.SetVisible(true)
			return d, nil
		}},
		&eval.Builtin{Name: "print.proc_time", Invisible: true, Formals: []string{"x", "..."}, Fn: func(c *eval.Frame, a []eval.Value) (eval.Value, error) {
			d, ok := a[0].(*eval.Double)
			if !ok || len(d.V) < 3 {
				return a[0], c.In.PrintValue(a[0], c.Env)
			}
			// summary(): user = user.self + user.child, system likewise.
			add := func(x, y float64) float64 {
				if y != y {
					return x
				}
				return x + y
			}
			v := []float64{d.V[0], d.V[1], d.V[2]}
			if len(d.V) >= 5 {
				v[0] = add(d.V[0], d.V[3])
				v[1] = add(d.V[1], d.V[4])
			}
			o := printOptions(c.In)
			s := rfmt.PrintVector(rfmt.Vec{Kind: rfmt.Double, D: v}, []string{"user", "system", "elapsed"}, o)
			_, err := io.WriteString(c.In.Stdout, s)
			return a[0], err
		}},
		&eval.Builtin{Name: "options", KeepVisible: true, Formals: []string{"..."}, Fn: builtinOptions},
		&eval.Builtin{Name: "getOption", Formals: []string{"x", "default = NULL"}, Fn: func(c *eval.Frame, a []eval.Value) (eval.Value, error) {
			name, ok := a[0].(*eval.Character)
			if !ok || len(name.V) != 1 {
				return nil, c.Errorf("'x' must be a character string")
			}
			if v := c.In.Option(name.V[0]); v != nil {
				return v, nil
			}
			return a[1], nil
		}},
	)
}

func builtinOptions(c *eval.Frame, a []eval.Value) (eval.Value, error) {
	dots := a[0].(*eval.List)
	in := c.In
	in.SetVisible(true)
	if len(dots.V) == 0 {
		keys := make([]string, 0, len(in.Options))
		for k := range in.Options {
			keys = append(keys, k)
		}
		sort.Strings(keys)
		vals := make([]eval.Value, len(keys))
		for i, k := range keys {
			vals[i] = in.Options[k]
		}
		return eval.NewList(vals, keys), nil
	}
	names := eval.Names(dots)
	var oldNames []string
	var oldVals []eval.Value
	anySet := false
	set := func(k string, v eval.Value) error {
		switch k {
		case "digits":
			d, ok := coInts(v, nil)
			if !ok || len(d) != 1 || d[0] < 1 || d[0] > 22 {
				return c.Errorf("invalid 'digits' parameter, allowed 1...22")
			}
			v = eval.NewInt1(d[0])
		case "width":
			d, ok := coInts(v, nil)
			if !ok || len(d) != 1 || d[0] < 10 || d[0] > 10000 {
				return c.Errorf("invalid 'width' parameter, allowed 10...10000")
			}
			v = eval.NewInt1(d[0])
		case "scipen", "warn":
			d, ok := coInts(v, nil)
			if !ok || len(d) != 1 {
				return c.Errorf("invalid value for '%s'", k)
			}
			v = eval.NewInt1(d[0])
		}
		old := in.Options[k]
		if old == nil {
			old = eval.Null
		}
		oldNames = append(oldNames, k)
		oldVals = append(oldVals, old)
		if isNull(v) {
			delete(in.Options, k)
		} else {
			eval.MarkShared(v)
			in.Options[k] = v
		}
		anySet = true
		return nil
	}
	for i, v := range dots.V {
		n := ""
		if names != nil {
			n = names[i]
		}
		if n != "" {
			if err := set(n, v); err != nil {
				return nil, err
			}
			continue
		}
		switch x := v.(type) {
		case *eval.List:
			ln := eval.Names(x)
			for j, e := range x.V {
				if ln == nil || ln[j] == "" {
					return nil, c.Errorf("list argument has no valid names")
				}
				if err := set(ln[j], e); err != nil {
					return nil, err
				}
			}
		case *eval.Character:
			for _, k := range x.V {
				old := in.Options[k]
				if old == nil {
					old = eval.Null
				}
				oldNames = append(oldNames, k)
				oldVals = append(oldVals, old)
			}
		case *eval.NullType:
		default:
			return nil, c.Errorf("invalid argument")
		}
	}
	c.In.SetVisible(!anySet)
	return eval.NewList(oldVals, oldNames), nil
}
