package eval

// Base variables: constants such as pi, letters, LETTERS, T, F and .Machine
// live in the base environment. Packages register them from init functions;
// they are shared by all sessions, so they are marked shared and any
// modification (x <- letters; x[1] <- "z") copies first.

// baseVars is written only by init functions (RegisterVar), then read.
var baseVars = map[string]Value{}

// RegisterVar binds name to v in every session's base environment (after
// the session's own base bindings, before builtins). Call it only from
// init functions.
func RegisterVar(name string, v Value) {
	MarkShared(v)
	if l, ok := v.(*List); ok {
		for _, e := range l.V {
			MarkShared(e)
		}
	}
	baseVars[name] = v
}

func lookupBaseVar(name string) Value {
	return baseVars[name]
}
