package boltstore

import (
	"context"
	"encoding/binary"
	"encoding/json"
	"fmt"
	"slices"

	"github.com/dashsmith/dashsmith/build"
	bolt "go.etcd.io/bbolt"
)

// fileRecord is the value of a file's entry in the files bucket.
type fileRecord struct {
	Applied string          `json:"applied"` // RFC 3339, UTC: the last change
	Rollups []string        `json:"rollups"` // IDs of the rollups applied from the file
	Size    int64           `json:"size"`    // the file's size as stored
	Stats   build.FileStats `json:"stats"`   // from the batch that applied the base rollup
	// DupIDs packs (8 bytes each) the message IDs whose first sighting in
	// this file was a duplicate of another file, so that a backfill takes
	// out what the base counts took out, whatever dedupe has pruned since.
	DupIDs []byte `json:"dup_ids,omitempty"`

	dirty bool // changed by the transaction, to be written
}

// crossDups returns the set of DupIDs.
func (r *fileRecord) crossDups() map[uint64]bool {
	set := make(map[uint64]bool, len(r.DupIDs)/8)
	for i := 0; i+8 <= len(r.DupIDs); i += 8 {
		set[binary.BigEndian.Uint64(r.DupIDs[i:])] = true
	}
	return set
}

// readRecord returns the file's record, or nil when the file is new.
func readRecord(files *bolt.Bucket, id string) (*fileRecord, error) {
	if files == nil {
		return nil, nil
	}
	v := files.Get([]byte(id))
	if v == nil {
		return nil, nil
	}
	rec := &fileRecord{}
	if err := json.Unmarshal(v, rec); err != nil {
		return nil, fmt.Errorf("the record of file %q is unreadable (%v); delete the store and run dashsmith ingest to rebuild it", id, err)
	}
	return rec, nil
}

// Applied returns the IDs of the rollups applied from the file id, sorted
// ("count" is the base rollup); none when the file is new.
func (s *Store) Applied(ctx context.Context, id string) ([]string, error) {
	if err := ctx.Err(); err != nil {
		return nil, err
	}
	if id == "" {
		return nil, nil
	}
	var done []string
	err := s.db.View(func(tx *bolt.Tx) error {
		rec, err := readRecord(tx.Bucket(bucketFiles), id)
		if rec != nil {
			done = slices.Sorted(slices.Values(rec.Rollups))
		}
		return err
	})
	if err != nil {
		return nil, s.wrap("read", err)
	}
	return done, nil
}
