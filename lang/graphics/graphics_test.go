package graphics_test

import (
	"bytes"
	"context"
	"image"
	"image/png"
	"os"
	"path/filepath"
	"testing"

	"torchr/lang"
	"torchr/lang/graphics"
)

func TestPNGDevice(t *testing.T) {
	dir := t.TempDir()
	var out, errb bytes.Buffer
	s := lang.NewSession(lang.Options{Stdout: &out, Stderr: &errb})
	f := filepath.Join(dir, "p.png")
	src := `png("` + f + `", width = 320, height = 200)
x <- seq(-3, 3, length.out = 30)
plot(x, sin(x), type = "b", main = "m", xlab = "x", ylab = "y", col = "red", xlim = c(-4, 4))
lines(x, cos(x), col = 3, lty = 2)
points(1, 1, pch = 4)
abline(0, 1); abline(h = 0, v = 0)
legend("topright", legend = c("sin", "cos"), col = c("red", 3), lty = 1:2)
h <- hist(torch_randn(100), plot = FALSE)
barplot(c(a = 1, b = 2))
plot(torch_randn(10))
invisible(dev.off())
cat(sum(h$counts), "\n")
`
	if err := s.Eval(context.Background(), "t.tr", src); err != nil {
		t.Fatalf("%v\n%s", err, errb.String())
	}
	if out.String() != "100 \n" {
		t.Errorf("stdout %q", out.String())
	}
	b, err := os.ReadFile(f)
	if err != nil {
		t.Fatal(err)
	}
	cfg, err := png.DecodeConfig(bytes.NewReader(b))
	if err != nil || cfg.Width != 320 || cfg.Height != 200 {
		t.Errorf("png %v %+v", err, cfg)
	}
	if err := s.Eval(context.Background(), "t.tr", `lines(1:2)`); err == nil {
		t.Error("lines() without a plot should fail")
	}
}

func TestArgLabels(t *testing.T) {
	var out, errb bytes.Buffer
	s := lang.NewSession(lang.Options{Stdout: &out, Stderr: &errb})
	shown := 0
	graphics.SetShower(s.Interp(), func(png []byte, w, h int) { shown++ })
	if err := s.Eval(context.Background(), "t.tr", "losses <- c(3, 2, 1); plot(losses, type = \"l\")"); err != nil {
		t.Fatal(err)
	}
	if x, y := graphics.Labels(s.Interp()); x != "Index" || y != "losses" {
		t.Errorf("labels %q %q", x, y)
	}
	if err := s.Eval(context.Background(), "t.tr", "hist(breaks = 3, x = losses * 2)"); err != nil {
		t.Fatal(err)
	}
	if x, _ := graphics.Labels(s.Interp()); x != "losses * 2" {
		t.Errorf("hist label %q", x)
	}
	if shown != 1 {
		t.Errorf("shown %d pages, want 1 (the first, when hist started a new one)", shown)
	}
}

func TestPlotSizeOption(t *testing.T) {
	s := lang.NewSession(lang.Options{Stdout: new(bytes.Buffer), Stderr: new(bytes.Buffer)})
	var w, h int
	graphics.SetShower(s.Interp(), func(png []byte, width, height int) { w, h = width, height })
	if err := s.Eval(context.Background(), "t.tr", "options(repr.plot.width = 5, repr.plot.height = 2.5); plot(1:3)"); err != nil {
		t.Fatal(err)
	}
	if err := graphics.Flush(s.Interp()); err != nil || w != 480 || h != 240 {
		t.Errorf("size %dx%d (%v)", w, h, err)
	}
}

// ink counts the pixels of r in img that are not white.
func ink(img image.Image, r image.Rectangle) int {
	n := 0
	for y := r.Min.Y; y < r.Max.Y; y++ {
		for x := r.Min.X; x < r.Max.X; x++ {
			cr, cg, cb, _ := img.At(x, y).RGBA()
			if cr < 0xe000 || cg < 0xe000 || cb < 0xe000 {
				n++
			}
		}
	}
	return n
}

// quadrants returns the ink of the four quadrants of a PNG, row by row.
func quadrants(t *testing.T, b []byte) [4]int {
	t.Helper()
	img, err := png.Decode(bytes.NewReader(b))
	if err != nil {
		t.Fatal(err)
	}
	w, h := img.Bounds().Dx(), img.Bounds().Dy()
	return [4]int{
		ink(img, image.Rect(0, 0, w/2, h/2)), ink(img, image.Rect(w/2, 0, w, h/2)),
		ink(img, image.Rect(0, h/2, w/2, h)), ink(img, image.Rect(w/2, h/2, w, h)),
	}
}

