// Package graphics is R's base graphics on gonum.org/v1/plot: plot (types
// "p", "l", "b", "h", "n"), lines, points, abline, hist, barplot, legend,
// and the png() ... dev.off() file device. Without an open device, each
// page goes to the session's shower (the notebook kernel shows it inline
// when the cell ends) or, in scripts and the console, to Rplots.png (as
// Rscript writes Rplots.pdf).
package graphics

import (
	"bytes"
	"image/color"
	"math"
	"os"
	"strconv"
	"strings"

	"gonum.org/v1/plot"
	"gonum.org/v1/plot/plotter"
	"gonum.org/v1/plot/text"
	"gonum.org/v1/plot/vg"
	"gonum.org/v1/plot/vg/draw"
	"gonum.org/v1/plot/vg/vgimg"

	"torchr/lang/eval"
	"torchr/lang/syntax"
	"torchr/lang/torch"
)

// Default size of the implicit device, in pixels.
const (
	DefaultWidth  = 600
	DefaultHeight = 420
)

// Shower receives finished pages of the implicit device (PNG bytes and
// the size in pixels). The notebook kernel sets one per session.
type Shower func(png []byte, width, height int)

type showKey struct{}
type stateKey struct{}

// SetShower makes the implicit device of in hand pages to show (nil: write
// Rplots.png).
func SetShower(in *eval.Interp, show Shower) {
	if show == nil {
		delete(in.Local, showKey{})
		return
	}
	in.Local[showKey{}] = show
}

type device struct {
	file          string // "" for the implicit device
	width, height int
	page          *plot.Plot // the current panel of the page
	pages         int
	dirty         bool
	legendSet     bool
	xlim, ylim    []float64 // user limits, kept as plotters are added
	par           *pars     // graphical parameters (par()) of this device

	// The page's panels (par(mfrow), par(mfcol), pairs), by figure
	// number; nil entries are panels not drawn yet. page is panels[cur].
	panels     []*plot.Plot
	rows, cols int
	byCol      bool
	cur        int
	// newFig: the next high-level plot starts a new page (par() changed
	// the layout, as R's plot.new after par(mfrow=)).
	newFig bool
}

// apply restores user limits (gonum widens axes to each plotter's data).
func (d *device) apply() {
	if d.xlim != nil {
		d.page.X.Min, d.page.X.Max = d.xlim[0], d.xlim[1]
	}
	if d.ylim != nil {
		d.page.Y.Min, d.page.Y.Max = d.ylim[0], d.ylim[1]
	}
}

type state struct {
	file *device // the png() device, if open
	imp  device  // the implicit device
}

func stateOf(in *eval.Interp) *state {
	if s, ok := in.Local[stateKey{}].(*state); ok {
		return s
	}
	s := &state{imp: device{width: DefaultWidth, height: DefaultHeight, par: newPars()}}
	in.Local[stateKey{}] = s
	return s
}

func (s *state) cur() *device {
	if s.file != nil {
		return s.file
	}
	return &s.imp
}

// Flush hands the implicit device's unshown page to the shower (the kernel
// calls it when a cell ends). It reports whether there was one.
func Flush(in *eval.Interp) error {
	s, ok := in.Local[stateKey{}].(*state)
	if !ok || s.imp.page == nil || !s.imp.dirty {
		return nil
	}
	show, ok := in.Local[showKey{}].(Shower)
	if !ok {
		return nil
	}
	png, err := render(&s.imp)
	if err != nil {
		return err
	}
	s.imp.dirty = false
	s.imp.page = nil
	s.imp.panels = nil
	show(png, s.imp.width, s.imp.height)
	return nil
}

