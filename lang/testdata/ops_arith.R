# arith: cases for torchr's base operators and functions (GNU R is the oracle).
#---- add doubles
1 + 2
c(1.5, 2.5) + 1
#---- add integers stays integer
x <- 1L + 2L
x
typeof(x)
#---- logical coerces to integer
typeof(TRUE + TRUE)
TRUE + TRUE
#---- integer plus double
typeof(1L + 1)
#---- recycling
1:6 + 1:2
#---- recycling warning
1:5 + 1:2
#---- zero length
numeric(0) + 1
integer(0) * 2L
#---- division always double
5L / 2L
typeof(4L / 2L)
1 / 0
-1 / 0
0 / 0
#---- power
2^10
typeof(2L^2L)
(-8)^(1/3)
0^0
NA^0
1^NA
#---- integer overflow
.Machine$integer.max + 1L
#---- integer overflow mult
100000L * 100000L
#---- modulo signs
5 %% 3
-5 %% 3
5 %% -3
-5 %% -3
5L %% 3L
-5L %% 3L
#---- modulo doubles
5.5 %% 2
-5.5 %% 2
1 %% 0
5L %% 0L
#---- integer division
5 %/% 3
-5 %/% 3
5L %/% 2L
-5L %/% 2L
typeof(5L %/% 2L)
5 %/% 0
5L %/% 0L
#---- NA propagation
c(1, NA, 3) + 1
NA_integer_ + 1L
NA + 1
NaN + NA
NA * 0
#---- names kept from first
x <- c(a = 1, b = 2)
x + 1
1 + x
y <- c(c = 10, d = 20)
x + y
#---- names from longer
c(a = 1) + c(x = 1, y = 2)
#---- unary minus
-c(1, -2)
-TRUE
typeof(-TRUE)
-c(a = 1L)
+c(x = TRUE)
#---- dim kept
m <- matrix(1:4, 2)
m * 2
m + m
#---- non-conformable
m <- matrix(1:4, 2)
n <- matrix(1:6, 2)
m + n ### "non-conformable arrays"
#---- non-numeric argument
"a" + 1 ### "non-numeric argument to binary operator"
#---- non-numeric unary
-"a" ### "invalid argument to unary operator"
#---- null operand
NULL + 1
#---- inf arithmetic
Inf - Inf
Inf * 0
-Inf + 1e308
#---- large numbers
1e308 * 10
.Machine$double.eps
#---- precision printing
0.1 + 0.2
1/3
#---- matrix times vector recycled
m <- matrix(1:6, 2)
m * c(10, 100)
#---- long vector recycle with matrix
m <- matrix(1:4, 2)
m + 1:2
#---- modulo vectorised
(1:10) %% 3
(-3:3) %/% 2
#---- integer division doubles
7.5 %/% 2
-7.5 %/% 2
1e10 %/% 3
#---- mixed logical arithmetic
sum(c(TRUE, FALSE, TRUE)) * 2L
TRUE / 2
#---- integer exponent negative
2L^-1L
(-2)^0.5
