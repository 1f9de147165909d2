package torch_test

import (
	"context"
	"fmt"
	"os"
	"os/exec"
	"runtime/debug"
	"strings"
	"testing"

	"torchr/lang"
)

func TestTestdata(t *testing.T) {
	var out, errs strings.Builder
	passed, failed, err := lang.RunTests(context.Background(), "testdata", &out, &errs)
	if err != nil {
		t.Fatal(err)
	}
	if failed > 0 || passed == 0 {
		t.Fatalf("%s\n%s", out.String(), errs.String())
	}
}

func run(t testing.TB, src string) string {
	var out, errs strings.Builder
	s := lang.NewSession(lang.Options{Stdout: &out, Stderr: &errs})
	if err := s.Eval(context.Background(), "test.tr", src); err != nil {
		t.Fatalf("%s: %v\n%s", src, err, errs.String())
	}
	return out.String()
}

// Printed forms following libtorch's Formatting.cpp (the rules R torch
// prints with), values checked against PyTorch.
var printCases = []struct{ src, want string }{
	{"torch_tensor(matrix(1:6, 2))", "torch_tensor\n 1  3  5\n 2  4  6\n[ CPULongType{2,3} ]\n"},
	{"torch_tensor(c(1.5, 2.25, 3))", "torch_tensor\n 1.5000\n 2.2500\n 3.0000\n[ CPUFloatType{3} ]\n"},
	{"torch_tensor(c(TRUE, FALSE))", "torch_tensor\n 1\n 0\n[ CPUBoolType{2} ]\n"},
	{"torch_tensor(3.5, dtype = torch_float64())", "torch_tensor\n 3.5000\n[ CPUDoubleType{1} ]\n"},
	{"torch_tensor(3.5)$sum()", "torch_tensor\n3.5\n[ CPUFloatType{} ]\n"},
	{"torch_tensor(c(1L, 2L), dtype = torch_int())", "torch_tensor\n 1\n 2\n[ CPUIntType{2} ]\n"},
	{"torch_tensor(c(1L, 200L), dtype = torch_uint8())", "torch_tensor\n   1\n 200\n[ CPUByteType{2} ]\n"},
	{"torch_tensor(c(0.001, 0.002))", "torch_tensor\n0.001 *\n 1.0000\n 2.0000\n[ CPUFloatType{2} ]\n"},
	{"torch_tensor(c(1e-5, 1, 1000))", "torch_tensor\n 1.0000e-05\n 1.0000e+00\n 1.0000e+03\n[ CPUFloatType{3} ]\n"},
	{"torch_tensor(c(1, 2, 3), requires_grad = TRUE)", "torch_tensor\n 1\n 2\n 3\n[ CPUFloatType{3} ][ requires_grad = TRUE ]\n"},
	{"log(torch_tensor(c(1, 2, 3), requires_grad = TRUE))", ""},
	{"torch_tensor(c(1, 2, 3), requires_grad = TRUE)$log()", "torch_tensor\n 0.0000\n 0.6931\n 1.0986\n[ CPUFloatType{3} ][ grad_fn = <LogBackward0> ]\n"},
	{"torch_tensor(array(c(0.6192, 0.2488, 0.58, 0.3681, 0.0042, 0.4388, 0.9206, 0.5664), c(2, 2, 2)))$permute(c(3, 1, 2))$to(dtype = torch_double())",
		"torch_tensor\n(1,.,.) = \n  0.6192  0.5800\n  0.2488  0.3681\n\n(2,.,.) = \n  0.0042  0.9206\n  0.4388  0.5664\n[ CPUDoubleType{2,2,2} ]\n"},
	{"torch_float()", "torch_Float\n"},
	{"torch_device('cpu')", "torch_device(type='cpu')\n"},
	{"torch_zeros(2, 30)", "torch_tensor\nColumns 1 to 26 0  0  0  0  0  0  0  0  0  0  0  0  0  0  0  0  0  0  0  0  0  0  0  0  0  0\n 0  0  0  0  0  0  0  0  0  0  0  0  0  0  0  0  0  0  0  0  0  0  0  0  0  0\n\nColumns 27 to 30 0  0  0  0\n 0  0  0  0\n[ CPUFloatType{2,30} ]\n"},
}

func TestPrint(t *testing.T) {
	for _, c := range printCases {
		if c.want == "" {
			continue
		}
		got := run(t, "library(torch)\n"+c.src)
		if got != c.want {
			t.Errorf("%s:\ngot:\n%s\nwant:\n%s", c.src, got, c.want)
		}
	}
}

// BenchmarkAddScalarTensors is x + y on 1-element tensors from the
// language (the loop's own cost included).
func BenchmarkAddScalarTensors(b *testing.B) {
	var out strings.Builder
	s := lang.NewSession(lang.Options{Stdout: &out, Stderr: &out})
	ctx := context.Background()
	if err := s.Eval(ctx, "b.tr", "x <- torch_tensor(1); y <- torch_tensor(2)"); err != nil {
		b.Fatal(err)
	}
	defer debug.SetGCPercent(debug.SetGCPercent(400)) // as cmd/torchr runs
	src := fmt.Sprintf("for (i in 1:%d) z <- x + y", b.N)
	b.ResetTimer()
	if err := s.Eval(ctx, "b.tr", src); err != nil {
		b.Fatal(err)
	}
}

