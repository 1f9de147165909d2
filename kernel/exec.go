package kernel

import (
	"context"
	"encoding/json"
	"fmt"
	"io"
	"regexp"
	"strings"
	"sync"
	"time"
	"unicode/utf8"

	"torchr/lang"
)

type executeRequest struct {
	Code            string            `json:"code"`
	Silent          bool              `json:"silent"`
	StoreHistory    *bool             `json:"store_history"`
	UserExpressions map[string]string `json:"user_expressions"`
	AllowStdin      bool              `json:"allow_stdin"`
	StopOnError     *bool             `json:"stop_on_error"`
}

// execute runs one execute_request; failed reports an error, stop whether
// queued requests are to be aborted.
func (k *Kernel) execute(p *peer, req *Message) (failed, stop bool) {
	var c executeRequest
	if err := json.Unmarshal(req.Content, &c); err != nil {
		k.reply(p, req, "execute_reply", map[string]any{"status": "error", "ename": "BadRequest", "evalue": err.Error(), "traceback": []string{}, "execution_count": k.execCount})
		return true, false
	}
	store := c.StoreHistory == nil || *c.StoreHistory
	if c.Silent {
		store = false
	}
	stopOnError := c.StopOnError == nil || *c.StopOnError
	if store {
		k.execCount++
	}
	n := k.execCount
	if !c.Silent {
		k.publish(req, "execute_input", map[string]any{"code": c.Code, "execution_count": n})
	}

	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	k.mu.Lock()
	if k.stopped {
		k.mu.Unlock()
		return false, false
	}
	k.cancel = cancel
	k.cell = &cellState{req: req, peer: p, allowStdin: c.AllowStdin, ctx: ctx, silent: c.Silent}
	k.mu.Unlock()
	k.out.begin(req, c.Silent)

	var pending *lang.Bundle
	var plain strings.Builder
	show := func(b lang.Bundle) {
		if c.Silent {
			return
		}
		if pending != nil {
			k.display(req, *pending)
		}
		pending = &b
	}
	var payload []any
	var err error
	if topic, ok := helpRequest(c.Code); ok && !c.Silent {
		// ?name and help(name) open the front end's pager, as IRkernel does.
		if text, found := lang.HelpText(topic); found {
			payload = append(payload, map[string]any{"source": "page", "data": map[string]any{"text/plain": text}, "start": 0})
		} else {
			err = k.evalCell(ctx, c.Code, show)
		}
	} else {
		err = k.evalCell(ctx, c.Code, show)
	}
	k.finishProgress(req)
	k.out.flush()

	k.mu.Lock()
	k.cancel = nil
	k.cell = nil
	k.mu.Unlock()

	if pending != nil {
		if err != nil {
			k.display(req, *pending)
		} else {
			k.publishMeta(req, "execute_result", map[string]any{"execution_count": n, "data": pending.Data, "metadata": pending.Metadata}, nil)
		}
		if s, ok := pending.Data["text/plain"].(string); ok {
			plain.WriteString(s)
		}
	}
	k.out.end()
	if store {
		e := histEntry{session: k.histSess, line: n, input: c.Code, output: plain.String()}
		k.history = append(k.history, e)
		if k.histFile != nil {
			if err := k.histFile.add(k.histSess, e); err != nil {
				k.logger.Printf("history file %s: %v (not written from now on)", k.histFile.path, err)
				k.histFile = nil
			}
		}
	}
	if _, ok := lang.QuitStatus(err); ok {
		// quit(): answer, then stop (the front end is asked to close).
		k.reply(p, req, "execute_reply", map[string]any{"status": "ok", "execution_count": n,
			"payload": []any{map[string]any{"source": "ask_exit", "keepkernel": false}}, "user_expressions": map[string]any{}})
		k.quit = true
		return false, false
	}
	if err != nil {
		ename, evalue, tb := errorContent(err)
		if !c.Silent {
			k.publish(req, "error", map[string]any{"ename": ename, "evalue": evalue, "traceback": tb})
		}
		// Requests queued before this reply is sent are aborted; those a
		// client sends after seeing it are not.
		queued := len(k.shellQ)
		k.reply(p, req, "execute_reply", map[string]any{"status": "error", "execution_count": n,
			"ename": ename, "evalue": evalue, "traceback": tb})
		if stopOnError {
			k.abortQueued(queued)
		}
		return true, stopOnError
	}
	if payload == nil {
		payload = []any{}
	}
	k.reply(p, req, "execute_reply", map[string]any{"status": "ok", "execution_count": n,
		"payload": payload, "user_expressions": k.userExpressions(c.UserExpressions)})
	return false, false
}

