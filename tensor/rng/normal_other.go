//go:build !amd64 || purego

package rng

// normalBlocksF32 runs normalFill16F32 over len(d)/16 whole blocks.
func normalBlocksF32(d []float32, mean, std float32) {
	for i := 0; i+16 <= len(d); i += 16 {
		normalFill16F32(d[i:i+16], mean, std)
	}
}

// cpuMatchesFixtures reports whether this CPU takes the same code paths in
// PyTorch and glibc as the machine the fixtures were recorded on (AVX2 and
// FMA). Unknown here, so the live fixture check is skipped.
func cpuMatchesFixtures() bool { return false }
