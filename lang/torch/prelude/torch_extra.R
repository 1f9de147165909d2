# torch_* functions of R torch that are compositions of the core's ops.
# dim arguments are 1-based and returned indices 1-based, as in R torch;
# each is also a tensor method (x$movedim(...)) through the $ fallback.

.dim1 <- function(x, dim) if (dim < 0) x$dim() + dim + 1 else dim

torch_cross <- function(self, other, dim = NULL) {
  if (is.null(dim)) {
    dim <- which(self$shape == 3)[1]
    if (is.na(dim)) stop("no dimension of size 3 in input")
  }
  dim <- .dim1(self, dim)
  if (self$size(dim) != 3) stop("linalg.cross: inputs dimension ", dim, " must have length 3. Got ", self$size(dim), " and ", other$size(dim))
  a <- self$unbind(dim)
  b <- other$unbind(dim)
  torch_stack(list(a[[2]] * b[[3]] - a[[3]] * b[[2]],
                   a[[3]] * b[[1]] - a[[1]] * b[[3]],
                   a[[1]] * b[[2]] - a[[2]] * b[[1]]), dim = dim)
}

torch_cdist <- function(x1, x2, p = 2, compute_mode = NULL) {
  d <- x1$unsqueeze(-2) - x2$unsqueeze(-3)
  torch_norm(d, p = p, dim = -1)
}

torch_dist <- function(self, other, p = 2) {
  torch_norm(self - other, p = p)
}

torch_kron <- function(self, other) {
  n <- max(self$dim(), other$dim())
  a <- self$reshape(c(rep(1, n - self$dim()), self$shape))
  b <- other$reshape(c(rep(1, n - other$dim()), other$shape))
  sa <- a$shape
  sb <- b$shape
  ai <- a$reshape(as.vector(rbind(sa, 1)))
  bi <- b$reshape(as.vector(rbind(1, sb)))
  (ai * bi)$reshape(sa * sb)
}

torch_tensordot <- function(a, b, dims = 2) {
  if (is.list(dims)) {
    da <- sapply(dims[[1]], function(d) .dim1(a, d))
    db <- sapply(dims[[2]], function(d) .dim1(b, d))
  } else {
    da <- if (dims > 0) seq(a$dim() - dims + 1, a$dim()) else integer(0)
    db <- if (dims > 0) seq_len(dims) else integer(0)
  }
  if (length(da) != length(db)) stop("both dimension lists should have same length")
  fa <- setdiff(seq_len(a$dim()), da)
  fb <- setdiff(seq_len(b$dim()), db)
  k <- prod(a$shape[da])
  am <- a$permute(c(fa, da))$reshape(c(prod(a$shape[fa]), k))
  bm <- b$permute(c(db, fb))$reshape(c(k, prod(b$shape[fb])))
  torch_mm(am, bm)$reshape(c(a$shape[fa], b$shape[fb]))
}

torch_inner <- function(self, other) {
  if (self$dim() == 0 || other$dim() == 0) return(self * other)
  torch_tensordot(self, other, list(self$dim(), other$dim()))
}

torch_ger <- function(self, vec2) torch_outer(self, vec2)

torch_deg2rad <- function(self) self * (pi / 180)
torch_rad2deg <- function(self) self * (180 / pi)

torch_true_divide <- function(self, other) torch_div(self, other)
torch_floor_divide <- function(self, other) torch_div(self, other, rounding_mode = "floor")

torch_logaddexp <- function(self, other) {
  m <- torch_maximum(self, other)
  m + torch_log1p(torch_exp(-torch_abs(self - other)))
}

torch_logaddexp2 <- function(self, other) {
  m <- torch_maximum(self, other)
  m + torch_log1p(torch_pow(2, -torch_abs(self - other))) / log(2)
}

torch_hypot <- function(self, other) torch_sqrt(self * self + other * other)

torch_xlogy <- function(self, other) {
  r <- self * torch_log(other)
  r$masked_fill((self == 0) & !torch_isnan(other), 0)
}

torch_sgn <- function(self) torch_sign(self)

torch_sinc <- function(self) {
  px <- self * pi
  torch_where(self == 0, torch_ones_like(self), torch_sin(px) / px)
}

torch_signbit <- function(self) {
  if (!self$dtype$is_floating_point) return(self < 0)
  (self < 0) | ((self == 0) & (1 / self < 0))
}

