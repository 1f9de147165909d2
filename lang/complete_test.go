package lang

import (
	"context"
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"testing"

	"torchr/lang/eval"
)

func evalOK(t *testing.T, s *Session, src string) {
	t.Helper()
	if err := s.Eval(context.Background(), "<test>", src); err != nil {
		t.Fatalf("%s: %v", src, err)
	}
}

func TestCompleteNames(t *testing.T) {
	s := NewSession(Options{Stdout: new(strings.Builder), Stderr: new(strings.Builder)})
	evalOK(t, s, "my_variable <- 1; my_function <- function(alpha, beta = 2, ...) alpha")
	cases := []struct {
		src   string
		want  []string
		start int
	}{
		{"suppressWarn", []string{"suppressWarnings"}, 0},
		{"x <- suppressWarn", []string{"suppressWarnings"}, 5},
		{"my_v", []string{"my_variable"}, 0},
		{"my_", []string{"my_function", "my_variable"}, 0},
		{"my_function(al", []string{"alpha = "}, 12},
		{"my_function(1, b", []string{"beta = "}, 15}, // then every name starting with b
		{"paste(col", []string{"collapse = "}, 6},
		{"fun", []string{"function"}, 0},
		{"# seq_al", nil, 8},
		{"?Arith", []string{"Arithmetic"}, 1},
		{"1.5", nil, 0},
	}
	for _, c := range cases {
		got, start, end := s.Complete(c.src, len([]rune(c.src)))
		if c.want != nil && !reflect.DeepEqual(got, c.want) {
			// only check that the expected ones lead
			if len(got) < len(c.want) || !reflect.DeepEqual(got[:len(c.want)], c.want) {
				t.Errorf("Complete(%q) = %q, want %q", c.src, got, c.want)
			}
		}
		if c.want == nil && len(got) != 0 {
			t.Errorf("Complete(%q) = %q, want none", c.src, got)
		}
		if start != c.start || end != len([]rune(c.src)) {
			t.Errorf("Complete(%q) range [%d, %d), want [%d, %d)", c.src, start, end, c.start, len([]rune(c.src)))
		}
	}
}

func TestCompleteSeqAlong(t *testing.T) {
	if eval.LookupBuiltin("seq_along") == nil {
		t.Skip("seq_along is not a builtin yet")
	}
	s := NewSession(Options{Stdout: new(strings.Builder), Stderr: new(strings.Builder)})
	if got, _, _ := s.Complete("seq_al", 6); !reflect.DeepEqual(got, []string{"seq_along"}) {
		t.Errorf("got %q", got)
	}
}

func TestCompleteDollar(t *testing.T) {
	s := NewSession(Options{Stdout: new(strings.Builder), Stderr: new(strings.Builder)})
	evalOK(t, s, "x <- list(name = 1, nested = list(deep = 2, `odd name` = 3), other = 4); e <- new.env(); assign('inside', 1, envir = e)")
	cases := []struct {
		src  string
		want []string
	}{
		{"x$na", []string{"name"}},
		{"x$n", []string{"name", "nested"}},
		{"x$", []string{"name", "nested", "other"}},
		{"x$nested$", []string{"deep", "`odd name`"}},
		{"print(x$ot", []string{"other"}},
		{"e$ins", []string{"inside"}},
		{"f()$na", nil}, // never a call
		{"nosuch$a", nil},
	}
	for _, c := range []struct{ src, want string }{{"x[[\"ne", "nested"}, {"x['oth", "other"}} {
		got, start, _ := s.Complete(c.src, len(c.src))
		if len(got) != 1 || got[0] != c.want || start != strings.IndexAny(c.src, "\"'")+1 {
			t.Errorf("Complete(%q) = %q from %d", c.src, got, start)
		}
	}
	if got, _, _ := s.Complete("library(stat", 12); len(got) == 0 || got[0] != "stats" {
		t.Errorf("library(stat: %q", got)
	}
	for _, c := range cases {
		got, start, _ := s.Complete(c.src, len([]rune(c.src)))
		if !reflect.DeepEqual(got, c.want) {
			t.Errorf("Complete(%q) = %q, want %q", c.src, got, c.want)
		}
		if i := strings.LastIndexByte(c.src, '$'); start != len([]rune(c.src[:i+1])) {
			t.Errorf("Complete(%q) start %d", c.src, start)
		}
	}
}

func TestCompleteNoSideEffects(t *testing.T) {
	s := NewSession(Options{Stdout: new(strings.Builder), Stderr: new(strings.Builder)})
	evalOK(t, s, "n <- 0; f <- function() { n <<- n + 1; list(a = 1) }")
	s.Complete("f()$", 4)
	s.Complete("f(", 2)
	evalOK(t, s, "stopifnot(n == 0)")
}

func TestCompleteCursorInMiddle(t *testing.T) {
	s := NewSession(Options{Stdout: new(strings.Builder), Stderr: new(strings.Builder)})
	got, start, end := s.Complete("suppressWarn + 1", 12)
	if len(got) != 1 || got[0] != "suppressWarnings" || start != 0 || end != 12 {
		t.Errorf("got %q [%d, %d)", got, start, end)
	}
	// code points, not bytes
	got, start, _ = s.Complete("\"é\"; suppressWarn", 16)
	if len(got) != 1 || start != 5 {
		t.Errorf("got %q start %d", got, start)
	}
}

