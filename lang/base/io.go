package base

// Output and input: cat, writeLines, readLines, readline, source, the
// stdin()/stdout()/stderr() connections, and file helpers (file.exists,
// file.remove, unlink, tempfile, tempdir, basename, dirname, file.path).

import (
	"bufio"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strings"

	"torchr/lang/eval"
	"torchr/lang/internal/rfmt"
	"torchr/lang/syntax"
)

// connection numbers of the standard connections (as R's).
const (
	connStdin  = 0
	connStdout = 1
	connStderr = 2
)

func stdConn(n int32, desc string) eval.Value {
	v := eval.NewInt1(n)
	v.SetAttr("class", eval.NewStr([]string{"terminal", "connection"}))
	v.SetAttr("conn_id", eval.NewStr1(desc))
	return v
}

// connOf returns the standard connection number of v, or -1 for a file
// path (returned in path), or an error.
func connOf(c *eval.Frame, v eval.Value) (int, string, error) {
	switch x := v.(type) {
	case *eval.Integer:
		if hasClass(v, "connection") && len(x.V) == 1 {
			return int(x.V[0]), "", nil
		}
	case *eval.Character:
		if len(x.V) == 1 {
			if x.V[0] == "" {
				return connStdout, "", nil
			}
			return -1, expandPath(x.V[0]), nil
		}
	}
	return 0, "", c.Errorf("'con' is not a connection")
}

func expandPath(p string) string {
	if strings.HasPrefix(p, "~/") || p == "~" {
		if h, err := os.UserHomeDir(); err == nil {
			return filepath.Join(h, p[1:])
		}
	}
	return p
}

func writerFor(c *eval.Frame, conn int) (io.Writer, error) {
	switch conn {
	case connStdout:
		return c.In.Stdout, nil
	case connStderr:
		return c.In.Stderr, nil
	}
	return nil, c.Errorf("cannot write to this connection")
}

// catElem formats one element for cat().
func catElems(c *eval.Frame, v eval.Value, iobj int) ([]string, error) {
	digits := optInt(c.In, "digits")
	if digits <= 0 {
		digits = 7
	}
	scipen := optInt(c.In, "scipen")
	switch x := v.(type) {
	case *eval.NullType:
		return nil, nil
	case *eval.Character:
		r := make([]string, len(x.V))
		for i, s := range x.V {
			if eval.IsNAString(s) {
				s = "NA"
			}
			r[i] = s
		}
		return r, nil
	case *eval.Double:
		r := make([]string, len(x.V))
		for i, f := range x.V {
			r[i] = rfmt.FormatRealAlone(f, digits, scipen)
		}
		return r, nil
	case *eval.Integer:
		r := make([]string, len(x.V))
		for i, k := range x.V {
			r[i] = rfmt.EncodeInteger(int(k), 0, "NA")
		}
		return r, nil
	case *eval.Logical:
		r := make([]string, len(x.V))
		for i, k := range x.V {
			r[i] = rfmt.EncodeLogical(int(k), 0, "NA")
		}
		return r, nil
	case *eval.Lang:
		if id, ok := langIdent(x); ok {
			return []string{id}, nil
		}
	}
	if f, ok := v.(eval.Formatter); ok {
		_ = f
	}
	return nil, c.Errorf("argument %d (type '%s') cannot be handled by 'cat'", iobj+1, typeofValue(v))
}

