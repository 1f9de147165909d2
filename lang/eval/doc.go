// Package eval implements torchr's R values and their evaluation: vectors
// with attributes, lists, closures, environments, promises, language
// objects, argument matching, the condition system, S3 dispatch and R-style
// printing. It is a tree walker over lang/syntax trees.
//
// # Values
//
// Every R value is a Value. The R types are *Logical, *Integer, *Double,
// *Complex, *Character (NA is NAString), *List, *NullType (the singleton
// Null), *Closure, *Builtin, *Env and *Lang (symbols and calls). NAs:
// NAInt/NALogical (math.MinInt32), NAReal (R's NA_real_, distinct from
// NaN: IsNA), NAString. MissingArg marks empty arguments (x[1, ]).
//
// Vectors and lists embed Header: attributes in R's order (Attr, SetAttr,
// Attributes) and the sharing count (R's NAMED):
//
//   - a fresh value has Named 0; storing it in a variable or container
//     calls Ref (NewList and Env.Assign do); values that may be referenced
//     twice have Named 2 (MarkShared; shared constants such as True and
//     the small integral doubles of arithmetic are always 2);
//   - never modify a value you did not just create: call Modifiable(x)
//     first (it returns x when Named is 0, else a copy). Replacement
//     builtins (`[<-`, `names<-`, `attr<-`) do exactly this: the evaluator
//     lowers Named to 0 for the target of x[i] <- v when x is referenced
//     only by its binding, so loops update in place.
//
// # Builtins
//
// A *Builtin is registered once, from an init function, with Register.
// Its R-style Formals ("x", "times = 1", "...") are matched by the one
// argument binder (exact, partial, positional, "..."; R's "unused
// argument" errors), so Fn receives one slot per formal (nil when
// missing without default; the "..." slot is a *List). Flags: Special
// (arguments arrive unevaluated as *Promise), Generic (S3 dispatch on the
// first argument's class before Fn: internal generics such as print,
// length, `[`), Invisible, KeepVisible. lang/base registers the full
// operators and library under the same names as this package's minimal
// versions (minimal.go) and so replaces them.
//
// Errors: return Errorf(...) (shown as "Error in <builtin call> : msg"),
// ErrorNoCall, or ErrorWithCall(c.ContextCall(), msg) for messages R
// attributes to the calling closure. Warnings: c.Warningf(...) (the
// builtin's call) or c.In.Warning(c.ContextCall(), msg). A panic inside
// Fn becomes an R error naming the call. Fn must not keep its args slice
// or *Frame. Long-running builtins poll c.In.CheckInterrupt().
//
// Operators are builtins too; the evaluator computes plain scalar
// arithmetic and comparisons and scalar x[i]/x[i] <- v inline, and calls
// the registered builtin for everything else, after capability
// (HasBinary, HasIndex, ...) and S3 (Ops group, `[.cls`) dispatch.
//
// # Go values
//
// Packages add value types (tensors, modules, optimizers, dataloaders) by
// implementing Value and any capability interfaces of iface.go: HasDollar
// / HasSetDollar (x$name), HasBinary / HasUnary (operators, with the side
// so that 1 + x works), HasIndex / HasSetIndex (x[...], x[[...]] with
// the raw arguments, empty ones, drop= and exact=), Printer, Formatter,
// HasLength, HasClass (class vector for inherits and S3), Callable (m(x)),
// Iterable (for (b in x)) and ToR (as.numeric and friends).
//
// # Sessions
//
// An *Interp is one R session: global and base environments, options(),
// deferred warnings, handler/restart stacks, the call stack and Local, a
// map for per-session package state (RNG, torch runtime). Sessions share
// nothing mutable. Interp.Apply/Call/CallFunction call R functions from Go.
// EvalTop evaluates one top-level expression under a context (cancelling
// it interrupts the evaluation within a few hundred steps, leaving all
// variables intact); lang.Session wraps parsing, printing and warnings.
package eval
