package graphics

import (
	"image/color"
	"math"
	"sort"
	"strings"

	"gonum.org/v1/plot"
	"gonum.org/v1/plot/plotter"
	"gonum.org/v1/plot/vg"
	"gonum.org/v1/plot/vg/draw"

	"torchr/lang/eval"
)

func init() {
	eval.RegisterAll(generic(&eval.Builtin{Name: "plot", Formals: []string{"x", "y = NULL", "type = \"p\"", "main = NULL", "xlab = NULL", "ylab = NULL",
		"col = NULL", "xlim = NULL", "ylim = NULL", "pch = NULL", "lty = NULL", "lwd = NULL", "cex = 1", "..."}, Invisible: true, Fn: builtinPlot})...)
	eval.RegisterAll(generic(&eval.Builtin{Name: "lines", Formals: []string{"x", "y = NULL", "type = \"l\"", "col = NULL", "lty = NULL", "lwd = NULL", "pch = NULL", "cex = 1", "..."}, Invisible: true,
		Fn: func(c *eval.Frame, a []eval.Value) (eval.Value, error) {
			return addTo(c, a[0], a[1], a[2], a[3], a[4], a[5], a[6], a[7])
		}})...)
	eval.RegisterAll(generic(&eval.Builtin{Name: "points", Formals: []string{"x", "y = NULL", "type = \"p\"", "col = NULL", "pch = NULL", "cex = 1", "lty = NULL", "lwd = NULL", "..."}, Invisible: true,
		Fn: func(c *eval.Frame, a []eval.Value) (eval.Value, error) {
			return addTo(c, a[0], a[1], a[2], a[3], a[6], a[7], a[4], a[5])
		}})...)
	eval.RegisterAll(generic(&eval.Builtin{Name: "hist", Formals: []string{"x", "breaks = \"Sturges\"", "main = NULL", "xlab = NULL", "ylab = \"Frequency\"", "col = \"lightgray\"",
		"border = NULL", "xlim = NULL", "ylim = NULL", "plot = TRUE", "..."}, Invisible: true, Fn: builtinHist})...)
	eval.RegisterAll(generic(&eval.Builtin{Name: "barplot", Formals: []string{"height", "names.arg = NULL", "col = \"gray\"", "main = NULL", "xlab = NULL", "ylab = NULL", "ylim = NULL", "..."}, Invisible: true, Fn: builtinBarplot})...)
	eval.RegisterAll(
		&eval.Builtin{Name: "plot.factor", Formals: []string{"x", "y = NULL", "..."}, Invisible: true, Fn: builtinPlotFactor},
		&eval.Builtin{Name: "plot.data.frame", Formals: []string{"x", "..."}, Invisible: true, Fn: builtinPlotDataFrame},
		&eval.Builtin{Name: "plot.histogram", Formals: []string{"x", "main = NULL", "xlab = NULL", "ylab = \"Frequency\"", "col = \"lightgray\"", "xlim = NULL", "ylim = NULL", "..."}, Invisible: true, Fn: builtinPlotHistogram},
		&eval.Builtin{Name: "pairs", Formals: []string{"x", "labels = NULL", "main = NULL", "col = NULL", "pch = 1", "cex = 1", "..."}, Invisible: true, Fn: builtinPairs},
		&eval.Builtin{Name: "curve", Formals: []string{"expr", "from = 0", "to = 1", "n = 101", "add = FALSE", "type = \"l\"", "xname = \"x\"",
			"main = NULL", "xlab = NULL", "ylab = NULL", "col = NULL", "lty = NULL", "lwd = NULL", "xlim = NULL", "ylim = NULL", "..."}, Special: true, Invisible: true, Fn: builtinCurve},
		&eval.Builtin{Name: "plot.function", Formals: []string{"x", "y = NULL", "type = \"l\"", "main = NULL", "xlab = NULL", "ylab = NULL",
			"col = NULL", "xlim = NULL", "ylim = NULL", "pch = NULL", "lty = NULL", "lwd = NULL", "cex = 1", "..."}, Invisible: true, Fn: builtinPlot},
		&eval.Builtin{Name: "par", Formals: []string{"...", "no.readonly = FALSE"}, KeepVisible: true, Fn: builtinPar},
		&eval.Builtin{Name: "abline", Formals: []string{"a = NULL", "b = NULL", "h = NULL", "v = NULL", "col = NULL", "lty = NULL", "lwd = NULL", "..."}, Invisible: true, Fn: builtinAbline},
		&eval.Builtin{Name: "legend", Formals: []string{"x = \"topright\"", "y = NULL", "legend", "col = NULL", "lty = NULL", "pch = NULL", "fill = NULL", "lwd = 1", "..."}, Invisible: true, Fn: builtinLegend},
		&eval.Builtin{Name: "png", Formals: []string{"filename = \"Rplot%03d.png\"", "width = 480", "height = 480", "..."}, Invisible: true, Fn: builtinPNG},
		&eval.Builtin{Name: "dev.off", Formals: []string{"which = NULL"}, Fn: builtinDevOff},
	)
}

