package boltstore

import (
	"bytes"
	"context"
	"encoding/binary"
	"encoding/json"
	"errors"
	"fmt"
	"slices"
	"time"

	"github.com/dashsmith/dashsmith/build"
	bolt "go.etcd.io/bbolt"
	berrors "go.etcd.io/bbolt/errors"
)

// fileRecord is the value of a batch's marker in the files bucket. Applied
// is for people reading the file; nothing renders it.
type fileRecord struct {
	Applied  string          `json:"applied"`  // RFC 3339, UTC
	Counters int             `json:"counters"` // counter keys the batch touched
	Stats    build.FileStats `json:"stats"`
}

// Apply adds a batch's counts and marks its ID applied, in one transaction:
// all of it or none of it. A batch whose ID is already marked changes nothing.
func (s *Store) Apply(ctx context.Context, b *build.Batch) error {
	if err := ctx.Err(); err != nil {
		return err
	}
	if b == nil || b.ID == "" {
		return errors.New("boltstore: apply: a batch needs the ID of its source file")
	}
	if s.readOnly {
		return fmt.Errorf("boltstore: apply %s: %s is open read-only; open it without mode=ro to ingest", b.ID, s.name)
	}
	id := []byte(b.ID)
	if len(id) > bolt.MaxKeySize {
		return fmt.Errorf("boltstore: apply: a file key of %d bytes is longer than the %d bytes bbolt keys hold; shorten the source's paths", len(id), bolt.MaxKeySize)
	}
	cs := batchCounters(b)
	rec, err := json.Marshal(fileRecord{
		Applied:  time.Now().UTC().Format(time.RFC3339),
		Counters: len(cs),
		Stats:    b.Stats,
	})
	if err != nil {
		return fmt.Errorf("boltstore: apply %s: %w", b.ID, err)
	}
	err = s.db.Update(func(tx *bolt.Tx) error {
		files, counts := tx.Bucket(bucketFiles), tx.Bucket(bucketCount)
		if files.Get(id) != nil {
			return nil
		}
		vals := make([]byte, 8*len(cs)) // bbolt keeps values until commit
		for i, c := range cs {
			v := vals[i*8 : i*8+8]
			binary.BigEndian.PutUint64(v, uint64(getInt(counts.Get(c.key))+c.delta))
			if err := counts.Put(c.key, v); err != nil {
				return keyError(c.key, err)
			}
		}
		return files.Put(id, rec)
	})
	if err != nil {
		return s.wrap("apply "+b.ID+" to", err)
	}
	return nil
}

// counter is one delta of a batch, under its encoded key.
type counter struct {
	key   []byte
	delta int64
}

// batchCounters encodes a batch's non-zero deltas, sorted by key so that the
// writes walk the B+tree in order. The keys share one buffer.
func batchCounters(b *build.Batch) []counter {
	size, n := 0, 0
	for eh, d := range b.Counts {
		if d != 0 {
			size += len(eh.Event) + keySuffix
			n++
		}
	}
	buf := make([]byte, 0, size)
	cs := make([]counter, 0, n)
	for eh, d := range b.Counts {
		if d == 0 {
			continue
		}
		start := len(buf)
		buf = appendKey(buf, eh.Event, eh.Hour)
		cs = append(cs, counter{key: buf[start:len(buf):len(buf)], delta: d})
	}
	slices.SortFunc(cs, func(a, b counter) int { return bytes.Compare(a.key, b.key) })
	return cs
}

// keyError explains a counter that bbolt refused.
func keyError(k []byte, err error) error {
	if errors.Is(err, berrors.ErrKeyTooLarge) || len(k) > bolt.MaxKeySize {
		name, _, _ := splitKey(k)
		return fmt.Errorf("event name %.40q... is %d bytes, longer than the %d a key holds; move the file that holds it out of the event source", name, len(name), maxNameLen)
	}
	return err
}
