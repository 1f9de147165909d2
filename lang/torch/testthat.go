package torch

import (
	"fmt"
	"strings"

	"torchr/lang/eval"
	"torchr/lang/syntax"
)

// A small testthat: test_that blocks and expect_* functions. Expectation
// failures are recorded and the block goes on (as in testthat); an error
// ends the block as a failure; skip_if ends it as skipped.

// TestStats are the counts of the session's expectations.
type TestStats struct {
	Passed, Failed, Skipped int
	Failures                []string
	current                 string
}

type statsKey struct{}

// Stats returns the session's test counts.
func Stats(in *eval.Interp) *TestStats {
	if s, ok := in.Local[statsKey{}].(*TestStats); ok {
		return s
	}
	s := &TestStats{}
	if in.Local == nil {
		in.Local = map[any]any{}
	}
	in.Local[statsKey{}] = s
	return s
}

// rHelpers are R functions the expectations run code through, so that R's
// handler stack sees a handler (errors are caught, warnings muffled) as in
// testthat.
const rHelpersSrc = `list(
  catch = function(expr) tryCatch(list(value = expr, error = NULL), error = function(e) list(value = NULL, error = e)),
  warn = function(expr) {
    ws <- character()
    v <- withCallingHandlers(expr, warning = function(w) {
      ws <<- c(ws, conditionMessage(w))
      invokeRestart("muffleWarning")
    })
    list(value = v, warnings = ws)
  }
)`

type helpersKey struct{}

func rHelper(in *eval.Interp, name string) (eval.Value, error) {
	l, ok := in.Local[helpersKey{}].(*eval.List)
	if !ok {
		f, err := syntax.ParseFile("<testthat>", rHelpersSrc)
		if err != nil {
			return nil, err
		}
		v, err := in.Eval(f.Exprs[0].X, in.Base)
		if err != nil {
			return nil, err
		}
		l = v.(*eval.List)
		in.Local[helpersKey{}] = l
	}
	for i, n := range eval.Names(l) {
		if n == name {
			return l.V[i], nil
		}
	}
	return nil, fmt.Errorf("no helper %s", name)
}

// catchValue evaluates the promise p (in env, when given) under
// tryCatch: it returns the value or the caught condition.
func catchValue(c *eval.Frame, p eval.Value, env *eval.Env) (eval.Value, eval.Value, error) {
	h, err := rHelper(c.In, "catch")
	if err != nil {
		return nil, nil, err
	}
	if pr, ok := p.(*eval.Promise); ok && env != nil {
		p = &eval.Promise{Expr: pr.Expr, Env: env}
	}
	r, err := c.In.Apply(h, []eval.Arg{{Value: p}}, nil, c.Env)
	if err != nil {
		return nil, nil, err
	}
	l := r.(*eval.List)
	if _, null := l.V[1].(*eval.NullType); !null {
		return nil, l.V[1], nil
	}
	return l.V[0], nil, nil
}

type skipErr struct{ msg string }

func (s *skipErr) Error() string { return "Skipped: " + s.msg }

func (s *TestStats) fail(in *eval.Interp, msg string) {
	s.Failed++
	where := s.current
	if where == "" {
		where = "(top level)"
	}
	text := fmt.Sprintf("Failure (%s): %s", where, msg)
	s.Failures = append(s.Failures, text)
	fmt.Fprintln(in.Stderr, text)
}

func (s *TestStats) expect(in *eval.Interp, ok bool, format string, args ...any) {
	if ok {
		s.Passed++
		return
	}
	s.fail(in, fmt.Sprintf(format, args...))
}

func deparseArg(c *eval.Frame, i int) string {
	if i < len(c.Args) && c.Args[i].Expr != nil {
		return eval.DeparseExpr(c.Args[i].Expr)
	}
	return "object"
}

