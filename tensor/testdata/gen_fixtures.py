#!/usr/bin/env python3
"""Generates ops.json: inputs and PyTorch 1.13 outputs for torchr's ops.

Run with Debian's python3 (which has torch):
    /usr/bin/python3 tensor/testdata/gen_fixtures.py > tensor/testdata/ops.json

Each case calls an aten op through torch.ops.aten.<name>.<overload> with
the same positional and keyword arguments torchr's schema takes, so the Go
test can call rt.CallNamed with the decoded arguments. Tensors are encoded
as {dtype, shape, data[, perm]}; perm makes a non-contiguous input (the
data is laid out for the permuted shape, then permuted back).
"""
import json
import math
import sys

import torch

torch.manual_seed(0)
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


cases = []


def case(op, *args, seed=None, tol=None, grad=False, fn=None, nodouble=False, **kw):
    """op: 'name.overload' of torch.ops.aten (or fn gives the torch call)."""
    c = {"op": op, "args": [enc_arg(a) for a in args], "kwargs": {k: enc_arg(v) for k, v in kw.items()}}
    if seed is not None:
        c["seed"] = seed
        torch.manual_seed(seed)
    if tol is not None:
        c["tol"] = tol
    if nodouble:
        c["nodouble"] = True
    targs = [dec_arg(a) for a in args]
    tkw = {k: dec_arg(v) for k, v in kw.items()}
    if grad:
        for t in targs:
            if isinstance(t, torch.Tensor) and t.is_floating_point():
                t.requires_grad_(True)
            if isinstance(t, list):
                for u in t:
                    if isinstance(u, torch.Tensor) and u.is_floating_point():
                        u.requires_grad_(True)
    try:
        if fn is not None:
            out = fn(*targs, **tkw)
        else:
            name, _, ov = op.partition(".")
            f = getattr(torch.ops.aten, name)
            f = getattr(f, ov or "default")
            out = f(*targs, **tkw)
        c["out"] = enc_out(out)
        if grad:
            o = out[0] if isinstance(out, (list, tuple)) else out
            c["grad_fn"] = type(o.grad_fn).__name__ if o.grad_fn is not None else None
    except Exception as e:  # noqa
        c["error"] = str(e).split("\n")[0]
    cases.append(c)


# ---------------------------------------------------------------- binary
A23, B3, B23 = R(2, 3), R(3), R(2, 3)
A21, B13 = R(2, 1), R(1, 3)
NC = R(3, 2, perm=[1, 0])  # a non-contiguous 3x2 -> transposed view of shape [3,2]
for op in ["add.Tensor", "sub.Tensor", "mul.Tensor", "div.Tensor", "maximum", "minimum", "atan2",
           "eq.Tensor", "ne.Tensor", "lt.Tensor", "le.Tensor", "gt.Tensor", "ge.Tensor",
           "logical_and", "logical_or", "logical_xor", "remainder.Tensor", "fmod.Tensor"]:
    case(op, A23, B3, grad=True)
    case(op, A21, B13)
    case(op, R(2, 3, perm=[1, 0]), B23)
    case(op, R(2, 3, dtype="int64"), R(3, dtype="int64", lo=1, hi=5))
    case(op, R(0, 3), B3)
case("add.Tensor", A23, B3, alpha=F(2.5), grad=True)
case("sub.Tensor", A23, B3, alpha=2, grad=True)
case("add.Tensor", R(4, dtype="int64"), R(4, dtype="int64"), alpha=3)
case("add.Tensor", R(4, dtype="int64"), R(4, dtype="int64"), alpha=F(1.5))
case("add.Tensor", R(2, 3), R(4))
case("add.Tensor", R(2, 3, dtype="int64"), F(2.5))
case("add.Tensor", R(2, 3, dtype="int64"), 2)
case("add.Tensor", R(2, 3, dtype="int32"), R(3, dtype="int64"))
case("add.Tensor", R(2, 3, dtype="uint8"), R(3, dtype="int32"))
case("add.Tensor", R(3, dtype="bool"), R(3, dtype="bool"))
case("add.Tensor", R(3, dtype="bool"), R(3, dtype="int64"))
case("add.Tensor", R(3, dtype="bool"), F(1.5))
case("add.Tensor", R(3), R(3, dtype="float64"))
case("add.Tensor", R(3, dtype="int64"), V([2.5], [], "float64"))
case("add.Tensor", R(3, dtype="float32"), V([2.5], [], "float64"))
case("mul.Tensor", R(3, dtype="int32"), V([3], [], "int64"))
case("mul.Tensor", R(3, dtype="bool"), R(3, dtype="bool"))
case("sub.Tensor", R(3, dtype="bool"), R(3, dtype="bool"))
case("mul.Tensor", V([float("nan"), float("inf"), -1.0, 0.0]), V([1.0, 0.0, float("-inf"), float("inf")]))
case("div.Tensor", V([1.0, -1.0, 0.0, float("nan")]), V([0.0, 0.0, 0.0, 1.0]))
case("div.Tensor", R(4, dtype="int64"), R(4, dtype="int64", lo=1, hi=4))
for mode in ["trunc", "floor"]:
    case("div.Tensor_mode", R(2, 3, lo=-5, hi=5), R(3, lo=-3, hi=3), rounding_mode=mode, grad=True)
    case("div.Tensor_mode", R(6, dtype="int64", lo=-9, hi=9), V([2, -3, 4, -2, 5, 3], dtype="int64"), rounding_mode=mode)
