#!/usr/bin/env python3
"""Generates nn.json: inputs, PyTorch 1.13 outputs and input gradients for
torchr's nn kernels, losses and linear algebra (nn_*.go, linalg.go).

Run with Debian's python3 (which has torch):
    /usr/bin/python3 tensor/testdata/gen_nn_fixtures.py > tensor/testdata/nn.json

Same encoding as gen_fixtures.py (helpers in fixturelib.py). A case names
the torchr op (called with rt.CallNamed and the decoded arguments) and, with
fn, the torch call that computes the expected output. With grad=True every
floating input requires grad, and the case records the grad_fn name and the
gradients of L = sum_k sum_i out_k[i] * (sin(3i+k+1) + 0.5) with respect to
each floating input (positional arguments first, then keyword arguments
sorted by name), except the positional arguments listed in nograd (running
statistics). With after=True it also records the tensor arguments after the
call (running statistics updated in place).
"""
import json
import math
import sys

import torch
import torch.nn.functional as Fn

sys.dont_write_bytecode = True  # no __pycache__ next to the scripts
from fixturelib import F, In, R, V, dec_arg, enc_arg, enc_out  # noqa: E402

torch.manual_seed(0)
torch.set_num_threads(1)


cases = []


def weights(n, k, dtype):
    return torch.tensor([math.sin(3 * i + k + 1) + 0.5 for i in range(n)], dtype=torch.float64).to(dtype)


def rounded(v, digits):
    if isinstance(v, float):
        return float("%.*g" % (digits, v))
    if isinstance(v, list):
        return [rounded(x, digits) for x in v]
    if isinstance(v, dict):
        return {k: rounded(x, digits) for k, x in v.items()}
    return v


def canonical(kind, out):
    """Fixes the signs of QR and SVD factors (and zeroes the arbitrary
    completion columns of complete/full factors) so they can be compared;
    tensor/nn_fixtures_test.go does the same."""
    out = [o.detach().clone() for o in out]
    if kind == "svd_v":  # torch.svd's V: canonicalise V^T as Vh
        u, s_, vh = canonical("svd", [out[0], out[1], out[2].transpose(-2, -1)])
        return [u, s_, vh.transpose(-2, -1)]
    if kind == "qr":
        Q, R = out
        k = min(R.shape[-2], R.shape[-1])
        for idx in torch.cartesian_prod(*[torch.arange(s) for s in Q.shape[:-2]]) if Q.dim() > 2 else [None]:
            q = Q[tuple(idx.reshape(-1).tolist())] if idx is not None else Q
            r = R[tuple(idx.reshape(-1).tolist())] if idx is not None else R
            for j in range(k):
                if r[j, j] < 0:
                    r[j, :] *= -1
                    q[:, j] *= -1
            q[:, k:] = 0
        return out
    U, S, Vh = out
    k = S.shape[-1]
    for idx in torch.cartesian_prod(*[torch.arange(s) for s in U.shape[:-2]]) if U.dim() > 2 else [None]:
        u = U[tuple(idx.reshape(-1).tolist())] if idx is not None else U
        v = Vh[tuple(idx.reshape(-1).tolist())] if idx is not None else Vh
        for j in range(k):
            i = int(u[:, j].abs().argmax())
            if u[i, j] < 0:
                u[:, j] *= -1
                v[j, :] *= -1
        u[:, k:] = 0
        v[k:, :] = 0
    return out