torch_heaviside <- function(self, values) {
  torch_where(self == 0, values$expand_as(self), (self > 0)$to(dtype = self$dtype))
}

torch_clip <- function(self, min = NULL, max = NULL) torch_clamp(self, min, max)
torch_clamp_min <- function(self, min) torch_clamp(self, min = min)
torch_clamp_max <- function(self, max) torch_clamp(self, max = max)

torch_movedim <- function(self, source, destination) {
  n <- self$dim()
  src <- sapply(source, function(d) .dim1(self, d))
  dst <- sapply(destination, function(d) .dim1(self, d))
  if (length(src) != length(dst)) stop("movedim: Invalid source or destination dims: source (", length(src), " dims) should contain the same number of dims as destination (", length(dst), " dims)")
  perm <- rep(NA_integer_, n)
  perm[dst] <- src
  perm[is.na(perm)] <- setdiff(seq_len(n), src)
  self$permute(perm)
}

torch_moveaxis <- torch_movedim

torch_swapaxes <- function(self, axis0, axis1) self$transpose(axis0, axis1)
torch_swapdims <- torch_swapaxes

torch_rot90 <- function(self, k = 1L, dims = c(1, 2)) {
  if (length(dims) != 2) stop("expected total rotation dims == 2, but got dims = ", length(dims))
  k <- k %% 4
  d1 <- dims[1]
  d2 <- dims[2]
  switch(k + 1,
    self$clone(),
    self$flip(d2)$transpose(d1, d2),
    self$flip(c(d1, d2)),
    self$flip(d1)$transpose(d1, d2)
  )
}

torch_fliplr <- function(self) self$flip(2)
torch_flipud <- function(self) self$flip(1)

torch_is_floating_point <- function(self) self$dtype$is_floating_point
torch_is_complex <- function(self) FALSE
torch_is_nonzero <- function(self) {
  if (self$numel() != 1) stop("Boolean value of Tensor with more than one value is ambiguous")
  self$item() != 0
}

torch_std_mean <- function(self, dim, unbiased = TRUE, keepdim = FALSE) {
  if (missing(dim)) {
    list(torch_std(self, unbiased = unbiased), torch_mean(self))
  } else {
    list(torch_std(self, dim = dim, unbiased = unbiased, keepdim = keepdim),
         torch_mean(self, dim = dim, keepdim = keepdim))
  }
}

torch_var_mean <- function(self, dim, unbiased = TRUE, keepdim = FALSE) {
  if (missing(dim)) {
    list(torch_var(self, unbiased = unbiased), torch_mean(self))
  } else {
    list(torch_var(self, dim = dim, unbiased = unbiased, keepdim = keepdim),
         torch_mean(self, dim = dim, keepdim = keepdim))
  }
}

# values and (1-based) indices of the running max/min along dim; ties take
# the later index, as PyTorch does
.cum_extreme <- function(self, dim, better) {
  dim <- .dim1(self, dim)
  n <- self$size(dim)
  sl <- self$unbind(dim)
  vals <- vector("list", n)
  idx <- vector("list", n)
  for (i in seq_len(n)) {
    if (i == 1) {
      vals[[i]] <- sl[[1]]
      idx[[i]] <- torch_ones_like(sl[[1]], dtype = torch_long())
    } else {
      take <- better(sl[[i]], vals[[i - 1]]) | torch_isnan(sl[[i]])
      vals[[i]] <- torch_where(take, sl[[i]], vals[[i - 1]])
      idx[[i]] <- torch_where(take, torch_full_like(idx[[i - 1]], i), idx[[i - 1]])
    }
  }
  list(values = torch_stack(vals, dim), indices = torch_stack(idx, dim))
}

torch_cummax <- function(self, dim) .cum_extreme(self, dim, function(a, b) a >= b)
torch_cummin <- function(self, dim) .cum_extreme(self, dim, function(a, b) a <= b)

torch_logcumsumexp <- function(self, dim) {
  m <- self$max()$detach()
  torch_log(torch_cumsum(torch_exp(self - m), dim = dim)) + m
}

torch_diagflat <- function(self, offset = 0) torch_diag(self$flatten(), offset)

