package rfmt

import (
	"fmt"
	"strings"
)

// Kind is the type of an atomic vector.
type Kind int

// The atomic vector kinds rfmt prints.
const (
	Logical Kind = iota
	Integer
	Double
	Character
	// Raw is only printed (R's formatRaw/EncodeRaw: two hex digits).
	Raw
)

// TypeName is R's typeof() name of the kind.
func (k Kind) TypeName() string {
	return [...]string{"logical", "integer", "double", "character", "raw"}[k]
}

// Vec is an atomic vector: exactly the slice of its Kind is used.
// Logicals and integers use NAInt for NA; doubles NAReal; strings a
// parallel NA mask SNA (nil when there are no NA strings).
type Vec struct {
	Kind Kind
	L    []int
	I    []int
	D    []float64
	S    []string
	SNA  []bool
	R    []byte
	// Labels, for an Integer factor, are its levels (sprintf's %s).
	Labels []string
}

// Len is the vector's length.
func (v Vec) Len() int {
	switch v.Kind {
	case Logical:
		return len(v.L)
	case Integer:
		return len(v.I)
	case Double:
		return len(v.D)
	case Raw:
		return len(v.R)
	}
	return len(v.S)
}

func (v Vec) slice(lo, hi int) Vec {
	w := Vec{Kind: v.Kind}
	switch v.Kind {
	case Logical:
		w.L = v.L[lo:hi]
	case Integer:
		w.I = v.I[lo:hi]
	case Double:
		w.D = v.D[lo:hi]
	case Raw:
		w.R = v.R[lo:hi]
	default:
		w.S = v.S[lo:hi]
		if v.SNA != nil {
			w.SNA = v.SNA[lo:hi]
		}
	}
	return w
}

func (v Vec) strNA(i int) bool { return v.SNA != nil && v.SNA[i] }

// cellFormat is the common format of a (part of a) vector.
type cellFormat struct {
	kind Kind
	w    int
	real RealFormat
}

func formatVec(v Vec, o *Options, quote bool) cellFormat {
	f := cellFormat{kind: v.Kind}
	switch v.Kind {
	case Logical:
		f.w = FormatLogical(v.L, o.naWidth())
	case Integer:
		f.w = FormatInteger(v.I, o.naWidth())
	case Double:
		f.real = FormatReal(v.D, o.Digits, 0, o.Scipen, o.naWidth())
		f.w = f.real.W
	case Raw:
		f.w = 2
	default:
		f.w = FormatString(v.S, v.SNA, quote, displayWidth(o.naFor(quote)))
	}
	return f
}

func (f cellFormat) encode(v Vec, i int, w int, o *Options, quote bool, just Justify) string {
	switch v.Kind {
	case Logical:
		return EncodeLogical(v.L[i], w, o.NAString)
	case Integer:
		return EncodeInteger(v.I[i], w, o.NAString)
	case Double:
		rf := f.real
		rf.W = w
		return EncodeReal(v.D[i], rf, o.NAString)
	case Raw:
		return padLeft(fmt.Sprintf("%02x", v.R[i]), w)
	}
	return EncodeString(v.S[i], v.strNA(i), w, quote, just, o.naFor(quote))
}

// EmptyVector is what R prints for a zero-length vector: "numeric(0)",
// "character(0)", "integer(0)", "logical(0)", prefixed by "named " when it
// has a names attribute.
func EmptyVector(k Kind, named bool) string {
	s := [...]string{"logical(0)", "integer(0)", "numeric(0)", "character(0)", "raw(0)"}[k]
	if named {
		return "named " + s
	}
	return s
}

func vectorIndex(i, w int) string {
	lab := fmt.Sprintf("[%d]", i)
	return strings.Repeat(" ", max(0, w-len(lab))) + lab
}

