# More of R torch's functional interface (nnf_*) and the modules on it,
# written on the core's ops. Formulas follow PyTorch's kernels (the order of
# the float operations too, so values match bit for bit where it can).

nnf_hardtanh <- function(input, min_val = -1, max_val = 1, inplace = FALSE) {
  if (inplace) torch_hardtanh_(input, min_val, max_val) else torch_hardtanh(input, min_val, max_val)
}

nnf_hardtanh_ <- function(input, min_val = -1, max_val = 1) {
  nnf_hardtanh(input, min_val, max_val, inplace = TRUE)
}

# PyTorch: min(max(x + 3, 0), 6) / 6
nnf_hardsigmoid <- function(input, inplace = FALSE) {
  out <- torch_hardtanh(input + 3, 0, 6) / 6
  if (inplace) input$copy_(out) else out
}

# PyTorch: x * min(max(x + 3, 0), 6) / 6
nnf_hardswish <- function(input, inplace = FALSE) {
  out <- input * torch_hardtanh(input + 3, 0, 6) / 6
  if (inplace) input$copy_(out) else out
}

nnf_hardshrink <- function(input, lambd = 0.5) {
  input$masked_fill((input >= -lambd) & (input <= lambd), 0)
}

nnf_softshrink <- function(input, lambd = 0.5) {
  if (lambd < 0) stop("lambda must be greater or equal to 0, but found to be ", lambd, ".")
  torch_where(input > lambd, input - lambd,
              torch_where(input < -lambd, input + lambd, torch_zeros_like(input)))
}

nnf_softsign <- function(input) {
  input / (input$abs() + 1)
}

nnf_tanhshrink <- function(input) {
  input - input$tanh()
}

# x <= threshold gives value (NaN stays NaN, as in PyTorch)
nnf_threshold <- function(input, threshold, value, inplace = FALSE) {
  if (inplace) input$masked_fill_(input <= threshold, value) else input$masked_fill(input <= threshold, value)
}

nnf_threshold_ <- function(input, threshold, value) {
  nnf_threshold(input, threshold, value, inplace = TRUE)
}

# PyTorch's log_sigmoid: min(x, 0) - log1p(exp(-|x|))
nnf_logsigmoid <- function(input) {
  torch_clamp(input, max = 0) - torch_log1p(torch_exp(-input$abs()))
}

nnf_glu <- function(input, dim = -1) {
  if (input$size(dim) %% 2 != 0) {
    stop("Halving dimension must be even, but dimension ", dim, " is size ", input$size(dim))
  }
  h <- input$chunk(2, dim)
  h[[1]] * torch_sigmoid(h[[2]])
}

# PyTorch's celu is elu with input_scale 1/alpha: expm1(x * (1/alpha)) * alpha
nnf_celu <- function(input, alpha = 1, inplace = FALSE) {
  if (alpha == 0) stop("ZeroDivisionError in CELU: alpha cannot be 0")
  out <- torch_where(input > 0, input, torch_expm1(input * (1 / alpha)) * alpha)
  if (inplace) input$copy_(out) else out
}

nnf_celu_ <- function(input, alpha = 1) {
  nnf_celu(input, alpha, inplace = TRUE)
}

# weight has one value or one per channel (dimension 2 of input)
nnf_prelu <- function(input, weight) {
  w <- weight
  if (weight$numel() > 1 && input$dim() >= 2) {
    shape <- rep(1, input$dim())
    shape[2] <- weight$numel()
    w <- weight$reshape(shape)
  }
  torch_where(input > 0, input, w * input)
}

nnf_rrelu <- function(input, lower = 1 / 8, upper = 1 / 3, training = FALSE, inplace = FALSE) {
  if (training) {
    slope <- torch_empty_like(input)$uniform_(lower, upper)
    out <- torch_where(input >= 0, input, input * slope)
  } else {
    out <- nnf_leaky_relu(input, (lower + upper) / 2)
  }
  if (inplace) input$copy_(out) else out
}

nnf_rrelu_ <- function(input, lower = 1 / 8, upper = 1 / 3, training = FALSE) {
  nnf_rrelu(input, lower, upper, training, inplace = TRUE)
}

nnf_relu_ <- function(input) nnf_relu(input, inplace = TRUE)
nnf_selu_ <- function(input) nnf_selu(input, inplace = TRUE)
nnf_elu_ <- function(input, alpha = 1) nnf_elu(input, alpha, inplace = TRUE)

nnf_softmin <- function(input, dim, dtype = NULL) {
  if (is.null(dtype)) (-input)$softmax(dim) else (-input)$to(dtype = dtype)$softmax(dim)
}

