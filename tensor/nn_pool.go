package tensor

import (
	"fmt"
	"math"
)

// Pooling over the last two dimensions of (C,H,W) or (N,C,H,W) inputs;
// the 1-d forms are composites over planes of height 1, as in PyTorch.
// A window along one dimension is [start, end) with a step (dilation);
// an output element's window is the product of its row and column windows.

type win struct{ start, end, step, size int }

// poolWindows computes the windows of a max/avg pooling along one
// dimension of size n, with PyTorch's output size rule.
func poolWindows(n, k, s, p, d int, ceil bool, avg bool) ([]win, error) {
	if s == 0 {
		return nil, fmt.Errorf("stride should not be zero")
	}
	if p < 0 {
		return nil, fmt.Errorf("pad must be non-negative, but got pad: %d", p)
	}
	if p > k/2 {
		return nil, fmt.Errorf("pad should be at most half of kernel size, but got pad=%d and kernel_size=%d", p, k)
	}
	num := n + 2*p - d*(k-1) - 1
	if ceil {
		num += s - 1
	}
	o := floorDiv(num, s) + 1
	if ceil && (o-1)*s >= n+p {
		o--
	}
	if o < 1 {
		return make([]win, 0), nil
	}
	ws := make([]win, o)
	for i := range ws {
		st := i*s - p
		if avg {
			en := min(st+k, n+p)
			size := en - st
			st, en = max(st, 0), min(en, n)
			ws[i] = win{st, en, 1, size}
			continue
		}
		en := min(st+(k-1)*d+1, n)
		for st < 0 {
			st += d
		}
		ws[i] = win{st, en, d, 0}
	}
	return ws, nil
}

func floorDiv(a, b int) int {
	q := a / b
	if (a%b != 0) && ((a < 0) != (b < 0)) {
		q--
	}
	return q
}

// adaptiveWindows: start = floor(o*n/out), end = ceil((o+1)*n/out).
func adaptiveWindows(n, out int) []win {
	ws := make([]win, out)
	for i := range ws {
		st := (i * n) / out
		en := ((i+1)*n + out - 1) / out
		ws[i] = win{st, en, 1, en - st}
	}
	return ws
}

// poolInput checks a pooling input and returns it as contiguous planes
// (P, H, W) with the batch shape to restore.
func poolInput(x *Tensor, name string) (*Tensor, []int, error) {
	nd := len(x.shape)
	ok := nd == 3 || nd == 4
	if ok {
		for _, s := range x.shape[nd-3:] {
			if s == 0 {
				ok = false
			}
		}
		if nd == 3 && x.shape[0] == 0 {
			ok = false
		}
	}
	if !ok {
		return nil, nil, fmt.Errorf("non-empty 3D or 4D (batch mode) tensor expected for input")
	}
	if !x.dtype.IsFloat() {
		return nil, nil, fmt.Errorf("\"%s\" not implemented for '%s'", name, x.dtype.ScalarTypeName())
	}
	return x.contig(), x.shape[:nd-2], nil
}

func checkPoolOut(x *Tensor, rows, cols []win) error {
	if len(rows) < 1 || len(cols) < 1 {
		nd := len(x.shape)
		C, H, W := x.shape[nd-3], x.shape[nd-2], x.shape[nd-1]
		return fmt.Errorf("Given input size: (%dx%dx%d). Calculated output size: (%dx%dx%d). Output size is too small", C, H, W, C, len(rows), len(cols))
	}
	return nil
}

// maxPoolPlanes computes max pooling with flat (h*W+w) indices.
func maxPoolPlanes[T floatElem](rt *Runtime, x []T, P, H, W int, rows, cols []win, out []T, idx []int64) error {
	Ho, Wo := len(rows), len(cols)
	return parallelRange(rt, P, func(lo, hi int) error {
		for p := lo; p < hi; p++ {
			xp := x[p*H*W : (p+1)*H*W]
			op, ip := out[p*Ho*Wo:(p+1)*Ho*Wo], idx[p*Ho*Wo:(p+1)*Ho*Wo]
			for i, r := range rows {
				for j, c := range cols {
					mi := r.start*W + c.start
					var mv T
					found, isNaN := false, false
					for h := r.start; h < r.end && !isNaN; h += r.step {
						row := xp[h*W : h*W+c.end]
						for w := c.start; w < c.end; w += c.step {
							v := row[w]
							if !found || v > mv || v != v {
								mv, mi, found = v, h*W+w, true
								if v != v {
									isNaN = true
									break
								}
							}
						}
					}
					if !found {
						mv = T(math.Inf(-1))
					}
					op[i*Wo+j] = mv
					ip[i*Wo+j] = int64(mi)
				}
			}
			if rt.interrupted() {
				return ErrInterrupted
			}
		}
		return nil
	})
}

