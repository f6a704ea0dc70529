package serve

import (
	"fmt"
	"net"
	"net/http"
	"strings"
)

// localOnly answers only requests whose Host header names this machine's
// loopback: "localhost" and any name under it ("dash.localhost", which
// browsers resolve to the loopback themselves), an address of the
// loopback ("127.0.0.1", "[::1]"), with any port, or the host of addr, the
// address the server was told to listen on. Any other name is refused
// with 403, the live-reload stream included: a page of another site can
// have its own name resolve to 127.0.0.1 (DNS rebinding) and would then
// read the preview, with the business data of its dashboards, as a page
// of its own. A request with no Host at all (HTTP/1.0) comes from no
// browser and is answered.
func localOnly(next http.Handler, addr string) http.Handler {
	bound, _, err := net.SplitHostPort(addr)
	if err != nil {
		bound = ""
	}
	bound = hostName(bound)
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if h := hostName(r.Host); h == "" || h == bound || isLocal(h) {
			next.ServeHTTP(w, r)
			return
		}
		port := "1313"
		if a, ok := r.Context().Value(http.LocalAddrContextKey).(net.Addr); ok {
			if _, p, err := net.SplitHostPort(a.String()); err == nil {
				port = p
			}
		}
		http.Error(w, fmt.Sprintf("dashsmith serve: refused Host %q: the preview answers only localhost names, so that no other site can read it through DNS rebinding. Open http://127.0.0.1:%s/ or http://localhost:%s/ instead.", r.Host, port, port), http.StatusForbidden)
	})
}

// hostName returns the name or address of a Host header or a listen
// address, without its port or brackets, in lower case and without a
// final dot: "LocalHost.:1313" -> "localhost", "[::1]:80" -> "::1".
func hostName(host string) string {
	if h, _, err := net.SplitHostPort(host); err == nil {
		host = h
	}
	host = strings.TrimSuffix(strings.TrimPrefix(host, "["), "]")
	return strings.TrimSuffix(strings.ToLower(host), ".")
}

// isLocal reports whether h names the loopback whatever any DNS says.
func isLocal(h string) bool {
	if h == "localhost" || strings.HasSuffix(h, ".localhost") {
		return true
	}
	ip := net.ParseIP(h)
	return ip != nil && ip.IsLoopback()
}
