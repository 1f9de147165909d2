package kernel

import (
	"encoding/json"
	"fmt"
	"net"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/go-zeromq/zmq4"
	"github.com/go-zeromq/zmq4/security/null"

	"torchr/lang"
	"torchr/lang/eval"
)

// Generous: the machine running the tests may be busy. No test asserts a
// duration; waits only bound how long a broken kernel can hang a test.
const wait = 60 * time.Second

func freePorts(t *testing.T, n int) []int {
	t.Helper()
	var ls []net.Listener
	var ports []int
	for i := 0; i < n; i++ {
		l, err := net.Listen("tcp", "127.0.0.1:0")
		if err != nil {
			t.Fatal(err)
		}
		ls = append(ls, l)
		ports = append(ports, l.Addr().(*net.TCPAddr).Port)
	}
	for _, l := range ls {
		l.Close()
	}
	return ports
}

func startKernel(t *testing.T, setup func(*lang.Session)) *Kernel {
	t.Helper()
	return startKernelConfig(t, Config{Setup: setup})
}

// startKernelConfig starts a kernel with cfg on free ports.
func startKernelConfig(t *testing.T, cfg Config) *Kernel {
	t.Helper()
	p := freePorts(t, 5)
	ci := ConnectionInfo{Transport: "tcp", IP: "127.0.0.1", ShellPort: p[0], ControlPort: p[1], StdinPort: p[2],
		HBPort: p[3], IOPubPort: p[4], Key: "a0436f6c-1916-498b-8eb9-e81ab9368e84", SignatureScheme: "hmac-sha256"}
	cfg.Conn, cfg.Version, cfg.Log = ci, "test", newTestLog(t)
	k, err := Start(cfg)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(k.Close)
	return k
}

// testLog writes to the test's log until the test ends (goroutines of a
// closing kernel may still log).
type testLog struct {
	mu   *sync.Mutex
	t    *testing.T
	done *bool
}

func newTestLog(t *testing.T) testLog {
	l := testLog{mu: new(sync.Mutex), t: t, done: new(bool)}
	t.Cleanup(func() {
		l.mu.Lock()
		*l.done = true
		l.mu.Unlock()
	})
	return l
}

func (l testLog) Write(p []byte) (int, error) {
	l.mu.Lock()
	defer l.mu.Unlock()
	if !*l.done {
		l.t.Log(strings.TrimRight(string(p), "\n"))
	}
	return len(p), nil
}

// conn is a client connection to one of the kernel's sockets.
type conn struct {
	zc   *zmq4.Conn
	nc   net.Conn
	msgs chan [][]byte
}

func dial(t *testing.T, port int, typ zmq4.SocketType, id string) *conn {
	t.Helper()
	nc, err := net.Dial("tcp", "127.0.0.1:"+strconv.Itoa(port))
	if err != nil {
		t.Fatal(err)
	}
	zc, err := zmq4.Open(nc, null.Security(), typ, zmq4.SocketIdentity(id), false, nil)
	if err != nil {
		t.Fatal(err)
	}
	c := &conn{zc: zc, nc: nc, msgs: make(chan [][]byte, 100000)}
	if typ == zmq4.Sub {
		zc.SendMsg(zmq4.NewMsg([]byte{1}))
	}
	return c
}

// listen starts delivering received messages to c.msgs.
func (c *conn) listen() *conn {
	go func() {
		for {
			m, err := c.zc.RecvMsg()
			if err != nil {
				close(c.msgs)
				return
			}
			if m.Type == zmq4.CmdMsg {
				continue
			}
			c.msgs <- m.Frames
		}
	}()
	return c
}

func (c *conn) close() { c.nc.Close() }

// client is a Jupyter client: shell, control, stdin and iopub.
type client struct {
	t                     *testing.T
	k                     *Kernel
	sign                  *signer
	shell, control, stdin *conn
	iopub                 *conn
	session               string
}

