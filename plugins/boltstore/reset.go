package boltstore

import (
	"bytes"
	"context"
	"fmt"

	bolt "go.etcd.io/bbolt"
)

// Reset empties the store in place (see build.Resetter): every bucket but
// meta is deleted and made again empty, in one transaction, and meta keeps
// only the schema version. The file stays where it is, at the size bbolt
// grew it to; its free pages are reused by the next ingest.
func (s *Store) Reset(ctx context.Context) error {
	if err := ctx.Err(); err != nil {
		return err
	}
	if s.readOnly {
		return fmt.Errorf("boltstore: reset: %s is open read-only; open it without mode=ro", s.name)
	}
	err := s.db.Update(func(tx *bolt.Tx) error {
		var names [][]byte
		if err := tx.ForEach(func(name []byte, _ *bolt.Bucket) error {
			if !bytes.Equal(name, bucketMeta) {
				names = append(names, bytes.Clone(name))
			}
			return nil
		}); err != nil {
			return err
		}
		for _, name := range names {
			if err := tx.DeleteBucket(name); err != nil {
				return err
			}
		}
		for _, name := range allBuckets {
			if _, err := tx.CreateBucketIfNotExists(name); err != nil {
				return err
			}
		}
		meta := tx.Bucket(bucketMeta)
		var stale [][]byte
		if err := meta.ForEach(func(k, _ []byte) error {
			if !bytes.Equal(k, keyVersion) {
				stale = append(stale, bytes.Clone(k))
			}
			return nil
		}); err != nil {
			return err
		}
		for _, k := range stale {
			if err := meta.Delete(k); err != nil {
				return err
			}
		}
		return nil
	})
	if err != nil {
		return s.wrap("reset", err)
	}
	return nil
}
