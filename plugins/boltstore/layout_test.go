package boltstore

import (
	"encoding/binary"
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/dashsmith/dashsmith/build"
	"github.com/dashsmith/dashsmith/build/storetest"
	bolt "go.etcd.io/bbolt"
)

func TestLayout(t *testing.T) {
	path := filepath.Join(t.TempDir(), "rollup.db")
	st := openTemp(t, path)
	sum := build.Rollup{Event: "Order Completed", Measure: build.Measure{Kind: build.Sum, Prop: "revenue"}}
	by := build.Rollup{Event: "Order Completed", Measure: build.CountMeasure, By: "plan"}
	if err := st.Declare(ctx, []build.Rollup{sum, by}); err != nil {
		t.Fatal(err)
	}
	b := sampleBatch("logs/a.gz")
	b.Rollups = []build.Rollup{build.BaseRollup, sum, by}
	b.Size, b.Stats.Day = 1234, "2026-11-01"
	b.Cells[build.CellKey{Rollup: sum, Hour: h0}] = storetest.Cell(sum.Measure, 2, 2.5)
	b.Cells[build.CellKey{Rollup: by, Group: "pro", Hour: h0}] = storetest.Cell(by.Measure, 3, 0)
	b.Props[build.EventProp{Event: "Order Completed", Path: "revenue"}] = true
	if err := st.Apply(ctx, b); err != nil {
		t.Fatal(err)
	}
	st.Close()

	db, err := bolt.Open(path, 0o644, &bolt.Options{ReadOnly: true})
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	err = db.View(func(tx *bolt.Tx) error {
		// 2026-11-01T04:00Z is Unix hour 498196 = 0x79A14.
		if int64(h0) != 498196 {
			t.Fatalf("h0 = %d", h0)
		}
		hour := "\x00\x00\x00\x00\x00\x00\x07\x9a\x14"
		get := func(bucket, key string) []byte { return tx.Bucket([]byte(bucket)).Get([]byte(key)) }
		if v, want := get("count", "Order Completed"+hour), []byte{0, 0, 0, 0, 0, 0, 0, 3}; string(v) != string(want) {
			t.Errorf("count[base] = %x, want %x", v, want)
		}
		if v, want := get("count", "Order Completed\x1fcount\x1fplan\x1fpro"+hour), []byte{0, 0, 0, 0, 0, 0, 0, 3}; string(v) != string(want) {
			t.Errorf("count[by plan] = %x, want %x", v, want)
		}
		// 2.5 is 0x4004000000000000.
		if v, want := get("sum", "Order Completed\x1fsum(revenue)\x1f\x1f"+hour), []byte{0x40, 4, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 2}; string(v) != string(want) {
			t.Errorf("sum = %x, want %x", v, want)
		}
		var rec struct {
			Applied string          `json:"applied"`
			Rollups []string        `json:"rollups"`
			Size    int64           `json:"size"`
			Stats   build.FileStats `json:"stats"`
		}
		if err := json.Unmarshal(get("files", "logs/a.gz"), &rec); err != nil {
			t.Fatalf("files[logs/a.gz]: %v", err)
		}
		if fmt.Sprint(rec.Rollups) != fmt.Sprint([]string{"count", sum.ID(), by.ID()}) || rec.Size != 1234 ||
			rec.Stats.Accepted != 7 || rec.Stats.Rejected["bad json"] != 1 || rec.Applied == "" {
			t.Errorf("files[logs/a.gz] = %+v", rec)
		}
		if get("rollups", sum.ID()) == nil || get("rollups", by.ID()) == nil {
			t.Error("the declared rollups are not in the rollups bucket")
		}
		if get("props", "Order Completed\x00revenue") == nil {
			t.Error("props lacks Order Completed\\x00revenue")
		}
		var hd build.HealthDay
		if err := json.Unmarshal(get("health", "2026-11-01"), &hd); err != nil || hd.Files != 1 || hd.Bytes != 1234 || hd.Events != 7 {
			t.Errorf("health[2026-11-01] = %+v, %v", hd, err)
		}
		if v, want := get("groups", "Order Completed\x1fcount\x1fplan\x1f"+hour), []byte{0, 0, 0, 0, 0, 0, 0, 1}; string(v) != string(want) {
			t.Errorf("groups[count by plan] = %x, want %x: one group kept in the hour", v, want)
		}
		if v := get("groups", "Order Completed\x1fsum(revenue)\x1f\x1f"+hour); v != nil {
			t.Errorf("groups[sum(revenue)] = %x: a rollup without a breakdown has no groups", v)
		}
		if v := get("meta", "version"); binary.BigEndian.Uint64(v) != 3 {
			t.Errorf("meta.version = %x, want 3", v)
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
}

// setVersion rewrites the schema version of the file at path.
func setVersion(t *testing.T, path string, v int64) {
	t.Helper()
	db, err := bolt.Open(path, 0o644, nil)
	if err != nil {
		t.Fatal(err)
	}
	err = db.Update(func(tx *bolt.Tx) error {
		return tx.Bucket([]byte("meta")).Put([]byte("version"), putInt(v))
	})
	db.Close()
	if err != nil {
		t.Fatal(err)
	}
}

func TestOpenFile_OlderSchema(t *testing.T) {
	t.Chdir(t.TempDir())
	path := filepath.Join(".dashsmith", "rollup.db")
	openTemp(t, path).Close()
	setVersion(t, path, 1)
	want := "boltstore: .dashsmith/rollup.db was written by an older dashsmith (schema 1); delete it and run dashsmith ingest to rebuild it from the event files"
	for _, ro := range []bool{false, true} {
		if _, err := OpenFile(path, Options{ReadOnly: ro}); err == nil || err.Error() != want {
			t.Errorf("open (read-only %v) of a schema 1 file:\n got %v\nwant %s", ro, err, want)
		}
	}
}

// TestOpenFile_Schema2 opens a file of schema 2, which kept no count of
// the groups an hour holds: read-only it is read as it is; opened to write
// it is upgraded, its groups counted from its cells, so that the cap holds
// for the groups it has already.
func TestOpenFile_Schema2(t *testing.T) {
	path := filepath.Join(t.TempDir(), "rollup.db")
	st := openTemp(t, path)
	by := build.Rollup{Event: "Order Completed", Measure: build.CountMeasure, By: "plan"}
	if err := st.Declare(ctx, []build.Rollup{by}); err != nil {
		t.Fatal(err)
	}
	b := sampleBatch("logs/a.gz")
	b.Rollups = []build.Rollup{build.BaseRollup, by}
	for _, g := range []string{"free", "pro", build.OtherGroup} {
		b.Cells[build.CellKey{Rollup: by, Group: g, Hour: h0}] = storetest.Cell(by.Measure, 1, 0)
	}
	if err := st.Apply(ctx, b); err != nil {
		t.Fatal(err)
	}
	st.Close()
	// What schema 2 wrote: the same cells, no groups bucket.
	db, err := bolt.Open(path, 0o644, nil)
	if err != nil {
		t.Fatal(err)
	}
	err = db.Update(func(tx *bolt.Tx) error {
		if err := tx.DeleteBucket([]byte("groups")); err != nil {
			return err
		}
		return tx.Bucket([]byte("meta")).Put([]byte("version"), putInt(2))
	})
	db.Close()
	if err != nil {
		t.Fatal(err)
	}

	ro, err := OpenFile(path, Options{ReadOnly: true})
	if err != nil {
		t.Fatalf("read-only open of a schema 2 file: %v", err)
	}
	ro.Close()
	st = openTemp(t, path)
	defer st.Close()
	// The hour keeps free and pro: with a cap of 2, a new plan folds.
	more := build.NewBatch("logs/b.gz", build.BaseRollup, by)
	more.Cardinality = 2
	more.Counts[build.EventHour{Event: "Order Completed", Hour: h0}] = 1
	more.Cells[build.CellKey{Rollup: by, Group: "team", Hour: h0}] = storetest.Cell(by.Measure, 1, 0)
	if err := st.Apply(ctx, more); err != nil {
		t.Fatal(err)
	}
	if more.Stats.Folded != 1 {
		t.Errorf("Stats.Folded = %d, want 1: the upgraded store counted the hour's two groups", more.Stats.Folded)
	}
	err = st.db.View(func(tx *bolt.Tx) error {
		if v := tx.Bucket(bucketMeta).Get(keyVersion); getInt(v) != 3 {
			t.Errorf("version after a write open = %d, want 3", getInt(v))
		}
		if n := getInt(tx.Bucket(bucketGroups).Get(appendKey(nil, by.SeriesPrefix(), h0))); n != 2 {
			t.Errorf("groups of the hour = %d, want 2 (free, pro; not %s)", n, build.OtherGroup)
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
}

func TestOpenFile_NewerSchema(t *testing.T) {
	path := filepath.Join(t.TempDir(), "rollup.db")
	openTemp(t, path).Close()
	setVersion(t, path, 99)
	for _, ro := range []bool{false, true} {
		_, err := OpenFile(path, Options{ReadOnly: ro})
		if err == nil || !strings.Contains(err.Error(), "schema version 99") || !strings.Contains(err.Error(), "upgrade dashsmith") {
			t.Errorf("open (read-only %v) of a newer file: %v", ro, err)
		}
	}
}

func TestOpenFile_NotARollup(t *testing.T) {
	dir := t.TempDir()
	junk := filepath.Join(dir, "junk.db")
	if err := os.WriteFile(junk, []byte(strings.Repeat("not a database\n", 1000)), 0o644); err != nil {
		t.Fatal(err)
	}
	if _, err := OpenFile(junk, Options{}); err == nil || !strings.Contains(err.Error(), "not a readable bbolt file") {
		t.Errorf("open of a text file: %v", err)
	}
	other := filepath.Join(dir, "other.db")
	db, err := bolt.Open(other, 0o644, nil)
	if err != nil {
		t.Fatal(err)
	}
	err = db.Update(func(tx *bolt.Tx) error { _, err := tx.CreateBucket([]byte("users")); return err })
	db.Close()
	if err != nil {
		t.Fatal(err)
	}
	if _, err := OpenFile(other, Options{}); err == nil || !strings.Contains(err.Error(), "not a dashsmith rollup") {
		t.Errorf("open of another program's bbolt file: %v", err)
	}
}
