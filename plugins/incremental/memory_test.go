package incremental

import (
	"context"
	"errors"
	"fmt"
	"sort"
	"strings"
	"testing"
	"time"

	"github.com/dashsmith/dashsmith/build"
)

// fakeSite is what the builds of TestMemory read: source files by name,
// each file's query total, and a page that stages after the check add
// (as index adds the home page).
type fakeSite struct {
	files  map[string]string
	totals map[string]float64
	broken string // a file whose render fails
}

// pipeline stands for the standard one, its stages named at random: reuse
// finds its place by the stages they declare, whatever their names.
func (f *fakeSite) pipeline(salt string, r *render) build.Pipeline {
	name := func(stage string) string { return fmt.Sprintf("%s-%d", stage, time.Now().UnixNano()) }
	return build.Pipeline{
		build.StageFunc(build.ReadStage, name("read"), func(_ context.Context, s *build.Site) error {
			names := make([]string, 0, len(f.files))
			for n := range f.files {
				names = append(names, n)
			}
			sort.Strings(names)
			for _, n := range names {
				s.Pages = append(s.Pages, &build.Page{Source: n, URL: strings.TrimSuffix(n, ".md") + "/", Body: []byte(f.files[n])})
			}
			return nil
		}),
		build.StageFunc(build.ParseStage, name("parse"), func(_ context.Context, s *build.Site) error {
			for _, p := range s.Pages {
				title, body, _ := strings.Cut(string(p.Body), "\n")
				p.Meta.Title, p.Body = title, []byte(body)
			}
			return nil
		}),
		build.StageFunc(build.ListStage, name("list"), func(_ context.Context, s *build.Site) error {
			s.Pages = append([]*build.Page{{Meta: build.Meta{Title: "Home"}}}, s.Pages...)
			return nil
		}),
		build.StageFunc(build.DataStage, name("data"), func(_ context.Context, s *build.Site) error {
			for _, p := range s.Pages {
				p.Data = map[string]*build.Result{"q": {Total: f.totals[p.Source]}}
			}
			return nil
		}),
		r,
		build.StageFunc(build.LayoutStage, name("layout"), func(_ context.Context, s *build.Site) error {
			for _, p := range s.Pages {
				if p.Reused {
					continue
				}
				if p.Source == f.broken && p.Source != "" {
					return build.ErrorList{build.Errorf("content/"+p.Source, 1, "broken")}
				}
				if p.URL == "" { // rendered by r, which names it ""
					p.Body = []byte("<html>home " + salt + "</html>")
				}
			}
			return nil
		}),
	}
}

func TestMemory(t *testing.T) {
	f := &fakeSite{files: map[string]string{"a.md": "A\nalpha", "b.md": "B\nbeta"}, totals: map[string]float64{"a.md": 1, "b.md": 2}}
	m := NewMemory()
	now := time.Date(2026, 11, 25, 12, 5, 0, 0, time.UTC)
	stamp := "s1"
	var last *build.Site
	buildOnce := func() ([]string, error) {
		t.Helper()
		r := &render{name: "render"}
		pipe, err := m.Wrap(f.pipeline("x", r), stamp)
		if err != nil {
			t.Fatal(err)
		}
		s := &build.Site{Now: now, Through: now, Files: map[string][]byte{}}
		if err := pipe.Run(context.Background(), s); err != nil {
			return r.rendered, err
		}
		m.Keep()
		last = s
		for i, url := range r.rendered {
			if url == "" {
				r.rendered[i] = "home"
			}
		}
		sort.Strings(r.rendered)
		return r.rendered, nil
	}
	step := func(what, want string) {
		t.Helper()
		got, err := buildOnce()
		if err != nil {
			t.Fatalf("%s: %v", what, err)
		}
		if strings.Join(got, " ") != want {
			t.Errorf("%s: rendered %q, want %q", what, strings.Join(got, " "), want)
		}
	}
	step("first", "a/ b/ home")
	f.totals["a.md"] = 9 // the stamp stands for the data: kept pages are not queried
	step("same", "")
	f.totals["a.md"] = 1
	step("same", "")
	if string(last.Files["a/chart-1.csv"]) != "total,1\n" || string(last.Pages[1].Body) != "<html>a/ 1</html>" || last.Pages[1].Files[0] != "a/chart-1.csv" {
		t.Errorf("a kept page lost its body or files: %q %q %q", last.Pages[1].Body, last.Files["a/chart-1.csv"], last.Pages[1].Files)
	}
	f.files["b.md"] = "B\nbeta two"
	step("an edit", "b/")
	now = now.Add(30 * time.Minute)
	step("later in the hour", "")
	now = now.Add(30 * time.Minute)
	step("the next hour", "a/ b/ home")
	f.totals["a.md"], stamp = 5, "s2"
	step("new data (a new stamp)", "a/ b/ home")
	if string(last.Files["a/chart-1.csv"]) != "total,5\n" {
		t.Errorf("after new data: %q", last.Files["a/chart-1.csv"])
	}
	f.files["b.md"] = "Bee\nbeta two"
	step("a title in the navigation", "a/ b/ home")

	f.files["a.md"], f.broken = "A\nalpha two", "a.md"
	if _, err := buildOnce(); !errors.As(err, new(build.ErrorList)) {
		t.Fatalf("a broken build: %v", err)
	}
	f.files["a.md"], f.broken = "A\nalpha", ""
	step("fixed", "") // the failed build was not kept: as the last good one
	m.Forget()
	step("forgotten", "a/ b/ home")
}
