package syntax

import (
	"errors"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
)

// goldenCase is one case of testdata/cases.txt with GNU R's answers from
// testdata/golden.txt (regenerate with testdata/gen_golden.R).
type goldenCase struct {
	line     int
	src      string   // case source, ¶ replaced by newlines
	raw      string   // case line as written
	dumps    []string // per top-level expression: R's tree dump
	deparses [][]string
	errLines []string // parse(text=) error message lines
	script   []string // Rscript file-mode error message lines
	warnings []string
}

func loadGolden(t *testing.T) []*goldenCase {
	data, err := os.ReadFile("testdata/golden.txt")
	if err != nil {
		t.Fatal(err)
	}
	var cases []*goldenCase
	var c *goldenCase
	for i, l := range strings.Split(strings.TrimSuffix(string(data), "\n"), "\n") {
		switch {
		case strings.HasPrefix(l, "### "):
			c = &goldenCase{line: i + 1, raw: l[4:], src: strings.ReplaceAll(l[4:], "¶", "\n")}
			cases = append(cases, c)
		case strings.HasPrefix(l, "@@ "):
			c.dumps = append(c.dumps, l[3:])
			c.deparses = append(c.deparses, nil)
		case strings.HasPrefix(l, "!error "):
			c.errLines = append(c.errLines, l[7:])
		case strings.HasPrefix(l, "!script "):
			c.script = append(c.script, l[8:])
		case strings.HasPrefix(l, "!warning "):
			c.warnings = append(c.warnings, l[9:])
		default:
			n := len(c.deparses) - 1
			c.deparses[n] = append(c.deparses[n], l)
		}
	}
	return cases
}

// unsupported lists cases where torchr deliberately differs from R.
var unsupported = map[string]string{}

// TestGolden checks the parser against GNU R: the tree structure, the
// deparse() output, warnings, and error messages in both parse(text=)
// and Rscript forms.
func TestGolden(t *testing.T) {
	for _, c := range loadGolden(t) {
		if unsupported[c.raw] != "" {
			continue
		}
		f, err := ParseFile("<text>", c.src)
		if c.errLines != nil {
			if err == nil {
				t.Errorf("golden.txt:%d: %q: parsed, want error %q", c.line, c.raw, c.errLines[0])
				continue
			}
			var e *Error
			if !errors.As(err, &e) {
				t.Errorf("golden.txt:%d: %q: error %v is not *Error", c.line, c.raw, err)
				continue
			}
			want := strings.Join(c.errLines, "\n")
			if got := e.ParseMessage(); got != want && !knownMessageDiff(c, got) {
				t.Errorf("golden.txt:%d: %q: parse message\n got: %q\nwant: %q", c.line, c.raw, got, want)
			}
			if c.script != nil && !strings.HasPrefix(c.script[0], "object ") {
				want := strings.Join(c.script, "\n")
				if got := e.ScriptMessage(); got != want {
					t.Errorf("golden.txt:%d: %q: script message\n got: %q\nwant: %q", c.line, c.raw, got, want)
				}
			}
			incomplete := strings.Contains(want, "end of input") || strings.Contains(want, "INCOMPLETE_STRING")
			if errors.Is(err, ErrIncomplete) != incomplete {
				t.Errorf("golden.txt:%d: %q: errors.Is(err, ErrIncomplete) = %v, want %v", c.line, c.raw, !incomplete, incomplete)
			}
			continue
		}
		if err != nil {
			t.Errorf("golden.txt:%d: %q: unexpected error: %v", c.line, c.raw, err)
			continue
		}
		if len(f.Exprs) != len(c.dumps) {
			t.Errorf("golden.txt:%d: %q: got %d expressions, want %d", c.line, c.raw, len(f.Exprs), len(c.dumps))
			continue
		}
		for i, x := range f.Exprs {
			if got := Dump(x.X); got != c.dumps[i] {
				t.Errorf("golden.txt:%d: %q: tree\n got: %s\nwant: %s", c.line, c.raw, got, c.dumps[i])
			}
			got := DeparseLines(x.X, nil)
			if strings.Join(got, "\n") != strings.Join(c.deparses[i], "\n") {
				t.Errorf("golden.txt:%d: %q: deparse\n got: %q\nwant: %q", c.line, c.raw, got, c.deparses[i])
			}
		}
		var ws []string
		for _, w := range f.Warnings {
			ws = append(ws, w.Msg)
		}
		if strings.Join(ws, "\n") != strings.Join(c.warnings, "\n") {
			t.Errorf("golden.txt:%d: %q: warnings\n got: %q\nwant: %q", c.line, c.raw, ws, c.warnings)
		}
	}
}