// render draws the device's page: its panels in a rows x cols grid (by
// row, or by column after par(mfcol=)), with aligned plotting regions as
// R's equal margins give.
func render(d *device) ([]byte, error) {
	const dpi = 96
	c := vgimg.NewWith(vgimg.UseWH(vg.Length(d.width)*vg.Inch/dpi, vg.Length(d.height)*vg.Inch/dpi), vgimg.UseDPI(dpi))
	dc := draw.New(c)
	if len(d.panels) <= 1 {
		if d.page != nil {
			d.page.Draw(dc)
		}
	} else {
		grid := make([][]*plot.Plot, d.rows)
		for r := range grid {
			grid[r] = make([]*plot.Plot, d.cols)
		}
		for k, p := range d.panels {
			r, col := k/d.cols, k%d.cols
			if d.byCol {
				r, col = k%d.rows, k/d.rows
			}
			grid[r][col] = p
		}
		pad := vg.Points(4)
		tiles := draw.Tiles{Rows: d.rows, Cols: d.cols, PadTop: pad, PadBottom: pad, PadLeft: pad, PadRight: pad, PadX: 2 * pad, PadY: 2 * pad}
		// panels not drawn yet take part in the alignment as empty plots
		// (else the drawn ones grow into their tiles) but stay blank
		aligned := make([][]*plot.Plot, d.rows)
		for r := range grid {
			aligned[r] = make([]*plot.Plot, d.cols)
			for col, p := range grid[r] {
				if p == nil {
					p = plot.New()
				}
				aligned[r][col] = p
			}
		}
		cvs := plot.Align(aligned, tiles, dc)
		for r := range grid {
			for col, p := range grid[r] {
				if p != nil {
					p.Draw(cvs[r][col])
				}
			}
		}
	}
	var buf bytes.Buffer
	if _, err := (vgimg.PngCanvas{Canvas: c}).WriteTo(&buf); err != nil {
		return nil, err
	}
	return buf.Bytes(), nil
}

// newPage starts a plot on the current device: the next panel of the page
// under par(mfrow=)/par(mfcol=), else a new page (finishing the previous).
func newPage(c *eval.Frame) (*device, error) {
	d := stateOf(c.In).cur()
	rows, cols, byCol := d.par.layout()
	if !d.newFig && len(d.panels) == rows*cols && d.byCol == byCol && d.cur+1 < len(d.panels) {
		d.cur++
		d.startPanel(c)
		return d, nil
	}
	return newFigure(c, rows, cols, byCol)
}

// newFigure starts a new page of rows x cols panels on the current device
// and its first panel.
func newFigure(c *eval.Frame, rows, cols int, byCol bool) (*device, error) {
	s := stateOf(c.In)
	d := s.cur()
	if d.page != nil && d.dirty {
		if d == &s.imp {
			if _, ok := c.In.Local[showKey{}].(Shower); ok {
				if err := Flush(c.In); err != nil {
					return nil, c.Errorf("%v", err)
				}
			}
		} else if err := d.writeFile(c); err != nil {
			// a png() device writes each finished page (Rplot%03d.png)
			return nil, err
		}
	}
	d.newFig = false
	d.panels = make([]*plot.Plot, rows*cols)
	d.rows, d.cols, d.byCol, d.cur = rows, cols, byCol, 0
	d.pages++
	if d == &s.imp {
		// options(repr.plot.width, repr.plot.height) in inches, as IRkernel.
		d.width, d.height = DefaultWidth, DefaultHeight
		if w := num1(c.In.Option("repr.plot.width"), 0); w > 0 && w < 100 {
			d.width = int(math.Round(w * 96))
		}
		if h := num1(c.In.Option("repr.plot.height"), 0); h > 0 && h < 100 {
			d.height = int(math.Round(h * 96))
		}
	}
	d.startPanel(c)
	return d, nil
}

