package eval

import (
	"context"
	"fmt"
	"io"
	"os"
	"sync/atomic"

	"torchr/lang/syntax"
)

// Interp is one R session: environments, options, deferred warnings,
// handler and call stacks. It is not safe for concurrent use, except
// cancellation through the context given to Run/EvalTop.
type Interp struct {
	// Global is R_GlobalEnv; Base is the base environment (its lookups fall
	// through to the builtin table).
	Global, Base *Env

	Stdout, Stderr io.Writer
	Stdin          io.Reader
	// Args are the trailing command-line arguments (commandArgs(TRUE)).
	Args []string
	// MaxSteps, when > 0, limits evaluation steps per top-level call (for
	// fuzzing); exceeding it is an R error.
	MaxSteps int64
	// Filename is the script being evaluated (for error positions).
	Filename string

	// Local is per-session storage for packages (RNG state, torch runtime,
	// ...), keyed by a package-private key.
	Local map[any]any

	// Options holds options() values.
	Options map[string]Value

	done  <-chan struct{}
	ctx   context.Context
	tick  uint32
	steps int64

	frames   []*Frame // closure call stack (sys.call, parent.frame)
	bframes  []*Frame // reusable builtin frames
	astack   []Arg    // evaluated builtin arguments (stack discipline)
	vstack   []Value  // matched builtin arguments (stack discipline)
	bdepth   int
	handlers []*handlerEntry
	restarts []*restartEntry

	// Warnings deferred until the end of the top-level call.
	warnings []Warning
	// LastWarnings are the warnings of the previous top-level call
	// (warnings()).
	LastWarnings []Warning

	visible bool
	userOps bool
	// freshTemp is the value of the operator expression freshExpr just
	// evaluated, when Go code computed it from its operands and it shares
	// memory with neither (see Temporary); set at the end of every
	// operator evaluation.
	freshTemp Temporary
	freshExpr syntax.Expr
	// owning is set once some binding owned a temporary (Env.owned):
	// from then on operators borrow identifier operands.
	owning  bool
	printOv *printOverrides
	// discard tells the next evalAssign that its value is not used.
	discard bool
	ops     [256]*Builtin

	retVal    Value
	retVis    bool
	retTarget *Frame
	// loopEnv is the environment in which the pending break/next was
	// evaluated: a closure whose own environment it is has no loop to
	// take it, which is R's "no loop for break/next" error in that call.
	loopEnv *Env

	evalDepth int
	names     map[string]string

	// Hooks that lang/base may set.

	// PrintHook, when set, prints a value without dispatch (print.default).
	// lang/base may replace the minimal printer of this package.
	PrintHook func(in *Interp, v Value, env *Env) error
	// OnError, when set, is called when an R error is about to unwind to
	// top level (no handler caught it), before on.exit expressions run:
	// the moment R prints "Error in ...". The error is still returned.
	OnError func(e *Error)
	// QuitHook is called by quit()/q(); by default it records the status
	// and stops evaluation.
	QuitHook func(status int)
}

var envCounter atomic.Uint64

// NewInterp returns a fresh session.
func NewInterp(stdout, stderr io.Writer) *Interp {
	if stdout == nil {
		stdout = os.Stdout
	}
	if stderr == nil {
		stderr = os.Stderr
	}
	in := &Interp{Stdout: stdout, Stderr: stderr, Local: map[any]any{}, Options: map[string]Value{}}
	in.Base = &Env{Name: "base", base: true, in: in}
	in.Global = &Env{Name: "R_GlobalEnv", Parent: in.Base, in: in}
	in.Options["digits"] = NewInt1(7)
	in.Options["warn"] = NewInt1(0)
	in.Options["OutDec"] = NewStr1(".")
	in.Options["scipen"] = NewInt1(0)
	in.Options["width"] = NewInt1(80)
	in.Options["keep.source"] = NewLgl1(1)
	in.Options["warning.length"] = NewInt1(1000)
	in.Options["nwarnings"] = NewInt1(50)
	in.Options["expressions"] = NewInt1(5000)
	in.resolveOps()
	in.visible = true
	return in
}

func (in *Interp) resolveOps() {
	for tok, name := range opTokenNames {
		if name != "" {
			in.ops[tok] = LookupBuiltin(name)
		}
	}
}

