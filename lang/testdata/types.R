# Types, coercion and object functions.
#---- typeof_mode_class
typeof(1); mode(1); class(1)
typeof(1L); mode(1L); class(1L)
typeof("a"); mode("a"); class("a")
typeof(TRUE); class(TRUE)
typeof(NULL); class(NULL)
typeof(list()); class(list())
typeof(sum); class(sum)
typeof(function() 1); class(function() 1)
typeof(quote(x)); class(quote(x))
class(matrix(1:4, 2))
class(array(1:8, c(2, 2, 2)))
class(data.frame())
storage.mode(1L)
#---- is_functions
is.numeric(1); is.numeric(1L); is.numeric("1")
is.character("a"); is.character(1)
is.logical(NA); is.logical(1)
is.integer(1L); is.integer(1)
is.double(1); is.double(1L)
is.function(sum); is.function(function() 1); is.function("sum")
is.list(list()); is.list(1:3)
is.vector(1:3); is.vector(list(1)); is.vector(matrix(1:4, 2))
is.null(NULL); is.null(list())
is.environment(globalenv()); is.environment(list())
is.atomic(1:3); is.atomic(list())
#---- is_na
is.na(c(1, NA, 3))
is.na(c("a", NA))
is.na(NaN)
is.nan(c(NaN, NA, 1))
is.na(list(1, NA, "a"))
anyNA(c(1, NA))
is.finite(c(1, Inf, NA, NaN))
is.infinite(c(1, Inf, -Inf, NA))
#---- is_element
is.element(3, 1:5)
is.element("z", letters[1:3])
#---- as_numeric
as.numeric("3.14")
as.numeric(c("1", "2", "x"))
as.numeric(TRUE)
as.numeric(factor(c("10", "20")))
as.double("1e3")
as.numeric("  5  ")
as.numeric("0x1A")
as.numeric("Inf")
as.numeric(list(1, 2))
#---- as_integer
as.integer(3.9)
as.integer(-3.9)
as.integer("7")
as.integer(TRUE)
as.integer(c("1", "two"))
as.integer(3e9)
#---- as_character
as.character(1:3)
as.character(1.5)
as.character(1/3)
as.character(1e6)
as.character(100000)
as.character(1e15)
as.character(123456.7)
as.character(TRUE)
as.character(NA)
as.character(list(1, "a", TRUE))
as.character(c(a = 1))
as.character(0.1)
as.character(1e-4)
#---- as_logical
as.logical(c("TRUE", "false", "T", "F", "yes", "abc"))
as.logical(c(0, 1, 2, NA))
as.logical("true")
as.logical(0L)
#---- as_vector_list
as.vector(matrix(1:4, 2))
as.list(1:3)
as.list(c(a = 1, b = 2))
as.vector(list(1, 2), mode = "numeric")
as.vector(c(a = 1, b = 2))
unlist(as.list(letters[1:3]))
#---- coercion_in_c
c(1, "a", TRUE)
c(1, TRUE, NA)
c(1L, 2.5)
c(list(1), 2)
typeof(c(1L, NA))
typeof(c(TRUE, 1L))
#---- identical
identical(1, 1)
identical(1, 1L)
identical(c(a = 1), c(a = 1))
identical(c(a = 1), c(b = 1))
identical(list(1, "a"), list(1, "a"))
identical(NULL, NULL)
identical(NA, NA_integer_)
identical(NaN, NA_real_)
identical(sum, sum)
identical(matrix(1:4, 2), matrix(1:4, 2))
#---- all_equal
all.equal(1, 1 + 1e-10)
all.equal(1, 1.1)
all.equal(1, 1.5)
all.equal(c(1, 2), c(1, 2.5))
all.equal(1:3, c(1, 2, 3))
all.equal("a", "b")
all.equal(c("a", "b"), c("a", "c"))
all.equal(1, 1.01, tolerance = 0.1)
isTRUE(all.equal(0.1 + 0.2, 0.3))
all.equal(c(a = 1), c(b = 1))
all.equal(1:3, 1:4)
all.equal(TRUE, FALSE)
all.equal(list(1, 2), list(1, 3))
#---- isTRUE_isFALSE
isTRUE(TRUE); isTRUE(c(TRUE, TRUE)); isTRUE(NA); isTRUE(1)
isFALSE(FALSE); isFALSE(NA); isFALSE(0)
#---- inherits
x <- structure(1, class = c("child", "parent"))
inherits(x, "parent")
inherits(x, "other")
inherits(x, c("other", "parent"), which = TRUE)
inherits(1, "numeric")
inherits(matrix(1), "matrix")
#---- class_assign
x <- 1:3
class(x) <- "myclass"
class(x)
inherits(x, "myclass")
unclass(x)
oldClass(x)
oldClass(1:3)
class(x) <- NULL
class(x)
#---- structure_attr
x <- structure(1:4, myattr = "hello")
attr(x, "myattr")
attributes(x)
x
attr(x, "myattr") <- NULL
x
y <- structure(1:6, dim = 2:3)
y
#---- attr_names
x <- c(a = 1, b = 2)
attr(x, "names")
attributes(x)
attr(x, "extra") <- "e"
names(attributes(x))
#---- mode_storage_mode_assign
x <- 1:3
storage.mode(x) <- "double"
typeof(x)
mode(x) <- "character"
x
#---- invisible_fn
f <- function() invisible(7)
f()
v <- f()
v
#---- s3_dispatch_print
print.money <- function(x, ...) cat("$", format(unclass(x), nsmall = 2), "\n")
m <- structure(12.5, class = "money")
m
print(m)
format.money <- function(x, ...) paste0("$", unclass(x))
format(m)
#---- s3_generic_usemethod
area <- function(s, ...) UseMethod("area")
area.square <- function(s, ...) s$side^2
area.default <- function(s, ...) stop("unknown shape")
sq <- structure(list(side = 3), class = "square")
area(sq)
#---- s3_nextmethod
describe <- function(x) UseMethod("describe")
describe.parent <- function(x) "parent"
describe.child <- function(x) paste("child of", NextMethod())
describe(structure(1, class = c("child", "parent")))
#---- s3_toString_method
toString.point <- function(x, ...) paste0("(", x$x, ", ", x$y, ")")
p <- structure(list(x = 1, y = 2), class = "point")
toString(p)
#---- vector_constructors
vector("numeric", 3)
vector("list", 2)
vector("character", 2)
logical(2)
character(1)
numeric(0)
integer(3)
#---- is_vector_mode
is.vector(1:3, mode = "numeric")
is.vector(1:3, mode = "character")
is.vector(c(a = 1))
x <- 1:3
attr(x, "foo") <- "bar"
is.vector(x)
#---- as_numeric_warning_in_function
f <- function(s) as.numeric(s)
f("abc")
#---- integer_overflow
.Machine$integer.max + 1L
2147483647L * 2L
#---- numeric_types
typeof(5 %/% 2)
typeof(5L %/% 2L)
typeof(sqrt(4L))
typeof(abs(-3L))
typeof(sum(1:3))
typeof(mean(1:3))
typeof(seq(1, 3))
typeof(seq(1, 3, by = 0.5))
#---- unlist_types
unlist(list(1L, 2.5))
unlist(list("a", 1))
unlist(list(a = 1:2, b = 3))
unlist(list(list(1, 2), 3))
#---- factor_basics
f <- factor(c("b", "a", "b", "c"))
levels(f)
as.integer(f)
nlevels(f)
table(f)
as.character(f)
#---- str_basic
str(1:5)
str("a")
str(c(1.5, 2))
str(list(a = 1, b = "x"))
str(NULL)
str(TRUE)
#---- as_conversions_edge
as.integer("  12  ")
as.integer("1e3")
as.numeric("1,5")
as.logical("  TRUE")
as.character(c(1.0, 2.50, -3))
as.character(1e-20)
as.character(123456789012)
as.numeric("-.5")
#---- all_equal_more
all.equal(c(a = 1, b = 2), c(a = 1, b = 2.0000001))
all.equal(list(a = 1, b = "x"), list(a = 1, b = "y"))
all.equal(1, "1")
all.equal(NULL, NULL)
all.equal(c(1, NA), c(1, NA))
all.equal(c(1, NA), c(1, 2))
all.equal(100, 101, scale = 1)
all.equal(1:3, 1:3 + 1e-10)
#---- identical_more
identical(list(a = 1, b = list(c = 2)), list(a = 1, b = list(c = 2)))
identical(c(1, 2), c(1, 2, 3))
identical("a", c(x = "a"))
identical(quote(x + y), quote(x + y))
identical(function(x) x, function(x) x)
f <- function(x) x
identical(f, f)
#---- structure_class_print
s <- structure(list(a = 1), class = "rec")
inherits(s, "rec")
unclass(s)
inherits(s, c("x", "rec"), which = TRUE)
#---- attributes_assign
x <- 1:4
attributes(x) <- list(dim = c(2, 2), note = "n")
x
attributes(x)
#---- mode_and_storage
mode(quote(x))
mode(quote(x + 1))
mode(list())
mode(NULL)
storage.mode(matrix(1:4, 2))
typeof(c)
#---- is_vector_and_atomic
is.atomic(NULL)
is.atomic("a")
is.vector(NULL)
is.list(NULL)
is.numeric(factor("a"))
is.character(NA)
is.na(NA_character_)
#---- all_equal_factors
all.equal(factor("a"), factor("b"))
all.equal(factor(c("a", "b")), factor(c("a", "b")))
all.equal(factor("a"), "a")
