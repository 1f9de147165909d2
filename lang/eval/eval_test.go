package eval

import (
	"context"
	"errors"
	"fmt"
	"strings"
	"testing"
	"time"

	"torchr/lang/syntax"
)

// run evaluates src like a script (auto-printing visible values, flushing
// warnings) and returns stdout+stderr merged and the error.
func runIn(in *Interp, ctx context.Context, src string) (string, error) {
	var buf strings.Builder
	in.Stdout, in.Stderr = &buf, &buf
	f, err := syntax.ParseFile("test.R", src)
	if err != nil {
		return "", err
	}
	for _, t := range f.Exprs {
		v, err := in.EvalTop(ctx, t.X)
		if err == nil && in.Visible() {
			err = in.PrintTop(v)
		}
		in.FlushWarnings()
		if err != nil {
			return buf.String(), err
		}
	}
	return buf.String(), nil
}

func run(t *testing.T, src string) (string, error) {
	t.Helper()
	return runIn(NewInterp(nil, nil), context.Background(), src)
}

type evalCase struct {
	src, want, err string
}

func check(t *testing.T, cases []evalCase) {
	t.Helper()
	for _, c := range cases {
		got, err := run(t, c.src)
		if c.err != "" {
			if err == nil || err.Error() != c.err {
				t.Errorf("%s\n error = %v, want %q", c.src, err, c.err)
			}
		} else if err != nil {
			t.Errorf("%s\n unexpected error: %v", c.src, err)
		}
		if got != c.want {
			t.Errorf("%s\n got:\n%s\nwant:\n%s", c.src, got, c.want)
		}
	}
}

func TestArgumentMatching(t *testing.T) {
	check(t, []evalCase{
		{src: "f <- function(alpha, beta = 2) c(alpha, beta); f(1); f(beta = 5, 1); f(b = 3, a = 4)",
			want: "[1] 1 2\n[1] 1 5\n[1] 4 3\n"},
		{src: "f <- function(x, ...) names(list(...)); f(1, a = 2, 3)", want: "[1] \"a\" \"\" \n"},
		{src: "f <- function(x, ..., verbose = FALSE) verbose; f(1, 2, verb = TRUE); f(1, verbose = TRUE)",
			want: "[1] FALSE\n[1] TRUE\n"},
		{src: "f <- function(x) x; f(1, z = 3)", err: "Error in f(1, z = 3) : unused argument (z = 3)"},
		{src: "f <- function(x) x; f(1, 2, 3)", err: "Error in f(1, 2, 3) : unused arguments (2, 3)"},
		{src: "f <- function(x) x; f(x = 1, x = 2)", err: "Error in f(x = 1, x = 2) : \n  formal argument \"x\" matched by multiple actual arguments"},
		{src: "f <- function(value, var) 1; f(va = 1)", err: "Error in f(va = 1) : argument 1 matches multiple formal arguments"},
		{src: "f <- function(...) ...length(); f(); f(1, 2, 3)", want: "[1] 0\n[1] 3\n"},
		{src: "f <- function(...) ..2; f(1, 'b')", want: "[1] \"b\"\n"},
		{src: "g <- function(a, b) a - b; f <- function(...) g(...); f(b = 1, 10)", want: "[1] 9\n"},
	})
}

func TestPromises(t *testing.T) {
	check(t, []evalCase{
		{src: "f <- function(x, y = x * 2) { x <- 10; y }; f(1)", want: "[1] 20\n"},
		{src: "f <- function(x) 'never'; f(stop('lazy'))", want: "[1] \"never\"\n"},
		{src: "f <- function(a, b) c(missing(a), missing(b)); f(1)", want: "[1]  TRUE FALSE\n"[0:0] + "[1] FALSE  TRUE\n"},
		{src: "f <- function(x) substitute(x); f(a + b * 2)", want: "a + b * 2\n"},
		{src: "f <- function(x) deparse(substitute(x)); f(mean(y))", want: "[1] \"mean(y)\"\n"},
		{src: "f <- function(type = c('linear', 'quad')) match.arg(type); f(); f('q')", want: "[1] \"linear\"\n[1] \"quad\"\n"},
		{src: "f <- function(x, y) match.call(); f(y = 2, 1)", want: "f(x = 1, y = 2)\n"},
		{src: "f <- function(x = y, y = x) x; f()", err: "Error in f() : \n  promise already under evaluation: recursive default argument reference or earlier problems?"},
		{src: "f <- function(x) x; f()", err: "Error in f() : argument \"x\" is missing, with no default"},
		{src: "quote(f(x, y = 2))", want: "f(x, y = 2)\n"},
		{src: "fact <- function(n) if (n <= 1) 1 else n * Recall(n - 1); fact(5)", want: "[1] 120\n"},
		{src: "f <- function() { return(invisible(7)); 1 }; f(); x <- f(); x", want: "[1] 7\n"},
	})
}

