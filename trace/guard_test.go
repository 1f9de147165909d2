package trace

import (
	"archive/zip"
	"bytes"
	"io"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"

	"torchr/tensor"
)

// traceView traces x -> relu(x)$view(c(n, -1)) with n the size of dim 0
// of x (read from x itself when fromInput, else from relu(x)).
func traceView(t *testing.T, rt *tensor.Runtime, fromInput bool) *Function {
	t.Helper()
	return traceViewAs(t, rt, fromInput, "")
}

// traceViewAs is traceView as a method of the class self (if set).
func traceViewAs(t *testing.T, rt *tensor.Runtime, fromInput bool, self string) *Function {
	t.Helper()
	x := randn(t, rt, 4, 2, 3)
	tr := Start(rt, Options{Self: self, OnShapeRead: func() string { return "`x$size(1)`" }})
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

// TestShapeGuardsSurviveSaveLoad saves traces specialised by a shape read
// and checks that the loaded methods reject other sizes with the same
// error (a guard on an intermediate tensor comes back as one on the input
// shapes), that other calls still work, and that PyTorch loads the archive
// and reads the guards record as an extra file.
func TestShapeGuardsSurviveSaveLoad(t *testing.T) {
	rt := tensor.NewRuntime()
	for _, fromInput := range []bool{true, false} {
		f := traceViewAs(t, rt, fromInput, "__torch__.PlaceholderModule")
		var buf bytes.Buffer
		if err := Save(&buf, "fn", &Module{Class: "PlaceholderModule", Methods: []*Function{f}}); err != nil {
			t.Fatal(err)
		}
		data := buf.Bytes()
		m, err := Load(bytes.NewReader(data))
		if err != nil {
			t.Fatal(err)
		}
		fwd := m.Method("forward")
		other := []int{4, 5, 3} // another size where the guard does not look
		if !fromInput {
			other = []int{4, 2, 3} // the guard is on all input shapes now
		}
		out, err := fwd.Run(rt, nil, randn(t, rt, other...))
		if err != nil {
			t.Fatal(err)
		}
		if s := out.(*tensor.Tensor).Shape(); s[0] != 4 || s[1] != other[1]*3 {
			t.Errorf("shape %v", s)
		}
		_, err = fwd.Run(rt, nil, randn(t, rt, 6, 2, 3))
		want := "forward was traced with input 1 of size 4 in dimension 1 (read into R by `x$size(1)`); got 6: " + ShapeReadHint
		if !fromInput {
			want = "forward was traced with input 1 of shape [4 2 3], and a size read into R (read into R by `x$size(1)`) depends on the input shapes; got shape [6 2 3]: " + ShapeReadHint
		}
		if err == nil || err.Error() != want {
			t.Errorf("fromInput=%v: error %v\nwant %s", fromInput, err, want)
		}
		if fromInput {
			// the same error as the trace before saving
			if _, err0 := f.Run(rt, nil, randn(t, rt, 6, 2, 3)); err0 == nil || err0.Error() != want {
				t.Errorf("before saving: %v", err0)
			}
		}
		if !hasTorch() {
			continue
		}
		path := filepath.Join(t.TempDir(), "guarded.pt")
		os.WriteFile(path, data, 0o644)
		py := `import json, sys, torch
ex = {"torchr_shape_guards.json": ""}
m = torch.jit.load(sys.argv[1], _extra_files=ex)
g = json.loads(ex["torchr_shape_guards.json"])
print(list(g["methods"]), tuple(m(torch.ones(4, 2, 3)).shape))
`
		got, err := exec.Command("/usr/bin/python3", "-c", py, path).CombinedOutput()
		if err != nil || strings.TrimSpace(string(got)) != "['forward'] (4, 6)" {
			t.Errorf("torch.jit.load: %v\n%s", err, got)
		}
	}
}

// TestGuardsRecordChecked: a damaged guards record is a clear error.
func TestGuardsRecordChecked(t *testing.T) {
	rt := tensor.NewRuntime()
	f := traceViewAs(t, rt, true, "__torch__.PlaceholderModule")
	var buf bytes.Buffer
	if err := Save(&buf, "fn", &Module{Class: "PlaceholderModule", Methods: []*Function{f}}); err != nil {
		t.Fatal(err)
	}
	for _, c := range []struct{ record, want string }{
		{`{"version": 1, "methods": {"forward": [{"input": 3, "dim": 0, "shape": [4]}]}}`, "extra/torchr_shape_guards.json: method forward: guard on argument 4 of 1"},
		{`{"version": 1, "methods": {"forward": [{"input": 0, "dim": 5, "shape": [4]}]}}`, "extra/torchr_shape_guards.json: method forward: guard on dimension 6 of a shape of 1"},
		{`{"version": 2}`, "extra/torchr_shape_guards.json: unknown version 2"},
		{`{"version": 1, "methods": [`, "extra/torchr_shape_guards.json: unexpected end of JSON input"},
	} {
		zr, _ := zip.NewReader(bytes.NewReader(buf.Bytes()), int64(buf.Len()))
		var out bytes.Buffer
		zw := zip.NewWriter(&out)
		for _, zf := range zr.File {
			rc, _ := zf.Open()
			b, _ := io.ReadAll(rc)
			if strings.HasSuffix(zf.Name, "/"+GuardsRecord) {
				b = []byte(c.record)
			}
			w, _ := zw.CreateHeader(&zip.FileHeader{Name: zf.Name, Method: zip.Store})
			w.Write(b)
		}
		zw.Close()
		_, err := Load(bytes.NewReader(out.Bytes()))
		if err == nil || err.Error() != c.want {
			t.Errorf("got %v, want %s", err, c.want)
		}
	}
}
