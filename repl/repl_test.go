package repl_test

import (
	"bytes"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/creack/pty"
)

// These tests drive the real torchr program in a pseudo-terminal. They wait
// for output with generous timeouts and never assert durations.

var bin string

func TestMain(m *testing.M) {
	dir, err := os.MkdirTemp("", "torchr-repl-test")
	if err != nil {
		panic(err)
	}
	bin = filepath.Join(dir, "torchr")
	if out, err := exec.Command("go", "build", "-o", bin, "torchr/cmd/torchr").CombinedOutput(); err != nil {
		panic(string(out))
	}
	code := m.Run()
	os.RemoveAll(dir)
	os.Exit(code)
}

const wait = 20 * time.Second

type console struct {
	t    *testing.T
	cmd  *exec.Cmd
	pty  *os.File
	mu   sync.Mutex
	out  bytes.Buffer
	mark int // expect searches output from here
	done chan struct{}
	code int
}

// start runs torchr on a new terminal with its history in histfile (and
// PAGER=cat: help pages print, as without a pager).
func start(t *testing.T, histfile string) *console {
	t.Helper()
	return startEnv(t, histfile, "PAGER=cat")
}

// startEnv is start with more environment variables.
func startEnv(t *testing.T, histfile string, env ...string) *console {
	t.Helper()
	cmd := exec.Command(bin)
	cmd.Env = append(append(os.Environ(), "TORCHR_HISTFILE="+histfile, "TERM=xterm"), env...)
	f, err := pty.StartWithSize(cmd, &pty.Winsize{Rows: 40, Cols: 100})
	if err != nil {
		t.Fatal(err)
	}
	c := &console{t: t, cmd: cmd, pty: f, done: make(chan struct{})}
	go func() {
		buf := make([]byte, 4096)
		for {
			n, err := f.Read(buf)
			c.mu.Lock()
			c.out.Write(buf[:n])
			c.mu.Unlock()
			if err != nil {
				return
			}
		}
	}()
	go func() {
		err := cmd.Wait()
		if ee, ok := err.(*exec.ExitError); ok {
			c.code = ee.ExitCode()
		} else if err != nil {
			c.code = -1
		}
		close(c.done)
	}()
	t.Cleanup(func() {
		select {
		case <-c.done:
		default:
			cmd.Process.Kill()
			<-c.done
		}
		f.Close()
	})
	c.expect("> ")
	return c
}

var ansi = regexp.MustCompile(`\x1b\[[0-9;?]*[A-Za-z]`)

// clean returns the whole output without terminal escapes; the mark is an
// offset into it.
func (c *console) clean() string {
	c.mu.Lock()
	defer c.mu.Unlock()
	return ansi.ReplaceAllString(c.out.String(), "")
}

// text returns the output since the mark without terminal escapes.
func (c *console) text() string { return c.clean()[c.mark:] }

// expect waits until the output after the mark contains want, then moves
// the mark past it.
func (c *console) expect(want string) string {
	c.t.Helper()
	deadline := time.Now().Add(wait)
	for {
		all := c.clean()
		if i := strings.Index(all[c.mark:], want); i >= 0 {
			got := all[c.mark : c.mark+i+len(want)]
			c.mark += i + len(want)
			return got
		}
		if time.Now().After(deadline) {
			c.t.Fatalf("timed out waiting for %q; output so far:\n%q", want, all[c.mark:])
		}
		select {
		case <-c.done:
			// give the reader a moment to drain, then look once more
			time.Sleep(100 * time.Millisecond)
			all = c.clean()
			if !strings.Contains(all[c.mark:], want) {
				c.t.Fatalf("torchr exited (status %d) before printing %q; output:\n%q", c.code, want, all[c.mark:])
			}
		default:
			time.Sleep(10 * time.Millisecond)
		}
	}
}

// skip moves the mark to the end of the output so far.
func (c *console) skip() {
	c.mark = len(c.clean())
}

func (c *console) send(s string) {
	c.t.Helper()
	if _, err := c.pty.Write([]byte(s)); err != nil {
		c.t.Fatal(err)
	}
}

// line types s and Enter.
func (c *console) line(s string) { c.send(s + "\r") }

func (c *console) exitCode() int {
	c.t.Helper()
	select {
	case <-c.done:
		return c.code
	case <-time.After(wait):
		c.t.Fatalf("torchr did not exit; output:\n%q", c.text())
		return 0
	}
}

func histFile(t *testing.T) string { return filepath.Join(t.TempDir(), "history") }

