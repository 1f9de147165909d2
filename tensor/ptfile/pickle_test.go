package ptfile

// The pickle and zip tests of the former trace/archive package.

import (
	"bytes"
	"strings"
	"testing"
)

func allowAll(Global) bool { return true }

// unmarshal reads a pickle allowing the given globals, with persistent ids
// kept as PersID values.
func unmarshal(data []byte, allowed func(Global) bool, lim Limits) (any, error) {
	u := &Unpickler{Allow: allowed, Limits: lim, Persistent: func(id any) (any, error) { return PersID{id}, nil }}
	return u.Unpickle(data)
}

func TestPickleRoundTrip(t *testing.T) {
	d := &Dict{}
	d.Set("a", int64(1))
	d.Set("b", &List{Items: []any{1.5, "x", nil, true, false, int64(-70000), int64(1 << 40), int64(300)}})
	v := &Object{Callable: Global{"__torch__", "M"}, Args: Tuple{}, State: d, NewObj: true}
	b, err := Marshal(Tuple{v, Tuple{int64(1), int64(2), int64(3), int64(4)}, PersID{Tuple{"storage", "0"}}, &Object{Callable: Global{"collections", "OrderedDict"}, Args: Tuple{}}})
	if err != nil {
		t.Fatal(err)
	}
	if !bytes.Contains(b, []byte("__torch__\nM\n)\x81")) {
		t.Errorf("a __torch__ class object is not written with NEWOBJ: %q", b)
	}
	got, err := unmarshal(b, allowAll, DefaultLimits)
	if err != nil {
		t.Fatal(err)
	}
	tu := got.(Tuple)
	o := tu[0].(*Object)
	if !o.NewObj || o.Callable != (Global{"__torch__", "M"}) {
		t.Errorf("object %+v", o)
	}
	st := o.State.(*Dict)
	l, _ := st.Get("b")
	want := []any{1.5, "x", nil, true, false, int64(-70000), int64(1 << 40), int64(300)}
	gl := l.(*List).Items
	for i := range want {
		if gl[i] != want[i] {
			t.Errorf("[%d] %v != %v", i, gl[i], want[i])
		}
	}
	if len(tu[1].(Tuple)) != 4 || tu[2].(PersID).ID.(Tuple)[1] != "0" {
		t.Errorf("%v", tu)
	}
	if od, ok := tu[3].(*Dict); !ok || !od.Ordered {
		t.Errorf("OrderedDict() read as %v", tu[3])
	}
}

func TestPickleHostile(t *testing.T) {
	good, _ := Marshal(Tuple{Global{"os", "system"}, "x"})
	ok, _ := Marshal(Tuple{"abc", "x"})
	cases := map[string][]byte{
		"not allowed":          good,
		"truncated":            ok[:len(ok)-3],
		"unsupported opcode":   []byte("\x80\x02\xff."),
		"exceeds the limit":    []byte("\x80\x02X\xff\xff\xff\x7f"),
		"stack underflow":      []byte("\x80\x02R."),
		"memo key":             []byte("\x80\x02h\x05."),
		"unsupported protocol": []byte("\x80\x09."),
		"nesting too deep":     []byte("\x80\x02" + strings.Repeat("(", 5000)),
	}
	for want, data := range cases {
		_, err := unmarshal(data, func(g Global) bool { return g.Module != "os" }, Limits{MaxBytes: 1 << 20, MaxItems: 1 << 20, MaxDepth: 1000, MaxMemo: 100})
		if err == nil || !strings.Contains(err.Error(), want) {
			t.Errorf("%s: %v", want, err)
		}
	}
	// A pop never crosses a MARK (Python's metastack).
	if _, err := unmarshal([]byte("\x80\x02K\x01(\x85."), allowAll, DefaultLimits); err == nil || !strings.Contains(err.Error(), "underflow") {
		t.Errorf("TUPLE1 across a MARK: %v", err)
	}
}

func TestZipAlignment(t *testing.T) {
	var buf bytes.Buffer
	WriteArchive(&buf, []Record{{"a/data.pkl", []byte("hello")}, {"a/data/0", bytes.Repeat([]byte{1}, 100)}})
	data := buf.Bytes()
	r, err := OpenArchive(data)
	if err != nil {
		t.Fatal(err)
	}
	b, err := r.Read("data/0")
	if err != nil || len(b) != 100 {
		t.Fatal(err)
	}
	i := bytes.Index(data, bytes.Repeat([]byte{1}, 100))
	if i%64 != 0 {
		t.Errorf("record data at %d, not 64-byte aligned", i)
	}
}