var helpRE = regexp.MustCompile(`^\s*(?:\?\s*([A-Za-z.][A-Za-z0-9._]*)|help\(\s*"?([A-Za-z.][A-Za-z0-9._]*)"?\s*\))\s*;?\s*$`)

// helpRequest recognizes a cell that is only ?name or help(name).
func helpRequest(code string) (string, bool) {
	m := helpRE.FindStringSubmatch(code)
	if m == nil {
		return "", false
	}
	if m[1] != "" {
		return m[1], true
	}
	return m[2], true
}

// evalCell evaluates code, turning a Go panic into an error.
func (k *Kernel) evalCell(ctx context.Context, code string, show func(lang.Bundle)) (err error) {
	defer func() {
		if r := recover(); r != nil {
			err = fmt.Errorf("Error: internal error: %v", r)
		}
	}()
	return k.sess.EvalCell(ctx, "<cell>", code, show)
}

func (k *Kernel) userExpressions(exprs map[string]string) map[string]any {
	res := map[string]any{}
	for name, src := range exprs {
		var last *lang.Bundle
		err := k.evalCell(context.Background(), src, func(b lang.Bundle) { last = &b })
		if err != nil {
			ename, evalue, tb := errorContent(err)
			res[name] = map[string]any{"status": "error", "ename": ename, "evalue": evalue, "traceback": tb}
			continue
		}
		if last == nil {
			last = &lang.Bundle{Data: map[string]any{"text/plain": ""}, Metadata: map[string]any{}}
		}
		res[name] = map[string]any{"status": "ok", "data": last.Data, "metadata": last.Metadata}
	}
	return res
}

// display publishes a display_data (after the output before it).
func (k *Kernel) display(req *Message, b lang.Bundle) {
	k.out.flush()
	md := b.Metadata
	if md == nil {
		md = map[string]any{}
	}
	k.publish(req, "display_data", map[string]any{"data": b.Data, "metadata": md, "transient": map[string]any{}})
}

// streams coalesces stdout and stderr into stream messages, keeping their
// order, flushed about every 100 ms and before any other output.
type streams struct {
	k      *Kernel
	mu     sync.Mutex
	req    *Message
	silent bool
	chunks []chunk
	size   int
	timer  *time.Timer
}

type chunk struct {
	name string
	data []byte
}

const (
	flushDelay = 100 * time.Millisecond
	flushSize  = 64 << 10
)

type streamWriter struct {
	s    *streams
	name string
}

func (s *streams) writer(name string) io.Writer { return &streamWriter{s: s, name: name} }

func (w *streamWriter) Write(p []byte) (int, error) {
	s := w.s
	s.mu.Lock()
	if s.silent {
		s.mu.Unlock()
		return len(p), nil
	}
	if n := len(s.chunks); n > 0 && s.chunks[n-1].name == w.name {
		s.chunks[n-1].data = append(s.chunks[n-1].data, p...)
	} else {
		s.chunks = append(s.chunks, chunk{name: w.name, data: append([]byte(nil), p...)})
	}
	s.size += len(p)
	big := s.size >= flushSize
	if !big && s.timer == nil {
		s.timer = time.AfterFunc(flushDelay, s.flush)
	}
	s.mu.Unlock()
	if big {
		s.flush()
	}
	return len(p), nil
}

