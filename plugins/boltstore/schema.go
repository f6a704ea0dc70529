package boltstore

import (
	"encoding/binary"
	"fmt"

	"github.com/dashsmith/dashsmith/build"
	bolt "go.etcd.io/bbolt"
)

// schemaVersion is the layout this package writes. A file with a newer
// version was written by a newer dashsmith and is refused, not guessed at.
const schemaVersion = 1

// Buckets: one per measure kind, plus the applied-file markers and meta.
var (
	bucketCount = []byte(build.MeasureCount)
	bucketFiles = []byte("files")
	bucketMeta  = []byte("meta")
	keyVersion  = []byte("version")
)

// keySuffix is the NUL and the 8-byte hour that end every counter key.
const keySuffix = 9

// maxNameLen is the longest series name that fits in a bbolt key.
const maxNameLen = bolt.MaxKeySize - keySuffix

// appendKey appends the counter key of series at hour h to dst.
func appendKey(dst []byte, series string, h build.Hour) []byte {
	dst = append(dst, series...)
	dst = append(dst, 0)
	return binary.BigEndian.AppendUint64(dst, uint64(h))
}

// splitKey reads a counter key from its end, so that a series name may hold
// NUL bytes of its own.
func splitKey(k []byte) (series []byte, h build.Hour, ok bool) {
	n := len(k) - keySuffix
	if n < 0 || k[n] != 0 {
		return nil, 0, false
	}
	return k[:n], build.Hour(binary.BigEndian.Uint64(k[n+1:])), true
}

func putInt(v int64) []byte {
	return binary.BigEndian.AppendUint64(make([]byte, 0, 8), uint64(v))
}

func getInt(v []byte) int64 {
	if len(v) != 8 {
		return 0
	}
	return int64(binary.BigEndian.Uint64(v))
}

// checkSchema creates the buckets of a new file, and refuses a file whose
// version this package does not know or that is not a rollup at all.
func (s *Store) checkSchema() error {
	check := func(tx *bolt.Tx) error {
		meta := tx.Bucket(bucketMeta)
		if meta == nil {
			c := tx.Cursor()
			if k, _ := c.First(); k != nil {
				return fmt.Errorf("boltstore: %s is a bbolt file but not a dashsmith rollup (no %q bucket); pass --store to use another file", s.name, bucketMeta)
			}
			return nil
		}
		v := meta.Get(keyVersion)
		switch ver := getInt(v); {
		case len(v) != 8:
			return fmt.Errorf("boltstore: %s has an unreadable schema version; move it aside to rebuild it with dashsmith ingest", s.name)
		case ver > schemaVersion:
			return fmt.Errorf("boltstore: %s has schema version %d, newer than this dashsmith reads (%d); upgrade dashsmith, or pass --store to use another file", s.name, ver, schemaVersion)
		case ver < 1:
			return fmt.Errorf("boltstore: %s has schema version %d, which no dashsmith wrote; move it aside to rebuild it with dashsmith ingest", s.name, ver)
		}
		return nil
	}
	if s.readOnly {
		return s.db.View(check)
	}
	return s.db.Update(func(tx *bolt.Tx) error {
		if err := check(tx); err != nil {
			return err
		}
		for _, name := range [][]byte{bucketCount, bucketFiles} {
			if _, err := tx.CreateBucketIfNotExists(name); err != nil {
				return s.wrap("create buckets in", err)
			}
		}
		meta, err := tx.CreateBucketIfNotExists(bucketMeta)
		if err != nil {
			return s.wrap("create buckets in", err)
		}
		if meta.Get(keyVersion) == nil {
			return meta.Put(keyVersion, putInt(schemaVersion))
		}
		return nil
	})
}
