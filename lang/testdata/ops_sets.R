# sets: cases for torchr's base operators and functions (GNU R is the oracle).
#---- match
match(3, 1:5)
match(c("b", "z"), c("a", "b", "c"))
match(c(1, 2), c(2, 2, 1))
match(NA, c(1, NA))
match(2, c(1, 3), nomatch = 0)
match(1L, c(1.0, 2.0))
match("1", 1:3)
#---- in
c(1, 2, 6) %in% 1:5
#---- setdiff union intersect
setdiff(1:5, c(2, 4))
setdiff(c("a", "b", "a"), "b")
union(c(1, 2, 2), c(3, 2))
union(c("a"), c("b", "a"))
intersect(1:5, 3:8)
intersect(c("a", "b"), c("c"))
#---- set types
union(1:3, c(2.5))
setdiff(c(1, 2), numeric(0))
intersect(c(1, 1, 2), c(1, 2))
#---- unique preserves order
unique(c(3, 1, 3, 2, 1))
