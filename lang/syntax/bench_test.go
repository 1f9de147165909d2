package syntax

import (
	"strings"
	"testing"
)

const benchChunk = `# a representative chunk of R code
fib <- function(n) if (n < 2) n else fib(n - 1) + fib(n - 2)
make_model <- function(input_dim, hidden = 32L, ...) {
  layers <- list(
    fc1 = nn_linear(input_dim, hidden),
    fc2 = nn_linear(hidden, 1L)
  )
  for (i in seq_along(layers)) {
    if (is.null(layers[[i]])) next else layers[[i]]$reset_parameters()
  }
  x <- torch::torch_randn(c(10, input_dim))
  y <- x |> layers$fc1() |> nnf_relu() |> layers$fc2()
  out <- sapply(1:100, \(k) k^2 %% 7 == 0 && !is.na(k))
  msg <- paste0("loss: ", format(mean(out), digits = 4), "\n", 'done\t"ok"')
  while (TRUE) { break }
  repeat { x[1, ] <- -x[1, ] * 2.5e-3; if (all(x > 0)) break }
  structure(list(layers = layers, y = y, msg = msg), class = c("model", "list"))
}
`

func benchSource(size int) string {
	var b strings.Builder
	for b.Len() < size {
		b.WriteString(benchChunk)
	}
	return b.String()
}

func BenchmarkParse1MB(b *testing.B) {
	src := benchSource(1 << 20)
	b.SetBytes(int64(len(src)))
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		if _, err := ParseFile("bench.R", src); err != nil {
			b.Fatal(err)
		}
	}
}

func BenchmarkDeparse(b *testing.B) {
	f, err := ParseFile("bench.R", benchChunk)
	if err != nil {
		b.Fatal(err)
	}
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		for _, x := range f.Exprs {
			DeparseLines(x.X, nil)
		}
	}
}
