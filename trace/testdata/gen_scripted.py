"""Writes a module compiled with PyTorch 1.13's torch.jit.script (control
flow, a defaulted int argument, a submodule) to scripted.pt, and the outputs
of calls on fixed inputs to scripted_fixtures.json, for trace/loaded_test.go.
Run from this directory:
    /usr/bin/python3 gen_scripted.py
"""
import json

import torch
import torch.nn as nn

torch.manual_seed(0)


class Scripted(nn.Module):
    def __init__(self):
        super().__init__()
        self.fc = nn.Linear(3, 2)

    def forward(self, x, n: int = 2):
        y = self.fc(x)
        for i in range(n):
            y = y * 2
        if bool(y.sum() > 0):
            return torch.relu(y)
        else:
            return -y


m = torch.jit.script(Scripted())
m.save("scripted.pt")
calls = []
for args in ([torch.randn(4, 3)], [torch.randn(4, 3), 3], [torch.randn(2, 3) - 3.0], [torch.randn(2, 3) + 3.0, 0]):
    with torch.no_grad():
        y = m(*args)
    calls.append({
        "x": {"shape": list(args[0].shape), "data": args[0].reshape(-1).tolist()},
        "n": args[1] if len(args) > 1 else None,
        "out": {"shape": list(y.shape), "data": y.reshape(-1).tolist()},
    })
with open("scripted_fixtures.json", "w") as fh:
    json.dump(calls, fh)
