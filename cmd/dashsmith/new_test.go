package main

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// newSite makes a starter site with dashsmith new and ingests its events.
func newSite(t *testing.T) string {
	t.Helper()
	dir := filepath.Join(t.TempDir(), "site")
	out := mustRun(t, t.TempDir(), binDashsmith, "new", dir)
	if !strings.Contains(out, "dashsmith ingest") || !strings.Contains(out, "dashsmith build") {
		t.Errorf("new does not say what to do next:\n%s", out)
	}
	mustRun(t, dir, binDashsmith, "ingest")
	return dir
}

// TestNew checks that a new site builds at once: every dashboard, and one
// page per event for its template.
func TestNew(t *testing.T) {
	dir := newSite(t)
	out := mustRun(t, dir, binDashsmith, "check")
	if !strings.Contains(out, "no problems") {
		t.Errorf("check on a new site: %s", out)
	}
	mustRun(t, dir, binDashsmith, "build")
	for _, page := range []string{
		"index.html", "traffic/index.html", "sales/orders/index.html", "sales/signups/index.html",
		"events/index.html", "events/order-completed/index.html", "events/signed-up/index.html",
		"sales/plans/index.html", "sales/plans/pro/index.html",
	} {
		data, err := os.ReadFile(filepath.Join(dir, "public", filepath.FromSlash(page)))
		if err != nil {
			t.Errorf("new site: %v", err)
			continue
		}
		if !strings.Contains(string(data), "Complete through <time") {
			t.Errorf("%s: no data: its footer says %q", page, footer(string(data)))
		}
	}
	events, _ := os.ReadFile(filepath.Join(dir, "public", "events", "index.html"))
	if !strings.Contains(string(events), `<a href="order-completed/index.html">Order Completed</a>`) {
		t.Errorf("events/index.html does not list its pages:\n%s", events)
	}

	t.Run("NotEmpty", func(t *testing.T) {
		r := runBin(t, t.TempDir(), binDashsmith, "new", dir)
		if r.code != exitUser || !strings.Contains(r.stderr, "is not empty") {
			t.Fatalf("new into a site: exit %d, %s", r.code, r.stderr)
		}
	})
	t.Run("Usage", func(t *testing.T) {
		if r := runBin(t, t.TempDir(), binDashsmith, "new"); r.code != exitUsage {
			t.Fatalf("new without a folder: exit %d", r.code)
		}
	})
}

// footer returns the text of a page's footer, for messages.
func footer(page string) string {
	i := strings.Index(page, "<footer")
	if i < 0 {
		return ""
	}
	return page[i:]
}
