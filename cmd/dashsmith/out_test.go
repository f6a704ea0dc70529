package main

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/dashsmith/dashsmith/build"
)

// TestBuild_OutRefused reproduces issue 11: build --out . deleted the
// site, --out content the dashboards. Every such output is refused with
// exit 1 before anything is written, and the site is left whole.
func TestBuild_OutRefused(t *testing.T) {
	dir := tinySite(t)
	if err := os.WriteFile(filepath.Join(dir, "dashsmith.yaml"), []byte("title: Tiny\nevents: ./events\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	if err := os.MkdirAll(filepath.Join(dir, "events"), 0o755); err != nil {
		t.Fatal(err)
	}
	mustRun(t, dir, binDashsmith, "build") // makes the store
	site := []string{"dashsmith.yaml", "content/index.md", "events", ".dashsmith/rollup.db", "public/index.html"}
	for _, tc := range []struct{ out, want string }{
		{".", "is the site folder"},
		{"..", "holds the site folder"},
		{"content", "is content/"},
		{"content/public", "is inside content/"},
		{"events", "is the events folder"},
		{".dashsmith", "holds the store"},
		{"dashsmith.yaml", "is the config dashsmith.yaml"},
		{"layouts", "is layouts/"},
	} {
		t.Run(tc.out, func(t *testing.T) {
			r := runBin(t, dir, binDashsmith, "build", "--out", tc.out)
			if r.code != 1 || !strings.Contains(r.stderr, tc.want) || !strings.Contains(r.stderr, "such as public") {
				t.Errorf("exit %d, stderr:\n%s\nwant exit 1 and %q", r.code, r.stderr, tc.want)
			}
			for _, name := range site {
				if _, err := os.Stat(filepath.Join(dir, filepath.FromSlash(name))); err != nil {
					t.Errorf("--out %s lost %s: %v", tc.out, name, err)
				}
			}
		})
	}
	t.Run("ConfigElsewhere", func(t *testing.T) {
		// From another folder, --out names the site folder by another path.
		r := runBin(t, filepath.Dir(dir), binDashsmith, "build", "--config", filepath.Join("site", "dashsmith.yaml"), "--out", "site")
		if r.code != 1 || !strings.Contains(r.stderr, "is the site folder") {
			t.Errorf("exit %d, stderr:\n%s", r.code, r.stderr)
		}
	})
	t.Run("NotOurs", func(t *testing.T) {
		mine := filepath.Join(dir, "notes")
		if err := os.MkdirAll(mine, 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(filepath.Join(mine, "todo.txt"), []byte("mine"), 0o644); err != nil {
			t.Fatal(err)
		}
		r := runBin(t, dir, binDashsmith, "build", "--out", "notes")
		if r.code != 1 || !strings.Contains(r.stderr, "was not written by dashsmith") || !strings.Contains(r.stderr, "by hand") {
			t.Errorf("exit %d, stderr:\n%s", r.code, r.stderr)
		}
		if b, err := os.ReadFile(filepath.Join(mine, "todo.txt")); err != nil || string(b) != "mine" {
			t.Errorf("a folder dashsmith did not write was replaced: %q, %v", b, err)
		}
	})
}

// TestBuild_OutReplaced: the normal rebuild replaces its own output, and
// an output written by a dashsmith from before the marker (known by its
// manifest) is replaced too, and marked from then on.
func TestBuild_OutReplaced(t *testing.T) {
	dir := tinySite(t)
	mustRun(t, dir, binDashsmith, "build")
	public := filepath.Join(dir, "public")
	if _, err := os.Stat(filepath.Join(public, build.OutputMarker)); err != nil {
		t.Fatalf("no marker in the output: %v", err)
	}
	if err := os.WriteFile(filepath.Join(public, "stale.html"), []byte("old"), 0o644); err != nil {
		t.Fatal(err)
	}
	mustRun(t, dir, binDashsmith, "build")
	if _, err := os.Stat(filepath.Join(public, "stale.html")); err == nil {
		t.Error("a rebuild kept a file of the last output")
	}
	// An older dashsmith's output: no marker, but its manifest.
	if err := os.Remove(filepath.Join(public, build.OutputMarker)); err != nil {
		t.Fatal(err)
	}
	mustRun(t, dir, binDashsmith, "build")
	if _, err := os.Stat(filepath.Join(public, build.OutputMarker)); err != nil {
		t.Errorf("an older output was not replaced with a marked one: %v", err)
	}
}

// TestBuild_Leftovers reproduces issue 11: a kill -9 during build left
// .public.tmp-* folders (a copy of the old site) that were never
// cleaned. The next build removes those that are ours, and only those.
func TestBuild_Leftovers(t *testing.T) {
	dir := tinySite(t)
	mustRun(t, dir, binDashsmith, "build")
	for name, file := range map[string]string{
		".public.tmp-3141592653":     build.OutputMarker, // killed while writing
		".public.tmp-2718281828.old": build.OutputMarker, // killed while swapping
		".public.tmp-1414213562":     ".dashsmith-manifest.json",
		".public.tmp-1732050807":     "notes.txt", // a look-alike that is not ours
	} {
		if err := os.MkdirAll(filepath.Join(dir, name, "sub"), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(filepath.Join(dir, name, file), []byte("x"), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	mustRun(t, dir, binDashsmith, "build")
	for name, want := range map[string]bool{
		".public.tmp-3141592653":     false,
		".public.tmp-2718281828.old": false,
		".public.tmp-1414213562":     false,
		".public.tmp-1732050807":     true,
	} {
		if _, err := os.Stat(filepath.Join(dir, name)); (err == nil) != want {
			t.Errorf("%s: kept %v, want %v", name, err == nil, want)
		}
	}
}
