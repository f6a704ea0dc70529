package boltstore

import (
	"encoding/binary"
	"fmt"

	"github.com/dashsmith/dashsmith/build"
	bolt "go.etcd.io/bbolt"
)

// schemaVersion is the layout this package writes. A file with another
// version is refused, not guessed at.
const schemaVersion = 3

// The buckets; see the package documentation for what each holds.
var (
	bucketCount   = []byte(build.Count)
	bucketSum     = []byte(build.Sum)
	bucketUnique  = []byte(build.Unique)
	bucketFiles   = []byte("files")
	bucketRollups = []byte("rollups")
	bucketProps   = []byte("props")
	bucketHealth  = []byte("health")
	bucketDedupe  = []byte("dedupe")
	bucketDedupeH = []byte("dedupe_hours")
	bucketGroups  = []byte("groups")
	bucketMeta    = []byte("meta")
	keyVersion    = []byte("version")

	allBuckets = [][]byte{bucketCount, bucketSum, bucketUnique, bucketFiles, bucketRollups,
		bucketProps, bucketHealth, bucketDedupe, bucketDedupeH, bucketGroups, bucketMeta}
)

// cellBucket names the bucket of a measure's cells: the measure type's
// name ("count", "sum", "unique", or a newer one's), where its aggregates
// are kept as the type encodes them. Rollup counts share the count bucket
// with the base counts.
func cellBucket(m build.Measure) string {
	if m.IsCount() {
		return build.MeasureCount
	}
	return string(m.Kind)
}

// keySuffix is the NUL and the 8-byte hour that end every cell key.
const keySuffix = 9

// maxNameLen is the longest series name that fits in a bbolt key.
const maxNameLen = bolt.MaxKeySize - keySuffix

// appendKey appends the cell key of series at hour h to dst.
func appendKey(dst []byte, series string, h build.Hour) []byte {
	dst = append(dst, series...)
	dst = append(dst, 0)
	return binary.BigEndian.AppendUint64(dst, uint64(h))
}

// splitKey reads a cell key from its end, so that a series name may hold
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
// version this package does not write or that is not a rollup at all.
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
			return fmt.Errorf("boltstore: %s has an unreadable schema version; delete it and run dashsmith ingest to rebuild it from the event files", s.name)
		case ver > schemaVersion:
			return fmt.Errorf("boltstore: %s has schema version %d, newer than this dashsmith reads (%d); upgrade dashsmith, or pass --store to use another file", s.name, ver, schemaVersion)
		case ver == 2:
			return nil // the same cells: read as is; opened to write, it is upgraded below
		case ver >= 1 && ver < schemaVersion:
			return fmt.Errorf("boltstore: %s was written by an older dashsmith (schema %d); delete it and run dashsmith ingest to rebuild it from the event files", s.name, ver)
		case ver < 1:
			return fmt.Errorf("boltstore: %s has schema version %d, which no dashsmith wrote; delete it and run dashsmith ingest to rebuild it from the event files", s.name, ver)
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
		for _, name := range allBuckets {
			if _, err := tx.CreateBucketIfNotExists(name); err != nil {
				return s.wrap("create buckets in", err)
			}
		}
		meta := tx.Bucket(bucketMeta)
		switch getInt(meta.Get(keyVersion)) {
		case 0:
			return meta.Put(keyVersion, putInt(schemaVersion))
		case 2:
			// Schema 3 counts the groups each hour of a breakdown keeps,
			// for the cardinality cap: count those already there.
			if err := countGroups(tx); err != nil {
				return s.wrap("upgrade to schema 3", err)
			}
			return meta.Put(keyVersion, putInt(schemaVersion))
		}
		return nil
	})
}
