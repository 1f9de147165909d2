"""Writes TorchScript archives traced by PyTorch 1.13 and their expected
outputs, for trace/load_test.go. Run from this directory:
    /usr/bin/python3 gen_fixtures.py
"""
import json

import torch
import torch.nn as nn

torch.manual_seed(0)


class MLP(nn.Module):
    def __init__(s):
        super().__init__()
        s.fc1 = nn.Linear(6, 5)
        s.bn = nn.BatchNorm1d(5)
        s.act = nn.ReLU()
        s.drop = nn.Dropout(0.5)
        s.fc2 = nn.Linear(5, 3)

    def forward(s, x):
        return s.fc2(s.drop(s.act(s.bn(s.fc1(x)))))


class Conv(nn.Module):
    def __init__(s):
        super().__init__()
        s.c = nn.Conv2d(2, 3, 3, padding=1)
        s.p = nn.MaxPool2d(2)
        s.fc = nn.Linear(3 * 4 * 4, 2)

    def forward(s, x):
        return s.fc(torch.flatten(s.p(torch.relu(s.c(x))), 1))


class Fn(nn.Module):
    def forward(s, x, y):
        return torch.tanh(x * 2 + y), (x - y).sum(1)


out = {}
for name, m, shape, extra in (
    ("linear", nn.Linear(4, 3), (2, 4), None),
    ("mlp", MLP(), (4, 6), None),
    ("conv", Conv(), (2, 2, 8, 8), None),
    ("tuple", Fn(), (3, 4), (3, 4)),
):
    m.eval()
    if name == "mlp":  # non-trivial running statistics
        with torch.no_grad():
            m.bn.running_mean.uniform_(-1, 1)
            m.bn.running_var.uniform_(0.5, 2)
    x = torch.randn(*shape)
    args = (x,) if extra is None else (x, torch.randn(*extra))
    tr = torch.jit.trace(m, args)
    tr.save(name + ".pt")
    with torch.no_grad():
        y = tr(*args)
    ys = list(y) if isinstance(y, tuple) else [y]
    out[name] = {
        "inputs": [{"shape": list(a.shape), "data": a.reshape(-1).tolist()} for a in args],
        "outputs": [{"shape": list(v.shape), "data": v.reshape(-1).tolist()} for v in ys],
    }
with open("fixtures.json", "w") as f:
    json.dump(out, f)
