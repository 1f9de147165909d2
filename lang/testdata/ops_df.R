# df: indexing data frames and factors through [, [[, [<-, c and rev.
#---- factor subset and assign
f <- factor(c("a", "b", "a"))
f[2:3]
rev(f)
f[2] <- "a"
f
f == "a"
#---- factor invalid level
f <- factor(c("x", "y"))
f[1] <- "z"
f
#---- combine factors
c(factor("a"), factor(c("b", "a")))
#---- data frame rows
df <- data.frame(x = 1:3, y = c("a", "b", "c"))
df[2, ]
df[df$x >= 2, ]
df[-1, ]
#---- data frame columns
df <- data.frame(x = 1:3, y = c("a", "b", "c"))
df[, "y"]
df[, c("y", "x")]
df["x"]
df[2, "x"]
df[[2, "y"]]
df[, 1, drop = FALSE]
#---- data frame undefined column
df <- data.frame(x = 1:3)
df[, "z"] ### "undefined columns selected"
#---- data frame assign cells
df <- data.frame(x = 1:3, y = c("a", "b", "c"))
df[2, "x"] <- 10L
df[df$x > 5, "y"] <- "z"
df
nrow(df)
ncol(df)
#---- data frame new column
df <- data.frame(x = 1:2)
df$y <- c(TRUE, FALSE)
df[["z"]] <- c(0.5, 1.5)
df
#---- rbind_data_frames
df <- data.frame(a = 1:2, b = c("x", "y"))
rbind(df, df)
rbind(df, data.frame(b = "z", a = 9L))
rbind(df[2, ], df[1, ])
rbind(df, list(5L, "q"))
rbind(df, c(7, "w"))
rbind(NULL, df)
rbind(df, NULL)
#---- rbind_data_frames_row_names
df <- data.frame(a = 1:2, b = c("x", "y"))
do.call(rbind, list(p = df, q = df[1, ]))
do.call(rbind, lapply(1:3, function(i) data.frame(i = i, sq = i^2)))
rbind(df[c(1, 1), ], df[1, ])
df[c(2, 2, 1), ]
#---- rbind_data_frames_factor_levels
f <- data.frame(g = factor(c("u", "v")))
r <- rbind(f, data.frame(g = factor("w")))
r
levels(r$g)
#---- rbind_data_frames_name_mismatch
df <- data.frame(a = 1:2, b = c("x", "y"))
rbind(df, data.frame(zz = 1, b = "q")) ### "names do not match previous names"
#---- cbind_data_frames
df <- data.frame(a = 1:2, b = c("x", "y"))
cbind(df, c = 3:4)
cbind(df, data.frame(z = TRUE))
#---- data_frame_components
df <- data.frame(a = 1:2, b = c("x", "y"))
data.frame(df, c = 3:4)
data.frame(x = df)
data.frame(x = data.frame(a = 1))
data.frame(matrix(1:4, 2))
data.frame(m = matrix(1:4, 2))
data.frame(matrix(1:4, 2, dimnames = list(NULL, c("p", "q"))))
data.frame(list(u = 1, v = "a"))
data.frame(x = c(a = 1, b = 2))
data.frame(df[2:1, ], z = 0)
#---- data_frame_check_names
data.frame(`a b` = 1, check.names = TRUE)
data.frame(`a b` = 1, check.names = FALSE)
data.frame(a = 1, a = 2)
data.frame(1:2, c("a", "b"))
names(data.frame(1, 2, check.names = FALSE))
#---- make_names_unique
make.names(c("a b", "1x", "if", "ok", NA, "", ".2a", "_u"))
make.names(c("a", "a", "a"), unique = TRUE)
make.unique(c("a", "a", "b", "a"))
make.unique(c("a", "a", "a.1"))
make.unique(c("1", "1", "1"), sep = "")
#---- split_unsplit
g <- c("b", "a", "b", "a", "c")
x <- c(10, 20, 30, 40, 50)
s <- split(x, g)
s
unsplit(lapply(s, function(v) v - mean(v)), g)
unsplit(split(letters[1:5], g), g)
#---- split_data_frame
df <- data.frame(a = 1:4, b = letters[1:4])
sp <- split(df, c(1, 2, 1, 2))
sp
unsplit(sp, c(1, 2, 1, 2))
lapply(split(df, df$a > 2), nrow)
#---- subset_transform_within
df <- data.frame(a = 1:4, b = c(2, 4, 6, 8), s = c("w", "x", "y", "z"))
subset(df, a > 2, select = b)
subset(df, a > 2, select = c(a, s))
subset(df, b < 5, select = -b)
subset(df, select = a:b)
subset(c(5, 1, 7), c(5, 1, 7) > 2)
subset(df, a > 10)
transform(df, c = a * b)
transform(df, a = -a)
within(df, { d <- a + b; rm(s) })
within(df, b <- b * 10)
#---- head_tail_data_frames
df <- data.frame(a = 1:4, b = c(2, 4, 6, 8))
head(df, 2); tail(df, 2); head(df, -3); tail(df, 1)
m <- matrix(1:20, 10)
tail(m, 2)
colMeans(df); rowSums(df)
#---- row_col_names
m <- matrix(1:4, 2)
rownames(m)
rownames(m) <- c("a", "b")
m
colnames(m) <- c("x", "y")
m
colnames(m)
rownames(m) <- NULL
m
dimnames(m)
df <- data.frame(a = 1:2, b = c("u", "v"))
rownames(df); colnames(df)
rownames(df) <- c("r1", "r2")
df
colnames(df) <- c("A", "B")
df
row.names(df) <- NULL
df
#---- as_matrix
as.matrix(data.frame(a = 1:2, b = c(1.5, 2)))
as.matrix(data.frame(a = 1:2, b = c("x", "y")))
as.matrix(1:3)
as.matrix(c(a = 1, b = 2))
#---- summary_data_frame
summary(data.frame(a = c(1.5, NA, 3), f = factor(c("u", "v", "u")), l = c(TRUE, FALSE, NA)))
summary(data.frame(x = 1:10, y = letters[1:10]))
summary(data.frame(big = c(123456, 234567), small = c(0.001, 0.002)))
df <- data.frame(name = c("a", "b", "c", "d"), score = c(90.5, 85, 77.25, 92), n = c(3L, 1L, 2L, 5L))
summary(df)
#---- data_frame_rows_unique_na
unique(data.frame(a = c(1, 1, 2), b = c("x", "x", "y")))
duplicated(data.frame(a = c(1, 1, 2), b = c("x", "x", "y")))
is.na(data.frame(a = c(1, NA)))
colSums(is.na(data.frame(a = c(1, NA), b = c(NA, NA))))
df <- data.frame(score = c(90.5, 85), n = c(3L, 1L))
t(df[1:2, ])
#---- merge_joins
a <- data.frame(id = c(3, 1, 2, 2), v = c("c", "a", "b", "B"))
b <- data.frame(id = c(2, 3, 4), w = c(TRUE, FALSE, TRUE))
merge(a, b)
merge(a, b, all.x = TRUE)
merge(a, b, all = TRUE)
merge(a, b, by = "id", sort = FALSE)
x <- data.frame(k = c("b", "a"), n = 1:2)
y <- data.frame(k = c("a", "b"), n = 3:4)
merge(x, y, by = "k")
merge(x, y, by = "k", suffixes = c("_l", "_r"))
merge(data.frame(p = 1:2, q = c("u", "v"), r = 5:6), data.frame(p = c(2, 1), q = c("v", "u"), s = 7:8))
#---- aggregate_groups
df <- data.frame(name = c("a", "b", "c", "d"), score = c(90.5, 85, 77.25, 92), n = c(3L, 1L, 2L, 5L), g = c("x", "y", "x", "y"))
aggregate(score ~ n > 2, data = df, FUN = mean)
aggregate(score ~ g, data = df, FUN = mean)
aggregate(cbind(score, n) ~ g, data = df, FUN = sum)
aggregate(df$score, by = list(grp = df$g), FUN = max)
aggregate(df[, c("score", "n")], by = list(df$g), FUN = mean)
aggregate(. ~ g, data = df[, c("score", "n", "g")], FUN = mean)
aggregate(score ~ g + I(n > 2), data = df, FUN = length)
aggregate(c(1, 2, 3, NA), by = list(c("a", "a", "b", "b")), FUN = mean, na.rm = TRUE)
#---- asis
x <- I(1:3)
x
class(x)
#---- data_frame_printing_columns
data.frame(x = c(1e-10, 1), y = c(123456789, 2), z = c(-1.5, NA))
df <- as.data.frame(matrix(1:26, 1, dimnames = list(NULL, paste0("column_", letters))))
df
data.frame(s = c("a long string value here", "b"), n = 1:2)
data.frame(f = factor(c("lvl1", NA)), d = as.Date(c("2024-01-01", NA)))
data.frame(l = I(list(1:2, "a")))
print(data.frame(a = 1:3), row.names = FALSE)
format(data.frame(a = c(1.5, 10), b = c("x", "yy")))
data.frame(a = numeric(0), b = character(0))
data.frame(cplx = c(1+2i, 3-1i))