torch_block_diag <- function(tensors) {
  ts <- lapply(tensors, function(t) {
    if (t$dim() == 0) t$reshape(c(1, 1)) else if (t$dim() == 1) t$reshape(c(1, t$size(1))) else t
  })
  rows <- sum(sapply(ts, function(t) t$size(1)))
  cols <- sum(sapply(ts, function(t) t$size(2)))
  out <- torch_zeros(rows, cols, dtype = ts[[1]]$dtype)
  r <- 0
  c <- 0
  for (t in ts) {
    h <- t$size(1)
    w <- t$size(2)
    if (h > 0 && w > 0) out[(r + 1):(r + h), (c + 1):(c + w)] <- t
    r <- r + h
    c <- c + w
  }
  out
}

torch_column_stack <- function(tensors) {
  torch_hstack(lapply(tensors, function(t) if (t$dim() <= 1) t$reshape(c(-1, 1)) else t))
}

torch_row_stack <- function(tensors) torch_vstack(tensors)

torch_dstack <- function(tensors) {
  torch_cat(lapply(tensors, function(t) {
    if (t$dim() == 0) t$reshape(c(1, 1, 1))
    else if (t$dim() == 1) t$reshape(c(1, -1, 1))
    else if (t$dim() == 2) t$unsqueeze(3)
    else t
  }), dim = 3)
}

torch_matrix_power <- function(self, n) {
  if (n == 0) {
    eye <- torch_eye(self$size(-1), dtype = self$dtype)
    return(eye$expand_as(self)$clone())
  }
  if (n < 0) {
    self <- torch_inverse(self)
    n <- -n
  }
  out <- self
  if (n > 1) for (i in 2:n) out <- torch_matmul(out, self)
  out
}

torch_chain_matmul <- function(matrices) Reduce(torch_mm, matrices)

torch_addr <- function(self, vec1, vec2, beta = 1, alpha = 1) {
  beta * self + alpha * torch_outer(vec1, vec2)
}

torch_addmv <- function(self, mat, vec, beta = 1, alpha = 1) {
  beta * self + alpha * torch_mv(mat, vec)
}

torch_addbmm <- function(self, batch1, batch2, beta = 1, alpha = 1) {
  beta * self + alpha * torch_bmm(batch1, batch2)$sum(1)
}

torch_pinverse <- function(self, rcond = 1e-15) {
  s <- linalg_svd(self, full_matrices = FALSE)
  sv <- s[[2]]
  cutoff <- rcond * sv$max(dim = -1, keepdim = TRUE)[[1]]
  inv <- torch_where(sv > cutoff, 1 / sv, torch_zeros_like(sv))
  torch_matmul(s[[3]]$transpose(-2, -1) * inv$unsqueeze(-2), s[[1]]$transpose(-2, -1))
}

# rows are variables, columns observations
torch_cov <- function(self, correction = 1, fweights = NULL, aweights = NULL) {
  x <- if (self$dim() < 2) self$reshape(c(1, -1)) else self
  n <- x$size(2)
  w <- NULL
  if (!is.null(fweights)) w <- fweights
  if (!is.null(aweights)) w <- if (is.null(w)) aweights else w * aweights
  if (is.null(w)) {
    avg <- x$mean(dim = 2, keepdim = TRUE)
    norm <- n - correction
    xm <- x - avg
    c <- torch_mm(xm, xm$t()) / norm
  } else {
    wsum <- w$sum()
    avg <- (x * w)$sum(dim = 2, keepdim = TRUE) / wsum
    norm <- if (correction == 0) wsum else if (is.null(aweights)) wsum - correction else wsum - correction * (w * aweights)$sum() / wsum
    xm <- x - avg
    c <- torch_mm(xm * w, xm$t()) / norm
  }
  c <- torch_clamp(c, min = -Inf)
  if (self$dim() < 2) c$squeeze() else c
}

torch_corrcoef <- function(self) {
  c <- torch_cov(self)
  if (c$dim() == 0) return(c / c)
  d <- torch_diagonal(c)
  sd <- torch_sqrt(d)
  c <- c / sd$unsqueeze(2)
  c <- c / sd$unsqueeze(1)
  torch_clamp(c, -1, 1)
}

