package tensor

import (
	"errors"
	"runtime"
	"sync/atomic"

	"torchr/tensor/rng"
)

// ErrInterrupted is returned by an op stopped through Runtime.Interrupt.
var ErrInterrupted = errors.New("interrupted")

// Runtime is the per-session state every op runs against: the random
// generator, grad mode, the cancel flag and the active hooks. There is no
// global mutable state: two runtimes never see each other. A Runtime is
// used by one goroutine at a time (its kernels may use more internally);
// only Interrupt may be called concurrently.
type Runtime struct {
	gen         *rng.Generator
	gradEnabled bool
	cancel      atomic.Bool
	hooks       []Hook
	depth       int // nesting of op calls; hooks see depth-0 calls only
	nthreads    int
	inBackward  int
	seq         uint64
}

// NewRuntime makes a runtime with grad mode on, PyTorch's default seed and
// GOMAXPROCS threads.
func NewRuntime() *Runtime {
	return &Runtime{gen: rng.New(rng.DefaultSeed), gradEnabled: true, nthreads: runtime.GOMAXPROCS(0)}
}

// Generator returns the session's random generator.
func (rt *Runtime) Generator() *rng.Generator { return rt.gen }

// ManualSeed reseeds the generator (torch.manual_seed).
func (rt *Runtime) ManualSeed(seed uint64) { rt.gen = rng.New(seed) }

// SetThreads sets how many goroutines a kernel may use (n <= 0: GOMAXPROCS).
func (rt *Runtime) SetThreads(n int) {
	if n <= 0 {
		n = runtime.GOMAXPROCS(0)
	}
	rt.nthreads = n
}

func (rt *Runtime) threads() int {
	if rt == nil {
		return 1
	}
	return rt.nthreads
}

// Interrupt asks running and future kernels to stop with ErrInterrupted,
// until ClearInterrupt. Safe to call from another goroutine.
func (rt *Runtime) Interrupt() { rt.cancel.Store(true) }

// ClearInterrupt re-arms the runtime after an interrupt.
func (rt *Runtime) ClearInterrupt() { rt.cancel.Store(false) }

// CancelFlag exposes the flag that kernels poll (for gemm and friends).
func (rt *Runtime) CancelFlag() *atomic.Bool {
	if rt == nil {
		return nil
	}
	return &rt.cancel
}

func (rt *Runtime) interrupted() bool { return rt != nil && rt.cancel.Load() }

// GradEnabled reports whether operations record autograd history.
func (rt *Runtime) GradEnabled() bool { return rt.gradEnabled }

// SetGradEnabled sets grad mode and returns the previous value.
func (rt *Runtime) SetGradEnabled(on bool) bool {
	old := rt.gradEnabled
	rt.gradEnabled = on
	return old
}

// NoGrad runs fn with grad mode off (with torch.no_grad()).
func (rt *Runtime) NoGrad(fn func() error) error {
	old := rt.SetGradEnabled(false)
	defer rt.SetGradEnabled(old)
	return fn()
}

// EnableGrad runs fn with grad mode on (with torch.enable_grad()).
func (rt *Runtime) EnableGrad(fn func() error) error {
	old := rt.SetGradEnabled(true)
	defer rt.SetGradEnabled(old)
	return fn()
}

// Hook observes op calls. The tracer implements it. Hooks see only
// top-level calls: ops called from inside another op's kernel (composite
// ops such as linear calling addmm) and ops run by the autograd engine are
// not reported. Tensors are identified by pointer: inputs a hook has not
// seen before (not produced by a reported call nor registered as an input
// or parameter by the hook's owner) are constants.
type Hook interface {
	// AfterOp is called after the kernel ran and autograd recorded the
	// call. Returning an error fails the call with that error.
	AfterOp(c *Call) error
}

// ValueReadHook is an optional interface of hooks: it is told when a
// tensor's values are read into host values through ReadValue (item(),
// as.numeric, if (x > 0), ...), which a tracer cannot record.
type ValueReadHook interface {
	ValueRead(t *Tensor, kind string)
}

// Call describes one op call, as hooks see it.
type Call struct {
	Op      *Op
	Args    Args      // normalized arguments, in schema order
	Outputs []*Tensor // results (for in-place ops, the modified input)
}

// PushHook activates h; it returns a function removing it.
func (rt *Runtime) PushHook(h Hook) (remove func()) {
	rt.hooks = append(rt.hooks, h)
	return func() {
		for i, x := range rt.hooks {
			if x == h {
				rt.hooks = append(rt.hooks[:i:i], rt.hooks[i+1:]...)
				return
			}
		}
	}
}

// Hooks returns the active hooks.
func (rt *Runtime) Hooks() []Hook { return append([]Hook(nil), rt.hooks...) }

// ReadValue notifies ValueReadHooks that t's values are being converted
// to host values; kind is "bool", "float", "int", "index" or "list".
func (rt *Runtime) ReadValue(t *Tensor, kind string) {
	if rt.depth > 0 || rt.inBackward > 0 {
		return
	}
	for _, h := range rt.hooks {
		if v, ok := h.(ValueReadHook); ok {
			v.ValueRead(t, kind)
		}
	}
}

// Threads reports how many goroutines kernels may use.
func (rt *Runtime) Threads() int { return rt.threads() }
