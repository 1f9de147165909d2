package lang

import (
	"fmt"
	"html"
	"math"
	"strings"

	"torchr/lang/eval"
	"torchr/lang/torch"
	"torchr/tensor"
)

// Built-in HTML renderings for values that do not implement HTMLer
// themselves: a 2-D tensor as a table with libtorch's type footer, a
// module as the table of its parameters.

const (
	htmlMaxRows = 30
	htmlMaxCols = 20
)

// builtinHTML returns an HTML rendering of v, given its text form.
func builtinHTML(in *eval.Interp, v eval.Value, text string) (string, bool) {
	if m, ok := torch.AsModule(v); ok && m != nil {
		return moduleTable(m), true
	}
	t := torch.Unwrap(v)
	if t == nil || t.Dim() != 2 {
		return "", false
	}
	return tensorTable(t, footer(text)), true
}

// footer is the last line of a tensor's printed form ("[ CPUFloatType{2,3} ]"
// and any grad_fn line after it).
func footer(text string) string {
	lines := strings.Split(strings.TrimRight(text, "\n"), "\n")
	var out []string
	for i := len(lines) - 1; i > 0; i-- {
		out = append([]string{lines[i]}, out...)
		if strings.HasPrefix(lines[i], "[ ") {
			break
		}
	}
	return strings.Join(out, "\n")
}

func tensorTable(t *tensor.Tensor, foot string) string {
	shape := t.Shape()
	rows, cols := shape[0], shape[1]
	vals := t.Float64s()
	isFloat := t.DType().IsFloat()
	sci := false
	if isFloat {
		for _, x := range vals {
			a := math.Abs(x)
			if a != 0 && !math.IsInf(a, 0) && !math.IsNaN(a) && (a < 1e-3 || a >= 1e5) {
				sci = true
				break
			}
		}
	}
	cell := func(x float64) string {
		switch {
		case math.IsNaN(x):
			return "nan"
		case math.IsInf(x, 1):
			return "inf"
		case math.IsInf(x, -1):
			return "-inf"
		case !isFloat:
			return fmt.Sprintf("%.0f", x)
		case sci:
			return fmt.Sprintf("%.4e", x)
		}
		return fmt.Sprintf("%.4f", x)
	}
	pick := func(n, max int) []int { // indices shown, -1 for "..."
		var idx []int
		if n <= max {
			for i := 0; i < n; i++ {
				idx = append(idx, i)
			}
			return idx
		}
		for i := 0; i < max/2; i++ {
			idx = append(idx, i)
		}
		idx = append(idx, -1)
		for i := n - max/2; i < n; i++ {
			idx = append(idx, i)
		}
		return idx
	}
	ri, ci := pick(rows, htmlMaxRows), pick(cols, htmlMaxCols)
	var b strings.Builder
	b.WriteString(`<table class="torchr-tensor" style="font-family:monospace">` + "\n<thead><tr><th></th>")
	for _, j := range ci {
		if j < 0 {
			b.WriteString("<th>…</th>")
		} else {
			fmt.Fprintf(&b, "<th>[,%d]</th>", j+1)
		}
	}
	b.WriteString("</tr></thead>\n<tbody>\n")
	for _, i := range ri {
		if i < 0 {
			b.WriteString("<tr><th>⋮</th>")
			for range ci {
				b.WriteString("<td>⋮</td>")
			}
			b.WriteString("</tr>\n")
			continue
		}
		fmt.Fprintf(&b, "<tr><th>[%d,]</th>", i+1)
		for _, j := range ci {
			if j < 0 {
				b.WriteString("<td>…</td>")
			} else {
				b.WriteString(`<td style="text-align:right">` + cell(vals[i*cols+j]) + "</td>")
			}
		}
		b.WriteString("</tr>\n")
	}
	b.WriteString("</tbody>\n</table>\n")
	if foot != "" {
		b.WriteString("<pre>" + html.EscapeString(foot) + "</pre>\n")
	}
	return b.String()
}

// moduleTable is a module's parameters as a table: qualified name, shape,
// dtype, whether it is trained, and the element count.
func moduleTable(m *torch.Module) string {
	names, ts := m.Parameters()
	total := 0
	for _, t := range ts {
		total += t.Numel()
	}
	mode := "training"
	if !m.Training() {
		mode = "evaluation"
	}
	var b strings.Builder
	fmt.Fprintf(&b, "<p><b>%s</b>: %s parameters (%s mode)</p>\n", html.EscapeString(m.Classname()), commas(total), mode)
	if len(ts) == 0 {
		return b.String()
	}
	b.WriteString(`<table class="torchr-module">` + "\n<thead><tr><th>parameter</th><th>shape</th><th>dtype</th><th>requires_grad</th><th>size</th></tr></thead>\n<tbody>\n")
	for i, t := range ts {
		shape := make([]string, 0, t.Dim())
		for _, d := range t.Shape() {
			shape = append(shape, fmt.Sprint(d))
		}
		fmt.Fprintf(&b, `<tr><td style="text-align:left"><code>%s</code></td><td>[%s]</td><td>%s</td><td>%v</td><td style="text-align:right">%s</td></tr>`+"\n",
			html.EscapeString(names[i]), strings.Join(shape, ", "), t.DType().TorchName(), t.RequiresGrad(), commas(t.Numel()))
	}
	b.WriteString("</tbody>\n</table>\n")
	return b.String()
}

// commas formats n with thousands separators, as the module printout does.
func commas(n int) string {
	s := fmt.Sprint(n)
	for i := len(s) - 3; i > 0; i -= 3 {
		s = s[:i] + "," + s[i:]
	}
	return s
}
