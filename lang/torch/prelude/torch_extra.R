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