case("pow.Tensor_Tensor", R(2, 3, pos=True), R(3), grad=True)
case("pow.Tensor_Scalar", R(2, 3), 2, grad=True)
case("pow.Tensor_Scalar", R(2, 3, pos=True), F(0.5), grad=True)
case("pow.Tensor_Scalar", R(4, dtype="int64", lo=-3, hi=4), 3)
case("pow.Tensor_Scalar", R(4, dtype="int64", lo=1, hi=4), F(0.5))
case("pow.Scalar", F(2.0), R(2, 3), grad=True)
case("remainder.Tensor", V([5.0, -5.0, 5.0, -5.0]), V([3.0, 3.0, -3.0, -3.0]))
case("fmod.Tensor", V([5.0, -5.0, 5.0, -5.0]), V([3.0, 3.0, -3.0, -3.0]))
case("remainder.Tensor", V([5, -5, 5, -5], dtype="int64"), V([3, 3, -3, -3], dtype="int64"))
case("maximum", V([1.0, float("nan"), 3.0]), V([2.0, 1.0, float("nan")]))
case("where.self", R(2, 3, dtype="bool"), R(2, 3), R(3), grad=True)
case("where.self", R(3, dtype="bool"), R(3, dtype="int64"), F(0.5), fn=torch.where)
case("lerp.Scalar", R(2, 3), R(2, 3), F(0.3), grad=True)
case("lerp.Scalar", R(2, 3), R(2, 3), F(0.7))
case("lerp.Tensor", R(2, 3), R(2, 3), R(3, lo=0, hi=1), grad=True)
case("rsub.Tensor", R(2, 3), F(1.0), grad=True, fn=torch.rsub)

# ---------------------------------------------------------------- unary
U = R(2, 3, lo=-2, hi=2)
P = R(2, 3, pos=True)
UNIT = R(2, 3, lo=-0.9, hi=0.9)
SPECIAL = V([float("nan"), float("inf"), float("-inf"), 0.0, -0.0, 1e-30, 88.0, -88.0])
for op in ["abs", "neg", "sign", "exp", "exp2", "expm1", "sin", "cos", "tan", "atan", "sinh", "cosh",
           "tanh", "sigmoid", "relu", "silu", "mish", "floor", "ceil", "round", "trunc", "frac", "erf", "erfc",
           "square", "selu", "relu6", "isnan", "isinf", "isfinite", "logical_not"]:
    case(op, U, grad=True)
    case(op, SPECIAL)
    case(op, R(2, 3, lo=-2, hi=2, perm=[1, 0]))
for op in ["log", "log2", "log10", "log1p", "sqrt", "rsqrt", "reciprocal", "lgamma", "digamma"]:
    case(op, P, grad=True)
    case(op, SPECIAL)
for op in ["asin", "acos"]:
    case(op, UNIT, grad=True)
for op in ["abs", "neg", "sign", "exp", "sqrt", "relu", "floor", "round", "sigmoid", "square", "logical_not", "isnan"]:
    case(op, R(5, dtype="int64", lo=-4, hi=5))
    case(op, R(4, dtype="bool"))
case("round", V([0.5, 1.5, 2.5, -0.5, -1.5, 2.4999]))
case("logit", R(2, 3, lo=0.05, hi=0.95), grad=True)
case("logit", V([0.0, 0.01, 0.5, 0.99, 1.0]), eps=F(0.05))
case("gelu", U, grad=True)
case("gelu", U, approximate="tanh", grad=True)
case("elu", U, grad=True)
case("elu", U, alpha=F(0.5), grad=True)
case("leaky_relu", U, grad=True)
case("leaky_relu", U, F(0.2))
case("hardtanh", R(2, 3, lo=-3, hi=3), grad=True)
case("hardtanh", R(2, 3, lo=-3, hi=3), F(-0.5), F(2.0))
case("softplus", U, grad=True)
case("softplus", R(6, lo=-10, hi=10), 2, 5)
case("clamp", R(2, 3, lo=-3, hi=3), F(-1.0), F(1.0), grad=True)
case("clamp", R(2, 3, lo=-3, hi=3), None, F(0.5))
case("clamp", R(5, dtype="int64"), -1, 2)
case("clamp", R(5, dtype="int64"), F(-1.5), None)
case("clamp", R(5), None, None)
case("nan_to_num", SPECIAL)
case("nan_to_num", R(2, 3), grad=True)
case("nan_to_num", SPECIAL, F(1.0), F(100.0), F(-100.0))
case("polygamma", 1, P)

