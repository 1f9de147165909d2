package base

import (
	"testing"
	"time"
)

// FuzzRegex: compiling and matching any pattern in any dialect must not
// panic or hang.
func FuzzRegex(f *testing.F) {
	for _, s := range []string{"a", "(a)\\1", "(?<=a)b", "[[:alpha:]]+", "x*?", "(?!a).", "\\b\\w+\\b", "[^]a-]", "a{2,3}", "(a|ab)(c|bcd)", "^$", "(?i)A", "\\Q.*\\E"} {
		f.Add(s, "banana abc 123 é", true)
		f.Add(s, "aaa", false)
	}
	f.Fuzz(func(t *testing.T, pat, s string, perl bool) {
		if len(pat) > 40 || len(s) > 200 {
			return
		}
		done := make(chan struct{})
		go func() {
			defer close(done)
			p, err := rxCompile(pat, rxOpts{perl: perl})
			if err != nil {
				return
			}
			p.match(s)
			p.findAll(s)
			gregexprAll(p, s)
			rxSub(p, "<\\1\\U\\0>", s, true, false, perl)
		}()
		select {
		case <-done:
		case <-time.After(10 * time.Second):
			t.Fatalf("pattern %q on %q did not finish", pat, s)
		}
	})
}
