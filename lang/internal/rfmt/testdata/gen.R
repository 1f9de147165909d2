# Generates rfmt's golden cases from GNU R:
#   Rscript gen.R > cases.json
# Every case carries its inputs (doubles as exact hex floats) and R's output,
# so the Go test rebuilds the same inputs and compares strings exactly.
# The Go test (rfmt_test.go) re-runs this script when Rscript is installed.

jstr <- function(s) {
  if (length(s) == 0) return(character(0))
  s <- enc2utf8(as.character(s))
  s <- gsub("\\", "\\\\", s, fixed = TRUE)
  s <- gsub("\"", "\\\"", s, fixed = TRUE)
  s <- gsub("\n", "\\n", s, fixed = TRUE)
  s <- gsub("\t", "\\t", s, fixed = TRUE)
  s <- gsub("\r", "\\r", s, fixed = TRUE)
  s <- gsub("\001", "\\u0001", s, fixed = TRUE)
  s <- gsub("\a", "\\u0007", s, fixed = TRUE)
  s <- gsub("\b", "\\b", s, fixed = TRUE)
  s <- gsub("\f", "\\f", s, fixed = TRUE)
  s <- gsub("\v", "\\u000b", s, fixed = TRUE)
  paste0("\"", s, "\"")
}
jarr <- function(v) paste0("[", paste(v, collapse = ","), "]")
enc_values <- function(x) {
  if (is.double(x)) {
    v <- ifelse(is.na(x) & !is.nan(x), "NA", ifelse(is.nan(x), "NaN",
         ifelse(is.infinite(x), ifelse(x > 0, "Inf", "-Inf"), sprintf("%a", x))))
    jarr(jstr(v))
  } else if (is.integer(x) || is.logical(x)) {
    v <- as.integer(x)
    jarr(ifelse(is.na(v), "null", as.character(v)))
  } else {
    jarr(ifelse(is.na(x), "null", jstr(x)))
  }
}
kind <- function(x) if (is.logical(x)) "logical" else if (is.integer(x)) "integer" else if (is.double(x)) "double" else "character"

cases <- character()
add <- function(op, x, want, extra = list()) {
  fields <- c(
    paste0("\"op\":", jstr(op)),
    paste0("\"kind\":", jstr(kind(x))),
    paste0("\"x\":", enc_values(as.vector(x)))
  )
  if (!is.null(names(x)) && is.null(dim(x))) fields <- c(fields, paste0("\"names\":", jarr(jstr(ifelse(is.na(names(x)), "<NA>", names(x))))))
  if (!is.null(dim(x))) {
    fields <- c(fields, paste0("\"dim\":", jarr(dim(x))))
    dn <- dimnames(x)
    if (!is.null(dn)) {
      fields <- c(fields, paste0("\"dimnames\":", jarr(sapply(dn, function(d) if (is.null(d)) "null" else jarr(jstr(d))))))
      if (!is.null(names(dn))) fields <- c(fields, paste0("\"dnn\":", jarr(jstr(names(dn)))))
    }
  }
  for (k in names(extra)) {
    v <- extra[[k]]
    fields <- c(fields, paste0("\"", k, "\":", if (is.character(v)) jstr(v) else if (is.logical(v)) tolower(as.character(v)) else sprintf("%.17g", v)))
  }
  fields <- c(fields, paste0("\"want\":", if (length(want) == 1) jstr(want) else jarr(jstr(want))))
  cases <<- c(cases, paste0("{", paste(fields, collapse = ","), "}"))
}

printed <- function(x, ...) paste(capture.output(print(x, ...)), collapse = "\n")

add_print <- function(x, digits = 7, width = 80, scipen = 0, quote = TRUE, right = FALSE, na.print = NULL) {
  old <- options(digits = digits, width = width, scipen = scipen)
  on.exit(options(old))
  extra <- list(digits = digits, width = width, scipen = scipen, quote = quote, right = right)
  if (is.null(na.print)) {
    want <- printed(x, quote = quote, right = right)
  } else {
    want <- printed(x, quote = quote, right = right, na.print = na.print)
    extra$naprint <- na.print
  }
  add("print", x, want, extra)
}

