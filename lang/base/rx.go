package base

// R regular expressions on Go's regexp package.
//
// R has three dialects: the default extended POSIX regexps (TRE), perl =
// TRUE (PCRE) and fixed = TRUE (literal). All three map onto Go's RE2
// syntax, which already knows [[:alpha:]], \d, \w, \s and \b: TRE's
// leftmost-longest matching becomes Longest() (unless the pattern uses lazy
// quantifiers, which TRE honours too), \< and \> become \b, and PCRE's
// lookaround and back references, which RE2 cannot express, are reported
// as an invalid regular expression.

import (
	"errors"
	"fmt"
	"regexp"
	"regexp/syntax"
	"strings"
	"sync"
	"sync/atomic"
	"unicode/utf8"
)

// rxOpts selects the dialect of a pattern.
type rxOpts struct {
	fixed, perl, icase bool
}

// rxPattern is a compiled R pattern.
type rxPattern struct {
	re    *regexp.Regexp // RE2 pattern; nil for fixed and backtracking ones
	bt    *btRegex       // backtracking pattern (lookaround, back references)
	lit   string         // fixed pattern
	icase bool
	// anchored: the pattern starts with ^ (it can only match at the
	// start of the string).
	anchored bool
}

// numSubexp is the number of capture groups.
func (p *rxPattern) numSubexp() int {
	switch {
	case p.re != nil:
		return p.re.NumSubexp()
	case p.bt != nil:
		return p.bt.ncap
	}
	return 0
}

// subexpNames returns the group names (index 0 is the whole match).
func (p *rxPattern) subexpNames() []string {
	switch {
	case p.re != nil:
		return p.re.SubexpNames()
	case p.bt != nil:
		n := make([]string, p.bt.ncap+1)
		copy(n[1:], p.bt.names)
		return n
	}
	return []string{""}
}

var (
	rxCache  sync.Map // rxKey -> *rxPattern
	rxCacheN atomic.Int64
)

type rxKey struct {
	pat string
	o   rxOpts
}

// rxError is an invalid-pattern error with R's wording.
type rxError struct {
	pat, reason string
	perl        bool
}

func (e *rxError) Error() string {
	if e.perl {
		return fmt.Sprintf("invalid regular expression '%s'", e.pat)
	}
	return fmt.Sprintf("invalid regular expression '%s', reason '%s'", e.pat, e.reason)
}

// rxCompile compiles an R pattern (cached).
func rxCompile(pat string, o rxOpts) (*rxPattern, error) {
	k := rxKey{pat, o}
	if p, ok := rxCache.Load(k); ok {
		return p.(*rxPattern), nil
	}
	p, err := rxCompile1(pat, o)
	if err != nil {
		return nil, err
	}
	// Bound the cache: scripts that build patterns in a loop must not
	// grow it without limit.
	if rxCacheN.Add(1) > 4096 {
		rxCache.Clear()
		rxCacheN.Store(0)
	}
	rxCache.Store(k, p)
	return p, nil
}

func rxCompile1(pat string, o rxOpts) (*rxPattern, error) {
	if o.fixed {
		return &rxPattern{lit: pat, icase: o.icase}, nil
	}
	p, err := rxCompile2(pat, o)
	if err == nil && strings.HasPrefix(pat, "^") && !strings.Contains(pat, "|") {
		p.anchored = true
	}
	return p, err
}

func rxCompile2(pat string, o rxOpts) (*rxPattern, error) {
	src, lazy, err := rxTranslate(pat, o.perl)
	if errors.Is(err, errNeedsBacktrack) {
		bt, berr := btCompile(pat, o.icase, !o.perl)
		if berr != nil {
			return nil, &rxError{pat: pat, reason: berr.Error(), perl: o.perl}
		}
		return &rxPattern{bt: bt}, nil
	}
	if err != nil {
		return nil, &rxError{pat: pat, reason: err.Error(), perl: o.perl}
	}
	if o.icase {
		src = "(?i)" + src
	}
	// R's "." matches a newline (TRE without REG_NEWLINE; PCRE does not,
	// but DOTALL differences rarely matter): keep Go's default for PCRE.
	if !o.perl {
		src = "(?s)" + src
	}
	re, err := regexp.Compile(src)
	if err != nil {
		return nil, &rxError{pat: pat, reason: rxReason(err), perl: o.perl}
	}
	if !o.perl && !lazy {
		re.Longest()
	}
	return &rxPattern{re: re}, nil
}

