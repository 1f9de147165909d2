package rng_test

import (
	"fmt"

	"torchr/tensor/rng"
)

// The default initialisation of nn_linear(4, 2) after torch_manual_seed(42),
// then torch_randn(3): the same numbers PyTorch prints.
func Example() {
	g := rng.New(42)
	weight := make([]float32, 2*4)
	bias := make([]float32, 2)
	g.DefaultLayerInitFloat32(weight, bias, 4)
	fmt.Printf("%.4f\n%.4f\n", weight, bias)

	x := make([]float32, 3)
	g.NormalFloat32(x, 0, 1)
	fmt.Printf("%.4f\n", x)
	// Output:
	// [0.3823 0.4150 -0.1171 0.4593 -0.1096 0.1009 -0.2434 0.2936]
	// [0.4408 -0.3668]
	// [-2.4661 0.3623 0.3765]
}
