# optim_lbfgs (mlverse/torch R/optim-lbfgs.R) with PyTorch 1.13's L-BFGS
# step (no line search), its scalars kept as float tensors like PyTorch's,
# so the iterates are PyTorch's. $step(closure) re-evaluates the loss.

optim_lbfgs <- function(params, lr = 1, max_iter = 20, max_eval = NULL, tolerance_grad = 1e-07,
                        tolerance_change = 1e-09, history_size = 100, line_search_fn = NULL) {
  if (is_torch_tensor(params)) params <- list(params)
  if (!is.null(line_search_fn)) stop("optim_lbfgs: only line_search_fn = NULL is supported here")
  if (is.null(max_eval)) max_eval <- (max_iter * 5) %/% 4
  self <- new.env()
  self$param_groups <- list(list(params = params, lr = lr, max_iter = max_iter, max_eval = max_eval,
                                 tolerance_grad = tolerance_grad, tolerance_change = tolerance_change,
                                 history_size = history_size, line_search_fn = line_search_fn))
  self$state <- list(func_evals = 0, n_iter = 0)
  self$zero_grad <- function() {
    for (p in self$param_groups[[1]]$params) {
      if (!is_undefined_tensor(p$grad)) {
        with_no_grad(p$grad$zero_())
      }
    }
    invisible(NULL)
  }
  flat_grad <- function() {
    torch_cat(lapply(self$param_groups[[1]]$params, function(p) {
      if (is_undefined_tensor(p$grad)) torch_zeros(p$numel(), dtype = p$dtype) else p$grad$reshape(-1)
    }))
  }
  add_grad <- function(t, d) {
    off <- 0
    for (p in self$param_groups[[1]]$params) {
      n <- p$numel()
      p$add_(d[(off + 1):(off + n)]$view_as(p), alpha = t)
      off <- off + n
    }
  }
  self$step <- function(closure) {
    g <- self$param_groups[[1]]
    lr <- g$lr
    st <- self$state
    orig_loss <- with_enable_grad(closure())
    loss <- orig_loss$item()
    current_evals <- 1
    st$func_evals <- st$func_evals + 1
    with_no_grad({
      fg <- flat_grad()
      opt_cond <- fg$abs()$max()$item() <= g$tolerance_grad
      if (opt_cond) {
        self$state <- st
        return(orig_loss)
      }
      d <- st$d
      t <- st$t
      old_dirs <- st$old_dirs
      old_stps <- st$old_stps
      ro <- st$ro
      H_diag <- st$H_diag
      prev_flat_grad <- st$prev_flat_grad
      prev_loss <- st$prev_loss
      n_iter <- 0
      while (n_iter < g$max_iter) {
        n_iter <- n_iter + 1
        st$n_iter <- st$n_iter + 1
        if (st$n_iter == 1) {
          d <- fg$neg()
          old_dirs <- list()
          old_stps <- list()
          ro <- list()
          H_diag <- 1
        } else {
          y <- fg$sub(prev_flat_grad)
          s <- d$mul(t)
          ys <- y$dot(s)
          if (ys$item() > 1e-10) {
            if (length(old_dirs) == g$history_size) {
              old_dirs <- old_dirs[-1]
              old_stps <- old_stps[-1]
              ro <- ro[-1]
            }
            old_dirs[[length(old_dirs) + 1]] <- y
            old_stps[[length(old_stps) + 1]] <- s
            ro[[length(ro) + 1]] <- 1 / ys
            H_diag <- ys / y$dot(y)
          }
          num_old <- length(old_dirs)
          al <- vector("list", num_old)
          q <- fg$neg()
          for (i in rev(seq_len(num_old))) {
            al[[i]] <- old_stps[[i]]$dot(q) * ro[[i]]
            q$add_(old_dirs[[i]], alpha = -al[[i]]$item())
          }
          d <- r <- torch_mul(q, H_diag)
          for (i in seq_len(num_old)) {
            be_i <- old_dirs[[i]]$dot(r) * ro[[i]]
            r$add_(old_stps[[i]], alpha = (al[[i]] - be_i)$item())
          }
        }
        if (is.null(prev_flat_grad)) prev_flat_grad <- fg$clone() else prev_flat_grad$copy_(fg)
        prev_loss <- loss
        if (st$n_iter == 1) {
          inv <- 1 / fg$abs()$sum()
          t <- if (1 <= inv$item()) lr else (inv * lr)$item()
        } else {
          t <- lr
        }
        gtd <- fg$dot(d)$item()
        if (gtd > -g$tolerance_change) break
        ls_func_evals <- 0
        add_grad(t, d)
        if (n_iter != g$max_iter) {
          loss <- with_enable_grad(closure())$item()
          fg <- flat_grad()
          opt_cond <- fg$abs()$max()$item() <= g$tolerance_grad
          ls_func_evals <- 1
        }
        current_evals <- current_evals + ls_func_evals
        st$func_evals <- st$func_evals + ls_func_evals
        if (n_iter == g$max_iter) break
        if (current_evals >= g$max_eval) break
        if (opt_cond) break
        if (d$mul(t)$abs()$max()$item() <= g$tolerance_change) break
        if (abs(loss - prev_loss) < g$tolerance_change) break
      }
      st$d <- d
      st$t <- t
      st$old_dirs <- old_dirs
      st$old_stps <- old_stps
      st$ro <- ro
      st$H_diag <- H_diag
      st$prev_flat_grad <- prev_flat_grad
      st$prev_loss <- prev_loss
    })
    self$state <- st
    orig_loss
  }
  class(self) <- c("optim_lbfgs", "torch_optimizer", "R6")
  self
}