// PrintVector reproduces print.default for an atomic vector without dim:
// R's printVector (with [k] index prefixes right-aligned to the widest
// label, wrapping at o.Width) or printNamedVector when names != nil
// (names right-aligned above the values, as many columns as fit). The
// result ends with a newline. Zero-length vectors print as EmptyVector.
func PrintVector(v Vec, names []string, o Options) string {
	n := v.Len()
	if n == 0 {
		return EmptyVector(v.Kind, names != nil) + "\n"
	}
	quote := o.Quote
	var b strings.Builder
	nPr := n
	if o.MaxPrint > 0 && n > o.MaxPrint {
		nPr = o.MaxPrint
	}
	pv := v.slice(0, nPr)
	if names != nil {
		printNamedVector(&b, pv, names[:nPr], &o, quote)
	} else {
		printVector(&b, pv, &o, quote)
	}
	if nPr < n {
		fmt.Fprintf(&b, " [ reached getOption(\"max.print\") -- omitted %d entries ]\n", n-nPr)
	}
	return b.String()
}

func printVector(b *strings.Builder, v Vec, o *Options, quote bool) {
	n := v.Len()
	labwidth := IndexWidth(n) + 2
	b.WriteString(vectorIndex(1, labwidth))
	width := labwidth
	f := formatVec(v, o, quote)
	just := JustifyLeft
	if o.Right {
		just = JustifyRight
	}
	if v.Kind == Character {
		w := f.w
		for i := 0; i < n; i++ {
			if i > 0 && width+w+o.Gap > o.Width {
				b.WriteByte('\n')
				b.WriteString(vectorIndex(i+1, labwidth))
				width = labwidth
			}
			b.WriteString(strings.Repeat(" ", o.Gap))
			b.WriteString(f.encode(v, i, w, o, quote, just))
			width += w + o.Gap
		}
		b.WriteByte('\n')
		return
	}
	w := f.w + o.Gap
	for i := 0; i < n; i++ {
		if i > 0 && width+w > o.Width {
			b.WriteByte('\n')
			b.WriteString(vectorIndex(i+1, labwidth))
			width = labwidth
		}
		b.WriteString(f.encode(v, i, w, o, quote, just))
		width += w
	}
	b.WriteByte('\n')
}

func printNamedVector(b *strings.Builder, v Vec, names []string, o *Options, quote bool) {
	n := v.Len()
	f := formatVec(v, o, quote)
	w := f.w
	wn := FormatString(names, nil, false, 4)
	if w < wn {
		w = wn
	}
	nperline := o.Width / (w + o.Gap)
	if nperline <= 0 {
		nperline = 1
	}
	nlines := n / nperline
	if n%nperline != 0 {
		nlines++
	}
	gap := strings.Repeat(" ", o.Gap)
	for i := 0; i < nlines; i++ {
		if i > 0 {
			b.WriteByte('\n')
		}
		for j := 0; j < nperline; j++ {
			k := i*nperline + j
			if k >= n {
				break
			}
			b.WriteString(EncodeString(names[k], false, w, false, JustifyRight, o.NAString))
			b.WriteString(gap)
		}
		b.WriteByte('\n')
		for j := 0; j < nperline; j++ {
			k := i*nperline + j
			if k >= n {
				break
			}
			b.WriteString(f.encode(v, k, w, o, quote, JustifyRight))
			b.WriteString(gap)
		}
	}
	b.WriteByte('\n')
}

// Dimnames are a matrix's or array's dimnames: Names[k] is nil when that
// dimension has no names; Titles are names(dimnames) ("" when absent).
type Dimnames struct {
	Names  [][]string
	Titles []string
}

func (d *Dimnames) names(k int) []string {
	if d == nil || k >= len(d.Names) {
		return nil
	}
	return d.Names[k]
}

func (d *Dimnames) title(k int) (string, bool) {
	if d == nil || k >= len(d.Titles) || d.Titles == nil {
		return "", false
	}
	return d.Titles[k], true
}

const minLblOff = 2 // R_MIN_LBLOFF

