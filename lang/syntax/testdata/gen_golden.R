# Regenerates golden.txt from cases.txt with GNU R (the oracle):
#   cd lang/syntax/testdata && Rscript gen_golden.R [--no-script] [output file, default golden.txt]
# For each case it records R's parse tree (a Lisp-like dump), deparse()
# output and warnings, or the syntax error as parse(text=) reports it and,
# for errors, the message Rscript prints when running the case as a file.
options(warn = 1)
source(file.path(dirname(sub("^--file=", "", grep("^--file=", commandArgs(FALSE), value = TRUE)[1])), "dump_tree.R"))
args <- commandArgs(trailingOnly = TRUE)
no_script <- "--no-script" %in% args  # skip the Rscript run per error case
args <- setdiff(args, "--no-script")
cases <- readLines("cases.txt", encoding = "UTF-8")
cases <- cases[nzchar(cases) & !startsWith(cases, "//")]
out <- character()
for (cs in cases) {
  src <- gsub("\u00b6", "\n", cs, fixed = TRUE)
  out <- c(out, paste("###", cs))
  warns <- character()
  r <- withCallingHandlers(
    tryCatch(parse(text = src, keep.source = FALSE, encoding = "UTF-8"),
             error = function(e) e),
    warning = function(w) { warns <<- c(warns, conditionMessage(w)); invokeRestart("muffleWarning") })
  if (inherits(r, "error")) {
    out <- c(out, paste0("!error ", strsplit(conditionMessage(r), "\n")[[1]]))
    if (!no_script) {
      tf <- tempfile(fileext = ".R")
      writeLines(src, tf, useBytes = TRUE)
      se <- suppressWarnings(system2("Rscript", tf, stdout = FALSE, stderr = TRUE))
      se <- se[se != "Execution halted"]
      if (length(se) && startsWith(se[1], "Error: "))
        out <- c(out, paste0("!script ", sub("^Error: ", "", se)))
      unlink(tf)
    }
  } else {
    for (e in as.list(r)) {
      out <- c(out, paste("@@", dump_tree(e)), deparse(e))
    }
  }
  for (w in warns) out <- c(out, paste("!warning", w))
}
writeLines(enc2utf8(out), if (length(args)) args[1] else "golden.txt", useBytes = TRUE)
