package boltstore

import (
	"context"
	"errors"
	"fmt"
	"time"

	"github.com/dashsmith/dashsmith/build"
	bolt "go.etcd.io/bbolt"
	berrors "go.etcd.io/bbolt/errors"
)

// Apply applies one batch: ApplyAll of a slice of one.
func (s *Store) Apply(ctx context.Context, b *build.Batch) error {
	return s.ApplyAll(ctx, []*build.Batch{b})
}

// ApplyAll applies the batches in one write transaction: every batch whole
// and once per (file, rollup), or, on any error, none of them. A batch with
// no Rollups holds the base rollup alone. The store sets each newly applied
// base batch's Stats.Dups.
func (s *Store) ApplyAll(ctx context.Context, bs []*build.Batch) error {
	if err := ctx.Err(); err != nil {
		return err
	}
	for _, b := range bs {
		if b == nil || b.ID == "" {
			return errors.New("boltstore: apply: a batch needs the ID of its source file")
		}
		if len(b.ID) > bolt.MaxKeySize {
			return fmt.Errorf("boltstore: apply: a file key of %d bytes is longer than the %d bytes bbolt keys hold; shorten the source's paths", len(b.ID), bolt.MaxKeySize)
		}
	}
	if len(bs) == 0 {
		return nil
	}
	what := "apply " + bs[0].ID
	if len(bs) > 1 {
		what = fmt.Sprintf("apply %d files (%s, ...)", len(bs), bs[0].ID)
	}
	if s.readOnly {
		return fmt.Errorf("boltstore: %s: %s is open read-only; open it without mode=ro to ingest", what, s.name)
	}
	var p *plan
	err := s.db.Update(func(tx *bolt.Tx) error {
		p = newPlan(tx, s.onPut)
		for _, b := range bs {
			if err := ctx.Err(); err != nil {
				return err
			}
			if err := p.add(b); err != nil {
				return fmt.Errorf("file %s: %w", b.ID, err)
			}
		}
		if err := ctx.Err(); err != nil {
			return err
		}
		return p.write()
	})
	if err != nil {
		if errors.Is(err, context.Canceled) || errors.Is(err, context.DeadlineExceeded) {
			return err
		}
		return s.wrap(what+" to", err)
	}
	s.commits.Add(1)
	s.release()
	for b, n := range p.dups {
		b.Stats.Dups = n
	}
	for b, n := range p.folds {
		b.Stats.Folded += n
	}
	return nil
}

// add combines the part of b that the file has not had applied yet.
func (p *plan) add(b *build.Batch) error {
	rec, err := p.record(b.ID)
	if err != nil {
		return err
	}
	rollups := b.Rollups
	if len(rollups) == 0 {
		rollups = []build.Rollup{build.BaseRollup}
	}
	base := false
	var ids []string
	todo := map[string]build.Rollup{} // by series prefix
	for _, r := range rollups {
		id := r.ID()
		if rec.has(id) || contains(ids, id) {
			continue
		}
		ids = append(ids, id)
		if r.IsBase() {
			base = true
		} else if r.Needed() {
			todo[r.SeriesPrefix()] = r
		}
	}
	if len(ids) == 0 {
		return nil
	}
	if base {
		if err := p.addCounts(b); err != nil {
			return err
		}
		p.addProps(b)
	}
	// Duplicates first: the cardinality cap ranks what the file adds once
	// they are taken out, so that a group of repeated messages does not
	// win a place over one of distinct messages.
	var dups []*build.Msg
	if b.Dedupe > 0 && len(b.Msgs) > 0 {
		dups = p.dedupe(b, rec, base)
		if base {
			p.subtractCounts(dups)
		}
	}
	var folded int64
	if len(todo) > 0 {
		net, err := netCells(b, dups, todo)
		if err != nil {
			return err
		}
		if folded, err = p.capCells(b, net, todo); err != nil {
			return err
		}
		if folded > 0 {
			p.folds[b] += folded
		}
	}
	rec.Rollups = append(rec.Rollups, ids...)
	rec.Applied, rec.dirty = p.now, true
	if base {
		rec.Size, rec.Stats = b.Size, b.Stats
		rec.Stats.Folded += folded
		rec.Stats.Dups = int64(len(dups))
		p.dups[b] = int64(len(dups))
		if err := p.addHealth(b); err != nil {
			return err
		}
	}
	return nil
}

func contains(ids []string, id string) bool {
	for _, x := range ids {
		if x == id {
			return true
		}
	}
	return false
}

// nowString is the time recorded in file records.
func nowString() string { return time.Now().UTC().Format(time.RFC3339) }

// keyError explains a key that bbolt refused.
func keyError(k []byte, err error) error {
	if errors.Is(err, berrors.ErrKeyTooLarge) || len(k) > bolt.MaxKeySize {
		name, _, _ := splitKey(k)
		return fmt.Errorf("series %.40q... is %d bytes, longer than the %d a key holds; move the file that holds it out of the event source", name, len(name), maxNameLen)
	}
	return err
}