// par(mfrow=) puts several plots on one page of a png() device, filled by
// row (mfcol: by column); a page with all its panels used starts a new one
// (a new file with %03d in the name).
func TestMultiPanelPNG(t *testing.T) {
	dir := t.TempDir()
	s := lang.NewSession(lang.Options{Stdout: new(bytes.Buffer), Stderr: new(bytes.Buffer)})
	run := func(src string) {
		t.Helper()
		if err := s.Eval(context.Background(), "t.tr", src); err != nil {
			t.Fatal(err)
		}
	}
	file := filepath.Join(dir, "p%03d.png")
	// three plots in a 2x2 grid by row: the bottom-right panel stays empty
	run(`png("` + file + `", width = 400, height = 400)
op <- par(mfrow = c(2, 2))
plot(1:10); plot(10:1, type = "l"); hist(c(1, 2, 2, 3))
invisible(dev.off())`)
	b, err := os.ReadFile(filepath.Join(dir, "p001.png"))
	if err != nil {
		t.Fatal(err)
	}
	q := quadrants(t, b)
	if q[0] < 500 || q[1] < 500 || q[2] < 500 || q[3] != 0 {
		t.Errorf("mfrow 2x2 with 3 plots: ink by quadrant %v, want the last empty", q)
	}
	// by column: the second plot goes below the first, top-right is empty
	run(`png("` + file + `", width = 400, height = 400)
par(mfcol = c(2, 2))
plot(1:10); plot(10:1); plot(c(1, 5, 2))
invisible(dev.off())`)
	b, _ = os.ReadFile(filepath.Join(dir, "p001.png"))
	if q := quadrants(t, b); q[0] < 500 || q[2] < 500 || q[1] < 500 || q[3] != 0 {
		t.Errorf("mfcol 2x2 with 3 plots: ink by quadrant %v", q)
	}
	// five plots in 2x2: two pages
	run(`png("` + file + `", width = 400, height = 400)
par(mfrow = c(2, 2))
for (i in 1:5) plot(i:10)
invisible(dev.off())`)
	if _, err := os.Stat(filepath.Join(dir, "p002.png")); err != nil {
		t.Errorf("the fifth plot should start page 2: %v", err)
	}
	b, _ = os.ReadFile(filepath.Join(dir, "p002.png"))
	// (the first panel's last point and axis may reach over the middle)
	if q := quadrants(t, b); q[0] < 500 || q[1] > q[0]/5 || q[2]+q[3] != 0 {
		t.Errorf("page 2: ink by quadrant %v, want only the first panel", q)
	}
}

// In a notebook, plots of one cell under par(mfrow=) are one image, shown
// when the cell ends; a page whose panels are all used is shown at once.
func TestMultiPanelShown(t *testing.T) {
	s := lang.NewSession(lang.Options{Stdout: new(bytes.Buffer), Stderr: new(bytes.Buffer)})
	var shown [][]byte
	graphics.SetShower(s.Interp(), func(png []byte, w, h int) { shown = append(shown, png) })
	cell := func(src string) int {
		t.Helper()
		shown = nil
		if err := s.Eval(context.Background(), "t.tr", src); err != nil {
			t.Fatal(err)
		}
		if err := graphics.Flush(s.Interp()); err != nil {
			t.Fatal(err)
		}
		return len(shown)
	}
	if n := cell(`par(mfrow = c(1, 2)); plot(1:3); plot(3:1)`); n != 1 {
		t.Fatalf("mfrow c(1, 2), two plots: %d images, want 1", n)
	}
	img, err := png.Decode(bytes.NewReader(shown[0]))
	if err != nil {
		t.Fatal(err)
	}
	w, h := img.Bounds().Dx(), img.Bounds().Dy()
	if l, r := ink(img, image.Rect(0, 0, w/2, h)), ink(img, image.Rect(w/2, 0, w, h)); l < 500 || r < 500 {
		t.Errorf("ink left %d right %d: both panels should be drawn", l, r)
	}
	// the layout stays; each cell starts a new page
	if n := cell(`plot(1:2)`); n != 1 {
		t.Errorf("next cell: %d images", n)
	}
	if n := cell(`plot(1:2); plot(2:1); plot(1:3)`); n != 2 {
		t.Errorf("three plots in 1x2: %d images, want 2", n)
	}
	if n := cell(`par(mfrow = c(1, 1)); plot(1); plot(2)`); n != 2 {
		t.Errorf("back to 1x1: %d images, want 2", n)
	}
	// pairs() and plot(<data.frame>) of 3 columns: one page of 3x3 panels
	if n := cell(`pairs(data.frame(a = 1:5, b = c(2, 4, 1, 5, 3), c = 5:1)); plot(1)`); n != 2 {
		t.Errorf("pairs then plot: %d images, want 2", n)
	}
}

