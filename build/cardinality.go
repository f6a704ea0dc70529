package build

import (
	"cmp"
	"slices"
)

// MaxCardinality is the largest cardinality: cap a site may set. A chart
// shows a handful of groups; the cap only bounds what the store keeps, and
// a store keeps the groups of an hour in one record (DynamoDB's items hold
// 400 KB).
const MaxCardinality = 10000

// Cap returns the breakdown groups a store keeps per rollup and hour for
// this batch: Cardinality, or DefaultCardinality when it is not set.
func (b *Batch) Cap() int {
	if b.Cardinality > 0 {
		return min(b.Cardinality, MaxCardinality)
	}
	return DefaultCardinality
}

// Candidate is a breakdown group that a batch brings to an hour of a
// rollup where the store does not keep it yet.
type Candidate struct {
	Group  string
	Weight float64 // what the batch adds to it: see Cell.Weight
}

// Admit returns which candidates an hour with room free places keeps: the
// heaviest, ties broken by group value, so that the same batch against the
// same store keeps the same groups. The rest fold into OtherGroup.
// OtherGroup itself is never a candidate: it is always kept.
func Admit(room int, cands []Candidate) map[string]bool {
	keep := make(map[string]bool, min(max(room, 0), len(cands)))
	if room <= 0 {
		return keep
	}
	if room >= len(cands) {
		for _, c := range cands {
			keep[c.Group] = true
		}
		return keep
	}
	sorted := slices.Clone(cands)
	slices.SortFunc(sorted, func(a, b Candidate) int {
		if c := cmp.Compare(b.Weight, a.Weight); c != 0 {
			return c
		}
		return cmp.Compare(a.Group, b.Group)
	})
	for _, c := range sorted[:room] {
		keep[c.Group] = true
	}
	return keep
}