set.seed(20240601)

## ---- doubles: single values --------------------------------------------
singles <- c(0, 1, -1, 0.1, 0.1 + 0.2, 1/3, 2/3, -1/3, pi, exp(1), 100, 1e5, 1e-5, 123456, 1234567,
             123456.7, 1e15, 1e16, 1e-15, 1e-16, 123456789.123, 0.15, 2.675, 1e-300, 1e300, 5e-324,
             .Machine$double.xmax, 99999, 999999, 9999999, 99999999, 0.0001, 0.00012345, 1234.5678,
             100000, 1e+05 + 0.1, 3e10, 1.5e-10, 1e100, 1e-100, 2^31, 2^53, 2^53 + 2, -2^31, 1e22, 1e23,
             0.999999949, 0.99999995, 9.9999995, 99.99999, 1 - 1e-16, 1 + 1e-15, 7e-7, 0.5, 0.25, 0.125,
             1/7, 22/7, sqrt(2), -pi * 1e8, 4.35, 0.045, 1.005, 10.5, 1e5 - 0.5, 314159.26535, 31415926.535)
for (k in -20:20) singles <- c(singles, pi * 10^k, -exp(1) * 10^k, 10^k)
for (v in singles) {
  add_print(v)
  add("ascharacter", v, as.character(v))
  add("cat", v, paste(capture.output(cat(v)), collapse = ""))
}
for (v in c(pi, 1/3, 1e5, 123456, 1e-20, 0.1, 1e15, 1e16, 2^60)) {
  for (d in c(1, 3, 10, 15, 16, 17, 22)) add_print(v, digits = d)
}

## ---- doubles: vectors ----------------------------------------------------
vecs <- list(
  c(1, 2, 3), c(1.5, 2, 3.25), c(1, 10, 100), c(1e-5, 1), c(1e-10, 1, 1e10), c(0.1, 0.123456789),
  c(1, NA, 3), c(NA_real_, NA_real_), c(NaN, 1, Inf, -Inf, NA), c(-1.5, 2, NA, NaN), c(Inf, -Inf),
  c(123456, 0.001), c(1e5, 1e-5), c(1e15, 1), c(1e16, 1), 1:10 / 10, (1:30)^3, cumprod(1:20),
  c(0.00001234, 123456), c(-1, 1) * 1e-300, c(1e200, 1e-200), c(1.123456789, 22.12345678, 333.1234567),
  c(100, 1e-3), c(3.00001, 3), c(1234567.1, 2), c(TRUE, FALSE) + 0.5, exp(-10:10), 2^(0:40),
  c(0.1, 0.25, 100000), c(99999.5, 1), c(0.99999999, 1)
)
for (v in vecs) add_print(v)
for (n in c(10, 25, 26, 99, 100, 101, 150)) add_print(round(rnorm(n), 3))
add_print(rnorm(40))
add_print(runif(33) * 1e6)
add_print(rexp(27) * 1e-4)
add_print(seq(0, 1, by = 0.05))
add_print(c(1.5, NA, 3) * 1e8)
for (w in c(20, 30, 45, 60, 100)) add_print(1:50 / 3, width = w)
for (sp in c(-5, -1, 1, 3, 10)) add_print(c(1e5, 123456, 1e-5, 0.1), scipen = sp)
for (v in vecs[1:12]) {
  add("ascharacter", v, as.character(v))
}

## ---- stress: random magnitudes, rounding boundaries, digits 1..15 -------
for (i in 1:150) {
  n <- sample(1:12, 1)
  k <- sample(-12:12, 1)
  v <- round(rnorm(n) * 10^k, sample(0:10, 1))
  if (runif(1) < 0.3) v[sample(n, 1)] <- NA
  if (runif(1) < 0.2) v <- -abs(v)
  add_print(v, digits = sample(1:15, 1))
}
for (i in 1:60) {
  v <- signif(runif(sample(1:6, 1)) * 10^sample(-8:8, 1), sample(1:9, 1))
  add_print(v, digits = sample(c(1:8, 15), 1))
  add("ascharacter", v, as.character(v))
}
bound <- c(0.5, 1.5, 2.5, 0.15, 0.25, 0.35, 0.45, 1.005, 2.675, 9.995, 99.995, 0.0005, 1234.5, 0.95, 9.5, 99.5, 999.5, 9999.5, 99999.5, 999999.5)
for (v in bound) for (d in 1:4) add_print(v, digits = d)
for (v in c(1e5, 1e-5, 123456, 0.0001234)) for (sp in -3:3) add_print(c(v, 1), scipen = sp)

