package rng

import (
	"bytes"
	"os"
	"os/exec"
	"path/filepath"
	"testing"
)

// TestFixturesLive re-runs testdata/gen_fixtures.py with the system's
// PyTorch (/usr/bin/python3, where Debian's python3-torch lives) and checks
// that it reproduces the committed fixtures.json byte for byte, so the
// committed expectations are what torch really computes here.
func TestFixturesLive(t *testing.T) {
	const py = "/usr/bin/python3"
	if testing.Short() {
		t.Skip("-short: not re-running PyTorch")
	}
	if !cpuMatchesFixtures() {
		t.Skip("the fixtures were recorded on an x86-64 CPU with AVX2 and FMA; PyTorch and glibc take other code paths on this CPU")
	}
	if _, err := os.Stat(py); err != nil {
		t.Skip("no /usr/bin/python3; install python3-torch to check fixtures against live PyTorch")
	}
	if err := exec.Command(py, "-c", "import torch").Run(); err != nil {
		t.Skip("torch is not importable by /usr/bin/python3 (apt-get install python3-torch); skipping live fixture check")
	}
	out := filepath.Join(t.TempDir(), "fixtures.json")
	cmd := exec.Command(py, "testdata/gen_fixtures.py", out)
	if b, err := cmd.CombinedOutput(); err != nil {
		t.Fatalf("gen_fixtures.py failed: %v\n%s", err, b)
	}
	fresh, err := os.ReadFile(out)
	if err != nil {
		t.Fatal(err)
	}
	committed, err := os.ReadFile("testdata/fixtures.json")
	if err != nil {
		t.Fatal(err)
	}
	if !bytes.Equal(fresh, committed) {
		t.Fatal("live PyTorch output differs from testdata/fixtures.json; regenerate it with /usr/bin/python3 testdata/gen_fixtures.py testdata/fixtures.json and review")
	}
	// The fresh file must also pass the comparison itself.
	d := loadFixtures(t, out)
	if len(d.Cases) == 0 {
		t.Fatal("no cases in live fixtures")
	}
}