torch_histc <- function(self, bins = 100L, min = 0L, max = 0L) {
  x <- self$flatten()$detach()
  lo <- min
  hi <- max
  if (lo == 0 && hi == 0 && x$numel() > 0) {
    lo <- x$min()$item()
    hi <- x$max()$item()
  }
  if (lo == hi) {
    lo <- lo - 1
    hi <- hi + 1
  }
  inside <- x[(x >= lo) & (x <= hi)]
  b <- torch_floor((inside - lo) * bins / (hi - lo))$to(dtype = torch_long())
  b <- torch_clamp(b, max = bins - 1)
  counts <- torch_zeros(bins, dtype = self$dtype)
  if (b$numel() > 0) counts <- counts$index_add(1, b + 1L, torch_ones_like(inside))
  counts
}

torch_reduction_none <- function() 0L
torch_reduction_mean <- function() 1L
torch_reduction_sum <- function() 2L

torch_range <- function(start, end, step = 1, dtype = NULL, device = NULL, requires_grad = FALSE) {
  n <- floor((end - start) / step) + 1
  out <- torch_arange(0, n - 1, dtype = if (is.null(dtype)) torch_get_default_dtype() else dtype) * step + start
  if (requires_grad) out$requires_grad_(TRUE)
  out
}

torch_kthvalue <- function(self, k, dim = -1L, keepdim = FALSE) {
  s <- self$sort(dim = dim)
  d <- .dim1(self, dim)
  values <- s[[1]]$narrow(d, k, 1)
  indices <- s[[2]]$narrow(d, k, 1)
  if (!keepdim) {
    values <- values$squeeze(d)
    indices <- indices$squeeze(d)
  }
  list(values, indices)
}

torch_mvlgamma <- function(self, p) {
  out <- torch_lgamma(self) + (p * (p - 1) / 4) * log(pi)
  if (p > 1) for (i in 1:(p - 1)) out <- out + torch_lgamma(self - i / 2)
  out
}

# distances between all pairs of rows i < j, in row-major order
torch_pdist <- function(self, p = 2) {
  n <- self$size(1)
  if (n < 2) return(torch_empty(0, dtype = self$dtype))
  i <- unlist(lapply(seq_len(n - 1), function(k) rep(k, n - k)))
  j <- unlist(lapply(seq_len(n - 1), function(k) (k + 1):n))
  a <- self$index_select(1, torch_tensor(i, dtype = torch_long()))
  b <- self$index_select(1, torch_tensor(j, dtype = torch_long()))
  torch_norm(a - b, p = p, dim = 2)
}

# sub-tensors along dim whose p-norm exceeds maxnorm are scaled down to it
torch_renorm <- function(self, p, dim, maxnorm) {
  d <- .dim1(self, dim)
  others <- setdiff(seq_len(self$dim()), d)
  norms <- if (length(others)) torch_norm(self, p = p, dim = others, keepdim = TRUE) else self$abs()
  scale <- torch_where(norms > maxnorm, maxnorm / (norms + 1e-7), torch_ones_like(norms))
  self * scale
}

torch_trapz <- function(y, x, dx = 1, dim = -1) {
  d <- .dim1(y, dim)
  n <- y$size(d)
  if (n < 2) return(torch_zeros_like(y$sum(d)))
  y0 <- y$narrow(d, 1, n - 1)
  y1 <- y$narrow(d, 2, n - 1)
  if (missing(x)) return(((y0 + y1) * dx / 2)$sum(d))
  xd <- if (x$dim() == 1) x else x
  dxs <- torch_diff(xd, dim = if (x$dim() == 1) 1 else d)
  if (x$dim() == 1 && y$dim() > 1) {
    shape <- rep(1, y$dim())
    shape[d] <- n - 1
    dxs <- dxs$reshape(shape)
  }
  (dxs * (y0 + y1) / 2)$sum(d)
}
torch_trapezoid <- torch_trapz

torch_cosine_similarity <- function(x1, x2, dim = 2, eps = 1e-8) nnf_cosine_similarity(x1, x2, dim, eps)

# index tuples in lexicographic order: strictly increasing, or
# non-decreasing with replacement (itertools' order, as PyTorch)
.combos <- function(n, r, start, repl) {
  if (r == 0) return(list(integer(0)))
  if (start > n) return(list())
  out <- list()
  for (i in start:n) {
    rest <- .combos(n, r - 1, if (repl) i else i + 1, repl)
    out <- c(out, lapply(rest, function(z) c(i, z)))
  }
  out
}

