package serve

import (
	"context"
	"errors"
	"fmt"
	"io"
	"net/http"
	"net/http/httptest"
	"sort"
	"strings"
	"testing"

	"github.com/dashsmith/dashsmith/build"
	"github.com/dashsmith/dashsmith/build/storetest"
	"github.com/dashsmith/dashsmith/plugins/incremental"
)

// site is a fake site: its files, a store that counts its queries, and a
// pipeline of stages of the real ones' kinds (build.Stage), whose layout
// counts the pages it lays out.
type site struct {
	files   map[string]string // content/ by name: the first line is the title, "!" makes a problem
	layout  string            // a problem in the layout, at layouts/page.html, when not ""
	queries int
	parsed  int
	laidOut int
}

// store is the in-memory store, counting the site's queries.
type store struct {
	*storetest.Memory
	s *site
}

func (st store) Query(_ context.Context, q build.Query) (*build.Result, error) {
	st.s.queries++
	return &build.Result{Query: q, Total: 7}, nil
}
func (st store) Close() error { return nil }

type layout struct{ s *site }

func (l *layout) Name() string     { return "layout" }
func (*layout) Stage() build.Stage { return build.LayoutStage }
func (l *layout) Run(_ context.Context, s *build.Site) error {
	if l.s.layout != "" {
		return build.ErrorList{build.Errorf("layouts/page.html", 3, "%s", l.s.layout)}
	}
	var nav []string
	for _, p := range s.Pages {
		nav = append(nav, p.Meta.Title)
	}
	for _, p := range s.Pages {
		if p.Reused {
			continue
		}
		l.s.laidOut++
		p.Body = fmt.Appendf(nil, "<html><body><h1>%s</h1>%s<nav>%s</nav></body></html>", p.Meta.Title, p.Body, strings.Join(nav, ","))
	}
	s.Files["assets/site.css"] = []byte("body{}")
	return nil
}

