// Package rcase reads the R script-test corpus (lang/testdata/*.R), runs its
// cases through GNU R's Rscript, and reads and writes the golden files that
// hold R's output.
//
// A case file is split into cases by lines of the form
//
//	#---- name
//
// Text before the first separator is a header. A header line
//
//	# oracle: torch
//
// says the goldens need those R packages (the generator and the oracle
// check skip the file when Rscript lacks them), and
//
//	# oracle: none
//
// that the goldens are written by hand (never regenerated or re-checked).
// Each case runs
// alone, in a fresh session. A case that must fail carries a trailing
//
//	### "regexp"
//
// comment on the line where the error is raised; the regexp (a Go string
// literal) is matched against the error message.
//
// The golden file <topic>.out has the same separators. Each section holds the
// case's merged stdout+stderr as R printed it (warnings, messages and the
// error text included, in order). Lines of a section that begin with '#'
// are special:
//
//	#| text      an output line that itself begins with '#'
//	#\           the previous output line has no trailing newline
//	#! text      one line of the R error text (error cases only; a copy
//	             of the error lines in the output, for reference)
package rcase

import (
	"bufio"
	"bytes"
	"context"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
)

// Case is one test case of a corpus file.
type Case struct {
	Topic string // file name without .R, e.g. "strings"
	Name  string // name after "#---- " (may contain spaces, not '/' or ':')
	Line  int    // 1-based line of the separator
	// Src is the case's code, preceded by blank lines so that line numbers
	// in Src are line numbers in the file.
	Src string
	// ErrLine is the line of the `### "regexp"` marker, 0 if none.
	ErrLine int
	// ErrPattern is the regexp source of the marker, "" if none.
	ErrPattern string
	// Requires lists the R packages the file's "# oracle:" header names.
	Requires []string
	// NoOracle is set by "# oracle: none": hand-written goldens.
	NoOracle bool
}

// ID returns "topic/name".
func (c *Case) ID() string { return c.Topic + "/" + c.Name }

// Result is what running a case produced.
type Result struct {
	Output string // merged stdout+stderr, including the error text
	Error  string // the error text ("Error in f() : msg\n"), "" if none
}

var (
	sepRE    = regexp.MustCompile(`^#---- (\S(?:.*\S)?)\s*$`)
	nameRE   = regexp.MustCompile(`^[^/:]+$`)
	markerRE = regexp.MustCompile(`###\s*("(?:[^"\\]|\\.)*")\s*$`)
)

// IsSeparator reports whether line starts a new case, and its name.
func IsSeparator(line string) (string, bool) {
	m := sepRE.FindStringSubmatch(line)
	if m == nil {
		return "", false
	}
	return m[1], true
}

// ParseFile reads the cases of an R corpus file.
func ParseFile(path string) ([]*Case, error) {
	data, err := os.ReadFile(path)
	if err != nil {
		return nil, err
	}
	return Parse(path, string(data))
}

