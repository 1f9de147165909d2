package lang

import "torchr/lang/graphics"

// Base graphics (plot, lines, hist, png, ...) register their builtins in
// init; a notebook session shows each cell's finished plot inline.

func setPlotShower(s *Session, d Display) {
	if d == nil {
		graphics.SetShower(s.in, nil)
		return
	}
	graphics.SetShower(s.in, func(png []byte, w, h int) {
		d.Display(PNGBundle(png, w, h, "<plot>"))
	})
}

func flushPlots(s *Session) error { return graphics.Flush(s.in) }