// knownMessageDiff lists the places where our parse(text=) message
// deliberately differs from R's: R's caret position after a multi-line
// token or at the end of multi-line input is off in ways not worth
// copying; the header line and context lines must still agree.
func knownMessageDiff(c *goldenCase, got string) bool {
	want := c.errLines
	gotLines := strings.Split(got, "\n")
	if len(gotLines) != len(want) || len(want) < 2 {
		return false
	}
	for i := 0; i < len(want)-1; i++ {
		if gotLines[i] != want[i] {
			return false
		}
	}
	return strings.Count(c.src, "\n") > 0 || strings.Contains(want[0], "INCOMPLETE_STRING")
}

// dumpNoParens makes Dump leave out Paren nodes (see dumpNorm).
var dumpNoParens bool

// Dump renders x in the Lisp-like form gen_golden.R uses for R's trees:
// calls as (fn args...), symbols in backticks, constants deparsed.
func Dump(x Expr) string {
	var b strings.Builder
	dump(&b, x)
	return b.String()
}

func dump(b *strings.Builder, x Expr) {
	sym := func(s string) { b.WriteString("`" + s + "`") }
	call := func(fn string, args ...Expr) {
		b.WriteString("(")
		sym(fn)
		for _, a := range args {
			b.WriteString(" ")
			dump(b, a)
		}
		b.WriteString(")")
	}
	callArgs := func(fn func(), pre []Expr, args []Arg) {
		b.WriteString("(")
		fn()
		for _, a := range pre {
			b.WriteString(" ")
			dump(b, a)
		}
		for _, a := range args {
			b.WriteString(" ")
			if a.HasName {
				b.WriteString(a.Name + "=")
			}
			if a.Value == nil {
				b.WriteString("<empty>")
			} else {
				dump(b, a.Value)
			}
		}
		b.WriteString(")")
	}
	switch x := x.(type) {
	case *Num, *Int, *Imag, *Str, *Const:
		b.WriteString(Deparse(x))
	case *Ident:
		sym(x.Name)
	case *Unary:
		call(x.Op.String(), x.X)
	case *Binary:
		if n, ok := x.X.(*Num); ok && dumpNoParens && x.OpText == "+" && n.Value == 0 {
			y := x.Y
			for {
				p, ok := y.(*Paren)
				if !ok {
					break
				}
				y = p.X
			}
			if _, ok := y.(*Imag); ok {
				dump(b, y) // 1i deparses as 0+1i, as in R
				return
			}
		}
		call(x.OpText, x.X, x.Y)
	case *Assign:
		call(x.Op.String(), x.Lhs, x.Rhs)
	case *Call:
		if id, ok := x.Fn.(*Ident); ok && dumpNoParens && id.Name == "(" && len(x.Args) == 1 && x.Args[0].Value != nil && !x.Args[0].HasName {
			dump(b, x.Args[0].Value)
			return
		}
		if id, ok := x.Fn.(*Ident); ok && dumpNoParens && (id.Name == "[" || id.Name == "[[") && len(x.Args) >= 1 && x.Args[0].Value != nil && !x.Args[0].HasName {
			dump(b, &Index{X: x.Args[0].Value, Double: id.Name == "[[", Args: x.Args[1:]})
			return
		}
		if id, ok := x.Fn.(*Ident); ok && dumpNoParens && !hasEmpty(x.Args) &&
			(len(x.Args) == 2 && isBinaryOpName(id.Name) || len(x.Args) == 1 && isUnaryOpName(id.Name)) {
			// Operator calls deparse in operator form, dropping argument
			// names (`&`(a = 1, 2) is 1 & 2), as in R.
			args := make([]Expr, len(x.Args))
			for i := range x.Args {
				args[i] = x.Args[i].Value
			}
			call(id.Name, args...)
			return
		}
		callArgs(func() { dump(b, x.Fn) }, nil, x.Args)
	case *Index:
		op := "["
		if x.Double {
			op = "[["
		}
		args := x.Args
		if dumpNoParens && len(args) == 1 && args[0].Value == nil && !args[0].HasName {
			args = nil // x[] is x with one empty argument, `[`(x) deparses as x[]
		}
		callArgs(func() { sym(op) }, []Expr{x.X}, args)
	case *Dollar:
		op := "$"
		if x.At {
			op = "@"
		}
		if x.NameStr {
			call(op, x.X, &Str{Value: x.Name})
		} else {
			call(op, x.X, &Ident{Name: x.Name})
		}
	case *Namespace:
		op := "::"
		if x.Internal {
			op = ":::"
		}
		call(op, &Ident{Name: x.Pkg}, &Ident{Name: x.Name})
	case *Function:
		b.WriteString("(function [")
		for i, p := range x.Params {
			if i > 0 {
				b.WriteString(" ")
			}
			b.WriteString(p.Name + "=")
			if p.Default != nil {
				dump(b, p.Default)
			}
		}
		b.WriteString("] ")
		dump(b, x.Body)
		b.WriteString(")")
	case *If:
		if x.Else != nil {
			call("if", x.Cond, x.Then, x.Else)
		} else {
			call("if", x.Cond, x.Then)
		}
	case *For:
		call("for", x.Var, x.Seq, x.Body)
	case *While:
		call("while", x.Cond, x.Body)
	case *Repeat:
		call("repeat", x.Body)
	case *Break:
		call("break")
	case *Next:
		call("next")
	case *Block:
		call("{", x.Stmts...)
	case *Paren:
		if dumpNoParens {
			dump(b, x.X)
		} else {
			call("(", x.X)
		}
	default:
		fmt.Fprintf(b, "<%T>", x)
	}
}

