package lang

import (
	"errors"

	"torchr/lang/eval"
)

// Helpers for front ends (the console, the notebook kernel), so they need
// no import of the evaluator.

// QuitStatus reports whether err (from Eval) is a quit() request, and the
// exit status asked for.
func QuitStatus(err error) (int, bool) { return eval.QuitStatus(err) }

// IsInterrupt reports whether err (from Eval) is the user interrupt that a
// cancelled context produces. R's console shows nothing for it but a fresh
// prompt.
func IsInterrupt(err error) bool {
	var e *eval.Error
	return errors.As(err, &e) && e.Interrupt
}

// SetInteractive makes interactive() return on in this session (the
// console and the notebook kernel are interactive; scripts are not), which
// also makes readline() read a line instead of answering "".
func (s *Session) SetInteractive(on bool) {
	v := eval.False
	if on {
		v = eval.True
	}
	if s.in.Option("prompt") == nil {
		s.in.Options["prompt"] = eval.NewStr1("> ")
		s.in.Options["continue"] = eval.NewStr1("+ ")
	}
	s.Define("interactive", &eval.Builtin{Name: "interactive", Fn: func(c *eval.Frame, a []eval.Value) (eval.Value, error) {
		return v, nil
	}})
}

// Prompts returns the console prompts: options("prompt") and
// options("continue"), "> " and "+ " by default (SetInteractive sets
// them, so getOption("prompt") answers as in R's console).
func (s *Session) Prompts() (prompt, cont string) {
	prompt, cont = "> ", "+ "
	if c, ok := s.in.Option("prompt").(*eval.Character); ok && len(c.V) == 1 && !eval.IsNAString(c.V[0]) {
		prompt = c.V[0]
	}
	if c, ok := s.in.Option("continue").(*eval.Character); ok && len(c.V) == 1 && !eval.IsNAString(c.V[0]) {
		cont = c.V[0]
	}
	return prompt, cont
}

type pagerKey struct{}

// SetPager makes ?topic and help(topic) hand the help page to page
// instead of printing it (the console pages through $PAGER, as R does on
// a terminal); nil prints again. When page fails, the page is printed.
func (s *Session) SetPager(page func(text string) error) {
	if page == nil {
		delete(s.in.Local, pagerKey{})
		return
	}
	s.in.Local[pagerKey{}] = page
}

// SetWidth sets options(width = n), the line width printing wraps at (the
// console sets it from the terminal's size, at start and when the window
// is resized); n is clamped to R's allowed 10...10000.
func (s *Session) SetWidth(n int) {
	n = min(max(n, 10), 10000)
	s.in.Options["width"] = eval.NewInt1(int32(n))
}