// generic makes b an S3 generic (as R's graphics functions are: a user's
// plot.myclass is called for plot(<myclass>)) and returns it with its
// default method, name.default, the same function.
func generic(b *eval.Builtin) []*eval.Builtin {
	b.Generic = true
	def := &eval.Builtin{Name: b.Name + ".default", Formals: b.Formals, Fn: b.Fn, Invisible: b.Invisible}
	return []*eval.Builtin{b, def}
}

func builtinPlot(c *eval.Frame, a []eval.Value) (eval.Value, error) {
	if isFunction(a[0]) {
		// plot.function(x, from, to): plot's third argument is 'to'
		if _, ok := a[2].(*eval.Character); !ok && !isNull(a[2]) {
			a = append([]eval.Value(nil), a...)
			a[13] = appendDot(a[13], "to", a[2])
			a[2] = nil
		}
		return plotFunction(c, a[0], a)
	}
	pts, err := xy(c, a[0], a[1])
	if err != nil {
		return nil, err
	}
	xlim, err := limits(c, a[7], "xlim")
	if err != nil {
		return nil, err
	}
	ylim, err := limits(c, a[8], "ylim")
	if err != nil {
		return nil, err
	}
	st, err := styleOf(c, a[6], a[10], a[11], a[9], a[12])
	if err != nil {
		return nil, err
	}
	typ := str(a[2])
	if typ == "" {
		typ = "p"
	}
	d, err := newPage(c)
	if err != nil {
		return nil, err
	}
	p := d.page
	p.Title.Text = str(a[3])
	p.X.Label.Text = str(a[4])
	p.Y.Label.Text = str(a[5])
	xlab, ylab := "Index", argText(c, "x", 0, "x")
	if !isNull(a[1]) {
		xlab, ylab = argText(c, "x", 0, "x"), argText(c, "y", 1, "y")
	} else if _, _, sx, sy, split, _ := splitXY(c, a[0]); split {
		// plot(m): "m[,1]" and "m[,2]", or the column names
		xlab, ylab = sx, sy
		if strings.HasPrefix(sx, "[") || strings.HasPrefix(sx, "$") {
			xlab, ylab = ylab0(c)+sx, ylab0(c)+sy
		}
	}
	if isNull(a[4]) {
		p.X.Label.Text = xlab
	}
	if isNull(a[5]) {
		p.Y.Label.Text = ylab
	}
	if _, err := addXY(c, p, pts, typ, st.col, st.lty, st.lwd, st.pch, st.cex); err != nil {
		return nil, err
	}
	d.xlim, d.ylim = xlim, ylim
	d.apply()
	return eval.Null, changed(c, d)
}

// ylab0 is the text of plot's x argument.
func ylab0(c *eval.Frame) string { return argText(c, "x", 0, "x") }

func addTo(c *eval.Frame, xv, yv, typv, colv, ltyv, lwdv, pchv, cexv eval.Value) (eval.Value, error) {
	d, err := current(c)
	if err != nil {
		return nil, err
	}
	pts, err := xy(c, xv, yv)
	if err != nil {
		return nil, err
	}
	st, err := styleOf(c, colv, ltyv, lwdv, pchv, cexv)
	if err != nil {
		return nil, err
	}
	if _, err := addXY(c, d.page, pts, str(typv), st.col, st.lty, st.lwd, st.pch, st.cex); err != nil {
		return nil, err
	}
	d.apply()
	return eval.Null, changed(c, d)
}

