package torch_test

import (
	"context"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"

	"torchr/lang"
)

// TestJIT runs testdata/test-jit*.tr (jit_trace, script modules, files).
func TestJIT(t *testing.T) {
	files, _ := filepath.Glob("testdata/test-jit*.tr")
	if len(files) == 0 {
		t.Fatal("no testdata/test-jit*.tr")
	}
	dir := t.TempDir()
	for _, f := range files {
		b, err := os.ReadFile(f)
		if err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(filepath.Join(dir, filepath.Base(f)), b, 0o644); err != nil {
			t.Fatal(err)
		}
	}
	var out, errs strings.Builder
	passed, failed, err := lang.RunTests(context.Background(), dir, &out, &errs)
	if err != nil {
		t.Fatal(err)
	}
	if failed > 0 || passed == 0 {
		t.Fatalf("%s\n%s", out.String(), errs.String())
	}
}

// TestJITSaveLoadsInPyTorch saves traced functions and modules with
// jit_save and checks with PyTorch's torch.jit.load that they load and give
// the outputs torchr computed (skipped when PyTorch is not installed).
func TestJITSaveLoadsInPyTorch(t *testing.T) {
	if exec.Command("/usr/bin/python3", "-c", "import torch").Run() != nil {
		t.Skip("PyTorch (/usr/bin/python3 with torch) is not installed")
	}
	dir := t.TempDir()
	run(t, fmt.Sprintf(`library(torch)
dir <- %q
torch_manual_seed(7)
f <- function(x, y) torch_tanh(x) * y + 1
tf <- jit_trace(f, torch_randn(3), torch_randn(3))
jit_save(tf, file.path(dir, "fn.pt"))
a <- torch_randn(3); b <- torch_randn(3)
lin <- jit_trace(nn_linear(10, 1), torch_randn(10, 10))
lin$save(file.path(dir, "linear.pt"))
x10 <- torch_randn(4, 10)
net <- nn_module("mlp",
  initialize = function() {
    self$fc1 <- nn_linear(6, 16); self$drop <- nn_dropout(0.5); self$bn <- nn_batch_norm1d(16); self$fc2 <- nn_linear(16, 2)
  },
  forward = function(x) self$fc2(self$bn(self$drop(torch_relu(self$fc1(x)))))
)
m <- net()
for (i in 1:3) m(torch_randn(8, 6))
tm <- jit_trace(m, torch_randn(8, 6))
tm$eval()
jit_save(tm, file.path(dir, "mlp.pt"))
x6 <- torch_randn(5, 6)
conv <- nn_module("convnet",
  initialize = function() { self$conv <- nn_conv2d(1, 3, 3); self$fc <- nn_linear(3 * 4 * 4, 2) },
  forward = function(x) self$fc(torch_flatten(torch_relu(self$conv(x)), start_dim = 2))
)
cm <- conv()
tc <- jit_trace(cm, torch_randn(2, 1, 6, 6), respect_mode = FALSE)
jit_save(tc, file.path(dir, "conv.pt"))
xc <- torch_randn(3, 1, 6, 6)
td <- jit_trace(function(l) l$a * l$b - l$a, list(a = torch_randn(2), b = torch_randn(2)))
jit_save(td, file.path(dir, "dict.pt"))
torch_save(list(dict = td(list(a = a[1:2], b = b[1:2])), a = a, b = b, fn = tf(a, b), x10 = x10, linear = lin(x10), x6 = x6, mlp = tm(x6),
  xc = xc, conv = tc(xc)), file.path(dir, "io.pt"))
`, dir))
	py := fmt.Sprintf(`
import torch
d = %q
io = torch.load(d + "/io.pt")
def check(name, got, want):
    if not torch.allclose(got, want, atol=1e-5):
        raise SystemExit("%%s: %%s != %%s" %% (name, got, want))
fn = torch.jit.load(d + "/fn.pt")
check("fn", fn(io["a"], io["b"]), io["fn"])
lin = torch.jit.load(d + "/linear.pt")
check("linear", lin.trainforward(io["x10"]), io["linear"])
check("linear eval", lin.evalforward(io["x10"]), io["linear"])
mlp = torch.jit.load(d + "/mlp.pt")
assert not mlp.training
check("mlp", mlp.evalforward(io["x6"]), io["mlp"])
assert [n for n, _ in mlp.named_parameters()] == ["fc1.weight", "fc1.bias", "bn.weight", "bn.bias", "fc2.weight", "fc2.bias"], list(mlp.named_parameters())
conv = torch.jit.load(d + "/conv.pt")
check("conv", conv(io["xc"]), io["conv"])
dct = torch.jit.load(d + "/dict.pt")
check("dict", dct({"a": io["a"][:2], "b": io["b"][:2]}), io["dict"])
print("OK")
`, dir)
	out, err := exec.Command("/usr/bin/python3", "-c", py).CombinedOutput()
	if err != nil || !strings.Contains(string(out), "OK") {
		t.Fatalf("torch.jit.load: %v\n%s", err, out)
	}
}

