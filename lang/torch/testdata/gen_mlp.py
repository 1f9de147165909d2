#!/usr/bin/python3
"""Loss curve of a small MLP trained with plain tensor ops and in-place SGD,
for test-mlp-tensors.tr (same seed, same ops from R must give the same losses).
Run: /usr/bin/python3 gen_mlp.py"""
import torch

torch.manual_seed(3)
x = torch.randn(32, 20)
y = torch.randint(0, 3, (32,))
ps = [torch.randn(20, 16) * 0.3, torch.zeros(16), torch.randn(16, 16) * 0.3,
      torch.zeros(16), torch.randn(16, 3) * 0.3, torch.zeros(3)]
for p in ps:
    p.requires_grad_(True)
losses = []
for i in range(30):
    h = torch.tanh(torch.addmm(ps[1], x, ps[0]))
    h = torch.relu(torch.addmm(ps[3], h, ps[2]))
    loss = torch.nn.functional.cross_entropy(torch.addmm(ps[5], h, ps[4]), y)
    loss.backward()
    with torch.no_grad():
        for p in ps:
            p.sub_(0.5 * p.grad)
            p.grad.zero_()
    losses.append(loss.item())
print("c(" + ", ".join("%.7f" % l for l in losses) + ")")
