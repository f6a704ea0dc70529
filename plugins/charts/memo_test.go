package charts

import (
	"bytes"
	"fmt"
	"testing"
	"time"

	"github.com/dashsmith/dashsmith/build"
)

// TestMemo: a chart that several pages show is drawn once and comes out
// the same as drawn alone; any change to what it shows draws it anew.
func TestMemo(t *testing.T) {
	c := New(Options{})
	render := c.Blocks()["chart"]
	s := &build.Site{Now: now}
	// draw returns the chart's HTML followed by its JSON file.
	draw := func(p *build.Page, body string) []byte {
		t.Helper()
		out, err := render(s, p, []byte(body), 1)
		if err != nil {
			t.Fatal(err)
		}
		return append(append([]byte(nil), out...), s.Files[fmt.Sprintf("%schart-%d.json", p.URL, p.Charts)]...)
	}
	first, second := checkout(t), checkout(t)
	second.URL = "sales/y/"
	a := draw(first, "type: line\nquery: orders\n")
	b := draw(second, "type: line\nquery: orders\n")
	if len(c.memo) != 1 {
		t.Fatalf("two pages with the same chart made %d drawings; want 1", len(c.memo))
	}
	alone := draw(checkout(t), "type: line\nquery: orders\n")
	if !bytes.Equal(a, b) || !bytes.Equal(a, alone) {
		t.Fatal("the same chart drew differently on two pages")
	}
	if len(s.Files["sales/y/chart-1.csv"]) == 0 {
		t.Fatal("the second page lacks the CSV of the shared drawing")
	}

	// Each of these differs from the first chart in one input.
	changed := map[string]func() []byte{
		"title": func() []byte { return draw(checkout(t), "type: line\nquery: orders\ntitle: Orders\n") },
		"type":  func() []byte { return draw(checkout(t), "type: bar\nquery: orders\n") },
		"id": func() []byte {
			p := checkout(t)
			p.Charts = 1
			return draw(p, "type: line\nquery: orders\n")
		},
		"one value": func() []byte {
			p := checkout(t)
			r := *p.Data["orders"]
			r.Points = append([]build.Point(nil), r.Points...)
			r.Points[0].Value++
			p.Data["orders"] = &r
			return draw(p, "type: line\nquery: orders\n")
		},
		"query name": func() []byte {
			p := checkout(t)
			r := *p.Data["orders"]
			r.Query.Name = "sales"
			p.Data["sales"] = &r
			p.Meta.Queries["sales"] = p.Meta.Queries["orders"]
			return draw(p, "type: line\nquery: sales\ntitle: Order Completed\n")
		},
		"through": func() []byte {
			defer func(through time.Time) { s.Through = through }(s.Through)
			s.Through = now.Add(-time.Hour) // the same buckets are partial
			return draw(checkout(t), "type: line\nquery: orders\n")
		},
	}
	for name, f := range changed {
		if out := f(); bytes.Equal(out, a) {
			t.Errorf("changing the %s drew the same chart", name)
		}
	}
	if got, want := len(c.memo), 1+len(changed); got != want {
		t.Fatalf("%d drawings after %d different charts; want %d", got, want, want)
	}
}
