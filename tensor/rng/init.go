package rng

import "math"

// Default initialisation of layers, as torch.nn (and R torch's nn_*) do it.

// KaimingUniformBound is the bound b of nn.init.kaiming_uniform_(w, a,
// mode = "fan_in", nonlinearity = "leaky_relu"), which fills w with
// uniform_(-b, b): gain = sqrt(2 / (1 + a^2)), b = sqrt(3) * gain / sqrt(fanIn).
// Linear and convolution weights use a = sqrt(5).
func KaimingUniformBound(fanIn int, a float64) float64 {
	gain := math.Sqrt(2.0 / (1 + a*a))
	std := gain / math.Sqrt(float64(fanIn))
	return math.Sqrt(3.0) * std
}

// BiasBound is the bound 1/sqrt(fanIn) of the default bias initialisation
// of linear and convolution layers (0 when fanIn is 0).
func BiasBound(fanIn int) float64 {
	if fanIn <= 0 {
		return 0
	}
	return 1 / math.Sqrt(float64(fanIn))
}

// DefaultLayerInitFloat32 initialises a linear or convolution layer like
// its reset_parameters: weight = kaiming_uniform_(a = sqrt(5)) and then, if
// bias is not nil, bias = uniform_(-1/sqrt(fanIn), 1/sqrt(fanIn)). fanIn is
// weight.size(1) * prod(kernel_size): in_features for nn_linear,
// in_channels/groups * prod(kernel_size) for nn_conv*d, and
// out_channels/groups * prod(kernel_size) for nn_conv_transpose*d.
// (Recurrent layers instead fill every parameter, in named_parameters
// order, with UniformFloat32(p, -BiasBound(hidden), BiasBound(hidden)).)
func (g *Generator) DefaultLayerInitFloat32(weight, bias []float32, fanIn int) {
	b := KaimingUniformBound(fanIn, math.Sqrt(5))
	g.UniformFloat32(weight, -b, b)
	if bias != nil {
		bb := BiasBound(fanIn)
		g.UniformFloat32(bias, -bb, bb)
	}
}

// DefaultLayerInitFloat64 is DefaultLayerInitFloat32 for float64 parameters.
func (g *Generator) DefaultLayerInitFloat64(weight, bias []float64, fanIn int) {
	b := KaimingUniformBound(fanIn, math.Sqrt(5))
	g.UniformFloat64(weight, -b, b)
	if bias != nil {
		bb := BiasBound(fanIn)
		g.UniformFloat64(bias, -bb, bb)
	}
}

// XavierUniformBound is the bound a of nn.init.xavier_uniform_(w, gain),
// which fills w with uniform_(-a, a): a = sqrt(3) * gain * sqrt(2/(fanIn+fanOut)).
func XavierUniformBound(fanIn, fanOut int, gain float64) float64 {
	std := gain * math.Sqrt(2.0/float64(fanIn+fanOut))
	return math.Sqrt(3.0) * std
}

// XavierNormalStd is the std of nn.init.xavier_normal_(w, gain), which fills
// w with normal_(0, std): std = gain * sqrt(2/(fanIn+fanOut)).
func XavierNormalStd(fanIn, fanOut int, gain float64) float64 {
	return gain * math.Sqrt(2.0/float64(fanIn+fanOut))
}

// KaimingNormalStd is the std of nn.init.kaiming_normal_(w, a, mode =
// "fan_in", nonlinearity = "leaky_relu"), which fills w with normal_(0, std):
// gain / sqrt(fan) with gain = sqrt(2/(1+a^2)). (For nonlinearity = "relu"
// the gain is sqrt(2), the same as a = 0.)
func KaimingNormalStd(fan int, a float64) float64 {
	gain := math.Sqrt(2.0 / (1 + a*a))
	return gain / math.Sqrt(float64(fan))
}
