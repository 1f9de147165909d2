"""Times PyTorch 1.13 on the models of bench/jit/main.go: eager, torch.jit.trace
and torch.jit.optimize_for_inference, under no_grad, one thread.

Usage: torch_jit.py REPS SAMPLE_SECONDS
Prints one line per measurement: "torch MODEL VARIANT WALL_us CPU_us".
"""
import math
import sys
import time
import warnings

import torch
import torch.nn as nn

warnings.filterwarnings("ignore")
torch.set_num_threads(1)


def timeit(f, reps, target):
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
    ts, cs = [], []
    for _ in range(reps):
        t0, c0 = time.perf_counter(), time.process_time()
        for _ in range(inner):
            f()
        ts.append((time.perf_counter() - t0) / inner)
        cs.append((time.process_time() - c0) / inner)
    ts.sort()
    cs.sort()
    return "%.3f %.3f" % (ts[reps // 2] * 1e6, cs[reps // 2] * 1e6)


def rand(*shape):
    n = math.prod(shape)
    v = [math.sin(i * 0.7311 + (i * i % 97)) for i in range(n)]
    return torch.tensor(v, dtype=torch.float32).reshape(shape)


class MLP(nn.Module):
    def __init__(self):
        super().__init__()
        self.fc1 = nn.Linear(784, 256)
        self.fc2 = nn.Linear(256, 256)
        self.fc3 = nn.Linear(256, 10)

    def forward(self, x):
        return self.fc3(torch.relu(self.fc2(torch.relu(self.fc1(x)))))


class EW(nn.Module):
    def forward(self, x):
        return torch.relu(x * 2 + 1)


def main():
    reps, sample = int(sys.argv[1]), float(sys.argv[2])
    torch.manual_seed(0)
    models = [
        ("linear10x1", nn.Linear(10, 1).eval(), rand(10, 10)),
        ("mlp_b1", MLP().eval(), rand(1, 784)),
        ("mlp_b64", MLP().eval(), rand(64, 784)),
        ("relu(x*2+1)_1e6", EW().eval(), rand(1000000)),
    ]
    with torch.no_grad():
        for name, m, x in models:
            tr = torch.jit.trace(m, x)
            ofi = torch.jit.optimize_for_inference(torch.jit.trace(m, x))
            for variant, f in (("eager", m), ("trace", tr), ("optimize_for_inference", ofi)):
                for _ in range(3):  # profiling executor warm-up
                    f(x)
                print(f"torch {name} {variant} {timeit(lambda: f(x), reps, sample)}", flush=True)
    m, x = MLP(), rand(1, 784)
    for variant, check in (("trace", False), ("trace+check", True)):
        t = timeit(lambda: torch.jit.trace(m, x, check_trace=check), 5, 0.2)
        print(f"torch trace_mlp {variant} {t}", flush=True)


main()
