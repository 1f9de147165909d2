package base

// grepl, grep, sub, gsub, regexpr, gregexpr, regmatches (see rx.go for the
// pattern dialects).

import (
	"errors"
	"unicode/utf8"

	"torchr/lang/eval"
)

// rxArgs reads the common pattern options and compiles the pattern.
func rxArgs(c *eval.Frame, name string, pat eval.Value, icase, perl, fixed eval.Value) (*rxPattern, rxOpts, error) {
	var o rxOpts
	var err error
	if icase != nil {
		if o.icase, err = argBool(c, icase, "ignore.case"); err != nil {
			return nil, o, err
		}
	}
	if o.perl, err = argBool(c, perl, "perl"); err != nil {
		return nil, o, err
	}
	if o.fixed, err = argBool(c, fixed, "fixed"); err != nil {
		return nil, o, err
	}
	if o.fixed && o.icase {
		if err := c.Warningf("argument '%s' will be ignored", "ignore.case = TRUE"); err != nil {
			return nil, o, err
		}
		o.icase = false
	}
	if o.fixed && o.perl {
		if err := c.Warningf("argument '%s' will be ignored", "perl = TRUE"); err != nil {
			return nil, o, err
		}
		o.perl = false
	}
	ps, ok := coStrings(pat)
	if !ok || len(ps) < 1 {
		return nil, o, c.Errorf("invalid '%s' argument", "pattern")
	}
	if len(ps) > 1 {
		if err := c.Warningf("argument '%s' has length > 1 and only the first element will be used", "pattern"); err != nil {
			return nil, o, err
		}
	}
	if eval.IsNAString(ps[0]) {
		return nil, o, nil // NA pattern: NA results
	}
	p, err := rxCompile(ps[0], o)
	if err != nil {
		var re *rxError
		if errors.As(err, &re) && !re.perl {
			if werr := c.Warningf("TRE pattern compilation error '%s'", re.reason); werr != nil {
				return nil, o, werr
			}
		}
		return nil, o, c.Errorf("%s", err.Error())
	}
	return p, o, nil
}

func textArg(c *eval.Frame, v eval.Value) ([]string, error) {
	if isFactor(v) {
		s, _ := coStrings(v)
		return s, nil
	}
	s, ok := coStrings(v)
	if !ok {
		return nil, c.Errorf("invalid '%s' argument", "text")
	}
	return s, nil
}

