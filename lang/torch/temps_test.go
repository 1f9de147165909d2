package torch_test

import (
	"runtime"
	"strings"
	"testing"

	"torchr/tensor"
)

// Temporaries of tensor arithmetic (x * 2 in x * 2 + 1) go back to the
// tensor core's pool as soon as the outer operator has its result, so the
// next result reuses their memory; every value a name, a list, a closure
// or autograd can still reach keeps its data.
func TestTemporariesReleased(t *testing.T) {
	freePool()
	_, rel0 := tensor.PoolStats()
	out := run(t, `library(torch)
x <- torch_arange(1, 100000)
for (i in 1:10) y <- x * 2 + 1
print(as.numeric(y[c(1, 100000)]))
z <- -(x * 3) / 2 - 1
print(as.numeric(z[c(1, 100000)]))
r <- torch_relu(torch_mul(x, -2) + 1)
print(as.numeric(r[c(1, 100000)]))
for (i in 1:3) m <- x$mul(2)$add(1)$neg()
print(as.numeric(m[c(1, 100000)]))
`)
	want := "[1]      3 200001\n[1]      -2.5 -150001.0\n[1] 0 0\n[1]      -3 -200001\n"
	if out != want {
		t.Fatalf("got %q, want %q", out, want)
	}
	// 10 × (x * 2) and 9 old values of y; x * 3, its negation and the
	// division; torch_mul(x, -2) and the sum; 3 × (x$mul(2), its $add(1))
	// and 2 old values of m
	if _, rel1 := tensor.PoolStats(); rel1-rel0 < 32 {
		t.Fatalf("%d temporaries released, want at least 32", rel1-rel0)
	}
}

// A binding read only by Go-computed operators (h + 1) keeps its
// temporary, which goes when the binding is assigned again.
func TestTemporariesBorrowed(t *testing.T) {
	freePool()
	_, rel0 := tensor.PoolStats()
	out := run(t, `library(torch)
x <- torch_arange(1, 100000)
for (i in 1:5) {
  h <- x * i
  y <- h + 1
}
print(as.numeric(y[3]))
`)
	if out != "[1] 16\n" {
		t.Fatalf("got %q", out)
	}
	if _, rel1 := tensor.PoolStats(); rel1-rel0 < 4 {
		t.Fatalf("%d temporaries released, want at least 4 (the old values of h)", rel1-rel0)
	}
}

func TestTemporariesKeptWhenReachable(t *testing.T) {
	cases := []struct{ name, src, want string }{
		{"bound to a name", `{ a <- x * 2; b <- a + 1; as.numeric(a[3]) }`, "[1] 6"},
		{"assigned inside parentheses", `b <- (a <- x * 2) + 1; as.numeric(a[3])`, "[1] 6"},
		{"through a closure", `f <- function(v) { keep <<- v; v }; b <- f(x * 2) + 1; as.numeric(keep[3])`, "[1] 6"},
		{"a view of the temporary", `b <- (x * 2)$view(c(1000, 100)) + 0; as.numeric(b[1, 3])`, "[1] 6"},
		{"saved for backward", `w <- torch_ones(100000, requires_grad = TRUE)
b <- w * (x * 2) + 1
b$sum()$backward()
as.numeric(w$grad[3])`, "[1] 6"},
		{"a user-defined operator", "`+` <- function(e1, e2) { keep <<- e1; torch_add(e1, e2) }; b <- x * 2 + 1; rm(`+`); as.numeric(keep[3])", "[1] 6"},
		{"an S3 method on the result", `b <- x * 2 + 1; as.numeric((b * 1)[3])`, "[1] 7"},
		{"read before the binding is assigned again", `for (i in 1:3) { y <- x * i; if (i == 2) z <- y }; as.numeric(z[3])`, "[1] 6"},
		{"read through get()", `for (i in 1:3) { y <- x * i; if (i == 2) z <- get("y") }; as.numeric(z[3])`, "[1] 6"},
		{"read by a closure later", `y <- x * 2; f <- function() y; y <- x * 3; as.numeric(f()[3])`, "[1] 9"},
		{"kept in a list", `for (i in 1:3) { y <- x * i; if (i == 2) l <- list(y) }; as.numeric(l[[1]][3])`, "[1] 6"},
		{"the assignment's value used", `for (i in 1:3) { y <- x * i; if (i == 2) z <- (y <- x * 5) }; as.numeric(z[3])`, "[1] 15"},
		{"borrowed twice in one operator", `{ h <- x * 2; y <- h + h; h <- x * 3; as.numeric(y[3]) }`, "[1] 12"},
		{"borrowed by a torch function", `{ h <- x * 2; y <- torch_add(h, 1); h <- x * 3; as.numeric(y[3]) }`, "[1] 7"},
		{"borrowed by a view", `{ h <- x * 2; y <- torch_reshape(h, c(1000, 100)); h <- x * 3; as.numeric(y[1, 3]) }`, "[1] 6"},
		{"borrowed by an in-place function", `{ h <- x * 2; y <- torch_relu_(h); h <- x * 3; as.numeric(y[3]) }`, "[1] 6"},
		{"read by a method", `{ h <- x * 2; v <- h$view(c(1000, 100)); h <- x * 3; as.numeric(v[1, 3]) }`, "[1] 6"},
		{"a user-defined $", "`$` <- function(x, name) { keep <<- x; base::`$`(x, name) }; y <- x$mul(2)$add(1); rm(`$`); as.numeric(keep[3])", "[1] 6"},
		{"an in-place method", `b <- x$mul(2)$relu_(); as.numeric(b[3])`, "[1] 6"},
		{"a method returning a view", `b <- x$mul(2)$view(c(1000, 100)); as.numeric(b[1, 3])`, "[1] 6"},
		{"an in-place torch function", `b <- torch_relu_(x * 2); as.numeric(b[3])`, "[1] 6"},
		{"a torch function returning a view", `b <- torch_reshape(x * 2, c(1000, 100)); as.numeric(b[1, 3])`, "[1] 6"},
		{"a torch function returning a list", `b <- torch_split(x * 2, 50000); as.numeric(b[[1]][3])`, "[1] 6"},
		{"a user function named like a torch one", `torch_relu <- function(v) { keep <<- v; v }; b <- torch_relu(x * 2) + 1; rm(torch_relu); as.numeric(keep[3])`, "[1] 6"},
	}
	for _, c := range cases {
		out := run(t, "library(torch)\nx <- torch_arange(1, 100000)\n"+c.src+"\n")
		if strings.TrimSpace(out) != c.want {
			t.Errorf("%s: got %q, want %q", c.name, out, c.want)
		}
	}
}

