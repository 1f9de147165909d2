package torch

// Help text for the nn, optim and data builtins (zz_help.go makes pages).
var nnPages = map[string]string{
	".nn_fan_in":               "Internal: the fan-in of a weight tensor (size(2) times the receptive field).",
	"is_nn_buffer":             "TRUE for a tensor marked with nn_buffer().",
	"is_nn_module":             "TRUE for an nn_module instance (not a generator).",
	"is_nn_parameter":          "TRUE for a tensor marked with nn_parameter().",
	"nn_buffer":                "Marks a tensor as a buffer: assigned to self$name in a module, it is registered (persistent ones go to state_dict()).",
	"nn_parameter":             "Marks a tensor as a parameter (requires_grad = TRUE): assigned to self$name in a module, it is registered.",
	"nn_module":                "Defines a module class: initialize, forward and other methods (self, private, super as in R6); inherit = another module; returns a generator whose calls make instances.",
	"nn_init_calculate_gain":   "The recommended gain for a nonlinearity (torch.nn.init.calculate_gain).",
	"nn_init_constant_":        "Fills the tensor with val, in place.",
	"nn_init_eye_":             "Fills a 2-D tensor with the identity, in place.",
	"nn_init_kaiming_normal_":  "He normal initialisation, in place (torch.nn.init.kaiming_normal_).",
	"nn_init_kaiming_uniform_": "He uniform initialisation, in place (torch.nn.init.kaiming_uniform_).",
	"nn_init_normal_":          "Fills the tensor with normal samples, in place.",
	"nn_init_ones_":            "Fills the tensor with ones, in place.",
	"nn_init_orthogonal_":      "A (semi-)orthogonal matrix from the QR of normal samples, in place.",
	"nn_init_uniform_":         "Fills the tensor with uniform samples in [a, b), in place.",
	"nn_init_xavier_normal_":   "Glorot normal initialisation, in place.",
	"nn_init_xavier_uniform_":  "Glorot uniform initialisation, in place.",
	"nn_init_zeros_":           "Fills the tensor with zeros, in place.",
	"nn_utils_clip_grad_norm_": "Scales the gradients of parameters so that their total norm is at most max_norm; returns the total norm.",
	"optim_required":           "Marks a required optimizer argument (lr of optim_sgd).",
	"optim_sgd":                "Stochastic gradient descent with momentum, dampening, Nesterov and weight decay (PyTorch's update). $step(), $zero_grad(), $param_groups, $state_dict().",
	"optim_adam":               "Adam (PyTorch's update), optionally AMSGrad.",
	"optim_adamw":              "Adam with decoupled weight decay.",
	"optim_rmsprop":            "RMSprop, optionally centered and with momentum.",
	"optim_adagrad":            "Adagrad with learning-rate decay.",
}

func init() {
	for k, v := range nnPages {
		extraPages[k] = v
	}
	for _, n := range []string{"relu", "relu6", "silu", "selu", "sigmoid", "tanh", "mish", "leaky_relu", "elu", "gelu", "softplus",
		"softmax", "log_softmax", "dropout", "conv1d", "conv2d", "conv_transpose1d", "conv_transpose2d", "max_pool1d", "max_pool2d",
		"avg_pool1d", "avg_pool2d", "adaptive_avg_pool1d", "adaptive_avg_pool2d", "batch_norm", "layer_norm", "group_norm",
		"embedding", "linear", "bilinear", "mse_loss", "l1_loss", "smooth_l1_loss", "huber_loss", "kl_div", "cross_entropy",
		"nll_loss", "binary_cross_entropy", "binary_cross_entropy_with_logits"} {
		if _, ok := extraPages["nnf_"+n]; !ok {
			extraPages["nnf_"+n] = "The functional form of nn_" + n + " (R torch's nnf_" + n + "); class targets and indices are 1-based."
		}
	}
}