// PrintMatrix reproduces print.default for a matrix (R's printMatrix):
// column-major data v with nrow rows and ncol columns, [,j]/[i,] labels or
// dimnames, each column formatted on its own, column blocks wrapped at
// o.Width. Strings are left-aligned unless o.Right.
func PrintMatrix(v Vec, nrow, ncol int, dn *Dimnames, o Options) string {
	var b strings.Builder
	if nrow == 0 && ncol == 0 {
		return "<0 x 0 matrix>\n"
	}
	rpr := nrow
	if ncol > 0 && o.MaxPrint/ncol < nrow {
		rpr = o.MaxPrint / ncol
	}
	rn, hasRn := dn.title(0)
	cn, hasCn := dn.title(1)
	printMatrixSlice(&b, v, 0, rpr, nrow, ncol, dn.names(0), dn.names(1), rn, hasRn, cn, hasCn, true, &o)
	if rpr < nrow {
		if nrow-rpr == 1 {
			fmt.Fprintf(&b, " [ reached getOption(\"max.print\") -- omitted %d row ]\n", nrow-rpr)
		} else {
			fmt.Fprintf(&b, " [ reached getOption(\"max.print\") -- omitted %d rows ]\n", nrow-rpr)
		}
	}
	return b.String()
}

func printMatrixSlice(b *strings.Builder, v Vec, offset, rpr, r, c int, rl, cl []string, rn string, hasRn bool, cn string, hasCn bool, printIJ bool, o *Options) {
	quote := o.Quote
	isStr := v.Kind == Character
	var rlabw int
	if rl != nil {
		rlabw = FormatString(rl, nil, false, 4)
	} else {
		rlabw = IndexWidth(r+1) + 3
	}
	lbloff := 0
	if hasRn {
		rnw := displayWidth(rn)
		if rnw < rlabw+minLblOff {
			lbloff = minLblOff
		} else {
			lbloff = rnw - rlabw
		}
		rlabw += lbloff
	}
	w := make([]int, c)
	fmts := make([]cellFormat, c)
	for j := 0; j < c; j++ {
		if printIJ {
			col := v.slice(offset+j*r, offset+(j+1)*r)
			fmts[j] = formatVec(col, o, quote)
			w[j] = fmts[j].w
		}
		var clabw int
		if cl != nil {
			clabw = displayWidth(cl[j])
		} else {
			clabw = IndexWidth(j+1) + 3
		}
		if w[j] < clabw {
			w[j] = clabw
		}
		if !isStr {
			w[j] += o.Gap
		}
	}
	extra := 0
	if isStr {
		extra = o.Gap
	}
	gap := strings.Repeat(" ", o.Gap)
	printRowLab := func() {
		if hasCn {
			b.WriteString(strings.Repeat(" ", rlabw))
			b.WriteString(cn)
			b.WriteByte('\n')
		}
		if hasRn {
			b.WriteString(padRight(rn, rlabw))
		} else {
			b.WriteString(strings.Repeat(" ", rlabw))
		}
	}
	rowLabel := func(i int) {
		b.WriteByte('\n')
		if rl != nil {
			b.WriteString(strings.Repeat(" ", lbloff))
			b.WriteString(padRight(rl[i], rlabw-lbloff))
		} else {
			lab := fmt.Sprintf("[%d,]", i+1)
			b.WriteString(strings.Repeat(" ", max(0, rlabw-len(lab))))
			b.WriteString(lab)
		}
	}
	if c == 0 {
		printRowLab()
		for i := 0; i < r; i++ {
			rowLabel(i)
		}
		b.WriteByte('\n')
		return
	}
	just := JustifyLeft
	if o.Right {
		just = JustifyRight
	}
	jmin, jmax := 0, 0
	for jmin < c {
		width := rlabw
		for {
			width += w[jmax] + extra
			jmax++
			if !(jmax < c && width+w[jmax]+extra < o.Width) {
				break
			}
		}
		printRowLab()
		for j := jmin; j < jmax; j++ {
			if isStr {
				var lab string
				if cl != nil {
					lab = cl[j]
				} else {
					lab = fmt.Sprintf("[,%d]", j+1)
				}
				if o.Right && cl != nil {
					b.WriteString(gap)
					b.WriteString(padLeft(lab, w[j]))
				} else {
					b.WriteString(gap)
					b.WriteString(padRight(lab, w[j]))
				}
			} else {
				if cl != nil {
					b.WriteString(padLeft(cl[j], w[j]))
				} else {
					b.WriteString(padLeft(fmt.Sprintf("[,%d]", j+1), w[j]))
				}
			}
		}
		for i := 0; i < rpr; i++ {
			rowLabel(i)
			if printIJ {
				for j := jmin; j < jmax; j++ {
					k := offset + i + j*r
					if isStr {
						b.WriteString(gap)
						b.WriteString(fmts[j].encode(v, k, w[j], o, quote, just))
					} else {
						b.WriteString(fmts[j].encode(v, k, w[j], o, quote, just))
					}
				}
			}
		}
		b.WriteByte('\n')
		jmin = jmax
	}
}

