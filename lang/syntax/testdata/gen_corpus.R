# Writes a large parity corpus into the directory given as the first
# argument: the R sources of every closure in base, stats and utils (as
# deparse() prints them) plus the .R files shipped with the installed R,
# and corpus_golden.txt with R's parse tree dump and deparse() of every
# top-level expression of each file. Used by TestRCorpusLive.
args <- commandArgs(trailingOnly = TRUE)
dir <- args[1]
source(file.path(dirname(sub("^--file=", "", grep("^--file=", commandArgs(FALSE), value = TRUE)[1])), "dump_tree.R"))
for (pkg in c("base", "stats", "utils")) {
  ns <- asNamespace(pkg)
  out <- character()
  for (n in sort(ls(ns, all.names = TRUE))) {
    f <- get(n, envir = ns)
    if (is.function(f) && typeof(f) == "closure")
      out <- c(out, paste0("`", gsub("`", "\\\\`", n), "` <- ", paste(deparse(f), collapse = "\n")))
  }
  writeLines(out, file.path(dir, paste0("fns_", pkg, ".R")))
}
files <- c(list.files(R.home("library"), pattern = "\\.R$", recursive = TRUE, full.names = TRUE),
           list.files(R.home("share"), pattern = "\\.R$", recursive = TRUE, full.names = TRUE),
           list.files(dir, pattern = "^fns_.*\\.R$", full.names = TRUE))
out <- character()
for (f in files) {
  ex <- tryCatch(parse(f, keep.source = FALSE, encoding = "UTF-8"), error = function(e) NULL)
  if (is.null(ex)) next
  out <- c(out, paste("### FILE", normalizePath(f)))
  for (e in as.list(ex)) out <- c(out, paste("@@", dump_tree(e)), deparse(e))
}
writeLines(out, file.path(dir, "corpus_golden.txt"))
