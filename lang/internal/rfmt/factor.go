package rfmt

import (
	"fmt"
	"strconv"
	"strings"
)

// Factor is a factor's data: 1-based codes into Levels (NAInt for NA).
type Factor struct {
	Codes   []int
	Levels  []string
	Ordered bool
}

// Strings returns as.character(f) with the NA mask.
func (f Factor) Strings() ([]string, []bool) {
	s := make([]string, len(f.Codes))
	var na []bool
	for i, c := range f.Codes {
		if c == NAInt || c < 1 || c > len(f.Levels) {
			if na == nil {
				na = make([]bool, len(f.Codes))
			}
			na[i] = true
			continue
		}
		s[i] = f.Levels[c-1]
	}
	return s, na
}

// PrintFactor reproduces print.factor (quote = FALSE, max.levels = NULL):
// the values unquoted (NA as <NA>, names kept), then the "Levels:" line,
// abbreviated with "..." when it would not fit in o.Width. An empty factor
// prints "factor(0)" (or "ordered(0)").
func PrintFactor(f Factor, names []string, o Options) string {
	var b strings.Builder
	if len(f.Codes) == 0 {
		if f.Ordered {
			b.WriteString("ordered(0)\n")
		} else {
			b.WriteString("factor(0)\n")
		}
	} else {
		s, na := f.Strings()
		po := o
		po.Quote = false
		b.WriteString(PrintVector(Vec{Kind: Character, S: s, SNA: na}, names, po))
	}
	lev := make([]string, len(f.Levels))
	for i, l := range f.Levels {
		lev[i] = escapeString(l, 0)
	}
	n := len(lev)
	colsep := " "
	if f.Ordered {
		colsep = " < "
	}
	const t0 = "Levels: "
	width := o.Width - (len(t0) + 3 + 1 + 3)
	maxl := n
	if n > 1 {
		cum := 0
		first := -1
		for i, l := range lev {
			cum += displayWidth(l) + len(colsep)
			if cum > width && first < 0 {
				first = i + 1 // 1-based index of the first too-wide prefix
			}
		}
		if cum > width {
			maxl = max(1, first-1)
		}
	}
	drop := n > maxl
	if drop {
		b.WriteString(strconv.Itoa(n) + " ")
	}
	b.WriteString(t0)
	if drop {
		k := max(1, maxl-1)
		parts := append([]string{}, lev[:k]...)
		parts = append(parts, "...")
		if maxl > 1 {
			parts = append(parts, lev[n-1])
		}
		b.WriteString(strings.Join(parts, colsep))
	} else {
		b.WriteString(strings.Join(lev, colsep))
	}
	b.WriteByte('\n')
	return b.String()
}

// DFColumn is one data frame column: an atomic vector or a factor.
type DFColumn struct {
	Vec      Vec
	Factor   *Factor
	IsFactor bool
}

// PrintDataFrame reproduces print.data.frame for atomic and factor columns:
// each column formatted as format.data.frame does (numbers with a common
// format, strings as they are, NA strings as <NA>), then printed as a
// right-justified, unquoted character matrix with the row names. rowNames
// nil means the automatic 1..n.
func PrintDataFrame(cols []DFColumn, colNames, rowNames []string, o Options) string {
	nrow := len(rowNames)
	if rowNames == nil && len(cols) > 0 {
		if cols[0].IsFactor {
			nrow = len(cols[0].Factor.Codes)
		} else {
			nrow = cols[0].Vec.Len()
		}
	}
	if len(cols) == 0 {
		return fmt.Sprintf("data frame with 0 columns and %d rows\n", nrow)
	}
	if nrow == 0 {
		var b strings.Builder
		b.WriteString("[1] ")
		b.WriteString(strings.Join(colNames, " "))
		b.WriteString("\n<0 rows> (or 0-length row.names)\n")
		return b.String()
	}
	if rowNames == nil {
		rowNames = make([]string, nrow)
		for i := range rowNames {
			rowNames[i] = strconv.Itoa(i + 1)
		}
	}
	data := make([]string, 0, nrow*len(cols))
	na := make([]bool, 0, nrow*len(cols))
	for _, c := range cols {
		var s []string
		var sna []bool
		switch {
		case c.IsFactor:
			s, sna = c.Factor.Strings()
		case c.Vec.Kind == Character:
			s, sna = c.Vec.S, c.Vec.SNA
		default:
			a := DefaultFormatArgs()
			a.Digits = o.Digits
			a.Scipen = o.Scipen
			s = Format(c.Vec, a)
		}
		data = append(data, s...)
		if sna == nil {
			sna = make([]bool, len(s))
		}
		na = append(na, sna...)
	}
	po := o
	po.Quote = false
	po.Right = true
	return PrintMatrix(Vec{Kind: Character, S: data, SNA: na}, nrow, len(cols),
		&Dimnames{Names: [][]string{rowNames, colNames}}, po)
}
