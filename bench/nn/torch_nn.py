"""Times PyTorch on the shapes of bench/nn/main.go.

Usage: torch_nn.py THREADS REPS SAMPLE_SECONDS [NAMES]
Prints one line per measurement: "torch NAME THREADS WALL_us CPU_us"
(medians per call; CPU is time.process_time, all threads of the process).
For THREADS=1 run it with OPENBLAS_NUM_THREADS=1 as well.
"""
import math
import os
import sys

import torch
import torch.nn.functional as F

sys.dont_write_bytecode = True
sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "internal", "harness"))
from harness import measure  # noqa: E402


def rand(*shape):
    n = math.prod(shape)
    i = torch.arange(n, dtype=torch.float64)
    return torch.sin(i * 0.7311 + (i * i % 97)).float().reshape(shape)


def main():
    threads, reps, sample = int(sys.argv[1]), int(sys.argv[2]), float(sys.argv[3])
    only = set(sys.argv[4].split(",")) if len(sys.argv) > 4 and sys.argv[4] else None
    torch.set_num_threads(threads)
    x, w, b = rand(32, 3, 32, 32), rand(16, 3, 3, 3), rand(16)
    x16, w2, b2, g16 = rand(32, 16, 32, 32), rand(32, 16, 3, 3), rand(32), rand(16)
    ln, lw = rand(64, 512), rand(512)
    logits = rand(256, 1000)
    target = torch.tensor([i * 37 % 1000 for i in range(256)])

    def fwd_bwd(f, *inputs):
        def run():
            for t in inputs:
                t.requires_grad_(True)
            out = f()
            torch.autograd.grad(out.sum(), inputs)
            for t in inputs:
                t.requires_grad_(False)
        return run

    benches = [
        ("conv2d_3to16_32x32_b32", lambda: F.conv2d(x, w, b, 1, 1)),
        ("conv2d_16to32_32x32_b32", lambda: F.conv2d(x16, w2, b2, 1, 1)),
        ("conv2d_3to16_fwd_bwd", fwd_bwd(lambda: F.conv2d(x, w, b, 1, 1), x, w, b)),
        ("max_pool2d_16x32x32_b32", lambda: F.max_pool2d(x16, 2)),
        ("avg_pool2d_16x32x32_b32", lambda: F.avg_pool2d(x16, 2)),
        ("batch_norm_train_16x32x32_b32", lambda: F.batch_norm(x16, None, None, g16, g16, True)),
        ("layer_norm_64x512", lambda: F.layer_norm(ln, [512], lw, lw)),
        ("cross_entropy_256x1000_fwd_bwd", fwd_bwd(lambda: F.cross_entropy(logits, target), logits)),
    ]
    for name, f in benches:
        if only and name not in only:
            continue
        if name.endswith("fwd_bwd"):
            us, cpu = measure(f, reps, sample)
        else:
            with torch.no_grad():
                us, cpu = measure(f, reps, sample)
        print(f"torch {name} {threads} {us:.1f} {cpu:.1f}", flush=True)


main()