# ---------------------------------------------------------------- reductions
X = R(3, 4)
X3 = R(2, 3, 4)
XN = R(4, 3, perm=[1, 0])
XI = R(3, 4, dtype="int64")
for op, extra in [("sum", {}), ("mean", {}), ("prod", {})]:
    case(op, X, grad=True)
    case(op, XN)
    case(op, R(0, 3))
case("sum", XI)
case("sum", R(5, dtype="bool"))
case("mean", XI)
case("sum", X, dtype=D("float64"))
case("sum.dim_IntList", X3, [1], grad=True)
case("sum.dim_IntList", X3, [0, 2], True, grad=True)
case("sum.dim_IntList", X3, [-1])
case("sum.dim_IntList", XN, [0])
case("sum.dim_IntList", XI, [1])
case("sum.dim_IntList", X3, [3])
case("mean.dim", X3, [1], grad=True)
case("mean.dim", X3, [0, 2], True, grad=True)
case("mean.dim", XN, [1])
case("prod.dim_int", X3, 1, grad=True)
case("prod.dim_int", XI, 0, True)
# zeros: first derivatives are exact; the second goes through cumprod's
# backward, which divides by the input (see the report)
case("prod", V([2.0, 0.0, 3.0, 4.0]), grad=True, nodouble=True)
case("prod.dim_int", V([2.0, 0.0, 3.0, 0.0, 5.0, 6.0], [2, 3]), 1, grad=True, nodouble=True)
for n in ["max", "min"]:
    case(n, X, grad=True)
    case(n, V([1.0, float("nan"), 3.0]))
    case(n, XI)
    case(n, R(0, 3))
    case(n + ".dim", X3, 1, grad=True)
    case(n + ".dim", X3, -1, True, grad=True)
    case(n + ".dim", XN, 0)
    case(n + ".dim", V([1.0, 3.0, 3.0, 2.0]), 0)
    case("arg" + n, X)
    case("arg" + n, X3, 1)
    case("arg" + n, X3, 2, True)
    case("a" + n, X3, [1], grad=True)
    case("a" + n, X3, [0, 2], True)
    case("a" + n, V([1.0, 3.0, 3.0, 2.0]), [0], grad=True)
for n in ["var", "std"]:
    fv = (lambda n: lambda x, dim=None, correction=None, keepdim=False: getattr(torch, n)(
        x, dim, correction=1 if correction is None else correction, keepdim=keepdim))(n)
    case(n + ".correction", X, grad=True, fn=fv)
    case(n + ".correction", X3, [1], grad=True, fn=fv)
    case(n + ".correction", X3, [0, 2], correction=0, keepdim=True, grad=True, fn=fv)
    case(n + ".correction", XN, [1], correction=2, fn=fv)
    case(n + ".correction", XI, fn=fv)
case("norm.ScalarOpt_dim", X, 2, [1], grad=True)
case("norm.ScalarOpt_dim", X, 1, [0], True, grad=True)
case("norm.ScalarOpt_dim", X, F(3.0), [1], grad=True)
case("norm.ScalarOpt_dim", X, F(float("inf")), [1], grad=True)
case("norm.ScalarOpt_dim", X, 0, [1])
case("norm.Scalar", X, grad=True, fn=lambda x: torch.norm(x))
case("logsumexp", X3, [1], grad=True)
case("logsumexp", X3, [0, 2], True)
case("logsumexp", V([float("-inf"), float("-inf")]), [0])
case("logsumexp", XI, [1])
case("cumsum", X, 1, grad=True)
case("cumsum", XN, 0)
case("cumsum", XI, 1)
case("cumprod", X, 1, grad=True)
case("cumprod", XI, 0)
case("cumprod", V([2.0, 0.0, 3.0, 0.0, 5.0, 6.0, 1.5, 0.5], [2, 4]), 1, grad=True, nodouble=True)
for n in ["all", "any"]:
    case(n, R(3, 4, dtype="bool"))
    case(n, XI)
    case(n, X)
    case(n + ".dim", R(3, 4, dtype="bool"), 1)
    case(n + ".dim", R(3, 4, dtype="uint8", lo=0, hi=2), 0, True)
