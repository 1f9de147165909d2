package kernel

import (
	"bufio"
	"bytes"
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
)

// HistoryEnv names the kernel's history file ("-" keeps no file); the
// default is HistoryPath().
const HistoryEnv = "TORCHR_KERNEL_HISTFILE"

// Limits of the history file: when it grows past histMaxBytes, a kernel
// starting up rewrites it with the newest cells that fit in half of it.
// Outputs are stored up to histMaxOutput bytes (history_request with
// output = TRUE shows the start of a long output).
const (
	histMaxBytes  = 2 << 20
	histMaxOutput = 4 << 10
)

// HistoryPath returns the kernel's history file: $TORCHR_KERNEL_HISTFILE,
// else $XDG_DATA_HOME/torchr/kernel_history (~/.local/share/... when
// XDG_DATA_HOME is unset), "" when there is no home directory or the
// variable is "-".
func HistoryPath() string {
	if p := os.Getenv(HistoryEnv); p != "" {
		if p == "-" {
			return ""
		}
		return p
	}
	dir := os.Getenv("XDG_DATA_HOME")
	if dir == "" || !filepath.IsAbs(dir) {
		home, err := os.UserHomeDir()
		if err != nil || home == "" {
			return ""
		}
		dir = filepath.Join(home, ".local", "share")
	}
	return filepath.Join(dir, "torchr", "kernel_history")
}

// histRecord is one line of the history file (JSON lines): a cell, or with
// Line 0 the start of a kernel session (which reserves its number).
type histRecord struct {
	Session int    `json:"session"`
	Line    int    `json:"line"`
	Input   string `json:"input,omitempty"`
	Output  string `json:"output,omitempty"`
}

// historyFile is the history shared by every kernel of a user: cells are
// appended one JSON line at a time under an exclusive lock on a separate
// lock file (so that the rewrite, an atomic rename, never loses a line
// another kernel appends).
type historyFile struct {
	path string
}

// open reserves a new session number (one more than any in the file),
// trims an oversized file, and returns the earlier sessions' cells.
func (h *historyFile) open() (session int, earlier []histEntry, err error) {
	if err := os.MkdirAll(filepath.Dir(h.path), 0o700); err != nil {
		return 0, nil, err
	}
	unlock, err := lockFile(h.path + ".lock")
	if err != nil {
		return 0, nil, err
	}
	defer unlock()
	b, err := os.ReadFile(h.path)
	if err != nil && !os.IsNotExist(err) {
		return 0, nil, err
	}
	var recs []histRecord
	sc := bufio.NewScanner(bytes.NewReader(b))
	sc.Buffer(nil, histMaxBytes)
	for sc.Scan() {
		var r histRecord
		if json.Unmarshal(sc.Bytes(), &r) != nil || r.Session <= 0 {
			continue // a torn or foreign line: skip it
		}
		recs = append(recs, r)
		if r.Session > session {
			session = r.Session
		}
	}
	session++
	if len(b) > histMaxBytes {
		if recs, err = h.rewrite(recs); err != nil {
			return 0, nil, err
		}
	}
	for _, r := range recs {
		if r.Line > 0 {
			earlier = append(earlier, histEntry{session: r.Session, line: r.Line, input: r.Input, output: r.Output})
		}
	}
	if len(b) > 0 && b[len(b)-1] != '\n' && len(b) <= histMaxBytes {
		// a kernel died mid-line: end that line, or our record joins it
		if err := h.appendRaw([]byte("\n")); err != nil {
			return 0, nil, err
		}
	}
	return session, earlier, h.appendLocked(histRecord{Session: session})
}

// rewrite keeps the newest records that fit in half the limit (a new file
// renamed over the old one; the lock is held).
func (h *historyFile) rewrite(recs []histRecord) ([]histRecord, error) {
	var lines [][]byte
	size := 0
	i := len(recs)
	for i > 0 {
		b, _ := json.Marshal(recs[i-1])
		if size+len(b)+1 > histMaxBytes/2 {
			break
		}
		size += len(b) + 1
		lines = append(lines, b)
		i--
	}
	recs = recs[i:]
	var buf bytes.Buffer
	for j := len(lines) - 1; j >= 0; j-- {
		buf.Write(lines[j])
		buf.WriteByte('\n')
	}
	tmp, err := os.CreateTemp(filepath.Dir(h.path), ".kernel_history-*")
	if err != nil {
		return nil, err
	}
	if _, err := tmp.Write(buf.Bytes()); err != nil {
		tmp.Close()
		os.Remove(tmp.Name())
		return nil, err
	}
	if err := tmp.Close(); err != nil {
		os.Remove(tmp.Name())
		return nil, err
	}
	if err := os.Rename(tmp.Name(), h.path); err != nil {
		os.Remove(tmp.Name())
		return nil, err
	}
	return recs, nil
}

// add appends one cell.
func (h *historyFile) add(session int, e histEntry) error {
	out := e.output
	if len(out) > histMaxOutput {
		out = strings.ToValidUTF8(out[:histMaxOutput], "")
	}
	unlock, err := lockFile(h.path + ".lock")
	if err != nil {
		return err
	}
	defer unlock()
	return h.appendLocked(histRecord{Session: session, Line: e.line, Input: e.input, Output: out})
}

func (h *historyFile) appendLocked(r histRecord) error {
	b, err := json.Marshal(r)
	if err != nil {
		return err
	}
	return h.appendRaw(append(b, '\n'))
}

func (h *historyFile) appendRaw(b []byte) error {
	f, err := os.OpenFile(h.path, os.O_WRONLY|os.O_APPEND|os.O_CREATE, 0o600)
	if err != nil {
		return err
	}
	if _, err := f.Write(b); err != nil {
		f.Close()
		return err
	}
	return f.Close()
}
