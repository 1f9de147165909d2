package base

// read.table / read.csv and write.table / write.csv: delimited text files
// to and from data frames (the common arguments: header, sep, quote,
// na.strings, stringsAsFactors, text =, row.names, col.names).

import (
	"io"
	"os"
	"strconv"
	"strings"

	"torchr/lang/eval"
)

func init() {
	eval.RegisterAll(
		&eval.Builtin{Name: "read.table", Formals: []string{"file", "header = FALSE", `sep = ""`, `quote = "\"'"`, `dec = "."`, `na.strings = "NA"`, "stringsAsFactors = FALSE", "skip = 0", "nrows = -1", "text", "col.names", "row.names", "..."}, Fn: func(c *eval.Frame, a []eval.Value) (eval.Value, error) {
			return readTable(c, a, false)
		}},
		&eval.Builtin{Name: "read.csv", Formals: []string{"file", "header = TRUE", `sep = ","`, `quote = "\""`, `dec = "."`, `na.strings = "NA"`, "stringsAsFactors = FALSE", "skip = 0", "nrows = -1", "text", "col.names", "row.names", "..."}, Fn: func(c *eval.Frame, a []eval.Value) (eval.Value, error) {
			return readTable(c, a, true)
		}},
		&eval.Builtin{Name: "write.table", Invisible: true, Formals: []string{"x", `file = ""`, "append = FALSE", "quote = TRUE", `sep = " "`, `eol = "\n"`, `na = "NA"`, `dec = "."`, "row.names = TRUE", "col.names = TRUE"}, Fn: func(c *eval.Frame, a []eval.Value) (eval.Value, error) {
			return writeTable(c, a, false)
		}},
		&eval.Builtin{Name: "write.csv", Invisible: true, Formals: []string{"x", `file = ""`, "append = FALSE", "quote = TRUE", `sep = ","`, `eol = "\n"`, `na = "NA"`, `dec = "."`, "row.names = TRUE", "col.names = TRUE"}, Fn: func(c *eval.Frame, a []eval.Value) (eval.Value, error) {
			return writeTable(c, a, true)
		}},
	)
}

// splitFields splits one line: on sep ("" meaning runs of white space),
// with fields quoted by any character of quotes ("" inside a quoted
// field standing for one quote).
func splitFields(line, sep, quotes string) ([]string, []bool) {
	var fields []string
	var quoted []bool
	var cur strings.Builder
	isQuoted := false
	inQuote := rune(0)
	started := false
	flush := func() {
		fields = append(fields, cur.String())
		quoted = append(quoted, isQuoted)
		cur.Reset()
		isQuoted, started = false, false
	}
	rs := []rune(line)
	for i := 0; i < len(rs); i++ {
		r := rs[i]
		switch {
		case inQuote != 0:
			if r == inQuote {
				if i+1 < len(rs) && rs[i+1] == inQuote {
					cur.WriteRune(r)
					i++
				} else {
					inQuote = 0
				}
			} else {
				cur.WriteRune(r)
			}
		case strings.ContainsRune(quotes, r) && (!started || sep != ""):
			inQuote, isQuoted, started = r, true, true
		case sep == "" && (r == ' ' || r == '\t'):
			if started {
				flush()
			}
		case sep != "" && string(r) == sep:
			flush()
		default:
			cur.WriteRune(r)
			started = true
		}
	}
	if sep != "" || started {
		flush()
	}
	return fields, quoted
}

