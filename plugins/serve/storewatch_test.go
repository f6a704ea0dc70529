package serve

import (
	"context"
	"os"
	"path/filepath"
	"testing"
	"time"

	"github.com/dashsmith/dashsmith/build"
)

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
		StoreURL: func(build.Config) string { return "bolt:" + db },
		Open:     func(string) (build.Store, error) { return store{s: f}, nil },
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
