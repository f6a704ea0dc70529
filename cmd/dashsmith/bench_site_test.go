package main

import (
	"context"
	"fmt"
	"log/slog"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/dashsmith/dashsmith/build"
	"github.com/dashsmith/dashsmith/plugins/boltstore"
	"github.com/dashsmith/dashsmith/plugins/incremental"
	"github.com/dashsmith/dashsmith/plugins/serve"
)

// A large site for the build benchmarks: 1,000 dashboards in 20 folders,
// 4 charts each, over a year of hourly counts of 20 events.
const (
	benchPages   = 1000
	benchFolders = 20
	benchEvents  = 20
)

var benchNow = time.Date(2026, 11, 25, 12, 0, 0, 0, time.UTC)

// bigSite writes the site's content/ and dashsmith.yaml into a new folder,
// fills a bolt store there with a year of hourly counts (made directly as
// batches, one per day: no event files to parse), and returns the folder.
func bigSite(b *testing.B) string {
	b.Helper()
	dir := b.TempDir()
	if err := os.WriteFile(filepath.Join(dir, "dashsmith.yaml"), []byte("title: Bench\nstore: bolt:rollup.db\n"), 0o644); err != nil {
		b.Fatal(err)
	}
	for i := 0; i < benchPages; i++ {
		path := filepath.Join(dir, "content", fmt.Sprintf("team-%02d", i%benchFolders), fmt.Sprintf("dash-%04d.md", i))
		if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
			b.Fatal(err)
		}
		if err := os.WriteFile(path, []byte(benchDashboard(i)), 0o644); err != nil {
			b.Fatal(err)
		}
	}
	st, err := boltstore.OpenFile(filepath.Join(dir, "rollup.db"), boltstore.Options{})
	if err != nil {
		b.Fatal(err)
	}
	defer st.Close()
	start := build.HourOf(benchNow.AddDate(-1, 0, 0))
	var batches []*build.Batch
	for day := 0; day < 366; day++ {
		bt := build.NewBatch(fmt.Sprintf("day-%03d", day))
		for h := 0; h < 24; h++ {
			hour := start + build.Hour(day*24+h)
			for e := 0; e < benchEvents; e++ {
				bt.Counts[build.EventHour{Event: benchEvent(e), Hour: hour}] = int64(1 + (e*7+int(hour)*13)%50)
			}
		}
		batches = append(batches, bt)
	}
	if err := st.ApplyAll(context.Background(), batches); err != nil {
		b.Fatal(err)
	}
	return dir
}

func benchEvent(e int) string { return fmt.Sprintf("Event %02d", e) }

// benchDashboard is dashboard i: a number, a line, a bar and a table over
// one of the events, so that pages share their queries.
func benchDashboard(i int) string {
	ev := benchEvent(i % benchEvents)
	return fmt.Sprintf(`---
title: Dashboard %04d
description: %s, by the hour, day, week and month.
queries:
  days:
    event: %s
    every: day
    range: last 30 days
  hours:
    event: %s
    every: hour
    range: last 7 days
  weeks:
    event: %s
    every: week
    range: last 52 weeks
  months:
    event: %s
    every: month
    range: last 12 months
---
How %s went.

`+"```chart\ntype: number\nquery: days\ntitle: Last 30 days\n```\n\n"+
		"```chart\ntype: line\nquery: hours\ntitle: Per hour\n```\n\n"+
		"```chart\ntype: bar\nquery: weeks\ntitle: Per week\n```\n\n"+
		"```chart\ntype: table\nquery: months\ntitle: Per month\n```\n", i, ev, ev, ev, ev, ev, ev)
}

// inDir runs the rest of a benchmark in dir, as the CLI runs in the site folder.
func inDir(b *testing.B, dir string) {
	b.Helper()
	wd, _ := os.Getwd()
	if err := os.Chdir(dir); err != nil {
		b.Fatal(err)
	}
	b.Cleanup(func() { _ = os.Chdir(wd) })
}