## ---- integers and logicals ----------------------------------------------
ivecs <- list(1L, -1L, 0L, 1:3, 1:100, c(1L, NA, -100L), NA_integer_, .Machine$integer.max, -.Machine$integer.max,
              c(5L, 123456789L), 100:130, -(1:40))
for (v in ivecs) add_print(v)
lvecs <- list(TRUE, FALSE, NA, c(TRUE, FALSE, NA), c(TRUE, TRUE), rep(c(TRUE, NA), 30), logical(0))
for (v in lvecs) add_print(v)
add_print(1:200, width = 40)

## ---- empty and named vectors ---------------------------------------------
add_print(numeric(0)); add_print(character(0)); add_print(integer(0))
add_print(setNames(numeric(0), character(0)))
add_print(setNames(character(0), character(0)))
add_print(setNames(integer(0), character(0)))
add_print(setNames(logical(0), character(0)))
add_print(c(a = 1, bb = 2))
add_print(c(a = 1.5, bb = 2, ccc = NA))
add_print(c(first = "x", second = "yy"))
add_print(c(x = TRUE, y = FALSE, z = NA))
add_print(c(alpha = 1L, beta = 20L, gamma = 300L))
add_print(setNames(1:26, letters))
add_print(setNames(rnorm(15), paste0("name_number_", 1:15)))
add_print(setNames(c(1, 2, 3), c("a", NA, "c")))
add_print(setNames(1:3, c("a", "", "c")))
add_print(setNames(1:30 / 7, paste0("v", 1:30)), width = 50)
add_print(setNames(c(1e-10, 1), c("tiny", "one")))
add_print(c(averyveryveryverylongname = 1, b = 2))
add_print(setNames(1:3, c("日本", "😀x", "é")))

## ---- strings ---------------------------------------------------------------
svecs <- list("a", c("a", "bbb"), c("bbb", "a"), c("a", NA), NA_character_, c("a\nb", "tab\there", "q\"uote", "back\\slash"),
              c("é", "日本語", "ab"), c("한국어", "ｆｕｌｌ", "😀", "e\u0301", "Ω", "→", "★", "⚡", "\u200b", "ア", "a"),
  c("\u0085", "\u2028", "\u00a0", "\u3000", "\ue000", "\u00ad", "\u061c", "\ufeff", "\U000e0001", "\u0378", "x"), month.name, paste0("item", 1:40), c("", " ", "  x  "), letters, "a\001b")
for (v in svecs) {
  add_print(v)
  add_print(v, quote = FALSE)
}
add_print(c("a", "bbb", NA), right = TRUE)
add_print(c("a", NA), na.print = "--")
add_print(c("a", NA), quote = FALSE, na.print = "<missing>")
add_print(c(1.5, NA), na.print = ".")
add_print(c(x = NA, y = 2L), na.print = "")
add_print(matrix(c(1, NA, 3, 4), 2), na.print = "")
add_print(matrix(c("a", NA, "c", "d"), 2), na.print = "-")
add_print(paste0(strrep("x", 30), 1:5))
add_print(strrep("y", 100))

