# Raw vectors: construction, coercion, combination, indexing, bitwise
# operators, printing, bits.
#---- raw_construct_print
x <- as.raw(c(1, 2, 255, 16))
x
raw(3)
vector("raw", 2)
raw(0)
as.raw(0:40)
as.raw(0xff)
as.raw("10")
#---- raw_out_of_range_warns
as.raw(256)
as.raw(c(-1, NA, 3))
#---- raw_type_predicates
x <- charToRaw("abc")
typeof(x); class(x); mode(x)
is.raw(x); is.vector(x); is.atomic(x)
length(x)
#---- raw_combine
x <- as.raw(c(1, 2, 255, 16))
c(x, as.raw(7))
c(as.raw(1), 2L)
c(as.raw(1), "a")
c(as.raw(1), TRUE)
c(as.raw(1), list(2))
unlist(list(as.raw(1), as.raw(2)))
rep(as.raw(1:2), 2)
#---- raw_coerce
x <- as.raw(c(1, 2, 255, 16))
as.integer(x)
as.numeric(x)
as.character(x)
as.logical(as.raw(c(0, 1, 2)))
as.vector(as.raw(1), "integer")
as.raw(list(1, 2))
format(as.raw(10))
paste(as.raw(1:3), collapse = " ")
#---- raw_coerce_errors
as.raw(list(1:2)) ### "'list' object cannot be coerced to type 'raw'"
#---- raw_coerce_closure_error
as.raw(function(x) x) ### "cannot coerce type 'closure' to vector of type 'raw'"
#---- raw_chars
rawToChar(as.raw(c(72, 105)))
rawToChar(as.raw(c(72, 105)), multiple = TRUE)
charToRaw("Hello")
rev(charToRaw("abc"))
rawToChar(rev(charToRaw("abc")))
sum(as.integer(charToRaw("abc")))
#---- raw_bitwise
xor(as.raw(12), as.raw(10))
as.raw(12) & as.raw(10)
as.raw(12) | as.raw(10)
!as.raw(c(0, 15, 255))
x <- c(a = as.raw(3))
!x
as.raw(1:4) & as.raw(1:2)
m <- matrix(as.raw(1:4), 2)
m & as.raw(1)
#---- raw_bitwise_recycling_warns
as.raw(1:3) & as.raw(1:2)
#---- raw_and_logical_error
as.raw(1) & TRUE ### "operations are possible only for numeric, logical or complex types"
#---- raw_arith_error
as.raw(1) + 1 ### "non-numeric argument to binary operator"
#---- raw_unary_minus_error
-as.raw(1) ### "invalid argument to unary operator"
#---- raw_index
x <- as.raw(c(1, 2, 255, 16))
rev(x)
x[2:3]
x[-1]
x[x > as.raw(2)]
x[[3]]
head(x, 2); tail(x, 2)
as.raw(1:3)[5]
x[2] <- as.raw(99)
x
x[6] <- as.raw(9)
x
#---- raw_names
x <- as.raw(1:3)
names(x) <- c("a", "b", "c")
x
x[["b"]]
length(x) <- 5
x
names(x) <- c("a", "bbbbbb", "c", "d", "e")
x
#---- raw_subassign_type_error
x <- 1:3
x[2] <- as.raw(1) ### "incompatible types \\(from raw to integer\\)"
#---- raw_subassign_double_error
y <- as.raw(1:3)
y[2] <- 5 ### "incompatible types \\(from double to raw\\)"
#---- raw_in_list
l <- list(1)
l[[1]] <- as.raw(7)
l
str(list(a = as.raw(1), b = raw(0)))
str(as.raw(1:30))
#---- raw_compare
identical(as.raw(1:3), as.raw(1:3))
identical(as.raw(1:3), 1:3)
as.raw(c(1, 2)) == as.raw(c(1, 3))
as.raw(1) == 1
as.raw(10) == "0a"
as.raw(3) > as.raw(2)
which(as.raw(1:3) == as.raw(2))
match(as.raw(2), as.raw(1:3))
as.raw(2) %in% as.raw(1:3)
unique(as.raw(c(1, 1, 2)))
duplicated(as.raw(c(1, 1)))
is.na(as.raw(1))
#---- raw_sort_error
sort(as.raw(c(3, 1, 2))) ### "raw vectors cannot be sorted"
#---- raw_order_error
order(as.raw(c(3, 1, 2))) ### "unimplemented type 'raw' in 'orderVector1'"
#---- raw_summary_errors
max(as.raw(1:3)) ### "invalid 'type' \\(raw\\) of argument"
#---- raw_mean_warns
mean(as.raw(1:3))
#---- raw_matrix
m <- matrix(as.raw(1:6), 2)
m
t(m)
dim(m)
m[2, ]
array(as.raw(1:8), c(2, 2, 2))
matrix(as.raw(1:4), 2, dimnames = list(c("a", "b"), c("x", "y")))
rbind(as.raw(1:2), as.raw(3:4))
cbind(a = as.raw(1:2))
#---- raw_apply
sapply(as.raw(1:3), as.integer)
sapply(1:2, function(i) as.raw(i))
vapply(1:2, function(i) as.raw(i), raw(1))
lapply(as.raw(1:2), function(b) b)
ifelse(TRUE, as.raw(1), as.raw(2))
#---- raw_bits
rawToBits(as.raw(5))
packBits(rawToBits(as.raw(5)))
packBits(c(TRUE, FALSE, TRUE, FALSE, FALSE, FALSE, FALSE, FALSE))
packBits(intToBits(7L), "integer")
packBits(rep(c(1L, 0L), 16), "integer")
packBits(c(rep(0L, 52), rep(c(1L, 0L), 6)), "double")
packBits(2L:9L)
intToBits(5L)[1:8]
intToBits(-1L)[32]
rawShift(as.raw(1), 3)
rawShift(as.raw(255), -3)
#---- raw_bits_errors
packBits(1:3) ### "argument 'x' must be a multiple of 8 long"
#---- raw_bits_na_error
packBits(c(TRUE, NA, rep(FALSE, 6))) ### "argument 'x' must not contain NAs"
#---- raw_bits_type_error
packBits(as.raw(1:8), "foo") ### "'arg' should be one of"
#---- raw_to_bits_error
rawToBits(1) ### "argument 'x' must be a raw vector"
#---- raw_shift_error
rawShift(as.raw(1), 9) ### "argument 'n' must be a small integer"
#---- bitw_ops
bitwAnd(12L, 10L)
bitwOr(12L, c(1L, 2L, NA))
bitwXor(12, 10)
bitwNot(c(0L, -1L, NA))
bitwShiftL(1L, 0:4)
bitwShiftL(1L, 31L)
bitwShiftR(-1L, 28L)
bitwShiftL(1L, 32L)
bitwAnd(1.5, 1L)
bitwAnd(integer(0), 1L)
bitwShiftR(16L, c(1, 2))
bitwAnd(1:3, 1:2)
bitwAnd(2^31, 1)
#---- bitw_type_error
bitwAnd(TRUE, 1L) ### "'a' and 'b' must have the same type"
#---- rank_ties_and_na
rank(c(b = 3, a = 1, c = 3, d = NA))
rank(c(3, 1, 3, NA), na.last = "keep")
rank(c(3, 1, 3, NA), ties.method = "min")
rank(c(3, 1, 3, NA), na.last = FALSE, ties.method = "max")
rank(c("b", "a", "b"))
rank(c(3, 1, 3), ties.method = "first")
rank(c(3, 1, 3), ties.method = "last")
rank(c(3, 1, NA), na.last = NA)
rank(integer(0))
rank(factor(c("b", "a")))
set.seed(1)
rank(c(1, 1, 1, 2, 2), ties.method = "random")
#---- rank_bad_method
rank(1:3, ties.method = "foo") ### "'arg' should be one of"
#---- rank_raw_error
rank(as.raw(3:1)) ### "raw vectors cannot be sorted"
#---- raw_deparse
dput(as.raw(1:3))
deparse(as.raw(255))
dput(raw(0))
dput(as.raw(7))
dput(c(a = as.raw(1), b = as.raw(2)))
