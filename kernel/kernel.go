// Package kernel is torchr's Jupyter kernel (messaging protocol 5.3): a
// thin face over lang.Session. Shell and control are served concurrently
// (interrupt_request and shutdown_request reach a busy kernel), stdin
// carries readline() prompts, heartbeat echoes, and iopub fans out to every
// subscriber through a bounded queue each.
package kernel

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"log"
	"os"
	"strings"
	"sync"
	"time"

	"github.com/go-zeromq/zmq4"

	"torchr/lang"
)

// ConnectionInfo is the connection file Jupyter writes for a kernel.
type ConnectionInfo struct {
	Transport       string `json:"transport"`
	IP              string `json:"ip"`
	ShellPort       int    `json:"shell_port"`
	ControlPort     int    `json:"control_port"`
	StdinPort       int    `json:"stdin_port"`
	HBPort          int    `json:"hb_port"`
	IOPubPort       int    `json:"iopub_port"`
	Key             string `json:"key"`
	SignatureScheme string `json:"signature_scheme"`
	KernelName      string `json:"kernel_name,omitempty"`
}

// ReadConnectionFile parses a connection file.
func ReadConnectionFile(path string) (ConnectionInfo, error) {
	var ci ConnectionInfo
	b, err := os.ReadFile(path)
	if err != nil {
		return ci, err
	}
	if err := json.Unmarshal(b, &ci); err != nil {
		return ci, fmt.Errorf("%s: %w", path, err)
	}
	return ci, nil
}

// Config configures a kernel.
type Config struct {
	Conn ConnectionInfo
	// Version is torchr's version (kernel_info, banner).
	Version string
	// Log receives the kernel's diagnostics (nil: os.Stderr).
	Log io.Writer
	// Setup, if set, is called on the new session before serving (tests
	// add builtins).
	Setup func(s *lang.Session)
	// QueueLimit bounds each iopub subscriber's queue (0: 10000 messages).
	QueueLimit int
	// HistoryFile is the file that keeps executed cells across kernel
	// restarts for history_request (Main uses HistoryPath()); "" keeps
	// them in memory only.
	HistoryFile string
}

// Kernel is a running kernel.
type Kernel struct {
	cfg     Config
	sign    *signer
	session string
	logger  *log.Logger

	shell, control, stdin, hb, iopubSock *socket
	pub                                  *publisher

	sess    *lang.Session
	shellQ  chan inbound
	ctrlQ   chan inbound
	inputCh chan string

	out *streams

	mu        sync.Mutex
	cancel    context.CancelFunc // of the running cell
	cell      *cellState         // the running execute_request
	stopped   bool
	restart   bool
	done      chan struct{}
	wg        sync.WaitGroup
	execCount int
	history   []histEntry // this session's cells, then earlier sessions' before them
	earlier   []histEntry
	histFile  *historyFile
	histSess  int // this kernel's session number in the history
	progress  map[*lang.ProgressBar]*progressState
	quit      bool // quit() was called: shut down after the reply
}

type cellState struct {
	req        *Message
	peer       *peer
	allowStdin bool
	silent     bool
	ctx        context.Context
}

type histEntry struct {
	session, line int
	input, output string
}

// Start listens on the connection's ports and serves until shutdown.
func Start(cfg Config) (*Kernel, error) {
	if cfg.Log == nil {
		cfg.Log = os.Stderr
	}
	if cfg.QueueLimit <= 0 {
		cfg.QueueLimit = 10000
	}
	sg, err := newSigner(cfg.Conn.SignatureScheme, cfg.Conn.Key)
	if err != nil {
		return nil, err
	}
	k := &Kernel{
		cfg: cfg, sign: sg, session: newID(),
		logger:   log.New(cfg.Log, "torchr kernel: ", log.LstdFlags),
		shellQ:   make(chan inbound, 1024),
		ctrlQ:    make(chan inbound, 64),
		inputCh:  make(chan string, 1),
		done:     make(chan struct{}),
		progress: map[*lang.ProgressBar]*progressState{},
	}
	k.out = &streams{k: k}
	k.histSess = 1
	if cfg.HistoryFile != "" {
		hf := &historyFile{path: cfg.HistoryFile}
		if sess, earlier, err := hf.open(); err != nil {
			k.logger.Printf("history file %s not used: %v", cfg.HistoryFile, err)
		} else {
			k.histFile, k.histSess, k.earlier = hf, sess, earlier
		}
	}
	c := cfg.Conn
	type spec struct {
		dst  **socket
		name string
		typ  zmq4.SocketType
		port int
	}
	specs := []spec{
		{&k.shell, "shell", zmq4.Router, c.ShellPort},
		{&k.control, "control", zmq4.Router, c.ControlPort},
		{&k.stdin, "stdin", zmq4.Router, c.StdinPort},
		{&k.hb, "hb", zmq4.Rep, c.HBPort},
		{&k.iopubSock, "iopub", zmq4.Pub, c.IOPubPort},
	}
	for _, sp := range specs {
		ln, err := listen(c.Transport, c.IP, sp.port)
		if err != nil {
			k.closeSockets()
			return nil, fmt.Errorf("%s: %w", endpoint(c.Transport, c.IP, sp.port), err)
		}
		*sp.dst = newSocket(sp.name, sp.typ, ln, k.logf)
	}
	k.pub = newPublisher(k.iopubSock, cfg.QueueLimit)
	k.shell.onMsg = func(m inbound) { k.enqueue(k.shellQ, m) }
	k.control.onMsg = func(m inbound) { k.enqueue(k.ctrlQ, m) }
	k.stdin.onMsg = k.onStdin
	k.hb.onMsg = func(m inbound) { m.p.send(m.frames) }

	k.sess = lang.NewSession(lang.Options{Stdout: k.out.writer("stdout"), Stderr: k.out.writer("stderr"), Stdin: &stdinReader{k: k}})
	k.sess.SetInteractive(true)
	k.sess.SetProgressRenderer(progressRenderer{k})
	k.sess.SetDisplay(cellDisplay{k})
	if cfg.Setup != nil {
		cfg.Setup(k.sess)
	}
	for _, s := range []*socket{k.shell, k.control, k.stdin, k.hb, k.iopubSock} {
		go s.serve()
	}
	k.publish(nil, "status", map[string]any{"execution_state": "starting"})
	k.wg.Add(2)
	go k.loop(k.shellQ, k.shell)
	go k.loop(k.ctrlQ, k.control)
	return k, nil
}

