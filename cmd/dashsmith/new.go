package main

import (
	"context"
	"fmt"
	"path/filepath"
	"time"

	"github.com/dashsmith/dashsmith"
	"github.com/dashsmith/dashsmith/internal/eventgen"
	"github.com/dashsmith/dashsmith/internal/starter"
)

// Sample events of a new site: a month up to the current hour, small
// enough to ingest in a second, with a fixed seed.
const (
	newDays  = 35
	newScale = 0.3
	newSeed  = 1
)

func runNew(ctx context.Context, e *env, args []string) error {
	flags := newFlags(e, "new")
	flags.Usage = func() { fmt.Fprintln(e.stderr, "usage: dashsmith new DIR") }
	if err := flags.Parse(args); err != nil {
		return usageErrorOf(err) // -h is help, exit 0, as for every command
	}
	if flags.NArg() != 1 {
		return usageError{"want one folder: dashsmith new DIR"}
	}
	dir := flags.Arg(0)
	wrote, err := starter.Write(dir, dashsmith.Starter)
	if err != nil {
		return err
	}
	sum, err := eventgen.Generate(ctx, eventgen.Options{
		Out: filepath.Join(dir, "events"), Seed: newSeed, Days: newDays, Scale: newScale,
		End: time.Now().UTC().Truncate(time.Hour),
	})
	if err != nil {
		return err
	}
	fmt.Fprintf(e.stdout, `new: a starter site in %s: %d files, and %d sample events in events/
Next:
  cd %s
  dashsmith ingest    # roll the events into .dashsmith/rollup.db
  dashsmith build     # write public/, then open public/index.html
  dashsmith serve     # or preview on http://127.0.0.1:1313/, reloading as you edit content/
`, dir, len(wrote), sum.Events, dir)
	return nil
}
