package archive

import (
	"archive/zip"
	"bytes"
	"errors"
	"fmt"
	"hash/crc32"
	"io"
	"strings"
)

// ZipWriter writes a PyTorch-style archive: every record is stored
// uncompressed, its data starting at a multiple of 64 bytes (a local-header
// "FB" extra field pads it, as caffe2's inline_container does).
type ZipWriter struct {
	cw *countWriter
	zw *zip.Writer
}

type countWriter struct {
	w io.Writer
	n int64
}

func (c *countWriter) Write(p []byte) (int, error) {
	n, err := c.w.Write(p)
	c.n += int64(n)
	return n, err
}

// NewZipWriter writes to w.
func NewZipWriter(w io.Writer) *ZipWriter {
	cw := &countWriter{w: w}
	return &ZipWriter{cw: cw, zw: zip.NewWriter(cw)}
}

// Add writes one record.
func (z *ZipWriter) Add(name string, data []byte) error {
	// local header: 30 bytes + name + extra (4-byte header + padding)
	const align = 64
	if err := z.zw.Flush(); err != nil {
		return err
	}
	start := z.cw.n + 30 + int64(len(name)) + 4
	pad := (align - start%align) % align
	extra := make([]byte, 4+pad)
	extra[0], extra[1] = 'F', 'B'
	extra[2], extra[3] = byte(pad), byte(pad>>8)
	for i := 4; i < len(extra); i++ {
		extra[i] = 'Z'
	}
	h := &zip.FileHeader{Name: name, Method: zip.Store, CRC32: crc32.ChecksumIEEE(data),
		CompressedSize64: uint64(len(data)), UncompressedSize64: uint64(len(data)), Extra: extra}
	w, err := z.zw.CreateRaw(h)
	if err != nil {
		return err
	}
	_, err = w.Write(data)
	return err
}

// Close finishes the archive.
func (z *ZipWriter) Close() error { return z.zw.Close() }

// ZipReader reads records of an archive whose records all sit under one
// top folder (any name), with a bound on each record's size.
type ZipReader struct {
	prefix  string
	files   map[string]*zip.File
	MaxSize int64
}

// NewZipReader opens an archive held in memory.
func NewZipReader(data []byte) (*ZipReader, error) {
	zr, err := zip.NewReader(bytes.NewReader(data), int64(len(data)))
	if err != nil {
		return nil, fmt.Errorf("not a TorchScript archive (%v)", err)
	}
	r := &ZipReader{files: map[string]*zip.File{}, MaxSize: 1 << 32}
	for _, f := range zr.File {
		i := strings.IndexByte(f.Name, '/')
		if i < 0 {
			return nil, fmt.Errorf("archive record %q is not inside a folder", f.Name)
		}
		if r.prefix == "" {
			r.prefix = f.Name[:i+1]
		} else if f.Name[:i+1] != r.prefix {
			continue
		}
		r.files[f.Name[i+1:]] = f
	}
	return r, nil
}

// Has reports whether a record exists.
func (r *ZipReader) Has(name string) bool { _, ok := r.files[name]; return ok }

// Names lists the records.
func (r *ZipReader) Names() []string {
	var out []string
	for k := range r.files {
		out = append(out, k)
	}
	return out
}

// Read returns a record's bytes.
func (r *ZipReader) Read(name string) ([]byte, error) {
	f, ok := r.files[name]
	if !ok {
		return nil, fmt.Errorf("archive has no record %q", name)
	}
	if int64(f.UncompressedSize64) > r.MaxSize {
		return nil, fmt.Errorf("archive record %q is too large (%d bytes)", name, f.UncompressedSize64)
	}
	rc, err := f.Open()
	if err != nil {
		return nil, err
	}
	defer rc.Close()
	b, err := io.ReadAll(io.LimitReader(rc, int64(f.UncompressedSize64)+1))
	if err != nil {
		return nil, fmt.Errorf("archive record %q: %v", name, err)
	}
	if uint64(len(b)) != f.UncompressedSize64 {
		return nil, errors.New("archive record " + name + " is truncated")
	}
	return b, nil
}