// tryClient connects to a kernel that may not be listening yet (nil then).
func tryClient(t *testing.T, k *Kernel) *client {
	ci := k.cfg.Conn
	for _, port := range []int{ci.ShellPort, ci.ControlPort, ci.StdinPort, ci.IOPubPort} {
		nc, err := net.Dial("tcp", "127.0.0.1:"+strconv.Itoa(port))
		if err != nil {
			return nil
		}
		nc.Close()
	}
	id := newID()
	c := &client{t: t, k: k, sign: k.sign, session: newID(),
		shell:   dial(t, ci.ShellPort, zmq4.Dealer, id).listen(),
		control: dial(t, ci.ControlPort, zmq4.Dealer, id).listen(),
		stdin:   dial(t, ci.StdinPort, zmq4.Dealer, id).listen(),
		iopub:   dial(t, ci.IOPubPort, zmq4.Sub, "").listen(),
	}
	t.Cleanup(c.close)
	return c
}

func newClient(t *testing.T, k *Kernel) *client {
	t.Helper()
	id := newID()
	ci := k.cfg.Conn
	c := &client{t: t, k: k, sign: k.sign, session: newID(),
		shell:   dial(t, ci.ShellPort, zmq4.Dealer, id).listen(),
		control: dial(t, ci.ControlPort, zmq4.Dealer, id).listen(),
		stdin:   dial(t, ci.StdinPort, zmq4.Dealer, id).listen(),
		iopub:   dial(t, ci.IOPubPort, zmq4.Sub, "").listen(),
	}
	t.Cleanup(c.close)
	// iopub subscriptions are asynchronous: wait until the kernel has it.
	deadline := time.Now().Add(wait)
	for k.pub.subscribers() == 0 && time.Now().Before(deadline) {
		time.Sleep(5 * time.Millisecond)
	}
	return c
}

func (c *client) close() {
	for _, x := range []*conn{c.shell, c.control, c.stdin, c.iopub} {
		x.close()
	}
}

func (c *client) msg(msgType string, content any) *Message {
	return &Message{Header: Header{MsgID: newID(), Session: c.session, Username: "test", Date: nowISO(), MsgType: msgType, Version: ProtocolVersion},
		Content: mustJSON(content)}
}

func (c *client) send(on *conn, m *Message) string {
	frames, err := c.sign.encode(m)
	if err != nil {
		c.t.Fatal(err)
	}
	if err := on.zc.SendMsg(zmq4.NewMsgFrom(frames...)); err != nil {
		c.t.Fatal(err)
	}
	return m.Header.MsgID
}

func (c *client) recv(on *conn) *Message {
	c.t.Helper()
	select {
	case frames, ok := <-on.msgs:
		if !ok {
			c.t.Fatal("connection closed")
		}
		m, err := c.sign.decode(frames)
		if err != nil {
			c.t.Fatal(err)
		}
		return m
	case <-time.After(wait):
		c.t.Fatal("timed out waiting for a message")
	}
	return nil
}

func parentID(m *Message) string {
	var h Header
	json.Unmarshal(m.Parent, &h)
	return h.MsgID
}

func content(m *Message) map[string]any {
	var c map[string]any
	json.Unmarshal(m.Content, &c)
	return c
}

// reply waits for the reply to id on conn.
func (c *client) reply(on *conn, id string) *Message {
	c.t.Helper()
	for {
		m := c.recv(on)
		if parentID(m) == id {
			return m
		}
	}
}

// outputs collects the iopub messages of request id up to its idle status.
func (c *client) outputs(id string) []*Message {
	c.t.Helper()
	var out []*Message
	for {
		m := c.recv(c.iopub)
		if parentID(m) != id {
			continue
		}
		if m.Header.MsgType == "status" {
			if content(m)["execution_state"] == "idle" {
				return out
			}
			continue
		}
		out = append(out, m)
	}
}

type result struct {
	reply   map[string]any
	outputs []*Message
}

func (r result) stream(name string) string {
	var b strings.Builder
	for _, m := range r.outputs {
		if c := content(m); m.Header.MsgType == "stream" && c["name"] == name {
			b.WriteString(c["text"].(string))
		}
	}
	return b.String()
}

func (r result) of(msgType string) []map[string]any {
	var out []map[string]any
	for _, m := range r.outputs {
		if m.Header.MsgType == msgType {
			out = append(out, content(m))
		}
	}
	return out
}

