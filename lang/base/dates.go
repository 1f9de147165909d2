package base

// Dates and times (minimal): as.Date, as.POSIXct, format/print for Date,
// POSIXct and difftime, weekdays, months, difftime, and `-` on Date and
// POSIXct values.

import (
	"fmt"
	"io"
	"math"
	"strings"
	"time"

	"torchr/lang/eval"
	"torchr/lang/internal/rfmt"
)

func dateValue(days []float64) *eval.Double {
	d := eval.NewDouble(days)
	d.SetAttr("class", eval.NewStr1("Date"))
	return d
}

func posixValue(secs []float64, tz string) *eval.Double {
	d := eval.NewDouble(secs)
	d.SetAttr("class", eval.NewStr([]string{"POSIXct", "POSIXt"}))
	if tz != "" {
		d.SetAttr("tzone", eval.NewStr1(tz))
	}
	return d
}

func tzLocation(tz string) *time.Location {
	if tz == "" {
		return time.Local
	}
	if tz == "UTC" || tz == "GMT" {
		return time.UTC
	}
	if loc, err := time.LoadLocation(tz); err == nil {
		return loc
	}
	return time.UTC
}

func tzOf(v eval.Value) string {
	if at, ok := v.(eval.Attributed); ok {
		if s, ok := at.Hdr().Attr("tzone").(*eval.Character); ok && len(s.V) > 0 {
			return s.V[0]
		}
	}
	return ""
}

var dateLayouts = []string{"2006-01-02", "2006/01/02"}
var timeLayouts = []string{"2006-01-02 15:04:05", "2006/01/02 15:04:05", "2006-01-02 15:04", "2006/01/02 15:04", "2006-01-02", "2006/01/02"}

// strptime converts an R format (a subset of %-codes) to a Go layout.
func goLayout(f string) string {
	r := strings.NewReplacer("%Y", "2006", "%m", "01", "%d", "02", "%H", "15", "%M", "04", "%S", "05",
		"%y", "06", "%b", "Jan", "%B", "January", "%F", "2006-01-02", "%T", "15:04:05")
	return r.Replace(f)
}

var weekdayNames = []string{"Sunday", "Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday"}

// strftime formats t with an R/C format string.
func strftime(t time.Time, f string) string {
	var b strings.Builder
	for i := 0; i < len(f); i++ {
		if f[i] != '%' || i+1 == len(f) {
			b.WriteByte(f[i])
			continue
		}
		i++
		switch f[i] {
		case 'Y':
			fmt.Fprintf(&b, "%d", t.Year())
		case 'y':
			fmt.Fprintf(&b, "%02d", t.Year()%100)
		case 'm':
			fmt.Fprintf(&b, "%02d", int(t.Month()))
		case 'd':
			fmt.Fprintf(&b, "%02d", t.Day())
		case 'e':
			fmt.Fprintf(&b, "%2d", t.Day())
		case 'H':
			fmt.Fprintf(&b, "%02d", t.Hour())
		case 'I':
			h := t.Hour() % 12
			if h == 0 {
				h = 12
			}
			fmt.Fprintf(&b, "%02d", h)
		case 'M':
			fmt.Fprintf(&b, "%02d", t.Minute())
		case 'S':
			fmt.Fprintf(&b, "%02d", t.Second())
		case 'p':
			if t.Hour() < 12 {
				b.WriteString("AM")
			} else {
				b.WriteString("PM")
			}
		case 'j':
			fmt.Fprintf(&b, "%03d", t.YearDay())
		case 'b', 'h':
			b.WriteString(t.Month().String()[:3])
		case 'B':
			b.WriteString(t.Month().String())
		case 'a':
			b.WriteString(weekdayNames[t.Weekday()][:3])
		case 'A':
			b.WriteString(weekdayNames[t.Weekday()])
		case 'u':
			wd := int(t.Weekday())
			if wd == 0 {
				wd = 7
			}
			fmt.Fprintf(&b, "%d", wd)
		case 'w':
			fmt.Fprintf(&b, "%d", int(t.Weekday()))
		case 'F':
			b.WriteString(strftime(t, "%Y-%m-%d"))
		case 'T':
			b.WriteString(strftime(t, "%H:%M:%S"))
		case 'D':
			b.WriteString(strftime(t, "%m/%d/%y"))
		case 'Z':
			name, _ := t.Zone()
			b.WriteString(name)
		case 'z':
			b.WriteString(t.Format("-0700"))
		case '%':
			b.WriteByte('%')
		default:
			b.WriteByte('%')
			b.WriteByte(f[i])
		}
	}
	return b.String()
}

