package lang

import (
	"context"
	"errors"
	"io"
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

// TestSharedConstantsIntact runs after the script corpus (files sort after
// script_test.go): no builtin may have modified a shared constant.
func TestSharedConstantsIntact(t *testing.T) {
	s := NewSession(Options{Stdout: io.Discard, Stderr: io.Discard})
	src := `x <- 5 - 5; names(x) <- "a"; attr(x, "u") <- 1; y <- TRUE & TRUE; class(y) <- "k"
z <- 1 + 1; z[2] <- 3; dim(z) <- c(1, 2); w <- 2 > 1; names(w) <- "q"; levels(w) <- "l"
v <- 3 * 1; v[[1]] <- 9; attributes(v) <- list(a = 1); u <- 0 + 0; mostattributes(u) <- list(b = 2)`
	_ = s.Eval(context.Background(), "c.R", src)
	if err := eval.CheckSharedConstants(); err != nil {
		t.Fatal(err)
	}
}