// PrintArray reproduces print.default for an array with dims (R's
// printArray): one dimension prints like a vector, two like a matrix, more
// as ", , k" slices. dn may be nil.
func PrintArray(v Vec, dims []int, dn *Dimnames, o Options) string {
	switch len(dims) {
	case 1:
		// a 1-d array prints like a (named) vector, under the title
		// names(dimnames) when there is one
		if t, ok := dn.title(0); ok && t != "" && dn.names(0) != nil {
			return t + "\n" + PrintVector(v, dn.names(0), o)
		}
		return PrintVector(v, dn.names(0), o)
	case 2:
		return PrintMatrix(v, dims[0], dims[1], dn, o)
	}
	var b strings.Builder
	nr, nc := dims[0], dims[1]
	bsz := nr * nc
	nb := 1
	for _, d := range dims[2:] {
		nb *= d
	}
	maxReached := bsz > 0 && o.MaxPrint/bsz < nb
	var nbPr, nrLast int
	if maxReached {
		nbPr = (o.MaxPrint + bsz - 1) / bsz
		nrLast = (o.MaxPrint - bsz*(nbPr-1)) / nc
		if nrLast == 0 {
			nbPr--
			nrLast = nr
		}
	} else {
		nbPr = nb
		if nbPr == 0 {
			nbPr = 1
		}
		nrLast = nr
	}
	hasDnn := dn != nil && dn.Titles != nil
	rn, hasRn := dn.title(0)
	cn, hasCn := dn.title(1)
	for i := 0; i < nbPr; i++ {
		doIJ := nb > 0
		useNr := nr
		if i == nbPr-1 {
			useNr = nrLast
		}
		if doIJ {
			k := 1
			b.WriteString(", ")
			for j := 2; j < len(dims); j++ {
				l := (i/k)%dims[j] + 1
				if names := dn.names(j); names != nil {
					if hasDnn {
						fmt.Fprintf(&b, ", %s = %s", dn.Titles[j], names[l-1])
					} else {
						fmt.Fprintf(&b, ", %s", names[l-1])
					}
				} else {
					fmt.Fprintf(&b, ", %d", l)
				}
				k *= dims[j]
			}
			b.WriteString("\n\n")
		} else {
			for k, d := range dims {
				if k == 0 {
					fmt.Fprintf(&b, "<%d", d)
				} else {
					fmt.Fprintf(&b, " x %d", d)
				}
			}
			fmt.Fprintf(&b, " array of %s>\n", v.Kind.TypeName())
		}
		printMatrixSlice(&b, v, i*bsz, useNr, nr, nc, dn.names(0), dn.names(1), rn, hasRn, cn, hasCn, doIJ, &o)
		b.WriteByte('\n')
	}
	if maxReached && nbPr < nb {
		b.WriteString(" [ reached getOption(\"max.print\") -- omitted")
		if nrLast < nr {
			fmt.Fprintf(&b, " %d row(s) and", nr-nrLast)
		}
		fmt.Fprintf(&b, " %d matrix slice(s) ]\n", nb-nbPr)
	}
	return b.String()
}
