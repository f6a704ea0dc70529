package main

import (
	"context"
	"encoding/json"
	"fmt"
	"os"

	"github.com/dashsmith/dashsmith/build"
	"github.com/dashsmith/dashsmith/plugins/events"
)

func runIngest(ctx context.Context, e *env, args []string) error {
	var sf siteFlags
	fs := newFlags(e, "ingest")
	sf.register(fs, true)
	from := fs.String("from", "", "event `source`: a folder or s3://bucket/prefix (default: the config's events:)")
	asJSON := fs.Bool("json", false, "print the report as JSON")
	if err := parse(fs, args); err != nil {
		return err
	}
	cfg, err := sf.load()
	if err != nil {
		return err
	}
	srcURL := *from
	if srcURL == "" {
		srcURL = cfg.Events
	}
	if srcURL == "" {
		return usageError{"no event source: pass --from DIR or set events: in dashsmith.yaml"}
	}
	src, err := build.OpenSource(ctx, srcURL)
	if err != nil {
		return err
	}
	st, err := sf.openStore(ctx, cfg)
	if err != nil {
		return err
	}
	defer st.Close()

	var opt build.IngestOptions
	bar := newProgress(e.stderr)
	if bar != nil {
		opt.Progress = bar.update
	}
	rep, err := build.Ingest(ctx, src, st, events.Parse, opt)
	if bar != nil {
		bar.done()
	}
	if err != nil {
		return err
	}
	if *asJSON {
		enc := json.NewEncoder(e.stdout)
		enc.SetIndent("", "  ")
		if err := enc.Encode(rep); err != nil {
			return err
		}
	} else {
		fmt.Fprintln(e.stdout, rep.Summary())
	}
	for _, fe := range rep.Errors {
		fmt.Fprintf(e.stderr, "dashsmith ingest: %s: %s (nothing of it was applied; it will be tried again next run)\n", fe.Key, fe.Err)
	}
	if rep.Failed > 0 {
		return errReported
	}
	return nil
}

// progress draws a one-line progress bar on a terminal.
type progress struct {
	f *os.File
}

// newProgress returns nil unless w is a terminal.
func newProgress(w any) *progress {
	f, ok := w.(*os.File)
	if !ok {
		return nil
	}
	fi, err := f.Stat()
	if err != nil || fi.Mode()&os.ModeCharDevice == 0 {
		return nil
	}
	return &progress{f: f}
}

func (p *progress) update(s build.IngestProgress) {
	pct := 100
	if s.Total > 0 {
		pct = s.Done * 100 / s.Total
	}
	fmt.Fprintf(p.f, "\r\033[Kingest: %d/%d files (%d%%), %.1f MB, %d events", s.Done, s.Total, pct, float64(s.Bytes)/1e6, s.Events)
}

func (p *progress) done() { fmt.Fprint(p.f, "\r\033[K") }
