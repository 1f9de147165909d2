#!/bin/sh
# Times one training step of a 784-256-256-10 MLP on a batch of 64 (forward,
# cross-entropy, backward, Adam step): torchr running bench/mlp/step.tr
# through its interpreter (bench/mlp/main.go) against PyTorch 1.13 eager
# (bench/mlp/torch_mlp.py), on 1 and 2 threads, and prints a table of medians
# (µs per step) and ratios torchr/PyTorch: process CPU time (what a loaded,
# shared machine disturbs least) and wall-clock time.
# Run from anywhere:  bench/mlp/run.sh      (ROUNDS, default 3)
# Like bench/gemm/run.sh, PyTorch runs with Debian's OpenBLAS on
# LD_LIBRARY_PATH when the system BLAS is the reference one.
set -eu
cd "$(dirname "$0")/../.."
export PATH="$PATH:/usr/local/go/bin"
ROUNDS=${ROUNDS:-3}
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
TORCH_LD=${LD_LIBRARY_PATH:-}
if [ -n "${OPENBLAS_DIR:-}" ]; then
	TORCH_LD="$OPENBLAS_DIR/usr/lib/x86_64-linux-gnu/openblas-pthread${TORCH_LD:+:$TORCH_LD}"
fi
out=$(mktemp)
go build -o "$out.bin" ./bench/mlp
trap 'rm -f "$out" "$out.bin"' EXIT
echo "load average at start: $(cut -d' ' -f1-3 /proc/loadavg)" >&2
r=0
while [ $r -lt "$ROUNDS" ]; do
	r=$((r + 1))
	for t in 1 2; do
		if [ "$t" = 1 ]; then
			LD_LIBRARY_PATH="$TORCH_LD" OPENBLAS_NUM_THREADS=1 OMP_NUM_THREADS=1 /usr/bin/python3 bench/mlp/torch_mlp.py 1 | sed "s/^/$r /" >>"$out"
		else
			LD_LIBRARY_PATH="$TORCH_LD" /usr/bin/python3 bench/mlp/torch_mlp.py 2 | sed "s/^/$r /" >>"$out"
		fi
		GOMAXPROCS=$t "$out.bin" -threads "$t" | sed "s/^/$r /" >>"$out"
	done
done
echo "load average at end: $(cut -d' ' -f1-3 /proc/loadavg)" >&2
/usr/bin/python3 - "$out" <<'PY'
import statistics
import sys
cells = {}
for line in open(sys.argv[1]):
    rnd, who, t, wall, cpu = line.split()
    cells.setdefault((who, t, "cpu"), {})[rnd] = float(cpu)
    cells.setdefault((who, t, "wall"), {})[rnd] = float(wall)
print("| threads | time | torchr µs | PyTorch µs | ratio torchr/PyTorch (range over rounds) |")
print("|---|---|---|---|---|")
for t in ("1", "2"):
    for kind in ("cpu", "wall"):
        g, p = cells.get(("torchr", t, kind), {}), cells.get(("torch", t, kind), {})
        if not g or not p:
            continue
        ratios = [g[r] / p[r] for r in g if r in p]
        print("| %s | %s | %.0f | %.0f | %.2f (%.2f–%.2f) |" % (t, "process CPU" if kind == "cpu" else "wall", statistics.median(g.values()),
              statistics.median(p.values()), statistics.median(ratios), min(ratios), max(ratios)))
PY
