package ptfile

import (
	"archive/zip"
	"bytes"
	"os"
	"strings"
	"testing"
)

func TestRoundTrip(t *testing.T) {
	st := &Storage{Type: "FloatStorage", Numel: 3, Data: []byte{0, 0, 128, 63, 0, 0, 0, 64, 0, 0, 64, 64}}
	obj := &Dict{Ordered: true, Keys: []any{"w", "v", "l"}, Values: []any{
		&Tensor{Storage: st, Size: []int{3}, Stride: []int{1}},
		&Tensor{Storage: st, Offset: 1, Size: []int{2}, Stride: []int{1}, RequiresGrad: true},
		&List{Items: []any{int64(-5), 1.5, "x", nil, true, Tuple{int64(70000)}}},
	}}
	var buf bytes.Buffer
	if err := Save(&buf, obj); err != nil {
		t.Fatal(err)
	}
	recs, err := ReadArchive(buf.Bytes())
	if err != nil {
		t.Fatal(err)
	}
	var names []string
	for _, r := range recs {
		names = append(names, r.Name)
		off := bytes.Index(buf.Bytes(), r.Data)
		if len(r.Data) > 0 && off%Alignment != 0 {
			t.Errorf("%s at offset %d, not aligned", r.Name, off)
		}
	}
	if got := strings.Join(names, " "); got != "archive/data.pkl archive/data/0 archive/version" {
		t.Errorf("records %s", got)
	}
	v, err := Load(buf.Bytes())
	if err != nil {
		t.Fatal(err)
	}
	d := v.(*Dict)
	w, _ := d.Get("w")
	vv, _ := d.Get("v")
	if w.(*Tensor).Storage != vv.(*Tensor).Storage || !vv.(*Tensor).RequiresGrad || vv.(*Tensor).Offset != 1 {
		t.Errorf("tensors %+v %+v", w, vv)
	}
	l, _ := d.Get("l")
	items := l.(*List).Items
	if items[0] != int64(-5) || items[1] != 1.5 || items[2] != "x" || items[3] != nil || items[4] != true || items[5].(Tuple)[0] != int64(70000) {
		t.Errorf("list %v", items)
	}
}

func TestHostile(t *testing.T) {
	var buf bytes.Buffer
	st := &Storage{Type: "FloatStorage", Numel: 1, Data: []byte{0, 0, 0, 0}}
	if err := Save(&buf, &Tensor{Storage: st, Size: []int{1}, Stride: []int{1}}); err != nil {
		t.Fatal(err)
	}
	good := buf.Bytes()
	for n := 0; n < len(good); n += 7 {
		if _, err := Load(good[:n]); err == nil {
			t.Errorf("truncated to %d bytes: no error", n)
		}
	}
	bad := func(pkl string) error {
		var b bytes.Buffer
		WriteArchive(&b, []Record{{"archive/data.pkl", []byte(pkl)}})
		_, err := Load(b.Bytes())
		return err
	}
	cases := map[string]string{
		"\x80\x02cos\nsystem\nq\x00.":  "unsupported global os.system",
		"\x80\x02(((((":                "truncated",
		"\x80\x02\x85.":                "underflow",
		"\x80\x02X\xff\xff\xff\x7fabc": "truncated",
		"\x80\x02h\x05.":               "memo key",
		"\x80\x02\xff":                 "unsupported opcode",
		"\x80\x02ctorch._utils\n_rebuild_tensor_v2\n)R.":                                                        "needs 4 arguments",
		"\x80\x02(X\x07\x00\x00\x00storagectorch\nFloatStorage\nX\x01\x00\x00\x000X\x03\x00\x00\x00cpuK\x01tQ.": "missing",
	}
	for pkl, want := range cases {
		err := bad(pkl)
		if err == nil || !strings.Contains(err.Error(), want) {
			t.Errorf("%q: got %v, want %q", pkl, err, want)
		}
	}
	if _, err := Load([]byte("PK\x03\x04garbage")); err == nil {
		t.Error("garbage zip: no error")
	}
}

// Files written by PyTorch 1.13 (lang/torch/testdata/nn/gen_fixtures.py).
func TestPyTorchFiles(t *testing.T) {
	b, err := os.ReadFile("../../lang/torch/testdata/nn/pytorch_objects.pt")
	if err != nil {
		t.Skip(err)
	}
	v, err := Load(b)
	if err != nil {
		t.Fatal(err)
	}
	d := v.(*Dict)
	view, _ := d.Get("view")
	tv := view.(*Tensor)
	if tv.Offset != 5 || tv.Size[0] != 2 || tv.Size[1] != 2 || tv.Stride[0] != 4 || tv.Storage.Numel != 12 {
		t.Errorf("view %+v", tv)
	}
}

// Checks of the archive layer shared by torch_load and jit_load.
func TestArchiveChecks(t *testing.T) {
	pkl, _ := Marshal(int64(7))
	arch := func(recs ...Record) []byte {
		var b bytes.Buffer
		if err := WriteArchive(&b, recs); err != nil {
			t.Fatal(err)
		}
		return b.Bytes()
	}
	// A deflated record (as Python's or Go's zip writers make by default).
	var zb bytes.Buffer
	zw := zip.NewWriter(&zb)
	w, _ := zw.Create("x/data.pkl")
	w.Write(pkl)
	w, _ = zw.Create("x/version")
	w.Write([]byte("3\n"))
	zw.Close()
	if v, err := Load(zb.Bytes()); err != nil || v != int64(7) {
		t.Errorf("deflated archive: %v, %v", v, err)
	}
	a, err := OpenArchive(zb.Bytes())
	if err != nil || a.Prefix != "x/" || strings.Join(a.Names(), " ") != "data.pkl version" {
		t.Errorf("archive %+v, %v", a, err)
	}
	if v, err := a.Version(); v != 3 || err != nil {
		t.Errorf("version %d, %v", v, err)
	}
	storage := func(key string) string {
		return "\x80\x02(X\x07\x00\x00\x00storagectorch\nFloatStorage\nX" + string(rune(len(key))) + "\x00\x00\x00" + key + "X\x03\x00\x00\x00cpuK\x01tQ."
	}
	cases := map[string][]byte{
		"unsupported file format version": arch(Record{"a/data.pkl", pkl}, Record{"a/version", []byte("11\n")}),
		"not inside a folder":             arch(Record{"data.pkl", pkl}),
		"has no data.pkl":                 arch(Record{"a/version", []byte("3\n")}, Record{"b/data.pkl", pkl}),
		"invalid storage key":             arch(Record{"a/data.pkl", []byte(storage("../0"))}, Record{"a/../0", []byte{0, 0, 0, 0}}),
		"4 expected (truncated)":          arch(Record{"a/data.pkl", []byte(storage("0"))}, Record{"a/data/0", []byte{0, 0}}),
	}
	for want, b := range cases {
		if _, err := Load(b); err == nil || !strings.Contains(err.Error(), want) {
			t.Errorf("%s: %v", want, err)
		}
	}
}
