package kernel

import (
	"encoding/json"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
)

// ciNotebooks are executed by TestNotebooks (all of notebooks/).
var ciNotebooks = []string{
	"01-tensors-and-autograd.ipynb",
	"02-jit-trace.ipynb",
	"03-train-an-mlp.ipynb",
}

// TestNotebooks executes each notebook with jupyter nbconvert against a
// kernelspec named "torchr" (this test binary as the kernel) and fails on
// any error output.
func TestNotebooks(t *testing.T) {
	needPython(t, "jupyter_client", "nbclient", "nbconvert")
	path := testKernelspec(t, "torchr")
	for _, nb := range ciNotebooks {
		t.Run(strings.TrimSuffix(nb, ".ipynb"), func(t *testing.T) {
			out := t.TempDir()
			work := t.TempDir() // plots and files the notebook writes
			src, err := filepath.Abs(filepath.Join("..", "notebooks", nb))
			if err != nil {
				t.Fatal(err)
			}
			cmd := exec.Command(systemPython, "-m", "nbconvert", "--to", "notebook", "--execute",
				"--ExecutePreprocessor.kernel_name=torchr", "--ExecutePreprocessor.timeout=600",
				"--output-dir", out, src)
			cmd.Dir = work
			cmd.Env = append(os.Environ(), "JUPYTER_PATH="+path, "JUPYTER_RUNTIME_DIR="+t.TempDir())
			msg, err := cmd.CombinedOutput()
			if err != nil {
				t.Fatalf("nbconvert: %v\n%s", err, msg)
			}
			b, err := os.ReadFile(filepath.Join(out, nb))
			if err != nil {
				t.Fatal(err)
			}
			var doc struct {
				Cells []struct {
					CellType string            `json:"cell_type"`
					Source   any               `json:"source"`
					Outputs  []json.RawMessage `json:"outputs"`
				} `json:"cells"`
			}
			if err := json.Unmarshal(b, &doc); err != nil {
				t.Fatal(err)
			}
			for i, c := range doc.Cells {
				for _, o := range c.Outputs {
					var out struct {
						OutputType string `json:"output_type"`
						Name       string `json:"name"`
						Text       any    `json:"text"`
						Evalue     string `json:"evalue"`
					}
					json.Unmarshal(o, &out)
					if out.OutputType == "error" {
						t.Errorf("cell %d: error output: %s", i, out.Evalue)
					}
					if out.OutputType == "stream" && out.Name == "stderr" && strings.Contains(text(out.Text), "Error") {
						t.Errorf("cell %d: stderr: %s", i, text(out.Text))
					}
				}
			}
		})
	}
}

func text(v any) string {
	switch x := v.(type) {
	case string:
		return x
	case []any:
		var b strings.Builder
		for _, e := range x {
			s, _ := e.(string)
			b.WriteString(s)
		}
		return b.String()
	}
	return ""
}