// TestGoldenLive regenerates the golden answers with GNU R, when Rscript
// is installed, and checks that testdata/golden.txt is up to date with
// cases.txt and with R (all but the script-mode messages, which need one
// Rscript run per case). Skipped with -short.
func TestGoldenLive(t *testing.T) {
	if testing.Short() {
		t.Skip("runs Rscript")
	}
	if _, err := exec.LookPath("Rscript"); err != nil {
		t.Skip("Rscript not installed")
	}
	out := filepath.Join(t.TempDir(), "golden.txt")
	cmd := exec.Command("Rscript", "gen_golden.R", "--no-script", out)
	cmd.Dir = "testdata"
	if msg, err := cmd.CombinedOutput(); err != nil {
		t.Fatalf("gen_golden.R: %v\n%s", err, msg)
	}
	got, err := os.ReadFile(out)
	if err != nil {
		t.Fatal(err)
	}
	want, err := os.ReadFile("testdata/golden.txt")
	if err != nil {
		t.Fatal(err)
	}
	// The Rscript (script-mode) messages take one R process per case; they
	// are checked against the committed file by TestGolden only.
	var kept []string
	for _, l := range strings.Split(string(want), "\n") {
		if !strings.HasPrefix(l, "!script ") {
			kept = append(kept, l)
		}
	}
	want = []byte(strings.Join(kept, "\n"))
	if string(got) != string(want) {
		gl, wl := strings.Split(string(got), "\n"), strings.Split(string(want), "\n")
		for i := 0; i < len(gl) && i < len(wl); i++ {
			if gl[i] != wl[i] {
				t.Fatalf("testdata/golden.txt is out of date (rerun gen_golden.R); first difference at line %d:\n R: %q\nfile: %q", i+1, gl[i], wl[i])
			}
		}
		t.Fatalf("testdata/golden.txt is out of date (rerun gen_golden.R): %d lines from R, %d in the file", len(gl), len(wl))
	}
}
