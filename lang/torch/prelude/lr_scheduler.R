# Learning-rate schedulers (mlverse/torch R/optim-lr_scheduler.R; PyTorch
# 1.13's chainable formulas). A scheduler is an environment of class
# c(<name>, "lr_scheduler") with $step(), $get_lr(), $last_epoch, $base_lrs.

.lr_scheduler <- function(name, optimizer, last_epoch, get_lr, init = NULL) {
  if (!inherits(optimizer, "torch_optimizer")) {
    stop("optimizer must be a torch_optimizer")
  }
  self <- new.env()
  self$optimizer <- optimizer
  groups <- optimizer$param_groups
  if (last_epoch == -1) {
    for (i in seq_along(groups)) {
      optimizer$param_groups[[i]]$initial_lr <- groups[[i]]$lr
    }
  } else {
    for (i in seq_along(groups)) {
      if (is.null(groups[[i]]$initial_lr)) {
        stop(sprintf("param 'initial_lr' is not specified in param_groups[[%d]] when resuming an optimizer", i))
      }
    }
  }
  self$base_lrs <- sapply(optimizer$param_groups, function(g) g$initial_lr)
  self$last_epoch <- last_epoch
  self$get_lr <- function() get_lr(self)
  self$step <- function() {
    self$last_epoch <- self$last_epoch + 1
    lrs <- self$get_lr()
    for (i in seq_along(lrs)) {
      self$optimizer$param_groups[[i]]$lr <- lrs[[i]]
    }
    invisible(NULL)
  }
  self$get_last_lr <- function() sapply(self$optimizer$param_groups, function(g) g$lr)
  if (!is.null(init)) init(self)
  class(self) <- c(name, "lr_scheduler")
  self$step()
  self
}

.current_lrs <- function(self) sapply(self$optimizer$param_groups, function(g) g$lr)

lr_step <- function(optimizer, step_size, gamma = 0.1, last_epoch = -1) {
  .lr_scheduler("lr_step", optimizer, last_epoch, function(self) {
    lrs <- .current_lrs(self)
    if (self$last_epoch == 0 || self$last_epoch %% step_size != 0) lrs else lrs * gamma
  })
}

lr_multiplicative <- function(optimizer, lr_lambda, last_epoch = -1, verbose = FALSE) {
  n <- length(optimizer$param_groups)
  lambdas <- if (is.function(lr_lambda)) rep(list(lr_lambda), n) else lr_lambda
  if (length(lambdas) != n) {
    stop(sprintf("Expected %d lr_lambdas, but got %d", n, length(lambdas)))
  }
  .lr_scheduler("lr_multiplicative", optimizer, last_epoch, function(self) {
    lrs <- .current_lrs(self)
    if (self$last_epoch > 0) {
      for (i in seq_along(lrs)) lrs[i] <- lrs[i] * lambdas[[i]](self$last_epoch)
    }
    lrs
  })
}

lr_lambda <- function(optimizer, lr_lambda, last_epoch = -1, verbose = FALSE) {
  n <- length(optimizer$param_groups)
  lambdas <- if (is.function(lr_lambda)) rep(list(lr_lambda), n) else lr_lambda
  .lr_scheduler("lr_lambda", optimizer, last_epoch, function(self) {
    sapply(seq_along(self$base_lrs), function(i) self$base_lrs[i] * lambdas[[i]](self$last_epoch))
  })
}

lr_cosine_annealing <- function(optimizer, T_max, eta_min = 0, last_epoch = -1, verbose = FALSE) {
  .lr_scheduler("lr_cosine_annealing", optimizer, last_epoch, function(self) {
    lrs <- .current_lrs(self)
    e <- self$last_epoch
    if (e == 0) {
      lrs
    } else if ((e - 1 - T_max) %% (2 * T_max) == 0) {
      lrs + (self$base_lrs - eta_min) * (1 - cos(pi / T_max)) / 2
    } else {
      (1 + cos(pi * e / T_max)) / (1 + cos(pi * (e - 1) / T_max)) * (lrs - eta_min) + eta_min
    }
  })
}

