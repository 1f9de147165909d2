package lang

import (
	"fmt"
	"io"
	"math"
	"os"
	"strings"

	"torchr/lang/eval"
)

// txtProgressBar, setTxtProgressBar, getTxtProgressBar and
// close(<txtProgressBar>) as in R's utils. The bar is drawn in place on the
// terminal (on stderr when stdout is not a terminal, so piped output stays
// clean), or handed to the session's ProgressRenderer (the notebook kernel
// renders an updating display).
func init() {
	eval.RegisterAll(
		&eval.Builtin{Name: "txtProgressBar", Formals: []string{"min = 0", "max = 1", "initial = 0", "char = \"=\"",
			"width = NA", "title", "label", "style = 1", "file = \"\""}, Fn: builtinTxtProgressBar},
		&eval.Builtin{Name: "setTxtProgressBar", Formals: []string{"pb", "value", "title = NULL", "label = NULL"}, Invisible: true, Fn: builtinSetTxtProgressBar},
		&eval.Builtin{Name: "getTxtProgressBar", Formals: []string{"pb"}, Fn: builtinGetTxtProgressBar},
		&eval.Builtin{Name: "close.txtProgressBar", Formals: []string{"con", "..."}, Invisible: true, Fn: builtinCloseTxtProgressBar},
	)
	if eval.LookupBuiltin("close") == nil {
		// close() is S3 generic in R; connections may add a default later
		// (a "close" registered by lang/base must be Generic too).
		eval.Register(&eval.Builtin{Name: "close", Formals: []string{"con", "..."}, Generic: true, Invisible: true,
			Fn: func(c *eval.Frame, a []eval.Value) (eval.Value, error) {
				return nil, c.Errorf("no applicable method for 'close' applied to an object of class \"%s\"", firstClass(a[0]))
			}})
	}
}

func firstClass(v eval.Value) string {
	if cl := eval.ImplicitClass(v); len(cl) > 0 {
		return cl[0]
	}
	return v.TypeName()
}

// ProgressBar is the value txtProgressBar() returns.
type ProgressBar struct {
	Min, Max float64
	Char     string
	Width    int
	Style    int
	Title    string
	Label    string

	val    float64
	nb, pc int
	killed bool
	out    io.Writer
	render ProgressRenderer
}

// ProgressRenderer shows progress bars instead of the text drawing (the
// notebook kernel sets one). Update is called after each change of the
// value, Close once by close().
type ProgressRenderer interface {
	Update(pb *ProgressBar)
	Close(pb *ProgressBar)
}

type progressKey struct{}

// SetProgressRenderer makes progress bars created from now on in this
// session report to r instead of drawing text (nil restores the text bar).
func (s *Session) SetProgressRenderer(r ProgressRenderer) {
	if r == nil {
		delete(s.in.Local, progressKey{})
		return
	}
	s.in.Local[progressKey{}] = r
}

// Value is the current value of the bar.
func (pb *ProgressBar) Value() float64 { return pb.val }

// Fraction is the position of the value between Min and Max (0 to 1).
func (pb *ProgressBar) Fraction() float64 { return (pb.val - pb.Min) / (pb.Max - pb.Min) }

// Closed reports whether close() was called.
func (pb *ProgressBar) Closed() bool { return pb.killed }

// Text is the style-3 rendering of the bar ("  |=====    |  50%").
func (pb *ProgressBar) Text() string {
	nb := int(math.RoundToEven(float64(pb.Width) * pb.Fraction()))
	pc := int(math.RoundToEven(100 * pb.Fraction()))
	return "  |" + strings.Repeat(pb.Char, nb) + strings.Repeat(" ", runeWidth(pb.Char)*(pb.Width-nb)) + fmt.Sprintf("| %3d%%", pc)
}

func (*ProgressBar) TypeName() string { return "list" }

// Class makes class(pb) "txtProgressBar" (S3 dispatch of close()).
func (*ProgressBar) Class() []string { return []string{"txtProgressBar"} }

