# The apply family and functional helpers.
#---- lapply_basic
lapply(1:3, function(x) x^2)
lapply(list(a = 1:3, b = 4:6), sum)
lapply(c(first = 1, second = 2), function(x) x * 10)
#---- lapply_extra_args
lapply(1:2, function(x, y) x + y, y = 100)
lapply(list(c(1, NA, 3)), mean, na.rm = TRUE)
#---- lapply_character_names
lapply(c("a", "b"), toupper)
#---- sapply_simplify_vector
sapply(1:5, function(x) x^2)
sapply(c(a = 1, b = 2), function(x) x + 1)
sapply(list(1:3, 4:9), length)
sapply(1:3, function(i) letters[i])
sapply(c(1.5, 2.5), round)
#---- sapply_use_names_character
sapply(c("apple", "kiwi"), nchar)
sapply(c("apple", "kiwi"), nchar, USE.NAMES = FALSE)
sapply(c("a", "b"), function(s) paste0(s, s))
#---- sapply_matrix
sapply(1:3, function(x) c(x, x^2))
sapply(c(a = 1, b = 2), function(x) c(min = x, max = x * 10))
#---- sapply_list_result
sapply(1:3, function(x) seq_len(x))
sapply(list(), length)
sapply(integer(0), function(x) x)
#---- sapply_simplify_false
sapply(1:2, function(x) x, simplify = FALSE)
#---- sapply_mixed_types
sapply(list(1L, 2.5, TRUE), function(x) x)
sapply(1:2, function(x) if (x == 1) "a" else 2)
#---- vapply_basic
vapply(1:3, function(x) x * 2, numeric(1))
vapply(c("a", "bb"), nchar, integer(1))
vapply(1:2, function(x) c(x, -x), numeric(2))
vapply(list(), length, integer(1))
vapply(1:3, function(x) x > 1, logical(1))
#---- vapply_type_error
vapply(1:2, function(x) "a", numeric(1)) ### "values must be type 'double'"
#---- vapply_length_error
vapply(1:2, function(x) c(1, 2), numeric(1)) ### "values must be length 1"
#---- mapply_basic
mapply(function(x, y) x + y, 1:3, 4:6)
mapply(rep, 1:3, 3:1)
mapply(function(x, y) paste(x, y), c(a = "A", b = "B"), c("1", "2"))
mapply(function(x, y, z) x + y + z, 1:2, 3:4, MoreArgs = list(z = 100))
mapply(function(a, b) a * b, 1:3, 2, SIMPLIFY = FALSE)
mapply(function(x, y) c(x, y), 1:2, 3:4)
#---- Map_basic
Map(function(x, y) x * y, 1:3, 4:6)
Map(`+`, c(a = 1, b = 2), 10)
#---- Reduce_basic
Reduce(`+`, 1:5)
Reduce(function(a, b) paste0(a, b), c("x", "y", "z"))
Reduce(`+`, 1:4, accumulate = TRUE)
Reduce(`*`, 1:5, 100)
Reduce(`+`, list(), 0)
Reduce(`+`, list())
Reduce(function(a, b) paste(a, b), letters[1:4], right = TRUE)
Reduce(`-`, 1:4, accumulate = TRUE, right = TRUE)
#---- Filter_basic
Filter(function(x) x > 2, 1:5)
Filter(function(x) nchar(x) > 1, c("a", "bb", "ccc"))
Filter(Negate(is.null), list(1, NULL, 2))
Filter(function(x) x %% 2 == 0, c(a = 1, b = 2, c = 4))
#---- Position_Find
Position(function(x) x > 3, c(1, 5, 2, 7))
Find(function(x) x > 3, c(1, 5, 2, 7))
Position(function(x) x > 10, 1:5)
Find(function(x) x > 10, 1:5)
#---- do_call
do.call(sum, list(1, 2, 3))
do.call("max", list(c(4, 9, 2)))
do.call(paste, list("a", "b", sep = "-"))
do.call(rbind, list(1:2, 3:4))
args <- list(1:10)
do.call(mean, args)
do.call(function(x, y) x - y, list(y = 1, x = 10))
#---- match_fun
f <- match.fun("sum")
f(1:4)
g <- match.fun(mean)
g(c(1, 2, 3))
#---- match_fun_error
match.fun("no_such_fn_xyz") ### "not found"
#---- identity_negate
identity(5)
notnull <- Negate(is.null)
notnull(3)
notnull(NULL)
#---- Vectorize
f <- function(x, y) if (x > y) x else y
vf <- Vectorize(f)
vf(1:4, c(2, 2, 2, 2))
#---- apply_matrix
m <- matrix(1:6, nrow = 2)
apply(m, 1, sum)
apply(m, 2, sum)
apply(m, c(1, 2), function(x) x * 10)
apply(m, 2, range)
#---- sapply_closure_capture
fs <- sapply(1:3, function(i) function() i)
fs[[2]]()
#---- lapply_over_list_of_lists
people <- list(list(name = "Ann", age = 30), list(name = "Bob", age = 25))
sapply(people, function(p) p$name)
sapply(people, `[[`, "age")
#---- lapply_seq_along
x <- c("a", "b", "c")
unlist(lapply(seq_along(x), function(i) paste(i, x[i])))
#---- mapply_names
mapply(function(n, v) paste(n, v), c("x", "y"), 1:2)
mapply(function(n, v) paste(n, v), c("x", "y"), 1:2, USE.NAMES = FALSE)
#---- sapply_returns_null
sapply(1:2, function(x) NULL)
#---- rapply_unlist
unlist(lapply(1:3, function(x) x * 2))
unlist(list(a = 1, b = list(c = 2, d = 3)))
#---- outer_fn
outer(1:3, 1:2)
outer(1:2, 1:3, FUN = "+")
outer(1:2, 1:2, function(x, y) x * 10 + y)
#---- tapply_split
split(1:6, c(1, 2))
split(c("a", "b", "c"), c("x", "y", "x"))
tapply(c(1, 2, 3, 4), c("a", "b", "a", "b"), sum)
#---- array_apply_names
m <- matrix(1:4, 2, dimnames = list(c("r1", "r2"), c("c1", "c2")))
apply(m, 1, function(r) sum(r))
sapply(list(a = 1:3, b = 4:6), mean)
#---- Reduce_init_accumulate
Reduce(function(a, b) a * b, 1:4, accumulate = TRUE)
Reduce(`+`, 1:3, 100, accumulate = TRUE)
Reduce(function(a, b) paste0(b, a), letters[1:3], "", accumulate = TRUE)
Reduce(`+`, list(1, 2, 3), accumulate = TRUE)
#---- mapply_more
mapply(function(x, y) x:y, 1:2, 3:4, SIMPLIFY = FALSE)
mapply(function(a, b) paste(a, b), a = c(x = "p", y = "q"), b = "z")
mapply(function(...) sum(...), 1:3, 4:6, 7:9)
#---- Map_names
Map(function(k, v) paste(k, v), c("a", "b"), c(1, 2))
names(Map(`+`, list(x = 1, y = 2), 3))
#---- vapply_matrix_names
vapply(list(a = 1:3, b = 4:6), function(v) c(lo = min(v), hi = max(v)), c(lo = 0, hi = 0))
vapply(c("x", "yy"), nchar, FUN.VALUE = integer(1), USE.NAMES = FALSE)
#---- sapply_named_list_and_matrix
sapply(list(a = 1:2, b = 3:4), function(v) v * 10)
sapply(c(first = "a", second = "b"), toupper)
t(sapply(1:2, function(i) c(i, i^2)))
#---- lapply_function_name_string
lapply(list(c(3, 1, 2)), "sort")
sapply(list(1:3, 4:6), "length")
#---- Filter_Position_names
Filter(function(p) p$age > 26, list(list(name = "A", age = 30), list(name = "B", age = 20)))
Position(is.character, list(1, "a", "b"), right = TRUE)
Find(function(x) x %% 2 == 0, c(3, 5, 8, 10))
#---- do_call_named_list
args <- list(1:10, na.rm = TRUE)
do.call("mean", args)
do.call(paste, c(as.list(letters[1:3]), sep = ""))
#---- sapply_error_in_fun
sapply(1:3, function(x) if (x == 2) stop("bad element: ", x) else x) ### "bad element: 2"
#---- lapply_error_builtin_fun
lapply(list("a"), log) ### "non-numeric argument to mathematical function"
