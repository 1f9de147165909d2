package base

// A small backtracking regular-expression engine for the patterns Go's
// RE2 cannot run: lookahead and lookbehind ((?=, (?!, (?<=, (?<!) and back
// references (\1) in the pattern. rxCompile falls back to it only when the
// RE2 translation fails, so ordinary patterns keep RE2's linear time.
// Matching follows Perl/PCRE's leftmost-first priorities.

import (
	"errors"
	"strconv"
	"strings"
	"unicode"
	"unicode/utf8"
)

type btKind int

const (
	btLit btKind = iota
	btAny
	btClass
	btBegin
	btEnd
	btWordB
	btNotWordB
	btGroup
	btAlt
	btConcat
	btRepeat
	btBackref
	btLook
)

type btRange struct{ lo, hi rune }

type btNode struct {
	kind     btKind
	r        rune
	icase    bool
	dotNL    bool // . matches \n
	ranges   []btRange
	funcs    []func(rune) bool
	negate   bool
	subs     []*btNode
	capIdx   int // group: capture index, 0 = non-capturing
	min, max int // repeat; max < 0 is unbounded
	greedy   bool
	ahead    bool // look: lookahead (else lookbehind)
}

type btRegex struct {
	root  *btNode
	ncap  int
	names []string // index i+1 -> name of group i+1
}

type btParser struct {
	src   string
	pos   int
	icase bool
	dotNL bool
	ncap  int
	names []string
}

var errBt = errors.New("invalid regexp")

func btCompile(pat string, icase, dotNL bool) (*btRegex, error) {
	p := &btParser{src: pat, icase: icase, dotNL: dotNL}
	n, err := p.alt()
	if err != nil {
		return nil, err
	}
	if p.pos < len(p.src) {
		return nil, errors.New("Missing ')'")
	}
	return &btRegex{root: n, ncap: p.ncap, names: p.names}, nil
}

func (p *btParser) more() bool { return p.pos < len(p.src) }

func (p *btParser) peek() rune {
	r, _ := utf8.DecodeRuneInString(p.src[p.pos:])
	return r
}

func (p *btParser) next() rune {
	r, w := utf8.DecodeRuneInString(p.src[p.pos:])
	p.pos += w
	return r
}

func (p *btParser) alt() (*btNode, error) {
	var alts []*btNode
	for {
		c, err := p.concat()
		if err != nil {
			return nil, err
		}
		alts = append(alts, c)
		if p.more() && p.peek() == '|' {
			p.pos++
			continue
		}
		break
	}
	if len(alts) == 1 {
		return alts[0], nil
	}
	return &btNode{kind: btAlt, subs: alts}, nil
}

func (p *btParser) concat() (*btNode, error) {
	var items []*btNode
	for p.more() {
		c := p.peek()
		if c == '|' || c == ')' {
			break
		}
		atom, err := p.atom()
		if err != nil {
			return nil, err
		}
		if atom == nil {
			continue
		}
		atom, err = p.quant(atom)
		if err != nil {
			return nil, err
		}
		items = append(items, atom)
	}
	return &btNode{kind: btConcat, subs: items}, nil
}

func (p *btParser) quant(a *btNode) (*btNode, error) {
	for p.more() {
		c := p.peek()
		min, max := -1, -1
		switch c {
		case '*':
			min, max = 0, -1
			p.pos++
		case '+':
			min, max = 1, -1
			p.pos++
		case '?':
			min, max = 0, 1
			p.pos++
		case '{':
			end := strings.IndexByte(p.src[p.pos:], '}')
			if end < 0 {
				return a, nil
			}
			body := p.src[p.pos+1 : p.pos+end]
			lo, hi, ok := strings.Cut(body, ",")
			n1, err1 := strconv.Atoi(lo)
			if err1 != nil {
				return a, nil // literal {
			}
			min, max = n1, n1
			if ok {
				if hi == "" {
					max = -1
				} else if n2, err := strconv.Atoi(hi); err == nil {
					max = n2
				} else {
					return a, nil
				}
			}
			p.pos += end + 1
		default:
			return a, nil
		}
		if a.kind == btBegin || a.kind == btEnd {
			return nil, errors.New("Invalid use of repetition operators")
		}
		greedy := true
		if p.more() && p.peek() == '?' {
			greedy = false
			p.pos++
		} else if p.more() && p.peek() == '+' {
			p.pos++
		}
		a = &btNode{kind: btRepeat, subs: []*btNode{a}, min: min, max: max, greedy: greedy}
	}
	return a, nil
}