// refLine is a horizontal or vertical line across the plotting region.
type refLine struct {
	at       float64
	vertical bool
	style    draw.LineStyle
}

func (r refLine) Plot(cv draw.Canvas, p *plot.Plot) {
	trX, trY := p.Transforms(&cv)
	if r.vertical {
		x := trX(r.at)
		cv.StrokeLine2(r.style, x, cv.Min.Y, x, cv.Max.Y)
		return
	}
	y := trY(r.at)
	cv.StrokeLine2(r.style, cv.Min.X, y, cv.Max.X, y)
}

func builtinAbline(c *eval.Frame, a []eval.Value) (eval.Value, error) {
	d, err := current(c)
	if err != nil {
		return nil, err
	}
	st, err := styleOf(c, a[4], a[5], a[6], nil, nil)
	if err != nil {
		return nil, err
	}
	ls := lineStyle(st.col, st.lty, st.lwd)
	if !isNull(a[0]) {
		coef, err := nums(c, a[0], "a")
		if err != nil {
			return nil, err
		}
		icept, slope := coef[0], 0.0
		if len(coef) >= 2 {
			slope = coef[1]
		}
		if !isNull(a[1]) {
			slope = num1(a[1], 0)
		}
		f := plotter.NewFunction(func(x float64) float64 { return icept + slope*x })
		f.LineStyle = ls
		f.Samples = 2
		d.page.Add(f)
	}
	for i, v := range []eval.Value{a[2], a[3]} {
		if isNull(v) {
			continue
		}
		at, err := nums(c, v, []string{"h", "v"}[i])
		if err != nil {
			return nil, err
		}
		for _, x := range at {
			d.page.Add(refLine{at: x, vertical: i == 1, style: ls})
		}
	}
	d.apply()
	return eval.Null, changed(c, d)
}

// prettyBreaks are R's pretty(range(x), n) break points.
func prettyBreaks(lo, hi float64, n int) []float64 {
	if n < 1 {
		n = 1
	}
	if hi == lo {
		lo, hi = lo-0.5, hi+0.5
	}
	raw := (hi - lo) / float64(n)
	p := math.Pow(10, math.Floor(math.Log10(raw)))
	unit := p
	for _, m := range []float64{1, 2, 5, 10} {
		if m*p >= raw*(1-1e-10) {
			unit = m * p
			break
		}
	}
	start := math.Floor(lo/unit+1e-10) * unit
	var br []float64
	for x := start; x < hi+unit*(1-1e-10); x += unit {
		br = append(br, math.Round(x/unit)*unit)
	}
	if len(br) < 2 || br[len(br)-1] < hi {
		br = append(br, br[len(br)-1]+unit)
	}
	return br
}

func builtinHist(c *eval.Frame, a []eval.Value) (eval.Value, error) {
	x, err := nums(c, a[0], "x")
	if err != nil {
		return nil, err
	}
	var v []float64
	for _, e := range x {
		if !math.IsNaN(e) && !math.IsInf(e, 0) {
			v = append(v, e)
		}
	}
	if len(v) == 0 {
		return nil, c.Errorf("invalid number of 'breaks'")
	}
	sort.Float64s(v)
	var br []float64
	switch b := a[1].(type) {
	case *eval.Character:
		n := int(math.Ceil(math.Log2(float64(len(v))) + 1)) // Sturges
		br = prettyBreaks(v[0], v[len(v)-1], n)
	default:
		f, err := nums(c, b, "breaks")
		if err != nil {
			return nil, err
		}
		if len(f) == 1 {
			br = prettyBreaks(v[0], v[len(v)-1], int(f[0]))
		} else {
			br = append([]float64(nil), f...)
			sort.Float64s(br)
		}
	}
	counts := make([]float64, len(br)-1)
	for _, e := range v {
		// right-closed bins, the first one closed on both ends (R's default)
		i := sort.SearchFloat64s(br, e) - 1
		if i < 0 {
			i = 0
		}
		if i < len(counts) {
			counts[i]++
		}
	}
	mids := make([]float64, len(counts))
	density := make([]float64, len(counts))
	equi := true
	for i := range mids {
		mids[i] = (br[i] + br[i+1]) / 2
		density[i] = counts[i] / float64(len(v)) / (br[i+1] - br[i])
		if math.Abs((br[i+1]-br[i])-(br[1]-br[0])) > 1e-7*math.Abs(br[1]-br[0]) {
			equi = false
		}
	}
	label := argText(c, "x", 0, "x")
	eq := int32(0)
	if equi {
		eq = 1
	}
	// R's histogram object (hist.default's value)
	res := eval.NewList([]eval.Value{eval.NewDouble(br), eval.NewInt(intCounts(counts)), eval.NewDouble(density), eval.NewDouble(mids),
		eval.NewStr1(label), eval.NewLgl1(eq)}, []string{"breaks", "counts", "density", "mids", "xname", "equidist"})
	res.SetAttr("class", eval.NewStr1("histogram"))
	if l, ok := a[9].(*eval.Logical); ok && len(l.V) == 1 && l.V[0] == 0 {
		return res, nil
	}
	main, xlab := a[2], a[3]
	if isNull(main) {
		main = eval.NewStr1("Histogram of " + label)
	}
	if isNull(xlab) {
		xlab = eval.NewStr1(label)
	}
	if err := drawHist(c, br, counts, main, xlab, a[4], a[5], a[7], a[8]); err != nil {
		return nil, err
	}
	c.In.SetVisible(false)
	return res, nil
}

