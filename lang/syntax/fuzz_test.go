package syntax

import (
	"errors"
	"flag"
	"fmt"
	"os"
	"path/filepath"
	"strconv"
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

var updateSeeds = flag.Bool("update-seeds", false, "rewrite testdata/fuzz/FuzzParse/seedNNN from testdata/cases.txt")

// TestFuzzSeeds keeps the checked-in seed corpus of FuzzParse in step
// with testdata/cases.txt (one seed per case); -update-seeds rewrites it.
func TestFuzzSeeds(t *testing.T) {
	data, err := os.ReadFile("testdata/cases.txt")
	if err != nil {
		t.Fatal(err)
	}
	n := 0
	for _, l := range strings.Split(string(data), "\n") {
		if l == "" || strings.HasPrefix(l, "//") {
			continue
		}
		src := strings.ReplaceAll(l, "¶", "\n")
		content := "go test fuzz v1\nstring(" + strconv.Quote(src) + ")\n"
		name := filepath.Join("testdata", "fuzz", "FuzzParse", fmt.Sprintf("seed%03d", n))
		n++
		if *updateSeeds {
			if err := os.WriteFile(name, []byte(content), 0o644); err != nil {
				t.Fatal(err)
			}
			continue
		}
		got, err := os.ReadFile(name)
		if err != nil {
			t.Errorf("%v (run go test -run TestFuzzSeeds -update-seeds)", err)
			continue
		}
		// Compare the decoded seed, not its spelling.
		lit := strings.TrimSuffix(strings.TrimPrefix(string(got), "go test fuzz v1\nstring("), ")\n")
		s, err := strconv.Unquote(lit)
		if err != nil || s != src {
			t.Errorf("%s is not case %q (run go test -run TestFuzzSeeds -update-seeds)", name, l)
		}
	}
}
