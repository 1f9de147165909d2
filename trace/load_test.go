package trace

import (
	"archive/zip"
	"bytes"
	"encoding/json"
	"os"
	"strings"
	"testing"

	"torchr/tensor"
)

type fixture struct {
	Inputs, Outputs []struct {
		Shape []int
		Data  []float64
	}
}

func TestLoadTorchArchives(t *testing.T) {
	raw, err := os.ReadFile("testdata/fixtures.json")
	if err != nil {
		t.Fatal(err)
	}
	var fx map[string]fixture
	if err := json.Unmarshal(raw, &fx); err != nil {
		t.Fatal(err)
	}
	for _, name := range []string{"linear", "mlp", "conv", "tuple"} {
		t.Run(name, func(t *testing.T) {
			rt := tensor.NewRuntime()
			f, err := os.Open("testdata/" + name + ".pt")
			if err != nil {
				t.Fatal(err)
			}
			defer f.Close()
			m, err := Load(f)
			if err != nil {
				t.Fatal(err)
			}
			c := fx[name]
			var args []any
			for _, in := range c.Inputs {
				x, _ := tensor.FromFloat64As(tensor.Float32, in.Data, in.Shape...)
				args = append(args, x)
			}
			fwd := m.Method("forward")
			if fwd == nil {
				t.Fatal("no forward")
			}
			for _, grad := range []bool{false, true} {
				rt.SetGradEnabled(grad)
				out, err := fwd.Run(rt, nil, args...)
				if err != nil {
					t.Fatal(err)
				}
				outs := []any{out}
				if tu, ok := out.(Tuple); ok {
					outs = tu
				}
				if len(outs) != len(c.Outputs) {
					t.Fatalf("%d outputs", len(outs))
				}
				for i, o := range outs {
					want, _ := tensor.FromFloat64As(tensor.Float32, c.Outputs[i].Data, c.Outputs[i].Shape...)
					assertClose(t, rt, o.(*tensor.Tensor), want)
				}
			}
			if name == "mlp" {
				if len(m.Children) != 5 || m.Children[1].Name != "bn" || len(m.Children[1].Module.Buffers) != 3 || len(m.Children[1].Module.Params) != 2 {
					t.Errorf("module tree: %+v", m.Children)
				}
			}
		})
	}
}

func TestLoadRejects(t *testing.T) {
	good, err := os.ReadFile("testdata/linear.pt")
	if err != nil {
		t.Fatal(err)
	}
	rewrite := func(edit func(name string, b []byte) []byte) []byte {
		zr, _ := zip.NewReader(bytes.NewReader(good), int64(len(good)))
		var buf bytes.Buffer
		zw := zip.NewWriter(&buf)
		for _, f := range zr.File {
			rc, _ := f.Open()
			var b bytes.Buffer
			b.ReadFrom(rc)
			nb := edit(f.Name, b.Bytes())
			if nb == nil {
				continue
			}
			w, _ := zw.Create(f.Name)
			w.Write(nb)
		}
		zw.Close()
		return buf.Bytes()
	}
	cases := map[string][]byte{
		"not a TorchScript archive": good[:len(good)/2],
		"file format version": rewrite(func(n string, b []byte) []byte {
			if strings.HasSuffix(n, "/version") {
				return []byte("11\n")
			}
			return b
		}),
		"is not allowed": rewrite(func(n string, b []byte) []byte {
			if strings.HasSuffix(n, "data.pkl") {
				return bytes.Replace(b, []byte("collections\nOrderedDict"), []byte("builtins\nevalxxxxxxxxxx"), 1)
			}
			return b
		}),
		"pickle: truncated": rewrite(func(n string, b []byte) []byte {
			if strings.HasSuffix(n, "data.pkl") {
				return b[:len(b)/2]
			}
			return b
		}),
		"no record": rewrite(func(n string, b []byte) []byte {
			if strings.HasSuffix(n, "data/0") {
				return nil
			}
			return b
		}),
	}
	for want, data := range cases {
		_, err := Load(bytes.NewReader(data))
		if err == nil || !strings.Contains(err.Error(), want) {
			t.Errorf("%s: err = %v", want, err)
		}
	}
}

func TestSaveLoadRoundTrip(t *testing.T) {
	rt := tensor.NewRuntime()
	m := newMLP(t, rt, 6, 5, 3)
	f := m.trace(t, rt, randn(t, rt, 2, 6))
	mod := mlpModule(t, rt, m, f)
	var buf bytes.Buffer
	if err := Save(&buf, "mlp", mod); err != nil {
		t.Fatal(err)
	}
	got, err := Load(&buf)
	if err != nil {
		t.Fatal(err)
	}
	x := randn(t, rt, 3, 6)
	rt.SetGradEnabled(false)
	a, err := got.Method("forward").Run(rt, nil, x)
	if err != nil {
		t.Fatal(err)
	}
	b, _ := f.Run(rt, mod.Attrs(), x)
	assertClose(t, rt, a.(*tensor.Tensor), b.(*tensor.Tensor))
}