torch_combinations <- function(self, r = 2L, with_replacement = FALSE) {
  n <- self$numel()
  cs <- .combos(n, r, 1, with_replacement)
  if (r == 0 || length(cs) == 0) return(torch_empty(0, dtype = self$dtype))
  out <- self$index_select(1, torch_tensor(unlist(cs), dtype = torch_long()))
  if (r == 1) out else out$reshape(c(length(cs), r))
}

torch_fmax <- function(self, other) {
  torch_where(torch_isnan(self), other, torch_where(torch_isnan(other), self, torch_maximum(self, other)))
}
torch_fmin <- function(self, other) {
  torch_where(torch_isnan(self), other, torch_where(torch_isnan(other), self, torch_minimum(self, other)))
}

torch_nansum <- function(self, dim, keepdim = FALSE, dtype = NULL) {
  x <- self$masked_fill(torch_isnan(self), 0)
  if (missing(dim)) torch_sum(x) else torch_sum(x, dim = dim, keepdim = keepdim)
}

torch_nanmean <- function(self, dim, keepdim = FALSE, dtype = NULL) {
  ok <- !torch_isnan(self)
  if (missing(dim)) torch_nansum(self) / ok$sum() else torch_nansum(self, dim, keepdim) / ok$sum(dim = dim, keepdim = keepdim)
}

# linear interpolation between the order statistics (PyTorch's default)
torch_quantile <- function(self, q, dim = NULL, keepdim = FALSE, interpolation = "linear") {
  if (!is_torch_tensor(q)) q <- torch_tensor(q, dtype = self$dtype)
  scalar_q <- q$dim() == 0
  q <- q$reshape(-1)
  x <- if (is.null(dim)) self$reshape(-1) else self
  d <- if (is.null(dim)) 1 else .dim1(self, dim)
  s <- x$sort(dim = d)[[1]]
  n <- x$size(d)
  pos <- q * (n - 1)
  lo <- torch_floor(pos)
  hi <- torch_ceil(pos)
  outs <- lapply(seq_len(q$numel()), function(i) {
    l <- lo[i]$item() + 1
    h <- hi[i]$item() + 1
    vl <- s$narrow(d, l, 1)
    vh <- s$narrow(d, h, 1)
    w <- pos[i]$item() - (l - 1)
    r <- switch(interpolation,
      linear = vl + (vh - vl) * w,
      lower = vl,
      higher = vh,
      nearest = if (round(pos[i]$item()) == l - 1) vl else vh,
      midpoint = (vl + vh) / 2
    )
    if (!keepdim || is.null(dim)) r <- r$squeeze(d)
    if (keepdim && is.null(dim)) r <- r$reshape(rep(1, self$dim()))
    r
  })
  if (scalar_q) outs[[1]] else torch_stack(outs, 1)
}

torch_vander <- function(x, N = NULL, increasing = FALSE) {
  if (is.null(N)) N <- x$size(1)
  pw <- torch_arange(0, N - 1, dtype = x$dtype)
  if (!increasing) pw <- pw$flip(1)
  if (N == 0) return(torch_empty(x$size(1), 0, dtype = x$dtype))
  x$unsqueeze(2)$pow(pw$unsqueeze(1))
}

torch_diag_embed <- function(self, offset = 0L, dim1 = -2L, dim2 = -1L) {
  m <- self$size(-1)
  n <- m + abs(offset)
  batch <- if (self$dim() > 1) self$shape[-self$dim()] else integer(0)
  out <- torch_zeros(c(batch, n, n), dtype = self$dtype)
  nd <- length(batch) + 2
  rows <- if (offset >= 0) seq_len(m) else seq_len(m) - offset
  cols <- if (offset >= 0) seq_len(m) + offset else seq_len(m)
  flat <- out$reshape(c(-1, n * n))
  idx <- torch_tensor((rows - 1) * n + cols, dtype = torch_long())
  flat <- flat$index_add(2, idx, self$reshape(c(-1, m)))
  out <- flat$reshape(c(batch, n, n))
  d1 <- if (dim1 < 0) nd + dim1 + 1 else dim1
  d2 <- if (dim2 < 0) nd + dim2 + 1 else dim2
  out$movedim(c(nd - 1, nd), c(d1, d2))
}

