package trace

import (
	"strings"
	"testing"

	"torchr/tensor"
)

// traceView traces x -> relu(x)$view(c(n, -1)) with n the size of dim 0
// of x (read from x itself when fromInput, else from relu(x)).
func traceView(t *testing.T, rt *tensor.Runtime, fromInput bool) *Function {
	t.Helper()
	x := randn(t, rt, 4, 2, 3)
	tr := Start(rt, Options{OnShapeRead: func() string { return "`x$size(1)`" }})
	if err := tr.Input(x); err != nil {
		t.Fatal(err)
	}
	h, err := rt.Relu(x)
	if err != nil {
		t.Fatal(err)
	}
	read := h
	if fromInput {
		read = x
	}
	rt.ReadShape(read, 0)
	y, err := rt.View(h, read.Shape()[0], -1)
	if err != nil {
		t.Fatal(err)
	}
	f, err := tr.Finish("forward", y)
	if err != nil {
		t.Fatal(err)
	}
	return f
}

func TestShapeGuards(t *testing.T) {
	rt := tensor.NewRuntime()
	for _, fromInput := range []bool{true, false} {
		f := traceView(t, rt, fromInput)
		if !strings.Contains(f.Graph.String(), "prim::Constant[value=4]()") {
			t.Errorf("the size read is a constant of the graph:\n%s", f.Graph)
		}
		for _, noGrad := range []bool{false, true} {
			run := func(x *tensor.Tensor) (any, error) { return f.Run(rt, nil, x) }
			if noGrad {
				run = func(x *tensor.Tensor) (out any, err error) {
					err = rt.NoGrad(func() error { out, err = f.Run(rt, nil, x); return err })
					return out, err
				}
			}
			for i := 0; i < 3; i++ { // new signature, then its plan
				out, err := run(randn(t, rt, 4, 5, 3))
				if err != nil {
					t.Fatal(err)
				}
				if s := out.(*tensor.Tensor).Shape(); s[0] != 4 || s[1] != 15 {
					t.Errorf("shape %v", s)
				}
			}
			_, err := run(randn(t, rt, 6, 2, 3))
			what := "a tensor"
			if fromInput {
				what = "input 1"
			}
			want := "forward was traced with " + what + " of size 4 in dimension 1 (read into R by `x$size(1)`); got 6: " + ShapeReadHint
			if err == nil || err.Error() != want {
				t.Errorf("fromInput=%v noGrad=%v: error %v\nwant %s", fromInput, noGrad, err, want)
			}
		}
	}
}

func TestNoShapeReadNoGuard(t *testing.T) {
	rt := tensor.NewRuntime()
	x, other := randn(t, rt, 4, 3), randn(t, rt, 2)
	tr := Start(rt, Options{})
	if err := tr.Input(x); err != nil {
		t.Fatal(err)
	}
	rt.ReadShape(other, 0) // not a traced tensor (a constant)
	y, err := rt.Relu(x)
	if err != nil {
		t.Fatal(err)
	}
	f, err := tr.Finish("forward", y)
	if err != nil {
		t.Fatal(err)
	}
	if len(f.guards) != 0 {
		t.Fatalf("guards %v", f.guards)
	}
	for _, n := range []int{1, 9, 4} {
		out, err := f.Run(rt, nil, randn(t, rt, n, 3))
		if err != nil {
			t.Fatal(err)
		}
		if s := out.(*tensor.Tensor).Shape(); s[0] != n {
			t.Errorf("shape %v", s)
		}
	}
}