// The output of a traced function is a temporary when the call allocated
// it: y <- tr(x) in a loop gives the previous output back; an output that
// is the input, or a view of it, stays.
func TestTemporariesFromTracedFunctions(t *testing.T) {
	freePool()
	_, rel0 := tensor.PoolStats()
	out := run(t, `library(torch)
x <- torch_arange(1, 100000)
tr <- jit_trace(function(x) torch_relu(x * 2 + 1), x)
for (i in 1:5) y <- tr(x)
print(as.numeric(y[c(1, 100000)]))
id <- jit_trace(function(x) x, x)
z <- torch_arange(1, 100000) # not seen by the tracer
for (i in 1:3) { b <- id(z); b <- z * 3; 0 }
print(as.numeric(z[3]))
vw <- jit_trace(function(x) x$view(c(1000, 100)), x)
for (i in 1:3) { v <- vw(z); v <- z * 3; 0 }
print(as.numeric(z[3]))
`)
	if want := "[1]      3 200001\n[1] 3\n[1] 3\n"; out != want {
		t.Fatalf("got %q, want %q", out, want)
	}
	if _, rel1 := tensor.PoolStats(); rel1-rel0 < 4 {
		t.Fatalf("%d temporaries released, want at least 4 (the old values of y)", rel1-rel0)
	}
}

// The same for traced modules; a module returning its buffer keeps it.
func TestTemporariesFromTracedModules(t *testing.T) {
	freePool()
	_, rel0 := tensor.PoolStats()
	out := run(t, `library(torch)
x <- torch_randn(2000, 50)
m <- nn_linear(50, 40)
tm <- jit_trace(m, x)
tm$eval()
with_no_grad(for (i in 1:5) y <- tm(x))
print(torch_allclose(y, m(x), atol = 1e-5))
b <- nn_module(
  initialize = function() self$buf <- nn_buffer(torch_ones(100000)),
  forward = function(x) self$buf
)()
tb <- jit_trace(b, torch_randn(3), strict = FALSE)
for (i in 1:3) { v <- tb(torch_randn(3)); v <- x * 2; 0 }
print(as.numeric(b$buf$sum()))
`)
	if want := "[1] TRUE\n[1] 1e+05\n"; out != want {
		t.Fatalf("got %q, want %q", out, want)
	}
	if _, rel1 := tensor.PoolStats(); rel1-rel0 < 4 {
		t.Fatalf("%d temporaries released, want at least 4 (the old values of y)", rel1-rel0)
	}
}

// freePool lets the collector find the tensors earlier tests dropped, so
// that the pool has room: a result that had to come from the Go heap
// instead (pool full of buffers not yet known dead) is never released
// early, and the counts below would depend on the tests run before.
func freePool() {
	runtime.GC()
}