case("count_nonzero.dim_IntList", R(3, 4, dtype="int64", lo=-1, hi=2), [1])
case("count_nonzero.dim_IntList", R(3, 4, dtype="int64", lo=-1, hi=2), [0, 1])
case("median", R(5), grad=True)
case("median", R(6))
case("median", V([1.0, float("nan"), 2.0]))
case("median.dim", R(3, 5), 1, grad=True)
case("median.dim", R(3, 4), 1, True)
case("mode", V([1, 2, 2, 3, 3, 1, 2, 3, 3], dtype="int64"))
case("mode", V([1.0, 2.0, 2.0, 3.0, 1.0, 2.0, 5.0, 5.0], [2, 4]), 1)
case("sort", R(3, 4), grad=True)
case("sort", R(3, 4), 0, True)
case("sort", V([3.0, float("nan"), 1.0, 2.0]))
case("sort", V([3, 1, 2, 1], dtype="int64"), 0, True)
case("argsort", R(3, 4), 1)
case("argsort", R(3, 4), 0, True)
case("topk", R(3, 5), 2, grad=True)
case("topk", R(3, 5), 2, 0, False)
case("topk", R(3, 5), 6)

# ---------------------------------------------------------------- linear algebra
case("mm", R(2, 3), R(3, 4), grad=True)
case("mm", R(2, 3, perm=[1, 0]), R(3, 4, perm=[1, 0]))
case("mm", R(2, 3), R(4, 5))
case("mm", R(2, 3, dtype="int64"), R(3, 2, dtype="int64"))
case("mm", R(0, 3), R(3, 2))
case("mm", R(2, 0), R(0, 2))
case("bmm", R(2, 2, 3), R(2, 3, 4), grad=True)
case("bmm", R(2, 2, 3), R(3, 3, 4))
case("mv", R(2, 3), R(3), grad=True)
case("dot", R(3), R(3), grad=True)
case("dot", R(3), R(4))
case("outer", R(3), R(2), grad=True)
case("matmul", R(3), R(3), grad=True)
case("matmul", R(2, 3), R(3), grad=True)
case("matmul", R(3), R(3, 2), grad=True)
case("matmul", R(2, 3), R(3, 4), grad=True)
case("matmul", R(2, 2, 3), R(3, 4), grad=True)
case("matmul", R(2, 2, 3), R(3), grad=True)
case("matmul", R(2, 1, 2, 3), R(3, 3, 2), grad=True)
case("matmul", R(3), R(2, 3, 2), grad=True)
case("matmul", R(2, 3), R(4, 5))
case("addmm", R(2, 4), R(2, 3), R(3, 4), grad=True)
case("addmm", R(4), R(2, 3), R(3, 4), beta=F(0.5), alpha=2, grad=True)
case("addmm", R(4), R(2, 3), R(4, 5))
case("baddbmm", R(2, 2, 4), R(2, 2, 3), R(2, 3, 4), grad=True)
case("baddbmm", R(4), R(2, 2, 3), R(2, 3, 4), beta=F(0.5), alpha=F(2.0))
case("linear", R(2, 3), R(4, 3), R(4), grad=True)
case("linear", R(2, 3), R(4, 3), grad=True)
case("linear", R(5, 2, 3), R(4, 3), R(4), grad=True)
case("linear", R(2, 3), R(4, 5), R(4))
EIN = lambda eq, ts: torch.einsum(eq, *ts)
case("einsum", "ij,jk->ik", [R(2, 3), R(3, 4)], grad=True, fn=EIN)
case("einsum", "bij,bjk->bik", [R(2, 2, 3), R(2, 3, 4)], grad=True, fn=EIN)
case("einsum", "ij->ji", [R(2, 3)], grad=True, fn=EIN)
case("einsum", "ij->", [R(2, 3)], grad=True, fn=EIN)
case("einsum", "i,j->ij", [R(2), R(3)], grad=True, fn=EIN)
case("einsum", "ij,ij->i", [R(2, 3), R(2, 3)], grad=True, fn=EIN)
case("einsum", "ik,kj,jl", [R(2, 3), R(3, 4), R(4, 2)], grad=True, fn=EIN)
case("einsum", "bhqd,bhkd->bhqk", [R(2, 2, 3, 4), R(2, 2, 5, 4)], fn=EIN)
case("einsum", "ij,jk->ik", [R(2, 3), R(4, 4)], fn=EIN)
case("einsum", "...ij,...jk->...ik", [R(2, 2, 3), R(2, 3, 4)], grad=True, fn=EIN)
case("einsum", "...ij,jk", [R(5, 2, 3), R(3, 4)], grad=True, fn=EIN)
case("einsum", "...ij,...jk->...ik", [R(2, 1, 2, 3), R(4, 3, 2)], grad=True, fn=EIN)
case("einsum", "i...->...", [R(3, 2, 2)], grad=True, fn=EIN)
case("einsum", "ii->i", [R(3, 3)], grad=True, fn=EIN)
case("einsum", "ii", [R(3, 3)], grad=True, fn=EIN)
case("einsum", "bii->bi", [R(2, 3, 3)], grad=True, fn=EIN)
case("einsum", "iij,jk->ik", [R(2, 2, 3), R(3, 2)], grad=True, fn=EIN)
case("diagonal", R(3, 4), grad=True)
case("diagonal", R(3, 4), 1, grad=True)
case("diagonal", R(2, 3, 4), -1, 2, 0, grad=True)
case("tril", R(3, 4), grad=True)
case("tril", R(3, 4), -1)
case("triu", R(3, 4), 1, grad=True)
case("triu", R(2, 3, 3))
case("trace", R(3, 4), grad=True)
case("trace", R(3, 3, dtype="int64"))
case("diag", R(3), grad=True)
case("diag", R(3), 1)
case("diag", R(3, 4), grad=True)
case("diag", R(3, 4), -1, grad=True)