func (c *client) execute(code string, extra ...any) result {
	c.t.Helper()
	req := map[string]any{"code": code, "silent": false, "store_history": true, "user_expressions": map[string]any{}, "allow_stdin": false}
	for i := 0; i+1 < len(extra); i += 2 {
		req[extra[i].(string)] = extra[i+1]
	}
	id := c.send(c.shell, c.msg("execute_request", req))
	outs := c.outputs(id)
	return result{reply: content(c.reply(c.shell, id)), outputs: outs}
}

// value is the text of the execute_result of r ("" if none).
func (r result) value() string {
	e := r.of("execute_result")
	if len(e) != 1 {
		var outs []string
		for _, m := range r.outputs {
			outs = append(outs, m.Header.MsgType+" "+string(m.Content))
		}
		return fmt.Sprintf("<no execute_result: reply %v, outputs %q>", r.reply, outs)
	}
	return textOf(e[0])
}

func textOf(d map[string]any) string {
	data, _ := d["data"].(map[string]any)
	s, _ := data["text/plain"].(string)
	return s
}

func TestExecute(t *testing.T) {
	k := startKernel(t, nil)
	c := newClient(t, k)
	r := c.execute(`cat("hello\n"); 1; x <- 2; x * 21`)
	if r.reply["status"] != "ok" || r.stream("stdout") != "hello\n" {
		t.Fatalf("reply %v stdout %q", r.reply, r.stream("stdout"))
	}
	if d := r.of("display_data"); len(d) != 1 || textOf(d[0]) != "[1] 1\n" {
		t.Errorf("display_data %v", d)
	}
	if e := r.of("execute_result"); len(e) != 1 || textOf(e[0]) != "[1] 42\n" || e[0]["execution_count"] != 1.0 {
		t.Errorf("execute_result %v", e)
	}
	if in := r.of("execute_input"); len(in) != 1 || in[0]["code"] == "" {
		t.Errorf("execute_input %v", in)
	}
	r = c.execute(`warning("careful"); message("note"); invisible(3)`)
	if got := r.stream("stderr"); !strings.Contains(got, "note") || !strings.Contains(got, "careful") {
		t.Errorf("stderr %q", got)
	}
	if len(r.of("execute_result")) != 0 || r.reply["execution_count"] != 2.0 {
		t.Errorf("invisible value: %v %v", r.of("execute_result"), r.reply)
	}
	r = c.execute(`x + 1`, "silent", true)
	if len(r.outputs) != 0 || r.reply["status"] != "ok" {
		t.Errorf("silent: %v", r.outputs)
	}
	r = c.execute(`y <- 1`, "user_expressions", map[string]string{"a": "x * 2", "b": "stop('no')"})
	ue := r.reply["user_expressions"].(map[string]any)
	if textOf(ue["a"].(map[string]any)) != "[1] 4\n" || ue["b"].(map[string]any)["status"] != "error" {
		t.Errorf("user_expressions %v", ue)
	}
}

func TestErrorAndAbort(t *testing.T) {
	k := startKernel(t, nil)
	c := newClient(t, k)
	r := c.execute(`f <- function(x) stop("bad x: ", x); f(3)`)
	if r.reply["status"] != "error" {
		t.Fatalf("reply %v", r.reply)
	}
	e := r.of("error")
	if len(e) != 1 || e[0]["evalue"] != "bad x: 3" || !strings.Contains(fmt.Sprint(e[0]["traceback"]), "Error in f(3) : bad x: 3") {
		t.Errorf("error %v", e)
	}
	// A failing request aborts the execute requests queued behind it.
	first := c.send(c.shell, c.msg("execute_request", map[string]any{"code": `Sys.sleep(1); stop("first")`, "stop_on_error": true}))
	second := c.send(c.shell, c.msg("execute_request", map[string]any{"code": `z <- 1`}))
	if st := content(c.reply(c.shell, first))["status"]; st != "error" {
		t.Errorf("first: %v", st)
	}
	if st := content(c.reply(c.shell, second))["status"]; st != "aborted" {
		t.Errorf("second: %v", st)
	}
	if r := c.execute(`exists("z")`); r.value() != "[1] FALSE\n" {
		t.Errorf("aborted request ran")
	}
}

