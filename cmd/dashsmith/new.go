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
	github := flags.Bool("github", false, "also write .github/workflows/dashboards.yml, which builds and publishes the site with GitHub Pages; in a site that exists, write only that")
	flags.Usage = func() {
		fmt.Fprintln(e.stderr, "usage: dashsmith new [--github] DIR\n       dashsmith new --github [DIR]   (in a site that exists: add the workflow only)")
		flags.PrintDefaults()
	}
	if err := flags.Parse(args); err != nil {
		return usageErrorOf(err) // -h is help, exit 0, as for every command
	}
	rest := flags.Args()
	if len(rest) > 1 { // flags after DIR too: dashsmith new DIR --github
		if err := flags.Parse(rest[1:]); err != nil {
			return usageErrorOf(err)
		}
		rest = append([]string{rest[0]}, flags.Args()...)
	}
	dir := "."
	switch {
	case len(rest) == 1:
		dir = rest[0]
	case len(rest) > 1 || !*github:
		return usageError{"want one folder: dashsmith new DIR"}
	}
	if *github {
		site, err := isSite(dir)
		if err != nil {
			return err
		}
		if site {
			if err := writeWorkflow(dir); err != nil {
				return err
			}
			fmt.Fprintf(e.stdout, "new: wrote %s\n%s", filepath.Join(dir, filepath.FromSlash(starter.WorkflowPath)), workflowNext)
			return nil
		}
	}
	wrote, err := starter.Write(dir, dashsmith.Starter)
	if err != nil {
		return err
	}
	if *github {
		if err := writeWorkflow(dir); err != nil {
			return err
		}
		wrote = append(wrote, starter.WorkflowPath)
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
Your own events: set events: in dashsmith.yaml to Segment's bucket
(s3://BUCKET/segment-logs/SOURCE), then run dashsmith ingest --reset, which
clears the sample data from the store and ingests yours.
`, dir, len(wrote), sum.Events, dir)
	if *github {
		fmt.Fprint(e.stdout, workflowNext)
	}
	return nil
}

// workflowNext is what to do after the workflow is written.
const workflowNext = `To publish with GitHub Pages: push the site to a GitHub repository, set
Settings > Pages > Source to "GitHub Actions", and the workflow
(.github/workflows/dashboards.yml) builds and publishes it on every push and
every hour. Its comments say how to read events from a bucket instead.
`