func (s *streams) begin(req *Message, silent bool) {
	s.flush()
	s.mu.Lock()
	s.req, s.silent = req, silent
	s.mu.Unlock()
}

func (s *streams) end() {
	s.flush()
	s.mu.Lock()
	s.req, s.silent = nil, false
	s.mu.Unlock()
}

// flush publishes the pending output. A trailing incomplete UTF-8
// sequence waits for its remaining bytes.
func (s *streams) flush() {
	s.mu.Lock()
	defer s.mu.Unlock()
	if s.timer != nil {
		s.timer.Stop()
		s.timer = nil
	}
	var keep []chunk
	for i, c := range s.chunks {
		data := c.data
		if i == len(s.chunks)-1 {
			cut := validPrefix(data)
			if cut < len(data) {
				keep = []chunk{{name: c.name, data: append([]byte(nil), data[cut:]...)}}
				data = data[:cut]
			}
		}
		if len(data) > 0 {
			s.k.publish(s.req, "stream", map[string]any{"name": c.name, "text": strings.ToValidUTF8(string(data), "\uFFFD")})
		}
	}
	s.chunks = keep
	s.size = 0
	for _, c := range keep {
		s.size += len(c.data)
	}
}

// takePrompt removes and returns the unfinished last line of stdout (the
// prompt readline() just wrote), flushing the rest.
func (s *streams) takePrompt() string {
	s.mu.Lock()
	prompt := ""
	if n := len(s.chunks); n > 0 && s.chunks[n-1].name == "stdout" {
		d := s.chunks[n-1].data
		i := strings.LastIndexByte(string(d), '\n')
		prompt = string(d[i+1:])
		s.chunks[n-1].data = d[:i+1]
		s.size -= len(prompt)
	}
	s.mu.Unlock()
	s.flush()
	return prompt
}

// validPrefix is the length of data without a trailing incomplete rune.
func validPrefix(data []byte) int {
	for i := len(data) - 1; i >= 0 && i >= len(data)-utf8.UTFMax; i-- {
		if utf8.RuneStart(data[i]) {
			if !utf8.FullRune(data[i:]) {
				return i
			}
			break
		}
	}
	return len(data)
}

// stdinReader answers the session's reads of stdin (readline()) with
// input_request messages on the stdin channel when the running request
// allows it, and end of input otherwise.
type stdinReader struct {
	k       *Kernel
	pending []byte
}

func (r *stdinReader) Read(p []byte) (int, error) {
	if len(r.pending) == 0 {
		line, err := r.k.requestInput()
		if err != nil {
			return 0, err
		}
		r.pending = []byte(line + "\n")
	}
	n := copy(p, r.pending)
	r.pending = r.pending[n:]
	return n, nil
}

func (k *Kernel) requestInput() (string, error) {
	k.mu.Lock()
	cell := k.cell
	k.mu.Unlock()
	if cell == nil || !cell.allowStdin {
		return "", io.EOF
	}
	prompt := k.out.takePrompt()
	p := k.stdin.byIdentity(cell.peer.id)
	if p == nil {
		return "", io.EOF
	}
	select {
	case <-k.inputCh: // a stale reply
	default:
	}
	k.reply(p, cell.req, "input_request", map[string]any{"prompt": prompt, "password": false})
	select {
	case v := <-k.inputCh:
		return v, nil
	case <-cell.ctx.Done():
		return "", io.EOF
	case <-k.done:
		return "", io.EOF
	}
}

func (k *Kernel) onStdin(m inbound) {
	req, err := k.sign.decode(m.frames)
	if err != nil {
		k.logf("stdin: dropped message: %v", err)
		return
	}
	if req.Header.MsgType != "input_reply" {
		k.logf("stdin: unexpected %s", req.Header.MsgType)
		return
	}
	var c struct {
		Value string `json:"value"`
	}
	json.Unmarshal(req.Content, &c)
	select {
	case k.inputCh <- c.Value:
	default:
	}
}

// Progress bars (txtProgressBar) become a display updated in place.
type progressState struct {
	id   string
	text string
	last time.Time
}

