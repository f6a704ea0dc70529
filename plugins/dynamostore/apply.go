package dynamostore

import (
	"cmp"
	"context"
	"errors"
	"fmt"
	"math/rand/v2"
	"slices"
	"strings"
	"time"

	"github.com/dashsmith/dashsmith/build"
)

// maxRounds is how often ApplyAll plans again after a transaction failed a
// condition (a concurrent writer) before it gives up with an error.
const maxRounds = 30

// errConflict is a transaction cancelled by a condition or a conflict:
// the round is planned again from fresh reads.
var errConflict = errors.New("a concurrent writer changed an item first")

// Apply applies one batch: ApplyAll of a slice of one.
func (s *Store) Apply(ctx context.Context, b *build.Batch) error {
	return s.ApplyAll(ctx, []*build.Batch{b})
}

// ApplyAll applies the batches once per (file, rollup). Each file's work
// is combined in memory and written with its marker in TransactWriteItems,
// several files to a transaction when they fit; a file too big for one is
// split into parts, each exactly once on its own with its own entry in the
// marker. A transaction that a concurrent writer beat (a retried or
// concurrent delivery, a sketch merged meanwhile) is planned again from
// fresh reads, which leave out what is already applied. Nothing is written
// unless every batch is valid. The store sets each newly applied base
// batch's Stats.Dups.
func (s *Store) ApplyAll(ctx context.Context, bs []*build.Batch) error {
	if err := s.check(ctx); err != nil {
		return err
	}
	for _, b := range bs {
		if err := validate(b); err != nil {
			return fmt.Errorf("dynamostore: apply: %w", err)
		}
		if err := checkMarker(b); err != nil {
			return fmt.Errorf("dynamostore: apply: %w", err)
		}
	}
	if len(bs) == 0 {
		return nil
	}
	what := "apply " + bs[0].ID + " to"
	if len(bs) > 1 {
		what = fmt.Sprintf("apply %d files (%s, ...) to", len(bs), bs[0].ID)
	}
	r := &round{s: s, bs: bs, based: map[*build.Batch]int64{}, cross: map[string]map[uint64]bool{}, folds: map[*build.Batch]build.Folds{}}
	pause := 20 * time.Millisecond
	for n := 1; ; n++ {
		err := r.run(ctx)
		if err == nil {
			break
		}
		if !errors.Is(err, errConflict) {
			return s.wrap(what, err)
		}
		if n == maxRounds {
			return s.wrap(what, fmt.Errorf("gave up after %d tries: %w; try again", n, err))
		}
		if err := sleep(ctx, pause/2+rand.N(pause)); err != nil {
			return err
		}
		pause = min(2*pause, 2*time.Second)
	}
	for b, dups := range r.based {
		b.Stats.Dups = dups
	}
	for b, folds := range r.folds {
		b.Stats.Folded += folds.Total()
	}
	return nil
}

// round is the state of one ApplyAll across its tries.
type round struct {
	s     *Store
	bs    []*build.Batch
	based map[*build.Batch]int64       // base batches this call applied: their duplicates
	cross map[string]map[uint64]bool   // per file: dedupe's decision, once known
	folds map[*build.Batch]build.Folds // what the cap folded in committed transactions, per batch
}

