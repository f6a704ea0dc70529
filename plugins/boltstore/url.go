package boltstore

import (
	"fmt"
	"net/url"
	"sort"
	"strings"
	"time"

	"github.com/dashsmith/dashsmith/build"
)

// parseURL splits a store URL into a file path and options. Settings follow
// the first '?', as in SQLite URLs:
//
//	bolt:.dashsmith/rollup.db                  read-write, wait 5s for a lock
//	bolt:/srv/rollup.db?mode=ro&timeout=30s    read-only, wait 30s
//
// With no mode= in the URL, o.ReadOnly says; a mode= wins over it.
func parseURL(s string, o build.StoreOptions) (string, Options, error) {
	opts := Options{ReadOnly: o.ReadOnly}
	path, query, _ := strings.Cut(build.TrimScheme(s), "?")
	if path == "" {
		return "", opts, fmt.Errorf("boltstore: store URL %q names no file: use bolt:.dashsmith/rollup.db or bolt:/path/to/rollup.db", s)
	}
	vals, err := url.ParseQuery(query)
	if err != nil {
		return "", opts, fmt.Errorf("boltstore: store URL %q: bad settings after '?': %v", s, err)
	}
	keys := make([]string, 0, len(vals))
	for key := range vals {
		keys = append(keys, key)
	}
	sort.Strings(keys)
	for _, key := range keys {
		val := vals.Get(key)
		switch key {
		case "mode":
			switch val {
			case "ro":
				opts.ReadOnly = true
			case "rw":
				opts.ReadOnly = false
			default:
				return "", opts, fmt.Errorf("boltstore: store URL %q: mode=%s: use mode=ro (read-only) or mode=rw", s, val)
			}
		case "timeout":
			d, err := time.ParseDuration(val)
			if err != nil || d <= 0 {
				return "", opts, fmt.Errorf("boltstore: store URL %q: timeout=%s: use a duration such as timeout=10s", s, val)
			}
			opts.LockTimeout = d
		default:
			return "", opts, fmt.Errorf("boltstore: store URL %q: unknown setting %q: use mode=ro or timeout=10s", s, key)
		}
	}
	return path, opts, nil
}