func intCounts(f []float64) []int32 {
	out := make([]int32, len(f))
	for i, x := range f {
		out[i] = int32(x)
	}
	return out
}

// drawHist draws a histogram's bars on a new plot.
func drawHist(c *eval.Frame, br, counts []float64, main, xlab, ylab, colv, xlimv, ylimv eval.Value) error {
	col, err := col1(c, colv, color.RGBA{211, 211, 211, 255})
	if err != nil {
		return err
	}
	xlim, err := limits(c, xlimv, "xlim")
	if err != nil {
		return err
	}
	ylim, err := limits(c, ylimv, "ylim")
	if err != nil {
		return err
	}
	d, err := newPage(c)
	if err != nil {
		return err
	}
	p := d.page
	p.Title.Text = str(main)
	p.X.Label.Text = str(xlab)
	p.Y.Label.Text = str(ylab)
	if isNull(ylab) {
		p.Y.Label.Text = "Frequency"
	}
	bins := make([]plotter.HistogramBin, len(counts))
	for i := range counts {
		bins[i] = plotter.HistogramBin{Min: br[i], Max: br[i+1], Weight: counts[i]}
	}
	h := &plotter.Histogram{Bins: bins, Width: br[1] - br[0], FillColor: col, LineStyle: plotter.DefaultLineStyle}
	p.Add(h)
	d.xlim, d.ylim = xlim, ylim
	d.apply()
	return changed(c, d)
}

func builtinBarplot(c *eval.Frame, a []eval.Value) (eval.Value, error) {
	h, err := nums(c, a[0], "height")
	if err != nil {
		return nil, err
	}
	if len(h) == 0 {
		// R's plot.window on an empty range
		return nil, c.Errorf("need finite 'xlim' values")
	}
	names := strs(a[1])
	if names == nil {
		names = eval.Names(a[0])
	}
	cols, err := colors(c, a[2], color.Gray{190})
	if err != nil {
		return nil, err
	}
	d, err := newPage(c)
	if err != nil {
		return nil, err
	}
	p := d.page
	p.Title.Text = str(a[3])
	p.X.Label.Text = str(a[4])
	p.Y.Label.Text = str(a[5])
	w := vg.Points(float64(300) / float64(len(h)+1))
	if len(cols) == 1 {
		bc, err := plotter.NewBarChart(plotter.Values(h), w)
		if err != nil {
			return nil, c.Errorf("%v", err)
		}
		bc.Color = cols[0]
		p.Add(bc)
	} else {
		for i, v := range h {
			vals := make(plotter.Values, len(h))
			vals[i] = v
			bc, err := plotter.NewBarChart(vals, w)
			if err != nil {
				return nil, c.Errorf("%v", err)
			}
			bc.Color = cols[i%len(cols)]
			p.Add(bc)
		}
	}
	if len(names) == len(h) {
		p.NominalX(names...)
	}
	if d.ylim, err = limits(c, a[6], "ylim"); err != nil {
		return nil, err
	}
	d.apply()
	mids := make([]float64, len(h))
	for i := range mids {
		mids[i] = float64(i)
	}
	return eval.NewDouble(mids), changed(c, d)
}