func TestControlFlow(t *testing.T) {
	check(t, []evalCase{
		{src: "s <- 0; for (i in 1:10) { if (i %% 2 == 0) next; if (i > 7) break; s <- s + i }; s", want: "[1] 16\n"},
		{src: "i <- 0; repeat { i <- i + 1; if (i >= 3) break }; i", want: "[1] 3\n"},
		{src: "n <- 0; while (n < 5) n <- n + 2; n", want: "[1] 6\n"},
		{src: "if (NULL) 1", err: "Error in if (NULL) 1 : argument is of length zero"},
		{src: "if (c(TRUE, FALSE)) 1", err: "Error in if (c(TRUE, FALSE)) 1 : the condition has length > 1"},
		{src: "if (NA) 1", err: "Error in if (NA) 1 : missing value where TRUE/FALSE needed"},
		{src: "for (x in list(1, 'a')) print(x)", want: "[1] 1\n[1] \"a\"\n"},
		{src: "x <- for (i in 1:2) i; x", want: "NULL\n"},
		{src: "s <- 0; for (i in 1:10) { s <- s + i }; s; p <- 1; for (k in 1:5) p <- p * 2; p; t <- 0L; for (i in 1:3) t <- t + i; t; q <- 0; for (i in 1:3) { q <- q + i; if (i == 2) q <- q * 10 }; q; x <- 0; for (i in 5:1) x <- x - i; x",
			want: "[1] 55\n[1] 32\n[1] 6\n[1] 33\n[1] -15\n"},
		{src: "f <- function() { s <- 0; for (i in 1:4) s <- s + i; g <- function() s; s <- s * 1; for (i in 1:2) s <- s / 2; c(s, g()) }; f(); s2 <- 1; y <- s2; for (i in 1:3) s2 <- s2 + i; c(s2, y)",
			want: "[1] 2.5 2.5\n[1] 7 1\n"},
		{src: "s <- 0; for (i in 1:4) s <- s + (i * 2); s; t <- 0; for (i in 1:3) t <- t + i * 2L; t; u <- 1; for (i in 1:3) u <- u * (i + 0.5); u; s <- 1; s <- s + (s <- s + 1); s; v <- 0; for (i in 1:3) v <- v + v * 2 + i; v",
			want: "[1] 20\n[1] 12\n[1] 13.125\n[1] 3\n[1] 18\n"},
		{src: "x <- c(1, 2, 3); y <- x; x[2] <- 10; x; y; z <- 1:3; z[2] <- 5L; z; z[2] <- 2.5; z; w <- c(a = 1, b = 2); w[2] <- 9; w; n <- 2; w[n] <- 7; w",
			want: "[1]  1 10  3\n[1] 1 2 3\n[1] 1 5 3\n[1] 1.0 2.5 3.0\na b \n1 9 \na b \n1 7 \n"},
		{src: "f <- function(n) { for (i in 1:n) if (i == 3) return(i * 10); 0 }; f(5)", want: "[1] 30\n"},
		{src: "switch('b', a = 1, b = , c = 3); switch(2, 'x', 'y'); switch('z', a = 1, 99)", want: "[1] 3\n[1] \"y\"\n[1] 99\n"},
	})
}

