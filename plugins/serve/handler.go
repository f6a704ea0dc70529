package serve

import (
	"bytes"
	"fmt"
	"mime"
	"net/http"
	"path"
	"strings"
)

// Handler answers requests from the last build: its files, with the
// reload script in every HTML page; a page that did not build, with its
// problems; the problems of the last build, when it failed as a whole,
// instead of any page; and the stream of rebuilds. It answers
// only requests for a localhost name or the address it listens on (see
// localOnly).
func (s *Server) Handler() http.Handler {
	mux := http.NewServeMux()
	mux.HandleFunc(eventsPath, s.hub.serveEvents)
	mux.HandleFunc("/", s.serveFile)
	return localOnly(mux, s.opts.Addr)
}

func (s *Server) serveFile(w http.ResponseWriter, r *http.Request) {
	if r.Method != http.MethodGet && r.Method != http.MethodHead {
		w.Header().Set("Allow", "GET, HEAD")
		http.Error(w, "method not allowed", http.StatusMethodNotAllowed)
		return
	}
	s.mu.RLock()
	out := s.out
	s.mu.RUnlock()
	name := strings.TrimPrefix(path.Clean("/"+r.URL.Path), "/")
	if strings.HasSuffix(r.URL.Path, "/") || name == "" {
		name = path.Join(name, "index.html")
	}
	data, ok := out.files[name]
	index := path.Join(name, "index.html")
	if !ok && out.broken[name] == nil && (out.files[index] != nil || out.broken[index] != nil) {
		http.Redirect(w, r, "/"+name+"/", http.StatusMovedPermanently)
		return
	}
	w.Header().Set("Cache-Control", "no-store")
	html := strings.HasSuffix(name, ".html")
	const page = "text/html; charset=utf-8"
	switch {
	case out.broken[name] != nil:
		reply(w, r, http.StatusInternalServerError, page, withReload(pageErrorPage(out.broken[name]), out.gen))
	case out.problems != nil && (html || !ok):
		reply(w, r, http.StatusInternalServerError, page, withReload(errorPage(out.problems), out.gen))
	case !ok:
		reply(w, r, http.StatusNotFound, page, withReload(notFoundPage(name), out.gen))
	case html:
		reply(w, r, http.StatusOK, page, withReload(data, out.gen))
	default:
		ct := mime.TypeByExtension(path.Ext(name))
		if ct == "" {
			ct = http.DetectContentType(data)
		}
		reply(w, r, http.StatusOK, ct, data)
	}
}

// withReload returns page with the reload script before its </body>.
func withReload(page []byte, gen int) []byte {
	script := fmt.Sprintf(reloadScript, eventsPath, gen)
	i := bytes.LastIndex(page, []byte("</body>"))
	if i < 0 {
		i = len(page)
	}
	out := make([]byte, 0, len(page)+len(script))
	out = append(out, page[:i]...)
	out = append(out, script...)
	return append(out, page[i:]...)
}
