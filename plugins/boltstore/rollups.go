package boltstore

import (
	"context"
	"fmt"

	"github.com/dashsmith/dashsmith/build"
	bolt "go.etcd.io/bbolt"
)

// Declare records the rollups ingest keeps from now on. Declaring one
// again, the base rollup, or a plain count (read from the base) is harmless.
func (s *Store) Declare(ctx context.Context, rollups []build.Rollup) error {
	if err := ctx.Err(); err != nil {
		return err
	}
	var ids []string
	for _, r := range build.SortRollups(rollups) {
		if r.Needed() {
			ids = append(ids, r.ID())
		}
	}
	err := s.db.View(func(tx *bolt.Tx) error {
		b := tx.Bucket(bucketRollups)
		missing := ids[:0]
		for _, id := range ids {
			if b == nil || !exists(b, []byte(id)) {
				missing = append(missing, id)
			}
		}
		ids = missing
		return nil
	})
	if err != nil {
		return s.wrap("read rollups of", err)
	}
	if len(ids) == 0 {
		return nil
	}
	if s.readOnly {
		return fmt.Errorf("boltstore: declare rollups: %s is open read-only; open it without mode=ro to ingest", s.name)
	}
	if _, err := s.finishDrops(ctx); err != nil { // a rollup declared again starts from no cells
		return err
	}
	err = s.db.Update(func(tx *bolt.Tx) error {
		b := tx.Bucket(bucketRollups)
		for _, id := range ids {
			if err := b.Put([]byte(id), []byte{}); err != nil {
				return err
			}
		}
		return nil
	})
	if err != nil {
		return s.wrap("declare rollups in", err)
	}
	return nil
}

// declared reports whether the rollup has been declared, itself or its
// pattern (build.Covers).
func declared(tx *bolt.Tx, r build.Rollup) bool {
	b := tx.Bucket(bucketRollups)
	return b != nil && build.Covers(func(id string) bool { return exists(b, []byte(id)) }, r)
}

// noRollupError is Query's answer for a rollup that was never declared.
type noRollupError struct{ r build.Rollup }

func (e *noRollupError) Error() string {
	return fmt.Sprintf("boltstore: query: rollup %s has not been built: dashsmith ingest builds the rollups that the queries in content/ and rollups: in dashsmith.yaml ask for, once the store has seen the names they read (dashsmith check says which names it has not seen)", e.r.ID())
}

func (e *noRollupError) Unwrap() error { return build.ErrNoRollup }

// Declared returns the declared rollups, sorted by ID.
func (s *Store) Declared(ctx context.Context) ([]build.Rollup, error) {
	if err := ctx.Err(); err != nil {
		return nil, err
	}
	var out []build.Rollup
	err := s.db.View(func(tx *bolt.Tx) error {
		b := tx.Bucket(bucketRollups)
		if b == nil {
			return nil
		}
		return b.ForEach(func(k, _ []byte) error {
			r, err := build.ParseRollupID(string(k))
			if err != nil {
				return err
			}
			out = append(out, r)
			return nil
		})
	})
	if err != nil {
		return nil, s.wrap("read rollups of", err)
	}
	return out, nil
}