# ---------------------------------------------------------------- shape / view ops
case("view", R(2, 6), [3, 4], grad=True)
case("view", R(2, 6), [-1, 3])
case("view", R(2, 6), [5, -1])
case("view", R(2, 6), [-1, -1])
case("view", R(2, 3, perm=[1, 0]), [6])
case("view", R(2, 3, 4, perm=[0, 2, 1]), [2, 12])
case("view", R(2, 3, 4, perm=[1, 0, 2]), [6, 4])
case("reshape", R(2, 3, perm=[1, 0]), [6], grad=True)
case("reshape", R(2, 6), [3, 4], grad=True)
case("transpose.int", R(2, 3, 4), 0, 2, grad=True)
case("permute", R(2, 3, 4), [2, 0, 1], grad=True)
case("t", R(2, 3), grad=True)
case("t", R(3))
case("t", R(2, 3, 4))
case("narrow", R(4, 5), 1, 1, 3, grad=True)
case("narrow", R(4, 5), 0, 3, 3)
case("slice.Tensor", R(6, 4), 0, 1, 6, 2, grad=True)
case("slice.Tensor", R(6, 4), 1, -3, None, 1)
case("select.int", R(3, 4), 1, 2, grad=True)
case("select.int", R(3, 4), 0, -1)
case("select.int", R(3, 4), 0, 3)
case("expand", R(3, 1), [2, 3, 4], grad=True)
case("expand", R(3, 1), [-1, 4])
case("expand", R(3, 2), [3, 4])
case("squeeze", R(1, 3, 1, 2), grad=True)
case("squeeze.dim", R(1, 3, 1, 2), 2, grad=True)
case("squeeze.dim", R(1, 3, 1, 2), 1)
case("unsqueeze", R(3, 2), 1, grad=True)
case("unsqueeze", R(3, 2), -1)
case("flatten.using_ints", R(2, 3, 4), grad=True)
case("flatten.using_ints", R(2, 3, 4), 1)
case("flatten.using_ints", R(2, 3, 4, perm=[2, 1, 0]), 0, 1)
case("unflatten.int", R(2, 12), 1, [3, 4], grad=True)
case("unflatten.int", R(2, 12), 1, [-1, 4])
case("contiguous", R(2, 3, perm=[1, 0]), grad=True)
case("clone", R(2, 3, perm=[1, 0]), grad=True)
case("_to_copy", R(2, 3), dtype=D("float64"), grad=True)
case("_to_copy", V([1.7, -1.7, 2.5, -0.0, 300.0]), dtype=D("int64"))
case("_to_copy", V([1.7, -1.7, 0.0, 300.0]), dtype=D("bool"))
case("_to_copy", V([1.7, 2.0, 255.0, 100.5]), dtype=D("uint8"))
case("_to_copy", V([1, 0, 3], dtype="int64"), dtype=D("bool"))
case("cat", [R(2, 3), R(1, 3)], grad=True)
case("cat", [R(2, 3), R(2, 2)], 1, grad=True)
case("cat", [R(2, 3), R(0), R(2, 1, dtype="int64")], 1)
case("cat", [R(2, 3), R(2, 2)])
case("cat", [R(2, 3), R(2, 3, dtype="float64")])
case("stack", [R(2, 3), R(2, 3)], grad=True)
case("stack", [R(2, 3), R(2, 3)], 2)
case("stack", [R(2, 3), R(3, 2)])
case("split.Tensor", R(5, 2), 2, grad=True)
case("split_with_sizes", R(5, 2), [1, 4], grad=True)
case("split_with_sizes", R(2, 5), [2, 2], 1)
case("chunk", R(5, 2), 3, grad=True)
case("chunk", R(2, 6), 4, 1)
case("unbind.int", R(3, 2), grad=True)
case("unbind.int", R(3, 2), 1)
IDX = V([[0, 2, 1], [1, 0, 0]][0] + [1, 0, 0], [2, 3], "int64")
case("gather", R(3, 3), 0, IDX, grad=True)
case("gather", R(2, 4), 1, V([0, 3, 3, 1, 2, 0], [2, 3], "int64"), grad=True)
case("gather", R(2, 4), 1, V([0, 4], [2, 1], "int64"))
case("scatter.src", R(3, 3), 0, IDX, R(2, 3), grad=True)
case("scatter.value", R(3, 3), 1, V([0, 2, 1, 1], [2, 2], "int64"), F(9.0), grad=True)
case("scatter_add", R(3, 3), 0, IDX, R(2, 3), grad=True)
case("scatter_add", R(5, dtype="int64"), 0, V([0, 1, 0, 4], [4], "int64"), V([1, 2, 3, 4], [4], "int64"))
case("index_select", R(4, 3), 0, V([3, 0, 3], [3], "int64"), grad=True)
case("index_select", R(4, 3), 1, V([2, 0], [2], "int64"), grad=True)
case("index_select", R(4, 3), 0, V([4], [1], "int64"))
case("index_add", R(4, 3), 0, V([3, 0, 3], [3], "int64"), R(3, 3), grad=True)
case("index_add", R(4, 3), 1, V([2, 0], [2], "int64"), R(4, 2), alpha=F(2.0))
case("masked_fill.Scalar", R(2, 3), R(2, 3, dtype="bool"), F(-1.0), grad=True)
case("masked_fill.Scalar", R(2, 3), R(3, dtype="bool"), F(float("inf")))
case("masked_fill.Scalar", R(2, 3, dtype="int64"), R(2, 3, dtype="bool"), 7)
case("masked_select", R(2, 3), R(2, 3, dtype="bool"), grad=True)
case("masked_select", R(2, 3), R(3, dtype="bool"))
case("nonzero", V([0, 1, 0, 2, 3, 0], [2, 3], "int64"))
case("nonzero", V([0.0, 0.5, float("nan")]))
case("flip", R(2, 3, 4), [0, 2], grad=True)
case("flip", R(3), [0])
case("roll", R(2, 3), [1], [1], grad=True)
case("roll", R(2, 3), [-1, 2], [0, 1])
case("roll", R(2, 3), [2])
case("repeat", R(2, 3), [2, 2], grad=True)
case("repeat", R(2), [3, 1, 2], grad=True)
case("repeat", R(2, 3), [2])
case("tile", R(2, 3), [2], grad=True)
case("tile", R(2), [2, 2])
case("repeat_interleave.self_int", R(2, 3), 2, grad=True)
case("repeat_interleave.self_int", R(2, 3), 2, 1, grad=True)
case("take", R(3, 4), V([0, 11, 5, -1], [2, 2], "int64"), grad=True)
case("diff", R(2, 5), grad=True)
case("diff", R(2, 5), 2, 0, fn=lambda x, n, d: torch.diff(x, n, d))
case("diff", R(2, 5), 1, 1, R(2, 1), R(2, 2), fn=lambda x, n, d, p, a: torch.diff(x, n, d, p, a))
case("broadcast_tensors", [R(2, 1), R(3), R(1, 1)], grad=True)
case("meshgrid.indexing", [R(2), R(3)], indexing="ij", grad=True)
case("meshgrid.indexing", [R(2), R(3), R(4)], indexing="xy")
case("cartesian_prod", [R(2), R(3)], grad=True, fn=lambda ts: torch.cartesian_prod(*ts))
for n in [1, 2, 3]:
    for shp in [(), (3,), (2, 3), (2, 3, 2)]:
        case("atleast_%dd" % n, R(*shp), fn=getattr(torch, "atleast_%dd" % n))