## ---- matrices --------------------------------------------------------------
mats <- list(
  matrix(1:6, 2), matrix(c(1.5, -2, NA, 4, 1e-10, 6), 2), matrix(1:20, 4, dimnames = list(letters[1:4], LETTERS[1:5])),
  matrix(c(-1.25, 3, 100, NA, NaN, Inf), 3), matrix(1:9, 9), matrix(1:10, 10), matrix(1:100, 10),
  matrix(rnorm(60), 3), matrix(round(runif(60) * 1000, 2), 4), matrix(c("a", "bb", NA, "dddd"), 2),
  matrix(c(TRUE, FALSE, NA, TRUE), 2), matrix(numeric(0), 0, 3), matrix(numeric(0), 3, 0), matrix(numeric(0), 0, 0),
  matrix(1:4, 2, dimnames = list(rows = c("r1", "r2"), cols = c("c1", "c2"))),
  matrix(1:4, 2, dimnames = list(c("a", "b"), NULL)), matrix(1:4, 2, dimnames = list(NULL, c("x", "y"))),
  matrix(c(1e-15, 1, 1e15, 2), 2), matrix(1:40 * 1000.5, 2), matrix(c("x", "yy", "zzz", "w"), 2, dimnames = list(c("r1", "r2"), c("A", "B"))),
  matrix(1:6, 2, dimnames = list(a_long_row_title = c("r1", "r2"), NULL)),
  matrix(1:30, 1), matrix(1:200, 2)
)
for (m in mats) add_print(m)
add_print(matrix(c("a", "bb", NA, "dddd"), 2), quote = FALSE)
add_print(matrix(c("a", "bb", NA, "dddd"), 2), right = TRUE)
add_print(matrix(rnorm(30) * 1000, 3), width = 40)
add_print(matrix(1:24, 4), digits = 3)
add_print(matrix(strrep("abcdefghij", 1:3), 2, 12))
add_print(matrix(strrep("abcdefghij", 1:3), 2, 12), quote = FALSE, right = TRUE)
add_print(matrix(c(TRUE, NA, FALSE), 3, 30))
add_print(matrix(rnorm(6), 2, dimnames = list(c("a very long row name", "b"), c("x", "a long column name", "z"))))
add_print(matrix(-c(1.5, 22.25, 333, NA, 0.001, -7), 3, dimnames = list(NULL, c("neg", "mixed"))))
add_print(matrix(c(1e-20, 1, 1e20, NA), 2))
add_print(matrix(1:6 * 1e5, 2))

## ---- arrays ----------------------------------------------------------------
add_print(array(1:24, c(2, 3, 4)))
add_print(array(1:8 / 3, c(2, 2, 2)))
add_print(array(1:12, c(2, 3, 2), dimnames = list(c("a", "b"), c("x", "y", "z"), c("P", "Q"))))
add_print(array(1:12, c(2, 3, 2), dimnames = list(A = c("a", "b"), B = c("x", "y", "z"), C = c("P", "Q"))))
add_print(array(1:16, c(2, 2, 2, 2)))
add_print(array(1:3, 3))
add_print(array(1:3, 3, dimnames = list(c("x", "y", "z"))))
add_print(array(1:3, 3, dimnames = list(a = c("x", "y", "z"))))
add_print(array(c(1.5, 2), 2, dimnames = list(c("p", "q"))))
add_print(array(integer(0), c(2, 0, 2)))
add_print(array(letters[1:8], c(2, 2, 2)))

## ---- format() --------------------------------------------------------------
fcases <- list(
  list(x = c(1, 10, 100)), list(x = pi, nsmall = 2), list(x = 3, nsmall = 2), list(x = c(1.5, NA, 3)),
  list(x = 1e6, big.mark = ","), list(x = 1234567, big.mark = ","), list(x = 1234567.891, big.mark = ","),
  list(x = c(0.001, 0.0001), scientific = TRUE), list(x = 123456789), list(x = 1e-20, scientific = FALSE),
  list(x = 123.456, width = 10), list(x = c("a", "bbb"), width = 5), list(x = c("a", "bbb"), justify = "right"),
  list(x = c("a", "bbb"), justify = "centre"), list(x = TRUE), list(x = c(TRUE, NA, FALSE)), list(x = 1:10),
  list(x = -5:5, width = 4), list(x = pi, digits = 3), list(x = c(pi, exp(1)), digits = 10), list(x = 2/3, nsmall = 10),
  list(x = 1e10), list(x = 1e5), list(x = 100000), list(x = 0.1 + 0.2, digits = 17), list(x = NA), list(x = NaN),
  list(x = c(a = 1, b = 22)), list(x = 1e-300), list(x = -1.5), list(x = 12345.6789, nsmall = 2), list(x = 0.000012345),
  list(x = 123456789012), list(x = c(1, 1000000), big.mark = ","), list(x = 42L, width = 6), list(x = "text", width = 8),
  list(x = c(0.1, 0.12, 0.123)), list(x = 1e5, scientific = TRUE), list(x = 31.4159, scientific = -2), list(x = 1e15, big.mark = ",")
)
for (fc in fcases) {
  x <- fc$x
  args <- fc[names(fc) != "x"]
  want <- do.call(format, c(list(x), args))
  extra <- list()
  for (k in names(args)) {
    v <- args[[k]]
    extra[[paste0("a_", gsub(".", "_", k, fixed = TRUE))]] <- if (is.logical(v)) v else if (is.numeric(v)) v else v
  }
  add("format", x, unname(want), extra)
}

