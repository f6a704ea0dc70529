package boltstore

import (
	"context"
	"encoding/binary"
	"errors"
	"fmt"
	"slices"
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

// add combines the part of b that the file has not had applied yet:
// what build.PlanWrite decides, with the plan as its view of the store.
func (p *plan) add(b *build.Batch) error {
	rec, err := p.record(b.ID)
	if err != nil {
		return err
	}
	file := build.FileState{Applied: rec.Rollups}
	if b.DedupeOn() && len(rec.DupIDs) > 0 {
		file.Dups = rec.crossDups()
	}
	ws, err := build.PlanWrite(b, file, p)
	if err != nil {
		return err
	}
	if ws == nil {
		return nil
	}
	if ws.Base {
		if err := p.addCounts(ws.Counts); err != nil {
			return err
		}
		p.addProps(b)
	}
	if needsCells(b, ws.IDs) {
		for k := range b.Cells {
			if err := p.checkCell(k); err != nil {
				return err
			}
		}
	}
	for _, cw := range ws.Cells {
		if err := p.addCell(cw.Rollup.Measure, p.cellKey(cw.CellKey), cw.Cell); err != nil {
			return err
		}
	}
	p.addKept(ws.Admitted)
	if ws.Decided {
		p.addMsgs(b.Window(), ws.Fresh)
		rec.DupIDs = rec.DupIDs[:0]
		for _, id := range ws.Cross {
			rec.DupIDs = binary.BigEndian.AppendUint64(rec.DupIDs, id)
		}
	}
	if ws.Folded > 0 {
		p.folds[b] += ws.Folded
	}
	rec.Rollups = append(rec.Rollups, ws.IDs...)
	rec.Applied, rec.dirty = p.now, true
	if ws.Base {
		rec.Size, rec.Stats = b.Size, b.Stats
		rec.Stats.Folded += ws.Folded
		rec.Stats.Dups = ws.Dups
		p.dups[b] = ws.Dups
		if err := p.addHealth(b); err != nil {
			return err
		}
	}
	return nil
}

// needsCells reports whether a rollup applied now (ids) keeps cells.
func needsCells(b *build.Batch, ids []string) bool {
	for _, r := range b.Rollups {
		if r.Needed() && slices.Contains(ids, r.ID()) {
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
