package eval

import (
	"context"
	"io"
	"testing"
	"time"

	"torchr/lang/syntax"
)

// FuzzEval evaluates arbitrary parsable input with a step limit: no input
// may panic the process or hang.
func FuzzEval(f *testing.F) {
	for _, s := range []string{
		"1 + 1", "f <- function(x, ...) list(...); f(1, a = 2)",
		"x <- c(a = 1); names(x)[2] <- 'b'; x",
		"tryCatch(stop('e'), error = function(e) conditionMessage(e), finally = 1)",
		"repeat { break }", "while (TRUE) {}", "f <- function() f(); f()",
		"l <- list(); l$a$b <- 1; l[['a']] <- NULL",
		"g <- function(n) if (n < 2) n else g(n - 1) + g(n - 2); g(10)",
		"withCallingHandlers(warning('w'), warning = function(w) invokeRestart('muffleWarning'))",
		"quote(f(x, y = 2))[[3]] <- 4", "substitute(a + b, list(a = 1))",
		"e <- new.env(); assign('x', 1, e); get('x', e)", "switch('b', a = 1, b = , c = 3)",
		"f <- function(x) UseMethod('f'); f.default <- function(x) NextMethod(); f(1)",
		"`+` <- function(e1, e2) 0; 1 + 2", "on.exit(1); sys.call(); parent.frame()",
		"x <- 1:3; x[[5]] <- 1L; x[-1]", "do.call('c', list(1, 2))", "Recall()", "..1", "...length()",
	} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, src string) {
		file, err := syntax.ParseFile("fuzz.R", src)
		if err != nil || file == nil {
			return
		}
		in := NewInterp(io.Discard, io.Discard)
		in.MaxSteps = 20000
		ctx, cancel := context.WithTimeout(context.Background(), 2*time.Second)
		defer cancel()
		for _, top := range file.Exprs {
			v, err := in.EvalTop(ctx, top.X)
			if err == nil && in.Visible() {
				_ = in.PrintTop(v)
			}
			in.FlushWarnings()
		}
	})
}