func TestBannerAndMultiLineFunction(t *testing.T) {
	c := start(t, histFile(t))
	c.line("f <- function(x) {")
	c.expect("+ ")
	c.line("  y <- x * 2")
	c.expect("+ ")
	c.line("  y + 1")
	c.expect("+ ")
	c.line("}")
	c.expect("> ")
	c.line("f(20)")
	c.expect("[1] 41")
	c.expect("> ")
	// Ctrl-C at the continuation prompt discards the whole input
	c.line("g <- function() {")
	c.expect("+ ")
	c.send("\x03")
	c.expect("> ")
	c.line("exists('g')")
	c.expect("[1] FALSE")
	c.expect("> ")
	c.line("q()")
	if code := c.exitCode(); code != 0 {
		t.Errorf("q() exit status %d", code)
	}
}

func TestBanner(t *testing.T) {
	c := start(t, histFile(t))
	c.mark = 0
	c.expect("torchr version")
	c.expect("help()")
	c.send("\x04") // Ctrl-D
	if code := c.exitCode(); code != 0 {
		t.Errorf("Ctrl-D exit status %d", code)
	}
}

func TestCompletion(t *testing.T) {
	c := start(t, histFile(t))
	c.send("seq_al\t")
	c.send("(c(5, 6, 7))\r")
	c.expect("[1] 1 2 3")
	c.expect("> ")
	c.send("toupp\t")
	c.send("(\"abc\")\r")
	c.expect("[1] \"ABC\"")
	c.expect("> ")
	c.line("x <- list(name = 11, other = 2)")
	c.expect("> ")
	c.send("x$na\t\r")
	c.expect("[1] 11")
	c.expect("> ")
	c.line("g <- function(alpha_value, beta) alpha_value - beta")
	c.expect("> ")
	c.send("g(alpha_v\t5, beta = 2)\r")
	c.expect("[1] 3")
	c.expect("> ")
	// torch functions and tensor members
	c.send("torch_randpe\t(3)\r")
	c.expect("CPULongType{3}")
	c.expect("> ")
	c.line("t1 <- torch_zeros(2, 2)")
	c.expect("> ")
	c.send("t1$sh\t\r")
	c.expect("[1] 2 2")
}

func TestHelpPage(t *testing.T) {
	c := start(t, histFile(t))
	c.line("?paste")
	c.expect("Concatenate Strings")
	c.expect("Usage:")
	c.expect("paste(")
	c.expect("> ")
	c.line("help(seq_along)")
	c.expect("seq_along(")
	c.expect("> ")
}

func TestInterrupt(t *testing.T) {
	c := start(t, histFile(t))
	c.line("before <- 123")
	c.expect("> ")
	c.line("i <- 0; while (TRUE) { i <- i + 1 }")
	c.expect("i + 1 }\r\n") // the line was accepted
	// Ctrl-C until the prompt is back: a ^C that reaches the terminal
	// before the loop starts only discards an empty input line.
	deadline := time.Now().Add(wait)
	for {
		c.send("\x03")
		time.Sleep(300 * time.Millisecond)
		if strings.Contains(c.text(), "> ") {
			break
		}
		if time.Now().After(deadline) {
			t.Fatalf("no prompt after Ctrl-C; output:\n%q", c.text())
		}
	}
	if s := c.text(); strings.Contains(s, "Error") {
		t.Errorf("interrupt printed an error: %q", s)
	}
	c.skip()
	c.line("before + 1")
	c.expect("[1] 124")
	c.line("i > 0")
	c.expect("[1] TRUE")
	// Ctrl-C while typing discards the input
	c.send("this is not R")
	c.send("\x03")
	c.line("before")
	c.expect("[1] 123")
	c.line("cat('still', 'here\\n')")
	c.expect("still here")
}

func TestErrorsAndWarnings(t *testing.T) {
	c := start(t, histFile(t))
	c.line("f <- function() stop('boom')")
	c.expect("> ")
	c.line("f()")
	c.expect("Error in f() : boom")
	c.expect("> ")
	c.line("x y")
	c.expect("Error: unexpected symbol in \"x y\"")
	c.expect("> ")
	c.line("h <- function() { warning('careful'); 1 }; h()")
	c.expect("[1] 1")
	c.expect("Warning message:")
	c.expect("In h() : careful")
	c.expect("> ")
	c.line("1 + 1")
	c.expect("[1] 2")
}

func TestHistorySurvivesRestart(t *testing.T) {
	hist := histFile(t)
	c := start(t, hist)
	c.line("hist_marker <- 6 * 7; hist_marker")
	c.expect("[1] 42")
	c.expect("> ")
	c.line("q()")
	if code := c.exitCode(); code != 0 {
		t.Fatalf("exit status %d", code)
	}
	b, err := os.ReadFile(hist)
	if err != nil || !strings.Contains(string(b), "hist_marker <- 6 * 7; hist_marker") {
		t.Fatalf("history file: %q, %v", b, err)
	}
	c2 := start(t, hist)
	c2.send("\x1b[A") // up: the previous session's lines (q() then ours)
	c2.send("\x1b[A")
	c2.send("\r")
	c2.expect("[1] 42")
	c2.expect("> ")
	// Ctrl-R searches the history backwards
	c2.line("other <- 1")
	c2.expect("> ")
	c2.send("\x12")
	c2.send("hist_mark")
	c2.send("\r")
	c2.expect("[1] 42")
}

