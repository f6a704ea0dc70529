package build

import (
	"fmt"
	"strconv"
	"strings"
	"testing"
	"time"
)

func TestParseMeasure(t *testing.T) {
	for in, want := range map[string]string{"": "count", "count": "count", "sum(revenue)": "sum(revenue)",
		" unique( userId ) ": "unique(userId)", "sum(dependency.name)": "sum(dependency.name)"} {
		m, err := ParseMeasure(in)
		if err != nil || m.String() != want {
			t.Errorf("ParseMeasure(%q) = %v, %v; want %s", in, m, err, want)
		}
	}
	for _, bad := range []string{"summ(revenue)", "sum()", "sum(a..b)", "unique(x", "mean(x)", "sum(\"x\")", "sum(a\x00b)"} {
		if _, err := ParseMeasure(bad); err == nil {
			t.Errorf("ParseMeasure(%q) gave no error", bad)
		}
	}
}

func TestRollup(t *testing.T) {
	r := Rollup{Event: "Order Completed", Measure: Measure{Kind: Sum, Prop: "revenue"}, By: "plan"}
	if got := r.ID(); got != `"Order Completed" sum(revenue) by "plan"` {
		t.Errorf("ID %s", got)
	}
	if k := (CellKey{Rollup: r, Group: "pro"}); k.Series() != r.Series("pro") {
		t.Errorf("CellKey.Series = %q, want %q", k.Series(), r.Series("pro"))
	}
	if !strings.HasPrefix(r.Series("pro"), r.SeriesPrefix()) {
		t.Error("a series does not start with its rollup's prefix")
	}
	plain := Rollup{Event: "Signed Up", Measure: CountMeasure}
	if plain.Needed() || plain.Series("") != "Signed Up" {
		t.Error("a plain count must read the base rollup")
	}
	got := SortRollups([]Rollup{r, plain, BaseRollup, r, {Event: "A", Measure: Measure{Kind: Unique, Prop: "userId"}}})
	if len(got) != 3 || !got[0].IsBase() || got[1].Event != "A" || got[2] != r {
		t.Errorf("SortRollups = %v", got)
	}
	spec := RollupSpec{Event: "Order Completed", Measures: []string{"sum(revenue)", "unique(userId)"}, By: []string{"plan"}}
	rs, err := spec.Expand()
	want := `["Order Completed" count by "plan" "Order Completed" sum(revenue) "Order Completed" sum(revenue) by "plan" "Order Completed" unique(userId) "Order Completed" unique(userId) by "plan"]`
	if err != nil || fmt.Sprint(rs) != want {
		t.Fatalf("Expand = %v, %v; want %s (the count by plan comes with the breakdown)", rs, err, want)
	}
	if _, err := (RollupSpec{Event: "x", Measures: []string{"mean(x)"}}).Expand(); err == nil {
		t.Error("a bad measure in rollups: gave no error")
	}
}

// setSketch is an exact Sketch for tests.
type setSketch map[string]bool

func (s setSketch) Insert(v []byte) { s[string(v)] = true }
func (s setSketch) Merge(o Sketch) error {
	for k := range o.(setSketch) {
		s[k] = true
	}
	return nil
}
func (s setSketch) Estimate() uint64               { return uint64(len(s)) }
func (s setSketch) MarshalBinary() ([]byte, error) { return nil, nil }

func sketchOf(vals ...string) Sketch {
	s := setSketch{}
	for _, v := range vals {
		s.Insert([]byte(v))
	}
	return s
}

