# Base graphics: the S3 generics plot/lines/points/hist, par(). Every case
# opens png(tempfile()) so that no case writes Rplots.* into the directory.
#---- plot_s3_method
png(tempfile())
plot.myclass <- function(x, ...) {
  cat("plot.myclass:", x$name, "\n")
  invisible("drawn")
}
obj <- structure(list(name = "obj"), class = "myclass")
r <- plot(obj)
r
plot(obj, main = "ignored")
invisible(dev.off())
#---- plot_nextmethod_default
png(tempfile())
plot.curve <- function(x, ...) {
  cat("curve with", length(unclass(x)), "points\n")
  NextMethod()
}
plot(structure(c(3, 1, 2), class = "curve"), type = "l")
lines.curve <- function(x, ...) { cat("lines.curve\n"); lines(unclass(x), ...) }
points.curve <- function(x, ...) { cat("points.curve\n"); NextMethod() }
lines(structure(c(1, 2, 3), class = "curve"), col = "red")
points(structure(c(1, 2, 3), class = "curve"), pch = 16)
invisible(dev.off())
#---- plot_default_methods_exist
is.function(plot.default)
is.function(lines.default)
is.function(points.default)
is.function(hist.default)
png(tempfile())
plot.default(1:3, main = "direct")
invisible(dev.off())
#---- plot_data_frame_and_factor
png(tempfile())
df <- data.frame(height = c(150, 160, 170), weight = c(50, 60, 72))
plot(df)
plot(df, main = "two columns")
plot(data.frame(a = 1:4, b = c(2, 1, 4, 3), c = c(1, 1, 2, 2)))
f <- factor(c("b", "a", "b", "c"))
invisible(plot(f))
invisible(dev.off())
#---- hist_object
png(tempfile())
x <- c(1, 2, 2, 3, 3, 3, 4, 4, 5)
h <- hist(x, plot = FALSE)
class(h)
names(h)
h$breaks
h$counts
h$density
h$mids
h$xname
h$equidist
plot(h)
plot(h, main = "again", col = "steelblue")
invisible(dev.off())
#---- par_mfrow
png(tempfile())
op <- par(mfrow = c(2, 2))
str(op)
par("mfrow")
par("mfcol")
par("cex")
str(par(c("mfrow", "mar")))
str(par("mfrow", "cex"))
for (i in 1:4) plot(i:10)
par(op)
par("mfrow")
par("cex")
invisible(dev.off())
#---- par_mfcol_and_cex
png(tempfile())
old <- par(mfcol = c(3, 1))
old
par("mfrow")
par("cex")
par(mfrow = c(1, 2))
par("cex")
invisible(dev.off())
#---- par_visibility
png(tempfile())
withVisible(par(mfrow = c(1, 2)))$visible
withVisible(par("mfrow"))$visible
withVisible(par(mar = c(2, 2, 1, 1)))$visible
invisible(dev.off())
#---- par_mar
png(tempfile())
old <- par(mar = c(1, 2, 3, 4))
old
par("mar")
par(old)
par("mar")
par("oma")
par("mgp")
par("bg")
par("las")
names(par())[1:6]
invisible(dev.off())
#---- par_per_device
png(tempfile())
par(mfrow = c(2, 1))
par("mfrow")
invisible(dev.off())
png(tempfile())
par("mfrow")
invisible(dev.off())
#---- par_unknown_warns
png(tempfile())
r <- par(foo = 1)
length(r)
invisible(dev.off())
#---- par_mfrow_wrong_length
png(tempfile())
par(mfrow = c(1, 2, 3)) ### "graphical parameter \"mfrow\" has the wrong length"
#---- par_mar_wrong_length
png(tempfile())
par(mar = c(1, 2)) ### "graphical parameter \"mar\" has the wrong length"
#---- par_mfrow_zero
png(tempfile())
par(mfrow = c(0, 2)) ### "invalid value specified for graphical parameter \"mfrow\""
#---- curve_values
png(tempfile())
str(curve(x^2, 0, 2))
r <- curve(sin, n = 5)
r
curve(cos, add = TRUE, col = "red")
withVisible(curve(x + 1, n = 2))$visible
str(curve(y^2, xname = "y", n = 3))
invisible(dev.off())
#---- plot_function
png(tempfile())
r <- plot(sin, -pi, pi)
names(r)
length(r$x)
r$x[c(1, 51, 101)]
sq <- function(x) x^2
str(plot(sq))
str(plot(function(x) x^3, 0, 2, n = 3))
invisible(dev.off())
#---- curve_not_in_x
png(tempfile())
curve(5) ### "'expr' must be a function, or a call or an expression containing 'x'"
#---- curve_unknown_function
png(tempfile())
curve(nonexistent_fn) ### "could not find function \"nonexistent_fn\""
#---- plot_matrix_and_list
png(tempfile())
m <- cbind(a = 1:3, b = c(2, 5, 1))
plot(m)
lines(m)
points(list(x = 1:2, y = 3:4))
plot(list(x = 1:3, y = c(2, 1, 3)))
plot(matrix(1:3, 3))
tryCatch(plot(list(1, 2)), error = function(e) conditionMessage(e))
invisible(dev.off())
