package dashsmith_test

import (
	"bytes"
	"context"
	"encoding/csv"
	"encoding/json"
	"flag"
	"os"
	"path/filepath"
	"regexp"
	"sort"
	"strings"
	"testing"
	"time"
	_ "time/tzdata" // zones without the system's database

	"github.com/dashsmith/dashsmith"
	"github.com/dashsmith/dashsmith/build"
	"github.com/dashsmith/dashsmith/internal/config"
	"github.com/dashsmith/dashsmith/plugins/charts"
	"github.com/dashsmith/dashsmith/plugins/content"
	"github.com/dashsmith/dashsmith/plugins/controls"
	"github.com/dashsmith/dashsmith/plugins/each"
	"github.com/dashsmith/dashsmith/plugins/frontmatter"
	"github.com/dashsmith/dashsmith/plugins/index"
	"github.com/dashsmith/dashsmith/plugins/layout"
	"github.com/dashsmith/dashsmith/plugins/lint"
	"github.com/dashsmith/dashsmith/plugins/markdown"
	_ "github.com/dashsmith/dashsmith/plugins/quantile" // p95(revenue) on the demo's pages
	"github.com/dashsmith/dashsmith/plugins/query"
)

var update = flag.Bool("update", false, "rewrite testdata/golden/ from the current output")

// now is the build's fixed "as of" instant.
var now = time.Date(2026, 3, 4, 15, 30, 0, 0, time.UTC)

// pipeline is the site pipeline, in the order the stages must run.
func pipeline() build.Pipeline {
	views := controls.New()
	return build.Pipeline{
		content.New(""),
		frontmatter.New(),
		each.New(),
		views,
		query.New(),
		lint.New(),
		markdown.New(),
		views.Wrap(),
		charts.New(charts.Options{ECharts: []byte("/* echarts.min.js */")}),
		index.New(),
		layout.New(dashsmith.Layouts, dashsmith.Static, ""),
	}
}

// buildSite runs the pipeline over the site in dir and returns its output
// files by path.
func buildSite(t *testing.T, dir string) map[string][]byte {
	t.Helper()
	cfg, err := config.Load(filepath.Join(dir, config.FileName))
	if err != nil {
		t.Fatal(err)
	}
	s := &build.Site{Config: cfg, Dir: dir, Store: patterned(), Now: now}
	if err := pipeline().Run(context.Background(), s); err != nil {
		t.Fatal(err)
	}
	out := map[string][]byte{}
	for name, data := range s.Files {
		out[name] = data
	}
	for _, p := range s.Pages {
		out[p.OutputPath()] = p.Body
	}
	return out
}

