package lang

import (
	"fmt"
	"strings"

	"torchr/lang/eval"
	"torchr/lang/help"
)

// maxInspectLines bounds the printed form Inspect shows for an object.
const maxInspectLines = 40

// Inspect describes the name at cursor (code points) in src, for the
// kernel's inspect_request and the console: the help page of a function,
// or for a variable its class and printed form. With the cursor on no
// name, it describes the function whose call the cursor is in. Only plain
// variable lookups (and $ steps through lists and environments) are
// evaluated, never a call.
func (s *Session) Inspect(src string, cursor int) (text string, found bool) {
	rs := []rune(src)
	if cursor < 0 {
		cursor = 0
	}
	if cursor > len(rs) {
		cursor = len(rs)
	}
	ctx := scanContext(rs[:cursor])
	if ctx.inComment || ctx.inString {
		if fn := ctx.callee(); fn != "" && ctx.inString {
			return s.describe(fn)
		}
		return "", false
	}
	start, end := cursor, cursor
	for start > 0 && isIdentRune(rs[start-1]) {
		start--
	}
	for end < len(rs) && isIdentRune(rs[end]) {
		end++
	}
	if start == end {
		if fn := ctx.callee(); fn != "" {
			return s.describe(fn)
		}
		return "", false
	}
	name := string(rs[start:end])
	if j := skipSpaceBack(rs, start); j > 0 && (rs[j-1] == '$' || rs[j-1] == '@') {
		if obj := objectBefore(rs, j-1); obj != "" {
			return s.describe(obj + "$" + name)
		}
		return "", false
	}
	return s.describe(name)
}

// describe documents a name or a name$member chain.
func (s *Session) describe(expr string) (string, bool) {
	if !strings.Contains(expr, "$") {
		v := s.lookupQuiet(expr)
		switch v.(type) {
		case nil, *eval.Builtin:
			if t, ok := HelpText(expr); ok {
				return t, true
			}
			if sig := help.Signature(expr); sig != "" {
				return sig + "\n", true
			}
			if v == nil {
				return "", false
			}
		case *eval.Closure:
			if _, user := s.in.Global.GetLocal(expr); !user {
				if t, ok := HelpText(expr); ok {
					return t, true
				}
			}
		}
	}
	v := s.resolveObject(expr)
	if v == nil {
		return "", false
	}
	return s.objectText(expr, v), true
}

func (s *Session) objectText(name string, v eval.Value) string {
	var b strings.Builder
	cls := eval.ImplicitClass(v)
	fmt.Fprintf(&b, "%s\n", name)
	fmt.Fprintf(&b, "Class: %s\n", strings.Join(cls, ", "))
	fmt.Fprintf(&b, "Type: %s, length %d\n\n", v.TypeName(), eval.Length(v))
	printed, err := s.safeFormat(v)
	if err != nil {
		printed = "<cannot print: " + err.Error() + ">\n"
	}
	lines := strings.SplitAfter(printed, "\n")
	if len(lines) > maxInspectLines {
		printed = strings.Join(lines[:maxInspectLines], "") + fmt.Sprintf("... (%d more lines)\n", len(lines)-maxInspectLines)
	}
	b.WriteString(printed)
	return b.String()
}

func (s *Session) safeFormat(v eval.Value) (out string, err error) {
	defer func() {
		if r := recover(); r != nil {
			err = fmt.Errorf("%v", r)
		}
	}()
	if p, ok := v.(eval.Printer); ok {
		return p.PrintText(s.in)
	}
	return s.in.FormatPrint(v, s.in.Global)
}
