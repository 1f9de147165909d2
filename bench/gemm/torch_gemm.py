"""Times torch.mm on the shapes of tensor/internal/gemm/cmd/gemmbench.

Usage: torch_gemm.py THREADS DTYPES REPS SAMPLE_SECONDS
Prints one line per measurement: "torch dtype shape threads GFLOP/s".
For THREADS=1 run it with OPENBLAS_NUM_THREADS=1 as well: torch's
set_num_threads does not limit OpenBLAS's own pool (see perf.md).
"""
import sys
import time

import torch

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


def measure(f, reps, target):
    f()
    inner = 1
    while True:
        t0 = time.perf_counter()
        for _ in range(inner):
            f()
        d = time.perf_counter() - t0
        if d >= target / 4:
            inner = max(1, int(inner * target / d))
            break
        inner *= 4
    ts = []
    for _ in range(reps):
        t0 = time.perf_counter()
        for _ in range(inner):
            f()
        ts.append((time.perf_counter() - t0) / inner)
    ts.sort()
    return ts[reps // 2]


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
                g = measure(lambda: torch.mm(a, b, out=c), reps, target)
            print(f"torch {dt} {name} {threads} {2 * m * n * k / g / 1e9:.2f}", flush=True)


main()
