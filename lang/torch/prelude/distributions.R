# distr_normal, distr_bernoulli, distr_categorical (mlverse/torch
# R/distributions-*.R) with PyTorch 1.13's formulas and draws: the same
# seed gives the same samples. A distribution is an environment of class
# c("torch_<Name>", "torch_Distribution", "R6"); Categorical's values are
# 1-based, as in R torch.

.as_param <- function(x) if (is_torch_tensor(x)) x else torch_tensor(x, dtype = torch_get_default_dtype())

.sample_shape <- function(sample_shape) as.integer(unlist(sample_shape))

.distribution <- function(name, batch_shape, event_shape = integer(0)) {
  self <- new.env()
  self$batch_shape <- batch_shape
  self$event_shape <- event_shape
  self$.extended_shape <- function(sample_shape) c(.sample_shape(sample_shape), self$batch_shape, self$event_shape)
  class(self) <- c(paste0("torch_", name), "torch_Distribution", "R6")
  self
}

.float_eps <- function(dtype) if (dtype == torch_float64()) .Machine$double.eps else 1.1920928955078125e-07

distr_normal <- function(loc, scale, validate_args = NULL) {
  p <- torch_broadcast_tensors(list(.as_param(loc), .as_param(scale)))
  loc <- p[[1]]
  scale <- p[[2]]
  if (!identical(validate_args, FALSE) && (scale <= 0)$any()$item()) stop("scale must be positive")
  self <- .distribution("Normal", loc$shape)
  self$loc <- loc
  self$scale <- scale
  self$mean <- loc
  self$stddev <- scale
  self$variance <- scale$pow(2)
  self$sample <- function(sample_shape = list()) {
    shape <- self$.extended_shape(sample_shape)
    with_no_grad(torch_normal(self$loc$expand(shape), self$scale$expand(shape)))
  }
  self$rsample <- function(sample_shape = list()) {
    shape <- self$.extended_shape(sample_shape)
    eps <- torch_empty(shape, dtype = self$loc$dtype)$normal_()
    self$loc + eps * self$scale
  }
  self$log_prob <- function(value) {
    value <- .as_param(value)
    var <- self$scale^2
    -((value - self$loc)^2) / (2 * var) - self$scale$log() - log(sqrt(2 * pi))
  }
  self$entropy <- function() 0.5 + 0.5 * log(2 * pi) + torch_log(self$scale)
  self$cdf <- function(value) 0.5 * (1 + torch_erf((.as_param(value) - self$loc) * self$scale$reciprocal() / sqrt(2)))
  self$icdf <- function(value) self$loc + self$scale * torch_erfinv(2 * .as_param(value) - 1) * sqrt(2)
  self
}

distr_bernoulli <- function(probs = NULL, logits = NULL, validate_args = NULL) {
  if (is.null(probs) == is.null(logits)) stop("Either `probs` or `logits` must be specified, but not both.")
  self <- .distribution("Bernoulli", NULL)
  if (!is.null(probs)) {
    probs <- .as_param(probs)
    p <- torch_clamp(probs, .float_eps(probs$dtype), 1 - .float_eps(probs$dtype))
    logits <- torch_log(p) - torch_log1p(-p)
  } else {
    logits <- .as_param(logits)
    probs <- torch_sigmoid(logits)
  }
  self$batch_shape <- probs$shape
  self$probs <- probs
  self$logits <- logits
  self$mean <- probs
  self$variance <- probs * (1 - probs)
  self$sample <- function(sample_shape = list()) {
    shape <- self$.extended_shape(sample_shape)
    with_no_grad(torch_bernoulli(self$probs$expand(shape)))
  }
  self$log_prob <- function(value) {
    b <- torch_broadcast_tensors(list(self$logits, .as_param(value)))
    -nnf_binary_cross_entropy_with_logits(b[[1]], b[[2]], reduction = "none")
  }
  self$entropy <- function() nnf_binary_cross_entropy_with_logits(self$logits, self$probs, reduction = "none")
  self
}

distr_categorical <- function(probs = NULL, logits = NULL, validate_args = NULL) {
  if (is.null(probs) == is.null(logits)) stop("Either `probs` or `logits` must be specified, but not both.")
  self <- .distribution("Categorical", NULL)
  if (!is.null(probs)) {
    probs <- .as_param(probs)
    if (probs$dim() < 1) stop("`probs` parameter must be at least one-dimensional.")
    probs <- probs / probs$sum(-1, keepdim = TRUE)
    p <- torch_clamp(probs, .float_eps(probs$dtype), 1 - .float_eps(probs$dtype))
    logits <- torch_log(p)
  } else {
    logits <- .as_param(logits)
    if (logits$dim() < 1) stop("`logits` parameter must be at least one-dimensional.")
    logits <- logits - logits$logsumexp(dim = -1, keepdim = TRUE)
    probs <- nnf_softmax(logits, dim = -1)
  }
  self$probs <- probs
  self$logits <- logits
  self$num_events <- probs$size(-1)
  self$batch_shape <- if (probs$dim() > 1) probs$shape[-probs$dim()] else integer(0)
  self$sample <- function(sample_shape = list()) {
    n <- prod(.sample_shape(sample_shape))
    probs_2d <- self$probs$reshape(c(-1, self$num_events))
    s <- with_no_grad(torch_multinomial(probs_2d, n, TRUE)$t())
    s$reshape(self$.extended_shape(sample_shape))
  }
  self$log_prob <- function(value) {
    value <- .as_param(value)$to(dtype = torch_long())$unsqueeze(-1)
    b <- torch_broadcast_tensors(list(value, self$logits))
    v <- b[[1]]$narrow(-1, 1, 1)
    b[[2]]$gather(-1, v)$squeeze(-1)
  }
  self$entropy <- function() {
    min_real <- if (self$logits$dtype == torch_float64()) -.Machine$double.xmax else -3.4028234663852886e+38
    l <- torch_clamp(self$logits, min = min_real)
    -(l * self$probs)$sum(-1)
  }
  self
}

# printed as R6 prints an object: class, parent class, public members
print.torch_Distribution <- function(x, ...) {
  cls <- class(x)
  cat("<", cls[1], ">\n  Inherits from: <", cls[2], ">\n  Public:\n", sep = "")
  for (nm in sort(ls(x, all.names = TRUE))) {
    v <- get(nm, envir = x)
    s <- if (is.function(v)) {
      paste0("function (", paste(names(formals(v)), collapse = ", "), ") ")
    } else if (is_torch_tensor(v)) {
      "torch_tensor, R7"
    } else if (is.null(v)) {
      "NULL"
    } else {
      paste(format(v), collapse = " ")
    }
    cat("    ", nm, ": ", s, "\n", sep = "")
  }
  invisible(x)
}