func TestFillCells(t *testing.T) {
	RegisterSketch(func() Sketch { return setSketch{} }, func([]byte) (Sketch, error) { return setSketch{}, nil })
	day := time.Date(2026, 11, 25, 0, 0, 0, 0, time.UTC)
	h := func(d, hour int) Hour { return HourOf(day.AddDate(0, 0, d).Add(time.Duration(hour) * time.Hour)) }
	q := Query{Every: Daily, From: day, To: day.AddDate(0, 0, 2), Loc: time.UTC}

	t.Run("sum", func(t *testing.T) {
		q := q
		q.Measure = Measure{Kind: Sum, Prop: "revenue"}
		r, err := FillCells(q, map[Hour]*Cell{h(0, 14): sCell(85, 0), h(0, 16): sCell(29.99, 0), h(1, 1): sCell(1, 0)})
		if err != nil {
			t.Fatal(err)
		}
		if r.Points[0].Value != 114.99 || r.Points[1].Value != 1 || r.Total != 115.99 {
			t.Errorf("points %v total %v", r.Points, r.Total)
		}
	})
	t.Run("unique total is not the sum of days", func(t *testing.T) {
		q := q
		q.Measure = Measure{Kind: Unique, Prop: "userId"}
		r, err := FillCells(q, map[Hour]*Cell{h(0, 1): uCell(sketchOf("a", "b")), h(0, 2): uCell(sketchOf("b", "c")), h(1, 5): uCell(sketchOf("a"))})
		if err != nil {
			t.Fatal(err)
		}
		if r.Points[0].Value != 3 || r.Points[1].Value != 1 || r.Total != 3 {
			t.Errorf("points %v total %v, want 3, 1 and 3", r.Points, r.Total)
		}
	})
	t.Run("groups: top N then other", func(t *testing.T) {
		q := q
		q.Measure, q.By, q.Top = CountMeasure, "plan", 2
		r, err := FillGroups(q, map[string]map[Hour]*Cell{
			"free": {h(0, 1): nCell(5)}, "pro": {h(0, 1): nCell(7), h(1, 1): nCell(1)},
			"team": {h(1, 3): nCell(2)}, "edu": {h(1, 3): nCell(2)}, OtherGroup: {h(0, 9): nCell(4)},
		})
		if err != nil {
			t.Fatal(err)
		}
		var got []string
		for _, g := range r.Groups {
			got = append(got, g.Value+"="+formatFloat(g.Total))
		}
		if strings.Join(got, " ") != "pro=8 free=5 (other)=8" {
			t.Errorf("groups %v, want pro=8 free=5 (other)=8", got)
		}
		if r.Total != 21 || !r.Folded {
			t.Errorf("total %v folded %v, want 21 and true", r.Total, r.Folded)
		}
		q.Filter = "team"
		r, err = FillGroups(q, map[string]map[Hour]*Cell{"free": {h(0, 1): nCell(5)}, "team": {h(1, 3): nCell(2)}})
		if err != nil {
			t.Fatal(err)
		}
		if r.Total != 2 || len(r.Groups) != 0 || r.Points[1].Value != 2 {
			t.Errorf("filter team: total %v groups %v points %v", r.Total, r.Groups, r.Points)
		}
	})
}

func formatFloat(f float64) string { return strconv.FormatFloat(f, 'f', -1, 64) }

func TestSiteRollups(t *testing.T) {
	s := &Site{
		Config: Config{Rollups: []RollupSpec{{Event: "Order Completed", Measures: []string{"sum(revenue)"}}}},
		Pages: []*Page{
			{Meta: Meta{Queries: map[string]QuerySpec{
				"a": {Event: "Order Completed", Measure: "sum(revenue)"},
				"b": {Event: "Signed Up", By: "plan"},
				"c": {Event: "Signed Up"},
				"d": {Event: "x", Measure: "summ(x)"},
			}}},
			// A template over events asks for the pattern its copies
			// read; a count without a breakdown is read from the base.
			{Meta: Meta{Each: "event", Queries: map[string]QuerySpec{
				"e": {Event: "$each", Measure: "sum(revenue)"},
				"f": {Event: "$each", Measure: "unique(userId)", By: "plan", Resolution: "day"},
				"g": {Event: "$each"},
			}}},
			// A template over a property: its filter and where say $each,
			// and read the same rollup whatever the value.
			{Meta: Meta{Each: "device", EachEvent: "Signed Up", Queries: map[string]QuerySpec{
				"h": {Event: "Signed Up", Measure: "unique(userId)", Where: map[string]string{"device": "$each"}},
				"i": {Event: "Signed Up", By: "device", Filter: "$each"},
			}}},
			// Not a template: $each is an error check reports, no rollup.
			{Meta: Meta{Queries: map[string]QuerySpec{"j": {Event: "$each", Measure: "sum(x)"}}}},
		},
	}
	rs, err := s.Rollups()
	if err != nil {
		t.Fatal(err)
	}
	var ids []string
	for _, r := range rs {
		ids = append(ids, r.ID())
	}
	want := `"*" sum(revenue)|"*" unique(userId) by "plan" per day|"Order Completed" sum(revenue)|` +
		`"Signed Up" count by "device"|"Signed Up" count by "plan"|"Signed Up" unique(userId) by "device"`
	if got := strings.Join(ids, "|"); got != want {
		t.Errorf("rollups %s", got)
	}
}

func TestParseRollupID(t *testing.T) {
	for _, r := range []Rollup{BaseRollup,
		{Event: "Order Completed", Measure: Measure{Kind: Sum, Prop: "revenue"}, By: "plan"},
		{Event: `we "ird" by x`, Measure: Measure{Kind: Unique, Prop: "userId"}},
		{Event: "a", Measure: CountMeasure, By: "context.os.name"},
		{Event: "Order Completed", Measure: CountMeasure, By: "plan,platform"}} {
		back, err := ParseRollupID(r.ID())
		if err != nil || back != r {
			t.Errorf("ParseRollupID(%s) = %v, %v", r.ID(), back, err)
		}
	}
	for _, bad := range []string{"", "x", `"a"`, `"a" summ(x)`, `"a" count by plan`, `"a" count by "p" x`} {
		if _, err := ParseRollupID(bad); err == nil {
			t.Errorf("ParseRollupID(%q) gave no error", bad)
		}
	}
}
