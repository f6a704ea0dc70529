package main

import (
	"context"
	"os"
	"path/filepath"
	"testing"
	"time"

	"github.com/dashsmith/dashsmith/build"
	"github.com/dashsmith/dashsmith/internal/eventgen"
	"github.com/dashsmith/dashsmith/plugins/boltstore"
	"github.com/dashsmith/dashsmith/plugins/content"
	"github.com/dashsmith/dashsmith/plugins/events"
	"github.com/dashsmith/dashsmith/plugins/filesource"
	"github.com/dashsmith/dashsmith/plugins/frontmatter"
)

// demoEvents generates the demo's 90 days of events once per benchmark.
func demoEvents(b *testing.B) (dir string, sum *eventgen.Summary) {
	b.Helper()
	dir = b.TempDir()
	sum, err := eventgen.Generate(context.Background(), eventgen.Options{
		Out: filepath.Join(dir, "events"), Seed: 1, Days: 90,
		End: time.Date(2026, 11, 26, 0, 0, 0, 0, time.UTC), Scale: 1,
	})
	if err != nil {
		b.Fatal(err)
	}
	return dir, sum
}

// BenchmarkIngest rolls the demo set (2,160 files, ~60,000 events) into a
// new bolt store per iteration and reports events per second.
func BenchmarkIngest(b *testing.B) {
	dir, sum := demoEvents(b)
	src, err := filesource.New(filepath.Join(dir, "events"))
	if err != nil {
		b.Fatal(err)
	}
	b.SetBytes(sum.Bytes)
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		st, err := boltstore.OpenFile(filepath.Join(b.TempDir(), "rollup.db"), boltstore.Options{})
		if err != nil {
			b.Fatal(err)
		}
		rep, err := build.Ingest(context.Background(), src, st, events.Parse, build.IngestOptions{})
		if err != nil {
			b.Fatal(err)
		}
		if rep.Accepted != sum.Events {
			b.Fatalf("accepted %d events, the generator wrote %d", rep.Accepted, sum.Events)
		}
		st.Close()
	}
	b.ReportMetric(float64(sum.Events)*float64(b.N)/b.Elapsed().Seconds(), "events/s")
}

// BenchmarkBuild builds the demo site (content/ of this repository) from
// an ingested store and reports pages per second, write included.
func BenchmarkBuild(b *testing.B) {
	dir, _ := demoEvents(b)
	copyTree(b, filepath.Join(repoRoot, "content"), filepath.Join(dir, "content"))
	st, err := boltstore.OpenFile(filepath.Join(dir, "rollup.db"), boltstore.Options{})
	if err != nil {
		b.Fatal(err)
	}
	defer st.Close()
	wd, _ := os.Getwd()
	if err := os.Chdir(dir); err != nil {
		b.Fatal(err)
	}
	defer os.Chdir(wd)
	// Keep the rollups the demo dashboards ask for, as ingest does.
	dashboards := &build.Site{Dir: "."}
	if err := (build.Pipeline{content.New("content"), frontmatter.New()}).Run(context.Background(), dashboards); err != nil {
		b.Fatal(err)
	}
	rollups, err := dashboards.Rollups()
	if err != nil {
		b.Fatal(err)
	}
	src, _ := filesource.New(filepath.Join(dir, "events"))
	if _, err := build.Ingest(context.Background(), src, st, events.Parse, build.IngestOptions{Rollups: rollups}); err != nil {
		b.Fatal(err)
	}
	now := time.Date(2026, 11, 25, 23, 59, 59, 0, time.UTC)
	pages := 0
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		site := &build.Site{Config: build.Config{Title: "Bench"}, Dir: ".", Store: st, Now: now}
		if err := pipeline().Run(context.Background(), site); err != nil {
			b.Fatal(err)
		}
		if err := build.Write(site, filepath.Join(dir, "public")); err != nil {
			b.Fatal(err)
		}
		pages += len(site.Pages)
	}
	b.ReportMetric(float64(pages)/b.Elapsed().Seconds(), "pages/s")
}
