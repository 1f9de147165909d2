package eval

// Capability interfaces. A Go value type (a tensor, a module, an optimizer,
// a dataloader) implements Value plus any of these; the evaluator and the
// base library find them by type assertion. A method may decline an
// operation by returning (nil, nil): the evaluator then falls back to the
// next option (the other operand, S3 methods, or R's default error).
//
// Methods receive the *Interp of the running session (for output, options,
// calling R functions back with Interp.Apply).

// HasDollar provides x$name. DollarNames lists the members (for completion
// and names()).
type HasDollar interface {
	Value
	Dollar(in *Interp, name string) (Value, error)
	DollarNames() []string
}

// HasSetDollar provides x$name <- v. It returns the updated object (usually
// x itself for reference types).
type HasSetDollar interface {
	Value
	SetDollar(in *Interp, name string, v Value) (Value, error)
}

// Side tells a binary operator implementation which operand it is.
type Side int

const (
	// Left: the receiver is the left operand (x in x + y).
	Left Side = iota
	// Right: the receiver is the right operand (y in 1 + y).
	Right
)

// HasBinary provides binary operators. op is the R operator name ("+",
// "-", "*", "/", "^", "%%", "%/%", "==", "<", "&", "%*%", ...). For x op y
// the evaluator calls x.Binary(op, y, Left) and, if x does not implement it
// or declines (nil, nil), y.Binary(op, x, Right).
type HasBinary interface {
	Value
	Binary(in *Interp, op string, other Value, side Side) (Value, error)
}

// Temporary is implemented by values that hold memory worth giving back
// before the collector finds them dead (tensors). In x * 2 + 1 the value of
// x * 2 is computed by Go code (a HasBinary method), handed straight to
// another operator computed by Go code, and reachable from nowhere else:
// the evaluator then calls ReleaseTemp on it once the outer operator has
// its result, as a refcounting runtime would free it.
type Temporary interface {
	Value
	// SharesMemory reports whether the value may share memory with v
	// (a result that is a view of, or the same object as, an operand).
	SharesMemory(v Value) bool
	// ReleaseTemp gives the value's memory back; the value is not used
	// again.
	ReleaseTemp(in *Interp)
}

// TempMethod is implemented by bound methods (a tensor's $add): when the
// method runs a Temps builtin, the evaluator treats its receiver like a
// Temps builtin's first argument, so x$mul(2)$add(1) releases the value of
// x$mul(2).
type TempMethod interface {
	Callable
	Receiver() Value
	Temps() bool
}

// FreshCallable is implemented by callables whose result can be a
// temporary (traced functions: a compiled plan allocates its outputs):
// FreshResult returns v as a Temporary when the call that just returned it
// made it and keeps no reference to it, nil otherwise.
type FreshCallable interface {
	Callable
	FreshResult(v Value) Temporary
}

// HasUnary provides unary "-", "+" and "!".
type HasUnary interface {
	Value
	Unary(in *Interp, op string) (Value, error)
}

// IndexArgs is what `[` and `[[` receive: the arguments after x exactly as
// supplied (evaluated, MissingArg for empty ones as in x[, 1]), the named
// options split out (drop = , exact = ), and the unevaluated forms.
type IndexArgs struct {
	Args  []Arg // positional/other named arguments, in order
	Drop  Value // drop= if supplied, else nil
	Exact Value // exact= if supplied, else nil
	// Double is true for [[ and [[<-.
	Double bool
	// Env is the calling environment (for evaluating R-side forms).
	Env *Env
}

// HasIndex provides x[...] and x[[...]].
type HasIndex interface {
	Value
	Index(in *Interp, a *IndexArgs) (Value, error)
}

// HasSetIndex provides x[...] <- v and x[[...]] <- v, returning the updated
// object.
type HasSetIndex interface {
	Value
	SetIndex(in *Interp, a *IndexArgs, v Value) (Value, error)
}

// Printer provides the text print() and auto-printing show (including the
// trailing newline).
type Printer interface {
	Value
	PrintText(in *Interp) (string, error)
}

// Formatter provides the short text used by format(), cat() and inside
// lists (optional; Printer is used otherwise).
type Formatter interface {
	Value
	FormatText(in *Interp) (string, error)
}

// HasLength provides length(x).
type HasLength interface {
	Value
	Length() int
}

// HasClass provides the class vector of a Go value (used by class(),
// inherits() and S3 dispatch), e.g. c("torch_tensor", "R7").
type HasClass interface {
	Value
	Class() []string
}

// Callable values can be called like functions: m(x) on a module. args are
// evaluated and matched by nobody: the callee interprets names.
type Callable interface {
	Value
	Call(in *Interp, call *Frame, args []Arg) (Value, error)
}

// Iterator yields successive values for for().
type Iterator interface {
	// Next returns the next value, or ok == false at the end.
	Next(in *Interp) (v Value, ok bool, err error)
}

// Iterable values can be looped over by for (b in x).
type Iterable interface {
	Value
	Iterate(in *Interp) (Iterator, error)
}

// ToR converts a Go value to a plain R vector or list (as.numeric,
// as.vector, as.array on a tensor).
type ToR interface {
	Value
	AsR(in *Interp) (Value, error)
}
