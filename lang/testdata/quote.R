# Language objects: quote, substitute, deparse, bquote, call manipulation.
#---- quote_basic
q <- quote(x + y * 2)
q
class(q)
typeof(q)
quote(x)
class(quote(x))
#---- eval_quote
x <- 3; y <- 4
eval(quote(x + y * 2))
#---- deparse_basic
deparse(quote(a + b))
deparse(1:3)
deparse(c(1.5, 2))
deparse("str")
deparse(c(a = 1, b = 2))
deparse(list(x = 1, y = "a"))
deparse(TRUE)
deparse(NULL)
#---- deparse_function
f <- function(x, y = 2) x + y
deparse(args(sum))
cat(deparse(quote(function(a) a * 2)), "\n")
#---- substitute_label
label <- function(x) deparse(substitute(x))
label(my_variable)
label(1 + 2)
label(f(g(h)))
#---- substitute_env
substitute(a + b, list(a = 1, b = quote(z)))
#---- bquote
x <- 5
bquote(y + .(x))
#---- call_construction
cl <- call("sum", 1, 2, 3)
cl
eval(cl)
as.call(list(as.name("max"), 4, 9))
eval(as.call(list(as.name("max"), 4, 9)))
#---- call_elements
cl <- quote(f(a, b = 2))
cl[[1]]
cl[[3]]
as.list(cl)
names(cl)
length(cl)
#---- modify_call
cl <- quote(round(3.14159, 2))
cl[[3]] <- 4
cl
eval(cl)
#---- symbols
s <- as.symbol("abc")
s
is.name(s)
as.character(s)
#---- is_call
is.call(quote(f()))
is.call(quote(x))
is.function(print)
is.primitive(sum)
is.primitive(paste)
#---- match_call
f <- function(x, y, ...) match.call()
f(1, 2, 3)
f(y = 1, 2)
#---- sys_call
f <- function(...) sys.call()
f(a, b + 1)
#---- deparse_operators
deparse(quote(-x))
deparse(quote((a + b) * c))
deparse(quote(x[1]))
deparse(quote(x[[1]]))
deparse(quote(x$name))
deparse(quote(!a))
deparse(quote(a %in% b))
deparse(quote(if (a) b else c))
#---- expression_obj
ex <- expression(1 + 2, "a")
length(ex)
eval(ex[[1]])
#---- quote_print_braces
quote({ x <- 1; y <- 2 })
#---- deparse_numbers
deparse(1)
deparse(1L)
deparse(0.1)
deparse(1e-15)
deparse(1e6)
deparse(100000)
deparse(c(1L, NA))
deparse(NA_character_)
#---- dput_vectors
dput(seq(0.5, 30))
dput(list(a = 1, b = "x"))
dput(1:3)
dput(c(a = 1L))
x <- dput(letters[1:3])
x
dput(factor(c("a", "b")))
dput(matrix(1:4, 2))
dput(c(1.5, NA))
dput(NA_character_)
#---- deparse_long_vectors
deparse(seq(0.5, 30))
deparse(letters)
deparse(c(1/3, 1e-20, 1e10, 123456789012))
deparse(c(a = 1, 2))
deparse(structure(1:3, names = c("a", NA, "c")))
deparse(1:30 + 0L, width.cutoff = 20)
#---- bquote_function
x <- 5
bquote(function(a) a + .(x))
f <- eval(bquote(function(a) a * .(x)))
f(2)
bquote(function(a = .(x)) a)
bquote(function(x, y) { x + .(x) })
bquote(function(...) list(...))
#---- bquote_loops
x <- 5
bquote(for (i in 1:.(x)) print(i))
bquote(while (i < .(x)) i <- i + 1)
bquote(repeat { break })
e <- bquote(function(n) { s <- 0; for (i in seq_len(n)) s <- s + .(x); s })
e
eval(e)(3)
#---- bquote_calls
x <- 5
bquote(if (.(x) > 3) "big")
bquote(g(.(x), y = .(x + 1)))
bquote(.(as.name("foo"))(1))
bquote(x[.(x)])
bquote(-.(x))
bquote(.(x) + .(x), where = list(x = 10))
#---- bquote_splice
args <- list(1, quote(b), 3)
bquote(f(..(args)), splice = TRUE)
bquote(c(0, ..(args), 4), splice = TRUE)
exprs <- list(quote(a), quote(b))
bquote(sum(..(exprs)), splice = TRUE)
bquote(list(..(list(a = 1, b = quote(z)))), splice = TRUE)
bquote(f(..(args)))
#---- for_over_raw
for (b in as.raw(c(1, 16))) print(b)