## ---- formatC ---------------------------------------------------------------
fccases <- list(
  list(x = 3.14159, digits = 3, format = "f"), list(x = 3.14159, width = 10, format = "e"), list(x = 42L, width = 8, flag = "0"),
  list(x = 42L, width = 8, flag = "-"), list(x = c(1, 10, 100), width = 5), list(x = 123456789, big.mark = ",", format = "d"),
  list(x = 0.000123, format = "g"), list(x = 1e10, format = "g"), list(x = c(1.5, 2.25), format = "f", digits = 1),
  list(x = 5L, width = 3, flag = " "), list(x = "abc", width = 6), list(x = "abc", width = -6), list(x = "abc", flag = "-", width = 6),
  list(x = 3.14159), list(x = 1234.5678, format = "E", digits = 2), list(x = 255L, format = "d"), list(x = -7.5, format = "f", digits = 0),
  list(x = c(1.123456789, 1000), format = "g", digits = 4), list(x = 2.5, format = "f", digits = 0), list(x = 1e-5, format = "fg", digits = 3),
  list(x = 3.14159, format = "fg", digits = 3), list(x = 100, format = "fg", digits = 2), list(x = 12345, format = "G", digits = 3),
  list(x = 1L, width = 5, format = "d", flag = "0"), list(x = -1.5, width = 8, format = "f", flag = "0", digits = 2),
  list(x = 1.5, format = "f", digits = 2, flag = "+"), list(x = NA_real_, width = 5), list(x = c(10L, NA, 3L), width = 4),
  list(x = c(1, NA, Inf), digits = 3), list(x = c(2.5, -Inf), digits = 2, format = "f"), list(x = NaN), list(x = c(1, NA), width = -6),
  list(x = 123.456, width = 0, digits = 2, format = "f"), list(x = 1e6, digits = 8, format = "d", big.mark = ","),
  list(x = c(0.001234, 123.4), format = "fg", digits = 2, width = 8), list(x = 1234567.1, format = "f", digits = 1, big.mark = "'")
)
for (fc in fccases) {
  x <- fc$x
  args <- fc[names(fc) != "x"]
  want <- do.call(formatC, c(list(x), args))
  extra <- list()
  for (k in names(args)) extra[[paste0("a_", gsub(".", "_", k, fixed = TRUE))]] <- args[[k]]
  add("formatC", x, unname(want), extra)
}

