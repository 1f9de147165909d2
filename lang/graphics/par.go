package graphics

import (
	"image/color"
	"math"

	"torchr/lang/eval"
)

// parNames are the graphical parameters par() models, in the order of R's
// par() result, with their defaults on R's png() device (read with GNU R:
// dput(par(name))); R's others are device geometry (see parDevice). Each
// device has its own copy.
var parNames = []string{"xlog", "ylog", "adj", "ann", "ask", "bg", "bty", "cex", "cex.axis", "cex.lab",
	"cex.main", "cex.sub", "col", "col.axis", "col.lab", "col.main", "col.sub", "family", "fg", "font",
	"font.axis", "font.lab", "font.main", "font.sub", "lab", "las", "lend", "lheight", "ljoin", "lmitre", "lty",
	"lwd", "mar", "mex", "mfcol", "mfrow", "mgp", "mkh", "oma", "pch", "ps", "pty", "smo", "srt", "tck", "tcl",
	"xaxs", "xaxt", "xpd", "yaxs", "yaxt", "ylbias"}

func parDefault(name string) eval.Value {
	d := eval.NewDouble
	i := eval.NewInt
	s := eval.NewStr1
	switch name {
	case "adj":
		return d([]float64{0.5})
	case "ann", "xlog", "ylog", "ask", "xpd":
		if name == "ann" {
			return eval.NewLgl([]int32{1})
		}
		return eval.NewLgl([]int32{0})
	case "bg":
		return s("white")
	case "bty":
		return s("o")
	case "cex", "cex.axis", "cex.lab", "cex.sub", "lheight", "lwd", "mex", "smo":
		return d([]float64{1})
	case "cex.main":
		return d([]float64{1.2})
	case "col", "col.axis", "col.lab", "col.main", "col.sub", "fg":
		return s("black")
	case "family":
		return s("")
	case "font", "font.axis", "font.lab", "font.sub", "pch":
		return i([]int32{1})
	case "font.main":
		return i([]int32{2})
	case "lab":
		return i([]int32{5, 5, 7})
	case "las":
		return i([]int32{0})
	case "lend", "ljoin":
		return s("round")
	case "lmitre":
		return d([]float64{10})
	case "lty":
		return s("solid")
	case "mar":
		return d([]float64{5.1, 4.1, 4.1, 2.1})
	case "mfcol", "mfrow":
		return i([]int32{1, 1})
	case "mgp":
		return d([]float64{3, 1, 0})
	case "mkh":
		return d([]float64{0.001})
	case "oma":
		return d([]float64{0, 0, 0, 0})
	case "ps":
		return i([]int32{12})
	case "pty":
		return s("m")
	case "srt":
		return d([]float64{0})
	case "tck":
		return d([]float64{eval.NAReal})
	case "tcl":
		return d([]float64{-0.5})
	case "xaxs", "yaxs":
		return s("r")
	case "xaxt", "yaxt":
		return s("s")
	case "ylbias":
		return d([]float64{0.2})
	}
	return nil
}

// parReadOnly are R's parameters par() reports but cannot set; parDevice
// are R's parameters that describe the device's current coordinates,
// which gonum/plot's layout does not expose: both are refused with R's
// text (a warning; the result is NULL).
var parReadOnly = map[string]bool{"cin": true, "cra": true, "csi": true, "cxy": true, "din": true, "page": true}
var parDevice = map[string]bool{"crt": true, "err": true, "fig": true, "fin": true, "mai": true, "mfg": true, "new": true,
	"omd": true, "omi": true, "pin": true, "plt": true, "usr": true, "xaxp": true, "yaxp": true}

// pars are one device's graphical parameters.
type pars struct {
	vals  map[string]eval.Value
	byCol bool // the layout was last set with mfcol
}

func newPars() *pars {
	p := &pars{vals: map[string]eval.Value{}}
	for _, n := range parNames {
		p.vals[n] = parDefault(n)
	}
	return p
}