// swatch is a legend entry's key.
type swatch struct {
	line  *draw.LineStyle
	glyph *draw.GlyphStyle
	fill  color.Color
}

func (s swatch) Thumbnail(cv *draw.Canvas) {
	if s.fill != nil {
		cv.FillPolygon(s.fill, cv.ClipPolygonY([]vg.Point{cv.Min, {X: cv.Max.X, Y: cv.Min.Y}, cv.Max, {X: cv.Min.X, Y: cv.Max.Y}}))
	}
	if s.line != nil {
		y := cv.Center().Y
		cv.StrokeLine2(*s.line, cv.Min.X, y, cv.Max.X, y)
	}
	if s.glyph != nil {
		cv.DrawGlyph(*s.glyph, cv.Center())
	}
}

func builtinLegend(c *eval.Frame, a []eval.Value) (eval.Value, error) {
	d, err := current(c)
	if err != nil {
		return nil, err
	}
	labels := strs(a[2])
	if len(labels) == 0 {
		return nil, c.Errorf("'legend' is of length 0")
	}
	cols, err := colors(c, a[3], color.Black)
	if err != nil {
		return nil, err
	}
	var ltys, pchs []float64
	if ch, ok := a[4].(*eval.Character); ok {
		for _, n := range ch.V {
			ltys = append(ltys, ltyOf(eval.NewStr1(n), math.NaN()))
		}
	} else if !isNull(a[4]) {
		if ltys, err = nums(c, a[4], "lty"); err != nil {
			return nil, err
		}
	}
	if !isNull(a[5]) {
		if pchs, err = nums(c, a[5], "pch"); err != nil {
			return nil, err
		}
	}
	var fills []color.Color
	if !isNull(a[6]) {
		if fills, err = colors(c, a[6], color.Gray{190}); err != nil {
			return nil, err
		}
	}
	lwd := num1(a[7], 1)
	p := d.page
	switch str(a[0]) {
	case "topleft", "left":
		p.Legend.Top, p.Legend.Left = true, true
	case "bottomleft":
		p.Legend.Top, p.Legend.Left = false, true
	case "bottomright", "bottom", "right":
		p.Legend.Top, p.Legend.Left = false, false
	default:
		p.Legend.Top, p.Legend.Left = true, false
	}
	for i, l := range labels {
		col := cols[i%len(cols)]
		var s swatch
		if len(ltys) > 0 && !math.IsNaN(ltys[i%len(ltys)]) && ltys[i%len(ltys)] > 0 {
			ls := lineStyle(col, ltys[i%len(ltys)], lwd)
			s.line = &ls
		}
		if len(pchs) > 0 && !math.IsNaN(pchs[i%len(pchs)]) {
			g := glyph(col, pchs[i%len(pchs)], 1)
			s.glyph = &g
		}
		if len(fills) > 0 {
			s.fill = fills[i%len(fills)]
		}
		if s.line == nil && s.glyph == nil && s.fill == nil && len(ltys)+len(pchs) == 0 {
			ls := lineStyle(col, 1, lwd)
			s.line = &ls
		}
		p.Legend.Add(l, s)
	}
	return eval.Null, changed(c, d)
}

func builtinPNG(c *eval.Frame, a []eval.Value) (eval.Value, error) {
	file := str(a[0])
	if file == "" {
		return nil, c.Errorf("invalid 'filename' argument")
	}
	w, h := int(num1(a[1], 480)), int(num1(a[2], 480))
	if w < 1 || h < 1 {
		return nil, c.Errorf("invalid 'width' or 'height'")
	}
	s := stateOf(c.In)
	s.file = &device{file: file, width: w, height: h, par: newPars()}
	return eval.Null, nil
}

func builtinDevOff(c *eval.Frame, a []eval.Value) (eval.Value, error) {
	s := stateOf(c.In)
	if s.file == nil {
		return nil, c.Errorf("cannot shut down device 1 (the null device)")
	}
	d := s.file
	s.file = nil
	if d.page != nil && d.dirty {
		if err := d.writeFile(c); err != nil {
			return nil, err
		}
	}
	v := eval.NewInt1(1)
	v.SetAttr("names", eval.NewStr1("null device"))
	return v, nil
}
