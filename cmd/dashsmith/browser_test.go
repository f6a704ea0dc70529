package main

import (
	"context"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"testing"
	"time"

	"github.com/chromedp/chromedp"
)

// chromiumPath finds Debian's chromium, or fails under CI (which installs
// it) and skips elsewhere.
func chromiumPath(t testing.TB) string {
	t.Helper()
	for _, name := range []string{"chromium", "chromium-browser", "google-chrome"} {
		if p, err := exec.LookPath(name); err == nil {
			return p
		}
	}
	if os.Getenv("CI") == "true" {
		t.Fatal("chromium is not installed; .ci/run installs Debian's chromium package")
	}
	t.Skip("chromium not installed (apt-get install chromium); CI runs this test")
	return ""
}

// TestBrowser builds the demo site and opens every page from disk (file://,
// no server) in headless Chromium: every chart must draw a canvas and the
// console must stay free of errors.
func TestBrowser(t *testing.T) {
	dir, pages := demoSite(t)
	bctx := newBrowser(t)
	charts := 0
	for _, page := range pages {
		rel, _ := filepath.Rel(dir, page)
		t.Run(filepath.ToSlash(rel), func(t *testing.T) {
			charts += checkPage(t, bctx, page)
		})
	}
	if charts == 0 {
		t.Error("no page of the demo draws a chart")
	}
}

// demoSite builds the demo site (content/ and dashsmith.yaml of the
// repository, over generated events) and returns its folder and the path
// of every page it wrote. It needs chromium (see chromiumPath).
func demoSite(t *testing.T) (string, []string) {
	t.Helper()
	chromiumPath(t)
	return buildDemo(t, nil)
}

// buildDemo builds the demo site, with files (name: content) written
// beside its dashsmith.yaml, and returns its folder and the path of every
// page it wrote.
func buildDemo(t testing.TB, files map[string]string) (string, []string) {
	t.Helper()
	if _, err := os.Stat(filepath.Join(repoRoot, "static", "vendor", "echarts.min.js")); err != nil {
		t.Fatal("static/vendor/echarts.min.js is missing: run the tests with make test, which fetches it")
	}
	dir := t.TempDir()
	copyTree(t, filepath.Join(repoRoot, "content"), filepath.Join(dir, "content"))
	cfg, err := os.ReadFile(filepath.Join(repoRoot, "dashsmith.yaml"))
	if err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(filepath.Join(dir, "dashsmith.yaml"), cfg, 0o644); err != nil {
		t.Fatal(err)
	}
	for name, content := range files {
		if err := os.WriteFile(filepath.Join(dir, name), []byte(content), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	mustRun(t, dir, binEventgen, "--out", "events", "--days", "35", "--end", "2026-11-20", "--seed", "3")
	mustRun(t, dir, binDashsmith, "ingest")
	mustRun(t, dir, binDashsmith, "build", "--now", "2026-11-19T18:00:00Z")

	var pages []string
	_ = filepath.WalkDir(filepath.Join(dir, "public"), func(path string, d os.DirEntry, err error) error {
		if err == nil && d.Name() == "index.html" {
			pages = append(pages, path)
		}
		return err
	})
	if len(pages) < 3 {
		t.Fatalf("the demo built %d pages; want the index and the dashboards", len(pages))
	}
	return dir, pages
}

// newBrowser starts headless Chromium for the test and returns its context.
func newBrowser(t testing.TB) context.Context {
	t.Helper()
	opts := append(chromedp.DefaultExecAllocatorOptions[:],
		chromedp.ExecPath(chromiumPath(t)),
		chromedp.NoSandbox,
		chromedp.DisableGPU,
		chromedp.Flag("disable-background-networking", true),
		chromedp.Flag("disable-component-update", true),
		chromedp.Flag("disable-sync", true),
		chromedp.Flag("disable-quic", true),
		chromedp.Flag("allow-file-access-from-files", false),
		chromedp.UserDataDir(t.TempDir()),
	)
	actx, cancel := chromedp.NewExecAllocator(context.Background(), opts...)
	t.Cleanup(cancel)
	bctx, cancel := chromedp.NewContext(actx)
	t.Cleanup(cancel)
	if _, err := chromedp.Run(bctx, chromedp.Evaluate[bool]("true")); err != nil {
		t.Fatalf("start chromium: %v", err)
	}
	return bctx
}

// consoleProblems collects the errors, warnings and exceptions the page
// of ctx writes to its console; the function it returns gives them once
// ctx is cancelled.
func consoleProblems(ctx context.Context) func() []string {
	var problems []string
	messages := chromedp.Console(ctx)
	done := make(chan struct{})
	go func() {
		defer close(done)
		for m, err := range messages {
			if err != nil {
				return
			}
			if m.IsException() || m.Type == "error" || m.Type == "warning" || m.Type == "assert" {
				problems = append(problems, fmt.Sprintf("console %s: %s (%s:%d)", m.Type, m.Text, m.URL, m.Line+1))
			}
		}
	}()
	return func() []string {
		<-done
		return problems
	}
}

// checkPage opens one page and returns how many ECharts charts it drew.
func checkPage(t *testing.T, bctx context.Context, path string) int {
	ctx, cancel := chromedp.NewContext(bctx)
	defer cancel()

	problems := consoleProblems(ctx)

	if err := chromedp.Do(ctx, chromedp.Navigate("file://"+path)); err != nil {
		t.Fatalf("open %s: %v", path, err)
	}
	tctx, cancelT := context.WithTimeout(ctx, 20*time.Second)
	defer cancelT()
	counts, err := chromedp.Run(tctx, chromedp.Poll[[]int](`(() => {
		const charts = document.querySelectorAll('.ds-echart');
		const drawn = [...charts].filter(el => el.querySelector('canvas')).length;
		return drawn === charts.length ? [charts.length, drawn] : null;
	})()`, chromedp.WithPollingTimeout(15*time.Second)))
	if err != nil {
		all, _ := chromedp.Run(ctx, chromedp.Evaluate[[]int](`[document.querySelectorAll('.ds-echart').length, [...document.querySelectorAll('.ds-echart')].filter(el => el.querySelector('canvas')).length]`))
		t.Errorf("charts did not all draw a canvas: [charts, drawn] = %v: %v", all, err)
	}
	// Give late errors (a failed resize, a bad option) a moment to surface.
	_, _ = chromedp.Run(ctx, chromedp.Evaluate[bool](`new Promise(r => setTimeout(() => r(true), 300))`, chromedp.EvalAwaitPromise))
	cancel()
	for _, p := range problems() {
		t.Error(p)
	}
	if len(counts) == 2 {
		return counts[1]
	}
	return 0
}
