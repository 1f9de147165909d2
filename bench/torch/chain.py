#!/usr/bin/python3
"""PyTorch eager reference for chain.tr: y = torch.relu(x * 2 + 1) on 1e6
float32 elements, y held until the next iteration replaces it, one
thread; µs per iteration, median of 7 samples."""
import statistics
import time

import torch

torch.set_num_threads(1)
torch.manual_seed(0)
x = torch.randn(1000000)
n = 200
traced = torch.jit.trace(lambda x: torch.relu(x * 2 + 1), x)
cases = [
    ("torch_relu(x * 2 + 1)", lambda: torch.relu(x * 2 + 1)),
    ("traced torch_relu(x * 2 + 1)", lambda: traced(x)),
    ("x * 2 + 1", lambda: x * 2 + 1),
    ("x + x", lambda: x + x),
]
with torch.no_grad():
    for name, f in cases:
        def run():
            for _ in range(n):
                y = f()  # noqa: F841 (held until the next iteration)
        run()
        s = []
        for _ in range(7):
            t0 = time.perf_counter()
            run()
            s.append((time.perf_counter() - t0) / n * 1e6)
        print(f"{name}: {statistics.median(s):.0f} us/iter")
