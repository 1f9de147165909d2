package eval

import (
	"errors"
	"fmt"
	"strings"

	"torchr/lang/syntax"
)

// Error is an R error. Error() returns R's text: "Error in f(x) : msg" or
// "Error: msg" (with R's line break before the message when the first line
// is long).
type Error struct {
	Msg string
	// Call is the call shown in "Error in <call> :", nil for "Error: msg".
	Call syntax.Expr
	// Cond is the R condition object (a list with class), when known.
	Cond Value
	// Pos is where the error was raised (the raising call or expression).
	Pos syntax.Pos
	// File is the script name the error was raised in.
	File string
	// Stack lists the closure calls active when the error was raised,
	// outermost first (deparsed, first line).
	Stack []string
	// Interrupt marks a user interrupt (context cancelled).
	Interrupt bool
	// Reported is set when Interp.OnError has already shown the error.
	Reported bool
	// Traceback is R's concise traceback ("f -> g -> h") printed by
	// Rscript as "Calls: ..." after the error, or "" when R omits it.
	Traceback string

	hasCall bool // Call was decided by the raiser (nil means none)
	raised  bool // handlers have already seen it
}

// LongWarn is R's LONGWARN: the width above which the message goes on its
// own line.
const LongWarn = 75

func (e *Error) Error() string {
	if e.Interrupt {
		return "Error: interrupted"
	}
	if e.Call == nil {
		return "Error: " + e.Msg
	}
	dcall := deparseFirstLine(e.Call)
	msgline1 := e.Msg
	if i := strings.IndexByte(msgline1, '\n'); i >= 0 {
		msgline1 = msgline1[:i]
	}
	if 14+runeLen(dcall)+runeLen(msgline1) > LongWarn {
		return "Error in " + dcall + " : \n  " + e.Msg
	}
	return "Error in " + dcall + " : " + e.Msg
}

func runeLen(s string) int { return len([]rune(s)) }

func deparseFirstLine(x syntax.Expr) string {
	s := DeparseExpr(x)
	if i := strings.IndexByte(s, '\n'); i >= 0 {
		s = s[:i]
	}
	return s
}

// Errorf returns an R error with a formatted message. Returned from a
// builtin, the evaluator attaches the builtin's call.
func Errorf(format string, args ...any) error {
	return &Error{Msg: fmt.Sprintf(format, args...)}
}

// ErrorNoCall returns an R error shown as "Error: msg" even when raised
// from a builtin.
func ErrorNoCall(msg string) error {
	return &Error{Msg: msg, hasCall: true}
}

// control-flow signals travel as errors.
type ctrlSignal struct{ kind string }

func (c *ctrlSignal) Error() string { return "no loop for break/next, jumping to top level" }

var (
	errBreak  = &ctrlSignal{"break"}
	errNext   = &ctrlSignal{"next"}
	errReturn = &ctrlSignal{"return"}
)

// condJump unwinds to a tryCatch (exiting handler).
type condJump struct {
	target  *handlerEntry
	cond    Value
	handler Value
}

func (c *condJump) Error() string { return "condition jump" }

// restartJump unwinds to the point that established a restart.
type restartJump struct {
	target *restartEntry
	args   []Value
}

func (c *restartJump) Error() string { return "restart jump" }

type handlerEntry struct {
	class   string
	fn      Value
	exiting bool
	target  *handlerEntry // identity for exiting handlers of one tryCatch
	// for calling handlers: the handler stack height when established.
	depth int
}

type restartEntry struct {
	name string
}

// quitSignal stops evaluation for quit().
type quitSignal struct{ status int }

func (q *quitSignal) Error() string { return fmt.Sprintf("quit(status = %d)", q.status) }

// QuitStatus reports whether err is a quit() request, and its status.
func QuitStatus(err error) (int, bool) {
	var q *quitSignal
	if errors.As(err, &q) {
		return q.status, true
	}
	return 0, false
}