def case(op, *args, fn=None, tol=None, grad=False, after=False, nograd=(), check_grad_fn=True, gradcheck=True, grads=True, canon=None, digits=None, **kw):
    """op: torchr's op name; fn: the torch call (default torch.ops.aten.<op>)."""
    c = {"op": op, "args": [enc_arg(a) for a in args], "kwargs": {k: enc_arg(v) for k, v in kw.items()}}
    if tol is not None:
        c["tol"] = tol
    targs = [dec_arg(a) for a in args]
    tkw = {k: dec_arg(v) for k, v in kw.items()}
    inputs = []
    if nograd:
        c["nograd"] = list(nograd)
    if not gradcheck:  # PyTorch's gradient is not the derivative (padding_idx, scale_grad_by_freq)
        c["no_gradcheck"] = True
    if grad:
        for i, t in enumerate(targs + [tkw[k] for k in sorted(tkw)]):
            if isinstance(t, torch.Tensor) and t.is_floating_point() and i not in nograd:
                t.requires_grad_(True)
                inputs.append(t)
    try:
        if fn is not None:
            out = fn(*targs, **tkw)
        else:
            name, _, ov = op.partition(".")
            f = getattr(getattr(torch.ops.aten, name), ov or "default")
            out = f(*targs, **tkw)
        raw = out
        if canon:
            c["canon"] = canon
            out = canonical(canon, out)
        c["out"] = enc_out(out)
        if digits:  # results that vary in the last bits between runs
            c["out"] = rounded(c["out"], digits)
        out = raw
        if after:  # in-place updated arguments (running statistics)
            c["after"] = [enc_out(t) if isinstance(t, torch.Tensor) else None for t in targs]
        if grad:
            outs = list(out) if isinstance(out, (list, tuple)) else [out]
            o = outs[0]
            c["grad_fn"] = type(o.grad_fn).__name__ if o.grad_fn is not None else None
            if not check_grad_fn:
                c["grad_fn"] = ""
            L = None
            for k, o in enumerate(outs):
                if not o.is_floating_point() or not o.requires_grad:
                    continue
                s = (o * weights(o.numel(), k, o.dtype).reshape(o.shape)).sum()
                L = s if L is None else L + s
            if grads:
                gs = torch.autograd.grad(L, inputs, allow_unused=True)
                c["grads"] = [enc_out(g) if g is not None else None for g in gs]
    except Exception as e:  # noqa
        c["error"] = str(e).split("\n")[0]
    cases.append(c)


# ---------------------------------------------------------------- convolutions
case("conv2d", R(2, 3, 6, 5), R(4, 3, 3, 3), R(4), grad=True)
case("conv2d", R(2, 3, 6, 5), R(4, 3, 3, 3), None, [2, 1], [1, 2], grad=True)
case("conv2d", R(1, 4, 7, 7), R(6, 2, 3, 2), R(6), [1, 2], [2, 1], [2, 1], 2, grad=True)
case("conv2d", R(2, 6, 5, 5), R(6, 1, 3, 3), None, 1, 1, 1, 6, grad=True)  # depthwise
case("conv2d", R(2, 3, 5, 6, perm=[0, 2, 3, 1]), R(5, 3, 1, 1), R(5), grad=True)  # channels-last input, 1x1
case("conv2d", R(3, 5, 5), R(2, 3, 3, 3), R(2), grad=True)  # unbatched
case("conv2d", R(2, 3, 4, 4, dtype="float64"), R(2, 3, 2, 2, dtype="float64"), R(2, dtype="float64"), 2, grad=True)
case("conv2d", R(0, 3, 5, 5), R(4, 3, 3, 3))
case("conv2d.padding", R(2, 3, 6, 5), R(4, 3, 3, 3), R(4), 1, "same", grad=True)
case("conv2d.padding", R(1, 2, 6, 5), R(3, 2, 4, 2), None, 1, "same", [1, 2], grad=True)  # asymmetric
case("conv2d.padding", R(1, 2, 6, 5), R(3, 2, 3, 3), None, 1, "valid", grad=True)
case("conv2d.padding", R(1, 2, 6, 5), R(3, 2, 3, 3), None, 2, "same")
case("conv2d.padding", R(1, 2, 6, 5), R(3, 2, 3, 3), None, 1, "foo")
case("conv2d", R(2, 3), R(4, 3, 3, 3))
case("conv2d", R(1, 2, 5, 5), R(4, 3, 3, 3))
case("conv2d", R(1, 3, 2, 2), R(4, 3, 3, 3))
case("conv2d", R(1, 4, 5, 5), R(4, 2, 3, 3), None, 1, 0, 1, 3)
case("conv2d", R(1, 3, 5, 5), R(4, 3, 3, 3), None, 0)
case("conv2d", R(1, 3, 5, 5), R(4, 3, 3, 3), None, 1, -1)
case("conv2d", R(1, 3, 5, 5), R(4, 3, 3, 3), R(3))
case("conv1d", R(2, 3, 9), R(4, 3, 3), R(4), grad=True)
case("conv1d", R(2, 4, 9), R(4, 2, 2), None, 2, 1, 3, 2, grad=True)
case("conv1d", R(3, 9), R(4, 3, 3), R(4), grad=True)
case("conv1d.padding", R(2, 3, 9), R(4, 3, 4), R(4), 1, "same", grad=True)
case("conv1d", R(1, 3, 5, 5), R(4, 3, 3))
case("conv1d", R(1, 3, 5), R(4, 3, 3), None, [1, 1])
case("conv_transpose2d.input", R(2, 3, 4, 4), R(3, 2, 3, 3), R(2), grad=True, fn=Fn.conv_transpose2d)
case("conv_transpose2d.input", R(1, 4, 3, 5), R(4, 1, 3, 2), R(2), [2, 3], [1, 0], [1, 2], 2, [1, 1], grad=True, fn=Fn.conv_transpose2d)
case("conv_transpose2d.input", R(1, 2, 3, 3), R(2, 3, 2, 2), None, 2, 0, 0, 1, 2, grad=True, fn=Fn.conv_transpose2d)
case("conv_transpose2d.input", R(2, 3, 3), R(2, 3, 2, 2), R(3), 2, grad=True, fn=Fn.conv_transpose2d)
case("conv_transpose2d.input", R(1, 3, 5, 5), R(3, 2, 3, 3), None, 2, 0, 2, fn=Fn.conv_transpose2d)
case("conv_transpose1d.input", R(2, 3, 5), R(3, 2, 3), R(2), 2, 1, 1, grad=True, fn=Fn.conv_transpose1d)

