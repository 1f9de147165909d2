package ptfile

import (
	"bytes"
	"compress/flate"
	"encoding/binary"
	"errors"
	"fmt"
	"hash/crc32"
	"io"
	"strconv"
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
		if method != 0 && method != 8 || method == 0 && csize != usize {
			return nil, fmt.Errorf("ptfile: %s: zip compression method %d is not supported", name, method)
		}
		if int64(usize) > MaxRecord {
			return nil, fmt.Errorf("ptfile: %s: record of %d bytes is too large", name, usize)
		}
		if lho < 0 || lho+30 > len(b) || le.Uint32(b[lho:]) != 0x04034b50 {
			return nil, fmt.Errorf("ptfile: %s: corrupt local header", name)
		}
		start := lho + 30 + int(le.Uint16(b[lho+26:])) + int(le.Uint16(b[lho+28:]))
		if start < 0 || start+csize > len(b) || start+csize < start {
			return nil, fmt.Errorf("ptfile: %s: truncated archive", name)
		}
		data := b[start : start+csize]
		if method == 8 {
			var err error
			if data, err = inflate(data, usize); err != nil {
				return nil, fmt.Errorf("ptfile: %s: %v", name, err)
			}
		}
		if crc32.ChecksumIEEE(data) != crc {
			return nil, fmt.Errorf("ptfile: %s: CRC mismatch", name)
		}
		out = append(out, Record{Name: name, Data: data})
	}
	return out, nil
}

// MaxRecord bounds the size of one record (inflated, for deflated ones).
const MaxRecord = 1 << 34

// inflate decompresses a deflated record of usize bytes, reading no more.
func inflate(data []byte, usize int) ([]byte, error) {
	fr := flate.NewReader(bytes.NewReader(data))
	defer fr.Close()
	out, err := io.ReadAll(io.LimitReader(fr, int64(usize)+1))
	if err != nil {
		return nil, fmt.Errorf("corrupt deflated data (%v)", err)
	}
	if len(out) != usize {
		return nil, fmt.Errorf("deflated data of %d bytes, %d expected", len(out), usize)
	}
	return out, nil
}

// Archive is a read archive whose records sit under one top folder (any
// name: PyTorch takes the folder of the first record, and ignores records
// outside it), named without that folder.
type Archive struct {
	Prefix string // the top folder, with its slash
	names  []string
	files  map[string][]byte
}

// OpenArchive reads the records of a zip archive held in b (stored records
// alias b).
func OpenArchive(b []byte) (*Archive, error) {
	recs, err := ReadArchive(b)
	if err != nil {
		return nil, err
	}
	a := &Archive{files: map[string][]byte{}}
	for _, r := range recs {
		i := strings.IndexByte(r.Name, '/')
		if i < 0 {
			return nil, fmt.Errorf("ptfile: archive record %q is not inside a folder", r.Name)
		}
		if a.Prefix == "" {
			a.Prefix = r.Name[:i+1]
		} else if r.Name[:i+1] != a.Prefix {
			continue
		}
		n := r.Name[i+1:]
		if _, dup := a.files[n]; !dup {
			a.names = append(a.names, n)
		}
		a.files[n] = r.Data
	}
	return a, nil
}

// Has reports whether the archive has a record.
func (a *Archive) Has(name string) bool { _, ok := a.files[name]; return ok }

// Names lists the records in archive order.
func (a *Archive) Names() []string { return append([]string(nil), a.names...) }

// Read returns a record's bytes.
func (a *Archive) Read(name string) ([]byte, error) {
	b, ok := a.files[name]
	if !ok {
		return nil, fmt.Errorf("ptfile: archive has no record %q", a.Prefix+name)
	}
	return b, nil
}

// File format versions this reader accepts (PyTorch 1.13's
// kMinSupportedFileFormatVersion and kMaxSupportedFileFormatVersion).
const (
	MinVersion = 1
	MaxVersion = 10
)

// ErrNoVersion is Version's error for an archive without a version record.
var ErrNoVersion = errors.New("ptfile: archive has no version record")

