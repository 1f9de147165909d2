package tensor

import (
	"testing"
)

func benchUnary(b *testing.B, op string) {
	rt := NewRuntime()
	x, _ := rt.Randn(Float32, 1000000)
	o, _ := LookupOp(op)
	b.SetBytes(4e6)
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		if _, err := rt.call1(o, x); err != nil {
			b.Fatal(err)
		}
	}
}

func benchBinary(b *testing.B, op string, scalar bool) {
	rt := NewRuntime()
	x, _ := rt.Randn(Float32, 1000000)
	var y any
	if scalar {
		y = 2.0
	} else {
		y, _ = rt.Randn(Float32, 1000000)
	}
	b.SetBytes(4e6)
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		if _, err := rt.Call(op, x, y); err != nil {
			b.Fatal(err)
		}
	}
}

func BenchmarkAdd1e6(b *testing.B)       { benchBinary(b, "add", false) }
func BenchmarkMul1e6(b *testing.B)       { benchBinary(b, "mul", false) }
func BenchmarkMulScalar1e6(b *testing.B) { benchBinary(b, "mul", true) }
func BenchmarkDiv1e6(b *testing.B)       { benchBinary(b, "div", false) }
func BenchmarkRelu1e6(b *testing.B)      { benchUnary(b, "relu") }
func BenchmarkNeg1e6(b *testing.B)       { benchUnary(b, "neg") }
func BenchmarkExp1e6(b *testing.B)       { benchUnary(b, "exp") }
func BenchmarkSigmoid1e6(b *testing.B)   { benchUnary(b, "sigmoid") }
func BenchmarkTanh1e6(b *testing.B)      { benchUnary(b, "tanh") }
func BenchmarkSum1e6(b *testing.B)       { benchUnary(b, "sum") }
func BenchmarkMean1e6(b *testing.B)      { benchUnary(b, "mean") }

// BenchmarkOpOverhead is the dispatch cost of a 1-element op.
func BenchmarkOpOverhead(b *testing.B) {
	rt := NewRuntime()
	x, _ := rt.Randn(Float32, 1)
	y, _ := rt.Randn(Float32, 1)
	for i := 0; i < b.N; i++ {
		rt.Add(x, y, Int(1))
	}
}
