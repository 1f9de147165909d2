package torch_test

import (
	"bytes"
	"context"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"

	"torchr/lang"
	"torchr/tensor/ptfile"
)

// TestNN runs testdata/nn/test-*.tr (modules, optimizers, data, saving).
func TestNN(t *testing.T) {
	var out, errs strings.Builder
	passed, failed, err := lang.RunTests(context.Background(), "testdata/nn", &out, &errs)
	if err != nil {
		t.Fatal(err)
	}
	if failed > 0 || passed == 0 {
		t.Fatalf("%s\n%s", out.String(), errs.String())
	}
}

// TestNNFixturesLive re-runs gen_fixtures.py when PyTorch is installed and
// checks that the committed fixtures are what it prints.
func TestNNFixturesLive(t *testing.T) {
	if testing.Short() {
		t.Skip("short")
	}
	if exec.Command("/usr/bin/python3", "-c", "import torch").Run() != nil {
		t.Skip("no PyTorch")
	}
	tmp := filepath.Join(t.TempDir(), "fixtures.R")
	cmd := exec.Command("/usr/bin/python3", "testdata/nn/gen_fixtures.py", tmp)
	if b, err := cmd.CombinedOutput(); err != nil {
		t.Fatalf("%v\n%s", err, b)
	}
	got, _ := os.ReadFile(tmp)
	want, _ := os.ReadFile("testdata/nn/fixtures.R")
	if !bytes.Equal(got, want) {
		t.Errorf("testdata/nn/fixtures.R differs from gen_fixtures.py's output: regenerate it")
	}
}

// BenchmarkMLPStep is bench/mlp's training step (784-256-256-10, batch 64,
// Adam) from the language.
func BenchmarkMLPStep(b *testing.B) {
	src, err := os.ReadFile("../../bench/mlp/step.tr")
	if err != nil {
		b.Fatal(err)
	}
	var out strings.Builder
	s := lang.NewSession(lang.Options{Stdout: &out, Stderr: &out})
	ctx := context.Background()
	if err := s.Eval(ctx, "b.tr", "library(torch); torch_set_num_threads(1)\n"+string(src)+"\nstep()"); err != nil {
		b.Fatal(err)
	}
	b.ResetTimer()
	if err := s.Eval(ctx, "b.tr", fmt.Sprintf("for (i in 1:%d) step()", b.N)); err != nil {
		b.Fatal(err)
	}
}

// TestTorchSaveLoadsInPyTorch saves with torch_save and checks the files
// with torch.load in Python (when PyTorch is installed).
func TestTorchSaveLoadsInPyTorch(t *testing.T) {
	if exec.Command("/usr/bin/python3", "-c", "import torch").Run() != nil {
		t.Skip("no PyTorch")
	}
	dir := t.TempDir()
	run(t, fmt.Sprintf(`library(torch)
torch_manual_seed(1)
m <- nn_sequential(nn_linear(4, 2), nn_relu(), nn_batch_norm1d(2))
torch_save(m$state_dict(), %[1]q)
torch_save(m, %[3]q)
torch_save(list(model = m, epoch = 5L), %[4]q)
x <- torch_arange(1, 12)$view(c(3, 4))
torch_save(list(t = x$t(), v = x[2:3, 2:3], l = list(torch_tensor(c(TRUE, FALSE)), 7L, 0.5, "s"),
  d = torch_tensor(c(1.5, 2), dtype = torch_float64())), %[2]q)
`, filepath.Join(dir, "m.pt"), filepath.Join(dir, "o.pt"), filepath.Join(dir, "whole.pt"), filepath.Join(dir, "list.pt")))
	py := fmt.Sprintf(`
import torch, collections
sd = torch.load(%[1]q)
assert isinstance(sd, collections.OrderedDict), type(sd)
assert list(sd) == ['0.weight', '0.bias', '2.weight', '2.bias', '2.running_mean', '2.running_var', '2.num_batches_tracked'], list(sd)
torch.manual_seed(1)
ref = torch.nn.Linear(4, 2)
assert torch.equal(sd['0.weight'], ref.weight.detach()), (sd['0.weight'], ref.weight)
assert torch.equal(sd['0.bias'], ref.bias.detach())
whole = torch.load(%[3]q)  # a whole module reads as its state dict
assert isinstance(whole, collections.OrderedDict) and list(whole) == list(sd), list(whole)
assert all(torch.equal(whole[k], sd[k]) for k in sd)
lst = torch.load(%[4]q)  # a list holding a module: the module as its state dict
assert list(lst) == ['model', 'epoch'] and lst['epoch'] == 5, lst
assert all(torch.equal(lst['model'][k], sd[k]) for k in sd)
o = torch.load(%[2]q)
x = torch.arange(1., 13.).view(3, 4)
assert torch.equal(o['t'], x.t()) and o['t'].stride() == (1, 4)
assert torch.equal(o['v'], x[1:3, 1:3])
assert torch.equal(o['l'][0], torch.tensor([True, False]))
assert o['l'][1:] == [7, 0.5, 's'], o['l']
assert o['d'].dtype == torch.float64 and o['d'].tolist() == [1.5, 2.0]
print("ok")
`, filepath.Join(dir, "m.pt"), filepath.Join(dir, "o.pt"), filepath.Join(dir, "whole.pt"), filepath.Join(dir, "list.pt"))
	out, err := exec.Command("/usr/bin/python3", "-c", py).CombinedOutput()
	if err != nil || !strings.Contains(string(out), "ok") {
		t.Fatalf("%v\n%s", err, out)
	}
}

// TestTorchLoadModuleRunsNoCode: a module file whose saved R values are
// code rather than constants (a tampered archive) is refused by
// torch_load, which evaluates only constants and function definitions.
func TestTorchLoadModuleRunsNoCode(t *testing.T) {
	dir := t.TempDir()
	good := filepath.Join(dir, "good.pt")
	run(t, fmt.Sprintf(`library(torch)
M <- nn_module(initialize = function() self$k <- 2, forward = function(x) x * self$k)
torch_save(M(), %q)`, good))
	b, err := os.ReadFile(good)
	if err != nil {
		t.Fatal(err)
	}
	// the field k is saved as the R source "2" (a BINUNICODE of length
	// 1); make it "q", a name rather than a constant
	recs, err := ptfile.ReadArchive(b)
	if err != nil {
		t.Fatal(err)
	}
	found := false
	for k := range recs {
		if j := bytes.Index(recs[k].Data, []byte("X\x01\x00\x00\x002")); j >= 0 {
			recs[k].Data = append([]byte(nil), recs[k].Data...)
			recs[k].Data[j+5] = 'q'
			found = true
		}
	}
	if !found {
		t.Fatal("saved constant not found")
	}
	var buf bytes.Buffer
	if err := ptfile.WriteArchive(&buf, recs); err != nil {
		t.Fatal(err)
	}
	tampered := filepath.Join(dir, "bad.pt")
	if err := os.WriteFile(tampered, buf.Bytes(), 0o644); err != nil {
		t.Fatal(err)
	}
	out := run(t, fmt.Sprintf(`library(torch)
print(torch_load(%q)(torch_ones(1))$item())
r <- tryCatch(torch_load(%q), error = function(e) conditionMessage(e))
cat(r, "\n")`, good, tampered))
	want := "[1] 2\ntorch_load: the saved module is damaged (R source that is not a constant) \n"
	if out != want {
		t.Errorf("got %q, want %q", out, want)
	}
}
