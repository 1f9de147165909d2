package syntax

import (
	"errors"
	"strings"
	"testing"
)

// roundTrip checks that deparsing x and parsing the result gives the same
// tree, and that deparse is then a fixed point.
func roundTrip(t *testing.T, where string, x Expr) {
	t.Helper()
	text := Deparse(x)
	y, err := ParseExpr(text)
	if err != nil {
		t.Errorf("%s: deparse %q does not parse: %v", where, text, err)
		return
	}
	if a, b := dumpNorm(x), dumpNorm(y); a != b {
		t.Errorf("%s: round trip through %q changed the tree\n got: %s\nwant: %s", where, text, b, a)
	}
	if again := Deparse(y); again != text && !hasImag(x) {
		t.Errorf("%s: deparse not a fixed point: %q then %q", where, text, again)
	}
}

// dumpNorm is Dump without parentheses and with x$"a" written x$a: R's
// deparse adds parentheses in places ((pkg::f(x))(y), `?`((a = b), c))
// and writes x$"a" as x$a, so those do not survive a round trip.
// hasImag reports whether x contains an imaginary literal (1i deparses as
// 0+1i, so deparse is not a fixed point there, as in R).
func hasImag(x Expr) bool {
	found := false
	Inspect(x, func(n Node) bool {
		if _, ok := n.(*Imag); ok {
			found = true
		}
		return !found
	})
	return found
}

func dumpNorm(x Expr) string {
	Inspect(x, func(n Node) bool {
		if d, ok := n.(*Dollar); ok && d.NameStr && IsSyntacticName(d.Name) {
			d.NameStr = false
		}
		return true
	})
	dumpNoParens = true
	defer func() { dumpNoParens = false }()
	return Dump(x)
}

func TestRoundTrip(t *testing.T) {
	for _, c := range loadGolden(t) {
		if c.errLines != nil {
			continue
		}
		f, err := ParseFile("<text>", c.src)
		if err != nil {
			continue // reported by TestGolden
		}
		for _, x := range f.Exprs {
			if _, ok := x.X.(*Ident); ok {
				continue // a bare symbol deparses without backticks, as in R
			}
			if strings.Contains(Deparse(x.X), "e+308") {
				continue // 15 significant digits round up past the largest double
			}
			roundTrip(t, "golden.txt:"+itoa(c.line), x.X)
		}
	}
}

func TestPositions(t *testing.T) {
	src := "x <- 1\n  é + `b c`(y = 2)[[1]]\nf <- function(a, b = 2) {\n  a + b\n}; g\n"
	f, err := ParseFile("t.R", src)
	if err != nil {
		t.Fatal(err)
	}
	if len(f.Exprs) != 4 {
		t.Fatalf("got %d expressions", len(f.Exprs))
	}
	wantText := []string{"x <- 1", "é + `b c`(y = 2)[[1]]", "f <- function(a, b = 2) {\n  a + b\n}", "g"}
	wantLine := []int{1, 2, 3, 5}
	for i, e := range f.Exprs {
		if e.Text != wantText[i] || e.Line != wantLine[i] || src[e.Start:e.End] != e.Text {
			t.Errorf("expr %d: text %q line %d, want %q line %d", i, e.Text, e.Line, wantText[i], wantLine[i])
		}
	}
	b := f.Exprs[1].X.(*Binary)
	if b.Pos() != (Pos{2, 3}) || b.OpPos != (Pos{2, 5}) {
		t.Errorf("binary pos %v op %v", b.Pos(), b.OpPos)
	}
	idx := b.Y.(*Index)
	call := idx.X.(*Call)
	if call.Fn.Pos() != (Pos{2, 7}) || call.Lparen != (Pos{2, 12}) || call.Args[0].NamePos != (Pos{2, 13}) {
		t.Errorf("call fn %v lparen %v arg %v", call.Fn.Pos(), call.Lparen, call.Args[0].NamePos)
	}
	if idx.Lbrack != (Pos{2, 19}) || idx.Rbrack != (Pos{2, 22}) {
		t.Errorf("index %v %v", idx.Lbrack, idx.Rbrack)
	}
	fn := f.Exprs[2].X.(*Assign).Rhs.(*Function)
	if fn.Src != "function(a, b = 2) {\n  a + b\n}" {
		t.Errorf("function src %q", fn.Src)
	}
	if fn.Pos() != (Pos{3, 6}) || fn.Params[1].NamePos != (Pos{3, 18}) {
		t.Errorf("function pos %v param %v", fn.Pos(), fn.Params[1].NamePos)
	}
	blk := fn.Body.(*Block)
	if blk.Lbrace != (Pos{3, 25}) || blk.Rbrace != (Pos{5, 1}) || blk.Stmts[0].Pos() != (Pos{4, 3}) {
		t.Errorf("block %v %v %v", blk.Lbrace, blk.Rbrace, blk.Stmts[0].Pos())
	}
	if e := f.Exprs[3]; e.EndPos != (Pos{5, 5}) {
		t.Errorf("end pos %v", e.EndPos)
	}
}