case("hstack", [R(2), R(3)], fn=torch.hstack)
case("hstack", [R(2, 2), R(2, 3)], fn=torch.hstack, grad=True)
case("vstack", [R(3), R(3)], fn=torch.vstack)
case("vstack", [R(2, 3), R(1, 3)], fn=torch.vstack, grad=True)
PADF = lambda x, p, mode="constant", value=None: torch.nn.functional.pad(x, p, mode, value)
case("pad", R(2, 3), [1, 2], grad=True, fn=PADF)
case("pad", R(2, 3), [1, 0, 0, 2], "constant", F(-1.5), fn=PADF)
case("pad", R(2, 3), [-1, 1], fn=PADF)
case("pad", R(1, 2, 4), [2, 1], "reflect", grad=True, fn=PADF)
case("pad", R(1, 2, 3, 3), [1, 1, 2, 0], "reflect", fn=PADF)
case("pad", R(1, 2, 4), [2, 3], "replicate", grad=True, fn=PADF)
case("pad", R(1, 2, 3, 3), [1, 2, 1, 0], "replicate", fn=PADF)
case("softmax.int", R(3, 4), 1, grad=True)
case("softmax.int", R(3, 4), 0, grad=True)
case("softmax.int", V([1.0, float("-inf"), 2.0]), 0)
case("softmax.int", R(3, 4, dtype="int64"), 1, D("float64"))
case("log_softmax.int", R(3, 4), 1, grad=True)
case("log_softmax.int", R(2, 3, 4), 1, grad=True)
case("log_softmax.int", R(3, 4, perm=[1, 0]), 1)
case("dropout", R(2, 3), F(0.5), False, grad=True, fn=torch.dropout)

