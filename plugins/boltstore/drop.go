package boltstore

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"slices"

	"github.com/dashsmith/dashsmith/build"
	bolt "go.etcd.io/bbolt"
)

// dropChunk is how many keys one transaction of a drop deletes, so that a
// rollup of millions of cells is dropped in transactions of bounded size
// (bbolt holds a transaction's changed pages in memory).
const dropChunk = 50000

// dropPending is the meta key prefix that marks a rollup whose drop has
// begun and not finished: meta "drop\x00<rollup ID>" -> empty.
var dropPending = []byte("drop\x00")

// Drop removes each rollup's declaration and everything kept for it (see
// build.Dropper). The first transaction removes the declarations, removes
// the rollups from every file's record, and marks the drops pending; the
// rollups' cells and group counts are then deleted dropChunk keys a
// transaction, and the last one clears the marks. A drop that stops half
// way (a kill, a full disk) is finished by the next Drop or by a Declare of
// the same rollup, before it is declared again, so that a new backfill never
// adds onto cells of the old one.
func (s *Store) Drop(ctx context.Context, rollups []build.Rollup) (int64, error) {
	if err := ctx.Err(); err != nil {
		return 0, err
	}
	for _, r := range rollups {
		if !r.Needed() {
			return 0, fmt.Errorf("boltstore: drop: %s is read from the base counts, which every query needs: it cannot be dropped", r.ID())
		}
	}
	if s.readOnly {
		return 0, fmt.Errorf("boltstore: drop rollups: %s is open read-only; open it without mode=ro", s.name)
	}
	err := s.db.Update(func(tx *bolt.Tx) error {
		ids := make(map[string]bool, len(rollups))
		for _, r := range rollups {
			ids[r.ID()] = true
		}
		if b := tx.Bucket(bucketRollups); b != nil {
			for id := range ids {
				if err := b.Delete([]byte(id)); err != nil {
					return err
				}
			}
		}
		if err := forgetApplied(tx.Bucket(bucketFiles), ids); err != nil {
			return err
		}
		meta := tx.Bucket(bucketMeta)
		for id := range ids {
			if err := meta.Put(append(slices.Clip(dropPending), id...), []byte{}); err != nil {
				return err
			}
		}
		return nil
	})
	if err != nil {
		return 0, s.wrap("drop rollups from", err)
	}
	return s.finishDrops(ctx)
}

// forgetApplied removes the rollup IDs ids from every file's record, so
// that a rollup declared again is backfilled from every file.
func forgetApplied(files *bolt.Bucket, ids map[string]bool) error {
	if files == nil {
		return nil
	}
	type change struct{ k, v []byte }
	var changes []change
	err := files.ForEach(func(k, v []byte) error {
		var rec fileRecord
		if err := json.Unmarshal(v, &rec); err != nil {
			return fmt.Errorf("the record of file %q is unreadable (%v); delete the store and run dashsmith ingest to rebuild it", k, err)
		}
		kept := slices.DeleteFunc(slices.Clone(rec.Rollups), func(id string) bool { return ids[id] })
		if len(kept) == len(rec.Rollups) {
			return nil
		}
		rec.Rollups = kept
		nv, err := json.Marshal(&rec)
		if err != nil {
			return err
		}
		changes = append(changes, change{slices.Clone(k), nv})
		return nil
	})
	if err != nil {
		return err
	}
	for _, c := range changes {
		if err := files.Put(c.k, c.v); err != nil {
			return err
		}
	}
	return nil
}

// pendingDrops returns the rollups whose drop has begun and not finished.
func pendingDrops(tx *bolt.Tx) ([]build.Rollup, error) {
	var out []build.Rollup
	meta := tx.Bucket(bucketMeta)
	if meta == nil {
		return nil, nil
	}
	c := meta.Cursor()
	for k, _ := c.Seek(dropPending); k != nil && bytes.HasPrefix(k, dropPending); k, _ = c.Next() {
		r, err := build.ParseRollupID(string(k[len(dropPending):]))
		if err != nil {
			return nil, err
		}
		out = append(out, r)
	}
	return out, nil
}

// finishDrops deletes the cells and group counts of every pending drop,
// dropChunk keys a transaction, and then its mark. It returns how many
// keys it deleted.
func (s *Store) finishDrops(ctx context.Context) (int64, error) {
	var pending []build.Rollup
	if err := s.db.View(func(tx *bolt.Tx) (err error) {
		pending, err = pendingDrops(tx)
		return err
	}); err != nil {
		return 0, s.wrap("read the pending drops of", err)
	}
	var deleted int64
	for _, r := range pending {
		prefix := []byte(r.SeriesPrefix())
		for _, spot := range []struct {
			bucket []byte
			prefix []byte
		}{
			{[]byte(cellBucket(r.Measure)), prefix},
			{bucketGroups, append(slices.Clip(prefix), 0)},
		} {
			for {
				if err := ctx.Err(); err != nil {
					return deleted, err
				}
				var n int
				err := s.db.Update(func(tx *bolt.Tx) (err error) {
					n, err = deletePrefix(tx.Bucket(spot.bucket), spot.prefix, dropChunk)
					return err
				})
				if err != nil {
					return deleted, s.wrap("drop the cells of "+r.ID()+" from", err)
				}
				deleted += int64(n)
				if n < dropChunk {
					break
				}
			}
		}
		if err := s.db.Update(func(tx *bolt.Tx) error {
			return tx.Bucket(bucketMeta).Delete(append(slices.Clip(dropPending), r.ID()...))
		}); err != nil {
			return deleted, s.wrap("finish the drop of "+r.ID()+" in", err)
		}
	}
	return deleted, nil
}

// deletePrefix deletes at most limit keys of b that start with prefix and
// returns how many it deleted. A missing bucket holds none.
func deletePrefix(b *bolt.Bucket, prefix []byte, limit int) (int, error) {
	if b == nil {
		return 0, nil
	}
	var keys [][]byte
	c := b.Cursor()
	for k, _ := c.Seek(prefix); k != nil && bytes.HasPrefix(k, prefix) && len(keys) < limit; k, _ = c.Next() {
		keys = append(keys, slices.Clone(k))
	}
	for _, k := range keys {
		if err := b.Delete(k); err != nil {
			return 0, err
		}
	}
	return len(keys), nil
}
