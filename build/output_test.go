package build

import (
	"os"
	"path/filepath"
	"sort"
	"strings"
	"testing"
)

// mkfile writes text to dir/name, making the folders on the way.
func mkfile(t *testing.T, dir, name, text string) {
	t.Helper()
	p := filepath.Join(dir, filepath.FromSlash(name))
	if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(p, []byte(text), 0o644); err != nil {
		t.Fatal(err)
	}
}

func TestCheckOutput(t *testing.T) {
	site := t.TempDir()
	mkfile(t, site, "dashsmith.yaml", "title: T\n")
	mkfile(t, site, "content/index.md", "# hi\n")
	mkfile(t, site, "events/a.ndjson", "{}\n")
	mkfile(t, site, ".dashsmith/rollup.db", "")
	keep := []Kept{
		{Path: site, What: "the site folder"},
		{Path: filepath.Join(site, "dashsmith.yaml"), What: "the config dashsmith.yaml"},
		{Path: filepath.Join(site, "content"), What: "content/", Inside: true},
		{Path: filepath.Join(site, "layouts"), What: "layouts/", Inside: true}, // not there
		{Path: filepath.Join(site, "events"), What: "the events folder", Inside: true},
		{Path: filepath.Join(site, ".dashsmith", "rollup.db"), What: "the store", Inside: true},
	}
	alias := filepath.Join(t.TempDir(), "alias")
	if err := os.Symlink(site, alias); err != nil {
		t.Skipf("no symlinks here: %v", err)
	}
	for _, tc := range []struct{ out, want string }{
		{site, "is the site folder"},
		{alias, "is the site folder"},                               // another name for it
		{filepath.Join(site, "."), "is the site folder"},            // --out .
		{filepath.Dir(site), "holds the site folder"},               // --out ..
		{filepath.Join(site, "content"), "is content/"},             // --out content
		{filepath.Join(alias, "content"), "is content/"},            // through a link
		{filepath.Join(site, "content", "x"), "is inside content/"}, // --out content/x
		{filepath.Join(site, "layouts"), "is layouts/"},             // not there yet
		{filepath.Join(site, "layouts", "x"), "is inside layouts/"},
		{filepath.Join(site, "events"), "is the events folder"},
		{filepath.Join(site, ".dashsmith"), "holds the store"},
		{filepath.Join(site, "dashsmith.yaml"), "is the config dashsmith.yaml"},
	} {
		err := CheckOutput(tc.out, keep)
		if err == nil || !strings.Contains(err.Error(), tc.want) {
			t.Errorf("CheckOutput(%s) = %v, want %q", tc.out, err, tc.want)
		}
	}
	for _, ok := range []string{
		filepath.Join(site, "public"),
		filepath.Join(site, "out", "site"),
		filepath.Join(alias, "public"),
		filepath.Join(t.TempDir(), "public"),
	} {
		if err := CheckOutput(ok, keep); err != nil {
			t.Errorf("CheckOutput(%s) = %v, want nil", ok, err)
		}
	}
}

