package kernel

import (
	"encoding/json"
	"os"
	"os/exec"
	"path/filepath"
	"testing"
)

// The test binary doubles as the kernel for the Python clients: a
// kernelspec whose env sets TORCHR_KERNEL_TEST_CHILD runs Main.
func TestMain(m *testing.M) {
	if os.Getenv("TORCHR_KERNEL_TEST_CHILD") == "1" {
		os.Exit(Main(os.Args[1:], "test", os.Stdout, os.Stderr))
	}
	os.Exit(m.Run())
}

const systemPython = "/usr/bin/python3"

// needPython skips the test unless Debian's python3 has the modules.
func needPython(t *testing.T, modules ...string) {
	t.Helper()
	if _, err := os.Stat(systemPython); err != nil {
		t.Skipf("%s not found", systemPython)
	}
	for _, m := range modules {
		if err := exec.Command(systemPython, "-c", "import "+m).Run(); err != nil {
			t.Skipf("python module %s missing (apt-get install python3-jupyter-client python3-jupyter-kernel-test): %v", m, err)
		}
	}
}

// testKernelspec writes a kernelspec named name running this test binary
// as the kernel, and returns the JUPYTER_PATH directory holding it.
func testKernelspec(t *testing.T, name string) string {
	t.Helper()
	exe, err := os.Executable()
	if err != nil {
		t.Fatal(err)
	}
	dir := t.TempDir()
	kdir := filepath.Join(dir, "kernels", name)
	if err := os.MkdirAll(kdir, 0o755); err != nil {
		t.Fatal(err)
	}
	spec := Kernelspec{Argv: []string{exe, "{connection_file}"}, DisplayName: "torchr (test)", Language: "torchr",
		InterruptMode: "message", Env: map[string]any{"TORCHR_KERNEL_TEST_CHILD": "1",
			// the kernel's history file goes to the test's directory
			"XDG_DATA_HOME": filepath.Join(dir, "data")}}
	b, _ := json.Marshal(spec)
	if err := os.WriteFile(filepath.Join(kdir, "kernel.json"), b, 0o644); err != nil {
		t.Fatal(err)
	}
	return dir
}

// TestJupyterKernelTest runs jupyter_kernel_test's KernelTests with every
// sample configured (testdata/test_torchr_kernel.py).
func TestJupyterKernelTest(t *testing.T) {
	needPython(t, "jupyter_client", "jupyter_kernel_test")
	path := testKernelspec(t, "torchr-test")
	cmd := exec.Command(systemPython, "-m", "unittest", "-v", "test_torchr_kernel.py")
	cmd.Dir = "testdata"
	cmd.Env = append(os.Environ(), "JUPYTER_PATH="+path, "JUPYTER_RUNTIME_DIR="+t.TempDir(), "PYTHONDONTWRITEBYTECODE=1")
	out, err := cmd.CombinedOutput()
	t.Logf("%s", out)
	if err != nil {
		t.Fatalf("jupyter_kernel_test failed: %v", err)
	}
}
