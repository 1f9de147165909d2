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
