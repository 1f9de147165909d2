# Control flow: switch, if/else chains, loops with next/break, seq_along loops.
#---- switch_character
f <- function(x) switch(x, a = "apple", b = "banana", "other")
f("a")
f("b")
f("zzz")
#---- switch_fallthrough
g <- function(x) switch(x, a = , b = "a or b", c = "c", stop("unknown: ", x))
g("a")
g("b")
g("c")
g("d") ### "unknown: d"
#---- switch_numeric
switch(2, "one", "two", "three")
switch(3, "one", "two")
is.null(switch(4, "one", "two"))
switch(1.9, "one", "two")
#---- switch_no_match_invisible
x <- switch("q", a = 1)
is.null(x)
switch("q", a = 1)
#---- switch_returns_value_of_block
h <- function(op, a, b) switch(op,
  "+" = a + b,
  "-" = a - b,
  "*" = { r <- a * b; r },
  NA)
h("+", 2, 3)
h("-", 2, 3)
h("*", 2, 3)
h("/", 2, 3)
#---- switch_errors
switch("a", a = 1, 2, 3) ### "duplicate 'switch' defaults"
#---- switch_empty_string
switch("", a = 1, "default")
#---- switch_non_scalar
switch(c("a", "b"), a = 1, b = 2) ### "EXPR must be a length 1 vector"
#---- if_vector_condition_error
if (c(TRUE, FALSE)) "x" ### "the condition has length > 1"
#---- if_na_condition
if (NA) 1 ### "missing value where TRUE/FALSE needed"
#---- if_non_logical_condition
if ("yes") 1 ### "argument is not interpretable as logical"
#---- if_numeric_condition
if (2) "two is true"
if (0) "no" else "zero is false"
if ("TRUE") "string TRUE works"
#---- nested_loops_break
for (i in 1:3) {
  for (j in 1:3) {
    if (j > i) break
    cat(i, j, "\n")
  }
}
#---- while_next
i <- 0
while (i < 6) {
  i <- i + 1
  if (i %% 2 == 1) next
  cat("even", i, "\n")
}
#---- for_over_list_and_names
l <- list(a = 1, b = "two", c = TRUE)
for (nm in names(l)) cat(nm, ":", format(l[[nm]]), "\n")
for (x in c(b = 2, a = 1)) print(x)
#---- for_modifies_copy
x <- 1:3
for (v in x) x <- c(x, v * 10)
x
#---- seq_along_empty
for (i in seq_along(NULL)) print(i)
for (i in seq_len(0)) print("never")
cat("done\n")
#---- repeat_with_counter
n <- 0
repeat {
  n <- n + 1
  if (n == 5) break
}
n
#---- vectorised_ifelse
ifelse(c(1, -1, 0) > 0, "pos", "nonpos")
ifelse(c(TRUE, NA, FALSE), 1, 2)
x <- c(a = 5, b = -5)
ifelse(x > 0, x, -x)
#---- break_outside_loop
f <- function() break
f() ### "no loop for break/next, jumping to top level"
#---- switch_duplicate_defaults_in_function
f <- function(x) switch(x, a = 1, 2, 3)
f("a") ### "duplicate 'switch' defaults: '2' and '3'"
#---- switch_duplicate_defaults_deparse_cut
switch("z", a = , 2, b = , quote(x + y)) ### "and .quote\\(x \\+ \\.\\.\\.."
#---- switch_numeric_ignores_defaults
switch(2, 1, 2, 3)
switch(4, 1, 2, 3)
#---- break_in_tryCatch_inside_loop
for (i in 1:5) {
  tryCatch({
    if (i == 3) break
    print(i)
  }, finally = cat("finally", i, "\n"))
}
i
#---- break_outside_loop_runs_on_exit
f <- function() {
  on.exit(cat("exit handler\n"))
  break
}
r <- tryCatch(f(), error = function(e) conditionMessage(e))
r
#---- next_in_sapply_function
sapply(1:3, function(i) if (i == 2) next else i) ### "no loop for break/next"