// run reads the markers, plans what is left and commits it, transaction
// after transaction. It returns errConflict when a transaction lost to a
// concurrent writer; what committed before stays committed.
func (r *round) run(ctx context.Context) error {
	var files []string
	for _, b := range r.bs {
		files = append(files, b.ID)
	}
	markers, err := r.s.readMarkers(ctx, files)
	if err != nil {
		return err
	}
	var us []*unit
	dupsOfBatch := map[*build.Batch]int64{}
	claimed := map[string]bool{}
	for _, b := range r.bs {
		m := markers[b.ID]
		var todo []build.Rollup
		live := false
		for _, ru := range rollupsOf(b) {
			id := b.ID + "\x00" + ru.ID()
			if m.done[ru.ID()] || claimed[id] {
				continue
			}
			claimed[id] = true
			todo = append(todo, ru)
			live = live || ru.IsBase()
		}
		if len(todo) == 0 {
			continue
		}
		var dups []*build.Msg
		if b.Dedupe > 0 && len(b.Msgs) > 0 {
			cross, ok := r.cross[b.ID]
			if !ok {
				if cross, err = r.s.cross(ctx, b, m, live); err != nil {
					return fmt.Errorf("dedupe %s: %w", b.ID, err)
				}
				r.cross[b.ID] = cross
			}
			dups = build.Duplicates(b.Msgs, cross)
		}
		dupsOfBatch[b] = int64(len(dups))
		for _, ru := range todo {
			for _, u := range units(b, ru, dups) {
				if !m.has(u) {
					us = append(us, u)
				}
			}
		}
	}
	if len(us) == 0 {
		return nil
	}
	// Units that write the same items go side by side, so that a
	// transaction combines them: many files of the same hours cost little
	// more than one. A breakdown's units go in the order of their files,
	// then of their hours: the cardinality cap decides unit after unit,
	// and files applied together must decide in the order they were given,
	// as when applied one by one.
	order := make(map[*build.Batch]int, len(r.bs))
	for i, b := range r.bs {
		order[b] = i
	}
	slices.SortStableFunc(us, func(a, b *unit) int {
		ka, kb := a.firstKey(), b.firstKey()
		if c := strings.Compare(ka.pk, kb.pk); c != 0 {
			return c
		}
		if a.rollup.By != "" && b.rollup.By != "" {
			if c := cmp.Compare(order[a.batch], order[b.batch]); c != 0 {
				return c
			}
		}
		return cmp.Compare(ka.sk, kb.sk)
	})
	txns, err := pack(us)
	if err != nil {
		return err
	}
	rd, err := r.s.getItems(ctx, reads(txns))
	if err != nil {
		return err
	}
	for _, t := range txns {
		if err := ctx.Err(); err != nil {
			return err
		}
		if err := r.s.commit(ctx, t, rd); err != nil {
			return err
		}
		for _, u := range t.units {
			if u.rollup.IsBase() {
				r.based[u.batch] = dupsOfBatch[u.batch]
			}
		}
		for b, folds := range t.folds {
			m := r.folds[b]
			if m == nil {
				m = build.Folds{}
				r.folds[b] = m
			}
			m.Merge(folds)
		}
	}
	return nil
}

// rollupsOf is what a batch holds, the base alone when it names nothing.
func rollupsOf(b *build.Batch) []build.Rollup {
	if len(b.Rollups) == 0 {
		return []build.Rollup{build.BaseRollup}
	}
	return b.Rollups
}

// reads returns the keys to read before rendering the transactions:
// cells merged and written back (sketches), event entries with new property paths, group entries, health
// days whose lag maximum may grow, and for the cardinality cap, the groups
// each breakdown hour keeps, with OtherGroup's entry and sketches, which
// a fold may write.
func reads(txns []*txn) []key {
	var keys []key
	for _, t := range txns {
		for _, k := range t.order {
			w := t.writes[k]
			switch {
			case w.kind == wBlob, w.kind == wGroup,
				w.kind == wEvent && len(w.props) > 0,
				w.kind == wHealth && w.health.LagMax > 0:
				keys = append(keys, k)
			}
			if w.capped() {
				if w.rollup.Resolution == build.Daily && w.kind != wBlob {
					keys = append(keys, k) // the day keeps the group when its cell exists
				}
				keys = append(keys, keptKey(w.rollup, k.sk), groupKey(w.rollup, build.OtherGroup))
				if w.kind == wBlob {
					keys = append(keys, seriesKey(w.rollup.Series(build.OtherGroup), build.Hour(k.sk)))
				}
			}
		}
	}
	return keys
}
