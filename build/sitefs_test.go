package build

import (
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

func TestSiteReadError(t *testing.T) {
	site := t.TempDir()
	if err := os.WriteFile(filepath.Join(site, "inside.md"), []byte("ok"), 0o644); err != nil {
		t.Fatal(err)
	}
	if err := os.Symlink("/proc/self/environ", filepath.Join(site, "out.md")); err != nil {
		t.Skipf("no symlinks here: %v", err)
	}
	if err := os.Symlink("inside.md", filepath.Join(site, "in.md")); err != nil {
		t.Fatal(err)
	}
	root, err := OpenSite(site)
	if err != nil {
		t.Fatal(err)
	}
	defer root.Close()
	t.Run("Outside", func(t *testing.T) {
		// os.Root's error is told by its text: this pins it.
		_, err := root.ReadFile("out.md")
		if !LeavesSite(err) {
			t.Fatalf("os.Root's error for a link out of the root changed: %v", err)
		}
		got := SiteReadError("content/out.md", err)
		var e *Error
		if !errors.As(got, &e) || e.File != "content/out.md" || !strings.Contains(e.Msg, "replace it with the file itself") {
			t.Fatalf("got %v", got)
		}
	})
	t.Run("Inside", func(t *testing.T) {
		data, err := root.ReadFile("in.md")
		if err != nil || string(data) != "ok" {
			t.Fatalf("got %q, %v", data, err)
		}
	})
	t.Run("Other", func(t *testing.T) {
		_, err := root.ReadFile("missing.md")
		if LeavesSite(err) || SiteReadError("content/missing.md", err) != err {
			t.Fatalf("a missing file is not a link out of the site: %v", err)
		}
	})
}
