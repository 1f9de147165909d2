package lang

import (
	"os"
	"path/filepath"
	"sort"
	"strings"
	"unicode"

	"torchr/lang/eval"
	"torchr/lang/help"
	"torchr/lang/syntax"
)

// Complete returns the completions for src at cursor (counted in Unicode
// code points), for the REPL's Tab and the kernel's complete_request. Each
// match replaces the runes [start, end) of src. It offers:
//   - inside a string: file names;
//   - after x$ (x a variable, or a chain of members of one: list
//     elements, environment bindings, listed members of Go values such as
//     a module's submodules): the members of x (list names, environment
//     bindings, the DollarNames of Go values), never evaluating an R call;
//   - otherwise: argument names of the call around the cursor ("in_features
//     = "), then variables and functions in scope, every builtin and R's
//     reserved words.
//
// Completion never runs R code with side effects.
func (s *Session) Complete(src string, cursor int) (matches []string, start, end int) {
	rs := []rune(src)
	if cursor < 0 {
		cursor = 0
	}
	if cursor > len(rs) {
		cursor = len(rs)
	}
	end = cursor
	ctx := scanContext(rs[:cursor])
	if ctx.inString {
		typed := string(rs[ctx.strStart:cursor])
		// x[["na or x["na: the names of x
		if q := ctx.strStart - 1; q >= 2 && rs[q-1] == '[' {
			b := q - 1
			if rs[b-1] == '[' {
				b--
			}
			if obj := objectBefore(rs, b); obj != "" {
				var out []string
				for _, n := range memberNamesOf(s.resolveObject(obj)) {
					if strings.HasPrefix(n, typed) {
						out = append(out, n)
					}
				}
				return out, ctx.strStart, end
			}
		}
		return completeFile(typed), ctx.strStart, end
	}
	if ctx.inComment {
		return nil, cursor, cursor
	}
	start = cursor
	for start > 0 && isIdentRune(rs[start-1]) {
		start--
	}
	prefix := string(rs[start:cursor])
	// x$pre or x@pre
	if j := skipSpaceBack(rs, start); j > 0 && (rs[j-1] == '$' || rs[j-1] == '@') {
		obj := objectBefore(rs, j-1)
		if obj == "" {
			return nil, start, end
		}
		return s.memberMatches(obj, prefix), start, end
	}
	// numbers are not names
	if prefix != "" && (unicode.IsDigit(rs[start]) || (rs[start] == '.' && len(rs) > start+1 && unicode.IsDigit(rs[start+1]))) {
		return nil, start, end
	}
	// ?topic: help topics too (Arithmetic, Extract, ...)
	if j := skipSpaceBack(rs, start); j > 0 && rs[j-1] == '?' && prefix != "" {
		names := append(s.scopeNames(), help.Topics()...)
		sort.Strings(names)
		var out []string
		for i, n := range names {
			if strings.HasPrefix(n, prefix) && (i == 0 || names[i-1] != n) {
				out = append(out, syntax.QuoteName(n))
			}
		}
		return out, start, end
	}
	// pkg::name: only the name part matters
	if j := start; j >= 2 && rs[j-1] == ':' && rs[j-2] == ':' {
		return filterPrefix(s.scopeNames(), prefix), start, end
	}
	seen := map[string]bool{}
	fn := ctx.callee()
	if (fn == "library" || fn == "require" || fn == "requireNamespace") && prefix != "" {
		for _, p := range sortedKeys(eval.KnownPackages) {
			if strings.HasPrefix(p, prefix) {
				matches = append(matches, p)
				seen[p] = true
			}
		}
	}
	if fn != "" {
		for _, a := range s.argNames(fn) {
			m := syntax.QuoteName(a) + " = "
			if strings.HasPrefix(m, prefix) && !seen[m] {
				seen[m] = true
				matches = append(matches, m)
			}
		}
	}
	if prefix == "" && len(matches) > 0 {
		return matches, start, end
	}
	if prefix == "" {
		return nil, start, end
	}
	for _, n := range filterPrefix(s.scopeNames(), prefix) {
		if !seen[n] {
			seen[n] = true
			matches = append(matches, n)
		}
	}
	return matches, start, end
}