// isSignal reports errors that are control flow rather than R errors.
func isSignal(err error) bool {
	switch err.(type) {
	case *ctrlSignal, *condJump, *restartJump, *quitSignal:
		return true
	}
	return false
}

// MakeCondition returns an R condition object: list(message=, call=) with
// the given classes.
func MakeCondition(msg string, call syntax.Expr, classes ...string) *List {
	var cv Value = Null
	if call != nil {
		cv = &Lang{X: call}
	}
	l := NewList([]Value{NewStr1(msg), cv}, []string{"message", "call"})
	l.SetAttr("class", NewStr(classes))
	return l
}

func condClasses(cond Value) []string { return ClassAttr(cond) }

// condField returns a named element of a condition list.
func condField(cond Value, name string) Value {
	l, ok := cond.(*List)
	if !ok {
		return nil
	}
	for i, n := range Names(l) {
		if n == name {
			return l.V[i]
		}
	}
	return nil
}

// ConditionMessage returns the message of a condition object.
func ConditionMessage(cond Value) string {
	if m, ok := condField(cond, "message").(*Character); ok && len(m.V) > 0 {
		return m.V[0]
	}
	return ""
}

func conditionCallExpr(cond Value) syntax.Expr {
	if l, ok := condField(cond, "call").(*Lang); ok {
		return l.X
	}
	return nil
}

// signal offers cond to the handler stack (top-down). Calling handlers run
// in place; the first matching exiting handler unwinds (condJump).
func (in *Interp) signal(cond Value) error {
	classes := condClasses(cond)
	for i := len(in.handlers) - 1; i >= 0; i-- {
		h := in.handlers[i]
		if !classMatch(classes, h.class) {
			continue
		}
		if h.exiting {
			return &condJump{target: h.target, cond: cond, handler: h.fn}
		}
		saved := in.handlers
		in.handlers = in.handlers[:i]
		_, err := in.Apply(h.fn, []Arg{{Value: cond}}, nil, in.Global)
		in.handlers = saved
		if err != nil {
			return err
		}
	}
	return nil
}

func classMatch(classes []string, c string) bool {
	for _, x := range classes {
		if x == c {
			return true
		}
	}
	return false
}

// raise turns err (from a builtin or the evaluator) into a signalled R
// error: it fills in the call and position, offers the condition to the
// handlers and returns what should propagate.
func (in *Interp) raise(err error, call syntax.Expr) error {
	if isSignal(err) {
		return err
	}
	var e *Error
	if !errors.As(err, &e) {
		var m *errMatch
		if errors.As(err, &m) {
			e = &Error{Msg: m.msg}
		} else {
			e = &Error{Msg: goErrText(err)}
		}
	}
	if e.raised || e.Interrupt {
		return e
	}
	if !e.hasCall {
		e.Call = call
		e.hasCall = true
	}
	if !e.Pos.IsValid() {
		if e.Call != nil {
			e.Pos = e.Call.Pos()
		} else if call != nil {
			e.Pos = call.Pos()
		}
	}
	e.File = in.Filename
	if e.Cond == nil {
		e.Cond = MakeCondition(e.Msg, e.Call, "simpleError", "error", "condition")
	}
	e.raised = true
	if len(in.handlers) > 0 {
		if err := in.signal(e.Cond); err != nil {
			return err
		}
	}
	// No handler unwound: the error goes to top level. R reports it now,
	// before on.exit handlers run.
	if e.Stack == nil {
		e.Stack, e.Traceback = in.traceback(e.Call)
	}
	if in.OnError != nil && !e.Reported {
		e.Reported = true
		in.OnError(e)
	}
	return e
}