.window_arg <- function(window_length, periodic) if (periodic) window_length + 1 else window_length

torch_hann_window <- function(window_length, periodic = TRUE, dtype = NULL, layout = NULL, device = NULL, requires_grad = FALSE) {
  torch_hamming_window(window_length, periodic, alpha = 0.5, beta = 0.5, dtype = dtype, requires_grad = requires_grad)
}

torch_hamming_window <- function(window_length, periodic = TRUE, alpha = 0.54, beta = 0.46, dtype = NULL, layout = NULL, device = NULL, requires_grad = FALSE) {
  if (is.null(dtype)) dtype <- torch_get_default_dtype()
  if (window_length == 0) return(torch_empty(0, dtype = dtype))
  if (window_length == 1) return(torch_ones(1, dtype = dtype))
  n <- .window_arg(window_length, periodic)
  k <- torch_arange(0, window_length - 1, dtype = torch_float64())
  out <- (alpha - beta * torch_cos(k * (2 * pi / (n - 1))))$to(dtype = dtype)
  if (requires_grad) out$requires_grad_(TRUE)
  out
}

torch_bartlett_window <- function(window_length, periodic = TRUE, dtype = NULL, layout = NULL, device = NULL, requires_grad = FALSE) {
  if (is.null(dtype)) dtype <- torch_get_default_dtype()
  if (window_length == 0) return(torch_empty(0, dtype = dtype))
  if (window_length == 1) return(torch_ones(1, dtype = dtype))
  n <- .window_arg(window_length, periodic)
  k <- torch_arange(0, window_length - 1, dtype = torch_float64()) * (2 / (n - 1))
  out <- torch_where(k <= 1, k, 2 - k)$to(dtype = dtype)
  if (requires_grad) out$requires_grad_(TRUE)
  out
}

torch_blackman_window <- function(window_length, periodic = TRUE, dtype = NULL, layout = NULL, device = NULL, requires_grad = FALSE) {
  if (is.null(dtype)) dtype <- torch_get_default_dtype()
  if (window_length == 0) return(torch_empty(0, dtype = dtype))
  if (window_length == 1) return(torch_ones(1, dtype = dtype))
  n <- .window_arg(window_length, periodic)
  k <- torch_arange(0, window_length - 1, dtype = torch_float64()) * (pi / (n - 1))
  out <- (0.08 * torch_cos(4 * k) - 0.5 * torch_cos(2 * k) + 0.42)$to(dtype = dtype)
  if (requires_grad) out$requires_grad_(TRUE)
  out
}

torch_promote_types <- function(type1, type2) {
  (torch_zeros(1, dtype = type1) + torch_zeros(1, dtype = type2))$dtype
}

torch_result_type <- function(tensor1, tensor2) {
  a <- if (is_torch_tensor(tensor1)) tensor1$narrow(1, 1, 0)$reshape(if (tensor1$dim() == 0) integer(0) else c(0, rep(1, tensor1$dim() - 1))) else tensor1
  if (is_torch_tensor(tensor1) && tensor1$dim() == 0) a <- tensor1
  (a + tensor2)$dtype
}

# PyTorch's canCast: no floating to integral, no non-bool to bool
torch_can_cast <- function(from, to) {
  fl <- function(d) d$is_floating_point
  if (fl(from) && !fl(to)) return(FALSE)
  if (from != torch_bool() && to == torch_bool()) return(FALSE)
  TRUE
}

# erfinv: Giles' single-precision approximation, then two Newton steps on
# erf in double precision (PyTorch's kernel is a rational approximation;
# both are within float rounding)
torch_erfinv <- function(self) {
  x <- self$to(dtype = torch_float64())
  w <- -torch_log((1 - x) * (1 + x))
  small <- w < 5
  ws <- w - 2.5
  ps <- 2.81022636e-08
  for (c in c(3.43273939e-07, -3.5233877e-06, -4.39150654e-06, 0.00021858087, -0.00125372503,
              -0.00417768164, 0.246640727, 1.50140941)) ps <- c + ps * ws
  wl <- torch_sqrt(w) - 3
  pl <- -0.000200214257
  for (c in c(0.000100950558, 0.00134934322, -0.00367342844, 0.00573950773, -0.0076224613,
              0.00943887047, 1.00167406, 2.83297682)) pl <- c + pl * wl
  y <- torch_where(small, ps, pl) * x
  for (i in 1:2) {
    fine <- torch_isfinite(y)
    step <- (torch_erf(y) - x) / (2 / sqrt(pi) * torch_exp(-y * y))
    y <- torch_where(fine, y - step, y)
  }
  y <- torch_where(x == 1, Inf, torch_where(x == -1, -Inf, y))
  y$to(dtype = self$dtype)
}

