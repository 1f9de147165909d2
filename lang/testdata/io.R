# Output and input: cat, print, writeLines, readLines, readline, source, message.
#---- cat_basic
cat("hello", "world\n")
cat("a", "b", sep = "")
cat("\n")
cat("x", "y", "z", sep = ", ")
cat("\n")
cat(1:5, "\n")
cat("multi\n", "line\n")
#---- cat_numbers
cat(pi, "\n")
cat(1/3, 2/3, "\n")
cat(1e-20, 1e5, 100000, 123456789, 1234567890, "\n")
cat(0.1 + 0.2, 1e15, 1e16, "\n")
cat(123456.7, 1234567.8, "\n")
cat(-1.5, 3L, NA, Inf, -Inf, NaN, "\n")
cat(2^31, 1e-5, 0.0001, "\n")
cat(100, 1e2, 15, "\n")
#---- cat_logical_null
cat(TRUE, FALSE, NA, "\n")
cat(NULL)
cat(character(0))
cat(NULL, "after null\n")
cat(NA_character_, "\n")
#---- cat_sep_vector
cat(1:4, sep = c("+", "-"))
cat("\n")
cat("a", "b", "c", sep = "\n")
cat("\n")
#---- cat_fill
cat("one", "two", "three", fill = TRUE)
cat(paste("word", 1:12), fill = 30)
cat(1:3, fill = TRUE, labels = "lbl:")
#---- cat_factor_and_names
cat(c(a = 1, b = 2), "\n")
cat(factor(c("x", "y")), "\n")
#---- cat_error_list_arg
cat(list(1, list(2))) ### "argument 1 \\(type 'list'\\) cannot be handled by 'cat'"
#---- cat_stderr
cat("to stdout\n")
cat("to stderr\n", file = stderr())
#---- cat_append_no_newline
cat("no newline at end")
#---- writeLines_basic
writeLines("hello")
writeLines(c("a", "b", "c"))
writeLines(c("x", "y"), sep = " ")
writeLines("")
writeLines(character(0))
writeLines("to stdout", con = stdout())
writeLines("tab\there")
#---- writeLines_error
writeLines(1:3) ### "can only write character objects"
#---- file_roundtrip
f <- tempfile(fileext = ".txt")
file.exists(f)
writeLines(c("line one", "line two", "3"), f)
file.exists(f)
readLines(f)
length(readLines(f))
readLines(f, n = 1)
invisible(file.remove(f))
file.exists(f)
#---- cat_to_file
f <- tempfile()
cat("first\n", file = f)
cat("second\n", file = f, append = TRUE)
readLines(f)
unlink(f)
#---- readLines_missing_file
suppressWarnings(tryCatch(readLines("/nonexistent/file/xyz"), error = function(e) "cannot open"))
#---- readLines_no_trailing_newline
f <- tempfile()
cat("a\nb", file = f)
suppressWarnings(readLines(f))
unlink(f)
#---- source_file
f <- tempfile(fileext = ".R")
writeLines(c("sourced_var <- 40 + 2", "sourced_fn <- function() 'from file'"), f)
source(f)
sourced_var
sourced_fn()
unlink(f)
#---- source_value_not_printed
f <- tempfile(fileext = ".R")
writeLines(c("1 + 1", "x <- 5"), f)
r <- source(f)
r$value
unlink(f)
#---- source_echo_print
f <- tempfile(fileext = ".R")
writeLines(c("cat('side effect\\n')", "print('printed')"), f)
source(f)
unlink(f)
#---- readline_noninteractive
x <- readline("Enter: ")
x
nchar(x)
#---- readline_no_prompt
y <- readline()
identical(y, "")
#---- print_forms
print(1:3)
print("text")
print(NULL)
print(list(a = 1))
print(c(a = 1.5))
x <- print("returned")
x
#---- message_vs_cat
message("to stderr")
cat("to stdout\n")
message("multi", " ", "part")
message(sprintf("%.2f", pi))
#---- message_appendLF
message("no newline", appendLF = FALSE)
message(" - continued")
#---- print_noquote
print(letters[1:3], quote = FALSE)
print(noquote("plain"))
#---- format_and_cat_alignment
x <- c(1.5, 10.25, 100)
cat(format(x), sep = "\n")
cat(formatC(x, width = 8, format = "f", digits = 1), sep = "\n")
cat(sprintf("%-6s%6.2f\n", c("a", "bb"), c(1, 22.5)), sep = "")
#---- toupper_cat
cat(toupper("done"), "\n")
#---- cat_fill_labels
cat(1:10, fill = 12, labels = paste0("(", 1:3, ")"))
cat("a", "b", fill = TRUE)
#---- cat_numbers_digits_option
options(digits = 4)
cat(pi, 1/3, 123456.789, "\n")
options(digits = 7)
cat(pi, "\n")
#---- cat_sep_newline_terminator
cat(1, sep = "\n")
cat("a", "b", sep = "\n")
cat(character(0), sep = "\n")
#---- writeLines_file_sep
f <- tempfile()
writeLines(c("a", "b"), f, sep = ";")
readLines(f, warn = FALSE)
unlink(f)
#---- readLines_n_zero
f <- tempfile()
writeLines(c("x", "y", "z"), f)
readLines(f, n = 0)
readLines(f, n = 2)
unlink(f)
#---- dir_create_list_files
d <- file.path(tempdir(), "torchr_case_dir")
dir.create(d)
dir.exists(d)
writeLines("x", file.path(d, "b.txt"))
writeLines("yy", file.path(d, "a.R"))
list.files(d)
list.files(d, pattern = "\\.R$")
basename(list.files(d, full.names = TRUE))
file.size(file.path(d, "a.R"))
file.copy(file.path(d, "a.R"), file.path(d, "c.R"))
list.files(d)
file.rename(file.path(d, "c.R"), file.path(d, "d.R"))
list.files(d)
suppressWarnings(dir.create(d))
unlink(d, recursive = TRUE)
dir.exists(d)
#---- csv_read_write
read.csv(text = "a,b,c\n1,TRUE,x\n2,FALSE,\"y, z\"\nNA,NA,NA")
str(read.csv(text = "a,b\n1.5,\n2,q"))
read.csv(text = "n,v\n1,\"he said \"\"hi\"\"\"")
read.table(text = "x y\n1 2\n3 4", header = TRUE)
read.table(text = "1 a\n2 b")
write.csv(data.frame(a = c(1.5, NA), b = c("p\"q", NA), f = factor(c("u", "v"))))
write.table(data.frame(a = 1:2, b = c("x", "y")), quote = FALSE, sep = ",", row.names = FALSE)
write.table(data.frame(a = 1:2, b = c("x", "y")))
write.csv(data.frame(a = 1:2), row.names = FALSE)
str(read.csv(text = "id,score\na1,0.5\na2,1e-3", stringsAsFactors = TRUE))
read.csv(text = "a;b\n1;2", sep = ";")
#---- csv_file_round_trip
tf <- tempfile(fileext = ".csv")
df <- data.frame(a = 1:3, b = c("x", "y", "z"), c = c(1.5, NA, 3))
write.csv(df, tf, row.names = FALSE)
readLines(tf)
d2 <- read.csv(tf)
d2
identical(d2$b, df$b)
write.table(df, tf, sep = "\t", quote = FALSE)
read.table(tf, header = TRUE, sep = "\t")
unlink(tf)
