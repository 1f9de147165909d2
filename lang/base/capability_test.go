package base_test

import (
	"bytes"
	"context"
	"strconv"
	"strings"
	"testing"

	"torchr/lang"
	"torchr/lang/eval"
)

// fakeTensor is a Go value with operator and conversion capabilities, as
// the torch layer's tensors have.
type fakeTensor struct{ v []float64 }

func (*fakeTensor) TypeName() string { return "externalptr" }

func (t *fakeTensor) Binary(in *eval.Interp, op string, other eval.Value, side eval.Side) (eval.Value, error) {
	var o float64
	switch x := other.(type) {
	case *fakeTensor:
		o = x.v[0]
	case *eval.Double:
		o = x.V[0]
	default:
		return nil, nil
	}
	r := make([]float64, len(t.v))
	for i, a := range t.v {
		b := o
		if side == eval.Right {
			a, b = b, a
		}
		switch op {
		case "+":
			r[i] = a + b
		case "-":
			r[i] = a - b
		case "*":
			r[i] = a * b
		case "%*%":
			r[i] = 100 * a * b
		default:
			return nil, nil
		}
	}
	return &fakeTensor{r}, nil
}

func (t *fakeTensor) Unary(in *eval.Interp, op string) (eval.Value, error) {
	if op != "-" {
		return nil, nil
	}
	r := make([]float64, len(t.v))
	for i, a := range t.v {
		r[i] = -a
	}
	return &fakeTensor{r}, nil
}

func (t *fakeTensor) AsR(in *eval.Interp) (eval.Value, error) {
	return eval.NewDouble(append([]float64(nil), t.v...)), nil
}

func (t *fakeTensor) PrintText(in *eval.Interp) (string, error) {
	var b strings.Builder
	b.WriteString("<tensor")
	for _, f := range t.v {
		b.WriteString(" ")
		b.WriteString(strconv.FormatFloat(f, 'g', -1, 64))
	}
	b.WriteString(">\n")
	return b.String(), nil
}

func TestOperatorsDispatchToCapabilities(t *testing.T) {
	var out bytes.Buffer
	s := lang.NewSession(lang.Options{Stdout: &out, Stderr: &out})
	s.Env().Assign("t", &fakeTensor{[]float64{1, 2}})
	src := `
x <- t + 1
y <- 10 - t
z <- -t
w <- t %*% t
sum(t)
max(t)
c(t, 5)
x
y
z
w
`
	if err := s.Eval(context.Background(), "cap.R", src); err != nil {
		t.Fatalf("%v\n%s", err, out.String())
	}
	want := "[1] 3\n[1] 2\n[1] 1 2 5\n<tensor 2 3>\n<tensor 9 8>\n<tensor -1 -2>\n<tensor 100 200>\n"
	if out.String() != want {
		t.Errorf("got\n%s\nwant\n%s", out.String(), want)
	}
}
