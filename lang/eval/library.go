package eval

import (
	"fmt"

	"torchr/lang/syntax"
)

// KnownPackages are the package names library()/require() accept: their
// functions are built in. Packages register more from init functions
// (e.g. the torch layer adds "torch").
var KnownPackages = map[string]bool{
	"base": true, "stats": true, "utils": true, "methods": true, "graphics": true,
	"grDevices": true, "datasets": true, "tools": true, "parallel": true,
}

func packageArg(c *Frame, a Value, charOnly bool) (string, error) {
	if a == nil {
		return "", nil
	}
	p, ok := a.(*Promise)
	if ok && !charOnly {
		switch x := p.Expr.(type) {
		case *syntax.Ident:
			return x.Name, nil
		case *syntax.Str:
			return x.Value, nil
		}
	}
	v, err := c.Force(a)
	if err != nil {
		return "", err
	}
	s, ok := asString1(v)
	if !ok {
		return "", c.Errorf("invalid package name")
	}
	return s, nil
}

func init() {
	RegisterAll(
		&Builtin{Name: "library", Formals: []string{"package", "help", "pos = 2", "lib.loc = NULL", "character.only = FALSE", "logical.return = FALSE", "warn.conflicts", "quietly = FALSE", "verbose"}, Special: true, Invisible: true, Fn: func(c *Frame, a []Value) (Value, error) {
			co, _ := c.Force(a[4])
			name, err := packageArg(c, a[0], truthy(co))
			if err != nil {
				return nil, err
			}
			if name == "" {
				return Null, nil
			}
			if !KnownPackages[name] {
				return nil, c.Errorf("there is no package called %s", "\u2018"+name+"\u2019")
			}
			return NewStr1(name), nil
		}},
		&Builtin{Name: "require", Formals: []string{"package", "lib.loc = NULL", "quietly = FALSE", "warn.conflicts", "character.only = FALSE"}, Special: true, Invisible: true, Fn: func(c *Frame, a []Value) (Value, error) {
			co, _ := c.Force(a[4])
			name, err := packageArg(c, a[0], truthy(co))
			if err != nil {
				return nil, err
			}
			if !KnownPackages[name] {
				if err := c.In.Warning(c.Call, fmt.Sprintf("there is no package called %s", "\u2018"+name+"\u2019")); err != nil {
					return nil, err
				}
				return False, nil
			}
			return True, nil
		}},
		&Builtin{Name: "requireNamespace", Formals: []string{"package", "...", "quietly = TRUE"}, Fn: func(c *Frame, a []Value) (Value, error) {
			s, _ := asString1(a[0])
			return Bool(KnownPackages[s]), nil
		}},
		&Builtin{Name: "suppressPackageStartupMessages", Formals: []string{"expr"}, Special: true, Fn: func(c *Frame, a []Value) (Value, error) {
			return c.Force(a[0])
		}},
	)
}
