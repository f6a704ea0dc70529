package charts

import (
	"strings"
	"testing"
	"time"

	"github.com/dashsmith/dashsmith/build"
	"github.com/dashsmith/dashsmith/build/storetest"
)

// folded returns a page whose breakdown "plans" had values folded into
// (other) at ingest.
func folded(t *testing.T) *build.Page {
	t.Helper()
	q, err := build.QuerySpec{Event: "Signed Up", Every: "day", Range: "last 3 days", By: "plan"}.Resolve("plans", now, time.UTC)
	if err != nil {
		t.Fatal(err)
	}
	h := build.HourOf(q.From)
	r, err := build.FillGroups(q, map[string]map[build.Hour]*build.Cell{
		"pro": {h: storetest.Cell(build.CountMeasure, 5, 0)}, build.OtherGroup: {h + 1: storetest.Cell(build.CountMeasure, 2, 0)},
	})
	if err != nil {
		t.Fatal(err)
	}
	if !r.Folded {
		t.Fatal("result not folded")
	}
	return &build.Page{Source: "p.md", Meta: build.Meta{Queries: map[string]build.QuerySpec{"plans": {}}}, Data: map[string]*build.Result{"plans": r}}
}

func TestCharts_FoldedNote(t *testing.T) {
	render := New(Options{}).Blocks()["chart"]
	const note = `<p class="ds-note">Some values were folded into (other) at ingest: more than the cardinality cap of distinct values per event and hour.</p>`
	for _, typ := range []string{"line", "bar", "stacked", "pie", "number", "table"} {
		t.Run(typ, func(t *testing.T) {
			s := &build.Site{Through: time.Date(2026, 3, 5, 0, 0, 0, 0, time.UTC)} // all complete
			out, err := render(s, folded(t), []byte("type: "+typ+"\nquery: plans\n"), 1)
			if err != nil {
				t.Fatal(err)
			}
			if strings.Count(string(out), note) != 1 {
				t.Fatalf("want the folded note once in\n%s", out)
			}
		})
	}
	t.Run("WithPartial", func(t *testing.T) {
		s := &build.Site{Through: time.Date(2026, 3, 4, 15, 0, 0, 0, time.UTC)}
		out, err := render(s, folded(t), []byte("type: line\nquery: plans\n"), 1)
		if err != nil {
			t.Fatal(err)
		}
		want := `<p class="ds-note">Dashed lines are still partial: the data is complete through 2026-03-04 15:00 UTC. ` +
			`Some values were folded into (other) at ingest: more than the cardinality cap of distinct values per event and hour.</p>`
		if !strings.Contains(string(out), want) || strings.Count(string(out), "ds-note") != 1 {
			t.Fatalf("want one note %s in\n%s", want, out)
		}
	})
	t.Run("NotFolded", func(t *testing.T) {
		out, err := render(&build.Site{}, breakdown(t), []byte("type: table\nquery: plans\n"), 1)
		if err != nil {
			t.Fatal(err)
		}
		if strings.Contains(string(out), "ds-note") {
			t.Fatalf("a note without folding:\n%s", out)
		}
	})
}