// PrintText is what print(pb) shows.
func (pb *ProgressBar) PrintText(in *eval.Interp) (string, error) {
	return fmt.Sprintf("<txtProgressBar: style %d, value %s in [%s, %s]>\n", pb.Style, fmtNum(pb.val), fmtNum(pb.Min), fmtNum(pb.Max)), nil
}

// DollarNames are the members of R's progress bar object.
func (*ProgressBar) DollarNames() []string { return []string{"getVal", "up", "kill"} }

// Dollar gives pb$getVal(), pb$up(value) and pb$kill() as in R.
func (pb *ProgressBar) Dollar(in *eval.Interp, name string) (eval.Value, error) {
	switch name {
	case "getVal":
		return &eval.Builtin{Name: "getVal", Fn: func(c *eval.Frame, a []eval.Value) (eval.Value, error) {
			return eval.NewDouble1(pb.val), nil
		}}, nil
	case "up":
		return &eval.Builtin{Name: "up", Formals: []string{"value"}, Invisible: true, Fn: func(c *eval.Frame, a []eval.Value) (eval.Value, error) {
			if a[0] == nil {
				return nil, c.Errorf("argument \"value\" is missing, with no default")
			}
			v, err := numArg(c, a[0], "value")
			if err != nil {
				return nil, err
			}
			pb.update(v)
			return eval.Null, nil
		}}, nil
	case "kill":
		return &eval.Builtin{Name: "kill", Invisible: true, Fn: func(c *eval.Frame, a []eval.Value) (eval.Value, error) {
			pb.kill()
			return eval.Null, nil
		}}, nil
	}
	return eval.Null, nil
}

// Length is length(pb) as in R (a list of getVal, up and kill).
func (*ProgressBar) Length() int { return 3 }

func fmtNum(x float64) string { return strings.TrimSuffix(fmt.Sprintf("%.7g", x), ".0") }

func runeWidth(s string) int { return len([]rune(s)) }

func numArg(c *eval.Frame, v eval.Value, name string) (float64, error) {
	switch x := v.(type) {
	case *eval.Double:
		if len(x.V) > 0 {
			return x.V[0], nil
		}
	case *eval.Integer:
		if len(x.V) > 0 {
			if x.V[0] == eval.NAInt {
				return eval.NAReal, nil
			}
			return float64(x.V[0]), nil
		}
	case *eval.Logical:
		if len(x.V) > 0 {
			if x.V[0] == eval.NALogical {
				return eval.NAReal, nil
			}
			return float64(x.V[0]), nil
		}
	}
	return 0, c.Errorf("invalid '%s' argument", name)
}

func strArg(v eval.Value) string {
	if s, ok := v.(*eval.Character); ok && len(s.V) > 0 && !eval.IsNAString(s.V[0]) {
		return s.V[0]
	}
	return ""
}

func isTerminalWriter(w io.Writer) bool {
	f, ok := w.(*os.File)
	if !ok {
		return false
	}
	fi, err := f.Stat()
	return err == nil && fi.Mode()&os.ModeCharDevice != 0
}

func builtinTxtProgressBar(c *eval.Frame, a []eval.Value) (eval.Value, error) {
	min, err := numArg(c, a[0], "min")
	if err != nil {
		return nil, err
	}
	max, err := numArg(c, a[1], "max")
	if err != nil {
		return nil, err
	}
	initial, err := numArg(c, a[2], "initial")
	if err != nil {
		return nil, err
	}
	char := strArg(a[3])
	if runeWidth(char) == 0 {
		return nil, c.Errorf("'char' must have a non-zero width")
	}
	style := 1
	if st, err := numArg(c, a[7], "style"); err == nil && (st == 1 || st == 2 || st == 3) {
		style = int(st)
	}
	if f := strArg(a[8]); f != "" {
		return nil, c.Errorf("'file' must be \"\" or an open connection object")
	}
	nw := runeWidth(char)
	width := 0
	if w, err := numArg(c, a[4], "width"); err == nil && !math.IsNaN(w) {
		width = int(w)
	} else {
		ow := 80
		if o, ok := c.In.Option("width").(*eval.Integer); ok && len(o.V) == 1 && o.V[0] > 0 {
			ow = int(o.V[0])
		} else if o, ok := c.In.Option("width").(*eval.Double); ok && len(o.V) == 1 && o.V[0] > 0 {
			ow = int(o.V[0])
		}
		width = ow / nw
		if style == 3 {
			width -= 10
		}
	}
	if width < 1 {
		width = 1
	}
	if max <= min {
		return nil, c.Errorf("must have 'max' > 'min'")
	}
	pb := &ProgressBar{Min: min, Max: max, Char: char, Width: width, Style: style,
		Title: strArg(a[5]), Label: strArg(a[6]), val: initial, pc: -1}
	if r, ok := c.In.Local[progressKey{}].(ProgressRenderer); ok {
		pb.render = r
	} else if isTerminalWriter(c.In.Stdout) {
		pb.out = c.In.Stdout
	} else {
		pb.out = c.In.Stderr
	}
	pb.update(initial)
	return pb, nil
}

