package rrand

import (
	"bufio"
	"bytes"
	"math"
	"os"
	"os/exec"
	"path/filepath"
	"runtime"
	"strconv"
	"strings"
	"testing"
)

// TestGlibcLogLive compares glibcLog with the system libm's log on a
// million arguments when a C compiler is available.
func TestGlibcLogLive(t *testing.T) {
	if runtime.GOOS != "linux" || runtime.GOARCH != "amd64" {
		t.Skip("glibcLog reproduces GNU libm on linux/amd64")
	}
	cc, err := exec.LookPath("gcc")
	if err != nil {
		t.Skip("gcc not installed")
	}
	if testing.Short() {
		t.Skip("-short")
	}
	dir := t.TempDir()
	src := filepath.Join(dir, "lg.c")
	os.WriteFile(src, []byte(`#include <stdio.h>
#include <math.h>
#include <stdint.h>
#include <string.h>
int main(void) {
  uint64_t s = 88172645463325252ULL;
  for (int i = 0; i < 1000000; i++) {
    s ^= s << 13; s ^= s >> 7; s ^= s << 17;
    double x;
    if (i % 2 == 0) { x = (double)(s >> 11) * 0x1.0p-53; if (i % 4 == 0) x *= 0.15; }
    else { uint64_t b = (s & 0x000FFFFFFFFFFFFFULL) | ((uint64_t)(900 + (s >> 52) % 250) << 52); memcpy(&x, &b, 8); }
    if (x <= 0) continue;
    volatile double vx = x;
    double y = log(vx);
    uint64_t xb, yb; memcpy(&xb, &x, 8); memcpy(&yb, &y, 8);
    printf("%016lx %016lx\n", (unsigned long)xb, (unsigned long)yb);
  }
  return 0;
}
`), 0o644)
	bin := filepath.Join(dir, "lg")
	if out, err := exec.Command(cc, "-O2", "-o", bin, src, "-lm").CombinedOutput(); err != nil {
		t.Skipf("cannot compile: %v %s", err, out)
	}
	out, err := exec.Command(bin).Output()
	if err != nil {
		t.Fatal(err)
	}
	sc := bufio.NewScanner(bytes.NewReader(out))
	n, bad := 0, 0
	for sc.Scan() {
		f := strings.Fields(sc.Text())
		xb, _ := strconv.ParseUint(f[0], 16, 64)
		yb, _ := strconv.ParseUint(f[1], 16, 64)
		x := math.Float64frombits(xb)
		n++
		if got := math.Float64bits(glibcLog(x)); got != yb {
			if bad < 5 {
				t.Errorf("log(%v): got %v, libm %v", x, glibcLog(x), math.Float64frombits(yb))
			}
			bad++
		}
	}
	if bad > 0 {
		t.Errorf("%d of %d differ from the system libm", bad, n)
	}
}
