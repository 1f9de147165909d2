# attrs: attributes, factors and one-dimensional arrays through operators and vector functions (sampled from a differential run against GNU R).
#---- attrs 1
x <- factor(c('a','b')); x[['q']] <- 1; x
#---- attrs 2
c(factor(c('a','b')))
#---- attrs 3
factor(c('a','b')) * 0
#---- attrs 4
factor(c('a','b')) < structure(1:3, class='foo')
#---- attrs 5
rep(factor(c('a','b')), 2)
#---- attrs 6
factor(c('a','b')) == 1e308
#---- attrs 7
factor(c('a','b')) / 2.5
#---- attrs 8
factor(c('a','b')) + NA
#---- attrs 9
!factor(c('a','b'))
#---- attrs 10
factor(c('a','b')) | -2147483647L
#---- attrs 11
rev(factor(c('a','b')))
#---- attrs 12
factor(c('a','b')) %/% structure(c(a=1,b=2), extra=TRUE)
#---- attrs 13
x <- factor(c('a','b')); names(x) <- NULL; x
#---- attrs 14
diag(factor(c('a','b')))
#---- attrs 15
sort(factor(c('a','b')))
#---- attrs 16
NA_integer_ < factor(c('a','b'))
#---- attrs 17
array(1:2, 2, dimnames=list(c('a','b'))) | factor(c('a','b'))
#---- attrs 18
is.na(factor(c('a','b')))
#---- attrs 19
-0 * factor(c('a','b'))
#---- attrs 20
factor(c('a','b'))[2]
#---- attrs 21
2.5 %in% 1
#---- attrs 22
matrix(1:4,2,dimnames=list(NULL,c('u','v'))) %in% 1
#---- attrs 23
NA * c(p=1L)
#---- attrs 24
!structure(1:3, class='foo')
#---- attrs 25
rep(c(p=1L), 2)
#---- attrs 26
2.5 * -2147483647L
#---- attrs 27
1e308 + matrix(1:4,2,dimnames=list(NULL,c('u','v')))
#---- attrs 28
NA_integer_ & c(p=1L)
#---- attrs 29
t(0)
#---- attrs 30
matrix(1:4,2,dimnames=list(NULL,c('u','v'))) ^ matrix(1:4,2,dimnames=list(NULL,c('u','v')))
#---- attrs 31
t(-2147483647L)
#---- attrs 32
exp(-0)
#---- attrs 33
is.na(structure(1:3, class='foo'))
#---- attrs 34
mean(2.5)
#---- attrs 35
abs(-0)
#---- attrs 36
c(x=TRUE,y=FALSE) | 0
#---- attrs 37
0 == 1e308
#---- attrs 38
-0 - NA_integer_
#---- attrs 39
NA %/% 1e308
#---- attrs 40
exp(-2147483647L)
#---- attrs 41
mean(-2147483647L)
#---- attrs 42
unlist(list(structure(1:3, class='foo')))
#---- attrs 43
diag(0)
#---- attrs 44
sum(c(x=TRUE,y=FALSE))
#---- attrs 45
round(0 / 3, 2)
#---- attrs 46
rep(matrix(1:4,2,dimnames=list(NULL,c('u','v'))), 2)
#---- attrs 47
!c(p=1L)
#---- attrs 48
is.na(1e308)
#---- attrs 49
sort(-0)
#---- attrs 50
c(p=1L)[2]
#---- attrs 51
range(c(x=TRUE,y=FALSE))
#---- attrs 52
c(1,2,3,4,5,6) | 0
#---- attrs 53
x <- structure(1:3, class='foo'); names(x) <- NULL; x
#---- attrs 54
-c(x=TRUE,y=FALSE)
#---- attrs 55
exp(NA_integer_)
#---- attrs 56
rev(1:3)
#---- attrs 57
mean(NA_integer_)
#---- attrs 58
x <- NA; x[2] <- 5L; x
#---- attrs 59
unlist(list(NA))
#---- attrs 60
1e308 < c(p=1L)
