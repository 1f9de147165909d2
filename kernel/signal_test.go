//go:build unix

package kernel

import (
	"encoding/json"
	"os"
	"os/exec"
	"path/filepath"
	"syscall"
	"testing"
	"time"
)

// SIGINT (what Jupyter sends with interrupt_mode "signal", and Ctrl-C in a
// terminal running the kernel) cancels the running cell and keeps the
// session, in a kernel process of its own.
func TestSIGINT(t *testing.T) {
	p := freePorts(t, 5)
	ci := ConnectionInfo{Transport: "tcp", IP: "127.0.0.1", ShellPort: p[0], ControlPort: p[1], StdinPort: p[2],
		HBPort: p[3], IOPubPort: p[4], Key: "secret", SignatureScheme: "hmac-sha256"}
	b, _ := json.Marshal(ci)
	file := filepath.Join(t.TempDir(), "kernel.json")
	if err := os.WriteFile(file, b, 0o600); err != nil {
		t.Fatal(err)
	}
	exe, _ := os.Executable()
	cmd := exec.Command(exe, file)
	cmd.Env = append(os.Environ(), "TORCHR_KERNEL_TEST_CHILD=1",
		// the kernel's history goes to the test's directory, not the user's
		HistoryEnv+"="+filepath.Join(t.TempDir(), "kernel_history"))
	cmd.Stderr = newTestLog(t)
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	defer func() {
		cmd.Process.Kill()
		cmd.Wait()
	}()
	// A stand-in Kernel value carrying the connection info and key.
	sg, _ := newSigner(ci.SignatureScheme, ci.Key)
	k := &Kernel{cfg: Config{Conn: ci}, sign: sg}
	var c *client
	deadline := time.Now().Add(wait)
	for {
		c = tryClient(t, k)
		if c != nil || time.Now().After(deadline) {
			break
		}
		time.Sleep(50 * time.Millisecond)
	}
	if c == nil {
		t.Fatal("kernel process not reachable")
	}
	// Wait until iopub delivers (subscriptions are asynchronous).
	for {
		id := c.send(c.shell, c.msg("kernel_info_request", map[string]any{}))
		got := false
		timeout := time.After(500 * time.Millisecond)
	loop:
		for {
			select {
			case f := <-c.iopub.msgs:
				if m, err := c.sign.decode(f); err == nil && parentID(m) == id {
					got = true
				}
			case <-timeout:
				break loop
			}
		}
		c.reply(c.shell, id)
		if got || time.Now().After(deadline) {
			break
		}
	}
	c.execute(`y <- 41`)
	id := c.send(c.shell, c.msg("execute_request", map[string]any{"code": `while (TRUE) {}`}))
	for {
		m := c.recv(c.iopub)
		if parentID(m) == id && m.Header.MsgType == "execute_input" {
			break
		}
	}
	cmd.Process.Signal(syscall.SIGINT)
	if r := content(c.reply(c.shell, id)); r["status"] != "error" || r["ename"] != "Interrupt" {
		t.Errorf("interrupted reply %v", r)
	}
	if r := c.execute(`y + 1`); r.value() != "[1] 42\n" {
		t.Errorf("after SIGINT: %v", r.outputs)
	}
}
