// Package libm holds bit-exact Go ports of the GNU libm (glibc 2.36,
// x86-64 FMA variants) functions whose results torchr must reproduce: Log,
// Exp, Sin, Cos and Tan. PyTorch's CPU samplers call them through ATen
// (tensor/rng) and GNU R calls log in qnorm (lang/internal/rrand), so both
// layers need the same code.
//
// The package sits in the module's top-level internal/ so that both the
// tensor packages and the language packages may import it; it belongs to
// neither layer and imports only the standard library. The tables
// (glibc_*_tables.go) are read from the system's libm by
// testdata/gen_glibc_tables.sh.
package libm