## ---- sprintf ---------------------------------------------------------------
spcases <- list(
  list("%d", 42L), list("%5d", 42L), list("%-5d|", 42L), list("%05d", -42L), list("%+d", 42L), list("% d", 42L),
  list("%d", 3), list("%i", c(1L, NA, 3L)), list("%x", 255L), list("%X", 255L), list("%o", 8L), list("%#x", 255L),
  list("%s", "abc"), list("%10s|", "abc"), list("%-10s|", "abc"), list("%.2s", "abc"), list("%s", 1.5), list("%s", 1/3),
  list("%s", 1e5), list("%s", 123456L), list("%s", TRUE), list("%s", NA), list("%f", pi), list("%.2f", pi), list("%10.4f", -pi),
  list("%e", 123456.789), list("%.3e", 0.000123456), list("%E", 1e-300), list("%g", 123456.789), list("%g", 1234567.89),
  list("%g", 0.0001), list("%g", 0.00001), list("%g", 100), list("%.3g", 3.14159), list("%#g", 1), list("%#.3g", 1),
  list("%g", 1e-20), list("%G", 1e-20), list("%.10g", 1/3), list("%5.1f%%", 45.25), list("%%"), list("%.0f", 0.5), list("%.0f", 1.5),
  list("%.0f", 2.5), list("%.2f", 2.675), list("%.1f", 0.05), list("%5s", NA), list("%f", NA_real_), list("%d", NA_integer_),
  list("%.3f", c(1, 22.5, NA, Inf, -Inf, NaN)), list("%5.2e", 12345), list("%g", 1e15), list("%g", 1e16), list("%g", 123456),
  list("%g", 1234567), list("%.15g", 0.1), list("%.17g", 0.1), list("%+.2e", 1), list("% .3f", 2), list("%08.3f", -3.14159),
  list("%-8.3f|", 3.14159), list("%+5d", -3L), list("%.0e", 12345), list("%#.0e", 12345), list("%#.0f", 3), list("%a", 1),
  list("Value: %s and more", "x"), list("%s is %d years", "Al"), list("%5.3s|", "abcdef"), list("%3d|", 12345L)
)
for (sc in spcases) {
  fmtstr <- sc[[1]]
  if (length(sc) == 1) {
    want <- sprintf(fmtstr)
    add("sprintf", character(0), want, list(fmt = fmtstr))
  } else {
    x <- sc[[2]]
    if (fmtstr == "%s is %d years") { want <- sprintf(fmtstr, "Al", 30L); add("sprintf2", "Al", want, list(fmt = fmtstr, y = 30)); next }
    want <- tryCatch(sprintf(fmtstr, x), error = function(e) paste0("ERROR: ", conditionMessage(e)))
    add("sprintf", x, want, list(fmt = fmtstr))
  }
}

## ---- sprintf with several arguments, vectorised formats, * and n$ -------
enc_arg <- function(x) paste0("{\"kind\":", jstr(kind(x)), ",\"x\":", enc_values(x), "}")
sp_multi <- list(
  list(c("%d", "%5d"), 7L), list("%d%s", 1:3, c("a", "b", "c")), list("%2$s %1$s", "a", "b"), list("%*d|", 5, 42L),
  list("%-*d|", 5, 42L), list("%s=%.2f", c("a", "b"), c(1, 2.345)), list("%s", character(0)), list("%05s|%-05d|%+s|% 5s|%5.1s|%#o|%#X|%.0d|%x", "ab", 3L, "x", "y", "abc", 8L, 255L, 0L, -1L),
  list("%5.2f%%", c(1, NA, Inf)), list("%s", c(1.5, NA, 2)), list("%s and %s", "x", c("y", "z")), list("%3$s %1$s %2$s", "a", "b", "c"),
  list("%d items", 3), list("%.1f", 1:3), list("%s", c(TRUE, NA)), list("%d", c(TRUE, FALSE)), list("%o|%x|%X", 64L, 3735928559, 48879L),
  list("%*d", 100000L, 1L), list("%d", "a"), list("%s %s", "a"), list("%y", 1)
)
for (sc in sp_multi) {
  f <- sc[[1]]; a <- sc[-1]
  want <- tryCatch(do.call(sprintf, c(list(f), a)), error = function(e) paste0("ERROR: ", conditionMessage(e)))
  cases <<- c(cases, paste0("{\"op\":\"sprintfv\",\"kind\":\"character\",\"x\":", enc_values(f), ",\"args\":[",
    paste(vapply(a, enc_arg, ""), collapse = ","), "],\"want\":", jarr(jstr(want)), "}"))
}

## ---- max.print ---------------------------------------------------------------
old <- options(max.print = 20)
add("print", 1:30, printed(1:30), list(maxprint = 20))
add("print", matrix(1:40, 10), printed(matrix(1:40, 10)), list(maxprint = 20))
add("print", matrix(1:38, 19), printed(matrix(1:38, 19)), list(maxprint = 20))
add("print", array(1:60, c(3, 4, 5)), printed(array(1:60, c(3, 4, 5))), list(maxprint = 20))
add("print", setNames(1:25, paste0("n", 1:25)), printed(setNames(1:25, paste0("n", 1:25))), list(maxprint = 20))
options(old)

