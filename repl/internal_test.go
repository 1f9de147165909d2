package repl

import (
	"context"
	"os"
	"strings"
	"testing"

	"torchr/lang"
)

type panicWriter struct{ strings.Builder }

func (w *panicWriter) Write(p []byte) (int, error) {
	if strings.Contains(string(p), "BOOM") {
		panic("writer exploded")
	}
	return w.Builder.Write(p)
}

func (w *panicWriter) WriteString(s string) (int, error) { return w.Write([]byte(s)) }

// A Go panic during evaluation becomes an error; the session goes on.
func TestPanicDoesNotKillTheConsole(t *testing.T) {
	out := &panicWriter{}
	var errs strings.Builder
	s := lang.NewSession(lang.Options{Stdout: out, Stderr: &errs, ReportErrors: true})
	sigs := make(chan os.Signal, 1)
	for _, src := range []string{"keep <- 41\n", "cat('BOOM')\n", "print('BOOM')\n", "keep + 1\n"} {
		if _, quit := evalLine(s, src, sigs, &errs); quit {
			t.Fatalf("%q quit", src)
		}
	}
	if !strings.Contains(errs.String(), "Error") || strings.Count(errs.String(), "writer exploded") != 2 {
		t.Errorf("no error reported: %q", errs.String())
	}
	if out.String() != "[1] 42\n" {
		t.Errorf("stdout %q", out.String())
	}
	if err := safeEval(context.Background(), s, "keep"); err != nil {
		t.Error(err)
	}
}

func TestCompleterAdapter(t *testing.T) {
	s := lang.NewSession(lang.Options{Stdout: new(strings.Builder), Stderr: new(strings.Builder)})
	c := &completer{s: s}
	got, n := c.Do([]rune("x <- suppressWarn"), 17)
	if n != 12 || len(got) != 1 || string(got[0]) != "ings" {
		t.Errorf("got %q, %d", got, n)
	}
	// arguments of a call begun on an earlier line
	c.pending = "f <- function(alpha_one, beta) 1\nf(\n"
	if err := s.Eval(context.Background(), "<test>", "f <- function(alpha_one, beta) 1"); err != nil {
		t.Fatal(err)
	}
	got, n = c.Do([]rune("  alpha_"), 8)
	if n != 6 || len(got) != 1 || string(got[0]) != "one = " {
		t.Errorf("got %q, %d", got, n)
	}
}