// Messages with a wrong or missing signature are dropped, never executed.
func TestForgedSignature(t *testing.T) {
	k := startKernel(t, nil)
	c := newClient(t, k)
	forged := &signer{key: []byte("not the key")}
	m := c.msg("execute_request", map[string]any{"code": `forged <- 1`})
	frames, _ := forged.encode(m)
	c.shell.zc.SendMsg(zmq4.NewMsgFrom(frames...))
	m2 := c.msg("execute_request", map[string]any{"code": `unsigned <- 1`})
	frames, _ = (&signer{}).encode(m2)
	c.shell.zc.SendMsg(zmq4.NewMsgFrom(frames...))
	// Requests are served in order: once this one is answered, the two
	// before it were dropped.
	r := c.execute(`c(exists("forged"), exists("unsigned"))`)
	if got := r.value(); got != "[1] FALSE FALSE\n" {
		t.Errorf("got %q", got)
	}
}

func TestSignerRoundTrip(t *testing.T) {
	s := &signer{key: []byte("k")}
	m := &Message{Identities: [][]byte{[]byte("id")}, Header: Header{MsgID: "1", MsgType: "x"}, Content: json.RawMessage(`{"a":1}`)}
	frames, err := s.encode(m)
	if err != nil {
		t.Fatal(err)
	}
	got, err := s.decode(frames)
	if err != nil || got.Header.MsgID != "1" || string(got.Content) != `{"a":1}` || string(got.Identities[0]) != "id" {
		t.Fatalf("%v %+v", err, got)
	}
	frames[len(frames)-1] = []byte(`{"a":2}`)
	if _, err := s.decode(frames); err != errBadSignature {
		t.Errorf("tampered content: %v", err)
	}
}

// A subscriber that stops reading loses messages alone: another one
// receives everything.
func TestStalledSubscriber(t *testing.T) {
	k := startKernel(t, nil)
	stalled := dial(t, k.cfg.Conn.IOPubPort, zmq4.Sub, "") // never read
	defer stalled.close()
	for k.pub.subscribers() < 1 {
		time.Sleep(5 * time.Millisecond)
	}
	c := newClient(t, k)
	deadline := time.Now().Add(wait)
	for k.pub.subscribers() < 2 && time.Now().Before(deadline) {
		time.Sleep(5 * time.Millisecond)
	}
	const n = 3000
	r := c.execute(fmt.Sprintf(`s <- strrep("x", 10000); for (i in 1:%d) display_html(s)`, n))
	if got := len(r.of("display_data")); got != n || r.reply["status"] != "ok" {
		t.Errorf("healthy subscriber got %d of %d display_data (reply %v)", got, n, r.reply["status"])
	}
	if r := c.execute(`1 + 1`); r.value() != "[1] 2\n" {
		t.Error("no output after the burst")
	}
}

func TestConnectCycles(t *testing.T) {
	k := startKernel(t, nil)
	ci := k.cfg.Conn
	for i := 0; i < 50; i++ {
		id := newID()
		sh := dial(t, ci.ShellPort, zmq4.Dealer, id).listen()
		sub := dial(t, ci.IOPubPort, zmq4.Sub, "").listen()
		hb := dial(t, ci.HBPort, zmq4.Req, "").listen()
		c := &client{t: t, k: k, sign: k.sign, session: id, shell: sh}
		rid := c.send(sh, c.msg("kernel_info_request", map[string]any{}))
		info := content(c.reply(sh, rid))
		if info["protocol_version"] != ProtocolVersion {
			t.Fatalf("cycle %d: %v", i, info)
		}
		hb.zc.SendMsg(zmq4.NewMsgFrom([]byte("ping")))
		select {
		case f := <-hb.msgs:
			if string(f[len(f)-1]) != "ping" {
				t.Fatalf("heartbeat echoed %q", f)
			}
		case <-time.After(wait):
			t.Fatal("no heartbeat")
		}
		sh.close()
		sub.close()
		hb.close()
	}
	c := newClient(t, k)
	if r := c.execute(`"still here"`); r.value() != "[1] \"still here\"\n" {
		t.Error("kernel unusable after connect cycles")
	}
}