// Parse splits src (the content of file path) into cases.
func Parse(path, src string) ([]*Case, error) {
	topic := strings.TrimSuffix(filepath.Base(path), ".R")
	lines := strings.SplitAfter(src, "\n")
	var cases []*Case
	var cur *Case
	var body strings.Builder
	seen := map[string]bool{}
	var requires []string
	noOracle := false
	flush := func() {
		if cur != nil {
			cur.Src = strings.Repeat("\n", cur.Line) + body.String()
			cases = append(cases, cur)
		}
		body.Reset()
	}
	for i, line := range lines {
		lineno := i + 1
		text := strings.TrimRight(line, "\r\n")
		if name, ok := IsSeparator(text); ok {
			flush()
			if !nameRE.MatchString(name) {
				return nil, fmt.Errorf("%s:%d: bad case name %q", path, lineno, name)
			}
			if seen[name] {
				return nil, fmt.Errorf("%s:%d: duplicate case name %q", path, lineno, name)
			}
			seen[name] = true
			cur = &Case{Topic: topic, Name: name, Line: lineno, Requires: requires, NoOracle: noOracle}
			continue
		}
		if strings.HasPrefix(text, "#----") {
			return nil, fmt.Errorf("%s:%d: malformed separator (want \"#---- name\")", path, lineno)
		}
		if cur == nil {
			if rest, ok := strings.CutPrefix(text, "# oracle:"); ok {
				for _, f := range strings.FieldsFunc(rest, func(r rune) bool { return r == ',' || r == ' ' }) {
					if f == "none" {
						noOracle = true
					} else {
						requires = append(requires, f)
					}
				}
			}
			continue
		}
		if m := markerRE.FindStringSubmatch(text); m != nil {
			pat, err := strconv.Unquote(m[1])
			if err != nil {
				return nil, fmt.Errorf("%s:%d: bad ### literal: %v", path, lineno, err)
			}
			if _, err := regexp.Compile(pat); err != nil {
				return nil, fmt.Errorf("%s:%d: bad ### regexp: %v", path, lineno, err)
			}
			if cur.ErrLine != 0 {
				return nil, fmt.Errorf("%s:%d: case %s has two ### markers", path, lineno, cur.Name)
			}
			cur.ErrLine, cur.ErrPattern = lineno, pat
		}
		body.WriteString(line)
	}
	flush()
	return cases, nil
}

// Golden maps case names to results, keeping file order in Names.
type Golden struct {
	Names   []string
	Results map[string]Result
}

// ReadGolden reads a .out golden file.
func ReadGolden(path string) (*Golden, error) {
	data, err := os.ReadFile(path)
	if err != nil {
		return nil, err
	}
	return ParseGolden(path, string(data))
}

// ParseGolden parses the content of a golden file.
func ParseGolden(path, src string) (*Golden, error) {
	g := &Golden{Results: map[string]Result{}}
	var name string
	var out, errb strings.Builder
	flush := func() {
		if name != "" {
			g.Names = append(g.Names, name)
			g.Results[name] = Result{Output: out.String(), Error: errb.String()}
		}
		out.Reset()
		errb.Reset()
	}
	if src != "" && !strings.HasSuffix(src, "\n") {
		return nil, fmt.Errorf("%s: missing final newline", path)
	}
	lines := strings.SplitAfter(src, "\n")
	if len(lines) > 0 && lines[len(lines)-1] == "" {
		lines = lines[:len(lines)-1]
	}
	for i, line := range lines {
		text := strings.TrimSuffix(line, "\n")
		bad := func(msg string) error { return fmt.Errorf("%s:%d: %s", path, i+1, msg) }
		if n, ok := IsSeparator(text); ok {
			flush()
			if _, dup := g.Results[n]; dup {
				return nil, bad("duplicate case " + n)
			}
			name = n
			continue
		}
		if name == "" {
			return nil, bad("text before first separator")
		}
		switch {
		case strings.HasPrefix(text, "#|"):
			if errb.Len() > 0 {
				return nil, bad("output after error")
			}
			out.WriteString(text[2:] + "\n")
		case text == `#\`:
			s := out.String()
			if !strings.HasSuffix(s, "\n") {
				return nil, bad(`misplaced #\`)
			}
			out.Reset()
			out.WriteString(s[:len(s)-1])
		case strings.HasPrefix(text, "#! ") || text == "#!":
			errb.WriteString(strings.TrimPrefix(strings.TrimPrefix(text, "#!"), " ") + "\n")
		case strings.HasPrefix(text, "#"):
			return nil, bad("unknown # line in golden: " + text)
		default:
			if errb.Len() > 0 {
				return nil, bad("output after error")
			}
			out.WriteString(line)
		}
	}
	flush()
	return g, nil
}

// FormatGolden renders results for cases (in order) as golden-file text.
func FormatGolden(cases []*Case, results map[string]Result) string {
	var b strings.Builder
	for _, c := range cases {
		r := results[c.Name]
		fmt.Fprintf(&b, "#---- %s\n", c.Name)
		b.WriteString(FormatSection(r))
	}
	return b.String()
}

