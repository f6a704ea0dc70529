package charts

import (
	"encoding/json"
	"strings"
	"testing"

	"github.com/dashsmith/dashsmith/build"
)

// TestFormulaLabels checks that a formula's values are named by its
// expression, not by the count its Query carries as a measure: the
// table's column, the screen reader's description and the JSON download.
func TestFormulaLabels(t *testing.T) {
	p := checkout(t)
	r := *p.Data["orders"]
	r.Query.Formula = "revenue / orders"
	r.Query.Event = ""
	p.Data["aov"] = &r
	p.Meta.Queries["aov"] = build.QuerySpec{Formula: "revenue / orders"}
	s := &build.Site{Now: now}
	out, err := New(Options{}).Blocks()["chart"](s, p, []byte("type: line\nquery: aov\ntitle: AOV\n"), 1)
	if err != nil {
		t.Fatal(err)
	}
	for _, want := range []string{`aria-label="Line chart: AOV, revenue / orders per day`, `<th scope="col">Revenue / orders</th>`} {
		if !strings.Contains(string(out), want) {
			t.Errorf("no %q in\n%s", want, out)
		}
	}
	var f map[string]any
	if err := json.Unmarshal(s.Files[p.URL+"chart-1.json"], &f); err != nil || f["formula"] != "revenue / orders" || f["measure"] != nil {
		t.Errorf("JSON download: %v %v", f, err)
	}
}
