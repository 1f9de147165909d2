package eval

import "sort"

// Env is an R environment: a frame of bindings and a parent. Small frames
// (function calls) are slices scanned linearly; large ones switch to a map.
// Bindings may hold a *Promise (unforced argument) or *Dots ("...").
type Env struct {
	Header
	names  []string
	vals   []Value
	m      map[string]Value
	Parent *Env
	// Name is shown when printing ("R_GlobalEnv", "base"); empty otherwise.
	Name string
	// base marks the session's base environment: lookups fall through to
	// the global builtin table.
	base bool
	in   *Interp
	// id distinguishes environments when printed.
	id uint64
	// gen changes whenever a binding is set or removed (lets loops skip
	// re-checking bindings).
	gen uint32
	// owned lists bindings that hold a temporary nobody else has seen
	// (y <- x * 2 + 1, see Temporary and assignOwned); any read of such a
	// binding drops it from the list.
	owned []string
}

const envMapThreshold = 16

// NewEnv returns a new empty environment with the given parent.
func NewEnv(parent *Env) *Env {
	e := &Env{Parent: parent}
	if parent != nil {
		e.in = parent.in
	}
	return e
}

// callBlock allocates a closure call's frame and environment (with room
// for a few bindings) in one allocation.
type callBlock struct {
	fr    Frame
	env   Env
	names [4]string
	vals  [4]Value
}

type callBlock2 struct {
	fr    Frame
	env   Env
	names [2]string
	vals  [2]Value
	defs  [1]Promise // a default-argument promise
}

type callBlock1 struct {
	fr    Frame
	env   Env
	names [1]string
	vals  [1]Value
	defs  [1]Promise
}

func newCallBlock(parent *Env, n int) (*Frame, *Env, []Promise) {
	if n <= 1 {
		b := &callBlock1{}
		e := &b.env
		e.Parent = parent
		e.in = parent.in
		e.names = b.names[:0]
		e.vals = b.vals[:0]
		return &b.fr, e, b.defs[:]
	}
	if n <= 2 {
		b := &callBlock2{}
		e := &b.env
		e.Parent = parent
		e.in = parent.in
		e.names = b.names[:0]
		e.vals = b.vals[:0]
		return &b.fr, e, b.defs[:]
	}
	b := &callBlock{}
	e := &b.env
	e.Parent = parent
	e.in = parent.in
	if n <= len(b.names) {
		e.names = b.names[:0]
		e.vals = b.vals[:0]
	} else {
		e.names = make([]string, 0, n)
		e.vals = make([]Value, 0, n)
	}
	return &b.fr, e, nil
}

func (*Env) TypeName() string { return "environment" }

// Len returns the number of bindings.
func (e *Env) Len() int {
	if e.m != nil {
		return len(e.m)
	}
	return len(e.names)
}

// GetLocal returns the binding in this frame only (possibly a *Promise or
// *Dots), falling through to builtins for the base environment.
func (e *Env) GetLocal(name string) (Value, bool) {
	if len(e.owned) > 0 {
		e.disown(name)
	}
	if e.m != nil {
		v, ok := e.m[name]
		if ok {
			return v, true
		}
	} else {
		for i, n := range e.names {
			if sameString(n, name) {
				return e.vals[i], true
			}
		}
	}
	if e.base {
		if v := lookupBaseVar(name); v != nil {
			return v, true
		}
		if b := LookupBuiltin(name); b != nil {
			return b, true
		}
	}
	return nil, false
}

// Lookup searches this environment and its parents; the result may be a
// *Promise or *Dots.
func (e *Env) Lookup(name string) (Value, bool) {
	for ; e != nil; e = e.Parent {
		if v, ok := e.GetLocal(name); ok {
			return v, true
		}
	}
	return nil, false
}

// LookupEnv returns the environment holding name, or nil.
func (e *Env) LookupEnv(name string) *Env {
	for ; e != nil; e = e.Parent {
		if _, ok := e.GetLocal(name); ok {
			return e
		}
	}
	return nil
}

// Set binds name in this frame (no Ref: see Assign).
func (e *Env) Set(name string, v Value) {
	e.gen++
	if len(e.owned) > 0 {
		e.disown(name)
	}
	if e.in != nil && isOpName(name) {
		e.in.userOps = true
	}
	if e.m != nil {
		e.m[name] = v
		return
	}
	for i, n := range e.names {
		if sameString(n, name) {
			e.vals[i] = v
			return
		}
	}
	if len(e.names) >= envMapThreshold {
		e.m = make(map[string]Value, 2*envMapThreshold)
		for i, n := range e.names {
			e.m[n] = e.vals[i]
		}
		e.names, e.vals = nil, nil
		e.m[name] = v
		return
	}
	e.names = append(e.names, name)
	e.vals = append(e.vals, v)
}

// Assign binds name to v in this frame and records the reference (R's
// `assign`/`<-`).
func (e *Env) Assign(name string, v Value) {
	Ref(v)
	e.Set(name, v)
}

// Remove deletes a binding from this frame; it reports whether it existed.
func (e *Env) Remove(name string) bool {
	e.gen++
	if len(e.owned) > 0 {
		e.disown(name)
	}
	if e.m != nil {
		_, ok := e.m[name]
		delete(e.m, name)
		return ok
	}
	for i, n := range e.names {
		if n == name {
			e.names = append(e.names[:i:i], e.names[i+1:]...)
			e.vals = append(e.vals[:i:i], e.vals[i+1:]...)
			return true
		}
	}
	return false
}

// Names returns the bound names in sorted order (R's ls(all.names=TRUE,
// sorted=TRUE)).
func (e *Env) Names() []string {
	var r []string
	if e.m != nil {
		for n := range e.m {
			r = append(r, n)
		}
	} else {
		r = append(r, e.names...)
	}
	sort.Strings(r)
	return r
}

// rawLocal reads a binding of this frame without counting the read as an
// escape (borrowIdent).
func (e *Env) rawLocal(name string) (Value, bool) {
	if e.m != nil {
		v, ok := e.m[name]
		return v, ok
	}
	for i, n := range e.names {
		if sameString(n, name) {
			return e.vals[i], true
		}
	}
	return nil, false
}

// disown forgets that name holds an unseen temporary.
func (e *Env) disown(name string) bool {
	for i, n := range e.owned {
		if n == name {
			e.owned[i] = e.owned[len(e.owned)-1]
			e.owned = e.owned[:len(e.owned)-1]
			return true
		}
	}
	return false
}

// assignOwned binds name to v like Assign; own records that v is a
// temporary that only this binding holds. It returns the previous value
// when the binding held it that way (nothing else has seen it, so the
// caller may release it).
func (e *Env) assignOwned(name string, v Value, own bool) Temporary {
	var old Temporary
	if len(e.owned) > 0 && e.disown(name) {
		cur, _ := e.rawLocal(name)
		old, _ = cur.(Temporary)
	}
	e.Assign(name, v)
	if own && e.in != nil {
		e.owned = append(e.owned, name)
		e.in.owning = true
	}
	return old
}

// Interp returns the session owning the environment.
func (e *Env) Interp() *Interp { return e.in }

// Get looks up name and forces a promise; it returns nil if unbound.
func (in *Interp) Get(e *Env, name string) (Value, error) {
	v, ok := e.Lookup(name)
	if !ok {
		return nil, nil
	}
	if p, ok := v.(*Promise); ok {
		return in.Force(p)
	}
	return v, nil
}
