package graphics

import (
	"image/color"
	"math"
	"sort"
	"strconv"

	"gonum.org/v1/plot"
	"gonum.org/v1/plot/vg"
	"gonum.org/v1/plot/vg/draw"

	"torchr/lang/eval"
)

// R's S3 methods of the plotting generics: plot, lines, points, hist and
// barplot are generics (user methods like plot.myclass are found first);
// these are the methods base R has for its own classes.

func isFactor(v eval.Value) bool {
	for _, c := range eval.ClassAttr(v) {
		if c == "factor" {
			return true
		}
	}
	return false
}

// factorCounts is table(f): the count of each level.
func factorCounts(f eval.Value) ([]float64, []string) {
	levels := strs(attr(f, "levels"))
	counts := make([]float64, len(levels))
	if codes, ok := f.(*eval.Integer); ok {
		for _, k := range codes.V {
			if k != eval.NAInt && k >= 1 && int(k) <= len(levels) {
				counts[k-1]++
			}
		}
	}
	return counts, levels
}

func attr(v eval.Value, name string) eval.Value {
	if a, ok := v.(interface{ Attr(string) eval.Value }); ok {
		return a.Attr(name)
	}
	return nil
}

// dotArgs turns a builtin's ... list into call arguments.
func dotArgs(v eval.Value) []eval.Arg {
	l, ok := v.(*eval.List)
	if !ok {
		return nil
	}
	names := eval.Names(l)
	out := make([]eval.Arg, len(l.V))
	for i, e := range l.V {
		out[i].Value = e
		if names != nil {
			out[i].Name = names[i]
		}
	}
	return out
}

// dotsHave reports whether the ... list names one of names.
func dotsHave(v eval.Value, name string) bool {
	for _, a := range dotArgs(v) {
		if a.Name == name {
			return true
		}
	}
	return false
}

// builtinPlotFactor is plot.factor: barplot(table(x)).
func builtinPlotFactor(c *eval.Frame, a []eval.Value) (eval.Value, error) {
	if !isNull(a[1]) {
		return nil, c.Errorf("plot(<factor>, y) draws a boxplot or spineplot, which torchr's graphics do not have; use plot(as.integer(x), y)")
	}
	counts, levels := factorCounts(a[0])
	h := eval.NewDouble(counts)
	h.SetAttr("names", eval.NewStr(levels))
	args := []eval.Arg{{Value: h}}
	args = append(args, dotArgs(a[2])...)
	return c.In.CallFunction("barplot", args, c.Env)
}

// dataMatrix is data.matrix(df): numeric columns as they are, factors by
// their codes, character columns as factor codes (sorted levels).
func dataMatrix(c *eval.Frame, df *eval.List) ([][]float64, []string, error) {
	cols := make([][]float64, len(df.V))
	for j, col := range df.V {
		if ch, ok := col.(*eval.Character); ok {
			lv := map[string]bool{}
			for _, s := range ch.V {
				if !eval.IsNAString(s) {
					lv[s] = true
				}
			}
			sorted := make([]string, 0, len(lv))
			for s := range lv {
				sorted = append(sorted, s)
			}
			sort.Strings(sorted)
			idx := map[string]float64{}
			for i, s := range sorted {
				idx[s] = float64(i + 1)
			}
			f := make([]float64, len(ch.V))
			for i, s := range ch.V {
				if v, ok := idx[s]; ok {
					f[i] = v
				} else {
					f[i] = math.NaN()
				}
			}
			cols[j] = f
			continue
		}
		f, err := nums(c, col, "x")
		if err != nil {
			return nil, nil, c.Errorf("cannot plot column '%s' of the data frame", eval.Names(df)[j])
		}
		cols[j] = f
	}
	return cols, eval.Names(df), nil
}

// builtinPlotDataFrame is plot.data.frame: one column as a strip chart (or
// its own plot method), two as a scatter plot of the second against the
// first, more as pairs().
func builtinPlotDataFrame(c *eval.Frame, a []eval.Value) (eval.Value, error) {
	df, ok := a[0].(*eval.List)
	if !ok {
		return nil, c.Errorf("'plot.data.frame' applied to non data frame")
	}
	names := eval.Names(df)
	switch len(df.V) {
	case 0:
		return nil, c.Errorf("need finite 'xlim' values")
	case 1:
		x := df.V[0]
		if _, num := x.(*eval.Double); !num {
			if _, in := x.(*eval.Integer); !in || isFactor(x) {
				return c.In.CallFunction("plot", append([]eval.Arg{{Value: x}}, dotArgs(a[1])...), c.Env)
			}
		}
		return stripchart(c, x)
	case 2:
		args := []eval.Arg{{Value: df.V[0]}, {Value: df.V[1]}}
		if !dotsHave(a[1], "xlab") {
			args = append(args, eval.Arg{Name: "xlab", Value: eval.NewStr1(names[0])})
		}
		if !dotsHave(a[1], "ylab") {
			args = append(args, eval.Arg{Name: "ylab", Value: eval.NewStr1(names[1])})
		}
		return c.In.CallFunction("plot", append(args, dotArgs(a[1])...), c.Env)
	}
	cols, _, err := dataMatrix(c, df)
	if err != nil {
		return nil, err
	}
	return pairsPlot(c, cols, names, eval.Null, eval.Null, eval.Null, "")
}

