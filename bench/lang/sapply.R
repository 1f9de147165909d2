t <- system.time(sapply(1:1e5, function(i) i * 2))[["elapsed"]]
cat(t, "\n")
