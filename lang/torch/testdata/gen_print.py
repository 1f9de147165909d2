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
    # ops through the R layer: 1-based dims and indices, R torch argument names
    ("{torch_manual_seed(10); x <- torch_randn(3, 4); torch_sum(x, dim = 2)}", "(torch.manual_seed(10), torch.randn(3, 4).sum(dim=1))[1]"),
    ("{torch_manual_seed(10); x <- torch_randn(3, 4); x$sum(dim = 1, keepdim = TRUE)}", "(torch.manual_seed(10), torch.randn(3, 4).sum(dim=0, keepdim=True))[1]"),
    ("{torch_manual_seed(10); x <- torch_randn(3, 4); x$mean(dim = -1)}", "(torch.manual_seed(10), torch.randn(3, 4).mean(dim=-1))[1]"),
    ("{torch_manual_seed(10); x <- torch_randn(3, 4); torch_max(x, dim = 2)[[1]]}", "(torch.manual_seed(10), torch.randn(3, 4).max(dim=1).values)[1]"),
    ("{torch_manual_seed(10); x <- torch_randn(3, 4); torch_max(x, dim = 2)[[2]]}", "(torch.manual_seed(10), torch.randn(3, 4).max(dim=1).indices + 1)[1]"),
    ("{torch_manual_seed(10); x <- torch_randn(3, 4); x$argmin(dim = 1)}", "(torch.manual_seed(10), torch.randn(3, 4).argmin(dim=0) + 1)[1]"),
    ("{torch_manual_seed(10); x <- torch_randn(3, 4); x$argmax()}", "(torch.manual_seed(10), torch.randn(3, 4).argmax() + 1)[1]"),
    ("{torch_manual_seed(10); x <- torch_randn(3, 4); torch_sort(x, dim = 1, descending = TRUE)[[2]]}", "(torch.manual_seed(10), torch.randn(3, 4).sort(dim=0, descending=True).indices + 1)[1]"),
    ("{torch_manual_seed(10); x <- torch_randn(3, 4); torch_topk(x, 2)[[2]]}", "(torch.manual_seed(10), torch.randn(3, 4).topk(2).indices + 1)[1]"),
    ("{torch_manual_seed(10); x <- torch_randn(3, 4); x$transpose(1, 2)}", "(torch.manual_seed(10), torch.randn(3, 4).transpose(0, 1))[1]"),
    ("{torch_manual_seed(10); x <- torch_randn(3, 4); x$permute(c(2, 1))$contiguous()$view(c(2, -1))}", "(torch.manual_seed(10), torch.randn(3, 4).permute(1, 0).contiguous().view(2, -1))[1]"),
    ("{torch_manual_seed(10); x <- torch_randn(3, 4); torch_cumsum(x, dim = 2)}", "(torch.manual_seed(10), torch.randn(3, 4).cumsum(dim=1))[1]"),
    ("{torch_manual_seed(10); x <- torch_randn(3, 4); torch_softmax(x, dim = 1)}", "(torch.manual_seed(10), torch.softmax(torch.randn(3, 4), dim=0))[1]"),
    ("{torch_manual_seed(10); x <- torch_randn(3, 4); torch_gather(x, 2, torch_tensor(matrix(c(1L, 2L, 3L, 4L, 4L, 1L), 3)))}", "(torch.manual_seed(10), torch.randn(3, 4).gather(1, torch.tensor([[0, 3], [1, 3], [2, 0]])))[1]"),
    ("{torch_manual_seed(10); x <- torch_randn(3, 4); x$index_select(2, torch_tensor(c(4L, 1L)))}", "(torch.manual_seed(10), torch.randn(3, 4).index_select(1, torch.tensor([3, 0])))[1]"),
    ("{torch_manual_seed(10); x <- torch_randn(3, 4); x$select(1, -1)}", "(torch.manual_seed(10), torch.randn(3, 4).select(0, -1))[1]"),
    ("{torch_manual_seed(10); x <- torch_randn(3, 4); x$narrow(2, 2, 2)}", "(torch.manual_seed(10), torch.randn(3, 4).narrow(1, 1, 2))[1]"),
    ("{torch_manual_seed(10); x <- torch_randn(3, 4); torch_cat(list(x, x), dim = 2)[, 3:6]}", "(torch.manual_seed(10), (lambda x: torch.cat([x, x], dim=1)[:, 2:6])(torch.randn(3, 4)))[1]"),
    ("{torch_manual_seed(10); x <- torch_randn(3, 4); torch_stack(list(x, x), dim = 3)$shape; torch_stack(list(x, x), dim = 3)[, , 2]}", "(torch.manual_seed(10), (lambda x: torch.stack([x, x], dim=2)[:, :, 1])(torch.randn(3, 4)))[1]"),
    ("{torch_manual_seed(10); x <- torch_randn(3, 4); x$unsqueeze(2)$squeeze(2)$flatten()}", "(torch.manual_seed(10), torch.randn(3, 4).flatten())[1]"),
    ("{torch_manual_seed(10); x <- torch_randn(3, 4); x[2:3, -1]}", "(torch.manual_seed(10), torch.randn(3, 4)[1:3, -1])[1]"),
    ("{torch_manual_seed(10); x <- torch_randn(3, 4); x[x > 0]}", "(torch.manual_seed(10), (lambda x: x[x > 0])(torch.randn(3, 4)))[1]"),
    ("{torch_manual_seed(10); x <- torch_randn(3, 4); x$std(dim = 2, unbiased = FALSE)}", "(torch.manual_seed(10), torch.randn(3, 4).std(dim=1, unbiased=False))[1]"),
    ("{torch_manual_seed(10); x <- torch_randn(3, 4); torch_clamp(x, min = -0.5, max = 0.5)}", "(torch.manual_seed(10), torch.randn(3, 4).clamp(min=-0.5, max=0.5))[1]"),
    ("{torch_manual_seed(10); x <- torch_randn(3, 4); (x %*% x$t())$diag()}", "(torch.manual_seed(10), (lambda x: (x @ x.t()).diag())(torch.randn(3, 4)))[1]"),
    ("{torch_manual_seed(10); x <- torch_randn(3, 4); 2^x - 1 / (x + 3)}", "(torch.manual_seed(10), (lambda x: 2 ** x - 1 / (x + 3))(torch.randn(3, 4)))[1]"),
    ("{torch_manual_seed(10); x <- torch_randn(3, 4); x %/% 0.5}", "(torch.manual_seed(10), torch.div(torch.randn(3, 4), 0.5, rounding_mode='floor'))[1]"),
    ("{torch_manual_seed(10); x <- torch_randn(3, 4); x %% 0.5}", "(torch.manual_seed(10), torch.remainder(torch.randn(3, 4), 0.5))[1]"),
    ("{torch_manual_seed(10); x <- torch_randn(3, 4); torch_where(x > 0, x, torch_zeros_like(x))}", "(torch.manual_seed(10), torch.randn(3, 4).clamp(min=0))[1]"),
    ("{torch_manual_seed(10); x <- torch_randn(3, 4); x$chunk(2, dim = 2)[[2]]}", "(torch.manual_seed(10), torch.randn(3, 4).chunk(2, dim=1)[1])[1]"),
    ("{x <- torch_tensor(c(0, 3, 0, 7)); torch_nonzero(x)}", "torch.tensor([[2], [4]])"),
    ("{x <- torch_tensor(c(0.5, 2), requires_grad = TRUE); y <- (x^3)$sum(); y$backward(); x$grad}", "torch.tensor([0.75, 12.0])"),
    ("{x <- torch_tensor(matrix(1:6, 2)); x$to(dtype = torch_float64())$t()}", "torch.tensor([[1, 2], [3, 4], [5, 6]], dtype=torch.float64)"),
    ("{x <- torch_tensor(c(7L, -7L)); x %/% 2L}", "torch.div(torch.tensor([7, -7]), 2, rounding_mode='floor')"),
    ("{x <- torch_tensor(c(1L, 2L)); x / 2L}", "torch.tensor([1, 2]) / 2"),
    ("{x <- torch_tensor(c(1L, 2L)); x * 2.5}", "torch.tensor([1, 2]) * 2.5"),
    ("{x <- torch_tensor(c(TRUE, FALSE)); x + 1L}", "torch.tensor([True, False]) + 1"),
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
