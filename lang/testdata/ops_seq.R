# seq: cases for torchr's base operators and functions (GNU R is the oracle).
#---- colon
1:5
5:1
0:-2
1:0
typeof(1:3)
#---- colon double
1.5:4
typeof(1.5:3)
-0.5:2
#---- colon large
typeof(2147483647:2147483648)
2147483646:2147483648
length(1:1e5)
#---- colon from double whole
typeof(1:2.0)
x <- 2
typeof(1:x)
#---- colon NA
1:NA ### "NA/NaN argument"
#---- colon zero length
1:integer(0) ### "argument of length 0"
#---- seq basic
seq(1, 10)
seq(5)
seq(2, 11, by = 3)
seq(0, 1, by = 0.1)
seq(10, 1)
seq(10, 1, by = -3)
#---- seq length.out
seq(0, 1, length.out = 5)
seq(1, 10, length.out = 4)
seq(5, by = 2, length.out = 3)
seq(to = 10, by = 2, length.out = 3)
seq(length.out = 4)
seq_len(0)
#---- seq types
typeof(seq(1, 10))
typeof(seq(1, 10, by = 2))
typeof(seq(1L, 10L, by = 2L))
typeof(seq(0, 1, by = 0.5))
typeof(seq(1, 2, length.out = 3))
typeof(seq_len(3))
typeof(seq(2, 10, length.out = 5))
#---- seq along
seq(along.with = c("a", "b", "c"))
seq_along(c("x", "y"))
seq_along(NULL)
seq(c(5, 6, 7))
#---- seq wrong sign
seq(1, 10, by = -1) ### "wrong sign in 'by' argument"
#---- seq_len
seq_len(5)
#---- seq_len negative
seq_len(-1) ### "argument of length 0|must be coercible to non-negative integer"
#---- seq by fractional
seq(1, 2, by = 0.3)
seq(-1, 1, 0.5)
rev(seq(0, 100, 25))
#---- seq from equals to
seq(3, 3)
seq(3, 3, by = 1)
