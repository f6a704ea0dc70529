package dynamostore

import (
	"fmt"
	"maps"
	"slices"
	"strings"
	"sync"
	"sync/atomic"
	"testing"

	"github.com/aws/aws-sdk-go-v2/service/dynamodb/types"
	"github.com/dashsmith/dashsmith/build"
	"github.com/dashsmith/dashsmith/build/storetest"
)

var revenueByPlan = build.Rollup{Event: "Order Completed", Measure: build.Measure{Kind: build.Sum, Prop: "revenue"}, By: "plan"}

// capBatch is a file of cap-limited breakdowns: in each of the hours, a
// count and a sum by plan of the groups named, group i with i+1 events
// (so that files rank their groups alike, and differently from their
// names).
func capBatch(id string, limit int, hours []build.Hour, groups ...int) *build.Batch {
	b := build.NewBatch(id, build.BaseRollup, byPlan, revenueByPlan)
	b.Cardinality = limit
	for _, h := range hours {
		for _, g := range groups {
			n := int64(g + 1)
			name := fmt.Sprintf("user-%04d", g)
			b.Counts[build.EventHour{Event: byPlan.Event, Hour: h}] += n
			addCell(b, byPlan, name, h, n, 0)
			addCell(b, revenueByPlan, name, h, n, 2*float64(n))
		}
	}
	b.Stats.Accepted, b.Stats.Lines, b.Stats.Day = 1, 1, "2026-05-01"
	return b
}

// plan is what run plans for the batches against an empty store: their
// units, packed into transactions.
func plan(t *testing.T, bs ...*build.Batch) []*txn {
	t.Helper()
	var us []*unit
	for _, b := range bs {
		for _, r := range rollupsOf(b) {
			us = append(us, units(b, r, nil)...)
		}
	}
	slices.SortStableFunc(us, func(a, b *unit) int { return compareKeys(a.firstKey(), b.firstKey()) })
	txns, err := pack(us)
	if err != nil {
		t.Fatal(err)
	}
	return txns
}

// memStore is the breakdown cells a round of transactions wrote, played
// in memory as commit plays them against DynamoDB.
type memStore struct {
	rd    map[key]item                 // the round's reads, kept current
	ver   map[key]int64                // the k# versions a table would hold
	cells map[key]*build.Cell          // capped cells written, by key
	folds map[*build.Batch]build.Folds // as the round keeps them
	most  int                          // items of the biggest transaction, reserve included
}

// folded is the Stats.Folded the round gives b.
func (m *memStore) folded(b *build.Batch) float64 {
	var n float64
	for _, w := range m.folds[b] {
		n += w
	}
	return n
}

// play caps and renders the transactions one after the other, as commit
// does, with no DynamoDB. Each transaction must stay within 100 items, and
// each k# item it writes must be conditional on the version the earlier
// ones left: the round's transactions never conflict with each other.
func (m *memStore) play(t *testing.T, txns []*txn) {
	t.Helper()
	if m.rd == nil {
		m.rd, m.ver, m.cells = map[key]item{}, map[key]int64{}, map[key]*build.Cell{}
	}
	if m.folds == nil {
		m.folds = map[*build.Batch]build.Folds{}
	}
	for i, tx := range txns {
		reserved := tx.items()
		m.most = max(m.most, reserved)
		if err := tx.capGroups(m.rd); err != nil {
			t.Fatal(err)
		}
		r, err := tx.render("table", m.rd)
		if err != nil {
			t.Fatal(err)
		}
		if len(r.items) > maxTxnItems || len(r.items) > reserved {
			t.Fatalf("transaction %d: %d items once capped; %d were reserved, and DynamoDB takes %d", i, len(r.items), reserved, maxTxnItems)
		}
		for _, it := range r.items {
			k := keyOf(it.Update.Key)
			if !strings.HasPrefix(k.pk, "k#") {
				continue
			}
			cond := *it.Update.ConditionExpression
			v, had := m.ver[k]
			switch {
			case !had && !strings.Contains(cond, "attribute_not_exists"):
				t.Errorf("transaction %d: the first write of %s is conditional on %s, want attribute_not_exists", i, k.pk, cond)
			case had && !hasN(it.Update.ExpressionAttributeValues, v):
				t.Errorf("transaction %d: %s at version %d: condition %s with %v", i, k.pk, v, cond, it.Update.ExpressionAttributeValues)
			}
			m.ver[k] = v + 1
		}
		for k, w := range tx.writes {
			if !w.capped() {
				continue
			}
			c := m.cells[k]
			if c == nil {
				c = storetest.Cell(w.m, 0, 0)
				m.cells[k] = c
			}
			if err := c.Merge(w.cell); err != nil {
				t.Fatal(err)
			}
		}
		for b, fs := range tx.folds {
			if m.folds[b] == nil {
				m.folds[b] = build.Folds{}
			}
			for fk, w := range fs {
				m.folds[b][fk] = max(m.folds[b][fk], w)
			}
		}
		maps.Copy(m.rd, r.after)
	}
}

