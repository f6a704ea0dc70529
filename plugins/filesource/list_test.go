package filesource

import (
	"context"
	"os"
	"path/filepath"
	"runtime"
	"slices"
	"strings"
	"testing"
)

func TestSource_List(t *testing.T) {
	ctx := context.Background()
	dir := tree(t, map[string]string{
		"segment-logs/src/1764028800000/1764032400000.ab12.gz": "1",
		"segment-logs/src/1764028800000/1764036000000.cd34.gz": "22",
		"segment-logs/src/1763942400000/1763946000000.ef56.gz": "333",
		"plain.ndjson":         "4444",
		"a/b/c/d/deep.json":    "5",
		"a.b":                  "6",
		".hidden":              "no",
		".git/objects/x":       "no",
		"a/.cache/y.gz":        "no",
		"segment-logs/.tmp.gz": "no",
	})
	if err := os.Mkdir(filepath.Join(dir, "empty"), 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.Symlink(filepath.Join(dir, "a.b"), filepath.Join(dir, "link.gz")); err != nil && runtime.GOOS != "windows" {
		t.Fatal(err)
	}
	s, err := New(dir)
	if err != nil {
		t.Fatal(err)
	}
	files, err := s.List(ctx)
	if err != nil {
		t.Fatal(err)
	}
	want := []string{
		"a.b",
		"a/b/c/d/deep.json",
		"plain.ndjson",
		"segment-logs/src/1763942400000/1763946000000.ef56.gz",
		"segment-logs/src/1764028800000/1764032400000.ab12.gz",
		"segment-logs/src/1764028800000/1764036000000.cd34.gz",
	}
	var got []string
	for _, f := range files {
		got = append(got, f.Key)
		if f.ModTime.IsZero() {
			t.Errorf("%s: no mod time", f.Key)
		}
	}
	if !slices.Equal(got, want) {
		t.Fatalf("keys = %q\nwant %q", got, want)
	}
	if files[3].Size != 3 || files[2].Size != 4 {
		t.Errorf("sizes = %d, %d; want 3, 4", files[3].Size, files[2].Size)
	}
	t.Run("Canceled", func(t *testing.T) {
		ctx, cancel := context.WithCancel(ctx)
		cancel()
		if _, err := s.List(ctx); err == nil {
			t.Error("List with a canceled context succeeded")
		}
	})
	t.Run("FolderRemoved", func(t *testing.T) {
		gone := t.TempDir()
		s, err := New(gone)
		if err != nil {
			t.Fatal(err)
		}
		if err := os.Remove(gone); err != nil {
			t.Fatal(err)
		}
		if _, err := s.List(ctx); err == nil || !strings.Contains(err.Error(), "does not exist") {
			t.Errorf("err = %v", err)
		}
	})
}