func TestCompleteFiles(t *testing.T) {
	dir := t.TempDir()
	os.WriteFile(filepath.Join(dir, "data.csv"), nil, 0o644)
	os.WriteFile(filepath.Join(dir, "data2.csv"), nil, 0o644)
	os.Mkdir(filepath.Join(dir, "dsub"), 0o755)
	s := NewSession(Options{Stdout: new(strings.Builder), Stderr: new(strings.Builder)})
	src := "readLines(\"" + dir + "/d"
	got, start, _ := s.Complete(src, len([]rune(src)))
	want := []string{dir + "/data.csv", dir + "/data2.csv", dir + "/dsub/"}
	if !reflect.DeepEqual(got, want) || start != len("readLines(\"") {
		t.Errorf("got %q start %d", got, start)
	}
	// a closed string is not completed as a file
	src = "x <- 'abc'; suppressWarn"
	got, _, _ = s.Complete(src, len(src))
	if len(got) != 1 || got[0] != "suppressWarnings" {
		t.Errorf("got %q", got)
	}
}

func TestInspect(t *testing.T) {
	s := NewSession(Options{Stdout: new(strings.Builder), Stderr: new(strings.Builder)})
	evalOK(t, s, "x <- list(name = 1, other = 'b'); v <- c(a = 1.5, b = 2); f <- function(a, b = 2) a + b")
	cases := []struct {
		src    string
		cursor int
		want   []string
	}{
		{"paste", 3, []string{"Concatenate Strings", "Usage:", "paste(..., sep"}},
		{"paste(1, ", 9, []string{"Concatenate Strings"}},
		{"v", 1, []string{"Class: numeric", "a   b", "1.5 2.0"}},
		{"x$name", 6, []string{"x$name", "Class: numeric", "[1] 1"}},
		{"x", 1, []string{"Class: list", "$other"}},
		{"f", 1, []string{"Class: function", "function(a, b = 2) a + b"}},
	}
	for _, c := range cases {
		got, ok := s.Inspect(c.src, c.cursor)
		if !ok {
			t.Errorf("Inspect(%q, %d): nothing found", c.src, c.cursor)
			continue
		}
		for _, w := range c.want {
			if !strings.Contains(got, w) {
				t.Errorf("Inspect(%q, %d) = %q, want it to contain %q", c.src, c.cursor, got, w)
			}
		}
	}
	for _, src := range []string{"nosuchname", "# paste", "", "1 + 2"} {
		if got, ok := s.Inspect(src, len(src)); ok {
			t.Errorf("Inspect(%q) = %q, want nothing", src, got)
		}
	}
}

func TestSetInteractive(t *testing.T) {
	var out strings.Builder
	s := NewSession(Options{Stdout: &out, Stderr: &out})
	evalOK(t, s, "interactive()")
	s.SetInteractive(true)
	evalOK(t, s, "interactive(); 'interactive' %in% ls()")
	if out.String() != "[1] FALSE\n[1] TRUE\n[1] FALSE\n" {
		t.Errorf("got %q", out.String())
	}
}

// fakeTensor stands for a Go value with $ members (a tensor, a module).
type fakeTensor struct{ calls *int }

func (fakeTensor) TypeName() string      { return "externalptr" }
func (fakeTensor) Class() []string       { return []string{"torch_tensor", "R7"} }
func (fakeTensor) DollarNames() []string { return []string{"shape", "size", "dtype", "sum"} }
func (f fakeTensor) Dollar(in *eval.Interp, name string) (eval.Value, error) {
	*f.calls++
	return eval.NewStr1(name), nil
}

func TestCompleteGoValueMembers(t *testing.T) {
	s := NewSession(Options{Stdout: new(strings.Builder), Stderr: new(strings.Builder)})
	calls := 0
	s.Env().Assign("x", fakeTensor{&calls})
	got, start, _ := s.Complete("x$s", 3)
	if !reflect.DeepEqual(got, []string{"shape", "size", "sum"}) || start != 2 {
		t.Errorf("got %q start %d", got, start)
	}
	if calls != 0 {
		t.Errorf("completion called Dollar %d times", calls)
	}
	// a chain steps through the Go value's listed members only
	if text, ok := s.Inspect("x$shape", 7); !ok || !strings.Contains(text, `[1] "shape"`) {
		t.Errorf("Inspect(x$shape): %q %v", text, ok)
	}
	if _, ok := s.Inspect("x$nosuch", 8); ok || calls != 1 {
		t.Errorf("Inspect(x$nosuch) found something, or Dollar called %d times", calls)
	}
	if text, ok := s.Inspect("x", 1); !ok || !strings.Contains(text, "Class: torch_tensor, R7") {
		t.Errorf("Inspect: %q %v", text, ok)
	}
}

func TestHelpAndExample(t *testing.T) {
	var out, errs strings.Builder
	s := NewSession(Options{Stdout: &out, Stderr: &errs})
	evalOK(t, s, "?paste")
	if !strings.Contains(out.String(), "Concatenate Strings") {
		t.Errorf("?paste: %q", out.String())
	}
	out.Reset()
	evalOK(t, s, "example(paste)")
	if !strings.Contains(out.String(), "\npaste> paste0(\"x\", 1:3)\n[1] \"x1\" \"x2\" \"x3\"\n") {
		t.Errorf("example(paste): %q", out.String())
	}
	out.Reset()
	evalOK(t, s, "??Concatenate; help('nosuchtopic')")
	if !strings.Contains(out.String(), "paste, paste0") || !strings.Contains(errs.String(), "No documentation for ‘nosuchtopic’") {
		t.Errorf("??: %q %q", out.String(), errs.String())
	}
	out.Reset()
	evalOK(t, s, "help(package = 'utils')")
	if !strings.Contains(out.String(), "Information on package ‘utils’") || !strings.Contains(out.String(), "\ntxtProgressBar          Text Progress Bar\n") {
		t.Errorf("help(package = 'utils'): %q", out.String())
	}
}