nnf_one_hot <- function(tensor, num_classes = -1) {
  torch_one_hot(tensor, num_classes)
}

nnf_normalize <- function(input, p = 2, dim = 2, eps = 1e-12, out = NULL) {
  denom <- input$norm(p, dim, keepdim = TRUE)$clamp(min = eps)$expand_as(input)
  if (is.null(out)) input / denom else out$copy_(input / denom)
}

# PyTorch 1.13: x1.x2 / sqrt(clamp_min(|x1|^2 * |x2|^2, eps^2))
nnf_cosine_similarity <- function(x1, x2, dim = 2, eps = 1e-8) {
  w12 <- torch_sum(x1 * x2, dim = dim)
  w1 <- torch_sum(x1 * x1, dim = dim)
  w2 <- torch_sum(x2 * x2, dim = dim)
  n12 <- torch_sqrt(torch_clamp(w1 * w2, min = eps * eps))
  w12 / n12
}

nnf_pairwise_distance <- function(x1, x2, p = 2, eps = 1e-6, keepdim = FALSE) {
  torch_norm(x1 - x2 + eps, p = p, dim = max(x1$dim(), x2$dim()), keepdim = keepdim)
}

nnf_pad <- function(input, pad, mode = "constant", value = NULL) {
  if (is.null(value)) value <- 0
  if (mode == "constant") torch_pad(input, pad, mode, value) else torch_pad(input, pad, mode)
}

nnf_interpolate <- function(input, size = NULL, scale_factor = NULL, mode = "nearest",
                            align_corners = FALSE, recompute_scale_factor = NULL) {
  if (mode %in% c("nearest", "area")) align_corners <- NULL
  torch_interpolate(input, size = size, scale_factor = scale_factor, mode = mode,
                    align_corners = align_corners, recompute_scale_factor = recompute_scale_factor)
}

# channels (dimension 2) are zeroed whole
nnf_dropout2d <- function(input, p = 0.5, training = TRUE, inplace = FALSE) {
  if (p < 0 || p > 1) stop("dropout probability has to be between 0 and 1, but got ", p)
  if (!training || p == 0) return(input)
  shape <- input$shape
  shape[-(1:2)] <- 1
  keep <- torch_bernoulli(torch_full(shape, 1 - p, dtype = input$dtype))
  out <- if (p == 1) input * 0 else input * keep / (1 - p)
  if (inplace) input$copy_(out) else out
}

nnf_dropout3d <- function(input, p = 0.5, training = TRUE, inplace = FALSE) {
  nnf_dropout2d(input, p, training, inplace)
}


# --- losses ---

.nnf_reduce <- function(x, reduction) {
  switch(reduction,
    none = x,
    mean = x$mean(),
    sum = x$sum(),
    stop(reduction, " is not a valid value for reduction")
  )
}

nnf_margin_ranking_loss <- function(input1, input2, target, margin = 0, reduction = "mean") {
  .nnf_reduce(torch_clamp(-target * (input1 - input2) + margin, min = 0), reduction)
}

nnf_hinge_embedding_loss <- function(input, target, margin = 1, reduction = "mean") {
  margin_clamp <- torch_clamp(margin - input, min = 0)
  out_margin <- torch_where(target != 1, margin_clamp, torch_zeros_like(margin_clamp))
  out_self <- torch_where(target != -1, input, torch_zeros_like(input))
  .nnf_reduce(out_margin + out_self, reduction)
}

nnf_soft_margin_loss <- function(input, target, reduction = "mean") {
  .nnf_reduce(torch_log1p(torch_exp(-target * input)), reduction)
}

# PyTorch 1.13's cosine_embedding_loss (EPSILON = 1e-12)
nnf_cosine_embedding_loss <- function(input1, input2, target, margin = 0, reduction = "mean") {
  d <- input1$dim()
  prod_sum <- (input1 * input2)$sum(d)
  mag_square1 <- (input1 * input1)$sum(d) + 1e-12
  mag_square2 <- (input2 * input2)$sum(d) + 1e-12
  denom <- (mag_square1 * mag_square2)$sqrt()
  cos <- prod_sum / denom
  zeros <- torch_zeros_like(cos)
  pos <- 1 - cos
  neg <- (cos - margin)$clamp(min = 0)
  out_pos <- torch_where(target == 1, pos, zeros)
  out_neg <- torch_where(target == -1, neg, zeros)
  .nnf_reduce(out_pos + out_neg, reduction)
}

