# subassign: cases for torchr's base operators and functions (GNU R is the oracle).
#---- assign element
x <- c(1, 2, 3)
x[2] <- 20
x
#---- assign extends with NA
x <- c(1, 2, 3)
x[6] <- 6
x
#---- assign coerces
x <- 1:3
x[2] <- 2.5
x
typeof(x)
x[1] <- "a"
x
#---- assign integer keeps integer
x <- 1:3
x[2] <- 10L
typeof(x)
x
#---- assign logical index
x <- 1:6
x[x > 3] <- 0L
x
#---- assign recycled
x <- 1:6
x[c(TRUE, FALSE)] <- c(-1L, -2L, -3L)
x
x[1:4] <- 0L
x
#---- assign recycle warning
x <- 1:6
x[1:4] <- 1:3
x
#---- assign by name adds
x <- c(a = 1, b = 2)
x["c"] <- 3
x
x["a"] <- 10
x
#---- assign by name to unnamed
x <- c(1, 2)
x["z"] <- 5
x
#---- assign negative index
x <- 1:5
x[-1] <- 0L
x
#---- assign empty index
x <- 1:5
x[] <- 9L
x
#---- assign list element
l <- list(a = 1, b = 2)
l$c <- 3
l[["a"]] <- "x"
l
#---- assign NULL deletes
l <- list(a = 1, b = 2, c = 3)
l[["b"]] <- NULL
names(l)
l$a <- NULL
names(l)
length(l)
#---- assign NULL single bracket deletes
l <- list(1, 2, 3, 4)
l[c(1, 3)] <- NULL
unlist(l)
#---- assign list(NULL)
l <- list(a = 1, b = 2)
l["a"] <- list(NULL)
l
#---- double bracket extend list
l <- list()
l[[3]] <- "c"
l
#---- double bracket assign vector
x <- c(1, 2)
x[[4]] <- 4
x
#---- nested dollar assign
l <- list(a = list(b = 1))
l$a$b <- 2
l$a$c <- 3
l$a
#---- nested assign creates
l <- list()
l$x$y <- 1
l
#---- assign matrix element
m <- matrix(0, 2, 2)
m[1, 2] <- 5
m
m[2, ] <- c(7, 8)
m
m[, 1] <- 1
m
#---- assign matrix logical
m <- matrix(1:6, 2)
m[m > 3] <- 0L
m
#---- names assign
x <- 1:3
names(x) <- c("a", "b", "c")
x
names(x) <- NULL
x
names(x) <- c("p", "q")
x
names(x)
#---- dim assign
x <- 1:6
dim(x) <- c(2, 3)
x
dim(x) <- NULL
x
#---- dim assign wrong
x <- 1:6
dim(x) <- c(4, 2) ### "dims \\[product 8\\] do not match the length of object \\[6\\]"
#---- dimnames assign
m <- matrix(1:4, 2)
dimnames(m) <- list(c("a", "b"), c("x", "y"))
m
dimnames(m)
#---- attr assign
x <- 1:3
attr(x, "foo") <- "bar"
attr(x, "foo")
attributes(x)
attr(x, "foo") <- NULL
attributes(x)
#---- attributes of matrix
m <- matrix(1:4, 2)
attributes(m)
#---- class assign
x <- 1:3
class(x) <- "myclass"
class(x)
inherits(x, "myclass")
class(x) <- NULL
class(x)
#---- class default
class(1)
class(1L)
class("a")
class(TRUE)
class(list())
class(NULL)
class(matrix(1:4, 2))
class(array(1:8, c(2, 2, 2)))
class(sum)
#---- length assign
x <- 1:3
length(x) <- 5
x
length(x) <- 2
x
l <- list(a = 1, b = 2)
length(l) <- 1
l
#---- assign into NULL
x <- NULL
x[3] <- 1
x
y <- NULL
y$a <- 1
y
#---- assign with zero-length value
x <- 1:3
x[2] <- integer(0) ### "replacement has length zero"
#---- modify copy semantics
x <- c(1, 2, 3)
y <- x
y[1] <- 100
x
y
#---- function modifying arg does not leak
f <- function(v) { v[1] <- 0; v }
x <- c(5, 6)
f(x)
x
#---- environment assign
e <- new.env()
e$a <- 1
e[["b"]] <- 2
sort(ls(e))
e$a + e$b
#---- assign double bracket list by name nested
l <- list()
l[["k"]][["j"]] <- 1
l
#---- names with NA index extension
x <- c(a = 1)
x[3] <- 3
x
names(x)
#---- assign names partial NA
x <- 1:3
names(x) <- c("a", NA, "c")
x