// avgPoolPlanes computes out = sum over windows / divisor; with adjoint
// it computes the adjoint map (grad_output -> grad_input, accumulating).
func avgPoolPlanes[T floatElem](x []T, P, H, W int, rows, cols []win, out []T, div func(r, c win) float64, adjoint bool) {
	Ho, Wo := len(rows), len(cols)
	for p := 0; p < P; p++ {
		xp := x[p*H*W : (p+1)*H*W]
		op := out[p*Ho*Wo : (p+1)*Ho*Wo]
		for i, r := range rows {
			for j, c := range cols {
				if r.start >= r.end || c.start >= c.end {
					if !adjoint {
						op[i*Wo+j] = 0
					}
					continue
				}
				d := div(r, c)
				if adjoint {
					g := T(float64(op[i*Wo+j]) / d)
					for h := r.start; h < r.end; h++ {
						row := xp[h*W:]
						for w := c.start; w < c.end; w++ {
							row[w] += g
						}
					}
					continue
				}
				s := 0.0
				for h := r.start; h < r.end; h++ {
					row := xp[h*W:]
					for w := c.start; w < c.end; w++ {
						s += float64(row[w])
					}
				}
				op[i*Wo+j] = T(s / d)
			}
		}
	}
}

func pair(v []int, def []int) (int, int) {
	if len(v) == 0 {
		v = def
	}
	if len(v) == 1 {
		return v[0], v[0]
	}
	return v[0], v[1]
}

func maxPool2dKernel(rt *Runtime, x *Tensor, k, s, p, d []int, ceil bool) (*Tensor, *Tensor, error) {
	if len(k) != 1 && len(k) != 2 {
		return nil, nil, fmt.Errorf("max_pool2d: kernel_size must either be a single int, or a tuple of two ints")
	}
	if len(s) != 0 && len(s) != 1 && len(s) != 2 {
		return nil, nil, fmt.Errorf("max_pool2d: stride must either be omitted, a single int, or a tuple of two ints")
	}
	if len(p) != 1 && len(p) != 2 {
		return nil, nil, fmt.Errorf("max_pool2d: padding must be either be a single int, or a tuple of two ints")
	}
	if len(d) != 1 && len(d) != 2 {
		return nil, nil, fmt.Errorf("max_pool2d: dilation must be either a single int, or a tuple of two ints")
	}
	kh, kw := pair(k, nil)
	sh, sw := pair(s, k)
	ph, pw := pair(p, nil)
	dh, dw := pair(d, nil)
	if kh <= 0 || kw <= 0 {
		return nil, nil, fmt.Errorf("kernel size should be greater than zero, but got kH: %d kW: %d", kh, kw)
	}
	if sh <= 0 || sw <= 0 {
		return nil, nil, fmt.Errorf("stride should be greater than zero, but got dH: %d dW: %d", sh, sw)
	}
	if dh <= 0 || dw <= 0 {
		return nil, nil, fmt.Errorf("dilation should be greater than zero, but got dilationH: %d dilationW: %d", dh, dw)
	}
	xc, batch, err := poolInput(x, "max_pool2d")
	if err != nil {
		return nil, nil, err
	}
	nd := len(x.shape)
	H, W := x.shape[nd-2], x.shape[nd-1]
	rows, err := poolWindows(H, kh, sh, ph, dh, ceil, false)
	if err != nil {
		return nil, nil, err
	}
	cols, err := poolWindows(W, kw, sw, pw, dw, ceil, false)
	if err != nil {
		return nil, nil, err
	}
	if err := checkPoolOut(x, rows, cols); err != nil {
		return nil, nil, err
	}
	shape := append(append([]int(nil), batch...), len(rows), len(cols))
	out := newTensor(x.dtype, shape)
	idx := newTensor(Int64, shape)
	P := numelOf(batch)
	if x.dtype == Float32 {
		err = maxPoolPlanes(rt, dataOf[float32](xc), P, H, W, rows, cols, dataOf[float32](out), dataOf[int64](idx))
	} else {
		err = maxPoolPlanes(rt, dataOf[float64](xc), P, H, W, rows, cols, dataOf[float64](out), dataOf[int64](idx))
	}
	return out, idx, err
}

