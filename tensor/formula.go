package tensor

import "errors"

// F is a small helper for writing backward formulas (and composite
// kernels) without an error check after every op: the first error sticks
// and later calls return nil. End with Err or Ret.
type F struct {
	rt  *Runtime
	err error
}

// NewF starts a formula on rt.
func NewF(rt *Runtime) *F { return &F{rt: rt} }

// Err is the first error met.
func (f *F) Err() error { return f.err }

// Ret returns ts with the first error.
func (f *F) Ret(ts ...*Tensor) ([]*Tensor, error) {
	if f.err != nil {
		return nil, f.err
	}
	return ts, nil
}

// Op calls an op by *Op with positional arguments.
func (f *F) Op(op *Op, args ...any) *Tensor {
	if f.err != nil {
		return nil
	}
	if op == nil {
		f.err = errors.New("internal error: op not registered")
		return nil
	}
	for _, a := range args {
		if t, ok := a.(*Tensor); ok && t == nil {
			// a nil *Tensor from an earlier failure or a skipped grad
			if f.err == nil {
				f.err = errNilTensor
			}
			return nil
		}
	}
	r, err := f.rt.call1(op, args...)
	f.err = err
	return r
}

// Call calls an op by name.
func (f *F) Call(name string, args ...any) *Tensor {
	if f.err != nil {
		return nil
	}
	for _, a := range args {
		if t, ok := a.(*Tensor); ok && t == nil {
			f.err = errNilTensor
			return nil
		}
	}
	op, a, err := resolve(name, args, nil)
	if err != nil {
		f.err = err
		return nil
	}
	outs, err := f.rt.Run(op, a)
	if err != nil {
		f.err = err
		return nil
	}
	return outs[0]
}

func (f *F) Add(a *Tensor, b any) *Tensor  { return f.Op(registry["aten::add.Tensor"], a, b) }
func (f *F) Sub(a *Tensor, b any) *Tensor  { return f.Op(registry["aten::sub.Tensor"], a, b) }
func (f *F) Mul(a *Tensor, b any) *Tensor  { return f.Op(registry["aten::mul.Tensor"], a, b) }
func (f *F) Div(a *Tensor, b any) *Tensor  { return f.Op(registry["aten::div.Tensor"], a, b) }
func (f *F) Neg(a *Tensor) *Tensor         { return f.Op(registry["aten::neg"], a) }
func (f *F) Pow(a *Tensor, e any) *Tensor  { return f.Op(registry["aten::pow.Tensor_Scalar"], a, e) }
func (f *F) Exp(a *Tensor) *Tensor         { return f.Op(registry["aten::exp"], a) }
func (f *F) Log(a *Tensor) *Tensor         { return f.Op(registry["aten::log"], a) }
func (f *F) Sqrt(a *Tensor) *Tensor        { return f.Op(registry["aten::sqrt"], a) }
func (f *F) Sin(a *Tensor) *Tensor         { return f.Op(registry["aten::sin"], a) }
func (f *F) Cos(a *Tensor) *Tensor         { return f.Op(registry["aten::cos"], a) }
func (f *F) Sigmoid(a *Tensor) *Tensor     { return f.Op(registry["aten::sigmoid"], a) }
func (f *F) Tanh(a *Tensor) *Tensor        { return f.Op(registry["aten::tanh"], a) }
func (f *F) Sign(a *Tensor) *Tensor        { return f.Op(registry["aten::sign"], a) }
func (f *F) Square(a *Tensor) *Tensor      { return f.Op(registry["aten::mul.Tensor"], a, a) }
func (f *F) Reciprocal(a *Tensor) *Tensor  { return f.Op(registry["aten::reciprocal"], a) }
func (f *F) Where(c, a, b any) *Tensor     { return f.Op(registry["aten::where.self"], c, a, b) }
func (f *F) Gt(a *Tensor, b any) *Tensor   { return f.Op(registry["aten::gt.Tensor"], a, b) }
func (f *F) Ge(a *Tensor, b any) *Tensor   { return f.Op(registry["aten::ge.Tensor"], a, b) }
func (f *F) Lt(a *Tensor, b any) *Tensor   { return f.Op(registry["aten::lt.Tensor"], a, b) }
func (f *F) Le(a *Tensor, b any) *Tensor   { return f.Op(registry["aten::le.Tensor"], a, b) }
func (f *F) Eq(a *Tensor, b any) *Tensor   { return f.Op(registry["aten::eq.Tensor"], a, b) }
func (f *F) To(a *Tensor, d DType) *Tensor { return f.Op(registry["aten::_to_copy"], a, d) }
func (f *F) ZerosLike(a *Tensor) *Tensor   { return f.Op(registry["aten::zeros_like"], a) }
func (f *F) OnesLike(a *Tensor) *Tensor    { return f.Op(registry["aten::ones_like"], a) }
func (f *F) MM(a, b *Tensor) *Tensor       { return f.Op(registry["aten::mm"], a, b) }
func (f *F) T(a *Tensor) *Tensor           { return f.Op(registry["aten::t"], a) }
func (f *F) Transpose(a *Tensor, d0, d1 int) *Tensor {
	return f.Op(registry["aten::transpose.int"], a, d0, d1)
}
func (f *F) Reshape(a *Tensor, shape []int) *Tensor { return f.Op(registry["aten::reshape"], a, shape) }
func (f *F) Expand(a *Tensor, shape []int) *Tensor  { return f.Op(registry["aten::expand"], a, shape) }
func (f *F) SumDim(a *Tensor, dims []int, keep bool) *Tensor {
	return f.Op(registry["aten::sum.dim_IntList"], a, dims, keep, nil)
}
func (f *F) Sum(a *Tensor) *Tensor { return f.Op(registry["aten::sum"], a, nil) }
func (f *F) Unsqueeze(a *Tensor, d int) *Tensor {
	return f.Op(registry["aten::unsqueeze"], a, d)
}
func (f *F) Permute(a *Tensor, dims []int) *Tensor { return f.Op(registry["aten::permute"], a, dims) }
func (f *F) Clone(a *Tensor) *Tensor               { return f.Op(registry["aten::clone"], a, nil) }