func builtinCat(c *eval.Frame, a []eval.Value) (eval.Value, error) {
	dots := a[0].(*eval.List)
	conn, path, err := connOf(c, a[1])
	if err != nil {
		return nil, err
	}
	sep, ok := coStrings(a[2])
	if !ok || len(sep) == 0 {
		return nil, c.Errorf("invalid '%s' specification", "sep")
	}
	pwidth := 0
	switch f := a[3].(type) {
	case *eval.Logical:
		if len(f.V) == 1 && f.V[0] == 1 {
			pwidth = optInt(c.In, "width")
			if pwidth <= 0 {
				pwidth = 80
			}
		}
	case *eval.Double, *eval.Integer:
		n, _ := argInt(c, f, "fill")
		if n > 0 {
			pwidth = n
		}
	}
	var labels []string
	if !isNull(a[4]) {
		labels, _ = coStrings(a[4])
	}
	appendMode, err := argBool(c, a[5], "append")
	if err != nil {
		return nil, err
	}
	var b strings.Builder
	width, ntot, nlines := 0, 0, 0
	newline := func() {
		b.WriteString("\n")
		width = 0
	}
	putLabel := func() {
		if len(labels) > 0 {
			l := labels[nlines%len(labels)]
			b.WriteString(l + " ")
			width += rfmt.DisplayWidth(l) + 1
			nlines++
		}
	}
	for iobj, v := range dots.V {
		if eval.IsObject(v) && !isFactor(v) {
			if _, isList := v.(*eval.List); !isList {
				if tr, ok := v.(eval.ToR); ok {
					if v, err = tr.AsR(c.In); err != nil {
						return nil, err
					}
				}
			}
		}
		items, err := catElems(c, v, iobj)
		if err != nil {
			return nil, err
		}
		if iobj != 0 && !isNull(v) {
			b.WriteString(sep[ntot%len(sep)])
		}
		if len(items) == 0 {
			continue
		}
		if iobj == 0 && pwidth > 0 {
			putLabel()
		}
		for i, p := range items {
			w := rfmt.DisplayWidth(p)
			sepw := rfmt.DisplayWidth(sep[ntot%len(sep)])
			if pwidth > 0 && width+w+sepw > pwidth && width > 0 {
				newline()
				putLabel()
			}
			b.WriteString(p)
			width += w + sepw
			if i < len(items)-1 {
				b.WriteString(sep[ntot%len(sep)])
				if strings.Contains(sep[ntot%len(sep)], "\n") {
					width = 0
				}
			}
			ntot++
		}
	}
	nlsep := false
	for _, s := range sep {
		nlsep = nlsep || strings.Contains(s, "\n")
	}
	if (pwidth > 0 && width > 0) || (pwidth == 0 && nlsep) {
		newline()
	}
	if conn >= 0 {
		w, err := writerFor(c, conn)
		if err != nil {
			return nil, err
		}
		_, err = io.WriteString(w, b.String())
		return eval.Null, err
	}
	flags := os.O_CREATE | os.O_WRONLY | os.O_TRUNC
	if appendMode {
		flags = os.O_CREATE | os.O_WRONLY | os.O_APPEND
	}
	f, err := os.OpenFile(path, flags, 0o644)
	if err != nil {
		return nil, openError(c, path, err, fileCatCall)
	}
	defer f.Close()
	_, err = f.WriteString(b.String())
	return eval.Null, err
}

// openError raises R's "cannot open the connection" with its warning,
// both reported for R's file(...) call (fileCall, nil: the builtin's).
func openError(c *eval.Frame, path string, err error, fileCall ...syntax.Expr) error {
	reason := "No such file or directory"
	if errors.Is(err, os.ErrPermission) {
		reason = "Permission denied"
	}
	call := c.Call
	if len(fileCall) > 0 {
		call = fileCall[0]
	}
	if werr := c.In.Warning(call, fmt.Sprintf("cannot open file '%s': %s", path, reason)); werr != nil {
		return werr
	}
	return errorWithCall(c, call, "cannot open the connection")
}

var (
	fileReadCall   = mustParse(`file(con, "r")`)
	fileWriteCall  = mustParse(`file(con, "w")`)
	fileSourceCall = mustParse(`file(filename, "r", encoding = encoding)`)
	fileCatCall    = mustParse(`file(file, ifelse(append, "a", "w"))`)
)

func readAllLines(c *eval.Frame, r io.Reader, n int, desc string, warn bool) ([]string, error) {
	br := bufio.NewReader(r)
	var lines []string
	for n < 0 || len(lines) < n {
		line, err := br.ReadString('\n')
		if err != nil && err != io.EOF {
			return nil, c.Errorf("%s", err.Error())
		}
		if line == "" && err == io.EOF {
			break
		}
		if strings.HasSuffix(line, "\n") {
			line = strings.TrimSuffix(strings.TrimSuffix(line, "\n"), "\r")
		} else if warn && desc != "" {
			if werr := c.Warningf("incomplete final line found on '%s'", desc); werr != nil {
				return nil, werr
			}
		}
		lines = append(lines, line)
		if err == io.EOF {
			break
		}
	}
	if lines == nil {
		lines = []string{}
	}
	return lines, nil
}

type stdinKey struct{}

// sessionStdin returns a buffered reader over the session's Stdin, shared
// by readline and readLines(stdin()).
func sessionStdin(in *eval.Interp) *bufio.Reader {
	if r, ok := in.Local[stdinKey{}].(*bufio.Reader); ok {
		return r
	}
	src := in.Stdin
	if src == nil {
		src = strings.NewReader("")
	}
	r := bufio.NewReader(src)
	in.Local[stdinKey{}] = r
	return r
}