# ---------------------------------------------------------------- comparison, index_copy/fill, masked_scatter
CA = V([1.0, 2.0, float("nan"), float("inf"), 1e-9, 100.0])
CB = V([1.0 + 1e-6, 2.1, float("nan"), float("inf"), 0.0, 100.001])
case("isclose", CA, CB)
case("isclose", CA, CB, F(1e-3), F(1e-6), True)
case("isclose", R(3), R(3, dtype="float64"))
case("allclose", CA, CB, fn=lambda a, b, *r: torch.tensor(torch.allclose(a, b, *r)))
case("allclose", CA, CA, F(1e-5), F(1e-8), True, fn=lambda a, b, *r: torch.tensor(torch.allclose(a, b, *r)))
case("equal", V([1.0, 2.0]), V([1.0, 2.0]), fn=lambda a, b: torch.tensor(torch.equal(a, b)))
case("equal", V([1.0, 2.0]), V([1.0, 2.5]), fn=lambda a, b: torch.tensor(torch.equal(a, b)))
case("equal", V([1.0, 2.0]), V([1.0, 2.0, 3.0]), fn=lambda a, b: torch.tensor(torch.equal(a, b)))
case("max.other", R(2, 3), R(3), grad=True)
case("min.other", R(2, 3), R(3), grad=True)
case("index_copy", R(4, 3), 0, V([3, 1], [2], "int64"), R(2, 3), grad=True)
case("index_copy", R(4, 3), 1, V([2, 0], [2], "int64"), R(4, 2))
case("index_fill.int_Scalar", R(4, 3), 1, V([2, 0], [2], "int64"), F(-1.0), grad=True)
case("masked_scatter", R(2, 3), R(2, 3, dtype="bool"), R(6), grad=True)
case("masked_scatter", R(2, 3), R(3, dtype="bool"), R(7))
case("index_fill_.int_Scalar", R(4, 3), 0, V([1], [1], "int64"), 5)

# ---------------------------------------------------------------- advanced indexing
case("index.Tensor", R(4, 3), [V([0, 2, 2], [3], "int64")], grad=True)
case("index.Tensor", R(4, 3), [None, V([1, 0], [2], "int64")], grad=True)
case("index.Tensor", R(4, 3), [V([0, 3], [2, 1], "int64"), V([2, 0, 1], [1, 3], "int64")], grad=True)
case("index.Tensor", R(2, 3, 4), [V([0, 1], [2], "int64"), None, V([3, -1], [2], "int64")], grad=True)
case("index.Tensor", R(2, 3, 4), [None, V([0, 2], [2], "int64"), V([3, 1], [2], "int64")])
case("index.Tensor", R(3, 4), [R(3, 4, dtype="bool")], grad=True)
case("index.Tensor", R(3, 4), [R(3, dtype="bool")])
case("index.Tensor", R(3, 4), [V([3], [1], "int64")])
case("index_put", R(4, 3), [V([0, 2], [2], "int64")], R(2, 3), grad=True)
case("index_put", R(4, 3), [V([0, 0, 1], [3], "int64"), V([1, 1, 2], [3], "int64")], R(3), True, grad=True)
case("index_put", R(4, 3), [R(4, 3, dtype="bool")], V([5.0], [1]))
case("index_put_", R(4, 3), [None, V([2], [1], "int64")], V([0.0], []))

