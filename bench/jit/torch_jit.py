"""Times PyTorch 1.13 on the models of bench/jit/main.go: eager, torch.jit.trace
and torch.jit.optimize_for_inference, under no_grad, one thread.

Usage: torch_jit.py REPS SAMPLE_SECONDS
Prints one line per measurement: "torch MODEL VARIANT WALL_us CPU_us".
"""
import math
import os
import sys
import warnings

import torch
import torch.nn as nn

sys.dont_write_bytecode = True
sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "internal", "harness"))
from harness import measure  # noqa: E402

warnings.filterwarnings("ignore")
torch.set_num_threads(1)


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
                print("torch %s %s %.3f %.3f" % ((name, variant) + measure(lambda: f(x), reps, sample)), flush=True)
    m, x = MLP(), rand(1, 784)
    for variant, check in (("trace", False), ("trace+check", True)):
        t = "%.3f %.3f" % measure(lambda: torch.jit.trace(m, x, check_trace=check), 5, 0.2)
        print(f"torch trace_mlp {variant} {t}", flush=True)


main()