var reserved = []string{"if", "else", "repeat", "while", "function", "for", "next", "break",
	"TRUE", "FALSE", "NULL", "Inf", "NaN", "NA", "NA_integer_", "NA_real_", "NA_character_", "in"}

// scopeNames lists every name visible from the global environment: its
// variables and those of its parents, the builtins and the reserved words.
func (s *Session) scopeNames() []string {
	set := map[string]bool{}
	for e := s.in.Global; e != nil; e = e.Parent {
		for _, n := range e.Names() {
			set[n] = true
		}
	}
	for _, n := range eval.BuiltinNames() {
		set[n] = true
	}
	for _, n := range reserved {
		set[n] = true
	}
	out := make([]string, 0, len(set))
	for _, n := range reserved {
		set[n] = false
	}
	for n, plain := range set {
		if !plain || syntax.IsSyntacticName(n) {
			out = append(out, n)
		}
	}
	sort.Strings(out)
	return out
}

func filterPrefix(names []string, prefix string) []string {
	var out []string
	for _, n := range names {
		if strings.HasPrefix(n, prefix) {
			out = append(out, n)
		}
	}
	return out
}

// lookupQuiet returns the value bound to name (a forced promise's value;
// an unforced promise is not evaluated) or nil.
func (s *Session) lookupQuiet(name string) eval.Value {
	v, ok := s.in.Global.Lookup(name)
	if !ok {
		return nil
	}
	if p, ok := v.(*eval.Promise); ok {
		if p.Env != nil {
			return nil
		}
		return p.Value
	}
	if _, ok := v.(*eval.Dots); ok {
		return nil
	}
	return v
}

// lookupFunction finds the function a call to name would use (skipping
// non-function bindings as R does), without evaluating anything.
func (s *Session) lookupFunction(name string) eval.Value {
	for e := s.in.Global; e != nil; e = e.Parent {
		v, ok := e.GetLocal(name)
		if !ok {
			continue
		}
		if p, ok := v.(*eval.Promise); ok {
			if p.Env != nil {
				continue
			}
			v = p.Value
		}
		switch v.(type) {
		case *eval.Closure, *eval.Builtin, eval.Callable:
			return v
		}
	}
	if b := eval.LookupBuiltin(name); b != nil {
		return b
	}
	return nil
}

// argNames returns the formal argument names of the function called name.
func (s *Session) argNames(name string) []string {
	var out []string
	switch f := s.lookupFunction(name).(type) {
	case *eval.Closure:
		for _, p := range f.Params {
			out = append(out, p.Name)
		}
	case *eval.Builtin:
		out = f.ParamNames()
	}
	var r []string
	for _, n := range out {
		if n != "..." && n != "" {
			r = append(r, n)
		}
	}
	return r
}

// resolveObject evaluates a plain variable reference, optionally followed
// by $member steps through lists and environments (never a call).
func (s *Session) resolveObject(expr string) eval.Value {
	parts := splitDollar(expr)
	if len(parts) == 0 {
		return nil
	}
	v := s.lookupQuiet(parts[0])
	for _, p := range parts[1:] {
		if v == nil {
			return nil
		}
		v = s.memberValue(v, p)
	}
	return v
}