func dayTime(d float64) time.Time {
	return time.Unix(int64(math.Floor(d))*86400, 0).UTC()
}

func secTime(s float64, loc *time.Location) time.Time {
	sec := math.Floor(s)
	return time.Unix(int64(sec), int64((s-sec)*1e9)).In(loc)
}

func formatDates(x eval.Value, f string) []string {
	d, _ := coDoubles(x, nil)
	out := make([]string, len(d))
	for i, v := range d {
		if v != v || math.IsInf(v, 0) {
			out[i] = eval.NAString
			continue
		}
		out[i] = strftime(dayTime(v), f)
	}
	return out
}

func formatPosix(x eval.Value, f string, usetz bool) []string {
	d, _ := coDoubles(x, nil)
	loc := tzLocation(tzOf(x))
	if f == "" {
		f = "%Y-%m-%d"
		for _, v := range d {
			if v == v && !math.IsInf(v, 0) {
				t := secTime(v, loc)
				if t.Hour() != 0 || t.Minute() != 0 || t.Second() != 0 {
					f = "%Y-%m-%d %H:%M:%S"
					break
				}
			}
		}
	}
	out := make([]string, len(d))
	for i, v := range d {
		if v != v || math.IsInf(v, 0) {
			out[i] = eval.NAString
			continue
		}
		t := secTime(v, loc)
		out[i] = strftime(t, f)
		if usetz {
			name, _ := t.Zone()
			out[i] += " " + name
		}
	}
	return out
}

func printStrings(c *eval.Frame, s []string, names []string, quote bool) error {
	o := printOptions(c.In)
	o.Quote = quote
	if len(s) == 0 {
		return nil
	}
	_, err := io.WriteString(c.In.Stdout, rfmt.PrintVector(strVecOf(s), names, o))
	return err
}

func diffUnits(secs []float64, units string) (string, float64) {
	if units == "auto" {
		m := math.Inf(1)
		for _, s := range secs {
			if s == s && math.Abs(s) < m {
				m = math.Abs(s)
			}
		}
		switch {
		case math.IsInf(m, 1) || m < 60:
			units = "secs"
		case m < 3600:
			units = "mins"
		case m < 86400:
			units = "hours"
		default:
			units = "days"
		}
	}
	div := map[string]float64{"secs": 1, "mins": 60, "hours": 3600, "days": 86400, "weeks": 604800}[units]
	return units, div
}

func makeDifftime(vals []float64, units string) *eval.Double {
	d := eval.NewDouble(vals)
	d.SetAttr("class", eval.NewStr1("difftime"))
	d.SetAttr("units", eval.NewStr1(units))
	return d
}

// toSeconds returns the values of a Date (as seconds) or POSIXct.
func toSeconds(v eval.Value) []float64 {
	d, _ := coDoubles(v, nil)
	if hasClass(v, "Date") {
		r := make([]float64, len(d))
		for i, x := range d {
			r[i] = x * 86400
		}
		return r
	}
	return d
}

func difftime(c *eval.Frame, t1, t2 eval.Value, units string) (eval.Value, error) {
	a, b := toSeconds(t1), toSeconds(t2)
	n := max(len(a), len(b))
	secs := make([]float64, n)
	if len(a) == 0 || len(b) == 0 {
		secs = nil
	}
	for i := range secs {
		secs[i] = a[i%len(a)] - b[i%len(b)]
	}
	if units == "auto" && hasClass(t1, "Date") && hasClass(t2, "Date") {
		units = "days"
	}
	u, div := diffUnits(secs, units)
	if div == 0 {
		return nil, c.Errorf("invalid units specified")
	}
	for i := range secs {
		secs[i] /= div
	}
	return makeDifftime(secs, u), nil
}

