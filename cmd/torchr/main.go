// Command torchr runs R scripts on torchr's interpreter, like Rscript.
//
//	torchr FILE.tr [args...]   run a script
//	torchr -e 'expr' [-e ...]  evaluate expressions
//	torchr --version
//	torchr test DIR            run DIR/test-*.tr (test_that), print "N passed, M failed"
//	torchr kernel CONNECTION_FILE   run the Jupyter kernel (torchr kernel install writes its kernelspec)
//	torchr < script.tr         stdin that is not a terminal is evaluated
package main

import (
	"context"
	"fmt"
	"io"
	"os"
	"os/signal"
	"runtime/debug"
	"strings"

	"torchr/kernel"
	"torchr/lang"
	"torchr/lang/eval"
)

// Version is the torchr version printed by --version.
const Version = "0.1.0"

// Interactive, when set (by the REPL package wiring), runs the interactive
// console for a terminal stdin. It is the seam for the REPL helper.
var Interactive func(s *lang.Session) int

func main() {
	// The interpreter allocates many small short-lived values; a larger
	// GC target (unless GOGC is set) cuts collector overhead by ~40%.
	if os.Getenv("GOGC") == "" {
		debug.SetGCPercent(400)
	}
	os.Exit(run(os.Args[1:], os.Stdin, os.Stdout, os.Stderr))
}

func run(argv []string, stdin io.Reader, stdout, stderr io.Writer) int {
	if len(argv) >= 1 && argv[0] == "kernel" { // torchr kernel ... (Jupyter)
		return kernel.Main(argv[1:], Version, stdout, stderr)
	}
	if len(argv) == 2 && argv[0] == "test" { // torchr test DIR
		_, failed, err := lang.RunTests(context.Background(), argv[1], stdout, stderr)
		if err != nil {
			fmt.Fprintln(stderr, err)
		}
		if err != nil || failed > 0 {
			return 1
		}
		return 0
	}
	var exprs []string
	var file string
	var rest []string
	for i := 0; i < len(argv); i++ {
		a := argv[i]
		switch {
		case a == "--version":
			fmt.Fprintf(stdout, "torchr version %s\n", Version)
			return 0
		case a == "-e":
			if i+1 >= len(argv) {
				fmt.Fprintln(stderr, "torchr: -e requires an expression")
				return 2
			}
			exprs = append(exprs, argv[i+1])
			i++
		case a == "--args":
			rest = append(rest, argv[i+1:]...)
			i = len(argv)
		case a == "--help" || a == "-h":
			fmt.Fprintln(stdout, "Usage: torchr [FILE.tr [args...]] [-e expr]... [--version]")
			return 0
		case strings.HasPrefix(a, "-") && file == "" && len(exprs) == 0 && a != "-":
			fmt.Fprintf(stderr, "torchr: unknown option %q\n", a)
			return 2
		default:
			if file == "" && len(exprs) == 0 {
				file = a
				rest = append(rest, argv[i+1:]...)
				i = len(argv)
			} else {
				rest = append(rest, a)
			}
		}
	}
	s := lang.NewSession(lang.Options{Stdout: stdout, Stderr: stderr, Stdin: stdin, Args: rest, ReportErrors: true, ShowCalls: true})
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt)
	defer stop()
	if len(exprs) > 0 {
		return evalSrc(ctx, s, "<text>", strings.Join(exprs, "\n"), stderr)
	}
	if file != "" && file != "-" {
		src, err := os.ReadFile(file)
		if err != nil {
			fmt.Fprintf(stderr, "Fatal error: cannot open file '%s': No such file or directory\n", file)
			return 2
		}
		text := string(src)
		if strings.HasPrefix(text, "#!") {
			// keep line numbers: blank the shebang line
			if i := strings.IndexByte(text, '\n'); i >= 0 {
				text = text[i:]
			} else {
				text = ""
			}
		}
		return evalSrc(ctx, s, file, text, stderr)
	}
	if f, ok := stdin.(*os.File); ok && isTerminal(f) && Interactive != nil {
		return Interactive(s)
	}
	src, err := io.ReadAll(stdin)
	if err != nil {
		fmt.Fprintln(stderr, err)
		return 2
	}
	return evalSrc(ctx, s, "<stdin>", string(src), stderr)
}

func evalSrc(ctx context.Context, s *lang.Session, name, src string, stderr io.Writer) int {
	err := s.Eval(ctx, name, src)
	if err == nil {
		return 0
	}
	if st, ok := eval.QuitStatus(err); ok {
		return st
	}
	fmt.Fprint(stderr, lang.ErrorText(err))
	fmt.Fprintln(stderr, "Execution halted")
	return 1
}

func isTerminal(f *os.File) bool {
	fi, err := f.Stat()
	if err != nil {
		return false
	}
	return fi.Mode()&os.ModeCharDevice != 0
}