# ---------------------------------------------------------------- pooling
X4 = R(2, 3, 7, 6)
case("max_pool2d", X4, 2, grad=True)
case("max_pool2d", X4, [3, 2], [2, 1], [1, 0], grad=True)
case("max_pool2d", X4, 3, 2, 1, 2, grad=True)
case("max_pool2d", X4, 3, 2, 0, 1, True, grad=True)
case("max_pool2d", R(3, 5, 5), 2, 2, 1, 1, True, grad=True)
case("max_pool2d", R(2, 3, 6, 5, perm=[0, 2, 3, 1]), 2, grad=True)
case("max_pool2d", R(1, 2, 5, 5, dtype="float64"), 3, 1, 1, grad=True)
case("max_pool2d", V([1.0, float("nan"), 3.0, 2.0, 0.0, -1.0, 5.0, 4.0, 1.0], [1, 1, 3, 3]), 2, 1)
case("max_pool2d_with_indices", X4, 3, 2, 1, grad=True)
case("max_pool2d_with_indices", X4, [2, 3], [1, 2], 0, [2, 1], True, grad=True)
case("max_pool2d", R(1, 3, 5, 5), 2, 2, 2)
case("max_pool2d", R(1, 3, 1, 1), 2)
case("max_pool2d", R(3, 5), 2)
case("max_pool2d", R(1, 1, 4, 4, dtype="int64"), 2)
case("max_pool1d", R(2, 3, 9), 2, grad=True)
case("max_pool1d", R(2, 3, 9), 3, 2, 1, 2, True, grad=True)
case("max_pool1d", R(3, 8), 3, grad=True)
case("max_pool1d_with_indices", R(2, 3, 9), 3, 2, 1, grad=True)
case("avg_pool2d", X4, 2, grad=True)
case("avg_pool2d", X4, 3, 2, 1, grad=True)
case("avg_pool2d", X4, 3, 2, 1, False, False, grad=True)
case("avg_pool2d", X4, 3, 2, 1, True, True, grad=True)
case("avg_pool2d", X4, 3, 2, 1, True, False, grad=True)
case("avg_pool2d", X4, [3, 2], [2, 1], [1, 1], False, True, 5, grad=True)
case("avg_pool2d", R(3, 5, 4), 2, 1, grad=True)
case("avg_pool2d", R(2, 3, 6, 5, perm=[0, 2, 3, 1]), 2, grad=True)
case("avg_pool2d", R(1, 2, 5, 5, dtype="float64"), 3, 2, 1, True, grad=True)
case("avg_pool2d", R(1, 3, 5, 5), 2, 2, 2)
case("avg_pool1d", R(2, 3, 9), 3, grad=True)
case("avg_pool1d", R(2, 3, 9), 3, 2, 1, True, False, grad=True)
case("avg_pool1d", R(3, 9), 2, grad=True)
case("adaptive_avg_pool2d", X4, [3, 2], grad=True)
case("adaptive_avg_pool2d", X4, [4, 5], grad=True)
case("adaptive_avg_pool2d", X4, 1, grad=True, fn=Fn.adaptive_avg_pool2d)
case("adaptive_avg_pool2d", R(3, 7, 5), [5, 7], grad=True)
case("adaptive_avg_pool2d", R(2, 3, 6, 5, perm=[0, 2, 3, 1]), [2, 2], grad=True)
case("adaptive_avg_pool1d", R(2, 3, 10), 4, grad=True)
case("adaptive_max_pool2d", X4, [3, 2], grad=True)
case("adaptive_max_pool2d", R(3, 7, 5), [4, 4], grad=True)

