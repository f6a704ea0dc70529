package build

import (
	"crypto/sha256"
	"fmt"
	"strings"
	"testing"
	"time"
)

func TestQuerySpec_ResolveWhere(t *testing.T) {
	now := time.Date(2026, 3, 10, 12, 0, 0, 0, time.UTC)
	q, err := QuerySpec{Event: "Order Completed", Where: map[string]string{"platform": "ios", "plan": "pro"}}.Resolve("q", now, time.UTC)
	if err != nil {
		t.Fatal(err)
	}
	if got := q.Rollup().ID(); got != `"Order Completed" count by "plan,platform"` {
		t.Errorf("rollup %s", got)
	}
	if g, one := q.Single(); !one || g != "pro\x1eios" {
		t.Errorf("Single() = %q, %v", g, one)
	}
	if q.Top != 0 {
		t.Errorf("a where without by has top %d", q.Top)
	}
	q, err = QuerySpec{Event: "Order Completed", By: "country", Measure: "sum(revenue)", Where: map[string]string{"plan": "pro"}}.Resolve("q", now, time.UTC)
	if err != nil {
		t.Fatal(err)
	}
	if got := q.Rollup().ID(); got != `"Order Completed" sum(revenue) by "country,plan"` {
		t.Errorf("rollup %s", got)
	}
	if _, one := q.Single(); one || q.Top != DefaultTop {
		t.Errorf("where with by: Single %v, top %d", one, q.Top)
	}
	// filter is the one-property shorthand: it reads the rollup by that
	// property, as it always did.
	q, err = QuerySpec{Event: "e", By: "plan", Filter: "pro"}.Resolve("q", now, time.UTC)
	if g, one := q.Single(); err != nil || !one || g != "pro" || q.Rollup().By != "plan" {
		t.Errorf("filter: %v %q %v %s", err, g, one, q.Rollup().ID())
	}

	for _, tc := range []struct {
		name string
		qs   QuerySpec
		want string
	}{
		{"Empty", QuerySpec{Event: "e", Where: map[string]string{}}, "where is empty"},
		{"FilterToo", QuerySpec{Event: "e", By: "plan", Filter: "pro", Where: map[string]string{"os": "ios"}}, "filter and where together"},
		{"ByToo", QuerySpec{Event: "e", By: "plan", Where: map[string]string{"plan": "pro"}}, "where plan and by plan name the same property"},
		{"BadPath", QuerySpec{Event: "e", Where: map[string]string{"a..b": "x"}}, `property path "a..b" has an empty part`},
		{"Comma", QuerySpec{Event: "e", Where: map[string]string{"a,b": "x"}}, `character ',' is not allowed`},
		{"TooMany", QuerySpec{Event: "e", Where: map[string]string{"a": "1", "b": "2", "c": "3", "d": "4", "e": "5"}}, "5 properties: a combination holds at most 4"},
		{"TooManyWithBy", QuerySpec{Event: "e", By: "z", Where: map[string]string{"a": "1", "b": "2", "c": "3", "d": "4"}}, "5 properties"},
		{"Control", QuerySpec{Event: "e", Where: map[string]string{"a": "x\x1ey"}}, "control character"},
		{"TooLong", QuerySpec{Event: "e", Where: map[string]string{"a": strings.Repeat("x", MaxGroupBytes+1)}}, "no event can match it"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			_, err := tc.qs.Resolve("q", now, time.UTC)
			if err == nil || !strings.Contains(err.Error(), tc.want) {
				t.Fatalf("got %v, want %q", err, tc.want)
			}
		})
	}
}

func TestCheckBy(t *testing.T) {
	for in, want := range map[string]string{"plan": "plan", "platform,plan": "plan,platform", " b , a ": "a,b"} {
		if got, err := CheckBy(in); err != nil || got != want {
			t.Errorf("CheckBy(%q) = %q, %v; want %q", in, got, err, want)
		}
	}
	for _, bad := range []string{"a,a", "a,", "a,b,c,d,e", "a,b(c)"} {
		if _, err := CheckBy(bad); err == nil {
			t.Errorf("CheckBy(%q) gave no error", bad)
		}
	}
}

// A combination is declared in dashsmith.yaml as a by of paths joined by
// ",", in any order, and comes out as the rollup a where query reads.
func TestRollupSpec_ExpandComposite(t *testing.T) {
	rs, err := RollupSpec{Event: "Order Completed", Measures: []string{"sum(revenue)"}, By: []string{"platform, plan"}}.Expand()
	if err != nil {
		t.Fatal(err)
	}
	var ids []string
	for _, r := range rs {
		ids = append(ids, r.ID())
	}
	want := `"Order Completed" count by "plan,platform"|"Order Completed" sum(revenue)|"Order Completed" sum(revenue) by "plan,platform"`
	if got := strings.Join(ids, "|"); got != want {
		t.Errorf("rollups\n%s\nwant\n%s", got, want)
	}
	s := &Site{Pages: []*Page{{Meta: Meta{Queries: map[string]QuerySpec{
		"a": {Event: "Order Completed", Where: map[string]string{"platform": "ios", "plan": "pro"}},
		"b": {Event: "Order Completed", By: "country", Where: map[string]string{"plan": "pro"}},
		"c": {Event: "Order Completed", By: "plan", Where: map[string]string{"plan": "pro"}}, // an error at build
	}}}}}
	got, err := s.Rollups()
	if err != nil {
		t.Fatal(err)
	}
	ids = ids[:0]
	for _, r := range got {
		ids = append(ids, r.ID())
	}
	want = `"Order Completed" count by "country,plan"|"Order Completed" count by "plan,platform"`
	if g := strings.Join(ids, "|"); g != want {
		t.Errorf("site rollups\n%s\nwant\n%s", g, want)
	}
}

