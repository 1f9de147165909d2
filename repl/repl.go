// Package repl is torchr's interactive console: R's prompts, history,
// tab completion and help on top of a lang.Session, with
// github.com/chzyer/readline for line editing.
//
// The console prints a banner, reads expressions at the "> " prompt (with
// "+ " while the input is incomplete), evaluates them and prints visible
// values, errors and warnings as R does. Ctrl-C while typing discards the
// input; Ctrl-C while code runs interrupts it and returns to the prompt
// with every variable intact. Ctrl-D or q() leaves with status 0,
// quit(status = n) with n.
//
// On a terminal, options("width") follows the window (set at start and,
// after a resize, before the next input runs), so long vectors wrap as
// in R; help pages (?topic, help()) go through $PAGER ("less -R" when
// PAGER is unset and less is installed).
package repl

import (
	"context"
	"errors"
	"fmt"
	"io"
	"os"
	"os/exec"
	"os/signal"
	"path/filepath"
	"runtime/debug"
	"strings"
	"sync/atomic"

	"github.com/chzyer/readline"

	"torchr/lang"
)

// HistoryEnv is the environment variable naming the history file
// (default ~/.torchr_history).
const HistoryEnv = "TORCHR_HISTFILE"

// Options configures the console. Zero values mean the process's standard
// streams and the default history file.
type Options struct {
	// Version is shown in the banner.
	Version string
	// HistoryFile overrides $TORCHR_HISTFILE and ~/.torchr_history; "-"
	// disables the history file.
	HistoryFile string
	Stdin       io.ReadCloser
	Stdout      io.Writer
	Stderr      io.Writer
}

// HistoryPath returns the history file the console uses: $TORCHR_HISTFILE,
// else ~/.torchr_history ("" when there is no home directory).
func HistoryPath() string {
	if p := os.Getenv(HistoryEnv); p != "" {
		return p
	}
	home, err := os.UserHomeDir()
	if err != nil || home == "" {
		return ""
	}
	return filepath.Join(home, ".torchr_history")
}

// Banner returns the text printed when the console starts.
func Banner(version string) string {
	return fmt.Sprintf("torchr version %s -- R's torch, in Go\n"+
		"Type 'help()' for help, '?name' for a function's page, 'q()' to quit.\n\n", version)
}

// Run runs the console on s until Ctrl-D or quit() and returns the exit
// status.
func Run(s *lang.Session, o Options) int {
	stdout, stderr := o.Stdout, o.Stderr
	if stdout == nil {
		stdout = os.Stdout
	}
	if stderr == nil {
		stderr = os.Stderr
	}
	hist := o.HistoryFile
	if hist == "" {
		hist = HistoryPath()
	}
	if hist == "-" {
		hist = ""
	}
	comp := &completer{s: s}
	rl, err := readline.NewEx(&readline.Config{
		Prompt:            "> ",
		HistoryFile:       hist,
		HistoryLimit:      512, // R_HISTSIZE's default
		HistorySearchFold: true,
		AutoComplete:      comp,
		InterruptPrompt:   "^C",
		EOFPrompt:         "\n",
		FuncGetWidth:      screenWidth,
		Stdin:             o.Stdin,
		Stdout:            stdout,
		Stderr:            stderr,
	})
	if err != nil {
		fmt.Fprintf(stderr, "torchr: cannot start the console: %v\n", err)
		return 2
	}
	defer rl.Close()
	s.SetInteractive(true)
	io.WriteString(stdout, Banner(o.Version))

	// The terminal's width becomes options("width") now and after each
	// resize (applied between inputs: the session is not safe for
	// concurrent use while code runs); a width the user set holds until
	// the terminal's changes.
	var resized atomic.Bool
	onTerminal := o.Stdout == nil && readline.IsTerminal(int(os.Stdout.Fd()))
	cols := 0 // the terminal width last applied
	if onTerminal {
		cols = screenWidth()
		s.SetWidth(cols)
		winch := make(chan os.Signal, 1)
		notifyResize(winch)
		defer signal.Stop(winch)
		go func() {
			for range winch {
				resized.Store(true)
			}
		}()
		if page := pager(); page != nil {
			s.SetPager(page)
		}
	}

	// SIGINT while code runs cancels the evaluation; while typing, the
	// terminal is raw and Ctrl-C arrives as a key (readline.ErrInterrupt).
	sigs := make(chan os.Signal, 1)
	signal.Notify(sigs, os.Interrupt)
	defer signal.Stop(sigs)

	var pending strings.Builder
	for {
		prompt, cont := s.Prompts()
		if pending.Len() == 0 {
			rl.SetPrompt(prompt)
		} else {
			rl.SetPrompt(cont)
		}
		comp.pending = pending.String()
		line, err := rl.Readline()
		if errors.Is(err, readline.ErrInterrupt) {
			pending.Reset()
			continue
		}
		if err != nil { // io.EOF: Ctrl-D
			return 0
		}
		pending.WriteString(line)
		pending.WriteByte('\n')
		src := pending.String()
		if ok, _ := s.IsComplete(src); !ok {
			continue
		}
		pending.Reset()
		if strings.TrimSpace(src) == "" {
			continue
		}
		// the size is read again before each input: SIGWINCH may
		// arrive after the line typed in the resized window
		if onTerminal {
			if w := screenWidth(); resized.Swap(false) || w != cols {
				cols = w
				s.SetWidth(w)
			}
		}
		if status, quit := evalLine(s, src, sigs, stderr); quit {
			return status
		}
	}
}

