package query

import (
	"context"
	"fmt"
	"slices"
	"strings"

	"github.com/dashsmith/dashsmith/build"
)

// page answers the resolved queries of one page: stored queries from the
// cache, rolled or made cumulative as they ask, and formulas from the
// answers to the queries they name. On a page with formulas each (query,
// period) is computed once and kept (done); a page without, the most
// common, keeps nothing and allocates nothing of its own.
type page struct {
	ctx     context.Context
	c       *cache
	firsts  firsts             // each event's first hour in the store; nil without a store
	queries []build.NamedQuery // by name, as ResolveQueries returns them
	done    map[period]*build.Result
}

// period is a query over its own range (shift "") or over the comparison
// period shift names.
type period struct {
	name  string
	shift build.Compare
}

func newPage(ctx context.Context, c *cache, f firsts, resolved []build.NamedQuery) page {
	pg := page{ctx: ctx, c: c, firsts: f, queries: resolved}
	for _, nq := range resolved {
		if nq.Query.Formula != "" {
			pg.done = map[period]*build.Result{}
			break
		}
	}
	return pg
}

// query returns the resolved query name.
func (pg *page) query(name string) (build.NamedQuery, bool) {
	i, ok := slices.BinarySearchFunc(pg.queries, name, func(nq build.NamedQuery, name string) int { return strings.Compare(nq.Name, name) })
	if !ok {
		return build.NamedQuery{}, false
	}
	return pg.queries[i], true
}

// answer returns the page's result for the query name: its series, and
// Previous when it compares.
func (pg *page) answer(name string) (*build.Result, error) {
	r, err := pg.compute(name, "")
	if err != nil {
		return nil, err
	}
	if pg.done != nil { // r is kept for formulas: answer with a copy
		own := *r
		r = &own
	}
	if nq, _ := pg.query(name); nq.Query.Compare != "" {
		if r.Previous, err = pg.compute(name, nq.Query.Compare); err != nil {
			return nil, err
		}
	}
	return r, nil
}

// compute returns the query name over its range (shift "") or over the
// comparison period shift, with no Previous. On a page with formulas the
// result is kept and shared: the caller copies it before changing it.
func (pg *page) compute(name string, shift build.Compare) (*build.Result, error) {
	key := period{name, shift}
	if r, ok := pg.done[key]; ok {
		return r, nil
	}
	nq, ok := pg.query(name)
	if !ok { // ResolveQueries keeps only formulas whose names resolve
		return nil, fmt.Errorf("query %q did not resolve", name)
	}
	q := nq.Query
	if shift != "" {
		q.Compare = shift
		q = Previous(q)
	}
	var r *build.Result
	var err error
	if q.Formula != "" {
		r, err = pg.formula(q, shift)
	} else {
		r, err = pg.stored(q)
	}
	if err != nil {
		return nil, err
	}
	if shift != "" && q.Formula == "" && pg.firsts != nil {
		r = pg.firsts.beforeData(r, q)
	}
	if pg.done != nil {
		pg.done[key] = r
	}
	return r, nil
}

// stored asks the cache for q, and rolls it or adds it up as q asks.
func (pg *page) stored(q build.Query) (*build.Result, error) {
	switch {
	case q.Rolling > 1:
		return pg.rolling(q)
	case q.Cumulative:
		r, err := pg.c.get(pg.ctx, plain(q))
		if err != nil {
			return nil, err
		}
		return cumulative(r, q), nil
	}
	r, err := pg.c.get(pg.ctx, q)
	if err != nil {
		return nil, err
	}
	return r, nil
}

// plain is q as the store answers it: no rolling, not cumulative.
func plain(q build.Query) build.Query {
	q.Rolling, q.Cumulative = 0, false
	return q
}
