#!/bin/sh
# Times torchr's nn kernels (bench/nn/main.go) and PyTorch 1.13
# (bench/nn/torch_nn.py) on the same shapes, on 1 and 2 threads, and prints
# a table of medians (µs per call) and ratios torchr/PyTorch: wall-clock
# time, and for 1 thread also process CPU time, which a loaded machine
# disturbs much less (both sides run one thread there).
# Run from anywhere:  bench/nn/run.sh
# Environment: REPS (default 7), SAMPLE (seconds per sample, default 0.1),
# ROUNDS (default 3), ONLY (comma-separated benchmark names).
# Each round runs torch then torchr, for 1 then 2 threads; a cell is the
# median over rounds of the per-round medians, and the ratio column gives
# the range of the per-round ratios (the machine is shared).
# 1 thread: GOMAXPROCS=1 and rt.SetThreads(1) against OPENBLAS_NUM_THREADS=1
# and torch.set_num_threads(1); 2 threads: GOMAXPROCS=2 against
# torch.set_num_threads(2). PyTorch's conv2d runs oneDNN (MKL-DNN) kernels.
set -eu
cd "$(dirname "$0")/../.."
export PATH="$PATH:/usr/local/go/bin"
REPS=${REPS:-7}
SAMPLE=${SAMPLE:-0.1}
ROUNDS=${ROUNDS:-3}
ONLY=${ONLY:-}
out=$(mktemp)
go build -o "$out.bin" ./bench/nn
trap 'rm -f "$out" "$out.bin"' EXIT
echo "load average at start: $(cut -d' ' -f1-3 /proc/loadavg)" >&2
r=0
while [ $r -lt "$ROUNDS" ]; do
	r=$((r + 1))
	for t in 1 2; do
		if [ "$t" = 1 ]; then
			OPENBLAS_NUM_THREADS=1 OMP_NUM_THREADS=1 /usr/bin/python3 bench/nn/torch_nn.py 1 "$REPS" "$SAMPLE" "$ONLY" | sed "s/^/$r /" >>"$out"
		else
			/usr/bin/python3 bench/nn/torch_nn.py 2 "$REPS" "$SAMPLE" "$ONLY" | sed "s/^/$r /" >>"$out"
		fi
		GOMAXPROCS=$t "$out.bin" -threads "$t" -reps "$REPS" -sample "${SAMPLE}s" -only "$ONLY" | sed "s/^/$r /" >>"$out"
	done
done
echo "load average at end: $(cut -d' ' -f1-3 /proc/loadavg)" >&2
/usr/bin/python3 - "$out" <<'PY'
import statistics
import sys
rows, order = {}, []
for line in open(sys.argv[1]):
    rnd, who, name, t, us, cpu = line.split()
    if name not in rows:
        rows[name] = {}
        order.append(name)
    rows[name].setdefault((who, t, "wall"), {})[rnd] = float(us)
    rows[name].setdefault((who, t, "cpu"), {})[rnd] = float(cpu)
print("| benchmark | torchr 1T CPU µs | torch 1T CPU µs | ratio 1T CPU (range) | torchr 1T wall µs | torch 1T wall µs | ratio 1T wall (range) | torchr 2T wall µs | torch 2T wall µs | ratio 2T wall (range) |")
print("|---|---|---|---|---|---|---|---|---|---|")
for name in order:
    r = rows[name]
    cells = []
    for t, kind in (("1", "cpu"), ("1", "wall"), ("2", "wall")):
        g, p = r.get(("go", t, kind), {}), r.get(("torch", t, kind), {})
        if not g or not p:
            cells += ["", "", ""]
            continue
        gm, pm = statistics.median(g.values()), statistics.median(p.values())
        ratios = [g[k] / p[k] for k in g if k in p]
        cells += [f"{gm:.0f}", f"{pm:.0f}", f"{gm / pm:.2f} ({min(ratios):.2f}–{max(ratios):.2f})"]
    print(f"| {name} | " + " | ".join(cells) + " |")
PY
