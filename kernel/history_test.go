package kernel

import (
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"testing"
)

func (c *client) history(cont map[string]any) []any {
	c.t.Helper()
	id := c.send(c.shell, c.msg("history_request", cont))
	r := content(c.reply(c.shell, id))
	h, _ := r["history"].([]any)
	return h
}

// A new kernel's history_request sees the cells of kernels before it
// (Jupyter's tail of the history), each under its session number.
func TestHistoryAcrossRestarts(t *testing.T) {
	file := filepath.Join(t.TempDir(), "torchr", "kernel_history")
	k1 := startKernelConfig(t, Config{HistoryFile: file})
	c1 := newClient(t, k1)
	c1.execute(`first_cell <- 1`)
	c1.execute(`first_cell + 41`)
	c1.execute(`ignored <- 2`, "store_history", false)
	k1.Close()

	k2 := startKernelConfig(t, Config{HistoryFile: file})
	c2 := newClient(t, k2)
	c2.execute(`second_session <- 3`)
	got := fmt.Sprint(c2.history(map[string]any{"hist_access_type": "tail", "n": 10, "output": false, "raw": true}))
	want := "[[1 1 first_cell <- 1] [1 2 first_cell + 41] [2 1 second_session <- 3]]"
	if got != want {
		t.Errorf("tail:\n got %s\nwant %s", got, want)
	}
	got = fmt.Sprint(c2.history(map[string]any{"hist_access_type": "tail", "n": 2, "output": true, "raw": true}))
	if want := "[[1 2 [first_cell + 41 [1] 42\n]] [2 1 [second_session <- 3 ]]]"; got != want {
		t.Errorf("tail with output:\n got %q\nwant %q", got, want)
	}
	// range: session -1 is the one before this one, 0 this one
	got = fmt.Sprint(c2.history(map[string]any{"hist_access_type": "range", "session": -1, "start": 2, "stop": 0, "output": false, "raw": true}))
	if got != "[[1 2 first_cell + 41]]" {
		t.Errorf("range of the previous session: %s", got)
	}
	got = fmt.Sprint(c2.history(map[string]any{"hist_access_type": "range", "session": 0, "start": 1, "stop": 0, "output": false, "raw": true}))
	if got != "[[2 1 second_session <- 3]]" {
		t.Errorf("range of this session: %s", got)
	}
	got = fmt.Sprint(c2.history(map[string]any{"hist_access_type": "search", "pattern": "first*", "n": 10, "output": false, "raw": true}))
	if got != "[[1 1 first_cell <- 1] [1 2 first_cell + 41]]" {
		t.Errorf("search: %s", got)
	}
}

// Kernels running at the same time get different session numbers and
// every cell of each is kept.
func TestHistoryConcurrentKernels(t *testing.T) {
	file := filepath.Join(t.TempDir(), "kernel_history")
	const kernels, cells = 3, 5
	var wg sync.WaitGroup
	ks := make([]*Kernel, kernels)
	for i := range ks {
		ks[i] = startKernelConfig(t, Config{HistoryFile: file})
	}
	for i, k := range ks {
		c := newClient(t, k)
		wg.Add(1)
		go func(i int, c *client) {
			defer wg.Done()
			for j := 0; j < cells; j++ {
				c.execute(fmt.Sprintf("k%d_cell%d <- %d", i, j, j))
			}
		}(i, c)
	}
	wg.Wait()
	for _, k := range ks {
		k.Close()
	}
	k := startKernelConfig(t, Config{HistoryFile: file})
	c := newClient(t, k)
	h := c.history(map[string]any{"hist_access_type": "tail", "n": 100, "output": false, "raw": true})
	if len(h) != kernels*cells {
		t.Fatalf("%d cells in the history, want %d: %v", len(h), kernels*cells, h)
	}
	sessionOf := map[string]float64{}
	seen := map[string]bool{}
	for _, e := range h {
		e := e.([]any)
		input := e[2].(string)
		seen[input] = true
		kern := strings.SplitN(input, "_", 2)[0]
		if s, ok := sessionOf[kern]; ok && s != e[0].(float64) {
			t.Errorf("%s: cells of one kernel under two sessions", kern)
		}
		sessionOf[kern] = e[0].(float64)
	}
	if len(seen) != kernels*cells {
		t.Errorf("cells lost or duplicated: %v", h)
	}
	sessions := map[float64]bool{}
	for _, s := range sessionOf {
		sessions[s] = true
	}
	if len(sessions) != kernels || sessions[float64(kernels+1)] {
		t.Errorf("sessions %v, want %d different ones below %d", sessionOf, kernels, kernels+1)
	}
}