func TestSite_Golden(t *testing.T) {
	got := buildSite(t, filepath.Join("testdata", "site"))
	golden := filepath.Join("testdata", "golden")
	if *update {
		if err := os.RemoveAll(golden); err != nil {
			t.Fatal(err)
		}
		for name, data := range got {
			if !isGolden(name) {
				continue // assets are the theme's and the charts plugin's own files
			}
			path := filepath.Join(golden, filepath.FromSlash(name))
			if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
				t.Fatal(err)
			}
			if err := os.WriteFile(path, data, 0o644); err != nil {
				t.Fatal(err)
			}
		}
	}
	var want []string
	err := filepath.WalkDir(golden, func(path string, d os.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		rel, _ := filepath.Rel(golden, path)
		want = append(want, filepath.ToSlash(rel))
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	var pages []string
	for name := range got {
		if isGolden(name) {
			pages = append(pages, name)
		}
	}
	sort.Strings(pages)
	if strings.Join(pages, " ") != strings.Join(want, " ") {
		t.Fatalf("pages %v, golden files %v", pages, want)
	}
	for _, name := range want {
		t.Run(name, func(t *testing.T) {
			w, err := os.ReadFile(filepath.Join(golden, filepath.FromSlash(name)))
			if err != nil {
				t.Fatal(err)
			}
			if !bytes.Equal(got[name], w) {
				t.Errorf("%s differs from testdata/golden (go test -run TestSite_Golden -update to accept):\n%s", name, got[name])
			}
		})
	}
	t.Run("Assets", func(t *testing.T) {
		for _, name := range []string{"assets/dashsmith.css", "assets/charts.js", "assets/echarts-5.4.3.eb674f52ee.min.js"} {
			if len(got[name]) == 0 {
				t.Errorf("no %s", name)
			}
		}
	})
}

// isGolden says which output files testdata/golden holds: every page, and
// the data files of the page that shows every chart type.
func isGolden(name string) bool {
	return strings.HasSuffix(name, ".html") || strings.HasPrefix(name, "charts/") || strings.HasSuffix(name, "/values.js")
}

func TestSite_Deterministic(t *testing.T) {
	a := buildSite(t, filepath.Join("testdata", "site"))
	b := buildSite(t, filepath.Join("testdata", "site"))
	if len(a) != len(b) {
		t.Fatalf("%d files, then %d", len(a), len(b))
	}
	for name := range a {
		if !bytes.Equal(a[name], b[name]) {
			t.Errorf("%s differs between two builds", name)
		}
	}
}

func TestSite_XSS(t *testing.T) {
	out := buildSite(t, filepath.Join("testdata", "site"))
	for name, data := range out {
		if !strings.HasSuffix(name, ".html") {
			continue
		}
		html := string(data)
		for _, bad := range []string{"</script><script>", "<script>alert", "<img", "onerror=alert(1)>", "javascript:"} {
			if strings.Contains(html, bad) {
				t.Errorf("%s: unescaped %q", name, bad)
			}
		}
		// Every <script> this site writes is closed once, by its own </script>.
		if o, c := strings.Count(html, "<script"), strings.Count(html, "</script>"); o != c {
			t.Errorf("%s: %d <script> but %d </script>", name, o, c)
		}
		// File names offered for download are plain slugs.
		for _, m := range downloadRE.FindAllStringSubmatch(html, -1) {
			if !slugRE.MatchString(m[1]) {
				t.Errorf("%s: download name %q", name, m[1])
			}
		}
	}
	// A templated page per event: the hostile name makes a safe folder
	// and an escaped title, and the index links it.
	copyPage := string(out["events/script-script-alert-1-script/index.html"])
	if !strings.Contains(copyPage, `<h1>Event: &lt;/script&gt;&lt;script&gt;alert(1)&lt;/script&gt;</h1>`) {
		t.Errorf("events/script-script-alert-1-script/index.html: no escaped title in\n%s", copyPage)
	}
	if !strings.Contains(string(out["events/index.html"]), `<tr><td><a href="script-script-alert-1-script/index.html">&lt;/script&gt;&lt;script&gt;alert(1)&lt;/script&gt;</a></td>`) {
		t.Errorf("events/index.html does not list the page of the hostile event")
	}
	// The list's index file, which the list page loads with <script src>,
	// holds the name as a JavaScript string no "</script>" can end.
	if index := string(out["events/values.js"]); !strings.Contains(index, `["\u003c/script\u003e\u003cscript\u003ealert(1)\u003c/script\u003e","script-script-alert-1-script/index.html",`) ||
		strings.Contains(index, "<") {
		t.Errorf("events/values.js:\n%s", index)
	}
	page := string(out["xss/index.html"])
	for _, want := range []string{
		`<h1>&#34;&gt;&lt;img src=x onerror=alert(1)&gt;</h1>`,
		`<figcaption>&lt;/script&gt;&lt;script&gt;alert(1)&lt;/script&gt;</figcaption>`,
		`"name":"\u003c/script\u003e\u003cscript\u003ealert(1)\u003c/script\u003e"`,
		`"name":"\"\u003e\u003cimg src=x onerror=alert(1)\u003e"`,
		`<th scope="col">&lt;/script&gt;&lt;script&gt;alert(1)&lt;/script&gt;</th>`,
		`<th scope="col">&#34;&gt;&lt;img src=x onerror=alert(1)&gt;</th>`,
		`<th scope="row" data-value="&#34;&gt;&lt;img src=x onerror=alert(1)&gt;">&#34;&gt;&lt;img src=x onerror=alert(1)&gt;</th>`,
		`Inline values of hostile events: <data class="ds-value" value="`,
		`download="script-script-alert-1-script.csv"`,
	} {
		if !strings.Contains(page, want) {
			t.Errorf("xss/index.html lacks %s", want)
		}
	}
	t.Run("CSV", func(t *testing.T) {
		n := 0
		for name, data := range out {
			if !strings.HasSuffix(name, ".csv") {
				continue
			}
			rows, err := csv.NewReader(bytes.NewReader(data)).ReadAll()
			if err != nil {
				t.Fatalf("%s: %v", name, err)
			}
			for _, row := range rows {
				for _, cell := range row {
					if cell != "" && strings.ContainsRune("=+@\t\r", rune(cell[0])) {
						t.Errorf("%s: cell %q would run as a formula", name, cell)
					}
					if strings.HasPrefix(cell, "'") {
						n++
					}
				}
			}
		}
		if n == 0 {
			t.Error("no CSV cell was neutralised: the hostile breakdown values are missing")
		}
		if csv := string(out["xss/chart-5.csv"]); !strings.Contains(csv, `,'=cmd|' /C calc'!A0,`) ||
			!strings.Contains(csv, `,</script><script>alert(1)</script>,`) {
			t.Errorf("xss/chart-5.csv:\n%s", csv)
		}
	})
	t.Run("JSON", func(t *testing.T) {
		for name, data := range out {
			if !strings.HasSuffix(name, ".json") {
				continue
			}
			if bytes.ContainsAny(data, "<>") {
				t.Errorf("%s: unescaped < or >", name)
			}
			var v struct {
				Title  string
				Groups []struct{ Value string }
			}
			if err := json.Unmarshal(data, &v); err != nil {
				t.Errorf("%s: %v", name, err)
			}
		}
		var v struct {
			Title, Event string
			Groups       []struct{ Value string }
		}
		if err := json.Unmarshal(out["xss/chart-5.json"], &v); err != nil || len(v.Groups) != 3 ||
			v.Groups[0].Value+v.Groups[1].Value+v.Groups[2].Value == "" || v.Title != "Hostile breakdown values" {
			t.Fatalf("xss/chart-5.json: %+v %v", v, err)
		}
		for _, g := range v.Groups {
			if !strings.ContainsAny(g.Value, "<=\"") {
				t.Errorf("group %q did not come back intact from JSON", g.Value)
			}
		}
	})
}

var (
	downloadRE = regexp.MustCompile(`download="([^"]*)"`)
	slugRE     = regexp.MustCompile(`^[a-z0-9]+(-[a-z0-9]+)*\.(csv|json)$`)
)

// TestSite_Demo builds the demo site at the repository root, so that its
// dashboards, which double as examples, stay valid.
func TestSite_Demo(t *testing.T) {
	out := buildSite(t, ".")
	for _, name := range []string{"index.html", "traffic/index.html", "sales/checkout/index.html", "signups/index.html", "pods/installs/index.html"} {
		if len(out[name]) == 0 {
			t.Errorf("demo site has no %s", name)
		}
	}
}

func TestECharts(t *testing.T) {
	_, err := os.Stat(filepath.Join("static", "vendor", "echarts.min.js"))
	if present := err == nil; present != (dashsmith.ECharts() != nil) {
		t.Fatalf("static/vendor/echarts.min.js present: %v, but ECharts() returns %d bytes", present, len(dashsmith.ECharts()))
	}
}
