package starter

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
	"testing/fstest"
)

func TestWrite(t *testing.T) {
	files := fstest.MapFS{
		"starter/dashsmith.yaml":   {Data: []byte("title: x\n")},
		"starter/.gitignore":       {Data: []byte("/public/\n")},
		"starter/content/a/b.md":   {Data: []byte("# b\n")},
		"starter/content/index.md": {Data: []byte("# home\n")},
	}
	t.Run("OK", func(t *testing.T) {
		dir := filepath.Join(t.TempDir(), "site")
		wrote, err := Write(dir, files)
		if err != nil {
			t.Fatal(err)
		}
		if got := strings.Join(wrote, " "); got != ".gitignore content/a/b.md content/index.md dashsmith.yaml" {
			t.Fatalf("wrote %s", got)
		}
		if b, err := os.ReadFile(filepath.Join(dir, "content", "a", "b.md")); err != nil || string(b) != "# b\n" {
			t.Fatalf("content/a/b.md: %q, %v", b, err)
		}
	})
	t.Run("EmptyDir", func(t *testing.T) {
		if _, err := Write(t.TempDir(), files); err != nil {
			t.Fatal(err)
		}
	})
	t.Run("NotEmpty", func(t *testing.T) {
		dir := t.TempDir()
		if err := os.WriteFile(filepath.Join(dir, "notes.txt"), []byte("mine"), 0o644); err != nil {
			t.Fatal(err)
		}
		_, err := Write(dir, files)
		if err == nil || !strings.Contains(err.Error(), "is not empty") {
			t.Fatalf("got %v", err)
		}
		if b, _ := os.ReadFile(filepath.Join(dir, "notes.txt")); string(b) != "mine" {
			t.Fatal("notes.txt changed")
		}
	})
}
