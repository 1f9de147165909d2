package lang

import (
	"context"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"sort"

	"torchr/lang/torch"
)

// RunTests runs every test-*.tr file of dir in a fresh session each (the
// files use test_that and expect_*), writes failures and errors to stderr
// and ends stdout with "N passed, M failed". It returns the counts.
func RunTests(ctx context.Context, dir string, stdout, stderr io.Writer) (passed, failed int, err error) {
	files, err := filepath.Glob(filepath.Join(dir, "test-*.tr"))
	if err != nil {
		return 0, 0, err
	}
	if len(files) == 0 {
		return 0, 0, fmt.Errorf("no test-*.tr files in %s", dir)
	}
	sort.Strings(files)
	for _, f := range files {
		src, err := os.ReadFile(f)
		if err != nil {
			return passed, failed, err
		}
		s := NewSession(Options{Stdout: io.Discard, Stderr: stderr})
		fmt.Fprintf(stderr, "%s\n", filepath.Base(f))
		if err := s.Eval(ctx, f, string(src)); err != nil {
			fmt.Fprintf(stderr, "%s: %v\n", filepath.Base(f), err)
			failed++
		}
		st := torch.Stats(s.Interp())
		passed += st.Passed
		failed += st.Failed
	}
	fmt.Fprintf(stdout, "%d passed, %d failed\n", passed, failed)
	return passed, failed, nil
}