func (k *Kernel) logf(format string, args ...any) { k.logger.Printf(format, args...) }

func (k *Kernel) enqueue(q chan inbound, m inbound) {
	select {
	case q <- m:
	case <-k.done:
	}
}

// Done is closed when the kernel has shut down.
func (k *Kernel) Done() <-chan struct{} { return k.done }

// Wait blocks until shutdown and reports whether a restart was asked for.
func (k *Kernel) Wait() (restart bool) {
	<-k.done
	k.mu.Lock()
	defer k.mu.Unlock()
	return k.restart
}

// Close shuts the kernel down (as a shutdown_request without restart).
func (k *Kernel) Close() {
	k.shutdown(false)
	k.wg.Wait()
}

// Interrupt cancels the running cell (SIGINT, interrupt_request); the
// session stays usable.
func (k *Kernel) Interrupt() {
	k.mu.Lock()
	defer k.mu.Unlock()
	if k.cancel != nil {
		k.cancel()
	}
}

func (k *Kernel) shutdown(restart bool) {
	k.mu.Lock()
	if k.stopped {
		k.mu.Unlock()
		return
	}
	k.stopped = true
	k.restart = restart
	if k.cancel != nil {
		k.cancel()
	}
	k.mu.Unlock()
	close(k.done)
	k.closeSockets()
}

func (k *Kernel) closeSockets() {
	for _, s := range []*socket{k.shell, k.control, k.stdin, k.hb, k.iopubSock} {
		if s != nil {
			s.close()
		}
	}
}

func (k *Kernel) loop(q chan inbound, sock *socket) {
	defer k.wg.Done()
	for {
		select {
		case <-k.done:
			return
		case m := <-q:
			k.serveMsg(m, sock)
		}
	}
}

func (k *Kernel) serveMsg(in inbound, sock *socket) {
	req, err := k.sign.decode(in.frames)
	if err != nil {
		k.logf("%s: dropped message: %v", sock.name, err)
		return
	}
	k.publish(req, "status", map[string]any{"execution_state": "busy"})
	stop, restart := false, false
	defer func() {
		k.publish(req, "status", map[string]any{"execution_state": "idle"})
		if stop {
			k.pub.drain(2 * time.Second)
			k.shutdown(restart)
		}
	}()
	defer func() {
		if r := recover(); r != nil {
			k.logf("%s: %s: internal error: %v", sock.name, req.Header.MsgType, r)
		}
	}()
	t := req.Header.MsgType
	if sock == k.control {
		switch t {
		case "kernel_info_request", "shutdown_request", "interrupt_request", "comm_info_request":
		default:
			k.logf("control: unsupported %s", t)
			k.reply(in.p, req, strings.TrimSuffix(t, "_request")+"_reply", map[string]any{"status": "error",
				"ename": "NotSupported", "evalue": t + " is not served on the control channel", "traceback": []string{}})
			return
		}
	}
	switch t {
	case "kernel_info_request":
		k.reply(in.p, req, "kernel_info_reply", k.kernelInfo())
	case "execute_request":
		k.execute(in.p, req)
		if k.quit {
			stop = true
		}
	case "complete_request":
		k.complete(in.p, req)
	case "inspect_request":
		k.inspect(in.p, req)
	case "is_complete_request":
		k.isComplete(in.p, req)
	case "history_request":
		k.historyReq(in.p, req)
	case "comm_info_request":
		k.reply(in.p, req, "comm_info_reply", map[string]any{"status": "ok", "comms": map[string]any{}})
	case "comm_open":
		var c struct {
			CommID string `json:"comm_id"`
		}
		json.Unmarshal(req.Content, &c)
		k.publish(req, "comm_close", map[string]any{"comm_id": c.CommID, "data": map[string]any{}})
	case "comm_msg", "comm_close":
	case "shutdown_request":
		var c struct {
			Restart bool `json:"restart"`
		}
		json.Unmarshal(req.Content, &c)
		k.Interrupt()
		k.reply(in.p, req, "shutdown_reply", map[string]any{"status": "ok", "restart": c.Restart})
		stop, restart = true, c.Restart
	case "interrupt_request":
		k.Interrupt()
		k.reply(in.p, req, "interrupt_reply", map[string]any{"status": "ok"})
	default:
		k.logf("%s: unsupported message type %q", sock.name, t)
	}
}

