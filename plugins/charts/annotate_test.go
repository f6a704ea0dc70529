package charts

import (
	"encoding/json"
	"strings"
	"testing"

	"github.com/dashsmith/dashsmith/build"
)

// TestAnnotations draws the site's annotations on a daily chart of
// 2026-03-02 to 2026-03-04: a moment inside the range at its bucket, a
// span that starts before the range clipped to it, and one outside left
// off; their text escaped everywhere it goes.
func TestAnnotations(t *testing.T) {
	s := &build.Site{Now: now, Config: build.Config{Annotations: []build.AnnotationSpec{
		{At: "2026-03-03", Text: "v2 </script><b>launch</b> {b}"},
		{At: "2026-03-01", Until: "2026-03-03T12:00:00Z", Text: "sale"},
		{At: "2026-02-01", Text: "old"},
	}}}
	render := New(Options{}).Blocks()["chart"]
	p := checkout(t)
	out, err := render(s, p, []byte("type: line\nquery: orders\n"), 1)
	if err != nil {
		t.Fatal(err)
	}
	m := optionsRE.FindSubmatch(out)
	if m == nil {
		t.Fatalf("no options in\n%s", out)
	}
	if strings.Contains(string(m[2]), "</script>") || strings.Contains(string(m[2]), "<b>") {
		t.Errorf("annotation text unescaped inside <script>: %s", m[2])
	}
	var opt struct {
		Series []struct {
			Name     string
			MarkLine struct {
				Data []struct {
					XAxis int
					Name  string
				}
				Label struct{ Formatter string }
			}
			MarkArea struct {
				Data [][]struct {
					XAxis int
					Name  string
				}
			}
		}
	}
	if err := json.Unmarshal(m[2], &opt); err != nil {
		t.Fatal(err)
	}
	a := opt.Series[len(opt.Series)-1]
	if a.Name != "Annotations" || len(a.MarkLine.Data) != 1 || a.MarkLine.Data[0].XAxis != 1 || a.MarkLine.Data[0].Name != "v2 </script><b>launch</b> {b}" || a.MarkLine.Label.Formatter != "{b}" {
		t.Errorf("mark line %+v", a)
	}
	if len(a.MarkArea.Data) != 1 || a.MarkArea.Data[0][0].XAxis != 0 || a.MarkArea.Data[0][1].XAxis != 1 || a.MarkArea.Data[0][0].Name != "sale" {
		t.Errorf("mark area %+v", a.MarkArea)
	}
	if want := "Annotations: 2026-03-01 to 2026-03-03 12:00 sale; 2026-03-03 v2 &lt;/script&gt;&lt;b&gt;launch&lt;/b&gt; {b}."; !strings.Contains(string(out), want) {
		t.Errorf("the annotations are not listed under the chart as %q:\n%s", want, out)
	}
	if strings.Contains(string(out), "old") {
		t.Errorf("an annotation outside the range is drawn")
	}
	js := s.Files[p.URL+"chart-1.json"]
	var f struct{ Annotations []jsonMark }
	if err := json.Unmarshal(js, &f); err != nil || len(f.Annotations) != 2 || f.Annotations[0] != (jsonMark{At: "2026-03-01T00:00:00Z", Until: "2026-03-03T12:00:00Z", Text: "sale"}) {
		t.Errorf("JSON download: %+v %v\n%s", f, err, js)
	}

	t.Run("Off", func(t *testing.T) {
		out, err := render(s, checkout(t), []byte("type: bar\nquery: orders\nannotations: false\n"), 1)
		if err != nil || strings.Contains(string(out), "Annotations") || strings.Contains(string(out), "markLine") {
			t.Fatalf("%v\n%s", err, out)
		}
	})
	t.Run("NotOnANumber", func(t *testing.T) {
		out, err := render(s, checkout(t), []byte("type: number\nquery: orders\n"), 1)
		if err != nil || strings.Contains(string(out), "Annotations") {
			t.Fatalf("%v\n%s", err, out)
		}
		_, err = render(s, checkout(t), []byte("type: pie\nquery: orders\nannotations: true\n"), 4)
		if err == nil || !strings.Contains(err.Error(), ":7: chart: annotations are drawn on time charts") {
			t.Fatalf("annotations: true on a pie: %v", err)
		}
	})
}