// Version reads the archive's file format version (.data/version or
// version, as PyTorch does) and checks that this reader supports it.
func (a *Archive) Version() (int, error) {
	b, ok := a.files[".data/version"]
	if !ok {
		if b, ok = a.files["version"]; !ok {
			return 0, ErrNoVersion
		}
	}
	s := strings.TrimSpace(string(b))
	v, err := strconv.Atoi(s)
	if err != nil || v < MinVersion || v > MaxVersion {
		return 0, fmt.Errorf("ptfile: unsupported file format version %q (this reader accepts %d to %d)", s, MinVersion, MaxVersion)
	}
	return v, nil
}

// Storages resolves the persistent ids of pickled storages
// ("storage", torch.<Type>, key, location, numel) to *Storage values whose
// data is the record dir+key (each key once).
func (a *Archive) Storages(dir string) func(id any) (any, error) {
	cache := map[string]*Storage{}
	return func(id any) (any, error) {
		t, ok := id.(Tuple)
		if !ok || len(t) != 5 {
			return nil, fmt.Errorf("ptfile: unsupported persistent id %v", id)
		}
		if s, _ := t[0].(string); s != "storage" {
			return nil, fmt.Errorf("ptfile: unsupported persistent id %v", t[0])
		}
		g, ok := t[1].(Global)
		if !ok || g.Module != "torch" || ItemSize(g.Name) == 0 {
			return nil, fmt.Errorf("ptfile: unsupported storage type %v", t[1])
		}
		key, _ := t[2].(string)
		if key == "" || strings.ContainsAny(key, "/\\") || key == "." || key == ".." {
			return nil, fmt.Errorf("ptfile: invalid storage key %q", key)
		}
		if st, ok := cache[key]; ok {
			if st.Type != g.Name {
				return nil, fmt.Errorf("ptfile: storage %q used as %s and %s", key, st.Type, g.Name)
			}
			return st, nil
		}
		loc, _ := t[3].(string)
		numel, ok := t[4].(int64)
		if !ok || numel < 0 || numel > MaxRecord {
			return nil, errors.New("ptfile: invalid storage size")
		}
		data, ok := a.files[dir+key]
		if !ok {
			return nil, fmt.Errorf("ptfile: storage %q is missing (the archive has no record %q)", key, a.Prefix+dir+key)
		}
		need := int64(ItemSize(g.Name)) * numel
		if int64(len(data)) < need {
			return nil, fmt.Errorf("ptfile: storage %q has %d bytes, %d expected (truncated)", key, len(data), need)
		}
		st := &Storage{Key: key, Type: g.Name, Location: loc, Numel: int(numel), Data: data[:need]}
		cache[key] = st
		return st, nil
	}
}

// Unpickle reads the pickle record name, with storages from the records
// under dir, accepting the globals allow accepts besides the built-in ones.
func (a *Archive) Unpickle(name, dir string, allow func(Global) bool) (any, error) {
	b, err := a.Read(name)
	if err != nil {
		return nil, err
	}
	u := &Unpickler{Allow: allow, Persistent: a.Storages(dir)}
	v, err := u.Unpickle(b)
	if err != nil {
		return nil, fmt.Errorf("%s: %w", name, err)
	}
	return v, nil
}

// Save writes obj as torch.save does (zip format, archive prefix
// "archive/", file format version 3): *Tensor values anywhere in obj are
// stored through their storages, each storage once.
func Save(w io.Writer, obj any) error {
	p := &Pickler{}
	pkl, err := p.Pickle(obj)
	if err != nil {
		return err
	}
	recs := []Record{{"archive/data.pkl", pkl}}
	for _, r := range p.Storages() {
		recs = append(recs, Record{"archive/data/" + r.Name, r.Data})
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
	a, err := OpenArchive(b)
	if err != nil {
		return nil, err
	}
	if !a.Has("data.pkl") {
		return nil, errors.New("ptfile: archive has no data.pkl")
	}
	if _, err := a.Version(); err != nil && err != ErrNoVersion {
		return nil, err
	}
	return a.Unpickle("data.pkl", "data/", nil)
}
