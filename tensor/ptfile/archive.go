package ptfile

import (
	"bytes"
	"encoding/binary"
	"errors"
	"fmt"
	"hash/crc32"
	"io"
	"strings"
)

// Record is one file of an archive.
type Record struct {
	Name string
	Data []byte
}

// Alignment of record data in written archives (PyTorchFileWriter's).
const Alignment = 64

// WriteArchive writes records as an uncompressed zip whose data start at
// multiples of Alignment (padding in an "FB" extra field, as PyTorch does).
func WriteArchive(w io.Writer, records []Record) error {
	var buf bytes.Buffer
	type entry struct {
		name        string
		crc, size   uint32
		off         uint32
		extraLength int
	}
	var entries []entry
	le := binary.LittleEndian
	for _, r := range records {
		if len(r.Data) >= 1<<32-1 || buf.Len() >= 1<<32-1 {
			return errors.New("ptfile: archive too large (zip64 is not supported)")
		}
		off := buf.Len()
		start := off + 30 + len(r.Name) + 4
		pad := (Alignment - start%Alignment) % Alignment
		e := entry{name: r.Name, crc: crc32.ChecksumIEEE(r.Data), size: uint32(len(r.Data)), off: uint32(off), extraLength: 4 + pad}
		var h [30]byte
		le.PutUint32(h[0:], 0x04034b50)
		le.PutUint16(h[4:], 20)
		le.PutUint16(h[6:], 0)
		le.PutUint16(h[8:], 0)
		le.PutUint32(h[10:], 0)
		le.PutUint32(h[14:], e.crc)
		le.PutUint32(h[18:], e.size)
		le.PutUint32(h[22:], e.size)
		le.PutUint16(h[26:], uint16(len(r.Name)))
		le.PutUint16(h[28:], uint16(e.extraLength))
		buf.Write(h[:])
		buf.WriteString(r.Name)
		var x [4]byte
		le.PutUint16(x[0:], 0x4246) // "FB"
		le.PutUint16(x[2:], uint16(pad))
		buf.Write(x[:])
		buf.Write(bytes.Repeat([]byte{'Z'}, pad))
		buf.Write(r.Data)
		entries = append(entries, e)
	}
	cdOff := buf.Len()
	for _, e := range entries {
		var h [46]byte
		le.PutUint32(h[0:], 0x02014b50)
		le.PutUint16(h[4:], 0)
		le.PutUint16(h[6:], 20)
		le.PutUint16(h[8:], 0)
		le.PutUint16(h[10:], 0)
		le.PutUint32(h[12:], 0)
		le.PutUint32(h[16:], e.crc)
		le.PutUint32(h[20:], e.size)
		le.PutUint32(h[24:], e.size)
		le.PutUint16(h[28:], uint16(len(e.name)))
		le.PutUint32(h[42:], e.off)
		buf.Write(h[:])
		buf.WriteString(e.name)
	}
	cdSize := buf.Len() - cdOff
	var end [22]byte
	le.PutUint32(end[0:], 0x06054b50)
	le.PutUint16(end[8:], uint16(len(entries)))
	le.PutUint16(end[10:], uint16(len(entries)))
	le.PutUint32(end[12:], uint32(cdSize))
	le.PutUint32(end[16:], uint32(cdOff))
	buf.Write(end[:])
	_, err := w.Write(buf.Bytes())
	return err
}

// ReadArchive reads the records of an uncompressed zip (what PyTorch
// writes), in central-directory order. The data slices alias b.
func ReadArchive(b []byte) ([]Record, error) {
	le := binary.LittleEndian
	if len(b) < 22 {
		return nil, errors.New("ptfile: not a zip archive (too short)")
	}
	eocd := -1
	for i := len(b) - 22; i >= 0 && i >= len(b)-22-65535; i-- {
		if le.Uint32(b[i:]) == 0x06054b50 {
			eocd = i
			break
		}
	}
	if eocd < 0 {
		return nil, errors.New("ptfile: not a zip archive (no end of central directory)")
	}
	n := int(le.Uint16(b[eocd+10:]))
	cdOff := int(le.Uint32(b[eocd+16:]))
	if cdOff == 0xffffffff || n == 0xffff {
		return nil, errors.New("ptfile: zip64 archives are not supported")
	}
	var out []Record
	p := cdOff
	for i := 0; i < n; i++ {
		if p < 0 || p+46 > len(b) || le.Uint32(b[p:]) != 0x02014b50 {
			return nil, errors.New("ptfile: corrupt zip central directory")
		}
		method := le.Uint16(b[p+10:])
		crc := le.Uint32(b[p+16:])
		csize := int(le.Uint32(b[p+20:]))
		usize := int(le.Uint32(b[p+24:]))
		nl, xl, cl := int(le.Uint16(b[p+28:])), int(le.Uint16(b[p+30:])), int(le.Uint16(b[p+32:]))
		lho := int(le.Uint32(b[p+42:]))
		if p+46+nl > len(b) {
			return nil, errors.New("ptfile: corrupt zip central directory")
		}
		name := string(b[p+46 : p+46+nl])
		p += 46 + nl + xl + cl
		if method != 0 || csize != usize {
			return nil, fmt.Errorf("ptfile: %s: compressed zip records are not supported", name)
		}
		if lho < 0 || lho+30 > len(b) || le.Uint32(b[lho:]) != 0x04034b50 {
			return nil, fmt.Errorf("ptfile: %s: corrupt local header", name)
		}
		start := lho + 30 + int(le.Uint16(b[lho+26:])) + int(le.Uint16(b[lho+28:]))
		if start < 0 || start+csize > len(b) || start+csize < start {
			return nil, fmt.Errorf("ptfile: %s: truncated archive", name)
		}
		data := b[start : start+csize]
		if crc32.ChecksumIEEE(data) != crc {
			return nil, fmt.Errorf("ptfile: %s: CRC mismatch", name)
		}
		out = append(out, Record{Name: name, Data: data})
	}
	return out, nil
}

