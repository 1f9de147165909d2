package graphics

import (
	"math"

	"torchr/lang/eval"
	"torchr/lang/syntax"
)

// seqLength is seq(from, to, length.out = n) as R computes it (the ends
// exact, the inner points from + i*by).
func seqLength(from, to float64, n int) []float64 {
	x := make([]float64, n)
	if n == 0 {
		return x
	}
	x[0] = from
	if n == 1 {
		return x
	}
	by := (to - from) / float64(n-1)
	for i := 1; i < n-1; i++ {
		x[i] = from + float64(i)*by
	}
	x[n-1] = to
	return x
}

// seqValue is seq's result type: integer when from and the step are
// whole numbers (seq.int(0, 2, length.out = 3) is 0:2), else double.
func seqValue(x []float64, from, to float64) eval.Value {
	n := len(x)
	by := 0.0
	if n > 1 {
		by = (to - from) / float64(n-1)
	}
	if from == math.Trunc(from) && by == math.Trunc(by) && math.Abs(from) < 1<<31 && math.Abs(to) < 1<<31 {
		iv := make([]int32, n)
		for i, v := range x {
			iv[i] = int32(v)
		}
		return eval.NewInt(iv)
	}
	return eval.NewDouble(x)
}

func isFunction(v eval.Value) bool {
	switch v.(type) {
	case *eval.Closure, *eval.Builtin:
		return true
	}
	return false
}

// curveArgs are curve()'s arguments once the expression is known.
type curveArgs struct {
	from, to   float64
	fromSet    bool
	toSet      bool
	n          int
	add        bool
	typ        string
	xname      string
	main, xlab eval.Value
	ylab       string
	col        eval.Value
	lty, lwd   eval.Value
	xlim, ylim eval.Value
}

// drawCurve evaluates f (a function, or an expression in xname evaluated
// in env) at n points and draws them (on the current plot with add), as
// R's curve(); it returns list(x, y) invisibly.
func drawCurve(c *eval.Frame, fn eval.Value, expr syntax.Expr, env *eval.Env, a curveArgs) (eval.Value, error) {
	if a.n < 1 {
		return nil, c.Errorf("invalid 'n' value")
	}
	if a.add {
		// add = TRUE: the current plot's x range, unless given
		d, err := current(c)
		if err != nil {
			return nil, err
		}
		if !a.fromSet {
			a.from = d.page.X.Min
		}
		if !a.toSet {
			a.to = d.page.X.Max
		}
	}
	x := seqLength(a.from, a.to, a.n)
	xv := seqValue(x, a.from, a.to)
	var y eval.Value
	var err error
	if fn != nil {
		y, err = c.In.Call(fn, xv)
	} else {
		e := eval.NewEnv(env)
		e.Set(a.xname, xv)
		y, err = c.Eval(expr, e)
	}
	if err != nil {
		return nil, err
	}
	yv, err := nums(c, y, "y")
	if err != nil || len(yv) != len(x) {
		return nil, c.Errorf("'expr' did not evaluate to an object of length 'n'")
	}
	res := eval.NewList([]eval.Value{xv, eval.NewDouble(yv)}, []string{"x", "y"})
	st, err := styleOf(c, a.col, a.lty, a.lwd, nil, nil)
	if err != nil {
		return nil, err
	}
	pts, err := xy(c, eval.NewDouble(x), eval.NewDouble(yv))
	if err != nil {
		return nil, err
	}
	var d *device
	if a.add {
		d, _ = current(c)
	} else {
		xlim, err := limits(c, a.xlim, "xlim")
		if err != nil {
			return nil, err
		}
		ylim, err := limits(c, a.ylim, "ylim")
		if err != nil {
			return nil, err
		}
		if d, err = newPage(c); err != nil {
			return nil, err
		}
		d.page.Title.Text = str(a.main)
		d.page.X.Label.Text = a.xname
		if !isNull(a.xlab) {
			d.page.X.Label.Text = str(a.xlab)
		}
		d.page.Y.Label.Text = a.ylab
		d.xlim, d.ylim = xlim, ylim
	}
	if _, err := addXY(c, d.page, pts, a.typ, st.col, st.lty, st.lwd, st.pch, st.cex); err != nil {
		return nil, err
	}
	d.apply()
	if err := changed(c, d); err != nil {
		return nil, err
	}
	c.In.SetVisible(false)
	return res, nil
}

