# Datasets (mlverse/torch R/utils-data.R).

tensor_dataset <- dataset(
  name = "tensor_dataset",
  initialize = function(...) {
    tensors <- list(...)
    lens <- sapply(tensors, function(x) x$shape[1])
    if (length(unique(lens)) != 1) {
      stop("all tensors must have the same size in the first dimension.")
    }
    self$tensors <- tensors
  },
  .getitem = function(index) {
    if (is.list(index)) index <- unlist(index)
    lapply(self$tensors, function(x) x[index, ..])
  },
  .getbatch = function(index) {
    self$.getitem(index)
  },
  .length = function() {
    self$tensors[[1]]$shape[1]
  }
)
