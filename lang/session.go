// Package lang is the one face front ends (the torchr command, the REPL,
// the notebook kernel) use: a Session evaluates R source text.
package lang

import (
	"context"
	"errors"
	"io"
	"os"
	"strings"

	"torchr/lang/eval"
	"torchr/lang/syntax"
)

// Options configures a Session.
type Options struct {
	Stdout, Stderr io.Writer
	Stdin          io.Reader
	// Args are returned by commandArgs(trailingOnly = TRUE).
	Args []string
	// MaxSteps, when > 0, bounds the evaluation steps of each top-level
	// expression (for fuzzing).
	MaxSteps int64
	// ReportErrors makes the session write R errors to Stderr itself, at
	// the moment R does (before on.exit handlers run), followed by R's
	// "In addition: Warning message(s):" for pending warnings. Eval still
	// returns the error (with eval.Error.Reported set). Without it, errors
	// are only returned and pending warnings are dropped (kept for
	// warnings()).
	ReportErrors bool
	// ShowCalls adds Rscript's "Calls: f -> g" traceback line after
	// reported errors (only with ReportErrors).
	ShowCalls bool
}

// Session is one R session. It is not safe for concurrent use, except that
// the context passed to Eval may be cancelled from any goroutine.
type Session struct {
	in *eval.Interp
}

// NewSession returns a fresh session; sessions share no mutable state.
func NewSession(opts Options) *Session {
	if opts.Stdout == nil {
		opts.Stdout = os.Stdout
	}
	if opts.Stderr == nil {
		opts.Stderr = os.Stderr
	}
	in := eval.NewInterp(opts.Stdout, opts.Stderr)
	in.Stdin = opts.Stdin
	if in.Stdin == nil {
		in.Stdin = os.Stdin
	}
	in.Args = opts.Args
	in.MaxSteps = opts.MaxSteps
	if opts.ReportErrors {
		stderr := opts.Stderr
		in.OnError = func(e *eval.Error) {
			io.WriteString(stderr, e.Error()+"\n")
			if opts.ShowCalls && e.Traceback != "" && e.Call != nil {
				io.WriteString(stderr, "Calls: "+e.Traceback+"\n")
			}
			if ws := in.TakeWarnings(); len(ws) > 0 {
				io.WriteString(stderr, "In addition: "+eval.FormatWarnings(ws))
			}
		}
	}
	return &Session{in: in}
}

// Interp returns the underlying evaluator (for registering per-session
// values and for the torch layer).
func (s *Session) Interp() *eval.Interp { return s.in }

// Define binds name to v in this session's base environment (per-session
// builtins and values, e.g. from the torch layer).
func (s *Session) Define(name string, v eval.Value) { s.in.DefineBase(name, v) }

// Env returns the global environment.
func (s *Session) Env() *eval.Env { return s.in.Global }

// SyntaxError is returned by Eval and IsComplete for unparsable input.
// Error() is R's text: "Error: unexpected symbol in "x y"".
type SyntaxError struct {
	Err *syntax.Error
}

func (e *SyntaxError) Error() string { return "Error: " + e.Err.ScriptMessage() }
func (e *SyntaxError) Unwrap() error { return e.Err }

// Eval parses src and evaluates its top-level expressions in order,
// printing visible values to Stdout and deferred warnings to Stderr as R
// does. On an R error it stops and returns an error (not printed) whose
// Error() is R's text ("Error in f(x) : msg" or "Error: msg"); errors.As
// gives *eval.Error with the message, the call and the source position.
// Syntax errors are returned as *SyntaxError (R's wording) after the
// expressions before the error have been evaluated, as Rscript does
// (it reads a script expression by expression). A quit() request is returned as an error for which
// eval.QuitStatus reports the status.
func (s *Session) Eval(ctx context.Context, filename, src string) error {
	f, perr := syntax.ParseFile(filename, src)
	if perr != nil {
		var se *syntax.Error
		if errors.As(perr, &se) {
			perr = &SyntaxError{Err: se}
		}
		if f == nil {
			return perr
		}
	}
	in := s.in
	in.Filename = filename
	for _, top := range f.Exprs {
		v, err := in.EvalTop(ctx, top.X)
		if err == nil && in.Visible() {
			err = in.PrintTopCtx(ctx, v)
		}
		if err != nil {
			var e *eval.Error
			if errors.As(err, &e) && !e.Pos.IsValid() {
				e.Pos = syntax.Pos{Line: int32(top.Line)}
			}
			if errors.As(err, &e) {
				in.Local["errmsg"] = e.Error() + "\n"
			}
			in.TakeWarnings()
			return err
		}
		in.FlushWarnings()
	}
	return perr
}

// IsComplete reports whether src is a complete set of expressions (false
// when more input could complete it: the REPL's "+" prompt). err is set for
// input that is invalid regardless of what follows.
func (s *Session) IsComplete(src string) (bool, error) {
	_, err := syntax.ParseFile("<text>", src)
	if err == nil {
		return true, nil
	}
	if errors.Is(err, syntax.ErrIncomplete) {
		return false, nil
	}
	var se *syntax.Error
	if errors.As(err, &se) {
		return true, &SyntaxError{Err: se}
	}
	return true, err
}

// ErrorText returns the text R prints for err on stderr (the error line(s)
// with a trailing newline), or "" for quit requests and errors already
// reported (Options.ReportErrors).
func ErrorText(err error) string {
	if _, ok := eval.QuitStatus(err); ok {
		return ""
	}
	var e *eval.Error
	if errors.As(err, &e) && e.Reported {
		return ""
	}
	s := err.Error()
	if !strings.HasSuffix(s, "\n") {
		s += "\n"
	}
	return s
}