// The file stays bounded: a kernel starting with an oversized file keeps
// the newest cells, and a torn last line (a kernel killed mid-write) is
// skipped.
func TestHistoryFileBounded(t *testing.T) {
	file := filepath.Join(t.TempDir(), "kernel_history")
	f, err := os.Create(file)
	if err != nil {
		t.Fatal(err)
	}
	big := strings.Repeat("x", 1000)
	n := 0
	for size := 0; size <= histMaxBytes; n++ {
		b, _ := json.Marshal(histRecord{Session: 1 + n/100, Line: 1 + n%100, Input: fmt.Sprintf("cell%d <- %q", n, big)})
		f.Write(append(b, '\n'))
		size += len(b) + 1
	}
	f.WriteString(`{"session": 99, "line": 1, "inp`)
	f.Close()

	h := &historyFile{path: file}
	sess, earlier, err := h.open()
	if err != nil {
		t.Fatal(err)
	}
	last := (n - 1)
	if sess != 1+last/100+1 {
		t.Errorf("session %d, want %d", sess, 1+last/100+1)
	}
	fi, _ := os.Stat(file)
	if fi.Size() > histMaxBytes/2+200 || fi.Size() < histMaxBytes/4 {
		t.Errorf("file size %d after trimming (limit %d)", fi.Size(), histMaxBytes)
	}
	if len(earlier) == 0 || !strings.HasPrefix(earlier[len(earlier)-1].input, fmt.Sprintf("cell%d <- ", last)) {
		t.Fatalf("newest cell not kept")
	}
	first := earlier[0].input
	if strings.HasPrefix(first, "cell0 <- ") {
		t.Errorf("oldest cell kept: the file was not trimmed")
	}
	// appending goes on after the trim
	if err := h.add(sess, histEntry{session: sess, line: 1, input: "after"}); err != nil {
		t.Fatal(err)
	}
	_, earlier, err = (&historyFile{path: file}).open()
	if err != nil || earlier[len(earlier)-1].input != "after" {
		t.Errorf("after trim: %v %v", err, earlier[len(earlier)-1])
	}
}

// A torn last line (a kernel killed while writing) is skipped, and the next
// kernel's records start on a line of their own.
func TestHistoryTornLine(t *testing.T) {
	file := filepath.Join(t.TempDir(), "kernel_history")
	os.WriteFile(file, []byte(`{"session":1,"line":0}`+"\n"+`{"session":1,"line":1,"input":"ok <- 1"}`+"\n"+`{"session":1,"line":2,"inp`), 0o600)
	h := &historyFile{path: file}
	sess, earlier, err := h.open()
	if err != nil || sess != 2 || len(earlier) != 1 || earlier[0].input != "ok <- 1" {
		t.Fatalf("open: %v %d %v", err, sess, earlier)
	}
	if err := h.add(sess, histEntry{session: sess, line: 1, input: "next <- 2"}); err != nil {
		t.Fatal(err)
	}
	sess, earlier, err = (&historyFile{path: file}).open()
	if err != nil || sess != 3 || len(earlier) != 2 || earlier[1].input != "next <- 2" {
		t.Errorf("reopen: %v %d %v", err, sess, earlier)
	}
}
