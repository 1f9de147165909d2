//go:build !amd64 || purego || noasm

package tensor

import "math"

const hasAVX2 = false

func simdBinF32(op int, o, a, b []float32) bool               { return false }
func simdBinScalarF32(op int, o, a []float32, s float32) bool { return false }
func simdUnF32(op int, o, a []float32) bool                   { return false }
func simdSumF32(a []float32) (float64, bool)                  { return 0, false }
func simdTransF32(op int, o, a []float32) bool                { return false }

const simdRowOK = false

func simdMaxF32(a []float32) float32 {
	mx := float32(math.Inf(-1))
	for _, v := range a {
		if v > mx {
			mx = v
		}
	}
	return mx
}
