//go:build unix

package repl

import (
	"os"
	"os/signal"
	"syscall"
)

// notifyResize delivers SIGWINCH (the terminal window was resized) to ch.
func notifyResize(ch chan os.Signal) { signal.Notify(ch, syscall.SIGWINCH) }
