package lang

import (
	"context"
	"strings"
	"testing"
)

// R's txtProgressBar output (checked against GNU R 4.x); with stdout not a
// terminal the bar goes to stderr.
func TestTxtProgressBarStyles(t *testing.T) {
	var out, errs strings.Builder
	s := NewSession(Options{Stdout: &out, Stderr: &errs})
	src := `pb <- txtProgressBar(min = 0, max = 4, style = 3)
for (i in 1:4) setTxtProgressBar(pb, i)
close(pb)
pb1 <- txtProgressBar(max = 3, style = 1, width = 10)
for (i in c(1, 3, 2)) setTxtProgressBar(pb1, i)
close(pb1)
pb2 <- txtProgressBar(max = 3, style = 2, width = 10)
for (i in c(1, 3, 2)) setTxtProgressBar(pb2, i)
close(pb2)
getTxtProgressBar(pb)
setTxtProgressBar(pb, 1)
old <- setTxtProgressBar(pb, 2); old
class(pb)
`
	if err := s.Eval(context.Background(), "<test>", src); err != nil {
		t.Fatal(err)
	}
	blank := "\r  |" + strings.Repeat(" ", 76)
	bar := func(n int, pc string) string {
		return blank + "\r  |" + strings.Repeat("=", n) + strings.Repeat(" ", 70-n) + "| " + pc + "%"
	}
	want := bar(0, "  0") + bar(18, " 25") + bar(35, " 50") + bar(52, " 75") + bar(70, "100") + "\n" +
		"===" + "=======" + "\r" + strings.Repeat(" ", 10) + "\r" + "=======" + "\n" +
		"\r" + "\r===" + "\r==========" + "\r" + strings.Repeat(" ", 10) + "\r" + "=======" + "\n" +
		bar(18, " 25") + bar(35, " 50")
	if got := errs.String(); got != want {
		t.Errorf("stderr:\n%q\nwant\n%q", got, want)
	}
	if got, w := out.String(), "[1] 4\n[1] 1\n[1] \"txtProgressBar\"\n"; got != w {
		t.Errorf("stdout %q, want %q", got, w)
	}
}

type recorder struct{ events []string }

func (r *recorder) Update(pb *ProgressBar) { r.events = append(r.events, pb.Text()) }
func (r *recorder) Close(pb *ProgressBar)  { r.events = append(r.events, "closed") }

func TestProgressRenderer(t *testing.T) {
	var out strings.Builder
	s := NewSession(Options{Stdout: &out, Stderr: &out})
	r := &recorder{}
	s.SetProgressRenderer(r)
	if err := s.Eval(context.Background(), "<test>", "pb <- txtProgressBar(max = 2, style = 3, width = 4); setTxtProgressBar(pb, 1); close(pb)"); err != nil {
		t.Fatal(err)
	}
	want := []string{"  |    |   0%", "  |==  |  50%", "closed"}
	if strings.Join(r.events, ";") != strings.Join(want, ";") || out.Len() != 0 {
		t.Errorf("events %q, output %q", r.events, out.String())
	}
}

func TestProgressBarMembers(t *testing.T) {
	var out, errs strings.Builder
	s := NewSession(Options{Stdout: &out, Stderr: &errs})
	if err := s.Eval(context.Background(), "<test>", "pb <- txtProgressBar(max = 3, style = 3, width = 10); names(pb); pb$up(2); pb$getVal(); pb$kill(); inherits(pb, 'txtProgressBar')"); err != nil {
		t.Fatal(err)
	}
	if want := "[1] \"getVal\" \"up\"     \"kill\"  \n[1] 2\n[1] TRUE\n"; out.String() != want {
		t.Errorf("stdout %q, want %q", out.String(), want)
	}
	if !strings.HasSuffix(errs.String(), "|=======   |  67%\n") {
		t.Errorf("stderr %q", errs.String())
	}
}