// equalValues compares like all.equal; tensors by value (shape, then
// numbers with tolerance).
func equalValues(c *eval.Frame, x, y eval.Value, tol float64) (bool, string, error) {
	_, xt := x.(*Tensor)
	_, yt := y.(*Tensor)
	if xt || yt {
		a, err := asTensorValues(c.In, x)
		if err != nil {
			return false, "", err
		}
		b, err := asTensorValues(c.In, y)
		if err != nil {
			return false, "", err
		}
		if xt && yt {
			sa, sb := x.(*Tensor).T.Shape(), y.(*Tensor).T.Shape()
			if fmt.Sprint(sa) != fmt.Sprint(sb) {
				return false, fmt.Sprintf("shapes differ: %v vs %v", sa, sb), nil
			}
		}
		if len(a) != len(b) {
			return false, fmt.Sprintf("lengths differ: %d vs %d", len(a), len(b)), nil
		}
		var sum, diff float64
		for i := range a {
			d := a[i] - b[i]
			if d < 0 {
				d = -d
			}
			diff += d
			if b[i] < 0 {
				sum -= b[i]
			} else {
				sum += b[i]
			}
		}
		rel := diff
		if sum > 0 && len(b) > 0 {
			rel = diff / sum
		}
		if rel > tol && diff/float64(max(len(a), 1)) > tol {
			return false, fmt.Sprintf("mean relative difference: %g", rel), nil
		}
		return true, "", nil
	}
	v, err := c.In.CallFunction("all.equal", []eval.Arg{{Value: x}, {Value: y}, {Name: "tolerance", Value: eval.NewDouble1(tol)}}, c.Env)
	if err != nil {
		return false, "", err
	}
	if l, ok := v.(*eval.Logical); ok && len(l.V) == 1 && l.V[0] == 1 {
		return true, "", nil
	}
	return false, strings.Join(eval.AsStrings(v), "; "), nil
}

func asTensorValues(in *eval.Interp, v eval.Value) ([]float64, error) {
	if t, ok := v.(*Tensor); ok {
		return t.T.Float64s(), nil
	}
	t, err := fromR(in, v, nil)
	if err != nil {
		return nil, err
	}
	return t.Float64s(), nil
}

func matches(c *eval.Frame, pattern eval.Value, texts []string, fixed eval.Value) (bool, error) {
	if pattern == nil {
		return true, nil
	}
	if _, null := pattern.(*eval.NullType); null {
		return true, nil
	}
	args := []eval.Arg{{Value: pattern}, {Value: eval.NewStr(texts)}}
	if fixed != nil {
		args = append(args, eval.Arg{Name: "fixed", Value: fixed})
	}
	v, err := c.In.CallFunction("grepl", args, c.Env)
	if err != nil {
		return false, err
	}
	if l, ok := v.(*eval.Logical); ok {
		for _, x := range l.V {
			if x == 1 {
				return true, nil
			}
		}
	}
	return false, nil
}