// startPanel puts a new plot in the current panel, its text scaled by
// par("cex") (which multi-panel layouts reduce, as in R).
func (d *device) startPanel(c *eval.Frame) {
	p := plot.New()
	p.BackgroundColor = color.White
	if bg, ok := parseColor(str(d.par.vals["bg"])); ok {
		p.BackgroundColor = bg
	}
	if cex := d.par.cex(); cex > 0 && cex != 1 {
		for _, ts := range []*text.Style{&p.Title.TextStyle, &p.X.Label.TextStyle, &p.Y.Label.TextStyle, &p.X.Tick.Label, &p.Y.Tick.Label, &p.Legend.TextStyle} {
			ts.Font.Size = vg.Length(float64(ts.Font.Size) * cex)
		}
	}
	d.panels[d.cur] = p
	d.page = p
	d.legendSet = false
	d.xlim, d.ylim = nil, nil
}

// writeFile writes a png() device's page to its file (the page number
// filled into a name like "Rplot%03d.png").
func (d *device) writeFile(c *eval.Frame) error {
	file := d.file
	if containsFormat(file) {
		file = sprintfPage(file, d.pages)
	}
	d.dirty = false
	return writePNG(c, d, file)
}

// current returns the device with a page, for lines() and friends.
func current(c *eval.Frame) (*device, error) {
	d := stateOf(c.In).cur()
	if d.page == nil {
		return nil, c.Errorf("plot.new has not been called yet")
	}
	return d, nil
}

// changed records a drawing: the file devices write at dev.off(); the
// implicit device without a shower writes Rplots.png now.
func changed(c *eval.Frame, d *device) error {
	d.dirty = true
	s := stateOf(c.In)
	if d != &s.imp {
		return nil
	}
	if _, ok := c.In.Local[showKey{}].(Shower); ok {
		return nil
	}
	return writePNG(c, d, "Rplots.png")
}

func writePNG(c *eval.Frame, d *device, file string) error {
	png, err := render(d)
	if err != nil {
		return c.Errorf("%v", err)
	}
	if err := os.WriteFile(file, png, 0o644); err != nil {
		return c.Errorf("unable to open file '%s' for writing", file)
	}
	return nil
}

// --- argument helpers ---

func isNull(v eval.Value) bool { return v == nil || v == eval.Null }

// nums reads an R numeric vector or a tensor.
func nums(c *eval.Frame, v eval.Value, name string) ([]float64, error) {
	if t := torch.Unwrap(v); t != nil {
		return t.Float64s(), nil
	}
	switch x := v.(type) {
	case *eval.Double:
		return x.V, nil
	case *eval.Integer:
		out := make([]float64, len(x.V))
		for i, e := range x.V {
			if e == eval.NAInt {
				out[i] = math.NaN()
			} else {
				out[i] = float64(e)
			}
		}
		return out, nil
	case *eval.Logical:
		out := make([]float64, len(x.V))
		for i, e := range x.V {
			if e == eval.NALogical {
				out[i] = math.NaN()
			} else {
				out[i] = float64(e)
			}
		}
		return out, nil
	}
	if f, err := torch.FloatsOf(v); err == nil {
		return f, nil
	}
	return nil, c.Errorf("'%s' must be numeric", name)
}

func str(v eval.Value) string {
	if s, ok := v.(*eval.Character); ok && len(s.V) > 0 && !eval.IsNAString(s.V[0]) {
		return s.V[0]
	}
	return ""
}

func strs(v eval.Value) []string {
	if s, ok := v.(*eval.Character); ok {
		return s.V
	}
	if isNull(v) {
		return nil
	}
	var out []string
	if f, err := torch.FloatsOf(v); err == nil {
		for _, x := range f {
			out = append(out, strconv.FormatFloat(x, 'g', -1, 64))
		}
	}
	return out
}

func num1(v eval.Value, def float64) float64 {
	if isNull(v) {
		return def
	}
	if f, err := torch.FloatsOf(v); err == nil && len(f) > 0 {
		return f[0]
	}
	return def
}

// palette is R 4's default palette().
var palette = []string{"black", "#DF536B", "#61D04F", "#2297E6", "#28E2E5", "#CD0BBC", "#F5C710", "gray62"}

