package main

import (
	"bufio"
	"context"
	"io"
	"net/http"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"time"
)

// TestServe runs dashsmith serve on a free port over a new site: it serves
// the pages with the reload script, tells open pages about a rebuild after
// an edit, serves the new content, and lives through broken edits: a page
// that does not build (a bad chart type, a bad query) shows its problems,
// while the other pages keep answering 200 with their content, until it
// is fixed.
func TestServe(t *testing.T) {
	dir := newSite(t)
	addr := startServe(t, dir)

	page := get(t, addr+"/traffic/")
	if !strings.Contains(page, "<h1>Traffic</h1>") || !strings.Contains(page, `new EventSource("/_dashsmith/events")`) {
		t.Fatalf("traffic page:\n%s", page)
	}
	if strings.Contains(get(t, addr+"/assets/theme.js"), "EventSource") {
		t.Error("the reload script went into a script file")
	}
	events := openEvents(t, addr)
	first := events.next(t)

	edit := func(name, text string) {
		t.Helper()
		if err := os.WriteFile(filepath.Join(dir, "content", name), []byte(text), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	traffic, err := os.ReadFile(filepath.Join(dir, "content", "traffic.md"))
	if err != nil {
		t.Fatal(err)
	}
	edit("traffic.md", strings.Replace(string(traffic), "title: Traffic", "title: Visitors", 1))
	if gen := events.next(t); gen == first {
		t.Fatalf("build %s after the edit, as before it", gen)
	}
	if page := get(t, addr+"/traffic/"); !strings.Contains(page, "<h1>Visitors</h1>") {
		t.Fatalf("after the edit:\n%s", page)
	}

	orders := get(t, addr+"/sales/orders/")
	if !strings.Contains(orders, "<h1>Orders</h1>") {
		t.Fatalf("orders page:\n%s", orders)
	}
	for _, broken := range []struct{ name, from, to, says string }{
		{"a chart type", "type: line", "type: lines", `&#34;lines&#34;`},
		{"a query", "    event: Viewed Pricing Page\n", "    event: Viewed Pricing Page\n    measure: summ(revenue)\n", `&#34;summ(revenue)&#34;`},
	} {
		edit("traffic.md", strings.Replace(string(traffic), broken.from, broken.to, 1))
		events.next(t)
		resp, body := fetch(t, addr+"/traffic/")
		if resp.StatusCode != http.StatusInternalServerError || !strings.Contains(body, "This page did not build") ||
			!strings.Contains(body, "content/traffic.md:") || !strings.Contains(body, broken.says) {
			t.Fatalf("%s broken: /traffic/ answers %d\n%s", broken.name, resp.StatusCode, body)
		}
		if !strings.Contains(body, "EventSource") {
			t.Errorf("%s broken: the problems page does not reload by itself", broken.name)
		}
		// The other pages serve as they built, not the problems.
		resp, body = fetch(t, addr+"/sales/orders/")
		if resp.StatusCode != http.StatusOK || !strings.Contains(body, "<h1>Orders</h1>") || strings.Contains(body, "did not build") {
			t.Errorf("%s broken: /sales/orders/ answers %d\n%s", broken.name, resp.StatusCode, body)
		}
		if resp, body := fetch(t, addr+"/"); resp.StatusCode != http.StatusOK || strings.Contains(body, "did not build") {
			t.Errorf("%s broken: the home page answers %d\n%s", broken.name, resp.StatusCode, body)
		}

		edit("traffic.md", string(traffic))
		events.next(t)
		if page := get(t, addr+"/traffic/"); !strings.Contains(page, "<h1>Traffic</h1>") {
			t.Fatalf("%s fixed: /traffic/\n%s", broken.name, page)
		}
		if page := get(t, addr+"/sales/orders/"); !strings.Contains(page, "<h1>Orders</h1>") {
			t.Fatalf("%s fixed: /sales/orders/\n%s", broken.name, page)
		}
	}

	// A problem outside the dashboards (the config) still stops every
	// page, since none of them can be trusted.
	cfg, err := os.ReadFile(filepath.Join(dir, "dashsmith.yaml"))
	if err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(filepath.Join(dir, "dashsmith.yaml"), []byte(strings.Replace(string(cfg), "timezone: UTC", "timezone: Mars/Olympus", 1)), 0o644); err != nil {
		t.Fatal(err)
	}
	events.next(t)
	if resp, body := fetch(t, addr+"/sales/orders/"); resp.StatusCode != http.StatusInternalServerError || !strings.Contains(body, "The site did not build") {
		t.Errorf("a broken config: /sales/orders/ answers %d\n%s", resp.StatusCode, body)
	}
}

// startServe starts dashsmith serve in dir and returns its base URL; the
// server is stopped when the test ends.
func startServe(t *testing.T, dir string, args ...string) string {
	t.Helper()
	cmd := exec.Command(binDashsmith, append([]string{"serve", "--port", "0"}, args...)...)
	cmd.Dir = dir
	cmd.Stderr = io.Discard
	out, err := cmd.StdoutPipe()
	if err != nil {
		t.Fatal(err)
	}
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() {
		_ = cmd.Process.Signal(os.Interrupt)
		done := make(chan error, 1)
		go func() { done <- cmd.Wait() }()
		select {
		case err := <-done:
			if err != nil {
				t.Errorf("serve did not stop cleanly: %v", err)
			}
		case <-time.After(5 * time.Second):
			_ = cmd.Process.Kill()
			t.Error("serve did not stop on an interrupt")
		}
	})
	line := make(chan string, 1)
	go func() {
		s, _ := bufio.NewReader(out).ReadString('\n')
		line <- s
		_, _ = io.Copy(io.Discard, out)
	}()
	select {
	case s := <-line:
		_, rest, ok := strings.Cut(s, "http://")
		if !ok {
			t.Fatalf("serve printed %q", s)
		}
		return "http://" + strings.TrimSuffix(strings.Fields(rest)[0], "/")
	case <-time.After(20 * time.Second):
		t.Fatal("serve did not start")
	}
	return ""
}

func fetch(t *testing.T, url string) (*http.Response, string) {
	t.Helper()
	resp, err := http.Get(url)
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	b, err := io.ReadAll(resp.Body)
	if err != nil {
		t.Fatal(err)
	}
	return resp, string(b)
}

func get(t *testing.T, url string) string {
	t.Helper()
	resp, body := fetch(t, url)
	if resp.StatusCode != http.StatusOK {
		t.Fatalf("GET %s: %s\n%s", url, resp.Status, body)
	}
	return body
}

// eventStream reads the builds that serve announces.
type eventStream struct{ data chan string }

func openEvents(t *testing.T, addr string) *eventStream {
	t.Helper()
	ctx, cancel := context.WithCancel(context.Background())
	t.Cleanup(cancel)
	req, _ := http.NewRequestWithContext(ctx, http.MethodGet, addr+"/_dashsmith/events", nil)
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	if ct := resp.Header.Get("Content-Type"); ct != "text/event-stream" {
		t.Fatalf("events: Content-Type %q", ct)
	}
	s := &eventStream{data: make(chan string, 16)}
	go func() {
		defer resp.Body.Close()
		sc := bufio.NewScanner(resp.Body)
		for sc.Scan() {
			if d, ok := strings.CutPrefix(sc.Text(), "data: "); ok {
				s.data <- d
			}
		}
	}()
	return s
}

// next returns the next build announced.
func (s *eventStream) next(t *testing.T) string {
	t.Helper()
	select {
	case d := <-s.data:
		return d
	case <-time.After(10 * time.Second):
		t.Fatal("no build announced within 10s")
	}
	return ""
}