// evalLine evaluates one complete input with Ctrl-C cancelling it. It
// reports a quit() request with its status.
func evalLine(s *lang.Session, src string, sigs chan os.Signal, stderr io.Writer) (status int, quit bool) {
	// drop an interrupt that arrived while no code was running
	select {
	case <-sigs:
	default:
	}
	ctx, cancel := context.WithCancel(context.Background())
	done := make(chan struct{})
	go func() {
		select {
		case <-sigs:
			cancel()
		case <-done:
		}
	}()
	err := safeEval(ctx, s, src)
	close(done)
	cancel()
	if err == nil {
		return 0, false
	}
	if st, ok := lang.QuitStatus(err); ok {
		return st, true
	}
	if lang.IsInterrupt(err) {
		// R's console shows nothing but a fresh line after ^C
		io.WriteString(stderr, "\n")
		return 0, false
	}
	io.WriteString(stderr, lang.ErrorText(err))
	return 0, false
}

// pager returns the console's pager for help pages: the $PAGER command
// (run by the shell, as R runs it), else "less -R" if less is installed;
// nil (print the page) without either.
func pager() func(text string) error {
	cmdline := os.Getenv("PAGER")
	if cmdline == "" {
		if _, err := exec.LookPath("less"); err != nil {
			return nil
		}
		cmdline = "less -R"
	}
	return func(text string) error {
		cmd := exec.Command("/bin/sh", "-c", cmdline)
		cmd.Stdin = strings.NewReader(text)
		cmd.Stdout, cmd.Stderr = os.Stdout, os.Stderr
		return cmd.Run()
	}
}

// screenWidth is the terminal width, 80 when the terminal does not say
// (readline turns completion and search off for a zero width).
func screenWidth() int {
	if w := readline.GetScreenWidth(); w > 0 {
		return w
	}
	return 80
}

// safeEval runs Session.Eval, turning a Go panic that escaped the evaluator
// into an error so the console survives it.
func safeEval(ctx context.Context, s *lang.Session, src string) (err error) {
	defer func() {
		if r := recover(); r != nil {
			err = fmt.Errorf("Error: internal error (Go panic, please report): %v\n%s", r, firstFrames(debug.Stack()))
		}
	}()
	return s.Eval(ctx, "<text>", src)
}

func firstFrames(stack []byte) string {
	lines := strings.Split(string(stack), "\n")
	if len(lines) > 12 {
		lines = lines[:12]
	}
	return strings.Join(lines, "\n")
}

// completer adapts Session.Complete to readline: it completes the current
// line in the context of the pending (incomplete) input lines.
type completer struct {
	s       *lang.Session
	pending string
}

func (c *completer) Do(line []rune, pos int) ([][]rune, int) {
	off := len([]rune(c.pending))
	matches, start, _ := c.s.Complete(c.pending+string(line), off+pos)
	start -= off
	if start < 0 || start > pos {
		return nil, 0
	}
	typed := string(line[start:pos])
	var out [][]rune
	for _, m := range matches {
		if strings.HasPrefix(m, typed) {
			out = append(out, []rune(m[len(typed):]))
		}
	}
	return out, pos - start
}
