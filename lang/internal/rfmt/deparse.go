package rfmt

import (
	"fmt"
	"strconv"
	"strings"
)

var reservedWords = map[string]bool{
	"if": true, "else": true, "repeat": true, "while": true, "function": true, "for": true, "next": true,
	"break": true, "TRUE": true, "FALSE": true, "NULL": true, "Inf": true, "NaN": true, "NA": true,
	"NA_integer_": true, "NA_real_": true, "NA_character_": true, "NA_complex_": true, "in": true,
}

// IsValidName reproduces R's isValidName: a syntactic name that needs no
// backticks (letters, digits, '.', '_'; starting with a letter or a '.'
// not followed by a digit; not a reserved word). "..." and "..1" are valid.
func IsValidName(s string) bool {
	if s == "" {
		return false
	}
	if s == "..." {
		return true
	}
	if reservedWords[s] {
		return false
	}
	rs := []rune(s)
	c := rs[0]
	if c == '.' {
		if len(rs) > 1 && rs[1] >= '0' && rs[1] <= '9' {
			return false
		}
	} else if !isLetter(c) {
		return false
	}
	for _, c := range rs[1:] {
		if !(isLetter(c) || (c >= '0' && c <= '9') || c == '.' || c == '_') {
			return false
		}
	}
	return true
}

func isLetter(c rune) bool {
	return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= 0x80 && c != 0xA0)
}

// deparser accumulates lines as R's deparse buffer does (linebreak after
// an element once the line is longer than the cutoff).
type deparser struct {
	lines  []string
	cur    strings.Builder
	cutoff int
}

func (d *deparser) write(s string) { d.cur.WriteString(s) }

func (d *deparser) writeline() {
	d.lines = append(d.lines, d.cur.String())
	d.cur.Reset()
}

// DeparseAtomic reproduces deparse() of an atomic vector with R's default
// options (keepInteger, keepNA, niceNames, showAttributes) and
// width.cutoff (60 by default): "1:3", "c(1.5, NA)", "5L", "NA_real_",
// "c(a = 1, 2)", "structure(1:2, names = c(\"a\", \"b\"))", breaking long
// vectors into several lines. names may be nil; namesNA marks NA names.
func DeparseAtomic(v Vec, names []string, namesNA []bool, cutoff int) []string {
	d := &deparser{cutoff: cutoff}
	n := v.Len()
	intSeq := false
	if v.Kind == Integer && n > 1 {
		step := v.I[1] - v.I[0]
		intSeq = v.I[0] != NAInt && v.I[1] != NAInt && (step == 1 || step == -1)
		for i := 1; intSeq && i < n; i++ {
			if v.I[i] == NAInt || v.I[i]-v.I[i-1] != step {
				intSeq = false
			}
		}
	}
	inlineNames := names != nil && !intSeq && n > 0
	if inlineNames {
		allEmpty := true
		for i, s := range names {
			if namesNA != nil && namesNA[i] {
				inlineNames = false
			}
			if s != "" {
				allEmpty = false
			}
		}
		if allEmpty {
			inlineNames = false
		}
	}
	if v.Kind == Raw {
		// R: as.raw(c(a = 0x01, b = 0x02)), as.raw(0x07), raw(0)
		if n == 0 {
			d.write("raw(0)")
		} else {
			d.write("as.raw(")
			d.vec(v, names, inlineNames, false)
			d.write(")")
		}
		d.writeline()
		return d.lines
	}
	structure := names != nil && !inlineNames
	if structure {
		d.write("structure(")
	}
	d.vec(v, names, inlineNames, intSeq)
	if structure {
		d.write(", names = ")
		d.vec(Vec{Kind: Character, S: names, SNA: namesNA}, nil, false, false)
		d.write(")")
	}
	d.writeline()
	return d.lines
}

func (d *deparser) vec(v Vec, names []string, inlineNames, intSeq bool) {
	n := v.Len()
	if n == 0 {
		d.write(EmptyVector(v.Kind, false))
		return
	}
	if intSeq {
		d.write(strconv.Itoa(v.I[0]) + ":" + strconv.Itoa(v.I[n-1]))
		return
	}
	allNA := true
	for i := 0; i < n; i++ {
		if !v.isNA(i) {
			allNA = false
			break
		}
	}
	surround := n > 1 || inlineNames
	if surround {
		d.write("c(")
	}
	for i := 0; i < n; i++ {
		if inlineNames && names[i] != "" {
			if IsValidName(names[i]) {
				d.write(names[i])
			} else {
				d.write(escapeString(names[i], '"'))
			}
			d.write(" = ")
		}
		d.write(deparseElt(v, i, allNA))
		if i < n-1 {
			d.write(", ")
		}
		if n > 1 && d.cur.Len() > d.cutoff {
			d.writeline()
		}
	}
	if surround {
		d.write(")")
	}
}

func (v Vec) isNA(i int) bool {
	switch v.Kind {
	case Logical:
		return v.L[i] == NAInt
	case Integer:
		return v.I[i] == NAInt
	case Double:
		return IsNA(v.D[i])
	case Raw:
		return false
	}
	return v.strNA(i)
}

func deparseElt(v Vec, i int, allNA bool) string {
	if v.isNA(i) {
		if !allNA || v.Kind == Logical {
			return "NA"
		}
		return [...]string{"NA", "NA_integer_", "NA_real_", "NA_character_"}[v.Kind]
	}
	switch v.Kind {
	case Logical:
		if v.L[i] != 0 {
			return "TRUE"
		}
		return "FALSE"
	case Integer:
		return strconv.Itoa(v.I[i]) + "L"
	case Double:
		s, _ := AsCharacterReal(v.D[i], 0)
		return s
	case Raw:
		return fmt.Sprintf("0x%02x", v.R[i])
	}
	return escapeString(v.S[i], '"')
}
