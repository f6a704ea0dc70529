// Command benchsite writes the 1,000-dashboard site of the build
// benchmarks (internal/benchsite) into a new folder, for make bench-scale
// to build it with the dashsmith command:
//
//	benchsite --out DIR
//
// DIR gets dashsmith.yaml, content/ and rollup.db, a bolt store already
// filled with a year of hourly counts. Build it with
// dashsmith build --now 2026-11-25T12:00:00Z, the instant its data ends.
package main

import (
	"context"
	"flag"
	"fmt"
	"io"
	"os"
	"time"

	"github.com/dashsmith/dashsmith/internal/benchsite"
)

func main() {
	os.Exit(run(context.Background(), os.Args[1:], os.Stdout, os.Stderr))
}

// run is the command: 0 ok, 1 failed, 2 bad usage.
func run(ctx context.Context, args []string, stdout, stderr io.Writer) int {
	fs := flag.NewFlagSet("benchsite", flag.ContinueOnError)
	fs.SetOutput(stderr)
	out := fs.String("out", "", "the folder to write the site into (its store must not exist yet)")
	if err := fs.Parse(args); err != nil {
		return 2
	}
	if *out == "" || fs.NArg() > 0 {
		fmt.Fprintln(stderr, "benchsite: usage: benchsite --out DIR")
		return 2
	}
	if err := benchsite.Write(ctx, *out); err != nil {
		fmt.Fprintln(stderr, err)
		return 1
	}
	fmt.Fprintf(stdout, "benchsite: wrote %d dashboards into %s; build with --now %s\n",
		benchsite.Pages, *out, benchsite.Now.Format(time.RFC3339))
	return 0
}
