# Syntax: literals, operators, precedence, newlines, function forms.
#---- numbers
1
1.5e-3
0x1F
1L
1e5
100000
123456789
1234567890123
0.1 + 0.2
1/3
-0
.5
5.
1e-20
#---- integer_literals
x <- 10L
typeof(x)
typeof(1)
typeof(0x10L)
1e3L
#---- strings_escapes
"a\tb"
'single'
"quote\"inside"
'it\'s'
cat("tab\there\nnewline\n")
cat("backslash \\ done\n")
"\u00e9"
nchar("\u00e9")
#---- special_constants
TRUE
FALSE
T
F
NULL
NA
NA_integer_
NA_real_
NA_character_
Inf
-Inf
NaN
c(T, F, NA)
#---- identifiers
.x <- 1
my.var_2 <- 2
.x + my.var_2
`my var` <- 3
`my var` * 2
`+`(1, 2)
#---- comments
x <- 1 # a comment
# full line comment
x + 1 # another
#---- precedence_arith
1 + 2 * 3
(1 + 2) * 3
2^3^2
-2^2
(-2)^2
10 - 4 - 3
100 / 10 / 5
5 %% 3 * 2
-1:3
-(1:3)
2 * 1:3
1:3^2
#---- precedence_logic
TRUE || FALSE && FALSE
!TRUE & FALSE
!(TRUE & FALSE)
1 < 2 & 2 < 3
x <- 5
x > 3 && x < 10
#---- assignment_forms
x <- 1
y = 2
3 -> z
x; y; z
a <- b <- 4
a + b
f <- function() { g <<- 10 }
f()
g
5 ->> h
h
#---- assign_value_invisible
x <- 5
(x <- 6)
print(y <- 7)
#---- if_else
x <- 3
if (x > 2) "big" else "small"
if (x > 5) "big" else if (x > 1) "medium" else "small"
y <- if (FALSE) 1
y
is.null(if (FALSE) 1)
#---- else_newline_braces
f <- function(x) {
  if (x > 0)
    "pos"
  else
    "nonpos"
}
f(1)
f(-1)
{
  if (FALSE) 1
  else 2
}
#---- for_loop
for (i in 1:3) print(i)
s <- 0
for (v in c(2, 4, 6)) s <- s + v
s
for (n in c("a", "b")) cat(n, "\n")
for (e in list(1, "x", TRUE)) print(e)
i
#---- for_empty
for (i in integer(0)) print(i)
for (i in NULL) print(i)
#---- while_repeat
i <- 0
while (i < 3) i <- i + 1
i
j <- 0
repeat {
  j <- j + 1
  if (j >= 4) break
}
j
k <- 0
while (TRUE) { k <- k + 1; if (k > 5) break }
k
#---- break_next
for (i in 1:10) {
  if (i %% 2 == 0) next
  if (i > 7) break
  cat(i, "")
}
cat("\n")
#---- loop_value_null
x <- for (i in 1:3) i
print(x)
w <- while (FALSE) 1
print(w)
#---- braces_value
x <- { 1; 2; 3 }
x
{}
#---- function_forms
f <- function(x, y = 2) x + y
f(1)
f(1, 3)
g <- \(x) x * 2
g(4)
(function(x) x^2)(3)
(\(a, b) a - b)(10, 3)
#---- pipe
c(1, 4, 9) |> sqrt()
c(3, 1, 2) |> sort() |> rev()
square <- function(x) x^2
4 |> square()
#---- custom_infix
`%+%` <- function(a, b) paste(a, b)
"x" %+% "y"
1:6 %/% 4
1:6 %% 4
3 %in% 1:5
#---- multiline_expressions
x <- 1 +
  2 +
  3
x
y <- c(1,
       2,
       3)
y
z <- (1
  + 2)
z
#---- semicolons
a <- 1; b <- 2; a + b
#---- backtick_calls
`if`(TRUE, "yes", "no")
`for`
sapply(1:3, `-`)
`[`(c(10, 20, 30), 2)
#---- dollar_at_names
l <- list(alpha = 1, beta = "b")
l$alpha
l$"beta"
l$`alpha`
#---- namespace_ops
base::paste("a", "b")
base::sum(1:10)
#---- unary_ops
-5
+5
!c(TRUE, FALSE)
- -3
--3
!!TRUE
#---- integer_division_ops
7 %/% 2
-7 %/% 2
7 %% -2
-7 %% 2
5.5 %% 2
#---- dotdot
f <- function(...) ..2
f(1, "two", 3)
g <- function(...) ..1 + ..2
g(10, 5)
#---- syntax_error_unexpected
x <- 1
x y ### "unexpected symbol"
#---- syntax_error_else
if (TRUE) 1
else 2 ### "unexpected 'else'"
