// Command eventgen writes deterministic demo event files in Segment's S3
// layout, for trying dashsmith without a Segment account:
//
//	eventgen [--out events] [--seed 1] [--days 90] [--end 2026-11-26] [--scale 1] [--source ID]
//	eventgen --pods 20000 [--events 1000000] --days 30 [--out DIR] ...
//
// The second form writes the pods corpus of the scale benchmarks: install
// events alone, of many pods with Zipf popularity, one file an hour.
//
// The data covers the days before --end (default: today, UTC). The same
// flags always give byte-identical files.
package main

import (
	"context"
	"flag"
	"fmt"
	"io"
	"os"
	"os/signal"
	"time"

	"github.com/dashsmith/dashsmith/internal/eventgen"
)

func main() {
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt)
	code := run(ctx, os.Args[1:], os.Stdout, os.Stderr)
	stop()
	os.Exit(code)
}

// run is the command: 0 ok, 1 failed, 2 bad usage.
func run(ctx context.Context, args []string, stdout, stderr io.Writer) int {
	fs := flag.NewFlagSet("eventgen", flag.ContinueOnError)
	fs.SetOutput(stderr)
	var o eventgen.Options
	var end string
	fs.StringVar(&o.Out, "out", "events", "the events folder to write into")
	fs.Uint64Var(&o.Seed, "seed", 1, "the random seed")
	fs.IntVar(&o.Days, "days", 90, "how many days of data")
	fs.StringVar(&end, "end", "", "the day after the data, YYYY-MM-DD (default today, UTC)")
	fs.Float64Var(&o.Scale, "scale", 1, "a multiplier on the number of events")
	fs.StringVar(&o.SourceID, "source", eventgen.DefaultSourceID, "the Segment source id in the file keys")
	fs.IntVar(&o.Pods, "pods", 0, "make a pods corpus: install events alone, of this many pods with Zipf popularity")
	fs.Int64Var(&o.Events, "events", 0, "with --pods: how many install events over the range (default 1000000)")
	if err := fs.Parse(args); err != nil {
		return 2
	}
	if fs.NArg() > 0 {
		fmt.Fprintf(stderr, "eventgen: unexpected argument %q: see eventgen -h\n", fs.Arg(0))
		return 2
	}
	if end != "" {
		t, err := time.Parse("2006-01-02", end)
		if err != nil {
			fmt.Fprintf(stderr, "eventgen: --end %q: write a date as 2026-11-26\n", end)
			return 2
		}
		o.End = t
	}
	sum, err := eventgen.Generate(ctx, o)
	if err != nil {
		fmt.Fprintln(stderr, err)
		return 1
	}
	fmt.Fprintln(stdout, sum)
	return 0
}