# ---------------------------------------------------------------- normalisation
BN = R(4, 3, 5)
for training in [True, False]:
    case("batch_norm", BN, R(3), R(3), R(3), R(3, pos=True), training, F(0.1), F(1e-5), False, grad=True, nograd=(3, 4), after=True)
    case("batch_norm", R(2, 3, 4, 4), None, None, R(3), R(3, pos=True), training, F(0.3), F(1e-3), False, grad=True, nograd=(3, 4), after=True)
case("batch_norm", R(6, 4), R(4), R(4), None, None, True, F(0.1), F(1e-5), False, grad=True, nograd=(3, 4))
case("batch_norm", R(2, 3, 4, 4, perm=[0, 2, 3, 1]), R(3), None, R(3), R(3, pos=True), True, F(0.1), F(1e-5), False, grad=True, nograd=(3, 4), after=True)
case("batch_norm", R(3, 2, 5, dtype="float64"), R(2, dtype="float64"), R(2, dtype="float64"), R(2, dtype="float64"), R(2, dtype="float64", pos=True), True, F(0.1), F(1e-5), False, grad=True, nograd=(3, 4), after=True)
case("batch_norm", R(2, 3), R(3), R(3), R(4), R(4), True, F(0.1), F(1e-5), False)
case("native_batch_norm", BN, R(3), R(3), R(3), R(3, pos=True), True, F(0.1), F(1e-5), grad=True, nograd=(3, 4))
case("layer_norm", R(2, 3, 5), [5], R(5), R(5), grad=True)
case("layer_norm", R(2, 3, 5), [3, 5], R(3, 5), None, F(1e-3), grad=True)
case("layer_norm", R(4, 6), [6], grad=True)
case("layer_norm", R(3, 4, 2, perm=[2, 0, 1]), [4], R(4), R(4), grad=True)
case("layer_norm", R(2, 3, dtype="float64"), [3], R(3, dtype="float64"), R(3, dtype="float64"), grad=True)
case("layer_norm", R(2, 3), [4])
case("native_layer_norm", R(2, 3, 5), [5], R(5), R(5), F(1e-5), grad=True)
case("group_norm", R(2, 6, 3), 3, R(6), R(6), grad=True)
case("group_norm", R(2, 4, 3, 3), 2, None, None, F(1e-3), grad=True)
case("group_norm", R(3, 4, 5), 1, R(4), R(4), grad=True)
case("group_norm", R(2, 4, 5), 4, R(4), R(4), grad=True)
case("group_norm", R(2, 6, 3), 4)
case("instance_norm", R(2, 3, 5), R(3), R(3), R(3), R(3, pos=True), True, F(0.1), F(1e-5), False, grad=True, nograd=(3, 4), after=True)
case("instance_norm", R(2, 3, 4, 4), None, None, None, None, True, F(0.1), F(1e-5), False, grad=True, nograd=(3, 4))
case("instance_norm", R(2, 3, 5), R(3), R(3), R(3), R(3, pos=True), False, F(0.1), F(1e-5), False, grad=True, nograd=(3, 4))