// SetVisible sets whether the current result is visible (auto-printed).
func (in *Interp) SetVisible(v bool) { in.visible = v }

// Visible reports whether the last evaluated value is visible.
func (in *Interp) Visible() bool { return in.visible }

// Option returns options(name) or nil.
func (in *Interp) Option(name string) Value { return in.Options[name] }

// Context returns the context of the running evaluation.
func (in *Interp) Context() context.Context {
	if in.ctx == nil {
		return context.Background()
	}
	return in.ctx
}

// Frame is a call's context. Closures push one on the call stack (for
// sys.call, parent.frame, on.exit, UseMethod); builtins receive a transient
// one describing their call. A builtin must not keep its *Frame.
type Frame struct {
	In *Interp
	// Call is the call expression as written (nil when called from Go).
	Call syntax.Expr
	// Fn is the function being called (*Closure, *Builtin or a Callable).
	Fn Value
	// Env is the closure's evaluation environment; for builtins, the
	// environment the call was evaluated in.
	Env *Env
	// CallerEnv is the environment the call was made from (parent.frame()).
	CallerEnv *Env
	// Args are the supplied arguments after "..." expansion (closures:
	// promises).
	Args []Arg
	// Name is the function name as called ("f" in f(x)), when known.
	Name string

	onExit   []syntax.Expr
	dispatch *dispatchInfo
	builtin  bool
}

// Errorf returns an R error with the given message; the evaluator attaches
// the builtin's call.
func (c *Frame) Errorf(format string, args ...any) error {
	return &Error{Msg: fmt.Sprintf(format, args...), Call: c.Call, hasCall: true}
}

// Warningf signals an R warning from the builtin's call.
func (c *Frame) Warningf(format string, args ...any) error {
	return c.In.Warning(c.Call, fmt.Sprintf(format, args...))
}

// Force evaluates a promise (or returns v unchanged).
func (c *Frame) Force(v Value) (Value, error) {
	if p, ok := v.(*Promise); ok {
		return c.In.Force(p)
	}
	return v, nil
}

// Eval evaluates expr in env.
func (c *Frame) Eval(expr syntax.Expr, env *Env) (Value, error) {
	return c.In.Eval(expr, env)
}

func (in *Interp) pushBuiltinFrame(b *Builtin, call syntax.Expr, env *Env) *Frame {
	if in.bdepth == len(in.bframes) {
		in.bframes = append(in.bframes, &Frame{In: in, builtin: true})
	}
	f := in.bframes[in.bdepth]
	in.bdepth++
	f.Fn = b
	f.Call = call
	f.Env = env
	f.CallerEnv = env
	f.Name = b.Name
	return f
}

func (in *Interp) popBuiltinFrame(f *Frame) {
	in.bdepth--
	f.Call, f.Env, f.CallerEnv, f.Fn, f.Args = nil, nil, nil, nil, nil
}

// Frames returns the closure call stack, outermost first.
func (in *Interp) Frames() []*Frame { return in.frames }

// CheckInterrupt returns R's interrupt error if the evaluation's context
// has been cancelled, else nil. Long-running builtins (tensor kernels,
// data loading) call it between blocks of work.
func (in *Interp) CheckInterrupt() error {
	if in.done != nil {
		select {
		case <-in.done:
			return &Error{Interrupt: true}
		default:
		}
	}
	return nil
}

// DefineBase binds name to v in this session's base environment (a
// per-session builtin or variable, visible from every environment unless
// shadowed).
func (in *Interp) DefineBase(name string, v Value) {
	MarkShared(v)
	in.Base.Set(name, v)
}

// check is called at every closure call and loop iteration: it counts steps
// and polls for cancellation.
func (in *Interp) check() error {
	in.tick++
	if in.MaxSteps > 0 {
		in.steps++
		if in.steps > in.MaxSteps {
			return &Error{Msg: "evaluation step limit exceeded"}
		}
	}
	if in.tick&255 == 0 && in.done != nil {
		select {
		case <-in.done:
			return &Error{Msg: "", Interrupt: true}
		default:
		}
	}
	return nil
}

// Warning is one deferred warning.
type Warning struct {
	Msg  string
	Call syntax.Expr // nil when the call is not shown
}