func init() {
	eval.RegisterAll(
		&eval.Builtin{Name: "grepl", Formals: []string{"pattern", "x", "ignore.case = FALSE", "perl = FALSE", "fixed = FALSE", "useBytes = FALSE"}, Fn: func(c *eval.Frame, a []eval.Value) (eval.Value, error) {
			p, _, err := rxArgs(c, "grepl", a[0], a[2], a[3], a[4])
			if err != nil {
				return nil, err
			}
			x, err := textArg(c, a[1])
			if err != nil {
				return nil, err
			}
			r := make([]int32, len(x))
			for i, s := range x {
				switch {
				case p == nil:
					r[i] = eval.NALogical
				case eval.IsNAString(s):
					r[i] = 0
				case p.match(s):
					r[i] = 1
				}
			}
			return eval.NewLgl(r), nil
		}},
		&eval.Builtin{Name: "grep", Formals: []string{"pattern", "x", "ignore.case = FALSE", "perl = FALSE", "value = FALSE", "fixed = FALSE", "useBytes = FALSE", "invert = FALSE"}, Fn: func(c *eval.Frame, a []eval.Value) (eval.Value, error) {
			p, _, err := rxArgs(c, "grep", a[0], a[2], a[3], a[5])
			if err != nil {
				return nil, err
			}
			value, err := argBool(c, a[4], "value")
			if err != nil {
				return nil, err
			}
			invert, err := argBool(c, a[7], "invert")
			if err != nil {
				return nil, err
			}
			x, err := textArg(c, a[1])
			if err != nil {
				return nil, err
			}
			names := eval.Names(a[1])
			var idx []int32
			var vals, vnames []string
			for i, s := range x {
				m := p != nil && !eval.IsNAString(s) && p.match(s)
				if p == nil || eval.IsNAString(s) {
					m = false
					if invert {
						continue
					}
				}
				if m != invert {
					idx = append(idx, int32(i+1))
					vals = append(vals, s)
					if names != nil {
						vnames = append(vnames, names[i])
					}
				}
			}
			if value {
				r := eval.NewStr(vals)
				if vals == nil {
					r = eval.NewStr([]string{})
				}
				if names != nil {
					if vnames == nil {
						vnames = []string{}
					}
					r.SetAttr("names", eval.NewStr(vnames))
				}
				return r, nil
			}
			r := eval.NewInt(idx)
			if idx == nil {
				r = eval.NewInt([]int32{})
			}
			if names != nil {
				if vnames == nil {
					vnames = []string{}
				}
				r.SetAttr("names", eval.NewStr(vnames))
			}
			return r, nil
		}},
		subBuiltin("sub", false),
		subBuiltin("gsub", true),
		&eval.Builtin{Name: "regexpr", Formals: []string{"pattern", "text", "ignore.case = FALSE", "perl = FALSE", "fixed = FALSE", "useBytes = FALSE"}, Fn: func(c *eval.Frame, a []eval.Value) (eval.Value, error) {
			p, o, err := rxArgs(c, "regexpr", a[0], a[2], a[3], a[4])
			if err != nil {
				return nil, err
			}
			x, err := textArg(c, a[1])
			if err != nil {
				return nil, err
			}
			pos := make([]int32, len(x))
			ml := make([]int32, len(x))
			ascii := true
			var caps [][]int // per element submatch offsets in chars
			for i, s := range x {
				if p == nil || eval.IsNAString(s) {
					pos[i], ml[i] = eval.NAInt, eval.NAInt
					continue
				}
				ascii = ascii && isASCII(s)
				loc := p.find(s, 0)
				if loc == nil {
					pos[i], ml[i] = -1, -1
					caps = append(caps, nil)
					continue
				}
				st := runeIndex(s, loc[0])
				pos[i] = int32(st + 1)
				ml[i] = int32(runeIndex(s, loc[1]) - st)
				caps = append(caps, loc)
			}
			r := eval.NewInt(pos)
			r.SetAttr("match.length", eval.NewInt(ml))
			matchAttrs(r, ascii, o)
			if o.perl && p != nil && p.numSubexp() > 0 {
				addCaptures(r, p, x, caps)
			}
			return r, nil
		}},
		&eval.Builtin{Name: "gregexpr", Formals: []string{"pattern", "text", "ignore.case = FALSE", "perl = FALSE", "fixed = FALSE", "useBytes = FALSE"}, Fn: func(c *eval.Frame, a []eval.Value) (eval.Value, error) {
			p, o, err := rxArgs(c, "gregexpr", a[0], a[2], a[3], a[4])
			if err != nil {
				return nil, err
			}
			x, err := textArg(c, a[1])
			if err != nil {
				return nil, err
			}
			out := make([]eval.Value, len(x))
			for i, s := range x {
				var pos, ml []int32
				if p == nil || eval.IsNAString(s) {
					pos, ml = []int32{eval.NAInt}, []int32{eval.NAInt}
				} else {
					for _, loc := range gregexprAll(p, s) {
						st := runeIndex(s, loc[0])
						pos = append(pos, int32(st+1))
						ml = append(ml, int32(runeIndex(s, loc[1])-st))
					}
					if pos == nil {
						pos, ml = []int32{-1}, []int32{-1}
					}
				}
				r := eval.NewInt(pos)
				r.SetAttr("match.length", eval.NewInt(ml))
				matchAttrs(r, eval.IsNAString(s) || isASCII(s), o)
				out[i] = r
			}
			return eval.NewList(out, nil), nil
		}},
		&eval.Builtin{Name: "regmatches", Formals: []string{"x", "m", "invert = FALSE"}, Fn: builtinRegmatches},
		&eval.Builtin{Name: "regexec", Formals: []string{"pattern", "text", "ignore.case = FALSE", "perl = FALSE", "fixed = FALSE", "useBytes = FALSE"}, Fn: func(c *eval.Frame, a []eval.Value) (eval.Value, error) {
			// regexec: for each text, the start of the first match and of
			// each parenthesised group (-1 when none), with match.length
			p, o, err := rxArgs(c, "regexec", a[0], a[2], a[3], a[4])
			if err != nil {
				return nil, err
			}
			x, err := textArg(c, a[1])
			if err != nil {
				return nil, err
			}
			out := make([]eval.Value, len(x))
			for i, s := range x {
				var pos, ml []int32
				switch {
				case p == nil || eval.IsNAString(s):
					pos, ml = []int32{eval.NAInt}, []int32{eval.NAInt}
				default:
					loc := p.find(s, 0)
					if loc == nil {
						pos, ml = []int32{-1}, []int32{-1}
						break
					}
					for g := 0; 2*g+1 < len(loc) && g <= p.numSubexp(); g++ {
						if loc[2*g] < 0 {
							// an unmatched optional group: R reports
							// start 0, length 0 (TRE's -1 offsets)
							pos, ml = append(pos, 0), append(ml, 0)
							continue
						}
						st := runeIndex(s, loc[2*g])
						pos = append(pos, int32(st+1))
						ml = append(ml, int32(runeIndex(s, loc[2*g+1])-st))
					}
				}
				r := eval.NewInt(pos)
				r.SetAttr("match.length", eval.NewInt(ml))
				if !eval.IsNAString(s) {
					matchAttrs(r, isASCII(s), o)
				}
				out[i] = r
			}
			return eval.NewList(out, nil), nil
		}},
	)
}

