# R torch's modules (mlverse/torch R/nn-*.R), written as R torch writes them.

nn_identity <- nn_module(
  "nn_identity",
  initialize = function(...) {},
  forward = function(input) input
)

nn_linear <- nn_module(
  "nn_linear",
  initialize = function(in_features, out_features, bias = TRUE) {
    self$in_features <- in_features
    self$out_features <- out_features
    self$weight <- nn_parameter(torch_empty(out_features, in_features))
    if (bias) {
      self$bias <- nn_parameter(torch_empty(out_features))
    } else {
      self$bias <- NULL
    }
    self$reset_parameters()
  },
  reset_parameters = function() {
    nn_init_kaiming_uniform_(self$weight, a = sqrt(5))
    if (!is.null(self$bias)) {
      bound <- 1 / sqrt(.nn_fan_in(self$weight))
      nn_init_uniform_(self$bias, -bound, bound)
    }
  },
  forward = function(input) {
    nnf_linear(input, self$weight, self$bias)
  }
)

nn_bilinear <- nn_module(
  "nn_bilinear",
  initialize = function(in1_features, in2_features, out_features, bias = TRUE) {
    self$in1_features <- in1_features
    self$in2_features <- in2_features
    self$out_features <- out_features
    self$weight <- nn_parameter(torch_empty(out_features, in1_features, in2_features))
    if (bias) {
      self$bias <- nn_parameter(torch_empty(out_features))
    } else {
      self$bias <- NULL
    }
    self$reset_parameters()
  },
  reset_parameters = function() {
    bound <- 1 / sqrt(self$weight$size(2))
    nn_init_uniform_(self$weight, -bound, bound)
    if (!is.null(self$bias)) {
      nn_init_uniform_(self$bias, -bound, bound)
    }
  },
  forward = function(input1, input2) {
    nnf_bilinear(input1, input2, self$weight, self$bias)
  }
)

.nn_pair <- function(x, n) if (length(x) == 1) rep(x, n) else x

nn_conv_nd <- nn_module(
  "nn_conv_nd",
  initialize = function(in_channels, out_channels, kernel_size, stride, padding, dilation,
                        transposed, output_padding, groups, bias, padding_mode) {
    if (in_channels %% groups != 0) stop("in_channels must be divisible by groups")
    if (out_channels %% groups != 0) stop("out_channels must be divisible by groups")
    self$in_channels <- in_channels
    self$out_channels <- out_channels
    self$kernel_size <- kernel_size
    self$stride <- stride
    self$padding <- padding
    self$dilation <- dilation
    self$transposed <- transposed
    self$output_padding <- output_padding
    self$groups <- groups
    self$padding_mode <- padding_mode
    if (transposed) {
      self$weight <- nn_parameter(do.call(torch_empty, as.list(c(in_channels, out_channels %/% groups, kernel_size))))
    } else {
      self$weight <- nn_parameter(do.call(torch_empty, as.list(c(out_channels, in_channels %/% groups, kernel_size))))
    }
    if (bias) {
      self$bias <- nn_parameter(torch_empty(out_channels))
    } else {
      self$bias <- NULL
    }
    self$reset_parameters()
  },
  reset_parameters = function() {
    nn_init_kaiming_uniform_(self$weight, a = sqrt(5))
    if (!is.null(self$bias)) {
      bound <- 1 / sqrt(.nn_fan_in(self$weight))
      nn_init_uniform_(self$bias, -bound, bound)
    }
  }
)

nn_conv1d <- nn_module(
  "nn_conv1d",
  inherit = nn_conv_nd,
  initialize = function(in_channels, out_channels, kernel_size, stride = 1, padding = 0,
                        dilation = 1, groups = 1, bias = TRUE, padding_mode = "zeros") {
    super$initialize(in_channels, out_channels, .nn_pair(kernel_size, 1), .nn_pair(stride, 1),
      if (is.character(padding)) padding else .nn_pair(padding, 1), .nn_pair(dilation, 1),
      FALSE, 0, groups, bias, padding_mode)
  },
  forward = function(input) {
    nnf_conv1d(input, self$weight, self$bias, self$stride, self$padding, self$dilation, self$groups)
  }
)

