package s3_test

import (
	"context"
	"io/fs"
	"os"
	"path/filepath"
	"testing"
	"time"

	"github.com/dashsmith/dashsmith/build"
	"github.com/dashsmith/dashsmith/internal/eventgen"
	"github.com/dashsmith/dashsmith/plugins/boltstore"
	"github.com/dashsmith/dashsmith/plugins/events"
	"github.com/dashsmith/dashsmith/plugins/filesource"
	"github.com/dashsmith/dashsmith/plugins/s3"
	"github.com/dashsmith/dashsmith/plugins/s3/s3test"
)

// TestIngest rolls the same generated Segment files up from S3 and from a
// folder and expects the same totals; then ingests again (nothing new),
// and once more after one object is uploaded again with other content.
func TestIngest(t *testing.T) {
	ctx := context.Background()
	dir := t.TempDir()
	sum, err := eventgen.Generate(ctx, eventgen.Options{Out: dir, Seed: 7, Days: 2, End: time.Date(2026, 11, 25, 0, 0, 0, 0, time.UTC), Scale: 1})
	if err != nil {
		t.Fatal(err)
	}
	srv := s3test.New(t, "segment")
	var first string
	err = filepath.WalkDir(dir, func(path string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() || d.Name()[0] == '.' {
			return err
		}
		body, err := os.ReadFile(path)
		if err != nil {
			return err
		}
		key, _ := filepath.Rel(dir, path)
		if first == "" {
			first = filepath.ToSlash(key)
		}
		srv.Put(t, "segment", filepath.ToSlash(key), body, "gzip") // as Segment stores them
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}

	ingest := func(t *testing.T, src build.Source, st build.Store) *build.IngestReport {
		t.Helper()
		rep, err := build.Ingest(ctx, src, st, events.Parse, build.IngestOptions{Workers: 4})
		if err != nil {
			t.Fatal(err)
		}
		if rep.Failed > 0 {
			t.Fatalf("failed files: %+v", rep.Errors)
		}
		return rep
	}
	totals := func(t *testing.T, st build.Store) map[string]int64 {
		t.Helper()
		infos, err := st.Events(ctx)
		if err != nil {
			t.Fatal(err)
		}
		m := map[string]int64{}
		for _, e := range infos {
			m[e.Event] = e.Total
		}
		return m
	}
	store := func(t *testing.T, name string) *boltstore.Store {
		st, err := boltstore.OpenFile(filepath.Join(t.TempDir(), name), boltstore.Options{})
		if err != nil {
			t.Fatal(err)
		}
		t.Cleanup(func() { st.Close() })
		return st
	}

	fromS3 := s3.NewSource(srv.Client, s3.Options{Bucket: "segment", Prefix: "segment-logs", PageSize: 100})
	folder, err := filesource.New(dir)
	if err != nil {
		t.Fatal(err)
	}
	viaS3, viaDir := store(t, "s3.db"), store(t, "dir.db")
	rep := ingest(t, fromS3, viaS3)
	ingest(t, folder, viaDir)
	if rep.Applied != sum.Files || rep.Accepted != sum.Events {
		t.Errorf("from S3: %d files, %d events applied; want %d, %d", rep.Applied, rep.Accepted, sum.Files, sum.Events)
	}
	got, want := totals(t, viaS3), totals(t, viaDir)
	if len(got) == 0 || len(got) != len(want) {
		t.Fatalf("%d events from S3, %d from the folder", len(got), len(want))
	}
	for e, n := range want {
		if got[e] != n {
			t.Errorf("%s: %d from S3, %d from the folder", e, got[e], n)
		}
	}

	t.Run("Again", func(t *testing.T) {
		rep := ingest(t, fromS3, viaS3)
		if rep.Applied != 0 || rep.Skipped != sum.Files {
			t.Errorf("second ingest: %s", rep.Summary())
		}
	})
	t.Run("Replaced", func(t *testing.T) {
		line := `{"type":"track","event":"Replaced","timestamp":"2026-11-24T10:00:00Z"}` + "\n"
		srv.Put(t, "segment", first, []byte(line), "")
		rep := ingest(t, fromS3, viaS3)
		if rep.Applied != 1 || rep.Accepted != 1 || totals(t, viaS3)["Replaced"] != 1 {
			t.Errorf("after replacing %s: %s", first, rep.Summary())
		}
	})
}