func TestFunctionSrc(t *testing.T) {
	for src, want := range map[string]string{
		"f <- function(x) x + 1 # comment":      "function(x) x + 1",
		"f <- \\(x)   x":                        "\\(x)   x",
		"g(function(a)\n  a * 2, 3)":            "function(a)\n  a * 2",
		"function(x) {\n  # inside\n  x\n}\n":   "function(x) {\n  # inside\n  x\n}",
		"h <- function(x, y = function(z) z) y": "function(x, y = function(z) z) y",
	} {
		x, err := ParseExpr(src)
		if err != nil {
			t.Errorf("%q: %v", src, err)
			continue
		}
		var got string
		Inspect(x, func(n Node) bool {
			if f, ok := n.(*Function); ok && got == "" {
				got = f.Src
			}
			return true
		})
		if got != want {
			t.Errorf("%q: Src %q, want %q", src, got, want)
		}
	}
}

func TestIncomplete(t *testing.T) {
	incomplete := []string{
		"x <-", "x +", "f(", "f(x,", "(", "x[", "x[[1]", "{", "{\n x\n", "'abc", "\"abc\ndef",
		"`abc", "r\"(abc", "if (x)", "if (x) y else", "function(x)", "function(x", "\\(x)",
		"for (i in x)", "while (TRUE)", "repeat", "-", "!", "x |>", "x ~", "{ if (a) b else",
		"f <- function(x) {\n  y <- x\n", "x <- c(1,\n 2,\n", "a &&", "x$",
	}
	for _, src := range incomplete {
		_, err := ParseFile("<text>", src)
		if !errors.Is(err, ErrIncomplete) {
			t.Errorf("%q: got %v, want ErrIncomplete", src, err)
		}
	}
	complete := []string{
		"", "x", "x\n", "if (x) y", "if (x) y\n", "function(x) x", "{}", "f()\n", "# c", "x; y",
		"'a'", "{ if (a) b\n}", "x <- 1 # c",
	}
	for _, src := range complete {
		if _, err := ParseFile("<text>", src); err != nil {
			t.Errorf("%q: %v", src, err)
		}
	}
	invalid := []string{"x y", "x }", ")", "if (a) b\nelse c", "a < b < c", "x[[1]]]"}
	for _, src := range invalid {
		_, err := ParseFile("<text>", src)
		if err == nil || errors.Is(err, ErrIncomplete) {
			t.Errorf("%q: got %v, want a syntax error", src, err)
		}
	}
}

func TestErrorForms(t *testing.T) {
	_, err := ParseFile("script.R", "a <- 1\nb <- c d")
	var e *Error
	if !errors.As(err, &e) {
		t.Fatalf("got %v", err)
	}
	if e.Pos != (Pos{2, 8}) || e.Msg != "unexpected symbol" {
		t.Errorf("pos %v msg %q", e.Pos, e.Msg)
	}
	if got := e.Error(); got != "script.R:2:8: unexpected symbol" {
		t.Errorf("Error() = %q", got)
	}
	if got := e.ScriptMessage(); got != `unexpected symbol in "b <- c d"` {
		t.Errorf("ScriptMessage() = %q", got)
	}
	if got := e.ParseMessage(); got != "script.R:2:8: unexpected symbol\n1: a <- 1\n2: b <- c d\n           ^" {
		t.Errorf("ParseMessage() = %q", got)
	}
}

func TestParseExpr(t *testing.T) {
	for src, want := range map[string]string{
		"x + 1":         "x + 1",
		"\n\n x + 1 \n": "x + 1",
		"f(x); ":        "f(x)",
		"# c\nx # d\n":  "x",
	} {
		x, err := ParseExpr(src)
		if err != nil {
			t.Errorf("%q: %v", src, err)
			continue
		}
		if got := Deparse(x); got != want {
			t.Errorf("%q: %q, want %q", src, got, want)
		}
	}
	for _, src := range []string{"", "x; y", "x\ny", "x y"} {
		if _, err := ParseExpr(src); err == nil {
			t.Errorf("%q: no error", src)
		}
	}
}

