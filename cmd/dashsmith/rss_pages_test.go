package main

import (
	"context"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/dashsmith/dashsmith/internal/eventgen"
)

// TestBuildMemory_Pages: a build's memory follows the pages in flight,
// not the pages of the site. The same template over the same store makes
// 100, then 1,500 pages (each_top); each page holds about 30 KB of HTML
// and data files, so a build that kept every page until the end would
// hold some 40 MB more for the 1,400 more, and peak about twice that
// higher with the collector's default target (GOGC=100, set here so the
// bound does not move with the build's own). Pages are written as they
// are finished, so the peak may grow only by what the list of pages
// itself holds (their frontmatter, digests and file names: a few KB a
// page).
func TestBuildMemory_Pages(t *testing.T) {
	t.Setenv("GOGC", "100")
	dir := t.TempDir()
	_, err := eventgen.Generate(context.Background(), eventgen.Options{
		Out: filepath.Join(dir, "events"), Days: 1, End: time.Date(2026, 11, 25, 0, 0, 0, 0, time.UTC),
		Scale: 1, Pods: 3000, Events: 40_000,
	})
	if err != nil {
		t.Fatal(err)
	}
	template := func(top string) {
		t.Helper()
		writeFiles(t, dir, map[string]string{
			"dashsmith.yaml":      "title: Pods\nstore: bolt:.dashsmith/rollup.db\nevents: ./events\n",
			"content/pods/pod.md": strings.Replace(podTemplate, "each_top: 100", "each_top: "+top, 1),
		})
	}
	template("100") // ingest keeps the breakdown the template asks for
	mustRun(t, dir, binDashsmith, "ingest")
	peak := func(top string) (pages int, rss int64) {
		t.Helper()
		template(top)
		os.RemoveAll(filepath.Join(dir, "public"))
		out, _, rss := measured(t, dir, "build", "--now", "2026-11-25T00:00:00Z")
		pages, _ = built(t, out)
		return pages, rss
	}
	few, fewRSS := peak("100")
	many, manyRSS := peak("1500")
	t.Logf("%d pages: %d MB; %d pages: %d MB", few, fewRSS>>20, many, manyRSS>>20)
	if many < few+1000 {
		t.Fatalf("%d and %d pages: want 1,000 more", few, many)
	}
	if grew := manyRSS - fewRSS; grew > 30<<20 {
		t.Errorf("peak memory grew by %d MB for %d more pages: pages are held, not written as they are finished", grew>>20, many-few)
	}
}