nn_conv2d <- nn_module(
  "nn_conv2d",
  inherit = nn_conv_nd,
  initialize = function(in_channels, out_channels, kernel_size, stride = 1, padding = 0,
                        dilation = 1, groups = 1, bias = TRUE, padding_mode = "zeros") {
    super$initialize(in_channels, out_channels, .nn_pair(kernel_size, 2), .nn_pair(stride, 2),
      if (is.character(padding)) padding else .nn_pair(padding, 2), .nn_pair(dilation, 2),
      FALSE, c(0, 0), groups, bias, padding_mode)
  },
  forward = function(input) {
    nnf_conv2d(input, self$weight, self$bias, self$stride, self$padding, self$dilation, self$groups)
  }
)

nn_conv_transpose1d <- nn_module(
  "nn_conv_transpose1d",
  inherit = nn_conv_nd,
  initialize = function(in_channels, out_channels, kernel_size, stride = 1, padding = 0,
                        output_padding = 0, groups = 1, bias = TRUE, dilation = 1,
                        padding_mode = "zeros") {
    super$initialize(in_channels, out_channels, .nn_pair(kernel_size, 1), .nn_pair(stride, 1),
      .nn_pair(padding, 1), .nn_pair(dilation, 1), TRUE, .nn_pair(output_padding, 1),
      groups, bias, padding_mode)
  },
  forward = function(input) {
    nnf_conv_transpose1d(input, self$weight, self$bias, self$stride, self$padding,
      self$output_padding, self$groups, self$dilation)
  }
)

nn_conv_transpose2d <- nn_module(
  "nn_conv_transpose2d",
  inherit = nn_conv_nd,
  initialize = function(in_channels, out_channels, kernel_size, stride = 1, padding = 0,
                        output_padding = 0, groups = 1, bias = TRUE, dilation = 1,
                        padding_mode = "zeros") {
    super$initialize(in_channels, out_channels, .nn_pair(kernel_size, 2), .nn_pair(stride, 2),
      .nn_pair(padding, 2), .nn_pair(dilation, 2), TRUE, .nn_pair(output_padding, 2),
      groups, bias, padding_mode)
  },
  forward = function(input) {
    nnf_conv_transpose2d(input, self$weight, self$bias, self$stride, self$padding,
      self$output_padding, self$groups, self$dilation)
  }
)

nn_max_pool1d <- nn_module(
  "nn_max_pool1d",
  initialize = function(kernel_size, stride = NULL, padding = 0, dilation = 1,
                        return_indices = FALSE, ceil_mode = FALSE) {
    self$kernel_size <- kernel_size
    self$stride <- if (is.null(stride)) kernel_size else stride
    self$padding <- padding
    self$dilation <- dilation
    self$return_indices <- return_indices
    self$ceil_mode <- ceil_mode
  },
  forward = function(input) {
    nnf_max_pool1d(input, self$kernel_size, self$stride, self$padding, self$dilation,
      self$ceil_mode, self$return_indices)
  }
)

nn_max_pool2d <- nn_module(
  "nn_max_pool2d",
  initialize = function(kernel_size, stride = NULL, padding = 0, dilation = 1,
                        return_indices = FALSE, ceil_mode = FALSE) {
    self$kernel_size <- kernel_size
    self$stride <- if (is.null(stride)) kernel_size else stride
    self$padding <- padding
    self$dilation <- dilation
    self$return_indices <- return_indices
    self$ceil_mode <- ceil_mode
  },
  forward = function(input) {
    nnf_max_pool2d(input, self$kernel_size, self$stride, self$padding, self$dilation,
      self$ceil_mode, self$return_indices)
  }
)

nn_avg_pool1d <- nn_module(
  "nn_avg_pool1d",
  initialize = function(kernel_size, stride = NULL, padding = 0, ceil_mode = FALSE,
                        count_include_pad = TRUE) {
    self$kernel_size <- kernel_size
    self$stride <- if (is.null(stride)) kernel_size else stride
    self$padding <- padding
    self$ceil_mode <- ceil_mode
    self$count_include_pad <- count_include_pad
  },
  forward = function(input) {
    nnf_avg_pool1d(input, self$kernel_size, self$stride, self$padding, self$ceil_mode,
      self$count_include_pad)
  }
)

