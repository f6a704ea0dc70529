package query

import (
	"context"
	"time"

	"github.com/dashsmith/dashsmith/build"
)

// cache asks the store each distinct query once per build.
type cache struct {
	store   build.Reader
	results map[key]*build.Result
}

// get returns the answer to q: a copy of the cached result that carries
// q itself (its name, its compare), so a page may set Previous on it. The
// points and groups are shared and read-only.
func (c *cache) get(ctx context.Context, q build.Query) (*build.Result, error) {
	k := keyOf(q)
	r, ok := c.results[k]
	if !ok {
		var err error
		if r, err = c.store.Query(ctx, q); err != nil {
			return nil, err
		}
		c.results[k] = r
	}
	own := *r
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
