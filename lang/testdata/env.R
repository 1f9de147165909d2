# Environments: assign, get, exists, rm, ls, new.env, local, environment.
#---- assign_get
assign("v", 42)
v
get("v")
x <- "name"
assign(x, "via string")
name
#---- exists_rm
a <- 1
exists("a")
rm(a)
exists("a")
exists("no_such_thing")
#---- rm_list
a <- 1; b <- 2; c3 <- 3
rm(list = c("a", "b"))
exists("a"); exists("b"); exists("c3")
#---- ls_global
x1 <- 1
y1 <- 2
ls()
#---- new_env
e <- new.env()
assign("k", 10, envir = e)
get("k", envir = e)
e$k
e$m <- 20
e[["m"]]
sort(ls(e))
exists("k")
exists("k", envir = e)
#---- env_reference_semantics
e <- new.env()
f <- function(env) env$val <- "modified"
f(e)
e$val
#---- local_env
x <- local({ a <- 2; b <- 3; a * b })
x
exists("a")
#---- environment_fn
f <- function() environment()
e <- f()
class(e)
environmentName(globalenv())
environmentName(baseenv())
is.environment(e)
#---- parent_frame
f <- function() parent.frame()
g <- function() f()
identical(g(), globalenv())
h <- function() { e <- environment(); identical(f(), e) }
h()
#---- sys_call_parent
caller <- function() callee()
callee <- function() sys.function()
is.function(caller())
#---- get_missing_error
get("does_not_exist") ### "object 'does_not_exist' not found"
#---- get_mode
c <- 5
c(1, 2)
get("c", mode = "function")(3, 4)
#---- exists_inherits
f <- function() { localvar <- 1; g <- function() exists("localvar"); g() }
f()
e <- new.env()
exists("print", envir = e)
exists("print", envir = e, inherits = FALSE)
#---- assign_in_env_pos
f <- function() { assign("from_f", 1, envir = globalenv()) }
f()
from_f
#---- eval_in_env
e <- new.env()
e$x <- 5
eval(quote(x * 2), e)
eval(quote(x * 2), list(x = 100))
evalq(x + 1, e)
#---- eval_parse
eval(parse(text = "1 + 2"))
ex <- parse(text = "a <- 3; a * 3")
for (e in ex) print(eval(e))
#---- with_list
with(list(a = 2, b = 3), a^b)
#---- env_mget
a <- 1; b <- "x"
mget(c("a", "b"))
#---- sys_frames_depth
f <- function() sys.nframe()
f()
g <- function() f()
g()
#---- environment_assignment
f <- function() x
e <- new.env()
e$x <- "from e"
environment(f) <- e
f()
#---- global_modification_from_function
counter <- 0
inc <- function() counter <<- counter + 1
for (i in 1:5) inc()
counter
#---- superassign_nearest
f <- function() {
  v <- 1
  g <- function() v <<- v + 10
  g()
  v
}
f()
exists("v")
#---- namespace_not_shadowed
"+" <- function(e1, e2) "user plus"
1 + 2
base::"+"(1, 2)
f <- base::`+`
f(3, 4)
paste <- function(...) "user paste"
base::paste("a", "b")
rm("+", "paste")
1 + 2
#---- env_misc_functions
f <- function() { x <- 1; g <- function() parent.frame(); identical(g(), environment()) }
f()
outer_fn <- function() inner_fn()
inner_fn <- function() deparse(sys.call(-1))
outer_fn()
k <- function(...) ..1 + ..2; k(1, 2)
dots <- function(...) ...length(); dots(1, 2, 3)
env_a <- as.environment(list(p = 1)); get("p", envir = env_a)
fenv <- function() { v <- "local"; function() v }; environment(fenv())$v
exists("undefined_thing_xyz"); exists("mean", mode = "function")
do.call("assign", list("dyn", 42)); dyn
eapply(list2env(list(a = 1, b = 2)), function(v) v * 10)[c("a", "b")]
delayedAssign("lazy", {cat("evaluated!\n"); 7}); lazy; lazy
f2 <- function(x) { force(x); function() x }; f2(5)()
