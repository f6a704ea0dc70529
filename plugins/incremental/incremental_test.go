package incremental

import (
	"context"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/dashsmith/dashsmith/build"
)

// render stands for markdown, charts and layout: it counts the pages it
// renders and gives each a data file, declared on the page.
type render struct {
	name     string
	rendered []string
}

func (r *render) Name() string     { return r.name }
func (*render) Stage() build.Stage { return build.RenderStage }
func (r *render) Run(_ context.Context, s *build.Site) error {
	for _, p := range s.Pages {
		if p.Reused {
			continue
		}
		r.rendered = append(r.rendered, p.URL)
		p.Body = []byte(fmt.Sprintf("<html>%s %v</html>", p.URL, p.Data["q"].Total))
		s.Files[p.URL+"chart-1.csv"] = []byte(fmt.Sprintf("total,%v\n", p.Data["q"].Total))
		p.Files = append(p.Files, p.URL+"chart-1.csv")
	}
	return nil
}

// reader stands for content and the stages up to query: it makes a page
// for each name, whose data is totals[name].
func reader(name string, totals map[string]float64) build.Plugin {
	return build.StageFunc(build.ReadStage, name, func(_ context.Context, s *build.Site) error {
		for _, name := range []string{"", "orders", "signups", "pods"} {
			url := name + "/"
			if name == "" {
				url = "" // the home page, content/index.md
			}
			s.Pages = append(s.Pages, &build.Page{
				Source: name + ".md", URL: url, Body: []byte("# " + name),
				Meta: build.Meta{Title: name},
				Data: map[string]*build.Result{"q": {Total: totals[name]}},
			})
		}
		return nil
	})
}

func TestIncremental(t *testing.T) {
	out := filepath.Join(t.TempDir(), "public")
	now := time.Date(2026, 11, 25, 12, 0, 0, 0, time.UTC)
	through := now
	totals := map[string]float64{"": 0, "orders": 4, "signups": 7, "pods": 1}
	buildOnce := func(salt string) []string {
		t.Helper()
		s := &build.Site{Now: now, Through: through, Files: map[string][]byte{}}
		r := &render{name: "render"}
		pipe, err := New(Options{Manifest: Disk(out), Salt: salt}).Place(build.Pipeline{reader("content", totals), r})
		if err != nil {
			t.Fatal(err)
		}
		if err := pipe.Run(context.Background(), s); err != nil {
			t.Fatal(err)
		}
		if err := build.Write(s, out); err != nil {
			t.Fatal(err)
		}
		return r.rendered
	}
	read := func(name string) string {
		b, err := os.ReadFile(filepath.Join(out, filepath.FromSlash(name)))
		if err != nil {
			return "<missing>"
		}
		return string(b)
	}

	if got := buildOnce("v1"); len(got) != 4 {
		t.Fatalf("first build rendered %v, want every page", got)
	}
	if got := buildOnce("v1"); len(got) != 0 {
		t.Errorf("an unchanged build rendered %v", got)
	}
	if read("orders/index.html") != "<html>orders/ 4</html>" || read("orders/chart-1.csv") != "total,4\n" {
		t.Errorf("reused output lost: %q %q", read("orders/index.html"), read("orders/chart-1.csv"))
	}

	totals["signups"] = 8 // new events for the event one page reads
	if got := buildOnce("v1"); len(got) != 1 || got[0] != "signups/" {
		t.Errorf("after new sign-ups rendered %v, want only signups/", got)
	}
	if read("signups/chart-1.csv") != "total,8\n" || read("pods/chart-1.csv") != "total,1\n" {
		t.Error("the data files do not match the new build")
	}

	if got := buildOnce("v2"); len(got) != 4 {
		t.Errorf("a new theme or binary rendered %v, want every page", got)
	}

	now = now.Add(time.Hour) // built later, with no new data
	if got := buildOnce("v2"); len(got) != 1 || got[0] != "" {
		t.Errorf("a later build time rendered %q, want the home page alone (its footer says when it was built)", got)
	}

	if err := os.Remove(filepath.Join(out, "pods", "chart-1.csv")); err != nil {
		t.Fatal(err)
	}
	if got := buildOnce("v2"); len(got) != 1 || got[0] != "pods/" {
		t.Errorf("with a file of the last output gone rendered %v, want pods/", got)
	}
}

func TestSalt(t *testing.T) {
	dir := t.TempDir()
	if err := os.Mkdir(filepath.Join(dir, "layouts"), 0o755); err != nil {
		t.Fatal(err)
	}
	salt := func(dirs ...string) string {
		t.Helper()
		s, err := Salt(dir, dirs...)
		if err != nil {
			t.Fatal(err)
		}
		return s
	}
	a := salt("layouts", "missing")
	if a == "" {
		t.Fatal("no salt")
	}
	if err := os.WriteFile(filepath.Join(dir, "layouts", "baseof.html"), []byte("x"), 0o644); err != nil {
		t.Fatal(err)
	}
	b := salt("layouts")
	if b == a || b == "" {
		t.Error("a new layout file did not change the salt")
	}
	t.Run("LinkInside", func(t *testing.T) {
		if err := os.WriteFile(filepath.Join(dir, "shared.html"), []byte("1"), 0o644); err != nil {
			t.Fatal(err)
		}
		if err := os.Symlink(filepath.Join("..", "shared.html"), filepath.Join(dir, "layouts", "page.html")); err != nil {
			t.Skipf("no symlinks here: %v", err)
		}
		defer os.Remove(filepath.Join(dir, "layouts", "page.html"))
		c := salt("layouts")
		if err := os.WriteFile(filepath.Join(dir, "shared.html"), []byte("2"), 0o644); err != nil {
			t.Fatal(err)
		}
		if d := salt("layouts"); d == c || d == "" {
			t.Error("an edit of a linked layout did not change the salt")
		}
	})
	t.Run("LinkOutside", func(t *testing.T) {
		if err := os.Mkdir(filepath.Join(dir, "static"), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.Symlink("/proc/self/environ", filepath.Join(dir, "static", "env.css")); err != nil {
			t.Skipf("no symlinks here: %v", err)
		}
		_, err := Salt(dir, "layouts", "static")
		if err == nil || !strings.HasPrefix(err.Error(), "static/env.css: symlink leads outside the site folder") {
			t.Fatalf("got %v", err)
		}
	})
}
