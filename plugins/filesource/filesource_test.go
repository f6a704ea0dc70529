package filesource

import (
	"context"
	"io"
	"os"
	"path/filepath"
	"runtime"
	"slices"
	"strings"
	"testing"

	"github.com/dashsmith/dashsmith/build"
)

// tree writes files (slash paths to contents) under a new temp folder.
func tree(t *testing.T, files map[string]string) string {
	t.Helper()
	dir := t.TempDir()
	for name, body := range files {
		p := filepath.Join(dir, filepath.FromSlash(name))
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(p, []byte(body), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	return dir
}

func keys(t *testing.T, s build.Source) []string {
	t.Helper()
	files, err := s.List(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	var ks []string
	for _, f := range files {
		ks = append(ks, f.Key)
	}
	return ks
}

func TestOpen(t *testing.T) {
	ctx := context.Background()
	dir := tree(t, map[string]string{"a.gz": "x"})
	t.Run("Registered", func(t *testing.T) {
		for _, url := range []string{dir, "file:" + dir, "file://" + filepath.ToSlash(dir)} {
			if runtime.GOOS == "windows" && strings.HasPrefix(url, "file://") {
				continue
			}
			s, err := build.OpenSource(ctx, url)
			if err != nil {
				t.Fatalf("%s: %v", url, err)
			}
			if got := keys(t, s); !slices.Equal(got, []string{"a.gz"}) {
				t.Errorf("%s: keys = %q", url, got)
			}
		}
	})
	t.Run("RelativePath", func(t *testing.T) {
		t.Chdir(dir)
		for _, url := range []string{".", "./", "file:.", "file:./"} {
			s, err := build.OpenSource(ctx, url)
			if err != nil {
				t.Fatalf("%s: %v", url, err)
			}
			if got := keys(t, s); !slices.Equal(got, []string{"a.gz"}) {
				t.Errorf("%s: keys = %q", url, got)
			}
		}
	})
	t.Run("Missing", func(t *testing.T) {
		t.Chdir(dir)
		_, err := Open(ctx, "./events")
		want := `filesource: events folder "./events" does not exist: run the generator or set events: in dashsmith.yaml`
		if runtime.GOOS != "windows" && (err == nil || err.Error() != want) {
			t.Errorf("err = %v\nwant %s", err, want)
		}
		if s, err := Open(ctx, "file:./events"); err == nil || s != nil {
			t.Errorf("file:./events: source %v, err %v; want a nil source and an error", s, err)
		}
	})
	t.Run("NotAFolder", func(t *testing.T) {
		_, err := Open(ctx, filepath.Join(dir, "a.gz"))
		if err == nil || !strings.Contains(err.Error(), "is a file") {
			t.Errorf("err = %v", err)
		}
	})
	t.Run("Empty", func(t *testing.T) {
		if _, err := New(""); err == nil {
			t.Error("New(\"\") succeeded")
		}
	})
}

func TestSource_Open(t *testing.T) {
	ctx := context.Background()
	parent := tree(t, map[string]string{"secret": "no", "events/a/b.gz": "data"})
	s, err := New(filepath.Join(parent, "events"))
	if err != nil {
		t.Fatal(err)
	}
	t.Run("OK", func(t *testing.T) {
		rc, err := s.Open(ctx, "a/b.gz")
		if err != nil {
			t.Fatal(err)
		}
		defer rc.Close()
		data, err := io.ReadAll(rc)
		if err != nil || string(data) != "data" {
			t.Errorf("read %q, %v", data, err)
		}
	})
	t.Run("Missing", func(t *testing.T) {
		if _, err := s.Open(ctx, "a/nope.gz"); err == nil || !strings.HasPrefix(err.Error(), "filesource: open ") {
			t.Errorf("err = %v", err)
		}
	})
	t.Run("Escapes", func(t *testing.T) {
		for _, key := range []string{"", ".", "../secret", "a/../../secret", "/etc/passwd", "a//b.gz", `a\b.gz`, "a/./b.gz"} {
			if rc, err := s.Open(ctx, key); err == nil {
				rc.Close()
				t.Errorf("Open(%q) succeeded", key)
			} else if !strings.HasPrefix(err.Error(), "filesource: refusing key") {
				t.Errorf("Open(%q): %v", key, err)
			}
		}
	})
	t.Run("SymlinkOut", func(t *testing.T) {
		if runtime.GOOS == "windows" {
			t.Skip("symlinks need privileges")
		}
		if err := os.Symlink(filepath.Join(parent, "secret"), filepath.Join(parent, "events", "out.gz")); err != nil {
			t.Fatal(err)
		}
		if rc, err := s.Open(ctx, "out.gz"); err == nil {
			rc.Close()
			t.Error("Open followed a link out of the folder")
		}
	})
}
