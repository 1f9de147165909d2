#!/bin/sh
# Regenerates the golden .out files of the R corpus from GNU R (Rscript).
#   lang/testdata/gen.sh                    # every lang/testdata/*.R
#   lang/testdata/gen.sh lang/testdata/strings.R ...
# Run from anywhere; paths are relative to the repository root.
set -e
cd "$(dirname "$0")/../.."
exec go run ./lang/internal/rcase/rgen "$@"