var (
	rebuildTensor = Global{"torch._utils", "_rebuild_tensor_v2"}
	orderedDict   = Global{"collections", "OrderedDict"}
)

// Save writes obj as torch.save does (zip format, archive prefix
// "archive/"): *Tensor values anywhere in obj (tuples, *List, *Dict) are
// stored through their storages, each storage once.
func Save(w io.Writer, obj any) error {
	var storages []*Storage
	keys := map[*Storage]string{}
	var conv func(v any) (any, error)
	conv = func(v any) (any, error) {
		switch x := v.(type) {
		case *Tensor:
			st := x.Storage
			if _, ok := keys[st]; !ok {
				if ItemSize(st.Type) == 0 {
					return nil, fmt.Errorf("ptfile: unknown storage type %s", st.Type)
				}
				keys[st] = fmt.Sprint(len(storages))
				storages = append(storages, st)
			}
			return &Object{Callable: rebuildTensor, Args: Tuple{st, x.Offset, x.Size, x.Stride, x.RequiresGrad, &Dict{Ordered: true}}}, nil
		case Tuple:
			o := make(Tuple, len(x))
			for i, y := range x {
				c, err := conv(y)
				if err != nil {
					return nil, err
				}
				o[i] = c
			}
			return o, nil
		case *List:
			o := &List{Items: make([]any, len(x.Items))}
			for i, y := range x.Items {
				c, err := conv(y)
				if err != nil {
					return nil, err
				}
				o.Items[i] = c
			}
			return o, nil
		case *Dict:
			o := &Dict{Keys: x.Keys, Values: make([]any, len(x.Values)), Ordered: x.Ordered}
			for i, y := range x.Values {
				c, err := conv(y)
				if err != nil {
					return nil, err
				}
				o.Values[i] = c
			}
			return o, nil
		}
		return v, nil
	}
	c, err := conv(obj)
	if err != nil {
		return err
	}
	p := &Pickler{Persistent: func(v any) any {
		st, ok := v.(*Storage)
		if !ok {
			return nil
		}
		loc := st.Location
		if loc == "" {
			loc = "cpu"
		}
		return Tuple{"storage", Global{"torch", st.Type}, keys[st], loc, st.Numel}
	}}
	pkl, err := p.Pickle(c)
	if err != nil {
		return err
	}
	recs := []Record{{"archive/data.pkl", pkl}}
	for _, st := range storages {
		recs = append(recs, Record{"archive/data/" + keys[st], st.Data})
	}
	recs = append(recs, Record{"archive/version", []byte("3\n")})
	return WriteArchive(w, recs)
}

// IsZip reports whether b starts like a zip archive.
func IsZip(b []byte) bool { return len(b) >= 4 && binary.LittleEndian.Uint32(b) == 0x04034b50 }

// Load reads a torch.save zip archive and returns the unpickled object with
// *Tensor values whose storages hold their data.
func Load(b []byte) (any, error) {
	if !IsZip(b) {
		if len(b) > 2 && b[0] == 0x80 {
			return nil, errors.New("ptfile: legacy (non-zip) torch.save files are not supported; save with _use_new_zipfile_serialization=True")
		}
		return nil, errors.New("ptfile: not a torch.save archive")
	}
	recs, err := ReadArchive(b)
	if err != nil {
		return nil, err
	}
	files := map[string][]byte{}
	prefix := ""
	for _, r := range recs {
		files[r.Name] = r.Data
		if strings.HasSuffix(r.Name, "/data.pkl") && strings.Count(r.Name, "/") == 1 {
			prefix = strings.TrimSuffix(r.Name, "data.pkl")
		}
	}
	pkl, ok := files[prefix+"data.pkl"]
	if !ok || prefix == "" {
		return nil, errors.New("ptfile: archive has no data.pkl")
	}
	cache := map[string]*Storage{}
	u := &Unpickler{Persistent: func(id any) (any, error) {
		t, ok := id.(Tuple)
		if !ok || len(t) != 5 {
			return nil, fmt.Errorf("ptfile: unsupported persistent id %v", id)
		}
		if s, _ := t[0].(string); s != "storage" {
			return nil, fmt.Errorf("ptfile: unsupported persistent id %v", t[0])
		}
		g, ok := t[1].(Global)
		if !ok || ItemSize(g.Name) == 0 {
			return nil, fmt.Errorf("ptfile: unsupported storage type %v", t[1])
		}
		key, _ := t[2].(string)
		if st, ok := cache[key]; ok {
			return st, nil
		}
		loc, _ := t[3].(string)
		numel, ok := t[4].(int64)
		if !ok || numel < 0 {
			return nil, errors.New("ptfile: invalid storage size")
		}
		data, ok := files[prefix+"data/"+key]
		if !ok {
			return nil, fmt.Errorf("ptfile: storage %q missing from the archive", key)
		}
		need := int64(ItemSize(g.Name)) * numel
		if int64(len(data)) < need {
			return nil, fmt.Errorf("ptfile: storage %q has %d bytes, %d expected", key, len(data), need)
		}
		st := &Storage{Key: key, Type: g.Name, Location: loc, Numel: int(numel), Data: data[:need]}
		cache[key] = st
		return st, nil
	}}
	return u.Unpickle(pkl)
}