lr_one_cycle <- function(optimizer, max_lr, total_steps = NULL, epochs = NULL, steps_per_epoch = NULL,
                         pct_start = 0.3, anneal_strategy = "cos", cycle_momentum = TRUE,
                         base_momentum = 0.85, max_momentum = 0.95, div_factor = 25,
                         final_div_factor = 10000, last_epoch = -1, verbose = FALSE) {
  if (is.null(total_steps)) {
    if (is.null(epochs) || is.null(steps_per_epoch)) {
      stop("You must define either total_steps OR (epochs AND steps_per_epoch)")
    }
    total_steps <- epochs * steps_per_epoch
  }
  n <- length(optimizer$param_groups)
  max_lrs <- rep_len(max_lr, n)
  anneal <- if (anneal_strategy == "cos") {
    function(start, end, pct) end + (start - end) / 2 * (cos(pi * pct) + 1)
  } else {
    function(start, end, pct) (end - start) * pct + start
  }
  use_beta1 <- !is.null(optimizer$param_groups[[1]]$betas)
  if (last_epoch == -1) {
    for (i in seq_len(n)) {
      initial <- max_lrs[i] / div_factor
      optimizer$param_groups[[i]]$lr <- initial
      optimizer$param_groups[[i]]$max_lr <- max_lrs[i]
      optimizer$param_groups[[i]]$min_lr <- initial / final_div_factor
      if (cycle_momentum) {
        if (use_beta1) {
          b <- optimizer$param_groups[[i]]$betas
          optimizer$param_groups[[i]]$betas <- c(max_momentum, b[-1])
        } else {
          optimizer$param_groups[[i]]$momentum <- max_momentum
        }
        optimizer$param_groups[[i]]$max_momentum <- max_momentum
        optimizer$param_groups[[i]]$base_momentum <- base_momentum
      }
    }
  }
  phases <- list(
    list(end_step = pct_start * total_steps - 1, start_lr = "initial_lr", end_lr = "max_lr",
      start_momentum = "max_momentum", end_momentum = "base_momentum"),
    list(end_step = total_steps - 1, start_lr = "max_lr", end_lr = "min_lr",
      start_momentum = "base_momentum", end_momentum = "max_momentum")
  )
  .lr_scheduler("lr_one_cycle", optimizer, last_epoch, function(self) {
    step_num <- self$last_epoch
    if (step_num > total_steps) {
      stop(sprintf("Tried to step %d times. The specified number of total steps is %d", step_num + 1, total_steps))
    }
    groups <- self$optimizer$param_groups
    lrs <- numeric(length(groups))
    for (i in seq_along(groups)) {
      g <- groups[[i]]
      start_step <- 0
      for (j in seq_along(phases)) {
        ph <- phases[[j]]
        if (step_num <= ph$end_step || j == length(phases)) {
          pct <- (step_num - start_step) / (ph$end_step - start_step)
          lrs[i] <- anneal(g[[ph$start_lr]], g[[ph$end_lr]], pct)
          if (cycle_momentum) {
            m <- anneal(g[[ph$start_momentum]], g[[ph$end_momentum]], pct)
            if (use_beta1) {
              self$optimizer$param_groups[[i]]$betas <- c(m, g$betas[-1])
            } else {
              self$optimizer$param_groups[[i]]$momentum <- m
            }
          }
          break
        }
        start_step <- ph$end_step
      }
    }
    lrs
  })
}

# PyTorch 1.13's ReduceLROnPlateau: $step(metrics) lowers the rates by
# `factor` after `patience` epochs without improvement.
lr_reduce_on_plateau <- function(optimizer, mode = "min", factor = 0.1, patience = 10,
                                 threshold = 1e-04, threshold_mode = "rel", cooldown = 0,
                                 min_lr = 0, eps = 1e-08, verbose = FALSE) {
  if (factor >= 1) stop("Factor should be < 1.0.")
  if (!inherits(optimizer, "torch_optimizer")) stop("optimizer must be a torch_optimizer")
  if (!mode %in% c("min", "max")) stop("mode ", mode, " is unknown!")
  if (!threshold_mode %in% c("rel", "abs")) stop("threshold mode ", threshold_mode, " is unknown!")
  n <- length(optimizer$param_groups)
  if (length(min_lr) == 1) min_lr <- rep(min_lr, n)
  if (length(min_lr) != n) stop("expected ", n, " min_lrs, got ", length(min_lr))
  self <- new.env()
  self$optimizer <- optimizer
  self$last_epoch <- 0
  self$best <- if (mode == "min") Inf else -Inf
  self$num_bad_epochs <- 0
  self$cooldown_counter <- 0
  better <- function(a, best) {
    if (mode == "min" && threshold_mode == "rel") a < best * (1 - threshold)
    else if (mode == "min") a < best - threshold
    else if (threshold_mode == "rel") a > best * (threshold + 1)
    else a > best + threshold
  }
  self$step <- function(metrics) {
    current <- if (is_torch_tensor(metrics)) metrics$item() else as.numeric(metrics)
    self$last_epoch <- self$last_epoch + 1
    if (better(current, self$best)) {
      self$best <- current
      self$num_bad_epochs <- 0
    } else {
      self$num_bad_epochs <- self$num_bad_epochs + 1
    }
    if (self$cooldown_counter > 0) {
      self$cooldown_counter <- self$cooldown_counter - 1
      self$num_bad_epochs <- 0
    }
    if (self$num_bad_epochs > patience) {
      for (i in seq_len(n)) {
        old <- self$optimizer$param_groups[[i]]$lr
        new <- max(old * factor, min_lr[i])
        if (old - new > eps) {
          self$optimizer$param_groups[[i]]$lr <- new
          if (verbose) message(sprintf("Epoch %d: reducing learning rate of group %d to %.4e.", self$last_epoch, i, new))
        }
      }
      self$cooldown_counter <- cooldown
      self$num_bad_epochs <- 0
    }
    invisible(NULL)
  }
  self$get_last_lr <- function() sapply(self$optimizer$param_groups, function(g) g$lr)
  class(self) <- c("lr_reduce_on_plateau", "lr_scheduler")
  self
}