func init() {
	eval.RegisterAll(
		&eval.Builtin{Name: "as.Date", Generic: true, Formals: []string{"x", "format", "tryFormats = c(\"%Y-%m-%d\", \"%Y/%m/%d\")", "optional = FALSE", "origin", "tz = \"UTC\"", "..."}, Fn: func(c *eval.Frame, a []eval.Value) (eval.Value, error) {
			x := a[0]
			if hasClass(x, "Date") {
				return x, nil
			}
			if hasClass(x, "POSIXct") {
				d := toSeconds(x)
				loc := tzLocation(tzOf(x))
				r := make([]float64, len(d))
				for i, s := range d {
					t := secTime(s, loc)
					r[i] = float64(time.Date(t.Year(), t.Month(), t.Day(), 0, 0, 0, 0, time.UTC).Unix() / 86400)
				}
				return dateValue(r), nil
			}
			switch v := x.(type) {
			case *eval.Character:
				layouts := dateLayouts
				if a[1] != nil {
					f, err := argStr(c, a[1], "format")
					if err != nil {
						return nil, err
					}
					layouts = []string{goLayout(f)}
				}
				r := make([]float64, len(v.V))
				for i, s := range v.V {
					r[i] = eval.NAReal
					if eval.IsNAString(s) {
						continue
					}
					ok := false
					for _, l := range layouts {
						if t, err := time.Parse(l, strings.TrimSpace(s)); err == nil {
							r[i] = float64(t.Unix() / 86400)
							ok = true
							break
						}
					}
					if !ok && a[1] == nil && i == 0 {
						return nil, c.Errorf("character string is not in a standard unambiguous format")
					}
				}
				return dateValue(r), nil
			case *eval.Double, *eval.Integer:
				d, _ := coDoubles(v, nil)
				origin := 0.0
				if a[4] != nil {
					o, err := c.In.CallFunction("as.Date", []eval.Arg{{Value: a[4]}}, c.Env)
					if err != nil {
						return nil, err
					}
					od, _ := coDoubles(o, nil)
					if len(od) > 0 {
						origin = od[0]
					}
				}
				r := make([]float64, len(d))
				for i, x := range d {
					r[i] = x + origin
				}
				return dateValue(r), nil
			}
			return nil, c.Errorf("do not know how to convert 'x' to class “Date”")
		}},
		&eval.Builtin{Name: "as.POSIXct", Generic: true, Formals: []string{"x", `tz = ""`, "format", "origin", "..."}, Fn: func(c *eval.Frame, a []eval.Value) (eval.Value, error) {
			tz, err := argStr(c, a[1], "tz")
			if err != nil {
				return nil, err
			}
			x := a[0]
			if hasClass(x, "POSIXct") {
				return x, nil
			}
			loc := tzLocation(tz)
			if hasClass(x, "Date") {
				d, _ := coDoubles(x, nil)
				r := make([]float64, len(d))
				for i, v := range d {
					r[i] = v * 86400
				}
				return posixValue(r, "UTC"), nil
			}
			switch v := x.(type) {
			case *eval.Character:
				layouts := timeLayouts
				if a[2] != nil {
					f, err := argStr(c, a[2], "format")
					if err != nil {
						return nil, err
					}
					layouts = []string{goLayout(f)}
				}
				r := make([]float64, len(v.V))
				for i, s := range v.V {
					r[i] = eval.NAReal
					for _, l := range layouts {
						if t, err := time.ParseInLocation(l, strings.TrimSpace(s), loc); err == nil {
							r[i] = float64(t.UnixNano()) / 1e9
							break
						}
					}
				}
				return posixValue(r, tz), nil
			case *eval.Double, *eval.Integer:
				d, _ := coDoubles(v, nil)
				return posixValue(append([]float64(nil), d...), tz), nil
			}
			return nil, c.Errorf("do not know how to convert 'x' to class “POSIXct”")
		}},
		&eval.Builtin{Name: "format.Date", Formals: []string{"x", `format = "%Y-%m-%d"`, "..."}, Fn: func(c *eval.Frame, a []eval.Value) (eval.Value, error) {
			f, err := argStr(c, a[1], "format")
			if err != nil {
				return nil, err
			}
			return withNames(eval.NewStr(formatDates(a[0], f)), a[0]), nil
		}},
		&eval.Builtin{Name: "as.character.Date", Formals: []string{"x", "..."}, Fn: func(c *eval.Frame, a []eval.Value) (eval.Value, error) {
			return eval.NewStr(formatDates(a[0], "%Y-%m-%d")), nil
		}},
		&eval.Builtin{Name: "print.Date", Invisible: true, Formals: []string{"x", "..."}, Fn: func(c *eval.Frame, a []eval.Value) (eval.Value, error) {
			s := formatDates(a[0], "%Y-%m-%d")
			if len(s) == 0 {
				_, err := io.WriteString(c.In.Stdout, "Date of length 0\n")
				return a[0], err
			}
			return a[0], printStrings(c, s, eval.Names(a[0]), true)
		}},
		&eval.Builtin{Name: "format.POSIXct", Formals: []string{"x", `format = ""`, `tz = ""`, "usetz = FALSE", "..."}, Fn: func(c *eval.Frame, a []eval.Value) (eval.Value, error) {
			f, err := argStr(c, a[1], "format")
			if err != nil {
				return nil, err
			}
			usetz, _ := argBool(c, a[3], "usetz")
			return withNames(eval.NewStr(formatPosix(a[0], f, usetz)), a[0]), nil
		}},
		&eval.Builtin{Name: "print.POSIXct", Invisible: true, Formals: []string{"x", "..."}, Fn: func(c *eval.Frame, a []eval.Value) (eval.Value, error) {
			return a[0], printStrings(c, formatPosix(a[0], "", true), eval.Names(a[0]), true)
		}},
		&eval.Builtin{Name: "weekdays", Formals: []string{"x", "abbreviate = FALSE"}, Fn: func(c *eval.Frame, a []eval.Value) (eval.Value, error) {
			ab, _ := argBool(c, a[1], "abbreviate")
			f := "%A"
			if ab {
				f = "%a"
			}
			if hasClass(a[0], "POSIXct") {
				return eval.NewStr(formatPosix(a[0], f, false)), nil
			}
			return eval.NewStr(formatDates(a[0], f)), nil
		}},
		&eval.Builtin{Name: "months", Formals: []string{"x", "abbreviate = FALSE"}, Fn: func(c *eval.Frame, a []eval.Value) (eval.Value, error) {
			ab, _ := argBool(c, a[1], "abbreviate")
			f := "%B"
			if ab {
				f = "%b"
			}
			if hasClass(a[0], "POSIXct") {
				return eval.NewStr(formatPosix(a[0], f, false)), nil
			}
			return eval.NewStr(formatDates(a[0], f)), nil
		}},
		&eval.Builtin{Name: "difftime", Formals: []string{"time1", "time2", `tz`, `units = "auto"`}, Fn: func(c *eval.Frame, a []eval.Value) (eval.Value, error) {
			u, err := argStr(c, a[3], "units")
			if err != nil {
				return nil, err
			}
			return difftime(c, a[0], a[1], u)
		}},
		&eval.Builtin{Name: "-.POSIXt", Formals: []string{"e1", "e2"}, Fn: func(c *eval.Frame, a []eval.Value) (eval.Value, error) {
			if a[1] == nil {
				return nil, c.Errorf("unary '-' is not defined for \"POSIXt\" objects")
			}
			if hasClass(a[1], "POSIXt") {
				return difftime(c, a[0], a[1], "auto")
			}
			d := toSeconds(a[0])
			e, _ := coDoubles(a[1], nil)
			if hasClass(a[1], "difftime") {
				_, div := diffUnits(nil, attrString(a[1], "units"))
				for i := range e {
					e[i] *= div
				}
			}
			return posixValue(subRecycle(d, e), tzOf(a[0])), nil
		}},
		&eval.Builtin{Name: "-.Date", Formals: []string{"e1", "e2"}, Fn: func(c *eval.Frame, a []eval.Value) (eval.Value, error) {
			if a[1] == nil {
				return nil, c.Errorf("unary - is not defined for \"Date\" objects")
			}
			if hasClass(a[1], "Date") {
				return difftime(c, a[0], a[1], "days")
			}
			d, _ := coDoubles(a[0], nil)
			e, _ := coDoubles(a[1], nil)
			return dateValue(subRecycle(d, e)), nil
		}},
		&eval.Builtin{Name: "+.Date", Formals: []string{"e1", "e2"}, Fn: func(c *eval.Frame, a []eval.Value) (eval.Value, error) {
			if a[1] == nil {
				return a[0], nil
			}
			d, _ := coDoubles(a[0], nil)
			e, _ := coDoubles(a[1], nil)
			neg := make([]float64, len(e))
			for i, x := range e {
				neg[i] = -x
			}
			return dateValue(subRecycle(d, neg)), nil
		}},
		&eval.Builtin{Name: "format.difftime", Formals: []string{"x", "..."}, Fn: func(c *eval.Frame, a []eval.Value) (eval.Value, error) {
			d, _ := coDoubles(a[0], nil)
			u := attrString(a[0], "units")
			out := make([]string, len(d))
			for i, v := range d {
				out[i] = rfmt.FormatRealAlone(v, 7, 0) + " " + u
			}
			return eval.NewStr(out), nil
		}},
		&eval.Builtin{Name: "print.difftime", Invisible: true, Formals: []string{"x", "digits = getOption(\"digits\")", "..."}, Fn: func(c *eval.Frame, a []eval.Value) (eval.Value, error) {
			d, _ := coDoubles(a[0], nil)
			u := attrString(a[0], "units")
			digits := optInt(c.In, "digits")
			if len(d) == 1 {
				fa := rfmt.DefaultFormatArgs()
				fa.Digits = digits
				s := rfmt.Format(rfmt.Vec{Kind: rfmt.Double, D: d}, fa)
				_, err := fmt.Fprintf(c.In.Stdout, "Time difference of %s %s\n", s[0], u)
				return a[0], err
			}
			fmt.Fprintf(c.In.Stdout, "Time differences in %s\n", u)
			o := printOptions(c.In)
			_, err := io.WriteString(c.In.Stdout, rfmt.PrintVector(rfmt.Vec{Kind: rfmt.Double, D: d}, eval.Names(a[0]), o))
			return a[0], err
		}},
		&eval.Builtin{Name: "as.double.difftime", Formals: []string{"x", `units = "auto"`, "..."}, Fn: difftimeAsDouble},
		&eval.Builtin{Name: "as.numeric.difftime", Formals: []string{"x", `units = "auto"`, "..."}, Fn: difftimeAsDouble},
		&eval.Builtin{Name: "units", Formals: []string{"x"}, Fn: func(c *eval.Frame, a []eval.Value) (eval.Value, error) {
			return eval.NewStr1(attrString(a[0], "units")), nil
		}},
		&eval.Builtin{Name: "units<-", Formals: []string{"x", "value"}, Fn: func(c *eval.Frame, a []eval.Value) (eval.Value, error) {
			u, err := argStr(c, a[1], "value")
			if err != nil {
				return nil, err
			}
			if !hasClass(a[0], "difftime") {
				r := eval.Copy(a[0])
				hdr(r).SetAttr("units", eval.NewStr1(u))
				return r, nil
			}
			_, from := diffUnits(nil, attrString(a[0], "units"))
			_, to := diffUnits(nil, u)
			if to == 0 {
				return nil, c.Errorf("invalid units specified")
			}
			d, _ := coDoubles(a[0], nil)
			r := make([]float64, len(d))
			for i, f := range d {
				r[i] = f * from / to
			}
			out := makeDifftime(r, u)
			if nm := eval.Names(a[0]); nm != nil {
				out.SetAttr("names", eval.NewStr(nm))
			}
			return out, nil
		}},
		&eval.Builtin{Name: "as.difftime", Formals: []string{"tim", `format = "%X"`, `units = "auto"`, `tz = "UTC"`}, Fn: func(c *eval.Frame, a []eval.Value) (eval.Value, error) {
			u, err := argStr(c, a[2], "units")
			if err != nil {
				return nil, err
			}
			if !isNumeric(a[0]) {
				return nil, c.Errorf("as.difftime() takes numbers with explicit units")
			}
			if u == "auto" {
				return nil, c.Errorf("need explicit units for numeric conversion")
			}
			if _, div := diffUnits(nil, u); div == 0 {
				return nil, c.Errorf("invalid units specified")
			}
			d, _ := coDoubles(a[0], nil)
			return makeDifftime(append([]float64(nil), d...), u), nil
		}},
	)
}

