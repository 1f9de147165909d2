# matrix: cases for torchr's base operators and functions (GNU R is the oracle).
#---- matrix basic
matrix(1:6, nrow = 2)
matrix(1:6, ncol = 2)
matrix(1:6, 2, byrow = TRUE)
matrix(0, 2, 3)
matrix(c("a", "b", "c", "d"), 2)
#---- matrix recycling warning
matrix(1:5, 2)
#---- matrix recycle silently
matrix(1:2, 2, 4)
#---- matrix dimnames
matrix(1:4, 2, dimnames = list(c("a", "b"), c("x", "y")))
#---- matrix default dims
matrix(1:3)
dim(matrix(1:6))
#---- dim nrow ncol
m <- matrix(1:6, 2)
dim(m)
nrow(m)
ncol(m)
NROW(1:5)
NCOL(1:5)
nrow(1:5)
dim(1:5)
#---- array
array(1:24, dim = c(2, 3, 4))[, , 1]
array(1:4)
dim(array(0, c(2, 2, 2)))
array(1:3, c(2, 4))
#---- transpose
m <- matrix(1:6, 2)
t(m)
t(1:3)
dim(t(t(1:3)))
#---- transpose dimnames
m <- matrix(1:4, 2, dimnames = list(c("a", "b"), c("x", "y")))
t(m)
#---- cbind rbind
cbind(1:3, 4:6)
rbind(1:3, 4:6)
cbind(a = 1:2, b = 3:4)
rbind(x = 1:2, y = 3:4)
cbind(1:3, 0)
rbind(matrix(1:4, 2), 9:10)
cbind(matrix(1:4, 2), matrix(5:8, 2))
#---- cbind recycling warning
cbind(1:3, 1:2)
#---- cbind types
cbind(1:2, c("a", "b"))
cbind(1:2, c(1.5, 2.5))
#---- cbind names from args
x <- 1:2
y <- 3:4
cbind(x, y)
rbind(x, y)
#---- diag
diag(3)
diag(c(1, 2))
diag(matrix(1:9, 3))
diag(2, 3)
diag(matrix(1:6, 2))
#---- matrix multiply
a <- matrix(1:4, 2)
b <- matrix(5:8, 2)
a %*% b
a %*% c(1, 1)
c(1, 1) %*% a
1:3 %*% 1:3
#---- matrix multiply non-conformable
a <- matrix(1:6, 2)
a %*% a ### "non-conformable arguments"
#---- matrix multiply vector outer
1:2 %*% t(1:2)
#---- crossprod
m <- matrix(1:6, 3)
crossprod(m)
crossprod(m, 1:3)
#---- outer
outer(1:3, 1:4)
1:3 %o% 1:2
outer(1:2, 1:3, "+")
outer(1:2, 1:3, function(x, y) x * 10 + y)
#---- outer names
outer(c(a = 1, b = 2), c(x = 1, y = 2))
#---- apply
m <- matrix(1:6, 2)
apply(m, 1, sum)
apply(m, 2, sum)
apply(m, 2, function(col) col * 2)
apply(m, 1, function(r) max(r))
apply(m, c(1, 2), function(v) v + 1)
#---- apply with names
m <- matrix(1:4, 2, dimnames = list(c("a", "b"), c("x", "y")))
apply(m, 1, sum)
apply(m, 2, range)
#---- apply extra args
m <- matrix(c(1, NA, 3, 4), 2)
apply(m, 2, mean, na.rm = TRUE)
#---- row col sums
m <- matrix(1:6, 2)
rowSums(m)
colSums(m)
rowMeans(m)
colMeans(m)
typeof(rowSums(m))
#---- row sums names
m <- matrix(1:4, 2, dimnames = list(c("a", "b"), c("x", "y")))
rowSums(m)
colMeans(m)
#---- row sums na
m <- matrix(c(1, NA, 3, 4), 2)
rowSums(m)
rowSums(m, na.rm = TRUE)
colMeans(m, na.rm = TRUE)
#---- dim of vector ops
m <- matrix(1:4, 2)
length(m)
m[m > 1]
sum(m)
#---- matrix of logicals
matrix(c(TRUE, FALSE), 2, 2)
#---- matrix from list-free doubles
matrix(c(1.5, 2, 3.25, 4), 2)
#---- matrix bad dims
matrix(1:6, 4, 4)
#---- identity matrix multiply
m <- matrix(c(2, 1, 1, 3), 2)
m %*% diag(2)
#---- linear_algebra
A <- matrix(c(4, 2, 7, 6), 2); solve(A); solve(A, c(1, 2)); det(A); det(diag(3)); solve(A) %*% A
B <- matrix(c(2, -1, 0, -1, 2, -1, 0, -1, 2), 3); chol(B); round(t(chol(B)) %*% chol(B), 10)
solve(matrix(c(2, 1, 1, 3), 2, dimnames = list(c("r1", "r2"), c("c1", "c2"))))
det(matrix(c(1, 2, 3, 4), 2)); solve(2, 4)
#---- solve_singular
solve(matrix(c(1, 2, 2, 4), 2)) ### "exactly singular"
#---- matrix_index_helpers
upper.tri(matrix(1:9, 3)); lower.tri(matrix(1:6, 2), diag = TRUE)
m <- matrix(1:9, 3); m[upper.tri(m)] <- 0; m
row(matrix(1:6, 2)); col(matrix(1:6, 2)); tcrossprod(matrix(1:4, 2))
a <- array(1:24, 2:4, dimnames = list(c("a", "b"), NULL, paste0("z", 1:4)))
dim(aperm(a)); aperm(a, c(2, 1, 3))[, , 1]; t(matrix(1:6, 2)) == aperm(matrix(1:6, 2))
