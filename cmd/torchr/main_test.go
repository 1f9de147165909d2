package main

import (
	"bytes"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
)

var bin string

func TestMain(m *testing.M) {
	dir, err := os.MkdirTemp("", "torchr-test")
	if err != nil {
		panic(err)
	}
	bin = filepath.Join(dir, "torchr")
	if out, err := exec.Command("go", "build", "-o", bin, ".").CombinedOutput(); err != nil {
		panic(string(out))
	}
	code := m.Run()
	os.RemoveAll(dir)
	os.Exit(code)
}

func torchr(t *testing.T, stdin string, args ...string) (stdout, stderr string, code int) {
	t.Helper()
	cmd := exec.Command(bin, args...)
	var o, e bytes.Buffer
	cmd.Stdout, cmd.Stderr = &o, &e
	cmd.Stdin = strings.NewReader(stdin)
	err := cmd.Run()
	if ee, ok := err.(*exec.ExitError); ok {
		code = ee.ExitCode()
	} else if err != nil {
		t.Fatal(err)
	}
	return o.String(), e.String(), code
}

func TestExpr(t *testing.T) {
	out, errs, code := torchr(t, "", "-e", "x <- 1 + 1", "-e", "x")
	if out != "[1] 2\n" || errs != "" || code != 0 {
		t.Errorf("got %q %q %d", out, errs, code)
	}
}

func TestErrorExit(t *testing.T) {
	out, errs, code := torchr(t, "", "-e", "cat('a\\n'); f <- function(x) stop('bad ', x); f(1)")
	if out != "a\n" || errs != "Error in f(1) : bad 1\nExecution halted\n" || code != 1 {
		t.Errorf("got %q %q %d", out, errs, code)
	}
}

func TestWarningsThenError(t *testing.T) {
	_, errs, code := torchr(t, "", "-e", "f <- function() warning('w'); f(); stop('e')")
	want := "Warning message:\nIn f() : w\nError: e\nExecution halted\n"
	if errs != want || code != 1 {
		t.Errorf("got %q %d", errs, code)
	}
}

func TestScriptArgsAndShebang(t *testing.T) {
	dir := t.TempDir()
	p := filepath.Join(dir, "s.tr")
	src := "#!/usr/bin/env torchr\nargs <- commandArgs(trailingOnly = TRUE)\nprint(args)\ninvisible(3)\n"
	if err := os.WriteFile(p, []byte(src), 0o755); err != nil {
		t.Fatal(err)
	}
	out, errs, code := torchr(t, "", p, "one", "two")
	if out != "[1] \"one\" \"two\"\n" || errs != "" || code != 0 {
		t.Errorf("got %q %q %d", out, errs, code)
	}
}

func TestSyntaxError(t *testing.T) {
	dir := t.TempDir()
	p := filepath.Join(dir, "s.tr")
	os.WriteFile(p, []byte("print(1)\nx y\n"), 0o644)
	out, errs, code := torchr(t, "", p)
	if out != "[1] 1\n" || errs != "Error: unexpected symbol in \"x y\"\nExecution halted\n" || code != 1 {
		t.Errorf("got %q %q %d", out, errs, code)
	}
}

func TestQuitStatus(t *testing.T) {
	out, _, code := torchr(t, "", "-e", "cat('x\\n'); quit(status = 3); cat('not reached')")
	if out != "x\n" || code != 3 {
		t.Errorf("got %q %d", out, code)
	}
	_, _, code = torchr(t, "", "-e", "q()")
	if code != 0 {
		t.Errorf("q() exit %d", code)
	}
}

func TestStdin(t *testing.T) {
	out, _, code := torchr(t, "y <- 5\ny * 2\n")
	if out != "[1] 10\n" || code != 0 {
		t.Errorf("got %q %d", out, code)
	}
}

func TestVersion(t *testing.T) {
	out, _, code := torchr(t, "", "--version")
	if !strings.HasPrefix(out, "torchr version ") || code != 0 {
		t.Errorf("got %q %d", out, code)
	}
}

func TestMissingFile(t *testing.T) {
	_, errs, code := torchr(t, "", "/nonexistent/x.tr")
	if code == 0 || !strings.Contains(errs, "cannot open file") {
		t.Errorf("got %q %d", errs, code)
	}
}

func TestErrorBeforeOnExitAndInAddition(t *testing.T) {
	cmd := exec.Command(bin, "-e", "f <- function() { on.exit(cat('cleanup\\n')); warning('w'); stop('e') }; f()")
	out, _ := cmd.CombinedOutput()
	want := "Error in f() : e\nIn addition: Warning message:\nIn f() : w\ncleanup\nExecution halted\n"
	if string(out) != want {
		t.Errorf("got %q, want %q", out, want)
	}
}
