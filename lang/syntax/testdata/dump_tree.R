# dump_tree(e): R's parse tree of e as the Lisp-like text that
# lang/syntax's Dump (golden_test.go) renders for torchr's trees. Sourced by
# gen_golden.R and gen_corpus.R.
dump_tree <- function(e) {
  if (is.call(e)) {
    fn <- e[[1]]
    if (identical(fn, as.name("function"))) {
      f <- e[[2]]
      parts <- character()
      for (n in names(f)) {
        parts <- c(parts, if (identical(f[[n]], quote(expr=))) paste0(n, "=")
                          else paste0(n, "=", dump_tree(f[[n]])))
      }
      return(paste0("(function [", paste(parts, collapse = " "), "] ", dump_tree(e[[3]]), ")"))
    }
    args <- as.list(e)[-1]
    nm <- names(args)
    parts <- vapply(seq_along(args), function(i) {
      v <- if (identical(args[[i]], quote(expr=))) "<empty>" else dump_tree(args[[i]])
      if (!is.null(nm) && nm[i] != "") paste0(nm[i], "=", v) else v
    }, "")
    paste0("(", dump_tree(fn), if (length(parts)) " " else "", paste(parts, collapse = " "), ")")
  } else if (is.name(e)) {
    paste0("`", as.character(e), "`")
  } else {
    paste(deparse(e), collapse = " ")
  }
}
