package serve

import (
	"context"
	"errors"
	"fmt"
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

// storeStamp identifies the state of the store at url: its driver's
// stamp (build.StoreStamp), which an ingest changes, when it has one;
// otherwise the minute, so that answers are at most a minute old. It also
// reports whether the driver has stamps at all, so that the store can be
// watched (a stamp that cannot be read now still falls back to the minute).
func storeStamp(url string, now time.Time) (string, bool) {
	stamp, err := build.StoreStamp(url)
	if err == nil {
		return url + " " + stamp, true
	}
	return url + " " + now.UTC().Truncate(time.Minute).Format(time.RFC3339), !errors.Is(err, errors.ErrUnsupported)
}

// openReader opens the store at url to read it: a build only reads, and
// a store opened to write may touch its file, which would change its
// stamp at every build. A store that is not there yet (build.ErrNotFound)
// is opened as a build opens it, which makes an empty one.
func openReader(open func(string, build.StoreOptions) (build.Store, error), url string) (build.Store, error) {
	st, err := open(url, build.StoreOptions{ReadOnly: true})
	if errors.Is(err, build.ErrNotFound) {
		return open(url, build.StoreOptions{})
	}
	return st, err
}

// cachedStore answers Events and Query from the cache when it can. It is
// all a build reads: the store's own capabilities that the site uses
// (HourCounter, HealthReader) it implements itself, asking the store
// underneath, since the embedded build.Reader alone would hide them.
type cachedStore struct {
	build.Reader
	c *cache
}

// Health implements build.HealthReader through the store underneath:
// none for a store that keeps no ingestion record (see build.Health).
func (s cachedStore) Health(ctx context.Context) ([]build.HealthDay, error) {
	return build.Health(ctx, s.Reader)
}

// Events implements build.Reader.
func (s cachedStore) Events(ctx context.Context) ([]build.EventInfo, error) {
	s.c.mu.Lock()
	defer s.c.mu.Unlock()
	if s.c.events == nil {
		events, err := s.Reader.Events(ctx)
		if err != nil {
			return nil, err
		}
		s.c.events = events
	}
	return s.c.events, nil
}

// HourCounts implements build.HourCounter, from the cache when it can:
// the store underneath counts in one pass when it is a build.HourCounter,
// else through this cache's own Events and Query.
func (s cachedStore) HourCounts(ctx context.Context, from, to build.Hour) (map[build.Hour]int64, error) {
	k := [2]build.Hour{from, to}
	s.c.mu.Lock()
	counts, ok := s.c.hours[k]
	s.c.mu.Unlock()
	if ok {
		return counts, nil
	}
	var err error
	if hc, one := s.Reader.(build.HourCounter); one {
		counts, err = hc.HourCounts(ctx, from, to)
	} else {
		// Only build.Reader's methods: through this cache's Events and Query.
		counts, err = build.HourCounts(ctx, struct{ build.Reader }{s}, from, to)
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

var (
	_ build.HourCounter  = cachedStore{}
	_ build.HealthReader = cachedStore{}
)

// Query implements build.Reader. The result is a copy that carries q; its
// points and groups are shared and read-only.
func (s cachedStore) Query(ctx context.Context, q build.Query) (*build.Result, error) {
	k := queryKey(q)
	s.c.mu.Lock()
	r, ok := s.c.results[k]
	s.c.mu.Unlock()
	if !ok {
		var err error
		if r, err = s.Reader.Query(ctx, q); err != nil {
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
	return fmt.Sprintf("%q %s %q %d %q %s %d %d %s%s", q.Event, q.Measure, q.By, q.Top, q.Filter, q.Every, q.From.Unix(), q.To.Unix(), loc, q.WhereKey())
}