// gregexprAll finds matches the way R's gregexpr walks the string: search
// from an offset (never at the very end), after an empty match move on by
// one character, after a match continue at its end. A pattern anchored
// with ^ matches only at the start.
func gregexprAll(p *rxPattern, s string) [][]int {
	var out [][]int
	for off := 0; off < len(s); {
		if off > 0 && p.anchored {
			break
		}
		loc := p.find(s, off)
		if loc == nil {
			break
		}
		out = append(out, loc)
		if loc[1] > loc[0] {
			off = loc[1]
		} else {
			if loc[0] >= len(s) {
				break
			}
			_, w := utf8.DecodeRuneInString(s[loc[0]:])
			off = loc[0] + w
		}
	}
	return out
}

func matchAttrs(r *eval.Integer, ascii bool, o rxOpts) {
	r.SetAttr("index.type", eval.NewStr1("chars"))
	r.SetAttr("useBytes", eval.Bool(ascii && !o.fixed || ascii))
}

// addCaptures adds perl = TRUE's capture.start/length/names attributes.
func addCaptures(r *eval.Integer, p *rxPattern, x []string, locs [][]int) {
	ng := p.numSubexp()
	n := len(x)
	start := make([]int32, n*ng)
	length := make([]int32, n*ng)
	for i, s := range x {
		for g := 0; g < ng; g++ {
			k := g*n + i
			if i >= len(locs) || locs[i] == nil || locs[i][2*g+2] < 0 {
				start[k], length[k] = -1, -1
				continue
			}
			loc := locs[i]
			st := runeIndex(s, loc[2*g+2])
			start[k] = int32(st + 1)
			length[k] = int32(runeIndex(s, loc[2*g+3]) - st)
		}
	}
	names := p.subexpNames()[1:]
	dn := eval.NewList([]eval.Value{eval.Null, eval.NewStr(names)}, nil)
	cs := eval.NewInt(start)
	cs.SetAttr("dim", eval.NewInt([]int32{int32(n), int32(ng)}))
	cs.SetAttr("dimnames", dn)
	cl := eval.NewInt(length)
	cl.SetAttr("dim", eval.NewInt([]int32{int32(n), int32(ng)}))
	cl.SetAttr("dimnames", dn)
	r.SetAttr("capture.start", cs)
	r.SetAttr("capture.length", cl)
	r.SetAttr("capture.names", eval.NewStr(names))
}

