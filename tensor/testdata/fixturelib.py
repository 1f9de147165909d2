"""Helpers shared by the fixture generators gen_fixtures.py (ops.json) and
gen_nn_fixtures.py (nn.json): input tensor descriptions (In, R, V), scalar
and dtype arguments (F, D), and the JSON encoding of arguments and outputs
that tensor/fixtures_test.go decodes.

Importing this module draws no random numbers: the generators seed torch
themselves, and R draws from torch's global generator in call order.
"""
import math

import torch

DT = {"float32": torch.float32, "float64": torch.float64, "int64": torch.int64,
      "int32": torch.int32, "uint8": torch.uint8, "bool": torch.bool}
RDT = {v: k for k, v in DT.items()}


def num(x):
    if isinstance(x, bool):
        return x
    if isinstance(x, int):
        return x
    if math.isnan(x):
        return "nan"
    if math.isinf(x):
        return "inf" if x > 0 else "-inf"
    return x


class In:
    """An input tensor description (created identically on both sides)."""

    def __init__(self, data, shape, dtype="float32", perm=None):
        self.data, self.shape, self.dtype, self.perm = data, list(shape), dtype, perm

    def torch(self):
        base_shape = self.shape
        if self.perm:
            base_shape = [self.shape[p] for p in self.perm]
        t = torch.tensor(self.data, dtype=DT[self.dtype]).reshape(base_shape)
        if self.perm:
            inv = [0] * len(self.perm)
            for i, p in enumerate(self.perm):
                inv[p] = i
            t = t.permute(inv)
        return t

    def enc(self):
        d = {"dtype": self.dtype, "shape": self.shape, "data": [num(v) for v in self.data]}
        if self.perm:
            d["perm"] = self.perm
        return {"tensor": d}


def R(*shape, dtype="float32", lo=None, hi=None, perm=None, pos=False):
    n = 1
    for s in shape:
        n *= s
    if dtype in ("float32", "float64"):
        if lo is not None:
            t = torch.rand(n, dtype=torch.float64) * (hi - lo) + lo
        else:
            t = torch.randn(n, dtype=torch.float64)
        if pos:
            t = t.abs() + 0.1
        t = t.to(DT[dtype])
        data = [float(v) for v in t.tolist()]
    elif dtype == "bool":
        data = [bool(v) for v in (torch.rand(n) > 0.5).tolist()]
    else:
        lo = -5 if lo is None else lo
        hi = 6 if hi is None else hi
        if dtype == "uint8":
            lo = max(lo, 0)
        data = [int(v) for v in torch.randint(lo, hi, (n,)).tolist()]
    sh = list(shape)
    if perm:
        base = [sh[p] for p in perm]
        return In(data, sh, dtype, perm)
    return In(data, sh, dtype)


def V(data, shape=None, dtype="float32"):
    if shape is None:
        shape = [len(data)]
    return In(data, shape, dtype)


class F:
    """A float scalar argument (kept distinct from ints)."""

    def __init__(self, v):
        self.v = v


class D:
    def __init__(self, name):
        self.name = name


def enc_arg(a):
    if isinstance(a, In):
        return a.enc()
    if isinstance(a, F):
        return {"float": num(a.v)}
    if isinstance(a, D):
        return {"dtype": a.name}
    if isinstance(a, list) and a and any(isinstance(x, In) for x in a):
        return {"tensors": [x.enc() if x is not None else None for x in a]}
    if isinstance(a, float):
        return {"float": num(a)}
    return a


def dec_arg(a):
    if isinstance(a, In):
        return a.torch()
    if isinstance(a, F):
        return a.v
    if isinstance(a, D):
        return DT[a.name]
    if isinstance(a, list) and a and any(isinstance(x, In) for x in a):
        return [x.torch() if x is not None else None for x in a]
    return a


def enc_out(o):
    if isinstance(o, (list, tuple)):
        return {"list": [enc_out(x) for x in o]}
    if isinstance(o, torch.Tensor):
        return {"tensor": {"dtype": RDT[o.dtype], "shape": list(o.shape),
                           "data": [num(v) for v in o.detach().reshape(-1).tolist()]}}
    if isinstance(o, bool):
        return {"bool": o}
    return {"scalar": num(float(o))}