// traceback returns the deparsed calls of the active closures (outermost
// first) and R's concise traceback (R_ConciseTraceback) for an error whose
// call is call.
func (in *Interp) traceback(call syntax.Expr) ([]string, string) {
	var stack, names []string
	for _, f := range in.frames {
		if f.Name == "pseudo" {
			names = append(names, pseudoNames(f)...)
			continue
		}
		if f.Call != nil {
			stack = append(stack, deparseFirstLine(f.Call))
		} else {
			stack = append(stack, f.Name)
		}
		names = append(names, callFunName(f.Call))
	}
	// R builds the text from the innermost call outwards, eliding the
	// outer part with "... " once it is longer than 50 bytes.
	buf := ""
	tooMany := false
	top := ""
	for i := len(names) - 1; i >= 0; i-- {
		this := names[i]
		switch {
		case tooMany:
			top = this
		case len(buf) > 50:
			buf = "... " + buf
			tooMany = true
			top = this
		case buf != "":
			buf = this + " -> " + buf
		default:
			buf = this
		}
	}
	if tooMany && len(top) < 50 {
		buf = top + " " + buf
	}
	if len(names) == 1 && call != nil {
		if buf == callFunName(call) {
			buf = ""
		}
	}
	return stack, buf
}

func callFunName(x syntax.Expr) string {
	switch c := x.(type) {
	case *syntax.Call:
		if id, ok := c.Fn.(*syntax.Ident); ok {
			return id.Name
		}
		if s, ok := c.Fn.(*syntax.Str); ok {
			return s.Value
		}
		return "<Anonymous>"
	case *syntax.Binary:
		return c.OpText
	case *syntax.Unary:
		return c.Op.String()
	case *syntax.Index:
		if c.Double {
			return "[["
		}
		return "["
	case *syntax.Dollar:
		return "$"
	case *syntax.Assign:
		return c.Op.String()
	case *syntax.If:
		return "if"
	}
	return "<Anonymous>"
}

// pseudoNames are the R closures a builtin like tryCatch stands for.
func pseudoNames(f *Frame) []string {
	if f.Call == doTryCatchCall {
		return []string{"tryCatch", "tryCatchList", "tryCatchOne", "doTryCatch"}
	}
	switch callFunName(f.Call) {
	case "tryCatch":
		return []string{"tryCatch", "tryCatchList"}
	case "try":
		return []string{"try", "tryCatch", "tryCatchList", "tryCatchOne", "doTryCatch"}
	}
	return []string{callFunName(f.Call)}
}

func goErrText(err error) string {
	return err.Error()
}

// Warning signals a warning with the given call (nil: no call shown). It
// returns an error only when a handler unwinds (tryCatch(warning=)) or
// options(warn=2) turns it into an error.
func (in *Interp) Warning(call syntax.Expr, msg string) error {
	cond := MakeCondition(msg, call, "simpleWarning", "warning", "condition")
	return in.warningCond(cond, call, msg)
}

func (in *Interp) warningCond(cond Value, call syntax.Expr, msg string) error {
	if len(in.handlers) > 0 {
		r := &restartEntry{name: "muffleWarning"}
		in.restarts = append(in.restarts, r)
		err := in.signal(cond)
		in.restarts = in.restarts[:len(in.restarts)-1]
		if err != nil {
			if rj, ok := err.(*restartJump); ok && rj.target == r {
				return nil
			}
			return err
		}
	}
	warn := 0
	if w, ok := in.Options["warn"]; ok {
		warn = int(asIntScalar(w))
	}
	if warn < 0 {
		return nil
	}
	if warn >= 2 {
		return in.raise(&Error{Msg: "(converted from warning) " + msg, Call: call, hasCall: true}, call)
	}
	if warn == 1 {
		w := Warning{Msg: msg, Call: call}
		fmt.Fprint(in.Stderr, formatWarnings([]Warning{w}, true))
		return nil
	}
	if len(in.warnings) < 50 {
		in.warnings = append(in.warnings, Warning{Msg: msg, Call: call})
	} else {
		in.warnings = append(in.warnings[:50], Warning{})
	}
	return nil
}

// Message signals a message condition; unless muffled it is written to
// Stderr.
func (in *Interp) Message(call syntax.Expr, text string) error {
	cond := MakeCondition(text, call, "simpleMessage", "message", "condition")
	return in.messageCond(cond)
}