nn_avg_pool2d <- nn_module(
  "nn_avg_pool2d",
  initialize = function(kernel_size, stride = NULL, padding = 0, ceil_mode = FALSE,
                        count_include_pad = TRUE, divisor_override = NULL) {
    self$kernel_size <- kernel_size
    self$stride <- if (is.null(stride)) kernel_size else stride
    self$padding <- padding
    self$ceil_mode <- ceil_mode
    self$count_include_pad <- count_include_pad
    self$divisor_override <- divisor_override
  },
  forward = function(input) {
    nnf_avg_pool2d(input, self$kernel_size, self$stride, self$padding, self$ceil_mode,
      self$count_include_pad, self$divisor_override)
  }
)

nn_adaptive_avg_pool1d <- nn_module(
  "nn_adaptive_avg_pool1d",
  initialize = function(output_size) {
    self$output_size <- output_size
  },
  forward = function(input) {
    nnf_adaptive_avg_pool1d(input, self$output_size)
  }
)

nn_adaptive_avg_pool2d <- nn_module(
  "nn_adaptive_avg_pool2d",
  initialize = function(output_size) {
    self$output_size <- output_size
  },
  forward = function(input) {
    nnf_adaptive_avg_pool2d(input, self$output_size)
  }
)

nn_batch_norm_ <- nn_module(
  "nn_batch_norm_",
  initialize = function(num_features, eps = 1e-5, momentum = 0.1, affine = TRUE,
                        track_running_stats = TRUE) {
    self$num_features <- num_features
    self$eps <- eps
    self$momentum <- momentum
    self$affine <- affine
    self$track_running_stats <- track_running_stats
    if (affine) {
      self$weight <- nn_parameter(torch_empty(num_features))
      self$bias <- nn_parameter(torch_empty(num_features))
    } else {
      self$weight <- NULL
      self$bias <- NULL
    }
    if (track_running_stats) {
      self$running_mean <- nn_buffer(torch_zeros(num_features))
      self$running_var <- nn_buffer(torch_ones(num_features))
      self$num_batches_tracked <- nn_buffer(torch_tensor(0L))
    } else {
      self$running_mean <- NULL
      self$running_var <- NULL
      self$num_batches_tracked <- NULL
    }
    self$reset_parameters()
  },
  reset_running_stats = function() {
    if (self$track_running_stats) {
      self$running_mean$zero_()
      self$running_var$fill_(1)
      self$num_batches_tracked$zero_()
    }
  },
  reset_parameters = function() {
    self$reset_running_stats()
    if (self$affine) {
      nn_init_ones_(self$weight)
      nn_init_zeros_(self$bias)
    }
  },
  check_input_dim = function(input) {},
  forward = function(input) {
    self$check_input_dim(input)
    if (is.null(self$momentum)) {
      exponential_average_factor <- 0
    } else {
      exponential_average_factor <- self$momentum
    }
    if (self$training && self$track_running_stats) {
      if (!is.null(self$num_batches_tracked)) {
        with_no_grad(self$num_batches_tracked$add_(1L))
        if (is.null(self$momentum)) {
          exponential_average_factor <- 1 / self$num_batches_tracked$item()
        } else {
          exponential_average_factor <- self$momentum
        }
      }
    }
    if (self$training) {
      bn_training <- TRUE
    } else {
      bn_training <- is.null(self$running_mean) && is.null(self$running_var)
    }
    nnf_batch_norm(
      input,
      if (!self$training || self$track_running_stats) self$running_mean else NULL,
      if (!self$training || self$track_running_stats) self$running_var else NULL,
      self$weight, self$bias, bn_training, exponential_average_factor, self$eps
    )
  }
)

nn_batch_norm1d <- nn_module(
  "nn_batch_norm1d",
  inherit = nn_batch_norm_,
  check_input_dim = function(input) {
    if (input$dim() != 2 && input$dim() != 3) {
      stop(sprintf("expected 2D or 3D input (got %dD input)", input$dim()))
    }
  }
)

nn_batch_norm2d <- nn_module(
  "nn_batch_norm2d",
  inherit = nn_batch_norm_,
  check_input_dim = function(input) {
    if (input$dim() != 4) {
      stop(sprintf("expected 4D input (got %dD input)", input$dim()))
    }
  }
)