// progressRenderer is the session's lang.ProgressRenderer.
type progressRenderer struct{ k *Kernel }

func (r progressRenderer) Update(pb *lang.ProgressBar) { r.k.showProgress(pb, false) }

func (r progressRenderer) Close(pb *lang.ProgressBar) {
	r.k.showProgress(pb, true)
	delete(r.k.progress, pb)
}

func (k *Kernel) showProgress(pb *lang.ProgressBar, final bool) {
	k.mu.Lock()
	cell := k.cell
	k.mu.Unlock()
	if cell == nil {
		return
	}
	st := k.progress[pb]
	text := pb.Text()
	if st != nil && (st.text == text || (!final && time.Since(st.last) < 50*time.Millisecond && pb.Fraction() < 1)) {
		if st.text != text {
			st.text = "" // remember that the shown state is stale
		}
		return
	}
	pct := 100 * pb.Fraction()
	html := fmt.Sprintf(`<div><progress value="%g" max="100" style="width:60%%"></progress> %3.0f%%%s</div>`, pct, pct, htmlEscape(label(pb)))
	data := map[string]any{"text/plain": text, "text/html": html}
	k.out.flush()
	if st == nil {
		st = &progressState{id: newID()}
		k.progress[pb] = st
		k.publish(cell.req, "display_data", map[string]any{"data": data, "metadata": map[string]any{}, "transient": map[string]any{"display_id": st.id}})
	} else {
		k.publish(cell.req, "update_display_data", map[string]any{"data": data, "metadata": map[string]any{}, "transient": map[string]any{"display_id": st.id}})
	}
	st.text, st.last = text, time.Now()
}

func label(pb *lang.ProgressBar) string {
	parts := []string{}
	if pb.Title != "" {
		parts = append(parts, pb.Title)
	}
	if pb.Label != "" {
		parts = append(parts, pb.Label)
	}
	if len(parts) == 0 {
		return ""
	}
	return " " + strings.Join(parts, " ")
}

// finishProgress shows the final state of bars left open by the cell.
func (k *Kernel) finishProgress(req *Message) {
	for pb, st := range k.progress {
		if st.text != pb.Text() {
			k.showProgress(pb, true)
		}
	}
}

func htmlEscape(s string) string {
	r := strings.NewReplacer("&", "&amp;", "<", "&lt;", ">", "&gt;", `"`, "&quot;")
	return r.Replace(s)
}

func (k *Kernel) complete(p *peer, req *Message) {
	var c struct {
		Code      string `json:"code"`
		CursorPos int    `json:"cursor_pos"`
	}
	json.Unmarshal(req.Content, &c)
	matches, start, end := k.sess.Complete(c.Code, c.CursorPos)
	if matches == nil {
		matches = []string{}
		start, end = c.CursorPos, c.CursorPos
	}
	k.reply(p, req, "complete_reply", map[string]any{"status": "ok", "matches": matches,
		"cursor_start": start, "cursor_end": end, "metadata": map[string]any{}})
}

func (k *Kernel) inspect(p *peer, req *Message) {
	var c struct {
		Code      string `json:"code"`
		CursorPos int    `json:"cursor_pos"`
	}
	json.Unmarshal(req.Content, &c)
	text, found := k.sess.Inspect(c.Code, c.CursorPos)
	data := map[string]any{}
	if found {
		data["text/plain"] = text
	}
	k.reply(p, req, "inspect_reply", map[string]any{"status": "ok", "found": found, "data": data, "metadata": map[string]any{}})
}

func (k *Kernel) isComplete(p *peer, req *Message) {
	var c struct {
		Code string `json:"code"`
	}
	json.Unmarshal(req.Content, &c)
	ok, err := k.sess.IsComplete(c.Code)
	switch {
	case err != nil:
		k.reply(p, req, "is_complete_reply", map[string]any{"status": "invalid"})
	case ok:
		k.reply(p, req, "is_complete_reply", map[string]any{"status": "complete"})
	default:
		k.reply(p, req, "is_complete_reply", map[string]any{"status": "incomplete", "indent": indentFor(c.Code)})
	}
}