func TestAssignment(t *testing.T) {
	check(t, []evalCase{
		{src: "x <- c(1, 2, 3); y <- x; x[2] <- 10; x; y", want: "[1]  1 10  3\n[1] 1 2 3\n"},
		{src: "f <- function(v) { v[1] <- 99; v }; x <- c(1, 2); f(x); x", want: "[1] 99  2\n[1] 1 2\n"},
		{src: "l <- list(a = list(b = 1)); l$a$b <- 5; l$a$c <- 'x'; l$a", want: "$b\n[1] 5\n\n$c\n[1] \"x\"\n\n"},
		{src: "x <- c(a = 1, b = 2); names(x)[2] <- 'z'; x", want: "a z \n1 2 \n"},
		{src: "`second<-` <- function(x, value) { x[2] <- value; x }; v <- c(1, 2, 3); second(v) <- 7; v", want: "[1] 1 7 3\n"},
		{src: "l <- list(1, 2, 3); l[[2]] <- NULL; length(l)", want: "[1] 2\n"},
		{src: "counter <- function() { i <- 0; function() { i <<- i + 1; i } }; cn <- counter(); cn(); cn()", want: "[1] 1\n[1] 2\n"},
		{src: "e <- new.env(); assign('k', 3, envir = e); get('k', envir = e); exists('zz'); e$k <- 4; e$k", want: "[1] 3\n[1] FALSE\n[1] 4\n"},
		{src: "x <- 1; local({ x <- 2; x }); x", want: "[1] 2\n[1] 1\n"},
		{src: "e <- new.env(); class(e) <- 'obj'; e$n <- 1; bump <- function(o) { o$n <- o$n + 1; invisible(o) }; bump(e); bump(e); e$n; e[['m']] <- 'k'; e[['m']]", want: "[1] 3\n[1] \"k\"\n"},
		{src: "f <- function(x) x + 1; body(f) <- quote(x * 10); formals(f) <- list(x = 5); f(); f", want: "[1] 50\nfunction (x = 5) \nx * 10\n"},
		{src: "f <- function() { x <- 1; g <- function() parent.frame(); identical <- function(a, b) 0; environment() }; e <- f(); class(e)", want: "[1] \"environment\"\n"},
	})
}

func TestConditions(t *testing.T) {
	check(t, []evalCase{
		{src: "stop('plain')", err: "Error: plain"},
		{src: "f <- function(x) stop('bad: ', x); f(42)", err: "Error in f(42) : bad: 42"},
		{src: "f <- function() stop('no call', call. = FALSE); f()", err: "Error: no call"},
		{src: "tryCatch(stop('oops'), error = function(e) conditionMessage(e))", want: "[1] \"oops\"\n"},
		{src: "tryCatch({ warning('w1'); 1 }, warning = function(w) conditionMessage(w), finally = cat('fin\\n'))", want: "fin\n[1] \"w1\"\n"},
		{src: "withCallingHandlers({ warning('hush'); 'v' }, warning = function(w) { cat('saw\\n'); invokeRestart('muffleWarning') })", want: "saw\n[1] \"v\"\n"},
		{src: "f <- function() { warning('careful'); 1 }; f()", want: "[1] 1\nWarning message:\nIn f() : careful\n"},
		{src: "warning('top')", want: "Warning message:\ntop \n"},
		{src: "f <- function() { warning('a'); warning('b'); 2 }; f()", want: "[1] 2\nWarning messages:\n1: In f() : a\n2: In f() : b\n"},
		{src: "f <- function() { for (i in 1:12) warning('w'); 0 }; f()", want: "[1] 0\nThere were 12 warnings (use warnings() to see them)\n"},
		{src: "message('hi ', 1)", want: "hi 1\n"},
		{src: "suppressWarnings({ warning('x'); 3 }); suppressMessages({ message('m'); 4 })", want: "[1] 3\n[1] 4\n"},
		{src: "r <- try(stop('fail'), silent = TRUE); class(r); cat(r)", want: "[1] \"try-error\"\nError in try(stop(\"fail\"), silent = TRUE) : fail\n"},
		{src: "f <- function() { on.exit(cat('bye\\n')); cat('hi\\n'); invisible(1) }; f()", want: "hi\nbye\n"},
		{src: "f <- function() { on.exit(cat('a\\n')); on.exit(cat('b\\n'), add = TRUE); NULL }; x <- f()", want: "a\nb\n"},
		{src: "e <- simpleError('boom'); tryCatch(stop(e), error = function(err) print(err))", want: "<simpleError: boom>\n"},
		{src: "cond <- simpleCondition('sig'); class(cond) <- c('custom', 'condition'); withCallingHandlers(signalCondition(cond), custom = function(c) cat('got it\\n'))", want: "got it\nNULL\n"},
		{src: "x <- 1; stopifnot(x > 0); stopifnot(x < 0)", err: "Error: x < 0 is not TRUE"},
		{src: "f <- function(x) stopifnot(x > 0); f(-1)", err: "Error in f(-1) : x > 0 is not TRUE"},
		{src: "undefined_fn(1)", err: "Error in undefined_fn(1) : could not find function \"undefined_fn\""},
		{src: "f <- function() y_undefined; f()", err: "Error in f() : object 'y_undefined' not found"},
		{src: "y_undefined", err: "Error: object 'y_undefined' not found"},
		{src: "f <- function(x) stop(x); f(strrep_('a'))", err: "Error in strrep_(\"a\") : could not find function \"strrep_\""},
	})
}