// indexPoolBackward scatters g into the input's planes at the flat
// indices (max pooling), with differentiable ops.
func indexPoolBackward(f *F, g, idx, x *Tensor) *Tensor {
	nd := len(x.shape)
	P := numelOf(x.shape[:nd-2])
	HW := x.shape[nd-2] * x.shape[nd-1]
	z := newTensor(g.dtype, []int{P, HW})
	gi := f.Reshape(g, []int{P, -1})
	ii := f.Reshape(idx, []int{P, -1})
	r := f.Call("scatter_add", z, 1, ii, gi)
	return f.Reshape(r, x.shape)
}

// avgPoolParams holds avg_pool2d's normalized parameters.
type avgPoolParams struct {
	rows, cols []win
	div        func(r, c win) float64
}

func avgPoolPrep(x *Tensor, k, s, p []int, ceil, countPad bool, divOverride any) (*avgPoolParams, error) {
	if len(k) != 1 && len(k) != 2 {
		return nil, fmt.Errorf("avg_pool2d: kernel_size must either be a single int, or a tuple of two ints")
	}
	if len(s) != 0 && len(s) != 1 && len(s) != 2 {
		return nil, fmt.Errorf("avg_pool2d: stride must either be omitted, a single int, or a tuple of two ints")
	}
	if len(p) != 1 && len(p) != 2 {
		return nil, fmt.Errorf("avg_pool2d: padding must either be a single int, or a tuple of two ints")
	}
	kh, kw := pair(k, nil)
	sh, sw := pair(s, k)
	ph, pw := pair(p, nil)
	if kh <= 0 || kw <= 0 {
		return nil, fmt.Errorf("kernel size should be greater than zero, but got kH: %d kW: %d", kh, kw)
	}
	if sh <= 0 || sw <= 0 {
		return nil, fmt.Errorf("stride should be greater than zero, but got dH: %d dW: %d", sh, sw)
	}
	var dv int
	if v, ok := divOverride.(int); ok {
		if v == 0 {
			return nil, fmt.Errorf("divisor must be not zero")
		}
		dv = v
	}
	nd := len(x.shape)
	if _, _, err := poolInput(x, "avg_pool2d"); err != nil {
		return nil, err
	}
	rows, err := poolWindows(x.shape[nd-2], kh, sh, ph, 1, ceil, true)
	if err != nil {
		return nil, err
	}
	cols, err := poolWindows(x.shape[nd-1], kw, sw, pw, 1, ceil, true)
	if err != nil {
		return nil, err
	}
	if err := checkPoolOut(x, rows, cols); err != nil {
		return nil, err
	}
	q := &avgPoolParams{rows: rows, cols: cols}
	switch {
	case dv != 0:
		q.div = func(r, c win) float64 { return float64(dv) }
	case countPad:
		q.div = func(r, c win) float64 { return float64(r.size * c.size) }
	default:
		q.div = func(r, c win) float64 { return float64((r.end - r.start) * (c.end - c.start)) }
	}
	return q, nil
}

// windowPool runs the average (or adjoint) pooling of x's planes.
func windowPool(x *Tensor, outShape []int, rows, cols []win, div func(r, c win) float64, adjoint bool, g *Tensor) *Tensor {
	nd := len(x.shape)
	H, W := x.shape[nd-2], x.shape[nd-1]
	P := numelOf(x.shape[:nd-2])
	if adjoint {
		gx := newTensor(g.dtype, x.shape)
		gc := g.contig()
		if g.dtype == Float32 {
			avgPoolPlanes(dataOf[float32](gx), P, H, W, rows, cols, dataOf[float32](gc), div, true)
		} else {
			avgPoolPlanes(dataOf[float64](gx), P, H, W, rows, cols, dataOf[float64](gc), div, true)
		}
		return gx
	}
	xc := x.contig()
	out := newTensor(x.dtype, outShape)
	if x.dtype == Float32 {
		avgPoolPlanes(dataOf[float32](xc), P, H, W, rows, cols, dataOf[float32](out), div, false)
	} else {
		avgPoolPlanes(dataOf[float64](xc), P, H, W, rows, cols, dataOf[float64](out), div, false)
	}
	return out
}

func poolOutShape(x *Tensor, rows, cols []win) []int {
	nd := len(x.shape)
	return append(append([]int(nil), x.shape[:nd-2]...), len(rows), len(cols))
}

