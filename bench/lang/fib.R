fib <- function(n) if (n < 2) n else fib(n - 1) + fib(n - 2)
t <- system.time(fib(25))[["elapsed"]]
cat(t, "\n")
