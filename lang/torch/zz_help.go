package torch

import (
	"strings"

	"torchr/lang/eval"
	"torchr/lang/help"
)

// pageText gives short descriptions of the hand-written functions; the
// generated torch_<op> functions get a page derived from the op schemas.
var pageText = map[string]string{
	"torch_tensor":            "Creates a tensor from R data: doubles give Float, integers Long, logicals Bool; matrices and arrays keep R's layout (x[i, j] is the same element).",
	"as_array":                "Converts a tensor to an R vector, matrix or array.",
	"torch_is_installed":      "TRUE: torch is built in.",
	"cuda_is_available":       "FALSE: only the CPU device exists.",
	"cuda_device_count":       "0: no CUDA devices.",
	"torch_manual_seed":       "Seeds the session's random generator (same streams as PyTorch's CPU generator).",
	"torch_get_rng_state":     "The random generator's state: a uint8 tensor laid out as torch.get_rng_state() (5056 bytes).",
	"torch_set_rng_state":     "Restores a state from torch_get_rng_state() (or PyTorch's torch.get_rng_state()).",
	"torch_set_num_threads":   "Sets how many threads kernels may use.",
	"torch_get_num_threads":   "Number of threads kernels may use.",
	"torch_device":            "A device object; only \"cpu\" is available.",
	"is_torch_tensor":         "TRUE for a tensor.",
	"is_torch_dtype":          "TRUE for a dtype object.",
	"is_undefined_tensor":     "TRUE for the undefined tensor: x$grad before any backward (prints [ Tensor (undefined) ]; operations on it are errors).",
	"torch_get_default_dtype": "The default floating dtype (torch_float()).",
	"torch_zeros":             "A tensor of zeros; sizes as separate arguments or one vector.",
	"torch_ones":              "A tensor of ones; sizes as separate arguments or one vector.",
	"torch_empty":             "An uninitialised tensor (zeros here).",
	"torch_randn":             "Standard normal samples.",
	"torch_rand":              "Uniform samples in [0, 1).",
	"torch_full":              "A tensor filled with fill_value.",
	"torch_arange":            "Values from start to end (included, as in R torch) by step.",
	"torch_eye":               "An identity matrix.",
	"torch_randint":           "Random integers in [low, high).",
	"torch_randperm":          "A random permutation of 0..n-1.",
	"torch_linspace":          "steps values evenly spaced from start to end.",
	"torch_logspace":          "steps values evenly spaced on a log scale.",
	"torch_normal":            "Normal samples with the given mean and std.",
}

func init() {
	memberList() // the $ member list, before any session runs
	var ps []*help.Page
	for _, n := range eval.BuiltinNames() {
		if help.Lookup(n) != nil {
			continue
		}
		desc, ok := pageText[n]
		if !ok {
			if d, isDT := dtypePages[n]; isDT {
				desc, ok = "The "+d+" dtype.", true
			}
		}
		if !ok && strings.HasPrefix(n, "torch_") {
			if s := specs[strings.TrimPrefix(n, "torch_")]; s != nil {
				var sch []string
				for _, op := range s.ops {
					sch = append(sch, "aten::"+op.Schema())
				}
				desc = "R torch's " + n + ", running the tensor core's " + strings.Join(sch, "; ") +
					". dim arguments are 1-based (negative counts from the end) and returned indices are 1-based, as in R torch."
				if s.method {
					desc += " Also a tensor method: x$" + s.name + "(...)."
				}
				ok = true
			}
		}
		if !ok {
			if extraPages[n] == "" {
				continue
			}
			desc = extraPages[n]
		}
		pkg := "torch"
		if n == "test_that" || strings.HasPrefix(n, "expect_") || strings.HasPrefix(n, "skip") || n == "fixed" || n == "tolerance" {
			pkg = "testthat"
		}
		ps = append(ps, &help.Page{Topics: []string{n}, Title: n, Description: desc, File: "lang/torch", Package: pkg})
	}
	help.Register(ps...)
}

var dtypePages = map[string]string{
	"torch_float": "float32", "torch_float32": "float32", "torch_double": "float64", "torch_float64": "float64",
	"torch_long": "int64", "torch_int64": "int64", "torch_int": "int32", "torch_int32": "int32",
	"torch_bool": "bool", "torch_uint8": "uint8",
}

// extraPages documents the other builtins of this package (autograd,
// testthat); filled by their files.
var extraPages = map[string]string{}
