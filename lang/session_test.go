package lang

import (
	"context"
	"errors"
	"strings"
	"testing"

	"torchr/lang/eval"
)

func TestSessionEval(t *testing.T) {
	var out, errs strings.Builder
	s := NewSession(Options{Stdout: &out, Stderr: &errs, Args: []string{"a"}})
	ctx := context.Background()
	if err := s.Eval(ctx, "x.R", "x <- 2\nx * 3\ncommandArgs(TRUE)\n"); err != nil {
		t.Fatal(err)
	}
	if out.String() != "[1] 6\n[1] \"a\"\n" {
		t.Errorf("stdout %q", out.String())
	}
	err := s.Eval(ctx, "y.R", "1\n\nf <- function() stop('boom')\nf()\n")
	var e *eval.Error
	if !errors.As(err, &e) || err.Error() != "Error in f() : boom" || e.Pos.Line != 3 || e.Msg != "boom" {
		t.Errorf("err %v %+v", err, e)
	}
	// variables survive errors
	out.Reset()
	if err := s.Eval(ctx, "z.R", "x"); err != nil || out.String() != "[1] 2\n" {
		t.Errorf("%q %v", out.String(), err)
	}
	err = s.Eval(ctx, "s.R", "x y")
	var se *SyntaxError
	if !errors.As(err, &se) || err.Error() != "Error: unexpected symbol in \"x y\"" {
		t.Errorf("syntax error: %v", err)
	}
}

func TestIsComplete(t *testing.T) {
	s := NewSession(Options{})
	for src, want := range map[string]bool{"1 + 1": true, "f <- function(x) {": false, "(1 +": false, "x <- 'abc": false, "": true} {
		got, err := s.IsComplete(src)
		if err != nil || got != want {
			t.Errorf("IsComplete(%q) = %v, %v", src, got, err)
		}
	}
	if _, err := s.IsComplete("x y"); err == nil {
		t.Error("IsComplete(\"x y\") gave no error")
	}
}
