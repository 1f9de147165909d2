# More base functions checked against R: sorting, conditions, on.exit,
# switch and loops, printing, tables, summaries, integer overflow,
# rounding, seq, apply family, environments.
#---- sort_order_ties
x <- c(3, 1, 2, 3, NA, 1)
sort(x)
sort(x, decreasing = TRUE)
sort(x, na.last = TRUE)
order(x)
order(x, decreasing = TRUE)
order(x, na.last = FALSE)
order(c("b", "a", "B", "A"))
sort(c("b", "a", "B", "A"))
order(c(1, 1, 2), c(3, 2, 1))
order(c(1, 1, 2), c(3, 2, 1), decreasing = c(TRUE, FALSE), method = "radix")
sort(c(b = 2, a = 1))
order(-x)
sort(factor(c("z", "a", "m")))
#---- sort_int_index_return
sort.int(c(3, 1, 2), index.return = TRUE)
sort.int(c(3, 1, 2), decreasing = TRUE)
#---- set_names
x <- 1:3
y <- setNames(x, c("a", "b", "c"))
x
y
setNames(nm = c("p", "q"))
setNames(list(1, 2), NULL)
setNames(1:2, c("a", NA))
setNames(list(1, 2), c("", "b"))
#---- trycatch_finally
r <- tryCatch({ warning("w1"); 1 }, warning = function(w) paste("caught", conditionMessage(w)), finally = cat("finally!\n"))
r
tryCatch(stop("boom"), error = function(e) conditionMessage(e), finally = print("done"))
e <- simpleError("custom")
tryCatch(stop(e), error = function(err) class(err))
tryCatch(signalCondition(structure(class = c("myCond", "condition"), list(message = "m", call = NULL))), myCond = function(c) "got myCond")
#---- on_exit_order
f <- function() { on.exit(cat("exit1\n")); on.exit(cat("exit2\n"), add = TRUE); cat("body\n"); invisible(1) }
f()
v <- f()
v
g <- function() { on.exit(cat("first\n")); on.exit(cat("replaced\n")); 2 }
g()
h <- function() { on.exit(cat("after\n"), add = TRUE, after = FALSE); on.exit(cat("before\n"), add = TRUE, after = FALSE); 3 }
h()
#---- calling_handlers_and_try
withCallingHandlers({ warning("hmm"); cat("continued\n") }, warning = function(w) { cat("handling:", conditionMessage(w), "\n"); invokeRestart("muffleWarning") })
res <- try(log(-1))
res
try(stop("oops"), silent = TRUE)
cat("after try\n")
f2 <- function() warning("inside f2")
f2()
suppressWarnings(as.integer("x"))
suppressMessages(message("hidden"))
message("shown")
#---- switch_fallthrough_and_loops
switch("b", a = "A", b = , c = "BC")
switch("z", a = 1, 2)
is.null(switch("z", a = 1))
switch(2, "x", "y")
switch("c", a = , b = "ab")
i <- 0
repeat { i <- i + 1; if (i >= 3) break }
i
k <- 0
while (TRUE) { k <- k + 1; if (k %% 2 == 0) next; if (k > 5) break }
k
f <- function(n) if (n <= 1) 1 else n * Recall(n - 1)
f(5)
#---- invisible_printing
invisible(5)
(invisible(6))
print(invisible(7))
fi <- function() invisible(8)
fi()
x9 <- fi()
x9
withVisible(invisible(1))
#---- nested_list_printing
l <- list(a = 1, b = list(c = 2, d = list(e = "x", f = 1:3)), g = NULL)
l
print(list(1, list(2, list(3))))
list(a = NULL)
list(list())
#---- integer_overflow_warns
.Machine$integer.max + 1L
2147483647L * 2L
-.Machine$integer.max - 1L
sum(c(.Machine$integer.max, 1L))
cumsum(c(.Machine$integer.max, 1L))
as.integer(3e9)
#---- integer_division
5L %/% 0L; 5L %% 0L; -7L %/% 2L; -7L %% 2L; 7 %% -2; 5 / 0L
#---- round_half_even
round(0.5); round(1.5); round(2.5); round(-0.5); round(-1.5); round(2.675, 2)
round(0.125, 2); round(1234.5678, -2); round(-2.5); signif(123456, 2); round(5.5); round(6.5)
round(0.15, 1); round(0.25, 1); round(0.35, 1); round(NA); ceiling(-1.5); floor(-1.5); trunc(-1.7)
#---- summary_numeric
summary(c(1, 2, 3, 4, 100))
summary(c(1.5, NA, 3))
summary(1:10)
summary(c(TRUE, FALSE, NA))
summary(letters[1:3])
summary(factor(c("a", "b", "a")))
summary(numeric(0))
summary(c(123456, 234567, 345678))
summary(c(0.001, 0.002))
#---- quantiles_and_spread
quantile(1:10)
quantile(c(1.5, 2.5, 10), 0.9)
fivenum(c(1, 2, 3, 4, 100))
fivenum(c(1, NA, 3), na.rm = FALSE)
IQR(1:10)
median(c(1, 3, 2, NA), na.rm = TRUE)
var(1:5)
sd(c(2, 4, 4, 4, 5, 5, 7, 9))
#---- table_counts
table(c("a", "b", "a", "c", "a"))
table(c(1, 2, 2, NA))
table(c(1, 2, 2, NA), useNA = "ifany")
table(c(1, 2), useNA = "always")
table(factor(c("x", "y"), levels = c("x", "y", "z")))
t2 <- table(c("a", "b", "a"), c("u", "u", "v"))
t2
names(table(c(3, 1, 1)))
as.vector(table(c("q", "q", "r")))
table(c(TRUE, FALSE, TRUE))
table(a = c(1, 1, 2))
#---- table_ops
tt <- table(c("a", "b", "a"))
tt[["a"]]
tt["b"]
max(tt)
which.max(tt)
dim(tt)
dimnames(tt)
rev(sort(table(c("x", "y", "y", "z", "z", "z"))))
sort(table(c("x", "y", "y")))
rev(table(c("x", "y", "y")))
#---- prop_table
prop.table(table(c("a", "b", "a")))
m <- table(c("a", "b", "a"), c("u", "u", "v"))
prop.table(m, 1)
prop.table(m, 2)
proportions(c(1, 3))
m2 <- matrix(c(0.5, 0.5, 1, 0), 2)
class(m2) <- "table"
m2
#---- as_data_frame
as.data.frame(table(c("a", "b", "a")))
as.data.frame(table(g = c("a", "b", "a"), h = c("u", "u", "v")))
as.data.frame(matrix(1:4, 2))
as.data.frame(matrix(1:4, 2, dimnames = list(c("r1", "r2"), c("p", "q"))))
as.data.frame(list(a = 1:2, b = c("x", "y")))
as.data.frame(1:3)
x <- c(a = 1, b = 2)
as.data.frame(x)
as.data.frame(letters[1:2], stringsAsFactors = TRUE)$`letters[1:2]`
as.data.frame(table(c(1, 1, 2)), responseName = "n")
#---- seq_variants
seq(1, 10, by = 2.5); seq(0, 1, length.out = 4); seq(5); seq(2, 8); seq_len(0); seq(10, 1)
seq(1, 2, by = 0.1); seq(-1, 1, 0.5); seq(1, 10, length.out = 4); seq(0.1, 0.5, 0.1)
typeof(seq(1, 3)); typeof(seq(1, 3, by = 1)); typeof(seq(1L, 3L, by = 1L))
#---- apply_family
m <- matrix(1:6, 2, dimnames = list(c("a", "b"), c("x", "y", "z")))
apply(m, 1, sum); apply(m, 2, range); apply(m, c(1, 2), function(v) v * 10)
vapply(1:3, function(i) c(a = i, b = i^2), c(a = 0, b = 0)); vapply(list(), length, integer(1))
tryCatch(vapply(1:2, function(i) "a", numeric(1)), error = function(e) conditionMessage(e))
mapply(rep, 1:3, 3:1); mapply(function(x, y) x * y, c(a = 1, b = 2), 3)
mapply(function(...) paste(...), c("a", "b"), c("x", "y"), MoreArgs = list("!"))
Map(function(k, v) paste(k, v), c(a = "A", b = "B"), 1:2)
Reduce(`+`, 1:4, accumulate = TRUE); Reduce(function(a, b) paste0(a, b), letters[1:3], right = TRUE)
Reduce(`+`, 1:3, accumulate = TRUE, right = TRUE); Reduce(function(a, b) a * b, 1:5, 100)
Filter(function(v) v > 1, c(a = 1, b = 2, c = 3)); Position(function(v) v > 1, c(1, 3, 5))
do.call(paste, list("a", "b", sep = "-")); do.call(rbind, list(1:2, 3:4))
sapply(1:2, function(i) matrix(i, 2, 2)); sapply(c("a", "bb"), nchar); sapply(1:3, function(x) if (x > 1) x)
sapply(1:2, function(i) 1i * i); vapply(1:2, function(i) 1i * i, complex(1))
#---- environments
environmentName(globalenv()); environmentName(baseenv()); environmentName(emptyenv())
e <- new.env(); assign("v", 1, envir = e); get("v", envir = e); exists("v", envir = e); exists("nope")
mget(c("v"), envir = e); ls(e); rm("v", envir = e); ls(e)
local({ a <- 2; a * 3 })
f <- function() parent.frame(); identical(f(), globalenv())
e2 <- new.env(parent = e); identical(parent.env(e2), e)
h <- function(x) sys.call(); h(1 + 2)
kk <- function(a, b) match.call(); kk(1, b = 2)
get0("zzz", ifnotfound = "none")
eval(quote(q * 2), list(q = 21)); evalq(1 + 1); with(list(a = 1, b = 2), a + b)
env2 <- list2env(list(p = 1, q = 2)); sort(ls(env2))
#---- cut_intervals
cut(c(1, 5, 10), breaks = 3)
cut(c(1, 5, 10), breaks = c(0, 5, 10))
cut(c(1, 5, 10), breaks = c(0, 5, 10), labels = c("lo", "hi"))
cut(c(1, 5, 10), breaks = c(0, 5, 10), right = FALSE)
cut(0:10, c(0, 2, 5, 10), include.lowest = TRUE)
table(cut(c(0.5, 1.5, 2.5), 0:3))
cut(c(1.234, 5.678), breaks = c(1, 3.3333, 6))
cut(1:10, 4, dig.lab = 2)
levels(cut(seq(0, 1, 0.1), 5))
cut(15, c(10, 20), ordered_result = TRUE)
cut(c(1, 5), c(0, 5, 10), labels = FALSE)
cut(rep(5, 3), 2)
cut(1:3, c(0, 2, 4), labels = c("a", "a"))
cut(c(-1, 0, 1e6), c(-10, 0, 1e7))
cut(c(NA, 2), 2)
cut(0:2, c(0, 1, 2), right = FALSE, include.lowest = TRUE)
#---- cut_errors
cut(1:3, c(1, 1, 2)) ### "'breaks' are not unique"
#---- cut_labels_error
cut(1:3, c(0, 1, 2), labels = c("a")) ### "lengths of 'breaks' and 'labels' differ"
#---- find_interval
findInterval(c(1.5, 3.2, 0, 3, -1, NA), c(0, 1, 2, 3))
findInterval(c(0, 3), c(0, 1, 2, 3), rightmost.closed = TRUE)
findInterval(c(0, 3, 5), c(0, 1, 2, 3), all.inside = TRUE)
findInterval(c(0, 1, 3), c(0, 1, 2, 3), left.open = TRUE)
findInterval(c(0, 1, 3), c(0, 1, 2, 3), left.open = TRUE, rightmost.closed = TRUE)
tabulate(c(1, 2, 2, 5))
#---- str_data_frames
str(data.frame(a = 1L, b = "x"))
str(data.frame(a = 1:3, f = factor(c("u", "v", "u")), d = c(1.5, 2, 3), l = c(TRUE, NA, FALSE)))
str(data.frame())
str(list(x = data.frame(a = 1)))
#---- str_lists_and_attributes
str(list(a = 1, b = list(c = 2, d = list(e = "x"))))
str(list(1, "a"))
l <- list(a = 1)
attr(l, "meta") <- list(k = 1)
str(l)
str(list(list()))
str(list(a = NULL))
str(structure(list(a = 1), class = "myclass"))
x <- 1:3
attr(x, "foo") <- "bar"
str(x)
#---- str_arrays_and_others
str(matrix(1:6, 2))
str(matrix(c(1.5, 2, 3, 4), 2, dimnames = list(c("a", "b"), c("x", "y"))))
str(array(1:8, c(2, 2, 2)))
str(quote(x)); str(quote(f(x))); str(1i)
str(c(a = 1L))
str(letters)
str(1:100)
str(seq(0.5, 50, by = 0.5))
str(factor(character(0)))
str(c(1.123456789, 2))
str(NA_character_)
str(Sys.Date() - Sys.Date())
#---- complex_basics
c(1.5+2i, 3-1i)
complex(real = 1/3, imaginary = -2)
complex(real = 2); complex(imaginary = 3); complex(3)
complex(modulus = 2, argument = pi/2)
z <- complex(real = 3, imaginary = 4)
Re(z); Im(z); Mod(z); Conj(z); Arg(1i)
as.complex(-4); as.complex("1+2i")
format(c(1.5+2i, 3-1i))
#---- seq_dates
seq(as.Date("2020-01-31"), by = "month", length.out = 3)
seq(as.Date("2020-01-01"), as.Date("2020-01-10"), by = "3 days")
seq(as.Date("2020-01-01"), as.Date("2020-03-01"), by = "month")
seq(as.Date("2020-01-01"), by = "week", length.out = 3)
seq(as.Date("2020-01-01"), by = 2, length.out = 3)
seq(as.Date("2020-01-01"), as.Date("2020-01-05"), by = "day")
seq(as.Date("2020-01-01"), by = "year", length.out = 3)
seq(as.Date("2020-01-01"), by = "quarter", length.out = 3)
seq(as.Date("2020-01-01"), as.Date("2020-01-07"), length.out = 3)
seq(as.Date("2020-03-01"), by = "-1 month", length.out = 3)
seq(as.Date("2020-01-10"), as.Date("2020-01-01"), by = "-3 days")
#---- modify_list
x <- list(a = 1, b = list(c = 2, d = 3))
str(modifyList(x, list(b = list(d = 4, e = 5), a = NULL)))
str(modifyList(x, list(a = NULL), keep.null = TRUE))
modifyList(list(a = 1, b = 2), list(b = 3, c = 4))
#---- env_as_pos_argument
e <- new.env()
assign("q", 1, e)
exists("q", e)
get("q", e)
local({ y <- 5 }, envir = e)
get("y", e)
#---- s3_dispatch
print.myc <- function(x, ...) { cat("<myc", x$v, ">\n"); invisible(x) }
obj <- structure(list(v = 3), class = "myc")
obj
format.myc <- function(x, ...) paste0("myc:", x$v)
format(obj)
area <- function(s, ...) UseMethod("area")
area.default <- function(s, ...) stop("unknown shape")
area.square <- function(s, ...) s$side^2
area.colored <- function(s, ...) { cat("colored then "); NextMethod() }
sq <- structure(list(side = 3), class = c("colored", "square"))
area(sq)
tryCatch(area(1), error = function(e) conditionMessage(e))
"+.money" <- function(e1, e2) structure(list(v = e1$v + e2$v), class = "money")
print.money <- function(x, ...) cat("$", x$v, "\n")
structure(list(v = 1), class = "money") + structure(list(v = 2), class = "money")
inherits(sq, c("x", "square"), which = TRUE)
#---- stats_helpers
choose(5, 2); factorial(5); combn(4, 2); combn(4, 2, FUN = sum); combn(c("a", "b", "c"), 2); combn(3, 3)
expand.grid(a = 1:2, b = c("x", "y"))
expand.grid(x = 1:2, y = c("a", "b"), stringsAsFactors = FALSE)
m <- matrix(c(1, 2, 3, 4, 5, 6), 2)
sweep(m, 2, colMeans(m)); sweep(matrix(1:4, 2), 1, c(1, 2), "*"); scale(m)
round(cor(1:10, (1:10)^2), 6); cov(1:5, c(2, 4, 6, 8, 10))
cor(cbind(a = 1:5, b = c(2, 1, 4, 3, 5))); cov(cbind(1:3, c(2, 4, 7)))
ave(c(1, 2, 3, 4), c("a", "b", "a", "b")); ave(c(1, 2, 3, 4), c("a", "b", "a", "b"), FUN = max)
droplevels(factor(c("a", "b", "c"))[2:3]); relevel(factor(c("x", "y", "z")), ref = "z")
#---- mean_missing_x
mean() ### "argument \"x\" is missing, with no default"
#---- difftime_units_and_cat_numbers
x <- as.difftime(90, units = "secs"); x; format(x); units(x) <- "mins"; x; as.numeric(x, units = "secs")
difftime(as.POSIXct("2024-01-01 10:00:00", tz = "UTC"), as.POSIXct("2024-01-01 09:30:00", tz = "UTC"))
round(as.difftime(3.14159, units = "secs"), 2)
cat(1/3, 2/3, "\n"); cat(pi * 1e6, "\n"); cat(1e-20, "\n"); cat(123456789012, "\n"); cat(0.1 + 0.2, "\n"); cat(100000, 1e5 + 1, "\n"); cat(TRUE, NA, 3L, "\n")
print(1e5); print(123456.7); print(c(1e-8, 1)); print(1/7, digits = 3); 2^31; 2^53 + 1
format(-0.0); format(c(-1, 1)); format(1e100); format(.Machine$double.eps)
#---- replacement_functions
"second<-" <- function(x, value) { x[2] <- value; x }
v <- 1:3; second(v) <- 10L; v
x <- 1:6; dim(x) <- c(2, 3); x
f <- factor(c("a", "b")); levels(f) <- c("A", "B"); f
s <- "hello"; substr(s, 1, 1) <- "J"; s
y <- c(1, 2, 3); is.na(y) <- 2; y
m <- matrix(0, 2, 2); diag(m) <- 1:2; m
fn <- function(x) x + 1; body(fn) <- quote(x * 100); fn(2)
formals(fn) <- alist(x = , y = 3); names(formals(fn)); fn
str(alist(x = , y = 3, z = a + b))
l <- list(a = 1); l$b$c <- 5; str(l)
df <- data.frame(a = 1:3); df$b <- df$a^2; df[df$a > 1, "b"] <- 0; df
df[["c"]] <- letters[1:3]; df[2, ] <- list(9L, 9, "z"); df
names(df)[2] <- "B"; names(df)
z <- 1:5; z[z > 2] <- 0L; z[10] <- 1L; z
lst <- list(); lst[["x"]][["y"]] <- 1; str(lst)
nested <- list(a = list(b = list(c = 1))); nested$a$b$c <- 2; nested[["a"]][["b"]][["d"]] <- 3; str(nested)
#---- apply_family_more
tapply(c(1, 2, 3, 4), list(c("a", "a", "b", "b"), c("x", "y", "x", "y")), sum)
tapply(c(1, 2, 3), list(g = c("a", "b", "a"), h = c("x", "x", "y")), mean)
tapply(1:4, list(c("a", "a", "b", "b")), sum)
tapply(1:6, rep(c("p", "q"), 3), function(v) v * 2)
sapply(c(a = 1, b = 2), function(v) c(min = v, max = v * 2))
mapply(function(a, b) c(a, b), 1:3, 4:6)
apply(array(1:24, 2:4), c(1, 3), sum)
rapply(list(1, list(2, "a")), function(x) x * 10, classes = "numeric", how = "replace")
rapply(list(1, "a", list(2)), function(x) x * 10, classes = "numeric", how = "unlist")
rapply(list(a = 1, b = list(c = "x", d = 2L)), toupper, classes = "character", how = "list")
vapply(list(a = 1:3, b = 4:6), function(v) c(mean = mean(v), sd = sd(v)), c(mean = 0, sd = 0))
outer(c(a = 1, b = 2), c(x = 10, y = 20))
Filter(Negate(is.na), c(1, NA, 3))
do.call(cbind, list(a = 1:2, b = 3:4))
#---- rowsum_interaction_addna_norm
rowsum(c(1, 2, 3), c("a", "b", "a"))
rowsum(matrix(1:6, 3), c(2, 1, 2))
interaction(c("a", "b"), c("x", "y"))
levels(interaction(c("a", "b", "a"), c("x", "x", "y"), sep = "_"))
addNA(factor(c("a", NA)))
levels(addNA(factor("a")))
norm(matrix(1:4, 2)); norm(matrix(1:4, 2), "F"); norm(matrix(1:4, 2), "I"); norm(matrix(-5:-2, 2), "M")