// stripchart draws x along the x axis (R's stripchart(x) of one column).
func stripchart(c *eval.Frame, x eval.Value) (eval.Value, error) {
	f, err := nums(c, x, "x")
	if err != nil {
		return nil, err
	}
	ones := make([]float64, len(f))
	for i := range ones {
		ones[i] = 1
	}
	d, err := newPage(c)
	if err != nil {
		return nil, err
	}
	pts, err := xy(c, eval.NewDouble(f), eval.NewDouble(ones))
	if err != nil {
		return nil, err
	}
	if _, err := addXY(c, d.page, pts, "p", color.Black, 1, 1, 0, 1); err != nil {
		return nil, err
	}
	d.page.HideY()
	return eval.Null, changed(c, d)
}

// builtinPairs is pairs(x): the scatter plot matrix of a matrix's or data
// frame's columns, the names on the diagonal.
func builtinPairs(c *eval.Frame, a []eval.Value) (eval.Value, error) {
	var cols [][]float64
	var names []string
	switch x := a[0].(type) {
	case *eval.List:
		if !inherits(x, "data.frame") {
			return nil, c.Errorf("'x' must be a matrix or a data frame")
		}
		var err error
		if cols, names, err = dataMatrix(c, x); err != nil {
			return nil, err
		}
	default:
		dim := eval.Dim(x)
		if len(dim) != 2 {
			return nil, c.Errorf("'x' must be a matrix or a data frame")
		}
		f, err := nums(c, x, "x")
		if err != nil {
			return nil, c.Errorf("non-numeric argument to 'pairs'")
		}
		n := dim[0]
		for j := 0; j < dim[1]; j++ {
			cols = append(cols, f[j*n:(j+1)*n])
		}
		if dn, ok := attr(x, "dimnames").(*eval.List); ok && len(dn.V) == 2 {
			names = strs(dn.V[1])
		}
		if names == nil {
			for j := range cols {
				names = append(names, "Var "+strconv.Itoa(j+1))
			}
		}
	}
	if !isNull(a[1]) {
		names = strs(a[1])
		if len(names) != len(cols) {
			return nil, c.Errorf("'labels' must have one entry per column")
		}
	}
	if len(cols) < 2 {
		return nil, c.Errorf("only one column in the argument to 'pairs'")
	}
	return pairsPlot(c, cols, names, a[3], a[4], a[5], str(a[2]))
}

func inherits(v eval.Value, cls string) bool {
	for _, c := range eval.ClassAttr(v) {
		if c == cls {
			return true
		}
	}
	return false
}

func pairsPlot(c *eval.Frame, cols [][]float64, names []string, colv, pchv, cexv eval.Value, main string) (eval.Value, error) {
	n := len(cols)
	col, err := col1(c, colv, color.Black)
	if err != nil {
		return nil, err
	}
	d, err := newFigure(c, n, n, false)
	if err != nil {
		return nil, err
	}
	// the whole page is this figure: the next plot starts a new page
	d.newFig = true
	for i := 0; i < n; i++ {
		for j := 0; j < n; j++ {
			if i+j > 0 {
				d.cur = i*n + j
				d.startPanel(c)
			}
			p := d.page
			if i == j {
				p.HideAxes()
				p.Add(label{text: names[i], size: p.Title.TextStyle.Font.Size * 1.5})
				continue
			}
			pts, err := xy(c, eval.NewDouble(cols[j]), eval.NewDouble(cols[i]))
			if err != nil {
				return nil, err
			}
			if _, err := addXY(c, p, pts, "p", col, 1, 1, num1(pchv, 1), num1(cexv, 1)); err != nil {
				return nil, err
			}
		}
	}
	if main != "" {
		d.panels[0].Title.Text = main
	}
	return eval.Null, changed(c, d)
}

// label is text at the centre of a panel (pairs' diagonal).
type label struct {
	text string
	size vg.Length
}

func (l label) Plot(cv draw.Canvas, p *plot.Plot) {
	st := p.Title.TextStyle
	st.Font.Size = l.size
	st.XAlign, st.YAlign = draw.XCenter, draw.YCenter
	cv.FillText(st, cv.Center(), l.text)
}

// builtinPlotHistogram is plot.histogram: plot(hist(x, plot = FALSE)).
func builtinPlotHistogram(c *eval.Frame, a []eval.Value) (eval.Value, error) {
	h, ok := a[0].(*eval.List)
	if !ok {
		return nil, c.Errorf("'x' is not a histogram")
	}
	get := func(n string) eval.Value {
		for i, nm := range eval.Names(h) {
			if nm == n {
				return h.V[i]
			}
		}
		return nil
	}
	br, err := nums(c, get("breaks"), "breaks")
	if err != nil {
		return nil, err
	}
	counts, err := nums(c, get("counts"), "counts")
	if err != nil {
		return nil, err
	}
	if len(br) != len(counts)+1 {
		return nil, c.Errorf("invalid histogram object")
	}
	label := str(get("xname"))
	main := a[1]
	if isNull(main) {
		main = eval.NewStr1("Histogram of " + label)
	}
	xlab := a[2]
	if isNull(xlab) {
		xlab = eval.NewStr1(label)
	}
	if err := drawHist(c, br, counts, main, xlab, a[3], a[4], a[5], a[6]); err != nil {
		return nil, err
	}
	return eval.Null, nil
}
