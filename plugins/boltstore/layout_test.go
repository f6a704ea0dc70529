package boltstore

import (
	"encoding/binary"
	"encoding/json"
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
	if err := st.Apply(ctx, sampleBatch("logs/a.gz")); err != nil {
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
		key := []byte("Order Completed\x00\x00\x00\x00\x00\x00\x07\x9a\x14")
		if int64(h0) != 498196 {
			t.Fatalf("h0 = %d", h0)
		}
		v := tx.Bucket([]byte("count")).Get(key)
		if want := []byte{0, 0, 0, 0, 0, 0, 0, 3}; string(v) != string(want) {
			t.Errorf("count[%q] = %x, want %x", key, v, want)
		}
		var rec struct {
			Applied  string          `json:"applied"`
			Counters int             `json:"counters"`
			Stats    build.FileStats `json:"stats"`
		}
		if err := json.Unmarshal(tx.Bucket([]byte("files")).Get([]byte("logs/a.gz")), &rec); err != nil {
			t.Fatalf("files[logs/a.gz]: %v", err)
		}
		if rec.Counters != 2 || rec.Stats.Accepted != 7 || rec.Stats.Rejected["bad json"] != 1 || rec.Applied == "" {
			t.Errorf("files[logs/a.gz] = %+v", rec)
		}
		if v := tx.Bucket([]byte("meta")).Get([]byte("version")); binary.BigEndian.Uint64(v) != 1 {
			t.Errorf("meta.version = %x, want 1", v)
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
	db, err := bolt.Open(path, 0o644, nil)
	if err != nil {
		t.Fatal(err)
	}
	err = db.Update(func(tx *bolt.Tx) error {
		return tx.Bucket([]byte("meta")).Put([]byte("version"), putInt(99))
	})
	db.Close()
	if err != nil {
		t.Fatal(err)
	}
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

func TestApply_AllOrNothing(t *testing.T) {
	// The too-long name sorts last, so the other counters are written in
	// the transaction before bbolt refuses it; none may remain.
	st := openTemp(t, filepath.Join(t.TempDir(), "rollup.db"))
	defer st.Close()
	b := sampleBatch("long.gz")
	b.Counts[build.EventHour{Event: "z" + strings.Repeat("x", bolt.MaxKeySize), Hour: h0}] = 1
	err := st.Apply(ctx, b)
	if err == nil || !strings.Contains(err.Error(), "longer than") || !strings.HasPrefix(err.Error(), "boltstore: ") {
		t.Fatalf("Apply with a too-long name: %v", err)
	}
	if done, _ := st.Applied(ctx, "long.gz"); done {
		t.Error("a failed batch is marked applied")
	}
	if got := total(t, st); got != 0 {
		t.Errorf("a failed batch left counts: total %v", got)
	}
	if evs, _ := st.Events(ctx); len(evs) != 0 {
		t.Errorf("a failed batch left events: %v", evs)
	}
}
