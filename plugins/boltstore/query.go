package boltstore

import (
	"bytes"
	"context"
	"errors"
	"fmt"

	"github.com/dashsmith/dashsmith/build"
	bolt "go.etcd.io/bbolt"
)

// Query answers a query with one cursor walk over its series' hours (a
// filter's group's alone), or over its rollup's groups for a breakdown:
// one walk for a count or a sum, two for a measure whose aggregates merge
// (unique, avg, percentiles), in one read
// transaction, holding one group's cells at a time (see build.Breakdown). A plain count reads the base
// counts; any other rollup must have been declared, else the error wraps
// build.ErrNoRollup. An event never seen gives zeros.
func (s *Store) Query(ctx context.Context, q build.Query) (*build.Result, error) {
	if err := ctx.Err(); err != nil {
		return nil, err
	}
	if _, err := q.Measure.Type(); err != nil {
		return nil, fmt.Errorf("boltstore: query %s: %w", s.name, err)
	}
	if err := q.CheckResolution(); err != nil {
		return nil, fmt.Errorf("boltstore: query %s: %w", s.name, err)
	}
	r := q.Rollup() // a derived measure's (avg, p95) is its stored type's
	mt, err := r.Measure.Type()
	if err != nil {
		return nil, fmt.Errorf("boltstore: query %s: %w", s.name, err)
	}
	if !r.Needed() {
		return s.queryBase(q)
	}
	from, to := q.Hours()
	var res *build.Result
	err = s.db.View(func(tx *bolt.Tx) error {
		if !declared(tx, r) {
			return &noRollupError{r}
		}
		b := tx.Bucket([]byte(cellBucket(r.Measure)))
		if group, one := q.Single(); one { // one series: a filter or a where reads its group's alone
			hourly := make(map[build.Hour]*build.Cell, max(0, min(to-from, 1<<16)))
			var slab []build.Cell // cells made a chunk at a time; a full chunk is kept, not moved
			if err := scanSeries(b, r.Series(group), from, to, func(h build.Hour, v []byte) error {
				a, err := mt.Decode(v)
				if len(slab) == cap(slab) {
					slab = make([]build.Cell, 0, 256)
				}
				slab = append(slab, *build.CellOf(a))
				hourly[h] = &slab[len(slab)-1]
				return err
			}); err != nil {
				return err
			}
			var err error
			if res, err = build.FillCells(q, hourly); err != nil || r.By == "" || group == build.OtherGroup {
				return err
			}
			// Values folded at ingest may hold some of the group's events.
			errFound := errors.New("found")
			err = scanSeries(b, r.Series(build.OtherGroup), from, to, func(build.Hour, []byte) error { return errFound })
			res.Folded = err == errFound
			if res.Folded {
				err = nil
			}
			return err
		}
		var err error
		res, err = build.Breakdown(q, func(visit func(string, map[build.Hour]*build.Cell) error) error {
			return walkGroups(tx, b, r, mt, from, to, q.GroupPrefix(), visit)
		})
		return err
	})
	if _, ok := err.(*noRollupError); ok {
		return nil, err
	}
	if err != nil {
		return nil, s.wrap("query", err)
	}
	return res, nil
}

// queryBase answers a plain count from the base counts.
func (s *Store) queryBase(q build.Query) (*build.Result, error) {
	from, to := q.Hours()
	hourly := make(map[build.Hour]float64, max(0, min(to-from, 1<<16))) // presized: growth was half the time of a year-long query
	err := s.db.View(func(tx *bolt.Tx) error {
		return scanSeries(tx.Bucket(bucketCount), q.Event, from, to, func(h build.Hour, v []byte) error {
			hourly[h] += float64(getInt(v))
			return nil
		})
	})
	if err != nil {
		return nil, s.wrap("query", err)
	}
	return build.Fill(q, hourly), nil
}

// runs splits [from, to) into ranges whose keys are each one run: hours
// are two's-complement big-endian, so hours before 1970 sort after the rest.
func runs(from, to build.Hour) [][2]build.Hour {
	var out [][2]build.Hour
	if from < 0 && from < min(to, 0) {
		out = append(out, [2]build.Hour{from, min(to, 0)})
	}
	if to > 0 && max(from, 0) < to {
		out = append(out, [2]build.Hour{max(from, 0), to})
	}
	return out
}

// scanSeries calls fn for each stored hour of the series in [from, to).
func scanSeries(b *bolt.Bucket, series string, from, to build.Hour, fn func(build.Hour, []byte) error) error {
	if b == nil {
		return nil
	}
	c := b.Cursor()
	for _, run := range runs(from, to) {
		first := appendKey(nil, series, run[0])
		prefix := first[:len(series)+1]
		for k, v := c.Seek(first); bytes.HasPrefix(k, prefix); k, v = c.Next() {
			// A longer name that starts with series and a NUL can sort in
			// between; only keys of exactly this length are the series' own.
			if len(k) != len(first) {
				continue
			}
			_, h, _ := splitKey(k)
			if h < run[0] || h >= run[1] {
				break
			}
			if err := fn(h, v); err != nil {
				return err
			}
		}
	}
	return nil
}
