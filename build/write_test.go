package build

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

func TestWrite(t *testing.T) {
	dir := t.TempDir()
	out := filepath.Join(dir, "public")
	site := func(files map[string]string, pages ...string) *Site {
		s := &Site{Files: map[string][]byte{}}
		for k, v := range files {
			s.Files[k] = []byte(v)
		}
		for _, url := range pages {
			s.Pages = append(s.Pages, &Page{Source: url + ".md", URL: url, Body: []byte("page " + url)})
		}
		return s
	}
	read := func(name string) string {
		b, err := os.ReadFile(filepath.Join(out, filepath.FromSlash(name)))
		if err != nil {
			return "<missing>"
		}
		return string(b)
	}

	t.Run("OK", func(t *testing.T) {
		if err := Write(site(map[string]string{"assets/a.css": "css", "old.txt": "x"}, "", "sales/checkout/"), out); err != nil {
			t.Fatal(err)
		}
		if read("index.html") != "page " || read("sales/checkout/index.html") != "page sales/checkout/" || read("assets/a.css") != "css" {
			t.Errorf("unexpected output: %q %q %q", read("index.html"), read("sales/checkout/index.html"), read("assets/a.css"))
		}
	})
	t.Run("ReplacesWhole", func(t *testing.T) {
		if err := Write(site(nil, ""), out); err != nil {
			t.Fatal(err)
		}
		if read("old.txt") != "<missing>" {
			t.Error("a file of the previous build survived the new one")
		}
	})
	t.Run("ErrEscape keeps the previous output", func(t *testing.T) {
		for _, bad := range []string{"../evil", "/abs", "a/../../b", `a\b`, ""} {
			err := Write(site(map[string]string{bad: "x"}, "new/"), out)
			if err == nil || !strings.Contains(err.Error(), "outside the output folder") {
				t.Errorf("Write(%q) = %v, want a refusal", bad, err)
			}
			if read("index.html") != "page " || read("new/index.html") != "<missing>" {
				t.Error("a failed write changed the previous output")
			}
		}
		entries, _ := os.ReadDir(dir)
		if len(entries) != 1 {
			t.Errorf("temporary folders left beside the output: %d entries", len(entries))
		}
	})
	t.Run("ErrDuplicate", func(t *testing.T) {
		if err := Write(site(map[string]string{"index.html": "x"}, ""), out); err == nil {
			t.Error("a page and a file writing the same path gave no error")
		}
	})
}

func TestRelRoot(t *testing.T) {
	for url, want := range map[string]string{"": "", "a/": "../", "a/b/": "../../"} {
		if got := RelRoot(url); got != want {
			t.Errorf("RelRoot(%q) = %q, want %q", url, got, want)
		}
	}
}

// TestWrite_Links: a file that has not changed since the last write is
// linked from it, not written again; one that changed is written.
func TestWrite_Links(t *testing.T) {
	out := filepath.Join(t.TempDir(), "public")
	write := func(files map[string]string) {
		t.Helper()
		s := &Site{Files: map[string][]byte{}}
		for k, v := range files {
			s.Files[k] = []byte(v)
		}
		if err := Write(s, out); err != nil {
			t.Fatal(err)
		}
	}
	stat := func(name string) os.FileInfo {
		t.Helper()
		fi, err := os.Stat(filepath.Join(out, filepath.FromSlash(name)))
		if err != nil {
			t.Fatal(err)
		}
		return fi
	}
	write(map[string]string{"a/same.csv": "1,2", "a/edited.csv": "1,2", "grown.json": "{}"})
	same, edited, grown := stat("a/same.csv"), stat("a/edited.csv"), stat("grown.json")
	write(map[string]string{"a/same.csv": "1,2", "a/edited.csv": "1,3", "grown.json": "{\"a\":1}", "new.txt": "n"})
	if !os.SameFile(same, stat("a/same.csv")) {
		t.Error("an unchanged file was written again, not linked")
	}
	if os.SameFile(edited, stat("a/edited.csv")) || os.SameFile(grown, stat("grown.json")) {
		t.Error("a changed file was linked from the last write")
	}
	for name, want := range map[string]string{"a/same.csv": "1,2", "a/edited.csv": "1,3", "grown.json": "{\"a\":1}", "new.txt": "n"} {
		if b, err := os.ReadFile(filepath.Join(out, filepath.FromSlash(name))); err != nil || string(b) != want {
			t.Errorf("%s = %q, %v; want %q", name, b, err, want)
		}
	}
	if fi := stat("a/same.csv"); fi.Mode().Perm() != 0o644 {
		t.Errorf("a linked file has mode %v", fi.Mode())
	}
	if n := linkCount(stat("a/same.csv")); n != 1 && n != 0 {
		t.Errorf("a linked file has %d names once the old output is gone; want 1", n)
	}
}
