// Command mlp times one training step of a 784-256-256-10 MLP on a batch of
// 64 (forward, nnf_cross_entropy, backward, optim_adam step) written in R
// (bench/mlp/step.tr) and run by torchr's interpreter, and prints
// "torchr THREADS WALL_µs CPU_µs" (medians per step). bench/mlp/run.sh also
// runs the same step in PyTorch eager and prints the table.
//
//	go run ./bench/mlp -threads 1,2
package main

import (
	"context"
	"flag"
	"fmt"
	"os"
	"runtime/debug"
	"strconv"
	"strings"
	"time"

	"torchr/bench/internal/harness"
	"torchr/lang"
)

func main() {
	threads := flag.String("threads", "1,2", "comma-separated thread counts")
	script := flag.String("script", "bench/mlp/step.tr", "R script defining step()")
	samples := flag.Int("samples", 7, "samples per figure")
	flag.Parse()
	// The GC target cmd/torchr sets (unless GOGC is set), so the figures are
	// what the torchr binary runs at.
	if os.Getenv("GOGC") == "" {
		debug.SetGCPercent(400)
	}
	src, err := os.ReadFile(*script)
	if err != nil {
		fmt.Fprintln(os.Stderr, err)
		os.Exit(1)
	}
	ctx := context.Background()
	for _, ts := range strings.Split(*threads, ",") {
		n, _ := strconv.Atoi(ts)
		s := lang.NewSession(lang.Options{Stdout: os.Stdout, Stderr: os.Stderr})
		must := func(code string) {
			if err := s.Eval(ctx, "mlp.tr", code); err != nil {
				fmt.Fprintln(os.Stderr, err)
				os.Exit(1)
			}
		}
		must(fmt.Sprintf("library(torch); torch_set_num_threads(%d)", n))
		must(string(src))
		run := func(reps int) { must(fmt.Sprintf("for (i in 1:%d) step()", reps)) }
		run(3)
		wall, cpu := harness.Measure(run, *samples, 200*time.Millisecond)
		fmt.Printf("torchr %d %.1f %.1f\n", n, wall, cpu)
	}
}
