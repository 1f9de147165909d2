f <- function() { s <- 0; for (i in 1:1e7) s <- s + i; s }
t <- system.time(f())[["elapsed"]]
cat(t, "\n")
