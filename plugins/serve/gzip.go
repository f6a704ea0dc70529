package serve

import (
	"net/http"
	"strconv"
	"strings"

	"github.com/klauspost/compress/gzip"
)

// minGzip is the smallest body worth compressing: below it, gzip's header
// and footer (18 bytes) and the work cost more than they save.
const minGzip = 256

// reply writes a response of type ct with body: gzipped when the
// request accepts gzip and ct is text (see compressible), with Vary:
// Accept-Encoding on every response whose type could be, so that a cache
// between the two never hands gzip to a client that did not ask for it.
func reply(w http.ResponseWriter, r *http.Request, status int, ct string, body []byte) {
	h := w.Header()
	h.Set("Content-Type", ct)
	if !compressible(ct) {
		h.Set("Content-Length", strconv.Itoa(len(body)))
		w.WriteHeader(status)
		_, _ = w.Write(body)
		return
	}
	h.Add("Vary", "Accept-Encoding")
	if len(body) < minGzip || !acceptsGzip(r.Header.Values("Accept-Encoding")) {
		h.Set("Content-Length", strconv.Itoa(len(body)))
		w.WriteHeader(status)
		_, _ = w.Write(body)
		return
	}
	h.Set("Content-Encoding", "gzip")
	w.WriteHeader(status)
	if r.Method == http.MethodHead {
		return
	}
	zw, _ := gzip.NewWriterLevel(w, gzip.DefaultCompression) // the level is valid
	_, _ = zw.Write(body)
	_ = zw.Close()
}

// compressible reports whether a type is text that gzip shrinks: HTML,
// CSS, JavaScript, JSON, CSV, SVG and XML. Images and fonts are
// compressed already.
func compressible(ct string) bool {
	t, _, _ := strings.Cut(ct, ";")
	t = strings.ToLower(strings.TrimSpace(t))
	switch {
	case strings.HasPrefix(t, "text/"):
		return true
	case t == "application/json", t == "application/javascript", t == "application/xml",
		t == "image/svg+xml", strings.HasSuffix(t, "+json"), strings.HasSuffix(t, "+xml"):
		return true
	}
	return false
}

// acceptsGzip reports whether Accept-Encoding values take gzip: named
// (or x-gzip, or *) with a quality above zero, and not refused by a
// gzip;q=0 elsewhere in the list.
func acceptsGzip(values []string) bool {
	gz, star := -1.0, -1.0 // the quality given gzip and *, -1 when not named
	for _, v := range values {
		for _, part := range strings.Split(v, ",") {
			name, params, _ := strings.Cut(part, ";")
			name = strings.ToLower(strings.TrimSpace(name))
			q := 1.0
			for _, p := range strings.Split(params, ";") {
				k, val, ok := strings.Cut(strings.TrimSpace(p), "=")
				if ok && strings.EqualFold(strings.TrimSpace(k), "q") {
					f, err := strconv.ParseFloat(strings.TrimSpace(val), 64)
					if err != nil {
						f = 0
					}
					q = f
				}
			}
			switch name {
			case "gzip", "x-gzip":
				gz = max(gz, q)
			case "*":
				star = max(star, q)
			}
		}
	}
	if gz >= 0 {
		return gz > 0
	}
	return star > 0
}