func hasN(vals map[string]types.AttributeValue, n int64) bool {
	for _, v := range vals {
		if v, ok := v.(*types.AttributeValueMemberN); ok && v.Value == fmt.Sprint(n) {
			return true
		}
	}
	return false
}

// groupsAt returns the groups r keeps at hour h (OtherGroup aside), and
// the events of its cells there, OtherGroup's apart.
func (m *memStore) groupsAt(r build.Rollup, h build.Hour) (kept []string, n, other int64) {
	prefix := seriesKey(r.SeriesPrefix(), h).pk
	for k, c := range m.cells {
		g, ok := strings.CutPrefix(k.pk, prefix)
		if !ok || k.sk != int64(h) {
			continue
		}
		if g == build.OtherGroup {
			other += int64(c.Weight())
			continue
		}
		kept = append(kept, g)
		n += int64(c.Weight())
	}
	slices.Sort(kept)
	return kept, n, other
}

func TestSplit_ReservesRoomForTheCap(t *testing.T) {
	// A breakdown of 7 groups over 40 hours: each part must hold its cells,
	// their entries, and what folding may add (OtherGroup's entry and a k#
	// item per hour) within unitMax; and it goes hour by hour, so that
	// each hour is in one part.
	var hours []build.Hour
	for h := range build.Hour(40) {
		hours = append(hours, h0+h)
	}
	b := capBatch("f.gz", 3, hours, 0, 1, 2, 3, 4, 5, 6)
	for _, r := range []build.Rollup{byPlan, revenueByPlan} {
		us := units(b, r, nil)
		if len(us) < 3 {
			t.Fatalf("%s: %d parts, want several", r.ID(), len(us))
		}
		partOf := map[int64]int{}
		for i, u := range us {
			items := map[key]bool{}
			for _, w := range u.all() {
				items[w.k] = true
			}
			for _, k := range u.reserve {
				items[k] = true
			}
			if len(items) > unitMax {
				t.Errorf("%s part %d: %d items with the cap's reserve, want at most %d", r.ID(), i, len(items), unitMax)
			}
			for _, w := range u.cells {
				if p, ok := partOf[w.k.sk]; ok && p != i {
					t.Errorf("%s: hour %d is in parts %d and %d", r.ID(), w.k.sk, p, i)
				}
				partOf[w.k.sk] = i
			}
		}
	}
}

func TestCapGroups_ManyFilesOneRound(t *testing.T) {
	// 20 files of 8 new groups each in two hours, a cap of 10: the round
	// takes several transactions, which keep 10 groups per hour between
	// them, the rest folded into OtherGroup, nothing lost; and each
	// transaction's k# write follows the one before (no conflict).
	const limit = 10
	hours := []build.Hour{h0, h0 + 1}
	var bs []*build.Batch
	var total int64
	for f := range 20 {
		var gs []int
		for g := range 8 {
			gs = append(gs, f*8+g)
			total += int64(f*8 + g + 1)
		}
		bs = append(bs, capBatch(fmt.Sprintf("f%02d.gz", f), limit, hours, gs...))
	}
	txns := plan(t, bs...)
	if len(txns) < 3 {
		t.Fatalf("%d transactions, want several", len(txns))
	}
	var m memStore
	m.play(t, txns)
	var folded float64
	for _, b := range bs {
		folded += m.folded(b)
	}
	for _, r := range []build.Rollup{byPlan, revenueByPlan} {
		for _, h := range hours {
			kept, n, other := m.groupsAt(r, h)
			if len(kept) != limit || n+other != total {
				t.Errorf("%s at %d: kept %d groups (%v), %d events and %d in (other); want %d groups and %d events in all", r.ID(), h, len(kept), kept, n, other, limit, total)
			}
			if set := keptSet(m.rd[keptKey(r, int64(h))]); len(set) != limit {
				t.Errorf("%s at %d: the k# item holds %d groups, want %d", r.ID(), h, len(set), limit)
			}
			if r == byPlan {
				folded -= float64(other)
			}
		}
	}
	if folded != 0 {
		t.Errorf("Stats.Folded over the files is %v off the events in (other): the two rollups fold the same groups, counted once", folded)
	}
}

