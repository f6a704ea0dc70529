package boltstore

import (
	"bytes"
	"encoding/binary"
	"strings"

	"github.com/dashsmith/dashsmith/build"
	bolt "go.etcd.io/bbolt"
)

// The cardinality cap (build.PlanWrite) reads which groups an hour of a
// breakdown keeps: those with a cell there. The "groups" bucket counts
// them per <series prefix>\x00<hour> (OtherGroup aside); the plan adds
// the groups its batches admit.

// Keeps reports whether a breakdown keeps the group of the cell k: the
// cell is there, stored or made by an earlier batch of the transaction.
// An hour the store keeps no groups of has no stored cell to look for
// (see unkept).
func (p *plan) Keeps(k build.CellKey) bool {
	m := k.Rollup.Measure
	if k.Group != build.OtherGroup && p.unkept(append(append(p.gk[:0], p.prefix(k.Rollup)...), 0), k.Hour) {
		return p.pending(m, p.cellKey(k))
	}
	key := p.cellKey(k)
	return p.stored(m, key) || p.pending(m, key)
}

// unkept reports whether the store kept no groups in hour h of the
// breakdown whose series prefix and NUL start gk (a scratch buffer the
// hour is appended to): then no cell of a group other than OtherGroup is
// stored there, since each such cell was counted as its group was
// admitted (or when an older file was upgraded), and its lookup can be
// skipped. The count is read once a transaction: its admissions are
// written at the end (writeGroups).
func (p *plan) unkept(gk []byte, h build.Hour) bool {
	gk = binary.BigEndian.AppendUint64(gk, uint64(h))
	p.gk = gk
	if empty, ok := p.emptyHours[string(gk)]; ok {
		return empty
	}
	empty := getInt(p.tx.Bucket(bucketGroups).Get(gk)) == 0
	p.emptyHours[string(gk)] = empty
	return empty
}

// unkeptCell reports whether the cell key k is that of a breakdown group
// other than OtherGroup in an hour the store keeps no groups of (see
// unkept): such a cell is not stored, and writeCells need not read it.
func (p *plan) unkeptCell(k []byte) bool {
	series, h, ok := splitKey(k)
	if !ok {
		return false
	}
	// <event>\x1f<measure>\x1f<by>\x1f<group>: no part holds \x1f.
	end := 0
	for range 3 {
		i := bytes.IndexByte(series[end:], 0x1f)
		if i < 0 {
			return false
		}
		end += i + 1
	}
	by, group := series[:end-1], series[end:]
	if i := bytes.LastIndexByte(by, 0x1f); i < 0 || i == len(by)-1 || string(group) == build.OtherGroup {
		return false // no breakdown, or its OtherGroup
	}
	return p.unkept(append(append(p.gk[:0], series[:end]...), 0), h)
}

// Kept returns how many groups hour h of breakdown r keeps: those stored,
// and those this transaction has admitted so far.
func (p *plan) Kept(r build.Rollup, h build.Hour) int {
	gk := string(appendKey(nil, r.SeriesPrefix(), h))
	return int(getInt(p.tx.Bucket(bucketGroups).Get([]byte(gk))) + p.newGroups[gk])
}

// addKept counts the groups each hour admitted.
func (p *plan) addKept(admitted []build.HourGroups) {
	for _, hg := range admitted {
		p.newGroups[string(appendKey(nil, hg.Rollup.SeriesPrefix(), hg.Hour))] += int64(len(hg.Groups))
	}
}

// writeGroups stores the groups each hour kept. A group is admitted only
// when its cell adds something, so each admitted group is a cell the
// measure writes create.
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

// The plan is build.PlanWrite's view of the store.
var _ build.StoreView = (*plan)(nil)