# ---------------------------------------------------------------- losses (reduction: 0 none, 1 mean, 2 sum)
RED = ["none", "mean", "sum"]


def lossfn(f):
    return lambda x, t, reduction=1: f(x, t, reduction=RED[reduction])


for r in [0, 1, 2]:
    case("mse_loss", R(3, 4), R(3, 4), r, grad=True)
    case("l1_loss", R(3, 4), R(3, 4), r, grad=True, fn=lossfn(Fn.l1_loss))
    case("smooth_l1_loss", R(3, 4), R(3, 4), r, F(0.5), grad=True)
    case("huber_loss", R(3, 4), R(3, 4), r, F(0.7), grad=True)
    case("nll_loss", R(4, 5), V([0, 4, 2, 1], dtype="int64"), None, r, grad=True, nograd=(2, 3))
    case("nll_loss", R(4, 5), V([0, 4, 2, 1], dtype="int64"), R(5, pos=True), r, 2, grad=True, nograd=(2, 3))
    case("nll_loss_nd", R(2, 3, 2, 2), V([0, 1, 2, 1, 2, 0, -100, 1], [2, 2, 2], dtype="int64"), R(3, pos=True), r, grad=True, nograd=(2, 3))
    case("cross_entropy_loss", R(4, 5), V([0, 4, 2, 1], dtype="int64"), None, r, grad=True, nograd=(2, 3))
    case("cross_entropy_loss", R(4, 5), V([0, 4, 2, 1], dtype="int64"), R(5, pos=True), r, 1, F(0.2), grad=True, nograd=(2, 3))
    case("cross_entropy_loss", R(2, 3, 4), V([0, 1, 2, 1, 2, 0, 1, 1], [2, 4], dtype="int64"), None, r, -100, F(0.1), grad=True, nograd=(2, 3))
    case("cross_entropy_loss", R(4, 5), R(4, 5, lo=0, hi=1), None, r, grad=True, nograd=(2, 3), check_grad_fn=(r != 1), fn=lambda x, t, w, r: torch.ops.aten.cross_entropy_loss(x, t.detach(), w, r))
    case("cross_entropy_loss", R(4, 5), R(4, 5, lo=0, hi=1), R(5, pos=True), r, -100, F(0.3), grad=True, nograd=(2, 3), check_grad_fn=(r != 1), fn=lambda x, t, w, r, i, ls: torch.ops.aten.cross_entropy_loss(x, t.detach(), w.detach(), r, i, ls))
    case("binary_cross_entropy", R(3, 4, lo=0.05, hi=0.95), R(3, 4, lo=0, hi=1), None, r, grad=True, nograd=(2, 3))
    case("binary_cross_entropy", R(3, 4, lo=0.05, hi=0.95), R(3, 4, lo=0, hi=1), R(4, pos=True), r, grad=True, nograd=(2, 3))
    case("binary_cross_entropy_with_logits", R(3, 4), R(3, 4, lo=0, hi=1), None, None, r, grad=True, nograd=(2, 3))
    case("binary_cross_entropy_with_logits", R(3, 4), R(3, 4, lo=0, hi=1), R(4, pos=True), R(4, pos=True), r, grad=True, nograd=(2, 3))
    case("kl_div", R(3, 4), R(3, 4, lo=0, hi=1), r, grad=True)
    case("kl_div", R(3, 4), R(3, 4), r, log_target=True, grad=True)