func (p *btParser) atom() (*btNode, error) {
	c := p.next()
	switch c {
	case '.':
		return &btNode{kind: btAny, dotNL: p.dotNL}, nil
	case '^':
		return &btNode{kind: btBegin}, nil
	case '$':
		return &btNode{kind: btEnd}, nil
	case '[':
		return p.class()
	case '(':
		return p.group()
	case '\\':
		return p.escape(false)
	case '*', '+', '?':
		return nil, errors.New("Invalid use of repetition operators")
	}
	return &btNode{kind: btLit, r: c, icase: p.icase}, nil
}

func (p *btParser) group() (*btNode, error) {
	capIdx := 0
	look := -1 // 0 ahead, 1 behind
	negate := false
	if strings.HasPrefix(p.src[p.pos:], "?") {
		rest := p.src[p.pos+1:]
		switch {
		case strings.HasPrefix(rest, ":"), strings.HasPrefix(rest, ">"):
			p.pos += 2
		case strings.HasPrefix(rest, "="), strings.HasPrefix(rest, "!"):
			look, negate = 0, rest[0] == '!'
			p.pos += 2
		case strings.HasPrefix(rest, "<="), strings.HasPrefix(rest, "<!"):
			look, negate = 1, rest[1] == '!'
			p.pos += 3
		case strings.HasPrefix(rest, "<"), strings.HasPrefix(rest, "P<"):
			start := strings.IndexByte(rest, '<') + 1
			end := strings.IndexByte(rest, '>')
			if end < 0 {
				return nil, errBt
			}
			p.ncap++
			capIdx = p.ncap
			for len(p.names) < p.ncap {
				p.names = append(p.names, "")
			}
			p.names[capIdx-1] = rest[start:end]
			p.pos += 1 + end + 1
		default:
			// inline flags (?i) (?s) (?-i) ...
			end := strings.IndexAny(rest, "):")
			if end < 0 {
				return nil, errBt
			}
			on := true
			for _, f := range rest[:end] {
				switch f {
				case '-':
					on = false
				case 'i':
					p.icase = on
				case 's':
					p.dotNL = on
				case 'm', 'x', 'U':
				default:
					return nil, errBt
				}
			}
			p.pos += 1 + end
			if rest[end] == ')' {
				p.pos++
				return nil, nil
			}
			p.pos++ // (?i: ... )
		}
	} else {
		p.ncap++
		capIdx = p.ncap
		for len(p.names) < p.ncap {
			p.names = append(p.names, "")
		}
	}
	body, err := p.alt()
	if err != nil {
		return nil, err
	}
	if !p.more() || p.peek() != ')' {
		return nil, errors.New("Missing ')'")
	}
	p.pos++
	if look >= 0 {
		return &btNode{kind: btLook, subs: []*btNode{body}, ahead: look == 0, negate: negate}, nil
	}
	return &btNode{kind: btGroup, subs: []*btNode{body}, capIdx: capIdx}, nil
}

func isWordRune(r rune) bool {
	return r == '_' || r >= '0' && r <= '9' || r >= 'a' && r <= 'z' || r >= 'A' && r <= 'Z'
}

var posixClasses = map[string]func(rune) bool{
	"alpha":  unicode.IsLetter,
	"digit":  func(r rune) bool { return r >= '0' && r <= '9' },
	"alnum":  func(r rune) bool { return unicode.IsLetter(r) || unicode.IsDigit(r) },
	"upper":  unicode.IsUpper,
	"lower":  unicode.IsLower,
	"space":  unicode.IsSpace,
	"blank":  func(r rune) bool { return r == ' ' || r == '\t' },
	"punct":  func(r rune) bool { return r < 128 && unicode.IsPunct(r) || r < 128 && unicode.IsSymbol(r) },
	"xdigit": func(r rune) bool { return strings.ContainsRune("0123456789abcdefABCDEF", r) },
	"cntrl":  unicode.IsControl,
	"print":  func(r rune) bool { return unicode.IsPrint(r) },
	"graph":  func(r rune) bool { return unicode.IsPrint(r) && r != ' ' },
	"word":   isWordRune,
}