// rxReason maps a Go regexp error to TRE's reason text.
func rxReason(err error) string {
	var se *syntax.Error
	if errors.As(err, &se) {
		switch se.Code {
		case syntax.ErrMissingParen, syntax.ErrUnexpectedParen:
			return "Missing ')'"
		case syntax.ErrMissingBracket:
			return "Missing ']'"
		case syntax.ErrTrailingBackslash:
			return "Trailing backslash"
		case syntax.ErrInvalidRepeatSize:
			return "Invalid contents of {}"
		case syntax.ErrMissingRepeatArgument, syntax.ErrInvalidRepeatOp:
			return "Invalid use of repetition operators"
		case syntax.ErrInvalidCharRange:
			return "Invalid character range"
		case syntax.ErrInvalidCharClass:
			return "Unknown character class name"
		}
	}
	return "Invalid regexp"
}

// treUnicodeClass maps POSIX classes to Go's Unicode classes for TRE,
// whose classes follow the UTF-8 locale (PCRE's stay ASCII, as in R).
var treUnicodeClass = map[string]string{
	"[:alpha:]": `\p{L}`,
	"[:upper:]": `\p{Lu}`,
	"[:lower:]": `\p{Ll}`,
	"[:alnum:]": `\p{L}\p{Nd}`,
	"[:punct:]": `\p{P}\p{S}`,
}

// errNeedsBacktrack marks patterns RE2 cannot express (lookaround, back
// references): rxCompile runs them on the backtracking engine.
var errNeedsBacktrack = errors.New("needs backtracking")

// rxTranslate rewrites an R pattern into Go syntax. lazy reports whether it
// uses lazy quantifiers.
func rxTranslate(pat string, perl bool) (string, bool, error) {
	var b strings.Builder
	lazy := false
	inClass := false
	classStart := 0
	for i := 0; i < len(pat); i++ {
		c := pat[i]
		if inClass {
			switch {
			case c == '[' && i+1 < len(pat) && (pat[i+1] == ':' || pat[i+1] == '=' || pat[i+1] == '.'):
				end := strings.Index(pat[i+2:], string(pat[i+1])+"]")
				if end < 0 {
					return "", false, errors.New("Missing ']'")
				}
				cls := pat[i : i+2+end+2]
				if u, ok := treUnicodeClass[cls]; ok && !perl {
					// TRE's classes follow the UTF-8 locale.
					cls = u
				}
				b.WriteString(cls)
				i += 1 + end + 2
			case c == ']' && i > classStart:
				inClass = false
				b.WriteByte(c)
			case c == '\\' && !perl:
				// In POSIX brackets a backslash is literal, except
				// that TRE accepts \\ and the Perl-style escapes.
				if i+1 < len(pat) && strings.IndexByte(`\dDsSwW]^-[`, pat[i+1]) >= 0 {
					b.WriteByte('\\')
					b.WriteByte(pat[i+1])
					i++
				} else {
					b.WriteString(`\\`)
				}
			case c == '\\':
				if i+1 >= len(pat) {
					return "", false, errors.New("Trailing backslash")
				}
				b.WriteByte(c)
				b.WriteByte(pat[i+1])
				i++
			default:
				b.WriteByte(c)
			}
			continue
		}
		switch c {
		case '[':
			inClass = true
			b.WriteByte(c)
			classStart = i + 1
			if classStart < len(pat) && pat[classStart] == '^' {
				b.WriteByte('^')
				i++
				classStart++
			}
			if classStart < len(pat) && pat[classStart] == ']' {
				b.WriteString(`\]`)
				i++
				classStart++
			}
		case '\\':
			if i+1 >= len(pat) {
				return "", false, errors.New("Trailing backslash")
			}
			n := pat[i+1]
			i++
			switch {
			case n == '<' || n == '>':
				b.WriteString(`\b`)
			case (n == 'w' || n == 'W') && !perl:
				// TRE's \w is the locale's alnum plus _.
				if n == 'w' {
					b.WriteString(`[\p{L}\p{Nd}_]`)
				} else {
					b.WriteString(`[^\p{L}\p{Nd}_]`)
				}
			case n >= '1' && n <= '9':
				return "", false, errNeedsBacktrack
			case n == 'Q' && perl:
				end := strings.Index(pat[i+1:], `\E`)
				lit := pat[i+1:]
				if end >= 0 {
					lit = pat[i+1 : i+1+end]
					i += end + 2
				} else {
					i = len(pat)
				}
				b.WriteString(regexp.QuoteMeta(lit))
			case n == 'h' && perl:
				b.WriteString(`[\t ]`)
			case n == 'R' && perl:
				b.WriteString(`(?:\r\n|\n|\r)`)
			default:
				b.WriteByte('\\')
				b.WriteByte(n)
			}
		case '(':
			if strings.HasPrefix(pat[i:], "(?=") || strings.HasPrefix(pat[i:], "(?!") ||
				strings.HasPrefix(pat[i:], "(?<=") || strings.HasPrefix(pat[i:], "(?<!") ||
				strings.HasPrefix(pat[i:], "(?>") {
				return "", false, errNeedsBacktrack
			}
			b.WriteByte(c)
		case '*', '+', '?', '}':
			b.WriteByte(c)
			if i+1 < len(pat) && pat[i+1] == '?' {
				lazy = true
				b.WriteByte('?')
				i++
			} else if i+1 < len(pat) && pat[i+1] == '+' && perl {
				// possessive: approximate as greedy
				i++
			}
		default:
			b.WriteByte(c)
		}
	}
	if inClass {
		return "", false, errors.New("Missing ']'")
	}
	return b.String(), lazy, nil
}