func TestCapGroups_UnitByUnit(t *testing.T) {
	// One transaction of three files with 2 places left: its units decide
	// one after the other, each keeping its heaviest new groups while
	// there is room; the cap is the smallest of the files'.
	kk, ks := keptKey(byPlan, int64(h0)), keptKey(revenueByPlan, int64(h0))
	rd := map[key]item{
		kk: {attrKeep: numSet([]string{fmt.Sprint(hash("user-0000"))}), attrVersion: num(4)},
		ks: {attrKeep: numSet([]string{fmt.Sprint(hash("user-0000"))}), attrVersion: num(2)},
	}
	a := capBatch("a.gz", 5, []build.Hour{h0}, 0, 1, 2, 7)
	b := capBatch("b.gz", 3, []build.Hour{h0}, 2, 5)
	c := capBatch("c.gz", 9, []build.Hour{h0}, 0, 3)
	txns := plan(t, a, b, c)
	if len(txns) != 1 {
		t.Fatalf("%d transactions, want 1", len(txns))
	}
	m := memStore{rd: rd, ver: map[key]int64{kk: 4, ks: 2}, cells: map[key]*build.Cell{}}
	m.play(t, txns)
	for _, r := range []build.Rollup{byPlan, revenueByPlan} {
		// a comes first (the files' order): of its new groups,
		// user-0007 (8 events) and user-0002 (3) are kept and user-0001
		// (2) folds; the hour is full. b's user-0002 is kept (a kept it),
		// its user-0005 (6) folds; c's user-0000 is kept, its user-0003
		// (4) folds.
		kept, n, other := m.groupsAt(r, h0)
		if got := fmt.Sprint(kept); got != "[user-0000 user-0002 user-0007]" || n != 1+3+8+1+3 || other != 2+4+6 {
			t.Errorf("%s: kept %s with %d events, %d in (other); want user-0000, user-0002 and user-0007 with 16, and 12", r.ID(), got, n, other)
		}
	}
	if m.folded(a) != 2 || m.folded(b) != 6 || m.folded(c) != 4 {
		t.Errorf("folded %v %v %v, want 2, 6 and 4", m.folded(a), m.folded(b), m.folded(c))
	}
	for _, g := range []string{"user-0001", "user-0003", "user-0005"} {
		if txns[0].writes[groupKey(byPlan, g)] != nil {
			t.Errorf("the entry of %s, folded everywhere, is still written", g)
		}
	}
	if txns[0].writes[groupKey(byPlan, build.OtherGroup)] == nil {
		t.Errorf("OtherGroup's entry is not written")
	}
	if set := keptSet(m.rd[kk]); len(set) != 3 {
		t.Errorf("the hour keeps %d groups, want 3", len(set))
	}
}

func TestCapGroups_EmptyCellTakesNoPlace(t *testing.T) {
	// A file whose messages of group a-dup were all duplicates: its cell
	// nets to nothing and must take no place in the hour, nor leave an
	// entry.
	b := build.NewBatch("d.gz", byPlan)
	b.Cardinality, b.Dedupe = 2, 1
	addCell(b, byPlan, "a-dup", h0, 2, 0)
	addCell(b, byPlan, "b", h0, 1, 0)
	b.Msgs = []build.Msg{{ID: 1, Hour: h0, Adds: []build.Add{{Rollup: &byPlan, Group: "a-dup"}, {Rollup: &byPlan, Group: "a-dup"}}}}
	dups := []*build.Msg{&b.Msgs[0]}
	tx := newTxn()
	for _, u := range units(b, byPlan, dups) {
		if err := tx.add(u); err != nil {
			t.Fatal(err)
		}
	}
	var m memStore
	m.play(t, []*txn{tx})
	kept, n, other := m.groupsAt(byPlan, h0)
	if fmt.Sprint(kept) != "[b]" || n != 1 || other != 0 {
		t.Errorf("kept %v (%d events, %d in (other)), want b alone with 1", kept, n, other)
	}
	if tx.writes[groupKey(byPlan, "a-dup")] != nil {
		t.Error("the entry of a group with nothing in it is written")
	}
	if set := keptSet(m.rd[keptKey(byPlan, int64(h0))]); len(set) != 1 || !set[hash("b")] {
		t.Errorf("the hour keeps %v, want b's hash alone", set)
	}
}