# counts (or summed weights) of each value 1, 2, ..., max(self): R torch's
# bins start at 1
torch_bincount <- function(self, weights = list(), minlength = 0L) {
  if (self$dim() != 1 || self$dtype$is_floating_point) stop("bincount only supports 1-d non-negative integral inputs.")
  if (self$numel() > 0 && self$min()$item() < 1) stop("bincount only supports 1-d non-negative integral inputs.")
  n <- max(if (self$numel() > 0) self$max()$item() else 0, minlength)
  has_w <- is_torch_tensor(weights)
  w <- if (has_w) weights else torch_ones_like(self, dtype = torch_long())
  out <- torch_zeros(n, dtype = w$dtype)
  if (self$numel() > 0) out <- out$index_add(1, self$to(dtype = torch_long()), w)
  out
}

# insertion positions along the last dimension, as PyTorch returns them (R
# torch does not shift them: its reference example prints 1 3 4)
torch_searchsorted <- function(sorted_sequence, self, out_int32 = FALSE, right = FALSE, side = NULL, sorter = NULL) {
  if (!is.null(side)) right <- identical(side, "right")
  if (!is.null(sorter)) sorted_sequence <- sorted_sequence$gather(-1, sorter)
  v <- if (is_torch_tensor(self)) self else torch_tensor(self, dtype = sorted_sequence$dtype)
  s <- if (sorted_sequence$dim() == 1) sorted_sequence else sorted_sequence$unsqueeze(-2)
  cmp <- if (right) s <= v$unsqueeze(-1) else s < v$unsqueeze(-1)
  out <- cmp$sum(dim = -1)
  if (out_int32) out$to(dtype = torch_int()) else out
}

torch_bucketize <- function(self, boundaries, out_int32 = FALSE, right = FALSE) {
  torch_searchsorted(boundaries, self, out_int32 = out_int32, right = right)
}

torch_isposinf <- function(self) self == Inf
torch_isneginf <- function(self) self == -Inf
torch_isreal <- function(self) torch_ones_like(self, dtype = torch_bool())

# x$unfold(dimension, size, step): windows of `size` along `dimension`, in
# a new last dimension (PyTorch's Tensor.unfold)
torch_unfold <- function(self, dimension, size, step) {
  d <- .dim1(self, dimension)
  len <- self$size(d)
  if (size > len) stop("maximum size for tensor at dimension ", d, " is ", len, " but size is ", size)
  if (step <= 0) stop("step is ", step, " but must be > 0")
  n <- (len - size) %/% step + 1
  wins <- lapply(seq_len(n), function(i) self$narrow(d, (i - 1) * step + 1, size))
  torch_stack(wins, d)$movedim(d + 1, self$dim() + 1)
}

# x$fill_diagonal_(fill_value, wrap = FALSE): the main diagonal in place;
# with wrap, a tall matrix restarts the diagonal after a blank row (PyTorch)
torch_fill_diagonal_ <- function(self, fill_value, wrap = FALSE) {
  if (self$dim() < 2) stop("dimensions must larger than 1")
  n <- self$size(1)
  m <- self$size(2)
  if (self$dim() > 2 && any(self$shape != n)) stop("all dimensions of input must be of equal length")
  if (self$dim() == 2) {
    starts <- if (wrap && n > m + 1) seq(1, n, by = m + 1) else 1
    lin <- unlist(lapply(starts, function(s0) {
      rr <- s0:min(s0 + min(n, m) - 1, n)
      (rr - 1) * m + (rr - s0 + 1)
    }))
  } else {
    strides <- rev(cumprod(c(1, rev(self$shape)[-self$dim()])))
    lin <- sapply(seq_len(n), function(i) sum((i - 1) * strides) + 1)
  }
  mask <- torch_zeros(prod(self$shape), dtype = torch_bool())
  mask[lin] <- TRUE
  self$masked_fill_(mask$view(self$shape), fill_value)
  self
}