// update is R's up1/up2/up3.
func (pb *ProgressBar) update(value float64) {
	if math.IsNaN(value) || math.IsInf(value, 0) || value < pb.Min || value > pb.Max {
		return
	}
	pb.val = value
	frac := (value - pb.Min) / (pb.Max - pb.Min)
	nb := int(math.RoundToEven(float64(pb.Width) * frac))
	nw := runeWidth(pb.Char)
	if pb.render != nil {
		pb.nb = nb
		pb.render.Update(pb)
		return
	}
	w := pb.out
	switch pb.Style {
	case 1:
		if pb.nb < nb {
			io.WriteString(w, strings.Repeat(pb.Char, nb-pb.nb))
		} else if pb.nb > nb {
			io.WriteString(w, "\r"+strings.Repeat(" ", pb.nb*nw)+"\r"+strings.Repeat(pb.Char, nb))
		}
	case 2:
		if pb.nb <= nb {
			io.WriteString(w, "\r"+strings.Repeat(pb.Char, nb))
		} else {
			io.WriteString(w, "\r"+strings.Repeat(" ", pb.nb*nw)+"\r"+strings.Repeat(pb.Char, nb))
		}
	case 3:
		pc := int(math.RoundToEven(100 * frac))
		if nb == pb.nb && pc == pb.pc {
			return
		}
		io.WriteString(w, "\r  |"+strings.Repeat(" ", nw*pb.Width+6))
		io.WriteString(w, "\r"+pb.Text())
		pb.pc = pc
	}
	pb.nb = nb
}

func (pb *ProgressBar) kill() {
	if pb.killed {
		return
	}
	pb.killed = true
	if pb.render != nil {
		pb.render.Close(pb)
		return
	}
	io.WriteString(pb.out, "\n")
}

func pbArg(c *eval.Frame, v eval.Value) (*ProgressBar, error) {
	pb, ok := v.(*ProgressBar)
	if !ok {
		return nil, c.Errorf("'pb' is not from class “txtProgressBar”")
	}
	return pb, nil
}

func builtinSetTxtProgressBar(c *eval.Frame, a []eval.Value) (eval.Value, error) {
	pb, err := pbArg(c, a[0])
	if err != nil {
		return nil, err
	}
	if a[1] == nil {
		return nil, c.Errorf("argument \"value\" is missing, with no default")
	}
	v, err := numArg(c, a[1], "value")
	if err != nil {
		return nil, err
	}
	old := pb.val
	if t := strArg(a[2]); t != "" {
		pb.Title = t
	}
	if l := strArg(a[3]); l != "" {
		pb.Label = l
	}
	pb.update(v)
	return eval.NewDouble1(old), nil
}

func builtinGetTxtProgressBar(c *eval.Frame, a []eval.Value) (eval.Value, error) {
	pb, err := pbArg(c, a[0])
	if err != nil {
		return nil, err
	}
	return eval.NewDouble1(pb.val), nil
}

func builtinCloseTxtProgressBar(c *eval.Frame, a []eval.Value) (eval.Value, error) {
	pb, err := pbArg(c, a[0])
	if err != nil {
		return nil, err
	}
	pb.kill()
	return eval.Null, nil
}
