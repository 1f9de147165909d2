package torch

import (
	"strings"

	"torchr/lang/eval"
	"torchr/lang/help"
	"torchr/lang/syntax"
)

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
	"optim_adadelta":           "Adadelta (PyTorch 1.13's update: running averages of squared gradients and of squared updates).",
	"optim_rprop":              "Rprop: per-element step sizes grown by etas[2] while the gradient keeps its sign and shrunk by etas[1] when it flips, within step_sizes.",
	"optim_asgd":               "Averaged SGD (PyTorch 1.13's ASGD; the averaged parameters are in the optimizer state as ax).",
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

var preludeDesc = map[string]string{
	"nn_linear":                 "Applies a linear transformation y = x W^T + b; weight (out_features, in_features) and bias initialised as PyTorch does (kaiming_uniform_, a = sqrt(5)).",
	"nn_conv2d":                 "2-D convolution over (N, C, H, W) inputs; PyTorch's default initialisation.",
	"nn_sequential":             "Runs its modules in order; children are named 0, 1, ...",
	"nn_module_list":            "Holds submodules in a list (registered, indexable with [[i]]).",
	"nn_module_dict":            "Holds named submodules.",
	"nn_batch_norm1d":           "Batch normalisation over (N, C) or (N, C, L) inputs with running statistics.",
	"nn_batch_norm2d":           "Batch normalisation over (N, C, H, W) inputs with running statistics.",
	"nn_dropout":                "Zeroes elements with probability p in training mode (PyTorch's random stream), scales the rest by 1/(1-p).",
	"nn_embedding":              "A lookup table of num_embeddings vectors; indices are 1-based.",
	"nn_lstm":                   "Long short-term memory layers; returns list(output, list(h_n, c_n)).",
	"nn_gru":                    "Gated recurrent unit layers; returns list(output, h_n).",
	"nn_rnn":                    "Elman RNN layers (tanh or relu); returns list(output, h_n).",
	"nn_cross_entropy_loss":     "Cross entropy between logits and 1-based class targets.",
	"nn_mse_loss":               "Mean squared error.",
	"tensor_dataset":            "A dataset of tensors indexed along their first dimension.",
	"lr_step":                   "Multiplies the learning rate by gamma every step_size epochs.",
	"lr_multiplicative":         "Multiplies the learning rate by lr_lambda(epoch) at each step.",
	"lr_lambda":                 "Sets the learning rate to the initial one times lr_lambda(epoch).",
	"lr_cosine_annealing":       "Cosine annealing of the learning rate between the initial one and eta_min over T_max steps.",
	"lr_one_cycle":              "The one-cycle policy: learning rate (and momentum) annealed up to max_lr then down.",
	"nn_utils_clip_grad_value_": "Clamps the gradients of parameters to [-clip_value, clip_value] in place.",
}

func init() {
	var pages []*help.Page
	files := preludeFiles()
	for fi, file := range preludeDecls() {
		f := files[fi]
		inits := map[string][]syntax.Param{}
		for _, x := range file.Exprs {
			a, ok := x.X.(*syntax.Assign)
			if !ok {
				continue
			}
			id, ok := a.Lhs.(*syntax.Ident)
			if !ok || strings.HasPrefix(id.Name, ".") {
				continue
			}
			var params []syntax.Param
			found := false
			switch r := a.Rhs.(type) {
			case *syntax.Function:
				params, found = r.Params, true
			case *syntax.Call:
				for _, arg := range r.Args {
					if arg.Name == "initialize" {
						if fn, ok := arg.Value.(*syntax.Function); ok {
							params, found = fn.Params, true
						}
					}
				}
				if !found {
					for _, arg := range r.Args {
						if arg.Name == "inherit" {
							if p, ok := arg.Value.(*syntax.Ident); ok {
								params, found = inits[p.Name]
							}
						}
					}
				}
			}
			inits[id.Name] = params
			if help.Lookup(id.Name) != nil {
				continue
			}
			var ps []string
			for _, p := range params {
				s := p.Name
				if p.Default != nil {
					s += " = " + eval.DeparseExpr(p.Default)
				}
				ps = append(ps, s)
			}
			desc := preludeDesc[id.Name]
			if desc == "" {
				desc = "R torch's " + id.Name + " (written in R: lang/torch/" + f + ")."
			}
			pages = append(pages, &help.Page{Topics: []string{id.Name}, Title: id.Name, Description: desc,
				Usage: []string{id.Name + "(" + strings.Join(ps, ", ") + ")"}, Package: "torch", File: "lang/torch/" + f})
		}
	}
	help.Register(pages...)
}