// layout is the panel grid of par(mfrow=) or par(mfcol=).
func (p *pars) layout() (rows, cols int, byCol bool) {
	v := p.vals["mfrow"].(*eval.Integer).V
	return int(v[0]), int(v[1]), p.byCol
}

func (p *pars) cex() float64 { return p.vals["cex"].(*eval.Double).V[0] }

// numsOf reads a numeric parameter value of length n (R's "has the wrong
// length" / "invalid value specified" errors).
func parNums(c *eval.Frame, name string, v eval.Value, n int) ([]float64, error) {
	var f []float64
	switch x := v.(type) {
	case *eval.Double:
		f = x.V
	case *eval.Integer, *eval.Logical:
		f, _ = nums(c, x, name)
	default:
		return nil, c.Errorf("invalid value specified for graphical parameter \"%s\"", name)
	}
	if len(f) != n {
		return nil, c.Errorf("graphical parameter \"%s\" has the wrong length", name)
	}
	for _, e := range f {
		if math.IsNaN(e) || math.IsInf(e, 0) {
			return nil, c.Errorf("invalid value specified for graphical parameter \"%s\"", name)
		}
	}
	return f, nil
}

// set validates and sets one parameter.
func (p *pars) set(c *eval.Frame, name string, v eval.Value) error {
	switch name {
	case "mfrow", "mfcol":
		f, err := parNums(c, name, v, 2)
		if err != nil {
			return err
		}
		if f[0] < 1 || f[1] < 1 || f[0] > 200 || f[1] > 200 {
			return c.Errorf("invalid value specified for graphical parameter \"%s\"", name)
		}
		rc := eval.NewInt([]int32{int32(f[0]), int32(f[1])})
		p.vals["mfrow"], p.vals["mfcol"] = rc, rc
		p.byCol = name == "mfcol"
		// R's base cex for multi-panel layouts
		cex := 1.0
		if f[0] >= 3 || f[1] >= 3 {
			cex = 0.66
		} else if f[0] == 2 && f[1] == 2 {
			cex = 0.83
		}
		p.vals["cex"] = eval.NewDouble([]float64{cex})
		return nil
	case "mar", "oma":
		f, err := parNums(c, name, v, 4)
		if err != nil {
			return err
		}
		p.vals[name] = eval.NewDouble(append([]float64(nil), f...))
		return nil
	case "mgp":
		f, err := parNums(c, name, v, 3)
		if err != nil {
			return err
		}
		p.vals[name] = eval.NewDouble(append([]float64(nil), f...))
		return nil
	case "cex", "cex.axis", "cex.lab", "cex.main", "cex.sub", "lwd", "mex", "lheight":
		f, err := parNums(c, name, v, 1)
		if err != nil {
			return err
		}
		if f[0] <= 0 {
			return c.Errorf("invalid value specified for graphical parameter \"%s\"", name)
		}
		p.vals[name] = eval.NewDouble([]float64{f[0]})
		return nil
	case "las":
		f, err := parNums(c, name, v, 1)
		if err != nil {
			return err
		}
		if f[0] < 0 || f[0] > 3 {
			return c.Errorf("invalid value specified for graphical parameter \"%s\"", name)
		}
		p.vals[name] = eval.NewInt([]int32{int32(f[0])})
		return nil
	}
	if isNull(v) || eval.Length(v) == 0 {
		return c.Errorf("graphical parameter \"%s\" has the wrong length", name)
	}
	eval.MarkShared(v)
	p.vals[name] = v
	return nil
}

