package base

// withVisible and capture.output.

import (
	"bytes"
	"os"
	"strings"

	"torchr/lang/eval"
)

func init() {
	eval.RegisterAll(
		&eval.Builtin{Name: "withVisible", Special: true, Formals: []string{"x"}, Fn: builtinWithVisible},
		&eval.Builtin{Name: "capture.output", Special: true, Formals: []string{"...", "file = NULL", "append = FALSE"}, Fn: builtinCaptureOutput},
	)
}

func builtinWithVisible(c *eval.Frame, a []eval.Value) (eval.Value, error) {
	if a[0] == nil {
		return nil, c.Errorf("argument \"x\" is missing, with no default")
	}
	c.In.SetVisible(true)
	v, err := c.Force(a[0])
	if err != nil {
		return nil, err
	}
	vis := c.In.Visible()
	c.In.SetVisible(true)
	return eval.NewList([]eval.Value{v, eval.Bool(vis)}, []string{"value", "visible"}), nil
}

func builtinCaptureOutput(c *eval.Frame, a []eval.Value) (eval.Value, error) {
	var file eval.Value = eval.Null
	if a[1] != nil {
		f, err := c.Force(a[1])
		if err != nil {
			return nil, err
		}
		file = f
	}
	appendMode := false
	if a[2] != nil {
		v, err := c.Force(a[2])
		if err != nil {
			return nil, err
		}
		if l, ok := v.(*eval.Logical); ok && len(l.V) == 1 && l.V[0] == 1 {
			appendMode = true
		}
	}
	path := ""
	if !isNull(file) {
		s, ok := file.(*eval.Character)
		if !ok || len(s.V) != 1 {
			return nil, c.Errorf("'file' must be NULL or a character string")
		}
		path = expandPath(s.V[0])
	}
	var buf bytes.Buffer
	old := c.In.Stdout
	c.In.Stdout = &buf
	err := func() error {
		defer func() { c.In.Stdout = old }()
		for _, p := range a[0].(*eval.List).V {
			if p == eval.MissingArg {
				continue
			}
			c.In.SetVisible(true)
			v, err := c.Force(p)
			if err != nil {
				return err
			}
			if c.In.Visible() {
				if err := c.In.PrintTop(v); err != nil {
					return err
				}
			}
		}
		return nil
	}()
	if err != nil {
		return nil, err
	}
	out := buf.String()
	var lines []string
	if out != "" {
		lines = strings.Split(strings.TrimSuffix(out, "\n"), "\n")
	}
	if lines == nil {
		lines = []string{}
	}
	if path == "" {
		c.In.SetVisible(true)
		return eval.NewStr(lines), nil
	}
	flag := os.O_CREATE | os.O_WRONLY | os.O_TRUNC
	if appendMode {
		flag = os.O_CREATE | os.O_WRONLY | os.O_APPEND
	}
	f, ferr := os.OpenFile(path, flag, 0o644)
	if ferr != nil {
		return nil, openError(c, path, ferr)
	}
	var b strings.Builder
	for _, l := range lines {
		b.WriteString(l)
		b.WriteByte('\n')
	}
	_, werr := f.WriteString(b.String())
	if cerr := f.Close(); werr == nil {
		werr = cerr
	}
	if werr != nil {
		return nil, c.Errorf("%s", werr.Error())
	}
	c.In.SetVisible(false)
	return eval.Null, nil
}
