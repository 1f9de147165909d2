# Regular expressions: grepl, grep, sub, gsub, regexpr, gregexpr, regmatches.
#---- grepl_basic
grepl("a", c("abc", "xyz", "bar"))
grepl("^a", c("abc", "bac"))
grepl("c$", c("abc", "cab"))
grepl("[0-9]", c("a1", "bb", "3"))
grepl("A", "abc", ignore.case = TRUE)
grepl(".", "abc", fixed = TRUE)
grepl("a", NA)
#---- grep_value
grep("a", c("abc", "xyz", "bar"))
grep("a", c("abc", "xyz", "bar"), value = TRUE)
grep("z", c("a", "b"))
grep("z", c("a", "b"), value = TRUE)
grep("b", c(x = "abc", y = "bcd", z = "q"), value = TRUE)
grep("a", c("A", "a"), ignore.case = TRUE, value = TRUE)
grep("a", c("abc", "xyz"), invert = TRUE, value = TRUE)
#---- sub_gsub
sub("a", "A", "banana")
gsub("a", "A", "banana")
gsub("[aeiou]", "", "hello world")
gsub(" +", " ", "too   many    spaces")
sub("^\\s+", "", "   lead")
gsub(".", "-", "a.b.c", fixed = TRUE)
gsub("\\.", "-", "a.b.c")
gsub("(\\w+)@(\\w+)", "\\2 at \\1", "user@example")
sub("(a)(b)", "\\2\\1", "abab")
gsub("o", "0", c("foo", "bar", NA))
#---- backrefs_case
gsub("(\\w)(\\w*)", "\\U\\1\\L\\2", "hello world", perl = TRUE)
gsub("\\b(\\w)", "\\U\\1", "the quick fox", perl = TRUE)
#---- posix_classes
gsub("[[:space:]]+", "_", "a b\tc\nd")
gsub("[[:punct:]]", "", "Hello, World!")
gsub("[[:digit:]]", "#", "a1b2c3")
grepl("^[[:alpha:]]+$", c("abc", "ab1", "ABC"))
gsub("[^[:alnum:]]", "", "a-b_c d!1")
gsub("[[:upper:]]", "U", "aBcD")
gsub("[[:lower:]]", "l", "aBcD")
#---- escapes_d_w_s
gsub("\\d", "N", "a1b22")
gsub("\\D", "", "tel: 555-1234")
gsub("\\s", "", " a b ")
gsub("\\W", "", "a.b,c!")
grepl("^\\w+$", c("abc_1", "a-b"))
gsub("\\d+", "<num>", "x12y345", perl = TRUE)
#---- regex_special
gsub("a|b", "X", "abcab")
gsub("(ab)+", "X", "ababab cab")
gsub("a{2,}", "X", "a aa aaa")
sub("a*", "X", "baaa")
gsub("a*", "-", "baaac")
gsub("^", "> ", c("line1", "line2"))
gsub("$", "!", "end")
gsub("", "-", "abc")
#---- greedy_lazy
sub("<.*>", "", "a<b>c<d>e")
sub("<.*?>", "", "a<b>c<d>e", perl = TRUE)
sub("<.*?>", "", "a<b>c<d>e")
#---- regexpr_basic
regexpr("o", "hello world")
regexpr("z", "abc")
regexpr("[0-9]+", c("ab12cd", "x", "123"))
#---- gregexpr_basic
gregexpr("o", "hello world foo")[[1]]
gregexpr("[0-9]+", "a1bb22ccc333")
#---- regmatches_basic
x <- c("a1b22", "no", "333")
regmatches(x, regexpr("[0-9]+", x))
regmatches(x, gregexpr("[0-9]+", x))
regmatches("key=value", regexpr("=", "key=value"), invert = TRUE)
#---- regmatches_words
s <- "The year 2023 and 1999 were good"
unlist(regmatches(s, gregexpr("[0-9]{4}", s)))
#---- fixed_special_chars
grepl("(", "a(b", fixed = TRUE)
sub("*", "star", "a*b", fixed = TRUE)
gsub("\\", "/", "a\\b\\c", fixed = TRUE)
gsub("[", "<", "a[1]", fixed = TRUE)
#---- perl_lookahead
gsub("(?<=a)b", "X", "ab cb ab", perl = TRUE)
grepl("^(?=.*\\d)(?=.*[a-z])", c("a1", "aa", "11"), perl = TRUE)
#---- regex_unicode
gsub("\u00e9", "e", "caf\u00e9")
nchar(gsub("[^a-z]", "", "abc\u00e9def"))
toupper("stra\u00dfe")
#---- invalid_regex
grepl("(", "a") ### "invalid regular expression"
#---- sprintf_regex_combo
vals <- c("x=1", "y=22", "z=333")
keys <- sub("=.*", "", vals)
nums <- as.numeric(sub(".*=", "", vals))
keys
nums
sprintf("%s:%03d", keys, as.integer(nums))
#---- grepl_vector_pattern_warning
grepl(c("a", "b"), "abc")
#---- regexpr_perl
regexpr("(?<num>\\d+)", "abc123def", perl = TRUE)
#---- sub_special_replacement
sub("b", "\\\\", "abc")
gsub("a", "&", "banana")
sub("(x)", "[\\1\\1]", "axb")
sub("b", "\\0", "abc", perl = TRUE)
#---- regexpr_fixed_and_icase
regexpr(".", "a.b", fixed = TRUE)
regexpr("B", "abc", ignore.case = TRUE)
gregexpr("a", "banana")[[1]]
#---- gsub_icase
gsub("HELLO", "bye", "hello Hello HELLO", ignore.case = TRUE)
sub("(?i)world", "R", "Hello WORLD", perl = TRUE)
#---- grep_factor_and_numbers
grepl("1", c(10, 21, 33))
grep("a", factor(c("apple", "berry", "avocado")))
sub("0", "o", 100)
#---- regmatches_gregexpr_words
x <- "alpha beta gamma"
m <- gregexpr("[a-z]+", x)
regmatches(x, m)[[1]]
regmatches(x, regexpr("b[a-z]+", x))
#---- gsub_backref_swap
gsub("([a-z]+)-([0-9]+)", "\\2:\\1", c("abc-123", "x-9", "none"))
sub("^(.)(.*)$", "\\2\\1", "hello")
#---- regex_anchors_multi
grepl("^abc$", c("abc", "abcd", "xabc"))
sub("^ +| +$", "", "  both  ")
gsub("^ +| +$", "", "  both  ")
#---- regex_word_boundary
gsub("\\bcat\\b", "dog", "cat concat cat's")
gsub("\\<a", "A", "an apple a day")
#---- regex_quantifier_braces
grepl("^a{2}$", c("a", "aa", "aaa"))
gsub("[0-9]{2,3}", "#", "1 12 123 1234")
#---- regex_dot_newline
gsub(".", "x", "a\nb")
grepl("a.b", "a\nb")
#---- perl_lookaround_more
gsub("(?<=[a-z])(?=[A-Z])", " ", "camelCaseString", perl = TRUE)
regmatches("a1b22c333", gregexpr("(?<=[a-z])\\d+", "a1b22c333", perl = TRUE))[[1]]
sub("(?<!\\d)(\\d{2})(?!\\d)", "[\\1]", "1 22 333 44", perl = TRUE)
grepl("^(?!.*bad).*$", c("good", "badness", "ok"), perl = TRUE)
gsub("(\\d)(?=(\\d{3})+$)", "\\1,", "1234567", perl = TRUE)
strsplit("a1b2c3", "(?<=\\d)", perl = TRUE)
#---- pattern_backreferences
gsub("(\\w)\\1", "<\\1\\1>", "aabbcdde")
grepl("^(\\w+) \\1$", c("hey hey", "hey you"))
gsub("\\b(\\w+)\\s+\\1\\b", "\\1", "the the cat sat sat down", perl = TRUE)
gsub("([[:alpha:]])\\1+", "\\1", "aaabbbcccd")
#---- gregexpr_empty_matches
gregexpr("a*", "baaac")[[1]]
regmatches("baaac", gregexpr("a*", "baaac"))
gregexpr("", "ab")[[1]]
gregexpr("^a", "aaa")[[1]]
#---- sprintf_formatC_errors
sprintf("%s", quote(x)) ### "invalid type of argument\\[1\\]: 'symbol'"
#---- unicode_posix_classes
gsub("[[:alpha:]]", "x", "é1ü")
gsub("[[:alpha:]]", "x", "é1ü", perl = TRUE)
gsub("\\w", "x", "é1ü")
gsub("\\w", "x", "é1ü", perl = TRUE)
gsub("[[:upper:]]", "x", "ÉaB")
gsub("[^[:alpha:]]", "", "héllo wörld 42")
gsub("[[:punct:]]", "x", "a«b»,")
gsub("\\d", "D", "1٣")
#---- regexec_groups
m <- regexec("(\\w+)@(\\w+)", c("me@host", "none", "a@b"))
m
regmatches(c("me@host", "none", "a@b"), m)
regexec("a(x)?b", "ab")
regmatches("ab", regexec("a(x)?b", "ab"))
regexec("(\\d+)-(\\d+)", c("10-20", "x"))
#---- regex_perl_more
gsub("(?<=a)b", "X", "abab", perl = TRUE); gsub("a(?=b)", "_", "abac", perl = TRUE)
unlist(strsplit("a1b2c3", "(?<=[0-9])", perl = TRUE))
strsplit("CamelCaseString", "(?<=[a-z])(?=[A-Z])", perl = TRUE)[[1]]
strtrim("abcdef", 3); strtrim(c("abc", "defgh"), c(1, 4))
encodeString("a\nb"); encodeString("x", quote = '"'); shQuote("it's"); dQuote("q", FALSE); sQuote("q", FALSE)
as.character(1e-4); as.character(123456.1); as.character(1e15); as.character(0.1 + 0.2); as.character(1/3)
