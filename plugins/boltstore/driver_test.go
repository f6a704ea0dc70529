package boltstore

import (
	"errors"
	"os"
	"path/filepath"
	"testing"

	"github.com/dashsmith/dashsmith/build"
)

// TestOpen_Options: ReadOnly opens the file to read, and a file that is
// not there is build.ErrNotFound; a mode= in the URL wins over it.
func TestOpen_Options(t *testing.T) {
	t.Chdir(t.TempDir())
	ro := build.StoreOptions{ReadOnly: true}
	if _, err := build.OpenStore(ctx, "bolt:rollup.db", ro); !errors.Is(err, build.ErrNotFound) {
		t.Fatalf("a read-only open of a file not there: %v, want build.ErrNotFound", err)
	}
	if _, err := os.Stat("rollup.db"); !errors.Is(err, os.ErrNotExist) {
		t.Fatalf("a read-only open made the file: %v", err)
	}
	st, err := build.OpenStore(ctx, "bolt:rollup.db?mode=rw", ro) // the URL wins
	if err != nil {
		t.Fatal(err)
	}
	if err := st.Apply(ctx, sampleBatch("a.gz")); err != nil {
		t.Fatalf("Apply on a store the URL opened read-write: %v", err)
	}
	st.Close()
	st, err = build.OpenStore(ctx, "bolt:rollup.db", ro)
	if err != nil {
		t.Fatal(err)
	}
	if err := st.Apply(ctx, sampleBatch("b.gz")); err == nil {
		t.Error("Apply on a store opened read-only succeeded")
	}
	st.Close()
	st, err = build.OpenStore(ctx, "bolt:rollup.db?mode=ro", build.StoreOptions{})
	if err != nil {
		t.Fatal(err)
	}
	if err := st.Apply(ctx, sampleBatch("b.gz")); err == nil {
		t.Error("Apply on a store the URL opened read-only succeeded")
	}
	st.Close()
}

// TestDriver_FilesStamp: the driver tells the store's file and a stamp of
// it from the URL alone; a commit changes the stamp.
func TestDriver_FilesStamp(t *testing.T) {
	path := filepath.Join(t.TempDir(), "rollup.db")
	url := "bolt:" + path + "?timeout=1s"
	if files, err := build.StoreFiles(url); err != nil || len(files) != 1 || files[0] != path {
		t.Errorf("StoreFiles = %v, %v; want [%s]", files, err, path)
	}
	if _, err := build.StoreFiles("bolt:x.db?cache=1"); err == nil {
		t.Error("StoreFiles of a bad URL: no error")
	}
	if _, err := build.StoreStamp(url); err == nil || errors.Is(err, errors.ErrUnsupported) {
		t.Errorf("the stamp of a file not there: %v, want an error", err)
	}
	st := openTemp(t, path)
	defer st.Close()
	before, err := build.StoreStamp(url)
	if err != nil {
		t.Fatal(err)
	}
	if again, _ := build.StoreStamp(url); again != before {
		t.Errorf("the stamp changed with the store unchanged: %q, then %q", before, again)
	}
	if err := st.Apply(ctx, sampleBatch("a.gz")); err != nil {
		t.Fatal(err)
	}
	if after, _ := build.StoreStamp(url); after == before {
		t.Errorf("the stamp %q did not change after a commit", after)
	}
}
