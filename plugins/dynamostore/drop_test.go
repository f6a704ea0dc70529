package dynamostore

import (
	"errors"
	"fmt"
	"maps"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/aws/aws-sdk-go-v2/service/dynamodb"
	"github.com/aws/aws-sdk-go-v2/service/dynamodb/types"
	"github.com/dashsmith/dashsmith/build"
)

// scanAll returns every item of the table, written out, by "pk sk".
func scanAll(t *testing.T, st *Store) map[string]string {
	t.Helper()
	out := map[string]string{}
	p := dynamodb.NewScanPaginator(st.db, &dynamodb.ScanInput{TableName: &st.table})
	for p.HasMorePages() {
		page, err := p.NextPage(ctx)
		if err != nil {
			t.Fatal(err)
		}
		for _, it := range page.Items {
			sk, _ := getN(it, attrSK)
			out[fmt.Sprintf("%s %d", getS(it, attrPK), sk)] = showItem(it)
		}
	}
	return out
}

// showItem writes an item out, its attributes sorted by name.
func showItem(it item) string {
	var b strings.Builder
	for _, k := range slices.Sorted(maps.Keys(it)) {
		switch v := it[k].(type) {
		case *types.AttributeValueMemberS:
			fmt.Fprintf(&b, "%s=S%q ", k, v.Value)
		case *types.AttributeValueMemberN:
			fmt.Fprintf(&b, "%s=N%s ", k, v.Value)
		case *types.AttributeValueMemberB:
			fmt.Fprintf(&b, "%s=B%x ", k, v.Value)
		case *types.AttributeValueMemberSS:
			fmt.Fprintf(&b, "%s=SS%q ", k, slices.Sorted(slices.Values(v.Value)))
		case *types.AttributeValueMemberNS:
			fmt.Fprintf(&b, "%s=NS%q ", k, slices.Sorted(slices.Values(v.Value)))
		default:
			fmt.Fprintf(&b, "%s=%T ", k, v)
		}
	}
	return b.String()
}

// TestDrop drops a breakdown of the demo's rollups: its items go, every
// other item but the markers and the rollups item stays byte for byte,
// it is no longer declared nor applied, and declaring it again and
// ingesting the same files again gives the results it gave before.
func TestDrop(t *testing.T) {
	st := openTest(t)
	src, end := e2eEvents(t)
	if err := ingest(st, src); err != nil {
		t.Fatal(err)
	}
	r := build.Rollup{Event: "Signed Up", Measure: build.CountMeasure, By: "plan"}
	q := build.Query{Event: r.Event, Measure: r.Measure, By: r.By, Top: 3, Every: build.Daily,
		From: end.AddDate(0, 0, -3), To: end, Loc: time.UTC}
	want, err := st.Query(ctx, q)
	if err != nil {
		t.Fatal(err)
	}
	files, err := src.List(ctx)
	if err != nil {
		t.Fatal(err)
	}
	before := scanAll(t, st)
	pfx := esc(r.SeriesPrefix())
	mine := func(k string) bool {
		for _, p := range []string{"s#", "g#", "k#", "t#"} {
			if strings.HasPrefix(k, p+pfx) {
				return true
			}
		}
		return false
	}
	var owned int64
	for k := range before {
		if mine(k) {
			owned++
		}
	}
	if owned == 0 {
		t.Fatal("the rollup to drop has no items; the test data should give it some")
	}

	if _, err := st.Drop(ctx, []build.Rollup{{Event: r.Event}}); err == nil || !strings.Contains(err.Error(), "base counts") {
		t.Errorf("Drop of the base counts: %v, want an error that says they are kept", err)
	}
	n, err := st.Drop(ctx, []build.Rollup{r, r})
	if err != nil {
		t.Fatal(err)
	}
	if n != owned {
		t.Errorf("Drop deleted %d items, want the rollup's %d", n, owned)
	}
	after := scanAll(t, st)
	for k, v := range before {
		switch {
		case mine(k):
			if _, ok := after[k]; ok {
				t.Errorf("item %q of the dropped rollup is still there", k)
			}
		case strings.HasPrefix(k, "f#") && strings.HasSuffix(k, " 0"), k == "r 0":
			if strings.Contains(after[k], r.ID()) {
				t.Errorf("item %q still names the dropped rollup: %s", k, after[k])
			}
		case after[k] != v:
			t.Errorf("item %q of another rollup changed:\n%s\n%s", k, v, after[k])
		}
	}
	if len(after) != len(before)-int(owned) {
		t.Errorf("%d items after the drop, want %d", len(after), len(before)-int(owned))
	}
	st2 := reopen(t, st)
	for _, s := range []*Store{st, st2} {
		decl, err := s.Declared(ctx)
		if err != nil {
			t.Fatal(err)
		}
		for _, d := range decl {
			if d.ID() == r.ID() {
				t.Errorf("Declared still lists %s", r.ID())
			}
		}
		if len(decl) != len(e2eRollups)-1 {
			t.Errorf("Declared lists %d rollups, want the other %d", len(decl), len(e2eRollups)-1)
		}
		if _, err := s.Query(ctx, q); !errors.Is(err, build.ErrNoRollup) {
			t.Errorf("Query of the dropped rollup: %v, want not built", err)
		}
	}
	for _, f := range files {
		ids, err := st.Applied(ctx, f.Key)
		if err != nil {
			t.Fatal(err)
		}
		if len(ids) == 0 {
			t.Errorf("file %s: no rollups applied; the others should be", f.Key)
		}
		for _, id := range ids {
			if id == r.ID() {
				t.Errorf("file %s still records %s as applied", f.Key, id)
			}
		}
	}
	// Dropping it again finds nothing left.
	if n, err := st.Drop(ctx, []build.Rollup{r}); err != nil || n != 0 {
		t.Errorf("Drop again: %d items, %v; want 0, nil", n, err)
	}

	// Declared again, the same files backfill it.
	if err := ingest(st2, src); err != nil {
		t.Fatal(err)
	}
	got, err := st2.Query(ctx, q)
	if err != nil {
		t.Fatal(err)
	}
	if d := diff(want, got); d != "" {
		t.Errorf("after the drop and a new ingest: %s", d)
	}
}

