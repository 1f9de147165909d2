package lang

import (
	"bytes"
	"context"
	"encoding/base64"
	"errors"
	"fmt"
	"image/png"
	"io"
	"os"
	"strings"

	"torchr/lang/eval"
	"torchr/lang/syntax"
)

// Bundle is a MIME bundle for a rich front end (the notebook kernel):
// data by MIME type ("text/plain" always, "text/html", "image/png" as
// base64 text) and per-type metadata (e.g. an image's width and height).
type Bundle struct {
	Data     map[string]any
	Metadata map[string]any
}

// HTMLer is implemented by values with an HTML rendering that reads better
// than their text in a notebook (a 2-D tensor as a table, a module's
// parameters). The text/plain form stays exactly the console's.
type HTMLer interface {
	HTML(in *eval.Interp) (string, bool)
}

// EvalCell is Eval for notebook front ends (a plot drawn by the cell is
// shown through the Display sink when it ends): instead of printing visible
// top-level values to Stdout, it hands each one to show as a bundle whose
// text/plain is exactly what Eval would have printed (print methods
// included), with text/html for values that implement HTMLer. Output of
// cat(), message() and warnings still goes to Stdout and Stderr as they
// happen. Pending warnings of a failing expression are written to Stderr
// ("In addition: ..."), as R does.
func (s *Session) EvalCell(ctx context.Context, filename, src string, show func(Bundle)) error {
	f, perr := syntax.ParseFile(filename, src)
	if perr != nil {
		var se *syntax.Error
		if errors.As(perr, &se) {
			perr = &SyntaxError{Err: se}
		}
		if f == nil {
			return perr
		}
	}
	in := s.in
	in.Filename = filename
	defer flushPlots(s)
	for _, top := range f.Exprs {
		v, err := in.EvalTop(ctx, top.X)
		if err == nil && in.Visible() {
			var b Bundle
			b, err = ValueBundle(ctx, in, v)
			if t, _ := b.Data["text/plain"].(string); t != "" {
				show(b)
			}
		}
		if err != nil {
			var e *eval.Error
			if errors.As(err, &e) && !e.Pos.IsValid() {
				e.Pos = syntax.Pos{Line: int32(top.Line)}
			}
			if errors.As(err, &e) {
				in.Local["errmsg"] = e.Error() + "\n"
			}
			if ws := in.TakeWarnings(); len(ws) > 0 && !IsInterrupt(err) {
				io.WriteString(in.Stderr, "In addition: "+eval.FormatWarnings(ws))
			}
			return err
		}
		in.FlushWarnings()
	}
	return perr
}

// Display is a rich front end's output sink (the notebook kernel's
// display_data and clear_output), set with Session.SetDisplay.
type Display interface {
	Display(b Bundle)
	ClearOutput(wait bool)
}

type displayKey struct{}

// SetDisplay makes display(), display_html(), display_png() and
// clear_output() in this session report to d (nil: print as text).
func (s *Session) SetDisplay(d Display) {
	setPlotShower(s, d)
	if d == nil {
		delete(s.in.Local, displayKey{})
		return
	}
	s.in.Local[displayKey{}] = d
}

// DisplayOf returns the session's display sink, if any (for builtin
// packages such as graphics that show images inline).
func DisplayOf(in *eval.Interp) Display {
	d, _ := in.Local[displayKey{}].(Display)
	return d
}

// ValueBundle renders v as Eval would print it (text/plain), with
// text/html when v implements HTMLer.
func ValueBundle(ctx context.Context, in *eval.Interp, v eval.Value) (Bundle, error) {
	var buf bytes.Buffer
	out := in.Stdout
	in.Stdout = &buf
	err := in.PrintTopCtx(ctx, v)
	in.Stdout = out
	b := Bundle{Data: map[string]any{"text/plain": buf.String()}, Metadata: map[string]any{}}
	if err != nil {
		return b, err
	}
	if h, ok := v.(HTMLer); ok {
		if html, ok := h.HTML(in); ok {
			b.Data["text/html"] = html
		}
	} else if html, ok := builtinHTML(in, v, buf.String()); ok {
		b.Data["text/html"] = html
	}
	return b, nil
}

