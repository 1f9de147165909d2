package rcase_test

import (
	"context"
	"fmt"
	"os/exec"
	"path/filepath"
	"runtime"
	"strings"
	"sync"
	"testing"

	"torchr/lang/internal/rcase"
)

// TestOracle re-runs every case of lang/testdata through GNU R and checks
// that the committed goldens are still what R prints (skipped without
// Rscript or with -short). It lives here rather than next to the Session
// harness so that go test's cache skips it until the corpus or this
// package changes.
func TestOracle(t *testing.T) {
	if testing.Short() {
		t.Skip("-short")
	}
	rscript, err := exec.LookPath("Rscript")
	if err != nil {
		t.Skip("Rscript not installed")
	}
	dir := filepath.Join("..", "..", "testdata")
	paths, err := filepath.Glob(filepath.Join(dir, "*.R"))
	if err != nil || len(paths) == 0 {
		t.Fatalf("no corpus in %s", dir)
	}
	tmp := t.TempDir()
	sem := make(chan struct{}, max(2, runtime.GOMAXPROCS(0)))
	var wg sync.WaitGroup
	var mu sync.Mutex
	var fails []string
	for _, p := range paths {
		cases, err := rcase.ParseFile(p)
		if err != nil {
			t.Error(err)
			continue
		}
		golden, err := rcase.ReadGolden(strings.TrimSuffix(p, ".R") + ".out")
		if err != nil {
			t.Errorf("%v (run lang/testdata/gen.sh)", err)
			continue
		}
		if len(cases) > 0 && cases[0].NoOracle {
			continue
		}
		if len(cases) > 0 && !rcase.HavePackages(context.Background(), rscript, cases[0].Requires) {
			t.Logf("%s: skipped, Rscript lacks %v", p, cases[0].Requires)
			continue
		}
		if len(golden.Names) != len(cases) {
			t.Errorf("%s: golden has %d cases, the file %d (run lang/testdata/gen.sh %s)",
				p, len(golden.Names), len(cases), filepath.Base(p))
		}
		for _, c := range cases {
			wg.Add(1)
			go func() {
				defer wg.Done()
				sem <- struct{}{}
				defer func() { <-sem }()
				r, err := rcase.RunR(context.Background(), rscript, tmp, c)
				if err == nil {
					err = rcase.Check(c, r)
				}
				if err == nil {
					if want, ok := golden.Results[c.Name]; !ok {
						err = fmt.Errorf("%s: missing from the golden file", c.ID())
					} else if want != r {
						err = fmt.Errorf("%s: golden differs from Rscript:\n--- golden\n%s--- Rscript\n%s",
							c.ID(), rcase.FormatSection(want), rcase.FormatSection(r))
					}
				}
				if err != nil {
					mu.Lock()
					fails = append(fails, err.Error())
					mu.Unlock()
				}
			}()
		}
	}
	wg.Wait()
	for _, f := range fails {
		t.Error(f)
	}
	if len(fails) > 0 {
		t.Log("regenerate with lang/testdata/gen.sh")
	}
}

func TestParseGoldenRoundTrip(t *testing.T) {
	cases, err := rcase.Parse("x.R", "# oracle: torch\n#---- a\n1\n#---- b c\nf() ### \"boom\"\n")
	if err != nil {
		t.Fatal(err)
	}
	if len(cases[0].Requires) != 1 || cases[0].Requires[0] != "torch" || cases[0].NoOracle {
		t.Errorf("header not parsed: %+v", cases[0])
	}
	if len(cases) != 2 || cases[1].Name != "b c" || cases[1].ErrLine != 5 || cases[1].ErrPattern != "boom" {
		t.Fatalf("bad parse: %+v %+v", cases[0], cases[1])
	}
	if !strings.HasPrefix(cases[1].Src, "\n\n\n\n") {
		t.Errorf("Src not padded to file lines: %q", cases[1].Src)
	}
	res := map[string]rcase.Result{
		"a":   {Output: "# hash\nno newline"},
		"b c": {Output: "x\nError in f() : \n  boom\n", Error: "Error in f() : \n  boom\n"},
	}
	text := rcase.FormatGolden(cases, res)
	g, err := rcase.ParseGolden("x.out", text)
	if err != nil {
		t.Fatal(err)
	}
	for k, v := range res {
		if g.Results[k] != v {
			t.Errorf("%s: round trip gave %+v, want %+v\n%s", k, g.Results[k], v, text)
		}
	}
}