// builtinPar is R's par(...): with names, set parameters and return their
// old values invisibly; with character names (or nothing), query them.
func builtinPar(c *eval.Frame, a []eval.Value) (eval.Value, error) {
	p := stateOf(c.In).cur().par
	c.In.SetVisible(true)
	dots := a[0].(*eval.List)
	// par(no.readonly = TRUE) is par(): every parameter par() models is
	// settable (the read-only ones are device geometry, see parReadOnly)
	if len(dots.V) == 0 {
		vals := make([]eval.Value, len(parNames))
		for i, n := range parNames {
			vals[i] = p.vals[n]
		}
		return eval.NewList(vals, append([]string(nil), parNames...)), nil
	}
	// par(op) with the list an earlier par() returned
	if dn := eval.Names(dots); len(dots.V) == 1 && (dn == nil || dn[0] == "") {
		if l, ok := dots.V[0].(*eval.List); ok {
			dots = l
		}
	}
	names := eval.Names(dots)
	var outNames []string
	var outVals []eval.Value
	setting := false
	get := func(n string) (eval.Value, error) {
		if v, ok := p.vals[n]; ok {
			return v, nil
		}
		return eval.Null, parWarning(c, n)
	}
	for i, v := range dots.V {
		n := ""
		if names != nil {
			n = names[i]
		}
		if n == "" {
			// a query: par("mfrow"), par("mfrow", "mar"), par(c("mar", "oma"))
			ch, ok := v.(*eval.Character)
			if !ok {
				return nil, c.Errorf("invalid argument passed to par()")
			}
			for _, q := range ch.V {
				old, err := get(q)
				if err != nil {
					return nil, err
				}
				outNames = append(outNames, q)
				outVals = append(outVals, old)
			}
			continue
		}
		setting = true
		old, ok := p.vals[n]
		if !ok {
			if err := parWarning(c, n); err != nil {
				return nil, err
			}
			outNames = append(outNames, n)
			outVals = append(outVals, eval.Null)
			continue
		}
		if err := p.set(c, n, v); err != nil {
			return nil, err
		}
		outNames = append(outNames, n)
		outVals = append(outVals, old)
		if n == "mfrow" || n == "mfcol" {
			stateOf(c.In).cur().newFig = true
		}
	}
	if setting {
		c.In.SetVisible(false)
		return eval.NewList(outVals, outNames), nil
	}
	if len(outVals) == 1 && len(dots.V) == 1 {
		if _, ok := dots.V[0].(*eval.Character); ok && eval.Length(dots.V[0]) == 1 {
			return outVals[0], nil
		}
	}
	return eval.NewList(outVals, outNames), nil
}

func parWarning(c *eval.Frame, n string) error {
	switch {
	case parReadOnly[n]:
		return c.Warningf("graphical parameter \"%s\" cannot be set", n)
	case parDevice[n]:
		return c.Warningf("graphical parameter \"%s\" is not supported by torchr's graphics", n)
	}
	return c.Warningf("\"%s\" is not a graphical parameter", n)
}

// ltyNames are R's line type names, by number.
var ltyNames = []string{"blank", "solid", "dashed", "dotted", "dotdash", "longdash", "twodash"}

// ltyOf reads a line type: a number or one of R's names.
func ltyOf(v eval.Value, def float64) float64 {
	if s, ok := v.(*eval.Character); ok && len(s.V) > 0 {
		for i, n := range ltyNames {
			if s.V[0] == n {
				return float64(i)
			}
		}
		return def
	}
	return num1(v, def)
}

// style is how a plotting call draws: its col, lty, lwd, pch and cex
// arguments, each defaulting to the device's par() value (cex multiplies
// par("cex"), as R's point size does).
type style struct {
	col                color.Color
	lty, lwd, pch, cex float64
}

func styleOf(c *eval.Frame, colv, ltyv, lwdv, pchv, cexv eval.Value) (style, error) {
	p := stateOf(c.In).cur().par
	def, ok := parseColor(str(p.vals["col"]))
	if !ok {
		def = color.Black
	}
	col, err := col1(c, colv, def)
	if err != nil {
		return style{}, err
	}
	return style{
		col: col,
		lty: ltyOf(ltyv, ltyOf(p.vals["lty"], 1)),
		lwd: num1(lwdv, num1(p.vals["lwd"], 1)),
		pch: num1(pchv, num1(p.vals["pch"], 1)),
		cex: num1(cexv, 1) * p.cex(),
	}, nil
}
