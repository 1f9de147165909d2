# logic: cases for torchr's base operators and functions (GNU R is the oracle).
#---- not
!TRUE
!c(TRUE, FALSE, NA)
!0
!c(1, 0, 2)
#---- not names
!c(a = TRUE, b = FALSE)
#---- not string errors
!"a" ### "invalid argument type"
#---- and or vector
c(TRUE, FALSE, NA) & TRUE
c(TRUE, FALSE, NA) & FALSE
c(TRUE, FALSE, NA) & NA
c(TRUE, FALSE, NA) | TRUE
c(TRUE, FALSE, NA) | FALSE
c(TRUE, FALSE, NA) | NA
#---- and or numeric
1 & 0
c(2, 0) | c(0, 0)
#---- and or zero length
logical(0) & TRUE
#---- and recycle
c(TRUE, FALSE, TRUE, FALSE) & c(TRUE, FALSE)
#---- scalar and or
TRUE && FALSE
TRUE || stop("no")
FALSE && stop("no")
NA && FALSE
NA && TRUE
NA || TRUE
NA || FALSE
#---- andand on zero length
logical(0) && TRUE
NA_integer_ || TRUE
#---- andand string
"a" && TRUE ### "invalid 'x' type in 'x && y'"
#---- oror numeric
0 || 2
#---- xor
xor(TRUE, FALSE)
xor(c(TRUE, TRUE), c(TRUE, FALSE))
#---- isTRUE isFALSE
isTRUE(TRUE)
isTRUE(c(TRUE, TRUE))
isTRUE(NA)
isTRUE(c(a = TRUE))
isFALSE(FALSE)
isFALSE(0)
#---- any all
any(c(FALSE, NA, TRUE))
any(c(FALSE, NA))
all(c(TRUE, NA))
all(c(TRUE, NA, FALSE))
any(logical(0))
all(logical(0))
all(c(TRUE, NA), na.rm = TRUE)
any(1:3 > 2)
#---- any multiple args
any(FALSE, c(FALSE, TRUE))
all(TRUE, 1 > 0)
#---- in operator
1 %in% 1:3
c(1, 4) %in% c(1, 2, 3)
"a" %in% c("b", "a")
NA %in% c(1, NA)
numeric(0) %in% 1
#---- ifelse
ifelse(c(TRUE, FALSE, NA), 1, 2)
ifelse(1:6 > 3, "big", "small")
ifelse(c(a = TRUE, b = FALSE), 1:2, 3:4)
x <- c(-1, 0, 2)
ifelse(x > 0, sqrt(abs(x)), -1)
#---- ifelse keeps dim
m <- matrix(1:4, 2)
ifelse(m > 2, m, 0)
#---- is.na anyNA
is.na(c(1, NA, NaN))
is.na(c(a = "x", b = NA))
is.na(list(1, NA, "a"))
anyNA(c(1, 2))
anyNA(c(1, NA))
anyNA(list(1, NA))
