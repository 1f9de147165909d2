# Closures, lexical scoping, promises (lazy evaluation), defaults, missing().
#---- lexical_scope
x <- 1
f <- function() x
g <- function() { x <- 2; f() }
g()
#---- closure_counter
make_counter <- function() {
  i <- 0
  function() {
    i <<- i + 1
    i
  }
}
c1 <- make_counter()
c1()
c1()
c2 <- make_counter()
c2()
c1()
#---- superassign_creates_global
f <- function() { newvar <<- "set" ; invisible() }
f()
newvar
#---- adder_factory
adder <- function(n) function(x) x + n
add3 <- adder(3)
add3(10)
adders <- lapply(1:3, adder)
adders[[2]](10)
#---- lazy_default_refers_arg
f <- function(x, y = x * 2) {
  x <- 100
  y
}
f(1)
#---- lazy_never_evaluated
f <- function(x, y) x
f(1, stop("never"))
#---- promise_evaluated_once
f <- function(x) { x; x; x }
f({cat("evaluated\n"); 5})
#---- force
make <- function(n) { force(n); function() n }
fs <- lapply(1:3, make)
fs[[3]]()
#---- default_uses_later_local
f <- function(a, b = d) { d <- 10; a + b }
f(1)
#---- missing_arg
f <- function(x, y) {
  if (missing(y)) "no y" else paste("y =", y)
}
f(1)
f(1, 2)
g <- function(a = 1) missing(a)
g()
g(1)
#---- missing_arg_error
f <- function(x) x + 1
f() ### "argument \"x\" is missing, with no default"
#---- function_returns_last
f <- function() { 1; 2; "last" }
f()
g <- function(x) { if (x) return("early"); "late" }
g(TRUE)
g(FALSE)
#---- return_null
f <- function() return()
f()
is.null(f())
#---- invisible_return
f <- function() invisible(42)
f()
x <- f()
x
print(f())
(f())
#---- recursion
fact <- function(n) if (n <= 1) 1 else n * fact(n - 1)
fact(10)
fib <- function(n) if (n < 2) n else fib(n - 1) + fib(n - 2)
fib(15)
#---- recall
f <- function(n) if (n <= 1) 1 else n * Recall(n - 1)
f(5)
#---- function_in_list
ops <- list(add = function(a, b) a + b, mul = function(a, b) a * b)
ops$add(2, 3)
ops[["mul"]](2, 3)
#---- higher_order
compose <- function(f, g) function(x) g(f(x))
h <- compose(function(x) x + 1, function(x) x * 10)
h(1)
#---- env_of_closure
f <- function() { y <- 5; function() y }
g <- f()
environment(g)$y
#---- local_scope
x <- "global"
local({
  x <- "local"
  print(x)
})
x
#---- args_evaluated_in_caller
f <- function(x) { y <- 2; x }
y <- 1
f(y)
#---- sys_function_name
f <- function() sys.call()
f()
g <- function(...) match.call()
g(1, b = 2)
#---- nested_functions
outer <- function() {
  inner <- function() "inner"
  paste(inner(), "via outer")
}
outer()
exists("inner")
#---- on_exit
f <- function() {
  on.exit(cat("bye\n"))
  cat("hello\n")
  invisible(NULL)
}
f()
g <- function() {
  on.exit(cat("first\n"))
  on.exit(cat("second\n"), add = TRUE)
  "value"
}
g()
#---- on_exit_on_error
f <- function() {
  on.exit(cat("cleanup\n"))
  stop("fail")
}
f() ### "fail"
#---- function_printing
f <- function(x, y = 2) {
  # add them
  x + y
}
f
g <- function(a) a
g
#---- builtin_printing
sum
#---- formals_body
f <- function(x, y = 2) x + y
names(formals(f))
body(f)
args <- formals(f)
args$y
#---- do_call_closure
f <- function(a, b) a - b
do.call(f, list(10, 3))
do.call(f, list(b = 10, a = 3))
do.call("paste", list("a", "b", sep = "-"))
