# R torch's linalg_* functions (R/linalg.R) on the core's linalg ops.

linalg_det <- function(A) torch_linalg_det(A)
linalg_inv <- function(A) torch_linalg_inv(A)
linalg_inv_ex <- function(A, check_errors = FALSE) torch_linalg_inv_ex(A, check_errors)
linalg_slogdet <- function(A) torch_linalg_slogdet(A)
linalg_solve <- function(A, B) torch_linalg_solve(A, B)
linalg_qr <- function(A, mode = "reduced") torch_linalg_qr(A, mode)
linalg_cholesky <- function(A) torch_linalg_cholesky(A)
linalg_cholesky_ex <- function(A, check_errors = FALSE) torch_linalg_cholesky_ex(A, check_errors = check_errors)
linalg_svd <- function(A, full_matrices = TRUE) torch_linalg_svd(A, full_matrices)
linalg_svdvals <- function(A) torch_linalg_svd(A, FALSE)[[2]]
linalg_lstsq <- function(A, B, rcond = NULL, ..., driver = NULL) torch_linalg_lstsq(A, B, rcond, driver)
linalg_matrix_power <- function(A, n) torch_matrix_power(A, n)
linalg_multi_dot <- function(tensors) Reduce(torch_matmul, tensors)

linalg_vector_norm <- function(x, ord = 2, dim = NULL, keepdim = FALSE, dtype = NULL) {
  torch_linalg_vector_norm(x, ord, dim, keepdim, dtype)
}

linalg_matrix_norm <- function(A, ord = "fro", dim = c(-2, -1), keepdim = FALSE, dtype = NULL) {
  if (!is.null(dtype)) A <- A$to(dtype = dtype)
  if (length(dim) != 2) stop("linalg.matrix_norm: dim must be a 2-tuple. Got ", paste(dim, collapse = " "))
  d <- sapply(dim, function(i) if (i < 0) A$dim() + i + 1 else i)
  if (is.character(ord)) {
    if (ord == "fro") return(torch_linalg_vector_norm(A, 2, d, keepdim))
    if (ord != "nuc") stop("linalg.matrix_norm: Order ", ord, " not supported.")
    s <- linalg_svdvals(A$movedim(d, c(A$dim() - 1, A$dim())))$sum(-1)
  } else if (abs(ord) == 2) {
    s <- linalg_svdvals(A$movedim(d, c(A$dim() - 1, A$dim())))
    s <- if (ord > 0) s$max(dim = -1)[[1]] else s$min(dim = -1)[[1]]
  } else if (abs(ord) == 1 || is.infinite(ord)) {
    # 1: max column sum (sum over rows); Inf: max row sum
    sum_dim <- if (abs(ord) == 1) d[1] else d[2]
    keep_dim <- if (abs(ord) == 1) d[2] else d[1]
    sums <- A$abs()$sum(dim = sum_dim, keepdim = TRUE)
    s <- if (ord > 0) sums$amax(dim = keep_dim, keepdim = TRUE) else sums$amin(dim = keep_dim, keepdim = TRUE)
    if (!keepdim) s <- s$squeeze(max(d))$squeeze(min(d))
    return(s)
  } else {
    stop("linalg.matrix_norm: Order ", ord, " not supported.")
  }
  if (keepdim) s <- s$unsqueeze(min(d))$unsqueeze(max(d))
  s
}

linalg_norm <- function(A, ord = NULL, dim = NULL, keepdim = FALSE, dtype = NULL) {
  if (!is.null(dtype)) A <- A$to(dtype = dtype)
  if (is.null(ord)) {
    if (is.null(dim)) return(torch_linalg_vector_norm(A, 2, NULL, keepdim))
    if (length(dim) == 1) return(torch_linalg_vector_norm(A, 2, dim, keepdim))
    return(linalg_matrix_norm(A, "fro", dim, keepdim))
  }
  if (is.null(dim)) dim <- if (A$dim() == 1) 1 else if (A$dim() == 2) c(1, 2) else stop("linalg.norm: If dim is not specified but ord is, the input must be 1D or 2D. Got ", A$dim(), "D.")
  if (length(dim) == 1) torch_linalg_vector_norm(A, ord, dim, keepdim) else linalg_matrix_norm(A, ord, dim, keepdim)
}

linalg_pinv <- function(A, rcond = NULL, hermitian = FALSE, atol = NULL, rtol = NULL) {
  eps <- if (A$dtype == torch_float64()) .Machine$double.eps else 1.1920928955078125e-07
  if (is.null(rcond)) rcond <- if (is.null(rtol)) max(A$size(-1), A$size(-2)) * eps else rtol
  torch_pinverse(A, rcond)
}

linalg_matrix_rank <- function(A, ..., atol = NULL, rtol = NULL, tol = NULL, hermitian = FALSE) {
  s <- linalg_svdvals(A)
  smax <- s$amax(dim = -1, keepdim = TRUE)
  if (!is.null(tol)) {
    thr <- tol
  } else {
    eps <- if (A$dtype == torch_float64()) .Machine$double.eps else 1.1920928955078125e-07
    r <- if (is.null(rtol)) (if (is.null(atol) || atol == 0) max(A$size(-1), A$size(-2)) * eps else 0) else rtol
    thr <- torch_clamp(smax * r, min = if (is.null(atol)) 0 else atol)
  }
  (s > thr)$sum(dim = -1)
}
