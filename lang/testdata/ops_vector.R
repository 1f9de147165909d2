# vector: cases for torchr's base operators and functions (GNU R is the oracle).
#---- c basic
c(1, 2, 3)
c(1L, 2L)
c(1, "a", TRUE)
c(1L, 2.5)
c(TRUE, 2L)
c()
c(NULL, NULL)
#---- c with names
c(a = 1, b = 2)
c(x = c(a = 1, b = 2), y = 3)
c(x = 1:2, 3)
c(a = 1, 2)
#---- c lists
c(list(1), 2)
c(list(a = 1), list(b = "x"))
c(1, list(2, 3))
#---- c recursive
c(list(1, list(2, 3)), recursive = TRUE)
#---- c NA types
c(NA, 1L)
c(NA, "a")
typeof(c(NA, 1))
#---- list
list(1, "a", TRUE)
list(a = 1, b = list(c = 2))
length(list())
list()
#---- vector constructors
vector("numeric", 3)
vector("list", 2)
vector("character", 2)
vector("integer", 0)
vector("logical", 2)
numeric(3)
integer(2)
character(1)
logical(2)
double(2)
numeric(0)
#---- length
length(1:10)
length(NULL)
length(list(1, 2))
length("abc")
length(matrix(1:6, 2))
#---- names
names(c(a = 1, b = 2))
names(1:3)
names(list(a = 1, 2))
#---- rep
rep(1:3, 2)
rep(1:3, times = 2)
rep(1:3, each = 2)
rep(1:3, times = c(3, 2, 1))
rep(c("a", "b"), length.out = 5)
rep(1:2, each = 2, times = 2)
rep(1:3, each = 2, length.out = 4)
rep(NA, 3)
rep(c(a = 1, b = 2), 2)
rep(list(1, "a"), 2)
rep(1:3, 0)
#---- rep_len
rep_len(1:3, 7)
rep_len(c("x", "y"), 3)
#---- rep bad times
rep(1:3, times = c(1, 2)) ### "invalid 'times' argument"
#---- rev
rev(1:5)
rev(c(a = 1, b = 2))
rev(list(1, "a"))
rev(NULL)
#---- head tail
head(1:10)
head(1:10, 3)
head(1:10, -3)
tail(1:10)
tail(1:10, 3)
tail(1:10, -7)
head(letters, 0)
head(list(1, 2, 3), 2)
tail(c(a = 1, b = 2, c = 3), 2)
#---- head matrix
m <- matrix(1:20, 10)
head(m, 2)
#---- append
append(1:3, 99)
append(1:3, 99, after = 1)
append(1:3, c(7, 8), after = 0)
append(list(1), list(2))
#---- unlist
unlist(list(1, 2, 3))
unlist(list(a = 1, b = 2))
unlist(list(a = 1:2, b = 3))
unlist(list(a = list(b = 1, c = 2), d = 3))
unlist(list(1, "a", TRUE))
unlist(list(a = list(1, 2), b = list(x = 3)))
unlist(list())
unlist(list(a = c(x = 1, y = 2)))
unlist(list(1:2, list(3L, 4L)))
unlist(list(a = 1, list(b = 2, 3)))
#---- unlist use.names
unlist(list(a = 1, b = 2), use.names = FALSE)
#---- which
which(c(FALSE, TRUE, TRUE, NA))
which(c(a = TRUE, b = FALSE, c = TRUE))
which(logical(0))
which(1:10 %% 3 == 0)
#---- which on non logical
which(1:3) ### "argument to 'which' is not logical"
#---- which max min
which.max(c(3, 7, 7, 1))
which.min(c(3, 7, 1, 1))
which.max(c(a = 1, b = 5))
which.max(c(NA, 2, 1))
which.max(numeric(0))
which.min(c(TRUE, FALSE))
#---- is.na assign
x <- 1:3
is.na(x) <- 2
x
#---- tabulate
tabulate(c(1, 2, 2, 5))
tabulate(c(2, 3, 3), nbins = 2)
#---- table
table(c("a", "b", "a", "c", "a"))
