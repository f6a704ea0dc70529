package boltstore

import (
	"bytes"
	"context"
	"fmt"
	"sort"

	"github.com/dashsmith/dashsmith/build"
	bolt "go.etcd.io/bbolt"
)

// Events lists every event name with its total, first and last hours and
// the property paths seen on it, sorted by name (byte order), in one pass
// over the base counts and one over the paths.
func (s *Store) Events(ctx context.Context) ([]build.EventInfo, error) {
	if err := ctx.Err(); err != nil {
		return nil, err
	}
	byName := map[string]*build.EventInfo{}
	err := s.db.View(func(tx *bolt.Tx) error {
		if err := baseEvents(tx.Bucket(bucketCount), byName); err != nil {
			return err
		}
		props := tx.Bucket(bucketProps)
		if props == nil {
			return nil
		}
		return props.ForEach(func(k, _ []byte) error {
			event, path, ok := splitProp(k)
			if e := byName[event]; ok && e != nil {
				e.Props = append(e.Props, path)
			}
			return nil
		})
	})
	if err != nil {
		return nil, s.wrap("list events of", err)
	}
	out := make([]build.EventInfo, 0, len(byName))
	for _, e := range byName {
		sort.Strings(e.Props)
		out = append(out, *e)
	}
	sort.Slice(out, func(i, j int) bool { return out[i].Event < out[j].Event })
	return out, nil
}

// baseEvents adds up the base counts per event. The count bucket also
// holds count rollups, whose series hold \x1f (event names never do): the
// walk seeks past each event's rollup keys.
func baseEvents(counts *bolt.Bucket, byName map[string]*build.EventInfo) error {
	if counts == nil {
		return nil
	}
	var cur *build.EventInfo // keys of one name are mostly adjacent
	c := counts.Cursor()
	for k, v := c.First(); k != nil; {
		name, h, ok := splitKey(k)
		if !ok {
			return fmt.Errorf("unreadable counter key %q; delete the store and run dashsmith ingest to rebuild it", k)
		}
		if i := bytes.IndexByte(name, 0x1f); i >= 0 {
			k, v = c.Seek(append(bytes.Clone(name[:i]), 0x20))
			continue
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
		k, v = c.Next()
	}
	return nil
}