func TestInterrupt(t *testing.T) {
	k := startKernel(t, nil)
	c := newClient(t, k)
	c.execute(`y <- 41`)
	id := c.send(c.shell, c.msg("execute_request", map[string]any{"code": `while (TRUE) {}`}))
	for { // wait until it runs
		m := c.recv(c.iopub)
		if parentID(m) == id && m.Header.MsgType == "execute_input" {
			break
		}
	}
	iid := c.send(c.control, c.msg("interrupt_request", map[string]any{}))
	if st := content(c.reply(c.control, iid))["status"]; st != "ok" {
		t.Errorf("interrupt_reply %v", st)
	}
	if r := content(c.reply(c.shell, id)); r["status"] != "error" || r["ename"] != "Interrupt" {
		t.Errorf("interrupted reply %v", r)
	}
	if r := c.execute(`y + 1`); r.value() != "[1] 42\n" {
		t.Errorf("after interrupt: %v", r.value())
	}
	// Sys.sleep and a long tensor loop are interruptible too.
	for _, code := range []string{`Sys.sleep(1000)`, `x <- torch_randn(64, 64); repeat { x <- torch_tanh(x$mm(x)) }`} {
		id := c.send(c.shell, c.msg("execute_request", map[string]any{"code": code}))
		for {
			m := c.recv(c.iopub)
			if parentID(m) == id && m.Header.MsgType == "execute_input" {
				break
			}
		}
		c.send(c.control, c.msg("interrupt_request", map[string]any{}))
		if r := content(c.reply(c.shell, id)); r["ename"] != "Interrupt" {
			t.Errorf("%s: reply %v", code, r)
		}
	}
	if r := c.execute(`y + 2`); r.value() != "[1] 43\n" {
		t.Errorf("after interrupts: %v", r.value())
	}
}

func TestPanicInBuiltin(t *testing.T) {
	k := startKernel(t, func(s *lang.Session) {
		s.Define("boom", &eval.Builtin{Name: "boom", Fn: func(c *eval.Frame, a []eval.Value) (eval.Value, error) {
			var m map[string]int
			m["x"] = 1 // a Go panic
			return nil, nil
		}})
	})
	c := newClient(t, k)
	r := c.execute(`boom()`)
	if r.reply["status"] != "error" || len(r.of("error")) != 1 {
		t.Fatalf("reply %v outputs %v", r.reply, r.outputs)
	}
	if r := c.execute(`1`); r.reply["status"] != "ok" {
		t.Error("session unusable after a panic")
	}
}

func TestStdin(t *testing.T) {
	k := startKernel(t, nil)
	c := newClient(t, k)
	id := c.send(c.shell, c.msg("execute_request", map[string]any{"code": `name <- readline("name? "); cat("hi", name, "\n")`, "allow_stdin": true}))
	req := c.recv(c.stdin)
	if req.Header.MsgType != "input_request" || content(req)["prompt"] != "name? " {
		t.Fatalf("%s %v", req.Header.MsgType, content(req))
	}
	rep := c.msg("input_reply", map[string]any{"value": "bob"})
	rep.Parent = req.rawHeader
	c.send(c.stdin, rep)
	r := result{outputs: c.outputs(id), reply: content(c.reply(c.shell, id))}
	if r.stream("stdout") != "hi bob \n" {
		t.Errorf("stdout %q", r.stream("stdout"))
	}
	// Without allow_stdin readline() reads end of input.
	if r := c.execute(`readline("x? ")`); r.value() != "[1] \"\"\n" {
		t.Errorf("got %v", r.outputs)
	}
}

func TestProgressBar(t *testing.T) {
	k := startKernel(t, nil)
	c := newClient(t, k)
	r := c.execute(`pb <- txtProgressBar(max = 20, style = 3); for (i in 1:20) setTxtProgressBar(pb, i); close(pb)`)
	d := r.of("display_data")
	if len(d) != 1 {
		t.Fatalf("display_data %v", d)
	}
	id := d[0]["transient"].(map[string]any)["display_id"]
	u := r.of("update_display_data")
	if len(u) == 0 || u[len(u)-1]["transient"].(map[string]any)["display_id"] != id || !strings.Contains(textOf(u[len(u)-1]), "100%") {
		t.Errorf("updates %v", u)
	}
	if r.stream("stdout")+r.stream("stderr") != "" {
		t.Errorf("text bar drawn too: %q", r.stream("stderr"))
	}
}

