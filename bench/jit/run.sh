#!/bin/sh
# Times traced/compiled torchr (bench/jit/main.go) against PyTorch 1.13
# (bench/jit/torch_jit.py: eager, torch.jit.trace, optimize_for_inference),
# one thread each, no grad, and prints a table of medians (µs per call)
# with ratios. Run from anywhere:  bench/jit/run.sh
# Environment: REPS (default 7), SAMPLE (seconds per sample, default 0.1).
set -eu
cd "$(dirname "$0")/../.."
export PATH="$PATH:/usr/local/go/bin"
REPS=${REPS:-7}
SAMPLE=${SAMPLE:-0.1}
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
go build -o "$out.bin" ./bench/jit
trap 'rm -f "$out" "$out.bin"' EXIT
echo "load average at start: $(cut -d' ' -f1-3 /proc/loadavg)" >&2
OPENBLAS_NUM_THREADS=1 OMP_NUM_THREADS=1 /usr/bin/python3 bench/jit/torch_jit.py "$REPS" "$SAMPLE" >>"$out"
GOMAXPROCS=1 "$out.bin" -reps "$REPS" -sample "${SAMPLE}s" >>"$out"
echo "load average at end: $(cut -d' ' -f1-3 /proc/loadavg)" >&2
/usr/bin/python3 - "$out" <<'PY'
import sys
r, order = {}, []
for line in open(sys.argv[1]):
    who, name, variant, us, cpu = line.split()
    if name not in r:
        r[name] = {}
        order.append(name)
    r[name][(who, variant)] = (float(us), float(cpu))
for k, label in ((1, "CPU"), (0, "wall")):
    print(f"{label} time, µs per call (median):")
    print()
    print("| model | torch eager | torch trace | torch optimize_for_inference | torchr eager (Go) | torchr interpreted | torchr compiled | compiled / torch best | compiled / torch eager | compiled, output released | released / torch eager |")
    print("|---|---|---|---|---|---|---|---|---|---|---|")
    for name in order:
        m = r[name]
        if name == "trace_mlp":
            continue
        tv = [m.get(("torch", v), (0, 0))[k] for v in ("eager", "trace", "optimize_for_inference")]
        gv = [m.get(("go", v), (0, 0))[k] for v in ("eager", "interpreted", "compiled")]
        best = min(v for v in tv if v)
        cells = [f"{v:.2f}" if v else "" for v in tv + gv]
        rel = m.get(("go", "compiled_released"), (0, 0))[k]
        print(f"| {name} | " + " | ".join(cells) + f" | {gv[2] / best:.3f} | {gv[2] / tv[0]:.3f} | {rel:.2f} | {rel / tv[0]:.3f} |")
    print()
m = r.get("trace_mlp", {})
print("Tracing the MLP (CPU µs): " + ", ".join(f"{w} {v}: {t[1]:.0f}" for (w, v), t in m.items()))
if "relu(x*2+1)_1e6" in r:
    m = r["relu(x*2+1)_1e6"]
    print("relu(x*2+1), CPU ns/element: torch eager %.3f, torchr compiled %.3f, compiled with the output released %.3f" % (m[("torch", "eager")][1] / 1e3, m[("go", "compiled")][1] / 1e3, m[("go", "compiled_released")][1] / 1e3))
PY
