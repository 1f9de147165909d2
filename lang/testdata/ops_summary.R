# summary: cases for torchr's base operators and functions (GNU R is the oracle).
#---- sum
sum(1:10)
typeof(sum(1:10))
sum(c(1.5, 2.5))
sum(c(TRUE, TRUE, FALSE))
typeof(sum(TRUE))
sum()
sum(1, 2, 3:4)
sum(c(1, NA))
sum(c(1, NA), na.rm = TRUE)
sum(numeric(0))
typeof(sum(integer(0)))
#---- sum integer overflow
sum(c(2147483647L, 1L))
#---- sum non-numeric
sum("a") ### "invalid 'type' \\(character\\) of argument"
#---- prod
prod(1:5)
typeof(prod(1:5))
prod(numeric(0))
prod(c(2, NA), na.rm = TRUE)
#---- mean
mean(1:10)
mean(c(1, 2, NA))
mean(c(1, 2, NA), na.rm = TRUE)
mean(numeric(0))
mean(c(TRUE, FALSE))
mean(c(1e308, 1e308))
#---- mean non numeric warns
mean("a")
#---- median
median(c(3, 1, 2))
median(c(4, 1, 3, 2))
median(1:4)
median(c(1L, 3L))
median(c(1, NA))
median(c(1, NA, 3), na.rm = TRUE)
median(numeric(0))
#---- max min
max(c(3, 1, 2))
min(c(3, 1, 2))
max(1:5)
typeof(max(1:5))
max(c(1, NA, 3))
max(c(1, NA, 3), na.rm = TRUE)
max(1, 5, 3)
min(c("b", "a", "c"))
max(c(NaN, 1))
max(c(NA, NaN))
max(TRUE, FALSE)
#---- max empty warns
max(numeric(0))
#---- min empty warns
min(integer(0))
#---- range
range(c(3, 1, 2))
range(c(3, NA, 1), na.rm = TRUE)
range(1:10, 20L)
range(c("b", "a"))
#---- var sd
var(1:10)
sd(1:10)
var(c(1, 2, 3, 4))
sd(c(2, 4, 4, 4, 5, 5, 7, 9))
var(c(1, NA, 3))
var(c(1, NA, 3), na.rm = TRUE)
var(1)
#---- var matrix-free two args
var(1:5, c(2, 4, 6, 8, 10))
#---- summary names dropped
sum(c(a = 1, b = 2))
max(c(a = 1, b = 2))
#---- mean trim-free precision
mean(c(0.1, 0.2, 0.3))
sum(c(0.1, 0.2, 0.3)) == 0.6
#---- mean of integer is double
typeof(mean(1:3))
#---- sum large doubles accumulates accurately
sum(c(1e16, 1, -1e16))
mean(c(1e16, 1, -1e16, 1))
