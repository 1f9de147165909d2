package torch

import (
	"fmt"
	"math"
	"strconv"
	"strings"

	"torchr/lang/eval"
	"torchr/tensor"
)

// Printing follows libtorch's operator<< (aten/src/ATen/core/Formatting.cpp),
// which R torch prints after a "torch_tensor" line: values are converted to
// double, one format (integer, fixed 4 decimals with an optional scale
// line, or scientific) is chosen per matrix, and values are right-aligned.

type numFmt struct {
	scale float64
	width int
	kind  byte // 'g' default (integers), 'f' fixed 4, 'e' scientific 4
}

func printFormat(v []float64) numFmt {
	if len(v) == 0 {
		return numFmt{1, 0, 'g'}
	}
	intMode := true
	for _, z := range v {
		if !math.IsInf(z, 0) && !math.IsNaN(z) && z != math.Ceil(z) {
			intMode = false
			break
		}
	}
	finite := func(z float64) bool { return !math.IsInf(z, 0) && !math.IsNaN(z) }
	off := 0
	for off < len(v) && !finite(v[off]) {
		off++
	}
	expMin, expMax := 1.0, 1.0
	if off < len(v) {
		expMin, expMax = math.Abs(v[off]), math.Abs(v[off])
		for _, x := range v[off:] {
			z := math.Abs(x)
			if finite(z) {
				if z < expMin {
					expMin = z
				}
				if x > expMax { // libtorch compares the signed value
					expMax = z
				}
			}
		}
		if expMin != 0 {
			expMin = math.Floor(math.Log10(expMin)) + 1
		} else {
			expMin = 1
		}
		if expMax != 0 {
			expMax = math.Floor(math.Log10(expMax)) + 1
		} else {
			expMax = 1
		}
	}
	if intMode {
		if expMax > 9 {
			return numFmt{1, 11, 'e'}
		}
		return numFmt{1, int(expMax) + 1, 'g'}
	}
	if expMax-expMin > 4 {
		w := 11
		if math.Abs(expMax) > 99 || math.Abs(expMin) > 99 {
			w++
		}
		return numFmt{1, w, 'e'}
	}
	if expMax > 5 || expMax < 0 {
		return numFmt{math.Pow(10, expMax-1), 7, 'f'}
	}
	if expMax == 0 {
		return numFmt{1, 7, 'f'}
	}
	return numFmt{1, int(expMax) + 6, 'f'}
}

// cfmt formats like a C++ stream: nan, inf, -inf; %g with precision p.
func cnum(x float64, kind byte, prec int) string {
	switch {
	case math.IsNaN(x):
		return "nan"
	case math.IsInf(x, 1):
		return "inf"
	case math.IsInf(x, -1):
		return "-inf"
	}
	switch kind {
	case 'f':
		return strconv.FormatFloat(x, 'f', prec, 64)
	case 'e':
		return fmt.Sprintf("%.*e", prec, x)
	}
	return cg(x, prec)
}

// cg is C's %g (precision p, trailing zeros removed, two-digit exponents).
func cg(x float64, p int) string {
	if x == 0 {
		if math.Signbit(x) {
			return "-0"
		}
		return "0"
	}
	s := fmt.Sprintf("%.*g", p, x)
	if i := strings.IndexAny(s, "e"); i >= 0 {
		mant, exp := s[:i], s[i+1:]
		sign := exp[0]
		digits := exp[1:]
		if len(digits) < 2 {
			digits = "0" + digits
		}
		return mant + "e" + string(sign) + digits
	}
	return s
}

func (f numFmt) cell(x float64) string {
	s := cnum(x/f.scale, f.kind, 4)
	if f.kind == 'g' {
		s = cnum(x/f.scale, 'g', 6)
	}
	if len(s) < f.width {
		s = strings.Repeat(" ", f.width-len(s)) + s
	}
	return s
}

func printMatrix(b *strings.Builder, v []float64, rows, cols int, linesize, indent int) {
	f := printFormat(v)
	ind := strings.Repeat(" ", indent)
	b.WriteString(ind)
	perLine := (linesize - indent) / (f.width + 1)
	first := 0
	for first < cols {
		last := cols - 1
		if first+perLine <= cols {
			last = first + perLine - 1
		}
		if perLine < cols {
			if first != 0 {
				b.WriteByte('\n')
			}
			fmt.Fprintf(b, "Columns %d to %d", first+1, last+1)
			b.WriteString(ind)
		}
		if f.scale != 1 {
			b.WriteString(cg(f.scale, 4) + " *\n")
			b.WriteString(ind)
		}
		for l := 0; l < rows; l++ {
			for c := first; c <= last; c++ {
				b.WriteString(f.cell(v[l*cols+c]))
				if c == last {
					b.WriteByte('\n')
					if l != rows-1 {
						b.WriteString(ind)
						if f.scale != 1 {
							b.WriteByte(' ')
						}
					}
				} else {
					b.WriteByte(' ')
				}
			}
		}
		first = last + 1
	}
}

