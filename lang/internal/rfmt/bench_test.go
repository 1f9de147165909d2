package rfmt
import ("testing";"math/rand")
func BenchmarkPrint1e5(b *testing.B){
 r:=rand.New(rand.NewSource(1)); x:=make([]float64,100000); for i:=range x{x[i]=r.NormFloat64()}
 for i:=0;i<b.N;i++{ PrintVector(Vec{Kind:Double,D:x}, nil, DefaultOptions()) }
}