func adaptiveSize(x *Tensor, size []int, name string) (int, int, error) {
	if len(size) != 1 && len(size) != 2 {
		return 0, 0, fmt.Errorf("%s: output_size must be 2", name)
	}
	oh, ow := pair(size, nil)
	nd := len(x.shape)
	if nd != 3 && nd != 4 {
		return 0, 0, fmt.Errorf("%s(): Expected 3D or 4D tensor, but got %s", name, fmtShape(x.shape))
	}
	for i := 1; i < nd; i++ {
		if x.shape[i] == 0 {
			return 0, 0, fmt.Errorf("%s(): Expected input to have non-zero size for non-batch dimensions, but input has sizes %s with dimension %d being empty", name, fmtShape(x.shape), i)
		}
	}
	if oh < 0 || ow < 0 {
		return 0, 0, fmt.Errorf("%s: elements of output_size must be greater than or equal to 0 but received {%d, %d}", name, oh, ow)
	}
	if !x.dtype.IsFloat() {
		return 0, 0, fmt.Errorf("\"%s\" not implemented for '%s'", name, x.dtype.ScalarTypeName())
	}
	return oh, ow, nil
}

func countDiv(r, c win) float64 { return float64((r.end - r.start) * (c.end - c.start)) }

var (
	opMaxPool2dWithIndices = Register(OpDef{
		Schema: "max_pool2d_with_indices(Tensor self, int[2] kernel_size, int[2] stride=[], int[2] padding=0, int[2] dilation=1, bool ceil_mode=False) -> (Tensor, Tensor)",
		Kernel: func(rt *Runtime, a Args) ([]*Tensor, error) {
			o, i, err := maxPool2dKernel(rt, a.T(0), a.Is(1), a.Is(2), a.Is(3), a.Is(4), a.B(5))
			if err != nil {
				return nil, err
			}
			return []*Tensor{o, i}, nil
		},
		Backward: func(c *BackwardCtx, g []*Tensor) ([]*Tensor, error) {
			f := NewF(c.RT)
			return f.Ret(indexPoolBackward(f, g[0], c.Outputs[1], c.Inputs[0]))
		},
		GradFn: "MaxPool2DWithIndicesBackward0", Saves: []string{"self", "result1"}, NonDiffOutputs: []int{1},
	})
	opAvgPool2d = Register(OpDef{
		Schema: "avg_pool2d(Tensor self, int[2] kernel_size, int[2] stride=[], int[2] padding=0, bool ceil_mode=False, bool count_include_pad=True, int? divisor_override=None) -> Tensor",
		Kernel: func(rt *Runtime, a Args) ([]*Tensor, error) {
			x := a.T(0)
			q, err := avgPoolPrep(x, a.Is(1), a.Is(2), a.Is(3), a.B(4), a.B(5), a[6])
			if err != nil {
				return nil, err
			}
			return []*Tensor{windowPool(x, poolOutShape(x, q.rows, q.cols), q.rows, q.cols, q.div, false, nil)}, nil
		},
		Backward: func(c *BackwardCtx, g []*Tensor) ([]*Tensor, error) {
			f := NewF(c.RT)
			a := c.Args
			return f.Ret(f.Op(registry["aten::avg_pool2d_backward"], g[0], a.T(0), a.Is(1), a.Is(2), a.Is(3), a.B(4), a.B(5), a[6]))
		},
		GradFn: "AvgPool2DBackward0",
	})
	opAvgPool2dBackward = Register(OpDef{
		Schema: "avg_pool2d_backward(Tensor grad_output, Tensor self, int[2] kernel_size, int[2] stride, int[2] padding, bool ceil_mode, bool count_include_pad, int? divisor_override) -> Tensor",
		Kernel: func(rt *Runtime, a Args) ([]*Tensor, error) {
			x := a.T(1)
			q, err := avgPoolPrep(x, a.Is(2), a.Is(3), a.Is(4), a.B(5), a.B(6), a[7])
			if err != nil {
				return nil, err
			}
			return []*Tensor{windowPool(x, nil, q.rows, q.cols, q.div, true, a.T(0).castTo(x.dtype))}, nil
		},
		Backward: func(c *BackwardCtx, g []*Tensor) ([]*Tensor, error) {
			f := NewF(c.RT)
			a := c.Args
			return f.Ret(f.Op(opAvgPool2d, g[0], a.Is(2), a.Is(3), a.Is(4), a.B(5), a.B(6), a[7]), nil)
		},
	})
	opAdaptiveAvgPool2d = Register(OpDef{
		Schema: "_adaptive_avg_pool2d(Tensor self, int[2] output_size) -> Tensor",
		Kernel: func(rt *Runtime, a Args) ([]*Tensor, error) {
			x := a.T(0)
			oh, ow, err := adaptiveSize(x, a.Is(1), "adaptive_avg_pool2d")
			if err != nil {
				return nil, err
			}
			nd := len(x.shape)
			rows, cols := adaptiveWindows(x.shape[nd-2], oh), adaptiveWindows(x.shape[nd-1], ow)
			return []*Tensor{windowPool(x, poolOutShape(x, rows, cols), rows, cols, countDiv, false, nil)}, nil
		},
		Backward: func(c *BackwardCtx, g []*Tensor) ([]*Tensor, error) {
			f := NewF(c.RT)
			return f.Ret(f.Op(registry["aten::_adaptive_avg_pool2d_backward"], g[0], c.Args.T(0)))
		},
		GradFn: "AdaptiveAvgPool2DBackward0",
	})
	opAdaptiveAvgPool2dBackward = Register(OpDef{
		Schema: "_adaptive_avg_pool2d_backward(Tensor grad_output, Tensor self) -> Tensor",
		Kernel: func(rt *Runtime, a Args) ([]*Tensor, error) {
			g, x := a.T(0), a.T(1)
			nd := len(x.shape)
			rows, cols := adaptiveWindows(x.shape[nd-2], g.shape[nd-2]), adaptiveWindows(x.shape[nd-1], g.shape[nd-1])
			return []*Tensor{windowPool(x, nil, rows, cols, countDiv, true, g.castTo(x.dtype))}, nil
		},
		Backward: func(c *BackwardCtx, g []*Tensor) ([]*Tensor, error) {
			f := NewF(c.RT)
			gy := c.Args.T(0)
			nd := len(gy.shape)
			return f.Ret(f.Op(opAdaptiveAvgPool2d, g[0], gy.shape[nd-2:]), nil)
		},
	})
	opAdaptiveMaxPool2d = Register(OpDef{
		Schema: "adaptive_max_pool2d(Tensor self, int[2] output_size) -> (Tensor, Tensor)",
		Kernel: func(rt *Runtime, a Args) ([]*Tensor, error) {
			x := a.T(0)
			oh, ow, err := adaptiveSize(x, a.Is(1), "adaptive_max_pool2d")
			if err != nil {
				return nil, err
			}
			nd := len(x.shape)
			H, W := x.shape[nd-2], x.shape[nd-1]
			rows, cols := adaptiveWindows(H, oh), adaptiveWindows(W, ow)
			xc := x.contig()
			shape := poolOutShape(x, rows, cols)
			out, idx := newTensor(x.dtype, shape), newTensor(Int64, shape)
			P := numelOf(x.shape[:nd-2])
			if x.dtype == Float32 {
				err = maxPoolPlanes(rt, dataOf[float32](xc), P, H, W, rows, cols, dataOf[float32](out), dataOf[int64](idx))
			} else {
				err = maxPoolPlanes(rt, dataOf[float64](xc), P, H, W, rows, cols, dataOf[float64](out), dataOf[int64](idx))
			}
			if err != nil {
				return nil, err
			}
			return []*Tensor{out, idx}, nil
		},
		Backward: func(c *BackwardCtx, g []*Tensor) ([]*Tensor, error) {
			f := NewF(c.RT)
			return f.Ret(indexPoolBackward(f, g[0], c.Outputs[1], c.Inputs[0]))
		},
		GradFn: "AdaptiveMaxPool2DBackward0", Saves: []string{"self", "result1"}, NonDiffOutputs: []int{1},
	})
)