func TestInteractiveReadline(t *testing.T) {
	c := start(t, histFile(t))
	c.line("interactive()")
	c.expect("[1] TRUE")
	c.line("answer <- readline('name? ')")
	c.expect("name? ")
	c.line("bob")
	c.expect("> ")
	c.line("answer")
	c.expect("[1] \"bob\"")
}

func TestCustomPrompt(t *testing.T) {
	c := start(t, histFile(t))
	c.line("getOption('prompt')")
	c.expect("[1] \"> \"")
	c.line("options(prompt = 'R> ', continue = '.. ')")
	c.expect("')\r\n") // the echo of the line
	c.line("1 + 1")
	c.expect("[1] 2")
	c.expect("R> ")
	c.line("{")
	c.expect(".. ")
	c.line("}")
	c.expect("NULL")
	c.expect("R> ")
}

func TestQuitStatus(t *testing.T) {
	c := start(t, histFile(t))
	c.line("quit(status = 3)")
	if code := c.exitCode(); code != 3 {
		t.Errorf("quit(status = 3) exit status %d", code)
	}
}

func TestProgressBar(t *testing.T) {
	c := start(t, histFile(t))
	c.line("pb <- txtProgressBar(min = 0, max = 4, style = 3)")
	c.expect("|   0%")
	c.line("for (i in 1:4) setTxtProgressBar(pb, i)")
	c.expect("| 100%")
	c.line("close(pb)")
	c.expect("> ")
	c.line("getTxtProgressBar(pb)")
	c.expect("[1] 4")
}

func TestStdinNotTerminal(t *testing.T) {
	cmd := exec.Command(bin)
	cmd.Stdin = strings.NewReader("x <- 1; x\ny <- x + 1\ny\n")
	out, err := cmd.CombinedOutput()
	if err != nil || string(out) != "[1] 1\n[1] 2\n" {
		t.Errorf("got %q, %v", out, err)
	}
}

// options("width") is the terminal's width, and follows a resize: long
// vectors wrap as GNU R wraps them at that width.
func TestWidthFollowsTerminal(t *testing.T) {
	c := start(t, histFile(t))
	c.line(`getOption("width")`)
	c.expect("[1] 100")
	c.expect("> ")
	c.line("1:30")
	// one line at width 100
	c.expect(" [1]  1  2  3  4  5  6  7  8  9 10 11 12 13 14 15 16 17 18 19 20 21 22 23 24 25 26 27 28 29 30\r\n")
	c.expect("> ")
	if err := pty.Setsize(c.pty, &pty.Winsize{Rows: 40, Cols: 40}); err != nil {
		t.Fatal(err)
	}
	c.line(`getOption("width")`)
	c.expect("[1] 40")
	c.expect("> ")
	// Rscript -e 'options(width = 40); 1:30'
	c.line("1:30")
	c.expect(" [1]  1  2  3  4  5  6  7  8  9 10 11 12\r\n[13] 13 14 15 16 17 18 19 20 21 22 23 24\r\n[25] 25 26 27 28 29 30\r\n")
	c.expect("> ")
	// the user's own setting holds until the next resize
	c.line("options(width = 60)")
	c.expect("> ")
	c.line(`getOption("width")`)
	c.expect("[1] 60")
}

// Help pages go through $PAGER on a terminal (run by the shell).
func TestHelpThroughPager(t *testing.T) {
	c := startEnv(t, histFile(t), `PAGER=sed 's/^/PAGED| /'`)
	c.line("?paste")
	c.expect("PAGED| paste")
	c.expect("PAGED| Concatenate Strings")
	c.expect("> ")
	c.line("help(seq_along)")
	c.expect("PAGED|      seq_along(along.with)")
	c.expect("> ")
	// a pager that fails: the page is printed instead
	c2 := startEnv(t, histFile(t), "PAGER=exit 3")
	c2.line("?paste")
	c2.expect("Concatenate Strings")
	c2.expect("> ")
}

// Without $PAGER, help pages open in less (when installed): q returns to
// the prompt.
func TestHelpInLess(t *testing.T) {
	if _, err := exec.LookPath("less"); err != nil {
		t.Skip("less is not installed")
	}
	c := startEnv(t, histFile(t), "PAGER=", "LESS=", "LESSHISTFILE=-")
	c.line("?paste")
	c.expect("Concatenate Strings")
	c.send("q")
	c.expect("> ")
	c.line("1 + 1")
	c.expect("[1] 2")
}
