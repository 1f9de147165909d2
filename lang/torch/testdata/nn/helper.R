# Shared by the test files: the fixtures and the training problem.
fixtures <- if (file.exists("testdata/nn/fixtures.R")) "testdata/nn/fixtures.R" else "lang/torch/testdata/nn/fixtures.R"
source(fixtures)

flat <- function(t) as.numeric(t$detach()$reshape(-1))

problem <- function() {
  torch_manual_seed(42)
  x <- torch_randn(64, 10)
  y <- (x[, 1] > 0)$to(dtype = torch_long()) + (x[, 2] > 0)$to(dtype = torch_long()) + 1L
  model <- nn_sequential(nn_linear(10, 32), nn_relu(), nn_linear(32, 3))
  list(x = x, y = y, model = model)
}

train <- function(make, steps = 20) {
  p <- problem()
  opt <- make(p$model$parameters)
  losses <- numeric(steps)
  for (i in seq_len(steps)) {
    opt$zero_grad()
    loss <- nnf_cross_entropy(p$model(p$x), p$y)
    loss$backward()
    opt$step()
    losses[i] <- loss$item()
  }
  final <- sum(sapply(p$model$parameters, function(w) w$sum()$item()))
  list(losses = losses, final = final)
}
