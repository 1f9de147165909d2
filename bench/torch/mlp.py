#!/usr/bin/python3
"""PyTorch eager reference for bench/torch/mlp.tr: one training step of a
784-256-256-10 MLP on a batch of 64 written with plain tensor ops
(addmm, relu, cross_entropy, backward, in-place SGD). Prints ms per step."""
import time

import torch

torch.set_num_threads(2)
torch.manual_seed(1)
x = torch.randn(64, 784)
y = torch.randint(0, 10, (64,))
ps = [torch.randn(784, 256) * 0.05, torch.zeros(256), torch.randn(256, 256) * 0.05,
      torch.zeros(256), torch.randn(256, 10) * 0.05, torch.zeros(10)]
for p in ps:
    p.requires_grad_(True)
w1, b1, w2, b2, w3, b3 = ps


def step():
    h = torch.relu(torch.addmm(b1, x, w1))
    h = torch.relu(torch.addmm(b2, h, w2))
    loss = torch.nn.functional.cross_entropy(torch.addmm(b3, h, w3), y)
    loss.backward()
    with torch.no_grad():
        for p in ps:
            p.sub_(0.01 * p.grad)
            p.grad.zero_()
    return loss


for _ in range(20):
    step()
n = 200
best = float("inf")
for _ in range(3):
    t0 = time.perf_counter()
    for _ in range(n):
        step()
    best = min(best, (time.perf_counter() - t0) / n * 1e3)
print(f"mlp step: {best:.3f} ms")
