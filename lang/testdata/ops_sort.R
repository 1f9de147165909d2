# sort: cases for torchr's base operators and functions (GNU R is the oracle).
#---- sort numbers
sort(c(3, 1, 2))
sort(c(3, 1, 2), decreasing = TRUE)
sort(c(3L, NA, 1L))
sort(c(3, NA, 1), na.last = TRUE)
sort(c(3, NA, 1), na.last = FALSE)
#---- sort strings
sort(c("banana", "apple", "Cherry"))
sort(c("b", "a", "c"), decreasing = TRUE)
#---- sort names
sort(c(b = 2, a = 1, c = 3))
#---- sort logical
sort(c(TRUE, FALSE, TRUE))
#---- sort empty
sort(numeric(0))
sort(c(NA, NA))
#---- order
order(c(3, 1, 2))
order(c(3, 1, 2), decreasing = TRUE)
order(c(2, 1, 2, 1))
order(c("b", "a", "c"))
order(c(3, NA, 1))
order(c(3, NA, 1), na.last = FALSE)
order(c(3, NA, 1), na.last = NA)
#---- order multiple keys
x <- c(1, 1, 2, 2, 1)
y <- c(5, 3, 2, 1, 4)
order(x, y)
order(x, -y)
order(x, y, decreasing = TRUE)
#---- order ties stable
order(c(1, 1, 1))
order(c(2, 2, 1, 1), decreasing = TRUE)
#---- sort via order
x <- c(b = 3, a = 1, c = 2)
x[order(x)]
names(sort(x, decreasing = TRUE))
#---- rank-free unique
unique(c(1, 2, 2, 3, 1))
unique(c("a", "b", "a"))
unique(c(NA, 1, NA))
unique(list(1, 2, 1))
unique(c(a = 1, b = 1))
#---- duplicated
duplicated(c(1, 2, 2, 3, 1))
duplicated(c("x", "y", "x"))
duplicated(c(NA, NA))
#---- rev sort combination
rev(sort(c(2, 3, 1)))
#---- sort doubles with ties and negative
sort(c(-1.5, 2, -3, 0, 2))
order(c(-1.5, 2, -3, 0, 2))
#---- order strings mixed case
order(c("b", "A", "a", "B"))
sort(c("b", "A", "a", "B"))
