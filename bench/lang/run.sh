#!/usr/bin/env bash
# Times torchr and GNU R (Rscript) on the same R programs in one run and prints the ratios.
# Each program times its own work with system.time() (in-process, start-up excluded); start-up
# itself is measured separately as the wall time of `-e 1`. Runs alternate between the two
# interpreters; each figure is the median of $REPS runs.
# Usage: bench/lang/run.sh            (REPS=7 by default)
set -euo pipefail
cd "$(dirname "$0")"
export PATH=/usr/local/go/bin:$PATH
REPS=${REPS:-7}
bin=$(mktemp -d)/torchr
(cd ../.. && go build -o "$bin" ./cmd/torchr)
command -v Rscript >/dev/null || { echo "Rscript not found (apt-get install r-base-core)" >&2; exit 1; }

median() { sort -g | awk '{a[NR]=$1} END {m=(NR%2)?a[(NR+1)/2]:(a[NR/2]+a[NR/2+1])/2; printf "%.4f", m}'; }
wall() { local s e; s=$(date +%s.%N); "$@" >/dev/null; e=$(date +%s.%N); echo "$e - $s" | bc -l; }

printf '%-22s %12s %12s %8s\n' program torchr_s Rscript_s ratio
for p in fib loop sapply paste0; do
  t=(); r=()
  for _ in $(seq "$REPS"); do
    t+=("$("$bin" "$p.R")"); r+=("$(Rscript "$p.R")")
  done
  mt=$(printf '%s\n' "${t[@]}" | median); mr=$(printf '%s\n' "${r[@]}" | median)
  printf '%-22s %12s %12s %8.2f\n' "$p" "$mt" "$mr" "$(echo "$mt / $mr" | bc -l)"
done
t=(); r=()
for _ in $(seq "$REPS"); do t+=("$(wall "$bin" -e 1)"); r+=("$(wall Rscript -e 1)"); done
mt=$(printf '%s\n' "${t[@]}" | median); mr=$(printf '%s\n' "${r[@]}" | median)
printf '%-22s %12s %12s %8.2f\n' "start-up (-e 1, wall)" "$mt" "$mr" "$(echo "$mt / $mr" | bc -l)"
