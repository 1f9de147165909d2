#!/bin/sh
# Times torchr's GEMM and PyTorch's torch.mm on the same shapes, on 1 and 2
# threads, and prints tables of GFLOP/s (median of REPS samples) and the
# ratio torchr/PyTorch, by CPU time (read this one on a shared machine) and
# by wall time.  Run from anywhere:  bench/gemm/run.sh
# Environment: REPS (default 7), SAMPLE (seconds per sample, default 0.1),
# DTYPES (default float32,float64), ROUNDS (default 3).
# Each round runs torch then torchr, for 1 then 2 threads; a cell is the
# median over rounds of the per-round medians, and the ratio column also
# gives the range of the per-round ratios (the machine is shared, and other
# jobs starting mid-run mostly hit the 2-thread figures).
set -eu
cd "$(dirname "$0")/../.."
export PATH="$PATH:/usr/local/go/bin"
REPS=${REPS:-7}
SAMPLE=${SAMPLE:-0.1}
DTYPES=${DTYPES:-float32,float64}
ROUNDS=${ROUNDS:-3}
# Debian's python3-torch calls sgemm_ in libblas.so.3. Installed without
# recommends, that is the reference BLAS (~8 GFLOP/s), not OpenBLAS as in
# docs/perf.md; then fetch Debian's OpenBLAS with apt-get download into a
# cache and put it first on LD_LIBRARY_PATH for the torch runs only (the
# system's BLAS alternative is left alone).
if [ -z "${OPENBLAS_DIR:-}" ]; then
	case "$(readlink -f /usr/lib/x86_64-linux-gnu/libblas.so.3)" in
	*openblas*) ;;
	*)
		OPENBLAS_DIR=${XDG_CACHE_HOME:-$HOME/.cache}/torchr/openblas
		if [ ! -e "$OPENBLAS_DIR/usr/lib/x86_64-linux-gnu/openblas-pthread/libblas.so.3" ]; then
			mkdir -p "$OPENBLAS_DIR"
			(cd "$OPENBLAS_DIR" && apt-get download libopenblas0-pthread >/dev/null 2>&1 &&
				dpkg -x libopenblas0-pthread_*.deb .)
		fi
		;;
	esac
fi
if [ -n "${OPENBLAS_DIR:-}" ]; then
	export LD_LIBRARY_PATH="$OPENBLAS_DIR/usr/lib/x86_64-linux-gnu/openblas-pthread${LD_LIBRARY_PATH:+:$LD_LIBRARY_PATH}"
fi
echo "torch BLAS: $(OPENBLAS_VERBOSE=2 /usr/bin/python3 -c 'import torch; torch.mm(torch.ones(64,64),torch.ones(64,64))' 2>&1 | head -1)" >&2
out=$(mktemp)
trap 'rm -f "$out"' EXIT
go build -o "$out.bin" ./tensor/internal/gemm/cmd/gemmbench
trap 'rm -f "$out" "$out.bin"' EXIT
# The machine is shared: before each run wait (up to 60 s) until it is
# idle, i.e. under 10 % busy over one second, and say if it never was.
waitidle() {
	i=0
	while [ $i -lt 60 ]; do
		busy=$(awk '/^cpu /{print $2+$3+$4+$7+$8, $5+$6}' /proc/stat)
		sleep 1
		busy2=$(awk '/^cpu /{print $2+$3+$4+$7+$8, $5+$6}' /proc/stat)
		if echo "$busy $busy2" | awk '{b=$3-$1; t=b+$4-$2; exit !(t > 0 && b/t < 0.10)}'; then
			return
		fi
		i=$((i + 1))
	done
	echo "warning: machine still busy after 60 s; figures may be low" >&2
}
# Interleave per thread count so slow drift of the shared machine hits both.
r=0
while [ $r -lt "$ROUNDS" ]; do
r=$((r + 1))
for t in 1 2; do
	waitidle
	if [ "$t" = 1 ]; then
		OPENBLAS_NUM_THREADS=1 /usr/bin/python3 bench/gemm/torch_gemm.py 1 "$DTYPES" "$REPS" "$SAMPLE" | sed "s/^/$r /" >>"$out"
	else
		/usr/bin/python3 bench/gemm/torch_gemm.py 2 "$DTYPES" "$REPS" "$SAMPLE" | sed "s/^/$r /" >>"$out"
	fi
	waitidle
	"$out.bin" -threads "$t" -dtypes "$DTYPES" -reps "$REPS" -sample "${SAMPLE}s" | sed "s/^/$r /" >>"$out"
done
done
/usr/bin/python3 - "$out" <<'PY'
import statistics
import sys
rows = {}
order = []
for line in open(sys.argv[1]):
    rnd, who, dt, shape, t, g, c = line.split()
    key = (dt, shape)
    if key not in rows:
        rows[key] = {}
        order.append(key)
    rows[key].setdefault((who, t), {})[rnd] = (float(g), float(c))
for col, label in ((1, "CPU time (2T: GFLOP per CPU-second of all threads, i.e. efficiency, not speed)"), (0, "wall time")):
    print(f"GFLOP/s by {label}:")
    print()
    print("| dtype | shape (m×k · k×n) | torchr 1T | torch 1T | ratio 1T (range) | torchr 2T | torch 2T | ratio 2T (range) |")
    print("|---|---|---|---|---|---|---|---|")
    for key in order:
        r = rows[key]
        cells = []
        for t in ("1", "2"):
            g = {k: v[col] for k, v in r[("go", t)].items()}
            p = {k: v[col] for k, v in r[("torch", t)].items()}
            gm, pm = statistics.median(g.values()), statistics.median(p.values())
            ratios = [g[k] / p[k] for k in g if k in p]
            cells += [f"{gm:.1f}", f"{pm:.1f}", f"{gm / pm:.2f} ({min(ratios):.2f}–{max(ratios):.2f})"]
        print(f"| {key[0]} | {key[1]} | " + " | ".join(cells) + " |")
    print()
PY
