# subset: cases for torchr's base operators and functions (GNU R is the oracle).
#---- positive index
x <- c(10, 20, 30, 40)
x[2]
x[c(1, 3)]
x[c(4, 4, 1)]
#---- negative index
x <- c(10, 20, 30, 40)
x[-1]
x[-c(1, 2)]
x[-(1:4)]
#---- mixed sign errors
x <- 1:4
x[c(-1, 2)] ### "can't mix positive and negative subscripts|only 0's may be mixed with negative subscripts"
#---- zero index
x <- c(10, 20, 30)
x[0]
x[c(0, 1)]
x[-0]
#---- out of range
x <- c(10, 20, 30)
x[5]
x[c(1, 5)]
(1:3)[4]
letters[27]
#---- NA index
x <- c(10, 20, 30)
x[NA]
x[c(1, NA)]
x[NA_integer_]
#---- logical index
x <- c(10, 20, 30, 40)
x[c(TRUE, FALSE)]
x[x > 15]
x[c(TRUE, NA, FALSE, TRUE)]
x[c(TRUE, FALSE, TRUE, FALSE, TRUE)]
#---- character index
x <- c(a = 1, b = 2, c = 3)
x["b"]
x[c("c", "a")]
x["z"]
#---- names kept in subset
x <- c(a = 1, b = 2, c = 3)
x[2:3]
x[-2]
x[c(TRUE, FALSE, TRUE)]
#---- double index truncated
x <- c(10, 20, 30)
x[2.9]
x[-1.5]
#---- empty index
x <- c(a = 1, b = 2)
x[]
#---- list subset
l <- list(a = 1, b = "x", c = TRUE)
l[2]
l[c("a", "c")]
l[-1]
#---- list double bracket
l <- list(a = 1, b = "x", c = TRUE)
l[[2]]
l[["c"]]
#---- double bracket out of bounds
l <- list(1, 2)
l[[3]] ### "subscript out of bounds"
#---- double bracket vector out of bounds
x <- 1:3
x[[5]] ### "subscript out of bounds"
#---- double bracket missing name list
l <- list(a = 1)
l[["b"]]
#---- double bracket missing name vector
x <- c(a = 1)
x[["b"]] ### "subscript out of bounds"
#---- double bracket vector
x <- c(a = 1, b = 2)
x[[2]]
x[["a"]]
#---- double bracket recursive
l <- list(a = list(b = list(c = 42)))
l[[c("a", "b", "c")]]
l[[c(1, 1)]]
#---- dollar on list
l <- list(alpha = 1, beta = 2)
l$alpha
l$be
l$gamma
#---- dollar partial ambiguous
l <- list(alpha = 1, alps = 2)
l$al
#---- dollar nested
l <- list(a = list(b = 3))
l$a$b
#---- dollar on atomic
x <- c(a = 1)
x$a ### "\\$ operator is invalid for atomic vectors"
#---- exact argument
l <- list(alpha = 1)
l[["al", exact = FALSE]]
l[["al"]]
#---- matrix subset
m <- matrix(1:12, 3)
m[2, 3]
m[2, ]
m[, 2]
m[1:2, c(1, 4)]
m[-1, ]
#---- matrix drop false
m <- matrix(1:12, 3)
m[2, , drop = FALSE]
m[, 1, drop = FALSE]
#---- matrix linear index
m <- matrix(1:12, 3)
m[5]
m[m > 6]
#---- matrix with dimnames
m <- matrix(1:4, 2, dimnames = list(c("r1", "r2"), c("a", "b")))
m["r1", ]
m[, "b"]
m["r2", "a"]
m[, c("b", "a")]
#---- matrix out of bounds
m <- matrix(1:4, 2)
m[3, 1] ### "subscript out of bounds"
#---- matrix logical rows
m <- matrix(1:6, 3)
m[c(TRUE, FALSE, TRUE), ]
#---- matrix index matrix
m <- matrix(1:9, 3)
m[cbind(c(1, 3), c(2, 3))]
#---- array subset
a <- array(1:24, c(2, 3, 4))
a[2, 3, 4]
a[1, , 2]
dim(a[, , 1:2])
#---- wrong number of dims
m <- matrix(1:4, 2)
m[1, 1, 1] ### "incorrect number of dimensions"
#---- NULL subset
NULL[1]
NULL[[1]]
#---- character vector subset
letters[1:5]
LETTERS[c(26, 1)]
#---- subset of list with NULL elements
l <- list(1, NULL, 3)
length(l)
l[2]
#---- subset environment
e <- new.env()
assign("v", 5, envir = e)
e$v
e[["v"]]
e$missing
#---- subset factor-free double bracket negative
x <- 1:3
x[[-1]] ### "invalid negative subscript in get1index|attempt to select more than one element|invalid subscript"
#---- double bracket list NULL element
l <- list(a = NULL, b = 2)
l
