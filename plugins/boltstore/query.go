package boltstore

import (
	"bytes"
	"context"
	"fmt"
	"sort"

	"github.com/dashsmith/dashsmith/build"
	bolt "go.etcd.io/bbolt"
)

// Applied reports whether the batch with this ID has been applied.
func (s *Store) Applied(ctx context.Context, id string) (bool, error) {
	if err := ctx.Err(); err != nil {
		return false, err
	}
	if id == "" {
		return false, nil
	}
	var done bool
	err := s.db.View(func(tx *bolt.Tx) error {
		if files := tx.Bucket(bucketFiles); files != nil {
			done = files.Get([]byte(id)) != nil
		}
		return nil
	})
	if err != nil {
		return false, s.wrap("read", err)
	}
	return done, nil
}

// Query answers a count query: one cursor walk over the event's hours in
// the query's range, then build.Fill. An event never seen gives zeros.
// An empty Measure means count.
func (s *Store) Query(ctx context.Context, q build.Query) (*build.Result, error) {
	if err := ctx.Err(); err != nil {
		return nil, err
	}
	if q.Measure != build.MeasureCount && q.Measure != "" {
		return nil, fmt.Errorf("boltstore: query %s: unknown measure %q: this store keeps counts only; use measure: count", s.name, q.Measure)
	}
	from, to := q.Hours()
	hourly := make(map[build.Hour]float64, max(0, min(to-from, 1<<16))) // presized: growth was half the time of a year-long query
	err := s.db.View(func(tx *bolt.Tx) error {
		counts := tx.Bucket(bucketCount)
		if counts == nil || from >= to {
			return nil
		}
		// Hours are two's-complement big-endian, so hours before 1970 sort
		// after the rest: a range across 1970 is two runs of keys.
		if from < 0 {
			scan(counts, q.Event, from, min(to, 0), hourly)
		}
		if to > 0 {
			scan(counts, q.Event, max(from, 0), to, hourly)
		}
		return nil
	})
	if err != nil {
		return nil, s.wrap("query", err)
	}
	return build.Fill(q, hourly), nil
}

// scan adds the counters of event for the hours [from, to) to hourly. from
// and to are both negative or both not, so that their keys form one run.
func scan(counts *bolt.Bucket, event string, from, to build.Hour, hourly map[build.Hour]float64) {
	first := appendKey(nil, event, from)
	prefix := first[:len(event)+1]
	c := counts.Cursor()
	for k, v := c.Seek(first); bytes.HasPrefix(k, prefix); k, v = c.Next() {
		// A longer name that starts with event and a NUL can sort in
		// between; only keys of exactly this length are event's own.
		if len(k) != len(first) {
			continue
		}
		_, h, _ := splitKey(k)
		if h < from || h >= to { // past the range, or into the other run
			return
		}
		hourly[h] += float64(getInt(v))
	}
}

// Events lists every event name with its total and first and last hours,
// sorted by name (byte order), in one pass over the counters.
func (s *Store) Events(ctx context.Context) ([]build.EventInfo, error) {
	if err := ctx.Err(); err != nil {
		return nil, err
	}
	byName := map[string]*build.EventInfo{}
	err := s.db.View(func(tx *bolt.Tx) error {
		counts := tx.Bucket(bucketCount)
		if counts == nil {
			return nil
		}
		var cur *build.EventInfo // keys of one name are mostly adjacent
		return counts.ForEach(func(k, v []byte) error {
			name, h, ok := splitKey(k)
			if !ok {
				return fmt.Errorf("unreadable counter key %q; move the file aside to rebuild it with dashsmith ingest", k)
			}
			if cur == nil || cur.Event != string(name) {
				cur = byName[string(name)]
				if cur == nil {
					cur = &build.EventInfo{Event: string(name), First: h, Last: h}
					byName[cur.Event] = cur
				}
			}
			cur.Total += getInt(v)
			cur.First = min(cur.First, h)
			cur.Last = max(cur.Last, h)
			return nil
		})
	})
	if err != nil {
		return nil, s.wrap("list events of", err)
	}
	out := make([]build.EventInfo, 0, len(byName))
	for _, e := range byName {
		out = append(out, *e)
	}
	sort.Slice(out, func(i, j int) bool { return out[i].Event < out[j].Event })
	return out, nil
}