// pool1d runs a 2-d pooling op on x.unsqueeze(-2) and squeezes the
// outputs back, as PyTorch's 1-d poolings do.
func pool1d(rt *Runtime, x *Tensor, name string, run func(f *F, x2 *Tensor) []*Tensor) ([]*Tensor, error) {
	if len(x.shape) != 2 && len(x.shape) != 3 {
		return nil, fmt.Errorf("%s() Expected 2D or 3D input tensor, but got %s", name, fmtShape(x.shape))
	}
	f := NewF(rt)
	outs := run(f, f.Unsqueeze(x, -2))
	if f.Err() != nil {
		return nil, f.Err()
	}
	res := make([]*Tensor, len(outs))
	for i, o := range outs {
		res[i] = f.Call("squeeze.dim", o, -2)
	}
	return f.Ret(res...)
}

func one1(v []int) []int {
	if len(v) == 0 {
		return v
	}
	return []int{1, v[0]}
}

func zero1(v []int) []int { return []int{0, v[0]} }

func init() {
	Register(OpDef{
		Schema:    "max_pool2d(Tensor self, int[2] kernel_size, int[2] stride=[], int[2] padding=0, int[2] dilation=1, bool ceil_mode=False) -> Tensor",
		Composite: true,
		Kernel: func(rt *Runtime, a Args) ([]*Tensor, error) {
			outs, err := rt.Run(opMaxPool2dWithIndices, a)
			if err != nil {
				return nil, err
			}
			return outs[:1], nil
		},
	})
	poolArgs1d := func(a Args) (k, s, p, d []int) {
		k, s, p = one1(a.Is(1)), one1(a.Is(2)), zero1(a.Is(3))
		if len(a) > 4 {
			if dd, ok := a[4].([]int); ok {
				d = one1(dd)
			}
		}
		return
	}
	Register(OpDef{
		Schema:    "max_pool1d_with_indices(Tensor self, int[1] kernel_size, int[1] stride=[], int[1] padding=0, int[1] dilation=1, bool ceil_mode=False) -> (Tensor, Tensor)",
		Composite: true,
		Kernel: func(rt *Runtime, a Args) ([]*Tensor, error) {
			k, s, p, d := poolArgs1d(a)
			return pool1d(rt, a.T(0), "max_pool1d", func(f *F, x2 *Tensor) []*Tensor {
				if f.Err() != nil {
					return nil
				}
				outs, err := f.rt.Call("max_pool2d_with_indices", x2, k, s, p, d, a.B(5))
				if err != nil {
					f.err = err
					return nil
				}
				return outs
			})
		},
	})
	Register(OpDef{
		Schema:    "max_pool1d(Tensor self, int[1] kernel_size, int[1] stride=[], int[1] padding=0, int[1] dilation=1, bool ceil_mode=False) -> Tensor",
		Composite: true,
		Kernel: func(rt *Runtime, a Args) ([]*Tensor, error) {
			k, s, p, d := poolArgs1d(a)
			return pool1d(rt, a.T(0), "max_pool1d", func(f *F, x2 *Tensor) []*Tensor {
				return []*Tensor{f.Call("max_pool2d", x2, k, s, p, d, a.B(5))}
			})
		},
	})
	Register(OpDef{
		Schema:    "avg_pool1d(Tensor self, int[1] kernel_size, int[1] stride=[], int[1] padding=0, bool ceil_mode=False, bool count_include_pad=True) -> Tensor",
		Composite: true,
		Kernel: func(rt *Runtime, a Args) ([]*Tensor, error) {
			k, s, p := one1(a.Is(1)), one1(a.Is(2)), zero1(a.Is(3))
			return pool1d(rt, a.T(0), "avg_pool1d", func(f *F, x2 *Tensor) []*Tensor {
				return []*Tensor{f.Op(opAvgPool2d, x2, k, s, p, a.B(4), a.B(5), nil)}
			})
		},
	})
	Register(OpDef{
		Schema:    "adaptive_avg_pool2d(Tensor self, int[2] output_size) -> Tensor",
		Composite: true,
		Kernel: func(rt *Runtime, a Args) ([]*Tensor, error) {
			x, size := a.T(0), a.Is(1)
			oh, ow := pair(size, nil)
			if len(size) > 0 && oh == 1 && ow == 1 && len(x.shape) >= 2 && x.Numel() > 0 {
				f := NewF(rt)
				return f.Ret(f.Op(registry["aten::mean.dim"], x, []int{-1, -2}, true))
			}
			return rt.Run(opAdaptiveAvgPool2d, a)
		},
	})
	Register(OpDef{
		Schema:    "adaptive_avg_pool1d(Tensor self, int[1] output_size) -> Tensor",
		Composite: true,
		Kernel: func(rt *Runtime, a Args) ([]*Tensor, error) {
			size := a.Is(1)
			if len(size) != 1 {
				return nil, fmt.Errorf("adaptive_avg_pool1d: output_size must be 1")
			}
			return pool1d(rt, a.T(0), "adaptive_avg_pool1d", func(f *F, x2 *Tensor) []*Tensor {
				return []*Tensor{f.Call("adaptive_avg_pool2d", x2, []int{1, size[0]})}
			})
		},
	})
}
