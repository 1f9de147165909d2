# nn_multihead_attention (mlverse/torch R/nn-activation.R) with PyTorch
# 1.13's multi_head_attention_forward: parameters made and initialised in
# the same order (so the same seed gives the same weights) and the same
# sequence of ops.

nn_multihead_attention <- nn_module(
  "nn_multihead_attention",
  initialize = function(embed_dim, num_heads, dropout = 0, bias = TRUE, add_bias_kv = FALSE,
                        add_zero_attn = FALSE, kdim = NULL, vdim = NULL, batch_first = FALSE) {
    self$embed_dim <- embed_dim
    self$kdim <- if (is.null(kdim)) embed_dim else kdim
    self$vdim <- if (is.null(vdim)) embed_dim else vdim
    self$qkv_same_embed_dim_ <- self$kdim == embed_dim && self$vdim == embed_dim
    self$num_heads <- num_heads
    self$dropout <- dropout
    self$batch_first <- batch_first
    self$head_dim <- embed_dim %/% num_heads
    if (self$head_dim * num_heads != embed_dim) stop("embed_dim must be divisible by num_heads")
    if (self$qkv_same_embed_dim_) {
      self$in_proj_weight <- nn_parameter(torch_empty(3 * embed_dim, embed_dim))
    } else {
      self$q_proj_weight <- nn_parameter(torch_empty(embed_dim, embed_dim))
      self$k_proj_weight <- nn_parameter(torch_empty(embed_dim, self$kdim))
      self$v_proj_weight <- nn_parameter(torch_empty(embed_dim, self$vdim))
    }
    if (bias) self$in_proj_bias <- nn_parameter(torch_empty(3 * embed_dim))
    self$out_proj <- nn_linear(embed_dim, embed_dim, bias = bias)
    if (add_bias_kv) {
      self$bias_k <- nn_parameter(torch_empty(1, 1, embed_dim))
      self$bias_v <- nn_parameter(torch_empty(1, 1, embed_dim))
    }
    self$add_zero_attn <- add_zero_attn
    self$reset_parameters()
  },
  reset_parameters = function() {
    if (self$qkv_same_embed_dim_) {
      nn_init_xavier_uniform_(self$in_proj_weight)
    } else {
      nn_init_xavier_uniform_(self$q_proj_weight)
      nn_init_xavier_uniform_(self$k_proj_weight)
      nn_init_xavier_uniform_(self$v_proj_weight)
    }
    if (!is.null(self$in_proj_bias)) {
      nn_init_constant_(self$in_proj_bias, 0)
      nn_init_constant_(self$out_proj$bias, 0)
    }
    if (!is.null(self$bias_k)) nn_init_xavier_normal_(self$bias_k)
    if (!is.null(self$bias_v)) nn_init_xavier_normal_(self$bias_v)
  },
  forward = function(query, key, value, key_padding_mask = NULL, need_weights = TRUE,
                     attn_mask = NULL, avg_weights = TRUE) {
    if (self$batch_first) {
      query <- query$transpose(1, 2)
      key <- key$transpose(1, 2)
      value <- value$transpose(1, 2)
    }
    out <- nnf_multi_head_attention_forward(
      query, key, value, self$embed_dim, self$num_heads,
      self$in_proj_weight, self$in_proj_bias, self$bias_k, self$bias_v,
      self$add_zero_attn, self$dropout, self$out_proj$weight, self$out_proj$bias,
      training = self$training, key_padding_mask = key_padding_mask,
      need_weights = need_weights, attn_mask = attn_mask, avg_weights = avg_weights,
      use_separate_proj_weight = !self$qkv_same_embed_dim_,
      q_proj_weight = self$q_proj_weight, k_proj_weight = self$k_proj_weight,
      v_proj_weight = self$v_proj_weight
    )
    if (self$batch_first) out[[1]] <- out[[1]]$transpose(1, 2)
    out
  }
)