// FormatSection renders one result as the body of a golden section.
func FormatSection(r Result) string {
	var b strings.Builder
	if r.Output != "" {
		lines := strings.SplitAfter(r.Output, "\n")
		if lines[len(lines)-1] == "" {
			lines = lines[:len(lines)-1]
		}
		for _, l := range lines {
			if strings.HasPrefix(l, "#") {
				b.WriteString("#|")
			}
			b.WriteString(l)
			if !strings.HasSuffix(l, "\n") {
				b.WriteString("\n#\\\n")
			}
		}
	}
	if r.Error != "" {
		for _, l := range strings.Split(strings.TrimSuffix(r.Error, "\n"), "\n") {
			if l == "" {
				b.WriteString("#!\n")
			} else {
				b.WriteString("#! " + l + "\n")
			}
		}
	}
	return b.String()
}

// errMark brackets the error text that the prelude's error handler
// re-prints (geterrmessage()), so the runner can find the error in R's
// output.
const errMark = "\x01TORCHR-ERROR\x01"

// Prelude is prepended (on line 1) to every case run through Rscript:
// stderr is merged into stdout in order (sink of the message stream), the
// source of functions is kept (as at an interactive prompt, so printing a
// function shows its source), and an error handler brackets the error text
// with errMark and then removes itself, so that R goes on as Rscript does
// without it: on.exit handlers run, then "Execution halted".
const Prelude = `sink(stdout(), type = "message"); options(keep.source = TRUE, error = function() { cat("` + `\001TORCHR-ERROR\001` + `", geterrmessage(), "` + `\001TORCHR-ERROR\001` + `", sep = ""); options(error = NULL) })`

// Env returns the environment Rscript runs in: a fixed UTF-8 locale,
// English messages, UTC.
func Env() []string {
	env := []string{}
	for _, kv := range os.Environ() {
		k, _, _ := strings.Cut(kv, "=")
		switch {
		case strings.HasPrefix(k, "LC_"), k == "LANG", k == "LANGUAGE", k == "TZ", strings.HasPrefix(k, "R_"):
			continue
		}
		env = append(env, kv)
	}
	return append(env, "LANG=C.UTF-8", "LC_ALL=C.UTF-8", "LANGUAGE=en", "TZ=UTC")
}

// RscriptArgs are the arguments before the script path. The methods
// package is not attached: it only slows start-up.
var RscriptArgs = []string{"--no-init-file", "--no-site-file", "--no-environ", "--default-packages=datasets,utils,grDevices,graphics,stats"}

// RunR runs c through rscript (a path to Rscript) and returns its result.
// dir is a scratch directory for the script file.
func RunR(ctx context.Context, rscript, dir string, c *Case) (Result, error) {
	// Line 1 of Src is always blank (the separator's line): put the
	// prelude there so that line numbers still match the file.
	src := Prelude + c.Src[1:]
	f, err := os.CreateTemp(dir, c.Topic+"-*.R")
	if err != nil {
		return Result{}, err
	}
	defer os.Remove(f.Name())
	if _, err := f.WriteString(src); err != nil {
		f.Close()
		return Result{}, err
	}
	f.Close()
	args := append(append([]string{}, RscriptArgs...), f.Name())
	cmd := exec.CommandContext(ctx, rscript, args...)
	cmd.Env = Env()
	cmd.Dir = dir
	cmd.Stdin = strings.NewReader("")
	var out, stderr bytes.Buffer
	cmd.Stdout = &out
	cmd.Stderr = &stderr
	runErr := cmd.Run()
	if ctx.Err() != nil {
		return Result{}, ctx.Err()
	}
	res, perr := splitError(out.String())
	if perr != nil {
		return Result{}, fmt.Errorf("%s: %v\nstdout:\n%s\nstderr:\n%s", c.ID(), perr, out.String(), stderr.String())
	}
	if stderr.Len() > 0 {
		// Everything R writes goes through the sink; only the
		// front end's own diagnostics would land here.
		res.Output += stderr.String()
	}
	if runErr != nil && res.Error == "" {
		// quit(status=n) is a legitimate ending; anything else is not.
		if _, ok := runErr.(*exec.ExitError); !ok {
			return Result{}, fmt.Errorf("%s: %v", c.ID(), runErr)
		}
	}
	return res, nil
}

