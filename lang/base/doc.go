// Package base is torchr's base R library: the builtins registered into
// the evaluator's table (strings, regular expressions, the apply family,
// types and coercion, I/O, system functions, random numbers, operators,
// indexing, vectors, math and matrices). Importing it (lang does) is what
// makes them available; every function aims at GNU R's exact behaviour, and
// lang/testdata holds the R-oracle cases that check it.
package base
