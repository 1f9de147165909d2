package eval

import (
	"strings"

	"torchr/lang/internal/rfmt"
)

// ToRfmt converts an atomic vector to rfmt's representation.
func ToRfmt(v Value) (rfmt.Vec, bool) {
	switch x := v.(type) {
	case *Double:
		return rfmt.Vec{Kind: rfmt.Double, D: x.V}, true
	case *Integer:
		r := make([]int, len(x.V))
		for i, n := range x.V {
			r[i] = int(n)
		}
		return rfmt.Vec{Kind: rfmt.Integer, I: r}, true
	case *Logical:
		r := make([]int, len(x.V))
		for i, n := range x.V {
			r[i] = int(n)
		}
		return rfmt.Vec{Kind: rfmt.Logical, L: r}, true
	case *Character:
		var na []bool
		s := x.V
		for i, e := range x.V {
			if e == NAString {
				if na == nil {
					na = make([]bool, len(x.V))
					s = append([]string(nil), x.V...)
				}
				na[i] = true
				s[i] = "NA"
			}
		}
		return rfmt.Vec{Kind: rfmt.Character, S: s, SNA: na}, true
	case *Raw:
		return rfmt.Vec{Kind: rfmt.Raw, R: x.V}, true
	}
	return rfmt.Vec{}, false
}

// printOverrides are print.default's arguments for the value being printed.
type printOverrides struct {
	digits, width *int
	quote, right  *bool
}

// PrintOptions returns rfmt options from the session's options() and the
// arguments of the print() call in progress.
func (in *Interp) PrintOptions() rfmt.Options {
	o := in.baseprintOptions()
	if ov := in.printOv; ov != nil {
		if ov.digits != nil {
			o.Digits = *ov.digits
		}
		if ov.width != nil {
			o.Width = *ov.width
		}
		if ov.quote != nil {
			o.Quote = *ov.quote
		}
		if ov.right != nil {
			o.Right = *ov.right
		}
	}
	return o
}

func (in *Interp) baseprintOptions() rfmt.Options {
	o := rfmt.DefaultOptions()
	if v, ok := in.Options["digits"]; ok {
		o.Digits = int(asIntScalar(v))
	}
	if v, ok := in.Options["scipen"]; ok {
		o.Scipen = int(asIntScalar(v))
	}
	if v, ok := in.Options["width"]; ok {
		o.Width = int(asIntScalar(v))
	}
	return o
}

// printAtomic prints an atomic vector (with names, dim, dimnames) as
// print.default does.
func (in *Interp) printAtomic(b *strings.Builder, v Vector, o rfmt.Options) bool {
	rv, ok := ToRfmt(v)
	if !ok {
		return false
	}
	if d := Dim(v); d != nil {
		var dn *rfmt.Dimnames
		if l, ok := v.Hdr().Attr("dimnames").(*List); ok {
			dn = &rfmt.Dimnames{Names: make([][]string, len(l.V))}
			for i, e := range l.V {
				if e != Value(Null) {
					dn.Names[i] = naNamesForPrint(AsStrings(e))
				}
			}
			if nm := Names(l); nm != nil {
				dn.Titles = nm
			}
		}
		if len(d) == 2 {
			b.WriteString(rfmt.PrintMatrix(rv, d[0], d[1], dn, o))
		} else {
			b.WriteString(rfmt.PrintArray(rv, d, dn, o))
		}
		return true
	}
	names := Names(v)
	if names != nil && len(names) != rv.Len() {
		// Defensive: a names attribute of the wrong length prints padded
		// with NA (R never lets one exist).
		fixed := make([]string, rv.Len())
		for i := range fixed {
			fixed[i] = NAString
			if i < len(names) {
				fixed[i] = names[i]
			}
		}
		names = fixed
	}
	b.WriteString(rfmt.PrintVector(rv, naNamesForPrint(names), o))
	return true
}

// naNamesForPrint shows NA names and dimnames as R prints them, "<NA>".
func naNamesForPrint(names []string) []string {
	for i, s := range names {
		if s == NAString {
			r := append([]string(nil), names...)
			for j := i; j < len(r); j++ {
				if r[j] == NAString {
					r[j] = "<NA>"
				}
			}
			return r
		}
	}
	return names
}
