//go:build !amd64 || purego || noasm

package torch

func adamVec(p, g, m, v []float32, c *[8]float32) int { return 0 }

func adamHasAVX2Enabled(on bool) bool { return false }
