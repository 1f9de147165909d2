//go:build !unix

package repl

import "os"

// notifyResize does nothing where there is no SIGWINCH: the width is
// taken from the console when it starts.
func notifyResize(ch chan os.Signal) {}