func difftimeAsDouble(c *eval.Frame, a []eval.Value) (eval.Value, error) {
	u, err := argStr(c, a[1], "units")
	if err != nil {
		return nil, err
	}
	d, _ := coDoubles(a[0], nil)
	r := append([]float64(nil), d...)
	if u != "auto" {
		_, from := diffUnits(nil, attrString(a[0], "units"))
		_, to := diffUnits(nil, u)
		if to == 0 {
			return nil, c.Errorf("invalid units specified")
		}
		for i := range r {
			r[i] = r[i] * from / to
		}
	}
	return eval.NewDouble(r), nil
}

func attrString(v eval.Value, name string) string {
	if at, ok := v.(eval.Attributed); ok {
		if s, ok := at.Hdr().Attr(name).(*eval.Character); ok && len(s.V) > 0 {
			return s.V[0]
		}
	}
	return ""
}

func subRecycle(a, b []float64) []float64 {
	if len(a) == 0 || len(b) == 0 {
		return []float64{}
	}
	n := max(len(a), len(b))
	r := make([]float64, n)
	for i := range r {
		r[i] = a[i%len(a)] - b[i%len(b)]
	}
	return r
}

// classKeeping returns a method that runs the default `op` on the
// unclassed object and puts back the attributes that define the class
// (class, tzone, units), as R's [.Date, [.POSIXct and c.Date do.
func classKeeping(name, op string, keep ...string) *eval.Builtin {
	formals := []string{"x", "..."}
	return &eval.Builtin{Name: name, Formals: formals, Fn: func(c *eval.Frame, a []eval.Value) (eval.Value, error) {
		x := a[0]
		at, ok := x.(eval.Attributed)
		if !ok {
			return nil, c.Errorf("invalid object")
		}
		saved := map[string]eval.Value{}
		for _, k := range keep {
			if v := at.Hdr().Attr(k); v != nil {
				saved[k] = v
			}
		}
		plain := eval.Copy(x).(eval.Attributed)
		plain.Hdr().SetAttr("class", nil)
		args := []eval.Arg{{Value: plain}}
		dots := a[1].(*eval.List)
		names := eval.Names(dots)
		for i, v := range dots.V {
			ar := eval.Arg{Value: v}
			if names != nil {
				ar.Name = names[i]
			}
			if op == "c" {
				if va, ok := v.(eval.Attributed); ok && va.Hdr().Attr("class") != nil {
					cp := eval.Copy(v).(eval.Attributed)
					cp.Hdr().SetAttr("class", nil)
					ar.Value = cp
				}
			}
			args = append(args, ar)
		}
		r, err := c.In.CallFunction(op, args, c.Env)
		if err != nil {
			return nil, err
		}
		if ra, ok := r.(eval.Attributed); ok && isAtomic(r) {
			ra = eval.Copy(r).(eval.Attributed)
			for _, k := range keep {
				if v, ok := saved[k]; ok {
					ra.Hdr().SetAttr(k, v)
				}
			}
			return ra, nil
		}
		return r, nil
	}}
}

func init() {
	eval.RegisterAll(
		classKeeping("[.Date", "[", "class"),
		classKeeping("[[.Date", "[[", "class"),
		classKeeping("c.Date", "c", "class"),
		classKeeping("rev.Date", "rev", "class"),
		classKeeping("[.POSIXct", "[", "class", "tzone"),
		classKeeping("[[.POSIXct", "[[", "class", "tzone"),
		classKeeping("c.POSIXct", "c", "class", "tzone"),
		classKeeping("[.difftime", "[", "class", "units"),
	)
}
