f <- function() { s <- character(0); for (i in 1:1e4) s <- paste0("item", i, ":", nchar(s[length(s)])); s }
g <- function() { s <- ""; for (i in 1:2e4) s <- paste0(s, "a"); nchar(s) }
t <- system.time({ f(); g() })[["elapsed"]]
cat(t, "\n")
