package main

import (
	"context"
	"encoding/json"
	"fmt"
	"os"
	"strconv"
	"strings"
	"time"

	"github.com/dashsmith/dashsmith/build"
	"github.com/dashsmith/dashsmith/plugins/content"
	"github.com/dashsmith/dashsmith/plugins/frontmatter"
)

func runIngest(ctx context.Context, e *env, args []string) error {
	var sf siteFlags
	fs := newFlags(e, "ingest")
	sf.register(fs, true)
	from := fs.String("from", "", "event `source`: a folder or s3://bucket/prefix (default: the config's events:)")
	asJSON := fs.Bool("json", false, "print the report as JSON")
	create := fs.Bool("create-table", false, "create the DynamoDB table when it is missing (dynamodb:// stores)")
	reset := fs.Bool("reset", false, "empty the store first (every count, rollup and record of the files read), then ingest: for a site moving to other event files (bolt: stores)")
	group := fs.Int("commit-files", build.DefaultMaxGroup, "commit at most `N` files a transaction (files also commit every half second, once the previous commit is done)")
	unseen := fs.Bool("declare-unseen", false, "declare the rollups the dashboards ask for even when the store has never seen the event or property they read (events yet to come); without it ingest refuses them as likely typos")
	since := fs.String("since", "", "only files changed at or after `T`: a duration back from now (72h, 7d) or a time (2026-11-01, RFC 3339)")
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
	if *since != "" {
		t, err := parseSince(*since, time.Now())
		if err != nil {
			return usageError{err.Error()}
		}
		src = sinceSource(src, t)
	}
	confirmed, asks, err := siteAsks(ctx, e, "ingest", cfg)
	if err != nil {
		return err
	}
	window, _ := cfg.DedupeSpan() // checked by config.Load
	st, err := sf.openStore(ctx, cfg, build.StoreOptions{Create: *create})
	if err != nil {
		return err
	}
	defer st.Close()
	if *reset {
		if err := resetStore(ctx, e, st, sf.storeURL(cfg)); err != nil {
			return err
		}
	}
	declared, err := build.Declared(ctx, st) // kept up, though no dashboard asks any more
	if err != nil {
		return err
	}
	g, err := newGuard(ctx, st, confirmed, declared, asks, *unseen)
	if err != nil {
		return err
	}
	g.warn(e.stderr, declared)

	if *group < 1 {
		return usageError{fmt.Sprintf("--commit-files %d: use 1 or more", *group)}
	}
	opt := build.IngestOptions{Rollups: g.rollups, Dedupe: window, MaxGroup: *group, MaxEventNames: cfg.EventNamesCap()}
	bar := newProgress(e.stderr)
	if bar != nil {
		opt.Progress = bar.update
	}
	dec, err := build.LookupDecoder(build.DefaultFormat)
	if err != nil {
		return err
	}
	parse := build.NewParser(dec, build.FoldOptions{Cardinality: cfg.CardinalityCap()})
	rep, err := build.Ingest(ctx, src, st, parse, opt)
	if err == nil && len(g.deferred) > 0 {
		// The second pass: the names the files of the first brought.
		var again bool
		if opt.Rollups, again, err = g.recheck(ctx, st); err == nil && again {
			var rep2 *build.IngestReport
			if rep2, err = build.Ingest(ctx, src, st, parse, opt); err == nil {
				rep.Merge(rep2)
			}
		}
	}
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
	if g.refuse(e) || rep.Failed > 0 {
		return errReported
	}
	return nil
}

// siteAsks reads the config's rollups: and, from the dashboards under
// content/, the rollups their queries ask for. A dashboard with problems
// is no reason to stop ingesting: its rollups wait until check passes.
func siteAsks(ctx context.Context, e *env, cmd string, cfg build.Config) ([]build.Rollup, []build.Ask, error) {
	confirmed, err := cfg.ConfigRollups()
	if err != nil {
		return nil, nil, err
	}
	site := &build.Site{Config: cfg, Dir: "."}
	if _, err := os.Stat("content"); err == nil {
		if err := (build.Pipeline{content.New("content"), frontmatter.New()}).Run(ctx, site); err != nil {
			fmt.Fprintf(e.stderr, "dashsmith %s: warning: the dashboards have problems (run dashsmith check); the rollups they ask for wait until they are fixed\n", cmd)
			site.Pages = nil
		}
	}
	return confirmed, site.Asks(), nil
}

// parseSince reads --since: a duration back from now (Go's syntax, or
// whole days as "7d"), an RFC 3339 time, or a date (UTC midnight).
func parseSince(s string, now time.Time) (time.Time, error) {
	if d, err := time.ParseDuration(s); err == nil && d > 0 {
		return now.Add(-d), nil
	}
	if n, err := strconv.Atoi(strings.TrimSuffix(s, "d")); err == nil && n > 0 && strings.HasSuffix(s, "d") {
		return now.AddDate(0, 0, -n), nil
	}
	if t, err := time.Parse(time.RFC3339, s); err == nil {
		return t, nil
	}
	if t, err := time.Parse(time.DateOnly, s); err == nil {
		return t, nil
	}
	return time.Time{}, fmt.Errorf("--since %q: use a duration (72h, 7d) or a time (2026-11-01, 2026-11-01T09:00:00Z)", s)
}

// sinceSource makes src list only files changed at or after t: the source
// does it when it can (the s3 source's SetSince), else a filter on ModTime.
func sinceSource(src build.Source, t time.Time) build.Source {
	if s, ok := src.(interface{ SetSince(time.Time) }); ok {
		s.SetSince(t)
		return src
	}
	return modifiedSince{src, t}
}

type modifiedSince struct {
	build.Source
	t time.Time
}

func (m modifiedSince) List(ctx context.Context) ([]build.FileInfo, error) {
	files, err := m.Source.List(ctx)
	kept := files[:0]
	for _, f := range files {
		if !f.ModTime.Before(m.t) {
			kept = append(kept, f)
		}
	}
	return kept, err
}

// progress draws a one-line progress bar on a terminal.
type progress struct {
	f     *os.File
	start time.Time
}

// newProgress returns nil unless w is a terminal.
func newProgress(w any) *progress {
	f, ok := w.(*os.File)
	if !ok || !isTerminal(f) {
		return nil
	}
	return &progress{f: f, start: time.Now()}
}

func (p *progress) update(s build.IngestProgress) {
	pct := 100
	if s.Total > 0 {
		pct = s.Done * 100 / s.Total
	}
	secs := time.Since(p.start).Seconds()
	if secs <= 0 {
		secs = 1e-9
	}
	const width = 24
	fill := pct * width / 100
	fmt.Fprintf(p.f, "\r\033[Kingest [%s%s] %d/%d files, %.1f MB, %d events, %.0f events/s",
		strings.Repeat("#", fill), strings.Repeat(".", width-fill), s.Done, s.Total, float64(s.Bytes)/1e6, s.Events, float64(s.Events)/secs)
}

func (p *progress) done() { fmt.Fprint(p.f, "\r\033[K") }
