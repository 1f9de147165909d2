#!/usr/bin/python3
"""Expected printed forms of tensors for lang/torch's TestPrintFixtures.

Each case pairs an R expression (run by torchr) with the same tensor built in
PyTorch. The text is libtorch's own C++ printer (Formatting.cpp, the
operator<< R torch prints with), reached through TorchScript's print, plus R
torch's "torch_tensor" header line. Run with /usr/bin/python3 (torch 1.13):

    /usr/bin/python3 gen_print.py > print_fixtures.txt
"""
import os
import subprocess
import sys

import torch

CASES = [
    # (R expression, Python expression)
    ("torch_tensor(matrix(1:6, 2))", "torch.tensor([[1, 3, 5], [2, 4, 6]])"),
    ("torch_tensor(c(1.5, 2.25, 3))", "torch.tensor([1.5, 2.25, 3.0])"),
    ("torch_tensor(c(1.5, 2.25, 3), dtype = torch_float64())", "torch.tensor([1.5, 2.25, 3.0], dtype=torch.float64)"),
    ("torch_tensor(c(-3L, 10L, 200L))", "torch.tensor([-3, 10, 200])"),
    ("torch_tensor(c(-3L, 10L, 200L), dtype = torch_int())", "torch.tensor([-3, 10, 200], dtype=torch.int32)"),
    ("torch_tensor(c(3L, 10L, 200L), dtype = torch_uint8())", "torch.tensor([3, 10, 200], dtype=torch.uint8)"),
    ("torch_tensor(c(TRUE, FALSE, TRUE))", "torch.tensor([True, False, True])"),
    ("torch_tensor(matrix(c(TRUE, FALSE, TRUE, TRUE), 2))", "torch.tensor([[True, True], [False, True]])"),
    ("torch_tensor(3.5)$sum()", "torch.tensor(3.5)"),
    ("torch_tensor(1/3)$sum()", "torch.tensor([1 / 3]).sum()"),
    ("torch_tensor(7L)$sum()", "torch.tensor(7)"),
    ("torch_zeros(0)", "torch.zeros(0)"),
    ("torch_tensor(c(0.001, 0.002))", "torch.tensor([0.001, 0.002])"),
    ("torch_tensor(c(0.00012, 0.00034))", "torch.tensor([0.00012, 0.00034])"),
    ("torch_tensor(c(123456.7, 234567.1))", "torch.tensor([123456.7, 234567.1])"),
    ("torch_tensor(c(1e-5, 1, 1000))", "torch.tensor([1e-5, 1.0, 1000.0])"),
    ("torch_tensor(c(-5, 0.5))", "torch.tensor([-5.0, 0.5])"),
    ("torch_tensor(c(-500, 0.5))", "torch.tensor([-500.0, 0.5])"),
    ("torch_tensor(c(1, NaN, Inf, -Inf, 2.5))", "torch.tensor([1.0, float('nan'), float('inf'), float('-inf'), 2.5])"),
    ("torch_tensor(c(1e10, 1))", "torch.tensor([1e10, 1.0])"),
    ("torch_tensor(c(1234567, 1))", "torch.tensor([1234567.0, 1.0])"),
    ("torch_tensor(c(1e120, 1.5), dtype = torch_float64())", "torch.tensor([1e120, 1.5], dtype=torch.float64)"),
    ("torch_zeros(2, 30)", "torch.zeros(2, 30)"),
    ("torch_arange(1, 40)$view(c(2, 20))", "torch.arange(1, 41, dtype=torch.float32).view(2, 20)"),
    ("torch_tensor(matrix(c(0.001, 0.002, 0.003, 0.004), 2))", "torch.tensor([[0.001, 0.003], [0.002, 0.004]])"),
    ("{torch_manual_seed(1); torch_randn(3)}", "(torch.manual_seed(1), torch.randn(3))[1]"),
    ("{torch_manual_seed(1); torch_randn(3, 4)}", "(torch.manual_seed(1), torch.randn(3, 4))[1]"),
    ("{torch_manual_seed(3); torch_randn(3, 12)}", "(torch.manual_seed(3), torch.randn(3, 12))[1]"),
    ("{torch_manual_seed(3); torch_randn(2, 12) / 1000}", "(torch.manual_seed(3), torch.randn(2, 12) / 1000)[1]"),
    ("{torch_manual_seed(2); torch_rand(2, 3, 4)}", "(torch.manual_seed(2), torch.rand(2, 3, 4))[1]"),
    ("{torch_manual_seed(2); torch_rand(2, 2, 2, 3, dtype = torch_float64())}", "(torch.manual_seed(2), torch.rand(2, 2, 2, 3, dtype=torch.float64))[1]"),
    ("torch_tensor(array(1:24, c(2, 3, 4)))", "torch.arange(1, 25).reshape(4, 3, 2).permute(2, 1, 0)"),
    ("torch_ones(2, 3, 1)", "torch.ones(2, 3, 1)"),
    ("{torch_manual_seed(4); torch_randn(2, 3)$mm(torch_randn(3, 2))}", "(torch.manual_seed(4), torch.randn(2, 3).mm(torch.randn(3, 2)))[1]"),
    ("torch_arange(0, 1, 0.25)", "torch.tensor([0.0, 0.25, 0.5, 0.75, 1.0])"),
    ("{torch_manual_seed(5); torch_randint(0, 100, c(3, 3))}", "(torch.manual_seed(5), torch.randint(0, 100, (3, 3)))[1]"),
    ("torch_tensor(c(1, NaN, 3))", "torch.tensor([1.0, float('nan'), 3.0])"),
    ("torch_tensor(c(NaN, NaN))", "torch.tensor([float('nan'), float('nan')])"),
    ("torch_tensor(c(-Inf, 2))", "torch.tensor([float('-inf'), 2.0])"),
    ("torch_tensor(pi, dtype = torch_float64())$sum()", "torch.tensor(3.141592653589793, dtype=torch.float64)"),
    ("torch_tensor(-0.5)$sum()", "torch.tensor(-0.5)"),
    ("torch_tensor(1e-10)$sum()", "torch.tensor(1e-10)"),
    ("torch_tensor(123456789)$sum()", "torch.tensor(123456789.0)"),
    ("torch_tensor(c(-1234.5, 0.25))", "torch.tensor([-1234.5, 0.25])"),
    ("torch_tensor(c(99999, 0.5))", "torch.tensor([99999.0, 0.5])"),
    ("torch_tensor(c(999999, 0.5))", "torch.tensor([999999.0, 0.5])"),
    ("torch_tensor(c(-999999, 0.5))", "torch.tensor([-999999.0, 0.5])"),
    ("torch_tensor(c(-3, -1000))", "torch.tensor([-3.0, -1000.0])"),
    ("torch_tensor(c(0, 0.0001))", "torch.tensor([0.0, 0.0001])"),
    ("torch_zeros(3)", "torch.zeros(3)"),
    ("torch_tensor(c(1e-3, 5))", "torch.tensor([1e-3, 5.0])"),
    ("{torch_manual_seed(6); torch_randn(2, 2, 15) * 1000}", "(torch.manual_seed(6), torch.randn(2, 2, 15) * 1000)[1]"),
    ("{torch_manual_seed(7); torch_randn(3, 2, 12) / 100}", "(torch.manual_seed(7), torch.randn(3, 2, 12) / 100)[1]"),
    ("torch_ones(1, 1, 1, 1)", "torch.ones(1, 1, 1, 1)"),
    ("torch_zeros(2, 0)", "torch.zeros(2, 0)"),
    ("torch_tensor(matrix(c(1e12, 2, 3, 4), 2))", "torch.tensor([[1e12, 3.0], [2.0, 4.0]])"),
    ("torch_tensor(c(-5L, 5L))", "torch.tensor([-5, 5])"),
    ("torch_tensor(c(-50L, 5L))", "torch.tensor([-50, 5])"),
]


@torch.jit.script
def show(x: torch.Tensor, i: int):
    print("@@@", i)
    print(x)


def child():
    for i, (_, py) in enumerate(CASES):
        show(eval(py), i)


def main():
    if len(sys.argv) > 1 and sys.argv[1] == "child":
        child()
        return
    out = subprocess.run([sys.executable, __file__, "child"], capture_output=True, text=True, check=True).stdout
    texts = {}
    cur = None
    for line in out.split("\n"):
        if line.startswith("@@@ "):
            cur = int(line.split()[1])
            texts[cur] = []
        elif cur is not None:
            texts[cur].append(line)
    for i, (r, _) in enumerate(CASES):
        body = "\n".join(texts[i]).rstrip("\n")
        print("### " + r)
        print("torch_tensor")
        print(body)
    print("### end")


if __name__ == "__main__":
    main()
