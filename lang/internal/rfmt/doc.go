// Package rfmt reproduces GNU R's formatting and printing rules exactly.
//
// It works on Go slices and strings and knows nothing of interpreter
// values. Conventions shared with the evaluator:
//   - doubles: []float64; R's NA_real_ is the NaN with low word 1954
//     (NAReal, IsNA); any other NaN prints as NaN;
//   - integers and logicals: []int, NA is NAInt (math.MinInt32, R's
//     NA_INTEGER); TRUE/FALSE are 1/0;
//   - strings: []string with an optional parallel []bool marking NA;
//   - a Vec bundles one of these with its Kind; names are []string (pass
//     "<NA>" for an NA name, as R prints it).
//
// What to call for what (each function's comment names the R code it
// reproduces):
//
//	print(x) of an atomic vector        PrintVector(v, names, opts)
//	print(<matrix>) / print(<array>)    PrintMatrix, PrintArray (dimnames: *Dimnames)
//	print(<factor>)                     PrintFactor
//	print(<data.frame>)                 PrintDataFrame
//	empty vector text                   EmptyVector ("numeric(0)", "named list" is the caller's)
//	as.character(<double>), paste, deparse of a number
//	                                    AsCharacterReal (15 significant digits, R 4.2)
//	cat(<double>)                       FormatRealAlone(x, digits, scipen)
//	format(x, ...)                      Format(v, FormatArgs)
//	formatC(x, ...)                     FormatC(v, FormatCArgs)
//	prettyNum(x, big.mark=)             PrettyNumVec (one string: PrettyNum)
//	sprintf(fmt, ...)                   Sprintf, SprintfVec; one C conversion: ParseSpec + Spec.Format*
//	round(x, d), signif(x, d)           Round, Signif
//	nchar(x, "width")                   DisplayWidth
//	str(<atomic vector>)                StrAtomic
//	deparse(<atomic vector>), dput      DeparseAtomic; names needing quotes: IsValidName
//	the building blocks                 FormatReal/EncodeReal, FormatInteger/EncodeInteger,
//	                                    FormatLogical/EncodeLogical, FormatString/EncodeString,
//	                                    IndexWidth
//
// Options carries R's print options (digits, scipen, width, quote, right,
// na.print, max.print); DefaultOptions gives R's defaults.
//
// The oracle is GNU R 4.2 (what Rscript on the build machines runs):
// testdata/gen.R produces testdata/cases.json (inputs as exact hex floats
// plus R's output), TestGolden compares against it and TestLiveR re-runs the
// generator with Rscript when it is installed.
package rfmt