case("mse_loss", R(3, 4), R(4), grad=True, fn=lossfn(Fn.mse_loss))  # F.mse_loss broadcasts first
case("mse_loss", R(3, 4, perm=[1, 0]), R(3, 4), 2, grad=True)
case("mse_loss", R(2, 3, dtype="float64"), R(2, 3, dtype="float64"), grad=True)
case("mse_loss", R(2, 3), R(2, 4))
case("smooth_l1_loss", R(3, 4), R(3, 4), 1, F(0.0), grad=True)
case("smooth_l1_loss", R(3, 4), R(3, 4), grad=True)
case("nll_loss", R(5), V([2], [], dtype="int64"), grad=True, nograd=(2, 3))
case("nll_loss", R(4, 5), V([0, -100, -100, -100], dtype="int64"), grad=True, nograd=(2, 3))
case("nll_loss", R(2, 3), V([0, 3], dtype="int64"))
case("nll_loss", R(2, 3), V([0, 1, 2], dtype="int64"))
case("nll_loss_nd", R(2, 3, 4), V([0, 1, 2, 1, 2, 0, 1, 1], [2, 4], dtype="int64"), grad=True, nograd=(2, 3))
case("nll_loss_nd", R(2, 3, 4), V([0, 1, 2, 1, 2, 0, 1, 1], [2, 4], dtype="int64"), None, 0, grad=True, nograd=(2, 3))
case("nll_loss_nd", R(2, 3), V([0, 1, 2], dtype="int64"))
case("nll_loss", R(2, 3, 4), V([0, 1, 2, 1, 2, 0, 1, 1], [2, 4], dtype="int64"))
case("cross_entropy_loss", R(5), V([3], [], dtype="int64"), grad=True, nograd=(2, 3))
case("cross_entropy_loss", R(2, 3), V([0, 3], dtype="int64"))
case("cross_entropy_loss", R(4, 5, dtype="float64"), V([0, 4, 2, 1], dtype="int64"), grad=True, nograd=(2, 3))
case("binary_cross_entropy", V([0.0, 1.0, 0.5, 1.0]), V([1.0, 0.0, 0.5, 1.0]))
case("binary_cross_entropy", V([1.5, 0.5]), V([1.0, 0.0]))
case("binary_cross_entropy_with_logits", V([-120.0, 50.0, 0.0, 3.0]), V([1.0, 0.0, 0.5, 1.0]), grad=True, nograd=(2, 3))

# ---------------------------------------------------------------- embedding, one_hot, interpolation
E = R(6, 3)
IDX = V([1, 4, 1, 0, 5, 1], [2, 3], dtype="int64")
case("embedding", E, IDX, grad=True)
case("embedding", E, IDX, 1, grad=True, gradcheck=False)
case("embedding", E, IDX, -1, True, grad=True, gradcheck=False)
case("embedding", E, IDX, 4, True, grad=True, gradcheck=False)
case("embedding", R(6, 3, dtype="float64"), V([2], [], dtype="int64"), grad=True)
case("embedding", E, V([6], dtype="int64"))
case("embedding", E, V([1.0]))
case("one_hot", V([0, 2, 1, 4], dtype="int64"))
case("one_hot", V([0, 2, 1, 1], [2, 2], dtype="int64"), 5)
case("one_hot", V([5], dtype="int64"), 3)
case("one_hot", V([-1], dtype="int64"), 3)
case("one_hot", V([1.0]))
UP = R(2, 3, 4, 5)
for sz, sf in [([8, 10], None), ([5, 7], None), ([3, 2], None), ([9, 11], None), (None, F(2.0)), (None, F(1.5)), (None, F(0.6))]:
    case("interpolate", UP, sz, sf, grad=True, fn=lambda x, s, f: Fn.interpolate(x, s, f))
    for ac in [False, True]:
        case("interpolate", UP, sz, sf, "bilinear", ac, grad=True, fn=lambda x, s, f, m, a: Fn.interpolate(x, s, f, m, a))
case("interpolate", R(2, 3, 4, 5, perm=[0, 2, 3, 1]), [7, 3], None, "bilinear", False, grad=True, fn=lambda x, s, f, m, a: Fn.interpolate(x, s, f, m, a))
case("interpolate", R(1, 2, 3, 4, dtype="float64"), None, F(2.5), "bilinear", False, grad=True, fn=lambda x, s, f, m, a: Fn.interpolate(x, s, f, m, a))
case("interpolate", R(1, 2, 3, 4), None, F(1.7), "bilinear", False, True, grad=True, fn=lambda x, s, f, m, a, r: Fn.interpolate(x, s, f, m, a, r))
case("interpolate", R(2, 3, 5), [9], grad=True, check_grad_fn=False, fn=lambda x, s: Fn.interpolate(x, s))
case("interpolate", R(2, 3, 5), None, F(2.0), "linear", False, grad=True, check_grad_fn=False, fn=lambda x, s, f, m, a: Fn.interpolate(x, s, f, m, a))
case("interpolate", R(2, 3, 5), [8], None, "linear", True, grad=True, check_grad_fn=False, fn=lambda x, s, f, m, a: Fn.interpolate(x, s, f, m, a))
case("upsample_nearest2d.vec", UP, [6, 6], None, grad=True)
case("upsample_bilinear2d.vec", UP, [6, 7], True, None, grad=True)

