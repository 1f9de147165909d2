package syntax

import (
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
)

// TestRCorpusLive parses a large body of real R code (the installed R's
// .R files and the deparsed source of every closure in base, stats and
// utils, about 2 MB) and checks every top-level expression's tree and
// deparse() against GNU R, and that it survives a deparse/parse round trip. It needs Rscript and is skipped with -short.
func TestRCorpusLive(t *testing.T) {
	if testing.Short() {
		t.Skip("runs Rscript")
	}
	if _, err := exec.LookPath("Rscript"); err != nil {
		t.Skip("Rscript not installed")
	}
	dir := t.TempDir()
	cmd := exec.Command("Rscript", "testdata/gen_corpus.R", dir)
	if msg, err := cmd.CombinedOutput(); err != nil {
		t.Fatalf("gen_corpus.R: %v\n%s", err, msg)
	}
	data, err := os.ReadFile(filepath.Join(dir, "corpus_golden.txt"))
	if err != nil {
		t.Fatal(err)
	}
	type want struct {
		dump string
		dep  []string
	}
	files := map[string][]*want{}
	var order []string
	var cur string
	for _, l := range strings.Split(strings.TrimSuffix(string(data), "\n"), "\n") {
		switch {
		case strings.HasPrefix(l, "### FILE "):
			cur = l[9:]
			order = append(order, cur)
		case strings.HasPrefix(l, "@@ "):
			files[cur] = append(files[cur], &want{dump: l[3:]})
		default:
			w := files[cur][len(files[cur])-1]
			w.dep = append(w.dep, l)
		}
	}
	if len(order) < 10 {
		t.Fatalf("only %d files in the corpus", len(order))
	}
	bad, total := 0, 0
	report := func(format string, args ...any) {
		bad++
		if bad <= 20 {
			t.Errorf(format, args...)
		}
	}
	for _, fn := range order {
		src, err := os.ReadFile(fn)
		if err != nil {
			t.Fatal(err)
		}
		f, err := ParseFile(fn, string(src))
		if err != nil {
			report("%v", err)
			continue
		}
		ws := files[fn]
		if len(f.Exprs) != len(ws) {
			report("%s: %d expressions, R has %d", fn, len(f.Exprs), len(ws))
			continue
		}
		for i, x := range f.Exprs {
			total++
			if d := Dump(x.X); d != ws[i].dump {
				k := 0
				for k < len(d) && k < len(ws[i].dump) && d[k] == ws[i].dump[k] {
					k++
				}
				lo := max(k-100, 0)
				report("%s:%d: tree differs\n got: ...%.300s\n   R: ...%.300s", fn, x.Line, d[lo:], ws[i].dump[lo:])
				continue
			}
			if _, ok := x.X.(*Ident); !ok && !hasImag(x.X) {
				// (1i deparses as 0+1i, which parses as a sum: complex
				// constants do not round-trip, in R either.)
				roundTrip(t, fn+":"+itoa(x.Line), x.X)
			}
			got := DeparseLines(x.X, nil)
			if strings.Join(got, "\n") != strings.Join(ws[i].dep, "\n") {
				g, w := got, ws[i].dep
				j := 0
				for j < len(g) && j < len(w) && g[j] == w[j] {
					j++
				}
				var gl, wl string
				if j < len(g) {
					gl = g[j]
				}
				if j < len(w) {
					wl = w[j]
				}
				report("%s:%d: deparse line %d\n got: %q\n   R: %q", fn, x.Line, j+1, gl, wl)
			}
		}
	}
	t.Logf("%d files, %d expressions, %d differences", len(order), total, bad)
}