// indentFor guesses the indentation of the next line of incomplete code:
// two spaces per open bracket (outside strings and comments).
func indentFor(code string) string {
	depth := 0
	var quote rune
	comment := false
	esc := false
	for _, r := range code {
		switch {
		case comment:
			if r == '\n' {
				comment = false
			}
		case quote != 0:
			if esc {
				esc = false
			} else if r == '\\' {
				esc = true
			} else if r == quote {
				quote = 0
			}
		case r == '#':
			comment = true
		case r == '"' || r == '\'' || r == '`':
			quote = r
		case r == '{' || r == '(' || r == '[':
			depth++
		case r == '}' || r == ')' || r == ']':
			if depth > 0 {
				depth--
			}
		}
	}
	return strings.Repeat("  ", depth)
}

func (k *Kernel) historyReq(p *peer, req *Message) {
	var c struct {
		Output         bool   `json:"output"`
		HistAccessType string `json:"hist_access_type"`
		Session        int    `json:"session"`
		Start          int    `json:"start"`
		Stop           int    `json:"stop"`
		N              int    `json:"n"`
		Pattern        string `json:"pattern"`
		Unique         bool   `json:"unique"`
	}
	json.Unmarshal(req.Content, &c)
	// earlier kernels' cells (from the history file), then this one's
	all := append(append([]histEntry(nil), k.earlier...), k.history...)
	var sel []histEntry
	switch c.HistAccessType {
	case "tail":
		sel = all
		if c.N > 0 && len(sel) > c.N {
			sel = sel[len(sel)-c.N:]
		}
	case "range":
		// session: positive is a session number, 0 this one, negative
		// counts back from this one (IPython's convention)
		sess := c.Session
		if sess <= 0 {
			sess += k.histSess
		}
		for _, h := range all {
			if h.session == sess && h.line >= c.Start && (c.Stop <= 0 || h.line < c.Stop) {
				sel = append(sel, h)
			}
		}
	case "search":
		pat := c.Pattern
		if pat == "" {
			pat = "*"
		}
		seen := map[string]bool{}
		for i := len(all) - 1; i >= 0; i-- {
			h := all[i]
			if !globMatch(pat, h.input) {
				continue
			}
			if c.Unique {
				if seen[h.input] {
					continue
				}
				seen[h.input] = true
			}
			sel = append([]histEntry{h}, sel...)
			if c.N > 0 && len(sel) >= c.N {
				break
			}
		}
	}
	out := make([]any, 0, len(sel))
	for _, h := range sel {
		if c.Output {
			out = append(out, []any{h.session, h.line, []any{h.input, h.output}})
		} else {
			out = append(out, []any{h.session, h.line, h.input})
		}
	}
	k.reply(p, req, "history_reply", map[string]any{"status": "ok", "history": out})
}

// globMatch matches s against a glob pattern (* and ?), as IPython's
// history search does.
func globMatch(pattern, s string) bool {
	q := regexp.QuoteMeta(pattern)
	q = strings.ReplaceAll(q, `\*`, ".*")
	q = strings.ReplaceAll(q, `\?`, ".")
	re, err := regexp.Compile("(?s)^" + q + "$")
	return err == nil && re.MatchString(s)
}

// cellDisplay is the session's lang.Display: display_data and
// clear_output for the running cell.
type cellDisplay struct{ k *Kernel }

func (d cellDisplay) Display(b lang.Bundle) {
	d.k.mu.Lock()
	cell := d.k.cell
	d.k.mu.Unlock()
	if cell == nil || cell.silent {
		return
	}
	d.k.display(cell.req, b)
}

func (d cellDisplay) ClearOutput(wait bool) {
	d.k.mu.Lock()
	cell := d.k.cell
	d.k.mu.Unlock()
	if cell == nil || cell.silent {
		return
	}
	d.k.out.flush()
	d.k.publish(cell.req, "clear_output", map[string]any{"wait": wait})
}
