"""PyTorch eager side of bench/mlp: the same training step as step.tr.

Prints "torch THREADS WALL_us CPU_us" (medians per step)."""
import sys
import time

import torch
import torch.nn as nn
import torch.nn.functional as F


def timeit(f, samples=7, target=0.2):
    f()
    reps = 1
    while True:
        t = time.perf_counter()
        for _ in range(reps):
            f()
        d = time.perf_counter() - t
        if d > target / 4:
            reps = max(1, int(reps * target / d))
            break
        reps *= 4
    wall, cpu = [], []
    for _ in range(samples):
        t, c = time.perf_counter(), time.process_time()
        for _ in range(reps):
            f()
        wall.append((time.perf_counter() - t) / reps * 1e6)
        cpu.append((time.process_time() - c) / reps * 1e6)
    wall.sort()
    cpu.sort()
    return wall[samples // 2], cpu[samples // 2]


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

    w, c = timeit(step)
    print("torch %d %.1f %.1f" % (threads, w, c), flush=True)
