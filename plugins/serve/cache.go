package serve

import (
	"context"
	"fmt"
	"os"
	"strings"
	"sync"
	"time"

	"github.com/dashsmith/dashsmith/build"
)

// cache keeps the store's answers across builds, for as long as the store
// is the same (its stamp): a rebuild after an edit asks the store only the
// queries it has not answered yet.
type cache struct {
	mu      sync.Mutex
	stamp   string
	events  []build.EventInfo
	results map[string]*build.Result
	hours   map[[2]build.Hour]map[build.Hour]int64 // HourCounts by [from, to)
}

// check empties the cache when the store's stamp changed.
func (c *cache) check(stamp string) {
	c.mu.Lock()
	defer c.mu.Unlock()
	if stamp != c.stamp || c.results == nil {
		c.stamp, c.events, c.results, c.hours = stamp, nil, map[string]*build.Result{}, nil
	}
}

// storeStamp identifies the state of the store at url: the size and time
// of its file for a store kept in a local file (bolt:), which an ingest
// changes; otherwise the minute, so that answers are at most a minute old.
func storeStamp(url string, now time.Time) string {
	if build.Scheme(url) == "bolt" {
		path, _, _ := strings.Cut(build.TrimScheme(url), "?")
		if fi, err := os.Stat(path); err == nil {
			return fmt.Sprintf("%s %d %d", url, fi.Size(), fi.ModTime().UnixNano())
		}
	}
	return url + " " + now.UTC().Truncate(time.Minute).Format(time.RFC3339)
}

// readOnly returns url with mode=ro for a store in a local file that
// exists (bolt:): a build only reads, and a store opened to write may
// touch its file, which would change its stamp at every build.
func readOnly(url string) string {
	if build.Scheme(url) != "bolt" {
		return url
	}
	path, query, _ := strings.Cut(build.TrimScheme(url), "?")
	if _, err := os.Stat(path); err != nil || strings.Contains(query, "mode=") {
		return url
	}
	if query == "" {
		return url + "?mode=ro"
	}
	return url + "&mode=ro"
}

// cachedStore answers Events and Query from the cache when it can.
type cachedStore struct {
	build.Store
	c *cache
}

// Events implements build.Store.
func (s cachedStore) Events(ctx context.Context) ([]build.EventInfo, error) {
	s.c.mu.Lock()
	defer s.c.mu.Unlock()
	if s.c.events == nil {
		events, err := s.Store.Events(ctx)
		if err != nil {
			return nil, err
		}
		s.c.events = events
	}
	return s.c.events, nil
}

// HourCounts implements build.HourCounter, from the cache when it can:
// the store underneath counts in one pass when it is a build.HourCounter
// (the embedded build.Store alone would hide that capability), else
// through this cache's own Events and Query.
func (s cachedStore) HourCounts(ctx context.Context, from, to build.Hour) (map[build.Hour]int64, error) {
	k := [2]build.Hour{from, to}
	s.c.mu.Lock()
	counts, ok := s.c.hours[k]
	s.c.mu.Unlock()
	if ok {
		return counts, nil
	}
	var err error
	if hc, one := s.Store.(build.HourCounter); one {
		counts, err = hc.HourCounts(ctx, from, to)
	} else {
		// Only build.Store's methods: through this cache's Events and Query.
		counts, err = build.HourCounts(ctx, struct{ build.Store }{s}, from, to)
	}
	if err != nil {
		return nil, err
	}
	s.c.mu.Lock()
	if s.c.hours == nil {
		s.c.hours = map[[2]build.Hour]map[build.Hour]int64{}
	}
	s.c.hours[k] = counts
	s.c.mu.Unlock()
	return counts, nil
}

var _ build.HourCounter = cachedStore{}

// Query implements build.Store. The result is a copy that carries q; its
// points and groups are shared and read-only.
func (s cachedStore) Query(ctx context.Context, q build.Query) (*build.Result, error) {
	k := queryKey(q)
	s.c.mu.Lock()
	r, ok := s.c.results[k]
	s.c.mu.Unlock()
	if !ok {
		var err error
		if r, err = s.Store.Query(ctx, q); err != nil {
			return nil, err
		}
		s.c.mu.Lock()
		s.c.results[k] = r
		s.c.mu.Unlock()
	}
	own := *r
	own.Query = q
	return &own, nil
}

// queryKey identifies what a store query asks, whatever a page named it.
func queryKey(q build.Query) string {
	loc := "UTC"
	if q.Loc != nil {
		loc = q.Loc.String()
	}
	return fmt.Sprintf("%q %s %q %d %q %s %d %d %s", q.Event, q.Measure, q.By, q.Top, q.Filter, q.Every, q.From.Unix(), q.To.Unix(), loc)
}
