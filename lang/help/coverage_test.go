package help_test

import (
	"bufio"
	"fmt"
	"os"
	"sort"
	"strings"
	"testing"

	_ "torchr/lang" // registers every builtin (base library, help, progress bars, ...)
	"torchr/lang/eval"
	"torchr/lang/help"
)

// missingPages reads missing.txt: builtins whose pages are still to be
// written, one name a line, "#" comments.
func missingPages(t *testing.T) map[string]bool {
	f, err := os.Open("missing.txt")
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	m := map[string]bool{}
	sc := bufio.NewScanner(f)
	for sc.Scan() {
		l := strings.TrimSpace(sc.Text())
		if i := strings.Index(l, "#"); i >= 0 && !strings.HasPrefix(l, "#") && strings.HasPrefix(l[i:], "# ") {
			l = strings.TrimSpace(l[:i])
		}
		if l == "" || strings.HasPrefix(l, "# ") || l == "#" {
			continue
		}
		m[l] = true
	}
	return m
}

func TestPagesParse(t *testing.T) {
	if err := help.LoadError(); err != nil {
		t.Fatal(err)
	}
	for _, p := range help.Pages() {
		if out := p.Render(); !strings.Contains(out, p.Title) {
			t.Errorf("page %s renders without its title", p.Name())
		}
	}
}

// Every registered builtin has a help page, except the names listed in
// missing.txt; names there that now have a page must leave the list.
func TestEveryBuiltinHasPage(t *testing.T) {
	allowed := missingPages(t)
	var missing, stale []string
	for _, n := range eval.BuiltinNames() {
		if help.Lookup(n) == nil && !allowed[n] {
			missing = append(missing, n)
		}
	}
	for n := range allowed {
		if help.Lookup(n) != nil {
			stale = append(stale, n)
		}
	}
	sort.Strings(missing)
	sort.Strings(stale)
	if len(missing) > 0 {
		t.Errorf("%d builtins have no help page; write one in lang/help/pages/*.md (see package help) or list them in lang/help/missing.txt:\n%s\n\nPage skeletons to fill in:\n\n%s",
			len(missing), strings.Join(missing, "\n"), skeletons(missing))
	}
	if len(stale) > 0 {
		t.Errorf("these names have a page now; remove them from lang/help/missing.txt:\n%s", strings.Join(stale, "\n"))
	}
}

// The arguments a page documents are formals of the builtins it documents
// (so renamed formals show up here), unless one of them takes "...".
func TestPageArgumentsAreFormals(t *testing.T) {
	for _, p := range help.Pages() {
		formals := map[string]bool{}
		builtin := false
		for _, topic := range p.Topics {
			if b := eval.LookupBuiltin(topic); b != nil {
				builtin = true
				for _, f := range b.ParamNames() {
					formals[f] = true
				}
			}
		}
		// arguments of methods reached through "..." (mean's trim, head's
		// n) may be documented with their generic
		if !builtin || formals["..."] {
			continue
		}
		for _, a := range p.Args {
			for _, name := range strings.Split(a.Name, ", ") {
				if !formals[name] {
					t.Errorf("%s: page %s documents argument %q, which none of %v has", p.File, p.Name(), name, p.Topics)
				}
			}
		}
	}
}

func TestUsageDerivedFromFormals(t *testing.T) {
	cases := map[string]string{
		"paste": "paste(..., sep = \" \", collapse = NULL, recycle0 = FALSE)",
		"+":     "e1 + e2",
		"!":     "!x",
		"[[":    "x[[..., exact = TRUE]]",
		"[<-":   "x[...] <- value",
		"$":     "x$name",
	}
	for name, want := range cases {
		if eval.LookupBuiltin(name) == nil {
			continue
		}
		if got := help.UsageOf(name); got != want {
			t.Errorf("UsageOf(%q) = %q, want %q", name, got, want)
		}
	}
	if eval.LookupBuiltin("names<-") != nil {
		if got := help.UsageOf("names<-"); got != "names(x) <- value" {
			t.Errorf("UsageOf(names<-) = %q", got)
		}
	}
}

// skeletons returns page templates for the named builtins, their
// arguments taken from the formals.
func skeletons(names []string) string {
	var b strings.Builder
	for _, n := range names {
		fmt.Fprintf(&b, "# %s\nTITLE\n\nWhat %s does.\n\n## Arguments\n", n, n)
		for _, f := range eval.LookupBuiltin(n).ParamNames() {
			fmt.Fprintf(&b, "%s: ...\n", f)
		}
		fmt.Fprintf(&b, "\n## Example\n%s\n\n", help.UsageOf(n))
	}
	return b.String()
}