// TestPrintFixtures compares printed tensors with libtorch's own printer
// (testdata/print_fixtures.txt from gen_print.py: PyTorch's values printed
// by the C++ operator<< through TorchScript's print).
func TestPrintFixtures(t *testing.T) {
	data, err := os.ReadFile("testdata/print_fixtures.txt")
	if err != nil {
		t.Fatal(err)
	}
	parts := strings.Split(string(data), "### ")
	n := 0
	for _, p := range parts[1:] {
		expr, want, _ := strings.Cut(p, "\n")
		if expr == "end" {
			break
		}
		n++
		got := run(t, "library(torch)\n"+expr)
		if got != want {
			t.Errorf("%s:\ngot:\n%s\nwant:\n%s", expr, got, want)
		}
	}
	if n < 30 {
		t.Fatalf("only %d fixtures", n)
	}
}

// BenchmarkMethodAdd is z <- x$add(y) on 1-element tensors from the language.
func BenchmarkMethodAdd(b *testing.B) {
	var out strings.Builder
	s := lang.NewSession(lang.Options{Stdout: &out, Stderr: &out})
	ctx := context.Background()
	if err := s.Eval(ctx, "b.tr", "x <- torch_tensor(1); y <- torch_tensor(2)"); err != nil {
		b.Fatal(err)
	}
	defer debug.SetGCPercent(debug.SetGCPercent(400))
	src := fmt.Sprintf("for (i in 1:%d) z <- x$add(y)", b.N)
	b.ResetTimer()
	if err := s.Eval(ctx, "b.tr", src); err != nil {
		b.Fatal(err)
	}
}

// BenchmarkLoop is the loop alone (for comparison).
func BenchmarkLoop(b *testing.B) {
	var out strings.Builder
	s := lang.NewSession(lang.Options{Stdout: &out, Stderr: &out})
	ctx := context.Background()
	if err := s.Eval(ctx, "b.tr", "x <- torch_tensor(1); y <- torch_tensor(2)"); err != nil {
		b.Fatal(err)
	}
	src := fmt.Sprintf("for (i in 1:%d) z <- x", b.N)
	b.ResetTimer()
	if err := s.Eval(ctx, "b.tr", src); err != nil {
		b.Fatal(err)
	}
}

// TestTestthat checks the counting of the built-in testthat: failed
// expectations and errors count as failures, skipped blocks do not.
func TestTestthat(t *testing.T) {
	dir := t.TempDir()
	src := `test_that("warnings", {
  expect_warning(warning("careful now"), "careful")
  expect_warning(as.integer("a"), "NAs introduced")
  f <- function() { warning("w1"); 5 }
  v <- expect_warning(f())
  expect_equal(v, 5)
})
test_that("skips", {
  skip_if(TRUE)
  expect_true(FALSE)
})
test_that("fails", {
  expect_equal(1, 2)
  expect_true(TRUE)
})
test_that("errors in block", {
  stop("boom")
})
expect_output(cat("hi"), "hi")
expect_length(1:3, 3)
expect_error(stop("x"))
expect_error(stop("abc"), "b", fixed = TRUE)
`
	if err := os.WriteFile(dir+"/test-a.tr", []byte(src), 0o644); err != nil {
		t.Fatal(err)
	}
	var out, errs strings.Builder
	passed, failed, err := lang.RunTests(context.Background(), dir, &out, &errs)
	if err != nil {
		t.Fatal(err)
	}
	if passed != 9 || failed != 2 || out.String() != "9 passed, 2 failed\n" {
		t.Errorf("passed %d failed %d, out %q, stderr:\n%s", passed, failed, out.String(), errs.String())
	}
	if !strings.Contains(errs.String(), "Failure (fails): 1 not equal to 2") || !strings.Contains(errs.String(), "Failure (errors in block): Error: boom") {
		t.Errorf("stderr:\n%s", errs.String())
	}
}

// TestSessionsIsolated runs torch code in two sessions at once: each has
// its own runtime (seed, grad mode), so results equal sequential runs.
func TestSessionsIsolated(t *testing.T) {
	src := func(seed int) string {
		return fmt.Sprintf(`library(torch)
torch_manual_seed(%d)
with_no_grad({ a <- torch_randn(50) })
for (i in 1:200) a <- a + torch_randn(50) / 100
print(a$sum()$item())
`, seed)
	}
	want := []string{run(t, src(1)), run(t, src(2))}
	got := make([]string, 2)
	done := make(chan bool)
	for i := 0; i < 2; i++ {
		go func(i int) {
			var out, errs strings.Builder
			s := lang.NewSession(lang.Options{Stdout: &out, Stderr: &errs})
			if err := s.Eval(context.Background(), "t.tr", src(i+1)); err != nil {
				got[i] = err.Error()
			} else {
				got[i] = out.String()
			}
			done <- true
		}(i)
	}
	<-done
	<-done
	for i := range want {
		if got[i] != want[i] {
			t.Errorf("session %d: got %q, want %q", i, got[i], want[i])
		}
	}
}

// TestPreludeFixturesLive re-runs the generators of the prelude functions'
// fixtures when PyTorch is installed and checks that the committed
// fixtures are what they print.
func TestPreludeFixturesLive(t *testing.T) {
	if testing.Short() {
		t.Skip("short")
	}
	if exec.Command("/usr/bin/python3", "-c", "import torch").Run() != nil {
		t.Skip("no PyTorch")
	}
	for _, name := range []string{"nnf_extra", "torch_extra"} {
		got, err := exec.Command("/usr/bin/python3", "testdata/gen_"+name+".py").Output()
		if err != nil {
			t.Fatal(err)
		}
		want, _ := os.ReadFile("testdata/" + name + "_fixtures.R")
		if string(got) != string(want) {
			t.Errorf("testdata/%s_fixtures.R differs from gen_%s.py's output: regenerate it", name, name)
		}
	}
}