// memberValue steps from v to its member name: a list element, an
// environment binding (an unforced promise is not forced), or for Go values
// (tensors, modules) the member their Dollar gives when DollarNames lists
// it, an attribute lookup in Go that runs no R code.
func (s *Session) memberValue(v eval.Value, name string) (out eval.Value) {
	switch x := v.(type) {
	case eval.HasDollar:
		listed := false
		for _, n := range x.DollarNames() {
			if n == name {
				listed = true
				break
			}
		}
		if !listed {
			return nil
		}
		defer func() {
			if recover() != nil {
				out = nil
			}
		}()
		m, err := x.Dollar(s.in, name)
		if err != nil {
			return nil
		}
		return m
	case *eval.List:
		for i, n := range eval.Names(x) {
			if n == name {
				return x.V[i]
			}
		}
	case *eval.Env:
		if b, ok := x.GetLocal(name); ok {
			if p, ok := b.(*eval.Promise); ok {
				if p.Env != nil {
					return nil
				}
				return p.Value
			}
			return b
		}
	}
	return nil
}

// memberNames lists the $ members of v.
func memberNames(v eval.Value) []string {
	switch x := v.(type) {
	case eval.HasDollar:
		return x.DollarNames()
	case *eval.List:
		return eval.Names(x)
	case *eval.Env:
		return x.Names()
	}
	if a, ok := v.(eval.Attributed); ok {
		return eval.Names(a)
	}
	return nil
}

// memberNamesOf is memberNames without empty and NA names or duplicates.
func memberNamesOf(v eval.Value) []string {
	if v == nil {
		return nil
	}
	var out []string
	seen := map[string]bool{}
	for _, n := range memberNames(v) {
		if n == "" || eval.IsNAString(n) || seen[n] {
			continue
		}
		seen[n] = true
		out = append(out, n)
	}
	return out
}

func sortedKeys(m map[string]bool) []string {
	var out []string
	for k, ok := range m {
		if ok {
			out = append(out, k)
		}
	}
	sort.Strings(out)
	return out
}

func (s *Session) memberMatches(obj, prefix string) []string {
	v := s.resolveObject(obj)
	if v == nil {
		return nil
	}
	var out []string
	seen := map[string]bool{}
	for _, n := range memberNames(v) {
		if n == "" || eval.IsNAString(n) || seen[n] {
			continue
		}
		seen[n] = true
		if strings.HasPrefix(n, prefix) {
			out = append(out, syntax.QuoteName(n))
		}
	}
	return out
}

// splitDollar splits "a$b$`c d`" into its names; nil if expr is anything
// else.
func splitDollar(expr string) []string {
	var parts []string
	rs := []rune(expr)
	i := 0
	for {
		for i < len(rs) && rs[i] == ' ' {
			i++
		}
		if i >= len(rs) {
			return nil
		}
		var name string
		if rs[i] == '`' {
			j := i + 1
			for j < len(rs) && rs[j] != '`' {
				j++
			}
			if j >= len(rs) {
				return nil
			}
			name = string(rs[i+1 : j])
			i = j + 1
		} else {
			j := i
			for j < len(rs) && isIdentRune(rs[j]) {
				j++
			}
			if j == i {
				return nil
			}
			name = string(rs[i:j])
			i = j
		}
		parts = append(parts, name)
		for i < len(rs) && rs[i] == ' ' {
			i++
		}
		if i == len(rs) {
			return parts
		}
		if rs[i] != '$' && rs[i] != '@' {
			return nil
		}
		i++
	}
}

// objectBefore returns the text of the name chain ending just before
// position dollar (a "$"), e.g. "x$a" in "f(x$a$", or "" when what precedes
// is not a plain chain of names (a call, an index...).
func objectBefore(rs []rune, dollar int) string {
	i := dollar
	for {
		i = skipSpaceBack(rs, i)
		if i == 0 {
			return ""
		}
		if rs[i-1] == '`' {
			j := i - 2
			for j >= 0 && rs[j] != '`' {
				j--
			}
			if j < 0 {
				return ""
			}
			i = j
		} else {
			j := i
			for j > 0 && isIdentRune(rs[j-1]) {
				j--
			}
			if j == i || unicode.IsDigit(rs[j]) {
				return ""
			}
			i = j
		}
		k := skipSpaceBack(rs, i)
		if k > 0 && (rs[k-1] == '$' || rs[k-1] == '@') {
			i = k - 1
			continue
		}
		return strings.TrimSpace(string(rs[i:dollar]))
	}
}