// Axis labels as R's plot.default/xy.coords and curve() make them.
func TestLabelsOfObjects(t *testing.T) {
	s := lang.NewSession(lang.Options{Stdout: new(bytes.Buffer), Stderr: new(bytes.Buffer)})
	graphics.SetShower(s.Interp(), func([]byte, int, int) {})
	for _, tc := range []struct{ src, x, y string }{
		{`m <- cbind(a = 1:3, b = c(2, 5, 1)); plot(m)`, "a", "b"},
		{`m2 <- matrix(1:6, 3); plot(m2)`, "m2[,1]", "m2[,2]"},
		{`l <- list(x = 1:2, y = 3:4); plot(l)`, "l$x", "l$y"},
		{`plot(data.frame(height = 1:3, weight = 3:1))`, "height", "weight"},
		{`plot(sin, -pi, pi)`, "x", "sin(x)"},
		{`plot(function(x) x^2)`, "x", "function(x) x^2"},
		{`curve(x^2 + 1, 0, 2)`, "x", "x^2 + 1"},
		{`curve(cos)`, "x", "cos(x)"},
		{`curve(t * 2, xname = "t")`, "t", "t * 2"},
		{`plot(factor(c("u", "v", "u")))`, "", ""},
	} {
		if err := s.Eval(context.Background(), "t.tr", tc.src); err != nil {
			t.Errorf("%s: %v", tc.src, err)
			continue
		}
		if x, y := graphics.Labels(s.Interp()); x != tc.x || y != tc.y {
			t.Errorf("%s: labels %q %q, want %q %q", tc.src, x, y, tc.x, tc.y)
		}
	}
}

// par()'s bg, col, pch, lty and lwd are the defaults of the plots after it.
func TestParDefaultsDraw(t *testing.T) {
	s := lang.NewSession(lang.Options{Stdout: new(bytes.Buffer), Stderr: new(bytes.Buffer)})
	var last []byte
	graphics.SetShower(s.Interp(), func(png []byte, w, h int) { last = png })
	draw := func(src string) image.Image {
		t.Helper()
		if err := s.Eval(context.Background(), "t.tr", src); err != nil {
			t.Fatal(err)
		}
		if err := graphics.Flush(s.Interp()); err != nil {
			t.Fatal(err)
		}
		img, err := png.Decode(bytes.NewReader(last))
		if err != nil {
			t.Fatal(err)
		}
		return img
	}
	count := func(img image.Image, want func(r, g, b uint32) bool) int {
		n := 0
		for y := 0; y < img.Bounds().Dy(); y++ {
			for x := 0; x < img.Bounds().Dx(); x++ {
				r, g, b, _ := img.At(x, y).RGBA()
				if want(r>>8, g>>8, b>>8) {
					n++
				}
			}
		}
		return n
	}
	red := func(r, g, b uint32) bool { return r > 200 && g < 60 && b < 60 }
	if n := count(draw(`plot(1:20, pch = 16)`), red); n != 0 {
		t.Fatalf("%d red pixels before par(col = \"red\")", n)
	}
	if n := count(draw(`op <- par(col = "red"); plot(1:20, pch = 16)`), red); n < 200 {
		t.Errorf("par(col = \"red\"): %d red pixels", n)
	}
	// an explicit col wins over par's
	if n := count(draw(`plot(1:20, pch = 16, col = "blue")`), red); n != 0 {
		t.Errorf("col = \"blue\" under par(col = \"red\"): %d red pixels", n)
	}
	// filled circles (pch = 16) have more ink than open ones (the default)
	dark := func(r, g, b uint32) bool { return r < 100 && g < 100 && b < 100 }
	open := count(draw(`par(op); plot(1:20)`), dark)
	filled := count(draw(`par(pch = 16); plot(1:20)`), dark)
	if filled <= open {
		t.Errorf("par(pch = 16): %d dark pixels, open circles %d", filled, open)
	}
	img := draw(`par(bg = "yellow"); plot(1:3)`)
	if r, g, b, _ := img.At(1, 1).RGBA(); r>>8 != 255 || g>>8 != 255 || b>>8 != 0 {
		t.Errorf("par(bg = \"yellow\"): corner %d %d %d", r>>8, g>>8, b>>8)
	}
}
