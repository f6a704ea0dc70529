package main

import (
	"context"
	"encoding/csv"
	"fmt"
	"os"
	"path/filepath"
	"sort"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/dashsmith/dashsmith/build"
	"github.com/dashsmith/dashsmith/build/storetest"
	"github.com/dashsmith/dashsmith/plugins/boltstore"
)

// manyGroups is a breakdown of 50,000 plan values over two weeks of hours,
// each value in 4 of them (about 600 a hour, under the cardinality cap):
// the shape of a property a client fills with made-up values.
type manyGroups struct {
	groups, hours, per int
	start              build.Hour
}

func (m manyGroups) cells(g int) map[build.Hour]int64 {
	out := map[build.Hour]int64{}
	for k := range m.per {
		h := m.start + build.Hour((g*5+k*85)%m.hours)
		out[h] += int64(1 + (g*31+k)%50) // few distinct totals: ties everywhere
	}
	return out
}

// TestQueryMemoryManyGroups runs `dashsmith query --by` over a store of
// 50,000 groups by 336 hours, hour by hour: a breakdown that once held
// every group's every bucket (more than 600 MB here) before keeping the
// top 5. Its answer must match a plain computation, and its peak RSS stay
// under maxRSS.
func TestQueryMemoryManyGroups(t *testing.T) {
	if testing.Short() {
		t.Skip("builds a store of 200,000 cells")
	}
	m := manyGroups{groups: 50_000, hours: 336, per: 4, start: build.HourOf(time.Date(2026, 3, 2, 0, 0, 0, 0, time.UTC))}
	by := build.Rollup{Event: "Signed Up", Measure: build.CountMeasure, By: "plan"}
	path := filepath.Join(t.TempDir(), "rollup.db")
	st, err := boltstore.OpenFile(path, boltstore.Options{})
	if err != nil {
		t.Fatal(err)
	}
	ctx := context.Background()
	if err := st.Declare(ctx, []build.Rollup{by}); err != nil {
		t.Fatal(err)
	}
	// One batch per day of hours, as files would bring them.
	batches := map[int]*build.Batch{}
	for g := range m.groups {
		for h, n := range m.cells(g) {
			d := int(h-m.start) / 24
			b := batches[d]
			if b == nil {
				b = build.NewBatch(fmt.Sprintf("day-%02d.gz", d), build.BaseRollup, by)
				batches[d] = b
			}
			b.Counts[build.EventHour{Event: by.Event, Hour: h}] += n
			b.Cells[build.CellKey{Rollup: by, Group: fmt.Sprintf("plan-%05d", g), Hour: h}] = storetest.Cell(by.Measure, n, 0)
		}
	}
	all := make([]*build.Batch, 0, len(batches))
	for d := range len(batches) {
		all = append(all, batches[d])
	}
	if err := st.ApplyAll(ctx, all); err != nil {
		t.Fatal(err)
	}
	if err := st.Close(); err != nil {
		t.Fatal(err)
	}
	batches, all = nil, nil // given back before the query is measured

	from, to := m.start.Time(), (m.start + build.Hour(m.hours)).Time()
	out, errs, rss := measured(t, t.TempDir(), "query", "--store", "bolt:"+path, "--event", by.Event, "--by", "plan", "--top", "5",
		"--every", "hour", "--from", from.Format(time.RFC3339), "--to", to.Format(time.RFC3339))
	if errs != "" {
		t.Errorf("dashsmith query wrote to stderr (no value should have been folded at ingest):\n%s", errs)
	}
	t.Logf("dashsmith query --by over %d groups x %d hours: max RSS %d MB", m.groups, m.hours, rss>>20)
	if rss > maxRSS {
		t.Errorf("dashsmith query --by took %d MB of RSS; the bound is %d MB", rss>>20, maxRSS>>20)
	}
	got, err := csv.NewReader(strings.NewReader(out)).ReadAll()
	if err != nil {
		t.Fatal(err)
	}
	want := m.want(5)
	if len(got) != len(want) {
		t.Fatalf("%d rows, want %d", len(got), len(want))
	}
	for i := range want {
		if strings.Join(got[i], ",") != strings.Join(want[i], ",") {
			t.Fatalf("row %d: %q, want %q", i, got[i], want[i])
		}
	}
}

// want is the CSV that query prints, computed the plain way: every
// group's total, sorted (largest first, ties by value), the top kept, and
// the rest added up hour by hour as (other).
func (m manyGroups) want(top int) [][]string {
	type group struct {
		value string
		cells map[build.Hour]int64
		total int64
	}
	list := make([]group, m.groups)
	for g := range list {
		list[g] = group{value: fmt.Sprintf("plan-%05d", g), cells: m.cells(g)}
		for _, n := range list[g].cells {
			list[g].total += n
		}
	}
	sort.Slice(list, func(i, j int) bool {
		if list[i].total != list[j].total {
			return list[i].total > list[j].total
		}
		return list[i].value < list[j].value
	})
	rows := [][]string{{"time", "group", "value"}}
	for k := range m.hours {
		h := m.start + build.Hour(k)
		var other int64
		for _, g := range list[top:] {
			other += g.cells[h]
		}
		for _, g := range list[:top] {
			rows = append(rows, []string{h.Time().Format(time.RFC3339), g.value, strconv.FormatInt(g.cells[h], 10)})
		}
		rows = append(rows, []string{h.Time().Format(time.RFC3339), build.OtherGroup, strconv.FormatInt(other, 10)})
	}
	return rows
}

// TestQueryBounds checks that query refuses an answer too large to hold:
// more buckets than a dashboard may ask for, or too many rows.
func TestQueryBounds(t *testing.T) {
	dir := t.TempDir()
	if err := os.WriteFile(filepath.Join(dir, "dashsmith.yaml"), []byte("title: t\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	for _, tc := range []struct {
		args []string
		want string
	}{
		{[]string{"--every", "hour", "--from", "2020-01-01", "--to", "2026-01-01"}, "at most 10000: use a shorter range"},
		{[]string{"--by", "plan", "--top", "1000", "--every", "hour", "--from", "2026-01-01", "--to", "2026-03-01"}, "at most 500000: use a smaller --top"},
	} {
		r := runBin(t, dir, binDashsmith, append([]string{"query", "--event", "x"}, tc.args...)...)
		if r.code != 2 || !strings.Contains(r.stderr, tc.want) {
			t.Errorf("query %s: exit %d, stderr %q; want exit 2 and %q", strings.Join(tc.args, " "), r.code, r.stderr, tc.want)
		}
	}
}