func splitError(s string) (Result, error) {
	i := strings.Index(s, errMark)
	if i < 0 {
		return Result{Output: s}, nil
	}
	k := strings.Index(s[i+len(errMark):], errMark)
	if k < 0 {
		return Result{}, fmt.Errorf("unterminated error marker")
	}
	before, msg := s[:i], s[i+len(errMark):i+len(errMark)+k]
	after := s[i+len(errMark)+k+len(errMark):]
	j := strings.LastIndex(before, msg)
	if j < 0 || msg == "" {
		return Result{}, fmt.Errorf("cannot find error text %q in output", msg)
	}
	after = strings.TrimSuffix(after, "Execution halted\n")
	// The "Calls: f -> g" traceback line Rscript adds to the error text
	// is not part of the contract.
	short := msg
	if k := strings.LastIndex(short, "\nCalls: "); k >= 0 {
		short = short[:k+1]
	}
	out := before[:j] + short + before[j+len(msg):] + after
	return Result{Output: out, Error: short}, nil
}

// Check validates a result from GNU R against the case's markers: a case
// with ### must raise an error matching it, one without must not.
func Check(c *Case, r Result) error {
	if c.ErrPattern == "" {
		if r.Error != "" {
			return fmt.Errorf("%s: R raised an error but the case has no ### marker: %s", c.ID(), r.Error)
		}
		return nil
	}
	if r.Error == "" {
		return fmt.Errorf("%s:%d: R raised no error but the case expects %q", c.ID(), c.ErrLine, c.ErrPattern)
	}
	if !regexp.MustCompile(c.ErrPattern).MatchString(r.Error) {
		return fmt.Errorf("%s:%d: R's error %q does not match %q", c.ID(), c.ErrLine, r.Error, c.ErrPattern)
	}
	return nil
}

// HavePackages reports whether Rscript can load every package in pkgs.
func HavePackages(ctx context.Context, rscript string, pkgs []string) bool {
	for _, p := range pkgs {
		cmd := exec.CommandContext(ctx, rscript, "-e", fmt.Sprintf("quit(status = !requireNamespace(%q, quietly = TRUE))", p))
		cmd.Env = Env()
		if cmd.Run() != nil {
			return false
		}
	}
	return true
}

// KnownFailure is one entry of known_failures.txt.
type KnownFailure struct {
	Pattern string // "topic/name", path.Match glob
	Reason  string
	Line    int
}

// ReadKnownFailures reads known_failures.txt: one "topic/case name: reason"
// per line, '#' comments; topic and case may be path.Match globs.
func ReadKnownFailures(path string) ([]KnownFailure, error) {
	f, err := os.Open(path)
	if os.IsNotExist(err) {
		return nil, nil
	}
	if err != nil {
		return nil, err
	}
	defer f.Close()
	var kf []KnownFailure
	sc := bufio.NewScanner(f)
	n := 0
	for sc.Scan() {
		n++
		line := strings.TrimSpace(sc.Text())
		if line == "" || strings.HasPrefix(line, "#") {
			continue
		}
		pat, reason, _ := strings.Cut(line, ": ")
		reason = strings.TrimSpace(reason)
		if !strings.Contains(pat, "/") {
			return nil, fmt.Errorf("%s:%d: want topic/case", path, n)
		}
		if reason == "" {
			return nil, fmt.Errorf("%s:%d: missing reason", path, n)
		}
		kf = append(kf, KnownFailure{Pattern: pat, Reason: reason, Line: n})
	}
	return kf, sc.Err()
}
