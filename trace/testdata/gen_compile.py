"""Compiles TorchScript sources with PyTorch 1.13's torch.jit.CompilationUnit,
calls their functions on fixed inputs and writes the sources, inputs, outputs
and each function's graph inputs to compile_fixtures.json, for
trace/script_test.go (jit_compile). Run from this directory:
    /usr/bin/python3 gen_compile.py
"""
import json
import re

import torch

torch.manual_seed(0)

CASES = [
    # R torch's jit_compile example (indented, as its tests write it)
    ("rtorch", """
  def fn (x):
    return torch.abs(x)

  def foo (x):
    return torch.sum(x)
""", [("fn", [torch.tensor([-1.0])]), ("foo", [torch.randn(10)])]),
    ("typed", """
def g(x, n: int, s: float = 0.5):
    y = x * n + s
    y = torch.relu(y)
    z = y - 2 // n
    return z, y.sum(), n * 2, x.size(0)
""", [("g", [torch.randn(3, 2), 3]), ("g", [torch.randn(4), -2, 1.25])]),
    ("arith", """
def h(x, y):
    a = (x + y) * 2 - y / 3
    b = 2 - x ** 2 + 1 / y
    return a @ torch.transpose(b, 0, 1), -x + -1.5 * x
""", [("h", [torch.randn(2, 3), torch.rand(2, 3) + 0.5])]),
    ("lists", """
def v(x, shape: List[int]):
    return x.view(shape).sum(1), x.reshape(2, -1), x.shape[0] + len(shape)
""", [("v", [torch.randn(4, 3), [3, 4]])]),
    ("calls", """
def sq(x):
    return x * x

def norm2(x, eps: float = 1e-6):
    return torch.sqrt(torch.sum(sq(x)) + eps)
""", [("norm2", [torch.randn(5)]), ("sq", [torch.randn(2, 2)])]),
    ("ints", """
def ints(a: int, b: int):
    return a // b, a % b, a / b, -a // b, a ** 2, a < b
""", [("ints", [7, 2]), ("ints", [-7, 3])]),
    ("compare", """
def cmp(x, y):
    return x > y, x <= 0.5, 0 < x
""", [("cmp", [torch.randn(6), torch.randn(6)])]),
    ("aug", """
def aug(x):
    y = x * 1
    y += 2
    y *= x
    return y
""", [("aug", [torch.randn(3)])]),
    ("unpack", """
def tu(x):
    values, indices = torch.max(x, 1)
    return indices, values * 2
""", [("tu", [torch.randn(3, 4)])]),
    ("valueread", """
def fr(x):
    s = float(x.sum())
    return x / s
""", [("fr", [torch.rand(3) + 0.5]), ("fr", [torch.rand(3) + 1.5])]),
    ("kwargs", """
def k(x, alpha: float = 2.0):
    return torch.add(x, x, alpha=alpha), torch.nn.functional.relu(x - 0.5)
""", [("k", [torch.randn(4)]), ("k", [torch.randn(4), 0.5])]),
    ("branches", """
def pick(x, flip: bool = False):
    if flip:
        return -x
    elif x.sum() > 0:
        y = torch.relu(x)
    else:
        y = x * 0.5
    return y
""", [("pick", [torch.tensor([1.0, -2.0, 3.0])]), ("pick", [torch.tensor([-1.0, -2.0, 0.5])]),
      ("pick", [torch.tensor([-1.0, 2.0]), True])]),
    ("loops", """
def power_sum(x, n: int):
    acc = torch.zeros_like(x)
    for i in range(n):
        acc = acc + x ** i
    return acc

def odd_sum(n: int):
    k = 0
    while n > 0:
        n -= 1
        if n % 2 == 0:
            continue
        k += n
    return k

def rows(x):
    total = torch.zeros([x.size(1)])
    for r in x:
        total = total + r
    return total

def first_big(xs: List[int], lim: int):
    for v in xs:
        if v > lim:
            return v
    return -1

def until(x, lim: float):
    steps = 0
    for i in range(100):
        if float(x.sum()) > lim:
            break
        x = x * 2
        steps += 1
    return x, steps
""", [("power_sum", [torch.randn(3), 4]), ("odd_sum", [9]), ("rows", [torch.randn(4, 3)]), ("rows", [torch.randn(2, 5)]),
      ("first_big", [[1, 5, 9], 4]), ("first_big", [[1, 2], 4]), ("until", [torch.rand(2) + 0.1, 10.0])]),
    ("logic", """
def opt(x, mask: Optional[Tensor] = None, k: int = 3):
    if mask is not None and k > 0:
        x = x * mask
    if not k > 2 or mask is None:
        x = x + 1
    return x, k > 1 and k < 5, not (k == 3)
""", [("opt", [torch.randn(3)]), ("opt", [torch.randn(3), torch.rand(3)]), ("opt", [torch.randn(3), torch.rand(3), 1])]),
]


def enc(v):
    if isinstance(v, torch.Tensor):
        return {"tensor": True, "dtype": str(v.dtype).replace("torch.", ""), "shape": list(v.shape),
                "data": v.reshape(-1).double().tolist()}
    if isinstance(v, tuple):
        return {"tuple": [enc(e) for e in v]}
    return v


out = []
for name, src, calls in CASES:
    cu = torch.jit.CompilationUnit(src)
    case = {"name": name, "source": src, "calls": [], "graph_inputs": {}}
    for fn, args in calls:
        f = getattr(cu, fn)
        res = f(*[a.clone() if isinstance(a, torch.Tensor) else a for a in args])
        case["calls"].append({"fn": fn, "args": [enc(a) for a in args], "out": enc(res)})
        head = str(f.graph).split("):\n")[0]
        case["graph_inputs"][fn] = re.findall(r"%([\w.]+) :", head)
    out.append(case)

with open("compile_fixtures.json", "w") as fh:
    json.dump(out, fh, indent=1)