func skipSpaceBack(rs []rune, i int) int {
	for i > 0 && (rs[i-1] == ' ' || rs[i-1] == '\t') {
		i--
	}
	return i
}

func isIdentRune(r rune) bool {
	return r == '.' || r == '_' || unicode.IsLetter(r) || unicode.IsDigit(r)
}

// scanState is what a forward scan of the text before the cursor learns:
// whether the cursor is in a string or comment, and the open brackets.
type scanState struct {
	inString  bool
	strStart  int // first rune after the opening quote
	inComment bool
	stack     []openBracket
}

type openBracket struct {
	r  rune
	fn string // for "(": the name of the function being called, if plain
}

// callee returns the function whose argument list the cursor is in
// directly ("" if none).
func (st *scanState) callee() string {
	if n := len(st.stack); n > 0 && st.stack[n-1].r == '(' {
		return st.stack[n-1].fn
	}
	return ""
}

func scanContext(rs []rune) scanState {
	var st scanState
	for i := 0; i < len(rs); i++ {
		r := rs[i]
		switch {
		case r == '#':
			for i < len(rs) && rs[i] != '\n' {
				i++
			}
			if i == len(rs) {
				st.inComment = true
			}
		case r == '"' || r == '\'' || r == '`':
			q := r
			j := i + 1
			for j < len(rs) && rs[j] != q {
				if rs[j] == '\\' {
					j++
				}
				j++
			}
			if j >= len(rs) {
				if q != '`' {
					st.inString = true
					st.strStart = i + 1
				}
				return st
			}
			i = j
		case r == '(' || r == '[' || r == '{':
			ob := openBracket{r: r}
			if r == '(' {
				ob.fn = nameBefore(rs, i)
			}
			st.stack = append(st.stack, ob)
		case r == ')' || r == ']' || r == '}':
			if n := len(st.stack); n > 0 {
				st.stack = st.stack[:n-1]
			}
		}
	}
	return st
}

// nameBefore returns the plain function name written just before the "("
// at i (also `name`), "" otherwise (a keyword, a call result, x$f).
func nameBefore(rs []rune, i int) string {
	j := skipSpaceBack(rs, i)
	if j > 0 && rs[j-1] == '`' {
		k := j - 2
		for k >= 0 && rs[k] != '`' {
			k--
		}
		if k < 0 {
			return ""
		}
		return string(rs[k+1 : j-1])
	}
	k := j
	for k > 0 && isIdentRune(rs[k-1]) {
		k--
	}
	if k == j || unicode.IsDigit(rs[k]) {
		return ""
	}
	if k > 0 && (rs[k-1] == '$' || rs[k-1] == '@') {
		return ""
	}
	name := string(rs[k:j])
	switch name {
	case "if", "while", "for", "function", "repeat":
		return ""
	}
	return name
}

// completeFile completes a file name: the text typed inside the string so
// far is a path prefix; directories get a trailing "/".
func completeFile(typed string) []string {
	dir, base := filepath.Split(typed)
	lookDir := dir
	if strings.HasPrefix(lookDir, "~/") || lookDir == "~" {
		if home, err := os.UserHomeDir(); err == nil {
			lookDir = filepath.Join(home, lookDir[1:])
		}
	}
	if lookDir == "" {
		lookDir = "."
	}
	ents, err := os.ReadDir(lookDir)
	if err != nil {
		return nil
	}
	var out []string
	for _, e := range ents {
		n := e.Name()
		if !strings.HasPrefix(n, base) {
			continue
		}
		if strings.HasPrefix(n, ".") && !strings.HasPrefix(base, ".") {
			continue
		}
		m := dir + n
		if e.IsDir() {
			m += "/"
		}
		out = append(out, m)
	}
	sort.Strings(out)
	return out
}