func TestErrorLineBreak(t *testing.T) {
	long := strings.Repeat("a", 44)
	_, err := run(t, "f <- function(x) stop(x); f('"+long+"')")
	want := "Error in f(\"" + long + "\") : \n  " + long
	if err == nil || err.Error() != want {
		t.Errorf("got %v, want %q", err, want)
	}
	var e *Error
	if !errors.As(err, &e) || e.Msg != long || e.Pos.Line != 1 {
		t.Errorf("error fields: %+v", e)
	}
}

func TestS3(t *testing.T) {
	check(t, []evalCase{
		{src: "area <- function(s, ...) UseMethod('area'); area.square <- function(s, ...) s$side^2; area.default <- function(s, ...) NA; area(structure_(list(side = 3), 'square')); area(1)",
			want: "[1] 9\n[1] NA\n"},
		{src: "print.money <- function(x, ...) cat('$', unclass_(x), '\\n'); m <- structure_(5, 'money'); m; print(m)", want: "$ 5 \n$ 5 \n"},
		{src: "f <- function(x) UseMethod('f'); f.a <- function(x) c('a', NextMethod()); f.b <- function(x) 'b'; f(structure_(1, c('a', 'b')))", want: "[1] \"a\" \"b\"\n"},
		{src: "'+.money' <- function(e1, e2) { structure_(unclass_(e1) + unclass_(e2), 'money') }; print.money <- function(x, ...) cat('money', unclass_(x), '\\n'); structure_(1, 'money') + structure_(2, 'money')", want: "money 3 \n"},
		{src: "Ops.temp <- function(e1, e2) paste0_(.Generic); structure_(1, 'temp') * 2", want: "[1] \"*\"\n"},
		{src: "f <- function(x) UseMethod('f'); f(1)", err: "Error in UseMethod(\"f\") : \n  no applicable method for 'f' applied to an object of class \"c('double', 'numeric')\""[0:0] + "Error: no applicable method for 'f' applied to an object of class \"numeric\""},
	})
}

func TestPrinting(t *testing.T) {
	check(t, []evalCase{
		{src: "NULL", want: "NULL\n"},
		{src: "c(a = 1, b = 22)", want: " a  b \n 1 22 \n"},
		{src: "list(1, 'a')", want: "[[1]]\n[1] 1\n\n[[2]]\n[1] \"a\"\n\n"},
		{src: "list(a = 1, b = list(c = 2))", want: "$a\n[1] 1\n\n$b\n$b$c\n[1] 2\n\n\n"},
		{src: "f <- function(x, y = 2) {\n  x + y  # add\n}\nf", want: "function(x, y = 2) {\n  x + y  # add\n}\n"},
		{src: "invisible(5)", want: ""},
		{src: "x <- 5", want: ""},
		{src: "(x <- 5)", want: "[1] 5\n"},
		{src: "1:3 / 7", want: "[1] 0.1428571 0.2857143 0.4285714\n"},
		{src: "quote(x)", want: "x\n"},
	})
}

