package lang_test

// The R script-test harness: every case of lang/testdata/*.R runs in a fresh
// Session and its merged stdout+stderr (and error) is compared with the
// golden file that GNU R produced. See lang/testdata/README.md.

import (
	"bytes"
	"context"
	"errors"
	"flag"
	"fmt"
	"os"
	"path"
	"path/filepath"
	"regexp"
	"runtime"
	"strings"
	"sync"
	"testing"
	"time"

	"torchr/lang"
	"torchr/lang/eval"
	"torchr/lang/internal/rcase"
)

const corpusDir = "testdata"

var updateKnown = flag.Bool("update-known", false,
	"rewrite testdata/known_failures.txt: list every failing case (keeping the reasons of cases already listed)")

type corpusFile struct {
	topic  string
	path   string
	cases  []*rcase.Case
	golden *rcase.Golden
}

func loadCorpus(t *testing.T) []corpusFile {
	t.Helper()
	paths, err := filepath.Glob(filepath.Join(corpusDir, "*.R"))
	if err != nil || len(paths) == 0 {
		t.Fatalf("no corpus files in %s (%v)", corpusDir, err)
	}
	var files []corpusFile
	for _, p := range paths {
		cases, err := rcase.ParseFile(p)
		if err != nil {
			t.Error(err)
			continue
		}
		g, err := rcase.ReadGolden(strings.TrimSuffix(p, ".R") + ".out")
		if err != nil {
			t.Errorf("%v (run lang/testdata/gen.sh %s)", err, p)
			continue
		}
		files = append(files, corpusFile{topic: topicOf(p), path: p, cases: cases, golden: g})
	}
	return files
}

func topicOf(p string) string { return strings.TrimSuffix(filepath.Base(p), ".R") }

// TestScript runs every corpus case through a Session and compares with
// the goldens.
func TestScript(t *testing.T) {
	files := loadCorpus(t)
	known, err := rcase.ReadKnownFailures(filepath.Join(corpusDir, "known_failures.txt"))
	if err != nil {
		t.Fatal(err)
	}
	var mu sync.Mutex
	used := make([]bool, len(known))
	total, skipped := 0, 0
	failing := map[string]string{} // case ID -> reason, for -update-known
	t.Run("corpus", func(t *testing.T) {
		for _, f := range files {
			t.Run(f.topic, func(t *testing.T) {
				for _, c := range f.cases {
					want, ok := f.golden.Results[c.Name]
					kf := -1
					for i, k := range known {
						if m, _ := path.Match(k.Pattern, c.ID()); m {
							kf = i
							break
						}
					}
					t.Run(c.Name, func(t *testing.T) {
						t.Parallel()
						mu.Lock()
						total++
						if kf >= 0 {
							used[kf] = true
						}
						mu.Unlock()
						if !ok {
							t.Fatalf("%s: no golden output (run lang/testdata/gen.sh %s)", c.ID(), f.path)
						}
						problem := runCase(f.path, c, want)
						if problem != "" {
							mu.Lock()
							if kf >= 0 {
								failing[c.ID()] = known[kf].Reason
							} else {
								failing[c.ID()] = summarize(problem)
							}
							mu.Unlock()
						}
						if *updateKnown {
							return
						}
						switch {
						case kf >= 0 && problem == "":
							t.Errorf("%s unexpectedly passes: remove %q (line %d) from testdata/known_failures.txt",
								c.ID(), known[kf].Pattern, known[kf].Line)
						case kf >= 0:
							mu.Lock()
							skipped++
							mu.Unlock()
							t.Skipf("known failure (%s)\n%s", known[kf].Reason, problem)
						case problem != "":
							t.Errorf("%s:%d: %s", f.path, c.Line, problem)
						}
					})
				}
			})
		}
	})
	if *updateKnown {
		writeKnown(t, files, failing)
		return
	}
	if flag.Lookup("test.run").Value.String() == "" {
		for i, k := range known {
			if !used[i] {
				t.Errorf("known_failures.txt:%d: %q matches no case", k.Line, k.Pattern)
			}
		}
	}
	t.Logf("%d cases, %d known failures", total, skipped)
}

var (
	reNoFunc = regexp.MustCompile(`could not find function "([^"]+)"`)
	reNoObj  = regexp.MustCompile(`object '([^']+)' not found`)
)

// summarize turns a problem report into a one-line reason.
func summarize(p string) string {
	if m := reNoFunc.FindStringSubmatch(p); m != nil {
		return "needs " + m[1] + "()"
	}
	if m := reNoObj.FindStringSubmatch(p); m != nil {
		return "needs " + m[1]
	}
	line, _, _ := strings.Cut(p, "\n")
	if strings.HasPrefix(line, "output differs") {
		// first differing lines
		var want, got string
		for _, l := range strings.Split(p, "\n") {
			if strings.HasPrefix(l, "- ") && want == "" {
				want = l[2:]
			}
			if strings.HasPrefix(l, "+ ") && got == "" {
				got = l[2:]
			}
		}
		line = fmt.Sprintf("output differs: want %q, got %q", want, got)
	}
	if strings.HasPrefix(line, "panic") {
		line = "panics: " + line
	}
	if len(line) > 160 {
		line = line[:160] + "..."
	}
	return line
}

