//go:build !amd64 || purego || noasm

package gemm

func asmImpls32() []*impl[float32] { return nil }
func asmImpls64() []*impl[float64] { return nil }