// TestJITLoadsPyTorchTraces traces modules with PyTorch's torch.jit.trace,
// saves them with their inputs and outputs, and checks that jit_load gives
// the same outputs (skipped when PyTorch is not installed).
func TestJITLoadsPyTorchTraces(t *testing.T) {
	if exec.Command("/usr/bin/python3", "-c", "import torch").Run() != nil {
		t.Skip("PyTorch (/usr/bin/python3 with torch) is not installed")
	}
	dir := t.TempDir()
	py := fmt.Sprintf(`
import torch, torch.nn as nn
torch.manual_seed(0)
d = %q
mlp = nn.Sequential(nn.Linear(6, 8), nn.ReLU(), nn.Dropout(0.2), nn.BatchNorm1d(8), nn.Linear(8, 2)).eval()
with torch.no_grad():
    mlp[3].running_mean.uniform_(-1, 1)
x = torch.randn(5, 6)
torch.jit.trace(mlp, x).save(d + "/mlp.pt")
conv = nn.Sequential(nn.Conv2d(1, 2, 3), nn.ReLU(), nn.Flatten(), nn.Linear(2 * 4 * 4, 3)).eval()
xc = torch.randn(2, 1, 6, 6)
torch.jit.trace(conv, xc).save(d + "/conv.pt")
with torch.no_grad():
    torch.save({"x": x, "mlp": mlp(x), "xc": xc, "conv": conv(xc)}, d + "/io.pt")
print("OK")
`, dir)
	if out, err := exec.Command("/usr/bin/python3", "-c", py).CombinedOutput(); err != nil || !strings.Contains(string(out), "OK") {
		t.Fatalf("python: %v\n%s", err, out)
	}
	out := run(t, fmt.Sprintf(`library(torch)
dir <- %q
io <- torch_load(file.path(dir, "io.pt"))
m <- jit_load(file.path(dir, "mlp.pt"))
cat(m$training, torch_allclose(m(io$x), io$mlp, atol = 1e-5), "\n")
cm <- jit_load(file.path(dir, "conv.pt"))
cat(torch_allclose(cm(io$xc), io$conv, atol = 1e-5), "\n")
`, dir))
	if out != "FALSE TRUE \nTRUE \n" {
		t.Fatalf("got %q", out)
	}
}

// BenchmarkJITLinearCall is the cost of calling a traced nn_linear(10, 1)
// on a 10x10 input from R (bench/jit measures the same against PyTorch).
func BenchmarkJITLinearCall(b *testing.B) {
	var out strings.Builder
	s := lang.NewSession(lang.Options{Stdout: &out, Stderr: &out})
	ctx := context.Background()
	if err := s.Eval(ctx, "b.tr", "library(torch); torch_set_num_threads(1)\ntl <- jit_trace(nn_linear(10, 1), torch_randn(10, 10)); tl$eval(); x <- torch_randn(10, 10)\nf <- function(n) with_no_grad(for (i in seq_len(n)) tl(x))\nf(10)"); err != nil {
		b.Fatal(err)
	}
	b.ResetTimer()
	if err := s.Eval(ctx, "b.tr", fmt.Sprintf("f(%d)", b.N)); err != nil {
		b.Fatal(err)
	}
}
