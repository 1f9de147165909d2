package base

// Random numbers on lang/internal/rrand (GNU R's Mersenne-Twister,
// Inversion, Rejection): set.seed, runif, rnorm, rexp, sample, sample.int.
// Each session has its own generator (in Interp.Local).

import (
	"errors"
	"math"

	"torchr/lang/eval"
	"torchr/lang/internal/rrand"
	"torchr/lang/syntax"
)

type syntaxExpr = syntax.Expr

type rngKey struct{}

// sessionRNG returns the session's generator, seeding it from the time the
// first time it is used (as R does without .Random.seed).
func sessionRNG(in *eval.Interp) *rrand.RNG {
	if r, ok := in.Local[rngKey{}].(*rrand.RNG); ok {
		return r
	}
	r := rrand.New()
	in.Local[rngKey{}] = r
	return r
}

// countArg is R's n for r* functions: length(n) when it is longer than 1.
func countArg(c *eval.Frame, v eval.Value) (int, error) {
	if v == nil {
		return 0, c.Errorf("argument \"n\" is missing, with no default")
	}
	if eval.Length(v) > 1 {
		return eval.Length(v), nil
	}
	d, ok := coDoubles(v, nil)
	if !ok || len(d) != 1 || d[0] != d[0] || d[0] < 0 || math.IsInf(d[0], 0) {
		return 0, c.Errorf("invalid arguments")
	}
	if err := checkAlloc(c, d[0], 8); err != nil {
		return 0, err
	}
	return int(d[0]), nil
}

// maxAllocBytes bounds what one builtin allocates: beyond it R's "cannot
// allocate vector" error is raised instead of letting Go abort the process.
const maxAllocBytes = 4 << 30

// checkAlloc reports R's allocation error for n elements of size bytes.
func checkAlloc(c *eval.Frame, n float64, size int) error {
	b := n * float64(size)
	if b <= maxAllocBytes {
		return nil
	}
	if b >= 1<<30 {
		return errorWithCall(c, nil, "cannot allocate vector of size %.1f Gb", b/(1<<30))
	}
	return errorWithCall(c, nil, "cannot allocate vector of size %.1f Mb", b/(1<<20))
}

func numVec(c *eval.Frame, v eval.Value, name string) ([]float64, error) {
	d, ok := coDoubles(v, nil)
	if !ok {
		return nil, c.Errorf("invalid arguments")
	}
	return d, nil
}

// rdist implements an r* function with two vectorised parameters.
func rdist(c *eval.Frame, a []eval.Value, draw func(r *rrand.RNG, p, q float64) float64) (eval.Value, error) {
	n, err := countArg(c, a[0])
	if err != nil {
		return nil, err
	}
	p, err := numVec(c, a[1], "")
	if err != nil {
		return nil, err
	}
	q, err := numVec(c, a[2], "")
	if err != nil {
		return nil, err
	}
	out := make([]float64, n)
	if n == 0 {
		return eval.NewDouble(out), nil
	}
	if len(p) == 0 || len(q) == 0 {
		for i := range out {
			out[i] = eval.NAReal
		}
		if err := c.Warningf("NAs produced"); err != nil {
			return nil, err
		}
		return eval.NewDouble(out), nil
	}
	r := sessionRNG(c.In)
	nan := false
	for i := range out {
		out[i] = draw(r, p[i%len(p)], q[i%len(q)])
		if out[i] != out[i] {
			nan = true
		}
	}
	if nan {
		if err := c.Warningf("NAs produced"); err != nil {
			return nil, err
		}
	}
	return eval.NewDouble(out), nil
}

var (
	sampleIntCall = mustParse("sample.int(x, size, replace, prob)")
	sampleLenCall = mustParse("sample.int(length(x), size, replace, prob)")
)

