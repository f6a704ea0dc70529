package boltstore

import (
	"bytes"
	"context"
	"fmt"

	"github.com/dashsmith/dashsmith/build"
	bolt "go.etcd.io/bbolt"
)

var _ build.HourCounter = (*Store)(nil)

// HourCounts adds up the base counts of every event per hour in [from,
// to), in one cursor walk that seeks to each event's first hour in the
// range and past its last: a seek or two per event name, and memory for
// the hours of the range.
func (s *Store) HourCounts(ctx context.Context, from, to build.Hour) (map[build.Hour]int64, error) {
	if err := ctx.Err(); err != nil {
		return nil, err
	}
	out := map[build.Hour]int64{}
	err := s.db.View(func(tx *bolt.Tx) error {
		counts := tx.Bucket(bucketCount)
		if counts == nil || from >= to {
			return nil
		}
		c := counts.Cursor()
		var seek []byte
		steps := 0
		for k, v := c.First(); k != nil; {
			if steps++; steps%releaseEvery == 0 {
				releaseTx(tx)
			}
			name, h, ok := splitKey(k)
			if !ok {
				return fmt.Errorf("unreadable counter key %q; delete the store and run dashsmith ingest to rebuild it", k)
			}
			switch {
			case bytes.IndexByte(name, 0x1f) >= 0: // a count rollup's series: past them all
				i := bytes.IndexByte(name, 0x1f)
				seek = append(append(seek[:0], name[:i]...), 0x20)
			case from >= 0 && h >= 0 && h < from: // to the range's first hour
				seek = appendKey(seek[:0], string(name), from)
			case from >= 0 && (h >= to || h < 0): // past the event's last key (hours before 1970 sort last)
				seek = append(appendKey(seek[:0], string(name), -1), 0)
			default:
				if h >= from && h < to {
					out[h] += getInt(v)
				}
				k, v = c.Next()
				continue
			}
			k, v = c.Seek(seek)
		}
		return nil
	})
	if err != nil {
		return nil, s.wrap("count the hours of", err)
	}
	return out, nil
}
