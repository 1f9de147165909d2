package base_test

import (
	"bytes"
	"context"
	"errors"
	"strings"
	"testing"
	"time"

	"torchr/lang"
	"torchr/lang/eval"
)

func run(t *testing.T, s *lang.Session, src string) string {
	t.Helper()
	return runCtx(t, context.Background(), s, src)
}

func runCtx(t *testing.T, ctx context.Context, s *lang.Session, src string) string {
	t.Helper()
	var out bytes.Buffer
	in := s.Interp()
	in.Stdout, in.Stderr = &out, &out
	if err := s.Eval(ctx, "test.R", src); err != nil {
		t.Fatalf("%s: %v\n%s", src, err, out.String())
	}
	return out.String()
}

// Sessions keep their own RNG state, environment variables and options.
func TestSessionsIsolated(t *testing.T) {
	a := lang.NewSession(lang.Options{})
	b := lang.NewSession(lang.Options{})
	run(t, a, `set.seed(1); Sys.setenv(TORCHR_ISO = "a"); options(digits = 3)`)
	run(t, b, `set.seed(1); x <- runif(5)`)
	got := run(t, a, `runif(1); Sys.getenv("TORCHR_ISO"); getOption("digits")`)
	want := "[1] 0.266\n[1] \"a\"\n[1] 3\n"
	if got != want {
		t.Errorf("session a: got %q, want %q", got, want)
	}
	got = run(t, b, `Sys.getenv("TORCHR_ISO"); getOption("digits"); runif(1)`)
	want = "[1] \"\"\n[1] 7\n[1] 0.8983897\n"
	if got != want {
		t.Errorf("session b: got %q, want %q", got, want)
	}
}

// Sys.sleep stops when the context is cancelled, and the session stays
// usable.
func TestSleepCancellable(t *testing.T) {
	s := lang.NewSession(lang.Options{})
	ctx, cancel := context.WithTimeout(context.Background(), 50*time.Millisecond)
	defer cancel()
	start := time.Now()
	var out bytes.Buffer
	s.Interp().Stdout, s.Interp().Stderr = &out, &out
	err := s.Eval(ctx, "sleep.R", "Sys.sleep(30)")
	if err == nil {
		t.Fatal("Sys.sleep(30) returned no error after cancellation")
	}
	var e *eval.Error
	if !errors.As(err, &e) || !e.Interrupt {
		t.Errorf("want an interrupt error, got %v", err)
	}
	if d := time.Since(start); d > 5*time.Second {
		t.Errorf("Sys.sleep took %v after cancellation", d)
	}
	if got := run(t, s, "1 + 1"); !strings.Contains(got, "[1] 2") {
		t.Errorf("session unusable after interrupt: %q", got)
	}
}

// readline reads the session's stdin when interactive() is TRUE and
// answers "" otherwise.
func TestReadlineNonInteractive(t *testing.T) {
	s := lang.NewSession(lang.Options{Stdin: strings.NewReader("typed\n")})
	got := run(t, s, `x <- readline("? "); nchar(x)`)
	if got != "? \n[1] 0\n" {
		t.Errorf("got %q", got)
	}
	got = run(t, s, `readLines(stdin())`)
	if got != "[1] \"typed\"\n" {
		t.Errorf("readLines(stdin()) got %q", got)
	}
}

// Odd arguments must give R errors or values, never a Go panic (reported
// as "internal error") or a crash.
func TestOddArguments(t *testing.T) {
	fns := []string{"nchar", "nzchar", "substr", "substring", "strsplit", "paste", "paste0",
		"toupper", "casefold", "trimws", "startsWith", "toString", "chartr", "strtoi", "strrep",
		"utf8ToInt", "intToUtf8", "sQuote", "shQuote", "noquote", "encodeString", "grepl", "grep",
		"sub", "gsub", "regexpr", "gregexpr", "regmatches", "sprintf", "format", "formatC",
		"prettyNum", "lapply", "sapply", "vapply", "mapply", "Map", "Reduce", "Filter", "Position",
		"Find", "match.fun", "Vectorize", "Negate", "identical", "all.equal", "is.vector",
		"is.na", "anyNA", "is.nan", "is.finite", "as.character", "as.numeric", "as.integer",
		"as.logical", "as.vector", "as.list", "mode", "storage.mode", "oldClass", "unclass",
		"inherits", "attr", "attributes", "structure", "vector", "runif", "rnorm", "rexp",
		"rbinom", "rpois", "sample", "sample.int", "cat", "writeLines", "file.exists",
		"basename", "dirname", "file.path", "Sys.getenv", "getOption", "factor", "levels",
		"nlevels", "table", "split", "tapply", "summary", "quantile", "zapsmall", "as.Date",
		"as.POSIXct", "weekdays", "difftime", "data.frame", "str"}
	args := []string{"", "NULL", "list()", "character(0)", "NA", "-1", "1e10", "sum",
		"globalenv()", "list(1, 'a')", "c(a = 1)", "TRUE", "'x'", "NA, NA", "'a', NULL",
		"1:3, list()", "-1, -1", "'a', sum", "list(1), 1:2", "quote(x)", "factor('a')"}
	s := lang.NewSession(lang.Options{})
	var out bytes.Buffer
	s.Interp().Stdout, s.Interp().Stderr = &out, &out
	for _, f := range fns {
		for _, a := range args {
			src := "r <- try(" + f + "(" + a + "), silent = TRUE); if (inherits(r, 'try-error')) cat(r)"
			out.Reset()
			ctx, cancel := context.WithTimeout(context.Background(), 5*time.Second)
			err := s.Eval(ctx, "odd.R", src)
			cancel()
			if err != nil {
				if _, quit := eval.QuitStatus(err); !quit {
					t.Errorf("%s: %v", src, err)
				}
			}
			if strings.Contains(out.String(), "internal error") {
				t.Errorf("%s: %s", src, out.String())
			}
		}
	}
	// geterrmessage() after a try() must not report a Go panic either.
	out.Reset()
	if err := s.Eval(context.Background(), "odd.R", `invisible(try(sample(1e10, 1e10), silent = TRUE)); cat(geterrmessage())`); err != nil {
		t.Fatal(err)
	}
	if strings.Contains(out.String(), "internal error") {
		t.Errorf("sample(1e10, 1e10): %s", out.String())
	}
}
