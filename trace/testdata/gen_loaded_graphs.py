"""Prints the graphs PyTorch 1.13 gives the archives of gen_fixtures.py after
torch.jit.load, for trace/loaded_test.go (the names of a loaded method's
graph values). Run from this directory:
    /usr/bin/python3 gen_loaded_graphs.py > loaded_graphs.txt
"""
import torch

for name in ("linear", "mlp", "conv", "tuple"):
    m = torch.jit.load(name + ".pt")
    print("== " + name)
    # source locations (" # file:line:col") differ between machines
    for line in str(m.graph).splitlines():
        print(line.split(" # ")[0])
