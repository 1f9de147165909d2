package eval

import (
	"context"
	"io"
	"testing"

	"torchr/lang/syntax"
)

func benchRun(b *testing.B, setup, expr string) {
	in := NewInterp(io.Discard, io.Discard)
	ctx := context.Background()
	if setup != "" {
		f, err := syntax.ParseFile("setup", setup)
		if err != nil {
			b.Fatal(err)
		}
		for _, t := range f.Exprs {
			if _, err := in.EvalTop(ctx, t.X); err != nil {
				b.Fatal(err)
			}
		}
	}
	x, err := syntax.ParseExpr(expr)
	if err != nil {
		b.Fatal(err)
	}
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		if _, err := in.EvalTop(ctx, x); err != nil {
			b.Fatal(err)
		}
	}
}

// BenchmarkFib25 is recursive fib(25) (GNU R 4.2: ~65 ms with the byte-code
// compiler on the reference machine).
func BenchmarkFib25(b *testing.B) {
	benchRun(b, "fib <- function(n) if (n < 2) n else fib(n - 1) + fib(n - 2)", "fib(25)")
}

// BenchmarkForLoop1e7 is a 10-million-iteration scalar for loop in a
// function (GNU R 4.2: ~100 ms).
func BenchmarkForLoop1e7(b *testing.B) {
	benchRun(b, "f <- function() { s <- 0; for (i in 1:10000000) s <- s + i; s }", "f()")
}

// BenchmarkVecAssign1e6 is x[i] <- i over a preallocated vector (in place).
func BenchmarkVecAssign1e6(b *testing.B) {
	benchRun(b, "g <- function(n) { x <- (1:n) * 0; for (i in 1:n) x[i] <- i * 2; x }", "g(1000000)")
}

func BenchmarkBuiltinCalls1e6(b *testing.B) {
	benchRun(b, "f <- function(n) { x <- 0; for (i in 1:n) x <- length(c(i, 1)) + x; x }", "f(1000000)")
}

func BenchmarkClosureCalls1e6(b *testing.B) {
	benchRun(b, "g <- function(a, b = 2) a + b\nh <- function(n) { s <- 0; for (i in 1:n) s <- s + g(i); s }", "h(1000000)")
}