nnf_triplet_margin_loss <- function(anchor, positive, negative, margin = 1, p = 2, eps = 1e-6,
                                    swap = FALSE, reduction = "mean") {
  d_pos <- nnf_pairwise_distance(anchor, positive, p, eps)
  d_neg <- nnf_pairwise_distance(anchor, negative, p, eps)
  if (swap) d_neg <- torch_minimum(d_neg, nnf_pairwise_distance(positive, negative, p, eps))
  .nnf_reduce(torch_clamp(margin + d_pos - d_neg, min = 0), reduction)
}

nnf_poisson_nll_loss <- function(input, target, log_input = TRUE, full = FALSE, eps = 1e-8,
                                 reduction = "mean") {
  if (log_input) {
    loss <- torch_exp(input) - target * input
  } else {
    loss <- input - target * torch_log(input + eps)
  }
  if (full) {
    approx <- target * torch_log(target) - target + 0.5 * torch_log(2 * pi * target)
    loss <- loss + approx$masked_fill(target <= 1, 0)
  }
  .nnf_reduce(loss, reduction)
}

nnf_multilabel_soft_margin_loss <- function(input, target, weight = NULL, reduction = "mean") {
  loss <- -(target * nnf_logsigmoid(input) + (1 - target) * nnf_logsigmoid(-input))
  if (!is.null(weight)) loss <- loss * weight
  loss <- loss$sum(dim = input$dim()) / input$size(input$dim())
  .nnf_reduce(loss, reduction)
}

# --- modules ---

nn_hardtanh <- nn_module(
  "nn_hardtanh",
  initialize = function(min_val = -1, max_val = 1, inplace = FALSE) {
    self$min_val <- min_val
    self$max_val <- max_val
    self$inplace <- inplace
  },
  forward = function(input) nnf_hardtanh(input, self$min_val, self$max_val, self$inplace)
)

nn_hardsigmoid <- nn_module(
  "nn_hardsigmoid",
  initialize = function() {},
  forward = function(input) nnf_hardsigmoid(input)
)

nn_hardswish <- nn_module(
  "nn_hardswish",
  initialize = function() {},
  forward = function(input) nnf_hardswish(input)
)

nn_hardshrink <- nn_module(
  "nn_hardshrink",
  initialize = function(lambd = 0.5) {
    self$lambd <- lambd
  },
  forward = function(input) nnf_hardshrink(input, self$lambd)
)

nn_softshrink <- nn_module(
  "nn_softshrink",
  initialize = function(lambd = 0.5) {
    self$lambd <- lambd
  },
  forward = function(input) nnf_softshrink(input, self$lambd)
)

nn_softsign <- nn_module(
  "nn_softsign",
  initialize = function() {},
  forward = function(input) nnf_softsign(input)
)

nn_tanhshrink <- nn_module(
  "nn_tanhshrink",
  initialize = function() {},
  forward = function(input) nnf_tanhshrink(input)
)

nn_threshold <- nn_module(
  "nn_threshold",
  initialize = function(threshold, value, inplace = FALSE) {
    self$threshold <- threshold
    self$value <- value
    self$inplace <- inplace
  },
  forward = function(input) nnf_threshold(input, self$threshold, self$value, self$inplace)
)

nn_log_sigmoid <- nn_module(
  "nn_log_sigmoid",
  initialize = function() {},
  forward = function(input) nnf_logsigmoid(input)
)

nn_glu <- nn_module(
  "nn_glu",
  initialize = function(dim = -1) {
    self$dim <- dim
  },
  forward = function(input) nnf_glu(input, self$dim)
)

nn_celu <- nn_module(
  "nn_celu",
  initialize = function(alpha = 1, inplace = FALSE) {
    self$alpha <- alpha
    self$inplace <- inplace
  },
  forward = function(input) nnf_celu(input, self$alpha, self$inplace)
)

nn_prelu <- nn_module(
  "nn_prelu",
  initialize = function(num_parameters = 1, init = 0.25) {
    self$num_parameters <- num_parameters
    self$weight <- nn_parameter(torch_empty(num_parameters)$fill_(init))
  },
  forward = function(input) nnf_prelu(input, self$weight)
)

nn_rrelu <- nn_module(
  "nn_rrelu",
  initialize = function(lower = 1 / 8, upper = 1 / 3, inplace = FALSE) {
    self$lower <- lower
    self$upper <- upper
    self$inplace <- inplace
  },
  forward = function(input) nnf_rrelu(input, self$lower, self$upper, self$training, self$inplace)
)

