package serve

import (
	"bytes"
	"context"
	"io"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"

	"github.com/klauspost/compress/gzip"
)

func TestAcceptsGzip(t *testing.T) {
	for _, tc := range []struct {
		header string
		want   bool
	}{
		{"", false},
		{"gzip", true},
		{"gzip, deflate, br, zstd", true},
		{"br;q=1.0, GZIP;q=0.5", true},
		{"x-gzip", true},
		{"*", true},
		{"identity", false},
		{"gzip;q=0", false},
		{"gzip; q=0.000, *", false},
		{"*;q=0", false},
		{"br, *;q=0.1", true},
		{"gzip;q=nonsense", false},
	} {
		var values []string
		if tc.header != "" {
			values = []string{tc.header}
		}
		if got := acceptsGzip(values); got != tc.want {
			t.Errorf("acceptsGzip(%q) = %v, want %v", tc.header, got, tc.want)
		}
	}
}

// TestReply: text goes gzipped to a client that accepts it, and as is to
// one that does not, both with Vary: Accept-Encoding; images, small
// bodies and HEAD requests are answered as they should be.
func TestReply(t *testing.T) {
	js := []byte(strings.Repeat("function draw(chart){return chart.setOption(options)}\n", 100))
	png := append([]byte("\x89PNG\r\n\x1a\n"), bytes.Repeat([]byte{0}, 1000)...)
	for _, tc := range []struct {
		name, method, accept, ct string
		body                     []byte
		gzipped, vary            bool
	}{
		{"Gzip", "GET", "gzip, deflate, br", "text/javascript; charset=utf-8", js, true, true},
		{"NotAsked", "GET", "", "text/javascript; charset=utf-8", js, false, true},
		{"Refused", "GET", "gzip;q=0, br", "application/json", js, false, true},
		{"Image", "GET", "gzip", "image/png", png, false, false},
		{"Small", "GET", "gzip", "text/css; charset=utf-8", []byte("body{}"), false, true},
		{"Head", "HEAD", "gzip", "text/html; charset=utf-8", js, true, true},
	} {
		t.Run(tc.name, func(t *testing.T) {
			r := httptest.NewRequest(tc.method, "/x", nil)
			if tc.accept != "" {
				r.Header.Set("Accept-Encoding", tc.accept)
			}
			w := httptest.NewRecorder()
			reply(w, r, http.StatusOK, tc.ct, tc.body)
			res := w.Result()
			if got := res.Header.Get("Content-Type"); got != tc.ct {
				t.Errorf("Content-Type %q, want %q", got, tc.ct)
			}
			if got := res.Header.Get("Vary") == "Accept-Encoding"; got != tc.vary {
				t.Errorf("Vary %q; want Accept-Encoding: %v", res.Header.Get("Vary"), tc.vary)
			}
			if got := res.Header.Get("Content-Encoding") == "gzip"; got != tc.gzipped {
				t.Fatalf("Content-Encoding %q; want gzip: %v", res.Header.Get("Content-Encoding"), tc.gzipped)
			}
			body := w.Body.Bytes()
			switch {
			case tc.method == "HEAD":
				if len(body) != 0 {
					t.Fatalf("HEAD answered with %d bytes", len(body))
				}
			case tc.gzipped:
				if len(body) >= len(tc.body)/4 {
					t.Errorf("gzipped %d bytes into %d", len(tc.body), len(body))
				}
				zr, err := gzip.NewReader(bytes.NewReader(body))
				if err != nil {
					t.Fatal(err)
				}
				plain, err := io.ReadAll(zr)
				if err != nil || !bytes.Equal(plain, tc.body) {
					t.Fatalf("gunzipped %d bytes (%v), want the %d sent", len(plain), err, len(tc.body))
				}
				if res.Header.Get("Content-Length") != "" {
					t.Errorf("Content-Length %s on a gzipped body", res.Header.Get("Content-Length"))
				}
			default:
				if !bytes.Equal(body, tc.body) {
					t.Fatalf("body of %d bytes, want the %d sent", len(body), len(tc.body))
				}
			}
		})
	}
}

// TestServer_Gzip: serve's pages and assets come gzipped to a browser,
// the same bytes as plain once unpacked.
func TestServer_Gzip(t *testing.T) {
	f := &site{files: map[string]string{"a.md": "A\n" + strings.Repeat("alpha ", 200)}}
	s := newServer(f)
	if _, err := s.Build(context.Background(), nil); err != nil {
		t.Fatal(err)
	}
	srv := httptest.NewServer(s.Handler())
	defer srv.Close()
	c := &http.Client{Transport: &http.Transport{DisableCompression: true}}
	get := func(accept string) (*http.Response, []byte) {
		t.Helper()
		req, _ := http.NewRequest("GET", srv.URL+"/a/", nil)
		if accept != "" {
			req.Header.Set("Accept-Encoding", accept)
		}
		resp, err := c.Do(req)
		if err != nil {
			t.Fatal(err)
		}
		defer resp.Body.Close()
		b, _ := io.ReadAll(resp.Body)
		return resp, b
	}
	resp, plain := get("")
	if resp.Header.Get("Content-Encoding") != "" || !bytes.Contains(plain, []byte("alpha alpha")) {
		t.Fatalf("plain: %q %q", resp.Header.Get("Content-Encoding"), plain)
	}
	resp, packed := get("gzip, deflate, br")
	if resp.Header.Get("Content-Encoding") != "gzip" || resp.Header.Get("Vary") != "Accept-Encoding" {
		t.Fatalf("Content-Encoding %q, Vary %q", resp.Header.Get("Content-Encoding"), resp.Header.Get("Vary"))
	}
	zr, err := gzip.NewReader(bytes.NewReader(packed))
	if err != nil {
		t.Fatal(err)
	}
	unpacked, err := io.ReadAll(zr)
	if err != nil || !bytes.Equal(unpacked, plain) {
		t.Fatalf("unpacked %d bytes (%v), the plain page has %d", len(unpacked), err, len(plain))
	}
	if len(packed) >= len(plain)/2 {
		t.Errorf("a page of %d bytes gzipped into %d", len(plain), len(packed))
	}
}
