#!/usr/bin/python3
"""Generate fixtures.json: outputs of PyTorch's CPU generator for torchr's rng tests.

Run with the interpreter that has torch 1.13:  /usr/bin/python3 gen_fixtures.py [out.json]
Every case starts from torch.manual_seed(seed) and runs its steps in order, so
later steps also check that the generator state advanced exactly as in torch.
Floating outputs are stored as IEEE bit patterns (float32 -> uint32,
float64 -> uint64) so that the comparison is bit for bit.
"""
import hashlib
import json
import math
import struct
import sys

import torch
import torch.nn.functional as F

torch.set_num_threads(1)

SEEDS = [0, 1, 42, 2**40 + 7]
SIZES = [1, 3, 15, 16, 17, 100, 1000]
DT = {"float32": torch.float32, "float64": torch.float64, "int64": torch.int64}


def enc(t):
    t = t.detach().contiguous().reshape(-1)
    if t.dtype == torch.float32:
        return [struct.unpack("<I", struct.pack("<f", v))[0] for v in t.tolist()]
    if t.dtype == torch.float64:
        return [struct.unpack("<Q", struct.pack("<d", v))[0] for v in t.tolist()]
    if t.dtype == torch.bool:
        return [int(v) for v in t.tolist()]
    return [int(v) for v in t.tolist()]


def lin(n, dtype, a, b):
    """a + (b-a)*i/(n-1) computed in double, then converted."""
    return torch.tensor([a + (b - a) * i / (n - 1) for i in range(n)], dtype=dtype)


def probs(rows, k, dtype, zero_every=0):
    """Deterministic, unnormalised probability rows (no RNG involved)."""
    vals = []
    for r in range(rows):
        row = []
        for j in range(k):
            v = ((j * 7 + r * 3) % 11 + 1) / 7.0
            if zero_every and j % zero_every == 0:
                v = 0.0
            row.append(v)
        vals.append(row)
    t = torch.tensor(vals, dtype=dtype)
    return t if rows > 1 else t[0]


def run_step(s):
    op = s["op"]
    dt = DT.get(s.get("dtype", "float32"))
    n = s.get("n", 0)
    if op == "rand":
        out = torch.rand(n, dtype=dt)
    elif op == "uniform":
        out = torch.empty(n, dtype=dt).uniform_(s["from"], s["to"])
    elif op == "randn":
        out = torch.randn(n, dtype=dt)
    elif op == "normal":
        out = torch.empty(n, dtype=dt).normal_(s["mean"], s["std"])
    elif op == "normal_t":
        # A transposed (dense, non-contiguous) tensor: scalar path; the
        # result is reported in storage order.
        base = torch.empty(s["rows"], s["cols"], dtype=dt)
        base.t().normal_(s["mean"], s["std"])
        out = base
    elif op == "uniform_permuted":
        # A permuted dense 3-d view: TensorIterator fills it in storage order.
        base = torch.empty(2, 3, 4, dtype=dt)
        base.permute(2, 0, 1).uniform_(-1.0, 2.0)
        out = base
    elif op == "normal_strided":
        # Every other element of a buffer: non-contiguous, scalar path.
        base = torch.zeros(2 * n, dtype=dt)
        base[::2].normal_(s["mean"], s["std"])
        out = base[::2]
    elif op == "randint":
        out = torch.randint(s["low"], s["high"], (n,), dtype=dt)
    elif op == "random":
        out = torch.empty(n, dtype=dt).random_()
    elif op == "random_kind":
        out = torch.empty(n, dtype=getattr(torch, s["kind"])).random_().to(torch.int64)
    elif op == "random_full":
        out = torch.empty(n, dtype=torch.int64).random_(-2**63, None)
    elif op == "dropout2d":
        out = F.dropout2d(torch.ones(s["rows"], s["cols"], 4, 4, dtype=dt), s["p"], training=True)
    elif op == "randperm":
        out = torch.randperm(n)
    elif op == "bernoulli_scalar":
        out = torch.empty(n, dtype=dt).bernoulli_(s["p"])
    elif op == "bernoulli_tensor":
        p = torch.linspace(0, 1, n, dtype=dt)
        out = torch.bernoulli(p)
    elif op == "multinomial":
        p = probs(s["rows"], s["k"], dt, s.get("zero_every", 0))
        out = torch.multinomial(p, s["num"], s["replacement"])
    elif op == "multinomial_list":
        p = torch.tensor(s["probs"], dtype=dt).reshape(s["rows"], -1)
        out = torch.multinomial(p, s["num"], s["replacement"])
    elif op == "exponential":
        out = torch.empty(n, dtype=dt).exponential_(s["lambd"])
    elif op == "cauchy":
        out = torch.empty(n, dtype=dt).cauchy_(s["median"], s["sigma"])
    elif op == "log_normal":
        out = torch.empty(n, dtype=dt).log_normal_(s["mean"], s["std"])
    elif op == "geometric":
        out = torch.empty(n, dtype=dt).geometric_(s["p"])
    elif op == "dropout":
        out = F.dropout(torch.ones(n, dtype=dt), s["p"], training=True)
    elif op == "linear_init":
        m = torch.nn.Linear(s["fin"], s["fout"])
        out = torch.cat([m.weight.reshape(-1), m.bias.reshape(-1)])
    elif op == "conv2d_init":
        m = torch.nn.Conv2d(s["fin"], s["fout"], s["k"])
        out = torch.cat([m.weight.reshape(-1), m.bias.reshape(-1)])
    elif op == "normal_hash":
        # Large tensors: only a SHA-256 of the little-endian float32 bytes.
        t = torch.empty(n, dtype=dt).normal_(s["mean"], s["std"])
        return {"hex": hashlib.sha256(t.numpy().astype("<f4").tobytes()).hexdigest()}
    elif op == "normal_tensors":
        # torch.normal with tensor mean and/or std (lin(n) values, see below).
        mean = lin(n, dt, -1.0, 2.0) if s["mean_t"] else s["mean"]
        std = lin(n, dt, 0.5, 3.0) if s["std_t"] else s["std"]
        out = torch.normal(mean, std)
    elif op == "xavier_uniform":
        w = torch.empty(s["fout"], s["fin"])
        torch.nn.init.xavier_uniform_(w, gain=s["gain"])
        out = w
    elif op == "xavier_normal":
        w = torch.empty(s["fout"], s["fin"])
        torch.nn.init.xavier_normal_(w, gain=s["gain"])
        out = w
    elif op == "kaiming_normal":
        w = torch.empty(s["fout"], s["fin"])
        torch.nn.init.kaiming_normal_(w)
        out = w
    elif op == "embedding_init":
        out = torch.nn.Embedding(s["fin"], s["fout"]).weight
    elif op == "module_init":
        # Default initialisation of a module: all parameters, in
        # named_parameters() order, flattened.
        m = eval(s["module"], {"nn": torch.nn})
        out = torch.cat([p.detach().reshape(-1) for _, p in m.named_parameters()])
    elif op == "state":
        return {"hex": bytes(torch.get_rng_state().tolist()).hex()}
    else:
        raise ValueError(op)
    return {"out": enc(out)}


