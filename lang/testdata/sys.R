# System functions: environment variables, time, options, quit, commandArgs.
#---- getenv_setenv
Sys.setenv(TORCHR_TEST_VAR = "hello")
Sys.getenv("TORCHR_TEST_VAR")
Sys.getenv("TORCHR_SURELY_UNSET_VAR")
Sys.getenv("TORCHR_SURELY_UNSET_VAR", unset = NA)
Sys.getenv("TORCHR_SURELY_UNSET_VAR", unset = "default")
Sys.setenv(A_TORCHR = "1", B_TORCHR = "2")
Sys.getenv(c("A_TORCHR", "B_TORCHR"))
Sys.unsetenv("A_TORCHR")
Sys.getenv("A_TORCHR")
nchar(Sys.getenv("TORCHR_TEST_VAR"))
#---- setenv_returns
x <- Sys.setenv(TORCHR_X = "v")
x
#---- sys_time
t1 <- Sys.time()
class(t1)
inherits(t1, "POSIXct")
is.numeric(unclass(t1))
unclass(t1) > 1.6e9
t2 <- Sys.time()
as.numeric(t2 - t1, units = "secs") >= 0
#---- sys_date
d <- Sys.Date()
class(d)
#---- sys_sleep
r <- Sys.sleep(0.01)
is.null(r)
Sys.sleep(0)
#---- system_time
st <- system.time(for (i in 1:100) i)
class(st)
length(st)
names(st)[1:3]
st[["elapsed"]] >= 0
#---- proc_time
p <- proc.time()
class(p)
names(p)[1:3]
p2 <- proc.time()
(p2 - p)[["elapsed"]] >= 0
#---- command_args
commandArgs(trailingOnly = TRUE)
length(commandArgs(trailingOnly = TRUE))
#---- interactive
interactive()
#---- options_getoption
getOption("digits")
getOption("torchr.no.such.option")
getOption("torchr.no.such.option", "fallback")
old <- options(digits = 3)
old
pi
getOption("digits")
options(old)
pi
#---- options_custom
options(my.option = 42)
getOption("my.option")
options()$my.option
op <- options(my.option = NULL)
getOption("my.option")
#---- quit_status_zero
cat("before quit\n")
quit(save = "no", status = 0)
cat("never printed\n")
#---- q_alias
cat("q next\n")
q("no")
print("not reached")
#---- quit_inside_function
f <- function() { cat("in f\n"); quit(status = 0) }
f()
cat("not reached\n")
#---- file_exists_vector
file.exists(c("/", "/definitely/not/here"))
dir.exists("/")
#---- nargs_in_function
f <- function(a, b, ...) nargs()
f(1, 2, 3, 4)
#---- Sys_getenv_all_is_named
e <- Sys.getenv()
is.character(e) || inherits(e, "Dlist")
#---- date_format
format(as.Date("2024-03-15"), "%Y/%m/%d")
as.numeric(as.Date("1970-01-10"))
weekdays(as.Date("2024-01-01"))
#---- time_difference
difftime(as.POSIXct("2024-01-02", tz = "UTC"), as.POSIXct("2024-01-01", tz = "UTC"), units = "hours")
#---- tempfile_basic
f <- tempfile(pattern = "abc")
grepl("abc", basename(f))
file.exists(tempdir())
#---- basename_dirname
basename("/a/b/c.txt")
dirname("/a/b/c.txt")
file.path("a", "b", "c.R")
tools::file_ext("x.tar.gz")
normalizePath(".") == getwd()
#---- getenv_names_and_vector
Sys.setenv(TORCHR_A = "1")
Sys.getenv("TORCHR_A", names = TRUE)
Sys.getenv(c("TORCHR_A", "TORCHR_UNSET_Q"), unset = "?")
#---- options_list_and_multiple
old <- options(digits = 5, scipen = 2)
old$digits
old$scipen
getOption("scipen")
options(list(digits = 7, scipen = 0))
getOption("digits")
#---- system_time_print_shape
st <- system.time(NULL)
names(st)
class(st)
#---- sleep_invalid
Sys.sleep(-1) ### "invalid 'time' value"
#---- date_print_arith
d <- as.Date("2024-02-28")
d
d + 2
as.Date("2024-03-01") - d
format(d, "%d %B %Y")
months(d)
weekdays(as.Date(c("2024-01-06", "2024-01-07")), abbreviate = TRUE)
as.numeric(difftime(as.Date("2024-01-10"), as.Date("2024-01-01"), units = "weeks"))
class(d)
#---- posixct_basics
x <- as.POSIXct("2024-05-06 07:08:09", tz = "UTC")
x
format(x, "%H:%M")
x - as.POSIXct("2024-05-06 07:00:00", tz = "UTC")
as.POSIXct("2024-05-06", tz = "UTC")
unclass(as.POSIXct("1970-01-02", tz = "UTC"))
#---- date_vectors
d <- as.Date("2024-01-05")
paste("Day:", d)
sprintf("%s", d)
x <- c(d, d + 1)
x
rev(x)
x[2]
d > as.Date("2024-01-01")
