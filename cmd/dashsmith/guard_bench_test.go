package main

import (
	"context"
	"path/filepath"
	"testing"

	"github.com/dashsmith/dashsmith/build"
	"github.com/dashsmith/dashsmith/plugins/boltstore"
	"github.com/dashsmith/dashsmith/plugins/content"
	"github.com/dashsmith/dashsmith/plugins/events"
	"github.com/dashsmith/dashsmith/plugins/filesource"
	"github.com/dashsmith/dashsmith/plugins/frontmatter"
)

// BenchmarkFirstIngest is the first ingest of the demo set (2,160 files,
// ~60,000 events) into a new bolt store with the demo dashboards'
// rollups: declared before any file is read ("one-pass", as ingest did
// before it checked names), and as ingest does now on an empty store
// ("guarded"): the base counts first, then the rollups whose names the
// files brought, in a second pass that reads every file again for them.
func BenchmarkFirstIngest(b *testing.B) {
	dir, sum := demoEvents(b)
	dashboards := &build.Site{Dir: repoRoot}
	if err := (build.Pipeline{content.New(filepath.Join(repoRoot, "content")), frontmatter.New()}).Run(context.Background(), dashboards); err != nil {
		b.Fatal(err)
	}
	asks := dashboards.Asks()
	rollups, err := dashboards.Rollups()
	if err != nil || len(asks) == 0 {
		b.Fatalf("the demo dashboards ask for %d rollups: %v", len(asks), err)
	}
	src, err := filesource.New(filepath.Join(dir, "events"))
	if err != nil {
		b.Fatal(err)
	}
	ctx := context.Background()
	ingest := func(b *testing.B, st build.Store, rs []build.Rollup) *build.IngestReport {
		rep, err := build.Ingest(ctx, src, st, events.Parse, build.IngestOptions{Rollups: rs})
		if err != nil {
			b.Fatal(err)
		}
		return rep
	}
	open := func(b *testing.B) *boltstore.Store {
		st, err := boltstore.OpenFile(filepath.Join(b.TempDir(), "rollup.db"), boltstore.Options{})
		if err != nil {
			b.Fatal(err)
		}
		return st
	}
	b.Run("one-pass", func(b *testing.B) {
		b.SetBytes(sum.Bytes)
		for i := 0; i < b.N; i++ {
			st := open(b)
			if rep := ingest(b, st, rollups); rep.Accepted != sum.Events {
				b.Fatalf("accepted %d events, the generator wrote %d", rep.Accepted, sum.Events)
			}
			st.Close()
		}
		b.ReportMetric(float64(sum.Events)*float64(b.N)/b.Elapsed().Seconds(), "events/s")
	})
	b.Run("guarded", func(b *testing.B) {
		b.SetBytes(sum.Bytes)
		for i := 0; i < b.N; i++ {
			st := open(b)
			g, err := newGuard(ctx, st, nil, nil, asks, false)
			if err != nil {
				b.Fatal(err)
			}
			rep := ingest(b, st, g.rollups)
			rs, again, err := g.recheck(ctx, st)
			if err != nil || !again || len(g.refused) != 0 {
				b.Fatalf("second pass: again %v, refused %d, %v", again, len(g.refused), err)
			}
			rep.Merge(ingest(b, st, rs))
			if rep.Accepted != sum.Events || rep.Backfilled != rep.Files {
				b.Fatalf("accepted %d events (the generator wrote %d), read again %d files of %d", rep.Accepted, sum.Events, rep.Backfilled, rep.Files)
			}
			st.Close()
		}
		b.ReportMetric(float64(sum.Events)*float64(b.N)/b.Elapsed().Seconds(), "events/s")
	})
}
