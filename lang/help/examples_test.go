package help_test

import (
	"context"
	"strings"
	"testing"

	"torchr/lang"
	"torchr/lang/help"
)

// Every page's example runs without error (so example(name) works and the
// pages stay true to the implementation).
func TestExamplesRun(t *testing.T) {
	if testing.Short() {
		t.Skip("examples sleep a little")
	}
	for _, p := range help.Pages() {
		if strings.TrimSpace(p.Example) == "" {
			continue
		}
		var out, errs strings.Builder
		s := lang.NewSession(lang.Options{Stdout: &out, Stderr: &errs, Stdin: strings.NewReader(""), MaxSteps: 5e7})
		if err := s.Eval(context.Background(), p.File+":"+p.Name(), p.Example); err != nil {
			t.Errorf("%s: example of %s: %v\n%s", p.File, p.Name(), err, p.Example)
		}
	}
}
