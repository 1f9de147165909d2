package syntax

import (
	"errors"
	"strings"
	"testing"
)

// FuzzParse checks that no input makes the parser panic or hang, that
// every error is an *Error, and that whatever parses survives a
// deparse/parse round trip. Seeds are in testdata/fuzz/FuzzParse.
func FuzzParse(f *testing.F) {
	f.Add("x <- function(a, b = 2) { if (a) b else -a^2 }")
	f.Fuzz(func(t *testing.T, src string) {
		file, err := ParseFile("<text>", src)
		if err != nil {
			var e *Error
			if !errors.As(err, &e) {
				t.Fatalf("error %v (%T) is not *Error", err, err)
			}
			_ = e.Error()
			_ = e.ScriptMessage()
			_ = e.ParseMessage()
			return
		}
		for _, x := range file.Exprs {
			if x.Text != src[x.Start:x.End] {
				t.Fatalf("bad span")
			}
			if _, ok := x.X.(*Ident); ok || hasImag(x.X) {
				continue // (complex constants do not round-trip, in R either)
			}
			text := Deparse(x.X)
			if strings.Contains(text, "e+308") {
				continue
			}
			y, err := ParseExpr(text)
			if err != nil && strings.Contains(err.Error(), "contextstack overflow") {
				continue // deparse may nest deeper than R's 50 brackets
			}
			if err != nil && strings.Contains(err.Error(), "mixing Unicode") {
				continue // invalid UTF-8 next to a control character: R has the same limit
			}
			if err != nil {
				t.Fatalf("deparse of %q is %q, which does not parse: %v", x.Text, text, err)
			}
			if a, b := dumpNorm(x.X), dumpNorm(y); a != b {
				t.Fatalf("round trip of %q through %q changed the tree\n got: %s\nwant: %s", x.Text, text, b, a)
			}
		}
	})
}