// escape parses the character after a backslash; inClass limits it to
// what a class may hold.
func (p *btParser) escape(inClass bool) (*btNode, error) {
	if !p.more() {
		return nil, errors.New("Trailing backslash")
	}
	c := p.next()
	cls := func(f func(rune) bool, neg bool) *btNode {
		return &btNode{kind: btClass, funcs: []func(rune) bool{f}, negate: neg}
	}
	switch c {
	case 'd':
		return cls(func(r rune) bool { return r >= '0' && r <= '9' }, false), nil
	case 'D':
		return cls(func(r rune) bool { return r >= '0' && r <= '9' }, true), nil
	case 'w':
		return cls(isWordRune, false), nil
	case 'W':
		return cls(isWordRune, true), nil
	case 's':
		return cls(unicode.IsSpace, false), nil
	case 'S':
		return cls(unicode.IsSpace, true), nil
	case 'h':
		return cls(func(r rune) bool { return r == ' ' || r == '\t' }, false), nil
	case 'n':
		return &btNode{kind: btLit, r: '\n'}, nil
	case 't':
		return &btNode{kind: btLit, r: '\t'}, nil
	case 'r':
		return &btNode{kind: btLit, r: '\r'}, nil
	case 'f':
		return &btNode{kind: btLit, r: '\f'}, nil
	case 'v':
		return &btNode{kind: btLit, r: '\v'}, nil
	case 'e':
		return &btNode{kind: btLit, r: 0x1b}, nil
	case 'x':
		var hex string
		if p.more() && p.peek() == '{' {
			end := strings.IndexByte(p.src[p.pos:], '}')
			if end < 0 {
				return nil, errBt
			}
			hex = p.src[p.pos+1 : p.pos+end]
			p.pos += end + 1
		} else {
			end := p.pos
			for end < len(p.src) && end < p.pos+2 && strings.IndexByte("0123456789abcdefABCDEF", p.src[end]) >= 0 {
				end++
			}
			hex = p.src[p.pos:end]
			p.pos = end
		}
		v, err := strconv.ParseUint(hex, 16, 32)
		if err != nil {
			return nil, errBt
		}
		return &btNode{kind: btLit, r: rune(v), icase: p.icase}, nil
	}
	if !inClass {
		switch c {
		case 'b':
			return &btNode{kind: btWordB}, nil
		case 'B':
			return &btNode{kind: btNotWordB}, nil
		case '<', '>':
			return &btNode{kind: btWordB}, nil
		case 'A':
			return &btNode{kind: btBegin}, nil
		case 'z', 'Z':
			return &btNode{kind: btEnd}, nil
		}
		if c >= '1' && c <= '9' {
			n := int(c - '0')
			for p.more() && p.peek() >= '0' && p.peek() <= '9' && n*10+int(p.peek()-'0') <= p.ncap {
				n = n*10 + int(p.next()-'0')
			}
			return &btNode{kind: btBackref, capIdx: n, icase: p.icase}, nil
		}
	}
	return &btNode{kind: btLit, r: c, icase: p.icase}, nil
}