# ---------------------------------------------------------------- linear algebra
SQ = R(3, 3)
case("inverse", SQ, grad=True)
case("inverse", R(2, 4, 4, dtype="float64"), grad=True)
case("linalg_inv", R(2, 3, 3), grad=True)
case("linalg_inv", R(3, 3, perm=[1, 0]), grad=True)
case("linalg_inv_ex", R(2, 3, 3), grad=True)
case("inverse", V([1.0, 2.0, 2.0, 4.0], [2, 2]))
case("inverse", V([1.0, 0.0, 0.0, 1.0, 2.0, 2.0, 2.0, 4.0], [2, 2, 2]))
case("inverse", R(2, 3))
case("inverse", V([1, 2, 3, 4], [2, 2], dtype="int64"))
case("inverse", R(3))
case("det", SQ, grad=True)
case("det", R(2, 4, 4, dtype="float64"), grad=True)
case("linalg_det", R(2, 2, 2), grad=True)
case("det", V([1.0, 2.0, 2.0, 4.0], [2, 2]))
case("det", R(2, 3))
case("linalg_slogdet", R(2, 3, 3), grad=True)
case("slogdet", SQ, grad=True)
case("logdet", V([2.0, 1.0, 1.0, 3.0], [2, 2]), grad=True)
case("logdet", V([1.0, 2.0, 3.0, 4.0], [2, 2]))
case("linalg_solve", SQ, R(3, 2), grad=True)
case("linalg_solve", SQ, R(3), grad=True)
case("linalg_solve", R(2, 3, 3), R(3, 4), grad=True)
case("linalg_solve", R(2, 3, 3), R(2, 3), grad=True)
case("linalg_solve", R(3, 3, dtype="float64"), R(2, 1, 3, 2, dtype="float64"), grad=True)
case("linalg_solve", SQ, R(2, 3), left=False, grad=True)
case("linalg_solve", V([1.0, 2.0, 2.0, 4.0], [2, 2]), R(2))
case("linalg_solve", SQ, R(4, 2))
case("linalg_solve_ex", SQ, R(3, 2), grad=True)
for shape in [(4, 3), (3, 3), (2, 4, 3), (3, 5)]:
    for mode in ["reduced", "complete", "r"]:
        ok = mode == "reduced" and shape[-2] >= shape[-1] or mode == "complete" and shape[-2] == shape[-1]
        case("linalg_qr", R(*shape), mode, canon="qr" if mode != "r" else None, grad=ok, grads=False)
case("linalg_qr", R(4, 3, dtype="float64"), canon="qr", grad=True, grads=False)
case("linalg_qr", R(3, 3), "foo")
for shape in [(4, 3), (3, 3), (2, 3, 5), (5, 2)]:
    for full in [False, True]:
        case("linalg_svd", R(*shape), full, canon="svd", grad=True, grads=False, gradcheck=not full)
case("linalg_svd", R(4, 3, dtype="float64"), False, canon="svd", grad=True, grads=False)
# float64, rounded: PyTorch's gelsy results vary in the last bits from run to run
D64 = dict(dtype="float64")
for shape, bshape in [((5, 3), (5, 2)), ((2, 4, 3), (2, 4, 2)), ((3, 3), (3, 1)), ((4, 3), (4, 2))]:
    case("linalg_lstsq", R(*shape, **D64), R(*bshape, **D64), grad=True, tol=1e-9, digits=12)
case("linalg_lstsq", R(5, 3, **D64), R(5, **D64), tol=1e-9, digits=12)
case("linalg_lstsq", V([1.0, 2.0, 2.0, 4.0, 3.0, 6.0], [3, 2], dtype="float64"), R(3, 1, **D64), tol=1e-9, digits=12)
case("linalg_lstsq", R(2, 4, **D64), R(2, 1, **D64), tol=1e-9, digits=12)
case("linalg_lstsq", R(3, 2), R(4, 1))

