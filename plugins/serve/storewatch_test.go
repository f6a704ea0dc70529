package serve

import (
	"context"
	"fmt"
	"os"
	"path/filepath"
	"testing"
	"time"

	"github.com/dashsmith/dashsmith/build"
	"github.com/dashsmith/dashsmith/build/storetest"
)

// fileScheme names stores kept in one local file for the tests: its
// driver stamps a store by the size and time of change of its file.
const fileScheme = "servetest"

func init() {
	build.RegisterStore(fileScheme, fileDriver{})
}

type fileDriver struct{}

func (fileDriver) Open(context.Context, string, build.StoreOptions) (build.Store, error) {
	return storetest.NewMemory(), nil
}

func (fileDriver) Stamp(url string) (string, error) {
	fi, err := os.Stat(build.TrimScheme(url))
	if err != nil {
		return "", err
	}
	return fmt.Sprint(fi.Size(), fi.ModTime().UnixNano()), nil
}

// TestServer_WatchStore: an ingest that changes the store's file rebuilds
// the site once the file holds still, with no edit.
func TestServer_WatchStore(t *testing.T) {
	db := filepath.Join(t.TempDir(), "rollup.db")
	if err := os.WriteFile(db, []byte("v1"), 0o644); err != nil {
		t.Fatal(err)
	}
	f := &site{files: map[string]string{"a.md": "A\nalpha"}}
	s := New(Options{
		Load:     func() (build.Config, error) { return build.Config{Title: "T"}, nil },
		StoreURL: func(build.Config) string { return fileScheme + ":" + db },
		Open:     f.open,
		Pipeline: f.pipeline,
	})
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	if _, err := s.Build(ctx, nil); err != nil {
		t.Fatal(err)
	}
	gen := func() int { s.mu.RLock(); defer s.mu.RUnlock(); return s.out.gen }
	done := make(chan struct{})
	go func() { defer close(done); s.watchStore(ctx, 10*time.Millisecond) }()

	time.Sleep(50 * time.Millisecond)
	if g := gen(); g != 1 {
		t.Fatalf("%d builds with the store unchanged; want 1", g)
	}
	if err := os.WriteFile(db, []byte("v2, after an ingest"), 0o644); err != nil {
		t.Fatal(err)
	}
	deadline := time.Now().Add(5 * time.Second)
	for gen() < 2 {
		if time.Now().After(deadline) {
			t.Fatal("no rebuild 5 s after the store changed")
		}
		time.Sleep(5 * time.Millisecond)
	}
	time.Sleep(50 * time.Millisecond)
	if g := gen(); g != 2 {
		t.Fatalf("%d builds after one change of the store; want 2", g)
	}
	cancel()
	<-done
}

// TestStoreStamp: a store whose driver has stamps is watched, and stamped
// by its driver; a stamp that cannot be read now, or a driver without
// stamps, falls back to the minute, and only the latter is not watched.
func TestStoreStamp(t *testing.T) {
	now := time.Date(2026, 11, 25, 18, 7, 30, 0, time.UTC)
	db := filepath.Join(t.TempDir(), "rollup.db")
	url := fileScheme + ":" + db
	if stamp, watched := storeStamp(url, now); stamp != url+" 2026-11-25T18:07:00Z" || !watched {
		t.Errorf("a file not there yet: %q, watched %v; want the minute, watched", stamp, watched)
	}
	if err := os.WriteFile(db, []byte("abc"), 0o644); err != nil {
		t.Fatal(err)
	}
	fi, err := os.Stat(db)
	if err != nil {
		t.Fatal(err)
	}
	if stamp, watched := storeStamp(url, now); stamp != fmt.Sprint(url, " ", 3, " ", fi.ModTime().UnixNano()) || !watched {
		t.Errorf("a file: %q, watched %v; want the driver's stamp, watched", stamp, watched)
	}
	if stamp, watched := storeStamp("fake:", now); stamp != "fake: 2026-11-25T18:07:00Z" || watched {
		t.Errorf("a store without stamps: %q, watched %v; want the minute, not watched", stamp, watched)
	}
}