// find returns the byte offsets of the first match in s at or after start,
// or nil.
func (p *rxPattern) find(s string, start int) []int {
	if p.bt != nil {
		return p.bt.find(s, start)
	}
	if p.re == nil {
		var i int
		if p.icase {
			i = strings.Index(strings.ToLower(s[start:]), strings.ToLower(p.lit))
		} else {
			i = strings.Index(s[start:], p.lit)
		}
		if i < 0 {
			return nil
		}
		return []int{start + i, start + i + len(p.lit)}
	}
	loc := p.re.FindStringSubmatchIndex(s[start:])
	if loc == nil {
		return nil
	}
	for k := range loc {
		if loc[k] >= 0 {
			loc[k] += start
		}
	}
	return loc
}

// match reports whether s contains a match.
func (p *rxPattern) match(s string) bool {
	if p.bt != nil {
		return p.bt.find(s, 0) != nil
	}
	if p.re == nil {
		if p.icase {
			return strings.Contains(strings.ToLower(s), strings.ToLower(p.lit))
		}
		return strings.Contains(s, p.lit)
	}
	return p.re.MatchString(s)
}

// findAll returns all non-overlapping matches (submatch byte offsets), with
// R's handling of empty matches (an empty match right after a match is
// skipped, as Go does).
func (p *rxPattern) findAll(s string) [][]int {
	if p.bt != nil {
		return p.bt.findAll(s)
	}
	if p.re == nil {
		if p.lit == "" {
			var r [][]int
			for i := range s {
				r = append(r, []int{i, i + utf8.RuneLen(rune(s[i]))})
			}
			return r
		}
		var r [][]int
		for start := 0; start <= len(s); {
			loc := p.find(s, start)
			if loc == nil {
				break
			}
			r = append(r, loc)
			start = loc[1]
		}
		return r
	}
	return p.re.FindAllStringSubmatchIndex(s, -1)
}

// rxReplacement expands an R replacement string for one match: \1..\9 are
// groups (\0 the whole match in TRE), \U \L \E change case (perl = TRUE),
// other escaped characters stand for themselves. fixed replacements are
// literal.
func rxExpand(b *strings.Builder, repl, s string, loc []int, fixed, perl bool) {
	if fixed {
		b.WriteString(repl)
		return
	}
	caseMode := byte(0)
	write := func(t string) {
		switch caseMode {
		case 'U':
			t = strings.ToUpper(t)
		case 'L':
			t = strings.ToLower(t)
		}
		b.WriteString(t)
	}
	for i := 0; i < len(repl); i++ {
		c := repl[i]
		if c != '\\' || i+1 == len(repl) {
			write(string(c))
			continue
		}
		i++
		n := repl[i]
		switch {
		case n >= '0' && n <= '9':
			g := int(n - '0')
			if g == 0 && perl {
				write("0")
				continue
			}
			if 2*g+1 < len(loc) && loc[2*g] >= 0 {
				write(s[loc[2*g]:loc[2*g+1]])
			}
		case perl && (n == 'U' || n == 'L'):
			caseMode = n
		case perl && n == 'E':
			caseMode = 0
		default:
			write(string(n))
		}
	}
}

// rxSub replaces the first (or every, when all) match of p in s.
func rxSub(p *rxPattern, repl, s string, all, fixed, perl bool) string {
	var locs [][]int
	if all {
		locs = p.findAll(s)
	} else if loc := p.find(s, 0); loc != nil {
		locs = [][]int{loc}
	}
	if len(locs) == 0 {
		return s
	}
	var b strings.Builder
	last := 0
	for _, loc := range locs {
		b.WriteString(s[last:loc[0]])
		rxExpand(&b, repl, s, loc, fixed, perl)
		last = loc[1]
	}
	b.WriteString(s[last:])
	return b.String()
}

// runeIndex converts a byte offset in s to a 0-based character offset.
func runeIndex(s string, off int) int {
	return utf8.RuneCountInString(s[:off])
}

func isASCII(s string) bool {
	for i := 0; i < len(s); i++ {
		if s[i] >= 0x80 {
			return false
		}
	}
	return true
}