// builtinCurve is curve(expr, from = 0, to = 1, n = 101, add = FALSE,
// type = "l", xname = "x", ...): expr is a function's name, a function, or
// an expression in x.
func builtinCurve(c *eval.Frame, a []eval.Value) (eval.Value, error) {
	if a[0] == nil {
		return nil, c.Errorf("argument \"expr\" is missing, with no default")
	}
	p, ok := a[0].(*eval.Promise)
	if !ok {
		// a constant (curve(5)) arrives as its value
		p = eval.NewForcedPromise(&syntax.Value{V: a[0]}, a[0])
	}
	forced := make([]eval.Value, len(a))
	for i := 1; i < len(a); i++ {
		if a[i] == nil {
			continue
		}
		v, err := c.Force(a[i])
		if err != nil {
			return nil, err
		}
		forced[i] = v
	}
	ca := curveArgs{from: num1(forced[1], 0), to: num1(forced[2], 1), fromSet: a[1] != nil, toSet: a[2] != nil,
		n: int(num1(forced[3], 101)), typ: str(forced[5]), xname: str(forced[6]),
		main: forced[7], xlab: forced[8], col: forced[10], lty: forced[11], lwd: forced[12],
		xlim: forced[13], ylim: forced[14]}
	if l, ok := forced[4].(*eval.Logical); ok && len(l.V) == 1 && l.V[0] == 1 {
		ca.add = true
	}
	if ca.typ == "" {
		ca.typ = "l"
	}
	if ca.xname == "" {
		ca.xname = "x"
	}
	label := eval.DeparseExpr(p.Expr)
	expr := p.Expr
	if id, ok := p.Expr.(*syntax.Ident); ok {
		// curve(sin) is curve(sin(x)), as in R
		expr = &syntax.Call{Fn: id, Args: []syntax.Arg{{Value: &syntax.Ident{Name: ca.xname}}}}
		label = id.Name + "(" + ca.xname + ")"
	} else {
		uses := false
		syntax.Inspect(p.Expr, func(n syntax.Node) bool {
			if id, ok := n.(*syntax.Ident); ok && id.Name == ca.xname {
				uses = true
			}
			return !uses
		})
		if !uses {
			return nil, c.Errorf("'expr' must be a function, or a call or an expression containing '%s'", ca.xname)
		}
	}
	ca.ylab = label
	if !isNull(forced[9]) {
		ca.ylab = str(forced[9])
	}
	return drawCurve(c, nil, expr, p.Env, ca)
}

// plotFunction is plot(<function>, from, to): R's plot.function, a curve.
// fromv is plot's y argument (plot(sin, -pi, pi)); to, from and n may come
// in dots.
func plotFunction(c *eval.Frame, fn eval.Value, a []eval.Value) (eval.Value, error) {
	ca := curveArgs{from: 0, to: 1, n: 101, typ: "l", xname: "x", main: a[3], xlab: a[4], col: a[6],
		lty: a[10], lwd: a[11], xlim: a[7], ylim: a[8]}
	if s := str(a[2]); s != "" && s != "p" {
		ca.typ = s
	}
	if !isNull(a[1]) {
		ca.from = num1(a[1], 0)
	}
	for _, d := range dotArgs(a[13]) {
		switch d.Name {
		case "to":
			ca.to = num1(d.Value, 1)
		case "from":
			ca.from = num1(d.Value, 0)
		case "n":
			ca.n = int(num1(d.Value, 101))
		case "xname":
			ca.xname = str(d.Value)
		}
	}
	ca.ylab = argText(c, "x", 0, "x")
	if x, _ := eval.CurrentBuiltinCall(c.In); x != nil {
		if call, ok := x.(*syntax.Call); ok && len(call.Args) > 0 {
			if _, ok := call.Args[0].Value.(*syntax.Ident); ok {
				ca.ylab += "(" + ca.xname + ")"
			}
		}
	}
	if !isNull(a[5]) {
		ca.ylab = str(a[5])
	}
	return drawCurve(c, fn, nil, nil, ca)
}

// appendDot adds name = v to a builtin's ... list.
func appendDot(dots eval.Value, name string, v eval.Value) eval.Value {
	args := dotArgs(dots)
	vals := make([]eval.Value, 0, len(args)+1)
	names := make([]string, 0, len(args)+1)
	for _, d := range args {
		vals = append(vals, d.Value)
		names = append(names, d.Name)
	}
	return eval.NewList(append(vals, v), append(names, name))
}
