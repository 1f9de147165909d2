package graphics_test

import (
	"bytes"
	"context"
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