func init() {
	eval.RegisterAll(
		&eval.Builtin{Name: "display", Formals: []string{"obj", "..."}, Invisible: true, Fn: func(c *eval.Frame, a []eval.Value) (eval.Value, error) {
			if a[0] == nil {
				return nil, c.Errorf("argument \"obj\" is missing, with no default")
			}
			d := DisplayOf(c.In)
			if d == nil {
				return eval.Null, c.In.PrintTop(a[0])
			}
			b, err := ValueBundle(context.Background(), c.In, a[0])
			if err != nil {
				return nil, err
			}
			d.Display(b)
			return eval.Null, nil
		}},
		&eval.Builtin{Name: "display_html", Formals: []string{"data"}, Invisible: true, Fn: func(c *eval.Frame, a []eval.Value) (eval.Value, error) {
			return displayText(c, a[0], "text/html")
		}},
		&eval.Builtin{Name: "display_markdown", Formals: []string{"data"}, Invisible: true, Fn: func(c *eval.Frame, a []eval.Value) (eval.Value, error) {
			return displayText(c, a[0], "text/markdown")
		}},
		&eval.Builtin{Name: "display_png", Formals: []string{"file", "width = NULL", "height = NULL"}, Invisible: true, Fn: builtinDisplayPNG},
		&eval.Builtin{Name: "clear_output", Formals: []string{"wait = FALSE"}, Invisible: true, Fn: func(c *eval.Frame, a []eval.Value) (eval.Value, error) {
			wait := false
			if l, ok := a[0].(*eval.Logical); ok && len(l.V) == 1 && l.V[0] == 1 {
				wait = true
			}
			if d := DisplayOf(c.In); d != nil {
				d.ClearOutput(wait)
			}
			return eval.Null, nil
		}},
	)
}

func displayText(c *eval.Frame, v eval.Value, mime string) (eval.Value, error) {
	s, ok := v.(*eval.Character)
	if !ok {
		return nil, c.Errorf("'data' must be a character vector")
	}
	text := strings.Join(s.V, "\n")
	d := DisplayOf(c.In)
	if d == nil {
		io.WriteString(c.In.Stdout, text+"\n")
		return eval.Null, nil
	}
	d.Display(Bundle{Data: map[string]any{mime: text, "text/plain": text}, Metadata: map[string]any{}})
	return eval.Null, nil
}

func builtinDisplayPNG(c *eval.Frame, a []eval.Value) (eval.Value, error) {
	file := strArg(a[0])
	if file == "" {
		return nil, c.Errorf("'file' must be a file name")
	}
	data, err := os.ReadFile(file)
	if err != nil {
		return nil, c.Errorf("cannot open file '%s': %v", file, err)
	}
	cfg, err := png.DecodeConfig(bytes.NewReader(data))
	if err != nil {
		return nil, c.Errorf("'%s' is not a PNG file", file)
	}
	w, h := cfg.Width, cfg.Height
	if a[1] != nil && a[1] != eval.Null {
		if x, err := numArg(c, a[1], "width"); err == nil {
			w = int(x)
		}
	}
	if a[2] != nil && a[2] != eval.Null {
		if x, err := numArg(c, a[2], "height"); err == nil {
			h = int(x)
		}
	}
	d := DisplayOf(c.In)
	if d == nil {
		fmt.Fprintf(c.In.Stdout, "<PNG image %dx%d: %s>\n", w, h, file)
		return eval.Null, nil
	}
	d.Display(PNGBundle(data, w, h, fmt.Sprintf("<PNG image %dx%d>", w, h)))
	return eval.Null, nil
}

// PNGBundle is the bundle of a PNG image shown at width x height.
func PNGBundle(data []byte, width, height int, alt string) Bundle {
	return Bundle{
		Data:     map[string]any{"image/png": base64.StdEncoding.EncodeToString(data), "text/plain": alt},
		Metadata: map[string]any{"image/png": map[string]any{"width": width, "height": height}},
	}
}