// BenchmarkBuild1000 builds the 1,000-dashboard site from scratch, write
// included (each build starts with no public/), and reports the time per
// page (the goal: at most 1 ms on 2 cores). DEBUGSTAGES=1 logs the time of
// each stage. The output goes to $TMPDIR: point it at tmpfs to leave the
// disk out.
func BenchmarkBuild1000(b *testing.B) {
	benchBuild1000(b, func() build.Pipeline { return pipeline() }, true)
}

// BenchmarkRebuild1000 builds the same site again over the last public/,
// as a scheduled build does when nothing changed: dashsmith build's
// pipeline, whose pages come from the last build, and files linked from
// there.
func BenchmarkRebuild1000(b *testing.B) {
	benchBuild1000(b, func() build.Pipeline {
		pl, err := incrementalPipeline("public")
		if err != nil {
			b.Fatal(err)
		}
		return pl
	}, false)
}

func benchBuild1000(b *testing.B, pl func() build.Pipeline, fresh bool) {
	dir := bigSite(b)
	inDir(b, dir)
	st, err := boltstore.OpenFile("rollup.db", boltstore.Options{ReadOnly: true})
	if err != nil {
		b.Fatal(err)
	}
	defer st.Close()
	if os.Getenv("DEBUGSTAGES") != "" {
		slog.SetLogLoggerLevel(slog.LevelDebug)
	}
	buildOnce := func() int {
		site := &build.Site{Config: build.Config{Title: "Bench"}, Dir: ".", Store: st, Now: benchNow}
		if err := pl().Run(context.Background(), site); err != nil {
			b.Fatal(err)
		}
		if err := build.Write(site, "public"); err != nil {
			b.Fatal(err)
		}
		return len(site.Pages)
	}
	if !fresh {
		buildOnce()
	}
	pages := 0
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		if fresh {
			b.StopTimer()
			if err := os.RemoveAll("public"); err != nil {
				b.Fatal(err)
			}
			b.StartTimer()
		}
		pages += buildOnce()
	}
	b.ReportMetric(float64(b.Elapsed().Microseconds())/1000/float64(pages), "ms/page")
	b.ReportMetric(float64(b.Elapsed().Microseconds())/1000/float64(b.N), "ms/build")
}

// BenchmarkServeRebuild edits one dashboard of the 1,000 and times serve's
// rebuild (the goal: at most 50 ms).
func BenchmarkServeRebuild(b *testing.B) {
	dir := bigSite(b)
	inDir(b, dir)
	s := serve.New(serve.Options{
		Load:     func() (build.Config, error) { return build.Config{Title: "Bench"}, nil },
		StoreURL: func(build.Config) string { return "bolt:rollup.db" },
		Pipeline: pipeline,
		Reuse:    incremental.NewMemory(),
		Now:      func() time.Time { return benchNow },
	})
	if _, err := s.Build(context.Background(), nil); err != nil {
		b.Fatal(err)
	}
	page := filepath.Join("content", "team-00", "dash-0000.md")
	orig, err := os.ReadFile(page)
	if err != nil {
		b.Fatal(err)
	}
	if os.Getenv("DEBUGSTAGES") != "" {
		slog.SetLogLoggerLevel(slog.LevelDebug)
	}
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		text := strings.Replace(string(orig), "How ", fmt.Sprintf("Edit %d: how ", i), 1)
		if err := os.WriteFile(page, []byte(text), 0o644); err != nil {
			b.Fatal(err)
		}
		st, err := s.Build(context.Background(), []string{"content/team-00/dash-0000.md"})
		if err != nil {
			b.Fatal(err)
		}
		if st.Built != 1 {
			b.Fatalf("the rebuild laid out %d pages of %d; want the one edited", st.Built, st.Pages)
		}
	}
	b.ReportMetric(float64(b.Elapsed().Microseconds())/1000/float64(b.N), "ms/rebuild")
}