func TestRequests(t *testing.T) {
	k := startKernel(t, nil)
	c := newClient(t, k)
	c.execute(`my_long_name <- 1`)
	ask := func(msgType string, cont any) map[string]any {
		id := c.send(c.shell, c.msg(msgType, cont))
		return content(c.reply(c.shell, id))
	}
	// Cursor positions count code points.
	r := ask("complete_request", map[string]any{"code": `"é"; my_long_n`, "cursor_pos": 14})
	if fmt.Sprint(r["matches"]) != "[my_long_name]" || r["cursor_start"] != 5.0 || r["cursor_end"] != 14.0 {
		t.Errorf("complete %v", r)
	}
	r = ask("inspect_request", map[string]any{"code": "paste(", "cursor_pos": 3, "detail_level": 0})
	if r["found"] != true {
		t.Errorf("inspect %v", r)
	}
	for code, want := range map[string]string{"1 +": "incomplete", "1 + 1": "complete", "x y": "invalid"} {
		if r := ask("is_complete_request", map[string]any{"code": code}); r["status"] != want {
			t.Errorf("is_complete %q: %v", code, r)
		}
	}
	if r := ask("is_complete_request", map[string]any{"code": "f <- function() {"}); r["indent"] != "  " {
		t.Errorf("indent %q", r["indent"])
	}
	r = ask("history_request", map[string]any{"hist_access_type": "tail", "n": 1, "output": false, "raw": true})
	if fmt.Sprint(r["history"]) != "[[1 1 my_long_name <- 1]]" {
		t.Errorf("history %v", r["history"])
	}
	if r := ask("comm_info_request", map[string]any{}); r["status"] != "ok" {
		t.Errorf("comm_info %v", r)
	}
	r = ask("kernel_info_request", map[string]any{})
	li := r["language_info"].(map[string]any)
	if li["name"] != "torchr" || li["file_extension"] != ".tr" || li["codemirror_mode"] != "r" {
		t.Errorf("kernel_info %v", r)
	}
}

func TestShutdown(t *testing.T) {
	k := startKernel(t, nil)
	c := newClient(t, k)
	id := c.send(c.control, c.msg("shutdown_request", map[string]any{"restart": true}))
	if r := content(c.reply(c.control, id)); r["restart"] != true {
		t.Errorf("shutdown_reply %v", r)
	}
	done := make(chan bool)
	go func() { done <- k.Wait() }()
	select {
	case restart := <-done:
		if !restart {
			t.Error("restart not reported")
		}
	case <-time.After(wait):
		t.Fatal("kernel did not stop")
	}
}

func TestTensorHTML(t *testing.T) {
	k := startKernel(t, nil)
	c := newClient(t, k)
	r := c.execute(`torch_tensor(matrix(1:6, nrow = 2, byrow = TRUE), dtype = torch_float())`)
	e := r.of("execute_result")
	if len(e) != 1 {
		t.Fatalf("outputs %v", r.outputs)
	}
	data := e[0]["data"].(map[string]any)
	html, _ := data["text/html"].(string)
	if !strings.HasPrefix(data["text/plain"].(string), "torch_tensor\n") || !strings.Contains(html, "<td style=\"text-align:right\">6.0000</td>") ||
		!strings.Contains(html, "CPUFloatType{2,3}") {
		t.Errorf("bundle %v", data)
	}
}

func TestPlotInline(t *testing.T) {
	k := startKernel(t, nil)
	c := newClient(t, k)
	r := c.execute(`plot(1:10, main = "a"); lines(10:1, col = "red")` + "\n" + `hist(c(1, 2, 2, 3)); 42`)
	d := r.of("display_data")
	if len(d) != 2 {
		t.Fatalf("want 2 plots, got %v", r.outputs)
	}
	for _, p := range d {
		data := p["data"].(map[string]any)
		md := p["metadata"].(map[string]any)["image/png"].(map[string]any)
		if s, _ := data["image/png"].(string); !strings.HasPrefix(s, "iVBOR") || md["width"] != 600.0 || md["height"] != 420.0 {
			t.Errorf("plot bundle %v %v", data["text/plain"], md)
		}
	}
	if e := r.of("execute_result"); len(e) != 1 || textOf(e[0]) != "[1] 42\n" {
		t.Errorf("execute_result %v", e)
	}
	if r := c.execute(`1`); len(r.of("display_data")) != 0 {
		t.Error("a plot shown twice")
	}
}