// TestDeparseConstructed checks deparse of trees the evaluator builds
// (calls to operators by name, values), against R's output.
func TestDeparseConstructed(t *testing.T) {
	id := func(s string) Expr { return &Ident{Name: s} }
	num := func(v float64) Expr { return &Num{Value: v} }
	call := func(fn string, args ...Expr) Expr {
		c := &Call{Fn: id(fn)}
		for _, a := range args {
			c.Args = append(c.Args, Arg{Value: a})
		}
		return c
	}
	cases := []struct {
		x    Expr
		want string
	}{
		{call("+", num(1), num(2)), "1 + 2"},
		{call("-", call("+", num(1), num(2))), "-(1 + 2)"},
		{call("*", call("+", num(1), num(2)), num(3)), "(1 + 2) * 3"},
		{call("^", call("-", num(2)), num(2)), "(-2)^2"},
		{call("-", call("-", num(2))), "--2"},
		{call("*", id("a"), call("-", id("b"))), "a * -b"},
		{call("$", call("+", id("a"), id("b")), id("c")), "(a + b)$c"},
		{call("[", call("+", id("a"), id("b")), num(1)), "(a + b)[1]"},
		{call("+", call("+", num(1), num(2)), call("+", num(3), num(4))), "1 + 2 + (3 + 4)"},
		{call("-", num(1), call("-", num(2), num(3))), "1 - (2 - 3)"},
		{call("^", call("^", num(1), num(2)), num(3)), "(1^2)^3"},
		{call("<-", id("x"), call("<-", id("y"), num(1))), "x <- y <- 1"},
		{call("%in%", call("+", num(1), num(2)), num(3)), "(1 + 2) %in% 3"},
		{call("+", call("%in%", num(1), num(2)), num(3)), "1 %in% 2 + 3"},
		{call("(", num(1)), "(1)"},
		{call("f", &Assign{Op: EQ_ASSIGN, Lhs: id("a"), Rhs: num(1)}), "f((a = 1))"},
		{call("~", id("a")), "~a"},
		{call("!", call("+", num(1), num(2))), "!1 + 2"},
		{call("-", call("^", num(2), num(2))), "-2^2"},
		{call(":", call("-", num(1)), num(2)), "-1:2"},
		{call("-", call(":", num(1), num(2))), "-(1:2)"},
		{call("<", call("<", num(1), num(2)), num(3)), "(1 < 2) < 3"},
		{call("+", num(1), num(2), num(3)), "`+`(1, 2, 3)"},
		{call("my f", num(1)), "`my f`(1)"},
		{&Call{Fn: call("+", id("a"), id("b")), Args: []Arg{{Value: num(1)}}}, "(a + b)(1)"},
		{&Call{Fn: &Function{Params: []Param{{Name: "x"}}, Body: id("x")}, Args: []Arg{{Value: num(1)}}}, "(function(x) x)(1)"},
		{&Binary{Op: PLUS, OpText: "+", X: &If{Cond: id("a"), Then: id("b")}, Y: num(1)}, "(if (a) b) + 1"},
		{&Binary{Op: PLUS, OpText: "+", X: num(1), Y: &If{Cond: id("a"), Then: id("b")}}, "1 + if (a) b"},
		{&Dollar{X: id("x"), Name: "a b", NameStr: true}, `x$"a b"`},
		{call("{"), "{\n}"},
		{&Value{V: 3}, "<value>"},
		{num(-1.5), "-1.5"},
	}
	for _, c := range cases {
		if got := Deparse(c.x); got != c.want {
			t.Errorf("Deparse = %q, want %q", got, c.want)
		}
	}
	v := DeparseLines(call("f", &Value{V: "hi"}), &DeparseOptions{Value: func(v any) string { return "<" + v.(string) + ">" }})
	if len(v) != 1 || v[0] != "f(<hi>)" {
		t.Errorf("Value hook: %q", v)
	}
}

func TestFormatNum(t *testing.T) {
	for v, want := range map[float64]string{
		0: "0", 1: "1", -1: "-1", 1.5: "1.5", 100: "100", 1e5: "1e+05", 123456: "123456",
		1e-4: "1e-04", 0.001: "0.001", 1e15: "1e+15", 1e-300: "1e-300", 0.1 + 0.2: "0.3",
		1.0 / 3: "0.333333333333333", 2.5e-7: "2.5e-07", 31: "31", 1e300 * 10: "1e+301",
	} {
		if got := FormatNum(v); got != want {
			t.Errorf("FormatNum(%v) = %q, want %q", v, got, want)
		}
	}
}

// TestPartialFile checks that a syntax error leaves the expressions before
// it in the File, so that a script runs up to the error as Rscript does.
func TestPartialFile(t *testing.T) {
	f, err := ParseFile("s.R", "a <- 1\nprint(a); b <- 2\nf(x y)\nz <- 3\n")
	if err == nil || f == nil {
		t.Fatalf("got %v, %v", f, err)
	}
	if len(f.Exprs) != 3 || f.Exprs[2].Text != "b <- 2" {
		t.Errorf("got %d expressions", len(f.Exprs))
	}
	if got := err.(*Error).ScriptMessage(); got != `unexpected symbol in "f(x y"` {
		t.Errorf("message %q", got)
	}
	if p := (Pos{3, 5}); p.String() != "3:5" {
		t.Errorf("Pos.String() = %q", p.String())
	}
}

// TestWarnings checks parse-time warnings and their positions.
func TestWarnings(t *testing.T) {
	f, err := ParseFile("s.R", "x <- 1\ny <- c(1.5L,\n 1e10L)")
	if err != nil {
		t.Fatal(err)
	}
	want := []Warning{
		{Pos{2, 8}, "integer literal 1.5L contains decimal; using numeric value"},
		{Pos{3, 2}, "non-integer value 1e10L qualified with L; using numeric value"},
	}
	if len(f.Warnings) != len(want) {
		t.Fatalf("warnings %v", f.Warnings)
	}
	for i := range want {
		if f.Warnings[i] != want[i] {
			t.Errorf("warning %d: %v, want %v", i, f.Warnings[i], want[i])
		}
	}
}
