package charts

import (
	"encoding/csv"
	"encoding/json"
	"math"
	"regexp"
	"strings"
	"testing"
	"time"

	"github.com/dashsmith/dashsmith/build"
)

// gapPage is a page whose daily query "g" has three buckets, the middle
// one a gap, and whose total and comparison total are gaps as well.
func gapPage(t *testing.T) (*build.Page, *build.Result) {
	t.Helper()
	q, err := build.QuerySpec{Event: "e", Every: "day", Range: "2026-03-01..2026-03-04", Compare: "previous period"}.Resolve("g", now, time.UTC)
	if err != nil {
		t.Fatal(err)
	}
	hourly := map[build.Hour]float64{build.HourOf(q.From): 5, build.HourOf(q.From.Add(48 * time.Hour)): 7}
	r := build.Fill(q, hourly)
	if len(r.Points) != 3 {
		t.Fatalf("points %d", len(r.Points))
	}
	r.Points[1].Gap = true
	r.Total, r.TotalGap = 0, true
	if r.Previous == nil {
		r.Previous = &build.Result{Query: q, Points: append([]build.Point(nil), r.Points...)}
	}
	p := &build.Page{Source: "g.md", Meta: build.Meta{Queries: map[string]build.QuerySpec{"g": {}}}, Data: map[string]*build.Result{"g": r}}
	return p, r
}

func TestGaps(t *testing.T) {
	render := New(Options{}).Blocks()["chart"]
	s := &build.Site{Now: now}
	p, r := gapPage(t)
	cm := completenessOf(s, r)
	t.Run("LineAndBarBreak", func(t *testing.T) {
		for _, typ := range []string{"line", "bar", "area"} {
			out, err := render(s, p, []byte("type: "+typ+"\nquery: g\n"), 1)
			if err != nil {
				t.Fatal(err)
			}
			m := optionsRE.FindSubmatch(out)
			var opt struct {
				Series []struct{ Data []struct{ Value any } }
			}
			if m == nil || json.Unmarshal(m[2], &opt) != nil || len(opt.Series) == 0 {
				t.Fatalf("%s: no options in\n%s", typ, out)
			}
			d := opt.Series[0].Data
			if len(d) != 3 || d[0].Value != 5.0 || d[1].Value != noValue || d[2].Value != 7.0 {
				t.Errorf("%s: want 5, %q, 7: %+v", typ, noValue, d)
			}
			if !strings.Contains(string(out), "<td") || !regexp.MustCompile(`<td[^>]*>—</td>`).Match(out) {
				t.Errorf("%s: the no-JS table shows no — for the gap:\n%s", typ, out)
			}
		}
	})
	t.Run("Number", func(t *testing.T) {
		out, err := render(s, p, []byte("type: number\nquery: g\n"), 1)
		if err != nil {
			t.Fatal(err)
		}
		html := string(out)
		if !strings.Contains(html, `<div class="ds-number ds-gap">`) || strings.Contains(html, `<data value="0">`) {
			t.Errorf("the card's total should read —:\n%s", html)
		}
		if !strings.Contains(html, "no data to compare") || strings.Contains(html, "%</span>") {
			t.Errorf("the delta should say there is no data to compare:\n%s", html)
		}
		if strings.Count(html, "<polyline class=\"ds-spark-line\"") != 2 {
			t.Errorf("the sparkline should break at the gap into two lines:\n%s", html)
		}
	})
	t.Run("Inline", func(t *testing.T) {
		v, err := inlineValue(s, p, []string{"g"})
		if err != nil || !strings.Contains(string(v), missing) {
			t.Errorf("value: %s %v", v, err)
		}
		d, err := inlineDelta(s, p, []string{"g"})
		if err != nil || !strings.Contains(string(d), "no data to compare") {
			t.Errorf("delta: %s %v", d, err)
		}
	})
	t.Run("CSV", func(t *testing.T) {
		r := *r
		r.Previous = nil
		rows, err := csv.NewReader(strings.NewReader(string(exportCSV(&r, cm)))).ReadAll()
		if err != nil || len(rows) != 4 || rows[1][1] != "5" || rows[2][1] != "" || rows[3][1] != "7" {
			t.Fatalf("rows %q %v", rows, err)
		}
	})
	t.Run("JSON", func(t *testing.T) {
		out, err := exportJSON(spec{Title: "G"}, r, cm)
		if err != nil {
			t.Fatal(err)
		}
		var f struct {
			Total  *float64
			Points []struct{ Value *float64 }
		}
		if err := json.Unmarshal(out, &f); err != nil {
			t.Fatal(err)
		}
		if f.Total != nil || len(f.Points) != 3 || f.Points[0].Value == nil || f.Points[1].Value != nil || *f.Points[2].Value != 7 {
			t.Fatalf("want a null total and a null middle point:\n%s", out)
		}
	})
}

func TestHeatmapGap(t *testing.T) {
	q, err := build.QuerySpec{Event: "e", Every: "hour", Range: "2026-03-02..2026-03-03"}.Resolve("h", now, time.UTC)
	if err != nil {
		t.Fatal(err)
	}
	r := build.Fill(q, map[build.Hour]float64{build.HourOf(q.From): 3})
	r.Points[1].Gap = true
	cells := heat(r, completenessOf(&build.Site{Now: now}, r))
	if cells[0][0] != 3 || !math.IsNaN(cells[0][1]) || cells[0][2] != 0 {
		t.Fatalf("want 3, empty (NaN), 0 on Monday 00..02: %v", cells[0][:3])
	}
}
