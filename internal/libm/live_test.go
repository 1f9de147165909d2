package libm

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

// TestLive compares the ports with the system libm (GNU libm on
// linux/amd64) when a C compiler is available: log on a million arguments
// plus subnormal and special ones, exp, sin, cos and tan on the ranges they
// reproduce.
func TestLive(t *testing.T) {
	if runtime.GOOS != "linux" || runtime.GOARCH != "amd64" {
		t.Skip("the ports reproduce GNU libm on linux/amd64")
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
static void out(const char *f, double x, double y) {
  uint64_t xb, yb; memcpy(&xb, &x, 8); memcpy(&yb, &y, 8);
  printf("%s %016lx %016lx\n", f, (unsigned long)xb, (unsigned long)yb);
}
int main(void) {
  uint64_t s = 88172645463325252ULL;
  for (int i = 0; i < 1000000; i++) {
    s ^= s << 13; s ^= s >> 7; s ^= s << 17;
    double x;
    if (i % 2 == 0) { x = (double)(s >> 11) * 0x1.0p-53; if (i % 4 == 0) x *= 0.15; }
    else { uint64_t b = (s & 0x000FFFFFFFFFFFFFULL) | ((uint64_t)(900 + (s >> 52) % 250) << 52); memcpy(&x, &b, 8); }
    if (x <= 0) continue;
    volatile double vx = x;
    out("log", x, log(vx));
  }
  for (int i = 0; i < 20000; i++) {
    s ^= s << 13; s ^= s >> 7; s ^= s << 17;
    uint64_t b = s & 0x000FFFFFFFFFFFFFULL; double x; memcpy(&x, &b, 8);
    volatile double vx = x;
    out("log", x, log(vx));
  }
  double sp[] = {0.0, -0.0, -1.0, INFINITY, -INFINITY, 0x1p-1074, 0x1p-1022, 0x1.fffffffffffffp1023};
  for (int i = 0; i < 8; i++) { volatile double vx = sp[i]; out("log", sp[i], log(vx)); }
  for (int i = 0; i < 100000; i++) {
    s ^= s << 13; s ^= s >> 7; s ^= s << 17;
    double u = (double)(s >> 11) * 0x1.0p-53;
    volatile double e = (u - 0.5) * 1460, a = (u - 0.5) * 2e6, b = (u - 0.5) * 20, c = (u - 0.5) * 50;
    out("exp", e, exp(e)); out("exp", b, exp(b));
    out("sin", a, sin(a)); out("sin", b, sin(b));
    out("cos", a, cos(a)); out("cos", b, cos(b));
    out("tan", c, tan(c)); out("tan", b / 8, tan(b / 8));
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
	fns := map[string]func(float64) float64{"log": Log, "exp": Exp, "sin": Sin, "cos": Cos, "tan": Tan}
	sc := bufio.NewScanner(bytes.NewReader(out))
	n, bad := 0, 0
	for sc.Scan() {
		f := strings.Fields(sc.Text())
		xb, _ := strconv.ParseUint(f[1], 16, 64)
		yb, _ := strconv.ParseUint(f[2], 16, 64)
		x, want := math.Float64frombits(xb), math.Float64frombits(yb)
		n++
		got := fns[f[0]](x)
		if math.Float64bits(got) != yb && !(math.IsNaN(got) && math.IsNaN(want)) {
			if bad < 5 {
				t.Errorf("%s(%v): got %v, libm %v", f[0], x, got, want)
			}
			bad++
		}
	}
	if bad > 0 {
		t.Errorf("%d of %d differ from the system libm", bad, n)
	}
}