func subBuiltin(name string, all bool) *eval.Builtin {
	return &eval.Builtin{Name: name, Formals: []string{"pattern", "replacement", "x", "ignore.case = FALSE", "perl = FALSE", "fixed = FALSE", "useBytes = FALSE"}, Fn: func(c *eval.Frame, a []eval.Value) (eval.Value, error) {
		p, o, err := rxArgs(c, name, a[0], a[3], a[4], a[5])
		if err != nil {
			return nil, err
		}
		rs, ok := coStrings(a[1])
		if !ok || len(rs) < 1 {
			return nil, c.Errorf("invalid '%s' argument", "replacement")
		}
		if len(rs) > 1 {
			if err := c.Warningf("argument '%s' has length > 1 and only the first element will be used", "replacement"); err != nil {
				return nil, err
			}
		}
		repl := rs[0]
		x, err := textArg(c, a[2])
		if err != nil {
			return nil, err
		}
		r := make([]string, len(x))
		for i, s := range x {
			if eval.IsNAString(s) || p == nil {
				r[i] = eval.NAString
				continue
			}
			if eval.IsNAString(repl) {
				if p.match(s) {
					r[i] = eval.NAString
				} else {
					r[i] = s
				}
				continue
			}
			r[i] = rxSub(p, repl, s, all, o.fixed, o.perl)
		}
		res := eval.NewStr(r)
		if !isFactor(a[2]) {
			keepAttrs(res, a[2], true)
		}
		return res, nil
	}}
}

func builtinRegmatches(c *eval.Frame, a []eval.Value) (eval.Value, error) {
	x, err := textArg(c, a[0])
	if err != nil {
		return nil, err
	}
	invert, err := argBool(c, a[2], "invert")
	if err != nil {
		return nil, err
	}
	piece := func(s string, pos, ml []int32) []string {
		// character offsets -> substrings
		rs := []rune(s)
		if invert {
			var out []string
			last := 0
			for k := range pos {
				if pos[k] < 1 {
					continue
				}
				st := int(pos[k]) - 1
				out = append(out, string(rs[last:st]))
				last = st + int(ml[k])
			}
			return append(out, string(rs[last:]))
		}
		var out []string
		for k := range pos {
			if pos[k] == 0 {
				// regexec's unmatched group: substring(x, 0, -1)
				out = append(out, "")
				continue
			}
			if pos[k] < 1 {
				continue
			}
			st := int(pos[k]) - 1
			out = append(out, string(rs[st:st+int(ml[k])]))
		}
		return out
	}
	switch m := a[1].(type) {
	case *eval.Integer:
		mlv, ok := m.Attr("match.length").(*eval.Integer)
		if !ok || len(mlv.V) != len(m.V) {
			return nil, c.Errorf("'m' is invalid")
		}
		if len(m.V) != len(x) {
			return nil, c.Errorf("‘x’ and ‘m’ must have the same length")
		}
		if invert {
			out := make([]eval.Value, len(x))
			for i, s := range x {
				out[i] = eval.NewStr(piece(s, m.V[i:i+1], mlv.V[i:i+1]))
			}
			return eval.NewList(out, nil), nil
		}
		var out []string
		var nm []string
		names := eval.Names(a[0])
		for i, s := range x {
			if m.V[i] < 1 || eval.IsNAString(s) {
				continue
			}
			out = append(out, piece(s, m.V[i:i+1], mlv.V[i:i+1])...)
			if names != nil {
				nm = append(nm, names[i])
			}
		}
		if out == nil {
			out = []string{}
		}
		r := eval.NewStr(out)
		if names != nil {
			r.SetAttr("names", eval.NewStr(nm))
		}
		return r, nil
	case *eval.List:
		if len(m.V) != len(x) {
			return nil, c.Errorf("‘x’ and ‘m’ must have the same length")
		}
		out := make([]eval.Value, len(x))
		for i, s := range x {
			mi, ok := m.V[i].(*eval.Integer)
			if !ok {
				return nil, c.Errorf("'m' is invalid")
			}
			ml, _ := mi.Attr("match.length").(*eval.Integer)
			if ml == nil || len(ml.V) != len(mi.V) {
				return nil, c.Errorf("'m' is invalid")
			}
			p := piece(s, mi.V, ml.V)
			if p == nil {
				p = []string{}
			}
			out[i] = eval.NewStr(p)
		}
		r := eval.NewList(out, nil)
		if n := namesOf(a[0]); n != nil {
			r.SetAttr("names", n)
		}
		return r, nil
	}
	return nil, c.Errorf("'m' is invalid")
}
