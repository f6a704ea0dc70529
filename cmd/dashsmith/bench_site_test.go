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
	"github.com/dashsmith/dashsmith/internal/benchsite"
	"github.com/dashsmith/dashsmith/plugins/boltstore"
	"github.com/dashsmith/dashsmith/plugins/incremental"
	"github.com/dashsmith/dashsmith/plugins/serve"
)

// bigSite writes the 1,000-dashboard site of the build benchmarks
// (internal/benchsite: 4 charts each, over a year of hourly counts of 20
// events, its bolt store filled) into a new folder and returns the folder.
func bigSite(b *testing.B) string {
	b.Helper()
	dir := b.TempDir()
	if err := benchsite.Write(context.Background(), dir); err != nil {
		b.Fatal(err)
	}
	return dir
}

// benchNow is the instant the site is built at.
var benchNow = benchsite.Now

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
	st, err := boltstore.OpenFile(benchsite.Store, boltstore.Options{ReadOnly: true})
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
		StoreURL: func(build.Config) string { return "bolt:" + benchsite.Store },
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
