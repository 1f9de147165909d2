# Conditions: stop, warning, message, tryCatch, withCallingHandlers, try, on.exit.
#---- stop_toplevel
stop("plain error") ### "^Error: plain error"
#---- stop_in_function
f <- function(x) stop("bad input: ", x)
f(42) ### "^Error in f\\(42\\) : bad input: 42"
#---- stop_call_false
f <- function() stop("no call", call. = FALSE)
f() ### "^Error: no call"
#---- output_before_error
cat("before\n")
print(1:2)
stop("now") ### "now"
#---- warning_toplevel
warning("careful")
cat("after\n")
#---- warning_in_function
f <- function() { warning("inside f"); "result" }
f()
#---- warnings_multiple
f <- function() { warning("one"); warning("two"); 3 }
f()
#---- warning_call_false
f <- function() { warning("no call here", call. = FALSE); invisible() }
f()
#---- message_basic
message("hello ", "world")
message("a", 1, TRUE)
#---- message_in_function
f <- function() { message("note"); 1 }
x <- f()
x
#---- trycatch_error
r <- tryCatch(stop("oops"), error = function(e) conditionMessage(e))
r
tryCatch(stop("oops"), error = function(e) "handled")
#---- trycatch_warning
tryCatch(warning("ww"), warning = function(w) paste("caught:", conditionMessage(w)))
tryCatch(as.integer("x"), warning = function(w) conditionMessage(w))
#---- trycatch_message
tryCatch(message("mm"), message = function(m) cat("got", conditionMessage(m)))
#---- trycatch_finally
tryCatch({ cat("body\n"); 1 }, finally = cat("finally\n"))
tryCatch(stop("e"), error = function(e) cat("handler\n"), finally = cat("finally\n"))
#---- trycatch_no_error_value
tryCatch(10, error = function(e) -1)
#---- trycatch_nested
f <- function() tryCatch(stop("inner"), warning = function(w) "warn")
tryCatch(f(), error = function(e) paste("outer got:", conditionMessage(e)))
#---- condition_call
e <- tryCatch(stop("msg"), error = function(e) e)
class(e)
conditionMessage(e)
f <- function() stop("in f")
e2 <- tryCatch(f(), error = function(e) e)
conditionCall(e2)
print(e2)
#---- condition_print
e <- simpleError("custom message")
class(e)
print(e)
w <- simpleWarning("wmsg")
class(w)
#---- stop_condition_object
cond <- structure(class = c("myError", "error", "condition"),
                  list(message = "my custom error", call = NULL))
r <- tryCatch(stop(cond), myError = function(e) paste("custom:", conditionMessage(e)))
r
#---- custom_condition_signal
cond <- structure(class = c("custom", "condition"), list(message = "sig", call = NULL))
withCallingHandlers(
  { signalCondition(cond); cat("continued\n") },
  custom = function(c) cat("handler saw", conditionMessage(c), "\n"))
r <- tryCatch(signalCondition(cond), condition = function(c) "caught")
r
signalCondition(cond)
#---- withcallinghandlers_warning
f <- function() { warning("w1"); cat("after warning\n"); "done" }
withCallingHandlers(f(), warning = function(w) {
  cat("handling:", conditionMessage(w), "\n")
  invokeRestart("muffleWarning")
})
#---- withcallinghandlers_message
withCallingHandlers({ message("hello"); "v" }, message = function(m) {
  cat("seen:", conditionMessage(m))
  invokeRestart("muffleMessage")
})
#---- withcallinghandlers_unmuffled
withCallingHandlers({ warning("passes"); "v" }, warning = function(w) cat("saw it\n"))
#---- try_silent
r <- try(stop("silent fail"), silent = TRUE)
class(r)
cat(r)
inherits(r, "try-error")
#---- try_loud
r <- try(log(-1))
r
try(stop("shown"))
cat("continues\n")
#---- try_value
try(5)
x <- try(sqrt(16), silent = TRUE)
x
#---- suppress
suppressWarnings({ warning("hidden"); "val" })
suppressMessages({ message("hidden"); "val2" })
suppressWarnings(as.numeric("abc"))
#---- stopifnot_pass
stopifnot(TRUE, 1 == 1, all(1:3 > 0))
cat("ok\n")
#---- stopifnot_fail
x <- 2
stopifnot(x > 5) ### "x > 5 is not TRUE"
#---- stopifnot_named
stopifnot("x must be positive" = -1 > 0) ### "x must be positive"
#---- stopifnot_all
stopifnot(c(TRUE, FALSE, TRUE)) ### "are not all TRUE"
#---- error_in_handler_arg
tryCatch(stop("a"), error = function(e) stop("b", call. = FALSE)) ### "^Error: b"
#---- warning_returns_message
x <- withCallingHandlers(warning("abc"), warning = function(w) invokeRestart("muffleWarning"))
x
#---- warning_to_error
f <- function() { warning("ww"); 1 }
tryCatch(f(), warning = function(w) class(w))
#---- finally_order
f <- function() {
  tryCatch({
    cat("1\n")
    stop("x")
  }, error = function(e) {
    cat("2\n")
  }, finally = {
    cat("3\n")
  })
  cat("4\n")
}
f()
#---- on_exit_value
f <- function() {
  x <- 1
  on.exit(x <- 2)
  x
}
f()
#---- nested_function_error_message
inner <- function(v) if (v < 0) stop("negative value") else sqrt(v)
outer <- function(v) inner(v)
outer(4)
outer(-1) ### "Error in inner\\(v\\) : negative value"
#---- error_message_long_wraps
f <- function() stop("this is a rather long error message that should wrap onto the next line")
f() ### "rather long"
#---- warning_long_message
f <- function() warning("this is a rather long warning message that should wrap onto the next line in the output")
f()
#---- many_warnings
f <- function() { for (i in 1:3) warning(paste("warning", i)); "end" }
f()
#---- warning_value_is_message
r <- tryCatch(warning("hello"), warning = function(w) w)
class(r)
conditionMessage(r)
#---- simpleCondition
c1 <- simpleCondition("a message")
class(c1)
conditionMessage(c1)
#---- tryCatch_condition_class
tryCatch(stop("x"), condition = function(c) class(c))
#---- error_object_message_trailing
e <- tryCatch(stop("abc"), error = function(e) e)
e$message
is.null(e$call)
#---- signal_message_class
m <- tryCatch(message("hi"), message = function(m) m)
class(m)
m$message
#---- geterrmessage_try
try(stop("recorded"), silent = TRUE)
geterrmessage()
#---- warning_function_name
f <- function(x) { if (x < 0) warning("x is negative"); abs(x) }
f(-3)
#---- sqrt_neg_warning
sqrt(-1)
log(-1)
#---- as_integer_warning
as.integer(c("1", "b", "3"))
#---- error_unknown_function
nosuchfunction(1) ### "could not find function \"nosuchfunction\""
#---- error_unknown_object
nosuchobject ### "object 'nosuchobject' not found"
#---- error_non_numeric
"a" + 1 ### "non-numeric argument to binary operator"
#---- error_not_function
l <- list(f = 5)
l$f(1) ### "attempt to apply non-function"