type tempDirKey struct{}

// sessionTempDir is R's tempdir(): one directory per session.
func sessionTempDir(in *eval.Interp) (string, error) {
	if d, ok := in.Local[tempDirKey{}].(string); ok {
		return d, nil
	}
	d, err := os.MkdirTemp("", "Rtmp")
	if err != nil {
		return "", err
	}
	in.Local[tempDirKey{}] = d
	return d, nil
}

func init() {
	eval.RegisterAll(
		&eval.Builtin{Name: "stdin", Fn: func(c *eval.Frame, a []eval.Value) (eval.Value, error) { return stdConn(connStdin, "stdin"), nil }},
		&eval.Builtin{Name: "stdout", Fn: func(c *eval.Frame, a []eval.Value) (eval.Value, error) { return stdConn(connStdout, "stdout"), nil }},
		&eval.Builtin{Name: "stderr", Fn: func(c *eval.Frame, a []eval.Value) (eval.Value, error) { return stdConn(connStderr, "stderr"), nil }},
		&eval.Builtin{Name: "cat", Invisible: true, Formals: []string{"...", `file = ""`, `sep = " "`, "fill = FALSE", "labels = NULL", "append = FALSE"}, Fn: builtinCat},
		&eval.Builtin{Name: "writeLines", Invisible: true, Formals: []string{"text", "con = stdout()", `sep = "\n"`, "useBytes = FALSE"}, Fn: func(c *eval.Frame, a []eval.Value) (eval.Value, error) {
			text, ok := a[0].(*eval.Character)
			if !ok {
				return nil, c.Errorf("can only write character objects")
			}
			sep, err := argStr(c, a[2], "sep")
			if err != nil {
				return nil, err
			}
			var b strings.Builder
			for _, s := range text.V {
				if eval.IsNAString(s) {
					s = "NA"
				}
				b.WriteString(s)
				b.WriteString(sep)
			}
			conn, path, err := connOf(c, a[1])
			if err != nil {
				return nil, err
			}
			if conn >= 0 {
				w, err := writerFor(c, conn)
				if err != nil {
					return nil, err
				}
				_, err = io.WriteString(w, b.String())
				return eval.Null, err
			}
			if err := os.WriteFile(path, []byte(b.String()), 0o644); err != nil {
				return nil, openError(c, path, err, fileWriteCall)
			}
			return eval.Null, nil
		}},
		&eval.Builtin{Name: "readLines", Formals: []string{"con = stdin()", "n = -1L", "ok = TRUE", "warn = TRUE", `encoding = "unknown"`, "skipNul = FALSE"}, Fn: func(c *eval.Frame, a []eval.Value) (eval.Value, error) {
			n, err := argInt(c, a[1], "n")
			if err != nil {
				return nil, err
			}
			warn, err := argBool(c, a[3], "warn")
			if err != nil {
				return nil, err
			}
			conn, path, err := connOf(c, a[0])
			if err != nil {
				return nil, err
			}
			var lines []string
			if conn == connStdin {
				lines, err = readAllLines(c, sessionStdin(c.In), n, "", warn)
			} else if conn >= 0 {
				return nil, c.Errorf("cannot read from this connection")
			} else {
				f, oerr := os.Open(path)
				if oerr != nil {
					return nil, openError(c, path, oerr, fileReadCall)
				}
				defer f.Close()
				lines, err = readAllLines(c, f, n, path, warn)
			}
			if err != nil {
				return nil, err
			}
			return eval.NewStr(lines), nil
		}},
		&eval.Builtin{Name: "readline", Formals: []string{`prompt = ""`}, Fn: func(c *eval.Frame, a []eval.Value) (eval.Value, error) {
			prompt, err := argStr(c, a[0], "prompt")
			if err != nil {
				return nil, err
			}
			io.WriteString(c.In.Stdout, prompt)
			if !sessionInteractive(c) {
				// Non-interactive R answers as if RETURN was typed.
				io.WriteString(c.In.Stdout, "\n")
				return eval.NewStr1(""), nil
			}
			line, err := sessionStdin(c.In).ReadString('\n')
			if err != nil && line == "" {
				return eval.NewStr1(""), nil
			}
			return eval.NewStr1(strings.TrimRight(line, "\r\n")), nil
		}},
		&eval.Builtin{Name: "source", KeepVisible: true, Formals: []string{"file", "local = FALSE", "echo = FALSE", "print.eval = NULL", "..."}, Fn: builtinSource},
		&eval.Builtin{Name: "file.exists", Formals: []string{"..."}, Fn: func(c *eval.Frame, a []eval.Value) (eval.Value, error) {
			var r []int32
			for _, v := range a[0].(*eval.List).V {
				s, ok := v.(*eval.Character)
				if !ok {
					return nil, c.Errorf("invalid '%s' argument", "file")
				}
				for _, p := range s.V {
					_, err := os.Stat(expandPath(p))
					r = append(r, b2i32(err == nil && !eval.IsNAString(p)))
				}
			}
			if r == nil {
				return nil, c.Errorf("invalid '%s' argument", "file")
			}
			return eval.NewLgl(r), nil
		}},
		&eval.Builtin{Name: "dir.exists", Formals: []string{"paths"}, Fn: func(c *eval.Frame, a []eval.Value) (eval.Value, error) {
			s, err := charArg(c, a[0], "paths")
			if err != nil {
				return nil, err
			}
			r := make([]int32, len(s))
			for i, p := range s {
				st, err := os.Stat(expandPath(p))
				r[i] = b2i32(err == nil && st.IsDir())
			}
			return eval.NewLgl(r), nil
		}},
		&eval.Builtin{Name: "file.remove", Formals: []string{"..."}, Fn: func(c *eval.Frame, a []eval.Value) (eval.Value, error) {
			var r []int32
			for _, v := range a[0].(*eval.List).V {
				s, _ := coStrings(v)
				for _, p := range s {
					err := os.Remove(expandPath(p))
					if err != nil {
						if werr := c.Warningf("cannot remove file '%s', reason 'No such file or directory'", p); werr != nil {
							return nil, werr
						}
					}
					r = append(r, b2i32(err == nil))
				}
			}
			return eval.NewLgl(r), nil
		}},
		&eval.Builtin{Name: "unlink", Invisible: true, Formals: []string{"x", "recursive = FALSE", "force = FALSE", "expand = TRUE"}, Fn: func(c *eval.Frame, a []eval.Value) (eval.Value, error) {
			s, _ := coStrings(a[0])
			rec, _ := argBool(c, a[1], "recursive")
			status := int32(0)
			for _, p := range s {
				p = expandPath(p)
				matches, _ := filepath.Glob(p)
				if matches == nil {
					matches = []string{p}
				}
				for _, m := range matches {
					st, err := os.Stat(m)
					if err != nil {
						continue
					}
					if st.IsDir() {
						if !rec {
							status = 1
							continue
						}
						err = os.RemoveAll(m)
					} else {
						err = os.Remove(m)
					}
					if err != nil {
						status = 1
					}
				}
			}
			return eval.NewInt1(status), nil
		}},
		&eval.Builtin{Name: "tempdir", Formals: []string{"check = FALSE"}, Fn: func(c *eval.Frame, a []eval.Value) (eval.Value, error) {
			d, err := sessionTempDir(c.In)
			if err != nil {
				return nil, c.Errorf("%s", err.Error())
			}
			return eval.NewStr1(d), nil
		}},
		&eval.Builtin{Name: "tempfile", Formals: []string{`pattern = "file"`, "tmpdir = tempdir()", `fileext = ""`}, Fn: func(c *eval.Frame, a []eval.Value) (eval.Value, error) {
			pat, err := charArg(c, a[0], "pattern")
			if err != nil {
				return nil, err
			}
			dirs, err := charArg(c, a[1], "tmpdir")
			if err != nil {
				return nil, err
			}
			ext, err := charArg(c, a[2], "fileext")
			if err != nil {
				return nil, err
			}
			n := max(len(pat), len(dirs), len(ext))
			r := make([]string, n)
			for i := range r {
				for {
					name := filepath.Join(dirs[i%len(dirs)], pat[i%len(pat)]+randHex()+ext[i%len(ext)])
					if _, err := os.Stat(name); err != nil {
						r[i] = name
						break
					}
				}
			}
			return eval.NewStr(r), nil
		}},
		&eval.Builtin{Name: "basename", Formals: []string{"path"}, Fn: func(c *eval.Frame, a []eval.Value) (eval.Value, error) {
			return mapStrings(c, a[0], func(p string) string {
				p = strings.TrimRight(p, "/")
				if i := strings.LastIndexByte(p, '/'); i >= 0 {
					return p[i+1:]
				}
				return p
			})
		}},
		&eval.Builtin{Name: "dirname", Formals: []string{"path"}, Fn: func(c *eval.Frame, a []eval.Value) (eval.Value, error) {
			return mapStrings(c, a[0], func(p string) string {
				p = strings.TrimRight(p, "/")
				i := strings.LastIndexByte(p, '/')
				switch {
				case i < 0:
					return "."
				case i == 0:
					return "/"
				}
				return p[:i]
			})
		}},
		&eval.Builtin{Name: "file.path", Formals: []string{"...", `fsep = "/"`}, Fn: func(c *eval.Frame, a []eval.Value) (eval.Value, error) {
			fsep, err := argStr(c, a[1], "fsep")
			if err != nil {
				return nil, err
			}
			return paste(c, a[0].(*eval.List), fsep, eval.Null, eval.False)
		}},
		&eval.Builtin{Name: "file_ext", Formals: []string{"x"}, Fn: func(c *eval.Frame, a []eval.Value) (eval.Value, error) {
			return mapStrings(c, a[0], func(p string) string {
				i := strings.LastIndexByte(p, '.')
				if i < 0 || strings.ContainsAny(p[i+1:], "/") {
					return ""
				}
				ext := p[i+1:]
				for _, ch := range ext {
					if !(ch >= 'a' && ch <= 'z' || ch >= 'A' && ch <= 'Z' || ch >= '0' && ch <= '9') {
						return ""
					}
				}
				return ext
			})
		}},
		&eval.Builtin{Name: "getwd", Fn: func(c *eval.Frame, a []eval.Value) (eval.Value, error) {
			d, err := os.Getwd()
			if err != nil {
				return nil, c.Errorf("%s", err.Error())
			}
			return eval.NewStr1(d), nil
		}},
		&eval.Builtin{Name: "normalizePath", Formals: []string{"path", `winslash = "\\"`, "mustWork = NA"}, Fn: func(c *eval.Frame, a []eval.Value) (eval.Value, error) {
			return mapStrings(c, a[0], func(p string) string {
				abs, err := filepath.Abs(expandPath(p))
				if err != nil {
					return p
				}
				if r, err := filepath.EvalSymlinks(abs); err == nil {
					return r
				}
				return abs
			})
		}},
	)
}

