// Package syntax provides the scanner, parser, abstract syntax tree and
// deparser for the R language as torchr runs it.
//
// # Parsing
//
// ParseFile parses a script into top-level expressions (TopExpr), each with
// its byte span, text and line, so that a REPL, a notebook kernel or
// source() can evaluate one expression at a time. ParseExpr parses exactly
// one expression. The grammar is R's, taken from the R Language Definition
// and ?Syntax: literals (doubles, 1L integers, hex, 1i imaginary, strings
// with R's escapes, raw strings r"(...)"), the reserved constants, symbols
// and backtick names, `...` and `..1`, every operator with R's precedence
// and associativity (comparisons are non-associative; -2^2 is -(2^2);
// -1:3 is (-1):3; !x == y is !(x == y); = is lowest but for ?), calls
// with named and empty arguments, [ and [[, $ and @, :: and :::,
// function and \(x) lambdas, if/else, for, while, repeat, break, next,
// braces and parentheses. The native pipe x |> f(y) is rewritten at parse
// time to the call f(x, y) (f(y = x) with the _ placeholder), with R's
// errors for other right-hand sides; x -> y is stored as y <- x with
// Assign.Right set; x ** y is x ^ y.
//
// Newlines follow R: a newline ends an expression when it is complete;
// inside ( and [ newlines are ignored; inside { they separate statements
// and "else" may begin a following line; after an operator or keyword that
// needs more input they are skipped.
//
// # Errors
//
// When input ends inside an unfinished expression, string or bracket, the
// error satisfies errors.Is(err, ErrIncomplete) (the REPL's "+" prompt).
// Other syntax errors are *Error values with R's wording ("unexpected
// symbol", "unexpected 'else'", "unexpected end of input", ...) and R's
// position (line, column of the offending token; columns count runes and
// tabs advance to the next multiple of 8, as R counts). Error.ScriptMessage
// gives what R prints after "Error: " when running a script
// (unexpected symbol in "x y"), Error.ParseMessage what parse(text=)
// reports (<text>:1:3: unexpected symbol, the source lines and a caret).
// On an error, ParseFile still returns the expressions before it, so a
// script can run up to the error as Rscript does. Parse-time warnings
// (1.5L) are in File.Warnings.
//
// # Deparsing
//
// Deparse and DeparseLines render an expression as R's deparse() does:
// spacing (x + y, x/y, x^y, a %in% b, a%%b), parentheses where the tree
// needs them, R's line breaking at width.cutoff (60) with its indentation,
// braces on separate lines, if/else layout inside braces, strings
// re-quoted and escaped, numbers with 15 significant digits (1e+05,
// 123456, 1e-04, 0.001), calls to operators by name in operator form.
// FormatNum, Quote, QuoteName and IsSyntacticName are the building blocks.
//
// # Testing
//
// testdata/cases.txt holds some 650 cases; testdata/golden.txt has GNU R's
// answers for each (tree, deparse, warnings, both error message forms),
// written by testdata/gen_golden.R. TestGoldenLive regenerates them with
// Rscript when it is installed, and TestRCorpusLive compares the trees and
// deparse output of all the R code shipped with R (about 9600 top-level
// expressions) against R. FuzzParse checks that no input panics and that
// every parse survives a deparse/parse round trip.
//
// Known differences from R: the caret line of parse(text=) messages after
// a token spanning lines, or at the end of multi-line input, is placed
// where the column says rather than where R puts it. For lines longer than
// about 190 bytes R cuts the quoted context (it keeps the last 256 bytes
// read in a ring buffer); we show the full text. Like R we refuse more than
// 50 nested brackets ("contextstack overflow"); deeper non-bracket nesting
// (20000 levels) is an error here.
package syntax
