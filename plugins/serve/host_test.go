package serve

import (
	"context"
	"io"
	"net"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"
	"time"
)

// TestServer_Host: a page of another site that has its name resolve to
// 127.0.0.1 (DNS rebinding) sends its own name as the Host header; the
// preview and its stream of rebuilds refuse it, and answer localhost
// names, loopback addresses and the address they are bound to.
func TestServer_Host(t *testing.T) {
	f := &site{files: map[string]string{"a.md": "A\nalpha"}}
	s := newServer(f)
	s.opts.Addr = "192.0.2.7:1313" // as if told to listen on another interface
	if _, err := s.Build(context.Background(), nil); err != nil {
		t.Fatal(err)
	}
	srv := httptest.NewServer(s.Handler())
	defer srv.Close()
	_, port, _ := net.SplitHostPort(srv.Listener.Addr().String())
	do := func(host, path string) (int, string) {
		t.Helper()
		ctx, cancel := context.WithTimeout(context.Background(), 5*time.Second)
		defer cancel()
		req, err := http.NewRequestWithContext(ctx, http.MethodGet, srv.URL+path, nil)
		if err != nil {
			t.Fatal(err)
		}
		req.Host = host
		resp, err := srv.Client().Do(req)
		if err != nil {
			t.Fatal(err)
		}
		defer resp.Body.Close()
		if strings.HasPrefix(resp.Header.Get("Content-Type"), "text/event-stream") {
			return resp.StatusCode, "" // open: the stream would not end
		}
		b, _ := io.ReadAll(resp.Body)
		return resp.StatusCode, string(b)
	}
	for _, host := range []string{"evil.example", "evil.example:1313", "evil.example:" + port, "localhost.evil.example",
		"127.0.0.1.evil.example", "evil-localhost", "192.0.2.8:1313", "[2001:db8::1]:1313", "10.0.0.1"} {
		for _, path := range []string{"/a/", "/assets/site.css", eventsPath, "/nope/"} {
			code, body := do(host, path)
			if code != http.StatusForbidden {
				t.Errorf("Host %q, %s: %d, want 403", host, path, code)
				continue
			}
			if !strings.Contains(body, "localhost") || !strings.Contains(body, "http://127.0.0.1:"+port+"/") || strings.Contains(body, "alpha") {
				t.Errorf("Host %q, %s: the refusal does not say what to open instead:\n%s", host, path, body)
			}
		}
	}
	for _, host := range []string{"localhost", "localhost:" + port, "LocalHost:1313", "localhost.", "dashboards.localhost:" + port,
		"127.0.0.1", "127.0.0.1:" + port, "127.1.2.3:8080", "[::1]", "[::1]:" + port, "192.0.2.7:1313", "192.0.2.7"} {
		if code, body := do(host, "/a/"); code != http.StatusOK || !strings.Contains(body, "alpha") {
			t.Errorf("Host %q: %d %q, want the page", host, code, body)
		}
		if code, _ := do(host, eventsPath); code != http.StatusOK {
			t.Errorf("Host %q, %s: %d, want the stream", host, eventsPath, code)
		}
	}
}