// TestDrop_Prefix checks that the prefixes Drop matches do not catch a
// rollup whose by, measure or event starts with the dropped one's.
func TestDrop_Prefix(t *testing.T) {
	plan := build.Rollup{Event: "E", Measure: build.CountMeasure, By: "pl%an"}
	p := esc(plan.SeriesPrefix())
	prefixes := []string{"s#" + p, "g#" + p, "k#" + p, "t#" + p}
	for _, r := range []build.Rollup{
		{Event: "E", Measure: build.CountMeasure, By: "pl%anet"},
		{Event: "E2", Measure: build.CountMeasure, By: "pl%an"},
		{Event: "E", Measure: build.Measure{Kind: build.Sum, Prop: "x"}, By: "pl%an"},
	} {
		for _, k := range []string{seriesKey(r.Series("pro"), 1).pk, seriesKey(r.Series(build.OtherGroup), 1).pk, groupPK(r), keptKey(r, 1).pk, "t#" + esc(r.SeriesPrefix()) + "#20000"} {
			if hasAnyPrefix(k, prefixes) {
				t.Errorf("dropping %s would catch %q of %s", plan.ID(), k, r.ID())
			}
		}
	}
	for _, k := range []string{seriesKey(plan.Series("pro"), 1).pk, seriesKey(plan.Series("\x00"), 1).pk, seriesKey(plan.Series(build.OtherGroup), 1).pk, groupPK(plan), keptKey(plan, 1).pk, "t#" + esc(plan.SeriesPrefix()) + "#20000"} {
		if !hasAnyPrefix(k, prefixes) {
			t.Errorf("dropping %s would leave %q", plan.ID(), k)
		}
	}
}

// TestDrop_Parts drops a breakdown that a big file applied in parts: its
// "k/P ID" tokens leave the file's marker, the other rollups' stay.
func TestDrop_Parts(t *testing.T) {
	st := openTest(t)
	if err := st.Declare(ctx, []build.Rollup{revenue, byPlan, buyers}); err != nil {
		t.Fatal(err)
	}
	if err := st.Apply(ctx, bigBatch("big.gz")); err != nil {
		t.Fatal(err)
	}
	tokens := func() (mine, others int) {
		it, err := st.getItem(ctx, markerKey("big.gz"))
		if err != nil {
			t.Fatal(err)
		}
		for _, tok := range getSS(it, attrParts) {
			if strings.HasSuffix(tok, " "+byPlan.ID()) {
				mine++
			} else {
				others++
			}
		}
		return mine, others
	}
	mine, others := tokens()
	if mine < 2 {
		t.Fatalf("%d parts of %s in the marker; the big file should split it", mine, byPlan.ID())
	}
	if _, err := st.Drop(ctx, []build.Rollup{byPlan}); err != nil {
		t.Fatal(err)
	}
	if m, o := tokens(); m != 0 || o != others {
		t.Errorf("after Drop: %d parts of %s and %d others in the marker, want 0 and %d", m, byPlan.ID(), o, others)
	}
	ids, err := st.Applied(ctx, "big.gz")
	if err != nil {
		t.Fatal(err)
	}
	if slices.Contains(ids, byPlan.ID()) || !slices.Contains(ids, revenue.ID()) {
		t.Errorf("Applied after Drop = %v, want the others without %s", ids, byPlan.ID())
	}
}