# ---------------------------------------------------------------- in-place
case("relu_", R(2, 3))
case("relu_", R(2, 3, perm=[1, 0]))
case("mul_.Tensor", R(2, 3, perm=[1, 0]), R(3))
case("add_.Tensor", R(2, 3), R(3), alpha=2)
case("add_.Tensor", R(3, dtype="int64"), R(3))
case("add_.Tensor", R(3), R(2, 3))
case("div_.Tensor", R(3, dtype="int64"), R(3, dtype="int64", lo=1, hi=3))
case("clamp_", R(2, 3), F(-0.5), F(0.5))
case("sigmoid_", R(2, 3))
case("pow_.Tensor_Scalar", R(2, 3), 3, fn=lambda x, e: x.pow_(e))
case("copy_", R(2, 3, perm=[1, 0]), R(3))
case("copy_", R(2, 3, dtype="int64"), R(2, 3))
case("fill_.Scalar", R(2, 3), F(2.5))
case("zero_", R(2, 3, dtype="int64"))
case("addcmul", R(2, 3), R(2, 3), R(3), value=F(0.5), grad=True)
case("addcdiv", R(2, 3), R(2, 3), R(3, pos=True), value=2, grad=True)
case("addcmul_", R(2, 3), R(2, 3), R(3), value=F(-1.5))
case("addcdiv_", R(2, 3), R(2, 3), R(3, pos=True))
case("masked_fill_.Scalar", R(2, 3), R(3, dtype="bool"), F(0.0))
case("index_add_", R(4, 3), 0, V([1, 1], [2], "int64"), R(2, 3))

# ---------------------------------------------------------------- creation
case("zeros", [2, 3])
case("zeros", [2, 3], dtype=D("int64"))
case("ones", [3], dtype=D("bool"))
case("full", [2, 2], F(1.5))
case("full", [2, 2], 3)
case("full", [2], True, fn=lambda s, v: torch.full(s, v))
case("full", [2, 2], 3, dtype=D("float64"))
case("eye", 3, fn=lambda n: torch.eye(n))
case("eye.m", 2, 3)
case("arange.start_step", 0, 5)
case("arange.start_step", 0, 5, F(0.5))
case("arange.start_step", F(1.0), F(2.0), F(0.3))
case("arange.start_step", 10, 0, -3)
case("arange.start_step", 0, 10, 3, dtype=D("float64"))
case("arange.start_step", 0, F(1.0), F(0.1))
case("arange.start_step", 0, 5, -1)
case("linspace", F(0.0), F(1.0), 5)
case("linspace", F(-1.0), F(1.0), 7)
case("linspace", F(0.0), F(1.0), 1)
case("linspace", F(-3.3), F(10.1), 13, dtype=D("float64"))
case("linspace", 0, 10, 4, dtype=D("int64"))
case("logspace", F(0.0), F(2.0), 3)
case("logspace", F(-1.0), F(1.0), 5, F(2.0))
case("zeros_like", R(2, 3, dtype="int64"))
case("ones_like", R(2, 3), dtype=D("float64"))
case("full_like", R(2, 3), F(7.0))

# ---------------------------------------------------------------- random (same seed, same numbers)
case("rand", [5], seed=1)
case("rand", [4, 5], seed=2)
case("rand", [3], dtype=D("float64"), seed=3)
case("randn", [5], seed=4)
case("randn", [20], seed=5)
case("randn", [3, 7], dtype=D("float64"), seed=6)
case("randint.low", 0, 10, [12], seed=7)
case("randint.low", -5, 5, [3, 4], seed=8)
case("randperm", 10, seed=9)
case("normal.float_float", F(2.0), F(3.0), [17], seed=10)
case("normal.Tensor_float", R(20), F(0.5), seed=17)
case("normal.float_Tensor", F(1.0), R(5, pos=True), seed=18)
case("normal.Tensor_Tensor", R(3, 1), R(4, pos=True), seed=19)
case("randint", 7, [9], seed=20)
case("randint_like.low_dtype", R(2, 5), -3, 3, seed=21)
case("bernoulli", R(20, lo=0, hi=1), seed=11)
case("bernoulli.p", R(20), F(0.3), seed=12)
case("multinomial", V([0.1, 0.2, 0.3, 0.4]), 3, seed=13)
case("multinomial", V([0.1, 0.2, 0.3, 0.4, 1.0, 0.0, 1.0, 2.0], [2, 4]), 5, True, seed=14)
case("dropout", R(40), F(0.3), True, seed=15, fn=torch.dropout)
case("dropout", R(4, 5, dtype="float64"), F(0.5), True, seed=16, fn=torch.dropout)

json.dump({"torch": torch.__version__, "cases": cases}, sys.stdout, indent=None, separators=(",", ":"))
sys.stdout.write("\n")
