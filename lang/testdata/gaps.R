# Small gaps: withVisible, capture.output.
#---- withVisible_basic
withVisible(1 + 1)
withVisible(invisible(3))
withVisible(x <- 5)
str(withVisible(print("hi")))
f <- function() invisible(7)
withVisible(f())$visible
#---- capture_output_print
x <- capture.output(print(1:3))
x
length(x)
#---- capture_output_cat
capture.output(cat("a\nb\n"))
capture.output(cat("no newline"))
capture.output(cat(""))
#---- capture_output_invisible
capture.output(x <- 1)
capture.output(invisible(2))
x
#---- capture_output_multi
capture.output(1:2, "s", invisible(9), cat("c\n"))
y <- capture.output(data.frame(a = 1:2, b = c("x", "y")))
y
nchar(y)
#---- capture_output_error
r <- tryCatch(capture.output(cat("before\n"), stop("boom")), error = function(e) conditionMessage(e))
r
cat("after\n")
#---- raw_basic
r <- charToRaw("Hello")
r
typeof(r)
is.raw(r)
is.raw(1)
length(r)
r[1:2]
head(r, 3)
head(r)
rawToChar(r)
rawToChar(r[2:3])
#---- raw_as_raw
as.raw(c(1, 255, 16))
as.raw(65:70)
rawToChar(as.raw(c(72, 105)))
x <- as.raw(300)
x
as.raw(integer(0))
#---- raw_errors
charToRaw(1) ### "argument must be a character vector of length 1"
