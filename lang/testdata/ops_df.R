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