nn_softmin <- nn_module(
  "nn_softmin",
  initialize = function(dim) {
    self$dim <- dim
  },
  forward = function(input) nnf_softmin(input, self$dim)
)

nn_softmax2d <- nn_module(
  "nn_softmax2d",
  initialize = function() {},
  forward = function(input) {
    if (!input$dim() %in% c(3, 4)) stop("Softmax2d requires a 3D or 4D tensor as input")
    nnf_softmax(input, -3)
  }
)

nn_dropout2d <- nn_module(
  "nn_dropout2d",
  initialize = function(p = 0.5, inplace = FALSE) {
    if (p < 0 || p > 1) stop("dropout probability has to be between 0 and 1 but got ", p)
    self$p <- p
    self$inplace <- inplace
  },
  forward = function(input) nnf_dropout2d(input, self$p, self$training, self$inplace)
)

nn_dropout3d <- nn_module(
  "nn_dropout3d",
  inherit = nn_dropout2d,
  forward = function(input) nnf_dropout3d(input, self$p, self$training, self$inplace)
)

nn_upsample <- nn_module(
  "nn_upsample",
  initialize = function(size = NULL, scale_factor = NULL, mode = "nearest", align_corners = NULL) {
    self$size <- size
    self$scale_factor <- scale_factor
    self$mode <- mode
    self$align_corners <- align_corners
  },
  forward = function(input) {
    ac <- self$align_corners
    if (is.null(ac)) ac <- FALSE
    nnf_interpolate(input, self$size, self$scale_factor, self$mode, ac)
  }
)

nn_huber_loss <- nn_module(
  "nn_huber_loss",
  inherit = nn_loss,
  initialize = function(reduction = "mean", delta = 1) {
    super$initialize(reduction = reduction)
    self$delta <- delta
  },
  forward = function(input, target) nnf_huber_loss(input, target, reduction = self$reduction, delta = self$delta)
)

nn_margin_ranking_loss <- nn_module(
  "nn_margin_ranking_loss",
  inherit = nn_loss,
  initialize = function(margin = 0, reduction = "mean") {
    super$initialize(reduction = reduction)
    self$margin <- margin
  },
  forward = function(input1, input2, target) {
    nnf_margin_ranking_loss(input1, input2, target, self$margin, self$reduction)
  }
)

nn_hinge_embedding_loss <- nn_module(
  "nn_hinge_embedding_loss",
  inherit = nn_loss,
  initialize = function(margin = 1, reduction = "mean") {
    super$initialize(reduction = reduction)
    self$margin <- margin
  },
  forward = function(input, target) nnf_hinge_embedding_loss(input, target, self$margin, self$reduction)
)

nn_soft_margin_loss <- nn_module(
  "nn_soft_margin_loss",
  inherit = nn_loss,
  initialize = function(reduction = "mean") {
    super$initialize(reduction = reduction)
  },
  forward = function(input, target) nnf_soft_margin_loss(input, target, self$reduction)
)

nn_cosine_embedding_loss <- nn_module(
  "nn_cosine_embedding_loss",
  inherit = nn_loss,
  initialize = function(margin = 0, reduction = "mean") {
    super$initialize(reduction = reduction)
    self$margin <- margin
  },
  forward = function(input1, input2, target) {
    nnf_cosine_embedding_loss(input1, input2, target, self$margin, self$reduction)
  }
)

nn_triplet_margin_loss <- nn_module(
  "nn_triplet_margin_loss",
  inherit = nn_loss,
  initialize = function(margin = 1, p = 2, eps = 1e-6, swap = FALSE, reduction = "mean") {
    super$initialize(reduction = reduction)
    self$margin <- margin
    self$p <- p
    self$eps <- eps
    self$swap <- swap
  },
  forward = function(anchor, positive, negative) {
    nnf_triplet_margin_loss(anchor, positive, negative, self$margin, self$p, self$eps,
                            self$swap, self$reduction)
  }
)

nn_poisson_nll_loss <- nn_module(
  "nn_poisson_nll_loss",
  inherit = nn_loss,
  initialize = function(log_input = TRUE, full = FALSE, eps = 1e-8, reduction = "mean") {
    super$initialize(reduction = reduction)
    self$log_input <- log_input
    self$full <- full
    self$eps <- eps
  },
  forward = function(log_input, target) {
    nnf_poisson_nll_loss(log_input, target, self$log_input, self$full, self$eps, self$reduction)
  }
)

nn_multilabel_soft_margin_loss <- nn_module(
  "nn_multilabel_soft_margin_loss",
  inherit = nn_weighted_loss,
  initialize = function(weight = NULL, reduction = "mean") {
    super$initialize(weight = weight, reduction = reduction)
  },
  forward = function(input, target) {
    nnf_multilabel_soft_margin_loss(input, target, self$weight, self$reduction)
  }
)