func init() {
	inv := func(b *eval.Builtin) *eval.Builtin { b.Invisible = true; return b }
	eval.RegisterAll(
		inv(&eval.Builtin{Name: "test_that", Formals: []string{"desc", "code"}, Special: true, Fn: func(c *eval.Frame, a []eval.Value) (eval.Value, error) {
			dv, err := c.Force(a[0])
			if err != nil {
				return nil, err
			}
			desc, _ := str1(dv)
			s := Stats(c.In)
			old := s.current
			s.current = desc
			defer func() { s.current = old }()
			p, ok := a[1].(*eval.Promise)
			if !ok {
				return eval.Null, nil
			}
			_, cond, err := catchValue(c, p, eval.NewEnv(p.Env))
			if err != nil {
				return nil, err
			}
			if cond != nil {
				msg := eval.ConditionMessage(cond)
				if strings.HasPrefix(msg, "Skipped: ") {
					s.Skipped++
					return eval.Bool(true), nil
				}
				s.fail(c.In, "Error: "+msg)
				return eval.Bool(false), nil
			}
			return eval.Bool(true), nil
		}}),
		inv(&eval.Builtin{Name: "skip_if", Formals: []string{"condition", "message = NULL"}, Fn: func(c *eval.Frame, a []eval.Value) (eval.Value, error) {
			b, _ := BoolArg(a[0])
			if b {
				return nil, &skipErr{deparseArg(c, 0)}
			}
			return eval.Null, nil
		}}),
		inv(&eval.Builtin{Name: "skip_if_not", Formals: []string{"condition", "message = NULL"}, Fn: func(c *eval.Frame, a []eval.Value) (eval.Value, error) {
			b, _ := BoolArg(a[0])
			if !b {
				return nil, &skipErr{deparseArg(c, 0)}
			}
			return eval.Null, nil
		}}),
		inv(&eval.Builtin{Name: "skip", Formals: []string{"message"}, Fn: func(c *eval.Frame, a []eval.Value) (eval.Value, error) {
			m, _ := str1(a[0])
			return nil, &skipErr{m}
		}}),
		inv(&eval.Builtin{Name: "expect_equal", Formals: []string{"object", "expected", "...", "tolerance = 1.5e-08", "info = NULL", "label = NULL"}, Fn: func(c *eval.Frame, a []eval.Value) (eval.Value, error) {
			tol, _ := FloatArg(a[3])
			ok, why, err := equalValues(c, a[0], a[1], tol)
			if err != nil {
				return nil, err
			}
			Stats(c.In).expect(c.In, ok, "%s not equal to %s: %s", deparseArg(c, 0), deparseArg(c, 1), why)
			return a[0], nil
		}}),
		inv(&eval.Builtin{Name: "expect_identical", Formals: []string{"object", "expected", "info = NULL", "label = NULL"}, Fn: func(c *eval.Frame, a []eval.Value) (eval.Value, error) {
			var ok bool
			if x, isT := a[0].(*Tensor); isT {
				y, isT2 := a[1].(*Tensor)
				if isT2 {
					eq, err := Runtime(c.In).Equal(x.T, y.T)
					if err != nil {
						return nil, err
					}
					ok = eq && x.T.DType() == y.T.DType()
				}
			} else {
				v, err := c.In.CallFunction("identical", []eval.Arg{{Value: a[0]}, {Value: a[1]}}, c.Env)
				if err != nil {
					return nil, err
				}
				ok, _ = BoolArg(v)
			}
			Stats(c.In).expect(c.In, ok, "%s not identical to %s", deparseArg(c, 0), deparseArg(c, 1))
			return a[0], nil
		}}),
		inv(&eval.Builtin{Name: "expect_true", Formals: []string{"object", "info = NULL", "label = NULL"}, Fn: func(c *eval.Frame, a []eval.Value) (eval.Value, error) {
			l, ok := a[0].(*eval.Logical)
			Stats(c.In).expect(c.In, ok && len(l.V) == 1 && l.V[0] == 1, "%s is not TRUE", deparseArg(c, 0))
			return a[0], nil
		}}),
		inv(&eval.Builtin{Name: "expect_false", Formals: []string{"object", "info = NULL", "label = NULL"}, Fn: func(c *eval.Frame, a []eval.Value) (eval.Value, error) {
			l, ok := a[0].(*eval.Logical)
			Stats(c.In).expect(c.In, ok && len(l.V) == 1 && l.V[0] == 0, "%s is not FALSE", deparseArg(c, 0))
			return a[0], nil
		}}),
		inv(&eval.Builtin{Name: "expect_length", Formals: []string{"object", "n"}, Fn: func(c *eval.Frame, a []eval.Value) (eval.Value, error) {
			n, _ := IntArg(a[1])
			got := eval.Length(a[0])
			if h, ok := a[0].(eval.HasLength); ok {
				got = h.Length()
			}
			Stats(c.In).expect(c.In, got == n, "%s has length %d, not length %d", deparseArg(c, 0), got, n)
			return a[0], nil
		}}),
		inv(&eval.Builtin{Name: "expect_tensor", Formals: []string{"object"}, Fn: func(c *eval.Frame, a []eval.Value) (eval.Value, error) {
			_, ok := a[0].(*Tensor)
			Stats(c.In).expect(c.In, ok, "%s is not a torch_tensor", deparseArg(c, 0))
			return a[0], nil
		}}),
		inv(&eval.Builtin{Name: "expect_tensor_shape", Formals: []string{"object", "expected"}, Fn: func(c *eval.Frame, a []eval.Value) (eval.Value, error) {
			t, ok := a[0].(*Tensor)
			want, _ := IntsArg(a[1])
			got := []int{}
			if ok {
				got = t.T.Shape()
			}
			Stats(c.In).expect(c.In, ok && fmt.Sprint(got) == fmt.Sprint(want), "%s has shape %v, not %v", deparseArg(c, 0), got, want)
			return a[0], nil
		}}),
		inv(&eval.Builtin{Name: "expect_error", Formals: []string{"object", "regexp = NULL", "class = NULL", "...", "fixed = NULL"}, Special: true, Fn: func(c *eval.Frame, a []eval.Value) (eval.Value, error) {
			_, cond, err := catchValue(c, a[0], nil)
			if err != nil {
				return nil, err
			}
			re, err2 := forceOpt(c, a[1])
			if err2 != nil {
				return nil, err2
			}
			fixed, _ := forceOpt(c, a[4])
			s := Stats(c.In)
			if cond == nil {
				s.fail(c.In, deparseArg(c, 0)+" did not throw an error.")
				return eval.Null, nil
			}
			msg := eval.ConditionMessage(cond)
			ok, merr := matches(c, re, []string{msg}, fixed)
			if merr != nil {
				return nil, merr
			}
			if cls, _ := forceOpt(c, a[2]); cls != nil && ok {
				want, _ := str1(cls)
				ok = false
				for _, k := range eval.ClassAttr(cond) {
					ok = ok || k == want
				}
			}
			s.expect(c.In, ok, "error message %q does not match %s", msg, deparseRe(re))
			return eval.Null, nil
		}}),
		inv(&eval.Builtin{Name: "expect_warning", Formals: []string{"object", "regexp = NULL", "class = NULL", "...", "fixed = NULL"}, Special: true, Fn: func(c *eval.Frame, a []eval.Value) (eval.Value, error) {
			h, err := rHelper(c.In, "warn")
			if err != nil {
				return nil, err
			}
			r, err := c.In.Apply(h, []eval.Arg{{Value: a[0]}}, nil, c.Env)
			if err != nil {
				return nil, err
			}
			rl := r.(*eval.List)
			v := rl.V[0]
			ws := eval.AsStrings(rl.V[1])
			re, _ := forceOpt(c, a[1])
			fixed, _ := forceOpt(c, a[4])
			s := Stats(c.In)
			if len(ws) == 0 {
				s.fail(c.In, deparseArg(c, 0)+" did not produce any warnings.")
				return v, nil
			}
			ok, merr := matches(c, re, ws, fixed)
			if merr != nil {
				return nil, merr
			}
			s.expect(c.In, ok, "warnings %q do not match %s", ws, deparseRe(re))
			return v, nil
		}}),
		inv(&eval.Builtin{Name: "expect_output", Formals: []string{"object", "regexp = NULL", "...", "fixed = NULL"}, Special: true, Fn: func(c *eval.Frame, a []eval.Value) (eval.Value, error) {
			var buf strings.Builder
			p, _ := a[0].(*eval.Promise)
			in := c.In
			old := in.Stdout
			in.Stdout = &buf
			var v eval.Value
			var err error
			if p != nil {
				v, err = in.Eval(p.Expr, p.Env)
				if err == nil && in.Visible() {
					err = in.PrintValue(v, p.Env)
				}
			}
			in.Stdout = old
			if err != nil {
				return nil, err
			}
			re, _ := forceOpt(c, a[1])
			fixed, _ := forceOpt(c, a[3])
			out := strings.TrimRight(buf.String(), "\n")
			s := Stats(c.In)
			if re == nil || re == eval.Value(eval.Null) {
				s.expect(c.In, out != "", "%s produced no output", deparseArg(c, 0))
				return v, nil
			}
			ok, merr := matches(c, re, []string{out}, fixed)
			if merr != nil {
				return nil, merr
			}
			s.expect(c.In, ok, "output %q does not match %s", out, deparseRe(re))
			return v, nil
		}}),
	)
	for _, n := range []string{"test_that", "skip_if", "skip_if_not", "skip", "expect_equal", "expect_identical", "expect_true", "expect_false", "expect_length", "expect_tensor", "expect_tensor_shape", "expect_error", "expect_warning", "expect_output"} {
		extraPages[n] = "testthat-style testing built into torchr: " + n + ". `torchr test DIR` runs every test-*.tr file and reports the counts."
	}
}

func forceOpt(c *eval.Frame, v eval.Value) (eval.Value, error) {
	if v == nil {
		return nil, nil
	}
	if _, ok := v.(*eval.Promise); ok {
		x, err := c.Force(v)
		if err != nil {
			return nil, err
		}
		if _, null := x.(*eval.NullType); null {
			return nil, nil
		}
		return x, nil
	}
	if _, null := v.(*eval.NullType); null {
		return nil, nil
	}
	return v, nil
}

func deparseRe(v eval.Value) string {
	if v == nil {
		return "NULL"
	}
	return eval.DeparseValue(v)
}