func (in *Interp) messageCond(cond Value) error {
	if len(in.handlers) > 0 {
		r := &restartEntry{name: "muffleMessage"}
		in.restarts = append(in.restarts, r)
		err := in.signal(cond)
		in.restarts = in.restarts[:len(in.restarts)-1]
		if err != nil {
			if rj, ok := err.(*restartJump); ok && rj.target == r {
				return nil
			}
			return err
		}
	}
	fmt.Fprint(in.Stderr, ConditionMessage(cond))
	return nil
}

// FlushWarnings prints the deferred warnings to Stderr as R does after a
// top-level call, and moves them to LastWarnings.
func (in *Interp) FlushWarnings() {
	if len(in.warnings) == 0 {
		return
	}
	ws := in.warnings
	in.warnings = nil
	in.LastWarnings = ws
	fmt.Fprint(in.Stderr, formatWarnings(ws, false))
}

// TakeWarnings removes and returns the pending (deferred) warnings; they
// become LastWarnings.
func (in *Interp) TakeWarnings() []Warning {
	ws := in.warnings
	in.warnings = nil
	if len(ws) > 0 {
		in.LastWarnings = ws
	}
	return ws
}

// FormatWarnings renders warnings as R prints them after a top-level call
// ("Warning message:\nIn f() : msg\n", numbered when several).
func FormatWarnings(ws []Warning) string {
	if len(ws) == 0 {
		return ""
	}
	return formatWarnings(ws, false)
}

func formatWarnings(ws []Warning, immediate bool) string {
	var b strings.Builder
	n := len(ws)
	if n == 1 || immediate {
		w := ws[0]
		if immediate {
			b.WriteString("Warning")
		} else {
			b.WriteString("Warning message:\n")
		}
		if w.Call != nil {
			dcall := deparseFirstLine(w.Call)
			if immediate {
				b.WriteString(" in " + dcall + " :")
			} else {
				b.WriteString("In " + dcall + " :")
			}
			msg1 := firstLine(w.Msg)
			if 6+runeLen(dcall)+runeLen(msg1) > LongWarn {
				b.WriteString("\n  ")
			} else {
				b.WriteString(" ")
			}
			b.WriteString(w.Msg)
		} else {
			if immediate {
				b.WriteString(": ")
			}
			b.WriteString(w.Msg)
			if !immediate {
				b.WriteString(" ")
			}
		}
		b.WriteString("\n")
		return b.String()
	}
	if n <= 10 {
		b.WriteString("Warning messages:\n")
		for i, w := range ws {
			fmt.Fprintf(&b, "%d: ", i+1)
			if w.Call != nil {
				dcall := deparseFirstLine(w.Call)
				b.WriteString("In " + dcall + " :")
				msg1 := firstLine(w.Msg)
				if 10+runeLen(dcall)+runeLen(msg1) > LongWarn {
					b.WriteString("\n  ")
				} else {
					b.WriteString(" ")
				}
			}
			b.WriteString(w.Msg)
			if w.Call == nil {
				b.WriteString(" ")
			}
			b.WriteString("\n")
		}
		return b.String()
	}
	if n < 50 {
		fmt.Fprintf(&b, "There were %d warnings (use warnings() to see them)\n", n)
	} else {
		b.WriteString("There were 50 or more warnings (use warnings() to see the first 50)\n")
	}
	return b.String()
}

func firstLine(s string) string {
	if i := strings.IndexByte(s, '\n'); i >= 0 {
		return s[:i]
	}
	return s
}

func asIntScalar(v Value) int64 {
	switch x := v.(type) {
	case *Integer:
		if len(x.V) > 0 {
			return int64(x.V[0])
		}
	case *Logical:
		if len(x.V) > 0 {
			return int64(x.V[0])
		}
	case *Double:
		if len(x.V) > 0 {
			return int64(x.V[0])
		}
	}
	return 0
}
