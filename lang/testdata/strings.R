# String functions: nchar, substr, strsplit, paste, case, trimws, startsWith...
#---- nchar_basic
nchar("hello")
nchar(c("a", "bb", "", NA))
nchar(123)
nchar(c(one = "x", two = "yy"))
nchar(character(0))
#---- nchar_type
nchar("h\u00e9llo", type = "chars")
nchar("h\u00e9llo", type = "bytes")
nchar(NA)
nchar(NA_character_)
nchar(TRUE)
#---- substr_basic
substr("abcdef", 2, 4)
substr(c("hello", "world"), 1, 3)
substr("abc", 0, 10)
substr("abc", 3, 2)
substr(NA, 1, 2)
substring("abcdef", 1:3, 3:5)
substring("abcdef", 2)
substring("abcdef", 1:6, 1:6)
#---- substr_assign
x <- "abcdef"
substr(x, 2, 3) <- "ZZ"
x
y <- c("hello", "world")
substr(y, 1, 1) <- "J"
y
#---- strsplit_basic
strsplit("a,b,c", ",")
strsplit(c("a b", "c d e"), " ")
strsplit("abc", "")
strsplit("a1b22c", "[0-9]+")
strsplit("a.b.c", ".", fixed = TRUE)
strsplit("a.b.c", "\\.")
strsplit(c(x = "a-b"), "-")
#---- strsplit_edge
strsplit("", " ")
strsplit(NA_character_, "a")
strsplit(",a,,b,", ",")
strsplit("a  b", " +")
unlist(strsplit("2024-01-15", "-"))
#---- paste_basic
paste("a", "b")
paste("a", "b", sep = "")
paste0("x", 1:3)
paste(c("a", "b"), collapse = "+")
paste("a", 1:3, c("x", "y", "z"), sep = "_")
paste0("a", c("b", "c"), collapse = "|")
#---- paste_zero_length
paste()
paste(character(0))
paste(character(0), collapse = "")
paste("a", character(0))
paste0("x", NULL)
paste(c("a", NA))
#---- paste_coercion
paste(1.5, TRUE, NA, 2L)
paste(1/3)
paste(1e6)
paste(123456789)
paste(0.1 + 0.2)
paste(list(1, "a", TRUE))
paste(c(a = "x"), "y")
#---- paste_recycle
paste(c("a", "b", "c"), 1:2)
paste("p", 1:2, sep = "", collapse = ", ")
#---- case
toupper("Hello World")
tolower(c("ABC", "DeF", NA))
casefold("ABC")
casefold("abc", upper = TRUE)
#---- trimws
trimws("  hi  ")
trimws("  hi  ", which = "left")
trimws("  hi  ", which = "right")
trimws(c(" a", "b ", "\t c \n"))
#---- starts_ends
startsWith("hello", "he")
startsWith(c("apple", "banana", NA), "a")
endsWith("file.txt", ".txt")
endsWith(c("a.R", "b.py"), ".R")
#---- tostring
toString(1:5)
toString(c("a", "b"), collapse = "; ")
toString(character(0))
#---- chartr
chartr("abc", "xyz", "aabbcc")
chartr("lo", "01", "hello world")
#---- rev_string_idiom
paste(rev(strsplit("hello", "")[[1]]), collapse = "")
#---- sprintf_basic
sprintf("%d items", 3L)
sprintf("%5.2f", pi)
sprintf("%s is %d years", "Al", 30L)
sprintf("%e", 12345.6789)
sprintf("%g", 1e-5)
sprintf("%g", 123456789)
sprintf("%x %X %o", 255L, 255L, 8L)
sprintf("%%")
sprintf("%5s|%-5s|", "ab", "cd")
sprintf("%05d", 42L)
sprintf("%+d", 5L)
sprintf("%.3s", "abcdef")
#---- sprintf_vectorised
sprintf("x%d", 1:3)
sprintf("%s-%s", c("a", "b"), c("x", "y"))
sprintf("%d: %s", 1:2, "same")
sprintf("%s", list("a", 1, TRUE))
sprintf(character(0))
sprintf("%d", integer(0))
#---- sprintf_types
sprintf("%d", 3)
sprintf("%s", 1.5)
sprintf("%s", 1/3)
sprintf("%f", 1L)
sprintf("%s", TRUE)
sprintf("%d", TRUE)
sprintf("%5.1f%%", 45.678)
sprintf("%s", NA)
sprintf("%d", NA_integer_)
sprintf("%f", NA_real_)
sprintf("%.2f", c(1, NA, Inf, -Inf, NaN))
sprintf("%5s", NA)
#---- sprintf_star_and_positional
sprintf("%*d", 5, 42L)
sprintf("%2$s %1$s", "world", "hello")
#---- sprintf_errors
sprintf("%d", 1.5) ### "invalid format '%d'; use format %f, %e, %g or %a for numeric objects"
#---- sprintf_too_few
sprintf("%s %s", "a") ### "too few arguments"
#---- format_numbers
format(3.14159)
format(3.14159, nsmall = 2)
format(2, nsmall = 2)
format(1234567.891, big.mark = ",")
format(c(1, 10, 100))
format(0.000012345)
format(1e10)
format(123.456, digits = 2)
format(TRUE)
format(c(TRUE, FALSE, NA))
format(NA)
format(-1.5)
#---- format_width_justify
format("a", width = 5)
format(c("a", "bbb", "cc"))
format("x", justify = "right", width = 4)
format(c("a", "bbb"), justify = "centre")
format(42L, width = 6)
format(3.5, width = 8)
format(c(a = 1.5, b = 10))
#---- format_list_and_null
format(list(1, "a", TRUE))
format(NULL)
format(c(1.123456789, 2.1), digits = 3)
#---- format_scientific
format(123456, scientific = TRUE)
format(0.0001234, scientific = FALSE)
format(1e-20)
format(1e5)
format(100000)
format(1e5, scientific = FALSE)
#---- formatC_basic
formatC(3.14159, digits = 3, format = "f")
formatC(3.14159, width = 10, format = "f")
formatC(42, width = 8, flag = "0")
formatC(c(1, 10, 100), width = 5)
formatC("abc", width = 6)
formatC("abc", width = -6)
formatC(123456789, big.mark = ",", format = "d")
formatC(0.000123, format = "e", digits = 2)
formatC(1.5, format = "g")
formatC(c(1.5, 2.25), format = "f", digits = 1)
formatC(5L)
formatC(-1.2, flag = " ")
#---- prettyNum
prettyNum(1234567, big.mark = ",")
prettyNum(123, big.mark = ",")
prettyNum(c(123456, 1e6), big.mark = ",")
#---- format_round_trip
x <- c(0.1, 0.25, 100)
format(x, nsmall = 1)
as.numeric(format(0.5))
#---- sprintf_long_vector_names
x <- c(a = 1, b = 2)
sprintf("%.1f", x)
#---- strtoi_and_chars
strtoi("ff", 16L)
strtoi("777", 8L)
strtoi("101", base = 2)
utf8ToInt("A")
intToUtf8(c(72, 105))
intToUtf8(c(72, 105), multiple = TRUE)
#---- sprintf_padding_strings
sprintf("%-10s|", "left")
sprintf("%10s|", "right")
formatC("mid", width = 9, flag = "-")
#---- noquote_and_quotes
noquote("no quotes")
noquote(c("a", "b"))
sQuote("x", FALSE)
dQuote("x", FALSE)
shQuote("it's")
#---- encodeString
encodeString("a\nb")
encodeString("x", quote = '"')
#---- strrep
strrep("ab", 3)
strrep("-", 0:3)
strrep(c("a", "b"), 2)
#---- rev_sort_strings
sort(c("banana", "apple", "Cherry"))
toupper(letters[1:5])
LETTERS[24:26]
month.name[1:2]
month.abb[12]
#---- sprintf_fmt_vector
sprintf(c("%d apples", "%d pears"), 3L)
sprintf(c("a=%s", "b=%s", "c=%s"), c("x", "y", "z"))
sprintf("%s has %d", c("Ann", "Bob"), c(1L, 2L))
#---- sprintf_widths_flags
sprintf("%-8.3f|", 3.14159)
sprintf("%+.2e", 12345.678)
sprintf("% d", 42L)
sprintf("%#x", 255L)
sprintf("%o", 64L)
sprintf("%G", 1e-10)
sprintf("%10.4s|", "abcdefgh")
sprintf("%i", 7L)
#---- sprintf_percent_literal
sprintf("100%% sure")
sprintf("%d%%", 50L)
#---- paste_factor_and_list
paste(factor(c("lo", "hi")), 1:2)
paste(list(1:2, "a"))
paste("x", NULL, "y")
paste(c("a", "b"), collapse = NULL)
#---- substr_unicode
substr("h\u00e9llo w\u00f6rld", 2, 7)
nchar("\u00e9\u00e8\u00ea")
toupper("\u00e9cole")
#---- strsplit_perl_and_multi
strsplit("a1b2c3", "[0-9]", perl = TRUE)
strsplit(c("a-b", "c_d"), c("-", "_"))
strsplit("a||b", "|", fixed = TRUE)
strsplit("one  two", " ")
#---- formatC_more
formatC(3.14159, digits = 2, format = "e")
formatC(c(1, 22, 333), width = 6, flag = "-")
formatC(1e6, format = "d", big.mark = ",")
formatC(c(-1, 1), flag = "+")
formatC(12.3456, format = "g", digits = 3)
#---- format_more
format(c(0.001234, 123.4))
format(1e-300)
format(-0.5, nsmall = 2)
format(123L, width = 2)
format(c(a = "x", b = "yy"), width = 4)
format(NA_character_)
format(c(1.5, NA))
format(Inf)
#---- trimws_custom
trimws("..abc..", whitespace = "[.]")
trimws(c(a = " x "))
#---- chartr_ranges
chartr("a-c", "A-C", "abcdef")
#---- string_padding_formatC
formatC(c("a", "bb", "ccc"), width = 5)
formatC(c("a", "bb", "ccc"), width = -5)
formatC(c("a", "bb", "ccc"), flag = "-", width = 5)
#---- sprintf_width_counts_bytes
sprintf("%5s|", "é")
sprintf("%-4s|", "ñ")
formatC("é", width = 4)
format("é", width = 3)
#---- sprintf_precision_counts_bytes
sprintf("%.2s|", "éa")
sprintf("%-5.2s|", "éab")
sprintf("%*s|", 5, "é")
sprintf("%5s|", "abc")
#---- strtoi_bases
strtoi("077", 0L); strtoi("0x1A", 0L); strtoi("12", 0L); strtoi("0x1A", 16L); strtoi(" 12"); strtoi("12abc")
strtoi(c("10", "077", "0xff"), 10L); strtoi("-12"); strtoi("zz", 36L); strtoi(NA)
#---- hexmode_octmode
as.hexmode(c(1, 255))
format(as.hexmode(c(1, 255)))
as.octmode(8)
format(as.hexmode(10), width = 4)
format(as.hexmode(255), upper.case = TRUE)
x <- as.hexmode("ff")
x
as.integer(x)
class(x)
#---- sprintf_format_more
sprintf("Name: %-10s Age: %3d", c("Al", "Barbara"), c(30L, 4L))
formatC(c(1, 10, 100), width = 6, format = "d", flag = "0")
formatC(3.14159, format = "g", digits = 10); formatC(1e-10, format = "e", digits = 2); formatC(123.456, format = "f", digits = 0)
format(c(1.123, 22.45678), digits = 2, nsmall = 1); format(1/3, digits = 3); format(2/3, nsmall = 2); format(1e6, big.mark = ",", scientific = FALSE)
format(c(a = 1.5, b = 10)); format(NULL); format(NA_real_, nsmall = 2); format(Inf); format(c(0.1, 0.123456789), digits = 3)
prettyNum(123456789, big.mark = ","); format(1234.5678, big.mark = ",", nsmall = 2); sprintf("%.1f%%", 12.345)
sprintf("%s", c(1.5, 2, NA)); sprintf("%5.2e", 0.000123); sprintf("[%*s]", -6, "ab"); sprintf("%+.2f", c(-1, 1)); sprintf("%g", 123456789); sprintf("%#.3g", 1)
paste0("a", 1:2, c("x", "y", "z")); paste("x", character(0)); paste(NULL); paste(list(a = 1, b = "c"), collapse = "|")
sprintf("%s", factor("lvl")); sprintf("%d", factor(c("b", "a"))); sprintf("%s and %d", factor("z"), factor("z")); sprintf("%5s|", factor(c("a", NA)))
format(factor(c("a", "bb"))); format(c(TRUE, FALSE, NA)); sprintf("%.3s", 12345); sprintf("%5s", TRUE); sprintf("%08.2f", -pi)
#---- formatC_bad_format
formatC(0.5, format = "%") ### "'format' must be one of"