// typeString is libtorch's Tensor::toString: "CPUFloatType".
func typeString(d tensor.DType) string { return "CPU" + d.ScalarTypeName() + "Type" }

// FormatTensor is libtorch's text for t (without R torch's header line and
// grad suffix), ending with "]".
func FormatTensor(t *tensor.Tensor) string {
	var b strings.Builder
	v := t.Float64s()
	shape := t.Shape()
	const linesize = 80
	switch len(shape) {
	case 0:
		b.WriteString(cg(v[0], 6))
		b.WriteString("\n[ " + typeString(t.DType()) + "{}")
	case 1:
		if len(v) > 0 {
			f := printFormat(v)
			if f.scale != 1 {
				b.WriteString(cg(f.scale, 4) + " *\n")
			}
			for _, x := range v {
				b.WriteString(f.cell(x))
				b.WriteByte('\n')
			}
		}
		fmt.Fprintf(&b, "[ %s{%d}", typeString(t.DType()), shape[0])
	case 2:
		if len(v) > 0 {
			printMatrix(&b, v, shape[0], shape[1], linesize, 0)
		}
		fmt.Fprintf(&b, "[ %s{%d,%d}", typeString(t.DType()), shape[0], shape[1])
	default:
		if len(v) > 0 {
			nd := len(shape)
			r, c := shape[nd-2], shape[nd-1]
			outer := shape[:nd-2]
			counter := make([]int, nd-2)
			nslices := len(v) / (r * c)
			for s := 0; s < nslices; s++ {
				if s > 0 {
					b.WriteByte('\n')
				}
				// counter: first index fastest (libtorch's order)
				b.WriteByte('(')
				for _, ci := range counter {
					fmt.Fprintf(&b, "%d,", ci+1)
				}
				b.WriteString(".,.) = \n")
				// offset of the slice in row-major data
				o := 0
				for i, ci := range counter {
					o = o*outer[i] + ci
				}
				printMatrix(&b, v[o*r*c:(o+1)*r*c], r, c, linesize, 1)
				for i := range counter {
					counter[i]++
					if counter[i] < outer[i] {
						break
					}
					counter[i] = 0
				}
			}
		}
		fmt.Fprintf(&b, "[ %s{%d", typeString(t.DType()), shape[0])
		for _, s := range shape[1:] {
			fmt.Fprintf(&b, ",%d", s)
		}
		b.WriteByte('}')
	}
	b.WriteString(" ]")
	return b.String()
}

// printText is R torch's print: header, libtorch's text, grad suffix;
// n > 0 truncates to n lines.
func printText(t *tensor.Tensor, n int) string {
	if t == nil {
		return "torch_tensor\n[ Tensor (undefined) ]\n"
	}
	body := FormatTensor(t)
	if n > 0 {
		lines := strings.Split(body, "\n")
		if len(lines)-1 > n {
			body = strings.Join(lines[:n], "\n") + "\n... [the output was truncated (use n=-1 to disable)]\n" + lines[len(lines)-1]
		}
	}
	var b strings.Builder
	b.WriteString("torch_tensor\n")
	b.WriteString(body)
	if fn := t.GradFn(); fn != nil {
		b.WriteString("[ grad_fn = <" + fn.Name() + "> ]")
	} else if t.RequiresGrad() {
		b.WriteString("[ requires_grad = TRUE ]")
	}
	b.WriteByte('\n')
	return b.String()
}

func (t *Tensor) PrintText(in *eval.Interp) (string, error) {
	return printText(t.T, 30), nil
}

// StrText is the summary R torch shows for str(x) and in module printouts:
// "Float [1:10, 1:10]".
func StrText(t *tensor.Tensor) string {
	parts := make([]string, len(t.Shape()))
	for i, s := range t.Shape() {
		parts[i] = fmt.Sprintf("1:%d", s)
	}
	if len(parts) == 0 {
		// R torch pastes "1:" with dim(x) = integer(0), which R recycles
		// to "1:"
		return t.DType().ScalarTypeName() + " [1:]"
	}
	return t.DType().ScalarTypeName() + " [" + strings.Join(parts, ", ") + "]"
}

func (t *Tensor) FormatText(in *eval.Interp) (string, error) {
	if t.T == nil {
		return "", errUndefined(0, "self")
	}
	return StrText(t.T), nil
}