func b2i32(b bool) int32 {
	if b {
		return 1
	}
	return 0
}

func randHex() string {
	const hex = "0123456789abcdef"
	var b [12]byte
	f, err := os.Open("/dev/urandom")
	if err == nil {
		f.Read(b[:6])
		f.Close()
	}
	out := make([]byte, 12)
	for i := 0; i < 6; i++ {
		out[2*i] = hex[b[i]>>4]
		out[2*i+1] = hex[b[i]&15]
	}
	return string(out)
}

// sessionInteractive reports what interactive() says in this session.
func sessionInteractive(c *eval.Frame) bool {
	v, err := c.In.CallFunction("interactive", nil, c.In.Global)
	if err != nil {
		return false
	}
	l, ok := v.(*eval.Logical)
	return ok && len(l.V) == 1 && l.V[0] == 1
}

func builtinSource(c *eval.Frame, a []eval.Value) (eval.Value, error) {
	file, err := argStr(c, a[0], "file")
	if err != nil {
		return nil, err
	}
	env := c.In.Global
	switch l := a[1].(type) {
	case *eval.Env:
		env = l
	case *eval.Logical:
		if len(l.V) == 1 && l.V[0] == 1 {
			env = c.Env
		}
	}
	printEval := false
	pe := a[3]
	if isNull(pe) {
		pe = a[2]
	}
	if l, ok := pe.(*eval.Logical); ok && len(l.V) == 1 {
		printEval = l.V[0] == 1
	}
	path := expandPath(file)
	data, err := os.ReadFile(path)
	if err != nil {
		return nil, openError(c, path, err, fileSourceCall)
	}
	f, err := syntax.ParseFile(path, string(data))
	if err != nil {
		var se *syntax.Error
		if errors.As(err, &se) {
			return nil, c.Errorf("%s", se.ScriptMessage())
		}
		return nil, c.Errorf("%s", err.Error())
	}
	var last eval.Value = eval.Null
	visible := false
	for _, top := range f.Exprs {
		v, err := c.Eval(top.X, env)
		if err != nil {
			return nil, err
		}
		last = v
		visible = c.In.Visible()
		if printEval && visible {
			if err := c.In.PrintTop(v); err != nil {
				return nil, err
			}
		}
	}
	c.In.SetVisible(false)
	return eval.NewList([]eval.Value{last, eval.Bool(visible)}, []string{"value", "visible"}), nil
}
