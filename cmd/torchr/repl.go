package main

import (
	"torchr/lang"
	"torchr/repl"
)

// The interactive console for a terminal stdin (see package repl).
func init() {
	Interactive = func(s *lang.Session) int {
		return repl.Run(s, repl.Options{Version: Version})
	}
}
