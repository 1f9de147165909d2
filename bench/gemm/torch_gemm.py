"""Times torch.mm on the shapes of tensor/internal/gemm/cmd/gemmbench.

Usage: torch_gemm.py THREADS DTYPES REPS SAMPLE_SECONDS
Prints one line per measurement: "torch dtype shape threads GFLOP/s CPU-GFLOP/s"
(the second by process CPU time, all threads).
For THREADS=1 run it with OPENBLAS_NUM_THREADS=1 as well: torch's
set_num_threads does not limit OpenBLAS's own pool (see perf.md).
"""
import os
import sys

import torch

sys.dont_write_bytecode = True
sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "internal", "harness"))
from harness import measure  # noqa: E402

SHAPES = [  # name, m, n, k, transB  (keep in sync with gemmbench)
    ("sq128", 128, 128, 128, False),
    ("sq256", 256, 256, 256, False),
    ("sq512", 512, 512, 512, False),
    ("sq1024", 1024, 1024, 1024, False),
    ("x1·W(784x256)", 1, 256, 784, False),
    ("x1·Wt(256x784)", 1, 256, 784, True),
    ("x64·W(784x256)", 64, 256, 784, False),
    ("x64·Wt(256x784)", 64, 256, 784, True),
    ("A(1024x1024)·x", 1024, 1, 1024, False),
]


def main():
    threads = int(sys.argv[1])
    dtypes = sys.argv[2].split(",")
    reps = int(sys.argv[3])
    target = float(sys.argv[4])
    torch.set_num_threads(threads)
    for dt in dtypes:
        dtype = getattr(torch, dt)
        for name, m, n, k, tb in SHAPES:
            a = torch.randn(m, k, dtype=dtype)
            b = torch.randn(n, k, dtype=dtype).t() if tb else torch.randn(k, n, dtype=dtype)
            c = torch.empty(m, n, dtype=dtype)
            with torch.no_grad():
                g, cpu = (t / 1e6 for t in measure(lambda: torch.mm(a, b, out=c), reps, target))  # seconds
            print(f"torch {dt} {name} {threads} {2 * m * n * k / g / 1e9:.2f} {2 * m * n * k / cpu / 1e9:.2f}", flush=True)


main()
