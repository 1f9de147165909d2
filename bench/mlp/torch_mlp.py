"""PyTorch eager side of bench/mlp: the same training step as step.tr.

Prints "torch THREADS WALL_us CPU_us" (medians per step)."""
import os
import sys

import torch
import torch.nn as nn
import torch.nn.functional as F

sys.dont_write_bytecode = True
sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "internal", "harness"))
from harness import measure  # noqa: E402


for threads in [int(a) for a in sys.argv[1:]] or [1]:
    torch.set_num_threads(threads)
    torch.manual_seed(0)
    model = nn.Sequential(nn.Linear(784, 256), nn.ReLU(), nn.Linear(256, 256), nn.ReLU(), nn.Linear(256, 10))
    opt = torch.optim.Adam(model.parameters(), lr=1e-3)
    x = torch.randn(64, 784)
    y = torch.randint(0, 10, (64,))

    def step():
        opt.zero_grad()
        loss = F.cross_entropy(model(x), y)
        loss.backward()
        opt.step()
        return loss

    w, c = measure(step, 7, 0.2)
    print("torch %d %.1f %.1f" % (threads, w, c), flush=True)