def case(name, seed, steps):
    torch.manual_seed(seed)
    res = []
    for s in steps:
        r = dict(s)
        r.update(run_step(s))
        res.append(r)
    return {"name": name, "seed": seed, "initial_seed": torch.initial_seed(), "steps": res}


def libm_cases():
    """glibc's double log/sin/cos/exp/tan (Python's math module calls the system libm,
    the same functions ATen's std::log/std::sin/std::cos reach)."""
    import random
    rnd = random.Random(2024)
    bits = lambda v: struct.unpack("<Q", struct.pack("<d", v))[0]
    xs_log, xs_trig, xs_exp, xs_tan = [], [], [], []
    for i in range(1000):
        u = rnd.getrandbits(53) * 2.0**-53
        xs_log += [1.0 - u, u or 1.0, 1.0 + (u - 0.5) * 0.25, math.ldexp(0.5 + u / 2, rnd.randint(-1000, 1000))]
        t = 2 * math.pi * (rnd.getrandbits(53) * 2.0**-53)
        xs_trig += [t, -t, t * 1e-3, t * 1e4, (u - 0.5) * 1e-7]
        xs_exp += [(u - 0.5) * 8, (u - 0.5) * 1000, (u - 0.5) * 1e-10]
        xs_tan += [math.pi * (u - 0.5), (u - 0.5) * 50, (u - 0.5) * 0.2]
    return {
        "log": [[bits(x), bits(math.log(x))] for x in xs_log],
        "sin": [[bits(x), bits(math.sin(x))] for x in xs_trig],
        "cos": [[bits(x), bits(math.cos(x))] for x in xs_trig],
        "exp": [[bits(x), bits(math.exp(x))] for x in xs_exp],
        "tan": [[bits(x), bits(math.tan(x))] for x in xs_tan],
    }