// cappedAt reads the groups r keeps in hour h, their events and the events
// in OtherGroup there.
func cappedAt(t *testing.T, st *Store, r build.Rollup, h build.Hour) (kept int, n, other float64) {
	t.Helper()
	q := build.Query{Event: r.Event, Measure: r.Measure, By: r.By, Top: build.MaxCardinality, Every: build.Hourly, From: h.Time(), To: (h + 1).Time()}
	res, err := st.Query(ctx, q)
	if err != nil {
		t.Fatal(err)
	}
	for _, g := range res.Groups {
		switch {
		case g.Value == build.OtherGroup:
			other += g.Total
		case g.Total != 0:
			kept++
			n += g.Total
		}
	}
	return kept, n, other
}

func TestApply_CapOneRound(t *testing.T) {
	// A round of many transactions over the same hours commits each one
	// first time: they decide from the reads the earlier ones updated.
	st := openTest(t)
	if err := st.Declare(ctx, []build.Rollup{byPlan, revenueByPlan}); err != nil {
		t.Fatal(err)
	}
	const limit = 50
	hours := []build.Hour{h0, h0 + 1}
	var bs []*build.Batch
	var total float64
	for f := range 12 {
		var gs []int
		for g := range 30 {
			gs = append(gs, f*30+g)
			total += float64(f*30 + g + 1)
		}
		bs = append(bs, capBatch(fmt.Sprintf("f%02d.gz", f), limit, hours, gs...))
	}
	sent, committed := 0, 0
	st.beforeCommit = func(int) { sent++ }
	st.afterCommit = func(int) error { committed++; return nil }
	if err := st.ApplyAll(ctx, bs); err != nil {
		t.Fatal(err)
	}
	if committed < 3 || sent != committed {
		t.Errorf("sent %d transactions, %d committed: want several, all first time", sent, committed)
	}
	var folded int64
	for _, b := range bs {
		folded += b.Stats.Folded
	}
	var other float64
	for _, h := range hours {
		kept, n, o := cappedAt(t, st, byPlan, h)
		if kept != limit || n+o != total {
			t.Errorf("count by plan at %d: %d groups, %v events and %v in (other); want %d groups, %v in all", h, kept, n, o, limit, total)
		}
		other += o
	}
	if float64(folded) != other {
		t.Errorf("Stats.Folded adds up to %d, (other) holds %v", folded, other)
	}
}

func TestApply_CapConcurrent(t *testing.T) {
	// Eight Lambdas apply different files to the same hours at once: each
	// hour ends with exactly the cap's groups, nothing lost.
	st := openTest(t)
	if err := st.Declare(ctx, []build.Rollup{byPlan}); err != nil {
		t.Fatal(err)
	}
	const limit = 25
	hours := []build.Hour{h0, h0 + 1}
	var wg sync.WaitGroup
	errs := make([]error, 8)
	var mu sync.Mutex
	var folded int64
	var total float64
	var sent, committed atomic.Int64
	for i := range errs {
		var bs []*build.Batch
		for f := range 2 {
			var gs []int
			for g := range 10 {
				gs = append(gs, (2*i+f)*10+g)
				total += float64(len(hours)) * float64((2*i+f)*10+g+1)
			}
			b := capBatch(fmt.Sprintf("l%d-f%d.gz", i, f), limit, hours, gs...)
			b.Rollups = []build.Rollup{build.BaseRollup, byPlan} // so that Stats.Folded is (other)'s
			bs = append(bs, b)
		}
		wg.Add(1)
		go func() {
			defer wg.Done()
			s := reopen(t, st)
			s.beforeCommit = func(int) { sent.Add(1) }
			s.afterCommit = func(int) error { committed.Add(1); return nil }
			errs[i] = s.ApplyAll(ctx, bs)
			mu.Lock()
			defer mu.Unlock()
			for _, b := range bs {
				folded += b.Stats.Folded
			}
		}()
	}
	wg.Wait()
	for i, err := range errs {
		if err != nil {
			t.Errorf("Lambda %d: %v", i, err)
		}
	}
	t.Logf("%d transactions sent, %d committed", sent.Load(), committed.Load())
	var all, other float64
	for _, h := range hours {
		kept, n, o := cappedAt(t, st, byPlan, h)
		if kept != limit {
			t.Errorf("count by plan at %d: %d groups, want %d", h, kept, limit)
		}
		all += n + o
		other += o
	}
	if all != total || float64(folded) != other {
		t.Errorf("count by plan holds %v events, (other) %v; want %v, and Stats.Folded's %d", all, other, total, folded)
	}
}