func TestWrite_Marker(t *testing.T) {
	s := &Site{Files: map[string][]byte{"index.html": []byte("home")}}
	t.Run("Rebuild", func(t *testing.T) {
		out := filepath.Join(t.TempDir(), "public")
		for range 2 {
			if err := Write(s, out); err != nil {
				t.Fatal(err)
			}
			if b, err := os.ReadFile(filepath.Join(out, OutputMarker)); err != nil || string(b) != markerText {
				t.Fatalf("marker: %q, %v", b, err)
			}
		}
	})
	t.Run("Empty", func(t *testing.T) {
		out := t.TempDir()
		if err := Write(s, out); err != nil {
			t.Fatal(err)
		}
	})
	t.Run("ErrNotOurs", func(t *testing.T) {
		out := t.TempDir()
		mkfile(t, out, "thesis.tex", "years of work")
		err := Write(s, out)
		if err == nil || !strings.Contains(err.Error(), "was not written by dashsmith") || !strings.Contains(err.Error(), "delete this one by hand") {
			t.Fatalf("got %v", err)
		}
		if b, err := os.ReadFile(filepath.Join(out, "thesis.tex")); err != nil || string(b) != "years of work" {
			t.Fatal("a folder dashsmith did not write was replaced")
		}
	})
	t.Run("ErrFile", func(t *testing.T) {
		out := filepath.Join(t.TempDir(), "public")
		mkfile(t, filepath.Dir(out), "public", "a file")
		if err := Write(s, out); err == nil || !strings.Contains(err.Error(), "is a file") {
			t.Fatalf("got %v", err)
		}
	})
	t.Run("OlderOutput", func(t *testing.T) {
		// An output of a dashsmith from before the marker: known by the
		// file the caller names (the incremental build's manifest).
		out := t.TempDir()
		mkfile(t, out, "index.html", "old")
		mkfile(t, out, ".manifest.json", "{}")
		if err := Write(s, out); err == nil {
			t.Fatal("an unmarked folder was replaced")
		}
		if err := Write(s, out, ".manifest.json"); err != nil {
			t.Fatal(err)
		}
		if b, _ := os.ReadFile(filepath.Join(out, "index.html")); string(b) != "home" {
			t.Fatalf("index.html = %q", b)
		}
	})
}

// TestWrite_Leftovers: the temporary folders a killed build left beside
// the output are removed by the next build; look-alikes that are not
// ours are kept.
func TestWrite_Leftovers(t *testing.T) {
	dir := t.TempDir()
	out := filepath.Join(dir, "public")
	s := &Site{Files: map[string][]byte{"index.html": []byte("home")}}
	if err := Write(s, out); err != nil {
		t.Fatal(err)
	}
	// Left by kills: a half-written folder, the old output on its way
	// out, an older dashsmith's folder with only its manifest, an empty one.
	mkfile(t, dir, ".public.tmp-123/"+OutputMarker, markerText)
	mkfile(t, dir, ".public.tmp-123/index.html", "half")
	mkfile(t, dir, ".public.tmp-456.old/"+OutputMarker, markerText)
	mkfile(t, dir, ".public.tmp-789/.manifest.json", "{}")
	if err := os.Mkdir(filepath.Join(dir, ".public.tmp-42"), 0o700); err != nil {
		t.Fatal(err)
	}
	// Not ours: no marker, another output's name, not the pattern, a link.
	mkfile(t, dir, ".public.tmp-999/notes.txt", "mine")
	mkfile(t, dir, ".docs.tmp-123/"+OutputMarker, markerText)
	mkfile(t, dir, ".public.tmp-abc/"+OutputMarker, markerText)
	mkfile(t, dir, "public.tmp-1/"+OutputMarker, markerText)
	mkfile(t, dir, "elsewhere/"+OutputMarker, markerText)
	if err := os.Symlink("elsewhere", filepath.Join(dir, ".public.tmp-7")); err != nil {
		t.Fatal(err)
	}
	if err := Write(s, out, ".manifest.json"); err != nil {
		t.Fatal(err)
	}
	entries, err := os.ReadDir(dir)
	if err != nil {
		t.Fatal(err)
	}
	var got []string
	for _, e := range entries {
		got = append(got, e.Name())
	}
	sort.Strings(got)
	want := []string{".docs.tmp-123", ".public.tmp-7", ".public.tmp-999", ".public.tmp-abc", "elsewhere", "public", "public.tmp-1"}
	if strings.Join(got, " ") != strings.Join(want, " ") {
		t.Fatalf("beside the output:\n got %v\nwant %v", got, want)
	}
	if _, err := os.Stat(filepath.Join(dir, "elsewhere", OutputMarker)); err != nil {
		t.Error("a link's target was removed")
	}
}