# indices are 1-based (flat positions in each input plane), as max_pool's
nnf_adaptive_max_pool2d <- function(input, output_size, return_indices = FALSE) {
  if (length(output_size) == 1) output_size <- rep(output_size, 2)
  res <- torch_adaptive_max_pool2d(input, output_size)
  if (return_indices) res else res[[1]]
}

nnf_adaptive_max_pool1d <- function(input, output_size, return_indices = FALSE) {
  res <- torch_adaptive_max_pool2d(input$unsqueeze(-2), c(1, output_size))
  res <- lapply(res, function(t) t$squeeze(-2))
  if (return_indices) res else res[[1]]
}

nn_adaptive_max_pool1d <- nn_module(
  "nn_adaptive_max_pool1d",
  initialize = function(output_size, return_indices = FALSE) {
    self$output_size <- output_size
    self$return_indices <- return_indices
  },
  forward = function(input) nnf_adaptive_max_pool1d(input, self$output_size, self$return_indices)
)

nn_adaptive_max_pool2d <- nn_module(
  "nn_adaptive_max_pool2d",
  initialize = function(output_size, return_indices = FALSE) {
    self$output_size <- output_size
    self$return_indices <- return_indices
  },
  forward = function(input) nnf_adaptive_max_pool2d(input, self$output_size, self$return_indices)
)

nn_utils_rnn_pad_sequence <- function(sequences, batch_first = FALSE, padding_value = 0) {
  max_len <- max(sapply(sequences, function(s) s$size(1)))
  padded <- lapply(sequences, function(s) {
    n <- s$size(1)
    if (n == max_len) return(s)
    pad <- torch_full(c(max_len - n, s$shape[-1]), padding_value, dtype = s$dtype)
    torch_cat(list(s, pad), 1)
  })
  out <- torch_stack(padded, 1)
  if (batch_first) out else out$transpose(1, 2)
}

# PyTorch's trunc_normal_: uniform draws mapped through the normal's
# inverse CDF, so the values are PyTorch's for the same seed
nn_init_trunc_normal_ <- function(tensor, mean = 0, std = 1, a = -2, b = 2) {
  norm_cdf <- function(x) (1 + torch_erf(torch_tensor(x / sqrt(2), dtype = torch_float64()))$item()) / 2
  l <- norm_cdf((a - mean) / std)
  u <- norm_cdf((b - mean) / std)
  with_no_grad({
    tensor$uniform_(2 * l - 1, 2 * u - 1)
    tensor$copy_(torch_erfinv(tensor))
    tensor$mul_(std * sqrt(2))
    tensor$add_(mean)
    tensor$clamp_(min = a, max = b)
  })
  tensor
}

nn_init_dirac_ <- function(tensor, groups = 1) {
  d <- tensor$dim()
  if (!d %in% 3:5) stop("Only tensors with 3, 4, or 5 dimensions are supported")
  sizes <- tensor$shape
  if (sizes[1] %% groups != 0) stop("dim 0 must be divisible by groups")
  out_per <- sizes[1] %/% groups
  min_dim <- min(out_per, sizes[2])
  centre <- (sizes[-(1:2)] %/% 2) + 1
  # row-major positions of [(g-1)*out_per + k, k, centre...]
  strides <- rev(cumprod(c(1, rev(sizes)[-d])))
  lin <- integer(0)
  for (g in seq_len(groups)) {
    for (k in seq_len(min_dim)) {
      pos <- c((g - 1) * out_per + k, k, centre) - 1
      lin <- c(lin, sum(pos * strides) + 1)
    }
  }
  with_no_grad({
    tensor$zero_()
    flat <- torch_zeros(prod(sizes), dtype = tensor$dtype)
    flat[lin] <- 1
    tensor$copy_(flat$view(sizes))
  })
  tensor
}

nn_init_sparse_ <- function(tensor, sparsity, std = 0.01) {
  if (tensor$dim() != 2) stop("Only tensors with 2 dimensions are supported")
  rows <- tensor$size(1)
  cols <- tensor$size(2)
  num_zeros <- ceiling(sparsity * rows)
  with_no_grad({
    tensor$normal_(0, std)
    for (j in seq_len(cols)) {
      zi <- torch_randperm(rows)[seq_len(num_zeros)] + 1L
      if (num_zeros > 0) tensor[zi, j] <- 0
    }
  })
  tensor
}