nnf_multi_head_attention_forward <- function(query, key, value, embed_dim_to_check, num_heads,
                                             in_proj_weight, in_proj_bias, bias_k, bias_v,
                                             add_zero_attn, dropout_p, out_proj_weight, out_proj_bias,
                                             training = TRUE, key_padding_mask = NULL,
                                             need_weights = TRUE, attn_mask = NULL,
                                             use_separate_proj_weight = FALSE, q_proj_weight = NULL,
                                             k_proj_weight = NULL, v_proj_weight = NULL,
                                             static_k = NULL, static_v = NULL, avg_weights = TRUE) {
  tgt_len <- query$size(1)
  bsz <- query$size(2)
  embed_dim <- query$size(3)
  if (embed_dim != embed_dim_to_check) {
    stop("was expecting embedding dimension of ", embed_dim_to_check, ", but got ", embed_dim)
  }
  head_dim <- embed_dim %/% num_heads
  E <- embed_dim
  bq <- bk <- bv <- NULL
  if (!is.null(in_proj_bias)) {
    bq <- in_proj_bias[1:E]
    bk <- in_proj_bias[(E + 1):(2 * E)]
    bv <- in_proj_bias[(2 * E + 1):(3 * E)]
  }
  if (!use_separate_proj_weight) {
    q <- nnf_linear(query, in_proj_weight[1:E, ], bq)
    k <- nnf_linear(key, in_proj_weight[(E + 1):(2 * E), ], bk)
    v <- nnf_linear(value, in_proj_weight[(2 * E + 1):(3 * E), ], bv)
  } else {
    q <- nnf_linear(query, q_proj_weight, bq)
    k <- nnf_linear(key, k_proj_weight, bk)
    v <- nnf_linear(value, v_proj_weight, bv)
  }
  if (!is.null(attn_mask)) {
    if (attn_mask$dtype == torch_uint8()) attn_mask <- attn_mask$to(dtype = torch_bool())
    if (attn_mask$dim() == 2) {
      if (!all(attn_mask$shape == c(tgt_len, key$size(1)))) {
        stop("The shape of the 2D attn_mask is ", paste(attn_mask$shape, collapse = ", "),
             ", but should be ", tgt_len, ", ", key$size(1), ".")
      }
      attn_mask <- attn_mask$unsqueeze(1)
    }
  }
  if (!is.null(key_padding_mask) && key_padding_mask$dtype == torch_uint8()) {
    key_padding_mask <- key_padding_mask$to(dtype = torch_bool())
  }
  if (!is.null(bias_k) && !is.null(bias_v)) {
    k <- torch_cat(list(k, bias_k$`repeat`(c(1, bsz, 1))))
    v <- torch_cat(list(v, bias_v$`repeat`(c(1, bsz, 1))))
    if (!is.null(attn_mask)) attn_mask <- nnf_pad(attn_mask, c(0, 1))
    if (!is.null(key_padding_mask)) key_padding_mask <- nnf_pad(key_padding_mask, c(0, 1))
  }
  q <- q$contiguous()$view(c(tgt_len, bsz * num_heads, head_dim))$transpose(1, 2)
  k <- if (is.null(static_k)) k$contiguous()$view(c(k$size(1), bsz * num_heads, head_dim))$transpose(1, 2) else static_k
  v <- if (is.null(static_v)) v$contiguous()$view(c(v$size(1), bsz * num_heads, head_dim))$transpose(1, 2) else static_v
  if (add_zero_attn) {
    k <- torch_cat(list(k, torch_zeros(c(bsz * num_heads, 1, head_dim), dtype = k$dtype)), dim = 2)
    v <- torch_cat(list(v, torch_zeros(c(bsz * num_heads, 1, head_dim), dtype = v$dtype)), dim = 2)
    if (!is.null(attn_mask)) attn_mask <- nnf_pad(attn_mask, c(0, 1))
    if (!is.null(key_padding_mask)) key_padding_mask <- nnf_pad(key_padding_mask, c(0, 1))
  }
  src_len <- k$size(2)
  if (!is.null(key_padding_mask)) {
    key_padding_mask <- key_padding_mask$view(c(bsz, 1, 1, src_len))$expand(c(-1, num_heads, -1, -1))$reshape(c(bsz * num_heads, 1, src_len))
    if (is.null(attn_mask)) {
      attn_mask <- key_padding_mask
    } else if (attn_mask$dtype == torch_bool()) {
      attn_mask <- attn_mask$logical_or(key_padding_mask)
    } else {
      attn_mask <- torch_where(key_padding_mask, -Inf, attn_mask)
    }
  }
  if (!is.null(attn_mask) && attn_mask$dtype == torch_bool()) {
    attn_mask <- torch_zeros_like(attn_mask, dtype = q$dtype)$masked_fill_(attn_mask, -Inf)
  }
  if (!training) dropout_p <- 0
  q <- q / sqrt(head_dim)
  attn <- if (is.null(attn_mask)) torch_bmm(q, k$transpose(-2, -1)) else torch_baddbmm(attn_mask, q, k$transpose(-2, -1))
  attn <- nnf_softmax(attn, dim = -1)
  if (dropout_p > 0) attn <- nnf_dropout(attn, p = dropout_p)
  attn_output <- torch_bmm(attn, v)
  attn_output <- attn_output$transpose(1, 2)$contiguous()$view(c(tgt_len * bsz, embed_dim))
  attn_output <- nnf_linear(attn_output, out_proj_weight, out_proj_bias)
  attn_output <- attn_output$view(c(tgt_len, bsz, attn_output$size(2)))
  if (!need_weights) return(list(attn_output, NULL))
  w <- attn$view(c(bsz, num_heads, tgt_len, src_len))
  if (avg_weights) w <- w$sum(dim = 2) / num_heads
  list(attn_output, w)
}

