#!/usr/bin/env python3
"""Times PyTorch eager ops on 1e6 float32 elements; prints JSON {op: µs}.

Usage: /usr/bin/python3 bench_torch.py [threads]
"""
import json
import sys
import time

import torch

if len(sys.argv) > 1:
    torch.set_num_threads(int(sys.argv[1]))
torch.manual_seed(0)
n = 1_000_000
x = torch.randn(n)
y = torch.randn(n)
ops = {
    "add": lambda: torch.add(x, y),
    "mul": lambda: torch.mul(x, y),
    "mul_scalar": lambda: torch.mul(x, 2.0),
    "div": lambda: torch.div(x, y),
    "neg": lambda: torch.neg(x),
    "relu": lambda: torch.relu(x),
    "exp": lambda: torch.exp(x),
    "sigmoid": lambda: torch.sigmoid(x),
    "tanh": lambda: torch.tanh(x),
    "sum": lambda: torch.sum(x),
    "mean": lambda: torch.mean(x),
}


def timeit(f, samples=7, target=0.05):
    f()
    reps = 1
    while True:
        t = time.perf_counter()
        for _ in range(reps):
            f()
        d = time.perf_counter() - t
        if d > target:
            break
        reps *= 2
    res = []
    for _ in range(samples):
        t = time.perf_counter()
        for _ in range(reps):
            f()
        res.append((time.perf_counter() - t) / reps)
    res.sort()
    return res[len(res) // 2] * 1e6


with torch.no_grad():
    out = {k: timeit(f) for k, f in ops.items()}
json.dump({"threads": torch.get_num_threads(), "us": out}, sys.stdout)