// structure_ and friends: tiny stand-ins for base functions the minimal
// library does not provide.
func init() {
	RegisterAll(
		&Builtin{Name: "structure_", Formals: []string{"x", "cls"}, Fn: func(c *Frame, a []Value) (Value, error) {
			x := Copy(a[0]).(Attributed)
			x.Hdr().SetAttr("class", a[1])
			return x, nil
		}},
		&Builtin{Name: "unclass_", Formals: []string{"x"}, Fn: func(c *Frame, a []Value) (Value, error) {
			x := Copy(a[0]).(Attributed)
			x.Hdr().SetAttr("class", nil)
			return x, nil
		}},
		&Builtin{Name: "paste0_", Formals: []string{"..."}, Fn: func(c *Frame, a []Value) (Value, error) {
			return NewStr1(pasteArgs(a[0].(*List))), nil
		}},
		&Builtin{Name: "boom_", Fn: func(c *Frame, a []Value) (Value, error) {
			var m map[string]int
			m["x"] = 1 // panics
			return Null, nil
		}},
	)
}

func TestPanicBecomesError(t *testing.T) {
	in := NewInterp(nil, nil)
	out, err := runIn(in, context.Background(), "f <- function() boom_(); f()")
	if err == nil || !strings.HasPrefix(err.Error(), "Error in boom_() : ") {
		t.Fatalf("got %q, %v", out, err)
	}
	// The session is still usable.
	out, err = runIn(in, context.Background(), "1 + 1")
	if err != nil || out != "[1] 2\n" {
		t.Fatalf("after panic: %q, %v", out, err)
	}
	// and tryCatch sees it as an R error
	out, _ = runIn(in, context.Background(), "tryCatch(boom_(), error = function(e) 'caught')")
	if out != "[1] \"caught\"\n" {
		t.Fatalf("tryCatch of panic: %q", out)
	}
}

func TestCancelWhileTrue(t *testing.T) {
	in := NewInterp(nil, nil)
	if _, err := runIn(in, context.Background(), "keep <- 42; n <- 0"); err != nil {
		t.Fatal(err)
	}
	ctx, cancel := context.WithCancel(context.Background())
	done := make(chan error)
	go func() {
		_, err := runIn(in, ctx, "while (TRUE) { n <- n + 1 }")
		done <- err
	}()
	time.Sleep(50 * time.Millisecond)
	start := time.Now()
	cancel()
	select {
	case err := <-done:
		var e *Error
		if !errors.As(err, &e) || !e.Interrupt {
			t.Fatalf("want interrupt, got %v", err)
		}
		if d := time.Since(start); d > 100*time.Millisecond {
			t.Errorf("cancellation took %v", d)
		}
	case <-time.After(2 * time.Second):
		t.Fatal("while (TRUE) did not stop")
	}
	out, err := runIn(in, context.Background(), "keep; n > 0")
	if err != nil || out != "[1] 42\n[1] TRUE\n" {
		t.Fatalf("after cancel: %q %v", out, err)
	}
	// empty loop body too
	ctx2, cancel2 := context.WithTimeout(context.Background(), 30*time.Millisecond)
	defer cancel2()
	if _, err := runIn(in, ctx2, "while (TRUE) {}"); err == nil {
		t.Fatal("empty while loop was not interrupted")
	}
}

func TestMaxSteps(t *testing.T) {
	in := NewInterp(nil, nil)
	in.MaxSteps = 1000
	_, err := runIn(in, context.Background(), "repeat {}")
	if err == nil || !strings.Contains(err.Error(), "step limit") {
		t.Fatalf("got %v", err)
	}
	_, err = runIn(in, context.Background(), "f <- function() f(); f()")
	if err == nil {
		t.Fatal("infinite recursion not stopped")
	}
}

func TestInfiniteRecursion(t *testing.T) {
	_, err := run(t, "f <- function(n) f(n + 1); f(0)")
	if err == nil || !strings.Contains(err.Error(), "evaluation nested too deeply") {
		t.Fatalf("got %v", err)
	}
}

func TestSessionsIsolated(t *testing.T) {
	a, b := NewInterp(nil, nil), NewInterp(nil, nil)
	runIn(a, context.Background(), "x <- 1; options_digits <- 3")
	out, err := runIn(b, context.Background(), "exists('x')")
	if err != nil || out != "[1] FALSE\n" {
		t.Fatalf("%q %v", out, err)
	}
}