func (p *btParser) class() (*btNode, error) {
	n := &btNode{kind: btClass, icase: p.icase}
	if p.more() && p.peek() == '^' {
		n.negate = true
		p.pos++
	}
	first := true
	for {
		if !p.more() {
			return nil, errors.New("Missing ']'")
		}
		c := p.next()
		if c == ']' && !first {
			break
		}
		first = false
		if c == '[' && p.more() && p.peek() == ':' {
			end := strings.Index(p.src[p.pos:], ":]")
			if end < 0 {
				return nil, errors.New("Missing ']'")
			}
			name := p.src[p.pos+1 : p.pos+end]
			f, ok := posixClasses[name]
			if !ok {
				return nil, errors.New("Unknown character class name")
			}
			n.funcs = append(n.funcs, f)
			p.pos += end + 2
			continue
		}
		lo := c
		if c == '\\' {
			e, err := p.escape(true)
			if err != nil {
				return nil, err
			}
			if e.kind == btClass {
				f := e.funcs[0]
				if e.negate {
					g := f
					f = func(r rune) bool { return !g(r) }
				}
				n.funcs = append(n.funcs, f)
				continue
			}
			lo = e.r
		}
		hi := lo
		if p.pos+1 < len(p.src) && p.src[p.pos] == '-' && p.src[p.pos+1] != ']' {
			p.pos++
			hi = p.next()
			if hi == '\\' {
				e, err := p.escape(true)
				if err != nil {
					return nil, err
				}
				hi = e.r
			}
			if hi < lo {
				return nil, errors.New("Invalid character range")
			}
		}
		n.ranges = append(n.ranges, btRange{lo, hi})
	}
	return n, nil
}

// ---- matching ----------------------------------------------------------

type btMatcher struct {
	s    string
	caps []int // 2 per group (group 0 = whole match)
	// steps bounds the work of one search (catastrophic backtracking).
	steps int
}

const btMaxSteps = 10_000_000

func (n *btNode) classMatch(r rune) bool {
	in := false
	for _, rg := range n.ranges {
		if r >= rg.lo && r <= rg.hi {
			in = true
			break
		}
		if n.icase {
			l, u := unicode.ToLower(r), unicode.ToUpper(r)
			if l >= rg.lo && l <= rg.hi || u >= rg.lo && u <= rg.hi {
				in = true
				break
			}
		}
	}
	if !in {
		for _, f := range n.funcs {
			if f(r) {
				in = true
				break
			}
		}
	}
	return in != n.negate
}

func (m *btMatcher) wordAt(i int) bool {
	if i < 0 || i >= len(m.s) {
		return false
	}
	r, _ := utf8.DecodeRuneInString(m.s[i:])
	return isWordRune(r)
}

func (m *btMatcher) wordBefore(i int) bool {
	if i <= 0 {
		return false
	}
	r, _ := utf8.DecodeLastRuneInString(m.s[:i])
	return isWordRune(r)
}

// match tries n at position i and calls k with the end position; it
// returns true as soon as a continuation succeeds.
func (m *btMatcher) match(n *btNode, i int, k func(int) bool) bool {
	m.steps++
	if m.steps > btMaxSteps {
		return false
	}
	s := m.s
	switch n.kind {
	case btLit:
		if i >= len(s) {
			return false
		}
		r, w := utf8.DecodeRuneInString(s[i:])
		if r != n.r && !(n.icase && unicode.ToLower(r) == unicode.ToLower(n.r)) {
			return false
		}
		return k(i + w)
	case btAny:
		if i >= len(s) {
			return false
		}
		r, w := utf8.DecodeRuneInString(s[i:])
		if r == '\n' && !n.dotNL {
			return false
		}
		return k(i + w)
	case btClass:
		if i >= len(s) {
			return false
		}
		r, w := utf8.DecodeRuneInString(s[i:])
		if !n.classMatch(r) {
			return false
		}
		return k(i + w)
	case btBegin:
		return i == 0 && k(i)
	case btEnd:
		return (i == len(s) || i == len(s)-1 && s[i] == '\n') && k(i)
	case btWordB:
		return m.wordBefore(i) != m.wordAt(i) && k(i)
	case btNotWordB:
		return m.wordBefore(i) == m.wordAt(i) && k(i)
	case btConcat:
		return m.seq(n.subs, 0, i, k)
	case btAlt:
		for _, a := range n.subs {
			if m.match(a, i, k) {
				return true
			}
		}
		return false
	case btGroup:
		if n.capIdx == 0 {
			return m.match(n.subs[0], i, k)
		}
		oldS, oldE := m.caps[2*n.capIdx], m.caps[2*n.capIdx+1]
		ok := m.match(n.subs[0], i, func(j int) bool {
			ps, pe := m.caps[2*n.capIdx], m.caps[2*n.capIdx+1]
			m.caps[2*n.capIdx], m.caps[2*n.capIdx+1] = i, j
			if k(j) {
				return true
			}
			m.caps[2*n.capIdx], m.caps[2*n.capIdx+1] = ps, pe
			return false
		})
		if !ok {
			m.caps[2*n.capIdx], m.caps[2*n.capIdx+1] = oldS, oldE
		}
		return ok
	case btRepeat:
		return m.rep(n, i, 0, -1, k)
	case btBackref:
		if 2*n.capIdx+1 >= len(m.caps) {
			return false
		}
		bs, be := m.caps[2*n.capIdx], m.caps[2*n.capIdx+1]
		if bs < 0 {
			return false
		}
		sub := s[bs:be]
		if i+len(sub) > len(s) {
			return false
		}
		got := s[i : i+len(sub)]
		if got != sub && !(n.icase && strings.EqualFold(got, sub)) {
			return false
		}
		return k(i + len(sub))
	case btLook:
		saved := append([]int(nil), m.caps...)
		var found bool
		if n.ahead {
			found = m.match(n.subs[0], i, func(int) bool { return true })
		} else {
			for st := i; st >= 0 && !found; st-- {
				if st < len(s) && !utf8.RuneStart(s[st]) {
					continue
				}
				found = m.match(n.subs[0], st, func(j int) bool { return j == i })
			}
		}
		if n.negate {
			copy(m.caps, saved)
			return !found && k(i)
		}
		if !found {
			copy(m.caps, saved)
			return false
		}
		if k(i) {
			return true
		}
		copy(m.caps, saved)
		return false
	}
	return false
}

