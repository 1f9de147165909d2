"""Fixtures for the nn/optim/data tests, from PyTorch 1.13.

Run with /usr/bin/python3 (Debian's python3-torch); writes fixtures.R next to
this file: R assignments that the test-*.tr files source. nn_module_test.go
re-runs it when torch is importable and checks the output is unchanged.
"""
import os
import sys

import torch
import torch.nn as nn
import torch.nn.functional as F

torch.set_num_threads(1)
out = []


def emit(name, values):
    vals = ", ".join(repr(float(v)) if not isinstance(v, int) else "%dL" % v for v in values)
    out.append("%s <- c(%s)" % (name, vals))


def flat(t):
    return t.detach().reshape(-1).tolist()


# Default layer initialisation for a seed.
torch.manual_seed(1)
l = nn.Linear(4, 2)
emit("linear_weight", flat(l.weight))
emit("linear_bias", flat(l.bias))
torch.manual_seed(1)
c = nn.Conv2d(2, 3, 3)
emit("conv2d_weight", flat(c.weight))
emit("conv2d_bias", flat(c.bias))
torch.manual_seed(3)
c = nn.Conv1d(4, 2, 2, groups=2)
emit("conv1d_weight", flat(c.weight))
emit("conv1d_bias", flat(c.bias))
torch.manual_seed(4)
c = nn.ConvTranspose2d(2, 4, 3, groups=2)
emit("convt2d_weight", flat(c.weight))
emit("convt2d_bias", flat(c.bias))
torch.manual_seed(4)
b = nn.Bilinear(2, 3, 2)
emit("bilinear_weight", flat(b.weight))
emit("bilinear_bias", flat(b.bias))
emit("bilinear_out", flat(b(torch.ones(1, 2), torch.arange(3.).reshape(1, 3))))
torch.manual_seed(5)
e = nn.Embedding(5, 3)
emit("embedding_weight", flat(e.weight))
torch.manual_seed(6)
w = torch.empty(3, 5)
nn.init.xavier_uniform_(w)
emit("xavier_uniform", flat(w))
nn.init.kaiming_normal_(w, mode="fan_out", nonlinearity="relu")
emit("kaiming_normal", flat(w))
nn.init.xavier_normal_(w, gain=2)
emit("xavier_normal", flat(w))
nn.init.orthogonal_(w)
emit("orthogonal", flat(w))


def problem():
    torch.manual_seed(42)
    x = torch.randn(64, 10)
    y = (x[:, 0] > 0).long() + (x[:, 1] > 0).long()
    model = nn.Sequential(nn.Linear(10, 32), nn.ReLU(), nn.Linear(32, 3))
    return x, y, model


def train(name, make, steps=20):
    x, y, model = problem()
    opt = make(model.parameters())
    losses = []
    for _ in range(steps):
        opt.zero_grad()
        loss = F.cross_entropy(model(x), y)
        loss.backward()
        opt.step()
        losses.append(loss.item())
    emit(name + "_losses", losses)
    emit(name + "_final", [sum(p.detach().sum().item() for p in model.parameters())])


train("adam", lambda p: torch.optim.Adam(p, lr=0.01))
train("sgd", lambda p: torch.optim.SGD(p, lr=0.1, momentum=0.9))
train("sgd_nesterov", lambda p: torch.optim.SGD(p, lr=0.05, momentum=0.8, nesterov=True, weight_decay=0.01), 10)
train("sgd_damp", lambda p: torch.optim.SGD(p, lr=0.05, momentum=0.5, dampening=0.3), 10)
train("adam_ams", lambda p: torch.optim.Adam(p, lr=0.02, betas=(0.8, 0.99), weight_decay=0.1, amsgrad=True), 10)
train("adamw", lambda p: torch.optim.AdamW(p, lr=0.01), 10)
train("rmsprop", lambda p: torch.optim.RMSprop(p, lr=0.01), 10)
train("rmsprop_c", lambda p: torch.optim.RMSprop(p, lr=0.005, momentum=0.5, centered=True, weight_decay=0.01), 10)
train("adagrad", lambda p: torch.optim.Adagrad(p, lr=0.1, lr_decay=0.01, initial_accumulator_value=0.1), 10)

# An MLP with dropout and batch norm in training mode, MSE loss, SGD.
torch.manual_seed(7)
x = torch.randn(32, 6)
t = torch.randn(32, 2)
model = nn.Sequential(nn.Linear(6, 16), nn.BatchNorm1d(16), nn.ReLU(), nn.Dropout(0.2), nn.Linear(16, 2))
opt = torch.optim.SGD(model.parameters(), lr=0.05)
losses = []
for _ in range(5):
    opt.zero_grad()
    loss = F.mse_loss(model(x), t)
    loss.backward()
    opt.step()
    losses.append(loss.item())