func TestInPlaceLoopDoesNotCopy(t *testing.T) {
	in := NewInterp(nil, nil)
	if _, err := runIn(in, context.Background(), "x <- c(0, 0, 0, 0); for (i in 1:4) x[i] <- i"); err != nil {
		t.Fatal(err)
	}
	v, _ := in.Global.GetLocal("x")
	first := v.(*Double)
	runIn(in, context.Background(), "for (i in 1:4) x[i] <- i * 2")
	v2, _ := in.Global.GetLocal("x")
	if v2.(*Double) != first {
		t.Error("x[i] <- v copied an unshared vector")
	}
	out, _ := runIn(in, context.Background(), "y <- x; x[1] <- 100; y[1]; x[1]")
	if out != "[1] 2\n[1] 100\n" {
		t.Errorf("copy on write broken: %q", out)
	}
}

// gadget is a Go value using the capability interfaces.
type gadget struct{ n float64 }

func (*gadget) TypeName() string        { return "externalptr" }
func (*gadget) Class() []string         { return []string{"gadget"} }
func (*gadget) Length() int             { return 7 }
func (g *gadget) DollarNames() []string { return []string{"n", "double"} }
func (g *gadget) Dollar(in *Interp, name string) (Value, error) {
	switch name {
	case "n":
		return NewDouble1(g.n), nil
	case "double":
		return &gadgetMethod{g}, nil
	}
	return nil, fmt.Errorf("no member %q", name)
}
func (g *gadget) SetDollar(in *Interp, name string, v Value) (Value, error) {
	f, _ := scalarNum(v)
	g.n = f
	return g, nil
}
func (g *gadget) Binary(in *Interp, op string, other Value, side Side) (Value, error) {
	f, ok := scalarNum(other)
	if !ok || op != "+" {
		return nil, nil
	}
	return &gadget{g.n + f}, nil
}
func (g *gadget) Index(in *Interp, a *IndexArgs) (Value, error) {
	return NewInt1(int32(len(a.Args))), nil
}
func (g *gadget) PrintText(in *Interp) (string, error) {
	return fmt.Sprintf("<gadget %g>\n", g.n), nil
}
func (g *gadget) Iterate(in *Interp) (Iterator, error) { return &gadgetIter{max: int(g.n)}, nil }

type gadgetIter struct{ i, max int }

func (it *gadgetIter) Next(in *Interp) (Value, bool, error) {
	if it.i >= it.max {
		return nil, false, nil
	}
	it.i++
	return NewInt1(int32(it.i)), true, nil
}

type gadgetMethod struct{ g *gadget }

func (*gadgetMethod) TypeName() string { return "closure" }
func (m *gadgetMethod) Call(in *Interp, fr *Frame, args []Arg) (Value, error) {
	return NewDouble1(m.g.n * 2), nil
}

func TestCapabilities(t *testing.T) {
	in := NewInterp(nil, nil)
	in.Global.Assign("g", &gadget{n: 3})
	out, err := runIn(in, context.Background(), "g; g$n; g$double(); 1 + g; g + 1; g[1, , drop = FALSE]; length(g); inherits(g, 'gadget'); s <- 0; for (k in g) s <- s + k; s; g$n <- 10; g$n")
	want := "<gadget 3>\n[1] 3\n[1] 6\n<gadget 4>\n<gadget 4>\n[1] 2\n[1] 7\n[1] TRUE\n[1] 6\n[1] 10\n"
	if err != nil || out != want {
		t.Errorf("got %q, %v\nwant %q", out, err, want)
	}
}

func TestConcurrentSessions(t *testing.T) {
	src := `f <- function(n) if (n < 2) n else f(n - 1) + f(n - 2)
x <- c(a = 1, b = 2); x[2] <- f(10); l <- list(); l$k <- TRUE
tryCatch(stop("e"), error = function(e) conditionMessage(e))
for (i in 1:50) x[1] <- x[1] + i
x`
	done := make(chan string, 4)
	for g := 0; g < 4; g++ {
		go func() {
			out, err := runIn(NewInterp(nil, nil), context.Background(), src)
			if err != nil {
				out = err.Error()
			}
			done <- out
		}()
	}
	want := "[1] \"e\"\n   a    b \n1276   55 \n"
	for g := 0; g < 4; g++ {
		if got := <-done; got != want {
			t.Errorf("got %q, want %q", got, want)
		}
	}
}