nn_layer_norm <- nn_module(
  "nn_layer_norm",
  initialize = function(normalized_shape, eps = 1e-05, elementwise_affine = TRUE) {
    self$normalized_shape <- normalized_shape
    self$eps <- eps
    self$elementwise_affine <- elementwise_affine
    if (elementwise_affine) {
      self$weight <- nn_parameter(do.call(torch_empty, as.list(normalized_shape)))
      self$bias <- nn_parameter(do.call(torch_empty, as.list(normalized_shape)))
    } else {
      self$weight <- NULL
      self$bias <- NULL
    }
    self$reset_parameters()
  },
  reset_parameters = function() {
    if (self$elementwise_affine) {
      nn_init_ones_(self$weight)
      nn_init_zeros_(self$bias)
    }
  },
  forward = function(input) {
    nnf_layer_norm(input, self$normalized_shape, self$weight, self$bias, self$eps)
  }
)

nn_group_norm <- nn_module(
  "nn_group_norm",
  initialize = function(num_groups, num_channels, eps = 1e-05, affine = TRUE) {
    self$num_groups <- num_groups
    self$num_channels <- num_channels
    self$eps <- eps
    self$affine <- affine
    if (affine) {
      self$weight <- nn_parameter(torch_empty(num_channels))
      self$bias <- nn_parameter(torch_empty(num_channels))
    } else {
      self$weight <- NULL
      self$bias <- NULL
    }
    self$reset_parameters()
  },
  reset_parameters = function() {
    if (self$affine) {
      nn_init_ones_(self$weight)
      nn_init_zeros_(self$bias)
    }
  },
  forward = function(input) {
    nnf_group_norm(input, self$num_groups, self$weight, self$bias, self$eps)
  }
)

nn_dropout <- nn_module(
  "nn_dropout",
  initialize = function(p = 0.5, inplace = FALSE) {
    if (p < 0 || p > 1) {
      stop(sprintf("dropout probability has to be between 0 and 1 but got %s", p))
    }
    self$p <- p
    self$inplace <- inplace
  },
  forward = function(input) {
    nnf_dropout(input, self$p, self$training, self$inplace)
  }
)

nn_embedding <- nn_module(
  "nn_embedding",
  initialize = function(num_embeddings, embedding_dim, padding_idx = NULL, max_norm = NULL,
                        norm_type = 2, scale_grad_by_freq = FALSE, sparse = FALSE,
                        .weight = NULL) {
    self$num_embeddings <- num_embeddings
    self$embedding_dim <- embedding_dim
    self$padding_idx <- padding_idx
    self$max_norm <- max_norm
    self$norm_type <- norm_type
    self$scale_grad_by_freq <- scale_grad_by_freq
    self$sparse <- sparse
    if (is.null(.weight)) {
      self$weight <- nn_parameter(torch_empty(num_embeddings, embedding_dim))
      self$reset_parameters()
    } else {
      self$weight <- nn_parameter(.weight)
    }
  },
  reset_parameters = function() {
    nn_init_normal_(self$weight)
    if (!is.null(self$padding_idx)) {
      with_no_grad(self$weight[self$padding_idx, ]$fill_(0))
    }
  },
  forward = function(input) {
    nnf_embedding(input, self$weight, self$padding_idx, self$max_norm, self$norm_type,
      self$scale_grad_by_freq, self$sparse)
  }
)

nn_relu <- nn_module(
  "nn_relu",
  initialize = function(inplace = FALSE) {
    self$inplace <- inplace
  },
  forward = function(input) nnf_relu(input, self$inplace)
)

nn_relu6 <- nn_module(
  "nn_relu6",
  initialize = function(inplace = FALSE) {
    self$inplace <- inplace
  },
  forward = function(input) nnf_relu6(input, self$inplace)
)

nn_leaky_relu <- nn_module(
  "nn_leaky_relu",
  initialize = function(negative_slope = 0.01, inplace = FALSE) {
    self$negative_slope <- negative_slope
    self$inplace <- inplace
  },
  forward = function(input) nnf_leaky_relu(input, self$negative_slope, self$inplace)
)

