# Loss modules (mlverse/torch R/nn-loss.R).

nn_loss <- nn_module(
  "nn_loss",
  initialize = function(reduction = "mean") {
    self$reduction <- reduction
  }
)

nn_weighted_loss <- nn_module(
  "nn_weighted_loss",
  inherit = nn_loss,
  initialize = function(weight = NULL, reduction = "mean") {
    super$initialize(reduction)
    self$register_buffer("weight", weight)
  }
)

nn_mse_loss <- nn_module(
  "nn_mse_loss",
  inherit = nn_loss,
  initialize = function(reduction = "mean") {
    super$initialize(reduction)
  },
  forward = function(input, target) {
    nnf_mse_loss(input, target, reduction = self$reduction)
  }
)

nn_l1_loss <- nn_module(
  "nn_l1_loss",
  inherit = nn_loss,
  initialize = function(reduction = "mean") {
    super$initialize(reduction)
  },
  forward = function(input, target) {
    nnf_l1_loss(input, target, reduction = self$reduction)
  }
)

nn_smooth_l1_loss <- nn_module(
  "nn_smooth_l1_loss",
  inherit = nn_loss,
  initialize = function(reduction = "mean") {
    super$initialize(reduction)
  },
  forward = function(input, target) {
    nnf_smooth_l1_loss(input, target, reduction = self$reduction)
  }
)

nn_cross_entropy_loss <- nn_module(
  "nn_crossentropy_loss",
  inherit = nn_weighted_loss,
  initialize = function(weight = NULL, ignore_index = -100, reduction = "mean") {
    self$ignore_index <- ignore_index
    super$initialize(weight, reduction)
  },
  forward = function(input, target) {
    nnf_cross_entropy(input, target, weight = self$weight,
      ignore_index = self$ignore_index, reduction = self$reduction)
  }
)

nn_nll_loss <- nn_module(
  "nn_nll_loss",
  inherit = nn_weighted_loss,
  initialize = function(weight = NULL, ignore_index = -100, reduction = "mean") {
    super$initialize(weight, reduction)
    self$ignore_index <- ignore_index
  },
  forward = function(input, target) {
    nnf_nll_loss(input, target, weight = self$weight,
      ignore_index = self$ignore_index, reduction = self$reduction)
  }
)

nn_bce_loss <- nn_module(
  "nn_bce_loss",
  inherit = nn_weighted_loss,
  initialize = function(weight = NULL, reduction = "mean") {
    super$initialize(weight, reduction)
  },
  forward = function(input, target) {
    nnf_binary_cross_entropy(input, target, weight = self$weight, reduction = self$reduction)
  }
)

nn_bce_with_logits_loss <- nn_module(
  "nn_bce_with_logits_loss",
  inherit = nn_loss,
  initialize = function(weight = NULL, reduction = "mean", pos_weight = NULL) {
    super$initialize(reduction)
    self$register_buffer("weight", weight)
    self$register_buffer("pos_weight", pos_weight)
  },
  forward = function(input, target) {
    nnf_binary_cross_entropy_with_logits(input, target, self$weight,
      reduction = self$reduction, pos_weight = self$pos_weight)
  }
)

nn_kl_div_loss <- nn_module(
  "nn_kl_div_loss",
  inherit = nn_loss,
  initialize = function(reduction = "mean") {
    super$initialize(reduction)
  },
  forward = function(input, target) {
    nnf_kl_div(input, target, reduction = self$reduction)
  }
)