func readTable(c *eval.Frame, a []eval.Value, csv bool) (eval.Value, error) {
	header := trueArg(a[1])
	sep, _ := strArg(a[2])
	quotes, _ := strArg(a[3])
	naStrings := []string{"NA"}
	if a[5] != nil {
		naStrings = toStrs(a[5])
	}
	saf := a[6] != nil && trueArg(a[6])
	skip, _ := intArg(a[7])
	nrows := -1
	if a[8] != nil {
		nrows, _ = intArg(a[8])
	}
	var text string
	switch {
	case a[9] != nil:
		text = strings.Join(toStrs(a[9]), "\n")
	case a[0] != nil:
		path, ok := strArg(a[0])
		if !ok {
			return nil, c.Errorf("'file' must be a character string or connection")
		}
		b, err := os.ReadFile(path)
		if err != nil {
			return nil, openError(c, path, err, fileReadCall)
		}
		text = string(b)
	default:
		return nil, c.Errorf("argument \"file\" is missing, with no default")
	}
	var lines []string
	for _, l := range strings.Split(strings.ReplaceAll(text, "\r\n", "\n"), "\n") {
		if strings.TrimSpace(l) == "" {
			continue
		}
		lines = append(lines, l)
	}
	if skip > 0 {
		lines = lines[min(skip, len(lines)):]
	}
	if len(lines) == 0 {
		if header {
			return nil, c.Errorf("no lines available in input")
		}
		return newDataFrame(nil, nil, eval.NewInt([]int32{})), nil
	}
	var names []string
	if header {
		names, _ = splitFields(lines[0], sep, quotes)
		lines = lines[1:]
	}
	if nrows >= 0 && nrows < len(lines) {
		lines = lines[:nrows]
	}
	var rows [][]string
	var rowQuoted [][]bool
	ncol := len(names)
	for _, l := range lines {
		f, q := splitFields(l, sep, quotes)
		rows = append(rows, f)
		rowQuoted = append(rowQuoted, q)
		ncol = max(ncol, len(f))
	}
	// a header one field short names the columns after the row names
	hasRowNames := header && len(rows) > 0 && len(names) == len(rows[0])-1
	if hasRowNames {
		names = append([]string{""}, names...)
	}
	for len(names) < ncol {
		names = append(names, "V"+strconv.Itoa(len(names)+1))
	}
	if a[10] != nil {
		names = toStrs(a[10])
	}
	cols := make([]eval.Value, 0, ncol)
	var rowNames eval.Value = eval.NewInt([]int32{eval.NAInt, -int32(len(rows))})
	var colNames []string
	for j := 0; j < ncol; j++ {
		vals := make([]string, len(rows))
		quoted := make([]bool, len(rows))
		for i, r := range rows {
			if j < len(r) {
				vals[i], quoted[i] = r[j], rowQuoted[i][j]
			} else {
				vals[i] = eval.NAString
			}
		}
		if hasRowNames && j == 0 {
			rowNames = eval.NewStr(vals)
			continue
		}
		cols = append(cols, typeConvert(c, vals, quoted, naStrings, saf))
		colNames = append(colNames, names[j])
	}
	if header {
		for i, n := range colNames {
			colNames[i] = makeName(n, true)
		}
		colNames = makeUnique(colNames, ".")
	}
	return newDataFrame(cols, colNames, rowNames), nil
}

// typeConvert is type.convert of one column of fields: logical, integer,
// double or else character (a factor with stringsAsFactors); fields in
// na.strings (and empty unquoted fields of non-character columns) are NA.
func typeConvert(c *eval.Frame, vals []string, quoted []bool, naStrings []string, saf bool) eval.Value {
	isNA := func(i int) bool {
		if vals[i] == eval.NAString {
			return true
		}
		for _, n := range naStrings {
			if vals[i] == n && !quoted[i] {
				return true
			}
		}
		return false
	}
	allLgl, allInt, allNum := true, true, true
	for i, s := range vals {
		if isNA(i) || (s == "" && !quoted[i]) {
			continue
		}
		t := strings.TrimSpace(s)
		switch t {
		case "TRUE", "FALSE", "T", "F", "true", "false", "True", "False":
		default:
			allLgl = false
		}
		if _, err := strconv.ParseInt(t, 10, 32); err != nil {
			allInt = false
		}
		if f := strToDouble(t); eval.IsNA(f) && t != "NaN" {
			allNum = false
		}
	}
	n := len(vals)
	blank := func(i int) bool { return isNA(i) || vals[i] == "" && !quoted[i] }
	switch {
	case allLgl:
		r := make([]int32, n)
		for i, s := range vals {
			if blank(i) {
				r[i] = eval.NALogical
			} else {
				r[i] = strToLgl(strings.TrimSpace(s))
				if r[i] == eval.NALogical {
					r[i] = b2i(strings.HasPrefix(strings.ToUpper(strings.TrimSpace(s)), "T"))
				}
			}
		}
		return eval.NewLgl(r)
	case allInt:
		r := make([]int32, n)
		for i, s := range vals {
			if blank(i) {
				r[i] = eval.NAInt
			} else {
				k, _ := strconv.ParseInt(strings.TrimSpace(s), 10, 32)
				r[i] = int32(k)
			}
		}
		return eval.NewInt(r)
	case allNum:
		r := make([]float64, n)
		for i, s := range vals {
			if blank(i) {
				r[i] = eval.NAReal
			} else {
				r[i] = strToDouble(strings.TrimSpace(s))
			}
		}
		return eval.NewDouble(r)
	}
	r := make([]string, n)
	for i, s := range vals {
		if isNA(i) {
			r[i] = eval.NAString
		} else {
			r[i] = s
		}
	}
	if saf {
		f, err := builtinFactor(c, []eval.Value{eval.NewStr(r), nil, nil, nil, nil, nil})
		if err == nil {
			return f
		}
	}
	return eval.NewStr(r)
}