func (m *btMatcher) seq(items []*btNode, idx, i int, k func(int) bool) bool {
	if idx == len(items) {
		return k(i)
	}
	return m.match(items[idx], i, func(j int) bool { return m.seq(items, idx+1, j, k) })
}

// rep matches n.subs[0] repeatedly (count so far, last start position to
// stop zero-width loops).
func (m *btMatcher) rep(n *btNode, i, count, last int, k func(int) bool) bool {
	canMore := (n.max < 0 || count < n.max) && i != last
	if count < n.min {
		return m.match(n.subs[0], i, func(j int) bool { return m.rep(n, j, count+1, i, k) })
	}
	if n.greedy {
		if canMore && m.match(n.subs[0], i, func(j int) bool { return j != i && m.rep(n, j, count+1, i, k) }) {
			return true
		}
		return k(i)
	}
	if k(i) {
		return true
	}
	return canMore && m.match(n.subs[0], i, func(j int) bool { return j != i && m.rep(n, j, count+1, i, k) })
}

// find returns the submatch offsets of the leftmost match at or after
// start, or nil.
func (re *btRegex) find(s string, start int) []int {
	m := &btMatcher{s: s, caps: make([]int, 2*(re.ncap+1))}
	for st := start; st <= len(s); {
		for i := range m.caps {
			m.caps[i] = -1
		}
		end := -1
		if m.match(re.root, st, func(j int) bool { end = j; return true }) {
			m.caps[0], m.caps[1] = st, end
			return append([]int(nil), m.caps...)
		}
		if m.steps > btMaxSteps || st == len(s) {
			break
		}
		_, w := utf8.DecodeRuneInString(s[st:])
		st += w
	}
	return nil
}

// findAll returns successive non-overlapping matches (Go's rules for
// empty matches).
func (re *btRegex) findAll(s string) [][]int {
	var out [][]int
	prevEnd := -1
	for pos := 0; pos <= len(s); {
		loc := re.find(s, pos)
		if loc == nil {
			break
		}
		if loc[0] == loc[1] && loc[0] == prevEnd {
			if loc[0] >= len(s) {
				break
			}
			_, w := utf8.DecodeRuneInString(s[loc[0]:])
			pos = loc[0] + w
			continue
		}
		out = append(out, loc)
		prevEnd = loc[1]
		if loc[1] > loc[0] {
			pos = loc[1]
		} else {
			if loc[1] >= len(s) {
				break
			}
			_, w := utf8.DecodeRuneInString(s[loc[1]:])
			pos = loc[1] + w
		}
	}
	return out
}