def main():
    cases = []
    for seed in SEEDS:
        for dt in ["float32", "float64"]:
            for n in SIZES:
                cases.append(case("rand_%s_%d" % (dt, n), seed, [{"op": "rand", "dtype": dt, "n": n}]))
                cases.append(case("randn_%s_%d" % (dt, n), seed, [{"op": "randn", "dtype": dt, "n": n}]))
            cases.append(case("uniform_%s" % dt, seed, [{"op": "uniform", "dtype": dt, "n": 50, "from": -2.5, "to": 0.7}]))
            for n in [5, 16, 33]:
                cases.append(case("normal_%s_%d" % (dt, n), seed,
                                  [{"op": "normal", "dtype": dt, "n": n, "mean": 3.0, "std": 0.25}]))
            for n in [5, 33, 100]:
                # A std that is not a power of two shows how mean + z*std rounds.
                cases.append(case("normal_odd_%s_%d" % (dt, n), seed,
                                  [{"op": "normal", "dtype": dt, "n": n, "mean": 0.3, "std": 1.7}]))
        cases.append(case("randint_small", seed, [{"op": "randint", "dtype": "int64", "n": 100, "low": -3, "high": 10}]))
        cases.append(case("randint_big", seed, [{"op": "randint", "dtype": "int64", "n": 50, "low": -5, "high": 2**33 + 11}]))
        cases.append(case("randperm", seed, [{"op": "randperm", "n": n} for n in [1, 5, 100, 30000]]))
        for dt in ["float32", "float64"]:
            cases.append(case("bernoulli_scalar_%s" % dt, seed, [{"op": "bernoulli_scalar", "dtype": dt, "n": 100, "p": 0.3}]))
            cases.append(case("bernoulli_tensor_%s" % dt, seed, [{"op": "bernoulli_tensor", "dtype": dt, "n": 100}]))
            cases.append(case("multinomial_%s" % dt, seed, [
                {"op": "multinomial", "dtype": dt, "rows": 1, "k": 10, "num": 20, "replacement": True},
                {"op": "multinomial", "dtype": dt, "rows": 3, "k": 10, "num": 5, "replacement": True},
                {"op": "multinomial", "dtype": dt, "rows": 1, "k": 10, "num": 4, "replacement": False},
                {"op": "multinomial", "dtype": dt, "rows": 3, "k": 12, "num": 6, "replacement": False},
                {"op": "multinomial", "dtype": dt, "rows": 2, "k": 9, "num": 1, "replacement": True},
                {"op": "multinomial", "dtype": dt, "rows": 2, "k": 9, "num": 1, "replacement": False},
                {"op": "multinomial", "dtype": dt, "rows": 2, "k": 9, "num": 30, "replacement": True, "zero_every": 3},
            ]))
            sparse = [0.0] * 320
            for j in (1, 101, 201, 301):
                sparse[j] = 0.5 + j / 400
            cases.append(case("multinomial_ties_%s" % dt, seed, [
                {"op": "multinomial_list", "dtype": dt, "rows": 1, "probs": [0, 1, 0, 1, 0, 0, 2], "num": 6, "replacement": False},
                {"op": "multinomial_list", "dtype": dt, "rows": 2, "probs": [0, 1, 0, 1, 0, 0, 2] * 6, "num": 15, "replacement": False},
                {"op": "multinomial_list", "dtype": dt, "rows": 1, "probs": sparse, "num": 5, "replacement": False},
                {"op": "multinomial_list", "dtype": dt, "rows": 1, "probs": sparse, "num": 200, "replacement": False},
                {"op": "multinomial_list", "dtype": dt, "rows": 1, "probs": [0, 0, 3, 0], "num": 1, "replacement": False},
            ]))
            cases.append(case("exponential_%s" % dt, seed, [{"op": "exponential", "dtype": dt, "n": 100, "lambd": 1.5}]))
            cases.append(case("cauchy_%s" % dt, seed, [{"op": "cauchy", "dtype": dt, "n": 50, "median": 1.0, "sigma": 2.0}]))
            cases.append(case("log_normal_%s" % dt, seed, [{"op": "log_normal", "dtype": dt, "n": 50, "mean": 0.5, "std": 0.75}]))
            cases.append(case("geometric_%s" % dt, seed, [{"op": "geometric", "dtype": dt, "n": 50, "p": 0.2}]))
            cases.append(case("dropout_%s" % dt, seed, [{"op": "dropout", "dtype": dt, "n": 200, "p": 0.3}]))
            cases.append(case("noncontig_normal_%s" % dt, seed, [
                {"op": "normal_t", "dtype": dt, "rows": 5, "cols": 7, "mean": 0.0, "std": 1.0},
                {"op": "normal_strided", "dtype": dt, "n": 40, "mean": 1.0, "std": 2.0},
                {"op": "uniform_permuted", "dtype": dt},
            ]))
        cases.append(case("random_kinds", seed, [
            {"op": "random_kind", "kind": k, "n": 20} for k in ["int32", "int16", "int8", "uint8", "bool"]
        ] + [{"op": "random_full", "n": 10}]))
        cases.append(case("dropout2d", seed, [
            {"op": "dropout2d", "dtype": "float32", "rows": 2, "cols": 3, "p": 0.4},
            {"op": "dropout2d", "dtype": "float64", "rows": 3, "cols": 5, "p": 0.5},
        ]))
        cases.append(case("random_", seed, [
            {"op": "random", "dtype": "int64", "n": 20},
            {"op": "random", "dtype": "float32", "n": 20},
            {"op": "random", "dtype": "float64", "n": 20},
        ]))
        cases.append(case("nn_init", seed, [
            {"op": "linear_init", "fin": 4, "fout": 2},
            {"op": "conv2d_init", "fin": 3, "fout": 4, "k": 3},
            {"op": "linear_init", "fin": 784, "fout": 10},
        ]))
        for dt in ["float32", "float64"]:
            cases.append(case("normal_tensors_%s" % dt, seed, [
                {"op": "normal_tensors", "dtype": dt, "n": n, "mean_t": mt, "std_t": st, "mean": 0.3, "std": 1.7}
                for n in [5, 20] for (mt, st) in [(True, True), (True, False), (False, True)]
            ]))
        cases.append(case("nn_init_more", seed, [
            {"op": "xavier_uniform", "fin": 5, "fout": 3, "gain": 1.0},
            {"op": "xavier_uniform", "fin": 20, "fout": 7, "gain": 1.7},
            {"op": "xavier_normal", "fin": 5, "fout": 3, "gain": 1.0},
            {"op": "xavier_normal", "fin": 20, "fout": 7, "gain": 0.3},
            {"op": "kaiming_normal", "fin": 5, "fout": 3},
            {"op": "kaiming_normal", "fin": 20, "fout": 7},
            {"op": "embedding_init", "fin": 10, "fout": 3},
            {"op": "embedding_init", "fin": 2, "fout": 3},
        ]))
        cases.append(case("module_init", seed, [
            {"op": "module_init", "module": m, "fanin": fi, "shapes": sh}
            for m, fi, sh in [
                ("nn.Conv1d(2, 5, 3)", 6, [30, 5]),
                ("nn.Conv2d(4, 6, 3, groups=2)", 18, [108, 6]),
                ("nn.ConvTranspose2d(3, 4, 3)", 36, [108, 4]),
                ("nn.Linear(3, 2, bias=False)", 3, [6]),
                ("nn.LSTM(3, 4)", 0, [48, 64, 16, 16]),
                ("nn.GRU(2, 3)", 0, [18, 27, 9, 9]),
            ]
        ]))
        cases.append(case("mixed", seed, [
            {"op": "state"},
            {"op": "rand", "dtype": "float32", "n": 3},
            {"op": "randn", "dtype": "float64", "n": 1},
            {"op": "state"},
            {"op": "randn", "dtype": "float32", "n": 3},
            {"op": "randn", "dtype": "float32", "n": 20},
            {"op": "state"},
            {"op": "randint", "dtype": "int64", "n": 7, "low": 0, "high": 5},
            {"op": "randn", "dtype": "float64", "n": 3},
            {"op": "randperm", "n": 10},
            {"op": "rand", "dtype": "float64", "n": 700},
            {"op": "state"},
            {"op": "normal", "dtype": "float32", "n": 1000, "mean": -1.0, "std": 3.0},
            {"op": "bernoulli_scalar", "dtype": "float32", "n": 10, "p": 0.5},
            {"op": "randn", "dtype": "float32", "n": 1},
            {"op": "state"},
        ]))
    for seed in [2**64 - 1, 2**63, 2**32 + 5]:
        # torch.manual_seed(-1) is seed 2^64-1 (two's complement).
        cases.append(case("big_seed", seed, [
            {"op": "rand", "dtype": "float32", "n": 5},
            {"op": "randn", "dtype": "float64", "n": 20},
            {"op": "state"},
        ]))
    for seed in SEEDS:
        cases.append(case("normal_big", seed, [
            {"op": "normal_hash", "dtype": "float32", "n": 1000000, "mean": 0.0, "std": 1.0},
            {"op": "normal_hash", "dtype": "float32", "n": 1000003, "mean": -2.0, "std": 0.5},
            {"op": "state"},
        ]))
    doc = {"torch_version": torch.__version__, "cases": cases, "libm": libm_cases()}
    out = sys.argv[1] if len(sys.argv) > 1 else "fixtures.json"
    with open(out, "w") as f:
        json.dump(doc, f, separators=(",", ":"), sort_keys=True)
        f.write("\n")


if __name__ == "__main__":
    main()