## ---- factors and data frames -----------------------------------------------
enc_col <- function(x) {
  if (is.factor(x)) paste0("{\"kind\":\"integer\",\"x\":", enc_values(as.integer(x)), ",\"levels\":", jarr(jstr(levels(x))), ",\"ordered\":", tolower(is.ordered(x)), "}")
  else enc_arg(x)
}
add_factor <- function(f, width = 80) {
  old <- options(width = width); on.exit(options(old))
  want <- printed(f)
  cases <<- c(cases, paste0("{\"op\":\"factor\",\"kind\":\"integer\",\"x\":", enc_values(as.integer(f)),
    ",\"levels\":", jarr(jstr(levels(f))), ",\"ordered\":", tolower(is.ordered(f)),
    if (!is.null(names(f))) paste0(",\"names\":", jarr(jstr(names(f)))) else "",
    ",\"width\":", width, ",\"want\":", jstr(want), "}"))
}
add_factor(factor(c("lo", "hi", "lo")))
add_factor(factor(c("lo", "hi", NA, "lo")))
add_factor(factor(character(0)))
add_factor(factor(paste0("level", 1:40)))
add_factor(factor(c("a", "b"), ordered = TRUE))
add_factor(factor(c("x", "y"), levels = c("y", "x", "z")))
add_factor(factor(sample(letters, 50, TRUE)))
add_factor(factor(paste0("a_rather_long_level_name_", 1:12)), width = 60)
add_factor(factor(c("p", "q"), levels = c("p", "q", paste0("lvl", 1:30)), ordered = TRUE))
add_factor(setNames(factor(c("u", "v")), c("n1", "n2")))
add_df <- function(df) {
  want <- printed(df)
  rn <- attr(df, "row.names")
  cases <<- c(cases, paste0("{\"op\":\"dataframe\",\"kind\":\"character\",\"x\":[],\"cols\":[",
    paste(vapply(df, enc_col, ""), collapse = ","), "],\"colnames\":", jarr(jstr(names(df))),
    if (is.character(rn)) paste0(",\"rownames\":", jarr(jstr(rn))) else "",
    ",\"nrow\":", nrow(df), ",\"want\":", jstr(want), "}"))
}
add_df(data.frame(x = 1:3, y = c("a", "b", "c")))
add_df(data.frame(x = c(1.5, NA, 3), y = c("a", NA, "ccc"), z = c(TRUE, FALSE, NA)))
add_df(data.frame(n = c(1e-10, 1, 1000), f = factor(c("u", "v", "u"))))
add_df(data.frame(a = 1:2, row.names = c("first", "second")))
add_df(data.frame(long_column_name = c(-1, 2), b = c("x", "yyyyyy")))
add_df(data.frame(x = rnorm(12), y = runif(12) * 1e6, k = sample(letters, 12)))
add_df(data.frame())
add_df(data.frame(x = integer(0), y = character(0)))

## ---- str() of atomic vectors ------------------------------------------------
strs <- list(5, numeric(0), c(a = 1, b = 2), 1:20, rnorm(20), c(1.5, 2, NA), letters, c(TRUE, NA, FALSE, TRUE, TRUE, TRUE, FALSE, FALSE),
             "a", NA, 1e10, c(0.001234, 12345678), character(0), paste0("long string number ", 1:30), 1:3, c(x = "u"),
             seq(0, 1, 0.1), 100:200, c(1e-20, 1), c(3.14159, 2.71828), integer(0), logical(0), c(a = TRUE), c("a\nb", NA),
             strrep("z", 200), (1:12) / 4, c(-1, 0, 1) * 1e5, 2^(1:15))
for (x in strs) add("str", x, paste(capture.output(str(x)), collapse = "\n"))