nn_gelu <- nn_module(
  "nn_gelu",
  initialize = function(approximate = "none") {
    self$approximate <- approximate
  },
  forward = function(input) nnf_gelu(input, approximate = self$approximate)
)

nn_silu <- nn_module(
  "nn_silu",
  initialize = function(inplace = FALSE) {
    self$inplace <- inplace
  },
  forward = function(input) nnf_silu(input, inplace = self$inplace)
)

nn_elu <- nn_module(
  "nn_elu",
  initialize = function(alpha = 1, inplace = FALSE) {
    self$alpha <- alpha
    self$inplace <- inplace
  },
  forward = function(input) nnf_elu(input, self$alpha, self$inplace)
)

nn_selu <- nn_module(
  "nn_selu",
  initialize = function(inplace = FALSE) {
    self$inplace <- inplace
  },
  forward = function(input) nnf_selu(input, self$inplace)
)

nn_sigmoid <- nn_module(
  "nn_sigmoid",
  initialize = function() {},
  forward = function(input) torch_sigmoid(input)
)

nn_tanh <- nn_module(
  "nn_tanh",
  initialize = function() {},
  forward = function(input) torch_tanh(input)
)

nn_softmax <- nn_module(
  "nn_softmax",
  initialize = function(dim) {
    self$dim <- dim
  },
  forward = function(input) nnf_softmax(input, self$dim)
)

nn_log_softmax <- nn_module(
  "nn_log_softmax",
  initialize = function(dim) {
    self$dim <- dim
  },
  forward = function(input) nnf_log_softmax(input, self$dim)
)

nn_softplus <- nn_module(
  "nn_softplus",
  initialize = function(beta = 1, threshold = 20) {
    self$beta <- beta
    self$threshold <- threshold
  },
  forward = function(input) nnf_softplus(input, self$beta, self$threshold)
)

nn_flatten <- nn_module(
  "nn_flatten",
  initialize = function(start_dim = 2, end_dim = -1) {
    self$start_dim <- start_dim
    self$end_dim <- end_dim
  },
  forward = function(input) torch_flatten(input, start_dim = self$start_dim, end_dim = self$end_dim)
)

nn_unflatten <- nn_module(
  "nn_unflatten",
  initialize = function(dim, unflattened_size) {
    self$dim <- dim
    self$unflattened_size <- unflattened_size
  },
  forward = function(input) input$unflatten(self$dim, self$unflattened_size)
)

nn_sequential <- nn_module(
  "nn_sequential",
  initialize = function(...) {
    modules <- list(...)
    for (i in seq_along(modules)) {
      self$add_module(name = i - 1, module = modules[[i]])
    }
  },
  forward = function(input) {
    for (module in self$children) {
      input <- module(input)
    }
    input
  }
)

nn_module_list <- nn_module(
  "nn_module_list",
  initialize = function(modules = list()) {
    for (i in seq_along(modules)) {
      self$add_module(i - 1, modules[[i]])
    }
  },
  insert = function(index, module) {
    modules <- append(self$children, list(module), after = index - 1)
    for (nm in names(self$children)) self$register_module(nm, NULL)
    for (i in seq_along(modules)) {
      self$add_module(i - 1, modules[[i]])
    }
  },
  append = function(module) {
    i <- length(self$children)
    self$add_module(i, module)
  },
  extend = function(modules) {
    for (j in seq_along(modules)) {
      self$append(modules[[j]])
    }
  }
)

nn_module_dict <- nn_module(
  initialize = function(dict) {
    if (is.null(names(dict)) || any(names(dict) == "")) stop("All elements in `dict` must be named.")
    for (nm in names(dict)) {
      self[[nm]] <- dict[[nm]]
    }
  },
  forward = function(...) {
    stop("`nn_module_dict()` has `forward()` implementation.")
  }
)

nn_utils_clip_grad_value_ <- function(parameters, clip_value) {
  if (is_torch_tensor(parameters)) parameters <- list(parameters)
  with_no_grad({
    for (p in parameters) {
      if (!is_undefined_tensor(p$grad)) p$grad$clamp_(min = -clip_value, max = clip_value)
    }
  })
  invisible(NULL)
}