func TestCapGroups_FoldsFitTheTransaction(t *testing.T) {
	// Files of many groups over many hours, most of them folded (caps of
	// 1 and 2): every transaction stays within what it reserved, and the
	// events all land, in kept groups or OtherGroup.
	var hours []build.Hour
	for h := range build.Hour(12) {
		hours = append(hours, h0+h)
	}
	var bs []*build.Batch
	var total int64
	for f := range 30 {
		gs := []int{f, f + 1, f + 2, f + 3, f + 4, f + 5}
		for _, g := range gs {
			total += int64(g+1) * int64(len(hours))
		}
		bs = append(bs, capBatch(fmt.Sprintf("f%02d.gz", f), 1+f%2, hours, gs...))
	}
	txns := plan(t, bs...)
	var m memStore
	m.play(t, txns) // checks the items of each transaction
	if m.most < maxTxnItems-10 {
		t.Errorf("the biggest transaction holds %d items: fill them to test the limit", m.most)
	}
	for _, r := range []build.Rollup{byPlan, revenueByPlan} {
		var all int64
		for _, h := range hours {
			kept, n, other := m.groupsAt(r, h)
			if len(kept) > 2 {
				t.Errorf("%s at %d keeps %v", r.ID(), h, kept)
			}
			all += n + other
		}
		if all != total {
			t.Errorf("%s holds %d events, want %d", r.ID(), all, total)
		}
	}
}

func TestApply_CapUnique(t *testing.T) {
	// unique(userId) by plan with a cap of 1: the sketches of folded groups
	// merge into OtherGroup's, read and written back with its version,
	// file after file; the folded users count once per group in
	// Stats.Folded (the sketch's estimate).
	st := openTest(t)
	buyersByPlan := build.Rollup{Event: buyers.Event, Measure: buyers.Measure, By: "plan"}
	if err := st.Declare(ctx, []build.Rollup{buyersByPlan}); err != nil {
		t.Fatal(err)
	}
	file := func(id string, users map[string][]string) *build.Batch {
		b := build.NewBatch(id, buyersByPlan)
		b.Cardinality = 1
		for group, us := range users {
			b.Cells[build.CellKey{Rollup: buyersByPlan, Group: group, Hour: h0}] = storetest.TextCell(buyersByPlan.Measure, us...)
		}
		return b
	}
	bs := []*build.Batch{
		file("1.gz", map[string][]string{"pro": {"a", "b"}, "free": {"c", "d", "e"}}), // free is heavier: kept
		file("2.gz", map[string][]string{"pro": {"b", "f"}, "team": {"g"}}),
		file("3.gz", map[string][]string{"free": {"h"}, "team": {"g", "i"}}),
	}
	for _, b := range bs {
		if err := st.Apply(ctx, b); err != nil {
			t.Fatal(err)
		}
	}
	q := build.Query{Event: buyersByPlan.Event, Measure: buyersByPlan.Measure, By: "plan", Top: 10, Every: build.Hourly, From: h0.Time(), To: (h0 + 1).Time()}
	res, err := st.Query(ctx, q)
	if err != nil {
		t.Fatal(err)
	}
	got := map[string]float64{}
	for _, g := range res.Groups {
		got[g.Value] = g.Total
	}
	if len(got) != 2 || got["free"] != 4 || got[build.OtherGroup] != 5 {
		t.Errorf("groups %v, want free 4 (c d e h) and (other) 5 (a b f g i)", got)
	}
	if f := []int64{bs[0].Stats.Folded, bs[1].Stats.Folded, bs[2].Stats.Folded}; fmt.Sprint(f) != "[2 3 2]" {
		t.Errorf("Stats.Folded %v, want [2 3 2]", f)
	}
}