func init() {
	eval.RegisterAll(
		&eval.Builtin{Name: "set.seed", Invisible: true, Formals: []string{"seed", "kind = NULL", "normal.kind = NULL", "sample.kind = NULL"}, Fn: func(c *eval.Frame, a []eval.Value) (eval.Value, error) {
			for i, name := range []string{"kind", "normal.kind", "sample.kind"} {
				v := a[i+1]
				if isNull(v) {
					continue
				}
				s, _ := coStrings(v)
				ok := len(s) == 1 && (s[0] == "default" ||
					name == "kind" && s[0] == "Mersenne-Twister" ||
					name == "normal.kind" && s[0] == "Inversion" ||
					name == "sample.kind" && s[0] == "Rejection")
				if !ok {
					return nil, c.Errorf("only the default generators (Mersenne-Twister, Inversion, Rejection) are supported")
				}
			}
			if isNull(a[0]) {
				r := sessionRNG(c.In)
				*r = *rrand.New()
				return eval.Null, nil
			}
			d, ok := coDoubles(a[0], nil)
			if !ok || len(d) < 1 || d[0] != d[0] {
				return nil, c.Errorf("supplied seed is not a valid integer")
			}
			sessionRNG(c.In).SetSeed(int32(d[0]))
			return eval.Null, nil
		}},
		&eval.Builtin{Name: "runif", Formals: []string{"n", "min = 0", "max = 1"}, Fn: func(c *eval.Frame, a []eval.Value) (eval.Value, error) {
			return rdist(c, a, func(r *rrand.RNG, lo, hi float64) float64 { return r.Runif(lo, hi) })
		}},
		&eval.Builtin{Name: "rnorm", Formals: []string{"n", "mean = 0", "sd = 1"}, Fn: func(c *eval.Frame, a []eval.Value) (eval.Value, error) {
			return rdist(c, a, func(r *rrand.RNG, mu, sd float64) float64 { return r.Rnorm(mu, sd) })
		}},
		&eval.Builtin{Name: "rexp", Formals: []string{"n", "rate = 1"}, Fn: func(c *eval.Frame, a []eval.Value) (eval.Value, error) {
			return rdist(c, []eval.Value{a[0], a[1], eval.NewDouble1(0)}, func(r *rrand.RNG, rate, _ float64) float64 { return r.Rexp(rate) })
		}},
		&eval.Builtin{Name: "sample", Formals: []string{"x", "size", "replace = FALSE", "prob = NULL"}, Fn: builtinSample},
		&eval.Builtin{Name: "sample.int", Formals: []string{"n", "size = NULL", "replace = FALSE", "prob = NULL", "useHash = FALSE"}, Fn: func(c *eval.Frame, a []eval.Value) (eval.Value, error) {
			n, err := argNum(c, a[0], "n")
			if err != nil || n != n || n < 0 {
				return nil, c.Errorf("invalid first argument")
			}
			size := a[1]
			if isNull(size) {
				size = a[0]
			}
			return sampleInt(c, int(n), size, a[2], a[3], nil)
		}},
	)
}

// sampleInt is sample.int(n, size, replace, prob); call is the call R
// reports errors with (nil: the builtin's own).
func sampleInt(c *eval.Frame, n int, sizeV, replaceV, probV eval.Value, call eval.Value) (eval.Value, error) {
	size := n
	if sizeV != nil && !isNull(sizeV) {
		d, ok := coDoubles(sizeV, nil)
		if !ok || len(d) != 1 || d[0] != d[0] || d[0] < 0 {
			return nil, c.Errorf("invalid '%s' argument", "size")
		}
		if err := checkAlloc(c, d[0], 4); err != nil {
			return nil, err
		}
		size = int(d[0])
	}
	if err := checkAlloc(c, float64(n), 4); err != nil {
		return nil, err
	}
	replace, err := argBool(c, replaceV, "replace")
	if err != nil {
		return nil, c.Errorf("invalid '%s' argument", "replace")
	}
	var prob []float64
	if !isNull(probV) {
		p, ok := coDoubles(probV, nil)
		if !ok {
			return nil, c.Errorf("incorrect number of probabilities")
		}
		prob = p
	}
	idx, err := sessionRNG(c.In).Sample(n, size, replace, prob)
	if err != nil {
		return nil, err
	}
	r := make([]int32, len(idx))
	for i, k := range idx {
		r[i] = int32(k)
	}
	return eval.NewInt(r), nil
}

func builtinSample(c *eval.Frame, a []eval.Value) (eval.Value, error) {
	x := a[0]
	if x == nil {
		return nil, c.Errorf("argument \"x\" is missing, with no default")
	}
	wrap := func(err error, expr syntaxExpr) error {
		var rerr *eval.Error
		if errors.As(err, &rerr) {
			return err
		}
		fr := &eval.Frame{In: c.In, Call: expr}
		e := fr.Errorf("%s", err.Error())
		if ee, ok := e.(*eval.Error); ok && c.Call != nil {
			ee.Pos = c.Call.Pos()
		}
		return e
	}
	if eval.Length(x) == 1 && !isFactor(x) {
		if d, ok := x.(*eval.Double); ok && d.V[0] >= 1 {
			r, err := sampleInt(c, int(d.V[0]), a[1], a[2], a[3], nil)
			if err != nil {
				return nil, wrap(err, sampleIntCall)
			}
			return r, nil
		}
		if d, ok := x.(*eval.Integer); ok && d.V[0] >= 1 && d.V[0] != eval.NAInt {
			r, err := sampleInt(c, int(d.V[0]), a[1], a[2], a[3], nil)
			if err != nil {
				return nil, wrap(err, sampleIntCall)
			}
			return r, nil
		}
	}
	n := eval.Length(x)
	idx, err := sampleInt(c, n, a[1], a[2], a[3], nil)
	if err != nil {
		return nil, wrap(err, sampleLenCall)
	}
	return c.In.CallFunction("[", []eval.Arg{{Value: x}, {Value: idx}}, c.Env)
}
