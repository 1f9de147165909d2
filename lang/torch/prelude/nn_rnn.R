# Recurrent layers (mlverse/torch R/nn-rnn.R), computed step by step with
# PyTorch's gate formulas and parameter names and initialisation.

nn_rnn_base <- nn_module(
  "nn_rnn_base",
  initialize = function(mode, input_size, hidden_size, num_layers = 1, bias = TRUE,
                        batch_first = FALSE, dropout = 0, bidirectional = FALSE,
                        nonlinearity = "tanh") {
    self$mode <- mode
    self$input_size <- input_size
    self$hidden_size <- hidden_size
    self$num_layers <- num_layers
    self$bias <- bias
    self$batch_first <- batch_first
    self$dropout <- dropout
    self$bidirectional <- bidirectional
    self$nonlinearity <- nonlinearity
    if (dropout < 0 || dropout > 1) stop("dropout should be a number in range [0, 1]")
    gate_size <- switch(mode, LSTM = 4 * hidden_size, GRU = 3 * hidden_size, hidden_size)
    num_directions <- if (bidirectional) 2 else 1
    for (layer in seq_len(num_layers)) {
      for (direction in seq_len(num_directions)) {
        layer_input_size <- if (layer == 1) input_size else hidden_size * num_directions
        suffix <- paste0("_l", layer - 1, if (direction == 2) "_reverse" else "")
        self$register_parameter(paste0("weight_ih", suffix), nn_parameter(torch_empty(gate_size, layer_input_size)))
        self$register_parameter(paste0("weight_hh", suffix), nn_parameter(torch_empty(gate_size, hidden_size)))
        if (bias) {
          self$register_parameter(paste0("bias_ih", suffix), nn_parameter(torch_empty(gate_size)))
          self$register_parameter(paste0("bias_hh", suffix), nn_parameter(torch_empty(gate_size)))
        }
      }
    }
    self$reset_parameters()
  },
  reset_parameters = function() {
    stdv <- 1 / sqrt(self$hidden_size)
    for (w in self$parameters) nn_init_uniform_(w, -stdv, stdv)
  },
  .cell = function(x, h, c, suffix) {
    w_ih <- self[[paste0("weight_ih", suffix)]]
    w_hh <- self[[paste0("weight_hh", suffix)]]
    b_ih <- if (self$bias) self[[paste0("bias_ih", suffix)]] else NULL
    b_hh <- if (self$bias) self[[paste0("bias_hh", suffix)]] else NULL
    gi <- nnf_linear(x, w_ih, b_ih)
    gh <- nnf_linear(h, w_hh, b_hh)
    if (self$mode == "LSTM") {
      g <- (gi + gh)$chunk(4, dim = 2)
      c <- torch_sigmoid(g[[2]]) * c + torch_sigmoid(g[[1]]) * torch_tanh(g[[3]])
      list(torch_sigmoid(g[[4]]) * torch_tanh(c), c)
    } else if (self$mode == "GRU") {
      i <- gi$chunk(3, dim = 2)
      hh <- gh$chunk(3, dim = 2)
      r <- torch_sigmoid(i[[1]] + hh[[1]])
      z <- torch_sigmoid(i[[2]] + hh[[2]])
      n <- torch_tanh(i[[3]] + r * hh[[3]])
      list((1 - z) * n + z * h, NULL)
    } else if (self$nonlinearity == "relu") {
      list(nnf_relu(gi + gh), NULL)
    } else {
      list(torch_tanh(gi + gh), NULL)
    }
  },
  forward = function(input, hx = NULL) {
    if (self$batch_first) input <- input$transpose(1, 2)
    seq_len <- input$size(1)
    batch <- input$size(2)
    num_directions <- if (self$bidirectional) 2 else 1
    lstm <- self$mode == "LSTM"
    if (is.null(hx)) {
      h0 <- torch_zeros(self$num_layers * num_directions, batch, self$hidden_size, dtype = input$dtype)
      c0 <- if (lstm) torch_zeros(self$num_layers * num_directions, batch, self$hidden_size, dtype = input$dtype) else NULL
    } else if (lstm) {
      h0 <- hx[[1]]
      c0 <- hx[[2]]
    } else {
      h0 <- hx
      c0 <- NULL
    }
    hn <- list()
    cn <- list()
    layer_input <- input
    for (layer in seq_len(self$num_layers)) {
      outs <- list()
      for (direction in seq_len(num_directions)) {
        k <- (layer - 1) * num_directions + direction
        suffix <- paste0("_l", layer - 1, if (direction == 2) "_reverse" else "")
        h <- h0[k, , ]
        c <- if (lstm) c0[k, , ] else NULL
        steps <- if (direction == 1) seq_len(seq_len) else rev(seq_len(seq_len))
        ys <- vector("list", seq_len)
        for (t in steps) {
          r <- self$.cell(layer_input[t, , ], h, c, suffix)
          h <- r[[1]]
          c <- r[[2]]
          ys[[t]] <- h
        }
        outs[[direction]] <- torch_stack(ys, dim = 1)
        hn[[k]] <- h
        if (lstm) cn[[k]] <- c
      }
      layer_input <- if (num_directions == 2) torch_cat(outs, dim = 3) else outs[[1]]
      if (self$dropout > 0 && self$training && layer < self$num_layers) {
        layer_input <- nnf_dropout(layer_input, self$dropout, TRUE)
      }
    }
    output <- layer_input
    if (self$batch_first) output <- output$transpose(1, 2)
    h_n <- torch_stack(hn, dim = 1)
    if (lstm) list(output, list(h_n, torch_stack(cn, dim = 1))) else list(output, h_n)
  }
)

nn_rnn <- nn_module(
  "nn_rnn",
  inherit = nn_rnn_base,
  initialize = function(input_size, hidden_size, num_layers = 1, nonlinearity = NULL, bias = TRUE,
                        batch_first = FALSE, dropout = 0, bidirectional = FALSE, ...) {
    if (is.null(nonlinearity)) nonlinearity <- "tanh"
    mode <- if (nonlinearity == "tanh") "RNN_TANH" else if (nonlinearity == "relu") "RNN_RELU" else
      stop(sprintf("Unknown nonlinearity '%s'", nonlinearity))
    super$initialize(mode, input_size, hidden_size, num_layers, bias, batch_first, dropout,
      bidirectional, nonlinearity)
  }
)

nn_lstm <- nn_module(
  "nn_lstm",
  inherit = nn_rnn_base,
  initialize = function(input_size, hidden_size, num_layers = 1, bias = TRUE, batch_first = FALSE,
                        dropout = 0, bidirectional = FALSE, ...) {
    super$initialize("LSTM", input_size, hidden_size, num_layers, bias, batch_first, dropout,
      bidirectional)
  }
)

nn_gru <- nn_module(
  "nn_gru",
  inherit = nn_rnn_base,
  initialize = function(input_size, hidden_size, num_layers = 1, bias = TRUE, batch_first = FALSE,
                        dropout = 0, bidirectional = FALSE, ...) {
    super$initialize("GRU", input_size, hidden_size, num_layers, bias, batch_first, dropout,
      bidirectional)
  }
)