func writeTable(c *eval.Frame, a []eval.Value, csv bool) (eval.Value, error) {
	x := a[0]
	if !isDataFrame(x) {
		r, err := c.In.CallFunction("as.data.frame", []eval.Arg{{Value: x}}, c.Env)
		if err != nil {
			return nil, err
		}
		x = r
	}
	df := x.(*eval.List)
	quote := a[3] == nil || trueArg(a[3])
	sep, _ := strArg(a[4])
	if csv {
		sep = ","
	}
	eol, _ := strArg(a[5])
	na, _ := strArg(a[6])
	rowNamesOn := a[8] == nil || trueArg(a[8])
	colNamesOn := true
	if a[9] != nil {
		if l, ok := a[9].(*eval.Logical); ok && len(l.V) == 1 && l.V[0] == 0 {
			colNamesOn = false
		}
	}
	q := func(s string) string {
		if !quote {
			return s
		}
		if csv {
			return "\"" + strings.ReplaceAll(s, "\"", "\"\"") + "\""
		}
		return "\"" + strings.ReplaceAll(s, "\"", "\\\"") + "\""
	}
	var b strings.Builder
	names := eval.Names(df)
	if colNamesOn {
		var hdr []string
		if rowNamesOn && csv {
			hdr = append(hdr, q(""))
		}
		for _, n := range names {
			hdr = append(hdr, q(n))
		}
		b.WriteString(strings.Join(hdr, sep) + eol)
	}
	n, _ := dfShape(df)
	rn := dfRowNames(df)
	cells := make([][]string, len(df.V))
	for j, col := range df.V {
		s, _ := coStrings(col)
		isStr := kindOf(col) == kStr || isFactor(col)
		cells[j] = make([]string, n)
		for i := 0; i < n; i++ {
			v := s[i]
			switch {
			case v == eval.NAString:
				v = na
			case isStr:
				v = q(v)
			}
			cells[j][i] = v
		}
	}
	for i := 0; i < n; i++ {
		var row []string
		if rowNamesOn {
			row = append(row, q(rn[i]))
		}
		for j := range cells {
			row = append(row, cells[j][i])
		}
		b.WriteString(strings.Join(row, sep) + eol)
	}
	path, _ := strArg(a[1])
	if path == "" {
		_, err := io.WriteString(c.In.Stdout, b.String())
		return eval.Null, err
	}
	flag := os.O_CREATE | os.O_WRONLY | os.O_TRUNC
	if a[2] != nil && trueArg(a[2]) {
		flag = os.O_CREATE | os.O_WRONLY | os.O_APPEND
	}
	f, err := os.OpenFile(path, flag, 0o644)
	if err != nil {
		return nil, c.Errorf("cannot open file '%s': %v", path, err)
	}
	defer f.Close()
	if _, err := f.WriteString(b.String()); err != nil {
		return nil, c.Errorf("cannot write to '%s': %v", path, err)
	}
	return eval.Null, nil
}
