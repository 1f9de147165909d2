#!/usr/bin/python3
"""PyTorch eager reference for lang/torch's BenchmarkAddScalarTensors and
BenchmarkMethodAdd: z = x + y and z = x.add(y) on 1-element float32 tensors,
loop included. Prints ns per op."""
import time

import torch

torch.set_num_threads(1)
x = torch.tensor([1.0])
y = torch.tensor([2.0])
n = 500000
for name, f in [("x + y", lambda: x + y), ("x.add(y)", lambda: x.add(y))]:
    best = float("inf")
    for _ in range(3):
        t0 = time.perf_counter()
        for _ in range(n):
            z = f()
        best = min(best, (time.perf_counter() - t0) / n * 1e9)
    print(f"{name}: {best:.0f} ns/op")
