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

# A dataset of the elements `indices` of another.
dataset_subset <- dataset(
  name = "dataset_subset",
  initialize = function(dataset, indices) {
    self$dataset <- dataset
    self$indices <- indices
  },
  .getitem = function(idx) {
    self$dataset[self$indices[idx]]
  },
  .length = function() {
    length(self$indices)
  }
)

is_dataloader <- function(x) inherits(x, "dataloader")

# enumerate(dl): the batches of one pass, as a list (R torch's
# enumerate.dataloader, for `for (b in enumerate(dl))`)
enumerate <- function(x, max_len = 1e6, ...) {
  if (!is_dataloader(x)) stop("enumerate() takes a dataloader")
  it <- dataloader_make_iter(x)
  out <- list()
  done <- new.env()
  repeat {
    if (length(out) >= max_len) break
    b <- dataloader_next(it, completed = done)
    if (identical(b, done)) break
    out[[length(out) + 1]] <- b
  }
  out
}
