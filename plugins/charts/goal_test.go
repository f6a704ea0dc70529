package charts

import (
	"encoding/json"
	"strings"
	"testing"

	"github.com/dashsmith/dashsmith/build"
)

func TestGoal(t *testing.T) {
	render := New(Options{}).Blocks()["chart"]
	s := &build.Site{Now: now}
	t.Run("LineHasDashedTarget", func(t *testing.T) {
		p := checkout(t)
		out, err := render(s, p, []byte("type: line\nquery: orders\ngoal: 30000\n"), 1)
		if err != nil {
			t.Fatal(err)
		}
		m := optionsRE.FindSubmatch(out)
		var opt struct {
			Series []struct {
				Type, Name string
				Data       []any
				LineStyle  struct{ Type string }
				EndLabel   struct{ Formatter string }
			}
			Grid []struct{ Right string }
		}
		if m == nil || json.Unmarshal(m[2], &opt) != nil {
			t.Fatalf("no options in\n%s", out)
		}
		if len(opt.Grid) != 1 || opt.Grid[0].Right != "88" {
			t.Errorf("no room for the goal's label: grid %+v", opt.Grid)
		}
		g := opt.Series[len(opt.Series)-1]
		if g.Name != "Goal 30,000" || g.LineStyle.Type != "dashed" || g.EndLabel.Formatter != "Goal 30,000" || len(g.Data) != 3 || g.Data[0] != 30000.0 {
			t.Fatalf("goal series %+v", g)
		}
		if !strings.Contains(string(out), "Goal 30,000.</p>") {
			t.Errorf("the goal is not listed under the chart:\n%s", out)
		}
		r := p.Data["orders"]
		js, err := exportJSON(spec{Title: "O", Goal: ptr(30000.0)}, r, completenessOf(s, r))
		if err != nil || !strings.Contains(string(js), `"goal": 30000`) {
			t.Errorf("JSON download without the goal: %s %v", js, err)
		}
	})
	t.Run("NoGoalLeavesOptionsAlone", func(t *testing.T) {
		out, err := render(s, checkout(t), []byte("type: line\nquery: orders\n"), 1)
		if err != nil || strings.Contains(string(out), "Goal") {
			t.Fatalf("%v\n%s", err, out)
		}
	})
	t.Run("NumberProgress", func(t *testing.T) {
		p := checkout(t)
		r := p.Data["orders"]
		goal := r.Total * 2
		body := "type: number\nquery: orders\ngoal: " + numText(goal) + "\n"
		out, err := render(s, p, []byte(body), 1)
		if err != nil {
			t.Fatal(err)
		}
		want := "50% of goal " + formatValue(goal, "number")
		if !strings.Contains(string(out), want) || !strings.Contains(string(out), "width:50%") {
			t.Fatalf("want %q and a half bar:\n%s", want, out)
		}
	})
	t.Run("Errors", func(t *testing.T) {
		for _, c := range []struct{ body, want string }{
			{"type: line\nquery: orders\ngoal: lots\n", "f.md:12:"},
			{"type: pie\nquery: orders\ngoal: 10\n", "f.md:12: chart: goal draws a target on a time chart or a number, not on type pie"},
			{"type: line\nquery: orders\ngaol: 10\n", `f.md:12: unknown key "gaol" (did you mean "goal"?)`},
		} {
			_, _, err := parseSpec("f.md", 9, []byte(c.body), checkout(t))
			if err == nil || !strings.Contains(err.Error(), c.want) {
				t.Errorf("%q: want %q in %v", c.body, c.want, err)
			}
		}
	})
}

func ptr[T any](v T) *T { return &v }
