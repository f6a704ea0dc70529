package query

import (
	"context"
	"sync"
	"time"

	"github.com/dashsmith/dashsmith/build"
)

// cache asks the store each distinct query once per build, for the
// queries pages share (a site's pages often ask the same). It keeps at
// most maxCached results and forgets them all when full, so that a
// build of many pages that each ask their own (a template's copies)
// holds the pages in flight, not every page's results. Pages ask it
// from several goroutines: one that asks a query another is asking
// waits for that answer.
type cache struct {
	store   build.Reader
	mu      sync.Mutex
	results map[key]*answer
}

// answer is a query's result once done is closed.
type answer struct {
	done chan struct{}
	r    *build.Result
	err  error
}

// maxCached bounds the results a cache keeps.
const maxCached = 4096

func newCache(store build.Reader) *cache {
	return &cache{store: store, results: map[key]*answer{}}
}

// get returns the answer to q: a copy of the cached result that carries
// q itself (its name, its compare), so a page may set Previous on it. The
// points and groups are shared and read-only.
func (c *cache) get(ctx context.Context, q build.Query) (*build.Result, error) {
	k := keyOf(q)
	c.mu.Lock()
	a, ok := c.results[k]
	if !ok {
		if len(c.results) >= maxCached {
			clear(c.results)
		}
		a = &answer{done: make(chan struct{})}
		c.results[k] = a
	}
	c.mu.Unlock()
	if ok {
		select {
		case <-a.done:
		case <-ctx.Done():
			return nil, ctx.Err()
		}
	} else {
		a.r, a.err = c.store.Query(ctx, q)
		close(a.done)
	}
	if a.err != nil {
		return nil, a.err
	}
	own := *a.r
	own.Query = q
	own.Previous = nil
	return &own, nil
}

// key identifies a store query regardless of the name a page gave it or
// the comparison it asks for.
type key struct {
	event, measure, by, filter, where string
	top                               int
	every                             build.Interval
	from, to                          int64
	loc                               string
}

func keyOf(q build.Query) key {
	loc := time.UTC.String()
	if q.Loc != nil {
		loc = q.Loc.String()
	}
	return key{q.Event, q.Measure.String(), q.By, q.Filter, q.WhereKey(), q.Top, q.Every, q.From.UnixNano(), q.To.UnixNano(), loc}
}