// abortQueued answers the first n execute requests queued on shell with
// status "aborted" (after an error with stop_on_error).
func (k *Kernel) abortQueued(n int) {
	for ; n > 0; n-- {
		select {
		case m := <-k.shellQ:
			req, err := k.sign.decode(m.frames)
			if err != nil {
				k.logf("shell: dropped message: %v", err)
				continue
			}
			if req.Header.MsgType != "execute_request" {
				k.serveMsg(m, k.shell)
				continue
			}
			k.publish(req, "status", map[string]any{"execution_state": "busy"})
			k.reply(m.p, req, "execute_reply", map[string]any{"status": "aborted", "execution_count": k.execCount})
			k.publish(req, "status", map[string]any{"execution_state": "idle"})
		default:
			return
		}
	}
}

func (k *Kernel) header(msgType string) Header {
	return Header{MsgID: newID(), Session: k.session, Username: "torchr", Date: nowISO(), MsgType: msgType, Version: ProtocolVersion}
}

func parentOf(req *Message) json.RawMessage {
	if req == nil || len(req.rawHeader) == 0 {
		return json.RawMessage("{}")
	}
	return req.rawHeader
}

// reply answers req on the connection it came from.
func (k *Kernel) reply(p *peer, req *Message, msgType string, content any) {
	m := &Message{Identities: req.Identities, Header: k.header(msgType), Parent: parentOf(req), Content: mustJSON(content)}
	frames, err := k.sign.encode(m)
	if err != nil {
		k.logf("encode %s: %v", msgType, err)
		return
	}
	if err := p.send(frames); err != nil {
		k.logf("send %s: %v", msgType, err)
	}
}

// publish sends an iopub message with req as parent (nil: none).
func (k *Kernel) publish(req *Message, msgType string, content any) {
	k.publishMeta(req, msgType, content, nil)
}

func (k *Kernel) publishMeta(req *Message, msgType string, content any, md map[string]any) {
	m := &Message{Identities: [][]byte{[]byte("kernel." + k.session + "." + msgType)}, Header: k.header(msgType),
		Parent: parentOf(req), Metadata: md, Content: mustJSON(content)}
	frames, err := k.sign.encode(m)
	if err != nil {
		k.logf("encode %s: %v", msgType, err)
		return
	}
	k.pub.publish(frames)
}

func (k *Kernel) kernelInfo() map[string]any {
	return map[string]any{
		"status":                 "ok",
		"protocol_version":       ProtocolVersion,
		"implementation":         "torchr",
		"implementation_version": k.cfg.Version,
		"language_info": map[string]any{
			"name":               "torchr",
			"version":            k.cfg.Version,
			"mimetype":           "text/x-r-source",
			"file_extension":     ".tr",
			"pygments_lexer":     "r",
			"codemirror_mode":    "r",
			"nbconvert_exporter": "script",
		},
		"banner": "torchr " + k.cfg.Version + " -- R's torch on a Go tensor core\n" +
			"Type ?name for help on a function, help(torch) for the torch API.",
		"help_links": []map[string]string{
			{"text": "torch for R", "url": "https://torch.mlverse.org/docs/"},
			{"text": "R language", "url": "https://cran.r-project.org/manuals.html"},
		},
	}
}

// errorContent converts an Eval error into the error message fields.
func errorContent(err error) (ename, evalue string, traceback []string) {
	if lang.IsInterrupt(err) {
		return "Interrupt", "interrupted", []string{"Interrupted (the session is kept)."}
	}
	text := strings.TrimRight(lang.ErrorText(err), "\n")
	if text == "" {
		text = err.Error()
	}
	var se *lang.SyntaxError
	ename = "Error"
	if errors.As(err, &se) {
		ename = "SyntaxError"
	}
	evalue = text
	if i := strings.Index(text, " : "); i >= 0 && strings.HasPrefix(text, "Error in ") {
		evalue = strings.TrimSpace(text[i+3:])
	} else {
		evalue = strings.TrimPrefix(text, "Error: ")
	}
	return ename, evalue, strings.Split(text, "\n")
}
