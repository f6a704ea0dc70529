package charts

import (
	"encoding/csv"
	"encoding/json"
	"strings"
	"testing"
	"time"

	"github.com/dashsmith/dashsmith/build"
)

func TestExport(t *testing.T) {
	q, err := build.QuerySpec{Event: "</script>", Every: "day", Range: "last 2 days", By: "plan", Top: 10}.Resolve("q", now, time.UTC)
	if err != nil {
		t.Fatal(err)
	}
	hostile := []string{"=1+2", "+cmd", "-2", "@SUM(A1)", "\tx", "\rx", `"><img src=x>`, "plain"}
	groups := map[string]map[build.Hour]*build.Cell{}
	for i, g := range hostile {
		groups[g] = map[build.Hour]*build.Cell{build.HourOf(q.From): {N: int64(10 + i)}}
	}
	r, err := build.FillGroups(q, groups)
	if err != nil {
		t.Fatal(err)
	}
	t.Run("CSV", func(t *testing.T) {
		rows, err := csv.NewReader(strings.NewReader(string(exportCSV(r)))).ReadAll()
		if err != nil {
			t.Fatal(err)
		}
		if strings.Join(rows[0], ",") != "time,group,value" || len(rows) != 1+2*len(hostile) {
			t.Fatalf("rows %q", rows)
		}
		for _, row := range rows[1:] {
			if g := row[1]; strings.ContainsRune("=+-@\t\r", rune(g[0])) {
				t.Errorf("cell %q would run as a formula", g)
			}
		}
		if rows[1][0] != "2026-03-03T00:00:00Z" || rows[1][1] != "plain" || rows[2][1] != `"><img src=x>` || rows[3][1] != "'\rx" ||
			rows[8][1] != "'=1+2" || rows[8][2] != "10" {
			t.Fatalf("rows %q", rows[1:9])
		}
	})
	t.Run("CSVCompare", func(t *testing.T) {
		p := checkout(t)
		o := *p.Data["orders"]
		o.Previous = &build.Result{Points: []build.Point{{Time: o.Points[0].Time.AddDate(0, 0, -3), Value: -1}, {}, {}}}
		got := string(exportCSV(&o))
		if !strings.HasPrefix(got, "time,value,previous_time,previous_value\n2026-03-02T00:00:00Z,24000,2026-02-27T00:00:00Z,-1\n") {
			t.Fatalf("got\n%s", got)
		}
	})
	t.Run("JSON", func(t *testing.T) {
		cm := completeness{through: time.Date(2026, 3, 4, 15, 0, 0, 0, time.UTC)}
		out, err := exportJSON(spec{Title: "<b>Plans</b>"}, r, cm)
		if err != nil {
			t.Fatal(err)
		}
		if strings.ContainsAny(string(out), "<>") {
			t.Fatalf("unescaped < or > in\n%s", out)
		}
		var f dataFile
		if err := json.Unmarshal(out, &f); err != nil {
			t.Fatal(err)
		}
		if f.Title != "<b>Plans</b>" || f.Event != "</script>" || f.Query != "q" || f.By != "plan" || f.Through != "2026-03-04T15:00:00Z" ||
			len(f.Groups) != len(hostile) || f.Groups[1].Value != `"><img src=x>` || f.Groups[7].Value != "=1+2" || f.Timezone != "UTC" || len(f.Points) != 2 {
			t.Fatalf("%+v", f)
		}
	})
}
