# mixed: operator, indexing, vector and matrix expressions sampled from a differential run against GNU R.
#---- mixed 1
c(1e10, -7.5) %in% c(a=1L, b=NA)
#---- mixed 2
match(NULL, c(1.5, NA, -2, 0))
#---- mixed 3
c(NaN, Inf, -Inf) < c(x=2.5, y=-1, z=3)
#---- mixed 4
5:structure(1:2, foo='bar')
#---- mixed 5
ifelse(c(NaN, Inf, -Inf) > 0, c(NaN, Inf, -Inf), 5)
#---- mixed 6
matrix(c(1.5, 2, -3, 4), 2, dimnames=list(c('r1','r2'), c('A','B'))) ^ -3L
#---- mixed 7
c(x=2.5, y=-1, z=3) & c(NaN, Inf, -Inf)
#---- mixed 8
round(structure(1:2, foo='bar'), c(x=2.5, y=-1, z=3))
#---- mixed 9
pmin(matrix(c(1.5, 2, -3, 4), 2, dimnames=list(c('r1','r2'), c('A','B'))), c(NaN, Inf, -Inf))
#---- mixed 10
c(5, c(a=1L, b=NA))
#---- mixed 11
c(a=1L, b=NA) != c(1.5, NA, -2, 0)
#---- mixed 12
match(c('b', 'a'), c(NaN, Inf, -Inf))
#---- mixed 13
round(1:4, structure(1:2, foo='bar'))
#---- mixed 14
NULL < 1:4
#---- mixed 15
intersect(TRUE, c(NaN, Inf, -Inf))
#---- mixed 16
c(-3L, 2147483647L)
#---- mixed 17
union(array(1:4, 4), matrix(c(1.5, 2, -3, 4), 2, dimnames=list(c('r1','r2'), c('A','B'))))
#---- mixed 18
round(numeric(0), matrix(1:6, 2))
#---- mixed 19
1:4:5
#---- mixed 20
append(5, c(1e10, -7.5))
#---- mixed 21
NULL & NULL
#---- mixed 22
0L %/% NULL
#---- mixed 23
matrix(c(1.5, 2, -3, 4), 2, dimnames=list(c('r1','r2'), c('A','B'))) | NULL
#---- mixed 24
TRUE[structure(1:2, foo='bar')]
#---- mixed 25
union(numeric(0), 5)
#---- mixed 26
c('b', 'a')[array(1:4, 4)]
#---- mixed 27
round(c(TRUE, FALSE, NA), c(TRUE, FALSE, NA))
#---- mixed 28
x <- c(a=1L, b=NA); x[[TRUE]] <- 7L; x
#---- mixed 29
c(TRUE, FALSE, NA) - structure(1:2, foo='bar')
#---- mixed 30
ifelse(matrix(c(1.5, 2, -3, 4), 2, dimnames=list(c('r1','r2'), c('A','B'))) > 0, matrix(c(1.5, 2, -3, 4), 2, dimnames=list(c('r1','r2'), c('A','B'))), c(1e10, -7.5))
#---- mixed 31
union(NULL, matrix(c(1.5, 2, -3, 4), 2, dimnames=list(c('r1','r2'), c('A','B'))))
#---- mixed 32
c(a=1L, b=NA) | 2147483647L
#---- mixed 33
pmax(NULL, array(1:4, 4))
#---- mixed 34
ifelse(structure(1:2, foo='bar') > 0, structure(1:2, foo='bar'), c(NaN, Inf, -Inf))
#---- mixed 35
c(5, matrix(c(1.5, 2, -3, 4), 2, dimnames=list(c('r1','r2'), c('A','B'))))
#---- mixed 36
0L - c(1.5, NA, -2, 0)
#---- mixed 37
pmax(NULL, 1:4)
#---- mixed 38
5 - -3L
#---- mixed 39
log(c(NaN, Inf, -Inf), c(1.5, NA, -2, 0))
#---- mixed 40
matrix(c(1.5, 2, -3, 4), 2, dimnames=list(c('r1','r2'), c('A','B'))) & matrix(c(1.5, 2, -3, 4), 2, dimnames=list(c('r1','r2'), c('A','B')))
#---- mixed 41
match(c(a=1L, b=NA), numeric(0))
#---- mixed 42
c(a=1L, b=NA) < c(TRUE, FALSE, NA)
#---- mixed 43
pmin(2147483647L, c(NaN, Inf, -Inf))
#---- mixed 44
x <- TRUE; x[-3L] <- 99; x
#---- mixed 45
cbind(c(1e10, -7.5), c(1e10, -7.5))
#---- mixed 46
intersect(0L, c('b', 'a'))
#---- mixed 47
TRUE ^ numeric(0)
#---- mixed 48
rbind(c(a=1L, b=NA), structure(1:2, foo='bar'))
#---- mixed 49
setdiff(5, c(a=1L, b=NA))
#---- mixed 50
structure(1:2, foo='bar') | c(x=2.5, y=-1, z=3)
#---- mixed 51
pmin(-3L, c(x=2.5, y=-1, z=3))
#---- mixed 52
x <- 0L; x[c('b', 'a')] <- 99; x
#---- mixed 53
ifelse(c(x=2.5, y=-1, z=3) > 0, c(x=2.5, y=-1, z=3), structure(1:2, foo='bar'))
#---- mixed 54
array(1:4, 4) * c(1.5, NA, -2, 0)
#---- mixed 55
matrix(c(1.5, 2, -3, 4), 2, dimnames=list(c('r1','r2'), c('A','B'))) | c(1.5, NA, -2, 0)
#---- mixed 56
c(x=2.5, y=-1, z=3) - c(1e10, -7.5)
#---- mixed 57
cbind(c(TRUE, FALSE, NA), structure(1:2, foo='bar'))
#---- mixed 58
structure(1:2, foo='bar') + matrix(c(1.5, 2, -3, 4), 2, dimnames=list(c('r1','r2'), c('A','B')))
#---- mixed 59
NULL | 2147483647L
#---- mixed 60
rbind(-3L, 2147483647L)
#---- mixed 61
union(2147483647L, 5)
#---- mixed 62
c(x=2.5, y=-1, z=3) == c(1.5, NA, -2, 0)
#---- mixed 63
round(structure(1:2, foo='bar'), matrix(c(1.5, 2, -3, 4), 2, dimnames=list(c('r1','r2'), c('A','B'))))
#---- mixed 64
pmax(c(1e10, -7.5), NULL)
#---- mixed 65
cbind(c(1.5, NA, -2, 0), c(NaN, Inf, -Inf))
#---- mixed 66
-3L:structure(1:2, foo='bar')
#---- mixed 67
choose(c(1e10, -7.5), c(1e10, -7.5))
#---- mixed 68
choose(structure(1:2, foo='bar'), c(TRUE, FALSE, NA))
#---- mixed 69
c(NaN, Inf, -Inf) %/% array(1:4, 4)
#---- mixed 70
c(a=1L, b=NA) == matrix(1:6, 2)
#---- mixed 71
unlist(list(a=list(), b=character(0), 3))
#---- mixed 72
seq(1, by = 2, length.out = 4.5)
#---- mixed 73
order(c(b=2, a=1, c=NA, d=1))
#---- mixed 74
order(c(TRUE,NA,FALSE,TRUE), decreasing=TRUE)
#---- mixed 75
seq(100)
#---- mixed 76
order(c(3L,1L,NA,2L,1L), decreasing=TRUE)
#---- mixed 77
seq(to = -3.7, by = 1L, length.out = 5L)
#---- mixed 78
rev(sort(c(b=2, a=1, c=NA, d=1)))
#---- mixed 79
apply(matrix(c(2.5,1,-1,NA,0,3), 2), c(1,2), function(v) v*2)
#---- mixed 80
unique(c(-0.5, 0, -0, 1e-300, Inf, -Inf, NaN, NA))
#---- mixed 81
seq(2.5, -2L, by = -1)
#---- mixed 82
range(c(b=2, a=1, c=NA, d=1), na.rm=TRUE)
#---- mixed 83
seq(-1, 0, length.out = 5L)
#---- mixed 84
sort(c(-0.5, 0, -0, 1e-300, Inf, -Inf, NaN, NA), decreasing=TRUE, na.last=FALSE)
#---- mixed 85
seq(0, by = -0.25, length.out = 3)
#---- mixed 86
seq(1, -1, length.out = 3)
#---- mixed 87
seq_len(5L)
#---- mixed 88
c('beta','Alpha','alpha',NA,'Beta','_x','1a') < rev(c('beta','Alpha','alpha',NA,'Beta','_x','1a'))
#---- mixed 89
order(c(-0.5, 0, -0, 1e-300, Inf, -Inf, NaN, NA))
#---- mixed 90
seq(-1, 1, by = 0.3)
#---- mixed 91
seq_len(3)
#---- mixed 92
seq(1, 2.5, by = 1L)
#---- mixed 93
order(c(TRUE,NA,FALSE,TRUE), na.last=FALSE)
#---- mixed 94
seq(2.5, 1, length.out = 5L)
#---- mixed 95
typeof(seq(0.1, -2L, length.out = 3))
#---- mixed 96
matrix(1:12, 3, dimnames=list(letters[1:3], LETTERS[1:4]))[2, ]
#---- mixed 97
typeof(seq(-3.7, 0.1, length.out = 5L))
#---- mixed 98
seq(to = 1, by = -1, length.out = 3)
#---- mixed 99
pmax(c(-0.5, 0, -0, 1e-300, Inf, -Inf, NaN, NA), rev(c(-0.5, 0, -0, 1e-300, Inf, -Inf, NaN, NA)))
#---- mixed 100
seq_len(4.5)
#---- mixed 101
seq(-3.7, by = -1, length.out = 5L)
#---- mixed 102
-1:-3.7
#---- mixed 103
which(matrix(c(2.5,1,-1,NA,0,3), 2) > 4)
#---- mixed 104
typeof(seq(0.1, -1, length.out = 5L))
#---- mixed 105
c(list(NULL, a=NULL, 1), recursive=TRUE)
#---- mixed 106
matrix(c(2.5,1,-1,NA,0,3), 2)[2, ]
#---- mixed 107
cbind(matrix(c(2.5,1,-1,NA,0,3), 2), 99)
#---- mixed 108
pmax(c(TRUE,NA,FALSE,TRUE), rev(c(TRUE,NA,FALSE,TRUE)))
#---- mixed 109
matrix(1:12, 3, dimnames=list(letters[1:3], LETTERS[1:4]))[2:1, 3:2]
#---- mixed 110
order(c('beta','Alpha','alpha',NA,'Beta','_x','1a'), decreasing=TRUE)
#---- mixed 111
seq(1e-3, 3L, by = 3)
#---- mixed 112
seq_len(3)
#---- mixed 113
rev(seq(-2L, 0.1, length.out = 1))
#---- mixed 114
seq_len(4.5)
#---- mixed 115
rev(seq(-3.7, 0.1, length.out = 3))
#---- mixed 116
cummax(c(-0.5, 0, -0, 1e-300, Inf, -Inf, NaN, NA))
#---- mixed 117
rev(seq(1, -3.7, length.out = 4.5))
#---- mixed 118
rev(matrix(c(2.5,1,-1,NA,0,3), 2))
#---- mixed 119
seq(0.1, 0)
#---- mixed 120
0:1e-3
