package serve

import (
	"context"
	"errors"
	"fmt"
	"io"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"

	"github.com/dashsmith/dashsmith/build"
)

// TestServer_BrokenPage: a page that does not build answers 500 with its
// problems, from the first build on, while the other pages answer 200 with
// what they built; a problem outside the dashboards (a layout) stops every
// page; a fix brings every page back.
func TestServer_BrokenPage(t *testing.T) {
	f := &site{files: map[string]string{"a.md": "A\nalpha", "b.md": "!B\nbeta"}}
	s := newServer(f)
	srv := httptest.NewServer(s.Handler())
	defer srv.Close()
	get := func(path string) (int, string) {
		t.Helper()
		c := &http.Client{CheckRedirect: func(*http.Request, []*http.Request) error { return http.ErrUseLastResponse }}
		resp, err := c.Get(srv.URL + path)
		if err != nil {
			t.Fatal(err)
		}
		defer resp.Body.Close()
		b, _ := io.ReadAll(resp.Body)
		if resp.StatusCode == http.StatusMovedPermanently {
			return resp.StatusCode, resp.Header.Get("Location")
		}
		return resp.StatusCode, string(b)
	}
	// rebuild builds; wantBroken is the pages that did not build, -1 when
	// the site failed as a whole (no page is broken on its own).
	rebuild := func(name string, changed []string, wantBroken int) {
		t.Helper()
		st, err := s.Build(context.Background(), changed)
		if (err != nil) != (wantBroken != 0) || st.Broken != max(wantBroken, 0) {
			t.Fatalf("%s: %d broken, %v; want %d broken", name, st.Broken, err, wantBroken)
		}
	}
	rebuild("first", nil, 1)
	if code, body := get("/a/"); code != 200 || !strings.Contains(body, "<h1>A</h1>alpha") {
		t.Errorf("a good page beside a broken one at the start: %d\n%s", code, body)
	}
	if code, body := get("/b/"); code != 500 || !strings.Contains(body, "This page did not build") || !strings.Contains(body, `content/b.md:1: bad title &#34;!B&#34;`) {
		t.Errorf("the broken page: %d\n%s", code, body)
	}
	if code, loc := get("/b"); code != http.StatusMovedPermanently || loc != "/b/" {
		t.Errorf("/b: %d to %q", code, loc)
	}
	if code, body := get("/assets/site.css"); code != 200 || body != "body{}" {
		t.Errorf("css beside a broken page: %d %q", code, body)
	}

	f.files["b.md"] = "B\nbeta"
	rebuild("fixed", []string{"content/b.md"}, 0)
	f.files["a.md"] = "A\nalpha two"
	f.files["b.md"] = "!B\nbeta"
	rebuild("a edited, b broken", []string{"content/a.md", "content/b.md"}, 1)
	if code, body := get("/a/"); code != 200 || !strings.Contains(body, "alpha two") {
		t.Errorf("an edited page beside a broken one: %d\n%s", code, body)
	}
	if code, _ := get("/b/"); code != 500 {
		t.Errorf("the broken page again: %d", code)
	}

	f.layout = "bad {{"
	rebuild("layout", []string{"layouts/page.html"}, -1)
	for _, p := range []string{"/a/", "/b/", "/"} {
		if code, body := get(p); code != 500 || !strings.Contains(body, "The site did not build") || !strings.Contains(body, "layouts/page.html:3: bad {{") {
			t.Errorf("%s with a broken layout: %d\n%s", p, code, body)
		}
	}

	f.layout = ""
	f.files["b.md"] = "B\nbeta"
	rebuild("all fixed", []string{"layouts/page.html", "content/b.md"}, 0)
	for p, want := range map[string]string{"/a/": "alpha two", "/b/": "<h1>B</h1>beta"} {
		if code, body := get(p); code != 200 || !strings.Contains(body, want) {
			t.Errorf("%s after the fixes: %d\n%s", p, code, body)
		}
	}
}

// TestBrokenPages: the copies of a template share its file, so a problem
// in it is served at the copies that did not build, not at those that
// did; a page the last good build had and this one did not make is
// broken too; a problem in a file that made no missing page, or that
// is not a list of problems, breaks the whole site (nil).
func TestBrokenPages(t *testing.T) {
	page := func(source, url string) *build.Page { return &build.Page{Source: source, URL: url} }
	tmpl, a, b := page("events.md", "events/"), page("events.md", "events/a/"), page("events.md", "events/b/")
	other := page("other.md", "other/")
	made := &madePages{read: []*build.Page{tmpl, other}, listed: []*build.Page{a, b, other}}
	site := &build.Site{Pages: []*build.Page{a, other}}
	last := &output{pages: map[string]string{"events/c/index.html": "events.md", "other/index.html": "other.md"}}
	problem := build.ErrorList{build.Errorf("content/events.md", 4, "query %q: no such event", "b")}

	got := brokenPages(problem, site, made, last)
	want := map[string][]string{
		"events/index.html":   {`content/events.md:4: query "b": no such event`},
		"events/b/index.html": {`content/events.md:4: query "b": no such event`},
		"events/c/index.html": {`content/events.md:4: query "b": no such event`},
	}
	if fmt.Sprint(got) != fmt.Sprint(want) {
		t.Errorf("brokenPages = %v\nwant %v", got, want)
	}
	for name, err := range map[string]error{
		"a page that built": build.ErrorList{build.Errorf("content/other.md", 1, "x")},
		"a layout":          build.ErrorList{build.Errorf("layouts/page.html", 1, "x")},
		"and a layout":      append(problem, build.Errorf("layouts/page.html", 1, "x")),
		"not a list":        errors.New("store: closed"),
		"an empty list":     build.ErrorList{},
	} {
		if got := brokenPages(err, site, made, last); got != nil {
			t.Errorf("%s: %v; want the whole site broken (nil)", name, got)
		}
	}
}