// A where with a by walks the combination's groups whose where parts
// match, under their by part, and (other) as it is.
func TestBreakdown_Where(t *testing.T) {
	at := time.Date(2026, 3, 1, 0, 0, 0, 0, time.UTC)
	h := HourOf(at)
	cell := func(n int64) map[Hour]*Cell {
		c, _ := NewCell(CountMeasure)
		for range n {
			c.Add(Value{})
		}
		return map[Hour]*Cell{h: c}
	}
	q := Query{Event: "e", Measure: CountMeasure, By: "plan", Top: 5, Where: []Cond{{Prop: "os", Value: "ios"}},
		Every: Daily, From: at, To: at.AddDate(0, 0, 1), Loc: time.UTC}
	if got := q.Rollup().By; got != "os,plan" {
		t.Fatalf("rollup by %q", got)
	}
	res, err := FillGroups(q, map[string]map[Hour]*Cell{
		"ios\x1epro":      cell(3),
		"ios\x1efree":     cell(2),
		"android\x1epro":  cell(7),
		"(none)\x1epro":   cell(1),
		"ios\x1e(none)":   cell(4),
		OtherGroup:        cell(5),
		"malformed value": cell(9),
	})
	if err != nil {
		t.Fatal(err)
	}
	var got []string
	for _, g := range res.Groups {
		got = append(got, fmt.Sprint(g.Value, "=", g.Total))
	}
	if s := strings.Join(got, " "); s != "(none)=4 pro=3 free=2 (other)=5" || res.Total != 14 {
		t.Errorf("groups %s, total %v", s, res.Total)
	}
}

// The digest of a query without a where is what it was before where
// existed: a site that uses none builds byte for byte as before.
func TestDigester_QueryWithoutWhere(t *testing.T) {
	at := time.Date(2026, 3, 1, 0, 0, 0, 0, time.UTC)
	q := Query{Name: "o", Event: "e", Measure: CountMeasure, By: "plan", Filter: "pro", Every: Daily, From: at, To: at, Loc: time.UTC}
	d := NewDigester(sha256.New())
	d.Query(q)
	old := NewDigester(sha256.New())
	for _, s := range []string{"o", "e", "count", "plan"} {
		old.String(s)
	}
	old.Int(0)
	old.String("pro")
	old.String("")
	old.String("day")
	old.Time(at)
	old.Time(at)
	old.String("UTC")
	old.String("") // no formula, rolling or cumulative
	old.Int(0)
	old.Bool(false)
	if string(d.Sum(nil)) != string(old.Sum(nil)) {
		t.Error("a query without where digests differently from the fields it always had")
	}
}

// The fold makes a combination's group value from its parts, each as a
// breakdown by that property makes it (cleaned, cut to MaxGroupBytes,
// (none) when missing or null), joined by \x1e; a line's fold into (other)
// is counted once per combination, apart from a single property's.
func TestFold_Composite(t *testing.T) {
	combo := Rollup{Event: "Buy", Measure: CountMeasure, By: "os,plan"}
	byPlan := Rollup{Event: "Buy", Measure: CountMeasure, By: "plan"}
	long := strings.Repeat("é", MaxGroupBytes) // 2 bytes a rune: cut to MaxGroupBytes/2 runes
	lines := "Buy 1 plan=pro os=ios\nBuy 2 plan=pro os=ios\nBuy 3 plan=free\nBuy 4 plan=null os=7\nBuy 5 plan=" + long + " os=a\x01b\n"
	b := fold(t, lines, FoldOptions{}, 0, combo, byPlan)
	got := groupsAt(b, combo, HourOf(foldStart))
	want := map[string]int64{"ios\x1epro": 2, "(none)\x1efree": 1, "7\x1e(none)": 1,
		"a\ufffdb\x1e" + strings.Repeat("é", MaxGroupBytes/2): 1}
	if fmt.Sprint(got) != fmt.Sprint(want) {
		t.Errorf("groups\n%+q\nwant\n%+q", fmt.Sprint(got), fmt.Sprint(want))
	}
	for g := range got {
		if len(g) > MaxWhere*MaxGroupBytes+MaxWhere-1 {
			t.Errorf("group of %d bytes", len(g))
		}
	}
	// Under a cap of 1, plan keeps pro and folds free (1), and the
	// combination keeps one of its three values and folds two (2): folds
	// count per property, and a combination is a property of its own.
	b = fold(t, "Buy 1 plan=pro os=ios\nBuy 2 plan=free os=ios\nBuy 3 plan=pro os=mac\n", FoldOptions{Cardinality: 1}, 0, combo, byPlan)
	if b.Stats.Folded != 3 {
		t.Fatalf("folded %d: %+v", b.Stats.Folded, b.Stats)
	}
}

func TestQuery_GroupPrefix(t *testing.T) {
	for _, tt := range []struct {
		by    string
		where []Cond
		want  string
	}{
		{"dependency.version", []Cond{{Prop: "dependency.name", Value: "Alamofire"}}, "Alamofire\x1e"},
		{"a", []Cond{{Prop: "b", Value: "x"}}, ""}, // the by sorts first: every group
		{"b", []Cond{{Prop: "a", Value: "x"}, {Prop: "c", Value: "z"}}, "x\x1e"},
		{"c", []Cond{{Prop: "a", Value: "x"}, {Prop: "b", Value: "y"}}, "x\x1ey\x1e"},
		{"", []Cond{{Prop: "a", Value: "x"}}, ""}, // one series, no walk
		{"a", nil, ""},
	} {
		q := Query{By: tt.by, Where: tt.where}
		if got := q.GroupPrefix(); got != tt.want {
			t.Errorf("by %q where %v: %q, want %q", tt.by, tt.where, got, tt.want)
		}
	}
}