clone_module <- function(module, deep = FALSE, ..., replace_values = TRUE) {
  module$clone(deep = deep)
}

# PyTorch 1.13's TransformerEncoderLayer: submodules made in its order (so
# the same seed gives the same weights); post-norm by default.
nn_transformer_encoder_layer <- nn_module(
  "nn_transformer_encoder_layer",
  initialize = function(d_model, nhead, dim_feedforward = 2048, dropout = 0.1, activation = "relu",
                        layer_norm_eps = 1e-5, batch_first = FALSE, norm_first = FALSE, bias = TRUE) {
    self$self_attn <- nn_multihead_attention(d_model, nhead, dropout = dropout, bias = bias,
                                             batch_first = batch_first)
    self$linear1 <- nn_linear(d_model, dim_feedforward, bias = bias)
    self$dropout <- nn_dropout(dropout)
    self$linear2 <- nn_linear(dim_feedforward, d_model, bias = bias)
    self$norm_first <- norm_first
    self$norm1 <- nn_layer_norm(d_model, eps = layer_norm_eps, elementwise_affine = bias)
    self$norm2 <- nn_layer_norm(d_model, eps = layer_norm_eps, elementwise_affine = bias)
    self$dropout1 <- nn_dropout(dropout)
    self$dropout2 <- nn_dropout(dropout)
    if (is.function(activation)) {
      self$activation <- activation
    } else if (identical(activation, "relu")) {
      self$activation <- nnf_relu
    } else if (identical(activation, "gelu")) {
      self$activation <- nnf_gelu
    } else {
      stop("activation should be relu/gelu, not ", activation)
    }
  },
  .sa_block = function(x, attn_mask, key_padding_mask) {
    x <- self$self_attn(x, x, x, attn_mask = attn_mask, key_padding_mask = key_padding_mask,
                        need_weights = FALSE)[[1]]
    self$dropout1(x)
  },
  .ff_block = function(x) {
    x <- self$linear2(self$dropout(self$activation(self$linear1(x))))
    self$dropout2(x)
  },
  forward = function(src, src_mask = NULL, src_key_padding_mask = NULL, is_causal = FALSE) {
    if (is_causal) {
      if (!is.null(src_mask)) stop("Explicit src_mask should not be set when is_causal=TRUE. Use one or the other.")
      L <- if (self$self_attn$batch_first) src$size(2) else src$size(1)
      src_mask <- torch_ones(L, L, dtype = torch_bool())$triu(diagonal = 1)
    }
    x <- src
    if (self$norm_first) {
      x <- x + self$.sa_block(self$norm1(x), src_mask, src_key_padding_mask)
      x <- x + self$.ff_block(self$norm2(x))
    } else {
      x <- self$norm1(x + self$.sa_block(x, src_mask, src_key_padding_mask))
      x <- self$norm2(x + self$.ff_block(x))
    }
    x
  }
)

# num_layers deep copies of encoder_layer (the same initial weights, as
# PyTorch's copy.deepcopy), then an optional norm
nn_transformer_encoder <- nn_module(
  "nn_transformer_encoder",
  initialize = function(encoder_layer, num_layers, norm = NULL) {
    if (!is_nn_module(encoder_layer)) stop("encoder_layer must be an nn_module")
    self$layers <- nn_module_list(lapply(seq_len(num_layers), function(i) clone_module(encoder_layer, deep = TRUE)))
    self$num_layers <- num_layers
    self$norm <- norm
  },
  forward = function(src, mask = NULL, src_key_padding_mask = NULL, is_causal = FALSE) {
    out <- src
    for (i in seq_len(self$num_layers)) {
      out <- self$layers[[i]](out, src_mask = mask, src_key_padding_mask = src_key_padding_mask,
                              is_causal = is_causal)
    }
    if (!is.null(self$norm)) out <- self$norm(out)
    out
  }
)
