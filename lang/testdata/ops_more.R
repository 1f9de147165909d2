# more: extra edge cases for operators, indexing, vectors, math and matrices.
#---- seq doubles
seq(0.1, 0.5, 0.1)
seq(1, 0, by = -0.25)
seq(-5, 5, length.out = 3)
seq(2, 20, length.out = 4)
seq(1.5, 4.5)
seq(10)
seq(0)
#---- seq_len of double
seq_len(3.9)
seq(1, 6, by = 2L)
#---- colon with doubles
0.5:3
3:0.5
-1:-3
#---- integer arithmetic edge
5L %/% -2L
-5L %% -2L
0L %/% 3L
.Machine$integer.max * -1L
-.Machine$integer.max - 1L
#---- double modulo precision
1 %% 0.1
0.3 %% 0.1
-1e-20 %% 1
#---- arithmetic keeps class attribute
x <- structure(1:3, class = "myclass", foo = "bar")
attributes(x + 1L)
#---- comparison of factors-free lists
list(1, 2) == 1
#---- NA logic
NA & FALSE
NA | TRUE
!NA
xor(NA, TRUE)
#---- c with use.names false
c(a = 1, b = 2, use.names = FALSE)
#---- c of nested names
c(a = c(b = 1, 2), c = list(d = 3))
#---- unlist deep
unlist(list(a = list(b = list(c = 1, d = 2)), e = 3))
unlist(list(1:2, c(a = 3)))
#---- names assign shorter
x <- 1:4
names(x) <- c("a", "b")
x
names(x)
#---- names assign too long
x <- 1:2
names(x) <- c("a", "b", "c") ### "'names' attribute \\[3\\] must be the same length as the vector \\[2\\]"
#---- dim NULL removes dimnames
m <- matrix(1:4, 2, dimnames = list(c("a", "b"), NULL))
dim(m) <- NULL
m
#---- length assign list
l <- list(1, 2)
length(l) <- 3
l
#---- which arr.ind
m <- matrix(c(TRUE, FALSE, TRUE, TRUE), 2)
which(m, arr.ind = TRUE)
#---- order decreasing multiple
order(c(1, 1, 2), c(3, 2, 1), decreasing = TRUE)
order(c("b", NA, "a"))
#---- sort decreasing names
sort(c(x = 2, y = 3, z = 1), decreasing = TRUE)
#---- rev list names
rev(list(a = 1, b = "x"))
#---- rep each names
rep(c(a = 1, b = 2), each = 2)
rep_len(1:5, 2)
rep(1:2, length.out = 5, each = 2)
#---- which names
which(c(a = TRUE, b = NA, c = TRUE))
#---- match strings numbers
match(c(1L, 5L), c(5, 1))
match(TRUE, c(0, 1))
c("x", "y") %in% character(0)
#---- union intersect setdiff types
union(c(a = 1, b = 2), 3)
setdiff(c(3, 1, 3), 1)
intersect(c(1.5, 2), 2L)
#---- apply returning list
m <- matrix(1:4, 2)
apply(m, 1, function(r) r[r > 2])
#---- apply over columns keeps names
m <- matrix(1:6, 2, dimnames = list(c("r1", "r2"), c("a", "b", "c")))
apply(m, 2, function(x) x / sum(x))
#---- outer with string function
outer(1:2, 1:3, "-")
outer(1:3, 1:2, pmax)
#---- matrix byrow dimnames
matrix(1:6, 2, byrow = TRUE, dimnames = list(c("a", "b"), c("x", "y", "z")))
#---- rbind with names and matrices
rbind(a = 1:2, matrix(3:6, 2))
cbind(m = matrix(1:4, 2), v = 5:6)
#---- t of list-free character matrix
t(matrix(c("a", "b", "c", "d"), 2))
#---- matrix multiply with dimnames
a <- matrix(1:4, 2, dimnames = list(c("r1", "r2"), c("c1", "c2")))
a %*% a
crossprod(a)
#---- index matrix assignment
m <- matrix(0, 3, 3)
m[cbind(1:3, 3:1)] <- 1
m
#---- array index drop
a <- array(1:24, c(2, 3, 4))
a[2, , ]
a[, 2, 3, drop = FALSE]
#---- subset list by logical NA
l <- list(a = 1, b = 2)
l[c(TRUE, NA)]
#---- subset negative names
x <- c(a = 1, b = 2, c = 3)
x[-which(names(x) == "b")]
#---- double bracket exact NA partial
l <- list(value = 1)
l[["val", exact = NA]]
#---- assign beyond with names
x <- c(a = 1)
x[["c"]] <- 3
x
x[5] <- 5
x
#---- assign logical into integer keeps integer
x <- 1:3
x[2] <- TRUE
x
typeof(x)
#---- assign list element to vector
x <- 1:3
x[[2]] <- list(9)
length(x)
typeof(x)
#---- matrix column assign recycled
m <- matrix(0L, 2, 3)
m[, 2:3] <- 1:2
m
#---- dollar assign on vector warns
x <- c(a = 1)
x$b <- 2
x
#---- nested list replace in loop
l <- list()
for (i in 1:3) l[[i]] <- i^2
unlist(l)
#---- summary na.rm combos
max(c(NA, 3), 5, na.rm = TRUE)
min(c("b", NA), na.rm = TRUE)
range(integer(0), 1:3)
prod(1:10)
sum(1:100000)
#---- mean trim
mean(c(1, 2, 3, 100), trim = 0.25)
mean(c(-Inf, Inf))
#---- median even integer
median(c(1L, 2L, 3L, 4L))
median(c(TRUE, FALSE, TRUE))
#---- var matrix
var(matrix(c(1, 2, 3, 4, 2, 4, 6, 9), 4))
#---- sd NA
sd(c(1, NA, 3))
sd(c(2, 4), na.rm = TRUE)
#---- round negative digits and half even
round(c(0.5, 1.5, 2.5, 3.5, -0.5))
round(123.456, -1)
round(-2.675, 2)
signif(c(123456, 0.000123456), 3)
#---- log edge
log(c(0, 1, Inf))
log(8, 2)
log(100, base = 10)
log10(0.001)
#---- trig special
tan(pi / 2) > 1e15
sinpi(1)
cospi(0.5)
#---- cummax with NA
cummax(c(1, NA, 3))
cummin(c(3L, 1L, NA, 0L))
cumprod(c(2, NA, 3))
#---- pmin strings and recycling
pmin(c("b", "a"), "aa")
pmax(1:4, c(2, 3))
#---- choose negative and factorial vector
choose(-2, 3)
choose(5, 1:5)
factorial(c(0, 1, 5, 10))
lgamma(c(1, 10, 0.5))
#---- abs of integer NA
abs(c(-1L, NA, 3L))
#---- sqrt of integer matrix
sqrt(matrix(c(1L, 4L, 9L, 16L), 2))
#---- any all on numbers
any(c(0, 1))
all(numeric(0))
#---- ifelse with NA yes no types
ifelse(c(TRUE, NA, FALSE), "y", 2)
ifelse(logical(0), 1, 2)
#---- tabulate zeros
tabulate(c(0, 1, 1, 3))
#---- head tail negative and lists
head(letters, -23)
tail(1:5, -2)
tail(list(a = 1, b = 2, c = 3), 1)
#---- head of matrix negative rows
m <- matrix(1:8, 4)
head(m, -2)
tail(m, 2)
#---- append after 0 and beyond
append(1:3, 0L, after = 0)
append(c(a = 1), c(b = 2), after = 5)
#---- diag assign-free identities
diag(c(a = 2, b = 3))
diag(matrix(1:6, 3))
diag(0)
#---- integer overflow in sum of logical
sum(c(TRUE, NA), na.rm = TRUE)
sum(NULL)
typeof(sum(NULL))
#---- NaN vs NA propagation
NaN + NA
NA + NaN
NA_integer_ * 0L
max(NA, NaN)
max(NaN, NA)
