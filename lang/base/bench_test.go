package base_test

import (
	"context"
	"io"
	"testing"

	"torchr/lang"
)

func benchSession(b *testing.B, setup string) *lang.Session {
	b.Helper()
	s := lang.NewSession(lang.Options{Stdout: io.Discard, Stderr: io.Discard})
	if err := s.Eval(context.Background(), "setup", setup); err != nil {
		b.Fatal(err)
	}
	return s
}

// BenchmarkAddDoubles1e6 times x + y on two plain double vectors of 1e6.
func BenchmarkAddDoubles1e6(b *testing.B) {
	s := benchSession(b, "x <- as.double(1:1e6); y <- x / 3")
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		if err := s.Eval(context.Background(), "bench", "z <- x + y"); err != nil {
			b.Fatal(err)
		}
	}
}

// BenchmarkMulScalar1e6 times x * 2 (scalar recycling).
func BenchmarkMulScalar1e6(b *testing.B) {
	s := benchSession(b, "x <- as.double(1:1e6)")
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		if err := s.Eval(context.Background(), "bench", "z <- x * 2"); err != nil {
			b.Fatal(err)
		}
	}
}

// BenchmarkSubassignLoop times a 1e5-iteration loop of x[i] <- v (in place).
func BenchmarkSubassignLoop(b *testing.B) {
	s := benchSession(b, "x <- numeric(1e5)")
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		if err := s.Eval(context.Background(), "bench", "for (i in seq_along(x)) x[i] <- i * 2"); err != nil {
			b.Fatal(err)
		}
	}
}

// BenchmarkSubassignListLoop times l[[i]] <- v on a list (general path).
func BenchmarkSubassignListLoop(b *testing.B) {
	s := benchSession(b, "l <- vector(\"list\", 1e4)")
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		if err := s.Eval(context.Background(), "bench", "for (i in seq_along(l)) l[[i]] <- i"); err != nil {
			b.Fatal(err)
		}
	}
}

// BenchmarkNamedSubassignLoop times x[i] <- v on a named vector (general path).
func BenchmarkNamedSubassignLoop(b *testing.B) {
	s := benchSession(b, "x <- numeric(1e4); names(x) <- seq_along(x)")
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		if err := s.Eval(context.Background(), "bench", "for (i in seq_along(x)) x[i] <- 1"); err != nil {
			b.Fatal(err)
		}
	}
}

// BenchmarkSum1e6 times sum() of 1e6 doubles.
func BenchmarkSum1e6(b *testing.B) {
	s := benchSession(b, "x <- as.double(1:1e6)")
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		if err := s.Eval(context.Background(), "bench", "z <- sum(x)"); err != nil {
			b.Fatal(err)
		}
	}
}
