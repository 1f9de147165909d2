//go:build !unix

package kernel

import (
	"errors"
	"os"
	"time"
)

// lockFile takes an exclusive lock by creating path (O_EXCL), waiting for
// another holder to remove it; a lock file older than ten seconds was left
// by a kernel that died and is taken over.
func lockFile(path string) (func(), error) {
	deadline := time.Now().Add(5 * time.Second)
	for {
		f, err := os.OpenFile(path, os.O_WRONLY|os.O_CREATE|os.O_EXCL, 0o600)
		if err == nil {
			f.Close()
			return func() { os.Remove(path) }, nil
		}
		if !errors.Is(err, os.ErrExist) {
			return nil, err
		}
		if fi, err := os.Stat(path); err == nil && time.Since(fi.ModTime()) > 10*time.Second {
			os.Remove(path)
			continue
		}
		if time.Now().After(deadline) {
			return nil, errors.New("history file is locked: " + path)
		}
		time.Sleep(20 * time.Millisecond)
	}
}
