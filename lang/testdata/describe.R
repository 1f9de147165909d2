# summary(), quantile(), zapsmall(), table() and factors in use.
#---- summary_numeric
summary(c(1, 2, 3, 4, 100))
summary(1:10)
summary(c(0.001234, 0.5, 123.4567))
summary(c(-5.5, 0, 2.25))
#---- summary_with_na
summary(c(1.5, NA, 3.25, 10))
#---- summary_other_types
summary(c(TRUE, FALSE, TRUE, NA))
summary(letters)
summary(factor(c("a", "b", "a", NA)))
#---- summary_value
s <- summary(c(5, 6, 10))
class(s)
s[["Mean"]]
names(s)
#---- quantile_basic
quantile(1:9)
quantile(c(1.5, 2.5, 10), c(0.1, 0.9))
quantile(c(3, 1, 2), 0.5, names = FALSE)
#---- quantile_na
quantile(c(1, NA, 3), na.rm = TRUE)
quantile(c(1, NA, 3)) ### "missing values and NaN's not allowed"
#---- zapsmall_basic
zapsmall(c(1, 1e-20))
zapsmall(c(0.001234, 123.4567))
zapsmall(c(1.0000001, 2), digits = 3)
#---- table_and_factor_workflow
x <- c("b", "a", "c", "a", "b", "a")
f <- factor(x, levels = c("c", "b", "a"))
levels(f)
table(f)
as.vector(table(x))
names(table(x))
tab <- table(x)
tab[["a"]]
#---- table_two_way
table(c(1, 1, 2), c("x", "y", "y"))
#---- factor_labels_ordered
f <- factor(c(1, 2, 1), labels = c("low", "high"))
f
o <- factor(c("S", "L", "M"), levels = c("S", "M", "L"), ordered = TRUE)
o
is.ordered(o)
nlevels(o)