func (f *site) pipeline() build.Pipeline {
	return build.Pipeline{
		build.StageFunc(build.ReadStage, "content", func(_ context.Context, s *build.Site) error {
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
		build.StageFunc(build.ParseStage, "frontmatter", func(_ context.Context, s *build.Site) error {
			var errs build.ErrorList
			for _, p := range s.Pages {
				f.parsed++
				title, body, _ := strings.Cut(string(p.Body), "\n")
				if strings.HasPrefix(title, "!") {
					errs = append(errs, build.Errorf("content/"+p.Source, 1, "bad title %q", title))
				}
				p.Meta.Title, p.Body = title, []byte(body)
			}
			return errs.Err()
		}),
		build.StageFunc(build.DataStage, "query", func(ctx context.Context, s *build.Site) error {
			for _, p := range s.Pages {
				if _, err := s.Store.Query(ctx, build.Query{Event: p.Meta.Title}); err != nil {
					return err
				}
			}
			return nil
		}),
		build.StageFunc(build.DataStage, "health", func(_ context.Context, s *build.Site) error { // a page no file makes
			s.Pages = append(s.Pages, &build.Page{Source: "ingestion.md", URL: "ingestion/", Meta: build.Meta{Title: "Ingestion"}})
			return nil
		}),
		build.StageFunc(build.ListStage, "index", func(_ context.Context, s *build.Site) error {
			sort.Slice(s.Pages, func(i, j int) bool { return s.Pages[i].Source < s.Pages[j].Source })
			s.Pages = append([]*build.Page{{Meta: build.Meta{Title: "Home"}}}, s.Pages...)
			return nil
		}),
		&layout{s: f},
	}
}

// open opens the site's store, whatever the URL and options.
func (f *site) open(string, build.StoreOptions) (build.Store, error) {
	return store{storetest.NewMemory(), f}, nil
}

func newServer(f *site) *Server {
	return New(Options{
		Load:     func() (build.Config, error) { return build.Config{Title: "T"}, nil },
		StoreURL: func(build.Config) string { return "fake:" },
		Open:     f.open,
		Pipeline: f.pipeline,
		Reuse:    incremental.NewMemory(),
	})
}

func TestServer_Build(t *testing.T) {
	f := &site{files: map[string]string{"a.md": "A\nalpha", "b.md": "B\nbeta", "c.md": "C\ngamma"}}
	s := newServer(f)
	ctx := context.Background()
	step := func(name string, changed []string, wantParsed, wantBuilt, wantLaidOut, wantQueries int) {
		t.Helper()
		f.laidOut, f.queries, f.parsed = 0, 0, 0
		st, err := s.Build(ctx, changed)
		if err != nil {
			t.Fatalf("%s: %v", name, err)
		}
		if st.Pages != 5 || f.parsed != wantParsed || st.Built != wantBuilt || f.laidOut != wantLaidOut || f.queries != wantQueries {
			t.Errorf("%s: %d pages, %d parsed, %d built, %d laid out, %d queries; want 5, %d, %d, %d, %d",
				name, st.Pages, f.parsed, st.Built, f.laidOut, f.queries, wantParsed, wantBuilt, wantLaidOut, wantQueries)
		}
	}
	step("first", nil, 3, 5, 5, 3)
	step("same", []string{"content/b.md"}, 0, 0, 0, 0)
	f.files["b.md"] = "B\nbeta two"
	step("body", []string{"content/b.md"}, 1, 1, 1, 0)
	if got := s.out.files["b/index.html"]; !strings.Contains(string(got), "beta two") || !strings.Contains(string(s.out.files["a/index.html"]), "alpha") {
		t.Fatalf("pages after an edit: %q", got)
	}
	f.files["b.md"] = "Bee\nbeta two"
	step("title", []string{"content/b.md"}, 1, 5, 5, 1)
	if !strings.Contains(string(s.out.files["a/index.html"]), "<nav>Home,A,Bee,C,Ingestion</nav>") {
		t.Fatalf("navigation of a kept page: %s", s.out.files["a/index.html"])
	}
	step("layouts", []string{"layouts/page.html"}, 3, 5, 5, 0)
	delete(f.files, "c.md")
	f.files["d.md"] = "D\ndelta"
	step("rename", []string{"content/c.md", "content/d.md"}, 1, 5, 5, 1)
	if _, ok := s.out.files["c/index.html"]; ok {
		t.Error("a removed page is still served")
	}

	f.files["b.md"] = "!<script>alert(1)</script>\nbeta"
	if _, err := s.Build(ctx, []string{"content/b.md"}); err == nil {
		t.Fatal("a broken page built")
	}
	f.files["b.md"] = "Bee\nbeta two"
	step("fixed", []string{"content/b.md"}, 0, 0, 0, 0)
}

func TestServer_Handler(t *testing.T) {
	f := &site{files: map[string]string{"a.md": "A\nalpha"}}
	s := newServer(f)
	if _, err := s.Build(context.Background(), nil); err != nil {
		t.Fatal(err)
	}
	srv := httptest.NewServer(s.Handler())
	defer srv.Close()
	get := func(path string) (*http.Response, string) {
		t.Helper()
		c := &http.Client{CheckRedirect: func(*http.Request, []*http.Request) error { return http.ErrUseLastResponse }}
		resp, err := c.Get(srv.URL + path)
		if err != nil {
			t.Fatal(err)
		}
		defer resp.Body.Close()
		b, _ := io.ReadAll(resp.Body)
		return resp, string(b)
	}
	resp, body := get("/a/")
	if resp.StatusCode != 200 || !strings.HasSuffix(body, `if(e.data!=="1"){s.close();location.reload()}})})();</script></body></html>`) {
		t.Errorf("/a/: %d %q", resp.StatusCode, body)
	}
	if resp, _ := get("/a"); resp.StatusCode != http.StatusMovedPermanently || resp.Header.Get("Location") != "/a/" {
		t.Errorf("/a: %d to %q", resp.StatusCode, resp.Header.Get("Location"))
	}
	if resp, body := get("/assets/site.css"); resp.StatusCode != 200 || body != "body{}" || !strings.HasPrefix(resp.Header.Get("Content-Type"), "text/css") {
		t.Errorf("css: %d %q %q", resp.StatusCode, resp.Header.Get("Content-Type"), body)
	}
	if resp, _ := get("/nope/"); resp.StatusCode != http.StatusNotFound {
		t.Errorf("/nope/: %d", resp.StatusCode)
	}

	f.files["a.md"] = "!<script>alert(1)</script>\nalpha"
	if _, err := s.Build(context.Background(), []string{"content/a.md"}); err == nil {
		t.Fatal("a broken page built")
	}
	resp, body = get("/a/")
	if resp.StatusCode != 500 || !strings.Contains(body, `content/a.md:1: bad title &#34;!&lt;script&gt;alert(1)&lt;/script&gt;&#34;`) || strings.Contains(body, "<script>alert") {
		t.Errorf("problems page: %d\n%s", resp.StatusCode, body)
	}
	if resp, body := get("/assets/site.css"); resp.StatusCode != 200 || body != "body{}" {
		t.Errorf("css while broken: %d %q", resp.StatusCode, body)
	}
}

// TestOpenReader: a build opens the store to read it, and opens it as an
// ingest would only when it is not there yet (build.ErrNotFound), so that
// a new site without data builds.
func TestOpenReader(t *testing.T) {
	var asked []build.StoreOptions
	missing := true
	open := func(url string, o build.StoreOptions) (build.Store, error) {
		asked = append(asked, o)
		if o.ReadOnly && missing {
			return nil, fmt.Errorf("%s: %w", url, build.ErrNotFound)
		}
		return storetest.NewMemory(), nil
	}
	if _, err := openReader(open, "mem:"); err != nil || fmt.Sprint(asked) != "[{true false} {false false}]" {
		t.Errorf("a store not there: %v, opened as %v; want read-only, then as a build does", err, asked)
	}
	asked, missing = nil, false
	if _, err := openReader(open, "mem:"); err != nil || fmt.Sprint(asked) != "[{true false}]" {
		t.Errorf("a store that is there: %v, opened as %v; want read-only once", err, asked)
	}
	fail := func(string, build.StoreOptions) (build.Store, error) { return nil, errors.New("denied") }
	if _, err := openReader(fail, "mem:"); err == nil || err.Error() != "denied" {
		t.Errorf("a store that fails to open: %v", err)
	}
}
