package main

import (
	"context"
	"io"
	"os"
	"path/filepath"
	"testing"
	"time"

	"github.com/klauspost/compress/gzip"

	"github.com/dashsmith/dashsmith/build"
	"github.com/dashsmith/dashsmith/internal/eventgen"
	"github.com/dashsmith/dashsmith/plugins/boltstore"
	"github.com/dashsmith/dashsmith/plugins/events"
	"github.com/dashsmith/dashsmith/plugins/filesource"
)

// podsRollup is what a page per pod asks for: installs by pod.
var podsRollup = build.Rollup{Event: "install", Measure: build.CountMeasure, By: "dependency.name"}

// podsEvents writes a pods corpus of 20,000 pods, 200,000 installs over
// six days (144 files), once per benchmark.
func podsEvents(b *testing.B) (dir string, sum *eventgen.Summary) {
	b.Helper()
	dir = filepath.Join(b.TempDir(), "events")
	sum, err := eventgen.Generate(context.Background(), eventgen.Options{
		Out: dir, Seed: 1, Days: 6, Scale: 1, Pods: 20_000, Events: 200_000,
		End: time.Date(2026, 11, 26, 0, 0, 0, 0, time.UTC),
	})
	if err != nil {
		b.Fatal(err)
	}
	return dir, sum
}

// BenchmarkIngestPods ingests the pods corpus into a new bolt store per
// iteration, with count by dependency.name under a cap of 10,000 (the
// scale issue's case), side by side with "gunzip": decompressing the same
// files to nothing, one after the other, the floor ingest is held to.
// Both report their speed over the uncompressed bytes.
func BenchmarkIngestPods(b *testing.B) {
	dir, sum := podsEvents(b)
	src, err := filesource.New(dir)
	if err != nil {
		b.Fatal(err)
	}
	files, err := src.List(context.Background())
	if err != nil {
		b.Fatal(err)
	}
	raw := int64(0)
	for _, f := range files {
		raw += gunzip(b, filepath.Join(dir, f.Key))
	}
	b.Run("gunzip", func(b *testing.B) {
		b.SetBytes(raw)
		for b.Loop() {
			for _, f := range files {
				gunzip(b, filepath.Join(dir, f.Key))
			}
		}
	})
	b.Run("ingest", func(b *testing.B) {
		b.SetBytes(raw)
		parse := build.NewParser(events.Decoder{}, build.FoldOptions{Cardinality: 10_000})
		for b.Loop() {
			st, err := boltstore.OpenFile(filepath.Join(b.TempDir(), "rollup.db"), boltstore.Options{})
			if err != nil {
				b.Fatal(err)
			}
			rep, err := build.Ingest(context.Background(), src, st, parse, build.IngestOptions{Rollups: []build.Rollup{podsRollup}})
			if err != nil {
				b.Fatal(err)
			}
			if rep.Accepted != sum.Events {
				b.Fatalf("accepted %d events, the generator wrote %d", rep.Accepted, sum.Events)
			}
			st.Close()
		}
		b.ReportMetric(float64(sum.Events)*float64(b.N)/b.Elapsed().Seconds(), "events/s")
	})
}

// gunzip decompresses one file to nothing and returns its raw size.
func gunzip(b *testing.B, path string) int64 {
	f, err := os.Open(path)
	if err != nil {
		b.Fatal(err)
	}
	defer f.Close()
	zr, err := gzip.NewReader(f)
	if err != nil {
		b.Fatal(err)
	}
	n, err := io.Copy(io.Discard, zr)
	if err != nil {
		b.Fatal(err)
	}
	return n
}
