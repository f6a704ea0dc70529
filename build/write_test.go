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