// Under par(mfrow=) the plots of a cell are panels of one image.
func TestPlotMultiPanel(t *testing.T) {
	k := startKernel(t, nil)
	c := newClient(t, k)
	r := c.execute(`op <- par(mfrow = c(1, 2)); plot(1:10); hist(c(1, 2, 2, 3)); op`)
	if d := r.of("display_data"); len(d) != 1 {
		t.Fatalf("want one image for two panels, got %d: %v", len(d), r.outputs)
	} else if s, _ := d[0]["data"].(map[string]any)["image/png"].(string); !strings.HasPrefix(s, "iVBOR") {
		t.Errorf("not a png: %v", d[0]["data"])
	}
	if got := r.value(); got != "$mfrow\n[1] 1 1\n\n" {
		t.Errorf("old par %q", got)
	}
	r = c.execute(`par(op); plot(1); plot(2); par("mfrow")`)
	if d := r.of("display_data"); len(d) != 2 || r.value() != "[1] 1 1\n" {
		t.Errorf("after par(op): %d images, value %q", len(d), r.value())
	}
}

func TestQuit(t *testing.T) {
	k := startKernel(t, nil)
	c := newClient(t, k)
	r := c.execute(`quit()`)
	if fmt.Sprint(r.reply["payload"]) != "[map[keepkernel:false source:ask_exit]]" {
		t.Errorf("reply %v", r.reply)
	}
	select {
	case <-k.Done():
	case <-time.After(wait):
		t.Fatal("kernel did not stop after quit()")
	}
}

func TestModuleHTML(t *testing.T) {
	k := startKernel(t, nil)
	c := newClient(t, k)
	r := c.execute(`m <- nn_sequential(nn_linear(3, 2), nn_relu()); m`)
	e := r.of("execute_result")
	if len(e) != 1 {
		t.Fatalf("outputs %v", r.value())
	}
	html, _ := e[0]["data"].(map[string]any)["text/html"].(string)
	if !strings.Contains(html, "<code>0.weight</code></td><td>[2, 3]</td><td>torch.float32</td><td>true</td>") || !strings.Contains(html, "8 parameters") {
		t.Errorf("html %s", html)
	}
}

func TestHelpPager(t *testing.T) {
	k := startKernel(t, nil)
	c := newClient(t, k)
	r := c.execute(`?paste`)
	if !strings.Contains(fmt.Sprint(r.reply["payload"]), "Concatenate Strings") || len(r.outputs) != 1 {
		t.Errorf("reply %v", r.reply)
	}
	if topic, ok := helpRequest(`help("torch_randn")`); !ok || topic != "torch_randn" {
		t.Errorf("help(): %q %v", topic, ok)
	}
	if _, ok := helpRequest(`?paste; 1`); ok {
		t.Error("?paste; 1 is not a help request alone")
	}
}

func TestInstall(t *testing.T) {
	dir := t.TempDir()
	got, err := Install([]string{"--prefix", dir, "--name", "tr", "--display-name", "torchr (test)"})
	if err != nil {
		t.Fatal(err)
	}
	if got != filepath.Join(dir, "share", "jupyter", "kernels", "tr") {
		t.Errorf("dir %s", got)
	}
	b, err := os.ReadFile(filepath.Join(got, "kernel.json"))
	if err != nil {
		t.Fatal(err)
	}
	var spec Kernelspec
	json.Unmarshal(b, &spec)
	if !filepath.IsAbs(spec.Argv[0]) || spec.Argv[1] != "kernel" || spec.Argv[2] != "{connection_file}" ||
		spec.InterruptMode != "message" || spec.DisplayName != "torchr (test)" || spec.Language != "torchr" {
		t.Errorf("kernel.json %s", b)
	}
	for _, f := range []string{"logo-32x32.png", "logo-64x64.png"} {
		if _, err := os.Stat(filepath.Join(got, f)); err != nil {
			t.Error(err)
		}
	}
	if _, err := Install([]string{"--bogus"}); err == nil {
		t.Error("unknown flag accepted")
	}
}