# ---------------------------------------------------------------- empty batches
case("max_pool2d", R(0, 3, 5, 5), 2)
case("avg_pool2d", R(0, 3, 5, 5), 2)
case("adaptive_avg_pool2d", R(0, 3, 5, 5), [2, 2])
case("conv_transpose2d.input", R(0, 3, 4, 4), R(3, 2, 3, 3), R(2), fn=Fn.conv_transpose2d)
case("layer_norm", R(0, 5), [5], R(5), R(5))
case("group_norm", R(0, 4, 3), 2, R(4), R(4))
case("cross_entropy_loss", R(0, 5), V([], [0], dtype="int64"))
case("cross_entropy_loss", R(0, 5), V([], [0], dtype="int64"), None, 2)
case("mse_loss", R(0, 3), R(0, 3))
case("embedding", E, V([], [0], dtype="int64"))
case("interpolate", R(0, 2, 3, 3), [5, 5], fn=lambda x, s: Fn.interpolate(x, s))

# ---------------------------------------------------------------- cholesky (inputs made positive definite)
def spd(*shape, dtype="float32"):
    a = R(*shape, dtype=dtype).torch().double()
    m = a @ a.transpose(-2, -1) + shape[-1] * torch.eye(shape[-1], dtype=torch.float64)
    return In([float(v) for v in m.reshape(-1).tolist()], list(shape), dtype)


case("linalg_cholesky", spd(3, 3), grad=True, gradcheck=False)  # symmetric gradient: see TestCholeskyGradSymmetric
case("linalg_cholesky", spd(3, 3), upper=True, grad=True, gradcheck=False)
case("linalg_cholesky", spd(2, 4, 4, dtype="float64"), grad=True, gradcheck=False)
case("linalg_cholesky_ex", spd(3, 3), grad=True, gradcheck=False)
case("cholesky", spd(3, 3), grad=True, check_grad_fn=False, gradcheck=False)
case("linalg_cholesky", V([1.0, 2.0, 2.0, 1.0], [2, 2]))
case("linalg_cholesky", R(2, 3))

# ---------------------------------------------------------------- legacy svd/qr, vector norm
case("svd", R(4, 3), canon="svd_v", grad=True, grads=False, check_grad_fn=False, fn=torch.svd)
case("qr", R(4, 3), canon="qr", grad=True, grads=False)
case("qr", R(3, 3), False, canon="qr")
for ordv in [2, 1, F(3.0), F(float("inf")), 0]:
    case("linalg_vector_norm", R(3, 4), ordv, [1], grad=ordv != 0, check_grad_fn=False)
case("linalg_vector_norm", R(3, 4), grad=True, check_grad_fn=False)
case("linalg_vector_norm", R(2, 3, 4), 2, [0, 2], True, grad=True, check_grad_fn=False)

# ---------------------------------------------------------------- unfold / fold (im2col / col2im)
case("im2col", R(2, 3, 5, 5), [2, 3], [1, 1], [1, 1], [2, 2], grad=True)
case("im2col", R(2, 3, 6, 5), [3, 3], [2, 1], [2, 0], [1, 2], grad=True)
case("im2col", R(3, 5, 5), [2, 2], [1, 1], [0, 0], [1, 1], grad=True)
case("im2col", R(2, 3, 5, 5, perm=[0, 2, 3, 1]), [3, 3], [1, 1], [1, 1], [1, 1], grad=True)
case("im2col", R(1, 2, 2, 2), [3, 3], [1, 1], [0, 0], [1, 1])
case("col2im", R(2, 18, 9), [5, 5], [2, 3], [1, 1], [1, 1], [2, 2], grad=True)
case("col2im", R(12, 16), [5, 5], [2, 2], [1, 1], [0, 0], [1, 1], grad=True)
case("col2im", R(1, 27, 12), [6, 5], [3, 3], [2, 1], [2, 0], [1, 2], grad=True)
case("col2im", R(1, 12, 5), [5, 5], [2, 2], [1, 1], [0, 0], [1, 1])

json.dump({"torch": torch.__version__, "cases": cases}, sys.stdout, indent=None, separators=(",", ":"))
sys.stdout.write("\n")
