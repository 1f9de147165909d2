package kernel

import (
	"bytes"
	"crypto/hmac"
	"crypto/rand"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"errors"
	"fmt"
	"hash"
	"time"
)

// ProtocolVersion is the Jupyter messaging protocol version spoken.
const ProtocolVersion = "5.3"

const delimiter = "<IDS|MSG>"

// Header is a message header (and parent header).
type Header struct {
	MsgID    string `json:"msg_id"`
	Session  string `json:"session"`
	Username string `json:"username"`
	Date     string `json:"date"`
	MsgType  string `json:"msg_type"`
	Version  string `json:"version"`
}

// Message is one Jupyter message. Content is raw JSON when received and
// any JSON-marshalable value when sent.
type Message struct {
	Identities [][]byte
	Header     Header
	Parent     json.RawMessage // parent header as received/sent ({} when none)
	Metadata   map[string]any
	Content    json.RawMessage
	Buffers    [][]byte

	rawHeader json.RawMessage // the header frame as received
}

// signer computes message signatures; a nil signer means no key (messages
// are neither signed nor checked, as the spec allows for an empty key).
type signer struct {
	key    []byte
	scheme string
}

func newSigner(scheme, key string) (*signer, error) {
	if key == "" {
		return &signer{}, nil
	}
	if scheme != "" && scheme != "hmac-sha256" {
		return nil, fmt.Errorf("unsupported signature_scheme %q (only hmac-sha256)", scheme)
	}
	return &signer{key: []byte(key), scheme: "hmac-sha256"}, nil
}

func (s *signer) mac(parts [][]byte) []byte {
	if len(s.key) == 0 {
		return nil
	}
	var h hash.Hash = hmac.New(sha256.New, s.key)
	for _, p := range parts {
		h.Write(p)
	}
	sum := h.Sum(nil)
	out := make([]byte, hex.EncodedLen(len(sum)))
	hex.Encode(out, sum)
	return out
}

var (
	errNoDelimiter  = errors.New("no <IDS|MSG> delimiter")
	errShortMessage = errors.New("too few frames after the delimiter")
	errBadSignature = errors.New("missing or wrong signature")
)

// decode parses wire frames and checks the signature.
func (s *signer) decode(frames [][]byte) (*Message, error) {
	i := 0
	for i < len(frames) && string(frames[i]) != delimiter {
		i++
	}
	if i == len(frames) {
		return nil, errNoDelimiter
	}
	rest := frames[i+1:]
	if len(rest) < 5 {
		return nil, errShortMessage
	}
	if len(s.key) > 0 {
		want := s.mac(rest[1:5])
		if !hmac.Equal(want, rest[0]) {
			return nil, errBadSignature
		}
	}
	m := &Message{Identities: frames[:i], Buffers: rest[5:]}
	if err := json.Unmarshal(rest[1], &m.Header); err != nil {
		return nil, fmt.Errorf("bad header: %w", err)
	}
	m.rawHeader = append(json.RawMessage(nil), rest[1]...)
	m.Parent = append(json.RawMessage(nil), rest[2]...)
	if len(bytes.TrimSpace(rest[3])) > 0 {
		if err := json.Unmarshal(rest[3], &m.Metadata); err != nil {
			return nil, fmt.Errorf("bad metadata: %w", err)
		}
	}
	m.Content = append(json.RawMessage(nil), rest[4]...)
	if len(bytes.TrimSpace(m.Content)) == 0 {
		m.Content = json.RawMessage("{}")
	}
	return m, nil
}

// encode serializes and signs m.
func (s *signer) encode(m *Message) ([][]byte, error) {
	header, err := json.Marshal(m.Header)
	if err != nil {
		return nil, err
	}
	parent := m.Parent
	if len(parent) == 0 {
		parent = json.RawMessage("{}")
	}
	md := m.Metadata
	if md == nil {
		md = map[string]any{}
	}
	meta, err := json.Marshal(md)
	if err != nil {
		return nil, err
	}
	content := m.Content
	if len(content) == 0 {
		content = json.RawMessage("{}")
	}
	parts := [][]byte{header, parent, meta, content}
	frames := make([][]byte, 0, len(m.Identities)+6+len(m.Buffers))
	frames = append(frames, m.Identities...)
	frames = append(frames, []byte(delimiter), s.mac(parts))
	frames = append(frames, parts...)
	frames = append(frames, m.Buffers...)
	return frames, nil
}

func newID() string {
	var b [16]byte
	rand.Read(b[:])
	b[6] = b[6]&0x0f | 0x40
	b[8] = b[8]&0x3f | 0x80
	return fmt.Sprintf("%x-%x-%x-%x-%x", b[0:4], b[4:6], b[6:8], b[8:10], b[10:16])
}

func nowISO() string { return time.Now().UTC().Format("2006-01-02T15:04:05.000000Z07:00") }

// mustJSON marshals v (content maps built by the kernel always marshal).
func mustJSON(v any) json.RawMessage {
	b, err := json.Marshal(v)
	if err != nil {
		b, _ = json.Marshal(map[string]any{"status": "error", "ename": "EncodingError", "evalue": err.Error(), "traceback": []string{}})
	}
	return b
}
