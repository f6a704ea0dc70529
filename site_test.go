package dashsmith_test

import (
	"bytes"
	"context"
	"flag"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"testing"
	"time"
	_ "time/tzdata" // zones without the system's database

	"github.com/dashsmith/dashsmith"
	"github.com/dashsmith/dashsmith/build"
	"github.com/dashsmith/dashsmith/plugins/charts"
	"github.com/dashsmith/dashsmith/plugins/config"
	"github.com/dashsmith/dashsmith/plugins/content"
	"github.com/dashsmith/dashsmith/plugins/frontmatter"
	"github.com/dashsmith/dashsmith/plugins/index"
	"github.com/dashsmith/dashsmith/plugins/layout"
	"github.com/dashsmith/dashsmith/plugins/markdown"
	"github.com/dashsmith/dashsmith/plugins/query"
)

var update = flag.Bool("update", false, "rewrite testdata/golden/ from the current output")

// now is the build's fixed "as of" instant.
var now = time.Date(2026, 3, 4, 15, 30, 0, 0, time.UTC)

// pipeline is the site pipeline, in the order the stages must run.
func pipeline() build.Pipeline {
	return build.Pipeline{
		content.New(""),
		frontmatter.New(),
		query.New(),
		markdown.New(),
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
			if !strings.HasSuffix(name, ".html") {
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
		if strings.HasSuffix(name, ".html") {
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
		for _, name := range []string{"assets/dashsmith.css", "assets/charts.js", "assets/echarts.min.js"} {
			if len(got[name]) == 0 {
				t.Errorf("no %s", name)
			}
		}
	})
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
	}
	page := string(out["xss/index.html"])
	for _, want := range []string{
		`<h1>&#34;&gt;&lt;img src=x onerror=alert(1)&gt;</h1>`,
		`<figcaption>&lt;/script&gt;&lt;script&gt;alert(1)&lt;/script&gt;</figcaption>`,
		`"name":"\u003c/script\u003e\u003cscript\u003ealert(1)\u003c/script\u003e"`,
		`"name":"\"\u003e\u003cimg src=x onerror=alert(1)\u003e"`,
		`<th scope="col">&lt;/script&gt;&lt;script&gt;alert(1)&lt;/script&gt;</th>`,
		`<th scope="col">&#34;&gt;&lt;img src=x onerror=alert(1)&gt;</th>`,
	} {
		if !strings.Contains(page, want) {
			t.Errorf("xss/index.html lacks %s", want)
		}
	}
}

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
