# Printing of values at top level and through print().
#---- vector_wrap
1:30
seq(0.5, 15, by = 0.5)
100:130
#---- numeric_common_format
c(1, 2.5, 3)
c(1.123456789, 2)
c(0.001, 1000)
c(1e-10, 1)
c(1e10, 1)
123456.7
1234567.8
0.1234567891
1e15
1e16
c(1.5, NA, 3)
c(-1, 1)
#---- scientific_choice
1e5
123456
0.0001
0.00001234
3e-300
2^31
2^53
1/7 * 1e6
#---- integers_print
1:3
c(-10L, 5L, NA)
.Machine$integer.max
#---- logical_print
c(TRUE, NA, FALSE)
logical(0)
#---- character_print
c("a", "bb", NA)
character(0)
"with \"quotes\""
c("x\ny", "tab\t")
print("a", quote = FALSE)
print(c(a = "x", b = "y"), quote = FALSE)
#---- named_vector
c(a = 1, b = 2, c = 3)
c(first = "x", second = "yy")
c(alpha = TRUE, beta = FALSE)
x <- 1:3
names(x) <- c("one", "two", "three")
x
#---- named_vector_wrap
x <- 1:26
names(x) <- letters
x
#---- empty_vectors
numeric(0)
integer(0)
NULL
list()
#---- list_print
list(1, "a", TRUE)
list(a = 1, b = "two")
list(a = 1, 2)
#---- nested_list
list(a = list(b = 1, c = list(d = "deep")), e = 2)
list(list(1, 2), 3)
#---- list_with_null
list(a = NULL, b = 1)
list(NULL)
#---- list_with_vectors
list(x = 1:5, y = c("a", "b"))
#---- matrix_print
matrix(1:6, nrow = 2)
matrix(c(1.5, 2, 3, 4), 2)
matrix(c("a", "b", "c", "d"), 2)
matrix(1:4, 2, dimnames = list(c("r1", "r2"), c("A", "B")))
#---- matrix_logical
matrix(c(TRUE, FALSE, NA, TRUE), 2)
#---- print_returns_invisibly
x <- print(5)
x
#---- print_digits
print(pi, digits = 3)
print(c(1.23456, 2.1), digits = 2)
pi
exp(1)
#---- options_digits
options(digits = 4)
pi
1/3
#---- negative_zero_and_special
c(Inf, -Inf, NaN, NA)
c(1, Inf)
-0.5
#---- large_small_mixed
c(123456789, 0.1)
c(1e-3, 123)
c(0.00002, 2)
#---- factor_print
f <- factor(c("lo", "hi", "lo"))
f
levels(f)
#---- null_in_function
f <- function() NULL
f()
#---- invisible_toplevel
invisible(5)
x <- invisible(6)
x
#---- print_list_of_functions_names
l <- list(a = 1:3, b = letters[1:2])
str(l)
#---- long_character_wrap
paste("word", 1:20)
#---- quote_escapes_print
"back\\slash"
'single\'quote'
"unicode \u00fc"
#---- print_data_frame
df <- data.frame(x = 1:3, y = c("a", "b", "c"))
df
#---- print_environment
globalenv()
emptyenv()
#---- print_complex_call
quote(f(x, y = 2))
quote(if (a) b else c)
quote(function(x) x + 1)
#---- list_matrix
m <- matrix(list(1, "a", TRUE, NULL), 2)
m
sapply(c(a = 1, b = 2), function(x) list(x, x))
#---- list_matrix_cells
m <- matrix(list(1, "a", TRUE, NULL, 1:3, c(1.5, 2), list(1, 2), mean, quote(x),
                 factor("a"), 1+2i, letters), 3, 4)
m
dimnames(m) <- list(c("r1", "r2", "r3"), NULL)
print(m, right = TRUE)
#---- list_matrix_values
matrix(list(NA, NA_character_, -1.123456789, 123456789012, quote(x + y), 2L), 2)
matrix(list(), 0, 2)
#---- list_matrix_dimnames_titles
m <- matrix(list(1, 2, 3, 4), 2, dimnames = list(A = c("a", "b"), B = c("x", "y")))
m
#---- list_array_3d
a <- array(list(1, 2, "c", 4, 5, 6, 7, 8:9), c(2, 2, 2),
           dimnames = list(c("a", "b"), NULL, c("X", "Y")))
a
#---- list_array_1d
l <- list(1, "a")
dim(l) <- 2
l
dimnames(l) <- list(c("p", "q"))
l
#---- printing_misc_shapes
x <- setNames(1:30, paste0("name", 1:30))
x
set.seed(1)
df <- data.frame(matrix(round(rnorm(30), 2), 3))
df
data.frame(a = c("x", NA), b = c(NA, 1.5), c = c(TRUE, NA))
matrix(c("a", NA, "ccc", "d"), 2)
list(df = data.frame(a = 1), n = NULL, f = factor("z"))
structure(1:3, myattr = "hello")
structure(list(a = 1), myattr = "x")
print(c(a = "x", b = "y"), quote = FALSE)
noquote(c("p", "q"))
print(letters, width = 30)
format(list(1, "a", TRUE, NULL, c(1, 2)))
emptydf <- data.frame(a = integer(0))
emptydf
str(emptydf)
array(1:3)
-0.5; c(-1.5, 2); 1e-300; c(0.00001, 123456)
