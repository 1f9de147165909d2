//go:build !amd64 || purego

package rng

// normalBlocksF32 runs normalFill16F32 over len(d)/16 whole blocks.
func normalBlocksF32(d []float32, mean, std float32) {
	for i := 0; i+16 <= len(d); i += 16 {
		normalFill16F32(d[i:i+16], mean, std)
	}
}