// writeKnown rewrites known_failures.txt with the failing cases in corpus
// order, keeping the header comments.
func writeKnown(t *testing.T, files []corpusFile, failing map[string]string) {
	name := filepath.Join(corpusDir, "known_failures.txt")
	old, _ := os.ReadFile(name)
	var b strings.Builder
	for _, l := range strings.SplitAfter(string(old), "\n") {
		if strings.HasPrefix(l, "#") {
			b.WriteString(l)
		} else {
			break
		}
	}
	n := 0
	for _, f := range files {
		for _, c := range f.cases {
			if r, ok := failing[c.ID()]; ok {
				fmt.Fprintf(&b, "%s: %s\n", c.ID(), r)
				n++
			}
		}
	}
	if err := os.WriteFile(name, []byte(b.String()), 0o644); err != nil {
		t.Fatal(err)
	}
	t.Logf("wrote %s: %d known failures", name, n)
}

// runCase runs c and returns a description of how it differs from want,
// or "".
func runCase(file string, c *rcase.Case, want rcase.Result) (problem string) {
	var out bytes.Buffer
	s := lang.NewSession(lang.Options{
		Stdout:   &out,
		Stderr:   &out,
		Stdin:    strings.NewReader(""),
		MaxSteps: 50_000_000,
	})
	ctx, cancel := context.WithTimeout(context.Background(), 10*time.Second)
	defer cancel()
	var err error
	func() {
		defer func() {
			if r := recover(); r != nil {
				buf := make([]byte, 8<<10)
				buf = buf[:runtime.Stack(buf, false)]
				problem = fmt.Sprintf("panic: %v\n%s", r, buf)
			}
		}()
		err = s.Eval(ctx, file, c.Src)
	}()
	if problem != "" {
		return problem
	}
	if _, quit := eval.QuitStatus(err); quit {
		err = nil
	}
	var probs []string
	got := out.String()
	if got != want.Output {
		probs = append(probs, "output differs:\n"+diff(want.Output, got))
	}
	wantErr := strings.TrimSuffix(want.Error, "\n")
	switch {
	case err == nil && c.ErrPattern != "":
		probs = append(probs, fmt.Sprintf("no error; want an error matching %q at line %d", c.ErrPattern, c.ErrLine))
	case err != nil && c.ErrPattern == "":
		probs = append(probs, fmt.Sprintf("unexpected error: %v", err))
	case err != nil:
		msg := err.Error()
		if !regexp.MustCompile(c.ErrPattern).MatchString(msg) {
			probs = append(probs, fmt.Sprintf("error %q does not match %q", msg, c.ErrPattern))
		} else if strings.TrimSuffix(msg, "\n") != wantErr {
			probs = append(probs, fmt.Sprintf("error text differs:\nwant: %q\ngot:  %q", wantErr, msg))
		}
		var ee *eval.Error
		if errors.As(err, &ee) && ee.Pos.Line > 0 && (ee.File == "" || ee.File == file) {
			// The error is raised on the marker line, or inside a
			// function defined above it and called from there.
			if l := int(ee.Pos.Line); l > c.ErrLine || l <= c.Line {
				probs = append(probs, fmt.Sprintf("error raised at line %d, want line %d: %v", l, c.ErrLine, err))
			}
		}
	}
	return strings.Join(probs, "\n")
}

// diff renders a small line diff of want and got.
func diff(want, got string) string {
	a := strings.SplitAfter(want, "\n")
	b := strings.SplitAfter(got, "\n")
	// Longest common subsequence on lines; the outputs are small.
	n, m := len(a), len(b)
	lcs := make([][]int, n+1)
	for i := range lcs {
		lcs[i] = make([]int, m+1)
	}
	for i := n - 1; i >= 0; i-- {
		for j := m - 1; j >= 0; j-- {
			if a[i] == b[j] {
				lcs[i][j] = lcs[i+1][j+1] + 1
			} else {
				lcs[i][j] = max(lcs[i+1][j], lcs[i][j+1])
			}
		}
	}
	var sb strings.Builder
	line := func(prefix, s string) {
		if s == "" {
			return
		}
		sb.WriteString(prefix)
		sb.WriteString(strings.TrimSuffix(s, "\n"))
		if !strings.HasSuffix(s, "\n") {
			sb.WriteString(` \ no newline`)
		}
		sb.WriteString("\n")
	}
	i, j := 0, 0
	for i < n || j < m {
		switch {
		case i < n && j < m && a[i] == b[j]:
			line("  ", a[i])
			i++
			j++
		case j < m && (i == n || lcs[i][j+1] >= lcs[i+1][j]):
			line("+ ", b[j])
			j++
		default:
			line("- ", a[i])
			i++
		}
	}
	return "(- want from R, + got)\n" + sb.String()
}
