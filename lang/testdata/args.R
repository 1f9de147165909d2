# Argument matching: exact, partial, positional, ..., unused arguments.
#---- exact_names
f <- function(alpha, beta) paste(alpha, beta)
f(beta = "b", alpha = "a")
#---- partial_names
f <- function(value, verbose = FALSE) if (verbose) value * 2 else value
f(3, verb = TRUE)
f(val = 5)
#---- partial_ambiguous
f <- function(value1, value2) 1
f(val = 1) ### "argument 1 matches multiple formal arguments"
#---- positional_after_named
f <- function(a, b, c) paste(a, b, c)
f(c = "C", "A", "B")
f("A", c = "C", "B")
#---- unused_argument
f <- function(x) x
f(1, 2) ### "unused argument \\(2\\)"
#---- unused_named_argument
f <- function(x) x
f(1, y = 2) ### "unused argument \\(y = 2\\)"
#---- dots_collect
f <- function(...) length(list(...))
f()
f(1, 2, 3)
g <- function(...) names(list(...))
g(a = 1, 2, b = 3)
g(1, 2)
#---- dots_forward
f <- function(...) paste(...)
f("a", "b", sep = "+")
g <- function(x, ...) f(x, ...)
g("x", "y", "z")
#---- dots_then_named
f <- function(..., sep = " ") paste(..., sep = sep)
f("a", "b")
f("a", "b", sep = "-")
f("a", "b", se = "-")
#---- dots_length
f <- function(...) ...length()
f(1, 2, 3)
g <- function(...) nargs()
g(1, 2)
#---- nargs
f <- function(a, b, c) nargs()
f(1, 2)
f()
f(c = 3)
#---- defaults_positional_skip
f <- function(a = 1, b = 2, c = 3) c(a, b, c)
f(, 5)
f(c = 9)
f(4, , 6)
#---- dots_list_names
f <- function(...) {
  args <- list(...)
  for (n in names(args)) cat(n, "=", args[[n]], "\n")
}
f(x = 1, y = "two")
#---- match_arg
f <- function(type = c("linear", "quadratic", "cubic")) {
  type <- match.arg(type)
  type
}
f()
f("quad")
f("cubic")
#---- match_arg_error
f <- function(type = c("linear", "quadratic")) match.arg(type)
f("z") ### "'arg' should be one of"
#---- missing_with_default_arg
f <- function(x = 5) { if (missing(x)) cat("default used\n"); x }
f()
f(1)
#---- args_evaluated_lazily_order
f <- function(a, b) { cat("in f\n"); b; a; invisible() }
f({cat("a\n"); 1}, {cat("b\n"); 2})
#---- named_arg_to_builtin
round(digits = 2, x = 3.14159)
seq(to = 10, by = 3, from = 1)
rep(times = 2, x = c("a", "b"))
#---- partial_after_dots_not_matched
f <- function(..., value) list(...)
length(f(val = 1, 2))
#---- substitute_args
f <- function(x) substitute(x)
f(a + b)
g <- function(x) deparse(substitute(x))
g(mean(1:10))
