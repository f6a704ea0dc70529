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
	b.Cells[build.SeriesHour{Series: sum.Series(""), Hour: h0}] = &build.Cell{N: 2, Sum: 2.5}
	b.Cells[build.SeriesHour{Series: by.Series("pro"), Hour: h0}] = &build.Cell{N: 3}
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
		if v := get("meta", "version"); binary.BigEndian.Uint64(v) != 2 {
			t.Errorf("meta.version = %x, want 2", v)
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