var named = map[string]color.RGBA{
	"black": {0, 0, 0, 255}, "white": {255, 255, 255, 255}, "red": {255, 0, 0, 255}, "green": {0, 255, 0, 255},
	"blue": {0, 0, 255, 255}, "cyan": {0, 255, 255, 255}, "magenta": {255, 0, 255, 255}, "yellow": {255, 255, 0, 255},
	"gray": {190, 190, 190, 255}, "grey": {190, 190, 190, 255}, "orange": {255, 165, 0, 255}, "purple": {160, 32, 240, 255},
	"brown": {165, 42, 42, 255}, "pink": {255, 192, 203, 255}, "darkgreen": {0, 100, 0, 255}, "darkblue": {0, 0, 139, 255},
	"darkred": {139, 0, 0, 255}, "steelblue": {70, 130, 180, 255}, "skyblue": {135, 206, 235, 255}, "navy": {0, 0, 128, 255},
	"darkorange": {255, 140, 0, 255}, "gold": {255, 215, 0, 255}, "lightblue": {173, 216, 230, 255}, "lightgray": {211, 211, 211, 255},
	"lightgrey": {211, 211, 211, 255}, "darkgray": {169, 169, 169, 255}, "darkgrey": {169, 169, 169, 255}, "tomato": {255, 99, 71, 255},
	"firebrick": {178, 34, 34, 255}, "forestgreen": {34, 139, 34, 255}, "royalblue": {65, 105, 225, 255}, "violet": {238, 130, 238, 255},
	"gray62": {158, 158, 158, 255}, "transparent": {0, 0, 0, 0},
}

func parseColor(s string) (color.Color, bool) {
	s = strings.ToLower(strings.TrimSpace(s))
	if c, ok := named[s]; ok {
		return c, true
	}
	if strings.HasPrefix(s, "#") && (len(s) == 7 || len(s) == 9) {
		v, err := strconv.ParseUint(s[1:], 16, 32)
		if err != nil {
			return nil, false
		}
		if len(s) == 7 {
			return color.RGBA{uint8(v >> 16), uint8(v >> 8), uint8(v), 255}, true
		}
		return color.NRGBA{uint8(v >> 24), uint8(v >> 16), uint8(v >> 8), uint8(v)}, true
	}
	if n, err := strconv.Atoi(s); err == nil && n >= 0 {
		if n == 0 {
			return color.White, true
		}
		return parseColor(palette[(n-1)%len(palette)])
	}
	if strings.HasPrefix(s, "gray") || strings.HasPrefix(s, "grey") {
		if n, err := strconv.Atoi(s[4:]); err == nil && n >= 0 && n <= 100 {
			g := uint8(math.Round(float64(n) * 2.55))
			return color.RGBA{g, g, g, 255}, true
		}
	}
	return nil, false
}

// colors reads a col argument (names, "#RRGGBB", palette numbers).
func colors(c *eval.Frame, v eval.Value, def color.Color) ([]color.Color, error) {
	if isNull(v) {
		return []color.Color{def}, nil
	}
	var out []color.Color
	switch x := v.(type) {
	case *eval.Character:
		for _, s := range x.V {
			col, ok := parseColor(s)
			if !ok {
				return nil, c.Errorf("invalid color name '%s'", s)
			}
			out = append(out, col)
		}
	default:
		f, err := nums(c, v, "col")
		if err != nil {
			return nil, err
		}
		for _, n := range f {
			i := int(n)
			if i == 0 {
				out = append(out, color.White)
				continue
			}
			col, _ := parseColor(palette[(i-1)%len(palette)])
			out = append(out, col)
		}
	}
	if len(out) == 0 {
		out = []color.Color{def}
	}
	return out, nil
}

func col1(c *eval.Frame, v eval.Value, def color.Color) (color.Color, error) {
	cs, err := colors(c, v, def)
	if err != nil {
		return nil, err
	}
	return cs[0], nil
}

