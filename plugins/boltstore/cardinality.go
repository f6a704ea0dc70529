package boltstore

import (
	"encoding/binary"
	"slices"
	"strings"

	"github.com/dashsmith/dashsmith/build"
	bolt "go.etcd.io/bbolt"
)

// The cardinality cap holds per rollup and hour over all files: the
// "groups" bucket counts, per <series prefix>\x00<hour>, the breakdown
// groups with a cell in that hour (OtherGroup aside). A batch's group with
// a cell there already adds to it; a new one is kept while the hour has
// room (the heaviest first, build.Admit) and otherwise folds into the
// hour's OtherGroup cell.

// hourGroups is one hour of one breakdown rollup in a batch.
type hourGroups struct {
	r     build.Rollup
	h     build.Hour
	cells map[string]*build.Cell // by group value
}

// foldKey is a group folded in an hour, counted once per property however
// many rollups folded it.
type foldKey struct {
	event, by, group string
	h                build.Hour
}

// capCells adds cells, those of batch b less its duplicates (netCells),
// of the rollups todo (keyed by series prefix) under the cap, and returns
// the folded events of b: per property, hour and group, the most any
// rollup folded.
func (p *plan) capCells(b *build.Batch, cells map[build.CellKey]*build.Cell, todo map[string]build.Rollup) (int64, error) {
	byHour := map[string]*hourGroups{}
	want := rollupSet(todo)
	for ck, c := range cells {
		if c == nil {
			continue
		}
		series := ck.Series()
		if err := checkSeries(series); err != nil {
			return 0, err
		}
		r := ck.Rollup
		if !want[r] {
			continue
		}
		if r.By == "" {
			if err := p.addCell(r.Measure, p.key(series, ck.Hour), c); err != nil {
				return 0, err
			}
			continue
		}
		gk := string(appendKey(nil, r.SeriesPrefix(), ck.Hour))
		hg := byHour[gk]
		if hg == nil {
			hg = &hourGroups{r: r, h: ck.Hour, cells: map[string]*build.Cell{}}
			byHour[gk] = hg
		}
		hg.cells[ck.Group] = c
	}
	folds := map[foldKey]int64{}
	for _, gk := range sortedKeys(byHour) {
		if err := p.capHour(b.Cap(), gk, byHour[gk], folds); err != nil {
			return 0, err
		}
	}
	var n int64
	for _, v := range folds {
		n += v
	}
	return n, nil
}

// capHour adds one hour of one rollup's groups under the cap.
func (p *plan) capHour(limit int, gk string, hg *hourGroups, folds map[foldKey]int64) error {
	m := hg.r.Measure
	var cands []build.Candidate
	for g, c := range hg.cells {
		k := p.key(hg.r.Series(g), hg.h)
		if g == build.OtherGroup || p.stored(m, k) || p.pending(m, k) {
			if err := p.addCell(m, k, c); err != nil {
				return err
			}
			continue
		}
		if c.Empty() {
			continue // its messages were all duplicates: it takes no place
		}
		cands = append(cands, build.Candidate{Group: g, Weight: c.Weight()})
	}
	if len(cands) == 0 {
		return nil
	}
	kept := p.kept(gk)
	keep := build.Admit(limit-int(kept), cands)
	p.newGroups[gk] += int64(len(keep))
	other := string(p.key(hg.r.Series(build.OtherGroup), hg.h))
	slices.SortFunc(cands, func(a, b build.Candidate) int { return strings.Compare(a.Group, b.Group) })
	for _, cand := range cands {
		c := hg.cells[cand.Group]
		k := p.key(hg.r.Series(cand.Group), hg.h)
		if keep[cand.Group] {
			if err := p.addCell(m, k, c); err != nil {
				return err
			}
			continue
		}
		if err := p.addCell(m, []byte(other), c); err != nil {
			return err
		}
		fk := foldKey{hg.r.Event, hg.r.By, cand.Group, hg.h}
		folds[fk] = max(folds[fk], int64(c.Weight()))
	}
	return nil
}

// rollupSet is the rollups of todo (keyed by series prefix) as a set.
func rollupSet(todo map[string]build.Rollup) map[build.Rollup]bool {
	set := make(map[build.Rollup]bool, len(todo))
	for _, r := range todo {
		set[r] = true
	}
	return set
}

// kept returns how many groups the hour gk keeps: those stored, and those
// this transaction has admitted so far.
func (p *plan) kept(gk string) int64 {
	return getInt(p.tx.Bucket(bucketGroups).Get([]byte(gk))) + p.newGroups[gk]
}

// writeGroups stores the groups each hour kept. A group is admitted only
// when its cell adds something (capHour), so each admitted group is a cell
// the measure writes create.
func (p *plan) writeGroups() error {
	b := p.tx.Bucket(bucketGroups)
	for _, gk := range sortedKeys(p.newGroups) {
		n := getInt(b.Get([]byte(gk))) + p.newGroups[gk]
		if err := b.Put([]byte(gk), putInt(n)); err != nil {
			return err
		}
	}
	return nil
}

// groupHour returns the groups key of a breakdown cell's series and hour,
// or false for a series that is not one (base counts, rollups without a
// breakdown, OtherGroup).
func groupHour(series string, h build.Hour) (string, bool) {
	parts := strings.Split(series, "\x1f")
	if len(parts) != 4 || parts[2] == "" || parts[3] == build.OtherGroup {
		return "", false
	}
	prefix := series[:len(series)-len(parts[3])]
	return string(appendKey(nil, prefix, h)), true
}

// countGroups fills the groups bucket from the cells a store of schema 2
// holds, which kept no count of them.
func countGroups(tx *bolt.Tx) error {
	counts := map[string]int64{}
	for _, name := range [][]byte{bucketCount, bucketSum, bucketUnique} {
		b := tx.Bucket(name)
		if b == nil {
			continue
		}
		if err := b.ForEach(func(k, _ []byte) error {
			if series, h, ok := splitKey(k); ok {
				if gk, ok := groupHour(string(series), h); ok {
					counts[gk]++
				}
			}
			return nil
		}); err != nil {
			return err
		}
	}
	b, err := tx.CreateBucketIfNotExists(bucketGroups)
	if err != nil {
		return err
	}
	for _, gk := range sortedKeys(counts) {
		if err := b.Put([]byte(gk), binary.BigEndian.AppendUint64(nil, uint64(counts[gk]))); err != nil {
			return err
		}
	}
	return nil
}