## ---- deparse() of atomic vectors --------------------------------------------
add_deparse <- function(x) {
  f <- c(paste0("\"op\":\"deparse\",\"kind\":", jstr(kind(x))), paste0("\"x\":", enc_values(unname(x))))
  if (!is.null(names(x))) f <- c(f, paste0("\"dnames\":", enc_values(names(x))))
  f <- c(f, paste0("\"want\":", jarr(jstr(deparse(x)))))
  cases <<- c(cases, paste0("{", paste(f, collapse = ","), "}"))
}
dps <- list(1:3, c(1L, 3L), 5L, NA_integer_, c(NA_integer_, NA), c(1L, NA), 1.5, c(1, 2, 3), NA_real_, c(NA_real_, NA), c(1, NA),
  NaN, c(Inf, -Inf), 1/3, 1e-20, 1e5, 123456789012, TRUE, NA, c(TRUE, NA), "a\"b\n", NA_character_, c("a", NA),
  c(NA_character_, NA), numeric(0), integer(0), character(0), logical(0), c(a = 1, b = 2), c(a = 1L, b = 2L), c(`a b` = 1),
  setNames(1:2, c("a", "")), setNames(numeric(0), character(0)), seq(0.5, 40), 1:100 + 0L, -1, c(-1.5, 2), 2:1, -3:-1,
  c(a = TRUE), setNames(1:2, c(NA, "b")), c("if" = 1, "TRUE" = 2, "x.y" = 3, "_a" = 4, "..1" = 5, "f" = 6),
  setNames(c(1, 2), c("a", "")), setNames(c(1.5, 2), c(NA, "b")), c(a = 1L, b = 5L), setNames(c(1, 2), c("", "")), c(a = NA),
  c(a = NA_real_), c(a = "x", b = NA), setNames(1L, "a"), c(a = 1L, b = NA), 1e15, 1e16, 0.1 + 0.2, 100, 2^31, -0.5, 1e-300,
  123456.7, pi, c(1e10, 1), c(0.1, 123456), setNames(5:7, c("a", "b", "c")), c(1L, 2L, 4L), seq(1000.5, by = 1000, length.out = 30),
  letters, setNames(1:26 + 0.5, LETTERS), c(TRUE, FALSE, NA, TRUE, TRUE, FALSE, TRUE, FALSE, FALSE, TRUE, TRUE, TRUE, NA, NA, FALSE),
  paste0("a_fairly_long_string_", 1:5), c(.5, -.25), c("\u00e9", "\t"))
for (x in dps) add_deparse(x)

## ---- prettyNum -------------------------------------------------------------
for (v in c(1234567, 1234.5678, 123, 1e6, 1234567890)) add("prettyNum", v, prettyNum(v, big.mark = ","), list(a_big_mark = ","))
for (v in list(c(123456, 1e6), c("1234567", "12"), 1234567L, c(1.5, 22222.25), c("  12345", "1"), c(TRUE, NA)))
  add("prettyNumVec", v, prettyNum(v, big.mark = ","))

## ---- round() and signif() --------------------------------------------------
rvals <- c(0.15, 0.25, 0.35, 2.675, 1.005, 0.5, 1.5, 2.5, -0.5, -1.5, 1e-300, 123456789.123, 0.1 + 0.2, 1/3, -2/3, pi, 12345.6789,
           0.045, 5.5, 6.5, -2.5, 1e15 + 0.3, 0.285, 0.995, 99.995, 1234.5, 9.99999, 1e300, 5e-324, 0.0001234567)
rvals <- c(rvals, runif(40) * 10^sample(-6:6, 40, TRUE), rnorm(20) * 1000,
           (floor(runif(80) * 1e6) + 0.5) / 10^sample(1:7, 80, TRUE), -(floor(runif(20) * 1e4) + 0.5) / 10^sample(1:4, 20, TRUE),
           1.234e-310, 3.3e-320, 2.5e-308, 1.23456e-305, 1.23456e305, 1.5e308, 9.99e307, -4.4e307, runif(5) * 1e-306, runif(5) * 1e307)
for (v in rvals) {
  add("round", v, sprintf("%a", round(v, -2:8)))
  add("signif", v, sprintf("%a", signif(v, c(1:8, 15, 22))))
}

cat("[\n", paste(cases, collapse = ",\n"), "\n]\n", sep = "")