func lineStyle(col color.Color, lty, lwd float64) draw.LineStyle {
	ls := draw.LineStyle{Color: col, Width: vg.Points(lwd)}
	switch int(lty) {
	case 2:
		ls.Dashes = []vg.Length{vg.Points(4), vg.Points(4)}
	case 3:
		ls.Dashes = []vg.Length{vg.Points(1), vg.Points(3)}
	case 4:
		ls.Dashes = []vg.Length{vg.Points(1), vg.Points(3), vg.Points(4), vg.Points(3)}
	case 5:
		ls.Dashes = []vg.Length{vg.Points(7), vg.Points(3)}
	}
	return ls
}

func glyph(col color.Color, pch, cex float64) draw.GlyphStyle {
	g := draw.GlyphStyle{Color: col, Radius: vg.Points(2.7 * cex), Shape: draw.RingGlyph{}}
	switch int(pch) {
	case 0, 22:
		g.Shape = draw.BoxGlyph{}
	case 15:
		g.Shape = draw.SquareGlyph{}
	case 2, 24:
		g.Shape = draw.PyramidGlyph{}
	case 17:
		g.Shape = draw.TriangleGlyph{}
	case 3:
		g.Shape = draw.PlusGlyph{}
	case 4:
		g.Shape = draw.CrossGlyph{}
	case 16, 19, 20:
		g.Shape = draw.CircleGlyph{}
		if int(pch) == 20 {
			g.Radius = vg.Points(1.8 * cex)
		}
	}
	return g
}

// xy builds the points of x (and y), as R's xy.coords.
func xy(c *eval.Frame, xv, yv eval.Value) (plotter.XYs, error) {
	if isNull(xv) {
		return nil, c.Errorf("argument \"x\" is missing, with no default")
	}
	if isNull(yv) {
		sx, sy, _, _, split, err := splitXY(c, xv)
		if err != nil {
			return nil, err
		}
		if split {
			xv, yv = sx, sy
		}
	}
	x, err := nums(c, xv, "x")
	if err != nil {
		return nil, err
	}
	var y []float64
	if isNull(yv) {
		y = x
		x = make([]float64, len(y))
		for i := range x {
			x[i] = float64(i + 1)
		}
	} else if y, err = nums(c, yv, "y"); err != nil {
		return nil, err
	}
	if len(x) != len(y) {
		return nil, c.Errorf("'x' and 'y' lengths differ")
	}
	pts := make(plotter.XYs, 0, len(x))
	for i := range x {
		if math.IsNaN(x[i]) || math.IsNaN(y[i]) || math.IsInf(x[i], 0) || math.IsInf(y[i], 0) {
			continue
		}
		pts = append(pts, plotter.XY{X: x[i], Y: y[i]})
	}
	return pts, nil
}

// splitXY is xy.coords' reading of one argument holding both coordinates:
// a matrix's or data frame's first two columns, a list's x and y. The
// labels are suffixes of the argument's text ("[,1]", "$x") or column
// names. split is false for a plain vector (and one-column matrices).
func splitXY(c *eval.Frame, v eval.Value) (x, y eval.Value, xlab, ylab string, split bool, err error) {
	if l, ok := v.(*eval.List); ok {
		names := eval.Names(l)
		if inherits(l, "data.frame") {
			cols, nm, err := dataMatrix(c, l)
			if err != nil || len(cols) < 2 {
				return nil, nil, "", "", false, err
			}
			return eval.NewDouble(cols[0]), eval.NewDouble(cols[1]), nm[0], nm[1], true, nil
		}
		for i, n := range names {
			if n == "x" {
				x = l.V[i]
			} else if n == "y" {
				y = l.V[i]
			}
		}
		if x == nil || y == nil {
			return nil, nil, "", "", false, c.Errorf("'x' is a list, but does not have components 'x' and 'y'")
		}
		return x, y, "$x", "$y", true, nil
	}
	dim := eval.Dim(v)
	if len(dim) != 2 || dim[1] < 2 {
		return nil, nil, "", "", false, nil
	}
	f, err := nums(c, v, "x")
	if err != nil {
		return nil, nil, "", "", false, err
	}
	n := dim[0]
	xlab, ylab = "[,1]", "[,2]"
	if dn, ok := attr(v, "dimnames").(*eval.List); ok && len(dn.V) == 2 {
		if cn := strs(dn.V[1]); len(cn) >= 2 {
			xlab, ylab = cn[0], cn[1]
		}
	}
	return eval.NewDouble(append([]float64(nil), f[:n]...)), eval.NewDouble(append([]float64(nil), f[n:2*n]...)), xlab, ylab, true, nil
}

