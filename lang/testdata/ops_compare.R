# compare: cases for torchr's base operators and functions (GNU R is the oracle).
#---- numeric comparisons
1 < 2
c(1, 2, 3) > 2
1:3 == c(1, 5, 3)
1 != 1
2 >= 2
2 <= 1
#---- comparisons with NA
NA > 1
c(1, NA) == 1
NA == NA
NaN == NaN
#---- string comparisons
"a" < "b"
"abc" == "abc"
c("a", "B") < "b"
"10" < "9"
"apple" > "Apple"
#---- mixed type comparison
1 == "1"
TRUE == 1
1L == 1
"TRUE" == TRUE
#---- comparison keeps names
c(a = 1, b = 2) > 1
#---- comparison matrix
m <- matrix(1:4, 2)
m > 2
#---- comparison zero length
numeric(0) == 1
logical(0) < 1
#---- comparison recycling warning
1:3 == 1:2
#---- NULL compare
NULL == 1
#---- Inf compare
Inf > 1e308
-Inf < Inf
#---- identical doubles
0.1 + 0.2 == 0.3
isTRUE(all.equal(0.1 + 0.2, 0.3))