emit("bn_losses", losses)
emit("bn_running_mean", flat(model[1].running_mean))
emit("bn_running_var", flat(model[1].running_var))
model.eval()
emit("bn_eval_out", flat(model(x[:3])))

# Shuffled dataloader order: R torch's sampler draws torch_randperm(n).
for seed in (1, 2):
    torch.manual_seed(seed)
    emit("randperm_%d" % seed, [int(i) + 1 for i in torch.randperm(10).tolist()])

# Recurrent layers: seeded weights and outputs.
for name, make in (("lstm", lambda: nn.LSTM(3, 4, num_layers=2, bidirectional=True)),
                   ("gru", lambda: nn.GRU(3, 4, batch_first=True)),
                   ("rnn", lambda: nn.RNN(3, 2, num_layers=2, nonlinearity="relu"))):
    torch.manual_seed(11)
    m = make()
    x = torch.randn(5, 2, 3)
    y, h = m(x)
    emit(name + "_params", [v for p in m.parameters() for v in flat(p)])
    emit(name + "_out", flat(y))
    if isinstance(h, tuple):
        emit(name + "_h", flat(h[0]))
        emit(name + "_c", flat(h[1]))
    else:
        emit(name + "_h", flat(h))
    y.sum().backward()
    emit(name + "_grad", flat(m.weight_ih_l0.grad))

# Learning-rate schedules.
import warnings
warnings.simplefilter("ignore")
w = torch.tensor([1.0, 2.0], requires_grad=True)
opt = torch.optim.SGD([w], lr=0.1, momentum=0.9)
s = torch.optim.lr_scheduler.OneCycleLR(opt, max_lr=1, total_steps=10)
lrs, ms = [], []
for _ in range(9):
    opt.step()
    s.step()
    lrs.append(opt.param_groups[0]["lr"])
    ms.append(opt.param_groups[0]["momentum"])
emit("onecycle_lr", lrs)
emit("onecycle_momentum", ms)
opt = torch.optim.Adam([w], lr=0.1)
s = torch.optim.lr_scheduler.OneCycleLR(opt, max_lr=0.5, epochs=2, steps_per_epoch=3, anneal_strategy="linear")
lrs, bs = [], []
for _ in range(5):
    s.step()
    lrs.append(opt.param_groups[0]["lr"])
    bs.append(opt.param_groups[0]["betas"][0])
emit("onecycle_adam_lr", lrs)
emit("onecycle_adam_beta1", bs)
opt = torch.optim.Adam([w], lr=0.1)
s = torch.optim.lr_scheduler.CosineAnnealingLR(opt, T_max=5, eta_min=0.01)
lrs = []
for _ in range(12):
    s.step()
    lrs.append(opt.param_groups[0]["lr"])
emit("cosine_lr", lrs)
opt = torch.optim.SGD([w], lr=0.1)
s = torch.optim.lr_scheduler.StepLR(opt, step_size=3, gamma=0.5)
lrs = []
for _ in range(7):
    s.step()
    lrs.append(opt.param_groups[0]["lr"])
emit("step_lr", lrs)
s = torch.optim.lr_scheduler.MultiplicativeLR(opt, lr_lambda=lambda e: 0.9)
lrs = []
for _ in range(3):
    s.step()
    lrs.append(opt.param_groups[0]["lr"])
emit("mult_lr", lrs)

# Files saved by PyTorch for torch_load (written only when regenerating).
here = os.path.dirname(os.path.abspath(__file__))
if len(sys.argv) < 2:
    base = torch.arange(12, dtype=torch.float32).reshape(3, 4)
    torch.save({
        "float": base,
        "view": base[1:, 1:3],
        "t": base.t(),
        "long": torch.tensor([1, -2, 3]),
        "double": torch.tensor([0.5, 1.5], dtype=torch.float64),
        "bool": torch.tensor([True, False]),
        "scalar": torch.tensor(2.5),
        "list": [torch.ones(2), 3, "a", None, True],
        "number": 1.25,
    }, os.path.join(here, "pytorch_objects.pt"))
    torch.manual_seed(1)
    torch.save(nn.Linear(4, 2).state_dict(), os.path.join(here, "pytorch_linear.pt"))

with open(os.path.join(os.path.dirname(os.path.abspath(__file__)), "fixtures.R") if len(sys.argv) < 2 else sys.argv[1], "w") as f:
    f.write("# Generated by gen_fixtures.py (PyTorch %s); do not edit.\n" % torch.__version__)
    f.write("\n".join(out) + "\n")