func limits(c *eval.Frame, v eval.Value, name string) ([]float64, error) {
	if isNull(v) {
		return nil, nil
	}
	f, err := nums(c, v, name)
	if err != nil || len(f) != 2 || math.IsNaN(f[0]) || math.IsNaN(f[1]) {
		return nil, c.Errorf("invalid '%s' value", name)
	}
	return []float64{math.Min(f[0], f[1]), math.Max(f[0], f[1])}, nil
}

// addXY draws pts on p in R's type ("p", "l", "b", "o", "h", "s", "n").
func addXY(c *eval.Frame, p *plot.Plot, pts plotter.XYs, typ string, col color.Color, lty, lwd, pch, cex float64) ([]plot.Thumbnailer, error) {
	if len(pts) == 0 {
		return nil, nil
	}
	var thumbs []plot.Thumbnailer
	addLine := func() error {
		ln, err := plotter.NewLine(pts)
		if err != nil {
			return c.Errorf("%v", err)
		}
		ln.LineStyle = lineStyle(col, lty, lwd)
		if typ == "s" {
			ln.StepStyle = plotter.PostStep
		}
		p.Add(ln)
		thumbs = append(thumbs, ln)
		return nil
	}
	addPoints := func() error {
		sc, err := plotter.NewScatter(pts)
		if err != nil {
			return c.Errorf("%v", err)
		}
		sc.GlyphStyle = glyph(col, pch, cex)
		p.Add(sc)
		thumbs = append(thumbs, sc)
		return nil
	}
	var err error
	switch typ {
	case "p":
		err = addPoints()
	case "l", "s":
		err = addLine()
	case "b", "o":
		if err = addLine(); err == nil {
			err = addPoints()
		}
	case "h":
		for _, pt := range pts {
			ln, e := plotter.NewLine(plotter.XYs{{X: pt.X, Y: 0}, pt})
			if e != nil {
				return nil, c.Errorf("%v", e)
			}
			ln.LineStyle = lineStyle(col, lty, lwd)
			p.Add(ln)
		}
	case "n":
		// axes only: an invisible scatter sets the ranges
		sc, e := plotter.NewScatter(pts)
		if e != nil {
			return nil, c.Errorf("%v", e)
		}
		sc.GlyphStyle.Radius = 0
		p.Add(sc)
	default:
		return nil, c.Errorf("invalid plot type '%s'", typ)
	}
	return thumbs, err
}

// argText is the source text of the argument given for formal name (or,
// unnamed, at position pos among the unnamed ones), as R's
// deparse(substitute(x)) labels axes; def when there is none.
func argText(c *eval.Frame, name string, pos int, def string) string {
	x, _ := eval.CurrentBuiltinCall(c.In)
	call, ok := x.(*syntax.Call)
	if !ok {
		return def
	}
	n := 0
	for _, a := range call.Args {
		if a.HasName {
			if a.Name == name && a.Value != nil {
				return eval.DeparseExpr(a.Value)
			}
			continue
		}
		if n == pos && a.Value != nil {
			return eval.DeparseExpr(a.Value)
		}
		n++
	}
	return def
}

// Labels returns the axis labels of the current page (for tests).
func Labels(in *eval.Interp) (x, y string) {
	d := stateOf(in).cur()
	if d.page == nil {
		return "", ""
	}
	return d.page.X.Label.Text, d.page.Y.Label.Text
}
