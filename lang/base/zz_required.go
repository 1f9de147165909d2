package base

// R reports a missing argument without a default when the function first
// needs it: 'argument "x" is missing, with no default'. The builtins below
// need all their formals without defaults, so they check them up front
// (this file's init runs after the files that register them).

import (
	"strings"

	"torchr/lang/eval"
)

// requiredChecked lists builtins of this package whose formals without a
// default are all required; name/arg entries in optionalArgs are exempt.
var requiredChecked = []string{
	"nchar", "nzchar", "substr", "substring", "strsplit", "toupper", "tolower", "casefold",
	"trimws", "startsWith", "endsWith", "toString", "chartr", "strtoi", "strrep",
	"utf8ToInt", "intToUtf8", "sQuote", "dQuote", "shQuote", "noquote", "encodeString",
	"grepl", "grep", "sub", "gsub", "regexpr", "gregexpr", "regmatches",
	"sprintf", "format", "formatC", "prettyNum",
	"Reduce", "Filter", "Position", "Find", "str",
	"match.fun", "Vectorize", "Negate", "identical", "all.equal",
	"is.vector", "is.element", "is.na", "anyNA", "is.nan", "is.finite", "is.infinite",
	"as.vector", "as.list", "mode", "storage.mode", "oldClass", "unclass", "inherits",
	"attr", "attributes", "set.seed", "runif", "rnorm", "rexp", "rbinom", "rpois",
	"writeLines", "readline", "source", "Sys.sleep", "Sys.unsetenv", "getOption",
	"factor", "levels", "nlevels", "table", "split", "tapply", "summary", "quantile",
	"as.Date", "as.POSIXct", "weekdays", "months", "difftime", "dir.create", "file.copy",
	"file.rename", "basename", "dirname",
}

var optionalArgs = map[string]bool{
	"factor/x": true, "factor/levels": true, "factor/labels": true,
	"Reduce/init": true, "as.Date/format": true, "as.Date/origin": true,
	"as.POSIXct/format": true, "as.POSIXct/origin": true, "difftime/tz": true,
	"sample/size": true, "structure/.Data": true, "regmatches/m": false,
}

func init() {
	for _, name := range requiredChecked {
		b := eval.LookupBuiltin(name)
		if b == nil || b.Special {
			continue
		}
		var req []int
		var names []string
		for i, f := range b.Formals {
			f = strings.TrimSpace(f)
			if f == "..." || strings.Contains(f, "=") || optionalArgs[name+"/"+f] {
				continue
			}
			req = append(req, i)
			names = append(names, f)
		}
		if len(req) == 0 {
			continue
		}
		fn := b.Fn
		b.Fn = func(c *eval.Frame, a []eval.Value) (eval.Value, error) {
			for k, i := range req {
				if i < len(a) && a[i] == nil {
					return nil, c.Errorf("argument \"%s\" is missing, with no default", names[k])
				}
			}
			return fn(c, a)
		}
	}
}
