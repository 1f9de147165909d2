#!/usr/bin/env python3
"""Times PyTorch eager ops on 1e6 float32 elements; prints JSON with the
µs per op for a result dropped at once ("us") and for a result held until
the next call replaces it ("held", y = op(x) in a loop).

Usage: /usr/bin/python3 bench_torch.py [threads]
"""
import json
import os
import sys

import torch

sys.dont_write_bytecode = True
sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "internal", "harness"))
from harness import measure  # noqa: E402

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


held = [None]


def holding(f):
    def g():
        held[0] = f()
    return g


with torch.no_grad():
    out = {k: measure(f, 7, 0.05)[0] for k, f in ops.items()}
    out_held = {k: measure(holding(f), 7, 0.05)[0] for k, f in ops.items()}
json.dump({"threads": torch.get_num_threads(), "us": out, "held": out_held}, sys.stdout)
