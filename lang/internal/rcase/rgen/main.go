// Command rgen regenerates the golden files of the R script-test corpus by
// running every case through GNU R's Rscript.
//
// Usage (from the repository root; lang/testdata/gen.sh wraps it):
//
//	go run ./lang/internal/rcase/rgen [-j N] [-check] [lang/testdata/topic.R ...]
//
// With no files, every lang/testdata/*.R is regenerated. With -check, the
// goldens are compared instead of written, and any difference is reported.
package main

import (
	"context"
	"flag"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"sync"

	"torchr/lang/internal/rcase"
)

func main() {
	jobs := flag.Int("j", 2, "number of Rscript processes at once")
	check := flag.Bool("check", false, "compare with the goldens instead of writing them")
	dir := flag.String("dir", "lang/testdata", "corpus directory (when no files are given)")
	flag.Parse()
	rscript, err := exec.LookPath("Rscript")
	if err != nil {
		fmt.Fprintln(os.Stderr, "rgen: Rscript not found (apt-get install r-base-core)")
		os.Exit(2)
	}
	files := flag.Args()
	if len(files) == 0 {
		files, _ = filepath.Glob(filepath.Join(*dir, "*.R"))
	}
	tmp, err := os.MkdirTemp("", "rgen")
	if err != nil {
		fmt.Fprintln(os.Stderr, "rgen:", err)
		os.Exit(2)
	}
	defer os.RemoveAll(tmp)
	failed := false
	for _, file := range files {
		if err := gen(rscript, tmp, file, *jobs, *check); err != nil {
			fmt.Fprintln(os.Stderr, err)
			failed = true
		}
	}
	if failed {
		os.Exit(1)
	}
}

func gen(rscript, tmp, file string, jobs int, check bool) error {
	cases, err := rcase.ParseFile(file)
	if err != nil {
		return err
	}
	if len(cases) > 0 && cases[0].NoOracle {
		fmt.Printf("%s: hand-written goldens (# oracle: none), skipped\n", file)
		return nil
	}
	if len(cases) > 0 && !rcase.HavePackages(context.Background(), rscript, cases[0].Requires) {
		fmt.Printf("%s: skipped, Rscript lacks %v\n", file, cases[0].Requires)
		return nil
	}
	results := make(map[string]rcase.Result, len(cases))
	errs := make([]string, 0)
	var mu sync.Mutex
	sem := make(chan struct{}, max(jobs, 1))
	var wg sync.WaitGroup
	for _, c := range cases {
		wg.Add(1)
		sem <- struct{}{}
		go func() {
			defer wg.Done()
			defer func() { <-sem }()
			r, err := rcase.RunR(context.Background(), rscript, tmp, c)
			if err == nil {
				err = rcase.Check(c, r)
			}
			mu.Lock()
			defer mu.Unlock()
			if err != nil {
				errs = append(errs, err.Error())
				return
			}
			results[c.Name] = r
		}()
	}
	wg.Wait()
	if len(errs) > 0 {
		return fmt.Errorf("%s: not written:\n  %s", file, strings.Join(errs, "\n  "))
	}
	out := strings.TrimSuffix(file, ".R") + ".out"
	text := rcase.FormatGolden(cases, results)
	if check {
		old, err := os.ReadFile(out)
		if err != nil {
			return err
		}
		if string(old) != text {
			return fmt.Errorf("%s: differs from what Rscript prints now", out)
		}
		return nil
	}
	fmt.Printf("%s: %d cases\n", out, len(cases))
	return os.WriteFile(out, []byte(text), 0o644)
}
